#!/usr/bin/env python3
"""Validate JSON Lines against a JSON Schema (draft 2020-12).

Usage: validate-json.py SCHEMA FILE

Uses the jsonschema package when it is installed; otherwise a small
validator for the keywords doc/check.schema.json uses (type, properties,
required, additionalProperties, enum, const, pattern, minimum, minLength,
allOf, if/then/else, not).  Prints each problem and exits 1 when there is
one, 0 otherwise.
"""
import json
import re
import sys

TYPES = {
    "object": dict, "array": list, "string": str, "boolean": bool,
    "null": type(None),
}


def is_type(value, name):
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, TYPES[name])


def errors(value, schema, path="$"):
    """Yield the problems of VALUE against SCHEMA."""
    if schema is True or schema == {}:
        return
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(is_type(value, n) for n in names):
            yield f"{path}: {value!r} is not of type {names}"
            return
    if "const" in schema and value != schema["const"]:
        yield f"{path}: {value!r} is not {schema['const']!r}"
    if "enum" in schema and value not in schema["enum"]:
        yield f"{path}: {value!r} is not one of {schema['enum']}"
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            yield f"{path}: {value!r} does not match {schema['pattern']}"
        if "minLength" in schema and len(value) < schema["minLength"]:
            yield f"{path}: {value!r} is too short"
    if is_type(value, "number") and "minimum" in schema and value < schema["minimum"]:
        yield f"{path}: {value!r} is less than {schema['minimum']}"
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                yield f"{path}: missing required key {key!r}"
        for key, sub in value.items():
            if key in props:
                yield from errors(sub, props[key], f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                yield f"{path}: unexpected key {key!r}"
    for sub in schema.get("allOf", []):
        yield from errors(value, sub, path)
    if "if" in schema:
        if not list(errors(value, schema["if"], path)):
            yield from errors(value, schema.get("then", {}), path)
        else:
            yield from errors(value, schema.get("else", {}), path)
    if "not" in schema and not list(errors(value, schema["not"], path)):
        yield f"{path}: must not match {schema['not']}"


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    try:
        import jsonschema
        check = jsonschema.Draft202012Validator(schema)
        problems_of = lambda obj: [e.message for e in check.iter_errors(obj)]
    except ImportError:
        problems_of = lambda obj: list(errors(obj, schema))
    bad = 0
    count = 0
    with open(sys.argv[2], encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            count += 1
            try:
                obj = json.loads(line)
            except ValueError as e:
                print(f"# line {n}: not JSON: {e}")
                bad += 1
                continue
            for p in problems_of(obj):
                print(f"# line {n}: {p}")
                bad += 1
    if not count:
        print("# no JSON objects")
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

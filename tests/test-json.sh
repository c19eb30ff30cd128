#!/bin/sh
# test-json.sh — the json writer, loaded by python3's json module: the
# document's structure and values against the letter, every body
# paragraph in order, strict escapes of hostile text, and the document
# valid against doc/letter.schema.json (with the jsonschema package when
# it is installed, and always with the small validator below, which
# knows the keywords the schema uses).
. "$srcdir/tap.sh"

render="$top_builddir/tests/render-letter"
plugins="$top_builddir/plugins"
seed="$top_srcdir/corpus/000_b6b6d3f049d4ab14.md"
ko="$top_srcdir/tests/data/web/letter-ko.md"
schema="$top_srcdir/doc/letter.schema.json"

check "render the seed letter as JSON" \
	"$render" "$plugins" json en "$seed" "$T/en.json"
check "render the Korean letter as a draft" \
	"$render" "$plugins" json ko --draft "$ko" "$T/ko.json"
check "render a hostile translation as a draft" \
	"$render" "$plugins" json en --draft --hostile "$seed" "$T/hostile.json"

# Strict escaping, seen in the bytes themselves.
check "no raw '<' anywhere (escaped as \\u003c)" \
	sh -c "! grep -q '<' '$T/hostile.json'"
check_grep "control characters as \\u00XX" '\u0001\u0007\u001b\u007f end' "$T/hostile.json"
check "no raw control character but the line ends" \
	sh -c "! LC_ALL=C grep -q '[[:cntrl:]]' '$T/hostile.json'"
check_grep "Korean passes through as UTF-8" '"text": "이재명 대통령님께, 저희는 귀 정부가' "$T/ko.json"


cat > "$T/check.py" <<'EOF'
import json, sys, re

def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)

def letter_paragraphs(md_path):
    """The body paragraphs of a letter file, as plain text (a small
    reading of the Markdown: enough for the test letters)."""
    text = open(md_path, encoding="utf-8").read()
    body = text.split("\n---\n", 1)[1]
    paras = []
    for chunk in re.split(r"\n\s*\n", body):
        chunk = chunk.strip()
        if not chunk or re.match(r"^(#|>|- |\d+\. |---)", chunk):
            continue
        paras.append(chunk)
    return paras

def plain(s):
    s = re.sub(r"<[^>]+>", "", s)
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = re.sub(r"(\*\*|\*)", "", s)
    s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    s = s.replace("\\", "")
    return re.sub(r"\s+", " ", s).strip()

def walk_inlines(inl, out):
    for x in inl:
        if x["type"] in ("text", "code"):
            out.append(x["text"])
        elif x["type"] in ("softbreak", "linebreak"):
            out.append(" ")
        elif "children" in x:
            walk_inlines(x["children"], out)
    return "".join(out)

def check(cond, what):
    print(("ok" if cond else "FAIL") + " - " + what)
    if not cond:
        check.failed = True
check.failed = False

mode, path = sys.argv[1], sys.argv[2]
d = load(path)
if mode == "seed":
    check(d["schema"].startswith("https://") and "letter-1" in d["schema"], "schema id")
    check(d["id"] == "000_b6b6d3f049d4ab14", "id")
    check(d["lang"] == "en" and d["source_lang"] == "en", "lang, source_lang")
    check(d["draft"] is False, "draft false")
    check(d["date"] == "2025-10-28" and d["date_text"] == "October 28, 2025", "date, date_text")
    r = d["recipients"]
    check(len(r) == 1 and r[0]["name"] == "Lee Jae-myung", "one recipient, named")
    check(r[0]["title"] == "President of the Republic of Korea", "recipient title")
    check(r[0]["address"] == ["22, Itaewon-ro, Yongsan-gu, Seoul 04383", "Republic of Korea"], "address lines")
    check(r[0]["fax"] == ["+82 2-770-4721"] and r[0]["email"] == ["president.go.kr"], "fax and e-mail lists")
    check([c["name"] for c in d["cc"]] == ["Kim Min-seok", "Cho Hyun", "Chung Dong-young"], "cc in order")
    check(d["cc"][0]["organisation"].startswith("Office for Government Policy"), "cc organisation")
    s = d["subject"]
    check(s["text"] == "2025 North Korean human rights resolution to be adopted at the 80th United Nations General Assembly", "subject plain text")
    check(any(i["type"] == "sup" and i["children"][0]["text"] == "th" for i in s["inlines"]), "subject keeps <sup> as an inline")
    check(d["salutation"]["text"] == "Dear President Lee Jae-myung,", "salutation")
    check(d["closing"]["text"] == "Sincerely,", "closing")
    body = d["body"]
    check(all(b["type"] == "paragraph" for b in body), "body blocks are paragraphs")
    want = letter_paragraphs(sys.argv[3])
    got = [b["text"] for b in body]
    check([plain(w) for w in want] == [re.sub(r"\s+", " ", g).strip() for g in got],
          "every body paragraph present, in order (%d)" % len(want))
    check(all(walk_inlines(b["inlines"], []) == b["text"] for b in body), "inlines spell the text")
    u = [i for i in body[1]["inlines"] if i["type"] == "underline"]
    check(len(u) == 1 and u[0]["children"][0]["text"].startswith("Commission of Inquiry"), "underline inline")
    sg = d["signatories"]
    check(sg["as_of"] == "2025-07-09" and sg["as_of_text"] == "July 9, 2025", "as_of and as_of_text")
    check(sg["heading"] == "Signatories (as of July 9, 2025)", "signatories heading")
    check(len(sg["groups"]) == 20 and sg["groups"][0].startswith("Centro para la Apertura"), "20 groups")
    check(sg["individuals"][1] == {"name": "Roberta Cohen", "affiliation": "Former Co-Chair of the Committee for Human Rights in North Korea"}, "individuals")
    check(d["labels"]["subject"] == "Re:" and d["labels"]["as_of"] == "as of %s", "labels")
    check(d["layout"]["date_align"] == "left" and d["layout"]["name_after_title"] is False, "layout")
elif mode == "ko":
    check(d["lang"] == "ko" and d["draft"] is True, "Korean draft")
    check(d["date_text"] == "2025년 10월 28일", "Korean date text")
    check(d["layout"]["name_after_title"] is True and d["layout"]["recipient_suffix"] == "귀하", "Korean layout")
    b = d["body"]
    check(b[0]["text"] == "이재명 대통령님께, 저희는 귀 정부가 제80차 유엔총회에서 북한인권결의안을 공동제안해 주실 것을 촉구합니다.", "Korean paragraph intact")
    check(b[1] == {**b[1], "type": "heading", "level": 2, "text": "배경"}, "heading with level")
    kinds = [i["type"] for i in b[2]["inlines"]]
    check(kinds[:6] == ["text", "underline", "text", "emph", "text", "strong"], "inline kinds in order: %s" % kinds[:6])
    link = [i for i in b[2]["inlines"] if i["type"] == "link"][0]
    check(link["url"] == "https://www.un.org/ko/" and link["title"] == "유엔" and link["safe"] is True, "link with url, title, safe")
    check("&lt;" not in b[3]["text"] and "<script>alert(1)</script>" in b[3]["text"], "source markup as literal text")
    lists = [x for x in b if x["type"] == "list"]
    check(lists[0]["ordered"] is True and lists[0]["start"] == 1 and len(lists[0]["items"]) == 2, "ordered list")
    check(lists[1]["ordered"] is False and "start" not in lists[1], "bullet list")
    check(lists[0]["items"][0]["children"][0]["text"] == "첫째 요구", "list item children")
    q = [x for x in b if x["type"] == "quote"][0]
    check(q["children"][0]["text"] == "인용된 문장입니다.", "quote children")
    check(any(x["type"] == "break" for x in b), "thematic break")
    check(all(isinstance(x.get("line"), int) for x in b), "blocks carry their source line")
elif mode == "hostile":
    hostile = "<script>alert(1)</script> \"dq\" 'sq' & &amp; ]]> *star* _under_ `tick` [x](y) # \\ |pipe| \x01\x07\x1b\x7f end"
    check(d["salutation"]["text"] == hostile, "hostile salutation decodes to exactly its text")
    check(d["subject"]["text"].startswith("Re: \"quoted\" </title>") and "\n---\n" in d["subject"]["text"], "subject newlines survive")
    check(d["labels"]["subject"] == "<b>Re</b>\"&:", "labels decode exactly")
    check(d["draft"] is True, "draft")
    links = [i for i in d["body"][-1]["inlines"] if i["type"] == "link"]
    check([l["safe"] for l in links] == [False, False, False, False, True], "links flagged: script schemes unsafe, https safe")
    check(links[4]["url"] == "https://example.org/?a=1&b=\"2\"<3>", "url kept verbatim")
    check(d["recipients"][0]["address"][0] == hostile, "address line decodes exactly")
    check(d["signatories"]["groups"][0] == "Group \"<Hostile>\" & Co", "signatory decodes exactly")
sys.exit(1 if check.failed else 0)
EOF

check "seed: structure and values match the letter" python3 "$T/check.py" seed "$T/en.json" "$seed"
check "ko: Korean, blocks and inlines" python3 "$T/check.py" ko "$T/ko.json"
check "hostile: strict escapes decode to the exact text" python3 "$T/check.py" hostile "$T/hostile.json"

cat > "$T/schema.py" <<'EOF'
import json, sys
# A validator for the JSON Schema keywords doc/letter.schema.json uses.
# It refuses any other keyword, so the schema cannot silently outgrow it.
KNOWN = {"$schema", "$id", "$ref", "$defs", "title", "description", "type",
         "properties", "required", "additionalProperties", "items", "enum",
         "const", "minimum", "maximum", "minLength", "pattern", "oneOf",
         "anyOf", "examples", "format"}
import re
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool,
         "null": type(None)}

def is_type(v, t):
    if t == "integer":
        return isinstance(v, int) and not isinstance(v, bool)
    if t == "number":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    return isinstance(v, TYPES[t])

def validate(v, s, root, path, errors):
    unknown = set(s) - KNOWN
    if unknown:
        errors.append("%s: schema keywords not understood: %s" % (path, unknown))
    if "$ref" in s:
        ref = s["$ref"]
        assert ref.startswith("#/$defs/"), ref
        validate(v, root["$defs"][ref[8:]], root, path, errors)
    if "type" in s:
        ts = s["type"] if isinstance(s["type"], list) else [s["type"]]
        if not any(is_type(v, t) for t in ts):
            errors.append("%s: %r is not %s" % (path, v, ts)); return
    if "enum" in s and v not in s["enum"]:
        errors.append("%s: %r not in %s" % (path, v, s["enum"]))
    if "const" in s and v != s["const"]:
        errors.append("%s: %r is not %r" % (path, v, s["const"]))
    if isinstance(v, str):
        if "minLength" in s and len(v) < s["minLength"]:
            errors.append("%s: too short" % path)
        if "pattern" in s and not re.search(s["pattern"], v):
            errors.append("%s: %r does not match %s" % (path, v, s["pattern"]))
    if is_type(v, "integer"):
        if "minimum" in s and v < s["minimum"]: errors.append("%s: below minimum" % path)
        if "maximum" in s and v > s["maximum"]: errors.append("%s: above maximum" % path)
    if isinstance(v, dict):
        for k in s.get("required", []):
            if k not in v: errors.append("%s: missing %s" % (path, k))
        props = s.get("properties", {})
        for k, x in v.items():
            if k in props:
                validate(x, props[k], root, path + "/" + k, errors)
            elif s.get("additionalProperties") is False:
                errors.append("%s: unexpected %s" % (path, k))
            elif isinstance(s.get("additionalProperties"), dict):
                validate(x, s["additionalProperties"], root, path + "/" + k, errors)
    if isinstance(v, list) and "items" in s:
        for i, x in enumerate(v):
            validate(x, s["items"], root, "%s/%d" % (path, i), errors)
    for key in ("oneOf", "anyOf"):
        if key in s:
            ok = 0
            for alt in s[key]:
                e = []
                validate(v, alt, root, path, e)
                ok += not e
            if ok == 0 or (key == "oneOf" and ok > 1):
                errors.append("%s: %d of %s match" % (path, ok, key))

schema = json.load(open(sys.argv[1], encoding="utf-8"))
status = 0
for doc in sys.argv[2:]:
    errors = []
    validate(json.load(open(doc, encoding="utf-8")), schema, schema, "", errors)
    for e in errors[:10]:
        print("%s: %s" % (doc, e))
    status |= bool(errors)
try:
    import jsonschema
except ImportError:
    jsonschema = None
if jsonschema is not None:
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    for doc in sys.argv[2:]:
        for e in cls(schema).iter_errors(json.load(open(doc, encoding="utf-8"))):
            print("%s: jsonschema: %s" % (doc, e.message)); status = 1
sys.exit(status)
EOF
check "the schema is itself valid JSON" python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$schema"
check "every rendered document is valid against the schema" \
	python3 "$T/schema.py" "$schema" "$T/en.json" "$T/ko.json" "$T/hostile.json"
printf '{"schema": "x", "id": 3}\n' > "$T/bad.json"
check "the schema rejects a document that breaks it" \
	sh -c "! python3 '$T/schema.py' '$schema' '$T/bad.json' >/dev/null"

done_testing

#!/usr/bin/env python3
"""compare-po.py — compare PO files for the XLIFF tests (standard library only).

  compare-po.py same-as OURS.po THEIRS.po XLF
      THEIRS (xliff2po's reading of our XLIFF export XLF) has one entry per
      trans-unit of XLF, and each has the msgid and msgstr of OURS (inline
      tags <N>, </N>, <N/> removed on both sides: Translate Toolkit keeps
      only the text of <g>); fuzzy entries of OURS are fuzzy in THEIRS,
      untranslated ones have an empty msgstr.
  compare-po.py changed BEFORE.po AFTER.po CTXT MSGID MSGSTR FUZZY
      AFTER differs from BEFORE in exactly one entry (header aside): the
      one with (CTXT, MSGID) ("-" for no context), now MSGSTR, fuzzy
      when FUZZY is "yes".
  compare-po.py unchanged BEFORE.po AFTER.po
      no entry differs (header aside).
Exit status 0 when the claim holds; differences are printed.
"""
import re
import sys
import xml.dom.minidom

TAG = re.compile(r"</?[1-9][0-9]{0,5}>|<[1-9][0-9]{0,5}/>")


def unquote(s):
    s = s.strip()
    assert s[0] == '"' and s[-1] == '"', s
    out, i, body = [], 0, s[1:-1]
    esc = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r", "a": "\a",
           "b": "\b", "f": "\f", "v": "\v"}
    while i < len(body):
        c = body[i]
        if c == "\\":
            out.append(esc.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read_po(path):
    """{(ctxt, msgid): (msgstr, fuzzy)} of the active entries."""
    entries, cur, field, flags = {}, {}, None, ""

    def flush():
        nonlocal cur, flags
        if "msgid" in cur:
            entries[(cur.get("msgctxt"), cur["msgid"])] = (
                cur.get("msgstr", ""), "fuzzy" in flags)
        cur, flags = {}, ""

    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if "msgid" in cur:
                flush()
            flags += line[2:]
            continue
        if line.startswith("#") or not line.strip():
            if "msgstr" in cur:
                flush()
            continue
        m = re.match(r'^(msgctxt|msgid|msgstr)\s+(".*")$', line)
        if m:
            if m.group(1) in ("msgctxt", "msgid") and "msgstr" in cur:
                flush()
            field = m.group(1)
            cur[field] = unquote(m.group(2))
        elif line.startswith('"') and field:
            cur[field] += unquote(line)
    flush()
    return entries


def strip(s):
    return TAG.sub("", s)


def same_as(ours_path, theirs_path, xlf_path):
    ours, theirs = read_po(ours_path), read_po(theirs_path)
    units = xml.dom.minidom.parse(xlf_path).getElementsByTagName("trans-unit")
    by_text = {}
    for (ctxt, msgid), v in ours.items():
        if msgid:
            by_text.setdefault(strip(msgid), []).append(v)
    bad = 0
    body = {k: v for k, v in theirs.items() if k[1]}
    if len(body) != len(units):
        print(f"# {len(body)} entries from xliff2po, {len(units)} trans-units")
        bad += 1
    for (ctxt, msgid), (msgstr, fuzzy) in body.items():
        cands = by_text.get(strip(msgid))
        if not cands:
            print(f"# not in ours: {msgid!r}")
            bad += 1
            continue
        ok = False
        for o_str, o_fuzzy in cands:
            if not o_str:
                ok |= msgstr == ""
            elif o_fuzzy:
                ok |= fuzzy and strip(msgstr) == strip(o_str)
            else:
                ok |= strip(msgstr) == strip(o_str)
        if not ok:
            print(f"# differs: {msgid!r}: {msgstr!r} fuzzy={fuzzy} vs {cands!r}")
            bad += 1
    return bad == 0


def changed(before_path, after_path, ctxt, msgid, msgstr, fuzzy):
    before, after = read_po(before_path), read_po(after_path)
    key = (None if ctxt == "-" else ctxt, msgid)
    diff = [k for k in set(before) | set(after)
            if k[1] and before.get(k) != after.get(k)]
    ok = diff == [key] and after[key] == (msgstr, fuzzy == "yes")
    if not ok:
        print(f"# changed entries: {diff!r}")
        if key in after:
            print(f"# {key!r} is {after[key]!r}")
    return ok


def unchanged(before_path, after_path):
    before, after = read_po(before_path), read_po(after_path)
    diff = [k for k in set(before) | set(after)
            if k[1] and before.get(k) != after.get(k)]
    if diff:
        print(f"# changed entries: {diff!r}")
    return not diff


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    fn = {"same-as": same_as, "changed": changed, "unchanged": unchanged}[mode]
    sys.exit(0 if fn(*args) else 1)

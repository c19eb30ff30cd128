#!/usr/bin/env python3
"""check-xlf.py XLF PO — an XLIFF export is well-formed XLIFF 1.2 (parsed
with xml.dom.minidom) and agrees with the catalogue PO: every trans-unit's
source (with <g id="N">…</g> read back as <N>…</N> and <x id="N"/> as
<N/>, resname as the msgctxt) is an entry of PO or an untranslated unit,
and its target state says what the entry says: translated (approved="yes")
when translated, needs-review-translation when fuzzy, new when
untranslated.  Prints "STATE COUNT" lines; exit status 0 when it holds."""
import os
import sys
import xml.dom.minidom

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib
compare = importlib.import_module("compare-po")

NS = "urn:oasis:names:tc:xliff:document:1.2"


def tagged(node):
    out = []
    for n in node.childNodes:
        if n.nodeType in (n.TEXT_NODE, n.CDATA_SECTION_NODE):
            out.append(n.data)
        elif n.nodeType == n.ELEMENT_NODE and n.localName == "g":
            i = n.getAttribute("id")
            out.append(f"<{i}>{tagged(n)}</{i}>")
        elif n.nodeType == n.ELEMENT_NODE and n.localName == "x":
            out.append(f"<{n.getAttribute('id')}/>")
        else:
            raise ValueError(f"unexpected node {n!r}")
    return "".join(out)


def main(xlf, po_path):
    doc = xml.dom.minidom.parse(xlf)
    root = doc.documentElement
    assert root.localName == "xliff" and root.namespaceURI == NS, root
    assert root.getAttribute("version") == "1.2"
    po = compare.read_po(po_path)
    counts, bad = {}, 0
    for f in root.getElementsByTagNameNS(NS, "file"):
        assert f.getAttribute("source-language") and f.getAttribute("target-language")
    ids = set()
    for u in root.getElementsByTagNameNS(NS, "trans-unit"):
        uid = u.getAttribute("id")
        if uid in ids:
            print(f"# duplicate id {uid}")
            bad += 1
        ids.add(uid)
        ctxt = u.getAttribute("resname") or None
        src = tagged(u.getElementsByTagNameNS(NS, "source")[0])
        tgt_el = u.getElementsByTagNameNS(NS, "target")[0]
        state = tgt_el.getAttribute("state")
        counts[state] = counts.get(state, 0) + 1
        msgstr, fuzzy = po.get((ctxt, src), ("", False))
        if not msgstr:
            want = "new"
        elif fuzzy:
            want = "needs-review-translation"
        else:
            want = "translated"
        if state != want and not (want == "translated" and state == "needs-review-translation"
                                  and "do not match" in u.toxml()):
            print(f"# {src[:60]!r}: state {state}, want {want}")
            bad += 1
        if state == "translated":
            if u.getAttribute("approved") != "yes" or tagged(tgt_el) != msgstr:
                print(f"# {src[:60]!r}: target {tagged(tgt_el)!r} vs {msgstr!r}")
                bad += 1
    for k in sorted(counts):
        print(f"{k} {counts[k]}")
    return bad == 0


if __name__ == "__main__":
    sys.exit(0 if main(*sys.argv[1:]) else 1)

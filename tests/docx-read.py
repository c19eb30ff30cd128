#!/usr/bin/env python3
"""docx-read.py — read a .docx written by missive's docx plugin the way a
word processor would, with python-docx (Debian python3-docx), and report
what the tests check.

  docx-read.py paragraphs FILE        one "Style|text" line per paragraph
  docx-read.py compare FILE EXPECTED  compare those lines with EXPECTED
                                      (render-paged --expect); exit 1 and
                                      show the differences when they differ
  docx-read.py info FILE              "key=value" facts about the package

Text is taken from every w:t of a paragraph, hyperlinks included (python-
docx's Paragraph.text skips runs inside w:hyperlink); w:tab is a tab and
w:br a line break.  Both sides of a comparison are normalised the same
way: C0 controls other than tab dropped, other blank runs made one space,
ends trimmed.
"""
import difflib
import re
import sys
import zipfile

import docx
from docx.oxml.ns import qn

W_T, W_TAB, W_BR = qn("w:t"), qn("w:tab"), qn("w:br")
REL_HYPERLINK = ("http://schemas.openxmlformats.org/officeDocument/2006/"
                 "relationships/hyperlink")


def normalise(text):
    # Quotation marks are the writer's typography (the language's marks
    # for typewriter quotes): the comparison is of the text and its
    # structure, so both sides are read with typewriter quotes.
    text = text.translate({ord(c): '"' for c in "“”«»"})
    text = text.translate({ord(c): "'" for c in "‘’"})
    text = re.sub(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]", lambda m:
                  " " if m.group() in "\n\r" else "", text)
    return re.sub(r" +", " ", text).strip(" ")


def paragraph_text(p):
    out = []
    for el in p._p.iter():
        if el.tag == W_T:
            out.append(el.text or "")
        elif el.tag == W_TAB:
            out.append("\t")
        elif el.tag == W_BR:
            out.append("\n")
    return "".join(out)


def paragraphs(path):
    d = docx.Document(path)
    return ["%s|%s" % (p.style.style_id if p.style is not None else "",
                       normalise(paragraph_text(p)))
            for p in d.paragraphs]


def compare(path, expected_path):
    got = paragraphs(path)
    with open(expected_path, encoding="utf-8") as f:
        want = []
        for line in f.read().split("\n"):
            if line:
                style, _, text = line.partition("|")
                want.append("%s|%s" % (style, normalise(text)))
    if got == want:
        print("same %d paragraphs" % len(got))
        return 0
    for line in difflib.unified_diff(want, got, "expected", path, lineterm=""):
        print(line)
    return 1


def info(path):
    facts = []
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        facts.append(("testzip", "ok" if bad is None else "bad " + bad))
        for name in z.namelist():
            facts.append(("part", name))
    d = docx.Document(path)
    cp = d.core_properties
    facts += [("title", cp.title), ("creator", cp.author),
              ("language", cp.language)]

    styles = d.styles.element
    for lang in styles.iter(qn("w:lang")):
        facts.append(("lang", "%s %s" % (lang.get(qn("w:val")),
                                         lang.get(qn("w:eastAsia")))))
    defaults = styles.find(qn("w:docDefaults"))
    ppr = defaults.find(qn("w:pPrDefault"))
    for name in ("wordWrap", "autoSpaceDE", "autoSpaceDN"):
        el = ppr.find(".//" + qn("w:" + name)) if ppr is not None else None
        if el is not None:
            facts.append(("default-" + name, el.get(qn("w:val"), "1")))
    for fonts in defaults.iter(qn("w:rFonts")):
        facts.append(("font-ascii", fonts.get(qn("w:ascii"))))
        facts.append(("font-eastasia", fonts.get(qn("w:eastAsia"))))
    for s in d.styles:
        facts.append(("style", "%s %s" % (s.style_id, s.name)))
        rpr = s.element.find(qn("w:rPr"))
        for name in ("i", "b"):
            if rpr is not None and rpr.find(qn("w:" + name)) is not None:
                facts.append(("style-" + name, s.style_id))

    rels = d.part.rels
    for rid, rel in sorted(rels.items()):
        if rel.reltype == REL_HYPERLINK:
            facts.append(("hyperlink", "%s %s %s" % (
                rid, "external" if rel.is_external else "internal",
                rel.target_ref)))
    body = d.element.body
    for h in body.iter(qn("w:hyperlink")):
        rid = h.get(qn("r:id"))
        text = "".join(t.text or "" for t in h.iter(W_T))
        ok = rid in rels and rels[rid].reltype == REL_HYPERLINK
        facts.append(("hyperlink-text", "%s %s %s" % (
            rid, "resolves" if ok else "dangling", text)))

    # formatted runs: superscript, underline, bold, italic, colour
    for r in body.iter(qn("w:r")):
        rpr = r.find(qn("w:rPr"))
        text = "".join(t.text or "" for t in r.iter(W_T))
        if rpr is None or not text:
            continue
        va = rpr.find(qn("w:vertAlign"))
        if va is not None:
            facts.append((va.get(qn("w:val")), text))
        u = rpr.find(qn("w:u"))
        if u is not None:
            facts.append(("underline", text))
        if rpr.find(qn("w:b")) is not None:
            facts.append(("bold", text))
        if rpr.find(qn("w:i")) is not None:
            facts.append(("italic", text))
        em = rpr.find(qn("w:em"))
        if em is not None:
            facts.append(("emphasis-mark", "%s %s" % (em.get(qn("w:val")), text)))
        color = rpr.find(qn("w:color"))
        if color is not None:
            facts.append(("color", "%s %s" % (color.get(qn("w:val")), text)))

    section = d.sections[0]
    facts.append(("page", "%d %d" % (section.page_width.twips,
                                     section.page_height.twips)))
    facts.append(("margin", "%d" % section.left_margin.twips))
    if section.header.is_linked_to_previous is False:
        for p in section.header.paragraphs:
            facts.append(("header-text", "".join(
                t.text or "" for t in p._p.iter(W_T))))
    for p in section.footer.paragraphs:
        for instr in p._p.iter(qn("w:instrText")):
            facts.append(("footer-field", instr.text.strip()))
        facts.append(("footer-text", "".join(
            t.text or "" for t in p._p.iter(W_T))))
    for key, value in facts:
        print("%s=%s" % (key, value))
    return 0


def main(argv):
    if len(argv) == 3 and argv[1] == "paragraphs":
        for line in paragraphs(argv[2]):
            print(line)
        return 0
    if len(argv) == 4 and argv[1] == "compare":
        return compare(argv[2], argv[3])
    if len(argv) == 3 and argv[1] == "info":
        return info(argv[2])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

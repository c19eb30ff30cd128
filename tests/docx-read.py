#!/usr/bin/env python3
"""docx-read.py — read a .docx written by missive's docx plugin the way a
word processor would, with python-docx (Debian python3-docx), and report
what the tests check.

  docx-read.py paragraphs FILE        one "Style|text" line per paragraph
  docx-read.py compare FILE EXPECTED  compare those lines with EXPECTED
                                      (render-paged --expect); exit 1 and
                                      show the differences when they differ
  docx-read.py info FILE              "key=value" facts about the package
                                      (its pictures: what python-docx
                                      finds behind each w:drawing)

Text is taken from every w:t of a paragraph, hyperlinks included (python-
docx's Paragraph.text skips runs inside w:hyperlink); w:tab is a tab and
w:br a line break.  Both sides of a comparison are normalised the same
way: C0 controls other than tab dropped, other blank runs made one space,
ends trimmed.
"""
import difflib
import hashlib
import re
import struct
import sys
import zipfile
import zlib

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


NS_SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"


def png_pixel(blob, x, y):
    """The colour (R G B A) of pixel X, Y of an 8-bit RGB(A) or grey PNG,
    decoded here (zlib and the five row filters), not by the writer."""
    w, h, depth, ctype = struct.unpack(">IIBB", blob[16:26])
    channels = {0: 1, 2: 3, 6: 4}[ctype]
    assert depth == 8
    data, off = b"", 8
    while off < len(blob):
        n, kind = struct.unpack(">I4s", blob[off:off + 8])
        if kind == b"IDAT":
            data += blob[off + 8:off + 8 + n]
        off += 12 + n
    raw = zlib.decompress(data)
    stride = w * channels
    prev = bytearray(stride)
    for row in range(y + 1):
        f = raw[row * (stride + 1)]
        line = bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        prev = line
    px = list(prev[x * channels:(x + 1) * channels])
    if channels == 1:
        px = px * 3 + [255]
    elif channels == 3:
        px.append(255)
    return px


def pictures(d):
    """Facts about each inline picture: its name and extent (EMU), the
    part its blip embeds (content type, pixels, SHA-256, a PNG's centre
    pixel),
    and the SVG part of Word's svgBlip extension, if any."""
    facts = []
    for inline in d.element.body.iter(qn("wp:inline")):
        ext = inline.find(qn("wp:extent"))
        name = inline.find(qn("wp:docPr")).get("name")
        blip = next(inline.iter(qn("a:blip")))
        part = d.part.related_parts[blip.get(qn("r:embed"))]
        image = part.image
        facts.append(("picture", "%s %s %s %s %dx%d" % (
            name, ext.get("cx"), ext.get("cy"), part.content_type,
            image.px_width, image.px_height)))
        facts.append(("picture-sha256", "%s %s" % (
            name, hashlib.sha256(part.blob).hexdigest())))
        if part.content_type == "image/png":
            facts.append(("picture-centre", "%s %s" % (name, " ".join(
                str(v) for v in png_pixel(part.blob, image.px_width // 2,
                                          image.px_height // 2)))))
        for svg in blip.iter(NS_SVG_BLIP):
            sp = d.part.related_parts[svg.get(qn("r:embed"))]
            facts.append(("picture-svg", "%s %s %s" % (
                name, sp.content_type,
                hashlib.sha256(sp.blob).hexdigest())))
    return facts


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
        if rpr.find(qn("w:strike")) is not None:
            facts.append(("strike", text))
        em = rpr.find(qn("w:em"))
        if em is not None:
            facts.append(("emphasis-mark", "%s %s" % (em.get(qn("w:val")), text)))
        color = rpr.find(qn("w:color"))
        if color is not None:
            facts.append(("color", "%s %s" % (color.get(qn("w:val")), text)))

    facts += pictures(d)
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

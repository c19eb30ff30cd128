#!/usr/bin/env python3
"""pdf-look.py — what a page looks like, for tests/test-pdf.sh: reads the
raster pdftoppm draws (PPM or PGM, binary) and the word boxes pdftotext
-bbox writes, with nothing but the standard library.

  pdf-look.py red-box PAGE.ppm          the bounding box of the red pixels
                                        ("x0 y0 x1 y1"), or "none"
  pdf-look.py words BBOX.html W...      "xMin xMax" of the first word W
                                        (in points), one line per W
  pdf-look.py struck PAGE.pgm DPI BBOX.html W
                                        1 when a row through the middle
                                        of word W's box is dark across
                                        across (a line through it), else
                                        0
"""
import re
import sys


def read_pnm(path):
    data = open(path, "rb").read()
    fields = []
    pos = 0
    while len(fields) < 4:
        m = re.compile(rb"\s*(#[^\n]*\n\s*)*(\S+)").match(data, pos)
        fields.append(m.group(2))
        pos = m.end()
    magic, w, h = fields[0], int(fields[1]), int(fields[2])
    pos += 1   # the single blank after the maximum value
    depth = 3 if magic == b"P6" else 1
    return w, h, depth, data[pos:pos + w * h * depth]


def word_boxes(path):
    html = open(path, encoding="utf-8").read()
    for m in re.finditer(r'<word xMin="([0-9.]+)" yMin="([0-9.]+)" '
                         r'xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>',
                         html):
        yield m.group(5), tuple(float(m.group(i)) for i in range(1, 5))


def box_of(path, word):
    for text, box in word_boxes(path):
        if text == word:
            return box
    sys.exit("no word %r in %s" % (word, path))


def red_box(path):
    w, h, depth, px = read_pnm(path)
    xs, ys = [], []
    for y in range(h):
        row = px[y * w * depth:(y + 1) * w * depth]
        for x in range(w):
            r, g, b = row[3 * x], row[3 * x + 1], row[3 * x + 2]
            if r > 180 and g < 70 and b < 70:
                xs.append(x)
                ys.append(y)
    if not xs:
        return "none"
    return "%d %d %d %d" % (min(xs), min(ys), max(xs) + 1, max(ys) + 1)


def struck(path, dpi, bbox, word):
    w, h, depth, px = read_pnm(path)
    x0, y0, x1, y1 = (v * dpi / 72.0 for v in box_of(bbox, word))
    # the box takes in the letters' side bearings: look inside it
    left, right = int(x0 + (x1 - x0) * 0.1), int(x1 - (x1 - x0) * 0.1)
    # the middle half of the word's height, where a strike goes (an
    # underline sits lower, and no glyph row is dark all the way across)
    for y in range(int(y0 + (y1 - y0) * 0.25), int(y0 + (y1 - y0) * 0.75)):
        row = px[y * w * depth:(y + 1) * w * depth:depth]
        if all(row[x] < 128 for x in range(left, right)):
            return 1
    return 0


def main(argv):
    if len(argv) >= 2 and argv[0] == "red-box":
        print(red_box(argv[1]))
    elif len(argv) >= 3 and argv[0] == "words":
        for word in argv[2:]:
            box = box_of(argv[1], word)
            print("%.2f %.2f" % (box[0], box[2]))
    elif len(argv) == 5 and argv[0] == "struck":
        print(struck(argv[1], float(argv[2]), argv[3], argv[4]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])

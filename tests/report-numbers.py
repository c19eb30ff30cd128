#!/usr/bin/env python3
"""report-numbers.py DOM STATS.json REPORT.json — compare the numbers a
browser shows on the status report (cells tagged data-k="LANG/LETTER/
units|words/STATE", LETTER "*" for a language's totals, and the
"LANG/*/letters/STATE" badges) with `missive stats --format=json` and the
publish states of `missive report --format=json`.  Also checks that the
page loads nothing from elsewhere and runs no script.  Exit 0 when all
agree; mismatches are printed as TAP comments."""
import json
import sys
from html.parser import HTMLParser


class Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cells = {}
        self.key = None
        self.text = []
        self.svgs = 0
        self.scripts = 0
        self.external = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg":
            self.svgs += 1
        if tag == "script":
            self.scripts += 1
        for name in ("src", "href"):
            v = a.get(name) or ""
            if v.startswith(("http:", "https:", "//")):
                self.external.append(v)
        if tag in ("link", "img", "iframe", "object", "embed"):
            self.external.append(tag)
        if "data-k" in a:
            self.key = a["data-k"]
            self.text = []

    def handle_data(self, data):
        if self.key is not None:
            self.text.append(data)

    def handle_endtag(self, tag):
        if self.key is not None and tag in ("td", "span"):
            words = "".join(self.text).split()
            self.cells[self.key] = int(words[0])
            self.key = None


def main():
    dom, stats, report = sys.argv[1:4]
    p = Cells()
    with open(dom, encoding="utf-8") as f:
        p.feed(f.read())
    with open(stats, encoding="utf-8") as f:
        st = json.load(f)
    with open(report, encoding="utf-8") as f:
        rp = json.load(f)
    want = {}
    for lang in st["languages"]:
        code = lang["language"]
        for kind in ("units", "words"):
            for state in ("translated", "fuzzy", "untranslated"):
                want[f"{code}/*/{kind}/{state}"] = lang[kind][state]
                for letter in lang["letters"]:
                    want[f"{code}/{letter['id']}/{kind}/{state}"] = letter[kind][state]
    for lang in rp["languages"]:
        for state in ("published", "draft", "blocked"):
            want[f"{lang['language']}/*/letters/{state}"] = sum(
                1 for x in lang["letters"] if x["state"] == state)
    bad = 0
    for k, v in sorted(want.items()):
        if p.cells.get(k) != v:
            print(f"# {k}: page shows {p.cells.get(k)}, JSON says {v}")
            bad += 1
    extra = set(p.cells) - set(want)
    for k in sorted(extra):
        print(f"# {k}: on the page but not in the JSON")
        bad += 1
    if p.svgs < 1 + len(st["languages"]):
        print(f"# only {p.svgs} SVG charts")
        bad += 1
    if p.scripts or p.external:
        print(f"# scripts: {p.scripts}, external resources: {p.external}")
        bad += 1
    print(f"# compared {len(want)} numbers, {p.svgs} charts")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

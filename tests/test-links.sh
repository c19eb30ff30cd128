#!/bin/sh
# test-links.sh — a translator may retarget a link only to a URL the
# project allows (missive.yaml link-targets), with a translator comment
# "missive-link: N URL"; anything else is a located error that blocks.
. "$srcdir/tap.sh"

p="$T/p"
mkdir -p "$p/corpus" "$p/po"
cat > "$p/corpus/l.md" <<'L'
---
date: 2025-10-28
recipients:
  - name: A. Person
subject: A report
salutation: Dear Sir,
closing: Sincerely,
---
Please read the [report](https://example.org/en/report.pdf) carefully.
L
printf 'ko\n' > "$p/po/LINGUAS"
cat > "$p/missive.yaml" <<'Y'
source: en
formats: [txt, html]
untranslated: draft
link-targets: ["https://example.org/ko/*"]
Y
m() { "$MISSIVE" -C "$p" "$@"; }
check "extract" m extract
check "update" m update
check_grep "the link target is explained to translators" "= link to https://example.org/en/report.pdf" "$p/po/ko.po"

# translate the sentence, pointing the link at the Korean edition
po() {   # po COMMENT-LINE
	awk -v c="$1" '
	/^#\. body/ && c != "" { print c }
	/^msgid "Please read/ { print; getline; print "msgstr \"<1>보고서</1>를 주의 깊게 읽어 주십시오.\""; next }
	{ print }' "$p/po/ko.po" > "$p/po/ko.tmp" && mv "$p/po/ko.tmp" "$p/po/ko.po"
}
cp "$p/po/ko.po" "$T/ko.orig"
po "# missive-link: 1 https://example.org/ko/report.pdf"
check "check accepts an allowed link target" m check --lang ko
check "build with the retargeted link" m build --lang ko --out "$T/out"
check_grep "the Korean HTML links to the Korean edition" 'href="https://example.org/ko/report.pdf"' "$T/out/ko/l.html"
check "and no longer to the English one" sh -c "! grep -q 'example.org/en/report' '$T/out/ko/l.html'"

cp "$T/ko.orig" "$p/po/ko.po"
po "# missive-link: 1 https://evil.example.net/x"
check_exit 1 "check refuses a link target outside link-targets" m check --lang ko
check "reported as [link-target] at po/ko.po:LINE" grep -qE '^po/ko.po:[0-9]+: error: \[link-target\]' "$T/.err"
check_exit 1 "build refuses to publish it" m build --lang ko --out "$T/out2"
check "nothing published" test ! -e "$T/out2/ko/l.html"

cp "$T/ko.orig" "$p/po/ko.po"
po "# missive-link: 2 https://example.org/ko/x"
check_exit 1 "a missive-link naming a tag that does not exist is refused" m check --lang ko
check_grep "with a clear message" "malformed 'missive-link'" "$T/.err"

cp "$T/ko.orig" "$p/po/ko.po"
po ""
check "without a comment the link keeps its source target" m build --lang ko --force --out "$T/out3"
check_grep "the source URL is kept" 'href="https://example.org/en/report.pdf"' "$T/out3/ko/l.html"

done_testing

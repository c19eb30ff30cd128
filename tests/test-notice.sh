#!/bin/sh
# test-notice.sh — the translation notice (missive.yaml translation-notice,
# ms_locale.notice, the kit's MS_KIT_NOTICE part) in every writer: it
# comes first, before the date, read back with each format's own client
# (pdftotext, python3-docx, the HTML and Markdown text, json.load); a
# locale without one gives no trace of it.  How the notice reaches the
# locale from missive.yaml is in test-kit.
. "$srcdir/tap.sh"

render="$top_builddir/tests/render-letter"
plugins="$top_builddir/plugins"
seed="$top_srcdir/corpus/000_b6b6d3f049d4ab14.md"
notice="비공식 번역본입니다. 원문(영어)이 우선합니다."

# The text of an output, as its reader sees it.
text_of() {
	case $1 in
	*.pdf) pdftotext "$1" - ;;
	*.docx) unzip -p "$1" word/document.xml ;;
	*) cat "$1" ;;
	esac
}
for f in txt md html pdf docx json; do
	check "a Korean $f with a notice renders" \
		"$render" "$plugins" $f ko --notice "$notice" "$seed" "$T/n.$f"
	check "and one without" "$render" "$plugins" $f ko "$seed" "$T/plain.$f"
	text_of "$T/n.$f" > "$T/n.$f.text"
	text_of "$T/plain.$f" > "$T/plain.$f.text"
	check "the notice's words are in the $f" grep -q '비공식 번역본' "$T/n.$f.text"
	check "without a notice, no trace of one in the $f" \
		sh -c "! grep -q '비공식\|class=\"notice\"\|\"notice\"' '$T/plain.$f.text'"
done

check "txt: the notice is the first line, then a blank line" \
	test "$(sed -n 1p "$T/n.txt")|$(sed -n 2p "$T/n.txt")" = "$notice|"
check "md: a quoted paragraph after the front matter" \
	sh -c "awk '/^---\$/ { n++; next } n == 2 && NF { print; exit }' '$T/n.md' | grep -qxF '> $notice'"
check "html: a note before the date" \
	sh -c "grep -n 'class=\"notice\" role=\"note\">$notice</p>\|class=\"date\"' '$T/n.html' | head -1 | grep -qF notice"
check "json: a notice member" \
	python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1], encoding="utf-8")).get("notice") != sys.argv[2])' \
	"$T/n.json" "$notice"

if command -v pdftotext >/dev/null 2>&1; then
	check "pdf: the first line of page 1" \
		sh -c "pdftotext -f 1 -l 1 '$T/n.pdf' - | grep -v '^\$' | head -1 | grep -qxF '$notice'"
else
	tap_result 0 "# SKIP pdf: pdftotext not installed (poppler-utils)"
fi

# python3-docx is a Debian package: the system python has it
py=/usr/bin/python3
if "$py" -c 'import docx' >/dev/null 2>&1; then
	check "docx: the first paragraph, in the Notice style" \
		sh -c "'$py' '$srcdir/docx-read.py' paragraphs '$T/n.docx' | head -1 | grep -qxF 'Notice|$notice'"
	check "docx: no Notice style without a notice" \
		sh -c "! unzip -p '$T/plain.docx' word/styles.xml | grep -q Notice"
else
	tap_result 0 "# SKIP docx: python3-docx not installed"
fi

done_testing

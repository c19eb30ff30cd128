#!/bin/sh
# test-letter-model.sh — the letter model of issue 14 through every writer,
# read back with the clients a reader uses: pdftotext (page by page),
# python3-docx, cmark-gfm re-parsing the Markdown, the HTML as text, the
# JSON with python.  The letter is tests/data/letters/good/letter-model.md
# (letterhead, place, references, an office addressed by its title, forms
# of address, signers, an annex, enclosures, a table, footnotes), built in
# English, Korean and Spanish (untranslated: the layout is what changes).
. "$srcdir/tap.sh"

p="$T/proj"
mkdir -p "$p/corpus" "$p/images"
cp "$srcdir/data/letters/images/logo.svg" "$srcdir/data/letters/images/signature.png" "$p/images/"
sed 's#\.\./images/#../images/#' "$srcdir/data/letters/good/letter-model.md" > "$p/corpus/model.md"
printf 'source: en\nlanguages: [ko, es]\nformats: [txt, md, html, pdf, docx, json]\nuntranslated: draft\n' > "$p/missive.yaml"
export MISSIVE_DATADIR="$top_srcdir/data"
run() { (cd "$p" && "$MISSIVE" "$@"); }
check_exit 0 "extract" run extract
check_exit 0 "update" run update
for l in en ko es; do
	check_exit 0 "build $l" run build --lang "$l"
done
o="$p/out"

# ---------------------------------------------------------------- text
t="$o/en/model.txt"
check_grep "txt: the letterhead's organisation" "Test Coalition for Human Rights" "$t"
check_grep "txt: the letterhead's phone with its label" "Tel.: +82 2 000 0000" "$t"
check_grep "txt: the place before the date" "Seoul, November 20, 2025" "$t"
check_grep "txt: our reference" "Our ref.: TCHR/2025/014" "$t"
check_grep "txt: the office, alone on its line" "Minister of Foreign Affairs" "$t"
check_grep "txt: a table row" "78/218 | 19 December 2023" "$t"
check_grep "txt: a footnote reference" "a note[1]" "$t"
check_grep "txt: the note at the end" "[1] The note, with a second sentence." "$t"
check_grep "txt: the annex note" "The signatories are listed in the annex." "$t"
check_grep "txt: the enclosures' label (two)" "Enclosures:" "$t"
check "txt: no courtesy title in English" sh -c "! grep -q 'Excel' '$t'"
check_grep "txt ko: an office is {title} 귀하" "Minister of Foreign Affairs 귀하" "$o/ko/model.txt"
check "txt ko: 귀하 once" sh -c "! grep -q '귀하 귀하' '$o/ko/model.txt'"
check_grep "txt ko: no place before a Korean date" "2025년 11월 20일" "$o/ko/model.txt"
# Korean letters write Korean numbers as they are dialled in Korea
# (layout.phone-country, layout.phone-trunk of data/lang/ko.yaml)
check_grep "txt ko: a Korean phone number in domestic form" "02 000 0000" "$o/ko/model.txt"
check_grep "txt ko: a Korean fax number in domestic form" "02 000 0001" "$o/ko/model.txt"
check "txt ko: no +82 is left" sh -c "! grep -q '+82' '$o/ko/model.txt'"
check_grep "txt es: the international form stays" "+82 2 000 0000" "$o/es/model.txt"
check_grep "txt es: the courtesy before an office" \
	"Excelentísimo Señor Minister of Foreign Affairs" "$o/es/model.txt"
check_grep "txt es: a copy's courtesy by gender" \
	"Excelentísima Señora Unification Minister" "$o/es/model.txt"
check_grep "txt es: the place, then the Spanish date" \
	"Seoul, 20 de noviembre de 2025" "$o/es/model.txt"

# ---------------------------------------------------------------- PDF
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext -layout "$o/es/model.pdf" "$T/es.txt"
	pdftotext -f 1 -l 1 "$o/es/model.pdf" "$T/es-1.txt"
	check_grep "pdf: the courtesy before the office" \
		"Excelentísimo Señor Minister of Foreign Affairs" "$T/es.txt"
	check_grep "pdf: the letterhead" "Test Coalition for Human Rights" "$T/es.txt"
	check_grep "pdf: a signer's title" "Director" "$T/es.txt"
	check_grep "pdf: the note's text at the foot of page 1" \
		"The note, with a second sentence." "$T/es-1.txt"
	check "pdf: a note cited twice is printed once" \
		test "$(grep -c 'The note, with a second sentence' "$T/es.txt")" -eq 1
	check "pdf: table cells at tab stops, on one line" \
		grep -Eq '78/218 +19 December 2023' "$T/es.txt"
else
	echo "# pdftotext missing: PDF checks skipped"
fi

# ---------------------------------------------------------------- DOCX
py=
for c in python3 /usr/bin/python3; do
	if "$c" -c 'import docx' >/dev/null 2>&1; then py=$c; break; fi
done
if [ -n "$py" ]; then
	"$py" - "$o/es/model.docx" > "$T/docx.txt" 2>&1 <<'PY'
import sys, zipfile, docx
d = docx.Document(sys.argv[1])
for p in d.paragraphs:
    print("P|" + p.text)
for t in d.tables:
    for r in t.rows:
        print("ROW|" + "|".join(c.text for c in r.cells))
z = zipfile.ZipFile(sys.argv[1])
notes = z.read("word/footnotes.xml").decode()
print("FOOTNOTES|%d" % notes.count("<w:footnote w:id=\"") )
print("NOTE1|%s" % ("The note, with a second sentence" in notes))
body = z.read("word/document.xml").decode()
print("REFS|%d" % body.count("<w:footnoteReference"))
PY
	check_grep "docx: the courtesy before the office" \
		"P|Excelentísimo Señor Minister of Foreign Affairs" "$T/docx.txt"
	check_grep "docx: a real table, its header row" "ROW|Resolution|Adopted" "$T/docx.txt"
	check_grep "docx: a short row is filled to the table's columns" "ROW|79/181|" "$T/docx.txt"
	check_grep "docx: the note is a w:footnote" "NOTE1|True" "$T/docx.txt"
	check_grep "docx: two notes (separators aside), one per footnote" "FOOTNOTES|2" "$T/docx.txt"
	check_grep "docx: two w:footnoteReference (the second citation is its number)" "REFS|2" "$T/docx.txt"
	check_grep "docx: the enclosures" "P|Report A/HRC/25/63" "$T/docx.txt"
else
	echo "# python3-docx missing: DOCX checks skipped"
fi

# ---------------------------------------------------------------- Markdown
if command -v cmark-gfm >/dev/null 2>&1; then
	cmark-gfm -e table -e footnotes -e strikethrough \
		"$o/en/model.md" > "$T/md.html" 2>&1
	check_grep "md: cmark-gfm reads a table back, aligned" "<td align=\"left\">78/218</td>" "$T/md.html"
	check_grep "md: cmark-gfm reads the footnotes back" 'class="footnotes"' "$T/md.html"
	check_grep "md: and the strikethrough" "<del>struck</del>" "$T/md.html"
else
	echo "# cmark-gfm missing: Markdown checks skipped"
fi

# ---------------------------------------------------------------- HTML
h="$o/es/model.html"
check_grep "html: a table, aligned" "<td style=\"text-align: left\">78/218</td>" "$h"
check "html: one id per footnote reference" test "$(grep -o "id=\"fnref-1\"" "$h" | wc -l)" -eq 1
check_grep "html: a note's reference links to it" 'href="#fn-1"' "$h"
check_grep "html: endnotes with the way back" 'href="#fnref-1"' "$h"
check_grep "html: the logo inline" 'class="logo" alt="" src="data:image/svg+xml;base64,' "$h"
check_grep "html: the courtesy" '<span class="courtesy">Excelentísimo Señor</span>' "$h"
check_grep "html: strikethrough" "<del>struck</del>" "$h"

# ---------------------------------------------------------------- JSON
check "json: the new members" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["place"] == "Seoul", d["place"]
assert d["letterhead"]["organisation"] == "Test Coalition for Human Rights"
assert d["letterhead"]["logo"]["type"] == "image/svg+xml"
assert d["references"] == {"ours": "TCHR/2025/014", "yours": "MOFA-2025-1234"}
assert [g["name"] for g in d["signers"]] == ["Jane Doe", "John Roe"]
assert d["signers"][0]["signature"]["type"] == "image/png"
assert d["enclosures"] == ["Report A/HRC/25/63", "A second thing"]
assert [f["number"] for f in d["footnotes"]] == [1, 2]
assert d["recipients"][0]["name"] == "" and d["recipients"][0]["courtesy"] == "excellency"
assert d["signatories"]["annex"] is True
t = [b for b in d["body"] if b["type"] == "table"][0]
assert t["columns"] == 2 and t["rows"][0]["header"] is True
assert t["rows"][0]["cells"][1]["align"] == "right"
' "$o/es/model.json"

done_testing

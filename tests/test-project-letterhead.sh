#!/bin/sh
# test-project-letterhead.sh — missive.yaml's letterhead and
# signatory-annex reach every stage that reads a letter: extract puts the
# letterhead's organisation in the template, build prints it (and its
# logo) in each language, and a letter's `letterhead: false` still opts
# out.  Before this, only ms_reader_read_letter applied them, and no
# stage called it.
. "$srcdir/tap.sh"

missive="$top_builddir/core/missive"
P=$T/p
mkdir -p "$P/corpus" "$P/images"
cp "$top_srcdir/tests/data/paper/images/sample-logo.svg" "$P/images/logo.svg"
cat > "$P/missive.yaml" <<'CONFIG'
source: en
languages: [es]
formats: [txt, pdf]
signatory-annex: 2
letterhead:
  organisation: Transitional Justice Working Group
  address: [Seoul, Republic of Korea]
  email: info@example.org
  logo: images/logo.svg
CONFIG
letter() {
	cat <<LETTER
---
date: 2025-10-28
$2recipients:
  - name: Jane Doe
    title: Minister of Foreign Affairs
subject: $1
salutation: Dear Minister,
closing: Yours faithfully,
signatories:
  groups:
    - First NGO
    - Second NGO
    - Third NGO
---
We write to you.
LETTER
}
letter "With the project letterhead" "" > "$P/corpus/a.md"
letter "Without a letterhead" "letterhead: false
" > "$P/corpus/b.md"

(cd "$P" && "$missive" extract && "$missive" update \
	&& "$missive" build --draft) > "$T/build.log" 2>&1
check "the project builds" test $? -eq 0
check "extract: the letterhead's organisation is in the template" \
	grep -q '^msgid "Transitional Justice Working Group"' "$P/po/corpus.pot"
check "extract: its address lines too" grep -q '^msgid "Seoul"' "$P/po/corpus.pot"
check "build: the organisation heads a.txt" \
	grep -q 'Transitional Justice Working Group' "$P/out/es/a.txt"
check "build: its e-mail address" grep -q 'info@example.org' "$P/out/es/a.txt"
check "letterhead: false in a letter still prints none" \
	sh -c "! grep -q 'Transitional Justice' '$P/out/es/b.txt'"
check "signatory-annex: 3 groups over the project's 2 go to an annex" \
	grep -qi 'annex\|anexo' "$P/out/es/a.txt"
if command -v pdftotext >/dev/null 2>&1; then
	check "build: the PDF carries the letterhead" \
		sh -c "pdftotext '$P/out/es/a.pdf' - | grep -q 'Transitional Justice'"
else
	tap_result 0 "# SKIP pdftotext not installed (poppler-utils)"
fi
done_testing

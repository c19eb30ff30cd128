#!/bin/sh
# test-docx.sh — the docx writer, read back with python3-docx (through
# tests/docx-read.py): paragraphs and their styles against the letter
# model, hyperlinks and their relationships, languages and fonts, core
# properties, paper, the footer's page fields, hostile text.
. "$srcdir/tap.sh"

render="$top_builddir/tests/render-paged"
reader="$srcdir/docx-read.py"

# python3-docx is a Debian package for the system python; a python first
# on PATH (pyenv, a venv) may not see it.
py=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import docx' >/dev/null 2>&1; then
		py=$p
		break
	fi
done
if [ -z "$py" ]; then
	echo "1..0 # SKIP python3-docx not installed (Debian package python3-docx)"
	exit 0
fi
read_docx() { "$py" "$reader" "$@"; }

# ---------------------------------------------------------------- English
check_exit 0 "the seed letter renders to docx" \
	"$render" --expect "$T/en.want" docx "$T/en.docx"
check "the archive passes zipfile's test" sh -c \
	"'$py' -c 'import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() is not None)' '$T/en.docx'"
check "python-docx reads every paragraph, styled, in the model's order" \
	read_docx compare "$T/en.docx" "$T/en.want"
read_docx info "$T/en.docx" > "$T/en.info"
for part in '[Content_Types].xml' _rels/.rels word/document.xml \
	word/styles.xml word/_rels/document.xml.rels docProps/core.xml; do
	check_grep "the package has $part" "part=$part" "$T/en.info"
done
for style in "Date Date" "Recipient Recipient" "CC CC" "Subject Subject" \
	"Salutation Salutation" "BodyText Body Text" "Closing Closing" \
	"SignatoriesHeading Signatories Heading" "Signatory Signatory"; do
	check_grep "the style ${style#* } is defined" "style=$style" "$T/en.info"
done
check_grep "the title is the subject" \
	"title=2025 North Korean human rights resolution to be adopted at the 80th United Nations General Assembly" \
	"$T/en.info"
check_grep "the creator is the first group" \
	"creator=Centro para la Apertura y el Desarrollo de América Latina (CADAL)" \
	"$T/en.info"
check_grep "the language is English" "language=en" "$T/en.info"
check_grep "w:lang is set" "lang=en None" "$T/en.info"
check_grep "the default font is Noto Serif" "font-ascii=Noto Serif" "$T/en.info"
check_grep "<sup> becomes superscript" "superscript=th" "$T/en.info"
check_grep "<u> becomes an underline" \
	"underline=Commission of Inquiry on human rights in the DPRK (COI DPRK)" \
	"$T/en.info"
check_grep "the paper is A4 (in twips)" "page=11906 16838" "$T/en.info"
check_grep "the margins are 2.5 cm" "margin=1417" "$T/en.info"
check_grep "the footer counts pages" "footer-field=PAGE" "$T/en.info"
check_grep "the footer counts all pages" "footer-field=NUMPAGES" "$T/en.info"
check_grep "the footer uses the page label" "footer-text=Page 1 of 1" "$T/en.info"
check "no draft paragraph without --draft" sh -c \
	"! '$py' '$reader' paragraphs '$T/en.docx' | grep -q '^Draft|'"
check_exit 0 "the same letter renders again" "$render" docx "$T/en2.docx"
check "the same letter gives the same bytes" cmp "$T/en.docx" "$T/en2.docx"
check_exit 0 "US Letter paper renders" "$render" --paper letter docx "$T/us.docx"
check "the paper is US Letter (in twips)" sh -c \
	"'$py' '$reader' info '$T/us.docx' | grep -qx 'page=12240 15840'"

# ---------------------------------------------------------------- Korean
check_exit 0 "a Korean draft renders to docx" \
	"$render" --korean --draft --expect "$T/ko.want" docx "$T/ko.docx"
check "python-docx reads the Korean letter as the model says" \
	read_docx compare "$T/ko.docx" "$T/ko.want"
read_docx info "$T/ko.docx" > "$T/ko.info"
check_grep "w:lang is Korean with w:eastAsia" "lang=ko-KR ko-KR" "$T/ko.info"
check_grep "the East Asian font is the Korean profile's (Nanum Myeongjo)" \
	"font-eastasia=NanumMyeongjo" "$T/ko.info"
check_grep "dc:language is ko" "language=ko" "$T/ko.info"
check_grep "the draft label comes first" "Draft|초안" "$T/ko.want"
check_grep "the draft label is red" "color=C00000 초안" "$T/ko.info"
check_grep "the draft label is bold" "bold=초안" "$T/ko.info"
check_grep "the page label takes numbers by position" \
	"footer-text=1쪽 중 1쪽" "$T/ko.info"
check "NUMPAGES comes before PAGE in that label" sh -c \
	"grep '^footer-field=' '$T/ko.info' | tr '\n' ' ' | grep -q 'NUMPAGES footer-field=PAGE'"
check_grep "Korean lines break between words (wordWrap)" \
	"default-wordWrap=1" "$T/ko.info"
check_grep "no space is added between Hangul and numbers" \
	"default-autoSpaceDN=0" "$T/ko.info"
check_grep "nor between Hangul and Latin letters" \
	"default-autoSpaceDE=0" "$T/ko.info"
check "quotes and subheadings are not slanted in Korean" sh -c \
	"! grep -q '^style-i=' '$T/ko.info' && grep -qx 'style-b=SignatoriesSubheading' '$T/ko.info'"

# Emphasis as the language shows it: bold in Korean, italic in English.
kodoc="$top_srcdir/tests/data/web/letter-ko.md"
render_letter="$top_builddir/tests/render-letter"
check_exit 0 "a Korean letter with emphasis renders" \
	"$render_letter" "$top_builddir/plugins" docx ko "$kodoc" "$T/ko-em.docx"
read_docx info "$T/ko-em.docx" > "$T/ko-em.info"
check_grep "Korean emphasis is bold" "bold=인도에 반한 죄" "$T/ko-em.info"
check "and never italic" sh -c "! grep -q '^italic=' '$T/ko-em.info'"
check_exit 0 "the same letter in an English layout renders" \
	"$render_letter" "$top_builddir/plugins" docx en "$kodoc" "$T/en-em.docx"
read_docx info "$T/en-em.docx" > "$T/en-em.info"
check_grep "English emphasis is italic" "italic=인도에 반한 죄" "$T/en-em.info"
check "an English document adds no East Asian line properties" sh -c \
	"! grep -q '^default-' '$T/en-em.info'"

# ---------------------------------------------------------------- samples
check_exit 0 "a sample letter renders" \
	"$top_builddir/tests/render-letter" "$top_builddir/plugins" docx en \
	"$top_srcdir/corpus/sample-001-forced-repatriation.md" "$T/sample.docx"
read_docx info "$T/sample.docx" > "$T/sample.info"
check_grep "every page's header carries SPECIMEN" \
	"header-text=SPECIMEN" "$T/sample.info"
check "the letter opens with the mark" sh -c \
	"'$py' '$reader' paragraphs '$T/sample.docx' | head -1 | grep -qx 'Specimen|SPECIMEN'"
check "a letter that is not a sample has no header" sh -c \
	"! grep -q '^header-text=' '$T/en.info'"

# ---------------------------------------------------------------- hostile text
url="https://example.org/res?a=1&b=it's<x>\"y\""
check_exit 0 "markup characters and a link render" \
	"$render" --inject --link "$url" --paper-links hidden \
	--expect "$T/evil.want" docx "$T/evil.docx"
check "python-docx reads them back as text" \
	read_docx compare "$T/evil.docx" "$T/evil.want"
read_docx paragraphs "$T/evil.docx" > "$T/evil.paras"
check_grep "<b>&\" survive as text" \
	"BodyText|<b>Tom & Jerry</b> \"quoted\" 'single' ]]> <script>x</script> end" \
	"$T/evil.paras"
check_grep "a translated label survives as text" \
	"SignatoriesHeading|Signatories <i>&amp;</i> (as of July 9, 2025)" \
	"$T/evil.paras"
read_docx info "$T/evil.docx" > "$T/evil.info"
check_grep "the title survives as text" \
	"title=Subject <b>Tom & Jerry</b> \"quoted\" 'single' ]]> <script>x</script> end" \
	"$T/evil.info"
check_grep "the hyperlink is an external relationship, target intact" \
	"hyperlink=rId10 external $url" "$T/evil.info"
check_grep "the w:hyperlink points at it" \
	"hyperlink-text=rId10 resolves the UN website" "$T/evil.info"
check "the link text is in its paragraph" sh -c \
	"grep -qF 'BodyText|See the resolution at the UN website for details.' '$T/evil.paras'"
# On paper the address shows after the words, or in a footnote.
check_exit 0 "a link with its address after the words renders" \
	"$render" --link "https://example.org/r?a=1&b=2" --paper-links after \
	docx "$T/after.docx"
check "the address follows the words" sh -c \
	"'$py' '$reader' paragraphs '$T/after.docx' | grep -qF 'the UN website <https://example.org/r?a=1&b=2> for details.'"
check_exit 0 "a link with its address in a footnote renders" \
	"$render" --link "https://example.org/r?a=1&b=2" --paper-links footnote \
	docx "$T/note.docx"
check "the words are followed by a footnote reference" sh -c \
	"'$py' -c 'import sys, zipfile; d = zipfile.ZipFile(sys.argv[1]).read(\"word/document.xml\").decode(); sys.exit(\"the UN website</w:t></w:r></w:hyperlink><w:r><w:rPr><w:rStyle w:val=\\\"FootnoteReference\\\"/></w:rPr><w:footnoteReference w:id=\\\"1\\\"/>\" not in d)' '$T/note.docx'"
check "the footnote holds the address (python-docx opens the package)" sh -c \
	"'$py' '$reader' info '$T/note.docx' | grep -qx 'part=word/footnotes.xml' &&
	 '$py' -c 'import sys, zipfile, docx; docx.Document(sys.argv[1]); n = zipfile.ZipFile(sys.argv[1]).read(\"word/footnotes.xml\").decode(); sys.exit(\"<w:t xml:space=\\\"preserve\\\"> https://example.org/r?a=1&amp;b=2</w:t>\" not in n)' '$T/note.docx'"

check "no control character reaches the XML" sh -c \
	"'$py' -c 'import sys, zipfile, re; d = zipfile.ZipFile(sys.argv[1]).read(\"word/document.xml\").decode(); sys.exit(bool(re.search(\"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]\", d)))' '$T/evil.docx'"

check_exit 0 "invalid UTF-8 and control bytes render" \
	"$render" --bad-utf8 docx "$T/bad.docx"
check "bad bytes become U+FFFD, controls go, the rest stays" sh -c \
	"'$py' '$reader' paragraphs '$T/bad.docx' | grep -qxF 'BodyText|bad ��( bytes end'"
check_exit 0 "an empty letter without labels renders" \
	"$render" --empty --draft docx "$T/empty.docx"
check "python-docx opens it: only the draft mark (never unmarked), a footer" sh -c \
	"'$py' '$reader' info '$T/empty.docx' | grep -qx 'footer-text=1 / 1' &&
	 test \"\$('$py' '$reader' paragraphs '$T/empty.docx')\" = 'Draft|DRAFT'"

# ---------------------------------------------------------------- long words
check_exit 0 "a 500-character word renders" \
	"$render" --long-word 500 --expect "$T/long.want" docx "$T/long.docx"
check "the long word is kept whole" read_docx compare "$T/long.docx" "$T/long.want"

# ---------------------------------------------------------------- images
# tests/data/paper/letter.md: an SVG logo (a red block, 3:1), a PNG
# signature (240 x 80), struck words.  What python-docx finds behind each
# w:drawing, and the pixels of the PNG it embeds, decoded by the reader.
paper="$top_srcdir/tests/data/paper"
rl="$top_builddir/tests/render-letter"
sha() { sha256sum "$1" | cut -d' ' -f1; }
check_exit 0 "a letter with a logo and a signature renders to docx" \
	"$rl" "$top_builddir/plugins" docx en "$paper/letter.md" "$T/img.docx"
read_docx info "$T/img.docx" > "$T/img.info"
# 1 cm is 360000 EMU: the logo fills the 1.8 cm height of its box, the
# signature the 1.5 cm of its own, both 3:1
check_grep "the SVG logo is a PNG rendering at 300 dpi, 5.4 x 1.8 cm" \
	"picture=logo 1 1944000 648000 image/png 638x213" "$T/img.info"
check_grep "of the logo: its middle is the logo's red" \
	"picture-centre=logo 1 208 28 28 255" "$T/img.info"
check_grep "with the SVG itself as Word's svgBlip extension" \
	"picture-svg=logo 1 image/svg+xml $(sha "$paper/images/logo.svg")" \
	"$T/img.info"
check_grep "the PNG signature, 4.5 x 1.5 cm" \
	"picture=signature 3 1620000 540000 image/png 240x80" "$T/img.info"
check_grep "is the file itself" \
	"picture-sha256=signature 3 $(sha "$paper/images/signature.png")" \
	"$T/img.info"
check_grep "the media parts are in the package" "part=word/media/image2.svg" \
	"$T/img.info"
check "the pictures come before the letterhead and the signer's name" sh -c "
	'$py' '$reader' paragraphs '$T/img.docx' > '$T/img.par' &&
	grep -A1 -x 'Picture|' '$T/img.par' | grep -qx 'Recipient|Test Coalition' &&
	grep -A1 -x 'Picture|' '$T/img.par' | grep -qx 'Recipient|Jane Signer'"
check_grep "the struck words are w:strike" "strike=struck out words" "$T/img.info"
check_grep "the letterhead's organisation is bold, as in the PDF" \
	"bold=Test Coalition" "$T/img.info"
check_exit 0 "a letter with a JPEG signature renders to docx" \
	"$rl" "$top_builddir/plugins" docx en "$paper/jpeg.md" "$T/jpeg.docx"
read_docx info "$T/jpeg.docx" > "$T/jpeg.info"
check_grep "the JPEG goes in as a JPEG picture" \
	"picture=signature 3 1620000 540000 image/jpeg 240x80" "$T/jpeg.info"
check_grep "the file itself" \
	"picture-sha256=signature 3 $(sha "$paper/images/signature.jpeg")" \
	"$T/jpeg.info"
check_exit 1 "a damaged PNG is an error" \
	"$rl" "$top_builddir/plugins" docx en "$paper/damaged.md" "$T/damaged.docx"
check_grep "located at the logo's line" \
	"damaged.md:9:9: error: [docx] logo 'images/damaged.png': the image cannot be decoded" \
	"$T/.err"
check "and no document is left" test ! -e "$T/damaged.docx"

done_testing

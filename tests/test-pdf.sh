#!/bin/sh
# test-pdf.sh — the pdf writer, checked with poppler-utils (pdftotext,
# pdffonts, pdfinfo, pdftoppm): the seed letter in English, a Korean
# letter, paper sizes, drafts, a missing font, hostile text, a very long
# word and links.
. "$srcdir/tap.sh"

render="$top_builddir/tests/render-paged"

for tool in pdftotext pdffonts pdfinfo pdftoppm; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool not installed (Debian package poppler-utils)"
		exit 0
	fi
done

# all_text FILE: the text of FILE on one line, blanks squeezed, so that a
# sentence broken across lines reads whole again.
all_text() {
	pdftotext -layout "$1" - | tr '\n\f' '  ' | tr -s ' '
}
pages() {
	pdfinfo "$1" | sed -n 's/^Pages: *//p'
}

# ---------------------------------------------------------------- English
check_exit 0 "the seed letter renders to PDF" "$render" pdf "$T/en.pdf"
pdftotext -layout "$T/en.pdf" "$T/en.txt"
pdfinfo "$T/en.pdf" > "$T/en.info"
n=$(pages "$T/en.pdf")
check "the letter has pages" test "${n:-0}" -ge 1
check_grep "the date is there" "October 28, 2025" "$T/en.txt"
check_grep "the subject is there" \
	"Re: 2025 North Korean human rights resolution to be adopted" "$T/en.txt"
check_grep "the salutation is there" "Dear President Lee Jae-myung," "$T/en.txt"
check_grep "the CC block is there" "CC. Prime Minister Kim Min-seok" "$T/en.txt"
check_grep "the last paragraph is there" "Thank you." "$T/en.txt"
check_grep "the individuals are there" \
	"Roberta Cohen / Former Co-Chair of the Committee" "$T/en.txt"
check_grep "page 1 has its footer" "Page 1 of $n" "$T/en.txt"
check_grep "the last page has its footer" "Page $n of $n" "$T/en.txt"
check "the body comes in order" sh -c "
	grep -n 'We urge your government' '$T/en.txt' | cut -d: -f1 > '$T/a'
	grep -n 'In late 2022, South Korea returned' '$T/en.txt' | cut -d: -f1 > '$T/b'
	grep -n 'Sincerely,' '$T/en.txt' | cut -d: -f1 > '$T/c'
	test \$(cat '$T/a') -lt \$(cat '$T/b') && test \$(cat '$T/b') -lt \$(cat '$T/c')"
check "no draft mark without --draft" sh -c "! grep -q DRAFT '$T/en.txt'"

pdffonts "$T/en.pdf" > "$T/en.fonts"
check "pdffonts lists fonts" test "$(sed 1,2d "$T/en.fonts" | wc -l)" -ge 1
check "every font is embedded" sh -c \
	"sed 1,2d '$T/en.fonts' | awk '\$(NF-4) != \"yes\" { bad = 1 } END { exit bad }'"
check_grep "the fonts are Noto Serif" "NotoSerif-Regular" "$T/en.fonts"
check_grep "pdfinfo shows the title" \
	"Title:           2025 North Korean human rights resolution to be adopted at the 80th United Nations General Assembly" \
	"$T/en.info"
check_grep "pdfinfo shows the first group as author" \
	"Author:          Centro para la Apertura y el Desarrollo de América Latina (CADAL)" \
	"$T/en.info"
check_grep "pdfinfo shows the generator as creator" "Creator:         missive" \
	"$T/en.info"
check_grep "the paper is A4" "Page size:       595.276 x 841.89 pts (A4)" \
	"$T/en.info"
check_exit 0 "the same letter renders again" "$render" pdf "$T/en2.pdf"
check "the same letter gives the same bytes" cmp "$T/en.pdf" "$T/en2.pdf"

check_exit 0 "US Letter paper renders" "$render" --paper letter pdf "$T/us.pdf"
check "the paper is US Letter" sh -c \
	"pdfinfo '$T/us.pdf' | grep -q 'Page size: *612 x 792 pts (letter)'"
check_exit 0 "an author is used when given" \
	"$render" --author "Human Rights Watch" pdf "$T/author.pdf"
check "pdfinfo shows that author" sh -c \
	"pdfinfo '$T/author.pdf' | grep -q '^Author: *Human Rights Watch\$'"
check_exit 0 "an author with PDF string delimiters renders" \
	"$render" --author 'HRW (Seoul) \ Office )(' pdf "$T/author2.pdf"
check "the delimiters come back intact" sh -c \
	"pdfinfo '$T/author2.pdf' | grep -qF 'Author:          HRW (Seoul) \\ Office )('"

check "pdftoppm draws the first page" \
	pdftoppm -png -r 30 -f 1 -l 1 -singlefile "$T/en.pdf" "$T/page"
check "the page image is not empty" test -s "$T/page.png"

# ---------------------------------------------------------------- Korean
sentence="이재명 대통령님께, 저희는 귀 정부가 제80차 유엔총회에서 북한인권결의안을 공동제안해 주실 것을 촉구합니다."
check_exit 0 "a Korean letter renders to PDF" "$render" --korean pdf "$T/ko.pdf"
pdftotext -layout "$T/ko.pdf" "$T/ko.txt"
all_text "$T/ko.pdf" > "$T/ko.all"
n=$(pages "$T/ko.pdf")
check_grep "a 20-character Korean run is intact on its line" \
	"저희는 귀 정부가 제80차 유엔총회에서" "$T/ko.txt"
check_grep "the Korean sentence is whole and in order" "$sentence" "$T/ko.all"
# render-paged puts the sentence four times in the first paragraph and
# once in each other one: every copy must read whole, so no line ended
# inside a word.
paras=$(awk '/^---$/ { n++; next } n >= 2 && NF { c++ } END { print c }' \
	"$top_srcdir/corpus/000_b6b6d3f049d4ab14.md")
check "Korean lines break between words, never inside one" \
	test "$(grep -oF "$sentence" "$T/ko.all" | wc -l)" -eq $((paras + 3))
check_grep "the Korean subject is there" \
	"제목: 제80차 유엔총회 북한인권결의안 공동제안 촉구" "$T/ko.txt"
check_grep "the Korean date is there" "2025년 10월 28일" "$T/ko.txt"
check_grep "the addressee reads title, name, honorific" \
	"대한민국 대통령 이재명 귀하" "$T/ko.txt"
check_grep "the Korean page label takes numbers by position" \
	"${n}쪽 중 1쪽" "$T/ko.txt"
pdffonts "$T/ko.pdf" > "$T/ko.fonts"
check_grep "Korean uses the Korean profile's serif (Nanum Myeongjo)" \
	"NanumMyeongjo" "$T/ko.fonts"
size=$(wc -c < "$T/ko.pdf")
check "a $(pages "$T/ko.pdf")-page Korean letter weighs under 300 KB ($size bytes)" \
	test "$size" -lt 300000
check "every Korean font is embedded" sh -c \
	"sed 1,2d '$T/ko.fonts' | awk '\$(NF-4) != \"yes\" { bad = 1 } END { exit bad }'"

# Emphasis as the language shows it.  Hangul has no italics: a Korean
# letter's emphasis is bold, never a slant Cairo synthesises (a sheared
# text matrix in the page's content); the same letter laid out as English
# is slanted, which shows the check can see a slant.
printf -- '%s\n' '---' 'date: 2025-10-28' 'recipients: [{name: 김}]' \
	'subject: 제목' 'salutation: 안녕하세요' 'closing: 감사합니다' '---' \
	'강조: *인도에 반한 죄*입니다.' > "$T/em.md"
cat > "$T/shear.py" <<'EOF'
import re, sys, zlib
data = open(sys.argv[1], "rb").read()
slanted = 0
for m in re.finditer(rb"stream\r?\n", data):
    raw = data[m.end():data.find(b"endstream", m.end())]
    try:
        content = zlib.decompress(raw)
    except zlib.error:
        continue
    num = rb"(-?[0-9.]+) "
    for t in re.finditer(num * 6 + rb"Tm", content):
        if abs(float(t.group(2))) > 1e-6 or abs(float(t.group(3))) > 1e-6:
            slanted += 1
print(slanted)
EOF
rl="$top_builddir/tests/render-letter"
check_exit 0 "a Korean letter with emphasis renders" \
	"$rl" "$top_builddir/plugins" pdf ko "$T/em.md" "$T/em-ko.pdf"
check "Korean emphasis is not slanted" \
	test "$(python3 "$T/shear.py" "$T/em-ko.pdf")" -eq 0
check "it is bold: the bold face is embedded" sh -c \
	"pdffonts '$T/em-ko.pdf' | grep -q NanumMyeongjoBold"
check_exit 0 "the same letter laid out as English renders" \
	"$rl" "$top_builddir/plugins" pdf en "$T/em.md" "$T/em-en.pdf"
check "there the emphasis is slanted" \
	test "$(python3 "$T/shear.py" "$T/em-en.pdf")" -gt 0

# ---------------------------------------------------------------- samples
sample="$top_srcdir/corpus/sample-001-forced-repatriation.md"
check_exit 0 "a sample letter renders" \
	"$top_builddir/tests/render-letter" "$top_builddir/plugins" pdf es \
	"$sample" "$T/sample.pdf"
np=$(pages "$T/sample.pdf")
marked=0
for p in $(seq 1 "${np:-0}"); do
	pdftotext -f "$p" -l "$p" "$T/sample.pdf" - | grep -q SPECIMEN \
		&& marked=$((marked + 1))
done
check "every page ($np) of a sample carries SPECIMEN" \
	test "${np:-0}" -ge 2 -a "$marked" -eq "${np:-0}"
check "a letter that is not a sample does not" \
	sh -c "! pdftotext '$T/en.pdf' - | grep -q SPECIMEN"

# ---------------------------------------------------------------- drafts
check_exit 0 "a draft renders" "$render" --draft pdf "$T/draft.pdf"
pdftotext -layout "$T/draft.pdf" "$T/draft.txt"
check "the draft mark opens the letter" sh -c \
	"sed -n 1p '$T/draft.txt' | grep -qx DRAFT"
check_exit 0 "a Korean draft renders" "$render" --korean --draft pdf "$T/ko-draft.pdf"
check "the Korean draft mark is the translated label" sh -c \
	"pdftotext -layout '$T/ko-draft.pdf' - | sed -n 1p | grep -qx 초안"
check "a draft is bigger than the letter (the watermark)" sh -c \
	"test \$(wc -c < '$T/draft.pdf') -gt \$(wc -c < '$T/en.pdf')"

# ---------------------------------------------------------------- fonts
check_exit 1 "a missing font fails" env MISSIVE_PDF_FONT_SERIF="No Such Serif" \
	"$render" pdf "$T/nofont.pdf"
check_grep "the error names the font" "font 'No Such Serif' not found" "$T/.err"
check "no output file is left" test ! -e "$T/nofont.pdf"
check_grep "without the locale's family, no package is guessed" \
	"install it or name another family in MISSIVE_PDF_FONT_SERIF" "$T/.err"
check_exit 1 "a missing Korean family fails" \
	"$render" --korean --serif "NanumMyeongjo Nowhere" pdf "$T/nofont.pdf"
check_grep "the error names the package the Korean locale gives" \
	"install the Debian package fonts-nanum" "$T/.err"
check_exit 1 "a missing English family fails" \
	"$render" --serif "Noto Serif Nowhere" pdf "$T/nofont.pdf"
check_grep "the error names fonts-noto-core" \
	"install the Debian package fonts-noto-core" "$T/.err"
check_exit 0 "another installed family can be asked for" \
	env MISSIVE_PDF_FONT_SERIF="Noto Serif CJK KR" "$render" pdf "$T/cjk.pdf"
check "that family is used" sh -c "pdffonts '$T/cjk.pdf' | grep -q NotoSerifCJKkr"

# ---------------------------------------------------------------- hostile text
check_exit 0 "text with markup characters renders" \
	"$render" --inject pdf "$T/evil.pdf"
pdftotext -layout "$T/evil.pdf" "$T/evil.txt"
check_grep "<b> and & show literally in the body" \
	"<b>Tom & Jerry</b> “quoted” ‘single’ ]]> <script>x</script> end" \
	"$T/evil.txt"
check_grep "a translated label shows literally" "Signatories <i>&amp;</i>" \
	"$T/evil.txt"
check "the title keeps them too" sh -c \
	"pdfinfo '$T/evil.pdf' | grep -qF 'Title:           Subject <b>Tom & Jerry</b>'"

check_exit 0 "invalid UTF-8 and control bytes render" \
	"$render" --bad-utf8 pdf "$T/bad.pdf"
check "bad bytes become U+FFFD, controls go, the rest stays" sh -c \
	"pdftotext -layout '$T/bad.pdf' - | grep -qF 'bad ��( bytes end'"
check_exit 0 "an empty letter without labels renders" \
	"$render" --empty --draft pdf "$T/empty.pdf"
check "it has one page" test "$(pages "$T/empty.pdf")" = 1

# ---------------------------------------------------------------- long words
word=$(awk 'BEGIN { for (i = 0; i < 500; i++) printf "%c", 97 + i % 26 }')
check_exit 0 "a 500-character word renders" \
	"$render" --long-word 500 pdf "$T/long.pdf"
check "every character of the long word appears, in order" sh -c \
	"pdftotext '$T/long.pdf' - | tr -d '\n ' | grep -q '$word'"
check "the long word is wrapped over several lines" sh -c \
	"test \$(pdftotext -layout '$T/long.pdf' - | grep -c '^ *[a-z]\{40,\}\$') -ge 3"
check_exit 0 "a 500-character Korean word renders" \
	"$render" --korean --long-word 500 pdf "$T/long-ko.pdf"

# ---------------------------------------------------------------- bounds
# What reaches Pango is bounded, with located warnings; nothing is drawn
# off the page; a character no font has is an error that names it.
rl="$top_builddir/tests/render-letter"
python3 - "$T" <<'EOF'
import sys
t = sys.argv[1]
head = ("---\ndate: 2025-10-28\nrecipients: [{name: A}]\nsubject: S\n"
        "salutation: Dear A,\nclosing: Bye\n---\n")
with open(t + "/deep.md", "w") as f:
    f.write(head + "> " * 60 + "deep quote at the end\n")
with open(t + "/marks.md", "w") as f:
    f.write(head + "Before a" + "\u0301" * 300000 + " after.\n")
with open(t + "/word.md", "w") as f:
    f.write(head + "x" * 300000 + "\n")
with open(t + "/nonchar.md", "w") as f:
    f.write(head + "a\ufdd0b\ufffec\uffffd\U0001fffee end.\n")
with open(t + "/tofu.md", "w") as f:
    f.write(head + "Fine.\n\nPrivate \ue000 and Toto \U0001e290.\n")
EOF
check_exit 0 "blockquotes nested 60 deep render" \
	"$rl" "$top_builddir/plugins" pdf en "$T/deep.md" "$T/deep.pdf"
check_grep "with a located warning" \
	"deep.md:8:0: warning: [pdf] content nested too deep" "$T/.err"
check "and the deepest text is on the page" sh -c \
	"pdftotext '$T/deep.pdf' - | grep -q 'deep quote at the end'"
check_exit 0 "a letter with 300,000 combining marks in a row renders" \
	"$rl" "$top_builddir/plugins" pdf en "$T/marks.md" "$T/marks.pdf"
check_grep "they are cut to 30, with a located warning" \
	"marks.md:8:0: warning: [pdf] runs of more than 30 combining marks cut to 30" "$T/.err"
check_exit 0 "a 300,000-character word renders" \
	"$rl" "$top_builddir/plugins" pdf en "$T/word.md" "$T/word.pdf"
check "every character of it is there" sh -c \
	"test \$(pdftotext '$T/word.pdf' - | tr -cd x | wc -c) -eq 300000"
check_grep "it may break anywhere, with a located warning" \
	"word.md:8:0: warning: [pdf] words of more than 200 characters may be broken anywhere" "$T/.err"
check_exit 0 "noncharacters do not make the writer fail" \
	"$rl" "$top_builddir/plugins" pdf en "$T/nonchar.md" "$T/nonchar.pdf"
check "the text around them stays" sh -c \
	"pdftotext '$T/nonchar.pdf' - | grep -q 'abcde end.'"
check_exit 1 "characters no installed font has are an error" \
	"$rl" "$top_builddir/plugins" pdf en "$T/tofu.md" "$T/tofu.pdf"
check_grep "naming them and the package that would supply them, located" \
	"tofu.md:10:0: error: [pdf] no installed font has 2 of the characters (U+E000, U+1E290): they would print as empty boxes; install fonts-noto-core" "$T/.err"
check "and no PDF is left" test ! -e "$T/tofu.pdf"

# ---------------------------------------------------------------- links
url="https://example.org/res?a=1&b=it's"
check_exit 0 "a letter with a link renders" "$render" --link "$url" pdf "$T/link.pdf"
check "the link is a URI annotation with the quote escaped" sh -c \
	"pdfinfo -url '$T/link.pdf' | grep -qF 'https://example.org/res?a=1&b=it%27s'"
pdftotext -layout "$T/link.pdf" "$T/link.txt"
check_grep "on paper the address follows the words (paper-links: after)" \
	"See the resolution at the UN website <$url> for details." "$T/link.txt"
check_exit 0 "hidden, the address is not printed" \
	"$render" --link "$url" --paper-links hidden pdf "$T/link-hidden.pdf"
check "only the words are there" sh -c \
	"pdftotext -layout '$T/link-hidden.pdf' - | grep -qF 'See the resolution at the UN website for details.'"

# As footnotes: the number after the words, the address at the foot of
# the page where the number falls, under a rule.  Many links, so that
# notes fall on several pages and each goes with its line.
check_exit 0 "links as footnotes render" \
	"$render" --link "$url" --paper-links footnote pdf "$T/note.pdf"
pdftotext -layout "$T/note.pdf" "$T/note.txt"
check_grep "the number follows the words" \
	"See the resolution at the UN website1 for details." "$T/note.txt"
on=0
for p in $(seq 1 "$(pages "$T/note.pdf")"); do
	pdftotext -layout -f "$p" -l "$p" "$T/note.pdf" "$T/note-$p.txt"
	grep -qF "UN website1" "$T/note-$p.txt" && on=$p
done
# the last line before the page number is the note
note_at_foot() {
	test "$on" -gt 0 && tr -d '\f' < "$T/note-$on.txt" | grep -v '^ *$' \
		| tail -2 | head -1 | grep -qF "1 $url"
}
check "the footnote is on the page of its number ($on), above the page number" \
	note_at_foot
check "the link is still a link" sh -c \
	"pdfinfo -url '$T/note.pdf' | grep -qF 'https://example.org/res?a=1&b=it%27s'"

# ---------------------------------------------------------------- images
# tests/data/paper/letter.md: an SVG logo (one red block, 3:1), a PNG
# signature (240 x 80 pixels), struck words, a table aligned left, centre
# and right.
paper="$top_srcdir/tests/data/paper"
look() { python3 "$top_srcdir/tests/pdf-look.py" "$@"; }
# red_box PDF: the box of the red pixels of its first page at 72 dpi
# (a pixel is a point), "x0 y0 x1 y1" or "none"
red_box() {
	pdftoppm -r 72 -f 1 -l 1 -singlefile "$1" "${1%.pdf}-72" &&
	look red-box "${1%.pdf}-72.ppm"
}
# within: A B D: |A - B| <= D
within() { awk -v a="$1" -v b="$2" -v d="$3" 'BEGIN { exit !(a - b <= d && b - a <= d) }'; }
check_exit 0 "a letter with a logo and a signature renders" \
	"$rl" "$top_builddir/plugins" pdf en "$paper/letter.md" "$T/img.pdf"
pdfimages -list "$T/img.pdf" | sed 1,2d > "$T/img.list"
check "the PNG signature is the one raster image, 240 x 80" sh -c \
	"test \$(wc -l < '$T/img.list') -eq 1 && awk '{ exit !(\$4 == 240 && \$5 == 80) }' '$T/img.list'"
read -r bx0 by0 bx1 by1 <<EOF
$(red_box "$T/img.pdf")
EOF
bw=$((${bx1:-0} - ${bx0:-0})); bh=$((${by1:-0} - ${by0:-0}))
# at 72 dpi a pixel is a point: the margin is 70.9, the logo's box 6 x
# 1.8 cm (170 x 51), which a 3:1 logo fills in height
check "the SVG logo is drawn (as paths) at the top left corner ($bx0, $by0)" \
	eval 'within "$bx0" 71 2 && within "$by0" 71 2'
check "keeping its 3:1 shape, 51 points high ($bw x $bh)" \
	eval 'within "$bh" 51 2 && within $((bw * 100 / (bh ? bh : 1))) 300 8'
check "a letter without a logo has no red" test "$(red_box "$T/en.pdf")" = none

# Strikethrough: a line through the middle of the struck words, and
# through no other word of the paragraph.
pdftoppm -gray -r 144 -f 1 -l 1 -singlefile "$T/img.pdf" "$T/img144"
pdftotext -bbox "$T/img.pdf" "$T/img.html"
struck() { look struck "$T/img144.pgm" 144 "$T/img.html" "$1"; }
check "the struck words still read as text" sh -c \
	"pdftotext '$T/img.pdf' - | grep -q 'here and struck out words at the end'"
check "a line runs through 'struck' and 'out'" \
	eval 'test "$(struck struck)" = 1 && test "$(struck out)" = 1'
check "and through neither 'Plain' nor 'here'" \
	eval 'test "$(struck Plain)" = 0 && test "$(struck here)" = 0'

# Table columns as the delimiter row says (|:--|:-:|--:|), each a third
# of the 453.5-point text width after the 70.9-point margin: left cells
# start at the margin, centred ones centre on 297.6, right ones end
# together near 524.4 (less a little padding), however long they are.
look words "$T/img.html" Left l1 longer Centre c1 centre Right r1 right \
	> "$T/cols"
x() { sed -n "$1p" "$T/cols" | cut -d' ' -f"$2"; }
centre() { awk -v a="$(x "$1" 1)" -v b="$(x "$1" 2)" 'BEGIN { print (a + b) / 2 }'; }
check "left cells start at the margin" \
	eval 'within "$(x 1 1)" 70.87 0.5 && within "$(x 2 1)" 70.87 0.5 && within "$(x 3 1)" 70.87 0.5'
check "centred cells centre on their column's middle" \
	eval 'within "$(centre 4)" 297.64 1 && within "$(centre 5)" 297.64 1'
check "right cells end together at their column's right edge" \
	eval 'within "$(x 7 2)" "$(x 8 2)" 0.5 && within "$(x 7 2)" "$(x 9 2)" 0.5 && within "$(x 7 2)" 518.4 7'
check "though they start at different places" \
	eval '! within "$(x 7 1)" "$(x 8 1)" 5'

# A JPEG signature goes into the PDF as it is (DCT), not as pixels.
check_exit 0 "a letter with a JPEG signature renders" \
	"$rl" "$top_builddir/plugins" pdf en "$paper/jpeg.md" "$T/jpeg.pdf"
check "the JPEG is embedded as a 240 x 80 DCT (jpeg) image" sh -c \
	"pdfimages -list '$T/jpeg.pdf' | sed 1,2d | awk '{ exit !(\$4 == 240 && \$5 == 80 && \$9 == \"jpeg\") }'"
check "with the file's own bytes" sh -c \
	"cd '$T' && pdfimages -j '$T/jpeg.pdf' jpeg-out && cmp '$paper/images/signature.jpeg' jpeg-out-000.jpg"

# An SVG that refers to other files (the PNG beside it, /etc/passwd, a
# web address): librsvg gets no base address, so none is loaded.
check_exit 0 "an SVG logo that refers to other files renders" \
	"$rl" "$top_builddir/plugins" pdf en "$paper/external.md" "$T/ext.pdf"
check "the PNG it refers to is not in the PDF (only the signature is)" sh -c \
	"test \$(pdfimages -list '$T/ext.pdf' | sed 1,2d | wc -l) -eq 1"
read -r ex0 ey0 ex1 ey1 <<EOF
$(red_box "$T/ext.pdf")
EOF
check "what it draws itself is there: its red square ($ex0 $ey0 $ex1 $ey1)" \
	eval 'within $((${ex1:-0} - ${ex0:-0})) $((${ey1:-0} - ${ey0:-0})) 2 && test "${ey1:-0}" -gt 0'


# Images that cannot be drawn: a located error at the line that names
# the image, and no PDF.
check_exit 1 "a PNG whose data is damaged is an error" \
	"$rl" "$top_builddir/plugins" pdf en "$paper/damaged.md" "$T/damaged.pdf"
check_grep "located at the logo's line, saying why" \
	"damaged.md:9:9: error: [pdf] logo 'images/damaged.png': the image cannot be decoded: the PNG data is damaged" \
	"$T/.err"
check "and no PDF is left" test ! -e "$T/damaged.pdf"
check_exit 1 "a JPEG whose data gdk-pixbuf cannot decode is an error" \
	"$rl" "$top_builddir/plugins" pdf en "$paper/damaged-jpeg.md" "$T/dj.pdf"
check_grep "located, with gdk-pixbuf's reason" \
	"damaged-jpeg.md:9:9: error: [pdf] logo 'images/damaged.jpeg': the image cannot be decoded: Error interpreting JPEG image file (Quantization table 0x00 was not defined)" \
	"$T/.err"
check "and no PDF is left" test ! -e "$T/dj.pdf"
check_exit 1 "an SVG <use> bomb is an error" \
	"$rl" "$top_builddir/plugins" pdf en "$paper/use-bomb.md" "$T/bomb.pdf"
check_grep "located, with librsvg's reason" \
	"use-bomb.md:9:9: error: [pdf] logo 'images/use-bomb.svg': the image cannot be decoded: exceeded more than" \
	"$T/.err"
check "and no PDF is left" test ! -e "$T/bomb.pdf"

done_testing

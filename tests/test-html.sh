#!/bin/sh
# test-html.sh — the html writer.  (1) A strict structural check of the
# page with python3's html.parser: doctype, one head/title/body, every
# element closed and nested properly, only the elements and attributes
# the writer means to use, no script, no external resource, links only
# to http, https and mailto.  (2) The real browser: headless Chromium
# parses the page (--dump-dom: no <script> element exists) and prints it
# to PDF; pdftotext then finds the letter's text (Korean intact, hostile
# text shown as text) on A4 pages.  Chromium is required: without it the
# test fails (bootstrap installs it).
. "$srcdir/tap.sh"

render="$top_builddir/tests/render-letter"
plugins="$top_builddir/plugins"
seed="$top_srcdir/corpus/000_b6b6d3f049d4ab14.md"
ko="$top_srcdir/tests/data/web/letter-ko.md"

check "render the seed letter as HTML" \
	"$render" "$plugins" html en "$seed" "$T/en.html"
check "render the Korean letter as a draft" \
	"$render" "$plugins" html ko --draft "$ko" "$T/ko.html"
check "render a hostile translation" \
	"$render" "$plugins" html en --draft --hostile "$seed" "$T/hostile.html"
check "the .htm extension finds the plugin too" \
	"$render" "$plugins" htm en "$seed" "$T/htm.html"
check "... and writes the same page" cmp "$T/en.html" "$T/htm.html"

cat > "$T/structure.py" <<'EOF'
import sys, re
from html.parser import HTMLParser

VOID = {"meta", "br", "hr"}
ELEMENTS = {"html", "head", "meta", "title", "style", "body", "article",
            "header", "main", "footer", "div", "p", "time", "address", "span",
            "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "em",
            "strong", "a", "sup", "sub", "u", "code", "blockquote", "hr"}
ATTRS = {"lang", "charset", "name", "content", "class", "datetime", "href",
         "title", "start", "role"}
ONCE = ("html", "head", "title", "style", "body", "header", "main")

class Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.count = [], [], {}
        self.text, self.doctype, self.attrs = [], None, {}
        self.title = ""
        self.first_tag = None
    def err(self, msg):
        self.errors.append("line %d: %s" % (self.getpos()[0], msg))
    def handle_decl(self, decl):
        self.doctype = decl
    def handle_starttag(self, tag, attrs):
        if self.first_tag is None:
            self.first_tag = tag
        self.count[tag] = self.count.get(tag, 0) + 1
        if tag not in ELEMENTS:
            self.err("unexpected element <%s>" % tag)
        for k, v in attrs:
            if k not in ATTRS:
                self.err("unexpected attribute %s on <%s>" % (k, tag))
            if k == "href" and re.match(r"^\s*[A-Za-z][A-Za-z0-9+.-]*:", v or "") \
               and not re.match(r"^(https?|mailto):", v, re.I):
                self.err("link to a forbidden scheme: %r" % v)
        self.attrs.setdefault(tag, []).append(dict(attrs))
        if tag not in VOID:
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        self.err("self-closing <%s/> in HTML" % tag)
    def handle_endtag(self, tag):
        if tag in VOID:
            self.err("end tag for void <%s>" % tag)
        elif not self.stack or self.stack[-1] != tag:
            self.err("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else "nothing"))
        else:
            self.stack.pop()
    def handle_data(self, data):
        if self.stack and self.stack[-1] == "title":
            self.title += data
        if "body" in self.stack:
            self.text.append(data)
    def handle_comment(self, data):
        self.err("comment")
    def handle_pi(self, data):
        self.err("processing instruction")

path, lang = sys.argv[1], sys.argv[2]
src = open(path, "rb").read()
try:
    page = src.decode("utf-8")
except UnicodeDecodeError as e:
    print("not UTF-8: %s" % e); sys.exit(1)
c = Check()
c.feed(page)
c.close()
if not page.startswith("<!DOCTYPE html>\n"):
    c.err("does not start with <!DOCTYPE html>")
if c.stack:
    c.err("left open: %s" % c.stack)
for tag in ONCE:
    if c.count.get(tag, 0) != 1:
        c.err("%d <%s> elements" % (c.count.get(tag, 0), tag))
if c.first_tag != "html" or c.attrs["html"][0].get("lang") != lang:
    c.err("<html lang=%r> expected first" % lang)
metas = c.attrs.get("meta", [])
if not metas or metas[0].get("charset") != "utf-8" or page.find("<meta charset") > 512:
    c.err("<meta charset=\"utf-8\"> must come first in <head>")
if not any(m.get("name") == "generator" and m.get("content") for m in metas):
    c.err("no generator meta")
if c.count.get("script"):
    c.err("a script element")
style = page[page.find("<style>"):page.find("</style>")]
for bad in ("url(", "@import", "src="):
    if bad in style:
        c.err("external resource in the stylesheet: %s" % bad)
if not re.search(r"@media print\s*\{\s*@page\s*\{\s*size:\s*(A4|letter)", style):
    c.err("no @page size in @media print")
if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", page):
    c.err("raw control characters")
for e in c.errors[:20]:
    print(e)
# What the page says, for the callers.
open(path + ".title", "w", encoding="utf-8").write(c.title)
open(path + ".text", "w", encoding="utf-8").write(" ".join(" ".join(c.text).split()))
sys.exit(1 if c.errors else 0)
EOF

check "seed: well-formed, strict structure" python3 "$T/structure.py" "$T/en.html" en
check "ko: well-formed, strict structure" python3 "$T/structure.py" "$T/ko.html" ko
check "hostile: well-formed, strict structure" python3 "$T/structure.py" "$T/hostile.html" en
check_grep "seed: title is the subject" \
	"2025 North Korean human rights resolution to be adopted at the 80th United Nations General Assembly" \
	"$T/en.html.title"
check_grep "seed: semantic parts" '<header>' "$T/en.html"
check_grep "seed: date in a <time>" '<time datetime="2025-10-28">October 28, 2025</time>' "$T/en.html"
check_grep "seed: addresses in <address>" '<address class="recipient">' "$T/en.html"
check_grep "seed: subject as <h1>" '<h1 class="subject"><span class="label">Re:</span> 2025 North Korean' "$T/en.html"
check_grep "seed: <sup> kept" '80<sup>th</sup>' "$T/en.html"
check_grep "seed: <u> kept" '<u>Commission of Inquiry on human rights in the DPRK (COI DPRK)</u>' "$T/en.html"
check_grep "seed: as-of date in a <time>" '<h2>Signatories (as of <time datetime="2025-07-09">July 9, 2025</time>)</h2>' "$T/en.html"
check_grep "seed: signatories in <footer> lists" '<ul class="groups">' "$T/en.html"
check_grep "seed: serif font from the locale, with a fallback" '"Noto Serif", serif' "$T/en.html"
check_grep "seed: typewriter quotes become the language's marks" '“extermination, murder' "$T/en.html"
check "seed: no draft banner" sh -c "! grep -q '<p class=\"draft-banner' '$T/en.html'"
check_grep "ko: Korean date on the right" '.date { margin: 0 0 2em; text-align: right; }' "$T/ko.html"
check_grep "ko: Korean serif font" '"NanumMyeongjo", serif' "$T/ko.html"
check_grep "ko: title, name and honorific" '<span class="title">대한민국 대통령</span> <span class="name">이재명</span> <span class="suffix">귀하</span>' "$T/ko.html"
check_grep "ko: e-mail as a mailto link" '<span class="label">E-mail:</span> <a class="email" href="mailto:president@example.go.kr">president@example.go.kr</a>' "$T/ko.html"
check_grep "ko: draft banner" '<p class="draft-banner" role="note">DRAFT</p>' "$T/ko.html"
check_grep "ko: body heading below the subject's <h1>" '<h3>배경</h3>' "$T/ko.html"
check_grep "ko: link kept" '<a href="https://www.un.org/ko/" title="유엔">유엔 웹사이트</a>' "$T/ko.html"
check_grep "ko: ordered list" '<ol>' "$T/ko.html"
check_grep "ko: words kept whole (keep-all, from the locale)" \
	':lang(ko) { word-break: keep-all; overflow-wrap: anywhere; }' "$T/ko.html"
check "en: no keep-all in an English page" \
	sh -c "! grep -q 'keep-all' '$T/en.html'"
check_grep "ko: emphasis is bold, not a slant" \
	'em, footer h3 { font-style: normal; font-weight: bold; }' "$T/ko.html"
check "en: emphasis keeps the browser's italic" \
	sh -c "! grep -q 'font-style: normal; font-weight: bold' '$T/en.html'"
check_grep "hostile: the script as text" '&lt;script&gt;alert(1)&lt;/script&gt;' "$T/hostile.html"
check_grep "hostile: quotes in text as marks, the rest escaped" '“dq” ‘sq’ &amp; &amp;amp; ]]&gt;' "$T/hostile.html"
check_grep "hostile: the title escaped" '<title>Re: &quot;quoted&quot; &lt;/title&gt;&lt;script&gt;x()&lt;/script&gt; --- next: 1 # \ end</title>' "$T/hostile.html"
check_grep "hostile: script link as text" 'js &lt;javascript:alert(1)&gt;' "$T/hostile.html"
check_grep "hostile: mixed-case scheme as text" 'js2 &lt;JaVaScRiPt:alert(2)&gt;' "$T/hostile.html"
check_grep "hostile: tab-split scheme as text" 'js3 &lt;javascript:alert(3)&gt;' "$T/hostile.html"
check_grep "hostile: data: as text" 'data &lt;data:text/html,&lt;script&gt;alert(4)&lt;/script&gt;&gt;' "$T/hostile.html"
check_grep "hostile: http link kept, attributes escaped" \
	'<a href="https://example.org/?a=1&amp;b=&quot;2&quot;&lt;3&gt;" title="t&quot;&lt;itle&gt;">good</a>' "$T/hostile.html"
check_grep "hostile: label as text" '<span class="label">&lt;b&gt;Re&lt;/b&gt;&quot;&amp;:</span>' "$T/hostile.html"
check_grep "hostile: decoded text is the hostile text minus controls" \
	'<script>alert(1)</script> “dq” ‘sq’ & &amp; ]]> *star* _under_ `tick` [x](y) # \ |pipe| end' \
	"$T/hostile.html.text"

# ---------------------------------------------------------------- the browser
if command -v chromium >/dev/null 2>&1; then
	CHROMIUM=chromium
elif command -v chromium-browser >/dev/null 2>&1; then
	CHROMIUM=chromium-browser
else
	CHROMIUM=
fi
check "chromium is installed (bootstrap installs it)" test -n "$CHROMIUM"

# browser PAGE OPTION...: headless Chromium, no network, a scratch profile.
# HOME and the XDG folders point into $T too: nothing is written outside.
browser() {
	page=$1; shift
	HOME="$T/home" XDG_CONFIG_HOME="$T/home/config" \
	XDG_CACHE_HOME="$T/home/cache" \
	timeout 180 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--disable-dev-shm-usage --user-data-dir="$T/chrome" \
		"$@" "file://$page"
}
print_pdf() {
	browser "$1" --print-to-pdf="$2" --no-pdf-header-footer >/dev/null 2>&1 \
		&& test -s "$2" && pdftotext -enc UTF-8 "$2" "$2.txt"
}
dump_dom() {
	browser "$1" --dump-dom >"$2" 2>/dev/null && test -s "$2"
}
# squash FILE: its text without white space or hyphens (lines break
# anywhere, and pdftotext joins "co-" + "sponsor" as "cosponsor"), and
# with typewriter quotes for the language's marks (the letter file has
# typewriter quotes; the page shows “ ” ‘ ’).
squash() {
	sed -e 's/[“”«»]/"/g' -e "s/[‘’]/'/g" "$1" | tr -d -- '- \t\n\f\r'
}
has_text() {
	printf '%s' "$1" | tr -d -- '- \t\n' > "$T/.want"
	squash "$2" > "$T/.have"
	grep -qF -f "$T/.want" "$T/.have"
}

for p in en ko hostile; do
	check "$p: Chromium prints the page to PDF" print_pdf "$T/$p.html" "$T/$p.pdf"
	check "$p: Chromium's DOM has the page" dump_dom "$T/$p.html" "$T/$p.dom"
	check "$p: no <script> element in the browser's DOM" \
		sh -c "! grep -qi '<script' '$T/$p.dom'"
done
check "en: A4 pages" sh -c "pdfinfo '$T/en.pdf' | grep -q 'Page size:.*(A4)'"

# Every body paragraph of the seed letter, as text, in the PDF.
python3 - "$seed" > "$T/paras.txt" <<'EOF'
import re, sys
body = open(sys.argv[1], encoding="utf-8").read().split("\n---\n", 1)[1]
for p in re.split(r"\n\s*\n", body):
    p = re.sub(r"<[^>]+>", "", p).strip()
    if p:
        print(p)
EOF
n=0; missing=0
while IFS= read -r para; do
	n=$((n + 1))
	has_text "$para" "$T/en.pdf.txt" || { missing=$((missing + 1)); echo "# missing: $para" | cut -c1-100; }
done < "$T/paras.txt"
check "en: all $n body paragraphs are in the printed page" test "$n" -gt 10 -a "$missing" -eq 0
check "en: the date" has_text "October 28, 2025" "$T/en.pdf.txt"
check "en: the recipient" has_text "Lee Jae-myung President of the Republic of Korea" "$T/en.pdf.txt"
check "en: the subject line" has_text "Re: 2025 North Korean human rights resolution" "$T/en.pdf.txt"
check "en: the signatories" has_text "Signatories (as of July 9, 2025)" "$T/en.pdf.txt"
check "en: an individual" has_text "Roberta Cohen / Former Co-Chair" "$T/en.pdf.txt"
check "ko: Korean text intact in the PDF" \
	has_text "이재명 대통령님께, 저희는 귀 정부가 제80차 유엔총회에서 북한인권결의안을 공동제안해 주실 것을 촉구합니다." "$T/ko.pdf.txt"
check "ko: Korean date" has_text "2025년 10월 28일" "$T/ko.pdf.txt"
check "ko: the draft banner is visible" has_text "DRAFT" "$T/ko.pdf.txt"
check "ko: markup characters from the letter shown as text" \
	has_text '*별표* _밑줄_ <script>alert(1)</script> ]]> "큰따옴표"' "$T/ko.pdf.txt"
check "hostile: the script tag shown as text by the browser" \
	has_text "<script>alert(1)</script>" "$T/hostile.pdf.txt"
check "hostile: a script link shown as text" has_text "js <javascript:alert(1)>" "$T/hostile.pdf.txt"
check "hostile: label markup shown as text" has_text '<b>Re</b>"&:' "$T/hostile.pdf.txt"
check "hostile: draft label shown as text" has_text 'DRAFT <blink>"now"</blink>' "$T/hostile.pdf.txt"

# A sample letter: a banner, and the mark on every printed page.
sample="$top_srcdir/corpus/sample-001-forced-repatriation.md"
check "render a sample letter" \
	"$render" "$plugins" html en "$sample" "$T/sample.html"
check_grep "sample: the specimen banner" \
	'<p class="specimen-banner" role="note">SPECIMEN</p>' "$T/sample.html"
check "sample: Chromium prints it" print_pdf "$T/sample.html" "$T/sample.pdf"
np=$(pdfinfo "$T/sample.pdf" | sed -n 's/^Pages: *//p')
marked=0
for p in $(seq 1 "${np:-0}"); do
	pdftotext -f "$p" -l "$p" "$T/sample.pdf" - | grep -q SPECIMEN \
		&& marked=$((marked + 1))
done
check "sample: every printed page ($np) carries SPECIMEN" \
	test "${np:-0}" -ge 2 -a "$marked" -eq "${np:-0}"
check "a letter that is not a sample has no mark" \
	sh -c "! grep -q SPECIMEN '$T/en.html'"

done_testing

/* test-markdown.c — the markdown writer, read back by real clients:
 * cmark (the CommonMark reference parser) for the body, libyaml for the
 * front matter, and missive's own reader for a structural round trip
 * (every block and inline of the letter's body comes back as it was).
 * Letters: the seed letter (English), a Korean letter with every kind of
 * block, the reader's "features" letter, and a hostile translation
 * (tests/web-hostile.h). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <yaml.h>

#include "localize.h"
#include "missive.h"
#include "plugin.h"
#include "tap.h"
#include "web-hostile.h"

#define SEED TOP_SRCDIR "/corpus/000_b6b6d3f049d4ab14.md"
#define KOREAN TOP_SRCDIR "/tests/data/web/letter-ko.md"
#define FEATURES TOP_SRCDIR "/tests/data/letters/good/features.md"
#define KO_SAMPLE "이재명 대통령님께, 저희는 귀 정부가 제80차 유엔총회에서 " \
	"북한인권결의안을 공동제안해 주실 것을 촉구합니다."

static void
print_diag(const ms_diag *d, void *data)
{
	(void)data;
	printf("# %s:%u:%u: %s\n", d->file ? d->file : "-", d->line, d->column,
	       d->message);
}

static ms_diag_handler diag = { print_diag, NULL, 0, 0 };
static const ms_plugin *plugin;

/* ------------------------------------------------------------ fixtures */

static ms_letter *
load(const char *path, const char *lang)
{
	ms_letter *l = NULL;
	if (ms_reader_read_file(path, &l, &diag) != MS_OK)
		return NULL;
	free(l->lang);
	l->lang = ms_xstrdup(lang);
	ms_localize_dates(l, NULL);
	return l;
}

/* The letter rendered as Markdown: freshly allocated, caller frees. */
static char *
render(const ms_letter *l, const char *lang, bool draft)
{
	ms_locale loc;
	ms_buf out = MS_BUF_INIT;
	ms_locale_init(&loc, NULL, lang, draft);
	if (ms_plugin_render_buf(plugin, l, &loc, &out, &diag) != MS_OK) {
		ms_buf_release(&out);
		return NULL;
	}
	return ms_buf_detach(&out, NULL);
}

/* Split MD into its front matter (between the "---" lines) and body.
 * Both point into MD, which is modified. */
static bool
split(char *md, char **front, char **body)
{
	char *end;
	if (strncmp(md, "---\n", 4) != 0)
		return false;
	end = strstr(md + 3, "\n---\n");
	if (!end)
		return false;
	end[1] = '\0';
	*front = md + 4;
	*body = end + 5;
	return true;
}

/* ------------------------------------------------------------ YAML */

#define MAX_KEYS 16

typedef struct front {
	int n;
	char *key[MAX_KEYS];
	char *value[MAX_KEYS];
	bool plain[MAX_KEYS];   /* a plain (unquoted) scalar */
} front;

static void
front_release(front *f)
{
	for (int i = 0; i < f->n; i++) {
		free(f->key[i]);
		free(f->value[i]);
	}
	f->n = 0;
}

/* Parse S with libyaml: it must be one mapping of scalars. */
static bool
parse_front(const char *s, front *f)
{
	yaml_parser_t p;
	yaml_event_t ev;
	bool ok = true, done = false, want_key = true;
	int depth = 0;

	memset(f, 0, sizeof *f);
	if (!yaml_parser_initialize(&p))
		return false;
	yaml_parser_set_input_string(&p, (const unsigned char *)s, strlen(s));
	while (ok && !done) {
		if (!yaml_parser_parse(&p, &ev)) {
			printf("# yaml: %s at line %zu\n", p.problem ? p.problem : "?",
			       p.problem_mark.line + 1);
			ok = false;
			break;
		}
		switch (ev.type) {
		case YAML_MAPPING_START_EVENT:
			ok = ++depth == 1;
			break;
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_ALIAS_EVENT:
			ok = false;
			break;
		case YAML_SCALAR_EVENT: {
			char *v = ms_xstrndup((const char *)ev.data.scalar.value,
			                      ev.data.scalar.length);
			if (strlen(v) != ev.data.scalar.length)
				ok = false;  /* a NUL inside */
			if (want_key) {
				if (f->n == MAX_KEYS) {
					free(v);
					ok = false;
					break;
				}
				f->key[f->n] = v;
			} else {
				f->value[f->n] = v;
				f->plain[f->n] = ev.data.scalar.style
				                 == YAML_PLAIN_SCALAR_STYLE;
				f->n++;
			}
			want_key = !want_key;
			break;
		}
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return ok;
}

static const char *
front_get(const front *f, const char *key)
{
	for (int i = 0; i < f->n; i++)
		if (!strcmp(f->key[i], key))
			return f->value[i];
	return NULL;
}

static bool
front_plain(const front *f, const char *key)
{
	for (int i = 0; i < f->n; i++)
		if (!strcmp(f->key[i], key))
			return f->plain[i];
	return false;
}

/* ------------------------------------------------------------ cmark */

/* The body as HTML from cmark, raw HTML let through (so any markup the
 * writer let slip would show). Freshly allocated. */
static char *
cmark_html(const char *md)
{
	return cmark_markdown_to_html(md, strlen(md), CMARK_OPT_UNSAFE);
}

/* The text of NODE as cmark read it (soft breaks as spaces). */
static void
node_text(cmark_node *node, ms_buf *out)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *x = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(x)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			ms_buf_puts(out, cmark_node_get_literal(x));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			ms_buf_putc(out, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* One bit per node type (cmark-gfm numbers inline types from 0xc001). */
static unsigned
kind_bit(cmark_node_type t)
{
	return 1u << (t & 0x1f);
}

/* True when some paragraph of DOC reads exactly WANT; *KINDS gets the
 * OR of kind_bit(type) of the inline nodes in it. */
static bool
find_paragraph(cmark_node *doc, const char *want, unsigned *kinds)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	bool found = false;
	ms_buf b = MS_BUF_INIT;

	while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *x = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER
		    || cmark_node_get_type(x) != CMARK_NODE_PARAGRAPH)
			continue;
		ms_buf_reset(&b);
		node_text(x, &b);
		if (strcmp(b.ptr, want) == 0) {
			found = true;
			*kinds = 0;
			for (cmark_node *c = cmark_node_first_child(x); c;
			     c = cmark_node_next(c))
				*kinds |= kind_bit(cmark_node_get_type(c));
		}
	}
	cmark_iter_free(it);
	ms_buf_release(&b);
	return found;
}

/* ------------------------------------------------------------ structure */

static void sig_inlines(const ms_inline *in, ms_buf *b);

/* Collapse blanks: a soft break may come back as a space and the other
 * way round; leading blanks on a line are not text in Markdown. */
static void
sig_text(const char *s, ms_buf *b)
{
	for (; s && *s; s++) {
		bool blank = *s == ' ' || *s == '\n' || *s == '\t';
		if (blank && b->len && b->ptr[b->len - 1] == ' ')
			continue;
		ms_buf_putc(b, blank ? ' ' : *s);
	}
}

static void
sig_inlines(const ms_inline *in, ms_buf *b)
{
	for (; in; in = in->next) {
		switch (in->type) {
		case MS_INLINE_TEXT:
			sig_text(in->text, b);
			break;
		case MS_INLINE_SOFTBREAK:
			sig_text(" ", b);
			break;
		case MS_INLINE_LINEBREAK:
			ms_buf_puts(b, "{br}");
			break;
		case MS_INLINE_CODE:
			ms_buf_printf(b, "{code:%s}", in->text);
			break;
		case MS_INLINE_HTML:
			break;  /* the writer drops raw HTML */
		case MS_INLINE_LINK:
			ms_buf_printf(b, "{a %s|%s:", in->url ? in->url : "",
			              in->title ? in->title : "");
			sig_inlines(in->children, b);
			ms_buf_putc(b, '}');
			break;
		default:
			ms_buf_printf(b, "{%d:", (int)in->type);
			sig_inlines(in->children, b);
			ms_buf_putc(b, '}');
			break;
		}
	}
}

static void
sig_blocks(const ms_block *bl, ms_buf *b)
{
	for (; bl; bl = bl->next) {
		switch (bl->type) {
		case MS_BLOCK_PARAGRAPH:
			ms_buf_puts(b, "[P ");
			break;
		case MS_BLOCK_HEADING:
			ms_buf_printf(b, "[H%d ", bl->level);
			break;
		case MS_BLOCK_LIST:
			ms_buf_printf(b, "[L%s%d ", bl->ordered ? "o" : "u",
			              bl->ordered ? bl->start : 0);
			break;
		case MS_BLOCK_ITEM:
			ms_buf_puts(b, "[I ");
			break;
		case MS_BLOCK_QUOTE:
			ms_buf_puts(b, "[Q ");
			break;
		case MS_BLOCK_BREAK:
			ms_buf_puts(b, "[B ");
			break;
		case MS_BLOCK_TABLE:
			ms_buf_printf(b, "[T%d ", bl->columns);
			break;
		case MS_BLOCK_ROW:
			ms_buf_puts(b, "[R ");
			break;
		case MS_BLOCK_CELL:
			ms_buf_puts(b, "[C ");
			break;
		case MS_BLOCK_FOOTNOTE:
			ms_buf_puts(b, "[F ");
			break;
		}
		sig_inlines(bl->inlines, b);
		sig_blocks(bl->children, b);
		ms_buf_puts(b, "]");
	}
}

/* Read BODY back with missive's reader, as the body of a letter. */
static ms_letter *
reread(const char *body)
{
	ms_buf doc = MS_BUF_INIT;
	ms_letter *l = NULL;
	ms_buf_puts(&doc, "---\nlang: en\ndate: 2025-01-01\nrecipients:\n"
	            "  - name: X\nsubject: S\nsalutation: S\nclosing: C\n---\n");
	ms_buf_puts(&doc, body);
	if (ms_reader_read_mem("reread.md", doc.ptr, doc.len, &l, &diag) != MS_OK)
		l = NULL;
	ms_buf_release(&doc);
	return l;
}

/* The body of ORIG must come back, block for block, inside the blocks
 * read from BODY; so must the salutation and the closing. */
static void
check_round_trip(const char *what, const ms_letter *orig, const char *body)
{
	ms_letter *back = reread(body);
	ms_buf want = MS_BUF_INIT, got = MS_BUF_INIT;

	OK(back != NULL, "%s: the reader reads the Markdown back", what);
	if (!back)
		return;
	sig_blocks(back->body, &got);
	sig_blocks(orig->body, &want);
	if (!OK(strstr(got.ptr, want.ptr) != NULL,
	        "%s: every body block comes back as it was", what))
		printf("#   want %s\n#   got  %s\n", want.ptr, got.ptr);
	ms_buf_reset(&want);
	ms_buf_puts(&want, "[P ");
	sig_inlines(orig->salutation.inlines, &want);
	ms_buf_puts(&want, "]");
	OK(strstr(got.ptr, want.ptr) != NULL,
	   "%s: the salutation comes back as a paragraph", what);
	ms_buf_reset(&want);
	ms_buf_puts(&want, "[P ");
	sig_inlines(orig->closing.inlines, &want);
	ms_buf_puts(&want, "]");
	OK(strstr(got.ptr, want.ptr) != NULL,
	   "%s: the closing comes back as a paragraph", what);
	ms_letter_free(back);
	ms_buf_release(&want);
	ms_buf_release(&got);
}

/* Every paragraph of the body reads, in cmark, as its plain text. */
static void
check_paragraphs(const char *what, const ms_letter *l, cmark_node *doc)
{
	ms_buf want = MS_BUF_INIT;
	int n = 0, found = 0;
	unsigned kinds;

	for (const ms_block *b = l->body; b; b = b->next) {
		if (b->type != MS_BLOCK_PARAGRAPH)
			continue;
		ms_buf_reset(&want);
		ms_inline_plain(b->inlines, &want);
		n++;
		if (find_paragraph(doc, want.ptr, &kinds))
			found++;
		else
			printf("#   missing: %s\n", want.ptr);
	}
	OK(n > 0 && found == n, "%s: all %d body paragraphs read back by cmark",
	   what, n);
	ms_buf_release(&want);
}

/* ------------------------------------------------------------ cases */

static void
test_seed(void)
{
	ms_letter *l = load(SEED, "en");
	char *md, *fm, *body, *html;
	front f;
	ms_buf subject = MS_BUF_INIT;
	cmark_node *doc;

	OK(l != NULL, "seed: the letter reads");
	if (!l)
		return;
	md = render(l, "en", false);
	OK(md != NULL, "seed: renders");
	if (!md || !OK(split(md, &fm, &body), "seed: front matter between --- lines")) {
		free(md);
		ms_letter_free(l);
		return;
	}
	OK(parse_front(fm, &f), "seed: front matter is a YAML mapping of scalars");
	ms_inline_plain(l->subject.inlines, &subject);
	STR_EQ(front_get(&f, "title"), subject.ptr, "seed: title is the subject");
	STR_EQ(front_get(&f, "date"), "2025-10-28", "seed: date is ISO");
	OK(front_plain(&f, "date"), "seed: the date is a plain scalar (a YAML date)");
	STR_EQ(front_get(&f, "lang"), "en", "seed: lang");
	STR_EQ(front_get(&f, "draft"), "false", "seed: draft: false");
	OK(front_plain(&f, "draft"), "seed: draft is a plain scalar (a boolean)");
	STR_EQ(front_get(&f, "letter_id"), "000_b6b6d3f049d4ab14", "seed: letter_id");
	front_release(&f);

	html = cmark_html(body);
	OK(strstr(html, "<p>October 28, 2025</p>") != NULL, "seed: date line");
	OK(strstr(html, "<p>Lee Jae-myung<br />\nPresident of the Republic of Korea<br />\n")
	   != NULL, "seed: recipient lines end with hard breaks");
	OK(strstr(html, "Fax: +82 2-770-4721") != NULL, "seed: fax line with its label");
	OK(strstr(html, "<p>CC. Prime Minister Kim Min-seok<br />") != NULL,
	   "seed: CC label before the first copy");
	OK(strstr(html, "<p><strong>Re:</strong> 2025 North Korean human rights "
	          "resolution to be adopted at the 80<sup>th</sup> United Nations")
	   != NULL, "seed: bold subject label, <sup> kept");
	OK(strstr(html, "the UN <u>Commission of Inquiry on human rights in the "
	          "DPRK (COI DPRK)</u> found") != NULL, "seed: <u> kept");
	OK(strstr(html, "<p>Dear President Lee Jae-myung,</p>") != NULL,
	   "seed: salutation");
	OK(strstr(html, "<p><strong>Signatories (as of July 9, 2025)</strong></p>")
	   != NULL, "seed: signatories heading with the as-of date");
	OK(strstr(html, "<li>Human Rights Watch (HRW)</li>") != NULL,
	   "seed: groups as a list");
	OK(strstr(html, "<li>Roberta Cohen / Former Co-Chair of the Committee "
	          "for Human Rights in North Korea</li>") != NULL,
	   "seed: individuals as name / affiliation");
	OK(strstr(html, "Independent Crossbench Member of the House of Lords &amp; Co-chair")
	   != NULL, "seed: '&' in text stays text");
	doc = cmark_parse_document(body, strlen(body), CMARK_OPT_DEFAULT);
	check_paragraphs("seed", l, doc);
	cmark_node_free(doc);
	check_round_trip("seed", l, body);
	free(html);
	free(md);
	ms_buf_release(&subject);
	ms_letter_free(l);
}

static void
test_korean(void)
{
	ms_letter *l = load(KOREAN, "ko");
	char *md, *fm, *body, *html;
	front f;
	cmark_node *doc;

	OK(l != NULL, "ko: the letter reads");
	if (!l)
		return;
	md = render(l, "ko", true);
	if (!OK(md && split(md, &fm, &body), "ko: renders with front matter")) {
		free(md);
		ms_letter_free(l);
		return;
	}
	OK(parse_front(fm, &f), "ko: front matter parses");
	STR_EQ(front_get(&f, "lang"), "ko", "ko: lang");
	STR_EQ(front_get(&f, "draft"), "true", "ko: draft: true");
	STR_EQ(front_get(&f, "title"), "제80차 유엔총회 북한인권결의안 공동제안 촉구",
	       "ko: Korean title intact");
	front_release(&f);

	html = cmark_html(body);
	OK(strncmp(html, "<p><strong>DRAFT</strong></p>", 29) == 0,
	   "ko: the draft mark comes first");
	OK(strstr(html, "<p>2025년 10월 28일</p>") != NULL, "ko: Korean date");
	OK(strstr(html, "<p>대한민국 대통령 이재명 귀하<br />") != NULL,
	   "ko: title, name, honorific on one line");
	OK(strstr(html, "<a href=\"mailto:president@example.go.kr\">"
	          "president@example.go.kr</a>") != NULL, "ko: e-mail as a mailto link");
	OK(strstr(html, "<p>" KO_SAMPLE "</p>") != NULL, "ko: Korean paragraph intact");
	OK(strstr(html, "<h2>배경</h2>") != NULL, "ko: heading level kept");
	OK(strstr(html, "<em>인도에 반한 죄</em>를") != NULL,
	   "ko: emphasis inside a Korean word");
	OK(strstr(html, "<strong>78/218</strong>") != NULL, "ko: strong");
	OK(strstr(html, "<sup>1</sup>") != NULL, "ko: <sup> kept");
	OK(strstr(html, "<a href=\"https://www.un.org/ko/\" title=\"유엔\">유엔 웹사이트</a>")
	   != NULL, "ko: link with title");
	OK(strstr(html, "*별표* _밑줄_ &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; "
	          "&quot;큰따옴표&quot; 'apos' &amp;amp; [링크](javascript:alert(1)) "
	          "# 샵 | 파이프 ` 역따옴표") != NULL,
	   "ko: markup characters in the source stay text");
	OK(strstr(html, "<ol>\n<li>첫째 요구</li>\n<li>둘째 요구</li>\n</ol>") != NULL,
	   "ko: ordered list");
	OK(strstr(html, "<ul>\n<li>항목 가</li>") != NULL, "ko: bullet list");
	OK(strstr(html, "<blockquote>\n<p>인용된 <em>문장</em>입니다.</p>") != NULL,
	   "ko: quote");
	OK(strstr(html, "<hr />") != NULL, "ko: thematic break");
	OK(strstr(html, "<p>2025. 10. 28. 날짜로 시작하는 문단.</p>") != NULL,
	   "ko: a paragraph starting with \"2025.\" is not a list");
	OK(strstr(html, "<li>로버타 코헨 / 전 북한인권위원회 공동의장</li>") != NULL,
	   "ko: individual signatory");
	doc = cmark_parse_document(body, strlen(body), CMARK_OPT_DEFAULT);
	check_paragraphs("ko", l, doc);
	cmark_node_free(doc);
	check_round_trip("ko", l, body);
	free(html);
	free(md);
	ms_letter_free(l);
}

static void
test_features(void)
{
	ms_letter *l = load(FEATURES, "en-GB");
	char *md, *fm, *body, *html;

	OK(l != NULL, "features: the letter reads");
	if (!l)
		return;
	md = render(l, "en-GB", false);
	if (!OK(md && split(md, &fm, &body), "features: renders")) {
		free(md);
		ms_letter_free(l);
		return;
	}
	html = cmark_html(body);
	OK(strstr(html, "<code>code</code>") != NULL, "features: code span");
	OK(strstr(html, "<a href=\"https://example.org\" title=\"Home\">link</a>")
	   != NULL, "features: link");
	OK(strstr(html, "<span>") == NULL, "features: other raw HTML is not copied");
	OK(strstr(html, "Ms <u>Kim</u>") != NULL, "features: markup in a name kept");
	OK(strstr(html, "Minister of <em>Justice</em>") != NULL,
	   "features: emphasis in a title kept");
	check_round_trip("features", l, body);
	free(html);
	free(md);
	ms_letter_free(l);
}

static void
test_hostile(void)
{
	ms_letter *l = load(SEED, "en");
	char *md, *fm, *body, *html;
	front f;
	cmark_node *doc;
	unsigned kinds = 0;

	if (!OK(l != NULL, "hostile: the letter reads"))
		return;
	web_make_hostile(l);
	md = render(l, "en", true);
	if (!OK(md && split(md, &fm, &body), "hostile: renders, front matter intact")) {
		free(md);
		ms_letter_free(l);
		return;
	}
	OK(parse_front(fm, &f), "hostile: front matter still parses");
	STR_EQ(front_get(&f, "title"), HOSTILE_SUBJECT,
	       "hostile: title round-trips exactly through YAML");
	OK(f.n == 6, "hostile: no key smuggled in (%d keys)", f.n);
	front_release(&f);

	html = cmark_html(body);
	OK(strstr(html, "<script") == NULL, "hostile: no <script> element");
	OK(strstr(html, "<b>") == NULL && strstr(html, "<i>") == NULL
	   && strstr(html, "<blink>") == NULL, "hostile: no markup from labels");
	OK(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL,
	   "hostile: the script shows as text");
	OK(strstr(html, "href=\"javascript") == NULL
	   && strstr(html, "href=\"JaVaScRiPt") == NULL
	   && strstr(html, "href=\"java") == NULL
	   && strstr(html, "href=\"data:") == NULL, "hostile: no script link");
	OK(strstr(html, "js &lt;javascript:alert(1)&gt;") != NULL,
	   "hostile: a script link is written as text");
	OK(strstr(html, "<a href=\"https://example.org/?a=1&amp;b=%222%22%3C3%3E\" "
	          "title=\"t&quot;&lt;itle&gt;\">good</a>") != NULL,
	   "hostile: an http link keeps its address and title");
	OK(strstr(html, "<strong>&lt;b&gt;Re&lt;/b&gt;&quot;&amp;:</strong>") != NULL,
	   "hostile: subject label as bold text");
	OK(strstr(html, "<strong>DRAFT &lt;blink&gt;&quot;now&quot;&lt;/blink&gt;</strong>")
	   != NULL, "hostile: draft label as text");
	doc = cmark_parse_document(body, strlen(body), CMARK_OPT_DEFAULT);
	OK(find_paragraph(doc, HOSTILE_SHOWN, &kinds),
	   "hostile: the salutation reads back as its text, controls dropped");
	INT_EQ(kinds, kind_bit(CMARK_NODE_TEXT),
	       "hostile: ... as text only (no emphasis, code or link)");
	cmark_node_free(doc);
	free(html);
	free(md);
	ms_letter_free(l);
}

int
main(void)
{
	ms_plugin_host *host = NULL;

	OK(ms_plugin_host_new(TOP_BUILDDIR "/plugins", &host, &diag) == MS_OK,
	   "the plugin host starts");
	plugin = host ? ms_plugin_host_find(host, "md", &diag) : NULL;
	OK(plugin != NULL, "the markdown plugin writes .md");
	if (plugin) {
		STR_EQ(plugin->name, "markdown", "its name");
		test_seed();
		test_korean();
		test_features();
		test_hostile();
	}
	ms_plugin_host_free(host);
	return done_testing();
}

/* html.c — the "html" writer: the letter as one standalone HTML5 page.
 *
 * The page needs nothing from outside: the stylesheet is embedded (screen,
 * and print with the locale's paper size), fonts are named with generic
 * fallbacks, there is no script and no external resource.  The structure
 * is semantic: <header> holds the date and the addresses, <main> the
 * subject (as <h1>), the salutation, the body and the closing, <footer>
 * the signatories.
 *
 * Everything that comes from the letter or from a translator goes through
 * put_text() or put_url(): markup characters become character references,
 * characters HTML cannot carry are dropped, bytes that are not UTF-8 become
 * U+FFFD, and a link whose scheme is not http, https or mailto is written
 * as text, never as a link.  Raw HTML kept in the model (MS_INLINE_HTML)
 * is not copied into the page. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "missive-plugin.h"

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) dgettext("missive", s)
#else
#define _(s) (s)
#endif

MS_PLUGIN_EXPORT const ms_plugin *missive_plugin_describe(void);

/* ------------------------------------------------------------ characters */

/* The shared decoder of libmissive (an invalid byte gives UINT32_MAX). */
static size_t
utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	return ms_utf8_decode((const char *)s, n, cp);
}

/* True for characters an HTML document must not contain as text: C0
 * controls other than tab and line feed, DEL, C1 controls and
 * noncharacters (the HTML parser reports each as an error). */
static bool
html_forbidden(uint32_t c)
{
	if (c < 0x20)
		return c != '\t' && c != '\n';
	if (c >= 0x7f && c <= 0x9f)
		return true;
	if (c >= 0xfdd0 && c <= 0xfdef)
		return true;
	return (c & 0xfffe) == 0xfffe;
}

/* Append N bytes of S to B as HTML text (also safe inside a quoted
 * attribute value): & < > " ' become references, forbidden characters
 * are dropped, invalid UTF-8 becomes U+FFFD.  With FLAT, tabs and line
 * feeds become spaces. */
static void
put_text_n(ms_buf *b, const char *s, size_t n, bool flat)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		uint32_t c;
		size_t len = utf8_next(p + i, n - i, &c);
		switch (c) {
		case '&': ms_buf_puts(b, "&amp;"); break;
		case '<': ms_buf_puts(b, "&lt;"); break;
		case '>': ms_buf_puts(b, "&gt;"); break;
		case '"': ms_buf_puts(b, "&quot;"); break;
		case '\'': ms_buf_puts(b, "&#39;"); break;
		case '\t':
		case '\n':
			ms_buf_putc(b, flat ? ' ' : (int)c);
			break;
		case UINT32_MAX:
			ms_buf_puts(b, "\xef\xbf\xbd");
			break;
		default:
			if (!html_forbidden(c))
				ms_buf_put(b, p + i, len);
			break;
		}
		i += len;
	}
}

static void
put_text(ms_buf *b, const char *s)
{
	if (s)
		put_text_n(b, s, strlen(s), false);
}

static void
put_flat(ms_buf *b, const char *s)
{
	if (s)
		put_text_n(b, s, strlen(s), true);
}

/* ------------------------------------------------------------ links */

/* URL without the characters a browser ignores or we would drop anyway
 * (controls, tabs, line ends) and without blanks at either end, into B.
 * What is checked is then exactly what is written. */
static void
clean_url(const char *url, ms_buf *b)
{
	ms_url_clean(url, b);
}

/* True when URL (cleaned) may become a link: it names no scheme (a
 * relative reference, which cannot run anything) or its scheme is http,
 * https or mailto.  A scheme is what the URL standard calls one: a letter,
 * then letters, digits, '+', '-' or '.', up to the first ':'. */
static bool
url_allowed(const char *url)
{
	return ms_url_safe(url);
}

/* ------------------------------------------------------------ context */

typedef struct html_ctx {
	ms_buf out;
	ms_buf url;             /* scratch for cleaned URLs */
	const ms_letter *l;
	const ms_locale *loc;
} html_ctx;

static const char *
nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

static bool
text_empty(const ms_text *t)
{
	ms_buf b = MS_BUF_INIT;
	bool empty;

	if (t->inlines)
		ms_inline_plain(t->inlines, &b);
	else if (t->src)
		ms_buf_puts(&b, t->src);
	empty = true;
	for (size_t i = 0; i < b.len && empty; i++)
		if (!(b.ptr[i] == ' ' || b.ptr[i] == '\t' || b.ptr[i] == '\n'
		      || b.ptr[i] == '\r'))
			empty = false;
	ms_buf_release(&b);
	return empty;
}

/* ------------------------------------------------------------ inlines */

static void put_inlines(html_ctx *c, const ms_inline *in);

static void
put_container(html_ctx *c, const char *tag, const ms_inline *children)
{
	ms_buf_printf(&c->out, "<%s>", tag);
	put_inlines(c, children);
	ms_buf_printf(&c->out, "</%s>", tag);
}

static void
put_link(html_ctx *c, const ms_inline *in)
{
	size_t start;

	clean_url(in->url ? in->url : "", &c->url);
	if (c->url.len == 0) {
		put_inlines(c, in->children);
		return;
	}
	if (!url_allowed(c->url.ptr)) {
		/* Not a link: the words, then the address as plain text. */
		start = c->out.len;
		put_inlines(c, in->children);
		if (c->out.len > start)
			ms_buf_putc(&c->out, ' ');
		ms_buf_puts(&c->out, "&lt;");
		put_flat(&c->out, c->url.ptr);
		ms_buf_puts(&c->out, "&gt;");
		return;
	}
	ms_buf_puts(&c->out, "<a href=\"");
	put_flat(&c->out, c->url.ptr);
	ms_buf_putc(&c->out, '"');
	if (nonempty(in->title)) {
		ms_buf_puts(&c->out, " title=\"");
		put_flat(&c->out, in->title);
		ms_buf_putc(&c->out, '"');
	}
	ms_buf_putc(&c->out, '>');
	start = c->out.len;
	put_inlines(c, in->children);
	if (c->out.len == start)
		put_flat(&c->out, in->url);
	ms_buf_puts(&c->out, "</a>");
}

static void
put_inlines(html_ctx *c, const ms_inline *in)
{
	for (; in; in = in->next) {
		switch (in->type) {
		case MS_INLINE_TEXT:
			put_text(&c->out, in->text);
			break;
		case MS_INLINE_EMPH:
			put_container(c, "em", in->children);
			break;
		case MS_INLINE_STRONG:
			put_container(c, "strong", in->children);
			break;
		case MS_INLINE_LINK:
			put_link(c, in);
			break;
		case MS_INLINE_SUP:
			put_container(c, "sup", in->children);
			break;
		case MS_INLINE_SUB:
			put_container(c, "sub", in->children);
			break;
		case MS_INLINE_UNDERLINE:
			put_container(c, "u", in->children);
			break;
		case MS_INLINE_CODE:
			ms_buf_puts(&c->out, "<code>");
			put_text(&c->out, in->text);
			ms_buf_puts(&c->out, "</code>");
			break;
		case MS_INLINE_SOFTBREAK:
			ms_buf_putc(&c->out, '\n');
			break;
		case MS_INLINE_LINEBREAK:
			ms_buf_puts(&c->out, "<br>\n");
			break;
		case MS_INLINE_HTML:
			/* Verbatim markup never reaches the page. */
			break;
		default:  /* kinds newer than this writer: keep the words */
			if (in->children)
				put_inlines(c, in->children);
			else
				put_text(&c->out, in->text);
			break;
		}
	}
}

/* T as inline HTML (its markup kept). */
static void
put_ms_text(html_ctx *c, const ms_text *t)
{
	if (t->inlines)
		put_inlines(c, t->inlines);
	else
		put_text(&c->out, t->src);
}

/* <TAG class="CLASS">T</TAG> when T is not empty. */
static void
put_text_block(html_ctx *c, const char *tag, const char *klass,
               const ms_text *t)
{
	if (text_empty(t))
		return;
	ms_buf_printf(&c->out, "<%s class=\"%s\">", tag, klass);
	put_ms_text(c, t);
	ms_buf_printf(&c->out, "</%s>\n", tag);
}

/* ------------------------------------------------------------ blocks */

static void put_blocks(html_ctx *c, const ms_block *b, bool tight);
static void put_block(html_ctx *c, const ms_block *b, bool tight);

static void
put_list(html_ctx *c, const ms_block *list)
{
	if (list->ordered) {
		ms_buf_puts(&c->out, "<ol");
		if (list->start != 1)
			ms_buf_printf(&c->out, " start=\"%d\"", list->start);
		ms_buf_puts(&c->out, ">\n");
	} else {
		ms_buf_puts(&c->out, "<ul>\n");
	}
	for (const ms_block *item = list->children; item; item = item->next) {
		ms_buf_puts(&c->out, "<li>");
		if (item->type == MS_BLOCK_ITEM)
			put_blocks(c, item->children, list->tight);
		else  /* not an item: this block alone is the item */
			put_block(c, item, list->tight);
		ms_buf_puts(&c->out, "</li>\n");
	}
	ms_buf_puts(&c->out, list->ordered ? "</ol>\n" : "</ul>\n");
}

static void
put_block(html_ctx *c, const ms_block *b, bool tight)
{
	int level;

	switch (b->type) {
	case MS_BLOCK_PARAGRAPH:
		if (tight) {
			put_inlines(c, b->inlines);
		} else {
			ms_buf_puts(&c->out, "<p>");
			put_inlines(c, b->inlines);
			ms_buf_puts(&c->out, "</p>\n");
		}
		break;
	case MS_BLOCK_HEADING:
		/* The subject is the page's <h1>: body headings sit below. */
		level = b->level < 1 ? 2 : b->level >= 6 ? 6 : b->level + 1;
		ms_buf_printf(&c->out, "<h%d>", level);
		put_inlines(c, b->inlines);
		ms_buf_printf(&c->out, "</h%d>\n", level);
		break;
	case MS_BLOCK_LIST:
		put_list(c, b);
		break;
	case MS_BLOCK_QUOTE:
		ms_buf_puts(&c->out, "<blockquote>\n");
		put_blocks(c, b->children, false);
		ms_buf_puts(&c->out, "</blockquote>\n");
		break;
	case MS_BLOCK_BREAK:
		ms_buf_puts(&c->out, "<hr>\n");
		break;
	default:  /* items out of place, or kinds newer than this writer */
		if (b->children) {
			put_blocks(c, b->children, tight);
		} else if (b->inlines) {
			ms_buf_puts(&c->out, "<p>");
			put_inlines(c, b->inlines);
			ms_buf_puts(&c->out, "</p>\n");
		}
		break;
	}
}

/* In a tight list item, paragraphs are bare text; a line feed keeps two
 * of them apart. */
static void
put_blocks(html_ctx *c, const ms_block *b, bool tight)
{
	for (bool first = true; b; b = b->next, first = false) {
		if (tight && !first && b->type == MS_BLOCK_PARAGRAPH)
			ms_buf_puts(&c->out, "<br>\n");
		put_block(c, b, tight);
	}
}

/* ------------------------------------------------------------ stylesheet */

/* Append S as a CSS string ("…"): only printable characters, with the
 * quote, the backslash and angle brackets escaped, so nothing ends the
 * string or the <style> element early. */
static void
put_css_string(ms_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;

	ms_buf_putc(b, '"');
	while (i < n) {
		uint32_t c;
		size_t len = utf8_next(p + i, n - i, &c);
		if (c == '"' || c == '\\' || c == '<' || c == '>' || c == '&')
			ms_buf_printf(b, "\\%x ", (unsigned)c);
		else if (c != UINT32_MAX && c >= 0x20 && !html_forbidden(c))
			ms_buf_put(b, p + i, len);
		i += len;
	}
	ms_buf_putc(b, '"');
}

static void
put_font_list(ms_buf *b, const char *family, const char *generic)
{
	if (nonempty(family)) {
		put_css_string(b, family);
		ms_buf_puts(b, ", ");
	}
	ms_buf_puts(b, generic);
}

static void
put_page_size(ms_buf *b, const ms_locale *loc)
{
	const char *paper = loc->paper ? loc->paper : "";
	if (!strcmp(paper, "letter"))
		ms_buf_puts(b, "letter");
	else if (!strcmp(paper, "a4"))
		ms_buf_puts(b, "A4");
	else if (loc->paper_width_pt > 0 && loc->paper_height_pt > 0
	         && loc->paper_width_pt < 1e5 && loc->paper_height_pt < 1e5)
		ms_buf_printf(b, "%.2fpt %.2fpt", loc->paper_width_pt,
		              loc->paper_height_pt);
	else
		ms_buf_puts(b, "A4");
}

static void
put_style(html_ctx *c)
{
	const ms_locale *loc = c->loc;
	ms_buf *b = &c->out;
	bool right = loc->date_align && !strcmp(loc->date_align, "right");

	ms_buf_puts(b, "<style>\n"
		":root { color-scheme: light; }\n"
		"html { background: #fff; color: #1a1a1a; }\n"
		"body { margin: 0 auto; max-width: 42em; padding: 3em 1.5em;\n"
		"  font-family: ");
	put_font_list(b, loc->font_serif, "serif");
	ms_buf_puts(b, ";\n"
		"  font-size: 12pt; line-height: 1.6; }\n"
		":lang(ko) { word-break: keep-all; overflow-wrap: anywhere; }\n"
		"header { margin-bottom: 2em; }\n");
	ms_buf_printf(b, ".date { margin: 0 0 2em; text-align: %s; }\n",
	              right ? "right" : "left");
	ms_buf_puts(b,
		"address { font-style: normal; margin: 0 0 1.2em; }\n"
		".cc { margin: 1.5em 0 0; }\n"
		".cc address { margin: 0 0 0.8em 3em; }\n"
		".cc-label { float: left; margin: 0; }\n"
		".label { font-weight: bold; }\n"
		"h1.subject { font-size: 1em; margin: 2em 0 1.5em; }\n"
		"main h2, main h3, main h4, main h5, main h6 { font-size: 1em;\n"
		"  margin: 1.5em 0 0.5em; }\n"
		"main p { margin: 0 0 1em; }\n"
		".salutation { margin-bottom: 1.2em; }\n"
		".closing { margin-top: 2em; }\n"
		"blockquote { margin: 0 0 1em 2em; }\n"
		"footer { margin-top: 2.5em; }\n"
		"footer h2 { font-size: 1em; margin: 0 0 1em; }\n"
		"footer h3 { font-size: 1em; font-weight: normal;\n"
		"  font-style: italic; margin: 1em 0 0.3em; }\n"
		"footer ul { list-style: none; margin: 0; padding: 0; }\n"
		"a { color: #1d4f91; }\n"
		".draft-banner { margin: 0 0 2em; padding: 0.4em; border: 3px solid #b3261e;\n"
		"  color: #b3261e; text-align: center; font-weight: bold;\n"
		"  letter-spacing: 0.2em; font-family: ");
	put_font_list(b, loc->font_sans, "sans-serif");
	ms_buf_puts(b, "; }\n"
		"@media print {\n"
		"  @page { size: ");
	put_page_size(b, loc);
	ms_buf_puts(b, "; margin: 25mm 22mm; }\n"
		"  body { max-width: none; padding: 0; font-size: 11pt; }\n"
		"  a { color: inherit; }\n"
		"  h1, h2, h3, h4, h5, h6 { break-after: avoid; }\n"
		"  p, li { orphans: 3; widows: 3; }\n"
		"  .draft-banner { -webkit-print-color-adjust: exact;\n"
		"    print-color-adjust: exact; }\n"
		"}\n"
		"</style>\n");
}

/* ------------------------------------------------------------ the letter */

static void
put_iso_date(ms_buf *b, const ms_date *d)
{
	if (d->year > 0 && d->year <= 9999 && d->month >= 1 && d->month <= 12
	    && d->day >= 1 && d->day <= 31)
		ms_buf_printf(b, "%04d-%02d-%02d", d->year, d->month, d->day);
}

/* A line of an address block: "<br>" before every line but the first. */
static void
line_sep(html_ctx *c, bool *first)
{
	if (!*first)
		ms_buf_puts(&c->out, "<br>\n");
	*first = false;
}

static void
put_span(html_ctx *c, const char *klass, const ms_text *t)
{
	ms_buf_printf(&c->out, "<span class=\"%s\">", klass);
	put_ms_text(c, t);
	ms_buf_puts(&c->out, "</span>");
}

/* "Fax: <number>" for each line of L.  An e-mail address (one word
 * with an '@') becomes a mailto: link. */
static void
put_numbers(html_ctx *c, const ms_line *l, const char *label,
            const char *klass, bool *first)
{
	ms_buf plain = MS_BUF_INIT;
	bool email = !strcmp(klass, "email");

	for (; l; l = l->next) {
		if (text_empty(&l->text))
			continue;
		line_sep(c, first);
		if (nonempty(label)) {
			ms_buf_puts(&c->out, "<span class=\"label\">");
			put_text(&c->out, label);
			ms_buf_puts(&c->out, "</span> ");
		}
		ms_buf_reset(&plain);
		if (l->text.inlines)
			ms_inline_plain(l->text.inlines, &plain);
		else if (l->text.src)
			ms_buf_puts(&plain, l->text.src);
		if (email && strchr(plain.ptr, '@') && !strpbrk(plain.ptr, " \t\n")) {
			ms_buf_printf(&c->out, "<a class=\"%s\" href=\"mailto:", klass);
			put_flat(&c->out, plain.ptr);
			ms_buf_puts(&c->out, "\">");
			put_text(&c->out, plain.ptr);
			ms_buf_puts(&c->out, "</a>");
		} else {
			put_span(c, klass, &l->text);
		}
	}
	ms_buf_release(&plain);
}

/* One addressee as an <address> of class KLASS; CC for a copy. */
static void
put_person(html_ctx *c, const ms_recipient *r, const char *klass, bool cc)
{
	const ms_locale *loc = c->loc;
	const ms_labels *lab = &c->l->labels;
	bool first = true, title = !text_empty(&r->title);
	bool name = !text_empty(&r->name);

	ms_buf_printf(&c->out, "<address class=\"%s\">\n", klass);
	/* "title name suffix" on one line in Korean order and for copies;
	 * otherwise the name, then the title on its own line. */
	if (loc->name_after_title || cc) {
		if (title || name) {
			line_sep(c, &first);
			if (title)
				put_span(c, "title", &r->title);
			if (title && name)
				ms_buf_putc(&c->out, ' ');
			if (name)
				put_span(c, "name", &r->name);
			if (loc->name_after_title && nonempty(loc->recipient_suffix)) {
				ms_buf_puts(&c->out, " <span class=\"suffix\">");
				put_text(&c->out, loc->recipient_suffix);
				ms_buf_puts(&c->out, "</span>");
			}
		}
	} else {
		if (name) {
			line_sep(c, &first);
			put_span(c, "name", &r->name);
		}
		if (title) {
			line_sep(c, &first);
			put_span(c, "title", &r->title);
		}
	}
	if (!text_empty(&r->organisation)) {
		line_sep(c, &first);
		put_span(c, "organisation", &r->organisation);
	}
	for (const ms_line *a = r->address; a; a = a->next) {
		if (text_empty(&a->text))
			continue;
		line_sep(c, &first);
		put_ms_text(c, &a->text);
	}
	put_numbers(c, r->fax, lab->fax, "fax", &first);
	put_numbers(c, r->email, lab->email, "email", &first);
	ms_buf_puts(&c->out, "\n</address>\n");
}

static void
put_header(html_ctx *c)
{
	const ms_letter *l = c->l;
	ms_buf iso = MS_BUF_INIT;

	ms_buf_puts(&c->out, "<header>\n");
	put_iso_date(&iso, &l->date);
	if (nonempty(l->date_text) || iso.len) {
		ms_buf_puts(&c->out, "<p class=\"date\"><time");
		if (iso.len)
			ms_buf_printf(&c->out, " datetime=\"%s\"", iso.ptr);
		ms_buf_putc(&c->out, '>');
		put_text(&c->out, nonempty(l->date_text) ? l->date_text : iso.ptr);
		ms_buf_puts(&c->out, "</time></p>\n");
	}
	for (const ms_recipient *r = l->recipients; r; r = r->next)
		put_person(c, r, "recipient", false);
	if (l->cc) {
		ms_buf_puts(&c->out, "<div class=\"cc\">\n");
		if (nonempty(l->labels.cc)) {
			ms_buf_puts(&c->out, "<p class=\"cc-label label\">");
			put_text(&c->out, l->labels.cc);
			ms_buf_puts(&c->out, "</p>\n");
		}
		for (const ms_recipient *r = l->cc; r; r = r->next)
			put_person(c, r, "cc-recipient", true);
		ms_buf_puts(&c->out, "</div>\n");
	}
	ms_buf_puts(&c->out, "</header>\n");
	ms_buf_release(&iso);
}

static void
put_main(html_ctx *c)
{
	const ms_letter *l = c->l;

	ms_buf_puts(&c->out, "<main>\n");
	if (!text_empty(&l->subject)) {
		ms_buf_puts(&c->out, "<h1 class=\"subject\">");
		if (nonempty(l->labels.subject)) {
			ms_buf_puts(&c->out, "<span class=\"label\">");
			put_text(&c->out, l->labels.subject);
			ms_buf_puts(&c->out, "</span> ");
		}
		put_ms_text(c, &l->subject);
		ms_buf_puts(&c->out, "</h1>\n");
	}
	put_text_block(c, "p", "salutation", &l->salutation);
	if (l->body) {
		ms_buf_puts(&c->out, "<div class=\"body\">\n");
		put_blocks(c, l->body, false);
		ms_buf_puts(&c->out, "</div>\n");
	}
	put_text_block(c, "p", "closing", &l->closing);
	ms_buf_puts(&c->out, "</main>\n");
}

/* LABEL ("as of %s") with DATE in place of its %s.  The label is
 * translated: it is never used as a format. */
static void
put_as_of(html_ctx *c, const char *label, const char *date, const char *iso)
{
	const char *mark = strstr(label, "%s");
	if (mark)
		put_text_n(&c->out, label, (size_t)(mark - label), false);
	else
		put_text(&c->out, label);
	if (!mark)
		ms_buf_putc(&c->out, ' ');
	if (*iso)
		ms_buf_printf(&c->out, "<time datetime=\"%s\">", iso);
	put_text(&c->out, date);
	if (*iso)
		ms_buf_puts(&c->out, "</time>");
	if (mark)
		put_text(&c->out, mark + 2);
}

static void
put_signatory_list(html_ctx *c, const ms_signatory *s, const char *heading,
                   const char *klass, bool individuals)
{
	if (!s)
		return;
	if (nonempty(heading)) {
		ms_buf_puts(&c->out, "<h3>");
		put_text(&c->out, heading);
		ms_buf_puts(&c->out, "</h3>\n");
	}
	ms_buf_printf(&c->out, "<ul class=\"%s\">\n", klass);
	for (; s; s = s->next) {
		ms_buf_puts(&c->out, "<li>");
		put_span(c, "name", &s->name);
		if (individuals && !text_empty(&s->affiliation)) {
			ms_buf_puts(&c->out, " / ");
			put_span(c, "affiliation", &s->affiliation);
		}
		ms_buf_puts(&c->out, "</li>\n");
	}
	ms_buf_puts(&c->out, "</ul>\n");
}

static void
put_footer(html_ctx *c)
{
	const ms_letter *l = c->l;
	ms_buf date = MS_BUF_INIT, iso = MS_BUF_INIT;

	if (!l->groups && !l->individuals)
		return;
	ms_buf_puts(&c->out, "<footer class=\"signatories\">\n");
	put_iso_date(&iso, &l->signed_as_of);
	ms_buf_puts(&date, nonempty(l->as_of_text) ? l->as_of_text : iso.ptr);
	if (nonempty(l->labels.signatories) || date.len) {
		ms_buf_puts(&c->out, "<h2>");
		if (nonempty(l->labels.signatories))
			put_text(&c->out, l->labels.signatories);
		if (date.len && nonempty(l->labels.as_of)) {
			ms_buf_puts(&c->out, " (");
			put_as_of(c, l->labels.as_of, date.ptr, iso.ptr);
			ms_buf_putc(&c->out, ')');
		}
		ms_buf_puts(&c->out, "</h2>\n");
	}
	put_signatory_list(c, l->groups, l->labels.groups, "groups", false);
	put_signatory_list(c, l->individuals, l->labels.individuals,
	                   "individuals", true);
	ms_buf_puts(&c->out, "</footer>\n");
	ms_buf_release(&date);
	ms_buf_release(&iso);
}

static void
put_head(html_ctx *c)
{
	const ms_letter *l = c->l;
	const ms_locale *loc = c->loc;
	const char *lang = nonempty(loc->lang) ? loc->lang
	                   : nonempty(l->lang) ? l->lang : NULL;
	ms_buf title = MS_BUF_INIT;

	ms_buf_puts(&c->out, "<!DOCTYPE html>\n<html");
	if (lang) {
		ms_buf_puts(&c->out, " lang=\"");
		put_flat(&c->out, lang);
		ms_buf_putc(&c->out, '"');
	}
	ms_buf_puts(&c->out, ">\n<head>\n<meta charset=\"utf-8\">\n"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	            "<meta name=\"generator\" content=\"");
	put_flat(&c->out, nonempty(loc->generator) ? loc->generator : "missive");
	ms_buf_puts(&c->out, "\">\n<title>");
	if (l->subject.inlines)
		ms_inline_plain(l->subject.inlines, &title);
	else if (l->subject.src)
		ms_buf_puts(&title, l->subject.src);
	if (title.len == 0 && l->id)
		ms_buf_puts(&title, l->id);
	put_flat(&c->out, title.ptr);
	ms_buf_puts(&c->out, "</title>\n");
	put_style(c);
	ms_buf_puts(&c->out, "</head>\n");
	ms_buf_release(&title);
}

static ms_status
html_render(const ms_letter *l, const ms_locale *locale, ms_output *out,
            ms_diag_handler *diag)
{
	ms_locale defaults;
	html_ctx c;
	ms_status st;

	if (!l || !out) {
		ms_diag_emit(diag, MS_ERROR, "html", NULL, 0, 0,
		             _("html: nothing to render"));
		return MS_ERR_RENDER;
	}
	if (!locale) {
		memset(&defaults, 0, sizeof defaults);
		locale = &defaults;
	}
	memset(&c, 0, sizeof c);
	ms_buf_init(&c.out, 16384);
	ms_buf_init(&c.url, 0);
	c.l = l;
	c.loc = locale;

	put_head(&c);
	ms_buf_puts(&c.out, "<body>\n");
	if (locale->draft) {
		ms_buf_puts(&c.out, "<p class=\"draft-banner\" role=\"note\">");
		put_text(&c.out, nonempty(l->labels.draft) ? l->labels.draft
		                                           : "DRAFT");
		ms_buf_puts(&c.out, "</p>\n");
	}
	ms_buf_puts(&c.out, "<article class=\"letter\">\n");
	put_header(&c);
	put_main(&c);
	put_footer(&c);
	ms_buf_puts(&c.out, "</article>\n</body>\n</html>\n");

	st = ms_output_write(out, c.out.ptr, c.out.len);
	ms_buf_release(&c.out);
	ms_buf_release(&c.url);
	return st;
}

static const char *const html_extensions[] = { "html", "htm", NULL };

static const ms_plugin html_plugin = {
	MS_PLUGIN_ABI_MAJOR, MS_PLUGIN_ABI_MINOR, sizeof(ms_plugin),
	"html", "a standalone HTML5 page with an embedded print stylesheet",
	"1.0", html_extensions, MS_CAP_REENTRANT, html_render, { NULL }
};

const ms_plugin *
missive_plugin_describe(void)
{
	return &html_plugin;
}

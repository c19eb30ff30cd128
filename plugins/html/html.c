/* html.c — the "html" writer: the letter as one standalone HTML5 page.
 *
 * The page needs nothing from outside: the stylesheet is embedded (screen,
 * and print with the locale's paper size), fonts are named with generic
 * fallbacks, there is no script and no external resource.  The structure
 * is semantic: <header> holds the date and the addresses, <main> the
 * subject (as <h1>), the salutation, the body and the closing, <footer>
 * the signatories.  The parts come from the kit's iterator (missive-kit.h); this
 * file knows only how HTML says them.
 *
 * Everything that comes from the letter or from a translator goes through
 * put_text() or put_flat(): markup characters become character references,
 * characters HTML cannot carry are dropped, bytes that are not UTF-8 become
 * U+FFFD, and a link whose scheme is not http, https or mailto is written
 * as text, never as a link.  Raw HTML kept in the model (MS_INLINE_HTML)
 * is not copied into the page. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "missive-kit.h"

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
			if (!ms_utf8_is_unwanted(c))
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

/* ------------------------------------------------------------ context */

/* Where the page stands: the letter's sections open in order. */
enum { BEFORE, IN_HEADER, IN_MAIN, IN_FOOTER };

typedef struct html_ctx {
	ms_buf out;
	ms_buf url;             /* scratch for cleaned URLs */
	const ms_letter *l;
	const ms_locale *loc;
	int section;            /* BEFORE … IN_FOOTER */
	ms_kit_iter *it;        /* the letter's events */
	bool first_line;        /* no line of the address block yet */
	ms_kit_frames tight;    /* per depth (bool): paragraphs are bare text */
	ms_kit_frames cited;    /* per footnote number (bool): cited already */
} html_ctx;

/* ------------------------------------------------------------ inlines */

/* A link, entered or exited; its words come between.  A link whose
 * scheme is not http, https or mailto is its words, then its address
 * as text, never a link. */
static void
put_link(html_ctx *c, ms_kit_event ev, ms_kit_node *n)
{
	const ms_inline *in = n->inl;

	ms_url_clean(in->url ? in->url : "", &c->url);
	if (c->url.len == 0)
		return;
	if (ev == MS_KIT_ENTER) {
		if (ms_url_safe(c->url.ptr)) {
			ms_buf_puts(&c->out, "<a href=\"");
			put_flat(&c->out, c->url.ptr);
			ms_buf_putc(&c->out, '"');
			if (ms_kit_nonempty(in->title)) {
				ms_buf_puts(&c->out, " title=\"");
				put_flat(&c->out, in->title);
				ms_buf_putc(&c->out, '"');
			}
			ms_buf_putc(&c->out, '>');
		}
		n->mark = c->out.len;
	} else if (!ms_url_safe(c->url.ptr)) {
		if (c->out.len > n->mark)
			ms_buf_putc(&c->out, ' ');
		ms_buf_puts(&c->out, "&lt;");
		put_flat(&c->out, c->url.ptr);
		ms_buf_puts(&c->out, "&gt;");
	} else {
		if (c->out.len == n->mark)
			put_flat(&c->out, in->url);
		ms_buf_puts(&c->out, "</a>");
	}
}

static void
put_tag(html_ctx *c, ms_kit_event ev, const char *tag)
{
	ms_buf_printf(&c->out, ev == MS_KIT_ENTER ? "<%s>" : "</%s>", tag);
}

static void
put_inline(html_ctx *c, ms_kit_event ev, ms_kit_node *n)
{
	const ms_inline *in = n->inl;

	switch (in->type) {
	case MS_INLINE_TEXT:  /* with the language's quotation marks */
		put_text(&c->out, ms_kit_text(c->it, n));
		break;
	case MS_INLINE_EMPH:
		put_tag(c, ev, "em");
		break;
	case MS_INLINE_STRONG:
		put_tag(c, ev, "strong");
		break;
	case MS_INLINE_LINK:
		put_link(c, ev, n);
		break;
	case MS_INLINE_SUP:
		put_tag(c, ev, "sup");
		break;
	case MS_INLINE_SUB:
		put_tag(c, ev, "sub");
		break;
	case MS_INLINE_UNDERLINE:
		put_tag(c, ev, "u");
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
	case MS_INLINE_STRIKE:
		put_tag(c, ev, "del");
		break;
	case MS_INLINE_FOOTNOTE:  /* a link to the note at the end; the
	                             first citation is where it leads back */
		ms_buf_printf(&c->out, "<sup class=\"fnref\"><a href=\"#fn-%d\"",
		              in->number);
		if (in->number > 0 && !*(bool *)ms_kit_frame(&c->cited, in->number)) {
			*(bool *)ms_kit_frame(&c->cited, in->number) = true;
			ms_buf_printf(&c->out, " id=\"fnref-%d\"", in->number);
		}
		ms_buf_printf(&c->out, ">%d</a></sup>", in->number);
		break;
	default:  /* kinds newer than this writer: keep the words */
		if (ev == MS_KIT_ENTER && !in->children)
			put_text(&c->out, in->text);
		break;
	}
}

/* ------------------------------------------------------------ blocks */

/* Whether the blocks at DEPTH sit in a tight list item, where
 * paragraphs are bare text. */
static bool *
tight_at(html_ctx *c, int depth)
{
	return ms_kit_frame(&c->tight, depth);
}

static void
block_enter(html_ctx *c, const ms_kit_node *n)
{
	const ms_block *b = n->block;
	bool *mine = tight_at(c, n->depth), tight = *tight_at(c, n->depth - 1);
	const ms_block *list = ms_kit_list_of(n);
	int level;

	if (list) {
		/* An item: the list says how tight its blocks sit. */
		ms_buf_puts(&c->out, "<li>");
		*mine = list->tight;
		return;
	}
	/* In a tight list item, a line feed keeps two paragraphs apart. */
	if (tight && n->index > 0 && b->type == MS_BLOCK_PARAGRAPH)
		ms_buf_puts(&c->out, "<br>\n");
	*mine = tight;
	switch (b->type) {
	case MS_BLOCK_PARAGRAPH:
		if (!tight)
			ms_buf_puts(&c->out, "<p>");
		break;
	case MS_BLOCK_HEADING:
		/* The subject is the page's <h1>: body headings sit below. */
		level = b->level < 1 ? 2 : b->level >= 6 ? 6 : b->level + 1;
		ms_buf_printf(&c->out, "<h%d>", level);
		break;
	case MS_BLOCK_LIST:
		if (b->ordered) {
			ms_buf_puts(&c->out, "<ol");
			if (b->start != 1)
				ms_buf_printf(&c->out, " start=\"%d\"", b->start);
			ms_buf_puts(&c->out, ">\n");
		} else {
			ms_buf_puts(&c->out, "<ul>\n");
		}
		break;
	case MS_BLOCK_QUOTE:
		ms_buf_puts(&c->out, "<blockquote>\n");
		*mine = false;
		break;
	case MS_BLOCK_BREAK:
		ms_buf_puts(&c->out, "<hr>\n");
		break;
	case MS_BLOCK_TABLE:
		ms_buf_puts(&c->out, "<table>\n");
		break;
	case MS_BLOCK_ROW:
		ms_buf_puts(&c->out, "<tr>");
		break;
	case MS_BLOCK_CELL:
		ms_buf_puts(&c->out, n->parent->block->header ? "<th" : "<td");
		if (b->align)
			ms_buf_printf(&c->out, " style=\"text-align: %s\"",
			              b->align == 'r' ? "right"
			              : b->align == 'c' ? "center" : "left");
		ms_buf_putc(&c->out, '>');
		break;
	case MS_BLOCK_FOOTNOTE:
		ms_buf_printf(&c->out, "<li id=\"fn-%d\">\n", b->number);
		*mine = false;
		break;
	default:  /* items out of place, or kinds newer than this writer */
		if (!b->children && b->inlines)
			ms_buf_puts(&c->out, "<p>");
		break;
	}
}

static void
block_exit(html_ctx *c, const ms_kit_node *n)
{
	const ms_block *b = n->block;
	int level;

	if (ms_kit_list_of(n)) {
		ms_buf_puts(&c->out, "</li>\n");
		return;
	}
	switch (b->type) {
	case MS_BLOCK_PARAGRAPH:
		if (!*tight_at(c, n->depth - 1))
			ms_buf_puts(&c->out, "</p>\n");
		break;
	case MS_BLOCK_HEADING:
		level = b->level < 1 ? 2 : b->level >= 6 ? 6 : b->level + 1;
		ms_buf_printf(&c->out, "</h%d>\n", level);
		break;
	case MS_BLOCK_LIST:
		ms_buf_puts(&c->out, b->ordered ? "</ol>\n" : "</ul>\n");
		break;
	case MS_BLOCK_QUOTE:
		ms_buf_puts(&c->out, "</blockquote>\n");
		break;
	case MS_BLOCK_BREAK:
		break;
	case MS_BLOCK_TABLE:
		ms_buf_puts(&c->out, "</table>\n");
		break;
	case MS_BLOCK_ROW:
		ms_buf_puts(&c->out, "</tr>\n");
		break;
	case MS_BLOCK_CELL:
		ms_buf_puts(&c->out, n->parent->block->header ? "</th>" : "</td>");
		break;
	case MS_BLOCK_FOOTNOTE:  /* and the way back to its reference */
		ms_buf_printf(&c->out, "<a class=\"fnback\" href=\"#fnref-%d\">"
		              "\xe2\x86\xa9</a></li>\n", b->number);
		break;
	default:
		if (!b->children && b->inlines)
			ms_buf_puts(&c->out, "</p>\n");
		break;
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
		else if (c != UINT32_MAX && c >= 0x20 && !ms_utf8_is_unwanted(c))
			ms_buf_put(b, p + i, len);
		i += len;
	}
	ms_buf_putc(b, '"');
}

static void
put_font_list(ms_buf *b, const char *family, const char *generic)
{
	if (ms_kit_nonempty(family)) {
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

/* Lines break only between words in text of language LANG (CSS
 * keep-all); a word too long for its line may still break. */
static void
put_keep_all(ms_buf *b, const char *lang)
{
	bool ident = lang && ((*lang >= 'a' && *lang <= 'z')
	                      || (*lang >= 'A' && *lang <= 'Z'));
	for (const char *p = lang; ident && *p; p++)
		ident = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
		        || (*p >= '0' && *p <= '9') || *p == '-';
	if (ident)
		ms_buf_printf(b, ":lang(%s)", lang);
	else
		ms_buf_puts(b, "html");
	ms_buf_puts(b, " { word-break: keep-all; overflow-wrap: anywhere; }\n");
}

/* Emphasis as the language shows it: browsers slant <em>, which scripts
 * without italics (Hangul) get as a fake slant; they get bold or
 * emphasis dots instead, and so do the signatories' subheadings. */
static void
put_emphasis(ms_buf *b, const ms_locale *loc)
{
	switch (ms_kit_emphasis_of(loc)) {
	case MS_KIT_EMPH_BOLD:
		ms_buf_puts(b, "em, footer h3 { font-style: normal; "
		            "font-weight: bold; }\n");
		break;
	case MS_KIT_EMPH_DOTS:
		ms_buf_puts(b, "em { font-style: normal; "
		            "-webkit-text-emphasis: filled dot; "
		            "text-emphasis: filled dot; }\n"
		            "footer h3 { font-style: normal; font-weight: bold; }\n");
		break;
	default:
		break;
	}
}

/* A sample letter: a banner at the top, and on paper the mark MARK
 * across every page (a fixed box is repeated on each printed page) and
 * in the top margin of every page. */
static void
put_specimen_style(ms_buf *b, const char *mark)
{
	if (!mark)
		return;
	ms_buf_puts(b, ".specimen-banner { margin: 0 0 2em; padding: 0.4em;\n"
		"  border: 3px double #5f6368; color: #5f6368; text-align: center;\n"
		"  font-weight: bold; letter-spacing: 0.3em; }\n"
		"@media print {\n"
		"  body::after { content: ");
	put_css_string(b, mark);
	ms_buf_puts(b, "; position: fixed; top: 45%; left: 0; right: 0;\n"
		"    text-align: center; font-size: 72pt; font-weight: bold;\n"
		"    letter-spacing: 0.1em; color: rgba(95, 99, 104, 0.18);\n"
		"    transform: rotate(-35deg); pointer-events: none; }\n"
		"  @page { @top-center { content: ");
	put_css_string(b, mark);
	ms_buf_puts(b, "; font: bold 9pt sans-serif;\n"
		"    letter-spacing: 0.2em; color: #5f6368; } }\n"
		"}\n");
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
		"  font-size: 12pt; line-height: 1.6; }\n");
	if (ms_kit_keep_all(loc))
		put_keep_all(b, ms_kit_lang(c->l, loc));
	ms_buf_puts(b, "header { margin-bottom: 2em; }\n");
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
	ms_buf_puts(b, "; }\n");
	put_emphasis(b, loc);
	put_specimen_style(b, ms_kit_specimen(c->l));
	if (ms_kit_nonempty(loc->notice))
		ms_buf_puts(b, ".notice { margin: 0 0 2em; padding-bottom: 0.5em;\n"
			"  border-bottom: 1px solid #dadce0; color: #5f6368;\n"
			"  font-size: 0.9em; }\n");
	ms_buf_puts(b,
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

/* Open the letter's sections up to WHICH: <article> and <header>, then
 * <main>, then the signatories' <footer>.  Each is there even when
 * nothing fills it, but the footer. */
static void
section(html_ctx *c, int which)
{
	while (c->section < which) {
		switch (c->section++) {
		case BEFORE:
			ms_buf_puts(&c->out, "<article class=\"letter\">\n<header>\n");
			break;
		case IN_HEADER:
			ms_buf_puts(&c->out, "</header>\n<main>\n");
			break;
		case IN_MAIN:
			ms_buf_puts(&c->out, "</main>\n<footer class=\"signatories\">\n");
			break;
		}
	}
}

static void
put_head(html_ctx *c)
{
	const ms_letter *l = c->l;
	const ms_locale *loc = c->loc;
	const char *lang = ms_kit_lang(l, loc);
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
	put_flat(&c->out, ms_kit_nonempty(loc->generator) ? loc->generator : "missive");
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

/* The signatories' heading, its date in a <time> element. */
static void
put_signatories_heading(html_ctx *c, const ms_kit_node *n)
{
	ms_buf iso = MS_BUF_INIT;

	ms_buf_puts(&c->out, "<h2>");
	if (!n->date_len) {
		put_text(&c->out, n->text);
	} else {
		ms_kit_iso_date(n->date, &iso);
		put_text_n(&c->out, n->text, n->date_at, false);
		if (iso.len)
			ms_buf_printf(&c->out, "<time datetime=\"%s\">", iso.ptr);
		put_text_n(&c->out, n->text + n->date_at, n->date_len, false);
		if (iso.len)
			ms_buf_puts(&c->out, "</time>");
		put_text(&c->out, n->text + n->date_at + n->date_len);
	}
	ms_buf_puts(&c->out, "</h2>\n");
	ms_buf_release(&iso);
}

/* The class of the span around a field of an address or a signatory
 * (an address line has none). */
static const char *
field_class(ms_kit_role role)
{
	switch (role) {
	case MS_KIT_TITLE: return "title";
	case MS_KIT_NAME: return "name";
	case MS_KIT_ORGANISATION: return "organisation";
	case MS_KIT_FAX: return "fax";
	case MS_KIT_EMAIL: return "email";
	case MS_KIT_AFFILIATION: return "affiliation";
	default: return NULL;
	}
}

/* An e-mail address (one word with an '@') as a mailto: link.  True
 * when T is one. */
static bool
put_email(html_ctx *c, const ms_text *t)
{
	ms_buf plain = MS_BUF_INIT;
	bool done = false;

	if (t->inlines)
		ms_inline_plain(t->inlines, &plain);
	else if (t->src)
		ms_buf_puts(&plain, t->src);
	if (strchr(plain.ptr, '@') && !strpbrk(plain.ptr, " \t\n")) {
		ms_buf_puts(&c->out, "<a class=\"email\" href=\"mailto:");
		put_flat(&c->out, plain.ptr);
		ms_buf_puts(&c->out, "\">");
		put_text(&c->out, plain.ptr);
		ms_buf_puts(&c->out, "</a>");
		done = true;
	}
	ms_buf_release(&plain);
	return done;
}

/* An image of the letter (a logo, a signature) inline, as a data: URL:
 * the page stands alone. */
static void
put_image(html_ctx *c, const ms_image *img, const char *klass)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p;

	if (!img || !img->data || !img->len)
		return;
	ms_buf_printf(&c->out, "<img class=\"%s\" alt=\"\" src=\"data:%s;base64,",
	              klass, img->type);
	p = img->data;
	for (size_t i = 0; i < img->len; i += 3) {
		size_t left = img->len - i;
		uint32_t v = (uint32_t)p[i] << 16
		             | (left > 1 ? (uint32_t)p[i + 1] << 8 : 0)
		             | (left > 2 ? p[i + 2] : 0);
		ms_buf_putc(&c->out, digits[v >> 18 & 63]);
		ms_buf_putc(&c->out, digits[v >> 12 & 63]);
		ms_buf_putc(&c->out, left > 1 ? digits[v >> 6 & 63] : '=');
		ms_buf_putc(&c->out, left > 2 ? digits[v & 63] : '=');
	}
	ms_buf_puts(&c->out, "\"><br>\n");
}

static void
put_field(html_ctx *c, ms_kit_iter *it, ms_kit_event ev, ms_kit_node *n)
{
	const char *klass = field_class(n->role);

	if (n->sep && (n->leaf || ev == MS_KIT_ENTER) && n->index > 0)
		put_text(&c->out, n->sep);   /* the layout's own spacing */
	if (n->leaf) {
		if (n->role == MS_KIT_COURTESY || (n->role == MS_KIT_HONORIFIC
		                                   && n->sep)) {
			ms_buf_printf(&c->out, "<span class=\"%s\">",
			              n->role == MS_KIT_COURTESY ? "courtesy"
			                                         : "suffix");
			put_text(&c->out, n->text);
			ms_buf_puts(&c->out, "</span>");
		} else if (n->role == MS_KIT_LABEL && n->sep) {  /* "Fax:" */
			ms_buf_puts(&c->out, "<span class=\"label\">");
			put_text(&c->out, n->text);
			ms_buf_puts(&c->out, "</span>");
		} else if (n->role == MS_KIT_HONORIFIC) {
			ms_buf_puts(&c->out, " <span class=\"suffix\">");
			put_text(&c->out, n->text);
			ms_buf_puts(&c->out, "</span>");
		} else {  /* "Fax:" */
			ms_buf_puts(&c->out, "<span class=\"label\">");
			put_text(&c->out, n->text);
			ms_buf_puts(&c->out, "</span> ");
		}
		return;
	}
	if (ev == MS_KIT_EXIT) {
		if (n->mark)   /* a span was opened */
			ms_buf_puts(&c->out, "</span>");
		return;
	}
	if (n->role == MS_KIT_AFFILIATION)
		ms_buf_puts(&c->out, " / ");
	else if (n->role == MS_KIT_NAME && n->index > 0 && !n->sep
	         && n->parent->part == MS_KIT_LINE)
		ms_buf_putc(&c->out, ' ');
	if (n->role == MS_KIT_EMAIL && put_email(c, n->ms)) {
		ms_kit_iter_skip(it);
		return;
	}
	if (klass)
		ms_buf_printf(&c->out, "<span class=\"%s\">", klass);
	n->mark = klass != NULL;
}

static void
render(html_ctx *c)
{
	ms_kit_iter *it = c->it = ms_kit_iter_new(c->l, c->loc, 0);
	ms_buf iso = MS_BUF_INIT;
	ms_kit_node *n;
	ms_kit_event ev;

	while ((ev = ms_kit_iter_next(it, &n)) != MS_KIT_DONE) {
		bool enter = ev == MS_KIT_ENTER;
		switch (n->part) {
		case MS_KIT_LETTER:
			if (enter) {
				put_head(c);
				ms_buf_puts(&c->out, "<body>\n");
				break;
			}
			section(c, IN_MAIN);
			ms_buf_puts(&c->out, c->section == IN_MAIN ? "</main>\n"
			                                           : "</footer>\n");
			ms_buf_puts(&c->out, "</article>\n</body>\n</html>\n");
			break;
		case MS_KIT_DRAFT:
		case MS_KIT_SPECIMEN:
		case MS_KIT_NOTICE:
			ms_buf_printf(&c->out, "<p class=\"%s\" role=\"note\">",
			              n->part == MS_KIT_DRAFT ? "draft-banner"
			              : n->part == MS_KIT_SPECIMEN ? "specimen-banner"
			              : "notice");
			put_text(&c->out, n->text);
			ms_buf_puts(&c->out, "</p>\n");
			break;
		case MS_KIT_DATE:
			section(c, IN_HEADER);
			ms_buf_reset(&iso);
			ms_buf_puts(&c->out, "<p class=\"date\"><time");
			if (ms_kit_iso_date(n->date, &iso))
				ms_buf_printf(&c->out, " datetime=\"%s\"", iso.ptr);
			ms_buf_putc(&c->out, '>');
			put_text(&c->out, n->text);
			ms_buf_puts(&c->out, "</time></p>\n");
			break;
		case MS_KIT_ADDRESSEES:
			section(c, IN_HEADER);
			break;
		case MS_KIT_COPIES:
			section(c, IN_HEADER);
			if (!enter) {
				ms_buf_puts(&c->out, "</div>\n");
				break;
			}
			ms_buf_puts(&c->out, "<div class=\"cc\">\n");
			if (n->text) {
				ms_buf_puts(&c->out, "<p class=\"cc-label label\">");
				put_text(&c->out, n->text);
				ms_buf_puts(&c->out, "</p>\n");
			}
			break;
		case MS_KIT_RECIPIENT:
			if (enter)
				ms_buf_printf(&c->out, "<address class=\"%s\">\n",
				              n->parent->part == MS_KIT_COPIES
				              ? "cc-recipient" : "recipient");
			else
				ms_buf_puts(&c->out, "\n</address>\n");
			c->first_line = true;
			break;
		case MS_KIT_LINE:
			/* "<br>" before every line of the address but the first */
			if (enter && !c->first_line)
				ms_buf_puts(&c->out, "<br>\n");
			c->first_line = false;
			break;
		case MS_KIT_FIELD:
			put_field(c, it, ev, n);
			break;
		case MS_KIT_SUBJECT:
			section(c, IN_MAIN);
			if (!enter) {
				ms_buf_puts(&c->out, "</h1>\n");
				break;
			}
			ms_buf_puts(&c->out, "<h1 class=\"subject\">");
			if (n->text) {
				ms_buf_puts(&c->out, "<span class=\"label\">");
				put_text(&c->out, n->text);
				ms_buf_puts(&c->out, "</span> ");
			}
			break;
		case MS_KIT_SALUTATION:
		case MS_KIT_CLOSING:
			section(c, IN_MAIN);
			if (enter)
				ms_buf_printf(&c->out, "<p class=\"%s\">",
				              n->part == MS_KIT_SALUTATION
				              ? "salutation" : "closing");
			else
				ms_buf_puts(&c->out, "</p>\n");
			break;
		case MS_KIT_BODY:
			section(c, IN_MAIN);
			ms_buf_puts(&c->out, enter ? "<div class=\"body\">\n"
			                           : "</div>\n");
			*tight_at(c, n->depth) = false;
			break;
		case MS_KIT_BLOCK:
			if (enter)
				block_enter(c, n);
			if (!enter || n->leaf)
				block_exit(c, n);
			break;
		case MS_KIT_INLINE:
			put_inline(c, ev, n);
			break;
		case MS_KIT_LETTERHEAD:
			section(c, IN_HEADER);
			if (enter) {
				ms_buf_puts(&c->out, "<address class=\"letterhead\">\n");
				put_image(c, n->image, "logo");
			} else {
				ms_buf_puts(&c->out, "\n</address>\n");
			}
			c->first_line = true;
			break;
		case MS_KIT_REFERENCES:
		case MS_KIT_SIGNER:
		case MS_KIT_ENCLOSURES:
			section(c, n->part == MS_KIT_REFERENCES ? IN_HEADER
			        : n->part == MS_KIT_SIGNER ? IN_MAIN : IN_FOOTER);
			if (enter) {
				ms_buf_printf(&c->out, "<p class=\"%s\">",
				              n->part == MS_KIT_REFERENCES ? "references"
				              : n->part == MS_KIT_SIGNER ? "signer"
				              : "enclosures");
				put_image(c, n->image, "signature");
				if (n->text) {
					ms_buf_puts(&c->out, "<span class=\"label\">");
					put_text(&c->out, n->text);
					ms_buf_puts(&c->out, "</span>");
					c->first_line = false;
				} else {
					c->first_line = true;
				}
			} else {
				ms_buf_puts(&c->out, "</p>\n");
			}
			break;
		case MS_KIT_SIGNERS:
			section(c, IN_MAIN);
			break;
		case MS_KIT_SEE_ANNEX:
			section(c, IN_MAIN);
			ms_buf_puts(&c->out, "<p class=\"see-annex\">");
			put_text(&c->out, n->text);
			ms_buf_puts(&c->out, "</p>\n");
			break;
		case MS_KIT_FOOTNOTES:   /* endnotes, each with its way back */
			section(c, IN_FOOTER);
			if (!enter) {
				ms_buf_puts(&c->out, "</ol>\n</section>\n");
				break;
			}
			ms_buf_puts(&c->out, "<section class=\"notes\">\n");
			if (n->text) {
				ms_buf_puts(&c->out, "<h2>");
				put_text(&c->out, n->text);
				ms_buf_puts(&c->out, "</h2>\n");
			}
			ms_buf_puts(&c->out, "<ol>\n");
			*tight_at(c, n->depth) = false;
			break;
		case MS_KIT_SIGNATORIES:
			section(c, IN_FOOTER);
			if (enter && n->text_before) {  /* the annex */
				ms_buf_puts(&c->out, "<h2 class=\"annex\">");
				put_text(&c->out, n->text_before);
				ms_buf_puts(&c->out, "</h2>\n");
			}
			if (enter && n->text)
				put_signatories_heading(c, n);
			break;
		case MS_KIT_SIGNATORY_LIST:
			if (!enter) {
				ms_buf_puts(&c->out, "</ul>\n");
				break;
			}
			if (n->text) {
				ms_buf_puts(&c->out, "<h3>");
				put_text(&c->out, n->text);
				ms_buf_puts(&c->out, "</h3>\n");
			}
			ms_buf_printf(&c->out, "<ul class=\"%s\">\n",
			              n->role == MS_KIT_GROUPS ? "groups"
			                                       : "individuals");
			break;
		case MS_KIT_SIGNATORY:
			ms_buf_puts(&c->out, enter ? "<li>" : "</li>\n");
			break;
		}
	}
	ms_kit_iter_free(it);
	ms_buf_release(&iso);
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
	c.tight.size = sizeof(bool);
	c.cited.size = sizeof(bool);

	render(&c);

	st = ms_output_write(out, c.out.ptr, c.out.len);
	ms_buf_release(&c.out);
	ms_buf_release(&c.url);
	ms_kit_frames_release(&c.tight);
	ms_kit_frames_release(&c.cited);
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

/* markdown.c — the "markdown" writer: the localised letter as CommonMark
 * with YAML front matter, for static-site generators (Hugo, Jekyll).
 *
 * Front matter: title (the subject as plain text), date (ISO 8601), lang,
 * source_lang, draft, letter_id.  Strings are YAML double-quoted scalars
 * with escapes, so no value can end the block or change its type.
 *
 * Body: the parts of the letter in the order every writer uses.  Text
 * from the letter or a translator is escaped so that it reads back as
 * the same text (put_text()): characters that start markup anywhere
 * (\ ` * _ [ ] < | ~ { } and '&' before an entity-like name) take a
 * backslash or become "&lt;"; characters that start a block only at the
 * beginning of a line (# > - + = : and "1." / "1)") are escaped there.
 * Emphasis uses '*' when CommonMark's flanking rules are sure to pair the
 * delimiters, and <em>/<strong> otherwise; <sup>, <sub> and <u> are kept
 * as inline HTML, which is how the letter format writes them.  Other raw
 * HTML in the model is not copied, and a link whose scheme is not http,
 * https or mailto is written as text. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

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

/* The code point that ends S[0..N), or UINT32_MAX. */
static uint32_t
utf8_last(const char *s, size_t n)
{
	size_t i = n;
	uint32_t c;

	if (n == 0)
		return UINT32_MAX;
	while (i > 0 && n - i < 4 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0)
		return UINT32_MAX;
	i--;
	if (utf8_next((const unsigned char *)s + i, n - i, &c) != n - i)
		return UINT32_MAX;
	return c;
}

/* Characters dropped from text: C0 controls other than tab and line
 * feed, DEL, C1 controls, noncharacters. */
static bool
dropped(uint32_t c)
{
	if (c < 0x20)
		return c != '\t' && c != '\n';
	if (c >= 0x7f && c <= 0x9f)
		return true;
	if (c >= 0xfdd0 && c <= 0xfdef)
		return true;
	return (c & 0xfffe) == 0xfffe;
}

/* A letter, digit or mark: never punctuation or white space in
 * CommonMark's sense, so a '*' beside it flanks as intended. */
static bool
word_char(uint32_t c)
{
	int8_t t;
	if (c == UINT32_MAX)
		return false;
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		       || (c >= '0' && c <= '9');
	t = (int8_t)u_charType((UChar32)c);
	return u_isalnum((UChar32)c) || t == U_NON_SPACING_MARK
	       || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

static bool
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* True when S starts like a character reference: "&name;" or "&#…;". */
static bool
entity_like(const char *s)
{
	size_t i = 1;
	if (s[i] == '#')
		i++;
	if (!(is_alpha((unsigned char)s[i]) || is_digit((unsigned char)s[i])))
		return false;
	while (i < 40 && (is_alpha((unsigned char)s[i])
	                  || is_digit((unsigned char)s[i])))
		i++;
	return s[i] == ';';
}

/* ------------------------------------------------------------ links */

/* URL without controls and without blanks at either end, into B: what
 * is checked is exactly what is written. */
static void
clean_url(const char *url, ms_buf *b)
{
	ms_url_clean(url, b);
}

/* True when URL (cleaned) may become a link: no scheme (relative) or
 * http, https, mailto. */
static bool
url_allowed(const char *url)
{
	return ms_url_safe(url);
}

/* ------------------------------------------------------------ context */

/* Where the writer stands on the current line, for block-start escapes. */
enum {
	MID_LINE = 0,     /* after some text */
	LINE_START = 1,   /* only the line's prefix so far */
	LINE_DIGITS = 2,  /* the prefix, then digits ("1" of "1.") */
};

typedef struct md_ctx {
	ms_buf out;
	ms_buf prefix;   /* what continues the current block on a new line */
	ms_buf url;      /* scratch */
	int at;          /* MID_LINE, LINE_START or LINE_DIGITS */
	bool flat;       /* in a heading: line breaks become spaces */
	const ms_letter *l;
	const ms_locale *loc;
} md_ctx;

static const char *
nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

static void
trim_trailing_blanks(ms_buf *b)
{
	while (b->len && (b->ptr[b->len - 1] == ' ' || b->ptr[b->len - 1] == '\t'))
		ms_buf_truncate(b, b->len - 1);
}

/* True when the current line holds nothing but one HTML tag (after the
 * block's prefix): ended there, it would start an HTML block. */
static bool
line_is_one_tag(const md_ctx *c)
{
	const ms_buf *b = &c->out;
	size_t end = b->len, start = end;

	while (start > 0 && b->ptr[start - 1] != '\n')
		start--;
	start += c->prefix.len;
	while (end > start && (b->ptr[end - 1] == ' ' || b->ptr[end - 1] == '\t'))
		end--;
	if (end <= start || b->ptr[start] != '<' || b->ptr[end - 1] != '>')
		return false;
	for (size_t i = start + 1; i < end - 1; i++)
		if (b->ptr[i] == '<' || b->ptr[i] == '>')
			return false;
	return true;
}

/* End the current line (no blanks before it: they would make a hard
 * break) and start the next with the block's prefix.  After a line that
 * is a lone tag a space does instead: it reads the same. */
static void
soft_newline(md_ctx *c)
{
	if (line_is_one_tag(c)) {
		ms_buf_putc(&c->out, ' ');
		return;
	}
	trim_trailing_blanks(&c->out);
	ms_buf_putc(&c->out, '\n');
	ms_buf_put(&c->out, c->prefix.ptr, c->prefix.len);
	c->at = LINE_START;
}

/* ------------------------------------------------------------ text */

/* Append N bytes of S as Markdown text that reads back as S. */
static void
put_text_n(md_ctx *c, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	ms_buf *b = &c->out;
	size_t i = 0;

	while (i < n) {
		uint32_t ch;
		size_t len = utf8_next(p + i, n - i, &ch);
		int at = c->at;

		if (ch == '\n' || ch == '\r') {
			/* A line end in text is a soft break; several make
			 * one (a blank line would end the paragraph). */
			while (i < n && (p[i] == '\n' || p[i] == '\r'
			                 || p[i] == ' ' || p[i] == '\t'))
				i++;
			if (c->flat)
				ms_buf_putc(b, ' ');
			else if (i < n)
				soft_newline(c);
			continue;
		}
		if (ch != UINT32_MAX && dropped(ch)) {
			i += len;
			continue;
		}
		if (at == LINE_START && (ch == ' ' || ch == '\t')) {
			/* Leading blanks would be dropped or start code. */
			i += len;
			continue;
		}
		c->at = MID_LINE;
		switch (ch) {
		case UINT32_MAX:
			ms_buf_puts(b, "\xef\xbf\xbd");
			break;
		case '\\': case '`': case '*': case '_': case '[': case ']':
		case '|': case '~': case '{': case '}': case '#':
			ms_buf_putc(b, '\\');
			ms_buf_putc(b, (int)ch);
			break;
		case '<':
			ms_buf_puts(b, "&lt;");
			break;
		case '&':
			ms_buf_puts(b, entity_like((const char *)p + i) ? "\\&" : "&");
			break;
		case '>': case '-': case '+': case '=': case ':':
			if (at == LINE_START)
				ms_buf_putc(b, '\\');
			ms_buf_putc(b, (int)ch);
			break;
		case '.': case ')':
			if (at == LINE_DIGITS)
				ms_buf_putc(b, '\\');
			ms_buf_putc(b, (int)ch);
			break;
		default:
			if (is_digit((int)ch) && (at == LINE_START || at == LINE_DIGITS))
				c->at = LINE_DIGITS;
			ms_buf_put(b, p + i, len);
			break;
		}
		i += len;
	}
}

static void
put_text(md_ctx *c, const char *s)
{
	if (s)
		put_text_n(c, s, strlen(s));
}

/* Markup the writer itself puts: after it the line is under way. */
static void
put_raw(md_ctx *c, const char *s)
{
	ms_buf_puts(&c->out, s);
	c->at = MID_LINE;
}

/* A code span: a backtick fence longer than any run inside. */
static void
put_code(md_ctx *c, const char *s)
{
	ms_buf code = MS_BUF_INIT;
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, run = 0, longest = 0;
	bool pad;

	while (i < n) {
		uint32_t ch;
		size_t len = utf8_next(p + i, n - i, &ch);
		if (ch == UINT32_MAX)
			ms_buf_puts(&code, "\xef\xbf\xbd");
		else if (ch == '\n' || ch == '\r' || ch == '\t')
			ms_buf_putc(&code, ' ');
		else if (!dropped(ch))
			ms_buf_put(&code, p + i, len);
		run = ch == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
		i += len;
	}
	if (code.len == 0) {
		ms_buf_release(&code);
		return;
	}
	pad = code.ptr[0] == '`' || code.ptr[code.len - 1] == '`'
	      || (code.ptr[0] == ' ' && code.ptr[code.len - 1] == ' ');
	for (size_t k = 0; k <= longest; k++)
		ms_buf_putc(&c->out, '`');
	if (pad)
		ms_buf_putc(&c->out, ' ');
	ms_buf_put(&c->out, code.ptr, code.len);
	if (pad)
		ms_buf_putc(&c->out, ' ');
	for (size_t k = 0; k <= longest; k++)
		ms_buf_putc(&c->out, '`');
	c->at = MID_LINE;
	ms_buf_release(&code);
}

/* ------------------------------------------------------------ inlines */

static void put_inlines(md_ctx *c, const ms_inline *in);

/* Insert S into the output at offset AT. */
static void
insert_at(ms_buf *b, size_t at, const char *s)
{
	size_t n = strlen(s);
	ms_buf_grow(b, n);
	memmove(b->ptr + at + n, b->ptr + at, b->len - at + 1);
	memcpy(b->ptr + at, s, n);
	b->len += n;
}

/* Emphasis (DELIM "*") or strong emphasis ("**").  The content is
 * written first; the delimiters go around it when they are sure to pair
 * (a letter or digit just inside each, no '*' just before), otherwise
 * the HTML element TAG does. */
static void
put_emphasis(md_ctx *c, const ms_inline *in, const char *delim,
             const char *tag)
{
	size_t start = c->out.len;
	uint32_t first, last, before;
	char open[16], close[16];

	before = utf8_last(c->out.ptr, start);
	put_inlines(c, in->children);
	if (c->out.len == start)
		return;
	utf8_next((const unsigned char *)c->out.ptr + start, c->out.len - start,
	          &first);
	last = utf8_last(c->out.ptr + start, c->out.len - start);
	if (word_char(first) && word_char(last) && before != '*'
	    && before != '_') {
		insert_at(&c->out, start, delim);
		ms_buf_puts(&c->out, delim);
	} else {
		snprintf(open, sizeof open, "<%s>", tag);
		snprintf(close, sizeof close, "</%s>", tag);
		insert_at(&c->out, start, open);
		ms_buf_puts(&c->out, close);
	}
	c->at = MID_LINE;
}

static void
put_html_pair(md_ctx *c, const char *tag, const ms_inline *children)
{
	ms_buf_printf(&c->out, "<%s>", tag);
	c->at = MID_LINE;
	put_inlines(c, children);
	ms_buf_printf(&c->out, "</%s>", tag);
	c->at = MID_LINE;
}

/* The link destination: characters that would end or break it are
 * escaped or percent-encoded. */
static void
put_destination(md_ctx *c, const char *url)
{
	for (const char *s = url; *s; s++) {
		switch (*s) {
		case ' ': ms_buf_puts(&c->out, "%20"); break;
		case '<': ms_buf_puts(&c->out, "%3C"); break;
		case '>': ms_buf_puts(&c->out, "%3E"); break;
		case '`': ms_buf_puts(&c->out, "%60"); break;
		case '\\': case '(': case ')':
			ms_buf_putc(&c->out, '\\');
			ms_buf_putc(&c->out, *s);
			break;
		case '&':
			ms_buf_puts(&c->out, entity_like(s) ? "\\&" : "&");
			break;
		default:
			ms_buf_putc(&c->out, *s);
			break;
		}
	}
}

static void
put_title(md_ctx *c, const char *title)
{
	const unsigned char *p = (const unsigned char *)title;
	size_t n = strlen(title), i = 0;

	ms_buf_puts(&c->out, " \"");
	while (i < n) {
		uint32_t ch;
		size_t len = utf8_next(p + i, n - i, &ch);
		if (ch == '"' || ch == '\\') {
			ms_buf_putc(&c->out, '\\');
			ms_buf_putc(&c->out, (int)ch);
		} else if (ch == '&') {
			ms_buf_puts(&c->out, entity_like(title + i) ? "\\&" : "&");
		} else if (ch == '\n' || ch == '\r' || ch == '\t') {
			ms_buf_putc(&c->out, ' ');
		} else if (ch == UINT32_MAX) {
			ms_buf_puts(&c->out, "\xef\xbf\xbd");
		} else if (!dropped(ch)) {
			ms_buf_put(&c->out, p + i, len);
		}
		i += len;
	}
	ms_buf_putc(&c->out, '"');
}

static void
put_link(md_ctx *c, const ms_inline *in)
{
	size_t start;

	clean_url(in->url ? in->url : "", &c->url);
	if (c->url.len == 0) {
		put_inlines(c, in->children);
		return;
	}
	if (!url_allowed(c->url.ptr)) {
		/* Not a link: the words, then the address as text. */
		char *url = ms_xstrdup(c->url.ptr);
		start = c->out.len;
		put_inlines(c, in->children);
		if (c->out.len > start)
			put_raw(c, " ");
		put_text(c, "<");
		put_text(c, url);
		put_text(c, ">");
		free(url);
		return;
	}
	put_raw(c, "[");
	start = c->out.len;
	put_inlines(c, in->children);
	if (c->out.len == start)
		put_text(c, c->url.ptr);
	put_raw(c, "](");
	put_destination(c, c->url.ptr);
	if (nonempty(in->title))
		put_title(c, in->title);
	put_raw(c, ")");
}

static void
put_inlines(md_ctx *c, const ms_inline *in)
{
	for (; in; in = in->next) {
		switch (in->type) {
		case MS_INLINE_TEXT:
			put_text(c, in->text);
			break;
		case MS_INLINE_EMPH:
			put_emphasis(c, in, "*", "em");
			break;
		case MS_INLINE_STRONG:
			put_emphasis(c, in, "**", "strong");
			break;
		case MS_INLINE_LINK:
			put_link(c, in);
			break;
		case MS_INLINE_SUP:
			put_html_pair(c, "sup", in->children);
			break;
		case MS_INLINE_SUB:
			put_html_pair(c, "sub", in->children);
			break;
		case MS_INLINE_UNDERLINE:
			put_html_pair(c, "u", in->children);
			break;
		case MS_INLINE_CODE:
			put_code(c, in->text ? in->text : "");
			break;
		case MS_INLINE_SOFTBREAK:
			if (c->flat)
				ms_buf_putc(&c->out, ' ');
			else if (in->next)
				soft_newline(c);
			break;
		case MS_INLINE_LINEBREAK:
			if (c->flat) {
				ms_buf_putc(&c->out, ' ');
			} else if (in->next && line_is_one_tag(c)) {
				ms_buf_putc(&c->out, ' ');
			} else if (in->next) {
				trim_trailing_blanks(&c->out);
				ms_buf_puts(&c->out, "  ");
				ms_buf_putc(&c->out, '\n');
				ms_buf_put(&c->out, c->prefix.ptr, c->prefix.len);
				c->at = LINE_START;
			}
			break;
		case MS_INLINE_HTML:
			/* Verbatim markup is not copied. */
			break;
		default:  /* kinds newer than this writer: keep the words */
			if (in->children)
				put_inlines(c, in->children);
			else
				put_text(c, in->text);
			break;
		}
	}
}

static void
put_ms_text(md_ctx *c, const ms_text *t)
{
	if (t->inlines)
		put_inlines(c, t->inlines);
	else
		put_text(c, t->src);
}

static bool
text_empty(const ms_text *t)
{
	ms_buf b = MS_BUF_INIT;
	bool empty = true;

	if (t->inlines)
		ms_inline_plain(t->inlines, &b);
	else if (t->src)
		ms_buf_puts(&b, t->src);
	for (size_t i = 0; i < b.len && empty; i++)
		if (!(b.ptr[i] == ' ' || b.ptr[i] == '\t' || b.ptr[i] == '\n'
		      || b.ptr[i] == '\r'))
			empty = false;
	ms_buf_release(&b);
	return empty;
}

/* ------------------------------------------------------------ blocks */

/* Start a line of a block: FIRST for this line, REST for the lines that
 * continue it. */
static void
line_begin(md_ctx *c, const char *first, const char *rest)
{
	ms_buf_puts(&c->out, first);
	ms_buf_reset(&c->prefix);
	ms_buf_puts(&c->prefix, rest);
	c->at = LINE_START;
}

static void
line_end(md_ctx *c)
{
	trim_trailing_blanks(&c->out);
	ms_buf_putc(&c->out, '\n');
	c->at = LINE_START;
}

/* A blank line inside a block whose lines start with PREFIX. */
static void
blank_line(md_ctx *c, const char *prefix)
{
	ms_buf_puts(&c->out, prefix);
	trim_trailing_blanks(&c->out);
	ms_buf_putc(&c->out, '\n');
}

static void put_blocks(md_ctx *c, const ms_block *b, const char *p1,
                       const char *p2, bool tight);
static void put_block(md_ctx *c, const ms_block *b, const char *p1,
                      const char *p2, bool alt);

/* ALT picks the other marker, so that a list right after another of the
 * same kind does not join it. */
static void
put_list(md_ctx *c, const ms_block *list, const char *p1, const char *p2,
         bool alt)
{
	ms_buf first = MS_BUF_INIT, rest = MS_BUF_INIT, marker = MS_BUF_INIT;
	long n = list->start;
	bool top = true;

	for (const ms_block *item = list->children; item; item = item->next) {
		ms_buf_reset(&marker);
		if (list->ordered)
			ms_buf_printf(&marker, "%ld%c ", n++ % 1000000000L,
			              alt ? ')' : '.');
		else
			ms_buf_puts(&marker, alt ? "* " : "- ");
		if (!top && !list->tight)
			blank_line(c, p2);
		ms_buf_reset(&first);
		ms_buf_puts(&first, top ? p1 : p2);
		ms_buf_puts(&first, marker.ptr);
		ms_buf_reset(&rest);
		ms_buf_puts(&rest, p2);
		for (size_t i = 0; i < marker.len; i++)
			ms_buf_putc(&rest, ' ');
		if (item->type != MS_BLOCK_ITEM) {
			/* Not an item: this block alone is the item. */
			put_block(c, item, first.ptr, rest.ptr, false);
		} else if (item->children) {
			put_blocks(c, item->children, first.ptr, rest.ptr,
			           list->tight);
		} else {
			line_begin(c, first.ptr, rest.ptr);
			line_end(c);
		}
		top = false;
	}
	ms_buf_release(&first);
	ms_buf_release(&rest);
	ms_buf_release(&marker);
}

static void
put_block(md_ctx *c, const ms_block *b, const char *p1, const char *p2,
          bool alt)
{
	ms_buf q1 = MS_BUF_INIT, q2 = MS_BUF_INIT;
	int level;

	switch (b->type) {
	case MS_BLOCK_PARAGRAPH:
		line_begin(c, p1, p2);
		put_inlines(c, b->inlines);
		line_end(c);
		break;
	case MS_BLOCK_HEADING:
		level = b->level < 1 ? 1 : b->level > 6 ? 6 : b->level;
		line_begin(c, p1, p2);
		for (int i = 0; i < level; i++)
			ms_buf_putc(&c->out, '#');
		ms_buf_putc(&c->out, ' ');
		c->flat = true;
		put_inlines(c, b->inlines);
		c->flat = false;
		line_end(c);
		break;
	case MS_BLOCK_LIST:
		put_list(c, b, p1, p2, alt);
		break;
	case MS_BLOCK_QUOTE:
		ms_buf_printf(&q1, "%s> ", p1);
		ms_buf_printf(&q2, "%s> ", p2);
		if (b->children)
			put_blocks(c, b->children, q1.ptr, q2.ptr, false);
		else
			blank_line(c, q1.ptr);
		break;
	case MS_BLOCK_BREAK:
		line_begin(c, p1, p2);
		put_raw(c, "* * *");
		line_end(c);
		break;
	default:  /* items out of place, or kinds newer than this writer */
		if (b->children) {
			put_blocks(c, b->children, p1, p2, false);
		} else {
			line_begin(c, p1, p2);
			put_inlines(c, b->inlines);
			line_end(c);
		}
		break;
	}
	ms_buf_release(&q1);
	ms_buf_release(&q2);
}

/* True when B may follow a paragraph line directly without joining it:
 * a heading, a quote, a break, or a list that starts with a non-empty
 * bullet or "1." item. */
static bool
interrupts_paragraph(const ms_block *b)
{
	switch (b->type) {
	case MS_BLOCK_HEADING:
	case MS_BLOCK_QUOTE:
	case MS_BLOCK_BREAK:
		return true;
	case MS_BLOCK_LIST:
		return (!b->ordered || b->start == 1) && b->children
		       && (b->children->type != MS_BLOCK_ITEM
		           || b->children->children);
	default:
		return false;
	}
}

/* Blocks are kept apart by a blank line; in a tight list item only where
 * they would otherwise run together. */
static void
put_blocks(md_ctx *c, const ms_block *b, const char *p1, const char *p2,
           bool tight)
{
	const ms_block *prev = NULL;
	bool alt = false;

	for (; b; prev = b, b = b->next) {
		if (prev && !(tight && prev->type == MS_BLOCK_PARAGRAPH
		              && interrupts_paragraph(b)))
			blank_line(c, p2);
		if (b->type == MS_BLOCK_LIST) {
			alt = prev && prev->type == MS_BLOCK_LIST
			      && prev->ordered == b->ordered ? !alt : false;
		}
		put_block(c, b, prev ? p2 : p1, p2, alt);
	}
}

/* ------------------------------------------------------------ the letter */

/* Parts of the letter are paragraphs separated by blank lines. */
static void
part_begin(md_ctx *c)
{
	if (c->out.len)
		ms_buf_putc(&c->out, '\n');
	line_begin(c, "", "");
}

/* **S** at the start of a line and followed by a blank or the line's
 * end: the delimiters always pair there, whatever S holds. */
static void
put_bold_label(md_ctx *c, const char *s)
{
	size_t start = c->out.len;
	ms_buf_puts(&c->out, "**");
	put_text(c, s);
	trim_trailing_blanks(&c->out);
	if (c->out.len == start + 2)
		ms_buf_truncate(&c->out, start);
	else
		put_raw(c, "**");
}

static void
put_iso_date(ms_buf *b, const ms_date *d)
{
	if (d->year > 0 && d->year <= 9999 && d->month >= 1 && d->month <= 12
	    && d->day >= 1 && d->day <= 31)
		ms_buf_printf(b, "%04d-%02d-%02d", d->year, d->month, d->day);
}

/* Lines of an address block end with two spaces (a hard break). */
static void
address_line(md_ctx *c, bool *first)
{
	if (!*first) {
		trim_trailing_blanks(&c->out);
		ms_buf_puts(&c->out, "  \n");
		c->at = LINE_START;
	}
	*first = false;
}

static void
put_numbers(md_ctx *c, const ms_line *l, const char *label, bool email,
            bool *first)
{
	ms_inline link = { MS_INLINE_LINK, NULL, NULL, NULL, NULL, NULL };
	ms_inline text = { MS_INLINE_TEXT, NULL, NULL, NULL, NULL, NULL };
	ms_buf plain = MS_BUF_INIT, url = MS_BUF_INIT;

	for (; l; l = l->next) {
		if (text_empty(&l->text))
			continue;
		address_line(c, first);
		if (nonempty(label)) {
			put_text(c, label);
			put_raw(c, " ");
		}
		ms_buf_reset(&plain);
		if (l->text.inlines)
			ms_inline_plain(l->text.inlines, &plain);
		else
			ms_buf_puts(&plain, l->text.src);
		if (email && strchr(plain.ptr, '@') && !strchr(plain.ptr, ' ')) {
			ms_buf_reset(&url);
			ms_buf_printf(&url, "mailto:%s", plain.ptr);
			text.text = plain.ptr;
			link.url = url.ptr;
			link.children = &text;
			put_link(c, &link);
		} else {
			put_ms_text(c, &l->text);
		}
	}
	ms_buf_release(&plain);
	ms_buf_release(&url);
}

/* One addressee as a paragraph of lines; LABEL ("CC."), when set,
 * starts it; CC for a copy. */
static void
put_person(md_ctx *c, const ms_recipient *r, const char *label, bool cc)
{
	const ms_locale *loc = c->loc;
	const ms_labels *lab = &c->l->labels;
	bool first = true, title = !text_empty(&r->title);
	bool name = !text_empty(&r->name);

	part_begin(c);
	if (nonempty(label)) {
		put_text(c, label);
		put_raw(c, " ");
	}
	/* "title name suffix" on one line in Korean order and for copies;
	 * otherwise the name, then the title on its own line. */
	if (loc->name_after_title || cc) {
		if (title || name) {
			address_line(c, &first);
			if (title)
				put_ms_text(c, &r->title);
			if (title && name)
				put_raw(c, " ");
			if (name)
				put_ms_text(c, &r->name);
			if (loc->name_after_title && nonempty(loc->recipient_suffix)) {
				put_raw(c, " ");
				put_text(c, loc->recipient_suffix);
			}
		}
	} else {
		if (name) {
			address_line(c, &first);
			put_ms_text(c, &r->name);
		}
		if (title) {
			address_line(c, &first);
			put_ms_text(c, &r->title);
		}
	}
	if (!text_empty(&r->organisation)) {
		address_line(c, &first);
		put_ms_text(c, &r->organisation);
	}
	for (const ms_line *a = r->address; a; a = a->next) {
		if (text_empty(&a->text))
			continue;
		address_line(c, &first);
		put_ms_text(c, &a->text);
	}
	put_numbers(c, r->fax, lab->fax, false, &first);
	put_numbers(c, r->email, lab->email, true, &first);
	line_end(c);
}

static void
put_paragraph_text(md_ctx *c, const ms_text *t)
{
	if (text_empty(t))
		return;
	part_begin(c);
	put_ms_text(c, t);
	line_end(c);
}

static void
put_signatory_list(md_ctx *c, const ms_signatory *s, const char *heading,
                   bool individuals)
{
	if (!s)
		return;
	if (nonempty(heading)) {
		part_begin(c);
		put_bold_label(c, heading);
		line_end(c);
	}
	ms_buf_putc(&c->out, '\n');
	for (; s; s = s->next) {
		/* Without a heading between them, two lists would join. */
		line_begin(c, individuals && !nonempty(heading) ? "* " : "- ",
		           "  ");
		put_ms_text(c, &s->name);
		if (individuals && !text_empty(&s->affiliation)) {
			put_raw(c, " / ");
			put_ms_text(c, &s->affiliation);
		}
		line_end(c);
	}
}

static void
put_signatories(md_ctx *c)
{
	const ms_letter *l = c->l;
	ms_buf date = MS_BUF_INIT, heading = MS_BUF_INIT;

	if (!l->groups && !l->individuals)
		return;
	if (nonempty(l->as_of_text))
		ms_buf_puts(&date, l->as_of_text);
	else
		put_iso_date(&date, &l->signed_as_of);
	if (nonempty(l->labels.signatories))
		ms_buf_puts(&heading, l->labels.signatories);
	if (date.len && nonempty(l->labels.as_of)) {
		/* The label is translated: never used as a format. */
		const char *as_of = l->labels.as_of;
		const char *mark = strstr(as_of, "%s");
		if (heading.len)
			ms_buf_puts(&heading, " (");
		if (mark) {
			ms_buf_put(&heading, as_of, (size_t)(mark - as_of));
			ms_buf_puts(&heading, date.ptr);
			ms_buf_puts(&heading, mark + 2);
		} else {
			ms_buf_printf(&heading, "%s %s", as_of, date.ptr);
		}
		if (nonempty(l->labels.signatories))
			ms_buf_putc(&heading, ')');
	}
	if (heading.len) {
		part_begin(c);
		put_bold_label(c, heading.ptr);
		line_end(c);
	}
	put_signatory_list(c, l->groups, l->labels.groups, false);
	put_signatory_list(c, l->individuals, l->labels.individuals, true);
	ms_buf_release(&date);
	ms_buf_release(&heading);
}

/* ------------------------------------------------------------ front matter */

/* Append S as a YAML double-quoted scalar: '"' and '\' escaped, line
 * ends and tabs as \n and \t, everything YAML cannot carry literally
 * (controls, DEL, C1 but NEL, U+2028/2029, BOM, noncharacters) as an
 * escape, invalid UTF-8 as U+FFFD. */
static void
put_yaml_string(ms_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;

	ms_buf_putc(b, '"');
	while (i < n) {
		uint32_t c;
		size_t len = utf8_next(p + i, n - i, &c);
		if (c == '"' || c == '\\') {
			ms_buf_putc(b, '\\');
			ms_buf_putc(b, (int)c);
		} else if (c == '\n') {
			ms_buf_puts(b, "\\n");
		} else if (c == '\t') {
			ms_buf_puts(b, "\\t");
		} else if (c == UINT32_MAX) {
			ms_buf_puts(b, "\\uFFFD");
		} else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
			ms_buf_printf(b, "\\x%02X", (unsigned)c);
		} else if (c == 0x2028 || c == 0x2029 || c == 0xfeff
		           || (c & 0xfffe) == 0xfffe) {
			ms_buf_printf(b, c > 0xffff ? "\\U%08X" : "\\u%04X",
			              (unsigned)c);
		} else {
			ms_buf_put(b, p + i, len);
		}
		i += len;
	}
	ms_buf_putc(b, '"');
}

static void
put_front_matter(md_ctx *c)
{
	const ms_letter *l = c->l;
	const ms_locale *loc = c->loc;
	ms_buf *b = &c->out, tmp = MS_BUF_INIT;
	const char *lang = nonempty(loc->lang) ? loc->lang
	                   : nonempty(l->lang) ? l->lang : "";

	ms_buf_puts(b, "---\ntitle: ");
	if (l->subject.inlines)
		ms_inline_plain(l->subject.inlines, &tmp);
	else if (l->subject.src)
		ms_buf_puts(&tmp, l->subject.src);
	put_yaml_string(b, tmp.ptr);
	ms_buf_reset(&tmp);
	put_iso_date(&tmp, &l->date);
	if (tmp.len)
		ms_buf_printf(b, "\ndate: %s", tmp.ptr);
	ms_buf_puts(b, "\nlang: ");
	put_yaml_string(b, lang);
	ms_buf_puts(b, "\nsource_lang: ");
	put_yaml_string(b, nonempty(l->source_lang) ? l->source_lang
	                : nonempty(loc->source_lang) ? loc->source_lang : lang);
	ms_buf_printf(b, "\ndraft: %s", loc->draft ? "true" : "false");
	ms_buf_puts(b, "\nletter_id: ");
	put_yaml_string(b, l->id ? l->id : "");
	ms_buf_puts(b, "\n---\n");
	ms_buf_release(&tmp);
}

static ms_status
markdown_render(const ms_letter *l, const ms_locale *locale, ms_output *out,
                ms_diag_handler *diag)
{
	ms_locale defaults;
	md_ctx c;
	ms_buf date = MS_BUF_INIT;
	ms_status st;

	if (!l || !out) {
		ms_diag_emit(diag, MS_ERROR, "markdown", NULL, 0, 0,
		             _("markdown: nothing to render"));
		return MS_ERR_RENDER;
	}
	if (!locale) {
		memset(&defaults, 0, sizeof defaults);
		locale = &defaults;
	}
	memset(&c, 0, sizeof c);
	ms_buf_init(&c.out, 16384);
	ms_buf_init(&c.prefix, 0);
	ms_buf_init(&c.url, 0);
	c.l = l;
	c.loc = locale;

	put_front_matter(&c);
	if (locale->draft) {
		part_begin(&c);
		put_bold_label(&c, nonempty(l->labels.draft) ? l->labels.draft
		                                             : "DRAFT");
		line_end(&c);
	}
	if (nonempty(l->date_text))
		ms_buf_puts(&date, l->date_text);
	else
		put_iso_date(&date, &l->date);
	if (date.len) {
		part_begin(&c);
		put_text(&c, date.ptr);
		line_end(&c);
	}
	for (const ms_recipient *r = l->recipients; r; r = r->next)
		put_person(&c, r, NULL, false);
	for (const ms_recipient *r = l->cc; r; r = r->next)
		put_person(&c, r, r == l->cc ? l->labels.cc : NULL, true);
	if (!text_empty(&l->subject)) {
		part_begin(&c);
		if (nonempty(l->labels.subject)) {
			put_bold_label(&c, l->labels.subject);
			put_raw(&c, " ");
		}
		put_ms_text(&c, &l->subject);
		line_end(&c);
	}
	put_paragraph_text(&c, &l->salutation);
	if (l->body) {
		ms_buf_putc(&c.out, '\n');
		put_blocks(&c, l->body, "", "", false);
	}
	put_paragraph_text(&c, &l->closing);
	put_signatories(&c);

	st = ms_output_write(out, c.out.ptr, c.out.len);
	ms_buf_release(&c.out);
	ms_buf_release(&c.prefix);
	ms_buf_release(&c.url);
	ms_buf_release(&date);
	return st;
}

static const char *const markdown_extensions[] = { "md", "markdown", NULL };

static const ms_plugin markdown_plugin = {
	MS_PLUGIN_ABI_MAJOR, MS_PLUGIN_ABI_MINOR, sizeof(ms_plugin),
	"markdown", "Markdown with YAML front matter for static-site generators",
	"1.0", markdown_extensions, MS_CAP_REENTRANT, markdown_render, { NULL }
};

const ms_plugin *
missive_plugin_describe(void)
{
	return &markdown_plugin;
}

/* markdown.c — the "markdown" writer: the localised letter as CommonMark
 * with YAML front matter, for static-site generators (Hugo, Jekyll).
 *
 * Front matter: title (the subject as plain text), date (ISO 8601), lang,
 * source_lang, draft, letter_id.  Strings are YAML double-quoted scalars
 * with escapes, so no value can end the block or change its type.
 *
 * Body: the parts of the letter as the kit's iterator gives them (missive-kit.h);
 * this file knows only how Markdown says them.  Text
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
	bool first_line; /* no line of the address block yet */
	ms_kit_frames frames;    /* per depth: how nested blocks start lines */
	const ms_letter *l;
	const ms_locale *loc;
} md_ctx;


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
		if (ch != UINT32_MAX && ms_utf8_is_unwanted(ch)) {
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
		else if (!ms_utf8_is_unwanted(ch))
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

/* The end of emphasis (DELIM "*") or strong emphasis ("**") whose
 * content starts at START.  The delimiters go around the content when
 * they are sure to pair (a letter or digit just inside each, no '*'
 * just before), otherwise the HTML element TAG does. */
static void
end_emphasis(md_ctx *c, size_t start, const char *delim, const char *tag)
{
	uint32_t first, last, before;
	char open[16], close[16];

	if (c->out.len == start)
		return;
	before = utf8_last(c->out.ptr, start);
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
		} else if (!ms_utf8_is_unwanted(ch)) {
			ms_buf_put(&c->out, p + i, len);
		}
		i += len;
	}
	ms_buf_putc(&c->out, '"');
}

/* A link, entered or exited; its words come between.  A live link is
 * [words](url "title"); a link whose scheme is not http, https or
 * mailto is its words, then its address as text. */
static void
put_link(md_ctx *c, ms_kit_event ev, ms_kit_node *n)
{
	const ms_inline *in = n->inl;

	ms_url_clean(in->url ? in->url : "", &c->url);
	if (c->url.len == 0)
		return;
	if (ev == MS_KIT_ENTER) {
		if (ms_url_safe(c->url.ptr))
			put_raw(c, "[");
		n->mark = c->out.len;
	} else if (!ms_url_safe(c->url.ptr)) {
		if (c->out.len > n->mark)
			put_raw(c, " ");
		put_text(c, "<");
		put_text(c, c->url.ptr);
		put_text(c, ">");
	} else {
		if (c->out.len == n->mark)
			put_text(c, c->url.ptr);
		put_raw(c, "](");
		put_destination(c, c->url.ptr);
		if (ms_kit_nonempty(in->title))
			put_title(c, in->title);
		put_raw(c, ")");
	}
}

/* An e-mail address shown as a mailto: link when it looks like one (an
 * '@' and no space), else as text.  True when it did the first. */
static bool
put_email(md_ctx *c, const ms_text *t)
{
	ms_buf plain = MS_BUF_INIT, url = MS_BUF_INIT;
	ms_inline link = { .type = MS_INLINE_LINK };
	ms_kit_node node;
	bool done = false;

	if (t->inlines)
		ms_inline_plain(t->inlines, &plain);
	else if (t->src)
		ms_buf_puts(&plain, t->src);
	if (strchr(plain.ptr, '@') && !strchr(plain.ptr, ' ')) {
		ms_buf_printf(&url, "mailto:%s", plain.ptr);
		link.url = url.ptr;
		memset(&node, 0, sizeof node);
		node.inl = &link;
		put_link(c, MS_KIT_ENTER, &node);
		put_text(c, plain.ptr);
		put_link(c, MS_KIT_EXIT, &node);
		done = true;
	}
	ms_buf_release(&plain);
	ms_buf_release(&url);
	return done;
}

static void
put_inline(md_ctx *c, ms_kit_event ev, ms_kit_node *n)
{
	const ms_inline *in = n->inl;
	bool enter = ev == MS_KIT_ENTER;

	switch (in->type) {
	case MS_INLINE_TEXT:
		put_text(c, in->text);
		break;
	case MS_INLINE_EMPH:
	case MS_INLINE_STRONG:
		if (enter)
			n->mark = c->out.len;
		else if (in->type == MS_INLINE_EMPH)
			end_emphasis(c, n->mark, "*", "em");
		else
			end_emphasis(c, n->mark, "**", "strong");
		break;
	case MS_INLINE_LINK:
		put_link(c, ev, n);
		break;
	case MS_INLINE_SUP:
	case MS_INLINE_SUB:
	case MS_INLINE_UNDERLINE:
		/* kept as the inline HTML the letter format writes them in */
		ms_buf_printf(&c->out, enter ? "<%s>" : "</%s>",
		              in->type == MS_INLINE_SUP ? "sup"
		              : in->type == MS_INLINE_SUB ? "sub" : "u");
		c->at = MID_LINE;
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
	case MS_INLINE_STRIKE:
		put_raw(c, "~~");
		break;
	case MS_INLINE_FOOTNOTE:  /* GFM's reference; the note at the end */
		ms_buf_printf(&c->out, "[^%d]", in->number);
		c->at = MID_LINE;
		break;
	default:  /* kinds newer than this writer: keep the words */
		if (enter && !in->children)
			put_text(c, in->text);
		break;
	}
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

/* What the blocks inside a container start their lines with (the first
 * line of the first block P1, all others P2), whether they sit tight,
 * the block before the next one, and whether a list takes the other
 * marker (ALT), so that a list right after another of the same kind
 * does not join it. */
typedef struct md_frame {
	ms_buf p1, p2;
	bool tight;
	bool alt;
	const ms_block *prev;
	bool empty;   /* an item that got no block yet */
} md_frame;

static md_frame *
frame_at(md_ctx *c, int depth)
{
	md_frame *f = ms_kit_frame(&c->frames, depth);
	if (!f->p1.ptr) {
		ms_buf_init(&f->p1, 0);
		ms_buf_init(&f->p2, 0);
	}
	return f;
}

static void
frame_set(md_frame *f, const char *p1, const char *p2, bool tight)
{
	ms_buf_reset(&f->p1);
	ms_buf_puts(&f->p1, p1);
	ms_buf_reset(&f->p2);
	ms_buf_puts(&f->p2, p2);
	f->tight = tight;
	f->alt = false;
	f->prev = NULL;
	f->empty = false;
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

/* Entering block N: blank lines before it, then its own frame.  Blocks
 * are kept apart by a blank line; in a tight list item only where they
 * would otherwise run together. */
static void
block_enter(md_ctx *c, ms_kit_node *n)
{
	const ms_block *b = n->block;
	md_frame *f = frame_at(c, n->depth), *up = frame_at(c, n->depth - 1);
	const ms_block *list = ms_kit_list_of(n);
	ms_buf first = MS_BUF_INIT, rest = MS_BUF_INIT, marker = MS_BUF_INIT;
	const char *p1;
	bool alt;

	up->empty = false;
	if (list) {
		if (list->ordered)
			ms_buf_printf(&marker, "%ld%c ", n->number % 1000000000L,
			              up->alt ? ')' : '.');
		else
			ms_buf_puts(&marker, up->alt ? "* " : "- ");
		if (n->index > 0 && !list->tight)
			blank_line(c, up->p2.ptr);
		ms_buf_puts(&first, n->index == 0 ? up->p1.ptr : up->p2.ptr);
		ms_buf_puts(&first, marker.ptr);
		ms_buf_puts(&rest, up->p2.ptr);
		for (size_t i = 0; i < marker.len; i++)
			ms_buf_putc(&rest, ' ');
		frame_set(f, first.ptr, rest.ptr, list->tight);
		f->empty = true;
		goto out;
	}
	if (up->prev && !(up->tight && up->prev->type == MS_BLOCK_PARAGRAPH
	                  && interrupts_paragraph(b)))
		blank_line(c, up->p2.ptr);
	alt = false;
	if (b->type == MS_BLOCK_LIST)
		alt = up->prev && up->prev->type == MS_BLOCK_LIST
		      && up->prev->ordered == b->ordered ? !up->alt : false;
	p1 = up->prev ? up->p2.ptr : up->p1.ptr;
	up->prev = b;
	up->alt = alt;
	frame_set(f, p1, up->p2.ptr, false);
	switch (b->type) {
	case MS_BLOCK_PARAGRAPH:
		line_begin(c, f->p1.ptr, f->p2.ptr);
		break;
	case MS_BLOCK_HEADING:
		line_begin(c, f->p1.ptr, f->p2.ptr);
		for (int i = 0, level = b->level < 1 ? 1 : b->level > 6 ? 6
		     : b->level; i < level; i++)
			ms_buf_putc(&c->out, '#');
		ms_buf_putc(&c->out, ' ');
		c->flat = true;
		break;
	case MS_BLOCK_LIST:
		f->alt = alt;
		break;
	case MS_BLOCK_QUOTE:
		ms_buf_printf(&first, "%s> ", f->p1.ptr);
		ms_buf_printf(&rest, "%s> ", f->p2.ptr);
		frame_set(f, first.ptr, rest.ptr, false);
		if (!b->children)
			blank_line(c, f->p1.ptr);
		break;
	case MS_BLOCK_BREAK:
		line_begin(c, f->p1.ptr, f->p2.ptr);
		put_raw(c, "* * *");
		line_end(c);
		break;
	case MS_BLOCK_TABLE:   /* a GFM table: rows of cells between bars */
		f->tight = true;
		break;
	case MS_BLOCK_ROW:
		up->prev = NULL;   /* rows sit on consecutive lines */
		line_begin(c, f->p1.ptr, f->p2.ptr);
		put_raw(c, "|");
		c->flat = true;
		break;
	case MS_BLOCK_CELL:
		up->prev = NULL;
		put_raw(c, " ");
		break;
	case MS_BLOCK_FOOTNOTE:  /* "[^1]: " and its lines indented */
		ms_buf_printf(&first, "%s[^%d]: ", f->p1.ptr, b->number);
		ms_buf_printf(&rest, "%s    ", f->p2.ptr);
		frame_set(f, first.ptr, rest.ptr, false);
		break;
	default:  /* items out of place, or kinds newer than this writer */
		if (!b->children)
			line_begin(c, f->p1.ptr, f->p2.ptr);
		break;
	}
out:
	ms_buf_release(&first);
	ms_buf_release(&rest);
	ms_buf_release(&marker);
}

static void
block_exit(md_ctx *c, const ms_kit_node *n)
{
	const ms_block *b = n->block;
	md_frame *f = frame_at(c, n->depth);

	switch (b->type) {
	case MS_BLOCK_PARAGRAPH:
		line_end(c);
		break;
	case MS_BLOCK_HEADING:
		c->flat = false;
		line_end(c);
		break;
	case MS_BLOCK_ITEM:
		if (f->empty) {  /* an item with nothing in it: its marker */
			line_begin(c, f->p1.ptr, f->p2.ptr);
			line_end(c);
		}
		break;
	case MS_BLOCK_CELL:
		put_raw(c, " |");
		break;
	case MS_BLOCK_ROW:
		c->flat = false;
		line_end(c);
		if (b->header) {  /* the delimiter row, with the alignments */
			const ms_block *cell;
			line_begin(c, f->p2.ptr, f->p2.ptr);
			put_raw(c, "|");
			for (cell = b->children; cell; cell = cell->next)
				put_raw(c, cell->align == 'c' ? " :---: |"
				        : cell->align == 'r' ? " ---: |"
				        : cell->align == 'l' ? " :--- |" : " --- |");
			line_end(c);
		}
		break;
	case MS_BLOCK_LIST:
	case MS_BLOCK_QUOTE:
	case MS_BLOCK_BREAK:
	case MS_BLOCK_TABLE:
	case MS_BLOCK_FOOTNOTE:
		break;
	default:
		if (!b->children)
			line_end(c);
		break;
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

/* A part that is a paragraph of its own, whose only text is S. */
static void
put_part(md_ctx *c, const char *s, bool bold)
{
	part_begin(c);
	if (bold)
		put_bold_label(c, s);
	else
		put_text(c, s);
	line_end(c);
}

/* Lines of an address block end with two spaces (a hard break). */
static void
address_line(md_ctx *c)
{
	if (!c->first_line) {
		trim_trailing_blanks(&c->out);
		ms_buf_puts(&c->out, "  \n");
		c->at = LINE_START;
	}
	c->first_line = false;
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
	const char *lang = ms_kit_lang(l, loc);

	if (!lang)
		lang = "";
	ms_buf_puts(b, "---\ntitle: ");
	if (l->subject.inlines)
		ms_inline_plain(l->subject.inlines, &tmp);
	else if (l->subject.src)
		ms_buf_puts(&tmp, l->subject.src);
	put_yaml_string(b, tmp.ptr);
	ms_buf_reset(&tmp);
	if (ms_kit_iso_date(&l->date, &tmp))
		ms_buf_printf(b, "\ndate: %s", tmp.ptr);
	ms_buf_puts(b, "\nlang: ");
	put_yaml_string(b, lang);
	ms_buf_puts(b, "\nsource_lang: ");
	put_yaml_string(b, ms_kit_nonempty(l->source_lang) ? l->source_lang
	                : ms_kit_nonempty(loc->source_lang) ? loc->source_lang : lang);
	ms_buf_printf(b, "\ndraft: %s", loc->draft ? "true" : "false");
	ms_buf_puts(b, "\nletter_id: ");
	put_yaml_string(b, l->id ? l->id : "");
	ms_buf_puts(b, "\n---\n");
	ms_buf_release(&tmp);
}

static void
render(md_ctx *c)
{
	ms_kit_iter *it = ms_kit_iter_new(c->l, c->loc, 0);
	ms_kit_node *n;
	ms_kit_event ev;

	while ((ev = ms_kit_iter_next(it, &n)) != MS_KIT_DONE) {
		bool enter = ev == MS_KIT_ENTER;
		switch (n->part) {
		case MS_KIT_LETTER:
			if (enter)
				put_front_matter(c);
			break;
		case MS_KIT_DRAFT:
		case MS_KIT_SPECIMEN:
			put_part(c, n->text, true);
			break;
		case MS_KIT_NOTICE:
			/* a quoted paragraph before the letter */
			part_begin(c);
			put_raw(c, "> ");
			put_text(c, n->text);
			line_end(c);
			break;
		case MS_KIT_DATE:
			put_part(c, n->text, false);
			break;
		case MS_KIT_RECIPIENT:
			/* One addressee as a paragraph of lines; the first copy
			 * starts with the "CC." label. */
			if (!enter) {
				line_end(c);
				break;
			}
			part_begin(c);
			if (n->parent->part == MS_KIT_COPIES && n->index == 0
			    && n->parent->text) {
				put_text(c, n->parent->text);
				put_raw(c, " ");
			}
			c->first_line = true;
			break;
		case MS_KIT_LINE:
			if (enter)
				address_line(c);
			break;
		case MS_KIT_FIELD:
			if (!enter)
				break;
			if (n->sep && n->index > 0)   /* the layout's spacing */
				put_raw(c, n->sep);
			else if (!n->sep && n->index > 0
			         && n->parent->part == MS_KIT_LINE)
				put_raw(c, " ");
			if (n->role == MS_KIT_AFFILIATION)
				put_raw(c, " / ");
			if (n->leaf)
				put_text(c, n->text);
			else if (n->role == MS_KIT_EMAIL && put_email(c, n->ms))
				ms_kit_iter_skip(it);
			break;
		case MS_KIT_SUBJECT:
			if (!enter) {
				line_end(c);
				break;
			}
			part_begin(c);
			if (n->text) {
				put_bold_label(c, n->text);
				put_raw(c, " ");
			}
			break;
		case MS_KIT_SALUTATION:
		case MS_KIT_CLOSING:
			if (enter)
				part_begin(c);
			else
				line_end(c);
			break;
		case MS_KIT_BODY:
			if (enter) {
				ms_buf_putc(&c->out, '\n');
				frame_set(frame_at(c, n->depth), "", "", false);
			}
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
		case MS_KIT_SIGNATORIES:
			if (enter && n->text_before)   /* the annex */
				put_part(c, n->text_before, true);
			if (enter && n->text)
				put_part(c, n->text, true);
			break;
		case MS_KIT_SIGNATORY_LIST:
			if (!enter)
				break;
			if (n->text)
				put_part(c, n->text, true);
			ms_buf_putc(&c->out, '\n');
			break;
		case MS_KIT_SIGNATORY:
			/* Without a heading between them, two lists would join. */
			if (enter)
				line_begin(c, n->parent->role == MS_KIT_INDIVIDUALS
				           && !n->parent->text ? "* " : "- ", "  ");
			else
				line_end(c);
			break;
		case MS_KIT_LETTERHEAD:
		case MS_KIT_REFERENCES:
		case MS_KIT_SIGNER:
		case MS_KIT_ENCLOSURES:
			/* a paragraph of lines, like an address */
			if (!enter) {
				line_end(c);
				break;
			}
			part_begin(c);
			c->first_line = true;
			if (n->text) {
				put_bold_label(c, n->text);
				c->first_line = false;
			}
			break;
		case MS_KIT_SEE_ANNEX:
			put_part(c, n->text, false);
			break;
		case MS_KIT_FOOTNOTES:
			if (enter) {
				ms_buf_putc(&c->out, '\n');
				frame_set(frame_at(c, n->depth), "", "", false);
			}
			break;
		case MS_KIT_SIGNERS:
		case MS_KIT_ADDRESSEES:
		case MS_KIT_COPIES:
			break;
		}
	}
	ms_kit_iter_free(it);
}

static ms_status
markdown_render(const ms_letter *l, const ms_locale *locale, ms_output *out,
                ms_diag_handler *diag)
{
	ms_locale defaults;
	md_ctx c;
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
	c.frames.size = sizeof(md_frame);

	render(&c);

	st = ms_output_write(out, c.out.ptr, c.out.len);
	for (size_t i = 0; i < c.frames.n; i++) {
		md_frame *f = (md_frame *)c.frames.v + i;
		if (f->p1.ptr) {
			ms_buf_release(&f->p1);
			ms_buf_release(&f->p2);
		}
	}
	ms_kit_frames_release(&c.frames);
	ms_buf_release(&c.out);
	ms_buf_release(&c.prefix);
	ms_buf_release(&c.url);
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

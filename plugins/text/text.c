/* text.c — the "text" writer: the letter as plain UTF-8 text for e-mail.
 *
 * Every paragraph goes through one wrapper (wrap() below): ICU's line
 * BreakIterator for the letter's language finds where lines may end, the
 * display width of each character decides where they must (East Asian
 * wide and fullwidth characters take two columns, marks none), and a word
 * wider than the line is cut between grapheme clusters.  Text is never
 * dropped.  The letter is built in memory, tidied (no trailing blanks,
 * exactly one final newline) and written once.
 *
 * Choices the brief left open: Korean ("ko") breaks only between words,
 * as CSS word-break: keep-all does, since ICU would also break between
 * Hangul syllables; numbered list markers are padded to the widest one
 * ("9.  " and "10. "); a wrapped signatory continues two spaces in; a
 * thematic break is "* * *"; an ms_text without parsed inlines is shown
 * as its source text. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "missive-plugin.h"

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) dgettext("missive", s)
#else
#define _(s) (s)
#endif

#define DEFAULT_WIDTH 72

MS_PLUGIN_EXPORT const ms_plugin *missive_plugin_describe(void);

typedef struct text_ctx {
	ms_buf out;             /* the letter so far */
	int width;              /* columns per line, prefixes included */
	bool keep_all;          /* no breaks between letters (Korean) */
	bool blank_pending;     /* a blank line is owed before the next line */
	ms_buf blank_prefix;    /* what that blank line starts with ("> ") */
	UBreakIterator *lines;  /* line breaks for the letter's language */
	UBreakIterator *chars;  /* grapheme clusters, for cutting long words */
	UChar *u;               /* the paragraph being wrapped, in UTF-16 */
	size_t ucap;
	ms_buf line;            /* scratch for one output line */
	const char *name;       /* the output's name, for messages */
	ms_diag_handler *diag;
	ms_status status;       /* the first failure, or MS_OK */
} text_ctx;

/* ------------------------------------------------------------ width */

static int
char_width(UChar32 c)
{
	int gc, ea;
	if (c < 0x20 || (c >= 0x7f && c < 0xa0))
		return 0;
	gc = u_charType(c);
	if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK
	    || gc == U_FORMAT_CHAR)
		return 0;
	/* Conjoining jamo vowels and final consonants join the syllable
	 * started by a leading consonant. */
	if (c >= 0x1160 && c <= 0x11ff)
		return 0;
	ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
	return ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
}

static int
width_u(const UChar *u, int32_t start, int32_t end)
{
	int w = 0;
	int32_t i = start;
	while (i < end) {
		UChar32 c;
		U16_NEXT(u, i, end, c);
		w += char_width(c);
	}
	return w;
}

static int
width_utf8(const char *s)
{
	int w = 0;
	int32_t i = 0, n = (int32_t)strlen(s);
	while (i < n) {
		UChar32 c;
		U8_NEXT(s, i, n, c);
		w += c < 0 ? 1 : char_width(c);
	}
	return w;
}

static bool
is_blank(UChar32 c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
	       || u_isWhitespace(c);
}

static bool
is_letter(UChar32 c)
{
	return u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || u_isdigit(c);
}

/* ------------------------------------------------------------ output */

static void
fail(text_ctx *c, ms_status st, const char *what, UErrorCode err)
{
	if (c->status == MS_OK)
		ms_diag_emit(c->diag, MS_ERROR, NULL, c->name, 0, 0,
		             _("text: %s failed: %s"), what, u_errorName(err));
	c->status = st;
}

/* Start a line: pay any blank line owed, then put PREFIX. */
static void
line_start(text_ctx *c, const char *prefix)
{
	if (c->blank_pending && c->out.len) {
		ms_buf_put(&c->out, c->blank_prefix.ptr, c->blank_prefix.len);
		ms_buf_putc(&c->out, '\n');
	}
	c->blank_pending = false;
	ms_buf_puts(&c->out, prefix);
}

static void
put_line(text_ctx *c, const char *prefix, const char *text)
{
	line_start(c, prefix);
	ms_buf_puts(&c->out, text);
	ms_buf_putc(&c->out, '\n');
}

/* Ask for a blank line before whatever comes next (several asks make one
 * blank line; none is put at the very top). */
static void
blank(text_ctx *c, const char *prefix)
{
	c->blank_pending = true;
	ms_buf_reset(&c->blank_prefix);
	ms_buf_puts(&c->blank_prefix, prefix);
}

static void
put_line_u(text_ctx *c, const char *prefix, int32_t start, int32_t end)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t n = 0;
	size_t room = (size_t)(end - start) * 3 + 1;

	ms_buf_reset(&c->line);
	ms_buf_grow(&c->line, room);
	u_strToUTF8(c->line.ptr, (int32_t)room, &n, c->u + start, end - start,
	            &err);
	if (U_FAILURE(err)) {
		fail(c, MS_ERR_ICU, "u_strToUTF8", err);
		return;
	}
	c->line.len = (size_t)n;
	c->line.ptr[n] = '\0';
	put_line(c, prefix, c->line.ptr);
}

/* ------------------------------------------------------------ wrapping */

typedef struct wrapper {
	text_ctx *c;
	const char *first, *rest;  /* prefixes */
	int wfirst, wrest;         /* their widths */
	int lineno;
	int widest;                /* widest line put, prefix excluded */
} wrapper;

static int
room_for(const wrapper *w)
{
	int room = w->c->width - (w->lineno ? w->wrest : w->wfirst);
	return room > 0 ? room : 1;
}

static void
wrap_put(wrapper *w, int32_t start, int32_t end)
{
	int lw = width_u(w->c->u, start, end);
	put_line_u(w->c, w->lineno ? w->rest : w->first, start, end);
	if (lw > w->widest)
		w->widest = lw;
	w->lineno++;
}

static int32_t
trim_end(const UChar *u, int32_t start, int32_t end)
{
	while (end > start) {
		int32_t i = end;
		UChar32 ch;
		U16_PREV(u, start, i, ch);
		if (!is_blank(ch))
			break;
		end = i;
	}
	return end;
}

/* True when a break at B would split a word in two: both sides are
 * letters or digits.  Used for Korean, which breaks at spaces. */
static bool
inside_word(const UChar *u, int32_t len, int32_t b)
{
	UChar32 before, after;
	int32_t i = b;
	if (b <= 0 || b >= len)
		return false;
	U16_PREV(u, 0, i, before);
	i = b;
	U16_NEXT(u, i, len, after);
	return is_letter(before) && is_letter(after);
}

/* Append TEXT (UTF-8) wrapped to the context's width: the first line
 * starts with FIRST, the others with REST.  Line feeds in TEXT are hard
 * breaks.  Returns the width of the widest line (prefix excluded). */
static int
wrap(text_ctx *c, const char *text, const char *first, const char *rest)
{
	wrapper w = { c, first, rest, width_utf8(first), width_utf8(rest), 0, 0 };
	UErrorCode err = U_ZERO_ERROR;
	size_t n8 = strlen(text);
	int32_t len = 0, ls = 0, le = 0, prev, b;
	int line_w = 0;
	bool chars_set = false;

	if (c->status != MS_OK || n8 == 0)
		return 0;
	if (n8 >= (size_t)INT32_MAX / 2) {
		fail(c, MS_ERR_UNSUPPORTED, "wrapping", U_BUFFER_OVERFLOW_ERROR);
		return 0;
	}
	if (c->ucap < n8 + 1) {
		c->ucap = n8 + 1;
		c->u = ms_xrealloc(c->u, c->ucap * sizeof *c->u);
	}
	/* UTF-16 never needs more units than UTF-8 needs bytes. */
	u_strFromUTF8WithSub(c->u, (int32_t)c->ucap, &len, text, (int32_t)n8,
	                     0xfffd, NULL, &err);
	if (U_SUCCESS(err))
		ubrk_setText(c->lines, c->u, len, &err);
	if (U_FAILURE(err)) {
		fail(c, MS_ERR_ICU, "line breaking", err);
		return 0;
	}

	prev = ubrk_first(c->lines);
	for (b = ubrk_next(c->lines); b != UBRK_DONE; b = ubrk_next(c->lines)) {
		int rule = ubrk_getRuleStatus(c->lines);
		bool hard = rule >= UBRK_LINE_HARD && rule < UBRK_LINE_HARD_LIMIT;
		int32_t seg_end, q;
		int seg_w, tail_w;

		if (!hard && c->keep_all && inside_word(c->u, len, b))
			continue;
		seg_end = trim_end(c->u, prev, b);
		seg_w = width_u(c->u, prev, seg_end);
		tail_w = width_u(c->u, seg_end, b);

		if (le > ls && line_w + seg_w > room_for(&w)) {
			wrap_put(&w, ls, le);
			ls = le = prev;
			line_w = 0;
		}
		if (le == ls && seg_w > room_for(&w)) {
			/* Wider than a whole line: cut between clusters. */
			if (!chars_set) {
				ubrk_setText(c->chars, c->u, len, &err);
				if (U_FAILURE(err)) {
					fail(c, MS_ERR_ICU, "character breaking", err);
					return w.widest;
				}
				chars_set = true;
			}
			ls = prev;
			line_w = 0;
			for (int32_t p = prev; p < seg_end; p = q) {
				int cw;
				q = ubrk_following(c->chars, p);
				if (q == UBRK_DONE || q > seg_end)
					q = seg_end;
				cw = width_u(c->u, p, q);
				if (p > ls && line_w + cw > room_for(&w)) {
					wrap_put(&w, ls, p);
					ls = p;
					line_w = 0;
				}
				line_w += cw;
			}
			le = seg_end;
			line_w += tail_w;
		} else {
			if (le == ls) {
				/* An empty line starts at this word: blanks
				 * before it are dropped. */
				ls = le = prev;
				line_w = 0;
			}
			if (seg_end > prev)
				le = seg_end;
			line_w += seg_w + tail_w;
		}
		prev = b;
		if (hard && b < len) {
			wrap_put(&w, ls, le);
			ls = le = b;
			line_w = 0;
		}
	}
	if (le > ls)
		wrap_put(&w, ls, le);
	return w.widest;
}

/* ------------------------------------------------------------ inlines */

/* Append S with tabs and line ends turned into spaces. */
static void
put_flat(ms_buf *b, const char *s)
{
	if (!s)
		return;
	for (; *s; s++)
		ms_buf_putc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static void
inline_text(const ms_inline *in, ms_buf *b)
{
	for (; in; in = in->next) {
		size_t start;
		switch (in->type) {
		case MS_INLINE_TEXT:
		case MS_INLINE_CODE:
			put_flat(b, in->text);
			break;
		case MS_INLINE_SOFTBREAK:
			ms_buf_putc(b, ' ');
			break;
		case MS_INLINE_LINEBREAK:
			ms_buf_putc(b, '\n');
			break;
		case MS_INLINE_HTML:
			break;
		case MS_INLINE_LINK:
			start = b->len;
			inline_text(in->children, b);
			if (!in->url || !*in->url)
				break;
			if (b->len == start) {
				put_flat(b, in->url);
			} else if (strcmp(b->ptr + start, in->url) != 0
			           && !(strncmp(in->url, "mailto:", 7) == 0
			                && strcmp(b->ptr + start, in->url + 7) == 0)) {
				ms_buf_puts(b, " <");
				put_flat(b, in->url);
				ms_buf_putc(b, '>');
			}
			break;
		default:  /* emphasis, strong, sup, sub, underline, … */
			inline_text(in->children, b);
			break;
		}
	}
}

/* The plain text of T, without blanks at either end, into B (reset). */
static const char *
text_of(const ms_text *t, ms_buf *b)
{
	size_t lead = 0;
	ms_buf_reset(b);
	if (t->inlines)
		inline_text(t->inlines, b);
	else
		put_flat(b, t->src);
	while (b->len && (b->ptr[b->len - 1] == ' ' || b->ptr[b->len - 1] == '\n'))
		ms_buf_truncate(b, b->len - 1);
	while (lead < b->len && (b->ptr[lead] == ' ' || b->ptr[lead] == '\n'))
		lead++;
	return b->ptr + lead;
}

/* ------------------------------------------------------------ blocks */

static void render_blocks(text_ctx *c, const ms_block *b, const char *p1,
                          const char *p2, bool tight);
static void render_block(text_ctx *c, const ms_block *b, const char *p1,
                         const char *p2);

static void
spaces(ms_buf *b, int n)
{
	for (; n > 0; n--)
		ms_buf_putc(b, ' ');
}


static void
put_rule(text_ctx *c, const char *prefix, int ch, int n)
{
	line_start(c, prefix);
	for (int i = 0; i < n; i++)
		ms_buf_putc(&c->out, ch);
	ms_buf_putc(&c->out, '\n');
}

static void
render_list(text_ctx *c, const ms_block *list, const char *p1, const char *p2)
{
	ms_buf first = MS_BUF_INIT, rest = MS_BUF_INIT, marker = MS_BUF_INIT;
	int n = list->start, items = 0, mark_w = 2;
	bool top = true;

	/* Numbers line up: "9.  " and "10. " take the same room. */
	for (const ms_block *item = list->children; item; item = item->next)
		items++;
	if (list->ordered && items) {
		ms_buf_printf(&marker, "%d. ", n);
		mark_w = (int)marker.len;
		ms_buf_reset(&marker);
		ms_buf_printf(&marker, "%d. ", n + items - 1);
		if ((int)marker.len > mark_w)
			mark_w = (int)marker.len;
	}
	ms_buf_puts(&rest, p2);
	spaces(&rest, mark_w);

	for (const ms_block *item = list->children; item; item = item->next) {
		ms_buf_reset(&marker);
		if (list->ordered)
			ms_buf_printf(&marker, "%d.", n++);
		else
			ms_buf_puts(&marker, "-");
		ms_buf_reset(&first);
		ms_buf_puts(&first, top ? p1 : p2);
		ms_buf_puts(&first, marker.ptr);
		spaces(&first, mark_w - (int)marker.len);
		if (!top && !list->tight)
			blank(c, p2);
		if (item->type != MS_BLOCK_ITEM)
			render_block(c, item, first.ptr, rest.ptr);
		else if (item->children)
			render_blocks(c, item->children, first.ptr, rest.ptr,
			              list->tight);
		else
			put_line(c, first.ptr, "");
		top = false;
	}
	ms_buf_release(&first);
	ms_buf_release(&rest);
	ms_buf_release(&marker);
}

static void
render_block(text_ctx *c, const ms_block *b, const char *p1, const char *p2)
{
	ms_buf text = MS_BUF_INIT, q1 = MS_BUF_INIT, q2 = MS_BUF_INIT;
	int w;

	switch (b->type) {
	case MS_BLOCK_PARAGRAPH:
		inline_text(b->inlines, &text);
		wrap(c, text.ptr, p1, p2);
		break;
	case MS_BLOCK_HEADING:
		inline_text(b->inlines, &text);
		w = wrap(c, text.ptr, p1, p2);
		if (w > 0 && (b->level == 1 || b->level == 2))
			put_rule(c, p2, b->level == 1 ? '=' : '-', w);
		break;
	case MS_BLOCK_LIST:
		render_list(c, b, p1, p2);
		break;
	case MS_BLOCK_QUOTE:
		ms_buf_printf(&q1, "%s> ", p1);
		ms_buf_printf(&q2, "%s> ", p2);
		render_blocks(c, b->children, q1.ptr, q2.ptr, false);
		break;
	case MS_BLOCK_BREAK:
		put_line(c, p1, "* * *");
		break;
	default:  /* items out of place, or kinds newer than this writer */
		if (b->children) {
			render_blocks(c, b->children, p1, p2, false);
		} else {
			inline_text(b->inlines, &text);
			wrap(c, text.ptr, p1, p2);
		}
		break;
	}
	ms_buf_release(&text);
	ms_buf_release(&q1);
	ms_buf_release(&q2);
}

static void
render_blocks(text_ctx *c, const ms_block *b, const char *p1, const char *p2,
              bool tight)
{
	for (bool top = true; b; b = b->next, top = false) {
		if (!top && !tight)
			blank(c, p2);
		render_block(c, b, top ? p1 : p2, p2);
	}
}

/* ------------------------------------------------------------ the letter */

static const char *
label(const char *l, const char *fallback)
{
	return l && *l ? l : fallback;
}

/* Append S to B, after a space unless B is empty; nothing when S is. */
static void
join(ms_buf *b, const char *s)
{
	if (!*s)
		return;
	if (b->len)
		ms_buf_putc(b, ' ');
	ms_buf_puts(b, s);
}

/* Format a date the way ISO 8601 does, for letters not localised. */
static void
iso_date(ms_buf *b, const ms_date *d)
{
	if (d->year)
		ms_buf_printf(b, "%04d-%02d-%02d", d->year, d->month, d->day);
}

/* Wrap S as the next line of an address block: the block's first line
 * starts with *FIRST ("CC. "), the others with REST. */
static void
block_line(text_ctx *c, const char *s, const char **first, const char *rest)
{
	if (!*s)
		return;
	wrap(c, s, *first, rest);
	*first = rest;
}

/* "Fax: …" for each line of L. */
static void
block_lines(text_ctx *c, const ms_line *l, const char *lab,
            const char **first, const char *rest)
{
	ms_buf tmp = MS_BUF_INIT, line = MS_BUF_INIT;
	for (; l; l = l->next) {
		const char *s = text_of(&l->text, &tmp);
		if (!*s)
			continue;
		ms_buf_reset(&line);
		join(&line, lab);
		join(&line, s);
		block_line(c, line.ptr, first, rest);
	}
	ms_buf_release(&tmp);
	ms_buf_release(&line);
}

/* One addressee: its first line starts with FIRST (e.g. "CC. "), the
 * rest of the block with REST. */
static void
render_person(text_ctx *c, const ms_letter *l, const ms_locale *loc,
              const ms_recipient *r, const char *first, const char *rest,
              bool cc)
{
	ms_buf tmp = MS_BUF_INIT, line = MS_BUF_INIT;
	bool title_first = loc->name_after_title;

	/* The name line: "title name suffix" in Korean order and for copies;
	 * otherwise the name alone, with the title on the next line. */
	if (title_first || cc) {
		join(&line, text_of(&r->title, &tmp));
		join(&line, text_of(&r->name, &tmp));
		if (title_first && loc->recipient_suffix)
			join(&line, loc->recipient_suffix);
		block_line(c, line.ptr, &first, rest);
	} else {
		block_line(c, text_of(&r->name, &tmp), &first, rest);
		block_line(c, text_of(&r->title, &tmp), &first, rest);
	}
	block_line(c, text_of(&r->organisation, &tmp), &first, rest);
	for (const ms_line *a = r->address; a; a = a->next)
		block_line(c, text_of(&a->text, &tmp), &first, rest);
	block_lines(c, r->fax, label(l->labels.fax, "Fax:"), &first, rest);
	block_lines(c, r->email, label(l->labels.email, "E-mail:"), &first,
	            rest);
	ms_buf_release(&tmp);
	ms_buf_release(&line);
}

static void
render_header(text_ctx *c, const ms_letter *l, const ms_locale *loc)
{
	ms_buf s = MS_BUF_INIT, indent = MS_BUF_INIT, first = MS_BUF_INIT;
	const char *subject;

	if (loc->draft) {
		ms_buf_printf(&s, "[%s]", label(l->labels.draft, "DRAFT"));
		put_line(c, "", s.ptr);
		blank(c, "");
	}

	ms_buf_reset(&s);
	if (l->date_text && *l->date_text)
		ms_buf_puts(&s, l->date_text);
	else
		iso_date(&s, &l->date);
	if (s.len) {
		if (loc->date_align && strcmp(loc->date_align, "right") == 0)
			spaces(&indent, c->width - width_utf8(s.ptr));
		wrap(c, s.ptr, indent.ptr, indent.ptr);
		blank(c, "");
	}

	for (const ms_recipient *r = l->recipients; r; r = r->next) {
		render_person(c, l, loc, r, "", "", false);
		blank(c, "");
	}

	if (l->cc) {
		const char *cc = label(l->labels.cc, "CC.");
		ms_buf_reset(&indent);
		spaces(&indent, width_utf8(cc) + 1);
		ms_buf_printf(&first, "%s ", cc);
		for (const ms_recipient *r = l->cc; r; r = r->next) {
			render_person(c, l, loc, r,
			              r == l->cc ? first.ptr : indent.ptr,
			              indent.ptr, true);
			blank(c, "");
		}
	}

	subject = text_of(&l->subject, &s);
	if (*subject) {
		const char *re = label(l->labels.subject, "Re:");
		ms_buf_reset(&first);
		ms_buf_printf(&first, "%s ", re);
		ms_buf_reset(&indent);
		spaces(&indent, width_utf8(re) + 1);
		wrap(c, subject, first.ptr, indent.ptr);
		blank(c, "");
	}
	ms_buf_release(&s);
	ms_buf_release(&indent);
	ms_buf_release(&first);
}

static void
render_signatories(text_ctx *c, const ms_signatory *s,
                   const char *heading, bool with_affiliation)
{
	ms_buf line = MS_BUF_INIT, tmp = MS_BUF_INIT;
	if (!s)
		return;
	blank(c, "");
	wrap(c, heading, "", "");
	for (; s; s = s->next) {
		ms_buf_reset(&line);
		join(&line, text_of(&s->name, &tmp));
		if (with_affiliation) {
			const char *aff = text_of(&s->affiliation, &tmp);
			if (*aff) {
				ms_buf_puts(&line, " / ");
				ms_buf_puts(&line, aff);
			}
		}
		wrap(c, line.ptr, "", "  ");
	}
	ms_buf_release(&line);
	ms_buf_release(&tmp);
}

static void
render_footer(text_ctx *c, const ms_letter *l)
{
	ms_buf s = MS_BUF_INIT, date = MS_BUF_INIT;
	const char *as_of, *mark;

	const char *closing = text_of(&l->closing, &s);
	if (*closing) {
		blank(c, "");
		wrap(c, closing, "", "");
	}
	if (!l->groups && !l->individuals) {
		ms_buf_release(&s);
		return;
	}

	ms_buf_reset(&s);
	ms_buf_puts(&s, label(l->labels.signatories, "Signatories"));
	if (l->as_of_text && *l->as_of_text)
		ms_buf_puts(&date, l->as_of_text);
	else
		iso_date(&date, &l->signed_as_of);
	if (date.len) {
		/* The label is translated: never use it as a format. */
		as_of = label(l->labels.as_of, "as of %s");
		mark = strstr(as_of, "%s");
		ms_buf_puts(&s, " (");
		if (mark) {
			ms_buf_put(&s, as_of, (size_t)(mark - as_of));
			ms_buf_puts(&s, date.ptr);
			ms_buf_puts(&s, mark + 2);
		} else {
			ms_buf_printf(&s, "%s %s", as_of, date.ptr);
		}
		ms_buf_putc(&s, ')');
	}
	blank(c, "");
	wrap(c, s.ptr, "", "");

	render_signatories(c, l->groups, label(l->labels.groups, "Groups"),
	                   false);
	render_signatories(c, l->individuals,
	                   label(l->labels.individuals, "Individuals"), true);
	ms_buf_release(&s);
	ms_buf_release(&date);
}

/* Drop blanks at line ends and leave exactly one newline at the end. */
static void
tidy(ms_buf *b)
{
	size_t r = 0, w = 0, spaces_at = 0;
	bool in_blanks = false;

	for (r = 0; r < b->len; r++) {
		char ch = b->ptr[r];
		if (ch == ' ' || ch == '\t') {
			if (!in_blanks)
				spaces_at = w;
			in_blanks = true;
		} else {
			if (ch == '\n' && in_blanks)
				w = spaces_at;
			in_blanks = false;
		}
		b->ptr[w++] = ch;
	}
	if (in_blanks)
		w = spaces_at;
	while (w > 0 && b->ptr[w - 1] == '\n')
		w--;
	ms_buf_truncate(b, w);
	ms_buf_putc(b, '\n');
}

static ms_status
text_render(const ms_letter *l, const ms_locale *locale, ms_output *out,
            ms_diag_handler *diag)
{
	ms_locale defaults;
	const ms_locale *loc = locale;
	text_ctx c;
	UErrorCode err = U_ZERO_ERROR;
	const char *lang;
	ms_buf body = MS_BUF_INIT;
	ms_status st;

	if (!l)
		return MS_ERR_USAGE;
	if (!loc) {
		memset(&defaults, 0, sizeof defaults);
		loc = &defaults;
	}
	memset(&c, 0, sizeof c);
	ms_buf_init(&c.out, 4096);
	ms_buf_init(&c.blank_prefix, 0);
	ms_buf_init(&c.line, 0);
	c.width = loc->text_width > 0 ? loc->text_width : DEFAULT_WIDTH;
	c.name = ms_output_name(out);
	c.diag = diag;
	lang = loc->lang && *loc->lang ? loc->lang
	       : l->lang && *l->lang ? l->lang : "en";
	c.keep_all = strncmp(lang, "ko", 2) == 0
	             && (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');

	c.lines = ubrk_open(UBRK_LINE, lang, NULL, 0, &err);
	if (U_SUCCESS(err))
		c.chars = ubrk_open(UBRK_CHARACTER, lang, NULL, 0, &err);
	if (U_FAILURE(err)) {
		ms_diag_emit(diag, MS_ERROR, NULL, c.name, 0, 0,
		             _("text: cannot open ICU break iterators for \"%s\": %s"),
		             lang, u_errorName(err));
		c.status = MS_ERR_ICU;
	} else {
		render_header(&c, l, loc);
		if (l->salutation.src || l->salutation.inlines) {
			const char *sal = text_of(&l->salutation, &body);
			if (*sal) {
				blank(&c, "");
				wrap(&c, sal, "", "");
			}
		}
		if (l->body) {
			blank(&c, "");
			render_blocks(&c, l->body, "", "", false);
		}
		render_footer(&c, l);
	}

	st = c.status;
	if (st == MS_OK) {
		tidy(&c.out);
		st = ms_output_write(out, c.out.ptr, c.out.len);
	}
	if (c.lines)
		ubrk_close(c.lines);
	if (c.chars)
		ubrk_close(c.chars);
	free(c.u);
	ms_buf_release(&c.out);
	ms_buf_release(&c.blank_prefix);
	ms_buf_release(&c.line);
	ms_buf_release(&body);
	return st;
}

static const char *const text_extensions[] = { "txt", NULL };

static const ms_plugin text_plugin = {
	MS_PLUGIN_ABI_MAJOR, MS_PLUGIN_ABI_MINOR, sizeof(ms_plugin),
	"text", "plain UTF-8 text for e-mail, wrapped by ICU line breaking",
	PACKAGE_VERSION, text_extensions, MS_CAP_REENTRANT, text_render, { NULL }
};

const ms_plugin *
missive_plugin_describe(void)
{
	return &text_plugin;
}

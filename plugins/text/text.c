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
 * The letter comes through the kit's iterator (missive-kit.h) in order; this file
 * knows only how text is laid out.  With keep-all line breaking
 * (ms_locale.line_break, Korean) a line ends only at a blank inside a
 * word that holds Hangul or Han, with what is attached to it (a bracket,
 * a middle dot, a particle after ")"), as CSS word-break: keep-all does,
 * since ICU would also break between Hangul syllables and before "(".  Choices the brief left open: numbered list markers are padded to the widest one
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

#include "missive-kit.h"

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
	bool keep_all;          /* no breaks between letters (keep-all) */
	bool blank_pending;     /* a blank line is owed before the next line */
	ms_buf blank_prefix;    /* what that blank line starts with ("> ") */
	UBreakIterator *lines;  /* line breaks for the letter's language */
	UBreakIterator *chars;  /* grapheme clusters, for cutting long words */
	UChar *u;               /* the paragraph being wrapped, in UTF-16 */
	size_t ucap;
	ms_buf line;            /* scratch for one output line */
	ms_buf inl;             /* the text of the inlines being gathered */
	ms_kit_frames frames;   /* per depth: prefixes of nested blocks */
	ms_kit_iter *it;        /* the letter's events */
	int32_t *urls;          /* the URLs of the paragraph being wrapped */
	size_t nurls, capurls;
	ms_kit_links links;     /* how a link's address is shown */
	ms_buf notes;           /* "[1] https://…" lines for the end */
	int nnotes;
	const char *name;       /* the output's name, for messages */
	const char *path;       /* the letter's, for located warnings */
	bool warned_depth;      /* said that content was nested too deep */
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

/* The word (run of non-blanks) a keep-all break falls in, cached: breaks
 * come in increasing order, so each word is scanned once. */
typedef struct kept_word {
	int32_t start, end;     /* [start, end), end < 0 before the first */
	bool kept;              /* holds a letter keep-all keeps together */
} kept_word;

/* True when a break at B falls inside a word that keep-all keeps whole:
 * one holding a Hangul or Han letter (ms_kit_keep_all_letter), with
 * whatever is attached to it ("공화국(북한)은", "인종·성별").  Such a
 * line ends only at a blank. */
static bool
inside_kept_word(kept_word *k, const UChar *u, int32_t len, int32_t b)
{
	UChar32 ch;
	int32_t i;
	if (b <= 0 || b >= len)
		return false;
	i = b;
	U16_PREV(u, 0, i, ch);
	if (is_blank(ch))
		return false;
	if (b < k->start || b >= k->end) {
		k->start = i;
		while (k->start > 0) {
			int32_t j = k->start;
			U16_PREV(u, 0, j, ch);
			if (is_blank(ch))
				break;
			k->start = j;
		}
		k->kept = false;
		for (k->end = k->start; k->end < len;) {
			int32_t j = k->end;
			U16_NEXT(u, j, len, ch);
			if (is_blank(ch))
				break;
			k->kept = k->kept || ms_kit_keep_all_letter((uint32_t)ch);
			k->end = j;
		}
	}
	return k->kept && b < k->end;
}

/* True when U[I..) starts a URL: a scheme of letters at the start of a
 * word, then "://", or "mailto:". */
static bool
url_at(const UChar *u, int32_t len, int32_t i)
{
	int32_t k = i;
	if (i > 0 && (u_isalnum(u[i - 1]) || u[i - 1] == '+' || u[i - 1] == '-'
	              || u[i - 1] == '.'))
		return false;
	while (k < len && k - i < 32 && ((u[k] >= 'a' && u[k] <= 'z')
	                                 || (u[k] >= 'A' && u[k] <= 'Z')))
		k++;
	if (k == i || k >= len || u[k] != ':')
		return false;
	if (k - i == 6 && u_strncasecmp(u + i, u"mailto", 6, 0) == 0)
		return true;
	return k + 2 < len && u[k + 1] == '/' && u[k + 2] == '/';
}

/* The end of the URL starting at I: the first blank or bracket. */
static int32_t
url_end(const UChar *u, int32_t len, int32_t i)
{
	while (i < len && !is_blank(u[i]) && u[i] != '<' && u[i] != '>'
	       && u[i] != '"')
		i++;
	return i;
}

/* Find the URLs of U[0..LEN) into c->urls (start, end pairs). */
static void
find_urls(text_ctx *c, const UChar *u, int32_t len)
{
	c->nurls = 0;
	for (int32_t i = 0; i < len; i++) {
		if (!url_at(u, len, i))
			continue;
		if (c->nurls == c->capurls) {
			c->capurls = c->capurls ? 2 * c->capurls : 8;
			c->urls = ms_xrealloc(c->urls, c->capurls * 2 * sizeof *c->urls);
		}
		c->urls[2 * c->nurls] = i;
		i = url_end(u, len, i);
		c->urls[2 * c->nurls + 1] = i;
		c->nurls++;
	}
}

/* True when [START, END) overlaps a URL. */
static bool
in_url(const text_ctx *c, int32_t start, int32_t end)
{
	for (size_t i = 0; i < c->nurls; i++)
		if (start < c->urls[2 * i + 1] && end > c->urls[2 * i])
			return true;
	return false;
}

/* True when a line break at B would cut a URL in two. */
static bool
cuts_url(const text_ctx *c, int32_t b)
{
	for (size_t i = 0; i < c->nurls; i++)
		if (c->urls[2 * i] < b && b < c->urls[2 * i + 1])
			return true;
	return false;
}

/* Append TEXT (UTF-8) wrapped to the context's width: the first line
 * starts with FIRST, the others with REST.  Line feeds in TEXT are hard
 * breaks.  A URL is never broken: a line may end only outside one, and
 * a URL wider than the line overflows it rather than being cut (a
 * reader must be able to copy it whole).  Returns the width of the
 * widest line (prefix excluded). */
static int
wrap(text_ctx *c, const char *text, const char *first, const char *rest)
{
	wrapper w = { c, first, rest, width_utf8(first), width_utf8(rest), 0, 0 };
	UErrorCode err = U_ZERO_ERROR;
	size_t n8 = strlen(text);
	int32_t len = 0, ls = 0, le = 0, prev, b;
	int line_w = 0;
	bool chars_set = false;
	kept_word kw = { 0, -1, false };

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

	find_urls(c, c->u, len);
	prev = ubrk_first(c->lines);
	for (b = ubrk_next(c->lines); b != UBRK_DONE; b = ubrk_next(c->lines)) {
		int rule = ubrk_getRuleStatus(c->lines);
		bool hard = rule >= UBRK_LINE_HARD && rule < UBRK_LINE_HARD_LIMIT;
		int32_t seg_end, q;
		int seg_w, tail_w;

		if (!hard && c->keep_all && inside_kept_word(&kw, c->u, len, b))
			continue;
		if (!hard && cuts_url(c, b))
			continue;
		seg_end = trim_end(c->u, prev, b);
		seg_w = width_u(c->u, prev, seg_end);
		tail_w = width_u(c->u, seg_end, b);

		if (le > ls && line_w + seg_w > room_for(&w)) {
			wrap_put(&w, ls, le);
			ls = le = prev;
			line_w = 0;
		}
		if (le == ls && seg_w > room_for(&w)
		    && !in_url(c, prev, seg_end)) {
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

/* An inline event: its text goes to c->inl.  A link's address follows
 * its words, in angle brackets, unless the words are the address. */
static void
put_inline(text_ctx *c, ms_kit_event ev, ms_kit_node *n)
{
	const ms_inline *in = n->inl;
	ms_buf *b = &c->inl;

	switch (in->type) {
	case MS_INLINE_TEXT:  /* with the language's quotation marks */
		put_flat(b, ms_kit_text(c->it, n));
		break;
	case MS_INLINE_CODE:
		put_flat(b, in->text);
		break;
	case MS_INLINE_SOFTBREAK:
		ms_buf_putc(b, ' ');
		break;
	case MS_INLINE_LINEBREAK:
		ms_buf_putc(b, '\n');
		break;
	case MS_INLINE_LINK:
		if (ev == MS_KIT_ENTER) {
			n->mark = b->len;
		} else if (in->url && *in->url) {
			if (b->len == n->mark) {
				put_flat(b, in->url);
			} else if (!ms_kit_link_shows_url(b->ptr + n->mark, in->url)
			           || c->links == MS_KIT_LINKS_HIDDEN) {
				break;
			} else if (c->links == MS_KIT_LINKS_FOOTNOTE) {
				/* "words[1]", and "[1] https://…" at the end */
				ms_buf_printf(b, "[%d]", ++c->nnotes);
				ms_buf_printf(&c->notes, "[%d] ", c->nnotes);
				put_flat(&c->notes, in->url);
				ms_buf_putc(&c->notes, '\n');
			} else {
				ms_buf_puts(b, " <");
				put_flat(b, in->url);
				ms_buf_putc(b, '>');
			}
		}
		break;
	default:  /* raw HTML is dropped; markup keeps only its words */
		break;
	}
}

/* The text gathered in c->inl since FROM, without blanks at either end
 * (the buffer is cut after it). */
static const char *
gathered(text_ctx *c, size_t from)
{
	ms_buf *b = &c->inl;
	while (b->len > from
	       && (b->ptr[b->len - 1] == ' ' || b->ptr[b->len - 1] == '\n'))
		ms_buf_truncate(b, b->len - 1);
	while (from < b->len && (b->ptr[from] == ' ' || b->ptr[from] == '\n'))
		from++;
	return b->ptr + from;
}

/* Append S to B, after a space unless B is empty; nothing when S is. */
static void
join(ms_buf *b, const char *s)
{
	if (!s || !*s)
		return;
	if (b->len)
		ms_buf_putc(b, ' ');
	ms_buf_puts(b, s);
}

static void
spaces(ms_buf *b, int n)
{
	for (; n > 0; n--)
		ms_buf_putc(b, ' ');
}

/* ------------------------------------------------------------ blocks */

/* What the blocks inside a container start their lines with: the first
 * line of the first block P1, every other line P2; TIGHT: no blank
 * line between them.  A list also keeps its marker width. */
typedef struct text_frame {
	ms_buf p1, p2;
	bool tight;
	int mark_w;
	bool empty;   /* an item that got no block yet */
} text_frame;

static text_frame *
frame_at(text_ctx *c, int depth)
{
	text_frame *f = ms_kit_frame(&c->frames, depth);
	if (!f->p1.ptr) {
		ms_buf_init(&f->p1, 0);
		ms_buf_init(&f->p2, 0);
	}
	return f;
}

static void
frame_set(text_frame *f, const char *p1, const char *p2, bool tight)
{
	ms_buf_reset(&f->p1);
	ms_buf_puts(&f->p1, p1);
	ms_buf_reset(&f->p2);
	ms_buf_puts(&f->p2, p2);
	f->tight = tight;
	f->empty = false;
}

static void
put_rule(text_ctx *c, const char *prefix, int ch, int n)
{
	line_start(c, prefix);
	for (int i = 0; i < n; i++)
		ms_buf_putc(&c->out, ch);
	ms_buf_putc(&c->out, '\n');
}

/* True when PREFIX, made ADD columns wider for a block nested one step
 * deeper, would take more than half the line: such content is set at the
 * deepest prefix that fits, with a warning (once per letter) at the
 * letter's line. */
static bool
too_deep(text_ctx *c, const ms_kit_node *n, const char *prefix, int add)
{
	if (width_utf8(prefix) + add <= c->width / 2)
		return false;
	if (!c->warned_depth)
		ms_diag_emit(c->diag, MS_WARNING, NULL, c->path, n->block->pos.line,
		             0, _("text: content nested too deep to indent further "
		                  "is set at the deepest indent that fits the line"));
	c->warned_depth = true;
	return true;
}

/* Entering block N: its own prefixes into F (the first line's in p1),
 * from the frame of the container it sits in. */
static void
block_enter(text_ctx *c, ms_kit_node *n)
{
	const ms_block *b = n->block;
	text_frame *f = frame_at(c, n->depth), *up = frame_at(c, n->depth - 1);
	bool top = n->index == 0;
	const ms_block *list = ms_kit_list_of(n);
	ms_buf first = MS_BUF_INIT, marker = MS_BUF_INIT, q1 = MS_BUF_INIT,
	       q2 = MS_BUF_INIT;
	int items = 0;

	up->empty = false;
	if (list) {
		/* An item: its marker, padded to the list's widest. */
		if (list->ordered)
			ms_buf_printf(&marker, "%ld.", n->number);
		else
			ms_buf_puts(&marker, "-");
		ms_buf_puts(&first, top ? up->p1.ptr : up->p2.ptr);
		ms_buf_puts(&first, marker.ptr);
		spaces(&first, up->mark_w - (int)marker.len);
		ms_buf_puts(&q2, up->p2.ptr);
		if (!too_deep(c, n, q2.ptr, up->mark_w))
			spaces(&q2, up->mark_w);
		if (!top && !list->tight)
			blank(c, up->p2.ptr);
		frame_set(f, first.ptr, q2.ptr, list->tight);
		f->empty = true;
		goto out;
	}
	if (!top && !up->tight)
		blank(c, up->p2.ptr);
	frame_set(f, top ? up->p1.ptr : up->p2.ptr, up->p2.ptr, false);
	switch (b->type) {
	case MS_BLOCK_PARAGRAPH:
	case MS_BLOCK_HEADING:
		ms_buf_reset(&c->inl);
		break;
	case MS_BLOCK_LIST:
		/* Numbers line up: "9.  " and "10. " take the same room. */
		f->mark_w = 2;
		for (const ms_block *item = b->children; item; item = item->next)
			items++;
		if (b->ordered && items) {
			ms_buf_printf(&marker, "%d. ", b->start);
			f->mark_w = (int)marker.len;
			ms_buf_reset(&marker);
			ms_buf_printf(&marker, "%d. ", b->start + items - 1);
			if ((int)marker.len > f->mark_w)
				f->mark_w = (int)marker.len;
		}
		break;
	case MS_BLOCK_QUOTE:
		if (too_deep(c, n, f->p2.ptr, 2))
			break;
		ms_buf_printf(&q1, "%s> ", f->p1.ptr);
		ms_buf_printf(&q2, "%s> ", f->p2.ptr);
		frame_set(f, q1.ptr, q2.ptr, false);
		break;
	case MS_BLOCK_BREAK:
		put_line(c, f->p1.ptr, "* * *");
		break;
	default:  /* items out of place, or kinds newer than this writer */
		ms_buf_reset(&c->inl);
		break;
	}
out:
	ms_buf_release(&first);
	ms_buf_release(&marker);
	ms_buf_release(&q1);
	ms_buf_release(&q2);
}

static void
block_exit(text_ctx *c, const ms_kit_node *n)
{
	const ms_block *b = n->block;
	text_frame *f = frame_at(c, n->depth);
	int w;

	switch (b->type) {
	case MS_BLOCK_PARAGRAPH:
		wrap(c, c->inl.ptr, f->p1.ptr, f->p2.ptr);
		break;
	case MS_BLOCK_HEADING:
		w = wrap(c, c->inl.ptr, f->p1.ptr, f->p2.ptr);
		if (w > 0 && (b->level == 1 || b->level == 2))
			put_rule(c, f->p2.ptr, b->level == 1 ? '=' : '-', w);
		break;
	case MS_BLOCK_ITEM:
		if (f->empty)  /* an item with nothing in it: its marker */
			put_line(c, f->p1.ptr, "");
		break;
	case MS_BLOCK_LIST:
	case MS_BLOCK_QUOTE:
	case MS_BLOCK_BREAK:
		break;
	default:
		if (!b->children)
			wrap(c, c->inl.ptr, f->p1.ptr, f->p2.ptr);
		break;
	}
}

/* ------------------------------------------------------------ the letter */

static void
render(text_ctx *c, const ms_letter *l, const ms_locale *loc)
{
	ms_kit_iter *it = c->it = ms_kit_iter_new(l, loc, 0);
	ms_buf s = MS_BUF_INIT, indent = MS_BUF_INIT, line = MS_BUF_INIT;
	const char *first = "", *t;
	ms_kit_node *n;
	ms_kit_event ev;

	while ((ev = ms_kit_iter_next(it, &n)) != MS_KIT_DONE) {
		bool enter = ev == MS_KIT_ENTER;
		switch (n->part) {
		case MS_KIT_DRAFT:
		case MS_KIT_SPECIMEN:
			ms_buf_reset(&s);
			ms_buf_printf(&s, "[%s]", n->text);
			put_line(c, "", s.ptr);
			blank(c, "");
			break;
		case MS_KIT_NOTICE:
			wrap(c, n->text, "", "");
			blank(c, "");
			break;
		case MS_KIT_DATE:
			ms_buf_reset(&indent);
			if (loc->date_align && strcmp(loc->date_align, "right") == 0)
				spaces(&indent, c->width - width_utf8(n->text));
			wrap(c, n->text, indent.ptr, indent.ptr);
			blank(c, "");
			break;
		case MS_KIT_ADDRESSEES:
			ms_buf_reset(&indent);
			break;
		case MS_KIT_COPIES:
			/* "CC. " starts the first copy; every other line of the
			 * copies is indented as far. */
			ms_buf_reset(&indent);
			if (n->text)
				spaces(&indent, width_utf8(n->text) + 1);
			break;
		case MS_KIT_RECIPIENT:
			if (!enter) {
				blank(c, "");
				break;
			}
			ms_buf_reset(&s);
			if (n->parent->part == MS_KIT_COPIES && n->index == 0
			    && n->parent->text)
				ms_buf_printf(&s, "%s ", n->parent->text);
			else
				ms_buf_puts(&s, indent.ptr);
			first = s.ptr;
			break;
		case MS_KIT_LINE:
			/* The block's first line starts with FIRST, the others
			 * with the indent. */
			if (enter) {
				ms_buf_reset(&line);
			} else if (line.len) {
				wrap(c, line.ptr, first, indent.ptr);
				first = indent.ptr;
			}
			break;
		case MS_KIT_SIGNATORY:
			if (enter)
				ms_buf_reset(&line);
			else
				wrap(c, line.ptr, "", "  ");
			break;
		case MS_KIT_FIELD:
			if (n->leaf) {
				join(&line, n->text);
			} else if (enter) {
				ms_buf_reset(&c->inl);
			} else if (n->role == MS_KIT_AFFILIATION) {
				ms_buf_puts(&line, " / ");
				ms_buf_puts(&line, gathered(c, 0));
			} else {
				join(&line, gathered(c, 0));
			}
			break;
		case MS_KIT_SUBJECT:
		case MS_KIT_SALUTATION:
		case MS_KIT_CLOSING:
			if (enter) {
				ms_buf_reset(&c->inl);
				break;
			}
			t = gathered(c, 0);
			if (!*t)
				break;
			ms_buf_reset(&s);
			ms_buf_reset(&indent);
			if (n->text) {   /* "Re: " */
				ms_buf_printf(&s, "%s ", n->text);
				spaces(&indent, width_utf8(n->text) + 1);
			}
			if (n->part != MS_KIT_SUBJECT)
				blank(c, "");
			wrap(c, t, s.ptr, indent.ptr);
			if (n->part == MS_KIT_SUBJECT)
				blank(c, "");
			break;
		case MS_KIT_BODY:
			if (enter) {
				blank(c, "");
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
		case MS_KIT_SIGNATORY_LIST:
			if (enter) {
				blank(c, "");
				if (n->text)
					wrap(c, n->text, "", "");
			}
			break;
		case MS_KIT_LETTER:
			break;
		}
	}
	ms_kit_iter_free(it);
	/* the addresses of the links, numbered, after everything else */
	for (char *p = c->notes.ptr, *nl; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		*nl = '\0';
		if (p == c->notes.ptr)
			blank(c, "");
		wrap(c, p, "", "    ");
	}
	ms_buf_release(&s);
	ms_buf_release(&indent);
	ms_buf_release(&line);
}

/* Drop what a terminal would obey rather than show: C0 controls but line
 * feed and tab, DEL and C1 controls (ESC and CSI start escape sequences
 * that could rewrite the screen of whoever prints the file); bytes that
 * are not UTF-8 become U+FFFD. */
static void
strip_controls(ms_buf *b)
{
	ms_buf clean = MS_BUF_INIT;
	size_t i = 0;

	ms_buf_grow(&clean, b->len);
	while (i < b->len) {
		uint32_t c;
		size_t n = ms_utf8_decode(b->ptr + i, b->len - i, &c);
		if (c == UINT32_MAX)
			ms_buf_puts(&clean, "\xef\xbf\xbd");
		else if (!((c < 0x20 && c != '\n' && c != '\t')
		           || (c >= 0x7f && c <= 0x9f)))
			ms_buf_put(&clean, b->ptr + i, n);
		i += n;
	}
	ms_buf_release(b);
	*b = clean;
}

/* Drop controls, blanks at line ends, and leave exactly one newline at
 * the end. */
static void
tidy(ms_buf *b)
{
	size_t r = 0, w = 0, spaces_at = 0;
	bool in_blanks = false;

	strip_controls(b);
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
	ms_buf_init(&c.inl, 0);
	ms_buf_init(&c.notes, 0);
	c.links = ms_kit_paper_links(loc);
	c.width = loc->text_width > 0 ? loc->text_width : DEFAULT_WIDTH;
	c.name = ms_output_name(out);
	c.path = l->path;
	c.diag = diag;
	c.frames.size = sizeof(text_frame);
	lang = ms_kit_lang(l, loc);
	if (!lang)
		lang = "en";
	c.keep_all = ms_kit_keep_all(loc);

	c.lines = ubrk_open(UBRK_LINE, lang, NULL, 0, &err);
	if (U_SUCCESS(err))
		c.chars = ubrk_open(UBRK_CHARACTER, lang, NULL, 0, &err);
	if (U_FAILURE(err)) {
		ms_diag_emit(diag, MS_ERROR, NULL, c.name, 0, 0,
		             _("text: cannot open ICU break iterators for \"%s\": %s"),
		             lang, u_errorName(err));
		c.status = MS_ERR_ICU;
	} else {
		render(&c, l, loc);
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
	for (size_t i = 0; i < c.frames.n; i++) {
		text_frame *f = (text_frame *)c.frames.v + i;
		if (f->p1.ptr) {
			ms_buf_release(&f->p1);
			ms_buf_release(&f->p2);
		}
	}
	ms_kit_frames_release(&c.frames);
	ms_buf_release(&c.out);
	ms_buf_release(&c.blank_prefix);
	ms_buf_release(&c.line);
	ms_buf_release(&c.inl);
	ms_buf_release(&c.notes);
	free(c.urls);
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

/* kit.c — the writer kit: an iterator over a localised letter and the
 * helpers every writer shares (see missive-kit.h). */
#include "internal.h"
#include "layout.h"
#include "missive-kit.h"
#include "profile.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* ------------------------------------------------------------ helpers */

const char *
ms_kit_nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char *
ms_kit_plain(const ms_text *t, ms_buf *b)
{
	size_t lead = 0;

	ms_buf_reset(b);
	if (t->inlines)
		ms_inline_plain(t->inlines, b);
	else if (t->src)
		ms_buf_puts(b, t->src);
	while (b->len && is_blank(b->ptr[b->len - 1]))
		ms_buf_truncate(b, b->len - 1);
	while (lead < b->len && is_blank(b->ptr[lead]))
		lead++;
	return b->ptr + lead;
}

bool
ms_kit_text_empty(const ms_text *t)
{
	ms_buf b = MS_BUF_INIT;
	bool empty = *ms_kit_plain(t, &b) == '\0';
	ms_buf_release(&b);
	return empty;
}

static bool
date_valid(const ms_date *d)
{
	return d->year > 0 && d->year <= 9999 && d->month >= 1 && d->month <= 12
	       && d->day >= 1 && d->day <= 31;
}

bool
ms_kit_iso_date(const ms_date *d, ms_buf *b)
{
	if (!date_valid(d))
		return false;
	ms_buf_printf(b, "%04d-%02d-%02d", d->year, d->month, d->day);
	return true;
}

const char *
ms_kit_date_text(const char *localised, const ms_date *d, ms_buf *b)
{
	ms_buf_reset(b);
	if (ms_kit_nonempty(localised))
		return localised;
	ms_kit_iso_date(d, b);
	return b->ptr;
}

size_t
ms_kit_fill(ms_buf *b, const char *label, const char *value)
{
	const char *mark = strstr(label, "%s");
	size_t at;

	if (mark) {
		ms_buf_put(b, label, (size_t)(mark - label));
		at = b->len;
		ms_buf_puts(b, value);
		ms_buf_puts(b, mark + 2);
	} else {
		ms_buf_puts(b, label);
		ms_buf_putc(b, ' ');
		at = b->len;
		ms_buf_puts(b, value);
	}
	return at;
}

/* ms_kit_page_piece's state: how many plain "%d" were read, and flags. */
enum {
	PAGE_COUNT = 0xff,
	PAGE_STARTED = 1 << 8,
	PAGE_USED = 1 << 9,      /* a number was given */
	PAGE_TAIL = 1 << 10,     /* reading the " %d / %d" added at the end */
};

int
ms_kit_page_piece(const char **cursor, int *state, const char **text,
                  size_t *len)
{
	static const char dflt[] = "%d / %d", tail[] = " %d / %d";
	const char *p = *cursor, *q;

	if (!(*state & PAGE_STARTED)) {
		*state |= PAGE_STARTED;
		if (!p || !*p)
			p = dflt;
	}
	if (!*p) {
		if (*state & (PAGE_USED | PAGE_TAIL))
			return 0;
		*state |= PAGE_TAIL;
		p = tail;
	}
	if (p[0] == '%' && p[1] == '%') {
		*text = p + 1;
		*len = 1;
		*cursor = p + 2;
		return 1;
	}
	if (p[0] == '%' && p[1] == 'd') {
		int n = *state & PAGE_COUNT;
		if (n < PAGE_COUNT)
			*state = (*state & ~PAGE_COUNT) | (n + 1);
		*state |= PAGE_USED;
		*cursor = p + 2;
		return n == 0 ? 2 : 3;
	}
	if (p[0] == '%' && (p[1] == '1' || p[1] == '2') && p[2] == '$'
	    && p[3] == 'd') {
		*state |= PAGE_USED;
		*cursor = p + 4;
		return p[1] == '1' ? 2 : 3;
	}
	for (q = p + 1; *q && *q != '%'; q++)
		;
	*text = p;
	*len = (size_t)(q - p);
	*cursor = q;
	return 1;
}

bool
ms_kit_url_live(const char *url)
{
	ms_buf clean = MS_BUF_INIT;
	bool live;

	if (!url)
		return false;
	ms_url_clean(url, &clean);
	live = clean.len && ms_url_safe(clean.ptr);
	ms_buf_release(&clean);
	return live;
}

bool
ms_kit_link_shows_url(const char *words, const char *url)
{
	if (!url || !*url)
		return false;
	if (!strcmp(words, url))
		return false;
	return !(strncmp(url, "mailto:", 7) == 0 && !strcmp(words, url + 7));
}

ms_kit_emphasis
ms_kit_emphasis_of(const ms_locale *loc)
{
	const char *e = loc ? loc->emphasis : NULL;
	if (e && !strcmp(e, "bold"))
		return MS_KIT_EMPH_BOLD;
	if (e && !strcmp(e, "dots"))
		return MS_KIT_EMPH_DOTS;
	return MS_KIT_EMPH_ITALIC;
}

ms_kit_links
ms_kit_paper_links(const ms_locale *loc)
{
	const char *m = loc ? loc->paper_links : NULL;
	if (m && !strcmp(m, "footnote"))
		return MS_KIT_LINKS_FOOTNOTE;
	if (m && !strcmp(m, "hidden"))
		return MS_KIT_LINKS_HIDDEN;
	return MS_KIT_LINKS_AFTER;
}

bool
ms_kit_keep_all(const ms_locale *loc)
{
	return loc && loc->line_break && !strcmp(loc->line_break, "keep-all");
}

bool
ms_kit_keep_all_letter(uint32_t c)
{
	if (c > 0x10ffff)
		return false;
	switch (u_getIntPropertyValue((UChar32)c, UCHAR_LINE_BREAK)) {
	case U_LB_IDEOGRAPHIC:
	case U_LB_H2:
	case U_LB_H3:
	case U_LB_JL:
	case U_LB_JV:
	case U_LB_JT:
		return true;
	default:
		return false;
	}
}

const char *
ms_kit_specimen(const ms_letter *l)
{
	return l && l->sample ? ms_letter_label(l, MS_LABEL_SPECIMEN) : NULL;
}

static void
blocks_plain(const ms_block *b, ms_buf *out)
{
	for (; b; b = b->next) {
		if (b->inlines) {
			if (out->len && out->ptr[out->len - 1] != ' ')
				ms_buf_putc(out, ' ');
			ms_inline_plain(b->inlines, out);
		}
		blocks_plain(b->children, out);
	}
}

const char *
ms_kit_note_plain(const ms_letter *l, int number, ms_buf *b)
{
	const ms_block *note = ms_letter_footnote(l, number);

	ms_buf_reset(b);
	if (note)
		blocks_plain(note->children, b);
	return b->ptr;
}

const char *
ms_kit_lang(const ms_letter *l, const ms_locale *loc)
{
	if (loc && ms_kit_nonempty(loc->lang))
		return loc->lang;
	return l ? ms_kit_nonempty(l->lang) : NULL;
}

/* ------------------------------------------------------------ frames */

void *
ms_kit_frame(ms_kit_frames *f, int depth)
{
	size_t want = depth > 0 ? (size_t)depth : 0;

	if (want >= f->n) {
		size_t n = want + 8;
		f->v = ms_xrealloc(f->v, n * f->size);
		memset((char *)f->v + f->n * f->size, 0, (n - f->n) * f->size);
		f->n = n;
	}
	return (char *)f->v + want * f->size;
}

void
ms_kit_frames_release(ms_kit_frames *f)
{
	free(f->v);
	f->v = NULL;
	f->n = 0;
}

const ms_block *
ms_kit_list_of(const ms_kit_node *n)
{
	if (n->part == MS_KIT_BLOCK && n->parent && n->parent->part == MS_KIT_BLOCK
	    && n->parent->block->type == MS_BLOCK_LIST)
		return n->parent->block;
	return NULL;
}

/* ------------------------------------------------------------ iterator */

/* One open node and where its children stand.  Frames are allocated one
 * by one (never moved), so a node's parent pointer stays valid. */
typedef struct frame {
	ms_kit_node node;
	struct frame *up;
	int step;                        /* the next kind of child to try */
	size_t children;                 /* children entered so far */
	const ms_block *blocks;          /* next child block */
	bool one_block;                  /* a stand-in item: one child only */
	const ms_inline *inlines;        /* next child inline */
	const ms_recipient *recipients;  /* next child recipient */
	const ms_line *lines;            /* next address, fax or e-mail line */
	const ms_signatory *signatories; /* next child signatory */
	const ms_signer *signers;        /* next child signer */
	const ms_layout_line *lline;     /* LINE: the layout's line, or NULL */
	bool skip;                       /* ms_kit_iter_skip was called */
	ms_inline source;                /* the one TEXT inline of a source-only text */
	ms_block item;                   /* a list child that is not an item */
	ms_buf buf;                      /* text made for this node */
} frame;

struct ms_kit_iter {
	const ms_letter *l;
	const ms_locale *loc;
	ms_locale neutral;
	unsigned flags;
	uint32_t prev;    /* the last character ms_kit_text gave, or 0 */
	bool single_open; /* it opened a single quotation mark */
	ms_buf text;      /* what it gave */
	bool started;
	frame *top;       /* the innermost open frame */
	frame *done;      /* a frame exited (or a leaf entered): dropped next */
	frame *spare;     /* frames to reuse, linked through up */
	/* The lines of the recipient or signer open (they never nest) as
	 * the language lays them out (core/layout.h), and its profile. */
	ms_layout lay;
	const ms_profile *prof;
	bool prof_looked;
};

/* The profile of the locale's language (data/lang), or NULL: the
 * layout patterns (layout.addressee, …) come from it. */
static const ms_profile *
profile_of(ms_kit_iter *it)
{
	if (!it->prof_looked) {
		it->prof_looked = true;
		it->prof = it->loc->profile;
		if (!it->prof && (!ms_kit_nonempty(it->loc->lang)
		    || ms_profiles_get(ms_profiles_default(), it->loc->lang,
		                       &it->prof, NULL) != MS_OK))
			it->prof = NULL;
	}
	return it->prof;
}

ms_kit_iter *
ms_kit_iter_new(const ms_letter *letter, const ms_locale *loc, unsigned flags)
{
	ms_kit_iter *it = ms_xcalloc(1, sizeof *it);
	ms_buf_init(&it->text, 0);
	ms_buf_init(&it->lay.store, 0);
	it->l = letter;
	it->loc = loc ? loc : &it->neutral;
	it->flags = flags;
	return it;
}

static void
frame_free_list(frame *f)
{
	while (f) {
		frame *up = f->up;
		ms_buf_release(&f->buf);
		free(f);
		f = up;
	}
}

void
ms_kit_iter_free(ms_kit_iter *it)
{
	if (!it)
		return;
	if (it->done && it->done == it->top)
		it->top = it->top->up;
	if (it->done)
		it->done->up = NULL;
	frame_free_list(it->done);
	frame_free_list(it->top);
	frame_free_list(it->spare);
	ms_buf_release(&it->text);
	ms_layout_release(&it->lay);
	free(it);
}

static frame *
frame_new(ms_kit_iter *it, frame *parent, ms_kit_part part)
{
	frame *f = it->spare;
	ms_buf buf;

	if (f) {
		it->spare = f->up;
		buf = f->buf;
		ms_buf_reset(&buf);
	} else {
		f = ms_xmalloc(sizeof *f);
		ms_buf_init(&buf, 0);
	}
	memset(f, 0, sizeof *f);
	f->buf = buf;
	f->node.part = part;
	f->up = parent;
	if (parent) {
		f->node.parent = &parent->node;
		f->node.depth = parent->node.depth + 1;
		f->node.index = parent->children++;
		f->node.recipient = parent->node.recipient;
		f->node.signatory = parent->node.signatory;
		f->node.sender = parent->node.sender;
		f->node.signer = parent->node.signer;
	}
	return f;
}

static bool
all(const ms_kit_iter *it)
{
	return (it->flags & MS_KIT_ALL) != 0;
}

/* Point F's inline children at T's inlines, or at one TEXT inline
 * holding T's source when it has none. */
static void
text_children(frame *f, const ms_text *t)
{
	f->node.ms = t;
	if (t->inlines) {
		f->inlines = t->inlines;
	} else if (t->src && *t->src) {
		f->source.type = MS_INLINE_TEXT;
		f->source.text = (char *)t->src;
		f->inlines = &f->source;
	}
}

static frame *
text_part(ms_kit_iter *it, frame *parent, ms_kit_part part, const ms_text *t,
          const char *label)
{
	frame *f;
	if (!all(it) && ms_kit_text_empty(t))
		return NULL;
	f = frame_new(it, parent, part);
	text_children(f, t);
	f->node.text = label;
	return f;
}

static frame *
block_frame(ms_kit_iter *it, frame *parent, const ms_block *b)
{
	frame *f = frame_new(it, parent, MS_KIT_BLOCK);
	const ms_block *list = ms_kit_list_of(&f->node);

	if (list) {
		f->node.number = (long)list->start + (long)f->node.index;
		if (b->type != MS_BLOCK_ITEM) {
			/* Not an item: this block alone is the item. */
			f->item.type = MS_BLOCK_ITEM;
			f->item.children = (ms_block *)b;
			f->node.block = &f->item;
			f->blocks = b;
			f->one_block = true;
			return f;
		}
	}
	f->node.block = b;
	switch (b->type) {
	case MS_BLOCK_PARAGRAPH:
	case MS_BLOCK_HEADING:
		f->inlines = b->inlines;
		break;
	case MS_BLOCK_BREAK:
		f->node.leaf = true;
		break;
	default:  /* lists, items, quotes, and kinds newer than the kit */
		if (b->children || b->type == MS_BLOCK_LIST
		    || b->type == MS_BLOCK_ITEM || b->type == MS_BLOCK_QUOTE)
			f->blocks = b->children;
		else
			f->inlines = b->inlines;
		break;
	}
	return f;
}

static frame *
inline_frame(ms_kit_iter *it, frame *parent, const ms_inline *in)
{
	frame *f = frame_new(it, parent, MS_KIT_INLINE);
	f->node.inl = in;
	switch (in->type) {
	case MS_INLINE_TEXT:
	case MS_INLINE_CODE:
	case MS_INLINE_SOFTBREAK:
	case MS_INLINE_LINEBREAK:
	case MS_INLINE_HTML:
	case MS_INLINE_FOOTNOTE:
		f->node.leaf = true;
		break;
	default:
		f->inlines = in->children;
		break;
	}
	return f;
}

static frame *
field(ms_kit_iter *it, frame *parent, ms_kit_role role, const ms_text *t)
{
	frame *f = frame_new(it, parent, MS_KIT_FIELD);
	f->node.role = role;
	text_children(f, t);
	return f;
}

static frame *
field_leaf(ms_kit_iter *it, frame *parent, ms_kit_role role, const char *s)
{
	frame *f = frame_new(it, parent, MS_KIT_FIELD);
	f->node.role = role;
	f->node.text = s;
	f->node.leaf = true;
	return f;
}

static frame *
line(ms_kit_iter *it, frame *parent, ms_kit_role role, const ms_text *t)
{
	frame *f;
	if (t && !all(it) && ms_kit_text_empty(t))
		return NULL;
	f = frame_new(it, parent, MS_KIT_LINE);
	f->node.role = role;
	f->node.ms = t;
	return f;
}

/* The signatories' heading: "Signatories (as of July 9, 2025)". */
static void
signatories_heading(ms_kit_iter *it, frame *f)
{
	const ms_letter *l = it->l;
	const char *label = ms_kit_nonempty(l->labels.signatories);
	const char *as_of = ms_kit_nonempty(l->labels.as_of);
	ms_buf date = MS_BUF_INIT;
	const char *d = ms_kit_date_text(l->as_of_text, &l->signed_as_of, &date);

	if (label)
		ms_buf_puts(&f->buf, label);
	if (*d && as_of) {
		if (f->buf.len)
			ms_buf_puts(&f->buf, " (");
		f->node.date_at = ms_kit_fill(&f->buf, as_of, d);
		f->node.date_len = strlen(d);
		if (label)
			ms_buf_putc(&f->buf, ')');
	}
	f->node.text = f->buf.len ? f->buf.ptr : NULL;
	f->node.date = &l->signed_as_of;
	ms_buf_release(&date);
}

/* The date line: the place of writing and the date as the language
 * puts them (layout.place-date: "Seoul, 28 October 2025"). */
static void
date_line(ms_kit_iter *it, frame *f)
{
	const ms_letter *l = it->l;
	ms_buf date = MS_BUF_INIT, place = MS_BUF_INIT;
	const char *d = ms_kit_date_text(l->date_text, &l->date, &date);
	const char *pl = ms_kit_plain(&l->place, &place);

	ms_layout_release(&it->lay);
	ms_layout_place_date(&it->lay, profile_of(it), *pl != '\0');
	ms_buf_reset(&f->buf);
	for (size_t i = 0; it->lay.n && i < it->lay.lines[0].n; i++) {
		const ms_piece *pc = &it->lay.lines[0].pieces[i];
		if (pc->field == MS_FIELD_PLACE)
			ms_buf_puts(&f->buf, pl);
		else if (pc->field == MS_FIELD_DATE)
			ms_buf_puts(&f->buf, d);
		else if (pc->field == MS_FIELD_TEXT)
			ms_buf_put(&f->buf, pc->text, pc->len);
	}
	if (!it->lay.n)
		ms_buf_puts(&f->buf, d);
	f->node.text = f->buf.ptr;
	ms_buf_release(&date);
	ms_buf_release(&place);
}

static size_t
count_lines(const ms_line *ln)
{
	size_t n = 0;
	for (; ln; ln = ln->next)
		n++;
	return n;
}

static frame *
signatories_part(ms_kit_iter *it, frame *p, bool annex)
{
	const ms_letter *l = it->l;
	frame *f;

	if (!(l->groups || l->individuals || all(it)))
		return NULL;
	f = frame_new(it, p, MS_KIT_SIGNATORIES);
	signatories_heading(it, f);
	if (annex) {
		f->node.role = MS_KIT_ANNEX;
		f->node.text_before = ms_kit_nonempty(
			ms_letter_label(l, MS_LABEL_ANNEX));
	}
	return f;
}

/* The next child of the letter, or NULL when there is none. */
static frame *
letter_child(ms_kit_iter *it, frame *p)
{
	const ms_letter *l = it->l;
	const ms_labels *lab = &l->labels;
	bool annex = l->signatories_annex && (l->groups || l->individuals);
	frame *f = NULL;

	while (!f && p->step < 17) {
		switch (p->step++) {
		case 0:
			if (it->loc->draft) {
				f = frame_new(it, p, MS_KIT_DRAFT);
				f->node.leaf = true;
				/* A draft is never unmarked: without a label it
				 * says so in English. */
				f->node.text = ms_kit_nonempty(lab->draft)
				               ? lab->draft : "DRAFT";
			}
			break;
		case 1:
			/* A sample letter is marked as one on every page. */
			if (l->sample) {
				f = frame_new(it, p, MS_KIT_SPECIMEN);
				f->node.leaf = true;
				f->node.text = ms_kit_specimen(l);
			}
			break;
		case 2:
			if (ms_kit_nonempty(it->loc->notice)) {
				f = frame_new(it, p, MS_KIT_NOTICE);
				f->node.leaf = true;
				f->node.text = it->loc->notice;
			}
			break;
		case 3:
			if (l->sender || all(it)) {
				f = frame_new(it, p, MS_KIT_LETTERHEAD);
				f->node.sender = l->sender;
				f->node.image = l->sender ? l->sender->logo : NULL;
			}
			break;
		case 4:
			if (ms_kit_nonempty(l->date_text) || date_valid(&l->date)) {
				f = frame_new(it, p, MS_KIT_DATE);
				f->node.leaf = true;
				f->node.date = &l->date;
				date_line(it, f);
			}
			break;
		case 5:
			if (all(it) || !ms_kit_text_empty(&l->our_ref)
			    || !ms_kit_text_empty(&l->your_ref))
				f = frame_new(it, p, MS_KIT_REFERENCES);
			break;
		case 6:
			if (l->recipients || all(it)) {
				f = frame_new(it, p, MS_KIT_ADDRESSEES);
				f->recipients = l->recipients;
			}
			break;
		case 7:
			if (l->cc || all(it)) {
				f = frame_new(it, p, MS_KIT_COPIES);
				f->recipients = l->cc;
				f->node.text = ms_kit_nonempty(lab->cc);
			}
			break;
		case 8:
			f = text_part(it, p, MS_KIT_SUBJECT, &l->subject,
			              ms_kit_nonempty(lab->subject));
			break;
		case 9:
			f = text_part(it, p, MS_KIT_SALUTATION, &l->salutation, NULL);
			break;
		case 10:
			if (l->body || all(it)) {
				f = frame_new(it, p, MS_KIT_BODY);
				f->blocks = l->body;
			}
			break;
		case 11:
			f = text_part(it, p, MS_KIT_CLOSING, &l->closing, NULL);
			break;
		case 12:
			if (l->signers || all(it)) {
				f = frame_new(it, p, MS_KIT_SIGNERS);
				f->signers = l->signers;
			}
			break;
		case 13:
			if (annex) {
				f = frame_new(it, p, MS_KIT_SEE_ANNEX);
				f->node.leaf = true;
				f->node.text = ms_letter_label(l, MS_LABEL_SEE_ANNEX);
			} else {
				f = signatories_part(it, p, false);
			}
			break;
		case 14:
			if (l->enclosures || all(it)) {
				f = frame_new(it, p, MS_KIT_ENCLOSURES);
				f->lines = l->enclosures;
				f->node.text = ms_kit_nonempty(ms_letter_label(l,
					count_lines(l->enclosures) == 1
					? MS_LABEL_ENCLOSURE : MS_LABEL_ENCLOSURES));
			}
			break;
		case 15:
			if (annex)
				f = signatories_part(it, p, true);
			break;
		case 16:
			if (l->footnotes || all(it)) {
				f = frame_new(it, p, MS_KIT_FOOTNOTES);
				f->blocks = l->footnotes;
				f->node.text = ms_kit_nonempty(
					ms_letter_label(l, MS_LABEL_NOTES));
			}
			break;
		}
	}
	return f;
}

static bool
sep_char(unsigned char c)
{
	return c == ' ' || c == ',' || c == ';' || c == ':' || c == '\t';
}

/* A LINE laid out by the language (LL: a recipient's or signer's): its
 * role is the one field it holds, else NAME_LINE. */
static frame *
layout_line(ms_kit_iter *it, frame *p, const ms_layout_line *ll)
{
	frame *f = frame_new(it, p, MS_KIT_LINE);
	ms_kit_role role = MS_KIT_NAME_LINE;
	size_t fields = 0, words = 0;

	for (size_t i = 0; i < ll->n; i++) {
		const ms_piece *pc = &ll->pieces[i];
		if (pc->field == MS_FIELD_TEXT) {
			for (size_t k = 0; k < pc->len; k++)
				if (!sep_char((unsigned char)pc->text[k]))
					words++;
			continue;
		}
		fields++;
		role = pc->field == MS_FIELD_NAME ? MS_KIT_NAME
		       : pc->field == MS_FIELD_TITLE ? MS_KIT_TITLE
		       : pc->field == MS_FIELD_ORGANISATION ? MS_KIT_ORGANISATION
		       : MS_KIT_NAME_LINE;
	}
	f->node.role = fields == 1 && !words ? role : MS_KIT_NAME_LINE;
	f->lline = ll;
	return f;
}

static frame *
recipient_child(ms_kit_iter *it, frame *p)
{
	const ms_recipient *r = p->node.recipient;
	frame *f = NULL;

	while (!f && p->step < 6) {
		switch (p->step) {
		case 0:
			/* the name and title lines, as the language lays them
			 * out (an office without a name as an office) */
			if (p->children < it->lay.n)
				f = layout_line(it, p, &it->lay.lines[p->children]);
			else
				p->step++;
			break;
		case 1:
			p->step++;
			break;
		case 2:
			p->step++;
			if (all(it) || ms_layout_organisation_shown(r))
				f = line(it, p, MS_KIT_ORGANISATION, &r->organisation);
			p->lines = r->address;
			break;
		case 3:
		case 4:
		case 5:
			if (!p->lines) {
				p->step++;
				p->lines = p->step == 4 ? r->fax
				           : p->step == 5 ? r->email : NULL;
				break;
			}
			f = line(it, p, p->step == 3 ? MS_KIT_ADDRESS
			         : p->step == 4 ? MS_KIT_FAX : MS_KIT_EMAIL,
			         &p->lines->text);
			p->lines = p->lines->next;
			break;
		}
	}
	return f;
}

static frame *
letterhead_child(ms_kit_iter *it, frame *p)
{
	const ms_sender *s = p->node.sender;
	static const ms_kit_role roles[] = {
		MS_KIT_ADDRESS, MS_KIT_PHONE, MS_KIT_FAX, MS_KIT_EMAIL, MS_KIT_WEB
	};
	frame *f = NULL;

	if (!s)
		return NULL;
	if (p->step == 0) {
		p->step++;
		p->lines = s->address;
		f = line(it, p, MS_KIT_ORGANISATION, &s->organisation);
	}
	while (!f && p->step <= 5) {
		if (!p->lines) {
			p->step++;
			p->lines = p->step == 2 ? s->phone : p->step == 3 ? s->fax
			           : p->step == 4 ? s->email : p->step == 5 ? s->web
			           : NULL;
			continue;
		}
		f = line(it, p, roles[p->step - 1], &p->lines->text);
		p->lines = p->lines->next;
	}
	return f;
}

/* F's separator: SEP (LEN bytes), kept in F's buffer; for a leaf, its
 * text (TLEN bytes) after it. */
static void
set_sep(frame *f, const char *sep, size_t len, const char *text, size_t tlen)
{
	ms_buf_reset(&f->buf);
	ms_buf_put(&f->buf, sep, len);
	ms_buf_putc(&f->buf, '\0');
	if (text) {
		ms_buf_put(&f->buf, text, tlen);
		f->node.text = f->buf.ptr + len + 1;
	}
	f->node.sep = f->buf.ptr;
}

/* The label of a labelled line ("Fax:", "Our ref.:"), or NULL. */
static const char *
line_label(const ms_letter *l, ms_kit_role role)
{
	switch (role) {
	case MS_KIT_FAX:
		return ms_kit_nonempty(l->labels.fax);
	case MS_KIT_EMAIL:
		return ms_kit_nonempty(l->labels.email);
	case MS_KIT_PHONE:
		return ms_kit_nonempty(ms_letter_label(l, MS_LABEL_PHONE));
	case MS_KIT_WEB:
		return ms_kit_nonempty(ms_letter_label(l, MS_LABEL_WEB));
	case MS_KIT_OUR_REF:
		return ms_kit_nonempty(ms_letter_label(l, MS_LABEL_OUR_REF));
	case MS_KIT_YOUR_REF:
		return ms_kit_nonempty(ms_letter_label(l, MS_LABEL_YOUR_REF));
	default:
		return NULL;
	}
}

/* The next piece of a laid-out line: a field with its text, the
 * courtesy, or a word of the pattern (an honorific); blanks and commas
 * between them become the next piece's separator, kept in P's buffer. */
static frame *
layout_child(ms_kit_iter *it, frame *p)
{
	const ms_layout_line *ll = p->lline;
	const ms_recipient *r = p->node.recipient;
	const ms_signer *g = p->node.signer;
	frame *f = NULL;

	while (!f && (size_t)p->step < ll->n) {
		const ms_piece *pc = &ll->pieces[p->step++];
		const ms_text *t = NULL;
		ms_kit_role role = MS_KIT_ROLE_NONE;

		switch (pc->field) {
		case MS_FIELD_TEXT: {
			size_t a = 0, b = pc->len, e;
			while (a < b && sep_char((unsigned char)pc->text[a]))
				a++;
			if (p->children)
				ms_buf_put(&p->buf, pc->text, a);
			if (a == b)
				continue;
			e = b;
			while (e > a && (pc->text[e - 1] == ' '
			                 || pc->text[e - 1] == '\t'))
				e--;
			f = frame_new(it, p, MS_KIT_FIELD);
			f->node.role = MS_KIT_HONORIFIC;
			f->node.leaf = true;
			set_sep(f, p->buf.ptr ? p->buf.ptr : "", p->buf.len,
			        pc->text + a, e - a);
			ms_buf_reset(&p->buf);
			ms_buf_put(&p->buf, pc->text + e, b - e);
			continue;
		}
		case MS_FIELD_COURTESY:
			f = frame_new(it, p, MS_KIT_FIELD);
			f->node.role = MS_KIT_COURTESY;
			f->node.leaf = true;
			set_sep(f, p->buf.ptr ? p->buf.ptr : "", p->buf.len,
			        pc->text, pc->len);
			ms_buf_reset(&p->buf);
			continue;
		case MS_FIELD_NAME:
			role = MS_KIT_NAME;
			t = r ? &r->name : g ? &g->name : NULL;
			break;
		case MS_FIELD_TITLE:
			role = MS_KIT_TITLE;
			t = r ? &r->title : g ? &g->title : NULL;
			break;
		case MS_FIELD_ORGANISATION:
			role = MS_KIT_ORGANISATION;
			t = r ? &r->organisation : g ? &g->organisation : NULL;
			break;
		default:
			break;
		}
		if (!t)
			continue;
		f = field(it, p, role, t);
		set_sep(f, p->buf.ptr ? p->buf.ptr : "", p->buf.len, NULL, 0);
		ms_buf_reset(&p->buf);
	}
	return f;
}

static frame *
line_child(ms_kit_iter *it, frame *p)
{
	const char *label;
	frame *f = NULL;

	if (p->lline)
		return layout_child(it, p);
	label = line_label(it->l, p->node.role);
	while (!f && p->step < 2) {
		switch (p->step++) {
		case 0:
			if (label) {
				f = field_leaf(it, p, MS_KIT_LABEL, label);
				set_sep(f, "", 0, label, strlen(label));
			}
			break;
		case 1:
			f = field(it, p, p->node.role, p->node.ms);
			set_sep(f, label ? " " : "", label ? 1 : 0, NULL, 0);
			break;
		}
	}
	return f;
}

static frame *
signatories_child(ms_kit_iter *it, frame *p)
{
	const ms_letter *l = it->l;
	frame *f = NULL;

	while (!f && p->step < 2) {
		bool groups = p->step++ == 0;
		const ms_signatory *s = groups ? l->groups : l->individuals;
		if (!s && !all(it))
			continue;
		f = frame_new(it, p, MS_KIT_SIGNATORY_LIST);
		f->node.role = groups ? MS_KIT_GROUPS : MS_KIT_INDIVIDUALS;
		f->node.text = ms_kit_nonempty(groups ? l->labels.groups
		                                      : l->labels.individuals);
		f->signatories = s;
	}
	return f;
}

static frame *
signatory_child(ms_kit_iter *it, frame *p)
{
	const ms_signatory *s = p->node.signatory;
	frame *f = NULL;

	while (!f && p->step < 2) {
		switch (p->step++) {
		case 0:
			f = field(it, p, MS_KIT_NAME, &s->name);
			break;
		case 1:
			if (p->up->node.role == MS_KIT_INDIVIDUALS
			    && (all(it) || !ms_kit_text_empty(&s->affiliation)))
				f = field(it, p, MS_KIT_AFFILIATION, &s->affiliation);
			break;
		}
	}
	return f;
}

/* The next child of P, or NULL when it has no more. */
static frame *
next_child(ms_kit_iter *it, frame *p)
{
	frame *f;

	switch (p->node.part) {
	case MS_KIT_LETTER:
		return letter_child(it, p);
	case MS_KIT_ADDRESSEES:
	case MS_KIT_COPIES:
		if (!p->recipients)
			return NULL;
		f = frame_new(it, p, MS_KIT_RECIPIENT);
		f->node.recipient = p->recipients;
		p->recipients = p->recipients->next;
		ms_layout_release(&it->lay);
		ms_layout_recipient(&it->lay, profile_of(it), f->node.recipient,
		                    p->node.part == MS_KIT_COPIES);
		return f;
	case MS_KIT_LETTERHEAD:
		return letterhead_child(it, p);
	case MS_KIT_REFERENCES:
		while (p->step < 2) {
			bool ours = p->step++ == 0;
			f = line(it, p, ours ? MS_KIT_OUR_REF : MS_KIT_YOUR_REF,
			         ours ? &it->l->our_ref : &it->l->your_ref);
			if (f)
				return f;
		}
		return NULL;
	case MS_KIT_ENCLOSURES:
		while (p->lines) {
			f = line(it, p, MS_KIT_ENCLOSURE, &p->lines->text);
			p->lines = p->lines->next;
			if (f)
				return f;
		}
		return NULL;
	case MS_KIT_SIGNERS:
		if (!p->signers)
			return NULL;
		f = frame_new(it, p, MS_KIT_SIGNER);
		f->node.signer = p->signers;
		f->node.image = p->signers->signature;
		p->signers = p->signers->next;
		ms_layout_release(&it->lay);
		ms_layout_signer(&it->lay, profile_of(it), f->node.signer);
		return f;
	case MS_KIT_SIGNER:
		if ((size_t)p->step >= it->lay.n)
			return NULL;
		return layout_line(it, p, &it->lay.lines[p->step++]);
	case MS_KIT_RECIPIENT:
		return recipient_child(it, p);
	case MS_KIT_LINE:
		return line_child(it, p);
	case MS_KIT_SIGNATORIES:
		return signatories_child(it, p);
	case MS_KIT_SIGNATORY_LIST:
		if (!p->signatories)
			return NULL;
		f = frame_new(it, p, MS_KIT_SIGNATORY);
		f->node.signatory = p->signatories;
		p->signatories = p->signatories->next;
		return f;
	case MS_KIT_SIGNATORY:
		return signatory_child(it, p);
	default:
		break;
	}
	if (p->blocks) {
		const ms_block *b = p->blocks;
		p->blocks = p->one_block ? NULL : b->next;
		return block_frame(it, p, b);
	}
	if (p->inlines) {
		const ms_inline *in = p->inlines;
		p->inlines = in->next;
		return inline_frame(it, p, in);
	}
	return NULL;
}

ms_kit_event
ms_kit_iter_next(ms_kit_iter *it, ms_kit_node **node)
{
	frame *f, *child;

	if (it->done) {
		/* Drop what the last call finished. */
		f = it->done;
		it->done = NULL;
		if (it->top == f)
			it->top = f->up;
		f->up = it->spare;
		it->spare = f;
	}
	if (!it->started) {
		it->started = true;
		it->top = frame_new(it, NULL, MS_KIT_LETTER);
		*node = &it->top->node;
		return MS_KIT_ENTER;
	}
	f = it->top;
	if (!f) {
		*node = NULL;
		return MS_KIT_DONE;
	}
	child = f->skip ? NULL : next_child(it, f);
	/* the context of quotes: a new paragraph or field starts afresh; a
	 * line break is a blank, code is not */
	if (child && child->node.part != MS_KIT_INLINE) {
		it->prev = 0;
		it->single_open = false;
	} else if (child && (child->node.inl->type == MS_INLINE_SOFTBREAK
	                   || child->node.inl->type == MS_INLINE_LINEBREAK))
		it->prev = ' ';
	else if (child && child->node.inl->type == MS_INLINE_CODE)
		it->prev = 'x';
	if (child) {
		it->top = child;
		if (child->node.leaf)
			it->done = child;
		*node = &child->node;
		return MS_KIT_ENTER;
	}
	it->done = f;
	*node = &f->node;
	return MS_KIT_EXIT;
}

/* True when a quote after C opens: C starts the text, is a blank, or
 * opens something itself (a bracket, an opening quotation mark, a dash,
 * a slash). */
static bool
opens_after(uint32_t c)
{
	int8_t t;

	if (c == 0 || c == '/' || u_isUWhiteSpace((UChar32)c))
		return true;
	t = u_charType((UChar32)c);
	return t == U_START_PUNCTUATION || t == U_INITIAL_PUNCTUATION
	       || t == U_DASH_PUNCTUATION;
}

const char *
ms_kit_text(ms_kit_iter *it, const ms_kit_node *n)
{
	const char *s = n->inl && n->inl->text ? n->inl->text : "";
	const char *const *q = it->loc->quotes;
	size_t len = strlen(s), i = 0;

	ms_buf_reset(&it->text);
	while (i < len) {
		uint32_t c, next = 0;
		size_t k = ms_utf8_decode(s + i, len - i, &c);
		if (i + k < len)
			ms_utf8_decode(s + i + k, len - i - k, &next);
		if (q[0] && c == '"') {
			ms_buf_puts(&it->text, q[opens_after(it->prev) ? 0 : 1]);
		} else if (q[0] && c == '\'') {
			/* after a letter it closes a quotation this text opened,
			 * or is an apostrophe (it's, Citizens') */
			if (opens_after(it->prev)) {
				ms_buf_puts(&it->text, q[2]);
				it->single_open = true;
			} else if (it->single_open && !(u_isalnum((UChar32)it->prev)
			                                && u_isalnum((UChar32)next))) {
				ms_buf_puts(&it->text, q[3]);
				it->single_open = false;
			} else {
				ms_buf_puts(&it->text, "\xe2\x80\x99");  /* ’ */
			}
		} else {
			ms_buf_put(&it->text, s + i, k);
		}
		it->prev = c;
		i += k;
	}
	return it->text.ptr;
}

void
ms_kit_iter_skip(ms_kit_iter *it)
{
	if (it->top && !it->top->node.leaf && it->done != it->top)
		it->top->skip = true;
}

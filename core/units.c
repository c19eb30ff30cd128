/* units.c — the letter model as translatable units, and back.
 *
 * Going out (extract), each field or body sentence is flattened into a
 * tagged string; going back (localize), a translated tagged string is
 * parsed against the same tag table into inlines that replace the source.
 * Both directions use the one walk below, so they cannot disagree about
 * which unit is which. */
#include "internal.h"
#include "units.h"
#include "profile.h"

#include <ctype.h>
#include <stdarg.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------- flattening */

/* A tag occurrence in the flattened paragraph. */
typedef struct tag_mark {
	size_t at;        /* offset in the tagged string */
	size_t len;       /* bytes of the tag text */
	size_t num;       /* paragraph-level tag number (1-based) */
	int kind;         /* 0 open, 1 close, 2 empty */
} tag_mark;

/* A paragraph flattened into a tagged string T and a plain string P. */
typedef struct flat {
	ms_buf t;              /* tagged */
	ms_buf p;              /* plain, what the segmenter sees */
	size_t *cut;           /* cut[b]: T offset to cut at before plain byte b */
	int *depth;            /* depth[b]: tag depth at cut[b] */
	size_t ncut, capcut;
	size_t cut_pt;         /* T offset after the last plain byte or closing tag */
	int cur_depth;
	ms_tag *tags;          /* paragraph-level tag table */
	size_t ntags, captags;
	tag_mark *marks;
	size_t nmarks, capmarks;
} flat;

static void
flat_release(flat *f)
{
	ms_buf_release(&f->t);
	ms_buf_release(&f->p);
	free(f->cut);
	free(f->depth);
	for (size_t i = 0; i < f->ntags; i++) {
		free(f->tags[i].url);
		free(f->tags[i].title);
		free(f->tags[i].text);
	}
	free(f->tags);
	free(f->marks);
}

static void
record_cut(flat *f)
{
	if (f->ncut == f->capcut) {
		f->capcut = f->capcut ? f->capcut * 2 : 256;
		f->cut = ms_xrealloc(f->cut, f->capcut * sizeof *f->cut);
		f->depth = ms_xrealloc(f->depth, f->capcut * sizeof *f->depth);
	}
	f->cut[f->ncut] = f->cut_pt;
	f->depth[f->ncut] = f->cur_depth;
	f->ncut++;
}

/* Append plain text: one cut per byte (record_cut's work, done in bulk:
 * this runs over every byte of every letter). */
static void
flat_text(flat *f, const char *s, size_t n)
{
	char *t, *p;
	size_t tl = f->t.len;
	if (!n)
		return;
	if (f->ncut + n > f->capcut) {
		size_t cap = f->capcut ? f->capcut : 256;
		while (cap < f->ncut + n)
			cap *= 2;
		f->capcut = cap;
		f->cut = ms_xrealloc(f->cut, cap * sizeof *f->cut);
		f->depth = ms_xrealloc(f->depth, cap * sizeof *f->depth);
	}
	ms_buf_grow(&f->t, n);
	ms_buf_grow(&f->p, n);
	t = f->t.ptr + tl;
	p = f->p.ptr + f->p.len;
	for (size_t i = 0; i < n; i++) {
		char c = s[i] == '\n' ? ' ' : s[i];
		f->cut[f->ncut] = f->cut_pt;
		f->depth[f->ncut] = f->cur_depth;
		f->ncut++;
		t[i] = c;
		p[i] = c;
		f->cut_pt = tl + i + 1;
	}
	f->t.len += n;
	f->p.len += n;
	f->t.ptr[f->t.len] = '\0';
	f->p.ptr[f->p.len] = '\0';
}

static size_t
flat_tag(flat *f, const ms_inline *in)
{
	ms_tag *t;
	if (f->ntags == f->captags) {
		/* doubled, not one more: ASan's realloc always copies */
		f->captags = f->captags ? f->captags * 2 : 16;
		f->tags = ms_xrealloc(f->tags, f->captags * sizeof *f->tags);
	}
	t = &f->tags[f->ntags++];
	memset(t, 0, sizeof *t);
	t->type = in->type;
	t->url = in->url ? ms_xstrdup(in->url) : NULL;
	t->title = in->title ? ms_xstrdup(in->title) : NULL;
	t->text = in->text ? ms_xstrdup(in->text) : NULL;
	t->number = in->number;
	return f->ntags;
}

/* Append the decimal digits of N to B (printf's cost is most of a short
 * tag's). */
static void
put_num(ms_buf *b, size_t n)
{
	char d[24];
	size_t i = sizeof d;
	do
		d[--i] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	ms_buf_put(b, d + i, sizeof d - i);
}

/* Append the tag <N>, </N> (KIND 1) or <N/> (KIND 2) to B. */
static void
put_tag(ms_buf *b, size_t n, int kind)
{
	ms_buf_put(b, kind == 1 ? "</" : "<", kind == 1 ? 2 : 1);
	put_num(b, n);
	ms_buf_put(b, kind == 2 ? "/>" : ">", kind == 2 ? 2 : 1);
}

static void
flat_mark(flat *f, size_t num, int kind)
{
	size_t at = f->t.len;
	put_tag(&f->t, num, kind);
	if (f->nmarks == f->capmarks) {
		f->capmarks = f->capmarks ? f->capmarks * 2 : 16;
		f->marks = ms_xrealloc(f->marks, f->capmarks * sizeof *f->marks);
	}
	f->marks[f->nmarks].at = at;
	f->marks[f->nmarks].len = f->t.len - at;
	f->marks[f->nmarks].num = num;
	f->marks[f->nmarks].kind = kind;
	f->nmarks++;
	if (kind == 0)
		f->cur_depth++;
	else if (kind == 1)
		f->cur_depth--;
	if (kind != 0)
		f->cut_pt = f->t.len;
}

/* True when the plain text so far ends in a digit: a following superscript
 * "th", "st", "nd", "rd" is an ordinal suffix. */
static bool
is_ordinal_sup(const flat *f, const ms_inline *in)
{
	ms_buf plain = MS_BUF_INIT;
	bool r = false;
	if (in->type != MS_INLINE_SUP || f->p.len == 0
	    || !isdigit((unsigned char)f->p.ptr[f->p.len - 1]))
		return false;
	ms_inline_plain(in->children, &plain);
	r = !strcmp(plain.ptr, "th") || !strcmp(plain.ptr, "st")
	    || !strcmp(plain.ptr, "nd") || !strcmp(plain.ptr, "rd");
	ms_buf_release(&plain);
	return r;
}

/* Text that would read as one of our tags ("<1>" written in a letter
 * about tags) cannot stay text in a tagged string: it becomes an empty
 * tag standing for that literal text, which the translator keeps like any
 * other and which comes back out as the same characters. */
static void
flat_literal(flat *f, const char *s)
{
	const char *lt;
	while ((lt = strchr(s, '<')) != NULL) {
		size_t num, len;
		int kind;
		ms_inline lit;
		if (!(len = ms_tag_lex(lt, &num, &kind))) {
			flat_text(f, s, (size_t)(lt + 1 - s));
			s = lt + 1;
			continue;
		}
		flat_text(f, s, (size_t)(lt - s));
		memset(&lit, 0, sizeof lit);
		lit.type = MS_INLINE_TEXT;
		lit.text = ms_xstrndup(lt, len);
		num = flat_tag(f, &lit);
		free(lit.text);
		flat_mark(f, num, 2);
		s = lt + len;
	}
	flat_text(f, s, strlen(s));
}

static void
flatten(flat *f, const ms_inline *list)
{
	for (const ms_inline *in = list; in; in = in->next) {
		size_t num;
		switch (in->type) {
		case MS_INLINE_TEXT:
			flat_literal(f, in->text);
			break;
		case MS_INLINE_SOFTBREAK:
			/* a space in the unit, a line break for the segmenter,
			 * which honours line structure (doc/segmentation.md) */
			flat_text(f, " ", 1);
			f->p.ptr[f->p.len - 1] = '\n';
			break;
		case MS_INLINE_CODE:
		case MS_INLINE_HTML:
		case MS_INLINE_LINEBREAK:
		case MS_INLINE_FOOTNOTE:
			num = flat_tag(f, in);
			flat_mark(f, num, 2);
			break;
		default:
			num = flat_tag(f, in);
			f->tags[num - 1].ordinal = is_ordinal_sup(f, in);
			flat_mark(f, num, 0);
			flatten(f, in->children);
			flat_mark(f, num, 1);
			break;
		}
	}
}

static void
flat_finish(flat *f)
{
	record_cut(f);   /* cut[P.len] */
	f->cut[f->ncut - 1] = f->t.len;
}

/* One unit cut out of a flattened paragraph: T[start, end) with its tags
 * renumbered from 1. */
typedef struct piece {
	ms_buf msgid;
	ms_tag *tags;   /* borrowed from the flat's table, reordered */
	size_t ntags;
} piece;

static void
piece_make(const flat *f, size_t start, size_t end, piece *pc)
{
	size_t *renum = ms_xcalloc(f->ntags + 1, sizeof *renum);
	size_t pos = start;
	ms_buf_init(&pc->msgid, end - start + 8);
	pc->tags = ms_xcalloc(f->ntags + 1, sizeof *pc->tags);
	pc->ntags = 0;

	/* trim leading and trailing spaces of the text (not inside tags) */
	while (start < end && f->t.ptr[start] == ' ')
		start++;
	while (end > start && f->t.ptr[end - 1] == ' ')
		end--;
	pos = start;
	for (size_t i = 0; i < f->nmarks; i++) {
		const tag_mark *m = &f->marks[i];
		if (m->at < start || m->at >= end)
			continue;
		ms_buf_put(&pc->msgid, f->t.ptr + pos, m->at - pos);
		if (!renum[m->num]) {
			renum[m->num] = ++pc->ntags;
			pc->tags[pc->ntags - 1] = f->tags[m->num - 1];
		}
		put_tag(&pc->msgid, renum[m->num], m->kind);
		pos = m->at + m->len;
	}
	ms_buf_put(&pc->msgid, f->t.ptr + pos, end - pos);
	free(renum);
}

static void
piece_release(piece *pc)
{
	ms_buf_release(&pc->msgid);
	free(pc->tags);   /* the strings belong to the flat */
}

/* ----------------------------------------------------- tagged → inlines */

typedef struct parse_frame {
	ms_inline *node;        /* container, NULL at the root */
	ms_inline **tail;       /* where the next child goes */
	size_t num;
} parse_frame;

static ms_inline **
append_text(ms_inline **tail, const char *s, size_t n)
{
	ms_inline *t;
	if (n == 0)
		return tail;
	t = ms_inline_new(MS_INLINE_TEXT);
	t->text = ms_xstrndup(s, n);
	*tail = t;
	return &t->next;
}

size_t
ms_tag_lex(const char *s, size_t *num, int *kind)
{
	size_t i = 1, n = 0, digits = 0;
	*kind = MS_TAG_OPEN;
	if (s[0] != '<')
		return 0;
	if (s[i] == '/') {
		*kind = MS_TAG_CLOSE;
		i++;
	}
	if (s[i] < '1' || s[i] > '9')
		return 0;
	while (s[i] >= '0' && s[i] <= '9') {
		if (++digits > MS_TAG_MAX_DIGITS)
			return 0;
		n = n * 10 + (size_t)(s[i++] - '0');
	}
	if (s[i] == '/' && *kind == MS_TAG_OPEN && s[i + 1] == '>') {
		*kind = MS_TAG_EMPTY;
		i += 2;
	} else if (s[i] == '>') {
		i++;
	} else {
		return 0;
	}
	*num = n;
	return i;
}

static bool
tag_is_paired(ms_inline_type t)
{
	return !(t == MS_INLINE_CODE || t == MS_INLINE_HTML
	         || t == MS_INLINE_LINEBREAK || t == MS_INLINE_TEXT
	         || t == MS_INLINE_FOOTNOTE);
}

static ms_inline *
tag_node(const ms_tag *t)
{
	ms_inline *in = ms_inline_new(t->type);
	in->url = t->url ? ms_xstrdup(t->url) : NULL;
	in->title = t->title ? ms_xstrdup(t->title) : NULL;
	in->text = t->text ? ms_xstrdup(t->text) : NULL;
	in->number = t->number;
	return in;
}

ms_inline *
ms_units_parse_tagged(const char *text, const ms_tag *tags, size_t ntags,
                      bool strict, const char *file, unsigned line,
                      ms_diag_handler *h)
{
	ms_inline *root = NULL;
	parse_frame *stack = ms_xcalloc(ntags + 2, sizeof *stack);
	size_t depth = 0;
	char *seen = ms_xcalloc(ntags + 1, 1);
	const char *s = text, *run = text;
	bool ok = true;

	stack[0].tail = &root;
	while (*s && ok) {
		size_t num, len;
		int kind;
		if (*s != '<' || (len = ms_tag_lex(s, &num, &kind)) == 0) {
			s++;
			continue;
		}
		if (num > ntags) {
			ms_diag_emit(h, MS_ERROR, "inline-tags", file, line, 0,
			             _("tag <%zu> does not exist in the source text"), num);
			ok = false;
			break;
		}
		stack[depth].tail = append_text(stack[depth].tail, run, (size_t)(s - run));
		const ms_tag *t = &tags[num - 1];
		if (kind == 1) {
			if (depth == 0 || stack[depth].num != num) {
				ms_diag_emit(h, MS_ERROR, "inline-tags", file, line, 0,
				             _("closing tag </%zu> does not match an open tag"), num);
				ok = false;
				break;
			}
			depth--;
		} else {
			if (seen[num]) {
				ms_diag_emit(h, MS_ERROR, "inline-tags", file, line, 0,
				             _("tag <%zu> is used twice"), num);
				ok = false;
				break;
			}
			seen[num] = 1;
			if ((kind == 2) == tag_is_paired(t->type)) {
				if (kind == 2)
					ms_diag_emit(h, MS_ERROR, "inline-tags", file, line, 0,
					             _("tag <%zu/> must enclose text: write <%zu>…</%zu>"),
					             num, num, num);
				else
					ms_diag_emit(h, MS_ERROR, "inline-tags", file, line, 0,
					             _("tag <%zu> stands alone: write <%zu/>"), num, num);
				ok = false;
				break;
			}
			ms_inline *node = tag_node(t);
			*stack[depth].tail = node;
			stack[depth].tail = &node->next;
			if (kind == 0) {
				depth++;
				stack[depth].node = node;
				stack[depth].tail = &node->children;
				stack[depth].num = num;
			}
		}
		s += len;
		run = s;
	}
	if (ok) {
		stack[depth].tail = append_text(stack[depth].tail, run, strlen(run));
		if (depth > 0) {
			ms_diag_emit(h, MS_ERROR, "inline-tags", file, line, 0,
			             _("tag <%zu> is not closed"), stack[depth].num);
			ok = false;
		}
	}
	for (size_t i = 1; ok && strict && i <= ntags; i++) {
		if (!seen[i] && !tags[i - 1].ordinal) {
			ms_diag_emit(h, MS_ERROR, "inline-tags", file, line, 0,
			             _("tag <%zu> of the source text is missing"), i);
			ok = false;
		}
	}
	free(stack);
	free(seen);
	if (!ok) {
		ms_inline_free(root);
		return NULL;
	}
	return root;
}

/* --------------------------------------------------------------- comments */

static const char *
tag_meaning(ms_inline_type t)
{
	switch (t) {
	case MS_INLINE_EMPH: return "emphasis";
	case MS_INLINE_STRONG: return "strong emphasis";
	case MS_INLINE_LINK: return "link";
	case MS_INLINE_SUP: return "superscript";
	case MS_INLINE_SUB: return "subscript";
	case MS_INLINE_UNDERLINE: return "underline";
	case MS_INLINE_CODE: return "code, keep as is";
	case MS_INLINE_HTML: return "markup, keep as is";
	case MS_INLINE_LINEBREAK: return "line break";
	case MS_INLINE_TEXT: return "literal text, keep as is";
	case MS_INLINE_STRIKE: return "struck-through text";
	case MS_INLINE_FOOTNOTE: return "footnote reference";
	default: return "markup";
	}
}

void
ms_unit_comment(const ms_unit *u, ms_buf *out)
{
	ms_buf_puts(out, u->role);
	for (size_t i = 0; i < u->ntags; i++) {
		const ms_tag *t = &u->tags[i];
		bool paired = tag_is_paired(t->type);
		if (paired)
			ms_buf_printf(out, "\n<%zu>…</%zu> = %s", i + 1, i + 1,
			              tag_meaning(t->type));
		else
			ms_buf_printf(out, "\n<%zu/> = %s", i + 1, tag_meaning(t->type));
		if (t->type == MS_INLINE_LINK && t->url)
			ms_buf_printf(out, " to %s", t->url);
		if (t->type == MS_INLINE_TEXT && t->text)
			ms_buf_printf(out, " (%s)", t->text);
		if (t->type == MS_INLINE_FOOTNOTE)
			ms_buf_printf(out, " %d: keep it after the word or sentence the note is about",
			              t->number);
		if (t->ordinal)
			ms_buf_puts(out, " (ordinal suffix: may be dropped where the language writes ordinals otherwise)");
	}
}

/* ------------------------------------------------------------------ walk */

typedef struct walker {
	ms_letter *l;
	ms_segmenter *seg;
	ms_unit_fn fn;
	void *data;
	ms_diag_handler *h;
	const char *lang;
	ms_status st;
	unsigned para;     /* paragraph counter (of the body, of a footnote) */
	unsigned tables;   /* table counter */
	bool replaced;     /* the last walk_inlines replaced something */
} walker;

/* Offer one already-cut piece; on replacement append it to *OUT_TAIL,
 * otherwise append a parse of the source piece (the same inlines). */
static ms_status
offer_piece(walker *w, piece *pc, const char *ctxt, const char *role,
            unsigned line, ms_inline ***out_tail)
{
	ms_unit u = { ctxt, pc->msgid.ptr, role, line, pc->tags, pc->ntags };
	ms_inline *rep = NULL;
	char *label = NULL;
	ms_status st = w->fn(&u, &rep, &label, w->data);
	free(label);
	if (st != MS_OK) {
		ms_inline_free(rep);
		return st;
	}
	if (rep)
		w->replaced = true;
	else
		rep = ms_units_parse_tagged(pc->msgid.ptr, pc->tags, pc->ntags,
		                            false, NULL, 0, NULL);
	**out_tail = rep;
	while (**out_tail)
		*out_tail = &(**out_tail)->next;
	return MS_OK;
}

/* What goes between two sentences of one paragraph in LANG: its
 * profile's typography.sentence-separator (a space, or nothing for
 * languages that run sentences together), from the profiles SEG reads. */
static const char *
sentence_separator(const ms_segmenter *seg, const char *lang)
{
	const ms_profile *p = NULL;
	if (!lang || ms_profiles_get(ms_segmenter_profiles(seg), lang, &p, NULL) != MS_OK)
		return " ";
	return ms_profile_str_or(p, "typography.sentence-separator", " ");
}

/* Walk an inline list as one or more units; replace it with the result. */
static ms_status
walk_inlines(walker *w, ms_inline **list, const char *role, unsigned line,
             bool split)
{
	flat f;
	ms_span *spans = NULL;
	size_t nspans = 0;
	ms_inline *result = NULL, **tail = &result;
	ms_status st = MS_OK;

	if (!*list)
		return MS_OK;
	memset(&f, 0, sizeof f);
	ms_buf_init(&f.t, 0);
	ms_buf_init(&f.p, 0);
	flatten(&f, *list);
	flat_finish(&f);

	if (split && w->seg) {
		st = ms_segmenter_split(w->seg, f.p.ptr, f.p.len, &spans, &nspans);
		if (st != MS_OK) {
			flat_release(&f);
			return st;
		}
	}
	if (nspans <= 1) {
		/* the whole text is one unit */
		piece pc;
		piece_make(&f, 0, f.t.len, &pc);
		if (pc.msgid.len)
			st = offer_piece(w, &pc, NULL, role, line, &tail);
		else
			*tail = ms_inline_clone(*list);
		piece_release(&pc);
	} else {
		size_t start = 0, k = 0;
		const char *sep = sentence_separator(w->seg, w->lang);
		ms_buf r = MS_BUF_INIT;
		for (size_t i = 0; i < nspans && st == MS_OK; i++) {
			size_t end = f.t.len;
			if (i + 1 < nspans) {
				/* a cut between this span and the next, outside tags */
				size_t b = spans[i + 1].start, lo = spans[i].end;
				while (b > lo && f.depth[b] != 0)
					b--;
				if (f.depth[b] != 0)
					continue;      /* inside markup: keep together */
				end = f.cut[b];
			}
			piece pc;
			piece_make(&f, start, end, &pc);
			if (pc.msgid.len) {
				if (k > 0 && *sep)
					tail = append_text(tail, sep, strlen(sep));
				ms_buf_reset(&r);
				ms_buf_puts(&r, role);
				ms_buf_puts(&r, " sentence ");
				put_num(&r, ++k);
				st = offer_piece(w, &pc, NULL, r.ptr, line, &tail);
			}
			piece_release(&pc);
			start = end;
		}
		ms_buf_release(&r);
	}
	free(spans);
	flat_release(&f);
	if (st == MS_OK) {
		ms_inline_free(*list);
		*list = result;
	} else {
		ms_inline_free(result);
	}
	return st;
}

static ms_status
walk_text(walker *w, ms_text *t, const char *role)
{
	ms_status st;
	if (!t->src || !*t->src)
		return MS_OK;
	w->replaced = false;
	st = walk_inlines(w, &t->inlines, role, t->pos.line, false);
	if (st == MS_OK && w->replaced) {
		/* keep src in step with what the inlines now say */
		ms_buf plain = MS_BUF_INIT;
		ms_inline_plain(t->inlines, &plain);
		free(t->src);
		t->src = ms_buf_detach(&plain, NULL);
	}
	return st;
}

/* Lines, each a unit: roles "WHAT line 1", … ("WHAT 1" when not
 * LINES). */
static ms_status
walk_lines(walker *w, ms_line *l, const char *what, bool lines)
{
	ms_buf role = MS_BUF_INIT;
	ms_status st = MS_OK;
	unsigned i = 0;
	for (; l && st == MS_OK; l = l->next) {
		ms_buf_reset(&role);
		ms_buf_printf(&role, lines ? "%s line %u" : "%s %u", what, ++i);
		st = walk_text(w, &l->text, role.ptr);
	}
	ms_buf_release(&role);
	return st;
}

static ms_status
walk_recipients(walker *w, ms_recipient *r, const char *what)
{
	ms_buf role = MS_BUF_INIT;
	ms_status st = MS_OK;
	unsigned i = 0;
	for (; r && st == MS_OK; r = r->next) {
		bool office = !r->name.src || !*r->name.src;
		i++;
		ms_buf_reset(&role);
		ms_buf_printf(&role, "%s %u name (transliterate or copy)", what, i);
		st = walk_text(w, &r->name, role.ptr);
		ms_buf_reset(&role);
		/* an office addressed without a name: the title is all there is;
		 * the language's form of address is added around it */
		ms_buf_printf(&role, office
		              ? "%s %u office, addressed without a personal name (the title alone: the form of address, such as 귀하 or Excelentísimo Señor, is added in layout)"
		              : "%s %u title", what, i);
		if (st == MS_OK)
			st = walk_text(w, &r->title, role.ptr);
		ms_buf_reset(&role);
		ms_buf_printf(&role, "%s %u organisation", what, i);
		if (st == MS_OK)
			st = walk_text(w, &r->organisation, role.ptr);
		ms_buf_reset(&role);
		ms_buf_printf(&role, "%s %u address", what, i);
		if (st == MS_OK)
			st = walk_lines(w, r->address, role.ptr, true);
	}
	ms_buf_release(&role);
	return st;
}

/* The cells of a table, row by row: each is a unit (or a unit per
 * sentence). */
static ms_status
walk_table(walker *w, ms_block *t, const char *where)
{
	ms_buf role = MS_BUF_INIT;
	ms_status st = MS_OK;
	unsigned row = 0, col;
	w->tables++;
	for (ms_block *r = t->children; r && st == MS_OK; r = r->next) {
		if (!r->header)
			row++;
		col = 0;
		for (ms_block *c = r->children; c && st == MS_OK; c = c->next) {
			col++;
			ms_buf_reset(&role);
			if (r->header)
				ms_buf_printf(&role, "%s table %u, heading of column %u",
				              where, w->tables, col);
			else
				ms_buf_printf(&role, "%s table %u, row %u, column %u",
				              where, w->tables, row, col);
			st = walk_inlines(w, &c->inlines, role.ptr, c->pos.line, true);
		}
	}
	ms_buf_release(&role);
	return st;
}

/* Blocks of the body (WHERE "body") or of a footnote ("footnote 2"). */
static ms_status
walk_blocks(walker *w, ms_block *b, const char *where)
{
	ms_buf role = MS_BUF_INIT;
	ms_status st = MS_OK;
	for (; b && st == MS_OK; b = b->next) {
		switch (b->type) {
		case MS_BLOCK_PARAGRAPH:
		case MS_BLOCK_HEADING:
			w->para++;
			ms_buf_reset(&role);
			ms_buf_printf(&role, b->type == MS_BLOCK_HEADING
			              ? "%s ¶%u (heading)" : "%s ¶%u", where, w->para);
			st = walk_inlines(w, &b->inlines, role.ptr, b->pos.line,
			                  b->type == MS_BLOCK_PARAGRAPH);
			break;
		case MS_BLOCK_TABLE:
			st = walk_table(w, b, where);
			break;
		default:
			st = walk_blocks(w, b->children, where);
			break;
		}
	}
	ms_buf_release(&role);
	return st;
}

/* Each footnote's text, numbered as printed. */
static ms_status
walk_footnotes(walker *w, ms_block *fn)
{
	ms_buf where = MS_BUF_INIT;
	ms_status st = MS_OK;
	for (; fn && st == MS_OK; fn = fn->next) {
		ms_buf_reset(&where);
		ms_buf_printf(&where, "footnote %d", fn->number);
		w->para = 0;
		st = walk_blocks(w, fn->children, where.ptr);
	}
	ms_buf_release(&where);
	return st;
}

/* The letterhead: the organisation's name and its address (contacts
 * are kept as written). */
static ms_status
walk_sender(walker *w, ms_sender *s)
{
	ms_status st;
	if (!s)
		return MS_OK;
	st = walk_text(w, &s->organisation,
	               "letterhead: the sending organisation (its official name in the language, or copy)");
	if (st == MS_OK)
		st = walk_lines(w, s->address, "letterhead: the sender's address",
		                true);
	return st;
}

/* Walk T with the role FMT, …; nothing more when ST already failed. */
static ms_status walk_item(walker *w, ms_status st, ms_text *t,
                           const char *fmt, ...) MS_PRINTF(4, 5);

static ms_status
walk_item(walker *w, ms_status st, ms_text *t, const char *fmt, ...)
{
	ms_buf role = MS_BUF_INIT;
	va_list ap;
	if (st != MS_OK)
		return st;
	va_start(ap, fmt);
	ms_buf_vprintf(&role, fmt, ap);
	va_end(ap);
	st = walk_text(w, t, role.ptr);
	ms_buf_release(&role);
	return st;
}

static ms_status
walk_signers(walker *w, ms_signer *g)
{
	ms_status st = MS_OK;
	unsigned i = 0;
	for (; g && st == MS_OK; g = g->next) {
		i++;
		st = walk_item(w, st, &g->name, "signer %u name (transliterate or copy)", i);
		st = walk_item(w, st, &g->title, "signer %u title", i);
		st = walk_item(w, st, &g->organisation,
		               "signer %u organisation (official name, or copy)", i);
	}
	return st;
}

static ms_status
walk_signatories(walker *w, ms_signatory *s, bool groups)
{
	ms_status st = MS_OK;
	unsigned i = 0;
	for (; s && st == MS_OK; s = s->next) {
		i++;
		if (groups) {
			st = walk_item(w, st, &s->name,
			               "signatory group %u (official name, or copy)", i);
		} else {
			st = walk_item(w, st, &s->name,
			               "individual signatory %u name (transliterate or copy)", i);
			st = walk_item(w, st, &s->affiliation,
			               "individual signatory %u affiliation", i);
		}
	}
	return st;
}

static size_t
count_lines(const ms_line *l)
{
	size_t n = 0;
	for (; l; l = l->next)
		n++;
	return n;
}

/* Whether L prints label ID.  The labels that came with the letter model
 * of plugin ABI 1.2 are units only of the letters that use them, so that
 * a translator is asked for "Enclosures:" only when some letter has
 * enclosures (and a letter without is not a draft for want of it). */
static bool
label_used(const ms_letter *l, ms_label_id id)
{
	switch (id) {
	case MS_LABEL_OUR_REF:
		return l->our_ref.src && *l->our_ref.src;
	case MS_LABEL_YOUR_REF:
		return l->your_ref.src && *l->your_ref.src;
	case MS_LABEL_PHONE:
		return l->sender && l->sender->phone;
	case MS_LABEL_WEB:
		return l->sender && l->sender->web;
	case MS_LABEL_ENCLOSURE:
		return count_lines(l->enclosures) == 1;
	case MS_LABEL_ENCLOSURES:
		return count_lines(l->enclosures) > 1;
	case MS_LABEL_ANNEX:
	case MS_LABEL_SEE_ANNEX:
		return l->signatories_annex && (l->groups || l->individuals);
	case MS_LABEL_NOTES:
		return l->footnotes != NULL;
	case MS_LABEL_SPECIMEN:
		return l->sample;
	default:
		return true;
	}
}

/* Offer label SLOT (text *SLOT, ROLE) and put a translation in its place. */
static ms_status
offer_label(walker *w, char **slot, const char *role)
{
	char *src = *slot;
	ms_unit u = { "label", src, role, 0, NULL, 0 };
	ms_inline *rep = NULL;
	char *label = NULL;
	ms_status st;
	if (!src)
		return MS_OK;
	st = w->fn(&u, &rep, &label, w->data);
	ms_inline_free(rep);
	if (st != MS_OK) {
		free(label);
		return st;
	}
	if (label) {
		free(*slot);
		*slot = label;
	}
	return MS_OK;
}

static ms_status
walk_labels(walker *w)
{
	static const char *const more_roles[MS_LABEL_COUNT] = {
		[MS_LABEL_OUR_REF] = "label before the sender's reference number",
		[MS_LABEL_YOUR_REF] = "label before the addressee's reference number",
		[MS_LABEL_PHONE] = "label before the sender's telephone number (letterhead)",
		[MS_LABEL_WEB] = "label before the sender's web address (letterhead)",
		[MS_LABEL_ENCLOSURE] = "label before one enclosure",
		[MS_LABEL_ENCLOSURES] = "label before a list of enclosures",
		[MS_LABEL_ANNEX] = "heading of the annex that lists the signatories",
		[MS_LABEL_SEE_ANNEX] = "said after the closing when the signatories are listed in an annex",
		[MS_LABEL_NOTES] = "heading of the notes printed after the letter (web pages, plain text)",
		[MS_LABEL_SPECIMEN] = "mark printed on a sample letter (sample: true), in capitals where the script has them",
	};
	ms_labels *lb = &w->l->labels;
	struct { char **slot; const char *role; } labels[] = {
		{ &lb->subject, "label before the subject line" },
		{ &lb->fax, "label before a fax number" },
		{ &lb->email, "label before an e-mail address" },
		{ &lb->cc, "label before the copied recipients" },
		{ &lb->signatories, "heading of the signatory list" },
		{ &lb->as_of, "date of the signatory list; %s is the date" },
		{ &lb->groups, "heading of the signatory organisations" },
		{ &lb->individuals, "heading of the individual signatories" },
		{ &lb->draft, "mark on untranslated drafts" },
		{ &lb->page, "page footer; the first %d is the page, the second the page count" },
	};
	for (size_t i = 0; i < MS_ARRAY_SIZE(labels); i++) {
		ms_status st = offer_label(w, labels[i].slot, labels[i].role);
		if (st != MS_OK)
			return st;
	}
	for (size_t i = 0; w->l->more_labels && i < MS_LABEL_COUNT; i++) {
		ms_status st;
		if (!label_used(w->l, (ms_label_id)i))
			continue;
		st = offer_label(w, &w->l->more_labels[i], more_roles[i]);
		if (st != MS_OK)
			return st;
	}
	return MS_OK;
}

ms_status
ms_units_walk(ms_letter *l, ms_segmenter *seg, ms_unit_fn fn, void *data,
              ms_diag_handler *h)
{
	walker w = { l, seg, fn, data, h, NULL, MS_OK, 0, 0, false };
	ms_status st;
	w.lang = l->lang;
	/* in the order of the printed letter */
	st = walk_sender(&w, l->sender);
	if (st == MS_OK)
		st = walk_text(&w, &l->place, "place of writing, printed with the date");
	if (st == MS_OK)
		st = walk_recipients(&w, l->recipients, "recipient");
	if (st == MS_OK)
		st = walk_recipients(&w, l->cc, "copied recipient");
	if (st == MS_OK)
		st = walk_text(&w, &l->subject, "subject");
	if (st == MS_OK)
		st = walk_text(&w, &l->salutation, "salutation");
	if (st == MS_OK)
		st = walk_blocks(&w, l->body, "body");
	if (st == MS_OK)
		st = walk_footnotes(&w, l->footnotes);
	if (st == MS_OK)
		st = walk_text(&w, &l->closing, "closing");
	if (st == MS_OK)
		st = walk_signers(&w, l->signers);
	if (st == MS_OK)
		st = walk_signatories(&w, l->groups, true);
	if (st == MS_OK)
		st = walk_signatories(&w, l->individuals, false);
	if (st == MS_OK)
		st = walk_lines(&w, l->enclosures, "enclosure", false);
	if (st == MS_OK)
		st = walk_labels(&w);
	return st;
}

void
ms_units_tags_from_msgid(const char *msgid, ms_tag **tags, size_t *n)
{
	size_t max = 0, num, len;
	int kind;
	ms_tag *t;
	for (const char *s = msgid; *s; s++)
		if (*s == '<' && (len = ms_tag_lex(s, &num, &kind)) && num > max)
			max = num;
	t = ms_xcalloc(max + 1, sizeof *t);
	for (size_t i = 0; i < max; i++)
		t[i].type = MS_INLINE_HTML;
	for (const char *s = msgid; *s; s++) {
		if (*s != '<' || !(len = ms_tag_lex(s, &num, &kind)) || kind == 1)
			continue;
		if (kind == 2) {
			t[num - 1].type = MS_INLINE_HTML;
			continue;
		}
		t[num - 1].type = MS_INLINE_EMPH;
		/* "80<1>th</1>": an ordinal suffix */
		const char *c = s + len;
		if (s > msgid && isdigit((unsigned char)s[-1])
		    && (!strncmp(c, "th<", 3) || !strncmp(c, "st<", 3)
		        || !strncmp(c, "nd<", 3) || !strncmp(c, "rd<", 3)))
			t[num - 1].ordinal = true;
	}
	*tags = t;
	*n = max;
}

void
ms_units_tags_free(ms_tag *tags, size_t n)
{
	for (size_t i = 0; tags && i < n; i++) {
		free(tags[i].url);
		free(tags[i].title);
		free(tags[i].text);
	}
	free(tags);
}

static bool
url_allowed(const char *url, char *const *allow)
{
	for (size_t i = 0; allow && allow[i]; i++)
		if (fnmatch(allow[i], url, 0) == 0)
			return true;
	return false;
}

ms_tag *
ms_units_retarget(const char *comments, const ms_tag *tags, size_t ntags,
                  char *const *allow, const char *file, unsigned line,
                  bool *changed, ms_diag_handler *h)
{
	ms_tag *copy = ms_xcalloc(ntags + 1, sizeof *copy);
	bool ok = true;
	*changed = false;
	for (size_t i = 0; i < ntags; i++) {
		copy[i] = tags[i];
		copy[i].url = tags[i].url ? ms_xstrdup(tags[i].url) : NULL;
		copy[i].title = tags[i].title ? ms_xstrdup(tags[i].title) : NULL;
		copy[i].text = tags[i].text ? ms_xstrdup(tags[i].text) : NULL;
	}
	for (const char *p = comments; p && *p;) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		while (n && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		if (n > 13 && !strncmp(p, "missive-link:", 13)) {
			char *ln = ms_xstrndup(p + 13, n - 13);
			char *end = NULL;
			unsigned long num = strtoul(ln, &end, 10);
			while (end && (*end == ' ' || *end == '\t'))
				end++;
			char *url = end;
			size_t ul = url ? strcspn(url, " \t\r") : 0;
			if (url)
				url[ul] = '\0';
			if (!end || end == ln || num == 0 || num > ntags || !*url) {
				ms_diag_emit(h, MS_ERROR, "link-target", file, line, 0,
				             _("malformed 'missive-link' comment: write 'missive-link: N URL'"));
				ok = false;
			} else if (copy[num - 1].type != MS_INLINE_LINK) {
				ms_diag_emit(h, MS_ERROR, "link-target", file, line, 0,
				             _("'missive-link' names tag <%lu>, which is not a link"), num);
				ok = false;
			} else if (!url_allowed(url, allow)) {
				ms_diag_emit(h, MS_ERROR, "link-target", file, line, 0,
				             _("link <%lu> may not point to \"%s\": not in missive.yaml's link-targets"),
				             num, url);
				ok = false;
			} else if (!copy[num - 1].url || strcmp(copy[num - 1].url, url)) {
				free(copy[num - 1].url);
				copy[num - 1].url = ms_xstrdup(url);
				*changed = true;
			}
			free(ln);
		}
		p = eol ? eol + 1 : p + n;
	}
	if (!ok) {
		ms_units_tags_free(copy, ntags);
		return NULL;
	}
	return copy;
}

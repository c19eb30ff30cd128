/* tm-tags.c — tagged text as flat tokens, and tag mapping for memory
 * matches.  See tm-tags.h. */
#include "internal.h"
#include "tm-tags.h"
#include "units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tokv {
	ms_tm_tok *v;
	size_t n, cap;
	size_t off;
} tokv;

static void
tok_push(tokv *t, ms_tm_tok_kind kind, size_t num, size_t len)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->v = ms_xrealloc(t->v, t->cap * sizeof *t->v);
	}
	t->v[t->n++] = (ms_tm_tok){ kind, num, t->off, len };
	t->off += len;
}

static size_t
digits(size_t n)
{
	size_t d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/* Lay the parse tree out flat.  Tag nodes carry their number in TITLE
 * (see ms_tm_tags_split). */
static void
flatten(tokv *t, const ms_inline *in)
{
	for (; in; in = in->next) {
		size_t num;
		if (in->type == MS_INLINE_TEXT) {
			size_t len = in->text ? strlen(in->text) : 0;
			if (len)
				tok_push(t, MS_TM_TOK_TEXT, 0, len);
			continue;
		}
		num = in->title ? strtoul(in->title, NULL, 10) : 0;
		if (in->type == MS_INLINE_HTML) {
			tok_push(t, MS_TM_TOK_EMPTY, num, digits(num) + 3);
			continue;
		}
		tok_push(t, MS_TM_TOK_OPEN, num, digits(num) + 2);
		flatten(t, in->children);
		tok_push(t, MS_TM_TOK_CLOSE, num, digits(num) + 3);
	}
}

bool
ms_tm_tags_split(const char *text, ms_tm_tok **toks, size_t *n)
{
	ms_tag *tags;
	size_t ntags;
	ms_diag_handler quiet = { NULL, NULL, 0, 0 };
	ms_inline *tree;
	tokv t = { NULL, 0, 0, 0 };

	*toks = NULL;
	*n = 0;
	/* The text's own tags make the table (paired where written <N>…</N>,
	 * empty where written <N/>); each node remembers its number. */
	ms_units_tags_from_msgid(text, &tags, &ntags);
	for (size_t i = 0; i < ntags; i++) {
		char num[24];
		snprintf(num, sizeof num, "%zu", i + 1);
		tags[i].title = ms_xstrdup(num);
	}
	tree = ms_units_parse_tagged(text, tags, ntags, false, NULL, 0, &quiet);
	ms_units_tags_free(tags, ntags);
	if (quiet.errors)
		return false;
	flatten(&t, tree);
	ms_inline_free(tree);
	if (t.off != strlen(text)) {   /* the parse always keeps every byte */
		free(t.v);
		return false;
	}
	*toks = t.v;
	*n = t.n;
	return true;
}

void
ms_tm_tags_strip(const char *text, ms_buf *out)
{
	ms_tm_tok *t;
	size_t n;
	if (!ms_tm_tags_split(text, &t, &n)) {
		ms_buf_puts(out, text);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (t[i].kind == MS_TM_TOK_TEXT)
			ms_buf_put(out, text + t[i].off, t[i].len);
	free(t);
}

/* The opening and empty tags of a token list, in order. */
typedef struct slots {
	size_t *num;
	bool *paired;
	size_t n, npaired;
} slots;

static void
slots_of(const ms_tm_tok *t, size_t n, slots *s)
{
	s->num = ms_xcalloc(n + 1, sizeof *s->num);
	s->paired = ms_xcalloc(n + 1, sizeof *s->paired);
	s->n = s->npaired = 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i].kind != MS_TM_TOK_OPEN && t[i].kind != MS_TM_TOK_EMPTY)
			continue;
		s->num[s->n] = t[i].num;
		s->paired[s->n] = t[i].kind == MS_TM_TOK_OPEN;
		s->npaired += s->paired[s->n];
		s->n++;
	}
}

static void
slots_release(slots *s)
{
	free(s->num);
	free(s->paired);
}

/* MAP[a] = b: memory tag number a becomes new tag number b (0: dropped).
 * False when the tags of A and B cannot be put in correspondence. */
static bool
build_map(const slots *a, const slots *b, size_t *map, size_t maxnum)
{
	bool same_shape = a->n == b->n;
	for (size_t k = 0; same_shape && k < a->n; k++)
		same_shape = a->paired[k] == b->paired[k];
	if (same_shape) {
		for (size_t k = 0; k < a->n; k++)
			if (a->num[k] <= maxnum)
				map[a->num[k]] = b->num[k];
		return true;
	}
	if (b->n == 0)
		return true;    /* every tag dropped */
	if (a->n != b->n || a->npaired != b->npaired)
		return false;
	/* same counts, other order: k-th paired to k-th paired, k-th empty
	 * to k-th empty */
	for (size_t k = 0, kp = 0, ke = 0; k < a->n; k++) {
		size_t j;
		size_t *cursor = a->paired[k] ? &kp : &ke;
		for (j = *cursor; j < b->n && b->paired[j] != a->paired[k]; j++)
			;
		if (j == b->n)
			return false;
		if (a->num[k] <= maxnum)
			map[a->num[k]] = b->num[j];
		*cursor = j + 1;
	}
	return true;
}

char *
ms_tm_tags_map(const char *mem_source, const char *mem_target,
               const char *new_source)
{
	ms_tm_tok *ta = NULL, *tt = NULL, *tb = NULL;
	size_t na, nt, nb, maxnum = 0;
	slots sa, sb;
	size_t *map = NULL;
	ms_buf out = MS_BUF_INIT;
	bool ok = false;

	if (!ms_tm_tags_split(mem_source, &ta, &na)
	    || !ms_tm_tags_split(mem_target, &tt, &nt)
	    || !ms_tm_tags_split(new_source, &tb, &nb)) {
		free(ta);
		free(tt);
		free(tb);
		return NULL;
	}
	slots_of(ta, na, &sa);
	slots_of(tb, nb, &sb);
	for (size_t k = 0; k < sa.n; k++)
		if (sa.num[k] > maxnum)
			maxnum = sa.num[k];
	map = ms_xcalloc(maxnum + 1, sizeof *map);
	if (!build_map(&sa, &sb, map, maxnum))
		goto out;
	for (size_t i = 0; i < nt; i++) {
		size_t to;
		if (tt[i].kind == MS_TM_TOK_TEXT) {
			ms_buf_put(&out, mem_target + tt[i].off, tt[i].len);
			continue;
		}
		/* a tag the memory's source does not have: the pair is broken */
		if (tt[i].num > maxnum)
			goto out;
		to = map[tt[i].num];
		if (to == 0 && sb.n > 0)
			goto out;
		if (to == 0)
			continue;
		if (tt[i].kind == MS_TM_TOK_OPEN)
			ms_buf_printf(&out, "<%zu>", to);
		else if (tt[i].kind == MS_TM_TOK_CLOSE)
			ms_buf_printf(&out, "</%zu>", to);
		else
			ms_buf_printf(&out, "<%zu/>", to);
	}
	ok = true;
out:
	slots_release(&sa);
	slots_release(&sb);
	free(map);
	free(ta);
	free(tt);
	free(tb);
	if (!ok) {
		ms_buf_release(&out);
		return NULL;
	}
	return ms_buf_detach(&out, NULL);
}

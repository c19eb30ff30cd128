/* tm-pretranslate.c — filling a catalogue's untranslated entries from a
 * memory, then from a machine translation engine, under the glossary.
 * See tm.h. */
#include "internal.h"
#include "tm.h"
#include "tm-tags.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#define MAX_CANDIDATES 5

typedef struct run {
	const ms_pretranslate_opts *o;
	ms_pretranslate_stats *st;
	ms_diag_handler *h;
} run;

/* ---------------------------------------------------------- candidates */

/* What the checks say of one candidate. */
typedef struct verdicts {
	ms_buf review;        /* "missive-review: …" lines, '\n'-separated */
	size_t findings;      /* unsuppressed findings other than forbidden and
	                         deprecated renderings */
	size_t bad_terms;     /* forbidden and deprecated renderings */
} verdicts;

static void
on_finding(const ms_finding *f, void *data)
{
	verdicts *v = data;
	if (f->suppressed)
		return;
	if (f->verdict && (!strcmp(f->verdict, "forbidden") || !strcmp(f->verdict, "deprecated"))) {
		v->bad_terms++;
		return;
	}
	v->findings++;
	if (v->review.len)
		ms_buf_putc(&v->review, '\n');
	ms_buf_printf(&v->review, "missive-review: [%s] %s", f->check, f->message);
}

static void
check_text(const run *r, const ms_entry *e, const char *text, verdicts *v)
{
	ms_entry tmp = *e;
	ms_buf_reset(&v->review);
	v->findings = v->bad_terms = 0;
	if (!r->o->checker)
		return;
	tmp.msgstr = (char *)text;
	tmp.msgstr_plural = NULL;
	tmp.fuzzy = false;
	tmp.obsolete = false;
	ms_checker_entry(r->o->checker, &tmp, r->o->po_file, r->o->lang, on_finding, v,
	                 NULL, NULL);
}

/* The forbidden or deprecated renderings the glossary finds in a text,
 * with the rendering required instead. */
typedef struct bad_term {
	const char *found, *expected;
} bad_term;

typedef struct bad_terms {
	bad_term v[16];
	size_t n;
} bad_terms;

static void
on_gloss(const ms_gloss_result *res, void *data)
{
	bad_terms *b = data;
	if ((res->verdict == MS_GLOSS_FORBIDDEN || res->verdict == MS_GLOSS_DEPRECATED)
	    && res->found && b->n < MS_ARRAY_SIZE(b->v))
		b->v[b->n++] = (bad_term){ res->found, res->expected };
}

/* Replace the first occurrence of FOUND in *TEXT (as written, or with its
 * first letter capitalised) by EXPECTED (capitalised likewise). */
static bool
replace_rendering(char **text, const char *found, const char *expected)
{
	const char *at = strstr(*text, found);
	ms_buf alt = MS_BUF_INIT, rep = MS_BUF_INIT, out = MS_BUF_INIT;
	bool capital = false;
	if (!at && found[0] >= 'a' && found[0] <= 'z') {
		ms_buf_puts(&alt, found);
		alt.ptr[0] = (char)(alt.ptr[0] - 'a' + 'A');
		at = strstr(*text, alt.ptr);
		capital = at != NULL;
	}
	if (at) {
		ms_buf_puts(&rep, expected);
		if (capital && rep.ptr[0] >= 'a' && rep.ptr[0] <= 'z')
			rep.ptr[0] = (char)(rep.ptr[0] - 'a' + 'A');
		ms_buf_put(&out, *text, (size_t)(at - *text));
		ms_buf_puts(&out, rep.ptr);
		ms_buf_puts(&out, at + strlen(found));
		free(*text);
		*text = ms_buf_detach(&out, NULL);
	}
	ms_buf_release(&alt);
	ms_buf_release(&rep);
	return at != NULL;
}

/* Check *TEXT for E; a forbidden or deprecated rendering is replaced by
 * the required one where it is written as the glossary lists it (its
 * replacement noted in V's review lines).  False when one remains: the
 * candidate must not be offered. */
static bool
vet(const run *r, const ms_entry *e, char **text, verdicts *v)
{
	ms_buf repairs = MS_BUF_INIT;
	size_t repaired = 0;
	for (int round = 0; round < 4; round++) {
		bad_terms b = { .n = 0 };
		bool changed = false;
		check_text(r, e, *text, v);
		if (v->bad_terms == 0)
			break;
		if (!r->o->glossary)
			break;
		ms_glossary_match(r->o->glossary, e->msgid, *text, r->o->lang, on_gloss, &b);
		for (size_t i = 0; i < b.n; i++) {
			if (!b.v[i].expected || !replace_rendering(text, b.v[i].found, b.v[i].expected))
				continue;
			if (repairs.len)
				ms_buf_putc(&repairs, '\n');
			ms_buf_puts(&repairs, "missive-review: ");
			ms_buf_printf(&repairs, _("'%s' replaced by the required '%s'"),
			              b.v[i].found, b.v[i].expected);
			repaired++;
			changed = true;
		}
		if (!changed)
			break;
	}
	if (v->bad_terms) {
		r->st->refused++;
		ms_buf_release(&repairs);
		return false;
	}
	if (repaired) {
		r->st->repaired += repaired;
		if (v->review.len)
			ms_buf_putc(&repairs, '\n');
		ms_buf_put(&repairs, v->review.ptr, v->review.len);
		ms_buf_reset(&v->review);
		ms_buf_put(&v->review, repairs.ptr, repairs.len);
		v->findings += repaired;
	}
	ms_buf_release(&repairs);
	return true;
}

/* Replace E's translator comments.  catalog.h has no setter for them
 * yet; the catalogue owns them as it owns msgstr (malloc'ed, freed with
 * the entry), which ms_entry_set_msgstr relies on too.
 * TODO: ms_entry_set_comments in catalog.h (asked of its owner). */
static void
set_comments(ms_entry *e, const char *comments)
{
	char *c = ms_xstrdup(comments);
	free(e->comments);
	e->comments = c;
}

/* Fill E with TEXT: fuzzy unless ACCEPT, with the origin and review
 * comments appended to its translator comments. */
static void
fill(ms_entry *e, const char *text, bool accept, const char *origin, const verdicts *v)
{
	ms_buf c = MS_BUF_INIT;
	if (e->comments && *e->comments) {
		ms_buf_puts(&c, e->comments);
		ms_buf_putc(&c, '\n');
	}
	ms_buf_puts(&c, origin);
	if (v->review.len) {
		ms_buf_putc(&c, '\n');
		ms_buf_put(&c, v->review.ptr, v->review.len);
	}
	ms_entry_set_msgstr(e, text, accept);
	e->fuzzy = !accept;
	set_comments(e, c.ptr);
	ms_buf_release(&c);
}

/* An entry pre-translation may fill: no translation (an empty or blank
 * msgstr), not obsolete, not plural. */
static bool
untranslated(const ms_entry *e)
{
	return !e->obsolete && !e->msgid_plural && ms_tm_entry_origin(e) == MS_ORIGIN_NONE;
}

/* Offer candidate M for E: vetted, then filled in.  False when refused. */
static bool
try_candidate(const run *r, ms_entry *e, ms_tm_match *m, verdicts *v)
{
	ms_buf detail = MS_BUF_INIT, origin = MS_BUF_INIT;
	bool accept;
	if (!vet(r, e, &m->target, v))
		return false;
	ms_buf_printf(&detail, "%d%%%s %s", (int)(m->score * 100 + 0.5),
	              m->kind == MS_TM_EXACT ? " exact"
	              : m->kind == MS_TM_CONTEXT ? " other-context" : "",
	              m->origin);
	if (m->line)
		ms_buf_printf(&detail, ":%u", m->line);
	ms_tm_origin_comment(MS_ORIGIN_MEMORY, detail.ptr, m->target, &origin);
	accept = r->o->accept_exact && m->kind == MS_TM_EXACT && v->findings == 0;
	fill(e, m->target, accept, origin.ptr, v);
	if (m->kind == MS_TM_EXACT)
		r->st->exact++;
	else if (m->kind == MS_TM_CONTEXT)
		r->st->context++;
	else
		r->st->fuzzy++;
	r->st->accepted += accept;
	r->st->reviewed += v->findings > 0;
	ms_buf_release(&detail);
	ms_buf_release(&origin);
	return true;
}

/* Fill E from the memory; false when no candidate could be offered.
 * The best candidate is looked up alone first: it is usually offered,
 * and then the others need not be looked for. */
static bool
from_memory(const run *r, const ms_tm *tm, ms_entry *e, verdicts *v)
{
	ms_tm_match m[MAX_CANDIDATES];
	size_t n = ms_tm_lookup(tm, e->msgctxt, e->msgid, r->o->min_score, m, 1);
	bool done = n == 1 && try_candidate(r, e, &m[0], v);
	ms_tm_matches_release(m, n);
	if (done || n == 0)
		return done;
	n = ms_tm_lookup(tm, e->msgctxt, e->msgid, r->o->min_score, m, MAX_CANDIDATES);
	for (size_t i = 1; i < n && !done; i++)
		done = try_candidate(r, e, &m[i], v);
	ms_tm_matches_release(m, n);
	return done;
}

/* ------------------------------------------------------ terms through MT */

typedef struct term_keep {
	const run *r;
	const char *term;       /* term id */
	char *english;          /* the span of the source */
} term_keep;

typedef struct term_hit {
	const char *id, *expected;
} term_hit;

typedef struct term_hits {
	term_hit *v;
	size_t n, cap;
	const char *want;       /* window search: the term looked for */
	bool found;
	bool ok;                /* keep: its verdict was ok */
} term_hits;

static void
on_term(const ms_gloss_result *res, void *data)
{
	term_hits *t = data;
	if (t->want) {
		if (!strcmp(res->term, t->want)) {
			t->found = true;
			t->ok = res->verdict == MS_GLOSS_OK;
		}
		return;
	}
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->v[i].id, res->term))
			return;
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 8;
		t->v = ms_xrealloc(t->v, t->cap * sizeof *t->v);
	}
	t->v[t->n++] = (term_hit){ res->term, res->expected };
}

/* Whether the glossary sees TERM in SRC[A, B) (with TEXT as its
 * translation: then whether the verdict is ok). */
static bool
window_has(const run *r, const char *src, size_t a, size_t b, const char *term,
           const char *text, bool *ok)
{
	char *w = ms_xstrndup(src + a, b - a);
	term_hits t = { .want = term };
	ms_glossary_match(r->o->glossary, w, text, r->o->lang, on_term, &t);
	free(w);
	if (ok)
		*ok = t.ok;
	return t.found;
}

static bool
keep_engine_words(const ms_mt_term *mt, const char *engine_text, void *data)
{
	const term_keep *k = data;
	bool ok = false;
	(void)mt;
	return window_has(k->r, k->english, 0, strlen(k->english), k->term, engine_text, &ok) && ok;
}

static bool
edge_char(const char *s, size_t i)
{
	uint32_t cp;
	ms_utf8_decode(s + i, strlen(s + i), &cp);
	return cp != UINT32_MAX && (u_ispunct((UChar32)cp) || u_isUWhiteSpace((UChar32)cp));
}

/* Narrow [*A, *B) of SRC past punctuation, white space and inline tags
 * at either end (TOKS: SRC's tokens); false when what is left is not
 * inside one run of text (a tag within could cut a pair: the span is not
 * protected). */
static bool
trim_span(const char *src, const ms_tm_tok *toks, size_t ntoks, size_t *a, size_t *b)
{
	for (;;) {
		size_t before_a = *a, before_b = *b;
		for (size_t i = 0; i < ntoks; i++) {
			const ms_tm_tok *t = &toks[i];
			if (t->kind == MS_TM_TOK_TEXT)
				continue;
			if (t->off == *a && t->off + t->len <= *b)
				*a = t->off + t->len;
			if (t->off + t->len == *b && t->off >= *a)
				*b = t->off;
		}
		while (*a < *b && edge_char(src, *a))
			(*a)++;
		while (*b > *a) {
			size_t p = *b - 1;
			while (p > *a && ((unsigned char)src[p] & 0xc0) == 0x80)
				p--;
			if (!edge_char(src, p))
				break;
			*b = p;
		}
		if (*a == before_a && *b == before_b)
			break;
	}
	if (*a >= *b)
		return false;
	for (size_t i = 0; i < ntoks; i++)
		if (toks[i].kind == MS_TM_TOK_TEXT && toks[i].off <= *a
		    && *b <= toks[i].off + toks[i].len)
			return true;
	return false;
}

typedef struct mt_job {
	ms_entry *e;
	ms_mt_term *terms;
	term_keep *keeps;
	size_t nterms;
} mt_job;

/* The protected spans of E's msgid: each occurrence of each glossary
 * term that has a rendering, narrowed to the fewest words the glossary
 * still sees it in. */
static void
find_terms(const run *r, mt_job *j)
{
	const char *src = j->e->msgid;
	term_hits hits = { .want = NULL };
	size_t nw = 0, *ws, *we, len = strlen(src), ntoks;
	ms_tm_tok *toks;

	ms_glossary_match(r->o->glossary, src, "", r->o->lang, on_term, &hits);
	if (hits.n == 0 || !ms_tm_tags_split(src, &toks, &ntoks)) {
		free(hits.v);
		return;
	}
	/* word boundaries: runs of non-blank bytes */
	ws = ms_xcalloc(len + 1, sizeof *ws);
	we = ms_xcalloc(len + 1, sizeof *we);
	for (size_t i = 0; i < len;) {
		while (i < len && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n'))
			i++;
		if (i == len)
			break;
		ws[nw] = i;
		while (i < len && !(src[i] == ' ' || src[i] == '\t' || src[i] == '\n'))
			i++;
		we[nw++] = i;
	}
	j->terms = ms_xcalloc(nw + 1, sizeof *j->terms);
	j->keeps = ms_xcalloc(nw + 1, sizeof *j->keeps);
	for (size_t k = 0; k < hits.n; k++) {
		size_t pos = 0;
		if (!hits.v[k].expected)
			continue;
		while (pos < nw) {
			size_t first = nw, last = nw, a, b;
			for (size_t e = pos; e < nw; e++)
				if (window_has(r, src, ws[pos], we[e], hits.v[k].id, "", NULL)) {
					last = e;
					break;
				}
			if (last == nw)
				break;
			for (size_t s = last + 1; s-- > pos;)
				if (window_has(r, src, ws[s], we[last], hits.v[k].id, "", NULL)) {
					first = s;
					break;
				}
			if (first == nw)
				break;
			a = ws[first];
			b = we[last];
			pos = last + 1;
			if (!trim_span(src, toks, ntoks, &a, &b))
				continue;
			/* spans of earlier terms win */
			bool overlaps = false;
			for (size_t q = 0; q < j->nterms; q++)
				if (a < j->terms[q].off + j->terms[q].len && j->terms[q].off < b)
					overlaps = true;
			if (overlaps || j->nterms >= nw)
				continue;
			j->keeps[j->nterms] = (term_keep){ r, hits.v[k].id, ms_xstrndup(src + a, b - a) };
			j->terms[j->nterms] = (ms_mt_term){ a, b - a, hits.v[k].expected,
			                                    keep_engine_words, NULL };
			j->nterms++;
		}
	}
	/* in order of offset; the keep data follow their term */
	for (size_t x = 1; x < j->nterms; x++)
		for (size_t y = x; y > 0 && j->terms[y - 1].off > j->terms[y].off; y--) {
			ms_mt_term t = j->terms[y];
			term_keep kk = j->keeps[y];
			j->terms[y] = j->terms[y - 1];
			j->keeps[y] = j->keeps[y - 1];
			j->terms[y - 1] = t;
			j->keeps[y - 1] = kk;
		}
	for (size_t x = 0; x < j->nterms; x++)
		j->terms[x].data = &j->keeps[x];
	free(ws);
	free(we);
	free(toks);
	free(hits.v);
}

static ms_status
from_engine(const run *r, mt_job *jobs, size_t n, verdicts *v)
{
	ms_mt_segment *segs = ms_xcalloc(n + 1, sizeof *segs);
	ms_status st;
	for (size_t i = 0; i < n; i++) {
		if (r->o->glossary)
			find_terms(r, &jobs[i]);
		segs[i].source = jobs[i].e->msgid;
		segs[i].terms = jobs[i].terms;
		segs[i].nterms = jobs[i].nterms;
	}
	st = ms_mt_translate(r->o->mt, segs, n, r->h);
	for (size_t i = 0; st == MS_OK && i < n; i++) {
		ms_entry *e = jobs[i].e;
		ms_buf origin = MS_BUF_INIT;
		if (!segs[i].target || !*segs[i].target || !vet(r, e, &segs[i].target, v))
			continue;
		if (segs[i].problem) {
			if (v->review.len)
				ms_buf_putc(&v->review, '\n');
			ms_buf_printf(&v->review, "missive-review: %s", segs[i].problem);
			v->findings++;
		}
		ms_tm_origin_comment(MS_ORIGIN_MT, r->o->mt_version ? r->o->mt_version : r->o->mt->name,
		                     segs[i].target, &origin);
		fill(e, segs[i].target, false, origin.ptr, v);
		r->st->mt++;
		r->st->reviewed += v->findings > 0;
		ms_buf_release(&origin);
	}
	ms_mt_segments_release(segs, n);
	free(segs);
	return st;
}

ms_status
ms_pretranslate(ms_catalog *po, const ms_tm *tm, const ms_pretranslate_opts *o,
                ms_pretranslate_stats *stats, ms_diag_handler *h)
{
	ms_pretranslate_opts opts = *o;
	run r = { &opts, stats, h };
	verdicts v;
	mt_job *jobs = NULL;
	size_t njobs = 0, n = ms_catalog_count(po);
	ms_status st = MS_OK;

	memset(stats, 0, sizeof *stats);
	if (opts.min_score <= 0)
		opts.min_score = 0.75;
	ms_buf_init(&v.review, 0);
	for (size_t i = 0; i < n; i++) {
		ms_entry *e = ms_catalog_entry(po, i);
		if (!untranslated(e))
			continue;
		stats->untranslated++;
		if (tm && from_memory(&r, tm, e, &v))
			continue;
		if (opts.mt) {
			if (!jobs)
				jobs = ms_xcalloc(n, sizeof *jobs);
			jobs[njobs++].e = e;
		}
	}
	if (njobs)
		st = from_engine(&r, jobs, njobs, &v);
	for (size_t i = 0; i < njobs; i++) {
		for (size_t k = 0; k < jobs[i].nterms; k++)
			free(jobs[i].keeps[k].english);
		free(jobs[i].terms);
		free(jobs[i].keeps);
	}
	free(jobs);
	for (size_t i = 0; i < n; i++)
		stats->left += untranslated(ms_catalog_entry(po, i));
	ms_buf_release(&v.review);
	return st;
}

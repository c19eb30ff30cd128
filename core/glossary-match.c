/* glossary-match.c — the matcher: what a compiled glossary says about one
 * (msgid, msgstr) pair.
 *
 *   1. normalise both strings (glossary-text.c);
 *   2. English source: split into words, analyse each (morph.c), look
 *      every word's stem up in the index of the first stems of all source
 *      forms, and verify the candidates word by word (align), allowing
 *      compounds written closed, spaced or hyphenated; matches inside
 *      longer matches are dropped (source_scan);
 *   3. target: for languages written in words the same, with the target
 *      language's morphology; for languages written in syllables, a scan
 *      over code points keyed by the first two characters, with spaces
 *      inside renderings optional and the language's boundary rules:
 *      nothing of the script before a rendering, only particles and
 *      endings after it, unless it is compounded with another rendering
 *      (k_left, k_right);
 *   4. a verdict per term found in the source (verdicts).
 *
 * Words are analysed once and cached per thread and language, so the
 * cost of a pair is about its length.  Everything here that changes
 * lives in the ms_gloss_matcher; the glossary is only read. */
#include "glossary-impl.h"
#include "langtag.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ================================================================ state */

typedef struct occ {
	const pat *p;
	uint32_t s, e;           /* tokens or code points */
	int8_t lok, rok;         /* boundaries: -1 not known yet; rok
	                            OCC_WEAK: see k_right */
} occ;

#define OCC_WEAK 2

typedef struct smatch {
	uint32_t term;
	uint32_t s, e;           /* source tokens */
} smatch;

struct ms_gloss_matcher {
	const ms_glossary *g;
	gl_scratch sc;
	lrun src;                /* English */
	lrun *tl;                /* [i]: the glossary's target language i */
	ms_buf stext, ttext;     /* the pair, normalised */
	tokvec st;
	tokvec tt;
	GL_VEC(UChar32) cp;
	GL_VEC(occ) oc;
	GL_VEC(smatch) sm;
	GL_VEC(smatch) keep;     /* sm without matches inside longer ones */
	GL_VEC(uint32_t) order;
	uint32_t *seen;          /* per term: stamp when present */
	uint32_t stamp;
	ms_gloss_matcher *next;  /* in the glossary's pool */
};

/* ============================================================ tokeniser */

static uint8_t
gap_kind(const char *s, size_t a, size_t b, bool first)
{
	if (first)
		return GAP_START;
	if (b == a + 1 && s[a] == '-')
		return GAP_HYPHEN;
	for (size_t i = a; i < b; i++)
		if (s[i] != ' ')
			return GAP_PUNCT;
	return GAP_SPACE;
}

void
gl_tokenise(morph_run *r, gl_scratch *sc, const char *s, size_t len,
            tokvec *out, gl_arena *a)
{
	uint32_t prev = 0;
	out->n = 0;
	for (size_t i = 0; i < len;) {
		size_t l;
		UChar32 c = gl_cp_at(s, len, i, &l);
		if (!gl_is_word_cp(c)) {
			i += l;
			continue;
		}
		tok t;
		t.start = (uint32_t)i;
		t.end = 0;
		while (i < len) {
			c = gl_cp_at(s, len, i, &l);
			if (gl_is_word_cp(c)) {
				i += l;
				continue;
			}
			if (c == '\'' && i + 1 < len) {
				size_t l2, l3;
				UChar32 c2 = gl_cp_at(s, len, i + 1, &l2);
				if ((c2 == 's' || c2 == 'S')
				    && (i + 2 >= len || !gl_is_word_cp(gl_cp_at(s, len, i + 2, &l3)))) {
					t.end = (uint32_t)i;   /* possessive 's */
					i += 2;
					break;
				}
				if (gl_is_word_cp(c2)) {
					i += 1;        /* o'clock, d'Ivoire */
					continue;
				}
			}
			if (c == '\'' && (s[i - 1] == 's' || s[i - 1] == 'S')) {
				t.end = (uint32_t)i;           /* citizens' */
				i += 1;
			}
			break;
		}
		if (!t.end)
			t.end = (uint32_t)i;
		t.after = (uint32_t)i;
		t.gstart = prev;
		t.gap = gap_kind(s, prev, t.start, out->n == 0);
		ms_buf_reset(&sc->wb);
		gl_fold_word(&sc->nm, s + t.start, t.end - t.start, &sc->wb);
		t.w = a ? morph_analyse(r, s + t.start, t.end - t.start, sc->wb.ptr,
		                        sc->wb.len, true, a)
		        : morph_word(r, s + t.start, t.end - t.start, sc->wb.ptr, sc->wb.len);
		t.m = NULL;
		GL_VEC_PUSH(*out, t);
		prev = t.after;
	}
}

/* Do the non-space bytes of S[A..B) equal P (mode 1: start with P;
 * mode 2: end with it)? */
static bool
punct_match(const char *s, size_t a, size_t b, const char *p, int mode)
{
	char buf[128];
	size_t n = 0, m = strlen(p);
	for (size_t i = a; i < b && n < sizeof buf; i++)
		if (s[i] != ' ')
			buf[n++] = s[i];
	if (n < m)
		return false;
	if (mode == 0)
		return n == m && !memcmp(buf, p, m);
	if (mode == 1)
		return !memcmp(buf, p, m);
	return !memcmp(buf + n - m, p, m);
}

/* ======================================================== word matching */

/* Does the word T of S start with a capital letter? */
static bool
capitalised(const char *s, const tok *t)
{
	size_t l;
	return u_isupper(gl_cp_at(s, t->end, t->start, &l));
}

static bool
gap_ok(const pat *p, uint32_t j, const tok *t, const char *s)
{
	if (p->punct[j])
		return t->gap != GAP_START
		       && punct_match(s, t->gstart, t->start, p->punct[j], 0);
	/* forbidden forms are literal: "no-devolución" is not "no devolución" */
	if (p->strict)
		return t->gap == GAP_SPACE;
	return t->gap == GAP_SPACE || t->gap == GAP_HYPHEN;
}

/* Must word J of the required rendering P stand as written: is it the
 * first word of a complement, after a preposition and any short words
 * of a class (articles)?  Consejo de Derechos Humanos: Derechos; not
 * Humanos, nor repatriado in prisionero de guerra no repatriado, which
 * agree with their own noun. */
static bool
fixed_word(const morph *x, const pat *p, uint32_t j)
{
	if (p->kind != K_REQUIRED || j < 2 || p->w[j]->wclass >= 0)
		return false;
	uint32_t k = j - 1;
	while (k > 1 && p->w[k]->wclass >= 0)
		k--;
	return morph_word_fixes_rest(x, p->w[k]);
}

/* Match words J… of P against text words I…; the end in *END.  INS:
 * how many modifiers may still stand after the rendering's first word
 * (periodo ordinario de sesiones for período de sesiones). */
static bool
align(const morph *x, const pat *p, uint32_t j, const tok *T, size_t n, size_t i,
      const char *s, size_t *end, int ins)
{
	if (j == p->ntok) {
		*end = i;
		return true;
	}
	if (i >= n)
		return false;
	bool gap = j == 0 || gap_ok(p, j, &T[i], s);
	bool same = gap && (p->kind == K_CONDITION ? morph_word_related(x, p->w[j], T[i].w)
	                    : fixed_word(x, p, j) ? !strcmp(p->w[j]->fold, T[i].w->fold)
	                    : morph_word_eq(x, p->w[j], T[i].w));
	if (same && align(x, p, j + 1, T, n, i + 1, s, end, ins))
		return true;
	/* a prefix joined by a hyphen is part of the word (co-patrocinaron
	 * is copatrocinar, in forbidden forms too) */
	if (gap && T[i].m && i + 1 < n && (!p->strict || T[i + 1].gap == GAP_HYPHEN)
	    && morph_word_eq(x, p->w[j], T[i].m) && align(x, p, j + 1, T, n, i + 2, s, end, ins))
		return true;
	/* a word the language may leave out of a rendering (de las Naciones
	 * Unidas written de Naciones Unidas), or add inside it (borrador de
	 * la resolución for borrador de resolución; hold them accountable),
	 * in every kind of form */
	if (j > 0 && j + 1 < p->ntok && morph_word_optional(x, p->w[j])
	    && align(x, p, j + 1, T, n, i, s, end, ins))
		return true;
	if (j > 0 && gap && T[i].gap == GAP_SPACE && i + 1 < n
	    && morph_word_inserted(x, T[i].w, p->w[j - 1], p->w[j], p->kind == K_REQUIRED)
	    && align(x, p, j, T, n, i + 1, s, end, ins))
		return true;
	if (p->strict)
		return false;
	/* a complement naming who the title belongs to, inside it: Alto
	 * Comisionado de la ONU para los Derechos Humanos */
	if (ins && j > 0 && gap && T[i].gap == GAP_SPACE && morph_word_qualifier(x, T[i].w)) {
		size_t k = i + 1, caps = 0;
		while (k < n && T[k].gap == GAP_SPACE && morph_word_optional(x, T[k].w))
			k++;
		while (k < n && caps < 3 && T[k].gap == GAP_SPACE && capitalised(s, &T[k])) {
			k++;
			caps++;
			if (align(x, p, j, T, n, k, s, end, ins - 1))
				return true;
		}
	}
	if (gap && j + 1 < p->ntok && p->merged[j] && morph_word_eq(x, p->merged[j], T[i].w)
	    && align(x, p, j + 2, T, n, i + 1, s, end, ins))
		return true;
	/* a modifier after the rendering's first word, in a language that
	 * puts adjectives after their noun: lower case, not a short word */
	if (ins && j == 1 && p->ntok >= 3 && gap && T[i].gap == GAP_SPACE
	    && morph_modifier_after_head(x) && morph_word_modifier(x, T[i].w)
	    && !(s[T[i].start] >= 'A' && s[T[i].start] <= 'Z')
	    && align(x, p, j, T, n, i + 1, s, end, ins - 1))
		return true;
	return false;
}

/* Does P match at word I of the text S (LEN bytes)?  *END receives the
 * word after the match. */
static bool
tok_match_at(const morph *x, const pat *p, const tok *T, size_t n, size_t i,
             const char *s, size_t len, size_t *end)
{
	if (p->punct[0]) {
		if (!punct_match(s, T[i].gstart, T[i].start, p->punct[0], 2))
			return false;
	} else if (T[i].gap == GAP_HYPHEN)
		return false;    /* inside a hyphenated compound (non-refoulement) */
	if (!align(x, p, 0, T, n, i, s, end, 1))
		return false;
	const tok *last = &T[*end - 1];
	if (p->tail && !punct_match(s, last->after,
	                            *end < n ? T[*end].start : len, p->tail, 1))
		return false;
	if (p->exact && (last->end - T[i].start != p->corelen
	                 || memcmp(s + T[i].start, p->core, p->corelen)))
		return false;
	return true;
}

/* Look a text word up once: the patterns starting with its stem, and
 * whether it may be the head of a compound.  The answers stay in the
 * cached winfo (the thread's own), so a frequent word costs one hash
 * lookup. */
static const winfo *
looked_up(const lx *x, const winfo *cw)
{
	winfo *w = (winfo *)cw;   /* text words live in the thread's cache */
	if (!w->looked) {
		for (size_t i = 0; i < w->nan && w->npost < GL_TEXT_STEMS; i++) {
			const gl_posting *p = ms_htab_get(x->index, w->an[i].stem, w->an[i].slen);
			bool seen = false;
			for (size_t k = 0; k < w->npost && !seen; k++)
				seen = w->post[k] == p;
			if (p && !seen)
				w->post[w->npost++] = p;
		}
		w->head = ms_htab_get(x->heads, w->fold, strlen(w->fold)) != NULL;
		w->looked = true;
	}
	return w;
}

/* Close up words with their successors where a compound might start
 * (only where a pattern word has that prefix). */
static void
tok_merges(const lrun *lr, gl_scratch *sc, tok *T, size_t n)
{
	const lx *x = lr->x;
	for (size_t i = 0; i + 1 < n; i++) {
		if (T[i + 1].gap != GAP_SPACE && T[i + 1].gap != GAP_HYPHEN)
			continue;
		if (!looked_up(x, T[i].w)->head)
			continue;
		const char *a = T[i].w->fold, *b = T[i + 1].w->fold;
		size_t al = strlen(a), bl = strlen(b) < 2 ? strlen(b) : 2;
		char key[256];
		if (al + 3 > sizeof key)
			continue;
		memcpy(key, a, al);
		key[al] = '\1';
		memcpy(key + al + 1, b, bl);
		if (!ms_htab_get(x->prefixes, key, al + 1 + bl))
			continue;
		ms_buf_reset(&sc->wb);
		ms_buf_puts(&sc->wb, T[i].w->fold);
		ms_buf_puts(&sc->wb, T[i + 1].w->fold);
		T[i].m = morph_word(lr->r, NULL, 0, sc->wb.ptr, sc->wb.len);
	}
}

/* Every match of X's indexed patterns in the words T of S: FN(p, i, end)
 * for each. */
typedef void (*hit_fn)(const pat *p, size_t s, size_t e, void *data);

static void
tok_scan(const lx *x, const tok *T, size_t n, const char *s, size_t len,
         hit_fn fn, void *data)
{
	for (size_t i = 0; i < n; i++) {
		for (int pass = 0; pass < 2; pass++) {
			const winfo *w = pass ? T[i].m : T[i].w;
			if (!w)
				continue;
			looked_up(x, w);
			for (size_t k = 0; k < w->npost; k++)
				for (const gl_posting *q = w->post[k]; q; q = q->next) {
					/* a pattern indexed under two of the word's stems
					 * is tried once */
					bool again = false;
					for (size_t j = 0; j < k && !again; j++)
						for (const gl_posting *o = w->post[j]; o && !again; o = o->next)
							again = o->p == q->p;
					size_t end;
					if (!again && tok_match_at(x->m, q->p, T, n, i, s, len, &end))
						fn(q->p, i, end, data);
				}
		}
	}
}

/* ========================================================= char matching */

/* Match the code points P[A..B) of a pattern at T[I…N) (spaces inside
 * optional between letters of syllable scripts, ' ' in P a space that
 * must be there); the end, or 0. */
static size_t
cp_match(const UChar32 *P, size_t a, size_t b, const UChar32 *T, size_t n, size_t i)
{
	for (size_t k = a; k < b; k++) {
		UChar32 pc = P[k];
		if (pc == ' ') {
			if (i >= n || T[i] != ' ')
				return 0;
			while (i < n && T[i] == ' ')
				i++;
			continue;
		}
		if (k > a && i < n && T[i] == ' ') {
			if (gl_is_latinish(P[k - 1]) && gl_is_latinish(pc))
				return 0;
			while (i < n && T[i] == ' ')
				i++;
		}
		if (i >= n || T[i] != pc)
			return 0;
		i++;
	}
	return i;
}

/* Match P[K…] at T[I…N), where the word of P that ends at its break B
 * (and each later one) may take a linking particle before the next word
 * (반인도적 범죄 as 반인도적인 범죄); the end, or 0. */
static size_t
linked_match(const lx *x, const pat *p, uint32_t k, uint32_t b, const UChar32 *T,
             size_t n, size_t i)
{
	uint32_t to = b < p->nbrk ? p->brk[b] : p->ncp;
	size_t e = cp_match(p->cp, k, to, T, n, i);
	if (!e || to == p->ncp)
		return e;
	size_t j = e, r, l;
	while (j < n && T[j] == ' ')
		j++;
	if ((r = linked_match(x, p, to, b + 1, T, n, j))
	    || !(l = morph_linking_at(x->m, T, n, e)))
		return r;
	for (j = e + l; j < n && T[j] == ' '; j++)
		;
	return linked_match(x, p, to, b + 1, T, n, j);
}

/* Match P at code point S0 of T; the end, or 0.  A rendering made of two
 * nouns may also be written with an adverbial particle between them, as
 * a verb phrase (강제송환 as 강제로 송환된). */
static size_t
char_match(const lx *x, const pat *p, const UChar32 *T, size_t n, size_t s0)
{
	size_t e = p->nbrk ? linked_match(x, p, 0, 0, T, n, s0)
	                   : cp_match(p->cp, 0, p->ncp, T, n, s0);
	if (e || !morph_agglutinative(x->m))
		return e;
	for (size_t k = 2; k + 2 <= p->ncp; k++) {
		if (!gl_is_hangul(p->cp[k - 1]) || !gl_is_hangul(p->cp[k]))
			continue;
		size_t i = cp_match(p->cp, 0, k, T, n, s0), a = 0, obj = 0;
		if (!i || !((a = morph_adverbial_at(x->m, T, n, i))
		            || (obj = morph_object_at(x->m, T, n, i)))
		    || !morph_known_noun(x->m, x->morphemes, p->cp, 0, k)
		    || !morph_known_noun(x->m, x->morphemes, p->cp, k, p->ncp))
			continue;
		i += a + obj;
		while (i < n && T[i] == ' ')
			i++;
		/* with its object (책임을 추궁), the second noun is a verb */
		if ((e = cp_match(p->cp, k, p->ncp, T, n, i))
		    && (!obj || morph_verb_ending_at(x->m, T, n, e)))
			return e;
	}
	/* a required rendering that names the act's participant (억류자) is
	 * also written as the act's participle before a noun (억류된 국민) */
	size_t l = p->ncp ? p->ncp - 1 : 0, q;
	if (p->kind == K_REQUIRED && l >= 2 && gl_is_hangul(p->cp[l - 1])
	    && morph_participant(x->m, p->cp[l])
	    && (e = cp_match(p->cp, 0, l, T, n, s0))
	    && (q = morph_participle_at(x->m, T, n, e))
	    && morph_known_noun(x->m, x->morphemes, p->cp, 0, l))
		return e + q;
	return 0;
}

static void
char_scan(const lx *x, const UChar32 *T, size_t n, hit_fn fn, void *data)
{
	for (size_t i = 0; i < n; i++) {
		if (T[i] == ' ')
			continue;
		size_t q = i + 1;
		while (q < n && T[q] == ' ')
			q++;
		for (int pass = 0; pass < 2; pass++) {
			if (pass == 0 && q >= n)
				continue;
			gl_ckey key = gl_ckey_of(T[i], pass ? 0 : T[q]);
			for (const gl_posting *pp = ms_htab_get(x->cindex, (const char *)&key,
			                                        sizeof key); pp; pp = pp->next) {
				size_t e = char_match(x, pp->p, T, n, i);
				if (e)
					fn(pp->p, i, e, data);
			}
		}
	}
}

/* ------------------------------------------------------------ boundaries */

static UChar32
first_cp(const pat *p)
{
	return p->cp[0];
}

static UChar32
last_cp(const pat *p)
{
	return p->cp[p->ncp - 1];
}

static bool
left_basic(const pat *p, const UChar32 *T, size_t s)
{
	if (s == 0)
		return true;
	UChar32 f = first_cp(p), prev = T[s - 1];
	if (gl_is_latinish(f))
		return !gl_is_latinish(prev);
	if (gl_is_hangul(f))
		return !gl_is_hangul(prev);
	return true;
}

static bool
right_basic(const pat *p, const UChar32 *T, size_t n, size_t e)
{
	if (e >= n)
		return true;
	UChar32 l = last_cp(p), next = T[e];
	if (gl_is_latinish(l))
		return !gl_is_latinish(next);
	if (gl_is_hangul(l))
		return !gl_is_hangul(next);
	return true;
}

typedef struct kctx {
	occ *o;
	size_t no;
	const UChar32 *T;
	size_t n;
	const morph *m;
	const ms_htab *known;    /* the language's renderings */
	bool agglutinative;
} kctx;

static bool
k_left(kctx *k, size_t i)
{
	occ *o = &k->o[i];
	if (o->lok >= 0)
		return o->lok;
	o->lok = 0;   /* no cycles: partners end before this starts */
	bool ok = left_basic(o->p, k->T, o->s);
	if (!ok && k->agglutinative && gl_is_hangul(first_cp(o->p)))
		ok = morph_left_ok(k->m, k->known, k->T, k->n, o->s);
	for (size_t j = 0; !ok && k->agglutinative && j < k->no; j++)
		if (j != i && k->o[j].e == o->s && k->o[j].p->kind == K_REQUIRED
		    && k_left(k, j))
			ok = true;
	o->lok = ok;
	return ok;
}

static bool
k_right(kctx *k, size_t i)
{
	occ *o = &k->o[i];
	if (o->rok >= 0)
		return o->rok;
	o->rok = 0;
	const UChar32 *T = k->T;
	size_t n = k->n, e = o->e;
	bool ok = o->p->kind == K_EXCEPTION || o->p->kind == K_NOT_RENDERING
	          || right_basic(o->p, T, n, e);
	if (!ok && k->agglutinative && gl_is_hangul(last_cp(o->p))) {
		bool req = o->p->kind == K_REQUIRED;
		ok = morph_right_ok(k->m, k->known, T, n, o->s, e, req);
		for (size_t j = 0; !ok && j < k->no; j++)
			if (j != i && k->o[j].s == e && k->o[j].p->kind == K_REQUIRED
			    && k_right(k, j))
				ok = true;
		/* a noun of the participant (-자, -국) after a forbidden form
		 * may be another word (정책결정자 holds 결정): the occurrence
		 * is weak, the verdict only when the term has no rendering
		 * (공동후원국 alone for "co-sponsor") */
		if (!ok && !req && morph_right_ok(k->m, k->known, T, n, o->s, e, true)) {
			o->rok = OCC_WEAK;
			return true;
		}
	}
	o->rok = ok;
	return ok;
}

/* ============================================================ languages */

/* Is the glossary's language block tag BLOCK for the catalogue language
 * LANG, at pass 0 (the same tag), 1 (LANG is more specific: "es-419"
 * uses "es") or 2 (the same primary language: "es" uses "es-419" when
 * nothing closer exists)? */
static bool
lang_pass(const char *block, const char *lang, int pass)
{
	switch (pass) {
	case 0: return !strcmp(block, lang);
	case 1: return ms_lang_is(lang, block);
	default: {
		size_t n = ms_lang_primary_len(block);
		return n == ms_lang_primary_len(lang) && !strncasecmp(block, lang, n);
	}
	}
}

/* The index of the compiled target language for LANG, or -1. */
static size_t
find_lx_index(const ms_glossary *gl, const char *lang)
{
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < gl->ntl; i++)
			if (lang_pass(gl->tl[i]->lang, lang, pass))
				return i;
	return (size_t)-1;
}

const lx *
gl_find_lx(const ms_glossary *gl, const char *lang)
{
	size_t i = find_lx_index(gl, lang);
	return i == (size_t)-1 ? NULL : gl->tl[i];
}

/* Term T's block for LANG, chosen as find_lx_index chooses. */
static const glang *
term_lang(const gterm *t, const char *lang)
{
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < t->nlangs; i++)
			if (lang_pass(t->langs[i].lang, lang, pass))
				return &t->langs[i];
	return NULL;
}

/* ============================================================ matching */

static void
src_hit(const pat *p, size_t s, size_t e, void *data)
{
	ms_gloss_matcher *g = data;
	smatch m = { p->term, (uint32_t)s, (uint32_t)e };
	GL_VEC_PUSH(g->sm, m);
}

static void
tgt_hit(const pat *p, size_t s, size_t e, void *data)
{
	ms_gloss_matcher *g = data;
	occ o = { p, (uint32_t)s, (uint32_t)e, -1, -1 };
	GL_VEC_PUSH(g->oc, o);
}

/* Find the terms of MSGID: g->order lists them in order of first
 * occurrence, g->seen[term] == g->stamp marks them. */
static void
source_scan(ms_gloss_matcher *g, const char *msgid)
{
	const ms_glossary *gl = g->g;
	morph_run_trim(g->src.r);
	gl_norm_text(&g->sc.nm, msgid, &g->stext);
	gl_tokenise(g->src.r, &g->sc, g->stext.ptr, g->stext.len, &g->st, NULL);
	tok_merges(&g->src, &g->sc, g->st.v, g->st.n);
	g->sm.n = 0;
	tok_scan(&gl->src, g->st.v, g->st.n, g->stext.ptr, g->stext.len, src_hit, g);
	if (++g->stamp == 0) {
		memset(g->seen, 0, gl->nterms * sizeof *g->seen);
		g->stamp = 1;
	}
	g->order.n = 0;
	g->keep.n = 0;
	/* longest match wins: a match inside a longer one does not count */
	for (size_t pos = 0; pos < g->st.n; pos++) {
		for (size_t i = 0; i < g->sm.n; i++) {
			smatch *a = &g->sm.v[i];
			if (a->s != pos)
				continue;
			bool inside = false;
			for (size_t j = 0; j < g->sm.n && !inside; j++) {
				smatch *b = &g->sm.v[j];
				inside = b->s <= a->s && a->e <= b->e
				         && b->e - b->s > a->e - a->s;
			}
			if (inside)
				continue;
			GL_VEC_PUSH(g->keep, *a);
			if (g->seen[a->term] == g->stamp)
				continue;
			g->seen[a->term] = g->stamp;
			GL_VEC_PUSH(g->order, a->term);
		}
	}
}

/* Scan the normalised translation with language LR: every occurrence of
 * every form into g->oc, with its boundaries. */
static void
target_scan(ms_gloss_matcher *g, const lrun *lr)
{
	const lx *x = lr->x;
	g->oc.n = 0;
	if (x->engine == MORPH_WORDS) {
		morph_run_trim(lr->r);
		gl_tokenise(lr->r, &g->sc, g->ttext.ptr, g->ttext.len, &g->tt, NULL);
		tok_merges(lr, &g->sc, g->tt.v, g->tt.n);
		tok_scan(x, g->tt.v, g->tt.n, g->ttext.ptr, g->ttext.len, tgt_hit, g);
		for (size_t i = 0; i < g->oc.n; i++)
			g->oc.v[i].lok = g->oc.v[i].rok = 1;
		return;
	}
	g->cp.n = 0;
	for (size_t i = 0; i < g->ttext.len;) {
		size_t l;
		UChar32 c = gl_fold_cp(&g->sc.nm, gl_cp_at(g->ttext.ptr, g->ttext.len, i, &l));
		i += l;
		if (c)
			GL_VEC_PUSH(g->cp, c);
	}
	gl_middle_dots_to_spaces(g->cp.v, g->cp.n);
	g->cp.n = morph_drop_glosses(x->m, g->cp.v, g->cp.n);
	char_scan(x, g->cp.v, g->cp.n, tgt_hit, g);
	kctx k = { g->oc.v, g->oc.n, g->cp.v, g->cp.n, x->m, x->morphemes,
	           morph_agglutinative(x->m) };
	for (size_t i = 0; i < g->oc.n; i++) {
		k_left(&k, i);
		k_right(&k, i);
	}
}

static bool
occ_valid(const occ *o)
{
	return o->lok > 0 && o->rok > 0;
}

static bool
covers(const occ *a, const occ *b)
{
	return a->s <= b->s && b->e <= a->e;
}

/* Does the required rendering O share text with a string that the
 * glossary says does not render its term (not_a_rendering: 한국 in
 * 한국전쟁; Oficina del Alto Comisionado, whose words begin Alto
 * Comisionado para los Derechos Humanos)? */
static bool
masked(const ms_gloss_matcher *g, const occ *o)
{
	for (size_t i = 0; i < g->oc.n; i++) {
		const occ *q = &g->oc.v[i];
		if (q->p->kind == K_NOT_RENDERING && q->p->term == o->p->term && q->lok > 0
		    && q->s < o->e && o->s < q->e)
			return true;
	}
	return false;
}

/* Are terms A and B next to each other somewhere in the source ("North
 * Korean" + "escapee")? */
static bool
adjacent_terms(const ms_gloss_matcher *g, uint32_t a, uint32_t b)
{
	for (size_t i = 0; i < g->keep.n; i++) {
		const smatch *x = &g->keep.v[i];
		if (x->term != a)
			continue;
		for (size_t j = 0; j < g->keep.n; j++) {
			const smatch *y = &g->keep.v[j];
			if (y->term != b)
				continue;
			const smatch *later = x->e == y->s ? y : y->e == x->s ? x : NULL;
			if (later && (g->st.v[later->s].gap == GAP_SPACE
			              || g->st.v[later->s].gap == GAP_HYPHEN))
				return true;
		}
	}
	return false;
}

/* A rendering of term TI that fails its boundaries still counts when it
 * is part of the rendering of a neighbouring term of the source: Korean
 * 북한이탈주민 renders "North Korean escapee" as one word. */
static bool
inside_neighbour(const ms_gloss_matcher *g, uint32_t ti)
{
	for (size_t i = 0; i < g->oc.n; i++) {
		const occ *o = &g->oc.v[i];
		if (o->p->term != ti || o->p->kind != K_REQUIRED || masked(g, o))
			continue;
		for (size_t j = 0; j < g->oc.n; j++) {
			const occ *q = &g->oc.v[j];
			if (q->p->term != ti && q->p->kind == K_REQUIRED && occ_valid(q)
			    && g->seen[q->p->term] == g->stamp && covers(q, o)
			    && adjacent_terms(g, ti, q->p->term))
				return true;
		}
	}
	return false;
}

/* Does any condition of GF (allowed_if_source) occur in the source? */
static bool
cond_holds(const ms_gloss_matcher *g, const gform *gf)
{
	const morph *src = g->g->src.m;
	for (size_t c = 0; c < gf->ncond; c++) {
		const pat *p = gf->cpats[c];
		for (size_t i = 0; p && i < g->st.n; i++) {
			size_t end;
			if (tok_match_at(src, p, g->st.v, g->st.n, i, g->stext.ptr,
			                 g->stext.len, &end))
				return true;
		}
	}
	return false;
}

/* Is the forbidden occurrence O excused: inside one of its term's
 * exceptions, inside a required rendering of a term of the source, or
 * allowed by its condition? */
static bool
excused(const ms_gloss_matcher *g, const occ *o)
{
	for (size_t i = 0; i < g->oc.n; i++) {
		const occ *q = &g->oc.v[i];
		if (q == o || !covers(q, o))
			continue;
		if (q->p->kind == K_EXCEPTION && q->p->term == o->p->term && q->lok > 0)
			return true;
		/* a required rendering of a term of the source is never wrong;
		 * for the term itself only a longer one counts, as a lenient
		 * match of the same words ("no-devolución") is no excuse */
		if (q->p->kind == K_REQUIRED && occ_valid(q)
		    && g->seen[q->p->term] == g->stamp
		    && (q->p->term != o->p->term || q->e - q->s > o->e - o->s))
			return true;
	}
	return o->p->gf && o->p->gf->ncond && cond_holds(g, o->p->gf);
}

/* Is the do-not-translate form P (source pattern) verbatim in the
 * normalised translation? */
static bool
verbatim_in(const ms_gloss_matcher *g, const pat *p)
{
	const char *s = g->ttext.ptr, *end = s + g->ttext.len;
	if (!p->corelen)
		return false;
	for (const char *q = s; (q = memmem(q, (size_t)(end - q), p->core, p->corelen));
	     q++) {
		size_t a = (size_t)(q - s), b = a + p->corelen, l;
		bool left = true, right = true;
		if (a > 0) {
			size_t k = a - 1;
			while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
				k--;
			left = !(gl_is_latinish(gl_cp_at(s, g->ttext.len, k, &l))
			         && gl_is_latinish(gl_cp_at(p->core, p->corelen, 0, &l)));
		}
		if (b < g->ttext.len) {
			size_t k = p->corelen - 1;
			while (k > 0 && ((unsigned char)p->core[k] & 0xC0) == 0x80)
				k--;
			right = !(gl_is_latinish(gl_cp_at(s, g->ttext.len, b, &l))
			          && gl_is_latinish(gl_cp_at(p->core, p->corelen, k, &l)));
		}
		if (left && right)
			return true;
	}
	return false;
}

const char *
ms_gloss_verdict_name(ms_gloss_verdict v)
{
	switch (v) {
	case MS_GLOSS_OK: return "ok";
	case MS_GLOSS_MISSING: return "missing";
	case MS_GLOSS_FORBIDDEN: return "forbidden";
	case MS_GLOSS_DEPRECATED: return "deprecated";
	case MS_GLOSS_DNT: return "missing";
	}
	return "ok";
}

size_t
ms_gloss_matcher_match(ms_gloss_matcher *g, const char *msgid, const char *msgstr,
                       const char *lang, ms_gloss_fn fn, void *data)
{
	if (!g || !msgid || !msgstr || !lang)
		return 0;
	const ms_glossary *gl = g->g;
	size_t bad = 0;
	source_scan(g, msgid);
	if (!g->order.n)
		return 0;
	size_t xi = find_lx_index(gl, lang);
	const lrun *lr = xi == (size_t)-1 ? NULL : &g->tl[xi];
	bool need = false;
	for (size_t i = 0; i < g->order.n && lr && !need; i++) {
		const glang *b = term_lang(&gl->terms[g->order.v[i]], lang);
		need = b && (b->nreq || b->nforb || b->ndepr);
	}
	gl_norm_text(&g->sc.nm, msgstr, &g->ttext);
	g->oc.n = 0;
	if (need)
		target_scan(g, lr);
	for (size_t i = 0; i < g->order.n; i++) {
		uint32_t ti = g->order.v[i];
		const gterm *t = &gl->terms[ti];
		const glang *b = term_lang(t, lang);
		ms_gloss_result r;
		memset(&r, 0, sizeof r);
		r.term = t->id;
		r.source = t->source[0].text;
		r.verdict = MS_GLOSS_OK;
		if (b && lr && (b->nreq || b->nforb || b->ndepr)) {
			/* [0]: found; [1]: weak (k_right), counted only when
			 * no required rendering is there */
			const occ *forb[2] = { NULL, NULL }, *depr[2] = { NULL, NULL };
			bool have = false;
			for (size_t k = 0; k < g->oc.n; k++) {
				const occ *o = &g->oc.v[k];
				if (o->p->term != ti || !occ_valid(o))
					continue;
				int w = o->rok == OCC_WEAK;
				if (o->p->kind == K_REQUIRED)
					have |= !masked(g, o);
				else if (o->p->kind == K_FORBIDDEN && !forb[w] && !excused(g, o))
					forb[w] = o;
				else if (o->p->kind == K_DEPRECATED && !depr[w] && !excused(g, o))
					depr[w] = o;
			}
			if (!forb[0] && !depr[0] && !have && !inside_neighbour(g, ti)) {
				forb[0] = forb[1];
				depr[0] = depr[1];
			}
			r.expected = b->nreq ? b->req[0].text : NULL;
			if (forb[0] || depr[0]) {
				const occ *o = forb[0] ? forb[0] : depr[0];
				r.verdict = forb[0] ? MS_GLOSS_FORBIDDEN : MS_GLOSS_DEPRECATED;
				r.found = o->p->gf->text;
				r.reason = o->p->gf->reason;
			} else if (b->nreq && !have && !inside_neighbour(g, ti))
				r.verdict = MS_GLOSS_MISSING;
		} else if (t->dnt) {
			r.expected = t->source[0].text;
			r.verdict = MS_GLOSS_DNT;
			for (size_t k = 0; k < t->nsrcpats; k++)
				if (t->srcpats[k] && verbatim_in(g, t->srcpats[k])) {
					r.verdict = MS_GLOSS_OK;
					break;
				}
		} else
			continue;
		if (r.verdict != MS_GLOSS_OK)
			bad++;
		if (fn)
			fn(&r, data);
	}
	return bad;
}

void
ms_gloss_matcher_hints(ms_gloss_matcher *g, const char *msgid, char *const *langs,
                       ms_buf *out)
{
	if (!g || !msgid)
		return;
	const ms_glossary *gl = g->g;
	source_scan(g, msgid);
	for (size_t i = 0; i < g->order.n; i++) {
		const gterm *t = &gl->terms[g->order.v[i]];
		ms_buf line = MS_BUF_INIT;
		size_t parts = 0;
		bool rendered = false;
		size_t nl = langs ? ms_strv_len(langs) : gl->ntl;
		for (size_t k = 0; k < nl; k++) {
			const char *lang = langs ? langs[k] : gl->tl[k]->lang;
			const glang *b = term_lang(t, lang);
			const char *r = b && b->nreq ? b->req[0].text
			                : t->dnt ? t->source[0].text : NULL;
			if (!r)
				continue;
			rendered |= b && b->nreq;
			ms_buf_printf(&line, "%s%s (%s)", parts++ ? "; " : "", r, lang);
		}
		if (parts || t->dnt) {
			if (out->len && out->ptr[out->len - 1] != '\n')
				ms_buf_putc(out, '\n');
			ms_buf_printf(out, _("glossary: %s → %s"), t->source[0].text,
			              rendered ? line.ptr : _("do not translate"));
		}
		ms_buf_release(&line);
	}
}

bool
ms_gloss_matcher_is_verbatim(ms_gloss_matcher *g, const char *text, const char *lang)
{
	if (!g || !text)
		return false;
	const ms_glossary *gl = g->g;
	char *k = gl_form_key(&g->sc, text);
	bool found = false;
	for (size_t i = 0; i < gl->nterms && !found; i++) {
		const gterm *t = &gl->terms[i];
		const glang *b = lang ? term_lang(t, lang) : NULL;
		bool src = false;
		for (size_t j = 0; j < t->nsource && !src; j++) {
			char *sk = gl_form_key(&g->sc, t->source[j].text);
			src = !strcmp(sk, k);
			free(sk);
		}
		if (!src)
			continue;
		if (t->dnt && !(b && b->nreq)) {
			found = true;
			break;
		}
		for (size_t j = 0; b && j < b->nreq && !found; j++) {
			char *rk = gl_form_key(&g->sc, b->req[j].text);
			found = !strcmp(rk, k);
			free(rk);
		}
	}
	free(k);
	return found;
}

char *
gl_form_key(gl_scratch *sc, const char *text)
{
	ms_buf nb = MS_BUF_INIT, fb = MS_BUF_INIT;
	gl_norm_text(&sc->nm, text, &nb);
	gl_fold_word(&sc->nm, nb.ptr, nb.len, &fb);
	size_t o = 0;
	for (size_t i = 0; i < fb.len; i++)
		if (fb.ptr[i] != ' ')
			fb.ptr[o++] = fb.ptr[i];
	ms_buf_truncate(&fb, o);
	ms_buf_release(&nb);
	return ms_buf_detach(&fb, NULL);
}

/* ============================================================ matchers */

ms_status
ms_gloss_matcher_new(const ms_glossary *gl, ms_gloss_matcher **out,
                     ms_diag_handler *h)
{
	*out = NULL;
	if (!gl)
		return MS_ERR_INVALID;
	ms_gloss_matcher *g = ms_xcalloc(1, sizeof *g);
	g->g = gl;
	if (!gl_normer_init(&g->sc.nm)) {
		ms_diag_emit(h, MS_ERROR, NULL, gl->path, 0, 0,
		             _("ICU could not open its normalisation data"));
		ms_gloss_matcher_free(g);
		return MS_ERR_ICU;
	}
	g->src.x = &gl->src;
	g->src.r = morph_run_new(gl->src.m);
	g->tl = ms_xcalloc(gl->ntl ? gl->ntl : 1, sizeof *g->tl);
	for (size_t i = 0; i < gl->ntl; i++) {
		g->tl[i].x = gl->tl[i];
		g->tl[i].r = morph_run_new(gl->tl[i]->m);
	}
	g->seen = ms_xcalloc(gl->nterms ? gl->nterms : 1, sizeof *g->seen);
	*out = g;
	return MS_OK;
}

void
ms_gloss_matcher_free(ms_gloss_matcher *g)
{
	if (!g)
		return;
	gl_normer_release(&g->sc.nm);
	ms_buf_release(&g->sc.wb);
	morph_run_free(g->src.r);
	for (size_t i = 0; g->tl && i < g->g->ntl; i++)
		morph_run_free(g->tl[i].r);
	free(g->tl);
	ms_buf_release(&g->stext);
	ms_buf_release(&g->ttext);
	free(g->st.v);
	free(g->tt.v);
	free(g->cp.v);
	free(g->oc.v);
	free(g->sm.v);
	free(g->keep.v);
	free(g->order.v);
	free(g->seen);
	free(g);
}

const ms_glossary *
ms_gloss_matcher_glossary(const ms_gloss_matcher *g)
{
	return g ? g->g : NULL;
}

/* ------------------------------------------- calls with the glossary only */

/* A matcher from GL's pool (a new one when the pool is empty), or NULL
 * when none can be made. */
static ms_gloss_matcher *
pool_take(const ms_glossary *gl)
{
	ms_glossary *mg = (ms_glossary *)gl;   /* the pool is the only
	                                          mutable part, under its lock */
	ms_gloss_matcher *g;
	pthread_mutex_lock(&mg->pool_lock);
	g = mg->pool;
	if (g)
		mg->pool = g->next;
	pthread_mutex_unlock(&mg->pool_lock);
	if (!g) {
		ms_diag_handler h = { NULL, NULL, 0, 0 };
		ms_gloss_matcher_new(gl, &g, &h);
	}
	return g;
}

static void
pool_give(ms_gloss_matcher *g)
{
	if (!g)
		return;
	ms_glossary *mg = (ms_glossary *)g->g;
	pthread_mutex_lock(&mg->pool_lock);
	g->next = mg->pool;
	mg->pool = g;
	pthread_mutex_unlock(&mg->pool_lock);
}

void
gl_pool_release(ms_glossary *gl)
{
	while (gl->pool) {
		ms_gloss_matcher *next = gl->pool->next;
		ms_gloss_matcher_free(gl->pool);
		gl->pool = next;
	}
}

size_t
ms_glossary_match(const ms_glossary *gl, const char *msgid, const char *msgstr,
                  const char *lang, ms_gloss_fn fn, void *data)
{
	if (!gl || !msgid || !msgstr || !lang)
		return 0;
	ms_gloss_matcher *g = pool_take(gl);
	size_t n = ms_gloss_matcher_match(g, msgid, msgstr, lang, fn, data);
	pool_give(g);
	return n;
}

void
ms_glossary_hints(const ms_glossary *gl, const char *msgid, char *const *langs,
                  ms_buf *out)
{
	if (!gl || !msgid)
		return;
	ms_gloss_matcher *g = pool_take(gl);
	ms_gloss_matcher_hints(g, msgid, langs, out);
	pool_give(g);
}

bool
ms_glossary_is_verbatim(const ms_glossary *gl, const char *text, const char *lang)
{
	if (!gl || !text)
		return false;
	ms_gloss_matcher *g = pool_take(gl);
	bool r = ms_gloss_matcher_is_verbatim(g, text, lang);
	pool_give(g);
	return r;
}

void
ms_glossary_forms(const ms_glossary *g, const char *lang,
                  void (*fn)(const char *form, void *data), void *data)
{
	for (size_t i = 0; g && i < g->nterms; i++) {
		const gterm *t = &g->terms[i];
		const glang *b = lang ? term_lang(t, lang) : NULL;
		if (t->dnt)
			for (size_t k = 0; k < t->nsource; k++)
				fn(t->source[k].text, data);
		if (!b)
			continue;
		const gform *lists[] = { b->req, b->forb, b->depr, b->exc, b->notr };
		size_t counts[] = { b->nreq, b->nforb, b->ndepr, b->nexc, b->nnotr };
		for (size_t l = 0; l < MS_ARRAY_SIZE(lists); l++)
			for (size_t k = 0; k < counts[l]; k++)
				fn(lists[l][k].text, data);
	}
}

size_t
ms_glossary_count(const ms_glossary *g)
{
	return g ? g->nterms : 0;
}

const char *
ms_glossary_term_id(const ms_glossary *g, size_t i)
{
	return g && i < g->nterms ? g->terms[i].id : NULL;
}

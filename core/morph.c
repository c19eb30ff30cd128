/* morph.c — language morphology for the glossary matcher: how a word is
 * analysed (stem, ending, base form) and compared, and what may follow a
 * rendering written in syllables (particles, endings, 하다/되다).
 *
 * A morph holds one language's rules and is read-only once made; a
 * morph_run holds what analysing words changes (the Snowball stemmer,
 * whose buffers are its own, and the word cache) and belongs to one
 * thread. */
#include "glossary-impl.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

enum { R_PLAIN, R_EN, R_ES };

struct morph {
	char *lang;
	int engine;
	int rules;
	bool korean;             /* Korean particles and boundaries */
	unsigned minstem;
	char *stemmer;           /* Snowball algorithm, or NULL */
};

struct morph_run {
	const morph *m;
	struct sb_stemmer *sb;
	ms_htab *cache;          /* folded word → winfo (keys in cache_mem) */
	gl_arena cache_mem;
};

#define CACHE_MAX 200000

/* ================================================================ rules */

morph *
morph_new(const char *lang, ms_diag_handler *h)
{
	morph *m = ms_xcalloc(1, sizeof *m);
	char primary[16];
	size_t n = strcspn(lang, "-_");
	if (n >= sizeof primary)
		n = sizeof primary - 1;
	memcpy(primary, lang, n);
	primary[n] = '\0';
	for (size_t i = 0; i < n; i++)
		primary[i] = (char)tolower((unsigned char)primary[i]);
	m->lang = ms_xstrdup(lang);
	if (!strcmp(primary, "ko") || !strcmp(primary, "ja") || !strcmp(primary, "zh")
	    || !strcmp(primary, "th") || !strcmp(primary, "my") || !strcmp(primary, "km")
	    || !strcmp(primary, "lo")) {
		m->engine = MORPH_CHARS;
		m->korean = !strcmp(primary, "ko");
	} else {
		m->engine = MORPH_WORDS;
		m->rules = !strcmp(primary, "en") ? R_EN : !strcmp(primary, "es") ? R_ES
		           : R_PLAIN;
		struct sb_stemmer *sb = sb_stemmer_new(primary, "UTF_8");
		if (sb) {
			m->stemmer = ms_xstrdup(primary);
			sb_stemmer_delete(sb);
		} else if (m->rules == R_EN) {
			ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
			             _("the Snowball stemmer for '%s' is not available"),
			             "english");
			morph_free(m);
			return NULL;
		}
	}
	m->minstem = m->rules == R_ES ? 4 : 3;
	return m;
}

void
morph_free(morph *m)
{
	if (!m)
		return;
	free(m->lang);
	free(m->stemmer);
	free(m);
}

int
morph_engine(const morph *m)
{
	return m->engine;
}

bool
morph_agglutinative(const morph *m)
{
	return m->korean;
}

const UChar32 *
morph_verb_suffix(const morph *m, size_t *n)
{
	static const UChar32 hada[] = { 0xD558 /* 하 */, 0xB2E4 /* 다 */ };
	if (!m->korean) {
		*n = 0;
		return NULL;
	}
	*n = 2;
	return hada;
}

/* ============================================================ one thread */

morph_run *
morph_run_new(const morph *m)
{
	morph_run *r = ms_xcalloc(1, sizeof *r);
	r->m = m;
	if (m->stemmer)
		r->sb = sb_stemmer_new(m->stemmer, "UTF_8");
	r->cache = ms_htab_new(1024);
	return r;
}

void
morph_run_free(morph_run *r)
{
	if (!r)
		return;
	if (r->sb)
		sb_stemmer_delete(r->sb);
	ms_htab_free(r->cache);
	gl_arena_release(&r->cache_mem);
	free(r);
}

const morph *
morph_run_rules(const morph_run *r)
{
	return r->m;
}

/* ======================================================= word analysis */

static bool
str_in(const char *s, size_t n, const char *const *set)
{
	for (size_t i = 0; set[i]; i++)
		if (strlen(set[i]) == n && !memcmp(set[i], s, n))
			return true;
	return false;
}

static bool
ends_with(const char *s, size_t n, const char *suf)
{
	size_t m = strlen(suf);
	return n >= m && !memcmp(s + n - m, suf, m);
}

static bool
is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

winfo *
morph_analyse(morph_run *run, const char *w, size_t n, gl_arena *a)
{
	static const char *const en_open[] = {
		"", "s", "es", "e", "ed", "d", "ing", "y", "ies", "ied", "ly", NULL
	};
	const morph *x = run->m;
	winfo *wi = gl_arena_alloc(a, sizeof *wi);
	memset(wi, 0, sizeof *wi);
	char sg[256];
	const char *base = w;
	size_t blen = n;

	wi->fold = gl_arena_strndup(a, w, n);
	/* Spanish plurals in -es after a consonant: Snowball strips -en/-er/-ar
	 * from singulars it takes for verbs (crimen → crim) but keeps the
	 * plural's base (crímenes → crimen): compare singulars. */
	if (x->rules == R_ES && n > 4 && n < sizeof sg && w[n - 1] == 's'
	    && w[n - 2] == 'e') {
		char c = w[n - 3];
		if (c == 'c') {
			memcpy(sg, w, n - 3);
			sg[n - 3] = 'z';
			base = sg;
			blen = n - 2;
		} else if (strchr("nrldjys", c)) {
			memcpy(sg, w, n - 2);
			base = sg;
			blen = n - 2;
		}
	}
	/* and -s after a, e, o (forzosas → forzosa: Snowball stems the two
	 * differently); not after i, u (crisis, país) */
	if (base == w && x->rules == R_ES && n > 3 && n < sizeof sg && w[n - 1] == 's'
	    && (w[n - 2] == 'a' || w[n - 2] == 'e' || w[n - 2] == 'o')) {
		memcpy(sg, w, n - 1);
		base = sg;
		blen = n - 1;
	}
	/* short words that inflect inside renderings ("persona que ha
	 * huido" / "personas que han huido"): one form per class */
	if (x->rules == R_ES) {
		static const char *const classes[][10] = {
			{ "el", "la", "los", "las", "lo", NULL },
			{ "un", "una", "unos", "unas", NULL },
			{ "ha", "han", "has", "he", "hemos", "habia", "habian", "hayan", "haya", NULL },
			{ "es", "son", "era", "eran", "fue", "fueron", "sea", "sean", NULL },
		};
		for (size_t k = 0; k < MS_ARRAY_SIZE(classes); k++)
			if (str_in(w, n, classes[k])) {
				base = classes[k][0];
				blen = strlen(base);
			}
	}
	wi->word = base == w ? wi->fold : gl_arena_strndup(a, base, blen);
	wi->wlen = (uint32_t)blen;

	const char *st = base;
	size_t slen = blen;
	if (run->sb && blen < 200) {
		const sb_symbol *r = sb_stemmer_stem(run->sb, (const sb_symbol *)base,
		                                     (int)blen);
		if (r) {
			st = (const char *)r;
			slen = (size_t)sb_stemmer_length(run->sb);
		}
	}
	if (x->rules == R_EN && slen >= 8 && ends_with(st, slen, "ship"))
		slen -= 4;   /* co-sponsorship → co-sponsor */
	if (x->rules == R_ES && slen >= 5 && st[slen - 1] == 'i'
	    && !is_vowel(st[slen - 2]))
		slen--;      /* copatrocinio → copatrocin(ar) */
	wi->stem = gl_arena_strndup(a, st, slen);
	wi->slen = (uint32_t)slen;

	size_t l = 0;
	while (l < slen && l < blen && st[l] == base[l])
		l++;
	const char *r = base + l;
	size_t rlen = blen - l;
	char rb[64];
	if (rlen >= sizeof rb)
		rlen = sizeof rb - 1;
	memcpy(rb, r, rlen);
	rb[rlen] = '\0';
	if (x->rules == R_EN) {
		/* what is left once inflection is gone: -ation, -ance,
		 * -ability … (repatriat-ed = repatriat-e, disappear-ances =
		 * disappear-ance) */
		wi->open = str_in(rb, rlen, en_open);
		if (ends_with(rb, rlen, "ies")) {
			rb[rlen - 3] = 'y';
			rlen -= 2;
		} else if (ends_with(rb, rlen, "ing"))
			rlen -= 3;
		else if (ends_with(rb, rlen, "ed") || ends_with(rb, rlen, "es"))
			rlen -= 2;
		else if (rlen && rb[rlen - 1] == 's')
			rlen--;
		if (rlen && rb[rlen - 1] == 'e')
			rlen--;
	} else if (x->rules == R_ES) {
		/* infinitives: the stem may have lost an -i- (repatri-ar) */
		wi->open = rlen <= 3 && (ends_with(rb, rlen, "ar")
		                         || ends_with(rb, rlen, "er")
		                         || ends_with(rb, rlen, "ir"));
		if (rlen && rb[rlen - 1] == 's')
			rlen--;
		if (rlen && (rb[rlen - 1] == 'a' || rb[rlen - 1] == 'o'
		             || rb[rlen - 1] == 'e'))
			rlen--;
	} else
		wi->open = true;
	wi->res = gl_arena_strndup(a, rb, rlen);
	return wi;
}

winfo *
morph_word(morph_run *r, const char *w, size_t n)
{
	winfo *wi = ms_htab_get(r->cache, w, n);
	if (wi)
		return wi;
	wi = morph_analyse(r, w, n, &r->cache_mem);
	ms_htab_put(r->cache, wi->fold, n, wi);
	return wi;
}

/* The cache is bounded between calls: past CACHE_MAX words it starts
 * afresh (pointers into it only live during one call). */
void
morph_run_trim(morph_run *r)
{
	if (ms_htab_count(r->cache) < CACHE_MAX)
		return;
	ms_htab_free(r->cache);
	gl_arena_release(&r->cache_mem);
	r->cache = ms_htab_new(1024);
}

bool
morph_word_eq(const morph *x, const winfo *p, const winfo *t)
{
	if (p->slen < x->minstem || t->slen < x->minstem)
		return p->wlen == t->wlen && !memcmp(p->word, t->word, p->wlen);
	if (p->slen != t->slen || memcmp(p->stem, t->stem, p->slen))
		return false;
	switch (x->rules) {
	case R_EN:
		return p->open || !strcmp(p->res, t->res);
	case R_ES:
		if (p->open)
			return !ends_with(t->word, t->wlen, "mente");
		return !strcmp(p->res, t->res);
	default:
		return true;
	}
}

/* ==================================================== Korean boundaries */

/* Particles and endings that may follow a noun, combined up to four
 * deep (들+의, 에서+는, 으로+서). */
static const char *const ko_particles[] = {
	"은", "는", "이", "가", "을", "를", "의", "에", "에서", "에게", "께",
	"께서", "와", "과", "로", "으로", "도", "만", "까지", "부터", "보다",
	"처럼", "들", "이다", "입니다", "이며", "이고", "인", "적", "적인",
	"적으로", "서", "써", "나", "이나", "랑", "이랑", "하고", "마다",
	"조차", "마저", "뿐", "밖에", "라고", "이라고", "라는", "이라는", "란",
	"이란", "였다", "이었다", "였던", "이었던", "였습니다", "이었습니다",
	"엔", "에선", "에겐", "으론", "론", "이든", "든", "이든지", "든지",
	"이자", "였으며", "이었으며", "임", "이지만", "이라", "이나마", "께는",
	"에게서", "한테", "한테서", "대로", "만큼", "같이", "이야", "야", "요",
	NULL
};

/* Syllables that start 하다/되다 after a noun (공동제안했다). */
static const char *const ko_verbal[] = {
	"하", "했", "할", "한", "함", "해", "합", "되", "된", "될", "됨", "됐",
	"돼", NULL
};

/* Length in code points of the UTF-8 string W if T[Q…] starts with it,
 * else 0. */
static size_t
starts_with_u8(const UChar32 *T, size_t n, size_t q, const char *w)
{
	size_t k = 0;
	int32_t i = 0, len = (int32_t)strlen(w);
	while (i < len) {
		UChar32 c;
		U8_NEXT(w, i, len, c);
		if (q + k >= n || T[q + k] != c)
			return 0;
		k++;
	}
	return k;
}

static bool
particles_to_end(const UChar32 *T, size_t n, size_t q, int depth)
{
	if (q >= n || !gl_is_hangul(T[q]))
		return true;
	if (depth >= 4)
		return false;
	for (size_t i = 0; ko_particles[i]; i++) {
		size_t k = starts_with_u8(T, n, q, ko_particles[i]);
		if (k && particles_to_end(T, n, q + k, depth + 1))
			return true;
	}
	return false;
}

static bool
verbal_at(const UChar32 *T, size_t n, size_t q)
{
	for (size_t i = 0; ko_verbal[i]; i++)
		if (starts_with_u8(T, n, q, ko_verbal[i]))
			return true;
	return false;
}

bool
morph_right_ok(const morph *m, const UChar32 *T, size_t n, size_t e, bool verb)
{
	if (!m->korean)
		return false;
	if (particles_to_end(T, n, e, 0))
		return true;
	if (verbal_at(T, n, e))
		return true;   /* 공동제안했다, and 공동후원했다 */
	if (verb && e < n && (T[e] == 0xAD6D /* 국 */ || T[e] == 0xC790 /* 자 */)
	    && particles_to_end(T, n, e + 1, 0))
		return true;
	return false;
}

bool
morph_is_conjunction(const morph *m, const char *w, size_t n)
{
	static const char *const en[] = { "and", "or", "nor", NULL };
	static const char *const es[] = { "y", "e", "o", "u", "ni", NULL };
	static const char *const ko[] = { "및", "또는", "혹은", "그리고", NULL };
	const char *const *set = m->rules == R_EN ? en : m->rules == R_ES ? es
	                         : m->korean ? ko : NULL;
	return set && str_in(w, n, set);
}

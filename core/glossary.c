/* glossary.c — po/glossary.yaml: loading, and a multi-pattern matcher that
 * finds terms through inflection.
 *
 * The pipeline for one (msgid, msgstr) pair:
 *
 *   1. normalise both strings: inline tags <1>, </1>, <2/> dropped, NFC,
 *      apostrophes, hyphens, middle dots, spaces and full-width forms
 *      mapped to one form each (norm_text);
 *   2. English source: split into word tokens, fold case and accents per
 *      token, stem with Snowball (plus -ship); look every token's stem up in
 *      a hash table of the first stems of all source forms, and verify the
 *      candidates token by token (align), allowing compounds written
 *      closed, spaced or hyphenated;  matches inside longer matches are
 *      dropped (source_scan);
 *   3. target: for token languages (Spanish, …) the same, with the target
 *      stemmer; for Korean, a scan over code points keyed by the first two
 *      syllables, with spaces inside renderings optional and the Korean
 *      boundary rules: nothing Hangul before a rendering, only particles
 *      and endings after it, unless it is compounded with another
 *      rendering (korean_bounds);
 *   4. a verdict per term found in the source (verdicts).
 *
 * Words are analysed once and cached per language, so the cost of a pair
 * is about its length. */
#include "internal.h"
#include "glossary.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utf16.h>
#include <yaml.h>

/* ================================================================ arena */

/* Chunks of memory that live as long as the arena: pointers into it stay
 * valid (the caches and patterns hold such pointers). */
typedef struct arena_blk {
	struct arena_blk *next;
	size_t used, cap;
	_Alignas(max_align_t) char data[];
} arena_blk;

typedef struct arena {
	arena_blk *head;
	size_t total;
} arena;

static void *
arena_alloc(arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (!a->head || a->head->cap - a->head->used < n) {
		size_t cap = n > 32768 ? n : 32768;
		arena_blk *b = ms_xmalloc(sizeof *b + cap);
		b->next = a->head;
		b->used = 0;
		b->cap = cap;
		a->head = b;
		a->total += cap;
	}
	void *p = a->head->data + a->head->used;
	a->head->used += n;
	return p;
}

static char *
arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void
arena_release(arena *a)
{
	while (a->head) {
		arena_blk *next = a->head->next;
		free(a->head);
		a->head = next;
	}
	a->total = 0;
}

/* ============================================================ hash map */

/* Byte-string keys (copied into an arena) to pointers; open addressing. */
typedef struct smap_slot {
	const char *key;
	uint32_t len;
	uint32_t hash;
	void *val;
} smap_slot;

typedef struct smap {
	smap_slot *slots;
	size_t cap;   /* power of two, or 0 */
	size_t n;
} smap;

static uint32_t
hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h ? h : 1;
}

static void **
smap_find(const smap *m, const char *k, size_t n)
{
	if (!m->cap)
		return NULL;
	uint32_t h = hash_bytes(k, n);
	for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		smap_slot *s = &m->slots[i];
		if (!s->key)
			return NULL;
		if (s->hash == h && s->len == n && !memcmp(s->key, k, n))
			return &s->val;
	}
}

static void
smap_grow(smap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	smap_slot *slots = ms_xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < m->cap; i++) {
		smap_slot *s = &m->slots[i];
		if (!s->key)
			continue;
		size_t j = s->hash & (cap - 1);
		while (slots[j].key)
			j = (j + 1) & (cap - 1);
		slots[j] = *s;
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

/* The value slot for K, created (NULL) when missing; the key is copied
 * into A. */
static void **
smap_put(smap *m, arena *a, const char *k, size_t n)
{
	void **v = smap_find(m, k, n);
	if (v)
		return v;
	if ((m->n + 1) * 4 > m->cap * 3)
		smap_grow(m);
	uint32_t h = hash_bytes(k, n);
	size_t i = h & (m->cap - 1);
	while (m->slots[i].key)
		i = (i + 1) & (m->cap - 1);
	m->slots[i].key = arena_strndup(a, k, n);
	m->slots[i].len = (uint32_t)n;
	m->slots[i].hash = h;
	m->slots[i].val = NULL;
	m->n++;
	return &m->slots[i].val;
}

static void
smap_release(smap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
}

/* Integer keys (two code points) to pointers, for the Korean index. */
typedef struct umap {
	uint64_t *keys;          /* 0 = empty */
	void **vals;
	size_t cap, n;
} umap;

static uint64_t
mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

static void **
umap_find(const umap *m, uint64_t k)
{
	if (!m->cap)
		return NULL;
	for (size_t i = mix64(k) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == k)
			return &m->vals[i];
		if (!m->keys[i])
			return NULL;
	}
}

static void **
umap_put(umap *m, uint64_t k)
{
	void **v = umap_find(m, k);
	if (v)
		return v;
	if ((m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		uint64_t *keys = ms_xcalloc(cap, sizeof *keys);
		void **vals = ms_xcalloc(cap, sizeof *vals);
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->keys[i])
				continue;
			size_t j = mix64(m->keys[i]) & (cap - 1);
			while (keys[j])
				j = (j + 1) & (cap - 1);
			keys[j] = m->keys[i];
			vals[j] = m->vals[i];
		}
		free(m->keys);
		free(m->vals);
		m->keys = keys;
		m->vals = vals;
		m->cap = cap;
	}
	size_t i = mix64(k) & (m->cap - 1);
	while (m->keys[i])
		i = (i + 1) & (m->cap - 1);
	m->keys[i] = k;
	m->vals[i] = NULL;
	m->n++;
	return &m->vals[i];
}

static void
umap_release(umap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

/* The key of one or two code points. */
static uint64_t
ckey(UChar32 c0, UChar32 c1)
{
	return (uint64_t)(uint32_t)c0 << 32 | (c1 ? (uint32_t)c1 : 0xFFFFFFFFu);
}

/* ======================================================= character sets */

static bool
is_hangul(UChar32 c)
{
	return c >= 0xAC00 && c <= 0xD7A3;
}

/* Letters and digits of alphabetic scripts (Latin, Greek, Cyrillic …):
 * spaces between two of them are significant. */
static bool
is_latinish(UChar32 c)
{
	return c < 0x3000 && c != 0xB7 && u_isalnum(c);
}

static inline bool
is_word_cp(UChar32 c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		       || (c >= '0' && c <= '9');
	if (c == 0xB7)
		return false;
	if (u_isalnum(c))
		return true;
	int8_t t = u_charType(c);
	return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK;
}

/* ========================================================== normaliser */

/* Per-glossary ICU state and scratch buffers (mutable behind a const
 * glossary: see the note in glossary.h). */
typedef struct normer {
	const UNormalizer2 *nfc;
	const UNormalizer2 *nfd;
	uint16_t latin[0x250 - 0xC0];   /* accent-folded U+00C0…U+024F */
	UChar *u1, *u2;
	int32_t cap1, cap2;
	ms_buf tmp;
} normer;

static bool
normer_init(normer *n)
{
	UErrorCode err = U_ZERO_ERROR;
	memset(n, 0, sizeof *n);
	n->nfc = unorm2_getNFCInstance(&err);
	if (U_FAILURE(err))
		return false;
	n->nfd = unorm2_getNFDInstance(&err);
	if (U_FAILURE(err))
		return false;
	for (UChar32 c = 0xC0; c < 0x250; c++) {
		UChar d[8];
		UErrorCode e = U_ZERO_ERROR;
		int32_t len = unorm2_getDecomposition(n->nfd, c, d, 8, &e);
		n->latin[c - 0xC0] = (uint16_t)(U_SUCCESS(e) && len > 0 && d[0] < 0x80
		                                 && isalpha(d[0]) ? d[0] : c);
	}
	ms_buf_init(&n->tmp, 256);
	return true;
}

static void
normer_release(normer *n)
{
	free(n->u1);
	free(n->u2);
	ms_buf_release(&n->tmp);
}

/* One code point as the matcher sees it (before case folding): 0 drops
 * it. */
static UChar32
map_cp(UChar32 c)
{
	switch (c) {
	case 0x2019: case 0x2018: case 0x02BC: case 0x2032: case 0x0060:
	case 0x00B4: case 0x201B: case 0xFF07:
		return '\'';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
	case 0xFE63: case 0xFF0D:
		return '-';
	case 0x318D: case 0x00B7: case 0x30FB: case 0x2027: case 0xFF65:
	case 0x2219: case 0x22C5:
		return 0xB7;
	case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB:
	case 0x2033: case 0x201F:
		return '"';
	case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060:
	case 0xFEFF:
		return 0;
	default:
		break;
	}
	if (c >= 0xFF01 && c <= 0xFF5E)
		return c - 0xFEE0;
	if (c < 0x20 || c == 0x7F || c == 0xA0 || c == 0x3000
	    || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F
	    || (c > 0x7F && u_isUWhiteSpace(c)))
		return ' ';
	return c;
}

/* Length of an inline tag (<1>, </12>, <3/>) at S, or 0. */
static size_t
tag_len(const char *s)
{
	size_t i = 1;
	if (s[0] != '<')
		return 0;
	if (s[i] == '/')
		i++;
	if (!isdigit((unsigned char)s[i]))
		return 0;
	while (isdigit((unsigned char)s[i]))
		i++;
	if (s[i] == '/' && s[i - 1] != '/' && s[1] != '/')
		i++;
	if (s[i] != '>')
		return 0;
	return i + 1;
}

/* Normalise S into OUT (reset first): inline tags dropped, NFC, and the
 * mappings of map_cp.  Case is kept.  (Hot path: writes go straight into
 * buffers grown once.) */
static void
norm_text(normer *n, const char *s, ms_buf *out)
{
	ms_buf *t = &n->tmp;
	size_t len = strlen(s);
	bool ascii = true;
	ms_buf_reset(out);
	ms_buf_reset(t);
	ms_buf_grow(t, len + 1);
	char *tp = t->ptr;
	size_t tl = 0;
	for (size_t i = 0; i < len;) {
		size_t k = s[i] == '<' ? tag_len(s + i) : 0;
		if (k) {
			i += k;
			continue;
		}
		unsigned char c = (unsigned char)s[i++];
		if (c >= 0x80)
			ascii = false;
		tp[tl++] = (char)c;
	}
	tp[tl] = '\0';
	t->len = tl;
	if (ascii) {
		ms_buf_grow(out, tl + 1);
		for (size_t i = 0; i < tl; i++) {
			unsigned char c = (unsigned char)tp[i];
			out->ptr[i] = (char)(c == '`' ? '\'' : c < 0x20 || c == 0x7F ? ' ' : c);
		}
		out->len = tl;
		out->ptr[tl] = '\0';
		return;
	}
	UErrorCode err = U_ZERO_ERROR;
	int32_t need = 0;
	if (tl + 1 > (size_t)n->cap1) {
		n->cap1 = (int32_t)(tl + 16);
		n->u1 = ms_xrealloc(n->u1, (size_t)n->cap1 * sizeof(UChar));
	}
	u_strFromUTF8WithSub(n->u1, n->cap1, &need, tp, (int32_t)tl, 0xFFFD, NULL, &err);
	if (U_FAILURE(err))
		return;
	const UChar *u = n->u1;
	int32_t ulen = need;
	if (unorm2_quickCheck(n->nfc, u, ulen, &err) != UNORM_YES) {
		err = U_ZERO_ERROR;
		if (n->cap2 < ulen * 3 + 16) {
			n->cap2 = ulen * 3 + 16;
			n->u2 = ms_xrealloc(n->u2, (size_t)n->cap2 * sizeof(UChar));
		}
		int32_t l2 = unorm2_normalize(n->nfc, u, ulen, n->u2, n->cap2, &err);
		if (U_SUCCESS(err)) {
			u = n->u2;
			ulen = l2;
		}
	}
	ms_buf_grow(out, (size_t)ulen * 3 + 1);
	char *o = out->ptr;
	int32_t ol = 0;
	for (int32_t i = 0; i < ulen;) {
		UChar32 c;
		U16_NEXT(u, i, ulen, c);
		c = map_cp(c);
		if (c)
			U8_APPEND_UNSAFE(o, ol, c);
	}
	out->len = (size_t)ol;
	o[ol] = '\0';
}

/* Case- and accent-fold one code point. */
static UChar32
fold_cp(const normer *n, UChar32 c)
{
	if (c < 0x80)
		return tolower(c);
	c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
	if (c >= 0xC0 && c < 0x250)
		return n->latin[c - 0xC0];
	if (c >= 0x300 && c <= 0x36F)
		return 0;   /* stray combining accent */
	return c;
}

/* Fold the UTF-8 word S[0..LEN) into OUT (appended). */
static void
fold_word(const normer *n, const char *s, size_t len, ms_buf *out)
{
	ms_buf_grow(out, len * 2 + 8);
	char *o = out->ptr;
	int32_t ol = (int32_t)out->len;
	for (size_t i = 0; i < len;) {
		UChar32 c;
		if ((unsigned char)s[i] < 0x80) {
			o[ol++] = (char)tolower((unsigned char)s[i]);
			i++;
			continue;
		}
		int32_t ii = (int32_t)i;
		U8_NEXT(s, ii, (int32_t)len, c);
		i = (size_t)ii;
		if (c < 0)
			continue;
		c = fold_cp(n, c);
		if (c)
			U8_APPEND_UNSAFE(o, ol, c);
	}
	out->len = (size_t)ol;
	o[ol] = '\0';
}

/* ======================================================= word analysis */

enum { R_PLAIN, R_EN, R_ES };

/* What the matcher knows about one word. */
typedef struct winfo {
	const char *fold;    /* case- and accent-folded word */
	const char *word;    /* the form compared when stems are short
	                        (Spanish: plural -es removed) */
	const char *stem;
	const char *res;     /* what the stemmer removed, normalised */
	uint32_t wlen, slen;
	bool open;           /* base form that admits any ending (English
	                        inflection; Spanish infinitive) */
	/* text words only, filled on first use (the cache keeps them): */
	bool looked;
	bool head;           /* may start a closed compound written open */
	const struct posting *post;  /* patterns starting with this stem */
} winfo;

enum { ENG_TOKENS, ENG_CHARS };

/* One language's compiled patterns and word cache. */
typedef struct lx {
	char *lang;
	int engine;
	int rules;
	bool korean;             /* Korean particles and boundaries */
	unsigned minstem;
	struct sb_stemmer *sb;
	smap index;              /* ENG_TOKENS: first stem → posting list */
	umap cindex;             /* ENG_CHARS: first one or two code points */
	smap prefixes;           /* ENG_TOKENS: "head\1ne" where a closed
	                            compound word could be written open */
	smap heads;              /* ENG_TOKENS: the heads alone */
	arena mem;               /* patterns, postings, keys */
	smap cache;              /* folded word → winfo */
	arena cache_mem;
} lx;

#define CACHE_MAX 200000

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

/* Analyse the folded word W[0..N) for language X into memory from A. */
static winfo *
analyse(lx *x, const char *w, size_t n, arena *a)
{
	static const char *const en_open[] = {
		"", "s", "es", "e", "ed", "d", "ing", "y", "ies", "ied", "ly", NULL
	};
	winfo *wi = arena_alloc(a, sizeof *wi);
	memset(wi, 0, sizeof *wi);
	char sg[256];
	const char *base = w;
	size_t blen = n;

	wi->fold = arena_strndup(a, w, n);
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
	wi->word = base == w ? wi->fold : arena_strndup(a, base, blen);
	wi->wlen = (uint32_t)blen;

	const char *st = base;
	size_t slen = blen;
	if (x->sb && blen < 200) {
		const sb_symbol *r = sb_stemmer_stem(x->sb, (const sb_symbol *)base,
		                                     (int)blen);
		if (r) {
			st = (const char *)r;
			slen = (size_t)sb_stemmer_length(x->sb);
		}
	}
	if (x->rules == R_EN && slen >= 8 && ends_with(st, slen, "ship"))
		slen -= 4;   /* co-sponsorship → co-sponsor */
	if (x->rules == R_ES && slen >= 5 && st[slen - 1] == 'i'
	    && !is_vowel(st[slen - 2]))
		slen--;      /* copatrocinio → copatrocin(ar) */
	wi->stem = arena_strndup(a, st, slen);
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
	wi->res = arena_strndup(a, rb, rlen);
	return wi;
}

/* The cached analysis of the folded word W. */
static const winfo *
word_info(lx *x, const char *w, size_t n)
{
	void **v = smap_find(&x->cache, w, n);
	if (v)
		return *v;
	winfo *wi = analyse(x, w, n, &x->cache_mem);
	*smap_put(&x->cache, &x->cache_mem, w, n) = wi;
	return wi;
}

/* The cache is bounded between calls: past CACHE_MAX words it starts
 * afresh (pointers into it only live during one call). */
static void
reset_cache(lx *x)
{
	if (x->cache.n < CACHE_MAX)
		return;
	smap_release(&x->cache);
	arena_release(&x->cache_mem);
}

/* Does the text word T count as the pattern word P? */
static bool
word_eq(const lx *x, const winfo *p, const winfo *t)
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

/* ============================================================ patterns */

enum { K_SOURCE, K_REQUIRED, K_FORBIDDEN, K_DEPRECATED, K_EXCEPTION,
       K_CONDITION };

enum { GAP_START, GAP_SPACE, GAP_HYPHEN, GAP_PUNCT };

/* A form of the glossary as written, with what goes with it. */
typedef struct gform {
	char *text;
	char *reason;            /* forbidden/deprecated; NULL */
	char **cond;             /* allowed_if_source, NULL-terminated; NULL */
	struct pat **cpats;      /* compiled conditions */
	size_t ncond;
	unsigned line, col;
} gform;

/* A compiled form. */
typedef struct pat {
	uint32_t term;
	uint8_t kind;
	bool exact;              /* must also match case-sensitively */
	bool strict;             /* gaps literal, no closed compounds */
	bool verb;               /* Korean 하다 verb (stored without 하다) */
	const gform *gf;
	const char *core;        /* normalised text from first to last word */
	size_t corelen;
	/* ENG_TOKENS */
	uint32_t ntok;
	const winfo **w;
	const winfo **merged;    /* [j]: words j and j+1 closed up, or NULL */
	const char **punct;      /* [j]: punctuation before word j, or NULL */
	const char *tail;        /* punctuation after the last word, or NULL */
	/* ENG_CHARS */
	UChar32 *cp;             /* ' ' = a space that must be there */
	uint32_t ncp;
} pat;

typedef struct posting {
	const pat *p;
	struct posting *next;
} posting;

/* One word of a text. */
typedef struct tok {
	uint32_t gstart;         /* start of the gap before the word */
	uint32_t start, end;     /* the word */
	uint32_t after;          /* past a possessive 's or ' */
	uint8_t gap;
	const winfo *w;
	const winfo *m;          /* closed up with the next word, or NULL */
} tok;

/* ================================================================ state */

typedef struct occ {
	const pat *p;
	uint32_t s, e;           /* tokens or code points */
	int8_t lok, rok;         /* Korean boundaries: -1 not known yet */
} occ;

typedef struct smatch {
	uint32_t term;
	uint32_t s, e;           /* source tokens */
} smatch;

#define VEC(T) struct { T *v; size_t n, cap; }
#define VEC_PUSH(vec, x) do { \
	if ((vec).n == (vec).cap) { \
		(vec).cap = (vec).cap ? (vec).cap * 2 : 32; \
		(vec).v = ms_xrealloc((vec).v, (vec).cap * sizeof *(vec).v); \
	} \
	(vec).v[(vec).n++] = (x); \
	} while (0)

typedef struct gstate {
	normer nm;
	ms_buf src, tgt, wb;
	VEC(tok) st;
	VEC(tok) tt;
	VEC(UChar32) cp;
	VEC(occ) oc;
	VEC(smatch) sm;
	VEC(smatch) keep;        /* sm without matches inside longer ones */
	VEC(uint32_t) order;
	uint32_t *seen;          /* per term: stamp when present */
	uint32_t stamp;
} gstate;

typedef struct glang {
	char *lang;
	gform *req, *forb, *depr, *exc;
	size_t nreq, nforb, ndepr, nexc;
	char *note;
	lx *x;
} glang;

typedef struct gterm {
	char *id;
	gform *source;
	size_t nsource;
	bool dnt;
	char *note;
	glang *langs;
	size_t nlangs;
	pat **srcpats;
	size_t nsrcpats;
	unsigned line, col;
} gterm;

struct ms_glossary {
	char *path;
	gterm *terms;
	size_t nterms;
	lx src;
	lx **tl;
	size_t ntl;
	gstate *st;
};

/* ============================================================ tokeniser */

static inline UChar32
cp_at(const char *s, size_t len, size_t i, size_t *l)
{
	UChar32 c;
	int32_t ii = (int32_t)i;
	if ((unsigned char)s[i] < 0x80) {
		*l = 1;
		return (unsigned char)s[i];
	}
	U8_NEXT(s, ii, (int32_t)len, c);
	*l = (size_t)ii - i;
	return c < 0 ? 0xFFFD : c;
}

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

/* Split the normalised text S into words, appended to *OUT (reset
 * first).  Words are analysed through X's cache, or into A when A is not
 * NULL (patterns). */
static void
tokenise(lx *x, gstate *g, const char *s, size_t len, void *outv, arena *a)
{
	VEC(tok) *out = outv;
	uint32_t prev = 0;
	out->n = 0;
	for (size_t i = 0; i < len;) {
		size_t l;
		UChar32 c = cp_at(s, len, i, &l);
		if (!is_word_cp(c)) {
			i += l;
			continue;
		}
		tok t;
		t.start = (uint32_t)i;
		t.end = 0;
		while (i < len) {
			c = cp_at(s, len, i, &l);
			if (is_word_cp(c)) {
				i += l;
				continue;
			}
			if (c == '\'' && i + 1 < len) {
				size_t l2, l3;
				UChar32 c2 = cp_at(s, len, i + 1, &l2);
				if ((c2 == 's' || c2 == 'S')
				    && (i + 2 >= len || !is_word_cp(cp_at(s, len, i + 2, &l3)))) {
					t.end = (uint32_t)i;   /* possessive 's */
					i += 2;
					break;
				}
				if (is_word_cp(c2)) {
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
		ms_buf_reset(&g->wb);
		fold_word(&g->nm, s + t.start, t.end - t.start, &g->wb);
		t.w = a ? analyse(x, g->wb.ptr, g->wb.len, a)
		        : word_info(x, g->wb.ptr, g->wb.len);
		t.m = NULL;
		VEC_PUSH(*out, t);
		prev = t.after;
	}
}

/* The non-space bytes of S[A..B) into a fresh string in AR, or NULL. */
static const char *
punct_of(arena *ar, const char *s, size_t a, size_t b)
{
	char buf[128];
	size_t n = 0;
	for (size_t i = a; i < b && n < sizeof buf - 1; i++)
		if (s[i] != ' ')
			buf[n++] = s[i];
	return n ? arena_strndup(ar, buf, n) : NULL;
}

/* Do the non-space bytes of S[A..B) equal P (PREFIX: start with P;
 * SUFFIX: end with it)? */
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

/* ====================================================== compiling forms */

static void
posting_add(lx *x, void **v, const pat *p)
{
	for (posting *q = *v; q; q = q->next)
		if (q->p == p)
			return;
	posting *q = arena_alloc(&x->mem, sizeof *q);
	q->p = p;
	q->next = *v;
	*v = q;
}

static void
index_add(lx *x, smap *ix, const char *key, size_t klen, const pat *p)
{
	void **v = smap_put(ix, &x->mem, key, klen);
	for (posting *q = *v; q; q = q->next)
		if (q->p == p)
			return;
	posting *q = arena_alloc(&x->mem, sizeof *q);
	q->p = p;
	q->next = *v;
	*v = q;
}

static void
trim_buf(ms_buf *b)
{
	size_t a = 0, e = b->len;
	while (a < e && b->ptr[a] == ' ')
		a++;
	while (e > a && b->ptr[e - 1] == ' ')
		e--;
	memmove(b->ptr, b->ptr + a, e - a);
	ms_buf_truncate(b, e - a);
}

static bool
all_caps_acronym(const char *s)
{
	size_t letters = 0;
	for (; *s; s++) {
		if (islower((unsigned char)*s) || (unsigned char)*s >= 0x80)
			return false;
		if (isupper((unsigned char)*s))
			letters++;
		else if (!isdigit((unsigned char)*s))
			return false;
	}
	return letters >= 2;
}

/* Compile TEXT for language X.  Returns NULL when it has no word. */
static pat *
pat_compile(lx *x, gstate *g, const char *text, int kind, uint32_t term,
            const gform *gf, bool exact, bool index)
{
	ms_buf nb = MS_BUF_INIT;
	pat *p = NULL;
	norm_text(&g->nm, text, &nb);
	trim_buf(&nb);
	if (!nb.len)
		goto out;
	p = arena_alloc(&x->mem, sizeof *p);
	memset(p, 0, sizeof *p);
	p->term = term;
	p->kind = (uint8_t)kind;
	p->gf = gf;
	p->exact = exact;
	p->strict = kind == K_FORBIDDEN || kind == K_DEPRECATED;
	if (x->engine == ENG_TOKENS) {
		VEC(tok) tv = { NULL, 0, 0 };
		tokenise(x, g, nb.ptr, nb.len, &tv, &x->mem);
		if (!tv.n) {
			free(tv.v);
			p = NULL;
			goto out;
		}
		p->ntok = (uint32_t)tv.n;
		p->w = arena_alloc(&x->mem, tv.n * sizeof *p->w);
		p->merged = arena_alloc(&x->mem, tv.n * sizeof *p->merged);
		p->punct = arena_alloc(&x->mem, tv.n * sizeof *p->punct);
		for (size_t j = 0; j < tv.n; j++) {
			tok *t = &tv.v[j];
			p->w[j] = t->w;
			p->merged[j] = NULL;
			/* a hyphen between words is a space, except in forbidden
			 * forms */
			p->punct[j] = t->gap == GAP_HYPHEN && !p->strict ? NULL
			              : punct_of(&x->mem, nb.ptr, t->gstart, t->start);
			if (!p->strict && j + 1 < tv.n
			    && (tv.v[j + 1].gap == GAP_SPACE || tv.v[j + 1].gap == GAP_HYPHEN)) {
				ms_buf mb = MS_BUF_INIT;
				ms_buf_puts(&mb, t->w->fold);
				ms_buf_puts(&mb, tv.v[j + 1].w->fold);
				p->merged[j] = analyse(x, mb.ptr, mb.len, &x->mem);
				ms_buf_release(&mb);
			}
			/* closed compounds written open in a text (co sponsor):
			 * remember each head with the two bytes after it */
			size_t fl = strlen(t->w->fold);
			for (size_t k = 2; !p->strict && fl >= 4 && k + 2 <= fl; k++) {
				char key[256];
				if (k + 3 > sizeof key)
					break;
				memcpy(key, t->w->fold, k);
				key[k] = '\1';
				memcpy(key + k + 1, t->w->fold + k, 2);
				*smap_put(&x->prefixes, &x->mem, key, k + 3) = x;
				*smap_put(&x->heads, &x->mem, key, k) = x;
			}
		}
		p->tail = punct_of(&x->mem, nb.ptr, tv.v[tv.n - 1].after, nb.len);
		p->core = arena_strndup(&x->mem, nb.ptr + tv.v[0].start,
		                        tv.v[tv.n - 1].end - tv.v[0].start);
		p->corelen = tv.v[tv.n - 1].end - tv.v[0].start;
		if (index) {
			index_add(x, &x->index, p->w[0]->stem, p->w[0]->slen, p);
			if (p->merged[0])
				index_add(x, &x->index, p->merged[0]->stem,
				          p->merged[0]->slen, p);
		}
		free(tv.v);
	} else {
		/* code points, folded; spaces kept only between two letters of
		 * alphabetic scripts */
		VEC(UChar32) cv = { NULL, 0, 0 };
		for (size_t i = 0; i < nb.len;) {
			size_t l;
			UChar32 c = fold_cp(&g->nm, cp_at(nb.ptr, nb.len, i, &l));
			i += l;
			if (c)
				VEC_PUSH(cv, c);
		}
		size_t n = 0;
		for (size_t i = 0; i < cv.n; i++) {
			if (cv.v[i] == ' ') {
				if (n && cv.v[n - 1] != ' ' && is_latinish(cv.v[n - 1])
				    && i + 1 < cv.n && is_latinish(cv.v[i + 1]))
					cv.v[n++] = ' ';
				continue;
			}
			cv.v[n++] = cv.v[i];
		}
		if (x->korean && n > 3 && cv.v[n - 2] == 0xD558 /* 하 */
		    && cv.v[n - 1] == 0xB2E4 /* 다 */) {
			n -= 2;
			p->verb = true;
		}
		if (!n) {
			free(cv.v);
			p = NULL;
			goto out;
		}
		p->ncp = (uint32_t)n;
		p->cp = arena_alloc(&x->mem, n * sizeof *p->cp);
		memcpy(p->cp, cv.v, n * sizeof *p->cp);
		p->core = arena_strndup(&x->mem, nb.ptr, nb.len);
		p->corelen = nb.len;
		free(cv.v);
		if (index) {
			UChar32 k2[2] = { 0, 0 };
			size_t nk = 0;
			for (size_t i = 0; i < n && nk < 2; i++)
				if (p->cp[i] != ' ')
					k2[nk++] = p->cp[i];
			posting_add(x, umap_put(&x->cindex, ckey(k2[0], k2[1])), p);
		}
	}
out:
	ms_buf_release(&nb);
	return p;
}

/* ======================================================== token matching */

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

/* Match words J… of P against text words I…; the end in *END. */
static bool
align(const lx *x, const pat *p, uint32_t j, const tok *T, size_t n, size_t i,
      const char *s, size_t *end)
{
	if (j == p->ntok) {
		*end = i;
		return true;
	}
	if (i >= n)
		return false;
	if (j > 0 && !gap_ok(p, j, &T[i], s))
		return false;
	if (word_eq(x, p->w[j], T[i].w) && align(x, p, j + 1, T, n, i + 1, s, end))
		return true;
	if (p->strict)
		return false;
	if (T[i].m && i + 1 < n && word_eq(x, p->w[j], T[i].m)
	    && align(x, p, j + 1, T, n, i + 2, s, end))
		return true;
	if (j + 1 < p->ntok && p->merged[j] && word_eq(x, p->merged[j], T[i].w)
	    && align(x, p, j + 2, T, n, i + 1, s, end))
		return true;
	return false;
}

/* Does P match at word I of the text S (LEN bytes)?  *END receives the
 * word after the match. */
static bool
tok_match_at(const lx *x, const pat *p, const tok *T, size_t n, size_t i,
             const char *s, size_t len, size_t *end)
{
	if (p->punct[0]) {
		if (!punct_match(s, T[i].gstart, T[i].start, p->punct[0], 2))
			return false;
	} else if (T[i].gap == GAP_HYPHEN)
		return false;    /* inside a hyphenated compound (non-refoulement) */
	if (!align(x, p, 0, T, n, i, s, end))
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
 * cached winfo, so a frequent word costs one hash lookup. */
static const winfo *
looked_up(const lx *x, const winfo *cw)
{
	winfo *w = (winfo *)cw;   /* text words live in X's cache */
	if (!w->looked) {
		void **v = smap_find(&x->index, w->stem, w->slen);
		w->post = v ? *v : NULL;
		w->head = smap_find(&x->heads, w->fold, strlen(w->fold)) != NULL;
		w->looked = true;
	}
	return w;
}

/* Close up words with their successors where a compound might start
 * (only where a pattern word has that prefix). */
static void
tok_merges(lx *x, gstate *g, tok *T, size_t n)
{
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
		if (!smap_find(&x->prefixes, key, al + 1 + bl))
			continue;
		ms_buf_reset(&g->wb);
		ms_buf_puts(&g->wb, T[i].w->fold);
		ms_buf_puts(&g->wb, T[i + 1].w->fold);
		T[i].m = word_info(x, g->wb.ptr, g->wb.len);
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
			for (const posting *q = looked_up(x, w)->post; q; q = q->next) {
				size_t end;
				if (tok_match_at(x, q->p, T, n, i, s, len, &end))
					fn(q->p, i, end, data);
			}
		}
	}
}

/* ========================================================= char matching */

/* Match P at code point S0 of T; the end, or 0. */
static size_t
char_match(const pat *p, const UChar32 *T, size_t n, size_t s0)
{
	size_t i = s0;
	for (uint32_t k = 0; k < p->ncp; k++) {
		UChar32 pc = p->cp[k];
		if (pc == ' ') {
			if (i >= n || T[i] != ' ')
				return 0;
			while (i < n && T[i] == ' ')
				i++;
			continue;
		}
		if (k > 0 && i < n && T[i] == ' ') {
			if (is_latinish(p->cp[k - 1]) && is_latinish(pc))
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
			void **v = umap_find(&x->cindex, ckey(T[i], pass ? 0 : T[q]));
			for (posting *pp = v ? *v : NULL; pp; pp = pp->next) {
				size_t e = char_match(pp->p, T, n, i);
				if (e)
					fn(pp->p, i, e, data);
			}
		}
	}
}

/* --------------------------------------------------- Korean boundaries */

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
	if (q >= n || !is_hangul(T[q]))
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
	if (is_latinish(f))
		return !is_latinish(prev);
	if (is_hangul(f))
		return !is_hangul(prev);
	return true;
}

static bool
right_basic(const pat *p, const UChar32 *T, size_t n, size_t e)
{
	if (e >= n)
		return true;
	UChar32 l = last_cp(p), next = T[e];
	if (is_latinish(l))
		return !is_latinish(next);
	if (is_hangul(l))
		return !is_hangul(next);
	return true;
}

typedef struct kctx {
	occ *o;
	size_t no;
	const UChar32 *T;
	size_t n;
	bool korean;
} kctx;

static bool
k_left(kctx *k, size_t i)
{
	occ *o = &k->o[i];
	if (o->lok >= 0)
		return o->lok;
	o->lok = 0;   /* no cycles: partners end before this starts */
	bool ok = left_basic(o->p, k->T, o->s);
	for (size_t j = 0; !ok && k->korean && j < k->no; j++)
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
	bool ok = o->p->kind == K_EXCEPTION || right_basic(o->p, T, n, e);
	if (!ok && k->korean && is_hangul(last_cp(o->p))) {
		if (particles_to_end(T, n, e, 0))
			ok = true;
		else if (verbal_at(T, n, e))
			ok = true;   /* 공동제안했다, and 공동후원했다 */
		else if (o->p->verb && (T[e] == 0xAD6D /* 국 */ || T[e] == 0xC790 /* 자 */)
		         && particles_to_end(T, n, e + 1, 0))
			ok = true;
		for (size_t j = 0; !ok && j < k->no; j++)
			if (j != i && k->o[j].s == e && k->o[j].p->kind == K_REQUIRED
			    && k_right(k, j))
				ok = true;
	}
	o->rok = ok;
	return ok;
}

/* ============================================================ languages */

static bool
lang_is(const char *lang, const char *code)
{
	size_t n = strlen(code);
	return !strncmp(lang, code, n) && (!lang[n] || lang[n] == '-' || lang[n] == '_');
}

static lx *
lx_new(const char *lang)
{
	lx *x = ms_xcalloc(1, sizeof *x);
	char primary[16];
	size_t n = strcspn(lang, "-_");
	if (n >= sizeof primary)
		n = sizeof primary - 1;
	memcpy(primary, lang, n);
	primary[n] = '\0';
	for (size_t i = 0; i < n; i++)
		primary[i] = (char)tolower((unsigned char)primary[i]);
	x->lang = ms_xstrdup(lang);
	if (!strcmp(primary, "ko") || !strcmp(primary, "ja") || !strcmp(primary, "zh")
	    || !strcmp(primary, "th") || !strcmp(primary, "my") || !strcmp(primary, "km")
	    || !strcmp(primary, "lo")) {
		x->engine = ENG_CHARS;
		x->korean = !strcmp(primary, "ko");
	} else {
		x->engine = ENG_TOKENS;
		x->rules = !strcmp(primary, "en") ? R_EN : !strcmp(primary, "es") ? R_ES
		           : R_PLAIN;
		x->sb = sb_stemmer_new(primary, "UTF_8");
	}
	x->minstem = x->rules == R_ES ? 4 : 3;
	return x;
}

static void
lx_release(lx *x)
{
	free(x->lang);
	if (x->sb)
		sb_stemmer_delete(x->sb);
	smap_release(&x->index);
	umap_release(&x->cindex);
	smap_release(&x->prefixes);
	smap_release(&x->heads);
	smap_release(&x->cache);
	arena_release(&x->mem);
	arena_release(&x->cache_mem);
}

static void
lx_free(lx *x)
{
	if (!x)
		return;
	lx_release(x);
	free(x);
}

/* The compiled target language LANG (exact, else same primary subtag). */
static lx *
find_lx(const ms_glossary *gl, const char *lang)
{
	for (size_t i = 0; i < gl->ntl; i++)
		if (!strcmp(gl->tl[i]->lang, lang))
			return gl->tl[i];
	for (size_t i = 0; i < gl->ntl; i++) {
		size_t n = strcspn(gl->tl[i]->lang, "-_");
		if (!strncmp(gl->tl[i]->lang, lang, n) && (!lang[n] || lang[n] == '-' || lang[n] == '_'))
			return gl->tl[i];
	}
	return NULL;
}

static const glang *
term_lang(const gterm *t, const char *lang)
{
	for (size_t i = 0; i < t->nlangs; i++)
		if (!strcmp(t->langs[i].lang, lang))
			return &t->langs[i];
	for (size_t i = 0; i < t->nlangs; i++) {
		size_t n = strcspn(t->langs[i].lang, "-_");
		char code[16];
		if (n >= sizeof code)
			continue;
		memcpy(code, t->langs[i].lang, n);
		code[n] = '\0';
		if (lang_is(lang, code))
			return &t->langs[i];
	}
	return NULL;
}

/* ============================================================ matching */

static void
src_hit(const pat *p, size_t s, size_t e, void *data)
{
	gstate *g = data;
	smatch m = { p->term, (uint32_t)s, (uint32_t)e };
	VEC_PUSH(g->sm, m);
}

static void
tgt_hit(const pat *p, size_t s, size_t e, void *data)
{
	gstate *g = data;
	occ o = { p, (uint32_t)s, (uint32_t)e, -1, -1 };
	VEC_PUSH(g->oc, o);
}

/* Find the terms of MSGID: g->order lists them in order of first
 * occurrence, g->seen[term] == g->stamp marks them. */
static void
source_scan(const ms_glossary *gl, const char *msgid)
{
	gstate *g = gl->st;
	lx *x = (lx *)&gl->src;
	reset_cache(x);
	norm_text(&g->nm, msgid, &g->src);
	tokenise(x, g, g->src.ptr, g->src.len, &g->st, NULL);
	tok_merges(x, g, g->st.v, g->st.n);
	g->sm.n = 0;
	tok_scan(x, g->st.v, g->st.n, g->src.ptr, g->src.len, src_hit, g);
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
			VEC_PUSH(g->keep, *a);
			if (g->seen[a->term] == g->stamp)
				continue;
			g->seen[a->term] = g->stamp;
			VEC_PUSH(g->order, a->term);
		}
	}
}

/* Scan the translation MSGSTR with language X: every occurrence of every
 * form into g->oc, with its boundaries. */
static void
target_scan(const ms_glossary *gl, lx *x)
{
	gstate *g = gl->st;
	g->oc.n = 0;
	if (x->engine == ENG_TOKENS) {
		reset_cache(x);
		tokenise(x, g, g->tgt.ptr, g->tgt.len, &g->tt, NULL);
		tok_merges(x, g, g->tt.v, g->tt.n);
		tok_scan(x, g->tt.v, g->tt.n, g->tgt.ptr, g->tgt.len, tgt_hit, g);
		for (size_t i = 0; i < g->oc.n; i++)
			g->oc.v[i].lok = g->oc.v[i].rok = 1;
		return;
	}
	g->cp.n = 0;
	for (size_t i = 0; i < g->tgt.len;) {
		size_t l;
		UChar32 c = fold_cp(&g->nm, cp_at(g->tgt.ptr, g->tgt.len, i, &l));
		i += l;
		if (c)
			VEC_PUSH(g->cp, c);
	}
	char_scan(x, g->cp.v, g->cp.n, tgt_hit, g);
	kctx k = { g->oc.v, g->oc.n, g->cp.v, g->cp.n, x->korean };
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

/* Are terms A and B next to each other somewhere in the source ("North
 * Korean" + "escapee")? */
static bool
adjacent_terms(const gstate *g, uint32_t a, uint32_t b)
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
inside_neighbour(const ms_glossary *gl, uint32_t ti)
{
	gstate *g = gl->st;
	for (size_t i = 0; i < g->oc.n; i++) {
		const occ *o = &g->oc.v[i];
		if (o->p->term != ti || o->p->kind != K_REQUIRED)
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
cond_holds(const ms_glossary *gl, const gform *gf)
{
	gstate *g = gl->st;
	for (size_t c = 0; c < gf->ncond; c++) {
		const pat *p = gf->cpats[c];
		for (size_t i = 0; p && i < g->st.n; i++) {
			size_t end;
			if (tok_match_at(&gl->src, p, g->st.v, g->st.n, i, g->src.ptr,
			                 g->src.len, &end))
				return true;
		}
	}
	return false;
}

/* Is the forbidden occurrence O excused: inside one of its term's
 * exceptions, inside a required rendering of a term of the source, or
 * allowed by its condition? */
static bool
excused(const ms_glossary *gl, const occ *o)
{
	gstate *g = gl->st;
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
	return o->p->gf && o->p->gf->ncond && cond_holds(gl, o->p->gf);
}

/* Is the do-not-translate form P (source pattern) verbatim in the
 * normalised translation? */
static bool
verbatim_in(const gstate *g, const pat *p)
{
	const char *s = g->tgt.ptr, *end = s + g->tgt.len;
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
			left = !(is_latinish(cp_at(s, g->tgt.len, k, &l))
			         && is_latinish(cp_at(p->core, p->corelen, 0, &l)));
		}
		if (b < g->tgt.len) {
			size_t k = p->corelen - 1;
			while (k > 0 && ((unsigned char)p->core[k] & 0xC0) == 0x80)
				k--;
			right = !(is_latinish(cp_at(s, g->tgt.len, b, &l))
			          && is_latinish(cp_at(p->core, p->corelen, k, &l)));
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
ms_glossary_match(const ms_glossary *gl, const char *msgid, const char *msgstr,
                  const char *lang, ms_gloss_fn fn, void *data)
{
	if (!gl || !msgid || !msgstr || !lang)
		return 0;
	gstate *g = gl->st;
	size_t bad = 0;
	source_scan(gl, msgid);
	if (!g->order.n)
		return 0;
	lx *x = find_lx(gl, lang);
	bool need = false;
	for (size_t i = 0; i < g->order.n && x && !need; i++) {
		const glang *b = term_lang(&gl->terms[g->order.v[i]], lang);
		need = b && (b->nreq || b->nforb || b->ndepr);
	}
	norm_text(&g->nm, msgstr, &g->tgt);
	g->oc.n = 0;
	if (need)
		target_scan(gl, x);
	for (size_t i = 0; i < g->order.n; i++) {
		uint32_t ti = g->order.v[i];
		const gterm *t = &gl->terms[ti];
		const glang *b = term_lang(t, lang);
		ms_gloss_result r;
		memset(&r, 0, sizeof r);
		r.term = t->id;
		r.source = t->source[0].text;
		r.verdict = MS_GLOSS_OK;
		if (b && x && (b->nreq || b->nforb || b->ndepr)) {
			const occ *forb = NULL, *depr = NULL;
			bool have = false;
			for (size_t k = 0; k < g->oc.n; k++) {
				const occ *o = &g->oc.v[k];
				if (o->p->term != ti || !occ_valid(o))
					continue;
				if (o->p->kind == K_REQUIRED)
					have = true;
				else if (o->p->kind == K_FORBIDDEN && !forb && !excused(gl, o))
					forb = o;
				else if (o->p->kind == K_DEPRECATED && !depr && !excused(gl, o))
					depr = o;
			}
			r.expected = b->nreq ? b->req[0].text : NULL;
			if (forb || depr) {
				const occ *o = forb ? forb : depr;
				r.verdict = forb ? MS_GLOSS_FORBIDDEN : MS_GLOSS_DEPRECATED;
				r.found = o->p->gf->text;
				r.reason = o->p->gf->reason;
			} else if (b->nreq && !have && !inside_neighbour(gl, ti))
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
ms_glossary_hints(const ms_glossary *gl, const char *msgid, char *const *langs,
                  ms_buf *out)
{
	if (!gl || !msgid)
		return;
	gstate *g = gl->st;
	source_scan(gl, msgid);
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

static char *form_key(gstate *g, const char *text);

bool
ms_glossary_is_verbatim(const ms_glossary *gl, const char *text, const char *lang)
{
	if (!gl || !text)
		return false;
	char *k = form_key(gl->st, text);
	bool found = false;
	for (size_t i = 0; i < gl->nterms && !found; i++) {
		const gterm *t = &gl->terms[i];
		const glang *b = lang ? term_lang(t, lang) : NULL;
		bool src = false;
		for (size_t j = 0; j < t->nsource && !src; j++) {
			char *sk = form_key(gl->st, t->source[j].text);
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
			char *rk = form_key(gl->st, b->req[j].text);
			found = !strcmp(rk, k);
			free(rk);
		}
	}
	free(k);
	return found;
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

/* ============================================================== loading */

/* A YAML node, built from libyaml's events so that anchors, aliases and
 * tags can be refused where they appear. */
enum { YN_SCALAR, YN_SEQ, YN_MAP };

typedef struct ynode {
	int type;
	char *s;                 /* YN_SCALAR */
	bool plain;              /* unquoted scalar */
	unsigned line, col;
	struct ynode **kids;     /* YN_MAP: key, value, key, value … */
	size_t n, cap;
} ynode;

static void
ynode_free(ynode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++)
		ynode_free(n->kids[i]);
	free(n->kids);
	free(n->s);
	free(n);
}

typedef struct lctx {
	const char *name;
	ms_diag_handler *h;
	unsigned errors;
	ms_glossary *gl;
} lctx;

static void lerr(lctx *c, const ynode *n, const char *fmt, ...) MS_PRINTF(3, 4);
static void lwarn(lctx *c, const ynode *n, const char *fmt, ...) MS_PRINTF(3, 4);

static void
lerr(lctx *c, const ynode *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ms_diag_vemit(c->h, MS_ERROR, NULL, c->name, n ? n->line : 0,
	              n ? n->col : 0, fmt, ap);
	va_end(ap);
	c->errors++;
}

static void
lwarn(lctx *c, const ynode *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ms_diag_vemit(c->h, MS_WARNING, NULL, c->name, n ? n->line : 0,
	              n ? n->col : 0, fmt, ap);
	va_end(ap);
}

static ynode *
ynode_new(int type, const yaml_event_t *ev)
{
	ynode *n = ms_xcalloc(1, sizeof *n);
	n->type = type;
	n->line = (unsigned)ev->start_mark.line + 1;
	n->col = (unsigned)ev->start_mark.column + 1;
	return n;
}

static void
ynode_add(ynode *parent, ynode *kid)
{
	if (parent->n == parent->cap) {
		parent->cap = parent->cap ? parent->cap * 2 : 8;
		parent->kids = ms_xrealloc(parent->kids, parent->cap * sizeof *parent->kids);
	}
	parent->kids[parent->n++] = kid;
}

/* Refuse anchors, aliases and tags other than the core schema's. */
static bool
event_ok(lctx *c, const yaml_event_t *ev)
{
	const yaml_char_t *anchor = NULL, *tag = NULL;
	ynode where = { 0 };
	where.line = (unsigned)ev->start_mark.line + 1;
	where.col = (unsigned)ev->start_mark.column + 1;
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		lerr(c, &where, _("YAML aliases ('*%s') are not allowed in the glossary"),
		     (const char *)ev->data.alias.anchor);
		return false;
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
		break;
	default:
		return true;
	}
	if (anchor) {
		lerr(c, &where, _("YAML anchors ('&%s') are not allowed in the glossary"),
		     (const char *)anchor);
		return false;
	}
	if (tag && strncmp((const char *)tag, "tag:yaml.org,2002:", 18)) {
		lerr(c, &where, _("YAML tags ('%s') are not allowed in the glossary"),
		     (const char *)tag);
		return false;
	}
	return true;
}

/* Parse DATA into a tree; NULL after reporting an error. */
static ynode *
yaml_tree(lctx *c, const char *data, size_t len, ms_status *st)
{
	yaml_parser_t p;
	ynode *root = NULL;
	ynode *stack[64];
	size_t depth = 0;
	int docs = 0;
	bool done = false;

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	while (!done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			ynode where = { 0 };
			where.line = (unsigned)p.problem_mark.line + 1;
			where.col = (unsigned)p.problem_mark.column + 1;
			if (p.context)
				lerr(c, &where, _("malformed YAML: %s %s"), p.problem
				     ? p.problem : "?", p.context);
			else
				lerr(c, &where, _("malformed YAML: %s"), p.problem
				     ? p.problem : "?");
			*st = MS_ERR_PARSE;
			break;
		}
		if (!event_ok(c, &ev)) {
			yaml_event_delete(&ev);
			*st = MS_ERR_INVALID;
			break;
		}
		ynode *n = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				ynode where = { 0 };
				where.line = (unsigned)ev.start_mark.line + 1;
				where.col = (unsigned)ev.start_mark.column + 1;
				lerr(c, &where, _("the glossary must be a single YAML document"));
				*st = MS_ERR_INVALID;
				done = true;
			}
			break;
		case YAML_SCALAR_EVENT:
			n = ynode_new(YN_SCALAR, &ev);
			n->s = ms_xstrndup((const char *)ev.data.scalar.value,
			                   ev.data.scalar.length);
			n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			break;
		case YAML_SEQUENCE_START_EVENT:
			n = ynode_new(YN_SEQ, &ev);
			break;
		case YAML_MAPPING_START_EVENT:
			n = ynode_new(YN_MAP, &ev);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth)
				depth--;
			break;
		default:
			break;
		}
		if (n) {
			if (depth)
				ynode_add(stack[depth - 1], n);
			else if (!root)
				root = n;
			else
				ynode_free(n), n = NULL;
			if (n && n->type != YN_SCALAR) {
				if (depth == MS_ARRAY_SIZE(stack)) {
					lerr(c, n, _("the glossary is nested too deeply"));
					*st = MS_ERR_INVALID;
					done = true;
				} else
					stack[depth++] = n;
			}
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	if (*st != MS_OK) {
		ynode_free(root);
		return NULL;
	}
	return root;
}

/* The value of a scalar, or NULL after an error naming WHAT. */
static const char *
want_string(lctx *c, const ynode *n, const char *what)
{
	if (n->type != YN_SCALAR) {
		lerr(c, n, _("'%s' must be a string"), what);
		return NULL;
	}
	if (!*n->s) {
		lerr(c, n, _("'%s' must not be empty"), what);
		return NULL;
	}
	return n->s;
}

/* A string or a list of strings into a NULL-terminated vector (appended).
 * Returns false after an error. */
static bool
want_strings(lctx *c, const ynode *n, const char *what, char ***out, ynode ***where,
             size_t *nwhere)
{
	if (n->type == YN_SCALAR) {
		if (!want_string(c, n, what))
			return false;
		ms_strv_push(out, n->s);
		if (where) {
			*where = ms_xrealloc(*where, (*nwhere + 1) * sizeof **where);
			(*where)[(*nwhere)++] = (ynode *)n;
		}
		return true;
	}
	if (n->type != YN_SEQ) {
		lerr(c, n, _("'%s' must be a string or a list of strings"), what);
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < n->n; i++) {
		if (n->kids[i]->type != YN_SCALAR) {
			lerr(c, n->kids[i], _("'%s' must be a list of strings"), what);
			ok = false;
			continue;
		}
		ok &= want_strings(c, n->kids[i], what, out, where, nwhere);
	}
	return ok;
}

/* Check the keys of mapping N: strings, no duplicates. */
static bool
check_map(lctx *c, const ynode *n, const char *what)
{
	if (n->type != YN_MAP) {
		lerr(c, n, _("%s must be a mapping"), what);
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const ynode *k = n->kids[i];
		if (k->type != YN_SCALAR) {
			lerr(c, k, _("keys of %s must be strings"), what);
			ok = false;
			continue;
		}
		for (size_t j = 0; j < i; j += 2)
			if (n->kids[j]->type == YN_SCALAR && !strcmp(n->kids[j]->s, k->s)) {
				lerr(c, k, _("duplicate key '%s' (first at line %u)"), k->s,
				     n->kids[j]->line);
				ok = false;
				break;
			}
	}
	return ok;
}

static bool
valid_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-'))
			return false;
	return true;
}

static bool
looks_like_lang(const char *s)
{
	size_t n = 0;
	while (islower((unsigned char)s[n]))
		n++;
	if (n < 2 || n > 3)
		return false;
	while (s[n] == '-' || s[n] == '_') {
		size_t k = ++n;
		while (isalnum((unsigned char)s[n]))
			n++;
		if (n - k < 2 || n - k > 8)
			return false;
	}
	return !s[n];
}

static void
gform_release(gform *f)
{
	free(f->text);
	free(f->reason);
	ms_strv_free(f->cond);
	free(f->cpats);
}

static void
gform_set(gform *f, const char *text, const ynode *where)
{
	memset(f, 0, sizeof *f);
	f->text = ms_xstrdup(text);
	f->line = where->line;
	f->col = where->col;
}

static void
glang_release(glang *b)
{
	free(b->lang);
	for (size_t i = 0; i < b->nreq; i++)
		gform_release(&b->req[i]);
	for (size_t i = 0; i < b->nforb; i++)
		gform_release(&b->forb[i]);
	for (size_t i = 0; i < b->ndepr; i++)
		gform_release(&b->depr[i]);
	for (size_t i = 0; i < b->nexc; i++)
		gform_release(&b->exc[i]);
	free(b->req);
	free(b->forb);
	free(b->depr);
	free(b->exc);
	free(b->note);
}

static void
gterm_release(gterm *t)
{
	free(t->id);
	for (size_t i = 0; i < t->nsource; i++)
		gform_release(&t->source[i]);
	free(t->source);
	for (size_t i = 0; i < t->nlangs; i++)
		glang_release(&t->langs[i]);
	free(t->langs);
	free(t->note);
	free(t->srcpats);
}

/* Plain strings as gforms (required, exceptions). */
static bool
read_forms(lctx *c, const ynode *n, const char *what, gform **out, size_t *nout)
{
	char **v = NULL;
	ynode **where = NULL;
	size_t nw = 0;
	bool ok = want_strings(c, n, what, &v, &where, &nw);
	if (ok) {
		*out = ms_xrealloc(*out, (*nout + nw) * sizeof **out);
		for (size_t i = 0; i < nw; i++)
			gform_set(&(*out)[(*nout)++], v[i], where[i]);
	}
	ms_strv_free(v);
	free(where);
	return ok;
}

/* forbidden / deprecated: a list of {form, reason, allowed_if_source}. */
static bool
read_bad_forms(lctx *c, const ynode *n, const char *what, gform **out, size_t *nout)
{
	if (n->type != YN_SEQ) {
		lerr(c, n, _("'%s' must be a list of {form, reason} mappings"), what);
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < n->n; i++) {
		const ynode *it = n->kids[i];
		const ynode *form = NULL, *reason = NULL, *cond = NULL;
		if (it->type == YN_SCALAR) {
			form = it;
		} else if (check_map(c, it, what)) {
			for (size_t k = 0; k + 1 < it->n; k += 2) {
				const char *key = it->kids[k]->s;
				const ynode *v = it->kids[k + 1];
				if (!strcmp(key, "form"))
					form = v;
				else if (!strcmp(key, "reason"))
					reason = v;
				else if (!strcmp(key, "allowed_if_source"))
					cond = v;
				else
					lwarn(c, it->kids[k], _("unknown key '%s' in '%s' ignored"),
					      key, what);
			}
			if (!form) {
				lerr(c, it, _("an entry of '%s' has no 'form'"), what);
				ok = false;
				continue;
			}
		} else {
			ok = false;
			continue;
		}
		if (!want_string(c, form, "form")) {
			ok = false;
			continue;
		}
		*out = ms_xrealloc(*out, (*nout + 1) * sizeof **out);
		gform *f = &(*out)[(*nout)++];
		gform_set(f, form->s, form);
		if (reason && want_string(c, reason, "reason"))
			f->reason = ms_xstrdup(reason->s);
		else if (reason)
			ok = false;
		else
			lwarn(c, form, _("%s form '%s' has no reason"), what, form->s);
		if (cond && !want_strings(c, cond, "allowed_if_source", &f->cond, NULL, NULL))
			ok = false;
		f->ncond = ms_strv_len(f->cond);
	}
	return ok;
}

static bool
read_lang(lctx *c, const ynode *n, const char *lang, glang *b)
{
	bool ok = true;
	memset(b, 0, sizeof *b);
	b->lang = ms_xstrdup(lang);
	for (size_t k = 0; k + 1 < n->n; k += 2) {
		const char *key = n->kids[k]->s;
		const ynode *v = n->kids[k + 1];
		if (!strcmp(key, "required"))
			ok &= read_forms(c, v, "required", &b->req, &b->nreq);
		else if (!strcmp(key, "forbidden"))
			ok &= read_bad_forms(c, v, "forbidden", &b->forb, &b->nforb);
		else if (!strcmp(key, "deprecated"))
			ok &= read_bad_forms(c, v, "deprecated", &b->depr, &b->ndepr);
		else if (!strcmp(key, "exceptions"))
			ok &= read_forms(c, v, "exceptions", &b->exc, &b->nexc);
		else if (!strcmp(key, "note")) {
			if (want_string(c, v, "note"))
				b->note = ms_xstrdup(v->s);
			else
				ok = false;
		} else
			lwarn(c, n->kids[k], _("unknown key '%s' in language '%s' ignored"),
			      key, lang);
	}
	return ok;
}

/* The form as the matcher compares it: normalised, folded, without
 * spaces.  Freshly allocated. */
static char *
form_key(gstate *g, const char *text)
{
	ms_buf nb = MS_BUF_INIT, fb = MS_BUF_INIT;
	norm_text(&g->nm, text, &nb);
	fold_word(&g->nm, nb.ptr, nb.len, &fb);
	size_t o = 0;
	for (size_t i = 0; i < fb.len; i++)
		if (fb.ptr[i] != ' ')
			fb.ptr[o++] = fb.ptr[i];
	ms_buf_truncate(&fb, o);
	ms_buf_release(&nb);
	return ms_buf_detach(&fb, NULL);
}

static void
check_conflicts(lctx *c, gterm *t, glang *b)
{
	gstate *g = c->gl->st;
	for (size_t i = 0; i < b->nreq; i++) {
		char *rk = form_key(g, b->req[i].text);
		for (int pass = 0; pass < 2; pass++) {
			gform *v = pass ? b->depr : b->forb;
			size_t nv = pass ? b->ndepr : b->nforb;
			for (size_t j = 0; j < nv; j++) {
				char *fk = form_key(g, v[j].text);
				if (!strcmp(rk, fk)) {
					ynode where = { 0 };
					where.line = v[j].line;
					where.col = v[j].col;
					lerr(c, &where, _("'%s' is both required and %s for term '%s' in '%s'"),
					     v[j].text, pass ? _("deprecated") : _("forbidden"),
					     t->id, b->lang);
				}
				free(fk);
			}
		}
		free(rk);
	}
}

static bool
read_term(lctx *c, const ynode *n, gterm *t)
{
	bool ok = true;
	const ynode *idn = NULL, *srcn = NULL;
	memset(t, 0, sizeof *t);
	t->line = n->line;
	t->col = n->col;
	for (size_t k = 0; k + 1 < n->n; k += 2) {
		const ynode *kn = n->kids[k];
		const char *key = kn->s;
		const ynode *v = n->kids[k + 1];
		if (!strcmp(key, "id")) {
			idn = v;
			if (!want_string(c, v, "id"))
				ok = false;
			else if (!valid_id(v->s)) {
				lerr(c, v, _("term id '%s' must be made of a-z, 0-9 and '-'"), v->s);
				ok = false;
			} else
				t->id = ms_xstrdup(v->s);
		} else if (!strcmp(key, "source")) {
			srcn = v;
			ok &= read_forms(c, v, "source", &t->source, &t->nsource);
		} else if (!strcmp(key, "note")) {
			if (want_string(c, v, "note"))
				t->note = ms_xstrdup(v->s);
			else
				ok = false;
		} else if (!strcmp(key, "dnt")) {
			if (v->type == YN_SCALAR && v->plain
			    && (!strcmp(v->s, "true") || !strcmp(v->s, "yes")))
				t->dnt = true;
			else if (v->type == YN_SCALAR && v->plain
			         && (!strcmp(v->s, "false") || !strcmp(v->s, "no")))
				t->dnt = false;
			else {
				lerr(c, v, _("'dnt' must be true or false"));
				ok = false;
			}
		} else if (looks_like_lang(key)) {
			if (!check_map(c, v, _("a language block"))) {
				ok = false;
				continue;
			}
			t->langs = ms_xrealloc(t->langs, (t->nlangs + 1) * sizeof *t->langs);
			ok &= read_lang(c, v, key, &t->langs[t->nlangs]);
			t->nlangs++;
		} else
			lwarn(c, kn, _("unknown key '%s' in a term ignored"), key);
	}
	if (!idn) {
		lerr(c, n, _("a term has no 'id'"));
		ok = false;
	}
	if (!t->nsource && ok) {
		lerr(c, srcn ? srcn : n, _("term '%s' has no source forms"),
		     t->id ? t->id : "?");
		ok = false;
	}
	for (size_t i = 0; ok && i < t->nlangs; i++)
		check_conflicts(c, t, &t->langs[i]);
	return ok;
}

static lx *
target_lx(ms_glossary *gl, const char *lang)
{
	for (size_t i = 0; i < gl->ntl; i++)
		if (!strcmp(gl->tl[i]->lang, lang))
			return gl->tl[i];
	gl->tl = ms_xrealloc(gl->tl, (gl->ntl + 1) * sizeof *gl->tl);
	return gl->tl[gl->ntl++] = lx_new(lang);
}

/* Compile a list of forms; false after reporting a form without words. */
static bool
compile_forms(lctx *c, lx *x, gform *f, size_t n, int kind, uint32_t term)
{
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		if (!pat_compile(x, c->gl->st, f[i].text, kind, term, &f[i], false, true)) {
			ynode where = { 0 };
			where.line = f[i].line;
			where.col = f[i].col;
			lerr(c, &where, _("'%s' has no letters or digits to match"), f[i].text);
			ok = false;
		}
	}
	return ok;
}

static bool
compile_term(lctx *c, uint32_t ti)
{
	ms_glossary *gl = c->gl;
	gterm *t = &gl->terms[ti];
	bool ok = true;
	t->srcpats = ms_xcalloc(t->nsource, sizeof *t->srcpats);
	t->nsrcpats = t->nsource;
	for (size_t i = 0; i < t->nsource; i++) {
		gform *f = &t->source[i];
		bool exact = t->dnt || all_caps_acronym(f->text);
		t->srcpats[i] = pat_compile(&gl->src, gl->st, f->text, K_SOURCE, ti, f,
		                            exact, true);
		if (!t->srcpats[i]) {
			ynode where = { 0 };
			where.line = f->line;
			where.col = f->col;
			lerr(c, &where, _("'%s' has no letters or digits to match"), f->text);
			ok = false;
		}
	}
	for (size_t i = 0; i < t->nlangs; i++) {
		glang *b = &t->langs[i];
		lx *x = b->x = target_lx(gl, b->lang);
		ok &= compile_forms(c, x, b->req, b->nreq, K_REQUIRED, ti);
		ok &= compile_forms(c, x, b->forb, b->nforb, K_FORBIDDEN, ti);
		ok &= compile_forms(c, x, b->depr, b->ndepr, K_DEPRECATED, ti);
		ok &= compile_forms(c, x, b->exc, b->nexc, K_EXCEPTION, ti);
		for (int pass = 0; pass < 2; pass++) {
			gform *v = pass ? b->depr : b->forb;
			size_t nv = pass ? b->ndepr : b->nforb;
			for (size_t j = 0; j < nv; j++) {
				if (!v[j].ncond)
					continue;
				v[j].cpats = ms_xcalloc(v[j].ncond, sizeof *v[j].cpats);
				for (size_t k = 0; k < v[j].ncond; k++)
					v[j].cpats[k] = pat_compile(&gl->src, gl->st, v[j].cond[k],
					                            K_CONDITION, ti, &v[j], false, false);
			}
		}
	}
	return ok;
}

static ms_glossary *
glossary_new(const char *name)
{
	ms_glossary *gl = ms_xcalloc(1, sizeof *gl);
	gl->path = ms_xstrdup(name);
	gl->st = ms_xcalloc(1, sizeof *gl->st);
	lx *en = lx_new("en");
	gl->src = *en;
	free(en);
	return gl;
}

void
ms_glossary_free(ms_glossary *gl)
{
	if (!gl)
		return;
	for (size_t i = 0; i < gl->nterms; i++)
		gterm_release(&gl->terms[i]);
	free(gl->terms);
	lx_release(&gl->src);
	for (size_t i = 0; i < gl->ntl; i++)
		lx_free(gl->tl[i]);
	free(gl->tl);
	if (gl->st) {
		gstate *g = gl->st;
		normer_release(&g->nm);
		ms_buf_release(&g->src);
		ms_buf_release(&g->tgt);
		ms_buf_release(&g->wb);
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
	free(gl->path);
	free(gl);
}

ms_status
ms_glossary_load_mem(const char *name, const char *data, size_t len,
                     ms_glossary **out, ms_diag_handler *h)
{
	ms_status st = MS_OK;
	lctx c = { name, h, 0, NULL };
	size_t bad;
	unsigned bl, bc;
	*out = NULL;
	if (!ms_utf8_validate(data, len, &bad, &bl, &bc)) {
		ms_diag_emit(h, MS_ERROR, NULL, name, bl, bc,
		             _("invalid UTF-8 or a NUL byte in the glossary"));
		return MS_ERR_ENCODING;
	}
	ms_glossary *gl = c.gl = glossary_new(name);
	if (!normer_init(&gl->st->nm)) {
		ms_diag_emit(h, MS_ERROR, NULL, name, 0, 0,
		             _("ICU could not open its normalisation data"));
		ms_glossary_free(gl);
		return MS_ERR_ICU;
	}
	if (!gl->src.sb) {
		ms_diag_emit(h, MS_ERROR, NULL, name, 0, 0,
		             _("the Snowball stemmer for '%s' is not available"), "english");
		ms_glossary_free(gl);
		return MS_ERR_UNSUPPORTED;
	}
	ynode *root = yaml_tree(&c, data, len, &st);
	const ynode *terms = NULL, *version = NULL;
	if (st != MS_OK)
		goto fail;
	if (!root) {
		ynode where = { 0 };
		where.line = where.col = 1;
		lerr(&c, &where, _("the glossary is empty"));
		st = MS_ERR_INVALID;
		goto fail;
	}
	if (!check_map(&c, root, _("the glossary"))) {
		st = MS_ERR_INVALID;
		goto fail;
	}
	for (size_t k = 0; k + 1 < root->n; k += 2) {
		const char *key = root->kids[k]->s;
		if (!strcmp(key, "version"))
			version = root->kids[k + 1];
		else if (!strcmp(key, "terms"))
			terms = root->kids[k + 1];
		else
			lwarn(&c, root->kids[k], _("unknown key '%s' in the glossary ignored"), key);
	}
	if (version && (version->type != YN_SCALAR || strcmp(version->s, "1")))
		lerr(&c, version, _("unsupported glossary version '%s' (this missive reads version 1)"),
		     version->type == YN_SCALAR ? version->s : "?");
	if (!terms) {
		lerr(&c, root, _("the glossary has no 'terms' list"));
		st = MS_ERR_INVALID;
		goto fail;
	}
	if (terms->type != YN_SEQ) {
		lerr(&c, terms, _("'terms' must be a list of terms"));
		st = MS_ERR_INVALID;
		goto fail;
	}
	gl->terms = ms_xcalloc(terms->n ? terms->n : 1, sizeof *gl->terms);
	for (size_t i = 0; i < terms->n; i++) {
		const ynode *tn = terms->kids[i];
		if (!check_map(&c, tn, _("a term")))
			continue;
		gterm *t = &gl->terms[gl->nterms];
		bool ok = read_term(&c, tn, t);
		for (size_t j = 0; ok && j < gl->nterms; j++)
			if (!strcmp(gl->terms[j].id, t->id)) {
				ynode where = { 0 };
				where.line = t->line;
				where.col = t->col;
				for (size_t k = 0; k + 1 < tn->n; k += 2)
					if (!strcmp(tn->kids[k]->s, "id"))
						where = *tn->kids[k + 1];
				where.kids = NULL;
				lerr(&c, &where, _("duplicate term id '%s' (first at line %u)"),
				     t->id, gl->terms[j].line);
				ok = false;
			}
		if (!ok) {
			gterm_release(t);
			continue;
		}
		gl->nterms++;
	}
	if (c.errors) {
		st = MS_ERR_INVALID;
		goto fail;
	}
	gl->st->seen = ms_xcalloc(gl->nterms ? gl->nterms : 1, sizeof *gl->st->seen);
	for (uint32_t i = 0; i < gl->nterms; i++)
		compile_term(&c, i);
	if (c.errors) {
		st = MS_ERR_INVALID;
		goto fail;
	}
	ynode_free(root);
	*out = gl;
	return MS_OK;
fail:
	ynode_free(root);
	ms_glossary_free(gl);
	return st;
}

ms_status
ms_glossary_load(const char *path, ms_glossary **out, ms_diag_handler *h)
{
	char *data;
	size_t len;
	*out = NULL;
	ms_status st = ms_read_file(path, &data, &len, h);
	if (st != MS_OK)
		return st;
	st = ms_glossary_load_mem(path, data, len, out, h);
	free(data);
	return st;
}

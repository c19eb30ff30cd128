/* morph.c — language morphology for the glossary matcher: how a word is
 * analysed (stems, endings, base forms) and compared, and what may stand
 * beside a rendering written in syllables (particles, endings,
 * honorifics, the other nouns of a compound).
 *
 * Nothing here names a language: the rules are the `morphology:` section
 * of the language's profile (data/lang/<tag>.yaml, core/profile.h;
 * doc/glossary.md lists the keys):
 *
 *   engine: stemmer        words compared through a Snowball stemmer and
 *                          the endings below (English, Spanish …)
 *   engine: agglutinative  renderings matched in the text's characters,
 *                          with particles, endings and compounds at their
 *                          edges (Korean)
 *   engine: characters     the same without the edge rules
 *
 * A morph holds one language's rules and is read-only once made (its
 * noun lexicon is read on first use, under a lock); a morph_run holds
 * what analysing words changes (the Snowball stemmer, whose buffers are
 * its own, and the word cache) and belongs to one thread. */
#include "glossary-impl.h"
#include "langtag.h"
#include "profile.h"
#include "spell.h"

#include <ctype.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <unicode/uscript.h>

/* ===================================================== the rules (data) */

/* A list of strings with "lhs=rhs" rules split, and each string also as
 * code points (for matching in syllable text). */
typedef struct slist {
	char **s;                /* NULL-terminated; the whole item or lhs */
	char **rhs;              /* "=" rules: the replacement ("" if none) */
	size_t n;
} slist;

struct morph {
	char *lang;
	int engine;
	bool agglutinative;
	char *stemmer;           /* Snowball algorithm, or NULL */
	unsigned minstem;
	/* languages written in words */
	slist inflections;       /* endings that leave a base form (en: s, ed …) */
	slist infinitives;       /* endings of a verb's base form (es: ar, er, ir) */
	slist not_verb;          /* words ending so are not forms of a verb (mente) */
	slist endings;           /* an ending's inflection, removed: ies=y, ing, s */
	slist finals;            /* then one final letter, removed: e; a, o, e */
	slist gender;            /* a final letter of gender the stemmer may
	                            leave: alt-o, alt-a */
	slist stem_suffixes;     /* removed from a stem: ship; i */
	slist plurals;           /* plural → singular: ces=z, nes=n, as=a */
	slist plurals_fold;      /* the same, accent-folded: aron=o for aron=ó */
	slist *classes;          /* words one inside a rendering (el/la/los/las) */
	size_t nclasses;
	bool *optional;          /* [k]: class K may be left out of a rendering */
	bool *inserted;          /* [k]: a word of class K may be added inside */
	bool *name_fixed;        /* [k]: … but not inside a required rendering
	                            (a name: Consejo de Derechos Humanos) */
	slist fixed_after;       /* prepositions after which a required
	                            rendering's words do not inflect */
	slist qualifiers;        /* prepositions of a complement that may stand
	                            inside a title (de: de la ONU) */
	bool modifier_after_head; /* a modifier may follow a rendering's
	                            first word (periodo ordinario de sesiones) */
	slist stem_vowels;       /* a verb's stem vowel changes: e=ie, o=ue */
	slist stem_spellings;    /* a verb's stem spelling changes: z=c, g=j */
	slist derivations;       /* stem endings of a noun and its verb: s=d */
	slist clitics;           /* pronouns after an infinitive: se, lo */
	slist conjunctions;      /* and, or; y, o; 및, 또는 */
	/* languages written in syllables */
	slist particles;         /* after a noun, combined up to four deep */
	slist verb_endings;      /* syllables that make a noun a verb: 하, 했 */
	slist verb_nouns;        /* after a verb's stem: the nouns made from it */
	slist honorifics;        /* after a title: 님 */
	slist suffixes;          /* one-syllable nouns that keep a compound's
	                            meaning: 결의문, 대표부, 성노예화 */
	slist adverbial;         /* particles between the nouns of a
	                            rendering used as a verb: 강제로 송환된 */
	slist objects;           /* object particles between them, before a
	                            verb ending: 책임을 규명하는 */
	slist participles;       /* a verb's endings before a noun: 억류된
	                            (국민) for 억류자 */
	slist linking;           /* particles a word of a rendering may take
	                            before the next: 반인도적인 범죄 */
	slist prefixes;          /* one syllable that may stand before a
	                            rendering in its word: 주유엔, 남북한 */
	slist hiding;            /* one-syllable prefixes that change the
	                            meaning of what follows: 비인도적 */
	UScriptCode gloss;       /* a parenthesised gloss in this script
	                            after a word is not read: 반(反)인도적 */
	UScriptCode name_gloss;  /* nor a name of two words or more in this
	                            script after a word of another: the
	                            original name given for reference,
	                            인권이사회(UN Human Rights Council) */
	UChar32 verb_suffix[8];  /* a rendering ending so is a verb (하다) */
	size_t nverb_suffix;
	char *hunspell;          /* the language's hunspell dictionary */
	char *noun_flag;         /* its affix flag of nouns */
	/* the nouns of that dictionary (two syllables or more), read on
	 * first use */
	pthread_mutex_t lex_lock;
	atomic_bool lex_loaded;
	ms_htab *lexicon;
	gl_arena lex_mem;
	unsigned lex_max;        /* the longest, in characters */
};

struct morph_run {
	const morph *m;
	struct sb_stemmer *sb;
	ms_htab *cache;          /* folded word → winfo (keys in cache_mem) */
	gl_arena cache_mem;
	ms_buf lower, base, tmp;
};

#define CACHE_MAX 200000
#define MAX_ANALYSES 12

/* ----------------------------------------------- where the rules come from */

/* The `morphology:` section of one profile, read with located errors. */
typedef struct mdata {
	const ms_profile *p;
	ms_diag_handler *h;
	bool ok;
	ms_buf key;
} mdata;

/* "morphology.KEY" into d->key. */
static const char *
md_path(mdata *d, const char *key)
{
	ms_buf_reset(&d->key);
	ms_buf_printf(&d->key, "morphology.%s", key);
	return d->key.ptr;
}

/* The scalar KEY, or NULL (an error when it is set but not a scalar). */
static const char *
md_str(mdata *d, const char *key)
{
	const char *path = md_path(d, key);
	const char *v = ms_profile_str(d->p, path);
	const char *const *names = NULL;
	size_t n = 0;
	ms_profile_list(d->p, path, &n);
	if (!v && (n || ms_profile_keys(d->p, path, &names))) {
		ms_diag_emit(d->h, MS_ERROR, NULL, NULL, 0, 0,
		             _("'morphology.%s' of the '%s' profile must be a single value"), key,
		             ms_profile_lang(d->p));
		d->ok = false;
	}
	return v;
}

static bool
str_in(const char *s, size_t n, const slist *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (strlen(l->s[i]) == n && !memcmp(l->s[i], s, n))
			return true;
	return false;
}

static void
slist_add(slist *l, const char *item, bool rules)
{
	const char *eq = rules ? strchr(item, '=') : NULL;
	l->s = ms_xrealloc(l->s, (l->n + 2) * sizeof *l->s);
	l->rhs = ms_xrealloc(l->rhs, (l->n + 2) * sizeof *l->rhs);
	l->s[l->n] = eq ? ms_xstrndup(item, (size_t)(eq - item)) : ms_xstrdup(item);
	l->rhs[l->n] = ms_xstrdup(eq ? eq + 1 : "");
	l->n++;
	l->s[l->n] = l->rhs[l->n] = NULL;
}

static void
slist_release(slist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->s[i]);
		free(l->rhs[i]);
	}
	free(l->s);
	free(l->rhs);
	memset(l, 0, sizeof *l);
}

/* Longest items first, so that the first match is the longest. */
static void
slist_sort(slist *l)
{
	for (size_t i = 1; i < l->n; i++)
		for (size_t j = i; j > 0 && strlen(l->s[j]) > strlen(l->s[j - 1]); j--) {
			char *t = l->s[j]; l->s[j] = l->s[j - 1]; l->s[j - 1] = t;
			t = l->rhs[j]; l->rhs[j] = l->rhs[j - 1]; l->rhs[j - 1] = t;
		}
}

/* The list at PATH (a single value is a list of one) into L. */
static void
md_list_path(mdata *d, const char *path, slist *l, bool rules)
{
	size_t n = 0;
	const ms_pvalue *v = ms_profile_list(d->p, path, &n);
	const char *one = n ? NULL : ms_profile_str(d->p, path);
	for (size_t i = 0; i < n; i++)
		slist_add(l, v[i].text, rules);
	if (one)
		slist_add(l, one, rules);
	slist_sort(l);
}

static void
md_list(mdata *d, const char *key, slist *l, bool rules)
{
	md_list_path(d, md_path(d, key), l, rules);
}

/* The keys every `morphology:` section may have. */
static const char *const md_known[] = {
	"engine", "stemmer", "min-stem", "inflections", "infinitives", "not-verb-forms",
	"endings", "final-letters", "stem-suffixes", "plurals", "word-classes",
	"stem-vowels", "stem-spellings", "clitics", "conjunctions", "particles",
	"verb-endings", "verb-suffix", "verb-nouns", "honorifics", "hunspell",
	"hunspell-noun-flag", "hunspell-noun", "script", "suffixes",
	"adverbial-particles", "optional-words", "inserted-words", "modifier-after-head", "derivations",
	"gender", "linking-particles", "prefixes", "hiding-prefixes", "gloss-script",
	"object-particles", "participles", "not-inserted-in-required", "qualifiers",
	"name-gloss-script", "fixed-after", NULL
};

/* The script named by KEY (an ISO 15924 code), or USCRIPT_INVALID_CODE
 * when KEY is absent or, with a located error, unknown. */
static UScriptCode
md_script(mdata *d, const char *key)
{
	const char *v = md_str(d, key);
	if (!v)
		return USCRIPT_INVALID_CODE;
	UScriptCode sc = (UScriptCode)u_getPropertyValueEnum(UCHAR_SCRIPT, v);
	if (sc == USCRIPT_INVALID_CODE) {
		char path[64];
		snprintf(path, sizeof path, "morphology.%s", key);
		const ms_pvalue *pv = ms_profile_value(d->p, path);
		ms_diag_emit(d->h, MS_ERROR, NULL, pv ? pv->file : NULL,
		             pv ? pv->line : 0, pv ? pv->column : 0,
		             _("unknown script '%s' (an ISO 15924 code such as Hani)"), v);
		d->ok = false;
	}
	return sc;
}

static bool
md_read(morph *m, mdata *d)
{
	const char *const *keys = NULL;
	size_t nkeys = ms_profile_keys(d->p, "morphology", &keys);
	for (size_t i = 0; i < nkeys; i++) {
		bool known = false;
		for (size_t k = 0; md_known[k] && !known; k++)
			known = !strcmp(md_known[k], keys[i]);
		if (!known)
			ms_diag_emit(d->h, MS_WARNING, NULL, NULL, 0, 0,
			             _("unknown key 'morphology.%s' in the '%s' profile ignored"),
			             keys[i], ms_profile_lang(d->p));
	}
	const char *engine = md_str(d, "engine");
	if (!engine || !strcmp(engine, "stemmer"))
		m->engine = MORPH_WORDS;
	else if (!strcmp(engine, "agglutinative")) {
		m->engine = MORPH_CHARS;
		m->agglutinative = true;
	} else if (!strcmp(engine, "characters"))
		m->engine = MORPH_CHARS;
	else {
		const ms_pvalue *v = ms_profile_value(d->p, "morphology.engine");
		ms_diag_emit(d->h, MS_ERROR, NULL, v ? v->file : NULL, v ? v->line : 0,
		             v ? v->column : 0,
		             _("unknown morphology engine '%s' (stemmer, agglutinative or "
		               "characters)"), engine);
		return false;
	}
	const char *v = md_str(d, "stemmer");
	if (v)
		m->stemmer = ms_xstrdup(v);
	v = md_str(d, "min-stem");
	m->minstem = v ? (unsigned)strtoul(v, NULL, 10) : 3;
	md_list(d, "inflections", &m->inflections, false);
	md_list(d, "infinitives", &m->infinitives, false);
	md_list(d, "not-verb-forms", &m->not_verb, false);
	md_list(d, "endings", &m->endings, true);
	md_list(d, "final-letters", &m->finals, false);
	md_list(d, "gender", &m->gender, false);
	md_list(d, "stem-suffixes", &m->stem_suffixes, false);
	md_list(d, "plurals", &m->plurals, true);
	gl_normer nm;
	if (m->plurals.n && gl_normer_init(&nm)) {
		ms_buf f = MS_BUF_INIT;
		for (size_t i = 0; i < m->plurals.n; i++) {
			ms_buf_reset(&f);
			ms_buf_puts(&f, m->plurals.s[i]);
			ms_buf_putc(&f, '=');
			gl_fold_word(&nm, m->plurals.rhs[i], strlen(m->plurals.rhs[i]), &f);
			slist_add(&m->plurals_fold, f.ptr, true);
		}
		ms_buf_release(&f);
		gl_normer_release(&nm);
	}
	md_list(d, "stem-vowels", &m->stem_vowels, true);
	md_list(d, "stem-spellings", &m->stem_spellings, true);
	md_list(d, "derivations", &m->derivations, true);
	md_list(d, "clitics", &m->clitics, false);
	md_list(d, "conjunctions", &m->conjunctions, false);
	md_list(d, "particles", &m->particles, false);
	md_list(d, "verb-endings", &m->verb_endings, false);
	md_list(d, "verb-nouns", &m->verb_nouns, false);
	md_list(d, "honorifics", &m->honorifics, false);
	md_list(d, "suffixes", &m->suffixes, false);
	md_list(d, "adverbial-particles", &m->adverbial, false);
	md_list(d, "object-particles", &m->objects, false);
	md_list(d, "participles", &m->participles, false);
	md_list(d, "qualifiers", &m->qualifiers, false);
	md_list(d, "fixed-after", &m->fixed_after, false);
	md_list(d, "linking-particles", &m->linking, false);
	md_list(d, "prefixes", &m->prefixes, false);
	md_list(d, "hiding-prefixes", &m->hiding, false);
	m->gloss = md_script(d, "gloss-script");
	m->name_gloss = md_script(d, "name-gloss-script");
	const char *const *classes = NULL;
	size_t ncl = ms_profile_keys(d->p, "morphology.word-classes", &classes);
	slist optional = { NULL, NULL, 0 }, inserted = { NULL, NULL, 0 },
	      fixed = { NULL, NULL, 0 };
	md_list(d, "optional-words", &optional, false);
	md_list(d, "inserted-words", &inserted, false);
	md_list(d, "not-inserted-in-required", &fixed, false);
	m->optional = ms_xcalloc(ncl ? ncl : 1, sizeof *m->optional);
	m->inserted = ms_xcalloc(ncl ? ncl : 1, sizeof *m->inserted);
	m->name_fixed = ms_xcalloc(ncl ? ncl : 1, sizeof *m->name_fixed);
	for (size_t i = 0; i < ncl; i++) {
		ms_buf path = MS_BUF_INIT;
		ms_buf_printf(&path, "morphology.word-classes.%s", classes[i]);
		m->classes = ms_xrealloc(m->classes, (m->nclasses + 1) * sizeof *m->classes);
		memset(&m->classes[m->nclasses], 0, sizeof *m->classes);
		m->optional[m->nclasses] = str_in(classes[i], strlen(classes[i]), &optional);
		m->inserted[m->nclasses] = str_in(classes[i], strlen(classes[i]), &inserted);
		m->name_fixed[m->nclasses] = str_in(classes[i], strlen(classes[i]), &fixed);
		md_list_path(d, path.ptr, &m->classes[m->nclasses++], false);
		ms_buf_release(&path);
	}
	slist_release(&optional);
	slist_release(&inserted);
	slist_release(&fixed);
	v = md_str(d, "modifier-after-head");
	m->modifier_after_head = v && !strcmp(v, "true");
	v = md_str(d, "verb-suffix");
	if (v) {
		int32_t i = 0, len = (int32_t)strlen(v);
		while (i < len && m->nverb_suffix < MS_ARRAY_SIZE(m->verb_suffix)) {
			UChar32 c;
			U8_NEXT(v, i, len, c);
			m->verb_suffix[m->nverb_suffix++] = c;
		}
	}
	v = md_str(d, "hunspell");
	if (v)
		m->hunspell = ms_xstrdup(v);
	v = md_str(d, "hunspell-noun-flag");
	if (v)
		m->noun_flag = ms_xstrdup(v);
	return d->ok;
}

morph *
morph_new(const char *lang, ms_profiles *profiles, ms_diag_handler *h)
{
	const ms_profile *p = NULL;
	if (ms_profiles_get(profiles ? profiles : ms_profiles_default(), lang, &p, h) != MS_OK)
		return NULL;
	mdata d = { p, h, true, MS_BUF_INIT };
	morph *m = ms_xcalloc(1, sizeof *m);
	m->lang = ms_xstrdup(lang);
	pthread_mutex_init(&m->lex_lock, NULL);
	bool ok = md_read(m, &d);
	ms_buf_release(&d.key);
	if (ok && m->stemmer) {
		struct sb_stemmer *sb = sb_stemmer_new(m->stemmer, "UTF_8");
		if (sb)
			sb_stemmer_delete(sb);
		else {
			const ms_pvalue *v = ms_profile_value(p, "morphology.stemmer");
			ms_diag_emit(h, MS_ERROR, NULL, v ? v->file : NULL, v ? v->line : 0,
			             v ? v->column : 0,
			             _("the Snowball stemmer for '%s' is not available"), m->stemmer);
			ok = false;
		}
	}
	if (!ok) {
		morph_free(m);
		return NULL;
	}
	return m;
}

void
morph_free(morph *m)
{
	if (!m)
		return;
	free(m->lang);
	free(m->stemmer);
	slist *lists[] = {
		&m->inflections, &m->infinitives, &m->not_verb, &m->endings, &m->finals,
		&m->gender,
		&m->stem_suffixes, &m->plurals, &m->plurals_fold, &m->stem_vowels, &m->stem_spellings,
		&m->derivations,
		&m->clitics, &m->conjunctions, &m->particles, &m->verb_endings,
		&m->verb_nouns, &m->honorifics, &m->suffixes, &m->adverbial,
		&m->linking, &m->prefixes, &m->hiding, &m->objects, &m->participles,
		&m->qualifiers, &m->fixed_after,
	};
	for (size_t i = 0; i < MS_ARRAY_SIZE(lists); i++)
		slist_release(lists[i]);
	for (size_t i = 0; i < m->nclasses; i++)
		slist_release(&m->classes[i]);
	free(m->classes);
	free(m->optional);
	free(m->inserted);
	free(m->name_fixed);
	free(m->hunspell);
	free(m->noun_flag);
	ms_htab_free(m->lexicon);
	gl_arena_release(&m->lex_mem);
	pthread_mutex_destroy(&m->lex_lock);
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
	return m->agglutinative;
}

const UChar32 *
morph_verb_suffix(const morph *m, size_t *n)
{
	*n = m->nverb_suffix;
	return m->nverb_suffix ? m->verb_suffix : NULL;
}

bool
morph_is_conjunction(const morph *m, const char *w, size_t n)
{
	return str_in(w, n, &m->conjunctions);
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
	ms_buf_release(&r->lower);
	ms_buf_release(&r->base);
	ms_buf_release(&r->tmp);
	free(r);
}

const morph *
morph_run_rules(const morph_run *r)
{
	return r->m;
}

/* ======================================================= word analysis */

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

/* W[0..N) through the plural rules into OUT: the singular, or false.
 * FOLDED: W is accent-folded, and so is the singular. */
static bool
singular(const morph *m, const char *w, size_t n, bool folded, ms_buf *out)
{
	const slist *l = folded ? &m->plurals_fold : &m->plurals;
	for (size_t i = 0; i < l->n; i++) {
		const char *suf = l->s[i], *rep = l->rhs[i];
		size_t sl = strlen(suf), rl = strlen(rep);
		if (!ends_with(w, n, suf) || n - sl + rl < 3)
			continue;
		ms_buf_reset(out);
		ms_buf_put(out, w, n - sl);
		ms_buf_puts(out, rep);
		return true;
	}
	return false;
}

/* The residue RB[0..*RLEN) with its inflection removed (endings, then
 * one final letter), in place. */
static void
norm_residue(const morph *m, char *rb, size_t *rlen)
{
	for (size_t i = 0; i < m->endings.n; i++) {
		const char *suf = m->endings.s[i], *rep = m->endings.rhs[i];
		size_t sl = strlen(suf), rl = strlen(rep);
		if (!ends_with(rb, *rlen, suf))
			continue;
		memcpy(rb + *rlen - sl, rep, rl);
		*rlen = *rlen - sl + rl;
		break;
	}
	if (*rlen && m->finals.n && str_in(rb + *rlen - 1, 1, &m->finals))
		(*rlen)--;
	rb[*rlen] = '\0';
}

/* Is the residue R[0..N) a verb's base form (an infinitive, with a
 * pronoun after it: sumar-se)? */
static bool
infinitive(const morph *m, const char *r, size_t n)
{
	for (size_t i = 0; i < m->clitics.n; i++)
		if (ends_with(r, n, m->clitics.s[i]) && n > strlen(m->clitics.s[i])) {
			size_t k = n - strlen(m->clitics.s[i]);
			for (size_t j = 0; j < m->infinitives.n; j++)
				if (k <= 3 && ends_with(r, k, m->infinitives.s[j]))
					return true;
		}
	for (size_t j = 0; j < m->infinitives.n; j++)
		if (n <= 3 && ends_with(r, n, m->infinitives.s[j]))
			return true;
	return false;
}

typedef struct wan {
	char stem[128];
	size_t slen;
	char res[64];
	size_t rlen;
	bool open;
} wan;

/* Stem BASE[0..BLEN) into A. */
static void
stem_one(morph_run *run, const char *base, size_t blen, wan *a)
{
	const morph *m = run->m;
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
	if (slen >= sizeof a->stem)
		slen = sizeof a->stem - 1;
	/* derivations removed from a stem: co-sponsorship → co-sponsor,
	 * copatrocinio → copatrocin(ar) */
	for (size_t i = 0; i < m->stem_suffixes.n; i++) {
		size_t k = strlen(m->stem_suffixes.s[i]);
		if (ends_with(st, slen, m->stem_suffixes.s[i]) && slen >= k + 4
		    && !is_vowel(st[slen - k - 1])) {
			slen -= k;
			break;
		}
	}
	/* a word the stemmer left whole keeps its gender (alto, alta):
	 * that letter is an ending */
	if (slen == blen && slen >= 4 && !memcmp(st, base, slen)
	    && str_in(st + slen - 1, 1, &m->gender))
		slen--;
	memcpy(a->stem, st, slen);
	a->stem[slen] = '\0';
	a->slen = slen;
	/* what the stemmer removed, as the base form has it */
	size_t l = 0;
	while (l < slen && l < blen && st[l] == base[l])
		l++;
	size_t rlen = blen - l;
	if (rlen >= sizeof a->res)
		rlen = sizeof a->res - 1;
	memcpy(a->res, base + l, rlen);
	a->res[rlen] = '\0';
	a->open = (m->inflections.n && str_in(a->res, rlen, &m->inflections))
	          || (m->infinitives.n && infinitive(m, a->res, rlen))
	          || (!m->inflections.n && !m->infinitives.n);
	norm_residue(m, a->res, &rlen);
	a->rlen = rlen;
}

/* Add A to V (N analyses) unless an equal one is there. */
static void
add_analysis(wan *v, size_t *n, const wan *a)
{
	for (size_t i = 0; i < *n; i++)
		if (v[i].slen == a->slen && !memcmp(v[i].stem, a->stem, a->slen)
		    && v[i].open == a->open && !strcmp(v[i].res, a->res))
			return;
	if (*n < MAX_ANALYSES)
		v[(*n)++] = *a;
}

/* A verb's other stems (rind-an for rend-ir, coesponsoric-e for
 * coesponsoriz-ar): the stem vowel and spelling changes of the rules,
 * alone and together. */
static void
verb_stems(const morph *m, wan *v, size_t *n, const wan *a)
{
	wan sp[8];
	size_t nsp = 0;
	sp[nsp++] = *a;
	for (size_t i = 0; i < m->stem_spellings.n && nsp < MS_ARRAY_SIZE(sp); i++) {
		const char *from = m->stem_spellings.s[i], *to = m->stem_spellings.rhs[i];
		size_t fl = strlen(from), tl = strlen(to);
		if (!ends_with(a->stem, a->slen, from) || a->slen - fl + tl >= sizeof a->stem)
			continue;
		wan b = *a;
		memcpy(b.stem + a->slen - fl, to, tl);
		b.slen = a->slen - fl + tl;
		b.stem[b.slen] = '\0';
		sp[nsp++] = b;
	}
	for (size_t k = 0; k < nsp; k++) {
		add_analysis(v, n, &sp[k]);
		/* the stem's last vowel */
		size_t at = sp[k].slen;
		while (at > 0 && !is_vowel(sp[k].stem[at - 1]))
			at--;
		if (!at)
			continue;
		at--;
		for (size_t i = 0; i < m->stem_vowels.n; i++) {
			const char *from = m->stem_vowels.s[i], *to = m->stem_vowels.rhs[i];
			size_t tl = strlen(to);
			if (strlen(from) != 1 || sp[k].stem[at] != from[0]
			    || sp[k].slen + tl >= sizeof sp[k].stem)
				continue;
			wan b = sp[k];
			memmove(b.stem + at + tl, sp[k].stem + at + 1, sp[k].slen - at - 1);
			memcpy(b.stem + at, to, tl);
			b.slen = sp[k].slen - 1 + tl;
			b.stem[b.slen] = '\0';
			add_analysis(v, n, &b);
		}
	}
}

/* Lower-case W[0..N) (accents kept) into OUT. */
static void
lower_word(const char *w, size_t n, ms_buf *out)
{
	ms_buf_reset(out);
	ms_buf_grow(out, n * 2 + 8);
	int32_t ol = 0;
	for (int32_t i = 0; i < (int32_t)n;) {
		UChar32 c;
		U8_NEXT(w, i, (int32_t)n, c);
		if (c < 0)
			continue;
		c = u_tolower(c);
		U8_APPEND_UNSAFE(out->ptr, ol, c);
	}
	out->len = (size_t)ol;
	out->ptr[ol] = '\0';
}

winfo *
morph_analyse(morph_run *run, const char *word, size_t len, const char *w, size_t n,
              bool pattern, gl_arena *a)
{
	const morph *m = run->m;
	winfo *wi = gl_arena_alloc(a, sizeof *wi);
	memset(wi, 0, sizeof *wi);
	wi->fold = gl_arena_strndup(a, w, n);

	/* the form compared when stems are short: the singular, one form
	 * per word class */
	const char *base = w;
	size_t blen = n;
	if (singular(m, w, n, true, &run->base)) {
		base = run->base.ptr;
		blen = run->base.len;
	}
	wi->wclass = -1;
	for (size_t k = 0; k < m->nclasses; k++)
		if (str_in(w, n, &m->classes[k])) {
			base = m->classes[k].s[0];
			blen = strlen(base);
			wi->wclass = (int8_t)k;
		}
	/* and without its gender (alto/alta: short stems stand for words) */
	char gb[64];
	if (wi->wclass < 0 && blen >= 4 && blen < sizeof gb
	    && str_in(base + blen - 1, 1, &m->gender)) {
		memcpy(gb, base, blen - 1);
		base = gb;
		blen--;
	}
	wi->word = base == w ? wi->fold : gl_arena_strndup(a, base, blen);
	wi->wlen = (uint32_t)blen;

	/* the analyses: the word as written (accents kept: Snowball knows
	 * rendirán) and folded (DEVOLUCION), each as it is and in the
	 * singular (forzosas/forzosa, crímenes/crimen) */
	wan v[MAX_ANALYSES], one;
	size_t nv = 0;
	lower_word(word ? word : w, word ? len : n, &run->lower);
	const char *forms[2] = { run->lower.ptr, w };
	size_t flen[2] = { run->lower.len, n };
	for (int f = 0; f < 2; f++) {
		if (f == 1 && flen[1] == flen[0] && !memcmp(forms[0], forms[1], flen[0]))
			break;
		stem_one(run, forms[f], flen[f], &one);
		add_analysis(v, &nv, &one);
		if (singular(m, forms[f], flen[f], f == 1, &run->tmp)) {
			stem_one(run, run->tmp.ptr, run->tmp.len, &one);
			add_analysis(v, &nv, &one);
		}
	}
	if (pattern && m->infinitives.n && (m->stem_vowels.n || m->stem_spellings.n))
		for (size_t i = 0, k = nv; i < k; i++)
			if (v[i].open)
				verb_stems(m, v, &nv, &v[i]);
	wstem *an = gl_arena_alloc(a, (nv ? nv : 1) * sizeof *an);
	for (size_t i = 0; i < nv; i++) {
		an[i].stem = gl_arena_strndup(a, v[i].stem, v[i].slen);
		an[i].slen = (uint32_t)v[i].slen;
		an[i].res = gl_arena_strndup(a, v[i].res, v[i].rlen);
		an[i].open = v[i].open;
	}
	wi->an = an;
	wi->nan = (uint8_t)nv;
	return wi;
}

winfo *
morph_word(morph_run *r, const char *word, size_t len, const char *w, size_t n)
{
	/* cached under the word in lower case, accents kept (rendirán and
	 * rendiran are analysed apart) */
	lower_word(word ? word : w, word ? len : n, &r->lower);
	winfo *wi = ms_htab_get(r->cache, r->lower.ptr, r->lower.len);
	if (wi)
		return wi;
	char *key = gl_arena_strndup(&r->cache_mem, r->lower.ptr, r->lower.len);
	size_t klen = r->lower.len;
	wi = morph_analyse(r, word, len, w, n, false, &r->cache_mem);
	ms_htab_put(r->cache, key, klen, wi);
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

/* Is the stem of A long enough to compare words by?  Shorter stems
 * (de, la, ONU) stand for their words; a verb's base form may have a
 * stem one letter shorter (sum-arse, sum-ó), since its ending says it is
 * a verb. */
static bool
long_stem(const morph *m, const wstem *a)
{
	unsigned min = a->open && m->infinitives.n && m->minstem > 1 ? m->minstem - 1
	               : m->minstem;
	return a->slen >= min;
}

bool
morph_word_eq(const morph *m, const winfo *p, const winfo *t)
{
	bool compared = false;
	for (size_t i = 0; i < p->nan; i++) {
		const wstem *a = &p->an[i];
		if (!long_stem(m, a))
			continue;
		compared = true;
		for (size_t j = 0; j < t->nan; j++) {
			const wstem *b = &t->an[j];
			if (a->slen != b->slen || memcmp(a->stem, b->stem, a->slen))
				continue;
			if (a->open) {
				bool adverb = false;
				for (size_t k = 0; k < m->not_verb.n && !adverb; k++)
					adverb = m->infinitives.n
					         && ends_with(t->fold, strlen(t->fold), m->not_verb.s[k]);
				if (!adverb)
					return true;
				continue;
			}
			if (!strcmp(a->res, b->res))
				return true;
		}
	}
	if (compared)
		return false;
	return p->wlen == t->wlen && !memcmp(p->word, t->word, p->wlen);
}

bool
morph_word_optional(const morph *m, const winfo *p)
{
	return p->wclass >= 0 && (size_t)p->wclass < m->nclasses && m->optional[p->wclass];
}

bool
morph_word_inserted(const morph *m, const winfo *t, const winfo *before, const winfo *at,
                    bool required)
{
	return t->wclass >= 0 && (size_t)t->wclass < m->nclasses && m->inserted[t->wclass]
	       && !(required && m->name_fixed[t->wclass])
	       && before->wclass != t->wclass && at->wclass != t->wclass;
}

bool
morph_word_qualifier(const morph *m, const winfo *t)
{
	return str_in(t->fold, strlen(t->fold), &m->qualifiers);
}

bool
morph_word_fixes_rest(const morph *m, const winfo *t)
{
	return str_in(t->fold, strlen(t->fold), &m->fixed_after);
}

bool
morph_modifier_after_head(const morph *m)
{
	return m->modifier_after_head;
}

bool
morph_word_modifier(const morph *m, const winfo *t)
{
	if (t->wclass >= 0 || t->wlen < 4)
		return false;
	for (size_t i = 0; i < t->nan; i++)
		if (!long_stem(m, &t->an[i]))
			return false;
	return true;
}

bool
morph_word_related(const morph *m, const winfo *p, const winfo *t)
{
	if (morph_word_eq(m, p, t))
		return true;
	for (size_t i = 0; i < p->nan; i++) {
		const wstem *a = &p->an[i];
		if (!long_stem(m, a))
			continue;
		for (size_t j = 0; j < t->nan; j++) {
			const wstem *b = &t->an[j];
			if (a->slen == b->slen && !memcmp(a->stem, b->stem, a->slen))
				return true;
			/* decis-ion, decid-ed: the stems' last letters alternate */
			for (size_t k = 0; k < m->derivations.n; k++) {
				const char *from = m->derivations.s[k], *to = m->derivations.rhs[k];
				size_t fl = strlen(from), tl = strlen(to);
				if (ends_with(a->stem, a->slen, from) && ends_with(b->stem, b->slen, to)
				    && a->slen - fl == b->slen - tl
				    && !memcmp(a->stem, b->stem, a->slen - fl))
					return true;
			}
		}
	}
	return false;
}

/* ==================================================== syllable languages */

/* Length in code points of the UTF-8 string W if T[Q…N) starts with it,
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

/* Do particles take T[Q…B) to B (combined up to four deep)? */
static bool
particles_to(const morph *m, const UChar32 *T, size_t b, size_t q, int depth)
{
	if (q >= b)
		return true;
	if (depth >= 4)
		return false;
	for (size_t i = 0; i < m->particles.n; i++) {
		size_t k = starts_with_u8(T, b, q, m->particles.s[i]);
		if (k && particles_to(m, T, b, q + k, depth + 1))
			return true;
	}
	return false;
}

/* The length of an item of L at T[Q…B), or 0. */
static size_t
item_at(const slist *l, const UChar32 *T, size_t b, size_t q)
{
	for (size_t i = 0; i < l->n; i++) {
		size_t k = starts_with_u8(T, b, q, l->s[i]);
		if (k)
			return k;
	}
	return 0;
}

/* T[A..B) as UTF-8 into OUT (reset first); spaces dropped. */
static void
cp_key(const UChar32 *T, size_t a, size_t b, ms_buf *out)
{
	ms_buf_reset(out);
	ms_buf_grow(out, (b - a) * 4 + 1);
	int32_t ol = 0;
	for (size_t i = a; i < b; i++)
		if (T[i] != ' ')
			U8_APPEND_UNSAFE(out->ptr, ol, T[i]);
	out->len = (size_t)ol;
	out->ptr[ol] = '\0';
}

static void
lex_add(const char *word, size_t len, void *data)
{
	morph *m = data;
	int32_t i = 0;
	unsigned n = 0;
	bool syllables = true;
	while (i < (int32_t)len) {
		UChar32 c;
		U8_NEXT(word, i, (int32_t)len, c);
		syllables &= gl_is_hangul(c);
		n++;
	}
	if (!syllables || n < 2 || ms_htab_get(m->lexicon, word, len))
		return;
	ms_htab_put(m->lexicon, gl_arena_strndup(&m->lex_mem, word, len), len, m);
	if (n > m->lex_max)
		m->lex_max = n;
}

/* The lexicon of nouns, read on first use (a morph is otherwise
 * read-only and shared between threads). */
static const ms_htab *
lexicon(const morph *cm)
{
	morph *m = (morph *)cm;
	if (!m->hunspell || !m->noun_flag)
		return NULL;
	if (!atomic_load_explicit(&m->lex_loaded, memory_order_acquire)) {
		pthread_mutex_lock(&m->lex_lock);
		if (!atomic_load_explicit(&m->lex_loaded, memory_order_relaxed)) {
			ms_diag_handler quiet = { NULL, NULL, 0, 0 };
			m->lexicon = ms_htab_new(40000);
			ms_spell_read_words(m->hunspell, m->noun_flag, lex_add, m, &quiet);
			atomic_store_explicit(&m->lex_loaded, true, memory_order_release);
		}
		pthread_mutex_unlock(&m->lex_lock);
	}
	return m->lexicon;
}

/* Is T[A..B) a noun of the lexicon, or a rendering of the glossary
 * (KNOWN)? */
static bool
known_word(const morph *m, const ms_htab *known, const UChar32 *T, size_t a, size_t b,
           ms_buf *key, bool lexicon_only)
{
	cp_key(T, a, b, key);
	const ms_htab *lex = lexicon(m);
	if (lex && ms_htab_get(lex, key->ptr, key->len))
		return true;
	return !lexicon_only && known && ms_htab_get(known, key->ptr, key->len);
}

/* What may follow a noun up to B: particles, a verb ending (anything
 * after it is the verb's), an honorific
 * and particles, or another noun of the compound (two syllables or more,
 * or one of the suffixes that keep its meaning) and what may follow it. */
static bool
tail_ok(const morph *m, const ms_htab *known, const UChar32 *T, size_t b, size_t q,
        int depth, ms_buf *key)
{
	size_t k;
	if (q >= b || particles_to(m, T, b, q, 0))
		return true;
	if (item_at(&m->verb_endings, T, b, q))
		return true;
	if ((k = item_at(&m->honorifics, T, b, q)) && particles_to(m, T, b, q + k, 0))
		return true;
	if (depth >= 6)
		return false;
	if ((k = item_at(&m->suffixes, T, b, q)) && tail_ok(m, known, T, b, q + k, depth + 1,
	                                                    key))
		return true;
	/* a noun with a prefix of its own: 북한반인도범죄 is 북한 + 반(反)인도 +
	 * 범죄; the prefix changes its noun, not the rendering before it */
	if ((k = item_at(&m->hiding, T, b, q)) || (k = item_at(&m->prefixes, T, b, q)))
		for (size_t len = b - q - k; len >= 2 && q + k + len <= b; len--)
			if (known_word(m, known, T, q + k, q + k + len, key, false)
			    && tail_ok(m, known, T, b, q + k + len, depth + 1, key))
				return true;
	size_t max = b - q;
	for (size_t len = max; len >= 2; len--)
		if (known_word(m, known, T, q, q + len, key, false)
		    && tail_ok(m, known, T, b, q + len, depth + 1, key))
			return true;
	return false;
}

/* The end of the run of syllables from Q. */
static size_t
run_end(const UChar32 *T, size_t n, size_t q)
{
	while (q < n && gl_is_hangul(T[q]))
		q++;
	return q;
}

bool
morph_right_ok(const morph *m, const ms_htab *known, const UChar32 *T, size_t n,
               size_t s, size_t e, bool participant)
{
	if (!m->agglutinative)
		return false;
	ms_buf key = MS_BUF_INIT;
	size_t b = run_end(T, n, e);
	bool ok = false;
	/* a longer noun of the lexicon that starts with the rendering hides
	 * it (한국인 is not 한국 + 인, 고문관 is not 고문), unless it is the
	 * rendering and a suffix that keeps its meaning (결의문) or, when
	 * PARTICIPANT, names the act's participant (납북자) */
	const ms_htab *lex = lexicon(m);
	bool spaced = false;
	for (size_t i = s; i < e; i++)
		spaced |= T[i] == ' ';
	if (lex && !spaced) {
		size_t maxl = b - s < m->lex_max ? b - s : m->lex_max;
		for (size_t len = maxl; len > e - s; len--)
			if (item_at(&m->suffixes, T, s + len, e) != len - (e - s)
			    && (!participant
			        || item_at(&m->verb_nouns, T, s + len, e) != len - (e - s))
			    && known_word(m, NULL, T, s, s + len, &key, true)
			    && tail_ok(m, known, T, b, s + len, 0, &key))
				goto out;
	}
	/* the participant of the act, after a verb's stem or a noun:
	 * 공동제안국으로, 강제송환자들 */
	size_t k;
	if (participant && (k = item_at(&m->verb_nouns, T, b, e))
	    && particles_to(m, T, b, e + k, 0))
		ok = true;
	else
		ok = tail_ok(m, known, T, b, e, 0, &key);
out:
	ms_buf_release(&key);
	return ok;
}

size_t
morph_adverbial_at(const morph *m, const UChar32 *T, size_t n, size_t q)
{
	return item_at(&m->adverbial, T, n, q);
}

size_t
morph_linking_at(const morph *m, const UChar32 *T, size_t n, size_t q)
{
	return item_at(&m->linking, T, n, q);
}

size_t
morph_object_at(const morph *m, const UChar32 *T, size_t n, size_t q)
{
	return item_at(&m->objects, T, n, q);
}

bool
morph_verb_ending_at(const morph *m, const UChar32 *T, size_t n, size_t q)
{
	return item_at(&m->verb_endings, T, n, q) > 0;
}

bool
morph_participant(const morph *m, UChar32 c)
{
	UChar32 one[1] = { c };
	return item_at(&m->verb_nouns, one, 1, 0) == 1;
}

size_t
morph_participle_at(const morph *m, const UChar32 *T, size_t n, size_t q)
{
	size_t k = item_at(&m->participles, T, n, q);
	return k && (q + k >= n || !gl_is_hangul(T[q + k])) ? k : 0;
}

/* The end of a parenthesised name in script SC at T[I] == '(' (its
 * ')'), or 0: letters of SC, spaces, and . - ' & between them, with
 * at least two words. */
static size_t
name_gloss_end(UScriptCode sc, const UChar32 *T, size_t n, size_t i)
{
	size_t j = i + 1, words = 0;
	bool in_word = false;
	for (; j < n && T[j] != ')'; j++) {
		UErrorCode err = U_ZERO_ERROR;
		UScriptCode s = uscript_getScript(T[j], &err);
		if (U_SUCCESS(err) && s == sc) {
			words += !in_word;
			in_word = true;
		} else if (T[j] == ' ' || T[j] == '.' || T[j] == '-' || T[j] == '\''
		           || T[j] == '&') {
			in_word = false;
		} else {
			return 0;
		}
	}
	return j < n && words >= 2 ? j : 0;
}

size_t
morph_drop_glosses(const morph *m, UChar32 *T, size_t n)
{
	if (m->gloss == USCRIPT_INVALID_CODE && m->name_gloss == USCRIPT_INVALID_CODE)
		return n;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (T[i] == '(' && o && gl_is_word_cp(T[o - 1])) {
			size_t j = i + 1;
			UErrorCode err = U_ZERO_ERROR;
			while (m->gloss != USCRIPT_INVALID_CODE && j < n && T[j] != ')'
			       && uscript_getScript(T[j], &err) == m->gloss && U_SUCCESS(err))
				j++;
			if (j > i + 1 && j < n && T[j] == ')') {
				i = j;   /* 반(反)인도적: 반인도적 */
				continue;
			}
			err = U_ZERO_ERROR;
			if (m->name_gloss != USCRIPT_INVALID_CODE
			    && uscript_getScript(T[o - 1], &err) != m->name_gloss
			    && (j = name_gloss_end(m->name_gloss, T, n, i))) {
				i = j;   /* 인권이사회(UN Human Rights Council) */
				continue;
			}
		}
		T[o++] = T[i];
	}
	return o;
}

bool
morph_known_noun(const morph *m, const ms_htab *known, const UChar32 *cp, size_t a,
                 size_t b)
{
	ms_buf key = MS_BUF_INIT;
	bool r = b - a >= 2 && known_word(m, known, cp, a, b, &key, false);
	ms_buf_release(&key);
	return r;
}

/* Can T[A..S) be cut into nouns of two syllables or more, and prefixes
 * that keep the meaning of what follows (주유엔)? */
static bool
nouns_to(const morph *m, const ms_htab *known, const UChar32 *T, size_t a, size_t s,
         ms_buf *key, int depth)
{
	if (a == s)
		return true;
	if (depth >= 6)
		return false;
	size_t k = item_at(&m->prefixes, T, s, a);
	if (k && nouns_to(m, known, T, a + k, s, key, depth + 1))
		return true;
	for (size_t len = s - a; len >= 2; len--)
		if (known_word(m, known, T, a, a + len, key, false)
		    && nouns_to(m, known, T, a + len, s, key, depth + 1))
			return true;
	return false;
}

bool
morph_left_ok(const morph *m, const ms_htab *known, const UChar32 *T, size_t n, size_t s)
{
	if (!m->agglutinative)
		return false;
	size_t a = s;
	while (a > 0 && gl_is_hangul(T[a - 1]))
		a--;
	ms_buf key = MS_BUF_INIT;
	bool ok = nouns_to(m, known, T, a, s, &key, 0);
	/* one syllable right before the rendering is a noun or a prefix
	 * that keeps its meaning (물고문, 성고문, 재중 탈북민), unless it
	 * changes it (비인도적) or makes a noun of the lexicon with the
	 * rendering's first syllable, which cuts the word otherwise (권고문
	 * is 권고 + 문, not 권 + 고문; 현대사 is not 대사) */
	if (!ok && a < s && s < n && m->hiding.n) {
		size_t q = s - 1;
		ok = !item_at(&m->hiding, T, s, q)
		     && !known_word(m, NULL, T, q, s + 1, &key, true)
		     && nouns_to(m, known, T, a, q, &key, 0);
		/* and so does one syllable at the start of the word, before
		 * nouns: 북인권결의안 (북 + 인권 + 결의안), with the same
		 * exceptions (비인권결의) */
		ok = ok || (a + 1 < s && !item_at(&m->hiding, T, s, a)
		            && !known_word(m, NULL, T, a, a + 2, &key, true)
		            && nouns_to(m, known, T, a + 1, s, &key, 0));
	}
	ms_buf_release(&key);
	return ok;
}

/* glossary-impl.h — what the glossary's files share (not installed).
 *
 * The glossary is four files, one concern each:
 *
 *   glossary-text.c   memory (arena, maps), character classes, the text
 *                     normaliser and case/accent folding;
 *   morph.c           language morphology: word analysis through the
 *                     stemmer and the rules of the language's profile,
 *                     word equality, Korean particles, endings,
 *                     honorifics and compounds;
 *   glossary-load.c   po/glossary.yaml → the compiled glossary (terms,
 *                     and every form compiled into the patterns of one
 *                     multi-pattern matcher per language);
 *   glossary-match.c  the per-thread matcher: scanning a (msgid, msgstr)
 *                     pair and giving verdicts; hints; verbatim texts.
 *
 * A compiled glossary (struct ms_glossary) is never written after
 * loading: threads share it.  Everything that changes while matching
 * (stemmer instances, the word caches, scratch buffers) lives in an
 * ms_gloss_matcher, one per thread. */
#ifndef MS_GLOSSARY_IMPL_H
#define MS_GLOSSARY_IMPL_H

#include "internal.h"
#include "glossary.h"
#include "hash.h"
#include "profile.h"

#include <pthread.h>
#include <stdint.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

/* ================================================ memory (glossary-text.c) */

/* Chunks of memory that live as long as the arena: pointers into it stay
 * valid (caches and patterns hold such pointers). */
typedef struct gl_arena_blk gl_arena_blk;
typedef struct gl_arena {
	gl_arena_blk *head;
	size_t total;
} gl_arena;

void *gl_arena_alloc(gl_arena *a, size_t n);
char *gl_arena_strndup(gl_arena *a, const char *s, size_t n);
void gl_arena_release(gl_arena *a);

/* Tables are ms_htab (hash.h), keys borrowed from an arena.  A key of
 * one or two code points (C1 == 0: one), for the indexes of languages
 * written in syllables, into KEY. */
typedef struct gl_ckey {
	uint32_t c[2];
} gl_ckey;

static inline gl_ckey
gl_ckey_of(UChar32 c0, UChar32 c1)
{
	gl_ckey k = { { (uint32_t)c0, c1 ? (uint32_t)c1 : 0xFFFFFFFFu } };
	return k;
}

#define GL_VEC(T) struct { T *v; size_t n, cap; }
#define GL_VEC_PUSH(vec, x) do { \
	if ((vec).n == (vec).cap) { \
		(vec).cap = (vec).cap ? (vec).cap * 2 : 32; \
		(vec).v = ms_xrealloc((vec).v, (vec).cap * sizeof *(vec).v); \
	} \
	(vec).v[(vec).n++] = (x); \
	} while (0)

/* ========================================= characters (glossary-text.c) */

static inline bool
gl_is_hangul(UChar32 c)
{
	return c >= 0xAC00 && c <= 0xD7A3;
}

/* A word-separating middle dot (·, ㆍ, ‧, ・)?  Between two Hangul
 * syllables it separates the words of a name as a space would:
 * 강제적·비자발적 실종 = 강제적 비자발적 실종 (한글 맞춤법 부록,
 * 가운뎃점).  Elsewhere it is left alone (Catalan col·lecció). */
static inline bool
gl_is_middle_dot(UChar32 c)
{
	return c == 0x00B7 || c == 0x318D || c == 0x2027 || c == 0x30FB;
}

/* In the folded code points V[0..N), every middle dot between two
 * Hangul syllables becomes a space (glossary-text.c). */
void gl_middle_dots_to_spaces(UChar32 *v, size_t n);

/* Letters and digits of alphabetic scripts (Latin, Greek, Cyrillic …):
 * spaces between two of them are significant. */
bool gl_is_latinish(UChar32 c);
/* A character of a word: letters, digits, combining marks. */
bool gl_is_word_cp(UChar32 c);

/* The code point at S[I] (LEN bytes), its length in *L; U+FFFD for bad
 * bytes. */
static inline UChar32
gl_cp_at(const char *s, size_t len, size_t i, size_t *l)
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

/* ICU state and scratch buffers of one thread's normaliser. */
typedef struct gl_normer {
	const UNormalizer2 *nfc;
	const UNormalizer2 *nfd;
	uint16_t latin[0x250 - 0xC0];   /* accent-folded U+00C0…U+024F */
	UChar *u1, *u2;
	int32_t cap1, cap2;
	ms_buf tmp;
} gl_normer;

bool gl_normer_init(gl_normer *n);
void gl_normer_release(gl_normer *n);
/* Normalise S into OUT (reset first): inline tags dropped, NFC,
 * apostrophes, hyphens, middle dots, quotes, spaces and full-width forms
 * mapped to one form each.  Case is kept. */
void gl_norm_text(gl_normer *n, const char *s, ms_buf *out);
/* Case- and accent-fold one code point (0: drop it). */
UChar32 gl_fold_cp(const gl_normer *n, UChar32 c);
/* Fold the UTF-8 word S[0..LEN) into OUT (appended). */
void gl_fold_word(const gl_normer *n, const char *s, size_t len, ms_buf *out);
/* Strip spaces at both ends of B. */
void gl_trim_buf(ms_buf *b);

/* ================================================== morphology (morph.c) */

typedef struct morph morph;          /* one language's rules (read-only) */
typedef struct morph_run morph_run;  /* one thread's stemmer and cache */
struct gl_posting;

/* One analysis of a word: a stem, and what the stemmer removed (its
 * inflection taken off), or "open" for a base form that admits every
 * ending (an English word; a Spanish infinitive). */
typedef struct wstem {
	const char *stem;
	const char *res;
	uint32_t slen;
	bool open;
} wstem;

#define GL_TEXT_STEMS 4

/* What the matcher knows about one word. */
typedef struct winfo {
	const char *fold;    /* case- and accent-folded word */
	const char *word;    /* the form compared when stems are short
	                        (singular, one form per word class) */
	uint32_t wlen;
	int8_t wclass;       /* its word class in the profile, or -1 */
	uint8_t nan;
	const wstem *an;     /* analyses: as written and folded, as it is and
	                        singular; a pattern's verb also with its other
	                        stems (rend-ir: rind-) */
	/* text words only, filled on first use (the cache keeps them): */
	bool looked;
	bool head;           /* may start a closed compound written open */
	uint8_t npost;
	const struct gl_posting *post[GL_TEXT_STEMS];  /* patterns starting
	                        with each stem */
} winfo;

enum { MORPH_WORDS, MORPH_CHARS };

/* The rules for language LANG, from its profile in PROFILES (NULL: the
 * default set).  NULL after reporting through H when the profile is
 * broken or names a stemmer that is missing. */
morph *morph_new(const char *lang, ms_profiles *profiles, ms_diag_handler *h);
void morph_free(morph *m);
int morph_engine(const morph *m);
/* Korean-style rules (particles, endings and compounds at the boundaries
 * of a rendering written in syllables). */
bool morph_agglutinative(const morph *m);
/* Is the word W[0..N) (folded) a conjunction of the language ("or",
 * "y", "또는"), one that joins the last item of a series? */
bool morph_is_conjunction(const morph *m, const char *w, size_t n);
/* A rendering ending in this (Korean 하다) is a verb: matched by its stem
 * (NULL when the language has none). */
const UChar32 *morph_verb_suffix(const morph *m, size_t *n);

morph_run *morph_run_new(const morph *m);
void morph_run_free(morph_run *r);
const morph *morph_run_rules(const morph_run *r);
/* Analyse WORD[0..LEN) (as written, NFC; NULL: only its folded form is
 * known), whose folded form is FOLD[0..FLEN), into memory from A.
 * PATTERN: a glossary form's word (a verb gets its other stems). */
winfo *morph_analyse(morph_run *r, const char *word, size_t len, const char *fold,
                     size_t flen, bool pattern, gl_arena *a);
/* The same for a word of a text, cached (lives until morph_run_trim). */
winfo *morph_word(morph_run *r, const char *word, size_t len, const char *fold,
                  size_t flen);
/* Bound the cache between calls. */
void morph_run_trim(morph_run *r);
/* Does the text word T count as the pattern word P? */
bool morph_word_eq(const morph *m, const winfo *p, const winfo *t);
/* May the pattern word P be left out of a rendering in a text (its word
 * class is one of the profile's optional-words: articles)? */
bool morph_word_optional(const morph *m, const winfo *p);
/* May the text word T, of a class the language adds inside renderings
 * (inserted-words), stand between the rendering's words BEFORE and AT
 * (neither of its class)?  REQUIRED: in a required rendering, which is a
 * name, where the classes of not-inserted-in-required may not be added
 * (Consejo de los Derechos Humanos is not the Council's name). */
bool morph_word_inserted(const morph *m, const winfo *t, const winfo *before,
                         const winfo *at, bool required);
/* Is the text word T a preposition that opens a complement inside a
 * title (morphology.qualifiers: de la ONU in Alto Comisionado de la ONU
 * para los Derechos Humanos)? */
bool morph_word_qualifier(const morph *m, const winfo *t);
/* Is T a preposition after which a required rendering's words stand as
 * written (`fixed-after`): the complement of a name does not inflect
 * with it (Comisión de Investigación, not de Investigaciones)? */
bool morph_word_fixes_rest(const morph *m, const winfo *t);
/* Does the language put modifiers after the first word of a rendering
 * (morphology.modifier-after-head), and may the text word T be one (not
 * a short word, not of a word class)? */
bool morph_modifier_after_head(const morph *m);
bool morph_word_modifier(const morph *m, const winfo *t);
/* The same for a condition (allowed_if_source): any word of the same
 * stem, or of a stem related by the derivations of the profile
 * (decision, decided). */
bool morph_word_related(const morph *m, const winfo *p, const winfo *t);

/* For a rendering found at T[S..E) of a text in syllables: may what
 * follows it in its word (T[E…) up to a character that is not a
 * syllable) follow it?  Particles and endings, verb endings, the noun of
 * the act's participant (공동제안국, 강제송환자: only when PARTICIPANT, for
 * a required rendering), honorifics, suffixes that keep its
 * meaning, and other nouns of a compound (the lexicon's, or KNOWN: the
 * glossary's renderings, as UTF-8 keys without spaces).  False when the
 * rendering begins a longer noun of the lexicon (한국인, 고문관). */
bool morph_right_ok(const morph *m, const ms_htab *known, const UChar32 *T, size_t n,
                    size_t s, size_t e, bool participant);
/* The length of an adverbial particle (로, 으로) at T[Q…N), or 0. */
size_t morph_adverbial_at(const morph *m, const UChar32 *T, size_t n, size_t q);
/* The length of a linking particle (의, 인) at T[Q…N), one that a word of
 * a rendering may take before the next word, or 0. */
size_t morph_linking_at(const morph *m, const UChar32 *T, size_t n, size_t q);
/* The length of an object particle (을, 를) at T[Q…N), or 0: between the
 * two nouns of a rendering written as a verb with its object (책임추궁 as
 * 책임을 추궁하는), before a verb ending. */
size_t morph_object_at(const morph *m, const UChar32 *T, size_t n, size_t q);
/* Does a verb ending (하, 했, 된 …) start at T[Q…N)? */
bool morph_verb_ending_at(const morph *m, const UChar32 *T, size_t n, size_t q);
/* Is C a noun of the act's participant (verb-nouns: 자, 국)? */
bool morph_participant(const morph *m, UChar32 c);
/* The length of a participle ending (된, 당한 …) at T[Q…N) that ends its
 * word, or 0: 억류된 (국민) for a rendering 억류자. */
size_t morph_participle_at(const morph *m, const UChar32 *T, size_t n, size_t q);
/* Drop from T[0..N) the parenthesised glosses in the profile's
 * gloss-script written right after a word (반(反)인도적 → 반인도적), in
 * place; the new length. */
size_t morph_drop_glosses(const morph *m, UChar32 *T, size_t n);
/* Is CP[A..B) a noun of the lexicon (two syllables or more) or of KNOWN? */
bool morph_known_noun(const morph *m, const ms_htab *known, const UChar32 *cp,
                      size_t a, size_t b);
/* And what precedes it in its word (T[…S)): nouns of a compound,
 * prefixes that keep its meaning, and one syllable that neither changes
 * its meaning (hiding-prefixes) nor makes a noun with its first. */
bool morph_left_ok(const morph *m, const ms_htab *known, const UChar32 *T, size_t n,
                   size_t s);

/* ============================================== patterns (glossary-load.c) */

enum { K_SOURCE, K_REQUIRED, K_FORBIDDEN, K_DEPRECATED, K_EXCEPTION,
       K_CONDITION, K_NOT_RENDERING };

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
	const gform *gf;
	const char *core;        /* normalised text from first to last word */
	size_t corelen;
	/* MORPH_WORDS */
	uint32_t ntok;
	const winfo **w;
	const winfo **merged;    /* [j]: words j and j+1 closed up, or NULL */
	const char **punct;      /* [j]: punctuation before word j, or NULL */
	const char *tail;        /* punctuation after the last word, or NULL */
	/* MORPH_CHARS */
	UChar32 *cp;             /* ' ' = a space that must be there */
	uint32_t ncp;
	uint32_t *brk;           /* where the form had a space between two
	                            syllables (indexes into cp, ascending) */
	uint32_t nbrk;
} pat;

typedef struct gl_posting {
	const pat *p;
	struct gl_posting *next;
} gl_posting;

/* One language's compiled patterns (read-only after loading). */
typedef struct lx {
	char *lang;
	morph *m;
	int engine;              /* MORPH_WORDS or MORPH_CHARS */
	ms_htab *index;          /* MORPH_WORDS: first stem → posting list */
	ms_htab *cindex;         /* MORPH_CHARS: first one or two code points
	                            (gl_ckey) → posting list */
	ms_htab *prefixes;       /* MORPH_WORDS: "head\1ne" where a closed
	                            compound word could be written open */
	ms_htab *heads;          /* MORPH_WORDS: the heads alone */
	ms_htab *morphemes;      /* MORPH_CHARS: the forms of the glossary's
	                            target renderings, any kind (UTF-8, no
	                            spaces), nouns for compounds */
	gl_arena mem;            /* patterns, postings, keys */
} lx;

typedef struct glang {
	char *lang;
	gform *req, *forb, *depr, *exc, *notr;
	size_t nreq, nforb, ndepr, nexc, nnotr;
	char *note;
	lx *x;
	unsigned line, col;      /* the language key */
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
	lx src;                  /* English, the source */
	lx **tl;                 /* target languages, in order of appearance */
	size_t ntl;
	/* matchers for the calls without one (ms_glossary_match …): taken
	 * and given back under the lock, so those calls are thread-safe */
	pthread_mutex_t pool_lock;
	ms_gloss_matcher *pool;
};

/* ============================================ tokens (glossary-match.c) */

/* One word of a text. */
typedef struct tok {
	uint32_t gstart;         /* start of the gap before the word */
	uint32_t start, end;     /* the word */
	uint32_t after;          /* past a possessive 's or ' */
	uint8_t gap;
	const winfo *w;
	const winfo *m;          /* closed up with the next word, or NULL */
} tok;

typedef GL_VEC(tok) tokvec;

/* Per thread, per language: the morphology's state. */
typedef struct lrun {
	const lx *x;
	morph_run *r;
} lrun;

/* Scratch used while compiling forms and matching (per thread). */
typedef struct gl_scratch {
	gl_normer nm;
	ms_buf wb;
} gl_scratch;

/* Split the normalised text S into words, into *OUT (reset first).
 * Words are analysed through R's cache, or into A when A is not NULL
 * (patterns). */
void gl_tokenise(morph_run *r, gl_scratch *sc, const char *s, size_t len,
                 tokvec *out, gl_arena *a);
/* The form as the matcher compares it: normalised, folded, without
 * spaces.  Freshly allocated. */
char *gl_form_key(gl_scratch *sc, const char *text);

/* Free the matchers of GL's pool. */
void gl_pool_release(ms_glossary *gl);

/* The compiled target language LANG (exact, else same primary subtag),
 * or NULL. */
const lx *gl_find_lx(const ms_glossary *g, const char *lang);

#endif

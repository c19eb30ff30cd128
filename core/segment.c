/* segment.c — sentence segmentation.
 *
 * ICU's sentence BreakIterator, opened with CLDR's abbreviation
 * suppressions ("<lang>@ss=standard"), proposes boundaries over the UTF-8
 * text (UText, no conversion).  A scanner of our own proposes more: after
 * every cluster of sentence-final punctuation that is followed by white
 * space (ICU keeps some of these together, e.g. before an enumeration
 * label), and, in Korean, after words that end in a sentence-final ending
 * without punctuation.  Each proposed boundary is then judged by the rules
 * below with the per-language exception data (the `segment:` section of
 * the language's profile, data/lang/<lang>.yaml; see doc/segmentation.md): abbreviations, initials, list labels, ellipses,
 * lowercase continuations, quotations, URLs and Korean endings.  ICU's
 * verdict decides where the rules have no opinion.
 *
 * Everything is linear in the input: candidates come in increasing order,
 * every look-around is bounded, and the only allocation while splitting is
 * the growing span array.
 */
#include "internal.h"
#include "segment.h"
#include "hash.h"
#include "langtag.h"
#include "profile.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/utext.h>

/* ICU's break iterators count in int32_t: longer texts are split into
 * windows of at most this many bytes, cut after white space. */
#ifndef MS_SEG_WINDOW
#define MS_SEG_WINDOW ((size_t)INT32_MAX - 64)
#endif

/* Bounds on look-around, in bytes: no rule needs to see further. */
#define WORD_MAX 96      /* a word or abbreviation before a full stop */
#define CLUSTER_MAX 48   /* a run of final punctuation and closers */
#define ENTRY_MAX 63     /* an entry of the exception data */
#define QUOTE_DEPTH 8    /* nesting of quotations and brackets tracked */
#define QUOTE_AHEAD 4000 /* how far to look for a closing quotation */
#define QUOTE_AHEAD_APOS 400 /* … for a closing straight single quote */
#define N_CLOSERS 16     /* closing marks of closing_of() */

/* ------------------------------------------------------------ word table */

/* Flags of an entry in the word table. */
enum {
	W_STARTER = 1 << 0,     /* [starter]: typically begins a sentence */
	W_NOT_ENDING = 1 << 1,  /* [not-ending]: whole word */
	W_CONTINUE = 1 << 2,    /* [continue]: whole word */
	A_PREFIX = 1 << 3,      /* [prefix] abbreviation */
	A_NUMBER = 1 << 4,      /* [number] abbreviation */
	A_AMBIGUOUS = 1 << 5,   /* [ambiguous] abbreviation */
	A_FINAL = 1 << 6,       /* [final] abbreviation */
	W_ENDING = 1 << 7,      /* [ending] "=word": the whole word */
	W_WEAK = 1 << 8,        /* [weak-ending] "=word" */
	W_JOINER = 1 << 9,      /* [joiner]: a line that ends with it goes on */
	W_SALUTE = 1 << 10,     /* [salutation]: a line that ends with it ends */
};
#define A_ANY (A_PREFIX | A_NUMBER | A_AMBIGUOUS | A_FINAL)

/* Affix patterns: Korean endings (matched at the end of a word, with an
 * optional final consonant required of the syllable before), suffixes of
 * non-endings and prefixes of continuation words. */
enum pat_kind {
	P_ENDING = 0,       /* [ending] */
	P_WEAK = 1,         /* [weak-ending] */
	P_NOT_SUFFIX = 2,   /* [not-ending] "-suffix" */
	P_CONT_PREFIX = 3,  /* [continue] "prefix-" */
	P_JOIN_SUFFIX = 4,  /* [joiner] "-suffix" */
	P_SALUTE_SUFFIX = 5, /* [salutation] "-suffix" */
};

struct pattern {
	uint32_t off, len;  /* the syllables, in the arena */
	UChar32 key;        /* last code point (suffixes), first (prefixes) */
	uint8_t kind;
	uint8_t jamo;       /* final consonant index 1–27, 0 for none */
};

struct ms_segmenter {
	char *lang;
	ms_seg_mode mode;
	bool korean;            /* the data lists sentence-final endings: they
	                           end sentences without punctuation */
	UBreakIterator *bi;
	UText ut;
	ms_buf arena;           /* the bytes of patterns */
	ms_htab *words;         /* entry → flags; keys point into the profile */
	ms_profiles *own;       /* the profiles made for a DATADIR, or NULL */
	ms_profiles *set;       /* where its data came from (borrowed or own) */
	struct pattern *pats;   /* sorted by (kind, key) */
	size_t npats, pats_cap;
};

/* The flags of the entry KEY[0..N) (0: none). */
static unsigned
table_get(const ms_segmenter *s, const char *key, size_t n)
{
	return n && s->words ? (unsigned)(uintptr_t)ms_htab_get(s->words, key, n) : 0;
}

/* Add FLAGS to the entry KEY[0..N), borrowed: it points into the profile,
 * which lives as long as its set. */
static void
table_add(ms_segmenter *s, const char *key, size_t n, unsigned flags)
{
	ms_htab_put(s->words, key, n, (void *)(uintptr_t)(table_get(s, key, n) | flags));
}

/* ------------------------------------------------------------- UTF-8 */

/* The code point at T[I] (valid UTF-8); *NEXT gets the following offset. */
static UChar32
cp_at(const char *t, size_t i, size_t *next)
{
	const unsigned char *s = (const unsigned char *)t + i;
	UChar32 c = s[0];
	size_t n = 1;
	if (c >= 0xF0) {
		c = ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6)
		    | (s[3] & 0x3F);
		n = 4;
	} else if (c >= 0xE0) {
		c = ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		n = 3;
	} else if (c >= 0xC0) {
		c = ((c & 0x1F) << 6) | (s[1] & 0x3F);
		n = 2;
	}
	if (next)
		*next = i + n;
	return c;
}

/* The code point ending at T[I]; *PREV gets its start.  0 at the start
 * of the text (I == 0). */
static UChar32
cp_before(const char *t, size_t i, size_t *prev)
{
	size_t j = i - 1;
	if (i == 0) {
		if (prev)
			*prev = 0;
		return 0;
	}
	while (j > 0 && ((unsigned char)t[j] & 0xC0) == 0x80)
		j--;
	if (prev)
		*prev = j;
	return cp_at(t, j, NULL);
}

static size_t
put_utf8(char *out, UChar32 c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* ------------------------------------------------- character classes */

/* Hangul syllables: the bulk of Korean text, for quick answers below. */
#define IS_SYLLABLE(c) ((c) >= 0xAC00 && (c) <= 0xD7A3)

static bool
is_space(UChar32 c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r'
	       || (c >= 0x80 && !IS_SYLLABLE(c) && u_isUWhiteSpace(c));
}

static bool
is_hangul(UChar32 c)
{
	return c >= 0xAC00 && c <= 0xD7A3;
}

/* Sentence-final punctuation: full stops, question and exclamation marks
 * of every script, and the ellipsis. */
static bool
is_term(UChar32 c)
{
	int sb;
	if (c < 0x80)
		return c == '.' || c == '?' || c == '!';
	if (c == 0x2026)
		return true;
	if (IS_SYLLABLE(c))
		return false;
	sb = u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
	return sb == U_SB_ATERM || sb == U_SB_STERM;
}

static bool
is_full_stop(UChar32 c)
{
	return c == '.' || c == 0xFF0E || c == 0xFE52 || c == 0x2024;
}

static bool
is_closer(UChar32 c)
{
	int gc;
	if (c < 0x80)
		return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}';
	if (IS_SYLLABLE(c))
		return false;
	gc = u_charType(c);
	return gc == U_END_PUNCTUATION || gc == U_FINAL_PUNCTUATION
	       || gc == U_INITIAL_PUNCTUATION;
}

/* Punctuation that may open a sentence or a word: quotes, brackets,
 * inverted marks, dashes and bullets. */
static bool
is_opener(UChar32 c)
{
	int gc;
	if (c < 0x80)
		return c == '"' || c == '\'' || c == '(' || c == '[' || c == '{'
		       || c == '-' || c == '*';
	if (c == 0xBF || c == 0xA1 || c == 0x2022 || c == 0x2023 || c == 0x2043
	    || c == 0x25E6 || c == 0x2219 || c == 0xB7)
		return true;
	if (IS_SYLLABLE(c))
		return false;
	gc = u_charType(c);
	return gc == U_START_PUNCTUATION || gc == U_INITIAL_PUNCTUATION
	       || gc == U_FINAL_PUNCTUATION || gc == U_DASH_PUNCTUATION;
}

static bool
is_letter(UChar32 c)
{
	if (c < 0x80)
		return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	if (IS_SYLLABLE(c))
		return true;
	return u_isalpha(c) || u_hasBinaryProperty(c, UCHAR_ALPHABETIC);
}

static bool
is_upper(UChar32 c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	if (IS_SYLLABLE(c))
		return false;
	return u_hasBinaryProperty(c, UCHAR_UPPERCASE) || u_istitle(c);
}

static bool
is_lower(UChar32 c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	if (IS_SYLLABLE(c))
		return false;
	return u_hasBinaryProperty(c, UCHAR_LOWERCASE);
}

static bool
is_digit(UChar32 c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	return u_isdigit(c);
}

static bool
is_roman_letter(UChar32 c)
{
	return c == 'I' || c == 'V' || c == 'X' || c == 'i' || c == 'v' || c == 'x';
}

/* Hangul syllable decomposition: the final consonant index (0 = none). */
static int
hangul_final(UChar32 c)
{
	return (int)((c - 0xAC00) % 28);
}

/* Compatibility jamo → final consonant index (0 when it cannot close a
 * syllable). */
static int
jamo_final_index(UChar32 c)
{
	static const UChar32 finals[28] = {
		0, 0x3131, 0x3132, 0x3133, 0x3134, 0x3135, 0x3136, 0x3137,
		0x3139, 0x313A, 0x313B, 0x313C, 0x313D, 0x313E, 0x313F, 0x3140,
		0x3141, 0x3142, 0x3144, 0x3145, 0x3146, 0x3147, 0x3148, 0x314A,
		0x314B, 0x314C, 0x314D, 0x314E,
	};
	for (int i = 1; i < 28; i++)
		if (finals[i] == c)
			return i;
	return 0;
}

/* ---------------------------------------------------- exception data */

/* The data is the `segment:` section of the language's profile
 * (core/profile.h): a mapping from section names to lists of entries. */
enum section {
	S_PREFIX, S_NUMBER, S_AMBIGUOUS, S_FINAL, S_STARTER,
	S_ENDING, S_WEAK, S_NOT_ENDING, S_CONTINUE, S_JOINER, S_SALUTATION,
};

static const struct {
	const char *name;
	enum section sec;
} sections[] = {
	{ "prefix", S_PREFIX },
	{ "number", S_NUMBER },
	{ "ambiguous", S_AMBIGUOUS },
	{ "final", S_FINAL },
	{ "starter", S_STARTER },
	{ "ending", S_ENDING },
	{ "weak-ending", S_WEAK },
	{ "not-ending", S_NOT_ENDING },
	{ "continue", S_CONTINUE },
	{ "joiner", S_JOINER },
	{ "salutation", S_SALUTATION },
};

static void
add_pattern(ms_segmenter *s, enum pat_kind kind, int jamo,
            const char *syl, size_t n, UChar32 key)
{
	struct pattern *p;
	if (s->npats == s->pats_cap) {
		s->pats_cap = s->pats_cap ? s->pats_cap * 2 : 64;
		s->pats = ms_xrealloc(s->pats, s->pats_cap * sizeof *s->pats);
	}
	p = &s->pats[s->npats++];
	p->off = (uint32_t)s->arena.len;
	p->len = (uint32_t)n;
	p->key = key;
	p->kind = (uint8_t)kind;
	p->jamo = (uint8_t)jamo;
	ms_buf_put(&s->arena, syl, n);
}

static int
pattern_cmp(const void *a, const void *b)
{
	const struct pattern *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return 0;
}

/* Check and store one entry E[0..N) of section SEC.  On error returns a
 * message and sets *COL to the 0-based byte offset of the problem. */
static const char *
add_entry(ms_segmenter *s, enum section sec, const char *e, size_t n,
          size_t *col)
{
	size_t i, next;
	int spaces = 0;

	*col = 0;
	if (n == 0)
		return N_("empty word");
	if (n > ENTRY_MAX)
		return N_("entry is too long");
	for (i = 0; i < n; i = next) {
		UChar32 c = cp_at(e, i, &next);
		*col = i;
		if (c == ' ') {
			if (sec > S_FINAL || spaces++ || e[next] == ' ')
				return N_("white space inside an entry");
		} else if (is_space(c)) {
			return N_("white space inside an entry");
		}
	}
	*col = 0;
	switch (sec) {
	case S_PREFIX:
	case S_NUMBER:
	case S_AMBIGUOUS:
	case S_FINAL: {
		static const unsigned flag[] = {
			[S_PREFIX] = A_PREFIX, [S_NUMBER] = A_NUMBER,
			[S_AMBIGUOUS] = A_AMBIGUOUS, [S_FINAL] = A_FINAL,
		};
		if (n < 2 || e[n - 1] != '.') {
			*col = n - 1;
			return N_("an abbreviation must end with \".\"");
		}
		if (e[0] == ' ' || e[0] == '.')
			return N_("an abbreviation must start with a letter");
		table_add(s, e, n, flag[sec]);
		return NULL;
	}
	case S_STARTER:
		for (i = 0; i < n; i = next) {
			UChar32 c = cp_at(e, i, &next);
			*col = i;
			if (!is_letter(c) && c != '\'' && c != 0x2019 && c != '-')
				return N_("a starter must be a word");
		}
		table_add(s, e, n, W_STARTER);
		return NULL;
	case S_ENDING:
	case S_WEAK: {
		int jamo = 0;
		/* a language whose data lists sentence-final endings (Korean)
		 * gets the rules for text without punctuation */
		s->korean = true;
		size_t start = 0;
		UChar32 c = cp_at(e, 0, &next), last = 0;
		if (c == '=') {     /* a whole word */
			for (i = 1; i < n; i = next) {
				*col = i;
				if (!is_hangul(cp_at(e, i, &next)))
					return N_("an ending must be Hangul syllables, optionally after one final-consonant jamo");
			}
			if (n == 1)
				return N_("empty word");
			table_add(s, e + 1, n - 1, sec == S_ENDING ? W_ENDING : W_WEAK);
			return NULL;
		}
		if (c >= 0x3131 && c <= 0x318E) {
			jamo = jamo_final_index(c);
			if (!jamo)
				return N_("this jamo cannot end a syllable");
			start = next;
		}
		if (start == n)
			return N_("an ending needs at least one syllable");
		for (i = start; i < n; i = next) {
			last = cp_at(e, i, &next);
			*col = i;
			if (!is_hangul(last))
				return N_("an ending must be Hangul syllables, optionally after one final-consonant jamo");
		}
		add_pattern(s, sec == S_ENDING ? P_ENDING : P_WEAK, jamo,
		            e + start, n - start, last);
		return NULL;
	}
	case S_NOT_ENDING:
	case S_JOINER:
	case S_SALUTATION:
	case S_CONTINUE: {
		static const unsigned flag[] = {
			[S_NOT_ENDING] = W_NOT_ENDING, [S_JOINER] = W_JOINER,
			[S_SALUTATION] = W_SALUTE, [S_CONTINUE] = W_CONTINUE,
		};
		static const enum pat_kind suffix_kind[] = {
			[S_NOT_ENDING] = P_NOT_SUFFIX, [S_JOINER] = P_JOIN_SUFFIX,
			[S_SALUTATION] = P_SALUTE_SUFFIX,
		};
		bool suffix = sec != S_CONTINUE && e[0] == '-';
		bool prefix = sec == S_CONTINUE && e[n - 1] == '-';
		size_t a = suffix ? 1 : 0, b = prefix ? n - 1 : n;
		UChar32 first = 0, last = 0;
		if (a >= b)
			return N_("empty word");
		for (i = a; i < b; i = next) {
			UChar32 c = cp_at(e, i, &next);
			*col = i;
			if (!is_letter(c))
				return N_("a word may only contain letters");
			if (i == a)
				first = c;
			last = c;
		}
		if (suffix)
			add_pattern(s, suffix_kind[sec], 0, e + a, b - a, last);
		else if (prefix)
			add_pattern(s, P_CONT_PREFIX, 0, e + a, b - a, first);
		else
			table_add(s, e, n, flag[sec]);
		return NULL;
	}
	}
	return NULL;
}

/* Read the `segment:` section of the profile for LANG in SET.  Each
 * problem is reported at its entry's place in the profile file. */
static ms_status
load_data(ms_segmenter *s, ms_profiles *set, const char *lang,
          ms_diag_handler *h)
{
	const ms_profile *p;
	const char *const *names;
	size_t nsec;
	ms_status st = ms_profiles_get(set, lang, &p, h);

	if (st != MS_OK)
		return st;
	nsec = ms_profile_keys(p, "segment", &names);
	for (size_t i = 0; i < nsec; i++) {
		const ms_pvalue *items;
		size_t n, k, col;
		bool known = false;
		enum section sec = S_PREFIX;
		ms_buf key = MS_BUF_INIT;

		ms_buf_printf(&key, "segment.%s", names[i]);
		items = ms_profile_list(p, key.ptr, &n);
		ms_buf_release(&key);
		for (k = 0; k < MS_ARRAY_SIZE(sections) && !known; k++) {
			known = strcmp(sections[k].name, names[i]) == 0;
			sec = sections[k].sec;
		}
		if (!known && n > 0) {
			ms_diag_emit(h, MS_ERROR, NULL, items[0].file, items[0].line,
			             items[0].column,
			             _("unknown section \"%.*s\""),
			             (int)strlen(names[i]), names[i]);
			return MS_ERR_INVALID;
		}
		for (k = 0; k < n; k++) {
			const ms_pvalue *v = &items[k];
			const char *msg = add_entry(s, sec, v->text, strlen(v->text), &col);
			if (msg) {
				unsigned chars = 0;   /* columns count characters */
				for (size_t b = 0; b < col; b++)
					chars += ((unsigned char)v->text[b] & 0xC0) != 0x80;
				ms_diag_emit(h, MS_ERROR, NULL, v->file, v->line,
				             v->column + chars, "%s: \"%s\"",
				             _(msg), v->text);
				return MS_ERR_INVALID;
			}
		}
	}
	return MS_OK;
}

/* ----------------------------------------------------------- new/free */

ms_status
ms_segmenter_open(ms_profiles *set, const char *lang, ms_seg_mode mode,
                  ms_segmenter **out, ms_diag_handler *h)
{
	ms_segmenter *s;
	char locale[ULOC_FULLNAME_CAPACITY + 16];
	UErrorCode err = U_ZERO_ERROR;
	int32_t parsed = 0;
	size_t n, i;
	ms_status st;

	*out = NULL;
	if (!lang || !ms_lang_valid(lang)) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("invalid language tag \"%s\""), lang ? lang : "");
		return MS_ERR_INVALID;
	}
	n = strlen(lang);
	if (mode != MS_SEG_SENTENCE && mode != MS_SEG_PARAGRAPH) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("unknown segmentation mode %d"), (int)mode);
		return MS_ERR_USAGE;
	}

	s = ms_xcalloc(1, sizeof *s);
	s->lang = ms_xstrdup(lang);
	s->mode = mode;
	s->set = set ? set : ms_profiles_default();
	s->ut = (UText)UTEXT_INITIALIZER;
	ms_buf_init(&s->arena, 0);
	s->words = ms_htab_new(512);
	if (mode == MS_SEG_PARAGRAPH) {
		*out = s;
		return MS_OK;
	}

	{
		char tag[40];
		for (i = 0; i <= n; i++)
			tag[i] = lang[i] == '_' ? '-' : lang[i];
		uloc_forLanguageTag(tag, locale, (int32_t)sizeof locale, &parsed, &err);
	}
	if (U_SUCCESS(err) && parsed == (int32_t)n && locale[0])
		uloc_setKeywordValue("ss", "standard", locale, (int32_t)sizeof locale, &err);
	if (U_FAILURE(err) || parsed != (int32_t)n || !locale[0]) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("invalid language tag \"%s\""), lang);
		ms_segmenter_free(s);
		return MS_ERR_INVALID;
	}
	s->bi = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &err);
	if (U_FAILURE(err)) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("cannot open the sentence break iterator for \"%s\": %s"),
		             lang, u_errorName(err));
		ms_segmenter_free(s);
		return MS_ERR_ICU;
	}
	{
		/* profiles are named by the conventional case ("es-419") */
		char tag[40];
		for (i = 0; i <= n; i++)
			tag[i] = i < ms_lang_primary_len(lang) && lang[i] >= 'A'
			         && lang[i] <= 'Z' ? (char)(lang[i] | 0x20) : lang[i];
		st = load_data(s, s->set, tag, h);
	}
	if (st != MS_OK) {
		ms_segmenter_free(s);
		return st;
	}
	if (s->npats)
		qsort(s->pats, s->npats, sizeof *s->pats, pattern_cmp);
	*out = s;
	return MS_OK;
}

ms_status
ms_segmenter_new(const char *lang, ms_seg_mode mode, const char *datadir,
                 ms_segmenter **out, ms_diag_handler *h)
{
	ms_profiles *own = NULL;
	ms_status st;

	if (datadir && *datadir && mode == MS_SEG_SENTENCE) {
		ms_buf dir = MS_BUF_INIT;
		ms_buf_printf(&dir, "%s/lang", datadir);
		own = ms_profiles_new((char *[]){ dir.ptr, NULL });
		ms_buf_release(&dir);
	}
	st = ms_segmenter_open(own, lang, mode, out, h);
	if (st == MS_OK && own)
		(*out)->own = (*out)->set = own;
	else
		ms_profiles_free(own);
	return st;
}

ms_profiles *
ms_segmenter_profiles(const ms_segmenter *s)
{
	return s ? s->set : ms_profiles_default();
}

void
ms_segmenter_free(ms_segmenter *s)
{
	if (!s)
		return;
	if (s->bi)
		ubrk_close(s->bi);
	utext_close(&s->ut);
	ms_buf_release(&s->arena);
	ms_htab_free(s->words);
	ms_profiles_free(s->own);
	free(s->pats);
	free(s->lang);
	free(s);
}

/* ------------------------------------------------------------ lookups */

/* How long a match of a pattern of KIND at the end (suffix kinds) or the
 * start (prefix kinds) of WORD[0..N) is (twice its bytes, plus one for a
 * final-consonant condition); 0 for none. */
static size_t
pattern_match_len(const ms_segmenter *s, enum pat_kind kind, const char *w, size_t n)
{
	UChar32 key;
	size_t lo = 0, hi = s->npats, best = 0;
	bool suffix = kind != P_CONT_PREFIX;

	if (n == 0)
		return 0;
	key = suffix ? cp_before(w, n, NULL) : cp_at(w, 0, NULL);
	while (lo < hi) {    /* first pattern not below (kind, key) */
		size_t mid = (lo + hi) / 2;
		const struct pattern *p = &s->pats[mid];
		if (p->kind < kind || (p->kind == kind && p->key < key))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < s->npats && s->pats[lo].kind == kind && s->pats[lo].key == key; lo++) {
		const struct pattern *p = &s->pats[lo];
		const char *syl = s->arena.ptr + p->off;
		if (p->len > n)
			continue;
		if (!suffix) {
			if (memcmp(w, syl, p->len) == 0 && 2 * p->len > best)
				best = 2 * p->len;
			continue;
		}
		if (memcmp(w + n - p->len, syl, p->len) != 0)
			continue;
		if (p->jamo) {
			UChar32 c;
			if (p->len == n)
				continue;
			c = cp_before(w, n - p->len, NULL);
			if (!is_hangul(c) || hangul_final(c) != p->jamo)
				continue;
		}
		/* the longest match wins; a final-consonant jamo counts half
		 * a syllable ("ㅆ어" < "있어") */
		if (2 * p->len + (p->jamo ? 1 : 0) > best)
			best = 2 * p->len + (p->jamo ? 1 : 0);
	}
	return best;
}

/* Does a pattern of KIND match the end (suffix kinds) or the start
 * (prefix kinds) of WORD[0..N)? */
static bool
pattern_match(const ms_segmenter *s, enum pat_kind kind, const char *w, size_t n)
{
	return pattern_match_len(s, kind, w, n) > 0;
}

/* How a Korean word W[0..N) (Hangul syllables) ends a sentence.  WHOLE:
 * the syllables are the whole word, not a particle after "(OHCHR)". */
enum { END_NONE = 0, END_WEAK = 1, END_STRONG = 2 };

static int
korean_ending(const ms_segmenter *s, const char *w, size_t n, bool whole)
{
	unsigned f;
	if (n == 0)
		return END_NONE;
	f = whole ? table_get(s, w, n) : 0;
	if (f & W_NOT_ENDING)
		return END_NONE;
	if (f & W_ENDING)
		return END_STRONG;
	if (f & W_WEAK)
		return END_WEAK;
	{
		/* the most specific pattern decides; ties: not, strong, weak */
		size_t no = pattern_match_len(s, P_NOT_SUFFIX, w, n);
		size_t strong = pattern_match_len(s, P_ENDING, w, n);
		size_t weak = pattern_match_len(s, P_WEAK, w, n);
		if (no && no >= strong && no >= weak)
			return END_NONE;
		if (strong && strong >= weak)
			return END_STRONG;
		return weak ? END_WEAK : END_NONE;
	}
}

static bool
is_continuation(const ms_segmenter *s, const char *w, size_t n)
{
	return n && ((table_get(s, w, n) & W_CONTINUE)
	             || pattern_match(s, P_CONT_PREFIX, w, n));
}

/* --------------------------------------------------------- splitting */

/* What follows a candidate boundary. */
enum next_class { N_END, N_UPPER, N_LOWER, N_DIGIT, N_HANGUL, N_OLETTER, N_OTHER };

struct next_info {
	enum next_class cls;
	size_t tok;         /* where the next token starts (openers included) */
	size_t word;        /* where its first word starts */
	size_t wlen;        /* the word: letters (and inner ' - .) */
	UChar32 first;      /* its first code point */
	bool inverted;      /* opened with ¿ or ¡ */
};

struct split {
	const ms_segmenter *s;
	const char *t;
	size_t n;
	size_t seg;         /* where the current segment starts */
	ms_span *spans;
	size_t nspans, cap;
	size_t ws_from, ws_to;   /* last white-space run measured */
	size_t scan;        /* our scanner's position */
	size_t mine;        /* our next candidate (SIZE_MAX: none) */
	/* quotations and brackets open in the current segment */
	size_t qpos;        /* tracked up to here */
	int depth;
	struct { UChar32 open; size_t pos; } stack[QUOTE_DEPTH];
	size_t look_pos;    /* opener whose closing mark was looked for */
	bool look_cont;     /* ... and whether it was found */
	/* per closing mark: the next one found, and how far we looked */
	size_t close_next[N_CLOSERS];
	size_t close_seen[N_CLOSERS];
	/* line structure: the blocks of lines between blank lines */
	struct block *blocks;
	size_t nblocks, blk;
};

/* A block: lines between blank lines (the whole text when it has none). */
struct block {
	size_t start, end;
	unsigned width;     /* its widest line, in columns */
	bool any_term;      /* some line of it ends with final punctuation */
	bool flowed;        /* some line of it ends with white space before
	                     * its line break: a soft break, as in RFC 3676 */
	bool punctuated;    /* Korean: it ends its sentences with punctuation */
};

static size_t
skip_ws(struct split *x, size_t i)
{
	size_t j = i, next;
	if (i >= x->ws_from && i < x->ws_to)
		return x->ws_to;
	while (j < x->n && is_space(cp_at(x->t, j, &next)))
		j = next;
	if (j > i) {
		x->ws_from = i;
		x->ws_to = j;
	}
	return j;
}

static size_t
trim_back(const struct split *x, size_t i, size_t floor)
{
	size_t p;
	while (i > floor && is_space(cp_before(x->t, i, &p)))
		i = p;
	return i;
}

static void
emit(struct split *x, size_t a, size_t b)
{
	a = skip_ws(x, a);
	b = trim_back(x, b, a);
	if (a >= b)
		return;
	if (x->nspans == x->cap) {
		x->cap = x->cap ? x->cap + x->cap / 2 : 16;
		x->spans = ms_xrealloc(x->spans, x->cap * sizeof *x->spans);
	}
	x->spans[x->nspans].start = a;
	x->spans[x->nspans].end = b;
	x->nspans++;
}

static void
next_info(const struct split *x, size_t c, struct next_info *ni)
{
	size_t i = c, next;
	UChar32 ch = 0;

	memset(ni, 0, sizeof *ni);
	ni->tok = c;
	while (i < x->n && i - c < CLUSTER_MAX) {
		ch = cp_at(x->t, i, &next);
		if (!is_opener(ch))
			break;
		if (ch == 0xBF || ch == 0xA1)
			ni->inverted = true;
		i = next;
		/* a dash or bullet may be followed by a space */
		if (i < x->n && x->t[i] == ' ' && (ch == '-' || ch == '*' || ch > 0x7F))
			i++;
	}
	ni->word = i;
	if (i >= x->n) {
		ni->cls = N_END;
		return;
	}
	ch = cp_at(x->t, i, &next);
	ni->first = ch;
	if (is_digit(ch))
		ni->cls = N_DIGIT;
	else if (is_hangul(ch) || (ch >= 0x1100 && ch <= 0x11FF) || (ch >= 0x3131 && ch <= 0x318E))
		ni->cls = N_HANGUL;
	else if (is_upper(ch))
		ni->cls = N_UPPER;
	else if (is_lower(ch))
		ni->cls = N_LOWER;
	else if (is_letter(ch))
		ni->cls = N_OLETTER;
	else
		ni->cls = N_OTHER;
	while (i < x->n && i - ni->word < WORD_MAX) {
		ch = cp_at(x->t, i, &next);
		if (is_letter(ch) || u_getIntPropertyValue(ch, UCHAR_GENERAL_CATEGORY_MASK) & U_GC_M_MASK)
			i = next;
		else
			break;
	}
	ni->wlen = i - ni->word;
}

/* Is T[a..b) a list label: 1–3 digits, one letter or a short Roman
 * numeral? */
static bool
is_label_word(const char *t, size_t a, size_t b)
{
	size_t i, next, n = 0;
	bool digits = true, roman = true;
	if (a >= b || b - a > 8)
		return false;
	for (i = a; i < b; i = next, n++) {
		UChar32 c = cp_at(t, i, &next);
		if (!is_digit(c))
			digits = false;
		if (!is_roman_letter(c))
			roman = false;
		if (!is_digit(c) && !is_letter(c))
			return false;
	}
	if (digits)
		return n <= 3;
	if (n == 1)
		return true;
	if (!roman || n > 5)
		return false;
	/* all upper or all lower */
	for (i = a + 1; i < b; i++)
		if ((t[i] >= 'a') != (t[a] >= 'a'))
			return false;
	return true;
}

/* Is T[a..b) an upper-case Roman numeral (I–XXXIX)? */
static bool
is_roman(const char *t, size_t a, size_t b)
{
	if (a >= b || b - a > 6)
		return false;
	for (size_t i = a; i < b; i++)
		if (t[i] != 'I' && t[i] != 'V' && t[i] != 'X')
			return false;
	return true;
}

/* Does the next token look like a list label: "(b)", "b)", "2.", "iv."? */
static bool
next_is_label(const struct split *x, size_t c)
{
	size_t i = c, a, next;
	bool paren = false;
	if (i < x->n && x->t[i] == '(') {
		paren = true;
		i++;
	}
	a = i;
	while (i < x->n && i - a <= 8) {
		UChar32 ch = cp_at(x->t, i, &next);
		if (!is_digit(ch) && !is_letter(ch))
			break;
		i = next;
	}
	if (!is_label_word(x->t, a, i) || i >= x->n)
		return false;
	if (x->t[i] == ')')
		return true;
	if (!paren && x->t[i] == '.' && i + 1 < x->n && x->t[i + 1] == ' ')
		return true;
	return false;
}

/* Is the word starting at A at the head of the current segment (after
 * bullets and openers), or right after ":" or ";"? */
static bool
label_context(const struct split *x, size_t a)
{
	size_t i = a, p;
	while (i > x->seg) {
		UChar32 c = cp_before(x->t, i, &p);
		if (c == ':' || c == ';' || c == '<' || c == 0x3008)
			return true;    /* "< 1. 인사말씀 >" */
		if (!is_space(c) && !is_opener(c))
			return false;
		i = p;
	}
	return true;
}

/* ------------------------------------------------------------ list items */

/* The start of a list item: an optional bullet, then an optional label
 * ("1.", "2)", "(3)", "4.)", "a.", "(b)", "iv.", "가.", "①", "제3조"). */
enum label_kind {
	L_NONE, L_NUM, L_LOWER, L_UPPER, L_ROMAN_LOWER, L_ROMAN_UPPER, L_HANGUL,
	L_CIRCLED, L_ARTICLE,
};

struct item {
	UChar32 bullet;     /* 0: none */
	int kind, alt;      /* enum label_kind; ALT: the Roman reading of i, v, x */
	unsigned value, alt_value;
	char style;         /* '.', ')', '(' for "(x)", ']' for ".)", 'c' circled, 'a' article */
	size_t end;         /* after the item's marks and the white space after them */
};

/* Bullets: a symbol that starts a list item (followed by white space, or
 * directly by a label as in "⁃9."), or "-", "*", "+" and dashes followed by
 * white space. */
static bool
is_bullet(UChar32 c, UChar32 after)
{
	switch (c) {
	case '-': case '*': case '+': case 0x2013: case 0x2014:
		return after == ' ' || after == '\t' || after == 0xA0;
	case 0x2022: case 0x25E6: case 0x2023: case 0x2043: case 0x2219: case 0xB7:
	case 0x25AA: case 0x25A0: case 0x25A1: case 0x25CB: case 0x25CF: case 0x25C6:
	case 0x25C7: case 0x25B6: case 0x25BA: case 0x25B7: case 0x203B: case 0x25B2:
	case 0x25B3: case 0x2610: case 0x2713: case 0x2714: case 0x27A2: case 0x27A4:
	case 0x2666: case 0x2756: case 0x30FB:
		return true;
	default:
		return false;
	}
}

/* Hangul list labels 가 나 다 … 하: their rank (1-based), or 0. */
static unsigned
hangul_label_rank(UChar32 c)
{
	static const UChar32 labels[] = {
		0xAC00, 0xB098, 0xB2E4, 0xB77C, 0xB9C8, 0xBC14, 0xC0AC,
		0xC544, 0xC790, 0xCC28, 0xCE74, 0xD0C0, 0xD30C, 0xD558,
	};
	for (unsigned k = 0; k < MS_ARRAY_SIZE(labels); k++)
		if (labels[k] == c)
			return k + 1;
	return 0;
}

/* The value of T[A..B) as a Roman numeral of i, v, x (1–39), or 0. */
static unsigned
roman_value(const char *t, size_t a, size_t b)
{
	unsigned v = 0, prev = 0;
	if (b - a > 6)
		return 0;
	for (size_t i = b; i > a; i--) {
		unsigned d;
		switch (t[i - 1] | 0x20) {
		case 'i': d = 1; break;
		case 'v': d = 5; break;
		case 'x': d = 10; break;
		default: return 0;
		}
		if (d < prev)
			v -= d;
		else
			v += d;
		prev = d > prev ? d : prev;
	}
	return v;
}

/* Parse a list item's marks at I.  True when there is a bullet or a label
 * followed by white space (or, after a bullet, by anything). */
static bool
parse_item(struct split *x, size_t i, struct item *it)
{
	const char *t = x->t;
	size_t next, a, b;
	UChar32 c, after;
	bool paren = false;

	memset(it, 0, sizeof *it);
	if (i >= x->n)
		return false;
	c = cp_at(t, i, &next);
	after = next < x->n ? cp_at(t, next, NULL) : 0;
	if (is_bullet(c, after)) {
		it->bullet = c;
		i = next;
		while (i < x->n && (t[i] == ' ' || t[i] == '\t'))
			i++;
		it->end = i;
		if (i >= x->n || t[i] == '\n' || t[i] == '\r')
			return false;       /* a bullet alone is no item */
		c = cp_at(t, i, &next);
		if (is_bullet(c, next < x->n ? cp_at(t, next, NULL) : 0))
			return false;       /* "* * * * *" */
	}
	if (c >= 0x2460 && c <= 0x2473) {            /* ① … ⑳ */
		it->kind = L_CIRCLED;
		it->value = (unsigned)(c - 0x2460 + 1);
		it->style = 'c';
		b = next;
		goto label_end;
	}
	if (c == 0xC81C) {                           /* 제3조, 제2장 */
		a = next;
		for (b = a; b < x->n && b - a < 4 && t[b] >= '0' && t[b] <= '9'; b++)
			;
		if (b > a && b < x->n) {
			UChar32 u = cp_at(t, b, &next);
			if (u == 0xC870 || u == 0xC7A5 || u == 0xC808 || u == 0xAD00
			    || u == 0xD56D || u == 0xD638) {   /* 조 장 절 관 항 호 */
				it->kind = L_ARTICLE;
				it->value = (unsigned)strtoul(t + a, NULL, 10);
				it->style = 'a';
				it->end = next;
				return true;
			}
		}
		return it->bullet != 0;
	}
	if (c == '(') {
		paren = true;
		i = next;
	}
	a = i;
	if (a < x->n && is_hangul(cp_at(t, a, &b))) {
		it->kind = hangul_label_rank(cp_at(t, a, NULL)) ? L_HANGUL : L_NONE;
		it->value = hangul_label_rank(cp_at(t, a, NULL));
	} else {
		for (b = a; b < x->n && b - a < 6
		     && ((t[b] >= '0' && t[b] <= '9') || ((t[b] | 0x20) >= 'a' && (t[b] | 0x20) <= 'z'));
		     b++)
			;
		if (b == a)
			return it->bullet != 0;
		if (t[a] >= '0' && t[a] <= '9') {
			size_t k;
			for (k = a; k < b && t[k] >= '0' && t[k] <= '9'; k++)
				;
			if (k < b || b - a > 3)
				return it->bullet != 0;
			it->kind = L_NUM;
			it->value = (unsigned)strtoul(t + a, NULL, 10);
		} else if (roman_value(t, a, b) && (b - a > 1 || strchr("ivxIVX", t[a]))) {
			bool lower = t[a] >= 'a';
			for (size_t k = a; k < b; k++)
				if ((t[k] >= 'a') != lower)
					return it->bullet != 0;
			if (b - a == 1) {            /* i, v, x: a letter or a numeral */
				it->kind = lower ? L_LOWER : L_UPPER;
				it->value = (unsigned)((t[a] | 0x20) - 'a' + 1);
				it->alt = lower ? L_ROMAN_LOWER : L_ROMAN_UPPER;
				it->alt_value = roman_value(t, a, b);
			} else {
				it->kind = lower ? L_ROMAN_LOWER : L_ROMAN_UPPER;
				it->value = roman_value(t, a, b);
			}
		} else if (b - a == 1) {
			it->kind = t[a] >= 'a' ? L_LOWER : L_UPPER;
			it->value = (unsigned)((t[a] | 0x20) - 'a' + 1);
		} else {
			return it->bullet != 0;
		}
	}
	if (!it->kind || b >= x->n || (paren && t[b] != ')')) {
		it->kind = L_NONE;
		return it->bullet != 0;
	}
	if (paren) {
		it->style = '(';
		b++;
	} else if (t[b] == ')') {
		it->style = ')';
		b++;
	} else if (t[b] == '.' && b + 1 < x->n && t[b + 1] == ')') {
		it->style = ']';
		b += 2;
	} else if (t[b] == '.') {
		it->style = '.';
		b++;
	} else {
		it->kind = L_NONE;
		return it->bullet != 0;
	}
label_end:
	if (b < x->n && !is_space(cp_at(t, b, NULL))) {
		it->kind = L_NONE;
		return it->bullet != 0;
	}
	it->end = skip_ws(x, b);
	return true;
}

/* A quick test before parse_item: can an item start at I? */
static bool
may_start_item(const struct split *x, size_t i)
{
	unsigned char b = (unsigned char)x->t[i], n = i + 1 < x->n ? (unsigned char)x->t[i + 1] : 0;
	if (b >= 0x80 || b == '(' || (b >= '0' && b <= '9'))
		return true;
	if (b == '-' || b == '*' || b == '+')
		return n == ' ' || n == '\t';
	/* a letter label: "a. ", "b) ", "iv. " */
	if (!((b | 0x20) >= 'a' && (b | 0x20) <= 'z'))
		return false;
	for (size_t k = i + 1; k < x->n && k - i <= 6; k++) {
		unsigned char c = (unsigned char)x->t[k];
		if (c == '.' || c == ')')
			return true;
		if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return false;
	}
	return false;
}

/* Does item B continue the list that item A starts (the same bullet and
 * style, the next label: 1 → 2, a → b, i → ii, 가 → 나)? */
static bool
item_follows(const struct item *a, const struct item *b)
{
	if (a->bullet != b->bullet)
		return false;
	if (!a->kind && !b->kind)
		return a->bullet != 0;
	if (!a->kind || !b->kind || a->style != b->style)
		return false;
	if (a->kind == b->kind && b->value == a->value + 1)
		return true;
	if (a->alt && a->alt == b->kind && b->value == a->alt_value + 1)
		return true;
	if (b->alt && a->kind == b->alt && b->alt_value == a->value + 1)
		return true;
	return a->alt && a->alt == b->alt && b->alt_value == a->alt_value + 1;
}

/* Does the item at C continue the list whose item starts the current
 * segment ("1. The first item 2. The second item")? */
static bool
item_continues(struct split *x, size_t c)
{
	struct item a, b;
	if (!parse_item(x, c, &b) || !parse_item(x, x->seg, &a) || c < a.end)
		return false;
	if (item_follows(&a, &b))
		return true;
	/* a new list after an item: "2.) The second item 1.) The first",
	 * or a labelled item with another bullet: "• 10. The second item
	 * ⁃9. The first item" */
	return a.kind && b.kind
	       && (b.value == 1 || (b.alt && b.alt_value == 1)
	           || (a.bullet && b.bullet && a.bullet != b.bullet));
}

/* The start of the word that ends at E (a run of non-space characters,
 * without its leading openers), at most WORD_MAX bytes back. */
static size_t
word_start(const struct split *x, size_t e, size_t floor)
{
	size_t i = e, p, lim = e > WORD_MAX ? e - WORD_MAX : 0;
	if (lim < floor)
		lim = floor;
	while (i > lim) {
		UChar32 c = cp_before(x->t, i, &p);
		if (is_space(c))
			break;
		i = p;
	}
	while (i < e) {
		size_t next;
		UChar32 c = cp_at(x->t, i, &next);
		if (!is_opener(c) || c == '-')
			break;
		i = next;
	}
	return i;
}

/* Abbreviation class of the word T[a..e) followed by ".", also trying the
 * two-word form with the previous word ("EE. UU.", "a. m.") and the word
 * with its first letter lowercased. */
static unsigned
abbrev_class(const struct split *x, size_t a, size_t e)
{
	char key[2 * WORD_MAX + 8];
	size_t n = e - a;
	unsigned f;

	if (n == 0 || n + 2 > WORD_MAX)
		return 0;
	/* two words: "<prev>. <word>." */
	if (a >= 3 && x->t[a - 1] == ' ' && x->t[a - 2] == '.' && a - 1 > x->seg) {
		size_t pa = word_start(x, a - 1, x->seg);
		size_t pn = a - 1 - pa;
		if (pn > 0 && pn + n + 2 < sizeof key) {
			memcpy(key, x->t + pa, pn);
			key[pn] = ' ';
			memcpy(key + pn + 1, x->t + a, n);
			key[pn + 1 + n] = '.';
			f = table_get(x->s, key, pn + n + 2) & A_ANY;
			if (f)
				return f;
		}
	}
	memcpy(key, x->t + a, n);
	key[n] = '.';
	f = table_get(x->s, key, n + 1) & A_ANY;
	if (f)
		return f;
	/* the same with the first letter's case changed */
	{
		size_t next;
		UChar32 c = cp_at(x->t, a, &next), d;
		char buf[2 * WORD_MAX + 8];
		size_t k;
		/* a capitalised form of a lowercase entry ("Para." at the start
		 * of a sentence); single letters keep their case: "P." ≠ "p.",
		 * and so do dotted acronyms: "D.C." ≠ "d.C." */
		if (!is_upper(c) || next == e || memchr(x->t + a, '.', e - a))
			return 0;
		d = u_tolower(c);
		k = put_utf8(buf, d);
		memcpy(buf + k, x->t + next, e - next);
		buf[k + e - next] = '.';
		f = table_get(x->s, buf, k + e - next + 1) & A_ANY;
		if (f)
			return f;
		/* an all-capital form: "SEC." for "Sec." or "sec." */
		for (size_t i = next; i < e; i++)
			if (!(x->t[i] >= 'A' && x->t[i] <= 'Z'))
				return 0;
		for (size_t i = k; i < k + e - next; i++)
			buf[i] = (char)(buf[i] | 0x20);
		f = table_get(x->s, buf, k + e - next + 1) & A_ANY;
		if (f)
			return f;
		memcpy(buf, x->t + a, next - a);
		memcpy(buf + (next - a), buf + k, e - next + 1);
		return table_get(x->s, buf, e - a + 1) & A_ANY;
	}
}

/* Letters separated by full stops, 1–2 letters each: "U.S", "Ph.D",
 * "D.P.R.K" (the final stop is the candidate's). */
static bool
is_dotted_acronym(const char *t, size_t a, size_t e)
{
	size_t i, next;
	int run = 0, groups = 1;
	for (i = a; i < e; i = next) {
		UChar32 c = cp_at(t, i, &next);
		if (c == '.') {
			if (run == 0)
				return false;
			run = 0;
			groups++;
		} else if (is_letter(c)) {
			if (++run > 2)
				return false;
		} else {
			return false;
		}
	}
	return groups >= 2 && run > 0;
}

/* The abbreviation class of the next word when a full stop follows it. */
static unsigned
next_abbrev_class(const struct split *x, const struct next_info *ni)
{
	size_t e = ni->word + ni->wlen;
	char key[WORD_MAX + 2];
	if (ni->wlen == 0 || e >= x->n || x->t[e] != '.')
		return 0;
	memcpy(key, x->t + ni->word, ni->wlen);
	key[ni->wlen] = '.';
	return table_get(x->s, key, ni->wlen + 1) & A_ANY;
}

static bool
next_is_starter(const struct split *x, const struct next_info *ni)
{
	if (ni->inverted)
		return true;
	if (ni->wlen == 0)
		return false;
	if (table_get(x->s, x->t + ni->word, ni->wlen) & W_STARTER)
		return true;
	/* a title ("Mr.") opens a sentence as often as it continues one */
	return (next_abbrev_class(x, ni) & A_PREFIX) != 0;
}

/* The Hangul syllables ending at E (at most WORD_MAX bytes). */
static size_t
hangul_run_start(const struct split *x, size_t e)
{
	size_t i = e, p, lim = e > WORD_MAX ? e - WORD_MAX : 0;
	while (i > lim && is_hangul(cp_before(x->t, i, &p)))
		i = p;
	return i;
}

/* Informal decoration after a word: jamo laughter (ㅋㅋ, ㅠㅠ), "~",
 * "^^", emoji. */
static bool
is_decoration(UChar32 c)
{
	if ((c >= 0x3131 && c <= 0x318E) || c == '~' || c == '^')
		return true;
	if (c < 0x2600 || IS_SYLLABLE(c))
		return false;
	/* emoji and pictographs (with their skin-tone modifiers, variation
	 * selector and joiner), not the shapes used as bullets (□ ○ ▶) */
	if ((c >= 0x1F3FB && c <= 0x1F3FF) || c == 0xFE0F || c == 0x200D)
		return true;
	return c >= 0x2600 && u_charType(c) == U_OTHER_SYMBOL && !is_bullet(c, ' ');
}

/* Is T[I] a line break ("\n", "\r", "\r\n" counts once at its "\r")? */
static bool
is_line_break(const struct split *x, size_t i)
{
	return x->t[i] == '\n' ? i == 0 || x->t[i - 1] != '\r' : x->t[i] == '\r';
}

/* Does the white space T[E..C) hold an empty line? */
static bool
blank_line(const struct split *x, size_t e, size_t c)
{
	int lines = 0;
	for (size_t i = e; i < c; i++) {
		if (is_line_break(x, i) && ++lines == 2)
			return true;
		if (i - e > CLUSTER_MAX && lines == 0)
			return false;   /* a long run of spaces: keep it cheap */
	}
	return false;
}

/* Does the white space T[E..C) hold a line break? */
static bool
has_line_break(const struct split *x, size_t e, size_t c)
{
	for (size_t i = e; i < c; i++) {
		if (x->t[i] == '\n' || x->t[i] == '\r')
			return true;
		if (i - e > CLUSTER_MAX)
			return memchr(x->t + i, '\n', c - i) || memchr(x->t + i, '\r', c - i);
	}
	return false;
}

/* ------------------------------------------------------ line structure */

/* Width of T[A..B) in columns (wide and full-width characters count 2). */
static unsigned
columns(const struct split *x, size_t a, size_t b)
{
	unsigned w = 0;
	size_t next;
	for (size_t i = a; i < b; i = next) {
		UChar32 c = cp_at(x->t, i, &next);
		int ea;
		if (c < 0x1100) {
			w++;
			continue;
		}
		if ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x4E00 && c <= 0x9FFF)) {
			w += 2;     /* Hangul syllables, CJK ideographs */
			continue;
		}
		ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
		w += ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
	}
	return w;
}

static bool
is_superscript_digit(UChar32 c)
{
	return c == 0xB9 || c == 0xB2 || c == 0xB3 || (c >= 0x2070 && c <= 0x2079);
}

/* A citation at I: "[12]", "[3–5]", "[2, 7]".  Its end, or I. */
static size_t
citation_end(const struct split *x, size_t i)
{
	size_t j, next;
	bool digit = false;
	if (i >= x->n || x->t[i] != '[')
		return i;
	for (j = i + 1; j < x->n && j - i < 24; j = next) {
		UChar32 c = cp_at(x->t, j, &next);
		if (c == ']')
			return digit ? next : i;
		if (is_digit(c))
			digit = true;
		else if (c != ',' && c != '-' && c != ' ' && c != 0x2013
		         && !(is_letter(c) && j - i < 12))
			return i;       /* "[12]", "[3–5]", "[참고2]", "[note 3]" */
	}
	return i;
}

/* The start of a citation that ends at E ("[12]"), or E. */
static size_t
citation_start(const struct split *x, size_t e, size_t floor)
{
	size_t k;
	if (e <= floor || x->t[e - 1] != ']')
		return e;
	for (k = e - 1; k > floor && e - k < 24; k--) {
		if (x->t[k - 1] == '[')
			return citation_end(x, k - 1) == e ? k - 1 : e;
	}
	return e;
}

/* Footnote numbers set right after a full stop, before white space:
 * "martyr.1 The", "(1987).1 According", "consultation.11 12 Take".  I is
 * just after the full stop; the end of the numbers, or I. */
static size_t
footnote_end(const struct split *x, size_t i)
{
	size_t j = i, end = i, groups = 0;
	if (i < 2 || x->t[i - 1] != '.')
		return i;
	{
		UChar32 b = cp_before(x->t, i - 1, NULL);
		if (!is_letter(b) && !is_closer(b))
			return i;
	}
	for (;;) {
		size_t d = j;
		while (j < x->n && j - d < 4 && x->t[j] >= '0' && x->t[j] <= '9')
			j++;
		if (j == d || j - d > 3 || (j < x->n && x->t[j] != ' ' && x->t[j] != '\n'))
			break;
		end = j;
		groups++;
		while (j < x->n && x->t[j] == ' ')
			j++;
		if (j >= x->n)
			return end;
		if (is_upper(cp_at(x->t, j, NULL)))
			return end;
	}
	return groups && end == x->n ? end : i;
}

/* A footnote number set apart after a sentence end, before a word that
 * typically starts a sentence: "mundo. 1 En el día", "housing. 2 The".
 * K is where the number would start, after the white space that follows
 * the full stop at I (itself after a letter or a closer, never a digit:
 * "in 2024. 25 States"); the end of the number, or K. */
static size_t
spaced_footnote_end(const struct split *x, size_t i, size_t k)
{
	struct next_info ni;
	size_t d = k;
	UChar32 b;

	if (i == 0 || x->t[i] != '.')
		return k;
	b = cp_before(x->t, i, NULL);
	if (!is_letter(b) && !is_closer(b))
		return k;
	if (is_letter(b)) {         /* a word, not "Art. 5", not "B. 2" */
		size_t a = i, p, lim = i > WORD_MAX ? i - WORD_MAX : 0;
		while (a > lim && is_letter(cp_before(x->t, a, &p)))
			a = p;
		cp_before(x->t, i, &p);     /* p: the word's last letter */
		if (p <= a || abbrev_class(x, a, i))
			return k;
	}
	while (d < x->n && d - k < 4 && x->t[d] >= '0' && x->t[d] <= '9')
		d++;
	if (d == k || d - k > 3 || d >= x->n || x->t[d] != ' ')
		return k;
	next_info(x, d + 1, &ni);
	return ni.cls == N_UPPER && !ni.inverted && next_is_starter(x, &ni) ? d : k;
}

/* Back over the marks that may follow final punctuation: closing quotes
 * and brackets, citations ("[12]", "[3–5]"), superscript digits, footnote
 * numbers ("martyr.1"). */
/* The same, telling whether closing quotes or brackets (*CLOSER) and
 * citations or footnote marks (*CITED) were passed. */
static size_t
skip_marks_back_flags(const struct split *x, size_t e, size_t floor,
                      bool *closer, bool *cited)
{
	size_t p, lim = e > CLUSTER_MAX ? e - CLUSTER_MAX : 0;
	bool dummy;
	if (!closer)
		closer = &dummy;
	if (!cited)
		cited = &dummy;
	if (lim < floor)
		lim = floor;
	while (e > lim) {
		UChar32 c = cp_before(x->t, e, &p);
		if (c == ']' && citation_start(x, e, lim) < e) {
			e = citation_start(x, e, lim);
			*cited = true;
		} else if (is_superscript_digit(c)) {
			e = p;
			*cited = true;
		} else if (is_closer(c)) {
			e = p;
			*closer = true;
		} else if (is_digit(c)) {
			/* footnote numbers: back to a full stop */
			size_t k = e, f;
			while (k > lim && ((x->t[k - 1] >= '0' && x->t[k - 1] <= '9')
			                   || x->t[k - 1] == ' '))
				k--;
			for (f = k; f < e && x->t[f] == ' '; f++)
				;
			if (k == lim || x->t[k - 1] != '.'
			    || (footnote_end(x, k) != e
			        && (f == k || spaced_footnote_end(x, k - 1, f) != e)))
				return e;
			*cited = true;
			return k;
		} else {
			return e;
		}
	}
	return e;
}

static size_t
skip_marks_back(const struct split *x, size_t e, size_t floor)
{
	return skip_marks_back_flags(x, e, floor, NULL, NULL);
}

/* Does the line T[A..E) end with final punctuation? */
static bool
line_ends_term(const struct split *x, size_t a, size_t e)
{
	e = skip_marks_back(x, e, a);
	return e > a && is_term(cp_before(x->t, e, NULL));
}

/* Korean sentence ends in T[A..B): with punctuation after a Hangul word
 * (*PUNCT), or a Hangul word with a sentence-final ending followed by
 * white space (*BARE). */
static void
count_korean_ends(const struct split *x, size_t a, size_t b,
                  unsigned *punct, unsigned *bare)
{
	size_t i = a, next;
	while (i < b) {
		size_t w = i, e;
		UChar32 c = cp_at(x->t, i, &next);
		if (!is_hangul(c)) {
			i = next;
			continue;
		}
		while (i < b && is_hangul(cp_at(x->t, i, &next)))
			i = next;
		e = i;
		while (i < b && is_decoration(cp_at(x->t, i, &next)))
			i = next;
		if (i >= b)
			break;
		c = cp_at(x->t, i, &next);
		if (is_term(c) && c != 0x2026
		    && !(c == '.' && next < b && x->t[next] == '.')) {
			(*punct)++;     /* not an ellipsis: "좋은데.. 그래서" */
		} else if (is_space(c)) {
			bool whole = w == a || is_space(cp_before(x->t, w, NULL))
			             || is_opener(cp_before(x->t, w, NULL));
			if (korean_ending(x->s, x->t + w, e - w, whole) == END_STRONG)
				(*bare)++;
		}
	}
}

/* Korean text punctuates its sentences when at least PUNCT_MIN of them
 * end with punctuation, and PUNCT_RATIO times as many as end with a bare
 * sentence-final ending (one is enough: a short formal paragraph). */
#define PUNCT_MIN 1
#define PUNCT_RATIO 2

/* Find the blocks of the text: widths, final punctuation, and whether
 * Korean text punctuates its sentences.  One pass. */
static void
find_blocks(struct split *x)
{
	size_t i = 0, cap = 0;
	struct block *b = NULL;
	bool has_breaks = memchr(x->t, '\n', x->n) || memchr(x->t, '\r', x->n);

	while (i < x->n) {
		size_t le = i, a, z, p, next;
		while (le < x->n && x->t[le] != '\n' && x->t[le] != '\r')
			le++;
		a = i;
		while (a < le && is_space(cp_at(x->t, a, &next)))
			a = next;
		z = le;
		while (z > a && is_space(cp_before(x->t, z, &p)))
			z = p;
		if (a == z) {
			b = NULL;
		} else {
			/* widths matter only to decide line breaks */
			unsigned w = has_breaks ? columns(x, a, z) : 0;
			if (!b) {
				if (x->nblocks == cap) {
					cap = cap ? cap * 2 : 8;
					x->blocks = ms_xrealloc(x->blocks, cap * sizeof *x->blocks);
				}
				b = &x->blocks[x->nblocks++];
				memset(b, 0, sizeof *b);
				b->start = i;
			}
			b->end = le;
			if (w > b->width)
				b->width = w;
			if (line_ends_term(x, a, z))
				b->any_term = true;
			if (z < le && le < x->n && (x->t[z] == ' ' || x->t[z] == '\t'))
				b->flowed = true;
		}
		i = le;
		if (i < x->n)
			i += x->t[i] == '\r' && i + 1 < x->n && x->t[i + 1] == '\n' ? 2 : 1;
	}
	for (size_t k = 0; x->s->korean && k < x->nblocks; k++) {
		unsigned punct = 0, bare = 0;
		count_korean_ends(x, x->blocks[k].start, x->blocks[k].end, &punct, &bare);
		x->blocks[k].punctuated = punct >= PUNCT_MIN && punct >= PUNCT_RATIO * bare;
	}
}

/* The block that holds position I (candidates come in increasing order,
 * so the search only moves forward). */
static const struct block *
block_at(struct split *x, size_t i)
{
	static const struct block none = { 0, 0, 0, true, false, true };
	while (x->blk < x->nblocks && x->blocks[x->blk].end < i)
		x->blk++;
	if (x->blk < x->nblocks && x->blocks[x->blk].start <= i)
		return &x->blocks[x->blk];
	return &none;
}

/* The start of the line that holds position E. */
static size_t
line_start(const struct split *x, size_t e)
{
	while (e > 0 && x->t[e - 1] != '\n' && x->t[e - 1] != '\r')
		e--;
	return e;
}

/* What a line break means: nothing by itself (the sentence rules decide,
 * the line ends with final punctuation), the end of a segment (a list
 * item, a heading, a letter part: a short line), or a space (a line
 * that only wraps a sentence). */
enum { LINE_NORMAL, LINE_BREAK, LINE_JOIN };

/* Percentage of a block's width (at least LINE_MIN columns) under which a
 * line, with the first word of the next one, is short: its break was not
 * forced by the width of the page. */
#define LINE_FULL 85
#define LINE_MIN 60
/* A line wider than this many columns was not wrapped to fit a page. */
#define LINE_WRAP_MAX 120

/* Are T[A..B) all capital letters? */
static bool
all_upper(const char *t, size_t a, size_t b)
{
	size_t next;
	for (size_t i = a; i < b; i = next)
		if (!is_upper(cp_at(t, i, &next)))
			return false;
	return a < b;
}

/* Does the line T[LS..E) end with a word of a section (FLAG) or, in
 * Hangul, with one of its suffixes (SUFFIX)?  "of", "the", "de" for
 * [joiner]; "여러분", "-님께" for [salutation]. */
static bool
ends_with_word_of(const struct split *x, size_t ls, size_t e, unsigned flag,
                  enum pat_kind suffix)
{
	size_t a = e, p;
	while (a > ls && is_letter(cp_before(x->t, a, &p)))
		a = p;
	if (a == e || e - a > WORD_MAX)
		return false;
	if (table_get(x->s, x->t + a, e - a) & flag)
		return true;
	if (is_hangul(cp_before(x->t, e, NULL)))
		return pattern_match(x->s, suffix, x->t + a, e - a);
	if (is_upper(cp_at(x->t, a, NULL))) {     /* "The", "PARA" */
		char key[4 * WORD_MAX + 8];
		size_t next, k = 0;
		for (size_t i = a; i < e; i = next) {
			UChar32 c = cp_at(x->t, i, &next);
			k += put_utf8(key + k, i == a || all_upper(x->t, a, e) ? u_tolower(c) : c);
		}
		return table_get(x->s, key, k) & flag;
	}
	return false;
}

static bool
ends_with_joiner(const struct split *x, size_t ls, size_t e)
{
	return ends_with_word_of(x, ls, e, W_JOINER, P_JOIN_SUFFIX);
}

/* Does T[A..B) have letters, all of them capitals ("ON MATTERS OF WHICH
 * THE COUNCIL IS SEIZED")? */
static bool
caps_line(const struct split *x, size_t a, size_t b)
{
	bool any = false;
	for (size_t i = a, next; i < b; i = next) {
		UChar32 c = cp_at(x->t, i, &next);
		if (is_letter(c) && !is_upper(c))
			return false;
		any = any || is_letter(c);
	}
	return any;
}

/* Does the capitalised line from C go on the one in T[LS..E): a title
 * in capitals set on several lines, whose next line opens with a word
 * of [joiner] ("SUMMARY STATEMENT BY THE SECRETARY-GENERAL" / "ON
 * MATTERS OF WHICH …" / "AND ON THE STAGE …")? */
static bool
caps_title_goes_on(const struct split *x, size_t ls, size_t e, size_t c,
                   const struct next_info *ni)
{
	const char *nl = memchr(x->t + c, '\n', x->n - c);
	size_t ce = nl ? (size_t)(nl - x->t) : x->n;

	return ni->word == c && ni->wlen > 0
	       && ends_with_joiner(x, ni->word, ni->word + ni->wlen)
	       && caps_line(x, ls, e) && caps_line(x, c, ce);
}

/* Is the line T[LS..E), with the first word of the next line (from C),
 * short: would that word have fit (with a margin in prose, whose lines
 * vary in width; without one in a block of lines such as an address,
 * which has no final punctuation)? */
static bool
short_line(const struct split *x, const struct block *b, size_t ls, size_t e,
           size_t c)
{
	size_t w = c;
	unsigned full = b->width > LINE_MIN ? b->width : LINE_MIN;

	for (size_t next; w < x->n && !is_space(cp_at(x->t, w, &next)); w = next)
		;
	return (columns(x, ls, e) + 1 + columns(x, c, w)) * 100
	       <= full * (b->any_term ? LINE_FULL : 100);
}

static int
korean_line_end(struct split *x, size_t ls, size_t e, size_t c,
                const struct next_info *ni, const struct block *b)
{
	size_t a, i, lim = e > CLUSTER_MAX ? e - CLUSTER_MAX : 0;
	bool whole, heading;
	int end;

	if (!x->s->korean)
		return LINE_JOIN;
	/* a short line that ends without an ending: a heading in a block
	 * whose other lines run wider than LINE_MIN; in a block whose every
	 * line is narrow (a speech set in phrases), a phrase that goes on */
	heading = b->any_term && b->width > LINE_MIN && short_line(x, b, ls, e, c);
	while (e > lim && is_decoration(cp_before(x->t, e, &i)))
		e = i;
	{
		size_t w = e;               /* "존경하는 국민 여러분," */
		if (w > ls && x->t[w - 1] == ',')
			w--;
		if (ends_with_word_of(x, ls, w, W_SALUTE, P_SALUTE_SUFFIX))
			return LINE_BREAK;
	}
	a = hangul_run_start(x, e);
	if (a == e)                     /* "일시 : 2005. 1. 20(목) 14:00" */
		return !b->any_term || heading ? LINE_BREAK : LINE_JOIN;
	if (!b->any_term && !ends_with_joiner(x, ls, e))
		return LINE_BREAK;          /* "장소 : 국가인권위원회" */
	whole = a == 0 || is_space(cp_before(x->t, a, NULL))
	        || is_opener(cp_before(x->t, a, NULL));
	end = korean_ending(x->s, x->t + a, e - a, whole);
	if (end == END_NONE && heading && !ends_with_joiner(x, ls, e))
		return LINE_BREAK;          /* "국제 사회와의 신뢰 구축" */
	if (end == END_NONE
	    || (ni->cls == N_HANGUL && is_continuation(x->s, x->t + ni->word, ni->wlen)))
		return LINE_JOIN;
	return end == END_STRONG || !b->punctuated ? LINE_BREAK : LINE_JOIN;
}

static int
line_end(struct split *x, size_t e, size_t c)
{
	const struct block *b = block_at(x, e);
	size_t ls = line_start(x, e);
	struct next_info ni;
	struct item it;
	bool is_short;

	if (c < x->n && strchr(".,;:!?", x->t[c]))
		return LINE_JOIN;               /* "pricing\n." */
	if (parse_item(x, c, &it))
		return LINE_BREAK;              /* the next line is a list item */
	next_info(x, c, &ni);
	if (ni.cls == N_END)
		return LINE_NORMAL;
	if (line_ends_term(x, ls, e))
		/* an initial or an abbreviation that ends a short line before
		 * a capital: an address line ("Sr. Alan García P." /
		 * "Presidente de la República") */
		return ni.cls == N_UPPER && short_line(x, b, ls, e, c)
		       ? LINE_BREAK : LINE_NORMAL;
	if (ni.cls == N_HANGUL || ni.cls == N_OLETTER
	    || (ni.cls != N_UPPER && ni.cls != N_LOWER && is_hangul(cp_before(x->t, e, NULL))))
		return korean_line_end(x, ls, e, c, &ni, b);
	is_short = short_line(x, b, ls, e, c);
	if (ends_with_joiner(x, ls, e))
		return LINE_JOIN;               /* "on behalf of / Amnesty" */
	if (ni.cls == N_UPPER && caps_title_goes_on(x, ls, e, c, &ni))
		return LINE_JOIN;
	if (ni.cls == N_LOWER)
		/* a short line in a block without final punctuation, or one
		 * without the white space that marks the soft breaks of its
		 * block: a list of lines ("features / contact manager /
		 * events") */
		return (!b->any_term || (b->flowed && x->t[e] != ' ' && x->t[e] != '\t'))
		       && is_short ? LINE_BREAK : LINE_JOIN;
	/* a capital, a digit, a bracket or a symbol */
	if (parse_item(x, x->seg, &it) && it.kind)
		return LINE_BREAK;              /* an inline list item ends here */
	if (!b->any_term && columns(x, ls, e) > LINE_WRAP_MAX)
		return LINE_BREAK;              /* longer than any page: not wrapped */
	return is_short ? LINE_BREAK : LINE_JOIN;
}

/* A Korean boundary without punctuation between E (end of a word) and C
 * (start of the next), on one line.  Never in a block that punctuates its
 * sentences: there a connective ending is far likelier than a sentence
 * left without its full stop. */
static bool
korean_boundary(struct split *x, size_t e, size_t c)
{
	struct next_info ni;
	size_t a, i, d = e, lim = e > CLUSTER_MAX ? e - CLUSTER_MAX : 0;
	bool whole;
	int end;

	if (!x->s->korean)
		return false;
	bool signal = false;       /* laughter, emoji: not a lengthening "~" */
	while (d > lim && d > x->seg && is_closer(cp_before(x->t, d, &i))
	       && i > x->seg && is_decoration(cp_before(x->t, i, NULL)))
		d = i;              /* "하더라구요ㅋㅋㅋ) 마지막" */
	while (d > lim && d > x->seg && is_decoration(cp_before(x->t, d, &i))) {
		signal |= x->t[i] != '~';
		d = i;
	}
	next_info(x, c, &ni);
	if (ni.cls == N_END || (ni.cls == N_OTHER && !parse_item(x, c, &(struct item){ 0 })))
		return false;       /* but "끝났음 ※'술도녀'는" */
	if (ni.cls == N_HANGUL && is_continuation(x->s, x->t + ni.word, ni.wlen))
		return false;
	if (d < e) {
		size_t w = trim_back(x, d, x->seg);
		UChar32 b = w > x->seg ? cp_before(x->t, w, NULL) : 0;
		if ((is_term(b) || is_closer(b)) && ni.cls != N_LOWER)
			return true;    /* "흙수저입니다.~~ 다들" */
	}
	if (d < e && signal) {
		/* laughter or an emoji after a word or a sentence end closes
		 * an informal sentence: "맛있었어요 ㅎㅎ 그리고", "선택😆
		 * 게국지와" (only informal text has them, so even in a block
		 * that punctuates; not "~", which also lengthens a word) */
		size_t w = trim_back(x, d, x->seg);
		UChar32 b = w > x->seg ? cp_before(x->t, w, NULL) : 0;
		if ((is_hangul(b) || is_term(b) || is_closer(b))
		    && (ni.cls == N_HANGUL || ni.cls == N_DIGIT || ni.cls == N_UPPER))
			return true;
	}
	e = d;
	if (block_at(x, e)->punctuated)
		return false;
	a = hangul_run_start(x, e);
	if (a == e)
		return false;
	whole = a == x->seg || is_space(cp_before(x->t, a, NULL))
	        || is_opener(cp_before(x->t, a, NULL)) || is_term(cp_before(x->t, a, NULL));
	end = korean_ending(x->s, x->t + a, e - a, whole);
	if (end == END_NONE)
		return false;
	if (end == END_STRONG)
		return true;
	return ni.cls == N_HANGUL
	       && (table_get(x->s, x->t + ni.word, ni.wlen) & W_STARTER);
}

/* The end of a token of decoration only (laughter, emoji) at C followed
 * by white space or the end ("ㅋㅋㅋ", "😊"), or C. */
static size_t
decoration_token(const struct split *x, size_t c)
{
	size_t i = c, next;
	while (i < x->n && is_decoration(cp_at(x->t, i, &next)))
		i = next;
	return i > c && (i >= x->n || is_space(cp_at(x->t, i, NULL))) ? i : c;
}

/* The closing partner of an opening quotation mark or bracket, or 0. */
static UChar32
closing_of(UChar32 c)
{
	switch (c) {
	case '(': return ')';
	case '[': return ']';
	case '{': return '}';
	case '"': return '"';
	case '\'': return '\'';
	case 0x201C: return 0x201D;     /* “ ” */
	case 0x2018: return 0x2019;     /* ‘ ’ */
	case 0x201E: return 0x201C;     /* „ “ */
	case 0x00AB: return 0x00BB;     /* « » */
	case 0x2039: return 0x203A;     /* ‹ › */
	case 0x300C: return 0x300D;     /* 「 」 */
	case 0x300E: return 0x300F;     /* 『 』 */
	case 0x300A: return 0x300B;     /* 《 》 */
	case '<': return '>';           /* <인물과 사상>, <…같다.>라고 */
	case 0x3008: return 0x3009;     /* 〈 〉 */
	case 0xFF08: return 0xFF09;     /* （ ） */
	default: return 0;
	}
}

static bool
is_cased(UChar32 c)
{
	return is_upper(c) || is_lower(c);
}

/* Is the quotation mark C at T[I..NEXT) an apostrophe: "'" before a letter
 * of a cased script ("'tis", "don't"), "’" between two ("Alice’s")?  Not
 * before Hangul, where a closing quotation mark is followed by a particle
 * ("'Corporation'이라는"). */
static bool
is_apostrophe(const struct split *x, UChar32 c, size_t i, size_t next)
{
	bool after = next < x->n && is_cased(cp_at(x->t, next, NULL));
	if (c == '\'')
		return after;
	return c == 0x2019 && after && i > 0 && is_cased(cp_before(x->t, i, NULL));
}

/* Does the quotation mark or bracket C at T[I..NEXT) open (1), close the
 * innermost OPEN (-1) or neither (0)?  Apostrophes are neither. */
static int
quote_role(const struct split *x, UChar32 c, size_t i, size_t next, UChar32 open)
{
	UChar32 before = i > 0 ? cp_before(x->t, i, NULL) : ' ';
	UChar32 after = next < x->n ? cp_at(x->t, next, NULL) : ' ';
	if (open && c == closing_of(open) && !is_apostrophe(x, c, i, next))
		return -1;
	if (c == 0x201D && open == 0x201E)
		return -1;
	if (!closing_of(c))
		return 0;
	if (c == '\'' || c == '"' || c == '<') {
		/* straight quotes (and "<") open after a space or an opener */
		if (!(is_space(before) || is_opener(before) || i == x->seg) || is_space(after))
			return 0;
		if (c == '<' && !is_letter(after))
			return 0;   /* "values <11 g/dL" */
	}
	return 1;
}

/* Bring the stack of open quotations up to position C. */
static void
track_quotes(struct split *x, size_t c)
{
	size_t i = x->qpos, next;
	if (i < x->seg)
		i = x->seg;
	for (; i < c; i = next) {
		UChar32 ch = cp_at(x->t, i, &next);
		UChar32 open = x->depth ? x->stack[x->depth - 1].open : 0;
		int role;
		if (ch < 0x80) {
			switch (ch) {
			case '(': case ')': case '[': case ']': case '{': case '}':
			case '"': case '\'': case '<': case '>':
				break;
			default:
				continue;
			}
		}
		if (ch >= 0x80 && !closing_of(ch) && ch != 0x201D && ch != 0x2019
		    && ch != 0xBB && ch != 0x203A && !(ch >= 0x3009 && ch <= 0x300F)
		    && ch != 0xFF09)
			continue;
		role = quote_role(x, ch, i, next, open);
		if (role < 0) {
			x->depth--;
		} else if (role > 0) {
			if (x->depth == QUOTE_DEPTH) {
				memmove(x->stack, x->stack + 1, sizeof x->stack[0] * (QUOTE_DEPTH - 1));
				x->depth--;
			}
			x->stack[x->depth].open = ch;
			x->stack[x->depth].pos = i;
			x->depth++;
		}
	}
	x->qpos = c > x->qpos ? c : x->qpos;
}

/* Index of a closing mark returned by closing_of(), or -1. */
static int
closer_index(UChar32 c)
{
	static const UChar32 marks[N_CLOSERS] = {
		')', ']', '}', '"', '\'', 0x201D, 0x2019, 0x201C, 0x00BB, 0x203A,
		0x300D, 0x300F, 0x300B, 0x3009, 0xFF09, '>',
	};
	for (int i = 0; i < N_CLOSERS; i++)
		if (marks[i] == c)
			return i;
	return -1;
}

/* Is the closing mark CLOSE at T[I..NEXT) a real one (not an apostrophe)? */
static bool
closes_here(const struct split *x, UChar32 close, size_t i, size_t next)
{
	return !is_apostrophe(x, close, i, next);
}

/* The next closing mark CLOSE at or after C, within QUOTE_AHEAD bytes, or
 * SIZE_MAX.  Each mark's search only moves forward, so all the searches
 * of a split together read the text at most once per mark. */
static size_t
find_closer(struct split *x, UChar32 close, size_t c)
{
	int k = closer_index(close);
	size_t i, next, end = x->n - c > QUOTE_AHEAD ? c + QUOTE_AHEAD : x->n;

	if (k < 0)
		return SIZE_MAX;
	if (x->close_next[k] != SIZE_MAX && x->close_next[k] >= c)
		return x->close_next[k] < end ? x->close_next[k] : SIZE_MAX;
	i = x->close_seen[k] > c ? x->close_seen[k] : c;
	for (; i < end; i = next) {
		UChar32 ch = cp_at(x->t, i, &next);
		if (ch == close && closes_here(x, close, i, next)) {
			x->close_next[k] = i;
			x->close_seen[k] = i;
			return i;
		}
	}
	x->close_next[k] = SIZE_MAX;
	if (end > x->close_seen[k])
		x->close_seen[k] = end;
	return SIZE_MAX;
}

/* Inside a quotation or bracket at C that closes further on?  Then a
 * sentence end inside it does not end a segment: the quotation or
 * parenthesis stays whole, with the sentence around it ("He said "Stop.
 * Go back," and left", "'Well!' thought Alice, '… stairs! How brave …!'",
 * "(Which was very likely true.)", "…몰라."라고 말했다).  Straight single
 * quotes double as apostrophes ("'round", "'tis"), so theirs is looked
 * for nearby only. */
static bool
inside_quote(struct split *x, size_t c)
{
	size_t i, open_pos;
	UChar32 open;

	track_quotes(x, c);
	if (x->depth == 0)
		return false;
	open = x->stack[x->depth - 1].open;
	open_pos = x->stack[x->depth - 1].pos;
	if (open_pos == x->look_pos)
		return x->look_cont;
	x->look_pos = open_pos;
	i = find_closer(x, closing_of(open), c);
	x->look_cont = i != SIZE_MAX && (open != '\'' || i - c <= QUOTE_AHEAD_APOS);
	return x->look_cont;
}

/* Does the token at I (up to white space) hold a digit or a "/"
 * ("AI/2024/17", "CCPR/C/GC/36")? */
static bool
token_has_number(const struct split *x, size_t i)
{
	for (size_t k = 0; i < x->n && k < WORD_MAX; i++, k++) {
		unsigned char c = (unsigned char)x->t[i];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
			break;
		if ((c >= '0' && c <= '9') || c == '/')
			return true;
	}
	return false;
}

/* Korean list labels 가. 나. 다. … 하.: is the one-syllable word C at P
 * a label?  It is at the head of the sentence (or after ":"), or the
 * label before it ("가. " for 나) occurs earlier in the sentence. */
static bool
is_hangul_label(const struct split *x, UChar32 c, size_t p)
{
	static const UChar32 labels[] = {
		0xAC00, 0xB098, 0xB2E4, 0xB77C, 0xB9C8, 0xBC14, 0xC0AC,
		0xC544, 0xC790, 0xCC28, 0xCE74, 0xD0C0, 0xD30C, 0xD558,
	};
	char prev[8];
	size_t k, n, from;
	for (k = 0; k < MS_ARRAY_SIZE(labels) && labels[k] != c; k++)
		;
	if (k == MS_ARRAY_SIZE(labels))
		return false;
	if (label_context(x, p))
		return true;
	if (k == 0)
		return false;
	n = put_utf8(prev, labels[k - 1]);
	prev[n++] = '.';
	prev[n++] = ' ';
	from = p > x->seg + 400 ? p - 400 : x->seg;
	return p > from && memmem(x->t + from, p - from, prev, n) != NULL;
}

/* Digits ending at E (at most 4): their start, or E. */
static size_t
digits_back(const char *t, size_t e, size_t floor)
{
	size_t a = e;
	while (a > floor && e - a < 5 && t[a - 1] >= '0' && t[a - 1] <= '9')
		a--;
	return e - a <= 4 ? a : e;
}

/* Is the full stop at I part of a date written "2025. 10. 28." (the way
 * Korean official writing dates letters and laws)? */
static bool
date_dot(const struct split *x, size_t i)
{
	const char *t = x->t;
	size_t a = digits_back(t, i, 0), k, n;
	if (a == i)
		return false;
	n = i - a;
	/* the year: "2025. 10." */
	if (n == 4) {
		for (k = i + 1; k < x->n && t[k] == ' '; k++)
			;
		n = 0;
		while (k + n < x->n && n < 3 && t[k + n] >= '0' && t[k + n] <= '9')
			n++;
		return n >= 1 && n <= 2 && k + n < x->n && t[k + n] == '.';
	}
	if (n > 2)
		return false;
	/* the month after a year, or the day after a month and a year */
	for (int part = 0; part < 2; part++) {
		k = a;
		while (k > 0 && t[k - 1] == ' ')
			k--;
		if (k == a || k == 0 || t[k - 1] != '.')
			return false;
		a = digits_back(t, k - 1, 0);
		n = k - 1 - a;
		if (n == 4)
			return true;
		if (n == 0 || n > 2)
			return false;
	}
	return false;
}

/* Is the parenthesis opening at I a sentence of its own (it closes
 * nearby after final punctuation: "(See annex II.)")? */
static bool
paren_is_sentence(struct split *x, size_t i)
{
	size_t k = find_closer(x, ')', i);
	if (k == SIZE_MAX || k - i > QUOTE_AHEAD_APOS)
		return false;
	k = skip_marks_back(x, k, i);
	return k > i && is_term(cp_before(x->t, k, NULL));
}

/* Does a single full stop at TS end the sentence?  It depends on the
 * word before it (a number, a label, an abbreviation, an initial) and on
 * what follows (NI). */
static bool
full_stop_ends(struct split *x, size_t ts, const struct next_info *ni, bool icu)
{
	const char *t = x->t;
	size_t p = word_start(x, ts, x->seg), nl = 0, k;
	UChar32 ch;
	unsigned cls;
	bool acronym;

	if (p == ts)
		return true;
	if (ni->cls == N_DIGIT && spaced_footnote_end(x, ts, ni->word) > ni->word)
		return false;   /* "mundo. 1 En el día": the number goes before */
	for (k = p; k < ts; nl++)
		cp_at(t, k, &k);
	ch = cp_before(t, ts, NULL);
	if (is_digit(ch)) {
		if (date_dot(x, ts))
			return false;   /* "[시행 2023. 9. 15.] [법률" */
		if (is_label_word(t, p, ts) && label_context(x, p))
			return false;   /* "1. The first item" */
		return true;        /* "in 2024. 25 States voted" */
	}
	if (!is_letter(ch) && !abbrev_class(x, p, ts))
		return true;        /* "5%. The", "(Annex I). It", not "N°. 5" */
	if (is_hangul(ch)) {
		if (nl == 1 && is_hangul_label(x, ch, p))
			return false;   /* "가. 생명권 나. 신체의 자유" */
	} else if (is_label_word(t, p, ts) && label_context(x, p)) {
		return false;       /* "a. The first item", "IV. Findings" */
	}
	cls = abbrev_class(x, p, ts);
	acronym = !is_hangul(ch) && is_dotted_acronym(t, p, ts);
	if (!cls && nl == 1 && is_lower(ch) && p >= 2 && t[p - 1] == ' '
	    && is_digit(cp_before(t, p - 1, NULL)))
		cls = A_FINAL;      /* a unit: "18.00 h.", "300 g." */
	if (ni->cls == N_HANGUL && !is_hangul(ch)) {
		/* Latin abbreviations and initials inside Korean text */
		if (cls || acronym || nl == 1)
			return false;
		return icu;
	}
	if (cls & A_PREFIX)
		return false;       /* "Mr. Kim", "e.g. Torture" */
	if (cls & A_NUMBER) {
		UChar32 o = (unsigned char)t[ni->tok];
		if (ni->cls == N_DIGIT || o == '(' || o == '#' || o == '+'
		    || token_has_number(x, ni->tok))
			return false;   /* "No. 5", "para. (b)", "ref. AI/2024/17" */
		if (label_context(x, p))
			return true;    /* "No. I disagree." */
		if (ni->cls == N_UPPER && is_roman(t, ni->word, ni->word + ni->wlen)
		    && !(ni->wlen == 1 && is_lower(cp_at(t, p, NULL))))
			return false;   /* "Art. IV", not "He said no. I left" */
		return ni->cls == N_UPPER || ni->inverted;
	}
	if ((cls & A_AMBIGUOUS) || (!cls && acronym))
		return next_is_starter(x, ni);   /* "U.S. Government" / "U.S. We" */
	if (cls & A_FINAL) {
		if (ni->cls == N_DIGIT || ni->cls == N_OTHER)
			return false;   /* "5 Jan. 2024" */
		if (next_abbrev_class(x, ni) & A_FINAL)
			return false;   /* "Hanwha Co. Ltd." */
		if (t[ni->tok] == '(' && !paren_is_sentence(x, ni->tok))
			return false;   /* "Company A Inc. (“Company A”)" */
		if (ni->cls == N_UPPER && ni->wlen >= 2 && ni->wlen <= 4
		    && all_upper(t, ni->word, ni->word + ni->wlen)
		    && !next_is_starter(x, ni))
			return false;   /* "GmbH & Co. KG" */
		return ni->cls == N_UPPER || ni->inverted || ni->cls == N_OLETTER
		       || ni->cls == N_HANGUL;
	}
	if (is_hangul(ch))
		return true;        /* "구분된다. [SOLIDWORK", "있다. *Baldness" */
	if (nl == 1)            /* an initial: "John F. Kennedy", "Annex B. The" */
		return next_is_starter(x, ni);
	if (ni->cls == N_UPPER || ni->inverted)
		return icu || next_is_starter(x, ni);
	if (ni->cls == N_DIGIT || ni->cls == N_OTHER) {
		/* ICU keeps "in 2024. 25 States" together; short capitalised
		 * words are likely abbreviations ("Sec. 5") */
		if (icu)
			return true;
		return !(nl <= 4 && is_upper(cp_at(t, p, NULL)));
	}
	return icu;
}

enum cluster { C_DOT, C_ELLIPSIS, C_STERM };

/* A speaker's name and a colon (a dialogue): "동원:", "카미나리 :". */
static bool
speaker_label(const struct split *x, const struct next_info *ni)
{
	size_t i = ni->word + ni->wlen;
	while (i < x->n && x->t[i] == ' ')
		i++;
	return ni->wlen > 0 && ni->wlen <= 18 && i < x->n && x->t[i] == ':';
}

static bool
is_quote_mark(UChar32 c)
{
	return c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == 0xBB
	       || c == 0x203A || c == 0x300D || c == 0x300F;
}

/* Speech broken off with a dash before its closing quotation mark, then
 * a capitalised word: "… afore she comes, to--" At this moment".  TE:
 * where the closing marks start. */
static bool
broken_off_quote(struct split *x, size_t te, size_t c)
{
	struct next_info ni;
	UChar32 d = te > 0 ? cp_before(x->t, te, NULL) : 0;
	if (!is_quote_mark(cp_at(x->t, te, NULL)))
		return false;
	if (!(d == 0x2014 || (d == '-' && te > 1 && x->t[te - 2] == '-')))
		return false;
	next_info(x, c, &ni);
	return ni.cls == N_UPPER && c > te;
}


/* Does a Hangul word with a sentence-final ending end at E (Korean)? */
static bool
korean_end_before(const struct split *x, size_t e)
{
	size_t a;
	if (!x->s->korean || e == 0 || !is_hangul(cp_before(x->t, e, NULL)))
		return false;
	a = hangul_run_start(x, e);
	return korean_ending(x->s, x->t + a, e - a,
	                     a == 0 || is_space(cp_before(x->t, a, NULL))) == END_STRONG;
}

/* A note in parentheses after a sentence end, itself no sentence ("…
 * 우승자이기도 하다. (6회 우승) 또한", "…nations. (Source: UNHCR) The"):
 * it belongs to the sentence before.  CLOSE: the position of ")".  True
 * when the "(" is at most QUOTE_AHEAD_APOS bytes back, with white space
 * and final punctuation before it. */
static bool
paren_note(struct split *x, size_t close)
{
	size_t k = close, lim = close > QUOTE_AHEAD_APOS ? close - QUOTE_AHEAD_APOS : 0;
	char open = x->t[close] == '>' ? '<' : '(';
	struct item it;
	UChar32 b;
	while (k > lim && x->t[k - 1] != open && x->t[k - 1] != x->t[close])
		k--;
	if (k == lim || x->t[k - 1] != open || k - 1 == 0)
		return false;
	if ((parse_item(x, k - 1, &it) && it.kind)
	    || (parse_item(x, skip_ws(x, k), &it) && it.kind))
		return false;               /* a label: "(b) The State", "< 2. 일정 >" */
	if (line_ends_term(x, k, close)) {
		size_t d = skip_marks_back(x, close, k);
		if (!(x->t[d - 1] == '.' && date_dot(x, d - 1)))
			return false;       /* "(Which was very likely true.)" */
	}
	k--;                            /* at "(" */
	{
		size_t w = k, p;
		bool digit = false;
		while (w > lim && is_space(cp_before(x->t, w, &p)))
			w = p;
		if (w == k) {
			/* set against the full stop: "있다.(사진=연합뉴스)이는",
			 * "한다."(요한 3:13)"; against an ending: "없잖아요(강한부정)" */
			w = skip_marks_back(x, k, lim);
			return is_term(cp_before(x->t, w, NULL)) || korean_end_before(x, k);
		}
		if (korean_end_before(x, w))
			return true;        /* "버렸음 (출근시간 19시)" */
		/* after white space, a date or a count: "(2021년 3월)", "(6회
		 * 우승)", "<개정 2015. 7. 24.>" */
		for (size_t i = k; i < close && !digit; i++)
			digit = x->t[i] >= '0' && x->t[i] <= '9';
		if (!digit)
			return false;
		w = skip_marks_back(x, w, lim);
		b = w > lim ? cp_before(x->t, w, NULL) : 0;
		if (b == '.' && abbrev_class(x, word_start(x, w - 1, lim), w - 1))
			return false;       /* "Tel. (57-1) 3239300" */
	}
	return is_term(b);
}

/* Is the final punctuation at TS inside a short parenthesis set against
 * the word before it ("곳이라면(가능한!)", "word(really?)")? */
static bool
aside(const struct split *x, size_t ts)
{
	size_t k = ts, lim = ts > 120 ? ts - 120 : 0;
	while (k > lim && x->t[k - 1] != '(' && x->t[k - 1] != ')' && x->t[k - 1] != '\n')
		k--;
	return k > lim + 1 && x->t[k - 1] == '(' && is_letter(cp_before(x->t, k - 1, NULL));
}

/* A parenthesis after a quotation that ends the paragraph ("…of the
 * house!' (Which was very likely true.)") belongs to that sentence. */
static bool
closing_paren(struct split *x, size_t c)
{
	size_t k;
	if (x->t[c] != '(')
		return false;
	k = find_closer(x, ')', c);
	if (k == SIZE_MAX)
		return false;
	k = skip_ws(x, k + 1);
	return k >= x->n || blank_line(x, k > 0 ? trim_back(x, k, c) : k, k);
}

/* Latin text with no space after the sentence: "Hello world.Today is",
 * "bought 1,000.That is", "period．Does": a lowercase word (or a number
 * with a group separator) before, a capitalised word after, and nothing
 * after it that makes the token a domain name or an address
 * ("testurl.Awesome.com", "Jane.Doe@example.com"). */
static bool
glued_end(const struct split *x, size_t ts, size_t c, enum cluster cl,
          const struct next_info *ni)
{
	size_t a = word_start(x, ts, x->seg), i, next;
	UChar32 b;
	bool comma = false;
	if (cl == C_ELLIPSIS || ni->cls != N_UPPER || ni->tok != ni->word || ni->wlen < 2
	    || a == ts || !is_lower(cp_at(x->t, ni->word + (x->t[ni->word] & 0x80 ? 2 : 1), NULL)))
		return false;
	b = cp_before(x->t, ts, NULL);
	for (i = a; i < ts; i++)
		comma |= x->t[i] == ',';
	if (is_digit(b) ? !comma : !(is_lower(b) && ts - a >= 2))
		return false;
	for (i = a; i < ts; i = next)       /* "U.S.Army", "e.g.The" */
		if (!is_letter(cp_at(x->t, i, &next)) && !is_digit(cp_at(x->t, i, NULL))
		    && x->t[i] != ',' && x->t[i] != '-' && x->t[i] != '\'')
			return false;
	for (i = c; i < x->n; i = next) {
		UChar32 d = cp_at(x->t, i, &next);
		if (is_space(d))
			break;
		if (d == '/' || d == '@' || d == ':' || d == '_' || d == '='
		    || ((d == '.' || d == 0xFF0E) && next < x->n && !is_space(cp_at(x->t, next, NULL))))
			return false;
	}
	return true;
}

/* Decide whether a sentence ends before C.  ICU says whether it broke. */
static bool
decide(struct split *x, size_t c, bool icu)
{
	const char *t = x->t;
	size_t e = trim_back(x, c, x->seg), p, q, te, ts, lim;
	bool closer = false, cited = false, has_dot = false, has_sterm = false;
	int dots = 0;
	enum cluster cl;
	struct next_info ni;
	UChar32 ch;

	if (e <= x->seg)
		return false;
	if (blank_line(x, e, c))
		return true;        /* a paragraph break, if the caller sent two */
	if (has_line_break(x, e, c)) {
		int v = line_end(x, e, c);
		if (v != LINE_NORMAL)
			return v == LINE_BREAK;
	}
	if (inside_quote(x, c))
		return false;
	if (x->s->korean && decoration_token(x, c) > c)
		return false;       /* "했어요 ㅋㅋ 다음": the laughter goes before */
	if (is_superscript_digit(cp_at(t, c, NULL)))
		return false;       /* "채택되었다.¹": the mark goes before */
	/* closers, then the final punctuation, backwards */
	lim = e > CLUSTER_MAX ? e - CLUSTER_MAX : 0;
	if (lim < x->seg)
		lim = x->seg;
	q = e;
	/* a citation after white space: "abstentions. [2]" */
	p = citation_start(x, q, lim);
	if (p < q && p > lim && is_space(cp_before(t, p, NULL))) {
		size_t w = trim_back(x, p, lim);
		UChar32 b = w > lim ? cp_before(t, w, NULL) : 0;
		if (is_term(b) || is_closer(b)) {
			q = w;
			cited = true;
		}
	}
	/* closers, citations, footnote numbers, superscripts */
	q = skip_marks_back_flags(x, q, lim, &closer, &cited);
	te = q;
	while (q > lim) {
		ch = cp_before(t, q, &p);
		if (is_term(ch)) {
			if (is_full_stop(ch)) {
				has_dot = true;
				dots++;
			} else if (ch == 0x2026) {
				dots += 3;
			} else {
				has_sterm = true;
			}
			q = p;
		} else if (ch == ' ' && has_dot && p > lim && t[p - 1] == '.') {
			q = p;      /* ". . ." */
		} else if (is_closer(ch) && q < te && p > lim
		           && is_term(cp_before(t, p, NULL))) {
			q = p;      /* "?)." */
		} else {
			break;
		}
	}
	ts = q;
	if (ts == te) {
		if (closer && broken_off_quote(x, te, c))
			return true;    /* "… afore she comes, to--" At this moment" */
		if (closer && is_quote_mark(cp_at(t, te, NULL))) {
			next_info(x, c, &ni);
			if (ni.cls == N_HANGUL && speaker_label(x, &ni))
				return true;    /* '걸릴께"원빈:"너 지금' */
		}
		if (closer && (t[te] == ')' || t[te] == '>') && paren_note(x, te)
		    && !parse_item(x, c, &(struct item){ 0 })) {
			next_info(x, c, &ni);
			return ni.cls != N_LOWER && ni.cls != N_END;
		}
		return e < c && (item_continues(x, c) || korean_boundary(x, e, c));
	}
	if (ts < te && t[ts] == ' ')
		ts++;
	cl = has_sterm ? C_STERM : dots >= 2 ? C_ELLIPSIS : C_DOT;

	next_info(x, c, &ni);
	if (ni.cls == N_END)
		return false;
	{
		/* "… abstentions. [2]": the citation ends the sentence */
		size_t m = citation_end(x, c);
		if (m > c && (m == x->n || is_space(cp_at(t, m, NULL))))
			return false;
		/* "…meeting. 22" at the end: a footnote number */
		for (m = c; m < x->n && m - c < 4 && t[m] >= '0' && t[m] <= '9'; m++)
			;
		if (m > c && m - c < 4 && (skip_ws(x, m) >= x->n || blank_line(x, m, skip_ws(x, m))))
			return false;
	}
	if (closer && te < e && is_quote_mark(cp_at(t, te, NULL)) && closing_paren(x, c))
		return false;
	if (closer && t[te] == ')' && aside(x, ts)) {
		next_info(x, c, &ni);
		if (ni.cls != N_UPPER)
			return false;   /* "곳이라면(가능한!) 어디든" */
	}
	if ((t[c] == '(' || t[c] == '<') && !parse_item(x, c, &(struct item){ 0 })) {
		/* a note in parentheses goes with the sentence before it */
		size_t k = t[c] == '(' ? find_closer(x, ')', c) : SIZE_MAX;
		if (t[c] == '<') {
			const char *g = memchr(t + c, '>', x->n - c < QUOTE_AHEAD_APOS ? x->n - c : QUOTE_AHEAD_APOS);
			k = g ? (size_t)(g - t) : SIZE_MAX;
		}
		if (k != SIZE_MAX && paren_note(x, k))
			return false;
	}

	if (e == c) {
		/* no space: a break only next to Hangul or another caseless
		 * script ("했습니다.그러나", "。"); never inside Latin tokens
		 * (URLs, e-mail addresses, "3.5", "A/HRC/55/L.12") */
		UChar32 before = ts > 0 ? cp_before(t, ts, NULL) : 0;
		bool caseless_before = is_letter(before) && !is_upper(before)
		                       && !is_lower(before);
		bool caseless_after = ni.cls == N_HANGUL || ni.cls == N_OLETTER;
		if (is_digit(before) && cl == C_DOT && date_dot(x, ts))
			return false;       /* "2026. 1. 1.부터" */
		if (!caseless_before && !caseless_after)
			return glued_end(x, ts, c, cl, &ni);
		if (closer && caseless_after && speaker_label(x, &ni))
			return true;        /* '원빈:"너 지금..."동원:"잠깐' */
		if (closer && caseless_after)
			return false;       /* "닫아라."라고 */
		if (ni.cls == N_HANGUL && is_continuation(x->s, t + ni.word, ni.wlen))
			return false;       /* "했다면?라는" */
		if (is_hangul(before)) {
			size_t a = hangul_run_start(x, ts);
			UChar32 o = a > x->seg ? cp_before(t, a, NULL) : ' ';
			if (cl == C_DOT && ts - a == 3 && (o == '.' || is_space(o) || a == x->seg))
				return false;   /* spelt out: "반.전.매.력" */
			if (cl == C_ELLIPSIS && ni.cls == N_HANGUL
			    && korean_ending(x->s, t + a, ts - a, true) == END_NONE)
				return false;   /* "보검..이가" */
		}
		if (cl == C_DOT && caseless_after && is_letter(before))
			return caseless_before && (icu || cited || is_hangul(before));
			                    /* not "U.N.은" */
		if (ni.tok != ni.word)
			return false;
		return icu || cl != C_DOT || caseless_before;
	}

	if (ni.cls == N_LOWER && x->s->korean && cl != C_ELLIPSIS
	    && is_hangul(cp_before(t, ts, NULL)))
		return true;        /* "뜻입니다. run in one's family" */
	if (ni.cls == N_LOWER) {
		/* "…act. (b) the State shall…": a list item after a sentence */
		if (next_is_label(x, ni.tok) && cl != C_ELLIPSIS) {
			size_t k, nl = 0;
			if (cl == C_STERM)
				return true;
			p = word_start(x, ts, x->seg);
			for (k = p; k < ts && nl < 2; nl++)
				cp_at(t, k, &k);
			return nl >= 2 && !abbrev_class(x, p, ts)
			       && !is_dotted_acronym(t, p, ts);
		}
		return false;
	}
	if (ni.cls == N_HANGUL && (closer || cl == C_STERM)
	    && is_continuation(x->s, t + ni.word, ni.wlen))
		return false;       /* "왜?" 하고 */

	switch (cl) {
	case C_STERM:
		return true;
	case C_ELLIPSIS:
		if (ts > 0 && te < e) {
			UChar32 o = cp_before(t, ts, NULL), k = cp_at(t, te, NULL);
			if ((o == '[' && k == ']') || (o == '(' && k == ')'))
				return false;   /* "[…]" */
		}
		if (memchr(t + ts, ' ', te - ts)) {
			/* a spaced ellipsis (". . .") marks words left out inside
			 * a sentence; a fourth full stop ends the sentence */
			if (dots < 4)
				return false;
		}
		if (ni.cls == N_UPPER || ni.inverted)
			return true;
		if (ni.cls == N_HANGUL && closer && speaker_label(x, &ni))
			return true;        /* '원빈:"..." 동원:"나' */
		if (ni.cls == N_HANGUL || (x->s->korean && ni.cls == N_DIGIT)) {
			size_t a, w = ts, k;
			while (w > x->seg && is_decoration(cp_before(t, w, &k)))
				w = k;
			if (w < ts && x->s->korean)
				return true;    /* "해요 ^^.. 체크인" */
			a = hangul_run_start(x, ts);
			if (a < ts && !block_at(x, ts)->punctuated
			    && !(table_get(x->s, t + a, ts - a) & (W_STARTER | W_NOT_ENDING)))
				return true;    /* informal: "맛.. 어디로", "되고.. 아무튼",
				                 * not "그래서… 잘" */
			return a < ts && korean_ending(x->s, t + a, ts - a, true) != END_NONE;
		}
		if (ni.cls == N_OLETTER)
			return icu;
		return false;
	case C_DOT:
		break;
	}

	/* a citation or footnote number confirms the end */
	return full_stop_ends(x, ts, &ni, icu || cited);
}

/* A full stop set against a word and followed by a spaced ellipsis
 * ("compounds. . . . The"): the full stop ends the sentence and the
 * ellipsis opens the next one.  I: the first final punctuation of the
 * cluster, J: just after the full stop. */
static bool
attached_ellipsis(const struct split *x, size_t i, size_t j)
{
	size_t k = j;
	if (j != i + 1 || i == 0 || x->t[i] != '.' || !is_letter(cp_before(x->t, i, NULL)))
		return false;
	while (k + 1 < x->n && x->t[k] == ' ' && x->t[k + 1] == '.')
		k += 2;
	if (k - j < 4)
		return false;
	while (k < x->n && (x->t[k] == ' ' || x->t[k] == '\t'))
		k++;
	return k < x->n && x->t[k] != '\n' && x->t[k] != '\r';   /* more follows */
}

/* Our own candidates, in order: after final punctuation followed by white
 * space, and (Korean) after a Hangul word followed by white space. */
static size_t
scan_next(struct split *x)
{
	const char *t = x->t;
	size_t i = x->scan, next;

	while (i < x->n) {
		UChar32 c;
		unsigned char b = (unsigned char)t[i];
		if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
		    || b == ',') {
			i++;            /* the common case, quickly */
			continue;
		}
		c = cp_at(t, i, &next);
		if (is_term(c)) {
			size_t j = next, k, m;
			/* the whole cluster: ". . .", "?!", closers, "?).",
			 * citations, footnote numbers, superscripts */
			for (;;) {
				UChar32 d;
				if (j >= x->n)
					break;
				d = cp_at(t, j, &k);
				if (is_term(d) || is_closer(d) || is_superscript_digit(d))
					j = k;
				else if (d == ' ' && j + 1 < x->n && t[j + 1] == '.'
				         && t[j - 1] == '.' && !attached_ellipsis(x, i, j))
					j++;
				else if ((m = citation_end(x, j)) > j)
					j = m;
				else if ((m = footnote_end(x, j)) > j)
					j = m;
				else
					break;
			}
			k = skip_ws(x, j);
			/* a citation after the white space: "abstentions. [2] The" */
			if (k > j && (m = citation_end(x, k)) > k
			    && (m == x->n || is_space(cp_at(t, m, NULL)))) {
				j = m;
				k = skip_ws(x, m);
			} else if (k > j && j == next && (m = spaced_footnote_end(x, i, k)) > k) {
				j = m;          /* "mundo. 1 En el día" */
				k = skip_ws(x, m);
			}
			x->scan = k;
			if (k < x->n && (k > j || is_letter(cp_at(t, k, NULL))
			                 || is_digit(cp_at(t, k, NULL))))
				return k;       /* white space, or "world.Today" */
			i = k;
			continue;
		}
		if (x->s->korean && is_quote_mark(c) && next < x->n && is_hangul(cp_at(t, next, NULL))) {
			struct next_info ni;          /* '걸릴께"원빈:"' */
			next_info(x, next, &ni);
			if (speaker_label(x, &ni)) {
				x->scan = next;
				return next;
			}
		}
		if (c == '\n' || c == '\r'
		    /* "하다. (6회 우승) 또한" */
		    || ((c == ')' || c == '>') && next < x->n && paren_note(x, i)
		        && (is_space(cp_at(t, next, NULL)) || is_letter(cp_at(t, next, NULL))))
		    /* "to--" At this moment" */
		    || (is_quote_mark(c) && i >= 2 && next < x->n && is_space(cp_at(t, next, NULL))
		        && (cp_before(t, i, NULL) == 0x2014 || (t[i - 1] == '-' && t[i - 2] == '-')))
		    /* Korean: a word, laughter or a bracket before white space */
		    || (x->s->korean && (is_hangul(c) || is_decoration(c) || is_closer(c))
		        && next < x->n && is_space(cp_at(t, next, NULL)))) {
			size_t k = skip_ws(x, next);
			x->scan = k;
			if (k < x->n)
				return k;
			i = k;
			continue;
		}
		if (c == ' ' || c == '\t') {
			/* before a list item ("… 2. The second item") */
			struct item it;
			size_t k = skip_ws(x, i);
			if (k < x->n && may_start_item(x, k) && parse_item(x, k, &it)) {
				x->scan = k;
				return k;
			}
			i = k;
			continue;
		}
		i = next;
	}
	x->scan = i;
	return SIZE_MAX;
}

/* Process the candidates before WEND (all of them when LAST), with ICU
 * over the window T[BASE..WEND).  Our own candidates come from one scan
 * of the whole text; the pending one is kept in X->mine. */
static ms_status
split_window(struct split *x, size_t base, size_t wend, bool last)
{
	ms_segmenter *s = (ms_segmenter *)x->s;
	UErrorCode err = U_ZERO_ERROR;
	size_t icu_pos;
	int32_t b;

	utext_openUTF8(&s->ut, x->t + base, (int64_t)(wend - base), &err);
	if (U_SUCCESS(err))
		ubrk_setUText(s->bi, &s->ut, &err);
	if (U_FAILURE(err))
		return MS_ERR_ICU;
	ubrk_first(s->bi);
	b = ubrk_next(s->bi);
	icu_pos = b == UBRK_DONE ? SIZE_MAX : skip_ws(x, base + (size_t)b);
	for (;;) {
		size_t c = icu_pos < x->mine ? icu_pos : x->mine;
		bool by_icu = icu_pos == c;
		if (c >= x->n || (!last && c >= wend))
			break;
		if (c > x->seg && decide(x, c, by_icu)) {
			emit(x, x->seg, c);
			x->seg = c;
			x->qpos = c;
			x->depth = 0;
		}
		while (icu_pos <= c) {
			b = ubrk_next(s->bi);
			icu_pos = b == UBRK_DONE ? SIZE_MAX : skip_ws(x, base + (size_t)b);
		}
		while (x->mine <= c)
			x->mine = scan_next(x);
	}
	return MS_OK;
}

ms_status
ms_segmenter_split(ms_segmenter *s, const char *text, size_t len,
                   ms_span **spans, size_t *n)
{
	struct split x;
	size_t a, b, base;
	ms_status st = MS_OK;

	*spans = NULL;
	*n = 0;
	if (!s || (!text && len))
		return MS_ERR_USAGE;
	if (len && !ms_utf8_validate(text, len, NULL, NULL, NULL))
		return MS_ERR_ENCODING;
	memset(&x, 0, sizeof x);
	x.s = s;
	x.t = text;
	x.n = len;
	a = skip_ws(&x, 0);
	b = trim_back(&x, len, a);
	if (a >= b)
		return MS_OK;
	if (s->mode == MS_SEG_PARAGRAPH) {
		emit(&x, a, b);
		*spans = x.spans;
		*n = x.nspans;
		return MS_OK;
	}
	x.seg = a;
	x.scan = a;
	find_blocks(&x);
	x.mine = scan_next(&x);
	x.qpos = a;
	x.look_pos = SIZE_MAX;
	for (int k = 0; k < N_CLOSERS; k++)
		x.close_next[k] = SIZE_MAX;
	for (base = 0; base < len && st == MS_OK;) {
		size_t wend = len;
		if (len - base > MS_SEG_WINDOW) {
			/* cut right after white space, or at a character boundary */
			size_t lim = base + MS_SEG_WINDOW, k = lim;
			while (k > base + MS_SEG_WINDOW / 2 && !is_space((unsigned char)text[k - 1]))
				k--;
			if (k <= base + MS_SEG_WINDOW / 2) {
				k = lim;
				while (((unsigned char)text[k] & 0xC0) == 0x80)
					k--;
			}
			wend = k;
		}
		st = split_window(&x, base, wend, wend == len);
		base = wend;
	}
	free(x.blocks);
	if (st != MS_OK) {
		free(x.spans);
		return st;
	}
	emit(&x, x.seg, len);
	if (x.nspans && x.nspans < x.cap)
		x.spans = ms_xrealloc(x.spans, x.nspans * sizeof *x.spans);
	*spans = x.spans;
	*n = x.nspans;
	return MS_OK;
}

void
ms_segment_normalize(ms_buf *out, const char *text, size_t len)
{
	size_t i = 0, next;
	ms_buf_grow(out, len);
	while (i < len) {
		UChar32 c;
		size_t k = i;
		/* a run of characters that are surely not white space */
		while (k < len && (unsigned char)text[k] > ' ' && (unsigned char)text[k] < 0x80)
			k++;
		if (k > i) {
			ms_buf_put(out, text + i, k - i);
			i = k;
			continue;
		}
		c = cp_at(text, i, &next);
		if (!is_space(c)) {
			ms_buf_put(out, text + i, next - i);
			i = next;
			continue;
		}
		{
			bool line = false;
			while (k < len && is_space(c = cp_at(text, k, &next))) {
				line |= c == '\n' || c == '\r';
				k = next;
			}
			if (k < len && !(line && strchr(".,;:!?", text[k])))
				ms_buf_putc(out, ' ');
			i = k;
		}
	}
}

/* ------------------------------------------------------------ cleaning */

/* Markup elements that stand for a line break or a paragraph of their own
 * when a tag is removed; any other tag simply goes. */
static bool
is_block_tag(const char *name, size_t n)
{
	static const char *const blocks[] = {
		"address", "article", "aside", "blockquote", "br", "dd", "div",
		"dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3",
		"h4", "h5", "h6", "header", "hr", "img", "li", "main", "nav",
		"ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
	};
	char low[12];
	if (n >= sizeof low)
		return false;
	for (size_t k = 0; k < n; k++)
		low[k] = (char)(name[k] | 0x20);
	for (size_t k = 0; k < MS_ARRAY_SIZE(blocks); k++)
		if (strlen(blocks[k]) == n && !memcmp(blocks[k], low, n))
			return true;
	return false;
}

static bool
is_ascii_alpha(char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* The end of an HTML or XML tag at T[I] ('<'), or 0 when none starts
 * there: "<p>", "</em>", "<br/>", "<bpt i="0" type="bold">", "<!-- … -->".
 * A tag name is all lowercase or all capitals, and what follows it is
 * attributes (with "=") or nothing ("<War and Peace>" is text).  *BLOCK
 * says whether the tag stands for a line break. */
static size_t
tag_end(const char *t, size_t n, size_t i, bool *block)
{
	size_t j = i + 1, a, lim = n - i > 2000 ? i + 2000 : n;
	bool lower = false, upper = false, attrs = false, other = false;

	*block = false;
	if (j + 2 < n && !memcmp(t + j, "!--", 3)) {
		for (size_t k = j + 3; k + 2 < lim; k++)
			if (!memcmp(t + k, "-->", 3))
				return k + 3;
		return 0;
	}
	if (j < n && t[j] == '/')
		j++;
	a = j;
	while (j < lim && (is_ascii_alpha(t[j])
	                   || (j > a && t[j] && (strchr(":_.-", t[j]) || (t[j] >= '0' && t[j] <= '9'))))) {
		lower |= t[j] >= 'a' && t[j] <= 'z';
		upper |= t[j] >= 'A' && t[j] <= 'Z';
		j++;
	}
	if (j == a || (lower && upper) || j >= lim || !t[j] || !strchr(" \t\n/>", t[j]))
		return 0;
	*block = is_block_tag(t + a, j - a);
	for (; j < lim && t[j] != '<'; j++) {
		if (t[j] == '>')
			return attrs || !other ? j + 1 : 0;
		if (t[j] == '=')
			attrs = true;
		else if (!t[j] || !strchr(" \t\n/", t[j]))
			other = true;
		if (t[j] == '"' || t[j] == '\'') {
			const char *q = memchr(t + j + 1, t[j], lim - j - 1);
			if (!q)
				return 0;
			j = (size_t)(q - t);
		}
	}
	return 0;
}

/* HTML's named references for U+00A0 to U+00FF, in code point order. */
static const char *const latin1_refs[96] = {
	"nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect",
	"uml", "copy", "ordf", "laquo", "not", "shy", "reg", "macr",
	"deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
	"cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
	"Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil",
	"Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml",
	"ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times",
	"Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig",
	"agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
	"egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml",
	"eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide",
	"oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
};

/* The character of the named reference T[A..B) ("eacute"), or 0. */
static UChar32
named_ref(const char *t, size_t a, size_t b)
{
	static const struct { const char *name; UChar32 c; } other[] = {
		{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
		{ "apos", '\'' }, { "ndash", 0x2013 }, { "mdash", 0x2014 },
		{ "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "sbquo", 0x201A },
		{ "ldquo", 0x201C }, { "rdquo", 0x201D }, { "bdquo", 0x201E },
		{ "bull", 0x2022 }, { "hellip", 0x2026 }, { "euro", 0x20AC },
		{ "trade", 0x2122 },
	};
	size_t n = b - a;
	for (size_t k = 0; k < MS_ARRAY_SIZE(other); k++)
		if (strlen(other[k].name) == n && !memcmp(t + a, other[k].name, n))
			return other[k].c;
	for (size_t k = 0; k < MS_ARRAY_SIZE(latin1_refs); k++)
		if (strlen(latin1_refs[k]) == n && !memcmp(t + a, latin1_refs[k], n))
			return (UChar32)(0xA0 + k);
	return 0;
}

/* An HTML character reference at T[I] ('&'): "&amp;", "&eacute;",
 * "&#8217;", "&#x2019;".  Its end, with the character in *C, or 0. */
static size_t
entity_end(const char *t, size_t n, size_t i, UChar32 *c)
{
	size_t j = i + 1, lim = n - i > 12 ? i + 12 : n;

	if (j < lim && t[j] == '#') {
		uint32_t v = 0;
		bool hex = ++j < lim && (t[j] | 0x20) == 'x';
		size_t d = j += hex;
		for (; j < lim && v <= 0x10FFFF; j++) {
			char h = (char)(t[j] | 0x20);
			if (t[j] >= '0' && t[j] <= '9')
				v = v * (hex ? 16 : 10) + (uint32_t)(t[j] - '0');
			else if (hex && h >= 'a' && h <= 'f')
				v = v * 16 + (uint32_t)(h - 'a' + 10);
			else
				break;
		}
		if (j == d || j >= lim || t[j] != ';' || v > 0x10FFFF
		    || (v >= 0xD800 && v <= 0xDFFF) || ms_utf8_is_unwanted(v) || v == '\t')
			return 0;
		*c = (UChar32)v;
		return j + 1;
	}
	while (j < lim && is_ascii_alpha(t[j]))
		j++;
	while (j < lim && t[j] >= '0' && t[j] <= '9')
		j++;                        /* "frac14", "sup2" */
	if (j < lim && t[j] == ';' && (*c = named_ref(t, i + 1, j)))
		return j + 1;
	return 0;
}

/* A character that draws rules when repeated ("//////", "______"). */
static bool
is_rule_char(char c)
{
	return c && strchr("/_=*#~+-", c);
}

#define RULE_MIN 10      /* this many of one rule character make a rule */
#define LEADER_MIN 5     /* this many full stops make a dot leader */

/* Does the backquote at T[I] open a typewriter quotation, closed by an
 * apostrophe on its line (`So what?'), rather than a pair of backquotes
 * (`code`, `기술을 위한 영화`)? */
static bool
typewriter_quote(const char *t, size_t n, size_t i)
{
	size_t lim = n - i > QUOTE_AHEAD_APOS ? i + QUOTE_AHEAD_APOS : n;
	for (size_t k = i + 1; k < lim && t[k] != '\n' && t[k] != '\r'; k++) {
		if (t[k] == '`')
			return false;
		if (t[k] == '\'' && (k + 1 >= n || !is_letter(cp_at(t, k + 1, NULL))))
			return true;
	}
	return false;
}

/* Cleaning, first pass: line ends, character references, typed "\r\n",
 * rules, backquotes. */
static void
clean_chars(ms_buf *out, const char *t, size_t n)
{
	bool tex = false;       /* a TeX opening quote "``" was seen */
	for (size_t i = 0; i < n;) {
		size_t k;
		UChar32 c;
		char ch = t[i];
		if (ch == '\r') {
			ms_buf_putc(out, '\n');
			i += i + 1 < n && t[i + 1] == '\n' ? 2 : 1;
		} else if (ch == '\\' && n - i >= 4 && !memcmp(t + i, "\\r\\n", 4)) {
			ms_buf_putc(out, '\n');
			i += 4;
		} else if (ch == '&' && (k = entity_end(t, n, i, &c))) {
			char u[4];
			ms_buf_put(out, u, put_utf8(u, c));
			i = k;
		} else if (is_rule_char(ch)) {
			for (k = i; k < n && t[k] == ch; k++)
				;
			if (k - i < RULE_MIN)
				ms_buf_put(out, t + i, k - i);
			i = k;
		} else if (ch == '`' && i + 1 < n && t[i + 1] == '`') {
			ms_buf_putc(out, '"');
			tex = true;
			i += 2;
		} else if (ch == '\'' && tex && i + 1 < n && t[i + 1] == '\'') {
			ms_buf_putc(out, '"');
			i += 2;
		} else if (ch == '`' && i + 1 < n && (i == 0 || is_space(cp_before(t, i, NULL))
		                                      || is_opener(cp_before(t, i, NULL)))
		           && (is_letter(cp_at(t, i + 1, NULL))
		               || (t[i + 1] >= '0' && t[i + 1] <= '9'))
		           && typewriter_quote(t, n, i)) {
			ms_buf_putc(out, '\'');
			i++;
		} else {
			ms_buf_putc(out, ch);
			i++;
		}
	}
}

/* Cleaning, second pass: markup tags go; one that stands for a block of
 * its own ("<p>", "<h2>", "<li>") leaves a blank line, "<br>" a line
 * break. */
static void
clean_tags(ms_buf *out, const char *t, size_t n)
{
	for (size_t i = 0; i < n;) {
		bool block;
		size_t k = t[i] == '<' ? tag_end(t, n, i, &block) : 0;
		if (k) {
			if (block)
				ms_buf_puts(out, k - i >= 3 && (t[i + 1] | 0x20) == 'b'
				                 && (t[i + 2] | 0x20) == 'r' ? "\n" : "\n\n");
			i = k;
			continue;
		}
		const char *lt = memchr(t + i + 1, '<', n - i - 1);
		k = lt ? (size_t)(lt - t) : n;
		ms_buf_put(out, t + i, k - i);
		i = k;
	}
}

/* The end of a dot leader's page number at T[I] (after the leader and
 * white space: "5", "16-17", "iv") when only white space follows it on
 * its line; else 0. */
static size_t
page_number_end(const char *t, size_t e, size_t i)
{
	size_t k = i;
	while (k < e && k - i < 12
	       && ((t[k] >= '0' && t[k] <= '9') || (t[k] && strchr("ivxlcdmIVXLCDM-", t[k]))))
		k++;
	if (k == i)
		return 0;
	while (k < e && (t[k] == ' ' || t[k] == '\t'))
		k++;
	return k == e ? k : 0;
}

/* Append line T[A..E) with its dot leaders gone: a leader and the page
 * number that ends the line are dropped ("About Me......5"), a leader set
 * between a letter and a lowercase one becomes a space
 * ("dots........please"); any other run of full stops is an ellipsis and
 * stays ("그런데..... 양이", "좋겠다......예뻤어"). */
static void
clean_leaders(ms_buf *out, const char *t, size_t a, size_t e)
{
	size_t i = a;
	while (i < e) {
		const char *dot = memchr(t + i, '.', e - i);
		size_t d = dot ? (size_t)(dot - t) : e, k = d, p;
		while (k < e && t[k] == '.')
			k++;
		if (k - d < LEADER_MIN) {
			ms_buf_put(out, t + i, k - i);
			i = k;
			continue;
		}
		p = k;
		while (p < e && (t[p] == ' ' || t[p] == '\t'))
			p++;
		if (page_number_end(t, e, p)) {
			while (d > i && (t[d - 1] == ' ' || t[d - 1] == '\t'))
				d--;
			ms_buf_put(out, t + i, d - i);
			return;
		}
		ms_buf_put(out, t + i, d - i);
		if (d > a && k < e && is_letter(cp_before(t, d, NULL))
		    && u_islower(cp_at(t, k, NULL)))
			ms_buf_putc(out, ' ');      /* "dots........please" */
		else
			ms_buf_put(out, t + d, k - d);   /* an ellipsis: "좋겠다......" */
		i = k;
	}
}

/* Is T[A..E) (a line) a letter or two set alone ("W" / "A" / "RN" / …,
 * a word set one letter a line)? */
static bool
tiny_line(const char *t, size_t a, size_t e, size_t *ta, size_t *te)
{
	size_t next, k = 0;
	while (a < e && is_space(cp_at(t, a, &next)))
		a = next;
	while (e > a && is_space(cp_before(t, e, &next)))
		e = next;
	*ta = a;
	*te = e;
	for (size_t i = a; i < e; i = next, k++)
		if (!is_letter(cp_at(t, i, &next)))
			return false;
	return k >= 1 && k <= 2;
}

void
ms_segment_clean(ms_buf *out, const char *text, size_t len)
{
	ms_buf a = MS_BUF_INIT, b = MS_BUF_INIT;
	size_t *lines = NULL, nl = 0, cap = 0;

	clean_chars(&a, text, len);
	clean_tags(&b, a.ptr, a.len);
	/* lines, with their dot leaders gone, into A (each followed by a
	 * line break); their ends in LINES */
	ms_buf_reset(&a);
	for (size_t i = 0; i <= b.len;) {
		const char *nlp = memchr(b.ptr + i, '\n', b.len - i);
		size_t e = nlp ? (size_t)(nlp - b.ptr) : b.len;
		clean_leaders(&a, b.ptr, i, e);
		if (nl == cap) {
			cap = cap ? cap * 2 : 64;
			lines = ms_xrealloc(lines, cap * sizeof *lines);
		}
		lines[nl++] = a.len;
		ms_buf_putc(&a, '\n');
		i = e + 1;
	}
	/* a word set one letter a line is joined; a line that ends with a
	 * hyphen after a letter goes on with the next, if it starts with a
	 * lowercase letter ("self-⏎interpreting": the hyphen stays) */
	for (size_t k = 0, from = 0; k < nl;) {
		size_t ta, te, r = k, f = from;
		while (r < nl && tiny_line(a.ptr, f, lines[r], &ta, &te))
			f = lines[r++] + 1;
		if (r - k >= 3) {
			for (size_t q = k, g = from; q < r; g = lines[q++] + 1) {
				tiny_line(a.ptr, g, lines[q], &ta, &te);
				ms_buf_put(out, a.ptr + ta, te - ta);
			}
			k = r;
			from = f;
		} else {
			size_t e = lines[k], next;
			ms_buf_put(out, a.ptr + from, e - from);
			from = e + 1;
			k++;
			if (k < nl && e > 1 && a.ptr[e - 1] == '-'
			    && is_letter(cp_before(a.ptr, e - 1, NULL))) {
				size_t s = from;
				while (s < lines[k] && is_space(cp_at(a.ptr, s, &next)))
					s = next;
				if (s < lines[k] && u_islower(cp_at(a.ptr, s, NULL))) {
					from = s;
					continue;
				}
			}
		}
		if (k < nl)
			ms_buf_putc(out, '\n');
	}
	free(lines);
	ms_buf_release(&a);
	ms_buf_release(&b);
}

bool
ms_segment_is_layout(const char *text, size_t len)
{
	size_t next, i = 0;
	bool digits = true, same = true;
	UChar32 first;

	if (len == 0)
		return true;
	first = cp_at(text, 0, NULL);
	for (; i < len; i = next) {
		UChar32 c = cp_at(text, i, &next);
		digits = digits && ((c >= '0' && c <= '9') || (c == '-' && i > 0));
		same = same && c == first && c > 0 && c < 0x80 && strchr("/_=#~+-", (int)c);
	}
	return digits || same;
}

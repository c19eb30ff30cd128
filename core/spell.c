/* spell.c — hunspell dictionaries: finding them, reading the words of
 * one affix class (Korean nouns for the glossary matcher), and the
 * speller of the spelling check (hunspell, plus accepted words, plus
 * closed compounds for languages that write them). */
#include "internal.h"
#include "hash.h"
#include "spell.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hunspell.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

/* ========================================================== dictionaries */

static bool
readable(const char *path)
{
	FILE *f = fopen(path, "r");
	if (f)
		fclose(f);
	return f != NULL;
}

/* DIR/NAME.aff and DIR/NAME.dic into *AFF, *DIC when both are there. */
static bool
try_dir(const char *dir, size_t dlen, const char *name, char **aff, char **dic)
{
	ms_buf a = MS_BUF_INIT, d = MS_BUF_INIT;
	ms_buf_printf(&a, "%.*s/%s.aff", (int)dlen, dir, name);
	ms_buf_printf(&d, "%.*s/%s.dic", (int)dlen, dir, name);
	if (readable(a.ptr) && readable(d.ptr)) {
		*aff = ms_buf_detach(&a, NULL);
		*dic = ms_buf_detach(&d, NULL);
		return true;
	}
	ms_buf_release(&a);
	ms_buf_release(&d);
	return false;
}

bool
ms_spell_find_dict(const char *name, char **aff, char **dic)
{
	const char *path = getenv("DICPATH");
	*aff = *dic = NULL;
	if (!name || !*name || strchr(name, '/'))
		return false;
	for (const char *p = path; p && *p;) {
		size_t n = strcspn(p, ":");
		if (n && try_dir(p, n, name, aff, dic))
			return true;
		p += n;
		if (*p == ':')
			p++;
	}
	return try_dir(HUNSPELL_DIR, strlen(HUNSPELL_DIR), name, aff, dic);
}

/* ========================================================= one affix class */

/* Is FLAG one of the comma-separated numeric flags of LIST? */
static bool
has_flag(const char *list, const char *flag)
{
	size_t fl = strlen(flag);
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",\r\n");
		if (n == fl && !memcmp(p, flag, n))
			return true;
		p += n;
		if (*p != ',')
			break;
		p++;
	}
	return false;
}

/* The AF aliases of the .aff file AFF: ALIAS[i] true when alias i (from
 * 1) includes FLAG.  Only the file's head is read: hunspell writes AF
 * before the affix rules.  Returns the number of aliases, 0 without. */
static size_t
read_aliases(FILE *f, const char *flag, bool **alias)
{
	char line[8192];
	size_t n = 0, cap = 0;
	bool in = false;
	*alias = NULL;
	while (fgets(line, sizeof line, f)) {
		if (!strncmp(line, "AF ", 3)) {
			if (!in) {
				in = true;   /* "AF <count>" */
				continue;
			}
			if (n + 2 > cap) {
				cap = cap ? cap * 2 : 128;
				*alias = ms_xrealloc(*alias, cap * sizeof **alias);
			}
			(*alias)[++n] = has_flag(line + 3, flag);
			/* a long line: the rest of its flags */
			while (!strchr(line, '\n') && fgets(line, sizeof line, f))
				(*alias)[n] |= has_flag(line, flag);
		} else if (in || !strncmp(line, "SFX ", 4) || !strncmp(line, "PFX ", 4))
			break;
		else
			while (!strchr(line, '\n') && fgets(line, sizeof line, f))
				;
	}
	return n;
}

/* W[0..N) in NFC into OUT (at least N bytes): Hangul conjoining jamo,
 * as hunspell-ko stores its words, composed into syllables by the
 * Unicode algorithm; other text copied.  Returns the length. */
static size_t
compose_hangul(const char *w, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		UChar32 c;
		int32_t ii = (int32_t)i;
		U8_NEXT(w, ii, (int32_t)n, c);
		size_t next = (size_t)ii;
		if (c >= 0x1100 && c <= 0x1112 && next < n) {
			UChar32 v, t = 0;
			int32_t jj = (int32_t)next;
			U8_NEXT(w, jj, (int32_t)n, v);
			if (v >= 0x1161 && v <= 0x1175) {
				size_t after = (size_t)jj;
				if (after < n) {
					int32_t kk = jj;
					UChar32 tc;
					U8_NEXT(w, kk, (int32_t)n, tc);
					if (tc >= 0x11A8 && tc <= 0x11C2) {
						t = tc - 0x11A7;
						after = (size_t)kk;
					}
				}
				c = 0xAC00 + ((c - 0x1100) * 21 + (v - 0x1161)) * 28 + t;
				next = after;
			}
		}
		int32_t ol = (int32_t)o;
		if (c >= 0)
			U8_APPEND_UNSAFE(out, ol, c);
		o = (size_t)ol;
		i = next;
	}
	return o;
}

bool
ms_spell_read_words(const char *name, const char *flag, ms_spell_word_fn fn,
                    void *data, ms_diag_handler *h)
{
	char *aff, *dic;
	if (!ms_spell_find_dict(name, &aff, &dic)) {
		ms_diag_emit(h, MS_WARNING, NULL, NULL, 0, 0,
		             _("hunspell dictionary '%s' not found (in $DICPATH or %s)"),
		             name, HUNSPELL_DIR);
		return false;
	}
	FILE *fa = fopen(aff, "r");
	bool *alias = NULL;
	size_t nalias = fa ? read_aliases(fa, flag, &alias) : 0;
	char *text = NULL;
	size_t len = 0;
	ms_diag_handler quiet = { NULL, NULL, 0, 0 };
	bool ok = fa && ms_read_file(dic, &text, &len, &quiet) == MS_OK;
	if (ok) {
		char out[1024];
		const char *p = memchr(text, '\n', len);   /* past the word count */
		const char *end = text + len;
		while (p && ++p < end) {
			const char *eol = memchr(p, '\n', (size_t)(end - p));
			const char *stop = eol ? eol : end;
			const char *sl = memchr(p, '/', (size_t)(stop - p));
			if (sl && (size_t)(sl - p) < sizeof out) {
				bool take;
				if (nalias) {
					unsigned long a = strtoul(sl + 1, NULL, 10);
					take = a >= 1 && a <= nalias && alias[a];
				} else {
					char flags[512];
					size_t fl = (size_t)(stop - sl - 1) < sizeof flags - 1
					            ? (size_t)(stop - sl - 1) : sizeof flags - 1;
					memcpy(flags, sl + 1, fl);
					flags[fl] = '\0';
					take = has_flag(flags, flag);
				}
				if (take)
					fn(out, compose_hangul(p, (size_t)(sl - p), out), data);
			}
			p = eol;
		}
	}
	if (!ok)
		ms_diag_emit(h, MS_WARNING, NULL, fa ? dic : aff, 0, 0,
		             _("cannot read the hunspell dictionary '%s'"), name);
	if (fa)
		fclose(fa);
	free(text);
	free(alias);
	free(aff);
	free(dic);
	return ok;
}

/* ============================================================= speller */

struct ms_speller {
	Hunhandle *hun;
	bool compounds;
	bool decomposed;         /* the dictionary converts its input (ICONV):
	                            words are added in NFD, as it stores them */
	char *noun;              /* the model for added words, as stored */
	ms_htab *extra;          /* accepted words → themselves (owned) */
	ms_htab *seen;           /* words checked → verdict, and suggestions */
	size_t suggest_left;     /* suggestions still to compute (they are
	                            slow: about a second a word in Korean) */
	ms_buf tmp;
};

/* What a speller remembers of a word it was asked about. */
typedef struct seen_word {
	char *word;
	bool known;
	bool suggested;
	char *suggestions;       /* ", "-separated; NULL before suggesting */
	size_t nsugg;
} seen_word;

#define SUGGEST_BUDGET 20

/* S[0..N) in the form the dictionary stores words, into OUT. */
static void
stored_form(const ms_speller *s, const char *w, size_t n, ms_buf *out)
{
	ms_buf_reset(out);
	if (!s->decomposed) {
		ms_buf_put(out, w, n);
		return;
	}
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
	UChar u[512], v[1024];
	int32_t ul = 0, vl, ol = 0;
	u_strFromUTF8(u, MS_ARRAY_SIZE(u), &ul, w, (int32_t)n, &err);
	vl = unorm2_normalize(nfd, u, ul, v, MS_ARRAY_SIZE(v), &err);
	ms_buf_grow(out, (size_t)vl * 3 + 1);
	u_strToUTF8(out->ptr, (int32_t)out->cap, &ol, v, vl, &err);
	if (U_FAILURE(err)) {
		ms_buf_reset(out);
		ms_buf_put(out, w, n);
		return;
	}
	out->len = (size_t)ol;
	out->ptr[ol] = '\0';
}

/* Does the .aff file AFF convert input words (an ICONV table)? */
static bool
has_iconv(const char *aff)
{
	FILE *f = fopen(aff, "r");
	char line[512];
	bool found = false;
	for (int i = 0; f && !found && i < 200 && fgets(line, sizeof line, f); i++)
		found = !strncmp(line, "ICONV ", 6);
	if (f)
		fclose(f);
	return found;
}

ms_status
ms_speller_new(const char *name, bool compounds, const char *noun, ms_speller **out,
               ms_diag_handler *h)
{
	char *aff, *dic;
	*out = NULL;
	if (!ms_spell_find_dict(name, &aff, &dic)) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("hunspell dictionary '%s' not found (in $DICPATH or %s)"),
		             name, HUNSPELL_DIR);
		return MS_ERR_NOT_FOUND;
	}
	ms_speller *s = ms_xcalloc(1, sizeof *s);
	s->hun = Hunspell_create(aff, dic);
	s->decomposed = has_iconv(aff);
	free(aff);
	free(dic);
	if (!s->hun) {
		free(s);
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("cannot read the hunspell dictionary '%s'"), name);
		return MS_ERR_IO;
	}
	s->compounds = compounds;
	s->extra = ms_htab_new(256);
	s->seen = ms_htab_new(1024);
	s->suggest_left = SUGGEST_BUDGET;
	if (noun) {
		stored_form(s, noun, strlen(noun), &s->tmp);
		s->noun = ms_xstrdup(s->tmp.ptr);
	}
	*out = s;
	return MS_OK;
}

/* Forget the verdicts given so far (a word added may change them). */
static void
forget(ms_speller *s)
{
	size_t it = 0;
	void *v;
	if (!ms_htab_count(s->seen))
		return;
	while (ms_htab_next(s->seen, &it, NULL, NULL, &v)) {
		seen_word *sw = v;
		free(sw->word);
		free(sw->suggestions);
		free(sw);
	}
	ms_htab_free(s->seen);
	s->seen = ms_htab_new(1024);
}

void
ms_speller_free(ms_speller *s)
{
	if (!s)
		return;
	size_t it = 0;
	void *v;
	while (ms_htab_next(s->extra, &it, NULL, NULL, &v))
		free(v);
	ms_htab_free(s->extra);
	forget(s);
	ms_htab_free(s->seen);
	free(s->noun);
	Hunspell_destroy(s->hun);
	ms_buf_release(&s->tmp);
	free(s);
}

void
ms_speller_add(ms_speller *s, const char *word, size_t len)
{
	if (!len || ms_htab_get(s->extra, word, len))
		return;
	forget(s);
	char *w = ms_xstrndup(word, len);
	ms_htab_put(s->extra, w, len, w);
	if (s->noun) {
		stored_form(s, word, len, &s->tmp);
		Hunspell_add_with_affix(s->hun, s->tmp.ptr, s->noun);
		return;
	}
	/* a word made with a prefix inflects as the word it is made on
	 * (copatrocinar as patrocinar, intercoreano as coreano): the
	 * longest ending of it, four characters or more, that is a word of
	 * the dictionary in its base form */
	for (size_t i = 1; i + 4 <= len; i++) {
		if (((unsigned char)w[i] & 0xC0) == 0x80)
			continue;
		const char *base = w + i;
		char **stems = NULL;
		int n = Hunspell_spell(s->hun, base) ? Hunspell_stem(s->hun, &stems, base) : 0;
		bool lemma = false;
		for (int k = 0; k < n && !lemma; k++)
			lemma = !strcmp(stems[k], base);
		if (stems)
			Hunspell_free_list(s->hun, &stems, n);
		if (lemma) {
			Hunspell_add_with_affix(s->hun, w, base);
			return;
		}
	}
}

/* Does hunspell, or the list of accepted words, know W[0..N)? */
static bool
known(ms_speller *s, const char *w, size_t n)
{
	if (ms_htab_get(s->extra, w, n))
		return true;
	ms_buf_reset(&s->tmp);
	ms_buf_put(&s->tmp, w, n);
	return Hunspell_spell(s->hun, s->tmp.ptr) != 0;
}

/* Is W[0..N) a run of known words of two characters or more?  OFF[]
 * holds the byte offset of each character (NC of them, OFF[NC] = N);
 * OK[i] memoises "the rest from character i is such a run" (-1 unknown). */
static bool
compound_from(ms_speller *s, const char *w, const size_t *off, size_t nc, size_t i,
              signed char *ok)
{
	if (i == nc)
		return true;
	if (ok[i] >= 0)
		return ok[i];
	ok[i] = 0;
	for (size_t j = nc; j >= i + 2; j--)
		if (known(s, w + off[i], off[j] - off[i]) && compound_from(s, w, off, nc, j, ok)) {
			ok[i] = 1;
			break;
		}
	return ok[i];
}

static bool
check_word(ms_speller *s, const char *word, size_t len)
{
	if (known(s, word, len))
		return true;
	if (!s->compounds)
		return false;
	size_t off[64], nc = 0;
	for (size_t i = 0; i < len && nc < MS_ARRAY_SIZE(off) - 1;) {
		off[nc++] = i;
		UChar32 c;
		int32_t ii = (int32_t)i;
		U8_NEXT(word, ii, (int32_t)len, c);
		(void)c;
		i = (size_t)ii;
	}
	if (nc >= MS_ARRAY_SIZE(off) - 1 || nc < 4)
		return false;
	off[nc] = len;
	signed char ok[64];
	memset(ok, -1, sizeof ok);
	return compound_from(s, word, off, nc, 0, ok);
}

/* What the speller remembers of WORD (made on first sight). */
static seen_word *
seen(ms_speller *s, const char *word, size_t len)
{
	seen_word *sw = ms_htab_get(s->seen, word, len);
	if (!sw) {
		sw = ms_xcalloc(1, sizeof *sw);
		sw->word = ms_xstrndup(word, len);
		sw->known = check_word(s, word, len);
		ms_htab_put(s->seen, sw->word, len, sw);
	}
	return sw;
}

bool
ms_speller_check(ms_speller *s, const char *word, size_t len)
{
	if (!s || !len || ms_htab_get(s->extra, word, len))
		return true;
	return seen(s, word, len)->known;
}

size_t
ms_speller_suggest(ms_speller *s, const char *word, size_t len, size_t max,
                   ms_buf *out)
{
	seen_word *sw = seen(s, word, len);
	if (!sw->suggested && s->suggest_left) {
		char **list = NULL;
		ms_buf b = MS_BUF_INIT;
		s->suggest_left--;
		ms_buf_reset(&s->tmp);
		ms_buf_put(&s->tmp, word, len);
		int n = Hunspell_suggest(s->hun, &list, s->tmp.ptr);
		for (int i = 0; i < n && sw->nsugg < max; i++)
			ms_buf_printf(&b, "%s%s", sw->nsugg++ ? ", " : "", list[i]);
		if (list)
			Hunspell_free_list(s->hun, &list, n);
		sw->suggestions = ms_buf_detach(&b, NULL);
		sw->suggested = true;
	}
	if (sw->nsugg)
		ms_buf_puts(out, sw->suggestions);
	return sw->nsugg;
}

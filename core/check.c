/* check.c — quality checks on translated catalogues.
 *
 * Each check looks at one entry (msgid, msgstr, comments) and reports
 * findings through report(), which applies the configured severity, the
 * entry's missive-ignore comments and the counting.  The checks, in the
 * order they run: inline-tags, numbers, urls, gettext, glossary/…,
 * untranslated, whitespace, punctuation, spanish-marks, doubled-words. */
#include "internal.h"
#include "check.h"
#include "catalog-impl.h"
#include "langtag.h"
#include "profile.h"
#include "spell.h"
#include "units.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gettext-po.h>
#include <unicode/uchar.h>
#include <unicode/unum.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

enum {
	C_TAGS, C_NUMBERS, C_URLS, C_GETTEXT,
	C_GL_MISSING, C_GL_FORBIDDEN, C_GL_DEPRECATED, C_GL_DNT,
	C_UNTRANSLATED, C_WHITESPACE, C_PUNCT, C_ES_MARKS, C_DOUBLED,
	C_IGNORE, C_LINK, C_PLURALS, C_SPELLING, C_NUMFMT, C_CHARS, C_COUNT
};

static const struct {
	const char *id;
	ms_severity dflt;
} check_table[C_COUNT] = {
	{ "inline-tags", MS_ERROR },
	{ "numbers", MS_ERROR },
	{ "urls", MS_ERROR },
	{ "gettext", MS_ERROR },
	{ "glossary/missing", MS_ERROR },
	{ "glossary/forbidden", MS_ERROR },
	{ "glossary/deprecated", MS_ERROR },
	{ "glossary/dnt", MS_ERROR },
	{ "untranslated", MS_WARNING },
	{ "whitespace", MS_WARNING },
	{ "punctuation", MS_WARNING },
	{ "spanish-marks", MS_WARNING },
	{ "doubled-words", MS_WARNING },
	{ "missive-ignore", MS_WARNING },
	{ "link-target", MS_ERROR },
	{ "plural-forms", MS_ERROR },
	{ "spelling", MS_WARNING },
	{ "number-format", MS_WARNING },
	{ "characters", MS_ERROR },
};

/* Spelled-out numbers of one language (ICU rule-based formats). */
typedef struct spellout {
	char *lang;
	UNumberFormat *fmt;
	UChar **rulesets;        /* public cardinal and ordinal rule sets */
	size_t nrulesets;
} spellout;

/* What the checks take from a language's profile (numbers, typography,
 * script, dictionary). */
typedef struct lprof {
	char *lang;
	bool inverted_marks;     /* typography.inverted-marks */
	UScriptCode script;      /* morphology.script; USCRIPT_INVALID_CODE */
	bool numbers;            /* numbers.decimal is set */
	char *decimal;
	char **group, **ranges;
	char **mult;             /* numbers.multipliers: names … */
	long double *multv;      /* … and values */
	char *hunspell;          /* morphology.hunspell */
	char *hunspell_noun;     /* morphology.hunspell-noun */
	bool compounds;          /* morphology.engine: agglutinative */
} lprof;

static void
lprof_release(lprof *p)
{
	free(p->lang);
	free(p->decimal);
	ms_strv_free(p->group);
	ms_strv_free(p->ranges);
	ms_strv_free(p->mult);
	free(p->multv);
	free(p->hunspell);
	free(p->hunspell_noun);
	memset(p, 0, sizeof *p);
}

/* The list at KEY of profile P (a single value is a list of one), as a
 * NULL-terminated vector; NULL when unset. */
static char **
profile_strv(const ms_profile *p, const char *key)
{
	char **v = NULL;
	size_t n = 0;
	const ms_pvalue *items = ms_profile_list(p, key, &n);
	const char *one = n ? NULL : ms_profile_str(p, key);
	for (size_t i = 0; i < n; i++)
		ms_strv_push(&v, items[i].text);
	if (one)
		ms_strv_push(&v, one);
	return v;
}

/* The profile data of LANG from SET into P (kept when P already holds
 * it).  A profile that cannot be read leaves the neutral defaults (the
 * CLI has reported it where it loaded the profiles first). */
static void
lprof_load(lprof *p, ms_profiles *set, const char *lang)
{
	if (p->lang && !strcmp(p->lang, lang))
		return;
	lprof_release(p);
	p->lang = ms_xstrdup(lang);
	p->script = USCRIPT_INVALID_CODE;
	const ms_profile *pr = NULL;
	ms_diag_handler quiet = { NULL, NULL, 0, 0 };
	if (ms_profiles_get(set, lang, &pr, &quiet) != MS_OK)
		return;
	p->inverted_marks = ms_profile_bool(pr, "typography.inverted-marks", false);
	const char *v;
	if ((v = ms_profile_str(pr, "morphology.script"))) {
		UErrorCode err = U_ZERO_ERROR;
		UScriptCode sc[2];
		if (uscript_getCode(v, sc, 2, &err) >= 1 && U_SUCCESS(err))
			p->script = sc[0];
	}
	if ((v = ms_profile_str(pr, "morphology.hunspell")))
		p->hunspell = ms_xstrdup(v);
	if ((v = ms_profile_str(pr, "morphology.hunspell-noun")))
		p->hunspell_noun = ms_xstrdup(v);
	v = ms_profile_str(pr, "morphology.engine");
	p->compounds = v && !strcmp(v, "agglutinative");
	if ((v = ms_profile_str(pr, "numbers.decimal"))) {
		p->numbers = true;
		p->decimal = ms_xstrdup(v);
		p->group = profile_strv(pr, "numbers.group");
		p->ranges = profile_strv(pr, "numbers.ranges");
		const char *const *names = NULL;
		size_t nm = ms_profile_keys(pr, "numbers.multipliers", &names);
		ms_buf key = MS_BUF_INIT;
		for (size_t i = 0; i < nm; i++) {
			ms_buf_reset(&key);
			ms_buf_printf(&key, "numbers.multipliers.%s", names[i]);
			const char *val = ms_profile_str(pr, key.ptr);
			if (!val)
				continue;
			size_t n = ms_strv_len(p->mult);
			ms_strv_push(&p->mult, names[i]);
			p->multv = ms_xrealloc(p->multv, (n + 1) * sizeof *p->multv);
			p->multv[n] = strtold(val, NULL);
		}
		ms_buf_release(&key);
	}
}

struct ms_checker {
	const ms_config *cfg;
	const ms_glossary *g;
	ms_gloss_matcher *gm;    /* this checker's matcher for G */
	ms_severity sev[C_COUNT];
	bool on[C_COUNT];
	po_file_t pofile;        /* owns pomsg */
	po_message_t pomsg;      /* reused for gettext's format checks */
	long nplurals;           /* the catalogue's Plural-Forms, while running; 0 */
	spellout sp;
	const char *src_lang;    /* the source language (missive.yaml) */
	lprof srcp, tlp;         /* its profile data, the target language's */
	ms_profiles *profiles;   /* the project's (lang/ beside missive.yaml) */
	struct spell_lang *spl;  /* spellers, one per language met */
	size_t nspl;
	ms_buf a, b;             /* scratch */
};


/* A missive-ignore comment. */
typedef struct ignore {
	char *id;
	char *reason;            /* "" when none */
	unsigned used;
} ignore;

/* What the checks of one entry share. */
typedef struct ectx {
	ms_checker *c;
	const ms_entry *e;
	const char *file;
	const char *lang;
	const char *src, *tgt;   /* the pair being checked */
	ms_finding_fn fn;
	void *data;
	size_t *errors, *warnings;
	ignore *ign;
	size_t nign;
} ectx;

/* ================================================================ helpers */

/* X for entry E (NULL: none yet) of PO_FILE in LANG: findings to FN with
 * DATA, counted into *ERRORS and *WARNINGS (each may be NULL). */
static void
ectx_begin(ectx *x, ms_checker *c, const ms_entry *e, const char *po_file,
           const char *lang, ms_finding_fn fn, void *data, size_t *errors,
           size_t *warnings)
{
	memset(x, 0, sizeof *x);
	x->c = c;
	x->e = e;
	x->file = po_file;
	x->lang = lang ? lang : "";
	x->fn = fn;
	x->data = data;
	x->errors = errors;
	x->warnings = warnings;
}

/* S without inline tags, into OUT (reset first). */
static void
strip_tags(const char *s, ms_buf *out)
{
	ms_buf_reset(out);
	for (;;) {
		/* copy up to the next '<' in one piece: this runs over every
		 * string of the catalogue for most checks */
		const char *lt = strchr(s, '<');
		size_t n;
		if (!lt) {
			ms_buf_puts(out, s);
			return;
		}
		ms_buf_put(out, s, (size_t)(lt - s));
		size_t num;
		int kind;
		n = ms_tag_lex(lt, &num, &kind);
		if (!n) {
			ms_buf_putc(out, '<');
			n = 1;
		}
		s = lt + n;
	}
}

static UChar32
next_cp(const char *s, size_t len, size_t *i)
{
	UChar32 c;
	int32_t ii = (int32_t)*i;
	U8_NEXT(s, ii, (int32_t)len, c);
	*i = (size_t)ii;
	return c < 0 ? 0xFFFD : c;
}

static UChar32
prev_cp(const char *s, size_t *i)
{
	UChar32 c;
	int32_t ii = (int32_t)*i;
	U8_PREV(s, 0, ii, c);
	*i = (size_t)ii;
	return c < 0 ? 0xFFFD : c;
}

/* Lower-case and strip the accents of Latin-1 letters from a UTF-8
 * string (to compare spelled-out numbers and words). */
static void
fold_text(const char *s, size_t len, ms_buf *out)
{
	/* U+00E0…U+00FF without their accents; '?' keeps the letter */
	static const char lat[] = "aaaaaa?ceeeeiiii?nooooo?ouuuuy?y";
	for (size_t i = 0; i < len;) {
		UChar32 c = u_foldCase(next_cp(s, len, &i), U_FOLD_CASE_DEFAULT);
		if (c >= 0xE0 && c <= 0xFF && lat[c - 0xE0] != '?')
			c = (unsigned char)lat[c - 0xE0];
		char b[4];
		int32_t k = 0;
		U8_APPEND_UNSAFE(b, k, c);
		ms_buf_put(out, b, (size_t)k);
	}
}

/* ============================================================ reporting */

const char *
ms_check_severity_name(ms_severity s)
{
	return s == MS_ERROR ? "error" : s == MS_WARNING ? "warning" : "note";
}

static bool
ignore_matches(const ignore *ig, const char *check, const char *term)
{
	size_t n = strlen(ig->id);
	if (!strcmp(ig->id, check))
		return true;
	if (!strncmp(check, ig->id, n) && check[n] == '/')
		return true;
	return term && !strncmp(ig->id, "glossary/", 9) && !strcmp(ig->id + 9, term);
}

static void report(ectx *x, int check, const char *term, const char *verdict,
                   const char *fmt, ...) MS_PRINTF(5, 6);

static void
report(ectx *x, int check, const char *term, const char *verdict,
       const char *fmt, ...)
{
	ms_checker *c = x->c;
	if (!c->on[check])
		return;
	ms_buf msg = MS_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ms_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	ms_finding f;
	memset(&f, 0, sizeof f);
	f.file = x->file;
	f.line = x->e->line;
	f.msgctxt = x->e->msgctxt;
	f.msgid = x->e->msgid;
	f.msgstr = x->tgt ? x->tgt : x->e->msgstr;
	f.lang = x->lang;
	f.check = check_table[check].id;
	f.term = term;
	f.verdict = verdict;
	f.severity = c->sev[check];
	f.message = msg.ptr;
	for (size_t i = 0; i < x->nign && check != C_IGNORE; i++)
		if (ignore_matches(&x->ign[i], f.check, term)) {
			f.suppressed = true;
			f.suppress_reason = x->ign[i].reason;
			x->ign[i].used++;
			break;
		}
	if (!f.suppressed) {
		if (f.severity == MS_ERROR && x->errors)
			(*x->errors)++;
		else if (f.severity == MS_WARNING && x->warnings)
			(*x->warnings)++;
	}
	if (x->fn)
		x->fn(&f, x->data);
	ms_buf_release(&msg);
}

/* The id and reason of the text after "missive-ignore:" (T[0..LEN)):
 * *ID, *IDLEN, and the reason, trimmed, in *RE, *RELEN. */
static void
parse_ignore(const char *t, size_t len, const char **id, size_t *idlen,
             const char **re, size_t *relen)
{
	const char *p = t, *end = t + len;
	while (p < end && isspace((unsigned char)*p))
		p++;
	*id = p;
	while (p < end && (isalnum((unsigned char)*p) || *p == '/' || *p == '-'
	                   || *p == '_' || *p == '.'))
		p++;
	*idlen = (size_t)(p - *id);
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p < end && *p == ':')
		p++;
	while (p < end && isspace((unsigned char)*p))
		p++;
	const char *e = end;
	while (e > p && isspace((unsigned char)e[-1]))
		e--;
	*re = p;
	*relen = (size_t)(e - p);
}

/* The comment line at S (to '\n' or the end), trimmed: *LEN. */
static const char *
comment_line(const char *s, size_t *len, const char **next)
{
	const char *eol = strchr(s, '\n');
	size_t n = eol ? (size_t)(eol - s) : strlen(s);
	*next = eol ? eol + 1 : NULL;
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	*len = n;
	return s;
}

/* PO editors wrap long translator comments (polib at 78 columns, with
 * the "# " in front): a line that goes on from a long line, or from a
 * directive still without its id or reason, is part of it. */
#define COMMENT_WRAP 70

/* "# missive-ignore: ID: reason" comments of the entry, each with the
 * lines an editor wrapped it onto. */
static void
read_ignores(ectx *x)
{
	const char *s = x->e->comments;
	ms_buf logical = MS_BUF_INIT;
	while (s && *s) {
		size_t len;
		const char *next, *line = comment_line(s, &len, &next);
		s = next;
		if (len < 15 || strncmp(line, "missive-ignore:", 15))
			continue;
		ms_buf_reset(&logical);
		ms_buf_put(&logical, line + 15, len - 15);
		size_t last = len;   /* the length of the last physical line */
		while (s && *s) {
			const char *id, *re;
			size_t idlen, relen, nlen;
			const char *nl = comment_line(s, &nlen, &next);
			if (!nlen || !strncmp(nl, "missive-", 8))
				break;
			parse_ignore(logical.ptr, logical.len, &id, &idlen, &re, &relen);
			size_t word = strcspn(nl, " \t");
			if (word > nlen)
				word = nlen;
			if (idlen && relen && last + 3 + word <= COMMENT_WRAP)
				break;   /* a line of its own, not the rest of this one */
			ms_buf_putc(&logical, ' ');
			ms_buf_put(&logical, nl, nlen);
			last = nlen;
			s = next;
		}
		const char *id, *re;
		size_t idlen, relen;
		parse_ignore(logical.ptr, logical.len, &id, &idlen, &re, &relen);
		if (!idlen) {
			ectx y = *x;
			y.nign = 0;
			report(&y, C_IGNORE, NULL, NULL, _("'missive-ignore' comment names no check"));
			continue;
		}
		x->ign = ms_xrealloc(x->ign, (x->nign + 1) * sizeof *x->ign);
		ignore *ig = &x->ign[x->nign++];
		ig->id = ms_xstrndup(id, idlen);
		ig->reason = ms_xstrndup(re, relen);
		ig->used = 0;
		if (!*ig->reason)
			report(x, C_IGNORE, NULL, NULL, _("'missive-ignore: %s' gives no reason"),
			       ig->id);
	}
	ms_buf_release(&logical);
}

/* ========================================================= inline-tags */

static void
tags_diag(const ms_diag *d, void *data)
{
	ectx *x = data;
	report(x, C_TAGS, NULL, NULL, "%s", d->message);
}

static void
check_tags(ectx *x)
{
	if (!strchr(x->src, '<') && !strchr(x->tgt, '<'))
		return;
	ms_tag *tags = NULL;
	size_t n = 0;
	ms_units_tags_from_msgid(x->src, &tags, &n);
	ms_diag_handler h = { tags_diag, x, 0, 0 };
	ms_inline *in = ms_units_parse_tagged(x->tgt, tags, n, true, x->file,
	                                      x->e->line, &h);
	ms_inline_free(in);
	ms_units_tags_free(tags, n);
}

/* ========================================================= link-target */

static void
link_diag(const ms_diag *d, void *data)
{
	ectx *x = data;
	report(x, C_LINK, NULL, NULL, "%s", d->message);
}

/* A "missive-link: N URL" translator comment must name a link tag (the
 * extracted comment says which tags are links) and a URL the project
 * allows (missive.yaml link-targets). */
static void
check_link_targets(ectx *x)
{
	if (!x->e->comments || !strstr(x->e->comments, "missive-link:"))
		return;
	ms_tag *tags = NULL, *moved;
	size_t n = 0;
	bool changed;
	ms_units_tags_from_msgid(x->src, &tags, &n);
	for (const char *p = x->e->extracted; p && *p;) {
		unsigned long num;
		int used = 0;
		if (sscanf(p, "<%lu>%*[^=]= link%n", &num, &used) == 1 && used > 0
		    && num >= 1 && num <= n)
			tags[num - 1].type = MS_INLINE_LINK;
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	ms_diag_handler h = { link_diag, x, 0, 0 };
	moved = ms_units_retarget(x->e->comments, tags, n,
	                          x->c->cfg ? x->c->cfg->link_targets : NULL,
	                          x->file, x->e->line, &changed, &h);
	ms_units_tags_free(moved, n);
	ms_units_tags_free(tags, n);
}

/* ============================================================== numbers */

/* A number of a text, with every value it may stand for: as written in
 * its language (decimal and group marks of the profile: 1,500 in English
 * is 1.500 in Spanish; 3.5 is 3,5), times the multiplier words or
 * characters after it (3 million, 20만), summed over the groups of a
 * Korean numeral (3만 4천 = 34,000), and the end of a range written short
 * (1970~80년대: 80 is 1980).  A number the language's marks do not
 * read (a date 19.12.2023, a telephone number) is compared by its digits
 * alone, as is every number of a language without numbers data. */
#define NUM_VALUES 6

typedef struct num {
	char digits[40];         /* the digits, separators removed */
	char text[48];           /* as written */
	bool ordinal;            /* 80th */
	bool parsed;             /* VALUES hold it; else only DIGITS count */
	long double values[NUM_VALUES];
	size_t nvalues;
	/* while reading: */
	size_t end;              /* byte after the number and its multipliers */
	long double big;         /* its largest multiplier (1 without) */
	bool integer;            /* no decimal part */
} num;

static void
num_add(num *n, long double v)
{
	for (size_t i = 0; i < n->nvalues; i++)
		if (n->values[i] == v)
			return;
	if (n->nvalues < NUM_VALUES)
		n->values[n->nvalues++] = v;
}

static bool
same_value(long double a, long double b)
{
	long double d = a > b ? a - b : b - a, m = a > b ? a : b;
	return d <= (m > 1 ? m : 1) * 1e-12L;
}

/* The item of LIST (NULL-terminated UTF-8 strings) T[I…] starts with,
 * longest first; its length in bytes, or 0.  *WHICH receives its index. */
static size_t
prefix_in(char *const *list, const char *t, size_t len, size_t i, size_t *which)
{
	size_t best = 0;
	for (size_t k = 0; list && list[k]; k++) {
		size_t l = strlen(list[k]);
		if (l > best && i + l <= len && !memcmp(t + i, list[k], l)) {
			best = l;
			*which = k;
		}
	}
	return best;
}

static bool
is_ascii_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Read RAW[0..LEN) (digits and separators) with decimal mark DEC and the
 * group marks GROUP: its value, or false when the marks do not make a
 * number of it (1,5,0; 1.50.000; 19.12.2023). */
static bool
read_marks(const char *raw, size_t len, const char *dec, char *const *group,
           long double *out, bool *integer)
{
	long double v = 0, scale = 1;
	bool in_frac = false, seen_group = false;
	size_t group_len = 0, ndig = 0, dl = dec ? strlen(dec) : 0;
	const char *gmark = NULL;
	size_t gml = 0;
	for (size_t i = 0; i < len;) {
		if (is_ascii_digit(raw[i])) {
			int d = raw[i] - '0';
			if (in_frac) {
				scale /= 10;
				v += d * scale;
			} else
				v = v * 10 + d;
			ndig++;
			group_len++;
			i++;
			continue;
		}
		size_t k = 0;
		if (dl && !in_frac && i + dl <= len && !memcmp(raw + i, dec, dl)) {
			if (seen_group && group_len != 3)
				return false;
			in_frac = true;
			i += dl;
			continue;
		}
		size_t gl = prefix_in(group, raw, len, i, &k);
		if (!gl || in_frac)
			return false;
		/* one kind of group mark; groups after the first have three digits */
		if (gmark && (gml != gl || memcmp(gmark, raw + i, gl)))
			return false;
		if ((seen_group && group_len != 3) || (!seen_group && (group_len < 1 || group_len > 3)))
			return false;
		gmark = raw + i;
		gml = gl;
		seen_group = true;
		group_len = 0;
		i += gl;
	}
	if (!ndig || (seen_group && !in_frac && group_len != 3))
		return false;
	*out = v;
	*integer = !in_frac;
	return true;
}

/* The multipliers after a number ending at T[I…] (one space or none
 * before each): their product into *MULT and the largest into *BIG;
 * returns the byte after them (I when none). */
static size_t
multipliers(const lprof *p, const char *t, size_t len, size_t i, long double *mult,
            long double *big)
{
	*mult = *big = 1;
	for (;;) {
		size_t j = i, which = 0, l;
		if (j < len && t[j] == ' ')
			j++;
		else if (j + 1 < len && !memcmp(t + j, "\xc2\xa0", 2))
			j += 2;
		l = prefix_in(p->mult, t, len, j, &which);
		if (!l)
			return i;
		/* a word of an alphabet is whole (millones, not milicia);
		 * syllables are not (3만명) */
		size_t k = j, e = j + l;
		UChar32 first = next_cp(t, len, &k);
		UErrorCode err = U_ZERO_ERROR;
		if (e < len && uscript_getScript(first, &err) == USCRIPT_LATIN) {
			size_t q = e;
			if (u_isalpha(next_cp(t, len, &q)))
				return i;
		}
		*mult *= p->multv[which];
		if (p->multv[which] > *big)
			*big = p->multv[which];
		i = j + l;
	}
}

/* The numbers of S (inline tags dropped) in language P (NULL, or no
 * numbers data: digits only).  SRC_MARKS: the source language's marks,
 * a second reading for a number P's marks cannot read (2.5 left as in
 * English in a Spanish text). */
static size_t
find_numbers(const char *s, const lprof *p, const lprof *src_marks, ms_buf *tmp,
             num **out)
{
	size_t n = 0, cap = 0;
	strip_tags(s, tmp);
	const char *t = tmp->ptr;
	size_t len = tmp->len;
	bool marks = p && p->numbers;
	*out = NULL;
	for (size_t i = 0; i < len;) {
		size_t start = i;
		UChar32 c = next_cp(t, len, &i);
		int32_t d = u_charDigitValue(c);
		if (d < 0 || !u_isdigit(c))
			continue;
		num nm;
		size_t nd = 0, end = i;
		memset(&nm, 0, sizeof nm);
		nm.digits[nd++] = (char)('0' + d);
		for (;;) {
			size_t j = end;
			if (j >= len)
				break;
			UChar32 c2 = next_cp(t, len, &j);
			if (u_isdigit(c2)) {
				if (nd + 1 < sizeof nm.digits)
					nm.digits[nd++] = (char)('0' + u_charDigitValue(c2));
				end = j;
				continue;
			}
			/* a separator between digits: "," and "." always (as before
			 * numbers were read by their marks), a group mark of the
			 * language when three digits follow it */
			size_t which = 0, gl = c2 == ',' || c2 == '.' ? 1
			                      : marks ? prefix_in(p->group, t, len, end, &which) : 0;
			if (gl && end + gl < len) {
				size_t k = end + gl, digs = 0;
				while (k < len && is_ascii_digit(t[k]) && digs < 4) {
					k++;
					digs++;
				}
				bool sep_ok = c2 == ',' || c2 == '.' ? digs >= 1 : digs == 3;
				if (sep_ok) {
					end += gl;
					continue;
				}
			}
			break;
		}
		nm.digits[nd] = '\0';
		size_t tl = end - start < sizeof nm.text - 1 ? end - start : sizeof nm.text - 1;
		memcpy(nm.text, t + start, tl);
		nm.text[tl] = '\0';
		/* ordinal suffixes: 1st 2nd 3rd 80th */
		if (end + 2 <= len && (!strncmp(t + end, "st", 2) || !strncmp(t + end, "nd", 2)
		                       || !strncmp(t + end, "rd", 2) || !strncmp(t + end, "th", 2))
		    && (end + 2 == len || !isalpha((unsigned char)t[end + 2])))
			nm.ordinal = true;
		long double v;
		bool integer;
		if (marks && (read_marks(t + start, end - start, p->decimal, p->group, &v, &integer)
		              || (src_marks && src_marks->numbers
		                  && read_marks(t + start, end - start, src_marks->decimal,
		                                src_marks->group, &v, &integer)))) {
			long double mult, big;
			nm.parsed = true;
			nm.integer = integer;
			num_add(&nm, v);
			nm.end = multipliers(p, t, len, end, &mult, &big);
			nm.big = big;
			if (mult != 1)
				num_add(&nm, v * mult);
			/* the groups of a numeral: 3만 4천, 1억 2천만 */
			if (big > 1 && n && (*out)[n - 1].parsed && (*out)[n - 1].big > big
			    && (*out)[n - 1].nvalues) {
				size_t k = (*out)[n - 1].end;
				while (k < start && t[k] == ' ')
					k++;
				if (k == start) {
					num *prev = &(*out)[n - 1];
					num_add(prev, prev->values[prev->nvalues - 1] + v * mult);
					prev->end = nm.end;
				}
			}
			/* the end of a range written short: 1970~80 */
			if (n && (*out)[n - 1].parsed && (*out)[n - 1].integer && integer) {
				num *prev = &(*out)[n - 1];
				size_t k = prev->end, which = 0;
				while (k < start && t[k] == ' ')
					k++;
				size_t rl = prefix_in(p->ranges, t, len, k, &which);
				k += rl;
				while (k < start && t[k] == ' ')
					k++;
				size_t pd = strlen(prev->digits);
				if (rl && k == start && nd < pd) {
					char full[40];
					memcpy(full, prev->digits, pd - nd);
					memcpy(full + pd - nd, nm.digits, nd + 1);
					num_add(&nm, strtold(full, NULL));
				}
			}
		} else
			nm.end = end;
		i = end;
		bool dup = false;
		for (size_t k = 0; k < n && !dup; k++) {
			num *o = &(*out)[k];
			if (strcmp(o->digits, nm.digits) || o->parsed != nm.parsed)
				continue;
			dup = true;
			o->ordinal |= nm.ordinal;
			for (size_t j = 0; j < nm.nvalues; j++)
				num_add(o, nm.values[j]);
			o->end = nm.end;
			o->big = nm.big;
		}
		if (dup)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = ms_xrealloc(*out, cap * sizeof **out);
		}
		(*out)[n++] = nm;
	}
	return n;
}

/* Does the translation's number T stand for the source's number S? */
static bool
num_same(const num *s, const num *t)
{
	if (!s->parsed || !t->parsed)
		return !strcmp(s->digits, t->digits);
	for (size_t i = 0; i < s->nvalues; i++)
		for (size_t j = 0; j < t->nvalues; j++)
			if (same_value(s->values[i], t->values[j]))
				return true;
	return false;
}



static void
spellout_release(spellout *sp)
{
	if (sp->fmt)
		unum_close(sp->fmt);
	for (size_t i = 0; i < sp->nrulesets; i++)
		free(sp->rulesets[i]);
	free(sp->rulesets);
	free(sp->lang);
	memset(sp, 0, sizeof *sp);
}

/* Open ICU's spelled-out number rules for LANG, written in SCRIPT
 * (alphabetic scripts only: elsewhere a spelled number is a syllable that
 * matches anything). */
static void
spellout_open(spellout *sp, const char *lang, UScriptCode script)
{
	if (sp->lang && !strcmp(sp->lang, lang))
		return;
	spellout_release(sp);
	sp->lang = ms_xstrdup(lang);
	UErrorCode err = U_ZERO_ERROR;
	if (script != USCRIPT_LATIN)
		return;
	err = U_ZERO_ERROR;
	sp->fmt = unum_open(UNUM_SPELLOUT, NULL, 0, lang, NULL, &err);
	if (U_FAILURE(err)) {
		sp->fmt = NULL;
		return;
	}
	UChar list[2048];
	err = U_ZERO_ERROR;
	int32_t ll = unum_getTextAttribute(sp->fmt, UNUM_PUBLIC_RULESETS, list,
	                                   MS_ARRAY_SIZE(list) - 1, &err);
	if (U_FAILURE(err))
		return;
	list[ll] = 0;
	for (int32_t i = 0; i < ll;) {
		int32_t j = i;
		while (j < ll && list[j] != ';')
			j++;
		char name[128];
		int32_t nl = 0;
		err = U_ZERO_ERROR;
		u_strToUTF8(name, sizeof name - 1, &nl, list + i, j - i, &err);
		if (U_SUCCESS(err) && nl < (int32_t)sizeof name) {
			name[nl] = '\0';
			if ((strstr(name, "ordinal") || strstr(name, "cardinal")
			     || !strcmp(name, "%spellout-numbering")) && !strstr(name, "verbose")) {
				UChar *r = ms_xcalloc((size_t)(j - i + 1), sizeof *r);
				memcpy(r, list + i, (size_t)(j - i) * sizeof *r);
				sp->rulesets = ms_xrealloc(sp->rulesets,
				                           (sp->nrulesets + 1) * sizeof *sp->rulesets);
				sp->rulesets[sp->nrulesets++] = r;
			}
		}
		i = j + 1;
	}
}

/* Is the folded spelled number W in the folded text T, at the start of
 * a word, allowing another final vowel (primero/primer/primera,
 * octogésimo/octogésima)? */
static bool
has_spelled(const char *t, const char *w)
{
	size_t wl = strlen(w);
	if (wl > 3 && strchr("aeo", w[wl - 1]))
		wl--;
	for (const char *p = t; *p; p++) {
		if (strncmp(p, w, wl) || (p != t && isalpha((unsigned char)p[-1])))
			continue;
		return true;
	}
	return false;
}

/* Is the number D spelled out in the folded translation T? */
static bool
spelled_in(spellout *sp, long long d, bool ordinal, const char *t)
{
	if (!sp->fmt || d > 999 || (!ordinal && d > 99))
		return false;
	for (size_t i = 0; i < sp->nrulesets; i++) {
		UErrorCode err = U_ZERO_ERROR;
		UChar out[128];
		char u8[512];
		int32_t n8 = 0;
		unum_setTextAttribute(sp->fmt, UNUM_DEFAULT_RULESET, sp->rulesets[i], -1, &err);
		if (U_FAILURE(err))
			continue;
		int32_t n = unum_formatInt64(sp->fmt, d, out, MS_ARRAY_SIZE(out), NULL, &err);
		if (U_FAILURE(err))
			continue;
		u_strToUTF8(u8, sizeof u8 - 1, &n8, out, n, &err);
		if (U_FAILURE(err))
			continue;
		u8[n8] = '\0';
		ms_buf f = MS_BUF_INIT;
		fold_text(u8, (size_t)n8, &f);
		/* ICU may write the ordinal with a soft hyphen or "º" */
		bool ok = f.len > 1 && has_spelled(t, f.ptr);
		ms_buf_release(&f);
		if (ok)
			return true;
	}
	return false;
}

/* TEXT, a number written with FROM's marks, with TO's marks into OUT
 * (1,500.5 → 1.500,5). */
static void
respell_number(const char *text, const lprof *from, const lprof *to, ms_buf *out)
{
	size_t len = strlen(text);
	for (size_t i = 0; i < len;) {
		size_t k = 0, gl;
		if (from->decimal && !strncmp(text + i, from->decimal, strlen(from->decimal))) {
			ms_buf_puts(out, to->decimal ? to->decimal : ".");
			i += strlen(from->decimal);
		} else if ((gl = prefix_in(from->group, text, len, i, &k))) {
			ms_buf_puts(out, to->group && to->group[0] ? to->group[0] : "");
			i += gl;
		} else
			ms_buf_putc(out, text[i++]);
	}
}

static void
check_numbers(ectx *x)
{
	ms_checker *c = x->c;
	num *sn = NULL, *tn = NULL;
	lprof_load(&c->srcp, c->profiles, c->src_lang);
	lprof_load(&c->tlp, c->profiles, x->lang);
	size_t ns = find_numbers(x->src, &c->srcp, NULL, &c->a, &sn);
	if (!ns) {
		free(sn);
		return;
	}
	size_t nt = find_numbers(x->tgt, &c->tlp, &c->srcp, &c->a, &tn);
	ms_buf folded = MS_BUF_INIT;
	bool folded_done = false;
	for (size_t i = 0; i < ns; i++) {
		bool found = false;
		const num *look_alike = NULL;
		for (size_t k = 0; k < nt && !found; k++) {
			found = num_same(&sn[i], &tn[k]);
			if (!found && !strcmp(sn[i].text, tn[k].text))
				look_alike = &tn[k];   /* written as in the source */
		}
		if (!found && strlen(sn[i].digits) <= 3) {
			if (!folded_done) {
				strip_tags(x->tgt, &c->b);
				fold_text(c->b.ptr, c->b.len, &folded);
				spellout_open(&c->sp, x->lang, c->tlp.script);
				folded_done = true;
			}
			found = spelled_in(&c->sp, atoll(sn[i].digits), sn[i].ordinal,
			                   folded.ptr);
		}
		if (found)
			continue;
		if (look_alike) {
			/* the digits are there, with the source's marks: a number
			 * of the translation's language is written otherwise */
			ms_buf w = MS_BUF_INIT;
			respell_number(sn[i].text, &c->srcp, &c->tlp, &w);
			report(x, C_NUMFMT, NULL, NULL,
			       _("number \"%s\" is written with the source's marks, which read "
			         "another number here; write \"%s\""), look_alike->text, w.ptr);
			ms_buf_release(&w);
		} else
			report(x, C_NUMBERS, NULL, NULL,
			       _("number \"%s\" of the source is missing from the translation"),
			       sn[i].text);
	}
	ms_buf_release(&folded);
	free(sn);
	free(tn);
}

/* ================================================================= urls */

static bool
url_char(unsigned char c)
{
	return c > ' ' && c < 0x7F && !strchr("<>\"'«»()[]{}", c);
}

/* Is S[0..N) a domain name: two or more labels, lowercase, the last one
 * alphabetic and at least two letters long? */
static bool
is_domain(const char *s, size_t n)
{
	size_t labels = 0, lastlen = 0;
	bool last_alpha = true;
	size_t i = 0;
	while (i < n && s[i] != '/' && s[i] != ':' && s[i] != '?' && s[i] != '#') {
		size_t st = i;
		bool alpha = true;
		while (i < n && (islower((unsigned char)s[i]) || isdigit((unsigned char)s[i])
		                 || s[i] == '-')) {
			if (!islower((unsigned char)s[i]))
				alpha = false;
			i++;
		}
		if (i == st)
			return false;
		labels++;
		lastlen = i - st;
		last_alpha = alpha;
		if (i < n && s[i] == '.')
			i++;
		else
			break;
	}
	if (i < n && s[i] != '/' && s[i] != ':' && s[i] != '?' && s[i] != '#')
		return false;
	return labels >= 2 && last_alpha && lastlen >= 2 && lastlen <= 24;
}

static void
check_urls(ectx *x)
{
	ms_buf *t = &x->c->a;
	strip_tags(x->src, t);
	const char *s = t->ptr;
	size_t len = t->len;
	for (size_t i = 0; i < len;) {
		if (!url_char((unsigned char)s[i])) {
			i++;
			continue;
		}
		size_t st = i;
		while (i < len && url_char((unsigned char)s[i]))
			i++;
		size_t en = i;
		while (en > st && strchr(".,;:!?", s[en - 1]))
			en--;
		const char *w = s + st;
		size_t wl = en - st;
		int kind = 0;
		const char *at = memchr(w, '@', wl);
		const char *colon = NULL;
		for (size_t k = 0; k + 2 < wl; k++)
			if (w[k] == ':' && w[k + 1] == '/' && w[k + 2] == '/') {
				colon = w + k;
				break;
			}
		if (colon && colon > w && isalpha((unsigned char)w[0]))
			kind = 1;
		else if (wl > 4 && !strncmp(w, "www.", 4))
			kind = 1;
		else if (at && at > w && is_domain(at + 1, (size_t)(w + wl - at - 1)))
			kind = 2;
		else if (!at && is_domain(w, wl))
			kind = 3;
		if (!kind)
			continue;
		char *item = ms_xstrndup(w, wl);
		if (strstr(x->tgt, item))
			;
		else if (kind == 1)
			report(x, C_URLS, NULL, NULL,
			       _("URL \"%s\" of the source is missing from the translation"), item);
		else if (kind == 2)
			report(x, C_URLS, NULL, NULL,
			       _("e-mail address \"%s\" of the source is missing from the translation"),
			       item);
		else
			report(x, C_URLS, NULL, NULL,
			       _("domain \"%s\" of the source is missing from the translation"), item);
		free(item);
	}
}

/* ============================================================== gettext */

/* libgettextpo's handlers have no user data: the entry being checked is
 * reached through this pointer, set only for the duration of the call. */
static _Thread_local ectx *gettext_ctx;

static void
gettext_text(int severity, const char *text)
{
	ectx *x = gettext_ctx;
	if (!x || severity == PO_SEVERITY_WARNING)
		return;
	size_t n = strlen(text);
	while (n && (text[n - 1] == '\n' || text[n - 1] == '.'))
		n--;
	report(x, C_GETTEXT, NULL, NULL, "%.*s", (int)n, text);
}

static void
gettext_xerror(int severity, po_message_t message, const char *filename,
               size_t lineno, size_t column, int multiline_p,
               const char *message_text)
{
	(void)message, (void)filename, (void)lineno, (void)column, (void)multiline_p;
	gettext_text(severity, message_text);
}

static void
gettext_xerror2(int severity, po_message_t message1, const char *filename1,
                size_t lineno1, size_t column1, int multiline_p1,
                const char *message_text1, po_message_t message2,
                const char *filename2, size_t lineno2, size_t column2,
                int multiline_p2, const char *message_text2)
{
	(void)message1, (void)filename1, (void)lineno1, (void)column1;
	(void)multiline_p1, (void)message2, (void)filename2, (void)lineno2;
	(void)column2, (void)multiline_p2, (void)message_text2;
	gettext_text(severity, message_text1);
}

static const struct po_xerror_handler gettext_handler = {
	gettext_xerror, gettext_xerror2
};

/* Set the format flags of the reusable message from the entry's flags
 * ("c-format, no-wrap").  Labels with a % directive ("as of %s", "Page %d
 * of %d") are printf formats whether or not they are flagged. */
static void
set_formats(ectx *x, po_message_t m)
{
	static const char *const known[] = { "c-format", "python-format",
	                                     "python-brace-format", "sh-format", NULL };
	const char *flags = x->e->flags ? x->e->flags : "";
	for (size_t i = 0; known[i]; i++)
		po_message_set_format(m, known[i], 0);
	for (const char *p = flags; *p;) {
		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		const char *q = p;
		while (*q && *q != ',' && !isspace((unsigned char)*q))
			q++;
		if (q > p) {
			char *f = ms_xstrndup(p, (size_t)(q - p));
			size_t n = strlen(f);
			if (n > 7 && !strcmp(f + n - 7, "-format")) {
				if (!strncmp(f, "no-", 3))
					po_message_set_format(m, f + 3, 0);
				else if (po_format_pretty_name(f))
					po_message_set_format(m, f, 1);
			}
			free(f);
		}
		p = q;
	}
	if (x->e->msgctxt && !strcmp(x->e->msgctxt, "label") && strchr(x->src, '%')
	    && !strstr(flags, "no-c-format"))
		po_message_set_format(m, "c-format", 1);
}

static void
check_gettext(ectx *x)
{
	/* msgfmt's newline rule (what po_message_check_all adds to the
	 * format check; that function leaks memory in libgettextpo 0.21, so
	 * the rule is applied here) */
	size_t sl = strlen(x->src), tl = strlen(x->tgt);
	if ((x->src[0] == '\n') != (x->tgt[0] == '\n'))
		report(x, C_GETTEXT, NULL, NULL,
		       _("'msgid' and 'msgstr' entries do not both begin with '\\n'"));
	if (sl && tl && (x->src[sl - 1] == '\n') != (x->tgt[tl - 1] == '\n'))
		report(x, C_GETTEXT, NULL, NULL,
		       _("'msgid' and 'msgstr' entries do not both end with '\\n'"));
	if (!strchr(x->src, '%') && !strchr(x->tgt, '%') && !strchr(x->src, '{'))
		return;
	po_message_t m = x->c->pomsg;
	if (!m)
		return;
	/* (no msgctxt: the format check does not need it, and libgettextpo
	 * 0.21 never frees a message's context) */
	po_message_set_msgid(m, x->src);
	po_message_set_msgstr(m, x->tgt);
	set_formats(x, m);
	gettext_ctx = x;
	cat_gettextpo_lock();
	po_message_check_format(m, &gettext_handler);
	cat_gettextpo_unlock();
	gettext_ctx = NULL;
}

/* ============================================================= glossary */

static void
glossary_result(const ms_gloss_result *r, void *data)
{
	ectx *x = data;
	const char *reason = r->reason ? r->reason : "";
	const char *sep = r->reason ? " — " : "";
	switch (r->verdict) {
	case MS_GLOSS_OK:
		break;
	case MS_GLOSS_MISSING:
		report(x, C_GL_MISSING, r->term, "missing",
		       _("\"%s\" is not rendered as the glossary requires; use \"%s\""),
		       r->source, r->expected ? r->expected : "?");
		break;
	case MS_GLOSS_FORBIDDEN:
		if (r->expected)
			report(x, C_GL_FORBIDDEN, r->term, "forbidden",
			       _("\"%s\" rendered as \"%s\"; use \"%s\"%s%s"),
			       r->source, r->found, r->expected, sep, reason);
		else
			report(x, C_GL_FORBIDDEN, r->term, "forbidden",
			       _("\"%s\" rendered as \"%s\"%s%s"), r->source, r->found,
			       sep, reason);
		break;
	case MS_GLOSS_DEPRECATED:
		if (r->expected)
			report(x, C_GL_DEPRECATED, r->term, "deprecated",
			       _("\"%s\" rendered as deprecated \"%s\"; use \"%s\"%s%s"),
			       r->source, r->found, r->expected, sep, reason);
		else
			report(x, C_GL_DEPRECATED, r->term, "deprecated",
			       _("\"%s\" rendered as deprecated \"%s\"%s%s"), r->source,
			       r->found, sep, reason);
		break;
	case MS_GLOSS_DNT:
		report(x, C_GL_DNT, r->term, "missing",
		       _("\"%s\" must be kept as written in the translation"), r->source);
		break;
	}
}

static void
check_glossary(ectx *x)
{
	ms_checker *c = x->c;
	if (!c->gm || !(c->on[C_GL_MISSING] || c->on[C_GL_FORBIDDEN]
	               || c->on[C_GL_DEPRECATED] || c->on[C_GL_DNT]))
		return;
	ms_gloss_matcher_match(c->gm, x->src, x->tgt, x->lang, glossary_result, x);
}

/* ========================================================= untranslated */

static bool
is_upper_word(const char *s, size_t n)
{
	size_t letters = 0;
	for (size_t i = 0; i < n;) {
		UChar32 c = next_cp(s, n, &i);
		if (u_isalpha(c)) {
			letters++;
			if (!u_isupper(c))
				return false;
		}
	}
	return letters >= 1;
}

/* Should an identical translation of S be reported?  Names, titles,
 * addresses and acronyms are legitimately copied; sentences are not. */
static bool
copy_is_suspect(ectx *x, const char *s)
{
	const char *ex = x->e->extracted;
	if (ex && strstr(ex, "or copy)"))
		return false;
	ms_buf *t = &x->c->a;
	strip_tags(s, t);
	/* "Human Rights Watch (HRW)": the name without its acronym */
	size_t len = t->len;
	while (len && isspace((unsigned char)t->ptr[len - 1]))
		len--;
	if (len && t->ptr[len - 1] == ')') {
		size_t k = len - 1;
		while (k && t->ptr[k - 1] != '(')
			k--;
		if (k && is_upper_word(t->ptr + k, len - 1 - k)) {
			len = k - 1;
			while (len && isspace((unsigned char)t->ptr[len - 1]))
				len--;
		}
	}
	ms_buf_truncate(t, len);
	if (x->c->gm && ms_gloss_matcher_is_verbatim(x->c->gm, t->ptr, x->lang))
		return false;
	size_t words = 0, long_lower = 0, long_word = 0;
	const char *p = t->ptr;
	for (size_t i = 0; i < t->len;) {
		size_t st = i;
		UChar32 c = next_cp(p, t->len, &i);
		if (!u_isalpha(c))
			continue;
		bool lower = u_islower(c);
		size_t letters = 1, end = i;
		while (end < t->len) {
			size_t j = end;
			UChar32 d = next_cp(p, t->len, &j);
			if (!u_isalpha(d))
				break;
			letters++;
			end = j;
		}
		words++;
		if (lower && letters >= 3)
			long_lower++;
		if (letters >= 4 && !is_upper_word(p + st, end - st))
			long_word++;
		i = end;
	}
	if (!words)
		return false;
	return long_lower > 0 || (words == 1 && long_word == 1);
}

/* Is W[0..WL) a word of S (ASCII case ignored)? */
static bool
word_in(const char *s, const char *w, size_t wl)
{
	for (const char *p = s; *p; p++) {
		if (strncasecmp(p, w, wl))
			continue;
		if ((p != s && isalpha((unsigned char)p[-1])) || isalpha((unsigned char)p[wl]))
			continue;
		return true;
	}
	return false;
}

static void
check_untranslated(ectx *x)
{
	const char *s = x->src, *t = x->tgt;
	while (isspace((unsigned char)*s))
		s++;
	while (isspace((unsigned char)*t))
		t++;
	size_t sl = strlen(s), tl = strlen(t);
	while (sl && isspace((unsigned char)s[sl - 1]))
		sl--;
	while (tl && isspace((unsigned char)t[tl - 1]))
		tl--;
	if (sl == tl && !memcmp(s, t, sl)) {
		char *copy = ms_xstrndup(s, sl);
		if (copy_is_suspect(x, copy))
			report(x, C_UNTRANSLATED, NULL, NULL,
			       _("the translation is a copy of the source"));
		free(copy);
		return;
	}
	/* the language's own script (morphology.script of its profile) */
	lprof_load(&x->c->tlp, x->c->profiles, x->lang);
	UScriptCode sc = x->c->tlp.script;
	if (sc == USCRIPT_LATIN || sc == USCRIPT_COMMON || sc == USCRIPT_INVALID_CODE)
		return;
	/* Latin words left in a Korean (Japanese, Russian …) translation are
	 * allowed when they are acronyms, part of a URL, or kept from the
	 * source as a name: a run of source words with a capital in it
	 * ("Lord Alton of Liverpool", "COI DPRK").  A lowercase source word
	 * on its own ("resolutions") was left untranslated. */
	ms_buf *b = &x->c->a;
	strip_tags(x->tgt, b);
	ms_buf bad = MS_BUF_INIT;
	size_t nbad = 0;
	struct lw { size_t st, len; bool in_src, capital, ok; } run[64];
	size_t nrun = 0;
	for (size_t i = 0; i <= b->len;) {
		size_t st = i;
		UChar32 c = i < b->len ? next_cp(b->ptr, b->len, &i) : 0;
		bool latin = c && u_isalpha(c)
		             && uscript_getScript(c, &(UErrorCode){ U_ZERO_ERROR }) == USCRIPT_LATIN;
		if (latin) {
			size_t en = i;
			while (en < b->len) {
				size_t j = en;
				UChar32 d = next_cp(b->ptr, b->len, &j);
				if (!(u_isalpha(d) && uscript_getScript(d, &(UErrorCode){ U_ZERO_ERROR })
				                      == USCRIPT_LATIN) && d != '\'' && d != '-')
					break;
				en = j;
			}
			i = en;
			while (en > st && (b->ptr[en - 1] == '\'' || b->ptr[en - 1] == '-'))
				en--;
			const char *w = b->ptr + st;
			size_t wl = en - st;
			bool skip = (st > 0 && strchr("%.@/", b->ptr[st - 1]))
			            || (i + 1 < b->len && strchr(".@/", b->ptr[i])
			                && isalnum((unsigned char)b->ptr[i + 1]));
			if (!skip && nrun < MS_ARRAY_SIZE(run)) {
				bool inner_caps = false;
				for (size_t k = 1; k < wl; k++)
					inner_caps |= isupper((unsigned char)w[k]) != 0;
				struct lw *r = &run[nrun++];
				r->st = st;
				r->len = wl;
				r->in_src = word_in(x->src, w, wl);
				r->capital = isupper((unsigned char)w[0]) != 0;
				r->ok = wl <= 1 || is_upper_word(w, wl) || (inner_caps && r->in_src);
			}
			/* a run goes on over spaces only */
			size_t j = i;
			while (j < b->len && b->ptr[j] == ' ')
				j++;
			size_t k = j;
			UChar32 d = j < b->len ? next_cp(b->ptr, b->len, &k) : 0;
			if (d && u_isalpha(d) && uscript_getScript(d, &(UErrorCode){ U_ZERO_ERROR })
			                         == USCRIPT_LATIN) {
				i = j;
				continue;
			}
		} else if (!nrun) {
			if (!c)
				break;
			continue;
		}
		/* the run ends here */
		bool named = false, all_src = true;
		for (size_t k = 0; k < nrun; k++) {
			named |= run[k].capital && run[k].in_src;
			all_src &= run[k].in_src || run[k].ok;
		}
		for (size_t k = 0; k < nrun; k++) {
			if (run[k].ok || (named && all_src))
				continue;
			if (nbad++ < 5)
				ms_buf_printf(&bad, "%s\"%.*s\"", bad.len ? ", " : "",
				              (int)run[k].len, b->ptr + run[k].st);
		}
		nrun = 0;
		if (!c)
			break;
	}
	if (nbad)
		report(x, C_UNTRANSLATED, NULL, NULL,
		       _("words in Latin script left in the translation: %s"),
		       bad.ptr);
	ms_buf_release(&bad);
}

/* =========================================================== whitespace */

static size_t
lead_space(const char *s)
{
	size_t i = 0, len = strlen(s);
	while (i < len) {
		size_t j = i;
		UChar32 c = next_cp(s, len, &j);
		if (!u_isUWhiteSpace(c))
			break;
		i = j;
	}
	return i;
}

static size_t
trail_space(const char *s)
{
	size_t i = strlen(s), n = 0;
	while (i > 0) {
		size_t j = i;
		UChar32 c = prev_cp(s, &j);
		if (!u_isUWhiteSpace(c))
			break;
		n += i - j;
		i = j;
	}
	return n;
}

static void
check_whitespace(ectx *x)
{
	size_t a = lead_space(x->src), b = lead_space(x->tgt);
	if (a != b || memcmp(x->src, x->tgt, a))
		report(x, C_WHITESPACE, NULL, NULL,
		       _("leading white space differs from the source"));
	a = trail_space(x->src);
	b = trail_space(x->tgt);
	if (a != b || memcmp(x->src + strlen(x->src) - a, x->tgt + strlen(x->tgt) - b, a))
		report(x, C_WHITESPACE, NULL, NULL,
		       _("trailing white space differs from the source"));
}

/* =========================================================== characters */

/* Characters a translation must not bring into a letter unless its source
 * has them too: C0 and C1 controls but tab and line feed (terminal escape
 * sequences in a .txt, parse errors in HTML), noncharacters (U+FFFE,
 * U+FDD0…: no font or writer takes them) and the bidirectional embedding,
 * override and isolate controls (they reorder what a reader sees). */
static const char *
bad_char_kind(UChar32 c)
{
	if (ms_utf8_is_unwanted((uint32_t)c))
		return c < 0xa0 ? N_("control character") : N_("noncharacter");
	if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
		return N_("bidirectional control");
	return NULL;
}

static bool
has_char(const char *s, UChar32 want)
{
	size_t len = strlen(s), i = 0;
	while (i < len)
		if (next_cp(s, len, &i) == want)
			return true;
	return false;
}

static void
check_characters(ectx *x)
{
	size_t len = strlen(x->tgt), i = 0;
	while (i < len) {
		UChar32 c = next_cp(x->tgt, len, &i);
		const char *kind = bad_char_kind(c);
		if (kind && !has_char(x->src, c)) {
			report(x, C_CHARS, NULL, NULL,
			       _("the translation holds a %s (U+%04X) that the source does not have"),
			       _(kind), (unsigned)c);
			return;
		}
	}
}

/* ========================================================== punctuation */

enum { P_NONE, P_PERIOD, P_ELLIPSIS, P_QUESTION, P_EXCLAM, P_COLON, P_SEMI, P_COMMA };

static const char *const punct_names[] = {
	N_("no final punctuation"), N_("a full stop"), N_("an ellipsis"),
	N_("a question mark"), N_("an exclamation mark"), N_("a colon"),
	N_("a semicolon"), N_("a comma"),
};

/* Closing quotes and brackets, looked through for the final mark. */
static bool
closing_char(UChar32 c)
{
	switch (c) {
	case '"': case '\'': case ')': case ']': case 0x201D: case 0x2019:
	case 0xBB: case 0x300D: case 0x300F: case 0x3009: case 0x300B:
	case 0xFF09:
		return true;
	default:
		return false;
	}
}

static int
final_punct(const char *s, ms_buf *tmp)
{
	strip_tags(s, tmp);
	size_t i = tmp->len;
	const char *t = tmp->ptr;
	while (i > 0) {
		size_t j = i;
		UChar32 c = prev_cp(t, &j);
		if (u_isUWhiteSpace(c) || closing_char(c)) {
			i = j;
			continue;
		}
		switch (c) {
		case '.':
			if (i >= 3 && !strncmp(t + i - 3, "...", 3))
				return P_ELLIPSIS;
			return P_PERIOD;
		case 0x3002: case 0xFF0E:
			return P_PERIOD;
		case 0x2026:
			return P_ELLIPSIS;
		case '?': case 0xFF1F:
			return P_QUESTION;
		case '!': case 0xFF01:
			return P_EXCLAM;
		case ':': case 0xFF1A:
			return P_COLON;
		case ';': case 0xFF1B:
			return P_SEMI;
		case ',': case 0x3001: case 0xFF0C:
			return P_COMMA;
		default:
			return P_NONE;
		}
	}
	return P_NONE;
}

static void
check_punct(ectx *x)
{
	int a = final_punct(x->src, &x->c->a), b = final_punct(x->tgt, &x->c->a);
	if (a == b)
		return;
	/* a salutation or closing: "Dear …," is "…:" in Spanish, nothing in
	 * Korean */
	if (a == P_COMMA && (b == P_NONE || b == P_COLON))
		return;
	report(x, C_PUNCT, NULL, NULL,
	       _("the translation ends with %s, the source with %s"),
	       _(punct_names[b]), _(punct_names[a]));
}

/* A language whose profile says typography.inverted-marks (Spanish)
 * opens questions and exclamations with ¿ and ¡. */
static void
check_spanish_marks(ectx *x)
{
	lprof_load(&x->c->tlp, x->c->profiles, x->lang);
	if (!x->c->tlp.inverted_marks)
		return;
	ms_buf *t = &x->c->a;
	strip_tags(x->tgt, t);
	bool open_q = false, open_e = false, bad_q = false, bad_e = false;
	for (size_t i = 0; i < t->len;) {
		UChar32 c = next_cp(t->ptr, t->len, &i);
		bool url = i < t->len && !isspace((unsigned char)t->ptr[i])
		           && isalnum((unsigned char)t->ptr[i]);
		if (c == 0xBF)
			open_q = true;
		else if (c == 0xA1)
			open_e = true;
		else if (c == '?' && !url) {
			bad_q |= !open_q;
			open_q = false;
		} else if (c == '!' && !url) {
			bad_e |= !open_e;
			open_e = false;
		} else if (c == '.') {
			open_q = open_e = false;
		}
	}
	if (bad_q)
		report(x, C_ES_MARKS, NULL, NULL,
		       _("a question ends with '?' without an opening '¿'"));
	if (bad_e)
		report(x, C_ES_MARKS, NULL, NULL,
		       _("an exclamation ends with '!' without an opening '¡'"));
}

/* ======================================================== doubled-words */

static void
check_doubled(ectx *x)
{
	ms_buf *t = &x->c->a;
	strip_tags(x->tgt, t);
	size_t pa = 0, pl = 0;   /* previous word */
	bool have = false, gap_space = false;
	for (size_t i = 0; i < t->len;) {
		size_t st = i;
		UChar32 c = next_cp(t->ptr, t->len, &i);
		if (!u_isalpha(c)) {
			if (!u_isUWhiteSpace(c))
				have = false;
			gap_space = true;
			continue;
		}
		size_t en = i;
		while (en < t->len) {
			size_t j = en;
			if (!u_isalpha(next_cp(t->ptr, t->len, &j)))
				break;
			en = j;
		}
		i = en;
		if (have && gap_space && en - st == pl) {
			ms_buf f1 = MS_BUF_INIT, f2 = MS_BUF_INIT;
			fold_text(t->ptr + pa, pl, &f1);
			fold_text(t->ptr + st, pl, &f2);
			bool same = !strcmp(f1.ptr, f2.ptr);
			if (same) {
				/* a doubling the source has too is intended */
				ms_buf pair = MS_BUF_INIT;
				ms_buf_printf(&pair, "%.*s %.*s", (int)pl, t->ptr + pa, (int)pl, t->ptr + st);
				if (!strcasestr(x->src, pair.ptr))
					report(x, C_DOUBLED, NULL, NULL,
					       _("the word \"%.*s\" is repeated"), (int)pl, t->ptr + st);
				ms_buf_release(&pair);
			}
			ms_buf_release(&f1);
			ms_buf_release(&f2);
		}
		pa = st;
		pl = en - st;
		have = true;
		gap_space = false;
	}
}

/* ============================================================= spelling */

/* A language's speller, with the folder whose word list it has read. */
typedef struct spell_lang {
	char *lang;
	char *folder;            /* words-<lang>.txt read from here; NULL */
	ms_speller *sp;          /* NULL: no dictionary (said once) */
} spell_lang;

static void
add_words_of(ms_speller *sp, const char *text)
{
	/* a form of the glossary, a name: each word of it */
	size_t len = strlen(text);
	for (size_t i = 0; i < len;) {
		size_t st = i;
		UChar32 c = next_cp(text, len, &i);
		if (!u_isalpha(c))
			continue;
		size_t en = i;
		while (en < len) {
			size_t j = en;
			UChar32 d = next_cp(text, len, &j);
			if (!u_isalpha(d) && u_charType(d) != U_NON_SPACING_MARK)
				break;
			en = j;
		}
		ms_speller_add(sp, text + st, en - st);
		i = en;
	}
}

static void
add_form(const char *form, void *data)
{
	add_words_of(data, form);
}

/* The project's word list LANG in FOLDER (words-<lang>.txt: one word a
 * line, '#' comments), when there is one. */
static void
read_word_list(ms_speller *sp, const char *folder, const char *lang)
{
	ms_buf path = MS_BUF_INIT;
	ms_buf_printf(&path, "%s/words-%s.txt", folder, lang);
	FILE *f = fopen(path.ptr, "r");
	if (!f && ms_lang_primary_len(lang) < strlen(lang)) {
		ms_buf_reset(&path);
		ms_buf_printf(&path, "%s/words-%.*s.txt", folder, (int)ms_lang_primary_len(lang),
		              lang);
		f = fopen(path.ptr, "r");
	}
	char line[512];
	while (f && fgets(line, sizeof line, f)) {
		char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		size_t n = strcspn(p, "#\r\n");
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n)
			ms_speller_add(sp, p, n);
	}
	if (f)
		fclose(f);
	ms_buf_release(&path);
}

/* Does the entry hold a name (its extracted comment gives it a role of
 * names, organisations or addresses)?  Its words are names, not words of
 * the dictionary. */
static bool
name_role(const ms_entry *e)
{
	static const char *const roles[] = { "name", "organisation", "affiliation",
	                                     "address line", NULL };
	for (const char *p = e->extracted; p && *p;) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		if (strncmp(p, "glossary:", 9) && strncmp(p, "<", 1))
			for (size_t k = 0; roles[k]; k++) {
				size_t rl = strlen(roles[k]);
				for (size_t i = 0; i + rl <= n; i++)
					if (!memcmp(p + i, roles[k], rl))
						return true;
			}
		p = eol ? eol + 1 : NULL;
	}
	return false;
}

/* The speller for LANG, made on first use (NULL when the language has
 * no dictionary), with the glossary's forms and the word list of the
 * folder of PO_FILE. */
static ms_speller *
speller_for(ectx *x)
{
	ms_checker *c = x->c;
	spell_lang *sl = NULL;
	for (size_t i = 0; i < c->nspl && !sl; i++)
		if (!strcmp(c->spl[i].lang, x->lang))
			sl = &c->spl[i];
	if (!sl) {
		lprof_load(&c->tlp, c->profiles, x->lang);
		c->spl = ms_xrealloc(c->spl, (c->nspl + 1) * sizeof *c->spl);
		sl = &c->spl[c->nspl++];
		memset(sl, 0, sizeof *sl);
		sl->lang = ms_xstrdup(x->lang);
		if (!c->tlp.hunspell)
			return NULL;
		ms_diag_handler quiet = { NULL, NULL, 0, 0 };
		if (ms_speller_new(c->tlp.hunspell, c->tlp.compounds, c->tlp.hunspell_noun,
		                   &sl->sp, &quiet) != MS_OK) {
			report(x, C_SPELLING, NULL, NULL,
			       _("no hunspell dictionary '%s' for '%s': spelling not checked"),
			       c->tlp.hunspell, x->lang);
			return NULL;
		}
		if (c->g)
			ms_glossary_forms(c->g, x->lang, add_form, sl->sp);
	}
	if (sl->sp && x->file) {
		const char *slash = strrchr(x->file, '/');
		char *folder = slash ? ms_xstrndup(x->file, (size_t)(slash - x->file))
		                     : ms_xstrdup(".");
		if (!sl->folder || strcmp(sl->folder, folder)) {
			read_word_list(sl->sp, folder, x->lang);
			free(sl->folder);
			sl->folder = folder;
		} else
			free(folder);
	}
	return sl->sp;
}

static void
check_spelling(ectx *x)
{
	ms_checker *c = x->c;
	if (name_role(x->e))
		return;
	ms_speller *sp = speller_for(x);
	if (!sp)
		return;
	UScriptCode script = c->tlp.script;
	ms_buf *t = &c->a;
	strip_tags(x->tgt, t);
	const char *p = t->ptr;
	size_t len = t->len, reported = 0;
	for (size_t i = 0; i < len && reported < 3;) {
		size_t st = i;
		UChar32 ch = next_cp(p, len, &i);
		if (!u_isalpha(ch))
			continue;
		size_t en = i, letters = 1;
		bool upper = u_isupper(ch), lower = u_islower(ch);
		while (en < len) {
			size_t j = en;
			UChar32 d = next_cp(p, len, &j);
			if (u_charType(d) == U_NON_SPACING_MARK) {
				en = j;
				continue;
			}
			if (!u_isalpha(d))
				break;
			upper |= u_isupper(d);
			lower |= u_islower(d);
			letters++;
			en = j;
		}
		i = en;
		UErrorCode err = U_ZERO_ERROR;
		bool skip = letters < 2
		            || (script != USCRIPT_INVALID_CODE
		                && uscript_getScript(ch, &err) != script)
		            || (upper && !lower && letters >= 2)       /* an acronym */
		            || (st > 0 && strchr("%.@/_", p[st - 1]))   /* URLs, e-mail */
		            || (en < len && strchr("@/_", p[en]))
		            || (en + 1 < len && p[en] == '.' && isalnum((unsigned char)p[en + 1]))
		            || (st > 0 && isdigit((unsigned char)p[st - 1]))   /* 80차 */
		            || (en < len && isdigit((unsigned char)p[en]))
		            || word_in(x->src, p + st, en - st);        /* kept from the source */
		if (skip || ms_speller_check(sp, p + st, en - st))
			continue;
		ms_buf sugg = MS_BUF_INIT;
		if (ms_speller_suggest(sp, p + st, en - st, 3, &sugg))
			report(x, C_SPELLING, NULL, NULL,
			       _("\"%.*s\" is not a known word (suggestions: %s)"), (int)(en - st),
			       p + st, sugg.ptr);
		else
			report(x, C_SPELLING, NULL, NULL, _("\"%.*s\" is not a known word"),
			       (int)(en - st), p + st);
		ms_buf_release(&sugg);
		reported++;
	}
}

/* ============================================================= the run */

ms_status
ms_checker_new(const ms_config *cfg, const ms_glossary *g, ms_checker **out,
               ms_diag_handler *h)
{
	*out = NULL;
	ms_checker *c = ms_xcalloc(1, sizeof *c);
	c->cfg = cfg;
	c->g = g;
	c->src_lang = cfg && cfg->source_lang ? cfg->source_lang : "en";
	c->profiles = ms_config_profiles(cfg); /* the project's own first */
	if (g) {
		ms_status st = ms_gloss_matcher_new(g, &c->gm, h);
		if (st != MS_OK) {
			free(c);
			return st;
		}
	}
	for (int i = 0; i < C_COUNT; i++) {
		c->on[i] = true;
		c->sev[i] = cfg ? ms_config_check_severity(cfg, check_table[i].id,
		                                           check_table[i].dflt, &c->on[i])
		                : check_table[i].dflt;
	}
	c->pofile = po_file_create();
	if (c->pofile) {
		po_message_iterator_t it = po_message_iterator(c->pofile, NULL);
		c->pomsg = po_message_create();
		po_message_set_msgid(c->pomsg, "x");
		po_message_set_msgstr(c->pomsg, "x");
		po_message_insert(it, c->pomsg);
		po_message_iterator_free(it);
	}
	ms_buf_init(&c->a, 256);
	ms_buf_init(&c->b, 256);
	*out = c;
	return MS_OK;
}

void
ms_checker_errors_only(ms_checker *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < C_COUNT; i++)
		if (c->sev[i] < MS_ERROR)
			c->on[i] = false;
}

void
ms_checker_free(ms_checker *c)
{
	if (!c)
		return;
	if (c->pofile)
		po_file_free(c->pofile);
	ms_gloss_matcher_free(c->gm);
	spellout_release(&c->sp);
	lprof_release(&c->srcp);
	lprof_release(&c->tlp);
	for (size_t i = 0; i < c->nspl; i++) {
		free(c->spl[i].lang);
		free(c->spl[i].folder);
		ms_speller_free(c->spl[i].sp);
	}
	free(c->spl);
	ms_buf_release(&c->a);
	ms_buf_release(&c->b);
	free(c);
}

/* Is S empty or only white space (Unicode White_Space)?  A blank msgstr
 * is untranslated, not a translation into nothing. */
static bool
blank(const char *s)
{
	size_t len = s ? strlen(s) : 0;
	for (size_t i = 0; i < len;)
		if (!u_isUWhiteSpace(next_cp(s, len, &i)))
			return false;
	return true;
}

static void
check_pair(ectx *x, const char *src, const char *tgt)
{
	x->src = src;
	x->tgt = tgt;
	if (x->c->on[C_TAGS])
		check_tags(x);
	if (x->c->on[C_LINK])
		check_link_targets(x);
	if (x->c->on[C_NUMBERS] || x->c->on[C_NUMFMT])
		check_numbers(x);
	if (x->c->on[C_URLS])
		check_urls(x);
	if (x->c->on[C_GETTEXT])
		check_gettext(x);
	check_glossary(x);
	if (x->c->on[C_UNTRANSLATED])
		check_untranslated(x);
	if (x->c->on[C_WHITESPACE])
		check_whitespace(x);
	if (x->c->on[C_CHARS])
		check_characters(x);
	if (x->c->on[C_PUNCT])
		check_punct(x);
	if (x->c->on[C_ES_MARKS])
		check_spanish_marks(x);
	if (x->c->on[C_DOUBLED])
		check_doubled(x);
	if (x->c->on[C_SPELLING])
		check_spelling(x);
}

void
ms_checker_entry(ms_checker *c, const ms_entry *e, const char *po_file,
                 const char *lang, ms_finding_fn fn, void *data,
                 size_t *errors, size_t *warnings)
{
	if (!c || !e || !e->msgid || !*e->msgid || e->obsolete || e->fuzzy)
		return;
	bool plural = e->msgid_plural && e->msgstr_plural && e->msgstr_plural[0];
	if (!ms_entry_is_translated(e))
		return;
	ectx x;
	ectx_begin(&x, c, e, po_file, lang, fn, data, errors, warnings);
	x.tgt = plural ? e->msgstr_plural[0] : e->msgstr;
	read_ignores(&x);
	if (plural && c->nplurals > 0) {
		size_t forms = 0;
		while (e->msgstr_plural[forms])
			forms++;
		if (forms != (size_t)c->nplurals)
			report(&x, C_PLURALS, NULL, NULL,
			       _("plural forms: %zu in the entry, nplurals=%ld in the header's Plural-Forms"),
			       forms, c->nplurals);
	}
	if (plural) {
		for (size_t i = 0; e->msgstr_plural[i]; i++)
			if (!blank(e->msgstr_plural[i]))
				check_pair(&x, i ? e->msgid_plural : e->msgid, e->msgstr_plural[i]);
	} else
		check_pair(&x, e->msgid, e->msgstr);
	for (size_t i = 0; i < x.nign; i++) {
		free(x.ign[i].id);
		free(x.ign[i].reason);
	}
	free(x.ign);
}

/* The words of the catalogue's names (entries whose role is a name, an
 * organisation, an address), accepted by the speller of LANG before the
 * entries are checked: 이재명 in a body sentence is the recipient's name. */
static void
spell_names(ms_checker *c, const ms_catalog *po, const char *po_file, const char *lang,
            ms_finding_fn fn, void *data, size_t *errors, size_t *warnings)
{
	ectx x;
	ectx_begin(&x, c, NULL, po_file, lang, fn, data, errors, warnings);
	size_t n = ms_catalog_count(po);
	ms_speller *sp = NULL;
	for (size_t i = 0; i < n; i++) {
		const ms_entry *e = ms_catalog_entry(po, i);
		if (!ms_entry_is_translated(e) || !name_role(e))
			continue;
		if (!sp) {
			x.e = e;
			x.src = e->msgid;
			x.tgt = e->msgstr;
			if (!(sp = speller_for(&x)))
				return;
		}
		add_words_of(sp, e->msgstr);
	}
}

/* ========================================================== plural-forms */

/* A Plural-Forms expression, parsed as gettext reads it: the C operators
 * ?: || && == != < > <= >= + - * / % ! and parentheses over n and
 * decimal numbers, evaluated in unsigned long. */
typedef struct pexpr {
	char op;                 /* 'n', '#' (number), '!', '?', or a binary
	                            operator: | & = ~ (!=) < > l (<=) g (>=)
	                            + - * / % */
	unsigned long num;
	int a, b, c;             /* operands: indexes in the node array */
} pexpr;

typedef struct pparse {
	const char *p;
	pexpr node[128];
	int n;
	bool bad;
} pparse;

static int p_ternary(pparse *x);

static void
p_space(pparse *x)
{
	while (*x->p == ' ' || *x->p == '\t')
		x->p++;
}

static int
p_node(pparse *x, char op, int a, int b, int c, unsigned long val)
{
	if (x->n == (int)MS_ARRAY_SIZE(x->node)) {
		x->bad = true;
		return 0;
	}
	x->node[x->n] = (pexpr){ op, val, a, b, c };
	return x->n++;
}

static int
p_primary(pparse *x)
{
	p_space(x);
	if (*x->p == 'n') {
		x->p++;
		return p_node(x, 'n', -1, -1, -1, 0);
	}
	if (isdigit((unsigned char)*x->p)) {
		char *end;
		unsigned long v = strtoul(x->p, &end, 10);
		x->p = end;
		return p_node(x, '#', -1, -1, -1, v);
	}
	if (*x->p == '!') {
		x->p++;
		return p_node(x, '!', p_primary(x), -1, -1, 0);
	}
	if (*x->p == '(') {
		x->p++;
		int r = p_ternary(x);
		p_space(x);
		if (*x->p != ')')
			x->bad = true;
		else
			x->p++;
		return r;
	}
	x->bad = true;
	return 0;
}

/* The binary operator at x->p of precedence LEVEL (0: ||, 1: &&, 2: ==
 * !=, 3: < > <= >=, 4: + -, 5: * / %): its code, and its length in *LEN;
 * 0 when none. */
static char
p_binop(pparse *x, int level, size_t *len)
{
	static const struct { int level; const char *text; char op; } ops[] = {
		{ 0, "||", '|' }, { 1, "&&", '&' }, { 2, "==", '=' }, { 2, "!=", '~' },
		{ 3, "<=", 'l' }, { 3, ">=", 'g' }, { 3, "<", '<' }, { 3, ">", '>' },
		{ 4, "+", '+' }, { 4, "-", '-' }, { 5, "*", '*' }, { 5, "/", '/' },
		{ 5, "%", '%' },
	};
	p_space(x);
	for (size_t i = 0; i < MS_ARRAY_SIZE(ops); i++)
		if (ops[i].level == level && !strncmp(x->p, ops[i].text, strlen(ops[i].text))) {
			*len = strlen(ops[i].text);
			return ops[i].op;
		}
	return 0;
}

static int
p_binary(pparse *x, int level)
{
	if (level > 5)
		return p_primary(x);
	int a = p_binary(x, level + 1);
	size_t len;
	char op;
	while (!x->bad && (op = p_binop(x, level, &len))) {
		x->p += len;
		a = p_node(x, op, a, p_binary(x, level + 1), -1, 0);
	}
	return a;
}

static int
p_ternary(pparse *x)
{
	int cond = p_binary(x, 0);
	p_space(x);
	if (x->bad || *x->p != '?')
		return cond;
	x->p++;
	int a = p_ternary(x);
	p_space(x);
	if (*x->p != ':') {
		x->bad = true;
		return 0;
	}
	x->p++;
	return p_node(x, '?', cond, a, p_ternary(x), 0);
}

/* The value of node I for N; *DIV0 set on a division by zero. */
static unsigned long
p_eval(const pparse *x, int i, unsigned long n, bool *div0)
{
	const pexpr *e = &x->node[i];
	unsigned long a, b;
	switch (e->op) {
	case 'n': return n;
	case '#': return e->num;
	case '!': return !p_eval(x, e->a, n, div0);
	case '?': return p_eval(x, e->a, n, div0) ? p_eval(x, e->b, n, div0)
	                                         : p_eval(x, e->c, n, div0);
	default: break;
	}
	a = p_eval(x, e->a, n, div0);
	b = p_eval(x, e->b, n, div0);
	switch (e->op) {
	case '|': return a || b;
	case '&': return a && b;
	case '=': return a == b;
	case '~': return a != b;
	case '<': return a < b;
	case '>': return a > b;
	case 'l': return a <= b;
	case 'g': return a >= b;
	case '+': return a + b;
	case '-': return a - b;
	case '*': return a * b;
	case '/':
	case '%':
		if (!b) {
			*div0 = true;
			return 0;
		}
		return e->op == '/' ? a / b : a % b;
	}
	return 0;
}

/* The header's Plural-Forms as msgfmt -c checks it: present when the
 * catalogue has plural entries, nplurals a number, the expression
 * well-formed, and for n = 0 … 1000 neither a division by zero nor a
 * value outside 0 … nplurals - 1.  Findings go on the header entry. */
static void
check_plural_header(ms_checker *c, const ms_catalog *po, const char *po_file,
                    const char *lang, ms_finding_fn fn, void *data,
                    size_t *errors, size_t *warnings)
{
	/* the header entry is not among the entries (catalog.h) */
	const ms_entry *header = po->header ? &po->header->pub : NULL, *has_plural = NULL;
	size_t n = ms_catalog_count(po);
	for (size_t i = 0; i < n && !has_plural; i++) {
		const ms_entry *e = ms_catalog_entry(po, i);
		if (!e->obsolete && e->msgid_plural && ms_entry_is_translated(e))
			has_plural = e;
	}
	char *pf = ms_catalog_header_get(po, "Plural-Forms");
	const char *plural = pf ? strstr(pf, "plural=") : NULL;
	const char *np = pf ? strstr(pf, "nplurals=") : NULL;
	ectx x;
	ectx_begin(&x, c, header ? header : has_plural, po_file, lang, fn, data, errors,
	           warnings);
	x.src = x.tgt = "";
	if (!x.e) {
		free(pf);
		return;
	}
	if (has_plural && (!plural || !np)) {
		report(&x, C_PLURALS, NULL, NULL,
		       !plural ? _("message catalog has plural form translations, but the header "
		                   "lacks a \"plural=EXPRESSION\" attribute")
		               : _("message catalog has plural form translations, but the header "
		                   "lacks a \"nplurals=INTEGER\" attribute"));
		free(pf);
		return;
	}
	if (!plural || !np) {
		free(pf);
		return;
	}
	const char *v = np + 9;
	while (*v == ' ' || *v == '\t')
		v++;
	if (!isdigit((unsigned char)*v)) {
		report(&x, C_PLURALS, NULL, NULL, _("invalid nplurals value"));
		free(pf);
		return;
	}
	unsigned long nplurals = strtoul(v, NULL, 10);
	pparse pp;
	memset(&pp, 0, sizeof pp);
	pp.p = plural + 7;
	int root = p_ternary(&pp);
	p_space(&pp);
	if (pp.bad || (*pp.p && *pp.p != ';' && *pp.p != '\n')) {
		report(&x, C_PLURALS, NULL, NULL, _("invalid plural expression"));
		free(pf);
		return;
	}
	for (unsigned long k = 0; k <= 1000; k++) {
		bool div0 = false;
		unsigned long val = p_eval(&pp, root, k, &div0);
		if (div0) {
			report(&x, C_PLURALS, NULL, NULL,
			       _("plural expression can produce division by zero"));
			break;
		}
		if ((long)val < 0) {
			report(&x, C_PLURALS, NULL, NULL,
			       _("plural expression can produce negative values"));
			break;
		}
		if (val >= nplurals) {
			report(&x, C_PLURALS, NULL, NULL,
			       _("nplurals = %lu but plural expression can produce values as large "
			         "as %lu"), nplurals, val);
			break;
		}
	}
	free(pf);
}

bool
ms_check_names_entry(const ms_entry *e)
{
	return e && ms_entry_is_translated(e) && name_role(e);
}

ms_status
ms_checker_run(ms_checker *c, const ms_catalog *po, const char *po_file,
               const char *lang, ms_finding_fn fn, void *data,
               size_t *errors, size_t *warnings)
{
	return ms_checker_run_some(c, po, po_file, lang, NULL, NULL, fn, data,
	                           errors, warnings);
}

ms_status
ms_checker_run_some(ms_checker *c, const ms_catalog *po, const char *po_file,
                    const char *lang, ms_entry_want_fn want, void *want_data,
                    ms_finding_fn fn, void *data, size_t *errors, size_t *warnings)
{
	size_t ne = 0, nw = 0;
	size_t n = po ? ms_catalog_count(po) : 0;
	char *pf = po ? ms_catalog_header_get(po, "Plural-Forms") : NULL;
	const char *np = pf ? strstr(pf, "nplurals") : NULL;
	/* "nplurals=N;" as msgfmt reads it; anything else: no count to hold
	 * entries to (msgfmt -c reports a broken header) */
	if (c) {
		c->nplurals = 0;
		if (np) {
			np += strlen("nplurals");
			while (*np == ' ' || *np == '\t')
				np++;
			if (*np == '=') {
				char *end;
				long v = strtol(np + 1, &end, 10);
				if (end > np + 1 && v > 0 && v < 100)
					c->nplurals = v;
			}
		}
	}
	if (c && po && c->on[C_PLURALS])
		check_plural_header(c, po, po_file, lang, fn, data, &ne, &nw);
	if (c && po && c->on[C_SPELLING] && lang)
		spell_names(c, po, po_file, lang, fn, data, &ne, &nw);
	for (size_t i = 0; i < n; i++)
		if (!want || want(ms_catalog_entry(po, i), want_data))
			ms_checker_entry(c, ms_catalog_entry(po, i), po_file, lang, fn, data,
			                 &ne, &nw);
	if (c)
		c->nplurals = 0;
	free(pf);
	if (errors)
		*errors = ne;
	if (warnings)
		*warnings = nw;
	return ne ? MS_ERR_FINDINGS : MS_OK;
}

/* ================================================================ output */

/* S as a JSON string (quotes included); invalid UTF-8 becomes U+FFFD. */
static void
json_string(ms_buf *out, const char *s)
{
	ms_buf_put_json(out, s, false);
}

void
ms_finding_to_json(const ms_finding *f, ms_buf *out)
{
	ms_buf_puts(out, "{\"file\":");
	json_string(out, f->file);
	if (f->line)
		ms_buf_printf(out, ",\"line\":%u", f->line);
	else
		ms_buf_puts(out, ",\"line\":null");
	ms_buf_puts(out, ",\"msgctxt\":");
	json_string(out, f->msgctxt);
	ms_buf_puts(out, ",\"msgid\":");
	json_string(out, f->msgid);
	ms_buf_puts(out, ",\"language\":");
	json_string(out, f->lang);
	ms_buf_puts(out, ",\"check\":");
	json_string(out, f->check);
	ms_buf_puts(out, ",\"term\":");
	json_string(out, f->term);
	ms_buf_puts(out, ",\"verdict\":");
	json_string(out, f->verdict);
	ms_buf_puts(out, ",\"severity\":");
	json_string(out, ms_check_severity_name(f->severity));
	ms_buf_puts(out, ",\"message\":");
	json_string(out, f->message);
	ms_buf_printf(out, ",\"suppressed\":%s", f->suppressed ? "true" : "false");
	if (f->suppressed) {
		ms_buf_puts(out, ",\"reason\":");
		json_string(out, f->suppress_reason ? f->suppress_reason : "");
	}
	ms_buf_putc(out, '}');
}

void
ms_finding_to_text(const ms_finding *f, ms_buf *out)
{
	ms_buf_puts(out, f->file ? f->file : "-");
	if (f->line)
		ms_buf_printf(out, ":%u", f->line);
	ms_buf_printf(out, ": %s: [%s] %s", _(ms_check_severity_name(f->severity)),
	              f->check, f->message);
	if (f->suppressed)
		ms_buf_printf(out, _(" (suppressed: %s)"),
		              f->suppress_reason && *f->suppress_reason
		              ? f->suppress_reason : _("no reason given"));
}

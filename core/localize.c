/* localize.c — from the source letter and a catalogue to the letter in
 * another language, with that language's conventions. */
#include "internal.h"
#include "langtag.h"
#include "localize.h"
#include "profile.h"
#include "units.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>

/* Letters are dated in the proleptic Gregorian calendar: ICU's
 * Gregorian calendar switches to the Julian one before 1582-10-15
 * ("1582-10-10" would become October 20, 1582), unless the change is
 * moved to the beginning of time. */
static void
proleptic(UCalendar *cal, UErrorCode *err)
{
	ucal_setGregorianChange(cal, U_DATE_MIN, err);
}

/* The ICU date style LANG's profile in SET asks for (dates.style). */
static UDateFormatStyle
date_style(ms_profiles *set, const char *lang)
{
	const ms_profile *p = NULL;
	const char *s;
	if (ms_profiles_get(set, lang, &p, NULL) != MS_OK)
		p = NULL;
	s = ms_profile_str_or(p, "dates.style", "long");
	return !strcmp(s, "full") ? UDAT_FULL : !strcmp(s, "medium")
	       ? UDAT_MEDIUM : UDAT_LONG;
}

/* DATE in LANG, in the style its profile in SET asks for. */
static char *
localize_date(ms_profiles *set, const ms_date *date, const char *lang)
{
	/* Opening a date format loads the locale's patterns and symbols, which
	 * costs far more than formatting; a build formats two dates per letter
	 * in each language, so the formats opened are kept, one per language
	 * (a few: languages are built in parallel threads).  ICU formats are
	 * not safe to share between threads: formatting holds the lock. */
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static struct { UDateFormat *fmt; UDateFormatStyle style; char lang[64]; } cache[8];
	static size_t next_slot;
	UErrorCode err = U_ZERO_ERROR;
	UChar tz[] = { 'U', 'T', 'C', 0 };
	UChar out[128];
	char utf8[512];
	int32_t n = 0, m;
	UCalendar *cal;
	UDate when;
	UDateFormat *fmt = NULL;
	UDateFormatStyle style;

	if (!date->year)
		return NULL;
	cal = ucal_open(tz, -1, "en_US", UCAL_GREGORIAN, &err);
	if (U_FAILURE(err))
		return NULL;
	proleptic(cal, &err);
	ucal_clear(cal);
	ucal_setDate(cal, date->year, date->month - 1, date->day, &err);
	when = ucal_getMillis(cal, &err);
	ucal_close(cal);
	if (U_FAILURE(err))
		return NULL;
	/* A tag this long is no language tag: no date rather than a cut one. */
	if (strlen(lang) >= sizeof cache[0].lang)
		return NULL;
	style = date_style(set, lang);
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < MS_ARRAY_SIZE(cache) && !fmt; i++)
		if (cache[i].fmt && cache[i].style == style
		    && !strcmp(cache[i].lang, lang))
			fmt = cache[i].fmt;
	if (!fmt) {
		size_t k = next_slot++ % MS_ARRAY_SIZE(cache);
		fmt = udat_open(UDAT_NONE, style, lang, tz, -1, NULL, 0, &err);
		if (U_SUCCESS(err)) {
			/* the format's own calendar too, or it would print
			 * the date in the Julian calendar */
			UCalendar *fcal = ucal_clone(udat_getCalendar(fmt), &err);
			if (U_SUCCESS(err)) {
				proleptic(fcal, &err);
				udat_setCalendar(fmt, fcal);
				ucal_close(fcal);
			}
			if (U_FAILURE(err))
				udat_close(fmt);
		}
		if (U_FAILURE(err)) {
			fmt = NULL;
		} else {
			if (cache[k].fmt)
				udat_close(cache[k].fmt);
			cache[k].fmt = fmt;
			cache[k].style = style;
			strcpy(cache[k].lang, lang);
		}
	}
	if (fmt)
		n = udat_format(fmt, when, out, (int32_t)MS_ARRAY_SIZE(out), NULL, &err);
	pthread_mutex_unlock(&lock);
	if (U_FAILURE(err) || n <= 0)
		return NULL;
	u_strToUTF8(utf8, (int32_t)sizeof utf8, &m, out, n, &err);
	if (U_FAILURE(err))
		return NULL;
	return ms_xstrndup(utf8, (size_t)m);
}

char *
ms_localize_date(const ms_date *date, const char *lang)
{
	return localize_date(ms_profiles_default(), date, lang);
}

void
ms_localize_dates(ms_letter *l, ms_profiles *set)
{
	const char *lang = l->lang ? l->lang : "en";
	if (!set)
		set = ms_profiles_default();
	free(l->date_text);
	free(l->as_of_text);
	l->date_text = localize_date(set, &l->date, lang);
	l->as_of_text = localize_date(set, &l->signed_as_of, lang);
}

/* A number of the profile ("10.5"), or DFLT when unset or not one. */
static double
profile_number(const ms_profile *p, const char *key, double dflt)
{
	const char *s = ms_profile_str(p, key);
	char *end;
	double v;
	if (!s)
		return dflt;
	v = strtod(s, &end);
	return end != s && !*end && v >= 0 && v < 1000 ? v : dflt;
}

void
ms_locale_set(ms_locale *loc, const ms_config *config, const ms_profile *p,
              const char *lang, bool draft)
{
	const char *paper = config ? ms_config_paper(config, lang) : "a4";
	memset(loc, 0, sizeof *loc);
	loc->profile = p;
	loc->lang = lang;
	loc->source_lang = config ? config->source_lang : "en";
	loc->paper = paper;
	if (!strcmp(paper, "letter")) {
		loc->paper_width_pt = 612;
		loc->paper_height_pt = 792;
	} else {
		loc->paper_width_pt = 595.276;
		loc->paper_height_pt = 841.89;
	}
	loc->text_width = config ? config->text_width : 72;
	loc->draft = draft;
	loc->generator = PACKAGE_STRING;
	loc->paper_links = config && config->paper_links ? config->paper_links
	                   : "after";
	if (!ms_lang_is(lang, loc->source_lang))
		loc->notice = ms_config_notice(config, lang);
	/* the language's conventions, from its profile (und's values when
	 * it has none: the same defaults as data/lang/und.yaml) */
	loc->date_align = ms_profile_str_or(p, "layout.date-align", "left");
	loc->name_after_title = ms_profile_bool(p, "layout.name-after-title",
	                                        false);
	loc->recipient_suffix = ms_profile_str_or(p, "layout.recipient-suffix",
	                                          "");
	loc->line_break = ms_profile_str_or(p, "typography.line-break",
	                                    "normal");
	loc->emphasis = ms_profile_str_or(p, "typography.emphasis", "italic");
	loc->font_serif = ms_profile_str_or(p, "fonts.serif", "Noto Serif");
	loc->font_sans = ms_profile_str_or(p, "fonts.sans", "Noto Sans");
	loc->font_size_pt = profile_number(p, "fonts.size", 11);
	loc->line_height = profile_number(p, "fonts.line-height", 0);
	loc->font_package = ms_profile_str_or(p, "fonts.package", "");
	loc->east_asian_lang = ms_profile_str_or(p, "fonts.east-asian-lang", "");
	{
		size_t n = 0;
		const ms_pvalue *q = ms_profile_list(p, "typography.quotes", &n);
		for (size_t i = 0; n == 4 && i < 4; i++)
			loc->quotes[i] = q[i].text;
	}
}

void
ms_locale_init(ms_locale *loc, const ms_config *config, const char *lang,
               bool draft)
{
	const ms_profile *p = NULL;
	/* A broken profile was reported where it was loaded for the build;
	 * here it means the neutral defaults. */
	if (ms_profiles_get(ms_config_profiles(config), lang, &p, NULL) != MS_OK)
		p = NULL;
	ms_locale_set(loc, config, p, lang, draft);
}

/* ------------------------------------------------------------ numbers */

/* S, a telephone or fax number, as it is dialled at home in the country
 * whose calling code is COUNTRY ("+82") with trunk prefix TRUNK ("0"):
 * "+82 2-770-4721" is "02-770-4721", "+82 (0)44 200 2144" is
 * "044 200 2144".  NULL when S is not a number of that country. */
static char *
domestic_number(const char *s, const char *country, const char *trunk)
{
	size_t n = strlen(country);
	const char *p = s;
	ms_buf b = MS_BUF_INIT;

	while (*p == ' ')
		p++;
	if (strncmp(p, country, n) != 0)
		return NULL;
	p += n;
	while (*p == ' ' || *p == '-' || *p == '.')
		p++;
	if (*trunk && !strncmp(p, "(", 1) && !strncmp(p + 1, trunk, strlen(trunk))
	    && p[1 + strlen(trunk)] == ')') {   /* "+44 (0)20 …" */
		p += strlen(trunk) + 2;
		while (*p == ' ')
			p++;
	}
	if (*p < '0' || *p > '9')
		return NULL;
	if (strncmp(p, trunk, strlen(trunk)) != 0)
		ms_buf_puts(&b, trunk);
	ms_buf_puts(&b, p);
	return ms_buf_detach(&b, NULL);
}

/* The numbers of LINES in domestic form (domestic_number), in the text
 * as written and in its one text inline. */
static void
domestic_lines(ms_line *lines, const char *country, const char *trunk)
{
	for (ms_line *ln = lines; ln; ln = ln->next) {
		ms_inline *in = ln->text.inlines;
		char *d = ln->text.src ? domestic_number(ln->text.src, country,
		                                         trunk) : NULL;
		if (!d)
			continue;
		free(ln->text.src);
		ln->text.src = d;
		if (in && in->type == MS_INLINE_TEXT && !in->next) {
			free(in->text);
			in->text = ms_xstrdup(d);
		}
	}
}

/* Telephone and fax numbers as the letter's language writes those of its
 * own country (layout.phone-country, layout.phone-trunk of its profile in
 * SET, the default set when NULL): a Korean letter gives "+82 2-770-4721"
 * as "02-770-4721". */
static void
localize_numbers(ms_letter *l, ms_profiles *set)
{
	const ms_profile *p = NULL;
	const char *country, *trunk;

	if (ms_profiles_get(set ? set : ms_profiles_default(), l->lang, &p,
	                    NULL) != MS_OK)
		return;
	country = ms_profile_str(p, "layout.phone-country");
	trunk = ms_profile_str_or(p, "layout.phone-trunk", "");
	if (!country || !*country)
		return;
	if (l->sender) {
		domestic_lines(l->sender->phone, country, trunk);
		domestic_lines(l->sender->fax, country, trunk);
	}
	for (ms_recipient *r = l->recipients; r; r = r->next)
		domestic_lines(r->fax, country, trunk);
	for (ms_recipient *r = l->cc; r; r = r->next)
		domestic_lines(r->fax, country, trunk);
}

/* ------------------------------------------------------------ translate */

typedef struct lz_ctx {
	const ms_catalog *po;
	const char *po_file;
	bool draft;
	size_t missing;
	ms_diag_handler *h;
	const char *letter_path;
	char *const *link_allow;
	ms_unit_fn watch;
	void *watch_data;
} lz_ctx;

static ms_status
translate_unit(const ms_unit *u, ms_inline **replacement, char **label,
               void *data)
{
	lz_ctx *x = data;
	ms_entry *e = ms_catalog_find(x->po, u->msgctxt, u->msgid);
	ms_severity sev = x->draft ? MS_WARNING : MS_ERROR;
	const char *why = NULL;

	if (x->watch) {
		ms_status st = x->watch(u, NULL, NULL, x->watch_data);
		if (st != MS_OK)
			return st;
	}
	if (!e || !ms_entry_has_text(e))  /* blanks are no translation */
		why = _("untranslated");
	else if (e->fuzzy)
		why = _("fuzzy");
	if (!why) {
		if (u->msgctxt && !strcmp(u->msgctxt, "label")) {
			*label = ms_xstrdup(e->msgstr);
			return MS_OK;
		}
		const ms_tag *tags = u->tags;
		ms_tag *moved = NULL;
		bool changed = false;
		if (e->comments && strstr(e->comments, "missive-link:")) {
			moved = ms_units_retarget(e->comments, u->tags, u->ntags,
			                          x->link_allow, x->po_file, e->line,
			                          &changed, x->h);
			if (moved)
				tags = moved;
		}
		if (!e->comments || !strstr(e->comments, "missive-link:") || moved)
			*replacement = ms_units_parse_tagged(e->msgstr, tags, u->ntags,
			                                     true, x->po_file, e->line, x->h);
		ms_units_tags_free(moved, u->ntags);
		if (*replacement)
			return MS_OK;
		why = _("broken inline tags or link target");
	}
	x->missing++;
	if (x->draft)
		return MS_OK;   /* drafts are summarised by the caller */
	ms_diag_emit(x->h, sev, "untranslated",
	             e && e->line ? x->po_file : x->letter_path,
	             e && e->line ? e->line : u->line, 0,
	             _("%s: %s \"%.60s%s\""), why, u->role, u->msgid,
	             strlen(u->msgid) > 60 ? "…" : "");
	return MS_OK;
}

ms_status
ms_localize_letter(const ms_letter *src, const ms_catalog *po,
                   const char *po_file, const char *lang, ms_segmenter *seg,
                   bool draft, ms_letter **out, size_t *missing,
                   ms_diag_handler *h)
{
	return ms_localize_letter_links(src, po, po_file, lang, seg, NULL, draft,
	                                NULL, NULL, out, missing, h);
}

ms_status
ms_localize_letter_links(const ms_letter *src, const ms_catalog *po,
                         const char *po_file, const char *lang,
                         ms_segmenter *seg, char *const *link_allow, bool draft,
                         ms_unit_fn watch, void *watch_data, ms_letter **out,
                         size_t *missing, ms_diag_handler *h)
{
	ms_letter *l = ms_letter_clone(src);
	ms_status st = MS_OK;
	lz_ctx x = { po, po_file, draft, 0, h, src->path, link_allow, watch, watch_data };

	free(l->lang);
	l->lang = ms_xstrdup(lang);
	if (po)
		st = ms_units_walk(l, seg, translate_unit, &x, h);
	ms_localize_dates(l, ms_segmenter_profiles(seg));
	localize_numbers(l, ms_segmenter_profiles(seg));
	if (missing)
		*missing = x.missing;
	if (st != MS_OK) {
		ms_letter_free(l);
		*out = NULL;
		return st;
	}
	l->draft = x.missing > 0;
	*out = l;
	return x.missing && !draft ? MS_ERR_BLOCKED : MS_OK;
}

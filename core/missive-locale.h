/* missive-locale.h — how a letter should look in its language.
 *
 * An ms_locale is everything a writer needs to know that is not in the
 * letter itself: paper, wrap width, the layout, typography and fonts of
 * the letter's language.  missive fills it (ms_locale_init in the
 * library, from the language's profile and missive.yaml) and hands it to
 * every writer plugin with the letter; writers read it and never test a
 * language code.  Strings are borrowed: they live as long as the render
 * call.
 *
 * The struct is part of the plugin ABI (missive-plugin.h): members are
 * only ever appended, and each addition bumps MS_PLUGIN_ABI_MINOR.  A
 * plugin built against an older minor sees the members it knows, at the
 * same offsets.  Programs that call writers themselves must fill an
 * ms_locale through the library, never by hand, so that members added
 * after they were built are set too.
 */
#ifndef MISSIVE_LOCALE_H
#define MISSIVE_LOCALE_H

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ms_locale {
	/* ---- plugin ABI 1.0 */
	const char *lang;          /* BCP 47 tag of the letter ("ko") */
	const char *source_lang;   /* the language it was written in ("en") */
	const char *paper;         /* "a4" or "letter" */
	double paper_width_pt;     /* paper size in PostScript points */
	double paper_height_pt;
	int text_width;            /* wrap width in columns for text output */
	bool draft;                /* built with --draft or fell back */
	const char *date_align;    /* "left" or "right" */
	bool name_after_title;     /* addressee as "title name suffix" on one
	                              line ("대통령 이재명 귀하"), else the name,
	                              then the title on its own line */
	const char *recipient_suffix; /* honorific after the addressee ("귀하") or "" */
	const char *font_serif;    /* font family names for paged output */
	const char *font_sans;
	const char *generator;     /* "missive 0.1.0" */

	/* ---- plugin ABI 1.1 */
	/* Where lines may break: "normal" (the Unicode line breaking
	 * rules), or "keep-all": only between words, never between the
	 * letters of a word even in scripts whose rules would allow it
	 * (Hangul, Han), as CSS word-break: keep-all. */
	const char *line_break;
	/* How emphasis is shown: "italic" (Latin scripts), "bold", or
	 * "dots" (emphasis marks above the letters).  Scripts without a
	 * true italic say "bold" or "dots": a writer never slants them. */
	const char *emphasis;
	double font_size_pt;       /* body text size for paged output */
	/* The language of East Asian text, with its region, for the font
	 * slots of formats that have them (DOCX w:eastAsia: "ko-KR"); ""
	 * for languages not written in an East Asian script. */
	const char *east_asian_lang;
	/* Distance between the baselines of a paragraph's lines, as a
	 * multiple of its font size; 0 for the font's own leading. */
	double line_height;
	/* The Debian package that provides font_serif and font_sans
	 * ("fonts-nanum"), for messages; "" when unknown. */
	const char *font_package;
	/* How paper formats show a link's address (missive.yaml
	 * paper-links): "after" its words, as a "footnote", or "hidden". */
	const char *paper_links;
	/* Quotation marks of the language: opening and closing double,
	 * opening and closing single ("“", "”", "‘", "’"); all NULL when the
	 * language's profile sets none (typewriter quotes are kept). */
	const char *quotes[4];
	/* A notice a translated letter carries before everything else
	 * ("Unofficial translation: the English original prevails"), in the
	 * letter's language (missive.yaml translation-notice); NULL for the
	 * source language and when the project sets none. */
	const char *notice;

	/* ---- plugin ABI 1.3 */
	/* The language profile the locale was made from (the project's own
	 * when it has one), where the kit reads the letter's layout
	 * patterns; opaque to writers.  NULL: the installed profile of
	 * lang. */
	const struct ms_profile *profile;
} ms_locale;

#ifdef __cplusplus
}
#endif
#endif /* MISSIVE_LOCALE_H */

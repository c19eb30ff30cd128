/* localize.h — locale conventions shared by every writer: dates formatted
 * by ICU for the target language, per-language layout data, paper size. */
#ifndef MS_LOCALIZE_H
#define MS_LOCALIZE_H

#include "missive-plugin.h"
#include "profile.h"

/* Format DATE the way LANG writes dates in formal letters ("October 28,
 * 2025", "2025년 10월 28일", "28 de octubre de 2025"), using the ICU date
 * style of LANG's installed profile (dates.style, "long" by default).  Freshly allocated; NULL when DATE is empty or ICU fails. */
char *ms_localize_date(const ms_date *date, const char *lang);

/* Fill L->date_text and L->as_of_text for L->lang, in the date style of
 * its profile in SET (NULL: ms_profiles_default()). */
void ms_localize_dates(ms_letter *l, ms_profiles *set);

/* Fill LOC for LANG from the configuration and the language's profile P
 * (data/lang/<lang>.yaml: its layout, typography and fonts sections; NULL
 * gives the root profile's neutral values).  Strings in LOC are borrowed
 * from P, CONFIG and static data. */
void ms_locale_set(ms_locale *loc, const ms_config *config,
                   const ms_profile *p, const char *lang, bool draft);
/* The same with LANG's profile from the project's set
 * (ms_config_profiles: its own profiles folder, then the installed and
 * built-in profiles). */
void ms_locale_init(ms_locale *loc, const ms_config *config, const char *lang,
                    bool draft);

#endif

#include "catalog.h"
#include "segment.h"
#include "units.h"

/* Translate SRC into LANG with the catalogue PO (NULL for the source
 * language: the letter is copied and only dates are localised).  Units
 * with no usable translation — missing, fuzzy, or with broken inline tags —
 * keep the source text and are reported at PO_FILE:LINE (warnings when
 * DRAFT, errors otherwise); their number goes to *MISSING (may be NULL) and
 * the result is marked as a draft.  *OUT is freshly allocated.  Returns
 * MS_ERR_BLOCKED when units are missing and DRAFT is false (*OUT is still
 * set so callers can list what is missing). */
ms_status ms_localize_letter(const ms_letter *src, const ms_catalog *po,
                             const char *po_file, const char *lang,
                             ms_segmenter *seg, bool draft, ms_letter **out,
                             size_t *missing, ms_diag_handler *h);
/* The same, letting translators retarget links to URLs matching
 * LINK_ALLOW (see ms_units_retarget).  WATCH (may be NULL) is called with
 * WATCH_DATA for each unit before it is translated, in document order, as
 * ms_units_walk would call it on SRC (its replacement and label
 * arguments NULL): what a caller needs of the units comes with the one
 * walk that segments them.  Not called for the source language (PO
 * NULL: no walk). */
ms_status ms_localize_letter_links(const ms_letter *src, const ms_catalog *po,
                                   const char *po_file, const char *lang,
                                   ms_segmenter *seg, char *const *link_allow,
                                   bool draft, ms_unit_fn watch, void *watch_data,
                                   ms_letter **out, size_t *missing,
                                   ms_diag_handler *h);

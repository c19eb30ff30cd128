/* localize.h — locale conventions shared by every writer: dates formatted
 * by ICU for the target language, per-language layout data, paper size. */
#ifndef MS_LOCALIZE_H
#define MS_LOCALIZE_H

#include "missive-plugin.h"

/* Format DATE the way LANG writes dates in formal letters ("October 28,
 * 2025", "2025년 10월 28일", "28 de octubre de 2025"), using ICU's long
 * date style.  Freshly allocated; NULL when DATE is empty or ICU fails. */
char *ms_localize_date(const ms_date *date, const char *lang);

/* Fill L->date_text and L->as_of_text for L->lang. */
void ms_localize_dates(ms_letter *l);

/* Fill LOC for LANG from the configuration and the built-in layout data.
 * Strings in LOC are borrowed from static data or from CONFIG. */
void ms_locale_init(ms_locale *loc, const ms_config *config, const char *lang,
                    bool draft);

#endif

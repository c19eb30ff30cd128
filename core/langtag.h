/* langtag.h — the one place that compares and checks language tags.
 * Not installed.
 *
 * missive accepts BCP 47 tags and the POSIX spellings that gettext and
 * the environment use ("ko_KR", "ko_KR.UTF-8", "es@euro"): the primary
 * subtag is what comes before the first '-', '_', '.' or '@'. */
#ifndef MS_LANGTAG_H
#define MS_LANGTAG_H

#include "missive.h"

/* True when TAG is LANG or a more specific tag of it, ignoring case:
 * ms_lang_is("ko-KR", "ko") and ms_lang_is("es_419", "es") are true,
 * ms_lang_is("kok", "ko") is false.  LANG may itself have subtags
 * ("es-419" matches "es-419-x-foo" but not "es").  False when either is
 * NULL. */
bool ms_lang_is(const char *tag, const char *lang);
/* Length of the primary language subtag of TAG ("es" in "es-419"). */
size_t ms_lang_primary_len(const char *tag);
/* True when TAG can be a language tag as missive uses them: 2 to 35
 * characters of letters, digits, '-' and '_', starting with 2 or 3
 * letters. */
bool ms_lang_valid(const char *tag);

#endif

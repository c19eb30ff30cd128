/* profile.h — language profiles: everything that varies by language, as
 * data a translator can read and extend.
 *
 * One YAML file per language, data/lang/<tag>.yaml (installed in
 * $(pkgdatadir)/lang, and compiled into libmissive as a fallback), holds
 * the language's sentence segmentation data, the glossary matcher's
 * morphology, date and number conventions, letter layout, typography and
 * fonts.  Modules read their section and never test a language code;
 * adding a language is adding a file.  doc/language-profiles.md lists
 * every key.
 *
 * Finding a profile for a tag such as "es-419": the file for the full tag,
 * else for its primary subtag ("es"), else the root profile "und".  Files
 * are looked for in the folders given to ms_profiles_new (a project's own
 * lang/ folder), then $MISSIVE_DATADIR/lang, then $(pkgdatadir)/lang, then
 * among the built-in copies.  A profile inherits every key it does not set
 * from its parent: the profile named by its `inherits:` key, else "und".
 * A key set in a profile replaces the parent's value whole (a list is
 * replaced, not extended).
 *
 * Keys are dotted paths: "layout.date-align", "segment.prefix".  The
 * schema (the known sections and keys, and their types) is one table in
 * profile.c; an unknown key is a located warning, a value of the wrong
 * type a located error. */
#ifndef MS_PROFILE_H
#define MS_PROFILE_H

#include "missive.h"

typedef struct ms_profile ms_profile;
typedef struct ms_profiles ms_profiles;

/* A set of profiles: where to look, and the profiles loaded so far.
 * DIRS (NULL-terminated, may be NULL) are searched before the installed
 * data; they are copied.  Getting profiles from several threads at once
 * is safe.  Freshly allocated; free with ms_profiles_free, which frees
 * every profile it handed out. */
ms_profiles *ms_profiles_new(char *const *dirs);
void ms_profiles_free(ms_profiles *set);
/* The set without project folders, for callers that have no project (a
 * segmenter made for `missive segment`, tests): made on first use, never
 * freed. */
ms_profiles *ms_profiles_default(void);
/* The profiles of the project configured by C: its own folder
 * (missive.yaml's `profiles:`, "lang" by default, relative to the file)
 * searched first.  ms_profiles_default() for NULL or a configuration not
 * read from a file.  Owned by C. */
ms_profiles *ms_config_profiles(const ms_config *c);
/* The folders SET searches before the installed (compiled-in) profiles:
 * NULL-terminated, owned by SET.  What a build's freshness rests on. */
char *const *ms_profiles_dirs(const ms_profiles *set);

/* The profile for LANG, loaded on first use and kept in SET.  A profile
 * file that is malformed or breaks the schema is reported through H as
 * FILE:LINE:COL and gives MS_ERR_PARSE or MS_ERR_INVALID (*OUT NULL);
 * warnings (unknown keys) are reported the first time only.  The result
 * is read-only and lives as long as SET. */
ms_status ms_profiles_get(ms_profiles *set, const char *lang,
                          const ms_profile **out, ms_diag_handler *h);

/* One value of a profile, with where it was set. */
typedef struct ms_pvalue {
	const char *text;
	const char *file;   /* a path, or "<built-in lang/ko.yaml>" */
	unsigned line, column;
} ms_pvalue;

/* The tag the profile was asked for ("es-419"), and the tag of the file
 * that provided it ("es"). */
const char *ms_profile_lang(const ms_profile *p);
const char *ms_profile_file_lang(const ms_profile *p);
/* The string at KEY, or NULL when neither the profile nor its parents
 * set it.  Borrowed. */
const char *ms_profile_str(const ms_profile *p, const char *key);
/* The same, with DFLT for NULL. */
const char *ms_profile_str_or(const ms_profile *p, const char *key,
                              const char *dflt);
/* The scalar at KEY with its location, or NULL. */
const ms_pvalue *ms_profile_value(const ms_profile *p, const char *key);
/* A boolean key ("true"/"false"); DFLT when unset. */
bool ms_profile_bool(const ms_profile *p, const char *key, bool dflt);
/* The items of the list at KEY: *N of them (0 when unset); the array is
 * borrowed. */
const ms_pvalue *ms_profile_list(const ms_profile *p, const char *key,
                                 size_t *n);
/* The keys of the mapping at KEY (such as the sections under
 * "segment"), merged over the profile and its parents, in file order,
 * the profile's own first.  Returns their number; *NAMES is borrowed. */
size_t ms_profile_keys(const ms_profile *p, const char *key,
                       const char *const **names);

#endif

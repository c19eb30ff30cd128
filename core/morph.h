/* morph.h — language data for the glossary matcher and the checks, until
 * the language profiles (core/profile.h) carry it.  Not installed.
 *
 * The morphology itself (word analysis, Korean edges) is private to the
 * glossary: see glossary-impl.h. */
#ifndef MS_MORPH_H
#define MS_MORPH_H

#include "yamltree.h"

/* The section SECTION ("morphology", "numbers", "typography") of the
 * language profile for LANG (the built-in one of its primary language,
 * else und), inherited from und when the language does not set it;
 * *FILE (may be NULL) names it for diagnostics.  NULL when neither sets
 * it.  The tree lives as long as the process.
 * TODO: read core/profile.h's profiles when they land; this is the
 * same data, in the same layout. */
const ms_ynode *morph_profile_section(const char *lang, const char *section,
                                      const char **file);

#endif

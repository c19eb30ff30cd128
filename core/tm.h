/* tm.h — translation memory and pre-translation (doc/tm.md).
 *
 * A memory holds translation units (context, source, target, where each
 * came from) for one language pair: the entries of the project's
 * catalogues (translated, not fuzzy; obsolete ones too: they are the
 * catalogue's history) and of external PO and TMX 1.4b files.  A lookup
 * returns, best first, an exact match (same source, same context), a
 * context match (same source, another context) and fuzzy matches ranked
 * by score, found by update's indexed matcher (catalog-match.h), with
 * the memory target's inline tags renumbered for the query's source
 * (tm-tags.h).
 *
 * Pre-translation fills the untranslated entries of a catalogue from a
 * memory and, for what the memory cannot fill, from a machine
 * translation engine (mt.h), and never touches an entry that has a
 * translation.  Every entry it fills is fuzzy, so that the publication
 * gate holds it until a translator accepts it, and carries a translator
 * comment saying where the text came from:
 *     # missive-origin: memory 87% po/es.po:120; text 5f3a09c1
 *     # missive-origin: mt Apertium 3.8.3, eng-spa; text 0b7d44e2
 * ("text" is a hash of the text filled in, so that a later edit by a
 * translator can be told from the text as it came).  Candidates are
 * checked as `missive check` would check them: one that uses a forbidden
 * or deprecated rendering is never offered as it is (the rendering is
 * replaced by the required one when it occurs verbatim, otherwise the
 * candidate is refused); other findings are kept as comments
 *     # missive-review: [glossary/missing] …
 * on an entry that stays fuzzy. */
#ifndef MS_TM_H
#define MS_TM_H

#include "missive.h"
#include "catalog.h"
#include "check.h"
#include "glossary.h"
#include "mt.h"

/* -------------------------------------------------------------- memory */

typedef struct ms_tm ms_tm;

/* An empty memory of translations from SRC into LANG (language tags;
 * "es-ES" variants count as "es").  Freshly allocated. */
ms_tm *ms_tm_new(const char *src, const char *lang);
void ms_tm_free(ms_tm *tm);

/* Add one unit; every string is copied.  CONTEXT may be NULL; ORIGIN
 * names where it comes from ("po/es.po"), LINE is its line there (0
 * when unknown).  A unit equal to one already held (same context,
 * source and target) is not added again.  Returns whether it was added. */
bool ms_tm_add(ms_tm *tm, const char *context, const char *source,
               const char *target, const char *origin, unsigned line);
/* Add the translated, non-fuzzy entries of PO (obsolete ones included),
 * plural entries excepted; returns how many were added. */
size_t ms_tm_add_catalog(ms_tm *tm, const ms_catalog *po, const char *origin);
/* Add the units of a memory file: a TMX file (name ending in ".tmx")
 * or a PO file.  A TMX unit is used when it has a variant in the source
 * language and one in the target language; a PO file whose Language is
 * another language is left out with a warning.  Problems in the file
 * are reported through H at PATH:LINE:COL.  *ADDED (may be NULL) gets
 * the number of units added.  Returns what reading the file returned. */
ms_status ms_tm_add_file(ms_tm *tm, const char *path, size_t *added,
                         ms_diag_handler *h);
/* Units held. */
size_t ms_tm_count(const ms_tm *tm);

typedef enum ms_tm_kind {
	MS_TM_EXACT = 0,     /* same source, same context */
	MS_TM_CONTEXT = 1,   /* same source, another context */
	MS_TM_FUZZY = 2,     /* a similar source */
} ms_tm_kind;

/* One match.  TARGET is freshly allocated (ms_tm_matches_release);
 * the other strings are borrowed from the memory. */
typedef struct ms_tm_match {
	ms_tm_kind kind;
	double score;        /* 1 for EXACT and CONTEXT */
	char *target;        /* the memory's translation, tags renumbered
	                        for the query */
	const char *source;  /* the memory unit's source */
	const char *context; /* its context (NULL when none) */
	const char *origin;  /* where it came from */
	unsigned line;
} ms_tm_match;

/* The best matches for SOURCE in CONTEXT (may be NULL): at most MAX,
 * best first, fuzzy ones with score >= MIN (0..1).  Matches whose tags
 * cannot be mapped onto SOURCE's are left out.  Returns how many were
 * stored in OUT. */
size_t ms_tm_lookup(const ms_tm *tm, const char *context, const char *source,
                    double min, ms_tm_match *out, size_t max);
void ms_tm_matches_release(ms_tm_match *m, size_t n);

/* ---------------------------------------------------------- pre-filling */

typedef struct ms_pretranslate_opts {
	const char *lang;             /* the catalogue's language */
	const char *po_file;          /* names the catalogue in findings */
	double min_score;             /* fuzzy matches below are not offered
	                                 (0..1; 0 means 0.75) */
	bool accept_exact;            /* accept exact matches (same source,
	                                 same context) that pass every check:
	                                 fuzzy cleared */
	const ms_mt_engine *mt;       /* NULL: memory only */
	const char *mt_version;       /* the engine's version, for comments */
	ms_checker *checker;          /* the checks candidates must pass;
	                                 NULL: none */
	const ms_glossary *glossary;  /* terms protected through MT; NULL */
} ms_pretranslate_opts;

typedef struct ms_pretranslate_stats {
	size_t untranslated;   /* entries without a translation before */
	size_t exact;          /* filled from memory: exact matches */
	size_t context;        /*   same source, another context */
	size_t fuzzy;          /*   fuzzy matches */
	size_t mt;             /* filled by the engine */
	size_t accepted;       /* exact matches accepted (fuzzy cleared) */
	size_t reviewed;       /* filled entries with findings in comments */
	size_t repaired;       /* forbidden or deprecated renderings replaced */
	size_t refused;        /* candidates refused for their terms */
	size_t left;           /* still untranslated */
} ms_pretranslate_stats;

/* Fill the untranslated entries of PO (empty or blank msgstr, not
 * obsolete, not plural) as described at the top of this file.  Entries
 * with a translation, fuzzy or not, are never changed.  The engine, when
 * given, runs once for all the entries the memory could not fill.
 * Returns MS_OK, or the engine's failure (the memory's work is kept in
 * PO either way). */
ms_status ms_pretranslate(ms_catalog *po, const ms_tm *tm,
                          const ms_pretranslate_opts *o,
                          ms_pretranslate_stats *stats, ms_diag_handler *h);

/* -------------------------------------------------------------- origin */

typedef enum ms_tm_origin {
	MS_ORIGIN_NONE = 0,        /* no translation */
	MS_ORIGIN_TRANSLATOR = 1,  /* written (or rewritten) by a translator */
	MS_ORIGIN_MEMORY = 2,      /* as the memory filled it */
	MS_ORIGIN_MT = 3,          /* as the engine filled it */
} ms_tm_origin;

/* Where E's translation came from, from its "missive-origin" comment:
 * MEMORY or MT while the text is still the one filled in (accepted or
 * not: E->fuzzy tells), TRANSLATOR when there is no such comment or the
 * text has changed since, NONE when E has no translation.  What
 * `missive stats` and the report count. */
ms_tm_origin ms_tm_entry_origin(const ms_entry *e);
/* Append to OUT the comment line (without "# ") recording that TEXT was
 * filled in by KIND (MS_ORIGIN_MEMORY or MS_ORIGIN_MT) as DETAIL says
 * ("87% po/es.po:120", "Apertium 3.8.3, eng-spa"):
 *     missive-origin: memory 87% po/es.po:120; text 5f3a09c1 */
void ms_tm_origin_comment(ms_tm_origin kind, const char *detail,
                          const char *text, ms_buf *out);
/* "none", "translator", "memory", "mt".  Static. */
const char *ms_tm_origin_name(ms_tm_origin o);

#endif

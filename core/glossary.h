/* glossary.h — the terminology glossary (po/glossary.yaml) and the matcher
 * that enforces it through inflection.
 *
 * A glossary is a list of terms.  Each term has English source forms and,
 * per target language, required renderings (the first is canonical),
 * forbidden and deprecated renderings (each with a reason and an optional
 * condition on the source), exception strings and a note; a `dnt` term
 * must appear verbatim in the translation.  doc/glossary.md describes the
 * file format and the matching rules for translators.
 *
 * Loading compiles every form into one multi-pattern matcher per
 * language: languages written in words (English, Spanish …) are indexed
 * by the first normalised, stemmed word of each form; languages written
 * in syllables (Korean) by the first two characters.  Checking a unit
 * therefore costs about its length, not its length times the number of
 * terms.
 *
 * A loaded glossary is never modified: several threads may use one
 * glossary at once.  What matching changes (stemmers, word caches,
 * scratch buffers) lives in an ms_gloss_matcher: one per thread.  The
 * functions taking a glossary alone (ms_glossary_match, _hints,
 * _is_verbatim) borrow a matcher from a pool inside the glossary, so they
 * are thread-safe too; a caller that matches often in one thread keeps
 * its own matcher and saves the pool's lock. */
#ifndef MS_GLOSSARY_H
#define MS_GLOSSARY_H

#include "missive.h"

typedef struct ms_glossary ms_glossary;
typedef struct ms_gloss_matcher ms_gloss_matcher;

/* Load and compile the glossary at PATH.  Problems are reported through H
 * as PATH:LINE:COL: malformed YAML, anchors and aliases (refused), wrong
 * types, a term without source forms, duplicate ids, a rendering both
 * required and forbidden in one language (errors, MS_ERR_PARSE for YAML
 * syntax and MS_ERR_INVALID otherwise) and unknown keys (warnings only).
 * On success *OUT is freshly allocated (free with ms_glossary_free); on
 * failure *OUT is NULL. */
ms_status ms_glossary_load(const char *path, ms_glossary **out,
                           ms_diag_handler *h);
/* The same with the language profiles of PROFILES (a project's: its own
 * lang/ folder first; NULL: the default set, as ms_glossary_load), which
 * give each language's morphology.  The glossary keeps what it needs of
 * them. */
typedef struct ms_profiles ms_profiles;
ms_status ms_glossary_load_with(const char *path, ms_profiles *profiles,
                                ms_glossary **out, ms_diag_handler *h);
/* The same for a glossary whose source forms are written in SOURCE_LANG
 * (a language tag, the project's `source:`; NULL: English), matched with
 * that language's morphology. */
ms_status ms_glossary_load_source(const char *path, const char *source_lang,
                                  ms_profiles *profiles, ms_glossary **out,
                                  ms_diag_handler *h);
/* The same from memory; NAME is the file name used in diagnostics. */
ms_status ms_glossary_load_mem(const char *name, const char *data, size_t len,
                               ms_glossary **out, ms_diag_handler *h);
void ms_glossary_free(ms_glossary *g);

/* Number of terms. */
size_t ms_glossary_count(const ms_glossary *g);
/* Id of term I (0-based, file order).  Borrowed. */
const char *ms_glossary_term_id(const ms_glossary *g, size_t i);

/* Append hint lines for the terms found in MSGID, one per term in order of
 * first appearance, for the languages LANGS (NULL-terminated; NULL means
 * every language of the glossary):
 *   glossary: refoulement → 강제송환 (ko); devolución (es)
 *   glossary: HanVoice → do not translate
 * Lines are separated by '\n'; a '\n' is put before the first one when OUT
 * is not empty and does not already end in one.  Nothing is appended when
 * no term occurs. */
void ms_glossary_hints(const ms_glossary *g, const char *msgid,
                       char *const *langs, ms_buf *out);

/* What the matcher says about one term in one (msgid, msgstr) pair. */
typedef enum ms_gloss_verdict {
	MS_GLOSS_OK = 0,
	MS_GLOSS_MISSING = 1,     /* source form present, no admitted rendering */
	MS_GLOSS_FORBIDDEN = 2,   /* a forbidden rendering is present */
	MS_GLOSS_DEPRECATED = 3,  /* a deprecated rendering is present */
	MS_GLOSS_DNT = 4,         /* a do-not-translate term is not verbatim */
} ms_gloss_verdict;

/* "ok", "missing", "forbidden", "deprecated", "missing" (DNT). Static. */
const char *ms_gloss_verdict_name(ms_gloss_verdict v);

/* One verdict.  Every string is borrowed from the glossary and lives as
 * long as it does. */
typedef struct ms_gloss_result {
	const char *term;       /* term id */
	const char *source;     /* the term's first English source form */
	ms_gloss_verdict verdict;
	const char *expected;   /* canonical rendering in the language (for DNT:
	                           the verbatim form); NULL when none */
	const char *found;      /* FORBIDDEN/DEPRECATED: the rendering found */
	const char *reason;     /* FORBIDDEN/DEPRECATED: its reason, or NULL */
} ms_gloss_result;

typedef void (*ms_gloss_fn)(const ms_gloss_result *r, void *data);

/* Match MSGID (English) and its translation MSGSTR in language LANG.
 * FN is called once for each term whose source occurs in MSGID (in order
 * of first occurrence), ok verdicts included, so a caller can count
 * true negatives.  A term with no rendering for LANG (and not DNT) is not
 * reported.  Returns the number of non-ok verdicts. */
size_t ms_glossary_match(const ms_glossary *g, const char *msgid,
                         const char *msgstr, const char *lang,
                         ms_gloss_fn fn, void *data);

/* True when TEXT as a whole (inline tags and outer white space ignored;
 * case, accents and spacing folded as the matcher does) is the source
 * form of a do-not-translate term, or a rendering LANG requires for a
 * term that has TEXT as a source form: a text correctly left as it is in
 * the translation. */
bool ms_glossary_is_verbatim(const ms_glossary *g, const char *text,
                             const char *lang);

/* Call FN with every form the glossary writes in language LANG (the
 * renderings of its block for LANG, required, forbidden, deprecated,
 * exceptions and not_a_rendering, chosen as ms_glossary_match chooses
 * blocks) and the source forms of do-not-translate terms: the words a
 * spelling check accepts.  FORM is borrowed for the call. */
void ms_glossary_forms(const ms_glossary *g, const char *lang,
                       void (*fn)(const char *form, void *data), void *data);

/* A matcher for G, for one thread at a time.  G is borrowed and must
 * outlive the matcher.  Returns MS_OK, or an error reported through H
 * (ICU's normalisation data or a stemmer missing) with *OUT NULL.  *OUT
 * is freshly allocated: free with ms_gloss_matcher_free. */
ms_status ms_gloss_matcher_new(const ms_glossary *g, ms_gloss_matcher **out,
                               ms_diag_handler *h);
void ms_gloss_matcher_free(ms_gloss_matcher *m);
/* The glossary of M.  Borrowed. */
const ms_glossary *ms_gloss_matcher_glossary(const ms_gloss_matcher *m);

/* ms_glossary_match, ms_glossary_hints and ms_glossary_is_verbatim with
 * the matcher M: the same results, without the pool. */
size_t ms_gloss_matcher_match(ms_gloss_matcher *m, const char *msgid,
                              const char *msgstr, const char *lang,
                              ms_gloss_fn fn, void *data);
void ms_gloss_matcher_hints(ms_gloss_matcher *m, const char *msgid,
                            char *const *langs, ms_buf *out);
bool ms_gloss_matcher_is_verbatim(ms_gloss_matcher *m, const char *text,
                                  const char *lang);

#endif

/* check.h — quality checks on translated catalogues.
 *
 * A checker holds what checking needs (the configured severities, the
 * glossary and its matcher); it runs over every translated, non-fuzzy,
 * non-obsolete entry of a catalogue and hands each finding to a callback.
 * Check ids and default severities:
 *
 *   inline-tags          error    tags <1>…</1>, <2/> of the msgid kept
 *   numbers              error    every number of the msgid kept, read with
 *                                 each language's marks and multipliers
 *   urls                 error    every URL, e-mail address and domain kept
 *   gettext              error    gettext's own checks (libgettextpo)
 *   glossary/missing     error    a glossary term not rendered as required
 *   glossary/forbidden   error    a forbidden rendering used
 *   glossary/deprecated  error    a deprecated rendering used
 *   glossary/dnt         error    a do-not-translate term not kept verbatim
 *   untranslated         warning  msgstr = msgid, or stray words in Latin
 *                                 script (languages written in another)
 *   whitespace           warning  leading/trailing white space differs
 *   punctuation          warning  final punctuation differs
 *   spanish-marks        warning  ? or ! without the opening ¿ or ¡ (the
 *                                 profile's typography.inverted-marks)
 *   doubled-words        warning  the same word twice in a row
 *   missive-ignore       warning  a suppression comment without a reason
 *   link-target          error    a "missive-link: N URL" comment naming a
 *                                 non-link tag or a URL not allowed by
 *                                 missive.yaml link-targets
 *   plural-forms         error    msgstr[N] against the header's nplurals;
 *                                 the header's Plural-Forms as msgfmt -c
 *                                 checks it
 *   number-format        warning  a number written with the source's marks
 *                                 that reads another number (1,500 in es)
 *   characters           error    a control character, noncharacter or
 *                                 bidirectional control the source lacks
 *   spelling             warning  a word hunspell's dictionary for the
 *                                 language does not know (glossary forms,
 *                                 names and words-<lang>.txt accepted)
 *
 * What a check needs of a language (decimal marks, script, dictionary)
 * comes from the language's profile, never from its code.  An entry
 * whose msgstr is empty or only white space is untranslated.
 *
 * missive.yaml's `checks:` mapping changes a severity or turns a check off
 * ("glossary" configures every glossary/… check).  A translator comment
 *   # missive-ignore: CHECK-ID: reason
 * where CHECK-ID is a check id, a family ("glossary") or glossary/TERM-ID,
 * marks the matching findings of that entry as suppressed: they are still
 * reported, flagged, and are not counted. */
#ifndef MS_CHECK_H
#define MS_CHECK_H

#include "missive.h"
#include "catalog.h"
#include "glossary.h"

/* One finding.  Every pointer is borrowed for the duration of the
 * callback only. */
typedef struct ms_finding {
	const char *file;      /* the PO file name given to the checker */
	unsigned line;         /* line of the entry's msgid; 0 when unknown */
	const char *msgctxt;   /* NULL when none */
	const char *msgid;
	const char *msgstr;
	const char *lang;
	const char *check;     /* "glossary/forbidden", "numbers", … */
	const char *term;      /* glossary term id, or NULL */
	const char *verdict;   /* glossary: "missing", "forbidden",
	                          "deprecated"; NULL for other checks */
	ms_severity severity;  /* as configured */
	const char *message;   /* lowercase, no final full stop, translated */
	bool suppressed;       /* a missive-ignore comment covers it */
	const char *suppress_reason; /* its reason ("" when none given) */
} ms_finding;

typedef void (*ms_finding_fn)(const ms_finding *f, void *data);

typedef struct ms_checker ms_checker;

/* A checker for configuration CFG (NULL: defaults) and glossary G (NULL:
 * no glossary checks).  Both are borrowed and must outlive the checker;
 * several checkers (in several threads) may share them.  Returns MS_OK,
 * or an error reported through H when data a check needs cannot be
 * opened (then *OUT is NULL).  *OUT freshly allocated: free with
 * ms_checker_free.  A checker is not thread-safe: one per thread. */
ms_status ms_checker_new(const ms_config *cfg, const ms_glossary *g,
                         ms_checker **out, ms_diag_handler *h);
void ms_checker_free(ms_checker *c);
/* Turn off every check whose configured severity is below an error: for
 * callers that only act on errors (the publication gate), whose results
 * do not change, only their cost. */
void ms_checker_errors_only(ms_checker *c);

/* Check every entry of PO, translated into LANG; PO_FILE names the file in
 * findings.  FN (may be NULL) receives each finding.  *ERRORS and
 * *WARNINGS (each may be NULL) receive the numbers of unsuppressed
 * findings of those severities.  Returns MS_ERR_FINDINGS when there is at
 * least one unsuppressed error, MS_OK otherwise. */
ms_status ms_checker_run(ms_checker *c, const ms_catalog *po,
                         const char *po_file, const char *lang,
                         ms_finding_fn fn, void *data,
                         size_t *errors, size_t *warnings);

/* ms_checker_run, but an entry is checked only when WANT (NULL: every
 * entry) returns true for it; WANT sees the entries in order, between the
 * findings of the one before and the findings of its own.  The checks over
 * the whole catalogue (the Plural-Forms header, the names the speller
 * learns: see ms_check_names_entry) always run, first.  For a caller that
 * keeps the findings of entries that did not change. */
typedef bool (*ms_entry_want_fn)(const ms_entry *e, void *data);
ms_status ms_checker_run_some(ms_checker *c, const ms_catalog *po,
                              const char *po_file, const char *lang,
                              ms_entry_want_fn want, void *want_data,
                              ms_finding_fn fn, void *data,
                              size_t *errors, size_t *warnings);
/* True when the checks of every entry may depend on E: a translated name,
 * organisation or address, whose words the speller learns. */
bool ms_check_names_entry(const ms_entry *e);

/* The same for one entry (the header entry, untranslated, fuzzy and
 * obsolete entries are skipped); counts are added to *ERRORS and
 * *WARNINGS (each may be NULL). */
void ms_checker_entry(ms_checker *c, const ms_entry *e, const char *po_file,
                      const char *lang, ms_finding_fn fn, void *data,
                      size_t *errors, size_t *warnings);

/* "error", "warning" or "note".  Static. */
const char *ms_check_severity_name(ms_severity s);

/* Append F as one JSON object (no newline), keys in this order: file,
 * line, msgctxt, msgid, language, check, term, verdict, severity,
 * message, suppressed, and reason when suppressed.  Strings are escaped
 * as RFC 8259 requires; absent strings are null.  doc/check-json.md and
 * doc/check.schema.json describe it. */
void ms_finding_to_json(const ms_finding *f, ms_buf *out);

/* Append F as "FILE:LINE: SEVERITY: [CHECK] MESSAGE" (no newline), with
 * " (suppressed: REASON)" when suppressed. */
void ms_finding_to_text(const ms_finding *f, ms_buf *out);

#endif

/* project.h — the pipeline as a library: a project opened from its
 * missive.yaml, and extract, update, check, build, import, statistics and
 * publish state as calls on it.
 *
 *   ms_project *p;
 *   if (ms_project_open("missive.yaml", &p, &h) == MS_OK) {
 *           ms_extract_opts x = { 0 };
 *           ms_update_opts u = { 0 };
 *           ms_build_opts b = { 0 };
 *           ms_project_extract(p, &x, &h);
 *           ms_project_update(p, &u, &h);
 *           ms_project_build(p, &b, &h);
 *           ms_project_free(p);
 *   }
 *
 * Every call takes an option struct (zero-initialise it: zero and NULL
 * members mean "the project's default") and a diagnostics handler, and
 * returns an ms_status; results come back as data (structs, or callbacks
 * in the option struct).  The library prints nothing.
 *
 * Threads.  Extract reads letters in a second thread and build may build
 * letters in parallel threads (see doc/hacking.md); their results are
 * those of one thread.  Every callback — the diagnostics handler, the
 * project's events, the callbacks of an option struct — is called on the
 * thread that made the call, in the order a single-threaded run gives.
 * A project is not thread-safe: one call at a time.
 *
 * Ownership.  A `const char *` handed to a callback is borrowed for the
 * duration of the call; results returned through a pointer are freshly
 * allocated and freed with the function named beside them.
 *
 * Statuses.  MS_OK: done.  MS_ERR_FINDINGS: the checks found problems
 * (the call still did its work).  MS_ERR_BLOCKED: something was not
 * published (build).  Any other status: an input or system error,
 * reported through the handler. */
#ifndef MS_PROJECT_H
#define MS_PROJECT_H

#include "missive.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ms_project ms_project;

/* The glossary (glossary.h). */
typedef struct ms_glossary ms_glossary;

/* A finding of the checks (its layout is in check.h). */
typedef struct ms_finding ms_finding;
typedef void (*ms_finding_fn)(const ms_finding *f, void *data);

/* ---------------------------------------------------------------- project */

/* The stages that report progress item by item. */
typedef enum ms_stage {
	MS_STAGE_EXTRACT = 0,   /* items: letter files */
	MS_STAGE_UPDATE = 1,    /* items: language tags */
	MS_STAGE_BUILD = 2,     /* items: letter files, language by language */
} ms_stage;

/* What a long call tells its caller besides diagnostics.  Each member may
 * be NULL. */
typedef struct ms_project_events {
	/* STAGE begins over TOTAL items / has done one more, ITEM (may be
	 * NULL) / is over.  Every begin is followed by one end. */
	void (*stage_begin)(ms_stage stage, size_t total, void *data);
	void (*stage_step)(ms_stage stage, const char *item, void *data);
	void (*stage_end)(ms_stage stage, void *data);
	/* Another process holds the lock on the catalogue folder DIR: the
	 * call waits for it. */
	void (*lock_wait)(const char *dir, void *data);
	void *data;
} ms_project_events;

/* Open the project whose configuration is CONFIG_PATH; NULL means
 * "missive.yaml" in the working folder, or the defaults when there is
 * none.  Paths of the configuration are relative to the working folder.
 * Errors in the file are reported through H.  *OUT freshly allocated
 * (free with ms_project_free). */
ms_status ms_project_open(const char *config_path, ms_project **out,
                          ms_diag_handler *h);
void ms_project_free(ms_project *p);
/* The configuration (borrowed; lives as long as P). */
const ms_config *ms_project_config(const ms_project *p);
/* Where P's calls send their events (copied; NULL: nowhere). */
void ms_project_set_events(ms_project *p, const ms_project_events *ev);
/* The catalogue of LANG, "<po>/<lang>.po"; freshly allocated. */
char *ms_project_po_path(const ms_project *p, const char *lang);
/* The corpus letters: every "<corpus>/NAME.md" whose NAME does not start
 * with '.', in byte order.  Freshly allocated vector (free each string and the
 * vector); NULL after reporting an unreadable corpus folder. */
char **ms_project_letters(const ms_project *p, ms_diag_handler *h);

/* The glossary at PATH, or, when PATH is NULL, the project's when that
 * file exists (*G NULL when there is none).  *G freshly allocated (free
 * with ms_glossary_free); an error when it is broken (reported). */
ms_status ms_project_glossary(const ms_project *p, const char *path,
                              ms_glossary **g, ms_diag_handler *h);
/* An exclusive lock on the catalogue folder, so that two processes never
 * rewrite catalogues at once (waiting, with the lock_wait event, while
 * another holds it): a descriptor to close to release it, or -1
 * (reported).  Extract, update and import take it themselves. */
int ms_project_lock(const ms_project *p, ms_diag_handler *h);

/* ---------------------------------------------------------------- extract */

typedef struct ms_extract_opts {
	/* Letter files, NULL-terminated; NULL or empty: the corpus letters. */
	char *const *letters;
	/* One template per letter, "<po>/<id>.pot" (also when missive.yaml
	 * says split-pot). */
	bool split;
	/* A template was written (only when its content changed), with
	 * ENTRIES entries.  May be NULL. */
	void (*on_written)(const char *path, size_t entries, void *data);
	void *data;
} ms_extract_opts;

/* Read the letters and write the template(s) "<po>/<domain>.pot", under
 * the catalogue folder's lock.  Nothing is written when a letter fails. */
ms_status ms_project_extract(ms_project *p, const ms_extract_opts *o,
                             ms_diag_handler *h);

/* ----------------------------------------------------------------- update */

/* One catalogue rewritten by an update. */
typedef struct ms_update_record {
	const char *lang;
	const char *path;
	size_t kept;        /* translations kept */
	size_t fuzzy;       /* entries given a fuzzy match */
	size_t added;       /* new, untranslated entries */
	size_t obsoleted;   /* entries that left the template */
} ms_update_record;

typedef struct ms_update_opts {
	/* Languages, NULL-terminated; NULL or empty: every target language. */
	char *const *langs;
	/* A catalogue was written (only when its content changed). */
	void (*on_written)(const ms_update_record *r, void *data);
	void *data;
} ms_update_opts;

/* Merge the template into "<po>/<lang>.po" for each language, keeping
 * every translation, under the catalogue folder's lock.  A catalogue a
 * translator saved meanwhile is left alone (MS_ERR_CHANGED). */
ms_status ms_project_update(ms_project *p, const ms_update_opts *o,
                            ms_diag_handler *h);

/* ------------------------------------------------------------------ check */

typedef struct ms_check_opts {
	/* PO files, NULL-terminated; NULL or empty: "<po>/<lang>.po" of LANG,
	 * or of every target language. */
	char *const *files;
	/* The files' language; NULL: each file's Language header. */
	const char *lang;
	/* The glossary; NULL: the project's, when that file exists. */
	const char *glossary;
	/* Each finding, suppressed ones included.  May be NULL. */
	ms_finding_fn on_finding;
	void *data;
	/* Warnings count as findings too (`missive check --strict`). */
	bool strict;
} ms_check_opts;

typedef struct ms_check_result {
	bool ran;           /* the checks could start (the glossary loaded) */
	size_t errors;      /* unsuppressed findings by severity */
	size_t warnings;
} ms_check_result;

/* Run every check over each catalogue.  Returns MS_ERR_FINDINGS when
 * there are unsuppressed errors (or, with STRICT, warnings) and every
 * file could be checked; an error status when some input could not be read (the other
 * files are still checked). */
ms_status ms_project_check(ms_project *p, const ms_check_opts *o,
                           ms_check_result *r, ms_diag_handler *h);

/* ---------------------------------------------------------- publish state */

/* What happens to a letter in a language. */
typedef enum ms_publish_state {
	MS_PUBLISH_PUBLISHED = 0,   /* published */
	MS_PUBLISH_DRAFT = 1,       /* published, marked as a draft */
	MS_PUBLISH_BLOCKED = 2,     /* not published */
} ms_publish_state;

/* The facts one publication decision rests on. */
typedef struct ms_publish_facts {
	bool have_catalogue;    /* the language's catalogue exists */
	bool readable;          /* the letter could be read and segmented */
	bool localised;         /* it could be localised (units missing aside) */
	size_t check_errors;    /* unsuppressed check errors that concern it */
	size_t missing;         /* units that fall back to the source text */
	bool draft;             /* a draft was asked for (build --draft) */
	bool draft_untranslated; /* missive.yaml: untranslated: draft */
	size_t units;           /* its units (for MIN_TRANSLATED) */
	int min_translated;     /* missive.yaml: the share (percent) of units
	                           that must be translated; 0: no threshold */
} ms_publish_facts;

/* Why a letter is not published: each reason that blocks it. */
enum {
	MS_BLOCKED_NO_CATALOGUE = 1 << 0,
	MS_BLOCKED_UNREADABLE = 1 << 1,     /* cannot be read or segmented */
	MS_BLOCKED_NOT_LOCALISED = 1 << 2,
	MS_BLOCKED_CHECK_ERRORS = 1 << 3,
	MS_BLOCKED_UNTRANSLATED = 1 << 4,   /* with untranslated: block */
	MS_BLOCKED_THRESHOLD = 1 << 5,      /* below min-translated */
};

/* The reasons F blocks its letter (MS_BLOCKED_* bits); 0 when it is
 * published, as a draft or not. */
unsigned ms_publish_blockers(const ms_publish_facts *f);

/* The one decision: build, report and stats all ask it.  Blocked: no
 * catalogue, an unreadable or unlocalisable letter, and, unless a draft
 * was asked for, check errors, untranslated units with
 * `untranslated: block`, or fewer translated units than MIN_TRANSLATED
 * percent (po4a's threshold).  Draft: published despite check errors or
 * untranslated units.  Published: complete and clean. */
ms_publish_state ms_publish_decide(const ms_publish_facts *f);

/* "published", "draft", "blocked".  Static. */
const char *ms_publish_state_name(ms_publish_state s);

/* ------------------------------------------------------------------ build */

/* One letter in one language, as the build left it. */
typedef struct ms_build_record {
	const char *letter;       /* the letter file */
	const char *lang;
	ms_publish_state state;
	bool fresh;               /* its outputs were up to date: not rebuilt */
	bool publication;         /* a format asked for publishes (not XLIFF
	                             only): STATE says what became of it */
	bool failed;              /* an error stopped it (reported) */
	size_t missing;           /* units that fell back to the source text */
	size_t check_errors;      /* check errors that concern it */
} ms_build_record;

typedef struct ms_build_opts {
	char *const *langs;       /* NULL or empty: the source and target languages */
	char *const *formats;     /* NULL or empty: missive.yaml's formats */
	char *const *letters;     /* NULL or empty: the corpus letters */
	const char *out_dir;      /* NULL: missive.yaml's */
	bool draft;               /* publish drafts despite check errors and
	                             untranslated units */
	bool force;               /* rebuild outputs that are up to date */
	/* Each error of the publication gate (run, or from its cache). */
	ms_finding_fn on_gate_finding;
	/* Each letter × language, in order.  May be NULL. */
	void (*on_letter)(const ms_build_record *r, void *data);
	/* LANGS languages are built in THREADS threads. */
	void (*on_threads)(size_t langs, size_t threads, void *data);
	void *data;
} ms_build_opts;

/* Write every letter in every language and format to
 * "<out>/<lang>/<id>.<ext>".  Returns MS_ERR_BLOCKED when some letter was
 * not published (the reasons were reported), an error status on input or
 * output errors. */
ms_status ms_project_build(ms_project *p, const ms_build_opts *o,
                           ms_diag_handler *h);

/* ----------------------------------------------------------------- import */

/* One catalogue an import went into. */
typedef struct ms_import_record {
	const char *lang;
	const char *path;
	bool written;             /* the catalogue was rewritten */
	size_t imported, review, unchanged, unfinished, unknown, broken;
} ms_import_record;

typedef struct ms_import_opts {
	char *const *files;       /* XLIFF files, NULL-terminated */
	const char *lang;         /* for <file> elements without target-language */
	const char *glossary;     /* NULL: the project's, when that file exists */
	bool dry_run;             /* report, write nothing */
	/* Each finding of the checks on what came in. */
	ms_finding_fn on_finding;
	/* Each catalogue, once everything was imported. */
	void (*on_catalogue)(const ms_import_record *r, void *data);
	void *data;
} ms_import_opts;

typedef struct ms_import_result {
	size_t findings;          /* unsuppressed check errors and warnings */
} ms_import_result;

/* Bring translations back from XLIFF files into "<po>/<lang>.po". */
ms_status ms_project_import(ms_project *p, const ms_import_opts *o,
                            ms_import_result *r, ms_diag_handler *h);

/* --------------------------------------------------------- status report */

/* Unit states, and the indexes of ms_counts' arrays. */
enum { MS_UNIT_TRANSLATED = 0, MS_UNIT_FUZZY = 1, MS_UNIT_UNTRANSLATED = 2,
       MS_UNIT_STATES = 3 };

/* "translated", "fuzzy", "untranslated".  Static. */
const char *ms_unit_state_name(int state);

/* Units and the words of their source text (ICU word boundaries,
 * inline tags left out), by state. */
typedef struct ms_counts {
	size_t units[MS_UNIT_STATES];
	size_t words[MS_UNIT_STATES];
	/* Units with a translation (translated or fuzzy), by where it came
	 * from (ms_tm_entry_origin, core/tm.h): written by a translator, as
	 * the translation memory filled it, as the machine filled it. */
	size_t by_translator, from_memory, by_machine;
} ms_counts;

typedef struct ms_report_letter {
	const char *id;
	const char *file;
	ms_counts counts;           /* the units its references name */
	ms_publish_state state;     /* with MS_REPORT_PUBLISH */
	char **reasons;             /* translated sentences, NULL-terminated */
	struct ms_report_letter *next;
} ms_report_letter;

typedef struct ms_report_finding {
	const char *check;
	const char *term;           /* NULL when not a glossary finding */
	const char *severity;       /* "error", "warning" */
	const char *message;
	const char *msgid;
	const char *msgstr;
	unsigned line;              /* of the entry in the catalogue */
	char **letters;             /* the entry's references, NULL-terminated */
	/* Silenced by a `# missive-ignore:` comment: its reason ("" when the
	 * comment gives none); NULL for an open finding.  Suppressed findings
	 * are listed but neither counted nor blocking. */
	const char *suppressed;
	struct ms_report_finding *next;
} ms_report_finding;

typedef struct ms_report_lang {
	const char *lang;
	const char *po_file;
	bool have_po;
	ms_counts total;            /* each unit once */
	size_t check_errors;        /* with MS_REPORT_PUBLISH */
	size_t check_warnings;
	ms_report_letter *letters;  /* one per corpus letter, in order */
	ms_report_finding *findings; /* by check, term, line; suppressed ones
	                                included (see ->suppressed) */
	struct ms_report_lang *next;
} ms_report_lang;

typedef struct ms_report {
	const char *source_lang;
	size_t nletters, nlangs;
	char **letters;             /* the corpus letter files, NULL-terminated */
	char **ids;                 /* their ids, NULL-terminated */
	ms_report_lang *langs;
} ms_report;

enum {
	/* Also run the checks and decide each letter's publish state. */
	MS_REPORT_PUBLISH = 1 << 0,
};

/* Count every catalogue of LANGS (NULL or empty: the target languages)
 * per letter of the corpus; with MS_REPORT_PUBLISH, also the findings of
 * the checks and each letter's publish state, as build decides it.
 * *OUT freshly allocated (free with ms_report_free). */
ms_status ms_project_report(ms_project *p, char *const *langs, unsigned flags,
                            ms_report **out, ms_diag_handler *h);
void ms_report_free(ms_report *r);

#ifdef __cplusplus
}
#endif

#endif

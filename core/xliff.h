/* xliff.h — XLIFF 1.2 for CAT tools: a letter's units with their
 * translations going out, translators' work coming back.
 *
 * XLIFF is a catalogue export, not a writer plugin: a trans-unit needs the
 * source text, the translation and its state, which only the PO file has,
 * and plugins never read PO files.  doc/xliff.md describes the mapping.
 *
 * Going out, every unit of a letter becomes one <trans-unit>:
 *   id       16 hex digits of the 64-bit FNV-1a hash of the unit's
 *            (msgctxt, msgid), so the same unit has the same id in every
 *            export; duplicate units of a letter are one trans-unit;
 *   resname  the msgctxt, present only when the unit has one ("label");
 *   source / target   the tagged text with <N>…</N> written as
 *            <g id="N" ctype="…">…</g> and <N/> as <x id="N" ctype="…"/>;
 *   state    translated (with approved="yes"), needs-review-translation
 *            (fuzzy, or a translation whose inline tags are broken), new
 *            (untranslated: empty target);
 *   notes    from="developer": the unit's role and what each tag stands
 *            for, link targets included (URLs never go into the content);
 *            from="glossary": the glossary's hints for the unit.
 *
 * Coming back, a file is parsed with libxml2 with network access and
 * entity substitution off; a document with a DTD (DOCTYPE) is refused
 * before anything in it is read, so external entities and entity
 * expansion attacks never run. */
#ifndef MS_XLIFF_H
#define MS_XLIFF_H

#include "missive.h"
#include "catalog.h"
#include "glossary.h"
#include "segment.h"

/* --------------------------------------------------------------- export */

/* Append to OUT an XLIFF 1.2 document (UTF-8, with the XML declaration)
 * holding the units of SRC translated into LANG: one <file> whose original
 * is SRC->path (or "<id>.md" when the path is absolute), source-language
 * SRC's language, target-language LANG.  PO gives translations and states
 * (NULL: every unit is new); G adds glossary notes (NULL: none); SEG
 * splits body paragraphs as extraction does.  Text is escaped and C0
 * control characters other than tab and newline are left out (XML 1.0
 * cannot carry them).  SRC is not changed.  Returns MS_OK, or what the
 * walk over the units reported through H. */
ms_status ms_xliff_write_letter(const ms_letter *src, const ms_catalog *po,
                                const ms_glossary *g, const char *lang,
                                ms_segmenter *seg, ms_buf *out,
                                ms_diag_handler *h);

/* The trans-unit id of (MSGCTXT, MSGID) before uniqueness suffixes:
 * 16 lowercase hex digits written into ID (17 bytes with the NUL). */
void ms_xliff_unit_id(const char *msgctxt, const char *msgid, char id[17]);

/* ----------------------------------------------------------------- read */

/* What a target's state means for import. */
typedef enum ms_xliff_state {
	MS_XLIFF_UNFINISHED = 0, /* new, needs-translation, needs-adaptation,
	                            needs-l10n, or an unknown state: left alone */
	MS_XLIFF_REVIEW = 1,     /* needs-review-*: imported, marked fuzzy */
	MS_XLIFF_FINAL = 2,      /* translated, final, signed-off, or no state:
	                            imported, fuzzy cleared */
} ms_xliff_state;

/* One trans-unit.  Strings belong to the document. */
typedef struct ms_xliff_unit {
	char *id;           /* "" when the unit has none */
	char *msgctxt;      /* resname; NULL when absent */
	char *source;       /* tagged text (<g id="N"> → <N>…</N>, <x id="N"/> → <N/>) */
	char *target;       /* tagged text; NULL when there is no <target> */
	char *state_name;   /* the state attribute as written; NULL when absent */
	ms_xliff_state state;
	char *bad_markup;   /* why the source or target markup cannot be read
	                       as tags (an unknown inline element, a tag id that
	                       is not a number); NULL when fine */
	bool translate;     /* false for translate="no" */
	bool plural;        /* inside a gettext plural group (not supported) */
	unsigned line;      /* line of <trans-unit> in the file */
} ms_xliff_unit;

/* One <file> element. */
typedef struct ms_xliff_file {
	char *original;     /* NULL when absent */
	char *source_lang;  /* NULL when absent */
	char *target_lang;  /* NULL when absent */
	unsigned line;
	ms_xliff_unit *units;
	size_t nunits;
} ms_xliff_file;

typedef struct ms_xliff_doc {
	char *path;         /* the name given to the reader */
	char *version;      /* "1.2" or "1.1" */
	ms_xliff_file *files;
	size_t nfiles;
} ms_xliff_doc;

/* Read the XLIFF 1.2 (or 1.1, as Translate Toolkit writes it) file at
 * PATH.  Malformed XML is reported as PATH:LINE:COL with libxml2's
 * message (MS_ERR_PARSE); a DOCTYPE is refused (MS_ERR_PARSE); a root
 * that is not <xliff>, a version other than 1.2 or 1.1, or a namespace
 * other than XLIFF's is MS_ERR_INVALID.  A trans-unit without <source> is
 * an error and is left out; the rest of the file is still read.  The PO
 * header unit po2xliff writes (restype x-gettext-domain-header) is left
 * out silently.  *OUT freshly allocated (free with ms_xliff_doc_free);
 * NULL on failure. */
ms_status ms_xliff_read(const char *path, ms_xliff_doc **out,
                        ms_diag_handler *h);
/* The same from memory; NAME is used in diagnostics. */
ms_status ms_xliff_read_mem(const char *name, const char *data, size_t len,
                            ms_xliff_doc **out, ms_diag_handler *h);
void ms_xliff_doc_free(ms_xliff_doc *d);

/* --------------------------------------------------------------- import */

typedef struct ms_xliff_stats {
	size_t imported;    /* translation set, fuzzy cleared */
	size_t review;      /* translation set, marked fuzzy */
	size_t unchanged;   /* the catalogue already says so */
	size_t unfinished;  /* no target, an empty one, or a state not imported */
	size_t unknown;     /* not in the catalogue: warning, skipped */
	size_t broken;      /* inline tags broken: error, not imported */
	size_t conflicts;   /* a later unit overrode an earlier one's target */
} ms_xliff_stats;

/* An import into one catalogue, possibly from several files. */
typedef struct ms_xliff_importer ms_xliff_importer;

/* PO (borrowed, changed in place by ms_xliff_import; must outlive the
 * importer) is the catalogue of the files' target language; PO_FILE names
 * it in messages.  Freshly allocated: free with ms_xliff_importer_free. */
ms_xliff_importer *ms_xliff_importer_new(ms_catalog *po, const char *po_file);
void ms_xliff_importer_free(ms_xliff_importer *imp);

/* Bring the translations of F (read from XLIFF_PATH) into the catalogue.
 * Each unit is found by (resname, source); a unit without resname that
 * is not found without a context is matched to the one entry with that
 * msgid, if there is exactly one (tools such as po2xliff drop msgctxt).
 * A target whose state is MS_XLIFF_FINAL replaces the msgstr and clears
 * fuzzy; MS_XLIFF_REVIEW replaces it and marks the entry fuzzy; others
 * are left alone.  A target whose inline tags do not match the entry's
 * msgid (same rules as the localizer: every tag of the source, properly
 * nested, paired or empty as in the source) is not imported: an
 * "[inline-tags]" error naming the unit at XLIFF_PATH:LINE.  A unit not
 * in the catalogue is a warning and is skipped.  Returns MS_OK, or
 * MS_ERR_INVALID when some unit was refused. */
ms_status ms_xliff_import(ms_xliff_importer *imp, const ms_xliff_file *f,
                          const char *xliff_path, ms_diag_handler *h);

/* The entries this importer changed, in order of first change (borrowed
 * from the catalogue): what a caller checks and counts. */
size_t ms_xliff_importer_count(const ms_xliff_importer *imp);
ms_entry *ms_xliff_importer_entry(const ms_xliff_importer *imp, size_t i);
/* Totals over every ms_xliff_import call so far. */
void ms_xliff_importer_stats(const ms_xliff_importer *imp,
                             ms_xliff_stats *stats);

#endif

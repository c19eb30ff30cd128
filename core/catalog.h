/* catalog.h — gettext catalogues: building templates, reading and writing
 * PO files through libgettextpo, merging a template into a translation
 * with indexed fuzzy matching, and looking translations up. */
#ifndef MS_CATALOG_H
#define MS_CATALOG_H

#include "missive.h"
#include "catalog-match.h"
#include "fileio.h"

typedef struct ms_catalog ms_catalog;

/* One entry.  Strings are owned by the catalogue; treat them as read-only
 * (use the setters below to change an entry). */
typedef struct ms_entry {
	char *msgctxt;        /* NULL when none */
	char *msgid;
	char *msgid_plural;   /* NULL; kept only so round trips are lossless */
	char *msgstr;         /* "" when untranslated */
	char **msgstr_plural; /* NULL-terminated, or NULL */
	char *prev_msgctxt;   /* "#| msgctxt", NULL when none */
	char *prev_msgid;     /* "#| msgid", NULL when none */
	char *comments;       /* translator comments ("# "), lines joined by '\n'; NULL */
	char *extracted;      /* extracted comments ("#. "), joined by '\n'; NULL */
	char **refs;          /* "file:line" references, NULL-terminated, or NULL */
	char *flags;          /* other flags, comma-separated ("c-format"); NULL */
	bool fuzzy;
	bool obsolete;
	unsigned line;        /* line of "msgid" in the file read; 0 when built */
} ms_entry;

/* Header fields written into a new catalogue. */
typedef struct ms_catalog_header {
	const char *project;   /* Project-Id-Version */
	const char *lang;      /* Language, NULL for a template */
	const char *plural_forms; /* NULL: derived from LANG ("nplurals=1; plural=0;" for ko) */
	const char *bugs;      /* Report-Msgid-Bugs-To */
} ms_catalog_header;

ms_catalog *ms_catalog_new(void);
void ms_catalog_free(ms_catalog *c);

/* Read a PO or POT file (UTF-8 files by missive's own reader, the rest
 * with libgettextpo; the same result).  Syntax errors are reported as
 * FILE:LINE:COL through H and make this return MS_ERR_PARSE; duplicate
 * entries likewise.  An empty file is a catalogue with no entry and no
 * header (ms_catalog_merge then treats it as a new translation).  *OUT
 * freshly allocated. */
ms_status ms_catalog_read(const char *path, ms_catalog **out, ms_diag_handler *h);
/* The same for the bytes DATA[0..LEN) of PATH, already read (followed by
 * a NUL byte, as ms_read_file leaves them; borrowed): a caller that
 * hashed a file parses the very bytes it hashed. */
ms_status ms_catalog_read_mem(const char *path, const char *data, size_t len,
                              ms_catalog **out, ms_diag_handler *h);

/* Add a template entry.  When (MSGCTXT, MSGID) is already present, REF is
 * appended to its references and the lines of EXTRACTED not already there
 * are appended to its extracted comments.  EXTRACTED and REF may be NULL.
 * Returns NULL for (NULL, ""), the header's key. */
ms_entry *ms_catalog_add(ms_catalog *c, const char *msgctxt, const char *msgid,
                         const char *extracted, const char *ref);

/* The header entry (msgid "" without context) is not among the entries;
 * ms_catalog_find(c, NULL, "") returns it. */
size_t ms_catalog_count(const ms_catalog *c);      /* including obsolete */
ms_entry *ms_catalog_entry(const ms_catalog *c, size_t i); /* in file order */
/* The entry for (MSGCTXT, MSGID), not obsolete; NULL when none.  O(1). */
ms_entry *ms_catalog_find(const ms_catalog *c, const char *msgctxt, const char *msgid);
/* The header entry's value for FIELD ("Language"), freshly allocated; NULL. */
char *ms_catalog_header_get(const ms_catalog *c, const char *field);
/* Set or replace FIELD in the header entry (creating the header). */
void ms_catalog_header_set(ms_catalog *c, const char *field, const char *value);
/* True when E's translation may be used: E is neither obsolete nor
 * fuzzy, and its msgstr (for a plural entry, one of its msgstr[N]) has
 * something other than white space (Unicode White_Space), control
 * characters, noncharacters (ms_utf8_is_unwanted) and format characters
 * (Unicode Cf: zero-width spaces, bidirectional controls...).  A msgstr
 * of blanks, as PO editors and XLIFF targets sometimes leave, or of
 * invisible characters only, is not a translation: every count of
 * translated units (stats, report, min-translated, localisation) and
 * the checks go through this predicate or ms_entry_has_text.  NULL:
 * false. */
bool ms_entry_is_translated(const ms_entry *e);
/* True when E's msgstr (one of its msgstr[N]) has something other than
 * white space and invisible characters (as ms_entry_is_translated),
 * whatever E's fuzzy and obsolete marks: a text to offer
 * (a fuzzy match, a memory), not necessarily one to publish.  NULL:
 * false. */
bool ms_entry_has_text(const ms_entry *e);
/* Replace an entry's msgstr (and clear fuzzy when CLEAR_FUZZY). */
void ms_entry_set_msgstr(ms_entry *e, const char *msgstr, bool clear_fuzzy);

/* Write C to PATH atomically in the standard PO layout (the one msgmerge
 * and msgcat produce: width 79, same escapes), so that reading a file and
 * writing it back gives the same bytes.  When the file exists and the new
 * content differs from it only in POT-Creation-Date/PO-Revision-Date, or
 * not at all, the file is left untouched: no date churn.  *CHANGED (may be
 * NULL) tells whether the file was written. */
ms_status ms_catalog_write(const ms_catalog *c, const char *path,
                           bool *changed, ms_diag_handler *h);
/* ms_catalog_write, replacing PATH only if it is still the file EXPECT
 * describes (ms_file_id_get when it was read; NULL: no condition): if a
 * translator saved it since, nothing is written, the saved file stays,
 * and MS_ERR_CHANGED is returned (see ms_atomic_replace). */
ms_status ms_catalog_write_replace(const ms_catalog *c, const char *path,
                                   const ms_file_id *expect, bool *changed,
                                   ms_diag_handler *h);

/* Statistics of a merge. */
typedef struct ms_merge_stats {
	size_t kept;       /* exact matches, translation kept */
	size_t fuzzy;      /* new or changed entries given a fuzzy match */
	size_t added;      /* new entries with no match (untranslated) */
	size_t obsoleted;  /* entries that vanished from the template */
} ms_merge_stats;

/* Merge the template POT into the translation PO, in place, as msgmerge
 * does: PO's entries come out in POT's order with POT's comments and
 * references; translations and translator comments are kept; an entry
 * whose msgid changed gets the best fuzzy match from the whole of PO
 * (active and obsolete entries), marked fuzzy, with its previous msgid
 * (#|); entries that vanished become obsolete (#~) unless they were
 * untranslated.  The header of PO is kept; Language and Plural-Forms are
 * set from LANG when missing, and Project-Id-Version from POT.  A PO not
 * begun (no entry, and no header or one without Project-Id-Version, as an
 * empty file reads) gets POT's header as msginit would give it: not
 * fuzzy, with the fields PO's header already has kept over POT's.  Fuzzy candidates come from the indexed
 * matcher of catalog-match.h (never all-pairs), at MS_MATCH_FUZZY. */
ms_status ms_catalog_merge(ms_catalog *po, const ms_catalog *pot,
                           const char *lang, ms_merge_stats *stats,
                           ms_diag_handler *h);

#endif

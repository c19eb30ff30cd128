/* catalog-impl.h — the catalogue's private model, shared by the files of
 * the catalogue: catalog.c (the model itself), catalog-gettext.c (PO
 * files through libgettextpo), po-read.c and po-write.c (the fast UTF-8
 * reader and writer) and catalog-merge.c.  Not installed; outside the
 * catalogue only check.c includes it, for cat_gettextpo_lock.
 *
 * Who calls whom (no loops): catalog-gettext.c calls po-read.c,
 * po-write.c and catalog.c; po-read.c, po-write.c and catalog-merge.c call
 * catalog.c; catalog-merge.c calls catalog-match.c; catalog.c and
 * catalog-match.c call none of them. */
#ifndef MS_CATALOG_IMPL_H
#define MS_CATALOG_IMPL_H

#include "catalog.h"
#include "hash.h"
#include "internal.h"

#include <stdint.h>

/* An entry as the catalogue stores it: the public part first, so that an
 * ms_entry pointer handed out is also a pointer to this. */
typedef struct entry {
	ms_entry pub;
	char *prev_msgid_plural;  /* "#| msgid_plural": no public field */
	uint64_t hash;            /* of (msgctxt, msgid) */
	bool exact_used;          /* merge: matched exactly by a template entry */
	bool fuzzy_used;          /* merge: gave its translation to a fuzzy entry */
	char **refs_at;           /* the refs array nrefs/caprefs describe */
	size_t nrefs, caprefs;    /* ms_catalog_add: length and capacity */
	ms_htab *refset;          /* the refs, once there are many, or NULL */
	char *ext_at;             /* the extracted text the next three describe */
	size_t ext_len, ext_cap;  /* ms_catalog_add: its length and capacity */
	size_t ext_nlines;        /* and its number of lines */
	ms_htab *ext_lines;       /* its lines (keys borrowed from it), or NULL */
} entry;

struct ms_catalog {
	entry *header;            /* msgid "" without context, or NULL */
	entry **v;                /* the other entries, in file order */
	size_t n, cap;
	size_t *slots;            /* open addressing: index into v + 1; 0 = empty */
	size_t nslots;            /* a power of two, or 0 */
};

/* The model's primitives (catalog.c). */
uint64_t cat_key_hash(const char *msgctxt, const char *msgid);
entry *cat_entry_new(const char *msgctxt, const char *msgid);
void cat_entry_free(entry *e);
/* A deep copy of S (not its merge marks nor its reference set). */
entry *cat_entry_clone(const entry *s);
/* The header entry of a new catalogue (charset UTF-8), and whether E is
 * still exactly that. */
entry *cat_header_new(void);
bool cat_header_is_default(const entry *e);
/* True when E's msgstr (or one of its msgstr[N]) is not empty, whatever
 * its fuzzy and obsolete marks: what msgmerge keeps when an entry
 * vanishes (obsolete, not dropped).  Not ms_entry_has_text (catalog.h),
 * which also wants more than white space: what a fuzzy match may offer. */
bool cat_entry_has_msgstr(const entry *e);
ms_catalog *cat_alloc(void);
bool cat_is_header_key(const char *msgctxt, const char *msgid);
/* The active or obsolete entry with this key, or NULL. */
entry *cat_find(const ms_catalog *c, const char *msgctxt, const char *msgid,
                uint64_t hash);
/* Append E (the caller checked that its key is new). */
void cat_push(ms_catalog *c, entry *e);
/* Rebuild the lookup table after C->v was replaced (room for WANT). */
void cat_table_rebuild(ms_catalog *c, size_t want);
/* Flags text ("fuzzy, c-format") into tokens as gettext splits them, and
 * tokens back into the text of the flags other than fuzzy (NULL: none). */
char **cat_flags_split(const char *s);
char *cat_flags_join_other(char *const *v);
/* Small helpers: a copy of S or NULL; equality with NULL equal to NULL
 * only; a copy of a NULL-terminated vector (NULL for NULL or empty). */
char *cat_strdup_null(const char *s);
bool cat_str_eq_null(const char *a, const char *b);
char **cat_strv_dup(char *const *v);

/* The fast path for UTF-8 PO files (po-read.c, po-write.c).  Both give
 * exactly what the libgettextpo path gives, or decline and leave the work
 * to it: cat_read_fast returns false (and sets nothing) for anything it
 * does not handle, so that libgettextpo parses the file and reports its
 * errors; cat_render_fast returns false for a catalogue it cannot lay out
 * exactly as gettext would.  MISSIVE_PO_IO=libgettextpo in the environment
 * turns the fast path off (cat_fast_enabled, catalog-gettext.c). */
bool cat_read_fast(const char *data, size_t len, ms_catalog **out);
bool cat_render_fast(const ms_catalog *c, ms_buf *out);
/* The body of a no-wrap entry (previous strings and msg* lines), each
 * string escaped and unwrapped, one line per '\n'-ended portion, as
 * gettext writes such entries; appended to B (po-write.c; the
 * libgettextpo path uses it too). */
void cat_render_nowrap_entry(ms_buf *b, const entry *e);

/* The libgettextpo path (catalog-gettext.c). */
bool cat_fast_enabled(void);
/* Held around every libgettextpo call that may report a problem: it keeps
 * the handlers of the call in globals (catalog-gettext.c, check.c). */
void cat_gettextpo_lock(void);
void cat_gettextpo_unlock(void);

#endif

/* project-impl.h — what the files of the pipeline (core/project*.c)
 * share: the project itself, paths, the lock, and the recorder that makes
 * the output of worker threads that of one thread.  Not installed; the
 * CLI sees project.h only. */
#ifndef MS_PROJECT_IMPL_H
#define MS_PROJECT_IMPL_H

#include "internal.h"
#include "project.h"
#include "catalog.h"
#include "check.h"
#include "glossary.h"
#include "segment.h"
#include "units.h"

struct stat;

struct ms_project {
	ms_config *config;
	ms_project_events ev;
};

/* ------------------------------------------------------------------ paths */

/* "<po>/<id>.pot", or the domain's template when ID is NULL; freshly
 * allocated. */
char *proj_pot_path(const ms_project *p, const char *id);
/* The letter id of a path or a reference ("corpus/x.md:12" → "x"): the
 * base name without ":LINE" and without ".md", as the reader names
 * letters.  Freshly allocated. */
char *proj_letter_id(const char *ref);
/* *OUT: GIVEN (copied) when it has letters, else the corpus letters.  An
 * error (reported; *OUT NULL) for an unreadable corpus folder or two
 * letters with one id. */
ms_status proj_letters(const ms_project *p, char *const *given, char ***out,
                       ms_diag_handler *h);
/* The segmentation mode of letter L (NULL: the project's default). */
ms_seg_mode proj_seg_mode(const ms_project *p, const ms_letter *l);
/* False when MISSIVE_THREADS=1 asks for one thread. */
bool proj_threads_allowed(void);
/* The target languages of the project, or LANGS when it has some (a new
 * vector of copies, for ms_strv_free). */
char **proj_langs_or_targets(const ms_project *p, char *const *langs);
/* Warn about each language of LANGS that is not a target language. */
void proj_warn_not_target(const ms_project *p, char *const *langs,
                          ms_diag_handler *h);

/* "YYYY-MM-DD HH:MM+0000" for now, as PO headers write dates, into WHEN. */
void proj_po_date_now(char when[64]);

/* Tests drive races deterministically through this: when the
 * environment has MISSIVE_TEST_PAUSE=POINT:FIFO for this POINT, wait
 * until the test has opened FIFO for writing and closed it again. */
void proj_test_pause(const char *point);

/* ------------------------------------------------------------------- lock */


/* ----------------------------------------------------------- the recorder */

/* Where a call's results go: the caller's handler and callbacks. */
typedef struct proj_sink {
	const ms_project *p;
	ms_stage stage;
	ms_diag_handler *h;
	ms_finding_fn on_finding;
	void (*on_letter)(const ms_build_record *r, void *data);
	void *data;
} proj_sink;

/* What a worker thread would have delivered (diagnostics, progress
 * steps, findings, build records), kept in order for the calling thread
 * to deliver when its turn comes. */
typedef struct proj_rec {
	struct proj_rec_item *v;
	size_t n, cap;
} proj_rec;

/* Work either delivers straight to the sink (on the calling thread) or
 * records (on a worker thread).  H is the handler the work reports
 * through: the sink's, or one that records. */
typedef struct proj_out {
	const proj_sink *sink;
	proj_rec *rec;            /* NULL: deliver now */
	ms_diag_handler rec_h;    /* records into REC */
	ms_diag_handler *h;
} proj_out;

/* Deliver straight to SINK. */
void proj_out_direct(proj_out *o, const proj_sink *sink);
/* Record into REC, for SINK later. */
void proj_out_record(proj_out *o, const proj_sink *sink, proj_rec *rec);
void proj_out_step(proj_out *o, const char *item);
void proj_out_finding(proj_out *o, const ms_finding *f);
void proj_out_letter(proj_out *o, const ms_build_record *r);
/* Deliver what REC holds to SINK, in order, and empty it. */
void proj_rec_replay(proj_rec *rec, const proj_sink *sink);
/* Forget what REC holds. */
void proj_rec_release(proj_rec *rec);

/* Progress events of P (each does nothing when no one listens). */
void proj_stage_begin(const ms_project *p, ms_stage stage, size_t total);
void proj_stage_step(const ms_project *p, ms_stage stage, const char *item);
void proj_stage_end(const ms_project *p, ms_stage stage);

/* ----------------------------------------------- files in <out>/.missive */

/* Append S as a field: tab, newline and backslash escaped as \t, \n,
 * \\, NULL as \N; then a tab, or a newline when LAST. */
void proj_put_field(ms_buf *b, const char *s, bool last);
/* H as 16 hex digits, then a tab or (LAST) a newline. */
void proj_put_hash(ms_buf *b, uint64_t h, bool last);
/* Split the line at *AT into N fields, unescaped in place (NULL for \N),
 * and move *AT past it.  False when the line is malformed or has another
 * number of fields. */
bool proj_get_fields(char **at, char **field, size_t n);
/* A decimal number up to MAX; a hash of 16 hex digits. */
bool proj_parse_uint(const char *s, unsigned long long max, unsigned long long *v);
bool proj_parse_hash(const char *s, uint64_t *v);
/* Mix the length and bytes of the file PATH (or a marker when it cannot
 * be read) into H. */
uint64_t proj_hash_file(uint64_t h, const char *path);
/* The same for the bytes DATA[0..LEN) of a file already read. */
uint64_t proj_hash_data(uint64_t h, const char *data, size_t len);
typedef struct proj_hashes proj_hashes;
/* The hash of the file of the loaded code (program, library or plugin
 * module) that holds ADDR: what made an output (through the cache C). */
/* H continued with the names and contents of the language profiles in
 * the project's own profile folders (missive.yaml `profiles:`), through
 * the cache C (may be NULL): what every output and check of a language
 * may rest on besides the program itself. */
uint64_t proj_profiles_hash(uint64_t h, const ms_project *p, proj_hashes *c);
uint64_t proj_code_hash(proj_hashes *c, const void *addr);
/* "<OUT_DIR>/.missive/<NAME>-<LANG>"; freshly allocated. */
char *proj_state_path(const char *out_dir, const char *name, const char *lang);
/* Write DATA to PATH (creating .missive/); best effort, never fsynced. */
void proj_state_write(const char *path, const ms_buf *data);

/* Content hashes of input files, cached in "<OUT_DIR>/.missive/hashes"
 * with the identity of each file (project-store.c).  Thread-safe. */
proj_hashes *proj_hashes_load(const char *out_dir);
/* proj_hash_file(MS_HASH_SEED, PATH), from the cache while the file's
 * identity is the one recorded (C may be NULL: no cache). */
uint64_t proj_hashes_file(proj_hashes *c, const char *path);
/* The same; when the file had to be read (not in the cache), its bytes
 * go to *KEEP (freshly allocated) and *KEEP_LEN, for a caller that reads
 * it next to parse the very bytes it hashed; else *KEEP is NULL. */
uint64_t proj_hashes_file_keep(proj_hashes *c, const char *path, char **keep,
                               size_t *keep_len);
/* Write the cache back (the files asked for by this run only). */
void proj_hashes_store(proj_hashes *c);
void proj_hashes_free(proj_hashes *c);

/* ------------------------------------------------------- publish state */

/* The gate's errors by catalogue entry: how many concern each
 * (msgctxt, msgid). */
typedef struct proj_errors proj_errors;
proj_errors *proj_errors_new(void);
void proj_errors_free(proj_errors *e);
void proj_errors_add(proj_errors *e, const char *msgctxt, const char *msgid);
size_t proj_errors_total(const proj_errors *e);

/* What a letter's publication rests on in one language, from its units. */
typedef struct proj_letter_facts {
	uint64_t entries;     /* hash of the catalogue entries its units use */
	size_t units;         /* its units, each occurrence */
	size_t errors;        /* errors of ERRS on the entries it uses */
} proj_letter_facts;

/* Walk the units of SRC (split by SEG) against PO (NULL for the source
 * language) and ERRS (may be NULL) into *F; *KEYS (when KEYS is not
 * NULL; freshly allocated) receives the hash of each unit's key, in
 * order, *NKEYS of them: the letter's units index (proj_keys_scan). */
void proj_letter_scan(ms_letter *src, ms_segmenter *seg, const ms_catalog *po,
                      const proj_errors *errs, proj_letter_facts *f, uint64_t **keys,
                      size_t *nkeys);
/* The same one unit at a time, for a walk that does more (localising):
 * proj_scan_init, proj_scan_unit (an ms_unit_fn on X) for each unit in
 * document order, then proj_scan_release; *F then holds what
 * proj_letter_scan gives. */
typedef struct proj_scan {
	const ms_catalog *po;
	const proj_errors *errs;
	proj_letter_facts *f;
	ms_buf key;
	bool *counted;          /* per error slot: already counted for this letter */
	uint64_t *keys;         /* the units' key hashes so far */
	size_t nkeys, capkeys;
} proj_scan;
void proj_scan_init(proj_scan *x, const ms_catalog *po, const proj_errors *errs,
                    proj_letter_facts *f);
ms_status proj_scan_unit(const ms_unit *u, ms_inline **replacement, char **label,
                         void *data);
void proj_scan_release(proj_scan *x);
/* The units' key hashes so far (freshly allocated; *N of them), taken
 * out of X. */
uint64_t *proj_scan_take_keys(proj_scan *x, size_t *n);

/* The catalogue PO's entries by the hash of their key, or NULL when two
 * keys share a hash.  PO must outlive it. */
typedef struct proj_keys proj_keys;
proj_keys *proj_keys_new(const ms_catalog *po);
void proj_keys_free(proj_keys *k);
/* *F for a letter whose units have the key hashes KEYS[0..N) (as
 * proj_letter_scan gave them), against PO (indexed by K) and ERRS: what
 * proj_letter_scan gives, without reading the letter. */
void proj_keys_scan(const proj_keys *k, const ms_catalog *po, const proj_errors *errs,
                    const uint64_t *keys, size_t n, proj_letter_facts *f);

/* The publication gate of LANG: every check configured as an error in
 * CHECKER, run over PO (read from PO_FILE, whose bytes hash to CATALOGUE
 * as proj_hash_file computes it), or its result from
 * "<OUT_DIR>/.missive/gate-<LANG>" when the inputs are the same (SELF is
 * the running program, one of them).  Each unsuppressed error goes to
 * OUT and is counted in ERRORS. */
void proj_gate(const ms_project *p, const char *out_dir, const char *lang,
               const ms_catalog *po, const char *po_file, uint64_t catalogue,
               ms_checker *checker, const char *self, proj_out *out,
               proj_errors *errors);

/* --------------------------------------------------------------- manifest */

/* An output as the manifest records it. */
typedef struct proj_mout {
	char *ext;
	uint64_t letter, entries, common;   /* the inputs it was written from */
	uint64_t plugin;                    /* the writer's code */
	int state;                          /* ms_publish_state; -1: any (XLIFF) */
	uint64_t size, ino;                 /* the file's identity */
	int64_t sec;
	long nsec;
	uint64_t content;                   /* its content's hash */
	struct proj_mout *next;
} proj_mout;

/* A letter as the manifest records it. */
typedef struct proj_mletter {
	char *id, *path;
	uint64_t letter;      /* the letter file */
	uint64_t entries;     /* the catalogue entries its units use */
	uint64_t common;      /* what every letter shares */
	uint64_t catalogue;   /* the catalogue file ENTRIES was computed from */
	size_t units, missing, errors;
	uint64_t *keys;       /* its units' key hashes (proj_letter_scan) */
	size_t nkeys;
	bool has_keys;        /* KEYS is known (a letter may have no unit) */
	bool dropped;
	proj_mout *outs;
} proj_mletter;

typedef struct proj_manifest proj_manifest;

/* "<OUT_DIR>/.missive/manifest-<LANG>", or an empty manifest when it is
 * missing or not intact. */
proj_manifest *proj_manifest_load(const char *out_dir, const char *lang);
void proj_manifest_free(proj_manifest *m);
/* Write it back, when something changed. */
void proj_manifest_store(proj_manifest *m);
/* Something changed that the setters below do not see. */
void proj_manifest_touch(proj_manifest *m);
/* The letter ID, or NULL. */
proj_mletter *proj_manifest_get(proj_manifest *m, const char *id);
/* The letter ID at PATH, created when new (its outputs kept). */
proj_mletter *proj_manifest_put(proj_manifest *m, const char *id, const char *path);
/* Forget L and its outputs. */
void proj_manifest_drop(proj_manifest *m, proj_mletter *l);
/* Every letter, by id; freshly allocated array of *N. */
proj_mletter **proj_manifest_letters(const proj_manifest *m, size_t *n);
proj_mout *proj_mletter_out(const proj_mletter *l, const char *ext);
/* Record the output EXT of L, just written at PATH from L's inputs by
 * the code PLUGIN for STATE. */
/* L's units index: KEYS[0..N) (taken over) from proj_letter_scan. */
void proj_mletter_set_keys(proj_manifest *m, proj_mletter *l, uint64_t *keys, size_t n);
void proj_mletter_set_out(proj_manifest *m, proj_mletter *l, const char *ext,
                          uint64_t plugin, int state, const char *path);
void proj_mletter_drop_out(proj_manifest *m, proj_mletter *l, const char *ext);
/* True when PATH is still the file O records: the same identity, or the
 * same content (its new identity is then recorded). */
bool proj_mout_intact(proj_manifest *m, proj_mout *o, const char *path);

/* ------------------------------------------------------------------ build */

/* "xlf" is no plugin: the catalogue exported for translators. */
bool proj_is_xliff_format(const char *fmt);

#endif

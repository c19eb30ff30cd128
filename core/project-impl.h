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
/* GIVEN (copied) when it has letters, else the corpus letters.  NULL
 * after reporting an unreadable corpus folder. */
char **proj_letters(const ms_project *p, char *const *given, ms_diag_handler *h);
/* The segmentation mode of letter L (NULL: the project's default). */
ms_seg_mode proj_seg_mode(const ms_project *p, const ms_letter *l);
/* The glossary at PATH, or the configured one when that file exists (*G
 * is NULL when there is none).  False when it is broken (reported). */
bool proj_load_glossary(const ms_project *p, const char *path, ms_glossary **g,
                        ms_diag_handler *h);
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

/* ------------------------------------------------------------------- lock */

/* An exclusive lock on the catalogue folder, so that two processes never
 * rewrite catalogues at once: the descriptor to close, or -1 (reported).
 * Tells the project's events when it has to wait. */
int proj_lock_po(const ms_project *p, ms_diag_handler *h);
/* True when A and B describe the same file, unchanged (inode, size and
 * modification time). */
bool proj_same_file_state(const struct stat *a, const struct stat *b);

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

/* ------------------------------------------------------- publish state */

/* The publication gate of LANG: every check configured as an error in
 * CHECKER, run over PO (read from PO_FILE), or its result from
 * "<OUT_DIR>/.missive/gate-<LANG>" when the inputs are the same (SELF is
 * the running program, one of them).  Each unsuppressed error goes to
 * OUT; *ERRORS gets their number. */
void proj_gate(const ms_project *p, const char *out_dir, const char *lang,
               const ms_catalog *po, const char *po_file, ms_checker *checker,
               const char *self, proj_out *out, size_t *errors);

/* ------------------------------------------------------------------ build */

/* "xlf" is no plugin: the catalogue exported for translators. */
bool proj_is_xliff_format(const char *fmt);

#endif

/* mt.h — machine translation engines for pre-translation.
 *
 * An engine is one row of a small table: a name, a language pair, and
 * either a command missive runs or a function it calls.  The engine gets
 * a whole batch of segments at once (one process per batch, never one
 * per sentence).  Each segment is tagged text (units.h) with the spans
 * that must come out as a required rendering (glossary terms); the
 * engine returns tagged text with every inline tag of the source and
 * each protected span replaced by its rendering, wherever the engine put
 * the words it covered.
 *
 * Engines known today:
 *   apertium   en → es   Apertium with apertium-eng-spa (Debian packages
 *                        apertium, apertium-eng-spa); the program is
 *                        $MISSIVE_APERTIUM or "apertium" on PATH.
 * There is no offline engine for Korean in Debian (doc/tm.md). */
#ifndef MS_MT_H
#define MS_MT_H

#include "missive.h"

/* A span of a segment's source text that must come out as RENDERING. */
typedef struct ms_mt_term ms_mt_term;
struct ms_mt_term {
	size_t off, len;         /* bytes of the source; spans do not overlap
	                            and do not cut an inline tag */
	const char *rendering;   /* borrowed */
	/* When not NULL: asked with the words the engine made of the span
	 * (tags left out); true keeps them instead of RENDERING (they are
	 * already an admitted, maybe better inflected, rendering). */
	bool (*keep)(const ms_mt_term *t, const char *engine_text, void *data);
	void *data;
};

/* One segment of a batch. */
typedef struct ms_mt_segment {
	const char *source;      /* tagged text, borrowed */
	const ms_mt_term *terms; /* sorted by offset; borrowed */
	size_t nterms;
	/* filled by the engine: */
	char *target;            /* tagged text, freshly allocated; NULL when
	                            the engine gave nothing for it */
	char *problem;           /* what could not be kept (a tag or a term
	                            the engine lost), freshly allocated; NULL */
} ms_mt_segment;

typedef struct ms_mt_engine ms_mt_engine;

struct ms_mt_engine {
	const char *name;        /* "apertium" */
	const char *source;      /* source language ("en") */
	const char *target;      /* target language ("es") */
	const char *program;     /* the command run, NULL for an in-process
	                            engine; an environment variable may
	                            override it (see ENV) */
	const char *env;         /* that variable's name, or NULL */
	const char *data;        /* the engine's own setting (Apertium: the
	                            mode, "eng-spa") */
	/* Whether the engine can run here, and its version for the origin
	 * comment ("Apertium 3.8.3, eng-spa"; *VERSION freshly allocated).
	 * MS_ERR_NOT_FOUND when it is not installed (reported through H as
	 * an error naming what to install). */
	ms_status (*probe)(const ms_mt_engine *e, char **version,
	                   ms_diag_handler *h);
	/* Translate SEGS[0..N) (see ms_mt_segment). */
	ms_status (*translate)(const ms_mt_engine *e, ms_mt_segment *segs,
	                       size_t n, ms_diag_handler *h);
	/* Fixed corrections of the engine's output, as pairs FROM, TO
	 * (NULL-terminated; NULL: none), each FROM replaced where it starts
	 * a word (Spanish "a el " → "al ", which Apertium leaves). */
	const char *const *postedit;
};

/* The table of engines (static; *N rows). */
const ms_mt_engine *ms_mt_engines(size_t *n);
/* The engine called NAME (any pair when SRC/TGT are NULL) that
 * translates SRC into TGT (language tags: "es-419" matches "es");
 * NULL when none. */
const ms_mt_engine *ms_mt_find(const char *name, const char *src,
                               const char *tgt);
/* The program an engine runs: its environment variable when set, else
 * its PROGRAM.  Borrowed. */
const char *ms_mt_program(const ms_mt_engine *e);

/* Run ARGV (ARGV[0] searched on PATH) with IN[0..INLEN) on standard
 * input; standard output goes to OUT (appended).  Returns MS_OK when the
 * command ran and exited with status 0; otherwise reports through H, as
 * an error naming ARGV[0], its first line of standard error or its exit
 * status, and returns MS_ERR_NOT_FOUND (the program cannot be run) or
 * MS_ERR_IO. */
ms_status ms_mt_run(char *const *argv, const char *in, size_t inlen,
                    ms_buf *out, ms_diag_handler *h);

/* Run E over SEGS[0..N), then its post-edits on each target: what
 * callers use (E->translate is the engine alone). */
ms_status ms_mt_translate(const ms_mt_engine *e, ms_mt_segment *segs, size_t n,
                          ms_diag_handler *h);

/* The segments back from the engine, frees what they received. */
void ms_mt_segments_release(ms_mt_segment *segs, size_t n);

/* ----------------------------------------- Apertium (mt-apertium.c) */

ms_status ms_mt_apertium_probe(const ms_mt_engine *e, char **version,
                               ms_diag_handler *h);
ms_status ms_mt_apertium_translate(const ms_mt_engine *e, ms_mt_segment *segs,
                                   size_t n, ms_diag_handler *h);

/* The Apertium stream for SEGS (what ms_mt_apertium_translate sends to
 * `apertium -z -f none`): one NUL-terminated chunk per segment, inline
 * tags and protected spans as word-bound blanks so that they follow
 * their words through reordering.  Appended to OUT.  Exposed for
 * tests. */
void ms_mt_apertium_encode(const ms_mt_segment *segs, size_t n, ms_buf *out);
/* Read Apertium's output OUT[0..LEN) back into SEGS' targets and
 * problems.  Returns false when the output does not hold one chunk per
 * segment (nothing is then filled). */
bool ms_mt_apertium_decode(ms_mt_segment *segs, size_t n, const char *out,
                           size_t len);

#endif

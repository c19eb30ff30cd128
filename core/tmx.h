/* tmx.h — TMX 1.4b translation memories: read (streaming, validated,
 * with located problems) and write.
 *
 * Segments are carried as missive's tagged text (units.h).  Reading, the
 * inline elements of a <seg> become numbered tags in order of
 * appearance: <bpt>/<ept> pairs and <hi> become "<N>…</N>", <ph>, <it>,
 * <ut> and <x> become "<N/>"; their native code (the element's content) is
 * left out.  Writing, "<N>…</N>" becomes <bpt i="N" x="N">&lt;N&gt;</bpt>…
 * <ept i="N">&lt;/N&gt;</ept> and "<N/>" becomes <ph x="N">&lt;N/&gt;</ph>,
 * so a tool that reads a segment's text with its codes (Translate
 * Toolkit's tmx class does) gets the tagged text back.  A unit's context
 * (a PO msgctxt) travels as <prop type="x-context">.
 *
 * Files are parsed with libxml2 with network access, DTD loading and
 * entity substitution off.  A DOCTYPE naming the TMX DTD (as Translate
 * Toolkit and OmegaT write) is accepted and never read; a document that
 * declares entities, or refers to one that is not XML's own, is refused. */
#ifndef MS_TMX_H
#define MS_TMX_H

#include "missive.h"

/* One <tuv>.  Strings are borrowed for the duration of the callback. */
typedef struct ms_tmx_tuv {
	const char *lang;      /* xml:lang (or TMX 1.1's lang) as written */
	const char *text;      /* the <seg> as tagged text */
	unsigned line, column; /* of <tuv> */
} ms_tmx_tuv;

/* One <tu> whose variants could be read. */
typedef struct ms_tmx_tu {
	const char *tuid;      /* NULL when absent */
	const char *context;   /* <prop type="x-context">; NULL when absent */
	const char *note;      /* the <note>s, joined by '\n'; NULL when none */
	const ms_tmx_tuv *tuvs;
	size_t ntuvs;
	unsigned line, column; /* of <tu> */
} ms_tmx_tu;

typedef void (*ms_tmx_fn)(const ms_tmx_tu *tu, void *data);

/* What a file holds and what was wrong with it. */
typedef struct ms_tmx_info {
	char *version;         /* the version attribute of <tmx>; NULL */
	char *srclang;         /* <header srclang>; NULL */
	char *creationtool;    /* <header creationtool>; NULL */
	size_t units;          /* <tu> elements */
	size_t variants;       /* <tuv> elements */
	size_t passed;         /* units handed to the callback */
	size_t skipped;        /* units left out because of a problem */
	char **langs;          /* the languages of the variants passed,
	                          NULL-terminated, in order of appearance */
	size_t *lang_counts;   /* how many variants of each */
	unsigned errors, warnings;   /* problems reported */
} ms_tmx_info;

void ms_tmx_info_release(ms_tmx_info *info);

/* Read the TMX file at PATH and call FN for each usable <tu>.  Problems
 * are reported through H as PATH:LINE:COL, the column counted in
 * characters and pointing at the element's '<':
 *   errors:   malformed XML (MS_ERR_PARSE; nothing more is read), an
 *             entity declaration or reference, a root that is not <tmx>
 *             or no <header>/<body> (MS_ERR_INVALID), a <tuv> without a
 *             language or without <seg>, unpaired or crossing <bpt>/<ept>,
 *             an element a <seg> may not contain (the unit is skipped);
 *   warnings: a version other than 1.4 (read anyway), no srclang, an
 *             empty segment (left out), a <tu> with fewer than two
 *             variants (skipped: nothing to translate from).
 * INFO (may be NULL) receives the counts: initialise it with {0} and
 * release it with ms_tmx_info_release.  Returns MS_OK when the file
 * could be read (units may have been skipped: see INFO->skipped),
 * MS_ERR_PARSE or MS_ERR_INVALID as above, MS_ERR_IO when it cannot be
 * opened. */
ms_status ms_tmx_read(const char *path, ms_tmx_fn fn, void *data,
                      ms_tmx_info *info, ms_diag_handler *h);
/* The same from memory; NAME is used in diagnostics. */
ms_status ms_tmx_read_mem(const char *name, const char *bytes, size_t len,
                          ms_tmx_fn fn, void *data, ms_tmx_info *info,
                          ms_diag_handler *h);

/* ------------------------------------------------------------- writing */

typedef struct ms_tmx_writer ms_tmx_writer;

/* A TMX 1.4b document in memory, source language SRCLANG; TOOL_VERSION
 * goes into creationtoolversion.  Freshly allocated. */
ms_tmx_writer *ms_tmx_writer_new(const char *srclang, const char *tool_version);
void ms_tmx_writer_free(ms_tmx_writer *w);
/* Add one unit: SOURCE in the source language and TARGET in LANG, both
 * tagged text; CONTEXT and NOTE may be NULL.  The tags of TARGET are
 * written as the tags of SOURCE they carry the number of.  Returns false
 * (and adds nothing) when either text's tags are malformed. */
bool ms_tmx_writer_add(ms_tmx_writer *w, const char *context,
                       const char *source, const char *lang,
                       const char *target, const char *note);
/* Units added so far. */
size_t ms_tmx_writer_count(const ms_tmx_writer *w);
/* Close the document and append it to OUT (UTF-8, with the XML
 * declaration).  The writer cannot be used afterwards, except to free
 * it. */
void ms_tmx_writer_finish(ms_tmx_writer *w, ms_buf *out);

#endif

/* cli-xliff.h — the missive command's XLIFF side: `missive import`
 * (core/cli-import.c) and the "xlf" format of `missive build`. */
#ifndef MS_CLI_XLIFF_H
#define MS_CLI_XLIFF_H

#include "cli.h"
#include "catalog.h"
#include "glossary.h"
#include "segment.h"

/* missive import [--lang LANG] [--dry-run] [--glossary FILE] FILE.xlf...
 * Exit status: 0 clean, 1 findings or skipped units, 2 input errors. */
int cmd_import(project *p, int argc, char **argv);

/* Write OUT_PATH (out/<lang>/<id>.xlf) atomically: the XLIFF 1.2 export
 * of the source letter SRC for LANG with the translations of PO (NULL: no
 * catalogue yet, every unit new) and the hints of G (NULL: none); SEG
 * splits body paragraphs as extraction does.  Creates the folder.
 * Returns EXIT_CLEAN or EXIT_ERROR (reported through cli_diag). */
int cli_build_xliff(const project *p, const ms_letter *src, const char *lang,
                    const ms_catalog *po, const ms_glossary *g,
                    ms_segmenter *seg, const char *out_path);

#endif

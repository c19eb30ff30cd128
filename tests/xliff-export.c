/* xliff-export.c — test helper: write the XLIFF export of a letter.
 *   xliff-export LETTER.md PO|- LANG [GLOSSARY.yaml]
 * prints the XLIFF 1.2 document on standard output ("-": no catalogue).
 * Sentence segmentation with the data files of the source tree. */
#include <config.h>
#include "missive.h"
#include "catalog.h"
#include "glossary.h"
#include "segment.h"
#include "xliff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
print_diag(const ms_diag *d, void *data)
{
	(void)data;
	fprintf(stderr, "%s:%u:%u: %s\n", d->file ? d->file : "-", d->line,
	        d->column, d->message);
}

int
main(int argc, char **argv)
{
	ms_diag_handler h = { print_diag, NULL, 0, 0 };
	ms_letter *l = NULL;
	ms_catalog *po = NULL;
	ms_glossary *g = NULL;
	ms_segmenter *seg = NULL;
	ms_buf out = MS_BUF_INIT;
	int rc = 1;

	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: xliff-export LETTER.md PO|- LANG [GLOSSARY]\n");
		return 2;
	}
	if (ms_reader_read_file(argv[1], &l, &h) != MS_OK)
		goto out;
	if (strcmp(argv[2], "-") && ms_catalog_read(argv[2], &po, &h) != MS_OK)
		goto out;
	if (argc == 5 && ms_glossary_load(argv[4], &g, &h) != MS_OK)
		goto out;
	if (ms_segmenter_new(l->lang ? l->lang : "en", MS_SEG_SENTENCE,
	                     TOP_SRCDIR "/data", &seg, &h) != MS_OK)
		goto out;
	if (ms_xliff_write_letter(l, po, g, argv[3], seg, &out, &h) != MS_OK)
		goto out;
	fwrite(out.ptr, 1, out.len, stdout);
	rc = fflush(stdout) == 0 ? 0 : 1;
out:
	ms_buf_release(&out);
	ms_segmenter_free(seg);
	ms_glossary_free(g);
	ms_catalog_free(po);
	ms_letter_free(l);
	return rc;
}

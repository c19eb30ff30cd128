/* fuzz-xliff.c — XLIFF import: ms_xliff_read_mem (libxml2, DOCTYPE
 * refused), then ms_xliff_import of every file into a small catalogue. */
#include <config.h>
#include "fuzz-common.h"
#include "catalog.h"
#include "xliff.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ms_diag_handler h = fuzz_handler();
	ms_xliff_doc *d = NULL;
	ms_status st = ms_xliff_read_mem("fuzz.xlf", (const char *)data, size,
	                                 &d, &h);
	if (st == MS_OK) {
		ms_catalog *po = ms_catalog_new();
		ms_xliff_importer *imp;
		ms_xliff_stats stats;
		size_t i;
		if (!d)
			abort();
		ms_catalog_add(po, NULL, "Dear Minister,", NULL, NULL);
		ms_catalog_add(po, "label", "Re:", NULL, NULL);
		ms_catalog_add(po, NULL, "The <1>Commission of Inquiry</1> reported in 2014.",
		               NULL, NULL);
		ms_catalog_add(po, NULL, "See <1/> and <2>the report</2>.", NULL, NULL);
		imp = ms_xliff_importer_new(po, "ko.po");
		for (i = 0; i < d->nfiles; i++)
			(void)ms_xliff_import(imp, &d->files[i], "fuzz.xlf", &h);
		for (i = 0; i < ms_xliff_importer_count(imp); i++)
			(void)strlen(ms_xliff_importer_entry(imp, i)->msgstr);
		ms_xliff_importer_stats(imp, &stats);
		ms_xliff_importer_free(imp);
		ms_catalog_free(po);
		ms_xliff_doc_free(d);
	} else if (d) {
		abort();
	}
	return 0;
}

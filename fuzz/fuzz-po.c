/* fuzz-po.c — PO reading (ms_catalog_read, through libgettextpo) and
 * every check (ms_checker_run with the project's glossary) for the
 * catalogue's language. */
#include <config.h>
#include "fuzz-common.h"
#include "catalog.h"
#include "check.h"

static void
finding(const ms_finding *f, void *data)
{
	ms_buf *b = data;
	ms_finding_to_json(f, b);
	ms_finding_to_text(f, b);
	ms_buf_reset(b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static ms_glossary *g;
	static ms_checker *chk;
	ms_diag_handler h = fuzz_handler();
	ms_catalog *po = NULL;
	const char *path;
	if (!g) {
		if (ms_glossary_load(FUZZ_SRCDIR "/po/glossary.yaml", &g, &h) != MS_OK)
			abort();
		if (ms_checker_new(NULL, g, &chk, &h) != MS_OK)
			abort();
	}
	path = fuzz_tmpfile(data, size, ".po");
	if (ms_catalog_read(path, &po, &h) == MS_OK) {
		ms_buf b = MS_BUF_INIT;
		char *lang = ms_catalog_header_get(po, "Language");
		size_t i;
		for (i = 0; i < ms_catalog_count(po); i++)
			(void)ms_catalog_find(po, ms_catalog_entry(po, i)->msgctxt,
			                      ms_catalog_entry(po, i)->msgid);
		ms_checker_run(chk, po, "fuzz.po", lang && *lang ? lang : "ko",
		               finding, &b, NULL, NULL);
		if (!lang || strcmp(lang, "es") != 0)
			ms_checker_run(chk, po, "fuzz.po", "es", finding, &b,
			               NULL, NULL);
		free(lang);
		ms_buf_release(&b);
		ms_catalog_free(po);
	}
	return 0;
}

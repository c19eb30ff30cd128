/* fuzz-import.c — `missive import` without the command line: the input
 * is an XLIFF file, read from disk (ms_xliff_read) and imported into a
 * Korean catalogue of the units of corpus/sample-001 (plus entries with
 * inline tags and a label); every entry the import changed goes through
 * the checks with the project glossary (what import reports); the
 * catalogue is written (ms_catalog_write, the atomic write import does)
 * and read back twice, by the fast reader and by libgettextpo
 * (MISSIVE_PO_IO=libgettextpo).  Both readings must succeed and give
 * every entry's msgstr and fuzzy flag exactly as imported: nothing an
 * import accepts may be lost or changed by the write, and the two
 * readers may not disagree on it. */
#include <config.h>
#include "fuzz-common.h"
#include "catalog.h"
#include "check.h"
#include "glossary.h"
#include "units.h"
#include "xliff.h"

typedef struct key {
	char *msgctxt, *msgid;
} key;

static key *keys;
static size_t nkeys;
static ms_glossary *glossary;
static ms_checker *checker;

static ms_status
collect(const ms_unit *u, ms_inline **replacement, char **label, void *data)
{
	(void)replacement;
	(void)label;
	(void)data;
	keys = realloc(keys, (nkeys + 1) * sizeof *keys);
	if (!keys)
		abort();
	keys[nkeys].msgctxt = u->msgctxt ? ms_xstrdup(u->msgctxt) : NULL;
	keys[nkeys++].msgid = ms_xstrdup(u->msgid);
	return MS_OK;
}

static void
setup(void)
{
	static const char *const extra[][2] = {
		{ NULL, "The <1>Commission of Inquiry</1> reported in 2014." },
		{ NULL, "See <1/> and <2>the report</2>." },
		{ "label", "Re:" },
	};
	ms_diag_handler h = fuzz_handler();
	ms_letter *l = NULL;
	ms_segmenter *seg = NULL;
	size_t i;
	if (ms_reader_read_file(FUZZ_SRCDIR "/corpus/sample-001-forced-repatriation.md",
	                   &l, &h) != MS_OK
	    || ms_segmenter_new(l->lang, MS_SEG_SENTENCE, FUZZ_SRCDIR "/data",
	                        &seg, &h) != MS_OK
	    || ms_units_walk(l, seg, collect, NULL, &h) != MS_OK
	    || ms_glossary_load(FUZZ_SRCDIR "/po/glossary.yaml", &glossary,
	                        &h) != MS_OK
	    || ms_checker_new(NULL, glossary, &checker, &h) != MS_OK)
		abort();
	for (i = 0; i < sizeof extra / sizeof extra[0]; i++) {
		ms_unit u = { extra[i][0], extra[i][1], NULL, 0, NULL, 0 };
		collect(&u, NULL, NULL, NULL);
	}
	ms_segmenter_free(seg);
	ms_letter_free(l);
}

static void
finding(const ms_finding *f, void *data)
{
	ms_buf *b = data;
	ms_finding_to_text(f, b);
}

/* Read PATH back (fast reader unless GETTEXTPO) and compare with PO. */
static void
reread(const ms_catalog *po, const char *path, bool gettextpo)
{
	ms_diag_handler h = fuzz_handler();
	ms_catalog *back = NULL;
	size_t i;
	if (gettextpo)
		setenv("MISSIVE_PO_IO", "libgettextpo", 1);
	else
		unsetenv("MISSIVE_PO_IO");
	if (ms_catalog_read(path, &back, &h) != MS_OK) {
		fprintf(stderr, "fuzz-import: %s cannot read the written catalogue\n",
		        gettextpo ? "libgettextpo" : "the fast reader");
		abort();
	}
	for (i = 0; i < ms_catalog_count(po); i++) {
		const ms_entry *e = ms_catalog_entry(po, i), *b;
		if (e->obsolete)
			continue;
		b = ms_catalog_find(back, e->msgctxt, e->msgid);
		if (!b || strcmp(b->msgstr, e->msgstr) || b->fuzzy != e->fuzzy) {
			fprintf(stderr, "fuzz-import: %s reads back %s for \"%s\"\n"
			        "  imported: \"%s\"%s\n  read:     \"%s\"%s\n",
			        gettextpo ? "libgettextpo" : "the fast reader",
			        b ? "another entry" : "no entry", e->msgid, e->msgstr,
			        e->fuzzy ? " (fuzzy)" : "", b ? b->msgstr : "",
			        b && b->fuzzy ? " (fuzzy)" : "");
			abort();
		}
	}
	ms_catalog_free(back);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ms_diag_handler h = fuzz_handler();
	ms_xliff_doc *d = NULL;
	char po_path[300];
	const char *xlf;
	ms_status st;

	if (!keys)
		setup();
	xlf = fuzz_tmpfile(data, size, ".xlf");
	snprintf(po_path, sizeof po_path, "%.*s.po", (int)(strlen(xlf) - 4), xlf);
	st = ms_xliff_read(xlf, &d, &h);
	if (st == MS_OK) {
		ms_catalog *po = ms_catalog_new();
		ms_xliff_importer *imp = ms_xliff_importer_new(po, "ko.po");
		ms_buf report = MS_BUF_INIT;
		size_t i, errors = 0, warnings = 0;
		if (!d)
			abort();
		ms_catalog_header_set(po, "Project-Id-Version", "missive-fuzz");
		ms_catalog_header_set(po, "Language", "ko");
		ms_catalog_header_set(po, "MIME-Version", "1.0");
		ms_catalog_header_set(po, "Content-Type", "text/plain; charset=UTF-8");
		ms_catalog_header_set(po, "Content-Transfer-Encoding", "8bit");
		ms_catalog_header_set(po, "Plural-Forms", "nplurals=1; plural=0;");
		for (i = 0; i < nkeys; i++)
			ms_catalog_add(po, keys[i].msgctxt, keys[i].msgid, NULL,
			               "corpus/sample-001-forced-repatriation.md:1");
		for (i = 0; i < d->nfiles; i++)
			(void)ms_xliff_import(imp, &d->files[i], xlf, &h);
		for (i = 0; i < ms_xliff_importer_count(imp); i++)
			ms_checker_entry(checker, ms_xliff_importer_entry(imp, i),
			                 "ko.po", "ko", finding, &report, &errors,
			                 &warnings);
		ms_xliff_importer_free(imp);
		unlink(po_path);
		if (ms_catalog_write(po, po_path, NULL, &h) != MS_OK) {
			fprintf(stderr, "fuzz-import: cannot write the catalogue\n");
			abort();
		}
		reread(po, po_path, false);
		reread(po, po_path, true);
		unsetenv("MISSIVE_PO_IO");
		unlink(po_path);
		ms_buf_release(&report);
		ms_catalog_free(po);
		ms_xliff_doc_free(d);
	} else if (d) {
		abort();
	}
	return 0;
}

/* fuzz-po.c — PO files: reading, both ways; writing, both ways; merging;
 * and every check for the catalogue's language.
 *
 * Differential: when missive's fast reader takes the input, libgettextpo
 * must read the same model from it (tests/po-same.h), and the catalogue
 * must be written to the same bytes by the fast writer and through
 * libgettextpo; any difference aborts.  Then the catalogue is merged
 * with a template made from it (half of its msgids changed), which runs
 * the fuzzy matcher: every template entry must be there afterwards, the
 * counts must add up, and every fuzzy match must score at least
 * msgmerge's threshold. */
#include <config.h>
#include "fuzz-common.h"
#include "catalog.h"
#include "check.h"
#include "po-same.h"

static void
finding(const ms_finding *f, void *data)
{
	ms_buf *b = data;
	ms_finding_to_json(f, b);
	ms_finding_to_text(f, b);
	ms_buf_reset(b);
}

/* Read PATH with the fast path allowed (FAST) or through libgettextpo. */
static ms_status
read_way(const char *path, bool fast, ms_catalog **out)
{
	ms_diag_handler h = fuzz_handler();
	if (fast)
		unsetenv("MISSIVE_PO_IO");
	else
		setenv("MISSIVE_PO_IO", "libgettextpo", 1);
	ms_status st = ms_catalog_read(path, out, &h);
	unsetenv("MISSIVE_PO_IO");
	return st;
}

/* C as written one way or the other: the status, then the bytes. */
static char *
written(const ms_catalog *c, bool fast, size_t *len)
{
	static char path[256];
	ms_diag_handler h = fuzz_handler();
	ms_buf b = MS_BUF_INIT;
	const char *dir = getenv("TMPDIR");
	snprintf(path, sizeof path, "%s/missive-fuzz-%ld-out.po",
	         dir && *dir ? dir : "/tmp", (long)getpid());
	unlink(path);
	if (!fast)
		setenv("MISSIVE_PO_IO", "libgettextpo", 1);
	ms_status st = ms_catalog_write(c, path, NULL, &h);
	unsetenv("MISSIVE_PO_IO");
	ms_buf_printf(&b, "status %d\n", (int)st);
	if (st == MS_OK) {
		char *data = NULL;
		size_t n = 0;
		if (ms_read_file(path, &data, &n, NULL) == MS_OK)
			ms_buf_put(&b, data, n);
		free(data);
	}
	unlink(path);
	return ms_buf_detach(&b, len);
}

static void
differ(const char *what, const char *why)
{
	fprintf(stderr, "fuzz-po: %s: %s\n", what, why);
	abort();
}

/* The fast reader and writer against libgettextpo on PATH; the catalogue
 * read (NULL when it does not read). */
static ms_catalog *
read_both_ways(const char *path)
{
	ms_catalog *fast = NULL, *slow = NULL;
	char why[256];
	if (read_way(path, true, &fast) != MS_OK)
		return NULL;
	if (read_way(path, false, &slow) != MS_OK)
		differ("read", "the fast reader took a file libgettextpo refuses");
	if (po_catalog_diff(fast, slow, why, sizeof why))
		differ("read", why);
	ms_catalog_free(slow);
	size_t la, lb;
	char *a = written(fast, true, &la), *b = written(fast, false, &lb);
	if (la != lb || memcmp(a, b, la) != 0)
		differ("write", "the fast writer and libgettextpo wrote different bytes");
	free(a);
	free(b);
	return fast;
}

/* Merge PO with a template made of its active entries, every other msgid
 * changed a little. */
static bool
has_key(const ms_catalog *c, const char *msgctxt, const char *msgid)
{
	for (size_t i = 0; i < ms_catalog_count(c); i++) {
		const ms_entry *e = ms_catalog_entry(c, i);
		if (po_str_same(e->msgctxt, msgctxt) && strcmp(e->msgid, msgid) == 0)
			return true;
	}
	return false;
}

static void
merge_checked(ms_catalog *po)
{
	ms_catalog *pot = ms_catalog_new();
	ms_buf id = MS_BUF_INIT;
	size_t want = 0;
	for (size_t i = 0; i < ms_catalog_count(po); i++) {
		ms_entry *e = ms_catalog_entry(po, i);
		if (e->obsolete)
			continue;
		ms_buf_reset(&id);
		ms_buf_puts(&id, e->msgid);
		if (i % 2)
			ms_buf_puts(&id, i % 4 == 1 ? "!" : " again");
		if (ms_catalog_find(pot, e->msgctxt, id.ptr) || !id.ptr[0])
			continue;
		ms_catalog_add(pot, e->msgctxt, id.ptr, e->extracted,
		               e->refs ? e->refs[0] : NULL);
		want++;
	}
	ms_buf_release(&id);
	/* Which template entries have an exact match, active or obsolete:
	 * those keep what they had; the others may get a fuzzy match. */
	size_t nt = ms_catalog_count(pot);
	bool *exact = calloc(nt ? nt : 1, sizeof *exact);
	if (!exact)
		abort();
	for (size_t i = 0; i < nt; i++) {
		ms_entry *t = ms_catalog_entry(pot, i);
		exact[i] = has_key(po, t->msgctxt, t->msgid);
	}
	ms_merge_stats st;
	ms_diag_handler h = fuzz_handler();
	if (ms_catalog_merge(po, pot, "es", &st, &h) != MS_OK)
		differ("merge", "refused");
	if (st.kept + st.fuzzy + st.added != want)
		differ("merge", "kept + fuzzy + added is not the template's size");
	for (size_t i = 0; i < ms_catalog_count(pot); i++) {
		ms_entry *t = ms_catalog_entry(pot, i);
		ms_entry *e = ms_catalog_find(po, t->msgctxt, t->msgid);
		if (!e)
			differ("merge", "a template entry is missing");
		if (!exact[i] && e->fuzzy && e->prev_msgid
		    && ms_catalog_similarity(t->msgid, e->prev_msgid) < MS_MATCH_FUZZY - 1e-9)
			differ("merge", "a fuzzy match below the threshold");
	}
	free(exact);
	ms_catalog_free(pot);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static ms_glossary *g;
	static ms_checker *chk;
	ms_diag_handler h = fuzz_handler();
	ms_catalog *po;
	const char *path;
	if (!g) {
		if (ms_glossary_load(FUZZ_SRCDIR "/po/glossary.yaml", &g, &h) != MS_OK)
			abort();
		if (ms_checker_new(NULL, g, &chk, &h) != MS_OK)
			abort();
	}
	path = fuzz_tmpfile(data, size, ".po");
	if ((po = read_both_ways(path))) {
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
		merge_checked(po);
		ms_catalog_free(po);
	}
	return 0;
}

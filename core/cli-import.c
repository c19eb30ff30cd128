/* cli-import.c — `missive import`: translations coming back from CAT
 * tools as XLIFF go into po/<lang>.po, and the "xlf" output of
 * `missive build`.  The XLIFF work itself is in core/xliff.c; this file
 * decides which catalogue a file goes to, guards the write the way
 * `missive update` does (lock, change detection, atomic write), runs the
 * checks on what came in and prints the summary. */
#include "internal.h"
#include "catalog.h"
#include "check.h"
#include "xliff.h"
#include "cli-xliff.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------ build */

int
cli_build_xliff(const project *p, const ms_letter *src, const char *lang,
                const ms_catalog *po, const ms_glossary *g,
                ms_segmenter *seg, const char *out_path)
{
	ms_buf out = MS_BUF_INIT;
	const char *slash = strrchr(out_path, '/');
	int rc = EXIT_CLEAN;
	(void)p;

	if (ms_xliff_write_letter(src, po, g, lang, seg, &out, &cli_diag) != MS_OK) {
		ms_diag_emit(&cli_diag, MS_ERROR, NULL, src->path, 0, 0,
		             _("cannot export the units to '%s'"), out_path);
		rc = EXIT_ERROR;
	}
	if (rc == EXIT_CLEAN && slash && slash != out_path) {
		char *dir = ms_xstrndup(out_path, (size_t)(slash - out_path));
		if (ms_mkdirs(dir, &cli_diag) != MS_OK)
			rc = EXIT_ERROR;
		free(dir);
	}
	/* An output: regenerable, so no fsync, and not rewritten when the
	 * same (see ms_atomic_write_flags). */
	if (rc == EXIT_CLEAN
	    && ms_atomic_write_flags(out_path, out.ptr, out.len,
	                             MS_WRITE_NO_SYNC | MS_WRITE_IF_CHANGED, &cli_diag) != MS_OK)
		rc = EXIT_ERROR;
	ms_buf_release(&out);
	return rc;
}

/* ----------------------------------------------------------------- import */

/* One target catalogue, opened when the first file for its language comes. */
typedef struct import_po {
	char *lang;
	char *path;
	ms_catalog *po;
	ms_xliff_importer *imp;
	struct stat before;
	bool unusable;      /* could not be read: its files are skipped */
} import_po;

typedef struct import_run {
	const project *p;
	const char *lang_opt;
	bool dry_run;
	import_po *pos;
	size_t npos;
	size_t findings;    /* unsuppressed check errors and warnings */
} import_run;

static bool
lang_tag_ok(const char *s)
{
	if (!*s || strlen(s) > 35)
		return false;
	for (; *s; s++)
		if (!(*s == '-' || *s == '_' || (*s >= 'a' && *s <= 'z')
		      || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
			return false;
	return true;
}

/* The project language TL names: itself when it is a target language,
 * else its primary subtag when that is one ("ko-KR" → "ko"), else TL.
 * Freshly allocated. */
static char *
project_lang(const project *p, const char *tl)
{
	size_t n = strcspn(tl, "-_");
	if (ms_strv_contains(p->config->languages, tl) || !tl[n])
		return ms_xstrdup(tl);
	char *primary = ms_xstrndup(tl, n);
	if (ms_strv_contains(p->config->languages, primary))
		return primary;
	free(primary);
	return ms_xstrdup(tl);
}

static bool
same_primary(const char *a, const char *b)
{
	size_t n = strcspn(a, "-_"), m = strcspn(b, "-_");
	return n == m && !strncasecmp(a, b, n);
}

/* The catalogue for LANG: found, or opened now.  NULL when unusable. */
static import_po *
open_po(import_run *r, const char *lang, const char *xliff_path, unsigned line)
{
	import_po *s;
	for (size_t i = 0; i < r->npos; i++)
		if (!strcmp(r->pos[i].lang, lang))
			return r->pos[i].unusable ? NULL : &r->pos[i];
	r->pos = ms_xrealloc(r->pos, (r->npos + 1) * sizeof *r->pos);
	s = &r->pos[r->npos++];
	memset(s, 0, sizeof *s);
	s->lang = ms_xstrdup(lang);
	s->path = cli_po_path(r->p, lang);
	if (!strcmp(lang, r->p->config->source_lang)) {
		ms_diag_emit(&cli_diag, MS_ERROR, NULL, xliff_path, line, 0,
		             _("the target language '%s' is the source language"), lang);
		s->unusable = true;
		return NULL;
	}
	if (!ms_strv_contains(r->p->config->languages, lang))
		ms_diag_emit(&cli_diag, MS_WARNING, NULL, xliff_path, line, 0,
		             _("'%s' is not a target language (see %s/LINGUAS)"),
		             lang, r->p->config->po_dir);
	if (stat(s->path, &s->before) != 0) {
		ms_diag_emit(&cli_diag, MS_ERROR, NULL, xliff_path, line, 0,
		             _("no catalogue %s for '%s' (run missive update first)"),
		             s->path, lang);
		s->unusable = true;
		return NULL;
	}
	if (ms_catalog_read(s->path, &s->po, &cli_diag) != MS_OK) {
		s->unusable = true;
		return NULL;
	}
	s->imp = ms_xliff_importer_new(s->po, s->path);
	return s;
}

/* Read one XLIFF file and bring each of its <file> elements into the
 * catalogue of its target language. */
static void
import_file(import_run *r, const char *path)
{
	ms_xliff_doc *d = NULL;
	if (ms_xliff_read(path, &d, &cli_diag) != MS_OK)
		return;
	if (d->nfiles == 0)
		ms_diag_emit(&cli_diag, MS_WARNING, NULL, path, 0, 0,
		             _("no <file> element: nothing to import"));
	for (size_t i = 0; i < d->nfiles; i++) {
		const ms_xliff_file *f = &d->files[i];
		const char *tl = f->target_lang && *f->target_lang ? f->target_lang : r->lang_opt;
		char *lang;
		import_po *s;
		if (!tl) {
			ms_diag_emit(&cli_diag, MS_ERROR, NULL, path, f->line, 0,
			             _("<file> has no target-language (give --lang LANG)"));
			continue;
		}
		if (!lang_tag_ok(tl)) {
			ms_diag_emit(&cli_diag, MS_ERROR, NULL, path, f->line, 0,
			             _("'%s' is not a language tag"), tl);
			continue;
		}
		if (f->source_lang && *f->source_lang
		    && !same_primary(f->source_lang, r->p->config->source_lang))
			ms_diag_emit(&cli_diag, MS_WARNING, NULL, path, f->line, 0,
			             _("source-language '%s' is not the project's source language '%s'"),
			             f->source_lang, r->p->config->source_lang);
		lang = project_lang(r->p, tl);
		if ((s = open_po(r, lang, path, f->line)))
			ms_xliff_import(s->imp, f, path, &cli_diag);
		free(lang);
	}
	ms_xliff_doc_free(d);
}

static void
print_import_finding(const ms_finding *f, void *data)
{
	ms_buf *line = data;
	ms_buf_reset(line);
	ms_finding_to_text(f, line);
	fprintf(stderr, "%s\n", line->ptr);
}

static void
set_revision_date(ms_catalog *po)
{
	char when[64];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M+0000", &tm);
	ms_catalog_header_set(po, "PO-Revision-Date", when);
}

/* Check what came into S, then write it (unless a dry run).  Returns
 * false when the catalogue could not be written. */
static bool
finish_po(import_run *r, import_po *s, ms_checker *checker)
{
	size_t n = ms_xliff_importer_count(s->imp), errors = 0, warnings = 0;
	ms_xliff_stats st;
	ms_buf line = MS_BUF_INIT;
	struct stat after;
	bool changed = false;

	for (size_t i = 0; i < n; i++)
		ms_checker_entry(checker, ms_xliff_importer_entry(s->imp, i), s->path,
		                 s->lang, print_import_finding, &line, &errors, &warnings);
	ms_buf_release(&line);
	r->findings += errors + warnings;
	ms_xliff_importer_stats(s->imp, &st);

	if (n && !r->dry_run) {
		set_revision_date(s->po);
		/* A translator may have saved the file since we read it: never
		 * overwrite their edit. */
		if (stat(s->path, &after) != 0 || !cli_same_file_state(&s->before, &after)) {
			ms_diag_emit(&cli_diag, MS_ERROR, NULL, s->path, 0, 0,
			             _("changed while missive was importing into it; nothing written, run the import again"));
			return false;
		}
		if (ms_catalog_write(s->po, s->path, &changed, &cli_diag) != MS_OK)
			return false;
	}
	if (cli_quiet)
		return true;
	if (r->dry_run)
		fprintf(stderr, _("%s: %s: would import %zu, %zu for review; %zu unchanged, %zu untranslated in the XLIFF, %zu skipped, %zu refused (dry run: nothing written)\n"),
		        cli_progname, s->path, st.imported, st.review, st.unchanged,
		        st.unfinished, st.unknown, st.broken);
	else
		fprintf(stderr, _("%s: %s: imported %zu, %zu for review; %zu unchanged, %zu untranslated in the XLIFF, %zu skipped, %zu refused\n"),
		        cli_progname, s->path, st.imported, st.review, st.unchanged,
		        st.unfinished, st.unknown, st.broken);
	return true;
}

int
cmd_import(project *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "glossary", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	import_run r;
	const char *gpath = NULL;
	ms_glossary *g = NULL;
	ms_checker *checker = NULL;
	unsigned errors_before = cli_diag.errors, warnings_before = cli_diag.warnings;
	int c, lock = -1, rc = EXIT_CLEAN;

	memset(&r, 0, sizeof r);
	r.p = p;
	while ((c = getopt_long(argc, argv, "l:ng:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			if (!lang_tag_ok(optarg)) {
				cli_usage_error(_("'%s' is not a language tag"), optarg);
				return EXIT_ERROR;
			}
			r.lang_opt = optarg;
			break;
		case 'n': r.dry_run = true; break;
		case 'g': gpath = optarg; break;
		case 'h':
			printf(_("Usage: %s import [--lang LANG] [--dry-run] [--glossary FILE] FILE.xlf...\n"
			         "Bring translations back from XLIFF 1.2 files (as CAT tools write them)\n"
			         "into %s/<lang>.po, the language being the file's target-language\n"
			         "(--lang LANG for files without one).  Targets in state translated,\n"
			         "final or signed-off (or with no state) are imported; needs-review-*\n"
			         "targets are imported as fuzzy.  Imported entries are checked like\n"
			         "'missive check' does; units whose inline tags do not match the source\n"
			         "are refused.  --dry-run reports without writing.\n"
			         "Exit status: 0 clean, 1 findings or skipped units, 2 input errors.\n"),
			       cli_progname, p->config->po_dir);
			return EXIT_CLEAN;
		default:
			return EXIT_ERROR;
		}
	}
	if (optind >= argc) {
		cli_usage_error(_("no XLIFF file given"));
		return EXIT_ERROR;
	}
	if (!cli_load_glossary(p, gpath, &g)
	    || ms_checker_new(p->config, g, &checker, &cli_diag) != MS_OK) {
		ms_glossary_free(g);
		return EXIT_ERROR;
	}
	/* The same lock as extract and update: one writer of po/ at a time. */
	if (!r.dry_run && (lock = cli_lock_po(p)) < 0) {
		ms_checker_free(checker);
		ms_glossary_free(g);
		return EXIT_ERROR;
	}
	for (int i = optind; i < argc; i++)
		import_file(&r, argv[i]);
	for (size_t i = 0; i < r.npos; i++) {
		import_po *s = &r.pos[i];
		if (!s->unusable)
			finish_po(&r, s, checker);
		ms_xliff_importer_free(s->imp);
		ms_catalog_free(s->po);
		free(s->lang);
		free(s->path);
	}
	free(r.pos);
	if (lock >= 0)
		close(lock);
	ms_checker_free(checker);
	ms_glossary_free(g);
	if (cli_diag.errors > errors_before)
		rc = EXIT_ERROR;
	else if (r.findings || cli_diag.warnings > warnings_before)
		rc = EXIT_FINDINGS;
	return rc;
}

/* cli-tm.c — `missive tm export` (a language's catalogue as TMX 1.4b)
 * and `missive tm import` (a TMX memory checked, counted and kept in
 * <po>/tm/ for `missive pretranslate`).  The TMX work is core/tmx.c. */
#include "internal.h"
#include "cli.h"
#include "catalog.h"
#include "tm.h"
#include "tmx.h"
#include "langtag.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------- export */

static int
tm_export(ms_project *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *lang = NULL, *out_path = NULL;
	char *path;
	ms_catalog *po = NULL;
	ms_tmx_writer *w;
	ms_buf out = MS_BUF_INIT;
	size_t n, plural = 0, broken = 0;
	int c, rc = EXIT_CLEAN;

	while ((c = getopt_long(argc, argv, "l:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l': lang = optarg; break;
		case 'o': out_path = optarg; break;
		case 'h':
			printf(_("Usage: %s tm export --lang LANG [-o FILE.tmx]\n"
			         "Write the translated, non-fuzzy entries of %s/<lang>.po as a TMX 1.4b\n"
			         "memory (on standard output without -o): contexts as <prop\n"
			         "type=\"x-context\">, inline tags as <bpt>/<ept> and <ph>.\n"),
			       cli_progname, ms_project_config(p)->po_dir);
			return EXIT_CLEAN;
		default:
			return EXIT_ERROR;
		}
	}
	if (!lang) {
		cli_usage_error(_("tm export needs --lang LANG"));
		return EXIT_ERROR;
	}
	if (optind < argc) {
		cli_usage_error(_("unexpected argument '%s'"), argv[optind]);
		return EXIT_ERROR;
	}
	path = ms_project_po_path(p, lang);
	if (ms_catalog_read(path, &po, &cli_diag) != MS_OK) {
		free(path);
		return EXIT_ERROR;
	}
	w = ms_tmx_writer_new(ms_project_config(p)->source_lang, PACKAGE_VERSION);
	n = ms_catalog_count(po);
	for (size_t i = 0; i < n; i++) {
		const ms_entry *e = ms_catalog_entry(po, i);
		if (e->obsolete || e->fuzzy || ms_tm_entry_origin(e) == MS_ORIGIN_NONE)
			continue;
		if (e->msgid_plural) {
			plural++;
			continue;
		}
		if (!ms_tmx_writer_add(w, e->msgctxt, e->msgid, lang, e->msgstr, NULL)) {
			ms_diag_emit(&cli_diag, MS_WARNING, "inline-tags", path, e->line, 0,
			             _("inline tags are malformed: entry left out of the memory"));
			broken++;
		}
	}
	ms_tmx_writer_finish(w, &out);
	if (out_path) {
		if (ms_atomic_write(out_path, out.ptr, out.len, &cli_diag) != MS_OK)
			rc = EXIT_ERROR;
	} else if (fwrite(out.ptr, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
		ms_diag_emit(&cli_diag, MS_ERROR, NULL, NULL, 0, 0, _("cannot write the memory"));
		rc = EXIT_ERROR;
	}
	if (rc == EXIT_CLEAN && !cli_quiet) {
		fprintf(stderr, _("%s: %s: %zu units written to %s"), cli_progname, path,
		        ms_tmx_writer_count(w), out_path ? out_path : _("standard output"));
		if (plural || broken)
			fprintf(stderr, _(" (left out: %zu plural, %zu with malformed tags)"), plural, broken);
		fputc('\n', stderr);
	}
	ms_tmx_writer_free(w);
	ms_buf_release(&out);
	ms_catalog_free(po);
	free(path);
	return rc;
}

/* ------------------------------------------------------------- import */

typedef struct pairs {
	const ms_project *p;
	size_t *usable;       /* per target language */
} pairs;

static void
count_pairs(const ms_tmx_tu *tu, void *data)
{
	pairs *x = data;
	bool src = false;
	for (size_t i = 0; i < tu->ntuvs; i++)
		src = src || ms_lang_is(tu->tuvs[i].lang, ms_project_config(x->p)->source_lang);
	if (!src)
		return;
	for (size_t l = 0; ms_project_config(x->p)->languages[l]; l++)
		for (size_t i = 0; i < tu->ntuvs; i++)
			if (ms_lang_is(tu->tuvs[i].lang, ms_project_config(x->p)->languages[l])) {
				x->usable[l]++;
				break;
			}
}

/* <po>/tm/NAME, NAME being PATH's last component (".tmx" added when it
 * does not end so); freshly allocated. */
static char *
kept_path(const ms_project *p, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;
	ms_buf b = MS_BUF_INIT;
	base = base ? base + 1 : path;
	n = strlen(base);
	ms_buf_printf(&b, "%s/tm/%s", ms_project_config(p)->po_dir, base);
	if (n < 4 || strcmp(base + n - 4, ".tmx"))
		ms_buf_puts(&b, ".tmx");
	return ms_buf_detach(&b, NULL);
}

/* Check one file; keep it unless CHECK_ONLY or it has errors.  Returns
 * EXIT_CLEAN, EXIT_FINDINGS (warnings) or EXIT_ERROR. */
static int
import_one(const ms_project *p, const char *path, bool check_only)
{
	char *bytes = NULL, *dest = NULL;
	size_t len = 0, nlangs = ms_strv_len(ms_project_config(p)->languages);
	ms_tmx_info info;
	pairs x = { p, ms_xcalloc(nlangs + 1, sizeof(size_t)) };
	ms_status st;
	int rc = EXIT_CLEAN;

	memset(&info, 0, sizeof info);
	if (ms_read_file(path, &bytes, &len, &cli_diag) != MS_OK) {
		free(x.usable);
		return EXIT_ERROR;
	}
	st = ms_tmx_read_mem(path, bytes, len, count_pairs, &x, &info, &cli_diag);
	if (!cli_quiet) {
		fprintf(stderr, _("%s: %s: TMX %s from %s, source language %s: %zu units, %zu variants; "
		                  "%zu read, %zu skipped;"),
		        cli_progname, path, info.version ? info.version : "?",
		        info.creationtool ? info.creationtool : "?", info.srclang ? info.srclang : "?",
		        info.units, info.variants, info.passed, info.skipped);
		for (size_t l = 0; l < nlangs; l++)
			fprintf(stderr, _(" %zu for %s→%s%s"), x.usable[l], ms_project_config(p)->source_lang,
			        ms_project_config(p)->languages[l], l + 1 < nlangs ? "," : "");
		fprintf(stderr, _("; %u errors, %u warnings\n"), info.errors, info.warnings);
	}
	if (st != MS_OK || info.errors) {
		rc = EXIT_ERROR;
		if (!check_only && !cli_quiet)
			fprintf(stderr, _("%s: %s: not imported: correct the errors first\n"),
			        cli_progname, path);
		goto out;
	}
	if (info.warnings)
		rc = EXIT_FINDINGS;
	if (check_only)
		goto out;
	dest = kept_path(p, path);
	{
		ms_buf dir = MS_BUF_INIT;
		ms_buf_printf(&dir, "%s/tm", ms_project_config(p)->po_dir);
		st = ms_mkdirs(dir.ptr, &cli_diag);
		ms_buf_release(&dir);
	}
	if (st != MS_OK || ms_atomic_write(dest, bytes, len, &cli_diag) != MS_OK) {
		rc = EXIT_ERROR;
		goto out;
	}
	if (!cli_quiet)
		fprintf(stderr, _("%s: %s: kept as %s for missive pretranslate\n"),
		        cli_progname, path, dest);
out:
	ms_tmx_info_release(&info);
	free(x.usable);
	free(bytes);
	free(dest);
	return rc;
}

static int
tm_import(ms_project *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "check", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool check_only = false;
	int c, rc = EXIT_CLEAN, lock = -1;

	while ((c = getopt_long(argc, argv, "ch", opts, NULL)) != -1) {
		switch (c) {
		case 'c': check_only = true; break;
		case 'h':
			printf(_("Usage: %s tm import [--check] FILE.tmx...\n"
			         "Check TMX memories (1.4b; 1.1 to 1.3 are read as 1.4), report their\n"
			         "units, languages and problems (FILE:LINE:COL), and keep each file\n"
			         "without errors as %s/tm/NAME.tmx, where missive pretranslate reads\n"
			         "it.  --check only checks.\n"
			         "Exit status: 0 clean, 1 warnings, 2 errors (the file is not kept).\n"),
			       cli_progname, ms_project_config(p)->po_dir);
			return EXIT_CLEAN;
		default:
			return EXIT_ERROR;
		}
	}
	if (optind >= argc) {
		cli_usage_error(_("no TMX file given"));
		return EXIT_ERROR;
	}
	if (!check_only && (lock = ms_project_lock(p, &cli_diag)) < 0)
		return EXIT_ERROR;
	for (int i = optind; i < argc; i++) {
		int r = import_one(p, argv[i], check_only);
		if (r > rc)
			rc = r;
	}
	if (lock >= 0)
		close(lock);
	return rc;
}

/* ------------------------------------------------------------ dispatch */

int
cmd_tm(ms_project *p, int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		if (argc < 2) {
			cli_usage_error(_("tm needs a subcommand: export or import"));
			return EXIT_ERROR;
		}
		printf(_("Usage: %s tm export --lang LANG [-o FILE.tmx]\n"
		         "       %s tm import [--check] FILE.tmx...\n"
		         "Exchange translation memories with CAT tools as TMX 1.4b.\n"),
		       cli_progname, cli_progname);
		return EXIT_CLEAN;
	}
	if (!strcmp(argv[1], "export"))
		return tm_export(p, argc - 1, argv + 1);
	if (!strcmp(argv[1], "import"))
		return tm_import(p, argc - 1, argv + 1);
	cli_usage_error(_("'%s' is not a tm subcommand (export, import)"), argv[1]);
	return EXIT_ERROR;
}

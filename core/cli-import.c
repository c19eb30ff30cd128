/* cli-import.c — `missive import`: translations coming back from CAT
 * tools as XLIFF files, into po/<lang>.po (core/project-import.c). */
#include "cli.h"
#include "langtag.h"

#include <getopt.h>
#include <stdio.h>

typedef struct import_print {
	bool dry_run;
} import_print;

static void
print_catalogue(const ms_import_record *r, void *data)
{
	const import_print *ip = data;
	if (cli_quiet)
		return;
	if (ip->dry_run)
		fprintf(stderr, _("%s: %s: would import %zu, %zu for review; %zu unchanged, %zu untranslated in the XLIFF, %zu skipped, %zu refused (dry run: nothing written)\n"),
		        cli_progname, r->path, r->imported, r->review, r->unchanged,
		        r->unfinished, r->unknown, r->broken);
	else
		fprintf(stderr, _("%s: %s: imported %zu, %zu for review; %zu unchanged, %zu untranslated in the XLIFF, %zu skipped, %zu refused\n"),
		        cli_progname, r->path, r->imported, r->review, r->unchanged,
		        r->unfinished, r->unknown, r->broken);
}

int
cmd_import(ms_project *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "glossary", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	import_print ip = { false };
	ms_import_opts o = { 0 };
	ms_status st;
	int c;

	o.on_finding = cli_print_finding;
	o.on_catalogue = print_catalogue;
	o.data = &ip;
	while ((c = getopt_long(argc, argv, "l:ng:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			if (!ms_lang_valid(optarg)) {
				cli_usage_error(_("'%s' is not a language tag"), optarg);
				return EXIT_ERROR;
			}
			o.lang = optarg;
			break;
		case 'n': o.dry_run = ip.dry_run = true; break;
		case 'g': o.glossary = optarg; break;
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
			       cli_progname, ms_project_config(p)->po_dir);
			return EXIT_CLEAN;
		default:
			return EXIT_ERROR;
		}
	}
	if (optind >= argc) {
		cli_usage_error(_("no XLIFF file given"));
		return EXIT_ERROR;
	}
	o.files = argv + optind;
	st = ms_project_import(p, &o, NULL, &cli_diag);
	return st == MS_OK ? EXIT_CLEAN : st == MS_ERR_FINDINGS ? EXIT_FINDINGS : EXIT_ERROR;
}

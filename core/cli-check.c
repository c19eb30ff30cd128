/* cli-check.c — `missive check`: the findings of every check, as
 * GCC-style lines on standard error or JSON lines on standard output. */
#include "cli.h"
#include "check.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void
print_json(const ms_finding *f, void *data)
{
	ms_buf line = MS_BUF_INIT;
	(void)data;
	cli_progress_clear();
	ms_finding_to_json(f, &line);
	puts(line.ptr);
	ms_buf_release(&line);
}

int
cmd_check(ms_project *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "glossary", required_argument, NULL, 'g' },
		{ "lang", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'f' },
		{ "strict", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	ms_check_opts o = { .on_finding = cli_print_finding };
	ms_check_result r;
	bool json = false;
	ms_status st;
	int c, rc;

	while ((c = getopt_long(argc, argv, "g:l:f:h", opts, NULL)) != -1) {
		switch (c) {
		case 'g': o.glossary = optarg; break;
		case 'S': o.strict = true; break;
		case 'l': o.lang = optarg; break;
		case 'f':
			if (!strcmp(optarg, "json"))
				json = true;
			else if (strcmp(optarg, "text")) {
				cli_usage_error(_("unknown format '%s' (text or json)"), optarg);
				return EXIT_ERROR;
			}
			break;
		case 'h':
			printf(_("Usage: %s check [--glossary FILE] [--lang LANG] [--format=text|json] [--strict] [PO...]\n"
			         "Check translations: glossary terms (through inflection), inline tags,\n"
			         "numbers, URLs, untranslated text, punctuation and gettext's own checks.\n"
			         "Without PO files, checks %s/<lang>.po for every target language.\n"
			         "Findings go to standard error as FILE:LINE: SEVERITY: [CHECK] MESSAGE,\n"
			         "or to standard output as one JSON object per line (doc/check-json.md).\n"
			         "Exit status: 0 clean or warnings only, 1 errors (or warnings with\n"
			         "--strict), 2 usage or input error.\n"),
			       cli_progname, ms_project_config(p)->po_dir);
			return EXIT_CLEAN;
		default:
			return EXIT_ERROR;
		}
	}
	if (json)
		o.on_finding = print_json;
	o.files = argv + optind;
	st = ms_project_check(p, &o, &r, &cli_diag);
	rc = st == MS_OK ? EXIT_CLEAN : st == MS_ERR_FINDINGS ? EXIT_FINDINGS : EXIT_ERROR;
	if (r.ran && !cli_quiet && !json)
		fprintf(stderr, _("%s: %zu errors, %zu warnings\n"), cli_progname,
		        r.errors, r.warnings);
	return rc;
}

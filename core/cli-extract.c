/* cli-extract.c — `missive extract`: the template from the corpus. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>

static void
print_written(const char *path, size_t entries, void *data)
{
	(void)data;
	if (!cli_quiet)
		fprintf(stderr, _("%s: wrote %s (%zu entries)\n"), cli_progname, path, entries);
}

int
cmd_extract(ms_project *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "split", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const ms_config *cfg = ms_project_config(p);
	ms_extract_opts o = { NULL, false, print_written, NULL };
	int c;

	while ((c = getopt_long(argc, argv, "sh", opts, NULL)) != -1) {
		switch (c) {
		case 's': o.split = true; break;
		case 'h':
			printf(_("Usage: %s extract [--split] [LETTER.md...]\n"
			         "Write the template %s/%s.pot from the corpus letters\n"
			         "(--split: one template per letter, %s/<id>.pot).\n"),
			       cli_progname, cfg->po_dir, cfg->domain, cfg->po_dir);
			return EXIT_CLEAN;
		default:
			return EXIT_ERROR;
		}
	}
	o.letters = argv + optind;
	return ms_project_extract(p, &o, &cli_diag) == MS_OK ? EXIT_CLEAN : EXIT_ERROR;
}

/* cli-update.c — `missive update`: the template merged into each
 * language's catalogue. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>

static void
print_written(const ms_update_record *r, void *data)
{
	(void)data;
	if (!cli_quiet)
		fprintf(stderr, _("%s: updated %s: %zu kept, %zu fuzzy, %zu new, %zu obsolete\n"),
		        cli_progname, r->path, r->kept, r->fuzzy, r->added, r->obsoleted);
}

int
cmd_update(ms_project *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char **langs = ms_xcalloc(1, sizeof(char *));
	ms_update_opts o = { NULL, print_written, NULL };
	int c, rc;

	while ((c = getopt_long(argc, argv, "l:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l': ms_strv_push(&langs, optarg); break;
		case 'h':
			printf(_("Usage: %s update [--lang LANG]...\n"
			         "Merge the template into %s/<lang>.po for every target language\n"
			         "(or the ones named), keeping every translation.\n"),
			       cli_progname, ms_project_config(p)->po_dir);
			ms_strv_free(langs);
			return EXIT_CLEAN;
		default:
			ms_strv_free(langs);
			return EXIT_ERROR;
		}
	}
	o.langs = langs;
	rc = ms_project_update(p, &o, &cli_diag) == MS_OK ? EXIT_CLEAN : EXIT_ERROR;
	ms_strv_free(langs);
	return rc;
}

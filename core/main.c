/* main.c — the missive command: global options and the command table.
 * Each command is one file, core/cli-NAME.c (see cli.h); the work is done
 * by libmissive (core/project.h).  Exit status of every command:
 *   0  clean
 *   1  findings (checks failed, publication blocked)
 *   2  usage or input error */
#include "cli.h"
#include "missive-plugin.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct command {
	const char *name;
	int (*run)(ms_project *p, int argc, char **argv);
	const char *summary;
	/* Writes where the user names (tm export -o FILE): not confined to
	 * the project's po and out folders as every other command is. */
	bool writes_anywhere;
} command;

/* One line per command, in the order --help lists them. */
static const command commands[] = {
	{ "extract", cmd_extract, N_("write the translation template from the corpus"), false },
	{ "update", cmd_update, N_("merge the template into each language's catalogue"), false },
	{ "build", cmd_build, N_("write the letters in each language and format"), false },
	{ "check", cmd_check, N_("check translations against the glossary and QA rules"), false },
	{ "segment", cmd_segment, N_("split text on standard input into sentences"), false },
	{ "plugins", cmd_plugins, N_("list the writer plugins and their state"), false },
	{ "stats", cmd_stats, N_("count translated, fuzzy and untranslated units and words"), false },
	{ "report", cmd_report, N_("write the translation status report (HTML or JSON)"), false },
	{ "import", cmd_import, N_("bring translations back from XLIFF files (CAT tools)"), false },
	{ "pretranslate", cmd_pretranslate, N_("fill untranslated entries from translation memory and machine translation"), false },
	{ "tm", cmd_tm, N_("export or import translation memories (TMX)"), true },
};

static void
print_help(void)
{
	printf(_("Usage: %s [OPTION]... COMMAND [ARG]...\n"
	         "Translate and publish formal letters.\n\n"
	         "Options:\n"
	         "  -C DIR           run in DIR (where missive.yaml is)\n"
	         "      --config FILE  read FILE instead of missive.yaml\n"
	         "  -q, --quiet      print errors and warnings only\n"
	         "  -v, --verbose    say what is done for each letter\n"
	         "      --help       show this help and exit\n"
	         "      --version    show the version and exit\n\n"
	         "Commands:\n"), cli_progname);
	for (size_t i = 0; i < MS_ARRAY_SIZE(commands); i++)
		printf("  %-9s %s\n", commands[i].name, _(commands[i].summary));
	printf(_("\n'%s COMMAND --help' describes a command.\n"
	         "Exit status: 0 clean, 1 findings (publication blocked), 2 usage or input error.\n"),
	       cli_progname);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config_path = NULL;
	int c, rc;

	setlocale(LC_ALL, "");
	/* Past a file-size limit, report the failed write instead of dying:
	 * every write is atomic, so nothing is lost either way. */
	signal(SIGXFSZ, SIG_IGN);
#ifdef ENABLE_NLS
	bindtextdomain("missive", getenv("MISSIVE_LOCALEDIR") && *getenv("MISSIVE_LOCALEDIR")
	               ? getenv("MISSIVE_LOCALEDIR") : LOCALEDIR);
#endif
	/* no-color.org: NO_COLOR set and not empty turns colours off */
	cli_colour = isatty(STDERR_FILENO) && !(getenv("NO_COLOR") && *getenv("NO_COLOR"));

	/* Options before the command only: stop at the first non-option. */
	while ((c = getopt_long(argc, argv, "+C:qvhV", opts, NULL)) != -1) {
		switch (c) {
		case 'C':
			if (chdir(optarg) != 0) {
				fprintf(stderr, _("%s: cannot change to '%s': %s\n"),
				        cli_progname, optarg, strerror(errno));
				return EXIT_ERROR;
			}
			break;
		case 'c': config_path = optarg; break;
		case 'q': cli_quiet = true; cli_verbose = false; break;
		case 'v': cli_verbose = true; cli_quiet = false; break;
		case 'h': print_help(); return EXIT_CLEAN;
		case 'V':
			printf("missive %s\n", PACKAGE_VERSION);
			printf(_("plugin ABI %d.%d\n"), MS_PLUGIN_ABI_MAJOR, MS_PLUGIN_ABI_MINOR);
			return EXIT_CLEAN;
		default:
			fprintf(stderr, _("Try '%s --help' for more information.\n"), cli_progname);
			return EXIT_ERROR;
		}
	}
	if (optind >= argc) {
		cli_usage_error(_("no command given"));
		return EXIT_ERROR;
	}
	const char *name = argv[optind];
	for (size_t i = 0; i < MS_ARRAY_SIZE(commands); i++) {
		ms_project *p;
		if (strcmp(commands[i].name, name))
			continue;
		if (!(p = cli_project_open(config_path)))
			return EXIT_ERROR;
		if (!commands[i].writes_anywhere)
			cli_confine(p, NULL);
		argc -= optind;
		argv += optind;
		optind = 1;     /* rescan for the command's own options */
		rc = commands[i].run(p, argc, argv);
		ms_project_free(p);
		if (rc == EXIT_CLEAN && cli_diag.errors)
			rc = EXIT_ERROR;
		return rc;
	}
	cli_usage_error(_("'%s' is not a missive command"), name);
	return EXIT_ERROR;
}

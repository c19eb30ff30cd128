/* cli-build.c — `missive build`: every letter in every language and
 * format. */
#include "cli.h"
#include "langtag.h"

#include <getopt.h>
#include <stdio.h>

static void
print_threads(size_t langs, size_t threads, void *data)
{
	(void)data;
	if (cli_verbose)
		fprintf(stderr, _("%s: build: %zu languages in %zu threads\n"), cli_progname,
		        langs, threads);
}

/* What became of the letters: the build's summary line. */
typedef struct build_count {
	size_t state[3];
	size_t rebuilt;
	bool any;
} build_count;

static void
count_letter(const ms_build_record *r, void *data)
{
	build_count *n = data;
	if (!r->publication)
		return;
	n->any = true;
	n->state[r->state]++;
	if (!r->fresh)
		n->rebuilt++;
}

int
cmd_build(ms_project *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'f' },
		{ "draft", no_argument, NULL, 'd' },
		{ "force", no_argument, NULL, 'F' },
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	ms_build_opts o = { 0 };
	build_count n = { { 0, 0, 0 }, 0, false };
	char **langs = ms_xcalloc(1, sizeof(char *));
	char **formats = ms_xcalloc(1, sizeof(char *));
	ms_status st;
	int c, rc = EXIT_CLEAN;

	o.on_gate_finding = cli_print_finding;
	o.on_threads = print_threads;
	o.on_letter = count_letter;
	o.data = &n;
	while ((c = getopt_long(argc, argv, "l:f:dFo:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l': ms_strv_push(&langs, optarg); break;
		case 'f': ms_strv_push(&formats, optarg); break;
		case 'd': o.draft = true; break;
		case 'F': o.force = true; break;
		case 'o': o.out_dir = optarg; break;
		case 'h':
			printf(_("Usage: %s build [--lang LANG]... [--format FMT]... [--draft] [--force]\n"
			         "                     [--out DIR] [LETTER.md...]\n"
			         "Write each letter in each language and format to DIR/<lang>/<id>.<ext>\n"
			         "(default %s).  Letters with untranslated or fuzzy units are not\n"
			         "published unless --draft is given; outputs newer than all their\n"
			         "inputs are skipped unless --force is given.\n"),
			       cli_progname, ms_project_config(p)->out_dir);
			goto out;
		default:
			rc = EXIT_ERROR;
			goto out;
		}
	}
	for (size_t i = 0; langs[i]; i++)
		if (!ms_lang_valid(langs[i])) {
			cli_usage_error(_("'%s' is not a language tag"), langs[i]);
			rc = EXIT_ERROR;
			goto out;
		}
	o.langs = langs;
	o.formats = formats;
	o.letters = argv + optind;
	if (o.out_dir)
		cli_confine(p, o.out_dir);
	st = ms_project_build(p, &o, &cli_diag);
	rc = st == MS_OK ? EXIT_CLEAN : st == MS_ERR_BLOCKED ? EXIT_FINDINGS : EXIT_ERROR;
	if (n.any && !cli_quiet)
		fprintf(stderr, _("%s: letters published: %zu, as drafts: %zu, blocked: %zu; rebuilt: %zu\n"),
		        cli_progname, n.state[MS_PUBLISH_PUBLISHED], n.state[MS_PUBLISH_DRAFT],
		        n.state[MS_PUBLISH_BLOCKED], n.rebuilt);
out:
	ms_strv_free(langs);
	ms_strv_free(formats);
	return rc;
}

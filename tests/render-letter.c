/* render-letter.c — render one letter file with one writer plugin, for
 * the writers' shell tests.
 *
 *   render-letter PLUGIN-DIR FORMAT LANG [--draft] [--hostile]
 *                 [--notice TEXT] IN.md OUT
 *
 * The letter is read with the reader, LANG becomes its language, dates
 * are localised and the locale filled as `missive build` would (default
 * configuration); then the plugin host finds FORMAT (an extension or a
 * plugin name) in PLUGIN-DIR and renders into OUT.  --draft asks for a
 * draft.  --notice gives the locale TEXT as its translation notice
 * (missive.yaml translation-notice).  --hostile plays a hostile
 * translator: markup, quotes, control characters and script links go
 * into the labels, the salutation, an address line, a signatory and a
 * new last paragraph (see HOSTILE below), so a test can check that the
 * writer escapes them.
 *
 * Diagnostics go to standard error as "file:line:col: severity: message".
 * Exit status: 0 rendered, 1 the plugin failed, 2 usage or input error. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "localize.h"
#include "missive.h"
#include "plugin.h"
#include "web-hostile.h"

static void
print_diag(const ms_diag *d, void *data)
{
	static const char *const sev[] = { "note", "warning", "error" };
	(void)data;
	if (d->file)
		fprintf(stderr, "%s:%u:%u: ", d->file, d->line, d->column);
	else
		fprintf(stderr, "render-letter: ");
	fprintf(stderr, "%s: ", sev[d->severity <= MS_ERROR ? d->severity : 2]);
	if (d->check)
		fprintf(stderr, "[%s] ", d->check);
	fprintf(stderr, "%s\n", d->message);
}

static int
usage(void)
{
	fprintf(stderr, "usage: render-letter PLUGIN-DIR FORMAT LANG "
	        "[--draft] [--hostile] [--notice TEXT] IN.md OUT\n");
	return 2;
}

int
main(int argc, char **argv)
{
	ms_diag_handler h = { print_diag, NULL, 0, 0 };
	const char *pos[5];
	int npos = 0;
	bool draft = false, hostile = false;
	const char *notice = NULL;
	ms_letter *l = NULL;
	ms_plugin_host *host = NULL;
	const ms_plugin *plugin;
	ms_locale loc;
	ms_status st;
	int rc = 2;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--draft"))
			draft = true;
		else if (!strcmp(argv[i], "--hostile"))
			hostile = true;
		else if (!strcmp(argv[i], "--notice") && i + 1 < argc)
			notice = argv[++i];
		else if (argv[i][0] == '-' && argv[i][1] == '-')
			return usage();
		else if (npos < 5)
			pos[npos++] = argv[i];
		else
			return usage();
	}
	if (npos != 5)
		return usage();

	if (ms_reader_read_file(pos[3], &l, &h) != MS_OK)
		goto out;
	free(l->lang);
	l->lang = ms_xstrdup(pos[2]);
	if (!l->source_lang)
		l->source_lang = ms_xstrdup("en");
	ms_localize_dates(l, NULL);
	if (hostile)
		web_make_hostile(l);
	ms_locale_init(&loc, NULL, pos[2], draft);
	if (notice)
		loc.notice = notice;

	if (ms_plugin_host_new(pos[0], &host, &h) != MS_OK)
		goto out;
	plugin = ms_plugin_host_find(host, pos[1], &h);
	if (!plugin)
		goto out;
	st = ms_plugin_render_file(plugin, l, &loc, pos[4], &h);
	rc = st == MS_OK ? 0 : 1;
out:
	ms_plugin_host_free(host);
	ms_letter_free(l);
	return rc;
}

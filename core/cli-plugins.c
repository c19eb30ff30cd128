/* cli-plugins.c — `missive plugins`: the writer plugins found and their
 * state. */
#include "cli.h"
#include "plugin.h"

#include <stdio.h>

int
cmd_plugins(ms_project *p, int argc, char **argv)
{
	ms_plugin_host *host = NULL;
	size_t n;
	(void)p;
	(void)argc;
	(void)argv;
	if (ms_plugin_host_new(NULL, &host, &cli_diag) != MS_OK)
		return EXIT_ERROR;
	n = ms_plugin_host_count(host);
	if (n == 0)
		printf(_("no plugins found (search path: $MISSIVE_PLUGIN_PATH, then %s)\n"), PKGLIBDIR);
	for (size_t i = 0; i < n; i++) {
		const ms_plugin_info *in = ms_plugin_host_get(host, i);
		const char *state = in->state == MS_PLUGIN_OK ? _("ok")
		                  : in->state == MS_PLUGIN_REFUSED ? _("refused")
		                  : _("failed");
		printf("%-10s %-8s %-8s ", in->name, in->version ? in->version : "-", state);
		if (in->state == MS_PLUGIN_OK) {
			for (size_t k = 0; in->extensions[k]; k++)
				printf("%s%s", k ? "," : "", in->extensions[k]);
			printf("  %s\n", in->summary ? in->summary : "");
		} else {
			printf("%s\n", in->reason ? in->reason : "");
		}
		printf("%10s %s\n", "", in->path);
	}
	ms_plugin_host_free(host);
	return EXIT_CLEAN;
}

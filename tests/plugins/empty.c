/* empty.c — a test module whose descriptor lists no file extensions:
 * the host must refuse it. */
#include <config.h>

#include "missive-plugin.h"

MS_PLUGIN_EXPORT const ms_plugin *missive_plugin_describe(void);

static ms_status
render(const ms_letter *l, const ms_locale *loc, ms_output *out,
       ms_diag_handler *h)
{
	return MS_ERR_UNSUPPORTED;  /* never called */
}

static const char *const exts[] = { NULL };

static const ms_plugin plugin = {
	MS_PLUGIN_ABI_MAJOR, MS_PLUGIN_ABI_MINOR, sizeof(ms_plugin),
	"empty", "writes nothing", "1.0", exts, 0, render, { NULL }
};

const ms_plugin *
missive_plugin_describe(void)
{
	return &plugin;
}

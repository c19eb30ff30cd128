/* badabi.c — a test module built for a plugin ABI one major version
 * ahead of this missive: the host must refuse it and say why. */
#include <config.h>

#include "missive-plugin.h"

MS_PLUGIN_EXPORT const ms_plugin *missive_plugin_describe(void);

static ms_status
render(const ms_letter *l, const ms_locale *loc, ms_output *out,
       ms_diag_handler *h)
{
	return MS_ERR_UNSUPPORTED;  /* never called */
}

static const char *const exts[] = { "bad", NULL };

static const ms_plugin plugin = {
	MS_PLUGIN_ABI_MAJOR + 1, 0, sizeof(ms_plugin),
	"badabi", "from a future ABI", "1.0", exts, 0, render, { NULL }
};

const ms_plugin *
missive_plugin_describe(void)
{
	return &plugin;
}

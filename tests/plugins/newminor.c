/* newminor.c — a test module that asks for a newer minor ABI than this
 * missive has: the host must refuse it. */
#include <config.h>

#include "missive-plugin.h"

MS_PLUGIN_EXPORT const ms_plugin *missive_plugin_describe(void);

static ms_status
render(const ms_letter *l, const ms_locale *loc, ms_output *out,
       ms_diag_handler *h)
{
	return MS_ERR_UNSUPPORTED;  /* never called */
}

static const char *const exts[] = { "newer", NULL };

static const ms_plugin plugin = {
	MS_PLUGIN_ABI_MAJOR, MS_PLUGIN_ABI_MINOR + 1, sizeof(ms_plugin),
	"newminor", "from a newer minor ABI", "1.0", exts, 0, render, { NULL }
};

const ms_plugin *
missive_plugin_describe(void)
{
	return &plugin;
}

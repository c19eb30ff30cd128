/* nulldesc.c — a test module whose entry point returns no descriptor:
 * the host must list it as failed. */
#include <config.h>

#include "missive-plugin.h"

MS_PLUGIN_EXPORT const ms_plugin *missive_plugin_describe(void);

const ms_plugin *
missive_plugin_describe(void)
{
	return NULL;
}

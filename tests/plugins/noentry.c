/* noentry.c — a test module that loads but does not export the plugin
 * entry point: the host must list it as failed, with a hint. */
#include <config.h>

#include "missive-plugin.h"

int noentry_something(void);

int
noentry_something(void)
{
	return 42;
}

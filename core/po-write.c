/* po-write.c — PO files in gettext's layout without libgettextpo (see
 * catalog-impl.h). */
#include "internal.h"
#include "catalog-impl.h"

#include <stdlib.h>
#include <string.h>

bool
cat_fast_enabled(void)
{
	const char *v = getenv("MISSIVE_PO_IO");
	return !(v && strcmp(v, "libgettextpo") == 0);
}

bool
cat_render_fast(const ms_catalog *c, ms_buf *out)
{
	(void)c;
	(void)out;
	return false;
}

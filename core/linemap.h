/* linemap.h — byte offsets to 1-based lines and columns (in characters),
 * for diagnostics about text held in memory.  Not installed. */
#ifndef MS_LINEMAP_H
#define MS_LINEMAP_H

#include "missive.h"

typedef struct ms_linemap {
	const char *data;
	size_t len;
	size_t *lines;        /* byte offset of the start of each line */
	size_t nlines;
	unsigned first_line;  /* the line number of data[0] */
	/* the last answer, to count columns on from (values on one long
	 * line then cost its length once, not once per value) */
	size_t last_line, last_off;
	unsigned last_col;
} ms_linemap;

/* Index DATA[0..LEN), whose first byte is on line FIRST_LINE (1 for a
 * whole file).  DATA is borrowed. */
void ms_linemap_init(ms_linemap *m, const char *data, size_t len,
                     unsigned first_line);
void ms_linemap_release(ms_linemap *m);
/* The position of byte offset OFF (clamped to the end). */
ms_pos ms_linemap_pos(ms_linemap *m, size_t off);

#endif

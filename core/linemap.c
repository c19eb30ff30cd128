/* linemap.c — byte offsets to lines and columns (linemap.h). */
#include "internal.h"
#include "linemap.h"

#include <stdlib.h>
#include <string.h>

void
ms_linemap_init(ms_linemap *m, const char *data, size_t len,
                unsigned first_line)
{
	size_t n = 1, k = 1;
	const char *end = data + len, *p;
	/* memchr: this runs over every letter read */
	for (p = data; p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++)
		n++;
	m->data = data;
	m->len = len;
	m->lines = ms_xmalloc(n * sizeof *m->lines);
	m->lines[0] = 0;
	for (p = data; p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++)
		m->lines[k++] = (size_t)(p - data) + 1;
	m->nlines = n;
	m->first_line = first_line ? first_line : 1;
	m->last_line = 0;
	m->last_off = 0;
	m->last_col = 1;
}

void
ms_linemap_release(ms_linemap *m)
{
	free(m->lines);
	m->lines = NULL;
	m->nlines = 0;
}

ms_pos
ms_linemap_pos(ms_linemap *m, size_t off)
{
	size_t lo = 0, hi = m->nlines - 1, from;
	unsigned col = 1;
	ms_pos p;
	if (off > m->len)
		off = m->len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;
		if (m->lines[mid] <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	from = m->lines[lo];
	if (m->last_line == lo + 1 && m->last_off <= off) {
		from = m->last_off;
		col = m->last_col;
	}
	for (size_t i = from; i < off; i++)
		if (((unsigned char)m->data[i] & 0xC0) != 0x80)
			col++;
	m->last_line = lo + 1;
	m->last_off = off;
	m->last_col = col;
	p.line = (uint32_t)(lo + m->first_line);
	p.column = col;
	return p;
}

/* catalog-lines.c — a driver for tests/test-catalog-scaling.sh: what
 * `missive extract` asks of the catalogue for a paragraph with N inline
 * tags.  Such a unit's extracted comment has a line per tag ("<7>…</7> =
 * emphasis"), and the same unit met again (in another letter) merges its
 * comment into the entry's.
 *
 *     catalog-lines N
 *
 * adds the unit once, again with the same comment, and once more with a
 * comment of which every other line is new, then prints how many lines
 * the entry's comment has and how many of them are repeated (0). */
#include <config.h>

#include "catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *
comment(unsigned long n, unsigned long from)
{
	size_t cap = 64 + n * 48, len = 0;
	char *s = malloc(cap);
	if (!s)
		exit(2);
	len += (size_t)snprintf(s, cap, "body");
	for (unsigned long i = from; i < from + n; i++)
		len += (size_t)snprintf(s + len, cap - len, "\n<%lu>…</%lu> = emphasis",
		                        i + 1, i + 1);
	return s;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000;
	char *first = comment(n, 0), *half = comment(n, n / 2);
	ms_catalog *c = ms_catalog_new();
	const char *id = "A paragraph with many tags.";
	ms_catalog_add(c, NULL, id, first, "corpus/a.md:3");
	ms_catalog_add(c, NULL, id, first, "corpus/b.md:3");
	ms_entry *e = ms_catalog_add(c, NULL, id, half, "corpus/c.md:3");

	/* Count the lines, and the repeated ones. */
	char *text = strdup(e->extracted);
	size_t nlines = 1;
	for (char *p = text; *p; p++)
		nlines += *p == '\n';
	char **v = malloc(nlines * sizeof *v);
	size_t k = 0;
	for (char *p = strtok(text, "\n"); p; p = strtok(NULL, "\n"))
		v[k++] = p;
	qsort(v, k, sizeof *v, cmp_str);
	size_t repeated = 0;
	for (size_t i = 1; i < k; i++)
		repeated += strcmp(v[i - 1], v[i]) == 0;
	printf("%zu lines, %zu repeated, %s first\n", nlines, repeated,
	       strncmp(e->extracted, "body\n<1>", 8) == 0 ? "in order" : "not in order");
	free(v);
	free(text);
	free(first);
	free(half);
	ms_catalog_free(c);
	return 0;
}

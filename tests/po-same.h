/* po-same.h — comparing two catalogue entries field by field, for the
 * differential tests of the fast PO reader (tests/test-po-read.c) and the
 * PO fuzzing harness (fuzz/fuzz-po.c). */
#ifndef MS_PO_SAME_H
#define MS_PO_SAME_H

#include "catalog.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static inline bool
po_str_same(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) == 0 : a == b;
}

static inline bool
po_strv_same(char *const *a, char *const *b)
{
	size_t i = 0;
	if (!a || !b)
		return a == b;
	for (; a[i] && b[i]; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return !a[i] && !b[i];
}

/* The first field in which A and B differ, or NULL. */
static inline const char *
po_entry_diff(const ms_entry *a, const ms_entry *b)
{
	if (!a || !b)
		return a == b ? NULL : "presence";
	if (!po_str_same(a->msgctxt, b->msgctxt))
		return "msgctxt";
	if (!po_str_same(a->msgid, b->msgid))
		return "msgid";
	if (!po_str_same(a->msgid_plural, b->msgid_plural))
		return "msgid_plural";
	if (!po_str_same(a->msgstr, b->msgstr))
		return "msgstr";
	if (!po_strv_same(a->msgstr_plural, b->msgstr_plural))
		return "msgstr_plural";
	if (!po_str_same(a->prev_msgctxt, b->prev_msgctxt))
		return "prev_msgctxt";
	if (!po_str_same(a->prev_msgid, b->prev_msgid))
		return "prev_msgid";
	if (!po_str_same(a->comments, b->comments))
		return "comments";
	if (!po_str_same(a->extracted, b->extracted))
		return "extracted";
	if (!po_strv_same(a->refs, b->refs))
		return "refs";
	if (!po_str_same(a->flags, b->flags))
		return "flags";
	if (a->fuzzy != b->fuzzy)
		return "fuzzy";
	if (a->obsolete != b->obsolete)
		return "obsolete";
	if (a->line != b->line)
		return "line";
	return NULL;
}

/* The first difference between the catalogues A and B (header, count,
 * entries in order), written into WHY (CAP bytes); false when none. */
static inline bool
po_catalog_diff(const ms_catalog *a, const ms_catalog *b, char *why, size_t cap)
{
	const char *d = po_entry_diff(ms_catalog_find(a, NULL, ""),
	                              ms_catalog_find(b, NULL, ""));
	size_t n = ms_catalog_count(a);
	if (d) {
		snprintf(why, cap, "header: %s", d);
		return true;
	}
	if (n != ms_catalog_count(b)) {
		snprintf(why, cap, "%zu entries, want %zu", n, ms_catalog_count(b));
		return true;
	}
	for (size_t i = 0; i < n; i++) {
		const ms_entry *e = ms_catalog_entry(a, i);
		d = po_entry_diff(e, ms_catalog_entry(b, i));
		if (d) {
			snprintf(why, cap, "entry %zu (line %u): %s", i, e->line, d);
			return true;
		}
	}
	return false;
}

#endif

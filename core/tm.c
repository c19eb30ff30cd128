/* tm.c — the translation memory: units, their indexes and lookups; the
 * origin of an entry's translation.  See tm.h. */
#include "internal.h"
#include "tm.h"
#include "tm-tags.h"
#include "tmx.h"
#include "catalog-match.h"
#include "hash.h"
#include "langtag.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct tm_unit {
	char *context;        /* NULL when none */
	char *source;
	char *target;
	const char *origin;   /* interned in the memory */
	unsigned line;
	char *key;            /* context flag, context, \004, source, \005, target */
	size_t exact_len;     /* the key up to (not including) \005 */
} tm_unit;

struct ms_tm {
	char *src, *lang;
	tm_unit **units;
	size_t n, cap;
	ms_htab *seen;        /* whole key → unit: one copy of each unit */
	ms_htab *exact;       /* context + source → the first unit */
	ms_htab *by_source;   /* source → the first unit */
	ms_matcher *matcher;  /* each distinct source once */
	char **origins;
};

ms_tm *
ms_tm_new(const char *src, const char *lang)
{
	ms_tm *tm = ms_xcalloc(1, sizeof *tm);
	tm->src = ms_xstrdup(src);
	tm->lang = ms_xstrdup(lang);
	tm->seen = ms_htab_new(1024);
	tm->exact = ms_htab_new(1024);
	tm->by_source = ms_htab_new(1024);
	tm->matcher = ms_matcher_new();
	tm->origins = ms_xcalloc(1, sizeof(char *));
	return tm;
}

void
ms_tm_free(ms_tm *tm)
{
	if (!tm)
		return;
	for (size_t i = 0; i < tm->n; i++) {
		tm_unit *u = tm->units[i];
		free(u->context);
		free(u->source);
		free(u->target);
		free(u->key);
		free(u);
	}
	free(tm->units);
	ms_htab_free(tm->seen);
	ms_htab_free(tm->exact);
	ms_htab_free(tm->by_source);
	ms_matcher_free(tm->matcher);
	ms_strv_free(tm->origins);
	free(tm->src);
	free(tm->lang);
	free(tm);
}

size_t
ms_tm_count(const ms_tm *tm)
{
	return tm->n;
}

static const char *
intern_origin(ms_tm *tm, const char *origin)
{
	size_t n = ms_strv_len(tm->origins);
	for (size_t i = n; i-- > 0;)
		if (!strcmp(tm->origins[i], origin))
			return tm->origins[i];
	ms_strv_push(&tm->origins, origin);
	return tm->origins[n];
}

/* The exact key of (CONTEXT, SOURCE) into B (reset first). */
static void
exact_key(ms_buf *b, const char *context, const char *source)
{
	ms_buf_reset(b);
	ms_buf_putc(b, context ? '+' : '-');
	if (context)
		ms_buf_puts(b, context);
	ms_buf_putc(b, '\004');
	ms_buf_puts(b, source);
}

bool
ms_tm_add(ms_tm *tm, const char *context, const char *source,
          const char *target, const char *origin, unsigned line)
{
	ms_buf key = MS_BUF_INIT;
	tm_unit *u;
	size_t exact_len;

	if (!*source || !*target)
		return false;
	exact_key(&key, context, source);
	exact_len = key.len;
	ms_buf_putc(&key, '\005');
	ms_buf_puts(&key, target);
	if (ms_htab_get(tm->seen, key.ptr, key.len)) {
		ms_buf_release(&key);
		return false;
	}
	u = ms_xcalloc(1, sizeof *u);
	u->context = context ? ms_xstrdup(context) : NULL;
	u->source = ms_xstrdup(source);
	u->target = ms_xstrdup(target);
	u->origin = intern_origin(tm, origin ? origin : "");
	u->line = line;
	u->exact_len = exact_len;
	u->key = ms_buf_detach(&key, NULL);
	if (tm->n == tm->cap) {
		tm->cap = tm->cap ? 2 * tm->cap : 256;
		tm->units = ms_xrealloc(tm->units, tm->cap * sizeof *tm->units);
	}
	tm->units[tm->n++] = u;
	ms_htab_put(tm->seen, u->key, strlen(u->key), u);
	if (!ms_htab_get(tm->exact, u->key, u->exact_len))
		ms_htab_put(tm->exact, u->key, u->exact_len, u);
	if (!ms_htab_get(tm->by_source, u->source, strlen(u->source))) {
		ms_htab_put(tm->by_source, u->source, strlen(u->source), u);
		ms_matcher_add(tm->matcher, u->source, u);
	}
	return true;
}

size_t
ms_tm_add_catalog(ms_tm *tm, const ms_catalog *po, const char *origin)
{
	size_t added = 0, n = ms_catalog_count(po);
	for (size_t i = 0; i < n; i++) {
		const ms_entry *e = ms_catalog_entry(po, i);
		if (e->fuzzy || e->msgid_plural || !ms_entry_has_text(e))
			continue;
		added += ms_tm_add(tm, e->msgctxt, e->msgid, e->msgstr, origin, e->line);
	}
	return added;
}

typedef struct tmx_load {
	ms_tm *tm;
	const char *path;
	size_t added;
} tmx_load;

static void
tmx_unit(const ms_tmx_tu *tu, void *data)
{
	tmx_load *l = data;
	const ms_tmx_tuv *src = NULL, *tgt = NULL;
	for (size_t i = 0; i < tu->ntuvs; i++) {
		if (!src && ms_lang_is(tu->tuvs[i].lang, l->tm->src))
			src = &tu->tuvs[i];
		else if (!tgt && ms_lang_is(tu->tuvs[i].lang, l->tm->lang))
			tgt = &tu->tuvs[i];
	}
	if (src && tgt)
		l->added += ms_tm_add(l->tm, tu->context, src->text, tgt->text, l->path, tu->line);
}

static bool
is_tmx_name(const char *path)
{
	size_t n = strlen(path);
	return n >= 4 && !strcasecmp(path + n - 4, ".tmx");
}

ms_status
ms_tm_add_file(ms_tm *tm, const char *path, size_t *added, ms_diag_handler *h)
{
	ms_status st;
	if (added)
		*added = 0;
	if (is_tmx_name(path)) {
		tmx_load l = { tm, path, 0 };
		st = ms_tmx_read(path, tmx_unit, &l, NULL, h);
		if (added)
			*added = l.added;
		return st;
	}
	ms_catalog *po = NULL;
	char *lang;
	st = ms_catalog_read(path, &po, h);
	if (st != MS_OK)
		return st;
	lang = ms_catalog_header_get(po, "Language");
	if (lang && *lang && !ms_lang_is(lang, tm->lang)) {
		ms_diag_emit(h, MS_WARNING, NULL, path, 0, 0,
		             _("a catalogue for '%s', not '%s': not used as a memory"), lang, tm->lang);
	} else {
		size_t n = ms_tm_add_catalog(tm, po, path);
		if (added)
			*added = n;
	}
	free(lang);
	ms_catalog_free(po);
	return MS_OK;
}

/* -------------------------------------------------------------- lookup */

static bool
push_match(ms_tm_match *out, size_t *n, ms_tm_kind kind, double score,
           const tm_unit *u, const char *source)
{
	char *target = ms_tm_tags_map(u->source, u->target, source);
	if (!target)
		return false;
	out[*n] = (ms_tm_match){ kind, score, target, u->source, u->context,
	                         u->origin, u->line };
	(*n)++;
	return true;
}

size_t
ms_tm_lookup(const ms_tm *tm, const char *context, const char *source,
             double min, ms_tm_match *out, size_t max)
{
	ms_buf key = MS_BUF_INIT;
	const tm_unit *u;
	size_t n = 0, nc;
	ms_match *cands;

	if (max == 0 || !*source)
		return 0;
	exact_key(&key, context, source);
	u = ms_htab_get(tm->exact, key.ptr, key.len);
	ms_buf_release(&key);
	if (u)
		push_match(out, &n, MS_TM_EXACT, 1.0, u, source);
	if (!u && (u = ms_htab_get(tm->by_source, source, strlen(source))))
		push_match(out, &n, MS_TM_CONTEXT, 1.0, u, source);
	if (n == max)
		return n;
	/* more than needed: the query's own source may be among them, and
	 * candidates whose tags do not map are left out */
	cands = ms_xcalloc(max + 4, sizeof *cands);
	nc = ms_matcher_query(tm->matcher, source, min, cands, max + 4);
	for (size_t i = 0; i < nc && n < max; i++) {
		u = cands[i].payload;
		if (!strcmp(u->source, source))
			continue;
		push_match(out, &n, MS_TM_FUZZY, cands[i].score, u, source);
	}
	free(cands);
	return n;
}

void
ms_tm_matches_release(ms_tm_match *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		MS_FREE(m[i].target);
}

/* -------------------------------------------------------------- origin */

const char *
ms_tm_origin_name(ms_tm_origin o)
{
	switch (o) {
	case MS_ORIGIN_TRANSLATOR: return "translator";
	case MS_ORIGIN_MEMORY: return "memory";
	case MS_ORIGIN_MT: return "mt";
	default: return "none";
	}
}

/* The 8 hex digits a "missive-origin" comment gives for TEXT. */
static void
text_hash(const char *text, char hex[9])
{
	static const char digits[] = "0123456789abcdef";
	uint64_t h = ms_hash_str(MS_HASH_SEED, text);
	for (int i = 7; i >= 0; i--) {
		hex[i] = digits[h & 0xf];
		h >>= 4;
	}
	hex[8] = '\0';
}

void
ms_tm_origin_comment(ms_tm_origin kind, const char *detail, const char *text,
                     ms_buf *out)
{
	char hex[9];
	text_hash(text, hex);
	ms_buf_printf(out, "missive-origin: %s %s; text %s", ms_tm_origin_name(kind),
	              detail, hex);
}

ms_tm_origin
ms_tm_entry_origin(const ms_entry *e)
{
	const char *c = e->comments, *line;
	static const char tag[] = "missive-origin: ";
	char hex[9];

	if (!ms_entry_has_text(e))
		return MS_ORIGIN_NONE;
	for (line = c; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		const char *end = strchr(line, '\n'), *h;
		size_t len = end ? (size_t)(end - line) : strlen(line);
		ms_tm_origin kind;
		if (len < sizeof tag - 1 || strncmp(line, tag, sizeof tag - 1))
			continue;
		if (!strncmp(line + sizeof tag - 1, "memory ", 7))
			kind = MS_ORIGIN_MEMORY;
		else if (!strncmp(line + sizeof tag - 1, "mt ", 3))
			kind = MS_ORIGIN_MT;
		else
			continue;
		/* "...; text XXXXXXXX" closes the line */
		h = line + len - 8;
		if (len < sizeof tag - 1 + 15 || strncmp(h - 7, "; text ", 7) != 0)
			continue;
		text_hash(e->msgstr, hex);
		return strncmp(h, hex, 8) == 0 ? kind : MS_ORIGIN_TRANSLATOR;
	}
	return MS_ORIGIN_TRANSLATOR;
}

/* catalog.c — gettext catalogues.
 *
 * Reading goes through libgettextpo (po_file_read), which knows every corner
 * of the PO syntax.  Two things its API does not tell are recovered by a
 * cheap line scan of the same bytes (scan_text below): the line of each
 * entry's "msgid" keyword, and the flags as written (the API cannot tell
 * "no-c-format" from no flag at all, and has no call for no-wrap).  The
 * scan finds the "msgid" keywords in file order, active and obsolete
 * ("#~ msgid") alike, which is the order in which libgettextpo lists the
 * messages; when the counts disagree (never seen after a clean parse) the
 * scan is ignored: lines stay 0 and the flags come from the API.
 *
 * Writing also goes through libgettextpo (po_file_write), so the layout is
 * gettext's own: the same escapes, and the same line breaking at 79 columns
 * (Unicode line breaking with East Asian widths, which matters for Korean).
 * Flags that the API cannot set (no-wrap, the *-check flags, flags unknown
 * to gettext) are spliced into the output afterwards; an entry marked
 * no-wrap has its strings re-rendered unwrapped, as gettext would.
 *
 * libgettextpo reports problems through a handler without a user pointer,
 * keeps that handler in globals, and says the handler must not return on a
 * fatal error.  So every call into it holds po_lock, the current context
 * lives in po_cur, and a fatal error longjmps back to our caller, who
 * reports it (libgettextpo may leak its stream then; nothing better is
 * possible).  Syntax errors are plain errors, not fatal ones: the parse
 * goes on, reports them all, and po_file_read returns.  Its closing
 * "found N fatal errors" fires only when glibc's error_message_count is
 * non-zero, which our handler never increments; were it to come anyway, it
 * is the end of the parse and is safe to return from, so it is recorded.
 *
 * Merging follows msgmerge: exact matches keep their translation; for the
 * rest an inverted index of byte trigrams over the old entries' msgids
 * shortlists candidates, and a bounded diff (Myers) computes the similarity
 * 2·LCS/(|a|+|b|) over code points on the shortlist only.
 */
#include "internal.h"
#include "catalog.h"
#include "catalog-impl.h"

#include <errno.h>
#include <gettext-po.h>
#include <limits.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <error.h>
#endif

/* ------------------------------------------------------------------ model */

static const char default_header[] =
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=UTF-8\n"
	"Content-Transfer-Encoding: 8bit\n";

static char *
dup_or_null(const char *s)
{
	return s ? ms_xstrdup(s) : NULL;
}

static bool
str_eq_null(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static char **
strv_dup(char *const *v)
{
	char **r = NULL;
	for (size_t i = 0; v && v[i]; i++)
		ms_strv_push(&r, v[i]);
	return r;
}

uint64_t
cat_key_hash(const char *msgctxt, const char *msgid)
{
	/* FNV-1a over msgctxt "\004" msgid (gettext's key), with a marker so
	 * that no context and an empty context hash apart. */
	uint64_t h = 0xcbf29ce484222325ULL;
	const unsigned char *p;
	if (msgctxt) {
		for (p = (const unsigned char *)msgctxt; *p; p++)
			h = (h ^ *p) * 0x100000001b3ULL;
		h = (h ^ 4) * 0x100000001b3ULL;
	}
	for (p = (const unsigned char *)msgid; *p; p++)
		h = (h ^ *p) * 0x100000001b3ULL;
	return h ^ (h >> 29);
}

entry *
cat_entry_new(const char *msgctxt, const char *msgid)
{
	entry *e = ms_xcalloc(1, sizeof *e);
	e->pub.msgctxt = dup_or_null(msgctxt);
	e->pub.msgid = ms_xstrdup(msgid);
	e->pub.msgstr = ms_xstrdup("");
	e->hash = cat_key_hash(msgctxt, msgid);
	return e;
}

void
cat_entry_free(entry *e)
{
	if (!e)
		return;
	free(e->pub.msgctxt);
	free(e->pub.msgid);
	free(e->pub.msgid_plural);
	free(e->pub.msgstr);
	ms_strv_free(e->pub.msgstr_plural);
	free(e->pub.prev_msgctxt);
	free(e->pub.prev_msgid);
	free(e->pub.comments);
	free(e->pub.extracted);
	ms_strv_free(e->pub.refs);
	free(e->refset);
	free(e->pub.flags);
	free(e->prev_msgid_plural);
	free(e);
}

static entry *
entry_clone(const entry *s)
{
	entry *e = cat_entry_new(s->pub.msgctxt, s->pub.msgid);
	e->pub.msgid_plural = dup_or_null(s->pub.msgid_plural);
	free(e->pub.msgstr);
	e->pub.msgstr = ms_xstrdup(s->pub.msgstr ? s->pub.msgstr : "");
	e->pub.msgstr_plural = strv_dup(s->pub.msgstr_plural);
	e->pub.prev_msgctxt = dup_or_null(s->pub.prev_msgctxt);
	e->pub.prev_msgid = dup_or_null(s->pub.prev_msgid);
	e->pub.comments = dup_or_null(s->pub.comments);
	e->pub.extracted = dup_or_null(s->pub.extracted);
	e->pub.refs = strv_dup(s->pub.refs);
	e->refs_at = NULL;
	e->pub.flags = dup_or_null(s->pub.flags);
	e->pub.fuzzy = s->pub.fuzzy;
	e->pub.obsolete = s->pub.obsolete;
	e->pub.line = s->pub.line;
	e->prev_msgid_plural = dup_or_null(s->prev_msgid_plural);
	return e;
}

static bool
entry_translated(const entry *e)
{
	if (e->pub.msgid_plural && e->pub.msgstr_plural) {
		for (size_t i = 0; e->pub.msgstr_plural[i]; i++)
			if (e->pub.msgstr_plural[i][0])
				return true;
		return false;
	}
	return e->pub.msgstr && e->pub.msgstr[0];
}

bool
cat_is_header_key(const char *msgctxt, const char *msgid)
{
	return !msgctxt && msgid[0] == '\0';
}

ms_catalog *
cat_alloc(void)
{
	return ms_xcalloc(1, sizeof(ms_catalog));
}

ms_catalog *
ms_catalog_new(void)
{
	ms_catalog *c = cat_alloc();
	c->header = cat_entry_new(NULL, "");
	free(c->header->pub.msgstr);
	c->header->pub.msgstr = ms_xstrdup(default_header);
	return c;
}

void
ms_catalog_free(ms_catalog *c)
{
	if (!c)
		return;
	cat_entry_free(c->header);
	for (size_t i = 0; i < c->n; i++)
		cat_entry_free(c->v[i]);
	free(c->v);
	free(c->slots);
	free(c);
}

/* ------------------------------------------------------------ hash table */

entry *
cat_find(const ms_catalog *c, const char *msgctxt, const char *msgid,
           uint64_t hash)
{
	if (!c->nslots)
		return NULL;
	size_t mask = c->nslots - 1;
	for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
		size_t s = c->slots[i];
		if (!s)
			return NULL;
		entry *e = c->v[s - 1];
		if (e->hash == hash && strcmp(e->pub.msgid, msgid) == 0
		    && str_eq_null(e->pub.msgctxt, msgctxt))
			return e;
	}
}

static void
table_put(ms_catalog *c, size_t idx)
{
	size_t mask = c->nslots - 1;
	size_t i = (size_t)c->v[idx]->hash & mask;
	while (c->slots[i])
		i = (i + 1) & mask;
	c->slots[i] = idx + 1;
}

static void
table_rebuild(ms_catalog *c, size_t want)
{
	size_t n = 16;
	while (n < want * 2)
		n *= 2;
	free(c->slots);
	c->slots = ms_xcalloc(n, sizeof *c->slots);
	c->nslots = n;
	for (size_t i = 0; i < c->n; i++)
		table_put(c, i);
}

/* Append E (the caller checked that its key is new). */
void
cat_push(ms_catalog *c, entry *e)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->v = ms_xrealloc(c->v, c->cap * sizeof *c->v);
	}
	c->v[c->n++] = e;
	if ((c->n + 1) * 2 > c->nslots)
		table_rebuild(c, c->n + 1);
	else
		table_put(c, c->n - 1);
}

/* ------------------------------------------------------------- accessors */

size_t
ms_catalog_count(const ms_catalog *c)
{
	return c ? c->n : 0;
}

ms_entry *
ms_catalog_entry(const ms_catalog *c, size_t i)
{
	return c && i < c->n ? &c->v[i]->pub : NULL;
}

ms_entry *
ms_catalog_find(const ms_catalog *c, const char *msgctxt, const char *msgid)
{
	entry *e;
	if (!c || !msgid)
		return NULL;
	if (cat_is_header_key(msgctxt, msgid))
		return c->header ? &c->header->pub : NULL;
	e = cat_find(c, msgctxt, msgid, cat_key_hash(msgctxt, msgid));
	return e && !e->pub.obsolete ? &e->pub : NULL;
}

/* Append to the '\n'-joined lines *DST the lines of SRC it lacks. */
/* True when LINE[0, LEN) is one of the '\n'-separated lines of TEXT. */
static bool
has_line(const char *text, const char *line, size_t len)
{
	for (const char *q = text;;) {
		const char *qe = strchr(q, '\n');
		size_t ql = qe ? (size_t)(qe - q) : strlen(q);
		if (ql == len && memcmp(q, line, len) == 0)
			return true;
		if (!qe)
			return false;
		q = qe + 1;
	}
}

/* True when every line of SRC is a line of HAVE. */
static bool
all_lines_in(const char *have, const char *src)
{
	for (const char *p = src; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (!has_line(have, p, len))
			return false;
		p += len;
		if (*p == '\n')
			p++;
	}
	return true;
}

static void
merge_lines(char **dst, const char *src)
{
	const char *p = src;
	ms_buf b = MS_BUF_INIT;
	if (*dst && all_lines_in(*dst, src))
		return;   /* the common case for shared units: nothing to copy */
	if (*dst)
		ms_buf_puts(&b, *dst);
	bool have = *dst != NULL;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		bool found = have && has_line(b.ptr ? b.ptr : "", p, len);
		if (!found) {
			if (have)
				ms_buf_putc(&b, '\n');
			ms_buf_put(&b, p, len);
			have = true;
		}
		p += len;
		if (*p == '\n')
			p++;
	}
	if (have) {
		free(*dst);
		*dst = ms_buf_detach(&b, NULL);
	} else {
		ms_buf_release(&b);
	}
}

/* Append REF unless already there.  A unit shared by thousands of letters
 * gets thousands of references, so past a few of them the entry keeps a
 * set of their hashes: a lookup is O(1) and only a hash hit is confirmed
 * by comparing strings.  The set describes the array it was built for
 * (refs_at); when something else replaced the array it is rebuilt. */
static uint64_t
ref_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h | 1;   /* 0 marks an empty slot */
}

static void
refset_insert(entry *e, uint64_t h)
{
	size_t mask = e->refset_cap - 1, i = (size_t)h & mask;
	while (e->refset[i] && e->refset[i] != h)
		i = (i + 1) & mask;
	e->refset[i] = h;
}

static bool
refset_has(const entry *e, uint64_t h)
{
	size_t mask = e->refset_cap - 1, i = (size_t)h & mask;
	while (e->refset[i]) {
		if (e->refset[i] == h)
			return true;
		i = (i + 1) & mask;
	}
	return false;
}

static void
refset_rebuild(entry *e, size_t want)
{
	size_t cap = 64;
	while (cap < want * 2)
		cap *= 2;
	free(e->refset);
	e->refset = ms_xcalloc(cap, sizeof *e->refset);
	e->refset_cap = cap;
	for (size_t i = 0; i < e->nrefs; i++)
		refset_insert(e, ref_hash(e->pub.refs[i]));
}

static void
entry_add_ref(entry *e, const char *ref)
{
	uint64_t h = ref_hash(ref);
	bool seen = true;
	if (e->refs_at != e->pub.refs || !e->pub.refs) {
		e->nrefs = ms_strv_len(e->pub.refs);
		e->caprefs = e->nrefs + 1;
		MS_FREE(e->refset);
		e->refset_cap = 0;
	}
	if (e->nrefs >= 16 && !e->refset)
		refset_rebuild(e, e->nrefs + 1);
	if (e->refset)
		seen = refset_has(e, h);
	if (seen)
		for (size_t i = 0; i < e->nrefs; i++)
			if (!strcmp(e->pub.refs[i], ref))
				return;
	if (e->nrefs + 2 > e->caprefs) {
		e->caprefs = e->caprefs < 4 ? 8 : e->caprefs * 2;
		e->pub.refs = ms_xrealloc(e->pub.refs, e->caprefs * sizeof(char *));
	}
	e->pub.refs[e->nrefs++] = ms_xstrdup(ref);
	e->pub.refs[e->nrefs] = NULL;
	e->refs_at = e->pub.refs;
	if (e->refset) {
		if ((e->nrefs + 1) * 2 > e->refset_cap)
			refset_rebuild(e, e->nrefs + 1);
		else
			refset_insert(e, h);
	}
}

ms_entry *
ms_catalog_add(ms_catalog *c, const char *msgctxt, const char *msgid,
               const char *extracted, const char *ref)
{
	entry *e;
	uint64_t hash;
	if (!c || !msgid || cat_is_header_key(msgctxt, msgid))
		return NULL;
	hash = cat_key_hash(msgctxt, msgid);
	e = cat_find(c, msgctxt, msgid, hash);
	if (!e) {
		e = cat_entry_new(msgctxt, msgid);
		cat_push(c, e);
	}
	e->pub.obsolete = false;
	if (extracted && *extracted)
		merge_lines(&e->pub.extracted, extracted);
	if (ref && *ref)
		entry_add_ref(e, ref);
	return &e->pub;
}

void
ms_entry_set_msgstr(ms_entry *e, const char *msgstr, bool clear_fuzzy)
{
	if (!e)
		return;
	char *s = ms_xstrdup(msgstr ? msgstr : "");
	free(e->msgstr);
	e->msgstr = s;
	if (e->msgstr_plural && e->msgstr_plural[0]) {
		free(e->msgstr_plural[0]);
		e->msgstr_plural[0] = ms_xstrdup(s);
	}
	if (clear_fuzzy) {
		/* The previous msgid only explains a fuzzy translation. */
		e->fuzzy = false;
		MS_FREE(e->prev_msgctxt);
		MS_FREE(e->prev_msgid);
		MS_FREE(((entry *)e)->prev_msgid_plural);
	}
}

/* ---------------------------------------------------------------- header */

/* Where FIELD's line starts in the header text HDR, or NULL. */
static const char *
header_line(const char *hdr, const char *field)
{
	size_t n = strlen(field);
	for (const char *line = hdr; line && *line;) {
		if (strncmp(line, field, n) == 0 && line[n] == ':')
			return line;
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return NULL;
}

static char *
header_field(const char *hdr, const char *field)
{
	const char *line = hdr ? header_line(hdr, field) : NULL;
	if (!line)
		return NULL;
	const char *v = line + strlen(field) + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	const char *end = strchr(v, '\n');
	return ms_xstrndup(v, end ? (size_t)(end - v) : strlen(v));
}

/* The usual order of header fields: a new field goes before the first
 * present field that comes after it here; unknown fields go last. */
static const char *const header_order[] = {
	"Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date",
	"PO-Revision-Date", "Last-Translator", "Language-Team", "Language",
	"MIME-Version", "Content-Type", "Content-Transfer-Encoding",
	"Plural-Forms",
};

static int
header_rank(const char *field, size_t len)
{
	for (size_t i = 0; i < MS_ARRAY_SIZE(header_order); i++)
		if (strlen(header_order[i]) == len
		    && strncmp(header_order[i], field, len) == 0)
			return (int)i;
	return (int)MS_ARRAY_SIZE(header_order);
}

static char *
header_with(const char *hdr, const char *field, const char *value)
{
	ms_buf b = MS_BUF_INIT;
	const char *line = header_line(hdr, field);
	if (line) {
		const char *end = strchr(line, '\n');
		ms_buf_put(&b, hdr, (size_t)(line - hdr));
		ms_buf_printf(&b, "%s: %s", field, value);
		ms_buf_puts(&b, end ? end : "\n");
		return ms_buf_detach(&b, NULL);
	}
	int rank = header_rank(field, strlen(field));
	const char *at = hdr + strlen(hdr);
	if (rank < (int)MS_ARRAY_SIZE(header_order)) {
		for (const char *l = hdr; *l;) {
			const char *colon = strchr(l, ':');
			const char *nl = strchr(l, '\n');
			if (colon && (!nl || colon < nl)
			    && header_rank(l, (size_t)(colon - l)) > rank) {
				at = l;
				break;
			}
			if (!nl)
				break;
			l = nl + 1;
		}
	}
	ms_buf_put(&b, hdr, (size_t)(at - hdr));
	if (b.len && b.ptr[b.len - 1] != '\n')
		ms_buf_putc(&b, '\n');
	ms_buf_printf(&b, "%s: %s\n", field, value);
	ms_buf_puts(&b, at);
	return ms_buf_detach(&b, NULL);
}

char *
ms_catalog_header_get(const ms_catalog *c, const char *field)
{
	if (!c || !c->header || !field)
		return NULL;
	return header_field(c->header->pub.msgstr, field);
}

void
ms_catalog_header_set(ms_catalog *c, const char *field, const char *value)
{
	if (!c || !field || !value)
		return;
	if (!c->header) {
		c->header = cat_entry_new(NULL, "");
		free(c->header->pub.msgstr);
		c->header->pub.msgstr = ms_xstrdup(default_header);
	}
	/* One field is one line. */
	char *one = ms_xstrdup(value);
	for (char *p = one; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	char *s = header_with(c->header->pub.msgstr, field, one);
	free(one);
	free(c->header->pub.msgstr);
	c->header->pub.msgstr = s;
}

/* ----------------------------------------------------------------- flags */

/* Split a flags text ("fuzzy, c-format, range: 1..3") into tokens the way
 * gettext does: commas and white space separate, "range:" takes the next
 * word.  Returns a NULL-terminated vector (or NULL when empty). */
char **
cat_flags_split(const char *s)
{
	char **v = NULL;
	const char *p = s;
	bool range = false;
	while (p && *p) {
		while (*p == ',' || *p == ' ' || *p == '\t' || *p == '\r'
		       || *p == '\n' || *p == '\f')
			p++;
		if (!*p)
			break;
		const char *q = p;
		while (*q && *q != ',' && *q != ' ' && *q != '\t' && *q != '\r'
		       && *q != '\n' && *q != '\f')
			q++;
		char *tok = ms_xstrndup(p, (size_t)(q - p));
		if (range) {
			size_t n = ms_strv_len(v);
			char *joined = ms_xmalloc(strlen(v[n - 1]) + strlen(tok) + 2);
			sprintf(joined, "%s %s", v[n - 1], tok);
			free(v[n - 1]);
			v[n - 1] = joined;
			range = false;
		} else if (strncmp(tok, "range:", 6) == 0 && tok[6]) {
			char *norm = ms_xmalloc(strlen(tok) + 2);
			sprintf(norm, "range: %s", tok + 6);
			if (!ms_strv_contains(v, norm))
				ms_strv_push(&v, norm);
			free(norm);
		} else if (strcmp(tok, "range:") == 0) {
			ms_strv_push(&v, tok);
			range = true;
		} else if (!ms_strv_contains(v, tok)) {
			ms_strv_push(&v, tok);
		}
		free(tok);
		p = q;
	}
	return v;
}

/* Join tokens with ", ", leaving out "fuzzy"; NULL when nothing is left. */
char *
cat_flags_join_other(char *const *v)
{
	ms_buf b = MS_BUF_INIT;
	for (size_t i = 0; v && v[i]; i++) {
		if (strcmp(v[i], "fuzzy") == 0)
			continue;
		if (b.len)
			ms_buf_puts(&b, ", ");
		ms_buf_puts(&b, v[i]);
	}
	if (!b.len) {
		ms_buf_release(&b);
		return NULL;
	}
	return ms_buf_detach(&b, NULL);
}

static bool
is_known_format(const char *name)
{
	const char *const *list = po_format_list();
	for (size_t i = 0; list && list[i]; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

static bool
parse_range(const char *tok, int *lo, int *hi)
{
	char *end;
	long a, b;
	if (strncmp(tok, "range: ", 7) != 0)
		return false;
	errno = 0;
	a = strtol(tok + 7, &end, 10);
	if (end == tok + 7 || end[0] != '.' || end[1] != '.')
		return false;
	const char *s = end + 2;
	b = strtol(s, &end, 10);
	if (end == s || *end || errno || a < 0 || b <= a || b > INT_MAX)
		return false;
	*lo = (int)a;
	*hi = (int)b;
	return true;
}

/* Apply the flag TOK to M through the API when it can; false when the
 * flag has to be spliced into the output (no-wrap, unknown flags). */
static bool
flag_apply(po_message_t m, const char *tok)
{
	int lo, hi;
	if (strcmp(tok, "fuzzy") == 0 || strcmp(tok, "wrap") == 0)
		return true;   /* fuzzy is set from the field; wrap is the default */
	if (parse_range(tok, &lo, &hi)) {
		po_message_set_range(m, lo, hi);
		return true;
	}
	if (strncmp(tok, "no-", 3) == 0 && is_known_format(tok + 3)) {
		po_message_set_format(m, tok + 3, 0);
		return true;
	}
	if (strncmp(tok, "possible-", 9) == 0 && is_known_format(tok + 9)) {
		po_message_set_format(m, tok + 9, 1);
		return true;
	}
	if (strncmp(tok, "impossible-", 11) == 0 && is_known_format(tok + 11)) {
		po_message_set_format(m, tok + 11, 0);
		return true;
	}
	if (is_known_format(tok)) {
		po_message_set_format(m, tok, 1);
		return true;
	}
	return false;
}

/* ------------------------------------------------------------- line scan */

typedef struct scan_entry {
	unsigned line;     /* of the msgid keyword */
	bool obsolete;
	char *flags;       /* raw "#," texts joined by ", ", or NULL */
} scan_entry;

typedef struct scan_open {
	unsigned line, col;
} scan_open;

typedef struct scan {
	scan_entry *v;
	size_t n, cap;
	scan_open *open;   /* lines that end inside a string */
	size_t nopen, capopen;
	unsigned domain_line;
} scan;

static void
scan_release(scan *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].flags);
	free(s->v);
	free(s->open);
}

static bool
is_keyword_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
	       || (c >= '0' && c <= '9') || c == '_' || c == '[' || c == ']';
}

static unsigned
char_col(const char *line, const char *p)
{
	unsigned col = 1;
	for (const char *q = line; q < p; q++)
		if (((unsigned char)*q & 0xC0) != 0x80)
			col++;
	return col;
}

static void
scan_text(const char *data, size_t len, scan *s)
{
	ms_buf flags = MS_BUF_INIT;
	bool in_string = false;
	unsigned lineno = 0, open_col = 0;
	const char *p = data, *end = data + len;
	memset(s, 0, sizeof *s);
	while (p < end) {
		const char *ls = p;
		const char *le = memchr(p, '\n', (size_t)(end - p));
		if (!le)
			le = end;
		lineno++;
		p = le < end ? le + 1 : end;
		const char *q = ls;
		if (!in_string) {
			bool obsolete = false;
			while (q < le && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\f'))
				q++;
			if (q < le && *q == '#') {
				if (q + 1 < le && q[1] == '~') {
					obsolete = true;
					q += 2;
					if (q < le && *q == '|')
						continue;
					while (q < le && (*q == ' ' || *q == '\t'))
						q++;
				} else if (q + 1 < le && (q[1] == ',' || q[1] == '!')) {
					if (flags.len)
						ms_buf_puts(&flags, ", ");
					ms_buf_put(&flags, q + 2, (size_t)(le - q - 2));
					continue;
				} else {
					continue;
				}
			}
			const char *k = q;
			while (q < le && is_keyword_char((unsigned char)*q))
				q++;
			if (q - k == 5 && memcmp(k, "msgid", 5) == 0) {
				if (s->n == s->cap) {
					s->cap = s->cap ? s->cap * 2 : 256;
					s->v = ms_xrealloc(s->v, s->cap * sizeof *s->v);
				}
				s->v[s->n].line = lineno;
				s->v[s->n].obsolete = obsolete;
				s->v[s->n].flags = flags.len ? ms_buf_detach(&flags, NULL) : NULL;
				s->n++;
				ms_buf_reset(&flags);
			} else if (q - k == 6 && memcmp(k, "domain", 6) == 0) {
				if (!s->domain_line)
					s->domain_line = lineno;
			}
		}
		/* Follow the strings on the line to see whether one stays open. */
		bool continued = false;
		while (q < le) {
			if (in_string) {
				if (*q == '\\') {
					if (q + 1 == le || (q + 2 == le && q[1] == '\r')) {
						continued = true;
						break;
					}
					q += 2;
				} else if (*q == '"') {
					in_string = false;
					q++;
				} else {
					q++;
				}
			} else if (*q == '"') {
				in_string = true;
				open_col = char_col(ls, q);
				q++;
			} else if (*q == '#') {
				break;
			} else {
				q++;
			}
		}
		if (in_string && !continued) {
			if (s->nopen == s->capopen) {
				s->capopen = s->capopen ? s->capopen * 2 : 8;
				s->open = ms_xrealloc(s->open, s->capopen * sizeof *s->open);
			}
			s->open[s->nopen].line = lineno;
			s->open[s->nopen].col = open_col;
			s->nopen++;
			in_string = false;
		}
	}
	ms_buf_release(&flags);
}

static const scan_open *
scan_find_open(const scan *s, unsigned line)
{
	size_t lo = 0, hi = s ? s->nopen : 0;
	while (lo < hi) {     /* the lines were recorded in order */
		size_t mid = lo + (hi - lo) / 2;
		if (s->open[mid].line == line)
			return &s->open[mid];
		if (s->open[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* -------------------------------------------------- libgettextpo plumbing */

typedef struct po_ctx {
	const char *path;        /* the file named in diagnostics */
	ms_diag_handler *h;
	const scan *sc;          /* for locating unterminated strings */
	unsigned errors;
	jmp_buf fatal;
	/* Duplicates seen while reading: the line of the second definition
	 * and the key of the first, to point at it afterwards. */
	struct po_dup {
		unsigned line;
		char *msgctxt, *msgid;
	} *dups;
	size_t ndups;
} po_ctx;

#define MAX_DUP_NOTES 64

static pthread_mutex_t po_lock = PTHREAD_MUTEX_INITIALIZER;

/* libgettextpo keeps its error handlers in globals for the length of a
 * call: every call that may report (reading, writing, format checks in
 * check.c) holds this lock. */
void
cat_gettextpo_lock(void)
{
	pthread_mutex_lock(&po_lock);
}

void
cat_gettextpo_unlock(void)
{
	pthread_mutex_unlock(&po_lock);
}
static po_ctx *po_cur;

static void
po_report(int severity, po_message_t message, const char *filename,
          size_t lineno, size_t column, const char *text)
{
	po_ctx *x = po_cur;
	unsigned line = 0, col = 0;
	if (!x)
		return;
	if (filename && lineno != (size_t)-1 && lineno <= UINT_MAX) {
		line = (unsigned)lineno;
		if (column != (size_t)-1 && column <= UINT_MAX)
			col = (unsigned)column;
	}
	if (severity != PO_SEVERITY_WARNING && line > 1) {
		/* gettext notices an unterminated string only once it has read
		 * the newline; point at the string itself. */
		const scan_open *o = scan_find_open(x->sc, line - 1);
		if (o) {
			line = o->line;
			col = o->col;
		}
	}
	ms_buf msg = MS_BUF_INIT;
	ms_buf_puts(&msg, text ? text : "");
	while (msg.len && (msg.ptr[msg.len - 1] == '\n' || msg.ptr[msg.len - 1] == ' '))
		ms_buf_truncate(&msg, msg.len - 1);
	for (size_t i = 0; i < msg.len; i++)
		if (msg.ptr[i] == '\n')
			msg.ptr[i] = ' ';
	if (!line && message && po_message_msgid(message)) {
		/* No line (a problem found while writing): say which entry. */
		const char *id = po_message_msgid(message);
		if (!*id) {
			ms_buf_puts(&msg, _(" (in the header entry)"));
		} else {
			ms_buf ex = MS_BUF_INIT;
			size_t chars = 0;
			const char *p = id;
			for (; *p && chars < 40; chars++) {
				const char *esc = strchr("\a\b\f\n\r\t\v", *p);
				if (esc) {
					ms_buf_putc(&ex, '\\');
					ms_buf_putc(&ex, "abfnrtv"[esc - "\a\b\f\n\r\t\v"]);
					p++;
				} else if ((unsigned char)*p < 0x20) {
					ms_buf_printf(&ex, "\\x%02x", (unsigned char)*p++);
				} else {
					ms_buf_putc(&ex, *p++);
					while (((unsigned char)*p & 0xC0) == 0x80)
						ms_buf_putc(&ex, *p++);
				}
			}
			ms_buf_printf(&msg, _(" (in msgid \"%s%s\")"), ex.ptr,
			              *p ? "..." : "");
			ms_buf_release(&ex);
		}
	}
	ms_diag_emit(x->h, severity == PO_SEVERITY_WARNING ? MS_WARNING : MS_ERROR,
	             NULL, x->path, line, col, "%s", msg.ptr);
	ms_buf_release(&msg);
	if (severity != PO_SEVERITY_WARNING)
		x->errors++;
}

static void
po_on_xerror(int severity, po_message_t message, const char *filename,
             size_t lineno, size_t column, int multiline_p,
             const char *message_text)
{
	(void)multiline_p;
	po_report(severity, message, filename, lineno, column, message_text);
	if (severity == PO_SEVERITY_FATAL_ERROR && po_cur
	    && !(filename == NULL && lineno == (size_t)-1))
		longjmp(po_cur->fatal, 1);
	/* The one fatal error without a location is the summary at the end
	 * of a parse ("found N fatal errors"): returning from it is safe, the
	 * parse is over.  Any other fatal error jumped out above. */
}

static void
po_on_xerror2(int severity, po_message_t message1, const char *filename1,
              size_t lineno1, size_t column1, int multiline_p1,
              const char *message_text1, po_message_t message2,
              const char *filename2, size_t lineno2, size_t column2,
              int multiline_p2, const char *message_text2)
{
	(void)multiline_p1;
	(void)multiline_p2;
	/* The second half ("this is the location of the first definition")
	 * carries no location in libgettextpo 0.21; report it as a note when
	 * it has one. */
	po_report(severity, message1, filename1, lineno1, column1, message_text1);
	if (message2 && po_cur && po_cur->ndups < MAX_DUP_NOTES
	    && filename1 && lineno1 != (size_t)-1 && lineno1 <= UINT_MAX
	    && po_message_msgid(message2)) {
		struct po_dup *d;
		po_cur->dups = ms_xrealloc(po_cur->dups,
		                           (po_cur->ndups + 1) * sizeof *po_cur->dups);
		d = &po_cur->dups[po_cur->ndups++];
		d->line = (unsigned)lineno1;
		d->msgctxt = dup_or_null(po_message_msgctxt(message2));
		d->msgid = ms_xstrdup(po_message_msgid(message2));
	}
	if (filename2 && lineno2 != (size_t)-1 && lineno2 > 0 && po_cur)
		ms_diag_emit(po_cur->h, MS_NOTE, NULL, po_cur->path,
		             lineno2 <= UINT_MAX ? (unsigned)lineno2 : 0,
		             column2 != (size_t)-1 && column2 <= UINT_MAX
		             ? (unsigned)column2 : 0, "%s", message_text2);
	if (severity == PO_SEVERITY_FATAL_ERROR && po_cur)
		longjmp(po_cur->fatal, 1);
}

static const struct po_xerror_handler po_handler = {
	po_on_xerror, po_on_xerror2
};

#ifdef __GLIBC__
/* libgettextpo resets and uses glibc's error_message_count; keep the
 * caller's value. */
#define SAVE_ERROR_COUNT unsigned saved_emc_ = error_message_count
#define RESTORE_ERROR_COUNT (error_message_count = saved_emc_)
#else
#define SAVE_ERROR_COUNT int saved_emc_ = 0
#define RESTORE_ERROR_COUNT ((void)saved_emc_)
#endif

/* ------------------------------------------------------------------- read */

/* po_message_comments and po_message_extracted_comments return a string
 * joined afresh at each call and never freed ("FIXME: memory leak" in
 * gettext-po.c, up to 0.22 at least).  We free it for the versions known
 * to do that; with a newer one we would leak rather than risk a double
 * free. */
#define GETTEXTPO_COMMENTS_ALLOCATED 0x001700

/* libgettextpo gives "line\nline\n"; we keep "line\nline", NULL for none
 * and "" for a single empty comment line. */
static char *
comment_from_po(const char *s)
{
	char *r;
	size_t n;
	if (!s || !*s)
		return NULL;
	n = strlen(s);
	r = ms_xstrndup(s, s[n - 1] == '\n' ? n - 1 : n);
	if (libgettextpo_version < GETTEXTPO_COMMENTS_ALLOCATED)
		free((char *)s);
	return r;
}

static entry *
entry_from_po(po_message_t m, const scan_entry *se)
{
	entry *e = cat_entry_new(po_message_msgctxt(m), po_message_msgid(m));
	const char *plural = po_message_msgid_plural(m);
	if (plural) {
		e->pub.msgid_plural = ms_xstrdup(plural);
		for (int i = 0;; i++) {
			const char *s = po_message_msgstr_plural(m, i);
			if (!s)
				break;
			ms_strv_push(&e->pub.msgstr_plural, s);
		}
		if (e->pub.msgstr_plural) {
			free(e->pub.msgstr);
			e->pub.msgstr = ms_xstrdup(e->pub.msgstr_plural[0]);
		}
	} else {
		free(e->pub.msgstr);
		e->pub.msgstr = ms_xstrdup(po_message_msgstr(m) ? po_message_msgstr(m) : "");
	}
	e->pub.prev_msgctxt = dup_or_null(po_message_prev_msgctxt(m));
	e->pub.prev_msgid = dup_or_null(po_message_prev_msgid(m));
	e->prev_msgid_plural = dup_or_null(po_message_prev_msgid_plural(m));
	e->pub.comments = comment_from_po(po_message_comments(m));
	e->pub.extracted = comment_from_po(po_message_extracted_comments(m));
	for (int i = 0;; i++) {
		po_filepos_t fp = po_message_filepos(m, i);
		if (!fp)
			break;
		size_t l = po_filepos_start_line(fp);
		const char *file = po_filepos_file(fp);
		if (l == (size_t)-1) {
			ms_strv_push(&e->pub.refs, file);
		} else {
			char *r = ms_xmalloc(strlen(file) + 24);
			sprintf(r, "%s:%zu", file, l);
			ms_strv_push(&e->pub.refs, r);
			free(r);
		}
	}
	e->refs_at = NULL;
	e->pub.fuzzy = po_message_is_fuzzy(m) != 0;
	e->pub.obsolete = po_message_is_obsolete(m) != 0;
	if (se) {
		char **v = cat_flags_split(se->flags);
		e->pub.flags = cat_flags_join_other(v);
		ms_strv_free(v);
		e->pub.line = se->line;
	} else {
		/* Without the scan, rebuild what the API can tell. */
		ms_buf b = MS_BUF_INIT;
		const char *const *list = po_format_list();
		int lo, hi;
		for (size_t i = 0; list && list[i]; i++)
			if (po_message_is_format(m, list[i]))
				ms_buf_printf(&b, "%s%s", b.len ? ", " : "", list[i]);
		if (po_message_is_range(m, &lo, &hi))
			ms_buf_printf(&b, "%srange: %d..%d", b.len ? ", " : "", lo, hi);
		e->pub.flags = b.len ? ms_buf_detach(&b, NULL) : NULL;
		ms_buf_release(&b);
	}
	return e;
}

static void
po_ctx_free(po_ctx *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->ndups; i++) {
		free(x->dups[i].msgctxt);
		free(x->dups[i].msgid);
	}
	free(x->dups);
	free(x);
}

static bool
dup_line(const po_ctx *x, unsigned line)
{
	for (size_t i = 0; i < x->ndups; i++)
		if (x->dups[i].line == line)
			return true;
	return false;
}

/* After duplicate errors, point at each first definition.  libgettextpo
 * dropped the duplicates, so the scan lines of the messages it kept are
 * the scan's lines minus the duplicates' ones. */
static void
note_first_definitions(const po_ctx *x, po_file_t pf, const scan *sc)
{
	po_message_iterator_t it;
	po_message_t m;
	size_t j = 0, count = 0, kept = 0;
	if (!x->ndups)
		return;
	for (size_t i = 0; i < sc->n; i++)
		if (!dup_line(x, sc->v[i].line))
			kept++;
	it = po_message_iterator(pf, NULL);
	while ((m = po_next_message(it)))
		count++;
	po_message_iterator_free(it);
	if (count != kept)
		return;
	it = po_message_iterator(pf, NULL);
	while ((m = po_next_message(it))) {
		while (j < sc->n && dup_line(x, sc->v[j].line))
			j++;
		if (j >= sc->n)
			break;
		for (size_t d = 0; d < x->ndups; d++)
			if (strcmp(x->dups[d].msgid, po_message_msgid(m)) == 0
			    && str_eq_null(x->dups[d].msgctxt, po_message_msgctxt(m)))
				ms_diag_emit(x->h, MS_NOTE, NULL, x->path, sc->v[j].line, 0,
				             _("the first definition of the duplicate on "
				               "line %u is here"), x->dups[d].line);
		j++;
	}
	po_message_iterator_free(it);
}

/* A name under which libgettextpo reads exactly the bytes we scanned: a
 * memory file when the system has them (so that "-", /dev/stdin, pipes and
 * a file changing under us are all fine), else PATH itself.  A template
 * keeps its own name: libgettextpo tells "charset=CHARSET" is expected in
 * it by the ".pot" at the end.  *FD is the memory file to close, or -1.
 * Freshly allocated. */
static char *
parse_name(const char *path, const char *data, size_t len, int *fd)
{
	ms_buf name = MS_BUF_INIT;
	size_t plen = strlen(path);
	bool pot = plen >= 4 && strcmp(path + plen - 4, ".pot") == 0;
	*fd = -1;
#ifdef MFD_CLOEXEC
	int m = pot ? -1 : memfd_create("missive-po", MFD_CLOEXEC);
	if (m >= 0) {
		size_t done = 0;
		while (done < len) {
			ssize_t n = write(m, data + done, len - done);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			done += (size_t)n;
		}
		ms_buf_printf(&name, "/proc/self/fd/%d", m);
		if (done == len && access(name.ptr, R_OK) == 0) {
			*fd = m;
			return ms_buf_detach(&name, NULL);
		}
		close(m);
		ms_buf_reset(&name);
	}
#else
	(void)data;
	(void)len;
	(void)pot;
#endif
	/* libgettextpo reads standard input for "-". */
	if (strcmp(path, "-") == 0)
		ms_buf_puts(&name, "./");
	ms_buf_puts(&name, path);
	return ms_buf_detach(&name, NULL);
}

/* Turn the messages of PF into a catalogue, with the scan's lines and
 * flags when the scan agrees with libgettextpo.  NULL after errors. */
static ms_catalog *
catalog_from_po(po_file_t pf, const scan *sc, po_ctx *ctx)
{
	ms_catalog *c = cat_alloc();
	po_message_iterator_t it = po_message_iterator(pf, NULL);
	po_message_t m;
	size_t count = 0;
	while ((m = po_next_message(it)))
		count++;
	po_message_iterator_free(it);
	bool use_scan = count == sc->n;
	it = po_message_iterator(pf, NULL);
	for (size_t i = 0; (m = po_next_message(it)); i++) {
		const scan_entry *se = NULL;
		if (use_scan && sc->v[i].obsolete == (po_message_is_obsolete(m) != 0))
			se = &sc->v[i];
		entry *e = entry_from_po(m, se);
		bool header_key = !e->pub.obsolete
		                  && cat_is_header_key(e->pub.msgctxt, e->pub.msgid);
		if (header_key && !c->header) {
			c->header = e;
			continue;
		}
		entry *dup = cat_find(c, e->pub.msgctxt, e->pub.msgid, e->hash);
		if (dup || header_key) {
			/* libgettextpo refuses duplicates already; this is a
			 * second line of defence. */
			ms_diag_emit(ctx->h, MS_ERROR, NULL, ctx->path, e->pub.line, 0,
			             _("duplicate message definition"));
			if (dup && dup->pub.line)
				ms_diag_emit(ctx->h, MS_NOTE, NULL, ctx->path, dup->pub.line, 0,
				             _("the first definition of the duplicate on "
				               "line %u is here"), e->pub.line);
			cat_entry_free(e);
			ctx->errors++;
			continue;
		}
		cat_push(c, e);
	}
	po_message_iterator_free(it);
	if (ctx->errors) {
		ms_catalog_free(c);
		return NULL;
	}
	return c;
}

ms_status
ms_catalog_read(const char *path, ms_catalog **out, ms_diag_handler *h)
{
	char *data = NULL;
	size_t len = 0, bad;
	unsigned line, col;
	ms_status st;
	scan sc;
	po_ctx *ctx;
	po_file_t pf;
	char *name;
	int fd;

	if (out)
		*out = NULL;
	if (!path || !out) {
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("no file or no place for the result"));
		return MS_ERR_USAGE;
	}
	st = ms_read_file(path, &data, &len, h);
	if (st != MS_OK)
		return st;
	if (!ms_utf8_validate(data, len, &bad, &line, &col)) {
		ms_diag_emit(h, MS_ERROR, NULL, path, line, col,
		             data[bad] ? _("invalid UTF-8 (PO files must be UTF-8)")
		                       : _("NUL byte in a PO file"));
		free(data);
		return MS_ERR_ENCODING;
	}
	if (cat_fast_enabled() && cat_read_fast(data, len, out)) {
		free(data);
		return MS_OK;
	}
	scan_text(data, len, &sc);
	name = parse_name(path, data, len, &fd);
	free(data);

	/* On the heap: the callbacks change it between setjmp and longjmp. */
	ctx = ms_xcalloc(1, sizeof *ctx);
	ctx->path = path;
	ctx->h = h;
	ctx->sc = &sc;
	pthread_mutex_lock(&po_lock);
	SAVE_ERROR_COUNT;
	po_cur = ctx;
	if (setjmp(ctx->fatal)) {
		/* A fatal error inside libgettextpo: it may have leaked its
		 * stream; report and keep the process alive. */
		po_cur = NULL;
		RESTORE_ERROR_COUNT;
		pthread_mutex_unlock(&po_lock);
		st = MS_ERR_PARSE;
		goto out;
	}
	errno = 0;
	pf = po_file_read(name, &po_handler);
	po_cur = NULL;
	RESTORE_ERROR_COUNT;
	if (!pf) {
		int err = errno;
		pthread_mutex_unlock(&po_lock);
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0, _("cannot read: %s"),
		             strerror(err ? err : EIO));
		st = MS_ERR_IO;
		goto out;
	}
	st = MS_ERR_PARSE;
	if (ctx->errors) {
		note_first_definitions(ctx, pf, &sc);
	} else {
		const char *const *domains = po_file_domains(pf);
		const char *other = NULL;
		for (size_t i = 0; domains && domains[i] && !other; i++)
			if (strcmp(domains[i], "messages") != 0)
				other = domains[i];
		if (other)
			ms_diag_emit(h, MS_ERROR, NULL, path, sc.domain_line, 0,
			             _("domain directive \"%s\" not supported: "
			               "one catalogue per file"), other);
		else if ((*out = catalog_from_po(pf, &sc, ctx)))
			st = MS_OK;
	}
	po_file_free(pf);
	pthread_mutex_unlock(&po_lock);
out:
	po_ctx_free(ctx);
	scan_release(&sc);
	if (fd >= 0)
		close(fd);
	free(name);
	return st;
}

/* ------------------------------------------------------------------ write */

/* Escape and quote VALUE as gettext does, one line per "\n"-ended
 * portion, without wrapping (for entries flagged no-wrap). */
static void
render_nowrap(ms_buf *b, const char *prefix, const char *name, const char *value)
{
	const char *s = value;
	bool multi = false;
	const char *nl = strchr(value, '\n');
	if (nl && nl[1])
		multi = true;
	if (multi)
		ms_buf_printf(b, "%s%s \"\"\n", prefix, name);
	do {
		const char *es = s;
		while (*es && *es++ != '\n')
			;
		if (multi)
			ms_buf_printf(b, "%s\"", prefix);
		else
			ms_buf_printf(b, "%s%s \"", prefix, name);
		for (const char *p = s; p < es; p++) {
			const char *esc = strchr("\a\b\f\n\r\t\v", *p);
			if (*p && esc) {
				ms_buf_putc(b, '\\');
				ms_buf_putc(b, "abfnrtv"[esc - "\a\b\f\n\r\t\v"]);
			} else if (*p == '\\' || *p == '"') {
				ms_buf_putc(b, '\\');
				ms_buf_putc(b, *p);
			} else {
				ms_buf_putc(b, *p);
			}
		}
		ms_buf_puts(b, "\"\n");
		s = es;
	} while (*s);
}

void
cat_render_nowrap_entry(ms_buf *b, const entry *e)
{
	const char *pp = e->pub.obsolete ? "#~| " : "#| ";
	const char *p = e->pub.obsolete ? "#~ " : "";
	if (e->pub.prev_msgctxt)
		render_nowrap(b, pp, "msgctxt", e->pub.prev_msgctxt);
	if (e->pub.prev_msgid)
		render_nowrap(b, pp, "msgid", e->pub.prev_msgid);
	if (e->prev_msgid_plural)
		render_nowrap(b, pp, "msgid_plural", e->prev_msgid_plural);
	if (e->pub.msgctxt)
		render_nowrap(b, p, "msgctxt", e->pub.msgctxt);
	render_nowrap(b, p, "msgid", e->pub.msgid);
	if (e->pub.msgid_plural) {
		render_nowrap(b, p, "msgid_plural", e->pub.msgid_plural);
		size_t n = ms_strv_len(e->pub.msgstr_plural);
		for (size_t i = 0; i < (n ? n : 1); i++) {
			char name[32];
			snprintf(name, sizeof name, "msgstr[%zu]", i);
			render_nowrap(b, p, name, n ? e->pub.msgstr_plural[i] : "");
		}
	} else {
		render_nowrap(b, p, "msgstr", e->pub.msgstr ? e->pub.msgstr : "");
	}
}

/* What the splice pass needs to know about one written entry. */
typedef struct splice_info {
	const entry *e;
	char **extra;     /* flags gettext could not write, or NULL */
	bool nowrap;
} splice_info;

static void
add_comment(po_message_t m, const char *text,
            void (*set)(po_message_t, const char *))
{
	if (!text)
		return;
	size_t n = strlen(text);
	char *s = ms_xmalloc(n + 2);
	memcpy(s, text, n);
	s[n] = '\n';
	s[n + 1] = '\0';
	set(m, s);
	free(s);
}

static po_message_t
entry_to_po(const entry *e, splice_info *si)
{
	po_message_t m = po_message_create();
	if (e->pub.msgctxt)
		po_message_set_msgctxt(m, e->pub.msgctxt);
	po_message_set_msgid(m, e->pub.msgid);
	if (e->pub.msgid_plural) {
		size_t n = ms_strv_len(e->pub.msgstr_plural);
		po_message_set_msgid_plural(m, e->pub.msgid_plural);
		if (n == 0) {
			po_message_set_msgstr_plural(m, 0, e->pub.msgstr ? e->pub.msgstr : "");
			po_message_set_msgstr_plural(m, 1, "");
		}
		for (size_t i = 0; i < n; i++)
			po_message_set_msgstr_plural(m, (int)i, e->pub.msgstr_plural[i]);
	} else {
		po_message_set_msgstr(m, e->pub.msgstr ? e->pub.msgstr : "");
	}
	add_comment(m, e->pub.comments, po_message_set_comments);
	add_comment(m, e->pub.extracted, po_message_set_extracted_comments);
	for (size_t i = 0; e->pub.refs && e->pub.refs[i]; i++) {
		const char *r = e->pub.refs[i];
		const char *colon = strrchr(r, ':');
		size_t line = (size_t)-1;
		char *file;
		if (colon && colon[1] && colon > r
		    && strspn(colon + 1, "0123456789") == strlen(colon + 1)
		    && strlen(colon + 1) < 19) {
			line = (size_t)strtoull(colon + 1, NULL, 10);
			file = ms_xstrndup(r, (size_t)(colon - r));
		} else {
			file = ms_xstrdup(r);
		}
		po_message_add_filepos(m, file, line);
		free(file);
	}
	if (e->pub.prev_msgctxt)
		po_message_set_prev_msgctxt(m, e->pub.prev_msgctxt);
	if (e->pub.prev_msgid)
		po_message_set_prev_msgid(m, e->pub.prev_msgid);
	if (e->prev_msgid_plural)
		po_message_set_prev_msgid_plural(m, e->prev_msgid_plural);
	if (e->pub.fuzzy)
		po_message_set_fuzzy(m, 1);
	if (e->pub.obsolete)
		po_message_set_obsolete(m, 1);
	si->e = e;
	si->extra = NULL;
	si->nowrap = false;
	char **v = cat_flags_split(e->pub.flags);
	for (size_t i = 0; v && v[i]; i++) {
		if (flag_apply(m, v[i]))
			continue;
		ms_strv_push(&si->extra, v[i]);
		if (strcmp(v[i], "no-wrap") == 0)
			si->nowrap = true;
	}
	ms_strv_free(v);
	return m;
}

static bool
starts_with(const char *s, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);
	return (size_t)(end - s) >= n && memcmp(s, prefix, n) == 0;
}

/* Copy the block [S, END) (one entry, lines ending in '\n') to OUT, with
 * the flags gettext could not write added, and re-rendered unwrapped when
 * the entry is no-wrap. */
static void
splice_block(ms_buf *out, const char *s, const char *end, const splice_info *si)
{
	const char *flags_line = NULL, *flags_end = NULL, *body = end;
	for (const char *l = s; l < end;) {
		const char *le = memchr(l, '\n', (size_t)(end - l));
		le = le ? le + 1 : end;
		if (starts_with(l, le, "#,")) {
			flags_line = l;
			flags_end = le;
		} else if (starts_with(l, le, "#|") || starts_with(l, le, "#~")
		           || starts_with(l, le, "msg")) {
			body = l;
			break;
		}
		l = le;
	}
	char **have = NULL;
	if (flags_line) {
		char *t = ms_xstrndup(flags_line + 2, (size_t)(flags_end - flags_line - 2));
		have = cat_flags_split(t);
		free(t);
	}
	ms_buf line = MS_BUF_INIT;
	bool added = false;
	for (size_t i = 0; have && have[i]; i++)
		ms_buf_printf(&line, "%s%s", line.len ? ", " : "", have[i]);
	for (size_t i = 0; si->extra && si->extra[i]; i++) {
		if (ms_strv_contains(have, si->extra[i]))
			continue;
		ms_buf_printf(&line, "%s%s", line.len ? ", " : "", si->extra[i]);
		added = true;
	}
	ms_strv_free(have);
	if (!added && !si->nowrap) {
		ms_buf_put(out, s, (size_t)(end - s));
		ms_buf_release(&line);
		return;
	}
	if (flags_line) {
		ms_buf_put(out, s, (size_t)(flags_line - s));
		ms_buf_printf(out, "#, %s\n", line.ptr);
		ms_buf_put(out, flags_end, (size_t)(body - flags_end));
	} else {
		ms_buf_put(out, s, (size_t)(body - s));
		ms_buf_printf(out, "#, %s\n", line.ptr);
	}
	ms_buf_release(&line);
	if (si->nowrap)
		cat_render_nowrap_entry(out, si->e);
	else
		ms_buf_put(out, body, (size_t)(end - body));
}

/* Run the splice pass over gettext's output IN (blocks separated by one
 * empty line, one block per message in SI order). */
static void
splice_output(const char *in, size_t len, const splice_info *si, size_t nsi,
              ms_buf *out)
{
	size_t blocks = 0;
	bool needed = false;
	for (size_t i = 0; i < nsi; i++)
		if (si[i].extra || si[i].nowrap)
			needed = true;
	if (!needed) {
		ms_buf_put(out, in, len);
		return;
	}
	for (const char *p = in; p < in + len;) {
		const char *q = strstr(p, "\n\n");
		blocks++;
		if (!q)
			break;
		p = q + 2;
	}
	if (blocks != nsi) {
		/* Not the layout we expect: leave gettext's output alone. */
		ms_buf_put(out, in, len);
		return;
	}
	const char *p = in;
	for (size_t i = 0; i < nsi; i++) {
		const char *q = strstr(p, "\n\n");
		const char *end = q ? q + 1 : in + len;
		splice_block(out, p, end, &si[i]);
		if (q) {
			ms_buf_putc(out, '\n');
			p = q + 2;
		}
	}
}

static ms_status
read_fd(int fd, ms_buf *b)
{
	if (lseek(fd, 0, SEEK_SET) < 0)
		return MS_ERR_IO;
	for (;;) {
		ms_buf_grow(b, 65536);
		ssize_t n = read(fd, b->ptr + b->len, b->cap - b->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return MS_ERR_IO;
		}
		if (n == 0)
			break;
		b->len += (size_t)n;
		b->ptr[b->len] = '\0';
	}
	return MS_OK;
}

static bool
valid_utf8(const char *s)
{
	return !s || ms_utf8_validate(s, strlen(s), NULL, NULL, NULL);
}

/* The name of a field of E that is not valid UTF-8, or NULL. */
static const char *
entry_bad_utf8(const entry *e)
{
	if (!valid_utf8(e->pub.msgctxt))
		return "msgctxt";
	if (!valid_utf8(e->pub.msgid) || !valid_utf8(e->pub.msgid_plural))
		return "msgid";
	if (!valid_utf8(e->pub.msgstr))
		return "msgstr";
	for (size_t i = 0; e->pub.msgstr_plural && e->pub.msgstr_plural[i]; i++)
		if (!valid_utf8(e->pub.msgstr_plural[i]))
			return "msgstr";
	if (!valid_utf8(e->pub.prev_msgctxt) || !valid_utf8(e->pub.prev_msgid)
	    || !valid_utf8(e->prev_msgid_plural))
		return "previous msgid";
	if (!valid_utf8(e->pub.comments) || !valid_utf8(e->pub.extracted)
	    || !valid_utf8(e->pub.flags))
		return "comments";
	for (size_t i = 0; e->pub.refs && e->pub.refs[i]; i++)
		if (!valid_utf8(e->pub.refs[i]))
			return "references";
	return NULL;
}

/* Render C in gettext's layout into OUT. */
static ms_status
render(const ms_catalog *c, const char *path, ms_buf *out, ms_diag_handler *h)
{
	const char *dir = getenv("TMPDIR");
	ms_buf tmp = MS_BUF_INIT, raw = MS_BUF_INIT;
	size_t nsi = c->n + (c->header ? 1 : 0), k = 0;
	splice_info *si = ms_xcalloc(nsi ? nsi : 1, sizeof *si);
	po_ctx *ctx;
	int fd;
	ms_status st = MS_OK;

	if (cat_fast_enabled() && cat_render_fast(c, out)) {
		free(si);
		return MS_OK;
	}
	/* libgettextpo 0.21 aborts the process when asked to write a string
	 * that ends inside a UTF-8 sequence: refuse such a catalogue here. */
	for (size_t i = 0; i < nsi; i++) {
		const entry *e = i == 0 && c->header ? c->header : c->v[i - (c->header ? 1 : 0)];
		const char *bad = entry_bad_utf8(e);
		if (bad) {
			/* name the entry by its msgid's start, not cut inside a
			 * character (the msgid itself may be the bad field) */
			int n = 0;
			while (e->pub.msgid[n] && n < 40)
				n++;
			while (n > 0 && ((unsigned char)e->pub.msgid[n] & 0xC0) == 0x80)
				n--;
			if (!valid_utf8(e->pub.msgid))
				n = 0;
			ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
			             _("cannot write: the %s of the entry \"%.*s\" is not valid UTF-8"),
			             bad, n, e->pub.msgid);
			free(si);
			return MS_ERR_ENCODING;
		}
	}
	ms_buf_printf(&tmp, "%s/missive-po-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(tmp.ptr);
	if (fd < 0) {
		ms_diag_emit(h, MS_ERROR, NULL, tmp.ptr, 0, 0,
		             _("cannot create a temporary file: %s"), strerror(errno));
		ms_buf_release(&tmp);
		free(si);
		return MS_ERR_IO;
	}

	ctx = ms_xcalloc(1, sizeof *ctx);
	ctx->path = path;
	ctx->h = h;
	pthread_mutex_lock(&po_lock);
	po_file_t pf = po_file_create();
	po_message_iterator_t it = po_message_iterator(pf, NULL);
	if (c->header)
		po_message_insert(it, entry_to_po(c->header, &si[k++]));
	for (size_t i = 0; i < c->n; i++)
		po_message_insert(it, entry_to_po(c->v[i], &si[k++]));
	po_message_iterator_free(it);
	SAVE_ERROR_COUNT;
	po_cur = ctx;
	if (setjmp(ctx->fatal)) {
		/* Writing failed (gettext's output stream may leak). */
		po_cur = NULL;
		RESTORE_ERROR_COUNT;
		po_file_free(pf);
		pthread_mutex_unlock(&po_lock);
		st = MS_ERR_IO;
		goto done;
	}
	po_file_write(pf, tmp.ptr, &po_handler);
	po_cur = NULL;
	RESTORE_ERROR_COUNT;
	po_file_free(pf);
	pthread_mutex_unlock(&po_lock);
	if (ctx->errors) {
		st = MS_ERR_IO;
		goto done;
	}
	/* libgettextpo ignores write errors: on a full disk or past a file
	 * size limit its output is silently cut short.  A file that cannot
	 * grow by one more byte is such a case. */
	if (lseek(fd, 0, SEEK_END) < 0 || write(fd, "\n", 1) != 1) {
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("cannot write: %s"), strerror(errno));
		st = MS_ERR_IO;
		goto done;
	}
	if (read_fd(fd, &raw) != MS_OK) {
		ms_diag_emit(h, MS_ERROR, NULL, tmp.ptr, 0, 0,
		             _("cannot read: %s"), strerror(errno));
		st = MS_ERR_IO;
		goto done;
	}
	ms_buf_truncate(&raw, raw.len - 1);    /* the byte written above */
	if (raw.len && raw.ptr[raw.len - 1] != '\n') {
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("cannot write: the rendered catalogue is cut short"));
		st = MS_ERR_IO;
		goto done;
	}
	splice_output(raw.ptr, raw.len, si, nsi, out);
done:
	close(fd);
	unlink(tmp.ptr);
	po_ctx_free(ctx);
	for (size_t i = 0; i < nsi; i++)
		ms_strv_free(si[i].extra);
	free(si);
	ms_buf_release(&raw);
	ms_buf_release(&tmp);
	return st;
}

static bool
is_date_line(const char *l, const char *le, const char **which)
{
	static const char *const fields[] = {
		"\"POT-Creation-Date:", "\"PO-Revision-Date:",
	};
	for (size_t i = 0; i < MS_ARRAY_SIZE(fields); i++)
		if (starts_with(l, le, fields[i])) {
			*which = fields[i];
			return true;
		}
	return false;
}

/* True when A and B are equal but for the date lines of the header
 * (the first block). */
static bool
same_but_dates(const char *a, size_t alen, const char *b, size_t blen)
{
	const char *ae = a + alen, *be = b + blen;
	bool in_header = true;
	while (a < ae && b < be) {
		const char *al = memchr(a, '\n', (size_t)(ae - a));
		const char *bl = memchr(b, '\n', (size_t)(be - b));
		al = al ? al + 1 : ae;
		bl = bl ? bl + 1 : be;
		if (!in_header)
			break;
		const char *wa, *wb;
		if (al - a == bl - b && memcmp(a, b, (size_t)(al - a)) == 0) {
			if (al - a == 1)
				in_header = false;
		} else if (!(is_date_line(a, al, &wa) && is_date_line(b, bl, &wb)
		             && wa == wb)) {
			return false;
		}
		a = al;
		b = bl;
	}
	return ae - a == be - b && memcmp(a, b, (size_t)(ae - a)) == 0;
}

ms_status
ms_catalog_write(const ms_catalog *c, const char *path, bool *changed,
                 ms_diag_handler *h)
{
	ms_buf out = MS_BUF_INIT;
	char *old = NULL;
	size_t oldlen = 0;
	ms_status st;

	if (changed)
		*changed = false;
	if (!c || !path) {
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("no catalogue or no file name"));
		return MS_ERR_USAGE;
	}
	st = render(c, path, &out, h);
	if (st != MS_OK) {
		ms_buf_release(&out);
		return st;
	}
	if (ms_read_file(path, &old, &oldlen, NULL) == MS_OK) {
		bool same = same_but_dates(old, oldlen, out.ptr, out.len);
		free(old);
		if (same) {
			ms_buf_release(&out);
			return MS_OK;
		}
	}
	st = ms_atomic_write(path, out.ptr, out.len, h);
	ms_buf_release(&out);
	if (st == MS_OK && changed)
		*changed = true;
	return st;
}

/* ----------------------------------------------------------------- merge */

static const struct {
	const char *lang;
	const char *plural_forms;
} plural_table[] = {
	{ "ko", "nplurals=1; plural=0;" },
	{ "ja", "nplurals=1; plural=0;" },
	{ "zh", "nplurals=1; plural=0;" },
	{ "vi", "nplurals=1; plural=0;" },
	{ "th", "nplurals=1; plural=0;" },
	{ "id", "nplurals=1; plural=0;" },
	{ "ms", "nplurals=1; plural=0;" },
	{ "en", "nplurals=2; plural=(n != 1);" },
	{ "es", "nplurals=2; plural=(n != 1);" },
	{ "de", "nplurals=2; plural=(n != 1);" },
	{ "it", "nplurals=2; plural=(n != 1);" },
	{ "nl", "nplurals=2; plural=(n != 1);" },
	{ "pt", "nplurals=2; plural=(n != 1);" },
	{ "pt_BR", "nplurals=2; plural=(n > 1);" },
	{ "fr", "nplurals=2; plural=(n > 1);" },
	{ "tr", "nplurals=2; plural=(n != 1);" },
	{ "ru", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
	        "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);" },
	{ "uk", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
	        "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);" },
	{ "pl", "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && "
	        "(n%100<10 || n%100>=20) ? 1 : 2);" },
	{ "cs", "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;" },
	{ "ar", "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
	        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);" },
};

static const char *
plural_forms_for(const char *lang)
{
	size_t base = strcspn(lang, "_@.");
	for (size_t i = 0; i < MS_ARRAY_SIZE(plural_table); i++)
		if (strcmp(plural_table[i].lang, lang) == 0)
			return plural_table[i].plural_forms;
	for (size_t i = 0; i < MS_ARRAY_SIZE(plural_table); i++)
		if (strlen(plural_table[i].lang) == base
		    && strncmp(plural_table[i].lang, lang, base) == 0)
			return plural_table[i].plural_forms;
	return "nplurals=2; plural=(n != 1);";
}

static unsigned
header_nplurals(const ms_catalog *c)
{
	char *pf = ms_catalog_header_get(c, "Plural-Forms");
	unsigned n = 2;
	const char *p = pf ? strstr(pf, "nplurals") : NULL;
	if (p) {
		p += 8;
		while (*p == ' ' || *p == '=')
			p++;
		unsigned long v = strtoul(p, NULL, 10);
		if (v >= 1 && v <= 16)
			n = (unsigned)v;
	}
	free(pf);
	return n;
}

/* True for the header ms_catalog_new gives a catalogue. */
static bool
header_is_default(const ms_catalog *c)
{
	const entry *e = c->header;
	return e && !e->pub.comments && !e->pub.extracted && !e->pub.fuzzy
	       && !e->pub.flags && strcmp(e->pub.msgstr, default_header) == 0;
}

static void
merge_header(ms_catalog *po, const ms_catalog *pot, const char *lang)
{
	char *v;
	bool fresh = false;
	if (pot->header && po->n == 0 && header_is_default(po)) {
		/* A new translation: start from the template's header, as
		 * msginit does (which also drops the header's fuzzy mark and
		 * fills Language and Plural-Forms for the new language). */
		cat_entry_free(po->header);
		po->header = entry_clone(pot->header);
		po->header->pub.fuzzy = false;
		fresh = lang && *lang;
	} else if (!po->header) {
		if (pot->header) {
			po->header = entry_clone(pot->header);
		} else {
			po->header = cat_entry_new(NULL, "");
			free(po->header->pub.msgstr);
			po->header->pub.msgstr = ms_xstrdup(default_header);
		}
	} else if ((v = ms_catalog_header_get(pot, "POT-Creation-Date"))) {
		/* As msgmerge does: the template's date travels along. */
		if (header_line(po->header->pub.msgstr, "POT-Creation-Date"))
			ms_catalog_header_set(po, "POT-Creation-Date", v);
		free(v);
	}
	po->header->pub.line = 0;

	char *norm = NULL;
	if (lang && *lang) {
		norm = ms_xstrdup(lang);
		for (char *p = norm; *p; p++)
			if (*p == '-')
				*p = '_';
		v = ms_catalog_header_get(po, "Language");
		if (!v || !*v || fresh)
			ms_catalog_header_set(po, "Language", norm);
		free(v);
	}
	v = ms_catalog_header_get(po, "Plural-Forms");
	if (!v || !*v || fresh || strstr(v, "INTEGER") || strstr(v, "EXPRESSION")) {
		char *l = norm ? ms_xstrdup(norm) : ms_catalog_header_get(po, "Language");
		if (l && *l)
			ms_catalog_header_set(po, "Plural-Forms", plural_forms_for(l));
		free(l);
	}
	free(v);
	free(norm);
	v = ms_catalog_header_get(po, "Content-Type");
	if (v && strstr(v, "charset=CHARSET"))
		ms_catalog_header_set(po, "Content-Type", "text/plain; charset=UTF-8");
	free(v);
}

static char **
empty_forms(unsigned n)
{
	char **v = NULL;
	for (unsigned i = 0; i < n; i++)
		ms_strv_push(&v, "");
	return v;
}

/* Give E (shaped like template entry T: plural or not) the translation
 * of SRC.  Returns true when the shape had to change (the result then
 * needs a translator's look). */
static bool
take_translation(entry *e, const entry *src, unsigned nplurals)
{
	bool reshaped = false;
	char **forms = NULL;
	char *single;
	if (src->pub.msgid_plural && src->pub.msgstr_plural) {
		forms = strv_dup(src->pub.msgstr_plural);
		single = ms_xstrdup(src->pub.msgstr_plural[0]);
	} else {
		single = ms_xstrdup(src->pub.msgstr ? src->pub.msgstr : "");
	}
	ms_strv_free(e->pub.msgstr_plural);
	e->pub.msgstr_plural = NULL;
	free(e->pub.msgstr);
	if (e->pub.msgid_plural) {
		if (!forms) {
			forms = empty_forms(nplurals);
			free(forms[0]);
			forms[0] = ms_xstrdup(single);
			reshaped = true;
		}
		e->pub.msgstr_plural = forms;
		e->pub.msgstr = single;
	} else {
		reshaped = forms != NULL;
		ms_strv_free(forms);
		e->pub.msgstr = single;
	}
	return reshaped;
}

/* A new entry for template entry T, untranslated. */
static entry *
entry_from_template(const entry *t, unsigned nplurals)
{
	entry *e = cat_entry_new(t->pub.msgctxt, t->pub.msgid);
	e->pub.msgid_plural = dup_or_null(t->pub.msgid_plural);
	if (e->pub.msgid_plural)
		e->pub.msgstr_plural = empty_forms(nplurals);
	e->pub.extracted = dup_or_null(t->pub.extracted);
	e->pub.refs = strv_dup(t->pub.refs);
	e->refs_at = NULL;
	e->pub.flags = dup_or_null(t->pub.flags);
	return e;
}

/* Refresh the exact match E from its template entry T. */
static void
update_from_template(entry *e, const entry *t, unsigned nplurals)
{
	free(e->pub.extracted);
	e->pub.extracted = dup_or_null(t->pub.extracted);
	ms_strv_free(e->pub.refs);
	e->pub.refs = strv_dup(t->pub.refs);
	e->refs_at = NULL;
	free(e->pub.flags);
	e->pub.flags = dup_or_null(t->pub.flags);
	if (!str_eq_null(e->pub.msgid_plural, t->pub.msgid_plural)) {
		bool was_plural = e->pub.msgid_plural != NULL;
		free(e->pub.msgid_plural);
		e->pub.msgid_plural = dup_or_null(t->pub.msgid_plural);
		if (was_plural || e->pub.msgid_plural) {
			entry *copy = entry_clone(e);
			if (!was_plural) {
				/* take_translation reads the source's shape. */
				free(copy->pub.msgid_plural);
				copy->pub.msgid_plural = NULL;
			}
			take_translation(e, copy, nplurals);
			cat_entry_free(copy);
		}
		if (entry_translated(e))
			e->pub.fuzzy = true;
	}
	e->pub.obsolete = false;
	e->pub.line = 0;
}

/* A tie between fuzzy candidates goes to one with the same context
 * (DATA: the template entry's msgctxt). */
static bool
same_context(const void *payload, void *data)
{
	return str_eq_null(((const entry *)payload)->pub.msgctxt, data);
}

ms_status
ms_catalog_merge(ms_catalog *po, const ms_catalog *pot, const char *lang,
                 ms_merge_stats *stats, ms_diag_handler *h)
{
	ms_merge_stats s = {0, 0, 0, 0};
	if (stats)
		*stats = s;
	if (!po || !pot) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("merge needs a translation and a template"));
		return MS_ERR_USAGE;
	}
	if (po == pot) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("cannot merge a catalogue with itself"));
		return MS_ERR_USAGE;
	}
	merge_header(po, pot, lang);
	unsigned nplurals = header_nplurals(po);
	size_t np = pot->n;
	entry **exact = ms_xcalloc(np ? np : 1, sizeof *exact);
	entry **result = ms_xcalloc(np ? np : 1, sizeof *result);
	bool need_fuzzy = false;

	for (size_t i = 0; i < po->n; i++)
		po->v[i]->exact_used = po->v[i]->fuzzy_used = false;
	for (size_t j = 0; j < np; j++) {
		const entry *t = pot->v[j];
		if (t->pub.obsolete)
			continue;
		entry *o = cat_find(po, t->pub.msgctxt, t->pub.msgid, t->hash);
		if (o) {
			exact[j] = o;
			o->exact_used = true;
		} else {
			need_fuzzy = true;
		}
	}

	/* New and changed entries first, while the old entries are intact. */
	if (need_fuzzy) {
		/* Candidates: the old entries with a translation to give. */
		ms_matcher *ix = ms_matcher_new();
		for (size_t i = 0; i < po->n; i++)
			if (entry_translated(po->v[i]))
				ms_matcher_add(ix, po->v[i]->pub.msgid, po->v[i]);
		for (size_t j = 0; j < np; j++) {
			const entry *t = pot->v[j];
			if (t->pub.obsolete || exact[j])
				continue;
			entry *e = entry_from_template(t, nplurals);
			ms_match best;
			entry *c = NULL;
			if (ms_matcher_query_prefer(ix, t->pub.msgid, MS_MATCH_FUZZY,
			                            &best, 1, same_context,
			                            (void *)t->pub.msgctxt))
				c = best.payload;
			if (c) {
				take_translation(e, c, nplurals);
				e->pub.comments = dup_or_null(c->pub.comments);
				e->pub.fuzzy = true;
				e->pub.prev_msgctxt = dup_or_null(c->pub.msgctxt);
				e->pub.prev_msgid = ms_xstrdup(c->pub.msgid);
				e->prev_msgid_plural = dup_or_null(c->pub.msgid_plural);
				c->fuzzy_used = true;
				s.fuzzy++;
			} else {
				s.added++;
			}
			result[j] = e;
		}
		ms_matcher_free(ix);
	}
	for (size_t j = 0; j < np; j++) {
		if (!exact[j])
			continue;
		update_from_template(exact[j], pot->v[j], nplurals);
		result[j] = exact[j];
		s.kept++;
	}

	/* Assemble: template order, then what is left of the old file. */
	size_t ncap = np + po->n + 1;
	entry **nv = ms_xmalloc(ncap * sizeof *nv);
	size_t k = 0;
	for (size_t j = 0; j < np; j++)
		if (result[j])
			nv[k++] = result[j];
	for (size_t i = 0; i < po->n; i++) {
		entry *o = po->v[i];
		if (o->exact_used)
			continue;
		if (o->fuzzy_used || !entry_translated(o)) {
			/* Its translation lives on in a fuzzy entry (msgmerge
			 * does the same), or there was nothing to keep. */
			cat_entry_free(o);
			continue;
		}
		if (!o->pub.obsolete) {
			o->pub.obsolete = true;
			s.obsoleted++;
		}
		/* Like msgmerge: an obsolete entry points nowhere. */
		ms_strv_free(o->pub.refs);
		o->pub.refs = NULL;
		o->refs_at = NULL;
		MS_FREE(o->pub.extracted);
		o->pub.line = 0;
		nv[k++] = o;
	}
	for (size_t i = 0; i < k; i++)
		nv[i]->exact_used = nv[i]->fuzzy_used = false;
	free(po->v);
	po->v = nv;
	po->n = k;
	po->cap = ncap;
	table_rebuild(po, k + 1);
	free(exact);
	free(result);
	if (stats)
		*stats = s;
	return MS_OK;
}

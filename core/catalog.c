/* catalog.c — the catalogue model: entries, the header entry, lookup by
 * (msgctxt, msgid) in O(1), and the additions extraction makes (new
 * entries, references, extracted comments).
 *
 * This file knows nothing of PO syntax or of libgettextpo: reading and
 * writing files is catalog-gettext.c (with the fast paths po-read.c and
 * po-write.c), merging is catalog-merge.c, and the fuzzy matcher is
 * catalog-match.c.  They all build on the primitives declared in
 * catalog-impl.h and defined here; nothing here calls them.
 */
#include "internal.h"
#include "catalog.h"
#include "catalog-impl.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* ------------------------------------------------------------------ model */

static const char default_header[] =
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=UTF-8\n"
	"Content-Transfer-Encoding: 8bit\n";

char *
cat_strdup_null(const char *s)
{
	return s ? ms_xstrdup(s) : NULL;
}

bool
cat_str_eq_null(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

char **
cat_strv_dup(char *const *v)
{
	/* One allocation: a shared unit's references number in the
	 * thousands, and pushing them one by one (each push counting the
	 * vector) made merging its entry quadratic. */
	size_t n = ms_strv_len(v);
	char **r;
	if (n == 0)
		return NULL;
	r = ms_xmalloc((n + 1) * sizeof *r);
	for (size_t i = 0; i < n; i++)
		r[i] = ms_xstrdup(v[i]);
	r[n] = NULL;
	return r;
}

uint64_t
cat_key_hash(const char *msgctxt, const char *msgid)
{
	/* msgctxt "\004" msgid (gettext's key), with the separator only
	 * after a context, so that no context and an empty one hash apart. */
	uint64_t h = MS_HASH_SEED;
	if (msgctxt)
		h = ms_hash_bytes(ms_hash_str(h, msgctxt), "\004", 1);
	h = ms_hash_str(h, msgid);
	return h ^ (h >> 29);
}

entry *
cat_entry_new(const char *msgctxt, const char *msgid)
{
	entry *e = ms_xcalloc(1, sizeof *e);
	e->pub.msgctxt = cat_strdup_null(msgctxt);
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
	ms_htab_free(e->refset);
	ms_htab_free(e->ext_lines);
	free(e->pub.flags);
	free(e->prev_msgid_plural);
	free(e);
}

entry *
cat_entry_clone(const entry *s)
{
	entry *e = cat_entry_new(s->pub.msgctxt, s->pub.msgid);
	e->pub.msgid_plural = cat_strdup_null(s->pub.msgid_plural);
	free(e->pub.msgstr);
	e->pub.msgstr = ms_xstrdup(s->pub.msgstr ? s->pub.msgstr : "");
	e->pub.msgstr_plural = cat_strv_dup(s->pub.msgstr_plural);
	e->pub.prev_msgctxt = cat_strdup_null(s->pub.prev_msgctxt);
	e->pub.prev_msgid = cat_strdup_null(s->pub.prev_msgid);
	e->pub.comments = cat_strdup_null(s->pub.comments);
	e->pub.extracted = cat_strdup_null(s->pub.extracted);
	e->pub.refs = cat_strv_dup(s->pub.refs);
	e->refs_at = NULL;
	e->pub.flags = cat_strdup_null(s->pub.flags);
	e->pub.fuzzy = s->pub.fuzzy;
	e->pub.obsolete = s->pub.obsolete;
	e->pub.line = s->pub.line;
	e->prev_msgid_plural = cat_strdup_null(s->prev_msgid_plural);
	return e;
}

/* True when S carries no text a reader would see: it is empty or holds
 * nothing but white space (Unicode White_Space: tabs, newlines, spaces
 * of every width, U+3000, ...), control characters and noncharacters
 * (ms_utf8_is_unwanted: the writers drop them) and format characters
 * (Unicode Cf: zero-width spaces and joiners, bidirectional marks and
 * controls, the soft hyphen, the byte order mark).  Text that is not
 * UTF-8 counts as text. */
static bool
blank(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += ms_utf8_decode(s + i, n - i, &cp);
		if (cp == UINT32_MAX)
			return false;
		if (!u_isUWhiteSpace((UChar32)cp) && !ms_utf8_is_unwanted(cp)
		    && u_charType((UChar32)cp) != U_FORMAT_CHAR)
			return false;
	}
	return true;
}

/* Does one of E's msgstrs (msgstr[N] for a plural entry) pass OK? */
static bool
any_msgstr(const ms_entry *e, bool (*ok)(const char *))
{
	if (e->msgid_plural && e->msgstr_plural) {
		for (size_t i = 0; e->msgstr_plural[i]; i++)
			if (ok(e->msgstr_plural[i]))
				return true;
		return false;
	}
	return e->msgstr && ok(e->msgstr);
}

static bool
not_empty(const char *s)
{
	return *s != '\0';
}

static bool
not_blank(const char *s)
{
	return !blank(s);
}

bool
cat_entry_has_msgstr(const entry *e)
{
	return any_msgstr(&e->pub, not_empty);
}

bool
ms_entry_has_text(const ms_entry *e)
{
	return e && any_msgstr(e, not_blank);
}

bool
ms_entry_is_translated(const ms_entry *e)
{
	return e && !e->obsolete && !e->fuzzy && ms_entry_has_text(e);
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

entry *
cat_header_new(void)
{
	entry *e = cat_entry_new(NULL, "");
	free(e->pub.msgstr);
	e->pub.msgstr = ms_xstrdup(default_header);
	return e;
}

bool
cat_header_is_default(const entry *e)
{
	return e && !e->pub.comments && !e->pub.extracted && !e->pub.fuzzy
	       && !e->pub.flags && strcmp(e->pub.msgstr, default_header) == 0;
}

ms_catalog *
ms_catalog_new(void)
{
	ms_catalog *c = cat_alloc();
	c->header = cat_header_new();
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
		    && cat_str_eq_null(e->pub.msgctxt, msgctxt))
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

void
cat_table_rebuild(ms_catalog *c, size_t want)
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
		cat_table_rebuild(c, c->n + 1);
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

/* The length of the line that starts at P (up to '\n' or the end). */
static size_t
line_len(const char *p)
{
	const char *nl = strchr(p, '\n');
	return nl ? (size_t)(nl - p) : strlen(p);
}

/* Put the '\n'-separated lines of TEXT into SEEN (keys borrowed): all of
 * them, the empty one after a final '\n' too. */
static void
lines_into(ms_htab *seen, const char *text)
{
	for (const char *q = text;; q++) {
		size_t len = line_len(q);
		ms_htab_put(seen, q, len, (void *)q);
		q += len;
		if (!*q)
			break;
	}
}

/* Is the LEN bytes at LINE one of the '\n'-separated lines of TEXT (the
 * empty one after a final '\n' too)? */
static bool
has_line(const char *text, const char *line, size_t len)
{
	for (const char *q = text;; q++) {
		size_t n = line_len(q);
		if (n == len && memcmp(q, line, len) == 0)
			return true;
		q += n;
		if (!*q)
			return false;
	}
}

enum { EXT_SET_MIN = 8 };   /* lines from which an entry keeps a set of them */

/* Append to the '\n'-joined lines of E's extracted comments the lines of
 * SRC they lack, each once, in SRC's order (no comments yet: SRC's lines,
 * each once).  A unit shared by thousands of letters is added thousands
 * of times, and a paragraph with thousands of inline tags has a comment
 * line for each, so the entry keeps its text with room to grow
 * (ext_len, ext_cap) and, past a few lines, a set of them (ext_lines):
 * an add costs about the length of SRC, not of what is there.  Like the
 * reference set, this describes the text it was built for (ext_at) and
 * is rebuilt when something else replaced that text. */
static void
merge_lines(entry *e, const char *src)
{
	char *dst = e->pub.extracted;
	if (dst && strcmp(dst, src) == 0)
		return;   /* the common case for shared units */
	if (!dst || dst != e->ext_at) {
		ms_htab_free(e->ext_lines);
		e->ext_lines = NULL;
		e->ext_at = dst;
		e->ext_len = dst ? strlen(dst) : 0;
		e->ext_cap = e->ext_len + 1;
		e->ext_nlines = 0;
		for (const char *q = dst; q; q = strchr(q + 1, '\n'))
			e->ext_nlines++;
	}
	for (const char *p = src; *p;) {
		size_t len = line_len(p);
		bool first = !e->ext_at;
		if (first || !(e->ext_lines ? ms_htab_get(e->ext_lines, p, len) != NULL
		                            : has_line(e->ext_at, p, len))) {
			size_t need = e->ext_len + !first + len + 1;
			if (need > e->ext_cap || first) {
				e->ext_cap = need > 2 * e->ext_cap ? need : 2 * e->ext_cap;
				e->ext_at = ms_xrealloc(e->ext_at, e->ext_cap);
				ms_htab_free(e->ext_lines);   /* its keys moved */
				e->ext_lines = NULL;
			}
			if (!first)
				e->ext_at[e->ext_len++] = '\n';
			memcpy(e->ext_at + e->ext_len, p, len);
			e->ext_at[e->ext_len + len] = '\0';
			e->pub.extracted = e->ext_at;
			if (e->ext_lines)
				ms_htab_put(e->ext_lines, e->ext_at + e->ext_len, len,
				            e->ext_at + e->ext_len);
			e->ext_len += len;
			if (++e->ext_nlines >= EXT_SET_MIN && !e->ext_lines) {
				e->ext_lines = ms_htab_new(2 * e->ext_nlines);
				lines_into(e->ext_lines, e->ext_at);
			}
		}
		p += len;
		if (*p == '\n')
			p++;
	}
}

/* Append REF unless already there.  A unit shared by thousands of letters
 * gets thousands of references, so past a few of them the entry keeps a
 * set of them (keys borrowed from the refs array): a lookup is O(1).  The
 * set describes the array it was built for (refs_at); when something else
 * replaced the array it is rebuilt. */
static void
entry_add_ref(entry *e, const char *ref)
{
	if (e->refs_at != e->pub.refs || !e->pub.refs) {
		e->nrefs = ms_strv_len(e->pub.refs);
		e->caprefs = e->nrefs + 1;
		ms_htab_free(e->refset);
		e->refset = NULL;
	}
	if (e->nrefs >= 16 && !e->refset) {
		e->refset = ms_htab_new(e->nrefs * 2);
		for (size_t i = 0; i < e->nrefs; i++)
			ms_htab_put(e->refset, e->pub.refs[i], strlen(e->pub.refs[i]),
			            e->pub.refs[i]);
	}
	if (e->refset) {
		if (ms_htab_get(e->refset, ref, strlen(ref)))
			return;
	} else {
		for (size_t i = 0; i < e->nrefs; i++)
			if (!strcmp(e->pub.refs[i], ref))
				return;
	}
	if (e->nrefs + 2 > e->caprefs) {
		e->caprefs = e->caprefs < 4 ? 8 : e->caprefs * 2;
		e->pub.refs = ms_xrealloc(e->pub.refs, e->caprefs * sizeof(char *));
	}
	char *copy = ms_xstrdup(ref);
	e->pub.refs[e->nrefs++] = copy;
	e->pub.refs[e->nrefs] = NULL;
	e->refs_at = e->pub.refs;
	if (e->refset)
		ms_htab_put(e->refset, copy, strlen(copy), copy);
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
		merge_lines(e, extracted);
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
	if (!c->header)
		c->header = cat_header_new();
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

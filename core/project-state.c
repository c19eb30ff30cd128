/* project-state.c — whether a letter is published: the one decision that
 * build, report and stats ask, and the publication gate (every check
 * configured as an error, run over a language's catalogue) with its
 * cache in "<out>/.missive/gate-<lang>". */
#include "project-impl.h"
#include "hash.h"
#include "units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* --------------------------------------------------------------- decision */

unsigned
ms_publish_blockers(const ms_publish_facts *f)
{
	unsigned why = 0;
	if (!f->have_catalogue)
		return MS_BLOCKED_NO_CATALOGUE;
	if (!f->readable)
		return MS_BLOCKED_UNREADABLE;
	if (!f->localised)
		return MS_BLOCKED_NOT_LOCALISED;
	if (f->draft)
		return 0;
	if (f->check_errors)
		why |= MS_BLOCKED_CHECK_ERRORS;
	if (f->missing && !f->draft_untranslated)
		why |= MS_BLOCKED_UNTRANSLATED;
	if (f->min_translated > 0 && f->units
	    && (f->units - f->missing) * 100 < (size_t)f->min_translated * f->units)
		why |= MS_BLOCKED_THRESHOLD;
	return why;
}

ms_publish_state
ms_publish_decide(const ms_publish_facts *f)
{
	if (ms_publish_blockers(f))
		return MS_PUBLISH_BLOCKED;
	if (f->check_errors || f->missing)
		return MS_PUBLISH_DRAFT;
	return MS_PUBLISH_PUBLISHED;
}

const char *
ms_publish_state_name(ms_publish_state s)
{
	static const char *const names[] = { "published", "draft", "blocked" };
	return (unsigned)s < MS_ARRAY_SIZE(names) ? names[s] : "blocked";
}

/* ------------------------------------------------- errors and letters */

/* A finding concerns the letters whose units use its entry: so findings
 * in a shared unit block every letter that uses it, and no other. */

struct proj_errors {
	ms_htab *index;     /* "msgctxt\004msgid" → slot + 1 */
	char **keys;
	size_t *count;
	size_t n, cap, total;
};

/* "MSGCTXT\004MSGID" (gettext's own joining) into KEY. */
static void
entry_key(ms_buf *key, const char *msgctxt, const char *msgid)
{
	ms_buf_reset(key);
	if (msgctxt) {
		ms_buf_puts(key, msgctxt);
		ms_buf_putc(key, '\004');
	}
	ms_buf_puts(key, msgid);
}

proj_errors *
proj_errors_new(void)
{
	proj_errors *e = ms_xcalloc(1, sizeof *e);
	e->index = ms_htab_new(16);
	return e;
}

void
proj_errors_free(proj_errors *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->n; i++)
		free(e->keys[i]);
	free(e->keys);
	free(e->count);
	ms_htab_free(e->index);
	free(e);
}

void
proj_errors_add(proj_errors *e, const char *msgctxt, const char *msgid)
{
	ms_buf key = MS_BUF_INIT;
	uintptr_t slot;
	entry_key(&key, msgctxt, msgid ? msgid : "");
	slot = (uintptr_t)ms_htab_get(e->index, key.ptr, key.len);
	if (!slot) {
		if (e->n == e->cap) {
			e->cap = e->cap ? 2 * e->cap : 16;
			e->keys = ms_xrealloc(e->keys, e->cap * sizeof *e->keys);
			e->count = ms_xrealloc(e->count, e->cap * sizeof *e->count);
		}
		e->keys[e->n] = ms_buf_detach(&key, NULL);
		e->count[e->n] = 0;
		slot = ++e->n;
		ms_htab_put(e->index, e->keys[slot - 1], strlen(e->keys[slot - 1]), (void *)slot);
	}
	e->count[slot - 1]++;
	e->total++;
	ms_buf_release(&key);
}

size_t
proj_errors_total(const proj_errors *e)
{
	return e ? e->total : 0;
}

static uint64_t
hash_opt(uint64_t h, const char *s)
{
	return s ? ms_hash_bytes(h, s, strlen(s) + 1) : ms_hash_bytes(h, "\001", 1);
}

void
proj_scan_init(proj_scan *x, const ms_catalog *po, const proj_errors *errs,
               proj_letter_facts *f)
{
	memset(x, 0, sizeof *x);
	x->po = po;
	x->errs = errs;
	x->f = f;
	memset(f, 0, sizeof *f);
	f->entries = MS_HASH_SEED;
	if (errs && errs->n)
		x->counted = ms_xcalloc(errs->n, sizeof *x->counted);
}

void
proj_scan_release(proj_scan *x)
{
	free(x->counted);
	free(x->keys);
	ms_buf_release(&x->key);
}

uint64_t *
proj_scan_take_keys(proj_scan *x, size_t *n)
{
	uint64_t *keys = x->keys;
	*n = x->nkeys;
	x->keys = NULL;
	x->nkeys = x->capkeys = 0;
	return keys;
}

/* One unit whose key hashes to KH (X->KEY holds the key when errors are
 * counted) and whose entry is E (NULL: absent): into the facts, the same
 * whether the unit comes from a walk or from the index. */
static void
scan_one(proj_scan *x, uint64_t kh, const ms_entry *e)
{
	uint64_t h = x->f->entries;
	x->f->units++;
	if (x->nkeys == x->capkeys) {
		x->capkeys = x->capkeys ? 2 * x->capkeys : 64;
		x->keys = ms_xrealloc(x->keys, x->capkeys * sizeof *x->keys);
	}
	x->keys[x->nkeys++] = kh;
	h = ms_hash_bytes(h, &kh, sizeof kh);
	if (e) {
		/* what localising the unit reads of its entry */
		h = hash_opt(h, e->msgstr);
		for (size_t i = 0; e->msgstr_plural && e->msgstr_plural[i]; i++)
			h = hash_opt(h, e->msgstr_plural[i]);
		h = ms_hash_bytes(h, e->fuzzy ? "f" : "t", 1);
		h = hash_opt(h, e->comments);
	} else {
		h = ms_hash_bytes(h, "\002absent", 7);
	}
	x->f->entries = h;
	/* only an entry of the catalogue has findings */
	if (e && x->errs && x->errs->n) {
		uintptr_t slot = (uintptr_t)ms_htab_get(x->errs->index, x->key.ptr, x->key.len);
		if (slot && !x->counted[slot - 1]) {
			x->counted[slot - 1] = true;
			x->f->errors += x->errs->count[slot - 1];
		}
	}
}

/* The hash of a unit's key ("msgctxt\004msgid") as the index keeps it. */
static uint64_t
key_hash(const ms_buf *key)
{
	return ms_hash_bytes(MS_HASH_SEED, key->ptr, key->len + 1);
}

ms_status
proj_scan_unit(const ms_unit *u, ms_inline **replacement, char **label, void *data)
{
	proj_scan *x = data;
	const ms_entry *e = x->po ? ms_catalog_find(x->po, u->msgctxt, u->msgid) : NULL;
	(void)replacement;
	(void)label;
	entry_key(&x->key, u->msgctxt, u->msgid);
	scan_one(x, key_hash(&x->key), e);
	return MS_OK;
}

void
proj_letter_scan(ms_letter *src, ms_segmenter *seg, const ms_catalog *po,
                 const proj_errors *errs, proj_letter_facts *f, uint64_t **keys,
                 size_t *nkeys)
{
	proj_scan x;
	proj_scan_init(&x, po, errs, f);
	/* what cannot be walked is reported when the letter is localised */
	(void)ms_units_walk(src, seg, proj_scan_unit, &x, NULL);
	if (keys)
		*keys = proj_scan_take_keys(&x, nkeys);
	proj_scan_release(&x);
}

/* ------------------------------------------------------ the units index */

/* A letter's units were scanned once; its manifest record keeps the hash
 * of each unit's key, in order.  After the catalogue changes, the entries
 * those keys name are looked up in a table of the catalogue's entries by
 * the same hash, and the facts computed as a walk computes them: no
 * letter is read or segmented again to see whether its entries changed.
 * A catalogue with two keys of one hash gets no table (its letters are
 * walked). */
struct proj_keys {
	ms_htab *by_hash;        /* key hash (8 bytes of HASHES) → ms_entry */
	uint64_t *hashes;
};

proj_keys *
proj_keys_new(const ms_catalog *po)
{
	size_t n = ms_catalog_count(po);
	proj_keys *k = ms_xcalloc(1, sizeof *k);
	ms_buf key = MS_BUF_INIT;
	k->by_hash = ms_htab_new(n);
	k->hashes = ms_xcalloc(n + 1, sizeof *k->hashes);
	for (size_t i = 0; i < n; i++) {
		ms_entry *e = ms_catalog_entry(po, i);
		if (e->obsolete)
			continue;   /* ms_catalog_find does not give them */
		entry_key(&key, e->msgctxt, e->msgid);
		k->hashes[i] = key_hash(&key);
		if (ms_htab_put(k->by_hash, (const char *)&k->hashes[i], sizeof k->hashes[i], e)) {
			proj_keys_free(k);
			k = NULL;
			break;
		}
	}
	ms_buf_release(&key);
	return k;
}

void
proj_keys_free(proj_keys *k)
{
	if (!k)
		return;
	ms_htab_free(k->by_hash);
	free(k->hashes);
	free(k);
}

void
proj_keys_scan(const proj_keys *k, const ms_catalog *po, const proj_errors *errs,
               const uint64_t *keys, size_t n, proj_letter_facts *f)
{
	proj_scan x;
	proj_scan_init(&x, po, errs, f);
	for (size_t i = 0; i < n; i++) {
		const ms_entry *e = ms_htab_get(k->by_hash, (const char *)&keys[i], sizeof keys[i]);
		if (e && x.counted)
			entry_key(&x.key, e->msgctxt, e->msgid);
		scan_one(&x, keys[i], e);
	}
	proj_scan_release(&x);
}

/* ------------------------------------------------------- the gate's cache */

/* The gate's result depends only on the catalogue, the glossary,
 * missive.yaml, the project's language profiles, the missive program and
 * the language of the messages, so
 * "<out>/.missive/gate-<lang>" keeps it: a key of the context (all the
 * above but the catalogue's entries: their header and the names the
 * speller learns from them, see ms_check_names_entry, are in it), the
 * hash of the catalogue file, and each entry's hash with its errors.
 *
 * - The same context and catalogue: the findings are delivered again,
 *   and no check runs.
 * - The same context, another catalogue (a translator saved it): only
 *   the entries whose hash is not in the cache are checked; the others'
 *   errors are delivered from it, at their entries' lines of today.  So
 *   one edited msgstr costs one entry's checks, not the catalogue's.
 * - Otherwise every entry is checked.
 *
 * A checksum covers what follows it.  The file is only an optimisation:
 * unreadable, stale, malformed or edited (an error taken out, the
 * checksum wrong), it is ignored, the checks run and it is rewritten.
 *
 *   missive-gate 3 CONTEXT CATALOGUE SUM
 *   p TAB FINDING     an error of the whole catalogue (its header)
 *   e TAB HASH        an entry checked, with no error or with these:
 *   f TAB FINDING     an error of the entry above
 *
 * FINDING is LINE TAB SEVERITY TAB CHECK TAB TERM TAB VERDICT TAB MSGCTXT
 * TAB MSGID TAB MSGSTR TAB MESSAGE TAB SUPPRESSED TAB REASON, with tab,
 * newline and backslash escaped as \t, \n, \\ and an absent string
 * written \N.  SUM is ms_hash_bytes, seeded with the hash of the head
 * line, of the bytes after it. */

/* H continued with the strings of V (NULL-terminated, or NULL), then a
 * separator. */
static uint64_t
hash_strv(uint64_t h, char *const *v)
{
	for (size_t i = 0; v && v[i]; i++)
		h = hash_opt(h, v[i]);
	return hash_opt(h, "\002");
}

/* What the gate's checks of every entry rest on, besides the entry. */
static uint64_t
gate_context(const ms_project *p, const ms_catalog *po, const char *lang, const char *self)
{
	static const char *const env[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	uint64_t h = MS_HASH_SEED;
	const ms_entry *head = ms_catalog_find(po, NULL, "");
	struct stat sb;
	size_t n = ms_catalog_count(po);
	h = hash_opt(h, PACKAGE_VERSION);
	h = hash_opt(h, lang);
	h = proj_hash_file(h, p->config->glossary);
	h = proj_hash_file(h, p->config->path);
	h = proj_profiles_hash(h, p, NULL);
	if (self && stat(self, &sb) == 0) {
		h = ms_hash_bytes(h, &sb.st_size, sizeof sb.st_size);
		h = ms_hash_bytes(h, &sb.st_mtim, sizeof sb.st_mtim);
	}
	for (size_t i = 0; i < MS_ARRAY_SIZE(env); i++)
		h = hash_opt(h, getenv(env[i]));
	h = hash_opt(h, head ? head->msgstr : NULL);
	for (size_t i = 0; i < n; i++) {
		const ms_entry *e = ms_catalog_entry(po, i);
		if (ms_check_names_entry(e)) {
			h = hash_opt(h, e->msgctxt);
			h = hash_opt(h, e->msgid);
			h = hash_opt(h, e->msgstr);
		}
	}
	return h;
}

/* Everything of E the checks may read, its line aside. */
static uint64_t
entry_hash(const ms_entry *e)
{
	uint64_t h = MS_HASH_SEED;
	h = hash_opt(h, e->msgctxt);
	h = hash_opt(h, e->msgid);
	h = hash_opt(h, e->msgid_plural);
	h = hash_opt(h, e->msgstr);
	h = hash_strv(h, e->msgstr_plural);
	h = hash_opt(h, e->prev_msgctxt);
	h = hash_opt(h, e->prev_msgid);
	h = hash_opt(h, e->comments);
	h = hash_opt(h, e->extracted);
	h = hash_strv(h, e->refs);
	h = hash_opt(h, e->flags);
	return ms_hash_bytes(h, e->fuzzy ? (e->obsolete ? "FO" : "F-") : (e->obsolete ? "-O" : "--"), 2);
}

/* One finding of the gate, as the cache keeps it (KIND: 'p' or 'f'). */
static void
put_finding(ms_buf *b, char kind, const ms_finding *f)
{
	ms_buf_printf(b, "%c\t%u\t%d\t", kind, f->line, (int)f->severity);
	proj_put_field(b, f->check, false);
	proj_put_field(b, f->term, false);
	proj_put_field(b, f->verdict, false);
	proj_put_field(b, f->msgctxt, false);
	proj_put_field(b, f->msgid, false);
	proj_put_field(b, f->msgstr, false);
	proj_put_field(b, f->message, false);
	ms_buf_printf(b, "%d\t", f->suppressed ? 1 : 0);
	proj_put_field(b, f->suppress_reason, true);
}

enum { GATE_FIELDS = 12 };

/* A line of the cache read back: an entry's hash, or a finding. */
typedef struct gate_line {
	char kind;               /* 'p', 'e' or 'f' */
	uint64_t entry;          /* 'e' */
	ms_finding f;            /* 'p', 'f' (strings in the cache's text) */
} gate_line;

/* The cache of LANG as it was left, when intact and for CONTEXT: its
 * text (*DATA, freshly allocated: the strings of *LINES point into it),
 * its lines and the catalogue hash it was made for. */
static bool
gate_load(const char *out_dir, const char *lang, uint64_t context, const char *po_file,
          char **data, gate_line **lines, size_t *nlines, uint64_t *catalogue)
{
	char *path = proj_state_path(out_dir, "gate", lang), *at, *nl;
	char head[64];
	size_t len = 0, hl, cap = 0;
	uint64_t sum = 0;
	bool ok = false;

	*data = NULL;
	*lines = NULL;
	*nlines = 0;
	snprintf(head, sizeof head, "missive-gate 3 %016llx ", (unsigned long long)context);
	hl = strlen(head);
	if (ms_read_file(path, data, &len, NULL) == MS_OK && len >= hl + 34
	    && !strncmp(*data, head, hl) && (nl = strchr(*data + hl, '\n'))
	    && nl == *data + hl + 33 && (*data)[hl + 16] == ' ') {
		(*data)[hl + 16] = (*data)[hl + 33] = '\0';
		ok = proj_parse_hash(*data + hl, catalogue) && proj_parse_hash(*data + hl + 17, &sum)
		     && ms_hash_bytes(ms_hash_bytes(MS_HASH_SEED, *data, hl + 16), nl + 1,
		                      len - (size_t)(nl + 1 - *data)) == sum;
		at = nl + 1;
	}
	while (ok && *at) {
		char *fl[GATE_FIELDS];
		unsigned long long line, sev, sup;
		gate_line g;
		memset(&g, 0, sizeof g);
		g.kind = *at;
		if (g.kind == 'e') {
			ok = proj_get_fields(&at, fl, 2) && proj_parse_hash(fl[1], &g.entry);
		} else {
			ok = (g.kind == 'p' || g.kind == 'f') && proj_get_fields(&at, fl, GATE_FIELDS)
			     && proj_parse_uint(fl[1], 0xffffffffULL, &line)
			     && proj_parse_uint(fl[2], MS_ERROR, &sev) && fl[3] && fl[9]
			     && proj_parse_uint(fl[10], 1, &sup) && (g.kind == 'p' || *nlines);
			if (ok) {
				g.f.file = po_file;
				g.f.lang = lang;
				g.f.line = (unsigned)line;
				g.f.severity = (ms_severity)sev;
				g.f.check = fl[3];
				g.f.term = fl[4];
				g.f.verdict = fl[5];
				g.f.msgctxt = fl[6];
				g.f.msgid = fl[7] ? fl[7] : "";
				g.f.msgstr = fl[8] ? fl[8] : "";
				g.f.message = fl[9];
				g.f.suppressed = sup != 0;
				g.f.suppress_reason = fl[11];
			}
		}
		if (!ok)
			break;
		if (*nlines == cap) {
			cap = cap ? 2 * cap : 256;
			*lines = ms_xrealloc(*lines, cap * sizeof **lines);
		}
		(*lines)[(*nlines)++] = g;
	}
	free(path);
	if (!ok) {
		free(*data);
		free(*lines);
		*data = NULL;
		*lines = NULL;
		*nlines = 0;
	}
	return ok;
}

static void
gate_store(const char *out_dir, const char *lang, uint64_t context, uint64_t catalogue,
           const ms_buf *lines)
{
	char *path = proj_state_path(out_dir, "gate", lang);
	ms_buf b = MS_BUF_INIT;
	size_t hl;
	ms_buf_printf(&b, "missive-gate 3 %016llx %016llx", (unsigned long long)context,
	              (unsigned long long)catalogue);
	hl = b.len;
	ms_buf_printf(&b, " %016llx\n", (unsigned long long)ms_hash_bytes(
	        ms_hash_bytes(MS_HASH_SEED, b.ptr, hl), lines->ptr ? lines->ptr : "", lines->len));
	if (lines->len)
		ms_buf_put(&b, lines->ptr, lines->len);
	proj_state_write(path, &b);
	ms_buf_release(&b);
	free(path);
}

/* ------------------------------------------------------------- the gate */

typedef struct gate_rec {
	proj_out *out;
	proj_errors *errors;
	ms_buf lines;            /* the new cache */
	char kind;               /* of the findings coming: 'p' before the
	                          * first entry, then 'f' */
	ms_htab *old;            /* entry hash (as 16 hex digits) → its first
	                          * line in OLD_LINES + 1; NULL: check them all */
	const gate_line *old_lines;
	size_t nold;
} gate_rec;

/* The gate acts on errors only, and remembers them. */
static void
record_gate_finding(const ms_finding *f, void *data)
{
	gate_rec *r = data;
	if (f->severity != MS_ERROR || f->suppressed)
		return;
	proj_out_finding(r->out, f);
	proj_errors_add(r->errors, f->msgctxt, f->msgid);
	put_finding(&r->lines, r->kind, f);
}

/* Before the checks of entry E: its errors from the old cache when it is
 * there (and false: it is not checked again), or true. */
static bool
gate_want(const ms_entry *e, void *data)
{
	gate_rec *r = data;
	uint64_t h = entry_hash(e);
	char hex[17];
	uintptr_t at;
	snprintf(hex, sizeof hex, "%016llx", (unsigned long long)h);
	r->kind = 'f';
	ms_buf_printf(&r->lines, "e\t%s\n", hex);
	at = r->old ? (uintptr_t)ms_htab_get(r->old, hex, 16) : 0;
	if (!at)
		return true;
	for (size_t i = at; i < r->nold && r->old_lines[i].kind == 'f'; i++) {
		ms_finding f = r->old_lines[i].f;
		f.line = e->line;
		record_gate_finding(&f, r);
	}
	return false;
}

void
proj_gate(const ms_project *p, const char *out_dir, const char *lang,
          const ms_catalog *po, const char *po_file, uint64_t catalogue,
          ms_checker *checker, const char *self, proj_out *out, proj_errors *errors)
{
	uint64_t context = gate_context(p, po, lang, self), was = 0;
	char *data = NULL;
	gate_line *lines = NULL;
	size_t n = 0;
	gate_rec r = { out, errors, MS_BUF_INIT, 'p', NULL, NULL, 0 };
	char (*keys)[17] = NULL;

	if (gate_load(out_dir, lang, context, po_file, &data, &lines, &n, &was)
	    && was == catalogue) {
		for (size_t i = 0; i < n; i++)
			if (lines[i].kind != 'e') {
				proj_out_finding(out, &lines[i].f);
				proj_errors_add(errors, lines[i].f.msgctxt, lines[i].f.msgid);
			}
		goto done;
	}
	if (n) {
		/* the same context: the entries the cache holds keep their
		 * errors */
		r.old = ms_htab_new(n);
		r.old_lines = lines;
		r.nold = n;
		keys = ms_xcalloc(n, sizeof *keys);
		for (size_t i = 0; i < n; i++)
			if (lines[i].kind == 'e') {
				snprintf(keys[i], sizeof keys[i], "%016llx",
				         (unsigned long long)lines[i].entry);
				ms_htab_put(r.old, keys[i], 16, (void *)(uintptr_t)(i + 1));
			}
	}
	ms_checker_run_some(checker, po, po_file, lang, gate_want, &r, record_gate_finding,
	                    &r, NULL, NULL);
	gate_store(out_dir, lang, context, catalogue, &r.lines);
done:
	ms_buf_release(&r.lines);
	ms_htab_free(r.old);
	free(keys);
	free(lines);
	free(data);
}

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

typedef struct scan_ctx {
	const ms_catalog *po;
	const proj_errors *errs;
	proj_letter_facts *f;
	ms_buf key;
	bool *counted;          /* per error slot: already counted for this letter */
} scan_ctx;

static uint64_t
hash_opt(uint64_t h, const char *s)
{
	return s ? ms_hash_bytes(h, s, strlen(s) + 1) : ms_hash_bytes(h, "\001", 1);
}

static ms_status
scan_unit(const ms_unit *u, ms_inline **replacement, char **label, void *data)
{
	scan_ctx *x = data;
	const ms_entry *e = x->po ? ms_catalog_find(x->po, u->msgctxt, u->msgid) : NULL;
	uint64_t h = x->f->entries;
	(void)replacement;
	(void)label;
	x->f->units++;
	entry_key(&x->key, u->msgctxt, u->msgid);
	h = ms_hash_bytes(h, x->key.ptr, x->key.len + 1);
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
	if (x->errs && x->errs->n) {
		uintptr_t slot = (uintptr_t)ms_htab_get(x->errs->index, x->key.ptr, x->key.len);
		if (slot && !x->counted[slot - 1]) {
			x->counted[slot - 1] = true;
			x->f->errors += x->errs->count[slot - 1];
		}
	}
	return MS_OK;
}

void
proj_letter_scan(ms_letter *src, ms_segmenter *seg, const ms_catalog *po,
                 const proj_errors *errs, proj_letter_facts *f)
{
	scan_ctx x = { po, errs, f, MS_BUF_INIT, NULL };
	memset(f, 0, sizeof *f);
	f->entries = MS_HASH_SEED;
	if (errs && errs->n)
		x.counted = ms_xcalloc(errs->n, sizeof *x.counted);
	/* what cannot be walked is reported when the letter is localised */
	(void)ms_units_walk(src, seg, scan_unit, &x, NULL);
	free(x.counted);
	ms_buf_release(&x.key);
}

/* ------------------------------------------------------- the gate's cache */

/* The gate's result depends only on the catalogue, the glossary,
 * missive.yaml, the missive program and the language of the messages, so
 * "<out>/.missive/gate-<lang>" keeps a key of those (a hash of their
 * bytes) with the error count and the errors, and a checksum of what
 * follows it.  When the key matches and the checksum is right, the gate
 * delivers the same findings and skips the checks.  The file is only an
 * optimisation: unreadable, stale, malformed or edited (an error taken
 * out, the count set to 0), it is ignored, the checks run and it is
 * rewritten.
 *
 *   missive-gate 2 KEY SUM ERRORS
 *
 * SUM is ms_hash_bytes, seeded with ms_hash_str(MS_HASH_SEED, KEY), of
 * the bytes from ERRORS to the end of the file; then
 *
 *   LINE TAB SEVERITY TAB CHECK TAB TERM TAB VERDICT TAB MSGCTXT TAB MSGID
 *        TAB MSGSTR TAB MESSAGE TAB SUPPRESSED TAB REASON      (one per error)
 *
 * with tab, newline and backslash escaped as \t, \n, \\ and an absent
 * string written \N. */

static char *
gate_key(const ms_project *p, uint64_t catalogue, const char *lang, const char *self)
{
	static const char *const env[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	uint64_t h = MS_HASH_SEED;
	struct stat sb;
	char *k;
	h = ms_hash_bytes(h, PACKAGE_VERSION, strlen(PACKAGE_VERSION) + 1);
	h = ms_hash_bytes(h, lang, strlen(lang) + 1);
	h = ms_hash_bytes(h, &catalogue, sizeof catalogue);
	h = proj_hash_file(h, p->config->glossary);
	h = proj_hash_file(h, p->config->path);
	if (self && stat(self, &sb) == 0) {
		h = ms_hash_bytes(h, &sb.st_size, sizeof sb.st_size);
		h = ms_hash_bytes(h, &sb.st_mtim, sizeof sb.st_mtim);
	}
	for (size_t i = 0; i < MS_ARRAY_SIZE(env); i++) {
		const char *v = getenv(env[i]);
		h = ms_hash_bytes(h, v ? v : "", v ? strlen(v) + 1 : 1);
	}
	k = ms_xmalloc(17);
	snprintf(k, 17, "%016llx", (unsigned long long)h);
	return k;
}

/* One finding of the gate, as the cache keeps it. */
static void
put_finding(ms_buf *b, const ms_finding *f)
{
	ms_buf_printf(b, "%u\t%d\t", f->line, (int)f->severity);
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

enum { GATE_FIELDS = 11 };

/* The checksum of a cache's content REST (from the error count on),
 * under KEY. */
static uint64_t
gate_sum(const char *key, const char *rest, size_t len)
{
	return ms_hash_bytes(ms_hash_str(MS_HASH_SEED, key), rest, len);
}

/* The 16 hex digits at S (not NUL-terminated). */
static bool
sum_at(const char *s, uint64_t *v)
{
	char hex[17];
	memcpy(hex, s, 16);
	hex[16] = '\0';
	return proj_parse_hash(hex, v);
}

/* When the cache for LANG holds KEY: deliver its findings (as from
 * PO_FILE) to OUT, set *ERRS and return true. */
static bool
gate_cached(const char *out_dir, const char *lang, const char *key,
            const char *po_file, proj_out *out, proj_errors *errs)
{
	char *path = proj_state_path(out_dir, "gate", lang), *data = NULL;
	char head[64];
	size_t len = 0, hl, nf = 0, cap = 0;
	unsigned long long n = 0;
	uint64_t sum = 0;
	int used = 0;
	bool hit = false;
	ms_finding *fs = NULL;

	snprintf(head, sizeof head, "missive-gate 2 %s ", key);
	hl = strlen(head);
	if (ms_read_file(path, &data, &len, NULL) == MS_OK && len > hl + 17
	    && !strncmp(data, head, hl) && sum_at(data + hl, &sum)
	    && data[hl + 16] == ' '
	    && gate_sum(key, data + hl + 17, len - hl - 17) == sum
	    && sscanf(data + hl + 17, "%llu%n", &n, &used) == 1
	    && data[hl + 17 + used] == '\n') {
		char *at = data + hl + 17 + used + 1;
		hit = true;
		while (hit && *at) {
			char *fl[GATE_FIELDS];
			unsigned long long line, sev, sup;
			ms_finding f;
			if (!proj_get_fields(&at, fl, GATE_FIELDS) || !proj_parse_uint(fl[0], 0xffffffffULL, &line)
			    || !proj_parse_uint(fl[1], MS_ERROR, &sev) || !fl[2] || !fl[8]
			    || !proj_parse_uint(fl[9], 1, &sup)) {
				hit = false;
				break;
			}
			memset(&f, 0, sizeof f);
			f.file = po_file;
			f.lang = lang;
			f.line = (unsigned)line;
			f.severity = (ms_severity)sev;
			f.check = fl[2];
			f.term = fl[3];
			f.verdict = fl[4];
			f.msgctxt = fl[5];
			f.msgid = fl[6] ? fl[6] : "";
			f.msgstr = fl[7] ? fl[7] : "";
			f.message = fl[8];
			f.suppressed = sup != 0;
			f.suppress_reason = fl[10];
			if (nf == cap) {
				cap = cap ? 2 * cap : 16;
				fs = ms_xrealloc(fs, cap * sizeof *fs);
			}
			fs[nf++] = f;
		}
	}
	if (hit && n != nf)
		hit = false;      /* the count and the findings disagree */
	if (hit) {
		for (size_t i = 0; i < nf; i++) {
			proj_out_finding(out, &fs[i]);
			proj_errors_add(errs, fs[i].msgctxt, fs[i].msgid);
		}
	}
	free(fs);
	free(data);
	free(path);
	return hit;
}

static void
gate_store(const char *out_dir, const char *lang, const char *key, size_t errs,
           const ms_buf *lines)
{
	char *path = proj_state_path(out_dir, "gate", lang);
	ms_buf b = MS_BUF_INIT;
	ms_buf rest = MS_BUF_INIT;
	ms_buf_printf(&rest, "%zu\n", errs);
	if (lines->len)
		ms_buf_put(&rest, lines->ptr, lines->len);
	ms_buf_printf(&b, "missive-gate 2 %s %016llx ", key,
	              (unsigned long long)gate_sum(key, rest.ptr, rest.len));
	ms_buf_put(&b, rest.ptr, rest.len);
	ms_buf_release(&rest);
	proj_state_write(path, &b);
	ms_buf_release(&b);
	free(path);
}

/* ------------------------------------------------------------- the gate */

typedef struct gate_rec {
	proj_out *out;
	proj_errors *errors;
	ms_buf lines;
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
	put_finding(&r->lines, f);
}

void
proj_gate(const ms_project *p, const char *out_dir, const char *lang,
          const ms_catalog *po, const char *po_file, uint64_t catalogue,
          ms_checker *checker, const char *self, proj_out *out, proj_errors *errors)
{
	char *key = gate_key(p, catalogue, lang, self);
	if (!gate_cached(out_dir, lang, key, po_file, out, errors)) {
		gate_rec r = { out, errors, MS_BUF_INIT };
		size_t n = 0;
		ms_checker_run(checker, po, po_file, lang, record_gate_finding, &r, &n, NULL);
		gate_store(out_dir, lang, key, n, &r.lines);
		ms_buf_release(&r.lines);
	}
	free(key);
}

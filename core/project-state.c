/* project-state.c — whether a letter is published: the one decision that
 * build, report and stats ask, and the publication gate (every check
 * configured as an error, run over a language's catalogue) with its
 * cache in "<out>/.missive/gate-<lang>". */
#include "project-impl.h"
#include "hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* --------------------------------------------------------------- decision */

ms_publish_state
ms_publish_decide(const ms_publish_facts *f)
{
	if (!f->have_catalogue || !f->readable || !f->localised)
		return MS_PUBLISH_BLOCKED;
	if (f->check_errors && !f->draft)
		return MS_PUBLISH_BLOCKED;
	if (f->missing && !f->draft && !f->draft_untranslated)
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

/* ------------------------------------------------------- the gate's cache */

/* The gate's result depends only on the catalogue, the glossary,
 * missive.yaml, the missive program and the language of the messages, so
 * "<out>/.missive/gate-<lang>" keeps a key of those (a hash of their
 * bytes) with the error count and the errors.  When the key matches, the
 * gate delivers the same findings and skips the checks.  The file is only
 * an optimisation: unreadable, stale or malformed, it is ignored and
 * rewritten.
 *
 *   missive-gate 1 KEY ERRORS
 *   LINE TAB SEVERITY TAB CHECK TAB TERM TAB VERDICT TAB MSGCTXT TAB MSGID
 *        TAB MSGSTR TAB MESSAGE TAB SUPPRESSED TAB REASON      (one per error)
 *
 * with tab, newline and backslash escaped as \t, \n, \\ and an absent
 * string written \N. */

/* Mix the bytes of PATH (or a marker when it cannot be read) into H. */
static uint64_t
hash_file(uint64_t h, const char *path)
{
	char *data = NULL;
	size_t len = 0;
	if (!path || ms_read_file(path, &data, &len, NULL) != MS_OK)
		return ms_hash_str(h, "\001missing");
	h = ms_hash_bytes(h, &len, sizeof len);
	h = ms_hash_bytes(h, data, len);
	free(data);
	return h;
}

static char *
gate_key(const ms_project *p, const char *po_file, const char *lang, const char *self)
{
	static const char *const env[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	uint64_t h = MS_HASH_SEED;
	struct stat sb;
	char *k;
	h = ms_hash_bytes(h, PACKAGE_VERSION, strlen(PACKAGE_VERSION) + 1);
	h = ms_hash_bytes(h, lang, strlen(lang) + 1);
	h = hash_file(h, po_file);
	h = hash_file(h, p->config->glossary);
	h = hash_file(h, p->config->path);
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

static char *
gate_path(const char *out_dir, const char *lang)
{
	ms_buf b = MS_BUF_INIT;
	ms_buf_printf(&b, "%s/.missive/gate-%s", out_dir, lang);
	return ms_buf_detach(&b, NULL);
}

static void
put_field(ms_buf *b, const char *s, bool last)
{
	if (!s) {
		ms_buf_puts(b, "\\N");
	} else {
		for (; *s; s++) {
			switch (*s) {
			case '\\': ms_buf_puts(b, "\\\\"); break;
			case '\t': ms_buf_puts(b, "\\t"); break;
			case '\n': ms_buf_puts(b, "\\n"); break;
			default: ms_buf_putc(b, *s);
			}
		}
	}
	ms_buf_putc(b, last ? '\n' : '\t');
}

/* One finding of the gate, as the cache keeps it. */
static void
put_finding(ms_buf *b, const ms_finding *f)
{
	ms_buf_printf(b, "%u\t%d\t", f->line, (int)f->severity);
	put_field(b, f->check, false);
	put_field(b, f->term, false);
	put_field(b, f->verdict, false);
	put_field(b, f->msgctxt, false);
	put_field(b, f->msgid, false);
	put_field(b, f->msgstr, false);
	put_field(b, f->message, false);
	ms_buf_printf(b, "%d\t", f->suppressed ? 1 : 0);
	put_field(b, f->suppress_reason, true);
}

enum { GATE_FIELDS = 11 };

/* Split the line at *AT (ending in '\n') into GATE_FIELDS fields,
 * unescaped in place; NULL for \N.  False when malformed. */
static bool
get_fields(char **at, char *field[GATE_FIELDS])
{
	char *s = *at, *w = s;
	size_t k = 0;
	field[0] = w;
	for (;; s++) {
		if (*s == '\0')
			return false;
		if (*s == '\t' || *s == '\n') {
			bool end = *s == '\n';
			*w++ = '\0';
			if (++k == GATE_FIELDS) {
				if (!end)
					return false;
				*at = s + 1;
				return true;
			}
			if (end)
				return false;
			field[k] = w;
			continue;
		}
		if (*s == '\\') {
			s++;
			if (*s == 'N' && w == field[k] && (s[1] == '\t' || s[1] == '\n')) {
				field[k] = NULL;
				continue;
			}
			if (*s == 't')
				*w++ = '\t';
			else if (*s == 'n')
				*w++ = '\n';
			else if (*s == '\\')
				*w++ = '\\';
			else
				return false;
			continue;
		}
		*w++ = *s;
	}
}

static bool
parse_uint(const char *s, unsigned long long max, unsigned long long *v)
{
	char *end;
	if (!s || !*s || *s < '0' || *s > '9')
		return false;
	*v = strtoull(s, &end, 10);
	return *end == '\0' && *v <= max;
}

/* When the cache for LANG holds KEY: deliver its findings (as from
 * PO_FILE) to OUT, set *ERRS and return true. */
static bool
gate_cached(const char *out_dir, const char *lang, const char *key,
            const char *po_file, proj_out *out, size_t *errs)
{
	char *path = gate_path(out_dir, lang), *data = NULL;
	char head[64];
	size_t len = 0, hl, nf = 0, cap = 0;
	unsigned long long n = 0;
	int used = 0;
	bool hit = false;
	ms_finding *fs = NULL;

	snprintf(head, sizeof head, "missive-gate 1 %s ", key);
	hl = strlen(head);
	if (ms_read_file(path, &data, &len, NULL) == MS_OK && len > hl
	    && !strncmp(data, head, hl)
	    && sscanf(data + hl, "%llu%n", &n, &used) == 1 && data[hl + used] == '\n') {
		char *at = data + hl + used + 1;
		hit = true;
		while (hit && *at) {
			char *fl[GATE_FIELDS];
			unsigned long long line, sev, sup;
			ms_finding f;
			if (!get_fields(&at, fl) || !parse_uint(fl[0], 0xffffffffULL, &line)
			    || !parse_uint(fl[1], MS_ERROR, &sev) || !fl[2] || !fl[8]
			    || !parse_uint(fl[9], 1, &sup)) {
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
	if (hit) {
		*errs = (size_t)n;
		for (size_t i = 0; i < nf; i++)
			proj_out_finding(out, &fs[i]);
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
	char *path = gate_path(out_dir, lang);
	char *dir = ms_xstrndup(path, (size_t)(strrchr(path, '/') - path));
	ms_buf b = MS_BUF_INIT;
	ms_buf_printf(&b, "missive-gate 1 %s %zu\n", key, errs);
	if (lines->len)
		ms_buf_put(&b, lines->ptr, lines->len);
	/* Best effort: a build that cannot keep its cache still builds. */
	if (ms_mkdirs(dir, NULL) == MS_OK)
		(void)ms_atomic_write_flags(path, b.ptr, b.len, MS_WRITE_NO_SYNC, NULL);
	ms_buf_release(&b);
	free(dir);
	free(path);
}

/* ------------------------------------------------------------- the gate */

typedef struct gate_rec {
	proj_out *out;
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
	put_finding(&r->lines, f);
}

void
proj_gate(const ms_project *p, const char *out_dir, const char *lang,
          const ms_catalog *po, const char *po_file, ms_checker *checker,
          const char *self, proj_out *out, size_t *errors)
{
	char *key = gate_key(p, po_file, lang, self);
	*errors = 0;
	if (!gate_cached(out_dir, lang, key, po_file, out, errors)) {
		gate_rec r = { out, MS_BUF_INIT };
		ms_checker_run(checker, po, po_file, lang, record_gate_finding, &r, errors, NULL);
		gate_store(out_dir, lang, key, *errors, &r.lines);
		ms_buf_release(&r.lines);
	}
	free(key);
}

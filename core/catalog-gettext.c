/* catalog-gettext.c — PO files in and out: ms_catalog_read and
 * ms_catalog_write.
 *
 * UTF-8 files take the fast paths of po-read.c and po-write.c; whatever
 * they decline (and everything when MISSIVE_PO_IO=libgettextpo) goes
 * through libgettextpo, which stays the reference.
 *
 * Reading through libgettextpo (po_file_read): two things its API does
 * not tell are recovered by a cheap line scan of the same bytes
 * (scan_text below): the line of each entry's "msgid" keyword, and the
 * flags as written (the API cannot tell "no-c-format" from no flag at
 * all, and has no call for no-wrap).  The scan finds the "msgid" keywords
 * in file order, active and obsolete ("#~ msgid") alike, which is the
 * order in which libgettextpo lists the messages; when the counts
 * disagree (never seen after a clean parse) the scan is ignored: lines
 * stay 0 and the flags come from the API.
 *
 * Writing through libgettextpo (po_file_write) gives gettext's own
 * layout: the same escapes, and the same line breaking at 79 columns
 * (Unicode line breaking with East Asian widths, which matters for
 * Korean).  Flags that the API cannot set (no-wrap, the *-check flags,
 * flags unknown to gettext) are spliced into the output afterwards; an
 * entry marked no-wrap has its strings re-rendered unwrapped
 * (cat_render_nowrap_entry, po-write.c), as gettext would.
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

bool
cat_fast_enabled(void)
{
	const char *v = getenv("MISSIVE_PO_IO");
	return !(v && strcmp(v, "libgettextpo") == 0);
}

/* ----------------------------------------------------------------- flags */

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
		d->msgctxt = cat_strdup_null(po_message_msgctxt(message2));
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
	e->pub.prev_msgctxt = cat_strdup_null(po_message_prev_msgctxt(m));
	e->pub.prev_msgid = cat_strdup_null(po_message_prev_msgid(m));
	e->prev_msgid_plural = cat_strdup_null(po_message_prev_msgid_plural(m));
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
			    && cat_str_eq_null(x->dups[d].msgctxt, po_message_msgctxt(m)))
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
	size_t len = 0;
	ms_status st;

	/* without a path or a place for the result, ms_catalog_read_mem
	 * reports it */
	if (path && out && (st = ms_read_file(path, &data, &len, h)) != MS_OK) {
		*out = NULL;
		return st;
	}
	st = ms_catalog_read_mem(path, data, len, out, h);
	free(data);
	return st;
}

ms_status
ms_catalog_read_mem(const char *path, const char *data, size_t len, ms_catalog **out,
                    ms_diag_handler *h)
{
	size_t bad;
	unsigned line, col;
	ms_status st;
	scan sc;
	po_ctx *ctx;
	po_file_t pf;
	char *name;
	int fd;

	if (out)
		*out = NULL;
	if (!path || !out || !data) {
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("no file or no place for the result"));
		return MS_ERR_USAGE;
	}
	if (!ms_utf8_validate(data, len, &bad, &line, &col)) {
		ms_diag_emit(h, MS_ERROR, NULL, path, line, col,
		             data[bad] ? _("invalid UTF-8 (PO files must be UTF-8)")
		                       : _("NUL byte in a PO file"));
		return MS_ERR_ENCODING;
	}
	if (cat_fast_enabled() && cat_read_fast(data, len, out))
		return MS_OK;
	scan_text(data, len, &sc);
	name = parse_name(path, data, len, &fd);

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
	return ms_catalog_write_replace(c, path, NULL, changed, h);
}

ms_status
ms_catalog_write_replace(const ms_catalog *c, const char *path,
                         const ms_file_id *expect, bool *changed,
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
	st = ms_atomic_replace(path, out.ptr, out.len, 0, expect, h);
	ms_buf_release(&out);
	if (st == MS_OK && changed)
		*changed = true;
	return st;
}

/* test-po-read.c — the fast PO reader (core/po-read.c) against
 * libgettextpo: every PO/POT file of the source tree and a few hundred
 * generated ones are read both ways (MISSIVE_PO_IO unset, and
 * MISSIVE_PO_IO=libgettextpo) and must give the same status, the same
 * diagnostics and the same model, field by field; both models are then
 * written through libgettextpo and must give the same bytes (which
 * covers what the public API does not show, such as "#| msgid_plural").
 * MISSIVE_PO_IO_TRACE=1 tells which path read a file; the test checks
 * that plain files really take the fast one. */
#include <config.h>

#include "catalog.h"
#include "po-same.h"
#include "tap.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[4096];

/* NAME in the temporary folder, into BUF. */
static char *
tmp_path_in(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", tmpdir, name);
	return buf;
}
#define TMP_PATH(buf, name) tmp_path_in(buf, sizeof buf, name)

static void
write_text(const char *path, const char *s, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(s, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(99);
	}
}

static char *
slurp(const char *path, size_t *len)
{
	char *data = NULL;
	if (ms_read_file(path, &data, len, NULL) != MS_OK)
		return NULL;
	return data;
}

/* ------------------------------------------------------------- one read */

typedef struct result {
	ms_status st;
	ms_buf diags;       /* "severity file:line:col: message" lines */
	ms_catalog *c;
	char *trace;        /* what the fast reader said (fast read only) */
} result;

static void
on_diag(const ms_diag *d, void *data)
{
	ms_buf *b = data;
	ms_buf_printf(b, "%d %s:%u:%u: %s\n", (int)d->severity,
	              d->file ? d->file : "-", d->line, d->column, d->message);
}

/* libgettextpo 0.21 keeps its count of plural forms from one parse to
 * the next (it is reset by msgid_plural only), so the diagnostics of a
 * broken file depend on what was read before.  Reading this first puts
 * it in the same state before every read compared. */
static void
gettextpo_reset(void)
{
	static const char text[] =
		"msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[0] \"\"\n";
	char path[8192];
	ms_catalog *c = NULL;
	TMP_PATH(path, "reset.po");
	write_text(path, text, sizeof text - 1);
	setenv("MISSIVE_PO_IO", "libgettextpo", 1);
	ms_catalog_read(path, &c, NULL);
	ms_catalog_free(c);
}

static void
read_one(const char *path, bool fast, result *r)
{
	ms_diag_handler h = { on_diag, &r->diags, 0, 0 };
	int saved = -1;
	char tpath[8192];
	TMP_PATH(tpath, "trace.txt");

	memset(r, 0, sizeof *r);
	ms_buf_init(&r->diags, 0);
	gettextpo_reset();
	if (fast) {
		unsetenv("MISSIVE_PO_IO");
		setenv("MISSIVE_PO_IO_TRACE", "1", 1);
		fflush(stderr);
		saved = dup(2);
		int fd = open(tpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (saved < 0 || fd < 0 || dup2(fd, 2) < 0) {
			perror(tpath);
			exit(99);
		}
		close(fd);
	} else {
		setenv("MISSIVE_PO_IO", "libgettextpo", 1);
		unsetenv("MISSIVE_PO_IO_TRACE");
	}
	r->st = ms_catalog_read(path, &r->c, &h);
	if (fast) {
		size_t n;
		fflush(stderr);
		dup2(saved, 2);
		close(saved);
		unsetenv("MISSIVE_PO_IO_TRACE");
		r->trace = slurp(tpath, &n);
	}
}

static void
result_release(result *r)
{
	ms_buf_release(&r->diags);
	ms_catalog_free(r->c);
	free(r->trace);
}

static bool
took_fast(const result *r)
{
	return r->trace && strcmp(r->trace, "po-read: fast\n") == 0;
}

/* ------------------------------------------------------------ comparing */

/* C written through libgettextpo: the status, then the diagnostics and
 * the bytes written; freshly allocated. */
static char *
written(const ms_catalog *c, size_t *len)
{
	char path[8192];
	bool changed;
	ms_buf b = MS_BUF_INIT;
	ms_diag_handler h = { on_diag, &b, 0, 0 };
	TMP_PATH(path, "written.po");
	unlink(path);
	setenv("MISSIVE_PO_IO", "libgettextpo", 1);
	ms_status st = ms_catalog_write(c, path, &changed, &h);
	ms_buf_printf(&b, "status %d\n", (int)st);
	if (st == MS_OK) {
		size_t n;
		char *data = slurp(path, &n);
		if (data)
			ms_buf_put(&b, data, n);
		free(data);
	}
	return ms_buf_detach(&b, len);
}

/* Compare the two reads of NAME: the same status, diagnostics, model and
 * written bytes.  Returns whether the fast path read the file. */
static bool
compare(const char *path, const char *name)
{
	result f, s;
	char why[256] = "";
	read_one(path, true, &f);
	read_one(path, false, &s);

	if (f.st != s.st) {
		snprintf(why, sizeof why, "status %d, want %d", (int)f.st, (int)s.st);
	} else if (!po_str_same(f.diags.ptr, s.diags.ptr)) {
		snprintf(why, sizeof why, "diagnostics differ");
	} else if (!f.c != !s.c) {
		snprintf(why, sizeof why, "one read gave no catalogue");
	} else if (f.c) {
		po_catalog_diff(f.c, s.c, why, sizeof why);
		if (!why[0]) {
			size_t la = 0, lb = 0;
			char *wa = written(f.c, &la), *wb = written(s.c, &lb);
			if (!wa || !wb || la != lb || memcmp(wa, wb, la) != 0)
				snprintf(why, sizeof why, "written files differ");
			free(wa);
			free(wb);
		}
	}
	OK(!why[0], "%s: the same read both ways", name);
	if (why[0]) {
		printf("#   %s\n", why);
		printf("#   fast path: %s", f.trace ? f.trace : "(no trace)\n");
	}
	bool fast = took_fast(&f);
	result_release(&f);
	result_release(&s);
	return fast;
}

/* ------------------------------------------------------ the source tree */

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
is_po_name(const char *n)
{
	size_t l = strlen(n);
	return (l > 3 && strcmp(n + l - 3, ".po") == 0)
	       || (l > 4 && strcmp(n + l - 4, ".pot") == 0);
}

/* Compare every PO/POT file of DIR; the number compared. */
static size_t
compare_dir(const char *dir, size_t *nfast)
{
	char path[8192];
	char **names = NULL;
	size_t n = 0;
	snprintf(path, sizeof path, "%s/%s", TOP_SRCDIR, dir);
	DIR *d = opendir(path);
	if (!d)
		return 0;
	for (struct dirent *de; (de = readdir(d));)
		if (is_po_name(de->d_name)) {
			names = realloc(names, (n + 1) * sizeof *names);
			names[n++] = strdup(de->d_name);
		}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n; i++) {
		char name[4096];
		snprintf(name, sizeof name, "%s/%s", dir, names[i]);
		snprintf(path, sizeof path, "%s/%s", TOP_SRCDIR, name);
		if (compare(path, name))
			++*nfast;
		free(names[i]);
	}
	free(names);
	return n;
}

static void
test_tree(void)
{
	static const char *const dirs[] = {
		"po", "po/cli", "tests/data/po", "tests/data/check", "tests/bad/po",
		"fuzz/regress/po",
	};
	size_t n = 0, nfast = 0;
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
		n += compare_dir(dirs[i], &nfast);
	OK(n >= 10, "PO files of the source tree compared (%zu)", n);
	OK(nfast * 2 >= n, "most of them took the fast path (%zu of %zu)", nfast, n);
}

/* ------------------------------------------------------------ handmade */

static const char hdr[] =
	"msgid \"\"\nmsgstr \"\"\n"
	"\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n";

/* TEXT (after the usual header when WITH_HEADER) read both ways; FAST
 * says whether the fast path must take it. */
static void
handmade(const char *what, bool with_header, const char *text, bool fast)
{
	ms_buf b = MS_BUF_INIT;
	char path[8192];
	TMP_PATH(path, "hand.po");
	if (with_header)
		ms_buf_puts(&b, hdr);
	ms_buf_puts(&b, text);
	write_text(path, b.ptr, b.len);
	ms_buf_release(&b);
	bool took = compare(path, what);
	OK(took == fast, "%s: %s", what, fast ? "fast path" : "declined");
}

static void
test_handmade(void)
{
	handmade("plain entry", true, "msgid \"a\"\nmsgstr \"b\"\n", true);
	handmade("no header, Korean", false,
	         "msgid \"편지\"\nmsgstr \"서한\"\n", true);
	handmade("empty file", false, "", true);
	handmade("comments only", false, "# a\n#, fuzzy\n", true);
	handmade("comment lines, empty ones too", true,
	         "#\n#  two spaces\n#\n#.\n#. x\n#.\n# \n"
	         "msgid \"a\"\nmsgstr \"\"\n", true);
	handmade("each #, line sets fuzzy afresh", true,
	         "#, fuzzy\n#, c-format\nmsgid \"a\"\nmsgstr \"b\"\n\n"
	         "#, c-format\n#, fuzzy, no-wrap\nmsgid \"b\"\nmsgstr \"b\"\n\n"
	         "#, range:\n#, fuzzy\nmsgid \"c\"\nmsgstr \"b\"\n\n"
	         "#, range: fuzzy\nmsgid \"d\"\nmsgstr \"b\"\n\n"
	         "#! fuzzy\nmsgid \"e\"\nmsgstr \"b\"\n", true);
	handmade("references", true,
	         "#: a.c:007 a.c:7 b.c a.c:7\tb.c x:y:3 n5 c.md:0\n"
	         "#: b.c a.c:8\nmsgid \"a\"\nmsgstr \"\"\n", true);
	handmade("previous, context, plurals", true,
	         "#| msgctxt \"o\"\n#| msgid \"old\"\n#| msgid_plural \"olds\"\n"
	         "msgctxt \"\"\nmsgid \"a\"\nmsgid_plural \"as\"\n"
	         "msgstr[0] \"x\"\nmsgstr [ 1 ] \"y\"\n", true);
	handmade("obsolete entries", true,
	         "#~| msgid \"p\"\n#~ msgid \"o\"\n#~ msgid_plural \"q\"\n"
	         "#~ msgstr[0] \"s\"\n#~\n#~msgstr[1] \"t\"\n\n"
	         "# kept\n#~ msgctxt \"c\"\n#~ msgid \"\"\n#~ msgstr \"x\"\n", true);
	handmade("continuation lines and blank lines", true,
	         "msgid\n\"a\" \"b\"\n\t\"c\"\n\nmsgstr  \"\"\n  \"d\"\n", true);
	handmade("escapes", true,
	         "msgid \"\\a\\b\\f\\v\\r\\t\\n\\\"\\\\ \\101\\60\\0600 \\x41\\x4ag\"\n"
	         "msgstr \"\"\n", true);
	handmade("header charset in lower case", false,
	         "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=utf-8\\n\"\n",
	         true);

	handmade("CR LF line ends", true, "msgid \"a\"\r\nmsgstr \"b\"\r\n", false);
	handmade("header without charset", false,
	         "msgid \"\"\nmsgstr \"Language: ko\\n\"\n\nmsgid \"a\"\nmsgstr \"\"\n",
	         false);
	handmade("charset CHARSET", false,
	         "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=CHARSET\\n\"\n",
	         false);
	handmade("domain directive", true, "domain \"x\"\nmsgid \"a\"\nmsgstr \"\"\n",
	         false);
	handmade("duplicate", true,
	         "msgid \"a\"\nmsgstr \"\"\n\n#~ msgid \"a\"\n#~ msgstr \"\"\n", false);
	handmade("hex escape read on", true, "msgid \"\\x414\"\nmsgstr \"\"\n", false);
	handmade("NUL escape", true, "msgid \"a\\0\"\nmsgstr \"\"\n", false);
	handmade("backslash newline", true, "msgid \"a\\\nb\"\nmsgstr \"\"\n", false);
	handmade("plural forms out of order", true,
	         "msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[1] \"\"\nmsgstr[0] \"\"\n",
	         false);
	handmade("mixed #~", true, "#~ msgid \"a\"\nmsgstr \"\"\n", false);
	handmade("Solaris file comment", true,
	         "# File: a.c, line: 3\nmsgid \"a\"\nmsgstr \"\"\n", false);
	handmade("reference with spaces", true,
	         "#: a.c : 3\nmsgid \"a\"\nmsgstr \"\"\n", false);
	handmade("isolated reference", true,
	         "#: \xe2\x81\xa8" "a b.c\xe2\x81\xa9:3\nmsgid \"a\"\nmsgstr \"\"\n", false);
	handmade("comment inside an entry", true,
	         "msgid \"a\"\n# x\nmsgstr \"\"\n", false);
	handmade("unterminated string", true, "msgid \"a\nmsgstr \"\"\n", false);
}

static void
test_huge_line(void)
{
	ms_buf b = MS_BUF_INIT;
	char path[8192];
	TMP_PATH(path, "huge.po");
	ms_buf_puts(&b, hdr);
	ms_buf_puts(&b, "#: a.c:1\nmsgid \"");
	for (size_t i = 0; i < (1u << 20) / 16; i++)
		ms_buf_puts(&b, i % 3 ? "0123456789abcdef" : "인권 서한 \\n\\t\\\"  ");
	ms_buf_puts(&b, "\"\nmsgstr \"x\"\n\nmsgid \"b\"\nmsgstr \"\"\n");
	write_text(path, b.ptr, b.len);
	ms_buf_release(&b);
	OK(compare(path, "a 1 MB msgid line"), "a 1 MB msgid line: fast path");
}

/* ----------------------------------------------------------- generated */

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)((rng >> 11) % n);
}

static bool
chance(unsigned percent)
{
	return rnd(100) < percent;
}

static const char *
pick(const char *const *v, size_t n)
{
	return v[rnd((uint32_t)n)];
}
#define PICK(v) pick(v, sizeof v / sizeof v[0])

static const char *const words[] = {
	"the", "letter", "rights", "a", "%s", "%d", "{name}", "<b>", "x#y",
	"c:d", "인권", "존경하는 장관님", "서한", "한국어", "é", "ñ", "“q”",
};
static const char *const escapes[] = {
	"\\n", "\\t", "\\\"", "\\\\", "\\a", "\\b", "\\f", "\\v", "\\r",
	"\\101", "\\60", "\\x41", "\\x4a",
};
static const char *const rare_escapes[] = {
	"\\x", "\\'", "\\e", "\\000", "\\x04", "\\377", "\\x414", "\\u00e9",
};
static const char *const flag_texts[] = {
	"fuzzy", "c-format", "no-c-format", "range: 1..3", "range:", "no-wrap",
	"fuzzy, no-wrap", "python-format", "xfuzzy", "fuzzy,c-format", "",
};
static const char *const files[] = {
	"a.c", "src/b.md", "corpus/00001_x.md", "c", "k:y", "n5",
};

/* The source text of a string (escaped), into B. */
static void
gen_text(ms_buf *b, bool messy)
{
	unsigned n = rnd(6);
	for (unsigned i = 0; i < n; i++) {
		unsigned k = rnd(100);
		if (k < 60)
			ms_buf_puts(b, PICK(words));
		else if (k < 97 || !messy)
			ms_buf_puts(b, PICK(escapes));
		else
			ms_buf_puts(b, PICK(rare_escapes));
		if (chance(50))
			ms_buf_putc(b, ' ');
	}
}

/* A keyword and its string, the string now and then split into
 * continuation lines after a space (never inside an escape sequence). */
static void
gen_field(ms_buf *b, const char *prefix, const char *kw, const char *text)
{
	if (chance(10))
		ms_buf_printf(b, "%s%s\n%s\"", prefix, kw, prefix);
	else
		ms_buf_printf(b, "%s%s%s\"", prefix, kw, chance(90) ? " " : "\t");
	for (const char *t = text; *t; t++) {
		ms_buf_putc(b, *t);
		if (*t == ' ' && t[1] && chance(25))
			ms_buf_printf(b, "\"\n%s%s\"", chance(20) ? "\t" : "", prefix);
	}
	ms_buf_puts(b, "\"\n");
}

static void
gen_refs(ms_buf *b, bool messy)
{
	unsigned n = chance(90) ? 1 + rnd(6) : 40 + rnd(200);
	ms_buf_puts(b, "#:");
	for (unsigned i = 0; i < n; i++) {
		ms_buf_puts(b, chance(90) ? " " : "\t");
		unsigned k = rnd(100);
		if (k < 60)
			ms_buf_printf(b, "%s:%u", PICK(files), rnd(30));
		else if (k < 70)
			ms_buf_printf(b, "%s:0%u", PICK(files), rnd(10));
		else if (k < 80)
			ms_buf_printf(b, "f%u.md:%u", rnd(40), rnd(5));
		else if (k < 97 || !messy)
			ms_buf_puts(b, PICK(files));
		else
			ms_buf_puts(b, chance(50) ? "a : 5" : "a.c:99999999999999999999");
	}
	ms_buf_putc(b, '\n');
}

static void
gen_comments(ms_buf *b, bool messy)
{
	unsigned n = rnd(6);
	for (unsigned i = 0; i < n; i++) {
		unsigned k = rnd(100);
		if (chance(5))
			ms_buf_putc(b, chance(50) ? ' ' : '\t');
		if (k < 20) {
			ms_buf_puts(b, chance(70) ? "# " : "#  ");
			gen_text(b, false);
			ms_buf_putc(b, '\n');
		} else if (k < 30) {
			ms_buf_puts(b, "#\n");
		} else if (k < 45) {
			ms_buf_puts(b, chance(80) ? "#. " : "#.");
			gen_text(b, false);
			ms_buf_putc(b, '\n');
		} else if (k < 65) {
			gen_refs(b, messy);
		} else if (k < 88) {
			ms_buf_printf(b, "%s %s%s%s\n", chance(90) ? "#," : "#!",
			              PICK(flag_texts), chance(30) ? ", " : "",
			              chance(30) ? PICK(flag_texts) : "");
		} else if (k < 95) {
			ms_buf_puts(b, "\n");
		} else {
			ms_buf_puts(b, messy ? "# File: a.c, line: 3\n" : "#~\n");
		}
	}
}

static void
gen_entry(ms_buf *b, const char *ctxt, const char *id, bool obsolete, bool messy)
{
	const char *p = obsolete ? (chance(90) ? "#~ " : "#~") : "";
	const char *pp = obsolete ? "#~| " : "#| ";
	ms_buf t = MS_BUF_INIT;

	gen_comments(b, messy);
	if (chance(25)) {
		if (chance(30)) {
			gen_text(&t, messy);
			gen_field(b, pp, "msgctxt", t.ptr);
			ms_buf_reset(&t);
		}
		gen_text(&t, messy);
		gen_field(b, pp, "msgid", t.ptr);
		ms_buf_reset(&t);
		if (chance(20)) {
			gen_text(&t, messy);
			gen_field(b, pp, "msgid_plural", t.ptr);
			ms_buf_reset(&t);
		}
	}
	if (ctxt)
		gen_field(b, p, "msgctxt", ctxt);
	gen_field(b, p, "msgid", id);
	if (chance(5))
		ms_buf_putc(b, '\n');
	if (chance(20)) {
		unsigned n = 1 + rnd(3);
		gen_text(&t, messy);
		gen_field(b, p, "msgid_plural", t.ptr);
		for (unsigned i = 0; i < n; i++) {
			char kw[32];
			unsigned idx = messy && chance(3) ? i + 1 : i;
			snprintf(kw, sizeof kw, chance(80) ? "msgstr[%u]" : "msgstr [ %u ]", idx);
			ms_buf_reset(&t);
			gen_text(&t, messy);
			gen_field(b, p, kw, t.ptr);
		}
	} else {
		ms_buf_reset(&t);
		gen_text(&t, messy);
		gen_field(b, p, "msgstr", t.ptr);
	}
	ms_buf_release(&t);
}

static void
gen_file(ms_buf *b)
{
	bool messy = chance(25);
	unsigned n = rnd(12);
	unsigned header_at = chance(90) ? 0 : 1;
	bool header = chance(90);
	char *ids[16];
	ms_buf t = MS_BUF_INIT;

	for (unsigned i = 0; i <= n; i++) {
		if (header && i == header_at) {
			gen_comments(b, messy);
			if (chance(20))
				ms_buf_puts(b, "#, fuzzy\n");
			ms_buf_printf(b, "msgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: x\\n\"\n"
			              "\"Content-Type: text/plain; charset=%s\\n\"\n"
			              "\"Language: ko\\n\"\n\n",
			              messy && chance(20) ? "CHARSET" : chance(90) ? "UTF-8" : "utf-8");
		}
		if (i == n)
			break;
		ms_buf_reset(&t);
		gen_text(&t, messy);
		if (!t.len || (i > 0 && messy && chance(5)))
			ms_buf_printf(&t, "m%u", i);
		ids[i] = ms_buf_detach(&t, NULL);
		const char *id = ids[i];
		if (messy && i > 0 && chance(3))
			id = ids[rnd(i)];
		gen_entry(b, chance(15) ? (chance(30) ? "" : "ctx") : NULL, id,
		          chance(20), messy);
		ms_buf_puts(b, chance(80) ? "\n" : chance(50) ? "#~\n" : "");
	}
	for (unsigned i = 0; i < n; i++)
		free(ids[i]);
	if (chance(10))
		gen_comments(b, messy);
	ms_buf_release(&t);

	/* Now and then a slip of the keyboard. */
	if (messy && b->len) {
		static const char *const slips[] = {
			"\\", "\"", "#", "~", "|", "\r", "\n", " ", ":", "\f", "0",
			"msgid ", ",", "[", "#~ ", "#| ", "\\\n",
		};
		for (unsigned k = rnd(3); k > 0; k--) {
			size_t at = rnd((uint32_t)b->len);
			while (at > 0 && ((unsigned char)b->ptr[at] & 0xC0) == 0x80)
				at--;
			ms_buf cut = MS_BUF_INIT;
			ms_buf_put(&cut, b->ptr, at);
			if (chance(40)) {
				size_t skip = 1;
				while (at + skip < b->len
				       && ((unsigned char)b->ptr[at + skip] & 0xC0) == 0x80)
					skip++;
				at += skip;
			} else {
				ms_buf_puts(&cut, PICK(slips));
			}
			ms_buf_put(&cut, b->ptr + at, b->len - at);
			ms_buf_reset(b);
			ms_buf_put(b, cut.ptr, cut.len);
			ms_buf_release(&cut);
		}
	}
}

static void
test_generated(void)
{
	const unsigned count = 300;
	unsigned nfast = 0;
	for (unsigned i = 0; i < count; i++) {
		ms_buf b = MS_BUF_INIT;
		char name[64], path[8192];
		gen_file(&b);
		snprintf(name, sizeof name, "gen%03u.po", i);
		TMP_PATH(path, name);
		write_text(path, b.ptr, b.len);
		ms_buf_release(&b);
		if (compare(path, name))
			nfast++;
	}
	OK(nfast >= count / 2, "the fast path read most generated files (%u of %u)",
	   nfast, count);
}

int
main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "%s/tests/po-read-tmp.XXXXXX", TOP_BUILDDIR);
	if (!mkdtemp(tmpdir)) {
		perror(tmpdir);
		return 99;
	}
	test_tree();
	test_handmade();
	test_huge_line();
	test_generated();
	if (!getenv("KEEP_TMP")) {
		char cmd[8300];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", tmpdir);
	}
	return done_testing();
}

/* test-po-write.c — the fast PO writer (core/po-write.c) against the
 * libgettextpo path, byte for byte.
 *
 * Each catalogue is written with ms_catalog_write twice: once as usual
 * (the fast writer, or libgettextpo when it declines) and once with
 * MISSIVE_PO_IO=libgettextpo; the files must be identical.  Whether the
 * fast writer took the catalogue is seen from a third write with TMPDIR
 * pointing at a folder that does not exist: the libgettextpo path needs a
 * temporary file there and fails, the fast writer does not.
 *
 * The catalogues: every PO file of the source tree that reads cleanly,
 * and generated ones (seeded PRNG; PO_WRITE_SEED=N picks another seed,
 * PO_WRITE_KEEP=1 keeps the work folder). */
#include <config.h>

#include "catalog.h"
#include "tap.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char workdir[4096];
static char real_tmpdir[4096];
static unsigned taken, declined;

/* ------------------------------------------------------------ utilities */

static char *
path_in(const char *name)
{
	static char buf[4][8192];
	static int k;
	char *p = buf[k++ % 4];
	snprintf(p, sizeof buf[0], "%s/%s", workdir, name);
	return p;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	size_t n = 0, cap = 0;
	*len = 0;
	if (!f)
		return NULL;
	for (;;) {
		if (n + 65536 + 1 > cap) {
			cap = (n + 65536 + 1) * 2;
			s = realloc(s, cap);
			if (!s)
				abort();
		}
		size_t r = fread(s + n, 1, cap - n - 1, f);
		if (r == 0)
			break;
		n += r;
	}
	fclose(f);
	if (!s)
		s = calloc(1, 1);
	s[n] = '\0';
	*len = n;
	return s;
}

/* Print the first line where A and B differ (as TAP comments). */
static void
show_first_difference(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, line = 1, ls = 0;
	while (i < alen && i < blen && a[i] == b[i]) {
		if (a[i] == '\n') {
			line++;
			ls = i + 1;
		}
		i++;
	}
	const char *ae = memchr(a + ls, '\n', alen - ls);
	const char *be = memchr(b + ls, '\n', blen - ls);
	int an = (int)(ae ? (size_t)(ae - a) - ls : alen - ls);
	int bn = (int)(be ? (size_t)(be - b) - ls : blen - ls);
	printf("#   first difference at line %zu (byte %zu)\n", line, i);
	printf("#   fast:         %.*s\n", an > 300 ? 300 : an, a + ls);
	printf("#   libgettextpo: %.*s\n", bn > 300 ? 300 : bn, b + ls);
}

typedef struct counts {
	unsigned errors, warnings;
} counts;

static void
on_diag(const ms_diag *d, void *data)
{
	counts *c = data;
	if (d->severity == MS_ERROR)
		c->errors++;
	else if (d->severity == MS_WARNING)
		c->warnings++;
	if (getenv("TEST_VERBOSE"))
		printf("# diag: %s:%u:%u: %s\n", d->file ? d->file : "-", d->line,
		       d->column, d->message);
}

enum { ANY = -1, SLOW = 0, FAST = 1 };

/* Write C both ways and compare; EXPECT says which path the default
 * write must take (ANY: not checked).  Returns true when the fast writer
 * took it. */
static bool
write_both(const ms_catalog *c, const char *what, int expect)
{
	counts quiet = {0, 0}, slow_diags = {0, 0};
	ms_diag_handler hq = { on_diag, &quiet, 0, 0 };
	ms_diag_handler hs = { on_diag, &slow_diags, 0, 0 };
	const char *fast = path_in("fast.po"), *slow = path_in("slow.po");
	const char *probe = path_in("probe.po");

	unlink(fast);
	unlink(slow);
	unlink(probe);
	unsetenv("MISSIVE_PO_IO");
	setenv("TMPDIR", path_in("no-such-folder"), 1);
	bool is_fast = ms_catalog_write(c, probe, NULL, &hq) == MS_OK;
	setenv("TMPDIR", real_tmpdir, 1);
	ms_status st1 = ms_catalog_write(c, fast, NULL, &hq);
	setenv("MISSIVE_PO_IO", "libgettextpo", 1);
	ms_status st2 = ms_catalog_write(c, slow, NULL, &hs);
	unsetenv("MISSIVE_PO_IO");

	size_t alen = 0, blen = 0;
	char *a = st1 == MS_OK ? slurp(fast, &alen) : NULL;
	char *b = st2 == MS_OK ? slurp(slow, &blen) : NULL;
	/* Both may fail alike (libgettextpo refuses some catalogues). */
	bool same = st1 == st2
	            && (st1 != MS_OK
	                || (a && b && alen == blen && memcmp(a, b, alen) == 0));
	if (!OK(same, "%s: same bytes both ways (%zu bytes, %s)", what, alen,
	        is_fast ? "fast writer" : "declined")) {
		if (st1 != MS_OK || st2 != MS_OK)
			printf("#   write status: default %d, libgettextpo %d\n",
			       (int)st1, (int)st2);
		else
			show_first_difference(a, alen, b, blen);
	}
	if (is_fast) {
		size_t plen = 0;
		char *p = slurp(probe, &plen);
		OK(p && plen == alen && a && memcmp(p, a, alen) == 0,
		   "%s: the write without a temporary folder gave the same bytes",
		   what);
		free(p);
		/* libgettextpo warns about some escapes; the fast writer must
		 * leave those catalogues to it. */
		INT_EQ(slow_diags.warnings, 0,
		       "%s: libgettextpo had no warning to give", what);
	}
	if (expect != ANY)
		OK(is_fast == (expect == FAST), "%s: %s", what,
		   expect == FAST ? "the fast writer takes it"
		                  : "the fast writer declines it");
	if (is_fast)
		taken++;
	else
		declined++;
	free(a);
	free(b);
	return is_fast;
}

static ms_catalog *
read_text(const char *text, const char *name)
{
	ms_catalog *c = NULL;
	counts n = {0, 0};
	ms_diag_handler h = { on_diag, &n, 0, 0 };
	FILE *f = fopen(path_in(name), "wb");
	if (!f)
		return NULL;
	fputs(text, f);
	fclose(f);
	if (ms_catalog_read(path_in(name), &c, &h) != MS_OK)
		return NULL;
	return c;
}

/* ------------------------------------------------------ the tree's files */

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static void
tree_folder(const char *rel, bool all_files)
{
	char dir[8192];
	snprintf(dir, sizeof dir, "%s/%s", TOP_SRCDIR, rel);
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	if (!d)
		return;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (de->d_name[0] == '.')
			continue;
		if (!all_files && !(l > 3 && !strcmp(de->d_name + l - 3, ".po"))
		    && !(l > 4 && !strcmp(de->d_name + l - 4, ".pot")))
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		char path[16384], what[8192];
		struct stat st;
		ms_catalog *c = NULL;
		counts q = {0, 0};
		ms_diag_handler h = { NULL, &q, 0, 0 };
		if (snprintf(path, sizeof path, "%s/%s", dir, names[i])
		    >= (int)sizeof path
		    || snprintf(what, sizeof what, "%s/%s", rel, names[i])
		       >= (int)sizeof what) {
			free(names[i]);
			continue;
		}
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)
		    && ms_catalog_read(path, &c, &h) == MS_OK) {
			write_both(c, what, ANY);
			ms_catalog_free(c);
		}
		free(names[i]);
	}
	free(names);
}

/* ------------------------------------------------------------ generation */

static uint64_t rng_state;

static uint64_t
rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static unsigned
below(unsigned n)
{
	return n ? (unsigned)(rnd() % n) : 0;
}

static bool
chance(unsigned percent)
{
	return below(100) < percent;
}

#define PICK(a) ((a)[below((unsigned)(sizeof(a) / sizeof((a)[0])))])

static const char *const ascii_words[] = {
	"the", "letter", "Ministry", "human", "rights", "Dear", "Sir", "Madam",
	"we", "urge", "you", "to", "release", "detained", "activists",
	"immediately", "2023", "No.", "12,345", "3.5", "e.g.", "U.N.", "(see",
	"above)", "[1]", "{x}", "50%", "$100", "O'Brien", "co-operation",
	"well-known", "and/or", "http://example.org/a/b?c=d&e=f", "a+b=c",
	"user@example.com", "...", "#5", "x_y", "--", "-", "'quoted'", "A.",
	"Art. 19", "1984-2024", "p.m.", ";", ":", "!", "?", "*", "<b>", "</b>",
};

static const char *const other_words[] = {
	"Se\xc3\xb1or", "Excelent\xc3\xadsimo", "informaci\xc3\xb3n",
	"\xc2\xbf" "D\xc3\xb3nde?", "\xc2\xa1Ya!", "\xc2\xab" "cita\xc2\xbb",
	"\xe2\x80\x9c" "quote\xe2\x80\x9d", "\xe2\x80\x94", "\xe2\x80\x93",
	"Stra\xc3\x9f" "e", "\xc3\x87" "a",
	/* Korean */
	"\xec\xa1\xb4\xea\xb2\xbd\xed\x95\x98\xeb\x8a\x94",
	"\xec\x9e\xa5\xea\xb4\x80\xeb\x8b\x98\xea\xbb\x98",
	"\xec\x9d\xb8\xea\xb6\x8c",
	"\xed\x99\x9c\xeb\x8f\x99\xea\xb0\x80\xeb\x93\xa4\xec\x9d\x84",
	"\xec\xa6\x89\xec\x8b\x9c",
	"\xec\xb4\x89\xea\xb5\xac\xed\x95\xa9\xeb\x8b\x88\xeb\x8b\xa4.",
	"\xeb\x8c\x80\xed\x95\x9c\xeb\xaf\xbc\xea\xb5\xad",
	"(\xec\xa3\xbc)", "\xe3\x80\x8c\xec\x9d\xb8\xec\x9a\xa9\xe3\x80\x8d",
	"\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93",
	/* CJK, kana, full and half width */
	"\xe6\xbc\xa2\xe5\xad\x97",
	"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe6\x96\x87\xe7\xab\xa0"
	"\xe3\x81\xa7\xe3\x81\x99\xe3\x80\x82",
	"\xe4\xb8\xad\xe6\x96\x87\xef\xbc\x8c\xe6\xa0\x87\xe7\x82\xb9\xe3\x80\x82",
	"\xef\xbd\xb6\xef\xbe\x80\xef\xbd\xb6\xef\xbe\x85",
	/* emoji: plain, skin tone, flag, ZWJ family, variation selector */
	"\xf0\x9f\x91\x8d", "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",
	"\xf0\x9f\x87\xb0\xf0\x9f\x87\xb7",
	"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7",
	"\xe2\x9c\x89\xef\xb8\x8f",
	/* no-break space, zero-width space, soft hyphen, NEL, U+2028,
	 * combining accent, word joiner */
	"a\xc2\xa0" "b", "c\xe2\x80\x8b" "d", "hy\xc2\xad" "phen",
	"x\xc2\x85" "y", "line\xe2\x80\xa8sep", "e\xcc\x81", "w\xe2\x81\xa0j",
	/* controls, quotes and backslashes */
	"tab\there", "\x01", "\x1b[0m", "\x7f", "\"quoted\"", "back\\slash",
	"\\n", "C:\\path\\to", "\\", "\"",
};

static const char *const separators[] = {
	" ", " ", " ", " ", " ", " ", " ", " ", "  ", "", "\n", "-", "/", ", ",
	". ", " (", ") ", "\t", " \n", "\n\n",
};

static void
put_long_word(ms_buf *b)
{
	unsigned n = 60 + below(160);
	switch (below(3)) {
	case 0:
		for (unsigned i = 0; i < n; i++)
			ms_buf_putc(b, "abcdefghijklmnopqrstuvwxyz0123456789"[below(36)]);
		break;
	case 1:
		/* Hangul syllables without spaces: U+AC00 + k */
		for (unsigned i = 0; i < n / 2; i++) {
			unsigned cp = 0xAC00 + below(11172);
			ms_buf_putc(b, (char)(0xE0 | (cp >> 12)));
			ms_buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
			ms_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
		}
		break;
	default:
		ms_buf_puts(b, "https://example.invalid/");
		for (unsigned i = 0; i < n; i++)
			ms_buf_putc(b, "abcdef/-_.?=&0123456789"[below(23)]);
		break;
	}
}

/* A random string; UNIQUE (may be NULL) is put somewhere in it. */
static void
gen_text(ms_buf *b, unsigned max_tokens, const char *unique)
{
	ms_buf_reset(b);
	if (!unique && chance(8))
		return;    /* empty */
	unsigned n = below(max_tokens) + 1;
	if (chance(30))
		n = below(6) + 1;
	unsigned where = below(n + 1);
	bool korean = chance(40);
	if (chance(5))
		ms_buf_puts(b, PICK(((const char *const[]){ " ", "  ", "\t", "\n" })));
	for (unsigned i = 0; i < n; i++) {
		if (i)
			ms_buf_puts(b, PICK(separators));
		if (unique && i == where)
			ms_buf_printf(b, "k%s ", unique);
		unsigned r = below(100);
		if (r < 2)
			put_long_word(b);
		else if (r < (korean ? 55u : 25u))
			ms_buf_puts(b, PICK(other_words));
		else
			ms_buf_puts(b, PICK(ascii_words));
	}
	if (unique && where == n)
		ms_buf_printf(b, " k%s", unique);
	if (chance(6))
		ms_buf_puts(b, PICK(((const char *const[]){ " ", "  ", "\n", "\n\n", " \n" })));
}

/* Append S to B as a PO string (one line, escaped). */
static void
po_string(ms_buf *b, const char *s)
{
	ms_buf_putc(b, '"');
	for (; *s; s++) {
		switch (*s) {
		case '\n': ms_buf_puts(b, "\\n"); break;
		case '\t': ms_buf_puts(b, "\\t"); break;
		case '\\': ms_buf_puts(b, "\\\\"); break;
		case '"': ms_buf_puts(b, "\\\""); break;
		default: ms_buf_putc(b, *s); break;
		}
	}
	ms_buf_putc(b, '"');
}

static void
po_field(ms_buf *b, const char *prefix, const char *name, const char *value)
{
	ms_buf_printf(b, "%s%s ", prefix, name);
	po_string(b, value);
	ms_buf_putc(b, '\n');
}

static void
po_comment_lines(ms_buf *b, const char *mark)
{
	static const char *const lines[] = {
		"", "plain comment", " leading space", "  two leading spaces",
		"trailing space ", "with \"quotes\" and \\ inside", "\xec\x9d\xb8\xea\xb6\x8c note",
		"TRANSLATORS: keep the name", "#hash", "~tilde", "|bar", ",comma",
		":colon", ".dot",
	};
	unsigned n = 1 + below(3);
	for (unsigned i = 0; i < n; i++) {
		const char *l = PICK(lines);
		/* gettext reads "#" + text; a space after the mark is not part
		 * of an empty line. */
		if (*l)
			ms_buf_printf(b, "%s %s\n", mark, l);
		else
			ms_buf_printf(b, "%s\n", mark);
	}
}

static void
po_refs(ms_buf *b)
{
	unsigned n = below(100) < 70 ? 1 + below(4) : below(100) < 80 ? 0 : 5 + below(60);
	if (!n)
		return;
	ms_buf_puts(b, "#:");
	for (unsigned i = 0; i < n; i++) {
		switch (below(10)) {
		case 0:
			ms_buf_printf(b, " ./corpus/%05u_%08x.md:%u", below(1000),
			              (unsigned)rnd(), 1 + below(300));
			break;
		case 1:
			ms_buf_printf(b, " noline-%u.md", below(50));
			break;
		case 2:
			ms_buf_printf(b, " very/long/folder/name/that/goes/on/and/on/"
			              "for/a/while/before/the/file/%u.md:%u",
			              below(20), below(9));
			break;
		default:
			ms_buf_printf(b, " corpus/%05u_%08x.md:%u", below(1000),
			              (unsigned)rnd(), 1 + below(300));
			break;
		}
	}
	ms_buf_putc(b, '\n');
}

/* A generated PO text of N entries.  SPLICE_SAFE: obsolete entries at the
 * end, all translated, so that flags outside gettext's knowledge
 * (no-wrap and others) may be used anywhere; else obsolete entries go
 * anywhere, empty ones included, and only fuzzy is used. */
static void
gen_po(ms_buf *b, unsigned n, bool splice_safe)
{
	ms_buf t = MS_BUF_INIT, u = MS_BUF_INIT;
	ms_buf_reset(b);
	if (chance(50))
		ms_buf_puts(b, "# Header comment.\n# Second line.\n#\n");
	if (chance(50))
		ms_buf_puts(b, "#, fuzzy\n");
	ms_buf_puts(b, "msgid \"\"\nmsgstr \"\"\n"
	            "\"Project-Id-Version: generated 1.0\\n\"\n"
	            "\"Report-Msgid-Bugs-To: \\n\"\n"
	            "\"POT-Creation-Date: 2024-01-01 00:00+0000\\n\"\n"
	            "\"Language: ko\\n\"\n"
	            "\"MIME-Version: 1.0\\n\"\n"
	            "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	            "\"Content-Transfer-Encoding: 8bit\\n\"\n"
	            "\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n");
	unsigned first_obsolete = splice_safe ? n - n / 8 : n;
	for (unsigned i = 0; i < n; i++) {
		char unique[32];
		bool obsolete = i >= first_obsolete || (!splice_safe && chance(10));
		bool plural = chance(8);
		bool fuzzy = chance(15);
		const char *p = obsolete ? "#~ " : "";
		const char *pp = obsolete ? "#~| " : "#| ";
		snprintf(unique, sizeof unique, "%u", i);

		ms_buf_putc(b, '\n');
		if (chance(20))
			po_comment_lines(b, "#");
		if (chance(40))
			po_comment_lines(b, "#.");
		if (!obsolete || chance(20))
			po_refs(b);
		if (splice_safe) {
			static const char *const flags[] = {
				"no-wrap", "x-custom", "wrap", "ellipsis-unicode-check",
				"no-wrap, x-other",
			};
			const char *extra = chance(20) ? PICK(flags) : NULL;
			if (fuzzy && extra)
				ms_buf_printf(b, "#, fuzzy, %s\n", extra);
			else if (fuzzy)
				ms_buf_puts(b, "#, fuzzy\n");
			else if (extra)
				ms_buf_printf(b, "#, %s\n", extra);
		} else if (fuzzy) {
			ms_buf_puts(b, "#, fuzzy\n");
		}
		if (chance(fuzzy ? 70 : 5)) {
			if (chance(20)) {
				gen_text(&t, 4, NULL);
				po_field(b, pp, "msgctxt", t.ptr);
			}
			gen_text(&t, 30, NULL);
			po_field(b, pp, "msgid", t.ptr);
			if (plural && chance(50)) {
				gen_text(&t, 30, NULL);
				po_field(b, pp, "msgid_plural", t.ptr);
			}
		}
		bool ctxt = chance(15);
		if (ctxt) {
			gen_text(&t, 5, NULL);
			po_field(b, p, "msgctxt", t.ptr);
		}
		gen_text(&t, 40, unique);
		po_field(b, p, "msgid", t.ptr);
		/* Untranslated obsolete entries are only for the other mix. */
		bool translated = obsolete && splice_safe ? true : chance(75);
		if (plural) {
			gen_text(&t, 40, NULL);
			po_field(b, p, "msgid_plural", t.ptr);
			unsigned forms = 1 + below(3);
			for (unsigned k = 0; k < forms; k++) {
				char name[32];
				snprintf(name, sizeof name, "msgstr[%u]", k);
				gen_text(&u, 40, k == 0 && obsolete && splice_safe ? "s" : NULL);
				po_field(b, p, name, translated ? u.ptr : "");
			}
		} else {
			gen_text(&u, 40, obsolete && splice_safe ? "s" : NULL);
			po_field(b, p, "msgstr", translated ? u.ptr : "");
		}
	}
	ms_buf_release(&t);
	ms_buf_release(&u);
}

/* Catalogues built through the API: a template with references of every
 * shape, a translation of it, and a merge of a changed template into that
 * translation (fuzzy entries with previous msgids, obsolete entries). */
static const char *const api_refs[] = {
	"corpus/a.md:1", "corpus/a.md:01", "./corpus/a.md:1", "././corpus/b.md:2",
	"file with spaces.md:3", "noline.md", "weird:name.md:7", "x.md:",
	":5", "n.md:123456789012345678", "n.md:1234567890123456789",
	"n.md:12a", "tab\tname.md:4",
	"a/really/long/reference/path/that/is/longer/than/the/whole/line/width/"
	"of/seventy/nine/columns/file.md:42",
};

static ms_catalog *
gen_api_template(unsigned n, unsigned salt)
{
	ms_catalog *c = ms_catalog_new();
	ms_buf t = MS_BUF_INIT, x = MS_BUF_INIT, ctx = MS_BUF_INIT;
	ms_catalog_header_set(c, "Project-Id-Version", "api 1.0");
	for (unsigned i = 0; i < n; i++) {
		char unique[32], ref[128];
		snprintf(unique, sizeof unique, "%u", i);
		gen_text(&t, 40, unique);
		/* The same draws whatever SALT, so that a salted template is
		 * the unsalted one with some texts changed. */
		bool change = chance(30), bang = chance(50), drop = chance(10);
		if (salt && change)
			ms_buf_puts(&t, bang ? " changed" : "!");
		drop = drop && salt;   /* gone from the changed template */
		bool has_ctx = chance(10);
		if (has_ctx)
			gen_text(&ctx, 4, "c");
		gen_text(&x, 8, NULL);
		unsigned nrefs = chance(3) ? 100 + below(900) : 1 + below(3);
		for (unsigned r = 0; r < nrefs; r++) {
			const char *rs;
			if (chance(30)) {
				rs = PICK(api_refs);
			} else {
				snprintf(ref, sizeof ref, "corpus/%05u_%08x.md:%u",
				         below(2000), (unsigned)(rnd() & 0xff), 1 + below(60));
				rs = ref;
			}
			bool with_x = chance(30);
			if (!drop)
				ms_catalog_add(c, has_ctx ? ctx.ptr : NULL, t.ptr,
				               with_x ? x.ptr : NULL, rs);
		}
	}
	ms_buf_release(&t);
	ms_buf_release(&x);
	ms_buf_release(&ctx);
	return c;
}

static void
translate_all(ms_catalog *c)
{
	ms_buf t = MS_BUF_INIT;
	for (size_t i = 0; i < ms_catalog_count(c); i++) {
		ms_entry *e = ms_catalog_entry(c, i);
		if (chance(15))
			continue;
		gen_text(&t, 40, NULL);
		ms_entry_set_msgstr(e, t.ptr, true);
	}
	ms_buf_release(&t);
}

/* ----------------------------------------------------------------- cases */

static void
generated(unsigned rounds)
{
	ms_buf text = MS_BUF_INIT;
	for (unsigned r = 0; r < rounds; r++) {
		char what[64];
		for (int safe = 1; safe >= 0; safe--) {
			gen_po(&text, 2500, safe);
			snprintf(what, sizeof what, "generated PO %u (%s)", r,
			         safe ? "flags, obsolete last" : "obsolete anywhere");
			ms_catalog *c = read_text(text.ptr, "gen.po");
			if (!OK(c, "%s: reads", what))
				continue;
			write_both(c, what, FAST);
			ms_catalog_free(c);
		}

		/* Through the API: template, translation, merge. */
		uint64_t keep = rng_state;
		ms_catalog *pot = gen_api_template(1500, 0);
		snprintf(what, sizeof what, "API template %u", r);
		write_both(pot, what, FAST);
		ms_catalog *po = ms_catalog_new();
		ms_merge_stats st;
		ms_catalog_merge(po, pot, "ko", &st, NULL);
		translate_all(po);
		snprintf(what, sizeof what, "API translation %u", r);
		write_both(po, what, FAST);
		rng_state = keep;   /* the same texts, some of them changed */
		ms_catalog *pot2 = gen_api_template(1500, 1);
		ms_catalog_merge(po, pot2, "ko", &st, NULL);
		snprintf(what, sizeof what, "API merge %u (%zu fuzzy, %zu obsolete)",
		         r, st.fuzzy, st.obsoleted);
		write_both(po, what, FAST);
		OK(st.fuzzy > 0 && st.obsoleted > 0,
		   "API merge %u: has fuzzy and obsolete entries", r);
		ms_catalog_free(pot);
		ms_catalog_free(pot2);
		ms_catalog_free(po);
	}
	ms_buf_release(&text);
}

static const char header_utf8[] =
	"msgid \"\"\nmsgstr \"\"\n"
	"\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n";

/* Small catalogues for the boundaries of what the fast writer takes. */
static void
edges(void)
{
	static const struct {
		const char *what, *text;
		int expect;
	} cases[] = {
		{ "plain entries", "msgid \"a\"\nmsgstr \"b\"\n", FAST },
		{ "fuzzy with an empty msgstr", "#, fuzzy\nmsgid \"a\"\nmsgstr \"\"\n", FAST },
		{ "no-wrap, long lines",
		  "#, no-wrap\nmsgid \"a very long line that would be wrapped by "
		  "gettext if it were allowed to wrap it, which it is not\\nsecond\"\n"
		  "msgstr \"b\"\n", FAST },
		{ "no-wrap plural without forms",
		  "#, no-wrap\nmsgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"b\"\n", FAST },
		{ "unknown flags", "#, fuzzy, x-one, x-two\nmsgid \"a\"\nmsgstr \"b\"\n", FAST },
		{ "c-format", "#, c-format\nmsgid \"%d a\"\nmsgstr \"%d b\"\n", SLOW },
		{ "no-c-format", "#, no-c-format\nmsgid \"%d a\"\nmsgstr \"%d b\"\n", SLOW },
		{ "range", "#, range: 1..5\nmsgid \"a\"\nmsgstr \"b\"\n", SLOW },
		{ "carriage return (gettext warns)", "msgid \"a\\r\"\nmsgstr \"b\"\n", SLOW },
		{ "bell in a previous msgid (gettext warns)",
		  "#, fuzzy\n#| msgid \"x\\a\"\nmsgid \"a\"\nmsgstr \"b\"\n", SLOW },
		{ "vertical tab in an obsolete entry",
		  "#~ msgid \"a\"\n#~ msgstr \"b\\v\"\n", SLOW },
		{ "form feed in a dropped obsolete entry",
		  "#~ msgid \"a\\f\"\n#~ msgstr \"\"\n", FAST },
		{ "no-wrap before an obsolete entry that gettext drops",
		  "#, no-wrap\nmsgid \"a\"\nmsgstr \"b\"\n\n#~ msgid \"c\"\n#~ msgstr \"\"\n",
		  SLOW },
		{ "no-wrap after an obsolete entry",
		  "#~ msgid \"c\"\n#~ msgstr \"d\"\n\n#, no-wrap\nmsgid \"a\"\nmsgstr \"b\"\n",
		  SLOW },
		{ "obsolete entries before active ones",
		  "#~ msgid \"c\"\n#~ msgstr \"d\"\n\n#~ msgid \"e\"\n#~ msgstr \"\"\n\n"
		  "msgid \"a\"\nmsgstr \"b\"\n", FAST },
		{ "obsolete fuzzy no-wrap entry at the end",
		  "msgid \"a\"\nmsgstr \"b\"\n\n#, fuzzy, no-wrap\n#~| msgid \"old one\"\n"
		  "#~ msgid \"c\\nd\"\n#~ msgstr \"e\"\n", FAST },
	};
	ms_buf text = MS_BUF_INIT;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ms_buf_reset(&text);
		ms_buf_puts(&text, header_utf8);
		ms_buf_puts(&text, cases[i].text);
		ms_catalog *c = read_text(text.ptr, "edge.po");
		if (!OK(c, "%s: reads", cases[i].what))
			continue;
		write_both(c, cases[i].what, cases[i].expect);
		ms_catalog_free(c);
	}

	/* A header with flags of its own, one of them spliced. */
	ms_catalog *c = read_text("# Header.\n#, fuzzy, no-wrap, x-header\n"
	                          "msgid \"\"\nmsgstr \"\"\n"
	                          "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	                          "\"X-Long: a header field long enough to be "
	                          "wrapped if wrapping were allowed at all\\n\"\n\n"
	                          "msgid \"a\"\nmsgstr \"b\"\n", "hdr.po");
	if (OK(c, "header with flags: reads")) {
		write_both(c, "header with flags", FAST);
		ms_catalog_free(c);
	}

	/* No header at all: gettext takes the text as ASCII. */
	c = read_text("msgid \"a b c\"\nmsgstr \"d e f\"\n", "nohdr.po");
	if (OK(c, "no header, ASCII: reads")) {
		write_both(c, "no header, ASCII", FAST);
		ms_catalog_free(c);
	}
	c = read_text("#. \xec\x9d\xb8\xea\xb6\x8c\nmsgid \"a\"\nmsgstr \"b\"\n", "nohdr2.po");
	if (OK(c, "no header, non-ASCII comment: reads")) {
		write_both(c, "no header, non-ASCII comment", FAST);
		ms_catalog_free(c);
	}

	/* Charsets, set through the API. */
	static const struct {
		const char *charset, *msgstr;
		int expect;
	} cs[] = {
		{ "utf-8", "\xec\x9d\xb8\xea\xb6\x8c", FAST },
		{ "CHARSET", "plain", FAST },
		{ "US-ASCII", "plain", FAST },
		{ "CHARSET", "\xec\x9d\xb8\xea\xb6\x8c", SLOW },
		{ "ISO-8859-1", "plain", SLOW },
	};
	for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++) {
		char what[128], ct[128];
		c = ms_catalog_new();
		snprintf(ct, sizeof ct, "text/plain; charset=%s", cs[i].charset);
		ms_catalog_header_set(c, "Content-Type", ct);
		ms_entry *e = ms_catalog_add(c, NULL, "a long enough message to be "
		                             "wrapped by gettext at the seventy-ninth "
		                             "column, or so we hope", NULL, "x.md:1");
		ms_entry_set_msgstr(e, cs[i].msgstr, true);
		snprintf(what, sizeof what, "charset %s, msgstr \"%s\"", cs[i].charset,
		         cs[i].msgstr);
		write_both(c, what, cs[i].expect);
		ms_catalog_free(c);
	}

	/* Bytes that are not UTF-8, through the API: gettext refuses them,
	 * so the fast writer leaves them to it; a noncharacter is fine. */
	static const struct {
		const char *what, *msgstr;
		int expect;
	} bad[] = {
		{ "a stray byte", "a\xff b", SLOW },
		{ "a surrogate", "a\xed\xa0\x80 b", SLOW },
		{ "an overlong sequence", "a\xc0\xaf b", SLOW },
		/* (Cut short at the very end, libgettextpo 0.21 aborts.) */
		{ "a sequence cut short", "a\xe2\x80 b", SLOW },
		{ "a noncharacter", "a\xef\xbf\xbf b", FAST },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char what[128];
		c = ms_catalog_new();
		ms_entry *e = ms_catalog_add(c, NULL, "a", NULL, "x.md:1");
		ms_entry_set_msgstr(e, bad[i].msgstr, true);
		snprintf(what, sizeof what, "msgstr with %s", bad[i].what);
		write_both(c, what, bad[i].expect);
		ms_catalog_free(c);
	}

	/* An empty catalogue. */
	c = read_text("", "empty.po");
	if (OK(c, "empty file: reads")) {
		write_both(c, "empty catalogue", FAST);
		ms_catalog_free(c);
	}
	ms_buf_release(&text);
}

static void
remove_workdir(void)
{
	DIR *d = opendir(workdir);
	struct dirent *de;
	if (!d)
		return;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			unlink(path_in(de->d_name));
	closedir(d);
	rmdir(workdir);
}

int
main(void)
{
	const char *t = getenv("TMPDIR");
	const char *seed = getenv("PO_WRITE_SEED");
	snprintf(workdir, sizeof workdir, "%s/test-po-write-XXXXXX",
	         t && *t ? t : "/tmp");
	if (!mkdtemp(workdir)) {
		perror(workdir);
		return 99;
	}
	snprintf(real_tmpdir, sizeof real_tmpdir, "%s", workdir);
	rng_state = seed ? strtoull(seed, NULL, 0) : 20240611;
	if (!rng_state)
		rng_state = 1;
	printf("# seed %llu, work folder %s\n", (unsigned long long)rng_state,
	       workdir);

	tree_folder("po", false);
	tree_folder("po/cli", false);
	tree_folder("tests/data/po", false);
	tree_folder("tests/data/check", true);
	tree_folder("fuzz/regress/po", true);
	edges();
	generated(2);

	printf("# fast writer took %u catalogues, declined %u\n", taken, declined);
	if (!getenv("PO_WRITE_KEEP"))
		remove_workdir();
	return done_testing();
}

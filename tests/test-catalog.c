/* test-catalog.c — gettext catalogues: round trips, writing, merging. */
#include <config.h>

#include "catalog.h"
#include "tap.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DATA TOP_SRCDIR "/tests/data/po/"

static char tmpdir[4096];

/* The first error and the first note a call reported. */
typedef struct diags {
	unsigned errors, notes;
	unsigned line, col;           /* of the first error */
	char msg[512];
	unsigned note_line;           /* of the first note */
} diags;

static void
on_diag(const ms_diag *d, void *data)
{
	diags *x = data;
	if (d->severity == MS_ERROR && x->errors++ == 0) {
		x->line = d->line;
		x->col = d->column;
		snprintf(x->msg, sizeof x->msg, "%s", d->message);
	} else if (d->severity == MS_NOTE && x->notes++ == 0) {
		x->note_line = d->line;
	}
	if (d->severity != MS_NOTE || getenv("TEST_VERBOSE"))
		printf("# diag: %s:%u:%u: %s\n", d->file ? d->file : "-", d->line,
		       d->column, d->message);
}

static ms_diag_handler
handler(diags *x)
{
	ms_diag_handler h = { on_diag, x, 0, 0 };
	memset(x, 0, sizeof *x);
	return h;
}

static char *
tmp_path(const char *name)
{
	static char buf[8][8192];
	static int k;
	char *p = buf[k++ % 8];
	if (snprintf(p, sizeof buf[0], "%s/%s", tmpdir, name) >= (int)sizeof buf[0])
		p[0] = '\0';
	return p;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc((size_t)n + 1);
	if (fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		fclose(f);
		return NULL;
	}
	s[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return s;
}

static int
same_bytes(const char *a, const char *b)
{
	size_t la, lb;
	char *x = slurp(a, &la), *y = slurp(b, &lb);
	int same = x && y && la == lb && memcmp(x, y, la) == 0;
	free(x);
	free(y);
	return same;
}

static int run(const char *fmt, ...) MS_PRINTF(1, 2);

static int
run(const char *fmt, ...)
{
	char cmd[16384];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	return system(cmd);
}

static size_t
vlen(char *const *v)
{
	size_t n = 0;
	while (v && v[n])
		n++;
	return n;
}

static int
msgfmt_ok(const char *path)
{
	return run("msgfmt -c -o /dev/null '%s' 2>/dev/null", path) == 0;
}

/* The header field FIELD of C is WANT (NULL: absent). */
static void
header_is(const ms_catalog *c, const char *field, const char *want,
          const char *what)
{
	char *v = ms_catalog_header_get(c, field);
	STR_EQ(v, want, "%s", what);
	free(v);
}

static size_t
count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;
	if (!d)
		return 0;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static ms_catalog *
read_ok(const char *path)
{
	diags x;
	ms_diag_handler h = handler(&x);
	ms_catalog *c = NULL;
	ms_status st = ms_catalog_read(path, &c, &h);
	INT_EQ(st, MS_OK, "read %s", strrchr(path, '/') + 1);
	return c;
}

/* ------------------------------------------------------------ round trip */

static void
test_round_trips(void)
{
	static const char *const files[] = {
		"basic.po", "plural.po", "obsolete.po", "ko.po", "escapes.po",
		"nowrap.po", "noheader.po", "template.pot",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char src[4096];
		diags x;
		ms_diag_handler h = handler(&x);
		bool changed = false;
		const char *out = tmp_path(files[i]);
		snprintf(src, sizeof src, "%s%s", DATA, files[i]);
		ms_catalog *c = read_ok(src);
		if (!c)
			continue;
		INT_EQ(ms_catalog_write(c, out, &changed, &h), MS_OK, "write %s", files[i]);
		OK(changed, "%s: a new file is written", files[i]);
		OK(same_bytes(src, out), "%s: read + write gives the same bytes", files[i]);
		INT_EQ(x.errors, 0, "%s: no errors", files[i]);
		OK(run("msgcat '%s' 2>/dev/null | cmp -s - '%s'", src, out) == 0,
		   "%s: output equals msgcat's", files[i]);
		/* msgfmt -c wants a header; noheader.po has none on purpose. */
		if (strcmp(files[i], "noheader.po") != 0)
			OK(msgfmt_ok(out), "%s: msgfmt -c accepts the output", files[i]);
		ms_catalog_free(c);
	}
}

static void
test_read_details(void)
{
	ms_catalog *c = read_ok(DATA "basic.po");
	ms_entry *e;
	if (!c)
		return;
	INT_EQ(ms_catalog_count(c), 7, "basic.po: 7 entries besides the header");
	header_is(c, "Language", "es", "header Language");
	header_is(c, "Plural-Forms", "nplurals=2; plural=(n != 1);", "header Plural-Forms");
	OK(ms_catalog_header_get(c, "X-Nothing") == NULL, "missing header field is NULL");

	e = ms_catalog_find(c, NULL, "Dear Minister,");
	OK(e != NULL, "find by msgid");
	if (e) {
		STR_EQ(e->msgstr, "Estimado señor Ministro:", "msgstr");
		STR_EQ(e->extracted, "role: salutation", "extracted comment");
		INT_EQ(e->line, 21, "line of the msgid keyword");
		OK(!e->fuzzy && !e->obsolete && !e->flags, "no flags");
	}
	e = ms_catalog_entry(c, 1);
	OK(e && e->fuzzy, "second entry is fuzzy");
	if (e) {
		STR_EQ(e->comments, "Keep the formal register.", "translator comment");
		INT_EQ(vlen(e->refs), 2, "two references");
		STR_EQ(e->refs ? e->refs[1] : NULL, "corpus/001_aa.md:20", "second reference");
		INT_EQ(e->line, 28, "line of a multi-line msgid");
		OK(e->msgid && strstr(e->msgid, "detention of human rights") != NULL,
		   "continuation lines joined");
	}
	ms_entry *a = ms_catalog_find(c, "label", "Fax:");
	ms_entry *b = ms_catalog_find(c, "title", "Fax:");
	OK(a && b && a != b, "the same msgid in two contexts");
	STR_EQ(b ? b->msgstr : NULL, "Fax.", "context picks the entry");
	OK(ms_catalog_find(c, NULL, "Fax:") == NULL, "no entry without the context");
	e = ms_catalog_find(c, NULL, "Page %d of %d");
	STR_EQ(e ? e->flags : NULL, "c-format", "c-format flag");
	e = ms_catalog_find(c, NULL, "100% of the signatories");
	STR_EQ(e ? e->flags : NULL, "no-c-format", "no-c-format flag kept apart");
	e = ms_catalog_find(c, NULL, "");
	OK(e && strstr(e->msgstr, "Project-Id-Version: missive 0.1\n"),
	   "the header is found with an empty msgid");
	OK(e && e->comments && strncmp(e->comments, "Spanish translation", 19) == 0,
	   "header comments kept");
	ms_catalog_free(c);

	c = read_ok(DATA "plural.po");
	if (c) {
		e = ms_catalog_find(c, NULL, "%d letter");
		STR_EQ(e ? e->msgid_plural : NULL, "%d letters", "msgid_plural");
		INT_EQ(e ? vlen(e->msgstr_plural) : 0, 2, "two plural forms");
		STR_EQ(e && e->msgstr_plural ? e->msgstr_plural[1] : NULL, "%d cartas",
		       "msgstr[1]");
		e = ms_catalog_find(c, NULL, "%d signatory");
		STR_EQ(e ? e->flags : NULL, "c-format, range: 1..20", "range flag");
		ms_catalog_free(c);
	}

	c = read_ok(DATA "obsolete.po");
	if (c) {
		size_t obsolete = 0;
		for (size_t i = 0; i < ms_catalog_count(c); i++)
			obsolete += ms_catalog_entry(c, i)->obsolete;
		INT_EQ(obsolete, 3, "three obsolete entries");
		e = ms_catalog_find(c, "heading", "Urgent action is needed");
		STR_EQ(e ? e->prev_msgctxt : NULL, "heading", "previous msgctxt");
		STR_EQ(e ? e->prev_msgid : NULL, "Urgent action needed", "previous msgid");
		OK(ms_catalog_find(c, NULL, "With respect,") == NULL,
		   "find skips obsolete entries");
		e = ms_catalog_entry(c, 2);
		OK(e && e->obsolete && e->line == 29, "obsolete entry and its line");
		STR_EQ(e ? e->comments : NULL, "An old closing line.", "obsolete comment");
		ms_catalog_free(c);
	}

	c = read_ok(DATA "escapes.po");
	if (c) {
		e = ms_catalog_entry(c, 0);
		STR_EQ(e ? e->msgid : NULL,
		       "Tab\there, a \"quoted\" word and a back\\slash", "escapes decoded");
		e = ms_catalog_entry(c, 5);
		STR_EQ(e ? e->flags : NULL, "no-wrap", "no-wrap flag read");
		ms_catalog_free(c);
	}
}

/* A flag gettext does not know survives a round trip. */
static void
test_unknown_flag(void)
{
	const char *src = tmp_path("flag.po");
	const char *out = tmp_path("flag-out.po");
	FILE *f = fopen(src, "w");
	fputs("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
	      "#, fuzzy, c-format, missive-keep\nmsgid \"%d x\"\nmsgstr \"%d y\"\n", f);
	fclose(f);
	ms_catalog *c = read_ok(src);
	if (!c)
		return;
	ms_entry *e = ms_catalog_find(c, NULL, "%d x");
	STR_EQ(e ? e->flags : NULL, "c-format, missive-keep", "flags as written");
	INT_EQ(ms_catalog_write(c, out, NULL, NULL), MS_OK, "write");
	OK(same_bytes(src, out), "an unknown flag is written back in place");
	ms_catalog_free(c);
}

/* ------------------------------------------------------------------ add */

static void
test_add(void)
{
	ms_catalog *c = ms_catalog_new();
	ms_entry *e, *e2;
	diags x;
	ms_diag_handler h = handler(&x);
	bool changed;

	e = ms_catalog_add(c, NULL, "Dear Minister,", "role: salutation",
	                   "corpus/000.md:12");
	OK(e != NULL, "add a new entry");
	e2 = ms_catalog_add(c, NULL, "Dear Minister,", "role: salutation\nrole: greeting",
	                    "corpus/001.md:3");
	OK(e == e2, "adding the same msgid returns the same entry");
	ms_catalog_add(c, NULL, "Dear Minister,", NULL, "corpus/000.md:12");
	INT_EQ(vlen(e->refs), 2, "references merged without repeats");
	{
		/* a unit shared by many letters: the hashed path */
		ms_catalog *big = ms_catalog_new();
		ms_entry *b = NULL;
		char ref[64];
		for (int i = 0; i < 300; i++) {
			snprintf(ref, sizeof ref, "corpus/%03d.md:%d", i, 7 + i % 5);
			b = ms_catalog_add(big, "label", "Fax:", NULL, ref);
		}
		for (int i = 0; i < 300; i += 7) {
			snprintf(ref, sizeof ref, "corpus/%03d.md:%d", i, 7 + i % 5);
			ms_catalog_add(big, "label", "Fax:", NULL, ref);
		}
		INT_EQ(vlen(b->refs), 300, "300 references kept once each past the hash threshold");
		STR_EQ(b->refs[299], "corpus/299.md:11", "in the order added");
		ms_catalog_free(big);
	}
	{
		/* a shared unit's comments from many places: each line once,
		 * in the order first met, past the set's threshold and across
		 * reallocations; compared with a plain rebuild of the lines */
		ms_catalog *big = ms_catalog_new();
		ms_entry *b = NULL;
		char src[128], want[8192] = "", *w = want;
		for (int i = 0; i < 120; i++) {
			int k = (i * 37) % 50;   /* 50 distinct places, met again */
			if (i % 9 == 4)
				snprintf(src, sizeof src, "body ¶%d sentence %d\nglossary: x\n\nbody ¶%d",
				         k, k % 3, (k + 1) % 50);
			else
				snprintf(src, sizeof src, "body ¶%d sentence %d", k, k % 3);
			b = ms_catalog_add(big, NULL, "Shared.", src, "corpus/x.md:1");
			/* the expected text: each line of SRC not yet a line of WANT */
			for (char *p = src; *p;) {
				size_t n = strcspn(p, "\n");
				bool have = false;
				for (const char *q = want; *want && !have;) {
					size_t m = strcspn(q, "\n");
					have = m == n && !memcmp(q, p, n);
					if (!q[m])
						break;
					q += m + 1;
				}
				if (!have || w == want) {
					if (w != want)
						*w++ = '\n';
					memcpy(w, p, n);
					w += n;
					*w = '\0';
				}
				p += n;
				if (*p == '\n')
					p++;
			}
		}
		STR_EQ(b->extracted, want, "a shared unit's comment lines: each once, in order");
		ms_catalog_free(big);
	}
	STR_EQ(e->refs ? e->refs[1] : NULL, "corpus/001.md:3", "second reference appended");
	STR_EQ(e->extracted, "role: salutation\nrole: greeting",
	       "only new extracted lines appended");
	e2 = ms_catalog_add(c, "heading", "Dear Minister,", NULL, NULL);
	OK(e2 && e2 != e, "another context is another entry");
	OK(ms_catalog_add(c, NULL, "", NULL, NULL) == NULL,
	   "the header's key cannot be added");
	ms_catalog_add(c, NULL, "우리는 인권 옹호자들의 석방을 촉구합니다.", NULL,
	               "corpus/002.md:1");
	INT_EQ(ms_catalog_count(c), 3, "three entries");
	OK(ms_catalog_find(c, "heading", "Dear Minister,") == e2, "find added entry");

	ms_catalog_header_set(c, "Project-Id-Version", "missive-corpus 1");
	ms_catalog_header_set(c, "POT-Creation-Date", "2024-05-01 10:00+0000");
	e = ms_catalog_find(c, NULL, "");
	OK(e && strcmp(e->msgstr,
	               "Project-Id-Version: missive-corpus 1\n"
	               "POT-Creation-Date: 2024-05-01 10:00+0000\n"
	               "MIME-Version: 1.0\n"
	               "Content-Type: text/plain; charset=UTF-8\n"
	               "Content-Transfer-Encoding: 8bit\n") == 0,
	   "new header fields go in the usual order");
	ms_catalog_header_set(c, "Project-Id-Version", "missive-corpus 2");
	char *v = ms_catalog_header_get(c, "Project-Id-Version");
	STR_EQ(v, "missive-corpus 2", "header field replaced");
	free(v);

	const char *pot = tmp_path("corpus.pot");
	INT_EQ(ms_catalog_write(c, pot, &changed, &h), MS_OK, "write the template");
	OK(msgfmt_ok(pot), "msgfmt -c accepts the template");
	char *text = slurp(pot, NULL);
	OK(text && strstr(text, "\"Content-Type: text/plain; charset=UTF-8\\n\"\n")
	   && strstr(text, "\"Content-Transfer-Encoding: 8bit\\n\"\n"),
	   "template header is UTF-8, 8bit");
	OK(text && strstr(text, "#. role: salutation\n#. role: greeting\n"
	                        "#: corpus/000.md:12 corpus/001.md:3\n"
	                        "msgid \"Dear Minister,\"\n"),
	   "template entry layout");
	free(text);
	ms_catalog *back = read_ok(pot);
	if (back) {
		INT_EQ(ms_catalog_count(back), 3, "template reads back");
		e = ms_catalog_find(back, "heading", "Dear Minister,");
		OK(e && e->msgstr && !*e->msgstr && !e->refs, "untranslated, no refs");
		ms_catalog_free(back);
	}
	ms_catalog_free(c);
}

/* ---------------------------------------------------------------- write */

static void
test_write_no_churn(void)
{
	const char *path = tmp_path("churn.po");
	struct stat s1, s2;
	bool changed = true;
	diags x;
	ms_diag_handler h = handler(&x);
	ms_catalog *c = read_ok(DATA "basic.po");
	if (!c)
		return;
	INT_EQ(ms_catalog_write(c, path, &changed, &h), MS_OK, "first write");
	OK(changed, "first write changes the file");
	stat(path, &s1);
	char *before = slurp(path, NULL);

	changed = true;
	INT_EQ(ms_catalog_write(c, path, &changed, &h), MS_OK, "second write");
	OK(!changed, "second write reports no change");
	stat(path, &s2);
	OK(s1.st_ino == s2.st_ino && s1.st_mtim.tv_sec == s2.st_mtim.tv_sec
	   && s1.st_mtim.tv_nsec == s2.st_mtim.tv_nsec, "file not replaced");

	ms_catalog_header_set(c, "PO-Revision-Date", "2030-01-01 00:00+0000");
	ms_catalog_header_set(c, "POT-Creation-Date", "2030-01-01 00:00+0000");
	changed = true;
	INT_EQ(ms_catalog_write(c, path, &changed, &h), MS_OK, "write with new dates");
	OK(!changed, "a change of dates alone is not written");
	stat(path, &s2);
	char *after = slurp(path, NULL);
	OK(s1.st_ino == s2.st_ino && before && after && strcmp(before, after) == 0,
	   "file bytes untouched");
	free(after);

	ms_entry_set_msgstr(ms_catalog_find(c, NULL, "Yours sincerely,"),
	                    "Atentamente,", true);
	INT_EQ(ms_catalog_write(c, path, &changed, &h), MS_OK, "write a translation");
	OK(changed, "a real change is written");
	after = slurp(path, NULL);
	OK(after && strstr(after, "2030-01-01") && strstr(after, "msgstr \"Atentamente,\""),
	   "new content and dates on disk");
	OK(msgfmt_ok(path), "msgfmt -c accepts it");
	free(after);
	free(before);
	INT_EQ(x.errors, 0, "no errors while writing");
	ms_catalog_free(c);
}

static void
test_write_missing_folder(void)
{
	diags x;
	ms_diag_handler h = handler(&x);
	bool changed = true;
	size_t before = count_files(tmpdir);
	ms_catalog *c = ms_catalog_new();
	ms_catalog_add(c, NULL, "Hello", NULL, NULL);
	ms_status st = ms_catalog_write(c, tmp_path("missing/sub/x.po"), &changed, &h);
	OK(st != MS_OK, "writing into a missing folder fails");
	OK(x.errors >= 1 && !changed, "with an error and changed=false");
	OK(access(tmp_path("missing"), F_OK) != 0 && errno == ENOENT,
	   "no folder created");
	INT_EQ(count_files(tmpdir), before, "no temporary file left behind");
	ms_catalog_free(c);
}

static void
test_set_msgstr(void)
{
	ms_catalog *c = read_ok(DATA "obsolete.po");
	if (!c)
		return;
	ms_entry *e = ms_catalog_find(c, "heading", "Urgent action is needed");
	if (e) {
		ms_entry_set_msgstr(e, "Se necesita una acción urgente", false);
		OK(e->fuzzy && e->prev_msgid, "fuzzy kept when asked");
		ms_entry_set_msgstr(e, "Se necesita una acción urgente", true);
		OK(!e->fuzzy && !e->prev_msgid && !e->prev_msgctxt,
		   "clearing fuzzy drops the previous msgid");
		STR_EQ(e->msgstr, "Se necesita una acción urgente", "msgstr replaced");
	}
	const char *out = tmp_path("setmsgstr.po");
	INT_EQ(ms_catalog_write(c, out, NULL, NULL), MS_OK, "write");
	ms_catalog *back = read_ok(out);
	e = back ? ms_catalog_find(back, "heading", "Urgent action is needed") : NULL;
	OK(e && !e->fuzzy && strcmp(e->msgstr, "Se necesita una acción urgente") == 0,
	   "edit survives a round trip");
	ms_catalog_free(back);
	ms_catalog_free(c);
}

/* --------------------------------------------------------------- errors */

static void
test_errors(void)
{
	static const struct {
		const char *file;
		ms_status st;
		unsigned line, col;
		unsigned note;
	} cases[] = {
		{ "broken-eol.po", MS_ERR_PARSE, 9, 7, 0 },
		{ "broken-keyword.po", MS_ERR_PARSE, 9, 0, 0 },
		{ "broken-dup.po", MS_ERR_PARSE, 17, 0, 6 },
		{ "broken-utf8.po", MS_ERR_ENCODING, 5, 11, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char path[4096];
		diags x;
		ms_diag_handler h = handler(&x);
		ms_catalog *c = (ms_catalog *)&x;
		snprintf(path, sizeof path, "%s%s", DATA, cases[i].file);
		INT_EQ(ms_catalog_read(path, &c, &h), cases[i].st, "%s: status",
		       cases[i].file);
		OK(c == NULL, "%s: no catalogue", cases[i].file);
		OK(x.errors >= 1, "%s: an error is reported", cases[i].file);
		INT_EQ(x.line, cases[i].line, "%s: error line", cases[i].file);
		if (cases[i].col)
			INT_EQ(x.col, cases[i].col, "%s: error column", cases[i].file);
		if (cases[i].note)
			INT_EQ(x.note_line, cases[i].note, "%s: note at the first definition",
			       cases[i].file);
	}
	diags x;
	ms_diag_handler h = handler(&x);
	ms_catalog *c = NULL;
	INT_EQ(ms_catalog_read(DATA "no-such-file.po", &c, &h), MS_ERR_NOT_FOUND,
	       "missing file");
	OK(c == NULL && x.errors == 1, "missing file: one error, no catalogue");
	STR_EQ(strstr(x.msg, "cannot open") ? "yes" : x.msg, "yes",
	       "missing file: message says so");
}

/* ---------------------------------------------------------------- merge */

static void
test_merge(void)
{
	ms_catalog *po = read_ok(DATA "merge-old.po");
	ms_catalog *pot = read_ok(DATA "merge-new.pot");
	ms_merge_stats st;
	diags x;
	ms_diag_handler h = handler(&x);
	ms_entry *e;
	const char *kim_short =
		"We urge the authorities to release Ms Kim Min-ji immediately.";
	const char *kim_long =
		"We urge the authorities to release Ms Kim Min-ji immediately and "
		"unconditionally, and to drop all charges against her.";
	const char *park = "We call on the authorities to free Mr Park Ji-hoon at once.";
	const char *kim_new =
		"We urge the authorities to release Ms Kim Min-ji immediately and "
		"unconditionally.";
	if (!po || !pot) {
		ms_catalog_free(po);
		ms_catalog_free(pot);
		return;
	}
	INT_EQ(ms_catalog_merge(po, pot, "es", &st, &h), MS_OK, "merge");
	INT_EQ(st.kept, 3, "kept: exact matches");
	INT_EQ(st.fuzzy, 2, "fuzzy matches");
	INT_EQ(st.added, 1, "added without a match");
	INT_EQ(st.obsoleted, 3, "obsoleted");

	/* Order follows the template; obsolete entries come last. */
	e = ms_catalog_entry(po, 0);
	STR_EQ(e ? e->msgid : NULL, "Dear Minister,", "template order");
	if (e) {
		STR_EQ(e->msgstr, "Estimado señor Ministro:", "kept: translation");
		STR_EQ(e->comments, "Formal register, please.", "kept: translator comment");
		STR_EQ(e->refs ? e->refs[0] : NULL, "corpus/000.md:2",
		       "kept: references from the template");
		OK(!e->fuzzy, "kept: not fuzzy");
	}
	e = ms_catalog_find(po, NULL, "Yours sincerely,");
	OK(e && e->fuzzy && strcmp(e->msgstr, "Atentamente,") == 0,
	   "kept: the fuzzy flag too");

	e = ms_catalog_find(po, NULL, kim_new);
	OK(e && e->fuzzy, "changed: fuzzy");
	STR_EQ(e ? e->prev_msgid : NULL, kim_short, "changed: the best candidate");
	STR_EQ(e ? e->msgstr : NULL,
	       "Instamos a las autoridades a liberar inmediatamente a la Sra. Kim Min-ji.",
	       "changed: its translation");
	double s1 = ms_catalog_similarity(kim_new, kim_short);
	double s2 = ms_catalog_similarity(kim_new, kim_long);
	double s3 = ms_catalog_similarity(kim_new, park);
	OK(s1 > s2 && s2 >= 0.6 && s3 < s2,
	   "the chosen candidate is the most similar of several (%.3f > %.3f, %.3f)",
	   s1, s2, s3);

	e = ms_catalog_find(po, "heading", "Urgent action!");
	OK(e && e->fuzzy && strcmp(e->msgstr, "Acción urgente") == 0,
	   "a candidate without the context is fine for fuzzy");
	STR_EQ(e ? e->prev_msgid : NULL, "Urgent action", "its previous msgid");
	OK(e && !e->prev_msgctxt, "its previous context (none)");

	e = ms_catalog_find(po, NULL, "With respect,");
	OK(e && !e->obsolete && !e->fuzzy
	   && strcmp(e->msgstr, "Con todo respeto,") == 0,
	   "an obsolete entry is revived when its msgid returns");

	e = ms_catalog_find(po, NULL, "A brand new sentence about something else entirely.");
	OK(e && !*e->msgstr && !e->fuzzy, "new entry: untranslated");

	size_t obsolete = 0;
	bool removed_kept = false, untranslated_kept = false, fuzzy_source_kept = false;
	for (size_t i = 0; i < ms_catalog_count(po); i++) {
		e = ms_catalog_entry(po, i);
		if (!e->obsolete)
			continue;
		obsolete++;
		if (strcmp(e->msgid, "This sentence was removed from the letter.") == 0)
			removed_kept = e->refs == NULL;
		if (strcmp(e->msgid, "This untranslated sentence was removed too.") == 0)
			untranslated_kept = true;
		if (strcmp(e->msgid, kim_short) == 0)
			fuzzy_source_kept = true;
	}
	INT_EQ(obsolete, 3, "three obsolete entries");
	OK(removed_kept, "vanished translated entry: obsolete, without references");
	OK(!untranslated_kept, "vanished untranslated entry: dropped");
	OK(!fuzzy_source_kept, "the source of a fuzzy match is used up (as msgmerge)");
	OK(ms_catalog_find(po, NULL, "This sentence was removed from the letter.") == NULL,
	   "find does not return obsolete entries");

	char *v = ms_catalog_header_get(po, "Language");
	STR_EQ(v, "es", "header: Language set");
	free(v);
	header_is(po, "Plural-Forms", "nplurals=2; plural=(n != 1);", "header: Plural-Forms set");
	header_is(po, "Last-Translator", "Ana Pérez <ana@example.invalid>", "header: the PO's kept");
	header_is(po, "POT-Creation-Date", "2024-05-01 10:00+0000", "header: the template's date");

	/* The same as msgmerge, but for the Plural-Forms line we add. */
	const char *ours = tmp_path("merged.po"), *theirs = tmp_path("msgmerge.po");
	INT_EQ(ms_catalog_write(po, ours, NULL, &h), MS_OK, "write merged");
	OK(msgfmt_ok(ours), "msgfmt -c accepts the merged file");
	OK(run("msgmerge -q --previous '%s' " DATA "merge-new.pot -o '%s'",
	       DATA "merge-old.po", theirs) == 0, "msgmerge runs");
	OK(run("grep -v '^\"Plural-Forms: ' '%s' | cmp -s - '%s'", ours, theirs) == 0,
	   "merged output equals msgmerge --previous");
	INT_EQ(x.errors, 0, "no errors");
	ms_catalog_free(po);
	ms_catalog_free(pot);

	/* Merging into an empty catalogue: header for Korean. */
	po = ms_catalog_new();
	pot = read_ok(DATA "template.pot");
	if (pot) {
		ms_catalog_merge(po, pot, "ko", &st, NULL);
		header_is(po, "Plural-Forms", "nplurals=1; plural=0;", "ko: one plural form");
		header_is(po, "Language", "ko", "ko: Language");
		INT_EQ(st.added, 3, "ko: all entries added");
		header_is(po, "Project-Id-Version", "missive 0.1", "new translation: the template's header");
		e = ms_catalog_find(po, NULL, "");
		OK(e && !e->fuzzy, "new translation: header not fuzzy (as msginit)");
		const char *ko = tmp_path("new-ko.po");
		INT_EQ(ms_catalog_write(po, ko, NULL, NULL), MS_OK, "ko: write");
		OK(msgfmt_ok(ko), "ko: msgfmt -c accepts the new translation");
		ms_catalog_free(pot);
	}
	ms_catalog_free(po);
}

/* An empty PO file (issue 18, item 18: "touch po/es.po" is how many start
 * a translation) reads as a catalogue with nothing in it, and an update
 * gives it the header msginit would: the template's, with the fields the
 * caller set first (as the CLI sets PO-Revision-Date) kept, Language and
 * Plural-Forms for the language.  A translation whose header lacks
 * Project-Id-Version takes the template's. */
static void
test_merge_empty_file(void)
{
	const char *path = tmp_path("empty-es.po");
	FILE *f = fopen(path, "w");
	diags x;
	ms_diag_handler h = handler(&x);
	ms_catalog *po = NULL, *pot = read_ok(DATA "template.pot");
	ms_merge_stats st;
	if (f)
		fclose(f);
	INT_EQ(ms_catalog_read(path, &po, &h), MS_OK, "an empty PO file reads");
	INT_EQ(ms_catalog_count(po), 0, "with no entry");
	OK(po && !ms_catalog_find(po, NULL, ""), "and no header");
	if (!po || !pot) {
		ms_catalog_free(po);
		ms_catalog_free(pot);
		return;
	}
	/* What `missive update` sets before merging, when missing. */
	ms_catalog_header_set(po, "PO-Revision-Date", "2024-06-01 12:00+0000");
	ms_catalog_header_set(po, "Last-Translator", "Ana <ana@example.invalid>");
	ms_catalog_header_set(po, "Language-Team", "Spanish");
	INT_EQ(ms_catalog_merge(po, pot, "es", &st, &h), MS_OK, "merge into it");
	INT_EQ(st.added, 3, "every template entry added");
	header_is(po, "Project-Id-Version", "missive 0.1", "Project-Id-Version from the template");
	header_is(po, "Last-Translator", "Ana <ana@example.invalid>", "a field set before the merge is kept");
	header_is(po, "Language", "es", "Language");
	header_is(po, "Plural-Forms", "nplurals=2; plural=(n != 1);", "Plural-Forms");
	header_is(po, "Content-Type", "text/plain; charset=UTF-8", "charset UTF-8");
	ms_entry *hd = ms_catalog_find(po, NULL, "");
	OK(hd && !hd->fuzzy, "the header is not fuzzy");
	INT_EQ(ms_catalog_write(po, path, NULL, &h), MS_OK, "write it");
	OK(run("msgfmt -c -o /dev/null '%s' 2>&1 | grep -q .", path) != 0,
	   "msgfmt -c accepts it without a word");
	ms_catalog_free(po);

	/* Entries already, but no Project-Id-Version. */
	po = ms_catalog_new();
	ms_entry_set_msgstr(ms_catalog_add(po, NULL, "Dear Minister,", NULL, NULL),
	                    "Estimado Ministro:", true);
	ms_catalog_header_set(po, "Language", "es");
	ms_catalog_merge(po, pot, "es", &st, &h);
	header_is(po, "Project-Id-Version", "missive 0.1", "a missing Project-Id-Version is filled");
	ms_catalog_free(po);

	/* One that has it keeps it. */
	po = ms_catalog_new();
	ms_catalog_add(po, NULL, "Dear Minister,", NULL, NULL);
	ms_catalog_header_set(po, "Project-Id-Version", "letters 2");
	ms_catalog_merge(po, pot, "es", &st, &h);
	header_is(po, "Project-Id-Version", "letters 2", "an existing Project-Id-Version is kept");
	INT_EQ(x.errors, 0, "no errors");
	ms_catalog_free(po);
	ms_catalog_free(pot);
}

/* ms_catalog_write_replace: a translator's save that lands between the
 * read and the write is never overwritten. */
static void
test_write_replace(void)
{
	const char *path = tmp_path("replace.po");
	ms_catalog *c = ms_catalog_new();
	ms_file_id id;
	diags x;
	ms_diag_handler h = handler(&x);
	bool changed = false;
	ms_entry_set_msgstr(ms_catalog_add(c, NULL, "Dear Minister,", NULL, NULL),
	                    "Estimado Ministro:", true);
	INT_EQ(ms_catalog_write(c, path, NULL, &h), MS_OK, "write");
	INT_EQ(ms_file_id_get(path, true, &id, &h), MS_OK, "what the file is");
	/* The translator saves. */
	OK(run("sed -i 's/Estimado Ministro:/Señor Ministro:/' '%s'", path) == 0,
	   "the translator saves their change");
	ms_entry_set_msgstr(ms_catalog_find(c, NULL, "Dear Minister,"), "Otro:", true);
	INT_EQ(ms_catalog_write_replace(c, path, &id, &changed, &h), MS_ERR_CHANGED,
	       "a write that would replace the save is refused");
	OK(!changed && x.errors == 1, "with an error, nothing written");
	OK(run("grep -q 'Señor Ministro:' '%s'", path) == 0, "the save is there");
	INT_EQ(ms_file_id_get(path, true, &id, NULL), MS_OK, "what the file is now");
	INT_EQ(ms_catalog_write_replace(c, path, &id, &changed, NULL), MS_OK,
	       "against the file as it is now: written");
	OK(changed && run("grep -q 'Otro:' '%s'", path) == 0, "the new text is there");
	ms_catalog_free(c);
}

/* ms_entry_is_translated (issue 18, item 8): a msgstr of white space
 * from a PO editor or an XLIFF target is no translation, nor one of
 * control or format characters only. */
static void
test_is_translated(void)
{
	static const struct {
		const char *msgstr;
		bool fuzzy, obsolete, want;
		const char *what;
	} cases[] = {
		{ "Estimado Ministro:", false, false, true, "a translation" },
		{ "Estimado Ministro:", true, false, false, "fuzzy" },
		{ "Estimado Ministro:", false, true, false, "obsolete" },
		{ "", false, false, false, "empty" },
		{ " ", false, false, false, "a space" },
		{ " \t\n\r\v\f", false, false, false, "ASCII blanks" },
		{ "\xc2\xa0\xe3\x80\x80\xe2\x80\x83\xe2\x80\xaf\xc2\x85",
		  false, false, false, "no-break, ideographic, em, narrow spaces, NEL" },
		{ "\xe3\x80\x80\xec\x84\x9c\xed\x95\x9c\xe3\x80\x80", false, false, true,
		  "text between ideographic spaces" },
		/* invisible characters only (ms_utf8_is_unwanted, Unicode Cf):
		 * nothing a reader would see */
		{ "\xe2\x80\x8b", false, false, false,
		  "a zero-width space (Cf, not White_Space)" },
		{ "\x1b\x07\x7f\xc2\x9b", false, false, false, "ESC BEL DEL CSI" },
		{ " \xe2\x80\xae\xe2\x80\x8f\xe2\x81\xa6", false, false, false,
		  "bidirectional controls" },
		{ "\xef\xbb\xbf\xc2\xad\xe2\x80\x8d", false, false, false,
		  "byte order mark, soft hyphen, zero-width joiner" },
		{ "\xef\xbf\xbe\xef\xb7\x90", false, false, false, "noncharacters" },
		{ "\xe2\x80\x8b\xea\xb0\x90\xe2\x80\x8b", false, false, true,
		  "text between zero-width spaces" },
		{ "\xff", false, false, true, "a byte that is not UTF-8 (text)" },
		{ " .", false, false, true, "a full stop" },
	};
	ms_catalog *c = ms_catalog_new();
	OK(!ms_entry_is_translated(NULL) && !ms_entry_has_text(NULL),
	   "NULL: not translated, no text");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char id[32];
		snprintf(id, sizeof id, "Sentence %zu.", i);
		ms_entry *e = ms_catalog_add(c, NULL, id, NULL, NULL);
		ms_entry_set_msgstr(e, cases[i].msgstr, true);
		e->fuzzy = cases[i].fuzzy;
		e->obsolete = cases[i].obsolete;
		OK(ms_entry_is_translated(e) == cases[i].want, "%s: %s", cases[i].what,
		   cases[i].want ? "translated" : "not translated");
		/* Text to offer, whatever the marks: only blanks have none. */
		bool text = cases[i].want || cases[i].fuzzy || cases[i].obsolete;
		OK(ms_entry_has_text(e) == text, "%s: %s", cases[i].what,
		   text ? "has text" : "has no text");
	}
	ms_catalog_free(c);

	ms_catalog *p = read_ok(DATA "plural.po");
	ms_entry *e = p ? ms_catalog_find(p, NULL, "%d letter") : NULL;
	if (e && e->msgstr_plural && e->msgstr_plural[0] && e->msgstr_plural[1]) {
		OK(ms_entry_is_translated(e), "plural: translated");
		free(e->msgstr_plural[0]);
		e->msgstr_plural[0] = strdup("  ");
		OK(ms_entry_is_translated(e), "plural: one form of blanks, one not");
		free(e->msgstr_plural[1]);
		e->msgstr_plural[1] = strdup("");
		OK(!ms_entry_is_translated(e), "plural: every form blank or empty");
	} else {
		OK(0, "plural.po has a two-form entry");
	}
	ms_catalog_free(p);

	/* A merge does not offer blanks as a fuzzy translation. */
	ms_catalog *po = ms_catalog_new(), *pot = ms_catalog_new();
	ms_merge_stats st;
	ms_entry_set_msgstr(ms_catalog_add(po, NULL, "We urge the authorities.", NULL, NULL),
	                    " \xe3\x80\x80", true);
	ms_catalog_add(pot, NULL, "We urge the authorities!", NULL, NULL);
	ms_catalog_merge(po, pot, "es", &st, NULL);
	e = ms_catalog_find(po, NULL, "We urge the authorities!");
	OK(e && !e->fuzzy && !*e->msgstr && st.fuzzy == 0,
	   "merge: blanks are no fuzzy candidate");
	INT_EQ(st.obsoleted, 1, "merge: but they are kept, obsolete, as msgmerge keeps them");
	ms_catalog_free(po);
	ms_catalog_free(pot);
}

/* Plural entries take as many forms as the language has. */
static void
test_merge_plurals(void)
{
	ms_catalog *pot = read_ok(DATA "ko.po");
	ms_merge_stats st;
	ms_entry *e;
	if (!pot)
		return;
	static const struct {
		const char *lang;
		size_t forms;
	} cases[] = { { "ko", 1 }, { "es", 2 }, { "ru", 3 } };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ms_catalog *po = ms_catalog_new();
		char name[64];
		ms_catalog_merge(po, pot, cases[i].lang, &st, NULL);
		e = ms_catalog_find(po, NULL, "%d letter");
		OK(e && e->msgid_plural && strcmp(e->msgid_plural, "%d letters") == 0,
		   "%s: plural entry", cases[i].lang);
		INT_EQ(e ? vlen(e->msgstr_plural) : 0, cases[i].forms, "%s: %zu empty forms",
		       cases[i].lang, cases[i].forms);
		snprintf(name, sizeof name, "plural-%s.po", cases[i].lang);
		INT_EQ(ms_catalog_write(po, tmp_path(name), NULL, NULL), MS_OK,
		       "%s: write", cases[i].lang);
		OK(msgfmt_ok(tmp_path(name)), "%s: msgfmt -c accepts it", cases[i].lang);
		ms_catalog_free(po);
	}
	ms_catalog_free(pot);

	/* A plural entry whose template lost its plural: msgstr[0] stays, and
	 * the translator has to look again. */
	ms_catalog *po = read_ok(DATA "plural.po");
	pot = ms_catalog_new();
	ms_catalog_add(pot, NULL, "%d letter", NULL, "core/main.c:10");
	if (po) {
		ms_catalog_merge(po, pot, "es", &st, NULL);
		e = ms_catalog_find(po, NULL, "%d letter");
		OK(e && !e->msgid_plural && !e->msgstr_plural
		   && strcmp(e->msgstr, "%d carta") == 0 && e->fuzzy,
		   "plural to singular: first form kept, fuzzy");
		ms_catalog_free(po);
	}
	ms_catalog_free(pot);
}

/* Many near-identical candidates: the index must still find the best. */
static void
test_merge_index(void)
{
	enum { N = 3000, CHANGED = 1234 };
	ms_catalog *po = ms_catalog_new(), *pot = ms_catalog_new();
	char id[256], str[256], changed_id[256];
	ms_merge_stats st;

	for (int i = 0; i < N; i++) {
		snprintf(id, sizeof id, "Case %05d: we urge the release of the defender "
		         "detained since %d and held without charge.", i, 1990 + i % 30);
		snprintf(str, sizeof str, "Caso %05d: pedimos la liberación.", i);
		ms_entry_set_msgstr(ms_catalog_add(po, NULL, id, NULL, NULL), str, true);
		if (i == CHANGED) {
			snprintf(changed_id, sizeof changed_id, "Case %05d: we urge the "
			         "immediate release of the defender detained since %d and "
			         "held without charge.", i, 1990 + i % 30);
			ms_catalog_add(pot, NULL, changed_id, NULL, NULL);
		} else {
			ms_catalog_add(pot, NULL, id, NULL, NULL);
		}
	}
	ms_catalog_merge(po, pot, "es", &st, NULL);
	INT_EQ(st.kept, N - 1, "index: kept");
	INT_EQ(st.fuzzy, 1, "index: one fuzzy");
	ms_entry *e = ms_catalog_find(po, NULL, changed_id);
	snprintf(id, sizeof id, "Case %05d: we urge the release of the defender "
	         "detained since %d and held without charge.", CHANGED, 1990 + CHANGED % 30);
	STR_EQ(e ? e->prev_msgid : NULL, id, "index: the right one of 3000 look-alikes");
	snprintf(str, sizeof str, "Caso %05d: pedimos la liberación.", CHANGED);
	STR_EQ(e ? e->msgstr : NULL, str, "index: its translation");

	/* Brute force agrees. */
	double best = -1;
	int best_i = -1;
	for (int i = 0; i < N; i++) {
		snprintf(id, sizeof id, "Case %05d: we urge the release of the defender "
		         "detained since %d and held without charge.", i, 1990 + i % 30);
		double s = ms_catalog_similarity(changed_id, id);
		if (s > best) {
			best = s;
			best_i = i;
		}
	}
	INT_EQ(best_i, CHANGED, "index: brute force picks the same candidate");
	ms_catalog_free(po);
	ms_catalog_free(pot);
}

static void
test_similarity(void)
{
	OK(ms_catalog_similarity("abc", "abc") == 1.0, "identical: 1");
	OK(ms_catalog_similarity("", "") == 1.0, "both empty: 1");
	OK(ms_catalog_similarity("abc", "") == 0.0, "one empty: 0");
	OK(ms_catalog_similarity("abc", "xyz") == 0.0, "nothing shared: 0");
	OK(ms_catalog_similarity("abcd", "abce") == 0.75, "abcd/abce: 0.75");
	double k = ms_catalog_similarity("kitten", "sitting");
	OK(k > 0.615 && k < 0.616, "kitten/sitting: 8/13 (%.4f)", k);
	OK(ms_catalog_similarity("kitten", "sitting")
	   == ms_catalog_similarity("sitting", "kitten"), "symmetric");
	double ko = ms_catalog_similarity("대통령님께", "대통령께");
	OK(ko > 0.888 && ko < 0.889, "counts characters, not bytes (%.4f)", ko);
	OK(ms_catalog_similarity("Dear Minister,", "Dear Minister:") > 0.9,
	   "punctuation change is close");
	OK(ms_catalog_similarity("Dear Minister,", "Yours sincerely,") < 0.6,
	   "different sentences are far");
}

/* A string cut inside a UTF-8 sequence (set through the API, not read)
 * is refused with an error on both paths; libgettextpo 0.21 would abort
 * the process on it. */
static void
test_write_bad_utf8(void)
{
	static const char *const io[] = { NULL, "libgettextpo" };
	for (size_t k = 0; k < 2; k++) {
		diags x;
		ms_diag_handler h = handler(&x);
		ms_catalog *c = ms_catalog_new();
		ms_entry *e = ms_catalog_add(c, NULL, "Dear Minister,", NULL, "a.md:1");
		const char *path = tmp_path(k ? "bad-utf8-gettextpo.po" : "bad-utf8-fast.po");
		struct stat sb;
		if (io[k])
			setenv("MISSIVE_PO_IO", io[k], 1);
		else
			unsetenv("MISSIVE_PO_IO");
		ms_entry_set_msgstr(e, "\xec\xb9", true);   /* half of a Hangul syllable */
		INT_EQ(ms_catalog_write(c, path, NULL, &h), MS_ERR_ENCODING,
		       "cut UTF-8 in a msgstr: refused (%s path)", io[k] ? io[k] : "fast");
		OK(x.errors == 1 && strstr(x.msg, "not valid UTF-8"),
		   "with an error saying so (%s)", x.msg);
		OK(stat(path, &sb) != 0, "and nothing written");
		ms_catalog_free(c);
	}
	unsetenv("MISSIVE_PO_IO");
}

int
main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "%s/tests/catalog-tmp.XXXXXX", TOP_BUILDDIR);
	if (!mkdtemp(tmpdir)) {
		perror(tmpdir);
		return 1;
	}
	setenv("TMPDIR", tmpdir, 1);

	test_round_trips();
	test_read_details();
	test_unknown_flag();
	test_add();
	test_write_no_churn();
	test_write_missing_folder();
	test_write_bad_utf8();
	test_set_msgstr();
	test_errors();
	test_merge();
	test_merge_empty_file();
	test_is_translated();
	test_write_replace();
	test_merge_plurals();
	test_merge_index();
	test_similarity();

	if (!getenv("KEEP_TMP"))
		run("rm -rf '%s'", tmpdir);
	return done_testing();
}

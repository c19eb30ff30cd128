/* test-segment.c — the sentence segmenter: the data-driven sets in
 * tests/segment/<lang>.txt, plus API behaviour (paragraph mode, empty and
 * invalid input, exception files, a large paragraph). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "missive.h"
#include "segment.h"
#include "tap.h"

#ifndef TOP_SRCDIR
#define TOP_SRCDIR "."
#endif

/* ------------------------------------------------------------ helpers */

struct diags {
	unsigned count;
	char file[512];
	unsigned line, column;
	char message[512];
};

static void
collect(const ms_diag *d, void *data)
{
	struct diags *c = data;
	c->count++;
	snprintf(c->file, sizeof c->file, "%s", d->file ? d->file : "");
	c->line = d->line;
	c->column = d->column;
	snprintf(c->message, sizeof c->message, "%s", d->message);
}

/* White space at T[I] or ending at T[I] (ASCII, NBSP, ideographic). */
static int
space_at(const char *t, size_t i, size_t len)
{
	unsigned char c = (unsigned char)t[i];
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
		return 1;
	if (c == 0xC2 && i + 1 < len && (unsigned char)t[i + 1] == 0xA0)
		return 1;
	if (c == 0xE3 && i + 2 < len && (unsigned char)t[i + 1] == 0x80
	    && (unsigned char)t[i + 2] == 0x80)
		return 1;
	return 0;
}

static int
space_before(const char *t, size_t e)
{
	unsigned char c = (unsigned char)t[e - 1];
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
		return 1;
	if (e >= 2 && c == 0xA0 && (unsigned char)t[e - 2] == 0xC2)
		return 1;
	if (e >= 3 && c == 0x80 && (unsigned char)t[e - 2] == 0x80
	    && (unsigned char)t[e - 3] == 0xE3)
		return 1;
	return 0;
}

/* Spans in order, not overlapping, not empty, trimmed. */
static int
spans_well_formed(const char *t, size_t len, const ms_span *sp, size_t n)
{
	size_t prev = 0;
	for (size_t i = 0; i < n; i++) {
		if (sp[i].start < prev || sp[i].end <= sp[i].start || sp[i].end > len)
			return 0;
		if (space_at(t, sp[i].start, len) || space_before(t, sp[i].end))
			return 0;
		prev = sp[i].end;
	}
	return 1;
}

static ms_segmenter *
open_seg(const char *lang, ms_seg_mode mode, const char *datadir)
{
	ms_segmenter *s = NULL;
	ms_diag_handler h = { NULL, NULL, 0, 0 };
	if (ms_segmenter_new(lang, mode, datadir, &s, &h) != MS_OK || h.errors)
		return NULL;
	return s;
}

/* Number of sentences TEXT splits into (or -1 on error). */
static long
count_segments(ms_segmenter *s, const char *text)
{
	ms_span *sp;
	size_t n;
	if (ms_segmenter_split(s, text, strlen(text), &sp, &n) != MS_OK)
		return -1;
	free(sp);
	return (long)n;
}

static void
write_file(const char *path, const char *content)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(99);
	}
	fputs(content, f);
	fclose(f);
}

/* --------------------------------------------------- data-driven sets */

struct tally {
	int cases, right, todo;
	int sentences, found;   /* expected sentences produced exactly */
};

/* The first ~40 bytes of TEXT, cut at a character boundary, as a TAP
 * description (no newlines, no '#'). */
static void
describe(char *out, size_t cap, const char *lang, const char *text)
{
	size_t n = strlen(text), k = 0, i;
	if (n > 40) {
		n = 40;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
	}
	k = (size_t)snprintf(out, cap, "%s: ", lang);
	for (i = 0; i < n && k + 1 < cap; i++) {
		char c = text[i];
		out[k++] = c == '\n' || c == '#' ? ' ' : c;
	}
	out[k] = '\0';
}

static void
run_case(ms_segmenter *s, const char *lang, const char *input,
         char **want, size_t nwant, const char *todo, struct tally *t)
{
	ms_span *sp = NULL;
	size_t n = 0, len = strlen(input);
	ms_status st = ms_segmenter_split(s, input, len, &sp, &n);
	char **got = calloc(n + 1, sizeof *got);
	char desc[128];
	int same = st == MS_OK && n == nwant;
	size_t w = 0;

	for (size_t i = 0; st == MS_OK && i < n; i++) {
		/* as the CLI prints it: one line, white space runs as one space */
		ms_buf line = MS_BUF_INIT;
		ms_segment_normalize(&line, input + sp[i].start, sp[i].end - sp[i].start);
		got[i] = strdup(line.ptr);
		ms_buf_release(&line);
		if (i < nwant && strcmp(got[i], want[i]) != 0)
			same = 0;
	}
	/* sentences found: expected ones produced exactly, in order */
	for (size_t i = 0; st == MS_OK && i < n && w < nwant; i++) {
		for (size_t j = w; j < nwant; j++) {
			if (strcmp(got[i], want[j]) == 0) {
				t->found++;
				w = j + 1;
				break;
			}
		}
	}
	t->sentences += (int)nwant;
	t->cases++;
	if (same)
		t->right++;
	if (st == MS_OK && !spans_well_formed(input, len, sp, n))
		same = 0;
	describe(desc, sizeof desc, lang, input);
	if (!same && todo) {
		tap_count_++;
		t->todo++;
		printf("not ok %d - %s # TODO %s\n", tap_count_, desc, todo);
	} else {
		OK(same, "%s", desc);
		if (same && todo)
			printf("# todo case now passes (%s)\n", todo);
	}
	if (!same) {
		printf("#   status %d\n", (int)st);
		for (size_t i = 0; i < n; i++)
			printf("#   got  = %s\n", got[i]);
		for (size_t i = 0; i < nwant; i++)
			printf("#   want = %s\n", want[i]);
	}
	for (size_t i = 0; i < n; i++)
		free(got[i]);
	free(got);
	free(sp);
}

static void
run_set(const char *lang)
{
	char path[1024];
	char *data = NULL, *todo = NULL;
	size_t len = 0, pos = 0, nwant = 0, cap = 0;
	char **want = NULL;
	ms_buf input = MS_BUF_INIT;
	int have_input = 0;
	struct tally t = { 0, 0, 0, 0, 0 };
	ms_diag_handler h = { NULL, NULL, 0, 0 };
	ms_segmenter *s = open_seg(lang, MS_SEG_SENTENCE, NULL);

	snprintf(path, sizeof path, "%s/tests/segment/%s.txt", TOP_SRCDIR, lang);
	if (!s || ms_read_file(path, &data, &len, &h) != MS_OK) {
		OK(0, "%s: cannot open the segmenter or read %s", lang, path);
		ms_segmenter_free(s);
		return;
	}
	while (pos <= len) {
		char *l = data + pos, *nl = memchr(l, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - l) : len - pos;
		pos += n + 1;
		if (n && l[n - 1] == '\r')
			n--;
		l[n] = '\0';
		if (n == 0 || pos > len) {
			if (have_input) {
				run_case(s, lang, input.ptr, want, nwant, todo, &t);
				for (size_t i = 0; i < nwant; i++)
					free(want[i]);
				nwant = 0;
				ms_buf_reset(&input);
				have_input = 0;
				free(todo);
				todo = NULL;
			}
			if (n == 0)
				continue;
		}
		if (l[0] == '#') {
			if (strncmp(l, "# todo:", 7) == 0) {
				free(todo);
				todo = strdup(l + 7 + strspn(l + 7, " "));
			}
			continue;
		}
		if (l[0] == '>') {
			if (have_input)
				ms_buf_putc(&input, '\n');
			ms_buf_puts(&input, l + (l[1] == ' ' ? 2 : 1));
			have_input = 1;
		} else if (l[0] == '=') {
			if (nwant == cap) {
				cap = cap ? cap * 2 : 8;
				want = realloc(want, cap * sizeof *want);
			}
			want[nwant++] = strdup(l + (l[1] == ' ' ? 2 : 1));
		}
	}
	if (have_input) {
		run_case(s, lang, input.ptr, want, nwant, todo, &t);
		for (size_t i = 0; i < nwant; i++)
			free(want[i]);
	}
	free(todo);
	free(want);
	free(data);
	ms_buf_release(&input);
	ms_segmenter_free(s);
	printf("# accuracy %s: %d/%d", lang, t.right, t.cases);
	if (t.todo)
		printf(" (%d todo)", t.todo);
	printf("\n# sentences %s: %d/%d found exactly\n", lang, t.found, t.sentences);
	OK(t.cases >= 110, "%s: at least 110 cases (%d)", lang, t.cases);
}

/* --------------------------------------------------------- API tests */

static void
test_paragraph_mode(void)
{
	const char *text = "  First sentence. Second one!\nThird?  \n";
	ms_segmenter *s = open_seg("en", MS_SEG_PARAGRAPH, NULL);
	ms_span *sp = NULL;
	size_t n = 0;
	OK(s != NULL, "paragraph: segmenter opens");
	if (!s)
		return;
	INT_EQ(ms_segmenter_split(s, text, strlen(text), &sp, &n), MS_OK, "paragraph: split");
	INT_EQ(n, 1, "paragraph: one segment");
	if (n == 1) {
		INT_EQ(sp[0].start, 2, "paragraph: leading space trimmed");
		INT_EQ(sp[0].end, strlen(text) - 3, "paragraph: trailing space trimmed");
	}
	free(sp);
	ms_segmenter_free(s);
}

static void
test_empty_and_invalid(void)
{
	ms_segmenter *s = open_seg("en", MS_SEG_SENTENCE, NULL);
	ms_span *sp = (ms_span *)&sp;
	size_t n = 99;
	OK(s != NULL, "sentence segmenter opens");
	if (!s)
		return;
	INT_EQ(ms_segmenter_split(s, "", 0, &sp, &n), MS_OK, "empty: ok");
	INT_EQ(n, 0, "empty: no segments");
	OK(sp == NULL, "empty: no array");
	INT_EQ(ms_segmenter_split(s, NULL, 0, &sp, &n), MS_OK, "NULL text, length 0: ok");
	INT_EQ(n, 0, "NULL text: no segments");
	INT_EQ(ms_segmenter_split(s, " \n\t\r \xc2\xa0\xe3\x80\x80 ", 11, &sp, &n), MS_OK,
	       "white space only: ok");
	INT_EQ(n, 0, "white space only: no segments");
	free(sp);
	INT_EQ(ms_segmenter_split(s, "Hello. \xff World.", 15, &sp, &n), MS_ERR_ENCODING,
	       "invalid UTF-8: MS_ERR_ENCODING");
	OK(sp == NULL && n == 0, "invalid UTF-8: no spans");
	INT_EQ(ms_segmenter_split(s, "Hi.\0There.", 10, &sp, &n), MS_ERR_ENCODING,
	       "NUL byte: MS_ERR_ENCODING");
	INT_EQ(ms_segmenter_split(s, "Truncated \xe2\x80", 12, &sp, &n), MS_ERR_ENCODING,
	       "truncated sequence: MS_ERR_ENCODING");
	ms_segmenter_free(s);
	ms_segmenter_free(NULL);
	OK(1, "ms_segmenter_free(NULL) does nothing");
}

static void
test_languages(void)
{
	ms_segmenter *s = NULL;
	ms_diag_handler h = { collect, NULL, 0, 0 };
	struct diags d = { 0, "", 0, 0, "" };
	h.data = &d;

	INT_EQ(ms_segmenter_new("../etc", MS_SEG_SENTENCE, NULL, &s, &h), MS_ERR_INVALID,
	       "language tag with a path: refused");
	OK(s == NULL && d.count == 1, "bad tag: one diagnostic, no segmenter");
	OK(strstr(d.message, "\"../etc\"") != NULL, "bad tag: the tag is quoted (%s)", d.message);
	INT_EQ(ms_segmenter_new("", MS_SEG_SENTENCE, NULL, &s, &h), MS_ERR_INVALID,
	       "empty language tag: refused");

	s = open_seg("de", MS_SEG_SENTENCE, NULL);
	OK(s != NULL, "German (ICU rules only) opens");
	if (s) {
		INT_EQ(count_segments(s, "Das ist gut. Wir gehen nach Hause. Bis morgen!"), 3,
		       "German: three sentences");
		ms_segmenter_free(s);
	}
	s = open_seg("ja", MS_SEG_SENTENCE, NULL);
	OK(s != NULL, "Japanese opens");
	if (s) {
		INT_EQ(count_segments(s, "今日は晴れです。明日は雨でしょう。"), 2,
		       "Japanese: split after 。 without a space");
		ms_segmenter_free(s);
	}
	s = open_seg("es-MX", MS_SEG_SENTENCE, NULL);
	OK(s != NULL, "es-MX opens (data of es)");
	if (s) {
		INT_EQ(count_segments(s, "La Sra. López llegó ayer. El Dr. Pérez no."), 2,
		       "es-MX: Spanish abbreviations apply");
		ms_segmenter_free(s);
	}
	s = open_seg("ko_KR", MS_SEG_SENTENCE, NULL);
	OK(s != NULL, "ko_KR opens");
	if (s) {
		INT_EQ(count_segments(s, "밥 먹었어 너는 뭐 했어"), 2,
		       "ko_KR: Korean endings apply");
		ms_segmenter_free(s);
	}
	s = open_seg("en", MS_SEG_SENTENCE, NULL);
	if (s) {
		INT_EQ(count_segments(s, "밥 먹었어 너는 뭐 했어"), 1,
		       "en: no Korean ending rule in English");
		ms_segmenter_free(s);
	}
}

static void
test_data_files(void)
{
	char dir[] = "/tmp/test-segment-XXXXXX";
	char path[256], sub[256];
	ms_segmenter *s = NULL;
	ms_diag_handler h = { collect, NULL, 0, 0 };
	struct diags d = { 0, "", 0, 0, "" };
	ms_status st;

	h.data = &d;
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(99);
	}
	/* no lang/ folder at all: no error, the built-in profile */
	st = ms_segmenter_new("en", MS_SEG_SENTENCE, dir, &s, &h);
	INT_EQ(st, MS_OK, "missing profile: no error");
	INT_EQ(d.count, 0, "missing profile: no diagnostic");
	if (s) {
		INT_EQ(count_segments(s, "Mr. Smith met Dr. Jones. They talked."), 2,
		       "missing profile: built-in data used");
		ms_segmenter_free(s);
		s = NULL;
	}

	snprintf(sub, sizeof sub, "%s/lang", dir);
	mkdir(sub, 0700);

	/* a profile of our own holds what the segmenter knows */
	snprintf(path, sizeof path, "%s/lang/en.yaml", dir);
	write_file(path, "# test data\nlanguage: en\nsegment:\n  prefix:\n"
	           "    - Xyz.\n  starter: [The]\n");
	st = ms_segmenter_new("en", MS_SEG_SENTENCE, dir, &s, &h);
	INT_EQ(st, MS_OK, "custom en.yaml: loads");
	if (s) {
		INT_EQ(count_segments(s, "We met Xyz. Abc today."), 1,
		       "custom en.yaml: its abbreviation is used");
		INT_EQ(count_segments(s, "It was J. The end."), 2,
		       "custom en.yaml: its starter is used");
		INT_EQ(count_segments(s, "It was J. An end."), 1,
		       "custom en.yaml: it replaces the built-in starters");
		ms_segmenter_free(s);
		s = NULL;
	}
	s = open_seg("en", MS_SEG_SENTENCE, NULL);
	if (s) {
		INT_EQ(count_segments(s, "We met Xyz. Abc today."), 2,
		       "default data: unknown abbreviation ends the sentence");
		ms_segmenter_free(s);
		s = NULL;
	}

	/* the same profile through a set of the caller's */
	{
		ms_profiles *set = ms_profiles_new((char *[]){ sub, NULL });
		st = ms_segmenter_open(set, "EN-gb", MS_SEG_SENTENCE, &s, &h);
		INT_EQ(st, MS_OK, "ms_segmenter_open: loads");
		if (s) {
			INT_EQ(count_segments(s, "We met Xyz. Abc today."), 1,
			       "ms_segmenter_open: the set's en.yaml, for EN-gb");
			ms_segmenter_free(s);
			s = NULL;
		}
		ms_profiles_free(set);
	}

	/* MISSIVE_DATADIR and the primary-subtag fallback */
	snprintf(path, sizeof path, "%s/lang/es.yaml", dir);
	write_file(path, "segment:\n  prefix: Qrs.\n");
	setenv("MISSIVE_DATADIR", dir, 1);
	st = ms_segmenter_new("es-AR", MS_SEG_SENTENCE, NULL, &s, &h);
	setenv("MISSIVE_DATADIR", TOP_SRCDIR "/data", 1);
	INT_EQ(st, MS_OK, "es-AR via $MISSIVE_DATADIR: loads es.yaml");
	if (s) {
		INT_EQ(count_segments(s, "Vimos a Qrs. Tuv hoy."), 1,
		       "es-AR: es.yaml from $MISSIVE_DATADIR is used");
		ms_segmenter_free(s);
		s = NULL;
	}

	/* a profile without Korean endings: no Korean rules */
	snprintf(path, sizeof path, "%s/lang/ko.yaml", dir);
	write_file(path, "segment:\n  starter: [나는]\n");
	st = ms_segmenter_new("ko", MS_SEG_SENTENCE, dir, &s, &h);
	if (s) {
		INT_EQ(count_segments(s, "그는 크다 나는 작다"), 1,
		       "ko.yaml without endings: no ending rule");
		ms_segmenter_free(s);
		s = NULL;
	}

	/* malformed profiles: located diagnostics (line, and column when
	 * not 0), no segmenter */
	{
		static const struct {
			const char *lang, *text, *what;
			ms_status st;
			unsigned line, column;
		} bad[] = {
			{ "en", "# comment\nsegment:\n  prefix: [Mr.]\n  bogus:\n    - x\n",
			  "unknown section", MS_ERR_INVALID, 5, 0 },
			{ "en", "segment:\n  prefix:\n    - Mr.\n    - Dr\n",
			  "abbreviation without a full stop", MS_ERR_INVALID, 4, 8 },
			{ "en", "segment:\n  starter: [The, \"\"]\n",
			  "empty word", MS_ERR_INVALID, 2, 0 },
			{ "en", "segment:\n  starter: [The, \"A B\"]\n",
			  "white space in a word", MS_ERR_INVALID, 2, 0 },
			{ "en", "segment:\n  prefix:\n    x: Mr.\n",
			  "a section that is not a list", MS_ERR_INVALID, 3, 0 },
			{ "en", "segment:\n  starter:\n    - The\n    - \xff\n",
			  "invalid UTF-8", MS_ERR_ENCODING, 4, 0 },
			{ "ko", "segment:\n  ending:\n    - 습니다\n    - \xe3\x84\xb8\xeb\x8b\xa4\n",
			  "jamo that cannot end a syllable (ㄸ다)", MS_ERR_INVALID, 4, 0 },
			{ "ko", "segment:\n  ending:\n    - 습니다\n    - 다x\n",
			  "Latin letter in an ending (column in characters)",
			  MS_ERR_INVALID, 4, 8 },
		};
		for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
			snprintf(path, sizeof path, "%s/lang/%s.yaml", dir, bad[i].lang);
			write_file(path, bad[i].text);
			d.count = 0;
			st = ms_segmenter_new(bad[i].lang, MS_SEG_SENTENCE, dir, &s, &h);
			INT_EQ(st, bad[i].st, "%s: status", bad[i].what);
			OK(s == NULL, "%s: no segmenter", bad[i].what);
			OK(d.count >= 1 && strstr(d.file, "lang/") != NULL,
			   "%s: file named (%s)", bad[i].what, d.file);
			INT_EQ(d.line, bad[i].line, "%s: line", bad[i].what);
			if (bad[i].column)
				INT_EQ(d.column, bad[i].column, "%s: column", bad[i].what);
			ms_segmenter_free(s);
			s = NULL;
		}
		OK(strstr(d.message, "\"다x\"") != NULL, "the entry is quoted (%s)", d.message);
	}

	write_file(path, "segment:\n  ending: [다]\n  not-ending: [-보다]\n"
	           "  continue: [싶-]\n  starter: [나는]\n");
	d.count = 0;
	st = ms_segmenter_new("ko", MS_SEG_SENTENCE, dir, &s, &h);
	INT_EQ(st, MS_OK, "Korean profile with every kind of section: loads");
	INT_EQ(d.count, 0, "Korean profile: no diagnostic");
	if (s) {
		INT_EQ(count_segments(s, "그는 나보다 크다 나는 작다"), 2,
		       "Korean profile: endings, suffix exceptions");
		ms_segmenter_free(s);
		s = NULL;
	}

	/* the installed profiles themselves load, with no diagnostic */
	{
		static const char *langs[] = { "en", "es", "ko", "ja", "zh" };
		for (size_t i = 0; i < sizeof langs / sizeof *langs; i++) {
			d.count = 0;
			st = ms_segmenter_new(langs[i], MS_SEG_SENTENCE, TOP_SRCDIR "/data", &s, &h);
			OK(st == MS_OK && d.count == 0, "data/lang/%s.yaml: its segment data loads",
			   langs[i]);
			ms_segmenter_free(s);
			s = NULL;
		}
	}

	unlink(path);
	snprintf(path, sizeof path, "%s/lang/en.yaml", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/lang/es.yaml", dir);
	unlink(path);
	rmdir(sub);
	rmdir(dir);
}

/* A generated paragraph of about 5 MB in one line. */
static void
test_large(const char *lang, const char *unit, long per_unit, size_t target)
{
	ms_segmenter *s = open_seg(lang, MS_SEG_SENTENCE, NULL);
	ms_buf b = MS_BUF_INIT;
	ms_span *sp = NULL;
	size_t n = 0;
	long units = 0;

	if (!s) {
		OK(0, "%s: large paragraph: segmenter", lang);
		return;
	}
	while (b.len < target) {
		ms_buf_puts(&b, unit);
		units++;
	}
	INT_EQ(ms_segmenter_split(s, b.ptr, b.len, &sp, &n), MS_OK,
	       "%s: %zu-byte paragraph splits", lang, b.len);
	INT_EQ(n, units * per_unit, "%s: large paragraph: segment count", lang);
	OK(spans_well_formed(b.ptr, b.len, sp, n), "%s: large paragraph: spans trimmed, in order", lang);
	free(sp);

	/* one 1 MB token without spaces, and a long run of line breaks */
	ms_buf_reset(&b);
	while (b.len < (1u << 20))
		ms_buf_puts(&b, "a.b?c!D.");
	while (b.len < (2u << 20))
		ms_buf_puts(&b, "\n\n ");
	ms_buf_puts(&b, "End.");
	INT_EQ(ms_segmenter_split(s, b.ptr, b.len, &sp, &n), MS_OK,
	       "%s: long token and line breaks: ok", lang);
	OK(n >= 1 && spans_well_formed(b.ptr, b.len, sp, n),
	   "%s: long token and line breaks: %zu spans", lang, n);
	free(sp);
	ms_buf_release(&b);
	ms_segmenter_free(s);
}

int
main(void)
{
	setenv("MISSIVE_DATADIR", TOP_SRCDIR "/data", 1);
	run_set("en");
	run_set("es");
	run_set("ko");
	test_paragraph_mode();
	test_empty_and_invalid();
	test_languages();
	test_data_files();
	test_large("en",
	           "The Committee met on 5 Jan. 2024 in Geneva (see A/RES/79/181, "
	           "para. 3) with Mr. J. R. Smith of the U.N. It adopted decision "
	           "No. 12 by 3.5 votes, i.e. narrowly... Was it fair? \"Yes!\" "
	           "she said. ", 4, 5u << 20);
	test_large("ko",
	           "유엔 총회는 결의 78/218호를 채택했다. "
	           "\"문을 닫아라.\"라고 말했습니다. ", 2, 5u << 20);
	test_large("ko", "밥 먹었어 너는 뭐 했어 좋아요 내일 봐요 ", 4, 5u << 20);
	return done_testing();
}

/* main.c — the missive command: option parsing, diagnostics printing and
 * one function per subcommand.  All the work is done by libmissive; this
 * file decides what to print and the exit status:
 *   0  clean
 *   1  findings (checks failed, publication blocked)
 *   2  usage or input error */
#include "internal.h"
#include "catalog.h"
#include "check.h"
#include "glossary.h"
#include "localize.h"
#include "plugin.h"
#include "segment.h"
#include "units.h"
#include "cli.h"
#include "report.h"
#include "cli-xliff.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>


const char *cli_progname = "missive";
bool cli_quiet;
static bool use_colour;

/* ------------------------------------------------------------ diagnostics */

/* What a thread building one language would have printed: diagnostics
 * and finding lines, in order, for the main thread to print when that
 * language's turn comes (so that the output is that of one thread). */
typedef struct rec_item {
	bool is_diag;
	bool is_step;            /* a progress step; text is the item */
	ms_severity sev;
	unsigned line, col;
	char *check, *file, *text;
} rec_item;

typedef struct recorder {
	rec_item *v;
	size_t n, cap;
} recorder;

static _Thread_local recorder *tl_rec;

static rec_item *
rec_push(recorder *r)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 32;
		r->v = ms_xrealloc(r->v, r->cap * sizeof *r->v);
	}
	memset(&r->v[r->n], 0, sizeof r->v[0]);
	return &r->v[r->n++];
}

static void
print_diag(const ms_diag *d, void *data)
{
	static const char *const names[] = { N_("note"), N_("warning"), N_("error") };
	static const char *const colours[] = { "\033[1;36m", "\033[1;35m", "\033[1;31m" };
	(void)data;
	if (cli_quiet && d->severity == MS_NOTE)
		return;
	if (tl_rec) {
		rec_item *it = rec_push(tl_rec);
		it->is_diag = true;
		it->sev = d->severity;
		it->line = d->line;
		it->col = d->column;
		it->check = d->check ? ms_xstrdup(d->check) : NULL;
		it->file = d->file ? ms_xstrdup(d->file) : NULL;
		it->text = ms_xstrdup(d->message);
		return;
	}
	cli_progress_clear();
	if (d->file) {
		fputs(d->file, stderr);
		if (d->line) {
			fprintf(stderr, ":%u", d->line);
			if (d->column)
				fprintf(stderr, ":%u", d->column);
		}
		fputs(": ", stderr);
	} else {
		fprintf(stderr, "%s: ", cli_progname);
	}
	if (use_colour)
		fprintf(stderr, "%s%s:\033[0m ", colours[d->severity], _(names[d->severity]));
	else
		fprintf(stderr, "%s: ", _(names[d->severity]));
	if (d->check)
		fprintf(stderr, "[%s] ", d->check);
	fprintf(stderr, "%s\n", d->message);
}

ms_diag_handler cli_diag = { print_diag, NULL, 0, 0 };


void
cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", cli_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, _("\nTry '%s --help' for more information.\n"), cli_progname);
}

/* ------------------------------------------------------------- the project */


static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

/* The corpus letters: ARGS when given, else every corpus/<id>.md. */
ms_status
cli_list_letters(project *p, char **args, int nargs)
{
	DIR *dir;
	struct dirent *de;
	p->letters = ms_xcalloc(1, sizeof(char *));
	if (nargs > 0) {
		for (int i = 0; i < nargs; i++)
			ms_strv_push(&p->letters, args[i]);
		return MS_OK;
	}
	dir = opendir(p->config->corpus_dir);
	if (!dir) {
		ms_diag_emit(&cli_diag, MS_ERROR, NULL, p->config->corpus_dir, 0, 0,
		             _("cannot open the corpus folder: %s"), strerror(errno));
		return MS_ERR_IO;
	}
	while ((de = readdir(dir))) {
		ms_buf path = MS_BUF_INIT;
		if (de->d_name[0] == '.' || !ends_with(de->d_name, ".md"))
			continue;
		ms_buf_printf(&path, "%s/%s", p->config->corpus_dir, de->d_name);
		ms_strv_push(&p->letters, path.ptr);
		ms_buf_release(&path);
	}
	closedir(dir);
	qsort(p->letters, ms_strv_len(p->letters), sizeof(char *), cmp_str);
	return MS_OK;
}

static int
project_open(project *p, const char *config_path)
{
	struct stat st;
	ms_status s;
	memset(p, 0, sizeof *p);
	if (!config_path && stat("missive.yaml", &st) != 0) {
		p->config = ms_config_new_default();
		return EXIT_CLEAN;
	}
	s = ms_config_load(config_path ? config_path : "missive.yaml", &p->config, &cli_diag);
	return s == MS_OK ? EXIT_CLEAN : EXIT_ERROR;
}

static void
project_close(project *p)
{
	ms_config_free(p->config);
	ms_strv_free(p->letters);
}

ms_seg_mode
cli_seg_mode(const project *p, const ms_letter *l)
{
	const char *m = l && l->segmentation ? l->segmentation : p->config->segmentation;
	return m && !strcmp(m, "paragraph") ? MS_SEG_PARAGRAPH : MS_SEG_SENTENCE;
}

/* A lock on the po folder so two processes never rewrite catalogues at
 * once.  Returns the descriptor (close to release) or -1. */
int
cli_lock_po(const project *p)
{
	ms_buf path = MS_BUF_INIT;
	int fd;
	ms_buf_printf(&path, "%s/.missive.lock", p->config->po_dir);
	fd = open(path.ptr, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0) {
		ms_diag_emit(&cli_diag, MS_ERROR, NULL, path.ptr, 0, 0,
		             _("cannot create the lock file: %s"), strerror(errno));
		ms_buf_release(&path);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (!cli_quiet)
			fprintf(stderr, _("%s: waiting for another missive to finish with %s\n"),
			        cli_progname, p->config->po_dir);
		if (flock(fd, LOCK_EX) != 0) {
			ms_diag_emit(&cli_diag, MS_ERROR, NULL, path.ptr, 0, 0,
			             _("cannot lock: %s"), strerror(errno));
			close(fd);
			fd = -1;
		}
	}
	ms_buf_release(&path);
	return fd;
}

/* The project's glossary: PATH, or the configured one when it exists.
 * *G is NULL when there is none.  Returns false on a broken glossary. */
bool
cli_load_glossary(const project *p, const char *path, ms_glossary **g)
{
	struct stat st;
	*g = NULL;
	if (!path) {
		path = p->config->glossary;
		if (!path || stat(path, &st) != 0)
			return true;
	}
	return ms_glossary_load(path, g, &cli_diag) == MS_OK;
}

/* --------------------------------------------------------------- plugins */

static int
cmd_plugins(project *p, int argc, char **argv)
{
	ms_plugin_host *host = NULL;
	size_t n;
	int broken = 0;
	(void)p;
	(void)argc;
	(void)argv;
	if (ms_plugin_host_new(NULL, &host, &cli_diag) != MS_OK)
		return EXIT_ERROR;
	n = ms_plugin_host_count(host);
	if (n == 0)
		printf(_("no plugins found (search path: $MISSIVE_PLUGIN_PATH, then %s)\n"), PKGLIBDIR);
	for (size_t i = 0; i < n; i++) {
		const ms_plugin_info *in = ms_plugin_host_get(host, i);
		const char *state = in->state == MS_PLUGIN_OK ? _("ok")
		                  : in->state == MS_PLUGIN_REFUSED ? _("refused")
		                  : _("failed");
		printf("%-10s %-8s %-8s ", in->name, in->version ? in->version : "-", state);
		if (in->state == MS_PLUGIN_OK) {
			for (size_t k = 0; in->extensions[k]; k++)
				printf("%s%s", k ? "," : "", in->extensions[k]);
			printf("  %s\n", in->summary ? in->summary : "");
		} else {
			broken++;
			printf("%s\n", in->reason ? in->reason : "");
		}
		printf("%10s %s\n", "", in->path);
	}
	ms_plugin_host_free(host);
	return EXIT_CLEAN;
}

/* ----------------------------------------------------------------- segment */

/* Segment the paragraph in PARA, print one segment per line, empty PARA. */
static bool
print_segments(ms_segmenter *seg, ms_buf *para)
{
	ms_span *spans = NULL;
	size_t n = 0;
	bool ok = ms_segmenter_split(seg, para->ptr, para->len, &spans, &n) == MS_OK;
	ms_buf line = MS_BUF_INIT;
	for (size_t i = 0; ok && i < n; i++) {
		ms_buf_reset(&line);
		ms_segment_normalize(&line, para->ptr + spans[i].start, spans[i].end - spans[i].start);
		puts(line.ptr);
	}
	ms_buf_release(&line);
	free(spans);
	ms_buf_reset(para);
	return ok;
}

static int
cmd_segment(project *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "mode", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *lang = p->config->source_lang;
	ms_seg_mode mode = MS_SEG_SENTENCE;
	ms_segmenter *seg = NULL;
	ms_buf input = MS_BUF_INIT, para = MS_BUF_INIT;
	size_t bad;
	unsigned bl, bc;
	int c, rc = EXIT_CLEAN;

	while ((c = getopt_long(argc, argv, "l:m:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l': lang = optarg; break;
		case 'm':
			if (!strcmp(optarg, "sentence"))
				mode = MS_SEG_SENTENCE;
			else if (!strcmp(optarg, "paragraph"))
				mode = MS_SEG_PARAGRAPH;
			else {
				cli_usage_error(_("unknown mode '%s' (sentence or paragraph)"), optarg);
				return EXIT_ERROR;
			}
			break;
		case 'h':
			printf(_("Usage: %s segment [--lang LANG] [--mode sentence|paragraph]\n"
			         "Read text on standard input and print one segment per line.\n"
			         "Blank lines separate paragraphs; a newline inside a segment\n"
			         "becomes a space.\n"), cli_progname);
			return EXIT_CLEAN;
		default:
			return EXIT_ERROR;
		}
	}
	if (ms_segmenter_new(lang, mode, NULL, &seg, &cli_diag) != MS_OK)
		return EXIT_ERROR;
	/* Read everything: paragraphs may be long, and a located error needs
	 * the line numbers of the whole input. */
	for (;;) {
		size_t n;
		ms_buf_grow(&input, 1 << 16);
		n = fread(input.ptr + input.len, 1, input.cap - input.len - 1, stdin);
		if (n == 0)
			break;
		input.len += n;
		input.ptr[input.len] = '\0';
	}
	if (!ms_utf8_validate(input.ptr, input.len, &bad, &bl, &bc)) {
		ms_diag_emit(&cli_diag, MS_ERROR, NULL, "<stdin>", bl, bc,
		             _("invalid UTF-8 or NUL byte (byte offset %zu)"), bad);
		rc = EXIT_ERROR;
		goto out;
	}
	/* Split into paragraphs at blank lines and segment each. */
	const char *s = input.ptr, *end = input.ptr + input.len;
	while (s < end && rc == EXIT_CLEAN) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *le = nl ? nl : end;
		const char *q = s;
		while (q < le && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		bool blank = q == le;
		if (!blank) {
			if (para.len)
				ms_buf_putc(&para, '\n');
			ms_buf_put(&para, s, (size_t)(le - s));
		}
		if ((blank || !nl) && para.len && !print_segments(seg, &para))
			rc = EXIT_ERROR;
		s = nl ? nl + 1 : end;
	}
	if (rc == EXIT_CLEAN && para.len && !print_segments(seg, &para))
		rc = EXIT_ERROR;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		ms_diag_emit(&cli_diag, MS_ERROR, NULL, NULL, 0, 0,
		             _("cannot write to standard output: %s"), strerror(errno));
		rc = EXIT_ERROR;
	}
out:
	ms_buf_release(&input);
	ms_buf_release(&para);
	ms_segmenter_free(seg);
	return rc;
}

/* ------------------------------------------------------------------- check */

typedef struct check_out {
	bool json;
	ms_buf line;
	size_t shown;
} check_out;

/* A line of text on standard error (or into this thread's recorder). */
static void
print_line(const char *s, size_t len)
{
	if (tl_rec) {
		rec_push(tl_rec)->text = ms_xstrndup(s, len);
		return;
	}
	cli_progress_clear();
	fprintf(stderr, "%.*s\n", (int)len, s);
}

static void
print_finding(const ms_finding *f, void *data)
{
	check_out *o = data;
	ms_buf_reset(&o->line);
	if (o->json) {
		cli_progress_clear();
		ms_finding_to_json(f, &o->line);
		puts(o->line.ptr);
	} else {
		ms_finding_to_text(f, &o->line);
		print_line(o->line.ptr, o->line.len);
	}
	o->shown++;
}

/* Print what R recorded, as it would have been printed (progress steps
 * go to PG), and empty it. */
static void
rec_replay(recorder *r, cli_progress *pg)
{
	for (size_t i = 0; i < r->n; i++) {
		rec_item *it = &r->v[i];
		if (it->is_diag) {
			ms_diag d = { it->sev, it->check, it->file, it->line, it->col, it->text };
			print_diag(&d, NULL);
		} else if (it->is_step) {
			cli_progress_step(pg, it->text);
		} else {
			print_line(it->text, strlen(it->text));
		}
		free(it->check);
		free(it->file);
		free(it->text);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}


/* ------------------------------------------------------ the gate's cache */

/* The publication gate runs every check over a language's catalogue; on a
 * large project that is a good part of a build.  Its result depends only
 * on the catalogue, the glossary, missive.yaml, the missive binary and the
 * language of the messages, so out/.missive/gate-<lang> keeps a key of
 * those (a hash of their bytes) with the error count and the error lines
 * it printed.  When the key matches, build prints the same lines and skips
 * the checks.  The file is only an optimisation: unreadable, stale or
 * malformed, it is ignored and rewritten. */

static uint64_t
hash_mem(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

/* Mix the bytes of PATH (or a marker when it cannot be read) into H. */
static uint64_t
hash_file(uint64_t h, const char *path)
{
	char *data = NULL;
	size_t len = 0, i = 0;
	if (!path || ms_read_file(path, &data, &len, NULL) != MS_OK)
		return hash_mem(h, "\001missing", 8);
	h = hash_mem(h, &len, sizeof len);
	/* Eight bytes a step: byte-wise FNV over an 18 MB catalogue would
	 * cost a good part of what the cache saves. */
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, data + i, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 31;
	}
	h = hash_mem(h, data + i, len - i);
	free(data);
	return h;
}

static char *
gate_key(const project *p, const char *po_file, const char *lang, const char *self)
{
	static const char *const env[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	uint64_t h = 0xcbf29ce484222325ULL;
	struct stat sb;
	char *k;
	h = hash_mem(h, PACKAGE_VERSION, strlen(PACKAGE_VERSION) + 1);
	h = hash_mem(h, lang, strlen(lang) + 1);
	h = hash_file(h, po_file);
	h = hash_file(h, p->config->glossary);
	h = hash_file(h, p->config->path);
	if (self && stat(self, &sb) == 0) {
		h = hash_mem(h, &sb.st_size, sizeof sb.st_size);
		h = hash_mem(h, &sb.st_mtim, sizeof sb.st_mtim);
	}
	for (size_t i = 0; i < MS_ARRAY_SIZE(env); i++) {
		const char *v = getenv(env[i]);
		h = hash_mem(h, v ? v : "", v ? strlen(v) + 1 : 1);
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

/* When the cache for LANG holds KEY: print its lines as the gate would,
 * set *ERRS and return true. */
static bool
gate_cached(const char *out_dir, const char *lang, const char *key,
            check_out *shown, size_t *errs)
{
	char *path = gate_path(out_dir, lang), *data = NULL;
	char head[64];
	size_t len = 0, hl;
	unsigned long long n = 0;
	int used = 0;
	bool hit = false;

	snprintf(head, sizeof head, "missive-gate 1 %s ", key);
	hl = strlen(head);
	if (ms_read_file(path, &data, &len, NULL) == MS_OK && len > hl
	    && !strncmp(data, head, hl)
	    && sscanf(data + hl, "%llu%n", &n, &used) == 1 && data[hl + used] == '\n') {
		const char *l = data + hl + used + 1;
		hit = true;
		*errs = (size_t)n;
		while (*l) {
			const char *e = strchr(l, '\n');
			size_t ll = e ? (size_t)(e - l) : strlen(l);
			print_line(l, ll);
			shown->shown++;
			l += ll + (e ? 1 : 0);
		}
	}
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

/* The publication gate shows errors only, and remembers them. */
typedef struct gate_rec {
	check_out *shown;
	ms_buf lines;
} gate_rec;

static void
record_gate_finding(const ms_finding *f, void *data)
{
	gate_rec *r = data;
	if (f->severity != MS_ERROR || f->suppressed)
		return;
	print_finding(f, r->shown);
	ms_buf_put(&r->lines, r->shown->line.ptr, r->shown->line.len);
	ms_buf_putc(&r->lines, '\n');
}

static int
cmd_check(project *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "glossary", required_argument, NULL, 'g' },
		{ "lang", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *gpath = NULL, *lang_opt = NULL;
	check_out out = { false, MS_BUF_INIT, 0 };
	ms_glossary *g = NULL;
	ms_checker *checker = NULL;
	char **files = ms_xcalloc(1, sizeof(char *));
	size_t errors = 0, warnings = 0;
	int c, rc = EXIT_CLEAN;

	while ((c = getopt_long(argc, argv, "g:l:f:h", opts, NULL)) != -1) {
		switch (c) {
		case 'g': gpath = optarg; break;
		case 'l': lang_opt = optarg; break;
		case 'f':
			if (!strcmp(optarg, "json"))
				out.json = true;
			else if (strcmp(optarg, "text")) {
				cli_usage_error(_("unknown format '%s' (text or json)"), optarg);
				ms_strv_free(files);
				return EXIT_ERROR;
			}
			break;
		case 'h':
			printf(_("Usage: %s check [--glossary FILE] [--lang LANG] [--format=text|json] [PO...]\n"
			         "Check translations: glossary terms (through inflection), inline tags,\n"
			         "numbers, URLs, untranslated text, punctuation and gettext's own checks.\n"
			         "Without PO files, checks %s/<lang>.po for every target language.\n"
			         "Findings go to standard error as FILE:LINE: SEVERITY: [CHECK] MESSAGE,\n"
			         "or to standard output as one JSON object per line (doc/check-json.md).\n"
			         "Exit status: 0 clean, 1 findings, 2 usage or input error.\n"),
			       cli_progname, p->config->po_dir);
			ms_strv_free(files);
			return EXIT_CLEAN;
		default:
			ms_strv_free(files);
			return EXIT_ERROR;
		}
	}
	for (int i = optind; i < argc; i++)
		ms_strv_push(&files, argv[i]);
	if (!files[0]) {
		char **langs = lang_opt ? NULL : p->config->languages;
		if (lang_opt) {
			char *path = cli_po_path(p, lang_opt);
			ms_strv_push(&files, path);
			free(path);
		}
		for (size_t i = 0; langs && langs[i]; i++) {
			char *path = cli_po_path(p, langs[i]);
			ms_strv_push(&files, path);
			free(path);
		}
	}
	if (!cli_load_glossary(p, gpath, &g) || ms_checker_new(p->config, g, &checker, &cli_diag) != MS_OK) {
		rc = EXIT_ERROR;
		goto done;
	}
	for (size_t i = 0; files[i]; i++) {
		ms_catalog *po = NULL;
		char *lang = NULL;
		size_t e = 0, w = 0;
		if (ms_catalog_read(files[i], &po, &cli_diag) != MS_OK) {
			rc = EXIT_ERROR;
			continue;
		}
		lang = lang_opt ? ms_xstrdup(lang_opt) : ms_catalog_header_get(po, "Language");
		if (!lang || !*lang) {
			ms_diag_emit(&cli_diag, MS_ERROR, NULL, files[i], 0, 0,
			             _("no Language in the header; give --lang"));
			rc = EXIT_ERROR;
		} else {
			if (!ms_strv_contains(p->config->languages, lang))
				ms_diag_emit(&cli_diag, MS_WARNING, NULL, files[i], 0, 0,
				             _("'%s' is not a target language (see %s/LINGUAS)"),
				             lang, p->config->po_dir);
			ms_checker_run(checker, po, files[i], lang, print_finding, &out, &e, &w);
			errors += e;
			warnings += w;
		}
		free(lang);
		ms_catalog_free(po);
	}
	if (rc == EXIT_CLEAN && (errors || warnings))
		rc = EXIT_FINDINGS;
	if (!cli_quiet && !out.json)
		fprintf(stderr, _("%s: %zu errors, %zu warnings\n"), cli_progname, errors, warnings);
done:
	ms_checker_free(checker);
	ms_glossary_free(g);
	ms_buf_release(&out.line);
	ms_strv_free(files);
	return rc;
}

/* ----------------------------------------------------------------- extract */

typedef struct extract_ctx {
	ms_catalog *cat;
	const ms_glossary *glossary;
	char *const *langs;
	const char *path;
	ms_buf comment;
	ms_buf ref;
} extract_ctx;

static ms_status
extract_unit(const ms_unit *u, ms_inline **replacement, char **label, void *data)
{
	extract_ctx *x = data;
	(void)replacement;
	(void)label;
	ms_buf_reset(&x->comment);
	ms_unit_comment(u, &x->comment);
	/* hints depend on the msgid only: compute them once per entry */
	if (x->glossary && !ms_catalog_find(x->cat, u->msgctxt, u->msgid))
		ms_glossary_hints(x->glossary, u->msgid, x->langs, &x->comment);
	ms_buf_reset(&x->ref);
	if (u->line)
		ms_buf_printf(&x->ref, "%s:%u", x->path, u->line);
	else
		ms_buf_puts(&x->ref, x->path);
	ms_catalog_add(x->cat, u->msgctxt, u->msgid, x->comment.ptr, x->ref.ptr);
	return MS_OK;
}

char *
cli_pot_path(const project *p, const char *id)
{
	ms_buf b = MS_BUF_INIT;
	ms_buf_printf(&b, "%s/%s.pot", p->config->po_dir, id ? id : p->config->domain);
	return ms_buf_detach(&b, NULL);
}

static void
set_pot_header(ms_catalog *cat, const project *p)
{
	ms_catalog_header_set(cat, "Project-Id-Version", p->config->domain);
	ms_catalog_header_set(cat, "Language", "");
	ms_catalog_header_set(cat, "MIME-Version", "1.0");
	ms_catalog_header_set(cat, "Content-Type", "text/plain; charset=UTF-8");
	ms_catalog_header_set(cat, "Content-Transfer-Encoding", "8bit");
	ms_catalog_header_set(cat, "X-Generator", PACKAGE_STRING);
}

/* Read one letter and add its units to CAT.  Returns false on error. */
static bool
extract_letter(const project *p, const char *path, ms_catalog *cat,
               const ms_glossary *g, ms_segmenter **segs)
{
	ms_letter *l = NULL;
	extract_ctx x;
	ms_status st;
	ms_seg_mode mode;
	if (ms_reader_read_file(path, &l, &cli_diag) != MS_OK)
		return false;
	mode = cli_seg_mode(p, l);
	if (!segs[mode] && ms_segmenter_new(l->lang, mode, NULL, &segs[mode], &cli_diag) != MS_OK) {
		ms_letter_free(l);
		return false;
	}
	x.cat = cat;
	x.glossary = g;
	x.langs = p->config->languages;
	x.path = path;
	ms_buf_init(&x.comment, 0);
	ms_buf_init(&x.ref, 0);
	st = ms_units_walk(l, segs[mode], extract_unit, &x, &cli_diag);
	ms_buf_release(&x.comment);
	ms_buf_release(&x.ref);
	ms_letter_free(l);
	if (st != MS_OK) {
		ms_diag_emit(&cli_diag, MS_ERROR, NULL, path, 0, 0, "%s", ms_strerror(st));
		return false;
	}
	return true;
}

/* Reading and segmenting the letters is independent of the catalogue, so
 * a non-split extract runs it in a second thread, a few letters ahead of
 * the main thread, which adds the units to the catalogue in letter order
 * (with the glossary hints, whose matcher keeps per-call state) and writes
 * the template.  The output is the same as a single-threaded run, byte for
 * byte: the units arrive in the same order, and the worker's diagnostics
 * are recorded and replayed by the main thread when it reaches their
 * letter.  MISSIVE_THREADS=1 keeps everything in one thread. */

enum { XT_WINDOW = 32 };   /* letters the worker may run ahead */

typedef struct xt_letter {
	ms_buf units;          /* per unit: ctx flag, [msgctxt \0] msgid \0 comment \0 line */
	recorder rec;          /* what reading and segmenting it printed */
	bool ok;
	bool ready;
} xt_letter;

typedef struct xt_shared {
	const project *p;
	xt_letter *slots;      /* one per letter */
	size_t n, consumed;    /* letters; letters the main thread has taken */
	pthread_mutex_t lock;
	pthread_cond_t cond;
} xt_shared;

static ms_status
xt_unit(const ms_unit *u, ms_inline **replacement, char **label, void *data)
{
	xt_letter *l = data;
	unsigned line = u->line;
	size_t at;
	(void)replacement;
	(void)label;
	ms_buf_putc(&l->units, u->msgctxt ? 1 : 0);
	if (u->msgctxt)
		ms_buf_put(&l->units, u->msgctxt, strlen(u->msgctxt) + 1);
	ms_buf_put(&l->units, u->msgid, strlen(u->msgid) + 1);
	at = l->units.len;
	ms_unit_comment(u, &l->units);
	if (memchr(l->units.ptr + at, '\0', l->units.len - at))
		ms_buf_truncate(&l->units, at);   /* never seen: no NUL in comments */
	ms_buf_putc(&l->units, '\0');
	ms_buf_put(&l->units, &line, sizeof line);
	return MS_OK;
}

static void *
xt_worker(void *arg)
{
	xt_shared *s = arg;
	ms_segmenter *segs[2] = { NULL, NULL };
	for (size_t i = 0; i < s->n; i++) {
		xt_letter *l = &s->slots[i];
		ms_diag_handler *h = &cli_diag;   /* recorded: tl_rec below */
		ms_letter *letter = NULL;
		pthread_mutex_lock(&s->lock);
		while (i >= s->consumed + XT_WINDOW)
			pthread_cond_wait(&s->cond, &s->lock);
		pthread_mutex_unlock(&s->lock);

		l->ok = false;
		tl_rec = &l->rec;
		if (ms_reader_read_file(s->p->letters[i], &letter, h) == MS_OK) {
			ms_seg_mode mode = cli_seg_mode(s->p, letter);
			if (segs[mode] || ms_segmenter_new(letter->lang, mode, NULL, &segs[mode], h) == MS_OK) {
				ms_status st = ms_units_walk(letter, segs[mode], xt_unit, l, h);
				if (st == MS_OK)
					l->ok = true;
				else
					ms_diag_emit(h, MS_ERROR, NULL, s->p->letters[i], 0, 0,
					             "%s", ms_strerror(st));
			}
			ms_letter_free(letter);
		}
		tl_rec = NULL;
		pthread_mutex_lock(&s->lock);
		l->ready = true;
		pthread_cond_broadcast(&s->cond);
		pthread_mutex_unlock(&s->lock);
	}
	ms_segmenter_free(segs[0]);
	ms_segmenter_free(segs[1]);
	return NULL;
}

/* Add the units the worker recorded for letter PATH to CAT. */
static void
xt_add(const xt_letter *l, const char *path, ms_catalog *cat, const ms_glossary *g,
       char *const *langs, ms_buf *comment, ms_buf *ref)
{
	const char *q = l->units.ptr, *end = q + l->units.len;
	while (q && q < end) {
		const char *ctx = NULL, *id, *c;
		unsigned line;
		if (*q++)
			ctx = q, q += strlen(q) + 1;
		id = q;
		q += strlen(q) + 1;
		c = q;
		q += strlen(q) + 1;
		memcpy(&line, q, sizeof line);
		q += sizeof line;
		ms_buf_reset(comment);
		ms_buf_puts(comment, c);
		if (g && !ms_catalog_find(cat, ctx, id))
			ms_glossary_hints(g, id, langs, comment);
		ms_buf_reset(ref);
		if (line)
			ms_buf_printf(ref, "%s:%u", path, line);
		else
			ms_buf_puts(ref, path);
		ms_catalog_add(cat, ctx, id, comment->ptr, ref->ptr);
	}
}

/* The whole corpus into CAT, reading in a second thread.  Returns false
 * when a letter failed (its diagnostics were printed). */
static bool
extract_threaded(const project *p, ms_catalog *cat, const ms_glossary *g,
                 cli_progress *pg)
{
	xt_shared s;
	pthread_t worker;
	bool ok = true;
	ms_buf comment = MS_BUF_INIT, ref = MS_BUF_INIT;

	memset(&s, 0, sizeof s);
	s.p = p;
	s.n = ms_strv_len(p->letters);
	s.slots = ms_xcalloc(s.n ? s.n : 1, sizeof *s.slots);
	pthread_mutex_init(&s.lock, NULL);
	pthread_cond_init(&s.cond, NULL);
	if (pthread_create(&worker, NULL, xt_worker, &s) != 0) {
		free(s.slots);
		return false;
	}
	for (size_t i = 0; i < s.n; i++) {
		xt_letter *l = &s.slots[i];
		pthread_mutex_lock(&s.lock);
		while (!l->ready)
			pthread_cond_wait(&s.cond, &s.lock);
		pthread_mutex_unlock(&s.lock);
		cli_progress_step(pg, p->letters[i]);
		rec_replay(&l->rec, pg);
		if (l->ok)
			xt_add(l, p->letters[i], cat, g, p->config->languages, &comment, &ref);
		else
			ok = false;
		ms_buf_release(&l->units);
		pthread_mutex_lock(&s.lock);
		s.consumed = i + 1;
		pthread_cond_broadcast(&s.cond);
		pthread_mutex_unlock(&s.lock);
	}
	pthread_join(worker, NULL);
	pthread_mutex_destroy(&s.lock);
	pthread_cond_destroy(&s.cond);
	free(s.slots);
	ms_buf_release(&comment);
	ms_buf_release(&ref);
	return ok;
}

static bool
threads_allowed(void)
{
	const char *v = getenv("MISSIVE_THREADS");
	return !(v && strcmp(v, "1") == 0);
}

static int
write_pot(const project *p, ms_catalog *cat, const char *path)
{
	bool changed = false;
	set_pot_header(cat, p);
	if (ms_catalog_write(cat, path, &changed, &cli_diag) != MS_OK)
		return EXIT_ERROR;
	if (!cli_quiet && changed)
		fprintf(stderr, _("%s: wrote %s (%zu entries)\n"), cli_progname, path,
		        ms_catalog_count(cat));
	return EXIT_CLEAN;
}

static int
cmd_extract(project *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "split", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	ms_segmenter *segs[2] = { NULL, NULL };
	bool split = p->config->split_pot;
	int c, rc = EXIT_CLEAN;
	ms_catalog *cat = NULL;
	ms_glossary *g = NULL;
	int lock;

	while ((c = getopt_long(argc, argv, "sh", opts, NULL)) != -1) {
		switch (c) {
		case 's': split = true; break;
		case 'h':
			printf(_("Usage: %s extract [--split] [LETTER.md...]\n"
			         "Write the template %s/%s.pot from the corpus letters\n"
			         "(--split: one template per letter, %s/<id>.pot).\n"),
			       cli_progname, p->config->po_dir, p->config->domain, p->config->po_dir);
			return EXIT_CLEAN;
		default:
			return EXIT_ERROR;
		}
	}
	if (cli_list_letters(p, argv + optind, argc - optind) != MS_OK)
		return EXIT_ERROR;
	if (!cli_load_glossary(p, NULL, &g))
		return EXIT_ERROR;
	if (ms_mkdirs(p->config->po_dir, &cli_diag) != MS_OK
	    || (lock = cli_lock_po(p)) < 0) {
		ms_glossary_free(g);
		return EXIT_ERROR;
	}
	cli_progress *pg = cli_progress_start(_("extract"), ms_strv_len(p->letters));
	bool threaded = !split && threads_allowed() && ms_strv_len(p->letters) > 1;
	if (threaded) {
		cat = ms_catalog_new();
		if (!extract_threaded(p, cat, g, pg))
			rc = EXIT_ERROR;
	}
	for (size_t i = 0; !threaded && p->letters[i]; i++) {
		cli_progress_step(pg, p->letters[i]);
		if (!cat)
			cat = ms_catalog_new();
		if (!extract_letter(p, p->letters[i], cat, g, segs)) {
			rc = EXIT_ERROR;
			continue;
		}
		if (split) {
			const char *base = strrchr(p->letters[i], '/');
			char *id = ms_xstrdup(base ? base + 1 : p->letters[i]);
			id[strlen(id) - 3] = '\0';
			char *path = cli_pot_path(p, id);
			if (write_pot(p, cat, path) != EXIT_CLEAN)
				rc = EXIT_ERROR;
			free(path);
			free(id);
			ms_catalog_free(cat);
			cat = NULL;
		}
	}
	cli_progress_end(pg);
	if (!split && rc == EXIT_CLEAN) {
		char *path = cli_pot_path(p, NULL);
		if (!cat)
			cat = ms_catalog_new();
		rc = write_pot(p, cat, path);
		free(path);
	}
	ms_catalog_free(cat);
	ms_glossary_free(g);
	ms_segmenter_free(segs[0]);
	ms_segmenter_free(segs[1]);
	close(lock);
	return rc;
}

/* ------------------------------------------------------------------ update */

char *
cli_po_path(const project *p, const char *lang)
{
	ms_buf b = MS_BUF_INIT;
	ms_buf_printf(&b, "%s/%s.po", p->config->po_dir, lang);
	return ms_buf_detach(&b, NULL);
}

bool
cli_same_file_state(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_size == b->st_size
	       && a->st_mtim.tv_sec == b->st_mtim.tv_sec
	       && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Header fields msgfmt -c expects; filled once when missing and never
 * touched again (PO editors maintain them). */
static void
ensure_po_header(ms_catalog *po, const char *lang)
{
	char *v;
	if (!(v = ms_catalog_header_get(po, "PO-Revision-Date"))) {
		char when[64];
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M+0000", &tm);
		ms_catalog_header_set(po, "PO-Revision-Date", when);
	}
	free(v);
	if (!(v = ms_catalog_header_get(po, "Last-Translator")))
		ms_catalog_header_set(po, "Last-Translator", "none yet");
	free(v);
	if (!(v = ms_catalog_header_get(po, "Language-Team"))) {
		UChar name[64];
		char utf8[192];
		UErrorCode err = U_ZERO_ERROR;
		int32_t n = uloc_getDisplayLanguage(lang, "en", name, 64, &err);
		u_strToUTF8(utf8, sizeof utf8, NULL, name, n, &err);
		ms_catalog_header_set(po, "Language-Team", U_SUCCESS(err) && n > 0 ? utf8 : lang);
	}
	free(v);
}

static int
update_lang(const project *p, const ms_catalog *pot, const char *lang)
{
	char *path = cli_po_path(p, lang);
	ms_catalog *po = NULL;
	struct stat before, after;
	bool existed = stat(path, &before) == 0;
	ms_merge_stats stats = { 0, 0, 0, 0 };
	bool changed = false;
	int rc = EXIT_CLEAN;

	if (existed) {
		if (ms_catalog_read(path, &po, &cli_diag) != MS_OK) {
			free(path);
			return EXIT_ERROR;
		}
	} else {
		po = ms_catalog_new();
		ms_catalog_header_set(po, "Project-Id-Version", p->config->domain);
		ms_catalog_header_set(po, "Language", lang);
		ms_catalog_header_set(po, "MIME-Version", "1.0");
		ms_catalog_header_set(po, "Content-Type", "text/plain; charset=UTF-8");
		ms_catalog_header_set(po, "Content-Transfer-Encoding", "8bit");
	}
	ensure_po_header(po, lang);
	if (ms_catalog_merge(po, pot, lang, &stats, &cli_diag) != MS_OK) {
		rc = EXIT_ERROR;
		goto out;
	}
	/* A translator may have saved the file while we merged: never
	 * overwrite their edit. */
	if (existed && (stat(path, &after) != 0 || !cli_same_file_state(&before, &after))) {
		ms_diag_emit(&cli_diag, MS_ERROR, NULL, path, 0, 0,
		             _("changed while missive was updating it; nothing written, run the update again"));
		rc = EXIT_ERROR;
		goto out;
	}
	if (ms_catalog_write(po, path, &changed, &cli_diag) != MS_OK) {
		rc = EXIT_ERROR;
		goto out;
	}
	if (!cli_quiet && changed)
		fprintf(stderr, _("%s: updated %s: %zu kept, %zu fuzzy, %zu new, %zu obsolete\n"),
		        cli_progname, path, stats.kept, stats.fuzzy, stats.added, stats.obsoleted);
out:
	ms_catalog_free(po);
	free(path);
	return rc;
}

static int
cmd_update(project *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char **langs = ms_xcalloc(1, sizeof(char *));
	ms_catalog *pot = NULL;
	char *path;
	int c, rc = EXIT_CLEAN, lock;

	while ((c = getopt_long(argc, argv, "l:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l': ms_strv_push(&langs, optarg); break;
		case 'h':
			printf(_("Usage: %s update [--lang LANG]...\n"
			         "Merge the template into %s/<lang>.po for every target language\n"
			         "(or the ones named), keeping every translation.\n"),
			       cli_progname, p->config->po_dir);
			ms_strv_free(langs);
			return EXIT_CLEAN;
		default:
			ms_strv_free(langs);
			return EXIT_ERROR;
		}
	}
	if (!langs[0]) {
		for (size_t i = 0; p->config->languages[i]; i++)
			ms_strv_push(&langs, p->config->languages[i]);
	}
	for (size_t i = 0; langs[i]; i++) {
		if (!ms_strv_contains(p->config->languages, langs[i]))
			ms_diag_emit(&cli_diag, MS_WARNING, NULL, NULL, 0, 0,
			             _("'%s' is not a target language (see %s/LINGUAS)"),
			             langs[i], p->config->po_dir);
	}
	path = cli_pot_path(p, NULL);
	if ((lock = cli_lock_po(p)) < 0) {
		free(path);
		ms_strv_free(langs);
		return EXIT_ERROR;
	}
	if (ms_catalog_read(path, &pot, &cli_diag) != MS_OK) {
		rc = EXIT_ERROR;
	} else {
		cli_progress *pg = cli_progress_start(_("update"), ms_strv_len(langs));
		for (size_t i = 0; langs[i]; i++) {
			cli_progress_step(pg, langs[i]);
			if (update_lang(p, pot, langs[i]) != EXIT_CLEAN)
				rc = EXIT_ERROR;
		}
		cli_progress_end(pg);
	}
	close(lock);
	ms_catalog_free(pot);
	free(path);
	ms_strv_free(langs);
	return rc;
}

/* ------------------------------------------------------------------- build */

typedef struct build_opts {
	char **langs;
	char **formats;
	bool draft;
	bool force;
	const char *out_dir;
} build_opts;

static bool
newer(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec > b->tv_nsec);
}

/* The newest modification time of INPUTS (NULL-terminated; missing files
 * are ignored) folded into *NEWEST. */
static void
newest_input(const char *const *inputs, struct timespec *newest)
{
	struct stat si;
	for (size_t i = 0; inputs[i]; i++)
		if (stat(inputs[i], &si) == 0 && newer(&si.st_mtim, newest))
			*newest = si.st_mtim;
}

/* True when OUT exists and is newer than NEWEST, the newest input. */
static bool
up_to_date(const char *out, const struct timespec *newest)
{
	struct stat so;
	return stat(out, &so) == 0 && newer(&so.st_mtim, newest);
}

static char *
self_path(void)
{
	char buf[4096];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return ms_xstrdup(buf);
}

/* True when the real path of DIR is OUT's real path or inside it: an
 * out/<lang> that is a symbolic link leading elsewhere must not take the
 * outputs with it.  Reports the refusal when REPORT. */
static bool
dir_inside_out(const char *out, const char *dir, bool report)
{
	char *ro = realpath(out, NULL), *rd = realpath(dir, NULL);
	size_t n = ro ? strlen(ro) : 0;
	bool ok = ro && rd && !strncmp(ro, rd, n)
	          && (rd[n] == '/' || rd[n] == '\0' || !strcmp(ro, "/"));
	if (!ok && report)
		ms_diag_emit(&cli_diag, MS_ERROR, NULL, dir, 0, 0,
		             _("refusing to write outside '%s': this folder leads to '%s'"),
		             out, rd ? rd : strerror(errno));
	free(ro);
	free(rd);
	return ok;
}

/* "xlf" is no plugin: it is the catalogue exported for translators
 * (core/cli-import.c, doc/xliff.md). */
static bool
is_xliff_format(const char *fmt)
{
	return !strcmp(fmt, "xlf") || !strcmp(fmt, "xliff");
}

/* Build one letter in one language, in every format. */
static int
build_one(const project *p, const build_opts *o, ms_plugin_host *host,
          const ms_letter *src, const char *lang, const ms_catalog *po,
          const char *po_file, const ms_glossary *g, ms_segmenter *seg,
          bool checks_failed)
{
	ms_letter *l = NULL;
	ms_locale loc;
	size_t missing = 0;
	bool is_source = !strcmp(lang, src->lang ? src->lang : "en");
	bool draft = o->draft || p->config->draft_untranslated;
	int rc = EXIT_CLEAN;
	ms_status st;
	ms_buf dir = MS_BUF_INIT, out = MS_BUF_INIT;
	bool only_xliff = true;
	int xrc = EXIT_CLEAN;

	/* XLIFF is not a publication: it is written for every language,
	 * whatever the state of the translations (for the source language it
	 * is a template: sources only, for a CAT tool to start from). */
	ms_buf_printf(&dir, "%s/%s", o->out_dir, lang);
	for (size_t i = 0; o->formats[i]; i++) {
		if (!is_xliff_format(o->formats[i])) {
			only_xliff = false;
			continue;
		}
		ms_buf_reset(&out);
		ms_buf_printf(&out, "%s/%s.xlf", dir.ptr, src->id);
		if (ms_mkdirs(dir.ptr, &cli_diag) != MS_OK
		    || !dir_inside_out(o->out_dir, dir.ptr, true)
		    || cli_build_xliff(p, src, lang, po, g, seg, out.ptr) != EXIT_CLEAN)
			xrc = EXIT_ERROR;
	}
	ms_buf_reset(&dir);
	if (only_xliff) {
		ms_buf_release(&dir);
		ms_buf_release(&out);
		return xrc;
	}

	st = ms_localize_letter_links(src, is_source ? NULL : po, po_file, lang, seg,
	                        p->config->link_targets,
	                        draft, &l, &missing, &cli_diag);
	if (st == MS_ERR_BLOCKED) {
		ms_diag_emit(&cli_diag, MS_ERROR, "publish", src->path, 0, 0,
		             _("not published in '%s': %zu units untranslated or fuzzy (use --draft to publish a draft)"),
		             lang, missing);
		rc = EXIT_FINDINGS;
	} else if (st != MS_OK) {
		rc = EXIT_ERROR;
	}
	ms_buf_printf(&dir, "%s/%s", o->out_dir, lang);
	if (rc == EXIT_CLEAN && (ms_mkdirs(dir.ptr, &cli_diag) != MS_OK
	                         || !dir_inside_out(o->out_dir, dir.ptr, true)))
		rc = EXIT_ERROR;
	if (l && checks_failed)
		l->draft = true;
	ms_locale_init(&loc, p->config, lang, l ? l->draft : false);
	for (size_t i = 0; o->formats[i]; i++) {
		if (is_xliff_format(o->formats[i]))
			continue;
		const ms_plugin *pl = ms_plugin_host_find(host, o->formats[i], NULL);
		ms_buf_reset(&out);
		ms_buf_printf(&out, "%s/%s.%s", dir.ptr, src->id,
		              pl ? pl->extensions[0] : o->formats[i]);
		if (rc != EXIT_CLEAN) {
			/* never leave a stale publication of a blocked letter */
			if (rc == EXIT_FINDINGS && dir_inside_out(o->out_dir, dir.ptr, false)
			    && unlink(out.ptr) == 0 && !cli_quiet)
				ms_diag_emit(&cli_diag, MS_NOTE, "publish", out.ptr, 0, 0,
				             _("removed the earlier publication"));
			continue;
		}
		if (!pl)
			continue;   /* reported before the build started */
		if (ms_plugin_render_file(pl, l, &loc, out.ptr, &cli_diag) != MS_OK)
			rc = EXIT_ERROR;
	}
	if (rc == EXIT_CLEAN && l->draft && !cli_quiet && !checks_failed)
		ms_diag_emit(&cli_diag, MS_NOTE, "publish", src->path, 0, 0,
		             _("published in '%s' as a draft: %zu units fall back to the source text"),
		             lang, missing);
	ms_letter_free(l);
	ms_buf_release(&dir);
	ms_buf_release(&out);
	return rc > xrc ? rc : xrc;
}

/* What building every language shares, read-only while they build. */
typedef struct build_env {
	project *p;
	const build_opts *o;
	ms_plugin_host *host;
	const char *self;        /* this program's path (an input), or NULL */
	cli_progress *pg;        /* NULL when languages build in threads */
} build_env;

/* What a language's build uses and changes: one set per thread. */
typedef struct build_tools {
	ms_glossary *glossary;
	ms_checker *checker;
	ms_segmenter *segs[2];
	check_out shown;
} build_tools;

static void
build_tools_release(build_tools *t)
{
	ms_checker_free(t->checker);
	ms_glossary_free(t->glossary);
	ms_segmenter_free(t->segs[0]);
	ms_segmenter_free(t->segs[1]);
	ms_buf_release(&t->shown.line);
	memset(t, 0, sizeof *t);
}

/* True when every output of LETTER in LANG is newer than the letter and
 * than COMMON, the newest of the inputs all letters share.  OUT is
 * scratch. */
static bool
letter_fresh(const build_env *e, const char *lang, const char *letter,
             const struct timespec *common, ms_buf *out)
{
	const build_opts *o = e->o;
	const char *base = strrchr(letter, '/');
	const char *const mine[] = { letter, NULL };
	struct timespec newest = *common;
	size_t idlen;

	base = base ? base + 1 : letter;
	idlen = strlen(base);
	if (ends_with(base, ".md"))
		idlen -= 3;
	newest_input(mine, &newest);
	for (size_t f = 0; o->formats[f]; f++) {
		const ms_plugin *pl = is_xliff_format(o->formats[f]) ? NULL
		                      : ms_plugin_host_find(e->host, o->formats[f], NULL);
		ms_buf_reset(out);
		ms_buf_printf(out, "%s/%s/%.*s.%s", o->out_dir, lang, (int)idlen, base,
		              pl ? pl->extensions[0] : "xlf");
		if (!up_to_date(out->ptr, &newest))
			return false;
	}
	return true;
}

/* The newest modification time of the inputs every letter shares: the
 * language's catalogue PO_FILE (NULL for the source language), this
 * program, missive.yaml and the glossary. */
static struct timespec
shared_inputs_newest(const build_env *e, const char *po_file)
{
	const ms_config *cfg = e->p->config;
	const char *shared[] = { po_file ? po_file : "", e->self ? e->self : "",
	                         cfg->path ? cfg->path : "",
	                         cfg->glossary ? cfg->glossary : "", NULL };
	struct timespec newest = { 0, 0 };
	newest_input(shared, &newest);
	return newest;
}

/* True when no output of any letter in any language is older than its
 * inputs: a build with nothing to do (the common case of a no-op
 * `make translate`), which then loads no glossary and starts no thread. */
static bool
nothing_to_build(const build_env *e)
{
	const build_opts *o = e->o;
	project *p = e->p;
	ms_buf out = MS_BUF_INIT;
	bool fresh = !o->force;
	for (size_t li = 0; fresh && o->langs[li]; li++) {
		bool is_source = !strcmp(o->langs[li], p->config->source_lang);
		char *po_file = is_source ? NULL : cli_po_path(p, o->langs[li]);
		struct timespec common = shared_inputs_newest(e, po_file);
		for (size_t i = 0; fresh && p->letters[i]; i++)
			fresh = letter_fresh(e, o->langs[li], p->letters[i], &common, &out);
		free(po_file);
	}
	ms_buf_release(&out);
	return fresh;
}

/* Build every letter of E in LANG; the exit status for this language. */
static int
build_lang(const build_env *e, const char *lang, build_tools *t)
{
	project *p = e->p;
	const build_opts *o = e->o;
	bool is_source = !strcmp(lang, p->config->source_lang);
	char *po_file = is_source ? NULL : cli_po_path(p, lang);
	ms_catalog *po = NULL;
	bool po_loaded = false, blocked = false, checks_failed = false;
	int rc = EXIT_CLEAN;

	/* The inputs every letter of the language shares: stat them once. */
	struct timespec common = shared_inputs_newest(e, po_file);

	for (size_t i = 0; p->letters[i]; i++) {
		bool all_fresh = !o->force;
		ms_letter *src = NULL;
		ms_buf out = MS_BUF_INIT;

		if (tl_rec) {
			rec_item *it = rec_push(tl_rec);
			it->is_step = true;
			it->text = ms_xstrdup(p->letters[i]);
		} else {
			cli_progress_step(e->pg, p->letters[i]);
		}
		if (all_fresh)
			all_fresh = letter_fresh(e, lang, p->letters[i], &common, &out);
		ms_buf_release(&out);
		if (all_fresh || blocked)
			continue;

		if (ms_reader_read_file(p->letters[i], &src, &cli_diag) != MS_OK) {
			rc = EXIT_ERROR;
			continue;
		}
		if (!is_source && !po_loaded) {
			struct stat sb;
			po_loaded = true;
			if (stat(po_file, &sb) == 0) {
				if (ms_catalog_read(po_file, &po, &cli_diag) != MS_OK)
					rc = EXIT_ERROR;
			} else {
				ms_diag_emit(&cli_diag, MS_WARNING, NULL, po_file, 0, 0,
				             _("no catalogue for '%s' yet (run missive update)"), lang);
				po = ms_catalog_new();
			}
			/* The gate: a catalogue with check errors is not
			 * published, or only as a draft with --draft. */
			size_t errs = 0;
			if (po) {
				char *key = gate_key(p, po_file, lang, e->self);
				if (!gate_cached(o->out_dir, lang, key, &t->shown, &errs)) {
					gate_rec r = { &t->shown, MS_BUF_INIT };
					ms_checker_run(t->checker, po, po_file, lang,
					               record_gate_finding, &r, &errs, NULL);
					gate_store(o->out_dir, lang, key, errs, &r.lines);
					ms_buf_release(&r.lines);
				}
				free(key);
			}
			if (errs && !o->draft) {
				ms_diag_emit(&cli_diag, MS_ERROR, "publish", po_file, 0, 0,
				             _("'%s' is not published: %zu check errors (see above; --draft publishes a draft)"),
				             lang, errs);
				blocked = true;
				if (rc < EXIT_FINDINGS)
					rc = EXIT_FINDINGS;
				ms_letter_free(src);
				continue;
			}
			checks_failed = errs > 0;
		}
		if (!is_source && !po) {
			ms_letter_free(src);
			continue;
		}
		ms_seg_mode mode = cli_seg_mode(p, src);
		if (!t->segs[mode]
		    && ms_segmenter_new(src->lang, mode, NULL, &t->segs[mode], &cli_diag) != MS_OK) {
			ms_letter_free(src);
			rc = EXIT_ERROR;
			continue;
		}
		int r = build_one(p, o, e->host, src, lang, po, po_file, t->glossary,
		                  t->segs[mode], checks_failed);
		if (r > rc)
			rc = r;
		ms_letter_free(src);
	}
	ms_catalog_free(po);
	free(po_file);
	return rc;
}

/* Languages built in threads: each thread takes the next language, with
 * tools of its own, and records what it would print; the main thread
 * prints each language's record in order, so the output is the same as
 * building the languages one after the other. */
typedef struct lang_job {
	const char *lang;
	recorder rec;
	int rc;
	bool done;
} lang_job;

typedef struct lang_pool {
	const build_env *env;
	lang_job *jobs;
	size_t n, next;
	build_tools spare;       /* the main thread's glossary and checker, for
	                          * the first thread to borrow; idle meanwhile */
	pthread_mutex_t lock;
	pthread_cond_t cond;
} lang_pool;

/* Errors only, to the CLI's handler (the warnings were shown once). */
static void
forward_errors(const ms_diag *d, void *data)
{
	(void)data;
	if (d->severity == MS_ERROR)
		ms_diag_send(&cli_diag, d);
}

static void *
lang_worker(void *arg)
{
	lang_pool *pool = arg;
	build_tools t;
	bool borrowed = false;
	memset(&t, 0, sizeof t);
	for (;;) {
		lang_job *j;
		pthread_mutex_lock(&pool->lock);
		j = pool->next < pool->n ? &pool->jobs[pool->next++] : NULL;
		pthread_mutex_unlock(&pool->lock);
		if (!j)
			break;
		tl_rec = &j->rec;
		if (!t.checker) {
			pthread_mutex_lock(&pool->lock);
			if (pool->spare.checker) {
				t.glossary = pool->spare.glossary;
				t.checker = pool->spare.checker;
				pool->spare.checker = NULL;
				borrowed = true;
			}
			pthread_mutex_unlock(&pool->lock);
		}
		if (!t.checker) {
			/* The main thread loaded the glossary once and reported
			 * its problems; a copy per thread, since its matcher
			 * keeps state. */
			ms_diag_handler errors_only = { forward_errors, NULL, 0, 0 };
			ms_glossary *g = NULL;
			const char *gp = pool->env->p->config->glossary;
			struct stat st;
			if (gp && stat(gp, &st) == 0 && ms_glossary_load(gp, &g, &errors_only) != MS_OK)
				j->rc = EXIT_ERROR;
			t.glossary = g;
			if (j->rc == EXIT_CLEAN
			    && ms_checker_new(pool->env->p->config, t.glossary, &t.checker,
			                      &cli_diag) == MS_OK)
				ms_checker_errors_only(t.checker);
			else
				j->rc = EXIT_ERROR;
		}
		if (j->rc == EXIT_CLEAN)
			j->rc = build_lang(pool->env, j->lang, &t);
		tl_rec = NULL;
		pthread_mutex_lock(&pool->lock);
		j->done = true;
		pthread_cond_broadcast(&pool->cond);
		pthread_mutex_unlock(&pool->lock);
	}
	if (borrowed) {
		/* the main thread's: it frees them */
		t.glossary = NULL;
		t.checker = NULL;
	}
	build_tools_release(&t);
	return NULL;
}

/* Build LANGS in up to NTHREADS threads; the first thread borrows this
 * thread's GLOSSARY and CHECKER, the others load their own.  False when
 * no thread could be started (nothing was built: build them in this
 * thread). */
static bool
build_threaded(const build_env *e, char **langs, size_t nthreads,
               ms_glossary *glossary, ms_checker *checker, cli_progress *pg, int *rc)
{
	lang_pool pool;
	pthread_t th[8];
	size_t started = 0;

	memset(&pool, 0, sizeof pool);
	pool.env = e;
	pool.spare.glossary = glossary;
	pool.spare.checker = checker;
	pool.n = ms_strv_len(langs);
	pool.jobs = ms_xcalloc(pool.n, sizeof *pool.jobs);
	for (size_t i = 0; i < pool.n; i++)
		pool.jobs[i].lang = langs[i];
	pthread_mutex_init(&pool.lock, NULL);
	pthread_cond_init(&pool.cond, NULL);
	if (nthreads > MS_ARRAY_SIZE(th))
		nthreads = MS_ARRAY_SIZE(th);
	for (size_t i = 0; i < nthreads; i++)
		if (pthread_create(&th[started], NULL, lang_worker, &pool) == 0)
			started++;
	if (started == 0) {
		free(pool.jobs);
		return false;
	}
	if (cli_verbose)
		fprintf(stderr, _("%s: build: %zu languages in %zu threads\n"), cli_progname,
		        pool.n, started);
	for (size_t i = 0; i < pool.n; i++) {
		lang_job *j = &pool.jobs[i];
		pthread_mutex_lock(&pool.lock);
		while (!j->done)
			pthread_cond_wait(&pool.cond, &pool.lock);
		pthread_mutex_unlock(&pool.lock);
		rec_replay(&j->rec, pg);
		if (j->rc > *rc)
			*rc = j->rc;
	}
	for (size_t i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&pool.lock);
	pthread_cond_destroy(&pool.cond);
	free(pool.jobs);
	return true;
}

/* How many threads may build languages at once: one per processor, at
 * most one per language, and one when a writer asked for is not known to
 * be safe to run in several threads (MS_CAP_REENTRANT). */
static size_t
build_threads(const build_opts *o, ms_plugin_host *host)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = ms_strv_len(o->langs);
	if (!threads_allowed() || cpus < 2 || n < 2)
		return 1;
	for (size_t i = 0; o->formats[i]; i++) {
		if (is_xliff_format(o->formats[i]))
			continue;
		const ms_plugin *pl = ms_plugin_host_find(host, o->formats[i], NULL);
		if (!pl || !(pl->caps & MS_CAP_REENTRANT))
			return 1;
	}
	return n < (size_t)cpus ? n : (size_t)cpus;
}

static int
cmd_build(project *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'f' },
		{ "draft", no_argument, NULL, 'd' },
		{ "force", no_argument, NULL, 'F' },
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	build_opts o = { NULL, NULL, false, false, p->config->out_dir };
	ms_plugin_host *host = NULL;
	ms_segmenter *segs[2] = { NULL, NULL };
	ms_glossary *glossary = NULL;
	ms_checker *checker = NULL;
	char *self = NULL;
	cli_progress *pg = NULL;
	int c, rc = EXIT_CLEAN;

	o.langs = ms_xcalloc(1, sizeof(char *));
	o.formats = ms_xcalloc(1, sizeof(char *));
	while ((c = getopt_long(argc, argv, "l:f:dFo:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l': ms_strv_push(&o.langs, optarg); break;
		case 'f': ms_strv_push(&o.formats, optarg); break;
		case 'd': o.draft = true; break;
		case 'F': o.force = true; break;
		case 'o': o.out_dir = optarg; break;
		case 'h':
			printf(_("Usage: %s build [--lang LANG]... [--format FMT]... [--draft] [--force]\n"
			         "                     [--out DIR] [LETTER.md...]\n"
			         "Write each letter in each language and format to DIR/<lang>/<id>.<ext>\n"
			         "(default %s).  Letters with untranslated or fuzzy units are not\n"
			         "published unless --draft is given; outputs newer than all their\n"
			         "inputs are skipped unless --force is given.\n"),
			       cli_progname, p->config->out_dir);
			rc = EXIT_CLEAN;
			goto out;
		default:
			rc = EXIT_ERROR;
			goto out;
		}
	}
	if (!o.langs[0]) {
		ms_strv_push(&o.langs, p->config->source_lang);
		for (size_t i = 0; p->config->languages[i]; i++)
			if (!ms_strv_contains(o.langs, p->config->languages[i]))
				ms_strv_push(&o.langs, p->config->languages[i]);
	}
	if (!o.formats[0])
		for (size_t i = 0; p->config->formats[i]; i++)
			ms_strv_push(&o.formats, p->config->formats[i]);
	for (size_t i = 0; o.langs[i]; i++) {
		for (const char *q = o.langs[i]; *q; q++)
			if (!(*q == '-' || *q == '_' || (*q >= 'a' && *q <= 'z')
			      || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9'))) {
				cli_usage_error(_("'%s' is not a language tag"), o.langs[i]);
				rc = EXIT_ERROR;
				goto out;
			}
	}
	if (cli_list_letters(p, argv + optind, argc - optind) != MS_OK) {
		rc = EXIT_ERROR;
		goto out;
	}
	if (ms_plugin_host_new(NULL, &host, &cli_diag) != MS_OK) {
		rc = EXIT_ERROR;
		goto out;
	}
	for (size_t i = 0; o.formats[i]; i++)
		if (!is_xliff_format(o.formats[i])
		    && !ms_plugin_host_find(host, o.formats[i], &cli_diag))
			rc = EXIT_ERROR;
	if (rc != EXIT_CLEAN)
		goto out;
	self = self_path();
	{
		build_env env = { p, &o, host, self, NULL };
		size_t nthreads;
		bool done = false;
		if (nothing_to_build(&env)) {
			pg = cli_progress_start(_("build"),
			                        ms_strv_len(o.langs) * ms_strv_len(p->letters));
			for (size_t li = 0; o.langs[li]; li++)
				for (size_t i = 0; p->letters[i]; i++)
					cli_progress_step(pg, p->letters[i]);
			goto out;
		}
		if (!cli_load_glossary(p, NULL, &glossary)
		    || ms_checker_new(p->config, glossary, &checker, &cli_diag) != MS_OK) {
			rc = EXIT_ERROR;
			goto out;
		}
		ms_checker_errors_only(checker);   /* the gate shows and counts errors only */
		nthreads = build_threads(&o, host);
		pg = cli_progress_start(_("build"), ms_strv_len(o.langs) * ms_strv_len(p->letters));
		if (nthreads > 1)
			done = build_threaded(&env, o.langs, nthreads, glossary, checker, pg, &rc);
		if (!done) {
			build_tools t;
			memset(&t, 0, sizeof t);
			t.glossary = glossary;
			t.checker = checker;
			env.pg = pg;
			for (size_t li = 0; o.langs[li]; li++) {
				int r = build_lang(&env, o.langs[li], &t);
				if (r > rc)
					rc = r;
			}
			segs[0] = t.segs[0];
			segs[1] = t.segs[1];
			ms_buf_release(&t.shown.line);
		}
	}
out:
	cli_progress_end(pg);
	free(self);
	ms_checker_free(checker);
	ms_glossary_free(glossary);
	ms_segmenter_free(segs[0]);
	ms_segmenter_free(segs[1]);
	ms_plugin_host_free(host);
	ms_strv_free(o.langs);
	ms_strv_free(o.formats);
	return rc;
}

/* -------------------------------------------------------------------- main */

typedef struct command {
	const char *name;
	int (*run)(project *p, int argc, char **argv);
	const char *summary;
} command;

static const command commands[] = {
	{ "extract", cmd_extract, N_("write the translation template from the corpus") },
	{ "update", cmd_update, N_("merge the template into each language's catalogue") },
	{ "build", cmd_build, N_("write the letters in each language and format") },
	{ "check", cmd_check, N_("check translations against the glossary and QA rules") },
	{ "segment", cmd_segment, N_("split text on standard input into sentences") },
	{ "plugins", cmd_plugins, N_("list the writer plugins and their state") },
	{ "stats", cmd_stats, N_("count translated, fuzzy and untranslated units and words") },
	{ "report", cmd_report, N_("write the translation status report (HTML or JSON)") },
	{ "import", cmd_import, N_("bring translations back from XLIFF files (CAT tools)") },
	{ "pretranslate", cmd_pretranslate, N_("fill untranslated entries from translation memory and machine translation") },
	{ "tm", cmd_tm, N_("export or import translation memories (TMX)") },
};

static void
print_help(void)
{
	printf(_("Usage: %s [OPTION]... COMMAND [ARG]...\n"
	         "Translate and publish formal letters.\n\n"
	         "Options:\n"
	         "  -C DIR           run in DIR (where missive.yaml is)\n"
	         "      --config FILE  read FILE instead of missive.yaml\n"
	         "  -q, --quiet      print errors and warnings only\n"
	         "  -v, --verbose    say what is done for each letter\n"
	         "      --help       show this help and exit\n"
	         "      --version    show the version and exit\n\n"
	         "Commands:\n"), cli_progname);
	for (size_t i = 0; i < MS_ARRAY_SIZE(commands); i++)
		printf("  %-9s %s\n", commands[i].name, _(commands[i].summary));
	printf(_("\n'%s COMMAND --help' describes a command.\n"
	         "Exit status: 0 clean, 1 findings (publication blocked), 2 usage or input error.\n"),
	       cli_progname);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config_path = NULL;
	project p;
	int c, rc;

	setlocale(LC_ALL, "");
	/* Past a file-size limit, report the failed write instead of dying:
	 * every write is atomic, so nothing is lost either way. */
	signal(SIGXFSZ, SIG_IGN);
#ifdef ENABLE_NLS
	bindtextdomain("missive", getenv("MISSIVE_LOCALEDIR") && *getenv("MISSIVE_LOCALEDIR")
	               ? getenv("MISSIVE_LOCALEDIR") : LOCALEDIR);
#endif
	/* no-color.org: NO_COLOR set and not empty turns colours off */
	use_colour = isatty(STDERR_FILENO) && !(getenv("NO_COLOR") && *getenv("NO_COLOR"));

	/* Options before the command only: stop at the first non-option. */
	while ((c = getopt_long(argc, argv, "+C:qvhV", opts, NULL)) != -1) {
		switch (c) {
		case 'C':
			if (chdir(optarg) != 0) {
				fprintf(stderr, _("%s: cannot change to '%s': %s\n"),
				        cli_progname, optarg, strerror(errno));
				return EXIT_ERROR;
			}
			break;
		case 'c': config_path = optarg; break;
		case 'q': cli_quiet = true; cli_verbose = false; break;
		case 'v': cli_verbose = true; cli_quiet = false; break;
		case 'h': print_help(); return EXIT_CLEAN;
		case 'V':
			printf("missive %s\n", PACKAGE_VERSION);
			printf(_("plugin ABI %d.%d\n"), MS_PLUGIN_ABI_MAJOR, MS_PLUGIN_ABI_MINOR);
			return EXIT_CLEAN;
		default:
			fprintf(stderr, _("Try '%s --help' for more information.\n"), cli_progname);
			return EXIT_ERROR;
		}
	}
	if (optind >= argc) {
		cli_usage_error(_("no command given"));
		return EXIT_ERROR;
	}
	const char *name = argv[optind];
	for (size_t i = 0; i < MS_ARRAY_SIZE(commands); i++) {
		if (strcmp(commands[i].name, name))
			continue;
		if (project_open(&p, config_path) != EXIT_CLEAN)
			return EXIT_ERROR;
		argc -= optind;
		argv += optind;
		optind = 1;     /* rescan for the command's own options */
		rc = commands[i].run(&p, argc, argv);
		project_close(&p);
		if (rc == EXIT_CLEAN && cli_diag.errors)
			rc = EXIT_ERROR;
		return rc;
	}
	cli_usage_error(_("'%s' is not a missive command"), name);
	return EXIT_ERROR;
}

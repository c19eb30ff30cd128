/* cli.c — how the missive command prints: diagnostics, findings, usage
 * errors, and the progress of long stages. */
#include "cli.h"
#include "check.h"
#include "fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char *cli_progname = "missive";
bool cli_quiet;
bool cli_verbose;
bool cli_colour;

/* ------------------------------------------------------------ diagnostics */

static void
print_diag(const ms_diag *d, void *data)
{
	static const char *const names[] = { N_("note"), N_("warning"), N_("error") };
	static const char *const colours[] = { "\033[1;36m", "\033[1;35m", "\033[1;31m" };
	(void)data;
	if (cli_quiet && d->severity == MS_NOTE)
		return;
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
	if (cli_colour)
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

void
cli_print_line(const char *s, size_t len)
{
	cli_progress_clear();
	fprintf(stderr, "%.*s\n", (int)len, s);
}

void
cli_print_finding(const ms_finding *f, void *data)
{
	ms_buf line = MS_BUF_INIT;
	(void)data;
	ms_finding_to_text(f, &line);
	cli_print_line(line.ptr, line.len);
	ms_buf_release(&line);
}

bool
cli_flush_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		ms_diag_emit(&cli_diag, MS_ERROR, NULL, NULL, 0, 0,
		             _("cannot write to standard output: %s"), strerror(errno));
		return false;
	}
	return true;
}

/* ---------------------------------------------------------------- progress */

typedef struct progress {
	char *stage;
	size_t total, done;
	struct timespec t0;
	double drawn_at;    /* elapsed seconds at the last redraw */
	bool bar;
} progress;

static progress *current;      /* the stage under way */
static progress *drawn;        /* the stage whose bar is on screen */

static double
elapsed(const progress *pg)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - pg->t0.tv_sec)
	       + (double)(now.tv_nsec - pg->t0.tv_nsec) / 1e9;
}

void
cli_progress_clear(void)
{
	if (drawn) {
		fputs("\r\033[K", stderr);
		drawn = NULL;
	}
}

static void
draw(progress *pg, const char *item)
{
	enum { WIDTH = 24 };
	size_t fill = pg->total ? pg->done * WIDTH / pg->total : WIDTH;
	unsigned secs = (unsigned)elapsed(pg);
	char bar[WIDTH + 1];
	for (size_t i = 0; i < WIDTH; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[WIDTH] = '\0';
	fprintf(stderr, "\r\033[K%s [%s] %zu/%zu %u:%02u", pg->stage, bar,
	        pg->done, pg->total, secs / 60, secs % 60);
	if (item) {
		const char *base = strrchr(item, '/');
		fprintf(stderr, " %.40s", base ? base + 1 : item);
	}
	fflush(stderr);
	drawn = pg;
}

/* The (translated) name of a stage. */
static const char *
stage_name(ms_stage stage)
{
	switch (stage) {
	case MS_STAGE_EXTRACT: return _("extract");
	case MS_STAGE_UPDATE: return _("update");
	case MS_STAGE_BUILD: return _("build");
	}
	return "";
}

static void
stage_begin(ms_stage stage, size_t total, void *data)
{
	progress *pg = ms_xcalloc(1, sizeof *pg);
	const char *ci = getenv("CI");
	(void)data;
	pg->stage = ms_xstrdup(stage_name(stage));
	pg->total = total;
	pg->bar = !cli_quiet && isatty(STDERR_FILENO) && !(ci && *ci);
	clock_gettime(CLOCK_MONOTONIC, &pg->t0);
	current = pg;
}

static void
stage_step(ms_stage stage, const char *item, void *data)
{
	progress *pg = current;
	(void)stage;
	(void)data;
	if (!pg)
		return;
	pg->done++;
	if (cli_verbose && item) {
		cli_progress_clear();
		fprintf(stderr, _("%s: %s %zu/%zu: %s\n"), cli_progname, pg->stage,
		        pg->done, pg->total, item);
	}
	if (pg->bar) {
		/* redraw at most ten times a second, and at the first and last */
		double now = elapsed(pg);
		if (pg->done == 1 || pg->done == pg->total || drawn != pg
		    || now - pg->drawn_at >= 0.1) {
			pg->drawn_at = now;
			draw(pg, item);
		}
	}
}

static void
stage_end(ms_stage stage, void *data)
{
	progress *pg = current;
	(void)stage;
	(void)data;
	if (!pg)
		return;
	if (drawn == pg)
		cli_progress_clear();
	if (!cli_quiet)
		fprintf(stderr, _("%s: %s: %zu of %zu done in %.1f s\n"), cli_progname,
		        pg->stage, pg->done, pg->total, elapsed(pg));
	free(pg->stage);
	free(pg);
	current = NULL;
}

static void
lock_wait(const char *dir, void *data)
{
	(void)data;
	if (!cli_quiet)
		fprintf(stderr, _("%s: waiting for another missive to finish with %s\n"),
		        cli_progname, dir);
}

ms_project *
cli_project_open(const char *config_path)
{
	static const ms_project_events events = {
		stage_begin, stage_step, stage_end, lock_wait, NULL
	};
	ms_project *p = NULL;
	if (ms_project_open(config_path, &p, &cli_diag) != MS_OK)
		return NULL;
	ms_project_set_events(p, &events);
	return p;
}

void
cli_confine(const ms_project *p, const char *out)
{
	const ms_config *c = ms_project_config(p);
	char *roots[] = { c->po_dir, c->out_dir, (char *)out, NULL };
	ms_fs_confine(roots);
}

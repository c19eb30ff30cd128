/* cli.h — what the missive command's source files share.
 *
 * Each subcommand is one function `int cmd_NAME(ms_project *, int argc,
 * char **argv)` in core/cli-NAME.c, listed in the command table of
 * main.c: it parses its options, calls the library (core/project.h) and
 * prints what comes back.  This file and core/cli.c hold what they print
 * with: diagnostics, findings, progress, exit statuses. */
#ifndef MS_CLI_H
#define MS_CLI_H

#include "internal.h"
#include "project.h"

/* Exit statuses of every command. */
enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_ERROR = 2 };

extern const char *cli_progname;
/* -q: errors and warnings only.  -v: a line per item of a long stage. */
extern bool cli_quiet;
extern bool cli_verbose;
/* Colours on standard error (a terminal, NO_COLOR unset). */
extern bool cli_colour;
/* Prints "file:line:col: severity: [check] message" on stderr. */
extern ms_diag_handler cli_diag;

/* "missive: MESSAGE" and a pointer to --help, on stderr. */
void cli_usage_error(const char *fmt, ...) MS_PRINTF(1, 2);
/* Open the project for a command (CONFIG_PATH NULL: missive.yaml when
 * there is one), with its events shown as progress; NULL after reporting
 * an error. */
ms_project *cli_project_open(const char *config_path);
/* Let the command write only inside the project's po and out folders,
 * and OUT (a folder given with --out; may be NULL), never through a
 * symbolic link below them (fileio.h, ms_fs_confine). */
void cli_confine(const ms_project *p, const char *out);
/* A line of text on standard error (a progress bar is erased first). */
void cli_print_line(const char *s, size_t len);
/* An ms_finding_fn printing F as text on standard error. */
void cli_print_finding(const ms_finding *f, void *data);
/* Flush standard output; false after reporting a failed write. */
bool cli_flush_stdout(void);

/* Progress of a long stage on standard error, fed by the project's
 * events.  On a terminal (and without $CI) a bar with counts and elapsed
 * time is redrawn in place; otherwise nothing is drawn and one summary
 * line is printed when the stage ends.  --quiet prints nothing,
 * --verbose adds a line per item. */
/* Erase the bar, if one is drawn, so that something else can be printed. */
void cli_progress_clear(void);

/* The commands (core/cli-NAME.c). */
int cmd_extract(ms_project *p, int argc, char **argv);
int cmd_update(ms_project *p, int argc, char **argv);
int cmd_build(ms_project *p, int argc, char **argv);
int cmd_check(ms_project *p, int argc, char **argv);
int cmd_segment(ms_project *p, int argc, char **argv);
int cmd_plugins(ms_project *p, int argc, char **argv);
int cmd_stats(ms_project *p, int argc, char **argv);
int cmd_report(ms_project *p, int argc, char **argv);
int cmd_import(ms_project *p, int argc, char **argv);

/* The status report as JSON (core/cli-stats.c): what `stats
 * --format=json` and `report --format=json` print.  Appended to B. */
void cli_report_json(const ms_report *r, bool full, ms_buf *b);

/* missive pretranslate (core/cli-pretranslate.c), missive tm (core/cli-tm.c) */
int cmd_pretranslate(ms_project *p, int argc, char **argv);
int cmd_tm(ms_project *p, int argc, char **argv);

#endif

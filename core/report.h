/* report.h — the status report, statistics and progress display of the
 * missive command (core/cli-report.c).  Not installed.
 *
 * These declarations belong with the other CLI helpers in cli.h; they
 * live here until that header is updated. */
#ifndef MS_REPORT_H
#define MS_REPORT_H

#include "cli.h"

/* Set by the global -v/--verbose option: one line per letter processed. */
extern bool cli_verbose;

/* Progress of a long stage (extract, update, build) on standard error.
 * On a terminal (and without $CI) a bar with counts and elapsed time is
 * redrawn in place; otherwise nothing is drawn and one summary line is
 * printed when the stage ends.  --quiet prints nothing, --verbose adds a
 * line per item.  Every function accepts NULL. */
typedef struct cli_progress cli_progress;

/* Start STAGE (a translated word such as "build") over TOTAL items.
 * Freshly allocated: cli_progress_end frees it. */
cli_progress *cli_progress_start(const char *stage, size_t total);
/* One more item; ITEM (may be NULL) is shown beside the bar. */
void cli_progress_step(cli_progress *pg, const char *item);
/* Erase the bar, if one is drawn, so a diagnostic can be printed. */
void cli_progress_clear(void);
/* Finish the stage: the bar is replaced by the summary line. */
void cli_progress_end(cli_progress *pg);

/* missive stats [--format=text|json] [--lang LANG]... */
int cmd_stats(project *p, int argc, char **argv);
/* missive report [--format=html|json] [--out DIR] [--lang LANG]... */
int cmd_report(project *p, int argc, char **argv);

#endif

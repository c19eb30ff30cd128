/* cli.h — what the missive command's source files share.  Each command
 * is one function `int cmd_NAME(project *, int argc, char **argv)`,
 * listed in the command table of main.c; commands other than the core
 * ones live in core/cli-NAME.c. */
#ifndef MS_CLI_H
#define MS_CLI_H

#include "internal.h"
#include "glossary.h"
#include "segment.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_ERROR = 2 };

typedef struct project {
	ms_config *config;
	char **letters;     /* corpus file paths, sorted (after cli_list_letters) */
} project;

extern const char *cli_progname;
extern bool cli_quiet;
/* Prints "file:line:col: severity: [check] message" on stderr. */
extern ms_diag_handler cli_diag;

/* "missive: MESSAGE" and a pointer to --help, on stderr. */
void cli_usage_error(const char *fmt, ...) MS_PRINTF(1, 2);
/* Fill P->letters with ARGS, or every corpus/<id>.md when NARGS is 0. */
ms_status cli_list_letters(project *p, char **args, int nargs);
struct stat;
/* True when A and B describe the same file, unchanged (inode, size and
 * modification time): how update and import see an edit made while they
 * worked. */
bool cli_same_file_state(const struct stat *a, const struct stat *b);
/* po/<lang>.po and po/<id or domain>.pot; freshly allocated. */
char *cli_po_path(const project *p, const char *lang);
char *cli_pot_path(const project *p, const char *id);
/* The glossary at PATH, or the configured one if it exists (*G NULL when
 * there is none).  False when it is broken (reported). */
bool cli_load_glossary(const project *p, const char *path, ms_glossary **g);
/* Exclusive lock on the po folder; returns a descriptor to close, or -1. */
int cli_lock_po(const project *p);
/* Segmentation mode for letter L (NULL: the project's default). */
ms_seg_mode cli_seg_mode(const project *p, const ms_letter *l);

/* missive pretranslate (core/cli-pretranslate.c), missive tm (core/cli-tm.c) */
int cmd_pretranslate(project *p, int argc, char **argv);
int cmd_tm(project *p, int argc, char **argv);

#endif

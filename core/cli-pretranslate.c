/* cli-pretranslate.c — `missive pretranslate`: options, the memories to
 * load, the lock and the guarded write of each catalogue; the work is
 * ms_pretranslate (core/tm-pretranslate.c). */
#include "internal.h"
#include "cli.h"
#include "catalog.h"
#include "check.h"
#include "tm.h"
#include "project-po.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct pt_opts {
	char **langs;
	char **tm;            /* --tm files */
	const char *mt_name;  /* --mt */
	const char *gpath;    /* --glossary */
	double min_score;
	bool accept_exact;
	bool dry_run;
} pt_opts;

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Memories imported with `missive tm import` (core/cli-tm.c):
 * <po>/tm/NAME.tmx and NAME.po, in name order; freshly allocated vector. */
static char **
tm_imported(const ms_project *p)
{
	char **v = ms_xcalloc(1, sizeof(char *));
	ms_buf dir = MS_BUF_INIT;
	DIR *d;
	struct dirent *de;
	ms_buf_printf(&dir, "%s/tm", ms_project_config(p)->po_dir);
	if ((d = opendir(dir.ptr))) {
		while ((de = readdir(d))) {
			size_t n = strlen(de->d_name);
			ms_buf path = MS_BUF_INIT;
			if (de->d_name[0] == '.' || n < 4
			    || (strcmp(de->d_name + n - 4, ".tmx") && strcmp(de->d_name + n - 3, ".po")))
				continue;
			ms_buf_printf(&path, "%s/%s", dir.ptr, de->d_name);
			ms_strv_push(&v, path.ptr);
			ms_buf_release(&path);
		}
		closedir(d);
	}
	qsort(v, ms_strv_len(v), sizeof *v, cmp_name);
	ms_buf_release(&dir);
	return v;
}

/* The memory for LANG: the catalogue itself, the imported memories,
 * missive.yaml's tm: list and the --tm files.  NULL after an error
 * (reported) in one of them. */
static ms_tm *
load_memory(const ms_project *p, const pt_opts *o, const char *lang,
            const ms_catalog *po, const char *po_path)
{
	ms_tm *tm = ms_tm_new(ms_project_config(p)->source_lang, lang);
	char **imported = tm_imported(p);
	char *const *lists[] = { imported, ms_project_config(p)->tm, o->tm };
	bool ok = true;

	ms_tm_add_catalog(tm, po, po_path);
	for (size_t l = 0; l < MS_ARRAY_SIZE(lists); l++) {
		for (size_t i = 0; lists[l] && lists[l][i]; i++) {
			size_t added = 0;
			unsigned errors = cli_diag.errors;
			ms_status st = ms_tm_add_file(tm, lists[l][i], &added, &cli_diag);
			if (st != MS_OK || cli_diag.errors > errors)
				ok = false;
			else if (cli_verbose)
				fprintf(stderr, _("%s: %s: %zu units for %s\n"), cli_progname,
				        lists[l][i], added, lang);
		}
	}
	ms_strv_free(imported);
	if (!ok) {
		ms_tm_free(tm);
		return NULL;
	}
	return tm;
}

/* The engine for LANG, probed; *VERSION freshly allocated.  NULL when
 * there is none for LANG (a note) or it cannot run (*FAILED, reported). */
static const ms_mt_engine *
engine_for(const ms_project *p, const char *name, const char *lang, char **version,
           bool *failed)
{
	const ms_mt_engine *e = ms_mt_find(name, ms_project_config(p)->source_lang, lang);
	*version = NULL;
	*failed = false;
	if (!e) {
		if (!ms_mt_find(name, NULL, NULL)) {
			size_t n;
			const ms_mt_engine *all = ms_mt_engines(&n);
			ms_buf names = MS_BUF_INIT;
			for (size_t i = 0; i < n; i++)
				ms_buf_printf(&names, "%s%s (%s→%s)", i ? ", " : "", all[i].name,
				              all[i].source, all[i].target);
			ms_diag_emit(&cli_diag, MS_ERROR, NULL, NULL, 0, 0,
			             _("no machine translation engine '%s' (known: %s)"), name, names.ptr);
			ms_buf_release(&names);
			*failed = true;
		} else if (!cli_quiet) {
			fprintf(stderr, _("%s: '%s' does not translate %s into %s: memory only for %s\n"),
			        cli_progname, name, ms_project_config(p)->source_lang, lang, lang);
		}
		return NULL;
	}
	if (e->probe(e, version, &cli_diag) != MS_OK) {
		*failed = true;
		return NULL;
	}
	return e;
}

static int
pretranslate_lang(const ms_project *p, const pt_opts *o, const char *lang,
                  const ms_glossary *g, ms_checker *checker)
{
	char *path = ms_project_po_path(p, lang), *version = NULL;
	ms_catalog *po = NULL;
	ms_tm *tm = NULL;
	const ms_mt_engine *engine = NULL;
	ms_pretranslate_opts po_opts;
	ms_pretranslate_stats st;
	ms_file_id as_read;
	bool changed = false, failed = false;
	int rc = EXIT_CLEAN;

	if (ms_file_id_get(path, false, &as_read, NULL) != MS_OK || !as_read.exists) {
		ms_diag_emit(&cli_diag, MS_ERROR, NULL, path, 0, 0,
		             _("no catalogue for '%s' (run missive update first)"), lang);
		free(path);
		return EXIT_ERROR;
	}
	if (ms_project_po_read(path, &po, &as_read, &cli_diag) != MS_OK) {
		ms_catalog_free(po);
		free(path);
		return EXIT_ERROR;
	}
	if (o->mt_name && !(engine = engine_for(p, o->mt_name, lang, &version, &failed))
	    && failed) {
		rc = EXIT_ERROR;
		goto out;
	}
	if (!(tm = load_memory(p, o, lang, po, path))) {
		rc = EXIT_ERROR;
		goto out;
	}
	memset(&po_opts, 0, sizeof po_opts);
	po_opts.lang = lang;
	po_opts.po_file = path;
	po_opts.min_score = o->min_score;
	po_opts.accept_exact = o->accept_exact;
	po_opts.mt = engine;
	po_opts.mt_version = version;
	po_opts.checker = checker;
	po_opts.glossary = g;
	if (ms_pretranslate(po, tm, &po_opts, &st, &cli_diag) != MS_OK)
		rc = EXIT_ERROR;
	if (!o->dry_run && st.untranslated != st.left) {
		/* A translator may have saved the file while we worked, or
		 * while we write: never overwrite their edit. */
		if (ms_project_po_write(po, path, &as_read,
		                        _("changed while missive was pre-translating it; nothing written, run it again"),
		                        &changed, &cli_diag) != MS_OK) {
			rc = EXIT_ERROR;
			goto out;
		}
	}
	if (!cli_quiet)
		fprintf(stderr, _("%s: %s%s: %zu untranslated: %zu exact, %zu other context, %zu fuzzy from memory, "
		                  "%zu by machine; %zu accepted, %zu with findings to review, "
		                  "%zu renderings replaced, %zu candidates refused; %zu left\n"),
		        cli_progname, path, o->dry_run ? _(" (dry run)") : "", st.untranslated,
		        st.exact, st.context, st.fuzzy, st.mt, st.accepted, st.reviewed,
		        st.repaired, st.refused, st.left);
out:
	free(version);
	ms_tm_free(tm);
	ms_catalog_free(po);
	free(path);
	return rc;
}

int
cmd_pretranslate(ms_project *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "tm", required_argument, NULL, 't' },
		{ "mt", required_argument, NULL, 'm' },
		{ "min-score", required_argument, NULL, 's' },
		{ "accept-exact", no_argument, NULL, 'a' },
		{ "glossary", required_argument, NULL, 'g' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	pt_opts o;
	ms_glossary *g = NULL;
	ms_checker *checker = NULL;
	int c, rc = EXIT_CLEAN, lock = -1;

	memset(&o, 0, sizeof o);
	o.langs = ms_xcalloc(1, sizeof(char *));
	o.tm = ms_xcalloc(1, sizeof(char *));
	o.min_score = 0.75;
	while ((c = getopt_long(argc, argv, "l:t:m:s:ag:nh", opts, NULL)) != -1) {
		char *end;
		long v;
		switch (c) {
		case 'l': ms_strv_push(&o.langs, optarg); break;
		case 't': ms_strv_push(&o.tm, optarg); break;
		case 'm': o.mt_name = optarg; break;
		case 's':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || v < 1 || v > 100) {
				cli_usage_error(_("--min-score takes a percentage from 1 to 100, not '%s'"), optarg);
				rc = EXIT_ERROR;
				goto out;
			}
			o.min_score = (double)v / 100.0;
			break;
		case 'a': o.accept_exact = true; break;
		case 'g': o.gpath = optarg; break;
		case 'n': o.dry_run = true; break;
		case 'h':
			printf(_("Usage: %s pretranslate [--lang LANG]... [--tm FILE]... [--mt ENGINE]\n"
			         "         [--min-score N] [--accept-exact] [--glossary FILE] [--dry-run]\n"
			         "Fill the untranslated entries of %s/<lang>.po from translation memory\n"
			         "(the catalogue itself, memories imported with 'missive tm import', the\n"
			         "files listed under tm: in missive.yaml and those given with --tm: PO or\n"
			         "TMX 1.4b) and, with --mt, from a machine translation engine (apertium:\n"
			         "English to Spanish).  Entries with a translation are never changed.\n"
			         "Every entry filled is fuzzy, with a comment saying where its text came\n"
			         "from and what the checks found; a candidate using a forbidden or\n"
			         "deprecated glossary rendering is never offered as it is.\n"
			         "  --min-score N    fuzzy matches below N %% are not offered (default 75)\n"
			         "  --accept-exact   accept exact matches (same text, same context) that\n"
			         "                   pass every check, instead of leaving them fuzzy\n"
			         "Exit status: 0 done, 2 usage or input error.\n"),
			       cli_progname, ms_project_config(p)->po_dir);
			goto out;
		default:
			rc = EXIT_ERROR;
			goto out;
		}
	}
	if (optind < argc) {
		cli_usage_error(_("unexpected argument '%s'"), argv[optind]);
		rc = EXIT_ERROR;
		goto out;
	}
	if (!o.langs[0])
		for (size_t i = 0; ms_project_config(p)->languages[i]; i++)
			ms_strv_push(&o.langs, ms_project_config(p)->languages[i]);
	if (ms_project_glossary(p, o.gpath, &g, &cli_diag) != MS_OK
	    || ms_checker_new(ms_project_config(p), g, &checker, &cli_diag) != MS_OK) {
		rc = EXIT_ERROR;
		goto out;
	}
	/* The same lock as extract, update and import: one writer of po/. */
	if ((lock = ms_project_lock(p, &cli_diag)) < 0) {
		rc = EXIT_ERROR;
		goto out;
	}
	for (size_t i = 0; o.langs[i]; i++) {
		if (!ms_strv_contains(ms_project_config(p)->languages, o.langs[i]))
			ms_diag_emit(&cli_diag, MS_WARNING, NULL, NULL, 0, 0,
			             _("'%s' is not a target language (see %s/LINGUAS)"),
			             o.langs[i], ms_project_config(p)->po_dir);
		if (pretranslate_lang(p, &o, o.langs[i], g, checker) != EXIT_CLEAN)
			rc = EXIT_ERROR;
	}
out:
	if (lock >= 0)
		close(lock);
	ms_checker_free(checker);
	ms_glossary_free(g);
	ms_strv_free(o.langs);
	ms_strv_free(o.tm);
	return rc;
}

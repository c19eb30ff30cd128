/* project-build.c — every letter in every language and format, through
 * the writer plugins, to "<out>/<lang>/<id>.<ext>".
 *
 * For each language: the letters whose outputs are up to date are
 * skipped; the others are read, the language's catalogue is read once and
 * passed through the publication gate (project-state.c), each letter is
 * localised and its publish state decided (ms_publish_decide), and the
 * writers render it.  XLIFF ("xlf") is written for every language,
 * whatever the state of the translations.
 *
 * Languages in parallel threads.  When there are several languages and
 * every writer asked for declares MS_CAP_REENTRANT, each thread takes the
 * next language with its own glossary, checker and segmenters, and
 * records what it delivers (project-rec.c); the calling thread delivers
 * each language's record in order, so the results are those of one
 * thread. */
#include "project-impl.h"
#include "localize.h"
#include "plugin.h"
#include "xliff.h"
#include "langtag.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The worse of two results: an error over a blocked publication over
 * success. */
static ms_status
worse(ms_status a, ms_status b)
{
	if (a != MS_OK && a != MS_ERR_BLOCKED)
		return a;
	if (b != MS_OK && b != MS_ERR_BLOCKED)
		return b;
	return a == MS_ERR_BLOCKED || b == MS_ERR_BLOCKED ? MS_ERR_BLOCKED : MS_OK;
}

bool
proj_is_xliff_format(const char *fmt)
{
	return !strcmp(fmt, "xlf") || !strcmp(fmt, "xliff");
}

/* A build's resolved options. */
typedef struct build_opts {
	char **langs;
	char **formats;
	char **letters;
	const char *out_dir;
	bool draft;
	bool force;
} build_opts;

/* What building every language shares, read-only while they build. */
typedef struct build_env {
	const ms_project *p;
	const build_opts *o;
	ms_plugin_host *host;
	const char *self;        /* this program's path (an input), or NULL */
	const proj_sink *sink;
} build_env;

/* What a language's build uses and changes: one set per thread. */
typedef struct build_tools {
	ms_glossary *glossary;
	ms_checker *checker;
	ms_segmenter *segs[2];
} build_tools;

static void
build_tools_release(build_tools *t)
{
	ms_checker_free(t->checker);
	ms_glossary_free(t->glossary);
	ms_segmenter_free(t->segs[0]);
	ms_segmenter_free(t->segs[1]);
	memset(t, 0, sizeof *t);
}

/* ------------------------------------------------------------- freshness */

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

/* True when every output of LETTER in LANG is newer than the letter and
 * than COMMON, the newest of the inputs all letters share.  OUT is
 * scratch. */
static bool
letter_fresh(const build_env *e, const char *lang, const char *letter,
             const struct timespec *common, ms_buf *out)
{
	const build_opts *o = e->o;
	const char *const mine[] = { letter, NULL };
	struct timespec newest = *common;
	char *id = proj_letter_id(letter);
	bool fresh = true;

	newest_input(mine, &newest);
	for (size_t f = 0; fresh && o->formats[f]; f++) {
		const ms_plugin *pl = proj_is_xliff_format(o->formats[f]) ? NULL
		                      : ms_plugin_host_find(e->host, o->formats[f], NULL);
		ms_buf_reset(out);
		ms_buf_printf(out, "%s/%s/%s.%s", o->out_dir, lang, id,
		              pl ? pl->extensions[0] : "xlf");
		fresh = up_to_date(out->ptr, &newest);
	}
	free(id);
	return fresh;
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
	const ms_project *p = e->p;
	ms_buf out = MS_BUF_INIT;
	bool fresh = !o->force;
	for (size_t li = 0; fresh && o->langs[li]; li++) {
		bool is_source = !strcmp(o->langs[li], p->config->source_lang);
		char *po_file = is_source ? NULL : ms_project_po_path(p, o->langs[li]);
		struct timespec common = shared_inputs_newest(e, po_file);
		for (size_t i = 0; fresh && o->letters[i]; i++)
			fresh = letter_fresh(e, o->langs[li], o->letters[i], &common, &out);
		free(po_file);
	}
	ms_buf_release(&out);
	return fresh;
}

/* ------------------------------------------------------------ one letter */

/* True when the real path of DIR is OUT's real path or inside it: an
 * out/<lang> that is a symbolic link leading elsewhere must not take the
 * outputs with it.  Reports the refusal through H when not NULL. */
static bool
dir_inside_out(const char *out, const char *dir, ms_diag_handler *h)
{
	char *ro = realpath(out, NULL), *rd = realpath(dir, NULL);
	size_t n = ro ? strlen(ro) : 0;
	bool ok = ro && rd && !strncmp(ro, rd, n)
	          && (rd[n] == '/' || rd[n] == '\0' || !strcmp(ro, "/"));
	if (!ok && h)
		ms_diag_emit(h, MS_ERROR, NULL, dir, 0, 0,
		             _("refusing to write outside '%s': this folder leads to '%s'"),
		             out, rd ? rd : strerror(errno));
	free(ro);
	free(rd);
	return ok;
}

/* Write OUT_PATH (out/<lang>/<id>.xlf) atomically: the XLIFF export of
 * SRC for LANG with the translations of PO (NULL: none yet) and the hints
 * of G; SEG splits body paragraphs as extraction does. */
static ms_status
build_xliff(const ms_letter *src, const char *lang, const ms_catalog *po,
            const ms_glossary *g, ms_segmenter *seg, const char *out_path,
            ms_diag_handler *h)
{
	ms_buf out = MS_BUF_INIT;
	const char *slash = strrchr(out_path, '/');
	ms_status st;

	if ((st = ms_xliff_write_letter(src, po, g, lang, seg, &out, h)) != MS_OK)
		ms_diag_emit(h, MS_ERROR, NULL, src->path, 0, 0,
		             _("cannot export the units to '%s'"), out_path);
	if (st == MS_OK && slash && slash != out_path) {
		char *dir = ms_xstrndup(out_path, (size_t)(slash - out_path));
		st = ms_mkdirs(dir, h);
		free(dir);
	}
	/* An output: regenerable, so no fsync, and not rewritten when the
	 * same (see ms_atomic_write_flags). */
	if (st == MS_OK)
		st = ms_atomic_write_flags(out_path, out.ptr, out.len,
		                           MS_WRITE_NO_SYNC | MS_WRITE_IF_CHANGED, h);
	ms_buf_release(&out);
	return st;
}

/* Build one letter in one language, in every format.  CHECK_ERRORS is
 * the number of check errors that concern it (a draft was asked for, or
 * there would be nothing to build); R receives its state. */
static ms_status
build_one(const build_env *e, const ms_letter *src, const char *lang,
          const ms_catalog *po, const char *po_file, const ms_glossary *g,
          ms_segmenter *seg, size_t check_errors, proj_out *out,
          ms_build_record *r)
{
	const ms_project *p = e->p;
	const build_opts *o = e->o;
	ms_diag_handler *h = out->h;
	ms_letter *l = NULL;
	ms_locale loc;
	ms_publish_facts facts;
	bool is_source = !strcmp(lang, src->lang ? src->lang : "en");
	ms_status st = MS_OK, xst = MS_OK, s;
	ms_buf dir = MS_BUF_INIT, path = MS_BUF_INIT;
	bool only_xliff = true;

	/* XLIFF is not a publication: it is written for every language,
	 * whatever the state of the translations (for the source language it
	 * is a template: sources only, for a CAT tool to start from). */
	ms_buf_printf(&dir, "%s/%s", o->out_dir, lang);
	for (size_t i = 0; o->formats[i]; i++) {
		if (!proj_is_xliff_format(o->formats[i])) {
			only_xliff = false;
			continue;
		}
		ms_buf_reset(&path);
		ms_buf_printf(&path, "%s/%s.xlf", dir.ptr, src->id);
		if ((s = ms_mkdirs(dir.ptr, h)) != MS_OK
		    || (s = dir_inside_out(o->out_dir, dir.ptr, h) ? MS_OK : MS_ERR_IO) != MS_OK
		    || (s = build_xliff(src, lang, po, g, seg, path.ptr, h)) != MS_OK)
			xst = s;
	}
	ms_buf_reset(&dir);
	if (only_xliff) {
		ms_buf_release(&dir);
		ms_buf_release(&path);
		r->failed = xst != MS_OK;
		return xst;
	}

	memset(&facts, 0, sizeof facts);
	facts.have_catalogue = true;
	facts.readable = true;
	facts.check_errors = check_errors;
	facts.draft = o->draft;
	facts.draft_untranslated = p->config->draft_untranslated;
	s = ms_localize_letter_links(src, is_source ? NULL : po, po_file, lang, seg,
	                             p->config->link_targets,
	                             o->draft || p->config->draft_untranslated,
	                             &l, &facts.missing, h);
	facts.localised = s == MS_OK || s == MS_ERR_BLOCKED;
	r->missing = facts.missing;
	r->state = ms_publish_decide(&facts);
	if (s == MS_ERR_BLOCKED) {
		ms_diag_emit(h, MS_ERROR, "publish", src->path, 0, 0,
		             _("not published in '%s': %zu units untranslated or fuzzy (use --draft to publish a draft)"),
		             lang, facts.missing);
		st = MS_ERR_BLOCKED;
	} else if (s != MS_OK) {
		st = s;
	}
	ms_buf_printf(&dir, "%s/%s", o->out_dir, lang);
	if (st == MS_OK && ((s = ms_mkdirs(dir.ptr, h)) != MS_OK
	                    || (s = dir_inside_out(o->out_dir, dir.ptr, h) ? MS_OK : MS_ERR_IO) != MS_OK))
		st = s;
	if (l && r->state == MS_PUBLISH_DRAFT)
		l->draft = true;
	ms_locale_init(&loc, p->config, lang, l ? l->draft : false);
	for (size_t i = 0; o->formats[i]; i++) {
		if (proj_is_xliff_format(o->formats[i]))
			continue;
		const ms_plugin *pl = ms_plugin_host_find(e->host, o->formats[i], NULL);
		ms_buf_reset(&path);
		ms_buf_printf(&path, "%s/%s.%s", dir.ptr, src->id,
		              pl ? pl->extensions[0] : o->formats[i]);
		if (st != MS_OK) {
			/* never leave a stale publication of a blocked letter */
			if (st == MS_ERR_BLOCKED && dir_inside_out(o->out_dir, dir.ptr, NULL)
			    && unlink(path.ptr) == 0)
				ms_diag_emit(h, MS_NOTE, "publish", path.ptr, 0, 0,
				             _("removed the earlier publication"));
			continue;
		}
		if (!pl)
			continue;   /* reported before the build started */
		if ((s = ms_plugin_render_file(pl, l, &loc, path.ptr, h)) != MS_OK)
			st = s;
	}
	if (st == MS_OK && l->draft && !check_errors)
		ms_diag_emit(h, MS_NOTE, "publish", src->path, 0, 0,
		             _("published in '%s' as a draft: %zu units fall back to the source text"),
		             lang, facts.missing);
	if (st != MS_OK)
		r->state = MS_PUBLISH_BLOCKED;
	r->failed = st != MS_OK && st != MS_ERR_BLOCKED;
	ms_letter_free(l);
	ms_buf_release(&dir);
	ms_buf_release(&path);
	return worse(st, xst);
}

/* ---------------------------------------------------------- one language */

/* Build every letter of E in LANG with tools T, delivering to OUT. */
static ms_status
build_lang(const build_env *e, const char *lang, build_tools *t, proj_out *out)
{
	const ms_project *p = e->p;
	const build_opts *o = e->o;
	ms_diag_handler *h = out->h;
	bool is_source = !strcmp(lang, p->config->source_lang);
	char *po_file = is_source ? NULL : ms_project_po_path(p, lang);
	ms_catalog *po = NULL;
	bool po_loaded = false, blocked = false;
	size_t errs = 0;
	ms_status rc = MS_OK, s;

	/* The inputs every letter of the language shares: stat them once. */
	struct timespec common = shared_inputs_newest(e, po_file);

	for (size_t i = 0; o->letters[i]; i++) {
		ms_build_record rec;
		ms_letter *src = NULL;
		ms_buf scratch = MS_BUF_INIT;
		bool fresh = false;

		memset(&rec, 0, sizeof rec);
		rec.letter = o->letters[i];
		rec.lang = lang;
		proj_out_step(out, o->letters[i]);
		if (!o->force)
			fresh = letter_fresh(e, lang, o->letters[i], &common, &scratch);
		ms_buf_release(&scratch);
		if (fresh) {
			rec.fresh = true;
			proj_out_letter(out, &rec);
			continue;
		}
		if (blocked) {
			rec.state = MS_PUBLISH_BLOCKED;
			rec.check_errors = errs;
			proj_out_letter(out, &rec);
			continue;
		}
		if ((s = ms_reader_read_file(o->letters[i], &src, h)) != MS_OK) {
			rc = worse(rc, s);
			rec.state = MS_PUBLISH_BLOCKED;
			rec.failed = true;
			proj_out_letter(out, &rec);
			continue;
		}
		if (!is_source && !po_loaded) {
			struct stat sb;
			po_loaded = true;
			if (stat(po_file, &sb) == 0) {
				if ((s = ms_catalog_read(po_file, &po, h)) != MS_OK)
					rc = worse(rc, s);
			} else {
				ms_diag_emit(h, MS_WARNING, NULL, po_file, 0, 0,
				             _("no catalogue for '%s' yet (run missive update)"), lang);
				po = ms_catalog_new();
			}
			/* The gate: a catalogue with check errors is not
			 * published, or only as a draft with --draft. */
			if (po)
				proj_gate(p, o->out_dir, lang, po, po_file, t->checker, e->self,
				          out, &errs);
			if (errs && !o->draft) {
				ms_diag_emit(h, MS_ERROR, "publish", po_file, 0, 0,
				             _("'%s' is not published: %zu check errors (see above; --draft publishes a draft)"),
				             lang, errs);
				blocked = true;
				rc = worse(rc, MS_ERR_BLOCKED);
				ms_letter_free(src);
				rec.state = MS_PUBLISH_BLOCKED;
				rec.check_errors = errs;
				proj_out_letter(out, &rec);
				continue;
			}
		}
		if (!is_source && !po) {
			ms_letter_free(src);
			rec.state = MS_PUBLISH_BLOCKED;
			rec.failed = true;
			proj_out_letter(out, &rec);
			continue;
		}
		ms_seg_mode mode = proj_seg_mode(p, src);
		if (!t->segs[mode]
		    && (s = ms_segmenter_new(src->lang, mode, NULL, &t->segs[mode], h)) != MS_OK) {
			ms_letter_free(src);
			rc = worse(rc, s);
			rec.state = MS_PUBLISH_BLOCKED;
			rec.failed = true;
			proj_out_letter(out, &rec);
			continue;
		}
		rec.check_errors = errs;
		rc = worse(rc, build_one(e, src, lang, po, po_file, t->glossary, t->segs[mode],
		                         errs, out, &rec));
		proj_out_letter(out, &rec);
		ms_letter_free(src);
	}
	ms_catalog_free(po);
	free(po_file);
	return rc;
}

/* --------------------------------------------------------------- threads */

/* Languages built in threads: each thread takes the next language, with
 * tools of its own, and records what it delivers; the calling thread
 * delivers each language's record in order. */
typedef struct lang_job {
	const char *lang;
	proj_rec rec;
	ms_status st;
	bool done;
} lang_job;

typedef struct lang_pool {
	const build_env *env;
	lang_job *jobs;
	size_t n, next;
	build_tools spare;       /* the calling thread's glossary and checker,
	                          * for the first thread to borrow; idle meanwhile */
	pthread_mutex_t lock;
	pthread_cond_t cond;
} lang_pool;

/* Errors only, to the handler in DATA (the warnings were shown once). */
static void
forward_errors(const ms_diag *d, void *data)
{
	if (d->severity == MS_ERROR)
		ms_diag_send(data, d);
}

static void *
lang_worker(void *arg)
{
	lang_pool *pool = arg;
	const ms_project *p = pool->env->p;
	build_tools t;
	bool borrowed = false;
	memset(&t, 0, sizeof t);
	for (;;) {
		lang_job *j;
		proj_out out;
		pthread_mutex_lock(&pool->lock);
		j = pool->next < pool->n ? &pool->jobs[pool->next++] : NULL;
		pthread_mutex_unlock(&pool->lock);
		if (!j)
			break;
		proj_out_record(&out, pool->env->sink, &j->rec);
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
			/* The calling thread loaded the glossary once and
			 * reported its problems; a copy per thread, since its
			 * matcher keeps state. */
			ms_diag_handler errors_only = { forward_errors, out.h, 0, 0 };
			ms_glossary *g = NULL;
			const char *gp = p->config->glossary;
			struct stat st;
			if (gp && stat(gp, &st) == 0 && (j->st = ms_glossary_load(gp, &g, &errors_only)) != MS_OK)
				j->st = MS_ERR_INVALID;
			t.glossary = g;
			if (j->st == MS_OK
			    && (j->st = ms_checker_new(p->config, t.glossary, &t.checker, out.h)) == MS_OK)
				ms_checker_errors_only(t.checker);
		}
		if (j->st == MS_OK)
			j->st = build_lang(pool->env, j->lang, &t, &out);
		pthread_mutex_lock(&pool->lock);
		j->done = true;
		pthread_cond_broadcast(&pool->cond);
		pthread_mutex_unlock(&pool->lock);
	}
	if (borrowed) {
		/* the calling thread's: it frees them */
		t.glossary = NULL;
		t.checker = NULL;
	}
	build_tools_release(&t);
	return NULL;
}

/* Build the languages in up to NTHREADS threads; the first thread borrows
 * this thread's GLOSSARY and CHECKER, the others load their own.  False
 * when no thread could be started (nothing was built: build them in this
 * thread). */
static bool
build_threaded(const build_env *e, const ms_build_opts *uo, size_t nthreads,
               ms_glossary *glossary, ms_checker *checker, ms_status *rc)
{
	lang_pool pool;
	pthread_t th[8];
	size_t started = 0;

	memset(&pool, 0, sizeof pool);
	pool.env = e;
	pool.spare.glossary = glossary;
	pool.spare.checker = checker;
	pool.n = ms_strv_len(e->o->langs);
	pool.jobs = ms_xcalloc(pool.n, sizeof *pool.jobs);
	for (size_t i = 0; i < pool.n; i++)
		pool.jobs[i].lang = e->o->langs[i];
	pthread_mutex_init(&pool.lock, NULL);
	pthread_cond_init(&pool.cond, NULL);
	if (nthreads > MS_ARRAY_SIZE(th))
		nthreads = MS_ARRAY_SIZE(th);
	for (size_t i = 0; i < nthreads; i++)
		if (pthread_create(&th[started], NULL, lang_worker, &pool) == 0)
			started++;
	if (started == 0) {
		pthread_mutex_destroy(&pool.lock);
		pthread_cond_destroy(&pool.cond);
		free(pool.jobs);
		return false;
	}
	if (uo->on_threads)
		uo->on_threads(pool.n, started, uo->data);
	for (size_t i = 0; i < pool.n; i++) {
		lang_job *j = &pool.jobs[i];
		pthread_mutex_lock(&pool.lock);
		while (!j->done)
			pthread_cond_wait(&pool.cond, &pool.lock);
		pthread_mutex_unlock(&pool.lock);
		proj_rec_replay(&j->rec, e->sink);
		*rc = worse(*rc, j->st);
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
	if (!proj_threads_allowed() || cpus < 2 || n < 2)
		return 1;
	for (size_t i = 0; o->formats[i]; i++) {
		if (proj_is_xliff_format(o->formats[i]))
			continue;
		const ms_plugin *pl = ms_plugin_host_find(host, o->formats[i], NULL);
		if (!pl || !(pl->caps & MS_CAP_REENTRANT))
			return 1;
	}
	return n < (size_t)cpus ? n : (size_t)cpus;
}

/* ----------------------------------------------------------------- build */

ms_status
ms_project_build(ms_project *p, const ms_build_opts *uo, ms_diag_handler *h)
{
	static const ms_build_opts none = { 0 };
	build_opts o;
	ms_plugin_host *host = NULL;
	ms_glossary *glossary = NULL;
	ms_checker *checker = NULL;
	char *self = NULL;
	bool begun = false;
	ms_status rc = MS_OK;

	if (!uo)
		uo = &none;
	proj_sink sink = { p, MS_STAGE_BUILD, h, uo->on_gate_finding, uo->on_letter, uo->data };
	memset(&o, 0, sizeof o);
	o.draft = uo->draft;
	o.force = uo->force;
	o.out_dir = uo->out_dir ? uo->out_dir : p->config->out_dir;
	o.langs = ms_xcalloc(1, sizeof(char *));
	o.formats = ms_xcalloc(1, sizeof(char *));
	for (size_t i = 0; uo->langs && uo->langs[i]; i++)
		ms_strv_push(&o.langs, uo->langs[i]);
	if (!o.langs[0]) {
		ms_strv_push(&o.langs, p->config->source_lang);
		for (size_t i = 0; p->config->languages[i]; i++)
			if (!ms_strv_contains(o.langs, p->config->languages[i]))
				ms_strv_push(&o.langs, p->config->languages[i]);
	}
	for (size_t i = 0; uo->formats && uo->formats[i]; i++)
		ms_strv_push(&o.formats, uo->formats[i]);
	if (!o.formats[0])
		for (size_t i = 0; p->config->formats[i]; i++)
			ms_strv_push(&o.formats, p->config->formats[i]);
	for (size_t i = 0; o.langs[i]; i++)
		if (!ms_lang_valid(o.langs[i])) {
			ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
			             _("'%s' is not a language tag"), o.langs[i]);
			rc = MS_ERR_USAGE;
			goto out;
		}
	if (!(o.letters = proj_letters(p, uo->letters, h))) {
		rc = MS_ERR_IO;
		goto out;
	}
	if ((rc = ms_plugin_host_new(NULL, &host, h)) != MS_OK)
		goto out;
	for (size_t i = 0; o.formats[i]; i++)
		if (!proj_is_xliff_format(o.formats[i])
		    && !ms_plugin_host_find(host, o.formats[i], h))
			rc = MS_ERR_NOT_FOUND;
	if (rc != MS_OK)
		goto out;
	self = self_path();
	{
		build_env env = { p, &o, host, self, &sink };
		size_t nthreads, total = ms_strv_len(o.langs) * ms_strv_len(o.letters);
		bool done = false;
		if (nothing_to_build(&env)) {
			proj_stage_begin(p, MS_STAGE_BUILD, total);
			begun = true;
			for (size_t li = 0; o.langs[li]; li++)
				for (size_t i = 0; o.letters[i]; i++) {
					ms_build_record r;
					memset(&r, 0, sizeof r);
					r.letter = o.letters[i];
					r.lang = o.langs[li];
					r.fresh = true;
					proj_stage_step(p, MS_STAGE_BUILD, o.letters[i]);
					if (uo->on_letter)
						uo->on_letter(&r, uo->data);
				}
			goto out;
		}
		if (!proj_load_glossary(p, NULL, &glossary, h)) {
			rc = MS_ERR_INVALID;
			goto out;
		}
		if ((rc = ms_checker_new(p->config, glossary, &checker, h)) != MS_OK)
			goto out;
		ms_checker_errors_only(checker);   /* the gate acts on errors only */
		nthreads = build_threads(&o, host);
		proj_stage_begin(p, MS_STAGE_BUILD, total);
		begun = true;
		if (nthreads > 1)
			done = build_threaded(&env, uo, nthreads, glossary, checker, &rc);
		if (!done) {
			build_tools t;
			proj_out out;
			memset(&t, 0, sizeof t);
			t.glossary = glossary;
			t.checker = checker;
			proj_out_direct(&out, &sink);
			for (size_t li = 0; o.langs[li]; li++)
				rc = worse(rc, build_lang(&env, o.langs[li], &t, &out));
			t.glossary = NULL;
			t.checker = NULL;
			build_tools_release(&t);
		}
	}
out:
	if (begun)
		proj_stage_end(p, MS_STAGE_BUILD);
	free(self);
	ms_checker_free(checker);
	ms_glossary_free(glossary);
	ms_plugin_host_free(host);
	ms_strv_free(o.langs);
	ms_strv_free(o.formats);
	ms_strv_free(o.letters);
	return rc;
}

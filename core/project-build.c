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
 * Threads.  When every writer asked for declares MS_CAP_REENTRANT, the
 * letters are cut into jobs (runs of letters of one language) that
 * threads take with a checker and segmenters of their own, recording
 * what they deliver (project-rec.c); the calling thread delivers each
 * job's record in the order of one thread, so the results are those of
 * one thread (see "threads" below). */
#include "project-impl.h"
#include "localize.h"
#include "plugin.h"
#include "reader.h"
#include "xliff.h"
#include "langtag.h"
#include "hash.h"

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
	bool whole_corpus;       /* no letters named: letters gone are pruned */
	char **ids;              /* the letters' ids */
	ms_htab *id_set;         /* id → itself: which letters are there */
} build_opts;

/* True when the manifest's letter L is none of this build's letters. */
static bool
letter_gone(const build_opts *o, const proj_mletter *l)
{
	return !ms_htab_get(o->id_set, l->id, strlen(l->id));
}

/* What building every language shares, read-only while they build. */
typedef struct build_env {
	const ms_project *p;
	const build_opts *o;
	ms_plugin_host *host;
	const char *self;        /* this program's path (an input), or NULL */
	const proj_sink *sink;
	proj_hashes *hashes;     /* input files' hashes, cached */
	uint64_t common;         /* what every output depends on */
	const ms_plugin **plugins;  /* per format; NULL for XLIFF */
	const char **exts;       /* per format: the output's extension */
	uint64_t *code;          /* per format: the writer's code */
	bool publishes;          /* some format is not XLIFF */
} build_env;

/* What a language's build uses and changes: one set per thread. */
typedef struct build_tools {
	const ms_glossary *glossary; /* the build's one glossary, borrowed:
	                              * a loaded glossary is read-only and
	                              * shared by threads (glossary.h) */
	ms_checker *checker;
	ms_segmenter *segs[2];
} build_tools;

static void
build_tools_release(build_tools *t)
{
	ms_checker_free(t->checker);
	ms_segmenter_free(t->segs[0]);
	ms_segmenter_free(t->segs[1]);
	memset(t, 0, sizeof *t);
}

/* One language under way.  Its letters may be built by several threads
 * at once (build_job): the catalogue is read and gated once, by the
 * thread that builds the first letter needing it (FIRST_STALE, known from
 * the scan), and the threads building later letters wait for it. */
typedef struct lang_ctx {
	const char *lang;
	bool is_source;
	char *po_file;           /* NULL for the source language */
	uint64_t catalogue;      /* hash of the catalogue file, read before it is parsed */
	char *po_data;           /* its bytes when hashing read them (the hash
	                          * cache did not know them): parsed, not read
	                          * again; NULL otherwise */
	size_t po_len;
	ms_catalog *po;
	bool po_loaded;          /* read (or found unreadable) and gated; under LOCK */
	proj_errors *errors;     /* the gate's, once it ran */
	proj_manifest *m;
	proj_keys *keys;         /* PO's entries by key hash, made when a
	                          * letter's index first needs it (under LOCK) */
	bool keys_made;
	size_t first_stale;      /* the first letter to build; SIZE_MAX: none */
	pthread_mutex_t lock;
	pthread_cond_t loaded;   /* PO_LOADED became true */
} lang_ctx;

/* ------------------------------------------------------------- freshness */

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

/* What every output of the build depends on besides its letter and
 * catalogue entries: missive.yaml, the glossary, the project's language
 * profiles, missive's version and the library's code (the checks, the
 * localiser, the XLIFF writer, the installed profiles). */
static uint64_t
common_hash(const ms_project *p, proj_hashes *c)
{
	uint64_t part[4];
	part[0] = proj_hashes_file(c, p->config->path);
	part[1] = proj_hashes_file(c, p->config->glossary);
	part[2] = proj_code_hash(c, (const void *)ms_project_build);
	part[3] = proj_profiles_hash(MS_HASH_SEED, p, c);
	return ms_hash_bytes(ms_hash_str(MS_HASH_SEED, PACKAGE_VERSION), part, sizeof part);
}

static char *
out_path(const build_env *e, const char *lang, const char *id, size_t f)
{
	ms_buf b = MS_BUF_INIT;
	ms_buf_printf(&b, "%s/%s/%s.%s", e->o->out_dir, lang, id, e->exts[f]);
	return ms_buf_detach(&b, NULL);
}

/* The decision for the facts L records, with this build's options. */
static ms_publish_state
recorded_state(const build_env *e, const proj_mletter *l)
{
	ms_publish_facts f;
	memset(&f, 0, sizeof f);
	f.have_catalogue = f.readable = f.localised = true;
	f.check_errors = l->errors;
	f.missing = l->missing;
	f.units = l->units;
	f.draft = e->o->draft;
	f.draft_untranslated = e->p->config->draft_untranslated;
	f.min_translated = e->p->config->min_translated;
	return ms_publish_decide(&f);
}

/* True when the output of L in LANG in format F was written from L's
 * current inputs, by the current writer, for STATE, and is still there. */
static bool
output_fresh(const build_env *e, proj_manifest *m, const char *lang,
             const proj_mletter *l, size_t f, ms_publish_state state)
{
	proj_mout *o = proj_mletter_out(l, e->exts[f]);
	char *path;
	bool fresh;
	if (e->o->force || !o || o->letter != l->letter || o->entries != l->entries
	    || o->common != l->common || o->plugin != e->code[f]
	    || (e->plugins[f] && o->state != (int)state))
		return false;
	path = out_path(e, lang, l->id, f);
	fresh = proj_mout_intact(m, o, path);
	free(path);
	return fresh;
}

/* True when every output of L in LANG that this build asks for is fresh
 * for the state this build decides (*STATE), and that state publishes. */
static bool
outputs_fresh(const build_env *e, proj_manifest *m, const char *lang,
              const proj_mletter *l, ms_publish_state *state)
{
	bool fresh;
	*state = recorded_state(e, l);
	fresh = !e->o->force && (*state != MS_PUBLISH_BLOCKED || !e->publishes);
	for (size_t f = 0; fresh && e->o->formats[f]; f++)
		fresh = output_fresh(e, m, lang, l, f, *state);
	return fresh;
}

/* True when the letter L of the manifest, in LANG, needs nothing from
 * this build: its letter file still hashes to LETTER, everything shared
 * and its catalogue are as recorded, and its outputs are fresh. */
static bool
letter_fresh(const build_env *e, const lang_ctx *lc, const proj_mletter *l,
             const char *path, uint64_t letter, ms_publish_state *state)
{
	return l && !e->o->force && l->letter == letter && l->common == e->common
	       && !strcmp(l->path, path) && (lc->is_source || l->catalogue == lc->catalogue)
	       && outputs_fresh(e, lc->m, lc->lang, l, state);
}

/* The bytes of the letter file PATH (freshly allocated) and their hash,
 * as proj_hash_file computes it.  False after reporting it cannot be
 * read. */
static bool
letter_hash(const char *path, uint64_t *hash, char **data, size_t *len,
            ms_diag_handler *h)
{
	if (ms_read_file(path, data, len, h) != MS_OK)
		return false;
	*hash = proj_hash_data(MS_HASH_SEED, *data, *len);
	return true;
}

static void
lang_ctx_init(lang_ctx *lc, const build_env *e, const char *lang)
{
	memset(lc, 0, sizeof *lc);
	lc->lang = lang;
	lc->is_source = !strcmp(lang, e->p->config->source_lang);
	if (!lc->is_source) {
		lc->po_file = ms_project_po_path(e->p, lang);
		/* before the catalogue is parsed: a save in between is seen
		 * by the next build */
		lc->catalogue = proj_hashes_file_keep(e->hashes, lc->po_file, &lc->po_data,
		                                      &lc->po_len);
	}
	lc->m = proj_manifest_load(e->o->out_dir, lang);
	lc->first_stale = SIZE_MAX;
	pthread_mutex_init(&lc->lock, NULL);
	pthread_cond_init(&lc->loaded, NULL);
}

static void
lang_ctx_release(lang_ctx *lc)
{
	proj_manifest_free(lc->m);
	proj_keys_free(lc->keys);
	proj_errors_free(lc->errors);
	ms_catalog_free(lc->po);
	free(lc->po_data);
	free(lc->po_file);
	pthread_mutex_destroy(&lc->lock);
	pthread_cond_destroy(&lc->loaded);
}

/* True when a whole-corpus build has letters of the manifest to prune. */
static bool
has_gone_letters(const build_env *e, const proj_manifest *m)
{
	size_t n;
	proj_mletter **ls;
	bool gone = false;
	if (!e->o->whole_corpus)
		return false;
	ls = proj_manifest_letters(m, &n);
	for (size_t i = 0; i < n && !gone; i++)
		gone = letter_gone(e->o, ls[i]);
	free(ls);
	return gone;
}

/* Which letters of LC need nothing from this build: RECS (one per
 * letter) receive their records, with FRESH set for those, and
 * LC->FIRST_STALE the first of the others.  True when there is nothing to
 * do in this language: no letter to build and none to prune. */
static bool
scan_lang(const build_env *e, lang_ctx *lc, ms_build_record *recs)
{
	const build_opts *o = e->o;
	for (size_t i = 0; o->letters[i]; i++) {
		char *id = proj_letter_id(o->letters[i]);
		proj_mletter *ml = proj_manifest_get(lc->m, id);
		ms_build_record *r = &recs[i];
		uint64_t h = proj_hashes_file(e->hashes, o->letters[i]);
		memset(r, 0, sizeof *r);
		r->letter = o->letters[i];
		r->lang = lc->lang;
		r->publication = e->publishes;
		r->fresh = letter_fresh(e, lc, ml, o->letters[i], h, &r->state);
		if (r->fresh) {
			r->missing = ml->missing;
			r->check_errors = ml->errors;
		} else if (lc->first_stale == SIZE_MAX) {
			lc->first_stale = i;
		}
		free(id);
	}
	return lc->first_stale == SIZE_MAX && !has_gone_letters(e, lc->m);
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

/* Remove the earlier publication of L in DIR (every output the manifest
 * or this build knows of, XLIFF aside), with a note for each. */
static void
unpublish(const build_env *e, proj_manifest *m, proj_mletter *l, const char *lang,
          const char *dir, ms_diag_handler *h, const char *why)
{
	ms_buf path = MS_BUF_INIT;
	if (!dir_inside_out(e->o->out_dir, dir, NULL))
		return;
	for (size_t f = 0; e->o->formats[f]; f++) {
		if (!e->plugins[f])
			continue;   /* XLIFF is not a publication */
		ms_buf_reset(&path);
		ms_buf_printf(&path, "%s/%s.%s", dir, l->id, e->exts[f]);
		if (unlink(path.ptr) == 0)
			ms_diag_emit(h, MS_NOTE, "publish", path.ptr, 0, 0, "%s", why);
		proj_mletter_drop_out(m, l, e->exts[f]);
	}
	for (proj_mout *o = l->outs, *next; o; o = next) {
		next = o->next;
		if (o->state < 0)
			continue;
		ms_buf_reset(&path);
		ms_buf_printf(&path, "%s/%s.%s", dir, l->id, o->ext);
		if (unlink(path.ptr) == 0)
			ms_diag_emit(h, MS_NOTE, "publish", path.ptr, 0, 0, "%s", why);
		proj_mletter_drop_out(m, l, o->ext);
	}
	(void)lang;
	ms_buf_release(&path);
}

/* Build one letter in one language, in every format.  L is its manifest
 * record with its new inputs; its facts from its units (entries used,
 * units, check errors) are there already when SCANNED, else they are
 * taken in the walk that localises it (one segmentation of the letter
 * instead of two).  R receives its state. */
static ms_status
build_one(const build_env *e, lang_ctx *lc, proj_mletter *l, const ms_letter *src,
          const ms_glossary *g, ms_segmenter *seg, bool scanned, proj_out *out,
          ms_build_record *r)
{
	const ms_project *p = e->p;
	const build_opts *o = e->o;
	const char *lang = lc->lang;
	ms_diag_handler *h = out->h, quiet = { NULL, NULL, 0, 0 };
	ms_letter *loc_l = NULL;
	ms_locale loc;
	ms_publish_facts facts;
	ms_status st = MS_OK, xst = MS_OK, s;
	ms_buf dir = MS_BUF_INIT, path = MS_BUF_INIT;
	bool xliff_done = false;

	memset(&facts, 0, sizeof facts);
	/* XLIFF is not a publication: it is written for every language,
	 * whatever the state of the translations (for the source language it
	 * is a template: sources only, for a CAT tool to start from). */
	ms_buf_printf(&dir, "%s/%s", o->out_dir, lang);
	for (size_t i = 0; o->formats[i]; i++) {
		if (e->plugins[i] || output_fresh(e, lc->m, lang, l, i, MS_PUBLISH_PUBLISHED))
			continue;
		ms_buf_reset(&path);
		ms_buf_printf(&path, "%s/%s.xlf", dir.ptr, src->id);
		if ((s = ms_mkdirs(dir.ptr, h)) != MS_OK
		    || (s = dir_inside_out(o->out_dir, dir.ptr, h) ? MS_OK : MS_ERR_IO) != MS_OK
		    || (s = build_xliff(src, lang, lc->po, g, seg, path.ptr, h)) != MS_OK) {
			xst = s;
			proj_mletter_drop_out(lc->m, l, e->exts[i]);
		} else if (scanned) {
			proj_mletter_set_out(lc->m, l, e->exts[i], e->code[i], -1, path.ptr);
		} else {
			xliff_done = true;   /* recorded once L's entries are known */
		}
	}

	/* With XLIFF only, nothing is published: the facts are still
	 * recorded, quietly. */
	{
		proj_letter_facts lf;
		proj_scan scan;
		if (!scanned)
			proj_scan_init(&scan, lc->po, lc->errors, &lf);
		s = ms_localize_letter_links(src, lc->is_source ? NULL : lc->po, lc->po_file,
		                             lang, seg, p->config->link_targets,
		                             o->draft || p->config->draft_untranslated,
		                             scanned ? NULL : proj_scan_unit, &scan,
		                             &loc_l, &facts.missing, e->publishes ? h : &quiet);
		if (!scanned) {
			size_t nkeys;
			uint64_t *keys = proj_scan_take_keys(&scan, &nkeys);
			proj_mletter_set_keys(lc->m, l, keys, nkeys);
			proj_scan_release(&scan);
			l->entries = lf.entries;
			l->units = lf.units;
			l->errors = lf.errors;
		}
	}
	for (size_t i = 0; xliff_done && xst == MS_OK && o->formats[i]; i++)
		if (!e->plugins[i]) {
			ms_buf_reset(&path);
			ms_buf_printf(&path, "%s/%s.xlf", dir.ptr, src->id);
			proj_mletter_set_out(lc->m, l, e->exts[i], e->code[i], -1, path.ptr);
		}
	facts.have_catalogue = true;
	facts.readable = true;
	facts.check_errors = l->errors;
	facts.units = l->units;
	facts.draft = o->draft;
	facts.draft_untranslated = p->config->draft_untranslated;
	facts.min_translated = p->config->min_translated;
	facts.localised = s == MS_OK || s == MS_ERR_BLOCKED;
	l->missing = facts.missing;
	r->missing = facts.missing;
	r->check_errors = l->errors;
	r->state = ms_publish_decide(&facts);
	r->publication = e->publishes;
	if (!e->publishes)
		goto done;
	if (s != MS_OK && s != MS_ERR_BLOCKED) {
		st = s;
	} else if (r->state == MS_PUBLISH_BLOCKED) {
		unsigned why = ms_publish_blockers(&facts);
		if (why & MS_BLOCKED_UNTRANSLATED)
			ms_diag_emit(h, MS_ERROR, "publish", src->path, 0, 0,
			             _("not published in '%s': %zu units untranslated or fuzzy (use --draft to publish a draft)"),
			             lang, facts.missing);
		if (why & MS_BLOCKED_CHECK_ERRORS)
			ms_diag_emit(h, MS_ERROR, "publish", src->path, 0, 0,
			             _("not published in '%s': %zu check errors concern it (see above; --draft publishes a draft)"),
			             lang, l->errors);
		if (why & MS_BLOCKED_THRESHOLD)
			ms_diag_emit(h, MS_ERROR, "publish", src->path, 0, 0,
			             _("not published in '%s': %zu of %zu units translated, fewer than min-translated asks (%d%%; --draft publishes a draft)"),
			             lang, facts.units - facts.missing, facts.units,
			             p->config->min_translated);
		st = MS_ERR_BLOCKED;
	}
	if (st == MS_OK && ((s = ms_mkdirs(dir.ptr, h)) != MS_OK
	                    || (s = dir_inside_out(o->out_dir, dir.ptr, h) ? MS_OK : MS_ERR_IO) != MS_OK))
		st = s;
	if (st == MS_ERR_BLOCKED) {
		/* never leave a stale publication of a blocked letter */
		unpublish(e, lc->m, l, lang, dir.ptr, h, _("removed the earlier publication"));
		goto done;
	}
	if (loc_l && r->state == MS_PUBLISH_DRAFT)
		loc_l->draft = true;
	ms_locale_init(&loc, p->config, lang, loc_l ? loc_l->draft : false);
	for (size_t i = 0; st == MS_OK && o->formats[i]; i++) {
		/* a format whose writer alone changed is the only one written */
		if (!e->plugins[i] || output_fresh(e, lc->m, lang, l, i, r->state))
			continue;
		ms_buf_reset(&path);
		ms_buf_printf(&path, "%s/%s.%s", dir.ptr, src->id, e->exts[i]);
		if ((s = ms_plugin_render_file(e->plugins[i], loc_l, &loc, path.ptr, h)) != MS_OK) {
			st = s;
			proj_mletter_drop_out(lc->m, l, e->exts[i]);
		} else {
			proj_mletter_set_out(lc->m, l, e->exts[i], e->code[i], (int)r->state, path.ptr);
		}
	}
	if (st == MS_OK && loc_l->draft && !l->errors)
		ms_diag_emit(h, MS_NOTE, "publish", src->path, 0, 0,
		             _("published in '%s' as a draft: %zu units fall back to the source text"),
		             lang, facts.missing);
done:
	if (st != MS_OK)
		r->state = MS_PUBLISH_BLOCKED;
	r->failed = (st != MS_OK && st != MS_ERR_BLOCKED) || xst != MS_OK;
	ms_letter_free(loc_l);
	ms_buf_release(&dir);
	ms_buf_release(&path);
	return worse(st, xst);
}

/* ---------------------------------------------------------- one language */

/* LC's catalogue is read (or will not be: the letter that was to read
 * it could not be built): the letters waiting for it go on. */
static void
catalogue_settled(lang_ctx *lc)
{
	pthread_mutex_lock(&lc->lock);
	lc->po_loaded = true;
	pthread_cond_broadcast(&lc->loaded);
	pthread_mutex_unlock(&lc->lock);
}

/* The catalogue of LC, read once, and its gate, run once (with T's
 * checker), by the letter that LOADS it (the first to build); the others
 * wait for it.  False when the catalogue cannot be read (reported once,
 * by the letter that loads it). */
static bool
lang_catalogue(const build_env *e, lang_ctx *lc, build_tools *t, proj_out *out,
               bool loads, ms_status *rc)
{
	ms_status s;
	struct stat sb;
	if (lc->is_source)
		return true;
	if (!loads) {
		pthread_mutex_lock(&lc->lock);
		while (!lc->po_loaded)
			pthread_cond_wait(&lc->loaded, &lc->lock);
		pthread_mutex_unlock(&lc->lock);
		return lc->po;
	}
	if (lc->po_data || stat(lc->po_file, &sb) == 0) {
		s = lc->po_data ? ms_catalog_read_mem(lc->po_file, lc->po_data, lc->po_len,
		                                      &lc->po, out->h)
		    : ms_catalog_read(lc->po_file, &lc->po, out->h);
		if (s != MS_OK)
			*rc = worse(*rc, s);
		free(lc->po_data);
		lc->po_data = NULL;
		proj_test_pause("build-read-catalogue");
	} else {
		ms_diag_emit(out->h, MS_WARNING, NULL, lc->po_file, 0, 0,
		             _("no catalogue for '%s' yet (run missive update)"), lc->lang);
		lc->po = ms_catalog_new();
	}
	/* The gate: a letter that uses an entry with check errors is not
	 * published, or only as a draft with --draft. */
	lc->errors = proj_errors_new();
	if (lc->po)
		proj_gate(e->p, e->o->out_dir, lc->lang, lc->po, lc->po_file, lc->catalogue,
		          t->checker, e->self, out, lc->errors);
	catalogue_settled(lc);
	return lc->po;
}

/* LC's catalogue entries by key hash (made once, by the first letter that
 * asks), or NULL when there is none. */
static const proj_keys *
lang_keys(lang_ctx *lc)
{
	const proj_keys *k;
	pthread_mutex_lock(&lc->lock);
	if (!lc->keys_made && lc->po)
		lc->keys = proj_keys_new(lc->po);
	lc->keys_made = true;
	k = lc->keys;
	pthread_mutex_unlock(&lc->lock);
	return k;
}

/* True when the letter ML of LC (at PATH), whose file and shared inputs
 * are as recorded, uses the same catalogue entries as when it was built,
 * with the same check errors, and its outputs are fresh: found from its
 * units index, without reading it.  *REC then receives its record. */
static bool
index_fresh(const build_env *e, lang_ctx *lc, proj_mletter *ml, const char *path,
            ms_build_record *rec)
{
	proj_letter_facts f;
	const proj_keys *k;
	ms_publish_state state;
	if (lc->is_source || !ml || e->o->force || !ml->has_keys || ml->common != e->common
	    || strcmp(ml->path, path) || ml->letter != proj_hashes_file(e->hashes, path)
	    || !(k = lang_keys(lc)))
		return false;
	proj_keys_scan(k, lc->po, lc->errors, ml->keys, ml->nkeys, &f);
	if (f.entries != ml->entries || f.errors != ml->errors)
		return false;
	/* The catalogue changed, not what this letter uses of it. */
	ml->catalogue = lc->catalogue;
	proj_manifest_touch(lc->m);
	if (!outputs_fresh(e, lc->m, lc->lang, ml, &state))
		return false;
	rec->fresh = true;
	rec->state = state;
	rec->missing = ml->missing;
	rec->check_errors = ml->errors;
	return true;
}

/* Remove what the manifest of LC holds for letters that left the corpus. */
static void
prune_gone(const build_env *e, lang_ctx *lc, proj_out *out)
{
	size_t n;
	proj_mletter **ls = proj_manifest_letters(lc->m, &n);
	ms_buf dir = MS_BUF_INIT, path = MS_BUF_INIT;
	ms_buf_printf(&dir, "%s/%s", e->o->out_dir, lc->lang);
	for (size_t i = 0; i < n; i++) {
		if (!letter_gone(e->o, ls[i]))
			continue;
		if (dir_inside_out(e->o->out_dir, dir.ptr, NULL))
			for (proj_mout *o = ls[i]->outs; o; o = o->next) {
				ms_buf_reset(&path);
				ms_buf_printf(&path, "%s/%s.%s", dir.ptr, ls[i]->id, o->ext);
				if (unlink(path.ptr) == 0)
					ms_diag_emit(out->h, MS_NOTE, "publish", path.ptr, 0, 0,
					             _("removed: its letter '%s' is no longer in the corpus"),
					             ls[i]->path);
			}
		proj_manifest_drop(lc->m, ls[i]);
	}
	free(ls);
	ms_buf_release(&dir);
	ms_buf_release(&path);
}

/* The I-th letter of LC, which the scan did not find fresh: built, or
 * found fresh once the catalogue is read.  *REC receives its record. */
static ms_status
letter_in_lang(const build_env *e, lang_ctx *lc, build_tools *t, proj_out *out,
               size_t i, ms_build_record *rec)
{
	ms_diag_handler *h = out->h;
	const char *path = e->o->letters[i];
	char *data = NULL, *id = proj_letter_id(path);
	size_t len = 0;
	uint64_t lh;
	proj_mletter *ml = proj_manifest_get(lc->m, id);
	ms_letter *src = NULL;
	proj_letter_facts facts;
	ms_publish_state state;
	ms_status rc = MS_OK, s;
	bool scanned;
	uint64_t *keys = NULL;
	size_t nkeys = 0;

	rec->state = MS_PUBLISH_BLOCKED;
	rec->publication = e->publishes;
	if (!lang_catalogue(e, lc, t, out, i == lc->first_stale, &rc)) {
		rec->failed = true;
		free(id);
		return rc;
	}
	if (index_fresh(e, lc, ml, path, rec)) {
		free(id);
		return MS_OK;
	}
	/* the hash of the very bytes that are parsed */
	if (!letter_hash(path, &lh, &data, &len, h)) {
		rec->failed = true;
		proj_manifest_drop(lc->m, ml);
		free(id);
		return MS_ERR_IO;
	}
	if ((s = ms_reader_read_letter_mem(path, data, len, e->p->config, &src, h)) != MS_OK) {
		rc = s;
		rec->failed = true;
		proj_manifest_drop(lc->m, ml);
		goto out;
	}
	ms_seg_mode mode = proj_seg_mode(e->p, src);
	if (!t->segs[mode]
	    && (s = ms_segmenter_open(ms_config_profiles(e->p->config), src->lang, mode, &t->segs[mode], h)) != MS_OK) {
		rc = s;
		rec->failed = true;
		goto out;
	}
	/* Only a letter whose file and shared inputs are as recorded may
	 * still be fresh (the catalogue changed, not what it uses of it): its
	 * units are scanned first.  Any other is built, and its units are
	 * scanned as it is localised.  The source language has no catalogue
	 * to localise with, so its scan walks on its own. */
	scanned = lc->is_source || (ml && !e->o->force && ml->letter == lh
	                            && ml->common == e->common && !strcmp(ml->path, path));
	/* (the source language needs no index: no catalogue changes it) */
	if (scanned)
		proj_letter_scan(src, t->segs[mode], lc->po, lc->errors, &facts,
		                 lc->is_source ? NULL : &keys, &nkeys);
	if (scanned && ml && !e->o->force && ml->letter == lh && ml->common == e->common
	    && !strcmp(ml->path, path) && ml->entries == facts.entries
	    && ml->errors == facts.errors) {
		/* The catalogue changed, not what this letter uses of it. */
		ml->catalogue = lc->catalogue;
		if (!ml->has_keys && keys) {
			proj_mletter_set_keys(lc->m, ml, keys, nkeys);
			keys = NULL;
		}
		proj_manifest_touch(lc->m);
		if (outputs_fresh(e, lc->m, lc->lang, ml, &state)) {
			rec->fresh = true;
			rec->state = state;
			rec->missing = ml->missing;
			rec->check_errors = ml->errors;
			goto out;
		}
	}
	ml = proj_manifest_put(lc->m, id, path);
	ml->letter = lh;
	ml->common = e->common;
	ml->catalogue = lc->catalogue;
	if (scanned) {
		ml->entries = facts.entries;
		ml->units = facts.units;
		ml->errors = facts.errors;
		if (keys)
			proj_mletter_set_keys(lc->m, ml, keys, nkeys);
		keys = NULL;
	} else {
		ml->entries = 0;   /* not known before localising: no output
		                    * (XLIFF, written first) is fresh by it */
	}
	rc = build_one(e, lc, ml, src, t->glossary, t->segs[mode], scanned, out, rec);
	if (rec->failed)
		proj_manifest_drop(lc->m, ml);
out:
	ms_letter_free(src);
	free(keys);
	free(data);
	free(id);
	return rc;
}

/* Letters FROM to TO (excluded) of LC, with tools T, delivered to OUT;
 * RECS holds the scan's records of LC's letters. */
static ms_status
build_letters(const build_env *e, lang_ctx *lc, const ms_build_record *recs,
              size_t from, size_t to, build_tools *t, proj_out *out)
{
	ms_status rc = MS_OK;
	for (size_t i = from; i < to; i++) {
		ms_build_record rec = recs[i];
		proj_out_step(out, rec.letter);
		if (!rec.fresh)
			rc = worse(rc, letter_in_lang(e, lc, t, out, i, &rec));
		proj_out_letter(out, &rec);
	}
	return rc;
}

/* Once every letter of LC is built: what left the corpus is pruned, and
 * the manifest written. */
static void
finish_lang(const build_env *e, lang_ctx *lc, proj_out *out)
{
	if (e->o->whole_corpus)
		prune_gone(e, lc, out);
	proj_manifest_store(lc->m);
}

/* --------------------------------------------------------------- threads */

/* Letters built in threads: the work is cut into jobs, runs of letters of
 * one language, in the order one thread would do it; each thread takes
 * the next job with tools of its own (glossary, checker, segmenters) and
 * records what it delivers, and the calling thread delivers each job's
 * record in order, then finishes each language after its last job.  So
 * PDF, the slowest writer, runs on every core, and the results are those
 * of one thread. */
typedef struct build_job {
	size_t lang;             /* index in the build's languages */
	size_t from, to;         /* its letters */
	proj_rec rec;
	ms_status st;
	bool done;
} build_job;

typedef struct build_pool {
	const build_env *env;
	lang_ctx *lcs;           /* per language */
	const ms_build_record *recs;  /* per language × letter: the scan's */
	size_t nletters;
	build_job *jobs;
	size_t *order;           /* the jobs in the order threads take them */
	size_t n, next;
	build_tools spare;       /* the calling thread's glossary and checker:
	                          * every thread uses the glossary, the first
	                          * borrows the checker (idle meanwhile) */
	pthread_mutex_t lock;
	pthread_cond_t cond;
} build_pool;

/* T's checker: the pool's spare one, or made for this thread (its
 * matcher keeps state) on the build's shared glossary.  MS_OK, or why
 * not. */
static ms_status
worker_tools(build_pool *pool, build_tools *t, bool *borrowed, ms_diag_handler *h)
{
	ms_status s;

	if (t->checker)
		return MS_OK;
	t->glossary = pool->spare.glossary;
	pthread_mutex_lock(&pool->lock);
	if (pool->spare.checker) {
		t->checker = pool->spare.checker;
		pool->spare.checker = NULL;
		*borrowed = true;
	}
	pthread_mutex_unlock(&pool->lock);
	if (t->checker)
		return MS_OK;
	if ((s = ms_checker_new(pool->env->p->config, t->glossary, &t->checker, h)) == MS_OK)
		ms_checker_errors_only(t->checker);
	return s;
}

static void *
build_worker(void *arg)
{
	build_pool *pool = arg;
	build_tools t;
	bool borrowed = false;
	memset(&t, 0, sizeof t);
	for (;;) {
		build_job *j;
		proj_out out;
		pthread_mutex_lock(&pool->lock);
		j = pool->next < pool->n ? &pool->jobs[pool->order[pool->next++]] : NULL;
		pthread_mutex_unlock(&pool->lock);
		if (!j)
			break;
		proj_out_record(&out, pool->env->sink, &j->rec);
		if ((j->st = worker_tools(pool, &t, &borrowed, out.h)) == MS_OK)
			j->st = build_letters(pool->env, &pool->lcs[j->lang],
			                      pool->recs + j->lang * pool->nletters,
			                      j->from, j->to, &t, &out);
		else if (pool->lcs[j->lang].first_stale >= j->from
		         && pool->lcs[j->lang].first_stale < j->to)
			/* this job was to read its language's catalogue: the
			 * other jobs of the language must not wait for it */
			catalogue_settled(&pool->lcs[j->lang]);
		pthread_mutex_lock(&pool->lock);
		j->done = true;
		pthread_cond_broadcast(&pool->cond);
		pthread_mutex_unlock(&pool->lock);
	}
	if (borrowed)
		t.checker = NULL;   /* the calling thread's: it frees it */
	build_tools_release(&t);
	return NULL;
}

/* The jobs: each language's letters cut into runs of CHUNK. */
static build_job *
make_jobs(size_t nlangs, size_t nletters, size_t chunk, size_t *n)
{
	size_t per = (nletters + chunk - 1) / chunk, k = 0;
	build_job *jobs = ms_xcalloc(nlangs * per + 1, sizeof *jobs);
	for (size_t li = 0; li < nlangs; li++)
		for (size_t from = 0; from < nletters; from += chunk, k++) {
			jobs[k].lang = li;
			jobs[k].from = from;
			jobs[k].to = from + chunk < nletters ? from + chunk : nletters;
		}
	*n = k;
	return jobs;
}

/* The order in which threads take the N JOBS: first the job of each
 * language that reads and gates its catalogue (a language's other jobs
 * wait for it, so the catalogues load side by side rather than one after
 * the other with the other threads waiting), then the rest in order.
 * Freshly allocated. */
static size_t *
job_order(const build_job *jobs, size_t n, const lang_ctx *lcs)
{
	size_t *order = ms_xcalloc(n + 1, sizeof *order), k = 0;
	bool *taken = ms_xcalloc(n + 1, sizeof *taken);
	for (size_t i = 0; i < n; i++) {
		size_t first = lcs[jobs[i].lang].first_stale;
		if (first >= jobs[i].from && first < jobs[i].to) {
			order[k++] = i;
			taken[i] = true;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (!taken[i])
			order[k++] = i;
	free(taken);
	return order;
}

/* Build in up to NTHREADS threads, all on GLOSSARY; the first thread
 * borrows this thread's CHECKER, the others make their own.  False when no thread
 * could be started (nothing was built: build in this thread). */
static bool
build_threaded(const build_env *e, const ms_build_opts *uo, lang_ctx *lcs,
               const ms_build_record *recs, size_t nthreads,
               ms_glossary *glossary, ms_checker *checker, ms_status *rc)
{
	build_pool pool;
	pthread_t th[8];
	size_t started = 0, nlangs = ms_strv_len(e->o->langs);
	/* runs short enough for the threads to end together, long enough
	 * for their records to stay few */
	size_t chunk;
	proj_out direct;

	if (nthreads > MS_ARRAY_SIZE(th))
		nthreads = MS_ARRAY_SIZE(th);
	memset(&pool, 0, sizeof pool);
	pool.env = e;
	pool.lcs = lcs;
	pool.recs = recs;
	pool.nletters = ms_strv_len(e->o->letters);
	chunk = pool.nletters * nlangs / (nthreads * 8) + 1;
	pool.spare.glossary = glossary;
	pool.spare.checker = checker;
	pool.jobs = make_jobs(nlangs, pool.nletters, chunk, &pool.n);
	pool.order = job_order(pool.jobs, pool.n, lcs);
	pthread_mutex_init(&pool.lock, NULL);
	pthread_cond_init(&pool.cond, NULL);
	for (size_t i = 0; i < nthreads; i++)
		if (pthread_create(&th[started], NULL, build_worker, &pool) == 0)
			started++;
	if (started == 0) {
		pthread_mutex_destroy(&pool.lock);
		pthread_cond_destroy(&pool.cond);
		free(pool.jobs);
		free(pool.order);
		return false;
	}
	if (uo->on_threads)
		uo->on_threads(nlangs, started, uo->data);
	proj_out_direct(&direct, e->sink);
	for (size_t i = 0; i < pool.n; i++) {
		build_job *j = &pool.jobs[i];
		pthread_mutex_lock(&pool.lock);
		while (!j->done)
			pthread_cond_wait(&pool.cond, &pool.lock);
		pthread_mutex_unlock(&pool.lock);
		proj_rec_replay(&j->rec, e->sink);
		*rc = worse(*rc, j->st);
		if (i + 1 == pool.n || pool.jobs[i + 1].lang != j->lang)
			finish_lang(e, &lcs[j->lang], &direct);
	}
	for (size_t i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&pool.lock);
	pthread_cond_destroy(&pool.cond);
	free(pool.jobs);
	free(pool.order);
	return true;
}

/* How many threads may build at once: one per processor, at most one per
 * letter to build, and one when a writer asked for is not known to be
 * safe to run in several threads (MS_CAP_REENTRANT). */
static size_t
build_threads(const build_opts *o, ms_plugin_host *host)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = ms_strv_len(o->langs) * ms_strv_len(o->letters);
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

/* Build what E asks for in the languages LCS, whose letters' records from
 * the scan are RECS, with the glossary and checker loaded into *GLOSSARY
 * and *CHECKER (the caller frees them); *BEGUN once the stage began. */
static ms_status
build_all(build_env *e, const ms_build_opts *uo, lang_ctx *lcs,
          const ms_build_record *recs, ms_glossary **glossary,
          ms_checker **checker, bool *begun)
{
	const ms_project *p = e->p;
	const build_opts *o = e->o;
	size_t nthreads, nletters = ms_strv_len(o->letters);
	ms_status rc = MS_OK;
	bool done = false;

	if (ms_project_glossary(p, NULL, glossary, e->sink->h) != MS_OK)
		return MS_ERR_INVALID;
	if ((rc = ms_checker_new(p->config, *glossary, checker, e->sink->h)) != MS_OK)
		return rc;
	ms_checker_errors_only(*checker);   /* the gate acts on errors only */
	nthreads = build_threads(o, e->host);
	proj_stage_begin(p, MS_STAGE_BUILD, ms_strv_len(o->langs) * nletters);
	*begun = true;
	if (nthreads > 1)
		done = build_threaded(e, uo, lcs, recs, nthreads, *glossary, *checker, &rc);
	if (!done) {
		build_tools t;
		proj_out out;
		memset(&t, 0, sizeof t);
		t.glossary = *glossary;
		t.checker = *checker;
		proj_out_direct(&out, e->sink);
		for (size_t li = 0; o->langs[li]; li++) {
			rc = worse(rc, build_letters(e, &lcs[li], recs + li * nletters,
			                             0, nletters, &t, &out));
			finish_lang(e, &lcs[li], &out);
		}
		t.checker = NULL;
		build_tools_release(&t);
	}
	return rc;
}

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
	o.whole_corpus = !uo->letters || !uo->letters[0];
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
	if ((rc = proj_letters(p, uo->letters, &o.letters, h)) != MS_OK)
		goto out;
	o.ids = ms_xcalloc(1, sizeof(char *));
	for (size_t i = 0; o.letters[i]; i++) {
		char *id = proj_letter_id(o.letters[i]);
		ms_strv_push(&o.ids, id);
		free(id);
	}
	o.id_set = ms_htab_new(ms_strv_len(o.ids));
	for (size_t i = 0; o.ids[i]; i++)
		ms_htab_put(o.id_set, o.ids[i], strlen(o.ids[i]), o.ids[i]);
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
		size_t nf = ms_strv_len(o.formats), nl = ms_strv_len(o.langs);
		size_t total = nl * ms_strv_len(o.letters);
		proj_hashes *hashes = proj_hashes_load(o.out_dir);
		build_env env = { p, &o, host, self, &sink, hashes, common_hash(p, hashes),
		                  ms_xcalloc(nf + 1, sizeof(ms_plugin *)),
		                  ms_xcalloc(nf + 1, sizeof(char *)),
		                  ms_xcalloc(nf + 1, sizeof(uint64_t)), false };
		ms_build_record *recs = ms_xcalloc(total + 1, sizeof *recs);
		lang_ctx *lcs = ms_xcalloc(nl, sizeof *lcs);
		bool done = !o.force;
		for (size_t f = 0; f < nf; f++) {
			env.plugins[f] = proj_is_xliff_format(o.formats[f]) ? NULL
			                 : ms_plugin_host_find(host, o.formats[f], NULL);
			env.exts[f] = env.plugins[f] ? env.plugins[f]->extensions[0] : "xlf";
			env.code[f] = proj_code_hash(hashes, env.plugins[f] ? (const void *)env.plugins[f]
			                             : (const void *)ms_project_build);
			env.publishes |= env.plugins[f] != NULL;
		}
		/* Nothing to build (the common case of a no-op `make
		 * translate`): no glossary is loaded and no thread started. */
		for (size_t li = 0; li < nl; li++) {
			lang_ctx_init(&lcs[li], &env, o.langs[li]);
			done &= scan_lang(&env, &lcs[li], recs + li * ms_strv_len(o.letters));
		}
		if (done) {
			proj_stage_begin(p, MS_STAGE_BUILD, total);
			begun = true;
			for (size_t i = 0; i < total; i++) {
				proj_stage_step(p, MS_STAGE_BUILD, recs[i].letter);
				if (uo->on_letter)
					uo->on_letter(&recs[i], uo->data);
			}
		} else {
			rc = build_all(&env, uo, lcs, recs, &glossary, &checker, &begun);
		}
		for (size_t li = 0; li < nl; li++)
			lang_ctx_release(&lcs[li]);
		free(lcs);
		free(recs);
		proj_hashes_store(hashes);
		proj_hashes_free(hashes);
		free(env.plugins);
		free(env.exts);
		free(env.code);
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
	ms_strv_free(o.ids);
	ms_htab_free(o.id_set);
	return rc;
}

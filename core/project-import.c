/* project-import.c — translations coming back from CAT tools as XLIFF go
 * into "<po>/<lang>.po".  The XLIFF work itself is in core/xliff.c; this
 * file decides which catalogue a file goes to, guards the write the way
 * update does (lock, change detection, atomic write) and runs the checks
 * on what came in. */
#include "project-impl.h"
#include "project-po.h"
#include "xliff.h"
#include "langtag.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* One target catalogue, opened when the first file for its language comes. */
typedef struct import_po {
	char *lang;
	char *path;
	ms_catalog *po;
	ms_xliff_importer *imp;
	ms_file_id as_read;
	bool unusable;      /* could not be read: its files are skipped */
} import_po;

typedef struct import_run {
	const ms_project *p;
	const ms_import_opts *o;
	ms_diag_handler *h;
	import_po *pos;
	size_t npos;
	size_t findings;    /* unsuppressed check errors and warnings */
} import_run;

/* The project language TL names: itself when it is a target language,
 * else its primary subtag when that is one ("ko-KR" → "ko"), else TL.
 * Freshly allocated. */
static char *
project_lang(const ms_project *p, const char *tl)
{
	size_t n = ms_lang_primary_len(tl);
	if (ms_strv_contains(p->config->languages, tl) || !tl[n])
		return ms_xstrdup(tl);
	char *primary = ms_xstrndup(tl, n);
	if (ms_strv_contains(p->config->languages, primary))
		return primary;
	free(primary);
	return ms_xstrdup(tl);
}

static bool
same_primary(const char *a, const char *b)
{
	size_t n = ms_lang_primary_len(a), m = ms_lang_primary_len(b);
	return n == m && !strncasecmp(a, b, n);
}

/* The catalogue for LANG: found, or opened now.  NULL when unusable. */
static import_po *
open_po(import_run *r, const char *lang, const char *xliff_path, unsigned line)
{
	import_po *s;
	for (size_t i = 0; i < r->npos; i++)
		if (!strcmp(r->pos[i].lang, lang))
			return r->pos[i].unusable ? NULL : &r->pos[i];
	r->pos = ms_xrealloc(r->pos, (r->npos + 1) * sizeof *r->pos);
	s = &r->pos[r->npos++];
	memset(s, 0, sizeof *s);
	s->lang = ms_xstrdup(lang);
	s->path = ms_project_po_path(r->p, lang);
	if (!strcmp(lang, r->p->config->source_lang)) {
		ms_diag_emit(r->h, MS_ERROR, NULL, xliff_path, line, 0,
		             _("the target language '%s' is the source language"), lang);
		s->unusable = true;
		return NULL;
	}
	if (!ms_strv_contains(r->p->config->languages, lang))
		ms_diag_emit(r->h, MS_WARNING, NULL, xliff_path, line, 0,
		             _("'%s' is not a target language (see %s/LINGUAS)"),
		             lang, r->p->config->po_dir);
	if (ms_file_id_get(s->path, false, &s->as_read, NULL) != MS_OK || !s->as_read.exists) {
		ms_diag_emit(r->h, MS_ERROR, NULL, xliff_path, line, 0,
		             _("no catalogue %s for '%s' (run missive update first)"),
		             s->path, lang);
		s->unusable = true;
		return NULL;
	}
	if (ms_project_po_read(s->path, &s->po, &s->as_read, r->h) != MS_OK) {
		s->unusable = true;
		return NULL;
	}
	s->imp = ms_xliff_importer_new(s->po, s->path);
	return s;
}

/* Read one XLIFF file and bring each of its <file> elements into the
 * catalogue of its target language. */
static void
import_file(import_run *r, const char *path)
{
	ms_xliff_doc *d = NULL;
	if (ms_xliff_read(path, &d, r->h) != MS_OK)
		return;
	if (d->nfiles == 0)
		ms_diag_emit(r->h, MS_WARNING, NULL, path, 0, 0,
		             _("no <file> element: nothing to import"));
	for (size_t i = 0; i < d->nfiles; i++) {
		const ms_xliff_file *f = &d->files[i];
		const char *tl = f->target_lang && *f->target_lang ? f->target_lang : r->o->lang;
		char *lang;
		import_po *s;
		if (!tl) {
			ms_diag_emit(r->h, MS_ERROR, NULL, path, f->line, 0,
			             _("<file> has no target-language (give --lang LANG)"));
			continue;
		}
		if (!ms_lang_valid(tl)) {
			/* the attribute comes from the file: escaped, it cannot
			 * forge a line of the log */
			ms_buf shown = MS_BUF_INIT;
			ms_diag_emit(r->h, MS_ERROR, NULL, path, f->line, 0,
			             _("'%s' is not a language tag"), ms_utf8_shown(&shown, tl, 40));
			ms_buf_release(&shown);
			continue;
		}
		if (f->source_lang && *f->source_lang
		    && !same_primary(f->source_lang, r->p->config->source_lang)) {
			ms_buf shown = MS_BUF_INIT;
			ms_diag_emit(r->h, MS_WARNING, NULL, path, f->line, 0,
			             _("source-language '%s' is not the project's source language '%s'"),
			             ms_utf8_shown(&shown, f->source_lang, 40), r->p->config->source_lang);
			ms_buf_release(&shown);
		}
		lang = project_lang(r->p, tl);
		if ((s = open_po(r, lang, path, f->line)))
			ms_xliff_import(s->imp, f, path, r->h);
		free(lang);
	}
	ms_xliff_doc_free(d);
}

/* Check what came into S, then write it (unless a dry run). */
static void
finish_po(import_run *r, import_po *s, ms_checker *checker)
{
	size_t n = ms_xliff_importer_count(s->imp), errors = 0, warnings = 0;
	ms_xliff_stats st;
	bool changed = false;

	for (size_t i = 0; i < n; i++)
		ms_checker_entry(checker, ms_xliff_importer_entry(s->imp, i), s->path,
		                 s->lang, r->o->on_finding, r->o->data, &errors, &warnings);
	r->findings += errors + warnings;
	ms_xliff_importer_stats(s->imp, &st);

	if (n && !r->o->dry_run) {
		char when[64];
		proj_po_date_now(when);
		ms_catalog_header_set(s->po, "PO-Revision-Date", when);
		/* A translator may have saved the file since we read it, or
		 * while we write: never overwrite their edit. */
		if (ms_project_po_write(s->po, s->path, &s->as_read,
		                        _("changed while missive was importing into it; nothing written, run the import again"),
		                        &changed, r->h) != MS_OK)
			return;
	}
	if (r->o->on_catalogue) {
		ms_import_record rec = { s->lang, s->path, changed, st.imported, st.review,
		                         st.unchanged, st.unfinished, st.unknown, st.broken };
		r->o->on_catalogue(&rec, r->o->data);
	}
}

/* Counts what goes through it to the handler in DATA. */
static void
forward(const ms_diag *d, void *data)
{
	ms_diag_send(data, d);
}

ms_status
ms_project_import(ms_project *p, const ms_import_opts *o, ms_import_result *res,
                  ms_diag_handler *h)
{
	static const ms_import_opts none = { 0 };
	ms_diag_handler counted = { forward, h, 0, 0 };
	import_run r;
	ms_glossary *g = NULL;
	ms_checker *checker = NULL;
	ms_status st;
	int lock = -1;

	if (!o)
		o = &none;
	if (res)
		memset(res, 0, sizeof *res);
	memset(&r, 0, sizeof r);
	r.p = p;
	r.o = o;
	r.h = &counted;
	if (ms_project_glossary(p, o->glossary, &g, &counted) != MS_OK)
		return MS_ERR_INVALID;
	if ((st = ms_checker_new(p->config, g, &checker, &counted)) != MS_OK) {
		ms_glossary_free(g);
		return st;
	}
	/* The same lock as extract and update: one writer of po/ at a time. */
	if (!o->dry_run && (lock = ms_project_lock(p, &counted)) < 0) {
		ms_checker_free(checker);
		ms_glossary_free(g);
		return MS_ERR_LOCKED;
	}
	for (size_t i = 0; o->files && o->files[i]; i++)
		import_file(&r, o->files[i]);
	for (size_t i = 0; i < r.npos; i++) {
		import_po *s = &r.pos[i];
		if (!s->unusable)
			finish_po(&r, s, checker);
		ms_xliff_importer_free(s->imp);
		ms_catalog_free(s->po);
		free(s->lang);
		free(s->path);
	}
	free(r.pos);
	if (lock >= 0)
		close(lock);
	ms_checker_free(checker);
	ms_glossary_free(g);
	if (res)
		res->findings = r.findings;
	if (counted.errors)
		return MS_ERR_INVALID;
	if (r.findings || counted.warnings)
		return MS_ERR_FINDINGS;
	return MS_OK;
}

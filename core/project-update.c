/* project-update.c — the template merged into each language's
 * catalogue, "<po>/<lang>.po", keeping every translation. */
#include "project-impl.h"
#include "project-po.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

/* What Last-Translator says while no translator is known (no one has
 * translated the catalogue, or missive.yaml names no translator). */
#define NO_TRANSLATOR "none yet"

/* Header fields msgfmt -c expects; filled once when missing and never
 * touched again (PO editors maintain them), except that a translator
 * named in missive.yaml (translators:) replaces missive's own
 * NO_TRANSLATOR. */
static void
ensure_po_header(ms_catalog *po, const ms_config *c, const char *lang)
{
	char *v;
	if (!(v = ms_catalog_header_get(po, "PO-Revision-Date"))) {
		char when[64];
		proj_po_date_now(when);
		ms_catalog_header_set(po, "PO-Revision-Date", when);
	}
	free(v);
	const char *who = ms_config_translator(c, lang);
	v = ms_catalog_header_get(po, "Last-Translator");
	if (!v || (who && !strcmp(v, NO_TRANSLATOR)))
		ms_catalog_header_set(po, "Last-Translator", who ? who : NO_TRANSLATOR);
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

static ms_status
update_lang(const ms_project *p, const ms_update_opts *o, const ms_catalog *pot,
            const char *lang, ms_diag_handler *h)
{
	char *path = ms_project_po_path(p, lang);
	ms_catalog *po = NULL;
	ms_file_id as_read;
	ms_merge_stats stats = { 0, 0, 0, 0 };
	bool changed = false;
	ms_status st;

	if ((st = ms_file_id_get(path, false, &as_read, h)) != MS_OK) {
		free(path);
		return st;
	}
	if (as_read.exists) {
		if ((st = ms_project_po_read(path, &po, &as_read, h)) != MS_OK) {
			ms_catalog_free(po);
			free(path);
			return st;
		}
	} else {
		po = ms_catalog_new();
		ms_catalog_header_set(po, "Project-Id-Version",
		                      p->config->project ? p->config->project : p->config->domain);
		ms_catalog_header_set(po, "Language", lang);
		ms_catalog_header_set(po, "MIME-Version", "1.0");
		ms_catalog_header_set(po, "Content-Type", "text/plain; charset=UTF-8");
		ms_catalog_header_set(po, "Content-Transfer-Encoding", "8bit");
	}
	ensure_po_header(po, p->config, lang);
	if ((st = ms_catalog_merge(po, pot, lang, &stats, h)) != MS_OK)
		goto out;
	/* A translator may have saved the file while we merged, or while
	 * we write: never overwrite their edit. */
	if ((st = ms_project_po_write(po, path, &as_read,
	                              _("changed while missive was updating it; nothing written, run the update again"),
	                              &changed, h)) != MS_OK)
		goto out;
	if (changed && o->on_written) {
		ms_update_record r = { lang, path, stats.kept, stats.fuzzy, stats.added,
		                       stats.obsoleted };
		o->on_written(&r, o->data);
	}
out:
	ms_catalog_free(po);
	free(path);
	return st;
}

ms_status
ms_project_update(ms_project *p, const ms_update_opts *o, ms_diag_handler *h)
{
	static const ms_update_opts none = { 0 };
	char **langs;
	ms_catalog *pot = NULL;
	char *path;
	ms_status st, s;
	int lock;

	if (!o)
		o = &none;
	langs = proj_langs_or_targets(p, o->langs);
	proj_warn_not_target(p, langs, h);
	path = proj_pot_path(p, NULL);
	if ((lock = ms_project_lock(p, h)) < 0) {
		free(path);
		ms_strv_free(langs);
		return MS_ERR_LOCKED;
	}
	if ((st = ms_catalog_read(path, &pot, h)) == MS_OK) {
		proj_stage_begin(p, MS_STAGE_UPDATE, ms_strv_len(langs));
		for (size_t i = 0; langs[i]; i++) {
			proj_stage_step(p, MS_STAGE_UPDATE, langs[i]);
			if ((s = update_lang(p, o, pot, langs[i], h)) != MS_OK && st == MS_OK)
				st = s;
		}
		proj_stage_end(p, MS_STAGE_UPDATE);
	}
	close(lock);
	ms_catalog_free(pot);
	free(path);
	ms_strv_free(langs);
	return st;
}

/* project-check.c — every check over the catalogues, findings to the
 * caller. */
#include "project-impl.h"

#include <stdlib.h>
#include <string.h>

ms_status
ms_project_check(ms_project *p, const ms_check_opts *o, ms_check_result *r,
                 ms_diag_handler *h)
{
	static const ms_check_opts none = { 0 };
	ms_check_result local;
	ms_glossary *g = NULL;
	ms_checker *checker = NULL;
	char **files = ms_xcalloc(1, sizeof(char *));
	ms_status st = MS_OK, s;

	if (!o)
		o = &none;
	if (!r)
		r = &local;
	memset(r, 0, sizeof *r);
	for (size_t i = 0; o->files && o->files[i]; i++)
		ms_strv_push(&files, o->files[i]);
	if (!files[0]) {
		char **langs = o->lang ? NULL : p->config->languages;
		if (o->lang) {
			char *path = ms_project_po_path(p, o->lang);
			ms_strv_push(&files, path);
			free(path);
		}
		for (size_t i = 0; langs && langs[i]; i++) {
			char *path = ms_project_po_path(p, langs[i]);
			ms_strv_push(&files, path);
			free(path);
		}
	}
	if (ms_project_glossary(p, o->glossary, &g, h) != MS_OK) {
		st = MS_ERR_INVALID;
		goto done;
	}
	if ((st = ms_checker_new(p->config, g, &checker, h)) != MS_OK)
		goto done;
	r->ran = true;
	for (size_t i = 0; files[i]; i++) {
		ms_catalog *po = NULL;
		char *lang = NULL;
		size_t e = 0, w = 0;
		if ((s = ms_catalog_read(files[i], &po, h)) != MS_OK) {
			if (st == MS_OK)
				st = s;
			continue;
		}
		lang = o->lang ? ms_xstrdup(o->lang) : ms_catalog_header_get(po, "Language");
		if (!lang || !*lang) {
			ms_diag_emit(h, MS_ERROR, NULL, files[i], 0, 0,
			             _("no Language in the header; give --lang"));
			if (st == MS_OK)
				st = MS_ERR_INVALID;
		} else {
			if (!ms_strv_contains(p->config->languages, lang))
				ms_diag_emit(h, MS_WARNING, NULL, files[i], 0, 0,
				             _("'%s' is not a target language (see %s/LINGUAS)"),
				             lang, p->config->po_dir);
			ms_checker_run(checker, po, files[i], lang, o->on_finding, o->data, &e, &w);
			r->errors += e;
			r->warnings += w;
		}
		free(lang);
		ms_catalog_free(po);
	}
	if (st == MS_OK && (r->errors || (o->strict && r->warnings)))
		st = MS_ERR_FINDINGS;
done:
	ms_checker_free(checker);
	ms_glossary_free(g);
	ms_strv_free(files);
	return st;
}

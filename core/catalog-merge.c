/* catalog-merge.c — ms_catalog_merge: a template merged into a
 * translation as msgmerge --previous does.
 *
 * Exact matches (same msgctxt and msgid, active or obsolete) keep their
 * translation and take the template's comments and references; every
 * other template entry asks the fuzzy matcher (catalog-match.c) for the
 * most similar old entry with a translation, at msgmerge's threshold, and
 * takes its translation marked fuzzy with the old msgid as "#|".  What
 * nobody took becomes obsolete, or is dropped when it had no translation.
 */
#include "internal.h"
#include "catalog.h"
#include "catalog-impl.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *lang;
	const char *plural_forms;
} plural_table[] = {
	{ "ko", "nplurals=1; plural=0;" },
	{ "ja", "nplurals=1; plural=0;" },
	{ "zh", "nplurals=1; plural=0;" },
	{ "vi", "nplurals=1; plural=0;" },
	{ "th", "nplurals=1; plural=0;" },
	{ "id", "nplurals=1; plural=0;" },
	{ "ms", "nplurals=1; plural=0;" },
	{ "en", "nplurals=2; plural=(n != 1);" },
	{ "es", "nplurals=2; plural=(n != 1);" },
	{ "de", "nplurals=2; plural=(n != 1);" },
	{ "it", "nplurals=2; plural=(n != 1);" },
	{ "nl", "nplurals=2; plural=(n != 1);" },
	{ "pt", "nplurals=2; plural=(n != 1);" },
	{ "pt_BR", "nplurals=2; plural=(n > 1);" },
	{ "fr", "nplurals=2; plural=(n > 1);" },
	{ "tr", "nplurals=2; plural=(n != 1);" },
	{ "ru", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
	        "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);" },
	{ "uk", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
	        "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);" },
	{ "pl", "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && "
	        "(n%100<10 || n%100>=20) ? 1 : 2);" },
	{ "cs", "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;" },
	{ "ar", "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
	        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);" },
};

static const char *
plural_forms_for(const char *lang)
{
	size_t base = strcspn(lang, "_@.");
	for (size_t i = 0; i < MS_ARRAY_SIZE(plural_table); i++)
		if (strcmp(plural_table[i].lang, lang) == 0)
			return plural_table[i].plural_forms;
	for (size_t i = 0; i < MS_ARRAY_SIZE(plural_table); i++)
		if (strlen(plural_table[i].lang) == base
		    && strncmp(plural_table[i].lang, lang, base) == 0)
			return plural_table[i].plural_forms;
	return "nplurals=2; plural=(n != 1);";
}

static unsigned
header_nplurals(const ms_catalog *c)
{
	char *pf = ms_catalog_header_get(c, "Plural-Forms");
	unsigned n = 2;
	const char *p = pf ? strstr(pf, "nplurals") : NULL;
	if (p) {
		p += 8;
		while (*p == ' ' || *p == '=')
			p++;
		unsigned long v = strtoul(p, NULL, 10);
		if (v >= 1 && v <= 16)
			n = (unsigned)v;
	}
	free(pf);
	return n;
}

/* True for a translation not begun: no entry, and no header of its own
 * (none at all, as read from an empty file; the one ms_catalog_new gives;
 * or one without Project-Id-Version, which every PO file that gettext's
 * tools wrote has). */
static bool
translation_is_new(const ms_catalog *po)
{
	if (po->n)
		return false;
	if (!po->header || cat_header_is_default(po->header))
		return true;
	char *v = ms_catalog_header_get(po, "Project-Id-Version");
	free(v);
	return v == NULL;
}

/* Set in PO's header every "Field: value" line of the header text HDR. */
static void
header_overlay(ms_catalog *po, const char *hdr)
{
	for (const char *l = hdr; l && *l;) {
		const char *nl = strchr(l, '\n');
		size_t len = nl ? (size_t)(nl - l) : strlen(l);
		const char *colon = memchr(l, ':', len);
		if (colon && colon > l) {
			char *field = ms_xstrndup(l, (size_t)(colon - l));
			const char *v = colon + 1;
			while (v < l + len && (*v == ' ' || *v == '\t'))
				v++;
			char *value = ms_xstrndup(v, len - (size_t)(v - l));
			ms_catalog_header_set(po, field, value);
			free(field);
			free(value);
		}
		l = nl ? nl + 1 : l + len;
	}
}

static void
merge_header(ms_catalog *po, const ms_catalog *pot, const char *lang)
{
	char *v;
	bool fresh = false;
	if (pot->header && translation_is_new(po)) {
		/* A new translation (an empty file too: "touch po/xx.po" is how
		 * many start one): start from the template's header, as
		 * msginit does, which also drops the header's fuzzy mark and
		 * fills Language and Plural-Forms for the new language.  What
		 * the translation's header already says wins. */
		entry *old = po->header;
		po->header = cat_entry_clone(pot->header);
		po->header->pub.fuzzy = false;
		if (old) {
			header_overlay(po, old->pub.msgstr);
			if (old->pub.comments) {
				free(po->header->pub.comments);
				po->header->pub.comments = ms_xstrdup(old->pub.comments);
			}
			cat_entry_free(old);
		}
		fresh = lang && *lang;
	} else if (!po->header) {
		if (pot->header) {
			po->header = cat_entry_clone(pot->header);
		} else {
			po->header = cat_header_new();
		}
	} else if ((v = ms_catalog_header_get(pot, "POT-Creation-Date"))) {
		/* As msgmerge does: the template's date travels along. */
		ms_catalog_header_set(po, "POT-Creation-Date", v);
		free(v);
	}
	po->header->pub.line = 0;
	/* msgfmt -c requires Project-Id-Version, and i18nspector
	 * Report-Msgid-Bugs-To: take the template's when the translation
	 * has none (added, never changed: the translation's own values
	 * win). */
	static const char *const project_fields[] = {
		"Project-Id-Version", "Report-Msgid-Bugs-To",
	};
	for (size_t i = 0; i < MS_ARRAY_SIZE(project_fields); i++) {
		if (!(v = ms_catalog_header_get(pot, project_fields[i])))
			continue;
		char *have = ms_catalog_header_get(po, project_fields[i]);
		if (!have)
			ms_catalog_header_set(po, project_fields[i], v);
		free(have);
		free(v);
	}

	char *norm = NULL;
	if (lang && *lang) {
		norm = ms_xstrdup(lang);
		for (char *p = norm; *p; p++)
			if (*p == '-')
				*p = '_';
		v = ms_catalog_header_get(po, "Language");
		if (!v || !*v || fresh)
			ms_catalog_header_set(po, "Language", norm);
		free(v);
	}
	v = ms_catalog_header_get(po, "Plural-Forms");
	if (!v || !*v || fresh || strstr(v, "INTEGER") || strstr(v, "EXPRESSION")) {
		char *l = norm ? ms_xstrdup(norm) : ms_catalog_header_get(po, "Language");
		if (l && *l)
			ms_catalog_header_set(po, "Plural-Forms", plural_forms_for(l));
		free(l);
	}
	free(v);
	free(norm);
	v = ms_catalog_header_get(po, "Content-Type");
	if (v && strstr(v, "charset=CHARSET"))
		ms_catalog_header_set(po, "Content-Type", "text/plain; charset=UTF-8");
	free(v);
}

static char **
empty_forms(unsigned n)
{
	char **v = NULL;
	for (unsigned i = 0; i < n; i++)
		ms_strv_push(&v, "");
	return v;
}

/* Give E (shaped like template entry T: plural or not) the translation
 * of SRC.  Returns true when the shape had to change (the result then
 * needs a translator's look). */
static bool
take_translation(entry *e, const entry *src, unsigned nplurals)
{
	bool reshaped = false;
	char **forms = NULL;
	char *single;
	if (src->pub.msgid_plural && src->pub.msgstr_plural) {
		forms = cat_strv_dup(src->pub.msgstr_plural);
		single = ms_xstrdup(src->pub.msgstr_plural[0]);
	} else {
		single = ms_xstrdup(src->pub.msgstr ? src->pub.msgstr : "");
	}
	ms_strv_free(e->pub.msgstr_plural);
	e->pub.msgstr_plural = NULL;
	free(e->pub.msgstr);
	if (e->pub.msgid_plural) {
		if (!forms) {
			forms = empty_forms(nplurals);
			free(forms[0]);
			forms[0] = ms_xstrdup(single);
			reshaped = true;
		}
		e->pub.msgstr_plural = forms;
		e->pub.msgstr = single;
	} else {
		reshaped = forms != NULL;
		ms_strv_free(forms);
		e->pub.msgstr = single;
	}
	return reshaped;
}

/* A new entry for template entry T, untranslated. */
static entry *
entry_from_template(const entry *t, unsigned nplurals)
{
	entry *e = cat_entry_new(t->pub.msgctxt, t->pub.msgid);
	e->pub.msgid_plural = cat_strdup_null(t->pub.msgid_plural);
	if (e->pub.msgid_plural)
		e->pub.msgstr_plural = empty_forms(nplurals);
	e->pub.extracted = cat_strdup_null(t->pub.extracted);
	e->pub.refs = cat_strv_dup(t->pub.refs);
	e->refs_at = NULL;
	e->pub.flags = cat_strdup_null(t->pub.flags);
	return e;
}

/* Refresh the exact match E from its template entry T. */
static void
update_from_template(entry *e, const entry *t, unsigned nplurals)
{
	free(e->pub.extracted);
	e->pub.extracted = cat_strdup_null(t->pub.extracted);
	e->ext_at = NULL;   /* ms_catalog_add's state no longer describes it */
	ms_strv_free(e->pub.refs);
	e->pub.refs = cat_strv_dup(t->pub.refs);
	e->refs_at = NULL;
	free(e->pub.flags);
	e->pub.flags = cat_strdup_null(t->pub.flags);
	if (!cat_str_eq_null(e->pub.msgid_plural, t->pub.msgid_plural)) {
		bool was_plural = e->pub.msgid_plural != NULL;
		free(e->pub.msgid_plural);
		e->pub.msgid_plural = cat_strdup_null(t->pub.msgid_plural);
		if (was_plural || e->pub.msgid_plural) {
			entry *copy = cat_entry_clone(e);
			if (!was_plural) {
				/* take_translation reads the source's shape. */
				free(copy->pub.msgid_plural);
				copy->pub.msgid_plural = NULL;
			}
			take_translation(e, copy, nplurals);
			cat_entry_free(copy);
		}
		if (cat_entry_has_msgstr(e))
			e->pub.fuzzy = true;
	}
	e->pub.obsolete = false;
	e->pub.line = 0;
}

/* A tie between fuzzy candidates goes to one with the same context
 * (DATA: the template entry's msgctxt). */
static bool
same_context(const void *payload, void *data)
{
	return cat_str_eq_null(((const entry *)payload)->pub.msgctxt, data);
}

ms_status
ms_catalog_merge(ms_catalog *po, const ms_catalog *pot, const char *lang,
                 ms_merge_stats *stats, ms_diag_handler *h)
{
	ms_merge_stats s = {0, 0, 0, 0};
	if (stats)
		*stats = s;
	if (!po || !pot) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("merge needs a translation and a template"));
		return MS_ERR_USAGE;
	}
	if (po == pot) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("cannot merge a catalogue with itself"));
		return MS_ERR_USAGE;
	}
	merge_header(po, pot, lang);
	unsigned nplurals = header_nplurals(po);
	size_t np = pot->n;
	entry **exact = ms_xcalloc(np ? np : 1, sizeof *exact);
	entry **result = ms_xcalloc(np ? np : 1, sizeof *result);
	bool need_fuzzy = false;

	for (size_t i = 0; i < po->n; i++)
		po->v[i]->exact_used = po->v[i]->fuzzy_used = false;
	for (size_t j = 0; j < np; j++) {
		const entry *t = pot->v[j];
		if (t->pub.obsolete)
			continue;
		entry *o = cat_find(po, t->pub.msgctxt, t->pub.msgid, t->hash);
		if (o) {
			exact[j] = o;
			o->exact_used = true;
		} else {
			need_fuzzy = true;
		}
	}

	/* New and changed entries first, while the old entries are intact. */
	if (need_fuzzy) {
		/* Candidates: the old entries with a translation to give,
		 * fuzzy or obsolete ones too (as msgmerge), but not a msgstr
		 * of blanks (msgmerge would offer it). */
		ms_matcher *ix = ms_matcher_new();
		for (size_t i = 0; i < po->n; i++)
			if (ms_entry_has_text(&po->v[i]->pub))
				ms_matcher_add(ix, po->v[i]->pub.msgid, po->v[i]);
		for (size_t j = 0; j < np; j++) {
			const entry *t = pot->v[j];
			if (t->pub.obsolete || exact[j])
				continue;
			entry *e = entry_from_template(t, nplurals);
			ms_match best;
			entry *c = NULL;
			if (ms_matcher_query_prefer(ix, t->pub.msgid, MS_MATCH_FUZZY,
			                            &best, 1, same_context,
			                            (void *)t->pub.msgctxt))
				c = best.payload;
			if (c) {
				take_translation(e, c, nplurals);
				e->pub.comments = cat_strdup_null(c->pub.comments);
				e->pub.fuzzy = true;
				e->pub.prev_msgctxt = cat_strdup_null(c->pub.msgctxt);
				e->pub.prev_msgid = ms_xstrdup(c->pub.msgid);
				e->prev_msgid_plural = cat_strdup_null(c->pub.msgid_plural);
				c->fuzzy_used = true;
				s.fuzzy++;
			} else {
				s.added++;
			}
			result[j] = e;
		}
		ms_matcher_free(ix);
	}
	for (size_t j = 0; j < np; j++) {
		if (!exact[j])
			continue;
		update_from_template(exact[j], pot->v[j], nplurals);
		result[j] = exact[j];
		s.kept++;
	}

	/* Assemble: template order, then what is left of the old file. */
	size_t ncap = np + po->n + 1;
	entry **nv = ms_xmalloc(ncap * sizeof *nv);
	size_t k = 0;
	for (size_t j = 0; j < np; j++)
		if (result[j])
			nv[k++] = result[j];
	for (size_t i = 0; i < po->n; i++) {
		entry *o = po->v[i];
		if (o->exact_used)
			continue;
		if (o->fuzzy_used || !cat_entry_has_msgstr(o)) {
			/* Its translation lives on in a fuzzy entry (msgmerge
			 * does the same), or there was nothing to keep. */
			cat_entry_free(o);
			continue;
		}
		if (!o->pub.obsolete) {
			o->pub.obsolete = true;
			s.obsoleted++;
		}
		/* Like msgmerge: an obsolete entry points nowhere. */
		ms_strv_free(o->pub.refs);
		o->pub.refs = NULL;
		o->refs_at = NULL;
		MS_FREE(o->pub.extracted);
		o->ext_at = NULL;
		o->pub.line = 0;
		nv[k++] = o;
	}
	for (size_t i = 0; i < k; i++)
		nv[i]->exact_used = nv[i]->fuzzy_used = false;
	free(po->v);
	po->v = nv;
	po->n = k;
	po->cap = ncap;
	cat_table_rebuild(po, k + 1);
	free(exact);
	free(result);
	if (stats)
		*stats = s;
	return MS_OK;
}

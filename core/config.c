/* config.c — missive.yaml: project configuration. */
#include "internal.h"
#include "langtag.h"
#include "profile.h"
#include "reader.h"
#include "yamltree.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

ms_config *
ms_config_new_default(void)
{
	ms_config *c = ms_xcalloc(1, sizeof *c);
	c->source_lang = ms_xstrdup("en");
	c->languages = ms_xcalloc(1, sizeof(char *));
	c->formats = ms_xcalloc(1, sizeof(char *));
	ms_strv_push(&c->formats, "txt");
	c->corpus_dir = ms_xstrdup("corpus");
	c->po_dir = ms_xstrdup("po");
	c->out_dir = ms_xstrdup("out");
	c->domain = ms_xstrdup("corpus");
	c->glossary = ms_xstrdup("po/glossary.yaml");
	c->segmentation = ms_xstrdup("sentence");
	c->text_width = 72;
	c->paper_default = ms_xstrdup("a4");
	c->paper_langs = ms_xcalloc(1, sizeof(char *));
	c->checks = ms_xcalloc(1, sizeof(char *));
	c->link_targets = ms_xcalloc(1, sizeof(char *));
	c->profiles_dir = ms_xstrdup("lang");
	c->tm = ms_xcalloc(1, sizeof(char *));
	c->signatory_annex = 30;
	c->paper_links = ms_xstrdup("after");
	c->notices = ms_xcalloc(1, sizeof(char *));
	c->translators = ms_xcalloc(1, sizeof(char *));
	return c;
}

void
ms_config_free(ms_config *c)
{
	if (!c)
		return;
	free(c->path);
	free(c->source_lang);
	ms_strv_free(c->languages);
	ms_strv_free(c->formats);
	free(c->corpus_dir);
	free(c->po_dir);
	free(c->out_dir);
	free(c->domain);
	free(c->project);
	free(c->bugs);
	free(c->glossary);
	free(c->segmentation);
	free(c->paper_default);
	ms_strv_free(c->paper_langs);
	ms_strv_free(c->checks);
	ms_strv_free(c->link_targets);
	free(c->profiles_dir);
	ms_profiles_free(c->profiles);
	ms_strv_free(c->tm);
	ms_sender_free(c->letterhead);
	free(c->paper_links);
	ms_strv_free(c->notices);
	ms_strv_free(c->translators);
	free(c);
}

/* The value for LANG in "lang=value" PAIRS, or NULL. */
static const char *
lang_value(char **pairs, const char *lang)
{
	size_t n = strlen(lang);
	for (size_t i = 0; pairs && pairs[i]; i++) {
		const char *p = pairs[i];
		if (strncmp(p, lang, n) == 0 && p[n] == '=')
			return p + n + 1;
	}
	return NULL;
}

const char *
ms_config_paper(const ms_config *c, const char *lang)
{
	const char *p = lang_value(c->paper_langs, lang);
	return p ? p : c->paper_default;
}

const char *
ms_config_notice(const ms_config *c, const char *lang)
{
	return c && lang ? lang_value(c->notices, lang) : NULL;
}

const char *
ms_config_translator(const ms_config *c, const char *lang)
{
	return c && lang ? lang_value(c->translators, lang) : NULL;
}

/* Parsing state: the file and the diagnostics sink. */
typedef struct cfg_ctx {
	const char *file;
	ms_diag_handler *h;
	int errors;
	char *dir;              /* the file's folder: paths in it are relative to it */
} cfg_ctx;

static void node_error(cfg_ctx *x, const ms_ynode *n, const char *fmt, ...)
	MS_PRINTF(3, 4);

static void
node_error(cfg_ctx *x, const ms_ynode *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ms_diag_vemit(x->h, MS_ERROR, NULL, x->file, n->pos.line, n->pos.column,
	              fmt, ap);
	va_end(ap);
	x->errors++;
}

static const char *
scalar(cfg_ctx *x, const ms_ynode *n, const char *key)
{
	if (n->type != MS_YSCALAR) {
		node_error(x, n, _("'%s' must be a single value"), key);
		return NULL;
	}
	return n->str;
}

static void
set_string(cfg_ctx *x, const ms_ynode *n, const char *key, char **dst)
{
	const char *v = scalar(x, n, key);
	if (!v)
		return;
	if (!*v) {
		node_error(x, n, _("'%s' must not be empty"), key);
		return;
	}
	free(*dst);
	*dst = ms_xstrdup(v);
}

static void
set_list(cfg_ctx *x, const ms_ynode *n, const char *key, char ***dst, bool langs)
{
	char **v = ms_xcalloc(1, sizeof(char *));
	if (n->type == MS_YSCALAR) {
		/* "ko es" or "ko, es" */
		char *copy = ms_xstrdup(n->str);
		for (char *tok = strtok(copy, " ,\t"); tok; tok = strtok(NULL, " ,\t"))
			ms_strv_push(&v, tok);
		free(copy);
	} else if (n->type == MS_YSEQ) {
		for (const ms_ynode *item = n->kids; item; item = item->next) {
			const char *s = scalar(x, item, key);
			if (!s)
				continue;
			if (langs && !ms_lang_valid(s)) {
				node_error(x, item, _("'%s' is not a language tag"), s);
				continue;
			}
			if (!ms_strv_contains(v, s))
				ms_strv_push(&v, s);
		}
	} else {
		node_error(x, n, _("'%s' must be a list"), key);
		ms_strv_free(v);
		return;
	}
	ms_strv_free(*dst);
	*dst = v;
}

static void
set_int(cfg_ctx *x, const ms_ynode *n, const char *key, int *dst, int lo, int hi)
{
	const char *v = scalar(x, n, key);
	char *end;
	long val;
	if (!v)
		return;
	errno = 0;
	val = strtol(v, &end, 10);
	if (errno || *end || end == v || val < lo || val > hi) {
		node_error(x, n, _("'%s' must be a whole number from %d to %d"), key, lo, hi);
		return;
	}
	*dst = (int)val;
}

static bool
paper_valid(const char *p)
{
	return strcmp(p, "a4") == 0 || strcmp(p, "letter") == 0;
}

static void
set_paper(cfg_ctx *x, ms_config *c, const ms_ynode *n)
{
	if (n->type == MS_YSCALAR) {
		if (!paper_valid(n->str)) {
			node_error(x, n, _("unknown paper size '%s' (use a4 or letter)"), n->str);
			return;
		}
		free(c->paper_default);
		c->paper_default = ms_xstrdup(n->str);
		return;
	}
	if (n->type != MS_YMAP) {
		node_error(x, n, _("'%s' must be a paper size or a mapping"), "paper");
		return;
	}
	for (const ms_ynode *k = n->kids; k; k = k->next) {
		const ms_ynode *v = k->val;
		const char *vs = scalar(x, v, k->str);
		if (!vs)
			continue;
		if (!paper_valid(vs)) {
			node_error(x, v, _("unknown paper size '%s' (use a4 or letter)"), vs);
			continue;
		}
		if (strcmp(k->str, "default") == 0) {
			free(c->paper_default);
			c->paper_default = ms_xstrdup(vs);
		} else if (ms_lang_valid(k->str)) {
			ms_buf b = MS_BUF_INIT;
			ms_buf_printf(&b, "%s=%s", k->str, vs);
			ms_strv_push(&c->paper_langs, b.ptr);
			ms_buf_release(&b);
		} else {
			node_error(x, k, _("'%s' is not a language tag"), k->str);
		}
	}
}

ms_severity
ms_config_check_severity(const ms_config *c, const char *check,
                         ms_severity dflt, bool *enabled)
{
	size_t best = 0;
	const char *val = NULL;
	*enabled = true;
	for (size_t i = 0; c->checks && c->checks[i]; i++) {
		const char *eq = strchr(c->checks[i], '=');
		size_t n = (size_t)(eq - c->checks[i]);
		/* an exact id, or a family prefix ("glossary" for "glossary/x") */
		if (strncmp(check, c->checks[i], n) != 0
		    || (check[n] != '\0' && check[n] != '/'))
			continue;
		if (n >= best) {
			best = n;
			val = eq + 1;
		}
	}
	if (!val)
		return dflt;
	if (!strcmp(val, "off")) {
		*enabled = false;
		return dflt;
	}
	return !strcmp(val, "warning") ? MS_WARNING : !strcmp(val, "note") ? MS_NOTE : MS_ERROR;
}

static void
set_checks(cfg_ctx *x, ms_config *c, const ms_ynode *n)
{
	if (n->type != MS_YMAP) {
		node_error(x, n, _("'%s' must be a mapping of check ids to error, warning or off"), "checks");
		return;
	}
	for (const ms_ynode *k = n->kids; k; k = k->next) {
		const ms_ynode *v = k->val;
		const char *vs = scalar(x, v, k->str);
		if (!vs)
			continue;
		if (strcmp(vs, "error") && strcmp(vs, "warning") && strcmp(vs, "note")
		    && strcmp(vs, "off")) {
			node_error(x, v, _("check '%s' must be error, warning, note or off"), k->str);
			continue;
		}
		ms_buf b = MS_BUF_INIT;
		ms_buf_printf(&b, "%s=%s", k->str, vs);
		ms_strv_push(&c->checks, b.ptr);
		ms_buf_release(&b);
	}
}

static bool
parse_bool(const char *s, bool *out)
{
	if (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "on")) {
		*out = true;
		return true;
	}
	if (!strcmp(s, "false") || !strcmp(s, "no") || !strcmp(s, "off")) {
		*out = false;
		return true;
	}
	return false;
}

/* Is S a PO header's person, "Name <address>": a name, then an e-mail
 * address in angle brackets, on one line? */
static bool
person_valid(const char *s)
{
	const char *lt = strchr(s, '<'), *at = lt ? strchr(lt, '@') : NULL,
	           *gt = at ? strchr(at, '>') : NULL;
	for (const unsigned char *q = (const unsigned char *)s; *q; q++)
		if (*q < 0x20 || *q == 0x7f)
			return false;
	return lt && lt > s && at && at > lt + 1 && gt && gt > at + 1 && !gt[1];
}

/* translation-notice: {ko: "…", es: "…"}: one notice per language;
 * translators: {ko: "Name <address>"}: each catalogue's Last-Translator
 * (PERSONS). */
static void
set_lang_texts(cfg_ctx *x, const ms_ynode *n, const char *key, bool persons,
               char ***out)
{
	if (n->type != MS_YMAP) {
		if (persons)
			node_error(x, n, _("'%s' must be a mapping from languages to "
			                   "translators"), key);
		else
			node_error(x, n, _("'%s' must be a mapping from languages to "
			                   "notices"), key);
		return;
	}
	for (const ms_ynode *k = n->kids; k; k = k->next) {
		const char *vs = scalar(x, k->val, k->str);
		ms_buf b = MS_BUF_INIT;
		if (!vs)
			continue;
		if (!ms_lang_valid(k->str)) {
			node_error(x, k, _("'%s' is not a language tag"), k->str);
			continue;
		}
		if (!*vs) {
			node_error(x, k->val, _("'%s' must not be empty"), k->str);
			continue;
		}
		if (persons && !person_valid(vs)) {
			node_error(x, k->val, _("'%s' must be a name and an e-mail address "
			                        "(Name <address>), not '%s'"), k->str, vs);
			continue;
		}
		ms_buf_printf(&b, "%s=%s", k->str, vs);
		ms_strv_push(out, b.ptr);
		ms_buf_release(&b);
	}
}

static void
apply_key(cfg_ctx *x, ms_config *c, const char *key, const ms_ynode *k,
          const ms_ynode *v)
{
	if (!strcmp(key, "source")) {
		const char *s = scalar(x, v, key);
		if (s && !ms_lang_valid(s))
			node_error(x, v, _("'%s' is not a language tag"), s);
		else
			set_string(x, v, key, &c->source_lang);
	} else if (!strcmp(key, "languages")) {
		set_list(x, v, key, &c->languages, true);
	} else if (!strcmp(key, "formats")) {
		set_list(x, v, key, &c->formats, false);
	} else if (!strcmp(key, "segmentation")) {
		const char *s = scalar(x, v, key);
		if (s && strcmp(s, "sentence") && strcmp(s, "paragraph"))
			node_error(x, v, _("segmentation must be 'sentence' or 'paragraph', not '%s'"), s);
		else
			set_string(x, v, key, &c->segmentation);
	} else if (!strcmp(key, "domain")) {
		/* it names po/<domain>.pot: a file name, never a path */
		const char *s = scalar(x, v, key);
		if (s && !ms_letter_id_valid(s))
			node_error(x, v, _("'%s' is not a valid domain (use letters, digits, '.', '_' and '-', not starting with '.' or '-')"), s);
		else
			set_string(x, v, key, &c->domain);
	} else if (!strcmp(key, "project") || !strcmp(key, "bugs")) {
		/* PO header values: one line of printable text; the bug
		 * address an e-mail address or a URL, as gettext wants */
		const char *s = scalar(x, v, key);
		bool bugs = !strcmp(key, "bugs"), bad = false;
		for (const unsigned char *q = (const unsigned char *)s; q && *q; q++)
			bad |= *q < 0x20 || *q == 0x7f;
		if (s && bad)
			node_error(x, v, _("'%s' must be one line of text"), key);
		else if (s && bugs && !strchr(s, '@') && !strstr(s, "://"))
			node_error(x, v, _("'%s' must be an e-mail address or a URL, not '%s'"),
			           key, s);
		else
			set_string(x, v, key, bugs ? &c->bugs : &c->project);
	} else if (!strcmp(key, "corpus")) {
		set_string(x, v, key, &c->corpus_dir);
	} else if (!strcmp(key, "po")) {
		set_string(x, v, key, &c->po_dir);
	} else if (!strcmp(key, "out")) {
		set_string(x, v, key, &c->out_dir);
	} else if (!strcmp(key, "glossary")) {
		set_string(x, v, key, &c->glossary);
	} else if (!strcmp(key, "text-width")) {
		set_int(x, v, key, &c->text_width, 20, 1000);
	} else if (!strcmp(key, "min-translated")) {
		set_int(x, v, key, &c->min_translated, 0, 100);
	} else if (!strcmp(key, "paper")) {
		set_paper(x, c, v);
	} else if (!strcmp(key, "split-pot")) {
		const char *s = scalar(x, v, key);
		if (s && !parse_bool(s, &c->split_pot))
			node_error(x, v, _("'%s' must be true or false"), key);
	} else if (!strcmp(key, "profiles")) {
		set_string(x, v, key, &c->profiles_dir);
	} else if (!strcmp(key, "link-targets")) {
		set_list(x, v, key, &c->link_targets, false);
	} else if (!strcmp(key, "tm")) {
		set_list(x, v, key, &c->tm, false);
	} else if (!strcmp(key, "checks")) {
		set_checks(x, c, v);
	} else if (!strcmp(key, "letterhead")) {
		/* the letters' own reader reads it: one schema for both */
		bool none;
		ms_sender_free(c->letterhead);
		c->letterhead = NULL;
		if (ms_reader_letterhead(x->file, v, x->dir, &c->letterhead, &none,
		                         x->h) != MS_OK)
			x->errors++;
	} else if (!strcmp(key, "signatory-annex")) {
		set_int(x, v, key, &c->signatory_annex, 0, 1000000);
	} else if (!strcmp(key, "paper-links")) {
		const char *s = scalar(x, v, key);
		if (s && (!strcmp(s, "after") || !strcmp(s, "footnote")
		          || !strcmp(s, "hidden"))) {
			free(c->paper_links);
			c->paper_links = ms_xstrdup(s);
		} else if (s) {
			node_error(x, v, _("'%s' must be 'after', 'footnote' or "
			                   "'hidden'"), key);
		}
	} else if (!strcmp(key, "translation-notice")) {
		set_lang_texts(x, v, key, false, &c->notices);
	} else if (!strcmp(key, "translators")) {
		set_lang_texts(x, v, key, true, &c->translators);
	} else if (!strcmp(key, "untranslated")) {
		const char *s = scalar(x, v, key);
		if (s && !strcmp(s, "draft"))
			c->draft_untranslated = true;
		else if (s && !strcmp(s, "block"))
			c->draft_untranslated = false;
		else if (s)
			node_error(x, v, _("'%s' must be 'draft' or 'block'"), key);
	} else {
		ms_diag_emit(x->h, MS_WARNING, NULL, x->file, k->pos.line,
		             k->pos.column, _("unknown key '%s' ignored"), key);
	}
}

/* Read po/LINGUAS: language codes separated by white space, '#' comments. */
static ms_status
read_linguas(ms_config *c, ms_diag_handler *h)
{
	ms_buf path = MS_BUF_INIT;
	char *data = NULL;
	size_t len;
	struct stat sb;
	ms_status st = MS_OK;
	ms_buf_printf(&path, "%s/LINGUAS", c->po_dir);
	/* No LINGUAS is no language; one that cannot be read (a folder, a
	 * FIFO, no permission) is an error, not zero languages. */
	if (stat(path.ptr, &sb) != 0 && errno == ENOENT)
		goto done;
	st = ms_read_file(path.ptr, &data, &len, h);
	if (st != MS_OK)
		goto done;
	unsigned line = 1;
	for (char *l = data, *next; l && *l; l = next, line++) {
		next = strchr(l, '\n');
		if (next)
			*next++ = '\0';
		char *hash = strchr(l, '#');
		if (hash)
			*hash = '\0';
		char *save = NULL;
		for (char *tok = strtok_r(l, " \t\r", &save); tok; tok = strtok_r(NULL, " \t\r", &save)) {
			if (!ms_lang_valid(tok))
				ms_diag_emit(h, MS_WARNING, NULL, path.ptr, line, 0,
				             _("'%s' is not a language tag"), tok);
			else if (!ms_strv_contains(c->languages, tok))
				ms_strv_push(&c->languages, tok);
		}
	}
done:
	free(data);
	ms_buf_release(&path);
	return st;
}

ms_status
ms_config_load(const char *path, ms_config **out, ms_diag_handler *h)
{
	ms_config *c;
	char *data = NULL;
	size_t len;
	size_t bad;
	unsigned bl, bc;
	ms_ynode *root = NULL;
	ms_status st;
	cfg_ctx x = { path, h, 0, NULL };
	const char *slash = strrchr(path, '/');

	*out = NULL;
	st = ms_read_file(path, &data, &len, h);
	if (st != MS_OK)
		return st;
	if (!ms_utf8_validate(data, len, &bad, &bl, &bc)) {
		ms_diag_emit(h, MS_ERROR, NULL, path, bl, bc,
		             _("invalid UTF-8 or NUL byte (byte offset %zu)"), bad);
		free(data);
		return MS_ERR_ENCODING;
	}
	st = ms_yaml_parse(path, data, len, 1, MS_YDOC_CONFIG, &root, h);
	free(data);
	if (st != MS_OK)
		return st;
	c = ms_config_new_default();
	c->path = ms_xstrdup(path);
	x.dir = slash ? ms_xstrndup(path, (size_t)(slash - path) + (slash == path))
	              : ms_xstrdup("");
	if (root && root->type == MS_YMAP) {
		for (const ms_ynode *k = root->kids; k; k = k->next)
			apply_key(&x, c, k->str, k, k->val);
	} else if (root && !ms_ynode_is_null(root)) {
		node_error(&x, root, _("the top level of %s must be a mapping"), path);
	}
	ms_ynode_free(root);
	free(x.dir);

	if (x.errors) {
		ms_config_free(c);
		return MS_ERR_INVALID;
	}
	if (ms_strv_len(c->languages) == 0 && read_linguas(c, h) != MS_OK) {
		ms_config_free(c);
		return MS_ERR_IO;
	}
	if (c->profiles_dir && c->profiles_dir[0]) {
		/* profiles load on first use: making the set reads nothing */
		ms_buf dir = MS_BUF_INIT;
		if (c->profiles_dir[0] == '/' || !slash)
			ms_buf_puts(&dir, c->profiles_dir);
		else
			ms_buf_printf(&dir, "%.*s/%s", (int)(slash - path), path,
			              c->profiles_dir);
		char *dirs[] = { dir.ptr, NULL };
		c->profiles = ms_profiles_new(dirs);
		ms_buf_release(&dir);
	}
	*out = c;
	return MS_OK;
}

ms_profiles *
ms_config_profiles(const ms_config *c)
{
	return c && c->profiles ? c->profiles : ms_profiles_default();
}

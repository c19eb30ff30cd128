/* profile.c — language profiles (profile.h). */
#include "internal.h"
#include "hash.h"
#include "langtag.h"
#include "profile.h"
#include "yamltree.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ------------------------------------------------------------ schema */

typedef enum ptype {
	P_STR,       /* a single value */
	P_BOOL,      /* true or false */
	P_LIST,      /* a list of single values (a single value is a list of one) */
	P_MAP,       /* a mapping whose keys are in the schema */
	P_OPEN,      /* a mapping of anything: its owner checks the content */
	P_LISTS,     /* a mapping of lists, any keys (segment sections) */
} ptype;

/* Every key a profile may set.  A module that reads a new key adds it
 * here and to doc/language-profiles.md.  VALUES, when set, lists the
 * words a P_STR may be, separated by '|'. */
static const struct pkey {
	const char *key;
	ptype type;
	const char *values;
} schema[] = {
	{ "language", P_STR, NULL },
	{ "name", P_STR, NULL },
	{ "inherits", P_STR, NULL },
	/* sentence segmentation (core/segment.c) */
	{ "segment", P_LISTS, NULL },
	/* the glossary matcher's morphology (core/glossary*) */
	{ "morphology", P_OPEN, NULL },
	/* number writing (core/check.c) */
	{ "numbers", P_OPEN, NULL },
	/* dates (core/localize.c) */
	{ "dates", P_MAP, NULL },
	{ "dates.style", P_STR, "long|medium|full" },
	/* letter layout (core/localize.c, the writer kit) */
	{ "layout", P_MAP, NULL },
	{ "layout.date-align", P_STR, "left|right" },
	{ "layout.name-after-title", P_BOOL, NULL },
	{ "layout.recipient-suffix", P_STR, NULL },
	/* telephone and fax numbers of the country written as at home
	 * (core/localize.c): "+82 2-…" becomes "02-…" */
	{ "layout.phone-country", P_STR, NULL },
	{ "layout.phone-trunk", P_STR, NULL },
	/* patterns of address, date and signature lines (core/layout.c) */
	{ "layout.addressee", P_LIST, NULL },
	{ "layout.addressee-office", P_LIST, NULL },
	{ "layout.copy", P_LIST, NULL },
	{ "layout.copy-office", P_LIST, NULL },
	{ "layout.place-date", P_LIST, NULL },
	{ "layout.signer", P_LIST, NULL },
	/* forms of address by class: a text, or texts by gender */
	{ "layout.courtesy", P_OPEN, NULL },
	/* typography (core/units.c, the writer kit) */
	{ "typography", P_MAP, NULL },
	{ "typography.sentence-separator", P_STR, NULL },
	{ "typography.line-break", P_STR, "normal|keep-all" },
	{ "typography.emphasis", P_STR, "italic|bold|dots" },
	{ "typography.quotes", P_LIST, NULL },
	{ "typography.inverted-marks", P_BOOL, NULL },   /* core/check.c */
	/* fonts for paged output (core/localize.c, the writers) */
	{ "fonts", P_MAP, NULL },
	{ "fonts.serif", P_STR, NULL },
	{ "fonts.sans", P_STR, NULL },
	{ "fonts.size", P_STR, NULL },
	{ "fonts.line-height", P_STR, NULL },
	{ "fonts.package", P_STR, NULL },
	{ "fonts.east-asian-lang", P_STR, NULL },
};

/* The P_LISTs that must have a given number of items. */
static const struct { const char *key; size_t count; } list_sizes[] = {
	{ "typography.quotes", 4 },   /* “ ” ‘ ’ */
};

static size_t
list_size(const char *key)
{
	for (size_t i = 0; i < MS_ARRAY_SIZE(list_sizes); i++)
		if (!strcmp(list_sizes[i].key, key))
			return list_sizes[i].count;
	return 0;
}

static const struct pkey *
schema_find(const char *key)
{
	for (size_t i = 0; i < MS_ARRAY_SIZE(schema); i++)
		if (!strcmp(schema[i].key, key))
			return &schema[i];
	return NULL;
}

/* The type of the open section KEY lies inside (its owner checks what
 * is in it: a top-level section such as "morphology", or a mapping
 * such as "layout.courtesy"), else the type of KEY's top-level section. */
static ptype
section_type(const char *key)
{
	const char *dot = strchr(key, '.');
	char sect[128];
	const struct pkey *k;
	ptype top = P_STR;
	for (; dot; dot = strchr(dot + 1, '.')) {
		size_t n = (size_t)(dot - key);
		if (n >= sizeof sect)
			break;
		memcpy(sect, key, n);
		sect[n] = '\0';
		k = schema_find(sect);
		if (k && (k->type == P_OPEN || k->type == P_LISTS))
			return k->type;
		if (k && top == P_STR)
			top = k->type;
	}
	if (!strchr(key, '.')) {
		k = schema_find(key);
		return k ? k->type : P_STR;
	}
	return top;
}

/* ------------------------------------------------------------ model */

typedef enum etype { E_SCALAR, E_LIST, E_MAP } etype;

typedef struct pentry {
	char *path;             /* the key ("layout.date-align"); owned */
	etype type;
	ms_pvalue val;          /* E_SCALAR */
	ms_pvalue *items;       /* E_LIST */
	size_t n;
	const char **keys;      /* E_MAP: merged over the parents */
	size_t nkeys;
} pentry;

struct ms_profile {
	char *lang;             /* asked for */
	char *file_lang;        /* the file's tag ("es" for "es-419") */
	char *file;             /* the file read, or "<built-in lang/es.yaml>" */
	ms_ynode *root;         /* owns the strings the entries point to */
	ms_htab *tab;           /* path → pentry */
	pentry **entries;       /* for freeing */
	size_t nentries;
	const ms_profile *parent;
	struct ms_profile *next; /* in the set's list */
};

struct ms_profiles {
	char **dirs;
	pthread_mutex_t lock;
	ms_profile *loaded;
};

/* The data files, compiled in (data/local.mk makes the header). */
static const struct builtin_profile {
	const char *lang;
	const char *text;
} builtin[] = {
#include "data/lang-builtin.h"
};

/* ------------------------------------------------------------ loading */

typedef struct lctx {
	ms_profile *p;
	const char *file;
	ms_diag_handler *h;
	bool warn;              /* report warnings (first load only) */
	ms_status status;
} lctx;

static void
lerror(lctx *c, const ms_ynode *n, ms_status st, const char *fmt, ...)
	MS_PRINTF(4, 5);

static void
lerror(lctx *c, const ms_ynode *n, ms_status st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ms_diag_vemit(c->h, MS_ERROR, NULL, c->file, n->pos.line, n->pos.column,
	              fmt, ap);
	va_end(ap);
	if (c->status == MS_OK)
		c->status = st;
}

static pentry *
add_entry(lctx *c, const char *path, etype type)
{
	pentry *e = ms_xcalloc(1, sizeof *e);
	ms_profile *p = c->p;
	e->path = ms_xstrdup(path);
	e->type = type;
	p->entries = ms_xrealloc(p->entries, (p->nentries + 1) * sizeof *p->entries);
	p->entries[p->nentries++] = e;
	ms_htab_put(p->tab, e->path, strlen(e->path), e);
	return e;
}

static void
set_value(lctx *c, ms_pvalue *v, const ms_ynode *n)
{
	v->text = n->str;
	v->file = c->file;
	v->line = n->pos.line;
	v->column = n->pos.column;
}

static bool
word_in(const char *word, const char *values)
{
	size_t n = strlen(word);
	for (const char *s = values; *s;) {
		const char *bar = strchr(s, '|');
		size_t k = bar ? (size_t)(bar - s) : strlen(s);
		if (k == n && !memcmp(s, word, n))
			return true;
		s += k + (bar != NULL);
	}
	return false;
}

static void
add_scalar(lctx *c, const char *path, const ms_ynode *n, const struct pkey *k)
{
	pentry *e;
	if (k && k->type == P_BOOL && strcmp(n->str, "true")
	    && strcmp(n->str, "false")) {
		lerror(c, n, MS_ERR_INVALID, _("'%s' must be true or false"), path);
		return;
	}
	if (k && k->values && !word_in(n->str, k->values)) {
		lerror(c, n, MS_ERR_INVALID, _("'%s' must be one of %s, not '%s'"),
		       path, k->values, n->str);
		return;
	}
	e = add_entry(c, path, E_SCALAR);
	set_value(c, &e->val, n);
}

static size_t
kid_count(const ms_ynode *n)
{
	size_t count = 0;
	for (const ms_ynode *it = n->kids; it; it = it->next)
		count++;
	return count;
}

static void
add_list(lctx *c, const char *path, const ms_ynode *n)
{
	pentry *e = add_entry(c, path, E_LIST);
	size_t count = kid_count(n);
	e->items = ms_xcalloc(count ? count : 1, sizeof *e->items);
	for (const ms_ynode *it = n->kids; it; it = it->next) {
		if (it->type != MS_YSCALAR) {
			lerror(c, it, MS_ERR_INVALID,
			       _("the items of '%s' must be single values, not %s"),
			       path, ms_ynode_kind_name(it));
			continue;
		}
		set_value(c, &e->items[e->n++], it);
	}
}

/* A list; a single value is a list of one. */
static void
add_list_or_one(lctx *c, const char *path, const ms_ynode *n)
{
	if (n->type == MS_YMAP) {
		lerror(c, n, MS_ERR_INVALID, _("'%s' must be a list"), path);
	} else if (n->type == MS_YSCALAR) {
		ms_ynode one = *n, list;
		one.next = NULL;
		memset(&list, 0, sizeof list);
		list.type = MS_YSEQ;
		list.pos = n->pos;
		list.kids = &one;
		add_list(c, path, &list);
	} else {
		add_list(c, path, n);
	}
}

static void walk(lctx *c, const char *path, const ms_ynode *n,
                 const ms_ynode *key);

static void
add_map(lctx *c, const char *path, const ms_ynode *n)
{
	pentry *e = add_entry(c, path, E_MAP);
	ms_buf sub = MS_BUF_INIT;
	size_t count = 0;
	for (const ms_ynode *k = n->kids; k; k = k->next)
		count++;
	e->keys = ms_xcalloc(count + 1, sizeof *e->keys);
	for (const ms_ynode *k = n->kids; k; k = k->next) {
		e->keys[e->nkeys++] = k->str;
		ms_buf_reset(&sub);
		if (*path)
			ms_buf_printf(&sub, "%s.", path);
		ms_buf_puts(&sub, k->str);
		walk(c, sub.ptr, k->val, k);
	}
	ms_buf_release(&sub);
}

/* Check N, found at PATH (under KEY, NULL for the root), against the
 * schema and record it. */
static void
walk(lctx *c, const char *path, const ms_ynode *n, const ms_ynode *key)
{
	const struct pkey *k;
	ptype sect;

	if (!*path) {
		add_map(c, path, n);   /* the root, a mapping (checked by the caller) */
		return;
	}
	k = schema_find(path);
	sect = section_type(path);
	bool inside_open;

	inside_open = !k && strchr(path, '.') && (sect == P_OPEN || sect == P_LISTS);

	if (!k && !inside_open) {
		/* unknown: say so at the key, once */
		const ms_ynode *at = key ? key : n;
		if (c->warn)
			ms_diag_emit(c->h, MS_WARNING, NULL, c->file, at->pos.line,
			             at->pos.column,
			             _("unknown profile key '%s' ignored"), path);
		return;
	}
	if (inside_open && sect == P_LISTS) {
		add_list_or_one(c, path, n);
		return;
	}
	if (inside_open) {
		if (n->type == MS_YSCALAR)
			add_scalar(c, path, n, NULL);
		else if (n->type == MS_YSEQ)
			add_list(c, path, n);
		else
			add_map(c, path, n);
		return;
	}
	switch (k->type) {
	case P_STR:
	case P_BOOL:
		if (n->type != MS_YSCALAR)
			lerror(c, n, MS_ERR_INVALID,
			       _("'%s' must be a single value, not %s"), path,
			       ms_ynode_kind_name(n));
		else
			add_scalar(c, path, n, k);
		break;
	case P_LIST:
		if (list_size(path) && (n->type != MS_YSEQ
		                        || kid_count(n) != list_size(path)))
			lerror(c, n, MS_ERR_INVALID, _("'%s' must be a list of %zu items"),
			       path, list_size(path));
		else
			add_list_or_one(c, path, n);
		break;
	case P_MAP:
	case P_OPEN:
	case P_LISTS:
		if (n->type != MS_YMAP)
			lerror(c, n, MS_ERR_INVALID, _("'%s' must be a mapping, not %s"),
			       path, ms_ynode_kind_name(n));
		else
			add_map(c, path, n);
		break;
	}
}

/* Merge the parent's keys into every mapping of P. */
static void
merge_keys(ms_profile *p)
{
	if (!p->parent)
		return;
	for (size_t i = 0; i < p->nentries; i++) {
		pentry *e = p->entries[i];
		const pentry *pe = ms_htab_get(p->parent->tab, e->path, strlen(e->path));
		const ms_profile *anc = p->parent;
		while (!pe && anc->parent) {
			anc = anc->parent;
			pe = ms_htab_get(anc->tab, e->path, strlen(e->path));
		}
		if (e->type != E_MAP || !pe || pe->type != E_MAP)
			continue;
		e->keys = ms_xrealloc(e->keys, (e->nkeys + pe->nkeys + 1) * sizeof *e->keys);
		for (size_t j = 0; j < pe->nkeys; j++) {
			bool have = false;
			for (size_t k = 0; k < e->nkeys && !have; k++)
				have = !strcmp(e->keys[k], pe->keys[j]);
			if (!have)
				e->keys[e->nkeys++] = pe->keys[j];
		}
	}
}

static void
profile_free(ms_profile *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nentries; i++) {
		free(p->entries[i]->path);
		free(p->entries[i]->items);
		free(p->entries[i]->keys);
		free(p->entries[i]);
	}
	free(p->entries);
	ms_htab_free(p->tab);
	ms_ynode_free(p->root);
	free(p->lang);
	free(p->file_lang);
	free(p->file);
	free(p);
}

/* ------------------------------------------------------------ finding */

static bool
is_regular(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Where the file for exactly TAG is: a path, or a built-in text.  False
 * when there is none. */
static bool
find_file(const ms_profiles *set, const char *tag, char **path,
          const char **text)
{
	ms_buf b = MS_BUF_INIT;
	const char *env = getenv("MISSIVE_DATADIR");
	*path = NULL;
	*text = NULL;
	for (size_t i = 0; set->dirs && set->dirs[i]; i++) {
		ms_buf_reset(&b);
		ms_buf_printf(&b, "%s/%s.yaml", set->dirs[i], tag);
		if (is_regular(b.ptr))
			goto found;
	}
	ms_buf_reset(&b);
	ms_buf_printf(&b, "%s/lang/%s.yaml", env && *env ? env : PKGDATADIR, tag);
	if (is_regular(b.ptr))
		goto found;
	ms_buf_release(&b);
	for (size_t i = 0; i < MS_ARRAY_SIZE(builtin); i++) {
		if (!strcmp(builtin[i].lang, tag)) {
			*text = builtin[i].text;
			return true;
		}
	}
	return false;
found:
	*path = ms_buf_detach(&b, NULL);
	return true;
}

static ms_status get_locked(ms_profiles *set, const char *lang, int depth,
                            const ms_profile **out, ms_diag_handler *h);

/* Load the file for FILE_LANG, asked for as LANG. */
static ms_status
load(ms_profiles *set, const char *lang, const char *file_lang, char *path,
     const char *text, int depth, ms_profile **out, ms_diag_handler *h)
{
	ms_profile *p = ms_xcalloc(1, sizeof *p);
	char *data = NULL;
	size_t len;
	ms_status st = MS_OK;
	lctx c;
	const ms_ynode *inh, *language;

	p->lang = ms_xstrdup(lang);
	p->file_lang = ms_xstrdup(file_lang);
	p->tab = ms_htab_new(64);
	if (path) {
		p->file = path;
		st = ms_read_file(path, &data, &len, h);
		if (st == MS_OK) {
			size_t bad;
			unsigned bl, bc;
			if (!ms_utf8_validate(data, len, &bad, &bl, &bc)) {
				ms_diag_emit(h, MS_ERROR, NULL, path, bl, bc,
				             _("invalid UTF-8 or NUL byte (byte offset %zu)"),
				             bad);
				st = MS_ERR_ENCODING;
			}
		}
	} else {
		ms_buf b = MS_BUF_INIT;
		ms_buf_printf(&b, "<built-in lang/%s.yaml>", file_lang);
		p->file = ms_buf_detach(&b, NULL);
		data = ms_xstrdup(text);
		len = strlen(text);
	}
	if (st == MS_OK)
		st = ms_yaml_parse(p->file, data, len, 1, MS_YDOC_PROFILE, &p->root, h);
	free(data);
	if (st != MS_OK)
		goto fail;

	memset(&c, 0, sizeof c);
	c.p = p;
	c.file = p->file;
	c.h = h;
	c.warn = true;
	if (p->root && p->root->type != MS_YMAP) {
		lerror(&c, p->root, MS_ERR_INVALID,
		       _("a language profile must be a mapping, not %s"),
		       ms_ynode_kind_name(p->root));
	} else if (p->root) {
		walk(&c, "", p->root, NULL);
	}
	st = c.status;
	if (st != MS_OK)
		goto fail;

	language = ms_ynode_get(p->root, "language");
	if (language && language->type == MS_YSCALAR
	    && !ms_lang_is(file_lang, language->str)) {
		ms_diag_emit(h, MS_WARNING, NULL, p->file, language->pos.line,
		             language->pos.column,
		             _("profile for '%s' says it describes '%s'"), file_lang,
		             language->str);
	}
	inh = ms_ynode_get(p->root, "inherits");
	if (inh && inh->type == MS_YSCALAR && !ms_lang_valid(inh->str)) {
		lerror(&c, inh, MS_ERR_INVALID, _("'%s' is not a language tag"),
		       inh->str);
		st = c.status;
		goto fail;
	}
	if (strcmp(file_lang, "und") != 0 || (inh && inh->type == MS_YSCALAR)) {
		const char *parent = inh && inh->type == MS_YSCALAR ? inh->str : "und";
		if (!strcmp(parent, file_lang) || depth > 8) {
			ms_diag_emit(h, MS_ERROR, NULL, p->file,
			             inh ? inh->pos.line : 0, inh ? inh->pos.column : 0,
			             _("profile '%s' inherits from itself"), file_lang);
			st = MS_ERR_INVALID;
			goto fail;
		}
		st = get_locked(set, parent, depth + 1, &p->parent, h);
		if (st != MS_OK)
			goto fail;
	}
	merge_keys(p);
	*out = p;
	return MS_OK;
fail:
	profile_free(p);
	*out = NULL;
	return st;
}

static ms_status
get_locked(ms_profiles *set, const char *lang, int depth,
           const ms_profile **out, ms_diag_handler *h)
{
	char *path = NULL;
	const char *text = NULL;
	char primary[16];
	const char *file_lang = lang;
	ms_profile *p;
	ms_status st;
	size_t plen;

	for (p = set->loaded; p; p = p->next) {
		if (!strcmp(p->lang, lang)) {
			*out = p;
			return MS_OK;
		}
	}
	if (!ms_lang_valid(lang) && strcmp(lang, "und") != 0) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("'%s' is not a language tag"), lang);
		return MS_ERR_INVALID;
	}
	if (!find_file(set, lang, &path, &text)) {
		plen = ms_lang_primary_len(lang);
		if (plen < sizeof primary && plen < strlen(lang)) {
			memcpy(primary, lang, plen);
			primary[plen] = '\0';
			for (size_t i = 0; i < plen; i++)
				if (primary[i] >= 'A' && primary[i] <= 'Z')
					primary[i] = (char)(primary[i] - 'A' + 'a');
			file_lang = primary;
			if (!find_file(set, primary, &path, &text))
				file_lang = NULL;
		} else {
			file_lang = NULL;
		}
		if (!file_lang) {
			file_lang = "und";
			if (!find_file(set, "und", &path, &text)) {
				ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
				             _("no language profile for '%s', and no root profile 'und'"),
				             lang);
				return MS_ERR_NOT_FOUND;
			}
		}
	}
	st = load(set, lang, file_lang, path, text, depth, &p, h);
	if (st != MS_OK)
		return st;
	p->next = set->loaded;
	set->loaded = p;
	*out = p;
	return MS_OK;
}

ms_status
ms_profiles_get(ms_profiles *set, const char *lang, const ms_profile **out,
                ms_diag_handler *h)
{
	ms_status st;
	*out = NULL;
	if (!set || !lang || !*lang)
		return MS_ERR_USAGE;
	pthread_mutex_lock(&set->lock);
	st = get_locked(set, lang, 0, out, h);
	pthread_mutex_unlock(&set->lock);
	return st;
}

char *const *
ms_profiles_dirs(const ms_profiles *set)
{
	return set->dirs;
}

ms_profiles *
ms_profiles_new(char *const *dirs)
{
	ms_profiles *set = ms_xcalloc(1, sizeof *set);
	set->dirs = ms_xcalloc(1, sizeof(char *));
	for (size_t i = 0; dirs && dirs[i]; i++)
		ms_strv_push(&set->dirs, dirs[i]);
	pthread_mutex_init(&set->lock, NULL);
	return set;
}

void
ms_profiles_free(ms_profiles *set)
{
	if (!set)
		return;
	while (set->loaded) {
		ms_profile *next = set->loaded->next;
		profile_free(set->loaded);
		set->loaded = next;
	}
	ms_strv_free(set->dirs);
	pthread_mutex_destroy(&set->lock);
	free(set);
}

static ms_profiles *default_set;

static void
make_default(void)
{
	default_set = ms_profiles_new(NULL);
}

ms_profiles *
ms_profiles_default(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, make_default);
	return default_set;
}

/* ------------------------------------------------------------ lookup */

static const pentry *
lookup(const ms_profile *p, const char *key)
{
	size_t n = strlen(key);
	for (; p; p = p->parent) {
		const pentry *e = ms_htab_get(p->tab, key, n);
		if (e)
			return e;
	}
	return NULL;
}

const char *
ms_profile_lang(const ms_profile *p)
{
	return p->lang;
}

const char *
ms_profile_file_lang(const ms_profile *p)
{
	return p->file_lang;
}

const ms_pvalue *
ms_profile_value(const ms_profile *p, const char *key)
{
	const pentry *e = lookup(p, key);
	return e && e->type == E_SCALAR ? &e->val : NULL;
}

const char *
ms_profile_str(const ms_profile *p, const char *key)
{
	const ms_pvalue *v = ms_profile_value(p, key);
	return v ? v->text : NULL;
}

const char *
ms_profile_str_or(const ms_profile *p, const char *key, const char *dflt)
{
	const char *s = ms_profile_str(p, key);
	return s ? s : dflt;
}

bool
ms_profile_bool(const ms_profile *p, const char *key, bool dflt)
{
	const char *s = ms_profile_str(p, key);
	if (!s)
		return dflt;
	return !strcmp(s, "true");
}

const ms_pvalue *
ms_profile_list(const ms_profile *p, const char *key, size_t *n)
{
	const pentry *e = lookup(p, key);
	if (!e || e->type != E_LIST) {
		*n = 0;
		return NULL;
	}
	*n = e->n;
	return e->items;
}

size_t
ms_profile_keys(const ms_profile *p, const char *key, const char *const **names)
{
	const pentry *e = lookup(p, key);
	if (!e || e->type != E_MAP) {
		*names = NULL;
		return 0;
	}
	*names = e->keys;
	return e->nkeys;
}

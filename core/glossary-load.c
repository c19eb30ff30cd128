/* glossary-load.c — po/glossary.yaml → a compiled glossary.
 *
 * The file is read into a tree of YAML nodes (anchors, aliases and tags
 * refused where they appear), each term is read and checked with located
 * errors, and every form is compiled into the patterns of its language
 * (morphology from morph.c, indexes for glossary-match.c).  Once loaded,
 * a glossary is only read. */
#include "glossary-impl.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

/* ============================================================== loading */

/* A YAML node, built from libyaml's events so that anchors, aliases and
 * tags can be refused where they appear. */
enum { YN_SCALAR, YN_SEQ, YN_MAP };

typedef struct ynode {
	int type;
	char *s;                 /* YN_SCALAR */
	bool plain;              /* unquoted scalar */
	unsigned line, col;
	struct ynode **kids;     /* YN_MAP: key, value, key, value … */
	size_t n, cap;
} ynode;

static void
ynode_free(ynode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++)
		ynode_free(n->kids[i]);
	free(n->kids);
	free(n->s);
	free(n);
}

typedef struct lctx {
	const char *name;
	ms_diag_handler *h;
	unsigned errors;
	ms_glossary *gl;
	gl_scratch sc;           /* for compiling and comparing forms */
	morph_run *srcrun;       /* stemmers while compiling: the source's, */
	morph_run **tlrun;       /* and [i] for gl->tl[i] */
} lctx;

static void lerr(lctx *c, const ynode *n, const char *fmt, ...) MS_PRINTF(3, 4);
static void lwarn(lctx *c, const ynode *n, const char *fmt, ...) MS_PRINTF(3, 4);

static void
lerr(lctx *c, const ynode *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ms_diag_vemit(c->h, MS_ERROR, NULL, c->name, n ? n->line : 0,
	              n ? n->col : 0, fmt, ap);
	va_end(ap);
	c->errors++;
}

static void
lwarn(lctx *c, const ynode *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ms_diag_vemit(c->h, MS_WARNING, NULL, c->name, n ? n->line : 0,
	              n ? n->col : 0, fmt, ap);
	va_end(ap);
}

static ynode *
ynode_new(int type, const yaml_event_t *ev)
{
	ynode *n = ms_xcalloc(1, sizeof *n);
	n->type = type;
	n->line = (unsigned)ev->start_mark.line + 1;
	n->col = (unsigned)ev->start_mark.column + 1;
	return n;
}

static void
ynode_add(ynode *parent, ynode *kid)
{
	if (parent->n == parent->cap) {
		parent->cap = parent->cap ? parent->cap * 2 : 8;
		parent->kids = ms_xrealloc(parent->kids, parent->cap * sizeof *parent->kids);
	}
	parent->kids[parent->n++] = kid;
}

/* Refuse anchors, aliases and tags other than the core schema's. */
static bool
event_ok(lctx *c, const yaml_event_t *ev)
{
	const yaml_char_t *anchor = NULL, *tag = NULL;
	ynode where = { 0 };
	where.line = (unsigned)ev->start_mark.line + 1;
	where.col = (unsigned)ev->start_mark.column + 1;
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		lerr(c, &where, _("YAML aliases ('*%s') are not allowed in the glossary"),
		     (const char *)ev->data.alias.anchor);
		return false;
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
		break;
	default:
		return true;
	}
	if (anchor) {
		lerr(c, &where, _("YAML anchors ('&%s') are not allowed in the glossary"),
		     (const char *)anchor);
		return false;
	}
	if (tag && strncmp((const char *)tag, "tag:yaml.org,2002:", 18)) {
		lerr(c, &where, _("YAML tags ('%s') are not allowed in the glossary"),
		     (const char *)tag);
		return false;
	}
	return true;
}

/* Parse DATA into a tree; NULL after reporting an error. */
static ynode *
yaml_tree(lctx *c, const char *data, size_t len, ms_status *st)
{
	yaml_parser_t p;
	ynode *root = NULL;
	ynode *stack[64];
	size_t depth = 0;
	int docs = 0;
	bool done = false;

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	while (!done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			ynode where = { 0 };
			where.line = (unsigned)p.problem_mark.line + 1;
			where.col = (unsigned)p.problem_mark.column + 1;
			if (p.context)
				lerr(c, &where, _("malformed YAML: %s %s"), p.problem
				     ? p.problem : "?", p.context);
			else
				lerr(c, &where, _("malformed YAML: %s"), p.problem
				     ? p.problem : "?");
			*st = MS_ERR_PARSE;
			break;
		}
		if (!event_ok(c, &ev)) {
			yaml_event_delete(&ev);
			*st = MS_ERR_INVALID;
			break;
		}
		ynode *n = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				ynode where = { 0 };
				where.line = (unsigned)ev.start_mark.line + 1;
				where.col = (unsigned)ev.start_mark.column + 1;
				lerr(c, &where, _("the glossary must be a single YAML document"));
				*st = MS_ERR_INVALID;
				done = true;
			}
			break;
		case YAML_SCALAR_EVENT:
			n = ynode_new(YN_SCALAR, &ev);
			n->s = ms_xstrndup((const char *)ev.data.scalar.value,
			                   ev.data.scalar.length);
			n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			break;
		case YAML_SEQUENCE_START_EVENT:
			n = ynode_new(YN_SEQ, &ev);
			break;
		case YAML_MAPPING_START_EVENT:
			n = ynode_new(YN_MAP, &ev);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth)
				depth--;
			break;
		default:
			break;
		}
		if (n) {
			if (depth)
				ynode_add(stack[depth - 1], n);
			else if (!root)
				root = n;
			else
				ynode_free(n), n = NULL;
			if (n && n->type != YN_SCALAR) {
				if (depth == MS_ARRAY_SIZE(stack)) {
					lerr(c, n, _("the glossary is nested too deeply"));
					*st = MS_ERR_INVALID;
					done = true;
				} else
					stack[depth++] = n;
			}
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	if (*st != MS_OK) {
		ynode_free(root);
		return NULL;
	}
	return root;
}

/* The value of a scalar, or NULL after an error naming WHAT. */
static const char *
want_string(lctx *c, const ynode *n, const char *what)
{
	if (n->type != YN_SCALAR) {
		lerr(c, n, _("'%s' must be a string"), what);
		return NULL;
	}
	if (!*n->s) {
		lerr(c, n, _("'%s' must not be empty"), what);
		return NULL;
	}
	return n->s;
}

/* A string or a list of strings into a NULL-terminated vector (appended).
 * Returns false after an error. */
static bool
want_strings(lctx *c, const ynode *n, const char *what, char ***out, ynode ***where,
             size_t *nwhere)
{
	if (n->type == YN_SCALAR) {
		if (!want_string(c, n, what))
			return false;
		ms_strv_push(out, n->s);
		if (where) {
			*where = ms_xrealloc(*where, (*nwhere + 1) * sizeof **where);
			(*where)[(*nwhere)++] = (ynode *)n;
		}
		return true;
	}
	if (n->type != YN_SEQ) {
		lerr(c, n, _("'%s' must be a string or a list of strings"), what);
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < n->n; i++) {
		if (n->kids[i]->type != YN_SCALAR) {
			lerr(c, n->kids[i], _("'%s' must be a list of strings"), what);
			ok = false;
			continue;
		}
		ok &= want_strings(c, n->kids[i], what, out, where, nwhere);
	}
	return ok;
}

/* Check the keys of mapping N: strings, no duplicates. */
static bool
check_map(lctx *c, const ynode *n, const char *what)
{
	if (n->type != YN_MAP) {
		lerr(c, n, _("%s must be a mapping"), what);
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const ynode *k = n->kids[i];
		if (k->type != YN_SCALAR) {
			lerr(c, k, _("keys of %s must be strings"), what);
			ok = false;
			continue;
		}
		for (size_t j = 0; j < i; j += 2)
			if (n->kids[j]->type == YN_SCALAR && !strcmp(n->kids[j]->s, k->s)) {
				lerr(c, k, _("duplicate key '%s' (first at line %u)"), k->s,
				     n->kids[j]->line);
				ok = false;
				break;
			}
	}
	return ok;
}

static bool
valid_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-'))
			return false;
	return true;
}

static bool
looks_like_lang(const char *s)
{
	size_t n = 0;
	while (islower((unsigned char)s[n]))
		n++;
	if (n < 2 || n > 3)
		return false;
	while (s[n] == '-' || s[n] == '_') {
		size_t k = ++n;
		while (isalnum((unsigned char)s[n]))
			n++;
		if (n - k < 2 || n - k > 8)
			return false;
	}
	return !s[n];
}

static void
gform_release(gform *f)
{
	free(f->text);
	free(f->reason);
	ms_strv_free(f->cond);
	free(f->cpats);
}

static void
gform_set(gform *f, const char *text, const ynode *where)
{
	memset(f, 0, sizeof *f);
	f->text = ms_xstrdup(text);
	f->line = where->line;
	f->col = where->col;
}

static void
glang_release(glang *b)
{
	free(b->lang);
	for (size_t i = 0; i < b->nreq; i++)
		gform_release(&b->req[i]);
	for (size_t i = 0; i < b->nforb; i++)
		gform_release(&b->forb[i]);
	for (size_t i = 0; i < b->ndepr; i++)
		gform_release(&b->depr[i]);
	for (size_t i = 0; i < b->nexc; i++)
		gform_release(&b->exc[i]);
	free(b->req);
	free(b->forb);
	free(b->depr);
	free(b->exc);
	free(b->note);
}

static void
gterm_release(gterm *t)
{
	free(t->id);
	for (size_t i = 0; i < t->nsource; i++)
		gform_release(&t->source[i]);
	free(t->source);
	for (size_t i = 0; i < t->nlangs; i++)
		glang_release(&t->langs[i]);
	free(t->langs);
	free(t->note);
	free(t->srcpats);
}

/* Plain strings as gforms (required, exceptions). */
static bool
read_forms(lctx *c, const ynode *n, const char *what, gform **out, size_t *nout)
{
	char **v = NULL;
	ynode **where = NULL;
	size_t nw = 0;
	bool ok = want_strings(c, n, what, &v, &where, &nw);
	if (ok) {
		*out = ms_xrealloc(*out, (*nout + nw) * sizeof **out);
		for (size_t i = 0; i < nw; i++)
			gform_set(&(*out)[(*nout)++], v[i], where[i]);
	}
	ms_strv_free(v);
	free(where);
	return ok;
}

/* forbidden / deprecated: a list of {form, reason, allowed_if_source}. */
static bool
read_bad_forms(lctx *c, const ynode *n, const char *what, gform **out, size_t *nout)
{
	if (n->type != YN_SEQ) {
		lerr(c, n, _("'%s' must be a list of {form, reason} mappings"), what);
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < n->n; i++) {
		const ynode *it = n->kids[i];
		const ynode *form = NULL, *reason = NULL, *cond = NULL;
		if (it->type == YN_SCALAR) {
			form = it;
		} else if (check_map(c, it, what)) {
			for (size_t k = 0; k + 1 < it->n; k += 2) {
				const char *key = it->kids[k]->s;
				const ynode *v = it->kids[k + 1];
				if (!strcmp(key, "form"))
					form = v;
				else if (!strcmp(key, "reason"))
					reason = v;
				else if (!strcmp(key, "allowed_if_source"))
					cond = v;
				else
					lwarn(c, it->kids[k], _("unknown key '%s' in '%s' ignored"),
					      key, what);
			}
			if (!form) {
				lerr(c, it, _("an entry of '%s' has no 'form'"), what);
				ok = false;
				continue;
			}
		} else {
			ok = false;
			continue;
		}
		if (!want_string(c, form, "form")) {
			ok = false;
			continue;
		}
		*out = ms_xrealloc(*out, (*nout + 1) * sizeof **out);
		gform *f = &(*out)[(*nout)++];
		gform_set(f, form->s, form);
		if (reason && want_string(c, reason, "reason"))
			f->reason = ms_xstrdup(reason->s);
		else if (reason)
			ok = false;
		else
			lwarn(c, form, _("%s form '%s' has no reason"), what, form->s);
		if (cond && !want_strings(c, cond, "allowed_if_source", &f->cond, NULL, NULL))
			ok = false;
		f->ncond = ms_strv_len(f->cond);
	}
	return ok;
}

static bool
read_lang(lctx *c, const ynode *n, const char *lang, glang *b)
{
	bool ok = true;
	memset(b, 0, sizeof *b);
	b->lang = ms_xstrdup(lang);
	for (size_t k = 0; k + 1 < n->n; k += 2) {
		const char *key = n->kids[k]->s;
		const ynode *v = n->kids[k + 1];
		if (!strcmp(key, "required"))
			ok &= read_forms(c, v, "required", &b->req, &b->nreq);
		else if (!strcmp(key, "forbidden"))
			ok &= read_bad_forms(c, v, "forbidden", &b->forb, &b->nforb);
		else if (!strcmp(key, "deprecated"))
			ok &= read_bad_forms(c, v, "deprecated", &b->depr, &b->ndepr);
		else if (!strcmp(key, "exceptions"))
			ok &= read_forms(c, v, "exceptions", &b->exc, &b->nexc);
		else if (!strcmp(key, "note")) {
			if (want_string(c, v, "note"))
				b->note = ms_xstrdup(v->s);
			else
				ok = false;
		} else
			lwarn(c, n->kids[k], _("unknown key '%s' in language '%s' ignored"),
			      key, lang);
	}
	return ok;
}

/* The compiled target language LANG, made on first use. */
static lx *
target_lx(lctx *c, const char *lang)
{
	ms_glossary *gl = c->gl;
	for (size_t i = 0; i < gl->ntl; i++)
		if (!strcmp(gl->tl[i]->lang, lang))
			return gl->tl[i];
	morph *m = morph_new(lang, c->h);
	if (!m)
		return NULL;
	lx *x = ms_xcalloc(1, sizeof *x);
	x->lang = ms_xstrdup(lang);
	x->m = m;
	x->engine = morph_engine(m);
	gl->tl = ms_xrealloc(gl->tl, (gl->ntl + 1) * sizeof *gl->tl);
	c->tlrun = ms_xrealloc(c->tlrun, (gl->ntl + 1) * sizeof *c->tlrun);
	c->tlrun[gl->ntl] = morph_run_new(m);
	return gl->tl[gl->ntl++] = x;
}

/* The stemmer and cache for compiling forms of X. */
static morph_run *
compile_run(lctx *c, const lx *x)
{
	if (x == &c->gl->src)
		return c->srcrun;
	for (size_t i = 0; i < c->gl->ntl; i++)
		if (c->gl->tl[i] == x)
			return c->tlrun[i];
	return NULL;
}

/* The non-space bytes of S[A..B) into a fresh string in AR, or NULL. */
static const char *
punct_of(gl_arena *ar, const char *s, size_t a, size_t b)
{
	char buf[128];
	size_t n = 0;
	for (size_t i = a; i < b && n < sizeof buf - 1; i++)
		if (s[i] != ' ')
			buf[n++] = s[i];
	return n ? gl_arena_strndup(ar, buf, n) : NULL;
}

/* ====================================================== compiling forms */

static void
posting_add(lx *x, void **v, const pat *p)
{
	for (gl_posting *q = *v; q; q = q->next)
		if (q->p == p)
			return;
	gl_posting *q = gl_arena_alloc(&x->mem, sizeof *q);
	q->p = p;
	q->next = *v;
	*v = q;
}

static void
index_add(lx *x, gl_smap *ix, const char *key, size_t klen, const pat *p)
{
	void **v = gl_smap_put(ix, &x->mem, key, klen);
	for (gl_posting *q = *v; q; q = q->next)
		if (q->p == p)
			return;
	gl_posting *q = gl_arena_alloc(&x->mem, sizeof *q);
	q->p = p;
	q->next = *v;
	*v = q;
}

static bool
all_caps_acronym(const char *s)
{
	size_t letters = 0;
	for (; *s; s++) {
		if (islower((unsigned char)*s) || (unsigned char)*s >= 0x80)
			return false;
		if (isupper((unsigned char)*s))
			letters++;
		else if (!isdigit((unsigned char)*s))
			return false;
	}
	return letters >= 2;
}

/* Compile TEXT for language X.  Returns NULL when it has no word. */
static pat *
pat_compile(lctx *c, lx *x, const char *text, int kind, uint32_t term,
            const gform *gf, bool exact, bool index)
{
	gl_scratch *sc = &c->sc;
	morph_run *r = compile_run(c, x);
	ms_buf nb = MS_BUF_INIT;
	pat *p = NULL;
	gl_norm_text(&sc->nm, text, &nb);
	gl_trim_buf(&nb);
	if (!nb.len)
		goto out;
	p = gl_arena_alloc(&x->mem, sizeof *p);
	memset(p, 0, sizeof *p);
	p->term = term;
	p->kind = (uint8_t)kind;
	p->gf = gf;
	p->exact = exact;
	p->strict = kind == K_FORBIDDEN || kind == K_DEPRECATED;
	if (x->engine == MORPH_WORDS) {
		tokvec tv = { NULL, 0, 0 };
		gl_tokenise(r, sc, nb.ptr, nb.len, &tv, &x->mem);
		if (!tv.n) {
			free(tv.v);
			p = NULL;
			goto out;
		}
		p->ntok = (uint32_t)tv.n;
		p->w = gl_arena_alloc(&x->mem, tv.n * sizeof *p->w);
		p->merged = gl_arena_alloc(&x->mem, tv.n * sizeof *p->merged);
		p->punct = gl_arena_alloc(&x->mem, tv.n * sizeof *p->punct);
		for (size_t j = 0; j < tv.n; j++) {
			tok *t = &tv.v[j];
			p->w[j] = t->w;
			p->merged[j] = NULL;
			/* a hyphen between words is a space, except in forbidden
			 * forms */
			p->punct[j] = t->gap == GAP_HYPHEN && !p->strict ? NULL
			              : punct_of(&x->mem, nb.ptr, t->gstart, t->start);
			if (!p->strict && j + 1 < tv.n
			    && (tv.v[j + 1].gap == GAP_SPACE || tv.v[j + 1].gap == GAP_HYPHEN)) {
				ms_buf mb = MS_BUF_INIT;
				ms_buf_puts(&mb, t->w->fold);
				ms_buf_puts(&mb, tv.v[j + 1].w->fold);
				p->merged[j] = morph_analyse(r, mb.ptr, mb.len, &x->mem);
				ms_buf_release(&mb);
			}
			/* closed compounds written open in a text (co sponsor):
			 * remember each head with the two bytes after it */
			size_t fl = strlen(t->w->fold);
			for (size_t k = 2; !p->strict && fl >= 4 && k + 2 <= fl; k++) {
				char key[256];
				if (k + 3 > sizeof key)
					break;
				memcpy(key, t->w->fold, k);
				key[k] = '\1';
				memcpy(key + k + 1, t->w->fold + k, 2);
				*gl_smap_put(&x->prefixes, &x->mem, key, k + 3) = x;
				*gl_smap_put(&x->heads, &x->mem, key, k) = x;
			}
		}
		p->tail = punct_of(&x->mem, nb.ptr, tv.v[tv.n - 1].after, nb.len);
		p->core = gl_arena_strndup(&x->mem, nb.ptr + tv.v[0].start,
		                        tv.v[tv.n - 1].end - tv.v[0].start);
		p->corelen = tv.v[tv.n - 1].end - tv.v[0].start;
		if (index) {
			index_add(x, &x->index, p->w[0]->stem, p->w[0]->slen, p);
			if (p->merged[0])
				index_add(x, &x->index, p->merged[0]->stem,
				          p->merged[0]->slen, p);
		}
		free(tv.v);
	} else {
		/* code points, folded; spaces kept only between two letters of
		 * alphabetic scripts */
		GL_VEC(UChar32) cv = { NULL, 0, 0 };
		for (size_t i = 0; i < nb.len;) {
			size_t l;
			UChar32 ch = gl_fold_cp(&sc->nm, gl_cp_at(nb.ptr, nb.len, i, &l));
			i += l;
			if (ch)
				GL_VEC_PUSH(cv, ch);
		}
		size_t n = 0;
		for (size_t i = 0; i < cv.n; i++) {
			if (cv.v[i] == ' ') {
				if (n && cv.v[n - 1] != ' ' && gl_is_latinish(cv.v[n - 1])
				    && i + 1 < cv.n && gl_is_latinish(cv.v[i + 1]))
					cv.v[n++] = ' ';
				continue;
			}
			cv.v[n++] = cv.v[i];
		}
		size_t vn;
		const UChar32 *vs = morph_verb_suffix(x->m, &vn);
		if (vs && n > vn + 1 && !memcmp(cv.v + n - vn, vs, vn * sizeof *vs)) {
			n -= vn;   /* 공동제안하다: matched by its stem */
			p->verb = true;
		}
		if (!n) {
			free(cv.v);
			p = NULL;
			goto out;
		}
		p->ncp = (uint32_t)n;
		p->cp = gl_arena_alloc(&x->mem, n * sizeof *p->cp);
		memcpy(p->cp, cv.v, n * sizeof *p->cp);
		p->core = gl_arena_strndup(&x->mem, nb.ptr, nb.len);
		p->corelen = nb.len;
		free(cv.v);
		if (index) {
			UChar32 k2[2] = { 0, 0 };
			size_t nk = 0;
			for (size_t i = 0; i < n && nk < 2; i++)
				if (p->cp[i] != ' ')
					k2[nk++] = p->cp[i];
			posting_add(x, gl_umap_put(&x->cindex, gl_ckey(k2[0], k2[1])), p);
		}
	}
out:
	ms_buf_release(&nb);
	return p;
}


static void
check_conflicts(lctx *c, gterm *t, glang *b)
{
	for (size_t i = 0; i < b->nreq; i++) {
		char *rk = gl_form_key(&c->sc, b->req[i].text);
		for (int pass = 0; pass < 2; pass++) {
			gform *v = pass ? b->depr : b->forb;
			size_t nv = pass ? b->ndepr : b->nforb;
			for (size_t j = 0; j < nv; j++) {
				char *fk = gl_form_key(&c->sc, v[j].text);
				if (!strcmp(rk, fk)) {
					ynode where = { 0 };
					where.line = v[j].line;
					where.col = v[j].col;
					lerr(c, &where, _("'%s' is both required and %s for term '%s' in '%s'"),
					     v[j].text, pass ? _("deprecated") : _("forbidden"),
					     t->id, b->lang);
				}
				free(fk);
			}
		}
		free(rk);
	}
}

static bool
read_term(lctx *c, const ynode *n, gterm *t)
{
	bool ok = true;
	const ynode *idn = NULL, *srcn = NULL;
	memset(t, 0, sizeof *t);
	t->line = n->line;
	t->col = n->col;
	for (size_t k = 0; k + 1 < n->n; k += 2) {
		const ynode *kn = n->kids[k];
		const char *key = kn->s;
		const ynode *v = n->kids[k + 1];
		if (!strcmp(key, "id")) {
			idn = v;
			if (!want_string(c, v, "id"))
				ok = false;
			else if (!valid_id(v->s)) {
				lerr(c, v, _("term id '%s' must be made of a-z, 0-9 and '-'"), v->s);
				ok = false;
			} else
				t->id = ms_xstrdup(v->s);
		} else if (!strcmp(key, "source")) {
			srcn = v;
			ok &= read_forms(c, v, "source", &t->source, &t->nsource);
		} else if (!strcmp(key, "note")) {
			if (want_string(c, v, "note"))
				t->note = ms_xstrdup(v->s);
			else
				ok = false;
		} else if (!strcmp(key, "dnt")) {
			if (v->type == YN_SCALAR && v->plain
			    && (!strcmp(v->s, "true") || !strcmp(v->s, "yes")))
				t->dnt = true;
			else if (v->type == YN_SCALAR && v->plain
			         && (!strcmp(v->s, "false") || !strcmp(v->s, "no")))
				t->dnt = false;
			else {
				lerr(c, v, _("'dnt' must be true or false"));
				ok = false;
			}
		} else if (looks_like_lang(key)) {
			if (!check_map(c, v, _("a language block"))) {
				ok = false;
				continue;
			}
			t->langs = ms_xrealloc(t->langs, (t->nlangs + 1) * sizeof *t->langs);
			ok &= read_lang(c, v, key, &t->langs[t->nlangs]);
			t->nlangs++;
		} else
			lwarn(c, kn, _("unknown key '%s' in a term ignored"), key);
	}
	if (!idn) {
		lerr(c, n, _("a term has no 'id'"));
		ok = false;
	}
	if (!t->nsource && ok) {
		lerr(c, srcn ? srcn : n, _("term '%s' has no source forms"),
		     t->id ? t->id : "?");
		ok = false;
	}
	for (size_t i = 0; ok && i < t->nlangs; i++)
		check_conflicts(c, t, &t->langs[i]);
	return ok;
}

/* Compile a list of forms; false after reporting a form without words. */
static bool
compile_forms(lctx *c, lx *x, gform *f, size_t n, int kind, uint32_t term)
{
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		if (!pat_compile(c, x, f[i].text, kind, term, &f[i], false, true)) {
			ynode where = { 0 };
			where.line = f[i].line;
			where.col = f[i].col;
			lerr(c, &where, _("'%s' has no letters or digits to match"), f[i].text);
			ok = false;
		}
	}
	return ok;
}

static bool
compile_term(lctx *c, uint32_t ti)
{
	ms_glossary *gl = c->gl;
	gterm *t = &gl->terms[ti];
	bool ok = true;
	t->srcpats = ms_xcalloc(t->nsource, sizeof *t->srcpats);
	t->nsrcpats = t->nsource;
	for (size_t i = 0; i < t->nsource; i++) {
		gform *f = &t->source[i];
		bool exact = t->dnt || all_caps_acronym(f->text);
		t->srcpats[i] = pat_compile(c, &gl->src, f->text, K_SOURCE, ti, f,
		                            exact, true);
		if (!t->srcpats[i]) {
			ynode where = { 0 };
			where.line = f->line;
			where.col = f->col;
			lerr(c, &where, _("'%s' has no letters or digits to match"), f->text);
			ok = false;
		}
	}
	for (size_t i = 0; i < t->nlangs; i++) {
		glang *b = &t->langs[i];
		lx *x = b->x = target_lx(c, b->lang);
		if (!x) {
			ok = false;
			continue;
		}
		ok &= compile_forms(c, x, b->req, b->nreq, K_REQUIRED, ti);
		ok &= compile_forms(c, x, b->forb, b->nforb, K_FORBIDDEN, ti);
		ok &= compile_forms(c, x, b->depr, b->ndepr, K_DEPRECATED, ti);
		ok &= compile_forms(c, x, b->exc, b->nexc, K_EXCEPTION, ti);
		for (int pass = 0; pass < 2; pass++) {
			gform *v = pass ? b->depr : b->forb;
			size_t nv = pass ? b->ndepr : b->nforb;
			for (size_t j = 0; j < nv; j++) {
				if (!v[j].ncond)
					continue;
				v[j].cpats = ms_xcalloc(v[j].ncond, sizeof *v[j].cpats);
				for (size_t k = 0; k < v[j].ncond; k++)
					v[j].cpats[k] = pat_compile(c, &gl->src, v[j].cond[k],
					                            K_CONDITION, ti, &v[j], false, false);
			}
		}
	}
	return ok;
}

static void
lx_release(lx *x)
{
	free(x->lang);
	morph_free(x->m);
	gl_smap_release(&x->index);
	gl_umap_release(&x->cindex);
	gl_smap_release(&x->prefixes);
	gl_smap_release(&x->heads);
	gl_arena_release(&x->mem);
}

void
ms_glossary_free(ms_glossary *gl)
{
	if (!gl)
		return;
	gl_pool_release(gl);
	pthread_mutex_destroy(&gl->pool_lock);
	for (size_t i = 0; i < gl->nterms; i++)
		gterm_release(&gl->terms[i]);
	free(gl->terms);
	lx_release(&gl->src);
	for (size_t i = 0; i < gl->ntl; i++) {
		lx_release(gl->tl[i]);
		free(gl->tl[i]);
	}
	free(gl->tl);
	free(gl->path);
	free(gl);
}

static void
lctx_release(lctx *c)
{
	gl_normer_release(&c->sc.nm);
	ms_buf_release(&c->sc.wb);
	morph_run_free(c->srcrun);
	for (size_t i = 0; c->gl && c->tlrun && i < c->gl->ntl; i++)
		morph_run_free(c->tlrun[i]);
	free(c->tlrun);
}

ms_status
ms_glossary_load_mem(const char *name, const char *data, size_t len,
                     ms_glossary **out, ms_diag_handler *h)
{
	ms_status st = MS_OK;
	lctx c;
	size_t bad;
	unsigned bl, bc;
	ynode *root = NULL;
	const ynode *terms = NULL, *version = NULL;
	*out = NULL;
	if (!ms_utf8_validate(data, len, &bad, &bl, &bc)) {
		ms_diag_emit(h, MS_ERROR, NULL, name, bl, bc,
		             _("invalid UTF-8 or a NUL byte in the glossary"));
		return MS_ERR_ENCODING;
	}
	memset(&c, 0, sizeof c);
	c.name = name;
	c.h = h;
	ms_glossary *gl = c.gl = ms_xcalloc(1, sizeof *gl);
	gl->path = ms_xstrdup(name);
	pthread_mutex_init(&gl->pool_lock, NULL);
	gl->src.lang = ms_xstrdup("en");
	gl->src.m = morph_new("en", h);
	if (!gl->src.m) {
		st = MS_ERR_UNSUPPORTED;
		goto fail;
	}
	gl->src.engine = morph_engine(gl->src.m);
	c.srcrun = morph_run_new(gl->src.m);
	if (!gl_normer_init(&c.sc.nm)) {
		ms_diag_emit(h, MS_ERROR, NULL, name, 0, 0,
		             _("ICU could not open its normalisation data"));
		st = MS_ERR_ICU;
		goto fail;
	}
	root = yaml_tree(&c, data, len, &st);
	if (st != MS_OK)
		goto fail;
	if (!root) {
		ynode where = { 0 };
		where.line = where.col = 1;
		lerr(&c, &where, _("the glossary is empty"));
		st = MS_ERR_INVALID;
		goto fail;
	}
	if (!check_map(&c, root, _("the glossary"))) {
		st = MS_ERR_INVALID;
		goto fail;
	}
	for (size_t k = 0; k + 1 < root->n; k += 2) {
		const char *key = root->kids[k]->s;
		if (!strcmp(key, "version"))
			version = root->kids[k + 1];
		else if (!strcmp(key, "terms"))
			terms = root->kids[k + 1];
		else
			lwarn(&c, root->kids[k], _("unknown key '%s' in the glossary ignored"), key);
	}
	if (version && (version->type != YN_SCALAR || strcmp(version->s, "1")))
		lerr(&c, version, _("unsupported glossary version '%s' (this missive reads version 1)"),
		     version->type == YN_SCALAR ? version->s : "?");
	if (!terms) {
		lerr(&c, root, _("the glossary has no 'terms' list"));
		st = MS_ERR_INVALID;
		goto fail;
	}
	if (terms->type != YN_SEQ) {
		lerr(&c, terms, _("'terms' must be a list of terms"));
		st = MS_ERR_INVALID;
		goto fail;
	}
	gl->terms = ms_xcalloc(terms->n ? terms->n : 1, sizeof *gl->terms);
	for (size_t i = 0; i < terms->n; i++) {
		const ynode *tn = terms->kids[i];
		if (!check_map(&c, tn, _("a term")))
			continue;
		gterm *t = &gl->terms[gl->nterms];
		bool ok = read_term(&c, tn, t);
		for (size_t j = 0; ok && j < gl->nterms; j++)
			if (!strcmp(gl->terms[j].id, t->id)) {
				ynode where = { 0 };
				where.line = t->line;
				where.col = t->col;
				for (size_t k = 0; k + 1 < tn->n; k += 2)
					if (!strcmp(tn->kids[k]->s, "id"))
						where = *tn->kids[k + 1];
				where.kids = NULL;
				lerr(&c, &where, _("duplicate term id '%s' (first at line %u)"),
				     t->id, gl->terms[j].line);
				ok = false;
			}
		if (!ok) {
			gterm_release(t);
			continue;
		}
		gl->nterms++;
	}
	if (c.errors) {
		st = MS_ERR_INVALID;
		goto fail;
	}
	for (uint32_t i = 0; i < gl->nterms; i++)
		compile_term(&c, i);
	if (c.errors) {
		st = MS_ERR_INVALID;
		goto fail;
	}
	ynode_free(root);
	lctx_release(&c);
	*out = gl;
	return MS_OK;
fail:
	ynode_free(root);
	lctx_release(&c);
	ms_glossary_free(gl);
	return st;
}

ms_status
ms_glossary_load(const char *path, ms_glossary **out, ms_diag_handler *h)
{
	char *data;
	size_t len;
	*out = NULL;
	ms_status st = ms_read_file(path, &data, &len, h);
	if (st != MS_OK)
		return st;
	st = ms_glossary_load_mem(path, data, len, out, h);
	free(data);
	return st;
}

/* glossary-load.c — po/glossary.yaml → a compiled glossary.
 *
 * The file is read through the one YAML reader (yamltree.h: anchors,
 * aliases and foreign tags refused, duplicate keys located), each term
 * is read and checked with located errors, and every form is compiled
 * into the patterns of its language (morphology from morph.c, indexes
 * for glossary-match.c).  Once loaded, a glossary is only read. */
#include "glossary-impl.h"
#include "langtag.h"
#include "yamltree.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

/* ============================================================= reading */

typedef struct lctx {
	const char *name;
	const char *data;        /* the file's text, for what the tree does */
	size_t len;              /* not keep (the style of a list) */
	size_t *lines;           /* byte offset of each line's start */
	size_t nlines;
	ms_diag_handler *h;
	unsigned errors;
	ms_glossary *gl;
	ms_profiles *profiles;   /* the languages' profiles (NULL: default) */
	gl_scratch sc;           /* for compiling and comparing forms */
	morph_run *srcrun;       /* stemmers while compiling: the source's, */
	morph_run **tlrun;       /* and [i] for gl->tl[i] */
} lctx;

static void lerr(lctx *c, ms_pos pos, const char *fmt, ...) MS_PRINTF(3, 4);
static void lwarn(lctx *c, ms_pos pos, const char *fmt, ...) MS_PRINTF(3, 4);

static void
lerr(lctx *c, ms_pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ms_diag_vemit(c->h, MS_ERROR, NULL, c->name, pos.line, pos.column, fmt, ap);
	va_end(ap);
	c->errors++;
}

static void
lwarn(lctx *c, ms_pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ms_diag_vemit(c->h, MS_WARNING, NULL, c->name, pos.line, pos.column, fmt, ap);
	va_end(ap);
}

static ms_pos
form_pos(const gform *f)
{
	ms_pos p = { f->line, f->col };
	return p;
}

/* The byte at POS (line, column in characters) of the file, or 0. */
static char
char_at(lctx *c, ms_pos pos)
{
	if (!c->lines) {
		c->lines = ms_xmalloc(sizeof *c->lines);
		c->lines[c->nlines++] = 0;
		for (size_t i = 0; i < c->len; i++)
			if (c->data[i] == '\n') {
				c->lines = ms_xrealloc(c->lines, (c->nlines + 1) * sizeof *c->lines);
				c->lines[c->nlines++] = i + 1;
			}
	}
	if (pos.line < 1 || pos.line > c->nlines)
		return 0;
	size_t o = c->lines[pos.line - 1];
	for (uint32_t col = 1; col < pos.column && o < c->len && c->data[o] != '\n'; col++) {
		unsigned char b = (unsigned char)c->data[o];
		o += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
	}
	return o < c->len ? c->data[o] : 0;
}

/* The value of a scalar, or NULL after an error naming WHAT. */
static const char *
want_string(lctx *c, const ms_ynode *n, const char *what)
{
	if (n->type != MS_YSCALAR) {
		lerr(c, n->pos, _("'%s' must be a string"), what);
		return NULL;
	}
	if (!*n->str) {
		lerr(c, n->pos, _("'%s' must not be empty"), what);
		return NULL;
	}
	return n->str;
}

/* The number of words of the scalar N into *WORDS, and whether its first
 * word is written in capitals (an acronym: UN, OHCHR) into *ACRONYM. */
static bool
scalar_words(const ms_ynode *n, size_t *words, bool *acronym)
{
	size_t w = 0;
	bool in = false, upper = false, lower = false;
	for (const char *p = n->str; *p; p++) {
		bool sp = *p == ' ' || *p == '\t';
		if (!sp && !in) {
			w++;
			in = true;
		} else if (sp)
			in = false;
		if (w == 1 && in) {
			upper |= isupper((unsigned char)*p) != 0;
			lower |= islower((unsigned char)*p) != 0 || (unsigned char)*p >= 0x80;
		}
	}
	*words = w;
	*acronym = upper && !lower;
	return w > 0;
}

/* Does the scalar N have a conjunction of M as one of its words? */
static bool
has_conjunction(lctx *c, const morph *m, const ms_ynode *n)
{
	ms_buf f = MS_BUF_INIT;
	bool found = false;
	for (const char *p = n->str; *p && !found;) {
		while (*p == ' ' || *p == '\t')
			p++;
		size_t k = strcspn(p, " \t");
		if (!k)
			break;
		ms_buf_reset(&f);
		gl_fold_word(&c->sc.nm, p, k, &f);
		found = morph_is_conjunction(m, f.ptr, f.len);
		p += k;
	}
	ms_buf_release(&f);
	return found;
}

/* Do the scalars A and B have a word of four letters or more in common
 * (case and accents folded)? */
static bool
share_word(lctx *c, const ms_ynode *a, const ms_ynode *b)
{
	ms_buf fa = MS_BUF_INIT, fb = MS_BUF_INIT;
	bool shared = false;
	gl_fold_word(&c->sc.nm, a->str, strlen(a->str), &fa);
	gl_fold_word(&c->sc.nm, b->str, strlen(b->str), &fb);
	for (const char *p = fa.ptr; *p && !shared;) {
		while (*p == ' ' || *p == '\t')
			p++;
		size_t k = strcspn(p, " \t");
		if (k >= 4)
			for (const char *q = fb.ptr; *q && !shared;) {
				while (*q == ' ' || *q == '\t')
					q++;
				size_t l = strcspn(q, " \t");
				shared = l == k && !memcmp(p, q, k);
				q += l;
			}
		p += k;
	}
	ms_buf_release(&fa);
	ms_buf_release(&fb);
	return shared;
}

/* In a list written in brackets, a comma always ends an item, so a form
 * with a comma in it must be quoted:
 *   source: [Convention against Torture and Other Cruel, Inhuman or …]
 *   source: [cruel, inhuman or degrading treatment]
 * are two forms each, pieces of one.  Report an unquoted item that goes
 * on with a conjunction of the language (the end of a series "cruel,
 * inhuman or degrading") after another unquoted item that is not an
 * acronym and has no word in common with it; quoting either item says
 * the split is meant. */
static bool
check_split(lctx *c, const ms_ynode *seq, const morph *m)
{
	bool ok = true;
	if (!m || char_at(c, seq->pos) != '[')
		return true;
	for (const ms_ynode *a = seq->kids; a && a->next; a = a->next) {
		const ms_ynode *b = a->next;
		size_t wa, wb;
		bool ca, cb;
		if (a->type != MS_YSCALAR || b->type != MS_YSCALAR || !a->plain || !b->plain
		    || !scalar_words(a, &wa, &ca) || !scalar_words(b, &wb, &cb))
			continue;
		if ((wa == 1 && ca) || (wb == 1 && cb) || !has_conjunction(c, m, b)
		    || share_word(c, a, b))
			continue;   /* an acronym is a form of its own (UN, OHCHR), and
			               two forms with a word in common are two names
			               of one thing (… office, human rights and … office) */
		lerr(c, b->pos,
		     _("the comma splits '%s, %s' into two forms; quote the form if the comma "
		       "is part of it, or quote each item if they are two forms"), a->str, b->str);
		ok = false;
	}
	return ok;
}

/* A string or a list of strings into forms (appended to *OUT).  M: the
 * language's morphology (for check_split), or NULL.  Returns false after
 * an error. */
static bool
read_forms(lctx *c, const ms_ynode *n, const char *what, const morph *m,
           gform **out, size_t *nout)
{
	if (n->type == MS_YSCALAR) {
		if (!want_string(c, n, what))
			return false;
		*out = ms_xrealloc(*out, (*nout + 1) * sizeof **out);
		gform *f = &(*out)[(*nout)++];
		memset(f, 0, sizeof *f);
		f->text = ms_xstrdup(n->str);
		f->line = n->pos.line;
		f->col = n->pos.column;
		return true;
	}
	if (n->type != MS_YSEQ) {
		lerr(c, n->pos, _("'%s' must be a string or a list of strings"), what);
		return false;
	}
	bool ok = true;
	for (const ms_ynode *it = n->kids; it; it = it->next) {
		if (it->type != MS_YSCALAR) {
			lerr(c, it->pos, _("'%s' must be a list of strings"), what);
			ok = false;
			continue;
		}
		ok &= read_forms(c, it, what, m, out, nout);
	}
	return check_split(c, n, m) && ok;
}

/* The same for a list that must not be empty ("required: []" leaves a
 * term unchecked). */
static bool
read_forms_nonempty(lctx *c, const ms_ynode *n, const char *what, const morph *m,
                    gform **out, size_t *nout)
{
	if (n->type == MS_YSEQ && !n->kids) {
		lerr(c, n->pos, _("'%s' is an empty list; give at least one form or remove the key"),
		     what);
		return false;
	}
	return read_forms(c, n, what, m, out, nout);
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

static void
gform_release(gform *f)
{
	free(f->text);
	free(f->reason);
	ms_strv_free(f->cond);
	free(f->cpats);
}

static void
forms_free(gform *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		gform_release(&f[i]);
	free(f);
}

static void
glang_release(glang *b)
{
	free(b->lang);
	forms_free(b->req, b->nreq);
	forms_free(b->forb, b->nforb);
	forms_free(b->depr, b->ndepr);
	forms_free(b->exc, b->nexc);
	forms_free(b->notr, b->nnotr);
	free(b->note);
}

static void
gterm_release(gterm *t)
{
	free(t->id);
	forms_free(t->source, t->nsource);
	for (size_t i = 0; i < t->nlangs; i++)
		glang_release(&t->langs[i]);
	free(t->langs);
	free(t->note);
	free(t->srcpats);
}

/* forbidden / deprecated: a list of {form, reason, allowed_if_source}. */
static bool
read_bad_forms(lctx *c, const ms_ynode *n, const char *what, const morph *m,
               gform **out, size_t *nout)
{
	static const char *const known[] = { "form", "reason", "allowed_if_source", NULL };
	if (n->type != MS_YSEQ) {
		lerr(c, n->pos, _("'%s' must be a list of {form, reason} mappings"), what);
		return false;
	}
	if (!n->kids) {
		lerr(c, n->pos, _("'%s' is an empty list; give at least one form or remove the key"),
		     what);
		return false;
	}
	bool ok = check_split(c, n, m);
	for (const ms_ynode *it = n->kids; it; it = it->next) {
		const ms_ynode *form = NULL, *reason = NULL, *cond = NULL;
		if (it->type == MS_YSCALAR) {
			form = it;
		} else if (it->type == MS_YMAP) {
			form = ms_ynode_get(it, "form");
			reason = ms_ynode_get(it, "reason");
			cond = ms_ynode_get(it, "allowed_if_source");
			ms_ynode_warn_unknown(it, known, c->name, c->h);
			if (!form) {
				lerr(c, it->pos, _("an entry of '%s' has no 'form'"), what);
				ok = false;
				continue;
			}
		} else {
			lerr(c, it->pos, _("'%s' must be a list of {form, reason} mappings"), what);
			ok = false;
			continue;
		}
		if (!want_string(c, form, "form")) {
			ok = false;
			continue;
		}
		*out = ms_xrealloc(*out, (*nout + 1) * sizeof **out);
		gform *f = &(*out)[(*nout)++];
		memset(f, 0, sizeof *f);
		f->text = ms_xstrdup(form->str);
		f->line = form->pos.line;
		f->col = form->pos.column;
		if (reason && want_string(c, reason, "reason"))
			f->reason = ms_xstrdup(reason->str);
		else if (reason)
			ok = false;
		else
			lwarn(c, form->pos, _("%s form '%s' has no reason"), what, form->str);
		if (cond) {
			gform *cf = NULL;
			size_t ncf = 0;
			if (read_forms_nonempty(c, cond, "allowed_if_source", c->gl->src.m, &cf, &ncf))
				for (size_t k = 0; k < ncf; k++)
					ms_strv_push(&f->cond, cf[k].text);
			else
				ok = false;
			forms_free(cf, ncf);
		}
		f->ncond = ms_strv_len(f->cond);
	}
	return ok;
}

static lx *target_lx(lctx *c, const char *lang);

static bool
read_lang(lctx *c, const ms_ynode *n, const char *term, const char *lang, glang *b)
{
	static const char *const known[] = {
		"required", "forbidden", "deprecated", "exceptions", "not_a_rendering",
		"note", NULL
	};
	bool ok = true;
	memset(b, 0, sizeof *b);
	b->lang = ms_xstrdup(lang);
	const lx *x = target_lx(c, lang);
	const morph *m = x ? x->m : NULL;
	ms_ynode_warn_unknown(n, known, c->name, c->h);
	for (const ms_ynode *k = n->kids; k; k = k->next) {
		const char *key = k->str;
		const ms_ynode *v = k->val;
		if (!strcmp(key, "required"))
			ok &= read_forms_nonempty(c, v, key, m, &b->req, &b->nreq);
		else if (!strcmp(key, "forbidden"))
			ok &= read_bad_forms(c, v, key, m, &b->forb, &b->nforb);
		else if (!strcmp(key, "deprecated"))
			ok &= read_bad_forms(c, v, key, m, &b->depr, &b->ndepr);
		else if (!strcmp(key, "exceptions"))
			ok &= read_forms_nonempty(c, v, key, m, &b->exc, &b->nexc);
		else if (!strcmp(key, "not_a_rendering"))
			ok &= read_forms_nonempty(c, v, key, m, &b->notr, &b->nnotr);
		else if (!strcmp(key, "note")) {
			if (want_string(c, v, "note"))
				b->note = ms_xstrdup(v->str);
			else
				ok = false;
		}
	}
	if (ok && !b->nreq && !b->nforb && !b->ndepr)
		lwarn(c, n->pos, _("term '%s' has nothing to check in '%s' (no 'required', "
		                   "'forbidden' or 'deprecated' forms)"), term, lang);
	if (ok && b->nnotr && !b->nreq) {
		lerr(c, n->pos, _("'not_a_rendering' of term '%s' in '%s' needs 'required' forms "
		                  "to mask"), term, lang);
		ok = false;
	}
	return ok;
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
				if (!strcmp(rk, fk))
					lerr(c, form_pos(&v[j]),
					     _("'%s' is both required and %s for term '%s' in '%s'"),
					     v[j].text, pass ? _("deprecated") : _("forbidden"),
					     t->id, b->lang);
				free(fk);
			}
		}
		free(rk);
	}
}

/* The keys of a term a language block may not use. */
static bool
term_key(const char *key)
{
	return !strcmp(key, "id") || !strcmp(key, "source") || !strcmp(key, "note")
	       || !strcmp(key, "dnt");
}

static bool
read_term(lctx *c, const ms_ynode *n, gterm *t)
{
	bool ok = true;
	const ms_ynode *idn = ms_ynode_get(n, "id"), *srcn = ms_ynode_get(n, "source");
	const ms_ynode *note = ms_ynode_get(n, "note"), *dnt = ms_ynode_get(n, "dnt");
	memset(t, 0, sizeof *t);
	t->line = n->pos.line;
	t->col = n->pos.column;
	if (!idn) {
		lerr(c, n->pos, _("a term has no 'id'"));
		ok = false;
	} else if (!want_string(c, idn, "id"))
		ok = false;
	else if (!valid_id(idn->str)) {
		lerr(c, idn->pos, _("term id '%s' must be made of a-z, 0-9 and '-'"), idn->str);
		ok = false;
	} else
		t->id = ms_xstrdup(idn->str);
	if (srcn)
		ok &= read_forms(c, srcn, "source", c->gl->src.m, &t->source, &t->nsource);
	if (note) {
		if (want_string(c, note, "note"))
			t->note = ms_xstrdup(note->str);
		else
			ok = false;
	}
	if (dnt) {
		if (dnt->type == MS_YSCALAR && dnt->plain
		    && (!strcmp(dnt->str, "true") || !strcmp(dnt->str, "yes")))
			t->dnt = true;
		else if (!(dnt->type == MS_YSCALAR && dnt->plain
		           && (!strcmp(dnt->str, "false") || !strcmp(dnt->str, "no")))) {
			lerr(c, dnt->pos, _("'dnt' must be true or false"));
			ok = false;
		}
	}
	/* every other key is a language, or unknown */
	const char **known = NULL;
	size_t nknown = 0;
	for (const ms_ynode *k = n->kids; k; k = k->next) {
		known = ms_xrealloc(known, (nknown + 6) * sizeof *known);
		if (term_key(k->str))
			continue;
		if (!ms_lang_valid(k->str))
			continue;
		known[nknown++] = k->str;
		if (k->val->type != MS_YMAP) {
			lerr(c, k->val->pos, _("a language block must be a mapping"));
			ok = false;
			continue;
		}
		const ms_profile *prof = NULL;
		ms_diag_handler quiet = { NULL, NULL, 0, 0 };
		if (ms_profiles_get(c->profiles ? c->profiles : ms_profiles_default(), k->str,
		                    &prof, &quiet) == MS_OK
		    && !strcmp(ms_profile_file_lang(prof), "und") && strcmp(k->str, "und"))
			lwarn(c, k->pos, _("no language profile for '%s' (lang/%s.yaml): its forms "
			                   "are matched as plain words"), k->str, k->str);
		t->langs = ms_xrealloc(t->langs, (t->nlangs + 1) * sizeof *t->langs);
		ok &= read_lang(c, k->val, t->id ? t->id : "?", k->str, &t->langs[t->nlangs]);
		t->langs[t->nlangs].line = k->pos.line;
		t->langs[t->nlangs].col = k->pos.column;
		t->nlangs++;
	}
	known = ms_xrealloc(known, (nknown + 5) * sizeof *known);
	known[nknown++] = "id";
	known[nknown++] = "source";
	known[nknown++] = "note";
	known[nknown++] = "dnt";
	known[nknown] = NULL;
	ms_ynode_warn_unknown(n, known, c->name, c->h);
	free(known);
	if (!t->nsource && ok) {
		lerr(c, srcn ? srcn->pos : n->pos, _("term '%s' has no source forms"),
		     t->id ? t->id : "?");
		ok = false;
	}
	for (size_t i = 0; ok && i < t->nlangs; i++)
		check_conflicts(c, t, &t->langs[i]);
	return ok;
}

/* Do the primary subtags of A and B differ by one letter (kr, ko)? */
static bool
one_letter_apart(const char *a, const char *b)
{
	size_t la = ms_lang_primary_len(a), lb = ms_lang_primary_len(b), diff = 0;
	if (la != lb)
		return false;
	for (size_t i = 0; i < la; i++)
		diff += tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]);
	return diff == 1;
}

/* A language key that a term or two use, one letter away from a
 * language most terms use, is a typo (kr: for ko:): the term would go
 * unchecked in the language meant.  (A language without a profile is
 * warned about where its block is read.) */
static size_t
lang_uses(const ms_htab *uses, const char *lang)
{
	return (size_t)(uintptr_t)ms_htab_get(uses, lang, strlen(lang));
}

static void
check_lang_typos(lctx *c)
{
	const ms_glossary *gl = c->gl;
	/* how many terms use each language key (counted once: a glossary
	 * may have tens of thousands of terms) */
	ms_htab *uses = ms_htab_new(16);
	for (size_t i = 0; i < gl->nterms; i++)
		for (size_t j = 0; j < gl->terms[i].nlangs; j++) {
			const char *l = gl->terms[i].langs[j].lang;
			ms_htab_put(uses, l, strlen(l), (void *)(uintptr_t)(lang_uses(uses, l) + 1));
		}
	for (size_t i = 0; i < gl->nterms; i++)
		for (size_t j = 0; j < gl->terms[i].nlangs; j++) {
			const glang *b = &gl->terms[i].langs[j];
			size_t n = lang_uses(uses, b->lang), best = 0;
			if (n > 2)
				continue;
			const char *meant = NULL;
			for (size_t k = 0; k < gl->ntl; k++) {
				const char *o = gl->tl[k]->lang;
				size_t m = lang_uses(uses, o);
				if (one_letter_apart(b->lang, o) && m > best) {
					best = m;
					meant = o;
				}
			}
			if (meant && best >= 3 * n) {
				ms_pos pos = { b->line, b->col };
				lerr(c, pos, _("unknown language '%s' in term '%s' (did you mean '%s'? %zu "
				               "terms use it)"), b->lang, gl->terms[i].id, meant, best);
			}
		}
	ms_htab_free(uses);
}

/* ============================================================ compiling */

static void
lx_init(lx *x, const char *lang, morph *m)
{
	x->lang = ms_xstrdup(lang);
	x->m = m;
	x->engine = morph_engine(m);
	x->index = ms_htab_new(256);
	x->cindex = ms_htab_new(256);
	x->prefixes = ms_htab_new(256);
	x->heads = ms_htab_new(256);
	x->morphemes = ms_htab_new(256);
}

/* The compiled target language LANG, made on first use. */
static lx *
target_lx(lctx *c, const char *lang)
{
	ms_glossary *gl = c->gl;
	for (size_t i = 0; i < gl->ntl; i++)
		if (!strcmp(gl->tl[i]->lang, lang))
			return gl->tl[i];
	morph *m = morph_new(lang, c->profiles, c->h);
	if (!m)
		return NULL;
	lx *x = ms_xcalloc(1, sizeof *x);
	lx_init(x, lang, m);
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
posting_add(lx *x, ms_htab *ix, const char *key, size_t klen, const pat *p)
{
	gl_posting *head = ms_htab_get(ix, key, klen);
	if (head && head->p == p)
		return;   /* a pattern's keys are added together: it would be first */
	gl_posting *q = gl_arena_alloc(&x->mem, sizeof *q);
	q->p = p;
	q->next = head;
	if (!head)
		key = gl_arena_strndup(&x->mem, key, klen);   /* borrowed by IX */
	ms_htab_put(ix, key, klen, q);
}

/* Remember KEY in the set IX. */
static void
set_add(lx *x, ms_htab *ix, const char *key, size_t klen)
{
	if (!ms_htab_get(ix, key, klen))
		ms_htab_put(ix, gl_arena_strndup(&x->mem, key, klen), klen, x);
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
				p->merged[j] = morph_analyse(r, NULL, 0, mb.ptr, mb.len, true,
				                             &x->mem);
				ms_buf_release(&mb);
			}
			/* closed compounds written open in a text (co sponsor; a
			 * forbidden form only with a hyphen, co-patrocinar):
			 * remember each head with the two bytes after it */
			size_t fl = strlen(t->w->fold);
			for (size_t k = 2; fl >= 4 && k + 2 <= fl; k++) {
				char key[256];
				if (k + 3 > sizeof key)
					break;
				memcpy(key, t->w->fold, k);
				key[k] = '\1';
				memcpy(key + k + 1, t->w->fold + k, 2);
				set_add(x, x->prefixes, key, k + 3);
				set_add(x, x->heads, key, k);
			}
		}
		p->tail = punct_of(&x->mem, nb.ptr, tv.v[tv.n - 1].after, nb.len);
		p->core = gl_arena_strndup(&x->mem, nb.ptr + tv.v[0].start,
		                        tv.v[tv.n - 1].end - tv.v[0].start);
		p->corelen = tv.v[tv.n - 1].end - tv.v[0].start;
		if (index) {
			for (size_t k = 0; k < p->w[0]->nan; k++)
				posting_add(x, x->index, p->w[0]->an[k].stem,
				            p->w[0]->an[k].slen, p);
			for (size_t k = 0; p->merged[0] && k < p->merged[0]->nan; k++)
				posting_add(x, x->index, p->merged[0]->an[k].stem,
				            p->merged[0]->an[k].slen, p);
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
		gl_middle_dots_to_spaces(cv.v, cv.n);
		size_t n = 0;
		GL_VEC(uint32_t) bv = { NULL, 0, 0 };
		for (size_t i = 0; i < cv.n; i++) {
			if (cv.v[i] == ' ') {
				if (n && cv.v[n - 1] != ' ' && gl_is_latinish(cv.v[n - 1])
				    && i + 1 < cv.n && gl_is_latinish(cv.v[i + 1]))
					cv.v[n++] = ' ';
				else if (n && gl_is_hangul(cv.v[n - 1]) && i + 1 < cv.n
				         && gl_is_hangul(cv.v[i + 1])
				         && (!bv.n || bv.v[bv.n - 1] != n))
					GL_VEC_PUSH(bv, (uint32_t)n);   /* 반인도적|범죄 */
				continue;
			}
			cv.v[n++] = cv.v[i];
		}
		size_t vn;
		const UChar32 *vs = morph_verb_suffix(x->m, &vn);
		if (vs && n > vn + 1 && !memcmp(cv.v + n - vn, vs, vn * sizeof *vs))
			n -= vn;   /* 공동제안하다: matched by its stem */
		while (bv.n && bv.v[bv.n - 1] >= n)
			bv.n--;
		if (!n) {
			free(cv.v);
			free(bv.v);
			p = NULL;
			goto out;
		}
		p->ncp = (uint32_t)n;
		p->cp = gl_arena_alloc(&x->mem, n * sizeof *p->cp);
		memcpy(p->cp, cv.v, n * sizeof *p->cp);
		if (bv.n) {
			p->nbrk = (uint32_t)bv.n;
			p->brk = gl_arena_alloc(&x->mem, bv.n * sizeof *p->brk);
			memcpy(p->brk, bv.v, bv.n * sizeof *p->brk);
		}
		free(bv.v);
		p->core = gl_arena_strndup(&x->mem, nb.ptr, nb.len);
		p->corelen = nb.len;
		free(cv.v);
		if (index) {
			UChar32 k2[2] = { 0, 0 };
			size_t nk = 0;
			for (size_t i = 0; i < n && nk < 2; i++)
				if (p->cp[i] != ' ')
					k2[nk++] = p->cp[i];
			gl_ckey key = gl_ckey_of(k2[0], k2[1]);
			posting_add(x, x->cindex, (const char *)&key, sizeof key, p);
		}
		if (kind != K_SOURCE && kind != K_CONDITION && n >= 2) {
			/* a noun compounds may be made of (유엔 + 인권이사회): any
			 * form of the glossary, a wrong one for its term being
			 * still a word of the language (탈북민 + 강제북송) */
			ms_buf kb = MS_BUF_INIT;
			for (size_t i = 0; i < n; i++)
				if (p->cp[i] != ' ') {
					char u[4];
					int32_t ul = 0;
					U8_APPEND_UNSAFE(u, ul, p->cp[i]);
					ms_buf_put(&kb, u, (size_t)ul);
				}
			if (!ms_htab_get(x->morphemes, kb.ptr, kb.len))
				ms_htab_put(x->morphemes, gl_arena_strndup(&x->mem, kb.ptr, kb.len),
				            kb.len, x);
			ms_buf_release(&kb);
		}
	}
out:
	ms_buf_release(&nb);
	return p;
}


/* Compile a list of forms; false after reporting a form without words. */
static bool
compile_forms(lctx *c, lx *x, gform *f, size_t n, int kind, uint32_t term)
{
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		if (!pat_compile(c, x, f[i].text, kind, term, &f[i], false, true)) {
			lerr(c, form_pos(&f[i]), _("'%s' has no letters or digits to match"),
			     f[i].text);
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
			lerr(c, form_pos(f), _("'%s' has no letters or digits to match"), f->text);
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
		ok &= compile_forms(c, x, b->notr, b->nnotr, K_NOT_RENDERING, ti);
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
	ms_htab_free(x->index);
	ms_htab_free(x->cindex);
	ms_htab_free(x->prefixes);
	ms_htab_free(x->heads);
	ms_htab_free(x->morphemes);
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
	free(c->lines);
	gl_normer_release(&c->sc.nm);
	ms_buf_release(&c->sc.wb);
	morph_run_free(c->srcrun);
	for (size_t i = 0; c->gl && c->tlrun && i < c->gl->ntl; i++)
		morph_run_free(c->tlrun[i]);
	free(c->tlrun);
}

static ms_status
load_mem(const char *name, const char *data, size_t len, const char *src_lang,
         ms_profiles *profiles, ms_glossary **out, ms_diag_handler *h)
{
	static const char *const known[] = { "version", "terms", NULL };
	ms_status st = MS_OK;
	lctx c;
	size_t bad;
	unsigned bl, bc;
	ms_ynode *root = NULL;
	const ms_ynode *terms = NULL, *version = NULL;
	*out = NULL;
	if (!ms_utf8_validate(data, len, &bad, &bl, &bc)) {
		ms_diag_emit(h, MS_ERROR, NULL, name, bl, bc,
		             _("invalid UTF-8 or a NUL byte in the glossary"));
		return MS_ERR_ENCODING;
	}
	memset(&c, 0, sizeof c);
	c.name = name;
	c.data = data;
	c.len = len;
	c.h = h;
	c.profiles = profiles;
	ms_glossary *gl = c.gl = ms_xcalloc(1, sizeof *gl);
	gl->path = ms_xstrdup(name);
	pthread_mutex_init(&gl->pool_lock, NULL);
	/* the source forms are in the project's source language */
	if (!src_lang)
		src_lang = "en";
	morph *sm = morph_new(src_lang, profiles, h);
	if (!sm) {
		st = MS_ERR_UNSUPPORTED;
		goto fail;
	}
	lx_init(&gl->src, src_lang, sm);
	c.srcrun = morph_run_new(gl->src.m);
	if (!gl_normer_init(&c.sc.nm)) {
		ms_diag_emit(h, MS_ERROR, NULL, name, 0, 0,
		             _("ICU could not open its normalisation data"));
		st = MS_ERR_ICU;
		goto fail;
	}
	st = ms_yaml_parse(name, data, len, 1, MS_YDOC_GLOSSARY, &root, h);
	if (st != MS_OK)
		goto fail;
	ms_pos top = { 1, 1 };
	if (!root) {
		lerr(&c, top, _("the glossary is empty"));
		st = MS_ERR_INVALID;
		goto fail;
	}
	if (root->type != MS_YMAP) {
		lerr(&c, root->pos, _("the glossary must be a mapping"));
		st = MS_ERR_INVALID;
		goto fail;
	}
	ms_ynode_warn_unknown(root, known, name, h);
	version = ms_ynode_get(root, "version");
	terms = ms_ynode_get(root, "terms");
	if (version && (version->type != MS_YSCALAR || strcmp(version->str, "1")))
		lerr(&c, version->pos,
		     _("unsupported glossary version '%s' (this missive reads version 1)"),
		     version->type == MS_YSCALAR ? version->str : "?");
	if (!terms) {
		lerr(&c, root->pos, _("the glossary has no 'terms' list"));
		st = MS_ERR_INVALID;
		goto fail;
	}
	if (terms->type != MS_YSEQ) {
		lerr(&c, terms->pos, _("'terms' must be a list of terms"));
		st = MS_ERR_INVALID;
		goto fail;
	}
	size_t nt = 0;
	for (const ms_ynode *tn = terms->kids; tn; tn = tn->next)
		nt++;
	gl->terms = ms_xcalloc(nt ? nt : 1, sizeof *gl->terms);
	for (const ms_ynode *tn = terms->kids; tn; tn = tn->next) {
		if (tn->type != MS_YMAP) {
			lerr(&c, tn->pos, _("a term must be a mapping"));
			continue;
		}
		gterm *t = &gl->terms[gl->nterms];
		bool ok = read_term(&c, tn, t);
		for (size_t j = 0; ok && j < gl->nterms; j++)
			if (!strcmp(gl->terms[j].id, t->id)) {
				lerr(&c, ms_ynode_get(tn, "id")->pos,
				     _("duplicate term id '%s' (first at line %u)"),
				     t->id, gl->terms[j].line);
				ok = false;
			}
		if (!ok) {
			gterm_release(t);
			continue;
		}
		gl->nterms++;
	}
	check_lang_typos(&c);
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
	ms_ynode_free(root);
	lctx_release(&c);
	*out = gl;
	return MS_OK;
fail:
	ms_ynode_free(root);
	lctx_release(&c);
	ms_glossary_free(gl);
	return st;
}

ms_status
ms_glossary_load_mem(const char *name, const char *data, size_t len,
                     ms_glossary **out, ms_diag_handler *h)
{
	return load_mem(name, data, len, NULL, NULL, out, h);
}

ms_status
ms_glossary_load_source(const char *path, const char *source_lang, ms_profiles *profiles,
                        ms_glossary **out, ms_diag_handler *h)
{
	char *data;
	size_t len;
	*out = NULL;
	ms_status st = ms_read_file(path, &data, &len, h);
	if (st != MS_OK)
		return st;
	st = load_mem(path, data, len, source_lang, profiles, out, h);
	free(data);
	return st;
}

ms_status
ms_glossary_load_with(const char *path, ms_profiles *profiles, ms_glossary **out,
                      ms_diag_handler *h)
{
	return ms_glossary_load_source(path, NULL, profiles, out, h);
}

ms_status
ms_glossary_load(const char *path, ms_glossary **out, ms_diag_handler *h)
{
	return ms_glossary_load_with(path, NULL, out, h);
}

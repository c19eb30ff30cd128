/* json.c — the "json" writer: the localised letter model as JSON, for web
 * applications.  doc/json-schema.md describes the document and
 * doc/letter.schema.json is its JSON Schema.
 *
 * The writer is a small pretty-printing emitter (jw_*) over one ms_buf,
 * driven by the kit's iterator (missive-kit.h) over every part of the model.
 * Strings are escaped strictly: '"' and '\\' with a backslash, every
 * control character (C0, DEL, C1) as \u00XX, '<', '>' and '&' as \u003c,
 * \u003e and \u0026 and U+2028/U+2029 as \u2028/\u2029 (so the document
 * can be pasted into an HTML <script> or a JavaScript source unchanged),
 * bytes that are not UTF-8 as \ufffd; everything else is copied as UTF-8.
 * Nothing is dropped: the model is data, and the consumer decides how to
 * show it.  Links carry a "safe" flag saying whether the URL's scheme is
 * one a page may link to (http, https, mailto, or none). */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "missive-kit.h"

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) dgettext("missive", s)
#else
#define _(s) (s)
#endif

#define SCHEMA_ID "https://missive.invalid/schema/letter-1.json"

MS_PLUGIN_EXPORT const ms_plugin *missive_plugin_describe(void);

/* ------------------------------------------------------------ strings */

/* The shared decoder of libmissive (an invalid byte gives UINT32_MAX). */
static size_t
utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	return ms_utf8_decode((const char *)s, n, cp);
}

/* Append S as a JSON string literal. */
static void
put_string(ms_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;

	ms_buf_putc(b, '"');
	while (i < n) {
		uint32_t c;
		size_t len = utf8_next(p + i, n - i, &c);
		if (c == '"' || c == '\\') {
			ms_buf_putc(b, '\\');
			ms_buf_putc(b, (int)c);
		} else if (c == UINT32_MAX) {
			ms_buf_puts(b, "\\ufffd");
		} else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '<'
		           || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
			ms_buf_printf(b, "\\u%04x", (unsigned)c);
		} else {
			ms_buf_put(b, p + i, len);
		}
		i += len;
	}
	ms_buf_putc(b, '"');
}

/* ------------------------------------------------------------ emitter */

typedef struct jw {
	ms_buf out;
	int depth;
	bool first;      /* nothing written yet in the open container */
	bool after_key;  /* a key was written: its value comes next */
} jw;

static void
jw_newline(jw *w)
{
	ms_buf_putc(&w->out, '\n');
	for (int i = 0; i < w->depth; i++)
		ms_buf_puts(&w->out, "  ");
}

/* Whatever separates the next value from the previous one. */
static void
jw_sep(jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth > 0) {
		if (!w->first)
			ms_buf_putc(&w->out, ',');
		jw_newline(w);
	}
	w->first = false;
}

static void
jw_open(jw *w, int ch)
{
	jw_sep(w);
	ms_buf_putc(&w->out, ch);
	w->depth++;
	w->first = true;
}

static void
jw_close(jw *w, int ch)
{
	w->depth--;
	if (!w->first)
		jw_newline(w);
	ms_buf_putc(&w->out, ch);
	w->first = false;
}

static void
jw_key(jw *w, const char *key)
{
	jw_sep(w);
	put_string(&w->out, key);
	ms_buf_puts(&w->out, ": ");
	w->after_key = true;
}

/* A string, or null when S is NULL. */
static void
jw_str(jw *w, const char *s)
{
	jw_sep(w);
	if (s)
		put_string(&w->out, s);
	else
		ms_buf_puts(&w->out, "null");
}

static void
jw_bool(jw *w, bool v)
{
	jw_sep(w);
	ms_buf_puts(&w->out, v ? "true" : "false");
}

static void
jw_int(jw *w, long v)
{
	jw_sep(w);
	ms_buf_printf(&w->out, "%ld", v);
}

static void
jw_key_str(jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str(w, s);
}

/* ------------------------------------------------------------ model */

static const char *
inline_type_name(ms_inline_type t)
{
	switch (t) {
	case MS_INLINE_TEXT: return "text";
	case MS_INLINE_EMPH: return "emph";
	case MS_INLINE_STRONG: return "strong";
	case MS_INLINE_LINK: return "link";
	case MS_INLINE_SUP: return "sup";
	case MS_INLINE_SUB: return "sub";
	case MS_INLINE_UNDERLINE: return "underline";
	case MS_INLINE_CODE: return "code";
	case MS_INLINE_SOFTBREAK: return "softbreak";
	case MS_INLINE_LINEBREAK: return "linebreak";
	case MS_INLINE_HTML: return "html";
	}
	return NULL;
}

/* An inline as an object; a container's children go in "children". */
static void
put_inline(jw *w, ms_kit_event ev, const ms_kit_node *n)
{
	const ms_inline *in = n->inl;
	const char *type = inline_type_name(in->type);

	if (ev == MS_KIT_EXIT) {
		jw_close(w, ']');
		if (!type && in->text)
			jw_key_str(w, "text", in->text);
		jw_close(w, '}');
		return;
	}
	jw_open(w, '{');
	if (!type) {
		/* A kind newer than this writer: keep its words. */
		jw_key_str(w, "type", "span");
		jw_key(w, "children");
		jw_open(w, '[');
		return;
	}
	jw_key_str(w, "type", type);
	switch (in->type) {
	case MS_INLINE_TEXT:
	case MS_INLINE_CODE:
	case MS_INLINE_HTML:
		jw_key_str(w, "text", in->text ? in->text : "");
		break;
	case MS_INLINE_LINK:
		jw_key_str(w, "url", in->url ? in->url : "");
		if (in->title)
			jw_key_str(w, "title", in->title);
		jw_key(w, "safe");
		jw_bool(w, ms_kit_url_live(in->url));
		break;
	default:
		break;
	}
	if (n->leaf) {
		jw_close(w, '}');
	} else {
		jw_key(w, "children");
		jw_open(w, '[');
	}
}

static void
put_iso_date(jw *w, const ms_date *d)
{
	ms_buf iso = MS_BUF_INIT;

	jw_sep(w);
	if (ms_kit_iso_date(d, &iso))
		put_string(&w->out, iso.ptr);
	else
		ms_buf_puts(&w->out, "null");
	ms_buf_release(&iso);
}

static void
put_lines(jw *w, const ms_line *l, ms_buf *tmp)
{
	jw_open(w, '[');
	for (; l; l = l->next) {
		const char *s = ms_kit_plain(&l->text, tmp);
		if (*s)
			jw_str(w, s);
	}
	jw_close(w, ']');
}

static void
put_recipients(jw *w, const ms_recipient *r, ms_buf *tmp)
{
	jw_open(w, '[');
	for (; r; r = r->next) {
		jw_open(w, '{');
		jw_key_str(w, "name", ms_kit_plain(&r->name, tmp));
		jw_key_str(w, "title", ms_kit_plain(&r->title, tmp));
		jw_key_str(w, "organisation", ms_kit_plain(&r->organisation, tmp));
		jw_key(w, "address");
		put_lines(w, r->address, tmp);
		jw_key(w, "fax");
		put_lines(w, r->fax, tmp);
		jw_key(w, "email");
		put_lines(w, r->email, tmp);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

/* A block as an object: its inlines in "inlines", the blocks it holds
 * in "children" (a list's in "items"), its line in the letter last. */
static void
put_block(jw *w, ms_kit_event ev, const ms_kit_node *n, ms_buf *tmp)
{
	const ms_block *b = n->block;

	if (ev == MS_KIT_EXIT) {
		if (b->type != MS_BLOCK_BREAK)
			jw_close(w, ']');
		if (b->pos.line) {
			jw_key(w, "line");
			jw_int(w, (long)b->pos.line);
		}
		jw_close(w, '}');
		return;
	}
	jw_open(w, '{');
	switch (b->type) {
	case MS_BLOCK_PARAGRAPH:
	case MS_BLOCK_HEADING:
		jw_key_str(w, "type", b->type == MS_BLOCK_HEADING ? "heading"
		                                                   : "paragraph");
		if (b->type == MS_BLOCK_HEADING) {
			jw_key(w, "level");
			jw_int(w, b->level < 1 ? 1 : b->level > 6 ? 6 : b->level);
		}
		ms_buf_reset(tmp);
		ms_inline_plain(b->inlines, tmp);
		jw_key_str(w, "text", tmp->ptr);
		jw_key(w, "inlines");
		break;
	case MS_BLOCK_LIST:
		jw_key_str(w, "type", "list");
		jw_key(w, "ordered");
		jw_bool(w, b->ordered);
		if (b->ordered) {
			jw_key(w, "start");
			jw_int(w, b->start);
		}
		jw_key(w, "tight");
		jw_bool(w, b->tight);
		jw_key(w, "items");
		break;
	case MS_BLOCK_ITEM:
	case MS_BLOCK_QUOTE:
		jw_key_str(w, "type", b->type == MS_BLOCK_ITEM ? "item" : "quote");
		jw_key(w, "children");
		break;
	case MS_BLOCK_BREAK:
		jw_key_str(w, "type", "break");
		break;
	default:  /* kinds newer than this writer: keep the content */
		jw_key_str(w, "type", "division");
		jw_key(w, "children");
		if (!b->children) {
			jw_open(w, '[');
			jw_close(w, ']');
			jw_key(w, "inlines");
		}
		break;
	}
	if (b->type != MS_BLOCK_BREAK)
		jw_open(w, '[');
	if (n->leaf)
		put_block(w, MS_KIT_EXIT, n, tmp);
}

static void
put_signatories(jw *w, const ms_letter *l, const ms_kit_node *n,
                ms_buf *tmp)
{
	jw_open(w, '{');
	jw_key(w, "as_of");
	put_iso_date(w, &l->signed_as_of);
	jw_key_str(w, "as_of_text", ms_kit_nonempty(l->as_of_text));
	/* The line a reader sees above the lists, as the other writers
	 * print it: "Signatories (as of July 9, 2025)". */
	jw_key_str(w, "heading", n->text ? n->text : "");
	jw_key(w, "groups");
	jw_open(w, '[');
	for (const ms_signatory *s = l->groups; s; s = s->next)
		jw_str(w, ms_kit_plain(&s->name, tmp));
	jw_close(w, ']');
	jw_key(w, "individuals");
	jw_open(w, '[');
	for (const ms_signatory *s = l->individuals; s; s = s->next) {
		jw_open(w, '{');
		jw_key_str(w, "name", ms_kit_plain(&s->name, tmp));
		jw_key_str(w, "affiliation", ms_kit_plain(&s->affiliation, tmp));
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_close(w, '}');
}

static void
put_labels(jw *w, const ms_labels *lab)
{
	jw_open(w, '{');
	jw_key_str(w, "subject", lab->subject);
	jw_key_str(w, "fax", lab->fax);
	jw_key_str(w, "email", lab->email);
	jw_key_str(w, "cc", lab->cc);
	jw_key_str(w, "signatories", lab->signatories);
	jw_key_str(w, "as_of", lab->as_of);
	jw_key_str(w, "groups", lab->groups);
	jw_key_str(w, "individuals", lab->individuals);
	jw_key_str(w, "draft", lab->draft);
	jw_key_str(w, "page", lab->page);
	jw_close(w, '}');
}

static void
put_layout(jw *w, const ms_locale *loc)
{
	jw_open(w, '{');
	jw_key_str(w, "paper", ms_kit_nonempty(loc->paper) ? loc->paper : "a4");
	jw_key_str(w, "date_align", loc->date_align && !strcmp(loc->date_align,
	           "right") ? "right" : "left");
	jw_key(w, "name_after_title");
	jw_bool(w, loc->name_after_title);
	jw_key_str(w, "recipient_suffix", loc->recipient_suffix
	           ? loc->recipient_suffix : "");
	jw_close(w, '}');
}

static void
put_head(jw *w, const ms_letter *l, const ms_locale *loc, ms_buf *tmp)
{
	const char *lang = ms_kit_lang(l, loc);

	jw_key_str(w, "schema", SCHEMA_ID);
	jw_key_str(w, "generator", ms_kit_nonempty(loc->generator)
	           ? loc->generator : "missive");
	jw_key_str(w, "id", l->id ? l->id : "");
	jw_key_str(w, "lang", lang ? lang : "");
	jw_key_str(w, "source_lang", ms_kit_nonempty(l->source_lang)
	           ? l->source_lang : ms_kit_nonempty(loc->source_lang)
	           ? loc->source_lang : lang ? lang : "");
	jw_key(w, "draft");
	jw_bool(w, loc->draft);
	jw_key(w, "sample");
	jw_bool(w, l->sample);
	jw_key(w, "date");
	put_iso_date(w, &l->date);
	jw_key_str(w, "date_text", ms_kit_nonempty(l->date_text));
	if (ms_kit_nonempty(loc->notice))
		jw_key_str(w, "notice", loc->notice);
	jw_key_str(w, "author", ms_kit_plain(&l->author, tmp));
	jw_key(w, "layout");
	put_layout(w, loc);
}

/* The model in the kit's order: every part, empty or not (MS_KIT_ALL);
 * recipients and signatories are data, written whole. */
static void
render(jw *w, const ms_letter *l, const ms_locale *loc)
{
	ms_kit_iter *it = ms_kit_iter_new(l, loc, MS_KIT_ALL);
	ms_buf tmp = MS_BUF_INIT;
	ms_kit_node *n;
	ms_kit_event ev;

	while ((ev = ms_kit_iter_next(it, &n)) != MS_KIT_DONE) {
		bool enter = ev == MS_KIT_ENTER;
		switch (n->part) {
		case MS_KIT_LETTER:
			if (enter) {
				jw_open(w, '{');
				put_head(w, l, loc, &tmp);
			} else {
				jw_key(w, "labels");
				put_labels(w, &l->labels);
				jw_close(w, '}');
			}
			break;
		case MS_KIT_ADDRESSEES:
		case MS_KIT_COPIES:
			if (!enter)
				break;
			jw_key(w, n->part == MS_KIT_COPIES ? "cc" : "recipients");
			put_recipients(w, n->part == MS_KIT_COPIES ? l->cc
			               : l->recipients, &tmp);
			ms_kit_iter_skip(it);
			break;
		case MS_KIT_SUBJECT:
		case MS_KIT_SALUTATION:
		case MS_KIT_CLOSING:
			/* {"text": plain, "inlines": […]} */
			if (!enter) {
				jw_close(w, ']');
				jw_close(w, '}');
				break;
			}
			jw_key(w, n->part == MS_KIT_SUBJECT ? "subject"
			       : n->part == MS_KIT_SALUTATION ? "salutation"
			       : "closing");
			jw_open(w, '{');
			jw_key_str(w, "text", ms_kit_plain(n->ms, &tmp));
			jw_key(w, "inlines");
			jw_open(w, '[');
			break;
		case MS_KIT_BODY:
			if (enter) {
				jw_key(w, "body");
				jw_open(w, '[');
			} else {
				jw_close(w, ']');
			}
			break;
		case MS_KIT_BLOCK:
			put_block(w, ev, n, &tmp);
			break;
		case MS_KIT_INLINE:
			put_inline(w, ev, n);
			break;
		case MS_KIT_SIGNATORIES:
			if (!enter)
				break;
			jw_key(w, "signatories");
			put_signatories(w, l, n, &tmp);
			ms_kit_iter_skip(it);
			break;
		default:  /* the draft mark and the date are in the head */
			break;
		}
	}
	ms_kit_iter_free(it);
	ms_buf_release(&tmp);
}

static ms_status
json_render(const ms_letter *l, const ms_locale *locale, ms_output *out,
            ms_diag_handler *diag)
{
	ms_locale defaults;
	jw w;
	ms_status st;

	if (!l || !out) {
		ms_diag_emit(diag, MS_ERROR, "json", NULL, 0, 0,
		             _("json: nothing to render"));
		return MS_ERR_RENDER;
	}
	if (!locale) {
		memset(&defaults, 0, sizeof defaults);
		locale = &defaults;
	}
	memset(&w, 0, sizeof w);
	ms_buf_init(&w.out, 16384);
	render(&w, l, locale);
	ms_buf_putc(&w.out, '\n');

	st = ms_output_write(out, w.out.ptr, w.out.len);
	ms_buf_release(&w.out);
	return st;
}

static const char *const json_extensions[] = { "json", NULL };

static const ms_plugin json_plugin = {
	MS_PLUGIN_ABI_MAJOR, MS_PLUGIN_ABI_MINOR, sizeof(ms_plugin),
	"json", "the localised letter model as JSON for web applications",
	"1.0", json_extensions, MS_CAP_REENTRANT, json_render, { NULL }
};

const ms_plugin *
missive_plugin_describe(void)
{
	return &json_plugin;
}

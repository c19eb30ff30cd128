/* json.c — the "json" writer: the localised letter model as JSON, for web
 * applications.  doc/json-schema.md describes the document and
 * doc/letter.schema.json is its JSON Schema.
 *
 * The writer is a small pretty-printing emitter (jw_*) over one ms_buf.
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

#include "missive-plugin.h"

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

/* ------------------------------------------------------------ links */

static bool
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* True when URL may safely become a link in a page: it names no scheme
 * (a relative reference) or its scheme is http, https or mailto.  Like a
 * browser, C0 controls, DEL and spaces are ignored where the scheme is
 * read, so "java\tscript:" is a javascript: URL. */
static bool
url_safe(const char *url)
{
	static const char *const ok[] = { "http", "https", "mailto" };
	char scheme[16];
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)url;

	while (*p && (*p <= 0x20 || *p == 0x7f))
		p++;
	for (; *p && *p != ':'; p++) {
		int c = *p;
		if (c < 0x20 || c == 0x7f)
			continue;
		if (n == 0 ? !is_alpha(c)
		    : !(is_alpha(c) || (c >= '0' && c <= '9') || c == '+'
		        || c == '-' || c == '.'))
			return true;  /* no scheme: relative */
		if (n + 1 >= sizeof scheme)
			return false;  /* a scheme, and not one of ours */
		scheme[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	if (!*p)
		return true;
	if (n == 0)
		return false;  /* ":…" cannot be relative either */
	scheme[n] = '\0';
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (!strcmp(scheme, ok[i]))
			return true;
	return false;
}

/* ------------------------------------------------------------ model */

static const char *
nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

/* Plain text of T into B (reset): markup dropped, breaks as spaces,
 * no blanks at either end. */
static const char *
plain(const ms_text *t, ms_buf *b)
{
	size_t lead = 0;

	ms_buf_reset(b);
	if (t->inlines)
		ms_inline_plain(t->inlines, b);
	else if (t->src)
		ms_buf_puts(b, t->src);
	while (b->len && (b->ptr[b->len - 1] == ' ' || b->ptr[b->len - 1] == '\n'
	                  || b->ptr[b->len - 1] == '\t'))
		ms_buf_truncate(b, b->len - 1);
	while (lead < b->len && (b->ptr[lead] == ' ' || b->ptr[lead] == '\n'
	                         || b->ptr[lead] == '\t'))
		lead++;
	return b->ptr + lead;
}

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

static void
put_inlines(jw *w, const ms_inline *in)
{
	jw_open(w, '[');
	for (; in; in = in->next) {
		const char *type = inline_type_name(in->type);
		jw_open(w, '{');
		if (!type) {
			/* A kind newer than this writer: keep its words. */
			jw_key_str(w, "type", "span");
			jw_key(w, "children");
			put_inlines(w, in->children);
			if (in->text)
				jw_key_str(w, "text", in->text);
			jw_close(w, '}');
			continue;
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
			jw_bool(w, url_safe(in->url ? in->url : ""));
			jw_key(w, "children");
			put_inlines(w, in->children);
			break;
		case MS_INLINE_SOFTBREAK:
		case MS_INLINE_LINEBREAK:
			break;
		default:
			jw_key(w, "children");
			put_inlines(w, in->children);
			break;
		}
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

/* {"text": plain, "inlines": […]} */
static void
put_text(jw *w, const ms_text *t, ms_buf *tmp)
{
	jw_open(w, '{');
	jw_key_str(w, "text", plain(t, tmp));
	jw_key(w, "inlines");
	if (t->inlines) {
		put_inlines(w, t->inlines);
	} else if (nonempty(t->src)) {
		/* Only source text: one text inline. */
		jw_open(w, '[');
		jw_open(w, '{');
		jw_key_str(w, "type", "text");
		jw_key_str(w, "text", t->src);
		jw_close(w, '}');
		jw_close(w, ']');
	} else {
		jw_open(w, '[');
		jw_close(w, ']');
	}
	jw_close(w, '}');
}

static void
put_iso_date(jw *w, const ms_date *d)
{
	char iso[16];

	jw_sep(w);
	if (d->year > 0 && d->year <= 9999 && d->month >= 1 && d->month <= 12
	    && d->day >= 1 && d->day <= 31) {
		snprintf(iso, sizeof iso, "%04d-%02d-%02d", d->year, d->month,
		         d->day);
		put_string(&w->out, iso);
	} else {
		ms_buf_puts(&w->out, "null");
	}
}

static void
put_lines(jw *w, const ms_line *l, ms_buf *tmp)
{
	jw_open(w, '[');
	for (; l; l = l->next) {
		const char *s = plain(&l->text, tmp);
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
		jw_key_str(w, "name", plain(&r->name, tmp));
		jw_key_str(w, "title", plain(&r->title, tmp));
		jw_key_str(w, "organisation", plain(&r->organisation, tmp));
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

static void put_blocks(jw *w, const ms_block *b, ms_buf *tmp);

static void
put_block(jw *w, const ms_block *b, ms_buf *tmp)
{
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
		put_inlines(w, b->inlines);
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
		jw_open(w, '[');
		for (const ms_block *item = b->children; item; item = item->next) {
			if (item->type == MS_BLOCK_ITEM) {
				put_block(w, item, tmp);
			} else {
				/* Not an item: wrap it in one. */
				jw_open(w, '{');
				jw_key_str(w, "type", "item");
				jw_key(w, "children");
				jw_open(w, '[');
				put_block(w, item, tmp);
				jw_close(w, ']');
				jw_close(w, '}');
			}
		}
		jw_close(w, ']');
		break;
	case MS_BLOCK_ITEM:
	case MS_BLOCK_QUOTE:
		jw_key_str(w, "type", b->type == MS_BLOCK_ITEM ? "item" : "quote");
		jw_key(w, "children");
		put_blocks(w, b->children, tmp);
		break;
	case MS_BLOCK_BREAK:
		jw_key_str(w, "type", "break");
		break;
	default:  /* kinds newer than this writer: keep the content */
		jw_key_str(w, "type", "division");
		jw_key(w, "children");
		put_blocks(w, b->children, tmp);
		if (b->inlines) {
			jw_key(w, "inlines");
			put_inlines(w, b->inlines);
		}
		break;
	}
	if (b->pos.line) {
		jw_key(w, "line");
		jw_int(w, (long)b->pos.line);
	}
	jw_close(w, '}');
}

static void
put_blocks(jw *w, const ms_block *b, ms_buf *tmp)
{
	jw_open(w, '[');
	for (; b; b = b->next)
		put_block(w, b, tmp);
	jw_close(w, ']');
}

/* LABEL with DATE in place of its "%s" (the label is translated: it is
 * never used as a format), into B. */
static void
fill_as_of(ms_buf *b, const char *label, const char *date)
{
	const char *mark = strstr(label, "%s");
	if (mark) {
		ms_buf_put(b, label, (size_t)(mark - label));
		ms_buf_puts(b, date);
		ms_buf_puts(b, mark + 2);
	} else {
		ms_buf_printf(b, "%s %s", label, date);
	}
}

static void
put_signatories(jw *w, const ms_letter *l, ms_buf *tmp)
{
	ms_buf heading = MS_BUF_INIT;
	char iso[16] = "";
	const ms_date *d = &l->signed_as_of;
	const char *date;

	jw_open(w, '{');
	jw_key(w, "as_of");
	put_iso_date(w, d);
	jw_key_str(w, "as_of_text", nonempty(l->as_of_text));
	/* The line a reader sees above the lists, as the other writers
	 * print it: "Signatories (as of July 9, 2025)". */
	if (d->year > 0 && d->year <= 9999 && d->month >= 1 && d->month <= 12
	    && d->day >= 1 && d->day <= 31)
		snprintf(iso, sizeof iso, "%04d-%02d-%02d", d->year, d->month,
		         d->day);
	date = nonempty(l->as_of_text) ? l->as_of_text : iso;
	if (nonempty(l->labels.signatories))
		ms_buf_puts(&heading, l->labels.signatories);
	if (*date && nonempty(l->labels.as_of)) {
		if (heading.len)
			ms_buf_puts(&heading, " (");
		fill_as_of(&heading, l->labels.as_of, date);
		if (nonempty(l->labels.signatories))
			ms_buf_putc(&heading, ')');
	}
	jw_key_str(w, "heading", heading.ptr);
	jw_key(w, "groups");
	jw_open(w, '[');
	for (const ms_signatory *s = l->groups; s; s = s->next)
		jw_str(w, plain(&s->name, tmp));
	jw_close(w, ']');
	jw_key(w, "individuals");
	jw_open(w, '[');
	for (const ms_signatory *s = l->individuals; s; s = s->next) {
		jw_open(w, '{');
		jw_key_str(w, "name", plain(&s->name, tmp));
		jw_key_str(w, "affiliation", plain(&s->affiliation, tmp));
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_close(w, '}');
	ms_buf_release(&heading);
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
	jw_key_str(w, "paper", nonempty(loc->paper) ? loc->paper : "a4");
	jw_key_str(w, "date_align", loc->date_align && !strcmp(loc->date_align,
	           "right") ? "right" : "left");
	jw_key(w, "name_after_title");
	jw_bool(w, loc->name_after_title);
	jw_key_str(w, "recipient_suffix", loc->recipient_suffix
	           ? loc->recipient_suffix : "");
	jw_close(w, '}');
}

static ms_status
json_render(const ms_letter *l, const ms_locale *locale, ms_output *out,
            ms_diag_handler *diag)
{
	ms_locale defaults;
	ms_buf tmp = MS_BUF_INIT;
	jw w;
	ms_status st;
	const char *lang;

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
	lang = nonempty(locale->lang) ? locale->lang : l->lang;

	jw_open(&w, '{');
	jw_key_str(&w, "schema", SCHEMA_ID);
	jw_key_str(&w, "generator", nonempty(locale->generator)
	           ? locale->generator : "missive");
	jw_key_str(&w, "id", l->id ? l->id : "");
	jw_key_str(&w, "lang", lang ? lang : "");
	jw_key_str(&w, "source_lang", nonempty(l->source_lang) ? l->source_lang
	           : nonempty(locale->source_lang) ? locale->source_lang
	           : lang ? lang : "");
	jw_key(&w, "draft");
	jw_bool(&w, locale->draft);
	jw_key(&w, "sample");
	jw_bool(&w, l->sample);
	jw_key(&w, "date");
	put_iso_date(&w, &l->date);
	jw_key_str(&w, "date_text", nonempty(l->date_text));
	jw_key_str(&w, "author", plain(&l->author, &tmp));
	jw_key(&w, "layout");
	put_layout(&w, locale);
	jw_key(&w, "recipients");
	put_recipients(&w, l->recipients, &tmp);
	jw_key(&w, "cc");
	put_recipients(&w, l->cc, &tmp);
	jw_key(&w, "subject");
	put_text(&w, &l->subject, &tmp);
	jw_key(&w, "salutation");
	put_text(&w, &l->salutation, &tmp);
	jw_key(&w, "body");
	put_blocks(&w, l->body, &tmp);
	jw_key(&w, "closing");
	put_text(&w, &l->closing, &tmp);
	jw_key(&w, "signatories");
	put_signatories(&w, l, &tmp);
	jw_key(&w, "labels");
	put_labels(&w, &l->labels);
	jw_close(&w, '}');
	ms_buf_putc(&w.out, '\n');

	st = ms_output_write(out, w.out.ptr, w.out.len);
	ms_buf_release(&w.out);
	ms_buf_release(&tmp);
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

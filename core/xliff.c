/* xliff.c — XLIFF 1.2 export of a letter's units and import of
 * translations coming back from CAT tools.
 *
 * Export walks the source letter's units (the walk extraction uses, so the
 * units are exactly the PO entries) and writes one trans-unit per distinct
 * (msgctxt, msgid).  Import parses the file with libxml2 into plain
 * records (ms_xliff_doc), then an importer applies them to a catalogue.
 * The tag conversion is symmetric: <N>…</N> ⇄ <g id="N">…</g> and
 * <N/> ⇄ <x id="N"/>. */
#include "internal.h"
#include "fileio.h"
#include "xliff.h"
#include "units.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlversion.h>
#include <libxml/xmlerror.h>

#define XLIFF_NS_12 "urn:oasis:names:tc:xliff:document:1.2"
#define XLIFF_NS_11 "urn:oasis:names:tc:xliff:document:1.1"

/* ------------------------------------------------------------- helpers */


static uint64_t
fnv1a(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

#define FNV_BASIS UINT64_C(0xcbf29ce484222325)

/* Hash of (MSGCTXT, MSGID) the way gettext keys them: "ctxt\004id". */
static uint64_t
key_hash(const char *msgctxt, const char *msgid)
{
	uint64_t h = FNV_BASIS;
	if (msgctxt) {
		h = fnv1a(h, msgctxt, strlen(msgctxt));
		h = fnv1a(h, "\004", 1);
	}
	return fnv1a(h, msgid, strlen(msgid));
}

void
ms_xliff_unit_id(const char *msgctxt, const char *msgid, char id[17])
{
	static const char hex[] = "0123456789abcdef";
	uint64_t h = key_hash(msgctxt, msgid);
	for (int i = 15; i >= 0; i--) {
		id[i] = hex[h & 0xf];
		h >>= 4;
	}
	id[16] = '\0';
}

static bool
str_eq_null(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) == 0 : a == b;
}

/* The valid UTF-8 sequence at S (N bytes left): its length and code
 * point, or 0 when the bytes are not valid UTF-8. */
static size_t
utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c = s[0];
	size_t len;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		c &= 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff))
	    || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Append S[0..N) escaped for XML text (ATTR: for a double-quoted
 * attribute value).  Characters XML 1.0 cannot carry (C0 controls other
 * than tab and newline, U+FFFE, U+FFFF) are left out; bytes that are not
 * UTF-8 become U+FFFD. */
static void
xml_escape(ms_buf *out, const char *s, size_t n, bool attr)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		uint32_t cp;
		size_t len = utf8_next(p, (size_t)(end - p), &cp);
		if (len == 0) {
			ms_buf_puts(out, "\xef\xbf\xbd");
			p++;
			continue;
		}
		switch (cp) {
		case '&': ms_buf_puts(out, "&amp;"); break;
		case '<': ms_buf_puts(out, "&lt;"); break;
		case '>': ms_buf_puts(out, "&gt;"); break;
		case '"': ms_buf_puts(out, attr ? "&quot;" : "\""); break;
		case '\n': ms_buf_puts(out, attr ? "&#10;" : "\n"); break;
		case '\t': ms_buf_puts(out, attr ? "&#9;" : "\t"); break;
		default:
			if (cp >= 0x20 && cp != 0xfffe && cp != 0xffff)
				ms_buf_put(out, p, len);
			break;
		}
		p += len;
	}
}

static void
xml_escape_str(ms_buf *out, const char *s, bool attr)
{
	xml_escape(out, s, strlen(s), attr);
}

/* XLIFF 1.2 ctype for a tag: the predefined values where one fits. */
static const char *
tag_ctype(ms_inline_type t)
{
	switch (t) {
	case MS_INLINE_EMPH: return "italic";
	case MS_INLINE_STRONG: return "bold";
	case MS_INLINE_UNDERLINE: return "underlined";
	case MS_INLINE_LINK: return "link";
	case MS_INLINE_SUP: return "x-superscript";
	case MS_INLINE_SUB: return "x-subscript";
	case MS_INLINE_CODE: return "x-code";
	case MS_INLINE_HTML: return "x-html";
	case MS_INLINE_LINEBREAK: return "lb";
	case MS_INLINE_TEXT: return "x-literal";
	default: return "x-markup";
	}
}

static const char *
tag_meaning(ms_inline_type t)
{
	switch (t) {
	case MS_INLINE_EMPH: return "emphasis (italic)";
	case MS_INLINE_STRONG: return "strong emphasis (bold)";
	case MS_INLINE_UNDERLINE: return "underline";
	case MS_INLINE_LINK: return "link";
	case MS_INLINE_SUP: return "superscript";
	case MS_INLINE_SUB: return "subscript";
	case MS_INLINE_CODE: return "code, keep as is";
	case MS_INLINE_HTML: return "markup, keep as is";
	case MS_INLINE_LINEBREAK: return "line break";
	case MS_INLINE_TEXT: return "literal text, keep as is";
	default: return "markup";
	}
}

/* ---------------------------------------------------------------- export */

/* One distinct unit of the letter. */
typedef struct xunit {
	char *msgctxt;
	char *msgid;
	ms_tag *tags;        /* deep copy */
	size_t ntags;
	uint64_t hash;
	char id[32];
	ms_buf note;         /* role and tag meanings; later roles appended */
} xunit;

typedef struct xcollect {
	xunit *v;
	size_t n, cap;
	size_t *slots;       /* open addressing by hash: index + 1, 0 empty */
	size_t nslots;       /* a power of two */
} xcollect;

static void
xcollect_rehash(xcollect *c)
{
	size_t n = c->nslots ? c->nslots * 2 : 64;
	free(c->slots);
	c->slots = ms_xcalloc(n, sizeof *c->slots);
	c->nslots = n;
	for (size_t i = 0; i < c->n; i++) {
		size_t s = (size_t)c->v[i].hash & (n - 1);
		while (c->slots[s])
			s = (s + 1) & (n - 1);
		c->slots[s] = i + 1;
	}
}

static void
note_for_unit(ms_buf *note, const ms_unit *u)
{
	ms_buf_puts(note, u->role);
	for (size_t i = 0; i < u->ntags; i++) {
		const ms_tag *t = &u->tags[i];
		ms_buf_printf(note, "\ntag %zu: %s", i + 1, tag_meaning(t->type));
		if (t->type == MS_INLINE_LINK && t->url)
			ms_buf_printf(note, " to %s", t->url);
		if ((t->type == MS_INLINE_CODE || t->type == MS_INLINE_HTML
		     || t->type == MS_INLINE_TEXT) && t->text)
			ms_buf_printf(note, " (%s)", t->text);
		if (t->ordinal)
			ms_buf_puts(note, " (ordinal suffix: may be dropped where the language writes ordinals otherwise)");
	}
}

static ms_status
collect_unit(const ms_unit *u, ms_inline **replacement, char **label, void *data)
{
	xcollect *c = data;
	uint64_t h = key_hash(u->msgctxt, u->msgid);
	size_t s, same_hash = 0;
	xunit *x;
	(void)replacement;
	(void)label;

	if (!c->nslots || (c->n + 1) * 2 > c->nslots)
		xcollect_rehash(c);
	for (s = (size_t)h & (c->nslots - 1); c->slots[s]; s = (s + 1) & (c->nslots - 1)) {
		x = &c->v[c->slots[s] - 1];
		if (x->hash != h)
			continue;
		if (str_eq_null(x->msgctxt, u->msgctxt) && !strcmp(x->msgid, u->msgid)) {
			/* the same unit again: one trans-unit, every role noted */
			ms_buf_printf(&x->note, "\nalso: %s", u->role);
			return MS_OK;
		}
		same_hash++;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->v = ms_xrealloc(c->v, c->cap * sizeof *c->v);
	}
	x = &c->v[c->n];
	memset(x, 0, sizeof *x);
	x->msgctxt = u->msgctxt ? ms_xstrdup(u->msgctxt) : NULL;
	x->msgid = ms_xstrdup(u->msgid);
	x->hash = h;
	ms_xliff_unit_id(u->msgctxt, u->msgid, x->id);
	if (same_hash)   /* two texts, one hash: keep ids unique in the file */
		snprintf(x->id + 16, sizeof x->id - 16, "-%zu", same_hash + 1);
	x->ntags = u->ntags;
	x->tags = ms_xcalloc(u->ntags + 1, sizeof *x->tags);
	for (size_t i = 0; i < u->ntags; i++) {
		x->tags[i] = u->tags[i];
		x->tags[i].url = u->tags[i].url ? ms_xstrdup(u->tags[i].url) : NULL;
		x->tags[i].title = u->tags[i].title ? ms_xstrdup(u->tags[i].title) : NULL;
		x->tags[i].text = u->tags[i].text ? ms_xstrdup(u->tags[i].text) : NULL;
	}
	ms_buf_init(&x->note, 0);
	note_for_unit(&x->note, u);
	c->slots[s] = ++c->n;
	return MS_OK;
}

static void
xcollect_release(xcollect *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].msgctxt);
		free(c->v[i].msgid);
		ms_units_tags_free(c->v[i].tags, c->v[i].ntags);
		ms_buf_release(&c->v[i].note);
	}
	free(c->v);
	free(c->slots);
}

/* Append tagged TEXT as XLIFF content: tags of the table become <g> and
 * <x>, everything else is escaped text.  TEXT's tags must already be
 * known to be well formed against TAGS. */
static void
put_tagged(ms_buf *out, const char *text, const ms_tag *tags, size_t ntags)
{
	const char *s = text, *run = text;
	while (*s) {
		size_t num, len;
		int kind;
		if (*s != '<' || !(len = ms_tag_lex(s, &num, &kind)) || num > ntags) {
			s++;
			continue;
		}
		xml_escape(out, run, (size_t)(s - run), false);
		if (kind == 0)
			ms_buf_printf(out, "<g id=\"%zu\" ctype=\"%s\">", num,
			              tag_ctype(tags[num - 1].type));
		else if (kind == 1)
			ms_buf_puts(out, "</g>");
		else
			ms_buf_printf(out, "<x id=\"%zu\" ctype=\"%s\"/>", num,
			              tag_ctype(tags[num - 1].type));
		s += len;
		run = s;
	}
	xml_escape(out, run, (size_t)(s - run), false);
}

static bool
is_label(const char *msgctxt)
{
	return msgctxt && !strcmp(msgctxt, "label");
}

/* True when MSGSTR's tags are what the localizer accepts for the unit. */
static bool
translation_tags_ok(const xunit *x, const char *msgstr)
{
	ms_diag_handler quiet = { NULL, NULL, 0, 0 };
	ms_inline *in;
	if (is_label(x->msgctxt))
		return true;   /* labels are used as written */
	in = ms_units_parse_tagged(msgstr, x->tags, x->ntags, true, NULL, 0, &quiet);
	ms_inline_free(in);
	return quiet.errors == 0;
}

static void
write_unit(ms_buf *out, const xunit *x, const ms_catalog *po,
           const ms_glossary *g, char *const *langs, ms_buf *scratch,
           bool source_only)
{
	const ms_entry *e = po ? ms_catalog_find(po, x->msgctxt, x->msgid) : NULL;
	/* blanks or invisible characters only are no translation */
	bool translated = ms_entry_has_text(e);
	bool tags_ok = translated && translation_tags_ok(x, e->msgstr);

	ms_buf_printf(out, "      <trans-unit id=\"%s\"", x->id);
	if (x->msgctxt) {
		ms_buf_puts(out, " resname=\"");
		xml_escape_str(out, x->msgctxt, true);
		ms_buf_putc(out, '"');
	}
	ms_buf_puts(out, " xml:space=\"preserve\"");
	if (translated && tags_ok && !e->fuzzy)
		ms_buf_puts(out, " approved=\"yes\"");
	ms_buf_puts(out, ">\n        <source>");
	put_tagged(out, x->msgid, x->tags, x->ntags);
	ms_buf_puts(out, "</source>\n");
	if (source_only) {
		/* the source language: a template, no targets */
	} else if (!translated) {
		ms_buf_puts(out, "        <target state=\"new\"/>\n");
	} else {
		ms_buf_printf(out, "        <target state=\"%s\">",
		              tags_ok && !e->fuzzy ? "translated" : "needs-review-translation");
		if (tags_ok)
			put_tagged(out, e->msgstr, x->tags, x->ntags);
		else   /* tags shown as text for the translator to repair */
			xml_escape_str(out, e->msgstr, false);
		ms_buf_puts(out, "</target>\n");
	}
	ms_buf_puts(out, "        <note from=\"developer\">");
	xml_escape(out, x->note.ptr, x->note.len, false);
	if (translated && !tags_ok)
		xml_escape_str(out, "\nthe translation's inline tags do not match the source: fix them", false);
	ms_buf_puts(out, "</note>\n");
	if (g) {
		ms_buf_reset(scratch);
		ms_glossary_hints(g, x->msgid, langs, scratch);
		if (scratch->len) {
			ms_buf_puts(out, "        <note from=\"glossary\">");
			xml_escape(out, scratch->ptr, scratch->len, false);
			ms_buf_puts(out, "</note>\n");
		}
	}
	ms_buf_puts(out, "      </trans-unit>\n");
}

ms_status
ms_xliff_write_letter(const ms_letter *src, const ms_catalog *po,
                      const ms_glossary *g, const char *lang,
                      ms_segmenter *seg, ms_buf *out, ms_diag_handler *h)
{
	xcollect c;
	ms_letter *l;
	ms_status st;
	ms_buf scratch = MS_BUF_INIT;
	char *langs[2] = { (char *)lang, NULL };
	const char *source_lang = src->source_lang ? src->source_lang
	                        : src->lang ? src->lang : "en";
	bool source_only = !strcmp(lang, source_lang);

	/* The walk rebuilds the inlines it visits: work on a copy. */
	memset(&c, 0, sizeof c);
	l = ms_letter_clone(src);
	st = ms_units_walk(l, seg, collect_unit, &c, h);
	ms_letter_free(l);
	if (st != MS_OK) {
		xcollect_release(&c);
		return st;
	}

	ms_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	            "<xliff version=\"1.2\" xmlns=\"" XLIFF_NS_12 "\">\n"
	            "  <file original=\"");
	if (src->path && src->path[0] != '/')
		xml_escape_str(out, src->path, true);
	else {
		xml_escape_str(out, src->id ? src->id : "letter", true);
		ms_buf_puts(out, ".md");
	}
	ms_buf_puts(out, "\" source-language=\"");
	xml_escape_str(out, source_lang, true);
	if (!source_only) {
		ms_buf_puts(out, "\" target-language=\"");
		xml_escape_str(out, lang, true);
	}
	ms_buf_puts(out, "\" datatype=\"plaintext\" tool-id=\"missive\">\n"
	            "    <header>\n"
	            "      <tool tool-id=\"missive\" tool-name=\"missive\" tool-version=\""
	            PACKAGE_VERSION "\"/>\n"
	            "    </header>\n"
	            "    <body>\n");
	for (size_t i = 0; i < c.n; i++)
		write_unit(out, &c.v[i], po, g, langs, &scratch, source_only);
	ms_buf_puts(out, "    </body>\n  </file>\n</xliff>\n");
	ms_buf_release(&scratch);
	xcollect_release(&c);
	return MS_OK;
}

/* ------------------------------------------------------------------ read */

typedef struct reader {
	const char *name;
	ms_diag_handler *h;
	bool doctype;          /* a DOCTYPE was met: parsing stopped there */
	unsigned doctype_line;
	bool reported;         /* the first XML error went out */
	const xmlChar *ns;     /* the document's XLIFF namespace (or NULL) */
} reader;

/* SAX hook for <!DOCTYPE …>: called before the internal subset is read,
 * so no entity is ever declared, loaded or expanded. */
static void
on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
           const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	reader *r = ctxt->_private;
	(void)name;
	(void)external_id;
	(void)system_id;
	if (!r->doctype) {
		r->doctype = true;
		r->doctype_line = ctxt->input ? (unsigned)ctxt->input->line : 0;
	}
	xmlStopParser(ctxt);
}

/* Structured error hook: the first error, located; never printed by
 * libxml2 itself. */
static void
on_xml_error(void *ctx, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = ctx;
	reader *r = ctxt ? ctxt->_private : NULL;
	ms_buf msg = MS_BUF_INIT;
	if (!r || r->doctype || r->reported || !err || err->level < XML_ERR_ERROR)
		return;
	r->reported = true;
	ms_buf_puts(&msg, err->message ? err->message : "");
	while (msg.len && (msg.ptr[msg.len - 1] == '\n' || msg.ptr[msg.len - 1] == ' '))
		ms_buf_truncate(&msg, msg.len - 1);
	if (msg.len && msg.ptr[0] >= 'A' && msg.ptr[0] <= 'Z')
		msg.ptr[0] = (char)(msg.ptr[0] - 'A' + 'a');
	ms_diag_emit(r->h, MS_ERROR, NULL, r->name, err->line > 0 ? (unsigned)err->line : 0,
	             err->int2 > 0 ? (unsigned)err->int2 : 0, _("malformed XML: %s"), msg.ptr);
	ms_buf_release(&msg);
}

static bool
is_el(const xmlNode *n, const char *name, const xmlChar *ns)
{
	const xmlChar *nns;
	if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name))
		return false;
	nns = n->ns ? n->ns->href : NULL;
	return ns ? nns && xmlStrEqual(nns, ns) : nns == NULL;
}

/* An attribute without a namespace, freshly allocated; NULL when absent. */
static char *
attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *s;
	if (!v)
		return NULL;
	s = ms_xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static unsigned
line_of(const xmlNode *n)
{
	long l = xmlGetLineNo(n);
	return l > 0 && l <= (long)UINT_MAX ? (unsigned)l : 0;
}

/* A tag number from an id attribute: 1–999999 written in decimal. */
static size_t
tag_number(const char *s)
{
	size_t n = 0, digits = 0;
	if (!s || *s < '1' || *s > '9')
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || ++digits > 6)
			return 0;
		n = n * 10 + (size_t)(*s - '0');
	}
	return n;
}

static void set_bad(char **bad, const char *fmt, ...) MS_PRINTF(2, 3);

/* Record the first reason a unit's markup cannot be read. */
static void
set_bad(char **bad, const char *fmt, ...)
{
	ms_buf b = MS_BUF_INIT;
	va_list ap;
	if (*bad)
		return;
	va_start(ap, fmt);
	ms_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	*bad = ms_buf_detach(&b, NULL);
}

/* The content of an XLIFF <source> or <target> as a tagged string. */
static void
content_to_tagged(const reader *r, const xmlNode *first, ms_buf *out, char **bad)
{
	for (const xmlNode *n = first; n; n = n->next) {
		char *id;
		size_t num;
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content)
				ms_buf_puts(out, (const char *)n->content);
			break;
		case XML_ELEMENT_NODE:
			if (is_el(n, "mrk", r->ns)) {
				content_to_tagged(r, n->children, out, bad);
				break;
			}
			if (!is_el(n, "g", r->ns) && !is_el(n, "x", r->ns)
			    && !is_el(n, "bx", r->ns) && !is_el(n, "ex", r->ns)) {
				set_bad(bad, _("unsupported inline element <%s>"), (const char *)n->name);
				break;
			}
			/* bx/ex pairs point at each other through rid */
			id = (n->name[0] == 'b' || n->name[0] == 'e') ? attr(n, "rid") : NULL;
			if (!id)
				id = attr(n, "id");
			num = tag_number(id);
			if (!num) {
				set_bad(bad, _("inline element <%s> has no numeric id"), (const char *)n->name);
				free(id);
				break;
			}
			free(id);
			if (n->name[0] == 'g') {
				ms_buf_printf(out, "<%zu>", num);
				content_to_tagged(r, n->children, out, bad);
				ms_buf_printf(out, "</%zu>", num);
			} else if (n->name[0] == 'x') {
				ms_buf_printf(out, "<%zu/>", num);
			} else if (n->name[0] == 'b') {
				ms_buf_printf(out, "<%zu>", num);
			} else {
				ms_buf_printf(out, "</%zu>", num);
			}
			break;
		case XML_ENTITY_REF_NODE:
			set_bad(bad, _("entity reference &%s; (entities are not expanded)"),
			        (const char *)n->name);
			break;
		default:
			break;   /* comments, processing instructions */
		}
	}
}

static ms_xliff_state
state_of(const char *s, bool *known)
{
	static const char *const final[] = { "translated", "final", "signed-off" };
	static const char *const review[] = { "needs-review-translation",
		"needs-review-adaptation", "needs-review-l10n" };
	static const char *const unfinished[] = { "new", "needs-translation",
		"needs-adaptation", "needs-l10n" };
	*known = true;
	if (!s)
		return MS_XLIFF_FINAL;
	for (size_t i = 0; i < MS_ARRAY_SIZE(final); i++)
		if (!strcmp(s, final[i]))
			return MS_XLIFF_FINAL;
	for (size_t i = 0; i < MS_ARRAY_SIZE(review); i++)
		if (!strcmp(s, review[i]))
			return MS_XLIFF_REVIEW;
	for (size_t i = 0; i < MS_ARRAY_SIZE(unfinished); i++)
		if (!strcmp(s, unfinished[i]))
			return MS_XLIFF_UNFINISHED;
	*known = false;
	return MS_XLIFF_UNFINISHED;
}

static void
read_unit(reader *r, const xmlNode *tu, bool plural, ms_xliff_file *f)
{
	const xmlNode *source = NULL, *target = NULL;
	char *restype = attr(tu, "restype"), *translate = attr(tu, "translate");
	ms_xliff_unit *u;
	ms_buf b = MS_BUF_INIT;
	bool known;

	if (restype && !strcmp(restype, "x-gettext-domain-header")) {
		free(restype);   /* a PO header carried along by po2xliff */
		free(translate);
		return;
	}
	free(restype);
	for (const xmlNode *n = tu->children; n; n = n->next) {
		if (!source && is_el(n, "source", r->ns))
			source = n;
		else if (!target && is_el(n, "target", r->ns))
			target = n;
	}
	if (!source) {
		char *id = attr(tu, "id");
		ms_buf sid = MS_BUF_INIT;
		ms_diag_emit(r->h, MS_ERROR, NULL, r->name, line_of(tu), 0,
		             _("trans-unit '%s' has no <source>"), ms_utf8_shown(&sid, id, 100));
		ms_buf_release(&sid);
		free(id);
		free(translate);
		return;
	}
	f->units = ms_xrealloc(f->units, (f->nunits + 1) * sizeof *f->units);
	u = &f->units[f->nunits++];
	memset(u, 0, sizeof *u);
	u->id = attr(tu, "id");
	if (!u->id)
		u->id = ms_xstrdup("");
	u->msgctxt = attr(tu, "resname");
	u->line = line_of(tu);
	u->plural = plural;
	u->translate = !(translate && !strcmp(translate, "no"));
	free(translate);
	content_to_tagged(r, source->children, &b, &u->bad_markup);
	u->source = ms_buf_detach(&b, NULL);
	if (target) {
		ms_buf_init(&b, 0);
		content_to_tagged(r, target->children, &b, &u->bad_markup);
		u->target = ms_buf_detach(&b, NULL);
		u->state_name = attr(target, "state");
	}
	u->state = state_of(u->state_name, &known);
	if (!known) {
		ms_buf sid = MS_BUF_INIT, sst = MS_BUF_INIT;
		ms_diag_emit(r->h, MS_WARNING, NULL, r->name, line_of(target), 0,
		             _("unit '%s': unknown state '%s': not imported"),
		             ms_utf8_shown(&sid, u->id, 100), ms_utf8_shown(&sst, u->state_name, 100));
		ms_buf_release(&sid);
		ms_buf_release(&sst);
	}
}

static void
read_body(reader *r, const xmlNode *body, bool plural, ms_xliff_file *f)
{
	for (const xmlNode *n = body->children; n; n = n->next) {
		if (is_el(n, "trans-unit", r->ns)) {
			read_unit(r, n, plural, f);
		} else if (is_el(n, "group", r->ns)) {
			char *restype = attr(n, "restype");
			bool pl = plural || (restype && !strcmp(restype, "x-gettext-plurals"));
			free(restype);
			read_body(r, n, pl, f);
		}
	}
}

static void
read_file_el(reader *r, const xmlNode *fe, ms_xliff_doc *d)
{
	ms_xliff_file *f;
	d->files = ms_xrealloc(d->files, (d->nfiles + 1) * sizeof *d->files);
	f = &d->files[d->nfiles++];
	memset(f, 0, sizeof *f);
	f->original = attr(fe, "original");
	f->source_lang = attr(fe, "source-language");
	f->target_lang = attr(fe, "target-language");
	f->line = line_of(fe);
	for (const xmlNode *n = fe->children; n; n = n->next)
		if (is_el(n, "body", r->ns))
			read_body(r, n, false, f);
}

/* Parse DATA into a tree, refusing DTDs; NULL on failure (reported). */
static xmlDocPtr
parse_xml(reader *r, const char *data, size_t len)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	bool ok;

	if (len > INT_MAX) {
		ms_diag_emit(r->h, MS_ERROR, NULL, r->name, 0, 0, _("file too large"));
		return NULL;
	}
	xmlInitParser();
	ctxt = xmlCreateMemoryParserCtxt(data, (int)len);
	if (!ctxt) {
		ms_diag_emit(r->h, MS_ERROR, NULL, r->name, 0, 0,
		             _("cannot create an XML parser"));
		return NULL;
	}
	/* No network, no entity substitution, no DTD loading or validation;
	 * errors come to on_xml_error only. */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR
	                  | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA
	                  | XML_PARSE_BIG_LINES
#if LIBXML_VERSION >= 21300
	                  | XML_PARSE_NO_XXE
#endif
	                  );
	ctxt->_private = r;
	ctxt->sax->internalSubset = on_doctype;
	ctxt->sax->externalSubset = on_doctype;
	ctxt->sax->serror = on_xml_error;
	ctxt->sax->initialized = XML_SAX2_MAGIC;
	ctxt->sax->error = NULL;
	ctxt->sax->warning = NULL;
	ctxt->sax->fatalError = NULL;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;

	xmlParseDocument(ctxt);
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	ok = ctxt->wellFormed && !r->doctype && doc;
	if (r->doctype) {
		ms_diag_emit(r->h, MS_ERROR, NULL, r->name, r->doctype_line, 0,
		             _("a document type declaration (DOCTYPE) is not accepted: "
		               "XLIFF needs none, and its entities could read files or "
		               "expand without bound"));
	} else if (!ok && !r->reported) {
		ms_diag_emit(r->h, MS_ERROR, NULL, r->name, 0, 0, _("malformed XML"));
	}
	xmlFreeParserCtxt(ctxt);
	if (!ok) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

ms_status
ms_xliff_read_mem(const char *name, const char *data, size_t len,
                  ms_xliff_doc **out, ms_diag_handler *h)
{
	reader r = { name, h, false, 0, false, NULL };
	xmlDocPtr doc;
	xmlNodePtr root;
	ms_xliff_doc *d;
	char *version;

	*out = NULL;
	if (!(doc = parse_xml(&r, data, len)))
		return MS_ERR_PARSE;
	root = xmlDocGetRootElement(doc);
	if (!root || strcmp((const char *)root->name, "xliff")) {
		ms_diag_emit(h, MS_ERROR, NULL, name, root ? line_of(root) : 0, 0,
		             _("not an XLIFF document: the root element is <%s>, not <xliff>"),
		             root ? (const char *)root->name : "");
		xmlFreeDoc(doc);
		return MS_ERR_INVALID;
	}
	version = attr(root, "version");
	if (!version || (strcmp(version, "1.2") && strcmp(version, "1.1"))) {
		if (version)
			ms_diag_emit(h, MS_ERROR, NULL, name, line_of(root), 0,
			             _("XLIFF version '%s' is not supported (1.2 is; 1.1 is read too)"),
			             version);
		else
			ms_diag_emit(h, MS_ERROR, NULL, name, line_of(root), 0,
			             _("the <xliff> element has no version (1.2 expected)"));
		free(version);
		xmlFreeDoc(doc);
		return MS_ERR_INVALID;
	}
	r.ns = root->ns ? root->ns->href : NULL;
	if (r.ns && !xmlStrEqual(r.ns, (const xmlChar *)XLIFF_NS_12)
	    && !xmlStrEqual(r.ns, (const xmlChar *)XLIFF_NS_11)) {
		ms_diag_emit(h, MS_ERROR, NULL, name, line_of(root), 0,
		             _("unexpected namespace '%s' for XLIFF %s"),
		             (const char *)r.ns, version);
		free(version);
		xmlFreeDoc(doc);
		return MS_ERR_INVALID;
	}
	d = ms_xcalloc(1, sizeof *d);
	d->path = ms_xstrdup(name);
	d->version = version;
	for (const xmlNode *n = root->children; n; n = n->next)
		if (is_el(n, "file", r.ns))
			read_file_el(&r, n, d);
	xmlFreeDoc(doc);
	*out = d;
	return MS_OK;
}

ms_status
ms_xliff_read(const char *path, ms_xliff_doc **out, ms_diag_handler *h)
{
	char *data = NULL;
	size_t len = 0;
	ms_status st;
	*out = NULL;
	/* a file the user named: a FIFO or <(…) is fine */
	if ((st = ms_read_file_flags(path, MS_READ_STREAM, &data, &len, h)) != MS_OK)
		return st;
	st = ms_xliff_read_mem(path, data, len, out, h);
	free(data);
	return st;
}

void
ms_xliff_doc_free(ms_xliff_doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nfiles; i++) {
		ms_xliff_file *f = &d->files[i];
		for (size_t k = 0; k < f->nunits; k++) {
			ms_xliff_unit *u = &f->units[k];
			free(u->id);
			free(u->msgctxt);
			free(u->source);
			free(u->target);
			free(u->state_name);
			free(u->bad_markup);
		}
		free(f->units);
		free(f->original);
		free(f->source_lang);
		free(f->target_lang);
	}
	free(d->files);
	free(d->path);
	free(d->version);
	free(d);
}

/* ---------------------------------------------------------------- import */

/* An entry a unit spoke for in this import. */
typedef struct touched {
	ms_entry *e;
	char *target;       /* the last translation given */
	char *unit;         /* which unit gave it */
	char *where;        /* "file:line" */
	char *orig;         /* the msgstr before the import */
	bool orig_fuzzy;
} touched;

/* msgid → the one active entry with it, for units without resname. */
typedef struct by_msgid {
	const char *msgid;  /* borrowed from the catalogue; NULL: empty slot */
	ms_entry *e;        /* NULL when several entries share the msgid */
} by_msgid;

struct ms_xliff_importer {
	ms_catalog *po;
	char *po_file;
	by_msgid *idx;      /* built on the first miss */
	size_t nidx;
	touched *t;
	size_t nt, capt;
	size_t *tslots;     /* by entry address: index + 1 */
	size_t ntslots;
	size_t *changed;    /* indexes into t of the entries that differ from
	                       what they were, in the order of the units */
	size_t nchanged;
	ms_xliff_stats st;
};

ms_xliff_importer *
ms_xliff_importer_new(ms_catalog *po, const char *po_file)
{
	ms_xliff_importer *imp = ms_xcalloc(1, sizeof *imp);
	imp->po = po;
	imp->po_file = ms_xstrdup(po_file ? po_file : "");
	return imp;
}

void
ms_xliff_importer_free(ms_xliff_importer *imp)
{
	if (!imp)
		return;
	for (size_t i = 0; i < imp->nt; i++) {
		free(imp->t[i].target);
		free(imp->t[i].unit);
		free(imp->t[i].where);
		free(imp->t[i].orig);
	}
	free(imp->t);
	free(imp->tslots);
	free(imp->changed);
	free(imp->idx);
	free(imp->po_file);
	free(imp);
}

size_t
ms_xliff_importer_count(const ms_xliff_importer *imp)
{
	return imp ? imp->nchanged : 0;
}

ms_entry *
ms_xliff_importer_entry(const ms_xliff_importer *imp, size_t i)
{
	return imp && i < imp->nchanged ? imp->t[imp->changed[i]].e : NULL;
}

void
ms_xliff_importer_stats(const ms_xliff_importer *imp, ms_xliff_stats *stats)
{
	*stats = imp->st;
	stats->imported = stats->review = 0;
	for (size_t i = 0; i < imp->nchanged; i++) {
		if (imp->t[imp->changed[i]].e->fuzzy)
			stats->review++;
		else
			stats->imported++;
	}
}

static void
build_msgid_index(ms_xliff_importer *imp)
{
	size_t n = ms_catalog_count(imp->po), cap = 64;
	while (cap < n * 2 + 2)
		cap *= 2;
	imp->idx = ms_xcalloc(cap, sizeof *imp->idx);
	imp->nidx = cap;
	for (size_t i = 0; i < n; i++) {
		ms_entry *e = ms_catalog_entry(imp->po, i);
		size_t s;
		if (!e || e->obsolete || !e->msgid || !*e->msgid)
			continue;
		s = (size_t)key_hash(NULL, e->msgid) & (cap - 1);
		while (imp->idx[s].msgid && strcmp(imp->idx[s].msgid, e->msgid))
			s = (s + 1) & (cap - 1);
		if (imp->idx[s].msgid) {
			imp->idx[s].e = NULL;   /* several contexts: ambiguous */
		} else {
			imp->idx[s].msgid = e->msgid;
			imp->idx[s].e = e;
		}
	}
}

static ms_entry *
find_entry(ms_xliff_importer *imp, const ms_xliff_unit *u)
{
	ms_entry *e = ms_catalog_find(imp->po, u->msgctxt, u->source);
	size_t s;
	if (e || u->msgctxt || !*u->source)
		return e;
	if (!imp->idx)
		build_msgid_index(imp);
	s = (size_t)key_hash(NULL, u->source) & (imp->nidx - 1);
	while (imp->idx[s].msgid) {
		if (!strcmp(imp->idx[s].msgid, u->source))
			return imp->idx[s].e;
		s = (s + 1) & (imp->nidx - 1);
	}
	return NULL;
}

static size_t
ptr_slot(const void *p, size_t nslots)
{
	uintptr_t v = (uintptr_t)p;
	v ^= v >> 17;
	v *= (uintptr_t)UINT64_C(0x9e3779b97f4a7c15);
	return (size_t)(v >> 7) & (nslots - 1);
}

static touched *
touched_find(const ms_xliff_importer *imp, const ms_entry *e)
{
	if (!imp->ntslots)
		return NULL;
	for (size_t s = ptr_slot(e, imp->ntslots); imp->tslots[s];
	     s = (s + 1) & (imp->ntslots - 1))
		if (imp->t[imp->tslots[s] - 1].e == e)
			return &imp->t[imp->tslots[s] - 1];
	return NULL;
}

static touched *
touched_add(ms_xliff_importer *imp, ms_entry *e)
{
	size_t s;
	if (!imp->ntslots || (imp->nt + 1) * 2 > imp->ntslots) {
		size_t n = imp->ntslots ? imp->ntslots * 2 : 64;
		free(imp->tslots);
		imp->tslots = ms_xcalloc(n, sizeof *imp->tslots);
		imp->ntslots = n;
		for (size_t i = 0; i < imp->nt; i++) {
			for (s = ptr_slot(imp->t[i].e, n); imp->tslots[s]; s = (s + 1) & (n - 1))
				;
			imp->tslots[s] = i + 1;
		}
	}
	if (imp->nt == imp->capt) {
		imp->capt = imp->capt ? imp->capt * 2 : 64;
		imp->t = ms_xrealloc(imp->t, imp->capt * sizeof *imp->t);
		imp->changed = ms_xrealloc(imp->changed, imp->capt * sizeof *imp->changed);
	}
	for (s = ptr_slot(e, imp->ntslots); imp->tslots[s]; s = (s + 1) & (imp->ntslots - 1))
		;
	imp->tslots[s] = imp->nt + 1;
	memset(&imp->t[imp->nt], 0, sizeof imp->t[imp->nt]);
	imp->t[imp->nt].e = e;
	imp->t[imp->nt].orig = ms_xstrdup(e->msgstr ? e->msgstr : "");
	imp->t[imp->nt].orig_fuzzy = e->fuzzy;
	return &imp->t[imp->nt++];
}

/* Diagnostics about one unit's tags, re-sent with the unit's name. */
typedef struct unit_fwd {
	ms_diag_handler *to;
	const char *unit;
} unit_fwd;

static void
forward_unit_diag(const ms_diag *d, void *data)
{
	unit_fwd *f = data;
	ms_buf msg = MS_BUF_INIT, sid = MS_BUF_INIT;
	ms_diag copy = *d;
	ms_buf_printf(&msg, _("unit '%s' not imported: %s"), ms_utf8_shown(&sid, f->unit, 100),
	              d->message);
	copy.message = msg.ptr;
	ms_diag_send(f->to, &copy);
	ms_buf_release(&msg);
	ms_buf_release(&sid);
}

/* True when TARGET's tags are acceptable for entry E (reported if not). */
static bool
target_tags_ok(const ms_entry *e, const ms_xliff_unit *u, const char *path,
               ms_diag_handler *h)
{
	ms_tag *tags = NULL;
	size_t n = 0;
	unit_fwd fwd = { h, u->id };
	ms_diag_handler hh = { forward_unit_diag, &fwd, 0, 0 };
	ms_inline *in;
	if (is_label(e->msgctxt))
		return true;   /* labels are used as written, like the localizer does */
	ms_units_tags_from_msgid(e->msgid, &tags, &n);
	in = ms_units_parse_tagged(u->target, tags, n, true, path, u->line, &hh);
	ms_inline_free(in);
	ms_units_tags_free(tags, n);
	return hh.errors == 0;
}

ms_status
ms_xliff_import(ms_xliff_importer *imp, const ms_xliff_file *f,
                const char *xliff_path, ms_diag_handler *h)
{
	ms_status st = MS_OK;
	for (size_t i = 0; i < f->nunits; i++) {
		const ms_xliff_unit *u = &f->units[i];
		ms_entry *e;
		touched *t;
		bool fuzzy;
		ms_buf where = MS_BUF_INIT, sid = MS_BUF_INIT, s2 = MS_BUF_INIT;

		if (u->plural) {
			ms_diag_emit(h, MS_WARNING, NULL, xliff_path, u->line, 0,
			             _("unit '%s': plural forms are not supported: skipped"),
			             ms_utf8_shown(&sid, u->id, 100));
			ms_buf_release(&sid);
			imp->st.unknown++;
			continue;
		}
		if (!u->translate || !u->target || !*u->target
		    || u->state == MS_XLIFF_UNFINISHED) {
			imp->st.unfinished++;
			continue;
		}
		if (u->bad_markup) {
			ms_diag_emit(h, MS_ERROR, "inline-tags", xliff_path, u->line, 0,
			             _("unit '%s' not imported: %s"), ms_utf8_shown(&sid, u->id, 100),
			             ms_utf8_shown(&s2, u->bad_markup, 200));
			ms_buf_release(&sid);
			ms_buf_release(&s2);
			imp->st.broken++;
			st = MS_ERR_INVALID;
			continue;
		}
		if (!(e = find_entry(imp, u))) {
			ms_diag_emit(h, MS_WARNING, NULL, xliff_path, u->line, 0,
			             _("unit '%s' (\"%s\") is not in %s: skipped"),
			             ms_utf8_shown(&sid, u->id, 100), ms_utf8_shown(&s2, u->source, 50),
			             imp->po_file);
			ms_buf_release(&sid);
			ms_buf_release(&s2);
			imp->st.unknown++;
			continue;
		}
		if (!target_tags_ok(e, u, xliff_path, h)) {
			imp->st.broken++;
			st = MS_ERR_INVALID;
			continue;
		}
		ms_buf_printf(&where, "%s:%u", xliff_path, u->line);
		t = touched_find(imp, e);
		if (t && strcmp(t->target, u->target)) {
			ms_diag_emit(h, MS_WARNING, NULL, xliff_path, u->line, 0,
			             _("unit '%s' translates the same text as unit '%s' at %s differently: this one is kept"),
			             ms_utf8_shown(&sid, u->id, 100), ms_utf8_shown(&s2, t->unit, 100), t->where);
			ms_buf_release(&sid);
			ms_buf_release(&s2);
			imp->st.conflicts++;
		}
		if (!t)
			t = touched_add(imp, e);
		free(t->target);
		free(t->unit);
		free(t->where);
		t->target = ms_xstrdup(u->target);
		t->unit = ms_xstrdup(u->id);
		t->where = ms_buf_detach(&where, NULL);

		fuzzy = u->state == MS_XLIFF_REVIEW;
		if (e->msgstr && !strcmp(e->msgstr, u->target) && e->fuzzy == fuzzy) {
			imp->st.unchanged++;
			continue;
		}
		ms_entry_set_msgstr(e, u->target, !fuzzy);
		if (fuzzy)
			e->fuzzy = true;   /* imported for review: keep it out of publication */
	}
	/* What changed is what differs now: a unit undoing an earlier one
	 * leaves its entry as it was. */
	imp->nchanged = 0;
	for (size_t i = 0; i < imp->nt; i++) {
		const touched *t = &imp->t[i];
		if (t->e->fuzzy != t->orig_fuzzy || strcmp(t->e->msgstr ? t->e->msgstr : "", t->orig))
			imp->changed[imp->nchanged++] = i;
	}
	return st;
}

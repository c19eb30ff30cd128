/* tmx.c — TMX 1.4b reading (libxml2's SAX2 interface: one unit in memory
 * at a time) and writing (libxml2's text writer).  See tmx.h. */
#include "internal.h"
#include "tmx.h"
#include "tm-tags.h"
#include "linemap.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>

void
ms_tmx_info_release(ms_tmx_info *info)
{
	if (!info)
		return;
	free(info->version);
	free(info->srclang);
	free(info->creationtool);
	ms_strv_free(info->langs);
	free(info->lang_counts);
	memset(info, 0, sizeof *info);
}

/* ---------------------------------------------------------------- read */

/* A variant being read. */
typedef struct tuv_rec {
	char *lang;
	char *text;
	unsigned line, column;
} tuv_rec;

/* A <bpt> or <hi> open inside the current <seg>. */
typedef struct open_tag {
	char *i;          /* <bpt i>; NULL for <hi> */
	size_t num;       /* the missive tag number given to it */
} open_tag;

typedef struct reader {
	const char *name;
	const char *bytes;
	size_t len;
	ms_linemap map;
	xmlParserCtxtPtr ctxt;
	ms_diag_handler *h;
	ms_tmx_info *info;
	ms_tmx_fn fn;
	void *data;
	bool reported_xml;     /* the first XML error went out */
	bool invalid;          /* a document-level error: MS_ERR_INVALID */
	bool entity;           /* an entity declaration or reference */

	unsigned depth;
	bool seen_root, seen_header, in_body;
	unsigned skip;         /* > 0: inside content that is not read */

	/* the current unit */
	bool in_tu, tu_bad;
	unsigned tu_line, tu_column;
	char *tuid;
	ms_buf context, note;
	bool in_context, in_note, has_context, has_note;
	tuv_rec *tuvs;
	size_t ntuvs, cap_tuvs;

	/* the current variant */
	bool in_tuv, tuv_bad, has_seg;
	tuv_rec tuv;
	bool in_seg;
	ms_buf seg;
	size_t tags;           /* tags numbered so far in this <seg> */
	open_tag *open;
	size_t nopen, cap_open;
} reader;

static void report(reader *r, ms_severity sev, ms_pos p, const char *fmt, ...)
	MS_PRINTF(4, 5);

static void
report(reader *r, ms_severity sev, ms_pos p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ms_diag_vemit(r->h, sev, NULL, r->name, p.line, p.column, fmt, ap);
	va_end(ap);
	if (sev == MS_ERROR)
		r->info->errors++;
	else if (sev == MS_WARNING)
		r->info->warnings++;
}

/* Where the element whose start tag the parser has just read begins:
 * the last '<' before the parser's position (a '<' cannot occur inside
 * a start tag).  Only the line when the offsets cannot be trusted
 * (a document converted from another encoding). */
static ms_pos
elem_pos(reader *r)
{
	xmlParserInputPtr in = r->ctxt->input;
	ms_pos p = { 0, 0 };
	if (!in)
		return p;
	/* offsets are byte offsets into BYTES unless libxml2 converts the
	 * document from another encoding */
	if (!(in->buf && in->buf->encoder) && in->cur >= in->base) {
		size_t off = (size_t)in->consumed + (size_t)(in->cur - in->base);
		if (off <= r->len) {
			while (off > 0 && r->bytes[off - 1] != '<')
				off--;
			if (off > 0)
				return ms_linemap_pos(&r->map, off - 1);
		}
	}
	p.line = in->line > 0 ? (uint32_t)in->line : 0;
	return p;
}

/* The value of attribute NAME (in namespace NS, or none) of a SAX2 start
 * tag; freshly allocated, NULL when absent. */
static char *
attr(const xmlChar **attrs, int n, const char *name, const char *ns)
{
	for (int i = 0; i < n; i++) {
		const xmlChar **a = attrs + 5 * i;
		if (strcmp((const char *)a[0], name))
			continue;
		if (ns ? !a[2] || strcmp((const char *)a[2], ns) : a[2] != NULL)
			continue;
		return ms_xstrndup((const char *)a[3], (size_t)(a[4] - a[3]));
	}
	return NULL;
}

static void
tuv_release(tuv_rec *t)
{
	free(t->lang);
	free(t->text);
	memset(t, 0, sizeof *t);
}

static void
seg_reset(reader *r)
{
	for (size_t i = 0; i < r->nopen; i++)
		free(r->open[i].i);
	r->nopen = 0;
	r->tags = 0;
	ms_buf_reset(&r->seg);
}

static void
tu_reset(reader *r)
{
	for (size_t i = 0; i < r->ntuvs; i++)
		tuv_release(&r->tuvs[i]);
	r->ntuvs = 0;
	MS_FREE(r->tuid);
	ms_buf_reset(&r->context);
	ms_buf_reset(&r->note);
	r->has_context = r->has_note = false;
	r->in_tu = r->tu_bad = false;
}

static void
count_lang(ms_tmx_info *info, const char *lang)
{
	size_t i;
	for (i = 0; info->langs && info->langs[i]; i++)
		if (!strcmp(info->langs[i], lang))
			break;
	if (!info->langs || !info->langs[i]) {
		ms_strv_push(&info->langs, lang);
		info->lang_counts = ms_xrealloc(info->lang_counts,
		                                (i + 1) * sizeof *info->lang_counts);
		info->lang_counts[i] = 0;
	}
	info->lang_counts[i]++;
}

static void
tu_finish(reader *r)
{
	ms_tmx_tuv *v;
	ms_tmx_tu tu;
	ms_pos p = { r->tu_line, r->tu_column };

	if (!r->tu_bad && r->ntuvs < 2)
		report(r, MS_WARNING, p,
		       _("translation unit with fewer than two variants left out"));
	if (r->tu_bad || r->ntuvs < 2) {
		r->info->skipped++;
		tu_reset(r);
		return;
	}
	v = ms_xcalloc(r->ntuvs, sizeof *v);
	for (size_t i = 0; i < r->ntuvs; i++) {
		v[i].lang = r->tuvs[i].lang;
		v[i].text = r->tuvs[i].text;
		v[i].line = r->tuvs[i].line;
		v[i].column = r->tuvs[i].column;
		count_lang(r->info, r->tuvs[i].lang);
	}
	tu.tuid = r->tuid;
	tu.context = r->has_context ? r->context.ptr : NULL;
	tu.note = r->has_note ? r->note.ptr : NULL;
	tu.tuvs = v;
	tu.ntuvs = r->ntuvs;
	tu.line = r->tu_line;
	tu.column = r->tu_column;
	r->info->passed++;
	if (r->fn)
		r->fn(&tu, r->data);
	free(v);
	tu_reset(r);
}

static bool
is(const xmlChar *name, const char *s)
{
	return strcmp((const char *)name, s) == 0;
}

/* An element inside <seg>. */
static void
seg_element(reader *r, const xmlChar *name, const xmlChar **attrs, int nattrs)
{
	ms_pos p = elem_pos(r);
	if (is(name, "bpt") || is(name, "hi")) {
		open_tag *o;
		if (r->nopen == r->cap_open) {
			r->cap_open = r->cap_open ? 2 * r->cap_open : 4;
			r->open = ms_xrealloc(r->open, r->cap_open * sizeof *r->open);
		}
		o = &r->open[r->nopen++];
		o->i = is(name, "bpt") ? attr(attrs, nattrs, "i", NULL) : NULL;
		o->num = ++r->tags;
		if (is(name, "bpt") && !o->i) {
			report(r, MS_ERROR, p, _("<bpt> without the 'i' attribute"));
			r->tu_bad = true;
		}
		ms_buf_printf(&r->seg, "<%zu>", o->num);
		/* <bpt>'s content is native code; <hi>'s is text */
		if (is(name, "bpt"))
			r->skip = 1;
		return;
	}
	if (is(name, "ept")) {
		char *i = attr(attrs, nattrs, "i", NULL);
		size_t k = r->nopen;
		while (k > 0 && !(r->open[k - 1].i && i && !strcmp(r->open[k - 1].i, i)))
			k--;
		if (!i) {
			report(r, MS_ERROR, p, _("<ept> without the 'i' attribute"));
			r->tu_bad = true;
		} else if (k == 0) {
			report(r, MS_ERROR, p, _("<ept i=\"%s\"> closes no <bpt>"), i);
			r->tu_bad = true;
		} else if (k != r->nopen) {
			report(r, MS_ERROR, p,
			       _("<ept i=\"%s\"> crosses another inline element (missive needs nested tags)"),
			       i);
			r->tu_bad = true;
		} else {
			ms_buf_printf(&r->seg, "</%zu>", r->open[k - 1].num);
			free(r->open[k - 1].i);
			r->nopen--;
		}
		free(i);
		r->skip = 1;
		return;
	}
	if (is(name, "ph") || is(name, "it") || is(name, "ut") || is(name, "x")) {
		ms_buf_printf(&r->seg, "<%zu/>", ++r->tags);
		r->skip = 1;
		return;
	}
	report(r, MS_ERROR, p, _("<%s> is not allowed in <seg>"), (const char *)name);
	r->tu_bad = true;
	r->skip = 1;
}

static void
on_start(void *ctx, const xmlChar *name, const xmlChar *prefix,
         const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
         int ndefaulted, const xmlChar **attrs)
{
	reader *r = ((xmlParserCtxtPtr)ctx)->_private;
	ms_pos p;
	(void)prefix;
	(void)uri;
	(void)nns;
	(void)ns;
	(void)ndefaulted;

	r->depth++;
	if (r->skip) {
		r->skip++;
		return;
	}
	if (r->in_seg) {
		seg_element(r, name, attrs, nattrs);
		return;
	}
	p = elem_pos(r);
	if (!r->seen_root) {
		r->seen_root = true;
		if (!is(name, "tmx")) {
			report(r, MS_ERROR, p, _("the root element is <%s>, not <tmx>"),
			       (const char *)name);
			r->invalid = true;
			xmlStopParser(r->ctxt);
			return;
		}
		r->info->version = attr(attrs, nattrs, "version", NULL);
		if (!r->info->version || strcmp(r->info->version, "1.4"))
			report(r, MS_WARNING, p, _("TMX version '%s', not 1.4: read as 1.4"),
			       r->info->version ? r->info->version : "");
		return;
	}
	if (r->depth == 2 && is(name, "header")) {
		r->seen_header = true;
		r->info->srclang = attr(attrs, nattrs, "srclang", NULL);
		r->info->creationtool = attr(attrs, nattrs, "creationtool", NULL);
		if (!r->info->srclang)
			report(r, MS_WARNING, p, _("<header> has no srclang"));
		r->skip = 1;   /* notes, props and user-defined characters */
		return;
	}
	if (r->depth == 2 && is(name, "body")) {
		if (!r->seen_header) {
			report(r, MS_ERROR, p, _("<body> comes without a <header> before it"));
			r->invalid = true;
		}
		r->in_body = true;
		return;
	}
	if (r->depth == 3 && r->in_body && is(name, "tu")) {
		tu_reset(r);
		r->in_tu = true;
		r->tu_line = p.line;
		r->tu_column = p.column;
		r->tuid = attr(attrs, nattrs, "tuid", NULL);
		r->info->units++;
		return;
	}
	if (r->depth == 4 && r->in_tu && is(name, "prop")) {
		char *type = attr(attrs, nattrs, "type", NULL);
		if (type && !strcmp(type, "x-context") && !r->has_context) {
			r->in_context = r->has_context = true;
		} else {
			r->skip = 1;
		}
		free(type);
		return;
	}
	if (r->depth == 4 && r->in_tu && is(name, "note")) {
		if (r->has_note)
			ms_buf_putc(&r->note, '\n');
		r->in_note = r->has_note = true;
		return;
	}
	if (r->depth == 4 && r->in_tu && is(name, "tuv")) {
		r->in_tuv = true;
		r->tuv_bad = r->has_seg = false;
		r->tuv.lang = attr(attrs, nattrs, "lang", (const char *)XML_XML_NAMESPACE);
		if (!r->tuv.lang)   /* TMX 1.1 */
			r->tuv.lang = attr(attrs, nattrs, "lang", NULL);
		r->tuv.line = p.line;
		r->tuv.column = p.column;
		r->info->variants++;
		if (!r->tuv.lang || !*r->tuv.lang) {
			report(r, MS_ERROR, p, _("<tuv> without xml:lang"));
			r->tuv_bad = r->tu_bad = true;
		}
		return;
	}
	if (r->depth == 5 && r->in_tuv && is(name, "seg")) {
		if (r->has_seg) {
			report(r, MS_ERROR, p, _("<tuv> with more than one <seg>"));
			r->tuv_bad = r->tu_bad = true;
		}
		r->has_seg = r->in_seg = true;
		seg_reset(r);
		return;
	}
	if (r->depth == 5 && r->in_tuv && (is(name, "prop") || is(name, "note"))) {
		r->skip = 1;
		return;
	}
	/* anything else: TMX allows none of it; read on */
	report(r, MS_WARNING, p, _("unexpected element <%s> ignored"), (const char *)name);
	r->skip = 1;
}

static void
on_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
	reader *r = ((xmlParserCtxtPtr)ctx)->_private;
	(void)prefix;
	(void)uri;

	r->depth--;
	if (r->skip) {
		r->skip--;
		return;
	}
	if (r->in_seg) {
		if (is(name, "hi") && r->nopen && !r->open[r->nopen - 1].i) {
			ms_buf_printf(&r->seg, "</%zu>", r->open[r->nopen - 1].num);
			r->nopen--;
			return;
		}
		if (!is(name, "seg"))
			return;
		r->in_seg = false;
		if (r->nopen) {
			ms_pos p = { r->tuv.line, r->tuv.column };
			report(r, MS_ERROR, p, _("<bpt i=\"%s\"> has no <ept>"),
			       r->open[r->nopen - 1].i ? r->open[r->nopen - 1].i : "");
			r->tuv_bad = r->tu_bad = true;
		}
		return;
	}
	if (r->in_context && is(name, "prop")) {
		r->in_context = false;
	} else if (r->in_note && is(name, "note")) {
		r->in_note = false;
	} else if (r->in_tuv && is(name, "tuv")) {
		ms_pos p = { r->tuv.line, r->tuv.column };
		r->in_tuv = false;
		if (!r->has_seg) {
			report(r, MS_ERROR, p, _("<tuv> without <seg>"));
			r->tuv_bad = r->tu_bad = true;
		} else if (!r->tuv_bad && r->seg.len == 0) {
			report(r, MS_WARNING, p, _("empty segment in '%s' left out"), r->tuv.lang);
			r->tuv_bad = true;
		}
		if (!r->tuv_bad) {
			if (r->ntuvs == r->cap_tuvs) {
				r->cap_tuvs = r->cap_tuvs ? 2 * r->cap_tuvs : 4;
				r->tuvs = ms_xrealloc(r->tuvs, r->cap_tuvs * sizeof *r->tuvs);
			}
			r->tuv.text = ms_xstrdup(r->seg.ptr);
			r->tuvs[r->ntuvs++] = r->tuv;
			memset(&r->tuv, 0, sizeof r->tuv);
		} else {
			tuv_release(&r->tuv);
		}
	} else if (r->in_tu && is(name, "tu")) {
		tu_finish(r);
	} else if (r->in_body && is(name, "body")) {
		r->in_body = false;
	}
}

static void
on_text(void *ctx, const xmlChar *s, int len)
{
	reader *r = ((xmlParserCtxtPtr)ctx)->_private;
	if (r->skip || len <= 0)
		return;
	if (r->in_seg)
		ms_buf_put(&r->seg, s, (size_t)len);
	else if (r->in_context)
		ms_buf_put(&r->context, s, (size_t)len);
	else if (r->in_note)
		ms_buf_put(&r->note, s, (size_t)len);
}

/* <!DOCTYPE tmx SYSTEM "tmx14.dtd">: accepted, never loaded. */
static void
on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
           const xmlChar *system_id)
{
	(void)ctx;
	(void)name;
	(void)external_id;
	(void)system_id;
}

/* Entities are refused, declared or referred to: the first one is
 * reported at P and parsing stops. */
static void
refuse_entity(reader *r, ms_pos p, const char *what, const xmlChar *name)
{
	if (r->entity)
		return;
	r->entity = true;
	report(r, MS_ERROR, p,
	       _("%s '%s': a memory needs no entities, and they could read files or expand without bound"),
	       what, name ? (const char *)name : "");
	xmlStopParser(r->ctxt);
}

static ms_pos
parser_pos(reader *r)
{
	xmlParserInputPtr in = r->ctxt->input;
	ms_pos p = { 0, 0 };
	if (in) {
		p.line = in->line > 0 ? (uint32_t)in->line : 0;
		p.column = in->col > 0 ? (uint32_t)in->col : 0;
	}
	return p;
}

static void
on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
               const xmlChar *system_id, xmlChar *content)
{
	reader *r = ((xmlParserCtxtPtr)ctx)->_private;
	(void)type;
	(void)public_id;
	(void)system_id;
	(void)content;
	refuse_entity(r, parser_pos(r), _("entity declaration"), name);
}

static void
on_reference(void *ctx, const xmlChar *name)
{
	reader *r = ((xmlParserCtxtPtr)ctx)->_private;
	refuse_entity(r, parser_pos(r), _("entity reference"), name);
}

static xmlEntityPtr
on_get_entity(void *ctx, const xmlChar *name)
{
	(void)ctx;
	return xmlGetPredefinedEntity(name);
}

static void
on_xml_error(void *ctx, xmlErrorPtr err)
{
	reader *r = ctx ? ((xmlParserCtxtPtr)ctx)->_private : NULL;
	ms_buf msg = MS_BUF_INIT;
	ms_pos p;
	if (!r || r->reported_xml || r->entity || !err)
		return;
	if (err->level < XML_ERR_ERROR && err->code != XML_WAR_UNDECLARED_ENTITY)
		return;
	p.line = err->line > 0 ? (uint32_t)err->line : 0;
	p.column = err->int2 > 0 ? (uint32_t)err->int2 : 0;
	if (err->code == XML_ERR_UNDECLARED_ENTITY || err->code == XML_WAR_UNDECLARED_ENTITY) {
		refuse_entity(r, p, _("entity reference"), (const xmlChar *)err->str1);
		return;
	}
	r->reported_xml = true;
	ms_buf_puts(&msg, err->message ? err->message : "");
	while (msg.len && (msg.ptr[msg.len - 1] == '\n' || msg.ptr[msg.len - 1] == ' '))
		ms_buf_truncate(&msg, msg.len - 1);
	if (msg.len && msg.ptr[0] >= 'A' && msg.ptr[0] <= 'Z')
		msg.ptr[0] = (char)(msg.ptr[0] - 'A' + 'a');
	report(r, MS_ERROR, p, _("malformed XML: %s"), msg.ptr);
	ms_buf_release(&msg);
}

ms_status
ms_tmx_read_mem(const char *name, const char *bytes, size_t len,
                ms_tmx_fn fn, void *data, ms_tmx_info *info,
                ms_diag_handler *h)
{
	ms_tmx_info scratch;
	reader r;
	xmlSAXHandler sax;
	ms_status st = MS_OK;
	bool well_formed;

	if (!info) {
		memset(&scratch, 0, sizeof scratch);
		info = &scratch;
	}
	if (len > INT_MAX) {
		ms_diag_emit(h, MS_ERROR, NULL, name, 0, 0, _("file too large"));
		info->errors++;
		if (info == &scratch)
			ms_tmx_info_release(&scratch);
		return MS_ERR_IO;
	}
	if (len == 0) {
		ms_diag_emit(h, MS_ERROR, NULL, name, 0, 0, _("empty file: not a TMX document"));
		info->errors++;
		if (info == &scratch)
			ms_tmx_info_release(&scratch);
		return MS_ERR_PARSE;
	}
	memset(&r, 0, sizeof r);
	r.name = name;
	r.bytes = bytes;
	r.len = len;
	r.h = h;
	r.info = info;
	r.fn = fn;
	r.data = data;
	ms_buf_init(&r.context, 0);
	ms_buf_init(&r.note, 0);
	ms_buf_init(&r.seg, 0);
	ms_linemap_init(&r.map, bytes, len, 1);

	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_text;
	sax.cdataBlock = on_text;
	sax.internalSubset = on_doctype;
	sax.externalSubset = on_doctype;
	sax.entityDecl = on_entity_decl;
	sax.reference = on_reference;
	sax.getEntity = on_get_entity;
	sax.getParameterEntity = on_get_entity;
	sax.serror = on_xml_error;

	xmlInitParser();
	r.ctxt = xmlCreateMemoryParserCtxt(bytes, (int)len);
	if (!r.ctxt) {
		ms_diag_emit(h, MS_ERROR, NULL, name, 0, 0, _("cannot create an XML parser"));
		info->errors++;
		st = MS_ERR_IO;
		goto out;
	}
	/* No network, no DTD loading, no entity substitution; errors come
	 * to on_xml_error only. */
	xmlCtxtUseOptions(r.ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR
	                  | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES
#if LIBXML_VERSION >= 21300
	                  | XML_PARSE_NO_XXE
#endif
	                  );
	memcpy(r.ctxt->sax, &sax, sizeof sax);
	r.ctxt->_private = &r;
	r.ctxt->vctxt.error = NULL;
	r.ctxt->vctxt.warning = NULL;
	xmlParseDocument(r.ctxt);
	well_formed = r.ctxt->wellFormed && !r.entity;
	if (!well_formed && !r.reported_xml && !r.entity) {
		ms_pos p = { 0, 0 };
		report(&r, MS_ERROR, p, _("malformed XML"));
	}
	if (well_formed && !r.seen_root) {
		ms_pos p = { 0, 0 };
		report(&r, MS_ERROR, p, _("no <tmx> element"));
		r.invalid = true;
	}
	if (well_formed && r.seen_root && !r.invalid && !r.seen_header) {
		ms_pos p = { 1, 0 };
		report(&r, MS_ERROR, p, _("no <header> element"));
		r.invalid = true;
	}
	if (!well_formed)
		st = MS_ERR_PARSE;
	else if (r.invalid)
		st = MS_ERR_INVALID;
	/* libxml2 makes a document to hold an internal subset's entity
	 * declarations even in SAX mode */
	if (r.ctxt->myDoc) {
		xmlFreeDoc(r.ctxt->myDoc);
		r.ctxt->myDoc = NULL;
	}
	xmlFreeParserCtxt(r.ctxt);
out:
	tu_reset(&r);
	tuv_release(&r.tuv);
	seg_reset(&r);
	free(r.tuvs);
	free(r.open);
	ms_buf_release(&r.context);
	ms_buf_release(&r.note);
	ms_buf_release(&r.seg);
	ms_linemap_release(&r.map);
	if (info == &scratch)
		ms_tmx_info_release(&scratch);
	return st;
}

ms_status
ms_tmx_read(const char *path, ms_tmx_fn fn, void *data, ms_tmx_info *info,
            ms_diag_handler *h)
{
	char *bytes = NULL;
	size_t len = 0;
	ms_status st = ms_read_file(path, &bytes, &len, h);
	if (st != MS_OK) {
		if (info)
			info->errors++;
		return st;
	}
	st = ms_tmx_read_mem(path, bytes, len, fn, data, info, h);
	free(bytes);
	return st;
}

/* --------------------------------------------------------------- write */

struct ms_tmx_writer {
	xmlBufferPtr buf;
	xmlTextWriterPtr w;
	char *srclang;
	size_t count;
	ms_buf scratch;
};

#define X(s) ((const xmlChar *)(s))

/* S without what XML 1.0 cannot carry (C0 controls other than tab,
 * newline and carriage return; U+FFFE, U+FFFF), invalid UTF-8 as U+FFFD;
 * into OUT (reset first). */
static const char *
xml_clean(const char *s, size_t n, ms_buf *out)
{
	ms_buf_reset(out);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = ms_utf8_decode(s + i, n - i, &cp);
		if (cp == UINT32_MAX)
			ms_buf_puts(out, "\xef\xbf\xbd");
		else if ((cp >= 0x20 || cp == '\t' || cp == '\n' || cp == '\r')
		         && cp != 0xfffe && cp != 0xffff)
			ms_buf_put(out, s + i, len);
		i += len;
	}
	return out->ptr;
}

ms_tmx_writer *
ms_tmx_writer_new(const char *srclang, const char *tool_version)
{
	ms_tmx_writer *w = ms_xcalloc(1, sizeof *w);
	w->buf = xmlBufferCreate();
	w->w = xmlNewTextWriterMemory(w->buf, 0);
	if (!w->buf || !w->w)
		abort();   /* only when memory runs out */
	w->srclang = ms_xstrdup(srclang);
	ms_buf_init(&w->scratch, 0);
	xmlTextWriterStartDocument(w->w, "1.0", "UTF-8", NULL);
	xmlTextWriterWriteDTD(w->w, X("tmx"), NULL, X("tmx14.dtd"), NULL);
	xmlTextWriterWriteRaw(w->w, X("\n"));
	xmlTextWriterStartElement(w->w, X("tmx"));
	xmlTextWriterWriteAttribute(w->w, X("version"), X("1.4"));
	xmlTextWriterWriteRaw(w->w, X("\n  "));
	xmlTextWriterStartElement(w->w, X("header"));
	xmlTextWriterWriteAttribute(w->w, X("creationtool"), X("missive"));
	xmlTextWriterWriteAttribute(w->w, X("creationtoolversion"),
	                            X(tool_version ? tool_version : ""));
	xmlTextWriterWriteAttribute(w->w, X("segtype"), X("sentence"));
	xmlTextWriterWriteAttribute(w->w, X("o-tmf"), X("PO"));
	xmlTextWriterWriteAttribute(w->w, X("adminlang"), X("en"));
	xmlTextWriterWriteAttribute(w->w, X("srclang"), X(srclang));
	xmlTextWriterWriteAttribute(w->w, X("datatype"), X("plaintext"));
	xmlTextWriterEndElement(w->w);
	xmlTextWriterWriteRaw(w->w, X("\n  "));
	xmlTextWriterStartElement(w->w, X("body"));
	return w;
}

void
ms_tmx_writer_free(ms_tmx_writer *w)
{
	if (!w)
		return;
	if (w->w)
		xmlFreeTextWriter(w->w);
	xmlBufferFree(w->buf);
	free(w->srclang);
	ms_buf_release(&w->scratch);
	free(w);
}

size_t
ms_tmx_writer_count(const ms_tmx_writer *w)
{
	return w->count;
}

/* How each kind of tag is written: the element, whether it has the
 * attributes i and x, and the native code (missive's tag). */
static const struct {
	const char *element;
	bool i, x;
	const char *before, *after;   /* around the number in the code */
} tag_codes[] = {
	[MS_TM_TOK_OPEN] = { "bpt", true, true, "<", ">" },
	[MS_TM_TOK_CLOSE] = { "ept", true, false, "</", ">" },
	[MS_TM_TOK_EMPTY] = { "ph", false, true, "<", "/>" },
};

static void
write_seg(ms_tmx_writer *w, const char *text, const ms_tm_tok *t, size_t n)
{
	char num[24], code[32];
	xmlTextWriterStartElement(w->w, X("seg"));
	for (size_t i = 0; i < n; i++) {
		if (t[i].kind == MS_TM_TOK_TEXT) {
			xmlTextWriterWriteString(w->w, X(xml_clean(text + t[i].off, t[i].len,
			                                           &w->scratch)));
			continue;
		}
		snprintf(num, sizeof num, "%zu", t[i].num);
		snprintf(code, sizeof code, "%s%zu%s", tag_codes[t[i].kind].before, t[i].num,
		         tag_codes[t[i].kind].after);
		xmlTextWriterStartElement(w->w, X(tag_codes[t[i].kind].element));
		if (tag_codes[t[i].kind].i)
			xmlTextWriterWriteAttribute(w->w, X("i"), X(num));
		if (tag_codes[t[i].kind].x)
			xmlTextWriterWriteAttribute(w->w, X("x"), X(num));
		xmlTextWriterWriteString(w->w, X(code));
		xmlTextWriterEndElement(w->w);
	}
	xmlTextWriterEndElement(w->w);
}

static void
write_tuv(ms_tmx_writer *w, const char *lang, const char *text,
          const ms_tm_tok *t, size_t n)
{
	xmlTextWriterWriteRaw(w->w, X("\n      "));
	xmlTextWriterStartElement(w->w, X("tuv"));
	xmlTextWriterWriteAttributeNS(w->w, X("xml"), X("lang"), NULL, X(lang));
	write_seg(w, text, t, n);
	xmlTextWriterEndElement(w->w);
}

bool
ms_tmx_writer_add(ms_tmx_writer *w, const char *context, const char *source,
                  const char *lang, const char *target, const char *note)
{
	ms_tm_tok *ts = NULL, *tt = NULL;
	size_t ns, nt;
	if (!ms_tm_tags_split(source, &ts, &ns) || !ms_tm_tags_split(target, &tt, &nt)) {
		free(ts);
		return false;
	}
	xmlTextWriterWriteRaw(w->w, X("\n    "));
	xmlTextWriterStartElement(w->w, X("tu"));
	if (note && *note) {
		xmlTextWriterWriteRaw(w->w, X("\n      "));
		xmlTextWriterStartElement(w->w, X("note"));
		xmlTextWriterWriteString(w->w, X(xml_clean(note, strlen(note), &w->scratch)));
		xmlTextWriterEndElement(w->w);
	}
	if (context) {
		xmlTextWriterWriteRaw(w->w, X("\n      "));
		xmlTextWriterStartElement(w->w, X("prop"));
		xmlTextWriterWriteAttribute(w->w, X("type"), X("x-context"));
		xmlTextWriterWriteString(w->w, X(xml_clean(context, strlen(context), &w->scratch)));
		xmlTextWriterEndElement(w->w);
	}
	write_tuv(w, w->srclang, source, ts, ns);
	write_tuv(w, lang, target, tt, nt);
	xmlTextWriterWriteRaw(w->w, X("\n    "));
	xmlTextWriterEndElement(w->w);
	w->count++;
	free(ts);
	free(tt);
	return true;
}

void
ms_tmx_writer_finish(ms_tmx_writer *w, ms_buf *out)
{
	xmlTextWriterWriteRaw(w->w, X("\n  "));
	xmlTextWriterEndElement(w->w);   /* body */
	xmlTextWriterWriteRaw(w->w, X("\n"));
	xmlTextWriterEndElement(w->w);   /* tmx */
	xmlTextWriterEndDocument(w->w);
	xmlFreeTextWriter(w->w);         /* flushes into the buffer */
	w->w = NULL;
	ms_buf_put(out, xmlBufferContent(w->buf), (size_t)xmlBufferLength(w->buf));
}

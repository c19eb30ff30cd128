/* fuzz-writers.c — the localised model (fuzz-model.h) through every
 * writer but PDF (fuzz-pdf.c), and through the XLIFF export, each output
 * checked by a parser that is not missive's:
 *
 *   txt    valid UTF-8, no control character but tab and newline
 *   md     the same; the front matter parses as YAML (libyaml), the body
 *          with cmark-gfm has no raw HTML but the tags the
 *          writer means to keep (<sup> <sub> <u> <em> <strong> <br>)
 *   html   the same characters; libxml2's HTML parser reports no error
 *          (HTML5 element names it does not know aside)
 *   json   parses strictly as one JSON value (json-c, when configure
 *          found it) and carries no raw control character
 *   docx   a zip (libzip) whose every .xml and .rels part is well-formed
 *          XML (libxml2)
 *   xlf    well-formed XML, and missive's own XLIFF reader reads it back
 *
 * A writer may refuse a model with an error status, never crash; any
 * failed check aborts with the writer's name and the reason. */
#include <config.h>
#include "fuzz-model.h"
#include "xliff.h"
#ifdef FUZZ_LINKED_PLUGINS
#include "fuzz-zlib.h"
#endif

#include <cmark-gfm.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <yaml.h>
#include <zip.h>
#ifdef HAVE_JSONC
#include <json-c/json.h>
#endif

static void
fail(const char *writer, const char *why, const ms_buf *out)
{
	fprintf(stderr, "fuzz-writers: %s: %s\n", writer, why);
	if (out && out->len < 8192)
		fprintf(stderr, "---\n%.*s\n---\n", (int)out->len, out->ptr);
	abort();
}

/* Valid UTF-8 with no C0 control but tab and newline and no C1 control. */
static void
check_chars(const char *writer, const ms_buf *out)
{
	size_t i;
	if (!ms_utf8_validate(out->ptr, out->len, NULL, NULL, NULL))
		fail(writer, "output is not UTF-8", out);
	for (i = 0; i < out->len; i++) {
		unsigned char c = (unsigned char)out->ptr[i];
		if ((c < 0x20 && c != '\t' && c != '\n')
		    || (c == 0xC2 && i + 1 < out->len
		        && (unsigned char)out->ptr[i + 1] >= 0x80
		        && (unsigned char)out->ptr[i + 1] <= 0x9F))
			fail(writer, "control character in the output", out);
	}
}

/* libxml2 errors, counted by fuzz_xml_error while a check parses. */
static size_t xml_errors;
static bool xml_html;

static void
fuzz_xml_error(void *data, xmlErrorPtr e)
{
	(void)data;
	if (e->level < XML_ERR_ERROR)
		return;
	/* libxml2 2.9's HTML parser knows HTML 4 only: <main>, <section>,
	 * <time>… are "invalid tags", and nothing else is forgiven */
	if (xml_html && e->code == XML_HTML_UNKNOWN_TAG)
		return;
	if (getenv("FUZZ_VERBOSE"))
		fprintf(stderr, "libxml2: line %d: %s", e->line, e->message);
	xml_errors++;
}

/* Whether DATA is well-formed XML (HTML when HTML: parses without an
 * error but unknown element names).  The parser runs with a SAX handler
 * that has no callbacks: every well-formedness and namespace error is
 * the parser's own, raised the same without a tree, and not building
 * the tree (a dozen allocations per element, under ASan) saves a fifth
 * of the harness's time.  One parser context of each kind is reused
 * (xmlCtxtReadMemory resets it). */
static bool
xml_ok(const char *data, size_t len, bool html)
{
	static xmlParserCtxtPtr xml_ctxt;
	static htmlParserCtxtPtr html_ctxt;
	xmlParserCtxtPtr c;
	xmlDocPtr d;
	bool well_formed;
	if (!xml_ctxt) {
		xml_ctxt = xmlNewParserCtxt();
		html_ctxt = htmlNewParserCtxt();
		if (!xml_ctxt || !html_ctxt)
			abort();
		memset(xml_ctxt->sax, 0, sizeof *xml_ctxt->sax);
		xml_ctxt->sax->initialized = XML_SAX2_MAGIC;
		memset(html_ctxt->sax, 0, sizeof *html_ctxt->sax);
		html_ctxt->sax->initialized = XML_SAX2_MAGIC;
	}
	c = html ? html_ctxt : xml_ctxt;
	xml_errors = 0;
	xml_html = html;
	xmlSetStructuredErrorFunc(NULL, fuzz_xml_error);
	if (html)
		d = htmlCtxtReadMemory(c, data, (int)len, "fuzz.html", "UTF-8",
		                       HTML_PARSE_NONET | HTML_PARSE_NOBLANKS);
	else
		d = xmlCtxtReadMemory(c, data, (int)len, "fuzz.xml", NULL,
		                      XML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (d)                  /* no callbacks: the parser builds no tree */
		abort();
	/* a fatal error stops the XML parser (and clears wellFormed); the
	 * HTML parser clears it for every error, forgiven ones too */
	well_formed = html || c->wellFormed;
	return well_formed && xml_errors == 0;
}

static void
check_docx(const ms_buf *out)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	zip_int64_t i, n;
	zip_error_init(&ze);
	src = zip_source_buffer_create(out->ptr, out->len, 0, &ze);
	if (!src)
		abort();
	z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (!z)
		fail("docx", "not a zip archive", NULL);
	n = zip_get_num_entries(z, 0);
	for (i = 0; i < n; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
		size_t nl = name ? strlen(name) : 0;
		zip_stat_t st;
		zip_file_t *f;
		char *buf;
		if (!name || zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0)
			fail("docx", "unreadable zip entry", NULL);
		if (!(nl > 4 && !strcmp(name + nl - 4, ".xml"))
		    && !(nl > 5 && !strcmp(name + nl - 5, ".rels")))
			continue;
		buf = malloc(st.size + 1);
		f = zip_fopen_index(z, (zip_uint64_t)i, 0);
		if (!buf || !f || zip_fread(f, buf, st.size) != (zip_int64_t)st.size)
			fail("docx", "unreadable zip entry", NULL);
		zip_fclose(f);
		if (!xml_ok(buf, st.size, false)) {
			fprintf(stderr, "fuzz-writers: docx: %s\n", name);
			fail("docx", "a part is not well-formed XML", NULL);
		}
		free(buf);
	}
	zip_discard(z);
}

/* Raw HTML the Markdown writer keeps: <sup> <sub> <u> <em> <strong> <br>,
 * opening or closing. */
static bool
md_html_allowed(const char *s)
{
	static const char *const tags[] = { "sup", "sub", "u", "em", "strong",
		"br", "br /", "br/" };
	size_t i, n;
	if (*s++ != '<')
		return false;
	if (*s == '/')
		s++;
	for (i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		n = strlen(tags[i]);
		if (!strncmp(s, tags[i], n) && !strcmp(s + n, ">"))
			return true;
	}
	return false;
}

static void
check_markdown(const ms_buf *out)
{
	const char *body = out->ptr;
	size_t blen = out->len;
	cmark_node *doc, *n;
	cmark_iter *it;
	cmark_event_type ev;
	if (out->len >= 4 && !memcmp(out->ptr, "---\n", 4)) {
		const char *end = strstr(out->ptr + 4, "\n---\n");
		yaml_parser_t p;
		yaml_event_t e;
		bool done = false;
		if (!end)
			fail("markdown", "front matter without its closing line", out);
		yaml_parser_initialize(&p);
		yaml_parser_set_input_string(&p, (const unsigned char *)out->ptr + 4,
		                             (size_t)(end + 1 - (out->ptr + 4)));
		while (!done) {
			if (!yaml_parser_parse(&p, &e))
				fail("markdown", "front matter is not YAML", out);
			done = e.type == YAML_STREAM_END_EVENT;
			yaml_event_delete(&e);
		}
		yaml_parser_delete(&p);
		body = end + 5;
		blen = out->len - (size_t)(body - out->ptr);
	}
	doc = cmark_parse_document(body, blen, CMARK_OPT_DEFAULT);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK)
			fail("markdown", "raw HTML block in the output", out);
		if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE
		    && !md_html_allowed(cmark_node_get_literal(n))) {
			fprintf(stderr, "fuzz-writers: markdown: %s\n",
			        cmark_node_get_literal(n));
			fail("markdown", "raw HTML the writer does not mean to keep", out);
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}

static void
check_json(const ms_buf *out)
{
	check_chars("json", out);
#ifdef HAVE_JSONC
	{
		/* json-c stops at 32 levels by default; a letter may nest 64
		 * blocks and, inside, 64 inlines, each two levels of JSON
		 * (an object and its "children"): doc/json-schema.md */
		json_tokener *t = json_tokener_new_ex(512);
		json_object *o;
		size_t end;
		json_tokener_set_flags(t, JSON_TOKENER_STRICT
		                          | JSON_TOKENER_VALIDATE_UTF8);
		o = json_tokener_parse_ex(t, out->ptr, (int)out->len);
		if (!o || json_tokener_get_error(t) != json_tokener_success)
			fail("json", "not one JSON value", out);
		for (end = json_tokener_get_parse_end(t); end < out->len; end++)
			if (!strchr(" \t\n", out->ptr[end]))
				fail("json", "text after the JSON value", out);
		json_object_put(o);
		json_tokener_free(t);
	}
#endif
}

static void
check_xliff(const fuzz_model *m)
{
	ms_diag_handler h = fuzz_handler();
	ms_buf out = MS_BUF_INIT;
	ms_xliff_doc *d = NULL;
	if (ms_xliff_write_letter(m->src, m->po, NULL, m->lang, m->seg, &out,
	                          &h) != MS_OK) {
		ms_buf_release(&out);
		return;
	}
	if (!xml_ok(out.ptr, out.len, false))
		fail("xliff", "not well-formed XML", &out);
	if (ms_xliff_read_mem("fuzz.xlf", out.ptr, out.len, &d, &h) != MS_OK)
		fail("xliff", "missive cannot read its own XLIFF back", &out);
	ms_xliff_doc_free(d);
	ms_buf_release(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const writers[] = { "text", "markdown", "html",
		"json", "docx" };
	ms_diag_handler h = fuzz_handler();
	uint8_t *copy = fuzz_model_copy(data, size);
	fuzz_model m;
	bool owned;
	size_t i;

	if (fuzz_model_build(&m, copy, size, &owned)) {
		for (i = 0; i < sizeof writers / sizeof writers[0]; i++) {
			ms_buf out = MS_BUF_INIT;
			const char *w = writers[i];
			ms_status st = ms_plugin_render_buf(fuzz_plugin(w), m.out,
			                                    &m.loc, &out, &h);
			if (getenv("FUZZ_VERBOSE"))     /* what a replay checked */
				fprintf(stderr, "fuzz-writers: %s %s: %s, %zu bytes\n%.*s\n",
				        m.lang, w, ms_strerror(st), out.len,
				        strcmp(w, "docx") ? (int)out.len : 0, out.ptr);
			if (st == MS_OK) {
				if (!strcmp(w, "text")) {
					check_chars(w, &out);
				} else if (!strcmp(w, "markdown")) {
					check_chars(w, &out);
					check_markdown(&out);
				} else if (!strcmp(w, "html")) {
					check_chars(w, &out);
					if (!xml_ok(out.ptr, out.len, true))
						fail(w, "libxml2's HTML parser reports errors", &out);
				} else if (!strcmp(w, "json")) {
					check_json(&out);
				} else {
					check_docx(&out);
				}
			}
			ms_buf_release(&out);
		}
		check_xliff(&m);
	}
	fuzz_model_free(&m, owned);
	free(copy);
	return 0;
}

/* docx.c — the "docx" writer: the letter as a WordprocessingML document
 * (Office Open XML), zipped in memory with libzip.
 *
 * Every part of the letter gets a named paragraph style (Date, Recipient,
 * CC, Subject, Salutation, Body Text, Closing, Signatories Heading,
 * Signatories Subheading, Signatory, Draft), so a secretary can restyle
 * the whole letter in Word or LibreOffice in one place.  Default run fonts
 * and the language (w:lang, with w:eastAsia="ko-KR" for Korean) come from
 * the locale; the paper size and 2.5 cm margins from the locale too.  The
 * footer carries the translated "Page %d of %d" label with PAGE and
 * NUMPAGES fields.  Links are w:hyperlink elements whose targets are
 * external relationships.
 *
 * Everything from the letter is XML-escaped (& < > " ') with C0 and C1
 * control characters dropped (XML 1.0 cannot carry C0 controls) and
 * invalid UTF-8 replaced by U+FFFD, so a translation can never inject
 * markup.  The archive is built in a libzip memory source and written to
 * the output once complete; entry times are fixed so that the same letter
 * gives the same bytes. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zip.h>

#include "missive-plugin.h"

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) dgettext("missive", s)
#else
#define _(s) (s)
#endif

#define PLUGIN_NAME "docx"
#define TWIPS_PER_PT 20
#define MARGIN_TWIPS 1417          /* 2.5 cm */
#define CC_INDENT 851              /* 1.5 cm: room for the CC label */
/* 2020-01-01 12:00 UTC: a fixed time for the archive's entries. */
#define ENTRY_TIME ((time_t)1577880000)

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PR "http://schemas.openxmlformats.org/package/2006/relationships"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

MS_PLUGIN_EXPORT const ms_plugin *missive_plugin_describe(void);

/* Run formatting, as bits. */
enum {
	F_BOLD = 1 << 0,
	F_ITALIC = 1 << 1,
	F_UNDERLINE = 1 << 2,
	F_SUP = 1 << 3,
	F_SUB = 1 << 4,
	F_CODE = 1 << 5,
	F_LINK = 1 << 6,
	F_RED = 1 << 7,
};

typedef struct docx_ctx {
	const ms_letter *l;
	const ms_locale *loc;
	ms_diag_handler *diag;
	bool korean;
	ms_buf body;     /* the paragraphs of word/document.xml */
	ms_buf par;      /* runs of the paragraph being built */
	bool par_text;   /* the paragraph has visible content */
	ms_buf rels;     /* hyperlink relationships */
	int next_rid;
} docx_ctx;

/* ------------------------------------------------------------ escaping */

/* Decode one UTF-8 character at *S (advancing it); invalid sequences give
 * U+FFFD and advance one byte. */
static unsigned long
next_char(const unsigned char **s)
{
	const unsigned char *p = *s;
	unsigned long c;
	int n, i;

	if (p[0] < 0x80) {
		*s = p + 1;
		return p[0];
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 1;
		c = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 2;
		c = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 3;
		c = p[0] & 0x07;
	} else {
		*s = p + 1;
		return 0xfffd;
	}
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			*s = p + 1;
			return 0xfffd;
		}
		c = (c << 6) | (p[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond Unicode */
	if ((n == 2 && c < 0x800) || (n == 3 && c < 0x10000) || c > 0x10ffff
	    || (c >= 0xd800 && c <= 0xdfff)) {
		*s = p + 1;
		return 0xfffd;
	}
	*s = p + n + 1;
	return c;
}

static void
put_utf8(ms_buf *b, unsigned long c)
{
	if (c < 0x80) {
		ms_buf_putc(b, (int)c);
	} else if (c < 0x800) {
		ms_buf_putc(b, (int)(0xc0 | (c >> 6)));
		ms_buf_putc(b, (int)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		ms_buf_putc(b, (int)(0xe0 | (c >> 12)));
		ms_buf_putc(b, (int)(0x80 | ((c >> 6) & 0x3f)));
		ms_buf_putc(b, (int)(0x80 | (c & 0x3f)));
	} else {
		ms_buf_putc(b, (int)(0xf0 | (c >> 18)));
		ms_buf_putc(b, (int)(0x80 | ((c >> 12) & 0x3f)));
		ms_buf_putc(b, (int)(0x80 | ((c >> 6) & 0x3f)));
		ms_buf_putc(b, (int)(0x80 | (c & 0x3f)));
	}
}

/* Append S to B escaped for XML text and attribute values.  Tabs and line
 * ends become spaces, other controls (and the non-characters U+FFFE and
 * U+FFFF) are dropped. */
static void
xml_escape(ms_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	if (!s)
		return;
	while (*p) {
		unsigned long c = next_char(&p);
		switch (c) {
		case '&': ms_buf_puts(b, "&amp;"); break;
		case '<': ms_buf_puts(b, "&lt;"); break;
		case '>': ms_buf_puts(b, "&gt;"); break;
		case '"': ms_buf_puts(b, "&quot;"); break;
		case '\'': ms_buf_puts(b, "&apos;"); break;
		case '\t': case '\n': case '\r': ms_buf_putc(b, ' '); break;
		default:
			if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0xfffe
			    || c == 0xffff)
				break;
			put_utf8(b, c);
		}
	}
}

static const char *
nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

/* True when T has no visible text. */
static bool
text_empty(const ms_text *t)
{
	ms_buf b = MS_BUF_INIT;
	bool empty = true;
	if (t->inlines)
		ms_inline_plain(t->inlines, &b);
	else if (t->src)
		ms_buf_puts(&b, t->src);
	for (size_t i = 0; i < b.len && empty; i++)
		empty = b.ptr[i] == ' ' || b.ptr[i] == '\t' || b.ptr[i] == '\n'
		        || b.ptr[i] == '\r';
	ms_buf_release(&b);
	return empty;
}

/* The plain text of T, trimmed, into B (reset); not escaped. */
static const char *
plain_of(const ms_text *t, ms_buf *b)
{
	size_t lead = 0;
	ms_buf_reset(b);
	if (t->inlines)
		ms_inline_plain(t->inlines, b);
	else if (t->src)
		ms_buf_puts(b, t->src);
	while (b->len && strchr(" \t\r\n", b->ptr[b->len - 1]))
		ms_buf_truncate(b, b->len - 1);
	while (lead < b->len && strchr(" \t\r\n", b->ptr[lead]))
		lead++;
	return b->ptr + lead;
}

/* ------------------------------------------------------------ runs */

static void
run_props(ms_buf *b, unsigned fmt)
{
	if (!fmt)
		return;
	ms_buf_puts(b, "<w:rPr>");
	if (fmt & F_LINK)
		ms_buf_puts(b, "<w:rStyle w:val=\"Hyperlink\"/>");
	else if (fmt & F_CODE)
		ms_buf_puts(b, "<w:rStyle w:val=\"Code\"/>");
	if (fmt & F_BOLD)
		ms_buf_puts(b, "<w:b/>");
	if (fmt & F_ITALIC)
		ms_buf_puts(b, "<w:i/>");
	if (fmt & F_RED)
		ms_buf_puts(b, "<w:color w:val=\"C00000\"/>");
	if (fmt & F_UNDERLINE)
		ms_buf_puts(b, "<w:u w:val=\"single\"/>");
	if (fmt & F_SUP)
		ms_buf_puts(b, "<w:vertAlign w:val=\"superscript\"/>");
	else if (fmt & F_SUB)
		ms_buf_puts(b, "<w:vertAlign w:val=\"subscript\"/>");
	ms_buf_puts(b, "</w:rPr>");
}

/* A run of text S with formatting FMT.  Tabs in S become w:tab. */
static void
run(docx_ctx *c, const char *s, unsigned fmt)
{
	ms_buf chunk = MS_BUF_INIT;
	const char *p = s;
	if (!s || !*s)
		return;
	ms_buf_puts(&c->par, "<w:r>");
	run_props(&c->par, fmt);
	while (*p) {
		size_t n = strcspn(p, "\t");
		if (n) {
			ms_buf_reset(&chunk);
			ms_buf_put(&chunk, p, n);
			ms_buf_puts(&c->par, "<w:t xml:space=\"preserve\">");
			xml_escape(&c->par, chunk.ptr);
			ms_buf_puts(&c->par, "</w:t>");
			p += n;
		}
		if (*p == '\t') {
			ms_buf_puts(&c->par, "<w:tab/>");
			p++;
		}
	}
	ms_buf_puts(&c->par, "</w:r>");
	for (p = s; *p && !c->par_text; p++)
		c->par_text = !strchr(" \t\r\n", *p);
	ms_buf_release(&chunk);
}

/* A space run, unless the paragraph is still empty. */
static void
space(docx_ctx *c)
{
	if (c->par_text)
		run(c, " ", 0);
}

/* A relationship for a hyperlink to URL; returns its number. */
static int
add_link_rel(docx_ctx *c, const char *url)
{
	int rid = c->next_rid++;
	ms_buf_printf(&c->rels, "<Relationship Id=\"rId%d\" Type=\"" NS_R
	              "/hyperlink\" Target=\"", rid);
	xml_escape(&c->rels, url);
	ms_buf_puts(&c->rels, "\" TargetMode=\"External\"/>\n");
	return rid;
}

static void
put_inlines(docx_ctx *c, const ms_inline *in, unsigned fmt)
{
	for (; in; in = in->next) {
		switch (in->type) {
		case MS_INLINE_TEXT:
			run(c, in->text, fmt);
			break;
		case MS_INLINE_CODE:
			run(c, in->text, fmt | F_CODE);
			break;
		case MS_INLINE_SOFTBREAK:
			run(c, " ", fmt);
			break;
		case MS_INLINE_LINEBREAK:
			ms_buf_puts(&c->par, "<w:r><w:br/></w:r>");
			break;
		case MS_INLINE_HTML:
			break;  /* raw HTML has no meaning in a Word document */
		case MS_INLINE_EMPH:
			put_inlines(c, in->children, fmt | F_ITALIC);
			break;
		case MS_INLINE_STRONG:
			put_inlines(c, in->children, fmt | F_BOLD);
			break;
		case MS_INLINE_SUP:
			put_inlines(c, in->children, fmt | F_SUP);
			break;
		case MS_INLINE_SUB:
			put_inlines(c, in->children, fmt | F_SUB);
			break;
		case MS_INLINE_UNDERLINE:
			put_inlines(c, in->children, fmt | F_UNDERLINE);
			break;
		case MS_INLINE_LINK:
			if ((fmt & F_LINK) || !nonempty(in->url)) {
				/* hyperlinks do not nest */
				put_inlines(c, in->children, fmt);
				break;
			}
			if (in->url[0] == '#') {
				ms_buf_puts(&c->par, "<w:hyperlink w:anchor=\"");
				xml_escape(&c->par, in->url + 1);
				ms_buf_puts(&c->par, "\" w:history=\"1\">");
			} else {
				ms_buf_printf(&c->par, "<w:hyperlink r:id=\"rId%d\" "
				              "w:history=\"1\">", add_link_rel(c, in->url));
			}
			if (in->children)
				put_inlines(c, in->children, fmt | F_LINK);
			else
				run(c, in->url, fmt | F_LINK);
			ms_buf_puts(&c->par, "</w:hyperlink>");
			break;
		default:  /* kinds newer than this writer: keep their text */
			run(c, in->text, fmt);
			put_inlines(c, in->children, fmt);
			break;
		}
	}
}

static void
put_text(docx_ctx *c, const ms_text *t, unsigned fmt)
{
	if (t->inlines)
		put_inlines(c, t->inlines, fmt);
	else
		run(c, t->src, fmt);
}

/* Finish the paragraph being built with style STYLE and extra paragraph
 * properties PPR (schema order: after pStyle and keepNext).  An empty
 * paragraph is dropped unless KEEP_EMPTY. */
static void
par_end(docx_ctx *c, const char *style, const char *ppr, bool keep_empty)
{
	if (c->par_text || keep_empty) {
		ms_buf_printf(&c->body, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>%s"
		              "</w:pPr>", style, ppr ? ppr : "");
		ms_buf_put(&c->body, c->par.ptr, c->par.len);
		ms_buf_puts(&c->body, "</w:p>\n");
	}
	ms_buf_reset(&c->par);
	c->par_text = false;
}

/* ------------------------------------------------------------ the letter */

/* The lines of one address block, held until the block is complete so
 * that the last line can carry the space after the block. */
typedef struct block {
	ms_buf *lines;   /* run XML of each line */
	size_t n, cap;
} block;

/* End a line of an address block (an empty one is dropped). */
static void
block_line(docx_ctx *c, block *k)
{
	if (c->par_text) {
		if (k->n == k->cap) {
			k->cap = k->cap ? 2 * k->cap : 8;
			k->lines = ms_xrealloc(k->lines, k->cap * sizeof *k->lines);
		}
		ms_buf_init(&k->lines[k->n], c->par.len);
		ms_buf_put(&k->lines[k->n], c->par.ptr, c->par.len);
		k->n++;
		ms_buf_reset(&c->par);
		c->par_text = false;
	}
}

static void
block_end(docx_ctx *c, block *k, const char *style, bool cc_label)
{
	char ppr[160];
	ms_buf_reset(&c->par);
	for (size_t i = 0; i < k->n; i++) {
		snprintf(ppr, sizeof ppr, "%s", i + 1 == k->n
		         ? "<w:spacing w:after=\"240\"/>" : "");
		if (i == 0 && cc_label)
			snprintf(ppr + strlen(ppr), sizeof ppr - strlen(ppr),
			         "<w:ind w:left=\"%d\" w:hanging=\"%d\"/>",
			         CC_INDENT, CC_INDENT);
		ms_buf_put(&c->par, k->lines[i].ptr, k->lines[i].len);
		c->par_text = true;
		par_end(c, style, ppr, false);
		ms_buf_release(&k->lines[i]);
	}
	free(k->lines);
	c->par_text = false;
}

static void
put_person(docx_ctx *c, const ms_recipient *r, const char *cc_label)
{
	const ms_letter *l = c->l;
	const ms_locale *loc = c->loc;
	block k = { NULL, 0, 0 };

	if (cc_label && *cc_label) {
		/* The label starts the block's first line, whichever it is. */
		run(c, cc_label, F_BOLD);
		run(c, "\t", 0);
		c->par_text = false;
	}
	if (loc->name_after_title || cc_label) {
		put_text(c, &r->title, 0);
		space(c);
		put_text(c, &r->name, 0);
		if (loc->name_after_title && nonempty(loc->recipient_suffix)) {
			space(c);
			run(c, loc->recipient_suffix, 0);
		}
		block_line(c, &k);
	} else {
		put_text(c, &r->name, 0);
		block_line(c, &k);
		put_text(c, &r->title, 0);
		block_line(c, &k);
	}
	put_text(c, &r->organisation, 0);
	block_line(c, &k);
	for (const ms_line *a = r->address; a; a = a->next) {
		put_text(c, &a->text, 0);
		block_line(c, &k);
	}
	for (const ms_line *f = r->fax; f; f = f->next) {
		if (text_empty(&f->text))
			continue;
		if (nonempty(l->labels.fax)) {
			run(c, l->labels.fax, 0);
			run(c, " ", 0);
		}
		put_text(c, &f->text, 0);
		block_line(c, &k);
	}
	for (const ms_line *e = r->email; e; e = e->next) {
		if (text_empty(&e->text))
			continue;
		if (nonempty(l->labels.email)) {
			run(c, l->labels.email, 0);
			run(c, " ", 0);
		}
		put_text(c, &e->text, 0);
		block_line(c, &k);
	}
	block_end(c, &k, cc_label ? "CC" : "Recipient",
	          cc_label && *cc_label);
}

static void put_blocks(docx_ctx *c, const ms_block *b, int indent,
                       const char *marker);

static void
put_block(docx_ctx *c, const ms_block *b, int indent, const char *marker)
{
	char style[32], ppr[128];
	int n;

	ppr[0] = '\0';
	if (indent > 0)
		snprintf(ppr, sizeof ppr,
		         marker ? "<w:ind w:left=\"%d\" w:hanging=\"360\"/>"
		                : "<w:ind w:left=\"%d\"/>", indent);
	if (marker) {
		run(c, marker, 0);
		run(c, "\t", 0);
	}
	switch (b->type) {
	case MS_BLOCK_PARAGRAPH:
		put_inlines(c, b->inlines, 0);
		par_end(c, indent ? "ListParagraph" : "BodyText", ppr, false);
		break;
	case MS_BLOCK_HEADING:
		snprintf(style, sizeof style, "Heading%d",
		         b->level >= 1 && b->level <= 6 ? b->level : 1);
		put_inlines(c, b->inlines, 0);
		par_end(c, style, ppr, false);
		break;
	case MS_BLOCK_LIST:
		n = b->start;
		for (const ms_block *item = b->children; item; item = item->next) {
			char mark[32];
			if (b->ordered)
				snprintf(mark, sizeof mark, "%d.", n++);
			else
				snprintf(mark, sizeof mark, "\xe2\x80\xa2");
			if (item->type == MS_BLOCK_ITEM)
				put_blocks(c, item->children, indent + 720, mark);
			else
				put_block(c, item, indent + 720, mark);
		}
		break;
	case MS_BLOCK_QUOTE:
		for (const ms_block *q = b->children; q; q = q->next) {
			if (q->type == MS_BLOCK_PARAGRAPH) {
				put_inlines(c, q->inlines, 0);
				par_end(c, "Quote", ppr, false);
			} else {
				put_block(c, q, indent + 720, NULL);
			}
		}
		break;
	case MS_BLOCK_BREAK:
		run(c, "*\xe2\x80\x83*\xe2\x80\x83*", 0);
		par_end(c, "BodyText", "<w:jc w:val=\"center\"/>", false);
		break;
	default:  /* items out of place, or kinds newer than this writer */
		if (b->children) {
			put_blocks(c, b->children, indent, NULL);
		} else {
			put_inlines(c, b->inlines, 0);
			par_end(c, "BodyText", ppr, false);
		}
		break;
	}
}

static void
put_blocks(docx_ctx *c, const ms_block *b, int indent, const char *marker)
{
	for (bool top = true; b; b = b->next, top = false)
		put_block(c, b, indent, top ? marker : NULL);
}

static void
put_signatories(docx_ctx *c, const ms_signatory *s, const char *heading,
                bool individuals)
{
	if (!s)
		return;
	if (heading) {
		run(c, heading, 0);
		par_end(c, "SignatoriesSubheading", NULL, false);
	}
	for (; s; s = s->next) {
		put_text(c, &s->name, 0);
		if (individuals && !text_empty(&s->affiliation)) {
			run(c, " / ", 0);
			put_text(c, &s->affiliation, 0);
		}
		par_end(c, "Signatory", NULL, false);
	}
}

static void
build_body(docx_ctx *c)
{
	const ms_letter *l = c->l;
	const ms_locale *loc = c->loc;
	ms_buf tmp = MS_BUF_INIT;

	if (loc->draft && nonempty(l->labels.draft)) {
		run(c, l->labels.draft, F_BOLD | F_RED);
		par_end(c, "Draft", NULL, false);
	}

	if (nonempty(l->date_text))
		run(c, l->date_text, 0);
	else if (l->date.year) {
		ms_buf_printf(&tmp, "%04d-%02d-%02d", l->date.year, l->date.month,
		              l->date.day);
		run(c, tmp.ptr, 0);
	}
	par_end(c, "Date", NULL, false);

	for (const ms_recipient *r = l->recipients; r; r = r->next)
		put_person(c, r, NULL);
	for (const ms_recipient *r = l->cc; r; r = r->next)
		put_person(c, r, r == l->cc ? (l->labels.cc ? l->labels.cc : "")
		               : "");

	if (!text_empty(&l->subject)) {
		if (nonempty(l->labels.subject)) {
			run(c, l->labels.subject, 0);
			run(c, " ", 0);
		}
		put_text(c, &l->subject, 0);
		par_end(c, "Subject", NULL, false);
	}
	put_text(c, &l->salutation, 0);
	par_end(c, "Salutation", NULL, false);
	put_blocks(c, l->body, 0, NULL);
	put_text(c, &l->closing, 0);
	par_end(c, "Closing", NULL, false);

	if (l->groups || l->individuals) {
		if (nonempty(l->labels.signatories))
			run(c, l->labels.signatories, 0);
		ms_buf_reset(&tmp);
		if (nonempty(l->as_of_text))
			ms_buf_puts(&tmp, l->as_of_text);
		else if (l->signed_as_of.year)
			ms_buf_printf(&tmp, "%04d-%02d-%02d", l->signed_as_of.year,
			              l->signed_as_of.month, l->signed_as_of.day);
		if (tmp.len) {
			/* The label is translated: never use it as a format. */
			const char *as_of = nonempty(l->labels.as_of)
			                    ? l->labels.as_of : "%s";
			const char *mark = strstr(as_of, "%s");
			ms_buf s = MS_BUF_INIT;
			ms_buf_puts(&s, c->par_text ? " (" : "(");
			if (mark) {
				ms_buf_put(&s, as_of, (size_t)(mark - as_of));
				ms_buf_puts(&s, tmp.ptr);
				ms_buf_puts(&s, mark + 2);
			} else {
				ms_buf_printf(&s, "%s %s", as_of, tmp.ptr);
			}
			ms_buf_putc(&s, ')');
			run(c, s.ptr, 0);
			ms_buf_release(&s);
		}
		par_end(c, "SignatoriesHeading", NULL, false);
		put_signatories(c, l->groups, nonempty(l->labels.groups), false);
		put_signatories(c, l->individuals, nonempty(l->labels.individuals),
		                true);
	}
	ms_buf_release(&tmp);
}

/* ------------------------------------------------------------ parts */

static const char *
lang_of(const docx_ctx *c)
{
	const char *lang = c->loc->lang ? c->loc->lang : c->l->lang;
	return nonempty(lang) ? lang : "en";
}

/* w:lang for the letter's language ("ko" becomes "ko-KR"). */
static void
put_lang(docx_ctx *c, ms_buf *b)
{
	ms_buf_puts(b, "<w:lang w:val=\"");
	xml_escape(b, c->korean && strlen(lang_of(c)) == 2 ? "ko-KR" : lang_of(c));
	ms_buf_puts(b, "\"");
	if (c->korean)
		ms_buf_puts(b, " w:eastAsia=\"ko-KR\"");
	ms_buf_puts(b, "/>");
}

/* A style definition.  Styles whose NAME is one of Word's built-in names
 * ("Body Text", "heading 1", "Date", …) are not marked custom, so Word
 * treats them as its own. */
static void
style(ms_buf *b, const char *type, const char *id, const char *name,
      const char *based_on, const char *ppr, const char *rpr)
{
	static const char *const builtin[] = {
		"Body Text", "List Paragraph", "Quote", "Date", "Salutation",
		"Closing", "footer", "Hyperlink", NULL
	};
	bool custom = strncmp(name, "heading ", 8) != 0;
	for (size_t i = 0; builtin[i] && custom; i++)
		custom = strcmp(name, builtin[i]) != 0;
	ms_buf_printf(b, "<w:style w:type=\"%s\"%s w:styleId=\"%s\">"
	              "<w:name w:val=\"%s\"/>", type,
	              custom ? " w:customStyle=\"1\"" : "", id, name);
	if (based_on)
		ms_buf_printf(b, "<w:basedOn w:val=\"%s\"/>", based_on);
	ms_buf_puts(b, "<w:qFormat/>");
	if (ppr)
		ms_buf_printf(b, "<w:pPr>%s</w:pPr>", ppr);
	if (rpr)
		ms_buf_printf(b, "<w:rPr>%s</w:rPr>", rpr);
	ms_buf_puts(b, "</w:style>\n");
}

static void
styles_xml(docx_ctx *c, ms_buf *b)
{
	const char *font = nonempty(c->loc->font_serif) ? c->loc->font_serif
	                   : "Noto Serif";
	int size = c->korean ? 21 : 22;  /* half-points */
	bool right = c->loc->date_align && !strcmp(c->loc->date_align, "right");
	char ppr[200];

	ms_buf_puts(b, XML_DECL "<w:styles xmlns:w=\"" NS_W "\">\n"
	            "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"");
	xml_escape(b, font);
	ms_buf_puts(b, "\" w:hAnsi=\"");
	xml_escape(b, font);
	ms_buf_puts(b, "\" w:eastAsia=\"");
	xml_escape(b, font);
	ms_buf_puts(b, "\" w:cs=\"");
	xml_escape(b, font);
	ms_buf_printf(b, "\"/><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>",
	              size, size);
	put_lang(c, b);
	ms_buf_puts(b, "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
	            "<w:spacing w:after=\"0\" w:line=\"264\" w:lineRule=\"auto\"/>"
	            "</w:pPr></w:pPrDefault></w:docDefaults>\n");

	ms_buf_puts(b, "<w:style w:type=\"paragraph\" w:default=\"1\" "
	            "w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
	            "<w:pPr><w:widowControl/></w:pPr></w:style>\n");
	ms_buf_puts(b, "<w:style w:type=\"character\" w:default=\"1\" "
	            "w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default "
	            "Paragraph Font\"/><w:uiPriority w:val=\"1\"/>"
	            "<w:semiHidden/></w:style>\n");

	style(b, "paragraph", "Draft", "Draft", "Normal",
	      "<w:spacing w:after=\"240\"/>",
	      "<w:b/><w:color w:val=\"C00000\"/><w:sz w:val=\"28\"/>");
	style(b, "paragraph", "Date", "Date", "Normal", right
	      ? "<w:spacing w:after=\"360\"/><w:jc w:val=\"right\"/>"
	      : "<w:spacing w:after=\"360\"/>", NULL);
	style(b, "paragraph", "Recipient", "Recipient", "Normal",
	      "<w:keepNext/><w:keepLines/>", NULL);
	snprintf(ppr, sizeof ppr, "<w:keepNext/><w:keepLines/>"
	         "<w:ind w:left=\"%d\"/>", CC_INDENT);
	style(b, "paragraph", "CC", "CC", "Recipient", ppr, NULL);
	style(b, "paragraph", "Subject", "Subject", "Normal",
	      "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"240\"/>",
	      "<w:b/>");
	style(b, "paragraph", "Salutation", "Salutation", "Normal",
	      "<w:keepNext/><w:spacing w:after=\"200\"/>", NULL);
	style(b, "paragraph", "BodyText", "Body Text", "Normal",
	      "<w:spacing w:after=\"200\"/>", NULL);
	style(b, "paragraph", "ListParagraph", "List Paragraph", "BodyText",
	      "<w:spacing w:after=\"100\"/><w:ind w:left=\"720\"/>", NULL);
	style(b, "paragraph", "Quote", "Quote", "BodyText",
	      "<w:ind w:left=\"720\" w:right=\"720\"/>", "<w:i/>");
	style(b, "paragraph", "Closing", "Closing", "Normal",
	      "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"360\"/>", NULL);
	style(b, "paragraph", "SignatoriesHeading", "Signatories Heading",
	      "Normal", "<w:keepNext/><w:spacing w:before=\"240\" "
	      "w:after=\"120\"/>", "<w:b/>");
	style(b, "paragraph", "SignatoriesSubheading", "Signatories Subheading",
	      "Normal", "<w:keepNext/><w:spacing w:before=\"160\" "
	      "w:after=\"60\"/>", "<w:i/>");
	style(b, "paragraph", "Signatory", "Signatory", "Normal",
	      "<w:ind w:left=\"360\" w:hanging=\"360\"/>", NULL);
	for (int i = 1; i <= 6; i++) {
		char id[16], name[16], rpr[64];
		snprintf(id, sizeof id, "Heading%d", i);
		snprintf(name, sizeof name, "heading %d", i);
		snprintf(ppr, sizeof ppr, "<w:keepNext/><w:keepLines/>"
		         "<w:spacing w:before=\"240\" w:after=\"120\"/>"
		         "<w:outlineLvl w:val=\"%d\"/>", i - 1);
		snprintf(rpr, sizeof rpr, "<w:b/><w:sz w:val=\"%d\"/>",
		         i == 1 ? size + 8 : i == 2 ? size + 4 : size);
		style(b, "paragraph", id, name, "Normal", ppr, rpr);
	}
	style(b, "paragraph", "Footer", "footer", "Normal",
	      "<w:jc w:val=\"center\"/>",
	      "<w:color w:val=\"595959\"/><w:sz w:val=\"18\"/>");
	style(b, "character", "Hyperlink", "Hyperlink", "DefaultParagraphFont",
	      NULL, "<w:color w:val=\"1F3C88\"/><w:u w:val=\"single\"/>");
	ms_buf_puts(b, "<w:style w:type=\"character\" w:customStyle=\"1\" "
	            "w:styleId=\"Code\"><w:name w:val=\"Code\"/>"
	            "<w:basedOn w:val=\"DefaultParagraphFont\"/><w:rPr>"
	            "<w:rFonts w:ascii=\"Noto Sans Mono\" w:hAnsi=\"Noto Sans "
	            "Mono\"/></w:rPr></w:style>\n");
	ms_buf_puts(b, "</w:styles>\n");
}

static void
field(ms_buf *b, const char *name)
{
	ms_buf_printf(b, "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
	              "<w:r><w:instrText xml:space=\"preserve\"> %s "
	              "</w:instrText></w:r>"
	              "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
	              "<w:r><w:t>1</w:t></w:r>"
	              "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>", name);
}

static void
footer_text(ms_buf *b, const char *s, size_t n)
{
	ms_buf t = MS_BUF_INIT;
	if (!n)
		return;
	ms_buf_put(&t, s, n);
	ms_buf_puts(b, "<w:r><w:t xml:space=\"preserve\">");
	xml_escape(b, t.ptr);
	ms_buf_puts(b, "</w:t></w:r>");
	ms_buf_release(&t);
}

/* The footer: "Page %d of %d" with PAGE and NUMPAGES fields in place of
 * the numbers ("%d" takes them in order, "%1$d" and "%2$d" by name). */
static void
footer_xml(docx_ctx *c, ms_buf *b)
{
	const char *label = nonempty(c->l->labels.page) ? c->l->labels.page
	                    : "%d / %d";
	const char *p = label, *lit = label;
	int next = 0;

	ms_buf_puts(b, XML_DECL "<w:ftr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R
	            "\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>");
	while (*p) {
		int which = -1;
		size_t skip = 0;
		if (p[0] == '%' && p[1] == 'd') {
			which = next++;
			skip = 2;
		} else if (p[0] == '%' && (p[1] == '1' || p[1] == '2')
		           && p[2] == '$' && p[3] == 'd') {
			which = p[1] - '1';
			skip = 4;
		} else if (p[0] == '%' && p[1] == '%') {
			footer_text(b, lit, (size_t)(p - lit) + 1);
			p += 2;
			lit = p;
			continue;
		}
		if (which < 0) {
			p++;
			continue;
		}
		footer_text(b, lit, (size_t)(p - lit));
		field(b, which == 0 ? "PAGE" : "NUMPAGES");
		p += skip;
		lit = p;
	}
	footer_text(b, lit, (size_t)(p - lit));
	ms_buf_puts(b, "</w:p></w:ftr>\n");
}

static void
document_xml(docx_ctx *c, ms_buf *b)
{
	double w = c->loc->paper_width_pt > 72 ? c->loc->paper_width_pt
	           : 595.276;
	double h = c->loc->paper_height_pt > 72 ? c->loc->paper_height_pt
	           : 841.89;
	ms_buf_puts(b, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\""
	            NS_R "\">\n<w:body>\n");
	ms_buf_put(b, c->body.ptr, c->body.len);
	ms_buf_printf(b, "<w:sectPr><w:footerReference w:type=\"default\" "
	              "r:id=\"rId3\"/><w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
	              "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" "
	              "w:left=\"%d\" w:header=\"708\" w:footer=\"567\" "
	              "w:gutter=\"0\"/></w:sectPr>\n</w:body>\n</w:document>\n",
	              (int)(w * TWIPS_PER_PT + 0.5), (int)(h * TWIPS_PER_PT + 0.5),
	              MARGIN_TWIPS, MARGIN_TWIPS, MARGIN_TWIPS, MARGIN_TWIPS);
}

static void
settings_xml(docx_ctx *c, ms_buf *b)
{
	ms_buf_puts(b, XML_DECL "<w:settings xmlns:w=\"" NS_W "\">"
	            "<w:defaultTabStop w:val=\"720\"/>"
	            "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
	            "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
	            "w:uri=\"http://schemas.microsoft.com/office/word\" "
	            "w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"");
	xml_escape(b, c->korean ? "en-US" : lang_of(c));
	ms_buf_puts(b, c->korean ? "\" w:eastAsia=\"ko-KR\"/>" : "\"/>");
	ms_buf_puts(b, "</w:settings>\n");
}

static void
core_xml(docx_ctx *c, ms_buf *b)
{
	const ms_letter *l = c->l;
	ms_buf t = MS_BUF_INIT;
	const char *author;

	ms_buf_puts(b, XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas."
	            "openxmlformats.org/package/2006/metadata/core-properties\" "
	            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	            "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
	            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
	ms_buf_puts(b, "<dc:title>");
	xml_escape(b, plain_of(&l->subject, &t));
	ms_buf_puts(b, "</dc:title>");
	author = plain_of(&l->author, &t);
	if (!*author && l->groups)
		author = plain_of(&l->groups->name, &t);
	if (*author) {
		ms_buf_puts(b, "<dc:creator>");
		xml_escape(b, author);
		ms_buf_puts(b, "</dc:creator>");
	}
	ms_buf_puts(b, "<dc:language>");
	xml_escape(b, lang_of(c));
	ms_buf_puts(b, "</dc:language></cp:coreProperties>\n");
	ms_buf_release(&t);
}

static void
app_xml(docx_ctx *c, ms_buf *b)
{
	ms_buf_puts(b, XML_DECL "<Properties xmlns=\"http://schemas."
	            "openxmlformats.org/officeDocument/2006/extended-properties\">"
	            "<Application>");
	xml_escape(b, nonempty(c->loc->generator) ? c->loc->generator
	           : "missive");
	ms_buf_puts(b, "</Application></Properties>\n");
}

static const char content_types[] = XML_DECL
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	"content-types\">\n"
	"<Default Extension=\"rels\" ContentType=\"application/vnd."
	"openxmlformats-package.relationships+xml\"/>\n"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>\n"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\n"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\n"
	"<Override PartName=\"/word/settings.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\n"
	"<Override PartName=\"/word/footer1.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\n"
	"<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
	"vnd.openxmlformats-package.core-properties+xml\"/>\n"
	"<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.extended-properties+xml\"/>\n"
	"</Types>\n";

static const char package_rels[] = XML_DECL
	"<Relationships xmlns=\"" NS_PR "\">\n"
	"<Relationship Id=\"rId1\" Type=\"" NS_R "/officeDocument\" "
	"Target=\"word/document.xml\"/>\n"
	"<Relationship Id=\"rId2\" Type=\"" NS_PR "/metadata/core-properties\" "
	"Target=\"docProps/core.xml\"/>\n"
	"<Relationship Id=\"rId3\" Type=\"" NS_R "/extended-properties\" "
	"Target=\"docProps/app.xml\"/>\n"
	"</Relationships>\n";

static void
document_rels(docx_ctx *c, ms_buf *b)
{
	ms_buf_puts(b, XML_DECL "<Relationships xmlns=\"" NS_PR "\">\n"
	            "<Relationship Id=\"rId1\" Type=\"" NS_R "/styles\" "
	            "Target=\"styles.xml\"/>\n"
	            "<Relationship Id=\"rId2\" Type=\"" NS_R "/settings\" "
	            "Target=\"settings.xml\"/>\n"
	            "<Relationship Id=\"rId3\" Type=\"" NS_R "/footer\" "
	            "Target=\"footer1.xml\"/>\n");
	ms_buf_put(b, c->rels.ptr, c->rels.len);
	ms_buf_puts(b, "</Relationships>\n");
}

/* ------------------------------------------------------------ the archive */

static ms_status
archive_fail(ms_diag_handler *diag, const char *what, zip_error_t *err)
{
	ms_diag_emit(diag, MS_ERROR, PLUGIN_NAME, NULL, 0, 0,
	             _("cannot build the docx archive (%s): %s"), what,
	             zip_error_strerror(err));
	return MS_ERR_RENDER;
}

/* Add NAME with the contents of B (taken: B is left empty). */
static bool
add_part(zip_t *za, const char *name, ms_buf *b)
{
	size_t len = 0;
	char *data = ms_buf_detach(b, &len);
	zip_source_t *src = zip_source_buffer(za, data, len, 1);
	zip_int64_t idx;

	if (!src) {
		free(data);
		return false;
	}
	idx = zip_file_add(za, name, src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(src);
		return false;
	}
	return zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE,
	                                 9) == 0
	       && zip_file_set_mtime(za, (zip_uint64_t)idx, ENTRY_TIME, 0) == 0;
}

/* Copy the finished archive in SRC to OUT. */
static ms_status
copy_out(zip_source_t *src, ms_output *out, ms_diag_handler *diag)
{
	char chunk[16384];
	zip_int64_t n;
	ms_status st = MS_OK;

	if (zip_source_open(src) < 0)
		return archive_fail(diag, "zip_source_open", zip_source_error(src));
	while ((n = zip_source_read(src, chunk, sizeof chunk)) > 0) {
		st = ms_output_write(out, chunk, (size_t)n);
		if (st != MS_OK)
			break;
	}
	if (n < 0 && st == MS_OK)
		st = archive_fail(diag, "zip_source_read", zip_source_error(src));
	zip_source_close(src);
	return st;
}

static ms_status
docx_render(const ms_letter *l, const ms_locale *locale, ms_output *out,
            ms_diag_handler *diag)
{
	static const char *const names[] = {
		"[Content_Types].xml", "_rels/.rels", "word/document.xml",
		"word/styles.xml", "word/settings.xml", "word/footer1.xml",
		"word/_rels/document.xml.rels", "docProps/core.xml",
		"docProps/app.xml",
	};
	ms_buf parts[sizeof names / sizeof names[0]];
	size_t nparts = sizeof names / sizeof names[0];
	ms_locale defaults;
	docx_ctx c;
	zip_error_t zerr;
	zip_source_t *src;
	zip_t *za;
	ms_status st = MS_OK;
	const char *lang;

	if (!l || !out)
		return MS_ERR_USAGE;
	if (!locale) {
		memset(&defaults, 0, sizeof defaults);
		locale = &defaults;
	}
	memset(&c, 0, sizeof c);
	c.l = l;
	c.loc = locale;
	c.diag = diag;
	c.next_rid = 10;
	ms_buf_init(&c.body, 16384);
	ms_buf_init(&c.par, 1024);
	ms_buf_init(&c.rels, 0);
	lang = lang_of(&c);
	c.korean = (lang[0] == 'k' || lang[0] == 'K')
	           && (lang[1] == 'o' || lang[1] == 'O')
	           && (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');

	build_body(&c);
	for (size_t i = 0; i < nparts; i++)
		ms_buf_init(&parts[i], 0);
	ms_buf_puts(&parts[0], content_types);
	ms_buf_puts(&parts[1], package_rels);
	document_xml(&c, &parts[2]);
	styles_xml(&c, &parts[3]);
	settings_xml(&c, &parts[4]);
	footer_xml(&c, &parts[5]);
	document_rels(&c, &parts[6]);
	core_xml(&c, &parts[7]);
	app_xml(&c, &parts[8]);

	zip_error_init(&zerr);
	src = zip_source_buffer_create(NULL, 0, 0, &zerr);
	if (!src) {
		st = archive_fail(diag, "zip_source_buffer_create", &zerr);
		goto done;
	}
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &zerr);
	if (!za) {
		st = archive_fail(diag, "zip_open_from_source", &zerr);
		zip_source_free(src);
		goto done;
	}
	for (size_t i = 0; i < nparts; i++) {
		if (!add_part(za, names[i], &parts[i])) {
			st = archive_fail(diag, names[i], zip_get_error(za));
			zip_discard(za);
			zip_source_free(src);
			goto done;
		}
	}
	if (zip_close(za) < 0) {
		st = archive_fail(diag, "zip_close", zip_get_error(za));
		zip_discard(za);
		zip_source_free(src);
		goto done;
	}
	st = copy_out(src, out, diag);
	zip_source_free(src);

done:
	zip_error_fini(&zerr);
	for (size_t i = 0; i < nparts; i++)
		ms_buf_release(&parts[i]);
	ms_buf_release(&c.body);
	ms_buf_release(&c.par);
	ms_buf_release(&c.rels);
	return st;
}

static const char *const docx_extensions[] = { "docx", NULL };

static const ms_plugin docx_plugin = {
	MS_PLUGIN_ABI_MAJOR, MS_PLUGIN_ABI_MINOR, sizeof(ms_plugin),
	PLUGIN_NAME, "Word document (Office Open XML) with named styles", "1.0",
	docx_extensions, MS_CAP_BINARY | MS_CAP_REENTRANT, docx_render, { NULL }
};

const ms_plugin *
missive_plugin_describe(void)
{
	return &docx_plugin;
}

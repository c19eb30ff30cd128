/* docx.c — the "docx" writer: the letter as a WordprocessingML document
 * (Office Open XML), zipped in memory with libzip.
 *
 * Every part of the letter gets a named paragraph style (Date, Recipient,
 * CC, Subject, Salutation, Body Text, Closing, Signatories Heading,
 * Signatories Subheading, Signatory, Draft), so a secretary can restyle
 * the whole letter in Word or LibreOffice in one place.  Default run
 * fonts, their size and the language come from the locale (w:lang, and
 * w:eastAsia with ms_locale.east_asian_lang for languages written in an
 * East Asian script); the paper size and 2.5 cm margins too.  The parts
 * come from the kit's iterator (missive-kit.h); this file knows only WordML.  The
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

#include "missive-kit.h"
#include "paint.h"

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
#define NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_PIC "http://schemas.openxmlformats.org/drawingml/2006/picture"
#define NS_ASVG "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
#define EMU_PER_PT 12700
/* The boxes the letter's images are fitted in (points), as in the PDF:
 * the logo above the letterhead, a signature above its signer. */
#define LOGO_MAX_W (6.0 / 2.54 * 72)
#define LOGO_MAX_H (1.8 / 2.54 * 72)
#define SIGNATURE_MAX_W (5.0 / 2.54 * 72)
#define SIGNATURE_MAX_H (1.5 / 2.54 * 72)
/* An SVG's PNG rendering for word processors that cannot draw SVG. */
#define RASTER_DPI 300
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
	F_DOTS = 1 << 8,      /* emphasis marks (w:em) */
	F_STRIKE = 1 << 9,
};

/* An image part (word/media/imageN.png or .svg). */
typedef struct docx_media {
	char name[32];        /* "media/image1.png" */
	unsigned char *data;
	size_t len;
	bool owned;           /* DATA is ours to free (a rendering) */
} docx_media;

typedef struct docx_ctx {
	const ms_letter *l;
	const ms_locale *loc;
	ms_diag_handler *diag;
	unsigned fmt;    /* run formatting of the inlines being read */
	ms_kit_iter *it; /* the letter's events */
	ms_buf notes;    /* w:footnote elements of links shown as notes */
	struct { int number, id; } fn[64]; /* the letter's footnotes cited
	                     so far, and their w:footnote ids */
	int nfn;
	int nnotes;
	ms_kit_frames frames;    /* per depth: where nested blocks go */
	ms_buf body;     /* the paragraphs of word/document.xml */
	ms_buf par;      /* runs of the paragraph being built */
	bool par_text;   /* the paragraph has visible content */
	ms_buf rels;     /* hyperlink and image relationships */
	int next_rid;
	docx_media *media;    /* the images, in order */
	size_t nmedia, capmedia;
	bool svg;             /* an SVG part is among them */
	bool jpeg;            /* a JPEG part is among them */
	ms_status status;
} docx_ctx;

/* ------------------------------------------------------------ escaping */

/* Append S to B escaped for XML text and attribute values.  Tabs and line
 * ends become spaces, other controls (and the non-characters U+FFFE and
 * U+FFFF) are dropped, invalid UTF-8 becomes U+FFFD. */
static void
xml_escape(ms_buf *b, const char *s)
{
	size_t n, i = 0;
	if (!s)
		return;
	n = strlen(s);
	while (i < n) {
		uint32_t c;
		size_t len = ms_utf8_decode(s + i, n - i, &c);
		switch (c) {
		case '&': ms_buf_puts(b, "&amp;"); break;
		case '<': ms_buf_puts(b, "&lt;"); break;
		case '>': ms_buf_puts(b, "&gt;"); break;
		case '"': ms_buf_puts(b, "&quot;"); break;
		case '\'': ms_buf_puts(b, "&apos;"); break;
		case '\t': case '\n': case '\r': ms_buf_putc(b, ' '); break;
		case UINT32_MAX: ms_buf_puts(b, "\xef\xbf\xbd"); break;
		default:
			if (!(c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0xfffe
			      || c == 0xffff))
				ms_buf_put(b, s + i, len);
			break;
		}
		i += len;
	}
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
	if (fmt & F_STRIKE)   /* schema order: after w:i, before w:color */
		ms_buf_puts(b, "<w:strike/>");
	if (fmt & F_RED)
		ms_buf_puts(b, "<w:color w:val=\"C00000\"/>");
	if (fmt & F_UNDERLINE)
		ms_buf_puts(b, "<w:u w:val=\"single\"/>");
	if (fmt & F_SUP)
		ms_buf_puts(b, "<w:vertAlign w:val=\"superscript\"/>");
	else if (fmt & F_SUB)
		ms_buf_puts(b, "<w:vertAlign w:val=\"subscript\"/>");
	if (fmt & F_DOTS)
		ms_buf_puts(b, "<w:em w:val=\"dot\"/>");
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
	memset(k, 0, sizeof *k);
	c->par_text = false;
}

/* Where the blocks inside a container go: their indent (twips), the
 * marker before the first one (a list item's), and the paragraph
 * properties of the block itself.  Copied, never pointed to: frames
 * move. */
typedef struct docx_frame {
	int indent;
	char marker[32];
	char ppr[128];
} docx_frame;

static docx_frame *
frame_at(docx_ctx *c, int depth)
{
	return ms_kit_frame(&c->frames, depth);
}

static bool
in_quote(const ms_kit_node *n)
{
	return n->parent->part == MS_KIT_BLOCK
	       && n->parent->block->type == MS_BLOCK_QUOTE;
}

static void
block_enter(docx_ctx *c, const ms_kit_node *n)
{
	const ms_block *b = n->block;
	docx_frame *f = frame_at(c, n->depth), *up = frame_at(c, n->depth - 1);
	const char *marker;

	if (ms_kit_list_of(n)) {
		/* An item: its blocks go 720 twips right of the list. */
		f->indent = up->indent + 720;
		if (n->parent->block->ordered)
			snprintf(f->marker, sizeof f->marker, "%ld.", n->number);
		else
			snprintf(f->marker, sizeof f->marker, "\xe2\x80\xa2");
		return;
	}
	if (in_quote(n) && b->type == MS_BLOCK_PARAGRAPH)
		return;  /* a quoted paragraph: the quote's style and place */
	f->indent = up->indent + (in_quote(n) ? 720 : 0);
	marker = n->index == 0 && *up->marker && !in_quote(n) ? up->marker
	                                                      : NULL;
	f->ppr[0] = '\0';
	if (f->indent > 0)
		snprintf(f->ppr, sizeof f->ppr,
		         marker ? "<w:ind w:left=\"%d\" w:hanging=\"360\"/>"
		                : "<w:ind w:left=\"%d\"/>", f->indent);
	if (marker) {
		run(c, marker, 0);
		run(c, "\t", 0);
	}
	f->marker[0] = '\0';
	if (b->type == MS_BLOCK_BREAK) {
		run(c, "*\xe2\x80\x83*\xe2\x80\x83*", 0);
		par_end(c, "BodyText", "<w:jc w:val=\"center\"/>", false);
	} else if (b->type == MS_BLOCK_TABLE) {
		/* a real table, with single borders and a repeated header */
		ms_buf_puts(&c->body, "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" "
		            "w:type=\"pct\"/><w:tblBorders>");
		for (const char *const *e = (const char *const[]){ "top", "left",
		     "bottom", "right", "insideH", "insideV", NULL }; *e; e++)
			ms_buf_printf(&c->body, "<w:%s w:val=\"single\" w:sz=\"4\" "
			              "w:space=\"0\" w:color=\"auto\"/>", *e);
		ms_buf_puts(&c->body, "</w:tblBorders></w:tblPr><w:tblGrid>");
		for (int i = 0; i < b->columns; i++)
			ms_buf_puts(&c->body, "<w:gridCol/>");
		ms_buf_puts(&c->body, "</w:tblGrid>\n");
	} else if (b->type == MS_BLOCK_ROW) {
		ms_buf_puts(&c->body, b->header ? "<w:tr><w:trPr><w:tblHeader/>"
		            "</w:trPr>" : "<w:tr>");
	} else if (b->type == MS_BLOCK_CELL) {
		ms_buf_puts(&c->body, "<w:tc>");
	}
}

static void
block_exit(docx_ctx *c, const ms_kit_node *n)
{
	const ms_block *b = n->block;
	docx_frame *f = frame_at(c, n->depth);
	char style[32];

	if (ms_kit_list_of(n))
		return;
	switch (b->type) {
	case MS_BLOCK_PARAGRAPH:
		if (in_quote(n))
			par_end(c, "Quote", frame_at(c, n->depth - 1)->ppr, false);
		else
			par_end(c, f->indent ? "ListParagraph" : "BodyText", f->ppr,
			        false);
		break;
	case MS_BLOCK_HEADING:
		snprintf(style, sizeof style, "Heading%d",
		         b->level >= 1 && b->level <= 6 ? b->level : 1);
		par_end(c, style, f->ppr, false);
		break;
	case MS_BLOCK_TABLE:
		ms_buf_puts(&c->body, "</w:tbl>\n");
		break;
	case MS_BLOCK_ROW:
		ms_buf_puts(&c->body, "</w:tr>\n");
		break;
	case MS_BLOCK_CELL:   /* a cell holds at least one paragraph */
		par_end(c, "BodyText", b->align == 'r' ? "<w:jc w:val=\"right\"/>"
		        : b->align == 'c' ? "<w:jc w:val=\"center\"/>" : NULL, true);
		ms_buf_puts(&c->body, "</w:tc>");
		break;
	case MS_BLOCK_LIST:
	case MS_BLOCK_ITEM:
	case MS_BLOCK_QUOTE:
	case MS_BLOCK_BREAK:
		break;
	default:  /* items out of place, or kinds newer than this writer */
		if (!b->children)
			par_end(c, "BodyText", f->ppr, false);
		break;
	}
}

/* Mark bits of an inline node: the formatting around it, and whether it
 * opened a hyperlink. */
#define FMT_MASK 0xffffu
#define OPENED_LINK (1u << 16)

/* A real footnote (w:footnote) with TEXT, its reference where the
 * paragraph stands. */
static void
footnote(docx_ctx *c, const char *text)
{
	int id = ++c->nnotes;
	ms_buf_printf(&c->par, "<w:r><w:rPr><w:rStyle w:val=\""
	              "FootnoteReference\"/></w:rPr><w:footnoteReference "
	              "w:id=\"%d\"/></w:r>", id);
	ms_buf_printf(&c->notes, "<w:footnote w:id=\"%d\"><w:p><w:pPr>"
	              "<w:pStyle w:val=\"FootnoteText\"/></w:pPr><w:r><w:rPr>"
	              "<w:rStyle w:val=\"FootnoteReference\"/></w:rPr>"
	              "<w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> ",
	              id);
	xml_escape(&c->notes, text);
	ms_buf_puts(&c->notes, "</w:t></w:r></w:p></w:footnote>\n");
	c->par_text = true;
}

/* After a link's words, its address as paper needs it (missive.yaml
 * paper-links): " <https://…>", or a footnote, or nothing; nothing either
 * when the words are the address. */
static void
link_address(docx_ctx *c, const ms_inline *in)
{
	ms_buf words = MS_BUF_INIT, url = MS_BUF_INIT;
	ms_kit_links mode = ms_kit_paper_links(c->loc);

	ms_inline_plain(in->children, &words);
	if (mode == MS_KIT_LINKS_HIDDEN || !in->children
	    || !ms_kit_link_shows_url(words.ptr, in->url)) {
		ms_buf_release(&words);
		return;
	}
	if (mode == MS_KIT_LINKS_AFTER) {
		ms_buf_printf(&url, " <%s>", in->url);
		run(c, url.ptr, c->fmt);
	} else {
		footnote(c, in->url);
	}
	ms_buf_release(&words);
	ms_buf_release(&url);
}

/* How emphasis is shown in the letter's language: italic, bold, or
 * emphasis marks; never a slant for scripts without italics. */
static unsigned
emphasis(const docx_ctx *c)
{
	switch (ms_kit_emphasis_of(c->loc)) {
	case MS_KIT_EMPH_BOLD: return F_BOLD;
	case MS_KIT_EMPH_DOTS: return F_DOTS;
	default: return F_ITALIC;
	}
}

static void
put_inline(docx_ctx *c, ms_kit_event ev, ms_kit_node *n)
{
	const ms_inline *in = n->inl;
	unsigned fmt = c->fmt;

	if (ev == MS_KIT_EXIT) {
		c->fmt = (unsigned)(n->mark & FMT_MASK);
		if (in->type == MS_INLINE_LINK && (n->mark & OPENED_LINK)) {
			if (!in->children)
				run(c, in->url, fmt);
			ms_buf_puts(&c->par, "</w:hyperlink>");
			link_address(c, in);
		}
		return;
	}
	n->mark = fmt;
	switch (in->type) {
	case MS_INLINE_TEXT:  /* with the language's quotation marks */
		run(c, ms_kit_text(c->it, n), fmt);
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
	case MS_INLINE_FOOTNOTE: {  /* a real footnote, once */
		ms_buf plain = MS_BUF_INIT;
		int seen = 0;
		/* cited again: the first citation's number, raised */
		for (int i = 0; i < c->nfn && !seen; i++)
			if (c->fn[i].number == in->number)
				seen = c->fn[i].id;
		if (seen) {
			char num[16];
			snprintf(num, sizeof num, "%d", seen);
			run(c, num, fmt | F_SUP);
			break;
		}
		if (c->nfn < (int)(sizeof c->fn / sizeof c->fn[0])) {
			c->fn[c->nfn].number = in->number;
			c->fn[c->nfn++].id = c->nnotes + 1;
		}
		footnote(c, ms_kit_note_plain(c->l, in->number, &plain));
		ms_buf_release(&plain);
		break;
	}
	case MS_INLINE_EMPH:
		c->fmt |= emphasis(c);
		break;
	case MS_INLINE_STRONG:
		c->fmt |= F_BOLD;
		break;
	case MS_INLINE_SUP:
		c->fmt |= F_SUP;
		break;
	case MS_INLINE_SUB:
		c->fmt |= F_SUB;
		break;
	case MS_INLINE_UNDERLINE:
		c->fmt |= F_UNDERLINE;
		break;
	case MS_INLINE_STRIKE:
		c->fmt |= F_STRIKE;
		break;
	case MS_INLINE_LINK:
		/* hyperlinks do not nest; only http, https, mailto and relative
		 * addresses become hyperlinks (a javascript: one stays text) */
		if ((fmt & F_LINK) || !ms_kit_nonempty(in->url) || !ms_kit_url_live(in->url))
			break;
		if (in->url[0] == '#') {
			ms_buf_puts(&c->par, "<w:hyperlink w:anchor=\"");
			xml_escape(&c->par, in->url + 1);
			ms_buf_puts(&c->par, "\" w:history=\"1\">");
		} else {
			ms_buf_printf(&c->par, "<w:hyperlink r:id=\"rId%d\" "
			              "w:history=\"1\">", add_link_rel(c, in->url));
		}
		c->fmt |= F_LINK;
		n->mark |= OPENED_LINK;
		break;
	default:  /* kinds newer than this writer: keep their text */
		run(c, in->text, fmt);
		break;
	}
}

/* Keep BYTES as the next image part (with extension EXT) and give it a
 * relationship; returns the relationship's number. */
static int
add_media(docx_ctx *c, const char *ext, unsigned char *bytes, size_t len,
          bool owned)
{
	docx_media *m;
	int rid = c->next_rid++;

	if (c->nmedia == c->capmedia) {
		c->capmedia = c->capmedia ? 2 * c->capmedia : 4;
		c->media = ms_xrealloc(c->media, c->capmedia * sizeof *c->media);
	}
	m = &c->media[c->nmedia++];
	snprintf(m->name, sizeof m->name, "media/image%zu.%s", c->nmedia, ext);
	m->data = bytes;
	m->len = len;
	m->owned = owned;
	ms_buf_printf(&c->rels, "<Relationship Id=\"rId%d\" Type=\"" NS_R
	              "/image\" Target=\"%s\"/>\n", rid, m->name);
	return rid;
}

/* A paragraph holding IMG (KEY names it in messages) as an inline
 * picture fitted in MAX_W × MAX_H points.  A PNG or JPEG goes in as it
 * is; an SVG goes in as a PNG rendering at RASTER_DPI, which every word
 * processor shows, with the SVG itself as the extension newer Word
 * versions draw instead.  An image that cannot be decoded is a located
 * error (c->status). */
static void
put_picture(docx_ctx *c, const ms_image *img, const char *key,
            double max_w, double max_h)
{
	ms_paint *paint = ms_paint_open(img, key, c->l, PLUGIN_NAME, c->diag);
	double w, h;
	int png, svg = 0, id;
	size_t png_at = c->nmedia;   /* the PNG part's index */
	long cx, cy;

	if (!paint) {
		c->status = MS_ERR_INVALID;
		return;
	}
	ms_paint_fit(img, max_w, max_h, &w, &h);
	if (!strcmp(img->type, "image/png")) {
		png = add_media(c, "png", img->data, img->len, false);
	} else if (!strcmp(img->type, "image/jpeg")) {
		png = add_media(c, "jpeg", img->data, img->len, false);
		c->jpeg = true;
	} else {
		unsigned char *data;
		size_t len;
		int pw = (int)(w / 72 * RASTER_DPI + 0.5);
		int ph = (int)(h / 72 * RASTER_DPI + 0.5);
		if (!ms_paint_png(paint, pw > 0 ? pw : 1, ph > 0 ? ph : 1, &data,
		                  &len)) {
			ms_diag_emit(c->diag, MS_ERROR, PLUGIN_NAME, c->l->path,
			             img->pos.line, img->pos.column,
			             _("%s '%s': the image cannot be drawn"), key,
			             img->path);
			c->status = MS_ERR_INVALID;
			ms_paint_free(paint);
			return;
		}
		png = add_media(c, "png", data, len, true);
		svg = add_media(c, "svg", img->data, img->len, false);
		c->svg = true;
	}
	ms_paint_free(paint);
	id = (int)png_at + 1;
	cx = (long)(w * EMU_PER_PT + 0.5);
	cy = (long)(h * EMU_PER_PT + 0.5);
	ms_buf_printf(&c->par, "<w:r><w:drawing><wp:inline distT=\"0\" "
	              "distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent "
	              "cx=\"%ld\" cy=\"%ld\"/><wp:docPr id=\"%d\" name=\"%s "
	              "%d\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks "
	              "noChangeAspect=\"1\"/></wp:cNvGraphicFramePr><a:graphic>"
	              "<a:graphicData uri=\"" NS_PIC "\"><pic:pic><pic:nvPicPr>"
	              "<pic:cNvPr id=\"%d\" name=\"%s\"/><pic:cNvPicPr/>"
	              "</pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rId%d\">",
	              cx, cy, id, key, id, id, c->media[png_at].name + 6, png);
	if (svg)
		ms_buf_printf(&c->par, "<a:extLst><a:ext uri=\"{96DAC541-7B7A-"
		              "43D3-8B79-37D633B846F1}\"><asvg:svgBlip "
		              "r:embed=\"rId%d\"/></a:ext></a:extLst>", svg);
	ms_buf_printf(&c->par, "</a:blip><a:stretch><a:fillRect/></a:stretch>"
	              "</pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/>"
	              "<a:ext cx=\"%ld\" cy=\"%ld\"/></a:xfrm><a:prstGeom "
	              "prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
	              "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>",
	              cx, cy);
	c->par_text = true;
	par_end(c, "Picture", NULL, false);
}

/* The signatories' heading: the label and what follows it ("(as of
 * July 9, 2025)") as two runs, as Word users have always had them. */
static void
put_signatories_heading(docx_ctx *c, const char *text)
{
	const char *label = ms_kit_nonempty(c->l->labels.signatories);
	size_t n = label && !strncmp(text, label, strlen(label))
	           ? strlen(label) : 0;
	char *head = ms_xstrndup(text, n);
	run(c, head, 0);
	run(c, text + n, 0);
	free(head);
}

static void
build_body(docx_ctx *c)
{
	ms_kit_iter *it = c->it = ms_kit_iter_new(c->l, c->loc, 0);
	block k = { NULL, 0, 0 };
	ms_kit_node *n;
	ms_kit_event ev;

	while ((ev = ms_kit_iter_next(it, &n)) != MS_KIT_DONE) {
		bool enter = ev == MS_KIT_ENTER;
		switch (n->part) {
		case MS_KIT_DRAFT:
			run(c, n->text, F_BOLD | F_RED);
			par_end(c, "Draft", NULL, false);
			break;
		case MS_KIT_SPECIMEN:  /* and in the header of every page */
			run(c, n->text, 0);
			par_end(c, "Specimen", NULL, false);
			break;
		case MS_KIT_NOTICE:
			run(c, n->text, 0);
			par_end(c, "Notice", NULL, false);
			break;
		case MS_KIT_DATE:
			run(c, n->text, 0);
			par_end(c, "Date", NULL, false);
			break;
		case MS_KIT_RECIPIENT:
			if (!enter) {
				bool copy = n->parent->part == MS_KIT_COPIES;
				block_end(c, &k, copy ? "CC" : "Recipient",
				          copy && n->index == 0 && n->parent->text);
			} else if (n->parent->part == MS_KIT_COPIES && n->index == 0
			           && n->parent->text) {
				/* The label starts the block's first line,
				 * whichever it is. */
				run(c, n->parent->text, F_BOLD);
				run(c, "\t", 0);
				c->par_text = false;
			}
			break;
		case MS_KIT_LINE:
			/* the letterhead's organisation in bold, as in the PDF
			 * (its words come as inlines, not fields) */
			if (n->role == MS_KIT_ORGANISATION
			    && n->parent->part == MS_KIT_LETTERHEAD)
				c->fmt = enter ? c->fmt | F_BOLD : c->fmt & ~F_BOLD;
			if (!enter)
				block_line(c, &k);
			break;
		case MS_KIT_FIELD:
			if (!enter)
				break;
			if (n->sep) {   /* the layout's own spacing */
				if (c->par_text && *n->sep)
					run(c, n->sep, 0);
			} else if (n->role == MS_KIT_NAME
			           || n->role == MS_KIT_HONORIFIC) {
				space(c);
			}
			if (n->role == MS_KIT_AFFILIATION)
				run(c, " / ", 0);
			if (n->leaf)
				run(c, n->text, n->parent->role == MS_KIT_ORGANISATION
				    && n->parent->parent->part == MS_KIT_LETTERHEAD
				    ? F_BOLD : 0);
			break;
		case MS_KIT_LETTERHEAD:
		case MS_KIT_REFERENCES:
		case MS_KIT_SIGNER:
			/* the logo above the letterhead, a signature above
			 * its signer */
			if (enter && n->image)
				put_picture(c, n->image, n->part == MS_KIT_SIGNER
				            ? "signature" : "logo",
				            n->part == MS_KIT_SIGNER ? SIGNATURE_MAX_W
				            : LOGO_MAX_W, n->part == MS_KIT_SIGNER
				            ? SIGNATURE_MAX_H : LOGO_MAX_H);
			if (!enter)
				block_end(c, &k, "Recipient", false);
			break;
		case MS_KIT_ENCLOSURES:
			if (enter && n->text) {
				run(c, n->text, 0);
				block_line(c, &k);
			} else if (!enter) {
				block_end(c, &k, "Recipient", false);
			}
			break;
		case MS_KIT_SIGNERS:
			break;
		case MS_KIT_SEE_ANNEX:
			run(c, n->text, 0);
			par_end(c, "Closing", NULL, false);
			break;
		case MS_KIT_FOOTNOTES:   /* w:footnotes, where they are cited */
			ms_kit_iter_skip(it);
			break;
		case MS_KIT_SUBJECT:
			if (enter && n->text) {
				run(c, n->text, 0);
				run(c, " ", 0);
			} else if (!enter) {
				par_end(c, "Subject", NULL, false);
			}
			break;
		case MS_KIT_SALUTATION:
			if (!enter)
				par_end(c, "Salutation", NULL, false);
			break;
		case MS_KIT_CLOSING:
			if (!enter)
				par_end(c, "Closing", NULL, false);
			break;
		case MS_KIT_BODY:
			if (enter)
				memset(frame_at(c, n->depth), 0, sizeof(docx_frame));
			break;
		case MS_KIT_BLOCK:
			if (enter)
				block_enter(c, n);
			if (!enter || n->leaf)
				block_exit(c, n);
			break;
		case MS_KIT_INLINE:
			put_inline(c, ev, n);
			break;
		case MS_KIT_SIGNATORIES:
			if (enter && n->text_before) {   /* the annex, on a new page */
				ms_buf_puts(&c->body, "<w:p><w:r><w:br w:type=\"page\"/>"
				            "</w:r></w:p>\n");
				run(c, n->text_before, F_BOLD);
				par_end(c, "SignatoriesHeading", NULL, false);
			}
			if (enter && n->text) {
				put_signatories_heading(c, n->text);
				par_end(c, "SignatoriesHeading", NULL, false);
			}
			break;
		case MS_KIT_SIGNATORY_LIST:
			if (enter && n->text) {
				run(c, n->text, 0);
				par_end(c, "SignatoriesSubheading", NULL, false);
			}
			break;
		case MS_KIT_SIGNATORY:
			if (!enter)
				par_end(c, "Signatory", NULL, false);
			break;
		case MS_KIT_LETTER:
		case MS_KIT_ADDRESSEES:
		case MS_KIT_COPIES:
			break;
		}
	}
	ms_kit_iter_free(it);
}

/* ------------------------------------------------------------ parts */

static const char *
lang_of(const docx_ctx *c)
{
	const char *lang = ms_kit_lang(c->l, c->loc);
	return lang ? lang : "en";
}

/* The language of East Asian text, with its region ("ko-KR"), or NULL
 * for a language not written in an East Asian script. */
static const char *
east_asian(const docx_ctx *c)
{
	return ms_kit_nonempty(c->loc->east_asian_lang);
}

/* The tag of the letter's language for w:val attributes: with its region
 * for a language written in an East Asian script (a bare "ko" becomes
 * "ko-KR", as Word writes it). */
static const char *
lang_tag(const docx_ctx *c)
{
	const char *lang = lang_of(c), *ea = east_asian(c);
	return ea && !strpbrk(lang, "-_") ? ea : lang;
}

/* w:val="TAG", and w:eastAsia for the East Asian font slot. */
static void
put_lang_attrs(docx_ctx *c, ms_buf *b)
{
	ms_buf_puts(b, " w:val=\"");
	xml_escape(b, lang_tag(c));
	ms_buf_puts(b, "\"");
	if (east_asian(c)) {
		ms_buf_puts(b, " w:eastAsia=\"");
		xml_escape(b, east_asian(c));
		ms_buf_puts(b, "\"");
	}
}

/* w:lang for the letter's language. */
static void
put_lang(docx_ctx *c, ms_buf *b)
{
	ms_buf_puts(b, "<w:lang");
	put_lang_attrs(c, b);
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
		"Closing", "footer", "Hyperlink", "footnote text",
		"footnote reference", NULL
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
	const char *font = ms_kit_nonempty(c->loc->font_serif) ? c->loc->font_serif
	                   : "Noto Serif";
	int size = c->loc->font_size_pt > 0  /* half-points */
	           ? (int)(c->loc->font_size_pt * 2 + 0.5) : 22;
	bool right = c->loc->date_align && !strcmp(c->loc->date_align, "right");
	/* quotes and subheadings are set in italics only where the script
	 * has them */
	bool italic = emphasis(c) == F_ITALIC;
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
	ms_buf_puts(b, "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>");
	if (ms_kit_keep_all(c->loc))  /* Korean breaks lines between words */
		ms_buf_puts(b, "<w:wordWrap/>");
	/* No space added between Hangul and 2026.  Word honours these.
	 * LibreOffice 7.4 does not, and nothing in a DOCX makes it: it
	 * ignores w:autoSpaceDE/DN in the defaults, in paragraph styles
	 * and in each paragraph (its ODF import shows text-autospace=
	 * "ideograph-alpha" whatever they say), WordprocessingML has no
	 * run property or settings.xml compatibility option for it, and
	 * a run hint (w:rFonts w:hint="eastAsia") changes nothing; even
	 * the w:autoSpaceDE it writes itself for an ODT whose autospace
	 * is off comes back on when it reads that DOCX again.  So a DOCX
	 * opened there shows "2025 년" (doc/letter-format.md, Known
	 * limits). */
	if (east_asian(c))
		ms_buf_puts(b, "<w:autoSpaceDE w:val=\"0\"/>"
		            "<w:autoSpaceDN w:val=\"0\"/>");
	if (c->loc->line_height > 0)
		ms_buf_printf(b, "<w:spacing w:after=\"0\" w:line=\"%d\" "
		              "w:lineRule=\"atLeast\"/>",
		              (int)(size * 10 * c->loc->line_height + 0.5));
	else
		ms_buf_puts(b, "<w:spacing w:after=\"0\" w:line=\"264\" "
		            "w:lineRule=\"auto\"/>");
	ms_buf_puts(b, "</w:pPr></w:pPrDefault></w:docDefaults>\n");

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
	if (ms_kit_specimen(c->l)) {
		style(b, "paragraph", "Specimen", "Specimen", "Normal",
		      "<w:spacing w:after=\"240\"/>",
		      "<w:b/><w:color w:val=\"5F6368\"/><w:spacing w:val=\"60\"/>"
		      "<w:sz w:val=\"28\"/>");
		style(b, "paragraph", "SpecimenMark", "Specimen Mark", "Normal",
		      "<w:jc w:val=\"center\"/>",
		      "<w:b/><w:color w:val=\"9AA0A6\"/><w:spacing w:val=\"80\"/>"
		      "<w:sz w:val=\"32\"/>");
	}
	if (ms_kit_nonempty(c->loc->notice))
		style(b, "paragraph", "Notice", "Translation Notice", "Normal",
		      "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"4\" "
		      "w:color=\"DADCE0\"/></w:pBdr><w:spacing w:after=\"360\"/>",
		      "<w:color w:val=\"5F6368\"/><w:sz w:val=\"18\"/>");
	style(b, "paragraph", "Date", "Date", "Normal", right
	      ? "<w:spacing w:after=\"360\"/><w:jc w:val=\"right\"/>"
	      : "<w:spacing w:after=\"360\"/>", NULL);
	style(b, "paragraph", "Recipient", "Recipient", "Normal",
	      "<w:keepNext/><w:keepLines/>", NULL);
	if (c->nmedia)   /* a logo or a signature, kept with its lines */
		style(b, "paragraph", "Picture", "Picture", "Normal",
		      "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\"/>",
		      NULL);
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
	      "<w:ind w:left=\"720\" w:right=\"720\"/>",
	      italic ? "<w:i/>" : NULL);
	style(b, "paragraph", "Closing", "Closing", "Normal",
	      "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"360\"/>", NULL);
	style(b, "paragraph", "SignatoriesHeading", "Signatories Heading",
	      "Normal", "<w:keepNext/><w:spacing w:before=\"240\" "
	      "w:after=\"120\"/>", "<w:b/>");
	style(b, "paragraph", "SignatoriesSubheading", "Signatories Subheading",
	      "Normal", "<w:keepNext/><w:spacing w:before=\"160\" "
	      "w:after=\"60\"/>", italic ? "<w:i/>" : "<w:b/>");
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
	if (c->nnotes) {
		style(b, "paragraph", "FootnoteText", "footnote text", "Normal",
		      NULL, "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>");
		style(b, "character", "FootnoteReference", "footnote reference",
		      "DefaultParagraphFont", NULL,
		      "<w:vertAlign w:val=\"superscript\"/>");
	}
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
	const char *cursor = c->l->labels.page, *text;
	ms_buf lit = MS_BUF_INIT;
	size_t len;
	int state = 0, piece;

	ms_buf_puts(b, XML_DECL "<w:ftr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R
	            "\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>");
	while ((piece = ms_kit_page_piece(&cursor, &state, &text, &len))) {
		if (piece == 1) {
			ms_buf_put(&lit, text, len);
			continue;
		}
		footer_text(b, lit.ptr, lit.len);
		ms_buf_reset(&lit);
		field(b, piece == 2 ? "PAGE" : "NUMPAGES");
	}
	footer_text(b, lit.ptr, lit.len);
	ms_buf_puts(b, "</w:p></w:ftr>\n");
	ms_buf_release(&lit);
}

/* The footnotes: Word's two separators, then the notes. */
static void
footnotes_xml(docx_ctx *c, ms_buf *b)
{
	ms_buf_puts(b, XML_DECL "<w:footnotes xmlns:w=\"" NS_W "\" xmlns:r=\""
	            NS_R "\">\n"
	            "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r>"
	            "<w:separator/></w:r></w:p></w:footnote>\n"
	            "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\">"
	            "<w:p><w:r><w:continuationSeparator/></w:r></w:p>"
	            "</w:footnote>\n");
	ms_buf_put(b, c->notes.ptr, c->notes.len);
	ms_buf_puts(b, "</w:footnotes>\n");
}

/* A sample letter's header: its mark on every page. */
static void
header_xml(docx_ctx *c, ms_buf *b)
{
	ms_buf_puts(b, XML_DECL "<w:hdr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R
	            "\"><w:p><w:pPr><w:pStyle w:val=\"SpecimenMark\"/></w:pPr>"
	            "<w:r><w:t xml:space=\"preserve\">");
	xml_escape(b, ms_kit_specimen(c->l));
	ms_buf_puts(b, "</w:t></w:r></w:p></w:hdr>\n");
}

static void
document_xml(docx_ctx *c, ms_buf *b)
{
	double w = c->loc->paper_width_pt > 72 ? c->loc->paper_width_pt
	           : 595.276;
	double h = c->loc->paper_height_pt > 72 ? c->loc->paper_height_pt
	           : 841.89;
	ms_buf_puts(b, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\""
	            NS_R "\"");
	if (c->nmedia)
		ms_buf_puts(b, " xmlns:wp=\"" NS_WP "\" xmlns:a=\"" NS_A "\" "
		            "xmlns:pic=\"" NS_PIC "\"");
	if (c->svg)
		ms_buf_puts(b, " xmlns:asvg=\"" NS_ASVG "\"");
	ms_buf_puts(b, ">\n<w:body>\n");
	ms_buf_put(b, c->body.ptr, c->body.len);
	ms_buf_puts(b, "<w:sectPr>");
	if (ms_kit_specimen(c->l))
		ms_buf_puts(b, "<w:headerReference w:type=\"default\" "
		            "r:id=\"rId4\"/>");
	ms_buf_printf(b, "<w:footerReference w:type=\"default\" "
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
	            "<w:characterSpacingControl w:val=\"doNotCompress\"/>");
	if (c->nnotes)  /* the separators notes are drawn with */
		ms_buf_puts(b, "<w:footnotePr><w:footnote w:id=\"-1\"/>"
		            "<w:footnote w:id=\"0\"/></w:footnotePr>");
	ms_buf_puts(b, "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
	            "w:uri=\"http://schemas.microsoft.com/office/word\" "
	            "w:val=\"15\"/></w:compat><w:themeFontLang");
	put_lang_attrs(c, b);
	ms_buf_puts(b, "/>");
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
	xml_escape(b, ms_kit_plain(&l->subject, &t));
	ms_buf_puts(b, "</dc:title>");
	author = ms_kit_plain(&l->author, &t);
	if (!*author && l->groups)
		author = ms_kit_plain(&l->groups->name, &t);
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
	xml_escape(b, ms_kit_nonempty(c->loc->generator) ? c->loc->generator
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
	"vnd.openxmlformats-officedocument.extended-properties+xml\"/>\n";
static const char content_type_footnotes[] =
	"<Override PartName=\"/word/footnotes.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>\n";
static const char content_type_header[] =
	"<Override PartName=\"/word/header1.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\n";

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
	if (ms_kit_specimen(c->l))
		ms_buf_puts(b, "<Relationship Id=\"rId4\" Type=\"" NS_R "/header\" "
		            "Target=\"header1.xml\"/>\n");
	if (c->nnotes)
		ms_buf_puts(b, "<Relationship Id=\"rId5\" Type=\"" NS_R
		            "/footnotes\" Target=\"footnotes.xml\"/>\n");
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

/* Add NAME with DATA[0..LEN), freed by libzip when FREEP; deflated
 * unless STORE (images are compressed already). */
static bool
add_bytes(zip_t *za, const char *name, const void *data, size_t len,
          bool freep, bool store)
{
	zip_source_t *src = zip_source_buffer(za, data, len, freep);
	zip_int64_t idx;

	if (!src) {
		if (freep)
			free((void *)data);
		return false;
	}
	idx = zip_file_add(za, name, src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(src);
		return false;
	}
	return zip_set_file_compression(za, (zip_uint64_t)idx, store
	                                ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
	                                store ? 0 : 9) == 0
	       && zip_file_set_mtime(za, (zip_uint64_t)idx, ENTRY_TIME, 0) == 0;
}

/* Add NAME with the contents of B (taken: B is left empty). */
static bool
add_part(zip_t *za, const char *name, ms_buf *b)
{
	size_t len = 0;
	char *data = ms_buf_detach(b, &len);
	return add_bytes(za, name, data, len, true, false);
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
	const char *names[] = {
		"[Content_Types].xml", "_rels/.rels", "word/document.xml",
		"word/styles.xml", "word/settings.xml", "word/footer1.xml",
		"word/_rels/document.xml.rels", "docProps/core.xml",
		"docProps/app.xml", NULL, NULL,
	};
	ms_buf parts[sizeof names / sizeof names[0]];
	size_t nparts = sizeof names / sizeof names[0] - 2;
	ms_locale defaults;
	docx_ctx c;
	zip_error_t zerr;
	zip_source_t *src;
	zip_t *za;
	ms_status st = MS_OK;

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
	c.frames.size = sizeof(docx_frame);
	ms_buf_init(&c.body, 16384);
	ms_buf_init(&c.par, 1024);
	ms_buf_init(&c.rels, 0);
	ms_buf_init(&c.notes, 0);

	build_body(&c);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		ms_buf_init(&parts[i], 0);
	if (c.status != MS_OK) {   /* an image that cannot be decoded */
		st = c.status;
		goto done;
	}
	ms_buf_puts(&parts[0], content_types);
	if (c.nmedia)
		ms_buf_puts(&parts[0], "<Default Extension=\"png\" "
		            "ContentType=\"image/png\"/>\n");
	if (c.svg)
		ms_buf_puts(&parts[0], "<Default Extension=\"svg\" "
		            "ContentType=\"image/svg+xml\"/>\n");
	if (c.jpeg)
		ms_buf_puts(&parts[0], "<Default Extension=\"jpeg\" "
		            "ContentType=\"image/jpeg\"/>\n");
	/* Parts only some letters have, last: the header of a sample
	 * letter, the footnotes of links shown as notes. */
	if (ms_kit_specimen(l)) {
		ms_buf_puts(&parts[0], content_type_header);
		names[nparts] = "word/header1.xml";
		header_xml(&c, &parts[nparts++]);
	}
	if (c.nnotes) {
		ms_buf_puts(&parts[0], content_type_footnotes);
		names[nparts] = "word/footnotes.xml";
		footnotes_xml(&c, &parts[nparts++]);
	}
	ms_buf_puts(&parts[0], "</Types>\n");
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
	for (size_t i = 0; i < nparts + c.nmedia; i++) {
		char media[48];
		bool ok;
		if (i < nparts) {
			ok = add_part(za, names[i], &parts[i]);
		} else {
			const docx_media *m = &c.media[i - nparts];
			snprintf(media, sizeof media, "word/%s", m->name);
			ok = add_bytes(za, media, m->data, m->len, false, true);
		}
		if (!ok) {
			st = archive_fail(diag, i < nparts ? names[i] : "word/media",
			                  zip_get_error(za));
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
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		ms_buf_release(&parts[i]);
	ms_buf_release(&c.body);
	ms_buf_release(&c.par);
	ms_buf_release(&c.rels);
	ms_buf_release(&c.notes);
	ms_kit_frames_release(&c.frames);
	for (size_t i = 0; i < c.nmedia; i++)
		if (c.media[i].owned)
			free(c.media[i].data);
	free(c.media);
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

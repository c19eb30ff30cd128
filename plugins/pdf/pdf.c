/* pdf.c — the "pdf" writer: the letter as a paged PDF, laid out by Pango
 * (HarfBuzz shaping, Pango line breaking) and drawn by Cairo.
 *
 * The letter becomes a list of paragraphs, each one PangoLayout built
 * from plain text and a PangoAttrList (never from markup, so nothing a
 * translator writes can turn into formatting).  Rendering is two passes:
 * the first measures every line and assigns it a page (page breaks fall
 * between lines, with simple widow, orphan and keep-with-next rules), the
 * second draws the pages, now that "Page N of M" can be written.
 *
 * Fonts.  The serif family comes from the locale (ms_locale.font_serif)
 * unless the environment variable MISSIVE_PDF_FONT_SERIF names another
 * one; the family must be installed (fontconfig, seen through Pango's
 * font map) or rendering fails with MS_ERR_NOT_FOUND and a message that
 * names the Debian package to install (ms_locale.font_package).  Lines
 * are set at the locale's leading (ms_locale.line_height) when it gives
 * one.  The font map is Pango's default one for the thread: fonts are
 * loaded once per thread and reused by every later letter, and the
 * family check is cached (under a lock).  Fontconfig's configuration is
 * process-wide: Pango loads it once, for the first font map.  Each letter
 * gets its own Pango context and Cairo surface, and nothing else is
 * global, so the writer is reentrant (MS_CAP_REENTRANT): build runs it in
 * a thread per processor, with the bytes of one thread.
 *
 * Keep-all.  Pango follows UAX #14, which lets a line end between any two
 * Hangul syllables or Han characters; when the locale asks for keep-all
 * line breaking (ms_locale.line_break: Korean formal text breaks between
 * words, at the spaces), words holding such letters are marked
 * unbreakable unless they are too long to keep whole (then Pango may
 * break them anywhere).  The body size (ms_locale.font_size_pt) and how
 * subheadings are set (ms_locale.emphasis: italic, or bold for scripts
 * without italics) come from the locale too: no language is named here.
 *
 * The letter's parts come from the kit's iterator (missive-kit.h); this file
 * knows only paragraphs, pages and drawing.
 *
 * Links to http, https and mailto addresses are clickable (Cairo link
 * tags with an explicit rectangle per line the link text occupies); on
 * paper the address is printed after the words, as a footnote, or not at
 * all, as missive.yaml's paper-links says.  Document metadata: title (the subject),
 * author (the letter's author, or its first signatory group), creator
 * (locale->generator) and creation date (the letter's date, so the same
 * letter always gives the same bytes).  Cairo 1.16 has no API for the
 * document language (/Lang), so none is written.
 *
 * Drafts carry the draft label twice: in red at the top of the letter
 * (where text extraction finds it) and as a large diagonal translucent
 * watermark on every page. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "missive-kit.h"
#include "paint.h"

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) dgettext("missive", s)
#else
#define _(s) (s)
#endif

#define PLUGIN_NAME "pdf"
/* Environment variable that overrides the serif family (for tests and
 * for users who want another face). */
#define FONT_ENV "MISSIVE_PDF_FONT_SERIF"
#define MARGIN_PT (2.5 / 2.54 * 72.0)  /* 2.5 cm */
/* Keep-all words longer than this (in characters) may be broken. */
#define KEEP_ALL_MAX 24
/* What reaches Pango is bounded: a run of combining marks longer than
 * this (Unicode's stream-safe limit) is cut, and a run of this many
 * characters with no place to break gets one (U+200B), since Pango's
 * line breaking grows with the square of an unbreakable run. */
#define MAX_MARKS 30
#define MAX_RUN 200
/* A letter with more text than this (bytes) does not keep every
 * paragraph laid out from measuring to drawing: each is laid out to be
 * measured, let go, and laid out again to be drawn (the same glyphs).  A
 * laid-out paragraph takes some 50 bytes per character, so a 20 MB letter
 * kept whole took more than a gigabyte; below this, keeping them is
 * faster. */
#define RELAYOUT_BYTES (1 << 20)
/* Blocks nested so deep that they would start past this fraction of
 * the text width are set no further right. */
#define MAX_INDENT 0.5

/* What put_clean had to cut, for the warnings (pdf_doc.cut). */
enum { CUT_MARKS = 1 << 0, CUT_DEPTH = 1 << 1, CUT_RUN = 1 << 2 };

MS_PLUGIN_EXPORT const ms_plugin *missive_plugin_describe(void);

typedef struct pdf_link {
	int start, end;          /* byte range in the paragraph's text */
	char *uri;               /* quoted for a Cairo tag attribute */
} pdf_link;

typedef struct pdf_line {
	int page;                /* 0-based */
	double top;              /* top of the line on its page, points */
	double x;                /* offset of the line in its layout */
	double height;
	double baseline;         /* from the line's top */
	int start, end;          /* its bytes in the paragraph's text */
} pdf_line;

/* A footnote: the address of a link, shown at the foot of the page
 * where the line with its number falls (missive.yaml paper-links). */
typedef struct pdf_note {
	const struct pdf_para *para; /* the paragraph of its number */
	int offset;              /* where the number is in that paragraph */
	char *text;              /* "1  https://…" */
	PangoLayout *layout;
	double height;
	int page;
	int footnote;            /* the letter's footnote it holds, or 0 */
} pdf_note;

typedef struct pdf_para {
	PangoLayout *layout;
	PangoLayout *prefix;     /* drawn before the first line, or NULL */
	double indent;           /* left edge of the text, from the margin */
	double prefix_x;         /* left edge of the prefix, from the margin */
	double space_before;
	bool keep_with_next;
	pdf_link *links;
	size_t nlinks;
	pdf_line *lines;
	int nlines;
	unsigned line;           /* where it comes from in the letter, or 0 */
	ms_paint *image;         /* an image paragraph (a logo, a signature):
	                            no text, one "line" as tall as the image */
	double image_w, image_h;
	struct pdf_para *next;
} pdf_para;

/* How a paragraph looks. */
typedef struct para_style {
	const PangoFontDescription *font;
	PangoAlignment align;
	double indent;
	double hanging;          /* lines after the first start this much later */
	double space_before;
	bool keep_with_next;
	const char *prefix;      /* plain text before the first line, or NULL */
	const PangoFontDescription *prefix_font;
	double prefix_x;
	int columns;             /* a table row: tab stops for this many
	                            equal columns, or 0 */
	const char *aligns;      /* a table row: each column's alignment
	                            ('l', 'c', 'r'), or NULL for all left */
} para_style;

typedef struct glyph_scan glyph_scan;

typedef struct pdf_doc {
	const ms_letter *l;
	const ms_locale *loc;
	ms_diag_handler *diag;
	ms_output *out;
	const char *draft_label; /* the draft mark, for the watermark */
	const char *specimen_label; /* a sample letter's mark, likewise */
	pdf_note *notes;         /* footnotes, in order */
	size_t nnotes, capnotes;
	unsigned line;           /* the letter's line being laid out */
	ms_kit_iter *it;         /* the letter's events, while building */
	unsigned cut;            /* CUT_*: what was cut on the way */
	unsigned cut_line[3];    /* where first, for the warnings: marks,
	                            depth, a long word */
	ms_kit_frames frames;    /* per depth: where nested blocks go */
	double page_w, page_h, margin, text_w, size, gap;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoContext *pango;
	PangoFontDescription *font, *bold, *italic, *small;
	/* the paragraph being built */
	ms_buf text;
	PangoAttrList *attrs;
	pdf_link *links;
	size_t nlinks, caplinks;
	pdf_para *first, *last;
	ms_buf aligns;           /* the alignment of each cell of the row
	                            being built */
	int pages;
	bool relayout;           /* more text than RELAYOUT_BYTES */
	glyph_scan *missing;     /* characters no font has, while measuring */
	ms_status status;
} pdf_doc;

/* ------------------------------------------------------------ fonts */

G_LOCK_DEFINE_STATIC(font_cache);
/* The last family found installed (no heap: the module may be unloaded). */
static char font_checked[256];

/* True when FAMILY is installed.  The answer for the last family found
 * is remembered, so a run over many letters asks fontconfig once. */
static bool
font_available(const char *family)
{
	PangoFontMap *map = pango_cairo_font_map_get_default();
	PangoFontFamily **families = NULL;
	int n = 0;
	bool found = false;

	G_LOCK(font_cache);
	if (*font_checked && g_ascii_strcasecmp(font_checked, family) == 0)
		found = true;
	G_UNLOCK(font_cache);
	if (found)
		return true;

	pango_font_map_list_families(map, &families, &n);
	for (int i = 0; i < n && !found; i++)
		found = g_ascii_strcasecmp(pango_font_family_get_name(families[i]),
		                           family) == 0;
	g_free(families);
	if (found && strlen(family) < sizeof font_checked) {
		G_LOCK(font_cache);
		strcpy(font_checked, family);
		G_UNLOCK(font_cache);
	}
	return found;
}

/* ------------------------------------------------------------ text */

/* Append S to B as what Pango takes: valid UTF-8 (invalid bytes become
 * U+FFFD) without controls (tabs and line ends become spaces, other C0
 * and C1 controls are dropped) or noncharacters (dropped: Pango refuses
 * the text they are in).  Runs of combining marks are cut at MAX_MARKS
 * (CUT_MARKS is then added to *CUT, when CUT is not NULL), and a run of
 * MAX_RUN characters without a blank gets a place to break. */
static void
put_clean_cut(ms_buf *b, const char *s, unsigned *cut)
{
	int marks = 0, run = 0;

	if (!s)
		return;
	while (*s) {
		gunichar c = g_utf8_get_char_validated(s, -1);
		const char *next;
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			ms_buf_puts(b, "\xef\xbf\xbd");
			s++;
			marks = 0;
			run++;
			continue;
		}
		next = g_utf8_next_char(s);
		if (c == '\t' || c == '\n' || c == '\r' || c == ' ') {
			ms_buf_putc(b, ' ');
			run = marks = 0;
		} else if (ms_utf8_is_unwanted(c)) {
			;  /* dropped */
		} else if (g_unichar_ismark(c) && ++marks > MAX_MARKS) {
			if (cut)
				*cut |= CUT_MARKS;
		} else {
			if (!g_unichar_ismark(c)) {
				marks = 0;
				if (++run > MAX_RUN) {
					ms_buf_puts(b, "\xe2\x80\x8b");  /* U+200B */
					run = 1;
					if (cut)
						*cut |= CUT_RUN;
				}
			}
			ms_buf_put(b, s, (size_t)(next - s));
		}
		s = next;
	}
}

static void
put_clean(ms_buf *b, const char *s)
{
	put_clean_cut(b, s, NULL);
}

/* The plain text of T (markup dropped), cleaned, into B (reset). */
static const char *
plain_of(const ms_text *t, ms_buf *b)
{
	ms_buf raw = MS_BUF_INIT;
	ms_buf_reset(b);
	put_clean(b, ms_kit_plain(t, &raw));
	ms_buf_release(&raw);
	g_strstrip(b->ptr);
	b->len = strlen(b->ptr);
	return b->ptr;
}

/* "Page %d of %d" with the numbers put in (ms_kit_page_piece). */
static void
put_page_label(ms_buf *b, const char *label, int page, int total)
{
	const char *cursor = label, *text;
	size_t len;
	int state = 0, piece;

	while ((piece = ms_kit_page_piece(&cursor, &state, &text, &len)))
		if (piece == 1)
			ms_buf_put(b, text, len);
		else
			ms_buf_printf(b, "%d", piece == 2 ? page : total);
}

/* Quote URL for a Cairo tag attribute: characters that are not safe in a
 * URI or in Cairo's attribute syntax ("'", "\\", parentheses, blanks,
 * controls, non-ASCII) are percent-encoded, so the value can neither end
 * the quoted string nor break the PDF string Cairo writes it into. */
static char *
quote_uri(const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	ms_buf b = MS_BUF_INIT;
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7f || strchr("'\\()\"<>`{}|^", *p)) {
			ms_buf_putc(&b, '%');
			ms_buf_putc(&b, hex[*p >> 4]);
			ms_buf_putc(&b, hex[*p & 15]);
		} else {
			ms_buf_putc(&b, *p);
		}
	}
	return ms_buf_detach(&b, NULL);
}

/* ------------------------------------------------------------ paragraphs */

static void
add_attr(pdf_doc *d, PangoAttribute *a, size_t start, size_t end)
{
	if (end <= start) {
		pango_attribute_destroy(a);
		return;
	}
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(d->attrs, a);
}

static void
add_link(pdf_doc *d, const char *url, size_t start, size_t end)
{
	pdf_link *k;

	/* only http, https, mailto and relative addresses become links: a
	 * javascript: or file: address stays printed text */
	if (end <= start || !ms_kit_url_live(url))
		return;
	if (d->nlinks == d->caplinks) {
		d->caplinks = d->caplinks ? 2 * d->caplinks : 4;
		d->links = ms_xrealloc(d->links, d->caplinks * sizeof *d->links);
	}
	k = &d->links[d->nlinks++];
	k->start = (int)start;
	k->end = (int)end;
	k->uri = quote_uri(url);
}

/* Text from the letter: cleaned and bounded, what was cut noted with the
 * letter's line for the warning. */
static void
put_text_cut(pdf_doc *d, const char *s)
{
	unsigned before = d->cut;
	put_clean_cut(&d->text, s, &d->cut);
	if ((d->cut & CUT_MARKS) && !(before & CUT_MARKS))
		d->cut_line[0] = d->line;
	if ((d->cut & CUT_RUN) && !(before & CUT_RUN))
		d->cut_line[2] = d->line;
}

/* After a link's words (from START), its address as paper needs it
 * (missive.yaml paper-links): " <https://…>" inside the link, or a
 * footnote whose number follows the link (put_note_mark), or nothing;
 * nothing either when the words are the address. */
static void
link_address(pdf_doc *d, const ms_inline *in, size_t start)
{
	char *words = ms_xstrndup(d->text.ptr + start, d->text.len - start);
	ms_kit_links mode = ms_kit_paper_links(d->loc);
	ms_buf note = MS_BUF_INIT;
	pdf_note *k;

	if (mode != MS_KIT_LINKS_HIDDEN && in->url
	    && ms_kit_link_shows_url(words, in->url)) {
		if (mode == MS_KIT_LINKS_AFTER) {
			ms_buf_puts(&d->text, " <");
			put_clean(&d->text, in->url);
			ms_buf_putc(&d->text, '>');
		} else {
			if (d->nnotes == d->capnotes) {
				d->capnotes = d->capnotes ? 2 * d->capnotes : 4;
				d->notes = ms_xrealloc(d->notes,
				                       d->capnotes * sizeof *d->notes);
			}
			k = &d->notes[d->nnotes++];
			memset(k, 0, sizeof *k);
			k->offset = -1;   /* the number comes after the link */
			ms_buf_printf(&note, "%zu\xe2\x80\x82", d->nnotes);
			put_clean(&note, in->url);
			k->text = ms_buf_detach(&note, NULL);
		}
	}
	free(words);
	ms_buf_release(&note);
}

static void put_note_mark(pdf_doc *d);

/* Footnote NUMBER of the letter at the foot of the page where its
 * number falls, numbered with the links' notes. */
static void
body_note(pdf_doc *d, int number)
{
	ms_buf note = MS_BUF_INIT, plain = MS_BUF_INIT;
	pdf_note *k;

	/* cited again: the same number, raised, and no second note */
	for (size_t i = 0; i < d->nnotes; i++)
		if (d->notes[i].footnote == number) {
			size_t start = d->text.len;
			ms_buf_printf(&d->text, "%zu", i + 1);
			add_attr(d, pango_attr_rise_new((int)(d->size * PANGO_SCALE
			                                      * 0.33)),
			         start, d->text.len);
			add_attr(d, pango_attr_scale_new(0.7), start, d->text.len);
			return;
		}
	if (d->nnotes == d->capnotes) {
		d->capnotes = d->capnotes ? 2 * d->capnotes : 4;
		d->notes = ms_xrealloc(d->notes, d->capnotes * sizeof *d->notes);
	}
	k = &d->notes[d->nnotes++];
	memset(k, 0, sizeof *k);
	ms_buf_printf(&note, "%zu\xe2\x80\x82", d->nnotes);
	put_clean(&note, ms_kit_note_plain(d->l, number, &plain));
	k->text = ms_buf_detach(&note, NULL);
	k->footnote = number;
	ms_buf_release(&plain);
	put_note_mark(d);
}

/* The number of the last footnote, raised, where the text stands. */
static void
put_note_mark(pdf_doc *d)
{
	pdf_note *k = &d->notes[d->nnotes - 1];
	size_t start = d->text.len;

	k->offset = (int)start;
	ms_buf_printf(&d->text, "%zu", d->nnotes);
	add_attr(d, pango_attr_rise_new((int)(d->size * PANGO_SCALE * 0.33)),
	         start, d->text.len);
	add_attr(d, pango_attr_scale_new(0.7), start, d->text.len);
}

/* An inline event: text goes to the paragraph being built; markup
 * becomes Pango attributes over the range of its words, set when it
 * ends (its start is the node's mark). */
static void
put_inline(pdf_doc *d, ms_kit_event ev, ms_kit_node *n)
{
	const ms_inline *in = n->inl;
	size_t start = n->mark;

	if (ev == MS_KIT_ENTER) {
		n->mark = d->text.len;
		switch (in->type) {
		case MS_INLINE_TEXT:  /* with the language's quotation marks */
			put_text_cut(d, ms_kit_text(d->it, n));
			break;
		case MS_INLINE_FOOTNOTE:  /* a note at the foot of the page */
			body_note(d, in->number);
			break;
		case MS_INLINE_CODE:
			put_text_cut(d, in->text);
			add_attr(d, pango_attr_family_new("monospace"), n->mark,
			         d->text.len);
			break;
		case MS_INLINE_SOFTBREAK:
			ms_buf_putc(&d->text, ' ');
			break;
		case MS_INLINE_LINEBREAK:
			ms_buf_puts(&d->text, "\xe2\x80\xa8"); /* LINE SEPARATOR */
			break;
		case MS_INLINE_HTML:
			break;  /* raw HTML has no meaning on paper */
		case MS_INLINE_EMPH:
		case MS_INLINE_STRONG:
		case MS_INLINE_SUP:
		case MS_INLINE_SUB:
		case MS_INLINE_UNDERLINE:
		case MS_INLINE_STRIKE:
		case MS_INLINE_LINK:
			break;
		default:  /* kinds newer than this writer: keep their text */
			if (in->text)
				put_clean(&d->text, in->text);
			break;
		}
		return;
	}
	switch (in->type) {
	case MS_INLINE_EMPH:
		/* italic where the script has it; Pango draws no emphasis
		 * marks, so scripts that use them get bold as well */
		if (ms_kit_emphasis_of(d->loc) == MS_KIT_EMPH_ITALIC)
			add_attr(d, pango_attr_style_new(PANGO_STYLE_ITALIC), start,
			         d->text.len);
		else
			add_attr(d, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start,
			         d->text.len);
		break;
	case MS_INLINE_STRONG:
		add_attr(d, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start,
		         d->text.len);
		break;
	case MS_INLINE_SUP:
	case MS_INLINE_SUB:
		add_attr(d, pango_attr_rise_new((int)(d->size * PANGO_SCALE
		         * (in->type == MS_INLINE_SUP ? 0.33 : -0.15))),
		         start, d->text.len);
		add_attr(d, pango_attr_scale_new(0.7), start, d->text.len);
		break;
	case MS_INLINE_UNDERLINE:
		add_attr(d, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE),
		         start, d->text.len);
		break;
	case MS_INLINE_STRIKE:
		add_attr(d, pango_attr_strikethrough_new(TRUE), start,
		         d->text.len);
		break;
	case MS_INLINE_LINK:
		if (d->text.len == start)
			put_clean(&d->text, in->url);
		else
			link_address(d, in, start);
		add_attr(d, pango_attr_foreground_new(0x1000, 0x3000, 0x9000),
		         start, d->text.len);
		add_attr(d, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE),
		         start, d->text.len);
		add_link(d, in->url, start, d->text.len);
		if (d->nnotes && !d->notes[d->nnotes - 1].para
		    && d->notes[d->nnotes - 1].offset < 0)
			put_note_mark(d);
		break;
	default:
		break;
	}
}

/* A space before what comes next, unless the paragraph is empty. */
static void
put_space(pdf_doc *d)
{
	if (d->text.len && d->text.ptr[d->text.len - 1] != ' ')
		ms_buf_putc(&d->text, ' ');
}

/* Keep-all line breaking: forbid breaks inside each word that holds
 * letters of such a script, unless it is too long to keep on one line. */
static void
keep_words(pdf_doc *d)
{
	const char *s = d->text.ptr, *end = s + d->text.len, *w = NULL;
	int chars = 0;
	bool cjk = false;

	for (const char *p = s; ; p = g_utf8_next_char(p)) {
		gunichar c = p < end ? g_utf8_get_char(p) : ' ';
		bool blank = g_unichar_isspace(c) || c == 0x2028;
		if (!blank) {
			if (!w) {
				w = p;
				chars = 0;
				cjk = false;
			}
			chars++;
			cjk = cjk || ms_kit_keep_all_letter(c);
		} else if (w) {
			if (cjk && chars > 1 && chars <= KEEP_ALL_MAX)
				add_attr(d, pango_attr_allow_breaks_new(FALSE),
				         (size_t)(w - s), (size_t)(p - s));
			w = NULL;
		}
		if (p >= end)
			break;
	}
}

static PangoLayout *
new_layout(pdf_doc *d, const char *text, size_t len,
           const PangoFontDescription *font)
{
	PangoLayout *layout = pango_layout_new(d->pango);
	pango_layout_set_font_description(layout, font);
	pango_layout_set_text(layout, text, (int)len);
	return layout;
}

static void
para_append(pdf_doc *d, pdf_para *p)
{
	if (d->last)
		d->last->next = p;
	else
		d->first = p;
	d->last = p;
}

/* Table cells at tab stops: a column's cells start at its left edge,
 * centre on its middle or end at its right edge, as the delimiter row of
 * the table says (ALIGNS, one of 'l', 'c', 'r' per column).  A row
 * starts with a tab unless its first column is left-aligned. */
static void
set_columns(PangoLayout *layout, double width, int columns,
            const char *aligns)
{
	size_t naligns = aligns ? strlen(aligns) : 0;
	bool lead = naligns && aligns[0] != 'l';
	int n = columns - 1 + lead, k = 0;
	PangoTabArray *tabs = pango_tab_array_new(n, FALSE);
	double col = width / columns, pad = col * 0.04;

	for (int i = lead ? 0 : 1; i < columns; i++) {
		char a = (size_t)i < naligns ? aligns[i] : 'l';
		PangoTabAlign how = PANGO_TAB_LEFT;
		double x = col * i;
#if PANGO_VERSION_CHECK(1, 50, 0)
		if (a == 'r') {
			how = PANGO_TAB_RIGHT;
			x = col * (i + 1) - pad;
		} else if (a == 'c') {
			how = PANGO_TAB_CENTER;
			x = col * (i + 0.5);
		}
#else
		(void)a;
		(void)pad;
#endif
		pango_tab_array_set_tab(tabs, k++, how, (int)(x * PANGO_SCALE));
	}
	pango_layout_set_tabs(layout, tabs);
	pango_tab_array_free(tabs);
}

/* Finish the paragraph being built; an empty one is dropped. */
static void
para_end(pdf_doc *d, const para_style *st)
{
	pdf_para *p;
	double width;

	if (d->text.len == 0 && !st->prefix) {
		pango_attr_list_unref(d->attrs);
		d->attrs = pango_attr_list_new();
		return;
	}
	if (ms_kit_keep_all(d->loc))
		keep_words(d);
	/* A word cut between characters gets no hyphen: it may be a URL. */
	add_attr(d, pango_attr_insert_hyphens_new(FALSE), 0, d->text.len);
	/* The locale's leading, for fonts whose own is too tight. */
	if (d->loc->line_height > 0)
		add_attr(d, pango_attr_line_height_new_absolute((int)(
		         pango_font_description_get_size(st->font)
		         * d->loc->line_height)), 0, d->text.len);

	p = ms_xcalloc(1, sizeof *p);
	p->layout = new_layout(d, d->text.ptr, d->text.len, st->font);
	pango_layout_set_attributes(p->layout, d->attrs);
	width = d->text_w - st->indent;
	if (width < d->size * 4)
		width = d->size * 4;
	pango_layout_set_width(p->layout, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(p->layout, st->align);
	if (st->columns > 1 || (st->aligns && *st->aligns != 'l'))
		set_columns(p->layout, width, st->columns, st->aligns);
	if (st->hanging > 0)
		pango_layout_set_indent(p->layout, (int)(-st->hanging * PANGO_SCALE));
	if (st->prefix) {
		ms_buf clean = MS_BUF_INIT;
		put_clean(&clean, st->prefix);
		p->prefix = new_layout(d, clean.ptr, clean.len,
		                       st->prefix_font ? st->prefix_font : st->font);
		ms_buf_release(&clean);
	}
	p->indent = st->indent;
	p->prefix_x = st->prefix_x;
	p->line = d->line;
	p->space_before = st->space_before;
	p->keep_with_next = st->keep_with_next;
	p->links = d->links;
	p->nlinks = d->nlinks;
	for (size_t i = d->nnotes; i > 0 && !d->notes[i - 1].para; i--)
		d->notes[i - 1].para = p;
	d->links = NULL;
	d->nlinks = d->caplinks = 0;

	para_append(d, p);
	ms_buf_reset(&d->text);
	pango_attr_list_unref(d->attrs);
	d->attrs = pango_attr_list_new();
}

static void
para_free(pdf_para *p)
{
	while (p) {
		pdf_para *next = p->next;
		g_object_unref(p->layout);
		if (p->prefix)
			g_object_unref(p->prefix);
		for (size_t i = 0; i < p->nlinks; i++)
			free(p->links[i].uri);
		free(p->links);
		free(p->lines);
		ms_paint_free(p->image);
		free(p);
		p = next;
	}
}

static double
text_width(pdf_doc *d, const char *s, const PangoFontDescription *font)
{
	PangoRectangle r;
	PangoLayout *layout = new_layout(d, s, strlen(s), font);
	pango_layout_get_extents(layout, NULL, &r);
	g_object_unref(layout);
	return (double)r.width / PANGO_SCALE;
}

/* The boxes the letter's images are fitted in (points): the logo above
 * the letterhead's lines, a signature in the space above its signer's
 * name. */
#define LOGO_MAX_W (6.0 / 2.54 * 72)
#define LOGO_MAX_H (1.8 / 2.54 * 72)
#define SIGNATURE_MAX_W (5.0 / 2.54 * 72)
#define SIGNATURE_MAX_H (1.5 / 2.54 * 72)

/* A paragraph holding only IMG (KEY names it in messages), fitted in
 * MAX_W × MAX_H, kept with what follows.  False after a located error
 * when the image cannot be decoded. */
static bool
image_para(pdf_doc *d, const ms_image *img, const char *key, double max_w,
           double max_h, double space_before)
{
	ms_paint *paint = ms_paint_open(img, key, d->l, PLUGIN_NAME, d->diag);
	pdf_para *p;

	if (!paint) {
		d->status = MS_ERR_INVALID;
		return false;
	}
	p = ms_xcalloc(1, sizeof *p);
	p->image = paint;
	ms_paint_fit(img, max_w, max_h, &p->image_w, &p->image_h);
	p->layout = new_layout(d, "", 0, d->font);
	p->space_before = space_before;
	p->keep_with_next = true;
	p->line = img->pos.line;
	para_append(d, p);
	return true;
}

static para_style
style_plain(pdf_doc *d, double space_before)
{
	para_style st;
	memset(&st, 0, sizeof st);
	st.font = d->font;
	st.align = PANGO_ALIGN_LEFT;
	st.space_before = space_before;
	return st;
}

/* ------------------------------------------------------------ the letter */

/* Where the blocks inside a container go: their left edge, whether they
 * sit tight, the space above the first one and the marker before its
 * first line (a list item's).  A list keeps the space above its next
 * item.  Prefixes are copied, never pointed to: frames move. */
typedef struct pdf_frame {
	double indent;
	bool tight;
	double first_space;
	char prefix[32];
	double prefix_x;
	double item_space;     /* a list: the space above its next item */
	para_style st;         /* a paragraph or heading being built */
} pdf_frame;

static pdf_frame *
frame_at(pdf_doc *d, int depth)
{
	return ms_kit_frame(&d->frames, depth);
}

static void
frame_set(pdf_frame *f, double indent, bool tight, double first_space,
          const char *prefix, double prefix_x)
{
	f->indent = indent;
	f->tight = tight;
	f->first_space = first_space;
	g_strlcpy(f->prefix, prefix ? prefix : "", sizeof f->prefix);
	f->prefix_x = prefix_x;
}

/* The indent of blocks nested one step inside INDENT; content nested so
 * deep that it would start past MAX_INDENT of the text width stays
 * where it is (noted for the warning) rather than leave the page. */
static double
deeper(pdf_doc *d, double indent, double step)
{
	if (indent + step <= d->text_w * MAX_INDENT)
		return indent + step;
	if (!(d->cut & CUT_DEPTH))
		d->cut_line[1] = d->line;
	d->cut |= CUT_DEPTH;
	return indent;
}

static void
block_enter(pdf_doc *d, const ms_kit_node *n)
{
	const ms_block *b = n->block;
	pdf_frame *f = frame_at(d, n->depth), *up = frame_at(d, n->depth - 1);
	const ms_block *list = ms_kit_list_of(n);
	double step = d->size * 1.8, space;
	const char *prefix;
	char marker[32];

	if (n->block->pos.line)
		d->line = n->block->pos.line;
	if (list) {
		/* An item: its blocks go right of the marker. */
		if (list->ordered)
			g_snprintf(marker, sizeof marker, "%ld.", n->number);
		else
			g_snprintf(marker, sizeof marker, "\xe2\x80\xa2");
		frame_set(f, deeper(d, up->indent, step), list->tight,
		          up->item_space, marker, up->indent);
		up->item_space = list->tight ? d->gap * 0.3 : d->gap;
		return;
	}
	space = n->index == 0 ? up->first_space
	        : up->tight ? d->gap * 0.3 : d->gap;
	prefix = n->index == 0 && *up->prefix ? up->prefix : NULL;
	f->st = style_plain(d, space);
	f->st.indent = up->indent;
	f->st.prefix_x = up->prefix_x;
	frame_set(f, up->indent, false, space, prefix, up->prefix_x);
	f->st.prefix = *f->prefix ? f->prefix : NULL;
	switch (b->type) {
	case MS_BLOCK_LIST:
		f->item_space = space;
		break;
	case MS_BLOCK_QUOTE:
		f->indent = deeper(d, f->indent, step);
		break;
	case MS_BLOCK_BREAK:
		f->st.align = PANGO_ALIGN_CENTER;
		ms_buf_puts(&d->text, "*\xe2\x80\x83*\xe2\x80\x83*");
		para_end(d, &f->st);
		break;
	case MS_BLOCK_TABLE:
		f->tight = true;
		break;
	case MS_BLOCK_ROW:   /* one paragraph, cells at tab stops */
		f->st.columns = n->parent->block->columns;
		if (b->header)
			f->st.font = d->bold;
		ms_buf_reset(&d->aligns);
		break;
	case MS_BLOCK_CELL:  /* its column's alignment (set_columns) */
		ms_buf_putc(&d->aligns, b->align == 'c' || b->align == 'r'
		                        ? b->align : 'l');
		if (n->index > 0 || d->aligns.ptr[0] != 'l')
			ms_buf_putc(&d->text, '\t');
		break;
	default:
		break;
	}
}

static void
block_exit(pdf_doc *d, const ms_kit_node *n)
{
	const ms_block *b = n->block;
	pdf_frame *f = frame_at(d, n->depth);
	PangoFontDescription *font;

	if (ms_kit_list_of(n))
		return;
	f->st.prefix = *f->prefix ? f->prefix : NULL;
	switch (b->type) {
	case MS_BLOCK_PARAGRAPH:
		para_end(d, &f->st);
		break;
	case MS_BLOCK_HEADING:
		font = pango_font_description_copy(d->bold);
		pango_font_description_set_size(font, (int)(d->size * PANGO_SCALE
		        * (b->level <= 1 ? 1.3 : b->level == 2 ? 1.15 : 1.0)));
		f->st.font = font;
		f->st.keep_with_next = true;
		para_end(d, &f->st);
		pango_font_description_free(font);
		break;
	case MS_BLOCK_ROW:
		f->st.aligns = d->aligns.ptr;
		para_end(d, &f->st);
		break;
	case MS_BLOCK_LIST:
	case MS_BLOCK_ITEM:
	case MS_BLOCK_QUOTE:
	case MS_BLOCK_BREAK:
	case MS_BLOCK_TABLE:
	case MS_BLOCK_CELL:
		break;
	default:  /* items out of place, or kinds newer than this writer */
		if (!b->children)
			para_end(d, &f->st);
		break;
	}
}

static void
build(pdf_doc *d)
{
	ms_kit_iter *it = d->it = ms_kit_iter_new(d->l, d->loc, 0);
	para_style st = style_plain(d, 0), line = st;
	double cc_indent = 0;
	bool ended_letterhead = false;  /* the last event ended the letterhead */
	ms_kit_node *n;
	ms_kit_event ev;

	while ((ev = ms_kit_iter_next(it, &n)) != MS_KIT_DONE) {
		bool enter = ev == MS_KIT_ENTER;
		bool letterhead = ended_letterhead;   /* right above */
		ended_letterhead = !enter && n->part == MS_KIT_LETTERHEAD;
		if (enter && n->ms && n->ms->pos.line)
			d->line = n->ms->pos.line;
		switch (n->part) {
		case MS_KIT_DRAFT:
			/* a line at the top (text extractors find it there; the
			 * diagonal watermark on every page is for the eye) */
			d->draft_label = n->text;
			st.font = d->bold;
			put_clean(&d->text, n->text);
			add_attr(d, pango_attr_foreground_new(0xc000, 0, 0), 0,
			         d->text.len);
			para_end(d, &st);
			st = style_plain(d, d->gap);
			break;
		case MS_KIT_SPECIMEN:
			/* a line at the top, and a watermark on every page */
			d->specimen_label = n->text;
			st.font = d->bold;
			put_clean(&d->text, n->text);
			add_attr(d, pango_attr_foreground_new(0x5000, 0x5000, 0x5000),
			         0, d->text.len);
			add_attr(d, pango_attr_letter_spacing_new(2 * PANGO_SCALE), 0,
			         d->text.len);
			para_end(d, &st);
			st = style_plain(d, d->gap);
			break;
		case MS_KIT_NOTICE:
			/* in small grey type above the letter */
			st.font = d->small;
			put_clean(&d->text, n->text);
			add_attr(d, pango_attr_foreground_new(0x5000, 0x5000, 0x5000),
			         0, d->text.len);
			para_end(d, &st);
			st = style_plain(d, 2 * d->gap);
			break;
		case MS_KIT_DATE:
			/* apart from the letterhead above it */
			if (letterhead && st.space_before < d->gap * 1.5)
				st.space_before = d->gap * 1.5;
			put_clean(&d->text, n->text);
			if (d->loc->date_align
			    && strcmp(d->loc->date_align, "right") == 0)
				st.align = PANGO_ALIGN_RIGHT;
			para_end(d, &st);
			break;
		case MS_KIT_ADDRESSEES:
			cc_indent = 0;
			break;
		case MS_KIT_COPIES:
			cc_indent = n->text ? text_width(d, n->text, d->bold)
			                      + d->size : 0;
			break;
		case MS_KIT_RECIPIENT:
			/* one paragraph per line; the first copy's first line
			 * starts with the "CC." label */
			line = style_plain(d, d->gap);
			line.indent = cc_indent;
			line.prefix = n->parent->part == MS_KIT_COPIES
			              && n->index == 0 ? n->parent->text : NULL;
			line.prefix_font = d->bold;
			line.hanging = d->size;
			break;
		case MS_KIT_LINE:
			if (!enter && d->text.len) {
				para_end(d, &line);
				line.space_before = 0;
				line.prefix = NULL;
				line.font = d->font;  /* only a letterhead's first is bold */
			}
			break;
		case MS_KIT_LETTERHEAD:
		case MS_KIT_REFERENCES:
		case MS_KIT_SIGNER:
			/* one paragraph per line: the letterhead's organisation
			 * in bold under the logo, a signer under the signature
			 * or the room for one */
			if (!enter)
				break;
			line = style_plain(d, n->part == MS_KIT_SIGNER
			                      ? d->gap * 3 : n->part == MS_KIT_REFERENCES
			                      ? d->gap : 0);
			if (n->image && n->part == MS_KIT_LETTERHEAD
			    && image_para(d, n->image, "logo", LOGO_MAX_W,
			                  LOGO_MAX_H, 0))
				line.space_before = d->gap * 0.6;
			else if (n->image && n->part == MS_KIT_SIGNER
			         && image_para(d, n->image, "signature",
			                       SIGNATURE_MAX_W, SIGNATURE_MAX_H,
			                       d->gap * 1.5))
				line.space_before = d->gap * 0.2;
			break;
		case MS_KIT_SIGNERS:
		case MS_KIT_SEE_ANNEX:
			if (!enter || !n->text)
				break;
			put_clean(&d->text, n->text);
			st = style_plain(d, d->gap * 2);
			para_end(d, &st);
			break;
		case MS_KIT_ENCLOSURES:
			if (!enter)
				break;
			line = style_plain(d, d->gap * 2);
			if (n->text) {
				put_clean(&d->text, n->text);
				para_end(d, &line);
				line.space_before = 0;
			}
			break;
		case MS_KIT_FOOTNOTES:
			/* at the foot of their pages (body_note) */
			ms_kit_iter_skip(it);
			break;
		case MS_KIT_FIELD:
			if (!enter)
				break;
			if (n->parent->part == MS_KIT_LINE && n->index == 0
			    && n->parent->parent->part == MS_KIT_LETTERHEAD
			    && n->parent->role == MS_KIT_ORGANISATION)
				line.font = d->bold;
			if (n->sep)   /* the layout's own spacing */
				put_clean(&d->text, d->text.len ? n->sep : "");
			else if (n->role == MS_KIT_NAME || n->role == MS_KIT_HONORIFIC
			    || (n->role == MS_KIT_FAX || n->role == MS_KIT_EMAIL))
				put_space(d);
			if (n->role == MS_KIT_AFFILIATION)
				ms_buf_puts(&d->text, " / ");
			if (n->leaf)
				put_clean(&d->text, n->text);
			break;
		case MS_KIT_SUBJECT:
			if (enter)
				break;
			st = style_plain(d, d->gap * 1.5);
			st.font = d->bold;
			if (n->text) {
				st.prefix = n->text;
				st.indent = text_width(d, n->text, d->bold)
				            + d->size * 0.5;
			}
			para_end(d, &st);
			break;
		case MS_KIT_SALUTATION:
		case MS_KIT_CLOSING:
			if (enter)
				break;
			st = style_plain(d, d->gap * 1.5);
			st.keep_with_next = n->part == MS_KIT_SALUTATION;
			para_end(d, &st);
			break;
		case MS_KIT_BODY:
			if (enter)
				frame_set(frame_at(d, n->depth), 0, false, d->gap, NULL, 0);
			break;
		case MS_KIT_BLOCK:
			if (enter)
				block_enter(d, n);
			if (!enter || n->leaf)
				block_exit(d, n);
			break;
		case MS_KIT_INLINE:
			put_inline(d, ev, n);
			break;
		case MS_KIT_SIGNATORIES:
			if (enter && n->text_before) {  /* the annex */
				st = style_plain(d, d->gap * 3);
				st.font = d->bold;
				st.keep_with_next = true;
				put_clean(&d->text, n->text_before);
				para_end(d, &st);
			}
			if (!enter || !n->text)
				break;
			st = style_plain(d, d->gap * 2);
			st.font = d->bold;
			st.keep_with_next = true;
			put_clean(&d->text, n->text);
			para_end(d, &st);
			break;
		case MS_KIT_SIGNATORY_LIST:
			if (!enter || !n->text)
				break;
			/* Scripts without italics get bold subheadings. */
			st = style_plain(d, d->gap * 0.6);
			st.font = ms_kit_emphasis_of(d->loc) == MS_KIT_EMPH_ITALIC
			          ? d->italic : d->bold;
			st.keep_with_next = true;
			put_clean(&d->text, n->text);
			para_end(d, &st);
			break;
		case MS_KIT_SIGNATORY:
			if (enter)
				break;
			st = style_plain(d, 0);
			st.hanging = d->size * 1.5;
			para_end(d, &st);
			break;
		case MS_KIT_LETTER:
			break;
		}
	}
	ms_kit_iter_free(it);
}

/* ------------------------------------------------------------ pages */

static void scan_glyphs(glyph_scan *gs, const pdf_para *p);

static void
measure(pdf_para *p)
{
	PangoLayoutIter *it;
	int i = 0;

	if (p->image) {   /* one line as tall as the image */
		p->nlines = 1;
		p->lines = ms_xcalloc(1, sizeof *p->lines);
		p->lines[0].height = p->image_h;
		return;
	}
	p->nlines = pango_layout_get_line_count(p->layout);
	p->lines = ms_xcalloc((size_t)(p->nlines > 0 ? p->nlines : 1),
	                      sizeof *p->lines);
	it = pango_layout_get_iter(p->layout);
	do {
		PangoRectangle logical;
		int y0, y1;
		if (i >= p->nlines)
			break;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		p->lines[i].x = (double)logical.x / PANGO_SCALE;
		p->lines[i].height = (double)(y1 - y0) / PANGO_SCALE;
		p->lines[i].baseline = (double)(pango_layout_iter_get_baseline(it)
		                                - y0) / PANGO_SCALE;
		{
			PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
			p->lines[i].start = line->start_index;
			p->lines[i].end = line->start_index + line->length;
		}
		i++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	p->nlines = i;
}

static double
height_of(const pdf_para *p, int from, int to)
{
	double h = 0;
	for (int i = from; i < to && i < p->nlines; i++)
		h += p->lines[i].height;
	return h;
}

/* The space footnotes take at the foot of a page above their text: a
 * rule and a gap. */
#define NOTES_GAP(d) ((d)->size * 1.2)

/* Lay out the footnotes (small type, the text's width). */
static void
measure_notes(pdf_doc *d)
{
	for (size_t i = 0; i < d->nnotes; i++) {
		pdf_note *k = &d->notes[i];
		PangoRectangle r;
		k->layout = new_layout(d, k->text, strlen(k->text), d->small);
		pango_layout_set_width(k->layout, (int)(d->text_w * PANGO_SCALE));
		pango_layout_set_wrap(k->layout, PANGO_WRAP_WORD_CHAR);
		pango_layout_get_extents(k->layout, NULL, &r);
		k->height = (double)r.height / PANGO_SCALE;
		k->page = -1;
	}
}

/* The height of the footnotes whose numbers are on line I of P; when
 * PLACE, they go on PAGE. */
static double
line_notes(pdf_doc *d, const pdf_para *p, int i, bool place, int page)
{
	double h = 0;
	for (size_t j = 0; j < d->nnotes; j++) {
		pdf_note *k = &d->notes[j];
		if (k->para == p && k->offset >= p->lines[i].start
		    && (k->offset < p->lines[i].end || i == p->nlines - 1)) {
			h += k->height;
			if (place)
				k->page = page;
		}
	}
	return h;
}

/* Give every line a page and a position.  Breaks fall between lines; a
 * paragraph's first line is not left alone at the foot of a page, nor
 * its last line alone at the head of the next; a keep-with-next
 * paragraph moves to the next page with the paragraph that follows.  A
 * line with a footnote number goes where its footnote fits too. */
static void
paginate(pdf_doc *d)
{
	double top = d->margin, bottom = d->page_h - d->margin;
	double y = top, notes = 0;   /* footnotes on this page so far */
	int page = 0;

	size_t bytes = 0;
	for (pdf_para *p = d->first; p; p = p->next)
		bytes += strlen(pango_layout_get_text(p->layout));
	d->relayout = bytes > RELAYOUT_BYTES;
	for (pdf_para *p = d->first; p; p = p->next) {
		measure(p);
		scan_glyphs(d->missing, p);
		if (d->relayout)   /* its lines are let go: laid out again to draw */
			pango_layout_context_changed(p->layout);
	}
	measure_notes(d);
	for (pdf_para *p = d->first; p; p = p->next) {
		int n = p->nlines, from = 0;
		if (n == 0)
			continue;
		if (y > top)
			y += p->space_before;
		if (p->keep_with_next && p->next && p->next->nlines && y > top) {
			double need = height_of(p, 0, n) + p->next->space_before
			              + height_of(p->next, 0, 2);
			if (y + need > bottom - notes && need <= bottom - top) {
				page++;
				y = top;
				notes = 0;
			}
		}
		while (from < n) {
			double yy = y, nn = notes;
			int k = from, b;
			for (; k < n; k++) {
				double extra = line_notes(d, p, k, false, 0);
				if (extra > 0 && nn == 0)
					extra += NOTES_GAP(d);
				if (yy + p->lines[k].height + nn + extra > bottom + 0.01)
					break;
				yy += p->lines[k].height;
				nn += extra;
			}
			b = k;
			if (k < n) {
				if (from == 0 && k == 1 && n > 1)
					b = 0;                  /* orphan */
				else if (k == n - 1 && k - from >= 3)
					b = k - 1;              /* widow */
				else if (k == n - 1 && from == 0)
					b = 0;
				if (b == from && y <= top + 0.01)
					b = k > from ? k : from + 1; /* must progress */
			}
			for (int i = from; i < b; i++) {
				double extra = line_notes(d, p, i, true, page);
				if (extra > 0 && notes == 0)
					extra += NOTES_GAP(d);
				notes += extra;
				p->lines[i].page = page;
				p->lines[i].top = y;
				y += p->lines[i].height;
			}
			from = b;
			if (from < n) {
				page++;
				y = top;
				notes = 0;
			}
		}
	}
	d->pages = page + 1;
}

static void
draw_watermark(pdf_doc *d, const char *label, bool rising, double red,
               double green, double blue)
{
	PangoFontDescription *font;
	PangoLayout *layout;
	PangoRectangle r;
	ms_buf clean = MS_BUF_INIT;
	double diag, scale, angle;

	if (!label)
		return;
	put_clean(&clean, label);
	font = pango_font_description_copy(d->bold);
	pango_font_description_set_size(font, 100 * PANGO_SCALE);
	layout = new_layout(d, clean.ptr, clean.len, font);
	pango_layout_get_extents(layout, NULL, &r);
	angle = atan2(d->page_h, d->page_w);
	diag = hypot(d->page_w, d->page_h);
	scale = r.width > 0 ? 0.7 * diag / ((double)r.width / PANGO_SCALE) : 1;
	if (scale > 1.5)
		scale = 1.5;
	cairo_save(d->cr);
	cairo_translate(d->cr, d->page_w / 2, d->page_h / 2);
	cairo_rotate(d->cr, rising ? -angle : angle);
	cairo_scale(d->cr, scale, scale);
	cairo_move_to(d->cr, -(double)r.width / PANGO_SCALE / 2,
	              -(double)r.height / PANGO_SCALE / 2);
	cairo_set_source_rgba(d->cr, red, green, blue, 0.15);
	pango_cairo_show_layout(d->cr, layout);
	cairo_restore(d->cr);
	g_object_unref(layout);
	pango_font_description_free(font);
	ms_buf_release(&clean);
}

/* TEXT centred in small type across the page at height Y. */
static void
draw_margin_line(pdf_doc *d, const char *text, double y,
                 const PangoFontDescription *font)
{
	ms_buf clean = MS_BUF_INIT;
	PangoLayout *layout;

	put_clean(&clean, text);
	layout = new_layout(d, clean.ptr, clean.len, font);
	pango_layout_set_width(layout, (int)(d->text_w * PANGO_SCALE));
	pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
	cairo_set_source_rgb(d->cr, 0.3, 0.3, 0.3);
	cairo_move_to(d->cr, d->margin, y);
	pango_cairo_show_layout(d->cr, layout);
	g_object_unref(layout);
	ms_buf_release(&clean);
}

static void
draw_footer(pdf_doc *d, int page)
{
	ms_buf s = MS_BUF_INIT;

	put_page_label(&s, d->l->labels.page, page + 1, d->pages);
	draw_margin_line(d, s.ptr, d->page_h - d->margin * 0.6, d->small);
	ms_buf_release(&s);
}

static void
begin_page(pdf_doc *d)
{
	/* The draft mark rises across the page in red; the specimen mark
	 * in grey, falling when the letter is both. */
	if (d->draft_label)
		draw_watermark(d, d->draft_label, true, 0.75, 0.1, 0.1);
	if (d->specimen_label) {
		draw_watermark(d, d->specimen_label, !d->draft_label, 0.3, 0.3, 0.3);
		/* and in the top margin, where text extraction finds it */
		draw_margin_line(d, d->specimen_label, d->margin * 0.45, d->small);
	}
	cairo_set_source_rgb(d->cr, 0, 0, 0);
}

/* The footnotes of PAGE at its foot, under a short rule. */
static void
draw_notes(pdf_doc *d, int page)
{
	double h = 0, y;

	for (size_t i = 0; i < d->nnotes; i++)
		if (d->notes[i].page == page)
			h += d->notes[i].height;
	if (h == 0)
		return;
	y = d->page_h - d->margin - h;
	cairo_set_source_rgb(d->cr, 0.3, 0.3, 0.3);
	cairo_set_line_width(d->cr, 0.5);
	cairo_move_to(d->cr, d->margin, y - NOTES_GAP(d) / 2);
	cairo_line_to(d->cr, d->margin + d->text_w / 3, y - NOTES_GAP(d) / 2);
	cairo_stroke(d->cr);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	for (size_t i = 0; i < d->nnotes; i++) {
		if (d->notes[i].page != page)
			continue;
		cairo_move_to(d->cr, d->margin, y);
		pango_cairo_show_layout(d->cr, d->notes[i].layout);
		y += d->notes[i].height;
	}
}

static void
end_page(pdf_doc *d, int page)
{
	draw_notes(d, page);
	draw_footer(d, page);
	cairo_show_page(d->cr);
}

static void
put_coord(ms_buf *b, double v)
{
	char num[G_ASCII_DTOSTR_BUF_SIZE];
	ms_buf_puts(b, g_ascii_formatd(num, sizeof num, "%.2f", v));
}

/* Make the parts of LINE that belong to links clickable. */
static void
tag_links(pdf_doc *d, const pdf_para *p, PangoLayoutLine *line,
          const pdf_line *pl)
{
	double left = d->margin + p->indent;
	ms_buf attr = MS_BUF_INIT;

	for (size_t i = 0; i < p->nlinks; i++) {
		int s = p->links[i].start, e = p->links[i].end, *ranges = NULL, n = 0;
		int ls = line->start_index, le = line->start_index + line->length;
		if (s < ls)
			s = ls;
		if (e > le)
			e = le;
		if (s >= e)
			continue;
		pango_layout_line_get_x_ranges(line, s, e, &ranges, &n);
		for (int j = 0; j < n; j++) {
			double x0 = (double)ranges[2 * j] / PANGO_SCALE;
			double x1 = (double)ranges[2 * j + 1] / PANGO_SCALE;
			if (x1 <= x0)
				continue;
			ms_buf_reset(&attr);
			ms_buf_printf(&attr, "uri='%s' rect=[", p->links[i].uri);
			put_coord(&attr, left + x0);
			ms_buf_putc(&attr, ' ');
			put_coord(&attr, pl->top);
			ms_buf_putc(&attr, ' ');
			put_coord(&attr, x1 - x0);
			ms_buf_putc(&attr, ' ');
			put_coord(&attr, pl->height);
			ms_buf_putc(&attr, ']');
			cairo_tag_begin(d->cr, CAIRO_TAG_LINK, attr.ptr);
			cairo_tag_end(d->cr, CAIRO_TAG_LINK);
		}
		g_free(ranges);
	}
	ms_buf_release(&attr);
}

static void
draw(pdf_doc *d)
{
	int cur = -1;

	for (const pdf_para *p = d->first; p; p = p->next) {
		GSList *lines = pango_layout_get_lines_readonly(p->layout);
		for (int i = 0; i < p->nlines && lines; i++, lines = lines->next) {
			const pdf_line *pl = &p->lines[i];
			if (pl->page != cur) {
				if (cur >= 0)
					end_page(d, cur);
				cur = pl->page;
				begin_page(d);
			}
			if (p->image) {
				if (!ms_paint_draw(p->image, d->cr, d->margin + p->indent,
				                   pl->top, p->image_w, p->image_h)) {
					ms_diag_emit(d->diag, MS_ERROR, PLUGIN_NAME,
					             d->l->path, p->line, 0,
					             _("the image named here cannot be drawn"));
					d->status = MS_ERR_RENDER;
				}
				break;
			}
			cairo_move_to(d->cr, d->margin + p->indent + pl->x,
			              pl->top + pl->baseline);
			pango_cairo_show_layout_line(d->cr, lines->data);
			if (i == 0 && p->prefix) {
				cairo_move_to(d->cr, d->margin + p->prefix_x,
				              pl->top + pl->baseline
				              - (double)pango_layout_get_baseline(p->prefix)
				                / PANGO_SCALE);
				pango_cairo_show_layout(d->cr, p->prefix);
			}
			if (p->nlinks)
				tag_links(d, p, lines->data, pl);
		}
		if (d->relayout)
			pango_layout_context_changed(p->layout);
	}
	if (cur < 0) {  /* an empty letter still has a page */
		cur = 0;
		begin_page(d);
	}
	end_page(d, cur);
}

/* ------------------------------------------------------------ render */

/* Say what was cut on the way to Pango, where it was first. */
static void
warn_cuts(pdf_doc *d)
{
	if (d->cut & CUT_MARKS)
		ms_diag_emit(d->diag, MS_WARNING, PLUGIN_NAME, d->l->path,
		             d->cut_line[0], 0,
		             _("runs of more than %d combining marks cut to %d"),
		             MAX_MARKS, MAX_MARKS);
	if (d->cut & CUT_RUN)
		ms_diag_emit(d->diag, MS_WARNING, PLUGIN_NAME, d->l->path,
		             d->cut_line[2], 0,
		             _("words of more than %d characters may be broken "
		               "anywhere, every %d characters at most"),
		             MAX_RUN, MAX_RUN);
	if (d->cut & CUT_DEPTH)
		ms_diag_emit(d->diag, MS_WARNING, PLUGIN_NAME, d->l->path,
		             d->cut_line[1], 0,
		             _("content nested too deep to indent further is set "
		               "at the deepest indent that fits the page"));
}

/* The Debian package whose fonts cover the script of C, or NULL. */
static const char *
package_for(gunichar c)
{
	switch (g_unichar_get_script(c)) {
	case G_UNICODE_SCRIPT_HANGUL:
		return "fonts-nanum";
	case G_UNICODE_SCRIPT_HAN:
	case G_UNICODE_SCRIPT_HIRAGANA:
	case G_UNICODE_SCRIPT_KATAKANA:
	case G_UNICODE_SCRIPT_BOPOMOFO:
		return "fonts-noto-cjk";
	case G_UNICODE_SCRIPT_UNKNOWN:
		return NULL;  /* unassigned or private use: no font has it */
	default:
		return g_unichar_type(c) == G_UNICODE_PRIVATE_USE
		       || g_unichar_type(c) == G_UNICODE_UNASSIGNED
		       ? NULL : "fonts-noto-core";
	}
}

/* The characters no installed font has, gathered paragraph by paragraph
 * while measuring (scan_glyphs), reported by missing_glyphs. */
struct glyph_scan {
	GHashTable *seen;
	ms_buf chars, pkgs;      /* the first few, and the packages */
	unsigned line;           /* where the first one is */
	size_t n;
};

static void
scan_glyphs(glyph_scan *gs, const pdf_para *p)
{
	PangoLayoutIter *it = pango_layout_get_iter(p->layout);
	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
		if (!run)
			continue;
		for (int i = 0; i < run->glyphs->num_glyphs; i++) {
			PangoGlyph g = run->glyphs->glyphs[i].glyph;
			gunichar c;
			const char *pkg;
			char hex[16];
			if (!(g & PANGO_GLYPH_UNKNOWN_FLAG))
				continue;
			c = g & ~PANGO_GLYPH_UNKNOWN_FLAG;
			if (c == 0x200b || g_unichar_iszerowidth(c))
				continue;
			if (g_hash_table_contains(gs->seen, GUINT_TO_POINTER(c)))
				continue;
			g_hash_table_add(gs->seen, GUINT_TO_POINTER(c));
			g_snprintf(hex, sizeof hex, "U+%04X", (unsigned)c);
			if (!gs->n++)
				gs->line = p->line;
			if (gs->n <= 8)
				ms_buf_printf(&gs->chars, "%s%s", gs->chars.len ? ", " : "", hex);
			pkg = package_for(c);
			if (pkg && !strstr(gs->pkgs.ptr, pkg))
				ms_buf_printf(&gs->pkgs, "%s%s", gs->pkgs.len ? ", " : "", pkg);
		}
	} while (pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
}

/* Characters no installed font has would be drawn as empty boxes: an
 * error that names them (the first few), where they are, and the font
 * packages that would supply them.  True when there were any. */
static bool
missing_glyphs(pdf_doc *d)
{
	glyph_scan *gs = d->missing;
	size_t n = gs->n;

	if (n && gs->pkgs.len)
		ms_diag_emit(d->diag, MS_ERROR, PLUGIN_NAME, d->l->path, gs->line, 0,
		             _("no installed font has %zu of the characters (%s%s): "
		               "they would print as empty boxes; install %s"),
		             n, gs->chars.ptr, n > 8 ? ", …" : "", gs->pkgs.ptr);
	else if (n)
		ms_diag_emit(d->diag, MS_ERROR, PLUGIN_NAME, d->l->path, gs->line, 0,
		             _("no installed font has %zu of the characters (%s%s): "
		               "they would print as empty boxes; no font package "
		               "covers them (private use or unassigned)"),
		             n, gs->chars.ptr, n > 8 ? ", …" : "");
	return n > 0;
}

static cairo_status_t
write_out(void *closure, const unsigned char *data, unsigned int len)
{
	ms_output *out = closure;
	return ms_output_write(out, data, len) == MS_OK ? CAIRO_STATUS_SUCCESS
	       : CAIRO_STATUS_WRITE_ERROR;
}

static void
set_metadata(pdf_doc *d)
{
	const ms_letter *l = d->l;
	ms_buf b = MS_BUF_INIT;

	if (*plain_of(&l->subject, &b))
		cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE,
		                               b.ptr);
	if (*plain_of(&l->author, &b) || (l->groups && *plain_of(&l->groups->name, &b)))
		cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_AUTHOR,
		                               b.ptr);
	/* The letter's date as the creation date: the same letter gives the
	 * same bytes (Cairo would write the time of rendering). */
	ms_buf_reset(&b);
	if (ms_kit_iso_date(&l->date, &b)) {
		ms_buf_puts(&b, "T00:00:00Z");
		cairo_pdf_surface_set_metadata(d->surface,
		                               CAIRO_PDF_METADATA_CREATE_DATE, b.ptr);
	}
	if (ms_kit_nonempty(d->loc->generator)) {
		ms_buf_reset(&b);
		put_clean(&b, d->loc->generator);
		cairo_pdf_surface_set_metadata(d->surface,
		                               CAIRO_PDF_METADATA_CREATOR, b.ptr);
	}
	ms_buf_release(&b);
}

static void
setup_fonts(pdf_doc *d, const char *family)
{
	cairo_font_options_t *fo = cairo_font_options_create();
	const char *lang;

	d->pango = pango_cairo_create_context(d->cr);
	pango_cairo_context_set_resolution(d->pango, 72);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(d->pango, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(d->pango, FALSE);
	lang = ms_kit_lang(d->l, d->loc);
	pango_context_set_language(d->pango,
	        pango_language_from_string(lang ? lang : "en"));

	d->font = pango_font_description_new();
	pango_font_description_set_family(d->font, family);
	pango_font_description_set_size(d->font, (int)(d->size * PANGO_SCALE));
	d->bold = pango_font_description_copy(d->font);
	pango_font_description_set_weight(d->bold, PANGO_WEIGHT_BOLD);
	d->italic = pango_font_description_copy(d->font);
	pango_font_description_set_style(d->italic, PANGO_STYLE_ITALIC);
	d->small = pango_font_description_copy(d->font);
	pango_font_description_set_size(d->small,
	                                 (int)(d->size * 0.8 * PANGO_SCALE));
}

static ms_status
pdf_render(const ms_letter *l, const ms_locale *locale, ms_output *out,
           ms_diag_handler *diag)
{
	ms_locale defaults;
	const ms_locale *loc = locale;
	const char *family, *pkg;
	pdf_doc d;
	cairo_status_t cs;
	ms_status st;

	if (!l || !out)
		return MS_ERR_USAGE;
	if (!loc) {
		memset(&defaults, 0, sizeof defaults);
		loc = &defaults;
	}
	family = ms_kit_nonempty(getenv(FONT_ENV));
	pkg = NULL;
	if (!family) {
		family = ms_kit_nonempty(loc->font_serif) ? loc->font_serif
		                                          : "Noto Serif";
		pkg = ms_kit_nonempty(loc->font_package);
	}
	if (!font_available(family)) {
		if (pkg)
			ms_diag_emit(diag, MS_ERROR, PLUGIN_NAME, NULL, 0, 0,
			             _("font '%s' not found; install the Debian package %s"),
			             family, pkg);
		else
			ms_diag_emit(diag, MS_ERROR, PLUGIN_NAME, NULL, 0, 0,
			             _("font '%s' not found; install it or name another family in %s"),
			             family, FONT_ENV);
		return MS_ERR_NOT_FOUND;
	}

	memset(&d, 0, sizeof d);
	d.l = l;
	d.loc = loc;
	d.diag = diag;
	d.out = out;
	d.frames.size = sizeof(pdf_frame);
	d.page_w = loc->paper_width_pt > 72 ? loc->paper_width_pt : 595.276;
	d.page_h = loc->paper_height_pt > 72 ? loc->paper_height_pt : 841.89;
	d.margin = MARGIN_PT;
	d.text_w = d.page_w - 2 * d.margin;
	d.size = loc->font_size_pt > 0 ? loc->font_size_pt : 11;
	d.gap = d.size * 0.75;
	ms_buf_init(&d.text, 1024);
	ms_buf_init(&d.aligns, 0);
	d.attrs = pango_attr_list_new();
	glyph_scan missing = { g_hash_table_new(NULL, NULL), MS_BUF_INIT, MS_BUF_INIT, 0, 0 };
	d.missing = &missing;

	d.surface = cairo_pdf_surface_create_for_stream(write_out, out, d.page_w,
	                                                d.page_h);
	d.cr = cairo_create(d.surface);
	if (cairo_status(d.cr) != CAIRO_STATUS_SUCCESS) {
		ms_diag_emit(diag, MS_ERROR, PLUGIN_NAME, NULL, 0, 0,
		             _("cannot create a PDF surface: %s"),
		             cairo_status_to_string(cairo_status(d.cr)));
		d.status = MS_ERR_RENDER;
	} else {
		set_metadata(&d);
		setup_fonts(&d, family);
		build(&d);
		warn_cuts(&d);
		paginate(&d);
		if (d.status != MS_OK)
			;   /* an image could not be decoded: reported */
		else if (missing_glyphs(&d))
			d.status = MS_ERR_NOT_FOUND;
		else
			draw(&d);
		if (cairo_status(d.cr) != CAIRO_STATUS_SUCCESS) {
			ms_diag_emit(diag, MS_ERROR, PLUGIN_NAME, NULL, 0, 0,
			             _("cannot draw the PDF: %s"),
			             cairo_status_to_string(cairo_status(d.cr)));
			d.status = MS_ERR_RENDER;
		}
	}

	cairo_destroy(d.cr);
	cairo_surface_finish(d.surface);
	cs = cairo_surface_status(d.surface);
	if (cs != CAIRO_STATUS_SUCCESS && d.status == MS_OK) {
		ms_diag_emit(diag, MS_ERROR, PLUGIN_NAME, NULL, 0, 0,
		             _("cannot write the PDF to '%s': %s"),
		             ms_output_name(out) ? ms_output_name(out) : "-",
		             cairo_status_to_string(cs));
		d.status = cs == CAIRO_STATUS_WRITE_ERROR ? MS_ERR_IO
		           : MS_ERR_RENDER;
	}
	cairo_surface_destroy(d.surface);

	st = d.status;
	para_free(d.first);
	for (size_t i = 0; i < d.nnotes; i++) {
		free(d.notes[i].text);
		if (d.notes[i].layout)
			g_object_unref(d.notes[i].layout);
	}
	free(d.notes);
	for (size_t i = 0; i < d.nlinks; i++)
		free(d.links[i].uri);
	free(d.links);
	pango_attr_list_unref(d.attrs);
	if (d.pango)
		g_object_unref(d.pango);
	if (d.font) {
		pango_font_description_free(d.font);
		pango_font_description_free(d.bold);
		pango_font_description_free(d.italic);
		pango_font_description_free(d.small);
	}
	ms_buf_release(&d.text);
	ms_buf_release(&d.aligns);
	ms_kit_frames_release(&d.frames);
	g_hash_table_destroy(missing.seen);
	ms_buf_release(&missing.chars);
	ms_buf_release(&missing.pkgs);
	return st;
}

static const char *const pdf_extensions[] = { "pdf", NULL };

static const ms_plugin pdf_plugin = {
	MS_PLUGIN_ABI_MAJOR, MS_PLUGIN_ABI_MINOR, sizeof(ms_plugin),
	PLUGIN_NAME, "paged PDF laid out by Pango and drawn by Cairo", "1.0",
	pdf_extensions, MS_CAP_BINARY | MS_CAP_FONTS | MS_CAP_PAGED | MS_CAP_REENTRANT,
	pdf_render,
	{ NULL }
};

const ms_plugin *
missive_plugin_describe(void)
{
	return &pdf_plugin;
}

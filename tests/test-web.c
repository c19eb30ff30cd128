/* test-web.c — the markdown, html and json writers on letters no reader
 * would produce: an empty model, NULL everywhere, bytes that are not
 * UTF-8, control characters, empty containers, deep nesting, odd list
 * numbers.  Each writer must render without crashing, and what it writes
 * must be valid UTF-8 without a raw control character (other than line
 * ends and, outside JSON, tabs). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "localize.h"
#include "missive.h"
#include "plugin.h"
#include "tap.h"

static void
print_diag(const ms_diag *d, void *data)
{
	(void)data;
	printf("# %s\n", d->message);
}

static ms_diag_handler diag = { print_diag, NULL, 0, 0 };

static ms_inline *
text(const char *s)
{
	ms_inline *in = ms_inline_new(MS_INLINE_TEXT);
	in->text = s ? ms_xstrdup(s) : NULL;
	return in;
}

static ms_inline *
wrap(ms_inline_type type, ms_inline *children)
{
	ms_inline *in = ms_inline_new(type);
	in->children = children;
	return in;
}

/* A letter with holes, bad bytes and odd shapes everywhere. */
static ms_letter *
odd_letter(void)
{
	ms_letter *l = ms_letter_new();
	ms_recipient *r = ms_xcalloc(1, sizeof *r);
	ms_block *list, *item, *quote, *para, *heading;
	ms_inline *deep = text("core"), *in;

	l->id = ms_xstrdup("odd");
	l->date.year = 2024;
	l->date.month = 2;
	l->date.day = 29;
	/* No date_text: writers fall back to ISO. */

	/* A recipient with nothing but a name that is not UTF-8. */
	ms_text_set(&r->name, "bad \xff\xfe bytes \xc3", text("bad \xff\xfe bytes \xc3"));
	l->recipients = r;

	/* A subject of only a NULL text inline and a link with no URL. */
	in = text(NULL);
	in->next = ms_inline_new(MS_INLINE_LINK);
	in->next->next = ms_inline_new(MS_INLINE_CODE);  /* NULL text */
	in->next->next->next = ms_inline_new(MS_INLINE_HTML);
	ms_text_set(&l->subject, NULL, in);

	/* Labels: some NULL, some empty, one with a stray %d. */
	free(l->labels.subject);
	l->labels.subject = NULL;
	free(l->labels.as_of);
	l->labels.as_of = ms_xstrdup("%d %n %s %s");
	free(l->labels.cc);
	l->labels.cc = ms_xstrdup("");

	/* 60 levels of emphasis in turn. */
	for (int i = 0; i < 60; i++)
		deep = wrap(i % 3 == 0 ? MS_INLINE_EMPH : i % 3 == 1
		            ? MS_INLINE_STRONG : MS_INLINE_SUP, deep);
	para = ms_block_new(MS_BLOCK_PARAGRAPH);
	para->inlines = deep;

	/* A heading out of range, empty containers, an empty list item,
	 * a list with a huge start, an item that is not an ITEM. */
	heading = ms_block_new(MS_BLOCK_HEADING);
	heading->level = 42;
	heading->inlines = wrap(MS_INLINE_EMPH, NULL);
	para->next = heading;
	list = ms_block_new(MS_BLOCK_LIST);
	list->ordered = true;
	list->start = 2147483647;
	list->children = ms_block_new(MS_BLOCK_ITEM);
	item = ms_block_new(MS_BLOCK_PARAGRAPH);
	item->inlines = text("\x01\x02 control \x1b[31m red \x7f\xc2\x85 nel");
	list->children->next = item;
	item->next = ms_block_new(MS_BLOCK_ITEM);
	item->next->children = ms_block_new(MS_BLOCK_PARAGRAPH);
	item->next->children->inlines = text("last item");
	heading->next = list;
	quote = ms_block_new(MS_BLOCK_QUOTE);  /* no children */
	list->next = quote;
	quote->next = ms_block_new(MS_BLOCK_BREAK);
	quote->next->next = ms_block_new((ms_block_type)99);  /* from the future */
	quote->next->next->inlines = text("future block");

	l->body = para;

	/* Signatories with empty names, a date but no as_of_text. */
	l->signed_as_of = l->date;
	l->groups = ms_xcalloc(1, sizeof *l->groups);
	l->individuals = ms_xcalloc(1, sizeof *l->individuals);
	ms_text_set(&l->individuals->affiliation, "only \xe0\x80\x80 affiliation",
	            NULL);
	return l;
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* OUT must be valid UTF-8 without raw controls but \n (and \t unless
 * JSON). */
static bool
clean_output(const ms_buf *out, bool json)
{
	if (!ms_utf8_validate(out->ptr, out->len, NULL, NULL, NULL))
		return false;
	for (size_t i = 0; i < out->len; i++) {
		unsigned char c = (unsigned char)out->ptr[i];
		if ((c < 0x20 && c != '\n' && (json || c != '\t')) || c == 0x7f)
			return false;
		/* C1 controls: U+0080–U+009F are C2 80–C2 9F in UTF-8. */
		if (c == 0xc2 && i + 1 < out->len
		    && (unsigned char)out->ptr[i + 1] < 0xa0)
			return false;
	}
	return true;
}

static void
check_writer(const ms_plugin_host *host, const char *format)
{
	const ms_plugin *p = ms_plugin_host_find(host, format, &diag);
	ms_letter *empty = ms_letter_new(), *odd = odd_letter();
	ms_locale loc, zero;
	ms_buf out = MS_BUF_INIT;
	bool json = !strcmp(format, "json");

	if (!OK(p != NULL, "%s: plugin found", format))
		goto out;
	ms_locale_init(&loc, NULL, "ko", true);

	OK(ms_plugin_render_buf(p, empty, &loc, &out, &diag) == MS_OK,
	   "%s: an empty letter renders", format);
	OK(out.len > 0 && clean_output(&out, json), "%s: ... to clean UTF-8", format);

	ms_buf_reset(&out);
	memset(&zero, 0, sizeof zero);
	OK(ms_plugin_render_buf(p, empty, &zero, &out, &diag) == MS_OK,
	   "%s: an all-zero locale is fine", format);

	ms_buf_reset(&out);
	OK(ms_plugin_render_buf(p, odd, &loc, &out, &diag) == MS_OK,
	   "%s: an odd letter renders", format);
	OK(clean_output(&out, json), "%s: ... to clean UTF-8 (bad bytes, controls)",
	   format);
	OK(strstr(out.ptr, "bad \xef\xbf\xbd\xef\xbf\xbd bytes") != NULL
	   || strstr(out.ptr, "bad \\ufffd\\ufffd bytes") != NULL,
	   "%s: bytes that are not UTF-8 become U+FFFD", format);
	OK(strstr(out.ptr, "core") != NULL, "%s: deeply nested text kept", format);
	/* Once (JSON: once as plain text, once in the inlines). */
	INT_EQ(count(out.ptr, " red "), json ? 2 : 1,
	       "%s: a block in a list in place of an item, once", format);
	INT_EQ(count(out.ptr, "last item"), json ? 2 : 1,
	       "%s: the item after it, once", format);
	OK(strstr(out.ptr, "future block") != NULL, "%s: unknown block kinds keep their text",
	   format);
	OK(strstr(out.ptr, "2024-02-29") != NULL, "%s: ISO date when no date text",
	   format);
	if (!json)
		OK(strstr(out.ptr, "%d %n 2024-02-29 %s") != NULL
		   || strstr(out.ptr, "%d %n <time datetime=\"2024-02-29\">"
		                      "2024-02-29</time> %s") != NULL,
		   "%s: the as-of label is not a format", format);
	else
		OK(strstr(out.ptr, "\"%d %n %s %s\"") != NULL,
		   "%s: the as-of label is kept as it is", format);
	if (!strcmp(format, "html")) {
		/* Paper from the locale: named sizes, else the dimensions. */
		ms_buf_reset(&out);
		loc.paper = "letter";
		ms_plugin_render_buf(p, empty, &loc, &out, &diag);
		OK(strstr(out.ptr, "@page { size: letter;") != NULL,
		   "html: US letter paper");
		ms_buf_reset(&out);
		loc.paper = "b5";
		loc.paper_width_pt = 498.9;
		loc.paper_height_pt = 708.66;
		ms_plugin_render_buf(p, empty, &loc, &out, &diag);
		OK(strstr(out.ptr, "@page { size: 498.90pt 708.66pt;") != NULL,
		   "html: other paper by its size");
		ms_buf_reset(&out);
		loc.font_serif = "Evil\"</style><script>x()</script>";
		ms_plugin_render_buf(p, empty, &loc, &out, &diag);
		OK(strstr(out.ptr, "<script") == NULL
		   && strstr(out.ptr, "font-family: \"Evil\\22 \\3c /style\\3e "
		                      "\\3c script\\3e x()\\3c /script\\3e \", serif;")
		      != NULL, "html: a font name cannot end the stylesheet");
	}
out:
	ms_buf_release(&out);
	ms_letter_free(empty);
	ms_letter_free(odd);
}

int
main(void)
{
	ms_plugin_host *host = NULL;

	if (!OK(ms_plugin_host_new(TOP_BUILDDIR "/plugins", &host, &diag) == MS_OK,
	        "the plugin host starts"))
		return done_testing();
	check_writer(host, "markdown");
	check_writer(host, "html");
	check_writer(host, "json");
	ms_plugin_host_free(host);
	return done_testing();
}

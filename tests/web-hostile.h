/* web-hostile.h — a hostile translator for the writers' tests: markup,
 * quotes, control characters and script links put into the parts of a
 * letter a translation can reach (labels, subject, salutation, an address
 * line, a signatory, a last paragraph).  Each writer must show all of it
 * as text.  Static functions: include it in one file of a test program. */
#ifndef MS_WEB_HOSTILE_H
#define MS_WEB_HOSTILE_H

#include <stdlib.h>

#include "missive.h"

/* Text that must come out as text.  The control characters in it must
 * be dropped (or escaped, where the format can carry them). */
#define HOSTILE "<script>alert(1)</script> \"dq\" 'sq' & &amp; ]]> *star* " \
	"_under_ `tick` [x](y) # \\ |pipe| \x01\x07\x1b\x7f end"
/* The same without its control characters. */
#define HOSTILE_SHOWN "<script>alert(1)</script> \"dq\" 'sq' & &amp; ]]> " \
	"*star* _under_ `tick` [x](y) # \\ |pipe|  end"
/* A subject that tries to end YAML front matter and an HTML title. */
#define HOSTILE_SUBJECT "Re: \"quoted\" </title><script>x()</script>\n" \
	"---\nnext: 1 # \\ end"

static ms_inline *
hostile_text(const char *s)
{
	ms_inline *in = ms_inline_new(MS_INLINE_TEXT);
	in->text = ms_xstrdup(s);
	return in;
}

static ms_inline *
hostile_link(const char *url, const char *title, const char *words)
{
	ms_inline *in = ms_inline_new(MS_INLINE_LINK);
	in->url = ms_xstrdup(url);
	in->title = title ? ms_xstrdup(title) : NULL;
	in->children = words ? hostile_text(words) : NULL;
	return in;
}

/* Append IN to the inline list *LIST. */
static void
hostile_append(ms_inline **list, ms_inline *in)
{
	while (*list)
		list = &(*list)->next;
	*list = in;
}

static void
hostile_label(char **label, const char *s)
{
	free(*label);
	*label = ms_xstrdup(s);
}

static void
web_make_hostile(ms_letter *l)
{
	ms_inline *para = NULL;
	ms_block **tail = &l->body;
	ms_line *line;
	ms_signatory *s;

	hostile_label(&l->labels.subject, "<b>Re</b>\"&:");
	hostile_label(&l->labels.cc, "CC<i>'</i>.");
	hostile_label(&l->labels.fax, "Fax<br>:");
	hostile_label(&l->labels.signatories, "Sign</h2><script>x()</script>");
	hostile_label(&l->labels.draft, "DRAFT <blink>\"now\"</blink>");

	ms_text_set(&l->subject, HOSTILE_SUBJECT,
	            hostile_text(HOSTILE_SUBJECT));
	ms_text_set(&l->salutation, HOSTILE, hostile_text(HOSTILE));

	if (l->recipients) {
		line = ms_xcalloc(1, sizeof *line);
		ms_text_set(&line->text, HOSTILE, hostile_text(HOSTILE));
		line->next = l->recipients->address;
		l->recipients->address = line;
	}

	s = ms_xcalloc(1, sizeof *s);
	ms_text_set(&s->name, "Group \"<Hostile>\" & Co",
	            hostile_text("Group \"<Hostile>\" & Co"));
	s->next = l->groups;
	l->groups = s;

	hostile_append(&para, hostile_text("Hostile: " HOSTILE " links: "));
	hostile_append(&para, hostile_link("javascript:alert(1)", NULL, "js"));
	hostile_append(&para, hostile_text(" "));
	hostile_append(&para, hostile_link("  JaVaScRiPt:alert(2)", NULL, "js2"));
	hostile_append(&para, hostile_text(" "));
	hostile_append(&para, hostile_link("java\tscript:alert(3)", NULL, "js3"));
	hostile_append(&para, hostile_text(" "));
	hostile_append(&para, hostile_link("data:text/html,<script>alert(4)</script>",
	                                   NULL, "data"));
	hostile_append(&para, hostile_text(" "));
	hostile_append(&para, hostile_link("https://example.org/?a=1&b=\"2\"<3>",
	                                   "t\"<itle>", "good"));
	while (*tail)
		tail = &(*tail)->next;
	*tail = ms_block_new(MS_BLOCK_PARAGRAPH);
	(*tail)->inlines = para;
}

#endif

/* model-build.h — building letters by hand in C tests (test-plugin.c,
 * test-kit.c): inlines, texts, blocks, recipients and signatories, each
 * freshly allocated and freed with the letter. */
#ifndef MS_TEST_MODEL_BUILD_H
#define MS_TEST_MODEL_BUILD_H

#include <stdarg.h>
#include <stdlib.h>

#include "missive.h"

static inline ms_inline *
txt(const char *s)
{
	ms_inline *in = ms_inline_new(MS_INLINE_TEXT);
	in->text = ms_xstrdup(s);
	return in;
}

static inline ms_inline *
node(ms_inline_type type, const char *text)
{
	ms_inline *in = ms_inline_new(type);
	if (text)
		in->text = ms_xstrdup(text);
	return in;
}

static inline ms_inline *
span(ms_inline_type type, ms_inline *children)
{
	ms_inline *in = ms_inline_new(type);
	in->children = children;
	return in;
}

static inline ms_inline *
link_to(const char *url, const char *text)
{
	ms_inline *in = span(MS_INLINE_LINK, txt(text));
	in->url = ms_xstrdup(url);
	return in;
}

/* Link a NULL-terminated run of inlines into one list. */
static inline ms_inline *
seq(ms_inline *first, ...)
{
	va_list ap;
	ms_inline *last = first, *in;
	va_start(ap, first);
	while ((in = va_arg(ap, ms_inline *)) != NULL) {
		last->next = in;
		last = in;
	}
	va_end(ap);
	return first;
}

static inline void
set(ms_text *t, const char *s)
{
	ms_text_set(t, s, txt(s));
}

static inline ms_line *
lines(const char *first, ...)
{
	va_list ap;
	ms_line *head = NULL, **tail = &head;
	const char *s = first;
	va_start(ap, first);
	for (; s; s = va_arg(ap, const char *)) {
		ms_line *l = calloc(1, sizeof *l);
		set(&l->text, s);
		*tail = l;
		tail = &l->next;
	}
	va_end(ap);
	return head;
}

static inline ms_block *
block(ms_block_type type, ms_inline *inlines, ms_block *children)
{
	ms_block *b = ms_block_new(type);
	b->inlines = inlines;
	b->children = children;
	return b;
}

static inline ms_block *
blocks(ms_block *first, ...)
{
	va_list ap;
	ms_block *last = first, *b;
	va_start(ap, first);
	while ((b = va_arg(ap, ms_block *)) != NULL) {
		last->next = b;
		last = b;
	}
	va_end(ap);
	return first;
}

static inline ms_block *
item(const char *text)
{
	return block(MS_BLOCK_ITEM, NULL,
	             block(MS_BLOCK_PARAGRAPH, txt(text), NULL));
}

static inline ms_recipient *
person(const char *name, const char *title, const char *org)
{
	ms_recipient *r = calloc(1, sizeof *r);
	if (name)
		set(&r->name, name);
	if (title)
		set(&r->title, title);
	if (org)
		set(&r->organisation, org);
	return r;
}

static inline ms_signatory *
signatory(const char *name, const char *affiliation, ms_signatory *next)
{
	ms_signatory *s = calloc(1, sizeof *s);
	set(&s->name, name);
	if (affiliation)
		set(&s->affiliation, affiliation);
	s->next = next;
	return s;
}

static inline void
set_label(char **slot, const char *s)
{
	free(*slot);
	*slot = ms_xstrdup(s);
}

#endif

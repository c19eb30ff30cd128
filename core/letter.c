/* letter.c — the document model: allocation, copying, plain text. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static char *
dup_or_null(const char *s)
{
	return s ? ms_xstrdup(s) : NULL;
}

ms_inline *
ms_inline_new(ms_inline_type type)
{
	ms_inline *in = ms_xcalloc(1, sizeof *in);
	in->type = type;
	return in;
}

void
ms_inline_free(ms_inline *list)
{
	while (list) {
		ms_inline *next = list->next;
		free(list->text);
		free(list->url);
		free(list->title);
		ms_inline_free(list->children);
		free(list);
		list = next;
	}
}

ms_inline *
ms_inline_clone(const ms_inline *list)
{
	ms_inline *head = NULL, **tail = &head;
	for (; list; list = list->next) {
		ms_inline *c = ms_inline_new(list->type);
		c->text = dup_or_null(list->text);
		c->url = dup_or_null(list->url);
		c->title = dup_or_null(list->title);
		c->number = list->number;
		c->children = ms_inline_clone(list->children);
		*tail = c;
		tail = &c->next;
	}
	return head;
}

void
ms_inline_plain(const ms_inline *list, ms_buf *out)
{
	for (; list; list = list->next) {
		switch (list->type) {
		case MS_INLINE_TEXT:
		case MS_INLINE_CODE:
			ms_buf_puts(out, list->text ? list->text : "");
			break;
		case MS_INLINE_HTML:
			break;
		case MS_INLINE_SOFTBREAK:
		case MS_INLINE_LINEBREAK:
			ms_buf_putc(out, ' ');
			break;
		default:
			ms_inline_plain(list->children, out);
			break;
		}
	}
}

ms_block *
ms_block_new(ms_block_type type)
{
	ms_block *b = ms_xcalloc(1, sizeof *b);
	b->type = type;
	return b;
}

void
ms_block_free(ms_block *list)
{
	while (list) {
		ms_block *next = list->next;
		ms_inline_free(list->inlines);
		ms_block_free(list->children);
		free(list);
		list = next;
	}
}

static ms_block *
block_clone(const ms_block *list)
{
	ms_block *head = NULL, **tail = &head;
	for (; list; list = list->next) {
		ms_block *c = ms_block_new(list->type);
		*c = *list;
		c->inlines = ms_inline_clone(list->inlines);
		c->children = block_clone(list->children);
		c->next = NULL;
		*tail = c;
		tail = &c->next;
	}
	return head;
}

void
ms_text_release(ms_text *t)
{
	free(t->src);
	ms_inline_free(t->inlines);
	t->src = NULL;
	t->inlines = NULL;
}

void
ms_text_set(ms_text *t, const char *src, ms_inline *inlines)
{
	ms_pos pos = t->pos;
	ms_text_release(t);
	t->src = dup_or_null(src);
	t->inlines = inlines;
	t->pos = pos;
}

static void
text_copy(ms_text *dst, const ms_text *src)
{
	dst->src = dup_or_null(src->src);
	dst->inlines = ms_inline_clone(src->inlines);
	dst->pos = src->pos;
}

static void
lines_free(ms_line *l)
{
	while (l) {
		ms_line *next = l->next;
		ms_text_release(&l->text);
		free(l);
		l = next;
	}
}

static ms_line *
lines_clone(const ms_line *l)
{
	ms_line *head = NULL, **tail = &head;
	for (; l; l = l->next) {
		ms_line *c = ms_xcalloc(1, sizeof *c);
		text_copy(&c->text, &l->text);
		*tail = c;
		tail = &c->next;
	}
	return head;
}

static void
recipients_free(ms_recipient *r)
{
	while (r) {
		ms_recipient *next = r->next;
		ms_text_release(&r->name);
		ms_text_release(&r->title);
		ms_text_release(&r->organisation);
		lines_free(r->address);
		lines_free(r->fax);
		lines_free(r->email);
		free(r->courtesy);
		free(r->gender);
		free(r);
		r = next;
	}
}

static ms_recipient *
recipients_clone(const ms_recipient *r)
{
	ms_recipient *head = NULL, **tail = &head;
	for (; r; r = r->next) {
		ms_recipient *c = ms_xcalloc(1, sizeof *c);
		text_copy(&c->name, &r->name);
		text_copy(&c->title, &r->title);
		text_copy(&c->organisation, &r->organisation);
		c->address = lines_clone(r->address);
		c->fax = lines_clone(r->fax);
		c->email = lines_clone(r->email);
		c->pos = r->pos;
		c->courtesy = dup_or_null(r->courtesy);
		c->gender = dup_or_null(r->gender);
		*tail = c;
		tail = &c->next;
	}
	return head;
}

static void
signatories_free(ms_signatory *s)
{
	while (s) {
		ms_signatory *next = s->next;
		ms_text_release(&s->name);
		ms_text_release(&s->affiliation);
		free(s);
		s = next;
	}
}

static ms_signatory *
signatories_clone(const ms_signatory *s)
{
	ms_signatory *head = NULL, **tail = &head;
	for (; s; s = s->next) {
		ms_signatory *c = ms_xcalloc(1, sizeof *c);
		text_copy(&c->name, &s->name);
		text_copy(&c->affiliation, &s->affiliation);
		c->pos = s->pos;
		*tail = c;
		tail = &c->next;
	}
	return head;
}

void
ms_image_free(ms_image *img)
{
	if (!img)
		return;
	free(img->path);
	free(img->type);
	free(img->data);
	free(img);
}

ms_image *
ms_image_clone(const ms_image *img)
{
	ms_image *c;
	if (!img)
		return NULL;
	c = ms_xmalloc(sizeof *c);
	*c = *img;
	c->path = dup_or_null(img->path);
	c->type = dup_or_null(img->type);
	c->data = ms_xmalloc(img->len ? img->len : 1);
	if (img->len)
		memcpy(c->data, img->data, img->len);
	return c;
}

void
ms_sender_free(ms_sender *s)
{
	if (!s)
		return;
	ms_text_release(&s->organisation);
	lines_free(s->address);
	lines_free(s->phone);
	lines_free(s->fax);
	lines_free(s->email);
	lines_free(s->web);
	ms_image_free(s->logo);
	free(s);
}

ms_sender *
ms_sender_clone(const ms_sender *s)
{
	ms_sender *c;
	if (!s)
		return NULL;
	c = ms_xcalloc(1, sizeof *c);
	text_copy(&c->organisation, &s->organisation);
	c->address = lines_clone(s->address);
	c->phone = lines_clone(s->phone);
	c->fax = lines_clone(s->fax);
	c->email = lines_clone(s->email);
	c->web = lines_clone(s->web);
	c->logo = ms_image_clone(s->logo);
	c->pos = s->pos;
	return c;
}

static void
signers_free(ms_signer *s)
{
	while (s) {
		ms_signer *next = s->next;
		ms_text_release(&s->name);
		ms_text_release(&s->title);
		ms_text_release(&s->organisation);
		ms_image_free(s->signature);
		free(s);
		s = next;
	}
}

static ms_signer *
signers_clone(const ms_signer *s)
{
	ms_signer *head = NULL, **tail = &head;
	for (; s; s = s->next) {
		ms_signer *c = ms_xcalloc(1, sizeof *c);
		text_copy(&c->name, &s->name);
		text_copy(&c->title, &s->title);
		text_copy(&c->organisation, &s->organisation);
		c->signature = ms_image_clone(s->signature);
		c->pos = s->pos;
		*tail = c;
		tail = &c->next;
	}
	return head;
}

/* The label slots in declaration order, so copy and free stay in step
 * with ms_labels. */
#define LABEL_SLOTS(l) \
	{ &(l)->subject, &(l)->fax, &(l)->email, &(l)->cc, &(l)->signatories, \
	  &(l)->as_of, &(l)->groups, &(l)->individuals, &(l)->draft, &(l)->page }

static const char *const default_labels[] = {
	N_("Re:"), N_("Fax:"), N_("E-mail:"), N_("CC."), N_("Signatories"),
	N_("as of %s"), N_("Groups"), N_("Individuals"), N_("DRAFT"),
	N_("Page %d of %d"),
};

void
ms_labels_release(ms_labels *labels)
{
	char **slots[] = LABEL_SLOTS(labels);
	for (size_t i = 0; i < MS_ARRAY_SIZE(slots); i++)
		MS_FREE(*slots[i]);
}

void
ms_labels_set_defaults(ms_labels *labels)
{
	char **slots[] = LABEL_SLOTS(labels);
	ms_labels_release(labels);
	for (size_t i = 0; i < MS_ARRAY_SIZE(slots); i++)
		*slots[i] = ms_xstrdup(default_labels[i]);
}

static void
labels_copy(ms_labels *dst, const ms_labels *src)
{
	char **d[] = LABEL_SLOTS(dst);
	char *const *s[] = LABEL_SLOTS(src);
	for (size_t i = 0; i < MS_ARRAY_SIZE(d); i++)
		*d[i] = dup_or_null(*s[i]);
}

/* The labels of ms_label_id, in its order. */
static const char *const more_labels[MS_LABEL_COUNT] = {
	[MS_LABEL_OUR_REF] = N_("Our ref.:"),
	[MS_LABEL_YOUR_REF] = N_("Your ref.:"),
	[MS_LABEL_PHONE] = N_("Tel.:"),
	[MS_LABEL_WEB] = N_("Web:"),
	[MS_LABEL_ENCLOSURE] = N_("Enclosure:"),
	[MS_LABEL_ENCLOSURES] = N_("Enclosures:"),
	[MS_LABEL_ANNEX] = N_("Annex"),
	[MS_LABEL_SEE_ANNEX] = N_("The signatories are listed in the annex."),
	[MS_LABEL_NOTES] = N_("Notes"),
	[MS_LABEL_SPECIMEN] = N_("SPECIMEN"),
};

static void
more_labels_free(char **v)
{
	for (size_t i = 0; v && i < MS_LABEL_COUNT; i++)
		free(v[i]);
	free(v);
}

static char **
more_labels_copy(char *const *src)
{
	char **v = ms_xcalloc(MS_LABEL_COUNT, sizeof *v);
	for (size_t i = 0; i < MS_LABEL_COUNT; i++)
		v[i] = ms_xstrdup(src ? src[i] : more_labels[i]);
	return v;
}

const char *
ms_letter_label(const ms_letter *l, ms_label_id id)
{
	if (!l || !l->more_labels || (unsigned)id >= MS_LABEL_COUNT
	    || !l->more_labels[id])
		return "";
	return l->more_labels[id];
}

const ms_block *
ms_letter_footnote(const ms_letter *l, int n)
{
	for (const ms_block *b = l ? l->footnotes : NULL; b; b = b->next)
		if (b->number == n)
			return b;
	return NULL;
}

ms_letter *
ms_letter_new(void)
{
	ms_letter *l = ms_xcalloc(1, sizeof *l);
	ms_labels_set_defaults(&l->labels);
	l->more_labels = more_labels_copy(NULL);
	return l;
}

void
ms_letter_free(ms_letter *l)
{
	if (!l)
		return;
	free(l->id);
	free(l->path);
	free(l->lang);
	free(l->source_lang);
	free(l->date_text);
	recipients_free(l->recipients);
	recipients_free(l->cc);
	ms_text_release(&l->subject);
	ms_text_release(&l->salutation);
	ms_block_free(l->body);
	ms_text_release(&l->closing);
	free(l->as_of_text);
	signatories_free(l->groups);
	signatories_free(l->individuals);
	ms_labels_release(&l->labels);
	free(l->segmentation);
	ms_text_release(&l->author);
	ms_sender_free(l->sender);
	ms_text_release(&l->place);
	ms_text_release(&l->our_ref);
	ms_text_release(&l->your_ref);
	signers_free(l->signers);
	lines_free(l->enclosures);
	ms_block_free(l->footnotes);
	more_labels_free(l->more_labels);
	free(l);
}

ms_letter *
ms_letter_clone(const ms_letter *l)
{
	ms_letter *c = ms_xcalloc(1, sizeof *c);
	c->id = dup_or_null(l->id);
	c->path = dup_or_null(l->path);
	c->lang = dup_or_null(l->lang);
	c->source_lang = dup_or_null(l->source_lang);
	c->sample = l->sample;
	c->draft = l->draft;
	c->date = l->date;
	c->date_text = dup_or_null(l->date_text);
	c->date_pos = l->date_pos;
	c->recipients = recipients_clone(l->recipients);
	c->cc = recipients_clone(l->cc);
	text_copy(&c->subject, &l->subject);
	text_copy(&c->salutation, &l->salutation);
	c->body = block_clone(l->body);
	text_copy(&c->closing, &l->closing);
	c->signed_as_of = l->signed_as_of;
	c->as_of_text = dup_or_null(l->as_of_text);
	c->groups = signatories_clone(l->groups);
	c->individuals = signatories_clone(l->individuals);
	labels_copy(&c->labels, &l->labels);
	c->segmentation = dup_or_null(l->segmentation);
	text_copy(&c->author, &l->author);
	c->sender = ms_sender_clone(l->sender);
	text_copy(&c->place, &l->place);
	text_copy(&c->our_ref, &l->our_ref);
	text_copy(&c->your_ref, &l->your_ref);
	c->signers = signers_clone(l->signers);
	c->enclosures = lines_clone(l->enclosures);
	c->footnotes = block_clone(l->footnotes);
	c->signatories_annex = l->signatories_annex;
	c->more_labels = more_labels_copy(l->more_labels);
	return c;
}

bool
ms_letter_id_valid(const char *id)
{
	size_t n = strlen(id);
	if (n == 0 || n > 128 || id[0] == '.' || id[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = id[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		      || (c >= '0' && c <= '9') || c == '.' || c == '_'
		      || c == '-'))
			return false;
	}
	return true;
}

/* test-units.c — units: tagged msgids, tag tables, parsing translations
 * back, and the walk applying replacements.  The letter is built by hand
 * so these tests do not depend on the reader. */
#include <config.h>
#include "tap.h"
#include "units.h"

#include <stdlib.h>

static ms_inline *
text(const char *s)
{
	ms_inline *t = ms_inline_new(MS_INLINE_TEXT);
	t->text = ms_xstrdup(s);
	return t;
}

static ms_inline *
wrap(ms_inline_type type, ms_inline *child)
{
	ms_inline *w = ms_inline_new(type);
	w->children = child;
	return w;
}

/* "2025 … at the 80<sup>th</sup> United Nations General Assembly" */
static ms_inline *
subject_inlines(void)
{
	ms_inline *a = text("Resolution at the 80");
	a->next = wrap(MS_INLINE_SUP, text("th"));
	a->next->next = text(" United Nations General Assembly");
	return a;
}

typedef struct seen {
	ms_buf ids;
	ms_buf comments;
	int n;
	const char *translate_from, *translate_to;
} seen;

static ms_status
collect(const ms_unit *u, ms_inline **rep, char **label, void *data)
{
	seen *s = data;
	s->n++;
	ms_buf_printf(&s->ids, "%s%s|", u->msgctxt ? "[ctx]" : "", u->msgid);
	ms_unit_comment(u, &s->comments);
	ms_buf_putc(&s->comments, '|');
	if (s->translate_from && !strcmp(u->msgid, s->translate_from))
		*rep = ms_units_parse_tagged(s->translate_to, u->tags, u->ntags,
		                             true, "t.po", 1, NULL);
	if (u->msgctxt && !strcmp(u->msgid, "Fax:"))
		*label = ms_xstrdup("팩스:");
	return MS_OK;
}

static int errors_seen;
static char last_msg[256];

static void
record(const ms_diag *d, void *data)
{
	(void)data;
	errors_seen++;
	snprintf(last_msg, sizeof last_msg, "%s", d->message);
}

static void
test_walk(void)
{
	ms_letter *l = ms_letter_new();
	seen s = { MS_BUF_INIT, MS_BUF_INIT, 0, NULL, NULL };
	ms_buf plain = MS_BUF_INIT;

	l->lang = ms_xstrdup("en");
	ms_text_set(&l->subject, "Resolution at the 80<sup>th</sup> United Nations General Assembly",
	            subject_inlines());
	ms_text_set(&l->salutation, "Dear President,", text("Dear President,"));
	l->body = ms_block_new(MS_BLOCK_PARAGRAPH);
	l->body->pos.line = 12;
	l->body->inlines = text("The ");
	l->body->inlines->next = wrap(MS_INLINE_UNDERLINE, text("Commission of Inquiry"));
	l->body->inlines->next->next = text(" found ");
	ms_inline *link = wrap(MS_INLINE_LINK, text("crimes"));
	link->url = ms_xstrdup("https://example.org/coi");
	l->body->inlines->next->next->next = link;
	link->next = text(".");

	INT_EQ(ms_units_walk(l, NULL, collect, &s, NULL), MS_OK, "walk succeeds");
	OK(strstr(s.ids.ptr, "Resolution at the 80<1>th</1> United Nations General Assembly|") != NULL,
	   "subject msgid carries the superscript as tag <1>");
	OK(strstr(s.ids.ptr, "The <1>Commission of Inquiry</1> found <2>crimes</2>.|") != NULL,
	   "body msgid numbers tags in order of appearance");
	OK(strstr(s.ids.ptr, "https://") == NULL, "the URL is not in the msgid");
	OK(strstr(s.comments.ptr, "<2>…</2> = link to https://example.org/coi") != NULL,
	   "the link target is in the extracted comment");
	OK(strstr(s.comments.ptr, "ordinal suffix") != NULL,
	   "the ordinal superscript is explained to translators");
	OK(strstr(s.ids.ptr, "[ctx]Fax:|") != NULL, "labels are units with a context");
	INT_EQ(s.n, 3 + 10, "3 text units and 10 labels");

	/* Translate the body and a label; the model changes accordingly. */
	s.translate_from = "The <1>Commission of Inquiry</1> found <2>crimes</2>.";
	s.translate_to = "<1>조사위원회</1>는 <2>범죄</2>를 확인했습니다.";
	INT_EQ(ms_units_walk(l, NULL, collect, &s, NULL), MS_OK, "second walk succeeds");
	ms_inline_plain(l->body->inlines, &plain);
	STR_EQ(plain.ptr, "조사위원회는 범죄를 확인했습니다.", "body replaced by the translation");
	OK(l->body->inlines->type == MS_INLINE_UNDERLINE, "the underline survives translation");
	const ms_inline *in = l->body->inlines;
	while (in && in->type != MS_INLINE_LINK)
		in = in->next;
	OK(in && in->url && !strcmp(in->url, "https://example.org/coi"),
	   "the link keeps its target");
	STR_EQ(l->labels.fax, "팩스:", "label replaced");
	STR_EQ(l->subject.src, "Resolution at the 80<sup>th</sup> United Nations General Assembly",
	       "an untranslated field keeps its source");

	ms_buf_release(&plain);
	ms_buf_release(&s.ids);
	ms_buf_release(&s.comments);
	ms_letter_free(l);
}

static void
test_parse(void)
{
	ms_tag tags[3] = {
		{ MS_INLINE_UNDERLINE, NULL, NULL, NULL, false },
		{ MS_INLINE_SUP, NULL, NULL, NULL, true },
		{ MS_INLINE_CODE, NULL, NULL, ms_xstrdup("x"), false },
	};
	ms_diag_handler h = { record, NULL, 0, 0 };
	ms_inline *r;
	ms_buf plain = MS_BUF_INIT;

	r = ms_units_parse_tagged("a <1>b</1> c<2>e</2> <3/>", tags, 3, true, "f.po", 9, &h);
	OK(r != NULL, "well-formed translation parses");
	ms_inline_plain(r, &plain);
	STR_EQ(plain.ptr, "a b ce x", "plain text of the parse");
	ms_inline_free(r);

	r = ms_units_parse_tagged("제80차 <1>b</1> <3/>", tags, 3, true, "f.po", 9, &h);
	OK(r != NULL, "an ordinal superscript may be dropped");
	ms_inline_free(r);

	errors_seen = 0;
	r = ms_units_parse_tagged("a b <3/>", tags, 3, true, "f.po", 9, &h);
	OK(r == NULL && errors_seen == 1 && strstr(last_msg, "<1>"), "missing tag <1> is an error");
	r = ms_units_parse_tagged("a b <3/>", tags, 3, false, "f.po", 9, &h);
	OK(r != NULL, "not strict: a missing tag is allowed");
	ms_inline_free(r);

	errors_seen = 0;
	r = ms_units_parse_tagged("<1>a <2>b</1></2> <3/>", tags, 3, true, "f.po", 9, &h);
	OK(r == NULL && errors_seen == 1, "misnested tags are an error");
	r = ms_units_parse_tagged("<1>a</1> <4>b</4> <3/>", tags, 3, true, "f.po", 9, &h);
	OK(r == NULL && strstr(last_msg, "<4>"), "an unknown tag number is an error");
	r = ms_units_parse_tagged("<1>a</1> <1>b</1> <3/>", tags, 3, true, "f.po", 9, &h);
	OK(r == NULL && strstr(last_msg, "twice"), "a tag used twice is an error");
	r = ms_units_parse_tagged("<1>a <3/>", tags, 3, true, "f.po", 9, &h);
	OK(r == NULL && strstr(last_msg, "not closed"), "an unclosed tag is an error");
	r = ms_units_parse_tagged("<1/> <3/>", tags, 3, true, "f.po", 9, &h);
	OK(r == NULL && strstr(last_msg, "enclose"), "a paired tag written empty is an error");
	r = ms_units_parse_tagged("<1>a</1> <3>x</3>", tags, 3, true, "f.po", 9, &h);
	OK(r == NULL && strstr(last_msg, "stands alone"), "an empty tag written paired is an error");
	r = ms_units_parse_tagged("1 < 2 and <b> stay text <1>a</1><3/>", tags, 3, true, "f.po", 9, &h);
	OK(r != NULL, "angle brackets that are not tags stay text");
	ms_buf_reset(&plain);
	ms_inline_plain(r, &plain);
	STR_EQ(plain.ptr, "1 < 2 and <b> stay text ax", "literal text kept");
	ms_inline_free(r);
	free(tags[2].text);
	ms_buf_release(&plain);
}

static void
test_utf8(void)
{
	uint32_t cp;
	INT_EQ(ms_utf8_decode("\xea\xb0\x95", 3, &cp), 3, "a Hangul syllable is 3 bytes");
	INT_EQ(cp, 0xAC15, "decoded to U+AC15");
	INT_EQ(ms_utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4, "an emoji is 4 bytes");
	INT_EQ(cp, 0x1F600, "decoded to U+1F600");
	INT_EQ(ms_utf8_decode("\xc0\xaf", 2, &cp), 1, "an overlong form is refused");
	OK(cp == UINT32_MAX, "as UINT32_MAX");
	INT_EQ(ms_utf8_decode("\xed\xa0\x80", 3, &cp), 1, "a surrogate is refused");
	INT_EQ(ms_utf8_decode("\xe2\x82", 2, &cp), 1, "a cut-short sequence is refused");
	OK(cp == UINT32_MAX, "as UINT32_MAX too");
}

static void
test_url(void)
{
	ms_buf b = MS_BUF_INIT;
	ms_url_clean("  java\tscript:alert(1) ", &b);
	STR_EQ(b.ptr, "javascript:alert(1)", "controls and outer blanks removed");
	OK(!ms_url_safe(b.ptr), "javascript: is not a safe link");
	OK(!ms_url_safe("DATA:text/html,x"), "data: in capitals is not safe");
	OK(ms_url_safe("HTTPS://example.org/ko/"), "https in capitals is safe");
	OK(ms_url_safe("mailto:president.go.kr"), "mailto is safe");
	OK(ms_url_safe("report.pdf"), "a relative reference is safe");
	ms_url_clean("a\xff" "b", &b);
	STR_EQ(b.ptr, "a%EF%BF%BDb", "invalid UTF-8 becomes an escaped replacement");
	ms_buf_release(&b);
}

/* Source text that reads like a tag (a letter about tags, a formula)
 * becomes an empty tag standing for that literal text, so it can neither
 * be mistaken for markup nor lost (issue 18, item 3). */
static void
test_literal_tags(void)
{
	ms_letter *l = ms_letter_new();
	seen s = { MS_BUF_INIT, MS_BUF_INIT, 0, NULL, NULL };
	ms_buf plain = MS_BUF_INIT;
	size_t num;
	int kind;

	INT_EQ(ms_tag_lex("<12>x", &num, &kind), 4, "<12> is a tag");
	OK(num == 12 && kind == MS_TAG_OPEN, "number 12, opening");
	INT_EQ(ms_tag_lex("</3>", &num, &kind), 4, "</3> is a tag");
	OK(kind == MS_TAG_CLOSE, "closing");
	INT_EQ(ms_tag_lex("<4/>", &num, &kind), 4, "<4/> is a tag");
	OK(kind == MS_TAG_EMPTY, "empty");
	INT_EQ(ms_tag_lex("<0>", &num, &kind), 0, "<0> is text");
	INT_EQ(ms_tag_lex("<01>", &num, &kind), 0, "a leading zero is text");
	INT_EQ(ms_tag_lex("<1234567>", &num, &kind), 0, "more than six digits is text");
	INT_EQ(ms_tag_lex("</1/>", &num, &kind), 0, "a closing empty tag is text");
	INT_EQ(ms_tag_lex("< 1>", &num, &kind), 0, "a space inside is text");

	l->lang = ms_xstrdup("en");
	ms_text_set(&l->salutation, "Dear A,", text("Dear A,"));
	l->body = ms_block_new(MS_BLOCK_PARAGRAPH);
	l->body->inlines = text("Write <1> and </2>, not <0>, then ");
	l->body->inlines->next = wrap(MS_INLINE_STRONG, text("this"));
	l->body->inlines->next->next = text(".");
	INT_EQ(ms_units_walk(l, NULL, collect, &s, NULL), MS_OK, "walk succeeds");
	OK(strstr(s.ids.ptr, "Write <1/> and <2/>, not <0>, then <3>this</3>.|") != NULL,
	   "literal tags become empty tags, <0> stays text: %s", s.ids.ptr);
	OK(strstr(s.comments.ptr, "<1/> = literal text, keep as is (<1>)") != NULL,
	   "the comment tells the translator what the tag stands for");

	s.translate_from = "Write <1/> and <2/>, not <0>, then <3>this</3>.";
	s.translate_to = "<3>이것</3>을 쓰기 전에 <1/>과 <2/>를 쓰십시오(<0> 말고).";
	INT_EQ(ms_units_walk(l, NULL, collect, &s, NULL), MS_OK, "translated walk succeeds");
	ms_inline_plain(l->body->inlines, &plain);
	STR_EQ(plain.ptr, "이것을 쓰기 전에 <1>과 </2>를 쓰십시오(<0> 말고).",
	       "the literal text comes back in the translation");
	ms_buf_release(&plain);
	ms_buf_release(&s.ids);
	ms_buf_release(&s.comments);
	ms_letter_free(l);
}

int
main(void)
{
	test_url();
	test_literal_tags();
	test_utf8();
	test_walk();
	test_parse();
	return done_testing();
}

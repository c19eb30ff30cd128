/* render-paged.c — test helper for the pdf and docx writers: render one
 * letter with one plugin into a file, through the plugin host exactly as
 * `missive build` does, so shell tests can check the result with real
 * clients (poppler's pdftotext/pdffonts/pdfinfo, python3-docx).
 *
 *   render-paged [OPTION]... FORMAT OUTPUT
 *
 *   --letter FILE   the letter to read (default: the seed letter)
 *   --korean        turn it into a Korean letter (sample text, labels)
 *   --draft         render as a draft
 *   --paper P       "a4" (default) or "letter"
 *   --inject        put markup-like text (<b>, &, quotes, ]]>, controls)
 *                   into the subject, a recipient and the first paragraph
 *   --long-word N   add a paragraph holding an N-letter unbroken word
 *   --link URL      add a paragraph with a link to URL
 *   --author NAME   set the letter's author
 *   --empty         render an empty letter (no fields, no labels)
 *                   instead of reading one
 *   --bad-utf8      add a paragraph with invalid UTF-8 and NUL-free
 *                   control bytes
 *   --serif FAMILY  the locale's serif family instead of the language's
 *   --paper-links M after, footnote or hidden (missive.yaml paper-links;
 *                   --expect writes a link's words only)
 *   --expect FILE   write to FILE the paragraphs a word processor should
 *                   show, as "Style|text" lines, straight from the model
 *                   (the docx test compares them with python3-docx)
 *
 * Exit status: 0 rendered, 1 the plugin failed (its diagnostics are on
 * standard error as "error: [check] message"), 2 usage or setup error. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "missive.h"
#include "plugin.h"
#include "localize.h"

#define SEED TOP_SRCDIR "/corpus/000_b6b6d3f049d4ab14.md"

static const char korean_sentence[] =
	"이재명 대통령님께, 저희는 귀 정부가 제80차 유엔총회에서 "
	"북한인권결의안을 공동제안해 주실 것을 촉구합니다.";

static void
print_diag(const ms_diag *d, void *data)
{
	static const char *const sev[] = { "note", "warning", "error" };
	(void)data;
	fprintf(stderr, "%s: %s%s%s%s\n", sev[d->severity],
	        d->check ? "[" : "", d->check ? d->check : "",
	        d->check ? "] " : "", d->message);
}

static ms_inline *
text_node(const char *s)
{
	ms_inline *in = ms_inline_new(MS_INLINE_TEXT);
	in->text = ms_xstrdup(s);
	return in;
}

static void
set_plain(ms_text *t, const char *s)
{
	ms_text_set(t, s, text_node(s));
}

static void
set_label(char **label, const char *s)
{
	free(*label);
	*label = ms_xstrdup(s);
}

static ms_block *
last_block(ms_letter *l)
{
	ms_block *b = l->body;
	while (b && b->next)
		b = b->next;
	return b;
}

static void
append_paragraph(ms_letter *l, ms_inline *inlines)
{
	ms_block *b = ms_block_new(MS_BLOCK_PARAGRAPH), *last = last_block(l);
	b->inlines = inlines;
	if (last)
		last->next = b;
	else
		l->body = b;
}

/* Korean text in every translated part, Korean labels (test data written
 * for this helper, not the project's translations). */
static void
make_korean(ms_letter *l)
{
	ms_buf s = MS_BUF_INIT;
	int n = 0;

	free(l->lang);
	l->lang = ms_xstrdup("ko");
	set_plain(&l->subject, "제80차 유엔총회 북한인권결의안 공동제안 촉구");
	set_plain(&l->salutation, "존경하는 이재명 대통령님께");
	set_plain(&l->closing, "감사합니다.");
	if (l->recipients) {
		set_plain(&l->recipients->title, "대한민국 대통령");
		set_plain(&l->recipients->name, "이재명");
	}
	for (ms_block *b = l->body; b; b = b->next) {
		if (b->type != MS_BLOCK_PARAGRAPH)
			continue;
		ms_buf_reset(&s);
		/* the first paragraph is long enough to wrap several times */
		for (int i = 0; i < (n == 0 ? 4 : 1); i++) {
			if (i)
				ms_buf_putc(&s, ' ');
			ms_buf_puts(&s, korean_sentence);
		}
		ms_inline_free(b->inlines);
		b->inlines = text_node(s.ptr);
		n++;
	}
	set_label(&l->labels.subject, "제목:");
	set_label(&l->labels.fax, "팩스:");
	set_label(&l->labels.email, "이메일:");
	set_label(&l->labels.cc, "참조:");
	set_label(&l->labels.signatories, "서명 단체 및 개인");
	set_label(&l->labels.as_of, "%s 기준");
	set_label(&l->labels.groups, "단체");
	set_label(&l->labels.individuals, "개인");
	set_label(&l->labels.draft, "초안");
	set_label(&l->labels.page, "%2$d쪽 중 %1$d쪽");
	ms_buf_release(&s);
}

static void
inject(ms_letter *l)
{
	static const char evil[] = "<b>Tom & Jerry</b> \"quoted\" 'single' "
	                           "]]> <script>x</script>\x01\x1f end";
	ms_buf s = MS_BUF_INIT;

	ms_buf_printf(&s, "Subject %s", evil);
	set_plain(&l->subject, s.ptr);
	if (l->recipients)
		set_plain(&l->recipients->organisation, evil);
	if (l->body && l->body->type == MS_BLOCK_PARAGRAPH) {
		ms_inline_free(l->body->inlines);
		l->body->inlines = text_node(evil);
	}
	set_label(&l->labels.signatories, "Signatories <i>&amp;</i>");
	ms_buf_release(&s);
}

static void
long_word(ms_letter *l, int n)
{
	ms_buf s = MS_BUF_INIT;
	for (int i = 0; i < n; i++)
		ms_buf_putc(&s, 'a' + i % 26);
	append_paragraph(l, text_node(s.ptr));
	ms_buf_release(&s);
}

static void
add_link(ms_letter *l, const char *url)
{
	ms_inline *before = text_node("See the resolution at ");
	ms_inline *link = ms_inline_new(MS_INLINE_LINK);
	link->url = ms_xstrdup(url);
	link->children = text_node("the UN website");
	before->next = link;
	link->next = text_node(" for details.");
	append_paragraph(l, before);
}

/* ------------------------------------------------------------ --expect */

static void
plain(FILE *f, const ms_text *t)
{
	ms_buf b = MS_BUF_INIT;
	if (t->inlines)
		ms_inline_plain(t->inlines, &b);
	else if (t->src)
		ms_buf_puts(&b, t->src);
	fputs(b.ptr, f);
	ms_buf_release(&b);
}

static bool
empty(const ms_text *t)
{
	ms_buf b = MS_BUF_INIT;
	bool e;
	if (t->inlines)
		ms_inline_plain(t->inlines, &b);
	else if (t->src)
		ms_buf_puts(&b, t->src);
	e = strspn(b.ptr, " \t\n") == b.len;
	ms_buf_release(&b);
	return e;
}

/* One "Style|text" line per paragraph, in the order every writer follows
 * (see doc/hacking.md and the text plugin). */
static void
expect_person(FILE *f, const ms_letter *l, const ms_locale *loc,
              const ms_recipient *r, const char *cc)
{
	const char *style = cc ? "CC" : "Recipient";
	if (loc->name_after_title || cc) {
		fprintf(f, "%s|", style);
		if (cc && *cc)
			fprintf(f, "%s\t", cc);
		plain(f, &r->title);
		fputc(' ', f);
		plain(f, &r->name);
		if (loc->name_after_title && *loc->recipient_suffix)
			fprintf(f, " %s", loc->recipient_suffix);
		fputc('\n', f);
	} else {
		fprintf(f, "%s|", style);
		plain(f, &r->name);
		fprintf(f, "\n%s|", style);
		plain(f, &r->title);
		fputc('\n', f);
	}
	if (!empty(&r->organisation)) {
		fprintf(f, "%s|", style);
		plain(f, &r->organisation);
		fputc('\n', f);
	}
	for (const ms_line *a = r->address; a; a = a->next) {
		fprintf(f, "%s|", style);
		plain(f, &a->text);
		fputc('\n', f);
	}
	for (const ms_line *a = r->fax; a; a = a->next) {
		fprintf(f, "%s|%s ", style, l->labels.fax);
		plain(f, &a->text);
		fputc('\n', f);
	}
	for (const ms_line *a = r->email; a; a = a->next) {
		fprintf(f, "%s|%s ", style, l->labels.email);
		plain(f, &a->text);
		fputc('\n', f);
	}
}

static void
expect(FILE *f, const ms_letter *l, const ms_locale *loc)
{
	const char *mark = strstr(l->labels.as_of, "%s");

	if (loc->draft)
		fprintf(f, "Draft|%s\n", l->labels.draft);
	fprintf(f, "Date|%s\n", l->date_text);
	for (const ms_recipient *r = l->recipients; r; r = r->next)
		expect_person(f, l, loc, r, NULL);
	for (const ms_recipient *r = l->cc; r; r = r->next)
		expect_person(f, l, loc, r, r == l->cc ? l->labels.cc : "");
	fprintf(f, "Subject|%s ", l->labels.subject);
	plain(f, &l->subject);
	fputs("\nSalutation|", f);
	plain(f, &l->salutation);
	fputc('\n', f);
	for (const ms_block *b = l->body; b; b = b->next) {
		ms_buf t = MS_BUF_INIT;
		ms_inline_plain(b->inlines, &t);
		fprintf(f, "BodyText|%s\n", t.ptr);
		ms_buf_release(&t);
	}
	fputs("Closing|", f);
	plain(f, &l->closing);
	if (mark)
		fprintf(f, "\nSignatoriesHeading|%s (%.*s%s%s)\n",
		        l->labels.signatories, (int)(mark - l->labels.as_of),
		        l->labels.as_of, l->as_of_text, mark + 2);
	else
		fprintf(f, "\nSignatoriesHeading|%s (%s %s)\n",
		        l->labels.signatories, l->labels.as_of, l->as_of_text);
	fprintf(f, "SignatoriesSubheading|%s\n", l->labels.groups);
	for (const ms_signatory *s = l->groups; s; s = s->next) {
		fputs("Signatory|", f);
		plain(f, &s->name);
		fputc('\n', f);
	}
	fprintf(f, "SignatoriesSubheading|%s\n", l->labels.individuals);
	for (const ms_signatory *s = l->individuals; s; s = s->next) {
		fputs("Signatory|", f);
		plain(f, &s->name);
		fputs(" / ", f);
		plain(f, &s->affiliation);
		fputc('\n', f);
	}
}

static int
usage(void)
{
	fprintf(stderr, "usage: render-paged [--letter FILE] [--korean] "
	        "[--draft] [--paper a4|letter] [--inject] [--long-word N] "
	        "[--link URL] [--author NAME] [--empty] [--bad-utf8] [--expect FILE] "
	        "FORMAT OUTPUT\n");
	return 2;
}

int
main(int argc, char **argv)
{
	const char *file = SEED, *paper = "a4", *link = NULL, *author = NULL;
	const char *format, *output, *expect_file = NULL, *serif = NULL,
	           *paper_links = NULL;
	bool korean = false, draft = false, evil = false, empty_letter = false;
	bool bad_utf8 = false;
	int word = 0, i;
	ms_diag_handler h = { print_diag, NULL, 0, 0 };
	ms_plugin_host *host = NULL;
	const ms_plugin *plugin;
	ms_letter *l = NULL;
	ms_locale loc;
	ms_status st;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		const char *o = argv[i];
		bool has_arg = i + 1 < argc;
		if (!strcmp(o, "--letter") && has_arg)
			file = argv[++i];
		else if (!strcmp(o, "--korean"))
			korean = true;
		else if (!strcmp(o, "--draft"))
			draft = true;
		else if (!strcmp(o, "--paper") && has_arg)
			paper = argv[++i];
		else if (!strcmp(o, "--inject"))
			evil = true;
		else if (!strcmp(o, "--long-word") && has_arg)
			word = atoi(argv[++i]);
		else if (!strcmp(o, "--link") && has_arg)
			link = argv[++i];
		else if (!strcmp(o, "--author") && has_arg)
			author = argv[++i];
		else if (!strcmp(o, "--empty"))
			empty_letter = true;
		else if (!strcmp(o, "--bad-utf8"))
			bad_utf8 = true;
		else if (!strcmp(o, "--expect") && has_arg)
			expect_file = argv[++i];
		else if (!strcmp(o, "--serif") && has_arg)
			serif = argv[++i];
		else if (!strcmp(o, "--paper-links") && has_arg)
			paper_links = argv[++i];
		else
			return usage();
	}
	if (argc - i != 2)
		return usage();
	format = argv[i];
	output = argv[i + 1];

	if (empty_letter) {
		l = ms_letter_new();
		ms_labels_release(&l->labels);  /* every label NULL */
	}
	else if (ms_reader_read_file(file, &l, &h) != MS_OK)
		return 2;
	if (korean)
		make_korean(l);
	if (evil)
		inject(l);
	if (word > 0)
		long_word(l, word);
	if (link)
		add_link(l, link);
	if (author)
		set_plain(&l->author, author);
	if (bad_utf8)
		append_paragraph(l, text_node("bad \xff\xc3( bytes\x7f\x02 end"));
	ms_localize_dates(l, NULL);

	ms_locale_init(&loc, NULL, l->lang ? l->lang : "en", draft);
	if (serif)
		loc.font_serif = serif;
	if (paper_links)
		loc.paper_links = paper_links;
	if (!strcmp(paper, "letter")) {
		loc.paper = "letter";
		loc.paper_width_pt = 612;
		loc.paper_height_pt = 792;
	}

	if (expect_file) {
		FILE *f = fopen(expect_file, "w");
		if (!f) {
			perror(expect_file);
			ms_letter_free(l);
			return 2;
		}
		expect(f, l, &loc);
		if (fclose(f) != 0) {
			perror(expect_file);
			ms_letter_free(l);
			return 2;
		}
	}

	if (ms_plugin_host_new(TOP_BUILDDIR "/plugins", &host, &h) != MS_OK) {
		ms_letter_free(l);
		return 2;
	}
	plugin = ms_plugin_host_find(host, format, &h);
	if (!plugin) {
		ms_plugin_host_free(host);
		ms_letter_free(l);
		return 2;
	}
	st = ms_plugin_render_file(plugin, l, &loc, output, &h);
	ms_plugin_host_free(host);
	ms_letter_free(l);
	return st == MS_OK ? 0 : 1;
}

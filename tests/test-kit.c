/* test-kit.c — the writer kit (core/missive-kit.h): its helpers, and the events
 * its iterator gives for letters laid out by different conventions,
 * with and without empty parts, deep nesting, skipping and marks; and
 * the locale missive fills for writers. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "missive-kit.h"
#include "localize.h"
#include "model-build.h"
#include "tap.h"

/* ------------------------------------------------------------ building */

/* A letter with one of each part; the body is "Hello *you*." then a
 * list starting at 9 whose second child is not an item. */
static ms_letter *
letter(void)
{
	ms_letter *l = ms_letter_new();
	ms_block *list, *para;

	l->date.year = 2025;
	l->date.month = 10;
	l->date.day = 28;
	l->recipients = person("Lee", "President", "Office");
	l->recipients->fax = lines("+82 1", NULL);
	l->recipients->email = lines("a@b.kr", NULL);
	l->recipients->address = lines("Seoul", " ", NULL); /* blank: left out */
	l->cc = person("Kim", "Minister", NULL);
	set(&l->subject, "Re");
	ms_text_set(&l->salutation, "Dear", NULL);     /* source only */
	para = block(MS_BLOCK_PARAGRAPH, txt("Hello "), NULL);
	para->inlines->next = span(MS_INLINE_EMPH, txt("you"));
	para->inlines->next->next = txt(".");
	list = block(MS_BLOCK_LIST, NULL,
	             block(MS_BLOCK_ITEM, NULL,
	                   block(MS_BLOCK_PARAGRAPH, txt("a"), NULL)));
	list->ordered = true;
	list->start = 9;
	list->children->next = block(MS_BLOCK_PARAGRAPH, txt("b"), NULL);
	para->next = list;
	l->body = para;
	set(&l->closing, "Bye");
	l->signed_as_of = l->date;
	l->groups = signatory("G1", NULL, NULL);
	l->individuals = signatory("Roe", "Prof", signatory("Doe", NULL, NULL));
	return l;
}

/* ------------------------------------------------------------ tracing */

static const char *const parts[] = {
	"?", "letter", "draft", "date", "addressees", "copies", "recipient",
	"line", "field", "subject", "salutation", "body", "block", "inline",
	"closing", "signatories", "list", "signatory", "specimen", "notice",
	[MS_KIT_LETTERHEAD] = "letterhead", [MS_KIT_REFERENCES] = "references",
	[MS_KIT_SIGNERS] = "signers", [MS_KIT_SIGNER] = "signer",
	[MS_KIT_SEE_ANNEX] = "see-annex", [MS_KIT_ENCLOSURES] = "enclosures",
	[MS_KIT_FOOTNOTES] = "footnotes",
};
static const char *const roles[] = {
	"", "name-line", "name", "title", "organisation", "address", "fax",
	"email", "honorific", "label", "affiliation", "groups", "individuals",
	"courtesy", "phone", "web", "our-ref", "your-ref", "enclosure", "annex",
};

/* The events of ITER as one line: "(" enters a node, ")" leaves it; a
 * leaf is "[…]".  Checks on the way that the tree is consistent. */
static char *
trace(ms_kit_iter *it, int *max_depth, bool *consistent)
{
	ms_buf b = MS_BUF_INIT;
	ms_kit_node *n;
	ms_kit_event ev;
	int depth = -1;

	*consistent = true;
	*max_depth = 0;
	while ((ev = ms_kit_iter_next(it, &n)) != MS_KIT_DONE) {
		if (ev == MS_KIT_EXIT) {
			ms_buf_putc(&b, ')');
			if (n->depth != depth)
				*consistent = false;
			depth--;
			continue;
		}
		if (n->depth != depth + 1
		    || (n->parent ? n->parent->depth != n->depth - 1 : n->depth != 0))
			*consistent = false;
		if (n->depth > *max_depth)
			*max_depth = n->depth;
		ms_buf_puts(&b, n->leaf ? "[" : "(");
		ms_buf_puts(&b, parts[n->part]);
		if (n->role)
			ms_buf_printf(&b, ":%s", roles[n->role]);
		if (n->part == MS_KIT_BLOCK)
			ms_buf_printf(&b, ":%d", (int)n->block->type);
		if (n->part == MS_KIT_INLINE)
			ms_buf_printf(&b, ":%d", (int)n->inl->type);
		if (n->part == MS_KIT_BLOCK && n->number)
			ms_buf_printf(&b, "#%ld", n->number);
		if (n->part == MS_KIT_INLINE && n->inl->text)
			ms_buf_printf(&b, "=%s", n->inl->text);
		else if (n->text)
			ms_buf_printf(&b, "=%s", n->text);
		if (n->leaf)
			ms_buf_putc(&b, ']');
		else
			depth++;
	}
	if (depth != -1)
		*consistent = false;
	return ms_buf_detach(&b, NULL);
}

static char *
trace_of(const ms_letter *l, const ms_locale *loc, unsigned flags)
{
	ms_kit_iter *it = ms_kit_iter_new(l, loc, flags);
	int depth;
	bool ok;
	char *t = trace(it, &depth, &ok);
	OK(ok, "events are balanced and depths consistent");
	ms_kit_iter_free(it);
	return t;
}

/* ------------------------------------------------------------ tests */

static void
test_helpers(void)
{
	ms_text t = { NULL, NULL, { 0, 0 } };
	ms_buf b = MS_BUF_INIT;
	ms_date d = { 2024, 2, 29 }, bad = { 2024, 13, 1 }, none = { 0, 0, 0 };
	const char *cur, *text;
	size_t len, at;
	int state, piece;

	OK(ms_kit_nonempty(NULL) == NULL && ms_kit_nonempty("") == NULL,
	   "nonempty: NULL and \"\" are empty");
	STR_EQ(ms_kit_nonempty("x"), "x", "nonempty: a string is itself");

	OK(ms_kit_text_empty(&t), "an unset text is empty");
	ms_text_set(&t, " \t\r\n", NULL);
	OK(ms_kit_text_empty(&t), "a text of blanks is empty");
	ms_text_set(&t, "  two words \n", NULL);
	OK(!ms_kit_text_empty(&t), "a source-only text is not");
	STR_EQ(ms_kit_plain(&t, &b), "two words", "plain text is trimmed");
	ms_text_set(&t, "ignored", span(MS_INLINE_EMPH, txt(" in ")));
	STR_EQ(ms_kit_plain(&t, &b), "in", "inlines win over the source");
	ms_text_release(&t);

	ms_buf_reset(&b);
	OK(ms_kit_iso_date(&d, &b), "a valid date is written");
	STR_EQ(b.ptr, "2024-02-29", "in ISO 8601");
	ms_buf_reset(&b);
	OK(!ms_kit_iso_date(&bad, &b) && b.len == 0, "month 13 is not");
	OK(!ms_kit_iso_date(&none, &b) && b.len == 0, "nor an empty date");
	STR_EQ(ms_kit_date_text("29 Feb", &d, &b), "29 Feb",
	       "the localised date wins");
	STR_EQ(ms_kit_date_text("", &d, &b), "2024-02-29", "else ISO");
	STR_EQ(ms_kit_date_text(NULL, &none, &b), "", "else nothing");

	ms_buf_reset(&b);
	at = ms_kit_fill(&b, "as of %s!", "May 1");
	STR_EQ(b.ptr, "as of May 1!", "fill: the value in place of %%s");
	INT_EQ(at, 6, "fill: where the value starts");
	ms_buf_reset(&b);
	at = ms_kit_fill(&b, "%d %n %s %s", "X");
	STR_EQ(b.ptr, "%d %n X %s", "fill: a label is never a format");
	ms_buf_reset(&b);
	at = ms_kit_fill(&b, "stand", "May 1");
	STR_EQ(b.ptr, "stand May 1", "fill: no %%s, the value after a space");
	INT_EQ(at, 6, "fill: and where it starts");

	{
		static const struct { const char *label, *want; } pages[] = {
			{ "Page %d of %d", "Page 3 of 7" },
			{ "%2$d쪽 중 %1$d쪽", "7쪽 중 3쪽" },
			{ NULL, "3 / 7" },
			{ "", "3 / 7" },
			{ "Seite", "Seite 3 / 7" },
			{ "100%% %d", "100% 3" },
			{ "%d %d %d", "3 7 7" },
			{ "%s %x %", "%s %x % 3 / 7" },
		};
		for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
			ms_buf_reset(&b);
			cur = pages[i].label;
			state = 0;
			while ((piece = ms_kit_page_piece(&cur, &state, &text, &len)))
				if (piece == 1)
					ms_buf_put(&b, text, len);
				else
					ms_buf_printf(&b, "%d", piece == 2 ? 3 : 7);
			STR_EQ(b.ptr, pages[i].want, "page label \"%s\"",
			       pages[i].label ? pages[i].label : "(null)");
		}
	}

	OK(!ms_kit_link_shows_url("https://a.org", "https://a.org"),
	   "a link whose words are its address shows it once");
	OK(!ms_kit_link_shows_url("a@b.org", "mailto:a@b.org"),
	   "so does a mail link showing the address");
	OK(ms_kit_link_shows_url("our site", "https://a.org"),
	   "other words show the address beside them");
	OK(!ms_kit_link_shows_url("x", ""), "a link without address shows none");
	OK(ms_kit_url_live("https://a.org") && ms_kit_url_live(" mailto:a@b.org ")
	   && ms_kit_url_live("../rel") && ms_kit_url_live("#anchor"),
	   "http(s), mailto and relative addresses may be live links");
	OK(!ms_kit_url_live("javascript:alert(1)") && !ms_kit_url_live("java\tscript:x")
	   && !ms_kit_url_live("JaVaScRiPt:x") && !ms_kit_url_live("data:text/html,x")
	   && !ms_kit_url_live("") && !ms_kit_url_live(NULL),
	   "script and data addresses, even disguised, and empty ones may not");
	ms_buf_release(&b);
}

static void
test_locale(void)
{
	ms_locale loc;

	ms_locale_init(&loc, NULL, "ko", false);
	STR_EQ(loc.line_break, "keep-all", "ko: keep-all line breaking");
	OK(ms_kit_keep_all(&loc), "ko: ms_kit_keep_all says so");
	INT_EQ(ms_kit_emphasis_of(&loc), MS_KIT_EMPH_BOLD,
	       "ko: emphasis is not a slant");
	OK(loc.font_size_pt == 10.5, "ko: 10.5 pt");
	STR_EQ(loc.east_asian_lang, "ko-KR", "ko: the East Asian slot");
	OK(loc.name_after_title, "ko: the name after the title");

	ms_locale_init(&loc, NULL, "es-419", false);
	STR_EQ(loc.line_break, "normal", "es-419: normal line breaking");
	OK(!ms_kit_keep_all(&loc), "es-419: no keep-all");
	INT_EQ(ms_kit_emphasis_of(&loc), MS_KIT_EMPH_ITALIC, "es-419: italic");
	OK(loc.font_size_pt == 11, "es-419: 11 pt");
	STR_EQ(loc.east_asian_lang, "", "es-419: no East Asian slot");
	STR_EQ(ms_kit_lang(NULL, &loc), "es-419", "the locale's language");

	OK(!ms_kit_keep_all(NULL) && ms_kit_emphasis_of(NULL) == MS_KIT_EMPH_ITALIC,
	   "no locale: neutral defaults");
}

static void
collect(const ms_diag *d, void *data)
{
	ms_buf *b = data;
	ms_buf_printf(b, "%u:%u: %s; ", d->line, d->column, d->message);
}

/* missive.yaml's paper-links reaches the locale; a bad value is a
 * located error. */
static void
test_paper_links(void)
{
	char path[] = "/tmp/missive-test-kit-XXXXXX";
	int fd = mkstemp(path);
	ms_buf diags = MS_BUF_INIT;
	ms_diag_handler h = { collect, &diags, 0, 0 };
	ms_config *c = NULL;
	ms_locale loc;
	FILE *f;

	ms_locale_init(&loc, NULL, "en", false);
	STR_EQ(loc.paper_links, "after", "without a configuration: after");
	INT_EQ(ms_kit_paper_links(&loc), MS_KIT_LINKS_AFTER, "the kit agrees");
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		OK(0, "a temporary missive.yaml");
		return;
	}
	fputs("source: en\npaper-links: footnote\n", f);
	fclose(f);
	INT_EQ(ms_config_load(path, &c, &h), MS_OK, "paper-links: footnote loads");
	ms_locale_init(&loc, c, "ko", false);
	STR_EQ(loc.paper_links, "footnote", "and reaches the locale");
	INT_EQ(ms_kit_paper_links(&loc), MS_KIT_LINKS_FOOTNOTE, "as footnotes");
	ms_config_free(c);
	c = NULL;
	f = fopen(path, "w");
	fputs("source: en\npaper-links: sideways\n", f);
	fclose(f);
	OK(ms_config_load(path, &c, &h) != MS_OK && h.errors == 1,
	   "another value is refused");
	OK(strstr(diags.ptr, "2:14: 'paper-links' must be 'after', 'footnote' "
	          "or 'hidden'") != NULL, "with its line and column: %s", diags.ptr);
	ms_config_free(c);
	unlink(path);
	ms_buf_release(&diags);
}

/* missive.yaml's translation-notice: the notice of the letter's language
 * reaches the locale of a translation, never of the source language, and
 * the iterator gives it right after the marks; bad values are located
 * errors. */
static void
test_notice(void)
{
	char path[] = "/tmp/missive-test-kit-XXXXXX";
	int fd = mkstemp(path);
	ms_buf diags = MS_BUF_INIT;
	ms_diag_handler h = { collect, &diags, 0, 0 };
	ms_config *c = NULL;
	ms_letter *l = ms_letter_new();
	ms_locale loc;
	char *t;
	FILE *f;
	ms_status st;

	ms_locale_init(&loc, NULL, "ko", false);
	OK(loc.notice == NULL, "without a configuration: no notice");
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		OK(0, "a temporary missive.yaml");
		ms_letter_free(l);
		return;
	}
	fputs("source: en\ntranslation-notice:\n  ko: 비공식 번역본입니다.\n"
	      "  en: Not shown\n  es: Traducción no oficial.\n", f);
	fclose(f);
	INT_EQ(ms_config_load(path, &c, &h), MS_OK, "translation-notice loads");
	ms_locale_init(&loc, c, "ko", false);
	STR_EQ(loc.notice, "비공식 번역본입니다.", "a Korean letter gets the Korean notice");
	ms_locale_init(&loc, c, "es", false);
	STR_EQ(loc.notice, "Traducción no oficial.", "a Spanish letter the Spanish one");
	ms_locale_init(&loc, c, "en", false);
	OK(loc.notice == NULL, "the source language none, even when it is set");
	ms_locale_init(&loc, c, "ko", true);
	l->sample = true;
	l->date.year = 2025;
	l->date.month = 1;
	l->date.day = 2;
	t = trace_of(l, &loc, 0);
	STR_EQ(t, "(letter[draft=DRAFT][specimen=SPECIMEN]"
	       "[notice=비공식 번역본입니다.][date=2025-01-02])",
	       "the iterator gives it after the marks, before the date");
	free(t);
	ms_config_free(c);

	c = NULL;
	f = fopen(path, "w");
	fputs("source: en\ntranslation-notice:\n  k o: x\n  es: \"\"\n", f);
	fclose(f);
	OK(ms_config_load(path, &c, &h) != MS_OK && h.errors == 2,
	   "a bad language tag and an empty notice are refused");
	OK(strstr(diags.ptr, "3:3: 'k o' is not a language tag") != NULL
	   && strstr(diags.ptr, "4:7: 'es' must not be empty") != NULL,
	   "each with its line and column: %s", diags.ptr);
	ms_config_free(c);
	c = NULL;
	f = fopen(path, "w");
	fputs("source: en\ntranslation-notice: Unofficial\n", f);
	fclose(f);
	/* load first: the message argument must see the diagnostics buffer
	 * as the load left it (it may move when it grows) */
	st = ms_config_load(path, &c, &h);
	OK(st != MS_OK
	   && strstr(diags.ptr, "2:21: 'translation-notice' must be a mapping")
	   != NULL, "a single value is refused: %s", diags.ptr);
	ms_config_free(c);
	ms_letter_free(l);
	unlink(path);
	ms_buf_release(&diags);
}

/* A language is a profile file: one written in a project's folder gives
 * writers its conventions through the locale, without any code. */
static void
test_profile_locale(void)
{
	char dir[] = "/tmp/missive-test-kit-lang-XXXXXX";
	char path[128], path2[128];
	char *dirs[] = { dir, NULL };
	ms_buf diags = MS_BUF_INIT;
	ms_diag_handler h = { collect, &diags, 0, 0 };
	ms_profiles *set;
	const ms_profile *p = NULL;
	ms_locale loc;
	FILE *f;

	if (!mkdtemp(dir)) {
		OK(0, "a temporary lang folder");
		return;
	}
	snprintf(path, sizeof path, "%s/fr.yaml", dir);
	f = fopen(path, "w");
	fputs("language: fr\nname: French\nlayout:\n  date-align: right\n"
	      "typography:\n  line-break: keep-all\n  emphasis: dots\n"
	      "  quotes: [\"«\u202f\", \"\u202f»\", \"“\", \"”\"]\n"
	      "fonts:\n  serif: Some Serif\n  size: 12.5\n  line-height: 1.25\n"
	      "  package: fonts-some\n  east-asian-lang: fr-FR\n", f);
	fclose(f);
	set = ms_profiles_new(dirs);
	INT_EQ(ms_profiles_get(set, "fr", &p, NULL), MS_OK, "fr.yaml loads");
	ms_locale_set(&loc, NULL, p, "fr", false);
	STR_EQ(loc.date_align, "right", "layout.date-align reaches the locale");
	OK(ms_kit_keep_all(&loc), "typography.line-break");
	INT_EQ(ms_kit_emphasis_of(&loc), MS_KIT_EMPH_DOTS, "typography.emphasis");
	STR_EQ(loc.font_serif, "Some Serif", "fonts.serif");
	OK(loc.font_size_pt == 12.5 && loc.line_height == 1.25,
	   "fonts.size and fonts.line-height, as numbers");
	STR_EQ(loc.font_package, "fonts-some", "fonts.package");
	STR_EQ(loc.east_asian_lang, "fr-FR", "fonts.east-asian-lang");
	STR_EQ(loc.font_sans, "Noto Sans", "what it does not set comes from und");
	OK(loc.quotes[0] && !strcmp(loc.quotes[0], "«\u202f")
	   && !strcmp(loc.quotes[1], "\u202f»") && !strcmp(loc.quotes[3], "”"),
	   "typography.quotes");

	/* quotation marks come in fours: a list of three is a located error */
	snprintf(path2, sizeof path2, "%s/de.yaml", dir);
	f = fopen(path2, "w");
	fputs("language: de\ntypography:\n  quotes: [\"„\", \"“\", \"‚\"]\n", f);
	fclose(f);
	OK(ms_profiles_get(set, "de", &p, &h) != MS_OK && h.errors == 1,
	   "three quotation marks are refused");
	OK(strstr(diags.ptr, "3:11: 'typography.quotes' must be "
	          "a list of 4 items") != NULL, "with its line and column: %s",
	   diags.ptr);
	ms_buf_release(&diags);
	unlink(path2);
	ms_profiles_free(set);

	ms_locale_set(&loc, NULL, NULL, "xx", false);
	OK(!strcmp(loc.date_align, "left") && !ms_kit_keep_all(&loc)
	   && loc.font_size_pt == 11 && !strcmp(loc.font_package, ""),
	   "no profile at all: the neutral values");
	unlink(path);
	rmdir(dir);
}

/* The TEXT inlines of L's body through ms_kit_text, paragraphs joined by
 * " | ". */
static char *
quoted(const ms_letter *l, const ms_locale *loc)
{
	ms_kit_iter *it = ms_kit_iter_new(l, loc, 0);
	ms_buf b = MS_BUF_INIT;
	ms_kit_node *n;
	ms_kit_event ev;
	while ((ev = ms_kit_iter_next(it, &n)) != MS_KIT_DONE) {
		if (ev != MS_KIT_ENTER)
			continue;
		if (n->part == MS_KIT_BLOCK && n->index > 0)
			ms_buf_puts(&b, " | ");
		if (n->part == MS_KIT_INLINE && n->inl->type == MS_INLINE_TEXT)
			ms_buf_puts(&b, ms_kit_text(it, n));
		else if (n->part == MS_KIT_INLINE
		         && n->inl->type == MS_INLINE_SOFTBREAK)
			ms_buf_putc(&b, '/');
	}
	ms_kit_iter_free(it);
	return ms_buf_detach(&b, NULL);
}

/* Typewriter quotes as the language's quotation marks. */
static void
test_quotes(void)
{
	ms_letter *l = ms_letter_new();
	ms_block *p1 = block(MS_BLOCK_PARAGRAPH,
	                     seq(txt("He said \"yes\", 'no' -- it's (\"fine\"), "
	                             "the citizens' 'words'."),
	                         NULL), NULL);
	ms_block *p2 = block(MS_BLOCK_PARAGRAPH,
	                     seq(txt("\""), span(MS_INLINE_EMPH, txt("across")),
	                         txt("\" nodes"), ms_inline_new(MS_INLINE_SOFTBREAK),
	                         txt("\"after a break\""), NULL), NULL);
	ms_locale loc;
	char *t;

	p1->next = p2;
	l->body = p1;
	ms_locale_init(&loc, NULL, "en", false);
	t = quoted(l, &loc);
	STR_EQ(t, "He said “yes”, ‘no’ -- it’s (“fine”), the citizens’ ‘words’. "
	       "| “across” nodes/"
	       "“after a break”", "English: “ ” ‘ ’, an apostrophe ’");
	free(t);
	ms_locale_init(&loc, NULL, "es", false);
	t = quoted(l, &loc);
	STR_EQ(t, "He said «yes», “no” -- it’s («fine»), the citizens’ “words”. "
	       "| «across» nodes/"
	       "«after a break»", "Spanish: « » first, then “ ”");
	free(t);
	ms_locale_init(&loc, NULL, "xx", false);
	t = quoted(l, &loc);
	STR_EQ(t, "He said \"yes\", 'no' -- it's (\"fine\"), the citizens' 'words'. "
	       "| \"across\" nodes/"
	       "\"after a break\"", "a language without marks keeps typewriter quotes");
	free(t);
	ms_letter_free(l);
}

/* Letter dates are in the proleptic Gregorian calendar. */
static void
test_dates(void)
{
	static const struct { ms_date d; const char *lang, *want; } dates[] = {
		{ { 1582, 10, 10 }, "en", "October 10, 1582" },
		{ { 1582, 10, 4 }, "en", "October 4, 1582" },
		{ { 1000, 2, 29 }, "en", "March 1, 1000" },   /* no leap day */
		{ { 1, 1, 1 }, "es", "1 de enero de 1" },
		{ { 2025, 10, 28 }, "ko", "2025년 10월 28일" },
	};
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		char *got = ms_localize_date(&dates[i].d, dates[i].lang);
		STR_EQ(got, dates[i].want, "%04d-%02d-%02d in %s",
		       dates[i].d.year, dates[i].d.month, dates[i].d.day,
		       dates[i].lang);
		free(got);
	}
}

static void
test_order(void)
{
	ms_letter *l = letter();
	ms_locale loc;
	char *t;

	ms_locale_init(&loc, NULL, "en", false);
	t = trace_of(l, &loc, 0);
	STR_EQ(t,
	       "(letter[date=2025-10-28]"
	       "(addressees(recipient"
	       "(line:name(field:name[inline:0=Lee]))"
	       "(line:title(field:title[inline:0=President]))"
	       "(line:organisation(field:organisation[inline:0=Office]))"
	       "(line:address(field:address[inline:0=Seoul]))"
	       "(line:fax[field:label=Fax:](field:fax[inline:0=+82 1]))"
	       "(line:email[field:label=E-mail:](field:email[inline:0=a@b.kr]))))"
	       "(copies=CC.(recipient"
	       "(line:name-line(field:title[inline:0=Minister])(field:name[inline:0=Kim]))))"
	       "(subject=Re:[inline:0=Re])"
	       "(salutation[inline:0=Dear])"
	       "(body(block:0[inline:0=Hello ](inline:1[inline:0=you])[inline:0=.])"
	       "(block:2(block:3#9(block:0[inline:0=a]))"
	       "(block:3#10(block:0[inline:0=b]))))"
	       "(closing[inline:0=Bye])"
	       "(signatories=Signatories (as of 2025-10-28)"
	       "(list:groups=Groups(signatory(field:name[inline:0=G1])))"
	       "(list:individuals=Individuals"
	       "(signatory(field:name[inline:0=Roe])(field:affiliation[inline:0=Prof]))"
	       "(signatory(field:name[inline:0=Doe])))))",
	       "English order: name, then title; the copy on one line; a "
	       "list child that is not an item becomes one (#10)");
	free(t);

	/* Title first, then the name and the honorific; the draft mark,
	 * then the specimen mark of a sample letter. */
	ms_locale_init(&loc, NULL, "ko", true);
	free(l->labels.draft);
	l->labels.draft = ms_xstrdup("");
	l->sample = true;
	t = trace_of(l, &loc, 0);
	OK(strncmp(t, "(letter[draft=DRAFT][specimen=SPECIMEN][date=2025-10-28](addressees(recipient"
	           "(line:name-line(field:title[inline:0=President])"
	           "(field:name[inline:0=Lee])[field:honorific=귀하])", 114) == 0,
	   "Korean order: title, name, honorific; a draft without a label "
	   "says DRAFT; a sample is marked: %.140s", t);
	OK(strstr(t, "(copies=CC.(recipient(line:name-line(field:title[inline:0=Minister])"
	          "(field:name[inline:0=Kim])[field:honorific=귀하]))") != NULL,
	   "copies take the honorific too in that order");
	free(t);
	ms_letter_free(l);
}

/* The separators of the fields of a recipient's lines, in order,
 * joined with the fields' texts: what a writer prints. */
static char *
lines_of(const ms_letter *l, const ms_locale *loc, ms_kit_part part)
{
	ms_kit_iter *it = ms_kit_iter_new(l, loc, 0);
	ms_buf b = MS_BUF_INIT, plain = MS_BUF_INIT;
	ms_kit_node *n;
	ms_kit_event ev;
	bool in = false;

	while ((ev = ms_kit_iter_next(it, &n)) != MS_KIT_DONE) {
		if (n->part == part)
			in = ev == MS_KIT_ENTER;
		if (!in || ev != MS_KIT_ENTER)
			continue;
		if (n->part == MS_KIT_LINE && b.len)
			ms_buf_putc(&b, '/');
		if (n->part == MS_KIT_FIELD && n->parent->part == MS_KIT_LINE) {
			ms_buf_puts(&b, n->sep ? n->sep : "<no sep>");
			ms_buf_puts(&b, n->leaf ? n->text : ms_kit_plain(n->ms, &plain));
		}
	}
	ms_kit_iter_free(it);
	ms_buf_release(&plain);
	return ms_buf_detach(&b, NULL);
}

/* Offices addressed without a name, forms of address, the place before
 * the date, signers, enclosures, footnotes and the annex, in the
 * conventions of the language profiles (data/lang). */
static void
test_model_parts(void)
{
	ms_letter *l = ms_letter_new();
	ms_locale loc;
	ms_recipient *r = person(NULL, "Minister of Foreign Affairs",
	                         "Ministry of Foreign Affairs");
	ms_recipient *cc = person("Kim", "Prime Minister", NULL);
	ms_signer *g = calloc(1, sizeof *g);
	char *t;

	r->courtesy = ms_xstrdup("excellency");
	cc->courtesy = ms_xstrdup("excellency");
	cc->gender = ms_xstrdup("feminine");
	l->recipients = r;
	l->cc = cc;
	l->date = (ms_date){ 2025, 10, 28 };
	set(&l->place, "Seoul");
	set(&g->name, "Jane Doe");
	set(&g->title, "Director");
	set(&g->organisation, "TJWG");
	l->signers = g;
	l->enclosures = lines("Report", NULL);
	l->groups = signatory("G", NULL, NULL);
	l->signatories_annex = true;

	ms_locale_init(&loc, NULL, "en", false);
	t = lines_of(l, &loc, MS_KIT_ADDRESSEES);
	STR_EQ(t, "Minister of Foreign Affairs/Ministry of Foreign Affairs",
	       "en: an office by its title, no courtesy title in English");
	free(t);
	t = trace_of(l, &loc, 0);
	OK(strstr(t, "[date=Seoul, 2025-10-28]") != NULL,
	   "en: the place before the date: %s", t);
	OK(strstr(t, "(signers(signer") != NULL
	   && strstr(t, "[see-annex=The signatories are listed in the annex.]"
	                "(enclosures=Enclosure:(line:enclosure") != NULL
	   && strstr(t, "(signatories:annex=Signatories") != NULL,
	   "signers, the annex note, one enclosure, then the annex: %s", t);
	free(t);

	ms_locale_init(&loc, NULL, "ko", false);
	t = lines_of(l, &loc, MS_KIT_ADDRESSEES);
	STR_EQ(t, "Minister of Foreign Affairs 귀하/Ministry of Foreign Affairs",
	       "ko: an office is {title} 귀하, once");
	free(t);
	/* the organisation is left out when the title names it */
	set(&r->title, "외교부 장관");
	set(&r->organisation, "외교부");
	t = lines_of(l, &loc, MS_KIT_ADDRESSEES);
	STR_EQ(t, "외교부 장관 귀하", "ko: 외교부 장관 귀하, no 외교부 line");
	free(t);
	t = lines_of(l, &loc, MS_KIT_COPIES);
	STR_EQ(t, "Prime Minister Kim 귀하", "ko: a copy, title name 귀하");
	free(t);

	ms_locale_init(&loc, NULL, "es", false);
	set(&r->title, "Ministro de Relaciones Exteriores");
	set(&r->organisation, "Ministerio de Relaciones Exteriores");
	t = lines_of(l, &loc, MS_KIT_ADDRESSEES);
	STR_EQ(t, "Excelentísimo Señor Ministro de Relaciones Exteriores"
	       "/Ministerio de Relaciones Exteriores",
	       "es: the courtesy before the office");
	free(t);
	t = lines_of(l, &loc, MS_KIT_COPIES);
	STR_EQ(t, "Excelentísima Señora Kim, Prime Minister",
	       "es: a copy: courtesy (feminine), name, office");
	free(t);
	t = lines_of(l, &loc, MS_KIT_SIGNERS);
	STR_EQ(t, "Jane Doe/Director/TJWG", "es: a signer's lines");
	free(t);
	ms_letter_free(l);
}

static void
test_empty(void)
{
	ms_letter *l = ms_letter_new();
	ms_locale loc;
	char *t;

	ms_locale_init(&loc, NULL, "en", false);
	set(&l->subject, "  ");
	t = trace_of(l, &loc, 0);
	STR_EQ(t, "(letter)", "an empty letter: no parts at all");
	free(t);
	t = trace_of(l, &loc, MS_KIT_ALL);
	STR_EQ(t, "(letter(letterhead)(references"
	       "(line:our-ref[field:label=Our ref.:](field:our-ref))"
	       "(line:your-ref[field:label=Your ref.:](field:your-ref)))"
	       "(addressees)(copies=CC.)(subject=Re:[inline:0=  ])"
	       "(salutation)(body)(closing)(signers)"
	       "(signatories=Signatories(list:groups=Groups)(list:individuals=Individuals))"
	       "(enclosures=Enclosures:)(footnotes=Notes))",
	       "with MS_KIT_ALL: every part, empty (the heading without a date)");
	free(t);

	/* A signatories' heading without labels or without a date. */
	l->groups = signatory("G", NULL, NULL);
	free(l->labels.signatories);
	l->labels.signatories = NULL;
	t = trace_of(l, &loc, 0);
	STR_EQ(t, "(letter(signatories(list:groups=Groups(signatory"
	       "(field:name[inline:0=G])))))", "no label, no date: no heading");
	free(t);
	l->signed_as_of.year = 2020;
	l->signed_as_of.month = 1;
	l->signed_as_of.day = 2;
	t = trace_of(l, &loc, 0);
	OK(strstr(t, "(signatories=as of 2020-01-02(") != NULL,
	   "no label: the date alone, without brackets: %s", t);
	free(t);
	ms_letter_free(l);
}

static void
test_walk(void)
{
	ms_letter *l = letter();
	ms_kit_iter *it;
	ms_kit_node *n;
	ms_kit_event ev;
	int depth;
	bool ok, skipped = false, marks = true;
	char *t;
	ms_block *deep = NULL;

	/* Skip the body; marks come back on EXIT. */
	it = ms_kit_iter_new(l, NULL, 0);
	while ((ev = ms_kit_iter_next(it, &n)) != MS_KIT_DONE) {
		if (ev == MS_KIT_ENTER && !n->leaf)
			n->mark = (size_t)n->depth * 1000 + n->index;
		else if (ev == MS_KIT_EXIT
		         && n->mark != (size_t)n->depth * 1000 + n->index)
			marks = false;
		if (ev == MS_KIT_ENTER && n->part == MS_KIT_BODY) {
			ms_kit_iter_skip(it);
			ev = ms_kit_iter_next(it, &n);
			skipped = ev == MS_KIT_EXIT && n->part == MS_KIT_BODY;
		}
	}
	OK(skipped, "skip: the next event is the node's EXIT");
	OK(marks, "a mark set on ENTER is there on EXIT");
	OK(ms_kit_iter_next(it, &n) == MS_KIT_DONE, "DONE stays DONE");
	ms_kit_iter_free(it);
	ms_kit_iter_free(NULL);

	/* 100,000 nested quotes: walked with the iterator's own stack. */
	for (int i = 0; i < 100000; i++)
		deep = block(MS_BLOCK_QUOTE, NULL, deep);
	ms_block_free(l->body);
	l->body = deep;
	it = ms_kit_iter_new(l, NULL, 0);
	t = trace(it, &depth, &ok);
	OK(ok, "100,000 nested quotes: balanced");
	INT_EQ(depth, 100001, "and as deep as they are (the body is at 1)");
	free(t);
	ms_kit_iter_free(it);
	/* ms_block_free recurses: unnest before freeing */
	while (l->body) {
		ms_block *b = l->body;
		l->body = b->children;
		b->children = NULL;
		ms_block_free(b);
	}
	ms_letter_free(l);
}

int
main(void)
{
	test_helpers();
	test_locale();
	test_dates();
	test_paper_links();
	test_notice();
	test_profile_locale();
	test_quotes();
	test_order();
	test_empty();
	test_model_parts();
	test_walk();
	return done_testing();
}

/* test-reader.c — the letter reader: the seed letter, a letter that uses
 * every feature, the bad letters listed in tests/data/letters/expect.txt,
 * in-memory edge cases and ms_reader_parse_inline. */
#include <config.h>

#include "missive.h"
#include "internal.h"     /* the fields of ms_config */
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LETTERS TOP_SRCDIR "/tests/data/letters"
#define SEED TOP_SRCDIR "/corpus/000_b6b6d3f049d4ab14.md"

/* ------------------------------------------------------- diagnostics */

typedef struct rec {
	ms_severity sev;
	unsigned line, col;
	char *file;
	char *msg;
} rec;

typedef struct recorder {
	rec v[64];
	size_t n;
} recorder;

static void
record(const ms_diag *d, void *data)
{
	recorder *r = data;
	if (r->n == sizeof r->v / sizeof r->v[0])
		return;
	r->v[r->n].sev = d->severity;
	r->v[r->n].line = d->line;
	r->v[r->n].col = d->column;
	r->v[r->n].file = d->file ? ms_xstrdup(d->file) : NULL;
	r->v[r->n].msg = ms_xstrdup(d->message);
	r->n++;
}

static void
recorder_reset(recorder *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].file);
		free(r->v[i].msg);
	}
	r->n = 0;
}

static ms_diag_handler
handler(recorder *r)
{
	ms_diag_handler h = { record, r, 0, 0 };
	r->n = 0;
	return h;
}

static void
dump_diags(const recorder *r)
{
	for (size_t i = 0; i < r->n; i++)
		printf("#   %s:%u:%u: %s: %s\n", r->v[i].file ? r->v[i].file : "-",
		       r->v[i].line, r->v[i].col,
		       r->v[i].sev == MS_ERROR ? "error" : "warning", r->v[i].msg);
}

/* ------------------------------------------------------- model dumps */

/* A compact picture of an inline list: text as is, containers as
 * NAME(children), breaks as {sb} and {br}. */
static void
dump_inlines(const ms_inline *in, ms_buf *b)
{
	for (; in; in = in->next) {
		switch (in->type) {
		case MS_INLINE_TEXT:
			ms_buf_puts(b, in->text);
			break;
		case MS_INLINE_CODE:
			ms_buf_printf(b, "CODE(%s)", in->text);
			break;
		case MS_INLINE_HTML:
			ms_buf_printf(b, "HTML(%s)", in->text);
			break;
		case MS_INLINE_SOFTBREAK:
			ms_buf_puts(b, "{sb}");
			break;
		case MS_INLINE_LINEBREAK:
			ms_buf_puts(b, "{br}");
			break;
		case MS_INLINE_FOOTNOTE:
			ms_buf_printf(b, "{fn%d}", in->number);
			break;
		default: {
			static const char *const names[] = {
				"", "EM", "ST", "LINK", "SUP", "SUB", "U",
				"", "", "", "", "DEL",
			};
			ms_buf_puts(b, names[in->type]);
			if (in->type == MS_INLINE_LINK)
				ms_buf_printf(b, "<%s|%s>", in->url,
				              in->title ? in->title : "");
			ms_buf_putc(b, '(');
			dump_inlines(in->children, b);
			ms_buf_putc(b, ')');
			break;
		}
		}
	}
}

static char dump_space[8][4096];
static int dump_slot;

/* The dump of LIST, in a static buffer (eight in rotation). */
static const char *
dump(const ms_inline *list)
{
	ms_buf b = MS_BUF_INIT;
	char *out = dump_space[dump_slot++ % 8];
	dump_inlines(list, &b);
	snprintf(out, sizeof dump_space[0], "%s", b.ptr);
	ms_buf_release(&b);
	return out;
}

/* Parse SRC with ms_reader_parse_inline and dump it. */
static const char *
inl(const char *src)
{
	ms_inline *list = ms_reader_parse_inline(src, strlen(src));
	const char *d = dump(list);
	ms_inline_free(list);
	return d;
}

static int
count_blocks(const ms_block *b, ms_block_type type)
{
	int n = 0;
	for (; b; b = b->next)
		n += b->type == type;
	return n;
}

static const ms_block *
nth_block(const ms_block *b, int n)
{
	while (b && n-- > 0)
		b = b->next;
	return b;
}

static bool
has_inline(const ms_inline *in, ms_inline_type type, const char *plain)
{
	for (; in; in = in->next) {
		if (in->type == type) {
			ms_buf b = MS_BUF_INIT;
			bool same;
			ms_inline_plain(in->children, &b);
			same = strcmp(b.ptr, plain) == 0;
			ms_buf_release(&b);
			if (same)
				return true;
		}
		if (has_inline(in->children, type, plain))
			return true;
	}
	return false;
}

/* ------------------------------------------------------- the seed */

static void
test_seed(void)
{
	recorder r = { .n = 0 };
	ms_diag_handler h = handler(&r);
	ms_letter *l = NULL;
	ms_status st = ms_reader_read_file(SEED, &l, &h);
	const ms_recipient *rc;
	const ms_signatory *s;
	const ms_block *b;
	int n;

	INT_EQ(st, MS_OK, "seed: read");
	INT_EQ(r.n, 0, "seed: no diagnostics");
	dump_diags(&r);
	recorder_reset(&r);
	if (!l)
		return;
	STR_EQ(l->id, "000_b6b6d3f049d4ab14", "seed: id");
	STR_EQ(l->path, SEED, "seed: path as given");
	STR_EQ(l->lang, "en", "seed: lang");
	STR_EQ(l->source_lang, "en", "seed: source_lang");
	OK(!l->sample, "seed: not a sample");
	OK(l->segmentation == NULL, "seed: no segmentation override");
	OK(l->author.src == NULL, "seed: no author");
	INT_EQ(l->date.year, 2025, "seed: date year");
	INT_EQ(l->date.month, 10, "seed: date month");
	INT_EQ(l->date.day, 28, "seed: date day");
	INT_EQ(l->date_pos.line, 6, "seed: date line");
	INT_EQ(l->date_pos.column, 7, "seed: date column");

	rc = l->recipients;
	OK(rc && !rc->next, "seed: one recipient");
	if (rc) {
		STR_EQ(rc->name.src, "Lee Jae-myung", "seed: recipient name");
		INT_EQ(rc->name.pos.line, 8, "seed: recipient name line");
		INT_EQ(rc->name.pos.column, 11, "seed: recipient name column");
		INT_EQ(rc->pos.line, 8, "seed: recipient line");
		INT_EQ(rc->pos.column, 5, "seed: recipient column");
		STR_EQ(dump(rc->name.inlines), "Lee Jae-myung", "seed: name inlines");
		STR_EQ(rc->title.src, "President of the Republic of Korea",
		       "seed: recipient title");
		OK(rc->organisation.src == NULL, "seed: no organisation");
		OK(rc->address && rc->address->next && !rc->address->next->next,
		   "seed: two address lines");
		if (rc->address && rc->address->next) {
			STR_EQ(rc->address->text.src,
			       "22, Itaewon-ro, Yongsan-gu, Seoul 04383",
			       "seed: address line 1");
			INT_EQ(rc->address->text.pos.line, 12, "seed: address line 1 line");
			INT_EQ(rc->address->text.pos.column, 9, "seed: address line 1 column");
			STR_EQ(rc->address->next->text.src, "Republic of Korea",
			       "seed: address line 2");
		}
		OK(rc->fax && !rc->fax->next, "seed: one fax");
		if (rc->fax) {
			STR_EQ(rc->fax->text.src, "+82 2-770-4721", "seed: fax");
			STR_EQ(dump(rc->fax->text.inlines), "+82 2-770-4721",
			       "seed: fax inlines stay text");
		}
		OK(rc->email && !rc->email->next, "seed: one e-mail");
		STR_EQ(rc->courtesy, "excellency", "seed: a head of State's form of address");
		if (rc->email)
			STR_EQ(rc->email->text.src, "president.go.kr", "seed: e-mail");
	}

	n = 0;
	for (rc = l->cc; rc; rc = rc->next)
		n++;
	INT_EQ(n, 3, "seed: three cc");
	rc = l->cc;
	if (n == 3) {
		STR_EQ(rc->name.src, "Kim Min-seok", "seed: cc 1 name");
		STR_EQ(rc->title.src, "Prime Minister", "seed: cc 1 title");
		STR_EQ(rc->organisation.src,
		       "Office for Government Policy Coordination / Prime Minister's Secretariat",
		       "seed: cc 1 organisation");
		INT_EQ(rc->organisation.pos.line, 19, "seed: cc 1 organisation line");
		INT_EQ(rc->organisation.pos.column, 19, "seed: cc 1 organisation column");
		STR_EQ(rc->address->text.src,
		       "Government Complex-Sejong, 261 Dasom-ro, Sejong-si 30107",
		       "seed: cc 1 address");
		STR_EQ(rc->fax->text.src, "+82 44 200 2144", "seed: cc 1 fax");
		OK(rc->email == NULL, "seed: cc 1 no e-mail");
		INT_EQ(rc->pos.line, 17, "seed: cc 1 line");
		rc = rc->next;
		STR_EQ(rc->name.src, "Cho Hyun", "seed: cc 2 name");
		STR_EQ(rc->organisation.src, "Ministry of Foreign Affairs",
		       "seed: cc 2 organisation");
		STR_EQ(rc->fax->text.src, "+82 2 2100 7934", "seed: cc 2 fax");
		rc = rc->next;
		STR_EQ(rc->name.src, "Chung Dong-young", "seed: cc 3 name");
		STR_EQ(rc->title.src, "Unification Minister", "seed: cc 3 title");
		STR_EQ(rc->address->text.src, "209 Sejong-daero, Jongno-gu, Seoul 03171",
		       "seed: cc 3 address");
		STR_EQ(rc->fax->text.src, "+82 2 2100 5851/49", "seed: cc 3 fax");
	}

	STR_EQ(l->subject.src,
	       "2025 North Korean human rights resolution to be adopted at the 80<sup>th</sup> United Nations General Assembly",
	       "seed: subject as written");
	STR_EQ(dump(l->subject.inlines),
	       "2025 North Korean human rights resolution to be adopted at the 80SUP(th) United Nations General Assembly",
	       "seed: subject inlines with a sup");
	INT_EQ(l->subject.pos.line, 41, "seed: subject line");
	INT_EQ(l->subject.pos.column, 10, "seed: subject column");
	STR_EQ(l->salutation.src, "Dear President Lee Jae-myung,", "seed: salutation");
	INT_EQ(l->salutation.pos.line, 42, "seed: salutation line");
	INT_EQ(l->salutation.pos.column, 13, "seed: salutation column");
	STR_EQ(l->closing.src, "Sincerely,", "seed: closing");
	INT_EQ(l->closing.pos.line, 43, "seed: closing line");

	INT_EQ(l->signed_as_of.year, 2025, "seed: as_of year");
	INT_EQ(l->signed_as_of.month, 7, "seed: as_of month");
	INT_EQ(l->signed_as_of.day, 9, "seed: as_of day");
	n = 0;
	for (s = l->groups; s; s = s->next)
		n++;
	INT_EQ(n, 20, "seed: 20 groups");
	s = l->groups;
	STR_EQ(s->name.src,
	       "Centro para la Apertura y el Desarrollo de América Latina (CADAL)",
	       "seed: first group");
	INT_EQ(s->pos.line, 47, "seed: first group line");
	INT_EQ(s->pos.column, 7, "seed: first group column");
	OK(s->affiliation.src == NULL, "seed: groups have no affiliation");
	while (s && s->next)
		s = s->next;
	STR_EQ(s ? s->name.src : NULL, "Unification Academy", "seed: last group");
	n = 0;
	for (s = l->individuals; s; s = s->next)
		n++;
	INT_EQ(n, 2, "seed: 2 individuals");
	s = l->individuals;
	if (n == 2) {
		STR_EQ(s->name.src, "Lord Alton of Liverpool", "seed: individual 1");
		STR_EQ(s->affiliation.src,
		       "Independent Crossbench Member of the House of Lords & Co-chair of the All Part Parliamentary Group on North Korea",
		       "seed: individual 1 affiliation (& kept as written)");
		INT_EQ(s->pos.line, 68, "seed: individual 1 line");
		INT_EQ(s->affiliation.pos.line, 69, "seed: affiliation line");
		INT_EQ(s->affiliation.pos.column, 20, "seed: affiliation column");
		STR_EQ(s->next->name.src, "Roberta Cohen", "seed: individual 2");
		STR_EQ(s->next->affiliation.src,
		       "Former Co-Chair of the Committee for Human Rights in North Korea",
		       "seed: individual 2 affiliation");
	}

	/* The seed's body has twelve paragraphs, one a line from 73 to 95
	 * with a blank line between each. */
	INT_EQ(count_blocks(l->body, MS_BLOCK_PARAGRAPH), 12, "seed: 12 paragraphs");
	n = 0;
	for (b = l->body; b; b = b->next)
		n++;
	INT_EQ(n, 12, "seed: nothing but paragraphs");
	b = l->body;
	INT_EQ(b->pos.line, 73, "seed: paragraph 1 line");
	INT_EQ(b->pos.column, 1, "seed: paragraph 1 column");
	OK(has_inline(b->inlines, MS_INLINE_SUP, "th"), "seed: paragraph 1 sup");
	b = nth_block(l->body, 1);
	INT_EQ(b->pos.line, 75, "seed: paragraph 2 line");
	OK(has_inline(b->inlines, MS_INLINE_UNDERLINE,
	              "Commission of Inquiry on human rights in the DPRK (COI DPRK)"),
	   "seed: paragraph 2 underline");
	OK(strstr(dump(b->inlines), "including \"extermination,") != NULL,
	   "seed: straight quotes kept");
	b = nth_block(l->body, 9);
	INT_EQ(b->pos.line, 91, "seed: paragraph 10 line");
	OK(has_inline(b->inlines, MS_INLINE_UNDERLINE, "78/218")
	   && has_inline(b->inlines, MS_INLINE_UNDERLINE, "79/181"),
	   "seed: paragraph 10 underlines");
	b = nth_block(l->body, 11);
	INT_EQ(b->pos.line, 95, "seed: last paragraph line");
	STR_EQ(dump(b->inlines), "Thank you.", "seed: last paragraph");
	STR_EQ(l->labels.subject, "Re:", "seed: default labels");
	ms_letter_free(l);
}

/* ------------------------------------------------------- every feature */

static void
test_features(void)
{
	recorder r = { .n = 0 };
	ms_diag_handler h = handler(&r);
	ms_letter *l = NULL;
	ms_status st = ms_reader_read_file(LETTERS "/good/features.md", &l, &h);
	const ms_recipient *rc;
	const ms_block *b;

	INT_EQ(st, MS_OK, "features: read");
	INT_EQ(r.n, 0, "features: no diagnostics");
	dump_diags(&r);
	recorder_reset(&r);
	if (!l)
		return;
	STR_EQ(l->id, "features", "features: id");
	STR_EQ(l->lang, "en-GB", "features: lang");
	STR_EQ(l->source_lang, "en-GB", "features: source_lang");
	OK(l->sample, "features: sample");
	STR_EQ(l->segmentation, "paragraph", "features: segmentation");
	INT_EQ(l->date.year * 10000 + l->date.month * 100 + l->date.day, 20240229,
	       "features: leap day");
	STR_EQ(l->author.src, "Amnesty & Friends", "features: author");
	STR_EQ(dump(l->author.inlines), "Amnesty & Friends", "features: author inlines");

	rc = l->recipients;
	STR_EQ(rc->name.src, "Ms <u>Kim</u>", "features: double-quoted name");
	STR_EQ(dump(rc->name.inlines), "Ms U(Kim)", "features: name inlines");
	INT_EQ(rc->name.pos.line, 9, "features: quoted value line");
	INT_EQ(rc->name.pos.column, 12, "features: quoted value starts after the quote");
	STR_EQ(dump(rc->title.inlines), "Minister of EM(Justice)",
	       "features: single-quoted title with emphasis");
	STR_EQ(rc->address->text.src, "1 Main Street", "features: address as one string");
	OK(!rc->address->next, "features: one address line");
	STR_EQ(dump(rc->address->text.inlines), "1 Main Street",
	       "features: '1 Main' is not a list");
	OK(rc->fax && rc->fax->next && !rc->fax->next->next, "features: two fax numbers");
	STR_EQ(rc->fax->next->text.src, "+82 2 000 0001", "features: second fax");
	INT_EQ(rc->fax->next->text.pos.line, 15, "features: second fax line");
	STR_EQ(l->cc->name.src, "Park Ji-hoon", "features: cc with a name only");

	STR_EQ(l->subject.src, "Re: the 80<sup>th</sup> session\n",
	       "features: folded subject");
	STR_EQ(dump(l->subject.inlines), "Re: the 80SUP(th) session",
	       "features: folded subject inlines");
	INT_EQ(l->subject.pos.line, 20, "features: block scalar starts on its next line");
	INT_EQ(l->subject.pos.column, 3, "features: block scalar column");
	STR_EQ(l->salutation.src, "Dear\nMinister,\n", "features: literal salutation");
	STR_EQ(dump(l->salutation.inlines), "Dear{sb}Minister,",
	       "features: literal salutation keeps the line break");

	INT_EQ(l->signed_as_of.month, 3, "features: as_of");
	STR_EQ(l->groups->name.src, "Group One", "features: group as a string");
	STR_EQ(l->groups->next->name.src, "Group Two", "features: group as a mapping");
	STR_EQ(l->individuals->affiliation.src, "Professor of Law",
	       "features: affiliation");
	STR_EQ(l->individuals->next->name.src, "John Doe",
	       "features: individual as a string");
	OK(l->individuals->next->affiliation.src == NULL,
	   "features: no affiliation for a bare name");

	b = l->body;
	INT_EQ(b->type, MS_BLOCK_HEADING, "features: heading");
	INT_EQ(b->level, 1, "features: heading level");
	INT_EQ(b->pos.line, 36, "features: heading line");
	STR_EQ(dump(b->inlines), "A heading", "features: heading text");
	b = b->next;
	INT_EQ(b->type, MS_BLOCK_PARAGRAPH, "features: paragraph");
	INT_EQ(b->pos.line, 38, "features: paragraph line");
	STR_EQ(dump(b->inlines),
	       "Text with EM(emphasis), ST(strength), CODE(code), a LINK<https://example.org|Home>(link)"
	       "{sb}and a hard break{br}then SUP(1), SUB(2), U(inserted), EM(it), ST(bold),"
	       "{sb}LINK<https://example.org/?a=1&b=2|T>(anchor), a{br}break,"
	       "{sb}HTML(<span>)keptHTML(</span>) and an unpaired HTML(</sup>) tag.",
	       "features: inline markup");
	b = b->next;
	INT_EQ(b->type, MS_BLOCK_LIST, "features: ordered list");
	OK(b->ordered && b->tight && b->start == 1, "features: ordered, tight, from 1");
	INT_EQ(b->pos.line, 44, "features: list line");
	INT_EQ(count_blocks(b->children, MS_BLOCK_ITEM), 2, "features: two items");
	STR_EQ(dump(b->children->next->children->inlines), "second",
	       "features: item paragraph");
	INT_EQ(b->children->next->pos.line, 45, "features: item line");
	b = b->next;
	INT_EQ(b->type, MS_BLOCK_LIST, "features: bullet list");
	OK(!b->ordered && !b->tight, "features: bullet list is loose");
	b = b->next;
	INT_EQ(b->type, MS_BLOCK_QUOTE, "features: block quote");
	STR_EQ(dump(b->children->inlines), "quoted EM(words)", "features: quote text");
	INT_EQ(b->children->pos.column, 3, "features: quoted paragraph column");
	b = b->next;
	INT_EQ(b->type, MS_BLOCK_BREAK, "features: thematic break");
	b = b->next;
	STR_EQ(dump(b->inlines), "Last paragraph \"with quotes\".",
	       "features: quotes not made smart");
	OK(b->next == NULL, "features: nothing more");
	ms_letter_free(l);
}

/* ------------------------------------------------------- the letter model */

static int
count_lines(const ms_line *l)
{
	int n = 0;
	for (; l; l = l->next)
		n++;
	return n;
}

static void
test_letter_model(void)
{
	recorder r = { .n = 0 };
	ms_diag_handler h = handler(&r);
	ms_letter *l = NULL;
	ms_status st = ms_reader_read_file(LETTERS "/good/letter-model.md", &l, &h);
	const ms_sender *s;
	const ms_recipient *rc;
	const ms_signer *g;
	const ms_block *b, *row, *cell;
	const ms_inline *in;

	INT_EQ(st, MS_OK, "model: read");
	INT_EQ(r.n, 0, "model: no diagnostics");
	dump_diags(&r);
	recorder_reset(&r);
	if (!l)
		return;

	s = l->sender;
	OK(s != NULL, "model: a letterhead");
	if (s) {
		STR_EQ(s->organisation.src, "Test Coalition for Human Rights",
		       "model: letterhead organisation");
		INT_EQ(s->organisation.pos.line, 7, "model: organisation line");
		INT_EQ(count_lines(s->address), 2, "model: two address lines");
		STR_EQ(s->address->next->text.src, "Seoul 00000", "model: address line 2");
		STR_EQ(s->phone->text.src, "+82 2 000 0000", "model: phone");
		STR_EQ(s->fax->text.src, "+82 2 000 0001", "model: fax from a list");
		STR_EQ(s->email->text.src, "office@example.org", "model: e-mail");
		STR_EQ(s->web->text.src, "https://example.org", "model: web");
		OK(s->logo != NULL, "model: a logo");
		if (s->logo) {
			STR_EQ(s->logo->path, "../images/logo.svg", "model: logo path as written");
			STR_EQ(s->logo->type, "image/svg+xml", "model: logo type");
			OK(s->logo->len > 100 && !memcmp(s->logo->data, "<?xml", 5),
			   "model: the logo's bytes");
			OK(s->logo->width > 226 && s->logo->width < 227
			   && s->logo->height > 75 && s->logo->height < 76,
			   "model: SVG size from width and height in mm (60 x 20 mm)");
			INT_EQ(s->logo->pos.line, 15, "model: logo line");
			INT_EQ(s->logo->pos.column, 9, "model: logo column");
		}
	}
	STR_EQ(l->place.src, "Seoul", "model: place");
	STR_EQ(l->our_ref.src, "TCHR/2025/014", "model: our ref");
	STR_EQ(l->your_ref.src, "MOFA-2025-1234", "model: your ref");

	rc = l->recipients;
	OK(rc && rc->next && !rc->next->next, "model: two recipients");
	if (rc && rc->next) {
		OK(rc->name.src == NULL, "model: 'role': no name");
		STR_EQ(rc->title.src, "Minister of Foreign Affairs",
		       "model: 'role' is the office's title");
		INT_EQ(rc->title.pos.line, 20, "model: role position");
		STR_EQ(rc->courtesy, "excellency", "model: courtesy");
		OK(rc->gender == NULL, "model: no gender");
		rc = rc->next;
		STR_EQ(rc->name.src, "Kim Min-seok", "model: named recipient");
		STR_EQ(rc->gender, "masculine", "model: gender");
	}
	rc = l->cc;
	OK(rc && rc->name.src == NULL && rc->title.src
	   && !strcmp(rc->title.src, "Unification Minister"),
	   "model: a name-less copy with a title is an office");
	STR_EQ(rc ? rc->gender : NULL, "feminine", "model: feminine");

	g = l->signers;
	OK(g && g->next && !g->next->next, "model: two signers");
	if (g && g->next) {
		STR_EQ(g->name.src, "Jane Doe", "model: signer name");
		STR_EQ(g->title.src, "Director", "model: signer title");
		STR_EQ(g->organisation.src, "Test Coalition", "model: signer organisation");
		OK(g->signature && !strcmp(g->signature->type, "image/png")
		   && g->signature->width == 90 && g->signature->height == 30,
		   "model: a PNG signature, 90 x 30 pixels");
		STR_EQ(g->next->name.src, "John Roe", "model: a signer as a bare name");
		OK(g->next->signature == NULL, "model: no signature image");
	}
	OK(l->signatories_annex, "model: annex: true");
	INT_EQ(count_lines(l->enclosures), 2, "model: two enclosures");
	STR_EQ(l->enclosures->text.src, "Report A/HRC/25/63", "model: enclosure 1");

	/* the body: footnote references, strikethrough, autolinks */
	b = l->body;
	STR_EQ(dump(b->inlines),
	       "Body with a note{fn1} and a DEL(struck) word, "
	       "LINK<http://www.example.org|>(www.example.org) and "
	       "LINK<https://example.org/a|>(https://example.org/a).",
	       "model: GFM inlines");
	b = b->next;
	INT_EQ(b ? (int)b->type : -1, MS_BLOCK_TABLE, "model: a table");
	if (b && b->type == MS_BLOCK_TABLE) {
		INT_EQ(b->columns, 2, "model: two columns");
		INT_EQ(b->pos.line, 49, "model: table line");
		row = b->children;
		OK(row && row->type == MS_BLOCK_ROW && row->header, "model: header row");
		cell = row ? row->children : NULL;
		OK(cell && cell->type == MS_BLOCK_CELL && cell->align == 'l'
		   && !strcmp(dump(cell->inlines), "Resolution"),
		   "model: header cell 1, left");
		OK(cell && cell->next && cell->next->align == 'r'
		   && !cell->next->next, "model: header cell 2, right");
		row = row ? row->next : NULL;
		OK(row && !row->header && row->pos.line == 51, "model: body row");
		row = row ? row->next : NULL;
		cell = row ? row->children : NULL;
		OK(cell && cell->next && cell->next->inlines == NULL
		   && cell->next->align == 'r' && !cell->next->next,
		   "model: a short row is given an empty cell");
		OK(row && !row->next, "model: three rows");
	}
	b = b ? b->next : NULL;
	STR_EQ(b ? dump(b->inlines) : "", "Again the note{fn1}, then another{fn2}.",
	       "model: references share the number of their definition");
	OK(b && !b->next, "model: definitions are not body blocks");
	b = l->footnotes;
	OK(b && b->type == MS_BLOCK_FOOTNOTE && b->number == 1, "model: footnote 1");
	if (b) {
		STR_EQ(dump(b->children->inlines),
		       "The EM(note), with a second sentence. And more.",
		       "model: footnote 1 is [^n], the first referenced");
		INT_EQ(b->pos.line, 57, "model: footnote 1 line");
		OK(b->next && b->next->number == 2 && !b->next->next,
		   "model: footnote 2");
		OK(ms_letter_footnote(l, 2) == b->next, "model: footnote by number");
		OK(ms_letter_footnote(l, 3) == NULL, "model: no footnote 3");
	}
	in = l->body->inlines;
	while (in && in->type != MS_INLINE_FOOTNOTE)
		in = in->next;
	INT_EQ(in ? in->number : 0, 1, "model: reference number");

	STR_EQ(ms_letter_label(l, MS_LABEL_OUR_REF), "Our ref.:", "model: new labels");
	STR_EQ(ms_letter_label(l, MS_LABEL_COUNT), "", "model: label out of range");
	STR_EQ(ms_letter_label(NULL, MS_LABEL_WEB), "", "model: label of no letter");

	/* a deep copy keeps everything */
	{
		ms_letter *c = ms_letter_clone(l);
		OK(c->sender && c->sender->logo && c->sender->logo != l->sender->logo
		   && c->sender->logo->len == l->sender->logo->len
		   && !memcmp(c->sender->logo->data, l->sender->logo->data,
		              l->sender->logo->len),
		   "clone: the logo's bytes copied");
		OK(c->signers && c->signers->signature
		   && c->signers->signature != l->signers->signature,
		   "clone: signers and signatures");
		OK(c->footnotes && c->footnotes->number == 1
		   && c->footnotes->next->number == 2, "clone: footnotes");
		OK(c->body->next->columns == 2 && c->body->next->children->header,
		   "clone: table");
		OK(c->recipients->courtesy && c->recipients->courtesy
		   != l->recipients->courtesy, "clone: courtesy copied");
		STR_EQ(c->place.src, "Seoul", "clone: place");
		OK(c->signatories_annex, "clone: annex");
		STR_EQ(ms_letter_label(c, MS_LABEL_NOTES), "Notes", "clone: labels");
		ms_letter_free(c);
	}
	ms_letter_free(l);
}

/* ------------------------------------------------------- the samples */

/* The corpus's sample letters use the model: offices addressed without
 * a name, a table, footnotes, enclosures. */
static void
test_samples(void)
{
	recorder r = { .n = 0 };
	ms_diag_handler h = handler(&r);
	ms_letter *l = NULL;
	const ms_block *b;
	int tables = 0, refs = 0;

	INT_EQ(ms_reader_read_file(TOP_SRCDIR "/corpus/sample-002-abductees-detainees-pows.md",
	                           &l, &h), MS_OK, "sample-002: read");
	INT_EQ(r.n, 0, "sample-002: no diagnostics");
	dump_diags(&r);
	recorder_reset(&r);
	if (!l)
		return;
	OK(l->recipients && !l->recipients->name.src
	   && !strcmp(l->recipients->title.src, "Unification Minister")
	   && !strcmp(l->recipients->courtesy, "excellency"),
	   "sample-002: addressed to an office, not to 'The Minister'");
	OK(l->cc && !l->cc->name.src, "sample-002: copied to an office");
	for (b = l->body; b; b = b->next) {
		tables += b->type == MS_BLOCK_TABLE;
		if (b->type == MS_BLOCK_PARAGRAPH)
			for (const ms_inline *in = b->inlines; in; in = in->next)
				refs += in->type == MS_INLINE_FOOTNOTE;
	}
	INT_EQ(tables, 1, "sample-002: a table");
	INT_EQ(refs, 2, "sample-002: two footnote references");
	OK(l->footnotes && l->footnotes->next && !l->footnotes->next->next,
	   "sample-002: two footnotes");
	ms_letter_free(l);

	l = NULL;
	h = handler(&r);
	INT_EQ(ms_reader_read_file(TOP_SRCDIR "/corpus/sample-001-forced-repatriation.md",
	                           &l, &h), MS_OK, "sample-001: read");
	OK(l && l->enclosures && !l->enclosures->next, "sample-001: one enclosure");
	OK(l && l->recipients && !l->recipients->name.src, "sample-001: an office");
	dump_diags(&r);
	recorder_reset(&r);
	ms_letter_free(l);
}

/* ------------------------------------------------------- a project */

static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[1024];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

#define PROJECT_LETTER(extra) "---\ndate: 2025-01-02\nrecipients:\n  - name: A\n" \
	"subject: S\nsalutation: Dear A,\nclosing: Regards,\n" extra "---\nBody.\n"

/* The project's letterhead (missive.yaml) and what a letter does with
 * it; the signatory-annex threshold. */
static void
test_project(void)
{
	char dir[] = TOP_BUILDDIR "/tests/reader-tmp.XXXXXX";
	char path[1024], cmd[2048];
	recorder r = { .n = 0 };
	ms_diag_handler h;
	ms_config *c = NULL;
	ms_letter *l = NULL;
	ms_status st;

	if (!OK(mkdtemp(dir) != NULL, "project: a temporary folder"))
		return;
	snprintf(cmd, sizeof cmd, "mkdir -p '%s/corpus' '%s/art' && cp '%s/images/logo.png' '%s/art/'",
	         dir, dir, LETTERS, dir);
	OK(system(cmd) == 0, "project: the logo copied");
	write_file(dir, "missive.yaml",
	           "source: en\n"
	           "signatory-annex: 1\n"
	           "letterhead:\n"
	           "  organisation: Project Org\n"
	           "  address: [1 Project Road, Seoul]\n"
	           "  email: office@example.org\n"
	           "  logo: art/logo.png\n");
	write_file(dir, "corpus/plain.md", PROJECT_LETTER(
	           "signatories:\n  groups: [G1, G2]\n"));
	write_file(dir, "corpus/own.md", PROJECT_LETTER(
	           "letterhead:\n  organisation: Own Org\n  web: www.example.org\n"
	           "signatories:\n  annex: false\n  groups: [G1, G2]\n"));
	write_file(dir, "corpus/none.md", PROJECT_LETTER("letterhead: false\n"));

	snprintf(path, sizeof path, "%s/missive.yaml", dir);
	h = handler(&r);
	st = ms_config_load(path, &c, &h);
	INT_EQ(st, MS_OK, "project: missive.yaml with a letterhead loads");
	dump_diags(&r);
	recorder_reset(&r);
	if (!c) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		(void)system(cmd);
		return;
	}
	OK(c->letterhead && c->letterhead->logo
	   && !strcmp(c->letterhead->logo->type, "image/png"),
	   "project: the logo read relative to missive.yaml");
	INT_EQ(c->signatory_annex, 1, "project: signatory-annex");

	snprintf(path, sizeof path, "%s/corpus/plain.md", dir);
	h = handler(&r);
	st = ms_reader_read_letter(path, c, &l, &h);
	INT_EQ(st, MS_OK, "project: a letter without a letterhead");
	OK(l && l->sender && !strcmp(l->sender->organisation.src, "Project Org")
	   && l->sender->logo && l->sender->logo != c->letterhead->logo,
	   "project: it gets the project's letterhead (a copy)");
	OK(l && l->signatories_annex, "project: two names, over a threshold of 1: an annex");
	ms_letter_free(l);
	l = NULL;
	st = ms_reader_read_file(path, &l, &h);
	OK(st == MS_OK && l && !l->sender && !l->signatories_annex,
	   "project: read without the project, no letterhead and no annex");
	ms_letter_free(l);

	snprintf(path, sizeof path, "%s/corpus/own.md", dir);
	l = NULL;
	st = ms_reader_read_letter(path, c, &l, &h);
	INT_EQ(st, MS_OK, "project: a letter with its own letterhead");
	if (l && l->sender) {
		STR_EQ(l->sender->organisation.src, "Own Org", "project: the letter's organisation wins");
		STR_EQ(l->sender->web ? l->sender->web->text.src : NULL,
		       "www.example.org", "project: the letter's own web address");
		STR_EQ(l->sender->address ? l->sender->address->text.src : NULL,
		       "1 Project Road", "project: the project's address fills in");
		OK(l->sender->logo != NULL, "project: the project's logo fills in");
		OK(!l->signatories_annex, "project: annex: false wins over the threshold");
	}
	ms_letter_free(l);

	snprintf(path, sizeof path, "%s/corpus/none.md", dir);
	l = NULL;
	st = ms_reader_read_letter(path, c, &l, &h);
	OK(st == MS_OK && l && !l->sender, "project: letterhead: false, none");
	ms_letter_free(l);
	INT_EQ(r.n, 0, "project: no diagnostics");
	dump_diags(&r);
	recorder_reset(&r);
	ms_config_free(c);

	/* Bad values in missive.yaml's letterhead are located there. */
	write_file(dir, "missive.yaml",
	           "source: en\n"
	           "letterhead:\n"
	           "  phone: ring us\n"
	           "  logo: art/missing.png\n"
	           "signatory-annex: many\n");
	snprintf(path, sizeof path, "%s/missive.yaml", dir);
	h = handler(&r);
	c = NULL;
	st = ms_config_load(path, &c, &h);
	INT_EQ(st, MS_ERR_INVALID, "project: a bad letterhead is refused");
	OK(c == NULL, "project: no configuration");
	INT_EQ(r.n, 3, "project: three errors");
	if (r.n == 3) {
		OK(r.v[0].line == 3 && r.v[0].col == 10
		   && strstr(r.v[0].msg, "'phone' must be a telephone number"),
		   "project: the phone number at 3:10");
		OK(r.v[1].line == 4 && r.v[1].col == 9
		   && strstr(r.v[1].msg, "logo 'art/missing.png': cannot open"),
		   "project: the logo at 4:9");
		OK(r.v[2].line == 5 && strstr(r.v[2].msg, "'signatory-annex' must be a whole number"),
		   "project: the threshold at line 5");
		STR_EQ(r.v[0].file, path, "project: errors name missive.yaml");
	}
	dump_diags(&r);
	recorder_reset(&r);
	ms_config_free(c);

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	OK(system(cmd) == 0, "project: cleaned up");
}

/* ------------------------------------------------------- expect.txt */

/* Put in *OUT before a read that fails, to see that the reader clears it. */
static ms_letter not_a_letter;

static ms_status
status_named(const char *s)
{
	static const struct {
		const char *name;
		ms_status st;
	} t[] = {
		{ "OK", MS_OK }, { "IO", MS_ERR_IO }, { "PARSE", MS_ERR_PARSE },
		{ "INVALID", MS_ERR_INVALID }, { "ENCODING", MS_ERR_ENCODING },
		{ "NOT_FOUND", MS_ERR_NOT_FOUND },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(s, t[i].name) == 0)
			return t[i].st;
	return (ms_status)-1;
}

static void
test_expectations(void)
{
	FILE *f = fopen(LETTERS "/expect.txt", "r");
	char line[1024];
	int cases = 0;
	recorder r = { .n = 0 };

	OK(f != NULL, "expect.txt opens");
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		char file[256], status[32], sev[32], path[512];
		unsigned ln, col;
		size_t count;
		int used = 0;
		const char *msg;
		ms_letter *l = &not_a_letter;   /* must be reset */
		ms_diag_handler h = handler(&r);
		ms_status st;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, "%255s %31s %31s %u %u %zu %n", file, status, sev,
		           &ln, &col, &count, &used) != 6 || used == 0) {
			OK(0, "expect.txt line parses: %s", line);
			continue;
		}
		msg = line + used;
		snprintf(path, sizeof path, "%s/%s", LETTERS, file);
		st = ms_reader_read_file(path, &l, &h);
		cases++;
		INT_EQ(st, status_named(status), "%s: status %s", file, status);
		if (st == MS_OK) {
			OK(l != NULL, "%s: a letter", file);
		} else {
			OK(l == NULL, "%s: no letter on error", file);
		}
		ms_letter_free(st == MS_OK ? l : NULL);
		INT_EQ(r.n, count, "%s: %zu diagnostics", file, count);
		INT_EQ(h.errors, strcmp(sev, "error") == 0 ? count : 0,
		       "%s: error count", file);
		if (count == 0 || r.n == 0) {
			dump_diags(&r);
			recorder_reset(&r);
			continue;
		}
		INT_EQ(r.v[0].sev, strcmp(sev, "error") == 0 ? MS_ERROR : MS_WARNING,
		       "%s: severity %s", file, sev);
		INT_EQ(r.v[0].line, ln, "%s: line %u", file, ln);
		INT_EQ(r.v[0].col, col, "%s: column %u", file, col);
		STR_EQ(r.v[0].file, path, "%s: file named", file);
		if (!OK(strstr(r.v[0].msg, msg) != NULL, "%s: message has \"%s\"",
		        file, msg))
			dump_diags(&r);
		recorder_reset(&r);
	}
	fclose(f);
	OK(cases >= 25, "expect.txt has %d cases", cases);
}

/* ------------------------------------------------------- in memory */

#define HEAD "---\ndate: 2025-01-02\nrecipients:\n  - name: A\n" \
	"subject: S\nsalutation: Dear A,\nclosing: Regards,\n---\n"

/* Read DATA (LEN bytes) as NAME; expect status WANT and, when LINE is
 * not 0, a first diagnostic at LINE:COL whose message holds MSG. */
static void
mem_case(const char *what, const char *name, const char *data, size_t len,
         ms_status want, unsigned line, unsigned col, const char *msg)
{
	recorder r = { .n = 0 };
	ms_diag_handler h = handler(&r);
	ms_letter *l = NULL;
	ms_status st = ms_reader_read_mem(name, data, len, &l, &h);
	INT_EQ(st, want, "%s: status", what);
	OK((st == MS_OK) == (l != NULL), "%s: letter only on success", what);
	if (line) {
		OK(r.n >= 1, "%s: diagnosed", what);
		if (r.n >= 1) {
			INT_EQ(r.v[0].line, line, "%s: line", what);
			if (col)
				INT_EQ(r.v[0].col, col, "%s: column", what);
			if (!OK(strstr(r.v[0].msg, msg) != NULL, "%s: message has \"%s\"",
			        what, msg))
				dump_diags(&r);
		}
	}
	recorder_reset(&r);
	ms_letter_free(l);
}

/* A string where a recipient mapping belongs, and a list inside an
 * address. */
#define ENTRIES "---\ndate: 2025-01-02\nrecipients:\n  - just a name\n" \
	"  - name: B\n    address:\n      - [x]\nsubject: S\n" \
	"salutation: Dear A,\nclosing: Regards,\n---\nx\n"

static void
test_memory(void)
{
	static const char nul[] = HEAD "Body with a \0 byte.\n";
	static const char bad8[] = HEAD "Caf\xC3 au lait.\n";
	static const char bad8_fm[] = "---\ndate: 2025-01-02\nsubject: \xE2\x82\n---\nx\n";
	static const char overlong[] = HEAD "\xC0\xAF\n";
	recorder r = { .n = 0 };
	ms_diag_handler h;
	ms_letter *l;
	ms_status st;
	ms_buf b = MS_BUF_INIT;

	mem_case("NUL byte", "nul.md", nul, sizeof nul - 1, MS_ERR_ENCODING,
	         9, 13, "invalid UTF-8");
	mem_case("NUL byte offset", "nul.md", nul, sizeof nul - 1, MS_ERR_ENCODING,
	         9, 13, "byte offset 110");
	mem_case("truncated sequence", "bad8.md", bad8, sizeof bad8 - 1,
	         MS_ERR_ENCODING, 9, 4, "invalid UTF-8 at byte offset 101");
	mem_case("bad UTF-8 in front matter", "bad8.md", bad8_fm, sizeof bad8_fm - 1,
	         MS_ERR_ENCODING, 3, 10, "invalid UTF-8");
	mem_case("overlong", "o.md", overlong, sizeof overlong - 1,
	         MS_ERR_ENCODING, 9, 1, "invalid UTF-8");
	mem_case("invalid id", "corpus/bad id.md", HEAD "x\n", strlen(HEAD "x\n"),
	         MS_ERR_INVALID, 1, 1, "'bad id' is not a valid letter id");
	mem_case("id starting with a dot", ".hidden.md", HEAD "x\n",
	         strlen(HEAD "x\n"), MS_ERR_INVALID, 1, 1, "not a valid letter id");
	mem_case("empty file", "e.md", "", 0, MS_ERR_PARSE, 1, 1,
	         "must start with a '---' line");
	mem_case("only the opening line", "e.md", "---", 3, MS_ERR_PARSE, 1, 1,
	         "no closing '---' line");
	mem_case("body missing after the last line", "e.md",
	         HEAD, strlen(HEAD) - 1, MS_ERR_INVALID, 8, 1, "letter has no body");
	mem_case("body of link definitions only", "d.md",
	         HEAD "[a]: https://example.org\n",
	         strlen(HEAD "[a]: https://example.org\n"), MS_ERR_INVALID, 8, 1,
	         "letter has no body");
	mem_case("unterminated quote", "q.md",
	         "---\ndate: 2025-01-02\nsubject: \"open\n---\nx\n",
	         strlen("---\ndate: 2025-01-02\nsubject: \"open\n---\nx\n"),
	         MS_ERR_PARSE, 4, 1, "malformed YAML");
	mem_case("control character", "c.md",
	         "---\ndate: 2025-01-02\nsubject: a\x01z\n---\nx\n",
	         strlen("---\ndate: 2025-01-02\nsubject: a\x01z\n---\nx\n"),
	         MS_ERR_PARSE, 3, 11, "malformed YAML: control characters");
	mem_case("NUL escape", "z.md",
	         "---\ndate: 2025-01-02\nsubject: \"a\\0b\"\n---\nx\n",
	         strlen("---\ndate: 2025-01-02\nsubject: \"a\\0b\"\n---\nx\n"),
	         MS_ERR_INVALID, 3, 11, "must not contain a NUL");
	mem_case("complex key", "k.md",
	         "---\n? [a, b]\n: c\n---\nx\n", strlen("---\n? [a, b]\n: c\n---\nx\n"),
	         MS_ERR_INVALID, 2, 3,
	         "mapping keys must be plain words");
	mem_case("wide text before an error", "w.md",
	         "---\ndate: 2025-01-02\nsubject: 한국어: x\n---\nx\n",
	         strlen("---\ndate: 2025-01-02\nsubject: 한국어: x\n---\nx\n"),
	         MS_ERR_PARSE, 3, 13, "mapping values are not allowed");
	mem_case("body error column in characters", "w.md",
	         HEAD "한국어 ![x](y.png)\n",
	         strlen(HEAD "한국어 ![x](y.png)\n"), MS_ERR_INVALID, 9, 5,
	         "images are not supported");
	mem_case("image in a front-matter value", "i.md",
	         "---\ndate: 2025-01-02\nrecipients:\n  - name: A\nsubject: S ![x](y)\n"
	         "salutation: Dear A,\nclosing: Regards,\n---\nx\n",
	         strlen("---\ndate: 2025-01-02\nrecipients:\n  - name: A\nsubject: S ![x](y)\n"
	                "salutation: Dear A,\nclosing: Regards,\n---\nx\n"),
	         MS_ERR_INVALID, 5, 10, "images are not supported");
	mem_case("recipient that is a string", "e.md", ENTRIES, strlen(ENTRIES),
	         MS_ERR_INVALID, 4, 5,
	         "each entry of 'recipients' must be a mapping with a 'name', not a single value");
	mem_case("unclosed quote position", "q.md",
	         "---\ndate: 2025-01-02\nsubject: \"open\n---\nx\n",
	         strlen("---\ndate: 2025-01-02\nsubject: \"open\n---\nx\n"),
	         MS_ERR_PARSE, 4, 1, "(while scanning a quoted scalar at 3:10)");
	mem_case("front matter that is a string", "s.md",
	         "---\njust words\n---\nx\n", strlen("---\njust words\n---\nx\n"),
	         MS_ERR_INVALID, 2, 1,
	         "must be a mapping, not a single value");

	/* Several problems are all reported; the first decides the status. */
	h = handler(&r);
	l = NULL;
	st = ms_reader_read_mem("many.md",
	        "---\ndate: 2025-04-31\nrecipients: x\nsubject: S\n---\n```\ncode\n```\n",
	        strlen("---\ndate: 2025-04-31\nrecipients: x\nsubject: S\n---\n```\ncode\n```\n"),
	        &l, &h);
	INT_EQ(st, MS_ERR_INVALID, "many problems: status");
	INT_EQ(h.errors, 5, "many problems: five errors");
	if (!OK(r.n == 5 && r.v[0].line == 2 && r.v[4].line == 6,
	        "many problems: front matter first, body last"))
		dump_diags(&r);
	recorder_reset(&r);

	h = handler(&r);
	l = NULL;
	st = ms_reader_read_mem("e.md", ENTRIES, strlen(ENTRIES), &l, &h);
	OK(st == MS_ERR_INVALID && r.n == 2 && r.v[1].line == 7 && r.v[1].col == 9
	   && strstr(r.v[1].msg, "each entry of 'address' must be a single value"),
	   "address entry that is a list: second error at 7:9");
	recorder_reset(&r);

	/* CRLF line endings and a byte order mark are read as usual. */
	for (const char *p = "\xEF\xBB\xBF" HEAD "First line\nsecond.\n\nNext.\n"; *p; p++) {
		if (*p == '\n')
			ms_buf_putc(&b, '\r');
		ms_buf_putc(&b, *p);
	}
	h = handler(&r);
	l = NULL;
	st = ms_reader_read_mem("crlf.md", b.ptr, b.len, &l, &h);
	INT_EQ(st, MS_OK, "CRLF and BOM: read");
	dump_diags(&r);
	recorder_reset(&r);
	if (l) {
		STR_EQ(l->closing.src, "Regards,", "CRLF: value without CR");
		INT_EQ(l->closing.pos.line, 7, "CRLF: value line");
		INT_EQ(l->body->pos.line, 9, "CRLF: body line");
		STR_EQ(dump(l->body->inlines), "First line{sb}second.",
		       "CRLF: paragraph");
		INT_EQ(l->body->next->pos.line, 12, "CRLF: second paragraph line");
		STR_EQ(l->lang, "en", "default lang");
	}
	ms_letter_free(l);
	ms_buf_release(&b);

	/* Deep nesting is refused, not a crash. */
	for (int i = 0; i < 5000; i++)
		ms_buf_putc(&b, '>');
	ms_buf_puts(&b, " deep\n");
	{
		ms_buf d = MS_BUF_INIT;
		ms_buf_puts(&d, HEAD);
		ms_buf_put(&d, b.ptr, b.len);
		mem_case("deep block quotes", "deep.md", d.ptr, d.len,
		         MS_ERR_INVALID, 9, 0, "nested too deeply");
		ms_buf_reset(&d);
		ms_buf_puts(&d, "---\ndate: ");
		for (int i = 0; i < 5000; i++)
			ms_buf_putc(&d, '[');
		ms_buf_puts(&d, "\n---\nx\n");
		h = handler(&r);
		l = NULL;
		st = ms_reader_read_mem("deep.md", d.ptr, d.len, &l, &h);
		OK(st == MS_ERR_INVALID || st == MS_ERR_PARSE,
		   "deep YAML: refused");
		OK(l == NULL && r.n >= 1, "deep YAML: diagnosed");
		recorder_reset(&r);
		ms_buf_release(&d);
	}
	ms_buf_release(&b);

	/* Files that cannot be read. */
	h = handler(&r);
	l = &not_a_letter;
	st = ms_reader_read_file(LETTERS "/no-such-letter.md", &l, &h);
	INT_EQ(st, MS_ERR_NOT_FOUND, "missing file: status from ms_read_file");
	OK(l == NULL, "missing file: *out cleared");
	INT_EQ(h.errors, 1, "missing file: one error");
	recorder_reset(&r);
	h = handler(&r);
	st = ms_reader_read_file(LETTERS, &l, &h);
	INT_EQ(st, MS_ERR_IO, "a folder: I/O error");
	INT_EQ(h.errors, 1, "a folder: one error");
	recorder_reset(&r);
	INT_EQ(ms_reader_read_mem("x.md", "", 0, NULL, NULL), MS_ERR_USAGE,
	       "no out pointer: usage error");
	INT_EQ(ms_reader_read_mem(NULL, "", 0, &l, NULL), MS_ERR_USAGE,
	       "no name: usage error");
	INT_EQ(ms_reader_read_mem("x.md", HEAD "x\n", strlen(HEAD "x\n"), &l, NULL),
	       MS_OK, "no handler: still reads");
	ms_letter_free(l);
}

/* ------------------------------------------------------- parse_inline */

static void
test_parse_inline(void)
{
	ms_inline *none = ms_reader_parse_inline("", 0);
	OK(none == NULL, "inline: empty gives nothing");
	OK(ms_reader_parse_inline(NULL, 4) == NULL, "inline: NULL gives nothing");
	STR_EQ(inl("   "), "", "inline: blanks give nothing");

	/* Things that look like blocks stay literal. */
	STR_EQ(inl("1. First"), "1. First", "inline: ordered list marker");
	STR_EQ(inl("1) First"), "1) First", "inline: ordered list marker with )");
	STR_EQ(inl("# Title"), "# Title", "inline: heading marker");
	STR_EQ(inl("- item"), "- item", "inline: bullet");
	STR_EQ(inl("+ item"), "+ item", "inline: plus bullet");
	STR_EQ(inl("* item"), "* item", "inline: star bullet");
	STR_EQ(inl("> quote"), "> quote", "inline: block quote");
	STR_EQ(inl("---"), "---", "inline: thematic break");
	STR_EQ(inl("***"), "***", "inline: star thematic break");
	STR_EQ(inl("_ _ _"), "_ _ _", "inline: spaced thematic break");
	STR_EQ(inl("    indented"), "indented", "inline: no code block");
	STR_EQ(inl("```"), "```", "inline: fence");
	STR_EQ(inl("~~~ x"), "~~~ x", "inline: tilde fence");
	STR_EQ(inl("[a]: /url"), "[a]: /url", "inline: no link definition");
	STR_EQ(inl("<div>"), "HTML(<div>)", "inline: no HTML block");
	STR_EQ(inl("<u>"), "HTML(<u>)", "inline: lone tag stays inline");
	STR_EQ(inl("a\n# b\n- c\n> d\n==="), "a{sb}# b{sb}- c{sb}> d{sb}===",
	       "inline: block markers on later lines");
	STR_EQ(inl("a\n\nb"), "a{br}b", "inline: paragraphs joined by a break");
	STR_EQ(inl("a\r\nb"), "a{sb}b", "inline: CRLF");

	/* Inline markup survives the guards. */
	STR_EQ(inl("*a* and _b_"), "EM(a) and EM(b)", "inline: emphasis");
	STR_EQ(inl("x\n_b_ y"), "x{sb}EM(b) y", "inline: _ emphasis at a line start");
	STR_EQ(inl("**1.** First"), "ST(1.) First", "inline: strong number");
	STR_EQ(inl("1. *First*"), "1. EM(First)", "inline: guarded line keeps emphasis");
	STR_EQ(inl("`a\n- b`"), "CODE(a - b)", "inline: code span across lines");
	STR_EQ(inl("[x](http://e.org) y"), "LINK<http://e.org|>(x) y",
	       "inline: link at the start");
	STR_EQ(inl("80<sup>th</sup>"), "80SUP(th)", "inline: sup");
	STR_EQ(inl("H<sub>2</sub>O"), "HSUB(2)O", "inline: sub");
	STR_EQ(inl("<SUP>th</SUP>"), "SUP(th)", "inline: tag names in capitals");
	STR_EQ(inl("<sup><sup>x</sup></sup>"), "SUP(SUP(x))", "inline: nested sups");
	STR_EQ(inl("<b><i>x</b></i>"), "ST(HTML(<i>)x)HTML(</i>)",
	       "inline: crossing tags");
	STR_EQ(inl("<u>open"), "HTML(<u>)open", "inline: unclosed tag");
	STR_EQ(inl("close</u>"), "closeHTML(</u>)", "inline: unopened tag");
	STR_EQ(inl("<strong>s</strong><em>e</em>"), "ST(s)EM(e)",
	       "inline: strong and em tags");
	STR_EQ(inl("<a href='x?a=1&amp;b=&#50;&#x33;'>y</a>"),
	       "LINK<x?a=1&b=23|>(y)", "inline: anchor with entities");
	STR_EQ(inl("<a name=\"n\">y</a>"), "HTML(<a name=\"n\">)yHTML(</a>)",
	       "inline: anchor without href stays HTML");
	STR_EQ(inl("a<br/>b<br>c"), "a{br}b{br}c", "inline: br");
	STR_EQ(inl("<!-- note -->x"), "HTML(<!-- note -->)x", "inline: comment");
	STR_EQ(inl("a  \nb"), "a{br}b", "inline: hard break");
	STR_EQ(inl("<https://e.org>"), "LINK<https://e.org|>(https://e.org)",
	       "inline: autolink");
	/* A link never holds a link (HTML forbids nested <a>, Markdown
	 * nested links, Word nested hyperlinks): the inner one keeps
	 * only its text.  Found by fuzz-writers: an autolink inside an
	 * HTML <a> made the HTML writer nest anchors. */
	STR_EQ(inl("<a href=\"https://b.org\">see https://e.org/x now</a>"),
	       "LINK<https://b.org|>(see https://e.org/x now)",
	       "inline: autolink inside an HTML link is text");
	STR_EQ(inl("[x <a href=\"https://e.org\">y</a> z](https://b.org)"),
	       "LINK<https://b.org|>(x y z)",
	       "inline: HTML link inside a Markdown link is text");
	STR_EQ(inl("<a href=\"https://b.org\">x [y](https://e.org) z</a>"),
	       "LINK<https://b.org|>(x y z)",
	       "inline: Markdown link inside an HTML link is text");
	STR_EQ(inl("<a href=\"https://b.org\">*x <a href=\"https://e.org\">y</a>*</a>"),
	       "LINK<https://b.org|>(EM(x y))",
	       "inline: a link two levels down is text too");
	STR_EQ(inl("Tom &amp; Jerry's \"quote\""), "Tom & Jerry's \"quote\"",
	       "inline: entities decoded, quotes kept");
	STR_EQ(inl("a\fb"), "a b", "inline: a form feed becomes a space");
	STR_EQ(inl("see ![alt](i.png)"), "see alt", "inline: image keeps its text");
	STR_EQ(inl("a \\*b\\*"), "a *b*", "inline: escapes");
	{
		/* Deep nesting degrades to text, no crash. */
		ms_buf b = MS_BUF_INIT;
		ms_inline *list;
		for (int i = 0; i < 3000; i++)
			ms_buf_puts(&b, "<sup>");
		ms_buf_puts(&b, "x");
		for (int i = 0; i < 3000; i++)
			ms_buf_puts(&b, "</sup>");
		list = ms_reader_parse_inline(b.ptr, b.len);
		OK(list && list->type == MS_INLINE_SUP, "inline: deep sups");
		ms_inline_free(list);
		ms_buf_reset(&b);
		for (int i = 0; i < 3000; i++)
			ms_buf_puts(&b, "*a ");
		list = ms_reader_parse_inline(b.ptr, b.len);
		OK(list != NULL, "inline: many stars");
		ms_inline_free(list);
		ms_buf_release(&b);
	}
	/* Only LEN bytes are read. */
	{
		ms_inline *list = ms_reader_parse_inline("abc*d*", 3);
		STR_EQ(dump(list), "abc", "inline: length respected");
		ms_inline_free(list);
	}
}

/* Decomposed (NFD) and precomposed (NFC) spellings of one sentence
 * give one text: the reader normalises to NFC (issue 18, item 21). */
static void
test_nfc(void)
{
	static const char nfd[] =
		"---\ndate: 2025-01-01\nsubject: Asunto\nsalutation: Se\xC3\xB1or Garci\xCC\x81\x61,\nclosing: Atentamente,\n"
		"recipients:\n  - name: Jose\xCC\x81\n---\n"
		"La desaparicio\xCC\x81n forzada y \xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB\xE1\x84\x80\xE1\x85\xAE\xE1\x86\xA8.\n";
	recorder r = { .n = 0 };
	ms_diag_handler h = handler(&r);
	ms_letter *l = NULL;
	ms_buf plain = MS_BUF_INIT;
	ms_status st = ms_reader_read_mem("nfd.md", nfd, strlen(nfd), &l, &h);
	INT_EQ(st, MS_OK, "a letter written in NFD reads");
	if (st != MS_OK) {
		dump_diags(&r);
		recorder_reset(&r);
		return;
	}
	STR_EQ(l->salutation.src, "Se\xC3\xB1or Garc\xC3\xAD" "a,",
	       "front matter values are NFC");
	STR_EQ(l->recipients->name.src, "Jos\xC3\xA9", "recipient names are NFC");
	ms_inline_plain(l->body->inlines, &plain);
	STR_EQ(plain.ptr, "La desaparici\xC3\xB3n forzada y \xED\x95\x9C\xEA\xB5\xAD.",
	       "body text is NFC, Hangul jamo composed into syllables");
	ms_buf_release(&plain);
	ms_letter_free(l);
	recorder_reset(&r);
}

int
main(void)
{
	test_nfc();
	test_seed();
	test_features();
	test_letter_model();
	test_samples();
	test_project();
	test_expectations();
	test_memory();
	test_parse_inline();
	return done_testing();
}

/* test-layout.c — address, date and signature lines from the language
 * profiles' patterns (core/layout.c): the pattern language, its checks
 * with located errors, and the lines English, Spanish and Korean give
 * for a named addressee, an office addressed without a name, copies and
 * signers. */
#include <config.h>

#include "layout.h"
#include "profile.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N(x) (1u << MS_FIELD_##x)

/* A line as text: fields as {name}, literal text as is. */
static const char *
show(const ms_piece *pc, size_t n)
{
	static char out[4][256];
	static int slot;
	char *o = out[slot++ % 4];
	size_t at = 0;
	o[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (pc[i].field == MS_FIELD_TEXT)
			at += (size_t)snprintf(o + at, 256 - at, "%.*s", (int)pc[i].len,
			                       pc[i].text);
		else
			at += (size_t)snprintf(o + at, 256 - at, "{%.*s}", (int)pc[i].len,
			                       pc[i].text);
		if (at >= 256)
			break;
	}
	return o;
}

static const char *
expand(const char *pattern, unsigned have)
{
	ms_piece pc[MS_LAYOUT_MAX_PIECES];
	size_t n = ms_layout_expand(pattern, have, pc, MS_LAYOUT_MAX_PIECES);
	return n ? show(pc, n) : "(nothing)";
}

static void
test_expand(void)
{
	unsigned all = N(NAME) | N(TITLE) | N(COURTESY);
	STR_EQ(expand("{name}", N(NAME)), "{name}", "a field");
	STR_EQ(expand("{name}", 0), "(nothing)", "a field without a value: no line");
	STR_EQ(expand("[{courtesy} ]{name}", all), "{courtesy} {name}",
	       "a bracketed part kept");
	STR_EQ(expand("[{courtesy} ]{name}", N(NAME)), "{name}",
	       "a bracketed part left out with its blank");
	STR_EQ(expand("[{courtesy} ]{name}[, {title}]", N(NAME)), "{name}",
	       "no dangling comma");
	STR_EQ(expand("[{courtesy} ]{name}[, {title}]", all),
	       "{courtesy} {name}, {title}", "everything");
	STR_EQ(expand("{title} {name} 귀하", N(TITLE)), "{title} 귀하",
	       "a missing field takes one run of blanks with it");
	STR_EQ(expand("{title} {name} 귀하", N(NAME)), "{name} 귀하",
	       "no blank at the start of a line");
	STR_EQ(expand("{title} {name} 귀하", 0), "(nothing)",
	       "only literal text left: no line");
	STR_EQ(expand("{name}  ", N(NAME)), "{name}", "no blank at the end");
	STR_EQ(expand("To {{ {name} }} [[x]]", N(NAME)), "To { {name} } [x]",
	       "doubled braces and brackets are literal");
	STR_EQ(expand("Dear friends", 0), "Dear friends", "a line with no field");
	STR_EQ(expand("{nome} x", N(NAME)), "(nothing)",
	       "an unknown field has no value");
	STR_EQ(expand("a } b", 0), "a } b", "a refused pattern stays text");
}

/* Profile files in a temporary folder, for the checks. */
static ms_profiles *
profiles_with(const char *dir, const char *lang, const char *text)
{
	char path[1024], *dirs[] = { (char *)dir, NULL };
	FILE *f;
	snprintf(path, sizeof path, "%s/%s.yaml", dir, lang);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	return ms_profiles_new(dirs);
}

typedef struct rec {
	unsigned n, line, col;
	char msg[512];
} rec;

static void
record(const ms_diag *d, void *data)
{
	rec *r = data;
	if (r->n++ == 0) {
		r->line = d->line;
		r->col = d->column;
		snprintf(r->msg, sizeof r->msg, "%s", d->message);
	}
}

static void
check_case(const char *dir, const char *what, const char *layout,
           unsigned line, unsigned col, const char *msg)
{
	ms_buf text = MS_BUF_INIT;
	ms_profiles *set;
	const ms_profile *p = NULL;
	rec r = { 0, 0, 0, "" };
	ms_diag_handler h = { record, &r, 0, 0 };
	ms_buf_printf(&text, "language: xx\nlayout:\n%s", layout);
	set = profiles_with(dir, "xx", text.ptr);
	OK(ms_profiles_get(set, "xx", &p, NULL) == MS_OK && p, "%s: the profile loads", what);
	INT_EQ(ms_layout_check(p, &h), msg ? MS_ERR_INVALID : MS_OK, "%s: status", what);
	if (msg) {
		INT_EQ(r.line, line, "%s: line", what);
		INT_EQ(r.col, col, "%s: column", what);
		if (!OK(strstr(r.msg, msg) != NULL, "%s: says \"%s\"", what, msg))
			printf("#   got: %s\n", r.msg);
	} else {
		INT_EQ(r.n, 0, "%s: nothing to say", what);
	}
	ms_profiles_free(set);
	ms_buf_release(&text);
}

static void
test_check(void)
{
	char dir[] = TOP_BUILDDIR "/tests/layout-tmp.XXXXXX";
	char cmd[1200];
	if (!OK(mkdtemp(dir) != NULL, "a temporary folder"))
		return;
	check_case(dir, "good patterns",
	           "  addressee: [\"[{courtesy} ]{name}\", \"{title}\"]\n"
	           "  copy: \"{title} {name} [[cc]]\"\n", 0, 0, NULL);
	check_case(dir, "an unknown field",
	           "  addressee: [\"{name}\", \"{titel}\"]\n", 3, 25,
	           "'layout.addressee': unknown field '{titel}' (this pattern may use {name}, {title}, {courtesy})");
	check_case(dir, "a field the kind does not have",
	           "  place-date: \"{place}, {date}, {name}\"\n", 3, 15,
	           "unknown field '{name}' (this pattern may use {place}, {date})");
	check_case(dir, "an unclosed field",
	           "  copy: \"{title {name}\"\n", 3, 9,
	           "'{' opens a field that is not closed (write '{{' for a brace), at character 1");
	check_case(dir, "nested brackets",
	           "  signer: \"[x [{name}] ]\"\n", 3, 11,
	           "brackets may not be nested");
	check_case(dir, "an unclosed bracket",
	           "  copy-office: \"[{courtesy} {title}\"\n", 3, 16,
	           "'[' is not closed");
	check_case(dir, "a stray closing bracket",
	           "  copy-office: \"{title}]\"\n", 3, 16, "']' closes no '['");
	check_case(dir, "an office without its title",
	           "  addressee-office: \"[{courtesy}]\"\n", 3, 21,
	           "'layout.addressee-office' must contain the field '{title}'");
	check_case(dir, "a date line without the date",
	           "  place-date: \"{place}\"\n", 3, 15,
	           "'layout.place-date' must contain the field '{date}'");
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	OK(system(cmd) == 0, "cleaned up");
}

/* ------------------------------------------------------------ languages */

static void
text_set(ms_text *t, const char *s)
{
	ms_text_set(t, s, NULL);
}

/* The lines of R in LANG, joined with " / ", fields filled in from R. */
static const char *
recipient_in(const char *lang, const ms_recipient *r, bool copy)
{
	static char out[4][512];
	static int slot;
	char *o = out[slot++ % 4];
	const ms_profile *p = NULL;
	ms_layout lay;
	ms_buf b = MS_BUF_INIT;

	ms_profiles_get(ms_profiles_default(), lang, &p, NULL);
	ms_layout_recipient(&lay, p, r, copy);
	for (size_t i = 0; i < lay.n; i++) {
		if (i)
			ms_buf_puts(&b, " / ");
		for (size_t k = 0; k < lay.lines[i].n; k++) {
			const ms_piece *pc = &lay.lines[i].pieces[k];
			if (pc->field == MS_FIELD_NAME)
				ms_buf_puts(&b, r->name.src);
			else if (pc->field == MS_FIELD_COURTESY)
				ms_buf_put(&b, pc->text, pc->len);
			else if (pc->field == MS_FIELD_TITLE)
				ms_buf_puts(&b, r->title.src);
			else
				ms_buf_put(&b, pc->text, pc->len);
		}
	}
	ms_layout_release(&lay);
	snprintf(o, 512, "%s", b.ptr);
	ms_buf_release(&b);
	return o;
}

static void
test_languages(void)
{
	ms_recipient named, office;
	const ms_profile *p = NULL;
	ms_diag_handler quiet = { NULL, NULL, 0, 0 };

	memset(&named, 0, sizeof named);
	memset(&office, 0, sizeof office);
	text_set(&named.name, "이재명");
	text_set(&named.title, "대한민국 대통령");
	text_set(&office.title, "외교부 장관");

	/* Korean: title, name, 귀하 on one line, implied by the older keys */
	STR_EQ(recipient_in("ko", &named, false), "대한민국 대통령 이재명 귀하",
	       "ko: a named addressee");
	STR_EQ(recipient_in("ko", &office, false), "외교부 장관 귀하",
	       "ko: an office addressed without a name (not 외교부 장관 장관 귀하)");
	STR_EQ(recipient_in("ko", &office, true), "외교부 장관 귀하",
	       "ko: a copy to an office");
	office.courtesy = (char *)"excellency";
	STR_EQ(recipient_in("ko", &office, false), "외교부 장관 귀하",
	       "ko: no courtesy title before 귀하");

	/* Spanish: the courtesy before the name, or before the office */
	text_set(&named.name, "Lee Jae-myung");
	text_set(&named.title, "Presidente de la República de Corea");
	named.courtesy = (char *)"excellency";
	STR_EQ(recipient_in("es", &named, false),
	       "Excelentísimo Señor Lee Jae-myung / Presidente de la República de Corea",
	       "es: a head of State");
	STR_EQ(recipient_in("es", &named, true),
	       "Excelentísimo Señor Lee Jae-myung, Presidente de la República de Corea",
	       "es: a named copy: courtesy, name, office");
	text_set(&office.title, "Ministro de Relaciones Exteriores");
	STR_EQ(recipient_in("es", &office, false),
	       "Excelentísimo Señor Ministro de Relaciones Exteriores",
	       "es: an office, masculine by default");
	office.gender = (char *)"feminine";
	text_set(&office.title, "Ministra de Unificación");
	STR_EQ(recipient_in("es", &office, true),
	       "Excelentísima Señora Ministra de Unificación",
	       "es: a copy to an office held by a woman");
	office.courtesy = NULL;
	STR_EQ(recipient_in("es", &office, true), "Ministra de Unificación",
	       "es: no courtesy class, no courtesy title");
	named.courtesy = NULL;
	STR_EQ(recipient_in("es", &named, false),
	       "Lee Jae-myung / Presidente de la República de Corea",
	       "es: a named addressee without a courtesy class");

	/* English: as the seed letter writes it, whatever the class */
	text_set(&named.title, "President of the Republic of Korea");
	named.courtesy = (char *)"excellency";
	STR_EQ(recipient_in("en", &named, false),
	       "Lee Jae-myung / President of the Republic of Korea",
	       "en: name, then title; no courtesy title in English");
	text_set(&named.name, "Kim Min-seok");
	text_set(&named.title, "Prime Minister");
	STR_EQ(recipient_in("en", &named, true), "Prime Minister Kim Min-seok",
	       "en: a copy, title then name");
	text_set(&office.title, "Foreign Minister");
	STR_EQ(recipient_in("en", &office, false), "Foreign Minister",
	       "en: an office is its title alone");

	/* The organisation line is left out where the title names it. */
	text_set(&office.title, "외교부 장관");
	text_set(&office.organisation, "외교부");
	OK(!ms_layout_organisation_shown(&office), "ko: 외교부 장관 / 외교부: no second line");
	text_set(&office.title, "Foreign Minister");
	text_set(&office.organisation, "Ministry of Foreign Affairs");
	OK(ms_layout_organisation_shown(&office), "en: Foreign Minister / Ministry of Foreign Affairs");
	text_set(&office.organisation, "  ");
	OK(!ms_layout_organisation_shown(&office), "a blank organisation is not shown");
	ms_text_release(&office.organisation);
	OK(!ms_layout_organisation_shown(&office), "no organisation, no line");

	/* A language with no profile of its own: neutral */
	STR_EQ(recipient_in("fr", &office, false), "Foreign Minister",
	       "a language without a profile: the neutral layout");

	/* The shipped profiles' patterns pass the checks. */
	for (const char *const *l = (const char *const[]){ "und", "en", "es", "ko", "ja", "zh", NULL }; *l; l++) {
		p = NULL;
		OK(ms_profiles_get(ms_profiles_default(), *l, &p, NULL) == MS_OK
		   && ms_layout_check(p, &quiet) == MS_OK, "%s: the patterns are valid", *l);
	}
	ms_text_release(&named.name);
	ms_text_release(&named.title);
	ms_text_release(&office.title);
}

static void
test_place_signer(void)
{
	const ms_profile *es = NULL, *ko = NULL, *en = NULL;
	ms_layout lay;
	ms_signer g;

	ms_profiles_get(ms_profiles_default(), "es", &es, NULL);
	ms_profiles_get(ms_profiles_default(), "ko", &ko, NULL);
	ms_profiles_get(ms_profiles_default(), "en", &en, NULL);
	ms_layout_place_date(&lay, es, true);
	STR_EQ(lay.n ? show(lay.lines[0].pieces, lay.lines[0].n) : "", "{place}, {date}",
	       "es: place, then the date");
	ms_layout_release(&lay);
	ms_layout_place_date(&lay, es, false);
	STR_EQ(lay.n ? show(lay.lines[0].pieces, lay.lines[0].n) : "", "{date}",
	       "es: no place, the date alone");
	ms_layout_release(&lay);
	ms_layout_place_date(&lay, ko, true);
	STR_EQ(lay.n ? show(lay.lines[0].pieces, lay.lines[0].n) : "", "{date}",
	       "ko: the date without a place");
	ms_layout_release(&lay);

	memset(&g, 0, sizeof g);
	text_set(&g.name, "Jane Doe");
	text_set(&g.organisation, "Test Coalition");
	ms_layout_signer(&lay, en, &g);
	INT_EQ(lay.n, 2, "en: a signer without a title: two lines");
	STR_EQ(lay.n == 2 ? show(lay.lines[1].pieces, lay.lines[1].n) : "",
	       "{organisation}", "en: the organisation under the name");
	ms_layout_release(&lay);
	text_set(&g.title, "Director");
	ms_layout_signer(&lay, ko, &g);
	STR_EQ(lay.n == 1 ? show(lay.lines[0].pieces, lay.lines[0].n) : "",
	       "{organisation} {title} {name}", "ko: organisation, title, name on one line");
	ms_layout_release(&lay);
	ms_text_release(&g.name);
	ms_text_release(&g.title);
	ms_text_release(&g.organisation);
}

int
main(void)
{
	test_expand();
	test_check();
	test_languages();
	test_place_signer();
	return done_testing();
}

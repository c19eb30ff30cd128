/* test-check.c — every QA check on hand-made entries (positive and
 * negative cases), suppression comments, configured severities, a run over
 * real PO files with seeded mistakes, and the JSON output validated
 * against doc/check.schema.json. */
#include <config.h>
#include "missive.h"
#include "catalog.h"
#include "check.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static ms_glossary *glossary;

static void msg_collect(const ms_finding *f, void *data);

/* "check[:term][=verdict][ severity][ (suppressed)]" per finding. */
static void
collect(const ms_finding *f, void *data)
{
	ms_buf *b = data;
	ms_buf_printf(b, "%s%s%s%s%s%s%s\n", f->check, f->term ? ":" : "",
	              f->term ? f->term : "", f->verdict ? "=" : "",
	              f->verdict ? f->verdict : "",
	              f->severity == MS_ERROR ? "" : f->severity == MS_WARNING
	              ? " warning" : " note",
	              f->suppressed ? " (suppressed)" : "");
}

/* Check one entry; the findings as collect() writes them, freshly
 * allocated. */
static char *
run_full(ms_checker *c, const char *lang, const char *ctxt, const char *msgid,
         const char *msgstr, const char *comments, const char *extracted,
         const char *flags, size_t *errors, size_t *warnings)
{
	ms_entry e;
	ms_buf b = MS_BUF_INIT;
	memset(&e, 0, sizeof e);
	e.msgctxt = (char *)ctxt;
	e.msgid = (char *)msgid;
	e.msgstr = (char *)msgstr;
	e.comments = (char *)comments;
	e.extracted = (char *)extracted;
	e.flags = (char *)flags;
	e.line = 7;
	ms_checker_entry(c, &e, "po/x.po", lang, collect, &b, errors, warnings);
	return ms_buf_detach(&b, NULL);
}

/* The last finding of one entry with translator comments COMMENTS
 * (strings kept in static storage, valid until the next call). */
static void
keep_last(const ms_finding *f, void *data)
{
	static char reason[256];
	ms_finding *out = data;
	*out = *f;
	snprintf(reason, sizeof reason, "%s", f->suppress_reason ? f->suppress_reason : "");
	out->suppress_reason = reason;
}

static ms_finding
last_finding(ms_checker *c, const char *lang, const char *msgid, const char *msgstr,
             const char *comments)
{
	ms_entry e;
	ms_finding f;
	memset(&e, 0, sizeof e);
	memset(&f, 0, sizeof f);
	e.msgid = (char *)msgid;
	e.msgstr = (char *)msgstr;
	e.comments = (char *)comments;
	e.line = 7;
	ms_checker_entry(c, &e, "po/x.po", lang, keep_last, &f, NULL, NULL);
	return f;
}

static char *
run(ms_checker *c, const char *lang, const char *msgid, const char *msgstr)
{
	return run_full(c, lang, NULL, msgid, msgstr, NULL, NULL, NULL, NULL, NULL);
}

#define CHECK(c, lang, id, str, want, ...) do { \
	char *got_ = run(c, lang, id, str); \
	STR_EQ(got_, want, __VA_ARGS__); \
	free(got_); \
	} while (0)

static void
inline_tags(ms_checker *c)
{
	CHECK(c, "ko", "the <1>COI</1> report", "<1>COI</1> 보고서", "", "tags: kept");
	CHECK(c, "ko", "the <1>COI</1> report", "COI 보고서", "inline-tags\n",
	      "tags: a tag missing");
	CHECK(c, "ko", "the <1>COI</1> report", "<1>COI 보고서", "inline-tags\n",
	      "tags: a tag left open");
	CHECK(c, "ko", "the <1>COI</1> report", "<1>COI</1> <2>보고서</2>", "inline-tags\n",
	      "tags: a tag that is not in the source");
	CHECK(c, "ko", "a<1/>b", "가<1>나</1>", "inline-tags\n",
	      "tags: an empty tag written as a pair");
	CHECK(c, "ko", "the 80<1>th</1> day", "제80일", "",
	      "tags: an ordinal suffix tag may go");
	CHECK(c, "ko", "no tags here", "태그 <1>없음</1>", "inline-tags\n",
	      "tags: tags in a translation of a source without any");
}

static void
numbers(ms_checker *c)
{
	CHECK(c, "ko", "In 2014, resolution 78/218 passed.", "2014년 결의 제78/218호가 통과되었습니다.",
	      "", "numbers: all kept");
	CHECK(c, "ko", "In 2014, resolution 78/218 passed.", "2014년 결의 제78호가 통과되었습니다.",
	      "numbers\n", "numbers: one lost");
	CHECK(c, "es", "It cost 1,000 dollars.", "Costó 1.000 dólares.", "",
	      "numbers: thousands separators");
	CHECK(c, "es", "It rose by 2.5 points.", "Subió 2,5 puntos.", "",
	      "numbers: decimal comma");
	CHECK(c, "ko", "Fax: +82 2 2100 5851/49", "팩스: +82 2-2100-5851/49", "",
	      "numbers: telephone numbers regrouped");
	CHECK(c, "ko", "Fax: +82 2 2100 5851/49", "팩스: +82 2-2100-5851", "numbers\n",
	      "numbers: a telephone extension lost");
	CHECK(c, "es", "at the 80<1>th</1> session", "en el octogésimo período de sesiones", "",
	      "numbers: an ordinal spelled out in Spanish");
	CHECK(c, "es", "at the 80<1>th</1> session", "en la octogésima sesión anual",
	      "glossary/forbidden:session=forbidden\n",
	      "numbers: a feminine ordinal (the glossary still objects to sesión)");
	CHECK(c, "es", "at the 1st meeting", "en la primera reunión", "",
	      "numbers: primera for 1st");
	CHECK(c, "es", "at the 80<1>th</1> meeting", "en la reunión", "numbers\n",
	      "numbers: an ordinal lost");
	CHECK(c, "es", "2 fishermen", "dos pescadores", "", "numbers: a small number spelled out");
	CHECK(c, "ko", "2 fishermen", "어민 두 명", "numbers\n",
	      "numbers: Korean words for numbers are not read");
	CHECK(c, "ko", "the <1>report</1>", "<1>보고서</1>", "",
	      "numbers: tag numbers are not numbers");
	CHECK(c, "ko", "December 19, 2023", "2023년 12월 19일", "", "numbers: a date reordered");
	CHECK(c, "ko", "December 19, 2023", "2023년 12월 9일", "numbers\n", "numbers: a day changed");
	/* Korean and Spanish number writing (issue 17) */
	CHECK(c, "ko", "34,000 people fled.", "3만 4천 명이 피란했습니다.", "",
	      "numbers: Korean myriads, 3만 4천 = 34,000");
	CHECK(c, "ko", "34,000 people fled.", "3만 5천 명이 피란했습니다.", "numbers\n",
	      "numbers: Korean myriads that make another number");
	CHECK(c, "ko", "200,000 people fled.", "20만 명이 피란했습니다.", "", "numbers: 20만");
	CHECK(c, "ko", "120,000,000 won", "1억 2천만 원", "", "numbers: 1억 2천만");
	CHECK(c, "ko", "15,000,000 won", "1,500만 원", "", "numbers: 1,500만");
	CHECK(c, "ko", "3 million people", "300만 명", "", "numbers: million = 100만");
	CHECK(c, "ko", "in the 1970s and 1980s", "1970~80년대에", "",
	      "numbers: a range with its end written short");
	CHECK(c, "ko", "in the 1970s and 1990s", "1970~80년대에", "numbers\n",
	      "numbers: the short end of a range is still checked");
	CHECK(c, "es", "It cost 1,500 dollars.", "Costó 1.500 dólares.", "",
	      "numbers: 1,500 is 1.500 in Spanish");
	CHECK(c, "es", "It cost 1,500 dollars.", "Costó 1,500 dólares.", "number-format warning\n",
	      "number-format: 1,500 left as in English reads 1,5 in Spanish");
	{
		ms_entry e;
		ms_buf m = MS_BUF_INIT;
		memset(&e, 0, sizeof e);
		e.msgid = "It cost 1,500 dollars.";
		e.msgstr = "Costó 1,500 dólares.";
		e.line = 7;
		ms_checker_entry(c, &e, "po/x.po", "es", msg_collect, &m, NULL, NULL);
		STR_EQ(m.ptr, "7 number-format: number \"1,500\" is written with the source's "
		       "marks, which read another number here; write \"1.500\"\n",
		       "number-format: the message says how the language writes it");
		ms_buf_release(&m);
	}
	CHECK(c, "es", "It cost 1,500,000 dollars.", "Costó 1 500 000 dólares.", "",
	      "numbers: thousands grouped with spaces");
	CHECK(c, "es", "Inflation was 3.5%.", "La inflación fue del 3,5 %.", "",
	      "numbers: 3,5 %");
	CHECK(c, "es", "Inflation was 3.5%.", "La inflación fue del 3.5 %.", "",
	      "numbers: a decimal point a Spanish reader still reads");
	CHECK(c, "es", "Inflation was 3.5%.", "La inflación fue del 35 %.", "numbers\n",
	      "numbers: a decimal mark lost");
	CHECK(c, "es", "1.5 million people", "1,5 millones de personas", "",
	      "numbers: millones");
	CHECK(c, "es", "2 billion dollars", "2.000 millones de dólares", "",
	      "numbers: mil millones for billion");
	CHECK(c, "es", "on 19.12.2023", "el 19.12.2023", "", "numbers: a date with full stops");
	/* a probe written before running */
	CHECK(c, "ko", "2.5 million people", "250만 명", "", "numbers: 2.5 million = 250만");
	CHECK(c, "ko", "1.2 billion dollars", "12억 달러", "", "numbers: 1.2 billion = 12억");
	CHECK(c, "ko", "10,000 people", "1만 명", "", "numbers: 1만");
	CHECK(c, "ko", "45,000 people", "4.5만 명", "", "numbers: 4.5만");
	CHECK(c, "ko", "more than 1,000 people", "1,000여 명", "", "numbers: 1,000여");
	CHECK(c, "ko", "the 70th anniversary", "70주년", "", "numbers: 70주년");
	CHECK(c, "ko", "from 2014 to 2019", "2014~2019년", "", "numbers: a range with ~");
	CHECK(c, "ko", "report A/HRC/25/63", "보고서 A/HRC/25/63", "", "numbers: a document symbol");
	CHECK(c, "es", "1.2 billion dollars", "1.200 millones de dólares", "",
	      "numbers: 1.200 millones for 1.2 billion");
	CHECK(c, "es", "It cost 1,500 dollars.", "Costó 1500 dólares.", "",
	      "numbers: four digits without a mark in Spanish");
	CHECK(c, "es", "10,000 people", "10 000 personas", "", "numbers: 10 000");
	CHECK(c, "es", "on 5 March 2024", "el 5 de marzo de 2024", "", "numbers: a date in words");
	CHECK(c, "es", "in 2014-2019", "en 2014-2019", "", "numbers: a range with a hyphen");
}

static void
urls(ms_checker *c)
{
	CHECK(c, "ko", "E-mail: president.go.kr", "전자우편: president.go.kr", "",
	      "urls: a domain kept");
	CHECK(c, "ko", "Write to president.go.kr.", "president.go.kr로 보내십시오.", "",
	      "urls: a final full stop is not part of it");
	CHECK(c, "es", "E-mail: president.go.kr", "Correo: presidencia.go.kr", "urls\n",
	      "urls: a domain changed");
	CHECK(c, "es", "See https://example.org/a?b=1.", "Véase https://example.org/a?b=1.", "",
	      "urls: a URL kept");
	CHECK(c, "es", "See https://example.org/a?b=1.", "Véase https://example.org/a.",
	      "numbers\nurls\n", "urls: a URL cut short (and its number)");
	CHECK(c, "es", "Write to info@hrw.org today.", "Escriba a info@hrw.org hoy.", "",
	      "urls: an e-mail address kept");
	CHECK(c, "es", "Write to info@hrw.org today.", "Escriba a Info@HRW.org hoy.", "urls\n",
	      "urls: an e-mail address changed");
	CHECK(c, "es", "See www.example.org", "Véase example.org", "urls\n",
	      "urls: www. dropped");
	CHECK(c, "es", "e.g. in the U.S. and etc.", "p. ej. en EE. UU. etc.", "",
	      "urls: abbreviations are not domains");
	CHECK(c, "es", "Version 2.5 of it.", "La versión 2,5.", "", "urls: a decimal number is not a domain");
}

static void
gettext_checks(ms_checker *c)
{
	char *got = run_full(c, "ko", "label", "as of %s", "%d 기준", NULL, NULL, NULL, NULL, NULL);
	STR_EQ(got, "gettext\n", "gettext: a label with the wrong directive");
	free(got);
	got = run_full(c, "ko", "label", "Page %d of %d", "%d쪽", NULL, NULL, NULL, NULL, NULL);
	STR_EQ(got, "gettext\n", "gettext: a directive missing");
	free(got);
	got = run_full(c, "ko", "label", "Page %d of %d", "%d쪽 / 총 %d쪽", NULL, NULL, NULL, NULL, NULL);
	STR_EQ(got, "", "gettext: both directives kept");
	free(got);
	got = run_full(c, "ko", NULL, "%s of them", "그중 %d", NULL, NULL, "c-format", NULL, NULL);
	STR_EQ(got, "gettext\n", "gettext: a c-format flag");
	free(got);
	got = run_full(c, "ko", NULL, "%s of them", "그중 %d", NULL, NULL, "no-c-format", NULL, NULL);
	STR_EQ(got, "", "gettext: no-c-format");
	free(got);
	got = run_full(c, "es", NULL, "100% of them", "el 100 % de ellos", NULL, NULL, NULL, NULL, NULL);
	STR_EQ(got, "", "gettext: a per cent sign in a sentence is not a format");
	free(got);
	CHECK(c, "es", "Hello\n", "Hola", "gettext\nwhitespace warning\n",
	      "gettext: a final newline lost (and white space differs)");
	CHECK(c, "es", "\nHello", "Hola", "gettext\nwhitespace warning\n",
	      "gettext: a first newline lost");
}

static void
glossary_checks(ms_checker *c)
{
	CHECK(c, "ko", "Refoulement is prohibited.", "강제송환은 금지됩니다.", "",
	      "glossary: ok");
	CHECK(c, "ko", "Refoulement is prohibited.", "추방은 금지됩니다.",
	      "glossary/missing:refoulement=missing\n", "glossary: missing");
	CHECK(c, "ko", "Refoulement is prohibited.", "강제북송은 금지됩니다.",
	      "glossary/forbidden:refoulement=forbidden\n", "glossary: forbidden");
	CHECK(c, "ko", "Refoulement is prohibited.", "농르풀망은 금지됩니다.",
	      "glossary/deprecated:refoulement=deprecated\n", "glossary: deprecated");
	CHECK(c, "ko", "HanVoice signed.", "한보이스가 서명했습니다.",
	      "glossary/dnt:hanvoice=missing\n", "glossary: do not translate");

}

static void
text_and_json(const ms_finding *f, void *data)
{
	ms_buf *b = data;
	ms_finding_to_text(f, &b[0]);
	ms_buf_putc(&b[0], '\n');
	ms_finding_to_json(f, &b[1]);
	ms_buf_putc(&b[1], '\n');
}

static void
formats(ms_checker *c)
{
	ms_entry e;
	ms_buf b[2] = { MS_BUF_INIT, MS_BUF_INIT };
	memset(&e, 0, sizeof e);
	e.msgid = "Refoulement is \"prohibited\".";
	e.msgstr = "강제북송은 \"금지\"됩니다.";
	e.line = 12;
	ms_checker_entry(c, &e, "po/ko.po", "ko", text_and_json, b, NULL, NULL);
	STR_EQ(b[0].ptr,
	       "po/ko.po:12: error: [glossary/forbidden] \"refoulement\" rendered as \"강제북송\"; "
	       "use \"강제송환\" — 북한으로의 송환만 가리키는 보도 용어\n",
	       "text: the CLI's line");
	STR_EQ(b[1].ptr,
	       "{\"file\":\"po/ko.po\",\"line\":12,\"msgctxt\":null,"
	       "\"msgid\":\"Refoulement is \\\"prohibited\\\".\",\"language\":\"ko\","
	       "\"check\":\"glossary/forbidden\",\"term\":\"refoulement\",\"verdict\":\"forbidden\","
	       "\"severity\":\"error\",\"message\":\"\\\"refoulement\\\" rendered as \\\"강제북송\\\"; "
	       "use \\\"강제송환\\\" — 북한으로의 송환만 가리키는 보도 용어\",\"suppressed\":false}\n",
	       "json: one object, keys in order, strings escaped");

	ms_finding f;
	memset(&f, 0, sizeof f);
	f.file = "a\tb";
	f.msgid = "x\x01y\n\xff";
	f.lang = "es";
	f.check = "numbers";
	f.message = "m";
	f.severity = MS_WARNING;
	f.suppressed = true;
	f.suppress_reason = "why \\ not";
	ms_buf_reset(&b[1]);
	ms_finding_to_json(&f, &b[1]);
	STR_EQ(b[1].ptr,
	       "{\"file\":\"a\\tb\",\"line\":null,\"msgctxt\":null,\"msgid\":\"x\\u0001y\\n\\ufffd\","
	       "\"language\":\"es\",\"check\":\"numbers\",\"term\":null,\"verdict\":null,"
	       "\"severity\":\"warning\",\"message\":\"m\",\"suppressed\":true,"
	       "\"reason\":\"why \\\\ not\"}",
	       "json: control characters, invalid UTF-8, suppression reason");
	ms_buf_reset(&b[0]);
	ms_finding_to_text(&f, &b[0]);
	STR_EQ(b[0].ptr, "a\tb: warning: [numbers] m (suppressed: why \\ not)",
	       "text: no line, suppressed");
	STR_EQ(ms_check_severity_name(MS_NOTE), "note", "severity names");
	ms_buf_release(&b[0]);
	ms_buf_release(&b[1]);
}

static void
untranslated(ms_checker *c)
{
	CHECK(c, "es", "Thank you for your attention.", "Thank you for your attention.",
	      "untranslated warning\n", "untranslated: a sentence copied");
	CHECK(c, "es", "Sincerely,", "Sincerely,", "untranslated warning\n",
	      "untranslated: a single word copied");
	CHECK(c, "es", "Roberta Cohen", "Roberta Cohen", "", "untranslated: a name");
	CHECK(c, "es", "22, Itaewon-ro, Yongsan-gu, Seoul 04383",
	      "22, Itaewon-ro, Yongsan-gu, Seoul 04383", "", "untranslated: an address line");
	CHECK(c, "es", "HanVoice", "HanVoice", "", "untranslated: a do-not-translate name");
	CHECK(c, "es", "<1>HanVoice</1> (HV)", "<1>HanVoice</1> (HV)", "",
	      "untranslated: a do-not-translate name with its acronym");
	CHECK(c, "es", "Fax:", "Fax:", "", "untranslated: a short label");
	CHECK(c, "es", "COI ICNK", "COI ICNK", "", "untranslated: acronyms");
	char *got = run_full(c, "es", NULL, "Free Korea Association, a sample group",
	                     "Free Korea Association, a sample group", NULL,
	                     "signatory group 4 (official name, or copy)", NULL, NULL, NULL);
	STR_EQ(got, "", "untranslated: a role that says copy");
	free(got);
	CHECK(c, "ko", "We ask the government.", "저희는 정부에 요청합니다 (draft).",
	      "untranslated warning\n", "untranslated: an English word left in Korean");
	CHECK(c, "ko", "We ask the government.", "저희는 government에 요청합니다.",
	      "untranslated warning\n", "untranslated: a lowercase source word left as it is");
	CHECK(c, "ko", "The COI ICNK and Lord Alton of Liverpool spoke.",
	      "COI ICNK와 Lord Alton of Liverpool이 말했습니다.", "",
	      "untranslated: a name kept from the source, and acronyms");
	CHECK(c, "ko", "Write to president.go.kr", "president.go.kr로 보내십시오", "",
	      "untranslated: a domain");
	char *got2 = run_full(c, "ko", "label", "as of %s", "%s 기준", NULL, NULL, NULL, NULL, NULL);
	STR_EQ(got2, "", "untranslated: a format directive is not a word");
	free(got2);
	CHECK(c, "ko", "It was signed by NKnet.", "NKnet이 서명했습니다.", "",
	      "untranslated: a name from the source");
	CHECK(c, "es", "We ask the government.", "Pedimos al gobierno.", "",
	      "untranslated: an ordinary translation");
}

static void
whitespace(ms_checker *c)
{
	CHECK(c, "es", " Hello.", " Hola.", "", "whitespace: the same leading space");
	CHECK(c, "es", " Hello.", "Hola.", "whitespace warning\n", "whitespace: leading space lost");
	CHECK(c, "es", "Hello. ", "Hola.", "whitespace warning\n", "whitespace: trailing space lost");
	CHECK(c, "es", "Hello.", "Hola.\u00a0", "whitespace warning\n",
	      "whitespace: a no-break space added");
}

static void
punctuation(ms_checker *c)
{
	CHECK(c, "ko", "Thank you.", "감사합니다.", "", "punctuation: a full stop kept");
	CHECK(c, "ko", "Thank you.", "감사합니다", "punctuation warning\n",
	      "punctuation: a full stop lost");
	CHECK(c, "es", "Will you?", "¿Lo hará?", "", "punctuation: a question");
	CHECK(c, "es", "Will you?", "Lo hará.", "punctuation warning\n",
	      "punctuation: a question turned into a statement");
	CHECK(c, "ko", "Dear President Lee Jae-myung,", "이재명 대통령님께", "",
	      "punctuation: a Korean salutation has no comma");
	CHECK(c, "es", "Dear President Lee Jae-myung,", "Señor Presidente Lee Jae-myung:", "",
	      "punctuation: a Spanish salutation ends with a colon");
	CHECK(c, "ko", "It said \"stop.\"", "“멈추라.”라고 했습니다.", "",
	      "punctuation: closing quotes looked through");
	CHECK(c, "ko", "Re:", "제목:", "", "punctuation: a colon");
	CHECK(c, "ko", "The <1>end</1>.", "<1>끝</1>.", "", "punctuation: tags looked through");
	CHECK(c, "es", "Wait...", "Espere…", "", "punctuation: an ellipsis either way");
}

static void
spanish_marks(ms_checker *c)
{
	CHECK(c, "es", "Will you?", "¿Lo hará?", "", "spanish-marks: both marks");
	CHECK(c, "es", "Will you?", "Lo hará?", "spanish-marks warning\n",
	      "spanish-marks: no opening question mark");
	CHECK(c, "es", "Stop!", "¡Basta!", "", "spanish-marks: an exclamation");
	CHECK(c, "es", "Stop!", "Basta!", "spanish-marks warning\n",
	      "spanish-marks: no opening exclamation mark");
	CHECK(c, "es", "He asked: will you? We said yes.", "Preguntó: ¿lo hará? Dijimos que sí.", "",
	      "spanish-marks: a question inside a sentence");
	CHECK(c, "ko", "Will you?", "하시겠습니까?", "", "spanish-marks: only for Spanish");
	CHECK(c, "es", "See https://x.org/?a=1.", "Véase https://x.org/?a=1.", "",
	      "spanish-marks: a question mark inside a URL");
}

static void
doubled(ms_checker *c)
{
	CHECK(c, "es", "The resolution.", "La la resolución.", "doubled-words warning\n",
	      "doubled-words: a word twice");
	CHECK(c, "ko", "We stress it.", "저희는 강조 강조합니다.", "", "doubled-words: different words");
	CHECK(c, "ko", "We stress it.", "저희는 이를 이를 강조합니다.", "doubled-words warning\n",
	      "doubled-words: Korean");
	CHECK(c, "es", "Bora Bora is far.", "Bora Bora está lejos.", "",
	      "doubled-words: a doubling the source has");
	CHECK(c, "es", "It is that, that is all.", "Es eso, eso es todo.", "",
	      "doubled-words: punctuation between");
	CHECK(c, "es", "From 2008 2008.", "Desde 2008 2008.", "", "doubled-words: numbers are not words");
	/* characters: controls, noncharacters and bidi controls the source lacks */
	CHECK(c, "ko", "Thank you.", "감사합니다\033[2J.", "characters\n",
	      "characters: an escape sequence");
	CHECK(c, "ko", "Thank you.", "감사\xef\xbf\xbe합니다.", "characters\n",
	      "characters: a noncharacter (U+FFFE)");
	CHECK(c, "es", "Thank you.", "Gra\xe2\x80\xae" "cias.", "characters\n",
	      "characters: a right-to-left override");
	CHECK(c, "es", "Tab\there.", "Tabulador\taquí.", "", "characters: tab is text");
	CHECK(c, "es", "Mark \xe2\x80\xae here.", "Marca \xe2\x80\xae aquí.", "",
	      "characters: a control the source has too");
	CHECK(c, "ko", "Thank you.", "감사합니다.", "", "characters: plain text");
}

static void
suppression(ms_checker *c)
{
	size_t errors = 0, warnings = 0;
	char *got = run_full(c, "ko", NULL, "Refoulement is prohibited.", "강제북송은 금지됩니다.",
	                     "missive-ignore: glossary/refoulement: quoting the press", NULL, NULL,
	                     &errors, &warnings);
	STR_EQ(got, "glossary/forbidden:refoulement=forbidden (suppressed)\n",
	       "suppression: by term");
	INT_EQ(errors, 0, "suppression: a suppressed finding is not counted");
	free(got);
	got = run_full(c, "ko", NULL, "Refoulement is prohibited.", "강제북송은 금지됩니다.",
	               "a note\n  missive-ignore: glossary: press quote\n", NULL, NULL, NULL, NULL);
	STR_EQ(got, "glossary/forbidden:refoulement=forbidden (suppressed)\n",
	       "suppression: by family, among other comments");
	free(got);
	got = run_full(c, "ko", NULL, "Refoulement is prohibited.", "강제북송은 금지됩니다.",
	               "missive-ignore: glossary/torture: other term", NULL, NULL, NULL, NULL);
	STR_EQ(got, "glossary/forbidden:refoulement=forbidden\n",
	       "suppression: another term's comment does not apply");
	free(got);
	errors = warnings = 0;
	got = run_full(c, "ko", NULL, "In 2014.", "2015년.", "missive-ignore: numbers", NULL,
	               NULL, &errors, &warnings);
	STR_EQ(got, "missive-ignore warning\nnumbers (suppressed)\n",
	       "suppression: a comment without a reason is itself a warning");
	INT_EQ(errors, 0, "suppression: no error counted");
	INT_EQ(warnings, 1, "suppression: the warning is counted");
	free(got);
	got = run_full(c, "ko", NULL, "In 2014.", "2015년.", "missive-ignore:", NULL,
	               NULL, NULL, NULL);
	STR_EQ(got, "missive-ignore warning\nnumbers\n", "suppression: a comment without an id");
	free(got);
	/* a PO editor wraps a long comment (polib at 78 columns, with "# ") */
	ms_finding last;
	got = run_full(c, "ko", NULL, "Refoulement is prohibited.", "강제북송은 금지됩니다.",
	               "missive-ignore: glossary/refoulement: the letter quotes the headline\n"
	               "of a press article word for word", NULL, NULL, &errors, &warnings);
	STR_EQ(got, "glossary/forbidden:refoulement=forbidden (suppressed)\n",
	       "suppression: a comment wrapped onto two lines");
	free(got);
	last = last_finding(c, "ko", "Refoulement is prohibited.", "강제북송은 금지됩니다.",
	                    "missive-ignore: glossary/refoulement: the letter quotes the headline\n"
	                    "of a press article word for word");
	STR_EQ(last.suppress_reason, "the letter quotes the headline of a press article word "
	       "for word", "suppression: the reason keeps its wrapped part");
	last = last_finding(c, "ko", "Refoulement is prohibited.", "강제북송은 금지됩니다.",
	                    "missive-ignore: glossary/refoulement:\nquoting a press headline");
	STR_EQ(last.suppress_reason, "quoting a press headline",
	       "suppression: a reason wrapped whole onto the next line");
	last = last_finding(c, "ko", "Refoulement is prohibited.", "강제북송은 금지됩니다.",
	                    "missive-ignore:\nglossary/refoulement: quoting a press headline");
	STR_EQ(last.suppress_reason, "quoting a press headline",
	       "suppression: an id wrapped onto the next line");
	last = last_finding(c, "ko", "Refoulement is prohibited.", "강제북송은 금지됩니다.",
	                    "missive-ignore: glossary: press quote\nchecked by the editor");
	STR_EQ(last.suppress_reason, "press quote",
	       "suppression: a short line followed by another note is not wrapped");
	errors = warnings = 0;
	got = run_full(c, "es", NULL, "Thank you.", "Gracias", NULL, NULL, NULL, &errors, &warnings);
	STR_EQ(got, "punctuation warning\n", "counting: a warning");
	INT_EQ(warnings, 1, "counting: one warning");
	INT_EQ(errors, 0, "counting: no error");
	free(got);
}

static void
skipped(ms_checker *c)
{
	ms_entry e;
	ms_buf b = MS_BUF_INIT;
	memset(&e, 0, sizeof e);
	e.msgid = "Refoulement.";
	e.msgstr = "강제북송.";
	e.fuzzy = true;
	ms_checker_entry(c, &e, "f", "ko", collect, &b, NULL, NULL);
	e.fuzzy = false;
	e.obsolete = true;
	ms_checker_entry(c, &e, "f", "ko", collect, &b, NULL, NULL);
	e.obsolete = false;
	e.msgstr = "";
	ms_checker_entry(c, &e, "f", "ko", collect, &b, NULL, NULL);
	e.msgstr = " \u3000\n";
	ms_checker_entry(c, &e, "f", "ko", collect, &b, NULL, NULL);
	e.msgid = "";
	e.msgstr = "Language: ko\n";
	ms_checker_entry(c, &e, "f", "ko", collect, &b, NULL, NULL);
	STR_EQ(b.ptr, "", "fuzzy, obsolete, untranslated (empty or blank) entries and the "
	       "header are skipped");
	ms_buf_reset(&b);
	char *blank_forms[] = { " ", "", NULL };
	memset(&e, 0, sizeof e);
	e.msgid = "One letter";
	e.msgid_plural = "Letters";
	e.msgstr_plural = blank_forms;
	ms_checker_entry(c, &e, "f", "es", collect, &b, NULL, NULL);
	STR_EQ(b.ptr, "", "a plural entry whose forms are all blank is untranslated");
	ms_buf_release(&b);
}

static void
configured(void)
{
	ms_diag_handler h = { NULL, NULL, 0, 0 };
	ms_config *cfg = NULL;
	ms_checker *c = NULL;
	ms_status st = ms_config_load(TOP_SRCDIR "/tests/data/check/missive.yaml", &cfg, &h);
	if (!OK(st == MS_OK, "config: tests/data/check/missive.yaml loads"))
		return;
	INT_EQ(ms_checker_new(cfg, glossary, &c, &h), MS_OK, "config: a checker");
	CHECK(c, "ko", "In 2014.", "2015년.", "", "config: numbers off");
	CHECK(c, "ko", "Thank you.", "감사합니다", "punctuation\n", "config: punctuation as an error");
	CHECK(c, "ko", "Refoulement.", "강제북송.", "glossary/forbidden:refoulement=forbidden warning\n",
	      "config: the glossary family as warnings");
	CHECK(c, "ko", "HanVoice.", "한보이스.", "glossary/dnt:hanvoice=missing\n",
	      "config: a more specific setting wins");
	ms_checker_free(c);
	ms_config_free(cfg);
}

/* ------------------------------------------------------- real PO files */

typedef struct po_run {
	ms_buf lines;     /* "LINE check[:term]…" */
	ms_buf json;
} po_run;

static void
po_collect(const ms_finding *f, void *data)
{
	po_run *r = data;
	ms_buf_printf(&r->lines, "%u ", f->line);
	collect(f, &r->lines);
	ms_finding_to_json(f, &r->json);
	ms_buf_putc(&r->json, '\n');
}

static void
po_file(ms_checker *c, const char *name, const char *lang, const char *want,
        size_t want_errors, size_t want_warnings, ms_buf *json)
{
	ms_diag_handler h = { NULL, NULL, 0, 0 };
	ms_catalog *po = NULL;
	char path[512];
	snprintf(path, sizeof path, "%s/tests/data/check/%s", TOP_SRCDIR, name);
	ms_status st = ms_catalog_read(path, &po, &h);
	if (!OK(st == MS_OK, "po: %s reads", name))
		return;
	po_run r = { MS_BUF_INIT, MS_BUF_INIT };
	size_t errors = 99, warnings = 99;
	st = ms_checker_run(c, po, name, lang, po_collect, &r, &errors, &warnings);
	STR_EQ(r.lines.ptr, want, "po: %s: the seeded mistakes, and nothing else", name);
	INT_EQ(errors, want_errors, "po: %s: errors counted", name);
	INT_EQ(warnings, want_warnings, "po: %s: warnings counted", name);
	INT_EQ(st, want_errors ? MS_ERR_FINDINGS : MS_OK, "po: %s: status", name);
	ms_buf_puts(json, r.json.ptr);
	ms_buf_release(&r.lines);
	ms_buf_release(&r.json);
	ms_catalog_free(po);
}

/* "LINE check: message" per finding. */
static void
msg_collect(const ms_finding *f, void *data)
{
	ms_buf_printf(data, "%u %s: %s\n", f->line, f->check, f->message);
}

/* A broken Plural-Forms in a header: the finding msgfmt -c gives. */
static void
plural_header(ms_checker *c, const char *name, const char *want)
{
	ms_diag_handler h = { NULL, NULL, 0, 0 };
	ms_catalog *po = NULL;
	char path[512];
	snprintf(path, sizeof path, "%s/tests/data/check/%s", TOP_SRCDIR, name);
	if (!OK(ms_catalog_read(path, &po, &h) == MS_OK, "plural header: %s reads", name))
		return;
	ms_buf b = MS_BUF_INIT;
	size_t errors = 0;
	ms_checker_run(c, po, name, "es", msg_collect, &b, &errors, NULL);
	STR_EQ(b.ptr, want, "plural header: %s", name);
	INT_EQ(errors, 1, "plural header: %s is an error", name);
	ms_buf_release(&b);
	ms_catalog_free(po);
}

static void
json_schema(const ms_buf *json)
{
	const char *out = TOP_BUILDDIR "/tests/check-findings.jsonl";
	ms_diag_handler h = { NULL, NULL, 0, 0 };
	INT_EQ(ms_atomic_write(out, json->ptr, json->len, &h), MS_OK, "json: findings written");
	/* C-level structure: one object per line */
	size_t lines = 0;
	bool shape = true;
	for (const char *p = json->ptr; *p;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		shape &= n > 2 && p[0] == '{' && p[n - 1] == '}' && !strncmp(p, "{\"file\":", 8);
		lines++;
		p = e ? e + 1 : p + n;
	}
	OK(lines > 10 && shape, "json: %zu lines, one object each", lines);
	if (system("python3 -c 'import json' >/dev/null 2>&1") != 0) {
		printf("ok %d - json: schema validation # SKIP python3 not available\n", ++tap_count_);
		return;
	}
	int rc = system("python3 '" TOP_SRCDIR "/tests/data/check/validate-json.py' '"
	                TOP_SRCDIR "/doc/check.schema.json' '" TOP_BUILDDIR
	                "/tests/check-findings.jsonl'");
	INT_EQ(rc, 0, "json: every object valid against doc/check.schema.json");
}

/* The spelling check, with a checker at the defaults. */
static char *
spell_run(ms_checker *c, const char *lang, const char *file, const char *msgid,
          const char *msgstr, ms_buf *messages)
{
	ms_entry e;
	ms_buf b = MS_BUF_INIT;
	memset(&e, 0, sizeof e);
	e.msgid = (char *)msgid;
	e.msgstr = (char *)msgstr;
	e.line = 7;
	ms_checker_entry(c, &e, file, lang, collect, &b, NULL, NULL);
	if (messages)
		ms_checker_entry(c, &e, file, lang, msg_collect, messages, NULL, NULL);
	return ms_buf_detach(&b, NULL);
}

#define SPELL(c, lang, file, id, str, want, ...) do { \
	char *got_ = spell_run(c, lang, file, id, str, NULL); \
	STR_EQ(got_, want, __VA_ARGS__); \
	free(got_); \
	} while (0)

static void
spelling(void)
{
	ms_diag_handler h = { NULL, NULL, 0, 0 };
	ms_checker *c = NULL;
	const char *here = "po/x.po";
	const char *lists = TOP_SRCDIR "/tests/data/check/spelling/x.po";
	INT_EQ(ms_checker_new(NULL, glossary, &c, &h), MS_OK, "spelling: a checker");
	SPELL(c, "es", here, "Enforced disappearances continue.",
	      "Las desapariciones forzadas continúan.", "", "spelling: Spanish words");
	SPELL(c, "es", here, "Enforced disappearances continue.",
	      "Las desapariciones forsadas continúan.",
	      "glossary/missing:enforced-disappearance=missing\nspelling warning\n",
	      "spelling: a misspelt Spanish word");
	ms_buf m = MS_BUF_INIT;
	free(spell_run(c, "es", here, "Enforced disappearances continue.",
	               "Las desapariciones forzadas continuan.", &m));
	STR_EQ(m.ptr, "7 spelling: \"continuan\" is not a known word (suggestions: continúan, "
	       "continua, continuar)\n",
	       "spelling: the finding names the word and suggests corrections");
	ms_buf_release(&m);
	SPELL(c, "es", here, "Dear President Lee Jae-myung,", "Señor Presidente Lee Jae-myung:", "",
	      "spelling: a name kept from the source");
	SPELL(c, "es", here, "The DPRK refused.", "La RPDC se negó.", "",
	      "spelling: an acronym");
	SPELL(c, "es", here, "South Korea copatrocinated it.", "Corea del Sur la copatrocinó.", "",
	      "spelling: a form of a glossary word (copatrocinar), inflected as the word it "
	      "is made on");
	SPELL(c, "es", here, "Inter-Korean relations froze.",
	      "Las relaciones intercoreanas se congelaron.", "",
	      "spelling: the glossary's renderings are words");
	SPELL(c, "es", here, "The co-signatories wrote.", "Los cofirmantes escribieron.",
	      "spelling warning\n", "spelling: a word the dictionary lacks");
	SPELL(c, "es", here, "The Korean wave.", "La ola Hallyu.", "spelling warning\n",
	      "spelling: a foreign name the dictionary lacks");
	SPELL(c, "es", lists, "The co-signatories wrote.", "Los cofirmantes escribieron.", "",
	      "spelling: ... accepted, with its endings, from words-es.txt beside the catalogue");
	SPELL(c, "es", lists, "The Korean wave.", "La ola Hallyu.", "",
	      "spelling: ... and the name");
	SPELL(c, "ko", here, "We support the DPRK human rights resolution.",
	      "저희는 북한인권결의안을 지지합니다.", "",
	      "spelling: a Korean compound of known words with a particle");
	SPELL(c, "ko", here, "Refoulement is prohibited.", "강제송한은 금지됩니다.",
	      "glossary/missing:refoulement=missing\nspelling warning\n",
	      "spelling: a misspelt Korean word");
	SPELL(c, "ko", here, "Refoulement is prohibited.", "강제송환은 금지됩니다.", "",
	      "spelling: a glossary rendering with a particle");
	SPELL(c, "ko", here, "The HRW report", "HRW 보고서", "",
	      "spelling: Latin words in Korean are the untranslated check's");
	SPELL(c, "ko", here, "In 2014, at the 80th session.", "2014년 제80차 회기에서.", "",
	      "spelling: counters after numbers");

	ms_catalog *po = NULL;
	INT_EQ(ms_catalog_read(TOP_SRCDIR "/tests/data/check/spelling/ko.po", &po, &h), MS_OK,
	       "spelling: spelling/ko.po reads");
	po_run r = { MS_BUF_INIT, MS_BUF_INIT };
	ms_checker_run(c, po, TOP_SRCDIR "/tests/data/check/spelling/ko.po", "ko", po_collect,
	               &r, NULL, NULL);
	STR_EQ(r.lines.ptr, "27 glossary/missing:refoulement=missing\n27 spelling warning\n",
	       "spelling: a name is a word of the whole catalogue, the word list beside it "
	       "counts, the misspelt word is found");
	ms_buf_release(&r.lines);
	ms_buf_release(&r.json);
	ms_catalog_free(po);

	ms_checker *gate = NULL;
	ms_checker_new(NULL, glossary, &gate, &h);
	ms_checker_errors_only(gate);
	SPELL(gate, "ko", here, "Refoulement is prohibited.", "강제송한은 금지됩니다.",
	      "glossary/missing:refoulement=missing\n",
	      "spelling: a warning, so not part of the publication gate");
	ms_checker_free(gate);
	ms_checker_free(c);
}

/* The corpus's own catalogues, as translated, against the project's
 * glossary and every check at its default: no finding (issue 17: checks
 * that never block correct Korean or Spanish; a real mistake introduced
 * in a translation fails here too, on purpose). */
static void
corpus_clean(void)
{
	ms_diag_handler h = { NULL, NULL, 0, 0 };
	ms_glossary *g = NULL;
	ms_checker *c = NULL;
	if (!OK(ms_glossary_load(TOP_SRCDIR "/po/glossary.yaml", &g, &h) == MS_OK,
	        "corpus: po/glossary.yaml loads"))
		return;
	ms_checker_new(NULL, g, &c, &h);
	static const char *const langs[] = { "ko", "es" };
	for (size_t i = 0; i < sizeof langs / sizeof *langs; i++) {
		char path[512];
		ms_catalog *po = NULL;
		snprintf(path, sizeof path, "%s/po/%s.po", TOP_SRCDIR, langs[i]);
		if (!OK(ms_catalog_read(path, &po, &h) == MS_OK, "corpus: po/%s.po reads", langs[i]))
			continue;
		ms_buf b = MS_BUF_INIT;
		size_t errors = 0, warnings = 0;
		ms_checker_run(c, po, path, langs[i], msg_collect, &b, &errors, &warnings);
		if (!OK(errors == 0 && warnings == 0,
		        "corpus: po/%s.po has no finding (%zu errors, %zu warnings)", langs[i],
		        errors, warnings))
			printf("#   %s", b.ptr);
		ms_buf_release(&b);
		ms_catalog_free(po);
	}
	ms_checker_free(c);
	ms_glossary_free(g);
}

int
main(void)
{
	ms_diag_handler h = { NULL, NULL, 0, 0 };
	ms_checker *c = NULL;
	ms_status st = ms_glossary_load(TOP_SRCDIR "/tests/glossary/terms.yaml", &glossary, &h);
	if (!OK(st == MS_OK, "the test glossary loads"))
		return done_testing();
	ms_config *nospell = NULL;
	OK(ms_config_load(TOP_SRCDIR "/tests/data/check/no-spelling.yaml", &nospell, &h) == MS_OK,
	   "tests/data/check/no-spelling.yaml loads");
	INT_EQ(ms_checker_new(nospell, glossary, &c, &h), MS_OK,
	       "a checker with the defaults but spelling");
	inline_tags(c);
	numbers(c);
	urls(c);
	gettext_checks(c);
	glossary_checks(c);
	formats(c);
	untranslated(c);
	whitespace(c);
	punctuation(c);
	spanish_marks(c);
	doubled(c);
	suppression(c);
	skipped(c);
	configured();

	ms_buf json = MS_BUF_INIT;
	po_file(c, "ko.po", "ko",
	        "30 glossary/forbidden:refoulement=forbidden\n"
	        "38 glossary/forbidden:refoulement=forbidden (suppressed)\n"
	        "43 inline-tags\n"
	        "43 numbers\n"
	        "52 glossary/missing:resolution=missing\n"
	        "52 untranslated warning\n"
	        "57 glossary/dnt:hanvoice=missing\n"
	        "61 doubled-words warning\n"
	        "66 punctuation warning\n"
	        "84 gettext\n",
	        6, 3, &json);
	po_file(c, "es.po", "es",
	        "22 glossary/deprecated:co-sponsor=deprecated\n"
	        "31 spanish-marks warning\n"
	        "36 untranslated warning\n"
	        "45 urls\n"
	        "50 whitespace warning\n"
	        "50 doubled-words warning\n"
	        "57 missive-ignore warning\n"
	        "57 glossary/deprecated:refoulement=deprecated (suppressed)\n",
	        2, 5, &json);
	plural_header(c, "plural-div0.po",
	              "3 plural-forms: plural expression can produce division by zero\n");
	plural_header(c, "plural-mod0.po",
	              "3 plural-forms: plural expression can produce division by zero\n");
	plural_header(c, "plural-large.po",
	              "3 plural-forms: nplurals = 2 but plural expression can produce values "
	              "as large as 2\n");
	plural_header(c, "plural-syntax.po", "3 plural-forms: invalid plural expression\n");
	po_file(c, "plurals.po", "es",
	        "13 plural-forms\n"
	        "19 plural-forms\n",
	        2, 0, &json);
	json_schema(&json);
	ms_buf_release(&json);

	/* the publication gate's checker: the same errors, no warnings */
	ms_checker *gate = NULL;
	ms_buf gjson = MS_BUF_INIT;
	ms_checker_new(NULL, glossary, &gate, &h);
	ms_checker_errors_only(gate);
	po_file(gate, "ko.po", "ko",
	        "30 glossary/forbidden:refoulement=forbidden\n"
	        "38 glossary/forbidden:refoulement=forbidden (suppressed)\n"
	        "43 inline-tags\n"
	        "43 numbers\n"
	        "52 glossary/missing:resolution=missing\n"
	        "57 glossary/dnt:hanvoice=missing\n"
	        "84 gettext\n",
	        6, 0, &gjson);
	ms_checker_free(gate);
	ms_buf_release(&gjson);

	ms_checker_free(c);
	ms_config_free(nospell);
	spelling();
	corpus_clean();
	ms_checker_new(NULL, NULL, &c, &h);
	CHECK(c, "ko", "Refoulement is prohibited.", "강제북송은 금지됩니다.", "",
	      "no glossary, no glossary checks");
	ms_checker_free(c);
	ms_checker_free(NULL);
	ms_glossary_free(glossary);
	return done_testing();
}

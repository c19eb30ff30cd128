/* test-xliff-api.c — XLIFF export and import in the library.
 *
 * 1. Export of a letter read from memory with a catalogue built by hand:
 *    states, inline tags as <g>/<x>, escaping of hostile translations,
 *    notes (role, tags, link targets, glossary), stable ids, duplicates.
 * 2. Reading our own export back gives the msgids and msgstrs again.
 * 3. Import: states, unknown units, broken tags, the resname-less
 *    fallback, conflicts, mrk/bx/ex, what counts as unchanged.
 * 4. Hostile and broken XML: DTDs refused, entities never expanded,
 *    malformed XML located, wrong version, wrong root. */
#include <config.h>
#include "missive.h"
#include "catalog.h"
#include "glossary.h"
#include "xliff.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ fixtures */

static const char letter_md[] =
	"---\n"
	"lang: en\n"
	"date: 2025-10-28\n"
	"segmentation: paragraph\n"
	"recipients:\n"
	"  - name: Lee Jae-myung\n"
	"    title: President of the Republic of Korea\n"
	"subject: The 80<sup>th</sup> session\n"
	"salutation: Dear President,\n"
	"closing: Sincerely,\n"
	"signatories:\n"
	"  groups:\n"
	"    - HanVoice\n"
	"---\n"
	"We urge <u>the government</u> to act.\n"
	"\n"
	"See [the report](https://example.org/r?a=1&b=2) now.\n"
	"\n"
	"Read *this* and **that**.\n"
	"\n"
	"Run `make` now.\n"
	"\n"
	"Republic of Korea\n"
	"\n"
	"Republic of Korea\n";

static const char glossary_yaml[] =
	"version: 1\n"
	"terms:\n"
	"  - id: government\n"
	"    source: [government]\n"
	"    ko:\n"
	"      required: [정부]\n";

#define HOSTILE "<1>보고서</1>를 보십시오 <script>alert(\"x\")</script> ]]> \x01\x1b end"

typedef struct diags {
	ms_buf text;        /* "LINE:COL: severity: message\n" per diagnostic */
} diags;

static void
collect(const ms_diag *d, void *data)
{
	diags *c = data;
	static const char *const sev[] = { "note", "warning", "error" };
	ms_buf_printf(&c->text, "%u:%u: %s: %s%s%s\n", d->line, d->column,
	              sev[d->severity], d->check ? d->check : "",
	              d->check ? ": " : "", d->message);
}

static ms_catalog *
make_catalog(void)
{
	ms_catalog *c = ms_catalog_new();
	ms_entry *e;
	e = ms_catalog_add(c, NULL, "We urge <1>the government</1> to act.", NULL, NULL);
	ms_entry_set_msgstr(e, "정부가 <1>행동</1>하기를 촉구합니다.", true);
	e = ms_catalog_add(c, NULL, "The 80<1>th</1> session", NULL, NULL);
	ms_entry_set_msgstr(e, "제80차 회기", true);
	e->fuzzy = true;
	e = ms_catalog_add(c, NULL, "See <1>the report</1> now.", NULL, NULL);
	ms_entry_set_msgstr(e, HOSTILE, true);
	e = ms_catalog_add(c, NULL, "Read <1>this</1> and <2>that</2>.", NULL, NULL);
	ms_entry_set_msgstr(e, "<1>이것</1>만 읽으십시오.", true);   /* tag 2 lost */
	e = ms_catalog_add(c, NULL, "Run <1/> now.", NULL, NULL);
	ms_entry_set_msgstr(e, "지금 <1/>을 실행하십시오.", true);
	e = ms_catalog_add(c, NULL, "Republic of Korea", NULL, NULL);
	ms_entry_set_msgstr(e, "대한민국", true);
	ms_catalog_add(c, NULL, "Sincerely,", NULL, NULL);   /* untranslated */
	e = ms_catalog_add(c, "label", "Re:", NULL, NULL);
	ms_entry_set_msgstr(e, "제목:", true);
	e = ms_catalog_add(c, NULL, "Groups", NULL, NULL);   /* same msgid, no context */
	ms_entry_set_msgstr(e, "단체들", true);
	return c;
}

/* The <trans-unit …>…</trans-unit> element of XML whose source is
 * SOURCE (as written in the XML); freshly allocated, "" when none. */
static char *
unit_of(const char *xml, const char *source)
{
	ms_buf want = MS_BUF_INIT;
	const char *at, *start, *end;
	char *r;
	ms_buf_printf(&want, "<source>%s</source>", source);
	at = strstr(xml, want.ptr);
	ms_buf_release(&want);
	if (!at)
		return ms_xstrdup("");
	for (start = at; start > xml && strncmp(start, "<trans-unit ", 12); start--)
		;
	end = strstr(at, "</trans-unit>");
	r = ms_xstrndup(start, (size_t)(end - start));
	return r;
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static const ms_xliff_unit *
find_unit(const ms_xliff_doc *d, const char *source)
{
	for (size_t i = 0; d && i < d->nfiles; i++)
		for (size_t k = 0; k < d->files[i].nunits; k++)
			if (!strcmp(d->files[i].units[k].source, source))
				return &d->files[i].units[k];
	return NULL;
}

/* ------------------------------------------------------------- export */

static void
test_export(ms_buf *xml)
{
	diags dg = { MS_BUF_INIT };
	ms_diag_handler h = { collect, &dg, 0, 0 };
	ms_letter *l = NULL;
	ms_catalog *po = make_catalog();
	ms_glossary *g = NULL;
	ms_buf again = MS_BUF_INIT;
	char id[17];
	char *u;

	INT_EQ(ms_reader_read_mem("corpus/t.md", letter_md, strlen(letter_md), &l, &h),
	       MS_OK, "the test letter reads");
	INT_EQ(ms_glossary_load_mem("g.yaml", glossary_yaml, strlen(glossary_yaml), &g, &h),
	       MS_OK, "the test glossary loads");
	if (!l || !g) {
		printf("# %s", dg.text.ptr);
		ms_catalog_free(po);
		ms_letter_free(l);
		ms_glossary_free(g);
		return;
	}
	INT_EQ(ms_xliff_write_letter(l, po, g, "ko", NULL, xml, &h), MS_OK, "export succeeds");
	INT_EQ(h.errors, 0, "no errors while exporting");

	OK(!strncmp(xml->ptr, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39), "XML declaration first");
	OK(strstr(xml->ptr, "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">") != NULL,
	   "XLIFF 1.2 root with its namespace");
	OK(strstr(xml->ptr, "<file original=\"corpus/t.md\" source-language=\"en\" target-language=\"ko\" datatype=\"plaintext\"") != NULL,
	   "one <file> with original, languages and datatype");

	/* translated, with a paired tag */
	u = unit_of(xml->ptr, "We urge <g id=\"1\" ctype=\"underlined\">the government</g> to act.");
	OK(*u, "underline becomes <g ctype=\"underlined\">");
	OK(strstr(u, "<target state=\"translated\">정부가 <g id=\"1\" ctype=\"underlined\">행동</g>하기를 촉구합니다.</target>") != NULL,
	   "a translated entry: state translated, tags in the target too");
	OK(strstr(u, "approved=\"yes\"") != NULL, "a translated entry is approved");
	OK(strstr(u, "<note from=\"developer\">body ¶1\ntag 1: underline</note>") != NULL,
	   "the developer note gives the role and the tag's meaning");
	OK(strstr(u, "<note from=\"glossary\">glossary: government → 정부 (ko)</note>") != NULL,
	   "glossary hints for the target language go into a glossary note");
	ms_xliff_unit_id(NULL, "We urge <1>the government</1> to act.", id);
	OK(strstr(u, id) != NULL, "the id is the hash of (msgctxt, msgid)");
	free(u);

	/* fuzzy */
	u = unit_of(xml->ptr, "The 80<g id=\"1\" ctype=\"x-superscript\">th</g> session");
	OK(strstr(u, "<target state=\"needs-review-translation\">제80차 회기</target>") != NULL,
	   "a fuzzy entry is needs-review-translation");
	OK(!strstr(u, "approved="), "a fuzzy entry is not approved");
	OK(strstr(u, "ordinal suffix") != NULL, "the ordinal superscript is explained");
	free(u);

	/* hostile translation, link URL kept out of the content */
	u = unit_of(xml->ptr, "See <g id=\"1\" ctype=\"link\">the report</g> now.");
	OK(*u, "a link becomes <g ctype=\"link\">");
	OK(strstr(u, "&lt;script&gt;alert(\"x\")&lt;/script&gt;") != NULL, "<script> in a translation is escaped text");
	OK(!strstr(u, "<script"), "no markup comes from a translation");
	OK(strstr(u, "]]&gt;") != NULL, "]]> is escaped");
	OK(!strchr(u, '\x01') && !strchr(u, '\x1b'), "C0 control characters are left out");
	OK(strstr(u, " end</target>") != NULL, "text after control characters is kept");
	OK(strstr(u, "tag 1: link to https://example.org/r?a=1&amp;b=2") != NULL,
	   "the link target is in the note, escaped");
	OK(!strstr(strstr(u, "<source>"), "example.org") || strstr(strstr(u, "<source>"), "<note") < strstr(strstr(u, "<source>"), "example.org"),
	   "the URL is not in the source or target");
	free(u);

	/* broken tags in a translation */
	u = unit_of(xml->ptr, "Read <g id=\"1\" ctype=\"italic\">this</g> and <g id=\"2\" ctype=\"bold\">that</g>.");
	OK(strstr(u, "<target state=\"needs-review-translation\">&lt;1&gt;이것&lt;/1&gt;만 읽으십시오.</target>") != NULL,
	   "a translation with broken tags is for review, its tags shown as text");
	OK(strstr(u, "do not match the source") != NULL, "and the note says why");
	free(u);

	/* empty tag */
	u = unit_of(xml->ptr, "Run <x id=\"1\" ctype=\"x-code\"/> now.");
	OK(strstr(u, "<target state=\"translated\">지금 <x id=\"1\" ctype=\"x-code\"/>을 실행하십시오.</target>") != NULL,
	   "a code span is <x/> in source and target");
	OK(strstr(u, "tag 1: code, keep as is (make)") != NULL, "the note shows the code");
	free(u);

	/* untranslated, missing from the catalogue, label */
	u = unit_of(xml->ptr, "Sincerely,");
	OK(strstr(u, "<target state=\"new\"/>") != NULL, "an untranslated entry is new with an empty target");
	free(u);
	u = unit_of(xml->ptr, "Dear President,");
	OK(strstr(u, "<target state=\"new\"/>") != NULL, "a unit missing from the catalogue is new");
	free(u);
	u = unit_of(xml->ptr, "Re:");
	OK(strstr(u, "resname=\"label\"") != NULL, "the msgctxt goes into resname");
	OK(strstr(u, "<target state=\"translated\">제목:</target>") != NULL, "labels are found with their context");
	free(u);
	u = unit_of(xml->ptr, "Groups");
	OK(strstr(u, "state=\"new\"") != NULL, "a label is not matched to an entry without context");
	free(u);
	u = unit_of(xml->ptr, "HanVoice");
	OK(!strstr(u, "resname="), "no resname without a msgctxt");
	free(u);

	/* duplicates */
	INT_EQ(count(xml->ptr, "<source>Republic of Korea</source>"), 1,
	       "a unit that occurs twice is one trans-unit");
	u = unit_of(xml->ptr, "Republic of Korea");
	OK(strstr(u, "body ¶5\nalso: body ¶6") != NULL, "its note lists every role");
	free(u);

	/* stable */
	INT_EQ(ms_xliff_write_letter(l, po, g, "ko", NULL, &again, &h), MS_OK, "second export");
	OK(!strcmp(again.ptr, xml->ptr), "exporting twice gives the same bytes");
	ms_buf_reset(&again);
	INT_EQ(ms_xliff_write_letter(l, NULL, NULL, "es", NULL, &again, &h), MS_OK,
	       "export without catalogue or glossary");
	INT_EQ(count(again.ptr, "<target state=\"new\"/>"), count(again.ptr, "<trans-unit "),
	       "without a catalogue every unit is new");
	OK(!strstr(again.ptr, "from=\"glossary\""), "without a glossary no glossary notes");
	OK(strstr(again.ptr, "target-language=\"es\"") != NULL, "the target language is the one asked for");
	ms_xliff_unit_id(NULL, "We urge <1>the government</1> to act.", id);
	OK(strstr(again.ptr, id) != NULL, "ids do not depend on the language or catalogue");

	ms_buf_release(&again);
	ms_buf_release(&dg.text);
	ms_glossary_free(g);
	ms_catalog_free(po);
	ms_letter_free(l);
}

/* --------------------------------------------------------- read back */

static void
test_read_back(const ms_buf *xml)
{
	diags dg = { MS_BUF_INIT };
	ms_diag_handler h = { collect, &dg, 0, 0 };
	ms_xliff_doc *d = NULL;
	ms_catalog *po = make_catalog();
	const ms_xliff_unit *u;
	ms_xliff_importer *imp;
	ms_xliff_stats st;

	INT_EQ(ms_xliff_read_mem("t.xlf", xml->ptr, xml->len, &d, &h), MS_OK, "our export reads back");
	INT_EQ(h.errors + h.warnings, 0, "without complaint");
	if (!d) {
		printf("# %s", dg.text.ptr);
		ms_catalog_free(po);
		return;
	}
	STR_EQ(d->version, "1.2", "version 1.2");
	INT_EQ(d->nfiles, 1, "one file");
	STR_EQ(d->files[0].target_lang, "ko", "its target-language");
	STR_EQ(d->files[0].source_lang, "en", "its source-language");
	STR_EQ(d->files[0].original, "corpus/t.md", "its original");
	u = find_unit(d, "We urge <1>the government</1> to act.");
	OK(u != NULL, "<g> comes back as <1>…</1>");
	STR_EQ(u ? u->target : NULL, "정부가 <1>행동</1>하기를 촉구합니다.", "and so does the target");
	INT_EQ(u ? (int)u->state : -1, MS_XLIFF_FINAL, "translated is final");
	u = find_unit(d, "Run <1/> now.");
	STR_EQ(u ? u->target : NULL, "지금 <1/>을 실행하십시오.", "<x/> comes back as <1/>");
	u = find_unit(d, "See <1>the report</1> now.");
	STR_EQ(u ? u->target : NULL, "<1>보고서</1>를 보십시오 <script>alert(\"x\")</script> ]]>  end",
	       "escaped text comes back as the same text (controls dropped)");
	u = find_unit(d, "The 80<1>th</1> session");
	INT_EQ(u ? (int)u->state : -1, MS_XLIFF_REVIEW, "needs-review-translation is review");
	u = find_unit(d, "Re:");
	STR_EQ(u ? u->msgctxt : NULL, "label", "resname comes back as the msgctxt");
	u = find_unit(d, "Sincerely,");
	STR_EQ(u ? u->target : NULL, "", "an empty target is empty");
	INT_EQ(u ? (int)u->state : -1, MS_XLIFF_UNFINISHED, "new is unfinished");

	/* importing our own export into the catalogue it came from changes
	 * nothing but the broken and hostile units' fate */
	imp = ms_xliff_importer_new(po, "ko.po");
	ms_xliff_import(imp, &d->files[0], "t.xlf", &h);
	ms_xliff_importer_stats(imp, &st);
	INT_EQ(ms_xliff_importer_count(imp), 1, "re-importing an export changes one entry only");
	STR_EQ(ms_xliff_importer_count(imp) ? ms_xliff_importer_entry(imp, 0)->msgstr : NULL,
	       "<1>보고서</1>를 보십시오 <script>alert(\"x\")</script> ]]>  end",
	       "the one whose control characters XML could not carry");
	INT_EQ(st.broken, 1, "the unit whose tags were broken is refused again");
	OK(strstr(dg.text.ptr, "inline-tags: unit '") != NULL, "refused with an inline-tags error naming the unit");
	ms_xliff_importer_free(imp);

	ms_xliff_doc_free(d);
	ms_catalog_free(po);
	ms_buf_release(&dg.text);
}

/* ------------------------------------------------------------- import */

static const char import_xlf[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
	" <file original=\"t.md\" source-language=\"en\" target-language=\"ko\" datatype=\"plaintext\">\n"
	"  <body>\n"
	"   <trans-unit id=\"a\"><source>We urge <g id=\"1\">the government</g> to act.</source>\n"
	"    <target state=\"final\"><g id=\"1\">정부</g>가 행동하기를 촉구합니다.</target></trans-unit>\n"
	"   <trans-unit id=\"b\"><source>The 80<g id=\"1\">th</g> session</source>\n"
	"    <target state=\"signed-off\">제80차 회기</target></trans-unit>\n"
	"   <trans-unit id=\"c\"><source>Sincerely,</source>\n"
	"    <target state=\"needs-review-translation\">드림</target></trans-unit>\n"
	"   <trans-unit id=\"d\"><source>Republic of Korea</source>\n"
	"    <target state=\"new\">무시</target></trans-unit>\n"
	"   <trans-unit id=\"e\"><source>Not in the catalogue</source>\n"
	"    <target state=\"translated\">없음</target></trans-unit>\n"
	"   <trans-unit id=\"f\"><source>Read <g id=\"1\">this</g> and <g id=\"2\">that</g>.</source>\n"
	"    <target state=\"translated\"><g id=\"2\">저것</g></target></trans-unit>\n"
	"   <trans-unit id=\"g\"><source>Run <x id=\"1\"/> now.</source>\n"
	"    <target state=\"translated\">지금 <ph id=\"1\">make</ph> 실행</target></trans-unit>\n"
	"   <group><trans-unit id=\"h\"><source>Re:</source>\n"
	"    <target>건:</target></trans-unit></group>\n"
	"   <trans-unit id=\"i\" resname=\"label\"><source>Groups</source>\n"
	"    <target state=\"translated\">단체</target></trans-unit>\n"
	"   <trans-unit id=\"j\"><source>See <g id=\"1\">the report</g> now.</source>\n"
	"    <target state=\"translated\"><mrk mtype=\"seg\" mid=\"1\"><bx id=\"1\"/>보고서<ex id=\"2\" rid=\"1\"/>를 보십시오.</mrk></target></trans-unit>\n"
	"   <trans-unit id=\"k\"><source>Republic of Korea</source>\n"
	"    <target state=\"translated\">한국</target></trans-unit>\n"
	"   <trans-unit id=\"l\"><source>Republic of Korea</source>\n"
	"    <target state=\"translated\">대한민국</target></trans-unit>\n"
	"   <trans-unit id=\"m\"><source>Dear President,</source></trans-unit>\n"
	"   <trans-unit id=\"n\"><target>no source</target></trans-unit>\n"
	"   <trans-unit id=\"o\" translate=\"no\"><source>HanVoice</source><target>한보이스</target></trans-unit>\n"
	"   <trans-unit id=\"p\"><source>Run <x id=\"1\"/> now.</source>\n"
	"    <target state=\"x-custom\">무엇</target></trans-unit>\n"
	"  </body>\n"
	" </file>\n"
	"</xliff>\n";

static void
test_import(void)
{
	diags dg = { MS_BUF_INIT };
	ms_diag_handler h = { collect, &dg, 0, 0 };
	ms_xliff_doc *d = NULL;
	ms_catalog *po = make_catalog();
	ms_xliff_importer *imp;
	ms_xliff_stats st;
	ms_entry *e;
	ms_status s;

	INT_EQ(ms_xliff_read_mem("in.xlf", import_xlf, strlen(import_xlf), &d, &h), MS_OK,
	       "a hand-written XLIFF reads");
	if (!OK(strstr(dg.text.ptr, "30:0: error: trans-unit 'n' has no <source>") != NULL,
	        "a trans-unit without source is a located error"))
		printf("#   got: %s", dg.text.ptr);
	OK(strstr(dg.text.ptr, "unknown state 'x-custom'") != NULL, "an unknown state is a warning");
	if (!d) {
		ms_catalog_free(po);
		ms_buf_release(&dg.text);
		return;
	}
	ms_buf_reset(&dg.text);
	h.errors = h.warnings = 0;
	imp = ms_xliff_importer_new(po, "ko.po");
	s = ms_xliff_import(imp, &d->files[0], "in.xlf", &h);
	INT_EQ(s, MS_ERR_INVALID, "refused units make the import report MS_ERR_INVALID");
	ms_xliff_importer_stats(imp, &st);

	e = ms_catalog_find(po, NULL, "We urge <1>the government</1> to act.");
	STR_EQ(e->msgstr, "<1>정부</1>가 행동하기를 촉구합니다.", "final: the msgstr is replaced");
	OK(!e->fuzzy, "final: not fuzzy");
	e = ms_catalog_find(po, NULL, "The 80<1>th</1> session");
	OK(!e->fuzzy && !strcmp(e->msgstr, "제80차 회기"), "signed-off on a fuzzy entry with the same text clears fuzzy");
	e = ms_catalog_find(po, NULL, "Sincerely,");
	STR_EQ(e->msgstr, "드림", "needs-review: the msgstr is set");
	OK(e->fuzzy, "needs-review: and the entry is fuzzy");
	e = ms_catalog_find(po, NULL, "Republic of Korea");
	STR_EQ(e->msgstr, "대한민국", "state new is not imported; the later unit of a conflict wins");
	if (!OK(strstr(dg.text.ptr, "unit 'l' translates the same text as unit 'k' at in.xlf:25 differently") != NULL,
	        "two units translating one entry differently are reported"))
		printf("#   got: %s", dg.text.ptr);
	OK(strstr(dg.text.ptr, "warning: unit 'e' (\"Not in the catalogue\") is not in ko.po: skipped") != NULL,
	   "a unit not in the catalogue is a warning");
	e = ms_catalog_find(po, NULL, "Read <1>this</1> and <2>that</2>.");
	STR_EQ(e->msgstr, "<1>이것</1>만 읽으십시오.", "a target missing a tag is not imported");
	OK(strstr(dg.text.ptr, "15:0: error: inline-tags: unit 'f' not imported: tag <1> of the source text is missing") != NULL,
	   "its error names the unit and the tag at the unit's line");
	e = ms_catalog_find(po, NULL, "Run <1/> now.");
	STR_EQ(e->msgstr, "지금 <1/>을 실행하십시오.", "a target with an unsupported element is not imported");
	OK(strstr(dg.text.ptr, "unit 'g' not imported: unsupported inline element <ph>") != NULL,
	   "its error names the element");
	e = ms_catalog_find(po, "label", "Re:");
	STR_EQ(e->msgstr, "건:", "no state and a target: imported; no resname finds the one entry with that msgid");
	e = ms_catalog_find(po, NULL, "Groups");
	STR_EQ(e->msgstr, "단체들", "a resname that does not match is not guessed");
	e = ms_catalog_find(po, NULL, "See <1>the report</1> now.");
	STR_EQ(e->msgstr, "<1>보고서</1>를 보십시오.", "mrk is transparent, bx/ex become <1> and </1>");
	INT_EQ(st.imported, 4, "four entries imported as final");
	INT_EQ(st.review, 1, "one for review");
	INT_EQ(st.broken, 2, "two refused");
	INT_EQ(st.unknown, 2, "two unknown (one with a resname not in the catalogue)");
	INT_EQ(st.conflicts, 1, "one conflict");
	INT_EQ(st.unfinished, 4, "four without a usable target");
	INT_EQ(ms_xliff_importer_count(imp), 5, "five entries changed");
	e = ms_xliff_importer_entry(imp, 0);
	STR_EQ(e ? e->msgid : NULL, "We urge <1>the government</1> to act.", "changed entries in the order of the units");
	OK(ms_xliff_importer_entry(imp, 5) == NULL, "past the end is NULL");

	/* the same file again changes nothing more */
	ms_xliff_importer_free(imp);
	imp = ms_xliff_importer_new(po, "ko.po");
	ms_xliff_import(imp, &d->files[0], "in.xlf", NULL);
	INT_EQ(ms_xliff_importer_count(imp), 0, "importing twice changes nothing the second time");
	ms_xliff_importer_stats(imp, &st);
	OK(st.unchanged >= 5, "everything imported before is unchanged");
	ms_xliff_importer_free(imp);

	ms_xliff_doc_free(d);
	ms_catalog_free(po);
	ms_buf_release(&dg.text);
}

/* ------------------------------------------------------------ hostile */

typedef struct bad_case {
	const char *name;
	const char *xml;
	ms_status want;
	const char *message;   /* expected in the diagnostics */
} bad_case;

static const bad_case bad_cases[] = {
	{ "billion laughs",
	  "<?xml version=\"1.0\"?>\n"
	  "<!DOCTYPE xliff [\n"
	  " <!ENTITY a \"lol\">\n"
	  " <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	  " <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	  " <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
	  "]>\n"
	  "<xliff version=\"1.2\"><file target-language=\"ko\"><body><trans-unit id=\"1\"><source>x</source><target>&d;</target></trans-unit></body></file></xliff>\n",
	  MS_ERR_PARSE, "2:0: error: a document type declaration (DOCTYPE) is not accepted" },
	{ "external entity",
	  "<?xml version=\"1.0\"?>\n"
	  "<!DOCTYPE xliff [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
	  "<xliff version=\"1.2\"><file target-language=\"ko\"><body><trans-unit id=\"1\"><source>x</source><target>&xxe;</target></trans-unit></body></file></xliff>\n",
	  MS_ERR_PARSE, "DOCTYPE" },
	{ "external DTD",
	  "<?xml version=\"1.0\"?>\n"
	  "<!DOCTYPE xliff SYSTEM \"http://127.0.0.1:9/x.dtd\">\n"
	  "<xliff version=\"1.2\"/>\n",
	  MS_ERR_PARSE, "DOCTYPE" },
	{ "undeclared entity",
	  "<?xml version=\"1.0\"?>\n"
	  "<xliff version=\"1.2\">\n"
	  "<file><body><trans-unit id=\"1\"><source>&boom;</source></trans-unit></body></file></xliff>\n",
	  MS_ERR_PARSE, "3:" },
	{ "unclosed element",
	  "<?xml version=\"1.0\"?>\n"
	  "<xliff version=\"1.2\">\n"
	  "<file>\n"
	  "<body>\n"
	  "</file>\n",
	  MS_ERR_PARSE, "5:" },
	{ "not XML at all",
	  "msgid \"x\"\nmsgstr \"y\"\n",
	  MS_ERR_PARSE, "1:" },
	{ "XLIFF 2.0",
	  "<?xml version=\"1.0\"?>\n"
	  "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\"/>\n",
	  MS_ERR_INVALID, "2:0: error: XLIFF version '2.0' is not supported" },
	{ "no version",
	  "<xliff/>",
	  MS_ERR_INVALID, "has no version" },
	{ "wrong namespace",
	  "<xliff version=\"1.2\" xmlns=\"urn:example\"/>",
	  MS_ERR_INVALID, "unexpected namespace" },
	{ "not XLIFF",
	  "<?xml version=\"1.0\"?>\n<html><body/></html>\n",
	  MS_ERR_INVALID, "the root element is <html>" },
	{ "empty",
	  "",
	  MS_ERR_PARSE, "error" },
	{ "invalid UTF-8",
	  "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>\xff</source></trans-unit></body></file></xliff>",
	  MS_ERR_PARSE, "1:" },
};

static void
test_hostile(void)
{
	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		const bad_case *c = &bad_cases[i];
		diags dg = { MS_BUF_INIT };
		ms_diag_handler h = { collect, &dg, 0, 0 };
		ms_xliff_doc *d = (ms_xliff_doc *)&dg;   /* must be reset */
		ms_status s = ms_xliff_read_mem("bad.xlf", c->xml, strlen(c->xml), &d, &h);
		INT_EQ(s, c->want, "%s: refused with the right status", c->name);
		OK(d == NULL, "%s: no document", c->name);
		OK(h.errors == 1, "%s: exactly one error", c->name);
		if (!OK(strstr(dg.text.ptr, c->message) != NULL, "%s: the error says \"%s\"", c->name, c->message))
			printf("#   got: %s", dg.text.ptr);
		OK(!strstr(dg.text.ptr, "lollol") && !strstr(dg.text.ptr, "root:"),
		   "%s: nothing was expanded or read", c->name);
		ms_buf_release(&dg.text);
	}
	/* a file that does not exist */
	{
		diags dg = { MS_BUF_INIT };
		ms_diag_handler h = { collect, &dg, 0, 0 };
		ms_xliff_doc *d = NULL;
		INT_EQ(ms_xliff_read(TOP_BUILDDIR "/no/such.xlf", &d, &h), MS_ERR_NOT_FOUND,
		       "a missing file is MS_ERR_NOT_FOUND");
		ms_buf_release(&dg.text);
	}
	/* XLIFF 1.1, as Translate Toolkit writes it, without a namespace prefix problem */
	{
		static const char v11[] =
			"<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.1\" version=\"1.1\">"
			"<file original=\"ko.po\" source-language=\"en-US\" datatype=\"po\"><body>"
			"<trans-unit id=\"1\" restype=\"x-gettext-domain-header\"><source>Language: ko</source></trans-unit>"
			"<group restype=\"x-gettext-plurals\"><trans-unit id=\"2[0]\"><source>one</source><target>하나</target></trans-unit></group>"
			"<trans-unit id=\"3\"><source>&lt;1&gt;x&lt;/1&gt;</source><target><![CDATA[<1>y</1>]]></target></trans-unit>"
			"</body></file></xliff>";
		diags dg = { MS_BUF_INIT };
		ms_diag_handler h = { collect, &dg, 0, 0 };
		ms_xliff_doc *d = NULL;
		INT_EQ(ms_xliff_read_mem("v11.xlf", v11, strlen(v11), &d, &h), MS_OK, "XLIFF 1.1 reads");
		INT_EQ(d ? d->files[0].nunits : 0, 2, "the PO header unit is left out");
		OK(d && d->files[0].units[0].plural, "a unit in a gettext plural group is marked");
		OK(d && d->files[0].target_lang == NULL, "no target-language is NULL");
		STR_EQ(d ? d->files[0].units[1].source : NULL, "<1>x</1>", "tags written as escaped text are tags");
		STR_EQ(d ? d->files[0].units[1].target : NULL, "<1>y</1>", "CDATA is text");
		ms_xliff_doc_free(d);
		ms_buf_release(&dg.text);
	}
	ms_xliff_doc_free(NULL);
	ms_xliff_importer_free(NULL);
}

int
main(void)
{
	ms_buf xml = MS_BUF_INIT;
	test_export(&xml);
	test_read_back(&xml);
	test_import();
	test_hostile();
	ms_buf_release(&xml);
	return done_testing();
}

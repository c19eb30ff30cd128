/* test-tm.c — the translation memory's pieces through the library:
 * inline tags as tokens and their mapping onto a new source, TMX read
 * and write (round trip, inline codes, located problems, hostile
 * documents), and the Apertium stream format in both directions (the
 * engine itself is driven by tests/test-mt.sh). */
#include "internal.h"
#include "tm-tags.h"
#include "tmx.h"
#include "mt.h"
#include "tm.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- helpers */

typedef struct diags {
	ms_buf text;     /* "LINE:COL: message\n" per diagnostic */
} diags;

static void
collect(const ms_diag *d, void *data)
{
	diags *x = data;
	ms_buf_printf(&x->text, "%u:%u: %s: %s\n", d->line, d->column,
	              d->severity == MS_ERROR ? "error" : "warning", d->message);
}

typedef struct units {
	ms_buf text;     /* "ctx|lang=text|lang=text\n" per unit */
	size_t n;
} units;

static void
on_tu(const ms_tmx_tu *tu, void *data)
{
	units *u = data;
	ms_buf_printf(&u->text, "%s", tu->context ? tu->context : "-");
	for (size_t i = 0; i < tu->ntuvs; i++)
		ms_buf_printf(&u->text, "|%s=%s", tu->tuvs[i].lang, tu->tuvs[i].text);
	ms_buf_putc(&u->text, '\n');
	u->n++;
}

/* Read DOC; the units into U, the diagnostics into D; returns the status. */
static ms_status
read_doc(const char *doc, units *u, diags *d, ms_tmx_info *info)
{
	ms_diag_handler h = { collect, d, 0, 0 };
	ms_buf_init(&u->text, 0);
	ms_buf_init(&d->text, 0);
	u->n = 0;
	return ms_tmx_read_mem("m.tmx", doc, strlen(doc), on_tu, u, info, &h);
}

static void
release(units *u, diags *d, ms_tmx_info *info)
{
	ms_buf_release(&u->text);
	ms_buf_release(&d->text);
	ms_tmx_info_release(info);
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n" \
	"<header srclang=\"en\" creationtool=\"t\"/>\n<body>\n"
#define TAIL "</body>\n</tmx>\n"

/* ---------------------------------------------------------------- tags */

static void
test_tags(void)
{
	ms_tm_tok *t;
	size_t n;
	char *m;
	ms_buf b = MS_BUF_INIT;

	OK(ms_tm_tags_split("Read <1>this <2/></1> a < b <9", &t, &n), "split well-formed text");
	INT_EQ(n, 6, "six tokens");
	INT_EQ(t[1].kind, MS_TM_TOK_OPEN, "an opening tag");
	INT_EQ(t[1].num, 1, "numbered 1");
	INT_EQ(t[1].off, 5, "at its byte offset");
	INT_EQ(t[3].kind, MS_TM_TOK_EMPTY, "an empty tag");
	INT_EQ(t[5].kind, MS_TM_TOK_TEXT, "'<' that is no tag stays text");
	INT_EQ(t[5].off + t[5].len, strlen("Read <1>this <2/></1> a < b <9"), "the last token ends the text");
	free(t);
	OK(!ms_tm_tags_split("a <1>b", &t, &n), "an unclosed tag is refused");
	OK(!ms_tm_tags_split("a <1>b <2>c</1></2>", &t, &n), "crossing tags are refused");
	OK(!ms_tm_tags_split("<1/> and <1>x</1>", &t, &n), "one number paired and empty is refused");

	ms_tm_tags_strip("The <1>red</1> car<2/>.", &b);
	STR_EQ(b.ptr, "The red car.", "strip keeps the text only");
	ms_buf_release(&b);

	m = ms_tm_tags_map("Read <1>this</1> now.", "Lee <1>esto</1> ya.", "Read <1>this</1> now.");
	STR_EQ(m, "Lee <1>esto</1> ya.", "same tags: the target as it is");
	free(m);
	m = ms_tm_tags_map("See <1>the report</1> and <2/> the <3>annex</3>.",
	                   "Véase <3>el anexo</3>, <2/> y <1>el informe</1>.",
	                   "See <2>the report</2> and <3/> the <1>annex</1>.");
	/* memory 1 (paired) → new 2?  No: by position, the k-th tag of the
	 * memory's source becomes the k-th tag of the new source */
	STR_EQ(m, "Véase <1>el anexo</1>, <3/> y <2>el informe</2>.",
	       "tags renumbered in order of appearance");
	free(m);
	m = ms_tm_tags_map("A <1>b</1> <2/> c.", "Una <2/> <1>b</1> c.", "A <1/> <2>b</2> c.");
	STR_EQ(m, "Una <1/> <2>b</2> c.", "same counts in another order: paired to paired, empty to empty");
	free(m);
	m = ms_tm_tags_map("The <1>red</1> car.", "El coche <1>rojo</1>.", "The red car.");
	STR_EQ(m, "El coche rojo.", "a new source without tags: the tags are dropped");
	free(m);
	OK(!(m = ms_tm_tags_map("The red car.", "El coche rojo.", "The <1>red</1> car.")),
	   "tags the memory cannot place: no match");
	free(m);
	OK(!(m = ms_tm_tags_map("The <1>red</1> car.", "El <1>coche</1> <2>rojo</2>.", "The <1>red</1> car.")),
	   "a memory target with a tag its source lacks: no match");
	free(m);
}

/* ------------------------------------------------------------------ TMX */

static void
test_tmx_read(void)
{
	units u;
	diags d;
	ms_tmx_info info = { 0 };
	ms_status st;

	st = read_doc(HEAD
	              "<tu tuid=\"7\"><note>n1</note><prop type=\"x-context\">label</prop>"
	              "<tuv xml:lang=\"en\"><seg>Re:</seg></tuv><tuv xml:lang=\"es-ES\"><seg>Asunto:</seg></tuv></tu>\n"
	              "<tu><tuv xml:lang=\"en\"><seg>Read <bpt i=\"5\" x=\"1\">&lt;b&gt;</bpt>this<ept i=\"5\">&lt;/b&gt;</ept>"
	              " <ph x=\"2\">&lt;br/&gt;</ph> &amp; <hi>that</hi> <it pos=\"begin\">x</it></seg></tuv>"
	              "<tuv lang=\"es\"><seg>Lee <bpt i=\"5\">b</bpt>esto<ept i=\"5\">/b</ept> <ph/> y <hi>eso</hi> <it/></seg></tuv></tu>\n"
	              TAIL, &u, &d, &info);
	INT_EQ(st, MS_OK, "a valid memory reads");
	STR_EQ(u.text.ptr,
	       "label|en=Re:|es-ES=Asunto:\n"
	       "-|en=Read <1>this</1> <2/> & <3>that</3> <4/>|es=Lee <1>esto</1> <2/> y <3>eso</3> <4/>\n",
	       "units, contexts and inline codes as tagged text (TMX 1.1 lang too)");
	STR_EQ(d.text.ptr, "", "no problems");
	INT_EQ(info.units, 2, "two units");
	INT_EQ(info.variants, 4, "four variants");
	STR_EQ(info.srclang, "en", "srclang from the header");
	STR_EQ(info.langs ? info.langs[1] : NULL, "es-ES", "languages in order of appearance");
	INT_EQ(info.lang_counts ? info.lang_counts[0] : 0, 2, "two English variants");
	release(&u, &d, &info);

	/* the DOCTYPE Translate Toolkit and OmegaT write is accepted, never read */
	st = read_doc("<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"http://example.invalid/tmx14.dtd\">\n"
	              "<tmx version=\"1.4\"><header srclang=\"en\"/><body><tu>"
	              "<tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv xml:lang=\"es\"><seg>b</seg></tuv>"
	              "</tu></body></tmx>", &u, &d, &info);
	INT_EQ(st, MS_OK, "a DOCTYPE naming the DTD is accepted");
	INT_EQ(u.n, 1, "and its unit read");
	release(&u, &d, &info);
}

static void
test_tmx_problems(void)
{
	units u;
	diags d;
	ms_tmx_info info = { 0 };
	ms_status st;

	st = read_doc(HEAD
	              "<tu><tuv xml:lang=\"en\"><seg>a <bpt i=\"1\"/>b<bpt i=\"2\"/>c<ept i=\"1\"/></seg></tuv>"
	              "<tuv xml:lang=\"es\"><seg>z</seg></tuv></tu>\n"
	              "<tu><tuv xml:lang=\"en\"><seg>a <foo/></seg></tuv><tuv xml:lang=\"es\"><seg>b</seg></tuv></tu>\n"
	              "<tu><tuv><seg>a</seg></tuv><tuv xml:lang=\"es\"><seg>b</seg></tuv></tu>\n"
	              "<tu><tuv xml:lang=\"en\"><seg>ok</seg></tuv><tuv xml:lang=\"es\"></tuv></tu>\n"
	              "<tu><tuv xml:lang=\"en\"><seg>only one</seg></tuv></tu>\n"
	              "  <tu><tuv xml:lang=\"en\"><seg>good</seg></tuv><tuv xml:lang=\"es\"><seg>bueno</seg></tuv></tu>\n"
	              TAIL, &u, &d, &info);
	INT_EQ(st, MS_OK, "a memory with bad units still reads");
	STR_EQ(u.text.ptr, "-|en=good|es=bueno\n", "only the good unit is passed on");
	INT_EQ(info.skipped, 5, "five units skipped");
	STR_EQ(d.text.ptr,
	       "5:57: error: <ept i=\"1\"> crosses another inline element (missive needs nested tags)\n"
	       "5:5: error: <bpt i=\"2\"> has no <ept>\n"
	       "6:31: error: <foo> is not allowed in <seg>\n"
	       "7:5: error: <tuv> without xml:lang\n"
	       "8:43: error: <tuv> without <seg>\n"
	       "9:1: warning: translation unit with fewer than two variants left out\n",
	       "each problem located at its element (line:column)");
	INT_EQ(info.errors, 5, "five errors counted");
	release(&u, &d, &info);

	st = read_doc("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"en\"/>\n<body>\n"
	              "<tu>\n<tuv xml:lang=\"en\"><seg>a</seg>\n</tu>\n</body></tmx>\n", &u, &d, &info);
	INT_EQ(st, MS_ERR_PARSE, "malformed XML is a parse error");
	STR_EQ(d.text.ptr, "7:6: error: malformed XML: opening and ending tag mismatch: tuv line 6 and tu\n",
	       "located where libxml2 found it");
	release(&u, &d, &info);

	st = read_doc("<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n<!ENTITY a \"aaaaaaaaaa\">\n"
	              "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n"
	              "<tmx version=\"1.4\"><header srclang=\"en\"/><body><tu><tuv xml:lang=\"en\"><seg>&b;</seg>"
	              "</tuv></tu></body></tmx>", &u, &d, &info);
	INT_EQ(st, MS_ERR_PARSE, "entity declarations are refused");
	OK(strstr(d.text.ptr, "3:") == d.text.ptr && strstr(d.text.ptr, "entity declaration 'a'"),
	   "at the first declaration");
	INT_EQ(u.n, 0, "nothing read");
	release(&u, &d, &info);

	st = read_doc("<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"file:///etc/passwd\">\n"
	              "<tmx version=\"1.4\"><header srclang=\"en\"/><body><tu>"
	              "<tuv xml:lang=\"en\"><seg>&xxe;</seg></tuv></tu></body></tmx>", &u, &d, &info);
	INT_EQ(st, MS_ERR_PARSE, "a reference to an entity of an external DTD is refused");
	OK(strstr(d.text.ptr, "entity reference 'xxe'") != NULL, "and named");
	OK(!strstr(d.text.ptr, "root:"), "the DTD was not read");
	release(&u, &d, &info);

	st = read_doc("<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"/>", &u, &d, &info);
	INT_EQ(st, MS_ERR_INVALID, "another root element is invalid");
	STR_EQ(d.text.ptr, "2:1: error: the root element is <xliff>, not <tmx>\n", "said so at the root");
	release(&u, &d, &info);

	st = read_doc("", &u, &d, &info);
	INT_EQ(st, MS_ERR_PARSE, "an empty file is refused");
	release(&u, &d, &info);

	st = read_doc("<tmx version=\"1.1\"><body/></tmx>", &u, &d, &info);
	INT_EQ(st, MS_ERR_INVALID, "a body without a header is invalid");
	STR_EQ(d.text.ptr, "1:1: warning: TMX version '1.1', not 1.4: read as 1.4\n"
	       "1:20: error: <body> comes without a <header> before it\n", "both said");
	release(&u, &d, &info);
}

static void
test_tmx_write(void)
{
	ms_tmx_writer *w = ms_tmx_writer_new("en", "9.9");
	ms_buf out = MS_BUF_INIT;
	units u;
	diags d;
	ms_tmx_info info = { 0 };

	OK(ms_tmx_writer_add(w, "label", "Re:", "es", "Asunto:", NULL), "a unit with a context");
	OK(ms_tmx_writer_add(w, NULL, "Read <1>this</1> & <2/> \"now\" <3>x</3>.", "es",
	                     "Lee <3>x</3> <1>esto</1> & <2/> «ya».", "from po/es.po"),
	   "a unit with tags moved in the translation");
	OK(ms_tmx_writer_add(w, NULL, "Control\x01 char and bad \xff byte", "es", "Control", NULL),
	   "text XML cannot carry is cleaned");
	OK(!ms_tmx_writer_add(w, NULL, "Broken <1>tag", "es", "Roto", NULL), "malformed tags are refused");
	INT_EQ(ms_tmx_writer_count(w), 3, "three units");
	ms_tmx_writer_finish(w, &out);
	ms_tmx_writer_free(w);
	OK(strstr(out.ptr, "<bpt i=\"1\" x=\"1\">&lt;1&gt;</bpt>this<ept i=\"1\">&lt;/1&gt;</ept>") != NULL,
	   "paired tags as bpt/ept with the tag as native code");
	OK(strstr(out.ptr, "<ph x=\"2\">&lt;2/&gt;</ph>") != NULL, "empty tags as ph");
	OK(strstr(out.ptr, "<prop type=\"x-context\">label</prop>") != NULL, "the context as a prop");

	INT_EQ(read_doc(out.ptr, &u, &d, &info), MS_OK, "our own TMX reads back");
	STR_EQ(u.text.ptr,
	       "label|en=Re:|es=Asunto:\n"
	       "-|en=Read <1>this</1> & <2/> \"now\" <3>x</3>.|es=Lee <1>x</1> <2>esto</2> & <3/> «ya».\n"
	       "-|en=Control char and bad \xef\xbf\xbd byte|es=Control\n",
	       "round trip: text, contexts; tags renumbered in order of appearance in each variant");
	STR_EQ(d.text.ptr, "", "without a problem");
	release(&u, &d, &info);
	ms_buf_release(&out);
}

/* ------------------------------------------------------------ Apertium */

static bool
never_keep(const ms_mt_term *t, const char *engine_text, void *data)
{
	(void)t;
	(void)engine_text;
	(void)data;
	return false;
}

static bool
keep_plural(const ms_mt_term *t, const char *engine_text, void *data)
{
	(void)t;
	(void)data;
	return strcmp(engine_text, "refugiados") == 0;
}

static void
test_apertium_stream(void)
{
	static const char src[] =
		"We thank the Special Rapporteur and all the refugees for <1>their [work]</1><2/>.";
	ms_mt_term terms[2] = {
		{ (size_t)(strstr(src, "Special") - src), 18, "Relator Especial", never_keep, NULL },
		{ (size_t)(strstr(src, "refugees") - src), 8, "refugiado", keep_plural, NULL },
	};
	ms_mt_segment segs[2] = {
		{ src, terms, 2, NULL, NULL },
		{ "The <1>red</1> car.", NULL, 0, NULL, NULL },
	};
	ms_buf in = MS_BUF_INIT;
	/* what apertium -z -f none eng-spa makes of it, with a word moved
	 * out of its tag, the term split and reordered, and marks */
	static const char out[] =
		" [ms:0]Damos las gracias a el [[g0]]Especiales[[/]] [[g0]]*Rapporteur[[/]] y todos "
		"los [[g1]]refugiados[[/]] para [[t1]]su[[/]] [[t1]]\\[trabajo\\][[/]][<2/>].[]\0"
		"[ms:1]El coche [[t1]]rojo[[/]].[]\0\0\0\0";

	ms_mt_apertium_encode(segs, 2, &in);
	STR_EQ(in.ptr, "[ms:0]We thank the [[g0]]Special Rapporteur[[/]] and all the [[g1]]refugees[[/]] "
	       "for [[t1]]their \\[work\\][[/]][<2/>].[]", "the first chunk in Apertium's stream format");
	OK(in.len > strlen(in.ptr) + 1 && !strcmp(in.ptr + strlen(in.ptr) + 1, "[ms:1]The [[t1]]red[[/]] car.[]"),
	   "each chunk ends with a NUL");
	ms_buf_release(&in);

	OK(ms_mt_apertium_decode(segs, 2, out, sizeof out - 1), "the output decodes");
	STR_EQ(segs[0].target,
	       "Damos las gracias a el Relator Especial y todos los refugiados para <1>su [trabajo]</1><2/>.",
	       "terms rendered or kept, tags around their words, escapes undone, marks dropped");
	STR_EQ(segs[0].problem, NULL, "nothing lost");
	STR_EQ(segs[1].target, "El coche <1>rojo</1>.", "a tag follows its word through reordering");
	ms_mt_segments_release(segs, 2);

	OK(!ms_mt_apertium_decode(segs, 2, "[ms:1]x[]\0[ms:0]y[]\0", 20), "chunks out of order are refused");
	OK(!ms_mt_apertium_decode(segs, 2, "[ms:0]x[]\0", 10), "a missing chunk is refused");
	OK(segs[0].target == NULL, "and nothing is filled");

	{
		static const char lost[] = "[ms:0]Damos las gracias para su trabajo.[]\0[ms:1]El coche rojo.[]\0";
		OK(ms_mt_apertium_decode(segs, 2, lost, sizeof lost - 1), "output that lost words decodes");
		OK(segs[0].problem && strstr(segs[0].problem, "'Relator Especial'")
		   && strstr(segs[0].problem, "tag <1>"), "and says what was lost");
		ms_mt_segments_release(segs, 2);
	}
}

static ms_status
fake_translate(const ms_mt_engine *e, ms_mt_segment *segs, size_t n, ms_diag_handler *h)
{
	(void)e;
	(void)h;
	for (size_t i = 0; i < n; i++)
		segs[i].target = ms_xstrdup("Damos las gracias a el Relator de el grupo de eliminación. "
		                            "A el final, él dijo: «de el todo».");
	return MS_OK;
}

static void
test_engine_tidying(void)
{
	static const char src[] = "Accountability is owed ;to victims.";
	ms_mt_term term = { 0, 14, "rendición de cuentas", NULL, NULL };
	ms_mt_segment seg = { src, &term, 1, NULL, NULL };
	static const char out[] = "[ms:0][[g0]]Responsabilidad[[/]] es debida  ; a víctimas .[]\0";
	static const char *const pairs[] = { "a el ", "al ", "A el ", "Al ", "de el ", "del ", NULL };
	ms_mt_engine fake = { "fake", "en", "es", NULL, NULL, NULL, NULL, fake_translate, pairs };

	OK(ms_mt_apertium_decode(&seg, 1, out, sizeof out - 1), "decodes");
	STR_EQ(seg.target, "Rendición de cuentas es debida; a víctimas.",
	       "a rendering that begins a sentence is capitalised; no space before punctuation");
	ms_mt_segments_release(&seg, 1);
	INT_EQ(ms_mt_translate(&fake, &seg, 1, NULL), MS_OK, "an engine given as a function");
	STR_EQ(seg.target, "Damos las gracias al Relator del grupo de eliminación. Al final, él dijo: «de el todo».",
	       "its post-edits at the start of words only");
	ms_mt_segments_release(&seg, 1);
}

/* -------------------------------------------------------------- memory */

static void
test_memory(void)
{
	ms_tm *tm = ms_tm_new("en", "es");
	ms_tm_match m[5];
	size_t n;

	OK(ms_tm_add(tm, NULL, "The report was published in <1>August</1>.",
	             "El informe se publicó en <1>agosto</1>.", "po/es.po", 10), "a unit is added");
	OK(!ms_tm_add(tm, NULL, "The report was published in <1>August</1>.",
	              "El informe se publicó en <1>agosto</1>.", "other.tmx", 3), "the same unit is not added twice");
	ms_tm_add(tm, "label", "Re:", "Asunto:", "po/es.po", 20);
	ms_tm_add(tm, NULL, "Re:", "Re:", "x.tmx", 4);
	ms_tm_add(tm, NULL, "Thank you.", "Gracias.", "po/es.po", 30);
	INT_EQ(ms_tm_count(tm), 4, "four units held");

	n = ms_tm_lookup(tm, "label", "Re:", 0.75, m, 5);
	OK(n >= 1 && m[0].kind == MS_TM_EXACT, "same source and context: exact");
	STR_EQ(n ? m[0].target : NULL, "Asunto:", "the translation of that context");
	ms_tm_matches_release(m, n);
	n = ms_tm_lookup(tm, "signature", "Re:", 0.75, m, 5);
	OK(n >= 1 && m[0].kind == MS_TM_CONTEXT, "same source, another context: a context match");
	STR_EQ(n ? m[0].origin : NULL, "po/es.po", "from the first unit added");
	ms_tm_matches_release(m, n);

	n = ms_tm_lookup(tm, NULL, "The report was published in <2/> <1>September</1>.", 0.6, m, 5);
	INT_EQ(n, 0, "a fuzzy match whose tags cannot be mapped is not offered");
	ms_tm_matches_release(m, n);
	n = ms_tm_lookup(tm, NULL, "The report was published in <3>August</3>!", 0.6, m, 5);
	OK(n == 1 && m[0].kind == MS_TM_FUZZY && m[0].score > 0.9 && m[0].score < 1,
	   "a fuzzy match with its score");
	STR_EQ(n ? m[0].target : NULL, "El informe se publicó en <3>agosto</3>.",
	       "its tags renumbered for the new source");
	STR_EQ(n ? m[0].source : NULL, "The report was published in <1>August</1>.", "the memory's source");
	INT_EQ(n ? m[0].line : 0, 10, "and where it is");
	ms_tm_matches_release(m, n);
	n = ms_tm_lookup(tm, NULL, "Something else entirely.", 0.75, m, 5);
	INT_EQ(n, 0, "nothing below the minimum score");
	ms_tm_free(tm);
}

/* ------------------------------------------------------------ pre-filling */

static const char glossary_yaml[] =
	"version: 1\n"
	"terms:\n"
	"  - id: refoulement\n"
	"    source: [refoulement]\n"
	"    es:\n"
	"      required: [devolución]\n"
	"      forbidden:\n"
	"        - form: rechazo en frontera\n"
	"          reason: too narrow\n"
	"      deprecated:\n"
	"        - form: refoulement\n"
	"          reason: a gallicism\n"
	"  - id: torture\n"
	"    source: [torture]\n"
	"    es:\n"
	"      required: [tortura]\n"
	"      forbidden:\n"
	"        - form: malos tratos\n"
	"          reason: another concept\n";

static ms_entry *
add(ms_catalog *c, const char *ctxt, const char *msgid, const char *msgstr, bool fuzzy)
{
	ms_entry *e = ms_catalog_add(c, ctxt, msgid, NULL, NULL);
	ms_entry_set_msgstr(e, msgstr, true);
	e->fuzzy = fuzzy;
	return e;
}

static void
test_pretranslate(void)
{
	ms_diag_handler h = { NULL, NULL, 0, 0 };
	ms_glossary *g = NULL;
	ms_checker *checker = NULL;
	ms_catalog *po = ms_catalog_new();
	ms_tm *tm = ms_tm_new("en", "es");
	ms_pretranslate_opts o;
	ms_pretranslate_stats st;
	ms_entry *exact, *ctx, *fuzzy, *mine, *review, *bad, *worse, *none;

	INT_EQ(ms_glossary_load_mem("g.yaml", glossary_yaml, strlen(glossary_yaml), &g, &h), MS_OK,
	       "a small glossary");
	INT_EQ(ms_checker_new(NULL, g, &checker, &h), MS_OK, "a checker");
	ms_tm_add(tm, NULL, "We condemn torture.", "Condenamos la tortura.", "m.tmx", 1);
	ms_tm_add(tm, NULL, "Thank you.", "Gracias.", "m.tmx", 2);
	ms_tm_add(tm, NULL, "We oppose the refoulement of refugees in 2019.",
	          "Nos oponemos al rechazo en frontera de refugiados en 2019.", "m.tmx", 3);
	ms_tm_add(tm, NULL, "States must end refoulement now.",
	          "Los Estados deben acabar con los rechazos en frontera ahora.", "m.tmx", 4);
	ms_tm_add(tm, NULL, "Read <1>the report</1> today.", "Lea <1>el informe</1> hoy.", "m.tmx", 5);

	exact = add(po, NULL, "We condemn torture.", "", false);
	ctx = add(po, "label", "Thank you.", "", false);
	fuzzy = add(po, NULL, "Read <2>the report</2> tomorrow.", "", false);
	mine = add(po, NULL, "Thank you", "Muchas gracias", false);
	review = add(po, NULL, "We condemn torture!", "Condenamos la tortura!", true);
	bad = add(po, NULL, "We oppose the refoulement of refugees in 2020.", "", false);
	worse = add(po, NULL, "States must end refoulement soon.", "", false);
	none = add(po, NULL, "Nothing like it.", " ", false);

	memset(&o, 0, sizeof o);
	o.lang = "es";
	o.po_file = "po/es.po";
	o.min_score = 0.7;
	o.accept_exact = true;
	o.checker = checker;
	o.glossary = g;
	INT_EQ(ms_pretranslate(po, tm, &o, &st, &h), MS_OK, "pre-translation runs");
	INT_EQ(st.untranslated, 6, "six untranslated entries (a blank msgstr counts)");
	INT_EQ(st.exact, 1, "one exact match");
	INT_EQ(st.context, 1, "one context match");
	INT_EQ(st.fuzzy, 2, "two fuzzy matches");
	INT_EQ(st.accepted, 1, "the clean exact match accepted");
	INT_EQ(st.repaired, 1, "one forbidden rendering replaced");
	INT_EQ(st.refused, 1, "one candidate refused");
	INT_EQ(st.left, 2, "two left");

	STR_EQ(exact->msgstr, "Condenamos la tortura.", "exact: filled");
	OK(!exact->fuzzy, "exact and clean with --accept-exact: accepted");
	OK(exact->comments && strstr(exact->comments, "missive-origin: memory 100% exact m.tmx:1; text "),
	   "with its origin");
	STR_EQ(ctx->msgstr, "Gracias.", "context match: filled");
	OK(ctx->fuzzy, "but left fuzzy");
	OK(ctx->comments && strstr(ctx->comments, "other-context"), "said to come from another context");
	STR_EQ(fuzzy->msgstr, "Lea <2>el informe</2> hoy.", "fuzzy: filled, tags mapped");
	OK(fuzzy->fuzzy, "fuzzy");
	STR_EQ(mine->msgstr, "Muchas gracias", "a translated entry is never changed");
	OK(!mine->comments, "nor given a comment");
	STR_EQ(review->msgstr, "Condenamos la tortura!", "a fuzzy entry with a translation is never changed");
	STR_EQ(bad->msgstr, "Nos oponemos al devolución de refugiados en 2019.",
	       "a forbidden rendering replaced by the required one");
	OK(bad->fuzzy && bad->comments
	   && strstr(bad->comments, "missive-review: 'rechazo en frontera' replaced by the required 'devolución'")
	   && strstr(bad->comments, "missive-review: [numbers]"),
	   "said in a comment, with the other findings");
	STR_EQ(worse->msgstr, "", "a forbidden rendering not written as listed (inflected): refused");
	STR_EQ(none->msgstr, " ", "no candidate: left as it was");

	INT_EQ(ms_tm_entry_origin(exact), MS_ORIGIN_MEMORY, "origin: memory");
	INT_EQ(ms_tm_entry_origin(mine), MS_ORIGIN_TRANSLATOR, "origin: no comment is a translator");
	INT_EQ(ms_tm_entry_origin(none), MS_ORIGIN_NONE, "origin: none without a translation");
	ms_entry_set_msgstr(ctx, "¡Gracias!", false);
	INT_EQ(ms_tm_entry_origin(ctx), MS_ORIGIN_TRANSLATOR, "origin: edited after the fill is a translator");

	ms_catalog_free(po);
	ms_tm_free(tm);
	ms_checker_free(checker);
	ms_glossary_free(g);
}

static void
test_origin(void)
{
	ms_entry e;
	ms_buf c = MS_BUF_INIT;
	memset(&e, 0, sizeof e);
	e.msgid = (char *)"Hello.";
	e.msgstr = (char *)"Hola.";
	ms_buf_puts(&c, "a translator's note\n");
	ms_tm_origin_comment(MS_ORIGIN_MT, "Apertium 3.8.3, eng-spa", "Hola.", &c);
	e.comments = c.ptr;
	OK(strstr(c.ptr, "missive-origin: mt Apertium 3.8.3, eng-spa; text ") != NULL, "the comment line");
	INT_EQ(ms_tm_entry_origin(&e), MS_ORIGIN_MT, "machine translation while the text is the same");
	e.fuzzy = true;
	INT_EQ(ms_tm_entry_origin(&e), MS_ORIGIN_MT, "fuzzy or not");
	e.msgstr = (char *)"Hola, ¿qué tal?";
	INT_EQ(ms_tm_entry_origin(&e), MS_ORIGIN_TRANSLATOR, "rewritten: the translator's");
	STR_EQ(ms_tm_origin_name(MS_ORIGIN_MEMORY), "memory", "names");
	ms_buf_release(&c);
}

int
main(void)
{
	test_tags();
	test_tmx_read();
	test_tmx_problems();
	test_tmx_write();
	test_apertium_stream();
	test_engine_tidying();
	test_memory();
	test_pretranslate();
	test_origin();
	return done_testing();
}

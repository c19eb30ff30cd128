/* fuzz-model.h — the localised letter model built from a fuzz input, for
 * the writer harnesses (fuzz-writers.c, fuzz-pdf.c).
 *
 * Input layout:  LETTER [ NUL MSGSTR ( NUL MSGSTR )* ]
 *
 * LETTER is a letter file (YAML front matter and Markdown body) read with
 * ms_reader_read_mem.  Its units (ms_units_walk, as extraction sees them)
 * become a catalogue whose Nth entry is translated by the Nth MSGSTR, or
 * by its own msgid when there are fewer: a hostile translator's strings
 * (control characters, tags, markup) reach every writer through
 * ms_localize_letter, as `missive build --draft` sends them.  The target
 * language (ko, es, en) and the draft flag come from the input's length.
 *
 * Writers are linked into the libFuzzer build (fuzz.sh compiles each
 * plugin with its entry point renamed fuzz_plugin_<name>, so that the
 * sanitizers and the coverage see them); the replay build of `make check`
 * (tests/fuzz-replay.c) loads the built modules from FUZZ_PLUGINDIR. */
#ifndef MS_FUZZ_MODEL_H
#define MS_FUZZ_MODEL_H

#include "fuzz-common.h"
#include "catalog.h"
#include "localize.h"
#include "plugin.h"
#include "segment.h"
#include "units.h"

typedef struct fuzz_model {
	ms_letter *src;         /* the letter as read */
	ms_catalog *po;         /* its units, translated */
	ms_segmenter *seg;      /* the source language's (borrowed) */
	ms_letter *out;         /* localised into lang */
	const char *lang;
	ms_locale loc;
} fuzz_model;

/* FUZZ_VERBOSE in the environment prints the diagnostics of the model's
 * making: to see why a replayed input reached no writer. */
static void
fuzz_model_diag(const ms_diag *d, void *data)
{
	(void)data;
	fprintf(stderr, "%s:%u: %s\n", d->file ? d->file : "-", d->line,
	        d->message);
}

static ms_diag_handler
fuzz_model_handler(void)
{
	ms_diag_handler h = fuzz_handler();
	if (getenv("FUZZ_VERBOSE"))
		h.fn = fuzz_model_diag;
	return h;
}

typedef struct fuzz_msgstrs {
	ms_catalog *po;
	const char *const *s;   /* the MSGSTRs of the input */
	size_t n, next;
} fuzz_msgstrs;

static ms_status
fuzz_model_unit(const ms_unit *u, ms_inline **replacement, char **label,
                void *data)
{
	fuzz_msgstrs *m = data;
	ms_entry *e;
	(void)replacement;
	(void)label;
	if (ms_catalog_find(m->po, u->msgctxt, u->msgid))
		return MS_OK;
	e = ms_catalog_add(m->po, u->msgctxt, u->msgid, NULL, NULL);
	if (e)
		ms_entry_set_msgstr(e, m->next < m->n ? m->s[m->next++] : u->msgid,
		                    true);
	return MS_OK;
}

/* One segmenter per source language, made the first time the language
 * is seen and kept (ICU's break rules and the language profile load
 * slowly: made afresh for every input whose letter is not in en, ko or
 * es, they took a sixth of the writers harness's time).  Past 32
 * languages a fresh one is made each time (*OWNED). */
static ms_segmenter *
fuzz_segmenter(const char *lang, bool *owned)
{
	static struct {
		char *lang;
		ms_segmenter *seg;
	} cache[32];
	ms_diag_handler h = fuzz_handler();
	ms_segmenter *s = NULL;
	size_t i;
	*owned = false;
	if (!lang || !*lang)
		lang = "en";
	for (i = 0; i < sizeof cache / sizeof cache[0] && cache[i].lang; i++)
		if (!strcmp(cache[i].lang, lang))
			return cache[i].seg;
	if (ms_segmenter_new(lang, MS_SEG_SENTENCE, FUZZ_SRCDIR "/data", &s,
	                     &h) != MS_OK) {
		/* the project's own languages must have one */
		if (!strcmp(lang, "en") || !strcmp(lang, "ko") || !strcmp(lang, "es"))
			abort();
		return NULL;
	}
	if (i < sizeof cache / sizeof cache[0]) {
		cache[i].lang = ms_xstrdup(lang);
		cache[i].seg = s;
	} else {
		*owned = true;
	}
	return s;
}

/* Build M from DATA; false when the input is not a letter (or ICU has no
 * segmenter for its language).  Free with fuzz_model_free either way. */
static bool
fuzz_model_build(fuzz_model *m, const uint8_t *data, size_t size, bool *owned)
{
	static const char *const targets[] = { "ko", "es", "en" };
	ms_diag_handler h = fuzz_model_handler();
	const char *p = memchr(data, 0, size);
	size_t llen = p ? (size_t)(p - (const char *)data) : size;
	const char *s[64];
	fuzz_msgstrs ms = { NULL, s, 0, 0 };
	ms_letter *walk;
	bool draft = (size / 3) % 2 == 0;

	memset(m, 0, sizeof *m);
	*owned = false;
	while (p && ms.n < 64) {
		s[ms.n++] = p + 1;      /* the input ends with the NUL libFuzzer
		                           does not add: see fuzz_model_copy */
		p = memchr(p + 1, 0, size - (size_t)(p + 1 - (const char *)data));
	}
	if (ms_reader_read_mem("fuzz.md", (const char *)data, llen, &m->src,
	                       &h) != MS_OK)
		return false;
	m->seg = fuzz_segmenter(m->src->lang, owned);
	if (!m->seg)
		return false;
	m->po = ms_catalog_new();
	ms.po = m->po;
	walk = ms_letter_clone(m->src);
	(void)ms_units_walk(walk, m->seg, fuzz_model_unit, &ms, &h);
	ms_letter_free(walk);
	m->lang = targets[size % 3];
	/* always as a draft, so that a broken translation does not stop
	 * the writers: the result is a draft when units are missing, and
	 * when the input's length says so */
	if (ms_localize_letter(m->src, m->po, "fuzz.po", m->lang, m->seg, true,
	                       &m->out, NULL, &h) != MS_OK) {
		ms_letter_free(m->out);
		m->out = NULL;
		return false;
	}
	m->out->draft = m->out->draft || draft;
	ms_locale_init(&m->loc, NULL, m->lang, m->out->draft);
	return true;
}

static void
fuzz_model_free(fuzz_model *m, bool owned)
{
	if (owned)
		ms_segmenter_free(m->seg);
	ms_letter_free(m->out);
	ms_catalog_free(m->po);
	ms_letter_free(m->src);
}

/* DATA with a NUL after it, so that the last MSGSTR is a C string
 * (freshly allocated). */
static uint8_t *
fuzz_model_copy(const uint8_t *data, size_t size)
{
	uint8_t *c = malloc(size + 1);
	if (!c)
		abort();
	if (size)
		memcpy(c, data, size);
	c[size] = 0;
	return c;
}

/* The writer plugin called NAME. */
#ifdef FUZZ_LINKED_PLUGINS
const ms_plugin *fuzz_plugin_text(void);
const ms_plugin *fuzz_plugin_markdown(void);
const ms_plugin *fuzz_plugin_html(void);
const ms_plugin *fuzz_plugin_json(void);
const ms_plugin *fuzz_plugin_docx(void);
const ms_plugin *fuzz_plugin_pdf(void);
static const ms_plugin *
fuzz_plugin(const char *name)
{
	static const struct {
		const char *name;
		const ms_plugin *(*describe)(void);
	} linked[] = {
		{ "text", fuzz_plugin_text }, { "markdown", fuzz_plugin_markdown },
		{ "html", fuzz_plugin_html }, { "json", fuzz_plugin_json },
		{ "docx", fuzz_plugin_docx }, { "pdf", fuzz_plugin_pdf },
	};
	size_t i;
	for (i = 0; i < sizeof linked / sizeof linked[0]; i++)
		if (!strcmp(linked[i].name, name))
			return linked[i].describe();
	abort();
}
#else
#ifndef FUZZ_PLUGINDIR
#error "FUZZ_PLUGINDIR: the folder of the built writer plugins"
#endif
static const ms_plugin *
fuzz_plugin(const char *name)
{
	static ms_plugin_host *host;
	const ms_plugin *pl;
	ms_diag_handler h = fuzz_handler();
	if (!host && ms_plugin_host_new(FUZZ_PLUGINDIR, &host, &h) != MS_OK)
		abort();
	pl = ms_plugin_host_find(host, name, &h);
	if (!pl) {
		fprintf(stderr, "fuzz: no '%s' writer in %s\n", name, FUZZ_PLUGINDIR);
		abort();
	}
	return pl;
}
#endif

#endif

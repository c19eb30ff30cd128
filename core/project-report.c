/* project-report.c — the state of the translations, as data: what
 * `missive stats` and `missive report` show.
 *
 * Counting.  Every active entry of "<po>/<lang>.po" (not the header, not
 * obsolete) is one unit: translated (a msgstr that is not only blanks,
 * and no fuzzy flag), fuzzy (such a msgstr and the fuzzy flag) or
 * untranslated; its words are the words of
 * its msgid (ICU word boundaries, inline tags <1>…</1> left out).  A unit
 * belongs to every letter its references name (corpus/<id>.md:LINE); the
 * totals of a language count it once.
 *
 * Publish state.  Each letter's facts (the catalogue's check errors, the
 * units that fall back to the source text) go to ms_publish_decide, the
 * decision build takes. */
#include "project-impl.h"
#include "tm.h"
#include "localize.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#ifndef ENABLE_NLS
#define dngettext(domain, one, many, n) ((n) == 1 ? (one) : (many))
#endif

/* What the report owns beside its public part. */
typedef struct report_impl {
	ms_report pub;
	ms_report_letter **byidx;   /* scratch: a language's letters by index */
} report_impl;

/* A language while its report is gathered: the findings before they are
 * sorted and linked. */
typedef struct lang_work {
	ms_report_lang *ls;
	proj_errors *errors;        /* the unsuppressed errors by entry */
	ms_report_finding **findings;
	size_t nfindings, cap;
} lang_work;

static ssize_t
letter_index(const report_impl *r, const char *ref)
{
	char *id = proj_letter_id(ref);
	ssize_t found = -1;
	for (size_t i = 0; r->pub.ids[i]; i++)
		if (!strcmp(r->pub.ids[i], id)) {
			found = (ssize_t)i;
			break;
		}
	free(id);
	return found;
}

/* Words of MSGID without its inline tags, by ICU's word boundaries. */
static size_t
count_words(UBreakIterator *bi, const char *msgid, ms_buf *tmp)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar *u;
	int32_t ulen = 0;
	size_t n = 0;

	ms_buf_reset(tmp);
	for (const char *s = msgid; *s; s++) {
		if (*s == '<') {
			const char *q = s + 1;
			if (*q == '/')
				q++;
			if (*q >= '0' && *q <= '9') {
				while (*q >= '0' && *q <= '9')
					q++;
				if (*q == '/')
					q++;
				if (*q == '>') {
					ms_buf_putc(tmp, ' ');
					s = q;
					continue;
				}
			}
		}
		ms_buf_putc(tmp, *s);
	}
	u_strFromUTF8(NULL, 0, &ulen, tmp->ptr, (int32_t)tmp->len, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
		return 0;
	err = U_ZERO_ERROR;
	u = ms_xmalloc(((size_t)ulen + 1) * sizeof(UChar));
	u_strFromUTF8(u, ulen + 1, NULL, tmp->ptr, (int32_t)tmp->len, &err);
	if (U_SUCCESS(err)) {
		ubrk_setText(bi, u, ulen, &err);
		for (int32_t b = ubrk_first(bi); U_SUCCESS(err) && b != UBRK_DONE; b = ubrk_next(bi))
			if (ubrk_getRuleStatus(bi) >= UBRK_WORD_NONE_LIMIT)
				n++;
	}
	free(u);
	return n;
}

const char *
ms_unit_state_name(int state)
{
	static const char *const names[MS_UNIT_STATES] = { "translated", "fuzzy", "untranslated" };
	return state >= 0 && state < MS_UNIT_STATES ? names[state] : "untranslated";
}

static int
entry_state(const ms_entry *e)
{
	/* a msgstr of blanks is no translation (catalog.h) */
	if (!ms_entry_has_text(e))
		return MS_UNIT_UNTRANSLATED;
	if (e->fuzzy)
		return MS_UNIT_FUZZY;
	return ms_entry_is_translated(e) ? MS_UNIT_TRANSLATED : MS_UNIT_UNTRANSLATED;
}

static void
add_reason(ms_report_letter *lt, const char *fmt, ...) MS_PRINTF(2, 3);

static void
add_reason(ms_report_letter *lt, const char *fmt, ...)
{
	ms_buf b = MS_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ms_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	ms_strv_push(&lt->reasons, b.ptr);
	ms_buf_release(&b);
}

static char *
dup_or_null(const char *s)
{
	return s ? ms_xstrdup(s) : NULL;
}

static void
collect_finding(const ms_finding *f, void *data)
{
	lang_work *w = data;
	ms_report_finding *fr;
	if (f->severity == MS_NOTE)
		return;
	if (w->nfindings == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 16;
		w->findings = ms_xrealloc(w->findings, w->cap * sizeof *w->findings);
	}
	fr = ms_xcalloc(1, sizeof *fr);
	w->findings[w->nfindings++] = fr;
	fr->check = ms_xstrdup(f->check ? f->check : "");
	fr->term = dup_or_null(f->term);
	fr->message = ms_xstrdup(f->message ? f->message : "");
	fr->msgid = ms_xstrdup(f->msgid ? f->msgid : "");
	fr->msgstr = ms_xstrdup(f->msgstr ? f->msgstr : "");
	fr->severity = ms_check_severity_name(f->severity);
	fr->line = f->line;
	fr->letters = ms_xcalloc(1, sizeof(char *));
	if (f->suppressed) {
		fr->suppressed = ms_xstrdup(f->suppress_reason ? f->suppress_reason : "");
		return;     /* listed, not counted, blocks nothing */
	}
	if (f->severity == MS_ERROR) {
		w->ls->check_errors++;
		proj_errors_add(w->errors, f->msgctxt, f->msgid);
	}
	else if (f->severity == MS_WARNING)
		w->ls->check_warnings++;
}

static int
cmp_finding(const void *a, const void *b)
{
	const ms_report_finding *x = *(ms_report_finding *const *)a;
	const ms_report_finding *y = *(ms_report_finding *const *)b;
	int c = strcmp(x->check, y->check);
	if (c)
		return c;
	c = strcmp(x->term ? x->term : "", y->term ? y->term : "");
	if (c)
		return c;
	return (x->line > y->line) - (x->line < y->line);
}

/* Count PO into the language of W (letters mapped through R). */
/* Count a unit (state ST, WORDS source words, its translation from
 * ORIGIN) into C. */
static void
count_unit(ms_counts *c, int st, size_t words, ms_tm_origin origin)
{
	c->units[st]++;
	c->words[st] += words;
	if (st == MS_UNIT_UNTRANSLATED)
		return;
	switch (origin) {
	case MS_ORIGIN_MEMORY:
		c->from_memory++;
		break;
	case MS_ORIGIN_MT:
		c->by_machine++;
		break;
	case MS_ORIGIN_TRANSLATOR:
		c->by_translator++;
		break;
	default:
		break;
	}
}

static void
count_catalog(const report_impl *r, lang_work *w, const ms_catalog *po,
              UBreakIterator *bi)
{
	size_t n = ms_catalog_count(po), nl = ms_strv_len(r->pub.ids);
	ms_buf tmp = MS_BUF_INIT;
	bool *seen = ms_xcalloc(nl + 1, sizeof(bool));
	for (size_t i = 0; i < n; i++) {
		const ms_entry *e = ms_catalog_entry(po, i);
		int st;
		size_t words;
		ms_tm_origin origin;
		if (e->obsolete || (!e->msgctxt && !*e->msgid))
			continue;
		st = entry_state(e);
		words = count_words(bi, e->msgid, &tmp);
		origin = st == MS_UNIT_UNTRANSLATED ? MS_ORIGIN_NONE : ms_tm_entry_origin(e);
		count_unit(&w->ls->total, st, words, origin);
		memset(seen, 0, (nl + 1) * sizeof(bool));
		for (size_t k = 0; e->refs && e->refs[k]; k++) {
			ssize_t li = letter_index(r, e->refs[k]);
			if (li < 0 || seen[li])
				continue;
			seen[li] = true;
			count_unit(&r->byidx[li]->counts, st, words, origin);
		}
	}
	free(seen);
	ms_buf_release(&tmp);
}

/* Attach the letter references of each finding's entry, sort the
 * findings and link them into the language. */
static void
finding_refs(lang_work *w, const ms_catalog *po)
{
	ms_report_finding **tail = &w->ls->findings;
	for (size_t i = 0; i < w->nfindings; i++) {
		ms_report_finding *fr = w->findings[i];
		const ms_entry *e = NULL;
		size_t n = ms_catalog_count(po);
		/* the entry whose msgid sits on the finding's line, else by msgid */
		for (size_t k = 0; fr->line && k < n && !e; k++) {
			const ms_entry *c = ms_catalog_entry(po, k);
			if (!c->obsolete && c->line == fr->line && !strcmp(c->msgid, fr->msgid))
				e = c;
		}
		if (!e)
			e = ms_catalog_find(po, NULL, fr->msgid);
		for (size_t k = 0; e && e->refs && e->refs[k]; k++)
			ms_strv_push(&fr->letters, e->refs[k]);
	}
	if (w->nfindings)      /* qsort(NULL, 0, …) is undefined */
		qsort(w->findings, w->nfindings, sizeof *w->findings, cmp_finding);
	for (size_t i = 0; i < w->nfindings; i++) {
		*tail = w->findings[i];
		tail = &w->findings[i]->next;
	}
	w->nfindings = 0;
}

/* Decide, as build does, whether each letter is published in LS: the
 * check errors that concern a letter are those on the entries its units
 * use. */
static void
publish_states(const ms_project *p, report_impl *r, ms_report_lang *ls,
               const ms_catalog *po, const proj_errors *errors, ms_segmenter **segs)
{
	for (size_t i = 0; r->pub.letters[i]; i++) {
		ms_report_letter *lt = r->byidx[i];
		ms_diag_handler quiet = { NULL, NULL, 0, 0 };
		ms_letter *src = NULL, *out = NULL;
		ms_publish_facts facts;
		proj_letter_facts scan;
		ms_seg_mode mode;
		ms_status st;

		memset(&facts, 0, sizeof facts);
		facts.have_catalogue = ls->have_po;
		facts.draft_untranslated = p->config->draft_untranslated;
		facts.min_translated = p->config->min_translated;
		if (!facts.have_catalogue) {
			add_reason(lt, _("no catalogue '%s' yet (run missive update)"), ls->po_file);
			goto decide;
		}
		if (ms_reader_read_letter(r->pub.letters[i], p->config, &src, &quiet) != MS_OK) {
			add_reason(lt, _("the letter '%s' cannot be read"), r->pub.letters[i]);
			goto decide;
		}
		mode = proj_seg_mode(p, src);
		if (!segs[mode] && ms_segmenter_open(ms_config_profiles(p->config), src->lang, mode, &segs[mode], &quiet) != MS_OK) {
			add_reason(lt, _("the letter '%s' cannot be segmented"), r->pub.letters[i]);
			goto decide;
		}
		facts.readable = true;
		proj_letter_scan(src, segs[mode], po, errors, &scan, NULL, NULL);
		facts.check_errors = scan.errors;
		facts.units = scan.units;
		if (facts.check_errors)
			add_reason(lt, dngettext("missive", "%zu check error in '%s'", "%zu check errors in '%s'",
			                        facts.check_errors),
			           facts.check_errors, ls->po_file);
		st = ms_localize_letter(src, po, ls->po_file, ls->lang, segs[mode], true, &out,
		                        &facts.missing, &quiet);
		facts.localised = st == MS_OK || facts.missing;
		if (!facts.localised)
			add_reason(lt, _("the letter cannot be localised into '%s'"), ls->lang);
		else if (facts.missing && facts.draft_untranslated && !facts.check_errors)
			add_reason(lt, dngettext("missive", "%zu unit untranslated or fuzzy: published as a draft",
			                        "%zu units untranslated or fuzzy: published as a draft",
			                        facts.missing),
			           facts.missing);
		else if (facts.missing)
			add_reason(lt, dngettext("missive", "%zu unit untranslated or fuzzy",
			                        "%zu units untranslated or fuzzy", facts.missing),
			           facts.missing);
		if (ms_publish_blockers(&facts) & MS_BLOCKED_THRESHOLD)
			add_reason(lt, _("%zu of %zu units translated, fewer than min-translated asks (%d%%)"),
			           facts.units - facts.missing, facts.units, facts.min_translated);
decide:
		lt->state = ms_publish_decide(&facts);
		ms_letter_free(out);
		ms_letter_free(src);
	}
}

/* A language of R, its letters linked in order (R->byidx points to them). */
static ms_report_lang *
new_lang(const ms_project *p, report_impl *r, const char *lang)
{
	ms_report_lang *ls = ms_xcalloc(1, sizeof *ls);
	ms_report_letter **tail = &ls->letters;
	ls->lang = ms_xstrdup(lang);
	ls->po_file = ms_project_po_path(p, lang);
	for (size_t k = 0; r->pub.ids[k]; k++) {
		ms_report_letter *lt = ms_xcalloc(1, sizeof *lt);
		lt->id = r->pub.ids[k];
		lt->file = r->pub.letters[k];
		lt->reasons = ms_xcalloc(1, sizeof(char *));
		r->byidx[k] = lt;
		*tail = lt;
		tail = &lt->next;
	}
	return ls;
}

ms_status
ms_project_report(ms_project *p, char *const *langs, unsigned flags,
                  ms_report **out, ms_diag_handler *h)
{
	report_impl *r;
	UBreakIterator *bi;
	UErrorCode err = U_ZERO_ERROR;
	ms_glossary *g = NULL;
	ms_checker *checker = NULL;
	ms_segmenter *segs[2] = { NULL, NULL };
	ms_report_lang **tail;
	ms_status st = MS_OK;
	bool full = flags & MS_REPORT_PUBLISH;
	char *const *want = langs && langs[0] ? langs : p->config->languages;
	size_t nletters;

	*out = NULL;
	r = ms_xcalloc(1, sizeof *r);
	r->pub.source_lang = p->config->source_lang;
	if (!(r->pub.letters = ms_project_letters(p, h))) {
		ms_report_free(&r->pub);
		return MS_ERR_IO;
	}
	nletters = ms_strv_len(r->pub.letters);
	r->pub.ids = ms_xcalloc(1, sizeof(char *));
	for (size_t i = 0; r->pub.letters[i]; i++) {
		char *id = proj_letter_id(r->pub.letters[i]);
		ms_strv_push(&r->pub.ids, id);
		free(id);
	}
	r->byidx = ms_xcalloc(nletters + 1, sizeof *r->byidx);
	r->pub.nletters = nletters;
	bi = ubrk_open(UBRK_WORD, p->config->source_lang, NULL, 0, &err);
	if (U_FAILURE(err)) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("cannot open the ICU word breaker: %s"), u_errorName(err));
		ms_report_free(&r->pub);
		return MS_ERR_ICU;
	}
	if (full && ms_project_glossary(p, NULL, &g, h) != MS_OK)
		st = MS_ERR_INVALID;
	else if (full)
		st = ms_checker_new(p->config, g, &checker, h);

	tail = &r->pub.langs;
	for (size_t li = 0; st == MS_OK && want && want[li]; li++) {
		lang_work w = { NULL, proj_errors_new(), NULL, 0, 0 };
		ms_catalog *po = NULL;
		struct stat sb;
		w.ls = new_lang(p, r, want[li]);
		*tail = w.ls;
		tail = &w.ls->next;
		r->pub.nlangs++;
		w.ls->have_po = stat(w.ls->po_file, &sb) == 0;
		if (w.ls->have_po && (st = ms_catalog_read(w.ls->po_file, &po, h)) != MS_OK) {
			proj_errors_free(w.errors);
			break;
		}
		if (po)
			count_catalog(r, &w, po, bi);
		if (full) {
			if (po) {
				ms_checker_run(checker, po, w.ls->po_file, w.ls->lang,
				               collect_finding, &w, NULL, NULL);
				finding_refs(&w, po);
			}
			publish_states(p, r, w.ls, po, w.errors, segs);
		}
		proj_errors_free(w.errors);
		free(w.findings);
		ms_catalog_free(po);
	}
	ms_checker_free(checker);
	ms_glossary_free(g);
	ms_segmenter_free(segs[0]);
	ms_segmenter_free(segs[1]);
	ubrk_close(bi);
	if (st != MS_OK) {
		ms_report_free(&r->pub);
		return st;
	}
	*out = &r->pub;
	return MS_OK;
}

void
ms_report_free(ms_report *pub)
{
	report_impl *r = (report_impl *)pub;
	ms_report_lang *ls, *nls;
	if (!pub)
		return;
	for (ls = pub->langs; ls; ls = nls) {
		ms_report_letter *lt, *nlt;
		ms_report_finding *f, *nf;
		nls = ls->next;
		for (lt = ls->letters; lt; lt = nlt) {
			nlt = lt->next;
			ms_strv_free(lt->reasons);
			free(lt);
		}
		for (f = ls->findings; f; f = nf) {
			nf = f->next;
			free((char *)f->check);
			free((char *)f->term);
			free((char *)f->message);
			free((char *)f->msgid);
			free((char *)f->msgstr);
			free((char *)f->suppressed);
			ms_strv_free(f->letters);
			free(f);
		}
		free((char *)ls->lang);
		free((char *)ls->po_file);
		free(ls);
	}
	ms_strv_free(r->pub.ids);
	ms_strv_free(r->pub.letters);
	free(r->byidx);
	free(r);
}

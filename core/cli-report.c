/* cli-report.c — what translators and publishers look at: `missive stats`
 * (a per-letter msgfmt --statistics), `missive report` (a self-contained
 * HTML page with inline SVG charts, or the same data as JSON), and the
 * progress display of long stages.
 *
 * Counting.  Every active entry of po/<lang>.po (not the header, not
 * obsolete) is one unit: translated (a msgstr and no fuzzy flag), fuzzy
 * (a msgstr and the fuzzy flag) or untranslated; its words are the words
 * of its msgid (ICU word boundaries, inline tags <1>…</1> left out).  A
 * unit belongs to every letter its references name (corpus/<id>.md:LINE);
 * the totals of a language count it once.
 *
 * Publish state.  Computed as `missive build` decides it: a catalogue with
 * check errors blocks every letter of its language; a letter with units
 * that fall back to the source text (untranslated, fuzzy, broken tags) is
 * a draft when missive.yaml says `untranslated: draft`, blocked otherwise. */
#include "internal.h"
#include "catalog.h"
#include "check.h"
#include "glossary.h"
#include "localize.h"
#include "segment.h"
#include "cli.h"
#include "report.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#ifndef ENABLE_NLS
#define dngettext(domain, one, many, n) ((n) == 1 ? (one) : (many))
#endif

bool cli_verbose;

/* ---------------------------------------------------------------- progress */

struct cli_progress {
	char *stage;
	size_t total, done;
	struct timespec t0;
	double drawn_at;    /* elapsed seconds at the last redraw */
	bool bar;
};

static cli_progress *drawn;     /* the stage whose bar is on screen */

static double
elapsed(const cli_progress *pg)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - pg->t0.tv_sec)
	       + (double)(now.tv_nsec - pg->t0.tv_nsec) / 1e9;
}

cli_progress *
cli_progress_start(const char *stage, size_t total)
{
	cli_progress *pg = ms_xcalloc(1, sizeof *pg);
	const char *ci = getenv("CI");
	pg->stage = ms_xstrdup(stage);
	pg->total = total;
	pg->bar = !cli_quiet && isatty(STDERR_FILENO) && !(ci && *ci);
	clock_gettime(CLOCK_MONOTONIC, &pg->t0);
	return pg;
}

void
cli_progress_clear(void)
{
	if (drawn) {
		fputs("\r\033[K", stderr);
		drawn = NULL;
	}
}

static void
draw(cli_progress *pg, const char *item)
{
	enum { WIDTH = 24 };
	size_t fill = pg->total ? pg->done * WIDTH / pg->total : WIDTH;
	unsigned secs = (unsigned)elapsed(pg);
	char bar[WIDTH + 1];
	for (size_t i = 0; i < WIDTH; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[WIDTH] = '\0';
	fprintf(stderr, "\r\033[K%s [%s] %zu/%zu %u:%02u", pg->stage, bar,
	        pg->done, pg->total, secs / 60, secs % 60);
	if (item) {
		const char *base = strrchr(item, '/');
		fprintf(stderr, " %.40s", base ? base + 1 : item);
	}
	fflush(stderr);
	drawn = pg;
}

void
cli_progress_step(cli_progress *pg, const char *item)
{
	if (!pg)
		return;
	pg->done++;
	if (cli_verbose && item) {
		cli_progress_clear();
		fprintf(stderr, _("%s: %s %zu/%zu: %s\n"), cli_progname, pg->stage,
		        pg->done, pg->total, item);
	}
	if (pg->bar) {
		/* redraw at most ten times a second, and at the first and last */
		double now = elapsed(pg);
		if (pg->done == 1 || pg->done == pg->total || drawn != pg
		    || now - pg->drawn_at >= 0.1) {
			pg->drawn_at = now;
			draw(pg, item);
		}
	}
}

void
cli_progress_end(cli_progress *pg)
{
	if (!pg)
		return;
	if (drawn == pg)
		cli_progress_clear();
	if (!cli_quiet)
		fprintf(stderr, _("%s: %s: %zu of %zu done in %.1f s\n"), cli_progname,
		        pg->stage, pg->done, pg->total, elapsed(pg));
	free(pg->stage);
	free(pg);
}

/* ------------------------------------------------------------------- model */

enum { TRANSLATED, FUZZY, UNTRANSLATED, NSTATES };
static const char *const state_keys[NSTATES] = { "translated", "fuzzy", "untranslated" };

typedef struct counts {
	size_t units[NSTATES];
	size_t words[NSTATES];
} counts;

enum { PUBLISHED, DRAFT, BLOCKED };
static const char *const publish_keys[] = { "published", "draft", "blocked" };

typedef struct letter_stat {
	counts c;
	int state;
	char **reasons;        /* translated sentences */
} letter_stat;

typedef struct finding_rec {
	char *check, *term, *message, *msgid, *msgstr;
	const char *severity;  /* "error", "warning" */
	unsigned line;
	char **refs;           /* corpus/<id>.md:LINE of the entry */
} finding_rec;

typedef struct lang_stat {
	char *lang;
	char *po_file;
	bool have_po;
	counts total;
	letter_stat *letters;  /* one per project letter */
	size_t errors, warnings;
	finding_rec *findings;
	size_t nfindings, cap;
} lang_stat;

typedef struct report {
	project *p;
	char **ids;            /* letter ids, parallel to p->letters */
	lang_stat *langs;
	size_t nlangs;
	bool full;             /* publish states and findings too */
} report;

/* The letter id of a path or reference ("corpus/x.md:12" → "x"). */
static char *
ref_id(const char *ref)
{
	const char *base = strrchr(ref, '/');
	const char *end;
	base = base ? base + 1 : ref;
	end = strstr(base, ".md");
	if (!end)
		end = base + strcspn(base, ":");
	return ms_xstrndup(base, (size_t)(end - base));
}

static ssize_t
letter_index(const report *r, const char *ref)
{
	char *id = ref_id(ref);
	ssize_t found = -1;
	for (size_t i = 0; r->ids[i]; i++)
		if (!strcmp(r->ids[i], id)) {
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

static int
entry_state(const ms_entry *e)
{
	bool has = e->msgstr && *e->msgstr;
	if (!has && e->msgstr_plural && e->msgstr_plural[0])
		has = *e->msgstr_plural[0] != '\0';
	if (!has)
		return UNTRANSLATED;
	return e->fuzzy ? FUZZY : TRANSLATED;
}

static void
add_reason(letter_stat *ls, int state, const char *fmt, ...) MS_PRINTF(3, 4);

static void
add_reason(letter_stat *ls, int state, const char *fmt, ...)
{
	ms_buf b = MS_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ms_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	ms_strv_push(&ls->reasons, b.ptr);
	ms_buf_release(&b);
	if (state > ls->state)
		ls->state = state;
}

static void
collect_finding(const ms_finding *f, void *data)
{
	lang_stat *ls = data;
	finding_rec *fr;
	if (f->suppressed || f->severity == MS_NOTE)
		return;
	if (ls->nfindings == ls->cap) {
		ls->cap = ls->cap ? 2 * ls->cap : 16;
		ls->findings = ms_xrealloc(ls->findings, ls->cap * sizeof *ls->findings);
	}
	fr = &ls->findings[ls->nfindings++];
	memset(fr, 0, sizeof *fr);
	fr->check = ms_xstrdup(f->check ? f->check : "");
	fr->term = f->term ? ms_xstrdup(f->term) : NULL;
	fr->message = ms_xstrdup(f->message ? f->message : "");
	fr->msgid = ms_xstrdup(f->msgid ? f->msgid : "");
	fr->msgstr = ms_xstrdup(f->msgstr ? f->msgstr : "");
	fr->severity = ms_check_severity_name(f->severity);
	fr->line = f->line;
	fr->refs = ms_xcalloc(1, sizeof(char *));
}

static int
cmp_finding(const void *a, const void *b)
{
	const finding_rec *x = a, *y = b;
	int c = strcmp(x->check, y->check);
	if (c)
		return c;
	c = strcmp(x->term ? x->term : "", y->term ? y->term : "");
	if (c)
		return c;
	return (x->line > y->line) - (x->line < y->line);
}

/* Count PO into LS (letters mapped through R). */
static void
count_catalog(const report *r, lang_stat *ls, const ms_catalog *po, UBreakIterator *bi)
{
	size_t n = ms_catalog_count(po), nl = ms_strv_len(r->ids);
	ms_buf tmp = MS_BUF_INIT;
	bool *seen = ms_xcalloc(nl + 1, sizeof(bool));
	for (size_t i = 0; i < n; i++) {
		const ms_entry *e = ms_catalog_entry(po, i);
		int st;
		size_t w;
		if (e->obsolete || (!e->msgctxt && !*e->msgid))
			continue;
		st = entry_state(e);
		w = count_words(bi, e->msgid, &tmp);
		ls->total.units[st]++;
		ls->total.words[st] += w;
		memset(seen, 0, (nl + 1) * sizeof(bool));
		for (size_t k = 0; e->refs && e->refs[k]; k++) {
			ssize_t li = letter_index(r, e->refs[k]);
			if (li < 0 || seen[li])
				continue;
			seen[li] = true;
			ls->letters[li].c.units[st]++;
			ls->letters[li].c.words[st] += w;
		}
	}
	free(seen);
	ms_buf_release(&tmp);
}

/* Attach the letter references of each finding's entry. */
static void
finding_refs(lang_stat *ls, const ms_catalog *po)
{
	for (size_t i = 0; i < ls->nfindings; i++) {
		finding_rec *fr = &ls->findings[i];
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
			ms_strv_push(&fr->refs, e->refs[k]);
	}
	if (ls->nfindings)      /* qsort(NULL, 0, …) is undefined */
		qsort(ls->findings, ls->nfindings, sizeof *ls->findings, cmp_finding);
}

/* Decide, as missive build would, whether each letter is published. */
static void
publish_states(report *r, lang_stat *ls, const ms_catalog *po, ms_segmenter **segs)
{
	const project *p = r->p;
	for (size_t i = 0; p->letters[i]; i++) {
		letter_stat *lt = &ls->letters[i];
		ms_diag_handler quiet = { NULL, NULL, 0, 0 };
		ms_letter *src = NULL, *out = NULL;
		size_t missing = 0;
		ms_seg_mode mode;

		if (!ls->have_po) {
			add_reason(lt, BLOCKED, _("no catalogue '%s' yet (run missive update)"), ls->po_file);
			continue;
		}
		if (ls->errors)
			add_reason(lt, BLOCKED, dngettext("missive", "%zu check error in '%s'",
			                                  "%zu check errors in '%s'", ls->errors),
			           ls->errors, ls->po_file);
		if (ms_reader_read_file(p->letters[i], &src, &quiet) != MS_OK) {
			add_reason(lt, BLOCKED, _("the letter '%s' cannot be read"), p->letters[i]);
			continue;
		}
		mode = cli_seg_mode(p, src);
		if (!segs[mode] && ms_segmenter_new(src->lang, mode, NULL, &segs[mode], &quiet) != MS_OK) {
			add_reason(lt, BLOCKED, _("the letter '%s' cannot be segmented"), p->letters[i]);
			ms_letter_free(src);
			continue;
		}
		if (ms_localize_letter(src, po, ls->po_file, ls->lang, segs[mode], true, &out,
		                       &missing, &quiet) != MS_OK && !missing) {
			add_reason(lt, BLOCKED, _("the letter cannot be localised into '%s'"), ls->lang);
		} else if (missing && p->config->draft_untranslated && !ls->errors) {
			add_reason(lt, DRAFT, dngettext("missive",
			           "%zu unit untranslated or fuzzy: published as a draft",
			           "%zu units untranslated or fuzzy: published as a draft", missing),
			           missing);
		} else if (missing) {
			add_reason(lt, BLOCKED, dngettext("missive", "%zu unit untranslated or fuzzy",
			                                  "%zu units untranslated or fuzzy", missing),
			           missing);
		}
		ms_letter_free(out);
		ms_letter_free(src);
	}
}

static void
report_release(report *r)
{
	for (size_t i = 0; i < r->nlangs; i++) {
		lang_stat *ls = &r->langs[i];
		for (size_t k = 0; ls->letters && r->ids[k]; k++)
			ms_strv_free(ls->letters[k].reasons);
		free(ls->letters);
		for (size_t k = 0; k < ls->nfindings; k++) {
			finding_rec *fr = &ls->findings[k];
			free(fr->check);
			free(fr->term);
			free(fr->message);
			free(fr->msgid);
			free(fr->msgstr);
			ms_strv_free(fr->refs);
		}
		free(ls->findings);
		free(ls->lang);
		free(ls->po_file);
	}
	free(r->langs);
	ms_strv_free(r->ids);
}

/* Gather the statistics (and, when R->full, publish states and findings)
 * for LANGS (the target languages when empty).  False on an input error
 * (reported). */
static bool
report_gather(report *r, char **langs)
{
	project *p = r->p;
	UBreakIterator *bi;
	UErrorCode err = U_ZERO_ERROR;
	ms_glossary *g = NULL;
	ms_checker *checker = NULL;
	ms_segmenter *segs[2] = { NULL, NULL };
	bool ok = true;
	char **want = langs[0] ? langs : p->config->languages;

	if (cli_list_letters(p, NULL, 0) != MS_OK)
		return false;
	r->ids = ms_xcalloc(1, sizeof(char *));
	for (size_t i = 0; p->letters[i]; i++) {
		char *id = ref_id(p->letters[i]);
		ms_strv_push(&r->ids, id);
		free(id);
	}
	bi = ubrk_open(UBRK_WORD, p->config->source_lang, NULL, 0, &err);
	if (U_FAILURE(err)) {
		ms_diag_emit(&cli_diag, MS_ERROR, NULL, NULL, 0, 0,
		             _("cannot open the ICU word breaker: %s"), u_errorName(err));
		return false;
	}
	if (r->full && (!cli_load_glossary(p, NULL, &g)
	                || ms_checker_new(p->config, g, &checker, &cli_diag) != MS_OK))
		ok = false;

	r->nlangs = ms_strv_len(want);
	r->langs = ms_xcalloc(r->nlangs + 1, sizeof *r->langs);
	for (size_t li = 0; ok && li < r->nlangs; li++) {
		lang_stat *ls = &r->langs[li];
		ms_catalog *po = NULL;
		struct stat st;
		ls->lang = ms_xstrdup(want[li]);
		ls->po_file = cli_po_path(p, want[li]);
		ls->letters = ms_xcalloc(ms_strv_len(r->ids) + 1, sizeof *ls->letters);
		for (size_t k = 0; r->ids[k]; k++)
			ls->letters[k].reasons = ms_xcalloc(1, sizeof(char *));
		ls->have_po = stat(ls->po_file, &st) == 0;
		if (ls->have_po && ms_catalog_read(ls->po_file, &po, &cli_diag) != MS_OK) {
			ok = false;
			break;
		}
		if (po)
			count_catalog(r, ls, po, bi);
		if (r->full) {
			if (po) {
				ms_checker_run(checker, po, ls->po_file, ls->lang, collect_finding, ls,
				               &ls->errors, &ls->warnings);
				finding_refs(ls, po);
			}
			publish_states(r, ls, po, segs);
		}
		ms_catalog_free(po);
	}
	ms_checker_free(checker);
	ms_glossary_free(g);
	ms_segmenter_free(segs[0]);
	ms_segmenter_free(segs[1]);
	ubrk_close(bi);
	return ok;
}

/* --------------------------------------------------------------- escaping */

static void
json_str(ms_buf *b, const char *s)
{
	ms_buf_put_json(b, s, true);   /* safe to embed in HTML too */
}

static void
html_esc(ms_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': ms_buf_puts(b, "&amp;"); break;
		case '<': ms_buf_puts(b, "&lt;"); break;
		case '>': ms_buf_puts(b, "&gt;"); break;
		case '"': ms_buf_puts(b, "&quot;"); break;
		case '\'': ms_buf_puts(b, "&#39;"); break;
		default: ms_buf_putc(b, *s);
		}
	}
}

/* A relative URL path, percent-encoded, then HTML-escaped. */
static void
href_esc(ms_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/')
			ms_buf_putc(b, c);
		else {
			ms_buf_putc(b, '%');
			ms_buf_putc(b, hex[c >> 4]);
			ms_buf_putc(b, hex[c & 15]);
		}
	}
}

/* PATH (relative to the working folder) as seen from the folder FROM_ABS;
 * freshly allocated.  PATH itself when it cannot be resolved. */
static char *
rel_link(const char *from_abs, const char *path)
{
	char *to = realpath(path, NULL);
	ms_buf b = MS_BUF_INIT;
	size_t i = 0, common;
	if (!to || !from_abs)
		return to ? to : ms_xstrdup(path);
	while (from_abs[i] && from_abs[i] == to[i])
		i++;
	if (!from_abs[i] && to[i] == '/') {
		common = i;
	} else {
		while (i > 0 && from_abs[i - 1] != '/')
			i--;
		common = i ? i - 1 : 0;
	}
	for (const char *q = from_abs + common; *q; q++)
		if (*q == '/' && q[1])
			ms_buf_puts(&b, "../");
	ms_buf_puts(&b, to + common + 1);
	free(to);
	return ms_buf_detach(&b, NULL);
}

/* ------------------------------------------------------------------- JSON */

static void
json_counts(ms_buf *b, const counts *c)
{
	for (int k = 0; k < 2; k++) {
		const size_t *v = k ? c->words : c->units;
		ms_buf_printf(b, "%s\"%s\":{", k ? "," : "", k ? "words" : "units");
		for (int s = 0; s < NSTATES; s++)
			ms_buf_printf(b, "\"%s\":%zu,", state_keys[s], v[s]);
		ms_buf_printf(b, "\"total\":%zu}", v[0] + v[1] + v[2]);
	}
}

static void
report_json(const report *r, ms_buf *b)
{
	const project *p = r->p;
	ms_buf_puts(b, "{\"source\":");
	json_str(b, p->config->source_lang);
	ms_buf_puts(b, ",\"languages\":[");
	for (size_t li = 0; li < r->nlangs; li++) {
		const lang_stat *ls = &r->langs[li];
		ms_buf_puts(b, li ? ",\n{\"language\":" : "\n{\"language\":");
		json_str(b, ls->lang);
		ms_buf_puts(b, ",\"catalogue\":");
		json_str(b, ls->po_file);
		ms_buf_printf(b, ",\"exists\":%s,", ls->have_po ? "true" : "false");
		json_counts(b, &ls->total);
		if (r->full)
			ms_buf_printf(b, ",\"check_errors\":%zu,\"check_warnings\":%zu",
			              ls->errors, ls->warnings);
		ms_buf_puts(b, ",\"letters\":[");
		for (size_t i = 0; r->ids[i]; i++) {
			const letter_stat *lt = &ls->letters[i];
			ms_buf_puts(b, i ? ",\n {\"id\":" : "\n {\"id\":");
			json_str(b, r->ids[i]);
			ms_buf_puts(b, ",\"file\":");
			json_str(b, p->letters[i]);
			ms_buf_putc(b, ',');
			json_counts(b, &lt->c);
			if (r->full) {
				ms_buf_printf(b, ",\"state\":\"%s\",\"reasons\":[", publish_keys[lt->state]);
				for (size_t k = 0; lt->reasons[k]; k++) {
					if (k)
						ms_buf_putc(b, ',');
					json_str(b, lt->reasons[k]);
				}
				ms_buf_putc(b, ']');
			}
			ms_buf_putc(b, '}');
		}
		ms_buf_putc(b, ']');
		if (r->full) {
			ms_buf_puts(b, ",\"findings\":[");
			for (size_t k = 0; k < ls->nfindings; k++) {
				const finding_rec *fr = &ls->findings[k];
				ms_buf_puts(b, k ? ",\n {\"check\":" : "\n {\"check\":");
				json_str(b, fr->check);
				ms_buf_puts(b, ",\"term\":");
				json_str(b, fr->term);
				ms_buf_puts(b, ",\"severity\":");
				json_str(b, fr->severity);
				ms_buf_puts(b, ",\"file\":");
				json_str(b, ls->po_file);
				ms_buf_printf(b, ",\"line\":%u,\"message\":", fr->line);
				json_str(b, fr->message);
				ms_buf_puts(b, ",\"msgid\":");
				json_str(b, fr->msgid);
				ms_buf_puts(b, ",\"msgstr\":");
				json_str(b, fr->msgstr);
				ms_buf_puts(b, ",\"letters\":[");
				for (size_t q = 0; fr->refs[q]; q++) {
					if (q)
						ms_buf_putc(b, ',');
					json_str(b, fr->refs[q]);
				}
				ms_buf_puts(b, "]}");
			}
			ms_buf_putc(b, ']');
		}
		ms_buf_putc(b, '}');
	}
	ms_buf_puts(b, "]}\n");
}

/* ------------------------------------------------------------------- HTML */

static const char *const state_colours[NSTATES] = { "#2e7d32", "#f9a825", "#c62828" };

/* The (translated) name of a state. */
static const char *
state_name(int s)
{
	static const char *const names[NSTATES] = {
		N_("translated"), N_("fuzzy"), N_("untranslated")
	};
	return _(names[s]);
}

static const char *
publish_name(int s)
{
	static const char *const names[] = { N_("published"), N_("draft"), N_("blocked") };
	return _(names[s]);
}

/* One stacked bar at (X, Y), WIDTH × HEIGHT, of V[0..2]. */
static void
svg_bar(ms_buf *b, double x, double y, double width, double height, const size_t *v,
        const char *what)
{
	size_t total = v[0] + v[1] + v[2];
	double at = x;
	ms_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#e0e0e0\"/>",
	              x, y, width, height);
	for (int s = 0; s < NSTATES && total; s++) {
		double w = width * (double)v[s] / (double)total;
		if (v[s] == 0)
			continue;
		ms_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>",
		              at, y, w, height, state_colours[s]);
		html_esc(b, what);
		ms_buf_printf(b, ": %zu ", v[s]);
		html_esc(b, state_name(s));
		ms_buf_puts(b, "</title></rect>");
		at += w;
	}
}

/* A chart of one row per ROWS entry: its label, then a words bar above a
 * units bar, each with the share translated. */
static void
svg_chart(ms_buf *b, const char *title, char *const *labels, const counts *const *rows, size_t n)
{
	const double bar_w = 560, row_h = 50, width = bar_w + 150;
	double h = 30 + row_h * (double)n;
	ms_buf_printf(b, "<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" "
	              "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\"><title>",
	              width, h, width, h);
	html_esc(b, title);
	ms_buf_puts(b, "</title>");
	for (int s = 0; s < NSTATES; s++) {
		double x = 130.0 * s;
		ms_buf_printf(b, "<rect x=\"%.0f\" y=\"4\" width=\"12\" height=\"12\" fill=\"%s\"/>"
		              "<text x=\"%.0f\" y=\"15\" class=\"legend\">", x, state_colours[s], x + 16);
		html_esc(b, state_name(s));
		ms_buf_puts(b, "</text>");
	}
	for (size_t i = 0; i < n; i++) {
		double y = 30 + row_h * (double)i;
		const size_t *w = rows[i]->words, *u = rows[i]->units;
		size_t tw = w[0] + w[1] + w[2], tu = u[0] + u[1] + u[2];
		ms_buf_printf(b, "<text x=\"0\" y=\"%.1f\" class=\"row\">", y + 11);
		html_esc(b, labels[i]);
		ms_buf_puts(b, "</text>");
		svg_bar(b, 0, y + 15, bar_w, 14, w, _("words"));
		svg_bar(b, 0, y + 31, bar_w, 9, u, _("units"));
		ms_buf_printf(b, "<text x=\"%.0f\" y=\"%.1f\" class=\"pct\">%zu%% ",
		              bar_w + 6, y + 26, tw ? w[0] * 100 / tw : 0);
		html_esc(b, _("words"));
		ms_buf_printf(b, "</text><text x=\"%.0f\" y=\"%.1f\" class=\"pct small\">%zu%% ",
		              bar_w + 6, y + 40, tu ? u[0] * 100 / tu : 0);
		html_esc(b, _("units"));
		ms_buf_puts(b, "</text>");
	}
	ms_buf_puts(b, "</svg>\n");
}

/* Table cells of C, each tagged data-k="KEY/units|words/STATE" so a test
 * can read the numbers back. */
static void
html_count_cells(ms_buf *b, const char *key, const counts *c)
{
	for (int k = 0; k < 2; k++) {
		const size_t *v = k ? c->words : c->units;
		for (int s = 0; s < NSTATES; s++) {
			ms_buf_puts(b, "<td class=\"n\" data-k=\"");
			html_esc(b, key);
			ms_buf_printf(b, "/%s/%s\">%zu</td>", k ? "words" : "units", state_keys[s], v[s]);
		}
	}
}

static void
html_count_head(ms_buf *b, const char *first)
{
	ms_buf_puts(b, "<thead><tr><th rowspan=\"2\">");
	html_esc(b, first);
	ms_buf_puts(b, "</th><th colspan=\"3\">");
	html_esc(b, _("units"));
	ms_buf_puts(b, "</th><th colspan=\"3\">");
	html_esc(b, _("words"));
	ms_buf_puts(b, "</th></tr><tr>");
	for (int k = 0; k < 2; k++)
		for (int s = 0; s < NSTATES; s++) {
			ms_buf_printf(b, "<th class=\"s%d\">", s);
			html_esc(b, state_name(s));
			ms_buf_puts(b, "</th>");
		}
	ms_buf_puts(b, "</tr></thead>\n");
}

/* A link to FILE:LINE as seen from the report folder. */
static void
html_file_link(ms_buf *b, const char *out_abs, const char *file, unsigned line)
{
	char *rel = rel_link(out_abs, file);
	ms_buf_puts(b, "<a class=\"loc\" href=\"");
	href_esc(b, rel);
	ms_buf_puts(b, "\">");
	html_esc(b, file);
	if (line)
		ms_buf_printf(b, ":%u", line);
	ms_buf_puts(b, "</a>");
	free(rel);
}

static const char report_css[] =
	"body{font-family:system-ui,'Noto Sans CJK KR','Noto Sans',sans-serif;margin:2em auto;"
	"max-width:70em;padding:0 1em;color:#212121;line-height:1.45}"
	"h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #bdbdbd}"
	"table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #e0e0e0;padding:.25em .6em}"
	"th{background:#f5f5f5}td.n{text-align:right;font-variant-numeric:tabular-nums}"
	"th.s0{color:#2e7d32}th.s1{color:#a06800}th.s2{color:#c62828}"
	".badge{display:inline-block;padding:0 .5em;border-radius:.6em;color:#fff;font-size:.9em}"
	".published{background:#2e7d32}.draft{background:#a06800}.blocked{background:#c62828}"
	".why{font-size:.85em;color:#555;margin:.1em 0 0 0;padding-left:1.2em}"
	"svg.chart{max-width:100%;height:auto;margin:.5em 0}svg text{font-size:13px;fill:#212121}"
	"ul.states{list-style:none;padding:0}ul.states li{margin:.3em 0}"
	"svg text.small{font-size:10px;fill:#616161}"
	".finding{margin:.6em 0;padding:.4em .6em;border-left:4px solid #c62828;background:#fafafa}"
	".finding.warning{border-left-color:#f9a825}"
	".src,.tgt{font-family:ui-monospace,monospace;font-size:.9em;white-space:pre-wrap;margin:.2em 0}"
	".loc{font-family:ui-monospace,monospace;font-size:.9em}"
	"code{font-size:.95em}";

/* The language tag of the page: the translators of the CLI domain give
 * their own tag as the translation of "en". */
static char *
ui_lang(void)
{
	/* TRANSLATORS: not English text: your language's tag ("ko", "es"),
	   used as <html lang> of the status report. */
	const char *tag = _("en");
	size_t n = strspn(tag, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
	return n ? ms_xstrndup(tag, n) : ms_xstrdup("en");
}

static void
report_html(const report *r, const char *out_abs, ms_buf *b)
{
	const project *p = r->p;
	size_t nl = ms_strv_len(r->ids);
	char *lang = ui_lang();
	ms_buf key = MS_BUF_INIT;

	ms_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", lang);
	ms_buf_puts(b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	            "style-src 'unsafe-inline'; img-src data:\">\n<title>");
	html_esc(b, _("Translation status"));
	ms_buf_printf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", report_css);
	html_esc(b, _("Translation status"));
	ms_buf_puts(b, "</h1>\n<p>");
	html_esc(b, _("Source language:"));
	ms_buf_puts(b, " <code>");
	html_esc(b, p->config->source_lang);
	ms_buf_puts(b, "</code>. ");
	{
		ms_buf t = MS_BUF_INIT;
		ms_buf_printf(&t, _("Letters: %zu. Target languages: %zu."), nl, r->nlangs);
		html_esc(b, t.ptr);
		ms_buf_release(&t);
	}
	ms_buf_puts(b, "</p>\n");

	/* summary: one row per language */
	ms_buf_puts(b, "<h2 id=\"summary\">");
	html_esc(b, _("Summary"));
	ms_buf_puts(b, "</h2>\n");
	{
		char **labels = ms_xcalloc(r->nlangs + 1, sizeof(char *));
		const counts **rows = ms_xcalloc(r->nlangs + 1, sizeof(counts *));
		for (size_t li = 0; li < r->nlangs; li++) {
			labels[li] = r->langs[li].lang;
			rows[li] = &r->langs[li].total;
		}
		svg_chart(b, _("Translated words and units per language"), labels, rows, r->nlangs);
		free(labels);
		free(rows);
	}
	ms_buf_puts(b, "<table class=\"counts\" id=\"languages\">");
	html_count_head(b, _("language"));
	ms_buf_puts(b, "<tbody>\n");
	for (size_t li = 0; li < r->nlangs; li++) {
		const lang_stat *ls = &r->langs[li];
		ms_buf_puts(b, "<tr><th><a href=\"#lang-");
		html_esc(b, ls->lang);
		ms_buf_puts(b, "\">");
		html_esc(b, ls->lang);
		ms_buf_puts(b, "</a></th>");
		ms_buf_reset(&key);
		ms_buf_printf(&key, "%s/*", ls->lang);
		html_count_cells(b, key.ptr, &ls->total);
		ms_buf_puts(b, "</tr>\n");
	}
	ms_buf_puts(b, "</tbody></table>\n<ul class=\"states\">");
	for (size_t li = 0; li < r->nlangs; li++) {
		size_t by[3] = { 0, 0, 0 };
		for (size_t i = 0; i < nl; i++)
			by[r->langs[li].letters[i].state]++;
		ms_buf_puts(b, "<li><strong>");
		html_esc(b, r->langs[li].lang);
		ms_buf_puts(b, "</strong>: ");
		for (int s = 0; s < 3; s++) {
			ms_buf label = MS_BUF_INIT;
			ms_buf_printf(b, "%s<span class=\"badge %s\" data-k=\"", s ? " " : "", publish_keys[s]);
			html_esc(b, r->langs[li].lang);
			ms_buf_printf(b, "/*/letters/%s\">", publish_keys[s]);
			if (s == PUBLISHED)
				ms_buf_printf(&label, dngettext("missive", "%zu published", "%zu published", by[s]), by[s]);
			else if (s == DRAFT)
				ms_buf_printf(&label, dngettext("missive", "%zu draft", "%zu drafts", by[s]), by[s]);
			else
				ms_buf_printf(&label, dngettext("missive", "%zu blocked", "%zu blocked", by[s]), by[s]);
			html_esc(b, label.ptr);
			ms_buf_release(&label);
			ms_buf_puts(b, "</span>");
		}
		ms_buf_puts(b, "</li>");
	}
	ms_buf_puts(b, "</ul>\n");

	/* publish state, letters × languages */
	ms_buf_puts(b, "<h2 id=\"publish\">");
	html_esc(b, _("Publish state"));
	ms_buf_puts(b, "</h2>\n<table class=\"publish\"><thead><tr><th>");
	html_esc(b, _("letter"));
	ms_buf_puts(b, "</th>");
	for (size_t li = 0; li < r->nlangs; li++) {
		ms_buf_puts(b, "<th>");
		html_esc(b, r->langs[li].lang);
		ms_buf_puts(b, "</th>");
	}
	ms_buf_puts(b, "</tr></thead><tbody>\n");
	for (size_t i = 0; i < nl; i++) {
		ms_buf_puts(b, "<tr><th>");
		html_file_link(b, out_abs, p->letters[i], 0);
		ms_buf_puts(b, "</th>");
		for (size_t li = 0; li < r->nlangs; li++) {
			const letter_stat *lt = &r->langs[li].letters[i];
			ms_buf_printf(b, "<td data-state=\"%s\"><span class=\"badge %s\">",
			              publish_keys[lt->state], publish_keys[lt->state]);
			html_esc(b, publish_name(lt->state));
			ms_buf_puts(b, "</span>");
			if (lt->reasons[0]) {
				ms_buf_puts(b, "<ul class=\"why\">");
				for (size_t k = 0; lt->reasons[k]; k++) {
					ms_buf_puts(b, "<li>");
					html_esc(b, lt->reasons[k]);
					ms_buf_puts(b, "</li>");
				}
				ms_buf_puts(b, "</ul>");
			}
			ms_buf_puts(b, "</td>");
		}
		ms_buf_puts(b, "</tr>\n");
	}
	ms_buf_puts(b, "</tbody></table>\n");

	/* per language: letters */
	for (size_t li = 0; li < r->nlangs; li++) {
		const lang_stat *ls = &r->langs[li];
		const counts **rows = ms_xcalloc(nl + 1, sizeof(counts *));
		ms_buf title = MS_BUF_INIT;
		ms_buf_puts(b, "<h2 id=\"lang-");
		html_esc(b, ls->lang);
		ms_buf_puts(b, "\">");
		ms_buf_printf(&title, _("Letters in '%s'"), ls->lang);
		html_esc(b, title.ptr);
		ms_buf_puts(b, "</h2>\n<p>");
		html_esc(b, _("Catalogue:"));
		ms_buf_putc(b, ' ');
		if (ls->have_po)
			html_file_link(b, out_abs, ls->po_file, 0);
		else {
			html_esc(b, ls->po_file);
			ms_buf_puts(b, " (");
			html_esc(b, _("missing"));
			ms_buf_putc(b, ')');
		}
		ms_buf_puts(b, "</p>\n");
		for (size_t i = 0; i < nl; i++)
			rows[i] = &ls->letters[i].c;
		svg_chart(b, title.ptr, r->ids, rows, nl);
		free(rows);
		ms_buf_release(&title);
		ms_buf_puts(b, "<table class=\"counts\">");
		html_count_head(b, _("letter"));
		ms_buf_puts(b, "<tbody>\n");
		for (size_t i = 0; i < nl; i++) {
			ms_buf_puts(b, "<tr><th>");
			html_esc(b, r->ids[i]);
			ms_buf_puts(b, "</th>");
			ms_buf_reset(&key);
			ms_buf_printf(&key, "%s/%s", ls->lang, r->ids[i]);
			html_count_cells(b, key.ptr, &ls->letters[i].c);
			ms_buf_puts(b, "</tr>\n");
		}
		ms_buf_puts(b, "</tbody></table>\n");
	}

	/* open findings, grouped by check and term */
	ms_buf_puts(b, "<h2 id=\"findings\">");
	html_esc(b, _("Open findings"));
	ms_buf_puts(b, "</h2>\n");
	for (size_t li = 0; li < r->nlangs; li++) {
		const lang_stat *ls = &r->langs[li];
		const char *group = NULL, *term = NULL;
		ms_buf h = MS_BUF_INIT;
		ms_buf_printf(&h, _("'%s': errors: %zu, warnings: %zu"), ls->lang, ls->errors, ls->warnings);
		ms_buf_puts(b, "<h3>");
		html_esc(b, h.ptr);
		ms_buf_puts(b, "</h3>\n");
		ms_buf_release(&h);
		if (!ls->nfindings) {
			ms_buf_puts(b, "<p>");
			html_esc(b, _("No open findings."));
			ms_buf_puts(b, "</p>\n");
		}
		for (size_t k = 0; k < ls->nfindings; k++) {
			const finding_rec *fr = &ls->findings[k];
			bool new_group = !group || strcmp(group, fr->check);
			if (new_group) {
				if (group)
					ms_buf_puts(b, "</section>\n");
				ms_buf_puts(b, "<section class=\"check\"><h4><code>");
				html_esc(b, fr->check);
				ms_buf_puts(b, "</code></h4>\n");
				group = fr->check;
				term = NULL;
			}
			if (fr->term && (new_group || !term || strcmp(term, fr->term))) {
				ms_buf_puts(b, "<h5>");
				html_esc(b, _("term"));
				ms_buf_puts(b, " <code>");
				html_esc(b, fr->term);
				ms_buf_puts(b, "</code></h5>\n");
				term = fr->term;
			}
			ms_buf_printf(b, "<div class=\"finding %s\"><div>", fr->severity);
			html_file_link(b, out_abs, ls->po_file, fr->line);
			ms_buf_puts(b, ": <strong>");
			html_esc(b, _(fr->severity));
			ms_buf_puts(b, "</strong>: ");
			html_esc(b, fr->message);
			ms_buf_puts(b, "</div>\n<div class=\"src\">");
			html_esc(b, fr->msgid);
			ms_buf_puts(b, "</div><div class=\"tgt\">");
			html_esc(b, fr->msgstr);
			ms_buf_puts(b, "</div>");
			if (fr->refs[0]) {
				ms_buf_puts(b, "<div>");
				html_esc(b, _("In the letter:"));
				for (size_t q = 0; fr->refs[q]; q++) {
					const char *colon = strrchr(fr->refs[q], ':');
					char *file = colon ? ms_xstrndup(fr->refs[q], (size_t)(colon - fr->refs[q]))
					                   : ms_xstrdup(fr->refs[q]);
					ms_buf_putc(b, ' ');
					html_file_link(b, out_abs, file, colon ? (unsigned)strtoul(colon + 1, NULL, 10) : 0);
					free(file);
				}
				ms_buf_puts(b, "</div>");
			}
			ms_buf_puts(b, "</div>\n");
		}
		if (group)
			ms_buf_puts(b, "</section>\n");
	}
	ms_buf_puts(b, "<p class=\"why\">");
	html_esc(b, _("Written by missive report."));
	ms_buf_printf(b, " %s</p>\n</body>\n</html>\n", PACKAGE_STRING);
	ms_buf_release(&key);
	free(lang);
}

/* ------------------------------------------------------------------- text */

static void
stats_text(const report *r)
{
	for (size_t li = 0; li < r->nlangs; li++) {
		const lang_stat *ls = &r->langs[li];
		const counts *c = &ls->total;
		printf("%s (%s)%s\n", ls->lang, ls->po_file, ls->have_po ? "" : _(": missing"));
		printf(_("  all letters: units %zu translated, %zu fuzzy, %zu untranslated;"
		         " words %zu translated, %zu fuzzy, %zu untranslated\n"),
		       c->units[0], c->units[1], c->units[2], c->words[0], c->words[1], c->words[2]);
		for (size_t i = 0; r->ids[i]; i++) {
			c = &ls->letters[i].c;
			printf(_("  %s: units %zu translated, %zu fuzzy, %zu untranslated;"
			         " words %zu translated, %zu fuzzy, %zu untranslated\n"),
			       r->ids[i], c->units[0], c->units[1], c->units[2],
			       c->words[0], c->words[1], c->words[2]);
		}
	}
}

/* ---------------------------------------------------------------- commands */

static bool
flush_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		ms_diag_emit(&cli_diag, MS_ERROR, NULL, NULL, 0, 0,
		             _("cannot write to standard output: %s"), strerror(errno));
		return false;
	}
	return true;
}

int
cmd_stats(project *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	report r = { p, NULL, NULL, 0, false };
	char **langs = ms_xcalloc(1, sizeof(char *));
	bool json = false;
	int c, rc = EXIT_CLEAN;

	while ((c = getopt_long(argc, argv, "f:l:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "json"))
				json = true;
			else if (strcmp(optarg, "text")) {
				cli_usage_error(_("unknown format '%s' (text or json)"), optarg);
				ms_strv_free(langs);
				return EXIT_ERROR;
			}
			break;
		case 'l': ms_strv_push(&langs, optarg); break;
		case 'h':
			printf(_("Usage: %s stats [--format=text|json] [--lang LANG]...\n"
			         "Count the translated, fuzzy and untranslated units of each catalogue,\n"
			         "and the words of their source text, per language and per letter.\n"),
			       cli_progname);
			ms_strv_free(langs);
			return EXIT_CLEAN;
		default:
			ms_strv_free(langs);
			return EXIT_ERROR;
		}
	}
	if (optind < argc) {
		cli_usage_error(_("unexpected argument '%s'"), argv[optind]);
		ms_strv_free(langs);
		return EXIT_ERROR;
	}
	if (!report_gather(&r, langs)) {
		rc = EXIT_ERROR;
	} else if (json) {
		ms_buf b = MS_BUF_INIT;
		report_json(&r, &b);
		fputs(b.ptr, stdout);
		ms_buf_release(&b);
	} else {
		stats_text(&r);
	}
	if (!flush_stdout())
		rc = EXIT_ERROR;
	report_release(&r);
	ms_strv_free(langs);
	return rc;
}

int
cmd_report(project *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	report r = { p, NULL, NULL, 0, true };
	char **langs = ms_xcalloc(1, sizeof(char *));
	const char *out_dir = NULL;
	char *dflt = NULL, *out_abs = NULL;
	bool json = false;
	ms_buf b = MS_BUF_INIT, path = MS_BUF_INIT;
	int c, rc = EXIT_CLEAN;

	while ((c = getopt_long(argc, argv, "f:o:l:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "json"))
				json = true;
			else if (strcmp(optarg, "html")) {
				cli_usage_error(_("unknown format '%s' (html or json)"), optarg);
				rc = EXIT_ERROR;
				goto out;
			}
			break;
		case 'o': out_dir = optarg; break;
		case 'l': ms_strv_push(&langs, optarg); break;
		case 'h':
			printf(_("Usage: %s report [--format=html|json] [--out DIR] [--lang LANG]...\n"
			         "Write the translation status report to DIR/index.html (default\n"
			         "%s/report): progress per language and letter, the publish state\n"
			         "of each letter and every open finding of the checks.  With\n"
			         "--format=json the same data goes to standard output, or to\n"
			         "DIR/report.json when --out is given.\n"),
			       cli_progname, p->config->out_dir);
			goto out;
		default:
			rc = EXIT_ERROR;
			goto out;
		}
	}
	if (optind < argc) {
		cli_usage_error(_("unexpected argument '%s'"), argv[optind]);
		rc = EXIT_ERROR;
		goto out;
	}
	if (!report_gather(&r, langs)) {
		rc = EXIT_ERROR;
		goto out;
	}
	if (json && !out_dir) {
		report_json(&r, &b);
		fputs(b.ptr, stdout);
		if (!flush_stdout())
			rc = EXIT_ERROR;
		goto out;
	}
	if (!out_dir) {
		ms_buf d = MS_BUF_INIT;
		ms_buf_printf(&d, "%s/report", p->config->out_dir);
		dflt = ms_buf_detach(&d, NULL);
		out_dir = dflt;
	}
	if (ms_mkdirs(out_dir, &cli_diag) != MS_OK) {
		rc = EXIT_ERROR;
		goto out;
	}
	out_abs = realpath(out_dir, NULL);
	if (json)
		report_json(&r, &b);
	else
		report_html(&r, out_abs, &b);
	ms_buf_printf(&path, "%s/%s", out_dir, json ? "report.json" : "index.html");
	if (ms_atomic_write(path.ptr, b.ptr, b.len, &cli_diag) != MS_OK)
		rc = EXIT_ERROR;
	else if (!cli_quiet)
		fprintf(stderr, _("%s: wrote %s\n"), cli_progname, path.ptr);
out:
	report_release(&r);
	ms_buf_release(&b);
	ms_buf_release(&path);
	free(out_abs);
	free(dflt);
	ms_strv_free(langs);
	return rc;
}

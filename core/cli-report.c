/* cli-report.c — `missive report`: the translation status report
 * (core/project-report.c) as a self-contained HTML page with inline SVG
 * charts, or as JSON (core/cli-stats.c). */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef ENABLE_NLS
#define dngettext(domain, one, many, n) ((n) == 1 ? (one) : (many))
#endif

/* --------------------------------------------------------------- escaping */

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

/* ------------------------------------------------------------------- HTML */

static const char *const state_colours[MS_UNIT_STATES] = { "#2e7d32", "#f9a825", "#c62828" };

/* The (translated) name of a state. */
static const char *
state_name(int s)
{
	static const char *const names[MS_UNIT_STATES] = {
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
	for (int s = 0; s < MS_UNIT_STATES && total; s++) {
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
svg_chart(ms_buf *b, const char *title, char *const *labels, const ms_counts *const *rows, size_t n)
{
	const double bar_w = 560, row_h = 50, width = bar_w + 150;
	double h = 30 + row_h * (double)n;
	ms_buf_printf(b, "<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" "
	              "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\"><title>",
	              width, h, width, h);
	html_esc(b, title);
	ms_buf_puts(b, "</title>");
	for (int s = 0; s < MS_UNIT_STATES; s++) {
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
html_count_cells(ms_buf *b, const char *key, const ms_counts *c)
{
	for (int k = 0; k < 2; k++) {
		const size_t *v = k ? c->words : c->units;
		for (int s = 0; s < MS_UNIT_STATES; s++) {
			ms_buf_puts(b, "<td class=\"n\" data-k=\"");
			html_esc(b, key);
			ms_buf_printf(b, "/%s/%s\">%zu</td>", k ? "words" : "units", ms_unit_state_name(s), v[s]);
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
		for (int s = 0; s < MS_UNIT_STATES; s++) {
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
	".finding.suppressed{border-left-color:#9e9e9e;opacity:.75}"
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

/* The report's lists as arrays, for the tables. */
typedef struct html_view {
	const ms_report_lang **langs;
	const ms_report_letter ***letters;   /* [language][letter] */
} html_view;

static void
html_view_init(html_view *v, const ms_report *r)
{
	size_t li = 0;
	v->langs = ms_xcalloc(r->nlangs + 1, sizeof *v->langs);
	v->letters = ms_xcalloc(r->nlangs + 1, sizeof *v->letters);
	for (const ms_report_lang *ls = r->langs; ls; ls = ls->next, li++) {
		size_t i = 0;
		v->langs[li] = ls;
		v->letters[li] = ms_xcalloc(r->nletters + 1, sizeof **v->letters);
		for (const ms_report_letter *lt = ls->letters; lt; lt = lt->next, i++) {
			v->letters[li][i] = lt;
		}
	}
}

static void
html_view_release(html_view *v)
{
	for (size_t li = 0; v->letters[li]; li++)
		free(v->letters[li]);
	free(v->letters);
	free(v->langs);
}

static void
report_html(const ms_report *r, const char *out_abs, ms_buf *b)
{
	size_t nl = r->nletters;
	html_view v;
	char *lang = ui_lang();
	ms_buf key = MS_BUF_INIT;

	html_view_init(&v, r);

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
	html_esc(b, r->source_lang);
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
		const ms_counts **rows = ms_xcalloc(r->nlangs + 1, sizeof(ms_counts *));
		for (size_t li = 0; li < r->nlangs; li++) {
			labels[li] = (char *)v.langs[li]->lang;
			rows[li] = &v.langs[li]->total;
		}
		svg_chart(b, _("Translated words and units per language"), labels, rows, r->nlangs);
		free(labels);
		free(rows);
	}
	ms_buf_puts(b, "<table class=\"counts\" id=\"languages\">");
	html_count_head(b, _("language"));
	ms_buf_puts(b, "<tbody>\n");
	for (size_t li = 0; li < r->nlangs; li++) {
		const ms_report_lang *ls = v.langs[li];
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
			by[v.letters[li][i]->state]++;
		ms_buf_puts(b, "<li><strong>");
		html_esc(b, v.langs[li]->lang);
		ms_buf_puts(b, "</strong>: ");
		for (int s = 0; s < 3; s++) {
			ms_buf label = MS_BUF_INIT;
			ms_buf_printf(b, "%s<span class=\"badge %s\" data-k=\"", s ? " " : "", ms_publish_state_name((ms_publish_state)s));
			html_esc(b, v.langs[li]->lang);
			ms_buf_printf(b, "/*/letters/%s\">", ms_publish_state_name((ms_publish_state)s));
			if (s == MS_PUBLISH_PUBLISHED)
				ms_buf_printf(&label, dngettext("missive", "%zu published", "%zu published", by[s]), by[s]);
			else if (s == MS_PUBLISH_DRAFT)
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
		html_esc(b, v.langs[li]->lang);
		ms_buf_puts(b, "</th>");
	}
	ms_buf_puts(b, "</tr></thead><tbody>\n");
	for (size_t i = 0; i < nl; i++) {
		ms_buf_puts(b, "<tr><th>");
		html_file_link(b, out_abs, r->letters[i], 0);
		ms_buf_puts(b, "</th>");
		for (size_t li = 0; li < r->nlangs; li++) {
			const ms_report_letter *lt = v.letters[li][i];
			ms_buf_printf(b, "<td data-state=\"%s\"><span class=\"badge %s\">",
			              ms_publish_state_name(lt->state), ms_publish_state_name(lt->state));
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
		const ms_report_lang *ls = v.langs[li];
		const ms_counts **rows = ms_xcalloc(nl + 1, sizeof(ms_counts *));
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
			rows[i] = &v.letters[li][i]->counts;
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
			html_count_cells(b, key.ptr, &v.letters[li][i]->counts);
			ms_buf_puts(b, "</tr>\n");
		}
		ms_buf_puts(b, "</tbody></table>\n");
	}

	/* open findings, grouped by check and term */
	ms_buf_puts(b, "<h2 id=\"findings\">");
	html_esc(b, _("Open findings"));
	ms_buf_puts(b, "</h2>\n");
	for (size_t li = 0; li < r->nlangs; li++) {
		const ms_report_lang *ls = v.langs[li];
		const char *group = NULL, *term = NULL;
		ms_buf h = MS_BUF_INIT;
		ms_buf_printf(&h, _("'%s': errors: %zu, warnings: %zu"), ls->lang, ls->check_errors, ls->check_warnings);
		ms_buf_puts(b, "<h3>");
		html_esc(b, h.ptr);
		ms_buf_puts(b, "</h3>\n");
		ms_buf_release(&h);
		if (!ls->findings) {
			ms_buf_puts(b, "<p>");
			html_esc(b, _("No open findings."));
			ms_buf_puts(b, "</p>\n");
		}
		for (const ms_report_finding *fr = ls->findings; fr; fr = fr->next) {
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
			ms_buf_printf(b, "<div class=\"finding %s%s\"><div>", fr->severity,
			              fr->suppressed ? " suppressed" : "");
			html_file_link(b, out_abs, ls->po_file, fr->line);
			ms_buf_puts(b, ": <strong>");
			html_esc(b, _(fr->severity));
			ms_buf_puts(b, "</strong>: ");
			html_esc(b, fr->message);
			if (fr->suppressed) {
				ms_buf_puts(b, " <em>(");
				html_esc(b, _("suppressed"));
				if (*fr->suppressed) {
					ms_buf_puts(b, ": ");
					html_esc(b, fr->suppressed);
				}
				ms_buf_puts(b, ")</em>");
			}
			ms_buf_puts(b, "</div>\n<div class=\"src\">");
			html_esc(b, fr->msgid);
			ms_buf_puts(b, "</div><div class=\"tgt\">");
			html_esc(b, fr->msgstr);
			ms_buf_puts(b, "</div>");
			if (fr->letters[0]) {
				ms_buf_puts(b, "<div>");
				html_esc(b, _("In the letter:"));
				for (size_t q = 0; fr->letters[q]; q++) {
					const char *colon = strrchr(fr->letters[q], ':');
					char *file = colon ? ms_xstrndup(fr->letters[q], (size_t)(colon - fr->letters[q]))
					                   : ms_xstrdup(fr->letters[q]);
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
	html_view_release(&v);
	free(lang);
}


/* ---------------------------------------------------------------- command */

int
cmd_report(ms_project *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	ms_report *r = NULL;
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
			       cli_progname, ms_project_config(p)->out_dir);
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
	if (out_dir)
		cli_confine(p, out_dir);
	if (ms_project_report(p, langs, MS_REPORT_PUBLISH, &r, &cli_diag) != MS_OK) {
		rc = EXIT_ERROR;
		goto out;
	}
	if (json && !out_dir) {
		cli_report_json(r, true, &b);
		fputs(b.ptr, stdout);
		if (!cli_flush_stdout())
			rc = EXIT_ERROR;
		goto out;
	}
	if (!out_dir) {
		ms_buf d = MS_BUF_INIT;
		ms_buf_printf(&d, "%s/report", ms_project_config(p)->out_dir);
		dflt = ms_buf_detach(&d, NULL);
		out_dir = dflt;
	}
	if (ms_mkdirs(out_dir, &cli_diag) != MS_OK) {
		rc = EXIT_ERROR;
		goto out;
	}
	out_abs = realpath(out_dir, NULL);
	if (json)
		cli_report_json(r, true, &b);
	else
		report_html(r, out_abs, &b);
	ms_buf_printf(&path, "%s/%s", out_dir, json ? "report.json" : "index.html");
	if (ms_atomic_write(path.ptr, b.ptr, b.len, &cli_diag) != MS_OK)
		rc = EXIT_ERROR;
	else if (!cli_quiet)
		fprintf(stderr, _("%s: wrote %s\n"), cli_progname, path.ptr);
out:
	ms_report_free(r);
	ms_buf_release(&b);
	ms_buf_release(&path);
	free(out_abs);
	free(dflt);
	ms_strv_free(langs);
	return rc;
}

/* cli-stats.c — `missive stats` (a per-letter msgfmt --statistics, as
 * text or JSON), and the JSON form of the status report, which
 * `missive report --format=json` prints too. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void
json_str(ms_buf *b, const char *s)
{
	ms_buf_put_json(b, s, true);   /* safe to embed in HTML too */
}

static void
json_counts(ms_buf *b, const ms_counts *c)
{
	for (int k = 0; k < 2; k++) {
		const size_t *v = k ? c->words : c->units;
		ms_buf_printf(b, "%s\"%s\":{", k ? "," : "", k ? "words" : "units");
		for (int s = 0; s < MS_UNIT_STATES; s++)
			ms_buf_printf(b, "\"%s\":%zu,", ms_unit_state_name(s), v[s]);
		ms_buf_printf(b, "\"total\":%zu}", v[0] + v[1] + v[2]);
	}
	ms_buf_printf(b, ",\"origin\":{\"translator\":%zu,\"memory\":%zu,\"machine\":%zu}",
	              c->by_translator, c->from_memory, c->by_machine);
}

void
cli_report_json(const ms_report *r, bool full, ms_buf *b)
{
	ms_buf_puts(b, "{\"source\":");
	json_str(b, r->source_lang);
	ms_buf_puts(b, ",\"languages\":[");
	for (const ms_report_lang *ls = r->langs; ls; ls = ls->next) {
		ms_buf_puts(b, ls != r->langs ? ",\n{\"language\":" : "\n{\"language\":");
		json_str(b, ls->lang);
		ms_buf_puts(b, ",\"catalogue\":");
		json_str(b, ls->po_file);
		ms_buf_printf(b, ",\"exists\":%s,", ls->have_po ? "true" : "false");
		json_counts(b, &ls->total);
		if (full)
			ms_buf_printf(b, ",\"check_errors\":%zu,\"check_warnings\":%zu",
			              ls->check_errors, ls->check_warnings);
		ms_buf_puts(b, ",\"letters\":[");
		for (const ms_report_letter *lt = ls->letters; lt; lt = lt->next) {
			ms_buf_puts(b, lt != ls->letters ? ",\n {\"id\":" : "\n {\"id\":");
			json_str(b, lt->id);
			ms_buf_puts(b, ",\"file\":");
			json_str(b, lt->file);
			ms_buf_putc(b, ',');
			json_counts(b, &lt->counts);
			if (full) {
				ms_buf_printf(b, ",\"state\":\"%s\",\"reasons\":[",
				              ms_publish_state_name(lt->state));
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
		if (full) {
			ms_buf_puts(b, ",\"findings\":[");
			for (const ms_report_finding *fr = ls->findings; fr; fr = fr->next) {
				ms_buf_puts(b, fr != ls->findings ? ",\n {\"check\":" : "\n {\"check\":");
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
				if (fr->suppressed) {
					ms_buf_puts(b, ",\"suppressed\":true,\"suppress_reason\":");
					json_str(b, fr->suppressed);
				}
				ms_buf_puts(b, ",\"letters\":[");
				for (size_t q = 0; fr->letters[q]; q++) {
					if (q)
						ms_buf_putc(b, ',');
					json_str(b, fr->letters[q]);
				}
				ms_buf_puts(b, "]}");
			}
			ms_buf_putc(b, ']');
		}
		ms_buf_putc(b, '}');
	}
	ms_buf_puts(b, "]}\n");
}

/* Where the translations came from, when anything came from a memory or
 * a machine (a catalogue written by translators alone says nothing). */
static void
stats_origin(const ms_counts *c)
{
	if (c->from_memory || c->by_machine)
		printf(_("    translations: %zu by a translator, %zu from memory, %zu by machine\n"),
		       c->by_translator, c->from_memory, c->by_machine);
}

static void
stats_text(const ms_report *r)
{
	for (const ms_report_lang *ls = r->langs; ls; ls = ls->next) {
		const ms_counts *c = &ls->total;
		printf("%s (%s)%s\n", ls->lang, ls->po_file, ls->have_po ? "" : _(": missing"));
		printf(_("  all letters: units %zu translated, %zu fuzzy, %zu untranslated;"
		         " words %zu translated, %zu fuzzy, %zu untranslated\n"),
		       c->units[0], c->units[1], c->units[2], c->words[0], c->words[1], c->words[2]);
		stats_origin(c);
		for (const ms_report_letter *lt = ls->letters; lt; lt = lt->next) {
			c = &lt->counts;
			printf(_("  %s: units %zu translated, %zu fuzzy, %zu untranslated;"
			         " words %zu translated, %zu fuzzy, %zu untranslated\n"),
			       lt->id, c->units[0], c->units[1], c->units[2],
			       c->words[0], c->words[1], c->words[2]);
			stats_origin(c);
		}
	}
}

int
cmd_stats(ms_project *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	ms_report *r = NULL;
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
	if (ms_project_report(p, langs, 0, &r, &cli_diag) != MS_OK) {
		rc = EXIT_ERROR;
	} else if (json) {
		ms_buf b = MS_BUF_INIT;
		cli_report_json(r, false, &b);
		fputs(b.ptr, stdout);
		ms_buf_release(&b);
	} else {
		stats_text(r);
	}
	if (!cli_flush_stdout())
		rc = EXIT_ERROR;
	ms_report_free(r);
	ms_strv_free(langs);
	return rc;
}

/* test-config.c — missive.yaml: values, defaults, LINGUAS, located errors. */
#include <config.h>
#include "tap.h"
#include "internal.h"

#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>

static char dir[] = "/tmp/missive-config-XXXXXX";
static unsigned last_line, last_col, warnings, errors;
static char last_msg[256];

static void
record(const ms_diag *d, void *data)
{
	(void)data;
	last_line = d->line;
	last_col = d->column;
	snprintf(last_msg, sizeof last_msg, "%s", d->message);
	if (d->severity == MS_WARNING)
		warnings++;
	if (d->severity == MS_ERROR)
		errors++;
}

static ms_diag_handler h = { record, NULL, 0, 0 };

static void
put(const char *name, const char *content)
{
	char path[256];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	fputs(content, f);
	fclose(f);
}

static ms_status
load(const char *content, ms_config **c)
{
	char path[256];
	put("missive.yaml", content);
	snprintf(path, sizeof path, "%s/missive.yaml", dir);
	warnings = errors = 0;
	last_line = last_col = 0;
	return ms_config_load(path, c, &h);
}

int
main(void)
{
	ms_config *c = NULL;
	if (!mkdtemp(dir))
		return 99;
	if (chdir(dir) != 0)
		return 99;

	ms_config *d = ms_config_new_default();
	STR_EQ(d->source_lang, "en", "default source language");
	STR_EQ(d->segmentation, "sentence", "default segmentation");
	STR_EQ(ms_config_paper(d, "ko"), "a4", "default paper is A4");
	ms_config_free(d);

	INT_EQ(load("source: en\nlanguages: [ko, es]\nformats: [txt, pdf]\n"
	            "paper:\n  default: a4\n  en: letter\ntext-width: 60\n", &c),
	       MS_OK, "a complete file loads");
	INT_EQ(ms_strv_len(c->languages), 2, "two languages");
	STR_EQ(c->languages[0], "ko", "languages in order");
	INT_EQ(ms_strv_len(c->formats), 2, "two formats");
	STR_EQ(ms_config_paper(c, "en"), "letter", "paper per language");
	STR_EQ(ms_config_paper(c, "es"), "a4", "paper default for the rest");
	INT_EQ(c->text_width, 60, "text width");
	INT_EQ(warnings + errors, 0, "no diagnostics");
	ms_config_free(c);

	mkdir("po", 0777);
	put("po/LINGUAS", "# targets\nko es # trailing\n");
	INT_EQ(load("source: en\n", &c), MS_OK, "languages from po/LINGUAS");
	INT_EQ(ms_strv_len(c->languages), 2, "LINGUAS gives two languages");
	STR_EQ(c->languages[1], "es", "LINGUAS order kept");
	ms_config_free(c);

	INT_EQ(load("source: en\ncolour: blue\n", &c), MS_OK, "unknown key is not fatal");
	INT_EQ(warnings, 1, "unknown key is a warning");
	INT_EQ(last_line, 2, "warning points at the key's line");
	INT_EQ(last_col, 1, "and column");
	ms_config_free(c);

	c = NULL;
	INT_EQ(load("source: en\nsegmentation: words\n", &c), MS_ERR_INVALID,
	       "a bad segmentation value is an error");
	OK(c == NULL, "no configuration on error");
	INT_EQ(last_line, 2, "located at line 2");
	INT_EQ(last_col, 15, "at the value");

	INT_EQ(load("text-width: 5\n", &c), MS_ERR_INVALID, "out-of-range width is an error");
	INT_EQ(load("paper: tabloid\n", &c), MS_ERR_INVALID, "unknown paper is an error");
	INT_EQ(load("languages: [ko, \"k o\"]\n", &c), MS_ERR_INVALID, "a bad language tag is an error");
	INT_EQ(load("untranslated: maybe\n", &c), MS_ERR_INVALID, "a bad policy is an error");

	INT_EQ(load("source: en\nformats: [txt\n", &c), MS_ERR_PARSE, "malformed YAML is a parse error");
	OK(last_line >= 2, "parse error has a line (%u)", last_line);

	INT_EQ(load("source: \xff\n", &c), MS_ERR_ENCODING, "invalid UTF-8 is refused");
	INT_EQ(last_line, 1, "invalid UTF-8 located");

	warnings = errors = 0;
	INT_EQ(ms_config_load("/nonexistent/missive.yaml", &c, &h), MS_ERR_NOT_FOUND,
	       "a missing file is not found");
	INT_EQ(errors, 1, "and reported");

	INT_EQ(load("untranslated: draft\nsplit-pot: true\n", &c), MS_OK, "policies load");
	OK(c->draft_untranslated && c->split_pot, "draft policy and split templates set");
	ms_config_free(c);

	{
		char cmd[300];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
	}
	return done_testing();
}

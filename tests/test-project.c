/* test-project.c — the pipeline through the library alone (project.h):
 * extract → update → check → build on a temporary copy of a small
 * project, with no CLI involved.  What comes back is data and callbacks:
 * the library prints nothing, every callback runs on the calling thread
 * (build may use threads), and build, report and the publish decision
 * agree. */
#include <config.h>
#include "tap.h"
#include "internal.h"
#include "project.h"
#include "check.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define SEED "000_b6b6d3f049d4ab14"

static char dir[] = "/tmp/missive-project-XXXXXX";
static pthread_t main_thread;
static size_t off_thread;       /* callbacks run on another thread */

static void
on_thread(void)
{
	if (!pthread_equal(pthread_self(), main_thread))
		off_thread++;
}

/* ------------------------------------------------------------ recording */

static size_t diag_errors, diag_warnings, diag_notes;
static char last_diag[512];

static void
record_diag(const ms_diag *d, void *data)
{
	(void)data;
	on_thread();
	if (d->severity == MS_ERROR)
		diag_errors++;
	else if (d->severity == MS_WARNING)
		diag_warnings++;
	else
		diag_notes++;
	snprintf(last_diag, sizeof last_diag, "%s: %s", d->file ? d->file : "-", d->message);
}

static ms_diag_handler h = { record_diag, NULL, 0, 0 };

static void
reset_diags(void)
{
	diag_errors = diag_warnings = diag_notes = 0;
	h.errors = h.warnings = 0;
}

typedef struct events {
	size_t begun[3], steps[3], ended[3], total[3];
} events;
static events ev;

static void
ev_begin(ms_stage s, size_t total, void *data)
{
	(void)data;
	on_thread();
	ev.begun[s]++;
	ev.total[s] = total;
}

static void
ev_step(ms_stage s, const char *item, void *data)
{
	(void)item;
	(void)data;
	on_thread();
	ev.steps[s]++;
}

static void
ev_end(ms_stage s, void *data)
{
	(void)data;
	on_thread();
	ev.ended[s]++;
}

static size_t templates_written, template_entries;

static void
on_template(const char *path, size_t entries, void *data)
{
	(void)path;
	(void)data;
	on_thread();
	templates_written++;
	template_entries = entries;
}

static size_t catalogues_written, kept;

static void
on_catalogue(const ms_update_record *r, void *data)
{
	(void)data;
	on_thread();
	catalogues_written++;
	kept += r->kept;
}

static size_t findings, forbidden;

static void
on_finding(const ms_finding *f, void *data)
{
	(void)data;
	on_thread();
	findings++;
	if (!strcmp(f->check, "glossary/forbidden") && f->term && !strcmp(f->term, "refoulement")
	    && !strcmp(f->lang, "ko") && f->line > 0)
		forbidden++;
}

/* The last build's records: state per language of the seed letter. */
typedef struct lang_rec {
	char lang[8];
	ms_publish_state state;
	bool fresh, seen;
	size_t check_errors;
} lang_rec;
static lang_rec recs[3];
static size_t nrecords, nfresh;

static void
on_letter(const ms_build_record *r, void *data)
{
	(void)data;
	on_thread();
	nrecords++;
	if (r->fresh)
		nfresh++;
	for (size_t i = 0; i < 3; i++)
		if (!recs[i].seen || !strcmp(recs[i].lang, r->lang)) {
			snprintf(recs[i].lang, sizeof recs[i].lang, "%s", r->lang);
			recs[i].seen = true;
			recs[i].state = r->state;
			recs[i].fresh = r->fresh;
			recs[i].check_errors = r->check_errors;
			break;
		}
}

static const lang_rec *
rec_of(const char *lang)
{
	for (size_t i = 0; i < 3; i++)
		if (recs[i].seen && !strcmp(recs[i].lang, lang))
			return &recs[i];
	return NULL;
}

static ms_status
build(ms_project *p, bool draft)
{
	static char *const formats[] = { "txt", "xlf", NULL };
	ms_build_opts o;
	memset(&o, 0, sizeof o);
	memset(recs, 0, sizeof recs);
	nrecords = nfresh = findings = forbidden = 0;
	o.formats = formats;
	o.draft = draft;
	o.on_gate_finding = on_finding;
	o.on_letter = on_letter;
	return ms_project_build(p, &o, &h);
}

/* ---------------------------------------------------------------- files */

static void
copy(const char *from, const char *to)
{
	char *data = NULL;
	size_t len = 0;
	if (ms_read_file(from, &data, &len, NULL) != MS_OK
	    || ms_atomic_write(to, data, len, NULL) != MS_OK) {
		printf("Bail out! cannot copy %s\n", from);
		exit(1);
	}
	free(data);
}

static void
put(const char *path, const char *text)
{
	if (ms_atomic_write(path, text, strlen(text), NULL) != MS_OK) {
		printf("Bail out! cannot write %s\n", path);
		exit(1);
	}
}

/* Replace the first FROM in PATH with TO. */
static bool
edit(const char *path, const char *from, const char *to)
{
	char *data = NULL, *at;
	size_t len = 0;
	ms_buf b = MS_BUF_INIT;
	bool ok;
	if (ms_read_file(path, &data, &len, NULL) != MS_OK)
		return false;
	if ((ok = (at = strstr(data, from)) != NULL)) {
		ms_buf_put(&b, data, (size_t)(at - data));
		ms_buf_puts(&b, to);
		ms_buf_puts(&b, at + strlen(from));
		ok = ms_atomic_write(path, b.ptr, b.len, NULL) == MS_OK;
	}
	ms_buf_release(&b);
	free(data);
	return ok;
}

static bool
contains(const char *path, const char *what)
{
	char *data = NULL;
	size_t len = 0;
	bool yes = ms_read_file(path, &data, &len, NULL) == MS_OK && strstr(data, what);
	free(data);
	return yes;
}

static bool
exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Standard output and error go to a file while the library works: it
 * must print nothing. */
static int saved_out = -1, saved_err = -1;
static char quiet_path[64];

static void
silence(void)
{
	int fd;
	fflush(stdout);
	fflush(stderr);
	snprintf(quiet_path, sizeof quiet_path, "%s/printed", dir);
	fd = open(quiet_path, O_WRONLY | O_CREAT | O_APPEND, 0600);
	saved_out = dup(1);
	saved_err = dup(2);
	dup2(fd, 1);
	dup2(fd, 2);
	close(fd);
}

static void
unsilence(void)
{
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
}

static int
remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* ------------------------------------------------------------- decision */

static void
test_decision(void)
{
	static const struct {
		ms_publish_facts f;
		ms_publish_state want;
		const char *what;
	} t[] = {
		{ { true, true, true, 0, 0, false, false, 10, 0 }, MS_PUBLISH_PUBLISHED, "complete and clean" },
		{ { false, true, true, 0, 0, false, false, 10, 0 }, MS_PUBLISH_BLOCKED, "no catalogue" },
		{ { true, false, true, 0, 0, true, true, 10, 0 }, MS_PUBLISH_BLOCKED, "unreadable, even with --draft" },
		{ { true, true, false, 0, 0, true, true, 10, 0 }, MS_PUBLISH_BLOCKED, "not localisable, even with --draft" },
		{ { true, true, true, 2, 0, false, true, 10, 0 }, MS_PUBLISH_BLOCKED, "check errors" },
		{ { true, true, true, 2, 0, true, false, 10, 0 }, MS_PUBLISH_DRAFT, "check errors with --draft" },
		{ { true, true, true, 0, 3, false, false, 10, 0 }, MS_PUBLISH_BLOCKED, "untranslated, 'untranslated: block'" },
		{ { true, true, true, 0, 3, false, true, 10, 0 }, MS_PUBLISH_DRAFT, "untranslated, 'untranslated: draft'" },
		{ { true, true, true, 0, 3, true, false, 10, 0 }, MS_PUBLISH_DRAFT, "untranslated with --draft" },
		{ { true, true, true, 1, 3, false, true, 10, 0 }, MS_PUBLISH_BLOCKED, "errors and untranslated" },
	};
	for (size_t i = 0; i < MS_ARRAY_SIZE(t); i++)
		INT_EQ(ms_publish_decide(&t[i].f), t[i].want, "decision: %s", t[i].what);
	STR_EQ(ms_publish_state_name(MS_PUBLISH_DRAFT), "draft", "state names");
}

/* --------------------------------------------------------------- report */

static const ms_report_letter *
report_letter(const ms_report *r, const char *lang)
{
	for (const ms_report_lang *l = r->langs; l; l = l->next)
		if (!strcmp(l->lang, lang))
			return l->letters;
	return NULL;
}

int
main(void)
{
	ms_project *p = NULL;
	ms_status st;
	static const ms_project_events handlers = { ev_begin, ev_step, ev_end, NULL, NULL };
	char path[512];

	main_thread = pthread_self();
	test_decision();

	if (!mkdtemp(dir) || chdir(dir) != 0) {
		printf("Bail out! no temporary folder\n");
		return 1;
	}
	mkdir("corpus", 0777);
	mkdir("po", 0777);
	copy(TOP_SRCDIR "/corpus/" SEED ".md", "corpus/" SEED ".md");
	copy(TOP_SRCDIR "/po/ko.po", "po/ko.po");
	copy(TOP_SRCDIR "/po/es.po", "po/es.po");
	copy(TOP_SRCDIR "/po/glossary.yaml", "po/glossary.yaml");
	put("po/LINGUAS", "ko es\n");
	put("missive.yaml", "source: en\nglossary: po/glossary.yaml\nformats: [txt, xlf]\n"
	    "untranslated: draft\n");

	silence();
	st = ms_project_open(NULL, &p, &h);
	unsilence();
	INT_EQ(st, MS_OK, "the project opens from missive.yaml");
	if (st != MS_OK)
		return done_testing();
	ms_project_set_events(p, &handlers);
	STR_EQ(ms_project_config(p)->source_lang, "en", "its configuration is read");
	{
		char **letters = ms_project_letters(p, &h);
		OK(letters && letters[0] && !letters[1] && !strcmp(letters[0], "corpus/" SEED ".md"),
		   "its one letter is listed");
		ms_strv_free(letters);
		char *po = ms_project_po_path(p, "ko");
		STR_EQ(po, "po/ko.po", "the catalogue of a language");
		free(po);
	}

	/* extract */
	{
		ms_extract_opts o = { NULL, false, on_template, NULL };
		silence();
		st = ms_project_extract(p, &o, &h);
		unsilence();
		INT_EQ(st, MS_OK, "extract");
		OK(exists("po/corpus.pot"), "the template is written");
		INT_EQ(templates_written, 1, "and reported as written once");
		OK(template_entries > 50, "with its entries (%zu)", template_entries);
		INT_EQ(ev.begun[MS_STAGE_EXTRACT], 1, "extract reports its stage");
		INT_EQ(ev.steps[MS_STAGE_EXTRACT], 1, "one step per letter");
		INT_EQ(ev.ended[MS_STAGE_EXTRACT], 1, "and its end");
		st = ms_project_extract(p, &o, &h);
		INT_EQ(templates_written, 1, "a second extract writes nothing (same content)");
	}

	/* update */
	{
		ms_update_opts o = { NULL, on_catalogue, NULL };
		silence();
		st = ms_project_update(p, &o, &h);
		unsilence();
		INT_EQ(st, MS_OK, "update");
		INT_EQ(catalogues_written, 2, "both catalogues rewritten (other letters' entries obsolete)");
		OK(kept > 100, "translations kept (%zu)", kept);
		OK(contains("po/ko.po", "#~ msgid"), "the other letters' entries are obsolete, not lost");
		INT_EQ(ev.steps[MS_STAGE_UPDATE], 2, "one update step per language");
	}

	/* check: clean, then a forbidden rendering */
	{
		ms_check_opts o = { NULL, NULL, NULL, on_finding, NULL, false };
		ms_check_result r;
		findings = 0;
		reset_diags();
		silence();
		st = ms_project_check(p, &o, &r, &h);
		unsilence();
		INT_EQ(st, MS_OK, "check: the committed catalogues are clean");
		OK(r.ran && r.errors == 0, "it ran, no errors");
		OK(edit("po/ko.po", "곳으로 강제송환하는 것을", "곳으로 강제북송하는 것을"),
		   "plant a forbidden rendering in po/ko.po");
		findings = forbidden = 0;
		silence();
		st = ms_project_check(p, &o, &r, &h);
		unsilence();
		INT_EQ(st, MS_ERR_FINDINGS, "check finds it");
		INT_EQ(r.errors, 1, "one error");
		INT_EQ(forbidden, 1, "handed over as data: check, term, language and line");
	}

	/* build: the gate blocks Korean, the other languages are published */
	reset_diags();
	memset(&ev, 0, sizeof ev);
	silence();
	st = build(p, false);
	unsilence();
	INT_EQ(st, MS_ERR_BLOCKED, "build: something was not published");
	INT_EQ(forbidden, 1, "the gate hands over its finding");
	OK(diag_errors >= 1, "and the refusal is an error diagnostic (%s)", last_diag);
	INT_EQ(nrecords, 3, "one record per letter and language");
	OK(rec_of("ko") && rec_of("ko")->state == MS_PUBLISH_BLOCKED && rec_of("ko")->check_errors == 1,
	   "Korean: blocked, on one check error");
	OK(rec_of("es") && rec_of("es")->state == MS_PUBLISH_PUBLISHED, "Spanish: published");
	OK(rec_of("en") && rec_of("en")->state == MS_PUBLISH_PUBLISHED, "English: published");
	OK(exists("out/es/" SEED ".txt") && exists("out/en/" SEED ".txt"), "their outputs are written");
	OK(!exists("out/ko/" SEED ".txt"), "no Korean output");
	OK(exists("out/es/" SEED ".xlf") && exists("out/en/" SEED ".xlf"), "and their XLIFF");
	INT_EQ(ev.total[MS_STAGE_BUILD], 3, "the build stage counts letters × languages");
	INT_EQ(ev.steps[MS_STAGE_BUILD], 3, "with a step each");

	/* the same from the gate's cache */
	silence();
	st = build(p, false);
	unsilence();
	INT_EQ(st, MS_ERR_BLOCKED, "a second build is blocked the same way");
	INT_EQ(forbidden, 1, "its gate finding comes from the cache, as data");
	OK(rec_of("es") && rec_of("es")->fresh, "the published languages are fresh");

	/* --draft: a marked draft */
	silence();
	st = build(p, true);
	unsilence();
	INT_EQ(st, MS_OK, "build --draft");
	OK(rec_of("ko") && rec_of("ko")->state == MS_PUBLISH_DRAFT, "Korean is a draft");
	OK(contains("out/ko/" SEED ".txt", "[초안]"), "marked as one in its own language");

	/* the report decides as build did */
	{
		ms_report *r = NULL;
		silence();
		st = ms_project_report(p, NULL, MS_REPORT_PUBLISH, &r, &h);
		unsilence();
		INT_EQ(st, MS_OK, "report");
		OK(r && r->nlangs == 2 && r->nletters == 1, "two languages, one letter");
		const ms_report_letter *ko = r ? report_letter(r, "ko") : NULL;
		const ms_report_letter *es = r ? report_letter(r, "es") : NULL;
		OK(ko && ko->state == MS_PUBLISH_BLOCKED && ko->reasons[0]
		   && strstr(ko->reasons[0], "check error"), "Korean blocked, with the reason");
		OK(es && es->state == MS_PUBLISH_PUBLISHED, "Spanish published");
		OK(es && es->counts.units[MS_UNIT_TRANSLATED] > 50, "units counted per letter");
		OK(r && r->langs->findings && !strcmp(r->langs->findings->check, "glossary/forbidden")
		   && r->langs->findings->letters[0], "the finding, with its letter reference");
		ms_report_free(r);
	}

	/* fixed: published again */
	OK(edit("po/ko.po", "곳으로 강제북송하는 것을", "곳으로 강제송환하는 것을"), "fix po/ko.po");
	silence();
	st = build(p, false);
	unsilence();
	INT_EQ(st, MS_OK, "build after the fix");
	OK(rec_of("ko") && rec_of("ko")->state == MS_PUBLISH_PUBLISHED && !rec_of("ko")->fresh,
	   "Korean rebuilt and published");
	OK(!contains("out/ko/" SEED ".txt", "[초안]"), "no longer a draft");
	silence();
	st = build(p, false);
	unsilence();
	INT_EQ(st, MS_OK, "a build with nothing to do");
	INT_EQ(nfresh, 3, "every letter × language fresh");

	/* a broken letter: a located error, as data */
	put("corpus/broken.md", "---\ndate: [unclosed\n---\nBody.\n");
	reset_diags();
	silence();
	st = ms_project_extract(p, NULL, &h);
	unsilence();
	OK(st != MS_OK && st != MS_ERR_FINDINGS, "extract refuses a broken letter");
	OK(diag_errors >= 1 && strstr(last_diag, "broken.md"), "with an error naming it");

	OK(off_thread == 0, "every callback ran on the calling thread");
	snprintf(path, sizeof path, "%s/printed", dir);
	{
		struct stat sb;
		OK(stat(path, &sb) == 0 && sb.st_size == 0, "the library printed nothing");
	}
	ms_project_free(p);
	if (chdir("/") == 0)
		nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	return done_testing();
}

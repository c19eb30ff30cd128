/* project.c — a project: its configuration, its letters, where its files
 * are, and the events its calls send.  The stages themselves are in
 * project-extract.c, project-update.c, project-check.c, project-build.c,
 * project-import.c and project-report.c. */
#include "project-impl.h"
#include "hash.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

ms_status
ms_project_open(const char *config_path, ms_project **out, ms_diag_handler *h)
{
	ms_project *p;
	struct stat st;
	ms_status s = MS_OK;

	*out = NULL;
	p = ms_xcalloc(1, sizeof *p);
	if (!config_path && stat("missive.yaml", &st) != 0)
		p->config = ms_config_new_default();
	else
		s = ms_config_load(config_path ? config_path : "missive.yaml", &p->config, h);
	if (s != MS_OK) {
		free(p);
		return s;
	}
	*out = p;
	return MS_OK;
}

void
ms_project_free(ms_project *p)
{
	if (!p)
		return;
	ms_config_free(p->config);
	free(p);
}

const ms_config *
ms_project_config(const ms_project *p)
{
	return p->config;
}

void
ms_project_set_events(ms_project *p, const ms_project_events *ev)
{
	if (ev)
		p->ev = *ev;
	else
		memset(&p->ev, 0, sizeof p->ev);
}

/* ------------------------------------------------------------------ paths */

char *
ms_project_po_path(const ms_project *p, const char *lang)
{
	ms_buf b = MS_BUF_INIT;
	ms_buf_printf(&b, "%s/%s.po", p->config->po_dir, lang);
	return ms_buf_detach(&b, NULL);
}

char *
proj_pot_path(const ms_project *p, const char *id)
{
	ms_buf b = MS_BUF_INIT;
	ms_buf_printf(&b, "%s/%s.pot", p->config->po_dir, id ? id : p->config->domain);
	return ms_buf_detach(&b, NULL);
}

char *
proj_letter_id(const char *ref)
{
	const char *base = strrchr(ref, '/');
	size_t n, k;
	base = base ? base + 1 : ref;
	n = strlen(base);
	/* a reference's ":LINE" */
	for (k = n; k > 0 && base[k - 1] >= '0' && base[k - 1] <= '9'; k--)
		;
	if (k < n && k > 0 && base[k - 1] == ':')
		n = k - 1;
	/* as the reader names letters */
	if (n > 3 && !strncmp(base + n - 3, ".md", 3))
		n -= 3;
	return ms_xstrndup(base, n);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

char **
ms_project_letters(const ms_project *p, ms_diag_handler *h)
{
	DIR *dir;
	struct dirent *de;
	char **v;

	dir = opendir(p->config->corpus_dir);
	if (!dir) {
		ms_diag_emit(h, MS_ERROR, NULL, p->config->corpus_dir, 0, 0,
		             _("cannot open the corpus folder: %s"), strerror(errno));
		return NULL;
	}
	v = ms_xcalloc(1, sizeof(char *));
	while ((de = readdir(dir))) {
		ms_buf path = MS_BUF_INIT;
		if (de->d_name[0] == '.' || !ends_with(de->d_name, ".md"))
			continue;
		ms_buf_printf(&path, "%s/%s", p->config->corpus_dir, de->d_name);
		ms_strv_push(&v, path.ptr);
		ms_buf_release(&path);
	}
	closedir(dir);
	qsort(v, ms_strv_len(v), sizeof(char *), cmp_str);
	return v;
}

ms_status
proj_letters(const ms_project *p, char *const *given, char ***out, ms_diag_handler *h)
{
	char **v;
	ms_htab *ids;
	char **keys;
	ms_status st = MS_OK;

	if (!given || !given[0]) {
		*out = ms_project_letters(p, h);
		return *out ? MS_OK : MS_ERR_IO;
	}
	v = ms_xcalloc(1, sizeof(char *));
	for (size_t i = 0; given[i]; i++)
		ms_strv_push(&v, given[i]);
	/* Two letters with one id would write the same outputs. */
	ids = ms_htab_new(ms_strv_len(v));
	keys = ms_xcalloc(ms_strv_len(v) + 1, sizeof(char *));
	for (size_t i = 0; v[i]; i++) {
		const char *other;
		keys[i] = proj_letter_id(v[i]);
		if ((other = ms_htab_put(ids, keys[i], strlen(keys[i]), v[i]))) {
			ms_diag_emit(h, MS_ERROR, NULL, v[i], 0, 0,
			             _("two letters have the id '%s': '%s' and '%s'"),
			             keys[i], other, v[i]);
			st = MS_ERR_INVALID;
		}
	}
	ms_htab_free(ids);
	ms_strv_free(keys);
	if (st != MS_OK) {
		ms_strv_free(v);
		v = NULL;
	}
	*out = v;
	return st;
}

char **
proj_langs_or_targets(const ms_project *p, char *const *langs)
{
	char **v = ms_xcalloc(1, sizeof(char *));
	char *const *from = langs && langs[0] ? langs : p->config->languages;
	for (size_t i = 0; from && from[i]; i++)
		ms_strv_push(&v, from[i]);
	return v;
}

void
proj_warn_not_target(const ms_project *p, char *const *langs, ms_diag_handler *h)
{
	for (size_t i = 0; langs && langs[i]; i++)
		if (!ms_strv_contains(p->config->languages, langs[i]))
			ms_diag_emit(h, MS_WARNING, NULL, NULL, 0, 0,
			             _("'%s' is not a target language (see %s/LINGUAS)"),
			             langs[i], p->config->po_dir);
}

/* --------------------------------------------------------- what it reads */

ms_seg_mode
proj_seg_mode(const ms_project *p, const ms_letter *l)
{
	const char *m = l && l->segmentation ? l->segmentation : p->config->segmentation;
	return m && !strcmp(m, "paragraph") ? MS_SEG_PARAGRAPH : MS_SEG_SENTENCE;
}

ms_status
ms_project_glossary(const ms_project *p, const char *path, ms_glossary **g,
                    ms_diag_handler *h)
{
	struct stat st;
	*g = NULL;
	if (!path) {
		path = p->config->glossary;
		if (!path || stat(path, &st) != 0)
			return MS_OK;
	}
	return ms_glossary_load_source(path, p->config->source_lang,
	                               ms_config_profiles(p->config), g, h);
}

bool
proj_threads_allowed(void)
{
	return ms_threads_allowed();
}

/* ----------------------------------------------------------------- events */

void
proj_stage_begin(const ms_project *p, ms_stage stage, size_t total)
{
	if (p->ev.stage_begin)
		p->ev.stage_begin(stage, total, p->ev.data);
}

void
proj_stage_step(const ms_project *p, ms_stage stage, const char *item)
{
	if (p->ev.stage_step)
		p->ev.stage_step(stage, item, p->ev.data);
}

void
proj_stage_end(const ms_project *p, ms_stage stage)
{
	if (p->ev.stage_end)
		p->ev.stage_end(stage, p->ev.data);
}

/* ------------------------------------------------------------ test hooks */

void
proj_test_pause(const char *point)
{
	const char *v = getenv("MISSIVE_TEST_PAUSE");
	size_t n = strlen(point);
	char buf[64];
	int fd;
	if (!v || strncmp(v, point, n) || v[n] != ':')
		return;
	/* Opening a FIFO for reading waits for its writer: the test, which
	 * then knows missive is here, acts, and closes it to let us go on. */
	if ((fd = open(v + n + 1, O_RDONLY | O_CLOEXEC)) < 0)
		return;
	while (read(fd, buf, sizeof buf) > 0)
		;
	close(fd);
}

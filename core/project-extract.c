/* project-extract.c — the letters' units into the template,
 * "<po>/<domain>.pot" (or one template per letter).
 *
 * Reading and segmenting the letters, and the glossary hints of their
 * units, are independent of the catalogue, so an extract into one
 * template runs them in worker threads (one per processor), a few
 * letters ahead of the calling thread, which adds the units to the
 * catalogue in letter order and writes the template.  The output is that
 * of a single-threaded run, byte for byte: the units arrive in the same
 * order, the hints depend on the msgid alone, and the workers'
 * diagnostics are recorded and delivered by the calling thread when it
 * reaches their letter.  MISSIVE_THREADS=1 keeps everything in one
 * thread. */
#include "project-impl.h"
#include "hash.h"
#include "units.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The template's header.  Its date is that of the newest letter read
 * (NEWEST; none when no letter has a date): taken from the sources, not
 * the clock, so that the same letters give the same template anywhere,
 * and a template changes only when its letters do.  The translator's
 * fields are gettext's placeholders, as in every template. */
static void
set_pot_header(ms_catalog *cat, const ms_project *p, const ms_date *newest)
{
	const ms_config *c = p->config;
	ms_catalog_header_set(cat, "Project-Id-Version", c->project ? c->project : c->domain);
	if (c->bugs)
		ms_catalog_header_set(cat, "Report-Msgid-Bugs-To", c->bugs);
	if (newest->year && newest->month && newest->day) {
		char when[32];
		snprintf(when, sizeof when, "%04d-%02d-%02d 00:00+0000", newest->year,
		         newest->month, newest->day);
		ms_catalog_header_set(cat, "POT-Creation-Date", when);
	}
	ms_catalog_header_set(cat, "PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE");
	ms_catalog_header_set(cat, "Last-Translator", "FULL NAME <EMAIL@ADDRESS>");
	ms_catalog_header_set(cat, "Language-Team", "LANGUAGE <LL@li.org>");
	ms_catalog_header_set(cat, "Language", "");
	ms_catalog_header_set(cat, "MIME-Version", "1.0");
	ms_catalog_header_set(cat, "Content-Type", "text/plain; charset=UTF-8");
	ms_catalog_header_set(cat, "Content-Transfer-Encoding", "8bit");
	ms_catalog_header_set(cat, "X-Generator", PACKAGE_STRING);
}

/* ---------------------------------------------------------- one letter */

/* A letter's units, recorded in a buffer: per unit, a context flag,
 * [msgctxt NUL] msgid NUL comment NUL line. */
static ms_status
record_unit(const ms_unit *u, ms_inline **replacement, char **label, void *data)
{
	ms_buf *units = data;
	unsigned line = u->line;
	size_t at;
	(void)replacement;
	(void)label;
	ms_buf_putc(units, u->msgctxt ? 1 : 0);
	if (u->msgctxt)
		ms_buf_put(units, u->msgctxt, strlen(u->msgctxt) + 1);
	ms_buf_put(units, u->msgid, strlen(u->msgid) + 1);
	at = units->len;
	ms_unit_comment(u, units);
	if (memchr(units->ptr + at, '\0', units->len - at))
		ms_buf_truncate(units, at);   /* never seen: no NUL in comments */
	ms_buf_putc(units, '\0');
	ms_buf_put(units, &line, sizeof line);
	return MS_OK;
}

/* Keep in *NEWEST the later of itself and D (a date or none). */
static void
date_newest(ms_date *newest, const ms_date *d)
{
	if (d->year * 10000L + d->month * 100L + d->day
	    > newest->year * 10000L + newest->month * 100L + newest->day)
		*newest = *d;
}

/* Read the letter PATH and record its units into UNITS, its date into
 * *DATE; SEGS holds the segmenters made so far, one per mode. */
static ms_status
read_units(const ms_project *p, const char *path, ms_segmenter **segs,
           ms_buf *units, ms_date *date, ms_diag_handler *h)
{
	ms_letter *l = NULL;
	ms_status st;
	ms_seg_mode mode;
	if ((st = ms_reader_read_letter(path, p->config, &l, h)) != MS_OK)
		return st;
	*date = l->date;
	mode = proj_seg_mode(p, l);
	if (segs[mode] || (st = ms_segmenter_open(ms_config_profiles(p->config), l->lang, mode, &segs[mode], h)) == MS_OK) {
		st = ms_units_walk(l, segs[mode], record_unit, units, h);
		if (st != MS_OK)
			ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0, "%s", ms_strerror(st));
	}
	ms_letter_free(l);
	return st;
}

/* One unit of a buffer record_unit wrote: its fields (borrowed from the
 * buffer).  Returns where the next unit starts. */
typedef struct unit_rec {
	const char *ctx, *id, *comment;
	unsigned line;
} unit_rec;

static const char *
next_unit(const char *q, unit_rec *u)
{
	u->ctx = NULL;
	if (*q++)
		u->ctx = q, q += strlen(q) + 1;
	u->id = q;
	q += strlen(q) + 1;
	u->comment = q;
	q += strlen(q) + 1;
	memcpy(&u->line, q, sizeof u->line);
	return q + sizeof u->line;
}

/* Add the units recorded in UNITS for letter PATH to CAT: each with its
 * comment (and the glossary's hints for a new entry: they depend on the
 * msgid only) and its reference PATH:LINE.  HINTS, when not NULL, holds
 * per unit a flag and a string (hints_for): the hints already computed,
 * or a 0 flag where they were not, and they are computed here if the
 * entry is new.  COMMENT and REF are scratch. */
static void
add_units(const ms_buf *units, const ms_buf *hints, const char *path, ms_catalog *cat,
          const ms_glossary *g, char *const *langs, ms_buf *comment, ms_buf *ref)
{
	const char *q = units->ptr, *end = q + units->len;
	const char *hq = hints ? hints->ptr : NULL;
	while (q && q < end) {
		unit_rec u;
		const char *hint = NULL;
		q = next_unit(q, &u);
		if (hq) {
			if (*hq++)
				hint = hq;
			hq += strlen(hq) + 1;
		}
		ms_buf_reset(comment);
		ms_buf_puts(comment, u.comment);
		if (g && !ms_catalog_find(cat, u.ctx, u.id)) {
			if (!hint)
				ms_glossary_hints(g, u.id, langs, comment);
			else if (*hint) {
				/* as ms_glossary_hints appends them */
				if (comment->len && comment->ptr[comment->len - 1] != '\n')
					ms_buf_putc(comment, '\n');
				ms_buf_puts(comment, hint);
			}
		}
		ms_buf_reset(ref);
		ms_buf_puts(ref, path);
		if (u.line) {
			char num[16];
			ms_buf_put(ref, num, (size_t)snprintf(num, sizeof num, ":%u", u.line));
		}
		ms_catalog_add(cat, u.ctx, u.id, comment->ptr, ref->ptr);
	}
}

/* ------------------------------------------------ in worker threads */

/* Letters are read and segmented by worker threads (one per processor),
 * each taking the next letter, at most XT_WINDOW letters ahead of the
 * calling thread, which adds them to the catalogue in letter order.  A
 * worker also computes the glossary hints of each unit whose key it has
 * not met in an earlier letter of its own: every entry new to the
 * catalogue is among them (a key the catalogue lacks was in no earlier
 * letter), so the calling thread mostly finds its hints made, and makes
 * them itself otherwise. */
enum { XT_WINDOW = 32, XT_MAX_WORKERS = 16 };

typedef struct xt_letter {
	ms_buf units;          /* its units (read_units) */
	ms_buf hints;          /* their hints (hints_for) */
	ms_date date;          /* its date */
	proj_rec rec;          /* what reading and segmenting it reported */
	ms_status st;
	bool ready;
} xt_letter;

typedef struct xt_shared {
	const ms_project *p;
	const ms_glossary *g;
	char *const *letters;
	xt_letter *slots;      /* one per letter */
	size_t n, next, consumed;   /* letters; the next to take; taken by the caller */
	const proj_sink *sink;
	pthread_mutex_t lock;
	pthread_cond_t cond;
} xt_shared;

/* Into OUT, per unit of UNITS: 1 and the glossary hints of its msgid
 * (maybe none) when its key is not in SEEN, which it then joins; 0 and
 * an empty string when it is.  KEY and ONE are scratch. */
static void
hints_for(const ms_buf *units, const ms_glossary *g, char *const *langs, ms_htab *seen,
          ms_buf *key, ms_buf *one, ms_buf *out)
{
	const char *q = units->ptr, *end = q + units->len;
	while (q && q < end) {
		unit_rec u;
		q = next_unit(q, &u);
		ms_buf_reset(key);
		if (u.ctx) {
			ms_buf_puts(key, u.ctx);
			ms_buf_putc(key, '\004');
		}
		ms_buf_puts(key, u.id);
		if (ms_htab_get(seen, key->ptr, key->len)) {
			ms_buf_put(out, "\0", 2);
			continue;
		}
		ms_htab_put(seen, ms_xstrndup(key->ptr, key->len), key->len, seen);
		ms_buf_reset(one);
		ms_glossary_hints(g, u.id, langs, one);
		ms_buf_putc(out, 1);
		ms_buf_put(out, one->ptr ? one->ptr : "", one->len + 1);
	}
}

static void *
xt_worker(void *arg)
{
	xt_shared *s = arg;
	ms_segmenter *segs[2] = { NULL, NULL };
	ms_htab *seen = ms_htab_new(1024);
	ms_buf key = MS_BUF_INIT, one = MS_BUF_INIT;
	const char *k;
	for (;;) {
		size_t i;
		xt_letter *l;
		proj_out out;
		pthread_mutex_lock(&s->lock);
		while (s->next < s->n && s->next >= s->consumed + XT_WINDOW)
			pthread_cond_wait(&s->cond, &s->lock);
		i = s->next < s->n ? s->next++ : s->n;
		pthread_mutex_unlock(&s->lock);
		if (i == s->n)
			break;

		l = &s->slots[i];
		proj_out_record(&out, s->sink, &l->rec);
		l->st = read_units(s->p, s->letters[i], segs, &l->units, &l->date, out.h);
		if (l->st == MS_OK && s->g)
			hints_for(&l->units, s->g, s->p->config->languages, seen, &key, &one,
			          &l->hints);
		pthread_mutex_lock(&s->lock);
		l->ready = true;
		pthread_cond_broadcast(&s->cond);
		pthread_mutex_unlock(&s->lock);
	}
	for (size_t it = 0; ms_htab_next(seen, &it, &k, NULL, NULL);)
		free((char *)k);
	ms_htab_free(seen);
	ms_buf_release(&key);
	ms_buf_release(&one);
	ms_segmenter_free(segs[0]);
	ms_segmenter_free(segs[1]);
	return NULL;
}

/* How many workers: one per processor, at most one per letter. */
static size_t
xt_workers(size_t letters)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = cpus > 1 ? (size_t)cpus : 1;
	if (n > XT_MAX_WORKERS)
		n = XT_MAX_WORKERS;
	return n < letters ? n : letters;
}

/* Every letter into CAT, reading in worker threads.  Returns the status
 * of the first letter that failed (its diagnostics were delivered), or
 * MS_OK; MS_ERR_UNSUPPORTED when no thread could start (nothing was
 * done). */
static ms_status
extract_threaded(const ms_project *p, char *const *letters, ms_catalog *cat,
                 const ms_glossary *g, ms_date *newest, const proj_sink *sink)
{
	xt_shared s;
	pthread_t workers[XT_MAX_WORKERS];
	size_t nw = 0, want;
	ms_status st = MS_OK;
	ms_buf comment = MS_BUF_INIT, ref = MS_BUF_INIT;

	memset(&s, 0, sizeof s);
	s.p = p;
	s.g = g;
	s.letters = letters;
	s.sink = sink;
	s.n = ms_strv_len(letters);
	s.slots = ms_xcalloc(s.n ? s.n : 1, sizeof *s.slots);
	pthread_mutex_init(&s.lock, NULL);
	pthread_cond_init(&s.cond, NULL);
	want = xt_workers(s.n);
	while (nw < want && pthread_create(&workers[nw], NULL, xt_worker, &s) == 0)
		nw++;
	if (!nw) {
		pthread_mutex_destroy(&s.lock);
		pthread_cond_destroy(&s.cond);
		free(s.slots);
		return MS_ERR_UNSUPPORTED;
	}
	for (size_t i = 0; i < s.n; i++) {
		xt_letter *l = &s.slots[i];
		pthread_mutex_lock(&s.lock);
		while (!l->ready)
			pthread_cond_wait(&s.cond, &s.lock);
		pthread_mutex_unlock(&s.lock);
		proj_stage_step(p, MS_STAGE_EXTRACT, letters[i]);
		proj_rec_replay(&l->rec, sink);
		if (l->st == MS_OK) {
			add_units(&l->units, g ? &l->hints : NULL, letters[i], cat, g,
			          p->config->languages, &comment, &ref);
			date_newest(newest, &l->date);
		} else if (st == MS_OK)
			st = l->st;
		ms_buf_release(&l->units);
		ms_buf_release(&l->hints);
		pthread_mutex_lock(&s.lock);
		s.consumed = i + 1;
		pthread_cond_broadcast(&s.cond);
		pthread_mutex_unlock(&s.lock);
	}
	for (size_t i = 0; i < nw; i++)
		pthread_join(workers[i], NULL);
	pthread_mutex_destroy(&s.lock);
	pthread_cond_destroy(&s.cond);
	free(s.slots);
	ms_buf_release(&comment);
	ms_buf_release(&ref);
	return st;
}

/* ------------------------------------------------------------------ extract */

static ms_status
write_pot(const ms_project *p, const ms_extract_opts *o, ms_catalog *cat,
          const char *path, const ms_date *newest, ms_diag_handler *h)
{
	bool changed = false;
	ms_status st;
	set_pot_header(cat, p, newest);
	if ((st = ms_catalog_write(cat, path, &changed, h)) != MS_OK)
		return st;
	if (changed && o->on_written)
		o->on_written(path, ms_catalog_count(cat), o->data);
	return MS_OK;
}

ms_status
ms_project_extract(ms_project *p, const ms_extract_opts *o, ms_diag_handler *h)
{
	static const ms_extract_opts none = { 0 };
	ms_segmenter *segs[2] = { NULL, NULL };
	bool split, threaded;
	ms_catalog *cat = NULL;
	ms_glossary *g = NULL;
	char **letters;
	ms_status st = MS_OK, s;
	proj_sink sink = { p, MS_STAGE_EXTRACT, h, NULL, NULL, NULL };
	ms_buf units = MS_BUF_INIT, comment = MS_BUF_INIT, ref = MS_BUF_INIT;
	ms_date newest = { 0, 0, 0 }, date;
	int lock;

	if (!o)
		o = &none;
	split = o->split || p->config->split_pot;
	if ((st = proj_letters(p, o->letters, &letters, h)) != MS_OK)
		return st;
	if (ms_project_glossary(p, NULL, &g, h) != MS_OK) {
		ms_strv_free(letters);
		return MS_ERR_INVALID;
	}
	if ((st = ms_mkdirs(p->config->po_dir, h)) != MS_OK
	    || (lock = ms_project_lock(p, h)) < 0) {
		ms_glossary_free(g);
		ms_strv_free(letters);
		return st != MS_OK ? st : MS_ERR_LOCKED;
	}
	proj_stage_begin(p, MS_STAGE_EXTRACT, ms_strv_len(letters));
	threaded = !split && proj_threads_allowed() && ms_strv_len(letters) > 1;
	if (threaded) {
		cat = ms_catalog_new();
		st = extract_threaded(p, letters, cat, g, &newest, &sink);
		threaded = st != MS_ERR_UNSUPPORTED;
		if (!threaded)
			st = MS_OK;
	}
	for (size_t i = 0; !threaded && letters[i]; i++) {
		proj_stage_step(p, MS_STAGE_EXTRACT, letters[i]);
		if (!cat)
			cat = ms_catalog_new();
		ms_buf_reset(&units);
		if ((s = read_units(p, letters[i], segs, &units, &date, h)) != MS_OK) {
			if (st == MS_OK)
				st = s;
			continue;
		}
		add_units(&units, NULL, letters[i], cat, g, p->config->languages, &comment, &ref);
		date_newest(&newest, &date);
		if (split) {
			char *id = proj_letter_id(letters[i]);
			char *path = proj_pot_path(p, id);
			if ((s = write_pot(p, o, cat, path, &newest, h)) != MS_OK && st == MS_OK)
				st = s;
			free(path);
			free(id);
			ms_catalog_free(cat);
			cat = NULL;
			newest = (ms_date){ 0, 0, 0 };
		}
	}
	proj_stage_end(p, MS_STAGE_EXTRACT);
	if (!split && st == MS_OK) {
		char *path = proj_pot_path(p, NULL);
		if (!cat)
			cat = ms_catalog_new();
		st = write_pot(p, o, cat, path, &newest, h);
		free(path);
	}
	ms_catalog_free(cat);
	ms_glossary_free(g);
	ms_segmenter_free(segs[0]);
	ms_segmenter_free(segs[1]);
	ms_strv_free(letters);
	ms_buf_release(&units);
	ms_buf_release(&comment);
	ms_buf_release(&ref);
	close(lock);
	return st;
}

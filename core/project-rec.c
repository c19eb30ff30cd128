/* project-rec.c — worker threads' results delivered as one thread
 * delivers them.  A thread that reads letters (extract) or builds a
 * language (build) records every diagnostic, progress step, finding and
 * build record it would have delivered; the calling thread delivers each
 * record when its turn comes, so callers see the output of one thread and
 * every callback runs on the thread that made the call. */
#include "project-impl.h"

#include <stdlib.h>
#include <string.h>

typedef enum rec_kind { REC_DIAG, REC_STEP, REC_FINDING, REC_LETTER } rec_kind;

typedef struct proj_rec_item {
	rec_kind kind;
	ms_diag d;              /* REC_DIAG */
	ms_finding f;           /* REC_FINDING */
	ms_build_record b;      /* REC_LETTER */
	char *s[12];            /* the strings the above point to (owned) */
} rec_item;

static rec_item *
rec_push(proj_rec *r, rec_kind kind)
{
	rec_item *it;
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 32;
		r->v = ms_xrealloc(r->v, r->cap * sizeof *r->v);
	}
	it = &r->v[r->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	return it;
}

/* A copy of S owned by IT (slot K), or NULL. */
static const char *
keep(rec_item *it, size_t k, const char *s)
{
	it->s[k] = s ? ms_xstrdup(s) : NULL;
	return it->s[k];
}

static void
rec_diag(const ms_diag *d, void *data)
{
	rec_item *it = rec_push(data, REC_DIAG);
	it->d = *d;
	it->d.check = keep(it, 0, d->check);
	it->d.file = keep(it, 1, d->file);
	it->d.message = keep(it, 2, d->message);
}

void
proj_out_direct(proj_out *o, const proj_sink *sink)
{
	memset(o, 0, sizeof *o);
	o->sink = sink;
	o->h = sink->h;
}

void
proj_out_record(proj_out *o, const proj_sink *sink, proj_rec *rec)
{
	memset(o, 0, sizeof *o);
	o->sink = sink;
	o->rec = rec;
	o->rec_h.fn = rec_diag;
	o->rec_h.data = rec;
	o->h = &o->rec_h;
}

void
proj_out_step(proj_out *o, const char *item)
{
	if (o->rec)
		keep(rec_push(o->rec, REC_STEP), 0, item);
	else
		proj_stage_step(o->sink->p, o->sink->stage, item);
}

void
proj_out_finding(proj_out *o, const ms_finding *f)
{
	rec_item *it;
	if (!o->rec) {
		if (o->sink->on_finding)
			o->sink->on_finding(f, o->sink->data);
		return;
	}
	it = rec_push(o->rec, REC_FINDING);
	it->f = *f;
	it->f.file = keep(it, 0, f->file);
	it->f.msgctxt = keep(it, 1, f->msgctxt);
	it->f.msgid = keep(it, 2, f->msgid);
	it->f.msgstr = keep(it, 3, f->msgstr);
	it->f.lang = keep(it, 4, f->lang);
	it->f.check = keep(it, 5, f->check);
	it->f.term = keep(it, 6, f->term);
	it->f.verdict = keep(it, 7, f->verdict);
	it->f.message = keep(it, 8, f->message);
	it->f.suppress_reason = keep(it, 9, f->suppress_reason);
}

void
proj_out_letter(proj_out *o, const ms_build_record *r)
{
	rec_item *it;
	if (!o->rec) {
		if (o->sink->on_letter)
			o->sink->on_letter(r, o->sink->data);
		return;
	}
	it = rec_push(o->rec, REC_LETTER);
	it->b = *r;
	it->b.letter = keep(it, 0, r->letter);
	it->b.lang = keep(it, 1, r->lang);
}

void
proj_rec_release(proj_rec *r)
{
	for (size_t i = 0; i < r->n; i++)
		for (size_t k = 0; k < MS_ARRAY_SIZE(r->v[i].s); k++)
			free(r->v[i].s[k]);
	free(r->v);
	memset(r, 0, sizeof *r);
}

void
proj_rec_replay(proj_rec *r, const proj_sink *sink)
{
	proj_out direct;
	proj_out_direct(&direct, sink);
	for (size_t i = 0; i < r->n; i++) {
		rec_item *it = &r->v[i];
		switch (it->kind) {
		case REC_DIAG: ms_diag_send(sink->h, &it->d); break;
		case REC_STEP: proj_out_step(&direct, it->s[0]); break;
		case REC_FINDING: proj_out_finding(&direct, &it->f); break;
		case REC_LETTER: proj_out_letter(&direct, &it->b); break;
		}
	}
	proj_rec_release(r);
}

/* mt-apertium.c — the Apertium engine: one `apertium -u -z -f none MODE`
 * process per batch, fed Apertium's own stream format.
 *
 * Each segment is one chunk ended by a NUL byte (null-flush mode: the
 * engine translates and flushes each chunk on its own), opened by the
 * superblank "[ms:K]" that proves the chunks come back in order.  Text
 * is escaped as the stream format wants.  A run of text inside inline
 * tags or a protected span becomes a word-bound blank,
 *     [[t1,g0]]Special Rapporteur[[/]]
 * which Apertium copies onto each word it makes of the run, wherever
 * reordering puts it; an empty tag <N/> becomes the superblank "[<N/>]",
 * which keeps its place.  Reading the output back, a paired tag encloses
 * everything from the first to the last word that carries it (ranges
 * that cross are widened until they nest), and a protected span's words
 * become its required rendering unless the term's keep() callback
 * accepts what Apertium wrote. */
#include "internal.h"
#include "mt.h"
#include "tm-tags.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* --------------------------------------------------------------- probe */

ms_status
ms_mt_apertium_probe(const ms_mt_engine *e, char **version, ms_diag_handler *h)
{
	const char *prog = ms_mt_program(e);
	char *list_argv[] = { (char *)prog, (char *)"-l", NULL };
	char *ver_argv[] = { (char *)prog, (char *)"-V", NULL };
	ms_buf out = MS_BUF_INIT, ver = MS_BUF_INIT;
	ms_diag_handler quiet = { NULL, NULL, 0, 0 };
	ms_status st;
	bool found = false;

	*version = NULL;
	st = ms_mt_run(list_argv, "", 0, &out, &quiet);
	if (st != MS_OK) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("machine translation engine '%s' is not available: cannot run '%s' "
		               "(Debian: apt-get install apertium apertium-eng-spa)"),
		             e->name, prog);
		ms_buf_release(&out);
		return MS_ERR_NOT_FOUND;
	}
	/* one mode per line, indented */
	for (char *line = out.ptr; *line;) {
		size_t n = strcspn(line, "\n");
		char *s = line;
		while (s < line + n && isspace((unsigned char)*s))
			s++;
		if ((size_t)(line + n - s) == strlen(e->data) && !strncmp(s, e->data, strlen(e->data)))
			found = true;
		line += n + (line[n] == '\n');
	}
	ms_buf_release(&out);
	if (!found) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("machine translation engine '%s' is not available: Apertium has no '%s' mode "
		               "(Debian: apt-get install apertium-eng-spa)"),
		             e->name, e->data);
		return MS_ERR_NOT_FOUND;
	}
	if (ms_mt_run(ver_argv, "", 0, &ver, &quiet) == MS_OK) {
		ms_buf_truncate(&ver, strcspn(ver.ptr, "\n"));
		while (ver.len && isspace((unsigned char)ver.ptr[ver.len - 1]))
			ms_buf_truncate(&ver, ver.len - 1);
	}
	if (!ver.len)
		ms_buf_puts(&ver, "Apertium");
	ms_buf_printf(&ver, ", %s", e->data);
	*version = ms_buf_detach(&ver, NULL);
	return MS_OK;
}

/* -------------------------------------------------------------- encode */

/* Characters the stream format reserves. */
static bool
reserved(char c)
{
	return c && strchr("\\[]^$/<>@{}*#~", c) != NULL;
}

static void
put_escaped(ms_buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\0')
			continue;
		if (reserved(s[i]))
			ms_buf_putc(out, '\\');
		/* a line break would end Apertium's sentence: a space */
		ms_buf_putc(out, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
	}
}

/* One run of text with the tags open around it and the term covering
 * it (TERM = N when none). */
static void
put_run(ms_buf *out, const char *s, size_t n, const size_t *open, size_t nopen,
        size_t term, size_t nterms)
{
	if (n == 0)
		return;
	if (nopen == 0 && term == nterms) {
		put_escaped(out, s, n);
		return;
	}
	ms_buf_puts(out, "[[");
	for (size_t i = 0; i < nopen; i++)
		ms_buf_printf(out, "%st%zu", i ? "," : "", open[i]);
	if (term < nterms)
		ms_buf_printf(out, "%sg%zu", nopen ? "," : "", term);
	ms_buf_puts(out, "]]");
	put_escaped(out, s, n);
	ms_buf_puts(out, "[[/]]");
}

static void
encode_one(const ms_mt_segment *sg, size_t k, ms_buf *out)
{
	ms_tm_tok *t;
	size_t n, *open, nopen = 0, ti = 0;
	const char *s = sg->source;

	ms_buf_printf(out, "[ms:%zu]", k);
	if (!ms_tm_tags_split(s, &t, &n)) {
		/* malformed tags: the text as it is */
		put_escaped(out, s, strlen(s));
		ms_buf_puts(out, "[]");
		ms_buf_putc(out, '\0');
		return;
	}
	open = ms_xcalloc(n + 1, sizeof *open);
	for (size_t i = 0; i < n; i++) {
		size_t a, b;
		switch (t[i].kind) {
		case MS_TM_TOK_OPEN:
			open[nopen++] = t[i].num;
			continue;
		case MS_TM_TOK_CLOSE:
			if (nopen)
				nopen--;
			continue;
		case MS_TM_TOK_EMPTY:
			ms_buf_printf(out, "[<%zu/>]", t[i].num);
			continue;
		case MS_TM_TOK_TEXT:
			break;
		}
		/* cut the text at the terms' edges */
		a = t[i].off;
		b = t[i].off + t[i].len;
		while (a < b) {
			size_t end = b, term = sg->nterms;
			while (ti < sg->nterms && sg->terms[ti].off + sg->terms[ti].len <= a)
				ti++;
			if (ti < sg->nterms && sg->terms[ti].off <= a) {
				term = ti;
				if (sg->terms[ti].off + sg->terms[ti].len < end)
					end = sg->terms[ti].off + sg->terms[ti].len;
			} else if (ti < sg->nterms && sg->terms[ti].off < end) {
				end = sg->terms[ti].off;
			}
			put_run(out, s + a, end - a, open, nopen, term, sg->nterms);
			a = end;
		}
	}
	/* the closing superblank keeps a final full stop (Apertium drops it
	 * when the chunk ends on it) */
	ms_buf_puts(out, "[]");
	ms_buf_putc(out, '\0');
	free(open);
	free(t);
}

void
ms_mt_apertium_encode(const ms_mt_segment *segs, size_t n, ms_buf *out)
{
	for (size_t k = 0; k < n; k++)
		encode_one(&segs[k], k, out);
}

/* -------------------------------------------------------------- decode */

typedef enum { P_TEXT, P_WORD, P_EMPTY_TAG, P_MARK } piece_kind;

typedef struct piece {
	piece_kind kind;
	ms_buf text;          /* P_TEXT, P_WORD: the words (unescaped) */
	size_t *tags;         /* P_WORD: the paired tags carried */
	size_t ntags;
	size_t term;          /* P_WORD: the term carried, or SIZE_MAX */
	size_t num;           /* P_EMPTY_TAG: N; P_MARK: the chunk number */
} piece;

typedef struct pieces {
	piece *v;
	size_t n, cap;
} pieces;

static piece *
piece_add(pieces *p, piece_kind kind)
{
	piece *x;
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 32;
		p->v = ms_xrealloc(p->v, p->cap * sizeof *p->v);
	}
	x = &p->v[p->n++];
	memset(x, 0, sizeof *x);
	x->kind = kind;
	x->term = SIZE_MAX;
	ms_buf_init(&x->text, 0);
	return x;
}

static void
pieces_release(pieces *p)
{
	for (size_t i = 0; i < p->n; i++) {
		ms_buf_release(&p->v[i].text);
		free(p->v[i].tags);
	}
	free(p->v);
	memset(p, 0, sizeof *p);
}

/* The text piece to append plain text to. */
static piece *
plain(pieces *p)
{
	if (p->n && p->v[p->n - 1].kind == P_TEXT)
		return &p->v[p->n - 1];
	return piece_add(p, P_TEXT);
}

/* "t1,t2,g0" (Apertium may join merged words' blanks with ";"). */
static void
parse_attrs(piece *w, const char *s, size_t n)
{
	size_t i = 0;
	w->tags = ms_xcalloc(n + 1, sizeof *w->tags);
	while (i < n) {
		char kind = s[i++];
		size_t v = 0;
		bool digits = false;
		while (i < n && s[i] >= '0' && s[i] <= '9') {
			v = v * 10 + (size_t)(s[i++] - '0');
			digits = true;
		}
		if (digits && kind == 't')
			w->tags[w->ntags++] = v;
		else if (digits && kind == 'g' && w->term == SIZE_MAX)
			w->term = v;
		while (i < n && (s[i] == ',' || s[i] == ';' || s[i] == ' '))
			i++;
		while (i < n && s[i] != 't' && s[i] != 'g' && s[i] != ',' && s[i] != ';')
			i++;
	}
}

/* Text up to an unescaped "[" (or the end), unescaped into OUT; Apertium's
 * marks for unknown (*), untranslated (@) and ungenerated (#) words are
 * dropped.  Returns the offset after it. */
static size_t
take_text(const char *s, size_t i, size_t n, ms_buf *out)
{
	while (i < n && s[i] != '[') {
		if (s[i] == '\\' && i + 1 < n) {
			ms_buf_putc(out, s[i + 1]);
			i += 2;
			continue;
		}
		if (s[i] != '*' && s[i] != '@' && s[i] != '#')
			ms_buf_putc(out, s[i]);
		i++;
	}
	return i;
}

/* Offset of the unescaped CLOSE starting at or after I, or N. */
static size_t
find_close(const char *s, size_t i, size_t n, const char *close)
{
	size_t cl = strlen(close);
	while (i < n) {
		if (s[i] == '\\') {
			i += 2;
			continue;
		}
		if (i + cl <= n && !memcmp(s + i, close, cl))
			return i;
		i++;
	}
	return n;
}

static void
parse_chunk(const char *s, size_t n, pieces *p)
{
	size_t i = 0;
	while (i < n) {
		if (s[i] != '[') {
			i = take_text(s, i, n, &plain(p)->text);
			continue;
		}
		if (i + 1 < n && s[i + 1] == '[') {
			/* [[attrs]]words[[/]] */
			size_t a = i + 2, e = find_close(s, a, n, "]]"), w_end;
			piece *w;
			if (e == n)
				break;
			if (e - a == 1 && s[a] == '/') {   /* a stray closing blank */
				i = e + 2;
				continue;
			}
			w = piece_add(p, P_WORD);
			parse_attrs(w, s + a, e - a);
			w_end = find_close(s, e + 2, n, "[[/]]");
			take_text(s, e + 2, w_end, &w->text);
			i = w_end + (w_end < n ? 5 : 0);
			continue;
		}
		/* a superblank */
		{
			size_t a = i + 1, e = find_close(s, a, n, "]");
			size_t num;
			char tail[4];
			if (sscanf(s + a, "ms:%zu%1[]]", &num, tail) == 2 && e < n) {
				piece_add(p, P_MARK)->num = num;
			} else if (s[a] == '<' && sscanf(s + a, "<%zu/>%1[]]", &num, tail) == 2) {
				piece_add(p, P_EMPTY_TAG)->num = num;
			} else {
				/* the engine's own blank: its unescaped content */
				ms_buf *t = &plain(p)->text;
				for (size_t k = a; k < e; k++) {
					if (s[k] == '\\' && k + 1 < e)
						k++;
					ms_buf_putc(t, s[k] == '\n' ? ' ' : s[k]);
				}
			}
			i = e + (e < n);
		}
	}
}

static bool
carries(const piece *w, size_t tag)
{
	for (size_t i = 0; i < w->ntags; i++)
		if (w->tags[i] == tag)
			return true;
	return false;
}

static bool
blank(const ms_buf *b)
{
	for (size_t i = 0; i < b->len; i++)
		if (!isspace((unsigned char)b->ptr[i]))
			return false;
	return true;
}

static void add_problem(ms_buf *pb, const char *fmt, ...) MS_PRINTF(2, 3);

static void
add_problem(ms_buf *pb, const char *fmt, ...)
{
	va_list ap;
	if (pb->len)
		ms_buf_puts(pb, "; ");
	va_start(ap, fmt);
	ms_buf_vprintf(pb, fmt, ap);
	va_end(ap);
}

/* Replace the words in W by RENDERING, capitalised when they were (the
 * term began a sentence). */
static void
put_rendering(ms_buf *w, const char *rendering)
{
	uint32_t was = 0, first = 0;
	size_t len = strlen(rendering), n;
	if (w->len)
		ms_utf8_decode(w->ptr, w->len, &was);
	n = len ? ms_utf8_decode(rendering, len, &first) : 0;
	ms_buf_reset(w);
	if (n && was != UINT32_MAX && first != UINT32_MAX && u_isupper((UChar32)was)
	    && u_islower((UChar32)first)) {
		uint8_t up[4];
		int32_t k = 0;
		U8_APPEND_UNSAFE(up, k, u_toupper((UChar32)first));
		ms_buf_put(w, up, (size_t)k);
		ms_buf_puts(w, rendering + n);
		return;
	}
	ms_buf_puts(w, rendering);
}

/* Put the required renderings in place of the words of each term. */
static void
place_terms(const ms_mt_segment *sg, pieces *p, ms_buf *pb)
{
	ms_buf engine = MS_BUF_INIT;
	for (size_t k = 0; k < sg->nterms; k++) {
		const ms_mt_term *t = &sg->terms[k];
		size_t first = SIZE_MAX, last = 0;
		bool contiguous = true;
		for (size_t i = 0; i < p->n; i++) {
			if (p->v[i].kind != P_WORD || p->v[i].term != k)
				continue;
			if (first == SIZE_MAX)
				first = i;
			last = i;
		}
		if (first == SIZE_MAX) {
			add_problem(pb, _("the engine lost the words of '%s'"), t->rendering);
			continue;
		}
		ms_buf_reset(&engine);
		for (size_t i = first; i <= last; i++) {
			const piece *x = &p->v[i];
			if (x->kind == P_WORD && x->term == k)
				ms_buf_put(&engine, x->text.ptr, x->text.len);
			else if (x->kind == P_TEXT && blank(&x->text))
				ms_buf_put(&engine, x->text.ptr, x->text.len);
			else
				contiguous = false;
		}
		if (contiguous && t->keep && t->keep(t, engine.ptr, t->data))
			continue;
		put_rendering(&p->v[first].text, t->rendering);
		for (size_t i = first + 1; i <= last; i++) {
			piece *x = &p->v[i];
			if ((x->kind == P_WORD && x->term == k)
			    || (contiguous && x->kind == P_TEXT))
				ms_buf_reset(&x->text);
		}
	}
	ms_buf_release(&engine);
}

typedef struct range {
	size_t tag, start, end;
} range;

static int
cmp_open_order(const void *a, const void *b)
{
	const range *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return x->tag < y->tag ? -1 : x->tag > y->tag;
}

/* The target text: pieces with the paired tags around their words. */
static void
assemble(const ms_mt_segment *sg, pieces *p, ms_buf *out, ms_buf *pb)
{
	ms_tm_tok *t;
	size_t nt, nr = 0, *stack, depth = 0, ri = 0;
	range *r;
	bool changed;

	if (!ms_tm_tags_split(sg->source, &t, &nt))
		nt = 0;
	r = ms_xcalloc(nt + 1, sizeof *r);
	for (size_t i = 0; i < nt; i++) {
		size_t first = SIZE_MAX, last = 0;
		if (t[i].kind != MS_TM_TOK_OPEN)
			continue;
		for (size_t j = 0; j < p->n; j++) {
			if (p->v[j].kind != P_WORD || !carries(&p->v[j], t[i].num))
				continue;
			if (first == SIZE_MAX)
				first = j;
			last = j;
		}
		if (first == SIZE_MAX) {
			add_problem(pb, _("the engine lost the words of tag <%zu>"), t[i].num);
			continue;
		}
		r[nr++] = (range){ t[i].num, first, last };
	}
	/* widen crossing ranges until they nest */
	do {
		changed = false;
		for (size_t a = 0; a < nr; a++)
			for (size_t b = 0; b < nr; b++)
				if (r[a].start < r[b].start && r[b].start <= r[a].end
				    && r[a].end < r[b].end) {
					r[a].end = r[b].end;
					changed = true;
				}
	} while (changed);
	qsort(r, nr, sizeof *r, cmp_open_order);
	stack = ms_xcalloc(nr + 1, sizeof *stack);
	for (size_t i = 0; i < p->n; i++) {
		const piece *x = &p->v[i];
		while (ri < nr && r[ri].start == i) {
			ms_buf_printf(out, "<%zu>", r[ri].tag);
			stack[depth++] = ri++;
		}
		if (x->kind == P_EMPTY_TAG)
			ms_buf_printf(out, "<%zu/>", x->num);
		else if (x->kind != P_MARK)
			ms_buf_put(out, x->text.ptr, x->text.len);
		while (depth && r[stack[depth - 1]].end == i)
			ms_buf_printf(out, "</%zu>", r[stack[--depth]].tag);
	}
	free(stack);
	free(r);
	free(t);
}

/* OUT with runs of spaces as one space, trimmed, then given the source's
 * leading and trailing white space. */
static char *
tidy(const char *src, const ms_buf *out)
{
	ms_buf b = MS_BUF_INIT;
	size_t lead = 0, srclen = strlen(src), trail = srclen, i = 0, end = out->len;
	while (lead < srclen && isspace((unsigned char)src[lead]))
		lead++;
	while (trail > lead && isspace((unsigned char)src[trail - 1]))
		trail--;
	ms_buf_put(&b, src, lead);
	while (i < end && isspace((unsigned char)out->ptr[i]))
		i++;
	while (end > i && isspace((unsigned char)out->ptr[end - 1]))
		end--;
	/* runs of spaces as one, none before closing punctuation (where a
	 * word was taken out) */
	for (; i < end; i++) {
		if (out->ptr[i] == ' ' && i + 1 < end
		    && (out->ptr[i + 1] == ' ' || strchr(",;:.)", out->ptr[i + 1])))
			continue;
		ms_buf_putc(&b, out->ptr[i]);
	}
	ms_buf_put(&b, src + trail, srclen - trail);
	return ms_buf_detach(&b, NULL);
}

bool
ms_mt_apertium_decode(ms_mt_segment *segs, size_t n, const char *out, size_t len)
{
	const char **chunk = ms_xcalloc(n + 1, sizeof *chunk);
	size_t *clen = ms_xcalloc(n + 1, sizeof *clen), k = 0, i = 0;
	bool ok = true;

	while (k < n && i < len) {
		const char *z = memchr(out + i, '\0', len - i);
		size_t e = z ? (size_t)(z - out) : len;
		chunk[k] = out + i;
		clen[k++] = e - i;
		i = e + 1;
	}
	/* what follows the last chunk: only the NULs each stage adds */
	for (; i < len && ok; i++)
		ok = out[i] == '\0' || isspace((unsigned char)out[i]);
	ok = ok && k == n;
	for (k = 0; ok && k < n; k++) {
		pieces p = { NULL, 0, 0 };
		bool marked = false;
		parse_chunk(chunk[k], clen[k], &p);
		for (size_t j = 0; j < p.n; j++)
			if (p.v[j].kind == P_MARK)
				marked = marked || p.v[j].num == k;
		ok = marked;
		pieces_release(&p);
	}
	for (k = 0; ok && k < n; k++) {
		pieces p = { NULL, 0, 0 };
		ms_buf text = MS_BUF_INIT, pb = MS_BUF_INIT;
		parse_chunk(chunk[k], clen[k], &p);
		place_terms(&segs[k], &p, &pb);
		assemble(&segs[k], &p, &text, &pb);
		segs[k].target = tidy(segs[k].source, &text);
		segs[k].problem = pb.len ? ms_buf_detach(&pb, NULL) : NULL;
		ms_buf_release(&pb);
		ms_buf_release(&text);
		pieces_release(&p);
	}
	free(chunk);
	free(clen);
	return ok;
}

/* ----------------------------------------------------------- translate */

ms_status
ms_mt_apertium_translate(const ms_mt_engine *e, ms_mt_segment *segs, size_t n,
                         ms_diag_handler *h)
{
	char *argv[] = { (char *)ms_mt_program(e), (char *)"-u", (char *)"-z",
	                 (char *)"-f", (char *)"none", (char *)e->data, NULL };
	ms_buf in = MS_BUF_INIT, out = MS_BUF_INIT;
	ms_status st;

	if (n == 0)
		return MS_OK;
	ms_mt_apertium_encode(segs, n, &in);
	st = ms_mt_run(argv, in.ptr, in.len, &out, h);
	if (st == MS_OK && !ms_mt_apertium_decode(segs, n, out.ptr, out.len)) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("'%s' gave output that does not match its input (%zu segments sent)"),
		             argv[0], n);
		st = MS_ERR_IO;
	}
	ms_buf_release(&in);
	ms_buf_release(&out);
	return st;
}

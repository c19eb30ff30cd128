/* catalog-match.c — the indexed fuzzy matcher (see catalog-match.h).
 *
 * Similarity is 2·LCS/(|a|+|b|) over code points, computed by a bounded
 * diff (Myers' greedy algorithm, which stops as soon as the distance
 * passes what the score still needed allows).  Candidates come from an
 * inverted index of the byte trigrams of "\1" string "\2": a query walks
 * the postings of its rarest trigrams, counts how many each candidate
 * shares, shortlists those sharing the most (and whose length leaves the
 * threshold reachable), and scores the shortlist only.
 *
 * What a query changes lives in a scratch (hit counters, buffers) taken
 * from a pool under a lock and given back after, so that queries can run
 * in parallel; the index itself is read-only once built.
 */
#include "internal.h"
#include "catalog-match.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ similarity */

typedef struct diff_scratch {
	uint32_t *a, *b;
	size_t acap, bcap;
	int *v;
	size_t vcap;
} diff_scratch;

static void
diff_scratch_release(diff_scratch *d)
{
	free(d->a);
	free(d->b);
	free(d->v);
}

/* Decode UTF-8 S into code points (invalid bytes count as one each). */
static size_t
decode(const char *s, uint32_t **buf, size_t *cap)
{
	size_t n = 0, len = strlen(s);
	if (*cap < len + 1) {
		*cap = len + 1;
		*buf = ms_xrealloc(*buf, *cap * sizeof **buf);
	}
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		uint32_t c = *p;
		int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
		int k;
		for (k = 1; k <= extra && (p[k] & 0xC0) == 0x80; k++)
			c = (c << 6) | (p[k] & 0x3F);
		if (k <= extra) {
			c = *p;
			k = 1;
		}
		(*buf)[n++] = c;
		p += k;
	}
	return n;
}

/* The number of insertions and deletions turning A into B, or MAX + 1 when
 * it exceeds MAX (Myers' greedy O((N+M)·D) algorithm). */
static size_t
edit_distance(const uint32_t *a, size_t n, const uint32_t *b, size_t m,
              size_t max, diff_scratch *d)
{
	while (n && m && a[0] == b[0]) {
		a++;
		b++;
		n--;
		m--;
	}
	while (n && m && a[n - 1] == b[m - 1]) {
		n--;
		m--;
	}
	if (n == 0 || m == 0)
		return n + m <= max ? n + m : max + 1;
	if (max > n + m)
		max = n + m;
	size_t need = 2 * max + 3;
	if (d->vcap < need) {
		d->vcap = need;
		d->v = ms_xrealloc(d->v, need * sizeof *d->v);
	}
	int *v = d->v + max + 1;
	long N = (long)n, M = (long)m;
	v[1] = 0;
	for (long D = 0; D <= (long)max; D++) {
		for (long k = -D; k <= D; k += 2) {
			long x;
			if (k == -D || (k != D && v[k - 1] < v[k + 1]))
				x = v[k + 1];
			else
				x = v[k - 1] + 1;
			long y = x - k;
			while (x < N && y < M && a[x] == b[y]) {
				x++;
				y++;
			}
			v[k] = (int)x;
			if (x >= N && y >= M)
				return (size_t)D;
		}
	}
	return max + 1;
}

/* Similarity of A and B, or -1 when it is below FLOOR. */
static double
similarity_bounded(const char *a, const char *b, double floor, diff_scratch *d)
{
	size_t n = decode(a, &d->a, &d->acap);
	size_t m = decode(b, &d->b, &d->bcap);
	if (n + m == 0)
		return 1.0;
	size_t max = n + m;
	if (floor > 0) {
		/* The largest distance that keeps the score at FLOOR or more;
		 * the margin keeps a score equal to FLOOR (a tie) from being
		 * lost to rounding. */
		double lim = (1.0 - floor) * (double)(n + m) + 1e-9;
		max = lim < 0 ? 0 : (size_t)lim;
	}
	size_t dist = edit_distance(d->a, n, d->b, m, max, d);
	if (dist > max)
		return -1;
	return (double)(n + m - dist) / (double)(n + m);
}

double
ms_catalog_similarity(const char *a, const char *b)
{
	double r = ms_catalog_similarity_min(a, b, 0);
	return r < 0 ? 0 : r;
}

double
ms_catalog_similarity_min(const char *a, const char *b, double min)
{
	diff_scratch d = {0};
	double r;
	if (!a || !b)
		return min > 0 ? -1 : 0;
	r = similarity_bounded(a, b, min, &d);
	diff_scratch_release(&d);
	return r;
}

/* ------------------------------------------------------------------ index */

#define SHORTLIST 16            /* candidates scored exactly per query */
#define MAX_SHORTLIST 1024      /* however many results are asked for */
#define MIN_GRAMS 8             /* always walked, however common */
#define POSTING_BUDGET 12000    /* postings walked per query */
/* Of a gram's postings, at most this many are walked: those of the
 * candidates closest in length to the query (postings are sorted by
 * length).  So the MIN_GRAMS rarest grams fit in the budget, and a query
 * walks at most POSTING_BUDGET postings however large the index. */
#define GRAM_WINDOW (POSTING_BUDGET / MIN_GRAMS)

typedef struct gram_slot {
	uint32_t gram;     /* 0 = empty slot */
	uint32_t count;    /* number of candidates with this gram */
	uint32_t start;    /* their ids start here in postings */
	uint32_t mark;     /* while building: last candidate that saw it, + 1 */
} gram_slot;

/* The strings, copied into blocks that never move. */
typedef struct str_block {
	struct str_block *next;
	size_t used, cap;
	char text[];
} str_block;

/* What one query changes; one per concurrent query. */
typedef struct scratch {
	struct scratch *next;    /* in the pool */
	uint16_t *hits;          /* per candidate; all zero between queries */
	uint32_t *touched;
	size_t ncap;             /* room in hits and touched */
	uint32_t *grams;
	size_t gcap;
	struct found *found;
	size_t fcap;
	size_t *seen;            /* open addressing over found: index + 1 */
	size_t scap;
	diff_scratch diff;
} scratch;

typedef struct found {
	const gram_slot *slot;
	size_t pos;              /* of its first occurrence in the query */
} found;

struct ms_matcher {
	/* What was added. */
	const char **str;        /* the copies */
	void **payload;
	size_t n, cap;
	str_block *blocks;

	/* The index, built at the first query after an add. */
	atomic_bool built;
	pthread_mutex_t lock;    /* guards building and the pool */
	uint32_t *cand;          /* candidates (non-empty strings): add index */
	uint32_t *clen;          /* their lengths in code points */
	uint32_t ncand;
	gram_slot *slots;
	size_t nslots, nused;
	uint32_t *postings;      /* per gram, by length, then by add order */
	scratch *pool;

	/* What the queries cost, for tests and benchmarks. */
	atomic_size_t queries, walked, scored;
};

ms_matcher *
ms_matcher_new(void)
{
	ms_matcher *m = ms_xcalloc(1, sizeof *m);
	atomic_init(&m->built, false);
	atomic_init(&m->queries, 0);
	atomic_init(&m->walked, 0);
	atomic_init(&m->scored, 0);
	pthread_mutex_init(&m->lock, NULL);
	return m;
}

static void
index_release(ms_matcher *m)
{
	MS_FREE(m->cand);
	MS_FREE(m->clen);
	MS_FREE(m->slots);
	MS_FREE(m->postings);
	m->ncand = 0;
	m->nslots = m->nused = 0;
}

void
ms_matcher_free(ms_matcher *m)
{
	if (!m)
		return;
	index_release(m);
	while (m->pool) {
		scratch *s = m->pool;
		m->pool = s->next;
		free(s->hits);
		free(s->touched);
		free(s->grams);
		free(s->found);
		free(s->seen);
		diff_scratch_release(&s->diff);
		free(s);
	}
	while (m->blocks) {
		str_block *b = m->blocks;
		m->blocks = b->next;
		free(b);
	}
	free(m->str);
	free(m->payload);
	pthread_mutex_destroy(&m->lock);
	free(m);
}

static const char *
str_copy(ms_matcher *m, const char *s)
{
	size_t len = strlen(s) + 1;
	str_block *b = m->blocks;
	if (!b || b->cap - b->used < len) {
		size_t cap = len > 65536 ? len : 65536;
		b = ms_xmalloc(sizeof *b + cap);
		b->used = 0;
		b->cap = cap;
		b->next = m->blocks;
		m->blocks = b;
	}
	char *r = b->text + b->used;
	memcpy(r, s, len);
	b->used += len;
	return r;
}

void
ms_matcher_add(ms_matcher *m, const char *msgid, void *payload)
{
	if (!m || !msgid)
		return;
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 256;
		m->str = ms_xrealloc(m->str, m->cap * sizeof *m->str);
		m->payload = ms_xrealloc(m->payload, m->cap * sizeof *m->payload);
	}
	m->str[m->n] = str_copy(m, msgid);
	m->payload[m->n] = payload;
	m->n++;
	atomic_store(&m->built, false);
}

size_t
ms_matcher_count(const ms_matcher *m)
{
	return m ? m->n : 0;
}

static size_t
utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* The byte trigrams of "\1" S "\2" (so that a one-byte string has one),
 * repeats included, in *GRAMS; returns how many. */
static size_t
grams_of(const char *s, uint32_t **grams, size_t *gcap)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), n = 0;
	if (!len)
		return 0;
	if (*gcap < len) {
		*gcap = len;
		*grams = ms_xrealloc(*grams, len * sizeof **grams);
	}
	uint32_t b0 = 1, b1 = p[0];
	for (size_t i = 1; i <= len; i++) {
		uint32_t b2 = i < len ? p[i] : 2;
		(*grams)[n++] = b0 << 16 | b1 << 8 | b2;
		b0 = b1;
		b1 = b2;
	}
	return n;
}

static size_t
gram_home(uint32_t g, size_t nslots)
{
	return (size_t)((g * 2654435761u) ^ (g >> 13)) & (nslots - 1);
}

static const gram_slot *
gram_lookup(const ms_matcher *m, uint32_t g)
{
	size_t mask = m->nslots - 1;
	for (size_t i = gram_home(g, m->nslots);; i = (i + 1) & mask) {
		if (m->slots[i].gram == g)
			return &m->slots[i];
		if (!m->slots[i].gram)
			return NULL;
	}
}

static gram_slot *
gram_insert(ms_matcher *m, uint32_t g)
{
	size_t mask;
	if ((m->nused + 1) * 2 > m->nslots) {
		gram_slot *old = m->slots;
		size_t oldn = m->nslots;
		m->nslots = oldn ? oldn * 2 : (size_t)1 << 14;
		m->slots = ms_xcalloc(m->nslots, sizeof *m->slots);
		mask = m->nslots - 1;
		for (size_t i = 0; i < oldn; i++) {
			if (!old[i].gram)
				continue;
			size_t j = gram_home(old[i].gram, m->nslots);
			while (m->slots[j].gram)
				j = (j + 1) & mask;
			m->slots[j] = old[i];
		}
		free(old);
	}
	mask = m->nslots - 1;
	size_t i = gram_home(g, m->nslots);
	while (m->slots[i].gram && m->slots[i].gram != g)
		i = (i + 1) & mask;
	if (!m->slots[i].gram) {
		m->slots[i].gram = g;
		m->nused++;
	}
	return &m->slots[i];
}

/* The candidates in the order of their lengths, then of their adds
 * (a counting sort; freshly allocated). */
static uint32_t *
by_length(const ms_matcher *m)
{
	uint32_t maxlen = 0;
	for (uint32_t k = 0; k < m->ncand; k++)
		if (m->clen[k] > maxlen)
			maxlen = m->clen[k];
	size_t *at = ms_xcalloc((size_t)maxlen + 2, sizeof *at);
	uint32_t *order = ms_xmalloc((m->ncand ? m->ncand : 1) * sizeof *order);
	for (uint32_t k = 0; k < m->ncand; k++)
		at[m->clen[k] + 1]++;
	for (size_t l = 1; l <= (size_t)maxlen + 1; l++)
		at[l] += at[l - 1];
	for (uint32_t k = 0; k < m->ncand; k++)
		order[at[m->clen[k]]++] = k;
	free(at);
	return order;
}

static void
index_build(ms_matcher *m)
{
	uint32_t *all = NULL, *grams = NULL;
	size_t *off;
	size_t total = 0, cap = 0, gcap = 0;

	index_release(m);
	m->cand = ms_xmalloc((m->n ? m->n : 1) * sizeof *m->cand);
	for (size_t i = 0; i < m->n && i < UINT32_MAX - 1; i++)
		if (m->str[i][0])
			m->cand[m->ncand++] = (uint32_t)i;
	m->clen = ms_xmalloc((m->ncand ? m->ncand : 1) * sizeof *m->clen);
	off = ms_xmalloc((m->ncand + (size_t)1) * sizeof *off);
	/* Pass 1: each candidate's distinct grams, and how many candidates
	 * have each gram. */
	for (uint32_t k = 0; k < m->ncand; k++) {
		const char *s = m->str[m->cand[k]];
		size_t g = grams_of(s, &grams, &gcap);
		m->clen[k] = (uint32_t)utf8_length(s);
		if (total + g > cap) {
			cap = (total + g) * 2;
			all = ms_xrealloc(all, cap * sizeof *all);
		}
		off[k] = total;
		for (size_t i = 0; i < g; i++) {
			gram_slot *slot = gram_insert(m, grams[i]);
			if (slot->mark == k + 1)
				continue;
			slot->mark = k + 1;
			slot->count++;
			all[total++] = grams[i];
		}
	}
	off[m->ncand] = total;
	/* Pass 2: lay the postings out gram by gram, each gram's in the
	 * order of the candidates' lengths (then of their adds). */
	uint32_t start = 0;
	for (size_t i = 0; i < m->nslots; i++) {
		m->slots[i].mark = 0;
		if (!m->slots[i].gram)
			continue;
		m->slots[i].start = start;
		start += m->slots[i].count;
		m->slots[i].count = 0;
	}
	uint32_t *order = by_length(m);
	m->postings = ms_xmalloc((total ? total : 1) * sizeof *m->postings);
	for (uint32_t r = 0; r < m->ncand; r++) {
		uint32_t k = order[r];
		for (size_t i = off[k]; i < off[k + 1]; i++) {
			gram_slot *slot = (gram_slot *)gram_lookup(m, all[i]);
			m->postings[slot->start + slot->count++] = k;
		}
	}
	free(order);
	free(all);
	free(off);
	free(grams);
}

/* Build the index if an add came since the last build.  The matcher is
 * const to its callers; building is the one change a query makes, under
 * the lock. */
static void
ensure_built(const ms_matcher *cm)
{
	ms_matcher *m = (ms_matcher *)cm;
	if (atomic_load(&m->built))
		return;
	pthread_mutex_lock(&m->lock);
	if (!atomic_load(&m->built)) {
		index_build(m);
		atomic_store(&m->built, true);
	}
	pthread_mutex_unlock(&m->lock);
}

static scratch *
scratch_take(const ms_matcher *cm)
{
	ms_matcher *m = (ms_matcher *)cm;
	pthread_mutex_lock(&m->lock);
	scratch *s = m->pool;
	if (s)
		m->pool = s->next;
	pthread_mutex_unlock(&m->lock);
	if (!s)
		s = ms_xcalloc(1, sizeof *s);
	if (s->ncap < m->ncand) {
		free(s->hits);
		free(s->touched);
		s->ncap = m->ncand;
		s->hits = ms_xcalloc(s->ncap, sizeof *s->hits);
		s->touched = ms_xmalloc(s->ncap * sizeof *s->touched);
	}
	return s;
}

static void
scratch_give(const ms_matcher *cm, scratch *s)
{
	ms_matcher *m = (ms_matcher *)cm;
	pthread_mutex_lock(&m->lock);
	s->next = m->pool;
	m->pool = s;
	pthread_mutex_unlock(&m->lock);
}

/* The distinct grams of the query in S->grams[0, NG) that the index
 * knows, in S->found, in the order of their first occurrence; returns
 * how many. */
static size_t
query_slots(const ms_matcher *m, scratch *s, size_t ng)
{
	size_t want = 16, nf = 0;
	while (want < 2 * ng)
		want *= 2;
	if (s->scap < want) {
		free(s->seen);
		s->seen = ms_xmalloc(want * sizeof *s->seen);
		s->scap = want;
	}
	if (s->fcap < ng) {
		s->fcap = ng;
		s->found = ms_xrealloc(s->found, ng * sizeof *s->found);
	}
	memset(s->seen, 0, want * sizeof *s->seen);
	size_t mask = want - 1;
	for (size_t i = 0; i < ng; i++) {
		const gram_slot *slot = gram_lookup(m, s->grams[i]);
		if (!slot)
			continue;
		size_t h = gram_home(slot->gram, want);
		bool dup = false;
		for (; s->seen[h]; h = (h + 1) & mask)
			if (s->found[s->seen[h] - 1].slot == slot) {
				dup = true;
				break;
			}
		if (dup)
			continue;
		s->seen[h] = nf + 1;
		s->found[nf].slot = slot;
		s->found[nf].pos = i;
		nf++;
	}
	return nf;
}

static int
cmp_found(const void *x, const void *y)
{
	const found *a = x, *b = y;
	if (a->slot->count != b->slot->count)
		return a->slot->count < b->slot->count ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* Where to start walking WANT of the N postings P (sorted by length) so
 * that they are the ones nearest in length to LQ. */
static size_t
window_start(const ms_matcher *m, const uint32_t *p, size_t n, size_t lq,
             size_t want)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {          /* the first of length LQ or more */
		size_t mid = lo + (hi - lo) / 2;
		if (m->clen[p[mid]] < lq)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t at = lo > want / 2 ? lo - want / 2 : 0;
	return at + want > n ? n - want : at;
}

typedef struct shortlisted {
	uint32_t k, hits, gap;
} shortlisted;

/* Does A rank before B in the shortlist? */
static bool
ranks_before(const shortlisted *a, const shortlisted *b)
{
	if (a->hits != b->hits)
		return a->hits > b->hits;
	if (a->gap != b->gap)
		return a->gap < b->gap;
	return a->k < b->k;
}

/* Does result A rank before result B?  (Scores within 1e-12 are equal.) */
static bool
result_before(const ms_match *a, bool apref, const ms_match *b, bool bpref)
{
	if (a->score > b->score + 1e-12)
		return true;
	if (a->score < b->score - 1e-12)
		return false;
	if (apref != bpref)
		return apref;
	return a->index < b->index;
}

/* Shortlist the candidates of the query (S->grams[0, NG), LQ code points)
 * into LIST (room for NMAX); returns how many. */
static size_t
shortlist(const ms_matcher *m, scratch *s, size_t ng, size_t lq, double min,
          shortlisted *list, size_t nmax)
{
	size_t nf = query_slots(m, s, ng), nt = 0, walked = 0, nlist = 0;
	uint32_t maxhits = 0;

	/* Rare grams first: they say the most and cost the least.  The
	 * MIN_GRAMS rarest are always walked, a common one only in part: the
	 * window of its postings nearest the query's length.  After them, a
	 * gram is walked whole while the budget lasts. */
	qsort(s->found, nf, sizeof *s->found, cmp_found);
	for (size_t i = 0; i < nf; i++) {
		const gram_slot *slot = s->found[i].slot;
		const uint32_t *p = m->postings + slot->start;
		size_t take = slot->count;
		if (i >= MIN_GRAMS && walked + take > POSTING_BUDGET)
			break;
		if (take > GRAM_WINDOW) {
			size_t at = window_start(m, p, slot->count, lq, GRAM_WINDOW);
			p += at;
			take = GRAM_WINDOW;
		}
		for (size_t j = 0; j < take; j++) {
			uint32_t k = p[j];
			if (!s->hits[k])
				s->touched[nt++] = k;
			if (s->hits[k] < UINT16_MAX)
				s->hits[k]++;
		}
		walked += take;
	}
	atomic_fetch_add_explicit(&((ms_matcher *)m)->walked, walked,
	                          memory_order_relaxed);
	for (size_t t = 0; t < nt; t++)
		if (s->hits[s->touched[t]] > maxhits)
			maxhits = s->hits[s->touched[t]];

	/* Keep the candidates sharing most grams, among those whose length
	 * leaves MIN reachable (2·min/(a+b) bounds the score). */
	for (size_t t = 0; t < nt; t++) {
		shortlisted c;
		c.k = s->touched[t];
		c.hits = s->hits[c.k];
		s->hits[c.k] = 0;
		if (c.hits * 3 < maxhits)
			continue;
		size_t lc = m->clen[c.k];
		size_t lo = lc < lq ? lc : lq;
		if (2.0 * (double)lo < min * (double)(lc + lq))
			continue;
		c.gap = (uint32_t)(lc > lq ? lc - lq : lq - lc);
		if (nlist == nmax && !ranks_before(&c, &list[nmax - 1]))
			continue;
		size_t pos = nlist < nmax ? nlist++ : nmax - 1;
		while (pos > 0 && ranks_before(&c, &list[pos - 1])) {
			list[pos] = list[pos - 1];
			pos--;
		}
		list[pos] = c;
	}
	return nlist;
}

size_t
ms_matcher_query_prefer(const ms_matcher *m, const char *query, double min,
                        ms_match *out, size_t max,
                        ms_matcher_prefer_fn *prefer, void *data)
{
	if (!m || !query || !out || !max || !*query)
		return 0;
	ensure_built(m);
	if (!m->ncand)
		return 0;
	if (min < 0)
		min = 0;
	scratch *s = scratch_take(m);
	size_t ng = grams_of(query, &s->grams, &s->gcap);
	size_t nmax = max > SHORTLIST ? max : SHORTLIST;
	if (nmax > MAX_SHORTLIST)
		nmax = MAX_SHORTLIST;
	shortlisted small[SHORTLIST];
	shortlisted *list = nmax > SHORTLIST ? ms_xmalloc(nmax * sizeof *list)
	                                     : small;
	bool small_pref[SHORTLIST];
	bool *pref = max > SHORTLIST ? ms_xmalloc(max * sizeof *pref) : small_pref;
	size_t nlist = shortlist(m, s, ng, utf8_length(query), min, list, nmax);

	/* Score the shortlist; once OUT is full, a candidate has to beat
	 * its last result, which bounds the diff. */
	ms_matcher *mm = (ms_matcher *)m;
	atomic_fetch_add_explicit(&mm->queries, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&mm->scored, nlist, memory_order_relaxed);
	size_t nout = 0;
	for (size_t i = 0; i < nlist; i++) {
		uint32_t id = m->cand[list[i].k];
		double floor = nout == max ? out[max - 1].score : min;
		double sim = similarity_bounded(query, m->str[id], floor, &s->diff);
		if (sim < 0)
			continue;
		ms_match r = { m->payload[id], m->str[id], sim, id };
		bool rp = prefer && prefer(r.payload, data);
		if (nout == max && !result_before(&r, rp, &out[max - 1], pref[max - 1]))
			continue;
		size_t pos = nout < max ? nout++ : max - 1;
		while (pos > 0 && result_before(&r, rp, &out[pos - 1], pref[pos - 1])) {
			out[pos] = out[pos - 1];
			pref[pos] = pref[pos - 1];
			pos--;
		}
		out[pos] = r;
		pref[pos] = rp;
	}
	if (list != small)
		free(list);
	if (pref != small_pref)
		free(pref);
	scratch_give(m, s);
	return nout;
}

size_t
ms_matcher_query(const ms_matcher *m, const char *query, double min,
                 ms_match *out, size_t max)
{
	return ms_matcher_query_prefer(m, query, min, out, max, NULL, NULL);
}

void
ms_matcher_counts_get(const ms_matcher *m, ms_matcher_counts *out)
{
	if (!out)
		return;
	memset(out, 0, sizeof *out);
	if (!m)
		return;
	out->queries = atomic_load(&m->queries);
	out->walked = atomic_load(&m->walked);
	out->scored = atomic_load(&m->scored);
}

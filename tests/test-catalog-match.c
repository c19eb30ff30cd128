/* test-catalog-match.c — the indexed fuzzy matcher (catalog-match.h):
 * its answers against brute force, ranking, ties, limits, threads. */
#include <config.h>

#include "catalog.h"
#include "tap.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A deterministic pseudo-random sentence generator over a small
 * vocabulary, so that candidates share many trigrams. */
static uint64_t rng_state = 42;

static uint32_t
rng(void)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng_state >> 33);
}

static const char *const vocab[] = {
	"the", "authorities", "release", "defender", "detained", "urge", "we",
	"immediately", "unconditionally", "charges", "against", "her", "him",
	"minister", "letter", "human", "rights", "court", "trial", "fair",
	"prison", "family", "lawyer", "access", "health", "medical", "care",
	"torture", "ill-treatment", "investigation", "independent", "judge",
	"대통령님께", "인권", "석방", "촉구합니다", "변호사", "가족",
	"liberación", "autoridades", "inmediata", "derechos",
};

static void
sentence_of(char *buf, size_t cap, int words, const char *const *v, size_t nv)
{
	size_t len = 0;
	for (int i = 0; i < words; i++) {
		const char *w = v[rng() % nv];
		len += (size_t)snprintf(buf + len, cap - len, "%s%s", i ? " " : "", w);
	}
	snprintf(buf + len, cap - len, ".");
}

static void
sentence(char *buf, size_t cap, int words)
{
	sentence_of(buf, cap, words, vocab, sizeof vocab / sizeof vocab[0]);
}

/* Six words: every trigram of a sentence made of them is in thousands of
 * others. */
static const char *const tiny[] = {
	"alpha", "beta", "gamma", "delta", "epsilon", "zeta",
};

/* Change one word of S in place: drop, repeat or swap a word (for one
 * of V). */
static void
edit_of(char *s, size_t cap, const char *const *v, size_t nv)
{
	char tmp[1024];
	char *words[64];
	int n = 0;
	snprintf(tmp, sizeof tmp, "%s", s);
	for (char *t = strtok(tmp, " "); t && n < 64; t = strtok(NULL, " "))
		words[n++] = t;
	int k = (int)(rng() % (unsigned)n), op = (int)(rng() % 3);
	size_t len = 0;
	s[0] = '\0';
	for (int i = 0; i < n; i++) {
		const char *w = words[i];
		if (i == k && op == 0 && n > 2)
			continue;
		if (i == k && op == 2)
			w = v[rng() % nv];
		len += (size_t)snprintf(s + len, cap - len, "%s%s", len ? " " : "", w);
		if (i == k && op == 1)
			len += (size_t)snprintf(s + len, cap - len, " %s", w);
	}
}

static void
edit(char *s, size_t cap)
{
	edit_of(s, cap, vocab, sizeof vocab / sizeof vocab[0]);
}

static void
test_basics(void)
{
	ms_matcher *m = ms_matcher_new();
	ms_match out[8];
	char buf[64];

	INT_EQ(ms_matcher_query(m, "anything", 0.0, out, 8), 0, "empty matcher: no match");
	ms_matcher_add(m, "Dear Minister,", (void *)"a");
	ms_matcher_add(m, "Dear Minister.", (void *)"b");
	ms_matcher_add(m, "Yours sincerely,", (void *)"c");
	ms_matcher_add(m, "", (void *)"empty");
	snprintf(buf, sizeof buf, "Dear Minister:");
	ms_matcher_add(m, buf, (void *)"d");
	memset(buf, 'x', sizeof buf - 1);     /* the matcher keeps its own copy */
	buf[sizeof buf - 1] = '\0';
	INT_EQ(ms_matcher_count(m), 5, "count: every add, the empty string too");

	size_t n = ms_matcher_query(m, "Dear Minister,", 0.6, out, 8);
	INT_EQ(n, 3, "three candidates at 0.6 or more");
	STR_EQ(n ? out[0].msgid : NULL, "Dear Minister,", "the equal string first");
	OK(n && out[0].score == 1.0 && strcmp(out[0].payload, "a") == 0,
	   "with score 1 and its payload");
	OK(n >= 3 && out[1].score >= out[2].score, "best first");
	for (size_t i = 0; i < n; i++)
		OK(out[i].score == ms_catalog_similarity("Dear Minister,", out[i].msgid),
		   "score %zu is ms_catalog_similarity's (%.4f)", i, out[i].score);
	OK(n >= 3 && strcmp(out[1].msgid, "Dear Minister.") == 0
	   && strcmp(out[2].msgid, "Dear Minister:") == 0,
	   "equal scores in the order of the adds (%s, %s)",
	   n >= 3 ? out[1].msgid : "", n >= 3 ? out[2].msgid : "");
	OK(n >= 3 && out[2].index == 4 && out[0].index == 0, "index: the order of the add");

	INT_EQ(ms_matcher_query(m, "Dear Minister,", 0.6, out, 1), 1, "max 1: one result");
	STR_EQ(out[0].msgid, "Dear Minister,", "max 1: the best");
	INT_EQ(ms_matcher_query(m, "Dear Minister,", 0.99, out, 8), 1, "min 0.99: only the equal one");
	INT_EQ(ms_matcher_query(m, "", 0.0, out, 8), 0, "empty query: nothing");
	INT_EQ(ms_matcher_query(m, "zzzzzz", 0.1, out, 8), 0, "nothing alike: nothing");
	INT_EQ(ms_matcher_query(m, "Dear Minister,", 0.6, out, 0), 0, "max 0: nothing");

	/* Adding after a query: the index follows. */
	ms_matcher_add(m, "Yours sincerely, Ana", (void *)"e");
	n = ms_matcher_query(m, "Yours sincerely, Ana.", 0.6, out, 1);
	STR_EQ(n ? out[0].msgid : NULL, "Yours sincerely, Ana", "an add after a query is found");
	ms_matcher_free(m);
	ms_matcher_free(NULL);
}

static bool
prefer_b(const void *payload, void *data)
{
	(void)data;
	return strcmp(payload, "b") == 0;
}

static void
test_ties(void)
{
	ms_matcher *m = ms_matcher_new();
	ms_match out[4];
	ms_matcher_add(m, "We urge the authorities.", (void *)"a");
	ms_matcher_add(m, "We urge the authorities.", (void *)"b");
	size_t n = ms_matcher_query(m, "We urge the authorities!", 0.6, out, 4);
	INT_EQ(n, 2, "the same string twice: two candidates");
	OK(n == 2 && strcmp(out[0].payload, "a") == 0 && strcmp(out[1].payload, "b") == 0,
	   "ties: the first added first");
	n = ms_matcher_query_prefer(m, "We urge the authorities!", 0.6, out, 1,
	                            prefer_b, NULL);
	OK(n == 1 && strcmp(out[0].payload, "b") == 0, "ties: the preferred one first");
	ms_matcher_add(m, "We urge the authorities now.", (void *)"c");
	n = ms_matcher_query_prefer(m, "We urge the authorities.", 0.6, out, 4,
	                            prefer_b, NULL);
	OK(n == 3 && out[0].score == 1.0 && strcmp(out[0].payload, "b") == 0
	   && strcmp(out[1].payload, "a") == 0 && strcmp(out[2].payload, "c") == 0,
	   "preference only breaks ties: b, a, then the lower score");
	ms_matcher_free(m);
}

enum { NCAND = 3000, NQUERY = 300 };
static char cands[NCAND][512];
static char queries[NQUERY][512];
static double want_score[NQUERY];
static size_t want_index[NQUERY];

/* The index shortlists candidates; brute force scores them all.  On
 * near-duplicates the best must be the same. */
static void
test_brute_force(ms_matcher *m)
{
	size_t same = 0, found = 0, expected = 0;
	for (int i = 0; i < NCAND; i++) {
		sentence(cands[i], sizeof cands[i], 6 + (int)(rng() % 20));
		ms_matcher_add(m, cands[i], &cands[i]);
	}
	for (int q = 0; q < NQUERY; q++) {
		const char *src = cands[rng() % NCAND];
		snprintf(queries[q], sizeof queries[q], "%s", src);
		edit(queries[q], sizeof queries[q]);
		/* Every candidate, each compared in full when it may beat the
		 * best so far (ms_catalog_similarity_min is exact above its
		 * floor). */
		double best = ms_catalog_similarity(queries[q], src);
		for (int i = 0; i < NCAND; i++) {
			double s = ms_catalog_similarity_min(queries[q], cands[i], best);
			if (s > best)
				best = s;
		}
		want_score[q] = best;
		ms_match r;
		size_t n = ms_matcher_query(m, queries[q], 0.6, &r, 1);
		want_index[q] = n ? r.index : SIZE_MAX;
		if (best >= 0.6)
			expected++;
		if (n)
			found++;
		if ((n && r.score == best) || (!n && best < 0.6))
			same++;
	}
	INT_EQ(found, expected, "a candidate for every query that has one at 0.6");
	INT_EQ(same, NQUERY, "the best score, as brute force finds it (%zu of %d)",
	       same, NQUERY);
}

typedef struct worker {
	const ms_matcher *m;
	int first;
	size_t agree;
} worker;

static void *
run_queries(void *arg)
{
	worker *w = arg;
	for (int k = 0; k < NQUERY; k++) {
		int q = (w->first + k) % NQUERY;
		ms_match r;
		size_t n = ms_matcher_query(w->m, queries[q], 0.6, &r, 1);
		if ((n ? r.index : SIZE_MAX) == want_index[q])
			w->agree++;
	}
	return NULL;
}

/* Queries from several threads at once give what one thread gets. */
static void
test_threads(ms_matcher *m)
{
	enum { T = 4 };
	pthread_t th[T];
	worker w[T];
	size_t agree = 0;
	int started = 0;
	for (int i = 0; i < T; i++) {
		w[i].m = m;
		w[i].first = i * (NQUERY / T);
		w[i].agree = 0;
		if (pthread_create(&th[i], NULL, run_queries, &w[i]) == 0)
			started++;
	}
	for (int i = 0; i < started; i++) {
		pthread_join(th[i], NULL);
		agree += w[i].agree;
	}
	INT_EQ(started, T, "%d threads started", T);
	INT_EQ(agree, (size_t)T * NQUERY, "concurrent queries agree with one thread");
}

/* The first queries of a fresh matcher come from several threads: the
 * index is built once, under the lock. */
static void
test_threads_build(void)
{
	ms_matcher *m = ms_matcher_new();
	for (int i = 0; i < NCAND; i++)
		ms_matcher_add(m, cands[i], &cands[i]);
	test_threads(m);
	ms_matcher_free(m);
}

/* What a query walks must not grow with the index (issue 18, item 10:
 * a merge where every msgid changed was superlinear).  Sentences over
 * six words make every trigram common, the case where walking whole
 * posting lists cost O(N) per query (at 32,000 candidates, 141,000
 * postings per query before, 12,000 now).  Such text defeats any
 * shortlist by trigrams, so only the cost is checked on it; the quality
 * of the answers is checked on ordinary sentences: each query is an edit
 * of a candidate, and must find one at least as similar as that one. */
static void
test_scaling(void)
{
	enum { SMALL = 4000, LARGE = 32000, Q = 200 };
	static char text[LARGE][256];
	double per_query[2];
	size_t good = 0;
	for (int pass = 0; pass < 3; pass++) {
		int n = pass ? LARGE : SMALL;
		bool six = pass < 2;
		ms_matcher *m = ms_matcher_new();
		rng_state = 7;
		for (int i = 0; i < n; i++) {
			if (six)
				sentence_of(text[i], sizeof text[i], 8 + (int)(rng() % 12),
				            tiny, sizeof tiny / sizeof tiny[0]);
			else
				sentence(text[i], sizeof text[i], 6 + (int)(rng() % 20));
			ms_matcher_add(m, text[i], text[i]);
		}
		for (int q = 0; q < Q; q++) {
			char query[512];
			const char *src = text[(size_t)q * (size_t)n / Q];
			snprintf(query, sizeof query, "%s", src);
			if (six)
				edit_of(query, sizeof query, tiny, sizeof tiny / sizeof tiny[0]);
			else
				edit(query, sizeof query);
			ms_match r;
			double want = ms_catalog_similarity(query, src);
			if (ms_matcher_query(m, query, 0.6, &r, 1) && r.score >= want)
				good += !six;
		}
		ms_matcher_counts k;
		ms_matcher_counts_get(m, &k);
		INT_EQ(k.queries, Q, "%d candidates: every query counted", n);
		if (six)
			per_query[pass] = (double)k.walked / (double)k.queries;
		ms_matcher_free(m);
	}
	OK(per_query[1] <= 1.25 * per_query[0],
	   "postings walked per query do not grow with the index "
	   "(%.0f at %d candidates, %.0f at %d)", per_query[0], SMALL,
	   per_query[1], LARGE);
	OK(good >= Q * 98 / 100,
	   "%d candidates: a candidate at least as close as the edited one "
	   "(%zu of %d)", LARGE, good, Q);
}

int
main(void)
{
	test_basics();
	test_ties();
	ms_matcher *m = ms_matcher_new();
	test_brute_force(m);
	test_threads(m);
	ms_matcher_free(m);
	test_threads_build();
	test_scaling();
	return done_testing();
}

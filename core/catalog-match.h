/* catalog-match.h — the indexed fuzzy matcher: which of many source
 * strings are most like a query.
 *
 * It is the matcher of `missive update` (ms_catalog_merge looks up every
 * new or changed msgid in it) and of translation memory: build one over
 * the msgids of any number of catalogues, each with an opaque payload
 * (an entry, a memory unit), then ask it for the best candidates of a
 * string.
 *
 * Scores are ms_catalog_similarity's: 2·LCS/(|a|+|b|) over code points,
 * in [0, 1], 1 for equal strings; msgmerge's fuzzy threshold is 0.6
 * (MS_MATCH_FUZZY).  A query does not compare the string with every
 * candidate: an index of byte trigrams shortlists the candidates sharing
 * the most trigrams with it (a bounded number, whatever the size of the
 * index), and only those are scored exactly.  So a query costs about the
 * same in a matcher of 1,000 strings and of 1,000,000, and may, rarely,
 * miss a candidate that shares few trigrams with the query yet scores
 * above MIN; the scores returned are always exact.
 *
 * Threads: adding is not thread-safe.  Once every string is added,
 * queries may run concurrently from any number of threads (the first
 * query builds the index, under a lock).  Adding after a query is
 * allowed; the index is then rebuilt at the next query, which must not
 * run concurrently with the add. */
#ifndef MS_CATALOG_MATCH_H
#define MS_CATALOG_MATCH_H

#include "missive.h"

/* msgmerge's threshold: a candidate below it is not a fuzzy match. */
#define MS_MATCH_FUZZY 0.6

typedef struct ms_matcher ms_matcher;   /* an index over source strings */

/* One candidate found by a query. */
typedef struct ms_match {
	void *payload;        /* as given to ms_matcher_add */
	const char *msgid;    /* the matcher's copy of the string: valid
	                       * until ms_matcher_free */
	double score;         /* ms_catalog_similarity(query, msgid) */
	size_t index;         /* the order of the add: 0 for the first */
} ms_match;

/* A new, empty matcher; never NULL (aborts when memory runs out). */
ms_matcher *ms_matcher_new(void);
/* Free M and its copies of the strings, not the payloads.  NULL: no-op. */
void ms_matcher_free(ms_matcher *m);

/* Add a source string with an opaque PAYLOAD (e.g. an entry).  MSGID is
 * copied.  Empty strings are accepted and never matched.  The same string
 * may be added several times (with different payloads): each is a
 * candidate of its own. */
void ms_matcher_add(ms_matcher *m, const char *msgid, void *payload);
/* How many strings were added. */
size_t ms_matcher_count(const ms_matcher *m);

/* The best candidates for QUERY with similarity >= MIN (0..1), best
 * first, at most MAX; returns how many were stored in OUT (OUT has room
 * for MAX).  Equal scores rank in the order of the adds.  An empty QUERY
 * matches nothing.  Thread-safe for concurrent queries (see above). */
size_t ms_matcher_query(const ms_matcher *m, const char *query, double min,
                        ms_match *out, size_t max);

/* Decides between candidates with equal scores: true when the candidate
 * with PAYLOAD should rank before those for which it returns false.
 * DATA is the caller's. */
typedef bool ms_matcher_prefer_fn(const void *payload, void *data);

/* ms_matcher_query with ties between equal scores broken first by PREFER
 * (preferred candidates first), then by the order of the adds.  PREFER
 * NULL: as ms_matcher_query.  ms_catalog_merge prefers a candidate with
 * the query's msgctxt, as msgmerge does. */
size_t ms_matcher_query_prefer(const ms_matcher *m, const char *query,
                               double min, ms_match *out, size_t max,
                               ms_matcher_prefer_fn *prefer, void *data);

/* What the queries of M have cost so far: how many queries, how many
 * index postings they walked, how many candidates they scored exactly.
 * For tests and benchmarks (a query's cost is bounded whatever the size
 * of the index; these show it). */
typedef struct ms_matcher_counts {
	size_t queries;
	size_t walked;
	size_t scored;
} ms_matcher_counts;
void ms_matcher_counts_get(const ms_matcher *m, ms_matcher_counts *out);

/* Similarity of two strings in [0, 1]: 2·LCS/(|a|+|b|) over code points
 * (invalid UTF-8 bytes count as one code point each); 1 for two empty
 * strings, 0 when either is NULL. */
double ms_catalog_similarity(const char *a, const char *b);
/* The same when it is MIN or more, else a negative number; the higher
 * MIN, the less it costs (the diff stops once MIN is out of reach). */
double ms_catalog_similarity_min(const char *a, const char *b, double min);

#endif

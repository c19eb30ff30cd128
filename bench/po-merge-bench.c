/* po-merge-bench.c — time ms_catalog_merge against msgmerge on a generated
 * catalogue, and compare what the two decide.
 *
 * Not built by default.  From a configured build tree:
 *
 *     make po-merge-bench
 *     ./po-merge-bench [-n ENTRIES] [-c PERCENT_CHANGED] [-M] [-u] [-q SAMPLES [-j FILE]] [DIR]
 *
 * It writes DIR/old.po (a translation, 95% translated) and DIR/new.pot (the
 * same catalogue with PERCENT_CHANGED of the msgids edited, a few removed
 * and a few added), then times, on the same files:
 *
 *   msgmerge -q --previous old.po new.pot -o msgmerge.po
 *   ms_catalog_read ×2 + ms_catalog_merge + ms_catalog_write (missive.po)
 *
 * and reports how often both chose the same translation for each entry.
 * -M leaves msgmerge out (it takes minutes on large catalogues) and
 * compares with the DIR/msgmerge.po of an earlier run, if there is one.
 * -u uses the DIR/old.po and DIR/new.pot that are there instead (see
 * bench/merge-scaling, which makes them from bench/gen.py's letters).
 * -q SAMPLES checks, for that many template entries without an exact
 * match, that the merge found the most similar candidate there is (brute
 * force over every old entry; slow on large catalogues); -j FILE judges
 * the merge FILE holds in the same way (another build's, say).
 * The text is synthetic (Zipf-distributed pseudo-words with English
 * function words), deterministic for a given size.
 */
#include <config.h>

#include "catalog.h"
#include "hash.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t
rng(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double
rng_unit(void)
{
	return (double)(rng() >> 11) / 9007199254740992.0;
}

static const char *const function_words[] = {
	"the", "of", "and", "to", "in", "that", "is", "for", "on", "with",
	"as", "by", "their", "we", "you", "they", "be", "are", "this", "from",
	"have", "has", "not", "all", "an", "a", "who", "were", "was", "our",
};

#define NWORDS 6000
static char *words[NWORDS];
static double zipf_cdf[NWORDS];

static void
make_vocabulary(void)
{
	static const char *const syl[] = {
		"ra", "ti", "on", "de", "men", "con", "pro", "ist", "al", "ver",
		"ing", "hu", "man", "right", "law", "de", "ten", "tion", "gov",
		"ern", "pri", "son", "ex", "press", "un", "der", "act", "ive",
		"cy", "ment", "fam", "ly", "ur", "gent", "free", "dom", "jus",
		"tice", "tri", "bun", "pol", "ic", "sec", "re", "ty", "min",
	};
	size_t ns = sizeof syl / sizeof syl[0];
	double sum = 0;
	for (size_t i = 0; i < NWORDS; i++) {
		char buf[64] = "";
		if (i < sizeof function_words / sizeof function_words[0]) {
			strcpy(buf, function_words[i]);
		} else {
			int n = 2 + (int)(rng() % 3);
			for (int k = 0; k < n; k++)
				strcat(buf, syl[rng() % ns]);
		}
		words[i] = strdup(buf);
		sum += 1.0 / (double)(i + 1);
		zipf_cdf[i] = sum;
	}
	for (size_t i = 0; i < NWORDS; i++)
		zipf_cdf[i] /= sum;
}

static const char *
random_word(void)
{
	double u = rng_unit();
	size_t lo = 0, hi = NWORDS - 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (zipf_cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return words[lo];
}

/* A sentence as an array of words (the last one carries the full stop). */
typedef struct sentence {
	const char *w[64];
	int n;
	int comma;     /* a comma after word COMMA (0 = none) */
} sentence;

static void
sentence_random(sentence *s)
{
	s->n = 8 + (int)(rng() % 28);
	for (int i = 0; i < s->n; i++)
		s->w[i] = random_word();
	s->comma = rng() % 3 == 0 ? 2 + (int)(rng() % (unsigned)(s->n - 3)) : 0;
}

static void
sentence_edit(sentence *s)
{
	int i = (int)(rng() % (unsigned)s->n);
	switch (rng() % 4) {
	case 0: /* replace a word */
		s->w[i] = random_word();
		break;
	case 1: /* insert a word */
		if (s->n < 63) {
			memmove(&s->w[i + 1], &s->w[i], (size_t)(s->n - i) * sizeof s->w[0]);
			s->w[i] = random_word();
			s->n++;
		}
		break;
	case 2: /* delete a word */
		if (s->n > 4) {
			memmove(&s->w[i], &s->w[i + 1], (size_t)(s->n - i - 1) * sizeof s->w[0]);
			s->n--;
			if (s->comma >= s->n - 1)
				s->comma = 0;
		}
		break;
	default: /* punctuation */
		s->comma = s->comma ? 0 : 1 + (int)(rng() % (unsigned)(s->n - 2));
		break;
	}
}

static void
sentence_text(const sentence *s, char *out, size_t cap, int translate)
{
	size_t len = 0;
	for (int i = 0; i < s->n; i++) {
		char w[80];
		if (translate) {
			/* A stand-in translation: each word reversed, plus "o". */
			size_t n = strlen(s->w[i]);
			for (size_t k = 0; k < n; k++)
				w[k] = s->w[i][n - 1 - k];
			w[n] = 'o';
			w[n + 1] = '\0';
		} else {
			strcpy(w, s->w[i]);
		}
		if (i == 0)
			w[0] = (char)(w[0] - 'a' + 'A');
		len += (size_t)snprintf(out + len, cap - len, "%s%s%s", i ? " " : "",
		                        w, s->comma == i + 1 ? "," : "");
	}
	snprintf(out + len, cap - len, ".");
}

/* A tiny set of 64-bit hashes, to keep msgids unique. */
static uint64_t *seen;
static size_t seen_cap;

static int
seen_add(const char *s)
{
	uint64_t h = ms_hash_str(MS_HASH_SEED, s);
	h += !h;   /* 0 marks an empty slot */
	size_t i = (size_t)h & (seen_cap - 1);
	while (seen[i]) {
		if (seen[i] == h)
			return 0;
		i = (i + 1) & (seen_cap - 1);
	}
	seen[i] = h;
	return 1;
}

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds (user + system) of this process, or of its waited-for
 * children. */
static double
cpu(int who)
{
	struct rusage ru;
	getrusage(who, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6
	       + (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static void
write_entry(FILE *f, int i, const char *ctxt, const char *id, const char *str)
{
	fprintf(f, "#. role: body\n#: corpus/%03d_letter.md:%d\n", i / 40, 10 + i % 40);
	if (ctxt)
		fprintf(f, "msgctxt \"%s\"\n", ctxt);
	fprintf(f, "msgid \"%s\"\nmsgstr \"%s\"\n\n", id, str);
}

static const char header[] =
	"msgid \"\"\nmsgstr \"\"\n"
	"\"Project-Id-Version: bench\\n\"\n"
	"\"POT-Creation-Date: 2024-01-01 00:00+0000\\n\"\n"
	"\"Language: es\\n\"\n"
	"\"MIME-Version: 1.0\\n\"\n"
	"\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	"\"Content-Transfer-Encoding: 8bit\\n\"\n"
	"\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n\n";

static void
print_diag(const ms_diag *d, void *data)
{
	(void)data;
	fprintf(stderr, "%s:%u: %s\n", d->file ? d->file : "-", d->line, d->message);
}

static size_t
code_points(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* For SAMPLES template entries without an exact match, spread over the
 * template, is the fuzzy match the merge chose (in MERGED) as good as the
 * best that brute force finds among the old file's translated entries? */
static void
check_best(const char *oldp, const ms_catalog *merged, const ms_catalog *pot,
           size_t samples, ms_diag_handler *h)
{
	ms_catalog *old = NULL;
	if (ms_catalog_read(oldp, &old, h) != MS_OK)
		return;
	size_t nold = ms_catalog_count(old), nc = 0;
	const char **cand = malloc((nold ? nold : 1) * sizeof *cand);
	size_t *clen = malloc((nold ? nold : 1) * sizeof *clen);
	for (size_t i = 0; i < nold; i++) {
		ms_entry *e = ms_catalog_entry(old, i);
		if (e->msgstr[0] && e->msgid[0]) {
			cand[nc] = e->msgid;
			clen[nc++] = code_points(e->msgid);
		}
	}
	size_t nq = 0;
	for (size_t i = 0; i < ms_catalog_count(pot); i++) {
		ms_entry *t = ms_catalog_entry(pot, i);
		nq += !ms_catalog_find(old, t->msgctxt, t->msgid);
	}
	size_t step = nq / samples ? nq / samples : 1, k = 0;
	size_t asked = 0, best = 0, worse = 0, missed = 0;
	double c0 = cpu(RUSAGE_SELF);
	for (size_t i = 0; i < ms_catalog_count(pot) && asked < samples; i++) {
		ms_entry *t = ms_catalog_entry(pot, i);
		if (ms_catalog_find(old, t->msgctxt, t->msgid) || k++ % step)
			continue;
		asked++;
		ms_entry *m = ms_catalog_find(merged, t->msgctxt, t->msgid);
		double got = m && m->fuzzy && m->prev_msgid
		             ? ms_catalog_similarity(t->msgid, m->prev_msgid) : -1;
		double top = got, floor = got > 0 ? got : MS_MATCH_FUZZY;
		size_t lq = code_points(t->msgid);
		for (size_t j = 0; j < nc; j++) {
			size_t lo = clen[j] < lq ? clen[j] : lq;
			if (2.0 * (double)lo < floor * (double)(clen[j] + lq))
				continue;
			double sim = ms_catalog_similarity_min(t->msgid, cand[j], floor);
			if (sim > top + 1e-12) {
				top = sim;
				floor = sim;
			}
		}
		if (top <= got + 1e-12)
			best++;
		else if (got > 0)
			worse++;
		else
			missed++;
	}
	printf("brute force on %zu of %zu fuzzy queries (%.1f cpu s): %zu best, "
	       "%zu a worse candidate, %zu none where one exists\n", asked, nq,
	       cpu(RUSAGE_SELF) - c0, best, worse, missed);
	free(cand);
	free(clen);
	ms_catalog_free(old);
}

/* Write the old translation OLDP and the new template POTP. */
static int
generate(const char *oldp, const char *potp, int n, int changed_pct)
{
	static char id[4096], id2[4096], str[4096];
	make_vocabulary();
	seen_cap = 1;
	while (seen_cap < (size_t)n * 4)
		seen_cap *= 2;
	seen = calloc(seen_cap, sizeof *seen);
	FILE *fo = fopen(oldp, "w"), *fp = fopen(potp, "w");
	if (!fo || !fp) {
		perror("fopen");
		return 1;
	}
	fputs(header, fo);
	fputs(header, fp);
	int nchanged = 0, nremoved = 0, nadded = 0;
	for (int i = 0; i < n; i++) {
		sentence s, t;
		const char *ctxt = rng() % 33 == 0 ? "heading" : NULL;
		do {
			sentence_random(&s);
			sentence_text(&s, id, sizeof id, 0);
		} while (!seen_add(id));
		sentence_text(&s, str, sizeof str, 1);
		write_entry(fo, i, ctxt, id, rng() % 20 ? str : "");
		double u = rng_unit() * 100.0;
		if (u < 0.5) {
			nremoved++;
			continue;
		}
		if (u < 0.5 + changed_pct) {
			t = s;
			do {
				sentence_edit(&t);
				sentence_text(&t, id2, sizeof id2, 0);
			} while (!seen_add(id2));
			write_entry(fp, i, ctxt, id2, "");
			nchanged++;
		} else {
			write_entry(fp, i, ctxt, id, "");
		}
		if (rng_unit() * 100.0 < 0.5) {
			do {
				sentence_random(&t);
				sentence_text(&t, id2, sizeof id2, 0);
			} while (!seen_add(id2));
			write_entry(fp, i, NULL, id2, "");
			nadded++;
		}
	}
	fclose(fo);
	fclose(fp);
	printf("generated %d entries: %d changed, %d removed, %d added\n",
	       n, nchanged, nremoved, nadded);
	for (size_t i = 0; i < NWORDS; i++)
		free(words[i]);
	free(seen);
	return 0;
}

int
main(int argc, char **argv)
{
	int n = 50000, changed_pct = 5, samples = 0;
	bool run_msgmerge = true, use_files = false;
	const char *judge = NULL;
	const char *dir = "po-merge-bench.d";
	char oldp[4096], potp[4096], mmp[4096], msp[4096], cmd[16384];

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			n = atoi(argv[++i]);
		else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			changed_pct = atoi(argv[++i]);
		else if (strcmp(argv[i], "-M") == 0)
			run_msgmerge = false;
		else if (strcmp(argv[i], "-u") == 0)
			use_files = true;
		else if (strcmp(argv[i], "-j") == 0 && i + 1 < argc)
			judge = argv[++i];
		else if (strcmp(argv[i], "-q") == 0 && i + 1 < argc)
			samples = atoi(argv[++i]);
		else
			dir = argv[i];
	}
	if (n < 10) {
		fprintf(stderr, "po-merge-bench: -n must be at least 10\n");
		return 2;
	}
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		perror(dir);
		return 2;
	}
	snprintf(oldp, sizeof oldp, "%s/old.po", dir);
	snprintf(potp, sizeof potp, "%s/new.pot", dir);
	snprintf(mmp, sizeof mmp, "%s/msgmerge.po", dir);
	snprintf(msp, sizeof msp, "%s/missive.po", dir);

	if (use_files) {
		struct stat sb;
		if (stat(oldp, &sb) != 0 || stat(potp, &sb) != 0) {
			fprintf(stderr, "po-merge-bench: -u needs %s and %s\n", oldp, potp);
			return 2;
		}
	} else if (generate(oldp, potp, n, changed_pct) != 0) {
		return 2;
	}

	snprintf(cmd, sizeof cmd, "msgmerge -q --previous '%s' '%s' -o '%s'",
	         oldp, potp, mmp);
	fflush(stdout);
	double c0 = cpu(RUSAGE_CHILDREN), t0 = now();
	int rc = 0;
	if (run_msgmerge) {
		rc = system(cmd);
		if (rc != 0)
			fprintf(stderr, "msgmerge failed (%d)\n", rc);
	}
	double t_mm = now() - t0, c_mm = cpu(RUSAGE_CHILDREN) - c0;

	ms_diag_handler h = { print_diag, NULL, 0, 0 };
	ms_catalog *po = NULL, *pot = NULL;
	ms_merge_stats st;
	bool changed;
	double w[5], c[5];
	w[0] = now();
	c[0] = cpu(RUSAGE_SELF);
	if (ms_catalog_read(oldp, &po, &h) != MS_OK)
		return 1;
	w[1] = now();
	c[1] = cpu(RUSAGE_SELF);
	if (ms_catalog_read(potp, &pot, &h) != MS_OK)
		return 1;
	w[2] = now();
	c[2] = cpu(RUSAGE_SELF);
	w[2] = now();
	c[2] = cpu(RUSAGE_SELF);
	/* The matcher alone, on the same question, to see what it walks. */
	double mc0 = cpu(RUSAGE_SELF);
	ms_matcher *mt = ms_matcher_new();
	for (size_t i = 0; i < ms_catalog_count(po); i++) {
		ms_entry *e = ms_catalog_entry(po, i);
		if (e->msgstr[0])
			ms_matcher_add(mt, e->msgid, e);
	}
	size_t nq = 0, nfound = 0;
	for (size_t i = 0; i < ms_catalog_count(pot); i++) {
		ms_entry *e = ms_catalog_entry(pot, i);
		ms_match best;
		if (ms_catalog_find(po, e->msgctxt, e->msgid))
			continue;
		nq++;
		nfound += ms_matcher_query(mt, e->msgid, MS_MATCH_FUZZY, &best, 1);
	}
	ms_matcher_counts mcount;
	ms_matcher_counts_get(mt, &mcount);
	ms_matcher_free(mt);
	double mc1 = cpu(RUSAGE_SELF);

	double wm = now(), cm = cpu(RUSAGE_SELF);
	ms_catalog_merge(po, pot, "es", &st, &h);
	w[3] = now();
	c[3] = cpu(RUSAGE_SELF);
	ms_catalog_write(po, msp, &changed, &h);
	w[4] = now();
	c[4] = cpu(RUSAGE_SELF);

	printf("                                 wall s     cpu s   msgmerge/this (cpu)\n");
	printf("msgmerge --previous            %8.3f  %8.3f\n", t_mm, c_mm);
	printf("missive read old.po            %8.3f  %8.3f\n", w[1] - w[0], c[1] - c[0]);
	printf("missive read new.pot           %8.3f  %8.3f\n", w[2] - w[1], c[2] - c[1]);
	printf("missive merge (in memory)      %8.3f  %8.3f  %8.0fx\n", w[3] - wm,
	       c[3] - cm, c_mm / (c[3] - cm > 1e-6 ? c[3] - cm : 1e-6));
	printf("missive write                  %8.3f  %8.3f\n", w[4] - w[3], c[4] - c[3]);
	double wt = w[4] - w[0] - (wm - w[2]), ct = c[4] - c[0] - (cm - c[2]);
	printf("missive read+merge+write       %8.3f  %8.3f  %8.1fx\n", wt, ct,
	       c_mm / (ct > 1e-6 ? ct : 1e-6));
	printf("stats: kept %zu, fuzzy %zu, added %zu, obsoleted %zu\n",
	       st.kept, st.fuzzy, st.added, st.obsoleted);
	printf("matcher alone: %zu queries, %zu found, %.3f cpu s; per query "
	       "%.0f postings walked, %.1f scored\n", nq, nfound, mc1 - mc0,
	       nq ? (double)mcount.walked / (double)nq : 0.0,
	       nq ? (double)mcount.scored / (double)nq : 0.0);

	/* How often did both pick the same translation? */
	ms_catalog *mm = NULL;
	struct stat sb;
	if (rc == 0 && stat(mmp, &sb) == 0 && ms_catalog_read(mmp, &mm, &h) == MS_OK) {
		size_t same = 0, differ = 0, only_mm = 0, only_ms = 0, total = 0;
		for (size_t i = 0; i < ms_catalog_count(po); i++) {
			ms_entry *a = ms_catalog_entry(po, i);
			if (a->obsolete)
				continue;
			ms_entry *b = ms_catalog_find(mm, a->msgctxt, a->msgid);
			if (!b || !(a->fuzzy || b->fuzzy))
				continue;
			total++;
			bool af = a->fuzzy && a->msgstr[0], bf = b->fuzzy && b->msgstr[0];
			if (af && bf)
				strcmp(a->msgstr, b->msgstr) == 0 ? same++ : differ++;
			else if (bf)
				only_mm++;
			else if (af)
				only_ms++;
		}
		printf("fuzzy decisions: %zu compared, %zu same, %zu different "
		       "candidate, %zu only msgmerge, %zu only missive\n",
		       total, same, differ, only_mm, only_ms);
		ms_catalog_free(mm);
	}
	if (samples > 0)
		check_best(oldp, po, pot, (size_t)samples, &h);
	ms_catalog *other = NULL;
	if (samples > 0 && judge && ms_catalog_read(judge, &other, &h) == MS_OK) {
		printf("%s: ", judge);
		check_best(oldp, other, pot, (size_t)samples, &h);
	}
	ms_catalog_free(other);
	ms_catalog_free(po);
	ms_catalog_free(pot);
	return 0;
}

/* tap.h — a tiny TAP producer for missive's C tests (after cmark's
 * harness).  Each check prints "ok N - …" or "not ok N - …"; done_testing()
 * prints the plan and returns the exit status. */
#ifndef MS_TAP_H
#define MS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count_, tap_failed_;

static inline int
tap_ok_(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	tap_count_++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count_);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond) {
		tap_failed_++;
		printf("#   failed at %s:%d\n", file, line);
	}
	fflush(stdout);
	return cond;
}

#define OK(cond, ...) tap_ok_(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define INT_EQ(got, want, ...) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	if (!tap_ok_(g_ == w_, __FILE__, __LINE__, __VA_ARGS__)) \
		printf("#   got %lld, want %lld\n", g_, w_); \
	} while (0)
#define STR_EQ(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	int c_ = g_ && w_ ? strcmp(g_, w_) == 0 : g_ == w_; \
	if (!tap_ok_(c_, __FILE__, __LINE__, __VA_ARGS__)) \
		printf("#   got  \"%s\"\n#   want \"%s\"\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
	} while (0)

static inline int
done_testing(void)
{
	printf("1..%d\n", tap_count_);
	return tap_failed_ ? 1 : 0;
}

#endif

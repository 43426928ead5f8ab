/* SPDX-License-Identifier: GPL-2.0 */
/*
 * common/tap.h - TAP 13 output for the kit's C unit tests: one assertion
 * helper per type, expected value first. The plan is printed at the end.
 */
#ifndef RLK_TAP_H
#define RLK_TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

/* Print "ok N - name" or "not ok N - name"; return @pass. */
__attribute__((format(printf, 2, 3)))
static bool tap_ok(bool pass, const char *fmt, ...)
{
	va_list ap;

	if (!tap_count)
		printf("TAP version 13\n");
	printf("%sok %d - ", pass ? "" : "not ", ++tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!pass)
		tap_failed++;
	return pass;
}

/* Pass when two integers are equal, else say what came instead. */
#define tap_is_int(expected, got, ...) do {				\
	long long e_ = (expected), g_ = (got);				\
	if (!tap_ok(e_ == g_, __VA_ARGS__))				\
		printf("# expected: %lld\n#      got: %lld\n", e_, g_);	\
} while (0)

/* Pass when two numbers are within @tol of each other (NAN == NAN). */
#define tap_is_num(expected, got, tol, ...) do {			\
	double e_ = (expected), g_ = (got);				\
	bool p_ = (isnan(e_) && isnan(g_)) || fabs(e_ - g_) <= (tol);	\
	if (!tap_ok(p_, __VA_ARGS__))					\
		printf("# expected: %g\n#      got: %g\n", e_, g_);	\
} while (0)

/* Pass when two strings are equal. */
#define tap_is_str(expected, got, ...) do {				\
	const char *e_ = (expected), *g_ = (got);			\
	if (!tap_ok(g_ && !strcmp(e_, g_), __VA_ARGS__))		\
		printf("# expected: '%s'\n#      got: '%s'\n", e_,	\
		       g_ ? g_ : "(null)");				\
} while (0)

/* Pass when @haystack contains @needle. */
#define tap_like(needle, haystack, ...) do {				\
	const char *n_ = (needle), *h_ = (haystack);			\
	if (!tap_ok(h_ && strstr(h_, n_) != NULL, __VA_ARGS__))	\
		printf("# expected to contain: %s\n#      got: %s\n",	\
		       n_, h_ ? h_ : "(null)");				\
} while (0)

/* Print the plan and return the exit status for main(). */
static int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed > 254 ? 254 : tap_failed;
}

/* A check that cannot run here: "ok N - name # SKIP reason". */
static inline void tap_skip(const char *reason, const char *name)
{
	if (!tap_count)
		printf("TAP version 13\n");
	printf("ok %d - %s # SKIP %s\n", ++tap_count, name, reason);
}

#endif /* RLK_TAP_H */

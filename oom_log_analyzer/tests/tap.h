/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tap.h - TAP 13 output for the C unit tests: one assertion helper per
 * type, expected value first, and a plan printed at the end.
 */
#ifndef OOM_TAP_H
#define OOM_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

/* tap_result: print one result line. */
static __attribute__((format(printf, 2, 0)))
void tap_result(int pass, const char *fmt, va_list ap)
{
	if (tap_n == 0)
		printf("TAP version 13\n");
	tap_n++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_n);
	vprintf(fmt, ap);
	putchar('\n');
}

/* ok: pass when cond is true. */
static __attribute__((format(printf, 2, 3), unused))
void ok(int cond, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_result(cond, fmt, ap);
	va_end(ap);
}

/* is_str: pass when got equals want (NULL equals NULL only). */
static __attribute__((format(printf, 3, 4), unused))
void is_str(const char *want, const char *got, const char *fmt, ...)
{
	int pass = (!want && !got) || (want && got && !strcmp(want, got));
	va_list ap;

	va_start(ap, fmt);
	tap_result(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#   expected: '%s'\n#        got: '%s'\n",
		       want ? want : "(null)", got ? got : "(null)");
}

/* is_num: pass when got equals want. */
static __attribute__((format(printf, 3, 4), unused))
void is_num(long long want, long long got, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_result(want == got, fmt, ap);
	va_end(ap);
	if (want != got)
		printf("#   expected: %lld\n#        got: %lld\n", want, got);
}

/* done_testing: print the plan; the exit status is the failure count. */
static __attribute__((unused)) int done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed > 254 ? 254 : tap_failed;
}

#endif /* OOM_TAP_H */

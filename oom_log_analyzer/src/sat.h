/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sat.h - saturating arithmetic for numbers read from a log: a damaged
 * or hostile log may hold any value, and sums or products of them must
 * never overflow (undefined behaviour in C).
 */
#ifndef OOM_SAT_H
#define OOM_SAT_H

#include <limits.h>

/* sat_add: a + b, clamped to the range of long long. */
static inline long long sat_add(long long a, long long b)
{
	long long r;

	if (__builtin_add_overflow(a, b, &r))
		return b > 0 ? LLONG_MAX : LLONG_MIN;
	return r;
}

/* sat_mul: a * b, clamped to the range of long long. */
static inline long long sat_mul(long long a, long long b)
{
	long long r;

	if (__builtin_mul_overflow(a, b, &r))
		return (a < 0) != (b < 0) ? LLONG_MIN : LLONG_MAX;
	return r;
}

#endif /* OOM_SAT_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * common/parse.c - the bounded value parsers of the kit's C tools: sizes
 * with K, M, G suffixes, plain integers, NUMA node lists like "0,2-3",
 * and the shortest exact way to print a size.
 */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "parse.h"

/*
 * What each parse_err means, for a one-line usage error. Marked for
 * translation: a program that translates its messages passes the result
 * through _(); the others print it in English.
 */
const char *parse_err_str(enum parse_err err)
{
	switch (err) {
	case PARSE_OK:
		return "ok";
	case PARSE_EMPTY:
		/* TRANSLATORS: these say why "--option 'value'" was refused */
		return N_("empty value");
	case PARSE_NEGATIVE:
		return N_("must not be negative");
	case PARSE_NOT_NUMBER:
		return N_("not a number");
	case PARSE_ZERO:
		return N_("must not be zero");
	case PARSE_TOO_SMALL:
		return N_("too small");
	case PARSE_TOO_LARGE:
		return N_("too large");
	case PARSE_JUNK:
		return N_("junk after the number");
	case PARSE_BACKWARDS:
		return N_("range runs backwards");
	}
	return "?";
}

/*
 * Check that @s starts like a decimal number: a digit, or a '-' followed
 * by a digit when @allow_minus. strtoull() alone would accept " 5", "+5"
 * and even "-5" (as a huge value).
 */
static enum parse_err check_start(const char *s, bool allow_minus)
{
	if (*s == '\0')
		return PARSE_EMPTY;
	if (*s == '-' && !allow_minus)
		return PARSE_NEGATIVE;
	if (*s == '-')
		s++;
	if (*s < '0' || *s > '9')
		return PARSE_NOT_NUMBER;
	return PARSE_OK;
}

/*
 * Parse a size in bytes with an optional K, M or G suffix (powers of
 * 1024) into @out. Zero, negative, overflowing, out of [@min, @max] or
 * trailing junk are errors.
 */
enum parse_err parse_size(const char *s, unsigned long long min,
			  unsigned long long max, unsigned long long *out)
{
	enum parse_err err = check_start(s, false);
	unsigned long long v;
	unsigned int shift = 0;
	char *end;

	if (err)
		return err;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno == ERANGE)
		return PARSE_TOO_LARGE;
	switch (*end) {
	case 'k': case 'K':
		shift = 10;
		end++;
		break;
	case 'm': case 'M':
		shift = 20;
		end++;
		break;
	case 'g': case 'G':
		shift = 30;
		end++;
		break;
	}
	if (*end != '\0')
		return PARSE_JUNK;
	if (v > ULLONG_MAX >> shift)
		return PARSE_TOO_LARGE;
	v <<= shift;
	if (v == 0)
		return PARSE_ZERO;
	if (v < min)
		return PARSE_TOO_SMALL;
	if (v > max)
		return PARSE_TOO_LARGE;
	*out = v;
	return PARSE_OK;
}

/*
 * Parse a plain decimal integer in [@min, @max] into @out. A minus sign
 * is only accepted when @min is negative, and zero only when @min <= 0.
 */
enum parse_err parse_long(const char *s, long min, long max, long *out)
{
	enum parse_err err = check_start(s, min < 0);
	long v;
	char *end;

	if (err)
		return err;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end != '\0')
		return PARSE_JUNK;
	if (errno == ERANGE)
		return v < 0 ? PARSE_TOO_SMALL : PARSE_TOO_LARGE;
	if (v == 0 && min > 0)
		return PARSE_ZERO;
	if (v < min)
		return PARSE_TOO_SMALL;
	if (v > max)
		return PARSE_TOO_LARGE;
	*out = v;
	return PARSE_OK;
}

/*
 * Parse one node number at *@s, below NODE_LIMIT, and move *@s past it.
 * Only the digits are consumed: the caller judges what follows.
 */
static enum parse_err parse_node(const char **s, unsigned int *out)
{
	unsigned long v = 0;
	const char *p = *s;

	if (*p == '\0' || *p == ',')
		return PARSE_EMPTY;
	if (*p == '-')
		return PARSE_NEGATIVE;
	if (*p < '0' || *p > '9')
		return PARSE_NOT_NUMBER;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (*p - '0');
		if (v >= NODE_LIMIT)
			return PARSE_TOO_LARGE;
	}
	*s = p;
	*out = v;
	return PARSE_OK;
}

/*
 * Parse a node list as the kernel prints one ("1", "0,1", "0-3,6")
 * into @out. Empty items, backward ranges, nodes from NODE_LIMIT on and
 * anything after a number but ',' or '-' are errors; @out is only
 * written on success.
 */
enum parse_err parse_nodes(const char *s, struct nodemask *out)
{
	struct nodemask m = { { 0 } };
	unsigned int lo, hi, n;

	if (*s == '\0')
		return PARSE_EMPTY;
	for (;;) {
		enum parse_err err = parse_node(&s, &lo);

		if (err)
			return err;
		hi = lo;
		if (*s == '-') {
			s++;
			if (*s < '0' || *s > '9')
				return PARSE_JUNK;
			err = parse_node(&s, &hi);
			if (err)
				return err;
			if (hi < lo)
				return PARSE_BACKWARDS;
		}
		for (n = lo; n <= hi; n++)
			m.bits[n / LONG_BITS] |= 1UL << (n % LONG_BITS);
		if (*s == '\0')
			break;
		if (*s != ',' || s[1] == '\0')
			return PARSE_JUNK;
		s++;
	}
	*out = m;
	return PARSE_OK;
}

/* Is @node in @m? */
bool node_isset(const struct nodemask *m, unsigned int node)
{
	return node < NODE_LIMIT &&
	       (m->bits[node / LONG_BITS] >> (node % LONG_BITS)) & 1;
}

/* How many nodes @m holds. */
unsigned int node_count(const struct nodemask *m)
{
	unsigned int node, n = 0;

	for (node = 0; node < NODE_LIMIT; node++)
		n += node_isset(m, node);
	return n;
}

/* Write @v as the shortest exact "123", "4K", "10M" or "1G" form. */
const char *fmt_size(char *buf, size_t len, unsigned long long v)
{
	static const char suffix[] = "GMK";
	unsigned int i;

	for (i = 0; i < 3; i++) {
		unsigned int shift = 30 - 10 * i;

		if (v && v % (1ULL << shift) == 0) {
			snprintf(buf, len, "%llu%c", v >> shift, suffix[i]);
			return buf;
		}
	}
	snprintf(buf, len, "%llu", v);
	return buf;
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * common/parse.h - bounded parsers for sizes, integers and NUMA node
 * lists, shared by oom and the scenarios' helpers.
 *
 * They never print and never exit: what went wrong comes back as data,
 * so the unit test can feed them a table of bad inputs.
 */
#ifndef RLK_PARSE_H
#define RLK_PARSE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#define KiB (1ULL << 10)
#define MiB (1ULL << 20)
#define GiB (1ULL << 30)
#define TiB (1ULL << 40)

/* Why a value was rejected. */
enum parse_err {
	PARSE_OK,
	PARSE_EMPTY,		/* "" */
	PARSE_NEGATIVE,		/* "-5" where only positive values make sense */
	PARSE_NOT_NUMBER,	/* "abc", " 5", "+5" */
	PARSE_ZERO,		/* "0" where zero makes no sense */
	PARSE_TOO_SMALL,	/* below the minimum */
	PARSE_TOO_LARGE,	/* above the maximum, or overflows */
	PARSE_JUNK,		/* "10X", "10MB", "5.5", "1,", "1-" */
	PARSE_BACKWARDS,	/* a range "3-1" */
};

/* Node numbers a node list may name: 0 .. NODE_LIMIT - 1. */
#define NODE_LIMIT 1024
#define LONG_BITS (sizeof(unsigned long) * CHAR_BIT)

/* A set of NUMA nodes, laid out as set_mempolicy(2) wants it. */
struct nodemask {
	unsigned long bits[NODE_LIMIT / (sizeof(unsigned long) * CHAR_BIT)];
};

enum parse_err parse_size(const char *s, unsigned long long min,
			  unsigned long long max, unsigned long long *out);
enum parse_err parse_long(const char *s, long min, long max, long *out);
enum parse_err parse_nodes(const char *s, struct nodemask *out);
const char *parse_err_str(enum parse_err err);

bool node_isset(const struct nodemask *m, unsigned int node);
unsigned int node_count(const struct nodemask *m);
const char *fmt_size(char *buf, size_t len, unsigned long long v);

#endif /* RLK_PARSE_H */

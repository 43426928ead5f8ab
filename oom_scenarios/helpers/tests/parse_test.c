// SPDX-License-Identifier: GPL-2.0
/*
 * tests/parse_test.c - table-driven test of the value parsers: sizes,
 * integers and NUMA node lists, every class of bad input and the good.
 */
#include "parse.h"
#include "tap.h"

#define M (1ULL << 20)

#define BAD_SIZE(s, e)		{ .in = (s), .err = (e) }
#define GOOD_SIZE(s, v)		{ .in = (s), .err = PARSE_OK, .want = (v) }

/* Sizes, parsed with the bounds of rlk-hog's SIZE: 4K .. 1024G. */
static const struct {
	const char *in;
	enum parse_err err;
	unsigned long long want;
} sizes[] = {
	BAD_SIZE("", PARSE_EMPTY),
	BAD_SIZE("-1", PARSE_NEGATIVE),
	BAD_SIZE("-8M", PARSE_NEGATIVE),
	BAD_SIZE("0", PARSE_ZERO),
	BAD_SIZE("0M", PARSE_ZERO),
	BAD_SIZE("abc", PARSE_NOT_NUMBER),
	BAD_SIZE("M", PARSE_NOT_NUMBER),
	BAD_SIZE(" 5", PARSE_NOT_NUMBER),
	BAD_SIZE("+5", PARSE_NOT_NUMBER),
	BAD_SIZE("4095", PARSE_TOO_SMALL),
	BAD_SIZE("3K", PARSE_TOO_SMALL),
	BAD_SIZE("1025G", PARSE_TOO_LARGE),
	BAD_SIZE("18446744073709551616", PARSE_TOO_LARGE),	/* 2^64 */
	BAD_SIZE("17179869184G", PARSE_TOO_LARGE),	/* 2^64 after G */
	BAD_SIZE("8Q", PARSE_JUNK),
	BAD_SIZE("8MB", PARSE_JUNK),
	BAD_SIZE("8MiB", PARSE_JUNK),
	BAD_SIZE("8M ", PARSE_JUNK),
	BAD_SIZE("1.5G", PARSE_JUNK),
	BAD_SIZE("0x10", PARSE_JUNK),
	BAD_SIZE("8T", PARSE_JUNK),
	GOOD_SIZE("4096", 4096),
	GOOD_SIZE("4k", 4096),
	GOOD_SIZE("4K", 4096),
	GOOD_SIZE("8M", 8 * M),
	GOOD_SIZE("008m", 8 * M),
	GOOD_SIZE("96M", 96 * M),
	GOOD_SIZE("3G", 3072 * M),
	GOOD_SIZE("1024G", 1ULL << 40),	/* the max itself */
};

#define BAD_LONG(s, lo, hi, e)	\
	{ .in = (s), .min = (lo), .max = (hi), .err = (e) }
#define GOOD_LONG(s, lo, hi, v)	\
	{ .in = (s), .min = (lo), .max = (hi), .want = (v) }

/* Integers, with the bounds rlk-hog and rlk-psi use. */
static const struct {
	const char *in;
	long min, max;
	enum parse_err err;
	long want;
} longs[] = {
	BAD_LONG("", 500, 10000, PARSE_EMPTY),
	BAD_LONG("-1", 1, 10000, PARSE_NEGATIVE),
	BAD_LONG("0", 1, 10000, PARSE_ZERO),
	BAD_LONG("x", 1, 10000, PARSE_NOT_NUMBER),
	BAD_LONG("1s", 0, 86400, PARSE_JUNK),
	BAD_LONG("499", 500, 10000, PARSE_TOO_SMALL),
	BAD_LONG("10001", 500, 10000, PARSE_TOO_LARGE),
	BAD_LONG("99999999999999999999", 1, 10000, PARSE_TOO_LARGE),
	BAD_LONG("-1001", -1000, 1000, PARSE_TOO_SMALL),
	BAD_LONG("-99999999999999999999", -1000, 1000, PARSE_TOO_SMALL),
	BAD_LONG("-", -1000, 1000, PARSE_NOT_NUMBER),
	GOOD_LONG("-1000", -1000, 1000, -1000),
	GOOD_LONG("1000", -1000, 1000, 1000),
	GOOD_LONG("0", 0, 86400, 0),
	GOOD_LONG("500", 500, 10000, 500),
	GOOD_LONG("10000", 500, 10000, 10000),
};

#define BAD_NODES(s, e)		{ .in = (s), .err = (e) }
#define GOOD_NODES(s, a, b, n)	\
	{ .in = (s), .err = PARSE_OK, .first = (a), .last = (b), .count = (n) }

/* Node lists: first and last node set, and how many. */
static const struct {
	const char *in;
	enum parse_err err;
	unsigned int first, last, count;
} nodes[] = {
	BAD_NODES("", PARSE_EMPTY),
	BAD_NODES(",1", PARSE_EMPTY),
	BAD_NODES("0,,1", PARSE_EMPTY),
	BAD_NODES("-1", PARSE_NEGATIVE),
	BAD_NODES("a", PARSE_NOT_NUMBER),
	BAD_NODES(" 1", PARSE_NOT_NUMBER),
	BAD_NODES("1,x", PARSE_NOT_NUMBER),
	BAD_NODES("1024", PARSE_TOO_LARGE),
	BAD_NODES("0-1024", PARSE_TOO_LARGE),
	BAD_NODES("99999999999999999999", PARSE_TOO_LARGE),
	BAD_NODES("1,", PARSE_JUNK),
	BAD_NODES("1-", PARSE_JUNK),
	BAD_NODES("1--2", PARSE_JUNK),
	BAD_NODES("1-2-3", PARSE_JUNK),
	BAD_NODES("1 ", PARSE_JUNK),
	BAD_NODES("1;2", PARSE_JUNK),
	BAD_NODES("3-1", PARSE_BACKWARDS),
	GOOD_NODES("0", 0, 0, 1),
	GOOD_NODES("1", 1, 1, 1),
	GOOD_NODES("0,1", 0, 1, 2),
	GOOD_NODES("0-1", 0, 1, 2),
	GOOD_NODES("1,0,1", 0, 1, 2),
	GOOD_NODES("0-2,5", 0, 5, 4),
	GOOD_NODES("7-7", 7, 7, 1),
	GOOD_NODES("63,64", 63, 64, 2),	/* across a word */
	GOOD_NODES("1023", 1023, 1023, 1),	/* the last node */
	GOOD_NODES("0-1023", 0, 1023, 1024),
};

/* Every size in the table gives its error class or its value. */
static void test_sizes(void)
{
	unsigned long long v;
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		v = 0;
		tap_is_int(sizes[i].err,
			   parse_size(sizes[i].in, 4096, 1ULL << 40, &v),
			   "size '%s' -> %s", sizes[i].in,
			   parse_err_str(sizes[i].err));
		if (sizes[i].err == PARSE_OK)
			tap_is_int(sizes[i].want, v, "size '%s' value",
				   sizes[i].in);
	}
}

/* Every integer in the table gives its error class or its value. */
static void test_longs(void)
{
	size_t i;
	long v;

	for (i = 0; i < sizeof(longs) / sizeof(longs[0]); i++) {
		v = 12345;
		tap_is_int(longs[i].err,
			   parse_long(longs[i].in, longs[i].min, longs[i].max,
				      &v),
			   "integer '%s' in [%ld, %ld] -> %s", longs[i].in,
			   longs[i].min, longs[i].max,
			   parse_err_str(longs[i].err));
		if (longs[i].err == PARSE_OK)
			tap_is_int(longs[i].want, v, "integer '%s' value",
				   longs[i].in);
	}
}

/* The lowest and highest node of @m, or -1 when empty. */
static void bounds(const struct nodemask *m, long *first, long *last)
{
	unsigned int n;

	*first = *last = -1;
	for (n = 0; n < NODE_LIMIT; n++) {
		if (!node_isset(m, n))
			continue;
		if (*first < 0)
			*first = n;
		*last = n;
	}
}

/* Every node list gives its error class, or exactly the nodes named. */
static void test_nodes(void)
{
	struct nodemask m;
	long first, last;
	size_t i;

	for (i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
		m = (struct nodemask) { { 0 } };
		tap_is_int(nodes[i].err, parse_nodes(nodes[i].in, &m),
			   "nodes '%s' -> %s", nodes[i].in,
			   parse_err_str(nodes[i].err));
		if (nodes[i].err != PARSE_OK) {
			tap_is_int(0, node_count(&m),
				   "nodes '%s': the mask is left alone",
				   nodes[i].in);
			continue;
		}
		bounds(&m, &first, &last);
		tap_is_int(nodes[i].count, node_count(&m),
			   "nodes '%s': %u nodes", nodes[i].in,
			   nodes[i].count);
		tap_is_int(nodes[i].first, first, "nodes '%s': first %u",
			   nodes[i].in, nodes[i].first);
		tap_is_int(nodes[i].last, last, "nodes '%s': last %u",
			   nodes[i].in, nodes[i].last);
	}
}

/* "0-2,5" sets exactly 0, 1, 2 and 5, and node_isset() says so. */
static void test_node_bits(void)
{
	struct nodemask m;

	parse_nodes("0-2,5", &m);
	tap_is_int(1, node_isset(&m, 2), "'0-2,5' holds node 2");
	tap_is_int(0, node_isset(&m, 3), "'0-2,5' lacks node 3");
	tap_is_int(1, node_isset(&m, 5), "'0-2,5' holds node 5");
	tap_is_int(0x27, m.bits[0], "'0-2,5' is the word 0x27");
	tap_is_int(0, node_isset(&m, NODE_LIMIT), "no node at NODE_LIMIT");
}

/* fmt_size() writes the shortest exact form. */
static void test_fmt_size(void)
{
	static const struct {
		unsigned long long v;
		const char *want;
	} cases[] = {
		{ 4096, "4K" }, { 64 * M, "64M" }, { 1ULL << 30, "1G" },
		{ 1536 * M, "1536M" }, { 100, "100" }, { 4097, "4097" },
	};
	char buf[32];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fmt_size(buf, sizeof(buf), cases[i].v);
		if (!tap_ok(strcmp(cases[i].want, buf) == 0,
			    "fmt_size(%llu) = %s", cases[i].v, cases[i].want))
			printf("#      got: %s\n", buf);
	}
}

/* Run every parser table; the exit status counts the failures. */
int main(void)
{
	test_sizes();
	test_longs();
	test_nodes();
	test_node_bits();
	test_fmt_size();
	return tap_done();
}

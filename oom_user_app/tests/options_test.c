// SPDX-License-Identifier: GPL-2.0
/*
 * tests/options_test.c - table-driven test of the size, number and
 * option parsers: every class of bad input, and the good ones.
 */
#include "../options.h"
#include "parse.h"
#include "tap.h"

#define M (1ULL << 20)

#define BAD_SIZE(s, e)		{ .in = (s), .err = (e) }
#define GOOD_SIZE(s, v)		{ .in = (s), .err = PARSE_OK, .want = (v) }

static const struct {
	const char *in;
	enum parse_err err;
	unsigned long long want;
} sizes[] = {
	BAD_SIZE("", PARSE_EMPTY),
	BAD_SIZE("-1", PARSE_NEGATIVE),
	BAD_SIZE("-10M", PARSE_NEGATIVE),
	BAD_SIZE("0", PARSE_ZERO),
	BAD_SIZE("0K", PARSE_ZERO),
	BAD_SIZE("000", PARSE_ZERO),
	BAD_SIZE("abc", PARSE_NOT_NUMBER),
	BAD_SIZE("M", PARSE_NOT_NUMBER),
	BAD_SIZE(" 5", PARSE_NOT_NUMBER),
	BAD_SIZE("+5", PARSE_NOT_NUMBER),
	BAD_SIZE("18446744073709551616", PARSE_TOO_LARGE),	/* 2^64 */
	BAD_SIZE("17179869184G", PARSE_TOO_LARGE),	/* 2^64 after G */
	BAD_SIZE("1025G", PARSE_TOO_LARGE),	/* above max */
	BAD_SIZE("10X", PARSE_JUNK),
	BAD_SIZE("10MB", PARSE_JUNK),
	BAD_SIZE("10M ", PARSE_JUNK),
	BAD_SIZE("1.5M", PARSE_JUNK),
	BAD_SIZE("0x10", PARSE_JUNK),
	GOOD_SIZE("1", 1),
	GOOD_SIZE("4096", 4096),
	GOOD_SIZE("4k", 4096),
	GOOD_SIZE("10M", 10 * M),
	GOOD_SIZE("010m", 10 * M),
	GOOD_SIZE("3G", 3072 * M),
	GOOD_SIZE("1024G", 1ULL << 40),	/* the max itself */
};

#define BAD_LONG(s, lo, hi, e)	\
	{ .in = (s), .min = (lo), .max = (hi), .err = (e) }
#define GOOD_LONG(s, lo, hi, v)	\
	{ .in = (s), .min = (lo), .max = (hi), .want = (v) }

static const struct {
	const char *in;
	long min, max;
	enum parse_err err;
	long want;
} longs[] = {
	BAD_LONG("", 1, 1024, PARSE_EMPTY),
	BAD_LONG("-1", 1, 1024, PARSE_NEGATIVE),
	BAD_LONG("0", 1, 1024, PARSE_ZERO),
	BAD_LONG("x", 1, 1024, PARSE_NOT_NUMBER),
	BAD_LONG("3x", 1, 1024, PARSE_JUNK),
	BAD_LONG("1025", 1, 1024, PARSE_TOO_LARGE),
	BAD_LONG("99999999999999999999", 1, 1024, PARSE_TOO_LARGE),
	BAD_LONG("-1001", -1000, 1000, PARSE_TOO_SMALL),
	BAD_LONG("-99999999999999999999", -1000, 1000, PARSE_TOO_SMALL),
	BAD_LONG("-", -1000, 1000, PARSE_NOT_NUMBER),
	GOOD_LONG("-1000", -1000, 1000, -1000),
	GOOD_LONG("0", -1000, 1000, 0),
	GOOD_LONG("7", 1, 1024, 7),
};

#define MAX_ARGS 8

/* Command lines; @err_has is what the one-line error must mention. */
static const struct {
	const char *argv[MAX_ARGS];
	enum opt_result res;
	const char *err_has;
	const char *err_has2;
} cmdlines[] = {
	{ { "oom", "--bogus" },			OPT_ERROR, "'--bogus'", NULL },
	{ { "oom", "-x" },			OPT_ERROR, "'-x'", NULL },
	{ { "oom", "--chunk" },			OPT_ERROR, "--chunk", NULL },
	{ { "oom", "stray" },			OPT_ERROR, "'stray'", NULL },
	{ { "oom", "--chunk", "" },		OPT_ERROR, "--chunk", "''" },
	{ { "oom", "--chunk", "-4K" },		OPT_ERROR, "--chunk", "'-4K'" },
	{ { "oom", "--chunk", "0" },		OPT_ERROR, "--chunk", "'0'" },
	{ { "oom", "--chunk", "1K" },		OPT_ERROR, "--chunk", "too small" },
	{ { "oom", "--chunk", "2G" },		OPT_ERROR, "--chunk", "too large" },
	{ { "oom", "--chunk", "10Q" },		OPT_ERROR, "--chunk", "'10Q'" },
	{ { "oom", "--limit", "99999999999999999999" }, OPT_ERROR, "--limit",
	  "'99999999999999999999'" },
	{ { "oom", "--memcg", "1M" },		OPT_ERROR, "--memcg", "'1M'" },
	{ { "oom", "--memcg=64MiB" },		OPT_ERROR, "--memcg", "'64MiB'" },
	{ { "oom", "--threads", "0" },		OPT_ERROR, "--threads", "'0'" },
	{ { "oom", "--threads", "-2" },		OPT_ERROR, "--threads", "'-2'" },
	{ { "oom", "--method", "sbrk" },	OPT_ERROR, "--method", "'sbrk'" },
	{ { "oom", "--oom-score-adj", "1001" },	OPT_ERROR, "--oom-score-adj",
	  "'1001'" },
	{ { "oom", "--oom-score-adj", "-1000" }, OPT_ERROR, "--oom-score-adj",
	  "never picks" },
	{ { "oom", "--memcg", "64M", "--oom-score-adj=-1000" }, OPT_ERROR,
	  "'-1000'", "-999 to 1000" },
	{ { "oom", "--oom-score-adj", "-999" },	OPT_RUN, NULL, NULL },
	{ { "oom", "--oom-score-adj", "1000" },	OPT_RUN, NULL, NULL },
	{ { "oom", "--help", "--bogus" },	OPT_HELP, NULL, NULL },
	{ { "oom", "-V" },			OPT_VERSION, NULL, NULL },
	{ { "oom" },				OPT_RUN, NULL, NULL },
};

/* Count the arguments of a NULL-terminated table row. */
static int count_args(const char *const *argv)
{
	int n = 0;

	while (n < MAX_ARGS && argv[n])
		n++;
	return n;
}

/* Parse @argv (a table row) into @o, the error into @err. */
static enum opt_result parse(const char *const *argv, struct options *o,
			     char *err, size_t len)
{
	char *copy[MAX_ARGS + 1] = { NULL };
	int i, n = count_args(argv);

	for (i = 0; i < n; i++)
		copy[i] = (char *)argv[i];
	return options_parse(o, n, copy, err, len);
}

/* Every size in the table gives its error class or its value. */
static void test_sizes(void)
{
	unsigned long long v;
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		v = 0;
		tap_is_int(sizes[i].err,
			   parse_size(sizes[i].in, 1, 1ULL << 40, &v),
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

/* Bad command lines are rejected with one line naming option and value. */
static void test_cmdlines(void)
{
	struct options o;
	char err[512];
	size_t i;

	for (i = 0; i < sizeof(cmdlines) / sizeof(cmdlines[0]); i++) {
		const char *const *argv = cmdlines[i].argv;
		const char *what = argv[1] ? argv[1] : "(none)";

		tap_is_int(cmdlines[i].res, parse(argv, &o, err, sizeof(err)),
			   "command line %zu (%s ...) -> result %d", i, what,
			   cmdlines[i].res);
		if (cmdlines[i].res != OPT_ERROR)
			continue;
		tap_ok(err[0] && !strchr(err, '\n'),
		       "command line %zu: a one-line error: %s", i, err);
		tap_like(cmdlines[i].err_has, err,
			 "command line %zu: error names '%s'", i,
			 cmdlines[i].err_has);
		if (cmdlines[i].err_has2)
			tap_like(cmdlines[i].err_has2, err,
				 "command line %zu: error names '%s'", i,
				 cmdlines[i].err_has2);
	}
}

/* Defaults, and every option landing in its field. */
static void test_values(void)
{
	const char *const defaults[] = { "oom", NULL };
	const char *const all[] = {
		"oom", "--chunk=4K", "--threads", "3", "--method", "thp",
		"--limit", "32M", NULL,
	};
	const char *const more[] = {
		"oom", "--memcg", "64M", "--oom-score-adj", "-5", "-q",
		"--json", "--force", NULL,
	};
	struct options o;
	char err[512];

	parse(defaults, &o, err, sizeof(err));
	tap_is_int(10 * M, o.chunk, "default chunk is 10M");
	tap_is_int(0, o.threads, "default threads: one per online CPU (0)");
	tap_is_int(METHOD_MMAP, o.method, "default method is mmap");
	tap_ok(!o.limit && !o.memcg && !o.score_adj_set && !o.quiet &&
	       !o.json && !o.force, "no limit, cgroup or flag by default");

	tap_is_int(OPT_RUN, parse(all, &o, err, sizeof(err)),
		   "chunk, threads, method, limit parse");
	tap_ok(o.chunk == 4096 && o.threads == 3 && o.method == METHOD_THP &&
	       o.limit == 32 * M, "chunk, threads, method, limit values");

	tap_is_int(OPT_RUN, parse(more, &o, err, sizeof(err)),
		   "memcg, score, flags parse");
	tap_ok(o.memcg == 64 * M && o.score_adj_set &&
	       o.oom_score_adj == -5 && o.quiet && o.json && o.force,
	       "memcg, score, flags values");
	tap_ok(strcmp(method_name(METHOD_POPULATE), "populate") == 0,
	       "method names");
}

int main(void)
{
	test_sizes();
	test_longs();
	test_cmdlines();
	test_values();
	return tap_done();
}

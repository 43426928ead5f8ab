// SPDX-License-Identifier: GPL-2.0
/*
 * tests/options_test.c - table-driven test of the three command lines:
 * bad ones give one line naming the option and the value, good ones
 * land in their fields, and the defaults are those --help promises.
 */
#include "../hog_options.h"
#include "../mbind_options.h"
#include "../psi_options.h"
#include "tap.h"

#define MAX_ARGS 8

/* One command line, its result, and what an error must mention. */
struct cmdline {
	const char *argv[MAX_ARGS];
	enum opt_result res;
	const char *err_has;
	const char *err_has2;
};

static const struct cmdline hog_lines[] = {
	{ { "rlk-hog" },			OPT_ERROR, "missing SIZE", NULL },
	{ { "rlk-hog", "" },			OPT_ERROR, "SIZE ''", "empty" },
	{ { "rlk-hog", "0" },			OPT_ERROR, "SIZE '0'", "zero" },
	{ { "rlk-hog", "1K" },			OPT_ERROR, "SIZE '1K'",
	  "from 4K to 1024G" },
	{ { "rlk-hog", "2048G" },		OPT_ERROR, "SIZE '2048G'",
	  "too large" },
	{ { "rlk-hog", "8MB" },			OPT_ERROR, "SIZE '8MB'", "junk" },
	{ { "rlk-hog", "-8M" },			OPT_ERROR, "'-8'", NULL },
	{ { "rlk-hog", "8M", "9M" },		OPT_ERROR, "'9M'", NULL },
	{ { "rlk-hog", "8M", "--fill" },	OPT_ERROR, "'--fill'",
	  "missing value" },
	{ { "rlk-hog", "8M", "--fill", "ones" }, OPT_ERROR, "--fill 'ones'",
	  "zero, text or random" },
	{ { "rlk-hog", "8M", "--oom-score-adj", "1001" }, OPT_ERROR,
	  "--oom-score-adj '1001'", "-1000 to 1000" },
	{ { "rlk-hog", "8M", "--oom-score-adj=x" }, OPT_ERROR,
	  "--oom-score-adj 'x'", NULL },
	{ { "rlk-hog", "8M", "--frobnicate" },	OPT_ERROR, "'--frobnicate'",
	  NULL },
	{ { "rlk-hog", "8M", "-x" },		OPT_ERROR, "'-x'", NULL },
	{ { "rlk-hog", "--help", "bad" },	OPT_HELP, NULL, NULL },
	{ { "rlk-hog", "8M", "-h" },		OPT_HELP, NULL, NULL },
	{ { "rlk-hog", "8M" },			OPT_RUN, NULL, NULL },
	{ { "rlk-hog", "--exit", "8M" },	OPT_RUN, NULL, NULL },
};

static const struct cmdline mbind_lines[] = {
	{ { "rlk-mbind" },			OPT_ERROR, "missing NODES", NULL },
	{ { "rlk-mbind", "1" },			OPT_ERROR, "missing CMD",
	  "'1'" },
	{ { "rlk-mbind", "", "true" },		OPT_ERROR, "NODES ''", NULL },
	{ { "rlk-mbind", "1-0", "true" },	OPT_ERROR, "NODES '1-0'",
	  "backwards" },
	{ { "rlk-mbind", "x", "true" },		OPT_ERROR, "NODES 'x'",
	  "like 1, 0,1 or 0-1" },
	{ { "rlk-mbind", "1024", "true" },	OPT_ERROR, "NODES '1024'",
	  "too large" },
	{ { "rlk-mbind", "--preferred", "0,1", "true" }, OPT_ERROR,
	  "NODES '0,1'", "one node" },
	{ { "rlk-mbind", "--bind", "--interleave", "0", "true" }, OPT_ERROR,
	  "--bind and --interleave", NULL },
	{ { "rlk-mbind", "--membind", "0", "true" }, OPT_ERROR,
	  "'--membind'", NULL },
	{ { "rlk-mbind", "-x", "0", "true" },	OPT_ERROR, "'-x'", NULL },
	{ { "rlk-mbind", "--help" },		OPT_HELP, NULL, NULL },
	{ { "rlk-mbind", "0", "ls", "--bogus" }, OPT_RUN, NULL, NULL },
	{ { "rlk-mbind", "--bind", "--bind", "0", "true" }, OPT_RUN, NULL,
	  NULL },
	{ { "rlk-mbind", "--", "0", "true" },	OPT_RUN, NULL, NULL },
};

static const struct cmdline psi_lines[] = {
	{ { "rlk-psi", "stray" },		OPT_ERROR, "'stray'", NULL },
	{ { "rlk-psi", "--cgroup", "" },	OPT_ERROR, "--cgroup ''", NULL },
	{ { "rlk-psi", "--cgroup" },		OPT_ERROR, "'--cgroup'",
	  "missing value" },
	{ { "rlk-psi", "--stall", "0" },	OPT_ERROR, "--stall '0'", NULL },
	{ { "rlk-psi", "--stall", "100ms" },	OPT_ERROR, "--stall '100ms'",
	  "junk" },
	{ { "rlk-psi", "--window", "499" },	OPT_ERROR, "--window '499'",
	  "from 500 to 10000" },
	{ { "rlk-psi", "--window", "10001" },	OPT_ERROR, "--window '10001'",
	  "too large" },
	{ { "rlk-psi", "--stall", "1500" },	OPT_ERROR, "--stall 1500",
	  "window (1000 ms)" },
	{ { "rlk-psi", "--window", "500", "--stall", "501" }, OPT_ERROR,
	  "--stall 501", "(500 ms)" },
	{ { "rlk-psi", "--count", "0" },	OPT_ERROR, "--count '0'", NULL },
	{ { "rlk-psi", "--timeout", "-1" },	OPT_ERROR, "--timeout '-1'",
	  NULL },
	{ { "rlk-psi", "--timeout", "86401" },	OPT_ERROR, "--timeout '86401'",
	  NULL },
	{ { "rlk-psi", "--some" },		OPT_ERROR, "'--some'", NULL },
	{ { "rlk-psi", "-h" },			OPT_HELP, NULL, NULL },
	{ { "rlk-psi", "--stall", "1000" },	OPT_RUN, NULL, NULL },
	{ { "rlk-psi", "--timeout", "0" },	OPT_RUN, NULL, NULL },
};

/* Count the arguments of a NULL-terminated table row. */
static int count_args(const char *const *argv)
{
	int n = 0;

	while (n < MAX_ARGS && argv[n])
		n++;
	return n;
}

/* Copy a table row into a writable argv (getopt may permute it). */
static int copy_args(const char *const *argv, char **copy)
{
	int i, n = count_args(argv);

	for (i = 0; i < n; i++)
		copy[i] = (char *)argv[i];
	copy[n] = NULL;
	return n;
}

/* Parse one row with the parser of its program. */
static enum opt_result parse_row(const char *const *argv, char *err,
				 size_t len)
{
	char *copy[MAX_ARGS + 1];
	int n = copy_args(argv, copy);
	struct mbind_options mo;
	struct hog_options ho;
	struct psi_options po;

	if (strcmp(argv[0], "rlk-hog") == 0)
		return hog_parse(&ho, n, copy, err, len);
	if (strcmp(argv[0], "rlk-mbind") == 0)
		return mbind_parse(&mo, n, copy, err, len);
	return psi_parse(&po, n, copy, err, len);
}

/* Every row gives its result; errors are one line naming the culprit. */
static void test_lines(const struct cmdline *rows, size_t count)
{
	char err[512];
	size_t i;

	for (i = 0; i < count; i++) {
		const char *const *argv = rows[i].argv;
		const char *what = argv[1] ? argv[1] : "(none)";

		tap_is_int(rows[i].res, parse_row(argv, err, sizeof(err)),
			   "%s line %zu (%s ...) -> result %d", argv[0], i,
			   what, rows[i].res);
		if (rows[i].res != OPT_ERROR)
			continue;
		tap_ok(err[0] && !strchr(err, '\n'),
		       "%s line %zu: a one-line error: %s", argv[0], i, err);
		tap_like(rows[i].err_has, err, "%s line %zu: error names '%s'",
			 argv[0], i, rows[i].err_has);
		if (rows[i].err_has2)
			tap_like(rows[i].err_has2, err,
				 "%s line %zu: error names '%s'", argv[0], i,
				 rows[i].err_has2);
	}
}

/* rlk-hog: the defaults, then every option in its field. */
static void test_hog_values(void)
{
	char *defaults[] = { "rlk-hog", "8M", NULL };
	char *all[] = {
		"rlk-hog", "--fill=random", "--exit", "--oom-score-adj",
		"-1000", "12K", "-q", NULL,
	};
	struct hog_options o;
	char err[256];

	hog_parse(&o, 2, defaults, err, sizeof(err));
	tap_is_int(8ULL << 20, o.size, "rlk-hog 8M: size");
	tap_is_int(FILL_ZERO, o.fill, "rlk-hog: --fill zero by default");
	tap_is_int(1, o.hold, "rlk-hog: --hold by default");
	tap_is_int(0, o.score_adj_set, "rlk-hog: oom_score_adj inherited");
	tap_is_int(0, o.quiet, "rlk-hog: progress by default");
	tap_is_int(OPT_RUN, hog_parse(&o, 7, all, err, sizeof(err)),
		   "rlk-hog: every option at once");
	tap_is_int(12 * 1024, o.size, "rlk-hog: SIZE after the options");
	tap_is_int(FILL_RANDOM, o.fill, "rlk-hog: --fill=random");
	tap_is_int(0, o.hold, "rlk-hog: --exit");
	tap_is_int(-1000, o.oom_score_adj, "rlk-hog: --oom-score-adj -1000");
	tap_is_int(1, o.score_adj_set, "rlk-hog: --oom-score-adj is set");
	tap_is_int(1, o.quiet, "rlk-hog: -q");
}

/* rlk-mbind: the policy, the nodes and where CMD starts. */
static void test_mbind_values(void)
{
	char *bind[] = { "rlk-mbind", "1", "cat", "-v", NULL };
	char *inter[] = { "rlk-mbind", "--interleave", "0-1", "ls", NULL };
	char *pref[] = { "rlk-mbind", "--preferred", "1", "ls", NULL };
	struct mbind_options o;
	char err[256];

	mbind_parse(&o, 4, bind, err, sizeof(err));
	tap_is_int(POLICY_BIND, o.mode, "rlk-mbind: --bind by default");
	tap_is_int(2, o.nodes.bits[0], "rlk-mbind 1: the mask is node 1");
	tap_is_int(2, o.cmd, "rlk-mbind 1 cat -v: CMD is argv[2]");
	tap_is_int(OPT_RUN, mbind_parse(&o, 4, inter, err, sizeof(err)),
		   "rlk-mbind --interleave 0-1 ls");
	tap_is_int(POLICY_INTERLEAVE, o.mode, "rlk-mbind: --interleave");
	tap_is_int(3, o.nodes.bits[0], "rlk-mbind 0-1: nodes 0 and 1");
	tap_is_int(3, o.cmd, "rlk-mbind --interleave 0-1 ls: CMD is argv[3]");
	mbind_parse(&o, 4, pref, err, sizeof(err));
	tap_is_int(POLICY_PREFERRED, o.mode, "rlk-mbind: --preferred");
}

/* rlk-psi: the defaults --help promises, then every option. */
static void test_psi_values(void)
{
	char *defaults[] = { "rlk-psi", NULL };
	char *all[] = {
		"rlk-psi", "--cgroup=/sys/fs/cgroup/t", "--full",
		"--stall=200", "--window", "2000", "--count=3", NULL,
	};
	char *forever[] = { "rlk-psi", "--timeout", "0", NULL };
	struct psi_options o;
	char err[256];

	psi_parse(&o, 1, defaults, err, sizeof(err));
	tap_ok(o.cgroup == NULL, "rlk-psi: the system file by default");
	tap_is_int(0, o.full, "rlk-psi: 'some' by default");
	tap_is_int(100, o.stall_ms, "rlk-psi: --stall 100 by default");
	tap_is_int(1000, o.window_ms, "rlk-psi: --window 1000 by default");
	tap_is_int(1, o.count, "rlk-psi: --count 1 by default");
	tap_is_int(30, o.timeout_s, "rlk-psi: --timeout 30 by default");
	tap_is_int(OPT_RUN, psi_parse(&o, 7, all, err, sizeof(err)),
		   "rlk-psi: every option at once");
	tap_like("/sys/fs/cgroup/t", o.cgroup ? o.cgroup : "(null)",
		 "rlk-psi: --cgroup");
	tap_is_int(1, o.full, "rlk-psi: --full");
	tap_is_int(200, o.stall_ms, "rlk-psi: --stall 200");
	tap_is_int(2000, o.window_ms, "rlk-psi: --window 2000");
	tap_is_int(3, o.count, "rlk-psi: --count 3");
	psi_parse(&o, 3, forever, err, sizeof(err));
	tap_is_int(0, o.timeout_s, "rlk-psi: --timeout 0 waits forever");
}

/* Run every command-line table; the exit status counts the failures. */
int main(void)
{
	test_lines(hog_lines, sizeof(hog_lines) / sizeof(hog_lines[0]));
	test_lines(mbind_lines, sizeof(mbind_lines) / sizeof(mbind_lines[0]));
	test_lines(psi_lines, sizeof(psi_lines) / sizeof(psi_lines[0]));
	test_hog_values();
	test_mbind_values();
	test_psi_values();
	return tap_done();
}

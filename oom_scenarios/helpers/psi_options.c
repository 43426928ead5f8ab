// SPDX-License-Identifier: GPL-2.0
/*
 * psi_options.c - rlk-psi's command line: the trigger's stall and window
 * within the kernel's limits, the event count and the timeout, and the
 * --help text with the exit status table.
 */
#include <getopt.h>

#include "psi_options.h"

/* Option ids for getopt_long. */
enum {
	OPT_CGROUP = 256,
	OPT_FULL,
	OPT_STALL,
	OPT_WINDOW,
	OPT_COUNT,
	OPT_TIMEOUT,
};

static const struct option long_options[] = {
	{ "cgroup",	required_argument,	NULL, OPT_CGROUP },
	{ "full",	no_argument,		NULL, OPT_FULL },
	{ "stall",	required_argument,	NULL, OPT_STALL },
	{ "window",	required_argument,	NULL, OPT_WINDOW },
	{ "count",	required_argument,	NULL, OPT_COUNT },
	{ "timeout",	required_argument,	NULL, OPT_TIMEOUT },
	{ "help",	no_argument,		NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* The stall must fit in the window: the kernel refuses it otherwise. */
static enum opt_result check_stall(const struct psi_options *o,
				   struct cli_err *e)
{
	if (o->stall_ms <= o->window_ms)
		return OPT_RUN;
	return cli_error(e, "--stall %ld: longer than the window (%ld ms)",
			 o->stall_ms, o->window_ms);
}

/*
 * Parse the command line into @o. On OPT_ERROR, @err holds one line
 * naming the option and the bad value. Nothing is printed or opened.
 */
enum opt_result psi_parse(struct psi_options *o, int argc, char **argv,
			  char *err, size_t errlen)
{
	struct cli_err e = { err, errlen };
	enum opt_result r = OPT_RUN;
	int c;

	*o = (struct psi_options) {
		.stall_ms = 100, .window_ms = 1000, .count = 1,
		.timeout_s = 30,
	};
	cli_reset(&e);
	while (r == OPT_RUN &&
	       (c = getopt_long(argc, argv, ":h", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_CGROUP:
			if (!optarg[0])
				return cli_error(&e, "--cgroup '': empty value");
			o->cgroup = optarg;
			break;
		case OPT_FULL:
			o->full = true;
			break;
		case OPT_STALL:
			r = cli_long(&e, "--stall", optarg, 1,
				     PSI_WINDOW_MAX_MS, &o->stall_ms);
			break;
		case OPT_WINDOW:
			r = cli_long(&e, "--window", optarg, PSI_WINDOW_MIN_MS,
				     PSI_WINDOW_MAX_MS, &o->window_ms);
			break;
		case OPT_COUNT:
			r = cli_long(&e, "--count", optarg, 1, PSI_COUNT_MAX,
				     &o->count);
			break;
		case OPT_TIMEOUT:
			r = cli_long(&e, "--timeout", optarg, 0,
				     PSI_TIMEOUT_MAX, &o->timeout_s);
			break;
		case 'h':
			return OPT_HELP;
		default:
			return cli_getopt_error(&e, c, argv);
		}
	}
	if (r == OPT_RUN && optind < argc)
		r = cli_error(&e, "unexpected argument '%s'", argv[optind]);
	if (r == OPT_RUN)
		r = check_stall(o, &e);
	return r;
}

/* Print the --help text, with defaults and the exit status table. */
void psi_usage(FILE *f)
{
	fprintf(f,
		"Usage: rlk-psi [OPTION]...\n"
		"Register a PSI trigger on memory pressure and wait for it to fire:\n"
		"one line per event on stdout, with the time since start and the\n"
		"current avg10 of some and full.\n"
		"\n"
		"  --cgroup DIR          watch DIR/memory.pressure, a cgroup v2 group\n"
		"                        (default: /proc/pressure/memory, the system)\n"
		"  --full                fire on 'full' stall (every task stalled)\n"
		"                        instead of 'some' (at least one task)\n"
		"  --stall MS            stall time that fires the trigger, 1..window\n"
		"                        (default 100)\n"
		"  --window MS           ... within this window, %d..%d (default 1000)\n"
		"  --count N             exit 0 after N events, 1..%d (default 1)\n"
		"  --timeout S           give up after S seconds, 0..%d; 0: never\n"
		"                        (default 30)\n"
		"  -h, --help            this help\n"
		"\n"
		"The trigger written is 'some STALL_US WINDOW_US' (or 'full ...'); the\n"
		"kernel signals it with POLLPRI at most once per window. The line\n"
		"'rlk-psi: trigger ... on FILE' on stderr says it is armed. avg10 is\n"
		"updated every 2 s: the first event may still show 0.00.\n"
		"\n"
		"Exit status:\n"
		"  0  N events seen\n"
		"  1  timeout: fewer than N events in S seconds\n"
		"  2  usage error, or --cgroup DIR is not a directory\n"
		"  3  no PSI here: a kernel without CONFIG_PSI, booted with psi=0, a\n"
		"     cgroup without memory.pressure, or trigger not allowed\n"
		"  4  any other failure (the trigger went away: cgroup removed)\n",
		PSI_WINDOW_MIN_MS, PSI_WINDOW_MAX_MS, PSI_COUNT_MAX,
		PSI_TIMEOUT_MAX);
}

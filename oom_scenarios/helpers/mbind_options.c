// SPDX-License-Identifier: GPL-2.0
/*
 * mbind_options.c - rlk-mbind's command line: one policy option, NODES,
 * then CMD and its arguments untouched (option parsing stops at NODES),
 * and the --help text with the exit status table.
 */
#include <getopt.h>

#include "mbind_options.h"

/* Option ids for getopt_long, beyond the short letters. */
enum {
	OPT_BIND = 256,
	OPT_PREFERRED,
	OPT_INTERLEAVE,
};

static const struct option long_options[] = {
	{ "bind",		no_argument,	NULL, OPT_BIND },
	{ "preferred",		no_argument,	NULL, OPT_PREFERRED },
	{ "interleave",		no_argument,	NULL, OPT_INTERLEAVE },
	{ "help",		no_argument,	NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Take the policy of option @name; a second, different one is an error. */
static enum opt_result set_mode(struct mbind_options *o, enum policy mode,
				const char *name, const char **seen,
				struct cli_err *e)
{
	if (*seen && o->mode != mode)
		return cli_error(e, "%s and %s: give one policy", *seen, name);
	*seen = name;
	o->mode = mode;
	return OPT_RUN;
}

/* NODES, checked for the policy, then at least a CMD after it. */
static enum opt_result operands(struct mbind_options *o, int argc,
				char **argv, struct cli_err *e)
{
	enum parse_err err;

	if (optind >= argc)
		return cli_error(e, "missing NODES and CMD (try --help)");
	o->nodes_arg = argv[optind];
	err = parse_nodes(o->nodes_arg, &o->nodes);
	if (err)
		return cli_error(e, "NODES '%s': %s (a node list like 1, 0,1 or 0-1; nodes 0 to %d)",
				 o->nodes_arg, parse_err_str(err),
				 NODE_LIMIT - 1);
	if (o->mode == POLICY_PREFERRED && node_count(&o->nodes) != 1)
		return cli_error(e, "NODES '%s': --preferred takes one node",
				 o->nodes_arg);
	if (optind + 1 >= argc)
		return cli_error(e, "missing CMD after NODES '%s'",
				 o->nodes_arg);
	o->cmd = optind + 1;
	return OPT_RUN;
}

/*
 * Parse the command line into @o. On OPT_ERROR, @err holds one line
 * naming what is wrong. Nothing is printed or run here.
 */
enum opt_result mbind_parse(struct mbind_options *o, int argc, char **argv,
			    char *err, size_t errlen)
{
	struct cli_err e = { err, errlen };
	enum opt_result r = OPT_RUN;
	const char *seen = NULL;
	int c;

	*o = (struct mbind_options) { .mode = POLICY_BIND };
	cli_reset(&e);
	/* '+': stop at the first operand, CMD's options are CMD's */
	while (r == OPT_RUN &&
	       (c = getopt_long(argc, argv, "+:h", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_BIND:
			r = set_mode(o, POLICY_BIND, "--bind", &seen, &e);
			break;
		case OPT_PREFERRED:
			r = set_mode(o, POLICY_PREFERRED, "--preferred", &seen,
				     &e);
			break;
		case OPT_INTERLEAVE:
			r = set_mode(o, POLICY_INTERLEAVE, "--interleave",
				     &seen, &e);
			break;
		case 'h':
			return OPT_HELP;
		default:
			return cli_getopt_error(&e, c, argv);
		}
	}
	if (r == OPT_RUN)
		r = operands(o, argc, argv, &e);
	return r;
}

/* Print the --help text and the exit status table. */
void mbind_usage(FILE *f)
{
	fprintf(f,
		"Usage: rlk-mbind [--bind|--preferred|--interleave] NODES CMD [ARG]...\n"
		"Set the NUMA memory policy (set_mempolicy(2)) to NODES, then run CMD\n"
		"with it; CMD's children inherit it. A small numactl --membind.\n"
		"\n"
		"  --bind                allocate from NODES only: when they are full,\n"
		"                        the OOM killer runs with CONSTRAINT_MEMORY_POLICY\n"
		"                        (default)\n"
		"  --preferred           allocate from the one node in NODES first, then\n"
		"                        from any other\n"
		"  --interleave          allocate page by page from each node in turn\n"
		"  -h, --help            this help\n"
		"\n"
		"NODES is a node list as the kernel prints one: 1, 0,1, 0-1, 0-2,5.\n"
		"Each node must exist (/sys/devices/system/node/nodeN). Options after\n"
		"NODES belong to CMD. /proc/PID/numa_maps shows the policy: bind:1.\n"
		"\n"
		"Exit status:\n"
		"  CMD's own exit status, or\n"
		"  125  rlk-mbind failed: usage error, no such node, policy refused\n"
		"  126  CMD was found but could not be run\n"
		"  127  CMD was not found\n");
}

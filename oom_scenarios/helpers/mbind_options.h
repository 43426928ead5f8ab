/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mbind_options.h - the command line of rlk-mbind, parsed into a struct.
 */
#ifndef RLK_MBIND_OPTIONS_H
#define RLK_MBIND_OPTIONS_H

#include <stdio.h>

#include "cli.h"
#include "mempolicy.h"
#include "parse.h"

/*
 * Exit status of rlk-mbind, documented in --help: CMD's own status, or
 * what env(1), nice(1) and timeout(1) use for their own failures.
 */
enum {
	MBIND_EXIT_FAIL = 125,		/* usage, no such node, refused */
	MBIND_EXIT_CANNOT_RUN = 126,	/* CMD found but not runnable */
	MBIND_EXIT_NOT_FOUND = 127,	/* CMD not found */
};

struct mbind_options {
	enum policy mode;
	struct nodemask nodes;
	const char *nodes_arg;	/* as given, for messages */
	int cmd;		/* argv index of CMD */
};

enum opt_result mbind_parse(struct mbind_options *o, int argc, char **argv,
			    char *err, size_t errlen);
void mbind_usage(FILE *f);

#endif /* RLK_MBIND_OPTIONS_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * psi_options.h - the command line of rlk-psi, parsed into a struct.
 */
#ifndef RLK_PSI_OPTIONS_H
#define RLK_PSI_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "cli.h"

/* Exit status of rlk-psi, documented in --help. */
enum {
	PSI_EXIT_OK = 0,	/* COUNT events seen */
	PSI_EXIT_TIMEOUT = 1,	/* fewer in the time allowed */
	PSI_EXIT_USAGE = 2,	/* bad command line, no such --cgroup */
	PSI_EXIT_NO_PSI = 3,	/* no PSI here */
	PSI_EXIT_FAIL = 4,	/* any other failure */
};

/* The kernel's limits on a trigger's window (kernel/sched/psi.c). */
#define PSI_WINDOW_MIN_MS	500
#define PSI_WINDOW_MAX_MS	10000
#define PSI_COUNT_MAX		1000000
#define PSI_TIMEOUT_MAX		86400

struct psi_options {
	const char *cgroup;	/* NULL: the whole system */
	bool full;		/* "full" instead of "some" */
	long stall_ms;		/* stall that fires the trigger ... */
	long window_ms;		/* ... within this window */
	long count;		/* events before exiting 0 */
	long timeout_s;		/* 0: wait forever */
};

enum opt_result psi_parse(struct psi_options *o, int argc, char **argv,
			  char *err, size_t errlen);
void psi_usage(FILE *f);

#endif /* RLK_PSI_OPTIONS_H */

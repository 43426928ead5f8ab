/* SPDX-License-Identifier: GPL-2.0 */
/*
 * report.h - what oom says once the victim has ended: the lab's lines,
 * the extra figures, or one JSON object.
 */
#ifndef OOM_REPORT_H
#define OOM_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "options.h"

struct outcome {
	const struct options *opt;
	unsigned int threads;
	pid_t pid;
	int status;			/* from waitpid() */
	bool expected;			/* ended as the lab expects */
	bool interrupted;		/* SIGINT/SIGTERM to the parent */
	unsigned long long touched;	/* bytes, from the progress page */
	double seconds;			/* from start signal to reaping */
	const char *memcg_dir;		/* NULL without --memcg */
	int kmsg_err;			/* 0 found, 1 not found, or errno */
	char kernel_line[1024];
};

void report_text(FILE *f, const struct outcome *o);
void report_json(FILE *f, const struct outcome *o);

#endif /* OOM_REPORT_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * options.h - the command line of oom, parsed into a struct.
 *
 * Parsers never print and never exit: they return what went wrong as
 * data, so the unit test can feed them a table of bad inputs.
 */
#ifndef OOM_OPTIONS_H
#define OOM_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define OOM_VERSION "1.0.0"

/* Exit status of oom, documented in --help and README.md. */
enum {
	EXIT_EXPECTED = 0,	/* victim ended as the lab expects */
	EXIT_OTHER = 1,		/* victim ended in any other way */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_ENV = 3,		/* no memory cgroup controller, not root */
	EXIT_REFUSED = 4,	/* unconfined outside the lab's guest, or -1000 */
};

/* How the victim takes memory. */
enum method {
	METHOD_MMAP,		/* mmap, then write one byte per page */
	METHOD_POPULATE,	/* mmap with MAP_POPULATE */
	METHOD_MLOCK,		/* mmap, then mlock */
	METHOD_THP,		/* 2 MiB aligned mmap with MADV_HUGEPAGE */
	METHOD_MALLOC,		/* malloc, then write one byte per page */
};

struct options {
	unsigned long long chunk;	/* bytes per mapping */
	unsigned int threads;		/* 0: one per online CPU */
	enum method method;
	unsigned long long limit;	/* stop after this many bytes; 0: never */
	unsigned long long memcg;	/* memory cgroup limit; 0: no cgroup */
	int oom_score_adj;		/* the victim's, if score_adj_set */
	bool score_adj_set;
	bool quiet;
	bool json;
	bool force;
};

/* What options_parse() found. */
enum opt_result {
	OPT_RUN,	/* go ahead */
	OPT_HELP,	/* --help was given */
	OPT_VERSION,	/* --version was given */
	OPT_ERROR,	/* usage error, explained in the err buffer */
};

enum opt_result options_parse(struct options *o, int argc, char **argv,
			      char *err, size_t errlen);
void options_usage(FILE *f, unsigned int online_cpus);
const char *method_name(enum method m);

#endif /* OOM_OPTIONS_H */

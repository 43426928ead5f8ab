/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hog_options.h - the command line of rlk-hog, parsed into a struct.
 */
#ifndef RLK_HOG_OPTIONS_H
#define RLK_HOG_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "cli.h"
#include "fill.h"

/* Exit status of rlk-hog, documented in --help. */
enum {
	HOG_EXIT_OK = 0,	/* --exit: SIZE touched */
	HOG_EXIT_FAIL = 1,	/* oom_score_adj could not be set */
	HOG_EXIT_USAGE = 2,	/* bad command line */
	HOG_EXIT_MMAP = 3,	/* mmap failed (ENOMEM: overcommit refused) */
};

#define HOG_SIZE_MIN	4096ULL
#define HOG_SIZE_MAX	(1ULL << 40)
#define HOG_PROGRESS	(64ULL << 20)	/* a progress line each 64 MiB */

struct hog_options {
	unsigned long long size;	/* bytes to map and touch */
	enum fill_kind fill;
	bool hold;			/* pause() after touching */
	int oom_score_adj;		/* if score_adj_set */
	bool score_adj_set;
	bool quiet;
};

enum opt_result hog_parse(struct hog_options *o, int argc, char **argv,
			  char *err, size_t errlen);
void hog_usage(FILE *f);

#endif /* RLK_HOG_OPTIONS_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sample.h - one sample of memory state from /proc: meminfo, zoneinfo,
 * pressure/memory and vmstat, into a row of the timeline.
 */
#ifndef OOM_TIMELINE_SAMPLE_H
#define OOM_TIMELINE_SAMPLE_H

#include <stdbool.h>
#include <stddef.h>

#include "timeline.h"

#define SAMPLE_MAX_ZONES	32
#define SAMPLE_MAX_LINES	512
#define ZONEINFO_EVERY		10	/* samples between watermark reads */

#define SAMPLE_MAX_KEPT	64

/* A line kept from a "name value" file: its name and its column. */
struct kept {
	char name[TL_COL_LEN];
	int col;
	bool add;		/* summed into the column (allocstall_*) */
};

/* Where each line of a "name value" file goes: a column or nowhere. */
struct keyed_file {
	const struct key *keys;
	int nkeys;
	struct kept kept[SAMPLE_MAX_KEPT];
	int line_kept[SAMPLE_MAX_LINES];	/* index into kept, or -1 */
	int nlines;
};

/* A populated zone: where its columns are, its last watermarks. */
struct sample_zone {
	int node;
	char name[16];
	int col;			/* its .free column; min, low, high follow */
	double wmark[3];		/* min, low, high, pages */
};

struct sampler {
	const char *proc;		/* "/proc", or a test's copy */
	const struct timeline *tl;	/* whose columns the rows have */
	int fd_meminfo, fd_buddyinfo, fd_zoneinfo, fd_vmstat, fd_psi;
	char *buf;
	size_t size;
	struct keyed_file meminfo, vmstat;
	struct sample_zone zones[SAMPLE_MAX_ZONES];
	int nzones;
	int buddy_zone[SAMPLE_MAX_ZONES];	/* buddyinfo line -> zone */
	int col_psi[4];			/* some avg10, total, full avg10, total */
	unsigned long taken;
};

int sampler_open(struct sampler *s, const char *proc, struct timeline *tl,
		 char *err, size_t errlen);
void sampler_take(struct sampler *s, double *row, bool last);
void sampler_close(struct sampler *s);

#endif /* OOM_TIMELINE_SAMPLE_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * summary.h - the kernel's events told in a few lines: floods (direct
 * reclaim, kswapd, retries) collapsed into one line per run.
 */
#ifndef OOM_TIMELINE_SUMMARY_H
#define OOM_TIMELINE_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

#include "timeline.h"

/* One line of the summary. */
struct summary_line {
	double t0, t1;		/* first and last event it stands for */
	size_t count;
	bool kill;		/* oom:mark_victim */
	char text[512];
};

size_t summarize_events(const struct timeline *tl, struct summary_line *out,
			size_t max);
bool event_field(const char *detail, const char *key, char *out,
		 size_t size);
double event_number(const char *detail, const char *key);
size_t retry_zones(const struct timeline *tl, double t, char (*zones)[16],
		   size_t max);

#endif /* OOM_TIMELINE_SUMMARY_H */

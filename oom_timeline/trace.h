/* SPDX-License-Identifier: GPL-2.0 */
/*
 * trace.h - the kernel's events through a private tracefs instance.
 */
#ifndef OOM_TIMELINE_TRACE_H
#define OOM_TIMELINE_TRACE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "timeline.h"

#define TRACE_INSTANCE_PREFIX "oom-timeline."
#define TRACE_PATH_LEN (PATH_MAX + 512)	/* any path under an instance */

struct tracer {
	char root[PATH_MAX];	/* where tracefs is mounted */
	char dir[PATH_MAX + 64];	/* our instance under root/instances */
	bool mounted;		/* we mounted tracefs: unmount at the end */
	bool made;		/* the instance exists */
	bool stopped;
	bool *enabled;		/* per event_kinds[] entry */
	char clock[16];		/* the trace clock in use */
	double offset;		/* trace clock - CLOCK_MONOTONIC, seconds */
	bool aligned;		/* offset measured (or the clock is mono) */
};

int trace_start(struct tracer *tr, const char *root, unsigned int buffer_kb,
		char *err, size_t errlen);
void trace_stop(struct tracer *tr);
int trace_collect(struct tracer *tr, struct timeline *tl, char *err,
		  size_t errlen);
int trace_cleanup(struct tracer *tr, char *err, size_t errlen);

#endif /* OOM_TIMELINE_TRACE_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * event.h - the kernel events oom-timeline traces, and the parser of
 * the lines tracefs prints for them.
 */
#ifndef OOM_TIMELINE_EVENT_H
#define OOM_TIMELINE_EVENT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * One traced event. Runs of events of the same @group collapse into
 * one line of the summary; a NULL group is a key event, shown alone.
 */
struct event_kind {
	const char *system;	/* folder under events/ */
	const char *name;
	const char *group;
};

extern const struct event_kind event_kinds[];
extern const size_t n_event_kinds;

const struct event_kind *event_kind_find(const char *name);

/* One line of tracefs's "trace" file, parsed. */
struct trace_line {
	double ts;		/* on the trace clock, seconds */
	int pid;
	char comm[32];
	char name[64];		/* the event, without its system */
	const char *fields;	/* the rest of the line */
};

int trace_parse_line(const char *line, struct trace_line *out);

#endif /* OOM_TIMELINE_EVENT_H */

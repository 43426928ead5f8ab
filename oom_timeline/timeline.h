/* SPDX-License-Identifier: GPL-2.0 */
/*
 * timeline.h - a recording in memory: the header facts, a table of
 * samples (named columns of numbers) and the kernel's events. record
 * fills one, format.c writes and reads it, chart.c draws it.
 */
#ifndef OOM_TIMELINE_TIMELINE_H
#define OOM_TIMELINE_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>

#define TL_VERSION	1	/* of the file format, see format.c */
#define TL_MAX_COLS	128
#define TL_COL_LEN	32

/* One kernel event from tracefs. */
struct event {
	double t;		/* seconds since the start of the recording */
	char name[64];		/* "system:event", e.g. "oom:mark_victim" */
	int pid;		/* the task it happened in */
	char comm[32];
	char *detail;		/* its fields as the kernel prints them */
};

struct timeline {
	/* What was run, where and how: the file's header. */
	char command[1024];
	char kernel[128];	/* uname -r */
	char machine[32];	/* uname -m */
	char hostname[64];
	char started[32];	/* wall clock at t = 0, UTC, ISO 8601 */
	double start_mono;	/* CLOCK_MONOTONIC at t = 0, seconds */
	unsigned int interval_ms;
	unsigned int page_kb;
	long long memtotal_kb;
	char cma_zones[64];	/* zones holding CMA pages, e.g. "DMA" */
	char trace[256];	/* trace clock ("mono"), or "none: why" */
	long long trace_lost;	/* events the ring buffer overwrote */
	char psi[256];		/* "yes", or "none: why" */
	char ended[64];		/* "exit 0", "signal 9", "pid gone" */
	char interrupted[16];	/* "SIGINT" if the recording was cut short */
	double cost_us;		/* median time to take one sample */
	double cost_max_us;	/* the longest */
	double cpu_s;		/* the recorder's CPU time while CMD ran */
	double run_s;		/* how long CMD ran (or PID was watched), s */

	/* Samples: nsamples rows of ncols numbers; NAN is "not known". */
	int ncols;
	char cols[TL_MAX_COLS][TL_COL_LEN];
	size_t nsamples, cap;
	double *v;

	/* Events, in time order. */
	size_t nevents, ev_cap;
	struct event *ev;
};

void tl_init(struct timeline *tl);
void tl_free(struct timeline *tl);
int tl_add_col(struct timeline *tl, const char *name);
int tl_col(const struct timeline *tl, const char *name);
int tl_reserve(struct timeline *tl, size_t rows);
double *tl_new_row(struct timeline *tl);
int tl_add_event(struct timeline *tl, double t, const char *name, int pid,
		 const char *comm, const char *detail);
void tl_sort_events(struct timeline *tl);

void tl_strcpy(char *dst, size_t size, const char *src);
void tl_strcat(char *dst, size_t size, const char *src);

/* The value of column @col in row @row (NAN when @col < 0). */
double tl_get(const struct timeline *tl, size_t row, int col);

#endif /* OOM_TIMELINE_TIMELINE_H */

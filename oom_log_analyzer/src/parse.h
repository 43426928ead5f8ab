/* SPDX-License-Identifier: GPL-2.0 */
/*
 * parse.h - parsers for the single records of an OOM report, across the
 * kernel's format generations. Each takes one message (prefix already
 * stripped, leading spaces skipped), fills a struct and returns 0, or
 * returns -1 when the record is not of that kind. They never exit and
 * never allocate.
 */
#ifndef OOM_PARSE_H
#define OOM_PARSE_H

#include "event.h"

/* "X invoked oom-killer: gfp_mask=..." and "X: page allocation failure" */
struct p_header {
	char comm[COMM_MAX];
	int has_gfp;
	unsigned long long gfp;
	char gfp_hex[24];
	char names[160];
	int has_order;
	int order;
	int adj;
};

/* "CPU: 0 PID: 1 Comm: x Not tainted 5.10.0 #1" or "Pid: 1, comm: x" */
struct p_cpu {
	long long pid;
	char comm[COMM_MAX];
	char kernel[48];
};

/* "Out of memory: Kill process N (x) score S or sacrifice child" */
struct p_kill {
	long long pid;
	char comm[COMM_MAX];
	long long score;
	int memcg;
};

/* "oom-kill:constraint=...,task_memcg=...,task=x,pid=N,uid=U" */
struct p_oomkill {
	char constraint[32];
	char cpuset[PATH_MAX_OOM];
	char oom_memcg[PATH_MAX_OOM];
	char task_memcg[PATH_MAX_OOM];
	char task[COMM_MAX];
	long long pid;
};

int parse_invoked(const char *s, struct p_header *o);
int parse_alloc_fail(const char *s, struct p_header *o);
int parse_cpu(const char *s, struct p_cpu *o);
int parse_zone(const char *s, struct zone *z);
int parse_buddy(const char *s, int *node, char *name, size_t cap,
		struct zone *z);
int parse_reserve(const char *s, long long *r, int cap);
int parse_hugepages(const char *s, long long *total, long long *size_kb);
int parse_task_header(const char *s, struct task_header *h);
int guess_task_header(const char *s, struct task_header *h);
int parse_task_row(const char *s, const struct task_header *h,
		   struct task *t);
int parse_kill(const char *s, struct p_kill *o);
int parse_killed(const char *s, struct victim *v, int *memcg);
int parse_reaper(const char *s, struct reaper *r);
int parse_oomkill(const char *s, struct p_oomkill *o);
int parse_memcg_usage(const char *s, long long *usage, long long *limit,
		      long long *failcnt);
int parse_frame(const char *s, char *name, size_t cap, char *module,
		size_t mcap);

#endif /* OOM_PARSE_H */

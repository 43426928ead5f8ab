/* SPDX-License-Identifier: GPL-2.0 */
/*
 * badness.h - rank the task table the way the OOM killer does:
 * points = rss + swap entries + page-table pages, then
 * points += oom_score_adj * (totalpages / 1000); oom_score_adj -1000
 * is never chosen; ties go to the task scanned last. The root bonus and
 * the floor of 1 depend on the era (enum badness_rule). totalpages is RAM (+ swap) for a global OOM and the
 * limit for a memory cgroup, as far as the report tells.
 */
#ifndef OOM_BADNESS_H
#define OOM_BADNESS_H

#include "event.h"

#define TOP_N 5

struct ranked {
	int task;		/* index into ev->tasks */
	long long points;	/* badness in pages */
};

/* The badness formula of each era of mm/oom_kill.c. */
enum badness_rule {
	BR_HEURISTIC,	/* vanilla 2.6.32-2.6.35: total_vm, CPU, nice... */
	BR_ROOT30,	/* 2.6.36-3.13: root bonus 3% of totalpages, floor 1 */
	BR_ROOT3,	/* 3.14-4.16: root bonus 3% of its own points, floor 1 */
	BR_FLOOR1,	/* 4.17-5.8: no root bonus, floor 1 */
	BR_SIGNED	/* 5.9+: signed, no floor */
};

struct badness {
	enum badness_rule rule;
	int rule_assumed;	/* no kernel version: the newest rule */
	long long page_kb;	/* page size used, kB */
	const char *page_src;	/* where it came from */
	long long totalpages;	/* NONE when the report lacks it */
	const char *total_src;	/* how it was counted (msgid) */
	int have_swap_col;	/* the table printed swapents */
	int have_pgt_col;	/* ... nr_ptes or pgtables_bytes */
	int root_bonus;		/* root bonus applied (< 4.17) */
	int nkillable;
	int nunkillable;	/* oom_score_adj -1000 */
	int ntop;
	struct ranked top[TOP_N];
	int ntop_rss;
	struct ranked top_rss[TOP_N];	/* points field holds rss */
	int chosen;		/* task index of the chosen pid, or -1 */
	long long chosen_points;
	int chosen_rank;	/* 1 = highest badness, 0 = not ranked */
	int next;		/* top[] index of the best other task, or -1 */
	long long chosen_score;	/* our points * 1000 / totalpages */
};

const char *badness_rule_text(enum badness_rule r);
int kernel_version3(const char *k, int *major, int *minor, int *patch);
long long page_size_kb(const struct oom_event *ev, const char **src);
long long task_points(const struct oom_event *ev, const struct task *t,
		      const struct badness *b, int *unkillable);
void badness_analyze(const struct oom_event *ev, struct badness *b);

#endif /* OOM_BADNESS_H */

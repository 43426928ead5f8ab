/* SPDX-License-Identifier: GPL-2.0 */
/*
 * badness.h - rank the task table the way the OOM killer does:
 * points = rss + swap entries + page-table pages, then
 * points += oom_score_adj * (totalpages / 1000); oom_score_adj -1000
 * is never chosen. totalpages is RAM (+ swap) for a global OOM and the
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

struct badness {
	long long page_kb;	/* page size used, kB */
	const char *page_src;	/* where it came from */
	long long totalpages;	/* NONE when the report lacks it */
	const char *total_src;
	int have_swap_col;	/* the table printed swapents */
	int have_pgt_col;	/* ... nr_ptes or pgtables_bytes */
	int root_bonus;		/* 3% bonus for uid 0 applied (< 4.17) */
	int nkillable;
	int nunkillable;	/* oom_score_adj -1000 */
	int ntop;
	struct ranked top[TOP_N];
	int ntop_rss;
	struct ranked top_rss[TOP_N];	/* points field holds rss */
	int chosen;		/* task index of the chosen pid, or -1 */
	long long chosen_points;
	int chosen_rank;	/* 1 = highest badness, 0 = not ranked */
	long long chosen_score;	/* our points * 1000 / totalpages */
};

long long page_size_kb(const struct oom_event *ev, const char **src);
long long task_points(const struct oom_event *ev, const struct task *t,
		      const struct badness *b, int *unkillable);
void badness_analyze(const struct oom_event *ev, struct badness *b);

#endif /* OOM_BADNESS_H */

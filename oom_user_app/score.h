/* SPDX-License-Identifier: GPL-2.0 */
/*
 * score.h - read and write a process's own /proc/self/oom_score_adj.
 */
#ifndef OOM_SCORE_H
#define OOM_SCORE_H

/* The kernel's "never pick me" (include/uapi/linux/oom.h). */
#define OOM_SCORE_ADJ_MIN	(-1000)
#define OOM_SCORE_ADJ_MAX	1000

int score_adj_read(int *value);
int score_adj_write(int value);

#endif /* OOM_SCORE_H */

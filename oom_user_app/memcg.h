/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memcg.h - a throw-away memory cgroup for the victim, on cgroup v2
 * (memory.max) or v1 (memory.limit_in_bytes), whichever has the memory
 * controller here, made below the caller's own cgroup.
 */
#ifndef OOM_MEMCG_H
#define OOM_MEMCG_H

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>

struct memcg {
	int version;		/* 1 or 2 */
	char dir[PATH_MAX];	/* the group we made; "" when none */
	/* why it is at the root, not below the caller's cgroup; "" if not */
	char fallback[PATH_MAX + 256];
};

/* Where a new group goes: memcg_place()'s answer. */
struct memcg_place {
	int version;			/* 1 or 2 */
	char root[PATH_MAX];		/* mount point of the hierarchy */
	char own[PATH_MAX];		/* the caller's cgroup; "" if unseen */
	char parent[PATH_MAX];		/* make the group here; "" if nowhere */
	char why[PATH_MAX + 256];	/* why parent is "" */
};

int memcg_place(const char *proc, struct memcg_place *p, char *err,
		size_t errlen);
int memcg_set_limits(const struct memcg *cg, unsigned long long limit,
		     char *err, size_t errlen);
int memcg_create(struct memcg *cg, unsigned long long limit, char *err,
		 size_t errlen);
int memcg_attach(const struct memcg *cg, pid_t pid, char *err,
		 size_t errlen);
int memcg_remove(struct memcg *cg, char *err, size_t errlen);

#endif /* OOM_MEMCG_H */

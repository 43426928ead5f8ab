/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memcg.h - a throw-away memory cgroup for the victim, on cgroup v2
 * (memory.max) or v1 (memory.limit_in_bytes), whichever has the memory
 * controller here.
 */
#ifndef OOM_MEMCG_H
#define OOM_MEMCG_H

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>

struct memcg {
	int version;		/* 1 or 2 */
	char dir[PATH_MAX];	/* the group we made; "" when none */
};

int memcg_create(struct memcg *cg, unsigned long long limit, char *err,
		 size_t errlen);
int memcg_attach(const struct memcg *cg, pid_t pid, char *err,
		 size_t errlen);
int memcg_remove(struct memcg *cg, char *err, size_t errlen);

#endif /* OOM_MEMCG_H */

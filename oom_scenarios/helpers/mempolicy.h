/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mempolicy.h - the task's NUMA memory policy, set without libnuma, and
 * the check that the nodes asked for exist.
 */
#ifndef RLK_MEMPOLICY_H
#define RLK_MEMPOLICY_H

#include "parse.h"

/* The policies rlk-mbind offers, with the kernel's MPOL_* values. */
enum policy {
	POLICY_PREFERRED = 1,	/* MPOL_PREFERRED: one node first */
	POLICY_BIND = 2,	/* MPOL_BIND: these nodes only */
	POLICY_INTERLEAVE = 3,	/* MPOL_INTERLEAVE: round robin */
};

#define NODE_SYSFS "/sys/devices/system/node"

/* What node_check() found. */
enum node_state {
	NODES_OK,
	NODES_NO_NUMA,		/* no @sysfs directory at all */
	NODES_MISSING,		/* a node has no nodeN directory */
};

const char *policy_name(enum policy mode);
enum node_state node_check(const char *sysfs, const struct nodemask *m,
			   unsigned int *missing);
int mempolicy_set(enum policy mode, const struct nodemask *m);

#endif /* RLK_MEMPOLICY_H */

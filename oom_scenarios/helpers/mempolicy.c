// SPDX-License-Identifier: GPL-2.0
/*
 * mempolicy.c - set_mempolicy(2) through syscall(), as libnuma would,
 * and a look in sysfs for the nodes asked for, so that a missing node
 * gets a clear message instead of the kernel's bare EINVAL.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mempolicy.h"

/* The name numa_maps shows for @mode ("bind:1"). */
const char *policy_name(enum policy mode)
{
	switch (mode) {
	case POLICY_PREFERRED:
		return "prefer";
	case POLICY_BIND:
		return "bind";
	case POLICY_INTERLEAVE:
		return "interleave";
	}
	return "?";
}

/* Is @path a directory? */
static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * Check that every node of @m has a directory under @sysfs (normally
 * NODE_SYSFS). On NODES_MISSING, *@missing is the first absent node.
 */
enum node_state node_check(const char *sysfs, const struct nodemask *m,
			   unsigned int *missing)
{
	char path[4096];
	unsigned int node;

	if (!is_dir(sysfs))
		return NODES_NO_NUMA;
	for (node = 0; node < NODE_LIMIT; node++) {
		if (!node_isset(m, node))
			continue;
		snprintf(path, sizeof(path), "%s/node%u", sysfs, node);
		if (!is_dir(path)) {
			*missing = node;
			return NODES_MISSING;
		}
	}
	return NODES_OK;
}

/*
 * Set the calling task's policy to @mode over @m; children and a later
 * execve() inherit it. Returns 0 or an errno. The kernel reads maxnode
 * minus one bits (mm/mempolicy.c get_nodes()), hence the + 1.
 */
int mempolicy_set(enum policy mode, const struct nodemask *m)
{
	if (syscall(SYS_set_mempolicy, (int)mode, m->bits,
		    (unsigned long)NODE_LIMIT + 1))
		return errno;
	return 0;
}

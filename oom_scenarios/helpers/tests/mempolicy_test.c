// SPDX-License-Identifier: GPL-2.0
/*
 * tests/mempolicy_test.c - the node check against a made-up sysfs tree,
 * and set_mempolicy() for real on this machine's node 0, read back with
 * get_mempolicy().
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../mempolicy.h"
#include "tap.h"

/* Look up @list in the sysfs tree @root; *@missing gets the absent node. */
static enum node_state check(const char *root, const char *list,
			     unsigned int *missing)
{
	struct nodemask m;

	parse_nodes(list, &m);
	return node_check(root, &m, missing);
}

/* A tree with node0 and node1 (and a file, not a directory, node2). */
static void test_node_check(void)
{
	char root[] = "/tmp/mempolicy_test.XXXXXX", path[64];
	unsigned int missing = 999;
	FILE *f;

	if (!mkdtemp(root)) {
		tap_ok(0, "mkdtemp: %s", strerror(errno));
		return;
	}
	snprintf(path, sizeof(path), "%s/node0", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/node1", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/node2", root);
	f = fopen(path, "w");
	if (f)
		fclose(f);

	tap_is_int(NODES_OK, check(root, "0-1", &missing), "nodes 0-1 exist");
	tap_is_int(999, missing, "... and nothing is reported missing");
	tap_is_int(NODES_MISSING, check(root, "1,3", &missing),
		   "node 3 is missing");
	tap_is_int(3, missing, "... and named");
	tap_is_int(NODES_MISSING, check(root, "2", &missing),
		   "a file node2 is no node");
	tap_is_int(NODES_MISSING, check(root, "0,1000", &missing),
		   "node 1000 is missing");
	tap_is_int(1000, missing, "... and named");
	snprintf(path, sizeof(path), "%s/none", root);
	tap_is_int(NODES_NO_NUMA, check(path, "0", &missing),
		   "no sysfs node directory: no NUMA");

	unlink(strcat(strcpy(path, root), "/node2"));
	rmdir(strcat(strcpy(path, root), "/node1"));
	rmdir(strcat(strcpy(path, root), "/node0"));
	rmdir(root);
}

/* Each policy's name as numa_maps prints it. */
static void test_names(void)
{
	tap_like("bind", policy_name(POLICY_BIND), "MPOL_BIND is 'bind'");
	tap_like("prefer", policy_name(POLICY_PREFERRED),
		 "MPOL_PREFERRED is 'prefer'");
	tap_like("interleave", policy_name(POLICY_INTERLEAVE),
		 "MPOL_INTERLEAVE is 'interleave'");
	tap_is_int(2, POLICY_BIND, "MPOL_BIND is 2 (uapi/linux/mempolicy.h)");
}

/* set_mempolicy(MPOL_BIND, node 0), then get_mempolicy() agrees. */
static void test_set(void)
{
	struct nodemask m, got = { { 0 } };
	int mode = -1;

	if (access(NODE_SYSFS "/node0", F_OK)) {
		tap_skip("no " NODE_SYSFS "/node0 (a kernel without NUMA)",
			 "set_mempolicy(MPOL_BIND, node 0)");
		return;
	}
	parse_nodes("0", &m);
	tap_is_int(0, mempolicy_set(POLICY_BIND, &m),
		   "set_mempolicy(MPOL_BIND, node 0) works");
	syscall(SYS_get_mempolicy, &mode, got.bits,
		(unsigned long)NODE_LIMIT + 1, NULL, 0UL);
	tap_is_int(POLICY_BIND, mode, "get_mempolicy: MPOL_BIND");
	tap_is_int(1, got.bits[0], "get_mempolicy: node 0 only");
	parse_nodes("1023", &m);
	tap_is_int(EINVAL, mempolicy_set(POLICY_BIND, &m),
		   "node 1023 (no memory there): EINVAL");
}

/* Run every policy check; the exit status counts the failures. */
int main(void)
{
	test_node_check();
	test_names();
	test_set();
	return tap_done();
}

// SPDX-License-Identifier: GPL-2.0
/*
 * mbind.c - rlk-mbind: run a command under a NUMA memory policy, for the
 * guest booted with RLK_NUMA=2, where busybox has no numactl. Binding a
 * hog to node 1 and filling that node shows the OOM killer's
 * CONSTRAINT_MEMORY_POLICY face.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mbind_options.h"
#include "mempolicy.h"
#include "msg.h"

/* Parse the command line; exits on --help and usage errors. */
static void get_options(struct mbind_options *o, int argc, char **argv)
{
	char err[256];

	switch (mbind_parse(o, argc, argv, err, sizeof(err))) {
	case OPT_RUN:
		return;
	case OPT_HELP:
		mbind_usage(stdout);
		exit(EXIT_SUCCESS);
	case OPT_ERROR:
		fatal(MBIND_EXIT_FAIL, "%s", err);
	}
}

/* Refuse nodes the kernel does not have, saying which. */
static void check_nodes(const struct mbind_options *o)
{
	unsigned int node = 0;

	switch (node_check(NODE_SYSFS, &o->nodes, &node)) {
	case NODES_OK:
		return;
	case NODES_NO_NUMA:
		fatal(MBIND_EXIT_FAIL,
		      "%s: %s (a kernel without CONFIG_NUMA)", NODE_SYSFS,
		      strerror(ENOENT));
	case NODES_MISSING:
		fatal(MBIND_EXIT_FAIL,
		      "node %u: no such node (no %s/node%u; the guest has two with RLK_NUMA=2)",
		      node, NODE_SYSFS, node);
	}
}

/* Set the policy, explaining the errors the kernel gives. */
static void set_policy(const struct mbind_options *o)
{
	int err = mempolicy_set(o->mode, &o->nodes);

	if (!err)
		return;
	if (err == EINVAL)
		fatal(MBIND_EXIT_FAIL,
		      "set_mempolicy %s %s: %s (a node without memory, or outside this cpuset's cpuset.mems)",
		      policy_name(o->mode), o->nodes_arg, strerror(err));
	if (err == ENOSYS)
		fatal(MBIND_EXIT_FAIL,
		      "set_mempolicy: %s (a kernel without CONFIG_NUMA)",
		      strerror(err));
	fatal(MBIND_EXIT_FAIL, "set_mempolicy %s %s: %s",
	      policy_name(o->mode), o->nodes_arg, strerror(err));
}

/* Parse, check the nodes, set the policy, become CMD. */
int main(int argc, char **argv)
{
	struct mbind_options o;
	int err;

	msg_init("rlk-mbind");
	get_options(&o, argc, argv);
	check_nodes(&o);
	set_policy(&o);
	execvp(argv[o.cmd], argv + o.cmd);
	err = errno;
	fatal(err == ENOENT ? MBIND_EXIT_NOT_FOUND : MBIND_EXIT_CANNOT_RUN,
	      "%s: %s", argv[o.cmd], strerror(err));
}

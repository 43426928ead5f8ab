#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# oom_scenarios/mempolicy.sh - a two-node guest; ./oom runs under the
# memory policy MPOL_BIND to node 1 (rlk-mbind, as numactl --membind
# would). Node 1 fills while node 0 has room: the OOM is the policy's.
#
# about: MPOL_BIND to node 1: CONSTRAINT_MEMORY_POLICY, nodemask=1
# guest: RLK_NUMA=2
# expect: length == 1 and .[0].kind == "oom"
# expect: .[0].constraint == "CONSTRAINT_MEMORY_POLICY" and .[0].victim.comm == "oom"
# look: "oom-kill:constraint=CONSTRAINT_MEMORY_POLICY,nodemask=1": the policy's nodes ran out
# look: "nodemask=1" on the invoker's line too
# look: /proc/PID/numa_maps: "bind:1" on the victim's mappings

# shellcheck source=lib.sh
. "${0%/*}/lib.sh"

[ -d /sys/devices/system/node/node1 ] || fail "no node 1: the guest needs RLK_NUMA=2"
heading "rlk-mbind 1: the policy, as /proc/self/numa_maps shows it"
rlk-mbind 1 grep -m 2 'bind:1' /proc/self/numa_maps || fail "rlk-mbind did not bind to node 1"
heading "rlk-mbind 1 ./oom"
cd oom_user_app || fail "no oom_user_app"
rlk-mbind 1 ./oom --quiet --oom-score-adj 0 ||
	fail "./oom under MPOL_BIND did not end with its victim killed"
for node in /sys/devices/system/node/node[0-9]*; do
	say "  ${node##*/} after: $(awk '/MemFree/ { print $4 " kB free" }' "$node/meminfo")"
done

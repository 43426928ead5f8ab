#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# oom_scenarios/cpuset.sh - a two-node guest; ./oom runs in a cgroup whose
# cpuset.mems is node 1 only. Node 1 fills while node 0 has room, and the
# OOM killer searches only the tasks that may use node 1.
#
# about: a two-node guest, cpuset.mems=1: node 1 runs out while node 0 has room
# guest: RLK_NUMA=2
# expect: length == 1 and .[0].kind == "oom"
# expect: .[0].constraint == "CONSTRAINT_CPUSET" and .[0].victim.comm == "oom"
# look: "oom-kill:constraint=CONSTRAINT_CPUSET": the cpuset, not the machine, ran out
# look: "cpuset=lab mems_allowed=1": the group's one node
# look: the zone lines: Node 1 below min, Node 0 still free

# shellcheck source=lib.sh
. "${0%/*}/lib.sh"

heading "two NUMA nodes"
for node in /sys/devices/system/node/node[0-9]*; do
	say "  ${node##*/}: $(awk '/MemFree/ { print $4 " kB free" }' "$node/meminfo")"
done
[ -d /sys/devices/system/node/node1 ] || fail "no node 1: the guest needs RLK_NUMA=2"
heading "the group: cpuset.mems 1 (node 1 only)"
new_group lab "cpuset memory"
echo 1 > "$CGROOT/lab/cpuset.mems" || fail "cannot set cpuset.mems"
say "cpuset.mems.effective = $(cat "$CGROOT/lab/cpuset.mems.effective")"
heading "./oom in the group"
(
	join_group lab
	cd oom_user_app && ./oom --quiet --oom-score-adj 0
) || fail "./oom in the cpuset did not end with its victim killed"
for node in /sys/devices/system/node/node[0-9]*; do
	say "  ${node##*/} after: $(awk '/MemFree/ { print $4 " kB free" }' "$node/meminfo")"
done

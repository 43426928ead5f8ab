#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/guest_numa.t - rlk-mbind in the ARM64 guest with two NUMA nodes
# (RLK_NUMA=2, 512M each): bind:1 on every mapping, a hog's pages all on
# node 1, interleaved half and half, preferred, node 2 refused, and the
# OOM killer's CONSTRAINT_MEMORY_POLICY face when node 1 is full.
set -euo pipefail
# shellcheck source=../../../tests/lib/tap.sh
. "$(dirname "$0")/../../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

ARCH=${ARCH:-arm64}

# The guest's side: KEY=value lines for field(), numa_maps as they are.
# shellcheck disable=SC2016 # expanded in the guest
SCRIPT='
# hog_maps RLK-MBIND-ARGS...: the numa_maps line of a 64M hog so placed
hog_maps() {
	rm -f /tmp/h.out
	rlk-mbind "$@" rlk-hog 64M --quiet >/tmp/h.out &
	i=0
	while ! grep -q holds /tmp/h.out && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	grep " anon=16384 " /proc/$!/numa_maps
	kill $!
	wait $!
}
echo "nodes=$(cat /sys/devices/system/node/online)"
rlk-mbind 1 cat /proc/self/numa_maps >/tmp/maps
echo "bind_rc=$?"
echo "bind_lines=$(wc -l </tmp/maps)"
echo "bind_other=$(grep -Evc " bind:1( |$)" /tmp/maps)"
echo "bind_first=$(head -1 /tmp/maps)"
echo "pref=$(rlk-mbind --preferred 1 head -1 /proc/self/numa_maps)"
echo "hog_bind=$(hog_maps 1)"
echo "hog_inter=$(hog_maps --interleave 0-1)"
rlk-mbind 2 true 2>/tmp/e
echo "node2_rc=$?"
echo "node2_err=$(cat /tmp/e)"
rlk-mbind 1 rlk-hog 700M --exit --quiet
echo "oom_rc=$?"
echo "oom=$(dmesg | grep -m1 "constraint=")"
echo "oom_kill=$(dmesg | grep -m1 "Killed process")"
'

main() {
	local out=$WORK/numa lines
	plan 12
	guest_build "$ARCH"
	RLK_NUMA=2 guest "$ARCH" numa "$SCRIPT"
	is 0 "$RC" "the guest ran the script"
	is 0-1 "$(field "$out" nodes)" "the guest has nodes 0-1"
	is 0 "$(field "$out" bind_rc)" "rlk-mbind 1 cat /proc/self/numa_maps: exit 0"
	lines=$(field "$out" bind_lines)
	is "0 yes" "$(field "$out" bind_other) $( ((${lines:-0} > 0)) && echo yes)" \
		"... all $lines mappings show bind:1"
	diag "$(field "$out" bind_first)"
	like "$(field "$out" pref)" " prefer:1 " "--preferred 1: prefer:1"
	like "$(field "$out" hog_bind)" "^[0-9a-f]+ bind:1 anon=16384 dirty=16384 (active=[0-9]+ )?N1=16384 kernelpagesize_kB=4$" \
		"rlk-mbind 1 rlk-hog 64M: all 16384 pages on node 1, none on node 0"
	like "$(field "$out" hog_inter)" "^[0-9a-f]+ interleave:0-1 anon=16384 dirty=16384 (active=[0-9]+ )?N0=8192 N1=8192 " \
		"--interleave 0-1: 8192 pages on each node"
	is 125 "$(field "$out" node2_rc)" "rlk-mbind 2: exit 125"
	like "$(field "$out" node2_err)" "^rlk-mbind: node 2: no such node \(no /sys/devices/system/node/node2;" \
		"... 'rlk-mbind: node 2: no such node'"
	is 137 "$(field "$out" oom_rc)" "rlk-mbind 1 rlk-hog 700M (node 1 has 512M): SIGKILL"
	like "$(field "$out" oom)" "constraint=CONSTRAINT_MEMORY_POLICY,nodemask=1," \
		"... by the OOM killer, CONSTRAINT_MEMORY_POLICY,nodemask=1"
	like "$(field "$out" oom_kill)" "^\[ *[0-9.]+\] Out of memory: Killed process [0-9]+ \(rlk-hog\) " \
		"... which killed the hog"
	done_testing
}

main "$@"

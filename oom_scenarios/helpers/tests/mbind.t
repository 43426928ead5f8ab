#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/mbind.t - rlk-mbind on this host's node 0: numa_maps shows each
# policy on every mapping of CMD and of CMD's children, an 8 MiB hog
# bound to node 0 has its pages there, CMD's status comes back, and a
# kernel without NUMA (sysfs hidden) gets a clear message. Node 1 is
# tested in the guest (guest_numa.t).
set -euo pipefail
# shellcheck source=../../../tests/lib/tap.sh
. "$(dirname "$0")/../../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# policy_case OPTION WANT: every mapping of cat shows the policy WANT.
policy_case() {
	local opt=$1 want=$2 lines others
	# shellcheck disable=SC2086 # no option at all when OPTION is empty
	run_to "$WORK/maps" 10 "$BIN/rlk-mbind" $opt 0 cat /proc/self/numa_maps
	lines=$(wc -l <"$WORK/maps.out")
	others=$(grep -Evc " $want( |$)" "$WORK/maps.out" || true)
	is "0 0 yes" "$RC $others $( ((lines > 0)) && echo yes)" \
		"rlk-mbind ${opt:+$opt }0 cat: all $lines mappings show $want"
}

# hog_case: an 8 MiB hog bound to node 0 has its 2048 pages on node 0.
hog_case() {
	local pid maps
	timeout 20 "$BIN/rlk-mbind" 0 "$BIN/rlk-hog" 8M --quiet \
		>"$WORK/hog.out" 2>"$WORK/hog.err" &
	wait_for "$WORK/hog.out" holds 10 || diag "$(cat "$WORK/hog.err")"
	pid=$(sed -n 's/^rlk-hog: \([0-9]*\) holds.*/\1/p' "$WORK/hog.out")
	maps=$(grep -E ' anon=2048 ' "/proc/${pid:-0}/numa_maps" 2>/dev/null || true)
	like "$maps" "^[0-9a-f]+ bind:0 anon=2048 .*N0=2048 " \
		"rlk-mbind 0 rlk-hog 8M: the 8 MiB mapping is bind:0, all on N0"
	kill "$!" 2>/dev/null || true
	wait || true
}

# status_cases: exit statuses, CMD's and rlk-mbind's own, and inheritance.
status_cases() {
	run_to "$WORK/st" 10 "$BIN/rlk-mbind" 0 sh -c 'exit 7'
	is 7 "$RC" "CMD's exit status comes back (7)"
	run_to "$WORK/st" 10 "$BIN/rlk-mbind" 0 sh -c 'grep -c bind:0 /proc/self/numa_maps >/dev/null && cat /proc/$$/numa_maps'
	like "$(head -1 "$WORK/st.out")" " bind:0 " \
		"a child of CMD inherits the policy"
	run_to "$WORK/st" 10 "$BIN/rlk-mbind" 0 "$WORK/no-such-cmd"
	is 127 "$RC" "CMD not found: 127"
	like "$(cat "$WORK/st.err")" "^rlk-mbind: $WORK/no-such-cmd: No such file or directory$" \
		"... 'rlk-mbind: CMD: No such file or directory'"
	run_to "$WORK/st" 10 "$BIN/rlk-mbind" 0 "$WORK"
	is 126 "$RC" "CMD not runnable (a directory): 126"
	run_to "$WORK/st" 10 "$BIN/rlk-mbind" 1023 true
	is 125 "$RC" "node 1023, absent here: 125"
	like "$(cat "$WORK/st.err")" "^rlk-mbind: node 1023: no such node \(no /sys/devices/system/node/node1023; " \
		"... 'rlk-mbind: node 1023: no such node'"
}

# no_numa_case: sysfs's node directory hidden in a private mount
# namespace, as on a kernel without CONFIG_NUMA (the ARM32 guest).
no_numa_case() {
	run_to "$WORK/nonuma" 10 unshare -m --propagation private sh -c \
		'mount -t tmpfs none /sys/devices/system && exec "$@"' _ \
		"$BIN/rlk-mbind" 0 true
	is 125 "$RC" "no /sys/devices/system/node: 125"
	is "rlk-mbind: /sys/devices/system/node: No such file or directory (a kernel without CONFIG_NUMA)" \
		"$(cat "$WORK/nonuma.err")" "... saying the kernel has no NUMA"
}

main() {
	plan 14
	build
	[[ -d /sys/devices/system/node/node0 ]] ||
		bail "no /sys/devices/system/node/node0: a kernel without NUMA"
	policy_case "" bind:0
	policy_case --bind bind:0
	policy_case --preferred prefer:0
	policy_case --interleave interleave:0
	hog_case
	status_cases
	no_numa_case
	done_testing
}

main "$@"

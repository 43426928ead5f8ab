#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# guest-steps.sh - the guest half of the alloc-oom.ko tests. Run by
# busybox sh inside the lab guest (./run_rlk_arm64.sh exec), never on the
# host. Each argument NAME:PARAMS is one step: load the module with PARAMS
# (commas become spaces), look at what is left, unload it. Everything goes
# to the kernel log as "rlk-test: ..." records, so the host reads one
# ordered file (RLK_DMESG) in which each step's kernel messages sit
# between "rlk-test: begin NAME" and "rlk-test: end NAME".
#
# usage: sh oom_kernel_driver/tests/guest-steps.sh NAME:PARAMS...
#   e.g. cap:max_mb=64 hold:hold=1,max_mb=128 bad_order:order=99

set -u

PARAMS_DIR=/sys/module/alloc_oom/parameters

# say MSG: one record in the kernel log.
say() {
	echo "rlk-test: $*" > /dev/kmsg
}

# mem_available: MemAvailable in kB.
mem_available() {
	awk '$1 == "MemAvailable:" { print $2 }' /proc/meminfo
}

# loaded: 1 when alloc_oom is in lsmod, else 0.
loaded() {
	if lsmod | grep -q '^alloc_oom '; then echo 1; else echo 0; fi
}

# run_step NAME PARAMS: one insmod with PARAMS, then the module's state.
# insmod runs with oom_score_adj 0 (the default) while this shell is
# protected, so the OOM killer can only choose insmod and never the
# script that reports the results.
run_step() {
	name=$1
	params=$2
	say "begin $name"
	say "$name.avail_before=$(mem_available)"
	# shellcheck disable=SC2086 # PARAMS are separate words on purpose
	out=$( (echo 0 > /proc/self/oom_score_adj &&
		exec insmod alloc-oom.ko $params) 2>&1)
	rc=$?
	say "$name.rc=$rc"
	say "$name.out=$(echo "$out" | head -n 1)"
	say "$name.alive=$(uname -m)"
	say "$name.loaded=$(loaded)"
	say "$name.held=$(cat "$PARAMS_DIR/held_pages" 2>/dev/null || echo none)"
	say "$name.avail_loaded=$(mem_available)"
	if [ "$(loaded)" = 1 ]; then
		rmmod alloc_oom
		say "$name.rmmod=$?"
		say "$name.loaded_after=$(loaded)"
	fi
	say "$name.avail_after=$(mem_available)"
	say "end $name"
}

main() {
	echo -1000 > /proc/self/oom_score_adj
	cd "$(dirname "$0")/.." || exit 1
	for step in "$@"; do
		run_step "${step%%:*}" "$(echo "${step#*:}" | tr , ' ')"
	done
	say "done"
}

main "$@"

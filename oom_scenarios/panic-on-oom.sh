#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# oom_scenarios/panic-on-oom.sh MODE - vm.panic_on_oom=MODE, then an OOM:
# MODE 1 panics on a global OOM (a memcg OOM still kills); MODE 2 panics
# on any OOM, a memcg one too. The guest dies, so the console carries the
# whole report (console log level 8) for the host to read.
#
# about: vm.panic_on_oom=1 panics on a global OOM; =2 on a memcg OOM too
# run: 1
# expect: status 125
# expect: .[-1].panic == true and .[-1].kind == "oom"
# expect: .[-1].panic_reason | test("system-wide panic_on_oom is enabled")
# run: 2
# expect: status 125
# expect: .[-1].panic == true and .[-1].kind == "memcg_oom"
# expect: .[-1].panic_reason | test("compulsory panic_on_oom is enabled")
# look: boot 1: "Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled"
# look: boot 2: a memcg OOM ("Memory cgroup out of memory" never comes): "compulsory panic_on_oom"
# look: no "Killed process" line: the kernel panics instead of choosing a victim

# shellcheck source=lib.sh
. "${0%/*}/lib.sh"

mode=${1:-1}
case $mode in
1 | 2) ;;
*) fail "usage: panic-on-oom.sh 1|2" ;;
esac
dmesg -n 8
heading "sysctl vm.panic_on_oom=$mode"
sysctl -w "vm.panic_on_oom=$mode"
cd oom_user_app || fail "no oom_user_app"
if [ "$mode" = 1 ]; then
	heading "./oom fills the guest: a global OOM"
	./oom --quiet --oom-score-adj 0
else
	heading "./oom in a group with memory.max 64M: a memcg OOM"
	new_group lab memory
	echo 64M > "$CGROOT/lab/memory.max"
	echo 0 > "$CGROOT/lab/memory.swap.max" 2>/dev/null
	join_group lab
	./oom --quiet --oom-score-adj 0
fi
fail "the guest survived the OOM with vm.panic_on_oom=$mode"

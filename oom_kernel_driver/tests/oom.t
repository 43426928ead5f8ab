#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck source-path=SCRIPTDIR
#
# oom.t - alloc-oom.ko in the ARM64 guest, runs that exhaust memory.
# gfp=retry_mayfail and gfp=noretry must simply fail without the OOM
# killer, the allocator naming each one's flag (noretry in a boot of its
# own: the allocator's report is ratelimited to one in 10 s); the default
# (GFP_KERNEL, the lab's), with insmod at oom_score_adj 0 and every shell
# at -1000, must invoke it from insmod and be killed by it (insmod's own
# pid in the kernel's kill line, the module's line saying so); so must
# order=3, the largest order that still invokes it, while the kernel's
# largest order fails instead. Each run gives every page back and leaves
# a guest that still works, with the module loaded until rmmod. One boot.
set -euo pipefail
. "$(dirname "$0")/../../tests/lib/tap.sh"
. "$(dirname "$0")/lib.sh"

# check_recovered STEP: the module is loaded, holds nothing, and rmmod
# works; MemAvailable is back within 5% of its value before insmod.
check_recovered() {
	local step=$1 before after

	before=$(value "$step.avail_before")
	after=$(value "$step.avail_after")
	is aarch64 "$(value "$step.alive")" "$step: the guest still runs commands"
	is 0 "$(value "$step.held")" "$step: held_pages reads 0: all pages freed"
	ok "$step: MemAvailable back within 5% ($before -> $after kB)" \
		within_pct 5 "$after" "$before"
	is 1 "$(value "$step.loaded")" "$step: the module stayed loaded"
	is 0 "$(value "$step.rmmod")" "$step: rmmod works"
	is 0 "$(value "$step.loaded_after")" "$step: and unloads it"
}

# check_fails STEP GFP FLAG: with gfp=GFP the allocation fails, with the
# allocator's own report naming FLAG, and nobody is killed.
check_fails() {
	local step=$1 gfp=$2 flag=$3 sec

	sec=$(section "$step")
	is 0 "$(value "$step.rc")" "$step: insmod gfp=$gfp succeeds"
	like "$sec" "insmod: page allocation failure: order:0, mode:0x[0-9a-f]+\\(GFP_KERNEL\\|$flag\\)" \
		"$step: the allocator reports the failure, with $flag"
	like "$(summary "$step")" \
		"got [0-9]+ pages \\([0-9]+ MiB\\) in [0-9]+ ms with order=0 gfp=$gfp, stopped: allocation failed; freed\$" \
		"$step: summary says the allocation failed"
	ok "$step: no OOM killer invoked" no_line "$sec" 'invoked oom-killer'
	ok "$step: no process killed" no_line "$sec" 'Killed process'
	check_recovered "$step"
}

# check_chosen STEP ORDER: insmod invoked the OOM killer at ORDER, was
# the only task killed (its own pid in the kill line), and the module's
# line says so.
check_chosen() {
	local step=$1 order=$2 sec

	sec=$(section "$step")
	like "$sec" "insmod invoked oom-killer: gfp_mask=0x[0-9a-f]+\\(GFP_KERNEL\\), order=$order," \
		"$step: dmesg shows insmod invoking the OOM killer (GFP_KERNEL, order=$order)"
	is "$(value "$step.pid") (insmod)" "$(killed "$sec")" \
		"$step: the OOM killer killed insmod (its pid) and nothing else"
	like "$(summary "$step")" \
		"got [0-9]+ pages \\([0-9]+ MiB\\) in [0-9]+ ms with order=$order gfp=kernel, stopped: killed by the OOM killer; freed\$" \
		"$step: the module's line says insmod was killed by the OOM killer"
	is 137 "$(value "$step.rc")" "$step: insmod died of SIGKILL (status 137)"
	check_recovered "$step"
}

# check_top_order: at the kernel's largest order GFP_KERNEL fails instead
# (its "page allocation failure" may be ratelimited away: one in 10 s).
check_top_order() {
	local sec max

	sec=$(section top)
	max=$(value max_order)
	like "$(summary top)" \
		"got [0-9]+ pages \\([0-9]+ MiB\\) in [0-9]+ ms with order=${max:-none} gfp=kernel, stopped: allocation failed; freed\$" \
		"top: order=${max:-none}: the summary says the allocation failed"
	ok "top: no OOM killer invoked" no_line "$sec" 'invoked oom-killer'
	ok "top: no process killed" no_line "$sec" 'Killed process'
	is 0 "$(value top.rc)" "top: insmod succeeds"
	check_recovered top
}

main() {
	plan 54
	build_guest
	guest_steps mayfail:gfp=retry_mayfail default: order3:order=3 \
		top:order=MAXORDER
	is 0 "$GUEST_STATUS" "guest ran every step and powered off"
	check_fails mayfail retry_mayfail __GFP_RETRY_MAYFAIL
	check_chosen default 0
	check_chosen order3 3
	check_top_order
	# A boot of its own: the allocator reports one failure in 10 s.
	guest_steps noretry:gfp=noretry
	is 0 "$GUEST_STATUS" "second guest ran the noretry step and powered off"
	check_fails noretry noretry __GFP_NORETRY
	[ "$TAP_FAILED" -eq 0 ] || show_guest
	done_testing
}

main "$@"

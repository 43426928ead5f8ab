#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck source-path=SCRIPTDIR
#
# params.t - alloc-oom.ko in the ARM64 guest, runs that do not reach the
# OOM killer: every bad parameter is refused with EINVAL before anything
# is allocated (gfp=highuser_movable with its reason), the kernel's
# largest order is accepted and the next one refused, max_mb=64 gets
# exactly 64 MiB at order 0 and at the largest order, and hold=1
# max_mb=128 keeps 128 MiB until rmmod gives it back. One guest boot.
set -euo pipefail
. "$(dirname "$0")/../../tests/lib/tap.sh"
. "$(dirname "$0")/lib.sh"

# Parameter sets the module must refuse, and the pr_err naming each.
BAD_STEPS=(bad_order:order=99 bad_gfp:gfp=bogus bad_max_mb:max_mb=-1
	bad_held:held_pages=5 bad_movable:gfp=highuser_movable
	over_order:order=MAXORDER+1)
declare -A BAD_MSG=(
	[bad_order]='alloc_oom: order=99 is out of range 0\.\.[0-9]+$'
	[bad_gfp]='alloc_oom: gfp=bogus is not one of kernel, retry_mayfail, noretry, atomic$'
	[bad_max_mb]='alloc_oom: max_mb=-1 is negative$'
	[bad_held]='alloc_oom: held_pages is read-only$'
	[bad_movable]="alloc_oom: gfp=highuser_movable is not supported: the module's pages cannot move, so __GFP_MOVABLE would pin movable and CMA pageblocks\$"
	[over_order]='alloc_oom: order=[0-9]+ is out of range 0\.\.[0-9]+$'
)

# check_refused STEP: EINVAL, the pr_err, nothing allocated or loaded.
check_refused() {
	local step=$1 sec

	sec=$(section "$step")
	is 22 "$(value "$step.rc")" "$step: insmod exits with EINVAL (22)"
	like "$(value "$step.out")" 'Invalid argument' \
		"$step: insmod reports Invalid argument"
	like "$sec" "${BAD_MSG[$step]}" "$step: pr_err names the parameter"
	ok "$step: nothing allocated (no summary line)" \
		no_line "$sec" 'alloc_oom: .* got '
	is 0 "$(value "$step.loaded")" "$step: module not left loaded"
}

# check_cap: max_mb=64 stops at exactly 16384 pages without an OOM kill.
check_cap() {
	local sec

	sec=$(section cap)
	is 0 "$(value cap.rc)" "cap: insmod max_mb=64 succeeds"
	like "$(summary cap)" \
		'got 16384 pages \(64 MiB\) in [0-9]+ ms with order=0 gfp=kernel, stopped: reached max_mb cap; freed$' \
		"cap: exactly 64 MiB (16384 pages) obtained, then stopped"
	ok "cap: no OOM killer" no_line "$sec" 'oom-killer|Killed process'
	is 0 "$(value cap.held)" "cap: held_pages reads 0 after the run"
	is 0 "$(value cap.rmmod)" "cap: rmmod works"
}

# check_orders: the largest order /proc/buddyinfo shows is the module's
# bound, it is accepted, and the next one is refused.
check_orders() {
	local max

	max=$(value max_order)
	like "$max" '^[0-9]+$' "the guest's largest order, from /proc/buddyinfo: $max"
	like "$(section bad_order)" "out of range 0\\.\\.$max\$" \
		"the module's bound is that largest order"
	like "$(section over_order)" "alloc_oom: order=$((max + 1)) is out of range 0\\.\\.$max\$" \
		"order=$((max + 1)) (largest + 1) is refused"
	is 0 "$(value top.rc)" "order=$max (the largest) max_mb=64 is accepted"
	like "$(summary top)" \
		"got 16384 pages \\(64 MiB\\) in [0-9]+ ms with order=$max gfp=kernel, stopped: reached max_mb cap; freed\$" \
		"order=$max: 16 blocks of 2^$max pages, exactly 64 MiB"
	is 0 "$(value top.held)" "order=$max: held_pages reads 0 after the run"
	is 0 "$(value top.rmmod)" "order=$max: rmmod works"
}

# check_hold: 128 MiB held while loaded, all of it back after rmmod.
check_hold() {
	local before loaded after

	before=$(value hold.avail_before)
	loaded=$(value hold.avail_loaded)
	after=$(value hold.avail_after)
	is 0 "$(value hold.rc)" "hold: insmod hold=1 max_mb=128 succeeds"
	like "$(summary hold)" \
		'got 32768 pages \(128 MiB\) .* stopped: reached max_mb cap; holding them until rmmod$' \
		"hold: summary says 128 MiB held until rmmod"
	is 32768 "$(value hold.held)" "hold: held_pages reads 32768 while loaded"
	ok "hold: MemAvailable fell by 128 MiB +-10% while held ($before -> $loaded kB)" \
		within_pct 10 $((before - loaded)) 131072
	is 0 "$(value hold.rmmod)" "hold: rmmod works"
	like "$(section hold)" 'alloc_oom: rmmod freed 32768 held pages \(128 MiB\)$' \
		"hold: rmmod frees all 32768 pages"
	ok "hold: MemAvailable back within 5% after rmmod ($before -> $after kB)" \
		within_pct 5 "$after" "$before"
}

main() {
	local step

	plan 50
	build_guest
	guest_steps "${BAD_STEPS[@]}" cap:max_mb=64 top:order=MAXORDER,max_mb=64 \
		hold:hold=1,max_mb=128
	is 0 "$GUEST_STATUS" "guest ran every step and powered off"
	for step in "${BAD_STEPS[@]}"; do
		check_refused "${step%%:*}"
	done
	check_cap
	check_orders
	check_hold
	[ "$TAP_FAILED" -eq 0 ] || show_guest
	done_testing
}

main "$@"

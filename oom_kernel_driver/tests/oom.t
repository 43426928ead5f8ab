#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck source-path=SCRIPTDIR
#
# oom.t - alloc-oom.ko in the ARM64 guest, runs that exhaust memory.
# gfp=retry_mayfail must simply fail without the OOM killer; the default
# (GFP_KERNEL, the lab's) must invoke it from insmod or fail, print the
# summary, give every page back and leave a guest that still works, with
# the module loaded until rmmod. One guest boot.
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

# check_mayfail: the allocation fails, nobody is killed.
check_mayfail() {
	local sec

	sec=$(section mayfail)
	is 0 "$(value mayfail.rc)" "mayfail: insmod gfp=retry_mayfail succeeds"
	like "$sec" 'insmod: page allocation failure: order:0, mode:0x[0-9a-f]+\(GFP_KERNEL\|__GFP_RETRY_MAYFAIL\)' \
		"mayfail: the allocator reports the failure"
	like "$(summary mayfail)" \
		'got [0-9]+ pages \([0-9]+ MiB\) in [0-9]+ ms with order=0 gfp=retry_mayfail, stopped: allocation failed; freed$' \
		"mayfail: summary says the allocation failed"
	ok "mayfail: no OOM killer invoked" no_line "$sec" 'invoked oom-killer'
	ok "mayfail: no process killed" no_line "$sec" 'Killed process'
	check_recovered mayfail
}

# check_default: the lab's run: OOM killer from insmod (or a failure).
check_default() {
	local sec

	sec=$(section default)
	like "$sec" 'insmod invoked oom-killer: gfp_mask=0x[0-9a-f]+\(GFP_KERNEL\), order=0|insmod: page allocation failure: order:0, mode:0x[0-9a-f]+\(GFP_KERNEL\)' \
		"default: dmesg shows insmod invoking the OOM killer (GFP_KERNEL) or failing"
	like "$(summary default)" \
		'got [0-9]+ pages \([0-9]+ MiB\) in [0-9]+ ms with order=0 gfp=kernel, stopped: (fatal signal: chosen by the OOM killer|allocation failed); freed$' \
		"default: summary line with pages, MiB, ms and why it stopped"
	is "" "$(printf '%s\n' "$sec" | grep -o 'Killed process [0-9]* ([^)]*)' |
		grep -v '(insmod)$' || true)" "default: no process but insmod killed"
	check_recovered default
}

main() {
	plan 21
	build_guest
	guest_steps mayfail:gfp=retry_mayfail default:
	is 0 "$GUEST_STATUS" "guest ran every step and powered off"
	check_mayfail
	check_default
	[ "$TAP_FAILED" -eq 0 ] || show_guest
	done_testing
}

main "$@"

# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# lib.sh - host-side helpers for the alloc-oom.ko tests (sourced after
# tests/lib/tap.sh). guest_steps boots the lab guest once and runs
# guest-steps.sh there; the other helpers read the kernel log it saved.

COMP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOP=$(cd "$COMP_DIR/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/alloc-oom-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
DMESG=$WORK/dmesg
GUEST_STATUS=

# build_guest: cross-build alloc-oom.ko and the guest; bail out on failure.
build_guest() {
	if ! "$TOP/run_rlk_arm64.sh" build > "$WORK/build.log" 2>&1; then
		diag "$(tail -n 20 "$WORK/build.log")"
		bail "./run_rlk_arm64.sh build failed"
	fi
}

# guest_steps NAME:PARAMS[:SIG@WHEN]...: one boot running every step; the
# guest's kernel log lands in $DMESG, exec's status in GUEST_STATUS. The
# log buffer is made large enough for every OOM report of the boot.
guest_steps() {
	GUEST_STATUS=0
	RLK_APPEND="${RLK_APPEND:+$RLK_APPEND }log_buf_len=8M" RLK_DMESG=$DMESG \
		"$TOP/run_rlk_arm64.sh" exec -- \
		sh oom_kernel_driver/tests/guest-steps.sh "$@" \
		> "$WORK/console" 2>&1 || GUEST_STATUS=$?
	[ -f "$DMESG" ] || : > "$DMESG"
}

# value STEP.KEY: what guest-steps.sh reported, empty if nothing.
value() {
	sed -n "s/^\[[ 0-9.]*\] rlk-test: $1=//p" "$DMESG" | tail -n 1
}

# section STEP: the kernel log lines of one step.
section() {
	awk -v b="rlk-test: begin $1" -v e="rlk-test: end $1" '
		index($0, b) { on = 1 }
		on { print }
		index($0, e) { on = 0 }' "$DMESG"
}

# summary STEP: the module's summary line of that step, without timestamp.
summary() {
	section "$1" | sed -n 's/^\[[ 0-9.]*\] \(alloc_oom: .* got .*\)/\1/p'
}

# within_pct PCT A B: true when A is within PCT percent of B (false when
# either is not a number, e.g. missing from a guest that died).
within_pct() {
	local diff

	[[ $2 =~ ^-?[0-9]+$ && $3 =~ ^-?[0-9]+$ ]] || return 1
	diff=$(($2 - $3))
	[ "${diff#-}" -le $(($3 * $1 / 100)) ]
}

# no_line TEXT ERE: true when no line of TEXT matches ERE. TEXT goes in
# whole as a here-string: a pipe into grep -q under pipefail would fail
# (SIGPIPE) when grep stops at an early match in a large TEXT.
no_line() {
	! grep -Eq -- "$2" <<<"$1"
}

# killed TEXT: "PID (COMM)" of every "Killed process" line in TEXT, one a
# line, in order.
killed() {
	sed -n 's/.*Killed process \([0-9]*\) (\([^)]*\)).*/\1 (\2)/p' <<<"$1"
}

# show_guest: the console and the kernel log, for a failed run.
show_guest() {
	diag "guest exit status: $GUEST_STATUS"
	diag "$(tail -n 30 "$WORK/console")"
	diag "$(grep -E 'rlk-test|alloc_oom|oom-killer|Killed process|panic' "$DMESG" | tail -n 60)"
}

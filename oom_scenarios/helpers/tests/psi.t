#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/psi.t - rlk-psi on this host, where nothing may be put under
# memory pressure: it arms its trigger on the system file and on a
# cgroup v2 group, times out with exit 1 and a message, and exits 3
# with a clear message where there is no PSI (the files hidden in a
# private mount namespace, or a directory that is no cgroup). The
# events themselves are tested in the guest (guest_psi.t).
set -euo pipefail
# shellcheck source=../../../tests/lib/tap.sh
. "$(dirname "$0")/../../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# Without CAP_SYS_RESOURCE, kernels from 6.5 take only windows that are
# multiples of 2 s (kernel/sched/psi.c): use 2000 ms everywhere here.
WINDOW=2000

# cgroup2_dir: the first cgroup v2 mount, if there is one.
cgroup2_dir() {
	awk '$3 == "cgroup2" { print $2; exit }' /proc/self/mounts
}

# timeout_case NAME ARGS...: armed, no event in 1 s, exit 1.
timeout_case() {
	local name=$1 file
	shift
	run_to "$WORK/to" 10 "$BIN/rlk-psi" --window "$WINDOW" --stall "$WINDOW" \
		--timeout 1 "$@"
	file=$(sed -n "s/^rlk-psi: trigger 'some 2000000 2000000' on \(.*\)$/\1/p" \
		"$WORK/to.err")
	is 1 "$RC" "$name: no full-window stall in 1 s: exit 1"
	like "$file" "memory" "$name: armed 'some 2000000 2000000' on $file"
	like "$(cat "$WORK/to.err")" "^rlk-psi: timeout: 0 of 1 events in 1 s on $file$" \
		"$name: the timeout message"
	is "" "$(cat "$WORK/to.out")" "$name: no event line"
}

# no_psi_cases: no pressure file, no cgroup v2 group, no directory.
no_psi_cases() {
	run_to "$WORK/nopsi" 10 unshare -m --propagation private sh -c \
		'mount -t tmpfs none /proc/pressure && exec "$@"' _ \
		"$BIN/rlk-psi" --timeout 1
	is 3 "$RC" "no /proc/pressure/memory: exit 3"
	is "rlk-psi: /proc/pressure/memory: No such file or directory (a kernel without CONFIG_PSI, or booted with psi=0)" \
		"$(cat "$WORK/nopsi.err")" "... saying why"
	run_to "$WORK/nopsi" 10 "$BIN/rlk-psi" --timeout 1 --cgroup "$WORK"
	is 3 "$RC" "--cgroup on a plain directory: exit 3"
	like "$(cat "$WORK/nopsi.err")" \
		"^rlk-psi: $WORK/memory.pressure: No such file or directory \(not a cgroup v2 group" \
		"... saying it is not a cgroup v2 group"
	run_to "$WORK/nopsi" 10 "$BIN/rlk-psi" --timeout 1 --cgroup "$WORK/ran"
	is 2 "$RC" "--cgroup DIR that does not exist: exit 2"
}

# has_sys_resource: is CAP_SYS_RESOURCE (bit 24) in our effective set?
has_sys_resource() {
	local eff
	eff=$(awk '/^CapEff:/ { print $2 }' /proc/self/status)
	(((0x$eff >> 24) & 1))
}

# The kernel's own verdict on a 1 s window without CAP_SYS_RESOURCE.
window_case() {
	run_to "$WORK/win" 10 "$BIN/rlk-psi" --timeout 1 --window 1000 \
		--stall 1000
	if has_sys_resource; then
		is 1 "$RC" "--window 1000 with CAP_SYS_RESOURCE: armed, exit 1"
	elif [[ $RC == 1 ]]; then
		skip "this kernel (before 6.5) takes any window" \
			"--window 1000 without CAP_SYS_RESOURCE"
	else
		is 3 "$RC" "--window 1000 without CAP_SYS_RESOURCE: exit 3"
		diag "$(cat "$WORK/win.err")"
	fi
}

main() {
	local cg
	plan 14
	build
	[[ -e /proc/pressure/memory ]] ||
		bail "no /proc/pressure/memory: this host's kernel has no PSI"
	timeout_case "system"
	cg=$(cgroup2_dir)
	if [[ -n $cg && -e $cg/memory.pressure ]]; then
		timeout_case "--cgroup $cg" --cgroup "$cg"
	else
		for _ in 1 2 3 4; do
			skip "no cgroup v2 mount with memory.pressure" "--cgroup"
		done
	fi
	no_psi_cases
	window_case
	done_testing
}

main "$@"

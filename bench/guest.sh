#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/guest.sh - the guest's speed figures, as medians of several runs:
# cold boot to a usable shell, `exec -- true`, and a full default ./oom
# run (boot, OOM kill, poweroff), for 1, 2 and 4 guest CPUs. Each boot is
# a fresh QEMU process; one untimed boot first warms the page cache.

set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
RLK=$TOP/run_rlk_arm64.sh
RUNS=${RUNS:-5}

# now_ms: wall clock in milliseconds.
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# median: the median of the numbers on stdin.
median() {
	sort -n | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]
		else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# boot_to_shell_ms: from launch until the guest's shell prints a line.
boot_to_shell_ms() {
	local start line

	start=$(now_ms)
	"$RLK" exec -- echo READY 2>/dev/null | while IFS= read -r line; do
		if [[ $line == READY ]]; then
			echo $(($(now_ms) - start))
		fi
	done
}

# wall_ms CMD...: how long CMD takes, its output discarded.
wall_ms() {
	local start

	start=$(now_ms)
	"$@" >/dev/null 2>&1
	echo $(($(now_ms) - start))
}

# oom_run_ms: a default lab ./oom in the guest, checked to end as the lab does.
oom_run_ms() {
	local start out

	start=$(now_ms)
	out=$("$RLK" exec -- 'cd oom_user_app && ./oom' 2>&1)
	grep -q 'victim signalled: 9' <<<"$out" || {
		echo "bench: ./oom did not end with 'victim signalled: 9'" >&2
		return 1
	}
	echo $(($(now_ms) - start))
}

# repeat N FN: FN's figure N times, one per line.
repeat() {
	local i

	for ((i = 0; i < $1; i++)); do
		"$2"
	done
}

main() {
	local smp boot exec_true oom

	"$RLK" build
	"$RLK" exec -- true >/dev/null 2>&1
	printf '%-6s %18s %16s %22s\n' RLK_SMP "boot to shell ms" "exec -- true ms" \
		"default ./oom run ms"
	for smp in 1 2 4; do
		export RLK_SMP=$smp
		boot=$(repeat "$RUNS" boot_to_shell_ms | median)
		exec_true=$(for ((i = 0; i < RUNS; i++)); do
			wall_ms "$RLK" exec -- true
		done | median)
		oom=$(repeat "$RUNS" oom_run_ms | median)
		printf '%-6s %18s %16s %22s\n' "$smp" "$boot" "$exec_true" "$oom"
	done
	echo "medians of $RUNS runs, RLK_MEM=${RLK_MEM:-1024M};" \
		"targets: boot <= 2000, exec -- true <= 3000, ./oom run <= 6000"
}

main "$@"

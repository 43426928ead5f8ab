#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/guest.sh - the guests' speed figures, per architecture, as medians
# of RUNS runs, each against a reference measured in the same run:
#   floor    the bare kernel booting a one-line initramfs to power-off
#            (run_rlk_ARCH.sh floor): the floor of any cold boot
#   cold     exec -- true, booted cold (RLK_SNAPSHOT=0); target <= 1.2x floor
#   warm     exec -- true, restored from the saved guest; target (arm64)
#            <= 500 ms
#   ./oom    a default lab ./oom run, warm, checked to end as the lab does
# Every boot is a fresh QEMU process; one untimed run first warms the page
# cache and saves the guest.

set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-5}
ARCHES=${ARCHES:-arm64 arm32 x86_64}

# now_ms: wall clock in milliseconds.
now_ms() {
	echo $((${EPOCHREALTIME/./} / 1000))
}

# median: the median of the numbers on stdin.
median() {
	sort -n | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]
		else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# wall_ms CMD...: how long CMD takes, its output discarded; fails with it.
wall_ms() {
	local start

	start=$(now_ms)
	"$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; return 1; }
	echo $(($(now_ms) - start))
}

# floor_ms RLK: the bare kernel's boot, as the guest script measures it.
floor_ms() {
	"$1" floor 2>/dev/null | sed -n 's/^floor: \([0-9]*\) ms$/\1/p'
}

# oom_ms RLK: a default lab ./oom in the guest, checked to end as the lab does.
oom_ms() {
	local start out

	start=$(now_ms)
	out=$("$1" exec -- 'cd oom_user_app && ./oom' 2>&1)
	grep -q 'victim signalled: 9' <<<"$out" || {
		echo "bench: ./oom did not end with 'victim signalled: 9'" >&2
		return 1
	}
	echo $(($(now_ms) - start))
}

# repeat N CMD...: CMD's figure N times, one per line.
repeat() {
	local n=$1 i

	shift
	for ((i = 0; i < n; i++)); do
		"$@"
	done
}

# cold_and_floor RLK: RUNS lines "FLOOR COLD", the bare kernel's boot and
# a cold exec -- true taken in turn, so that the host's drift weighs on
# both alike. Each timed boot follows an untimed one of its own kind:
# what ran just before sways a boot by up to 150 ms here (after an idle
# second, or after the other kind, both are slower).
cold_and_floor() {
	local i floor cold

	for ((i = 0; i < RUNS; i++)); do
		floor_ms "$1" >/dev/null
		floor=$(floor_ms "$1")
		wall_ms env RLK_SNAPSHOT=0 "$1" exec -- true >/dev/null
		cold=$(wall_ms env RLK_SNAPSHOT=0 "$1" exec -- true)
		echo "$floor $cold"
	done
}

main() {
	local arch rlk floor cold warm oom

	PAIRS=$(mktemp)
	trap 'rm -f "$PAIRS"' EXIT

	printf '%-7s %9s %9s %7s %9s %13s\n' arch "floor ms" "cold ms" "x floor" \
		"warm ms" "./oom run ms"
	for arch in $ARCHES; do
		rlk=$TOP/run_rlk_$arch.sh
		"$rlk" build >/dev/null
		"$rlk" exec -- true >/dev/null 2>&1
		cold_and_floor "$rlk" > "$PAIRS"
		floor=$(cut -d' ' -f1 "$PAIRS" | median)
		cold=$(cut -d' ' -f2 "$PAIRS" | median)
		warm=$(repeat "$RUNS" wall_ms "$rlk" exec -- true | median)
		oom=$(repeat 3 oom_ms "$rlk" | median)
		printf '%-7s %9s %9s %7s %9s %13s\n' "$arch" "$floor" "$cold" \
			"$(awk -v c="$cold" -v f="$floor" 'BEGIN { printf "%.2f", c / f }')" \
			"$warm" "$oom"
	done
	echo "medians of $RUNS runs (./oom: 3), RLK_SMP=${RLK_SMP:-2}, RLK_MEM=${RLK_MEM:-1024M};" \
		"targets: cold <= 1.20 x floor, warm <= 500 ms on arm64"
}

main "$@"

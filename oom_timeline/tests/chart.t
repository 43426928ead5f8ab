#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/chart.t - "oom-timeline chart" on a synthetic timeline with
# known answers (tests/lib.sh) and on real recordings from the three
# guests (tests/fixtures): the zone, the kill's K where it belongs, the
# watermark crossings, the events in order with the flood collapsed,
# every line within the width; and what a bad file gets.
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# widest FILE: the length of FILE's longest line.
widest() {
	awk '{ if (length > w) w = length } END { print w + 0 }' "$1"
}

# flat FILE: FILE's lines joined by spaces (a wrapped sentence whole).
flat() {
	tr '\n' ' ' <"$1"
}

# line_of FILE ERE: the number of the first line matching ERE (0: none).
# shellcheck disable=SC2317 # called by in_order, called through ok
line_of() {
	grep -nE -m1 -- "$2" "$1" | cut -d: -f1 || echo 0
}

# in_order FILE ERE...: do the EREs match lines of FILE in this order?
# shellcheck disable=SC2317 # called through ok
in_order() {
	local file=$1 prev=0 n
	shift
	for re in "$@"; do
		n=$(line_of "$file" "$re")
		((n > prev)) || { diag "'$re' at line $n, not after line $prev"; return 1; }
		prev=$n
	done
}

synthetic() {
	local out=$WORK/syn.out axis
	synthetic_timeline "$WORK/syn.t"
	"$OT" chart "$WORK/syn.t" >"$out"
	diag "$(cat "$out")"
	is 80 "$(widest "$out")" "synthetic: lines fill 80 columns and no more"
	like "$(cat "$out")" "^Zone Normal: free memory" \
		"synthetic: the zone is the biggest the kernel weighed (Normal)"
	# The whole run is 0.00 to 1.00 s over 55 columns after a 9-column
	# margin: the kill at 0.905 s is in column 49, character 59.
	axis=$(sed -n '/^Zone Normal: free memory/,/^ *+/p' "$out" | tail -n 1)
	is K "${axis:58:1}" "synthetic: K on the whole run's axis at 0.905 s (column 59)"
	is 1 "$(tr -cd K <<<"$axis" | wc -c)" "synthetic: one kill, one K"
	like "$(flat "$out")" "Normal free went under high at 0.880 s, low at 0.880 s, min at 0.890 s; the kill at 0.905 s\." \
		"synthetic: when the watermarks were crossed"
	ok "synthetic: events in order: kswapd, reclaim flood, retries, kill, reaper" \
		in_order "$out" "kswapd woke x1" "direct reclaim x1000 by oom \(2 tasks\)" \
		"oom:reclaim_retry_zone x32, last: Normal available 1600 min 2000" \
		"^K 0\.905 +oom:mark_victim: kills pid 100 \(victim\)" "oom:wake_reaper pid=100" \
		"kswapd slept x1"
	like "$(cat "$out")" "^  0\.500-0\.900 +direct reclaim x1000" \
		"synthetic: the flood is one line with its first and last time"
	like "$(cat "$out")" "^PSI some\|.*\| peak 50%" "synthetic: PSI some peaks at 50%"
	like "$(cat "$out")" "^PSI full\|.*\| peak 25%" "synthetic: PSI full peaks at 25%"
	"$OT" chart -w 40 "$WORK/syn.t" >"$WORK/syn40.out"
	is 40 "$(widest "$WORK/syn40.out")" "synthetic: --width 40 fits 40 columns"
	like "$(cat "$WORK/syn40.out")" "^K 0\.905" "synthetic: --width 40 still marks the kill"
	"$OT" chart --zone DMA "$WORK/syn.t" >"$WORK/dma.out"
	like "$(cat "$WORK/dma.out")" "^Zone DMA: free memory" "--zone DMA draws DMA"
	"$OT" chart - <"$WORK/syn.t" >"$WORK/stdin.out"
	is "$(cat "$out")" "$(cat "$WORK/stdin.out")" "FILE - reads stdin"
}

# without_trace: a recording made without tracefs; the kill is still
# marked, from the oom_kill counter.
without_trace() {
	sed -e 's/^# trace: mono$/# trace: none: \/sys\/kernel\/tracing: Permission denied/' \
		-e '/^# events:/q' "$WORK/syn.t" >"$WORK/notrace.t"
	"$OT" chart "$WORK/notrace.t" >"$WORK/notrace.out"
	like "$(cat "$WORK/notrace.out")" "^Kernel events: not recorded \(none: /sys/kernel/tracing: Permission denied\)" \
		"no trace: the chart says why there are no events"
	like "$(flat "$WORK/notrace.out")" "oom_kill counted at 0\.910 s" \
		"no trace: the kill comes from the oom_kill counter"
}

# real ARCH-WHAT: a recording from a guest.
real() {
	local f=$FIXTURES/$1.timeline out=$WORK/$1.out
	"$OT" chart "$f" >"$out"
	ok "$1: at most 80 columns" test "$(widest "$out")" -le 80
	like "$(sed -n '/whole run/,/^ *+/p' "$out" | tail -n 1)" "K" "$1: the kill is on the axis"
	like "$(cat "$out")" "^K [0-9.]+ +oom:mark_victim: kills pid [0-9]+" "$1: the kill in the events"
	like "$(cat "$out")" "went under high at" "$1: the watermark crossings"
}

bad_files() {
	local rc=0
	"$OT" chart /nonexistent/x.t >"$WORK/out" 2>"$WORK/err" || rc=$?
	is 1 "$rc" "a missing file: exit 1"
	is "oom-timeline: /nonexistent/x.t: No such file or directory" "$(cat "$WORK/err")" \
		"a missing file: says so"
	rc=0
	"$OT" chart "$COMP_DIR/Makefile" >"$WORK/out" 2>"$WORK/err" || rc=$?
	is 1 "$rc" "not a timeline: exit 1"
	like "$(cat "$WORK/err")" "^oom-timeline: .*/Makefile: not an oom-timeline file" \
		"not a timeline: says so"
	sed '15s/ .*/ x/' "$WORK/syn.t" >"$WORK/broken.t"
	rc=0
	"$OT" chart "$WORK/broken.t" >"$WORK/out" 2>"$WORK/err" || rc=$?
	is 1 "$rc" "a broken sample line: exit 1"
	like "$(cat "$WORK/err")" "^oom-timeline: .*broken\.t: line 15: " "a broken line: its number"
	rc=0
	"$OT" chart --zone Foo "$WORK/syn.t" >"$WORK/out" 2>"$WORK/err" || rc=$?
	is 1 "$rc" "--zone Foo: exit 1"
	like "$(cat "$WORK/err")" "no zone 'Foo' in the file" "--zone Foo: says so"
}

main() {
	plan 37
	build
	synthetic
	without_trace
	real arm64-oom
	like "$(cat "$WORK/arm64-oom.out")" "free without CMA" \
		"arm64: the CMA area is taken out of what the request could use"
	real x86_64-oom
	real arm32-insmod
	like "$(cat "$WORK/arm32-insmod.out")" "kills pid [0-9]+ \(insmod\)" \
		"arm32 module run: insmod is the victim"
	bad_files
	done_testing
}

main "$@"

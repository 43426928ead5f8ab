#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/guest/timeline.t - the timeline reaches the host: RLK_TIMELINE on
# exec and on scenario (the file, its chart on the terminal, its
# picture), and make demo's two runs charted in the guest and plotted on
# the host. oom_timeline/tests checks the recording itself.

set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/lib/tap.sh"

RLK=$TOP/run_rlk_arm64.sh
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# kill_time FILE: the time of the oom:mark_victim event in a timeline.
kill_time() {
	awk '$2 == "oom:mark_victim" { print $1; exit }' "$1"
}

# check_exec: RLK_TIMELINE=FILE on exec of the lab's ./oom.
check_exec() {
	local rc=0 t

	RLK_TIMELINE=$WORK/oom "$RLK" exec -- 'cd oom_user_app && ./oom --quiet' \
		> "$WORK/exec.out" 2> "$WORK/exec.err" || rc=$?
	is 0 "$rc" "exec with RLK_TIMELINE keeps ./oom's status"
	like "$(cat "$WORK/exec.out")" "^victim signalled: 9" "./oom's output is as before"
	is "# oom-timeline 1" "$(head -n 1 "$WORK/oom" 2>/dev/null)" \
		"RLK_TIMELINE holds the guest's timeline"
	t=$(kill_time "$WORK/oom")
	like "$t" "^[0-9]+\.[0-9]+$" "the timeline holds the kill (oom:mark_victim at ${t:-none} s)"
	like "$(cat "$WORK/exec.err")" "^K +[0-9.]+ +oom:mark_victim: kills pid [0-9]+ \(oom\)" \
		"the chart on the terminal marks the kill"
	like "$(cat "$WORK/exec.err")" "^ +min\|-+.*\| min +[0-9]+$" \
		"the chart draws the zone's min watermark"
	like "$(head -c 200 "$WORK/oom.svg" 2>/dev/null)" "<svg" "RLK_TIMELINE.svg is an SVG picture"
	like "$(cat "$WORK/oom.svg" 2>/dev/null)" "mark.victim" "the picture marks the kill"
}

# check_scenario: RLK_TIMELINE on a scenario; a panicking boot sends none.
check_scenario() {
	local rc=0

	RLK_TIMELINE=$WORK/sysrq "$RLK" scenario sysrq > "$WORK/sysrq.out" 2>&1 || rc=$?
	is 0 "$rc" "scenario sysrq with RLK_TIMELINE exits 0"
	like "$(awk '$2 == "oom:mark_victim"' "$WORK/sysrq" 2>/dev/null)" 'comm=rlk-hog ' \
		"the scenario's timeline holds its kill, the holder's"
}

# check_demo: make demo charts both runs in the guest and plots them.
check_demo() {
	local rc=0 run

	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$TOP" demo \
		> "$WORK/demo.out" 2>&1 || rc=$?
	is 0 "$rc" "make demo exits 0"
	is 2 "$(grep -c '^K .*oom:mark_victim' "$WORK/demo.out")" \
		"make demo charts the kill of each of the lab's two runs"
	for run in oom insmod; do
		like "$(cat "$TOP/build/demo/arm64/$run.svg" 2>/dev/null)" "mark.victim" \
			"make demo plots the $run run to build/demo/arm64/$run.svg"
	done
}

plan 14
"$RLK" build > "$WORK/build.log" 2>&1 ||
	bail "run_rlk_arm64.sh build failed: $(tail -n 5 "$WORK/build.log")"
check_exec
check_scenario
check_demo
done_testing

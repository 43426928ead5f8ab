#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/memcg.t - the confined OOM: --memcg 64M ends with the victim
# SIGKILLed by the memory cgroup OOM killer, the parent alive and
# reporting, the kernel's kill line for that pid in the log, and the
# cgroup removed. Needs root and a memory cgroup controller (this host:
# cgroup v1; elsewhere v2).
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# lab_case: the default method, lab-style text output.
lab_case() {
	local mark out victim kline log mib
	mark=$(kmsg_mark)
	run_bg 60 --memcg 64M
	out=$(cat "$WORK/out")
	log=$(kernel_log_after "$mark")
	victim=$(sed -n 's/^expected victim is \([0-9]*\)\.$/\1/p' "$WORK/out")
	is 0 "$RC" "--memcg 64M: oom exits 0"
	like "$victim" "^[0-9]+$" "the lab's 'expected victim is PID.' line"
	like "$out" "^victim signalled: 9$" "the lab's 'victim signalled: 9' line"
	like "$log" "Memory cgroup out of memory: Killed process $victim \(oom\)" \
		"the kernel log has the memcg kill line for victim $victim"
	kline=$(sed -n 's/^kernel: //p' "$WORK/out")
	like "$kline" "^Memory cgroup out of memory: Killed process $victim \(oom\)" \
		"oom printed the kernel's kill line"
	ok "... exactly as the kernel logged it" grep -qF -- "$kline" <<<"$log"
	like "$out" "dmesg \| oom-analyze" "the hint to the log analyzer"
	is "" "$(grep -F "Killed process $PID (" <<<"$log" || true)" \
		"the parent ($PID) was not killed"
	mib=$(sed -n 's/^victim touched \([0-9]*\)\..*/\1/p' "$WORK/out")
	ok "the victim touched 40..64 MiB (got ${mib:-none})" \
		test "${mib:-0}" -ge 40 -a "${mib:-99}" -le 64
	is "" "$(oom_cgroups "$PID")" "the memory cgroup was removed"
	ok "no victim process is left" test ! -e "/proc/$victim"
}

# score_case: --oom-score-adj reaches the victim (the kernel shows it),
# not the parent's -1000.
score_case() {
	local json
	run_bg 60 --memcg 32M --oom-score-adj 500 --json
	json=$(cat "$WORK/out")
	is 0 "$RC" "--oom-score-adj 500 --json: oom exits 0"
	like "$(json_field "$json" kernel_line)" "oom_score_adj:500\"$" \
		"the kernel killed the victim with oom_score_adj 500"
	like "$(json_field "$json" memcg)" "/oom-$PID\"$" \
		"JSON names the cgroup that was used"
}

# method_cases: every other method ends in the same memcg OOM kill.
method_cases() {
	local m json
	for m in populate mlock thp malloc; do
		run_bg 60 --memcg 64M --method "$m" --json --quiet
		json=$(cat "$WORK/out")
		is "0 9 $m" "$RC $(json_field "$json" signal) $m" \
			"--method $m: victim SIGKILLed, oom exits 0"
	done
}

main() {
	plan 18
	build
	lab_case
	score_case
	method_cases
	done_testing
}

main "$@"

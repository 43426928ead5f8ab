#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/guest/scenarios.t - the catalogue of OOM scenarios: the list, bad
# names, the checks' own machinery on made-up events, and every scenario
# run in its guest: it must exit 0 (the scenario's checks of the kernel's
# answer passed, through oom-analyze --json) and its guest's kernel log
# must hold the line the scenario teaches.

set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/lib/tap.sh"

RLK=$TOP/run_rlk_arm64.sh
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Each scenario and a line its guest's kernel log must hold (for the
# ones that end without an OOM, a line of the scenario's own output).
SCENARIOS=(
	"global|Out of memory: Killed process [0-9]+ \(oom\)"
	"memcg|Memory cgroup out of memory: Killed process [0-9]+ \(oom\)"
	"memcg-group|Tasks in /grp are going to be killed due to memory.oom.group set"
	"memcg-high|out:throttled, not killed"
	"cpuset|oom-kill:constraint=CONSTRAINT_CPUSET"
	"mempolicy|oom-kill:constraint=CONSTRAINT_MEMORY_POLICY,nodemask=1"
	"overcommit-never|out:victim retcode: \(12\) Cannot allocate memory"
	"score-adj|Killed process [0-9]+ \(rlk-hog\).*oom_score_adj:1000"
	"allocating-task|Out of memory \(oom_kill_allocating_task\): Killed process [0-9]+ \(oom\)"
	"panic-on-oom|Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled"
	"sysrq|sysrq: Manual OOM execution"
	"no-victim|Out of memory and no killable processes"
	"zram|Total swap = 524284kB"
	"high-order|page allocation failure: order:4"
	"cma|free_cma:[0-9]+kB"
	"lowmem|DMA free:[0-9]+kB boost:[0-9]+kB min:[0-9]+kB"
)

# check_machinery: scenario_check on made-up events: a met expectation
# passes, an unmet one and a wrong status fail, with the reason.
check_machinery() {
	local out rc=0

	(
		PROG=scenarios.t
		# shellcheck source=../../scripts/lib/scenario.sh
		. "$TOP/scripts/lib/scenario.sh"
		echo '{"kind":"oom","constraint":"CONSTRAINT_NONE"}' > "$WORK/ev.json"
		scenario_check 1 0 "$WORK/ev.json" "status 0" '.[0].kind == "oom"'
	) > "$WORK/check-ok.out" || rc=$?
	is 0 "$rc" "scenario_check passes a met expectation"
	rc=0
	(
		PROG=scenarios.t
		. "$TOP/scripts/lib/scenario.sh"
		scenario_check 1 125 "$WORK/ev.json" "status 0" \
			'.[0].constraint == "CONSTRAINT_MEMCG"'
	) > "$WORK/check-bad.out" || rc=$?
	is 1 "$rc" "scenario_check fails an unmet expectation"
	out=$(cat "$WORK/check-bad.out")
	like "$out" "FAIL  boot 1: status 0 \(got 125\)" "a wrong status is named, with what came"
	like "$out" 'FAIL  boot 1: .*CONSTRAINT_MEMCG.* \(got false\)' \
		"an unmet jq test is named"
}

# check_list: --list has one line per scenario, in the table's names.
check_list() {
	local out names want

	out=$("$RLK" scenario --list)
	names=$(awk '{ print $1 }' <<< "$out" | sort | tr '\n' ' ')
	want=$(printf '%s\n' "${SCENARIOS[@]%%|*}" | sort | tr '\n' ' ')
	is "$want" "$names" "scenario --list names every scenario, once"
	like "$out" "^memcg-high +memory.high throttles" "each line: the name, then what it teaches"
}

# check_bad_name: a name not in the catalogue is a usage error.
check_bad_name() {
	local rc=0

	"$RLK" scenario no-such-thing > "$WORK/bad.out" 2>&1 || rc=$?
	is 2 "$rc" "an unknown scenario exits 2"
	like "$(cat "$WORK/bad.out")" "no scenario 'no-such-thing'" "and says so"
	rc=0
	"$RLK" scenario --bogus > "$WORK/bad.out" 2>&1 || rc=$?
	is 2 "$rc" "an unknown option exits 2"
}

# check_scenario NAME WANT: run it; exit 0, the verdict line, and WANT in
# its kernel log (out:WANT: in its output).
check_scenario() {
	local name=$1 want=$2 rc=0 where

	RLK_DMESG=$WORK/$name.dmesg "$RLK" scenario "$name" > "$WORK/$name.out" 2>&1 ||
		rc=$?
	is 0 "$rc" "scenario $name exits 0"
	[[ $rc == 0 ]] || diag "$(tail -n 30 "$WORK/$name.out")"
	like "$(cat "$WORK/$name.out")" "^scenario $name: the kernel did what this scenario teaches$" \
		"scenario $name: every check of the kernel's answer passed"
	if [[ $want == out:* ]]; then
		where=$WORK/$name.out
		want=${want#out:}
	else
		where=$WORK/$name.dmesg
	fi
	if grep -Eq -- "$want" "$where" 2>/dev/null; then
		_tap_result 0 "scenario $name: ${where##*.} holds /$want/"
	else
		_tap_result 1 "scenario $name: ${where##*.} holds /$want/"
	fi
}

# check_by_hand: a scenario typed at the console of `run`, as a student
# would: it ends as it should, the console's shell gets its own
# oom_score_adj back, and the shell comes back.
check_by_hand() {
	local line from to pid rc=0 console=$WORK/by-hand.console

	: > "$console"
	coproc GUEST { RLK_TIMEOUT=90 "$RLK" run 2>&1; }
	pid=$GUEST_PID
	exec {from}<&"${GUEST[0]}" {to}>&"${GUEST[1]}"
	while IFS= read -r line <&"$from"; do
		printf '%s\n' "${line%$'\r'}" >> "$console"
		if [[ $line == *"OOM lab guest: the project is at /mnt"* ]]; then
			# shellcheck disable=SC2016 # for the guest's shell
			echo 'sh /mnt/oom_scenarios/sysrq.sh; echo "by-hand status=$?"; echo "by-hand adj=$(cat /proc/$$/oom_score_adj)"; echo "by-hand analyzer=$(command -v oom-analyze)"; poweroff' >&"$to"
		fi
	done
	exec {from}<&- {to}>&-
	wait "$pid" || rc=$?
	is 0 "$rc" "by hand in run: the guest powers off cleanly"
	like "$(cat "$console")" "^by-hand status=0$" \
		"by hand in run: sh /mnt/oom_scenarios/sysrq.sh exits 0"
	like "$(cat "$console")" "sysrq: Manual OOM execution" \
		"by hand in run: the kernel's line is on the console"
	like "$(cat "$console")" "^by-hand adj=0$" \
		"by hand in run: the console's shell is back at oom_score_adj 0"
	like "$(cat "$console")" "^by-hand analyzer=/run/rlk/build/bin/oom-analyze$" \
		"by hand in run: the console's PATH has this guest's oom-analyze"
}

plan $((4 + 2 + 3 + 5 + 3 * ${#SCENARIOS[@]} + 1))
"$RLK" build > "$WORK/build.log" 2>&1 ||
	bail "run_rlk_arm64.sh build failed: $(tail -n 5 "$WORK/build.log")"
check_machinery
check_list
check_bad_name
check_by_hand
for entry in "${SCENARIOS[@]}"; do
	check_scenario "${entry%%|*}" "${entry#*|}"
done
like "$(cat "$WORK/panic-on-oom.dmesg.2" 2>/dev/null)" \
	"Out of memory: compulsory panic_on_oom is enabled" \
	"panic-on-oom's second boot (RLK_DMESG.2): a memcg OOM panics with =2"
done_testing

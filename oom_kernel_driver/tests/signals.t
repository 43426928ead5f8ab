#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck source-path=SCRIPTDIR
#
# signals.t - alloc-oom.ko in the ARM64 guest, insmod dying of a signal
# that is not the OOM killer's while the loop runs: the module's line
# must name that signal and must not claim the OOM killer. Two moments:
#   @fill  while memory is still plentiful (SIGHUP, SIGINT): the line is
#          "fatal signal SIGxxx";
#   @oom   inside the OOM phase, once the OOM killer has killed a task
#          at oom_score_adj 1000 (SIGINT, SIGKILL as from kill -9): the
#          line is "fatal signal SIGxxx, then an OOM victim" when the
#          dying insmod then met the OOM killer, which marks it an OOM
#          victim without killing it, and the mark must not be read as a
#          kill; plain "fatal signal SIGxxx" when the signal caught insmod
#          between two allocations. Three runs of each: the first case,
#          the one under test, must come up at least once.
# One guest boot.
set -euo pipefail
. "$(dirname "$0")/../../tests/lib/tap.sh"
. "$(dirname "$0")/lib.sh"

STEPS=(hup_fill:max_mb=0:HUP@fill int_fill:max_mb=0:INT@fill
	int_oom1:max_mb=0:INT@oom int_oom2:max_mb=0:INT@oom
	int_oom3:max_mb=0:INT@oom kill_oom1:max_mb=0:KILL@oom
	kill_oom2:max_mb=0:KILL@oom kill_oom3:max_mb=0:KILL@oom)
declare -A SIGNAL=([HUP]=1 [INT]=2 [KILL]=9)
# The @oom runs whose line carries the OOM victim mark, by signal.
declare -A MARKED=([INT]=0 [KILL]=0)

# check_signal STEP SIG WHEN: insmod died of SIG, the module's line names
# it, and the OOM killer killed something else or nothing.
check_signal() {
	local step=$1 sig=$2 when=$3 sec pid kills line then=

	sec=$(section "$step")
	pid=$(value "$step.pid")
	kills=$(killed "$sec")
	line=$(summary "$step")
	if [[ $when == oom && $line == *", then an OOM victim; freed" ]]; then
		then=", then an OOM victim"
		MARKED[$sig]=$((MARKED[$sig] + 1))
	fi
	is $((128 + SIGNAL[$sig])) "$(value "$step.rc")" \
		"$step: insmod died of SIG$sig (status $((128 + SIGNAL[$sig])))"
	like "$line" \
		"got [0-9]+ pages \\([0-9]+ MiB\\) in [0-9]+ ms with order=0 gfp=kernel, stopped: fatal signal SIG$sig$then; freed\$" \
		"$step: the module's line names SIG$sig${then:+ and the OOM victim mark}"
	ok "$step: no kill line for insmod (pid ${pid:-none})" \
		no_line "$kills" "^${pid:-none} "
	if [[ $when == oom ]]; then
		like "${kills%%$'\n'*}" '^[0-9]+ \(rlk-hog\)$' \
			"$step: the signal went out inside the OOM phase (the canary was killed first)"
	else
		ok "$step: the signal went out before memory ran out" \
			no_line "$sec" 'invoked oom-killer'
	fi
	is 0 "$(value "$step.held")" "$step: held_pages reads 0: all pages freed"
	is 0 "$(value "$step.rmmod")" "$step: rmmod works"
}

main() {
	local step spec sig

	plan 51
	build_guest
	guest_steps "${STEPS[@]}"
	is 0 "$GUEST_STATUS" "guest ran every step and powered off"
	for step in "${STEPS[@]}"; do
		spec=${step##*:}
		check_signal "${step%%:*}" "${spec%@*}" "${spec#*@}"
	done
	for sig in INT KILL; do
		ok "SIG$sig in the OOM phase: insmod met the OOM killer dying in ${MARKED[$sig]} of 3 runs (at least 1)" \
			test "${MARKED[$sig]}" -ge 1
	done
	[ "$TAP_FAILED" -eq 0 ] || show_guest
	done_testing
}

main "$@"

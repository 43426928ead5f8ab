#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/sigint.t - Ctrl-C cleanup: SIGINT or SIGTERM to the parent
# mid-run kills the victim, removes its memory cgroup, and leaves no
# process behind. A victim killed by another signal than the OOM
# killer's is reported, and is not the lab's ending (exit 1).
#
# To catch the victim mid-run, its output goes to a FIFO that the test
# stops reading after the first line: the victim soon blocks writing
# its per-chunk lines, alive in its cgroup with a few MiB, until the
# signal comes.
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# wait_gone PID SECONDS: wait until PID has exited; false on timeout.
wait_gone() {
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.1
	done
	return 1
}

# protected_score: what the parent's oom_score_adj should be: -1000 with
# CAP_SYS_RESOURCE (bit 24 of CapEff), else unchanged (containers).
protected_score() {
	local capeff
	capeff=$(awk '/^CapEff:/ { print $2 }' /proc/self/status)
	if (((16#$capeff >> 24) & 1)); then
		echo -1000
	else
		cat /proc/self/oom_score_adj
	fi
}

# interrupt_case SIGNAL ARGS...: start oom, check it mid-run, signal the
# parent, check that everything is gone.
interrupt_case() {
	local sig=$1 first victim cg rc=0 drain
	shift
	rm -f "$WORK/fifo"
	mkfifo "$WORK/fifo"
	"$OOM" "$@" --chunk 4K >"$WORK/fifo" 2>"$WORK/err" &
	PID=$!
	exec 3<"$WORK/fifo"
	read -r -t 10 first <&3 || true
	victim=${first//[!0-9]/}
	sleep 0.3	# the victim fills the FIFO and blocks

	ok "$sig $*: victim ${victim:-?} is running" test -d "/proc/${victim:-0}"
	is "$(protected_score)" "$(cat "/proc/$PID/oom_score_adj")" \
		"$sig $*: the parent has oom_score_adj $(protected_score)"
	is "$(cat /proc/self/oom_score_adj)" \
		"$(cat "/proc/${victim:-0}/oom_score_adj" 2>/dev/null)" \
		"$sig $*: the victim has the score oom had inherited"
	cg=$(oom_cgroups "$PID")
	if [[ " $* " == *" --memcg "* ]]; then
		ok "$sig $*: the victim is in the memory cgroup" \
			grep -qx "${victim:-none}" "${cg:-/nonexistent}/cgroup.procs"
	fi

	kill "-$sig" "$PID"
	cat <&3 >"$WORK/rest" &
	drain=$!
	wait_gone "$PID" 10 || true
	wait "$PID" || rc=$?
	wait "$drain" || true
	exec 3<&-

	is 1 "$rc" "$sig $*: oom exits 1 (interrupted)"
	like "$(cat "$WORK/err")" "^oom: interrupted: victim $victim killed" \
		"$sig $*: says it was interrupted"
	like "$(cat "$WORK/rest")" "^victim signalled: 9$" \
		"$sig $*: the victim was SIGKILLed"
	ok "$sig $*: the victim is gone" test ! -e "/proc/${victim:-0}"
	is "" "$(pgrep -f -- "$OOM" || true)" "$sig $*: no oom process is left"
	is "" "$(oom_cgroups "$PID")" "$sig $*: no memory cgroup is left"
}

# victim_signal_case: the victim ends by a signal other than the OOM
# killer's SIGKILL (here SIGTERM, sent to the victim itself): not the
# lab's ending, so oom says what killed it and exits 1.
victim_signal_case() {
	local first victim rc=0 drain
	rm -f "$WORK/fifo"
	mkfifo "$WORK/fifo"
	timeout 60 "$OOM" --memcg 64M --chunk 4K >"$WORK/fifo" 2>"$WORK/err" &
	PID=$!
	exec 3<"$WORK/fifo"
	read -r -t 10 first <&3 || true
	victim=${first//[!0-9]/}
	sleep 0.3	# the victim fills the FIFO and blocks
	kill -TERM "${victim:-0}" 2>/dev/null || true
	cat <&3 >"$WORK/rest" &
	drain=$!
	wait_gone "$PID" 10 || true
	wait "$PID" || rc=$?
	wait "$drain" || true
	exec 3<&-
	like "$(cat "$WORK/rest")" "^victim signalled: 15$" \
		"a victim SIGTERMed by someone else: oom says signal 15"
	is 1 "$rc" "and exits 1: not the OOM killer's SIGKILL the lab expects"
}

main() {
	plan 31
	build
	interrupt_case INT --memcg 64M
	interrupt_case TERM --memcg 64M
	interrupt_case INT --limit 1G
	victim_signal_case
	done_testing
}

main "$@"

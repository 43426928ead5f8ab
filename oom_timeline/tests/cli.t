#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/cli.t - the real binary on the host, with harmless commands:
# usage errors (one stderr line, the documented status), --help and
# --version, "record" passing on CMD's status, stdin, stdout and
# stderr, forwarding SIGTERM, --pid, refusing an unwritable FILE
# before running anything, and, where tracefs cannot be used (not
# root), recording the samples anyway and saying why. Tracing itself
# is tested in the guest (guest_arm64.t): the host's tracefs is left
# alone, so the root runs here use --no-trace.
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# Bad command lines: "args|exit status|text the one error line names".
BAD=(
	"|2|no subcommand"
	"frob|2|unknown subcommand 'frob'"
	"chart|2|chart: no FILE"
	"chart -w 20 x|2|--width '20': too small"
	"record -- true|125|-o FILE is required"
	"record -i 25ms -o F -- true|125|--interval '25ms': junk"
	"record -o F|125|no command"
)

# run ARGS...: oom-timeline ARGS, output in $WORK/out and $WORK/err
# (less the warning a root without CAP_SYS_RESOURCE gets), status in RC.
run() {
	RC=0
	"$OT" "$@" >"$WORK/out" 2>"$WORK/err.all" || RC=$?
	grep -v 'oom_score_adj -1000: .*may be OOM-killed$' "$WORK/err.all" >"$WORK/err" || true
}

# header FILE KEY: the value of "# KEY: value" in a timeline FILE.
header() {
	sed -n "s/^# $2: //p" "$1" | head -n 1
}

# samples FILE: the number of sample lines in a timeline FILE.
samples() {
	awk '/^# samples:/ { s = 1; next } /^# events:/ { s = 0 } s && /^[0-9]/ { n++ } END { print n + 0 }' "$1"
}

bad_lines() {
	local case args want msg
	for case in "${BAD[@]}"; do
		IFS='|' read -r args want msg <<<"$case"
		# shellcheck disable=SC2086 # ARGS is a word list on purpose
		run $args
		is "$want" "$RC" "'$args' exits $want"
		is 1 "$(wc -l <"$WORK/err")" "'$args': one line on stderr"
		like "$(cat "$WORK/err")" "^oom-timeline: .*$msg" "'$args' says $msg"
	done
}

help_version() {
	local opt missing=""
	run --help
	for opt in output interval pid buffer-kb nice no-trace width zone help version; do
		grep -qE -- "^ +(-[a-zA-Z], )?--$opt\b" "$WORK/out" || missing+=" --$opt"
	done
	is "" "$missing" "--help lists every option"
	like "$(cat "$WORK/out")" "^  125  record: usage error" "--help: the exit status table"
	run record --help
	like "$(cat "$WORK/out")" "^Usage: oom-timeline record" "record --help is the help"
	run --version
	like "$(cat "$WORK/out")" "^oom-timeline [0-9]+\.[0-9]+\.[0-9]+$" "--version"
}

record_basics() {
	run record --no-trace -o "$WORK/a.t" -- sh -c 'echo out; echo err >&2; exit 7'
	is 7 "$RC" "record exits with CMD's status (7)"
	is out "$(cat "$WORK/out")" "CMD's stdout is its own"
	is err "$(cat "$WORK/err")" "CMD's stderr is its own, nothing added"
	is "exit 7" "$(header "$WORK/a.t" ended)" "the file says how CMD ended"
	is "none: --no-trace" "$(header "$WORK/a.t" trace)" "the file says why it has no events"
	ok "the file has a first and a last sample" test "$(samples "$WORK/a.t")" -ge 2
	is hello "$(echo hello | "$OT" record --no-trace -o "$WORK/b.t" -- cat 2>/dev/null)" \
		"CMD's stdin is its own"
	run record --no-trace -o "$WORK/c.t" -- sh -c 'kill -TERM $$'
	is 143 "$RC" "CMD killed by SIGTERM: 128+15"
	is "signal 15" "$(header "$WORK/c.t" ended)" "... and the file says so"
	run record --no-trace -o "$WORK/d.t" -- "$WORK/no-such-command"
	is 127 "$RC" "CMD not found: 127"
	is "oom-timeline: $WORK/no-such-command: No such file or directory" "$(cat "$WORK/err")" \
		"CMD not found: says so"
	ok "CMD not found: no file left" test ! -e "$WORK/d.t"
	touch "$WORK/not-executable"
	run record --no-trace -o "$WORK/d.t" -- "$WORK/not-executable"
	is 126 "$RC" "CMD not executable: 126"
	run record --no-trace -o /nonexistent/dir/x.t -- touch "$WORK/ran"
	is 125 "$RC" "an unwritable FILE: 125"
	is "oom-timeline: /nonexistent/dir/x.t: No such file or directory" "$(cat "$WORK/err")" \
		"an unwritable FILE: says so"
	ok "an unwritable FILE: CMD never ran" test ! -e "$WORK/ran"
	run record --no-trace -i 5 -o "$WORK/e.t" -- sleep 0.3
	ok "-i 5 over 0.3 s: at least 40 samples ($(samples "$WORK/e.t"))" \
		test "$(samples "$WORK/e.t")" -ge 40
	"$OT" chart "$WORK/e.t" >"$WORK/chart" 2>&1
	like "$(cat "$WORK/chart")" "no OOM kill" "a recording without a kill charts too"
}

# signals: SIGTERM to the recorder reaches CMD, the file is written;
# a second one SIGKILLs a CMD that ignores it.
signals() {
	local rec rc=0 cmd_pid
	"$OT" record --no-trace -o "$WORK/s.t" -- sh -c "echo \$\$ > $WORK/pid; exec sleep 30" \
		>/dev/null 2>&1 &
	rec=$!
	sleep 0.5
	kill -TERM "$rec"
	wait "$rec" || rc=$?
	is 143 "$rc" "SIGTERM to the recorder: CMD gets it, 128+15"
	cmd_pid=$(cat "$WORK/pid")
	ok "... CMD is gone" bash -c "! kill -0 $cmd_pid 2>/dev/null"
	is SIGTERM "$(header "$WORK/s.t" interrupted)" "... the file is written and says so"
	rc=0
	"$OT" record --no-trace -o "$WORK/s2.t" -- sh -c "trap '' TERM; exec sleep 30" \
		>/dev/null 2>&1 &
	rec=$!
	sleep 0.5
	kill -TERM "$rec"
	sleep 0.3
	kill -TERM "$rec"
	wait "$rec" || rc=$?
	is 137 "$rc" "a CMD that ignores SIGTERM: the second one kills it (137)"
}

pid_mode() {
	local sleeper rc=0
	sleep 0.4 &
	sleeper=$!
	timeout 10 "$OT" record --no-trace -i 10 -o "$WORK/p.t" --pid "$sleeper" 2>/dev/null || rc=$?
	is 0 "$rc" "--pid: records until the process ends, exits 0"
	is "pid $sleeper gone" "$(header "$WORK/p.t" ended)" "--pid: the file says so"
	ok "--pid: samples while it ran" test "$(samples "$WORK/p.t")" -ge 20
	run record --no-trace -o "$WORK/q.t" --pid 999999999
	is 125 "$RC" "--pid of no process: 125"
}

# as_nobody: no right to tracefs: the samples anyway, and one line why.
as_nobody() {
	local dir=$WORK/nobody rc=0
	mkdir -m 1777 "$dir"
	chmod a+rx "$WORK" "$WORK/build" "$OT"
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$OT" record -o "$dir/n.t" -- sleep 0.3 >"$WORK/out" 2>"$WORK/err" || rc=$?
	is 0 "$rc" "not root: record still runs CMD and exits with its status"
	like "$(cat "$WORK/err")" "^oom-timeline: .*(tracefs|tracing).*: (Operation not permitted|Permission denied): recording without kernel events$" \
		"not root: one line says there will be no kernel events, and why"
	like "$(header "$dir/n.t" trace)" "^none: .*(Operation not permitted|Permission denied)" \
		"not root: the file says why it has no events"
	ok "not root: the samples are there (0.3 s, every 20 ms)" \
		test "$(samples "$dir/n.t")" -ge 10
	"$OT" chart "$dir/n.t" >"$WORK/chart"
	like "$(cat "$WORK/chart")" "^Kernel events: not recorded \(none: " \
		"not root: the chart says the events were not recorded"
}

main() {
	plan $((${#BAD[@]} * 3 + 35))
	build
	bad_lines
	help_version
	record_basics
	signals
	pid_mode
	if [[ $(id -u) == 0 ]]; then
		as_nobody
	else
		for _ in 1 2 3 4 5; do
			skip "needs root to switch to nobody" "not root: degrade"
		done
	fi
	done_testing
}

main "$@"

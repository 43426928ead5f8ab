#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/reaped.t - once the victim is reaped, its pid is free for any
# new process; a Ctrl-C or SIGTERM to oom after that must kill nothing.
#
# In a fresh pid namespace (pids are small and nothing else forks), oom
# runs --limit 1M --json with its stdout on a FIFO that the test has
# filled: the victim ends, is reaped, the text report is written to
# stderr, and oom blocks writing its JSON line. The test then starts a
# process with the victim's old pid (ns_last_pid), sends oom SIGTERM,
# and checks that this process lives on. Needs root (a pid namespace).
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# inner OOM DIR: runs as pid 1 of the new namespace; prints key=value
# lines for the checks.
# shellcheck disable=SC2317 # run through declare -f
inner() {
	local oom=$1 dir=$2 t victim parent other i rc=0
	cd "$dir"
	mkfifo json.fifo
	exec 3<>json.fifo
	head -c 65536 /dev/zero >&3	# a full pipe: oom's JSON line blocks
	timeout 60 "$oom" --limit 1M --quiet --json >json.fifo 2>err &
	t=$!
	for ((i = 0; i < 200; i++)); do
		grep -q '^victim touched' err 2>/dev/null && break
		sleep 0.05
	done
	sleep 0.1	# oom is now in, or about to be in, its blocked write
	victim=$(sed -n 's/^expected victim is \([0-9]*\)\.$/\1/p' err)
	parent=$(pgrep -P "$t" || true)
	echo "victim=$victim"
	echo "parent_waiting=$([[ -n $parent && -d /proc/$parent ]] && echo yes || echo no)"
	echo "reaped=$([[ -n $victim && ! -e /proc/$victim ]] && echo yes || echo no)"
	echo $((victim - 1)) >/proc/sys/kernel/ns_last_pid
	sleep 60 &
	other=$!
	echo "other=$other"
	kill -TERM "$parent" 2>/dev/null || true
	sleep 0.3
	echo "other_alive=$(kill -0 "$other" 2>/dev/null && echo yes || echo no)"
	head -c 65536 <&3 >/dev/null	# let oom write its line and end
	wait "$t" || rc=$?
	echo "rc=$rc"
	kill "$other" 2>/dev/null || true
}

# value KEY: the value of KEY= in the inner run's output.
value() {
	sed -n "s/^$1=//p" "$WORK/inner.out"
}

main() {
	[[ $(id -u) == 0 ]] || skip_all "not root: a pid namespace needs root"
	plan 5
	build
	mkdir "$WORK/run"
	unshare --pid --fork --mount-proc bash -c "$(declare -f inner); inner \"\$@\"" \
		_ "$OOM" "$WORK/run" >"$WORK/inner.out" 2>&1 || true
	diag "$(cat "$WORK/inner.out")"
	is yes "$(value parent_waiting)" "oom is still running after its report"
	is yes "$(value reaped)" "its victim $(value victim) is reaped"
	is "$(value victim)" "$(value other)" \
		"a new process took the victim's pid $(value victim)"
	is yes "$(value other_alive)" \
		"SIGTERM to oom did not kill that process"
	is 0 "$(value rc)" "oom exits 0 (the run had ended as expected)"
	done_testing
}

main "$@"

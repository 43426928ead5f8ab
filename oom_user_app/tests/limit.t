#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/limit.t - the dry run: --limit SIZE touches exactly SIZE across
# all threads, the victim exits 0, oom exits 0, and nothing is killed;
# --threads N really starts N allocating threads.
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

METHODS="mmap populate mlock thp malloc"

# run_oom ARGS...: run oom under timeout; output in $WORK/out, $WORK/err,
# exit status in RC.
run_oom() {
	RC=0
	timeout 60 "$OOM" "$@" >"$WORK/out" 2>"$WORK/err" || RC=$?
}

# json_case: the default run, --limit 32M, as JSON.
json_case() {
	local json pid mark
	mark=$(kmsg_mark)
	run_oom --limit 32M --json
	json=$(cat "$WORK/out")
	is 0 "$RC" "--limit 32M: oom exits 0"
	is 1 "$(wc -l <"$WORK/out")" "--json: exactly one line on stdout"
	is 33554432 "$(json_field "$json" touched_bytes)" \
		"--limit 32M: touched exactly 32 MiB"
	is '"exit"' "$(json_field "$json" ending)" "the victim exited"
	is 0 "$(json_field "$json" exit_code)" "... with status 0"
	pid=$(json_field "$json" victim_pid)
	is "" "$(kernel_log_after "$mark" | grep -F "Killed process $pid (" || true)" \
		"no OOM kill of victim $pid in the kernel log"
}

# text_case: three threads and a limit that is no multiple of the chunk.
text_case() {
	local out sum
	run_oom --limit 32M --threads 3 --chunk 5M
	out=$(cat "$WORK/out")
	is 0 "$RC" "--threads 3 --chunk 5M: oom exits 0"
	like "$out" "^expected victim is [0-9]+\.$" "the lab's first line"
	sum=$(awk '/^thread\([0-9a-f]+\), allocating [0-9]+ bytes\.$/ {
		s += $3 } END { print s }' "$WORK/out")
	is 33554432 "$sum" "the per-chunk lines add up to 32 MiB"
	is 7 "$(grep -c 'allocating' "$WORK/out")" "6 chunks of 5M and one of 2M"
	like "$out" "^victim retcode: \(0\) Success$" "the lab's retcode line"
	like "$out" "^victim touched 32\.0 MiB in [0-9.]+ s: [0-9.]+ MiB/s" \
		"the touched/speed report"
}

# method_cases: every method stops at the limit too.
method_cases() {
	local m
	for m in $METHODS; do
		run_oom --limit 12M --chunk 5M --method "$m" --json --quiet
		is "0 12582912" "$RC $(json_field "$(cat "$WORK/out")" touched_bytes)" \
			"--method $m: exit 0 after exactly 12 MiB"
	done
}

# task_count PID: the number of threads of PID, from /proc/PID/task.
task_count() {
	local entries=("/proc/$1/task/"*)
	[[ -e ${entries[0]} ]] || entries=()
	echo "${#entries[@]}"
}

# threads_case N [ARGS...]: count the victim's threads while it runs. Its
# output goes to a FIFO that is read up to the first line only: the
# threads soon block on their per-chunk lines, all of them started and
# none gone, until the parent is told to stop. The victim has N
# allocating threads and its main thread.
threads_case() {
	local want=$1 first victim tasks=0 i drain
	shift
	rm -f "$WORK/fifo"
	mkfifo "$WORK/fifo"
	timeout 60 "$OOM" --limit 1G --chunk 4K "$@" >"$WORK/fifo" 2>"$WORK/err" &
	exec 3<"$WORK/fifo"
	read -r -t 10 first <&3 || true
	victim=${first//[!0-9]/}
	for ((i = 0; i < 50; i++)); do
		tasks=$(task_count "${victim:-0}")
		((tasks >= want + 1)) && break
		sleep 0.1
	done
	sleep 0.2	# no more come
	is $((want + 1)) "$(task_count "${victim:-0}")" \
		"${*:-no --threads}: the victim runs $want allocating threads (+1 main)"
	kill -TERM $! 2>/dev/null || true	# timeout passes it on to oom
	cat <&3 >/dev/null &
	drain=$!
	wait "$drain" || true
	wait || true
	exec 3<&-
}

main() {
	plan 21
	build
	json_case
	text_case
	method_cases
	threads_case 1 --threads 1
	threads_case 3 --threads 3
	threads_case 7 --threads 7
	threads_case "$(getconf _NPROCESSORS_ONLN)"
	done_testing
}

main "$@"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/hog.t - rlk-hog on this host, at 8 MiB only: --hold really has
# the memory resident and says so on stdout, --exit exits 0 after the
# last progress line, --oom-score-adj reaches /proc, every fill is
# resident, and a refused mmap (an address-space limit) exits 3.
set -euo pipefail
# shellcheck source=../../../tests/lib/tap.sh
. "$(dirname "$0")/../../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# anon_kb PID: the anonymous memory of PID in kB, from smaps_rollup.
anon_kb() {
	sed -n 's/^Anonymous:[[:space:]]*\([0-9]*\) kB$/\1/p' \
		"/proc/$1/smaps_rollup" 2>/dev/null || true
}

# hold_case FILL: an 8 MiB --hold: the stdout line, then its anonymous
# memory as smaps_rollup counts it (RssAnon may lag up to 64 pages on
# kernels before 6.2).
hold_case() {
	local fill=$1 out=$WORK/hold-$1 tpid pid rss
	timeout 20 "$BIN/rlk-hog" 8M --fill "$fill" --oom-score-adj 500 \
		>"$out.out" 2>"$out.err" &
	tpid=$!
	wait_for "$out.out" "holds" 10 || diag "$(cat "$out.err")"
	like "$(cat "$out.out")" "^rlk-hog: [0-9]+ holds 8M$" \
		"--fill $fill --hold: 'rlk-hog: PID holds 8M' on stdout"
	pid=$(sed -n 's/^rlk-hog: \([0-9]*\) holds.*/\1/p' "$out.out")
	is "$tpid rlk-hog" "$(ps -o ppid= -o comm= -p "${pid:-1}" | xargs)" \
		"--fill $fill: PID is the hog (timeout's child)"
	rss=$(anon_kb "${pid:-0}")
	ok "--fill $fill: ${rss:-?} kB anonymous >= 8192 kB" test "${rss:-0}" -ge 8192
	is 500 "$(cat "/proc/${pid:-0}/oom_score_adj" 2>/dev/null)" \
		"--fill $fill: --oom-score-adj 500 is in /proc/PID/oom_score_adj"
	kill "$tpid"
	wait || true
}

# exit_case: --exit, with and without progress lines.
exit_case() {
	run_to "$WORK/exit" 20 "$BIN/rlk-hog" 8M --exit
	is 0 "$RC" "8M --exit: exits 0"
	is "rlk-hog: 8M of 8M touched" "$(cat "$WORK/exit.err")" \
		"8M --exit: the last progress line, on stderr"
	is "" "$(cat "$WORK/exit.out")" "8M --exit: nothing on stdout"
	run_to "$WORK/quiet" 20 "$BIN/rlk-hog" 5000 --exit --quiet
	is "0" "$RC$(cat "$WORK/quiet.err")" \
		"5000 --exit --quiet (not a page multiple): exits 0, silently"
}

# The mapping asks for more than the address space allowed: ENOMEM, as
# vm.overcommit_memory=2 gives it in the guest (tested there).
enomem_case() {
	# shellcheck disable=SC2016 # expanded by the inner bash
	run_to "$WORK/nomem" 20 bash -c 'ulimit -v 65536; exec "$0" 128M --exit' \
		"$BIN/rlk-hog"
	is 3 "$RC" "128M under ulimit -v 64M: mmap fails, exit 3"
	is "rlk-hog: mmap 128M: Cannot allocate memory" "$(cat "$WORK/nomem.err")" \
		"... saying 'rlk-hog: mmap 128M: Cannot allocate memory'"
}

# Nobody may not lower oom_score_adj below 0: exit 1, before touching.
score_case() {
	chmod -R a+rX "$WORK"
	run_to "$WORK/score" 20 setpriv --reuid=nobody --regid=nogroup \
		--clear-groups "$BIN/rlk-hog" 8M --exit --oom-score-adj -1000
	is 1 "$RC" "--oom-score-adj -1000 as nobody: exit 1"
	like "$(cat "$WORK/score.err")" \
		"^rlk-hog: setting oom_score_adj -1000: Permission denied$" \
		"... saying why, and nothing touched"
}

main() {
	local fill
	plan 20
	build
	for fill in zero text random; do
		hold_case "$fill"
	done
	exit_case
	enomem_case
	score_case
	done_testing
}

main "$@"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/cli.t - the real binaries on bad command lines: the documented
# exit status, exactly one stderr line "PROG: ..." naming the option and
# the value, nothing on stdout and nothing run; --help lists every
# option and the exit status table.
set -euo pipefail
# shellcheck source=../../../tests/lib/tap.sh
. "$(dirname "$0")/../../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# Bad command lines: "status|program and args|text the error must name".
# A valid --exit and a tiny SIZE come first where they fit, so even a
# parser bug could not start a big hog here.
BAD=(
	"2|rlk-hog|missing SIZE"
	"2|rlk-hog --exit 0|SIZE '0': must not be zero"
	"2|rlk-hog --exit 8Q|SIZE '8Q': junk"
	"2|rlk-hog --exit 2048G|SIZE '2048G': too large"
	"2|rlk-hog --exit 4K 4K|unexpected argument '4K'"
	"2|rlk-hog --exit 4K --fill=ones|--fill 'ones'"
	"2|rlk-hog --exit 4K --oom-score-adj=-1001|--oom-score-adj '-1001'"
	"2|rlk-hog --exit 4K --frobnicate|'--frobnicate'"
	"125|rlk-mbind|missing NODES"
	"125|rlk-mbind 0|missing CMD"
	"125|rlk-mbind 0- touch $WORK/ran|NODES '0-'"
	"125|rlk-mbind 2-1 touch $WORK/ran|NODES '2-1': range runs backwards"
	"125|rlk-mbind --preferred 0-1 touch $WORK/ran|--preferred takes one node"
	"125|rlk-mbind --bind --interleave 0 touch $WORK/ran|--bind and --interleave"
	"125|rlk-mbind 999 touch $WORK/ran|node 999: no such node"
	"2|rlk-psi --timeout 1 --window 100|--window '100': too small"
	"2|rlk-psi --timeout 1 --stall 2000|--stall 2000: longer than the window"
	"2|rlk-psi --timeout 1 --count 0|--count '0'"
	"2|rlk-psi --timeout 1 --timeout 1s|--timeout '1s'"
	"2|rlk-psi --timeout 1 memory|unexpected argument 'memory'"
	"2|rlk-psi --timeout 1 --cgroup $WORK/none|--cgroup $WORK/none: No such file"
)

# check_bad STATUS ARGS WANT: one bad command line, five checks.
check_bad() {
	local status=$1 args=$2 want=$3 prog=${2%% *} rest
	rest=${args#"$prog"}
	# shellcheck disable=SC2086 # ARGS is a word list on purpose
	run_to "$WORK/bad" 10 "$BIN/$prog" $rest
	is "$status" "$RC" "$args: exits $status"
	is 1 "$(wc -l <"$WORK/bad.err")" "$args: one line on stderr"
	like "$(cat "$WORK/bad.err")" "^$prog: .*$want" "$args: stderr names $want"
	is "" "$(cat "$WORK/bad.out")" "$args: nothing on stdout"
	ok "$args: nothing was run" test ! -e "$WORK/ran"
}

# check_help PROG OPTION...: --help lists each option, and the exit table.
check_help() {
	local prog=$1 help opt missing=""
	shift
	help=$("$BIN/$prog" --help)
	for opt in "$@"; do
		grep -qE -- "^  (-[a-zA-Z], )?--$opt\b" <<<"$help" ||
			missing+=" --$opt"
	done
	is "" "$missing" "$prog --help lists every option"
	like "$help" "^Exit status:$" "$prog --help has the exit status table"
	like "$("$BIN/$prog" -h)" "^Usage: $prog " "$prog -h is --help"
}

main() {
	local case status rest
	plan $((${#BAD[@]} * 5 + 12))
	build
	for case in "${BAD[@]}"; do
		status=${case%%|*}
		rest=${case#*|}
		check_bad "$status" "${rest%%|*}" "${rest#*|}"
	done
	check_help rlk-hog fill hold exit oom-score-adj quiet help
	check_help rlk-mbind bind preferred interleave help
	check_help rlk-psi cgroup full stall window count timeout help
	like "$("$BIN/rlk-hog" --help)" "^  3  mmap failed" \
		"rlk-hog --help: 3 is mmap failure"
	like "$("$BIN/rlk-mbind" --help)" "^  127  CMD was not found" \
		"rlk-mbind --help: 127 is CMD not found"
	like "$("$BIN/rlk-psi" --help)" "^  3  no PSI here" \
		"rlk-psi --help: 3 is no PSI"
	done_testing
}

main "$@"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/lib.sh - shared by the analyzer's .t files (source it after
# tests/lib/tap.sh). Builds the host and sanitizer programs out of tree,
# collects "ok - name" / "not ok - name" result lines from commands and
# C checkers, and replays them through tap.sh with one plan.

# The names below are used by the .t files that source this one.
# shellcheck disable=SC2034
COMP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOP=$(cd "$COMP_DIR/.." && pwd)
O=${OOM_ANALYZE_O:-$TOP/build/host/oom_log_analyzer}
ANALYZE=$O/oom-analyze
SAN_ANALYZE=$O/obj/san/oom-analyze
OOMCHECK=$O/obj/tests/oomcheck
FIXTURES=$COMP_DIR/tests/fixtures
# Sanitizer findings abort the run; leaks count as findings too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
RESULTS=$TMP/results
: > "$RESULTS"

# build_all: the analyzer, its test programs and the sanitizer builds,
# serialised with a lock so parallel .t files share one build.
build_all() {
	mkdir -p "$O"
	if ! flock "$O/.lock" make -s -C "$COMP_DIR" O="$O" test-progs san \
		> "$TMP/build.log" 2>&1; then
		cat "$TMP/build.log" >&2
		bail "cannot build oom-analyze and its tests in $O"
	fi
}

# check NAME CMD...: record a result, pass when CMD exits 0.
check() {
	local name=$1
	shift
	if "$@" >/dev/null 2>&1; then
		echo "ok - $name" >> "$RESULTS"
	else
		echo "not ok - $name" >> "$RESULTS"
	fi
}

# check_eq NAME EXPECTED ACTUAL: record a result, pass on equal strings.
check_eq() {
	if [ "$2" = "$3" ]; then
		echo "ok - $1" >> "$RESULTS"
	else
		{
			echo "not ok - $1"
			# every line a comment, so no line of a value reads
			# as a result when replayed
			diag "  expected: '$2'" "       got: '${3:0:400}'"
		} >> "$RESULTS"
	fi
}

# collect PREFIX: append the TAP result lines read on stdin, numbers
# dropped and names prefixed, to the results.
collect() {
	local line re='^(not )?ok ([0-9]+ )?- (.*)$'
	while IFS= read -r line; do
		if [[ $line =~ $re ]]; then
			echo "${BASH_REMATCH[1]}ok - $1${BASH_REMATCH[3]}"
		elif [[ $line == "#"* ]]; then
			echo "$line"
		fi
	done >> "$RESULTS"
}

# replay: print the plan and every collected result, then finish.
replay() {
	local line
	plan "$(grep -c '^\(not \)\?ok - ' "$RESULTS")"
	while IFS= read -r line; do
		case $line in
		"not ok - "*) ok "${line#not ok - }" false ;;
		"ok - "*) ok "${line#ok - }" true ;;
		*) echo "$line" ;;
		esac
	done < "$RESULTS"
	done_testing
}

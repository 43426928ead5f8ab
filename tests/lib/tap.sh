# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# tests/lib/tap.sh - TAP 13 output shared by every shell test (kselftest
# style). Source it, call plan, then one assertion per check. The exit
# status is the number of failed checks, capped at 254.

TAP_NUM=0
TAP_FAILED=0

# plan N: announce how many checks follow.
plan() {
	echo "TAP version 13"
	echo "1..$1"
}

# Every helper reads its values from here-strings, never from a pipe: a
# pipe into a reader that stops early (grep -q at the first match, head)
# kills the writer with SIGPIPE, and under pipefail a true match then
# reads as a failure, at random, once the value outgrows the pipe buffer.

# diag MSG...: comment lines prove shows with -v and on failure, one or
# more per MSG (each line of a MSG gets its own "# ").
diag() {
	local msg line
	for msg in "$@"; do
		while IFS= read -r line; do
			echo "# $line"
		done <<<"$msg"
	done
}

# _tap_shown VALUE: VALUE as a diagnostic shows it, cut to its first 2000
# characters with the full length said when longer.
_tap_shown() {
	if [ "${#1}" -le 2000 ]; then
		printf '%s' "$1"
	else
		printf '%s... (%d characters in all)' "${1:0:2000}" "${#1}"
	fi
}

# _tap_result STATUS NAME: print one result line and count failures.
_tap_result() {
	TAP_NUM=$((TAP_NUM + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $TAP_NUM - $2"
	else
		echo "not ok $TAP_NUM - $2"
		TAP_FAILED=$((TAP_FAILED + 1))
	fi
}

# ok NAME CMD...: pass when CMD exits 0.
ok() {
	local name=$1
	shift
	if "$@"; then
		_tap_result 0 "$name"
	else
		_tap_result 1 "$name"
	fi
}

# is EXPECTED ACTUAL NAME: pass when the two strings are equal.
is() {
	if [ "$1" = "$2" ]; then
		_tap_result 0 "$3"
	else
		_tap_result 1 "$3"
		diag "expected: '$1'" "     got: '$2'"
	fi
}

# like ACTUAL ERE NAME: pass when ACTUAL matches the extended regex.
like() {
	if grep -Eq -- "$2" <<<"$1"; then
		_tap_result 0 "$3"
	else
		_tap_result 1 "$3"
		diag "expected to match: $2" "got: $(_tap_shown "$1")"
	fi
}

# skip REASON NAME: a check that cannot run here, and why.
skip() {
	TAP_NUM=$((TAP_NUM + 1))
	echo "ok $TAP_NUM - $2 # SKIP $1"
}

# bail REASON: stop the whole run; the rest cannot mean anything.
bail() {
	echo "Bail out! $*"
	exit 255
}

# done_testing: exit with the failure count so prove and make agree.
done_testing() {
	[ "$TAP_FAILED" -gt 254 ] && TAP_FAILED=254
	exit "$TAP_FAILED"
}

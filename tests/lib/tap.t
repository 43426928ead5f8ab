#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/lib/tap.t - the shared TAP helpers of tests/lib/tap.sh, on values
# far larger than a pipe's buffer (64 KiB): a match at the start, in the
# middle and at the end must pass every time, a value without a match
# must fail, and the diagnostics must show what was compared. Failing
# checks run in a subshell with their own counters; their "not ok" line,
# diagnostics and exit status are captured and checked here.
#
#   prove tests/lib/tap.t
#   TAP_SH=/tmp/old-tap.sh prove tests/lib/tap.t   # another tap.sh
set -euo pipefail
TAP_SH=${TAP_SH:-$(dirname "$0")/tap.sh}
# shellcheck source=tap.sh
. "$TAP_SH"

# filler N: N numbered lines of 40 bytes (39 and a newline), none of
# them a marker.
filler() {
	printf 'filler line %06d, a large test value.\n' $(seq 1 "$1")
}

# child CMD...: run CMD in a subshell with fresh counters, then
# done_testing; prints its output and, last, "exit N". The counters are
# the subshell's own on purpose.
# shellcheck disable=SC2030,SC2031
child() {
	local out rc=0
	out=$(
		TAP_NUM=0
		TAP_FAILED=0
		"$@"
		done_testing
	) || rc=$?
	printf '%s\nexit %d\n' "$out" "$rc"
}

# line N[,M] TEXT: line N (to M) of TEXT.
line() {
	sed -n "$1p" <<<"$2"
}

# shellcheck disable=SC2031
main() {
	local body big start middle end out size n before after
	plan 29

	body=$(filler 5000)
	big=$body
	start="MARK-START
$body"
	middle="$(filler 2500)
MARK-MIDDLE
$(filler 2500)"
	end="$body
MARK-END"
	is 199999 "${#big}" "the large value: 5000 lines of 40 bytes, less a newline"

	# A match early in a large value: grep -q stops reading at once.
	like "$start" '^MARK-START$' "like: match on the first line of 200 kB"
	like "$middle" '^MARK-MIDDLE$' "like: match in the middle of 200 kB"
	like "$end" '^MARK-END$' "like: match on the last line of 200 kB"
	for size in 70 128 512 1024; do
		n=$((size * 1024 / 40))
		like "MARK-START
$(filler "$n")" 'MARK' "like: match at the start of $size KiB"
	done
	like "$start" '^filler line 000001,' "like: first filler line of 200 kB"

	# No match in a large value: not ok, and the diagnostics say why.
	out=$(child like "$big" 'NO-SUCH-MARK' "absent")
	is "not ok 1 - absent" "$(line 1 "$out")" \
		"like without a match in 200 kB: not ok"
	is "# expected to match: NO-SUCH-MARK" "$(line 2 "$out")" \
		"like without a match: the pattern in the diagnostics"
	is "# got: filler line 000001, a large test value." \
		"$(line 3 "$out")" "like without a match: the value's start shown"
	is "# filler line 000050, a large test value.
# ... (199999 characters in all)" "$(line 52,53 "$out")" \
		"like without a match: cut at 2000 characters, length said"
	is "exit 1" "$(tail -n 1 <<<"$out")" \
		"like without a match: done_testing exits 1"
	like "$start" '-START$' "like: a pattern that starts with '-'"
	out=$(child like "$big" 'NO-SUCH-MARK' "absent")
	is 1 "$(grep -c '^not ok' <<<"$out")" \
		"like without a match: one not ok, no other result line"

	# is on large values: equal passes, a last-byte difference fails.
	is "$end" "$body
MARK-END" "is: equal 200 kB values"
	out=$(child is "$end" "$body
MARK-ENd" "differs")
	is "not ok 1 - differs" "$(line 1 "$out")" \
		"is: a 200 kB value differing in its last byte: not ok"
	is "# expected: 'filler line 000001, a large test value." \
		"$(line 2 "$out")" "is: the expected value's first line shown"
	like "$out" "^# MARK-END'$" "is: the expected value shown to its end"
	like "$out" "^# MARK-ENd'$" "is: the actual value shown to its end"
	is "#      got: 'filler line 000001, a large test value." \
		"$(line 5003 "$out")" "is: got starts on its own line"
	is "exit 1" "$(tail -n 1 <<<"$out")" "is: done_testing exits 1"

	# diag: every line of every message, exactly, however many.
	out=$(diag "$big")
	is "# ${big//$'\n'/$'\n'# }" "$out" \
		"diag: 5000 lines, each with its own '# '"
	is "# one
# two" "$(diag one two)" "diag: one line per message"
	is "# a  b" "$(diag 'a  b')" "diag: spaces kept"

	# ok, skip and the counters over several results.
	out=$(child ok "true on 200 kB" grep -q MARK-START <<<"$start")
	is "ok 1 - true on 200 kB" "$(line 1 "$out")" "ok: a passing command"
	before=$TAP_FAILED
	out=$(child eval 'ok one false; skip why two; like x y three')
	after=$TAP_FAILED
	is "not ok 1 - one
ok 2 - two # SKIP why
not ok 3 - three
# expected to match: y
# got: x
exit 2" "$out" "counters: numbering and the failure count as exit status"
	is "$before" "$after" "the child's failures are its own"
	done_testing
}

main "$@"

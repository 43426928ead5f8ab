#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck source-path=SCRIPTDIR
#
# lib.t - the host-side helpers of lib.sh on large input (a kernel log
# of several OOM reports runs to hundreds of KB): each answer must be
# exact however far into the text the match is. No guest boot.
set -euo pipefail
. "$(dirname "$0")/../../tests/lib/tap.sh"
. "$(dirname "$0")/lib.sh"

# filler N: N numbered lines of about 100 bytes, like a kernel log.
filler() {
	awk -v n="$1" 'BEGIN {
		for (i = 1; i <= n; i++)
			printf "[%5d.%06d] Node 0 DMA: 2*4kB (UE) 1*8kB (E) 1*16kB (M) 3*32kB (UME) = 87552kB\n", i / 1000, i
	}'
}

# has_line TEXT ERE: the opposite of no_line (called through ok).
# shellcheck disable=SC2317
has_line() {
	! no_line "$@"
}

main() {
	local big first last

	plan 12
	big=$(filler 2500)
	first="first line: Killed process 7 (sh)"$'\n'$big
	last=$big$'\n'"last line: Killed process 9 (insmod)"
	ok "the text is over 200 KB (${#first} bytes)" test "${#first}" -gt 200000

	ok "no_line is false when the first line of 200 KB matches" \
		has_line "$first" '^first line'
	ok "no_line is false when the last line of 200 KB matches" \
		has_line "$last" '^last line'
	ok "no_line is true when no line of 200 KB matches" \
		no_line "$big" 'Killed process'
	is "7 (sh)" "$(killed "$first")" "killed finds the first line's kill in 200 KB"
	is "9 (insmod)" "$(killed "$last")" "killed finds the last line's kill in 200 KB"
	is "7 (sh)
9 (insmod)" "$(killed "$first"$'\n'"$last")" "killed lists every kill, in order"

	{
		echo "[    1.000000] rlk-test: begin one"
		echo "[    1.000001] rlk-test: one.rc=0"
		printf '%s\n' "$big"
		echo "[    9.000000] alloc_oom: insmod got 8 pages (0 MiB) in 1 ms with order=0 gfp=kernel, stopped: reached max_mb cap; freed"
		echo "[    9.000001] rlk-test: end one"
		echo "[    9.000002] rlk-test: begin two"
		printf '%s\n' "$big"
		echo "[    9.000003] rlk-test: two.rc=137"
		echo "[    9.000004] rlk-test: end two"
	} > "$DMESG"
	is 0 "$(value one.rc)" "value reads a record before 200 KB"
	is 137 "$(value two.rc)" "value reads a record after 400 KB"
	is 2504 "$(section one | wc -l)" "section holds exactly its step's lines"
	is "alloc_oom: insmod got 8 pages (0 MiB) in 1 ms with order=0 gfp=kernel, stopped: reached max_mb cap; freed" \
		"$(summary one)" "summary finds the module's line after 200 KB"
	is "" "$(summary two)" "summary of a step without one is empty"
	done_testing
}

main "$@"

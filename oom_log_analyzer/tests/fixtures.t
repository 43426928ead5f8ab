#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# fixtures.t - every tests/fixtures/NAME.log through oom-analyze --json
# (plain and ASan+UBSan), checked field by field against NAME.expected.
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

main() {
	local exp name log variant bin rc n=0
	build_all
	for exp in "$FIXTURES"/*.expected; do
		name=$(basename "$exp" .expected)
		log=${exp%.expected}.log
		n=$((n + 1))
		for variant in plain san; do
			bin=$ANALYZE
			[ "$variant" = san ] && bin=$SAN_ANALYZE
			rc=0
			"$bin" --json "$log" > "$TMP/out.jsonl" 2> "$TMP/err" ||
				rc=$?
			check_eq "$variant $name: exit status" 0 "$rc"
			check_eq "$variant $name: nothing on stderr" "" \
				"$(cat "$TMP/err")"
			"$OOMCHECK" "$variant $name" "$TMP/out.jsonl" "$exp" |
				collect "" || true
		done
	done
	check "found fixtures to test" test "$n" -ge 10
	replay
}

main "$@"

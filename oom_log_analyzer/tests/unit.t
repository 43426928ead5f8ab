#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# unit.t - the C unit tests (normalize, gfp, parse), each built plainly
# and with ASan+UBSan.
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

main() {
	local prog variant bin out rc planned
	build_all
	for prog in t_normalize t_gfp t_parse t_watermark; do
		for variant in plain san; do
			bin=$O/obj/tests/$prog
			[ "$variant" = san ] && bin=$O/obj/san/$prog
			rc=0
			out=$("$bin" 2>&1) || rc=$?
			printf '%s\n' "$out" | collect "$variant $prog: "
			check_eq "$variant $prog exits 0" 0 "$rc"
			planned=$(printf '%s\n' "$out" | sed -n 's/^1\.\.//p')
			check_eq "$variant $prog ran its plan" "$planned" \
				"$(printf '%s\n' "$out" | grep -c '^\(not \)\?ok ')"
		done
	done
	replay
}

main "$@"

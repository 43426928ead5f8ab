#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# robust.t - hostile and damaged input under ASan+UBSan: binary junk,
# NUL bytes, megabyte lines, truncated reports, over-full task tables,
# many events; never a crash or a hang, caps reported in the JSON.
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

LIMIT=${ROBUST_TIMEOUT:-120}

# san FILE: the sanitizer build on FILE as JSON; sets RC, keeps output.
san() {
	RC=0
	timeout "$LIMIT" "$SAN_ANALYZE" --json "$1" > "$TMP/out.jsonl" \
		2> "$TMP/err" || RC=$?
}

# no_crash NAME: the last run ended with status 0 or 1 and no report.
no_crash() {
	check "$1: no crash or hang (status 0/1)" test "$RC" -le 1
	check_eq "$1: no sanitizer report" "" "$(head -c 300 "$TMP/err")"
}

# valid_json NAME: every output line parses.
valid_json() {
	: > "$TMP/none.expected"
	"$OOMCHECK" "$1" "$TMP/out.jsonl" "$TMP/none.expected" |
		collect "" || true
	check "$1: output is valid JSON" "$OOMCHECK" "$1" "$TMP/out.jsonl" \
		"$TMP/none.expected"
}

check_junk() {
	awk 'BEGIN { srand(7); for (i = 0; i < 3000000; i++)
		printf "%c", int(rand() * 256) }' > "$TMP/junk.bin"
	san "$TMP/junk.bin"
	no_crash "3 MB of random bytes"
	check_eq "random bytes: no event, exit 1" 1 "$RC"
	# the same junk with a report in the middle
	{ head -c 1000000 "$TMP/junk.bin"; echo
	  cat "$FIXTURES/seed_x86_64_4.20_dmesg.log"
	  tail -c 1000000 "$TMP/junk.bin"; } > "$TMP/mixed.bin"
	san "$TMP/mixed.bin"
	no_crash "junk around a report"
	check_eq "junk around a report: found" 0 "$RC"
	check "junk around a report: victim intact" grep -q \
		'"victim":{"pid":6435,"comm":"oom"' "$TMP/out.jsonl"
}

check_nul_and_long_lines() {
	tr 'K' '\000' < "$FIXTURES/seed_x86_64_4.20_dmesg.log" > "$TMP/nul.log"
	san "$TMP/nul.log"
	no_crash "NUL bytes"
	valid_json "NUL bytes"
	awk 'BEGIN { for (i = 0; i < 1048576; i++) printf "x"; print "" }' \
		> "$TMP/mb.line"
	san "$TMP/mb.line"
	no_crash "a 1 MiB line"
	{ head -n 40 "$FIXTURES/seed_x86_64_4.20_dmesg.log"
	  printf '[81399.968306] Node 0 '; cat "$TMP/mb.line"
	  tail -n +41 "$FIXTURES/seed_x86_64_4.20_dmesg.log"; } > "$TMP/long.log"
	san "$TMP/long.log"
	no_crash "a 1 MiB line inside a report"
	check_eq "1 MiB line inside a report: found" 0 "$RC"
	check "the cap is reported" grep -q '"truncated":\["line"\]' \
		"$TMP/out.jsonl"
	check "facts after the long line kept" grep -q \
		'"reaper":{"pid":6435,"anon_rss_kb":0,' "$TMP/out.jsonl"
	head -c 100000 "$TMP/mb.line" | tr -d '\n' > "$TMP/nonl.log"
	printf '\n[ 1.0] x invoked oom-killer: gfp_mask=0xcc0, order=0' \
		>> "$TMP/nonl.log"
	san "$TMP/nonl.log"
	no_crash "last line without newline"
	check_eq "last line without newline: found" 0 "$RC"
}

check_truncated_reports() {
	local f n cut bad=0
	for f in "$FIXTURES/seed_arm64_5.0_module_cascade_panic.log" \
		"$FIXTURES/05_global_5.10-debian_x86_64_wrapped-line_parseoom-fixture.log" \
		"$FIXTURES/seed_arm32_4.0_serial.log"; do
		n=$(wc -l < "$f")
		for cut in $(seq 1 13 "$n"); do
			head -n "$cut" "$f" > "$TMP/cut.log"
			head -c 57 "$TMP/junk.bin" >> "$TMP/cut.log"
			san "$TMP/cut.log"
			if [ "$RC" -gt 1 ] || [ -s "$TMP/err" ] ||
				! "$OOMCHECK" x "$TMP/out.jsonl" \
					"$TMP/none.expected" >/dev/null; then
				bad=$((bad + 1))
				echo "# cut $(basename "$f") after $cut lines" \
					>> "$RESULTS"
			fi
		done
	done
	check_eq "reports cut anywhere: no crash, valid JSON" 0 "$bad"
}

check_caps() {
	{ echo "[ 1.0] big invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0"
	  echo "[ 1.1] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name"
	  awk 'BEGIN { for (i = 1; i <= 9000; i++)
		printf "[ 1.2] [%7d]     0 %5d     1000      %d    4096        0             0 t%d\n", i, i, i, i }'
	  echo "[ 1.3] Out of memory: Killed process 9000 (t9000) total-vm:4000kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0"
	} > "$TMP/big.log"
	san "$TMP/big.log"
	no_crash "9000 task rows"
	printf '{"event":0,"tasks_count":8192,"truncated":["tasks"],"victim":{"pid":9000,"comm":"t9000","oom_score_adj":0}}\n' \
		> "$TMP/big.expected"
	"$OOMCHECK" "9000 task rows" "$TMP/out.jsonl" "$TMP/big.expected" |
		collect "" || true
	"$ANALYZE" "$TMP/big.log" > "$TMP/big.txt" || true
	check "text says the table was cut" grep -q 'only the first 8192 kept' \
		"$TMP/big.txt"
}

check_many_events() {
	local i
	for i in $(seq 1 120); do
		sed "s/\[81399\./[$((81399 + i * 100))./" \
			"$FIXTURES/seed_x86_64_4.20_dmesg.log"
	done > "$TMP/many.log"
	san "$TMP/many.log"
	no_crash "120 events"
	check_eq "120 events, in order" "$(seq 0 119 | tr '\n' ' ')" \
		"$(sed 's/.*"event":\([0-9]*\).*/\1/' "$TMP/out.jsonl" |
			tr '\n' ' ')"
	check_eq "every event got its reaper line" 120 \
		"$(grep -c '"reaper":{"pid":6435' "$TMP/out.jsonl")"
}

main() {
	build_all
	: > "$TMP/none.expected"
	check_junk
	check_nul_and_long_lines
	check_truncated_reports
	check_caps
	check_many_events
	replay
}

main "$@"

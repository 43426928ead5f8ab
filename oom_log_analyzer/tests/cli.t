#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# cli.t - the command line: exit statuses, messages naming the file,
# stdin, several files, colour rules, and the text layout's sections.
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# run BIN ARGS...: run with stdin closed, keep stdout, stderr, status.
run() {
	RC=0
	"$@" > "$TMP/out" 2> "$TMP/err" < /dev/null || RC=$?
	OUT=$(cat "$TMP/out")
}

check_exit_codes() {
	local bin=$1 v=$2 f01=$FIXTURES/01_global_3.13_x86_64_cadvisor-fixture.log
	run "$bin" "$f01"
	check_eq "$v: an event found: exit 0" 0 "$RC"
	printf 'hello\nworld\n' > "$TMP/none.log"
	run "$bin" "$TMP/none.log"
	check_eq "$v: no event: exit 1" 1 "$RC"
	check_eq "$v: no event: nothing printed" "" "$OUT"
	run "$bin" "$TMP/does-not-exist.log"
	check_eq "$v: unreadable file: exit 2" 2 "$RC"
	check "$v: message names the file" grep -q \
		"oom-analyze: $TMP/does-not-exist.log: No such file" "$TMP/err"
	run "$bin" "$TMP"
	check_eq "$v: a directory: exit 2" 2 "$RC"
	check "$v: directory message names it" grep -q "$TMP: Is a directory" \
		"$TMP/err"
	run "$bin" "$f01" "$TMP/does-not-exist.log"
	check_eq "$v: good and bad file: exit 2" 2 "$RC"
	check "$v: good file still analysed" grep -q badsysprogram "$TMP/out"
	run "$bin" --bogus
	check_eq "$v: unknown option: exit 2" 2 "$RC"
	check "$v: unknown option: usage on stderr" grep -q '^Usage:' \
		"$TMP/err"
	run "$bin" --help
	check_eq "$v: --help: exit 0" 0 "$RC"
	check "$v: --help lists --json" grep -q -- '--json' "$TMP/out"
	run "$bin" --version
	check "$v: --version" grep -q '^oom-analyze [0-9]' "$TMP/out"
	RC=0
	"$bin" --json < "$f01" > "$TMP/out" 2>/dev/null || RC=$?
	check_eq "$v: stdin by default: exit 0" 0 "$RC"
	check "$v: stdin is named <stdin>" grep -q '"file":"<stdin>"' \
		"$TMP/out"
	RC=0
	"$bin" --json - < "$f01" > "$TMP/out" 2>/dev/null || RC=$?
	check_eq "$v: '-' is stdin" 0 "$RC"
}

check_multi_and_json() {
	local f03=$FIXTURES/03_global_2.6.32-el6_x86_64_two-events_luke-fixture.log
	local f01=$FIXTURES/01_global_3.13_x86_64_cadvisor-fixture.log
	run "$ANALYZE" --json "$f01" "$f03"
	check_eq "two files: three JSON lines" 3 "$(printf '%s\n' "$OUT" | wc -l)"
	check_eq "event numbers restart per file" "0 0 1" \
		"$(printf '%s\n' "$OUT" | sed 's/.*"event":\([0-9]*\).*/\1/' |
			tr '\n' ' ' | sed 's/ $//')"
	printf '%s\n' "$OUT" > "$TMP/multi.jsonl"
	printf '{"events":3}\n' > "$TMP/multi.expected"
	"$OOMCHECK" "two files" "$TMP/multi.jsonl" "$TMP/multi.expected" |
		collect "" || true
	check "every JSON key of the issue is present" grep -q \
		'"kind":.*"invoker":.*"gfp_mask":.*"gfp_flags":.*"order":.*"constraint":.*"memcg":.*"victim":.*"reaper":.*"zones":.*"tasks":.*"panic":' \
		"$TMP/multi.jsonl"
}

check_colour() {
	local f=$FIXTURES/seed_arm64_5.0_user_wrapped.log esc
	esc=$(printf '\033')
	run "$ANALYZE" "$f"
	check "not a tty: no colour" bash -c "! grep -q '$esc' '$TMP/out'"
	run "$ANALYZE" --color "$f"
	check "--color: colour" grep -q "$esc\[" "$TMP/out"
	run env NO_COLOR=1 "$ANALYZE" --color "$f"
	check "--color wins over NO_COLOR" grep -q "$esc\[" "$TMP/out"
	if command -v script >/dev/null; then
		NO_COLOR=1 script -qec "$ANALYZE $f" /dev/null > "$TMP/tty" \
			2>&1 || true
		check "tty + NO_COLOR: no colour" \
			bash -c "! grep -q '$esc\[3' '$TMP/tty'"
		env -u NO_COLOR script -qec "$ANALYZE $f" /dev/null \
			> "$TMP/tty" 2>&1 || true
		check "tty: colour" grep -q "$esc\[3" "$TMP/tty"
		script -qec "$ANALYZE --no-color $f" /dev/null > "$TMP/tty" \
			2>&1 || true
		check "tty + --no-color: no colour" \
			bash -c "! grep -q '$esc\[3' '$TMP/tty'"
	else
		echo "not ok - script(1) missing: cannot test a tty" >> "$RESULTS"
	fi
}

check_text() {
	local f=$FIXTURES/seed_arm64_5.0_user_wrapped.log s
	run "$ANALYZE" "$f"
	for s in When Kernel Invoker GFP Path Scope Zones Verdict Swap Tasks \
		"Top rss" Badness Victim Reaper Panic; do
		check "text has section $s" grep -q "^ *$s " "$TMP/out"
	done
	check "text: invoker and order" grep -q \
		'oom (pid 1743, oom_score_adj 0) asked for' "$TMP/out"
	check "text: one 4 KiB page" grep -q 'one 4 KiB page' "$TMP/out"
	check "text: decoded GFP" grep -q 'may sleep and reclaim' "$TMP/out"
	check "text: CMA explains the zone" grep -q \
		'usable 22284 kB <= floor 22528 kB (free 24040 - CMA 1756)' \
		"$TMP/out"
	check "text: victim chosen by badness" grep -q \
		'1. oom .*<- chosen' "$TMP/out"
	check "text: score recomputed" grep -q \
		'Kernel score 856, recomputed 856: matches' "$TMP/out"
	check "text: reaper freed" grep -q 'reaped pid 1740: freed 615.3 MiB' \
		"$TMP/out"
	check_eq "text: at most 80 columns" "" \
		"$(grep -v '^==' "$TMP/out" | awk 'length > 80')"
	check "text: about one screen" test "$(wc -l < "$TMP/out")" -le 50
	run "$ANALYZE" "$FIXTURES/seed_arm64_5.0_module_cascade_panic.log"
	check "text: sacrificed child explained" grep -q \
		'The kernel chose bash (pid 560) and killed its child' "$TMP/out"
	check "text: panic reported" grep -q \
		'Panic      yes: corrupted stack end' "$TMP/out"
	check "text: allocation failure has no victim" grep -q \
		'Victim     none: the allocation failed' "$TMP/out"
	run "$ANALYZE" "$FIXTURES/03_global_2.6.32-el6_x86_64_two-events_luke-fixture.log"
	check "text: old table lacks columns" grep -q \
		'no swap or page-table column' "$TMP/out"
	check "text: inferred GFP said so" grep -q \
		'inferred: pre-4.4 bit layout' "$TMP/out"
}

check_issue12() {
	local fx=$FIXTURES
	run "$ANALYZE" "$fx/guest_arm32_6.1_module.log"
	check "arm32 GFP_KERNEL: DMA floor is min alone" grep -q \
		'usable 3432 kB <= floor 3472 kB' "$TMP/out"
	check "arm32 GFP_KERNEL: no reserve of HighMem requests" \
		bash -c "! grep -q 'lowmem_reserve\[3\]' '$TMP/out'"
	check "arm32 GFP_KERNEL: verdict names DMA" grep -q \
		'DMA below min' "$TMP/out"
	check "totalpages counts zones not printed" grep -q \
		'totalpages 254979 = pages RAM - reserved' "$TMP/out"
	run "$ANALYZE" "$fx/synth_x86_64_6.1_atomic_order1.log"
	check "atomic: min lowered" grep -q 'min 4000 lowered to 1500' \
		"$TMP/out"
	check "order 1: fragmentation" grep -q 'no free block' "$TMP/out"
	check "no buddy lines: says there is no basis" grep -q \
		'no basis to say' "$TMP/out"
	run "$ANALYZE" "$fx/synth_6.1_group_sysrq_alloctask.log"
	check "sysrq: a manual OOM" grep -q \
		'event 2: manual OOM (sysrq-f), no allocation failed' "$TMP/out"
	check "tie: next is not the chosen task" grep -q \
		'next a (pid 400)' "$TMP/out"
	check "oom.group: all killed" grep -q \
		'3 tasks killed for this OOM: hog 303, worker 301,' "$TMP/out"
	check "allocating task: no ranking" grep -q \
		'Why: it was allocating (oom_kill_allocating_task)' "$TMP/out"
	run "$ANALYZE" "$fx/synth_2.6.32_vanilla_heuristic.log"
	check "2.6.32: no rss ranking" grep -q 'no ranking by rss' "$TMP/out"
	tail -n 3 "$fx/seed_x86_64_4.20_dmesg.log" > "$TMP/tail.log"
	run "$ANALYZE" "$TMP/tail.log"
	check "log starts mid-report: said so" grep -q \
		'the report began before the log starts' "$TMP/out"
}

# check_shapes: the text of issue 12's "Shapes it still misses".
check_shapes() {
	local fx=$FIXTURES
	run "$ANALYZE" "$fx/synth_arm64_6.1_16k_pages.log"
	check "16 KiB: one page" grep -q 'one 16 KiB page' "$TMP/out"
	check "16 KiB: badness pages" grep -q 'pages of 16 KiB' "$TMP/out"
	check "16 KiB: totalpages" grep -q '(16 KiB pages)' "$TMP/out"
	run "$ANALYZE" "$fx/synth_arm64_4.18_64k_pages.log"
	check "64 KiB: order-2 block" grep -q \
		'4 contiguous 64 KiB pages = 256 kB' "$TMP/out"
	run "$ANALYZE" "$fx/samsung_arm32_4.1_cpu_timestamp.log"
	check "path: a function, not a timestamp" grep -q \
		'^Path       kernfs_iop_follow_link$' "$TMP/out"
	check "path: unknown without symbols" grep -q \
		'^Path       unknown (the call trace names no caller)' "$TMP/out"
	check_eq "path: never an address or timestamp" "" \
		"$(grep -E '^Path +(\[|0x)' "$TMP/out")"
	run "$ANALYZE" "$fx/synth_x86_64_6.1_reaper_only.log"
	check "reaper only: report began before the log" grep -q \
		'the report began before the log starts' "$TMP/out"
	check "reaper only: victim from the reaper line" grep -q \
		'^Victim     java (pid 3131' "$TMP/out"
	run "$ANALYZE" "$fx/synth_x86_64_4.18-el8_backport_empty_constraint.log"
	check "unable to reap: said so" grep -q \
		'^Reaper     unable to reap pid 4242' "$TMP/out"
	run "$ANALYZE" "$fx/synth_x86_64_5.10_serial_kill_wrapped.log"
	check_eq "wrapped lines: no negative number" "" \
		"$(grep -e '-1 kB' "$TMP/out")"
	check "wrapped reaper: cut values said so" grep -q \
		'anon-rss now not readable' "$TMP/out"
	run "$ANALYZE" "$fx/synth_x86_64_5.10_panic_tails.log"
	check "panic tail: reason" grep -q \
		'^Panic      yes: System is deadlocked on memory$' "$TMP/out"
	check_eq "panic tail: both events panicked" 2 \
		"$(grep -c '^Panic      yes' "$TMP/out")"
}

# check_ranking_eras: the ranking rules the previous change added, by era.
check_ranking_eras() {
	local fx=$FIXTURES
	run "$ANALYZE" "$fx/synth_x86_64_3.10_4.9_root_bonus_threads.log"
	check "3.10: root bonus is adj - 30" grep -q \
		'2. rootd .* 471000 ' "$TMP/out"
	check "4.9: root bonus is 3% of its points" grep -q \
		'2. rootd .* 485970 ' "$TMP/out"
	check "thread, not child" grep -q \
		'pid 3003 is one of its$' "$TMP/out"
	check "thread: chosen found by tgid" bash -c \
		"! grep -q 'chosen task is not in the task table' '$TMP/out'"
	check "child sacrificed" grep -q \
		'The kernel chose bash (pid 4000) and killed its child' \
		"$TMP/out"
	run "$ANALYZE" "$fx/synth_x86_64_5.10_4.19_signed_cpuset.log"
	check "5.10: signed badness" grep -q '3. protected .* -799800 ' \
		"$TMP/out"
	check "4.19: badness at least 1" grep -q '3. protected .*  1 |' \
		"$TMP/out"
	check_eq "cpuset: eligible by intersecting nodes" 2 \
		"$(grep -c 'whose allowed nodes intersect its nodes' "$TMP/out")"
}

# check_swap_scores: the recomputed victim score of reports with swap in
# use: swapents count as pages of badness and swap as totalpages.
check_swap_scores() {
	local fx=$FIXTURES
	run "$ANALYZE" "$fx/seed_x86_64_4.20_dmesg.log"
	check "4.20, swap full: totalpages counts swap" grep -q \
		'totalpages 2000718 = pages RAM - reserved + swap' "$TMP/out"
	check "4.20, swap full: rss + swapents + page tables" grep -q \
		'1\. oom  *6435  *1915267 |' "$TMP/out"
	check "4.20, swap full: score recomputed exactly" grep -q \
		'Kernel score 957, recomputed 957: matches\.' "$TMP/out"
	run "$ANALYZE" "$fx/synth_x86_64_4.9_swap_root_score.log"
	check "4.9, swap: the root task's swap decides" grep -q \
		'1\. backupd  *2201  *709560 |' "$TMP/out"
	check "4.9, swap: the larger rss comes second" grep -q \
		'2\. java  *2230  *681406 |' "$TMP/out"
	check "4.9, swap: score recomputed exactly" grep -q \
		'Kernel score 459, recomputed 459: matches\.' "$TMP/out"
}

main() {
	build_all
	check_swap_scores
	check_ranking_eras
	check_issue12
	check_shapes
	check_exit_codes "$ANALYZE" plain
	check_exit_codes "$SAN_ANALYZE" san
	check_multi_and_json
	check_colour
	check_text
	replay
}

main "$@"

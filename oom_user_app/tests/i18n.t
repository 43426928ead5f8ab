#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/i18n.t - oom in Simplified Chinese through gettext (po/zh_CN.po).
# The catalogue is clean and has every message of the sources, none
# fuzzy. LANG=zh_CN.UTF-8, or LANGUAGE=zh_CN alone, gives Chinese; no
# locale variable, or LANGUAGE=en, gives English. The Chinese --help
# lists the same options with the descriptions in the same display
# column (CJK characters two columns wide). A usage error, the refusal
# of an unconfined run and a --memcg 64M OOM end with the same exit
# status in both languages, and the lab's ending line with the same
# numbers. Nothing is written into the source tree.
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=../../tests/lib/po.sh
. "$(dirname "$0")/../../tests/lib/po.sh"


# The catalogue of this build, not an installed one.
export TEXTDOMAINDIR=$WORK/build/locale

# run_lang [-u VAR]... [VAR=VALUE]... CMD...: run CMD with no locale
# variable but LANG (this shell's) and those given; output in WORK/out
# and WORK/err, exit status in RC.
run_lang() {
	RC=0
	env -u LANGUAGE -u LC_ALL -u LC_MESSAGES "$@" \
		>"$WORK/out" 2>"$WORK/err" || RC=$?
}

# cjk TEXT: "cjk" when TEXT holds a Chinese character, else "ascii".
cjk() {
	perl -CA -e 'print $ARGV[0] =~ /\p{Han}/ ? "cjk" : "ascii"' -- "$1"
}

# digits TEXT: the numbers in TEXT, space-separated.
digits() {
	grep -o '[0-9][0-9]*' <<<"$1" | paste -sd ' ' || true
}

# help_columns: for each option line of the --help on stdin, its long
# option and the display column its description starts at; for each
# continued description line, "+" and its column. CJK characters (East
# Asian wide and fullwidth) count two columns.
help_columns() {
	perl -CS -ne '
		sub width { my $w = 0;
			$w += /\p{Ea=W}|\p{Ea=F}/ ? 2 : 1 for split //, $_[0];
			return $w }
		if (/^(  (?:-[a-zA-Z], )?--([a-z][a-z-]*)(?: \S+)? +)\S/) {
			print "--$2 ", width($1), "\n";
			$in = 1;
		} elsif ($in && /^( +)\S/) {
			print "+ ", width($1), "\n";
		} else {
			$in = 0;
		}'
}

# widest: the display width of the widest line on stdin.
widest() {
	perl -CS -ne 'chomp; my $w = 0;
		$w += /\p{Ea=W}|\p{Ea=F}/ ? 2 : 1 for split //;
		$max = $w if $w > ($max // 0); END { print $max // 0, "\n" }'
}

# catalogue_checks: po/ compiles and translates every message of the
# sources, none fuzzy or stale (tests/lib/po.sh).
catalogue_checks() {
	is "" "$(po_problems "$COMP_DIR")" \
		"po/: msgfmt --check clean, every message translated, none fuzzy or stale"
}

# help_checks: the languages' --help, side by side.
help_checks() {
	local en zh
	run_lang -u LANG "$OOM" --help
	en=$(cat "$WORK/out")
	like "$en" "^Usage: oom" "no locale variable: the English --help"
	is ascii "$(cjk "$en")" "... without a Chinese character"
	run_lang LANG=C.UTF-8 "$OOM" --help
	is "$en" "$(cat "$WORK/out")" "LANG=C.UTF-8: the same English --help"

	run_lang LANG=zh_CN.UTF-8 "$OOM" --help
	zh=$(cat "$WORK/out")
	is "0 cjk" "$RC $(cjk "$zh")" "LANG=zh_CN.UTF-8: a Chinese --help, exit 0"
	is "$(help_columns <<<"$en" | grep -v '^+' | cut -d' ' -f1)" \
		"$(help_columns <<<"$zh" | grep -v '^+' | cut -d' ' -f1)" \
		"... listing the same long options"
	is "$(help_columns <<<"$en" | sort -u)" \
		"$(help_columns <<<"$zh" | sort -u)" \
		"... each description in the English display column"
	ok "... no line wider than 79 columns (got $(widest <<<"$zh"))" \
		test "$(widest <<<"$zh")" -le 79

	run_lang -u LANG LANGUAGE=zh_CN "$OOM" --help
	is "$zh" "$(cat "$WORK/out")" "LANGUAGE=zh_CN alone: the Chinese --help"
	run_lang LANG=zh_CN.UTF-8 LANGUAGE=en "$OOM" --help
	is "$en" "$(cat "$WORK/out")" \
		"LANG=zh_CN.UTF-8 LANGUAGE=en: the English --help"
}

# usage_checks: a bad value (after a valid --memcg and --limit, so no
# parser bug could start an unconfined run) in both languages.
usage_checks() {
	local args=(--memcg=16M --limit=1M --chunk=10X) rc_en err
	run_lang "$OOM" "${args[@]}"
	rc_en=$RC
	run_lang LANG=zh_CN.UTF-8 "$OOM" "${args[@]}"
	err=$(cat "$WORK/err")
	is "2 2" "$rc_en $RC" "a usage error exits 2 in English and in Chinese"
	is "1 cjk" "$(wc -l <"$WORK/err") $(cjk "$err")" \
		"... one line on stderr, in Chinese"
	like "$err" "^oom: --chunk '10X'" "... naming the option and the value"
}

# lab_guest: true on the lab's guest, where oom would not refuse.
lab_guest() {
	grep -q '\(^\| \)rlk\.bus=' /proc/cmdline 2>/dev/null ||
		grep -qs 'linux,dummy-virt' /proc/device-tree/compatible
}

# refusal_checks: no --memcg, --limit or --force outside the lab's guest:
# refused (exit 4) before anything starts. An address space limit of
# 256 MiB stands guard, should oom ever go ahead.
refusal_checks() {
	local rc_en err
	if lab_guest; then
		skip "the lab's guest: oom would not refuse" \
			"an unconfined run is refused in both languages"
		skip "the lab's guest" "... with one Chinese line"
		return
	fi
	# shellcheck disable=SC2016 # expanded by the inner sh
	run_lang sh -c 'ulimit -v 262144 && exec timeout 60 "$@"' _ "$OOM"
	rc_en=$RC
	# shellcheck disable=SC2016 # expanded by the inner sh
	run_lang LANG=zh_CN.UTF-8 sh -c \
		'ulimit -v 262144 && exec timeout 60 "$@"' _ "$OOM"
	err=$(cat "$WORK/err")
	is "4 4" "$rc_en $RC" \
		"an unconfined run outside the lab's guest exits 4 in both languages"
	is "1 cjk" "$(wc -l <"$WORK/err") $(cjk "$err")" \
		"... with one Chinese line on stderr"
}

# memcg_checks: the lab's run, confined to a 64M memory cgroup, in both
# languages. The report's last four lines are the ending ("victim
# signalled: 9"), the figures, the kernel's line and the hint.
memcg_checks() {
	local why="" rc_en en zh end_en end_zh pid
	if [[ $(id -u) != 0 ]]; then
		why="not root: --memcg needs root"
	elif ! memcg_hierarchy; then
		why="no memory cgroup controller is mounted"
	fi
	if [[ -n $why ]]; then
		skip "$why" "--memcg 64M exits the same in both languages"
		skip "$why" "... the English ending is victim signalled: 9"
		skip "$why" "... the Chinese ending carries the same numbers"
		skip "$why" "... the per-chunk lines give the chunk size"
		skip "$why" "... in Chinese"
		skip "$why" "... the kernel's line, untranslated, for the victim"
		return
	fi
	run_lang timeout 60 "$OOM" --memcg 64M
	rc_en=$RC
	en=$(cat "$WORK/out")
	run_lang LANG=zh_CN.UTF-8 timeout 60 "$OOM" --memcg 64M
	zh=$(cat "$WORK/out")
	end_en=$(tail -n 4 <<<"$en" | head -n 1)
	end_zh=$(tail -n 4 <<<"$zh" | head -n 1)
	is "0 0" "$rc_en $RC" "--memcg 64M exits 0 in both languages"
	is "victim signalled: 9" "$end_en" "... the English ending"
	is "cjk $(digits "$end_en")" "$(cjk "$end_zh") $(digits "$end_zh")" \
		"... the Chinese ending ($end_zh) carries the same numbers"
	like "$(sed -n 2p <<<"$zh")" "10485760" \
		"... the per-chunk lines give the chunk size"
	is cjk "$(cjk "$(sed -n 2p <<<"$zh")")" "... in Chinese"
	pid=$(digits "$(head -n 1 <<<"$zh")")
	like "$(tail -n 2 <<<"$zh" | head -n 1)" \
		"Memory cgroup out of memory: Killed process ${pid:-none} \(oom\)" \
		"... the kernel's line, untranslated, for victim ${pid:-none}"
}

main() {
	plan 21
	build
	catalogue_checks
	help_checks
	usage_checks
	refusal_checks
	memcg_checks
	done_testing
}

main "$@"

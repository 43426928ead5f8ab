#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/i18n.t - oom-timeline in Simplified Chinese (lab 9-8 of the
# Chinese lab book): the catalogue compiles and has every message
# translated; on every recording in tests/fixtures the Chinese chart
# states the English one's numbers, keeps its plots' '|' and '+' borders
# in the same display columns, fits 80 columns and still marks the kill
# with "K "; LANG=zh_CN.UTF-8 or LANGUAGE=zh_CN alone asks for Chinese,
# nothing asks for English; --help and a usage error in Chinese.
# Widths are display columns (a CJK character takes two), measured by
# perl's East_Asian_Width, not by the code under test.
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=../../tests/lib/po.sh
. "$(dirname "$0")/../../tests/lib/po.sh"

LOCALE=$WORK/build/locale

# english ARG...: oom-timeline ARG... as the host runs it by default
# (LANG=C.UTF-8, nothing else naming a language), the catalogue at hand.
english() {
	env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 \
		TEXTDOMAINDIR="$LOCALE" "$OT" "$@"
}

# chinese ARG...: oom-timeline ARG... with LANG=zh_CN.UTF-8 (a locale
# this host need not have).
chinese() {
	env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 \
		TEXTDOMAINDIR="$LOCALE" "$OT" "$@"
}

# chinese_in TEXT: does TEXT hold a Chinese character? (perl: grep's
# ranges of CJK characters are refused in C.UTF-8)
# shellcheck disable=SC2317 # called through ok
chinese_in() {
	perl -CSA -e 'exit($ARGV[0] =~ /\p{Han}/ ? 0 : 1)' "$1"
}

# numbers FILE: the numbers FILE states, sorted, one a line: the facts
# a translation must keep.
numbers() {
	grep -oE '[0-9]+(\.[0-9]+)?' "$1" | sort || true
}

# widest FILE: the display width of FILE's widest line.
widest() {
	perl -CSD -ne 'chomp; my $w = 0;
		$w += /\p{East_Asian_Width=Wide}|\p{East_Asian_Width=Fullwidth}/ ? 2 : 1
			for split //;
		$max = $w if $w > $max;
		END { print $max + 0, "\n" }' "$1"
}

# borders FILE: for each line of a plot (a row between '|' borders, or
# a time axis between '+'), the display columns of its borders, in
# order: what a translation must not move.
borders() {
	perl -CSD -ne 'chomp;
		sub width { my $w = 0;
			$w += /\p{East_Asian_Width=Wide}|\p{East_Asian_Width=Fullwidth}/ ? 2 : 1
				for split //, shift; $w }
		my $ch;
		if (/^[^|]*\|[ *.^:\@%#=+-]+\|/) { $ch = "|" }
		elsif (/^ +\+[-+K\[\]:]+\+$/) { $ch = "+" }
		else { next }
		my @cols; my $at = 0;
		for my $piece (split /\Q$ch\E/, $_, -1) {
			$at += width($piece);
			push @cols, $at;
			$at += 1;
		}
		pop @cols;
		print "$ch @cols\n"' "$1"
}

# catalogue: po/ compiles and translates every message of the sources,
# none fuzzy or stale (tests/lib/po.sh).
catalogue() {
	is "" "$(po_problems "$COMP_DIR")" \
		"po/: msgfmt --check clean, every message translated, none fuzzy or stale"
}

# fixture NAME: the chart of tests/fixtures/NAME.timeline in Chinese
# against the English one.
fixture() {
	local f=$FIXTURES/$1.timeline en=$WORK/$1.en zh=$WORK/$1.zh plots
	english chart "$f" >"$en"
	chinese chart "$f" >"$zh"
	diag "$(cat "$zh")"
	ok "$1: LANG=zh_CN.UTF-8 draws the chart in Chinese" chinese_in "$(cat "$zh")"
	is "$(numbers "$en")" "$(numbers "$zh")" \
		"$1: the Chinese chart states the English one's numbers"
	plots=$(borders "$en")
	ok "$1: there are plots to compare ($(wc -l <<<"$plots") lines)" \
		test "$(grep -c '^|' <<<"$plots")" -ge 20
	is "$plots" "$(borders "$zh")" \
		"$1: the plots' '|' and '+' borders are in the English columns"
	ok "$1: no line over 80 display columns ($(widest "$zh"))" \
		test "$(widest "$zh")" -le 80
	is "$(grep -c '^K .*oom:mark_victim' "$en" || true)" \
		"$(grep -c '^K .*oom:mark_victim' "$zh" || true)" \
		"$1: each kill's line still starts with K"
}

# languages: what asks for Chinese, and that nothing asking means English.
languages() {
	local f=$FIXTURES/x86_64-oom.timeline out
	out=$(env -u LANG -u LC_ALL -u LC_MESSAGES LANGUAGE=zh_CN \
		TEXTDOMAINDIR="$LOCALE" "$OT" chart "$f")
	ok "LANGUAGE=zh_CN alone: Chinese" chinese_in "$out"
	out=$(env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 LANGUAGE=zh_CN \
		TEXTDOMAINDIR="$LOCALE" "$OT" chart "$f")
	ok "LANGUAGE=zh_CN with LANG=C.UTF-8 (RLK_LANG's way): Chinese" \
		chinese_in "$out"
	out=$(english chart "$f")
	ok "no language asked for: English, not a Chinese character" \
		test "$(LC_ALL=C grep -c '[^ -~]' <<<"$out" || true)" = 0
	like "$out" "^Zone DMA32: free memory" "no language asked for: the English chart"
	is "$out" "$(env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG \
		TEXTDOMAINDIR="$LOCALE" "$OT" chart "$f")" \
		"LANG=C.UTF-8 and no LANG at all: the same English"
}

# help_and_errors: --help and a usage error, in Chinese.
help_and_errors() {
	local opt missing="" rc=0
	chinese --help >"$WORK/help"
	like "$(cat "$WORK/help")" "^用法：oom-timeline record" "--help in Chinese"
	for opt in output interval pid buffer-kb nice no-trace width zone help version; do
		grep -qE -- "^ +(-[a-zA-Z], )?--$opt\b" "$WORK/help" || missing+=" --$opt"
	done
	is "" "$missing" "--help in Chinese lists every option"
	ok "--help in Chinese: no line over 79 display columns ($(widest "$WORK/help"))" \
		test "$(widest "$WORK/help")" -le 79
	chinese chart -w 20 x >/dev/null 2>"$WORK/err" || rc=$?
	is 2 "$rc" "a usage error in Chinese: the same exit status (2)"
	like "$(cat "$WORK/err")" "^oom-timeline: --width '20'：太小" \
		"a usage error in Chinese: one line, the option and its value kept"
}

main() {
	local fixtures=("$FIXTURES"/*.timeline) f
	plan $((1 + 6 * ${#fixtures[@]} + 10))
	build
	catalogue
	for f in "${fixtures[@]}"; do
		fixture "$(basename "$f" .timeline)"
	done
	languages
	help_and_errors
	done_testing
}

main "$@"

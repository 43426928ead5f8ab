#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# i18n.t - oom-analyze in Simplified Chinese (lab 9-8 of the Chinese lab
# book): the catalogue compiles and translates every message, none fuzzy;
# on every fixture the Chinese text (plain and ASan+UBSan) states the
# English one's facts - numbers, kernel identifiers, process names -
# with its bars and table in the English columns, text after a label at
# column 11, no line over 79 columns; --json does not change with the
# language; what asks for Chinese and what for English; usage errors.
# Widths are display columns (a CJK character takes two), measured by
# perl's East_Asian_Width, not by the code under test.
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=../../tests/lib/po.sh
. "$(dirname "$0")/../../tests/lib/po.sh"

LOCALE=$O/locale
# perl: the display width of a string, wide and fullwidth characters 2
# shellcheck disable=SC2016 # perl code, not shell
WIDTH='sub width { my $w = 0;
	$w += /\p{Ea=W}|\p{Ea=F}/ ? 2 : 1 for split //, shift; $w }'

# build_mo: the program and its catalogues ($O/locale), besides what
# build_all makes.
build_mo() {
	if ! flock "$O/.lock" make -s -C "$COMP_DIR" O="$O" all \
		> "$TMP/mo.log" 2>&1; then
		cat "$TMP/mo.log" >&2
		bail "cannot build oom-analyze's catalogues in $O"
	fi
}

# english BIN ARG...: BIN as the host runs it by default (LANG=C.UTF-8,
# nothing else naming a language), the catalogues at hand.
english() {
	env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 \
		TEXTDOMAINDIR="$LOCALE" "$@"
}

# chinese BIN ARG...: BIN with LANG=zh_CN.UTF-8 (a locale this host need
# not have).
chinese() {
	env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 \
		TEXTDOMAINDIR="$LOCALE" "$@"
}

# has_han FILE: does FILE hold a Chinese character?
# shellcheck disable=SC2317 # called through check
has_han() {
	perl -CSD -ne '$n++ if /\p{Han}/; END { exit($n ? 0 : 1) }' "$1"
}

# differ A B: files A and B are not the same.
# shellcheck disable=SC2317 # called through check
differ() {
	! cmp -s "$1" "$2"
}

# facts TEXT JSON: what TEXT states, one fact a line, sorted: its
# numbers, its kernel identifiers (words with '_' or a digit, runs of 2-4
# capitals: GFP_KERNEL, DMA32, CMA, OOM) and how often it names each
# process of JSON (names of 2+ characters, as whole words).
facts() {
	perl -CSD -MJSON::PP -e '
		my ($text, $json) = @ARGV;
		my (%comm, @out);
		open(my $j, "<:raw", $json) or die "$json: $!";
		while (my $line = <$j>) {
			my @todo = (JSON::PP->new->decode($line));
			while (@todo) {
				my $v = shift @todo;

				if (ref $v eq "HASH") {
					my $c = $v->{comm};

					$comm{$c} = 1 if defined $c && !ref $c;
					push @todo, values %$v;
				} elsif (ref $v eq "ARRAY") {
					push @todo, @$v;
				}
			}
		}
		open(my $t, "<", $text) or die "$text: $!";
		local $/;
		$_ = <$t>;
		push @out, "number $1" while /([0-9]+(?:\.[0-9]+)?)/g;
		for my $w (/([A-Za-z_][A-Za-z0-9_]*)/g) {
			push @out, "identifier $w" if $w =~ /[_0-9]/;
		}
		push @out, "identifier $1"
			while /(?<![A-Z])([A-Z]{2,4})(?![A-Z])/g;
		for my $c (sort keys %comm) {
			next if length($c) < 2;
			my $n = () = /(?<![\w.\/-])\Q$c\E(?![\w.\/-])/ag;
			push @out, "process $c x$n";
		}
		print "$_\n" for sort @out;' "$1" "$2"
}

# columns FILE: the display column of each bar (zones and ranking) and
# of the task table's "comm" head, in order: what a translation must
# not move.
columns() {
	perl -CSD -ne "$WIDTH"'
		print "bar ", width($1), "\n" if /^(.*?)\|[#.mlh ]{24}[|>]/;
		print "head ", width($1), "\n"
			if /  pid  / && /^(.*)comm$/;' "$1"
}

# layout FILE: the lines of FILE that break the layout: a labelled line
# whose text does not start at column 11, an indented line with Chinese
# in it that starts elsewhere than at column 2, 11 or 18, a line over 79
# columns (titles, which end with the file name, aside).
layout() {
	perl -CSD -ne "$WIDTH"'
		chomp;
		next if /^==/ || /^$/;
		if (/^(\S+ +)\S/) {
			print "label: $_\n" if width($1) != 11;
		} elsif (/^( +)\S/) {
			my $n = length $1;
			print "indent $n: $_\n" if /\p{Han}/ &&
				$n != 2 && $n != 11 && $n != 18;
		}
		print "width ", width($_), ": $_\n" if width($_) > 79;' "$1"
}

# catalogue: po/ compiles and translates every message of the sources,
# none fuzzy or stale, and po/oom-analyze.pot is up to date
# (tests/lib/po.sh).
catalogue() {
	check_eq "po/: msgfmt --check clean, every message translated, none fuzzy or stale" \
		"" "$(po_problems "$COMP_DIR")"
}

# fixture LOG: LOG's text in Chinese against the English, and its JSON.
fixture() {
	local log=$1 name en zh rc=0
	name=$(basename "$log" .log)
	en=$TMP/$name.en
	zh=$TMP/$name.zh
	english "$ANALYZE" "$log" > "$en"
	english "$ANALYZE" --json "$log" > "$TMP/$name.json"
	chinese "$ANALYZE" "$log" > "$zh" || rc=$?
	check_eq "$name: exit status in Chinese" 0 "$rc"
	check "$name: LANG=zh_CN.UTF-8 explains in Chinese" has_han "$zh"
	check "$name: the Chinese differs from the English" differ "$en" "$zh"
	check_eq "$name: the Chinese states the English facts" \
		"$(facts "$en" "$TMP/$name.json")" \
		"$(facts "$zh" "$TMP/$name.json")"
	check_eq "$name: bars and table head in the English columns" \
		"$(columns "$en")" "$(columns "$zh")"
	check_eq "$name: labels, indents and widths" "" "$(layout "$zh")"
	check_eq "$name: --json is the same in Chinese" \
		"$(cat "$TMP/$name.json")" \
		"$(chinese "$ANALYZE" --json "$log")"
	rc=0
	chinese "$SAN_ANALYZE" "$log" > "$TMP/san.out" 2> "$TMP/san.err" ||
		rc=$?
	check_eq "san $name: exit status in Chinese" 0 "$rc"
	check_eq "san $name: nothing on stderr" "" \
		"$(head -c 300 "$TMP/san.err")"
	check "san $name: the same Chinese" cmp -s "$zh" "$TMP/san.out"
}

# languages: what asks for Chinese, and that nothing asking is English.
languages() {
	local f=$FIXTURES/01_global_3.13_x86_64_cadvisor-fixture.log en
	en=$(english "$ANALYZE" "$f")
	env -u LANG -u LC_ALL -u LC_MESSAGES LANGUAGE=zh_CN \
		TEXTDOMAINDIR="$LOCALE" "$ANALYZE" "$f" > "$TMP/lang.out"
	check "LANGUAGE=zh_CN alone: Chinese" has_han "$TMP/lang.out"
	check_eq "LANG=zh_CN.UTF-8 with LANGUAGE=en: English" "$en" \
		"$(env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 LANGUAGE=en \
			TEXTDOMAINDIR="$LOCALE" "$ANALYZE" "$f")"
	check_eq "no language variable at all: English" "$en" \
		"$(env -u LANG -u LANGUAGE -u LC_ALL -u LC_MESSAGES \
			TEXTDOMAINDIR="$LOCALE" "$ANALYZE" "$f")"
	check_eq "the English is English: no Chinese character" 0 \
		"$(LC_ALL=C grep -c '[^ -~]' <<<"$en" || true)"
}

# usage: --help and a usage error, in Chinese.
usage_zh() {
	local rc=0
	chinese "$ANALYZE" --help > "$TMP/help" || rc=$?
	check_eq "--help in Chinese: exit 0" 0 "$rc"
	check "--help in Chinese" grep -q '^用法：oom-analyze' "$TMP/help"
	check "--help in Chinese lists --json" grep -q -- '^  --json  ' \
		"$TMP/help"
	rc=0
	chinese "$ANALYZE" --bogus > /dev/null 2> "$TMP/err" || rc=$?
	check_eq "unknown option in Chinese: exit 2" 2 "$rc"
	check "unknown option in Chinese: usage on stderr" \
		grep -q '^用法：' "$TMP/err"
	rc=0
	chinese "$SAN_ANALYZE" --bogus > /dev/null 2>&1 || rc=$?
	check_eq "san: unknown option in Chinese: exit 2" 2 "$rc"
}

main() {
	local log n=0
	build_all
	build_mo
	catalogue
	for log in "$FIXTURES"/*.log; do
		fixture "$log"
		n=$((n + 1))
	done
	check "found fixtures to test" test "$n" -ge 10
	languages
	usage_zh
	replay
}

main "$@"

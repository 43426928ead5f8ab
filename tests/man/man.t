#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/man/man.t - the manual pages in man/: every page clean for
# mandoc -Tlint and groff -ww; the options of oom, oom-analyze and
# run_rlk_arm64.sh --help (and the script's commands and RLK_* knobs)
# exactly those the pages document; the module's parameters and their
# types exactly those of modinfo (or, with no fresh build, of the
# source); make install, man -w and man on the installed tree; and a
# self-check that a page or a help text one option short fails.
#
# The pages' tags (.TP) are read from mandoc's HTML, where each is a
# <dt> under its section's <h1>: in the terminal layout a tag of up to
# six columns shares its line with the text ("--json One JSON ..."),
# so columns cannot tell a tag from its description.
#
# Needs mandoc, groff-base and man-db; builds oom in a temporary folder
# (as oom_user_app/tests do) and oom-analyze in build/host (as
# oom_log_analyzer/tests do); runs oom only with --help.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"

TOP=$(cd "$(dirname "$0")/../.." && pwd)
MAN=$TOP/man
PAGES=(oom.1 oom-analyze.1 run_rlk_arm64.sh.1 alloc-oom.4)
LINKS=(run_rlk_arm32.sh.1 run_rlk_x86_64.sh.1)
ANALYZE_O=${OOM_ANALYZE_O:-$TOP/build/host/oom_log_analyzer}
WORK=$(mktemp -d /tmp/man-test.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# Help texts in English, whatever the caller's language: LANGUAGE alone
# would switch the programs to it even under LC_ALL=C (common/i18n.c).
C_LOCALE=(env -u LANGUAGE LC_ALL=C)

# need_tools: the linters and man itself, or stop with what to install.
need_tools() {
	local tool pkg missing=()

	for tool in mandoc:mandoc groff:groff-base man:man-db modinfo:kmod; do
		pkg=${tool#*:}
		tool=${tool%%:*}
		command -v "$tool" >/dev/null || missing+=("$pkg")
	done
	[[ ${#missing[@]} == 0 ]] ||
		bail "missing tools: install the Debian packages ${missing[*]}"
}

# build_programs: oom into WORK (the --help text only needs the binary),
# oom-analyze into the shared host build, under the analyzer tests' lock.
build_programs() {
	OOM=$WORK/oom/oom
	ANALYZE=$ANALYZE_O/oom-analyze
	if ! make -s -C "$TOP/oom_user_app" O="$WORK/oom" "$OOM" \
		>"$WORK/build.log" 2>&1; then
		diag "$(cat "$WORK/build.log")"
		bail "cannot build oom in $WORK/oom"
	fi
	mkdir -p "$ANALYZE_O"
	if ! flock "$ANALYZE_O/.lock" make -s -C "$TOP/oom_log_analyzer" \
		O="$ANALYZE_O" "$ANALYZE" >"$WORK/build.log" 2>&1; then
		diag "$(cat "$WORK/build.log")"
		bail "cannot build oom-analyze in $ANALYZE_O"
	fi
}

# silent NAME OUTPUT: pass when a linter said nothing; else show it.
silent() {
	if [[ -z $2 ]]; then
		ok "$1" true
	else
		ok "$1" false
		diag "$2"
	fi
}

# lint_pages: each page through both linters, each link its one line.
lint_pages() {
	local p out

	for p in "${PAGES[@]}"; do
		out=$(cd "$MAN" && mandoc -Tlint "$p" 2>&1) || true
		silent "man/$p: mandoc -Tlint says nothing" "$out"
		out=$(cd "$MAN" && groff -man -ww -z "$p" 2>&1) || true
		silent "man/$p: groff -man -ww -z says nothing" "$out"
	done
	for p in "${LINKS[@]}"; do
		is ".so man1/run_rlk_arm64.sh.1" "$(cat "$MAN/$p")" \
			"man/$p: the one line '.so man1/run_rlk_arm64.sh.1'"
	done
}

# page_tags PAGE SECTION...: the tags (.TP) of those sections of PAGE,
# one per line, as a reader sees them (fonts gone, spaces squeezed).
page_tags() {
	local page=$1 html
	shift
	html=$(mandoc -Thtml -Ofragment "$page" 2>/dev/null) || true
	# One <h1> or <dt> element per line, then the text of each.
	tr '\n' ' ' <<<"$html" |
		sed -E 's/<(h1|dt)[ >]/\n&/g; s/<\/(h1|dt)>/&\n/g' |
		awk -v want="|$(IFS='|' && echo "$*")|" '
		function text(s) {
			gsub(/<[^>]*>/, "", s)
			gsub(/&lt;/, "<", s)
			gsub(/&gt;/, ">", s)
			gsub(/&quot;/, "\"", s)
			gsub(/&#x27;|&#39;/, "\047", s)
			gsub(/&amp;/, "\\&", s)
			gsub(/[ \t]+/, " ", s)
			sub(/^ /, "", s)
			sub(/ $/, "", s)
			return s
		}
		/^<h1/ { section = text($0) }
		/^<dt/ && index(want, "|" section "|") { print text($0) }'
}

# help_tags TEXT: the left column of a help text: each line indented by
# exactly two spaces, up to the first run of two spaces.
help_tags() {
	sed -nE 's/^  ([^ ].*)$/\1/p' <<<"$1" | sed -E 's/  .*//'
}

# options TAGS: the options named in TAGS (-x, --long), one per line;
# a bare "--" (end of options) is not one.
options() {
	sed -E 's/[][ ,|()=]+/\n/g' <<<"$1" | sed -nE '/^--?[A-Za-z][A-Za-z0-9-]*$/p'
}

# set_diff A B: the lines of A that are not in B.
set_diff() {
	comm -23 <(sed '/^$/d' <<<"$1" | sort -u) <(sed '/^$/d' <<<"$2" | sort -u)
}

# compare_sets WHAT_A A WHAT_B B: print what only one side has, and
# fail, when the two sets of lines differ or A is empty.
compare_sets() {
	local only_a only_b

	only_a=$(set_diff "$2" "$4")
	only_b=$(set_diff "$4" "$2")
	if [[ -z $(sed '/^$/d' <<<"$2") ]]; then
		echo "nothing found in $1"
		return 1
	fi
	[[ -z $only_a && -z $only_b ]] && return 0
	[[ -z $only_a ]] || echo "in $1 but not in $3: $(paste -sd' ' <<<"$only_a")"
	[[ -z $only_b ]] || echo "in $3 but not in $1: $(paste -sd' ' <<<"$only_b")"
	return 1
}

# same_set NAME WHAT_A A WHAT_B B: one check that the two sets agree.
same_set() {
	local why

	if why=$(compare_sets "$2" "$3" "$4" "$5"); then
		ok "$1" true
	else
		ok "$1" false
		diag "$why"
	fi
}

# check_programs: the options of oom and oom-analyze, the commands,
# options and knobs of run_rlk_arm64.sh, help against page.
check_programs() {
	local help commands

	help=$("${C_LOCALE[@]}" "$OOM" --help)
	same_set "oom: --help options = man/oom.1 OPTIONS" \
		"oom --help" "$(options "$(help_tags "$help")")" \
		"man/oom.1 OPTIONS" "$(options "$(page_tags "$MAN/oom.1" OPTIONS)")"

	help=$("${C_LOCALE[@]}" "$ANALYZE" --help)
	same_set "oom-analyze: --help options = man/oom-analyze.1 OPTIONS" \
		"oom-analyze --help" "$(options "$(help_tags "$help")")" \
		"man/oom-analyze.1 OPTIONS" \
		"$(options "$(page_tags "$MAN/oom-analyze.1" OPTIONS)")"

	help=$("${C_LOCALE[@]}" "$TOP/run_rlk_arm64.sh" --help)
	# The commands' block: from "Commands:" to the blank line after it.
	commands=$(help_tags "$(sed -n '/^Commands:/,/^$/p' <<<"$help")")
	same_set "run_rlk_arm64.sh: --help commands = man page's COMMANDS" \
		"run_rlk_arm64.sh --help" \
		"$(sed -nE 's/^([a-z][a-z0-9_-]*).*/\1/p' <<<"$commands")" \
		"man/run_rlk_arm64.sh.1 COMMANDS" \
		"$(page_tags "$MAN/run_rlk_arm64.sh.1" COMMANDS |
			sed -nE 's/^([a-z][a-z0-9_-]*).*/\1/p')"
	same_set "run_rlk_arm64.sh: --help options = man page's COMMANDS and OPTIONS" \
		"run_rlk_arm64.sh --help" "$(options "$commands")" \
		"man/run_rlk_arm64.sh.1 COMMANDS and OPTIONS" \
		"$(options "$(page_tags "$MAN/run_rlk_arm64.sh.1" COMMANDS OPTIONS)")"
	same_set "run_rlk_arm64.sh: RLK_* in --help = man page's ENVIRONMENT" \
		"run_rlk_arm64.sh --help" \
		"$(grep -oE 'RLK_[A-Z0-9_]+' <<<"$help" || true)" \
		"man/run_rlk_arm64.sh.1 ENVIRONMENT" \
		"$(page_tags "$MAN/run_rlk_arm64.sh.1" ENVIRONMENT |
			sed -nE 's/^(RLK_[A-Z0-9_]+).*/\1/p')"
}

# source_params FILE: "name type" of each parameter declared in FILE:
# module_param(name, type, perm), module_param_named(name, var, type,
# perm), and module_param_cb(name, ...) with __MODULE_PARM_TYPE(name,
# "type") (no type: "name ?").
source_params() {
	local src name type
	src=$(tr '\n\t' '  ' <"$1")
	{
		grep -oE 'module_param\( *[A-Za-z0-9_]+ *, *[A-Za-z0-9_]+' <<<"$src" |
			sed -E 's/module_param\( *([^ ,]+) *, *(.*)/\1 \2/'
		grep -oE 'module_param_named\( *[A-Za-z0-9_]+ *, *[A-Za-z0-9_]+ *, *[A-Za-z0-9_]+' <<<"$src" |
			sed -E 's/.*\( *([^ ,]+) *, *[^ ,]+ *, *(.*)/\1 \2/'
		grep -oE 'module_param_cb\( *[A-Za-z0-9_]+' <<<"$src" |
			sed -E 's/.*\( *//' | while read -r name; do
			type=$(grep -oE "__MODULE_PARM_TYPE\\( *$name *, *\"[a-z]+\"" <<<"$src" |
				sed -E 's/.*"(.*)"/\1/') || true
			echo "$name ${type:-?}"
		done
	} || true
}

# check_module: the parameters of man/alloc-oom.4 against the newest
# arm64 alloc-oom.ko (modinfo), or the source when there is none or it
# is older than the source.
check_module() {
	local ko='' k src=$TOP/oom_kernel_driver/alloc_oom.c from params doc

	for k in "$TOP"/build/arm64/*/oom_kernel_driver/alloc-oom.ko; do
		[[ -f $k ]] || continue
		[[ -z $ko || $k -nt $ko ]] && ko=$k
	done
	if [[ -n $ko && $ko -nt $src ]]; then
		from="modinfo -F parm ${ko#"$TOP"/}"
		params=$(modinfo -F parm "$ko" |
			sed -nE 's/^([A-Za-z0-9_]+):.*\(([a-z]+)\)$/\1 \2/p')
	else
		from="module_param() in oom_kernel_driver/alloc_oom.c (${ko:+no alloc-oom.ko newer than it}${ko:-no built alloc-oom.ko})"
		params=$(source_params "$src")
	fi
	doc=$(page_tags "$MAN/alloc-oom.4" PARAMETERS |
		sed -nE 's/^([A-Za-z0-9_]+)(=[^ ]*)? \(([a-z]+).*/\1 \3/p')
	same_set "alloc-oom.4: parameters and types = $from" \
		"$from" "$params" "man/alloc-oom.4 PARAMETERS" "$doc"
}

# rendered NAME OUT HEADER WORD: pass when man's output OUT starts with
# the page's HEADER line and holds WORD; else show its first lines.
rendered() {
	if [[ $(head -n 1 <<<"$2") == "$3"* ]] && grep -qF -- "$4" <<<"$2"; then
		ok "$1" true
	else
		ok "$1" false
		diag "expected a page headed '$3' with '$4', got:" \
			"$(head -n 5 <<<"$2")"
	fi
}

# check_install: make install into a temporary root, man finds and
# renders the pages there (the links through .so), uninstall empties it.
check_install() {
	local root=$WORK/root manpath out p
	manpath=$root/usr/share/man

	make -s -C "$MAN" install DESTDIR="$root" PREFIX=/usr \
		>"$WORK/install.log" 2>&1 || diag "$(cat "$WORK/install.log")"
	out=$(cd "$root" && find . -type f | sort)
	is "$(printf './usr/share/man/man1/%s\n' oom-analyze.1 oom.1 \
		run_rlk_arm32.sh.1 run_rlk_arm64.sh.1 run_rlk_x86_64.sh.1
		echo ./usr/share/man/man4/alloc-oom.4)" "$out" \
		"make install DESTDIR=... PREFIX=/usr: the man1 and man4 pages"
	out=$(MANPATH=$manpath man -w oom-analyze 2>&1) || true
	is "$manpath/man1/oom-analyze.1" "$out" \
		"MANPATH=... man -w oom-analyze finds the installed page"
	out=$(MANPATH=$manpath MANPAGER=cat MANWIDTH=80 man oom-analyze 2>&1) || true
	rendered "man oom-analyze renders it" "$out" "OOM-ANALYZE(1)" "--no-color"
	out=$(MANPATH=$manpath MANPAGER=cat MANWIDTH=80 man 4 alloc-oom 2>&1) || true
	rendered "man 4 alloc-oom renders it" "$out" "ALLOC-OOM(4)" "held_pages"
	for p in run_rlk_arm32.sh run_rlk_x86_64.sh; do
		out=$(MANPATH=$manpath MANPAGER=cat MANWIDTH=80 man "$p" 2>&1) || true
		rendered "man $p renders run_rlk_arm64.sh.1 (.so link)" "$out" \
			"RUN_RLK_ARM64.SH(1)" "RLK_TIMEOUT"
	done
	# mandoc flags every .so ("fragile"); groff resolves it from here.
	out=$(cd "$manpath" && for p in "${LINKS[@]}"; do
		groff -man -ww -z "man1/$p" 2>&1; done) || true
	silent "the installed links: groff -man -ww -z says nothing" "$out"
	make -s -C "$MAN" uninstall DESTDIR="$root" PREFIX=/usr \
		>"$WORK/install.log" 2>&1 || diag "$(cat "$WORK/install.log")"
	is "" "$(find "$root" -type f)" "make uninstall removes every page"
	rm -rf "$root"
}

# self_check: the comparison must fail, naming the option, for a page
# one option short and for a help text one option longer.
self_check() {
	local help page why

	# The .TP item of --json left out: hold each .TP until the next line.
	awk 'held { held = 0; if ($0 == ".B \\-\\-json") { skip = 1; next }
			print ".TP" }
	     skip && /^\.(TP|SH|SS)/ { skip = 0 }
	     $0 == ".TP" { held = 1; next }
	     !skip { print }' "$MAN/oom.1" >"$WORK/oom-no-json.1"
	help=$("${C_LOCALE[@]}" "$OOM" --help)
	page=$(options "$(page_tags "$WORK/oom-no-json.1" OPTIONS)")
	if why=$(compare_sets "oom --help" "$(options "$(help_tags "$help")")" \
		"the doctored page" "$page"); then
		ok "self-check: a copy of oom.1 without --json fails" false
		diag "the comparison passed a page without --json:" "$page"
	else
		like "$why" '^in oom --help but not in the doctored page: --json$' \
			"self-check: a copy of oom.1 without --json fails, naming it"
	fi
	help+=$'\n  --frobnicate   not in the page'
	if why=$(compare_sets "the doctored help" "$(options "$(help_tags "$help")")" \
		"man/oom.1 OPTIONS" "$(options "$(page_tags "$MAN/oom.1" OPTIONS)")"); then
		ok "self-check: a help text with --frobnicate fails" false
	else
		like "$why" '^in the doctored help but not in man/oom.1 OPTIONS: --frobnicate$' \
			"self-check: a help text with --frobnicate fails, naming it"
	fi
}

main() {
	need_tools
	plan 26
	lint_pages
	build_programs
	check_programs
	check_module
	check_install
	self_check
	done_testing
}

main "$@"

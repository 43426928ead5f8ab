#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/install/install.t - make install as a user runs it, into a
# scratch PREFIX: the man pages are found by man, the installed
# oom-analyze explains a report in Chinese with LANG=zh_CN.UTF-8 on a
# host that never generated that locale, and make uninstall leaves
# nothing behind.

set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/lib/tap.sh"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PREFIX=$WORK/usr
FIXTURE=$TOP/oom_log_analyzer/tests/fixtures/01_global_3.13_x86_64_cadvisor-fixture.log

# mk TARGET: the top-level make TARGET for PREFIX, its own build folder.
mk() {
	env -u MAKEFLAGS -u MAKELEVEL make -s -C "$TOP" "$1" PREFIX="$PREFIX" \
		HOST_BUILD="$WORK/build" >"$WORK/make.out" 2>&1
}

# has_cjk TEXT: true when TEXT holds Chinese characters (called by ok).
# shellcheck disable=SC2317
has_cjk() {
	perl -CS -ne '$f ||= /\p{Han}/; END { exit !$f }' <<<"$1"
}

plan 8

ok "make install succeeds" mk install || diag "$(cat "$WORK/make.out")"
for page in oom.1 oom-analyze.1 run_rlk_arm64.sh.1 alloc-oom.4; do
	name=${page%.*}
	found=$(MANPATH=$PREFIX/share/man man -w "${page##*.}" "$name" 2>&1 || true)
	is "$PREFIX/share/man/man${page##*.}/$page" "$found" "man finds $name(${page##*.})"
done
out=$(env -i PATH=/usr/bin:/bin LANG=zh_CN.UTF-8 "$PREFIX/bin/oom-analyze" \
	--no-color "$FIXTURE" 2>&1 || true)
ok "LANG=zh_CN.UTF-8 oom-analyze FILE, installed, explains in Chinese" \
	has_cjk "$(grep "^== " <<<"$out")"
out=$(env -i PATH=/usr/bin:/bin LANG=zh_CN.UTF-8 "$PREFIX/bin/oom" --help 2>&1 || true)
ok "and oom's help is in Chinese" has_cjk "$out"
mk uninstall || true
is "" "$(find "$PREFIX" -type f 2>/dev/null)" "make uninstall removes every installed file"

done_testing

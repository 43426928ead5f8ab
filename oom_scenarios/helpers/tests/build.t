#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/build.t - the Makefile: static helpers for each guest's
# architecture and for this host, switching compilers in one O=
# directory rebuilds everything, no warnings, a second make does
# nothing, install/uninstall, and `make check`.
set -euo pipefail
# shellcheck source=../../../tests/lib/tap.sh
. "$(dirname "$0")/../../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

PROGS="rlk-hog rlk-mbind rlk-psi"
# "compiler|readelf's machine" of each guest
CROSS=(
	"aarch64-linux-gnu-gcc|AArch64"
	"arm-linux-gnueabihf-gcc|ARM"
	"x86_64-linux-gnu-gcc|Advanced Micro Devices X86-64"
)

# make_log ARGS...: run make V=1 into $WORK/b; the log in $WORK/log.
make_log() {
	make -C "$COMP_DIR" O="$WORK/b" V=1 "$@" >"$WORK/log" 2>&1
}

# elfs: "machine linkage" of each program, one line per distinct pair.
elfs() {
	local prog link
	for prog in $PROGS; do
		link=static
		if readelf -l "$WORK/b/$prog" | grep -q 'INTERP'; then
			link=dynamic
		fi
		printf '%s %s\n' \
			"$(readelf -h "$WORK/b/$prog" | sed -n 's/^ *Machine: *//p')" \
			"$link"
	done | sort -u
}

# cross_case CC MACHINE: all three built static for MACHINE, no warning.
cross_case() {
	local cc=$1 machine=$2
	ok "make CC=$cc builds" make_log CC="$cc"
	is "$machine static" "$(elfs 2>/dev/null)" \
		"CC=$cc: rlk-hog, rlk-mbind, rlk-psi are static $machine ELFs"
	is "" "$(grep -i 'warning:' "$WORK/log" || true)" \
		"CC=$cc: no warnings (-Wall -Wextra)"
}

# host_case: the host build in the O= the cross builds used, then the
# install, uninstall, clean and check targets.
host_case() {
	ok "make (host) in the same O= rebuilds" make_log
	like "$(grep -c ' -c -o ' "$WORK/log")" "^1[0-9]$" \
		"... recompiling every object (the stamp saw the compiler change)"
	make_log
	is 0 "$(grep -c ' -c -o \| -o ' "$WORK/log" || true)" \
		"a second make compiles and links nothing"
	make_log install DESTDIR="$WORK/root" PREFIX=/usr
	is "rlk-hog rlk-mbind rlk-psi" "$(cd "$WORK/root/usr/bin" && echo *)" \
		"make install puts the three in \$(DESTDIR)\$(PREFIX)/bin"
	make_log uninstall DESTDIR="$WORK/root" PREFIX=/usr
	is "" "$(ls -A "$WORK/root/usr/bin")" "make uninstall removes them"
	make_log clean
	is "" "$(ls -A "$WORK/b")" \
		"make clean leaves nothing"
	make -s -C "$COMP_DIR" O="$WORK/b" >"$WORK/log" 2>&1
	is "" "$(cat "$WORK/log")" "make -s prints nothing"
	ok "make check (cppcheck, shellcheck) passes" make_log check
	diag "$(tail -3 "$WORK/log")"
}

main() {
	local c
	plan $((${#CROSS[@]} * 3 + 8))
	for c in "${CROSS[@]}"; do
		cross_case "${c%%|*}" "${c#*|}"
	done
	host_case
	done_testing
}

main "$@"

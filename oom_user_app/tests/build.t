#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/build.t - the Makefile: a static aarch64 oom for the guest, a
# static host oom, switching compilers in one O= directory rebuilds,
# no warnings, install/uninstall, and `make check`.
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

CROSS_CC=${CROSS_CC:-aarch64-linux-gnu-gcc}

# make_log ARGS...: run make V=1 into $WORK/b; the log in $WORK/log.
make_log() {
	make -C "$COMP_DIR" O="$WORK/b" V=1 "$@" >"$WORK/log" 2>&1
}

# elf_of FILE: "machine linkage" from readelf, e.g. "AArch64 static".
elf_of() {
	local machine link=static
	machine=$(readelf -h "$1" | sed -n 's/^ *Machine: *//p')
	if readelf -l "$1" | grep -q 'INTERP\|Requesting program interpreter'; then
		link=dynamic
	fi
	printf '%s %s\n' "$machine" "$link"
}

cross_checks() {
	if ! command -v "$CROSS_CC" >/dev/null; then
		diag "$CROSS_CC is missing: run ./run_rlk_arm64.sh setup, or" \
			"apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross"
	fi
	ok "make CC=$CROSS_CC builds" make_log CC="$CROSS_CC"
	is "AArch64 static" "$(elf_of "$WORK/b/oom" 2>/dev/null)" \
		"the guest oom is a static AArch64 ELF (readelf)"
	like "$(file -b "$WORK/b/oom")" "ARM aarch64.*statically linked" \
		"file(1) agrees: ARM aarch64, statically linked"
	is "" "$(grep -i 'warning:' "$WORK/log" || true)" \
		"the aarch64 build has no warnings"
}

host_checks() {
	ok "make (host) in the same O= rebuilds" make_log
	like "$(grep -c ' -c -o ' "$WORK/log")" "^(9|[1-9][0-9])$" \
		"... recompiling every object (the stamp saw the compiler change)"
	local host
	host=$(readelf -h "$(command -v make)" | sed -n 's/^ *Machine: *//p')
	is "$host static" "$(elf_of "$WORK/b/oom")" \
		"the host oom is a static ELF for this host ($host)"
	is "" "$(grep -i 'warning:' "$WORK/log" || true)" \
		"the host build has no warnings (-Wall -Wextra)"
	make_log
	is 0 "$(grep -c ' -c -o ' "$WORK/log" || true)" \
		"a second make compiles nothing"
}

install_checks() {
	make_log install DESTDIR="$WORK/root" PREFIX=/usr
	ok "make install puts oom in \$(DESTDIR)\$(PREFIX)/bin" \
		test -x "$WORK/root/usr/bin/oom"
	make_log uninstall DESTDIR="$WORK/root" PREFIX=/usr
	ok "make uninstall removes it" test ! -e "$WORK/root/usr/bin/oom"
	ok "make check (cppcheck, shellcheck) passes" make_log check
	diag "$(tail -5 "$WORK/log")"
}

main() {
	plan 12
	cross_checks
	host_checks
	install_checks
	done_testing
}

main "$@"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck source-path=SCRIPTDIR
#
# build.t - alloc-oom.ko's build, on the host: a copy of the sources is
# built against the guest kernel's headers (Debian arm64 6.1) with W=1,
# then inspected with modinfo and cleaned. No guest boot.
set -euo pipefail
. "$(dirname "$0")/../../tests/lib/tap.sh"
. "$(dirname "$0")/lib.sh"

CROSS=aarch64-linux-gnu-
PARAMS=(order gfp max_mb hold held_pages)

# kdir: the guest kernel's headers, as run_rlk_arm64.sh setup left them.
kdir() {
	local cache=${RLK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rlk-oom-lab} abi

	abi=$(readlink "$cache/kernel/current-arm64")
	echo "$cache/kernel/$abi/root/usr/src/linux-headers-$abi"
}

# build_copy DIR MAKE-ARGS...: copy the sources to DIR and run make there.
build_copy() {
	local dir=$1

	shift
	mkdir -p "$dir"
	cp "$COMP_DIR"/{alloc_oom.c,Kbuild,Makefile} "$dir/"
	make -C "$dir" "$@" > "$dir.log" 2>&1
}

# machine KO: the ELF machine of a module, as readelf names it.
machine() {
	LC_ALL=C readelf -h "$1" | sed -n 's/^ *Machine: *//p'
}

main() {
	local src=$WORK/w1 env=$WORK/env info param out

	plan 16
	build_guest

	ok "make W=1 against the arm64 6.1 headers succeeds" \
		build_copy "$src" KDIR="$(kdir)" ARCH=arm64 CROSS_COMPILE=$CROSS W=1
	is "" "$(grep -i 'warning' "$src.log" | grep -v '^Skipping BTF' || true)" \
		"W=1 build gives no warnings"
	is AArch64 "$(machine "$src/alloc-oom.ko")" "the module is built for AArch64"

	info=$(modinfo "$src/alloc-oom.ko")
	for param in "${PARAMS[@]}"; do
		like "$info" "^parm: +$param:[^ ].*" "modinfo lists $param with a description"
	done
	like "$info" '^license: +GPL$' "modinfo: license GPL"
	like "$info" '^description: +[^ ]' "modinfo: a description"
	like "$info" '^author: +[^ ]' "modinfo: an author"

	ok "make clean succeeds" make -s -C "$src" KDIR="$(kdir)" ARCH=arm64 \
		CROSS_COMPILE=$CROSS clean
	is "Kbuild Makefile alloc_oom.c" "$(cd "$src" && echo *)" \
		"make clean leaves only the sources"

	ARCH=arm64 CROSS_COMPILE=$CROSS build_copy "$env" KDIR="$(kdir)" || true
	is AArch64 "$(machine "$env/alloc-oom.ko" 2>/dev/null)" \
		"ARCH and CROSS_COMPILE from the environment reach the kernel build"

	like "$(make -s -C "$COMP_DIR" help)" "KDIR \\(/lib/modules/$(uname -r)/build\\)" \
		"KDIR defaults to /lib/modules/\$(uname -r)/build, as in the lab"
	out=$(make -C "$COMP_DIR" KDIR=/nonexistent all 2>&1 || true)
	like "$out" '/nonexistent: no kernel build tree' \
		"a missing KDIR gives a one-line error naming it"
	done_testing
}

main "$@"

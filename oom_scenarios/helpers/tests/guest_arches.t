#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/guest_arches.t - the helpers in the other two guests: on ARM32
# (32-bit, a kernel without NUMA) rlk-hog touches 64M, a 3G mapping
# fails with exit 3, rlk-psi arms and times out, rlk-mbind says there is
# no NUMA; on x86_64 with two NUMA nodes, a hog bound to node 1 lives
# there. The ARM64 guest has guest_hog.t, guest_numa.t, guest_psi.t.
set -euo pipefail
# shellcheck source=../../../tests/lib/tap.sh
. "$(dirname "$0")/../../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# The guest's side: KEY=value lines for field().
# shellcheck disable=SC2016 # expanded in the guest
SCRIPT='
rlk-hog 64M --exit 2>/tmp/e
echo "hog_rc=$?"
echo "hog_err=$(cat /tmp/e)"
rlk-hog 3G --exit --quiet 2>/tmp/e
echo "big_rc=$?"
echo "big_err=$(cat /tmp/e)"
rlk-psi --timeout 1 2>/dev/null
echo "psi_rc=$?"
rlk-mbind 1 rlk-hog 64M --quiet >/tmp/h.out 2>/tmp/e &
i=0
while ! grep -q holds /tmp/h.out && [ $i -lt 600 ] && kill -0 $! 2>/dev/null; do
	sleep 0.1
	i=$((i + 1))
done
echo "hog1=$(grep " anon=16384 " /proc/$!/numa_maps 2>/dev/null)"
kill $! 2>/dev/null
wait $!
echo "mbind_rc=$?"
echo "mbind_err=$(cat /tmp/e)"
'

# arm32_checks: what the ARM32 guest printed.
arm32_checks() {
	local out=$WORK/arm32
	is 0 "$RC" "arm32: the guest ran the script"
	is "0 rlk-hog: 64M of 64M touched" \
		"$(field "$out" hog_rc) $(field "$out" hog_err)" \
		"arm32: rlk-hog 64M --exit touches 64M, exit 0"
	is "3 rlk-hog: mmap 3G: Cannot allocate memory" \
		"$(field "$out" big_rc) $(field "$out" big_err)" \
		"arm32: 3G is more than a 32-bit task can map: exit 3"
	is 1 "$(field "$out" psi_rc)" "arm32: rlk-psi arms and times out"
	is "125 rlk-mbind: /sys/devices/system/node: No such file or directory (a kernel without CONFIG_NUMA)" \
		"$(field "$out" mbind_rc) $(field "$out" mbind_err)" \
		"arm32: rlk-mbind says the kernel has no NUMA, exit 125"
}

# x86_checks: what the two-node x86_64 guest printed.
x86_checks() {
	local out=$WORK/x86_64
	is 0 "$RC" "x86_64: the guest ran the script"
	is "0 rlk-hog: 64M of 64M touched" \
		"$(field "$out" hog_rc) $(field "$out" hog_err)" \
		"x86_64: rlk-hog 64M --exit touches 64M, exit 0"
	is 1 "$(field "$out" psi_rc)" "x86_64: rlk-psi arms and times out"
	like "$(field "$out" hog1)" "^[0-9a-f]+ bind:1 anon=16384 dirty=16384 (active=[0-9]+ )?N1=16384 " \
		"x86_64, RLK_NUMA=2: rlk-mbind 1 rlk-hog 64M: all pages on node 1"
	is 143 "$(field "$out" mbind_rc)" "x86_64: the hog held until SIGTERM"
}

main() {
	plan 10
	guest_build arm32
	guest arm32 arm32 "$SCRIPT"
	arm32_checks
	guest_build x86_64
	RLK_NUMA=2 guest x86_64 x86_64 "$SCRIPT"
	x86_checks
	done_testing
}

main "$@"

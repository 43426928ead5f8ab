#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# oom_scenarios/cma.sh - Debian's arm64 kernel keeps a 64 MiB CMA area.
# CMA pageblocks serve only movable allocations; alloc-oom.ko's
# GFP_KERNEL pages are unmovable, so the OOM comes while the zone's free
# count is still far above min: what is free is CMA.
#
# about: GFP_KERNEL may not use CMA: an OOM while free is above min
# arch: arm64
# expect: .[0].kind == "oom" and .[0].gfp_flags == ["GFP_KERNEL"]
# expect: .[0].zones[0].free_kb > .[0].zones[0].min_kb
# expect: .[0].zones[0].below_floor == true
# look: the zone line: "DMA free:...kB ... min:...kB": free above min
# look: "free_cma:...kB": most of what is free is CMA
# look: oom-analyze: "usable ... <= floor (free - CMA)"

# shellcheck source=lib.sh
. "${0%/*}/lib.sh"

heading "the CMA area"
say "CmaTotal $(meminfo CmaTotal) kB, CmaFree $(meminfo CmaFree) kB, MemFree $(meminfo MemFree) kB"
[ "$(meminfo CmaTotal)" -gt 0 ] || fail "this kernel has no CMA area"
heading "insmod alloc-oom.ko: unmovable GFP_KERNEL pages until the OOM"
cd oom_kernel_driver || fail "no oom_kernel_driver"
sh -c "echo 0 > /proc/self/oom_score_adj; exec insmod alloc-oom.ko"
dmesg | grep 'alloc_oom:' | tail -n 1
rmmod alloc_oom 2>/dev/null
dmesg | grep -m 1 -o 'free:[0-9]*kB.*free_cma:[0-9]*kB' |
	awk '{ print "zone at the OOM: " $1, $2, $3, "...", $NF }'

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# oom_scenarios/lowmem.sh - the arm32 guest: a 32-bit kernel maps only its
# lowmem zone (DMA in Debian's armmp kernel) and leaves the rest as
# HighMem. alloc-oom.ko's GFP_KERNEL pages must come from lowmem: it runs
# out while HighMem still has room. The report reads the counters after
# the kernel's decision and can show the zone back over min; up to three
# runs, keeping the log of the last. The report prints only the zones
# a GFP_KERNEL request may use, so HighMem's room is read from
# /proc/zoneinfo here.
#
# about: the arm32 guest's HighMem: a lowmem zone below min while HighMem has room
# arch: arm32
# expect: .[0].kind == "oom" and .[0].gfp_flags == ["GFP_KERNEL"]
# expect: (.[0].zones[] | select(.name == "DMA") | .below_floor) == true
# look: the report's zone line: "DMA free:...kB ... min:...kB": lowmem below min
# look: no HighMem line in the report: GFP_KERNEL may not use HighMem, so it is not shown
# look: /proc/zoneinfo after the OOM: HighMem still far above its high watermark
# look: oom-analyze's verdict: DMA below min, HighMem unusable for GFP_KERNEL

# shellcheck source=lib.sh
. "${0%/*}/lib.sh"

# zones: each zone's free memory and watermarks, from /proc/zoneinfo.
zones() {
	awk '/^Node/ { zone = $4 } /^ +pages free/ { free = $3 }
		/^ +min / { min = $2 } /^ +low / { low = $2 }
		/^ +high / && zone != "" {
			printf "  %-8s free %7d kB  min %6d  low %6d  high %6d kB\n",
				zone, free * 4, min * 4, low * 4, $2 * 4; zone = "" }' /proc/zoneinfo
}

# highmem_has_room: HighMem's free pages above its high watermark.
highmem_has_room() {
	awk '/^Node/ { zone = $4 } zone == "HighMem" && /^ +pages free/ { free = $3 }
		zone == "HighMem" && /^ +high / { exit !(free > $2) }' /proc/zoneinfo
}

heading "the zones of a 32-bit kernel"
zones
cd oom_kernel_driver || fail "no oom_kernel_driver"
for try in 1 2 3; do
	dmesg -c > /dev/null
	heading "insmod alloc-oom.ko (run $try)"
	sh -c "echo 0 > /proc/self/oom_score_adj; exec insmod alloc-oom.ko"
	dmesg | grep 'alloc_oom:' | tail -n 1
	rmmod alloc_oom 2>/dev/null
	if dmesg | oom-analyze --json | grep -q '"name":"DMA"[^}]*"below_floor":true'; then
		heading "at the OOM, the report's lowmem zone"
		dmesg | grep -m 1 -o 'DMA free:[0-9]*kB boost:[0-9]*kB min:[0-9]*kB'
		heading "HighMem, from /proc/zoneinfo: GFP_KERNEL never touched it"
		zones | grep HighMem
		highmem_has_room || fail "HighMem is not above its high watermark"
		exit 0
	fi
	say "the report shows DMA back over min: once more"
done
fail "three runs, and no report showed the lowmem zone below min"

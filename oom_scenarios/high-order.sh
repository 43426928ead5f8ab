#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# oom_scenarios/high-order.sh - alloc-oom.ko with order=3, then order=4.
# Up to order 3 (PAGE_ALLOC_COSTLY_ORDER) the allocator compacts, retries
# and at last invokes the OOM killer; above it a GFP_KERNEL request just
# fails, with a warning and no kill.
#
# about: alloc-oom.ko order=3 invokes the OOM killer; order=4 fails with no OOM
# expect: length == 2
# expect: .[0].kind == "oom" and .[0].order == 3 and .[0].victim.comm == "insmod"
# expect: .[1].kind == "alloc_failure" and .[1].order == 4
# look: boot log: "insmod invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=3"
# look: "insmod: page allocation failure: order:4": costly orders fail rather than kill
# look: the module's own lines: "stopped: ..." for each run

# shellcheck source=lib.sh
. "${0%/*}/lib.sh"

cd oom_kernel_driver || fail "no oom_kernel_driver"
for order in 3 4; do
	heading "insmod alloc-oom.ko order=$order (insmod at oom_score_adj 0)"
	sh -c "echo 0 > /proc/self/oom_score_adj; exec insmod alloc-oom.ko order=$order"
	dmesg | grep 'alloc_oom:' | tail -n 1
	rmmod alloc_oom 2>/dev/null
done
dmesg | grep -q 'invoked oom-killer: .*order=3' ||
	fail "order=3 did not invoke the OOM killer"
dmesg | grep -q 'page allocation failure: order:4' ||
	fail "order=4 did not fail with an allocation failure"
dmesg | grep -q 'invoked oom-killer: .*order=4' &&
	fail "order=4 invoked the OOM killer"
say "order 3 ended in the OOM killer, order 4 in an allocation failure"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# oom_scenarios/no-victim.sh - every task at oom_score_adj -1000, then
# insmod alloc-oom.ko: the OOM killer finds nobody it may kill, and with
# the memory still held the kernel can only panic.
#
# about: every task at -1000: "no killable processes", then a panic
# expect: status 125
# expect: .[0].kind == "oom" and .[0].killed == [] and .[0].victim == null
# expect: .[-1].panic == true and (.[-1].panic_reason | test("deadlocked on memory"))
# look: "Out of memory and no killable processes...": -1000 means never, even now
# look: "Kernel panic - not syncing: System is deadlocked on memory"
# look: the task list: every oom_score_adj is -1000

# shellcheck source=lib.sh
. "${0%/*}/lib.sh"

dmesg -n 8
heading "every task to oom_score_adj -1000"
for file in /proc/[0-9]*/oom_score_adj; do
	echo -1000 > "$file" 2>/dev/null
done
grep -L -- -1000 /proc/[0-9]*/oom_score_adj 2>/dev/null | head -n 5
heading "insmod alloc-oom.ko (at -1000 too): kernel allocations until memory runs out"
cd oom_kernel_driver || fail "no oom_kernel_driver"
insmod alloc-oom.ko
fail "the guest survived: the module ended without a panic"

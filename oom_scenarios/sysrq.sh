#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# oom_scenarios/sysrq.sh - SysRq f: the OOM killer run by hand, with
# memory to spare. A kworker invokes it with order=-1; it kills the
# biggest task as if memory had run out.
#
# about: echo f > /proc/sysrq-trigger: "sysrq: Manual OOM execution", order=-1
# expect: length == 1 and .[0].manual == true and .[0].order == -1
# expect: .[0].victim.comm == "rlk-hog"
# look: "sysrq: Manual OOM execution"
# look: "kworker/...: invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=-1"
# look: MemAvailable was high: nothing ran out

# shellcheck source=lib.sh
. "${0%/*}/lib.sh"

heading "a 200 MiB holder, the biggest task"
start_hog 200M --hold --oom-score-adj 0
big=$HOG
say "MemAvailable $(meminfo MemAvailable) kB"
heading "echo f > /proc/sysrq-trigger"
echo f > /proc/sysrq-trigger
tries=0
while alive "$big" && [ "$tries" -lt 50 ]; do
	usleep 100000
	tries=$((tries + 1))
done
alive "$big" && fail "the holder survived SysRq f"
dmesg | grep 'sysrq: Manual OOM execution'
say "the holder ($big) was killed with MemAvailable far above zero"

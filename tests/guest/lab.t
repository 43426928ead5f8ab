#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/guest/lab.t - `make demo`'s tour of the lab in the ARM64 guest
# runs every step, and each run ends as the lab says. The lab itself, in
# each guest: tests/guest/lab_ARCH.t; oom's refusal outside the lab's
# guest: oom_user_app/tests/guest.t; the tour's timelines: timeline.t.

set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/lib/tap.sh"

RLK=$TOP/run_rlk_arm64.sh
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

plan 6

"$RLK" build >/dev/null 2>&1 || bail "run_rlk_arm64.sh build failed"

rc=0
RLK_DMESG=$WORK/demo.dmesg "$RLK" exec -- sh demo/lab_tour.sh \
	>"$WORK/demo.out" 2>&1 || rc=$?
out=$(tr -d '\r' < "$WORK/demo.out")
is 0 "$rc" "the demo tour exits 0"
like "$out" "^victim signalled: 9$" "the tour's ./oom ends with its victim SIGKILLed"
like "$out" "=== Step 2: oom-analyze" "the tour analyses the guest's own OOM"
like "$(cat "$WORK/demo.dmesg")" "insmod invoked oom-killer: gfp_mask=0xcc0\(GFP_KERNEL\), order=0" \
	"the tour's insmod invokes the OOM killer"
like "$(cat "$WORK/demo.dmesg")" "Out of memory: Killed process [0-9]+ \(insmod\)" \
	"and insmod, the one task it may kill, is killed"
like "$out" "=== Step 4:" "the tour reaches its last step"

done_testing

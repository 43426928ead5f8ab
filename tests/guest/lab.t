#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/guest/lab.t - the lab as a student runs it in the ARM64 guest:
# a default ./oom ends with its victim SIGKILLed and the kernel's kill line
# for that pid in the guest's log; `make demo`'s tour runs every step.

set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/lib/tap.sh"

RLK=$TOP/run_rlk_arm64.sh
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

plan 9

"$RLK" build >/dev/null 2>&1 || bail "run_rlk_arm64.sh build failed"

rc=0
RLK_DMESG=$WORK/oom.dmesg "$RLK" exec -- 'cd oom_user_app && ./oom' \
	>"$WORK/oom.out" 2>&1 || rc=$?
out=$(tr -d '\r' < "$WORK/oom.out")
is 0 "$rc" "a default ./oom in the guest exits 0"
like "$out" "thread\([0-9a-f]+\), allocating 10485760 bytes\." \
	"each allocation prints the lab's thread line"
like "$out" "^victim signalled: 9$" "the victim is SIGKILLed"
victim=$(sed -n 's/^expected victim is \([0-9]*\)\.$/\1/p' <<<"$out")
like "$victim" "^[0-9]+$" "the parent names the expected victim"
like "$(cat "$WORK/oom.dmesg")" \
	"Out of memory: Killed process ${victim:-none} \(oom\)" \
	"the guest's kernel log holds the kill line for that pid"

rc=0
RLK_DMESG=$WORK/demo.dmesg "$RLK" exec -- sh demo/lab_tour.sh \
	>"$WORK/demo.out" 2>&1 || rc=$?
out=$(tr -d '\r' < "$WORK/demo.out")
is 0 "$rc" "the demo tour exits 0"
like "$out" "=== Step 2: oom-analyze" "the tour analyses the guest's own OOM"
like "$(cat "$WORK/demo.dmesg")" "insmod invoked oom-killer|insmod: page allocation failure" \
	"the tour's insmod reached the OOM killer or an allocation failure"
like "$out" "=== Step 4:" "the tour reaches its last step"

done_testing

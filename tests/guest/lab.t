#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/guest/lab.t - around the lab in the ARM64 guest: outside a VM an
# unconfined ./oom refuses and starts nothing; `make demo`'s tour runs
# every step. The lab itself, in each guest: tests/guest/lab_ARCH.t.

set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/lib/tap.sh"

RLK=$TOP/run_rlk_arm64.sh
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

plan 8

"$RLK" build >/dev/null 2>&1 || bail "run_rlk_arm64.sh build failed"

# Bare metal, as far as oom can tell: hide the device tree that says
# linux,dummy-virt. An unconfined run must refuse and start nothing.
rc=0
"$RLK" exec -- 'mount -t tmpfs none /sys/firmware/devicetree/base &&
	cd oom_user_app && ./oom; echo "oom exit $?"; pgrep -x oom || echo "no oom left"' \
	>"$WORK/refuse.out" 2>&1 || rc=$?
out=$(tr -d '\r' < "$WORK/refuse.out")
like "$out" "^oom exit 4$" "outside a VM an unconfined ./oom refuses with exit 4"
like "$out" "--force" "the refusal explains --force"
started=$(grep -c "expected victim" <<<"$out" || true)
is 0 "$started" "the refusal forked no victim"
like "$out" "^no oom left$" "the refusal left no oom process"

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

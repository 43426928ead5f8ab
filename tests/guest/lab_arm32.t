#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/guest/lab_arm32.t - the lab as a student runs it, in the arm32
# guest (checks in tests/lib/lab.sh).

set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/lib/tap.sh"
. "$TOP/tests/lib/lab.sh"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

plan "$LAB_CHECKS"
lab_checks arm32 armv7l DMA
done_testing

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# run_rlk_arm32.sh - the OOM lab's arm32 guest under QEMU ('--help' tells all).
# A thin front: scripts/rlk does the work for every architecture.

set -euo pipefail
RLK_ARCH=arm32 RLK_PROG=${0##*/} exec "$(dirname "${BASH_SOURCE[0]}")/scripts/rlk" "$@"

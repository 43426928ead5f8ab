#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# run_rlk_x86_64.sh - the OOM lab's x86_64 guest under QEMU ('--help' tells all).
# A thin front: scripts/rlk does the work for every architecture.

set -euo pipefail
RLK_ARCH=x86_64 RLK_PROG=${0##*/} exec "$(dirname "${BASH_SOURCE[0]}")/scripts/rlk" "$@"

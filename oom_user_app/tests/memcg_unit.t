#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/memcg_unit.t - runs the C unit test tests/memcg_test.c: where
# --memcg makes its group on fake machines, and the limits it writes.
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

run_unit memcg_test

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/alloc_unit.t - runs the C unit test tests/alloc_test.c: the
# victim's threads failing, one mid-line and several at once.
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

run_unit alloc_test

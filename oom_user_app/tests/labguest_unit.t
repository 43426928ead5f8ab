#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/labguest_unit.t - runs the C unit test tests/labguest_test.c.
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

run_unit labguest_test

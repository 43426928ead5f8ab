# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# tests/lib/component.sh - what the tests of each C component (oom,
# oom-timeline, the scenarios' helpers) share, sourced by its
# tests/lib.sh after tap.sh, with COMP_DIR and WORK_NAME set: WORK, a
# private scratch folder (/tmp/WORK_NAME.XXXXXX) whose build/ holds the
# component's host build; a cleanup that leaves nothing behind; build
# and run_unit.

WORK=$(mktemp -d "/tmp/$WORK_NAME.XXXXXX")

# cleanup: kill the test's own background jobs still running, remove
# the files.
cleanup() {
	local pid
	for pid in $(jobs -p); do
		kill -KILL "$pid" 2>/dev/null || true
	done
	wait 2>/dev/null || true
	rm -rf "$WORK"
}
trap cleanup EXIT

# build [TARGET...]: build into $WORK/build; bail out on failure.
build() {
	if ! make -s -C "$COMP_DIR" O="$WORK/build" "$@" >"$WORK/build.log" 2>&1; then
		diag "$(cat "$WORK/build.log")"
		bail "make $* failed"
	fi
}

# run_unit NAME [ARG...]: build and run one C unit test, which prints
# its own TAP.
run_unit() {
	local name=$1 rc=0
	shift
	build "$WORK/build/$name"
	"$WORK/build/$name" "$@" || rc=$?
	exit "$rc"
}

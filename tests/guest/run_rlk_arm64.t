#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/guest/run_rlk_arm64.t - the guest script: usage, knobs, set-up
# idempotence, exec's exit statuses (command, panic, timeout), the /mnt
# share, Ctrl-C cleanup, and that no QEMU or temporary folder is left.

set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/lib/tap.sh"

RLK=$TOP/run_rlk_arm64.sh
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Private TMPDIR: what a run leaves behind shows up here.
export TMPDIR=$WORK/tmp
mkdir "$TMPDIR"

# status CMD...: the exit status of CMD, without tripping set -e.
status() {
	local rc=0

	"$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
	echo "$rc"
}

# nothing_left: no QEMU from these tests and no run folder remain.
# shellcheck disable=SC2317 # called through ok
nothing_left() {
	! pgrep -f "qemu-system-aarch64.*$TMPDIR" >/dev/null &&
		[ -z "$(ls -A "$TMPDIR")" ]
}

plan 19

"$RLK" build >/dev/null 2>&1 || bail "run_rlk_arm64.sh build failed"

is 0 "$(status "$RLK")" "no argument prints usage and exits 0"
like "$(cat "$WORK/out")" "exec -- CMD" "usage lists exec"
is 2 "$(status "$RLK" frobnicate)" "unknown subcommand exits 2"
like "$(cat "$WORK/err")" "^Usage:" "unknown subcommand prints usage on stderr"
is 2 "$(status env RLK_SMP=zero "$RLK" exec -- true)" "bad RLK_SMP exits 2"

"$RLK" setup >"$WORK/setup" 2>&1
if grep -qi download "$WORK/setup"; then
	_tap_result 1 "second setup downloads nothing"
	diag "$(cat "$WORK/setup")"
else
	_tap_result 0 "second setup downloads nothing"
fi

is 0 "$(status "$RLK" exec -- true)" "exec -- true exits 0"
is 7 "$(status "$RLK" exec -- exit 7)" "exec returns the command's status 7"

is 0 "$(status "$RLK" exec -- uname -m)" "exec -- uname -m runs"
like "$(tr -d '\r' < "$WORK/out")" "^aarch64$" "the guest is aarch64"

marker=.rlk-test-$$-$RANDOM
echo "written on the host $marker" > "$TOP/$marker"
status "$RLK" exec -- cat "/mnt/$marker" >/dev/null
rm -f "$TOP/$marker"
like "$(cat "$WORK/out")" "written on the host $marker" \
	"a file written on the host is visible under /mnt"

is 125 "$(status "$RLK" exec -- 'echo c > /proc/sysrq-trigger')" \
	"a guest panic exits 125"
like "$(cat "$WORK/err")" "Kernel panic - not syncing" "the panic lines are shown"

# A guest that never comes up: the kernel finds no init and panics.
is 125 "$(status env RLK_SNAPSHOT=0 RLK_APPEND=rdinit=/nonexistent "$RLK" exec -- true)" \
	"a kernel that panics before the guest comes up exits 125"
like "$(cat "$WORK/err")" "Kernel panic - not syncing" "and its panic lines are shown"

is 124 "$(status env RLK_TIMEOUT=4 "$RLK" exec -- sleep 60)" \
	"a hung command exits 124 at RLK_TIMEOUT"

# Ctrl-C: perl restores SIGINT, which a backgrounded shell job ignores.
perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV' "$RLK" exec -- sleep 60 \
	>/dev/null 2>&1 &
pid=$!
sleep 4
kill -INT "$pid"
rc=0
wait "$pid" || rc=$?
is 130 "$rc" "Ctrl-C stops exec with status 130"
ok "Ctrl-C leaves no QEMU and no temporary folder" nothing_left

ok "the runs left no QEMU and no temporary folder" nothing_left

done_testing

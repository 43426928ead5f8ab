# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# tests/lib.sh - what every helpers test needs after tap.sh: a private
# host build in a temporary directory, the guest builds where the guest
# sees them, and a cleanup that leaves nothing behind.

# shellcheck disable=SC2034 # WORK_NAME: read by tests/lib/component.sh
COMP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOP=$(cd "$COMP_DIR/../.." && pwd)
WORK_NAME=rlk-helpers-test
# shellcheck source=../../../tests/lib/component.sh
. "$TOP/tests/lib/component.sh"
# shellcheck disable=SC2034 # used by the tests that source this file
BIN=$WORK/build

# run_to FILE SECONDS CMD...: run CMD under timeout, stdout in FILE.out,
# stderr in FILE.err; the exit status in RC.
# shellcheck disable=SC2034 # RC is read by the tests
run_to() {
	local file=$1 secs=$2
	shift 2
	RC=0
	timeout "$secs" "$@" >"$file.out" 2>"$file.err" || RC=$?
}

# wait_for FILE ERE SECONDS: wait until FILE has a line matching ERE.
wait_for() {
	local i
	for ((i = 0; i < $3 * 10; i++)); do
		grep -Eq -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# --- the guest ---------------------------------------------------------

# guest_cc ARCH: the cross compiler of a guest architecture.
guest_cc() {
	case $1 in
	arm64) echo aarch64-linux-gnu-gcc ;;
	arm32) echo arm-linux-gnueabihf-gcc ;;
	x86_64) echo x86_64-linux-gnu-gcc ;;
	esac
}

# guest_build ARCH: the guest and its helpers, in
# build/ARCH/user/oom_scenarios, where the guest sees them as
# /mnt/build/ARCH/user/oom_scenarios. The same make the kit runs: when
# it already built them, nothing is done.
guest_build() {
	local cc
	cc=$(guest_cc "$1")
	"$TOP/run_rlk_$1.sh" build >"$WORK/guest-build.log" 2>&1 ||
		bail "run_rlk_$1.sh build failed: $(tail -3 "$WORK/guest-build.log")"
	make -s -C "$COMP_DIR" CC="$cc" O="$TOP/build/$1/user/oom_scenarios" \
		>>"$WORK/guest-build.log" 2>&1 ||
		bail "the $1 helpers do not build: $(tail -3 "$WORK/guest-build.log")"
}

# guest_path ARCH: the PATH line guest scripts start with, so that the
# helpers are found whether or not the kit put them on the PATH.
guest_path() {
	echo "export PATH=/mnt/build/$1/user/oom_scenarios:\$PATH"
}

# guest ARCH NAME SCRIPT: run SCRIPT in the ARCH guest (knobs such as
# RLK_NUMA come from the environment); its output, without the serial
# console's carriage returns, in $WORK/NAME, the status in RC.
# shellcheck disable=SC2034 # RC is read by the tests
guest() {
	local arch=$1 name=$2 script=$3
	RC=0
	"$TOP/run_rlk_$arch.sh" exec -- "$(guest_path "$arch")
$script" >"$WORK/$name.raw" 2>&1 || RC=$?
	tr -d '\r' <"$WORK/$name.raw" >"$WORK/$name"
}

# field FILE KEY: the value of the "KEY=value" line the guest printed.
field() {
	sed -n "s/^$2=//p" "$1" | tail -1
}

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/full/lab_in_debian_guest.t - the lab exactly as the book runs it,
# in the full Debian guest (RLK_ROOTFS=debian): `make` then `./oom` in
# oom_user_app, `make` then `insmod alloc-oom.ko` in oom_kernel_driver,
# built natively in the guest against /lib/modules/`uname -r`/build.
# Builds the image first if it is not cached (root, 10-20 minutes).
#
# The lab builds in place, in /mnt; what it builds stays in the guest
# (the /mnt overlay's tmpfs), so each step builds and runs in one boot,
# and the checkout is left as it was.

set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/lib/tap.sh"

RLK=$TOP/run_rlk_arm64.sh
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export RLK_ROOTFS=debian RLK_TIMEOUT=900
# Private TMPDIR: what a run leaves behind shows up here.
export TMPDIR=$WORK/tmp
mkdir "$TMPDIR"

# guest NAME CMD: run CMD in the Debian guest; NAME.out, NAME.dmesg and
# NAME.rc in WORK.
guest() {
	local rc=0

	RLK_DMESG=$WORK/$1.dmesg "$RLK" exec -- "$2" >"$WORK/$1.raw" 2>&1 ||
		rc=$?
	tr -d '\r' < "$WORK/$1.raw" > "$WORK/$1.out"
	echo "$rc" > "$WORK/$1.rc"
}

# console NAME VAR=VALUE...: an interactive `run` of the Debian guest
# with VAR=VALUE set, which types poweroff once the login shell has
# printed the lab's banner; NAME.out, NAME.rc (124: it never came) and
# NAME.secs (boot to banner) in WORK.
console() {
	local name=$1 line rc=0 start=$SECONDS from to pid
	shift

	: > "$WORK/$name.out"
	coproc GUEST { env "$@" RLK_TIMEOUT=120 "$RLK" run 2>&1; }
	# Bash drops GUEST when the job ends: keep its pipes and pid.
	pid=$GUEST_PID
	exec {from}<&"${GUEST[0]}" {to}>&"${GUEST[1]}"
	while IFS= read -r line <&"$from"; do
		printf '%s\n' "$line" >> "$WORK/$name.out"
		if [[ $line == *"OOM lab guest: the project is at /mnt"* ]]; then
			echo $((SECONDS - start)) > "$WORK/$name.secs"
			echo poweroff >&"$to"
		fi
	done
	exec {from}<&- {to}>&-
	wait "$pid" || rc=$?
	echo "$rc" > "$WORK/$name.rc"
}

# nothing_left: no QEMU from this test and no run folder remain.
# shellcheck disable=SC2317 # called through ok
nothing_left() {
	! pgrep -f "qemu-system-aarch64.*$TMPDIR" >/dev/null &&
		[ -z "$(ls -A "$TMPDIR")" ]
}

plan 23

"$RLK" build_rootfs >"$WORK/rootfs.log" 2>&1 ||
	bail "run_rlk_arm64.sh build_rootfs failed: $(tail -n 5 "$WORK/rootfs.log")"
before=$(cd "$TOP" && git status --porcelain --ignored -- oom_user_app oom_kernel_driver)

# shellcheck disable=SC2016 # expanded in the guest
guest env 'uname -r; readlink -f /lib/modules/$(uname -r)/build; cc -dumpmachine
echo written > /var/tmp/rlk-snapshot-check'
is 0 "$(cat "$WORK/env.rc")" "the Debian guest boots and runs a command"
like "$(cat "$WORK/env.out")" "^/usr/src/linux-headers-[^ ]+-arm64$" \
	"/lib/modules/\`uname -r\`/build is the headers package's tree"
like "$(cat "$WORK/env.out")" "^aarch64-linux-gnu$" "the guest has a native gcc"

# 1. Lab step 1, verbatim (the status is make's or oom's, not cat's).
# shellcheck disable=SC2016 # expanded in the guest
guest oom 'cd /mnt/oom_user_app && make && ./oom; rc=$?; cat .build-flags; exit $rc'
is 0 "$(cat "$WORK/oom.rc")" "cd /mnt/oom_user_app && make && ./oom exits 0"
like "$(cat "$WORK/oom.out")" "^ +CC .*main\.o$" "the guest's make compiled oom"
like "$(cat "$WORK/oom.out")" "^CC=cc MACHINE=aarch64-linux-gnu " \
	"with the guest's own compiler"
like "$(cat "$WORK/oom.out")" "^victim signalled: 9$" \
	"./oom reports victim signalled: 9"
like "$(cat "$WORK/oom.dmesg")" "Out of memory: Killed process [0-9]+ \(oom\)" \
	"the guest's kernel log holds the kill"

# 2. Lab step 3, verbatim, by the book's path: make against the default
# KDIR, then insmod: the OOM killer from kernel context. The reporting
# shell is out of the OOM killer's reach; insmod runs at the default score.
# shellcheck disable=SC2016 # expanded in the guest
guest insmod 'cd /mnt/rlk_lab/rlk_basic/chapter_9_mm/lab8_oom/oom_kernel_driver &&
make && test -f alloc-oom.ko &&
echo "vermagic: $(modinfo -F vermagic alloc-oom.ko)" && echo "kernel: $(uname -r)" &&
echo -1000 > /proc/self/oom_score_adj &&
sh -c "echo 0 > /proc/self/oom_score_adj && exec insmod alloc-oom.ko"
echo "insmod status $?"
rmmod alloc_oom && echo "still running after insmod"'
is 0 "$(cat "$WORK/insmod.rc")" "make, insmod, and commands after it"
kver=$(sed -n 's/^kernel: //p' "$WORK/insmod.out")
like "$(cat "$WORK/insmod.out")" "^vermagic: ${kver:-none} SMP " \
	"make built alloc-oom.ko for the running kernel (${kver:-none})"
like "$(cat "$WORK/insmod.out")" "^still running after insmod$" \
	"rmmod and a later command work"
like "$(cat "$WORK/insmod.dmesg")" "insmod invoked oom-killer: gfp_mask=0xcc0\(GFP_KERNEL\)" \
	"insmod invokes the OOM killer"
like "$(cat "$WORK/insmod.dmesg")" "Out of memory: Killed process [0-9]+ \(insmod\)" \
	"and the kernel kills insmod, the one task it may kill"
like "$(cat "$WORK/insmod.dmesg")" "alloc_oom: insmod got [0-9]+ pages .* stopped: killed by the OOM killer; freed" \
	"the module's summary line says so, and that it freed its pages"

# exec's statuses are the busybox guest's; writes are thrown away.
guest status 'test -e /var/tmp/rlk-snapshot-check && echo kept; exit 7'
is 7 "$(cat "$WORK/status.rc")" "exec returns the command's status 7"
if grep -qx kept "$WORK/status.out"; then
	_tap_result 1 "a file written in one run is gone in the next (snapshot)"
else
	_tap_result 0 "a file written in one run is gone in the next (snapshot)"
fi
guest panic 'echo c > /proc/sysrq-trigger'
is 125 "$(cat "$WORK/panic.rc")" "a guest panic exits 125"

# Interactive: root's shell without a password, and poweroff.
console fast
is 0 "$(cat "$WORK/fast.rc")" "run: the banner, then poweroff ends the guest"
like "$(cat "$WORK/fast.out")" "rlk:/mnt# poweroff" "the prompt is root's in /mnt"
diag "run: banner $(cat "$WORK/fast.secs" 2>/dev/null || echo never) s after start"
console systemd RLK_SYSTEMD=1
is 0 "$(cat "$WORK/systemd.rc")" "RLK_SYSTEMD=1 run: poweroff ends the guest"
like "$(cat "$WORK/systemd.out")" "login: root \(automatic login\)" \
	"RLK_SYSTEMD=1: systemd logs root in on the console"
diag "RLK_SYSTEMD=1 run: banner $(cat "$WORK/systemd.secs" 2>/dev/null || echo never) s after start"

is "$before" "$(cd "$TOP" && git status --porcelain --ignored -- oom_user_app oom_kernel_driver)" \
	"the guest's builds left the checkout as it was"

ok "the runs left no QEMU and no temporary folder" nothing_left

done_testing

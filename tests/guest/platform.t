#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/guest/platform.t - what the guest platform promises beyond the
# lab: exec keeps its arguments; no binary reaches a guest it was not
# built for (a foreign file at the lab's path, an architecture switch, a
# kernel ABI bump with two kernels in the cache); warm boots from a saved
# guest behave as cold ones, are no clones, and never outlive a change.
#
# Commands in single quotes are expanded in the guest:
# shellcheck disable=SC2016

set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/lib/tap.sh"

RLK=$TOP/run_rlk_arm64.sh
WORK=$(mktemp -d)
FOREIGN=()
# Files this test puts into the checkout, removed whatever happens.
trap 'restore_build_id; rm -rf "${FOREIGN[@]}" "$WORK"' EXIT
export TMPDIR=$WORK/tmp
mkdir "$TMPDIR"

# restore_build_id: the build share's BUILD-ID back, if a check changed it.
restore_build_id() {
	[[ -n ${build_id:-} && -f $WORK/BUILD-ID ]] && cp "$WORK/BUILD-ID" "$build_id"
	return 0
}

# out CMD...: CMD's output without CRs and the kernel's console lines;
# its status in WORK/rc.
out() {
	local rc=0

	"$@" >"$WORK/raw" 2>"$WORK/err" || rc=$?
	echo "$rc" > "$WORK/rc"
	tr -d '\r' < "$WORK/raw" | grep -v '^\[ *[0-9.]*\] '
}

# previous_abi ARCH-FLAVOUR: the newest ABI apt knows below today's, e.g.
# 6.1.0-47 while linux-image-arm64 points at 6.1.0-50.
previous_abi() {
	local now

	now=$(apt-cache depends "linux-image-$1" 2>/dev/null |
		sed -n 's/^ *Depends: linux-image-\([0-9.]*-[0-9]*\)-.*/\1/p' | head -n 1)
	apt-cache pkgnames "linux-image-6.1.0-" 2>/dev/null |
		sed -n "s/^linux-image-\([0-9.]*-[0-9]*\)-${1%%:*}\$/\1/p" |
		sort -V | awk -v now="$now" '$0 != now { last = $0 } $0 == now { print last; exit }'
}

# console: an interactive `run` that types a command once the shell's
# banner is out, then poweroff; the console in WORK/console, the status
# in WORK/rc.
console() {
	local line pid from to rc=0

	: > "$WORK/console"
	coproc GUEST { RLK_TIMEOUT=60 "$RLK" run 2>&1; }
	pid=$GUEST_PID
	exec {from}<&"${GUEST[0]}" {to}>&"${GUEST[1]}"
	while IFS= read -r line <&"$from"; do
		printf '%s\n' "$line" >> "$WORK/console"
		if [[ $line == *"OOM lab guest: the project is at /mnt"* ]]; then
			echo 'echo "boot=$RLK_BOOT"; poweroff' >&"$to"
		fi
	done
	exec {from}<&- {to}>&-
	wait "$pid" || rc=$?
	echo "$rc" > "$WORK/rc"
}

plan 38

"$RLK" build >"$WORK/build.log" 2>&1 || bail "build failed: $(tail -n 3 "$WORK/build.log")"

# exec keeps its arguments.
is 7 "$(out "$RLK" exec -- sh -c 'exit 7' >/dev/null; cat "$WORK/rc")" \
	"exec -- sh -c 'exit 7' returns 7"
is "<a b>|<it's>|<\$HOME>|<\"q\">|<>|" \
	"$(out "$RLK" exec -- printf '<%s>|' 'a b' "it's" '$HOME' '"q"' '')" \
	"several arguments are passed exactly (spaces, quotes, \$, empty)"
is "a  b|it's" "$(out "$RLK" exec -- 'x="a  b"; printf "%s|" "$x"; echo "it'"'"'s"')" \
	"one argument is a shell command line"
is 3 "$(out "$RLK" exec -- 'exit 3' >/dev/null; cat "$WORK/rc")" \
	"a one-argument command line returns its status"

# A foreign file at the lab's path never reaches the guest.
for file in oom_kernel_driver/alloc-oom.ko oom_user_app/oom; do
	if [[ ! -e $TOP/$file ]]; then
		echo "left by someone, not built for this guest" > "$TOP/$file"
		FOREIGN+=("$TOP/$file")
	fi
done
like "$(out "$RLK" exec -- 'cd oom_kernel_driver && insmod alloc-oom.ko max_mb=1 &&
	rmmod alloc_oom && echo loaded; cd ../oom_user_app && ./oom --version')" \
	"^loaded" "with a foreign file at oom_kernel_driver/alloc-oom.ko the guest loads its own build"
like "$(cat "$WORK/raw")" "oom [0-9]" \
	"with a foreign file at oom_user_app/oom the guest runs its own build"
# A build share that names another kernel (stale, or not this guest's):
# its binaries are not used, and the checkout's foreign files stay hidden.
kver=$(readlink "${RLK_CACHE:-$HOME/.cache/rlk-oom-lab}/kernel/current-arm64")
build_id=$TOP/build/arm64/$kver/share/BUILD-ID
cp "$build_id" "$WORK/BUILD-ID"
echo "aarch64 6.1.0-0-arm64" > "$build_id"
hidden=$(out "$RLK" exec -- 'for f in oom_user_app/oom oom_kernel_driver/alloc-oom.ko; do
	[ -s "$f" ] && echo "$f: present"; done; echo end')
restore_build_id
is "end" "$(grep -v '^rlk-init:' <<< "$hidden")" \
	"a build share for another kernel: neither its binaries nor the checkout's foreign ones show"
like "$(cat "$WORK/raw")" "no builds for aarch64 $kver from the host: lab binaries hidden" \
	"and the guest says why"
rm -f "${FOREIGN[@]}"
FOREIGN=()

# An architecture switch: one checkout, each guest its own binaries.
is "aarch64 aarch64" "$(out "$RLK" exec -- 'echo $(uname -m) $(cat /run/rlk/build/BUILD-ID | cut -d" " -f1)')" \
	"arm64 guest: builds for aarch64"
is "armv7l armv7l" "$(out "$TOP/run_rlk_arm32.sh" exec -- 'echo $(uname -m) $(cat /run/rlk/build/BUILD-ID | cut -d" " -f1)')" \
	"then the arm32 guest: builds for armv7l"
is 0 "$(out "$TOP/run_rlk_arm32.sh" exec -- 'cd oom_kernel_driver && insmod alloc-oom.ko max_mb=1 && rmmod alloc_oom' >/dev/null; cat "$WORK/rc")" \
	"the arm32 guest loads its own alloc-oom.ko"
is 0 "$(out "$RLK" exec -- 'cd oom_kernel_driver && insmod alloc-oom.ko max_mb=1 && rmmod alloc_oom' >/dev/null; cat "$WORK/rc")" \
	"back on arm64, the guest loads its own alloc-oom.ko"

# A kernel ABI bump: two kernels in the cache, each with its own builds.
old=$(previous_abi arm64:arm64)
if [[ -z $old ]]; then
	bail "apt knows no arm64 kernel ABI older than today's: run apt-get update"
fi
new=$("$RLK" exec -- uname -r 2>/dev/null | tr -d '\r' | grep -v '^\[')
is "$old-arm64" "$(RLK_KERNEL_ABI=$old out "$RLK" exec -- uname -r)" \
	"RLK_KERNEL_ABI=$old boots that kernel"
is 0 "$(RLK_KERNEL_ABI=$old out "$RLK" exec -- 'ls /sys/bus/virtio/drivers/9pnet_virtio >/dev/null &&
	cd oom_kernel_driver && insmod alloc-oom.ko max_mb=1 && rmmod alloc_oom' >/dev/null; cat "$WORK/rc")" \
	"with $old, its own modules and its own alloc-oom.ko load"
is "$new" "$(out "$RLK" exec -- uname -r)" "back to today's kernel $new"
is 0 "$(out "$RLK" exec -- 'cd oom_kernel_driver && insmod alloc-oom.ko max_mb=1 && rmmod alloc_oom' >/dev/null; cat "$WORK/rc")" \
	"with $new, alloc-oom.ko loads again, no make clean"
ok "each kernel has its own initramfs and module" \
	test -f "$TOP/build/arm64/$old-arm64/initramfs.cpio" -a \
	-f "$TOP/build/arm64/$new/share/lab/oom_kernel_driver/alloc-oom.ko" -a \
	-f "$TOP/build/arm64/$old-arm64/share/lab/oom_kernel_driver/alloc-oom.ko"

# Warm boots: statuses and logs as cold, no clones, nothing stale.
# (make test-cold runs every guest test with RLK_SNAPSHOT=0: here the
# warm checks say RLK_SNAPSHOT=1 themselves.)
export RLK_SNAPSHOT=1
"$RLK" exec -- true >/dev/null 2>&1
is warm "$(out "$RLK" exec -- 'echo $RLK_BOOT')" "the second run restores the saved guest"
is cold "$(RLK_SNAPSHOT=0 out "$RLK" exec -- 'echo $RLK_BOOT')" "RLK_SNAPSHOT=0 boots cold"
for mode in 1 0; do
	name=$([[ $mode == 1 ]] && echo warm || echo cold)
	statuses=$(for cmd in 'exit 0' 'exit 7' 'echo c > /proc/sysrq-trigger' \
		'sleep 60' 'poweroff -f'; do
		RLK_SNAPSHOT=$mode RLK_TIMEOUT=6 out "$RLK" exec -- "$cmd" >/dev/null
		cat "$WORK/rc"
	done | paste -sd' ')
	is "0 7 125 124 126" "$statuses" \
		"$name: exit, status, panic, timeout and early-stop statuses"
done
a=$(out "$RLK" exec -- 'head -c 16 /dev/urandom | od -An -tx1')
b=$(out "$RLK" exec -- 'head -c 16 /dev/urandom | od -An -tx1')
ok "two restored guests draw different random bytes" test "$a" != "$b" -a -n "$a"
skew=$(( $(out "$RLK" exec -- 'date +%s') - $(date +%s) ))
ok "a restored guest's clock is the host's (skew ${skew}s)" test "${skew#-}" -le 2
RLK_DMESG=$WORK/first.dmesg "$RLK" exec -- 'echo rlk-first-run > /dev/kmsg' >/dev/null 2>&1
RLK_DMESG=$WORK/second.dmesg "$RLK" exec -- 'echo rlk-second-run > /dev/kmsg' >/dev/null 2>&1
ok "RLK_DMESG holds this run's kernel log, not an earlier run's" \
	grep -q rlk-second-run "$WORK/second.dmesg"
ok "... and nothing of the run before it" \
	eval '! grep -q rlk-first-run "$WORK/second.dmesg"'
is cold "$(RLK_MEM=768M out "$RLK" exec -- 'echo $RLK_BOOT')" \
	"another memory size does not restore the saved guest"
touch "$TOP/guest/profile"
"$RLK" build >/dev/null 2>&1
is cold "$(out "$RLK" exec -- 'echo $RLK_BOOT')" \
	"a changed initramfs does not restore the saved guest"
console
console
is 0 "$(cat "$WORK/rc")" "run: a root shell on the console, left by poweroff"
like "$(tr -d '\r' < "$WORK/console")" "^boot=warm$" "run restores the saved guest too"

# The guests the scenarios need: NUMA nodes, cgroup v2, zram.
is "node0 node1" "$(RLK_NUMA=2 out "$RLK" exec -- 'cd /sys/devices/system/node && echo node*')" \
	"RLK_NUMA=2 gives two NUMA nodes"
like "$(RLK_NUMA=2 out "$RLK" exec -- 'grep MemTotal /sys/devices/system/node/node1/meminfo')" \
	"MemTotal: +[4-5][0-9]{5} kB" "... with half the memory on node 1"
like "$(out "$RLK" exec -- 'grep " /sys/fs/cgroup " /proc/mounts; cat /sys/fs/cgroup/cgroup.controllers')" \
	"^cgroup2 /sys/fs/cgroup cgroup2 " "cgroup v2 is mounted at /sys/fs/cgroup"
like "$(cat "$WORK/raw")" "memory" "... with the memory controller"
is 0 "$(out "$RLK" exec -- 'modprobe zram && test -b /dev/zram0' >/dev/null; cat "$WORK/rc")" \
	"the zram and zsmalloc modules load in the guest"
ln -s "$TOP" "$WORK/with,comma"
is 2 "$(out "$WORK/with,comma/run_rlk_arm64.sh" exec -- true >/dev/null; cat "$WORK/rc")" \
	"a checkout path with a comma is refused"
like "$(cat "$WORK/err")" "comma" "... with a message that says why"

"$RLK" exec -- true >/dev/null 2>&1 &
"$RLK" exec -- true >/dev/null 2>&1 &
rcs=0
wait %1 || rcs=$?
wait %2 || rcs=$?
is 0 "$rcs" "two runs restoring one saved guest at once both succeed"
ok "no QEMU and no run folder are left" \
	eval '! pgrep -f "qemu-system.*$TMPDIR" >/dev/null && [ -z "$(ls -A "$TMPDIR")" ]'

done_testing

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# demo/lab_tour.sh - the whole OOM lab (Running Linux Kernel, lab 9-8),
# unattended, inside a lab guest: `make demo [ARCH=arm32|x86_64]` runs
# it through `run_rlk_ARCH.sh exec`. Busybox sh. Exits non-zero if a step
# does not end the way the lab says it should.
#
# lab_tour.sh [DIR]: oom-timeline records the lab's two runs into
# DIR/oom.timeline and DIR/insmod.timeline (default /tmp) and charts them
# here; make demo passes a folder of the host's checkout (/host/build/...)
# and plots them there.

TIMELINES=${1:-/tmp}

# heading TEXT: a step title, in bold unless NO_COLOR is set.
heading() {
	if [ -n "${NO_COLOR:-}" ]; then
		printf '\n=== %s ===\n' "$*"
	else
		printf '\n\033[1m=== %s ===\033[0m\n' "$*"
	fi
}

# explain TEXT...: what to look at, indented.
explain() {
	printf '    %s\n' "$@"
}

# mem_available_kb: MemAvailable from /proc/meminfo.
mem_available_kb() {
	awk '/^MemAvailable:/ { print $2 }' /proc/meminfo
}

# fail TEXT: the step did not end as the lab expects.
fail() {
	echo "lab_tour: $*" >&2
	exit 1
}

heading "Step 1: ./oom fills memory from user space until the OOM killer acts"
explain "One thread per CPU maps 10 MiB at a time and touches every page." \
	"Only the first chunk lines are shown here."
cd /mnt/oom_user_app || fail "no /mnt/oom_user_app"
oom-timeline record -o "$TIMELINES/oom.timeline" -- ./oom > /tmp/oom.out 2>&1
oom_status=$?
awk '/allocating/ { if (++n <= 4) print; else if (n == 5) print "..."; next }
	{ print }' /tmp/oom.out
if [ "$oom_status" != 0 ] || ! grep -q 'victim signalled: 9' /tmp/oom.out; then
	fail "./oom did not end with 'victim signalled: 9' (status $oom_status)"
fi
explain "oom-timeline recorded the run: free memory falling through the" \
	"zone's watermarks, and the kernel's events up to the kill."
oom-timeline chart "$TIMELINES/oom.timeline" || fail "no timeline of ./oom"

heading "Step 2: oom-analyze reads the kernel's OOM report"
explain "dmesg holds ~100 lines per OOM event; oom-analyze explains them."
dmesg | oom-analyze || fail "oom-analyze found no OOM event in dmesg"
dmesg -c > /dev/null

heading "Step 3: insmod alloc-oom.ko allocates pages from kernel context"
explain "The module's init loops on alloc_pages(GFP_KERNEL, 0); the OOM" \
	"killer is now invoked by insmod itself."
explain "This tour and the shell above it set oom_score_adj -1000 (the" \
	"busybox shells would outrank a fresh insmod); insmod runs at 0."
for pid in $$ $PPID; do
	echo -1000 > "/proc/$pid/oom_score_adj"
done
before=$(mem_available_kb)
cd /mnt/oom_kernel_driver || fail "no /mnt/oom_kernel_driver"
oom-timeline record -o "$TIMELINES/insmod.timeline" -- \
	sh -c 'echo 0 > /proc/self/oom_score_adj; exec insmod alloc-oom.ko'
status=$?
if [ "$status" = 137 ]; then
	explain "insmod ended with status 137: the OOM killer chose it (SIGKILL);" \
		"the module saw the fatal signal, stopped and freed its pages."
else
	explain "insmod returned $status."
fi
lsmod | grep -q '^alloc_oom' && rmmod alloc_oom
dmesg | grep -E 'invoked oom-killer|page allocation failure|alloc_oom:' |
	sed 's/^/    /'
after=$(mem_available_kb)
explain "MemAvailable: ${before} kB before insmod, ${after} kB after."
[ $((after * 100)) -ge $((before * 95)) ] ||
	fail "MemAvailable did not recover to within 5%"
explain "The module's run, as oom-timeline recorded it:"
oom-timeline chart "$TIMELINES/insmod.timeline" || fail "no timeline of insmod"
dmesg | oom-analyze > /tmp/module.report
explain "oom-analyze on the module's run:"
awk '/^[A-Z]/ { show = /^(Invoker|GFP|Victim) / } show' /tmp/module.report |
	sed 's/^/    /'

heading "Step 4: the guest is still usable; powering off"
uptime

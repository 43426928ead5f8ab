#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# oom_scenarios/overcommit-never.sh - vm.overcommit_memory=2: the kernel
# refuses to promise more than CommitLimit, so ./oom's mmap() fails with
# ENOMEM long before memory runs out, and nobody is killed.
#
# about: vm.overcommit_memory=2: mmap fails with ENOMEM, no kill; CommitLimit explained
# expect: length == 0
# look: "victim retcode: (12) Cannot allocate memory": mmap() failed; no page was ever short
# look: CommitLimit = swap + RAM x vm.overcommit_ratio% (50): the promise the kernel keeps
# look: Committed_AS stops just under CommitLimit; dmesg has no OOM report

# shellcheck source=lib.sh
. "${0%/*}/lib.sh"

heading "sysctl vm.overcommit_memory=2 (never overcommit)"
on_exit "sysctl -q -w vm.overcommit_memory=$(cat /proc/sys/vm/overcommit_memory)"
sysctl -w vm.overcommit_memory=2
say "vm.overcommit_ratio = $(cat /proc/sys/vm/overcommit_ratio)%"
say "CommitLimit  $(meminfo CommitLimit) kB   (swap $(meminfo SwapTotal) kB + $(cat /proc/sys/vm/overcommit_ratio)% of MemTotal $(meminfo MemTotal) kB)"
say "Committed_AS $(meminfo Committed_AS) kB before ./oom"
heading "./oom: each 10 MiB mmap() is a promise the kernel must be able to keep"
cd oom_user_app || fail "no oom_user_app"
./oom --oom-score-adj 0 > /tmp/oom.out 2>&1
status=$?
grep -v '^victim: thread' /tmp/oom.out | grep -v 'allocating' | head -n 20
[ "$status" = 0 ] || fail "./oom did not end as expected (status $status)"
grep -q 'ENOMEM\|Cannot allocate memory' /tmp/oom.out ||
	fail "./oom's victim did not end with ENOMEM"
grep -q 'victim signalled' /tmp/oom.out && fail "the victim was killed, not refused"
dmesg | grep -q 'invoked oom-killer' && fail "the OOM killer ran"
say "no OOM: the victim was refused memory (ENOMEM) instead of being killed"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# oom_scenarios/zram.sh - swap on zram, a compressed RAM disk: memory that
# compresses well is swapped into a fraction of its size, and a holder
# bigger than the guest's RAM gets all it asks for. Random data does not
# compress: the swap fills, and the OOM killer comes.
#
# about: swap on zram delays the OOM: compressible data no OOM; random data OOM once swap is full
# expect: length == 1 and .[0].victim.comm == "rlk-hog"
# expect: .[0].swap.total_kb == 524284 and .[0].swap.free_kb < 52428
# look: after the text holder: zram's mm_stat, orig_data_size far above compr_data_size
# look: the OOM report: "Free swap  = ...kB" near 0 of "Total swap = 524284kB"
# look: the victim's "swapents" in the task list: its pages in zram

# shellcheck source=lib.sh
. "${0%/*}/lib.sh"

heading "swap on zram: 512 MiB of compressed RAM"
modprobe zram num_devices=1 || fail "no zram module"
on_exit "swapoff /dev/zram0 2>/dev/null; echo 1 > /sys/block/zram0/reset"
echo 512M > /sys/block/zram0/disksize
mkswap /dev/zram0 > /dev/null || fail "cannot mkswap /dev/zram0"
swapon /dev/zram0 || fail "cannot swap on /dev/zram0"
cat /proc/swaps
heading "a 1200 MiB holder of text (compresses well), more than the guest's RAM"
start_hog 1200M --fill text --hold --oom-score-adj 0
text=$HOG
say "the text holder got 1200 MiB with no OOM"
awk '{ printf "  zram: %d MiB swapped in, stored in %d MiB\n", $1 / 1048576, $3 / 1048576 }' \
	/sys/block/zram0/mm_stat
grep -E 'SwapTotal|SwapFree' /proc/meminfo
kill -9 "$text"
wait "$text" 2>/dev/null
heading "a 1200 MiB holder of random bytes (does not compress)"
rlk-hog --quiet 1200M --fill random --exit --oom-score-adj 0
status=$?
[ "$status" = 137 ] || fail "the random holder ended with status $status, not killed (137)"
say "the random holder was killed once the swap was full"
grep -E 'SwapTotal|SwapFree' /proc/meminfo

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/guest_hog.t - rlk-hog in the ARM64 guest, at full size: progress
# each 64 MiB, a --hold that is resident, ENOMEM from mmap under
# vm.overcommit_memory=2, an idle hog at oom_score_adj 1000 chosen by
# the OOM killer so that a busy one can finish, and with zram swap: what
# each fill compresses to, and a hog bigger than the guest's RAM.
set -euo pipefail
# shellcheck source=../../../tests/lib/tap.sh
. "$(dirname "$0")/../../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

ARCH=${ARCH:-arm64}

# The guest's side: KEY=value lines for field().
# shellcheck disable=SC2016 # expanded in the guest
FACES='
# wait_holds FILE: until rlk-hog says it holds its memory (60 s at most)
wait_holds() {
	i=0
	while ! grep -q holds "$1" && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
rlk-hog 200M --exit >/tmp/p.out 2>/tmp/p.err
echo "progress_rc=$?"
echo "progress=$(tr "\n" "|" </tmp/p.err)"
echo "progress_out=$(cat /tmp/p.out)"

rlk-hog 128M --fill random >/tmp/h.out 2>/dev/null &
wait_holds /tmp/h.out
echo "hold_line=$(cat /tmp/h.out)"
echo "hold_pid=$!"
echo "hold_anon=$(sed -n "s/^Anonymous: *\([0-9]*\) kB/\1/p" /proc/$!/smaps_rollup)"
kill $!
wait $!

echo 2 >/proc/sys/vm/overcommit_memory
rlk-hog 2G --exit >/dev/null 2>/tmp/s.err
echo "strict_rc=$?"
echo "strict_err=$(cat /tmp/s.err)"
echo 0 >/proc/sys/vm/overcommit_memory

rlk-hog 300M --quiet --oom-score-adj 1000 >/tmp/i.out &
idle=$!
wait_holds /tmp/i.out
rlk-hog 700M --exit --quiet
echo "busy_rc=$?"
wait $idle
echo "idle_status=$?"
echo "idle_pid=$idle"
echo "kill=$(dmesg | grep "Killed process" | tail -1)"
'

# zram swap of 512M in a 256M guest; a cgroup keeps 16M of a 64M hog in
# RAM, so 48M go to zram while the hog holds: mm_stat tells how they
# compressed (orig_data_size compr_data_size ... same_pages ...
# huge_pages ...).
# shellcheck disable=SC2016 # expanded in the guest
ZRAM='
modprobe zram num_devices=1 &&
	echo 512M >/sys/block/zram0/disksize &&
	mkswap /dev/zram0 >/dev/null && swapon /dev/zram0 || exit 1
echo +memory >/sys/fs/cgroup/cgroup.subtree_control
mkdir /sys/fs/cgroup/z
echo 16M >/sys/fs/cgroup/z/memory.max
for fill in zero text random; do
	sh -c "echo \$\$ >/sys/fs/cgroup/z/cgroup.procs
		exec rlk-hog 64M --quiet --fill $fill" >/tmp/z-$fill.out &
	i=0
	while ! grep -q holds /tmp/z-$fill.out && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	set -- $(cat /sys/block/zram0/mm_stat)
	echo "$fill=$1 $2 $6 $9"
	kill $!
	wait $!
done
echo "alg=$(sed "s/.*\[\(.*\)\].*/\1/" /sys/block/zram0/comp_algorithm)"
echo "ram_kb=$(sed -n "s/^MemTotal: *\([0-9]*\) kB/\1/p" /proc/meminfo)"
rlk-hog 320M --fill text --exit --quiet
echo "over_rc=$?"
'

# faces_checks: what the 1 GiB guest printed.
faces_checks() {
	local out=$WORK/faces pid
	is 0 "$RC" "the guest ran the script"
	is 0 "$(field "$out" progress_rc)" "200M --exit: exit 0"
	is "rlk-hog: 64M of 200M touched|rlk-hog: 128M of 200M touched|rlk-hog: 192M of 200M touched|rlk-hog: 200M of 200M touched|" \
		"$(field "$out" progress)" "200M: a stderr line each 64 MiB, and the last"
	is "" "$(field "$out" progress_out)" "200M --exit: nothing on stdout"
	pid=$(field "$out" hold_pid)
	is "rlk-hog: $pid holds 128M" "$(field "$out" hold_line)" \
		"128M --hold: 'rlk-hog: $pid holds 128M'"
	ok "128M --fill random: $(field "$out" hold_anon) kB anonymous (smaps_rollup) >= 131072 kB" \
		test "$(field "$out" hold_anon)" -ge 131072
	is 3 "$(field "$out" strict_rc)" "vm.overcommit_memory=2, 2G: exit 3"
	is "rlk-hog: mmap 2G: Cannot allocate memory" "$(field "$out" strict_err)" \
		"... 'rlk-hog: mmap 2G: Cannot allocate memory'"
	is 0 "$(field "$out" busy_rc)" \
		"an idle 300M hog at oom_score_adj 1000 beside a busy 700M one: the busy one finishes"
	is 137 "$(field "$out" idle_status)" "... the idle one ends by SIGKILL"
	like "$(field "$out" kill)" \
		"Out of memory: Killed process $(field "$out" idle_pid) \(rlk-hog\) .*oom_score_adj:1000$" \
		"... chosen by the OOM killer"
}

# zram_checks: what each fill compressed to, and the hog beyond RAM.
zram_checks() {
	local out=$WORK/zram orig compr same huge
	is 0 "$RC" "the zram guest ran the script"
	read -r orig compr same huge <<<"$(field "$out" zero)"
	ok "zero: 48M swapped compress $((orig / ${compr:-1})):1 (>= 20:1)" \
		test "$((orig / ${compr:-1}))" -ge 20
	is 0 "$same" "zero: no page is same-filled (zram would skip compressing)"
	read -r orig compr same huge <<<"$(field "$out" text)"
	ok "text: compresses $((orig / ${compr:-1})):1 with $(field "$out" alg) (>= 4:1)" \
		test "$((orig / ${compr:-1}))" -ge 4
	read -r orig compr same huge <<<"$(field "$out" random)"
	ok "random: does not compress ($compr of $orig bytes, >= 95%)" \
		test "$((compr * 100 / ${orig:-1}))" -ge 95
	ok "random: zram stores its pages as huge ($huge of $((orig / 4096)))" \
		test "$huge" -ge "$((orig * 95 / 409600))"
	is 0 "$(field "$out" over_rc)" \
		"text: 320M in a guest of $(($(field "$out" ram_kb) / 1024))M RAM, with zram swap: exit 0"
}

main() {
	plan 18
	guest_build "$ARCH"
	guest "$ARCH" faces "$FACES"
	faces_checks
	RLK_MEM=256M guest "$ARCH" zram "$ZRAM"
	zram_checks
	done_testing
}

main "$@"

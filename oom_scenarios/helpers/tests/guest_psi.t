#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/guest_psi.t - rlk-psi in the ARM64 guest: a hog of 96M in a
# cgroup with memory.high 32M and no swap is throttled, and the triggers
# fire: 'some' on the cgroup, 'full' twice on it, and 'some' on the
# whole system; an idle guest times out; a guest booted with psi=0
# exits 3, saying why.
set -euo pipefail
# shellcheck source=../../../tests/lib/tap.sh
. "$(dirname "$0")/../../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

ARCH=${ARCH:-arm64}

# The guest's side: KEY=value lines for field().
# shellcheck disable=SC2016 # expanded in the guest
HIGH='
# wait_file FILE TEXT: until FILE has TEXT (30 s at most)
wait_file() {
	i=0
	while ! grep -q "$2" "$1" && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
cg=/sys/fs/cgroup/high
echo +memory >/sys/fs/cgroup/cgroup.subtree_control
mkdir $cg
echo 32M >$cg/memory.high
echo 0 >$cg/memory.swap.max
rlk-psi --cgroup $cg >/tmp/cg.out 2>/tmp/cg.err &
cgp=$!
rlk-psi --cgroup $cg --full --count 2 >/tmp/full.out 2>/tmp/full.err &
fullp=$!
rlk-psi >/tmp/sys.out 2>/tmp/sys.err &
sysp=$!
for f in cg full sys; do
	wait_file /tmp/$f.err trigger
done
sh -c "echo \$\$ >$cg/cgroup.procs; exec rlk-hog 96M --exit --quiet" &
hog=$!
wait $cgp
echo "cg_rc=$?"
wait $fullp
echo "full_rc=$?"
wait $sysp
echo "sys_rc=$?"
kill -0 $hog && echo "hog_running=yes"
echo "current_kb=$(($(cat $cg/memory.current) / 1024))"
echo "high_events=$(sed -n "s/^high //p" $cg/memory.events)"
echo "oom_kills=$(sed -n "s/^oom_kill //p" $cg/memory.events)"
kill -9 $hog
wait $hog
for f in cg full sys; do
	echo "${f}_out=$(tr "\n" "|" </tmp/$f.out)"
	echo "${f}_err=$(tr "\n" "|" </tmp/$f.err)"
done
rlk-psi --timeout 1 >/tmp/idle.out 2>/tmp/idle.err
echo "idle_rc=$?"
echo "idle_err=$(tr "\n" "|" </tmp/idle.err)"
'

# shellcheck disable=SC2016 # expanded in the guest
NO_PSI='
rlk-psi 2>/tmp/e
echo "sys_rc=$?"
echo "sys_err=$(cat /tmp/e)"
rlk-psi --cgroup /sys/fs/cgroup 2>/tmp/e
echo "cg_rc=$?"
echo "cg_err=$(cat /tmp/e)"
'

# event_re KIND: an event line; KIND "full" has a full avg10.
EVENT='rlk-psi: event [0-9]+ at [0-9]+\.[0-9]{3} s: some avg10=[0-9]+\.[0-9]{2} full avg10=[0-9]+\.[0-9]{2}'

# high_checks: what the memory.high guest printed.
high_checks() {
	local out=$WORK/high cg=/sys/fs/cgroup/high
	is 0 "$RC" "the guest ran the script"
	is "0 0 0" "$(field "$out" cg_rc) $(field "$out" full_rc) $(field "$out" sys_rc)" \
		"under memory.high pressure all three exit 0 (cgroup some, cgroup full x2, system some)"
	like "$(field "$out" cg_err)" "^rlk-psi: trigger 'some 100000 1000000' on $cg/memory.pressure\|$" \
		"cgroup: armed with the defaults, 100 ms in 1 s"
	like "$(field "$out" cg_out)" "^rlk-psi: event 1 at [0-9]+\.[0-9]{3} s: some avg10=[0-9.]+ full avg10=[0-9.]+\|$" \
		"cgroup: one event line, time and avg10 of some and full"
	like "$(field "$out" full_err)" "trigger 'full 100000 1000000' on $cg/memory.pressure" \
		"--full: a 'full' trigger"
	like "$(field "$out" full_out)" "^${EVENT/\[0-9\]+/1}\|${EVENT/\[0-9\]+/2}\|$" \
		"--full --count 2: events 1 and 2"
	like "$(field "$out" sys_out)" "^${EVENT/\[0-9\]+/1}\|$" \
		"system: the cgroup's stall shows in /proc/pressure/memory too"
	is yes "$(field "$out" hog_running)" "the hog is throttled, not killed"
	ok "... and held near memory.high: $(field "$out" current_kb) kB <= 40 MiB" \
		test "$(field "$out" current_kb)" -le 40960
	ok "... memory.events counted $(field "$out" high_events) high events" \
		test "$(field "$out" high_events)" -gt 0
	is 0 "$(field "$out" oom_kills)" "... and no OOM kill"
	is 1 "$(field "$out" idle_rc)" "an idle guest: no event in 1 s, exit 1"
	like "$(field "$out" idle_err)" "\|rlk-psi: timeout: 0 of 1 events in 1 s on /proc/pressure/memory\|$" \
		"... 'rlk-psi: timeout: 0 of 1 events in 1 s'"
	diag "$(printf '%s\n' "cgroup: $(field "$out" cg_out)" \
		"full:   $(field "$out" full_out)" "system: $(field "$out" sys_out)")"
}

# no_psi_checks: what the guest booted with psi=0 printed.
no_psi_checks() {
	local out=$WORK/nopsi
	is 0 "$RC" "the psi=0 guest ran the script"
	is 3 "$(field "$out" sys_rc)" "psi=0: rlk-psi exits 3"
	is "rlk-psi: /proc/pressure/memory: No such file or directory (a kernel without CONFIG_PSI, or booted with psi=0)" \
		"$(field "$out" sys_err)" "... saying why"
	is 3 "$(field "$out" cg_rc)" "psi=0: rlk-psi --cgroup /sys/fs/cgroup exits 3"
	like "$(field "$out" cg_err)" "^rlk-psi: /sys/fs/cgroup/memory.pressure: No such file or directory \(not a cgroup v2 group, or PSI is off" \
		"... saying why"
}

main() {
	plan 18
	guest_build "$ARCH"
	guest "$ARCH" high "$HIGH"
	high_checks
	RLK_APPEND=psi=0 guest "$ARCH" nopsi "$NO_PSI"
	no_psi_checks
	done_testing
}

main "$@"

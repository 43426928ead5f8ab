#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# oom_scenarios/memcg-high.sh - memory.high without memory.max: a group
# over its high limit is throttled, not killed. The holder wants 96 MiB
# in a group whose memory.high is 64M and has no swap: it crawls past the
# limit while the group's PSI shows the stall.
#
# about: memory.high throttles, no kill: the task slows down; memory.events high rises; PSI shows the stall
# expect: length == 0
# look: memory.current creeping past memory.high, a few MiB a second at most
# look: memory.events: "high" counts the times the group went over; oom_kill stays 0
# look: memory.pressure: "some avg10" high: the group's task waits for memory most of the time
# look: rlk-psi: a PSI trigger (some 100 ms in 1 s) fired on the group

# shellcheck source=lib.sh
. "${0%/*}/lib.sh"

heading "an unlimited holder first: 96 MiB outside any group"
start=$(uptime_ms)
rlk-hog --quiet 96M --exit || fail "the unlimited holder failed"
say "96 MiB touched in $(($(uptime_ms) - start)) ms"
heading "the group: memory.high 64M, no memory.max, memory.swap.max 0"
new_group slow memory
echo 64M > "$CGROOT/slow/memory.high"
echo 0 > "$CGROOT/slow/memory.swap.max" 2>/dev/null
rlk-psi --cgroup "$CGROOT/slow" --stall 100 --window 1000 --count 1 \
	--timeout 20 > /tmp/psi.out 2>&1 &
psi=$!
HOGS="$HOGS $psi"
heading "the same holder in the group, for 6 seconds"
(
	join_group slow
	exec rlk-hog --quiet 96M --hold --oom-score-adj 0
) > /dev/null &
hog=$!
HOGS="$HOGS $hog"
for second in 1 2 3 4 5 6; do
	sleep 1
	say "  ${second}s: memory.current $(($(cat "$CGROOT/slow/memory.current") / 1048576)) MiB"
done
wait "$psi"
psi_status=$?
heading "what the group saw"
show "$CGROOT/slow/memory.events" "$CGROOT/slow/memory.pressure" /tmp/psi.out
alive "$hog" || fail "the throttled holder was killed"
[ "$(event_count "$CGROOT/slow/memory.events" high)" -gt 0 ] ||
	fail "memory.events high did not rise"
[ "$(event_count "$CGROOT/slow/memory.events" oom_kill)" = 0 ] ||
	fail "the group saw an OOM kill"
[ "$psi_status" = 0 ] || fail "the group's PSI trigger never fired"
say "throttled, not killed: the holder still waits for memory"

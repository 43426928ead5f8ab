#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# oom_scenarios/memcg-group.sh - memory.oom.group=1: a memcg OOM kills
# every member of the group at once, as one workload, except a member at
# oom_score_adj -1000.
#
# about: memory.oom.group: every member killed at once; a member at -1000 survives
# expect: length == 1 and .[0].kind == "memcg_oom" and .[0].task_memcg == "/grp"
# expect: ([.[0].killed[].comm] | unique) == ["oom", "rlk-hog"]
# expect: ([.[0].killed[] | select(.comm == "rlk-hog")] | length) == 2
# look: "Tasks in /grp are going to be killed due to memory.oom.group set"
# look: one "Memory cgroup out of memory: Killed process" line per member
# look: (and one per thread of ./oom's victim: the group kill walks every task)
# look: memory.events: oom_group_kill 1; the -1000 member lives on

# shellcheck source=lib.sh
. "${0%/*}/lib.sh"

heading "the group: memory.max 128M, memory.swap.max 0, memory.oom.group 1"
new_group grp memory
echo 128M > "$CGROOT/grp/memory.max"
echo 0 > "$CGROOT/grp/memory.swap.max" 2>/dev/null
echo 1 > "$CGROOT/grp/memory.oom.group"
heading "three members: two 24 MiB holders, and a holder at -1000"
join_group grp
start_hog 24M --hold --oom-score-adj 0
member1=$HOG
start_hog 24M --hold --oom-score-adj 0
member2=$HOG
start_hog 8M --hold --oom-score-adj -1000
keeper=$HOG
echo 0 > "$CGROOT/cgroup.procs"
heading "./oom joins them and fills the group"
(
	join_group grp
	cd oom_user_app && ./oom --quiet --oom-score-adj 0
) || fail "./oom in the group did not end with its victim killed"
usleep 200000
heading "what the group saw"
show "$CGROOT/grp/memory.events"
alive "$member1" && fail "member $member1 survived the group kill"
alive "$member2" && fail "member $member2 survived the group kill"
alive "$keeper" || fail "the -1000 member $keeper was killed"
[ "$(event_count "$CGROOT/grp/memory.events" oom_group_kill)" = 1 ] ||
	fail "memory.events oom_group_kill is not 1"
say "members $member1 and $member2 died with ./oom's victim; $keeper (-1000) lives on"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# oom_scenarios/memcg.sh - a cgroup v2 limit: ./oom runs in a group with
# memory.max 64M and no swap, the OOM stays inside the group, and a task
# outside it keeps its memory.
#
# about: a cgroup v2 limit: the OOM stays inside the group; the rest of the guest is untouched
# expect: length == 1 and .[0].kind == "memcg_oom"
# expect: .[0].constraint == "CONSTRAINT_MEMCG" and .[0].task_memcg == "/lab"
# expect: .[0].memcg.limit_kb == 65536 and .[0].victim.comm == "oom"
# look: "memory: usage ..., limit 65536kB": the group's limit, not the guest's memory, ran out
# look: "oom-kill:constraint=CONSTRAINT_MEMCG,...,oom_memcg=/lab": the search stayed in the group
# look: "Memory cgroup out of memory: Killed process": the memcg OOM's own kill line
# look: memory.events: oom_kill 1; the 200 MiB holder outside the group lives on

# shellcheck source=lib.sh
. "${0%/*}/lib.sh"

heading "a holder outside the group: 200 MiB, twice what the group may use"
start_hog 200M --hold
outside=$HOG
heading "the group: mkdir $CGROOT/lab; memory.max 64M; memory.swap.max 0"
new_group lab memory
echo 64M > "$CGROOT/lab/memory.max"
echo 0 > "$CGROOT/lab/memory.swap.max" 2>/dev/null
say "MemAvailable before: $(meminfo MemAvailable) kB"
heading "./oom in the group (its shell joins the group, ./oom follows)"
(
	join_group lab
	cd oom_user_app && ./oom --quiet --oom-score-adj 0
) || fail "./oom in the group did not end with its victim killed"
heading "what the group saw"
show "$CGROOT/lab/memory.events"
kills=$(event_count "$CGROOT/lab/memory.events" oom_kill)
[ "$kills" = 1 ] || fail "memory.events oom_kill is '$kills', not 1"
alive "$outside" || fail "the holder outside the group was killed"
say "the holder outside the group ($outside) lives on: the rest of the guest was untouched"
say "MemAvailable after: $(meminfo MemAvailable) kB"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# oom_scenarios/global.sh - the lab's own OOM: ./oom fills the whole
# guest, and the OOM killer takes the biggest task.
#
# about: the lab's own: ./oom fills the guest; the biggest task is killed
# expect: .[0].kind == "oom" and .[0].constraint == "CONSTRAINT_NONE"
# expect: .[0].victim.comm == "oom"
# expect: .[0].victim.pid == (.[0].tasks | max_by(.rss_pages) | .pid)
# look: "constraint=CONSTRAINT_NONE": no cgroup, cpuset or policy limited the search
# look: the task list: the victim has by far the largest rss
# look: "Killed process ... anon-rss:": the memory the kill gives back

# shellcheck source=lib.sh
. "${0%/*}/lib.sh"

heading "./oom: one thread per CPU maps 10 MiB at a time and touches it"
cd oom_user_app || fail "no oom_user_app"
./oom --quiet --oom-score-adj 0 || fail "./oom did not end with the victim killed"

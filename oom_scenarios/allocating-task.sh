#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# oom_scenarios/allocating-task.sh - vm.oom_kill_allocating_task=1: the
# kernel skips the search and kills whoever asked for the page, here
# ./oom's victim, although an idle holder is bigger.
#
# about: vm.oom_kill_allocating_task=1: the allocating task is killed, not the biggest
# expect: length == 1 and .[0].allocating_task == true
# expect: .[0].victim.comm == "oom" and .[0].invoker.comm == "oom"
# look: "Out of memory (oom_kill_allocating_task): Killed process": no search, no score
# look: the invoker's pid is one of the victim's threads; the kill names the process
# look: the task list: the 500 MiB holder is bigger, and lives on

# shellcheck source=lib.sh
. "${0%/*}/lib.sh"

heading "sysctl vm.oom_kill_allocating_task=1"
on_exit "sysctl -q -w vm.oom_kill_allocating_task=0"
sysctl -w vm.oom_kill_allocating_task=1
heading "an idle holder of 500 MiB, the biggest task"
start_hog 500M --hold --oom-score-adj 0
big=$HOG
heading "./oom fills the rest"
cd oom_user_app || fail "no oom_user_app"
./oom --quiet --oom-score-adj 0 || fail "./oom did not end with its victim killed"
alive "$big" || fail "the biggest task was killed, not the allocating one"
say "./oom's victim asked for the page and was killed; the bigger holder ($big) lives on"

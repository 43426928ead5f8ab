#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# oom_scenarios/score-adj.sh - oom_score_adj at both ends: a big idle
# holder at -1000 is never chosen, a small one at +1000 is chosen first,
# and only then the biggest killable task, ./oom's victim.
#
# about: oom_score_adj -1000 and +1000: a protected big idle task survives; a +1000 task dies first
# expect: length == 2
# expect: .[0].victim.comm == "rlk-hog" and .[0].victim.oom_score_adj == 1000
# expect: .[1].victim.comm == "oom" and .[1].victim.oom_score_adj == 0
# expect: all(.[]; .victim.oom_score_adj != -1000)
# look: the task list: the 300 MiB holder at -1000 is the biggest, and never chosen
# look: the first kill: the small holder, "oom_score_adj:1000"
# look: the second kill: ./oom's victim

# shellcheck source=lib.sh
. "${0%/*}/lib.sh"

heading "a big idle holder at -1000, a small one at +1000"
start_hog 300M --hold --oom-score-adj -1000
big=$HOG
start_hog 16M --hold --oom-score-adj 1000
doomed=$HOG
say "oom_score: big $(cat "/proc/$big/oom_score"), doomed $(cat "/proc/$doomed/oom_score")"
heading "./oom fills the rest"
cd oom_user_app || fail "no oom_user_app"
./oom --quiet --oom-score-adj 0 || fail "./oom did not end with its victim killed"
alive "$doomed" && fail "the +1000 holder survived"
alive "$big" || fail "the -1000 holder was killed"
say "the +1000 holder died first, ./oom's victim next; the -1000 holder ($big) lives on"

# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# oom_scenarios/lib.sh - what the scenario scripts share (busybox sh in
# the lab's guest): narration, cgroups, background memory holders, and
# the checks that end a scenario. Each scenario sources it first:
#   . "${0%/*}/lib.sh"
# It protects the scenario's own shells (oom_score_adj -1000) so that the
# OOM killer picks among the tasks the scenario means it to, and removes
# what the scenario made when it exits.

SCENARIO=${0##*/}
SCENARIO=${SCENARIO%.sh}
LAB=/mnt
CGROOT=/sys/fs/cgroup
HOG=
HOGS=
GROUPS_MADE=
UNDO=

# say TEXT...: one line of narration.
say() {
	printf '%s\n' "$*"
}

# heading TEXT: a step of the scenario.
heading() {
	if [ -n "${NO_COLOR:-}" ]; then
		printf '\n--- %s ---\n' "$*"
	else
		printf '\n\033[1m--- %s ---\033[0m\n' "$*"
	fi
}

# fail TEXT: the kernel did not do what this scenario teaches.
fail() {
	echo "$SCENARIO: $*" >&2
	exit 1
}

# protect_shells: this script and the shell above it at -1000, as the
# lab's tour does: busybox shells would otherwise outrank small victims.
# The shell above gets its own value back at the end (typed in `run`, it
# is the console's shell, whose children must not inherit -1000).
protect_shells() {
	read -r adj < "/proc/$PPID/oom_score_adj"
	on_exit "echo $adj > /proc/$PPID/oom_score_adj 2>/dev/null"
	for pid in $$ $PPID; do
		echo -1000 > "/proc/$pid/oom_score_adj" 2>/dev/null
	done
}

# on_exit LINE: a shell line that undoes a change (a sysctl, swap) when
# the scenario ends, however it ends: in `run` the guest lives on.
on_exit() {
	UNDO="$1; $UNDO"
}

# cleanup: stop the holders this script started, remove its groups, and
# undo its changes (on_exit).
cleanup() {
	for pid in $HOGS; do
		kill -9 "$pid" 2>/dev/null
	done
	for pid in $HOGS; do
		wait "$pid" 2>/dev/null
	done
	for dir in $GROUPS_MADE; do
		[ -d "$dir" ] || continue
		while read -r pid; do
			kill -9 "$pid" 2>/dev/null
		done < "$dir/cgroup.procs"
		rmdir "$dir" 2>/dev/null || { usleep 100000; rmdir "$dir"; }
	done
	eval "$UNDO"
}

# new_group NAME CONTROLLERS: the cgroup v2 group CGROOT/NAME with the
# controllers (e.g. "memory" or "cpuset memory") enabled for it.
new_group() {
	for ctl in $2; do
		echo "+$ctl" > "$CGROOT/cgroup.subtree_control" ||
			fail "cannot enable the $ctl controller in $CGROOT"
	done
	mkdir -p "$CGROOT/$1" || fail "cannot make $CGROOT/$1"
	GROUPS_MADE="$CGROOT/$1 $GROUPS_MADE"
}

# join_group NAME: move this shell (a subshell too: the writer of 0 is
# the one moved), and so its children, into the group.
join_group() {
	echo 0 > "$CGROOT/$1/cgroup.procs" || fail "cannot join $CGROOT/$1"
}

# start_hog RLK-HOG-ARGS...: an rlk-hog holding memory in the background,
# waited for until it holds all of it; its pid in HOG.
start_hog() {
	out=/tmp/hog.$$.${#HOGS}
	rlk-hog --quiet "$@" > "$out" &
	# shellcheck disable=SC2034 # for the scenario that sourced this
	HOG=$!
	HOGS="$HOGS $!"
	while ! grep -q holds "$out" 2>/dev/null; do
		kill -0 "$!" 2>/dev/null || fail "rlk-hog $* ended before it held its memory"
		usleep 50000
	done
	cat "$out"
	rm -f "$out"
}

# alive PID: true while PID runs (and is not a zombie).
alive() {
	[ -d "/proc/$1" ] || return 1
	! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null
}

# event_count FILE KEY: KEY's count in a memory.events-style FILE.
event_count() {
	awk -v key="$2" '$1 == key { print $2 }' "$1"
}

# show FILE...: a file's lines, indented and named.
show() {
	for file in "$@"; do
		say "  $file:"
		sed 's/^/    /' "$file"
	done
}

# uptime_ms: milliseconds since boot (busybox date has no %N).
uptime_ms() {
	read -r up _ < /proc/uptime
	echo "$((${up%.*} * 1000 + 1${up#*.}0 - 1000))"
}

# meminfo KEY: a /proc/meminfo value in kB.
meminfo() {
	awk -v key="$1:" '$1 == key { print $2 }' /proc/meminfo
}

trap cleanup EXIT
trap "exit 130" INT TERM
protect_shells
cd "$LAB" || fail "no $LAB"

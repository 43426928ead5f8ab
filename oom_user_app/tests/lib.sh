# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# tests/lib.sh - what every oom_user_app test needs after tap.sh: a
# private build of oom in a temporary directory (never the in-tree
# arm64 one), and a cleanup that leaves nothing behind (tests/lib/
# component.sh: it kills an oom parent still running, whose victim
# follows through PR_SET_PDEATHSIG).

# shellcheck disable=SC2034 # WORK_NAME: read by tests/lib/component.sh
COMP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK_NAME=oom_user_app-test
# shellcheck source=../../tests/lib/component.sh
. "$COMP_DIR/../tests/lib/component.sh"
# shellcheck disable=SC2034 # used by the tests that source this file
OOM=$WORK/build/oom

# oom_cgroups PARENT_PID: the memory cgroups an oom parent made, if any,
# wherever they are (below the caller's cgroup, or at the root).
oom_cgroups() {
	find /sys/fs/cgroup -maxdepth 12 -type d \
		\( -name "oom-$1" -o -name "oom-$1-*" \) 2>/dev/null || true
}

# skip_all REASON: this whole file cannot run here; say why, and stop.
skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

# memcg_hierarchy: find the hierarchy with the memory controller as oom
# does (cgroup2 listing memory, else cgroup v1 memory) and this shell's
# cgroup in it: MEMCG_VERSION, MEMCG_ROOT (the mount point) and
# MEMCG_OWN (our cgroup's directory). False when there is none.
memcg_hierarchy() {
	local dir type opts v1="" path
	MEMCG_VERSION=0
	while read -r dir type opts; do
		if [[ $type == cgroup2 ]] &&
			grep -qw memory "$dir/cgroup.controllers" 2>/dev/null; then
			MEMCG_VERSION=2 MEMCG_ROOT=$dir
			break
		fi
		if [[ $type == cgroup && -z $v1 && ,$opts, == *,memory,* ]]; then
			v1=$dir
		fi
	done < <(awk '{ for (i = 7; $i != "-"; i++) ; print $5, $(i + 1), $(i + 3) }' \
		/proc/self/mountinfo)
	if ((MEMCG_VERSION == 0)) && [[ -n $v1 ]]; then
		MEMCG_VERSION=1 MEMCG_ROOT=$v1
	fi
	((MEMCG_VERSION)) || return 1
	if ((MEMCG_VERSION == 2)); then
		path=$(sed -n 's/^0:://p' /proc/self/cgroup)
	else
		path=$(awk -F: '$2 ~ /(^|,)memory(,|$)/ { print $3 }' /proc/self/cgroup)
	fi
	# shellcheck disable=SC2034 # read by the tests
	MEMCG_OWN=$MEMCG_ROOT${path%/}
}

# need_root_memcg: skip the whole file unless we are root and a memory
# cgroup controller is mounted (CI has both: nothing may skip there).
need_root_memcg() {
	[[ $(id -u) == 0 ]] || skip_all "not root: --memcg needs root"
	memcg_hierarchy || skip_all "no memory cgroup controller is mounted"
}

# json_field JSON NAME: the raw value of a top-level field (no nesting).
json_field() {
	printf '%s\n' "$1" | sed -n "s/.*\"$2\":\(\"[^\"]*\"\|[^,}]*\).*/\1/p"
}

# run_bg SECONDS ARGS...: run oom in the background so that its own pid
# is known (PID), wait at most SECONDS, then kill it. Output goes to
# $WORK/out and $WORK/err, the exit status to RC (137 when killed).
# shellcheck disable=SC2034 # RC and PID are read by the tests
run_bg() {
	local limit=$(($1 * 10)) i
	shift
	"$OOM" "$@" >"$WORK/out" 2>"$WORK/err" &
	PID=$!
	for ((i = 0; i < limit; i++)); do
		kill -0 "$PID" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$PID" 2>/dev/null || true
	RC=0
	wait "$PID" || RC=$?
}

# kmsg_mark: write a unique line into the kernel log and print it. The
# ring buffer may be full, so counting lines would not find the new ones.
kmsg_mark() {
	local mark="oom_user_app test $$ mark $RANDOM$RANDOM"
	echo "$mark" >/dev/kmsg
	echo "$mark"
}

# kernel_log_after MARK: the kernel log after the line MARK.
kernel_log_after() {
	dmesg | sed -n "/$1/,\$p" | tail -n +2
}

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# guest-steps.sh - the guest half of the alloc-oom.ko tests. Run by
# busybox sh inside the lab guest (./run_rlk_arm64.sh exec), never on the
# host. Each argument NAME:PARAMS[:SIGNAL@WHEN] is one step: load the
# module with PARAMS (commas become spaces; MAXORDER is the kernel's
# largest order, from /proc/buddyinfo), look at what is left, unload it.
# With SIGNAL@WHEN another process sends insmod SIGNAL while the loop runs:
#   @fill  once insmod holds FILL_MB MiB, long before memory runs out;
#   @oom   inside the OOM phase: a canary and HELPERS sleeping tasks at
#          oom_score_adj 1000 are the OOM killer's first choices, and the
#          signal goes out as soon as the canary is killed.
# Everything goes to the kernel log as "rlk-test: ..." records, so the
# host reads one ordered file (RLK_DMESG) in which each step's kernel
# messages sit between "rlk-test: begin NAME" and "rlk-test: end NAME".
#
# usage: sh oom_kernel_driver/tests/guest-steps.sh NAME:PARAMS[:SIG@WHEN]...
#   e.g. cap:max_mb=64 top:order=MAXORDER,max_mb=64 hup:max_mb=0:HUP@fill

set -u

PARAMS_DIR=/sys/module/alloc_oom/parameters
PID_FILE=/tmp/alloc-oom-test.pid
READY_FILE=/tmp/alloc-oom-test.ready
HELPERS_FILE=/tmp/alloc-oom-test.helpers
FILL_MB=${FILL_MB:-256}
HELPERS=${HELPERS:-300}
CANARY=${CANARY:-1M}
MAX_ORDER=

# say MSG: one record in the kernel log.
say() {
	echo "rlk-test: $*" > /dev/kmsg
}

# mem_available: MemAvailable in kB.
mem_available() {
	awk '$1 == "MemAvailable:" { print $2 }' /proc/meminfo
}

# loaded: 1 when alloc_oom is in /proc/modules, else 0 (read whole, with
# no pipe that could stop early).
loaded() {
	while read -r mod rest; do
		[ "$mod" = alloc_oom ] && { echo 1; return; }
	done < /proc/modules
	echo 0
}

# max_order: the largest order of this kernel, the last column of
# /proc/buddyinfo ("Node 0, zone DMA c0 c1 ... cMAX").
max_order() {
	awk '{ print NF - 5; exit }' /proc/buddyinfo
}

# held_mb: what the loading module holds now, in MiB (0 before that).
held_mb() {
	held=0
	read -r held 2>/dev/null < "$PARAMS_DIR/held_pages"
	echo $((held / 256))
}

# signal_at_fill SIG: send SIG to insmod once it holds FILL_MB MiB (not
# if it ends before).
signal_at_fill() {
	while [ ! -s "$PID_FILE" ]; do usleep 10000; done
	read -r pid < "$PID_FILE"
	while [ "$(held_mb)" -lt "$FILL_MB" ]; do
		[ -d "/proc/$pid" ] || return 0
		usleep 10000
	done
	kill -"$1" "$pid"
}

# signal_at_oom SIG: start a canary (rlk-hog holding CANARY) and HELPERS
# sleepers, all at oom_score_adj 1000 and their pids in HELPERS_FILE; then
# send SIG to insmod once the OOM killer has killed the canary, its first
# choice (the largest). Waiting for it costs no memory (wait sleeps in the
# kernel), and the sleepers, chosen next, keep insmod inside the OOM phase
# until the signal lands. (busybox's wait -n does not return for a child
# killed by a signal: wait for the canary's pid.)
signal_at_oom() {
	echo 1000 > /proc/self/oom_score_adj
	rlk-hog "$CANARY" --quiet > "$READY_FILE.canary" &
	canary=$!
	helpers=$canary
	i=0
	while [ "$i" -lt "$HELPERS" ]; do
		sleep 1000 &
		helpers="$helpers $!"
		i=$((i + 1))
	done
	echo -1000 > /proc/self/oom_score_adj
	echo "$helpers" > "$HELPERS_FILE"
	while [ ! -s "$READY_FILE.canary" ] && [ -d "/proc/$canary" ]; do
		usleep 10000
	done
	: > "$READY_FILE"
	while [ ! -s "$PID_FILE" ]; do usleep 10000; done
	read -r pid < "$PID_FILE"
	wait "$canary"
	kill -"$1" "$pid"
	# shellcheck disable=SC2086 # a list of pids
	kill -9 $helpers 2>/dev/null
	wait
}

# run_insmod PARAMS: insmod alloc-oom.ko PARAMS at oom_score_adj 0 (the
# default) while this shell is protected, so the OOM killer can only
# choose insmod (or the helpers) and never the script that reports the
# results; its pid in PID_FILE. Prints what insmod printed. By its path:
# busybox sh runs a bare "insmod" inside its own process, where sh's
# SIGINT handler stays installed; /bin/insmod is exec'd and starts with
# the default actions, as at the console.
run_insmod() {
	# shellcheck disable=SC2016,SC2086 # $$ is the child's; PARAMS are words
	sh -c 'echo "$$" > "$0" && echo 0 > /proc/self/oom_score_adj &&
		exec /bin/insmod alloc-oom.ko "$@"' "$PID_FILE" $1 2>&1
}

# run_step NAME PARAMS [SIG@WHEN]: one insmod with PARAMS, then the
# module's state.
run_step() {
	name=$1
	params=$2
	when=$3
	killer=
	rm -f "$PID_FILE" "$READY_FILE" "$READY_FILE.canary" "$HELPERS_FILE"
	say "begin $name"
	say "$name.avail_before=$(mem_available)"
	case $when in
	*@fill)
		signal_at_fill "${when%@*}" &
		killer=$!
		;;
	*@oom)
		echo 0 > /proc/sys/vm/oom_dump_tasks
		signal_at_oom "${when%@*}" &
		killer=$!
		while [ ! -e "$READY_FILE" ]; do usleep 10000; done
		;;
	esac
	out=$(run_insmod "$params")
	rc=$?
	if [ -n "$killer" ]; then
		# shellcheck disable=SC2046 # a list of pids
		[ -s "$HELPERS_FILE" ] && kill -9 $(cat "$HELPERS_FILE") 2>/dev/null
		wait "$killer"
	fi
	echo 1 > /proc/sys/vm/oom_dump_tasks
	say "$name.rc=$rc"
	say "$name.pid=$(cat "$PID_FILE" 2>/dev/null)"
	say "$name.out=$(echo "$out" | head -n 1)"
	say "$name.alive=$(uname -m)"
	say "$name.loaded=$(loaded)"
	say "$name.held=$(cat "$PARAMS_DIR/held_pages" 2>/dev/null || echo none)"
	say "$name.avail_loaded=$(mem_available)"
	if [ "$(loaded)" = 1 ]; then
		rmmod alloc_oom
		say "$name.rmmod=$?"
		say "$name.loaded_after=$(loaded)"
	fi
	say "$name.avail_after=$(mem_available)"
	say "end $name"
}

main() {
	echo -1000 > /proc/self/oom_score_adj
	cd "$(dirname "$0")/.." || exit 1
	MAX_ORDER=$(max_order)
	say "max_order=$MAX_ORDER"
	for step in "$@"; do
		name=${step%%:*}
		rest=${step#*:}
		params=${rest%%:*}
		when=
		[ "$rest" != "$params" ] && when=${rest#*:}
		params=$(echo "$params" | tr , ' ' |
			sed "s/MAXORDER+1/$((MAX_ORDER + 1))/g; s/MAXORDER/$MAX_ORDER/g")
		run_step "$name" "$params" "$when"
	done
	say "done"
}

main "$@"

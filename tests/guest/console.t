#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/guest/console.t - the lab the way a student types it: in
# `./run_rlk_arm64.sh run`, at the console shell (oom_score_adj 0,
# unprotected), step 1 (`cd /mnt/oom_user_app`, `./oom`) then step 3
# (`cd /mnt/oom_kernel_driver`, `insmod alloc-oom.ko`, `rmmod alloc_oom`),
# then `insmod alloc-oom.ko` again stopped with Ctrl-C, typed into the
# console through a coproc. The OOM killer may choose insmod or the
# console shell itself (its busybox pages count as shmem); either way the
# guest must survive, a prompt must come back after every command (busybox
# init respawns a killed shell), and every line printed must be true: the
# module says "killed by the OOM killer" only if the kernel killed
# insmod's pid, and a fatal signal otherwise; ./oom's victim is the one
# the kernel killed. The console transcript is kept in RLK_CONSOLE=FILE.

# Every function runs from main or the EXIT trap; shellcheck 0.9 takes the
# ones after the coproc for unreachable.
# shellcheck disable=SC2317
set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/lib/tap.sh"

RLK=$TOP/run_rlk_arm64.sh
WORK=$(mktemp -d)
LOG=$WORK/console
PARTIAL=
FROM=
TO=
GUEST_PID=
BANNER="OOM lab guest: the project is at /mnt"

cleanup() {
	[[ -n $GUEST_PID ]] && kill "$GUEST_PID" 2>/dev/null
	[[ -n ${RLK_CONSOLE:-} && -f $LOG ]] && cp "$LOG" "$RLK_CONSOLE"
	rm -rf "$WORK"
}
trap cleanup EXIT

# start_guest: an interactive `run` in a coproc, read through FROM and
# typed into through TO; its kernel log buffer holds the whole session.
start_guest() {
	: > "$LOG"
	coproc GUEST {
		RLK_TIMEOUT=300 RLK_APPEND=log_buf_len=8M "$RLK" run 2>&1
	}
	exec {FROM}<&"${GUEST[0]}" {TO}>&"${GUEST[1]}"
}

# read_until ERE SECONDS: read the console, each full line into LOG,
# until the line being printed (whole, or partial as a prompt is) matches
# ERE; false at EOF or after SECONDS. A full line that matched is in LINE;
# a partial one stays in PARTIAL. With an empty ERE: the next full line.
read_until() {
	local ere=$1 end=$((SECONDS + $2)) chunk st

	LINE=
	while ((SECONDS < end)); do
		st=0
		IFS= read -r -t 0.2 chunk <&"$FROM" || st=$?
		chunk=${chunk//$'\r'/}
		if ((st == 0)); then
			LINE=$PARTIAL$chunk
			PARTIAL=
			printf '%s\n' "${LINE//$'\e[6n'/}" >> "$LOG"
			[[ -z $ere || $LINE =~ $ere ]] && return 0
			LINE=
		elif ((st > 128)); then
			PARTIAL+=$chunk
			[[ -n $ere && $PARTIAL =~ $ere ]] && return 0
		else
			return 1
		fi
	done
	return 1
}

# drain SECONDS: read the console into LOG until EOF (true) or SECONDS.
drain() {
	local end=$((SECONDS + $1)) chunk st

	while ((SECONDS < end)); do
		st=0
		IFS= read -r -t 1 chunk <&"$FROM" || st=$?
		((st == 1)) && return 0
		PARTIAL+=${chunk//$'\r'/}
		if ((st == 0)); then
			printf '%s\n' "$PARTIAL" >> "$LOG"
			PARTIAL=
		fi
	done
	return 1
}

# prompt_re DIR: the shell's prompt in DIR: at the end of a partial line
# (busybox may add its cursor query, ESC [6n), or followed on the same
# line by a kernel message printed just after it.
prompt_re() {
	printf 'rlk:%s# (\e\\[6n)?($|\\[ *[0-9]+\\.[0-9]+\\] )' "$1"
}

# type_line TEXT: type TEXT and Enter at the console; the prompt it was
# typed at goes into LOG with it.
type_line() {
	printf '%s' "${PARTIAL//$'\e[6n'/}" >> "$LOG"
	PARTIAL=
	printf '%s\n' "$1" >&"$TO"
}

# run_command DIR TEXT SECONDS: type TEXT at the prompt and wait for a
# prompt again: in DIR (true), or in /mnt after the banner of a respawned
# shell (true, RESPAWNED=1), or none (false).
run_command() {
	local dir=$1 re

	RESPAWNED=0
	type_line "$2"
	re="($(prompt_re "$dir"))|$BANNER"
	read_until "$re" "$3" || return 1
	if [[ $LINE == *"$BANNER"* ]]; then
		RESPAWNED=1
		read_until "$(prompt_re /mnt)" 30 || return 1
	fi
	return 0
}

# kernel_log: the guest's dmesg, typed for at the console, in WORK/dmesg.
kernel_log() {
	type_line 'echo @@begin; dmesg; echo @@end'
	read_until '^@@begin$' 30 || return 1
	: > "$WORK/dmesg"
	while read_until '' 30; do
		[[ $LINE == @@end ]] && return 0
		printf '%s\n' "$LINE" >> "$WORK/dmesg"
	done
	return 1
}


# between FILE FROM TO: the lines of FILE after the first that matches
# the ERE FROM, up to the next that matches the ERE TO.
between() {
	awk -v from="$2" -v to="$3" 'on && $0 ~ to { exit } on { print }
		!on && $0 ~ from { on = 1 }' "$1"
}

# killed TEXT: "PID (COMM)" of each "Killed process" line in TEXT.
killed() {
	sed -n 's/.*Killed process \([0-9]*\) (\([^)]*\)).*/\1 (\2)/p' <<<"$1"
}

# implies A B: true unless A is 1 and B is 0 (A implies B).
implies() {
	[[ $1 == 0 || $2 == 1 ]]
}

# flag CMD...: 1 when CMD succeeds, else 0.
flag() {
	if "$@"; then echo 1; else echo 0; fi
}

# check_module: the module's line agrees with what the kernel did. The
# lines it may print here: "killed by the OOM killer" (the kernel killed
# insmod's pid), "fatal signal SIGHUP" (the OOM killer killed the console
# shell, whose death hangs up the terminal: insmod is its foreground job)
# and "fatal signal SIGHUP, then an OOM victim" (the dying insmod met the
# OOM killer, which may have printed a kill for it too).
check_module() {
	local log=$WORK/dmesg line insmod_phase kill_claim signal signal_alone
	local insmod_killed any_insmod sighup_sh

	line=$(grep -m 1 'alloc_oom: insmod got ' "$log" || true)
	like "$line" 'alloc_oom: insmod got [0-9]+ pages \([0-9]+ MiB\) in [0-9]+ ms with order=0 gfp=kernel, stopped: (killed by the OOM killer|fatal signal SIG[A-Z]+(, then an OOM victim)?); freed$' \
		"the module printed its line, stopping on a kill or a named signal"
	REASON=${line#*stopped: }
	REASON=${REASON%; freed}
	insmod_phase=$(awk '/insmod invoked oom-killer/ { on = 1 } on { print }
		/alloc_oom: insmod got / { exit }' "$log")
	PID=$(sed -n 's/.* PID: \([0-9]*\) Comm: insmod .*/\1/p' <<<"$insmod_phase")
	PID=${PID%%$'\n'*}
	KILLS=$(killed "$insmod_phase")
	like "$insmod_phase" 'insmod invoked oom-killer: gfp_mask=0x[0-9a-f]+\(GFP_KERNEL\), order=0' \
		"insmod invoked the OOM killer (pid ${PID:-none})"
	diag "module: $REASON; OOM kills during insmod's run: ${KILLS//$'\n'/, }"
	kill_claim=$(flag grep -q "OOM killer" <<<"$REASON")
	signal=$(flag test "${REASON#fatal signal }" != "$REASON")
	signal_alone=$(flag test "$signal" = 1 -a "${REASON%, then an OOM victim}" = "$REASON")
	insmod_killed=$(flag grep -qx "${PID:-none} (insmod)" <<<"$KILLS")
	any_insmod=$(flag grep -q ' (insmod)$' <<<"$KILLS")
	sighup_sh=$(flag grep -q '^fatal signal SIGHUP' <<<"$REASON")
	[[ $KILLS == *" (sh)"* ]] || sighup_sh=0
	ok "the line names the OOM killer only if the kernel killed insmod (pid ${PID:-none})" \
		implies "$kill_claim" "$insmod_killed"
	ok "a fatal signal alone only if the kernel killed no insmod" \
		implies "$signal_alone" "$((1 - any_insmod))"
	ok "a fatal signal is SIGHUP, after the OOM killer killed the console shell" \
		implies "$signal" "$sighup_sh"
	if [[ $KILLS == *" (sh)"* ]]; then
		is 1 "$INSMOD_RESPAWNED" "the OOM killer chose the console shell: busybox init respawned it"
	else
		is 0 "$INSMOD_RESPAWNED" "the console shell lived on: its own prompt came back"
	fi
}

# ctrl_c TRIES: `insmod alloc-oom.ko` at the console, and Ctrl-C a
# moment after it was typed, while memory is still plentiful; again if the
# run ended first (up to TRIES runs). CTRL_C_LINE: the module's line of
# the last run, CTRL_C_KILLS: the kill lines printed during it.
ctrl_c() {
	local try from

	for ((try = 1; try <= $1; try++)); do
		from=$(wc -l < "$LOG")
		type_line 'insmod alloc-oom.ko'
		read_until 'insmod alloc-oom\.ko$' 30 || return 1
		sleep 0.2
		printf '\003' >&"$TO"
		read_until "$(prompt_re '[^#]*')|$BANNER" 120 || return 1
		[[ $LINE == *"$BANNER"* ]] && { read_until "$(prompt_re /mnt)" 30 || return 1; }
		CTRL_C_LINE=$(awk -v from="$from" 'NR > from && /alloc_oom: insmod got / {
			print; exit }' "$LOG")
		CTRL_C_KILLS=$(killed "$(awk -v from="$from" 'NR > from' "$LOG")")
		type_line 'rmmod alloc_oom'
		read_until "$(prompt_re '[^#]*')" 30 || return 1
		[[ $CTRL_C_LINE == *"stopped: fatal signal SIGINT; freed" ]] && return 0
		diag "Ctrl-C run $try: ${CTRL_C_LINE:-no line from the module}"
	done
	return 0
}

# check_oom: ./oom's report agrees with the kernel's kill line.
check_oom() {
	local out victim

	out=$(between "$LOG" '# \./oom$' '# cd /mnt/oom_kernel_driver$')
	victim=$(sed -n 's/^expected victim is \([0-9]*\)\.$/\1/p' <<<"$out")
	like "$out" '^victim signalled: 9$' "./oom: the victim was SIGKILLed"
	like "$(cat "$WORK/dmesg")" \
		"Out of memory: Killed process ${victim:-none} \\(oom\\)" \
		"./oom: the kernel killed the expected victim, pid ${victim:-none}"
}

main() {
	local rc=0 dir

	plan 23
	"$RLK" build > "$WORK/build.log" 2>&1 ||
		bail "build failed: $(tail -n 3 "$WORK/build.log")"
	start_guest
	ok "the console shell starts" read_until "$(prompt_re /mnt)" 60
	ok "cat /proc/\$\$/oom_score_adj: a prompt comes back" \
		run_command /mnt 'cat /proc/$$/oom_score_adj' 30
	is 0 "$(tail -n 1 "$LOG")" "the console shell runs at oom_score_adj 0"
	ok "cd /mnt/oom_user_app" run_command /mnt/oom_user_app 'cd /mnt/oom_user_app' 30
	ok "./oom: a prompt comes back" run_command /mnt/oom_user_app './oom' 120
	is 0 "$RESPAWNED" "./oom: the console shell lived on"
	ok "cd /mnt/oom_kernel_driver" \
		run_command /mnt/oom_kernel_driver 'cd /mnt/oom_kernel_driver' 30
	ok "insmod alloc-oom.ko: a prompt comes back" \
		run_command /mnt/oom_kernel_driver 'insmod alloc-oom.ko' 120
	INSMOD_RESPAWNED=$RESPAWNED
	dir=/mnt/oom_kernel_driver
	((RESPAWNED)) && dir=/mnt
	ok "rmmod alloc_oom: a prompt comes back" \
		run_command "$dir" 'rmmod alloc_oom' 30
	ok "cd /mnt/oom_kernel_driver (for Ctrl-C)" \
		run_command /mnt/oom_kernel_driver 'cd /mnt/oom_kernel_driver' 30
	ok "Ctrl-C during insmod: a prompt comes back" ctrl_c 3
	like "$CTRL_C_LINE" 'alloc_oom: insmod got [0-9]+ pages \([0-9]+ MiB\) in [0-9]+ ms with order=0 gfp=kernel, stopped: fatal signal SIGINT; freed$' \
		"Ctrl-C: the module's line names SIGINT"
	is "" "$CTRL_C_KILLS" "Ctrl-C: the OOM killer killed nothing"
	ok "dmesg read back" kernel_log
	check_module
	check_oom
	type_line poweroff
	read_until 'reboot: Power down' 60 || true
	exec {TO}>&-
	drain 30 || true
	wait "$GUEST_PID" || rc=$?
	GUEST_PID=
	is 0 "$rc" "the guest lived on and powered off"
	done_testing
}

main "$@"

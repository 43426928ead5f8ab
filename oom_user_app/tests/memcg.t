#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/memcg.t - the confined OOM: --memcg 64M ends with the victim
# SIGKILLed by the memory cgroup OOM killer, the parent alive and
# reporting, the kernel's kill line for that pid in the log, and the
# cgroup removed. The group is made below the caller's own cgroup (a
# child on v1, a sibling on v2), or at the root with a warning when that
# cannot be done. The ENOMEM ending: an address space limit (ulimit -v)
# below the cgroup's. Needs root and a memory cgroup controller (this
# host: cgroup v1; elsewhere v2).
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# The cgroups this test makes, removed at exit whatever happened.
TEST_GROUPS=()

# remove_test_groups: rmdir the test's cgroups, deepest first.
# shellcheck disable=SC2317 # called from the EXIT trap
remove_test_groups() {
	local g
	for g in "${TEST_GROUPS[@]}"; do
		[[ -d $g ]] && find "$g" -depth -type d -exec rmdir {} + 2>/dev/null
	done
	return 0
}
trap 'remove_test_groups; cleanup' EXIT

# make_test_group NAME: a cgroup T for one case, with a leaf T/shell for
# the shell that starts oom. On v1, T is below this test's own memory
# cgroup, and oom's group belongs below T/shell (a child). On v2, T is a
# child of the root with the memory controller enabled for its children,
# and oom's group belongs in T, beside T/shell (a sibling). Sets T and
# WANT_DIR, the directory oom should make its group in.
make_test_group() {
	if ((MEMCG_VERSION == 1)); then
		T=$MEMCG_OWN/oom-test-$$-$1
	else
		T=$MEMCG_ROOT/oom-test-$$-$1
	fi
	TEST_GROUPS+=("$T")
	mkdir -p "$T"
	if ((MEMCG_VERSION == 2)); then
		echo +memory >"$T/cgroup.subtree_control"
	fi
	mkdir "$T/shell"
	WANT_DIR=$T
	((MEMCG_VERSION == 1)) && WANT_DIR=$T/shell
	return 0
}

# run_from CGROUP [WRAPPER...] -- ARGS...: start oom, under timeout,
# from a shell moved into CGROUP, through the WRAPPER command if any;
# output in WORK/out and WORK/err, exit status in RC.
run_from() {
	local cg=$1 wrap=()
	shift
	while [[ $1 != -- ]]; do
		wrap+=("$1")
		shift
	done
	shift
	RC=0
	# shellcheck disable=SC2016 # expanded by the inner sh
	sh -c 'echo $$ >"$1/cgroup.procs" && shift && exec "$@"' _ "$cg" \
		"${wrap[@]}" timeout 60 "$OOM" "$@" >"$WORK/out" 2>"$WORK/err" ||
		RC=$?
}

# own_cgroup_case: from a shell in a test-made cgroup, the group is made
# below it, not at the root; nothing is left behind.
own_cgroup_case() {
	local dir
	make_test_group own
	run_from "$T/shell" -- --memcg 64M --json --quiet
	dir=$(json_field "$(cat "$WORK/out")" memcg)
	is 0 "$RC" "from $T/shell: oom exits 0"
	is 9 "$(json_field "$(cat "$WORK/out")" signal)" "... the victim SIGKILLed"
	like "$dir" "^\"$WANT_DIR/oom-[0-9]+\"$" \
		"... in a group made in $WANT_DIR (v$MEMCG_VERSION), not at the root"
	is "" "$(grep -v '^expected victim\|^victim\|^kernel:\|^for the full' "$WORK/err" || true)" \
		"... without a warning"
	is "" "$(find "$T" -name 'oom-[0-9]*')" "... and the group is removed"
}

# fallback_mkdir_case: where the group belongs, mkdir is refused (the
# directory is read-only and oom runs without CAP_DAC_OVERRIDE): it is
# made at the root, with one warning line saying why; nothing is left.
# The hierarchy's real root is read-only too (v1), so this runs in a
# mount namespace whose memory hierarchy is mounted from T: the shell is
# in T/mid/shell, and T is the root oom falls back to.
fallback_mkdir_case() {
	local dir warning mnt=$WORK/mnt-mkdir want
	make_test_group mkdir
	mkdir -p "$T/mid/shell" "$mnt"
	if ((MEMCG_VERSION == 2)); then
		echo +memory >"$T/mid/cgroup.subtree_control"
		want=$mnt/mid
		chmod 0555 "$T/mid"
	else
		want=$mnt/mid/shell
		chmod 0555 "$T/mid/shell"
	fi
	RC=0
	# shellcheck disable=SC2016 # expanded by the inner sh
	unshare -m --propagation private sh -c '
		echo $$ >"$1/mid/shell/cgroup.procs" &&
		mount --bind "$1" "$2" && umount -l "$3" &&
		exec setpriv --bounding-set -dac_override,-dac_read_search \
			timeout 60 "$4" --memcg 64M --json --quiet' _ \
		"$T" "$mnt" "$MEMCG_ROOT" "$OOM" >"$WORK/out" 2>"$WORK/err" || RC=$?
	dir=$(json_field "$(cat "$WORK/out")" memcg)
	warning=$(grep '^oom: --memcg' "$WORK/err" || true)
	is 0 "$RC" "mkdir refused in ${want#"$mnt"/}: oom exits 0"
	like "$dir" "^\"$mnt/oom-[0-9]+\"$" "... the group made at the root instead"
	is 1 "$(grep -c '^oom: ' "$WORK/err")" "... with one warning line"
	like "$warning" "^oom: --memcg: made $mnt/oom-[0-9]+ at the root of the hierarchy, outside the caller's cgroup: mkdir in $want: Permission denied$" \
		"... saying why"
	is "" "$(find "$T" -name 'oom-[0-9]*')" "... and the group is removed"
}

# fallback_unseen_case: in a mount namespace where the memory hierarchy
# is mounted from a cgroup below T only (T/view, as a container may see
# it), the caller's cgroup is not visible: the group is made at that
# mount's root, with a warning naming the caller's cgroup.
fallback_unseen_case() {
	local dir warning mnt=$WORK/mnt rel
	make_test_group unseen
	mkdir "$T/view" "$mnt"
	if ((MEMCG_VERSION == 2)); then
		echo +memory >"$T/view/cgroup.subtree_control"
	fi
	rel=${T#"$MEMCG_ROOT"}/shell
	RC=0
	# shellcheck disable=SC2016 # expanded by the inner sh
	unshare -m --propagation private sh -c '
		echo $$ >"$1/shell/cgroup.procs" &&
		mount --bind "$1/view" "$2" && umount -l "$3" &&
		exec timeout 60 "$4" --memcg 64M --json --quiet' _ \
		"$T" "$mnt" "$MEMCG_ROOT" "$OOM" >"$WORK/out" 2>"$WORK/err" || RC=$?
	dir=$(json_field "$(cat "$WORK/out")" memcg)
	warning=$(grep '^oom: --memcg' "$WORK/err" || true)
	is 0 "$RC" "the caller's cgroup not visible: oom exits 0"
	like "$dir" "^\"$mnt/oom-[0-9]+\"$" "... the group made at the mount's root"
	like "$warning" "^oom: --memcg: made $mnt/oom-[0-9]+ at the root of the hierarchy, outside the caller's cgroup: the caller's cgroup $rel is not visible under $mnt$" \
		"... saying why"
	is "" "$(find "$T/view" -name 'oom-[0-9]*')" "... and the group is removed"
}

# enomem_case: the lab's other ending. Under ulimit -v 64M (thread stacks
# of 1 MiB), mmap() fails with ENOMEM long before the 128M group is
# full: the victim exits 12, which oom counts as expected (exit 0).
enomem_case() {
	local json mark victim
	mark=$(kmsg_mark)
	RC=0
	(ulimit -s 1024 && ulimit -v 65536 && exec timeout 60 "$OOM" --memcg 128M) \
		>"$WORK/out" 2>"$WORK/err" || RC=$?
	victim=$(sed -n 's/^expected victim is \([0-9]*\)\.$/\1/p' "$WORK/out")
	is 0 "$RC" "ulimit -v 64M, --memcg 128M: oom exits 0"
	like "$(cat "$WORK/out")" "^victim retcode: \(12\) Cannot allocate memory$" \
		"the lab's 'victim retcode: (12) Cannot allocate memory' line"
	like "$(cat "$WORK/out")" "^victim touched ([1-5]?[0-9]|6[0-3])\.[0-9] MiB" \
		"... after touching less than the 64M address space"
	is "" "$(kernel_log_after "$mark" | grep -F "Killed process ${victim:-none} (" || true)" \
		"... and no OOM kill of victim ${victim:-none}"
	RC=0
	(ulimit -s 1024 && ulimit -v 65536 &&
		exec timeout 60 "$OOM" --memcg 128M --json --quiet --threads 4) \
		>"$WORK/out" 2>"$WORK/err" || RC=$?
	json=$(cat "$WORK/out")
	is '0 "exit" 12 true' "$RC $(json_field "$json" ending) $(json_field "$json" exit_code) $(json_field "$json" expected)" \
		"--json, 4 threads: ending exit, exit_code 12, expected true"
}

# lab_case: the default method, lab-style text output.
lab_case() {
	local mark out victim kline log mib
	mark=$(kmsg_mark)
	run_bg 60 --memcg 64M
	out=$(cat "$WORK/out")
	log=$(kernel_log_after "$mark")
	victim=$(sed -n 's/^expected victim is \([0-9]*\)\.$/\1/p' "$WORK/out")
	is 0 "$RC" "--memcg 64M: oom exits 0"
	like "$victim" "^[0-9]+$" "the lab's 'expected victim is PID.' line"
	like "$out" "^victim signalled: 9$" "the lab's 'victim signalled: 9' line"
	like "$log" "Memory cgroup out of memory: Killed process $victim \(oom\)" \
		"the kernel log has the memcg kill line for victim $victim"
	kline=$(sed -n 's/^kernel: //p' "$WORK/out")
	like "$kline" "^Memory cgroup out of memory: Killed process $victim \(oom\)" \
		"oom printed the kernel's kill line"
	ok "... exactly as the kernel logged it" grep -qF -- "$kline" <<<"$log"
	like "$out" "dmesg \| oom-analyze" "the hint to the log analyzer"
	is "" "$(grep -F "Killed process $PID (" <<<"$log" || true)" \
		"the parent ($PID) was not killed"
	mib=$(sed -n 's/^victim touched \([0-9]*\)\..*/\1/p' "$WORK/out")
	ok "the victim touched 40..64 MiB (got ${mib:-none})" \
		test "${mib:-0}" -ge 40 -a "${mib:-99}" -le 64
	is "" "$(oom_cgroups "$PID")" "the memory cgroup was removed"
	ok "no victim process is left" test ! -e "/proc/$victim"
}

# score_case: --oom-score-adj reaches the victim (the kernel shows it),
# not the parent's -1000.
score_case() {
	local json
	run_bg 60 --memcg 32M --oom-score-adj 500 --json
	json=$(cat "$WORK/out")
	is 0 "$RC" "--oom-score-adj 500 --json: oom exits 0"
	like "$(json_field "$json" kernel_line)" "oom_score_adj:500\"$" \
		"the kernel killed the victim with oom_score_adj 500"
	like "$(json_field "$json" memcg)" "/oom-$PID\"$" \
		"JSON names the cgroup that was used"
}

# method_cases: every other method ends in the same memcg OOM kill.
method_cases() {
	local m json
	for m in populate mlock thp malloc; do
		run_bg 60 --memcg 64M --method "$m" --json --quiet
		json=$(cat "$WORK/out")
		is "0 9 $m" "$RC $(json_field "$json" signal) $m" \
			"--method $m: victim SIGKILLed, oom exits 0"
	done
}

main() {
	need_root_memcg
	plan 37
	build
	lab_case
	score_case
	method_cases
	own_cgroup_case
	fallback_mkdir_case
	fallback_unseen_case
	enomem_case
	done_testing
}

main "$@"

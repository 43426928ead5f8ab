#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/guest.t - oom in the arm64 lab guest (cgroup2 at /sys/fs/cgroup,
# memory and cpuset enabled in the root's cgroup.subtree_control), where
# unconfined runs are allowed:
#   - --memcg 64M from the root cgroup: a child of the root, SIGKILL;
#   - --memcg from /lab/shell: the group beside the shell, in /lab;
#   - --memcg from /flat/shell, where /flat enables no memory controller
#     for its children: the root, with a warning naming the file;
#   - the guest made to look like any other machine (its kernel command
#     line and device tree replaced by bind mounts): an unconfined ./oom
#     is refused (exit 4, what was looked for, the three ways out), and
#     --force runs it;
#   - a shell at a real oom_score_adj -1000: ./oom refuses (exit 4)
#     instead of leaving the OOM killer nothing to kill; the guest lives.
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

RLK=$COMP_DIR/../run_rlk_arm64.sh

# in_guest NAME CMD: run CMD in the guest, in /mnt/oom_user_app; its
# output (stdout and stderr, no CRs) in WORK/NAME.out, status in
# WORK/NAME.rc.
in_guest() {
	local rc=0
	"$RLK" exec -- "cd /mnt/oom_user_app && $2" >"$WORK/$1.raw" 2>&1 || rc=$?
	tr -d '\r' <"$WORK/$1.raw" >"$WORK/$1.out"
	echo "$rc" >"$WORK/$1.rc"
}

# memcg_cases: where --memcg makes its group on cgroup v2.
# shellcheck disable=SC2016 # expanded in the guest
memcg_cases() {
	local out
	in_guest root './oom --memcg 64M; echo "left: $(ls -d /sys/fs/cgroup/oom-* 2>/dev/null)"'
	out=$(cat "$WORK/root.out")
	is 0 "$(cat "$WORK/root.rc")" "./oom --memcg 64M in the guest exits 0"
	like "$out" "^victim signalled: 9$" "... victim signalled: 9"
	like "$out" "^kernel: Memory cgroup out of memory: Killed process" \
		"... by the memory cgroup OOM killer"
	is "left: " "$(grep '^left:' <<<"$out")" "... no group left in /sys/fs/cgroup"

	in_guest root-json './oom --memcg 64M --json --quiet 2>/dev/null'
	like "$(cat "$WORK/root-json.out")" '"memcg":"/sys/fs/cgroup/oom-[0-9]+"' \
		"from the root cgroup: a child of the root"

	in_guest sibling 'mkdir -p /sys/fs/cgroup/lab/shell &&
		echo +memory > /sys/fs/cgroup/lab/cgroup.subtree_control &&
		echo $$ > /sys/fs/cgroup/lab/shell/cgroup.procs &&
		./oom --memcg 64M --json --quiet; echo "status $?"
		echo "left: $(ls -d /sys/fs/cgroup/lab/oom-* 2>/dev/null)"'
	out=$(cat "$WORK/sibling.out")
	like "$out" '"memcg":"/sys/fs/cgroup/lab/oom-[0-9]+"' \
		"from /lab/shell: the group beside the shell, in /lab"
	like "$out" '"signal":9,' "... victim SIGKILLed"
	is "" "$(grep '^oom:' <<<"$out" || true)" "... no warning"
	is "status 0|left: " "$(grep '^status\|^left:' <<<"$out" | paste -sd '|')" \
		"... oom exits 0, no group left in /lab"

	in_guest flat 'mkdir -p /sys/fs/cgroup/flat/shell &&
		echo $$ > /sys/fs/cgroup/flat/shell/cgroup.procs &&
		./oom --memcg 64M --json --quiet; echo "status $?"'
	out=$(cat "$WORK/flat.out")
	like "$out" '"memcg":"/sys/fs/cgroup/oom-[0-9]+"' \
		"from /flat/shell, no memory controller in /flat: at the root"
	like "$out" "^oom: --memcg: made /sys/fs/cgroup/oom-[0-9]+ at the root of the hierarchy, outside the caller's cgroup: .*/sys/fs/cgroup/flat/cgroup.subtree_control does not enable it" \
		"... with a warning naming /sys/fs/cgroup/flat/cgroup.subtree_control"
	like "$out" "^status 0$" "... oom exits 0"
}

# refusal_cases: the interlock, and the way past it.
# shellcheck disable=SC2016 # expanded in the guest
refusal_cases() {
	local out fake
	# Another machine's kernel command line and device tree.
	fake='echo "console=ttyAMA0 root=/dev/vda quiet" > /tmp/cmdline &&
		mount --bind /tmp/cmdline /proc/cmdline &&
		printf "acme,board\000" > /tmp/compatible &&
		mount --bind /tmp/compatible /sys/firmware/devicetree/base/compatible'
	in_guest refused "$fake && ./oom; echo \"status \$?\""
	out=$(cat "$WORK/refused.out")
	like "$out" "^status 4$" "not the lab's guest: an unconfined ./oom exits 4"
	like "$out" "^oom: refusing an unconfined run: this is not the lab's guest \(looked for the kit's rlk\.bus= in /proc/cmdline and QEMU's 'linux,dummy-virt' device tree, found neither\)" \
		"... saying what it looked for"
	like "$out" "use --memcg SIZE .*, --limit SIZE .* or --force" \
		"... and the three ways out"
	is "" "$(grep '^expected victim' <<<"$out" || true)" "... starting no victim"

	in_guest forced "$fake && ./oom --force --quiet; echo \"status \$?\""
	out=$(cat "$WORK/forced.out")
	like "$out" "^victim signalled: 9$" "--force: the unconfined run goes ahead"
	like "$out" "^status 0$" "... and exits 0"

	in_guest protected 'echo -1000 > /proc/$$/oom_score_adj && ./oom
		echo "status $?"; echo "guest alive"'
	out=$(cat "$WORK/protected.out")
	like "$out" "^status 4$" "a shell at oom_score_adj -1000: ./oom exits 4"
	like "$out" "^oom: the victim would inherit oom_score_adj -1000 .*pass --oom-score-adj 0" \
		"... saying why and what to do"
	is "" "$(grep '^expected victim' <<<"$out" || true)" "... starting no victim"
	like "$out" "^guest alive$" "... and the guest lives on"
	is 0 "$(cat "$WORK/protected.rc")" "... to the end of the command"
}

# parent_case: while the victim runs, the parent is protected at -1000
# and the victim has its own 0 (root can set -1000 here, unlike on hosts
# without CAP_SYS_RESOURCE). The victim is held by a FIFO nobody reads.
# shellcheck disable=SC2016 # expanded in the guest
parent_case() {
	in_guest parent 'mkfifo /tmp/f
		./oom --limit 512M --chunk 4K --oom-score-adj 0 > /tmp/f &
		p=$!
		exec 3< /tmp/f
		read -r first <&3
		v=${first//[!0-9]/}
		sleep 0.3
		echo "parent adj $(cat /proc/$p/oom_score_adj)"
		echo "victim adj $(cat /proc/$v/oom_score_adj)"
		kill $p
		cat <&3 > /dev/null
		wait $p'
	like "$(cat "$WORK/parent.out")" "^parent adj -1000$" \
		"mid-run, the parent is protected (oom_score_adj -1000)"
	like "$(cat "$WORK/parent.out")" "^victim adj 0$" \
		"... and the victim has the score it was given"
}

main() {
	plan 25
	# exec rebuilds what changed (oom from this tree) before it boots.
	"$RLK" exec -- true >"$WORK/build.log" 2>&1 ||
		bail "the arm64 guest does not start (set it up with run_rlk_arm64.sh setup): $(tail -n 5 "$WORK/build.log")"
	memcg_cases
	refusal_cases
	parent_case
	done_testing
}

main "$@"

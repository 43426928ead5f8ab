#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/cli.t - the real binary on bad command lines: exit 2, exactly one
# stderr line naming the option and the value, nothing started; exit 3
# for --memcg without root or without a memory controller; exit 4 for a
# victim that would inherit oom_score_adj -1000; --help and --version.
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# Bad command lines, one per input class: "args|text the error must name".
BAD=(
	"--chunk=|--chunk ''"
	"--chunk=-10M|--chunk '-10M'"
	"--chunk=0|--chunk '0'"
	"--limit=99999999999999999999|--limit '99999999999999999999'"
	"--limit=17179869184G|--limit '17179869184G'"
	"--chunk=10X|--chunk '10X'"
	"--memcg=64MB|--memcg '64MB'"
	"--threads=0|--threads '0'"
	"--method=brk|--method 'brk'"
	"--frobnicate|'--frobnicate'"
	"--memcg=64M --chunk=1.5M|--chunk '1.5M'"
	"--oom-score-adj=-1000|--oom-score-adj '-1000': the OOM killer never picks"
	"--oom-score-adj -1000|--oom-score-adj '-1000'"
)

# check_bad ARGS WANT: one bad command line, five checks. A valid
# --memcg and --limit come first, so even a parser bug could not start an
# unconfined run here.
check_bad() {
	local args=$1 want=$2 rc=0 pid
	# shellcheck disable=SC2086 # ARGS is a word list on purpose
	"$OOM" --memcg=16M --limit=1M $args >"$WORK/out" 2>"$WORK/err" &
	pid=$!
	wait "$pid" || rc=$?
	is 2 "$rc" "$args: exits 2"
	is 1 "$(wc -l <"$WORK/err")" "$args: one line on stderr"
	like "$(cat "$WORK/err")" "^oom: .*$want" "$args: stderr names $want"
	is "" "$(cat "$WORK/out")" "$args: nothing on stdout, no victim started"
	is "" "$(oom_cgroups "$pid")" "$args: no memory cgroup made"
}

# env_cases: --memcg without root, and without any memory controller
# (all cgroup mounts lazily unmounted in a private mount namespace, so
# the host does not see it): exit 3 with a clear line, nothing left.
env_cases() {
	local rc=0
	chmod -R a+rX "$WORK"
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$OOM" --memcg 64M >"$WORK/out" 2>"$WORK/err" || rc=$?
	is 3 "$rc" "--memcg as nobody: exits 3"
	like "$(cat "$WORK/err")" "^oom: --memcg: .*\(run as root\)$" \
		"--memcg as nobody: says to run as root"
	rc=0
	# shellcheck disable=SC2016 # expanded by the inner sh
	unshare -m --propagation private sh -c '
		for m in $(awk "\$3 ~ /^cgroup/ { print \$2 }" /proc/self/mounts); do
			umount -l "$m"
		done
		exec "$1" --memcg 64M' _ "$OOM" >"$WORK/out" 2>"$WORK/err" || rc=$?
	is 3 "$rc" "--memcg without a memory controller: exits 3"
	like "$(cat "$WORK/err")" "^oom: --memcg: no memory cgroup controller" \
		"--memcg without a memory controller: says so"
	is "" "$(cat "$WORK/out")" "... and starts no victim"
}

# as_protected ARGS...: run oom with ARGS as if started from a shell at
# oom_score_adj -1000. Lowering a score needs CAP_SYS_RESOURCE, which
# this kit's development machine lacks even as root, so oom's own
# /proc/PID/oom_score_adj reads -1000 from a bind-mounted file in a
# private mount namespace (the pid stays the same through exec). The
# guest test sets a real -1000. Output in WORK/out and WORK/err, the
# exit status in RC, oom's pid in PID.
as_protected() {
	echo -1000 >"$WORK/score"
	RC=0
	# shellcheck disable=SC2016 # expanded by the inner sh
	timeout 60 unshare -m --propagation private sh -c '
		echo $$ >"$1.pid" &&
		mount --bind "$1" "/proc/$$/oom_score_adj" && shift &&
		exec "$@"' _ "$WORK/score" "$OOM" "$@" \
		>"$WORK/out" 2>"$WORK/err" || RC=$?
	PID=$(cat "$WORK/score.pid")
}

# protected_shell_cases: a shell at oom_score_adj -1000 (as a student
# may leave it after protecting it for insmod) starts oom: the victim
# would inherit -1000, so oom refuses before forking or making anything
# (exit 4), and says what to do; --oom-score-adj 0 is the way out.
protected_shell_cases() {
	as_protected --memcg 16M --limit 1M
	is 4 "$RC" "inherited oom_score_adj -1000: exits 4 (refused)"
	is 1 "$(wc -l <"$WORK/err")" "... one line on stderr"
	like "$(cat "$WORK/err")" "^oom: .*inherit oom_score_adj -1000.*pass --oom-score-adj 0, or reset the shell's value" \
		"... saying why and what to do"
	is "" "$(cat "$WORK/out")" "... no victim started"
	is "" "$(oom_cgroups "$PID")" "... no memory cgroup made"
	as_protected --limit 1M --oom-score-adj 0
	is 0 "$RC" "inherited -1000 with --oom-score-adj 0: runs (--limit 1M), exits 0"
}

main() {
	local case help opt missing=""
	plan $((${#BAD[@]} * 5 + 16))
	build
	for case in "${BAD[@]}"; do
		check_bad "${case%%|*}" "${case#*|}"
	done
	env_cases
	protected_shell_cases

	help=$("$OOM" --help)
	for opt in chunk threads method limit memcg oom-score-adj quiet json \
		force help version; do
		printf '%s\n' "$help" | grep -qE -- "^  (-[a-zA-Z], )?--$opt\b" ||
			missing+=" --$opt"
	done
	is "" "$missing" "--help lists every option"
	like "$help" "--chunk SIZE .*default 10M" "--help: --chunk and its default"
	like "$help" "^  4  refused: an unconfined run outside the lab's guest" \
		"--help: the exit status table"
	like "$("$OOM" --version)" "^oom [0-9]+\.[0-9]+\.[0-9]+$" "--version"
	like "$("$OOM" -h)" "^Usage: oom" "-h is --help"
	done_testing
}

main "$@"

# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# tests/lib/lab.sh - the lab as a student runs it, in the guest of one
# architecture: the machine, a default ./oom SIGKILLed with the kernel's
# kill line for its pid in the guest's log, insmod alloc-oom.ko invoking
# the OOM killer while the guest lives on, oom-analyze on the guest's own
# report, and the book's path. tests/guest/lab_ARCH.t call lab_checks.

# The number of checks lab_checks makes (for plan).
export LAB_CHECKS=15
# The module's run: the busybox shells would outrank a fresh insmod, so
# this one is protected and insmod starts at 0 (the tour does the same).
# shellcheck disable=SC2016 # expanded in the guest
LAB_INSMOD='echo -1000 > /proc/$$/oom_score_adj &&
	sh -c "echo 0 > /proc/self/oom_score_adj; exec insmod alloc-oom.ko"'

# lab_exec NAME CMD: exec CMD in the guest; NAME.out (no CRs),
# NAME.dmesg and NAME.rc in WORK.
lab_exec() {
	local rc=0

	RLK_DMESG=$WORK/$1.dmesg "$RLK" exec -- "$2" >"$WORK/$1.raw" 2>&1 || rc=$?
	tr -d '\r' < "$WORK/$1.raw" > "$WORK/$1.out"
	echo "$rc" > "$WORK/$1.rc"
}

# victim_pid FILE: the victim's pid in oom-analyze --json output.
victim_pid() {
	sed -n 's/.*"victim":{"pid":\([0-9]*\).*/\1/p; T; q' "$1"
}

# lab_checks ARCH UNAME [LOWMEM]: every check, for the guest
# run_rlk_ARCH.sh; with LOWMEM (a 32-bit guest with HighMem), that the
# module's GFP_KERNEL OOM is explained by that lowmem zone below min.
lab_checks() {
	local arch=$1 uname=$2 lowmem=${3:-} victim out

	RLK=$TOP/run_rlk_$arch.sh
	"$RLK" build > "$WORK/build.log" 2>&1 ||
		bail "run_rlk_$arch.sh build failed: $(tail -n 5 "$WORK/build.log")"

	lab_exec uname 'uname -m'
	is "$uname" "$(grep -v '^\[' "$WORK/uname.out")" "exec -- uname -m prints $uname"

	lab_exec oom 'cd /mnt/oom_user_app && ./oom'
	out=$(cat "$WORK/oom.out")
	is 0 "$(cat "$WORK/oom.rc")" "a default ./oom exits 0"
	like "$out" "thread\([0-9a-f]+\), allocating 10485760 bytes\." \
		"each allocation prints the lab's thread line"
	like "$out" "^victim signalled: 9$" "the victim is SIGKILLed"
	victim=$(sed -n 's/^expected victim is \([0-9]*\)\.$/\1/p' <<<"$out")
	like "$(cat "$WORK/oom.dmesg")" \
		"Out of memory: Killed process ${victim:-none} \(oom\)" \
		"RLK_DMESG holds the kill line for victim ${victim:-none}"
	analyze oom
	is "${victim:-none}" "$(victim_pid "$WORK/oom.json")" \
		"oom-analyze names the guest's victim"

	lab_exec insmod "cd /mnt/rlk_lab/rlk_basic/chapter_9_mm/lab8_oom/oom_kernel_driver &&
		$LAB_INSMOD"'
		echo "insmod status $?"
		lsmod | grep -q "^alloc_oom" && rmmod alloc_oom
		echo "guest alive"
		dmesg | oom-analyze --no-color | grep "^Victim"'
	out=$(cat "$WORK/insmod.out")
	is 0 "$(cat "$WORK/insmod.rc")" "the module's run exits 0 (the guest survived)"
	like "$(cat "$WORK/insmod.dmesg")" "insmod invoked oom-killer" \
		"insmod alloc-oom.ko, by the book's path, invokes the OOM killer"
	like "$(cat "$WORK/insmod.dmesg")" 'alloc_oom: insmod got [0-9]+ pages .* stopped: killed by the OOM killer; freed$' \
		"the module says the OOM killer killed insmod"
	like "$(cat "$WORK/insmod.dmesg")" 'Out of memory: Killed process [0-9]+ \(insmod\)' \
		"and the kernel killed insmod"
	like "$out" "^guest alive$" "the guest lives on after the module's OOM"
	like "$out" "^Victim +insmod \(pid [0-9]+" \
		"the guest's own oom-analyze explains the module's OOM"
	analyze insmod
	if [[ -n $lowmem ]]; then
		lowmem_verdict "$lowmem"
		like "$(grep -A2 '^ *Verdict' "$WORK/insmod.report")" "$lowmem below min" \
			"the zone verdict names the exhausted lowmem zone, $lowmem"
	else
		like "$(cat "$WORK/insmod.report")" "Verdict" \
			"oom-analyze gives a zone verdict"
	fi

	lab_exec book 'cd /mnt/rlk_lab/rlk_basic/chapter_9_mm/lab8_oom/oom_user_app && ./oom --help'
	like "$(cat "$WORK/book.out")" "Usage: oom" \
		"the book's path reaches the lab's oom"
	is "" "$(cd "$TOP" && git status --porcelain --ignored -- rlk_lab)" \
		"nothing was written into the project folder for the book's path"
}

# lowmem_verdict ZONE: a module run whose report shows ZONE below min.
# The report reads the zone counters after the kernel's decision, and
# memory freed in between (the pcp lists drained, a victim's exit) can
# lift the zone back over min in that one report: up to two more runs.
lowmem_verdict() {
	local try

	for try in 1 2; do
		[[ $(grep -A2 '^ *Verdict' "$WORK/insmod.report") == *"$1 below min"* ]] &&
			return 0
		diag "run $try: the report shows $1 back over min; running the module again"
		lab_exec insmod "cd /mnt/oom_kernel_driver && $LAB_INSMOD"
		analyze insmod
	done
}

# analyze NAME: oom-analyze (the host's build) on NAME.dmesg: text
# report and JSON.
analyze() {
	local ana=$TOP/build/host/oom_log_analyzer/oom-analyze

	[[ -x $ana ]] || make -s -C "$TOP/oom_log_analyzer" O="${ana%/*}" >&2
	"$ana" < "$WORK/$1.dmesg" > "$WORK/$1.report" 2>&1 || true
	"$ana" --json < "$WORK/$1.dmesg" > "$WORK/$1.json" 2>&1 || true
}

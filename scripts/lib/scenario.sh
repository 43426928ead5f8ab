# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# scripts/lib/scenario.sh - the catalogue of OOM scenarios: list them, or
# run one: boot the guest it needs, run its script there once per `run:`
# line, then check how each boot ended against its `expect:` lines, from
# the guest's own kernel log through oom-analyze --json.
#
# A scenario is oom_scenarios/NAME.sh, a busybox sh script that a student
# can also run by hand in `run`. Its header tells the host the rest:
#   # about: TEXT        one line for `scenario --list`
#   # arch: ARCH         the one guest it needs (default: any)
#   # guest: KNOB=VALUE  a knob for its guest (RLK_NUMA=2), one per line
#   # run: ARGS          one guest boot running the script with ARGS
#                        (none: one boot without arguments)
#   # expect: status N   that boot's exec status (default 0; 125: a panic)
#   # expect: JQ         a jq test, true on the array of that boot's events
#   # look: TEXT         what to look at, shown after the run

SCENARIO_DIR=$TOP/oom_scenarios

# scenario_field FILE KEY: every value of a "# KEY: value" header line.
scenario_field() {
	sed -n "s/^# $2: *//p" "$1"
}

# scenario_list: one line per scenario, its name and what it teaches.
scenario_list() {
	local file name

	for file in "$SCENARIO_DIR"/*.sh; do
		name=${file##*/}
		name=${name%.sh}
		grep -q '^# about:' "$file" || continue
		printf '%-18s %s\n' "$name" "$(scenario_field "$file" about)"
	done
}

# scenario_usage: the subcommand's help.
scenario_usage() {
	cat <<EOF2
Usage: $PROG scenario --list
       $PROG scenario NAME

Runs one face of the OOM killer in a guest set up for it (NUMA nodes,
kernel options, another architecture where it needs one), shows what
happened and oom-analyze's explanation of the guest's own report, and
exits 0 when the kernel did what the scenario teaches, 1 with the reason
otherwise. The scripts are oom_scenarios/NAME.sh: in '$PROG run',
type 'sh /mnt/oom_scenarios/NAME.sh' or the commands inside it.

RLK_DMESG=FILE saves the guest's kernel log; RLK_TIMELINE=FILE records
the run's timeline, draws it and plots it to FILE.svg (a scenario that
boots twice saves its second boot's to FILE.2; a guest that panics sends
no timeline).
EOF2
}

# scenario_boots FILE: the argument lines of its boots, one per line.
scenario_boots() {
	if grep -q '^# run:' "$1"; then
		scenario_field "$1" run
	else
		echo
	fi
}

# scenario_expects FILE BOOT: the expect lines that follow the BOOT-th
# run line (BOOT from 1), or all of them when there is no run line.
scenario_expects() {
	awk -v boot="$2" '
		/^# run:/ { n++ }
		/^# expect:/ && (n == boot || n == 0) {
			sub(/^# expect: */, ""); print
		}' "$1"
}

# scenario_guest_knobs FILE: export each "# guest: KNOB=VALUE".
scenario_guest_knobs() {
	local line

	while IFS= read -r line; do
		[[ $line =~ ^RLK_[A-Z_]+= ]] ||
			die "$1: bad guest line '$line' (want RLK_KNOB=VALUE)"
		export "${line%%=*}=${line#*=}"
		step "guest: $line"
	done < <(scenario_field "$1" guest)
}

# scenario_check BOOT STATUS JSON EXPECT...: each expectation of one
# boot against its exec status and the analyzer's events; prints an
# ok/FAIL line each, and returns 1 if any failed.
scenario_check() {
	local boot=$1 status=$2 json=$3 expect failed=0 want got
	shift 3

	for expect in "$@"; do
		if [[ $expect == status\ * ]]; then
			want=${expect#status }
			got=$status
		else
			want=true
			got=$(jq -s "$expect" "$json" 2>&1 | tr '\n' ' ')
			got=${got% }
		fi
		if [[ $got == "$want" ]]; then
			printf '  ok    boot %s: %s\n' "$boot" "$expect"
		else
			printf '  FAIL  boot %s: %s (got %s)\n' "$boot" "$expect" "$got"
			failed=1
		fi
	done
	return "$failed"
}

# boot_expects FILE BOOT: scenario_expects, led by "status 0" unless
# it names a status.
boot_expects() {
	local expects

	expects=$(scenario_expects "$1" "$2")
	grep -q '^status ' <<< "$expects" || echo "status 0"
	[[ -z $expects ]] || printf '%s\n' "$expects"
}

# scenario_boot NAME BOOT ARGS: one guest boot of the scenario; its exec
# status, kernel log and events in RUN_DIR/{status,dmesg,events}.BOOT.
scenario_boot() {
	local name=$1 boot=$2 args=$3 dmesg=$RUN_DIR/dmesg.$2 status=0
	local timeline=$RLK_TIMELINE

	[[ -n $timeline && $boot != 1 ]] && timeline=$timeline.$boot
	RLK_DMESG=$dmesg RLK_TIMELINE=$timeline "$TOP/scripts/rlk" exec -- \
		"sh oom_scenarios/$name.sh${args:+ $args}" || status=$?
	echo "$status" > "$RUN_DIR/status.$boot"
	[[ -f $dmesg ]] || : > "$dmesg"
	if [[ -n $RLK_DMESG ]]; then
		if [[ $boot == 1 ]]; then
			cp "$dmesg" "$RLK_DMESG"
		else
			cp "$dmesg" "$RLK_DMESG.$boot"
		fi
	fi
	step "oom-analyze on the guest's kernel log (boot $boot)"
	# In RLK_LANG's language, as the guest's tools speak.
	LANGUAGE=${RLK_LANG:-${LANGUAGE:-}} \
		TEXTDOMAINDIR=$TOP/build/host/oom_log_analyzer/locale \
		"$ANALYZER" --no-color "$dmesg" ||
		echo "(no OOM report in the guest's kernel log)"
	"$ANALYZER" --json "$dmesg" > "$RUN_DIR/events.$boot" || true
}

# scenario_run NAME: boot its guest once per run line, show and check.
scenario_run() {
	local name=$1 file needs boot=0 args failed=0
	local -a boots expects

	file=$SCENARIO_DIR/$name.sh
	if [[ ! $name =~ ^[a-z0-9-]+$ || ! -f $file ]] || ! grep -q '^# about:' "$file"; then
		die_usage "scenario: no scenario '$name' (list them: $PROG scenario --list)"
	fi
	needs=$(scenario_field "$file" arch)
	if [[ -n $needs && $needs != "$ARCH" ]]; then
		step "scenario $name needs the $needs guest: running it there"
		RLK_ARCH=$needs RLK_PROG=run_rlk_$needs.sh exec "$TOP/scripts/rlk" scenario "$name"
	fi
	check_knobs
	make_run_dir
	need_cmd jq jq
	scenario_guest_knobs "$file"
	ANALYZER=$(host_tool oom_log_analyzer oom-analyze)
	mapfile -t boots < <(scenario_boots "$file")
	for args in "${boots[@]}"; do
		boot=$((boot + 1))
		step "scenario $name, boot $boot of ${#boots[@]}: sh oom_scenarios/$name.sh${args:+ $args}"
		scenario_boot "$name" "$boot" "$args"
	done
	step "what to look at"
	scenario_field "$file" look | sed 's/^/  /'
	step "checks"
	for ((boot = 1; boot <= ${#boots[@]}; boot++)); do
		mapfile -t expects < <(boot_expects "$file" "$boot")
		scenario_check "$boot" "$(cat "$RUN_DIR/status.$boot")" \
			"$RUN_DIR/events.$boot" "${expects[@]}" || failed=1
	done
	if [[ $failed == 0 ]]; then
		echo "scenario $name: the kernel did what this scenario teaches"
		return 0
	fi
	echo "scenario $name: FAILED: the kernel's answer was not the one this scenario teaches (see FAIL above)" >&2
	return 1
}

# cmd_scenario ARGS: the scenario subcommand.
cmd_scenario() {
	case ${1:-} in
	--list | -l)
		scenario_list
		;;
	"" | -h | --help)
		scenario_usage
		;;
	-*)
		die_usage "scenario: unknown option '$1' (usage: $PROG scenario --list | NAME)"
		;;
	*)
		[[ $# == 1 ]] || die_usage "scenario: one name only (usage: $PROG scenario NAME)"
		scenario_run "$1"
		;;
	esac
}

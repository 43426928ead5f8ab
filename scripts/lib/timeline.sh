# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# scripts/lib/timeline.sh - RLK_TIMELINE: the guest records the command
# with oom-timeline (guest/lib.sh, run_command) and sends the timeline
# back after the kernel log; here it is saved next to the run, drawn on
# the terminal, and plotted for a projector (oom_timeline/plot).

# save_timeline PORTLOG: the timeline section of the port's log into
# RLK_TIMELINE, its chart on stderr, its picture in RLK_TIMELINE.svg.
save_timeline() {
	local tool

	[[ -n $RLK_TIMELINE ]] || return 0
	sed -n '/^rlk-timeline$/,/^rlk-status [0-9]*$/p' "$1" | sed '1d; $d' |
		tr -d '\r' > "$RLK_TIMELINE"
	if [[ ! -s $RLK_TIMELINE ]]; then
		echo "$PROG: RLK_TIMELINE: the guest sent no timeline" >&2
		return 0
	fi
	tool=$(host_tool oom_timeline oom-timeline)
	echo >&2
	LANGUAGE=${RLK_LANG:-${LANGUAGE:-}} \
		TEXTDOMAINDIR=$TOP/build/host/oom_timeline/locale \
		"$tool" chart "$RLK_TIMELINE" >&2 ||
		echo "$PROG: RLK_TIMELINE: cannot draw $RLK_TIMELINE" >&2
	if "$TOP/oom_timeline/plot" "$RLK_TIMELINE" "$RLK_TIMELINE.svg" >&2; then
		echo "$PROG: timeline saved: $RLK_TIMELINE, picture: $RLK_TIMELINE.svg" >&2
	else
		echo "$PROG: RLK_TIMELINE: cannot plot $RLK_TIMELINE (gnuplot-nox installed?)" >&2
	fi
}

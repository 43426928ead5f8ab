#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/guest_arm64.t - the real outcome, in the arm64 guest: from
# /mnt/oom_user_app, "oom-timeline record -o /tmp/t -- ./oom", then
# "oom-timeline chart /tmp/t". The timeline must hold the fill (the
# zone's free pages falling), the watermarks, and the kill
# (oom:mark_victim), in that order; record must exit with ./oom's
# status and leave tracefs as it found it; a recording cut short by
# SIGTERM must still be written, tracefs cleaned.
#
# oom-timeline is taken from the guest's PATH. Until the platform puts
# it there, OOM_TIMELINE_GUEST_PATH=/mnt/build/arm64/user/oom_timeline
# prepends a folder to the guest's PATH (the test builds that binary).
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

RLK=$TOP/run_rlk_arm64.sh
GUEST_PATH=${OOM_TIMELINE_GUEST_PATH:-}

# The guest's part: the state of tracefs before and after, the run, its
# status, the chart, the file; each part after a "== NAME" line.
# shellcheck disable=SC2016 # expanded in the guest
GUEST_SCRIPT='
[ -n "$GP" ] && PATH=$GP:$PATH
tracefs_state() {
	grep -c " tracefs " /proc/mounts
	ls /sys/kernel/tracing/instances 2>/dev/null | grep -c "^oom-timeline" || true
}
echo "== which"; command -v oom-timeline
echo "== before"; tracefs_state
cd /mnt/oom_user_app
oom-timeline record -o /tmp/t -- ./oom --quiet > /tmp/oom.out 2> /tmp/oom.err
st=$?
echo "== status"; echo $st
echo "== after"; tracefs_state
echo "== stderr"; cat /tmp/oom.err
echo "== chart"; oom-timeline chart /tmp/t
echo "== file"; cat /tmp/t
oom-timeline record -o /tmp/s -- sleep 30 &
rec=$!
sleep 1
kill -TERM $rec
wait $rec
st=$?
echo "== sigterm"; echo $st
grep "^# interrupted:" /tmp/s
tracefs_state
'

# part NAME: the lines of the guest's output after "== NAME".
part() {
	awk -v want="== $1" '/^== / { on = ($0 == want); next } on' "$WORK/out"
}

# order_of_story: the t of the first sample with the zone's free pages
# under 90% of the first, of the first one under 1.5 x high, and of
# oom:mark_victim; "fill watermarks kill" when they come in that order.
order_of_story() {
	part file | awk '
		/^# columns: t / { for (i = 3; i <= NF; i++) c[$i] = i - 2; s = 1; next }
		/^# events:/ { s = 0; e = 1; next }
		/^#/ || !NF { next }
		s {
			free = $c["DMA.free"]; high = $c["DMA.high"]
			if (first == "") first = free
			if (fill == "" && free < 0.9 * first) fill = $1
			if (near == "" && high > 0 && free < 1.5 * high) near = $1
		}
		e && $2 == "oom:mark_victim" && kill == "" { kill = $1 }
		END {
			printf "fill=%s near=%s kill=%s\n", fill, near, kill > "/dev/stderr"
			if (fill != "" && near != "" && kill != "" && fill < near && near <= kill)
				print "fill watermarks kill"
		}' 2>"$WORK/story"
}

main() {
	local rc=0
	plan 13
	"$RLK" build >"$WORK/build.log" 2>&1 ||
		bail "run_rlk_arm64.sh build failed: $(tail -n 5 "$WORK/build.log")"
	make -s -C "$COMP_DIR" CC=aarch64-linux-gnu-gcc O="$TOP/build/arm64/user/oom_timeline" \
		>"$WORK/make.log" 2>&1 || bail "building oom-timeline for arm64: $(cat "$WORK/make.log")"
	RLK_TIMEOUT=${RLK_TIMEOUT:-180} "$RLK" exec -- sh -c "GP='$GUEST_PATH'; $GUEST_SCRIPT" \
		>"$WORK/raw" 2>&1 || rc=$?
	tr -d '\r' <"$WORK/raw" | grep -v '^\[ *[0-9.]*\] ' >"$WORK/out"
	is 0 "$rc" "the guest ran the script"
	ok "oom-timeline is on the guest's PATH ($(part which))" test -n "$(part which)"
	is 0 "$(part status)" "record exits with ./oom's status, 0"
	is "$(part before | tr '\n' ' ')" "$(part after | tr '\n' ' ')" \
		"tracefs mounts and our instances: as before the recording"
	is "" "$(part stderr)" "no warning: tracing, PSI and the protection all worked"
	like "$(part file)" "^# trace: mono$" "the kernel's events were traced, on the mono clock"
	is "fill watermarks kill" "$(order_of_story)" \
		"the timeline holds the fill, the watermarks, the kill, in that order ($(cat "$WORK/story"))"
	like "$(part file)" "^# columns: t .* DMA\.free DMA\.min DMA\.low DMA\.high " \
		"the zone's watermarks are columns"
	like "$(part chart)" "^K [0-9.]+ +oom:mark_victim: kills pid [0-9]+ \(oom\)" \
		"the chart names the kill"
	like "$(part chart)" "DMA free without CMA went under high at" \
		"the chart says when the watermarks were crossed"
	ok "the chart fits 80 columns" test "$(part chart | awk '{ if (length > w) w = length } END { print w + 0 }')" -le 80
	is 143 "$(part sigterm | head -n 1)" "SIGTERM: record ends with CMD's 128+15"
	is "# interrupted: SIGTERM $(part before | tr '\n' ' ')" \
		"$(part sigterm | tail -n +2 | tr '\n' ' ')" \
		"SIGTERM: the file is written and tracefs is as before"
	diag "$(part chart)"
	done_testing
}

main "$@"

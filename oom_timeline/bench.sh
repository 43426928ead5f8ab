#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# oom_timeline/bench.sh - what recording costs: the default lab ./oom
# in the guest, BENCH_RUNS rounds of one plain run and one run under
# "oom-timeline record -i MS" for each MS of BENCH_INTERVAL, their order
# rotated from round to round, after one untimed fill, all in one guest
# session, so every way sees the same guest and the same host load.
#
# Other guests running on the host make every figure noisy (a fill
# takes 1.2 s on an idle host, up to 3.5 s beside two busy QEMUs): the
# slowdown is also given as the median of each round's own ratio, which
# a slow drift of the host's load does not bias, and the script says
# whether other QEMUs ran meanwhile.
#
# Prints, for each way, the median victim fill time (oom --json
# "seconds": from releasing the victim to reaping it, the OOM kill
# included) and the median wall time of the whole command in the guest
# (/proc/uptime, 10 ms steps; a recorded one includes setting up and
# taking down tracing and writing the file); the slowdowns; the
# recorder's own CPU time while ./oom ran (/proc/self/schedstat); and
# the sample interval achieved during the fill (from the first sample
# to oom:mark_victim): median and largest gap between samples.
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ARCH=${BENCH_ARCH:-arm64}
RUNS=${BENCH_RUNS:-7}
INTERVALS=${BENCH_INTERVAL:-20 10}
RECORD_ARGS=${BENCH_RECORD_ARGS:-}
TARGET_PCT=5
BUSY_FILE=$(mktemp /tmp/oom_timeline-bench.XXXXXX)
trap 'rm -f "$BUSY_FILE"' EXIT

usage() {
	cat <<USAGE
Usage: $0 [-h]
Measure how much "oom-timeline record" slows the default ./oom in the
$ARCH guest: BENCH_RUNS rounds of a plain run and a recorded run per
interval, in rotating order, in one guest session.

  BENCH_ARCH=$ARCH  BENCH_RUNS=$RUNS  BENCH_INTERVAL='$INTERVALS' (ms, one or more)
  BENCH_RECORD_ARGS='$RECORD_ARGS' (more record options, e.g. --nice 10)
USAGE
}

die() {
	echo "bench: $*" >&2
	exit 1
}

# guest_script: the loop the guest runs; one result line per run:
#   ROUND plain SECONDS WALL_MS
#   ROUND record MS SECONDS WALL_MS GAP_MEDIAN_MS GAP_MAX_MS SAMPLES CPU_PCT
# (CPU_PCT: the recorder's own CPU time over CMD's run, % of one CPU)
guest_script() {
	cat <<GUEST
OT=\$(command -v oom-timeline || echo /mnt/build/$ARCH/user/oom_timeline/oom-timeline)
cd /mnt/oom_user_app
uptime_ms() { read -r up _ < /proc/uptime; echo \$((\${up%.*} * 1000 + 10#\${up#*.} * 10)); }
seconds() { sed -n 's/.*"seconds":\([0-9.]*\).*/\1/p'; }
plain() {
	t0=\$(uptime_ms)
	s=\$(./oom --quiet --json 2>/dev/null | seconds)
	echo "\$i plain \$s \$((\$(uptime_ms) - t0))"
}
gaps() {
	awk '/^# columns: t /{ s = 1; next } /^# events:/{ s = 0; e = 1; next }
	     s && /^[0-9]/ { t[n++] = \$1 }
	     e && \$2 == "oom:mark_victim" && kill == "" { kill = \$1 }
	     END {
		if (kill == "") kill = t[n - 1]
		for (i = 1; i < n && t[i] <= kill; i++) g[m++] = (t[i] - t[i - 1]) * 1000
		for (i = 0; i < m; i++) for (j = i + 1; j < m; j++)
			if (g[j] < g[i]) { x = g[i]; g[i] = g[j]; g[j] = x }
		printf "%.1f %.1f %d\n", g[int(m / 2)], g[m - 1], m + 1
	     }' "\$1"
}
cpu_share() {
	awk '/^# recorder_cpu_s:/ { c = \$3 } /^# run_s:/ { r = \$3 }
	     END { printf "%.1f\\n", r ? c / r * 100 : 0 }' "\$1"
}
record() {
	t0=\$(uptime_ms)
	s=\$("\$OT" record -i \$1 $RECORD_ARGS -o /tmp/bench.t -- ./oom --quiet --json 2>/dev/null | seconds)
	w=\$((\$(uptime_ms) - t0))
	echo "\$i record \$1 \$s \$w \$(gaps /tmp/bench.t) \$(cpu_share /tmp/bench.t)"
	rm -f /tmp/bench.t
}
./oom --quiet >/dev/null 2>&1
ways="plain $INTERVALS"
n=\$(echo \$ways | wc -w)
i=1
while [ \$i -le $RUNS ]; do
	# this round's order: the list turned by i places
	set -- \$ways
	k=0
	while [ \$k -lt \$((i % n)) ]; do first=\$1; shift; set -- "\$@" \$first; k=\$((k + 1)); done
	for way in "\$@"; do
		if [ \$way = plain ]; then plain; else record \$way; fi
	done
	i=\$((i + 1))
done
GUEST
}

# median N...: the middle value (the lower middle for an even count).
median() {
	printf '%s\n' "$@" | sort -g | sed -n "$((($# + 1) / 2))p"
}

# pct A B: (A / B - 1) in %, signed.
pct() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f", (a / b - 1) * 100 }'
}

main() {
	local out round kind ms f mon busy mp ms_list r p
	local -A fill=() wall=() gmed=() gmax=() cpu=() rounds=() plain_of=()
	if [[ ${1:-} == -h || ${1:-} == --help ]]; then
		usage
		exit 0
	fi
	[[ -x $TOP/run_rlk_$ARCH.sh ]] || die "no run_rlk_$ARCH.sh"
	make -s -C "$TOP/oom_timeline" CC="$(cross_cc)" \
		O="$TOP/build/$ARCH/user/oom_timeline" >&2
	watch_qemus "$$" &
	mon=$!
	out=$(RLK_TIMEOUT=$((RUNS * 40 * (1 + $(wc -w <<<"$INTERVALS")) + 60)) \
		"$TOP/run_rlk_$ARCH.sh" exec -- "$(guest_script)" 2>&1) ||
		die "the guest run failed: $(tail -n 5 <<<"$out")"
	kill "$mon" 2>/dev/null || true
	wait "$mon" 2>/dev/null || true
	while read -r round kind f; do
		# shellcheck disable=SC2206 # numbers, split on purpose
		f=($f)
		if [[ $kind == plain ]]; then
			fill[plain]+=" ${f[0]}" wall[plain]+=" ${f[1]}"
			plain_of[$round]=${f[0]}
			continue
		fi
		ms=${f[0]}
		fill[$ms]+=" ${f[1]}" wall[$ms]+=" ${f[2]}"
		gmed[$ms]+=" ${f[3]}" gmax[$ms]+=" ${f[4]}" cpu[$ms]+=" ${f[6]}"
		rounds[$ms]+=" $round:${f[1]}"
	done < <(tr -d '\r' <<<"$out" | grep -E '^[0-9]+ (plain|record) [0-9]')
	# shellcheck disable=SC2086 # lists of numbers
	[[ $(wc -w <<<"${fill[plain]:-}") == "$RUNS" ]] ||
		die "expected $RUNS plain runs, got: $(tr -d '\r' <<<"$out" | tail -n 20)"
	# shellcheck disable=SC2086
	mp=$(median ${fill[plain]})
	echo "bench: default ./oom in the $ARCH guest, $RUNS rounds (one run each way, rotating order)${RECORD_ARGS:+, record $RECORD_ARGS}"
	printf '  %-30s %9s %10s %12s %11s %9s\n' "" "fill (s)" "slowdown" "round median" "rec. CPU" "cmd (ms)"
	# shellcheck disable=SC2086
	printf '  %-30s %9s %10s %12s %11s %9s\n' "./oom" "$mp" "" "" "" "$(median ${wall[plain]})"
	for ms in $INTERVALS; do
		ms_list=""
		for r in ${rounds[$ms]}; do
			p=${plain_of[${r%%:*}]:-}
			[[ -n $p ]] && ms_list+=" $(pct "${r#*:}" "$p")"
		done
		# shellcheck disable=SC2086
		printf '  %-30s %9s %9s%% %11s%% %10s%% %9s\n' "oom-timeline record -i $ms" \
			"$(median ${fill[$ms]})" "$(pct "$(median ${fill[$ms]})" "$mp")" \
			"$(median $ms_list)" "$(median ${cpu[$ms]})" "$(median ${wall[$ms]})"
		# shellcheck disable=SC2086
		echo "    -i $ms: sample gaps during the fill: median $(median ${gmed[$ms]}) ms," \
			"largest $(printf '%s\n' ${gmax[$ms]} | sort -g | tail -n 1) ms;" \
			"slowdown target <= $TARGET_PCT%:" \
			"$(awk -v p="$(pct "$(median ${fill[$ms]})" "$mp")" -v t=$TARGET_PCT 'BEGIN { print (p <= t) ? "met" : "MISSED" }')"
		echo "    -i $ms rounds:$ms_list"
	done
	echo "  fill: victim's fill time, median; slowdown: of the medians; round median: the"
	echo "  median of each round's own ratio; rec. CPU: the recorder's CPU time while ./oom"
	echo "  ran, % of one CPU; cmd: the whole command in the guest, set-up and write-out included"
	busy=$(cat "$BUSY_FILE" 2>/dev/null || echo 0)
	if ((busy > 0)); then
		echo "  note: other guests ran on this host during $busy% of the session: figures are noisy"
	else
		echo "  the host ran no other guest during the session"
	fi
}

# watch_qemus PID: twice a second, note whether a QEMU that is not a
# descendant of PID runs; write the % of the session when one did.
watch_qemus() {
	local me=$1 n=0 hits=0 q p foreign
	trap 'echo $((n ? hits * 100 / n : 0)) > "$BUSY_FILE"; exit 0' TERM
	while :; do
		foreign=0
		for q in $(pgrep -f '^qemu-system-' || true); do
			p=$q
			while ((p > 1)) && ((p != me)); do
				p=$(ps -o ppid= -p "$p" 2>/dev/null | tr -d ' ') || break
				[[ -n $p ]] || break
			done
			((p == me)) || foreign=1
		done
		n=$((n + 1)) hits=$((hits + foreign))
		sleep 0.5
	done
}

# cross_cc: the guest's compiler, as scripts/lib/arch.sh names it.
cross_cc() {
	case $ARCH in
	arm64) echo aarch64-linux-gnu-gcc ;;
	arm32) echo arm-linux-gnueabihf-gcc ;;
	x86_64) echo x86_64-linux-gnu-gcc ;;
	*) die "unknown BENCH_ARCH $ARCH" ;;
	esac
}

main "$@"

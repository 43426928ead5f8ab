#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh - throughput and memory of oom-analyze on large dmesg text.
#
# Builds BENCH_MB (default 200) MB of kernel log by repeating the test
# fixtures with shifted timestamps and pids, then reports the median of
# BENCH_RUNS runs of `cat`, `wc -l`, `oom-analyze --json` and
# `oom-analyze` (text, in English and in Chinese) in MB/s, and the peak
# RSS of oom-analyze on a 20 MB and the full input, which must stay flat
# (streaming).
set -euo pipefail

BENCH_MB=${BENCH_MB:-200}
BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_MIN_MBPS=${BENCH_MIN_MBPS:-200}
HERE=$(cd "$(dirname "$0")" && pwd)

usage() {
	cat <<EOF
Usage: $0 [OOM_ANALYZE]
Time oom-analyze (default: $HERE/oom-analyze) on ${BENCH_MB} MB of
generated dmesg text. Knobs: BENCH_MB, BENCH_RUNS, BENCH_MIN_MBPS.
Exit status 1 when the JSON throughput is below BENCH_MIN_MBPS MB/s or
the peak RSS grows with the input.
EOF
}

# generate FILE MB: write about MB megabytes of dmesg-style log to FILE:
# the fixtures again and again, each copy with new timestamps and pids.
generate() {
	local file=$1 mb=$2
	cat "$HERE"/tests/fixtures/seed_*.log \
		"$HERE"/tests/fixtures/0[1345]_*.log |
	awk -v want=$((mb * 1000000)) '
		{ line[n++] = $0; size += length($0) + 1 }
		END {
			for (r = 0; done < want; r++) {
				for (i = 0; i < n; i++)
					print shift(line[i], r, i)
				done += size
			}
		}
		# new uptime for "[  123.456]", a digit more for "] [  pid]"
		function shift(l, r, i,    d, p, rest, q) {
			if (substr(l, 1, 1) != "[")
				return l
			d = index(l, ".")
			if (d == 0 || d > 16)
				return l
			l = "[" (r * 100000 + i) substr(l, d)
			p = index(l, "] [")
			if (p == 0 || p > 24)
				return l
			rest = substr(l, p + 2)
			q = index(rest, "]")
			return substr(l, 1, p + 1) substr(rest, 1, q - 1) r % 10 \
				substr(rest, q)
		}' > "$file"
}

# nanos CMD...: wall time of one run of CMD in ns, output discarded.
nanos() {
	local t0 t1
	t0=$(date +%s%N)
	"$@" > /dev/null
	t1=$(date +%s%N)
	echo $((t1 - t0))
}

# median_mbps BYTES CMD...: median MB/s over BENCH_RUNS runs.
median_mbps() {
	local bytes=$1 k
	shift
	for ((k = 0; k < BENCH_RUNS; k++)); do
		nanos "$@"
	done | awk -v b="$bytes" '{ v[NR] = b * 1000 / ($1 > 0 ? $1 : 1) }
		END { n = asort_(v, NR); printf "%.0f", v[int((NR + 1) / 2)] }
		function asort_(a, n,    i, j, t) {
			for (i = 2; i <= n; i++)
				for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
					t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
				}
			return n
		}'
}

# peak_rss_kb CMD...: the peak resident set of CMD in kB.
peak_rss_kb() {
	local pid hwm=0 v
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%M' "$@" 2>&1 > /dev/null | tail -n 1
		return
	fi
	"$@" > /dev/null &
	pid=$!
	while v=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null); do
		[ -n "$v" ] && hwm=$v
		sleep 0.02
	done
	wait "$pid" || true
	echo "$hwm"
}

main() {
	local bin=${1:-$HERE/oom-analyze} bytes cat_mbps wc_mbps
	local json_mbps text_mbps zh_mbps rss_small rss_big events status=0
	case ${1:-} in -h|--help) usage; exit 0 ;; esac
	[ -x "$bin" ] || { echo "bench.sh: $bin: not built" >&2; exit 2; }
	BIG=$(mktemp)
	SMALL=$(mktemp)
	trap 'rm -f "$BIG" "$SMALL"' EXIT
	generate "$BIG" "$BENCH_MB"
	head -c 20000000 "$BIG" > "$SMALL"
	bytes=$(stat -c %s "$BIG")
	events=$("$bin" --json "$BIG" | wc -l)
	echo "input: $((bytes / 1000000)) MB, $(wc -l < "$BIG") lines, $events events"
	cat_mbps=$(median_mbps "$bytes" cat "$BIG")
	wc_mbps=$(median_mbps "$bytes" wc -l "$BIG")
	json_mbps=$(median_mbps "$bytes" "$bin" --json "$BIG")
	text_mbps=$(median_mbps "$bytes" "$bin" --no-color "$BIG")
	# Its catalogues are built beside it, in locale/.
	zh_mbps=$(median_mbps "$bytes" env LANG=zh_CN.UTF-8 \
		TEXTDOMAINDIR="$(dirname "$bin")/locale" "$bin" --no-color "$BIG")
	printf '%-28s %6s MB/s\n' "cat (reference)" "$cat_mbps" \
		"wc -l (reference)" "$wc_mbps" \
		"oom-analyze --json" "$json_mbps" \
		"oom-analyze (text)" "$text_mbps" \
		"oom-analyze (text, Chinese)" "$zh_mbps"
	rss_small=$(peak_rss_kb "$bin" --json "$SMALL")
	rss_big=$(peak_rss_kb "$bin" --json "$BIG")
	printf 'peak RSS: %s kB on 20 MB, %s kB on %s MB\n' "$rss_small" \
		"$rss_big" "$((bytes / 1000000))"
	if [ "$json_mbps" -lt "$BENCH_MIN_MBPS" ]; then
		echo "bench.sh: below $BENCH_MIN_MBPS MB/s" >&2
		status=1
	fi
	if [ "$rss_big" -gt $((rss_small + rss_small / 10 + 1024)) ]; then
		echo "bench.sh: memory grows with the input" >&2
		status=1
	fi
	return "$status"
}

main "$@"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/plot.t - oom_timeline/plot: an SVG and a PNG of the synthetic
# timeline and of a real one, with the kill labelled; usage errors.
# Needs gnuplot (gnuplot-nox).
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

PLOT=$COMP_DIR/plot
CHECKS=14

# png_size FILE: "WIDTHxHEIGHT" from a PNG's IHDR chunk.
png_size() {
	local w h
	w=$(od -An -tu1 -j16 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
	h=$(od -An -tu1 -j20 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
	echo "${w}x$h"
}

main() {
	local rc
	plan $CHECKS
	if ! command -v gnuplot >/dev/null; then
		for ((rc = 0; rc < CHECKS; rc++)); do
			skip "gnuplot is not installed (apt-get install gnuplot-nox)" "plot"
		done
		exit 0
	fi
	synthetic_timeline "$WORK/syn.t"

	"$PLOT" "$WORK/syn.t" "$WORK/syn.svg"
	like "$(head -c 200 "$WORK/syn.svg")" "<svg" "an SVG"
	like "$(cat "$WORK/syn.svg")" "oom:mark_victim: kill 100 \(victim\)" "the SVG labels the kill"
	like "$(cat "$WORK/syn.svg")" "first direct reclaim" "... and the first direct reclaim"
	like "$(cat "$WORK/syn.svg")" "Zone Normal: free pages against its watermarks" \
		"... and draws the zone the kernel weighed"
	"$PLOT" "$WORK/syn.t" "$WORK/syn.png"
	is "89 50 4e 47" "$(od -An -tx1 -N4 "$WORK/syn.png" | xargs)" "a PNG"
	is 1200x900 "$(png_size "$WORK/syn.png")" "1200 x 900 pixels"
	PLOT_WIDTH=800 PLOT_HEIGHT=600 "$PLOT" "$FIXTURES/arm64-oom.timeline" "$WORK/arm64.png"
	is 800x600 "$(png_size "$WORK/arm64.png")" "a real recording, PLOT_WIDTH x PLOT_HEIGHT"
	"$PLOT" "$FIXTURES/arm64-oom.timeline" "$WORK/arm64.svg"
	like "$(cat "$WORK/arm64.svg")" "free without CMA" "arm64: the CMA area taken out"

	rc=0
	"$PLOT" >/dev/null 2>"$WORK/err" || rc=$?
	is 2 "$rc" "no arguments: exit 2"
	like "$(cat "$WORK/err")" "^Usage: plot" "no arguments: the usage"
	rc=0
	"$PLOT" "$COMP_DIR/Makefile" "$WORK/x.svg" 2>"$WORK/err" || rc=$?
	like "$rc $(cat "$WORK/err")" "^1 plot: .*Makefile: not an oom-timeline file" \
		"not a timeline: exit 1, says so"
	rc=0
	"$PLOT" "$WORK/syn.t" "$WORK/x.jpg" 2>"$WORK/err" || rc=$?
	like "$rc $(cat "$WORK/err")" "^1 plot: .*x.jpg: the picture's name must end in .svg or .png" \
		"another format: exit 1, says so"
	rc=0
	"$PLOT" -z Foo "$WORK/syn.t" "$WORK/x.svg" 2>"$WORK/err" || rc=$?
	like "$rc $(cat "$WORK/err")" "^1 plot: .*: no zone Foo in it" "-z Foo: exit 1, says so"
	"$PLOT" -h >"$WORK/out"
	like "$(cat "$WORK/out")" "^  -z ZONE" "-h: the options"
	done_testing
}

main "$@"

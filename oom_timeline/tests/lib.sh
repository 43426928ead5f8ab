# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# tests/lib.sh - what every oom_timeline test needs after tap.sh: a
# private host build in a temporary directory, a synthetic timeline,
# and a cleanup that leaves nothing behind.

# shellcheck disable=SC2034 # TOP, FIXTURES, OT: for the tests that source this
COMP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOP=$(cd "$COMP_DIR/.." && pwd)
FIXTURES=$COMP_DIR/tests/fixtures
WORK_NAME=oom_timeline-test
# shellcheck source=../../tests/lib/component.sh
. "$TOP/tests/lib/component.sh"
OT=$WORK/build/oom-timeline

# synthetic_timeline FILE: a made-up recording with known answers.
# Zones DMA (steady) and Normal (falling from 200000 pages by 225000 a
# second, floored at 1500; min 2000, low 2500, high 3000), 101 samples
# 0.00 to 1.00 s; kswapd wakes at 0.3 s; 1000 direct reclaims by pids
# 101 and 102 from 0.5 s; 16 reclaim_retry_zone rounds for Normal and
# DMA from 0.9 s; the kill (pid 100, "victim") at 0.905 s; the reaper
# woken at 0.906 s; memory back after the kill.
synthetic_timeline() {
	awk 'BEGIN {
		print "# oom-timeline 1"
		print "# command: ./victim"
		print "# kernel: 6.1.0-test"
		print "# machine: x86_64"
		print "# interval_ms: 10"
		print "# page_kb: 4"
		print "# trace: mono"
		print "# trace_lost: 0"
		print "# psi: yes"
		print "# ended: exit 0"
		print "# samples: 101"
		print "# columns: t memfree_kb memavail_kb anon_kb DMA.free DMA.min DMA.low DMA.high Normal.free Normal.min Normal.low Normal.high psi.some.avg10 psi.some.total_us psi.full.avg10 psi.full.total_us allocstall pgscan_kswapd pgscan_direct oom_kill"
		for (i = 0; i <= 100; i++) {
			t = i / 100
			n = 200000 - 225000 * t
			if (n < 1500) n = 1500
			if (t > 0.905) n = 150000
			some = t > 0.5 ? (t - 0.5) * 500000 : 0
			stall = t > 0.5 ? int((t - 0.5) * 2500) : 0
			if (stall > 1000) stall = 1000
			printf "%.6f %d %d %d 3900 20 25 30 %d 2000 2500 3000 0 %d 0 %d %d %d %d %d\n",
				t, (n + 3900) * 4, (n + 3900) * 4, 800000 - n * 4, n,
				some, some / 2, stall, stall * 10, stall * 5, (t > 0.905)
		}
		print ""
		print ""
		print "# events: 2036"
		print "# columns: t event pid comm detail"
		printf "0.300000 vmscan:mm_vmscan_kswapd_wake 43 \"kswapd0\" \"nid=0 order=0\"\n"
		for (k = 0; k < 1000; k++) {
			printf "%.6f vmscan:mm_vmscan_direct_reclaim_begin %d \"oom\" \"order=0 gfp_flags=GFP_HIGHUSER_MOVABLE\"\n", 0.5 + k * 0.0004, 101 + k % 2
			printf "%.6f vmscan:mm_vmscan_direct_reclaim_end %d \"oom\" \"nr_reclaimed=3\"\n", 0.5 + k * 0.0004 + 0.0001, 101 + k % 2
		}
		for (k = 0; k < 32; k++)
			printf "%.6f oom:reclaim_retry_zone 101 \"oom\" \"node=0 zone=%-8s order=0 reclaimable=10 available=1600 min_wmark=2000 no_progress_loops=%d wmark_check=0\"\n", 0.9 + k * 0.0001, k % 2 ? "DMA" : "Normal", int(k / 2) + 1
		printf "0.905000 oom:mark_victim 101 \"oom\" \"pid=100 comm=victim total-vm=819300kB anon-rss=819200kB file-rss:0kB shmem-rss:0kB uid=0 pgtables=1600kB oom_score_adj=0\"\n"
		printf "0.906000 oom:wake_reaper 101 \"oom\" \"pid=100\"\n"
		printf "0.950000 vmscan:mm_vmscan_kswapd_sleep 43 \"kswapd0\" \"nid=0\"\n"
	}' >"$1"
}

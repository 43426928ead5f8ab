// SPDX-License-Identifier: GPL-2.0
/*
 * tests/event_test.c - parsing tracefs's lines, and telling a flood of
 * events in a few lines in order.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "summary.h"
#include "tap.h"

/* Lines of a real 6.1 trace, and what they hold. */
static const struct {
	const char *line;
	double ts;
	int pid;
	const char *comm, *name, *fields;
} good[] = {
	{ "             oom-133     [001] .....     4.720773: mm_vmscan_direct_reclaim_begin: order=0 gfp_flags=GFP_KERNEL_ACCOUNT|__GFP_ZERO",
	  4.720773, 133, "oom", "mm_vmscan_direct_reclaim_begin",
	  "order=0 gfp_flags=GFP_KERNEL_ACCOUNT|__GFP_ZERO" },
	{ "         kswapd0-43      [000] d..1.    12.000001: mm_vmscan_kswapd_wake: nid=0 order=0",
	  12.000001, 43, "kswapd0", "mm_vmscan_kswapd_wake", "nid=0 order=0" },
	/* a comm with a dash, a space and a bracket */
	{ "   my-app [x]-2001    [003] ..... 100.5: mark_victim: pid=2001 comm=my-app",
	  100.5, 2001, "my-app [x]", "mark_victim", "pid=2001 comm=my-app" },
	/* without the flags column (options/irq-info off) */
	{ "           <...>-7       [000]   7.250000: wake_reaper: pid=131",
	  7.25, 7, "<...>", "wake_reaper", "pid=131" },
};

static const char *const not_events[] = {
	"# tracer: nop",
	"#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION",
	"",
	"garbage",
	"  oom-1 [000] ..... nope: x: y",
};

/* Add @n direct reclaims, begin and end, by two tasks from @t. */
static void reclaims(struct timeline *tl, double t, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		tl_add_event(tl, t + i * 4e-4, "vmscan:mm_vmscan_direct_reclaim_begin",
			     101 + i % 2, "oom", "order=0 gfp_flags=GFP_HIGHUSER_MOVABLE");
		tl_add_event(tl, t + i * 4e-4 + 1e-4, "vmscan:mm_vmscan_direct_reclaim_end",
			     101 + i % 2, "oom", "nr_reclaimed=3");
	}
}

int main(void)
{
	struct summary_line lines[16];
	struct trace_line t;
	struct timeline tl;
	char buf[64], detail[256];
	size_t i, n;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		tap_is_int(0, trace_parse_line(good[i].line, &t), "line %zu parses", i);
		tap_is_num(good[i].ts, t.ts, 1e-9, "line %zu: timestamp", i);
		tap_is_int(good[i].pid, t.pid, "line %zu: pid", i);
		tap_is_str(good[i].comm, t.comm, "line %zu: comm", i);
		tap_is_str(good[i].name, t.name, "line %zu: event", i);
		tap_is_str(good[i].fields, t.fields, "line %zu: fields", i);
	}
	for (i = 0; i < sizeof(not_events) / sizeof(not_events[0]); i++)
		tap_is_int(-1, trace_parse_line(not_events[i], &t),
			   "'%s' is no event", not_events[i]);

	tap_ok(event_kind_find("oom:mark_victim") &&
	       !event_kind_find("oom:mark_victim")->group,
	       "mark_victim is a key event");
	tap_is_str("direct reclaim",
		   event_kind_find("mm_vmscan_direct_reclaim_end")->group,
		   "reclaim begin and end are one group");
	tap_ok(!event_kind_find("tracing_mark_write"),
	       "the marker is no traced event");
	tap_ok(event_field("pid=12 comm=oom file-rss:4kB", "file-rss:", buf,
			   sizeof(buf)) && !strcmp(buf, "4kB"),
	       "event_field takes key: too");
	tap_ok(!event_field("xpid=12", "pid=", buf, sizeof(buf)),
	       "event_field wants a whole key");
	tap_is_num(893120, event_number("pid=1 anon-rss=893120kB", "anon-rss="), 0,
		   "event_number");

	/* a flood, the retries, the kill, the reaper, more reclaim */
	tl_init(&tl);
	tl_add_event(&tl, 0.3, "vmscan:mm_vmscan_kswapd_wake", 43, "kswapd0", "nid=0 order=0");
	reclaims(&tl, 0.5, 1000);
	for (i = 0; i < 16; i++) {
		snprintf(detail, sizeof(detail),
			 "node=0 zone=%-8s order=0 reclaimable=10 available=1600 min_wmark=2000 no_progress_loops=%zu wmark_check=0",
			 i % 2 ? "DMA" : "Normal", i + 1);
		tl_add_event(&tl, 0.9 + i * 1e-4, "oom:reclaim_retry_zone", 101, "oom", detail);
	}
	tl_add_event(&tl, 0.905, "oom:mark_victim", 101, "oom",
		     "pid=100 comm=victim total-vm=1kB anon-rss=819200kB file-rss:0kB shmem-rss:0kB uid=0 pgtables=4kB oom_score_adj=0");
	tl_add_event(&tl, 0.906, "oom:wake_reaper", 101, "oom", "pid=100");
	reclaims(&tl, 0.907, 3);
	n = summarize_events(&tl, lines, 16);
	tap_is_int(6, n, "1000 reclaims, 16 retries, a kill, the reaper: 6 lines");
	tap_like("kswapd woke x1", lines[0].text, "1: kswapd");
	tap_like("direct reclaim x1000 by oom (2 tasks): 3000 pages, longest 0.1 ms",
		 lines[1].text, "2: the flood, collapsed");
	tap_is_num(0.5, lines[1].t0, 1e-9, "2: from the first reclaim");
	tap_is_num(0.5 + 999 * 4e-4 + 1e-4, lines[1].t1, 1e-9, "2: to the last");
	tap_like("oom:reclaim_retry_zone x16, last: Normal available 1600 min 2000 wmark_check=0; DMA",
		 lines[2].text, "3: the retries, zone by zone");
	tap_like("no_progress_loops up to 16 (the limit)", lines[2].text,
		 "3: the limit that ends in the OOM killer");
	tap_ok(lines[3].kill, "4: the kill");
	tap_like("kills pid 100 (victim), anon-rss 800 MiB", lines[3].text, "4: who");
	tap_like("oom:wake_reaper pid=100", lines[4].text, "5: the reaper");
	tap_like("direct reclaim x3", lines[5].text, "6: reclaim after the kill, apart");
	n = summarize_events(&tl, lines, 3);
	tap_is_int(3, n, "a short table stops at its end");
	tl_free(&tl);
	return tap_done();
}

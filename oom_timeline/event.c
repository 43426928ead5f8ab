// SPDX-License-Identifier: GPL-2.0
/*
 * event.c - the kernel's events on the way to an OOM kill, and the
 * parser of tracefs's text output.
 *
 * The events (6.1; an event a kernel lacks is skipped):
 *   vmscan:mm_vmscan_direct_reclaim_begin/end  an allocation reclaims
 *                                               by itself (thousands)
 *   vmscan:mm_vmscan_kswapd_wake/sleep          the background reclaimer
 *   compaction:mm_compaction_*                  compaction (orders > 0)
 *   oom:reclaim_retry_zone                      should_reclaim_retry()
 *                                               weighs a zone: retry?
 *   oom:compact_retry                           should_compact_retry()
 *   oom:mark_victim                             the kill (pid, comm, rss)
 *   oom:wake_reaper, start/finish/skip_task_reaping   the OOM reaper
 *                                               (only when the victim
 *                                               has not exited in 2 s)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"

const struct event_kind event_kinds[] = {
	{ "vmscan", "mm_vmscan_direct_reclaim_begin", "direct reclaim" },
	{ "vmscan", "mm_vmscan_direct_reclaim_end", "direct reclaim" },
	{ "vmscan", "mm_vmscan_kswapd_wake", "kswapd" },
	{ "vmscan", "mm_vmscan_kswapd_sleep", "kswapd" },
	{ "compaction", "mm_compaction_try_to_compact_pages", "compaction" },
	{ "compaction", "mm_compaction_begin", "compaction" },
	{ "compaction", "mm_compaction_end", "compaction" },
	{ "compaction", "mm_compaction_defer_compaction", "compaction" },
	{ "compaction", "mm_compaction_kcompactd_wake", "compaction" },
	{ "oom", "reclaim_retry_zone", "reclaim_retry_zone" },
	{ "oom", "compact_retry", "compact_retry" },
	{ "oom", "mark_victim", NULL },
	{ "oom", "wake_reaper", NULL },
	{ "oom", "start_task_reaping", NULL },
	{ "oom", "finish_task_reaping", NULL },
	{ "oom", "skip_task_reaping", NULL },
};

const size_t n_event_kinds = sizeof(event_kinds) / sizeof(event_kinds[0]);

/* The kind of event called @name ("system:event" or bare), or NULL. */
const struct event_kind *event_kind_find(const char *name)
{
	const char *colon = strchr(name, ':');
	size_t i, slen = colon ? (size_t)(colon - name) : 0;

	for (i = 0; i < n_event_kinds; i++) {
		const struct event_kind *k = &event_kinds[i];

		if (!colon && !strcmp(name, k->name))
			return k;
		if (colon && strlen(k->system) == slen &&
		    !strncmp(name, k->system, slen) && !strcmp(colon + 1, k->name))
			return k;
	}
	return NULL;
}

/*
 * Find the CPU field " [NNN]" that ends the task and pid. A comm may
 * hold anything, so the first such field followed by a space is taken.
 */
static const char *find_cpu_field(const char *line)
{
	const char *p = line;

	while ((p = strstr(p, " [")) != NULL) {
		const char *q = p + 2;

		if (*q >= '0' && *q <= '9') {
			q += strspn(q, "0123456789");
			if (q[0] == ']' && q[1] == ' ')
				return p;
		}
		p++;
	}
	return NULL;
}

/*
 * Parse one line of tracefs's "trace" file:
 *
 *   "   oom-112     [001] .....    12.345678: mm_vmscan_kswapd_wake: nid=0"
 *
 * (the flags column may be missing). Returns 0, or -1 for comments and
 * anything else.
 */
int trace_parse_line(const char *line, struct trace_line *out)
{
	const char *cpu, *task, *dash, *p, *name_end;
	char *end;
	size_t len;

	if (line[0] == '#')
		return -1;
	cpu = find_cpu_field(line);
	if (!cpu)
		return -1;
	task = line + strspn(line, " ");
	for (dash = cpu; dash > task && *dash != '-'; dash--)
		;
	if (dash <= task)
		return -1;
	len = dash - task;
	if (len >= sizeof(out->comm))
		len = sizeof(out->comm) - 1;
	memcpy(out->comm, task, len);
	out->comm[len] = '\0';
	out->pid = (int)strtol(dash + 1, &end, 10);
	if (end == dash + 1)
		return -1;

	/* After "] ": the flags (optional), then "SECONDS.MICROS: ". */
	p = strchr(cpu, ']') + 1;
	for (;;) {
		p += strspn(p, " ");
		if (!*p || *p == '\n')
			return -1;
		const char *tok = p;

		p += strcspn(p, " \n");
		if (p[-1] != ':' || p - tok < 4)
			continue;
		out->ts = strtod(tok, &end);
		if (end == p - 1)
			break;
	}

	p += strspn(p, " ");
	name_end = strchr(p, ':');
	if (!name_end || name_end == p)
		return -1;
	len = name_end - p;
	if (len >= sizeof(out->name))
		return -1;
	memcpy(out->name, p, len);
	out->name[len] = '\0';
	out->fields = name_end + 1 + strspn(name_end + 1, " ");
	return 0;
}

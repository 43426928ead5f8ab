// SPDX-License-Identifier: GPL-2.0
/*
 * summary.c - tells the kernel's events in order, in a few lines.
 *
 * Key events (the kill, the reaper) get a line each. Between two key
 * events, the events of each group are one line: "direct reclaim x1234
 * by 2 tasks (oom), 5678 pages reclaimed, longest 12.3 ms", at the
 * time of its first event with the time of its last. Direct reclaim
 * begin and end are paired per task for the durations. The lines are
 * in the reader's language; event and field names stay the kernel's.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "i18n.h"
#include "summary.h"

#define MAX_TASKS	16
#define MAX_NAMES	8

/* A run of one group's events being gathered. */
struct run {
	const char *group;
	double t0, t1;
	size_t count;
	/* per event name, for the plain groups (kswapd, compaction) */
	const char *names[MAX_NAMES];
	size_t name_count[MAX_NAMES];
	int nnames;
	/* direct reclaim */
	int pids[MAX_TASKS];
	double began[MAX_TASKS];
	int ntasks;
	char comm[32];
	double reclaimed, longest;
	size_t begins, unmatched, paired;
	/* retries: the last detail per zone, the largest loop count */
	const char *last_detail;
	const char *zone_detail[MAX_NAMES];
	char zones[MAX_NAMES][16];
	int nzones;
	double max_loops;
};

/*
 * Copy the value of "key=value" (or "key:value") in @detail into @out:
 * up to the next space. False if the key is not there.
 */
bool event_field(const char *detail, const char *key, char *out,
		 size_t size)
{
	size_t klen = strlen(key), n;
	const char *p = detail;

	while ((p = strstr(p, key)) != NULL) {
		if (p == detail || p[-1] == ' ') {
			p += klen;
			p += strspn(p, " ");
			n = strcspn(p, " ");
			if (n >= size)
				n = size - 1;
			memcpy(out, p, n);
			out[n] = '\0';
			return true;
		}
		p += klen;
	}
	return false;
}

/* The number after @key in @detail ("anon-rss=123kB" gives 123), or NAN. */
double event_number(const char *detail, const char *key)
{
	char buf[64], *end;
	double v;

	if (!event_field(detail, key, buf, sizeof(buf)))
		return NAN;
	v = strtod(buf, &end);
	return end == buf ? NAN : v;
}

/* The short name of an event: "oom:mark_victim" -> "mark_victim". */
static const char *short_name(const char *name)
{
	const char *colon = strchr(name, ':');

	name = colon ? colon + 1 : name;
	if (!strncmp(name, "mm_compaction_", 14))
		return name + 14;
	if (!strncmp(name, "mm_vmscan_", 10))
		return name + 10;
	return name;
}

/* Count one more event called @name in @r's per-name table. */
static void count_name(struct run *r, const char *name)
{
	int i;

	for (i = 0; i < r->nnames; i++)
		if (!strcmp(r->names[i], name)) {
			r->name_count[i]++;
			return;
		}
	if (r->nnames < MAX_NAMES) {
		r->names[r->nnames] = name;
		r->name_count[r->nnames++] = 1;
	}
}

/* Add a direct reclaim begin or end to its run. */
static void add_reclaim(struct run *r, const struct event *ev)
{
	bool begin = strstr(ev->name, "_begin") != NULL;
	int i;

	for (i = 0; i < r->ntasks && r->pids[i] != ev->pid; i++)
		;
	if (i == r->ntasks && r->ntasks < MAX_TASKS) {
		r->pids[r->ntasks] = ev->pid;
		r->began[r->ntasks++] = NAN;
	}
	if (!r->comm[0])
		snprintf(r->comm, sizeof(r->comm), "%s", ev->comm);
	if (begin) {
		r->begins++;
		if (i < r->ntasks)
			r->began[i] = ev->t;
		return;
	}
	if (!isnan(event_number(ev->detail, "nr_reclaimed=")))
		r->reclaimed += event_number(ev->detail, "nr_reclaimed=");
	if (i < r->ntasks && !isnan(r->began[i])) {
		if (ev->t - r->began[i] > r->longest)
			r->longest = ev->t - r->began[i];
		r->began[i] = NAN;
		r->paired++;
	} else {
		r->unmatched++;	/* begun before this run */
	}
}

/* Keep the last reclaim_retry_zone event of each zone. */
static void add_retry(struct run *r, const struct event *ev)
{
	char zone[16] = "?";
	int i;

	event_field(ev->detail, "zone=", zone, sizeof(zone));
	for (i = 0; i < r->nzones && strcmp(r->zones[i], zone); i++)
		;
	if (i == r->nzones) {
		if (r->nzones == MAX_NAMES)
			return;
		snprintf(r->zones[r->nzones++], sizeof(r->zones[0]), "%s", zone);
	}
	r->zone_detail[i] = ev->detail;
}

/* Add an event to its group's run. */
static void add_to_run(struct run *r, const struct event *ev)
{
	double loops;

	if (!r->count)
		r->t0 = ev->t;
	r->t1 = ev->t;
	r->count++;
	r->last_detail = ev->detail;
	loops = event_number(ev->detail, "no_progress_loops=");
	if (!isnan(loops) && loops > r->max_loops)
		r->max_loops = loops;
	if (!strcmp(r->group, "direct reclaim"))
		add_reclaim(r, ev);
	else if (!strcmp(r->group, "reclaim_retry_zone"))
		add_retry(r, ev);
	else
		count_name(r, short_name(ev->name));
}

/*
 * The text of a reclaim_retry_zone run: each zone's last verdict, and
 * how many rounds without progress (16, MAX_RECLAIM_RETRIES, ends in
 * the OOM killer).
 */
static void retry_text(const struct run *r, char *out, size_t size)
{
	size_t len;
	int i;

	/*
	 * TRANSLATORS: the zones follow, each after a space (the first)
	 * or after the translation of "; ".
	 */
	len = snprintf(out, size, _("oom:reclaim_retry_zone x%zu, last:"),
		       r->count);
	for (i = 0; i < r->nzones && len < size; i++) {
		const char *d = r->zone_detail[i];
		char check[8] = "?";

		event_field(d, "wmark_check=", check, sizeof(check));
		len += snprintf(out + len, size - len, "%s",
				/* TRANSLATORS: between two items of a list */
				i ? _("; ") : " ");
		if (len >= size)
			break;
		len += snprintf(out + len, size - len,
				/*
				 * TRANSLATORS: a zone's last verdict: the
				 * zone, the free pages it could use, its min
				 * watermark (pages), wmark_check (the
				 * kernel's field)
				 */
				_("%s available %.0f min %.0f wmark_check=%s"),
				r->zones[i], event_number(d, "available="),
				event_number(d, "min_wmark="), check);
	}
	if (len < size && r->max_loops >= 16)
		/* TRANSLATORS: 16 is the kernel's MAX_RECLAIM_RETRIES */
		snprintf(out + len, size - len,
			 _("; no_progress_loops up to %.0f (the limit)"),
			 r->max_loops);
	else if (len < size)
		snprintf(out + len, size - len,
			 _("; no_progress_loops up to %.0f"), r->max_loops);
}

/* The zones that reclaim_retry_zone events named before @t. */
size_t retry_zones(const struct timeline *tl, double t, char (*zones)[16],
		   size_t max)
{
	size_t n = 0, e, i;
	char zone[16];

	for (e = 0; e < tl->nevents && tl->ev[e].t <= t; e++) {
		if (strcmp(tl->ev[e].name, "oom:reclaim_retry_zone") ||
		    !event_field(tl->ev[e].detail, "zone=", zone, sizeof(zone)))
			continue;
		for (i = 0; i < n && strcmp(zones[i], zone); i++)
			;
		if (i == n && n < max)
			snprintf(zones[n++], sizeof(zones[0]), "%s", zone);
	}
	return n;
}

/* Write the line of a finished run into @l. */
static void run_text(const struct run *r, struct summary_line *l)
{
	size_t len = 0;
	int i;

	l->t0 = r->t0;
	l->t1 = r->t1;
	l->count = r->count;
	l->kill = false;
	if (!strcmp(r->group, "direct reclaim")) {
		len = snprintf(l->text, sizeof(l->text),
			       /*
				* TRANSLATORS: how many direct reclaims, the
				* first task's name, how many tasks, the pages
				* they reclaimed
				*/
			       ngettext("direct reclaim x%zu by %s (%d task): %.0f pages",
					"direct reclaim x%zu by %s (%d tasks): %.0f pages",
					r->ntasks),
			       r->begins + r->unmatched, r->comm, r->ntasks,
			       r->reclaimed);
		if (r->paired && len < sizeof(l->text))
			snprintf(l->text + len, sizeof(l->text) - len,
				 _(", longest %.1f ms"), r->longest * 1e3);
		return;
	}
	if (!strcmp(r->group, "reclaim_retry_zone")) {
		retry_text(r, l->text, sizeof(l->text));
		return;
	}
	if (!strcmp(r->group, "compact_retry")) {
		/* TRANSLATORS: how many, then the kernel's last detail */
		snprintf(l->text, sizeof(l->text),
			 _("oom:compact_retry x%zu: %s"), r->count,
			 r->last_detail);
		return;
	}
	len = snprintf(l->text, sizeof(l->text), "%s",
		       !strcmp(r->group, "compaction") ? _("compaction") :
		       r->group);
	for (i = 0; i < r->nnames && len < sizeof(l->text); i++) {
		const char *what = r->names[i];

		if (!strcmp(what, "kswapd_wake"))
			/* TRANSLATORS: what kswapd did, then "xN" */
			what = _("woke");
		else if (!strcmp(what, "kswapd_sleep"))
			what = _("slept");
		len += snprintf(l->text + len, sizeof(l->text) - len,
				"%s%s x%zu",
				/* TRANSLATORS: between two items of a list */
				i ? _(", ") : " ", what, r->name_count[i]);
	}
}

/* Write the line of a key event (the kill, the reaper) into @l. */
static void key_text(const struct event *ev, struct summary_line *l)
{
	l->t0 = l->t1 = ev->t;
	l->count = 1;
	l->kill = !strcmp(ev->name, "oom:mark_victim");
	if (l->kill) {
		double pid = event_number(ev->detail, "pid=");
		double rss = event_number(ev->detail, "anon-rss=");
		char comm[32] = "?";

		event_field(ev->detail, "comm=", comm, sizeof(comm));
		snprintf(l->text, sizeof(l->text),
			 /* TRANSLATORS: the victim's pid and name, anon-rss */
			 _("oom:mark_victim: kills pid %.0f (%s), anon-rss %.0f MiB"),
			 pid, comm, rss / 1024);
		return;
	}
	snprintf(l->text, sizeof(l->text), "%s %s", ev->name, ev->detail);
}

/* qsort() order of lines: by first time. */
static int line_cmp(const void *a, const void *b)
{
	const struct summary_line *x = a, *y = b;

	return (x->t0 > y->t0) - (x->t0 < y->t0);
}

/*
 * Close every open run into lines of @out (from *@n, at most @max), in
 * the order of their first events.
 */
static void flush(struct run *runs, int *nruns, struct summary_line *out,
		  size_t *n, size_t max)
{
	size_t first = *n;
	int i;

	for (i = 0; i < *nruns && *n < max; i++)
		run_text(&runs[i], &out[(*n)++]);
	qsort(out + first, *n - first, sizeof(*out), line_cmp);
	*nruns = 0;
}

/*
 * Tell @tl's events in at most @max lines of @out, in time order.
 * Returns how many lines were written.
 */
size_t summarize_events(const struct timeline *tl, struct summary_line *out,
			size_t max)
{
	static struct run runs[16];
	const struct event_kind *k;
	int nruns = 0, i;
	size_t n = 0, e;

	for (e = 0; e < tl->nevents && n < max; e++) {
		const struct event *ev = &tl->ev[e];

		k = event_kind_find(ev->name);
		if (!k || !k->group) {
			flush(runs, &nruns, out, &n, max);
			if (n < max)
				key_text(ev, &out[n++]);
			continue;
		}
		for (i = 0; i < nruns && strcmp(runs[i].group, k->group); i++)
			;
		if (i == nruns) {
			if (nruns == (int)(sizeof(runs) / sizeof(runs[0])))
				continue;
			memset(&runs[nruns], 0, sizeof(runs[0]));
			runs[nruns++].group = k->group;
		}
		add_to_run(&runs[i], ev);
	}
	flush(runs, &nruns, out, &n, max);
	return n;
}

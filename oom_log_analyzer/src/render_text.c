// SPDX-License-Identifier: GPL-2.0
/*
 * render_text.c - one event explained for a student, about a screen long:
 * who asked for what, why no zone could give it, who was killed and why,
 * what that freed, and whether the machine survived.
 */
#include "render.h"

#include <stdarg.h>
#include <string.h>

#include "badness.h"
#include "gfp.h"
#include "sat.h"
#include "layout.h"
#include "watermark.h"

#define LABEL "%-10s "
#define INDENT "           "
#define BAR_W 24

struct style {
	const char *bold, *red, *yellow, *green, *dim, *off;
};

static const struct style plain = { "", "", "", "", "", "" };
static const struct style ansi = {
	"\033[1m", "\033[31m", "\033[33m", "\033[32m", "\033[2m", "\033[0m"
};

static const char *const kind_titles[] = {
	[EV_OOM] = "global OOM (system out of memory)",
	[EV_MEMCG] = "memory cgroup OOM (a cgroup hit its limit)",
	[EV_ALLOC_FAIL] = "page allocation failure (no OOM kill)",
};

/* human: kB as "980 kB", "615.3 MiB" or "4.0 GiB"; "?" for NONE. */
static const char *human(char *buf, size_t cap, long long kb)
{
	if (kb == NONE)
		snprintf(buf, cap, "?");
	else if (kb < 10 * 1024)
		snprintf(buf, cap, "%lld kB", kb);
	else if (kb < 1024 * 1024)
		snprintf(buf, cap, "%.1f MiB", (double)kb / 1024);
	else
		snprintf(buf, cap, "%.2f GiB", (double)kb / (1024 * 1024));
	return buf;
}

/*
 * wrap: print text from column col, breaking at spaces before column 79;
 * continuation lines start with INDENT. Ends with a newline.
 */
static void wrap(FILE *out, int col, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *e = p, *brk = NULL;

		while (*e && (col + (e - p) < 79 || !brk)) {
			if (*e == ' ')
				brk = e;
			e++;
		}
		if (!*e) {
			fputs(p, out);
			break;
		}
		fwrite(p, 1, (size_t)(brk - p), out);
		fputs("\n" INDENT, out);
		col = (int)strlen(INDENT);
		p = brk + 1;
	}
	fputc('\n', out);
}

/* bar: a bar of BAR_W cells, filled for value / scale. */
static void bar(FILE *out, long long value, long long scale,
		const char *color, const struct style *st)
{
	long long fill = scale > 0 && value > 0 ?
			 (long long)((double)value * BAR_W / (double)scale) : 0;
	int k;

	if (value > 0 && fill == 0)
		fill = 1;
	if (fill > BAR_W)
		fill = BAR_W;
	fputs("|", out);
	fputs(color, out);
	for (k = 0; k < BAR_W; k++)
		fputc(k < fill ? '#' : ' ', out);
	fputs(st->off, out);
	fputs("|", out);
}

/* order_words: what an allocation order means, in words. */
static void order_words(FILE *out, const struct oom_event *ev,
			long long page_kb)
{
	char b[32];

	if (!ev->has_order) {
		fputs("an allocation of unknown order", out);
		return;
	}
	if (ev->manual) {
		fputs("no allocation: a manual OOM (sysrq-f, order -1)", out);
		return;
	}
	if (ev->order < 0) {
		fputs("no allocation (order -1: the OOM came from a page\n"
		      INDENT "fault or a memcg charge, not from one request)",
		      out);
		return;
	}
	if (ev->order == 0) {
		fprintf(out, "an order-0 allocation: one %lld KiB page",
			page_kb);
		return;
	}
	fprintf(out, "an order-%d allocation: %lld contiguous %lld KiB "
		"pages = %s,\n" INDENT "a high-order block", ev->order,
		1LL << ev->order, page_kb,
		human(b, sizeof(b), page_kb << ev->order));
}

/* section_head: the title line of one event. */
static void section_head(FILE *out, const char *file,
			 const struct oom_event *ev, const struct style *st)
{
	const char *base;

	fprintf(out, "%s== event %u: %s%s", st->bold, ev->index + 1,
		ev->manual ? "manual OOM (sysrq-f), no allocation failed" :
		kind_titles[ev->kind], st->off);
	base = strrchr(file, '/');
	fprintf(out, "  [%s]\n", base ? base + 1 : file);
	fprintf(out, LABEL, "When");
	if (ev->time[0])
		fprintf(out, "%s", ev->time);
	if (ev->uptime >= 0)
		fprintf(out, "%s%.6f s after boot", ev->time[0] ? ", " : "",
			ev->uptime);
	if (!ev->time[0] && ev->uptime < 0)
		fputs("no timestamp in the log", out);
	fprintf(out, "\n" LABEL "%s\n", "Kernel",
		ev->kernel[0] ? ev->kernel : "not in the log");
}

/* invoker: who asked, for what, with which gfp_mask. */
static void invoker(FILE *out, const struct oom_event *ev,
		    const struct gfp_info *g, long long page_kb,
		    const struct style *st)
{

	fprintf(out, LABEL, "Invoker");
	if (ev->inv_comm[0] || ev->inv_pid != NONE) {
		fprintf(out, "%s%s%s (pid ", st->bold,
			ev->inv_comm[0] ? ev->inv_comm : "?", st->off);
		if (ev->inv_pid != NONE)
			fprintf(out, "%lld", ev->inv_pid);
		else
			fputs("?", out);
		if (ev->inv_adj != ADJ_NONE)
			fprintf(out, ", oom_score_adj %d", ev->inv_adj);
		fputs(") asked for\n" INDENT, out);
		order_words(out, ev, page_kb);
		fputc('\n', out);
	} else {
		fputs(ev->began_before ? "not in the log: the report began "
		      "before the log starts\n" : "not in the log\n", out);
	}
	if (!ev->has_gfp)
		return;
	fprintf(out, LABEL "%s", "GFP", ev->gfp_hex);
	if (g->known) {
		char desc[256];

		fprintf(out, " = %s", g->names[0] ? g->names : "no flags");
		if (g->inferred)
			fprintf(out, "\n" INDENT "%sinferred: %s%s", st->dim,
				g->why, st->off);
		gfp_describe(g->sem, desc, sizeof(desc));
		fputs("\n" INDENT, out);
		wrap(out, (int)strlen(INDENT), desc);
	} else {
		fprintf(out, " (%s)\n", g->why);
	}
}

/* path: where the allocation came from, from the call trace. */
static void path(FILE *out, const struct oom_event *ev)
{
	const struct trace *t = &ev->trace;
	char text[200];
	int n = 0;

	if (!t->site[0] && !t->page_fault && !t->module[0]) {
		/* never an address or a timestamp in place of a function */
		fprintf(out, LABEL "unknown (%s)\n", "Path", t->frames ?
			"the call trace names no caller" :
			"no call trace in the log");
		return;
	}
	text[0] = '\0';
	if (t->site[0])
		n += snprintf(text + n, sizeof(text) - (size_t)n, "%s",
			      t->site);
	if (t->module[0] && (size_t)n < sizeof(text))
		n += snprintf(text + n, sizeof(text) - (size_t)n,
			      " in module [%s]", t->module);
	if (t->page_fault && (size_t)n < sizeof(text))
		n += snprintf(text + n, sizeof(text) - (size_t)n,
			      "%spage fault (user memory being touched)",
			      n ? ", on a " : "a ");
	if (t->memcg_charge && (size_t)n < sizeof(text))
		snprintf(text + n, sizeof(text) - (size_t)n,
			 ", charging a memory cgroup");
	fprintf(out, LABEL, "Path");
	wrap(out, 11, text);
}

/* old_kernel: 1 when the event's kernel is known to be before maj.min. */
static int old_kernel(const struct oom_event *ev, int maj, int min)
{
	int a, b;

	if (kernel_version_num(ev->kernel, &a, &b) < 0)
		return 0;
	return a < maj || (a == maj && b < min);
}

/* scope: constraint, memcg usage and limit. */
static void scope(FILE *out, const struct oom_event *ev,
		  const struct style *st)
{
	if (ev->kind == EV_ALLOC_FAIL)
		return;
	fprintf(out, LABEL, "Scope");
	if (ev->constraint[0])
		fprintf(out, "%s: ", ev->constraint);
	if (ev->kind == EV_MEMCG) {
		fprintf(out, "memory cgroup %s",
			ev->oom_memcg[0] ? ev->oom_memcg :
			ev->task_memcg[0] ? ev->task_memcg : "?");
		if (ev->has_memcg) {
			int full = ev->memcg_usage_kb >= ev->memcg_limit_kb;
			char a[32], b[32];

			fprintf(out, "\n" INDENT "usage %s%s%s of limit %s",
				full ? st->red : "",
				human(a, sizeof(a), ev->memcg_usage_kb),
				st->off,
				human(b, sizeof(b), ev->memcg_limit_kb));
			if (ev->memcg_failcnt != NONE)
				fprintf(out, ", limit hit %lld times",
					ev->memcg_failcnt);
		}
		fputs("\n" INDENT "only its tasks are candidates\n", out);
		return;
	}
	if (strcmp(ev->constraint, "CONSTRAINT_CPUSET") == 0)
		fprintf(out, "the cpuset %s ran out: eligible are the tasks\n"
			INDENT "whose allowed nodes intersect its nodes, members"
			" or not", ev->cpuset[0] ? ev->cpuset : "?");
	else if (strcmp(ev->constraint, "CONSTRAINT_MEMORY_POLICY") == 0)
		fputs("a NUMA mempolicy's nodes ran out", out);
	else if (ev->constraint[0])
		fputs("the whole machine", out);
	else if (old_kernel(ev, 5, 0))
		fputs("not printed (kernel < 5.0): the whole machine", out);
	else
		fputs("not in the log", out);
	if (ev->task_memcg[0])
		fprintf(out, "\n" INDENT "victim's cgroup %s", ev->task_memcg);
	fputc('\n', out);
}

/* cell: the bar cell of value on a scale, clamped to 0..max. */
static int cell(long long value, double scale, int max)
{
	double c = (double)value * max / scale;

	if (c < 0)
		return 0;
	return c > max ? max : (int)c;
}

/* zone_bar: free memory against the three watermarks, as a bar. */
static void zone_bar(FILE *out, const struct zone *z, const char *color,
		     const struct style *st)
{
	double scale = (double)z->high_kb * 1.25;
	char cells[BAR_W + 1];
	int k, pos, over = 0;

	if (scale < 1)
		scale = 1;
	pos = cell(z->free_kb, scale, BAR_W);
	over = (double)z->free_kb > scale;
	for (k = 0; k < BAR_W; k++)
		cells[k] = k < pos ? '#' : '.';
	cells[BAR_W] = '\0';
	cells[cell(z->min_kb, scale, BAR_W - 1)] = 'm';
	cells[cell(z->low_kb, scale, BAR_W - 1)] = 'l';
	cells[cell(z->high_kb, scale, BAR_W - 1)] = 'h';
	fprintf(out, "|%s%s%s%c", color, cells, st->off, over ? '>' : '|');
}

/* Zone names sorted by why they could not serve, for the verdict. */
struct why_zones {
	char below_s[64];		/* free below (lowered) min */
	char cma[64];		/* above min only counting CMA */
	char atomic[64];	/* above min only counting the highatomic */
	char reserve[64];	/* above min, held back by lowmem_reserve */
	char order[64];		/* order pages tip it under */
	char unknown[64];	/* floor unknown: reserve not readable */
	char noblock[64];	/* above floor, no free block of the order */
	char noorder[64];	/* above floor, block unknown */
	const char *unknown_why;
	int allowed, below, above, blocks;
	long long margin;	/* smallest usable - floor, if small */
};

/* add_zone: append a zone name to one of the lists. */
static void add_zone(char *list, size_t cap, const char *name)
{
	size_t n = strlen(list);

	if (strstr(list, name))
		return;
	snprintf(list + n, cap - n, "%s%s", n ? ", " : "", name);
}

/* cat: append formatted text to buf, never past its end. */
static __attribute__((format(printf, 3, 4)))
void cat(char *buf, size_t cap, const char *fmt, ...)
{
	size_t n = strlen(buf);
	va_list ap;

	if (n + 1 >= cap)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + n, cap - n, fmt, ap);
	va_end(ap);
}

/* sort_zone: file a zone under the reason of its verdict. */
static void sort_zone(struct why_zones *w, const struct zone *z,
		      const struct zone_verdict *v)
{
	if (!v->allowed)
		return;
	w->allowed++;
	if (v->below == 1) {
		long long f = v->floor_kb != NONE ? v->floor_kb : v->min_kb;

		w->below++;
		if (z->free_kb <= v->min_kb)
			add_zone(w->below_s, sizeof(w->below_s), z->name);
		else if (v->cma_kb && z->free_kb - v->cma_kb <= f)
			add_zone(w->cma, sizeof(w->cma), z->name);
		else if (v->atomic_kb &&
			 z->free_kb - v->cma_kb - v->atomic_kb <= f)
			add_zone(w->atomic, sizeof(w->atomic), z->name);
		else if (v->reserve_kb > 0 &&
			 v->usable_kb + v->order_kb > v->min_kb)
			add_zone(w->reserve, sizeof(w->reserve), z->name);
		else
			add_zone(w->order, sizeof(w->order), z->name);
		return;
	}
	if (v->below < 0) {
		add_zone(w->unknown, sizeof(w->unknown), z->name);
		w->unknown_why = v->reserve_why;
		return;
	}
	w->above++;
	if (v->block == 1) {
		long long m = v->usable_kb - v->floor_kb;

		w->blocks++;
		if (m <= v->floor_kb / 10 + 1024 &&
		    (w->margin < 0 || m < w->margin))
			w->margin = m;
	} else if (v->block == 0) {
		add_zone(w->noblock, sizeof(w->noblock), z->name);
	} else {
		add_zone(w->noorder, sizeof(w->noorder), z->name);
	}
}

/* verdict: one wrapped sentence on why no zone could serve. */
static void verdict(FILE *out, const struct oom_event *ev,
		    const struct why_zones *w)
{
	char t[768];

	t[0] = '\0';
	if (ev->manual) {
		cat(t, sizeof(t), "no allocation failed: a manual OOM (sysrq-f)"
		    " kills by badness whatever the zones hold.");
	} else if (ev->has_order && ev->order < 0) {
		cat(t, sizeof(t), "order -1: no single request to test against "
		    "the zones (a page fault or memcg charge gave up).");
	} else if (!w->allowed) {
		cat(t, sizeof(t), "no zone the request may use was printed.");
	} else if (w->below == w->allowed) {
		cat(t, sizeof(t), "no zone could serve the request:");
		if (w->below_s[0])
			cat(t, sizeof(t), " %s below min;", w->below_s);
		if (w->cma[0])
			cat(t, sizeof(t), " %s above min only thanks to CMA, "
			    "which only movable requests may use;", w->cma);
		if (w->atomic[0])
			cat(t, sizeof(t), " %s above min only thanks to the "
			    "high-atomic reserve, not this request's;",
			    w->atomic);
		if (w->reserve[0])
			cat(t, sizeof(t), " %s held back by lowmem_reserve "
			    "for allocations that only lower zones can serve;",
			    w->reserve);
		if (w->order[0])
			cat(t, sizeof(t), " %s under the floor once the "
			    "order's pages are counted;", w->order);
		cat(t, sizeof(t), " %s", ev->kind == EV_ALLOC_FAIL ?
		    "reclaim did not help, so the allocation failed." :
		    "reclaim did not help, so the kernel turned to the OOM "
		    "killer.");
	} else if (w->unknown[0] && !w->above) {
		cat(t, sizeof(t), "cannot tell: %s above min but its floor is "
		    "unknown (%s).", w->unknown, w->unknown_why ?
		    w->unknown_why : "data missing");
	} else if (w->noblock[0] && !w->blocks && !w->noorder[0]) {
		cat(t, sizeof(t), "%s above the floor but with no free block "
		    "of order %d of a usable type: the failure was about "
		    "fragmentation.", w->noblock, ev->order);
	} else if (w->noorder[0] && !w->blocks) {
		cat(t, sizeof(t), "%s above the floor; the log has no buddy "
		    "lists with migratetypes, so there is no basis to say "
		    "whether a free block of order %d existed.", w->noorder,
		    ev->order);
	} else if (w->margin >= 0) {
		cat(t, sizeof(t), "%d zone(s) only just above their floor (by "
		    "%lld kB): the report is printed after the decision, "
		    "while other CPUs keep allocating and freeing; reclaim "
		    "had stopped making progress.", w->above, w->margin);
	} else {
		cat(t, sizeof(t), "%d zone(s) still above their floor: the "
		    "failure was about a limit or placement rule (cpuset, "
		    "mempolicy), or memory freed after the decision.",
		    w->above);
	}
	if (w->unknown[0] && w->above)
		cat(t, sizeof(t), " (%s: floor unknown)", w->unknown);
	wrap(out, 11, t);
}

/* zone_lines: the numbers behind one zone's verdict. */
static void zone_lines(FILE *out, const struct zone *z,
		       const struct zone_verdict *v, int order,
		       const char *color, const struct style *st)
{
	char t[256];

	if (v->floor_kb != NONE)
		fprintf(out, "%-17s %susable %lld kB %s floor %lld kB%s", "",
			color, v->usable_kb, v->below ? "<=" : ">",
			v->floor_kb, st->off);
	else
		fprintf(out, "%-17s %susable %lld kB, floor unknown%s", "",
			color, v->usable_kb, st->off);
	if (v->cma_kb || v->atomic_kb || v->order_kb) {
		fprintf(out, " (free %lld", z->free_kb);
		if (v->cma_kb)
			fprintf(out, " - CMA %lld", v->cma_kb);
		if (v->atomic_kb)
			fprintf(out, " - highatomic %lld", v->atomic_kb);
		if (v->order_kb)
			fprintf(out, " - order %lld", v->order_kb);
		fputc(')', out);
	}
	fputc('\n', out);
	t[0] = '\0';
	if (v->min_why)
		cat(t, sizeof(t), "min %lld lowered to %lld: %s", z->min_kb,
		    v->min_kb, v->min_why);
	if (v->reserve_kb > 0)
		cat(t, sizeof(t), "%sfloor = min %lld + lowmem_reserve[%d] %lld",
		    t[0] ? "; " : "", v->min_kb, v->reserve_index,
		    v->reserve_kb);
	else if (v->reserve_kb == NONE && !v->no_wmark)
		cat(t, sizeof(t), "%slowmem_reserve unknown: %s",
		    t[0] ? "; " : "", v->reserve_why);
	if (t[0]) {
		fprintf(out, "%-17s ", "");
		wrap(out, 18, t);
	}
	if (v->order_free_kb != NONE)
		fprintf(out, "%-17s free in blocks >= order %d: %lld kB\n", "",
			order, v->order_free_kb);
}

/* zones: each zone's free memory, watermarks and verdict. */
static void zones(FILE *out, const struct oom_event *ev,
		  const struct gfp_info *g, const struct badness *b,
		  const struct style *st)
{
	static const char *const level_words[] = {
		"above high", "below high", "below low", "BELOW MIN"
	};
	struct why_zones w;
	struct layout_set ls;
	struct wm_request rq;
	char f[32], name[24];
	int k;

	if (!ev->nzones) {
		if (ev->kind != EV_MEMCG)
			fprintf(out, LABEL "not in the log\n", "Zones");
		return;
	}
	memset(&w, 0, sizeof(w));
	w.margin = -1;
	layouts_possible(ev, &ls);
	wm_request_of(ev, g->known ? g->sem : 0, g->known, b->page_kb, &rq);
	fprintf(out, LABEL "%s# = free, m l h = min low high watermark, "
		"page %lld KiB%s\n", "Zones", st->dim, b->page_kb, st->off);
	for (k = 0; k < ev->nzones; k++) {
		const struct zone *z = &ev->zones[k];
		struct zone_verdict v;
		const char *color;

		zone_verdict(z, &ls, &rq, &v);
		color = v.below == 1 ? st->red : v.level >= 2 ? st->yellow :
			st->green;
		if (z->node >= 0)
			snprintf(name, sizeof(name), "Node %d %s", z->node,
				 z->name);
		else
			snprintf(name, sizeof(name), "%s", z->name);
		fprintf(out, "  %-14s %9s ", name,
			human(f, sizeof(f), z->free_kb));
		zone_bar(out, z, color, st);
		fprintf(out, " %s%s%s\n", color, level_words[v.level], st->off);
		if (!v.allowed) {
			fprintf(out, "%-17s not allowed for this request\n",
				"");
			continue;
		}
		if (rq.order < 0 || ev->manual)
			continue;
		sort_zone(&w, z, &v);
		zone_lines(out, z, &v, rq.order, color, st);
	}
	fprintf(out, "  %sVerdict%s ", st->bold, st->off);
	verdict(out, ev, &w);
}

/* swap: total and free swap. */
static void swap(FILE *out, const struct oom_event *ev,
		 const struct style *st)
{
	char a[32];

	if (ev->swap_total_kb == NONE)
		return;
	fprintf(out, LABEL, "Swap");
	if (ev->swap_total_kb == 0) {
		fputs("none configured: anonymous memory cannot be paged out"
		      "\n", out);
	} else {
		char b[32];

		fprintf(out, "%s%s%s free of %s\n",
			ev->swap_free_kb == 0 ? st->red : "",
			human(a, sizeof(a), ev->swap_free_kb), st->off,
			human(b, sizeof(b), ev->swap_total_kb));
	}
	if (ev->hugetlb_kb > 0)
		fprintf(out, LABEL "%s held in hugetlb pages (not available "
			"to normal allocations)\n", "Hugetlb",
			human(a, sizeof(a), ev->hugetlb_kb));
}

/* tasks: table size, unkillable tasks and the largest by rss. */
static void tasks(FILE *out, const struct oom_event *ev,
		  const struct badness *b)
{
	char r[32], s[32];
	int k;

	if (!ev->has_table)
		return;
	fprintf(out, LABEL "%d in the table", "Tasks", ev->ntasks);
	if (ev->truncated & TRUNC_TASKS)
		fprintf(out, " (only the first %d kept)", MAX_TASKS);
	if (b->nunkillable) {
		int shown = 0;

		fprintf(out, "; %d never chosen (oom_score_adj -1000):\n"
			INDENT, b->nunkillable);
		for (k = 0; k < ev->ntasks && shown < 4; k++) {
			if (ev->tasks[k].adj != -1000)
				continue;
			fprintf(out, "%s%s %lld", shown ? ", " : "",
				ev->tasks[k].comm, ev->tasks[k].pid);
			shown++;
		}
		if (b->nunkillable > shown)
			fputs(" ...", out);
	}
	fprintf(out, "\n  %-8s %7s %10s %10s %5s  %s\n", "Top rss", "pid",
		"rss", "swap", "adj", "comm");
	for (k = 0; k < b->ntop_rss; k++) {
		const struct task *t = &ev->tasks[b->top_rss[k].task];

		fprintf(out, "  %-8s %7lld %10s %10s ", "", t->pid,
			human(r, sizeof(r), t->rss < 0 ? NONE :
			      sat_mul(t->rss, b->page_kb)),
			human(s, sizeof(s), t->swapents < 0 ? NONE :
			      sat_mul(t->swapents, b->page_kb)));
		if (t->adj == ADJ_NONE)
			fprintf(out, "%5s", "?");
		else
			fprintf(out, "%5d", t->adj);
		fprintf(out, "  %s\n", t->comm);
	}
}

/* ranking: the badness ranking with bars. */
static void ranking(FILE *out, const struct oom_event *ev,
		    const struct badness *b, const struct style *st)
{
	int k, in_top = 0;

	if (!ev->has_table || !b->ntop)
		return;
	fprintf(out, LABEL, "Badness");
	wrap(out, 11, badness_rule_text(b->rule));
	if (b->rule_assumed)
		fprintf(out, INDENT "%s(no kernel version: the newest rule "
			"assumed)%s\n", st->dim, st->off);
	if (ev->allocating_task) {
		fputs(INDENT "vm.oom_kill_allocating_task=1: the allocating "
		      "task is\n" INDENT "killed, no ranking.\n", out);
		return;
	}
	if (b->rule == BR_HEURISTIC) {
		fputs(INDENT "this kernel ranked by that heuristic, which the "
		      "table\n" INDENT "cannot redo: no ranking by rss.\n",
		      out);
		return;
	}
	if (b->totalpages > 0) {
		char text[200];

		snprintf(text, sizeof(text), "totalpages %lld = %s (%lld KiB "
			 "pages)", b->totalpages, b->total_src, b->page_kb);
		fprintf(out, INDENT "%s", st->dim);
		wrap(out, 11, text);
		fputs(st->off, out);
	}
	if (!b->have_swap_col || !b->have_pgt_col)
		fprintf(out, INDENT "%sno %s column in this kernel's table: "
			"ranked without\n" INDENT "it%s\n", st->yellow,
			!b->have_swap_col && !b->have_pgt_col ?
			"swap or page-table" : !b->have_swap_col ? "swap" :
			"page-table", st->off);
	for (k = 0; k < b->ntop; k++) {
		const struct task *t = &ev->tasks[b->top[k].task];
		int mark = b->top[k].task == b->chosen;

		in_top |= mark;
		fprintf(out, "  %d. %-16.16s %7lld %9lld ", k + 1, t->comm,
			t->pid, b->top[k].points);
		bar(out, b->top[k].points, b->top[0].points,
		    mark ? st->red : "", st);
		fprintf(out, "%s\n", mark ? "  <- chosen" : "");
	}
	if (!in_top && b->chosen >= 0 && b->chosen_points != NONE)
		fprintf(out, "  %d. %-16.16s %7lld %9lld  <- chosen\n",
			b->chosen_rank, ev->tasks[b->chosen].comm,
			ev->tasks[b->chosen].pid, b->chosen_points);
}

/*
 * is_thread_of: pid is a thread of process tgid rather than a child of
 * its own: the table has no row of its own for it, or its row's tgid is
 * tgid (the kernel reports the thread that still holds the mm).
 */
static int is_thread_of(const struct oom_event *ev, long long pid,
			long long tgid)
{
	int k;

	if (!ev->has_table)
		return 0;
	for (k = 0; k < ev->ntasks; k++)
		if (ev->tasks[k].pid == pid)
			return ev->tasks[k].tgid == tgid;
	return 1;
}

/* why: why this task, with the score check. */
static void why(FILE *out, const struct oom_event *ev,
		const struct badness *b, const struct style *st)
{
	const struct victim *v = &ev->victim;

	if (ev->chosen_pid != NONE && v->has && ev->chosen_pid != v->pid) {
		if (is_thread_of(ev, v->pid, ev->chosen_pid))
			fprintf(out, INDENT "The kernel chose %s (pid %lld); "
				"pid %lld is one of its\n" INDENT "threads, "
				"the one that still held the memory map.\n",
				ev->chosen_comm, ev->chosen_pid, v->pid);
		else
			fprintf(out, INDENT "The kernel chose %s (pid %lld) "
				"and killed its child\n" INDENT "%s (pid "
				"%lld) instead: older kernels sacrifice\n"
				INDENT "a child with its own memory first.\n",
				ev->chosen_comm, ev->chosen_pid, v->comm,
				v->pid);
	}
	if (ev->allocating_task) {
		fputs(INDENT "Why: it was allocating (oom_kill_allocating_task)"
		      ".\n", out);
		return;
	}
	if (b->rule == BR_HEURISTIC) {
		fputs(INDENT "Why: the 2.6.32-35 heuristic (see Badness).\n",
		      out);
		return;
	}
	if (!ev->has_table) {
		fputs(INDENT "Why: no task table in the log to rank.\n", out);
		return;
	}
	if (b->chosen < 0) {
		fputs(INDENT "Why: the chosen task is not in the task table."
		      "\n", out);
		return;
	}
	if (b->chosen_points == NONE) {
		fprintf(out, INDENT "%sWhy: it has oom_score_adj -1000 and "
			"should never be chosen.%s\n", st->red, st->off);
		return;
	}
	if (b->chosen_rank == 1) {
		char text[256];
		int n;

		n = snprintf(text, sizeof(text), "Why: the highest badness, "
			     "%lld pages of %lld KiB", b->chosen_points,
			     b->page_kb);
		if (b->totalpages > 0 && b->chosen_points <= b->totalpages &&
		    n > 0 && (size_t)n < sizeof(text))
			n += snprintf(text + n, sizeof(text) - (size_t)n,
				      " = %.1f%% of totalpages",
				      100.0 * (double)b->chosen_points /
				      (double)b->totalpages);
		if (b->next >= 0 && n > 0 && (size_t)n < sizeof(text))
			n += snprintf(text + n, sizeof(text) - (size_t)n,
				      "; next %s (pid %lld) with %lld",
				      ev->tasks[b->top[b->next].task].comm,
				      ev->tasks[b->top[b->next].task].pid,
				      b->top[b->next].points);
		if (n > 0 && (size_t)n < sizeof(text))
			snprintf(text + n, sizeof(text) - (size_t)n, ".");
		fputs(INDENT, out);
		wrap(out, (int)strlen(INDENT), text);
	} else {
		fprintf(out, INDENT "%sWhy: the table ranks it #%d: the kernel "
			"saw more than it shows%s\n", st->yellow,
			b->chosen_rank, st->off);
		fprintf(out, INDENT "(swap and page tables if not printed, "
			"memory that changed\n" INDENT "between the dump and "
			"the choice).\n");
	}
	if (ev->score != NONE) {
		fprintf(out, INDENT "Kernel score %lld", ev->score);
		if (b->chosen_score != NONE && ev->kind != EV_MEMCG) {
			long long d = b->chosen_score - ev->score;

			fprintf(out, ", recomputed %lld: %s", b->chosen_score,
				d >= -1 && d <= 1 ? "matches" :
				d >= -10 && d <= 10 ?
				"close (the kernel counted a moment\n" INDENT
				"before the table was printed)" : "differs");
		}
		if (b->totalpages > 0 && b->chosen_rank != 1)
			fprintf(out, "\n" INDENT "(= about %lld pages to the "
				"kernel)",
				sat_mul(ev->score, b->totalpages) / 1000);
		fputs(".\n", out);
	}
}

/* victim: the kill line, its ranking and reasons. */
static void victim(FILE *out, const struct oom_event *ev,
		   const struct badness *b, const struct style *st)
{
	const struct victim *v = &ev->victim;
	char a[32], f[32], s[32], t[32];

	if (ev->kind == EV_ALLOC_FAIL) {
		fprintf(out, LABEL "none: the allocation failed and the caller"
			" got NULL (no OOM kill)\n", "Victim");
		return;
	}
	ranking(out, ev, b, st);
	fprintf(out, LABEL, "Victim");
	if (!v->has) {
		fprintf(out, "%snone%s: %s\n", st->red, st->off,
			ev->no_killable ? "out of memory and no killable "
			"process (all left are unkillable)" : ev->panic ?
			"the report ends in a panic before any kill" :
			"no kill line in the log");
		return;
	}
	fprintf(out, "%s%s%s (pid %lld", st->bold, v->comm[0] ? v->comm :
		"? (comm cut)", st->off, v->pid);
	if (v->uid != NONE)
		fprintf(out, ", uid %lld", v->uid);
	if (v->adj != ADJ_NONE)
		fprintf(out, ", oom_score_adj %d", v->adj);
	fprintf(out, ") killed\n" INDENT "total-vm %s, anon %s, "
		"file %s, shmem %s\n", human(t, sizeof(t),
		v->total_vm_kb), human(a, sizeof(a), v->anon_kb),
		human(f, sizeof(f), v->file_kb), human(s, sizeof(s),
		v->shmem_kb));
	if (ev->nkilled > 1) {
		char list[256];
		int k;

		snprintf(list, sizeof(list), "memory.oom.group: %d tasks "
			 "killed for this OOM:", ev->nkilled);
		for (k = 0; k < ev->nkilled; k++)
			cat(list, sizeof(list), "%s %s %lld", k ? "," : "",
			    ev->killed[k].comm, ev->killed[k].pid);
		fputs(INDENT, out);
		wrap(out, 11, list);
	}
	why(out, ev, b, st);
}

/* freed: kB freed between the kill line and the reaper line. */
static long long freed(long long before, long long after)
{
	if (before == NONE || after == NONE || before < after)
		return 0;
	return before - after;
}

/* reaper: whether the oom_reaper reclaimed the victim's memory. */
static void reaper(FILE *out, const struct oom_event *ev,
		   const struct style *st)
{
	const struct reaper *r = &ev->reaper;
	const struct victim *v = &ev->victim;
	char a[32], pid[48], text[320];
	int n;

	if (!v->has)
		return;
	fprintf(out, LABEL, "Reaper");
	if (!r->has) {
		fputs(old_kernel(ev, 4, 6) ? "none: kernels before 4.6 have "
		      "no oom_reaper\n" : "no oom_reaper line (the victim "
		      "exited by itself,\n" INDENT "or the log ends first)\n",
		      out);
		return;
	}
	if (r->pid != NONE)
		snprintf(pid, sizeof(pid), "pid %lld", r->pid);
	else
		snprintf(pid, sizeof(pid), "pid not readable (line cut)");
	if (!r->reaped) {
		fprintf(out, "%sunable to reap %s%s: the victim's memory stays "
			"until it exits\n", st->yellow, pid, st->off);
		return;
	}
	n = snprintf(text, sizeof(text), "reaped %s: freed %s%s%s "
		     "(anon-rss now ", pid, st->green,
		     r->anon_kb == NONE || v->anon_kb == NONE ?
		     "an unknown amount" : human(a, sizeof(a),
		     sat_add(sat_add(freed(v->anon_kb, r->anon_kb),
				     freed(v->file_kb, r->file_kb)),
			     freed(v->shmem_kb, r->shmem_kb))), st->off);
	if (n > 0 && (size_t)n < sizeof(text))
		cat(text, sizeof(text), r->anon_kb == NONE ?
		    "not readable: line cut" : "%lld kB", r->anon_kb);
	if (r->shmem_kb > 0)
		cat(text, sizeof(text), ", shmem %lld kB stays: shared "
		    "memory outlives its user", r->shmem_kb);
	cat(text, sizeof(text), ")");
	wrap(out, 11, text);
}

/* render_text: explain ev. */
void render_text(FILE *out, const char *file, const struct oom_event *ev,
		 int color)
{
	const struct style *st = color ? &ansi : &plain;
	struct gfp_info g;
	struct badness b;

	gfp_explain(ev->gfp_names, ev->has_gfp, ev->gfp, ev->kernel, &g);
	badness_analyze(ev, &b);
	section_head(out, file, ev, st);
	invoker(out, ev, &g, b.page_kb, st);
	path(out, ev);
	scope(out, ev, st);
	zones(out, ev, &g, &b, st);
	swap(out, ev, st);
	tasks(out, ev, &b);
	victim(out, ev, &b, st);
	reaper(out, ev, st);
	fprintf(out, LABEL, "Panic");
	if (ev->panic)
		fprintf(out, "%syes: %s%s\n", st->red,
			ev->panic_reason[0] ? ev->panic_reason : "?", st->off);
	else
		fputs("no\n", out);
	if (ev->truncated)
		fprintf(out, LABEL "%s%s%s%s\n", "Note", "caps cut the input:",
			ev->truncated & TRUNC_LINE ? " over-long lines" : "",
			ev->truncated & TRUNC_TASKS ? " task rows" : "",
			ev->truncated & TRUNC_ZONES ? " zones" : "");
	fputc('\n', out);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * badness.c - page size, totalpages and the victim ranking of one event.
 */
#include "badness.h"

#include <string.h>

#include "gfp.h"
#include "sat.h"

/* gcd: greatest common divisor of two non-negative numbers. */
static long long gcd(long long a, long long b)
{
	while (b) {
		long long t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/* table_page_kb: page size implied by page-table sizes, or 0. */
static long long table_page_kb(const struct oom_event *ev)
{
	long long g = 0;
	int k, n = 0;

	for (k = 0; k < ev->ntasks; k++) {
		long long b = ev->tasks[k].pgtables_bytes;

		if (b > 0) {
			g = gcd(b, g);
			n++;
		}
	}
	if (n >= 3 && (g == 4096 || g == 16384 || g == 65536))
		return g / 1024;
	return 0;
}

/*
 * page_size_kb: the page size of the machine, from the order-0 size of a
 * buddy list, else from the victim's total-vm (kB) over its table row
 * (pages), else from the page-table sizes; 4 KiB is only assumed.
 */
long long page_size_kb(const struct oom_event *ev, const char **src)
{
	long long t;
	int k;

	for (k = 0; k < ev->nzones; k++) {
		t = ev->zones[k].buddy_page_kb;
		if (t == 4 || t == 8 || t == 16 || t == 64) {
			*src = "from the buddy lists";
			return t;
		}
	}
	if (ev->victim.has && ev->victim.total_vm_kb > 0) {
		for (k = 0; k < ev->ntasks; k++) {
			const struct task *tk = &ev->tasks[k];

			if (tk->pid != ev->victim.pid || tk->total_vm <= 0 ||
			    ev->victim.total_vm_kb % tk->total_vm)
				continue;
			t = ev->victim.total_vm_kb / tk->total_vm;
			if (t == 4 || t == 16 || t == 64) {
				*src = "from the victim's total-vm";
				return t;
			}
		}
	}
	t = table_page_kb(ev);
	if (t) {
		*src = "from the page-table sizes";
		return t;
	}
	*src = "assumed, not in the report";
	return 4;
}

/* total_pages: the kernel's totalpages for this event, or NONE. */
static long long total_pages(const struct oom_event *ev, long long page_kb,
			     const char **src)
{
	long long managed = 0, swap = 0;
	int k;

	if (ev->kind == EV_MEMCG) {
		if (ev->memcg_limit_kb > 0 &&
		    ev->memcg_limit_kb < (1LL << 50)) {
			*src = "the memcg limit (its swap share not shown)";
			return ev->memcg_limit_kb / page_kb;
		}
		*src = NULL;
		return NONE;
	}
	if (ev->swap_total_kb > 0)
		swap = ev->swap_total_kb / page_kb;
	for (k = 0; k < ev->nzones; k++) {
		if (ev->zones[k].managed_kb < 0) {
			managed = -1;
			break;
		}
		managed = sat_add(managed, ev->zones[k].managed_kb / page_kb);
	}
	if (ev->nzones && managed > 0) {
		*src = "managed zone memory + swap";
		return sat_add(managed, swap);
	}
	if (ev->ram_pages > 0) {
		long long r = ev->ram_pages;

		if (ev->reserved_pages > 0 && ev->reserved_pages < r) {
			r -= ev->reserved_pages;
			*src = "pages RAM - reserved + swap";
		} else {
			*src = "pages RAM + swap";
		}
		return sat_add(r, swap);
	}
	*src = NULL;
	return NONE;
}

/* old_root_bonus: kernels before 4.17 took 3% off a root task's points. */
static int old_root_bonus(const struct oom_event *ev)
{
	int major, minor;

	if (kernel_version_num(ev->kernel, &major, &minor) < 0)
		return 0;
	return major < 4 || (major == 4 && minor < 17);
}

/*
 * task_points: the badness of t in pages (never below 1, like the
 * kernel), with *unkillable set for oom_score_adj -1000.
 */
long long task_points(const struct oom_event *ev, const struct task *t,
		      const struct badness *b, int *unkillable)
{
	long long p = t->rss > 0 ? t->rss : 0;

	(void)ev;
	*unkillable = t->adj == -1000;
	if (t->swapents > 0)
		p = sat_add(p, t->swapents);
	if (t->pgtables_bytes > 0)
		p = sat_add(p, t->pgtables_bytes / (b->page_kb * 1024));
	else if (t->nr_ptes > 0)
		p = sat_add(p, t->nr_ptes);
	if (b->root_bonus && t->uid == 0)
		p -= p / 100 * 3 + p % 100 * 3 / 100;
	if (t->adj != ADJ_NONE && b->totalpages > 0)
		p = sat_add(p, sat_mul(t->adj, b->totalpages / 1000));
	return p > 0 ? p : 1;
}

/* insert_top: keep the TOP_N largest entries, largest first, stable. */
static void insert_top(struct ranked *top, int *n, int task, long long pts)
{
	int k;

	if (*n == TOP_N) {
		if (top[TOP_N - 1].points >= pts)
			return;
		k = TOP_N - 1;
	} else {
		k = (*n)++;
	}
	while (k > 0 && top[k - 1].points < pts) {
		top[k] = top[k - 1];
		k--;
	}
	top[k].task = task;
	top[k].points = pts;
}

/* badness_analyze: rank ev's task table and place the chosen task. */
void badness_analyze(const struct oom_event *ev, struct badness *b)
{
	long long want = ev->chosen_pid != NONE ? ev->chosen_pid :
			 (ev->victim.has ? ev->victim.pid : NONE);
	int k;

	memset(b, 0, sizeof(*b));
	b->chosen = -1;
	b->chosen_score = NONE;
	b->page_kb = page_size_kb(ev, &b->page_src);
	b->totalpages = total_pages(ev, b->page_kb, &b->total_src);
	b->root_bonus = old_root_bonus(ev);
	for (k = 0; k < ev->hdr.ncols; k++) {
		enum task_col c = ev->hdr.col[k];

		if (c == COL_SWAPENTS)
			b->have_swap_col = 1;
		if (c == COL_NR_PTES || c == COL_PGTABLES_BYTES)
			b->have_pgt_col = 1;
	}
	for (k = 0; k < ev->ntasks; k++) {
		const struct task *t = &ev->tasks[k];
		int unkillable;
		long long pts = task_points(ev, t, b, &unkillable);

		insert_top(b->top_rss, &b->ntop_rss, k, t->rss);
		if (t->pid == want && b->chosen < 0) {
			b->chosen = k;
			b->chosen_points = unkillable ? NONE : pts;
		}
		if (unkillable) {
			b->nunkillable++;
			continue;
		}
		b->nkillable++;
		insert_top(b->top, &b->ntop, k, pts);
	}
	if (b->chosen >= 0 && b->chosen_points != NONE) {
		b->chosen_rank = 1;
		for (k = 0; k < ev->ntasks; k++) {
			int unkillable;
			long long pts = task_points(ev, &ev->tasks[k], b,
						    &unkillable);

			if (!unkillable && pts > b->chosen_points)
				b->chosen_rank++;
		}
		if (b->totalpages > 0)
			b->chosen_score = sat_mul(b->chosen_points, 1000) /
					  b->totalpages;
	}
}

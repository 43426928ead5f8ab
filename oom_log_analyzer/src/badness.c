// SPDX-License-Identifier: GPL-2.0
/*
 * badness.c - page size, totalpages and the victim ranking of one event.
 */
#include "badness.h"

#include <string.h>

#include "gfp.h"
#include "i18n.h"
#include "sat.h"
#include "scan.h"

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
			*src = N_("the memcg limit (its swap share not "
				  "shown)");
			return ev->memcg_limit_kb / page_kb;
		}
		*src = NULL;
		return NONE;
	}
	if (ev->swap_total_kb > 0)
		swap = ev->swap_total_kb / page_kb;
	/*
	 * totalram_pages() counts every zone's managed pages, but 6.x
	 * prints only the zones the request may use: "pages RAM" less
	 * "pages reserved" (present - managed, summed by show_mem) is
	 * the whole machine's.
	 */
	if (ev->ram_pages > 0 && ev->reserved_pages >= 0 &&
	    ev->reserved_pages < ev->ram_pages) {
		*src = N_("pages RAM - reserved + swap");
		return sat_add(ev->ram_pages - ev->reserved_pages, swap);
	}
	for (k = 0; k < ev->nzones; k++) {
		if (ev->zones[k].managed_kb < 0) {
			managed = -1;
			break;
		}
		managed = sat_add(managed, ev->zones[k].managed_kb / page_kb);
	}
	if (ev->nzones && managed > 0) {
		*src = N_("managed memory of the zones printed + swap");
		return sat_add(managed, swap);
	}
	if (ev->ram_pages > 0) {
		*src = N_("pages RAM + swap");
		return sat_add(ev->ram_pages, swap);
	}
	*src = NULL;
	return NONE;
}

/*
 * kernel_version3: major, minor and patch level of a release string
 * ("2.6.32-642.el6" -> 2 6 32; "5.10.0-10-amd64" -> 5 10 0); the patch
 * level is 0 when absent. Returns 0, or -1 when k is no version.
 */
int kernel_version3(const char *k, int *major, int *minor, int *patch)
{
	const char *p;
	long long c = 0;

	if (kernel_version_num(k, major, minor) < 0)
		return -1;
	p = strchr(k, '.') + 1;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (scan_num(&p, &c) < 0 || c < 0 || c > 999)
			c = 0;
	}
	*patch = (int)c;
	return 0;
}

/* has_col: the task table printed column c. */
static int has_col(const struct oom_event *ev, enum task_col c)
{
	int k;

	for (k = 0; k < ev->hdr.ncols; k++)
		if (ev->hdr.col[k] == c)
			return 1;
	return 0;
}

/*
 * pick_rule: the era's formula. Vanilla 2.6.32-35 printed "score N or a
 * child" and no oom_score_adj column; distributions that backported the
 * 2.6.36 rewrite (RHEL 6) print the new lines and use the new rule.
 */
static enum badness_rule pick_rule(const struct oom_event *ev, int *assumed)
{
	int a, b, c;

	*assumed = 0;
	if (ev->old_heuristic && !ev->sacrifice_child &&
	    !has_col(ev, COL_OOM_SCORE_ADJ))
		return BR_HEURISTIC;
	if (kernel_version3(ev->kernel, &a, &b, &c) < 0) {
		*assumed = 1;
		return BR_SIGNED;
	}
	if (a == 2 && b == 6 && c < 36)
		return ev->sacrifice_child || has_col(ev, COL_OOM_SCORE_ADJ) ?
		       BR_ROOT30 : BR_HEURISTIC;
	if (a < 3 || (a == 3 && b < 14))
		return BR_ROOT30;
	if (a < 4 || (a == 4 && b < 17))
		return BR_ROOT3;
	if (a < 5 || (a == 5 && b < 9))
		return BR_FLOOR1;
	return BR_SIGNED;
}

/*
 * badness_rule_text: the formula of rule r, in English: JSON prints it
 * as is, the text output translates it (it is a msgid).
 */
const char *badness_rule_text(enum badness_rule r)
{
	static const char *const text[] = {
		/* TRANSLATORS: a kernel era's badness formula */
		[BR_HEURISTIC] = N_("2.6.32-2.6.35: total_vm + half of each "
			"child's, / sqrt(CPU time), / sqrt(sqrt(age)), x2 if "
			"niced, shifted by oom_adj (not rss)"),
		[BR_ROOT30] = N_("2.6.36-3.13: rss + swapents + page tables, "
			"+ (oom_score_adj - 30 if root) x totalpages/1000, "
			"at least 1"),
		/* xgettext:no-c-format */
		[BR_ROOT3] = N_("3.14-4.16: rss + swapents + page tables, "
			"- 3% if root, + oom_score_adj x totalpages/1000, "
			"at least 1"),
		[BR_FLOOR1] = N_("4.17-5.8: rss + swapents + page tables + "
			"oom_score_adj x totalpages/1000, at least 1"),
		[BR_SIGNED] = N_("5.9+: rss + swapents + page tables + "
			"oom_score_adj x totalpages/1000, signed"),
	};

	return text[r];
}

/*
 * task_points: the badness of t in pages by the era's rule b->rule (at
 * least 1 before 5.9), with *unkillable set for oom_score_adj -1000.
 */
long long task_points(const struct oom_event *ev, const struct task *t,
		      const struct badness *b, int *unkillable)
{
	long long p = t->rss > 0 ? t->rss : 0;
	long long adj = t->adj != ADJ_NONE ? t->adj : 0;

	(void)ev;
	*unkillable = t->adj == -1000;
	if (t->swapents > 0)
		p = sat_add(p, t->swapents);
	if (t->pgtables_bytes > 0)
		p = sat_add(p, t->pgtables_bytes / (b->page_kb * 1024));
	else if (t->nr_ptes > 0)
		p = sat_add(p, t->nr_ptes);
	if (b->root_bonus && t->uid == 0) {
		if (b->rule == BR_ROOT3)
			p -= p / 100 * 3 + p % 100 * 3 / 100;
		else
			adj -= 30;
	}
	if (b->totalpages > 0)
		p = sat_add(p, sat_mul(adj, b->totalpages / 1000));
	if (b->rule == BR_SIGNED)
		return p;
	return p > 0 ? p : 1;
}

/*
 * insert_top: keep the TOP_N largest entries, largest first; of equal
 * ones the later (scanned last, which the kernel keeps) comes first.
 */
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
	while (k > 0 && top[k - 1].points <= pts) {
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
	long long tgid_points = NONE;
	int k, by_tgid = -1;

	memset(b, 0, sizeof(*b));
	b->chosen = -1;
	b->chosen_score = NONE;
	b->page_kb = page_size_kb(ev, &b->page_src);
	b->totalpages = total_pages(ev, b->page_kb, &b->total_src);
	b->rule = pick_rule(ev, &b->rule_assumed);
	b->root_bonus = b->rule == BR_ROOT30 || b->rule == BR_ROOT3;
	b->next = -1;
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
		/*
		 * dump_tasks prints the thread that holds the mm: the chosen
		 * process may be a row of another pid with its tgid.
		 */
		if (want != NONE && t->tgid == want && t->pid != want &&
		    by_tgid < 0) {
			by_tgid = k;
			tgid_points = unkillable ? NONE : pts;
		}
		if (unkillable) {
			b->nunkillable++;
			continue;
		}
		b->nkillable++;
		insert_top(b->top, &b->ntop, k, pts);
	}
	if (b->chosen < 0 && by_tgid >= 0) {
		b->chosen = by_tgid;
		b->chosen_points = tgid_points;
	}
	if (b->chosen >= 0 && b->chosen_points != NONE) {
		b->chosen_rank = 1;
		for (k = 0; k < ev->ntasks; k++) {
			int unkillable;
			long long pts = task_points(ev, &ev->tasks[k], b,
						    &unkillable);

			if (!unkillable && (pts > b->chosen_points ||
			    (pts == b->chosen_points && k > b->chosen)))
				b->chosen_rank++;
		}
		if (b->totalpages > 0)
			b->chosen_score = sat_mul(b->chosen_points, 1000) /
					  b->totalpages;
	}
	for (k = 0; k < b->ntop; k++)
		if (b->top[k].task != b->chosen) {
			b->next = k;
			break;
		}
}

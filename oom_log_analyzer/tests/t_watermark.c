// SPDX-License-Identifier: GPL-2.0
/*
 * t_watermark.c - unit tests of the zone verdict: the lowmem_reserve entry
 * by gfp_zone() and zone layout, the watermark lowering of each era, CMA
 * and the high-atomic reserve, the order term, missing data, and values
 * exactly on the floor.
 */
#include <string.h>

#include "gfp.h"
#include "layout.h"
#include "tap.h"
#include "watermark.h"

static struct task no_tasks[1];

/* ev_init: an event with zones from names, free/min kB and reserves. */
static void ev_init(struct oom_event *ev, const char *kernel)
{
	memset(ev, 0, sizeof(*ev));
	ev->tasks = no_tasks;
	ev->highmem_pages = NONE;
	snprintf(ev->kernel, sizeof(ev->kernel), "%s", kernel);
}

/* add: one zone with its lowmem_reserve[] entries. */
static struct zone *add(struct oom_event *ev, const char *name, long long fr,
			long long min, int n, const long long *res)
{
	struct zone *z = &ev->zones[ev->nzones++];

	memset(z, 0, sizeof(*z));
	z->node = 0;
	snprintf(z->name, sizeof(z->name), "%s", name);
	z->free_kb = fr;
	z->min_kb = min;
	z->low_kb = min * 5 / 4;
	z->high_kb = min * 3 / 2;
	z->managed_kb = NONE;
	z->highatomic_kb = NONE;
	z->buddy_page_kb = NONE;
	z->nreserve = n;
	memcpy(z->reserve, res, sizeof(*res) * (size_t)n);
	return z;
}

/* verdict: the verdict of zone k for a request. */
static void verdict(const struct oom_event *ev, int k, unsigned sem,
		    int order, int victim, struct zone_verdict *v)
{
	struct layout_set ls;
	struct wm_request rq = { sem, order, wm_version(ev->kernel), victim,
				 4 };

	layouts_possible(ev, &ls);
	zone_verdict(&ev->zones[k], &ls, &rq, v);
}

#define KERNEL (G_DIRECT | G_KSWAPD | G_IO | G_FS)
#define HIGHUSER_MOVABLE (KERNEL | G_HARDWALL | G_HIGHMEM | G_MOVABLE)

/* check_reserve_index: the entry of the highest zone the request may use. */
static void check_reserve_index(void)
{
	static const long long dma[] = { 0, 2655, 5626, 5626, 5626 };
	static const long long dma32[] = { 0, 0, 2970, 2970, 2970 };
	static const long long normal[] = { 0, 0, 0, 0, 0 };
	static const long long d32[] = { 0, 831, 3011, 3011 };
	static const long long n32[] = { 0, 0, 17440, 17440 };
	static const long long h32[] = { 0, 0, 0, 0 };
	static const long long a32[] = { 0, 0, 256, 256 };
	struct oom_event ev;
	struct zone_verdict v;

	ev_init(&ev, "5.10.0-10-amd64");
	add(&ev, "DMA", 20000, 176, 5, dma);
	add(&ev, "DMA32", 40000, 31812, 5, dma32);
	add(&ev, "Normal", 40000, 35588, 5, normal);
	verdict(&ev, 0, KERNEL, 0, 0, &v);
	is_num(5626 * 4, v.reserve_kb, "x86_64 GFP_KERNEL: DMA entry [2]");
	verdict(&ev, 0, KERNEL | G_DMA32, 0, 0, &v);
	is_num(2655 * 4, v.reserve_kb, "x86_64 GFP_DMA32: DMA entry [1]");
	verdict(&ev, 2, KERNEL | G_DMA32, 0, 0, &v);
	is_num(0, v.allowed, "x86_64 GFP_DMA32: Normal not allowed");
	verdict(&ev, 1, HIGHUSER_MOVABLE, 0, 0, &v);
	is_num(2970 * 4, v.reserve_kb, "x86_64 movable: DMA32 entry [3]");

	ev_init(&ev, "4.19.0-6-686-pae");
	add(&ev, "DMA", 3400, 788, 4, d32);
	add(&ev, "Normal", 36000, 38000, 4, n32);
	add(&ev, "HighMem", 1748, 512, 4, h32);
	verdict(&ev, 1, KERNEL, 0, 0, &v);
	is_num(0, v.reserve_kb, "i686 GFP_KERNEL: Normal entry [1] is 0");
	verdict(&ev, 0, KERNEL, 0, 0, &v);
	is_num(831 * 4, v.reserve_kb, "i686 GFP_KERNEL: DMA entry [1]");
	verdict(&ev, 1, HIGHUSER_MOVABLE, 0, 0, &v);
	is_num(17440 * 4, v.reserve_kb, "i686 movable: Normal entry [3]");
	verdict(&ev, 2, KERNEL, 0, 0, &v);
	is_num(0, v.allowed, "i686 GFP_KERNEL: HighMem not allowed");

	/* arm32, 6.x prints only DMA for GFP_KERNEL: layout from hints */
	ev_init(&ev, "");
	add(&ev, "DMA", 3432, 3472, 4, a32);
	verdict(&ev, 0, KERNEL, 0, 0, &v);
	is_num(NONE, v.reserve_kb, "DMA alone, no hint: entry unknown");
	is_num(1, v.below, "... but below min is below any floor");
	ev.zones[0].free_kb = 4000;
	verdict(&ev, 0, KERNEL, 0, 0, &v);
	is_num(-1, v.below, "... and above min it cannot tell");
	ok(v.reserve_why != NULL, "... and says why: %s", v.reserve_why);
	ev.zone_cfg = ZK_BIT(ZK_DMA) | ZK_BIT(ZK_NORMAL) | ZK_BIT(ZK_HIGHMEM);
	verdict(&ev, 0, KERNEL, 0, 0, &v);
	is_num(0, v.reserve_kb, "Zone ranges give the layout: entry [1] 0");
	ev.zone_cfg = 0;
	ev.highmem_pages = 65536;
	verdict(&ev, 0, KERNEL, 0, 0, &v);
	is_num(0, v.reserve_kb, "HighMem pages give the layout too");
	ev.highmem_pages = NONE;
	snprintf(ev.kernel, sizeof(ev.kernel), "6.1.0-50-armmp");
	verdict(&ev, 0, HIGHUSER_MOVABLE, 0, 0, &v);
	is_num(1024, v.reserve_kb, "armmp movable: entry [3]");

	ev.zones[0].nreserve = 0;
	verdict(&ev, 0, KERNEL, 0, 0, &v);
	is_num(NONE, v.floor_kb, "no lowmem_reserve line: floor unknown");
}

/* check_eras: min lowering, CMA, high-atomic reserve, victims. */
static void check_eras(void)
{
	static const long long r[] = { 0, 0, 0, 0 };
	struct oom_event ev;
	struct zone_verdict v;
	struct zone *z;
	unsigned atomic44 = G_HIGH | G_ATOMIC | G_KSWAPD;
	unsigned atomic26 = G_HIGH;

	ev_init(&ev, "6.1.0");
	z = add(&ev, "DMA32", 10000, 4000, 4, r);
	z->highatomic_kb = 2048;
	z->free_cma_kb = 1000;
	verdict(&ev, 0, KERNEL, 0, 0, &v);
	is_num(4000, v.min_kb, "GFP_KERNEL: min as printed");
	is_num(10000 - 1000 - 2048, v.usable_kb,
	       "GFP_KERNEL: less CMA and the high-atomic reserve");
	verdict(&ev, 0, HIGHUSER_MOVABLE, 0, 0, &v);
	is_num(10000 - 2048, v.usable_kb, "movable: CMA counts");
	verdict(&ev, 0, atomic44, 0, 0, &v);
	is_num(1500, v.min_kb, "6.1 GFP_ATOMIC: min/2 then min/4");
	is_num(10000 - 1000, v.usable_kb, "6.1 GFP_ATOMIC: high-atomic usable");
	verdict(&ev, 0, G_KSWAPD, 0, 0, &v);
	is_num(4000, v.min_kb, "6.1 GFP_NOWAIT: min as printed");
	is_num(10000 - 1000 - 2048, v.usable_kb,
	       "6.1 GFP_NOWAIT: no __GFP_ATOMIC, no high-atomic");
	snprintf(ev.kernel, sizeof(ev.kernel), "6.6.0");
	verdict(&ev, 0, G_KSWAPD, 0, 0, &v);
	is_num(4000, v.min_kb, "6.6 GFP_NOWAIT: min as printed");
	is_num(10000 - 1000, v.usable_kb, "6.6 GFP_NOWAIT: high-atomic usable");
	verdict(&ev, 0, G_HIGH | G_KSWAPD, 0, 0, &v);
	is_num(1500, v.min_kb, "6.6 GFP_ATOMIC: min/2 then min/4");
	verdict(&ev, 0, KERNEL | G_HIGH, 0, 0, &v);
	is_num(2000, v.min_kb, "6.6 __GFP_HIGH, blocking: min/2");
	verdict(&ev, 0, KERNEL, 0, 1, &v);
	is_num(2000, v.min_kb, "6.6 OOM victim: min/2");
	snprintf(ev.kernel, sizeof(ev.kernel), "4.14.0");
	verdict(&ev, 0, KERNEL, 0, 1, &v);
	is_num(1, v.no_wmark, "4.14 OOM victim: no watermarks");
	snprintf(ev.kernel, sizeof(ev.kernel), "4.19.0");
	verdict(&ev, 0, KERNEL, 0, 1, &v);
	is_num(2000, v.min_kb, "4.19 OOM victim: min/2 (ALLOC_OOM)");
	snprintf(ev.kernel, sizeof(ev.kernel), "3.10.0");
	z->highatomic_kb = NONE;
	verdict(&ev, 0, atomic26, 0, 0, &v);
	is_num(1500, v.min_kb, "3.10 __GFP_HIGH without __GFP_WAIT: harder");
	verdict(&ev, 0, KERNEL | G_HIGH, 0, 0, &v);
	is_num(2000, v.min_kb, "3.10 __GFP_HIGH with __GFP_WAIT: min/2");
}

/* check_order: the order's pages and the free block test. */
static void check_order(void)
{
	static const long long r[] = { 0, 0, 0, 0 };
	struct oom_event ev;
	struct zone_verdict v;
	struct zone *z;

	ev_init(&ev, "6.1.0");
	z = add(&ev, "Normal", 10000, 4000, 4, r);
	verdict(&ev, 0, KERNEL, 3, 0, &v);
	is_num(7 * 4, v.order_kb, "order 3 costs 7 pages more");
	is_num(-1, v.block, "no buddy lines: no basis for a block verdict");
	z->nbuddy = 5;
	z->buddy_page_kb = 4;
	z->buddy[0] = 2500;
	z->buddy_types[0] = BT_U | BT_M;
	z->buddy[3] = 1;
	z->buddy_types[3] = BT_H;
	verdict(&ev, 0, KERNEL, 3, 0, &v);
	is_num(0, v.block, "only a high-atomic block: not for GFP_KERNEL");
	verdict(&ev, 0, G_HIGH | G_ATOMIC | G_KSWAPD, 3, 0, &v);
	is_num(1, v.block, "... but for GFP_ATOMIC");
	z->buddy_types[3] = BT_C;
	verdict(&ev, 0, HIGHUSER_MOVABLE, 3, 0, &v);
	is_num(1, v.block, "a CMA block serves a movable request");
	snprintf(ev.kernel, sizeof(ev.kernel), "3.13.0");
	verdict(&ev, 0, KERNEL, 3, 0, &v);
	is_num(0, v.block, "3.13: lower orders taken off, min halves: no");
}

/*
 * check_boundaries: the kernel's test is "free_pages <= min +
 * lowmem_reserve: fail" (__zone_watermark_ok()), so usable exactly at
 * the floor is below it and one page more is not; the same at min alone
 * when the reserve entry is unknown, for an OOM victim that ignores the
 * watermarks, and in the lower-order loop before 4.4.
 */
static void check_boundaries(void)
{
	static const long long dma32[] = { 0, 0, 1000, 1000, 1000 };
	static const long long normal[] = { 0, 0, 0, 0, 0 };
	static const long long a32[] = { 0, 0, 256, 256 };
	static const long long r[] = { 0, 0, 0, 0 };
	struct oom_event ev;
	struct zone_verdict v;
	struct zone *z;

	ev_init(&ev, "6.1.0-13-amd64");
	add(&ev, "DMA32", 8000, 4000, 5, dma32);
	add(&ev, "Normal", 5000, 5000, 5, normal);
	verdict(&ev, 0, KERNEL, 0, 0, &v);
	is_num(8000, v.floor_kb, "DMA32: floor min 4000 + reserve 1000 pages");
	is_num(8000, v.usable_kb, "DMA32: usable exactly at the floor");
	is_num(1, v.below, "DMA32: usable == floor is below the floor");
	ev.zones[0].free_kb = 8004;
	verdict(&ev, 0, KERNEL, 0, 0, &v);
	is_num(0, v.below, "DMA32: one page over the floor is not below");
	verdict(&ev, 1, KERNEL, 0, 0, &v);
	is_num(5000, v.floor_kb, "Normal: floor is min, reserve [2] 0");
	is_num(1, v.below, "Normal: free == min is below the floor");
	ev.zones[1].free_kb = 5004;
	verdict(&ev, 1, KERNEL, 0, 0, &v);
	is_num(0, v.below, "Normal: free == min + 1 page is not below");
	ev.zones[1].free_kb = 5012;
	verdict(&ev, 1, KERNEL, 2, 0, &v);
	is_num(5000, v.usable_kb, "order 2: min + 3 pages leaves min usable");
	is_num(1, v.below, "order 2: usable == floor is below");
	ev.zones[1].free_kb = 5016;
	verdict(&ev, 1, KERNEL, 2, 0, &v);
	is_num(0, v.below, "order 2: min + 4 pages is not below");

	/* the reserve entry unknown: min alone decides only when below */
	ev_init(&ev, "");
	add(&ev, "DMA", 3472, 3472, 4, a32);
	verdict(&ev, 0, KERNEL, 0, 0, &v);
	is_num(NONE, v.floor_kb, "entry unknown: no floor");
	is_num(1, v.below, "entry unknown: free == min is below min");
	ev.zones[0].free_kb = 3476;
	verdict(&ev, 0, KERNEL, 0, 0, &v);
	is_num(-1, v.below, "entry unknown: min + 1 page cannot tell");

	/* an OOM victim before 4.15 ignores the watermarks */
	ev_init(&ev, "4.14.0");
	add(&ev, "Normal", 0, 4000, 4, r);
	verdict(&ev, 0, KERNEL, 0, 1, &v);
	is_num(1, v.below, "4.14 victim: nothing free is below");
	ev.zones[0].free_kb = 4;
	verdict(&ev, 0, KERNEL, 0, 1, &v);
	is_num(0, v.below, "4.14 victim: one free page is not below");

	/* < 4.4, order 1: free - order-0 pages must stay above min / 2 */
	ev_init(&ev, "3.13.0");
	z = add(&ev, "Normal", 8004, 4000, 4, r);
	z->nbuddy = 11;
	z->buddy_page_kb = 4;
	z->buddy[0] = 1500;
	verdict(&ev, 0, KERNEL, 1, 0, &v);
	is_num(0, v.below, "3.13 order 1: usable 8000 over the floor 4000");
	is_num(0, v.block, "3.13 order 1: 2000 - 1500 == 1000 / 2: no");
	z->buddy[0] = 1499;
	verdict(&ev, 0, KERNEL, 1, 0, &v);
	is_num(1, v.block, "3.13 order 1: one page more than min / 2: yes");
}

/* main: run every group. */
int main(void)
{
	check_reserve_index();
	check_eras();
	check_order();
	check_boundaries();
	return done_testing();
}

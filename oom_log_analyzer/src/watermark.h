/* SPDX-License-Identifier: GPL-2.0 */
/*
 * watermark.h - could a zone serve the failed request? The page
 * allocator's __zone_watermark_ok(), redone era by era from the numbers
 * a report prints: free pages, less what this request may not use (CMA
 * unless movable, the high-atomic reserve unless it has the rights, the
 * order's own pages), must stay above min - lowered for __GFP_HIGH,
 * atomic requests and OOM victims - plus lowmem_reserve[] of the highest
 * zone the request may use; an order > 0 request also needs a free
 * block that big.
 */
#ifndef OOM_WATERMARK_H
#define OOM_WATERMARK_H

#include "event.h"
#include "layout.h"

/* The request, as the allocator saw it. */
struct wm_request {
	unsigned sem;		/* enum gfp_sem bits */
	int order;		/* < 0: no allocation (sysrq, memcg) */
	int ver;		/* major * 1000 + minor, or -1 unknown */
	int victim;		/* the invoker was an OOM victim */
	long long page_kb;
};

struct zone_verdict {
	int allowed;		/* 1: the request may use this zone */
	long long usable_kb;	/* free the request may count */
	long long cma_kb;	/* excluded as CMA (0 if none) */
	long long atomic_kb;	/* excluded as high-atomic reserve */
	long long order_kb;	/* excluded: the order's own pages - 1 */
	long long min_kb;	/* min watermark after this request's lowering */
	const char *min_why;	/* which rule lowered it (msgid), or NULL */
	long long reserve_kb;	/* lowmem_reserve entry, NONE if unknown */
	int reserve_index;	/* the entry used, -1 if unknown */
	const char *reserve_why;	/* why it is unknown (msgid) */
	long long floor_kb;	/* min + reserve, NONE if unknown */
	int below;		/* usable <= floor: 1, 0, -1 unknown */
	int no_wmark;		/* OOM victim before 4.15: no watermarks */
	int block;		/* free block of the order: 1, 0, -1 unknown */
	long long order_free_kb;	/* free in blocks >= order, or NONE */
	int level;		/* 0 >= high, 1 < high, 2 < low, 3 < min */
};

int wm_version(const char *kernel);
void wm_request_of(const struct oom_event *ev, unsigned sem, int known,
		   long long page_kb, struct wm_request *rq);
void zone_verdict(const struct zone *z, const struct layout_set *ls,
		  const struct wm_request *rq, struct zone_verdict *v);

#endif /* OOM_WATERMARK_H */

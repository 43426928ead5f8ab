/* SPDX-License-Identifier: GPL-2.0 */
/*
 * watermark.h - could a zone serve the failed request? The allocator
 * refuses a zone when its free pages, less what this request may not use
 * (CMA for unmovable requests, the high-atomic reserve) and less the part
 * kept for lower-zone-only allocations (lowmem_reserve), are not above
 * the min watermark; an order > 0 request also needs a free block that big.
 */
#ifndef OOM_WATERMARK_H
#define OOM_WATERMARK_H

#include "event.h"

struct zone_verdict {
	long long usable_kb;	/* free the request may use */
	long long cma_kb;	/* excluded as CMA (0 if none) */
	long long atomic_kb;	/* excluded as high-atomic reserve */
	long long reserve_kb;	/* lowmem_reserve on top of min, approx. */
	long long floor_kb;	/* min + reserve */
	int level;		/* 0 >= high, 1 < high, 2 < low, 3 < min */
	int unusable;		/* usable <= floor */
	long long order_free_kb;	/* free in blocks >= order, or NONE */
};

void zone_verdict(const struct zone *z, unsigned gfp_sem, int order,
		  long long page_kb, struct zone_verdict *v);

#endif /* OOM_WATERMARK_H */

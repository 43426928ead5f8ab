// SPDX-License-Identifier: GPL-2.0
/*
 * watermark.c - the zone watermark check of the page allocator, redone
 * from the numbers a report prints.
 */
#include "watermark.h"

#include <string.h>

#include "gfp.h"
#include "sat.h"

/*
 * zone_verdict: fill v for zone z and a request of gfp semantics gfp_sem
 * and order (order < 0: unknown). lowmem_reserve is taken from its last
 * entry, the protection against the highest zone class: exact for the
 * usual GFP_KERNEL / GFP_HIGHUSER_MOVABLE requests on 64-bit machines.
 */
void zone_verdict(const struct zone *z, unsigned gfp_sem, int order,
		  long long page_kb, struct zone_verdict *v)
{
	long long usable = z->free_kb;

	memset(v, 0, sizeof(*v));
	if (!(gfp_sem & G_MOVABLE) && z->free_cma_kb > 0) {
		v->cma_kb = z->free_cma_kb;
		usable -= z->free_cma_kb;
	}
	if (!(gfp_sem & (G_HIGH | G_ATOMIC)) && z->highatomic_kb > 0) {
		v->atomic_kb = z->highatomic_kb;
		usable -= z->highatomic_kb;
	}
	if (usable < 0)
		usable = 0;
	v->usable_kb = usable;
	if (z->reserve_pages > 0 && z->reserve_pages < (1LL << 40))
		v->reserve_kb = z->reserve_pages * page_kb;
	v->floor_kb = sat_add(z->min_kb, v->reserve_kb);
	v->unusable = usable <= v->floor_kb;
	if (z->free_kb < z->min_kb)
		v->level = 3;
	else if (z->free_kb < z->low_kb)
		v->level = 2;
	else if (z->free_kb < z->high_kb)
		v->level = 1;
	v->order_free_kb = NONE;
	if (order > 0 && z->nbuddy > order && z->buddy_page_kb > 0) {
		v->order_free_kb = 0;
		for (int o = order; o < z->nbuddy && o < MAX_BUDDY; o++)
			v->order_free_kb = sat_add(v->order_free_kb,
				sat_mul(z->buddy[o],
					sat_mul(z->buddy_page_kb, 1LL << o)));
	}
}

// SPDX-License-Identifier: GPL-2.0
/*
 * watermark.c - the zone watermark check of the page allocator, redone
 * from the numbers a report prints, with the rules of the report's era:
 *
 *   < 4.4    ALLOC_HIGH (__GFP_HIGH) min/2; ALLOC_HARDER (no __GFP_WAIT,
 *            no __GFP_NOMEMALLOC) min/4 more; OOM victims (TIF_MEMDIE)
 *            ignore watermarks; order > 0: lower orders' pages are taken
 *            off and min halves per order.
 *   4.4-6.2  ALLOC_HARDER is __GFP_ATOMIC; without it the high-atomic
 *            reserve is not usable; order > 0 needs a free block of that
 *            order of a usable migratetype. OOM victims: no watermarks
 *            before 4.15, ALLOC_OOM (min/2, high-atomic usable) since.
 *   6.3+     __GFP_HIGH min/2, and non-blocking ones min/4 more; ALLOC_OOM
 *            min/2; any reserve right (high, non-blocking, OOM) may use
 *            the high-atomic reserve.
 * CMA pages count only for movable requests in every era.
 */
#include "watermark.h"

#include <string.h>

#include "gfp.h"
#include "i18n.h"
#include "sat.h"

/* wm_version: major * 1000 + minor of a release string, or -1. */
int wm_version(const char *kernel)
{
	int a, b;

	if (kernel_version_num(kernel, &a, &b) < 0)
		return -1;
	return a * 1000 + b;
}

/*
 * wm_request_of: the request of event ev, of gfp semantics sem (when the
 * mask is not known, an ordinary blocking request is assumed).
 */
void wm_request_of(const struct oom_event *ev, unsigned sem, int known,
		   long long page_kb, struct wm_request *rq)
{
	rq->sem = known ? sem : G_DIRECT | G_KSWAPD;
	rq->order = ev->has_order ? ev->order : 0;
	if (ev->manual)
		rq->order = -1;
	rq->ver = wm_version(ev->kernel);
	rq->victim = ev->inv_victim;
	rq->page_kb = page_kb;
}

/* name_allowed: may a request use zone name, by gfp_zone() names only. */
static int name_allowed(const char *name, unsigned sem)
{
	if (strcmp(name, "HighMem") == 0)
		return (sem & G_HIGHMEM) != 0;
	if (strcmp(name, "Movable") == 0)
		return (sem & (G_HIGHMEM | G_MOVABLE)) ==
		       (G_HIGHMEM | G_MOVABLE);
	if (sem & G_DMA)
		return strcmp(name, "DMA") == 0;
	if (sem & G_DMA32)
		return strcmp(name, "DMA") == 0 || strcmp(name, "DMA32") == 0;
	return 1;
}

/* lower_min: the era's min watermark for this request, and why. */
static long long lower_min(long long min, const struct wm_request *rq,
			   int *harder, const char **why)
{
	int nonblock = !(rq->sem & G_DIRECT) &&
		       !(rq->sem & G_NOMEMALLOC);
	int high = (rq->sem & G_HIGH) != 0;
	int ver = rq->ver < 0 ? 6002 : rq->ver;

	*why = NULL;
	if (ver >= 6003) {
		*harder = high || nonblock || rq->victim;
		if (high) {
			min -= min / 2;
			*why = N_("__GFP_HIGH: min/2");
			if (nonblock) {
				min -= min / 4;
				*why = N_("__GFP_HIGH, cannot block: min/2, "
					  "then min/4 less");
			}
		}
		if (rq->victim) {
			min -= min / 2;
			*why = N_("an OOM victim: min/2 (ALLOC_OOM)");
		}
		return min;
	}
	if (ver >= 4004)
		*harder = (rq->sem & G_ATOMIC) && !(rq->sem & G_NOMEMALLOC);
	else
		*harder = nonblock;
	if (high) {
		min -= min / 2;
		*why = N_("__GFP_HIGH: min/2");
	}
	if (rq->victim && ver >= 4015) {
		min -= min / 2;
		*why = N_("an OOM victim: min/2 (ALLOC_OOM)");
		*harder = 1;
	} else if (*harder) {
		min -= min / 4;
		*why = high ?
		       N_("__GFP_HIGH and atomic: min/2, then min/4 less") :
		       N_("atomic (ALLOC_HARDER): min/4 less");
	}
	return min;
}

/* usable_type: may blocks of these BT_ letters serve the request? */
static int usable_type(unsigned types, int cma_ok, int harder)
{
	if (!types)
		return -1;
	if (types & (BT_U | BT_M | BT_E | BT_R))
		return 1;
	if ((types & BT_C) && cma_ok)
		return 1;
	if ((types & BT_H) && harder)
		return 1;
	return 0;
}

/*
 * order_check: the order term. Before 4.4 the free pages of each lower
 * order are taken off while min halves; since, a free block of at least
 * the order in a usable migratetype must exist.
 */
static void order_check(const struct zone *z, const struct wm_request *rq,
			int harder, long long free_pages, long long min_pages,
			struct zone_verdict *v)
{
	int o, unknown = 0;

	v->block = -1;
	if (rq->order <= 0) {
		v->block = 1;
		return;
	}
	if (z->nbuddy <= rq->order || z->buddy_page_kb <= 0)
		return;
	v->order_free_kb = 0;
	for (o = rq->order; o < z->nbuddy && o < MAX_BUDDY; o++)
		v->order_free_kb = sat_add(v->order_free_kb,
			sat_mul(z->buddy[o], sat_mul(z->buddy_page_kb,
						     1LL << o)));
	if (rq->ver >= 0 && rq->ver < 4004) {
		for (o = 0; o < rq->order; o++) {
			free_pages -= sat_mul(z->buddy[o], 1LL << o);
			min_pages >>= 1;
			if (free_pages <= min_pages) {
				v->block = 0;
				return;
			}
		}
		v->block = 1;
		return;
	}
	v->block = 0;
	for (o = rq->order; o < z->nbuddy && o < MAX_BUDDY; o++) {
		int ok;

		if (z->buddy[o] <= 0)
			continue;
		ok = usable_type(z->buddy_types[o], rq->sem & G_MOVABLE,
				 harder);
		if (ok > 0) {
			v->block = 1;
			return;
		}
		unknown |= ok < 0;
	}
	if (unknown)
		v->block = -1;
}

/*
 * zone_verdict: fill v for zone z and request rq; ls is the set of zone
 * layouts the report allows (for the lowmem_reserve index).
 */
void zone_verdict(const struct zone *z, const struct layout_set *ls,
		  const struct wm_request *rq, struct zone_verdict *v)
{
	long long usable = z->free_kb, page = rq->page_kb > 0 ? rq->page_kb : 4;
	struct reserve_pick rp;
	int harder, ver = rq->ver < 0 ? 6002 : rq->ver;

	memset(v, 0, sizeof(*v));
	v->order_free_kb = NONE;
	reserve_for(ls, z, rq->sem, &rp);
	v->allowed = rp.allowed >= 0 ? rp.allowed :
		     name_allowed(z->name, rq->sem);
	v->min_kb = lower_min(z->min_kb, rq, &harder, &v->min_why);
	v->no_wmark = rq->victim && ver < 4015;
	if (!(rq->sem & G_MOVABLE) && z->free_cma_kb > 0) {
		v->cma_kb = z->free_cma_kb;
		usable -= z->free_cma_kb;
	}
	if (!harder && z->highatomic_kb > 0) {
		v->atomic_kb = z->highatomic_kb;
		usable -= z->highatomic_kb;
	}
	if (rq->order > 0 && rq->order < 31) {
		v->order_kb = sat_mul((1LL << rq->order) - 1, page);
		usable -= v->order_kb;
	}
	if (usable < 0)
		usable = 0;
	v->usable_kb = usable;
	v->reserve_kb = NONE;
	v->floor_kb = NONE;
	v->reserve_index = rp.index;
	v->reserve_why = rp.why;
	if (rp.known && rp.pages < (1LL << 40)) {
		v->reserve_kb = rp.pages * page;
		v->floor_kb = sat_add(v->min_kb, v->reserve_kb);
		v->below = usable <= v->floor_kb;
	} else {
		v->below = usable <= v->min_kb ? 1 : -1;
	}
	if (v->no_wmark) {
		v->min_kb = 0;
		v->floor_kb = 0;
		v->min_why = N_("an OOM victim before 4.15 ignores the "
				"watermarks");
		v->below = usable <= 0;
	}
	if (z->free_kb < z->min_kb)
		v->level = 3;
	else if (z->free_kb < z->low_kb)
		v->level = 2;
	else if (z->free_kb < z->high_kb)
		v->level = 1;
	order_check(z, rq, harder, (z->free_kb - v->order_kb) / page,
		    v->min_kb / page, v);
}

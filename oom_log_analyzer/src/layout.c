// SPDX-License-Identifier: GPL-2.0
/*
 * layout.c - the zone layout of the reporting kernel and the
 * lowmem_reserve entry of a request. Every layout consistent with the
 * report is tried; an entry is only "known" when all of them agree.
 */
#include "layout.h"

#include <string.h>

#include "gfp.h"
#include "i18n.h"

static const char *const kind_names[ZK_N] = {
	"DMA", "DMA32", "Normal", "HighMem", "Movable", "Device"
};

/* zone_kind_of: the ZK_* of a zone name as printed, or -1. */
int zone_kind_of(const char *name)
{
	int k;

	for (k = 0; k < ZK_N; k++)
		if (strcmp(name, kind_names[k]) == 0)
			return k;
	return -1;
}

/*
 * arch_bits: 32 or 64 when the kernel's release name tells the word
 * size (Debian's armmp and 686, RHEL's .i686 / .x86_64, ...), else 0.
 */
int arch_bits(const char *kernel)
{
	static const char *const k32[] = {
		"armmp", "686", "i386", "armv7", "armhf", "-pae", "lpae",
		"marvell", "rpi", "omap", "exynos", "versatile", "vexpress",
	};
	static const char *const k64[] = {
		"x86_64", "amd64", "arm64", "aarch64", "ppc64", "s390x",
		"riscv64", "mips64", "loong64",
	};
	size_t k;

	if (!kernel || !kernel[0])
		return 0;
	for (k = 0; k < sizeof(k64) / sizeof(k64[0]); k++)
		if (strstr(kernel, k64[k]))
			return 64;
	for (k = 0; k < sizeof(k32) / sizeof(k32[0]); k++)
		if (strstr(kernel, k32[k]))
			return 32;
	return 0;
}

/* popcount: bits set in m. */
static int popcount(unsigned m)
{
	int n = 0;

	for (; m; m &= m - 1)
		n++;
	return n;
}

/* layout_index: the array index of kind in layout mask, or -1. */
int layout_index(unsigned mask, int kind)
{
	if (kind < 0 || !(mask & ZK_BIT(kind)))
		return -1;
	return popcount(mask & (ZK_BIT(kind) - 1));
}

/*
 * request_zone: gfp_zone() of a request as a ZK_* kind in layout mask:
 * __GFP_DMA, __GFP_DMA32 and __GFP_HIGHMEM fall back to Normal when the
 * kernel has no such zone; __GFP_HIGHMEM with __GFP_MOVABLE is Movable;
 * __GFP_MOVABLE alone is Normal.
 */
int request_zone(unsigned gfp_sem, unsigned mask)
{
	if (gfp_sem & G_DMA)
		return (mask & ZK_BIT(ZK_DMA)) ? ZK_DMA : ZK_NORMAL;
	if (gfp_sem & G_DMA32)
		return (mask & ZK_BIT(ZK_DMA32)) ? ZK_DMA32 : ZK_NORMAL;
	if ((gfp_sem & (G_HIGHMEM | G_MOVABLE)) == (G_HIGHMEM | G_MOVABLE))
		return ZK_MOVABLE;
	if (gfp_sem & G_HIGHMEM)
		return (mask & ZK_BIT(ZK_HIGHMEM)) ? ZK_HIGHMEM : ZK_NORMAL;
	return ZK_NORMAL;
}

/* entries: the lowmem_reserve[] length of the report, 0 if none. */
static int entries(const struct oom_event *ev)
{
	int k, n = 0;

	for (k = 0; k < ev->nzones; k++)
		if (ev->zones[k].nreserve > n)
			n = ev->zones[k].nreserve;
	return n;
}

/*
 * fits: 1 when layout mask agrees with every zone printed: the zone is
 * in it and its reserve entries up to its own index are 0 (the kernel
 * only protects a zone against requests that reach higher zones).
 */
static int fits(const struct oom_event *ev, unsigned mask)
{
	int k, j;

	for (k = 0; k < ev->nzones; k++) {
		const struct zone *z = &ev->zones[k];
		int idx = layout_index(mask, zone_kind_of(z->name));

		if (zone_kind_of(z->name) < 0)
			continue;
		if (idx < 0)
			return 0;
		if (z->nreserve && z->nreserve != popcount(mask))
			return 0;
		for (j = 0; j <= idx && j < z->nreserve; j++)
			if (z->reserve[j] != 0)
				return 0;
	}
	return 1;
}

/*
 * layouts_possible: every zone layout the report allows. Normal and
 * Movable always exist; DMA32 is 64-bit only and HighMem 32-bit only;
 * Device needs Movable. "Zone ranges:" in the boot log names the
 * configured zones below Movable exactly.
 */
void layouts_possible(const struct oom_event *ev, struct layout_set *ls)
{
	unsigned need = ZK_BIT(ZK_NORMAL) | ZK_BIT(ZK_MOVABLE);
	unsigned low = ZK_BIT(ZK_DMA) | ZK_BIT(ZK_DMA32) |
		       ZK_BIT(ZK_NORMAL) | ZK_BIT(ZK_HIGHMEM);
	int n = entries(ev), bits = arch_bits(ev->kernel), k;
	unsigned m;

	ls->n = 0;
	if (!n)
		return;
	for (k = 0; k < ev->nzones; k++) {
		int kind = zone_kind_of(ev->zones[k].name);

		if (kind >= 0)
			need |= ZK_BIT(kind);
	}
	if (ev->highmem_pages > 0)
		need |= ZK_BIT(ZK_HIGHMEM);
	for (m = 0; m < ZK_BIT(ZK_N); m++) {
		if ((m & need) != need || popcount(m) != n)
			continue;
		if ((m & ZK_BIT(ZK_DMA32)) && (m & ZK_BIT(ZK_HIGHMEM)))
			continue;
		if ((m & ZK_BIT(ZK_DEVICE)) && !(m & ZK_BIT(ZK_MOVABLE)))
			continue;
		if (ev->zone_cfg && (m & low) != (ev->zone_cfg & low))
			continue;
		if ((bits == 64 && (m & ZK_BIT(ZK_HIGHMEM))) ||
		    (bits == 32 && (m & ZK_BIT(ZK_DMA32))))
			continue;
		if (!fits(ev, m) || ls->n == MAX_LAYOUTS)
			continue;
		ls->mask[ls->n++] = m;
	}
}

/*
 * reserve_for: the lowmem_reserve entry zone z holds against a request
 * of gfp_sem: the entry indexed by the highest zone the request may
 * use, known only when every possible layout gives the same pages.
 */
void reserve_for(const struct layout_set *ls, const struct zone *z,
		 unsigned gfp_sem, struct reserve_pick *rp)
{
	int k, kind = zone_kind_of(z->name);

	memset(rp, 0, sizeof(*rp));
	rp->index = -1;
	rp->allowed = -1;
	if (!z->nreserve) {
		rp->why = N_("no lowmem_reserve line for this zone");
		return;
	}
	if (!ls->n) {
		rp->why = N_("the zone layout does not fit the "
			      "lowmem_reserve line");
		return;
	}
	for (k = 0; k < ls->n; k++) {
		int hi = layout_index(ls->mask[k],
				      request_zone(gfp_sem, ls->mask[k]));
		int own = layout_index(ls->mask[k], kind);
		int allowed = own >= 0 && own <= hi;
		long long pages = hi >= 0 && hi < z->nreserve ?
				  z->reserve[hi] : -1;

		if (k == 0) {
			rp->pages = pages;
			rp->index = hi;
			rp->allowed = allowed;
			rp->known = pages >= 0;
			continue;
		}
		if (allowed != rp->allowed)
			rp->allowed = -1;
		if (pages != rp->pages)
			rp->known = 0;
	}
	if (!rp->known) {
		rp->index = -1;
		rp->why = N_("the zones this kernel was built with are not "
			     "in the log, and they decide which entry "
			     "applies");
	}
}

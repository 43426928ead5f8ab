/* SPDX-License-Identifier: GPL-2.0 */
/*
 * layout.h - which zones the reporting kernel was built with, in index
 * order (DMA, DMA32, Normal, HighMem, Movable, Device, each optional but
 * Normal and Movable), and which zone index a request may reach
 * (gfp_zone()). lowmem_reserve[] is indexed by that layout, so its entry
 * for a request can only be read when the layout is known: from the
 * boot log's "Zone ranges:", the zones printed, the "pages
 * HighMem/MovableOnly" count and the kernel's name.
 */
#ifndef OOM_LAYOUT_H
#define OOM_LAYOUT_H

#include "event.h"

enum zone_kind { ZK_DMA, ZK_DMA32, ZK_NORMAL, ZK_HIGHMEM, ZK_MOVABLE,
		 ZK_DEVICE, ZK_N };

#define ZK_BIT(k) (1u << (k))
#define MAX_LAYOUTS 8

/* One possible layout: a ZK_* bit set, its size is the entry count. */
struct layout_set {
	int n;				/* candidates found */
	unsigned mask[MAX_LAYOUTS];
};

/* The lowmem_reserve entry a request meets in one zone. */
struct reserve_pick {
	int known;		/* 1: pages is right for every layout */
	long long pages;
	int index;		/* the entry used, or -1 */
	int allowed;		/* 1 may use, 0 may not, -1 unknown */
	const char *why;	/* why not known (msgid) */
};

int zone_kind_of(const char *name);
int arch_bits(const char *kernel);
void layouts_possible(const struct oom_event *ev, struct layout_set *ls);
int request_zone(unsigned gfp_sem, unsigned mask);
int layout_index(unsigned mask, int kind);
void reserve_for(const struct layout_set *ls, const struct zone *z,
		 unsigned gfp_sem, struct reserve_pick *rp);

#endif /* OOM_LAYOUT_H */

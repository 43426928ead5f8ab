/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gfp.h - explain an allocation's gfp_mask. The names the kernel printed
 * (4.5+) win; for older kernels, which print only hex, the mask is decoded
 * with the bit layout of that kernel's era and marked inferred.
 */
#ifndef OOM_GFP_H
#define OOM_GFP_H

#include <stddef.h>

/* What a mask allows, independent of any kernel's bit layout. */
enum gfp_sem {
	G_DIRECT = 1u << 0,	/* may enter direct reclaim (may sleep) */
	G_KSWAPD = 1u << 1,	/* may wake kswapd */
	G_IO = 1u << 2,
	G_FS = 1u << 3,
	G_HIGH = 1u << 4,	/* may use part of the reserves */
	G_ATOMIC = 1u << 5,
	G_HIGHMEM = 1u << 6,
	G_MOVABLE = 1u << 7,
	G_RECLAIMABLE = 1u << 8,
	G_DMA = 1u << 9,
	G_DMA32 = 1u << 10,
	G_HARDWALL = 1u << 11,
	G_THISNODE = 1u << 12,
	G_ZERO = 1u << 13,
	G_COMP = 1u << 14,
	G_NOWARN = 1u << 15,
	G_RETRY = 1u << 16,
	G_NOFAIL = 1u << 17,
	G_NORETRY = 1u << 18,
	G_MEMALLOC = 1u << 19,
	G_NOMEMALLOC = 1u << 20,
	G_ACCOUNT = 1u << 21,
	G_COLD = 1u << 22,
	G_WRITE = 1u << 23
};

struct gfp_info {
	int known;		/* names found, printed or decoded */
	int inferred;		/* decoded from hex, not printed */
	char names[200];	/* "GFP_KERNEL|__GFP_ZERO" */
	unsigned sem;		/* enum gfp_sem bits */
	const char *layout;	/* era table used, or NULL */
	const char *why;	/* why that table, or why none (msgid) */
};

void gfp_explain(const char *printed, int has_mask, unsigned long long mask,
		 const char *kernel, struct gfp_info *out);
unsigned gfp_name_sem(const char *name, size_t len);
size_t gfp_describe(unsigned sem, char *buf, size_t cap);
int kernel_version_num(const char *k, int *major, int *minor);

#endif /* OOM_GFP_H */

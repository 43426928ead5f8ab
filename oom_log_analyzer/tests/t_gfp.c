// SPDX-License-Identifier: GPL-2.0
/*
 * t_gfp.c - unit tests of gfp_mask decoding: printed names, the pre-4.4
 * and 4.4 bit layouts, every single bit of every era's layout, choosing
 * a layout without a kernel version.
 */
#include <stdio.h>
#include <string.h>

#include "gfp.h"
#include "tap.h"

struct gfp_case {
	const char *name;
	const char *printed;	/* names printed by the kernel, or "" */
	int has_mask;
	unsigned long long mask;
	const char *kernel;	/* version from the CPU line, or "" */
	int known;
	int inferred;
	const char *names;	/* expected names, "" when unknown */
	const char *layout;	/* expected era table, NULL if none */
};

static const struct gfp_case cases[] = {
	{ "printed names win", "GFP_KERNEL|__GFP_ZERO", 1, 0x6080c0,
	  "5.0.0+", 1, 0, "GFP_KERNEL|__GFP_ZERO", NULL },
	{ "printed, 5.10 user page", "GFP_HIGHUSER_MOVABLE", 1, 0x100cca,
	  "5.10.0-10-amd64", 1, 0, "GFP_HIGHUSER_MOVABLE", NULL },
	{ "3.13 fault, fixture 01", "", 1, 0x280da, "3.13.0-27-generic", 1,
	  1, "GFP_HIGHUSER_MOVABLE|__GFP_ZERO", "2.6-4.3" },
	{ "3.13 memcg, fixture 02", "", 1, 0xd0, "3.13.0-43-generic", 1, 1,
	  "GFP_KERNEL", "2.6-4.3" },
	{ "2.6.32 cold page, fixture 03", "", 1, 0x201da,
	  "2.6.32-642.11.1.el6.x86_64", 1, 1,
	  "GFP_HIGHUSER_MOVABLE|__GFP_COLD", "2.6-4.3" },
	{ "4.0 ARM32 seed", "", 1, 0x200da, "4.0.0+", 1, 1,
	  "GFP_HIGHUSER_MOVABLE", "2.6-4.3" },
	{ "old __GFP_HIGH bit", "", 1, 0x20, "3.10.0", 1, 1, "__GFP_HIGH",
	  "2.6-4.3" },
	{ "old GFP_NOFS|__GFP_NOWARN", "", 1, 0x250, "3.2.0", 1, 1,
	  "GFP_NOFS|__GFP_NOWARN", "2.6-4.3" },
	{ "old THP mask", "", 1, 0x43d2da, "3.13.0", 1, 1,
	  "GFP_TRANSHUGE|__GFP_ZERO", "2.6-4.3" },
	{ "unknown old bits stay hex", "", 1, 0x800000d0ULL,
	  "3.13.0", 1, 1, "GFP_KERNEL|0x80000000", "2.6-4.3" },
	{ "4.4 user page", "", 1, 0x24201ca, "4.4.0-21-generic", 1, 1,
	  "GFP_HIGHUSER_MOVABLE|__GFP_COLD", "4.4" },
	{ "4.4 GFP_KERNEL", "", 1, 0x24000c0, "4.4.0", 1, 1, "GFP_KERNEL",
	  "4.4" },
	{ "4.4 GFP_ATOMIC", "", 1, 0x2080020, "4.4.0", 1, 1, "GFP_ATOMIC",
	  "4.4" },
	{ "no version, 4.4-only bit", "", 1, 0x24000c0, "", 1, 1,
	  "GFP_KERNEL", "4.4" },
	{ "no version, old layout", "", 1, 0x280da, "", 1, 1,
	  "GFP_HIGHUSER_MOVABLE|__GFP_ZERO", "2.6-4.3" },
	{ "zero mask", "", 1, 0, "3.13.0", 1, 1, "", NULL },
	{ "4.4 __GFP_NOACCOUNT", "", 1, 0x25000c0, "4.4.0", 1, 1,
	  "GFP_KERNEL|__GFP_NOACCOUNT", "4.4" },
	{ "4.9 GFP_KERNEL_ACCOUNT", "", 1, 0x25000c0, "4.9.0", 1, 1,
	  "GFP_KERNEL_ACCOUNT", "4.5-4.9" },
	{ "4.10 GFP_KERNEL (no OTHER_NODE)", "", 1, 0x14000c0, "4.10.0", 1,
	  1, "GFP_KERNEL", "4.10-4.12" },
	{ "4.12 __GFP_REPEAT", "", 1, 0x14004c0, "4.12.0", 1, 1,
	  "GFP_KERNEL|__GFP_REPEAT", "4.10-4.12" },
	{ "4.14 user page zeroed", "", 1, 0x14280ca, "4.14.0", 1, 1,
	  "GFP_HIGHUSER_MOVABLE|__GFP_ZERO", "4.13-4.14" },
	{ "4.15 RETRY_MAYFAIL, no COLD", "", 1, 0x14004c0, "4.15.0", 1, 1,
	  "GFP_KERNEL|__GFP_RETRY_MAYFAIL", "4.15-4.17" },
	{ "4.15 0x100 is no longer COLD", "", 1, 0x14001c0, "4.15.0", 1, 1,
	  "GFP_KERNEL|0x100", "4.15-4.17" },
	{ "4.19 GFP_KERNEL", "", 1, 0x6000c0, "4.19.0", 1, 1, "GFP_KERNEL",
	  "4.18-5.0" },
	{ "4.19 THP light, kswapd, thisnode", "", 1, 0x4742ca, "4.19.0", 1,
	  1, "GFP_TRANSHUGE_LIGHT|GFP_NOWAIT|__GFP_THISNODE", "4.18-5.0" },
	{ "5.4 GFP_KERNEL", "", 1, 0xcc0, "5.4.0", 1, 1, "GFP_KERNEL",
	  "5.x-6.2" },
	{ "5.10 user page", "", 1, 0x100cca, "5.10.0", 1, 1,
	  "GFP_HIGHUSER_MOVABLE", "5.x-6.2" },
	{ "6.1 GFP_ATOMIC", "", 1, 0xa20, "6.1.0", 1, 1, "GFP_ATOMIC",
	  "5.x-6.2" },
	{ "6.6 GFP_ATOMIC has no __GFP_ATOMIC", "", 1, 0x820, "6.6.0", 1, 1,
	  "GFP_ATOMIC", "6.3+" },
	{ "6.6 0x200 is unused", "", 1, 0xa20, "6.6.0", 1, 1,
	  "GFP_ATOMIC|0x200", "6.3+" },
	{ "no mask", "", 0, 0, "", 0, 0, "", NULL },
};

/* check: one table row. */
static void check(const struct gfp_case *c)
{
	struct gfp_info g;

	gfp_explain(c->printed, c->has_mask, c->mask, c->kernel, &g);
	is_num(c->known, g.known, "%s: known", c->name);
	is_num(c->inferred, g.inferred, "%s: inferred", c->name);
	is_str(c->names, g.names, "%s: names", c->name);
	is_str(c->layout, g.layout, "%s: layout", c->name);
}

/*
 * Every single bit of every era's table, bit 0x1 to 0x4000000, named as
 * that era's include/linux/gfp.h defines it (NULL: no flag there, the
 * bit stays in hex). A lone __GFP_WAIT is GFP_NOIO and a lone
 * __GFP_KSWAPD_RECLAIM GFP_NOWAIT, as those kernels define them. Each
 * bit alone tells it from its neighbours: two names swapped in a table
 * fail here.
 */
#define NBITS 27

struct era_bits {
	const char *kernel;	/* a release of that era */
	const char *layout;	/* the era table expected */
	const char *bit[NBITS];	/* name of 1 << k, or NULL */
};

#define LOW8 "__GFP_DMA", "__GFP_HIGHMEM", "__GFP_DMA32", "__GFP_MOVABLE"

static const struct era_bits era_bits[] = {
	{ "3.13.0", "2.6-4.3", { LOW8, "GFP_NOIO", "__GFP_HIGH",
	  "__GFP_IO", "__GFP_FS", "__GFP_COLD", "__GFP_NOWARN",
	  "__GFP_REPEAT", "__GFP_NOFAIL", "__GFP_NORETRY",
	  "__GFP_MEMALLOC", "__GFP_COMP", "__GFP_ZERO", "__GFP_NOMEMALLOC",
	  "__GFP_HARDWALL", "__GFP_THISNODE", "__GFP_RECLAIMABLE",
	  "__GFP_KMEMCG", "__GFP_NOTRACK", "__GFP_NO_KSWAPD",
	  "__GFP_OTHER_NODE", "__GFP_WRITE", NULL, NULL } },
	{ "4.4.0", "4.4", { LOW8, "__GFP_RECLAIMABLE", "__GFP_HIGH",
	  "__GFP_IO", "__GFP_FS", "__GFP_COLD", "__GFP_NOWARN",
	  "__GFP_REPEAT", "__GFP_NOFAIL", "__GFP_NORETRY",
	  "__GFP_MEMALLOC", "__GFP_COMP", "__GFP_ZERO", "__GFP_NOMEMALLOC",
	  "__GFP_HARDWALL", "__GFP_THISNODE", "__GFP_ATOMIC",
	  "__GFP_NOACCOUNT", "__GFP_NOTRACK", "__GFP_DIRECT_RECLAIM",
	  "__GFP_OTHER_NODE", "__GFP_WRITE", "GFP_NOWAIT", NULL } },
	{ "4.9.0", "4.5-4.9", { LOW8, "__GFP_RECLAIMABLE", "__GFP_HIGH",
	  "__GFP_IO", "__GFP_FS", "__GFP_COLD", "__GFP_NOWARN",
	  "__GFP_REPEAT", "__GFP_NOFAIL", "__GFP_NORETRY",
	  "__GFP_MEMALLOC", "__GFP_COMP", "__GFP_ZERO", "__GFP_NOMEMALLOC",
	  "__GFP_HARDWALL", "__GFP_THISNODE", "__GFP_ATOMIC",
	  "__GFP_ACCOUNT", "__GFP_NOTRACK", "__GFP_DIRECT_RECLAIM",
	  "__GFP_OTHER_NODE", "__GFP_WRITE", "GFP_NOWAIT", NULL } },
	{ "4.12.0", "4.10-4.12", { LOW8, "__GFP_RECLAIMABLE", "__GFP_HIGH",
	  "__GFP_IO", "__GFP_FS", "__GFP_COLD", "__GFP_NOWARN",
	  "__GFP_REPEAT", "__GFP_NOFAIL", "__GFP_NORETRY",
	  "__GFP_MEMALLOC", "__GFP_COMP", "__GFP_ZERO", "__GFP_NOMEMALLOC",
	  "__GFP_HARDWALL", "__GFP_THISNODE", "__GFP_ATOMIC",
	  "__GFP_ACCOUNT", "__GFP_NOTRACK", "__GFP_DIRECT_RECLAIM",
	  "__GFP_WRITE", "GFP_NOWAIT", "__GFP_NOLOCKDEP", NULL } },
	{ "4.14.0", "4.13-4.14", { LOW8, "__GFP_RECLAIMABLE", "__GFP_HIGH",
	  "__GFP_IO", "__GFP_FS", "__GFP_COLD", "__GFP_NOWARN",
	  "__GFP_RETRY_MAYFAIL", "__GFP_NOFAIL", "__GFP_NORETRY",
	  "__GFP_MEMALLOC", "__GFP_COMP", "__GFP_ZERO", "__GFP_NOMEMALLOC",
	  "__GFP_HARDWALL", "__GFP_THISNODE", "__GFP_ATOMIC",
	  "__GFP_ACCOUNT", "__GFP_NOTRACK", "__GFP_DIRECT_RECLAIM",
	  "__GFP_WRITE", "GFP_NOWAIT", "__GFP_NOLOCKDEP", NULL } },
	{ "4.15.0", "4.15-4.17", { LOW8, "__GFP_RECLAIMABLE", "__GFP_HIGH",
	  "__GFP_IO", "__GFP_FS", NULL, "__GFP_NOWARN",
	  "__GFP_RETRY_MAYFAIL", "__GFP_NOFAIL", "__GFP_NORETRY",
	  "__GFP_MEMALLOC", "__GFP_COMP", "__GFP_ZERO", "__GFP_NOMEMALLOC",
	  "__GFP_HARDWALL", "__GFP_THISNODE", "__GFP_ATOMIC",
	  "__GFP_ACCOUNT", NULL, "__GFP_DIRECT_RECLAIM",
	  "__GFP_WRITE", "GFP_NOWAIT", "__GFP_NOLOCKDEP", NULL } },
	{ "4.19.0", "4.18-5.0", { LOW8, "__GFP_RECLAIMABLE", "__GFP_HIGH",
	  "__GFP_IO", "__GFP_FS", "__GFP_WRITE", "__GFP_NOWARN",
	  "__GFP_RETRY_MAYFAIL", "__GFP_NOFAIL", "__GFP_NORETRY",
	  "__GFP_MEMALLOC", "__GFP_COMP", "__GFP_ZERO", "__GFP_NOMEMALLOC",
	  "__GFP_HARDWALL", "__GFP_THISNODE", "__GFP_ATOMIC",
	  "__GFP_ACCOUNT", "__GFP_DIRECT_RECLAIM", "GFP_NOWAIT", NULL,
	  NULL, NULL, NULL } },
	{ "5.10.0", "5.x-6.2", { LOW8, "__GFP_RECLAIMABLE", "__GFP_HIGH",
	  "__GFP_IO", "__GFP_FS", "__GFP_ZERO", "__GFP_ATOMIC",
	  "__GFP_DIRECT_RECLAIM", "GFP_NOWAIT", "__GFP_WRITE",
	  "__GFP_NOWARN", "__GFP_RETRY_MAYFAIL", "__GFP_NOFAIL",
	  "__GFP_NORETRY", "__GFP_MEMALLOC", "__GFP_COMP",
	  "__GFP_NOMEMALLOC", "__GFP_HARDWALL", "__GFP_THISNODE",
	  "__GFP_ACCOUNT", NULL, NULL, NULL, NULL } },
	{ "6.6.0", "6.3+", { LOW8, "__GFP_RECLAIMABLE", "__GFP_HIGH",
	  "__GFP_IO", "__GFP_FS", "__GFP_ZERO", NULL,
	  "__GFP_DIRECT_RECLAIM", "GFP_NOWAIT", "__GFP_WRITE",
	  "__GFP_NOWARN", "__GFP_RETRY_MAYFAIL", "__GFP_NOFAIL",
	  "__GFP_NORETRY", "__GFP_MEMALLOC", "__GFP_COMP",
	  "__GFP_NOMEMALLOC", "__GFP_HARDWALL", "__GFP_THISNODE",
	  "__GFP_ACCOUNT", NULL, NULL, NULL, NULL } },
};

/* check_single_bits: each bit alone, in every era's table. */
static void check_single_bits(void)
{
	size_t e;
	int k;

	for (e = 0; e < sizeof(era_bits) / sizeof(era_bits[0]); e++) {
		const struct era_bits *eb = &era_bits[e];

		for (k = 0; k < NBITS; k++) {
			unsigned long long mask = 1ULL << k;
			struct gfp_info g;
			char hex[24];

			snprintf(hex, sizeof(hex), "0x%llx", mask);
			gfp_explain("", 1, mask, eb->kernel, &g);
			is_str(eb->bit[k] ? eb->bit[k] : hex, g.names,
			       "%s: %s alone", eb->kernel, hex);
			is_str(eb->layout, g.layout, "%s: %s decoded as %s",
			       eb->kernel, hex, eb->layout);
		}
	}
}

/* check_meaning: what the semantic bits say. */
static void check_meaning(void)
{
	struct gfp_info g;
	char d[256];

	gfp_explain("GFP_KERNEL|__GFP_ZERO", 1, 0, "", &g);
	ok((g.sem & (G_DIRECT | G_IO | G_FS | G_ZERO)) ==
	   (G_DIRECT | G_IO | G_FS | G_ZERO), "GFP_KERNEL|__GFP_ZERO bits");
	ok(!(g.sem & G_MOVABLE), "GFP_KERNEL is not movable");
	gfp_describe(g.sem, d, sizeof(d));
	ok(strstr(d, "may sleep") && strstr(d, "IO") &&
	   strstr(d, "filesystems") && strstr(d, "zeroed") &&
	   strstr(d, "unmovable"), "GFP_KERNEL described: %s", d);

	gfp_explain("", 1, 0x280da, "3.13.0", &g);
	ok(g.sem & G_MOVABLE, "decoded GFP_HIGHUSER_MOVABLE is movable");
	gfp_explain("GFP_ATOMIC|__GFP_NOWARN", 1, 0, "", &g);
	gfp_describe(g.sem, d, sizeof(d));
	ok(strstr(d, "must not sleep") != NULL, "GFP_ATOMIC: %s", d);
	ok(gfp_describe(g.sem, d, 8) < 8, "describe respects a small buffer");
	is_num(G_DIRECT | G_KSWAPD | G_IO | G_FS,
	       gfp_name_sem("GFP_KERNEL", 10), "name table: GFP_KERNEL");
	is_num(0, gfp_name_sem("__GFP_BOGUS", 11), "unknown name: no bits");
	gfp_explain("GFP_USER|__GFP_MOVABLE", 1, 0, "", &g);
	gfp_describe(g.sem, d, sizeof(d));
	ok(!strstr(d, "highmem ok"), "movable without __GFP_HIGHMEM: %s", d);
	gfp_explain("", 1, 0x100cc8, "5.10.0", &g);
	gfp_describe(g.sem, d, sizeof(d));
	ok(!strstr(d, "highmem ok") && (g.sem & G_MOVABLE) &&
	   !(g.sem & G_HIGHMEM), "5.10 GFP_USER|__GFP_MOVABLE: %s", d);
	gfp_explain("", 1, 0x6200c8, "4.19.0", &g);
	gfp_describe(g.sem, d, sizeof(d));
	ok(!strstr(d, "highmem ok"), "4.19 movable, no highmem: %s", d);
	gfp_explain("", 1, 0x200d8, "3.10.0", &g);
	gfp_describe(g.sem, d, sizeof(d));
	ok(!strstr(d, "highmem ok"), "3.10 movable, no highmem: %s", d);
	gfp_explain("", 1, 0x20, "2.6.32", &g);
	ok(!strstr(g.names, "GFP_ATOMIC") && (g.sem & G_HIGH) &&
	   !(g.sem & G_ATOMIC), "2.6 0x20 is __GFP_HIGH: %s", g.names);
}

/* check_versions: kernel_version_num on the strings logs carry. */
static void check_versions(void)
{
	int a = 0, b = 0;

	ok(kernel_version_num("2.6.32-642.11.1.el6.x86_64", &a, &b) == 0 &&
	   a == 2 && b == 6, "version 2.6.32-642");
	ok(kernel_version_num("5.0.0+", &a, &b) == 0 && a == 5 && b == 0,
	   "version 5.0.0+");
	ok(kernel_version_num("6.1.0-26-arm64", &a, &b) == 0 && a == 6 &&
	   b == 1, "version 6.1.0-26-arm64");
	ok(kernel_version_num("", &a, &b) < 0, "empty version");
	ok(kernel_version_num("G", &a, &b) < 0, "taint letter is no version");
}

int main(void)
{
	size_t k;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
		check(&cases[k]);
	check_single_bits();
	check_meaning();
	check_versions();
	return done_testing();
}

// SPDX-License-Identifier: GPL-2.0
/*
 * gfp.c - table-driven gfp_mask decoding.
 *
 * Two tables of names: what each printed name means (layout-free), and for
 * the kernels that printed no names, the bit layout of their era. A hex
 * mask is decoded like the kernel's own flag printer: compound names
 * first, then single bits, leftovers in hex.
 */
#include "gfp.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "scan.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define SEM_KERNEL (G_DIRECT | G_KSWAPD | G_IO | G_FS)
#define SEM_USER (SEM_KERNEL | G_HARDWALL)
#define SEM_HIGHUSER_MOVABLE (SEM_USER | G_HIGHMEM | G_MOVABLE)
#define SEM_THP_LIGHT (G_IO | G_FS | G_HARDWALL | G_HIGHMEM | G_MOVABLE | \
		       G_COMP | G_NOMEMALLOC | G_NOWARN)

/* Meaning of every name a kernel prints, old and new. */
static const struct {
	const char *name;
	unsigned sem;
} names[] = {
	{ "GFP_TRANSHUGE_LIGHT", SEM_THP_LIGHT },
	{ "GFP_TRANSHUGE", SEM_THP_LIGHT | G_DIRECT },
	{ "GFP_HIGHUSER_MOVABLE", SEM_HIGHUSER_MOVABLE },
	{ "GFP_HIGHUSER", SEM_USER | G_HIGHMEM },
	{ "GFP_USER", SEM_USER },
	{ "GFP_KERNEL_ACCOUNT", SEM_KERNEL | G_ACCOUNT },
	{ "GFP_TEMPORARY", SEM_KERNEL | G_RECLAIMABLE },
	{ "GFP_KERNEL", SEM_KERNEL },
	{ "GFP_NOFS", G_DIRECT | G_KSWAPD | G_IO },
	{ "GFP_NOIO", G_DIRECT | G_KSWAPD },
	{ "GFP_ATOMIC", G_HIGH | G_ATOMIC | G_KSWAPD },
	{ "GFP_NOWAIT", G_KSWAPD },
	{ "GFP_IOFS", G_IO | G_FS },
	{ "GFP_DMA32", G_DMA32 },
	{ "GFP_DMA", G_DMA },
	{ "__GFP_DMA32", G_DMA32 },
	{ "__GFP_DMA", G_DMA },
	{ "__GFP_HIGHMEM", G_HIGHMEM },
	{ "__GFP_MOVABLE", G_MOVABLE },
	{ "__GFP_RECLAIMABLE", G_RECLAIMABLE },
	{ "__GFP_WAIT", G_DIRECT | G_KSWAPD },
	{ "__GFP_RECLAIM", G_DIRECT | G_KSWAPD },
	{ "__GFP_DIRECT_RECLAIM", G_DIRECT },
	{ "__GFP_KSWAPD_RECLAIM", G_KSWAPD },
	{ "__GFP_HIGH", G_HIGH },
	{ "__GFP_ATOMIC", G_ATOMIC },
	{ "__GFP_IO", G_IO },
	{ "__GFP_FS", G_FS },
	{ "__GFP_COLD", G_COLD },
	{ "__GFP_NOWARN", G_NOWARN },
	{ "__GFP_REPEAT", G_RETRY },
	{ "__GFP_RETRY_MAYFAIL", G_RETRY },
	{ "__GFP_NOFAIL", G_NOFAIL },
	{ "__GFP_NORETRY", G_NORETRY },
	{ "__GFP_MEMALLOC", G_MEMALLOC },
	{ "__GFP_NOMEMALLOC", G_NOMEMALLOC },
	{ "__GFP_COMP", G_COMP },
	{ "__GFP_ZERO", G_ZERO },
	{ "__GFP_HARDWALL", G_HARDWALL },
	{ "__GFP_THISNODE", G_THISNODE },
	{ "__GFP_ACCOUNT", G_ACCOUNT },
	{ "__GFP_WRITE", G_WRITE },
};

/* One name of an era's table: all bits of mask must be set. */
struct gfp_bits {
	unsigned long long mask;
	const char *name;
};

/* 2.6.x - 4.3: __GFP_WAIT era (include/linux/gfp.h of those kernels). */
enum {
	O_DMA = 0x01, O_HIGHMEM = 0x02, O_DMA32 = 0x04, O_MOVABLE = 0x08,
	O_WAIT = 0x10, O_HIGH = 0x20, O_IO = 0x40, O_FS = 0x80,
	O_COLD = 0x100, O_NOWARN = 0x200, O_REPEAT = 0x400, O_NOFAIL = 0x800,
	O_NORETRY = 0x1000, O_MEMALLOC = 0x2000, O_COMP = 0x4000,
	O_ZERO = 0x8000, O_NOMEMALLOC = 0x10000, O_HARDWALL = 0x20000,
	O_THISNODE = 0x40000, O_RECLAIMABLE = 0x80000, O_KMEMCG = 0x100000,
	O_NOTRACK = 0x200000, O_NO_KSWAPD = 0x400000,
	O_OTHER_NODE = 0x800000, O_WRITE = 0x1000000,
	O_KERNEL = O_WAIT | O_IO | O_FS,
	O_USER = O_KERNEL | O_HARDWALL,
	O_HIGHUSER_MOVABLE = O_USER | O_HIGHMEM | O_MOVABLE,
};

static const struct gfp_bits layout_old[] = {
	{ O_HIGHUSER_MOVABLE | O_COMP | O_NOMEMALLOC | O_NORETRY | O_NOWARN |
	  O_NO_KSWAPD, "GFP_TRANSHUGE" },
	{ O_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE" },
	{ O_USER | O_HIGHMEM, "GFP_HIGHUSER" },
	{ O_USER, "GFP_USER" },
	{ O_KERNEL | O_RECLAIMABLE, "GFP_TEMPORARY" },
	{ O_KERNEL, "GFP_KERNEL" },
	{ O_WAIT | O_IO, "GFP_NOFS" },
	{ O_WAIT, "GFP_NOIO" },
	{ O_HIGH, "__GFP_HIGH" },
	{ O_DMA, "__GFP_DMA" }, { O_HIGHMEM, "__GFP_HIGHMEM" },
	{ O_DMA32, "__GFP_DMA32" }, { O_MOVABLE, "__GFP_MOVABLE" },
	{ O_IO, "__GFP_IO" }, { O_FS, "__GFP_FS" },
	{ O_COLD, "__GFP_COLD" }, { O_NOWARN, "__GFP_NOWARN" },
	{ O_REPEAT, "__GFP_REPEAT" }, { O_NOFAIL, "__GFP_NOFAIL" },
	{ O_NORETRY, "__GFP_NORETRY" }, { O_MEMALLOC, "__GFP_MEMALLOC" },
	{ O_COMP, "__GFP_COMP" }, { O_ZERO, "__GFP_ZERO" },
	{ O_NOMEMALLOC, "__GFP_NOMEMALLOC" },
	{ O_HARDWALL, "__GFP_HARDWALL" }, { O_THISNODE, "__GFP_THISNODE" },
	{ O_RECLAIMABLE, "__GFP_RECLAIMABLE" }, { O_KMEMCG, "__GFP_KMEMCG" },
	{ O_NOTRACK, "__GFP_NOTRACK" }, { O_NO_KSWAPD, "__GFP_NO_KSWAPD" },
	{ O_OTHER_NODE, "__GFP_OTHER_NODE" }, { O_WRITE, "__GFP_WRITE" },
};

/* 4.4: reclaim split into __GFP_DIRECT_RECLAIM and __GFP_KSWAPD_RECLAIM. */
enum {
	F_DMA = 0x01, F_HIGHMEM = 0x02, F_DMA32 = 0x04, F_MOVABLE = 0x08,
	F_RECLAIMABLE = 0x10, F_HIGH = 0x20, F_IO = 0x40, F_FS = 0x80,
	F_COLD = 0x100, F_NOWARN = 0x200, F_REPEAT = 0x400,
	F_NOFAIL = 0x800, F_NORETRY = 0x1000, F_MEMALLOC = 0x2000,
	F_COMP = 0x4000, F_ZERO = 0x8000, F_NOMEMALLOC = 0x10000,
	F_HARDWALL = 0x20000, F_THISNODE = 0x40000, F_ATOMIC = 0x80000,
	F_NOACCOUNT = 0x100000, F_NOTRACK = 0x200000,
	F_DIRECT_RECLAIM = 0x400000, F_OTHER_NODE = 0x800000,
	F_WRITE = 0x1000000, F_KSWAPD_RECLAIM = 0x2000000,
	F_RECLAIM = F_DIRECT_RECLAIM | F_KSWAPD_RECLAIM,
	F_KERNEL = F_RECLAIM | F_IO | F_FS,
	F_USER = F_KERNEL | F_HARDWALL,
	F_HIGHUSER_MOVABLE = F_USER | F_HIGHMEM | F_MOVABLE,
};


/* gfp_name_sem: what one printed name means; 0 for an unknown name. */
unsigned gfp_name_sem(const char *name, size_t len)
{
	size_t k;

	for (k = 0; k < N(names); k++)
		if (strlen(names[k].name) == len &&
		    memcmp(names[k].name, name, len) == 0)
			return names[k].sem;
	return 0;
}

/*
 * kernel_version_num: major and minor of "3.13.0-27-generic", "5.0.0+",
 * "2.6.32-642.el6". Returns 0, or -1 when k is no version.
 */
int kernel_version_num(const char *k, int *major, int *minor)
{
	const char *p = k;
	long long a, b;

	if (!k || scan_num(&p, &a) < 0 || *p != '.')
		return -1;
	p++;
	if (scan_num(&p, &b) < 0 || a < 0 || a > 99 || b < 0 || b > 999)
		return -1;
	*major = (int)a;
	*minor = (int)b;
	return 0;
}

/* add_name: append "|name" (or "name" first) to out->names. */
static void add_name(struct gfp_info *out, const char *name, size_t len)
{
	size_t used = strlen(out->names);

	if (used + len + 2 > sizeof(out->names))
		return;
	if (used)
		out->names[used++] = '|';
	memcpy(out->names + used, name, len);
	out->names[used + len] = '\0';
}

/* from_printed: names as the kernel printed them, split at '|'. */
static void from_printed(const char *printed, struct gfp_info *out)
{
	const char *p = printed;

	while (*p) {
		const char *e = strchr(p, '|');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (len) {
			add_name(out, p, len);
			out->sem |= gfp_name_sem(p, len);
		}
		if (!e)
			break;
		p = e + 1;
	}
}

/* decode: greedy decode of mask with an era table, leftovers in hex. */
static void decode(const struct gfp_bits *tab, size_t n,
		   unsigned long long mask, struct gfp_info *out)
{
	size_t k;

	for (k = 0; k < n; k++) {
		if (tab[k].mask && (mask & tab[k].mask) == tab[k].mask) {
			add_name(out, tab[k].name, strlen(tab[k].name));
			out->sem |= gfp_name_sem(tab[k].name,
						 strlen(tab[k].name));
			mask &= ~tab[k].mask;
		}
	}
	if (mask) {
		char hex[24];

		snprintf(hex, sizeof(hex), "0x%llx", mask);
		add_name(out, hex, strlen(hex));
	}
}

/*
 * The layouts after 4.4, from include/linux/gfp.h (gfp_types.h since 6.0)
 * of each era: the bit of every flag, 0 where the era has none. Bits above
 * __GFP_ACCOUNT in 4.18+ (NOLOCKDEP, ZEROTAGS, SKIP_*) depend on the
 * kernel's config and stay in hex.
 */
enum gfl {
	L_DMA, L_HIGHMEM, L_DMA32, L_MOVABLE, L_RECLAIMABLE, L_HIGH, L_IO,
	L_FS, L_COLD, L_NOWARN, L_REPEAT, L_NOFAIL, L_NORETRY, L_MEMALLOC,
	L_COMP, L_ZERO, L_NOMEMALLOC, L_HARDWALL, L_THISNODE, L_ATOMIC,
	L_ACCOUNT, L_NOACCOUNT, L_NOTRACK, L_DIRECT, L_OTHER_NODE, L_WRITE,
	L_KSWAPD, L_NOLOCKDEP, L_NFLAGS
};

static const char *const gfl_names[L_NFLAGS] = {
	"__GFP_DMA", "__GFP_HIGHMEM", "__GFP_DMA32", "__GFP_MOVABLE",
	"__GFP_RECLAIMABLE", "__GFP_HIGH", "__GFP_IO", "__GFP_FS",
	"__GFP_COLD", "__GFP_NOWARN", "__GFP_REPEAT", "__GFP_NOFAIL",
	"__GFP_NORETRY", "__GFP_MEMALLOC", "__GFP_COMP", "__GFP_ZERO",
	"__GFP_NOMEMALLOC", "__GFP_HARDWALL", "__GFP_THISNODE",
	"__GFP_ATOMIC", "__GFP_ACCOUNT", "__GFP_NOACCOUNT", "__GFP_NOTRACK",
	"__GFP_DIRECT_RECLAIM", "__GFP_OTHER_NODE", "__GFP_WRITE",
	"__GFP_KSWAPD_RECLAIM", "__GFP_NOLOCKDEP",
};

struct gfp_era {
	const char *name;		/* "4.10-4.12" */
	int major, minor;		/* first kernel of the era */
	int retry_mayfail;		/* 0x400-era bit named RETRY_MAYFAIL */
	int temporary;			/* GFP_TEMPORARY exists (< 4.15) */
	unsigned bit[L_NFLAGS];
};

#define LOW8 { [L_DMA] = 0x01, [L_HIGHMEM] = 0x02, [L_DMA32] = 0x04, \
	       [L_MOVABLE] = 0x08, [L_RECLAIMABLE] = 0x10, [L_HIGH] = 0x20, \
	       [L_IO] = 0x40, [L_FS] = 0x80

/* Bits 0x100-0x100000 of 4.4 to 4.17 (COLD and NOTRACK until 4.14). */
#define MID_44(cold) [L_COLD] = (cold), [L_NOWARN] = 0x200, \
	[L_REPEAT] = 0x400, [L_NOFAIL] = 0x800, [L_NORETRY] = 0x1000, \
	[L_MEMALLOC] = 0x2000, [L_COMP] = 0x4000, [L_ZERO] = 0x8000, \
	[L_NOMEMALLOC] = 0x10000, [L_HARDWALL] = 0x20000, \
	[L_THISNODE] = 0x40000, [L_ATOMIC] = 0x80000

static const struct gfp_era eras[] = {
	{ "4.4", 4, 4, 0, 1, LOW8, MID_44(0x100), [L_NOACCOUNT] = 0x100000,
	  [L_NOTRACK] = 0x200000, [L_DIRECT] = 0x400000,
	  [L_OTHER_NODE] = 0x800000, [L_WRITE] = 0x1000000,
	  [L_KSWAPD] = 0x2000000 } },
	{ "4.5-4.9", 4, 5, 0, 1, LOW8, MID_44(0x100),
	  [L_ACCOUNT] = 0x100000, [L_NOTRACK] = 0x200000,
	  [L_DIRECT] = 0x400000, [L_OTHER_NODE] = 0x800000,
	  [L_WRITE] = 0x1000000, [L_KSWAPD] = 0x2000000 } },
	{ "4.10-4.12", 4, 10, 0, 1, LOW8, MID_44(0x100),
	  [L_ACCOUNT] = 0x100000, [L_NOTRACK] = 0x200000,
	  [L_DIRECT] = 0x400000, [L_WRITE] = 0x800000,
	  [L_KSWAPD] = 0x1000000, [L_NOLOCKDEP] = 0x2000000 } },
	{ "4.13-4.14", 4, 13, 1, 1, LOW8, MID_44(0x100),
	  [L_ACCOUNT] = 0x100000, [L_NOTRACK] = 0x200000,
	  [L_DIRECT] = 0x400000, [L_WRITE] = 0x800000,
	  [L_KSWAPD] = 0x1000000, [L_NOLOCKDEP] = 0x2000000 } },
	{ "4.15-4.17", 4, 15, 1, 0, LOW8, MID_44(0),
	  [L_ACCOUNT] = 0x100000, [L_DIRECT] = 0x400000,
	  [L_WRITE] = 0x800000, [L_KSWAPD] = 0x1000000,
	  [L_NOLOCKDEP] = 0x2000000 } },
	{ "4.18-5.0", 4, 18, 1, 0, LOW8, MID_44(0), [L_WRITE] = 0x100,
	  [L_ACCOUNT] = 0x100000, [L_DIRECT] = 0x200000,
	  [L_KSWAPD] = 0x400000 } },
	{ "5.x-6.2", 5, 1, 1, 0, LOW8, [L_ZERO] = 0x100,
	  [L_ATOMIC] = 0x200, [L_DIRECT] = 0x400, [L_KSWAPD] = 0x800,
	  [L_WRITE] = 0x1000, [L_NOWARN] = 0x2000, [L_REPEAT] = 0x4000,
	  [L_NOFAIL] = 0x8000, [L_NORETRY] = 0x10000,
	  [L_MEMALLOC] = 0x20000, [L_COMP] = 0x40000,
	  [L_NOMEMALLOC] = 0x80000, [L_HARDWALL] = 0x100000,
	  [L_THISNODE] = 0x200000, [L_ACCOUNT] = 0x400000 } },
	{ "6.3+", 6, 3, 1, 0, LOW8, [L_ZERO] = 0x100,
	  [L_DIRECT] = 0x400, [L_KSWAPD] = 0x800,
	  [L_WRITE] = 0x1000, [L_NOWARN] = 0x2000, [L_REPEAT] = 0x4000,
	  [L_NOFAIL] = 0x8000, [L_NORETRY] = 0x10000,
	  [L_MEMALLOC] = 0x20000, [L_COMP] = 0x40000,
	  [L_NOMEMALLOC] = 0x80000, [L_HARDWALL] = 0x100000,
	  [L_THISNODE] = 0x200000, [L_ACCOUNT] = 0x400000 } },
};

/* era_of: the era of kernel major.minor (>= 4.4). */
static const struct gfp_era *era_of(int major, int minor)
{
	size_t k = N(eras);

	while (k-- > 0)
		if (major > eras[k].major ||
		    (major == eras[k].major && minor >= eras[k].minor))
			return &eras[k];
	return &eras[0];
}

/* take: when all bits of m are in *mask, name them and clear them. */
static void take(unsigned long long *mask, unsigned long long m,
		 const char *name, struct gfp_info *out)
{
	if (!m || (*mask & m) != m)
		return;
	add_name(out, name, strlen(name));
	out->sem |= gfp_name_sem(name, strlen(name));
	*mask &= ~m;
}

/*
 * decode_era: decode mask like the kernel's flag printer of era e
 * (include/trace/events/mmflags.h): the compound names first, each an
 * exact union of that era's bits, then single bits, leftovers in hex.
 */
static void decode_era(const struct gfp_era *e, unsigned long long mask,
		       struct gfp_info *out)
{
	const unsigned *b = e->bit;
	unsigned long long rec = b[L_DIRECT] | b[L_KSWAPD];
	unsigned long long kern = rec | b[L_IO] | b[L_FS];
	unsigned long long user = kern | b[L_HARDWALL];
	unsigned long long hum = user | b[L_HIGHMEM] | b[L_MOVABLE];
	unsigned long long light = (hum | b[L_COMP] | b[L_NOMEMALLOC] |
				    b[L_NOWARN]) & ~rec;
	int k;

	/* GFP_TRANSHUGE{,_LIGHT} as 4.8+ define them; 4.4-4.7 differ */
	if (e->major > 4 || e->minor >= 10) {
		take(&mask, light | b[L_DIRECT], "GFP_TRANSHUGE", out);
		take(&mask, light, "GFP_TRANSHUGE_LIGHT", out);
	}
	take(&mask, hum, "GFP_HIGHUSER_MOVABLE", out);
	take(&mask, user | b[L_HIGHMEM], "GFP_HIGHUSER", out);
	take(&mask, user, "GFP_USER", out);
	if (e->temporary)
		take(&mask, kern | b[L_RECLAIMABLE], "GFP_TEMPORARY", out);
	if (b[L_ACCOUNT])
		take(&mask, kern | b[L_ACCOUNT], "GFP_KERNEL_ACCOUNT", out);
	take(&mask, kern, "GFP_KERNEL", out);
	take(&mask, rec | b[L_IO], "GFP_NOFS", out);
	take(&mask, b[L_HIGH] | b[L_ATOMIC] | b[L_KSWAPD], "GFP_ATOMIC", out);
	take(&mask, rec, "GFP_NOIO", out);
	take(&mask, b[L_KSWAPD], "GFP_NOWAIT", out);
	for (k = 0; k < L_NFLAGS; k++)
		take(&mask, b[k], k == L_REPEAT && e->retry_mayfail ?
		     "__GFP_RETRY_MAYFAIL" : gfl_names[k], out);
	if (mask) {
		char hex[24];

		snprintf(hex, sizeof(hex), "0x%llx", mask);
		add_name(out, hex, strlen(hex));
	}
}

/*
 * gfp_explain: fill out from the printed names, or decode the hex mask
 * with the layout of the kernel's era: the __GFP_WAIT layout before 4.4,
 * then the eras[] table (4.4, 4.5-4.9, 4.10-4.12, 4.13-4.14, 4.15-4.17,
 * 4.18-5.0, 5.x-6.2, 6.3+). Without a version, bits only 4.4 had decide
 * between 4.4 and older (4.5+ print names).
 */
void gfp_explain(const char *printed, int has_mask, unsigned long long mask,
		 const char *kernel, struct gfp_info *out)
{
	int major, minor, have_ver;

	memset(out, 0, sizeof(*out));
	if (printed && printed[0]) {
		from_printed(printed, out);
		out->known = 1;
		out->why = N_("names printed by the kernel");
		return;
	}
	if (!has_mask) {
		out->why = N_("no gfp_mask in the log");
		return;
	}
	if (mask == 0) {
		out->known = 1;
		out->inferred = 1;
		out->why = N_("a zero mask: no flags at all (no reclaim, "
			       "no IO)");
		return;
	}
	have_ver = kernel_version_num(kernel, &major, &minor) == 0;
	out->known = 1;
	out->inferred = 1;
	if (have_ver && (major > 4 || (major == 4 && minor >= 4))) {
		const struct gfp_era *e = era_of(major, minor);

		out->layout = e->name;
		out->why = major > 4 || minor >= 5 ?
			   N_("no names survived (4.5+ prints them): decoded "
			      "with this kernel's bit layout") :
			   N_("kernel 4.4 bit layout");
		decode_era(e, mask, out);
	} else if (!have_ver && ((mask & F_KSWAPD_RECLAIM) ||
				 ((mask & F_DIRECT_RECLAIM) &&
				  !(mask & O_WAIT)))) {
		out->layout = "4.4";
		out->why = N_("4.4 bit layout (bits only 4.4 used; no "
			       "version)");
		decode_era(&eras[0], mask, out);
	} else {
		out->layout = "2.6-4.3";
		out->why = have_ver ?
			   N_("pre-4.4 bit layout (__GFP_WAIT era)") :
			   N_("pre-4.4 bit layout (no kernel version in the "
			      "log)");
		decode(layout_old, N(layout_old), mask, out);
	}
}

/* put: append text to buf, keeping it terminated. */
static void put(char *buf, size_t cap, size_t *used, const char *text)
{
	size_t len = strlen(text);

	if (*used + len + 1 > cap)
		return;
	memcpy(buf + *used, text, len + 1);
	*used += len;
}

/*
 * gfp_describe: the mask's meaning in words, for people, in their
 * language: what it may do, then which memory it may use.
 */
size_t gfp_describe(unsigned sem, char *buf, size_t cap)
{
	static const struct {
		unsigned bit;
		const char *text;
	} extra[] = {
		/*
		 * TRANSLATORS: clauses that follow "may sleep and reclaim",
		 * each with its own leading separator
		 */
		{ G_IO, N_(", may start IO") },
		{ G_FS, N_(", may call into filesystems") },
		{ G_HIGH, N_(", may dip into reserves") },
		{ G_HARDWALL, N_(", confined to its cpuset") },
		{ G_THISNODE, N_(", this NUMA node only") },
		{ G_ZERO, N_(", zeroed") },
		{ G_COMP, N_(", compound page") },
		{ G_ACCOUNT, N_(", charged to its memory cgroup") },
		{ G_NOWARN, N_(", no failure warning") },
		{ G_NORETRY, N_(", gives up early") },
		{ G_RETRY, N_(", retries hard") },
		{ G_NOFAIL, N_(", must not fail") },
		{ G_MEMALLOC, N_(", may use all reserves") },
	};
	size_t used = 0, k;

	if (cap == 0)
		return 0;
	buf[0] = '\0';
	if (sem & G_DIRECT)
		put(buf, cap, &used, _("may sleep and reclaim"));
	else if (sem & G_KSWAPD)
		put(buf, cap, &used, _("must not sleep (only wakes kswapd)"));
	else
		put(buf, cap, &used, _("must not sleep or reclaim"));
	for (k = 0; k < N(extra); k++)
		if (sem & extra[k].bit)
			put(buf, cap, &used, _(extra[k].text));
	if (sem & G_DMA)
		/* TRANSLATORS: which memory it may use, after the above */
		put(buf, cap, &used, _("; DMA zone only"));
	else if (sem & G_DMA32)
		put(buf, cap, &used, _("; below 4 GiB only"));
	else if ((sem & G_MOVABLE) && (sem & G_HIGHMEM))
		put(buf, cap, &used, _("; user page, movable, highmem ok"));
	else if (sem & G_MOVABLE)
		put(buf, cap, &used, _("; movable, low memory only"));
	else if (sem & G_HIGHMEM)
		put(buf, cap, &used, _("; highmem ok, unmovable"));
	else
		put(buf, cap, &used, _("; kernel memory, unmovable"));
	return used;
}

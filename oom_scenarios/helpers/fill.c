// SPDX-License-Identifier: GPL-2.0
/*
 * fill.c - the page fills of rlk-hog. Each page is written in full (or,
 * for "zero", at one byte), so every page is really faulted in, and
 * what zram makes of it depends on the fill alone:
 *
 *   zero    one byte of 1 at the start of the page: about 100:1 with
 *           lzo-rle, yet not "same-filled" (zram would store those
 *           without compressing at all)
 *   text    a paragraph of English repeated, with the page number on
 *           top so no two pages are equal: about 11:1 with lzo-rle
 *   random  xorshift64* output, seeded per run: does not compress
 */
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fill.h"

static const char *const fill_names[] = {
	[FILL_ZERO] = "zero",
	[FILL_TEXT] = "text",
	[FILL_RANDOM] = "random",
};

#define N_FILLS (sizeof(fill_names) / sizeof(fill_names[0]))

static const char paragraph[] =
	"When memory runs out, the kernel first reclaims: it drops clean page "
	"cache, writes dirty pages back, and swaps anonymous pages out. Only "
	"when reclaim makes no progress does the allocator invoke the OOM "
	"killer, which picks the task with the highest badness (resident "
	"memory, swap and page tables, shifted by oom_score_adj) and kills "
	"it with SIGKILL.\n";

/* The name of a fill, as given to --fill. */
const char *fill_name(enum fill_kind kind)
{
	return (unsigned int)kind < N_FILLS ? fill_names[kind] : "?";
}

/* Look up a --fill name; 0 on success, -1 if there is no such fill. */
int fill_lookup(const char *name, enum fill_kind *out)
{
	unsigned int i;

	for (i = 0; i < N_FILLS; i++) {
		if (strcmp(name, fill_names[i]) == 0) {
			*out = i;
			return 0;
		}
	}
	return -1;
}

/* splitmix64: spread the bits of @x, so close seeds give far states. */
static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* A seed that differs from run to run: the clock and the pid. */
uint64_t fill_seed(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ((uint64_t)ts.tv_sec << 30) ^ (uint64_t)ts.tv_nsec ^
	       ((uint64_t)getpid() << 40);
}

/* Start a fill; @seed only matters for FILL_RANDOM. */
void fill_init(struct fill *f, enum fill_kind kind, uint64_t seed)
{
	f->kind = kind;
	f->state = mix(seed);
	if (!f->state)		/* xorshift never leaves zero */
		f->state = 1;
}

/* xorshift64* (Vigna): the next 64 random bits. */
static uint64_t next(struct fill *f)
{
	uint64_t x = f->state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	f->state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* Fill @len bytes with random bits, 8 at a time. */
static void fill_random(struct fill *f, unsigned char *p, size_t len)
{
	uint64_t r;
	size_t i;

	for (i = 0; i + sizeof(r) <= len; i += sizeof(r)) {
		r = next(f);
		memcpy(p + i, &r, sizeof(r));
	}
	if (i < len) {
		r = next(f);
		memcpy(p + i, &r, len - i);
	}
}

/* Fill @len bytes with the page number, then the paragraph, repeated. */
static void fill_text(unsigned char *p, size_t len, unsigned long long index)
{
	char head[] = "page 0000000000\n";
	size_t n, off;
	int i;

	for (i = 14; i >= 5; i--, index /= 10)
		head[i] = '0' + index % 10;
	n = sizeof(head) - 1 < len ? sizeof(head) - 1 : len;
	memcpy(p, head, n);
	for (off = n; off < len; off += n) {
		n = len - off < sizeof(paragraph) - 1 ?
		    len - off : sizeof(paragraph) - 1;
		memcpy(p + off, paragraph, n);
	}
}

/*
 * Write page number @index, @len bytes at @page, with the fill. Every
 * fill writes the first byte, which is what faults the page in.
 */
void fill_page(struct fill *f, unsigned char *page, size_t len,
	       unsigned long long index)
{
	switch (f->kind) {
	case FILL_ZERO:
		page[0] = 1;
		break;
	case FILL_TEXT:
		fill_text(page, len, index);
		break;
	case FILL_RANDOM:
		fill_random(f, page, len);
		break;
	}
}

// SPDX-License-Identifier: GPL-2.0
/*
 * tests/fill_test.c - the page fills: "zero" writes one byte, "text" is
 * printable and repetitive, "random" has an even byte distribution and
 * nothing for a compressor to find. A compressor finds repeats, so
 * "repeats" below is the share of 4-byte strings a page already had.
 */
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "../fill.h"
#include "tap.h"

#define PAGE 4096
#define PAGES 256	/* 1 MiB */

static unsigned char buf[PAGES * PAGE];

/* Fill @pages pages of buf, zeroed first, with @kind. */
static void fill_pages(enum fill_kind kind, uint64_t seed, size_t pages)
{
	struct fill f;
	size_t i;

	memset(buf, 0, sizeof(buf));
	fill_init(&f, kind, seed);
	for (i = 0; i < pages; i++)
		fill_page(&f, buf + i * PAGE, PAGE, i);
}

/*
 * Per mille of the 4-byte strings of a page that occurred earlier in
 * it: about what an LZ compressor can replace with a back-reference.
 */
static unsigned int repeats(const unsigned char *p)
{
	static uint8_t seen[1 << 21];	/* a bit per 24-bit hash */
	unsigned int i, hits = 0;

	memset(seen, 0, sizeof(seen));
	for (i = 0; i + 4 <= PAGE; i++) {
		uint32_t h = (p[i] | p[i + 1] << 8 | p[i + 2] << 16 |
			      (uint32_t)p[i + 3] << 24) * 2654435761U >> 8;

		if (seen[h >> 3] & (1 << (h & 7)))
			hits++;
		seen[h >> 3] |= 1 << (h & 7);
	}
	return hits * 1000 / (PAGE - 3);
}

/* --fill names round-trip; unknown ones are refused. */
static void test_names(void)
{
	enum fill_kind k = FILL_TEXT;

	tap_is_int(0, fill_lookup("random", &k), "'random' is a fill");
	tap_is_int(FILL_RANDOM, k, "... FILL_RANDOM");
	tap_is_int(-1, fill_lookup("ones", &k), "'ones' is not a fill");
	tap_is_int(-1, fill_lookup("", &k), "'' is not a fill");
	tap_like("zero", fill_name(FILL_ZERO), "fill_name(FILL_ZERO)");
	tap_like("?", fill_name(99), "fill_name() of a bad value");
}

/* zero: exactly one non-zero byte per page, not a same-filled page. */
static void test_zero(void)
{
	size_t i, nonzero = 0;

	fill_pages(FILL_ZERO, 1, PAGES);
	for (i = 0; i < sizeof(buf); i++)
		nonzero += buf[i] != 0;
	tap_is_int(PAGES, nonzero, "zero: one non-zero byte per page");
	tap_is_int(1, buf[PAGE], "zero: the page's first byte is 1, so it is not same-filled");
}

/* text: printable lines, the page number on top, mostly repeats. */
static void test_text(void)
{
	size_t i, bad = 0;

	fill_pages(FILL_TEXT, 1, PAGES);
	for (i = 0; i < sizeof(buf); i++)
		bad += !(buf[i] == '\n' || (buf[i] >= ' ' && buf[i] < 127));
	tap_is_int(0, bad, "text: printable ASCII and newlines only");
	tap_ok(memcmp(buf + 42 * PAGE, "page 0000000042\n", 16) == 0,
	       "text: page 42 starts with 'page 0000000042'");
	tap_ok(memcmp(buf, buf + PAGE, PAGE) != 0, "text: pages differ");
	tap_ok(memcmp(buf + 16, buf + PAGE + 16, PAGE - 16) == 0,
	       "text: ... only in the page number");
	tap_ok(repeats(buf + 7 * PAGE) >= 850,
	       "text: >= 85%% of 4-byte strings repeat (%u per mille)",
	       repeats(buf + 7 * PAGE));
}

/*
 * random: a chi-square over the 256 byte values of 1 MiB, between the
 * 0.01%% and 99.99%% points of 255 degrees of freedom (168, 346).
 */
static void test_random(void)
{
	unsigned long count[256] = { 0 };
	double chi = 0, want = sizeof(buf) / 256.0;
	unsigned int i, worst = 0;

	fill_pages(FILL_RANDOM, 42, PAGES);
	for (i = 0; i < sizeof(buf); i++)
		count[buf[i]]++;
	for (i = 0; i < 256; i++)
		chi += (count[i] - want) * (count[i] - want) / want;
	tap_ok(chi > 168 && chi < 346,
	       "random: bytes evenly spread (chi-square %.1f)", chi);
	for (i = 0; i < PAGES; i++)
		if (repeats(buf + i * PAGE) > worst)
			worst = repeats(buf + i * PAGE);
	tap_ok(worst <= 5, "random: <= 0.5%% of 4-byte strings repeat in any page (worst %u per mille)",
	       worst);
}

/* random: the seed decides the stream; another seed, another stream. */
static void test_seeds(void)
{
	static unsigned char first[PAGE];
	uint64_t seed;

	fill_pages(FILL_RANDOM, 42, 1);
	memcpy(first, buf, PAGE);
	fill_pages(FILL_RANDOM, 42, 1);
	tap_ok(memcmp(first, buf, PAGE) == 0, "random: same seed, same bytes");
	fill_pages(FILL_RANDOM, 43, 1);
	tap_ok(memcmp(first, buf, PAGE) != 0, "random: seed 43 differs from 42");
	fill_pages(FILL_RANDOM, 0, 1);
	tap_ok(buf[0] || buf[1] || buf[2] || buf[3],
	       "random: seed 0 still gives random bytes");
	seed = fill_seed();
	nanosleep(&(struct timespec) { .tv_nsec = 1000000 }, NULL);
	tap_ok(seed != fill_seed(), "fill_seed(): a run 1 ms later seeds otherwise");
}

/* A short last page (SIZE not a page multiple) is written up to its end. */
static void test_short(void)
{
	struct fill f;
	enum fill_kind k;

	for (k = FILL_ZERO; k <= FILL_RANDOM; k++) {
		memset(buf, 0, 64);
		fill_init(&f, k, 7);
		fill_page(&f, buf, 13, 0);
		tap_ok(buf[0] && !buf[13] && !buf[63],
		       "%s: a 13-byte page: written, not beyond", fill_name(k));
	}
}

/* Run every fill check; the exit status counts the failures. */
int main(void)
{
	test_names();
	test_zero();
	test_text();
	test_random();
	test_seeds();
	test_short();
	return tap_done();
}

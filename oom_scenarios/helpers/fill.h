/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fill.h - what rlk-hog writes into each page, chosen for how it
 * compresses (zram): almost nothing, text, or random bytes.
 */
#ifndef RLK_FILL_H
#define RLK_FILL_H

#include <stddef.h>
#include <stdint.h>

enum fill_kind {
	FILL_ZERO,	/* one non-zero byte per page: tiny, not same-filled */
	FILL_TEXT,	/* repetitive English text: compresses well */
	FILL_RANDOM,	/* xorshift64* output: incompressible */
};

/* One writer of pages: the kind and the generator's state. */
struct fill {
	enum fill_kind kind;
	uint64_t state;
};

const char *fill_name(enum fill_kind kind);
int fill_lookup(const char *name, enum fill_kind *out);
uint64_t fill_seed(void);
void fill_init(struct fill *f, enum fill_kind kind, uint64_t seed);
void fill_page(struct fill *f, unsigned char *page, size_t len,
	       unsigned long long index);

#endif /* RLK_FILL_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * alloc.h - the victim: threads that take memory until they cannot.
 */
#ifndef OOM_ALLOC_H
#define OOM_ALLOC_H

#include <stdio.h>

#include "options.h"

/*
 * One counter per thread, each on its own cache line so the threads do
 * not slow each other down. The parent sums them.
 */
struct progress_slot {
	unsigned long long touched;	/* bytes this thread has written */
} __attribute__((aligned(64)));

/*
 * Lives in a MAP_SHARED page made before fork(): the parent still reads
 * it after the kernel has SIGKILLed the victim.
 */
struct progress {
	unsigned int threads;
	struct progress_slot slot[];
};

struct progress *progress_create(unsigned int threads);
unsigned long long progress_touched(const struct progress *p);

/* What the victim needs to know; @threads is already resolved. */
struct victim {
	const struct options *opt;
	unsigned int threads;
	struct progress *progress;
	FILE *out;			/* where per-chunk lines go */
};

__attribute__((noreturn)) void victim_run(const struct victim *v);

#endif /* OOM_ALLOC_H */

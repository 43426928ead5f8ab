/* SPDX-License-Identifier: GPL-2.0 */
/*
 * common/clock.h - seconds on CLOCK_MONOTONIC, the clock that only goes
 * forward: what the kit's C tools time their runs and sampling with.
 */
#ifndef RLK_CLOCK_H
#define RLK_CLOCK_H

#include <time.h>

/* CLOCK_MONOTONIC now, in seconds. */
static inline double mono_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

#endif /* RLK_CLOCK_H */

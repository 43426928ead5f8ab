/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pressure.h - the text side of PSI: which file, the trigger string,
 * and the avg10 figures read back.
 */
#ifndef RLK_PRESSURE_H
#define RLK_PRESSURE_H

#include <stdbool.h>
#include <stddef.h>

#include "parse.h"

#define PRESSURE_SYSTEM "/proc/pressure/memory"

/* avg10 of "some" and "full"; full is -1 where the file has no line. */
struct pressure_avg {
	double some;
	double full;
};

int pressure_path(char *buf, size_t len, const char *cgroup);
int pressure_trigger(char *buf, size_t len, bool full, long stall_ms,
		     long window_ms);
enum parse_err pressure_parse(const char *text, struct pressure_avg *avg);

#endif /* RLK_PRESSURE_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * chart.h - "oom-timeline chart": the terminal view of a timeline.
 */
#ifndef OOM_TIMELINE_CHART_H
#define OOM_TIMELINE_CHART_H

#include <stddef.h>
#include <stdio.h>

#include "timeline.h"

int chart_draw(FILE *f, const struct timeline *tl, unsigned int width,
	       const char *zone, char *err, size_t errlen);

#endif /* OOM_TIMELINE_CHART_H */

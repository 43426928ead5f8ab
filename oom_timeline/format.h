/* SPDX-License-Identifier: GPL-2.0 */
/*
 * format.h - the timeline file: written by record, read by chart (the
 * format is described at the top of format.c and in README.md).
 */
#ifndef OOM_TIMELINE_FORMAT_H
#define OOM_TIMELINE_FORMAT_H

#include <stddef.h>
#include <stdio.h>

#include "timeline.h"

int tl_write(FILE *f, const struct timeline *tl);
int tl_read(FILE *f, struct timeline *tl, char *err, size_t errlen);

#endif /* OOM_TIMELINE_FORMAT_H */

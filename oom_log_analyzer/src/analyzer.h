/* SPDX-License-Identifier: GPL-2.0 */
/*
 * analyzer.h - the pipeline: bytes -> lines (input) -> records
 * (normalize) -> events (events) -> text or JSON (render). One analyzer
 * handles any number of inputs one after another, with fixed memory.
 */
#ifndef OOM_ANALYZER_H
#define OOM_ANALYZER_H

#include <stddef.h>
#include <stdio.h>

struct analyzer;

struct analyzer *analyzer_new(FILE *out, int json, int color);
void analyzer_begin(struct analyzer *a, const char *name);
void analyzer_push(struct analyzer *a, const char *buf, size_t n);
int analyzer_read_fd(struct analyzer *a, int fd);
void analyzer_end(struct analyzer *a);
unsigned long analyzer_events(const struct analyzer *a);
void analyzer_free(struct analyzer *a);

#endif /* OOM_ANALYZER_H */

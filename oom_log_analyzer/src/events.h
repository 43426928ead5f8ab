/* SPDX-License-Identifier: GPL-2.0 */
/*
 * events.h - the state machine that assembles records into OOM events.
 *
 * Events are handed out a little after they end: an oom_reaper line can
 * follow after the next report has started, so the last few events stay
 * in a small ring until nothing more can come for them (a reaper line
 * came, the ring is full, the log says the machine rebooted, or the input
 * ended). Memory is fixed: the ring and its task tables are allocated once.
 */
#ifndef OOM_EVENTS_H
#define OOM_EVENTS_H

#include "event.h"
#include "normalize.h"

#define RING_SLOTS 5

typedef void (*event_fn)(void *ctx, const struct oom_event *ev);

struct events;

struct events *events_new(event_fn fn, void *ctx);
void events_free(struct events *es);
void events_record(struct events *es, const struct record *r);
void events_end_input(struct events *es);

#endif /* OOM_EVENTS_H */

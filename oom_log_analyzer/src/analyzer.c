// SPDX-License-Identifier: GPL-2.0
/*
 * analyzer.c - wire the layers together with callbacks; nothing here
 * allocates per line or per event.
 */
#include "analyzer.h"

#include <stdlib.h>

#include "events.h"
#include "input.h"
#include "normalize.h"
#include "render.h"
#include "scan.h"

struct analyzer {
	FILE *out;
	int json;
	int color;
	char name[256];		/* current input, for the output */
	unsigned long nevents;
	struct events *es;
	struct splitter sp;
	struct normalizer nz;
};

/* on_event: print one finished event. */
static void on_event(void *ctx, const struct oom_event *ev)
{
	struct analyzer *a = ctx;

	a->nevents++;
	if (a->json)
		render_json(a->out, a->name, ev);
	else
		render_text(a->out, a->name, ev, a->color);
}

/* on_record: a normalised record goes to the state machine. */
static void on_record(void *ctx, const struct record *r)
{
	struct analyzer *a = ctx;

	events_record(a->es, r);
}

/* on_line: a physical line goes to the normalizer. */
static void on_line(void *ctx, const char *line, size_t len, int truncated)
{
	struct analyzer *a = ctx;

	norm_line(&a->nz, line, len, truncated);
}

/* analyzer_new: an analyzer printing to out; NULL when out of memory. */
struct analyzer *analyzer_new(FILE *out, int json, int color)
{
	struct analyzer *a = calloc(1, sizeof(*a));

	if (!a)
		return NULL;
	a->es = events_new(on_event, a);
	if (!a->es) {
		free(a);
		return NULL;
	}
	a->out = out;
	a->json = json;
	a->color = color;
	return a;
}

/* analyzer_begin: start an input called name ("-" is stdin). */
void analyzer_begin(struct analyzer *a, const char *name)
{
	copy_str(a->name, sizeof(a->name), name, sizeof(a->name));
	split_init(&a->sp, on_line, a);
	norm_init(&a->nz, on_record, a);
}

/* analyzer_push: feed bytes of the current input. */
void analyzer_push(struct analyzer *a, const char *buf, size_t n)
{
	split_push(&a->sp, buf, n);
}

/* analyzer_read_fd: feed all of fd; 0 or the errno of a failed read. */
int analyzer_read_fd(struct analyzer *a, int fd)
{
	return split_read_fd(&a->sp, fd);
}

/* analyzer_end: the current input ended: flush every layer. */
void analyzer_end(struct analyzer *a)
{
	split_finish(&a->sp);
	norm_flush(&a->nz);
	events_end_input(a->es);
}

/* analyzer_events: how many events were printed so far. */
unsigned long analyzer_events(const struct analyzer *a)
{
	return a->nevents;
}

/* analyzer_free: release everything. */
void analyzer_free(struct analyzer *a)
{
	if (!a)
		return;
	events_free(a->es);
	free(a);
}

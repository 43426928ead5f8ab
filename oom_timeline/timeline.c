// SPDX-License-Identifier: GPL-2.0
/*
 * timeline.c - the in-memory recording: columns, rows and events.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "timeline.h"

/* An empty timeline. */
void tl_init(struct timeline *tl)
{
	memset(tl, 0, sizeof(*tl));
}

/* Free what a timeline holds; it is empty afterwards. */
void tl_free(struct timeline *tl)
{
	size_t i;

	for (i = 0; i < tl->nevents; i++)
		free(tl->ev[i].detail);
	free(tl->ev);
	free(tl->v);
	tl_init(tl);
}

/*
 * Add a column (only before the first row). Returns its index, or -1
 * when the name is too long, already there, or the table is full.
 */
int tl_add_col(struct timeline *tl, const char *name)
{
	if (tl->nsamples || tl->ncols >= TL_MAX_COLS ||
	    strlen(name) >= TL_COL_LEN || tl_col(tl, name) >= 0)
		return -1;
	strcpy(tl->cols[tl->ncols], name);
	return tl->ncols++;
}

/* The index of the column called @name, or -1. */
int tl_col(const struct timeline *tl, const char *name)
{
	int i;

	for (i = 0; i < tl->ncols; i++)
		if (!strcmp(tl->cols[i], name))
			return i;
	return -1;
}

/* Make room for @rows rows in all; 0 or ENOMEM. */
int tl_reserve(struct timeline *tl, size_t rows)
{
	double *v;

	if (rows <= tl->cap)
		return 0;
	v = realloc(tl->v, rows * tl->ncols * sizeof(*v));
	if (!v)
		return ENOMEM;
	tl->v = v;
	tl->cap = rows;
	return 0;
}

/*
 * Append a row of NANs and return it, growing the table by half when
 * full; NULL when memory runs out.
 */
double *tl_new_row(struct timeline *tl)
{
	double *row;
	int i;

	if (tl->nsamples == tl->cap &&
	    tl_reserve(tl, tl->cap ? tl->cap + tl->cap / 2 : 1024))
		return NULL;
	row = tl->v + tl->nsamples * tl->ncols;
	for (i = 0; i < tl->ncols; i++)
		row[i] = NAN;
	tl->nsamples++;
	return row;
}

/* The value of column @col in row @row (NAN when @col < 0). */
double tl_get(const struct timeline *tl, size_t row, int col)
{
	if (col < 0 || row >= tl->nsamples)
		return NAN;
	return tl->v[row * tl->ncols + col];
}

/* Copy @src into @dst of @size bytes, cut if need be. */
void tl_strcpy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Append @src to the string in @dst of @size bytes, cut if need be. */
void tl_strcat(char *dst, size_t size, const char *src)
{
	size_t n = strlen(dst);

	if (n < size)
		tl_strcpy(dst + n, size - n, src);
}

/* Append one event; 0 or ENOMEM. */
int tl_add_event(struct timeline *tl, double t, const char *name, int pid,
		 const char *comm, const char *detail)
{
	struct event *ev;

	if (tl->nevents == tl->ev_cap) {
		size_t cap = tl->ev_cap ? tl->ev_cap * 2 : 256;

		ev = realloc(tl->ev, cap * sizeof(*ev));
		if (!ev)
			return ENOMEM;
		tl->ev = ev;
		tl->ev_cap = cap;
	}
	ev = &tl->ev[tl->nevents];
	ev->detail = strdup(detail ? detail : "");
	if (!ev->detail)
		return ENOMEM;
	ev->t = t;
	ev->pid = pid;
	tl_strcpy(ev->name, sizeof(ev->name), name);
	tl_strcpy(ev->comm, sizeof(ev->comm), comm);
	tl->nevents++;
	return 0;
}

/*
 * Put the events in time order, keeping the order of equal times: an
 * insertion sort, linear for the trace, which is already merged across
 * CPUs; only files edited by hand need more.
 */
void tl_sort_events(struct timeline *tl)
{
	struct event tmp;
	size_t i, j;

	for (i = 1; i < tl->nevents; i++) {
		if (tl->ev[i].t >= tl->ev[i - 1].t)
			continue;
		tmp = tl->ev[i];
		for (j = i; j > 0 && tl->ev[j - 1].t > tmp.t; j--)
			tl->ev[j] = tl->ev[j - 1];
		tl->ev[j] = tmp;
	}
}

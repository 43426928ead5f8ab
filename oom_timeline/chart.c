// SPDX-License-Identifier: GPL-2.0
/*
 * chart.c - "oom-timeline chart": the end of a run, on a terminal.
 *
 * Plain ASCII, every line at most --width columns (80 by default):
 *
 *   the header        what ran, for how long, how often it was sampled;
 *   the whole run     the zone's free memory (MiB) falling, K at each
 *                     OOM kill, [ ] around the part zoomed in below;
 *   the watermarks    that part, in pages from 0 to 1.5 x high: the
 *                     free pages the request could use (*; without the
 *                     CMA area, if the zone holds one: . is free with
 *                     it) through the high, low and min lines, and when
 *                     they were crossed;
 *   key series        one line each, on the same time axis: PSI some
 *                     and full (% of the time stalled, from the totals),
 *                     direct reclaims, pages scanned, MemAvailable;
 *   kernel events     in order, floods collapsed (summary.c).
 *
 * The zone is --zone; else the biggest of the zones the kernel weighed
 * in oom:reclaim_retry_zone before the first kill; else (no trace) the
 * one whose usable free pages came nearest its min watermark.
 *
 * The words are in the reader's language (gettext); widths are display
 * columns (a CJK character takes two). English lines are cut and
 * wrapped as they always were; a line with wider characters in it (a
 * translation) is wrapped by display columns instead of being cut, so
 * none of its numbers is lost. The plots, the axes and the short labels
 * left of them are the same in every language.
 */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "i18n.h"
#include "summary.h"

#define LEFT		9	/* "   12672|" */
#define RIGHT		14	/* "| lowest 99 MiB" after the plot */
#define ROWS_RUN	5
#define ROWS_ZOOM	12
#define ZOOM_TOP	1.5	/* the zoom's top, x high */
#define MAX_KILLS	64
#define MAX_LINES	40
#define LEVELS		" .:-=+*#%@"

/* What is drawn: the timeline, the chosen zone, its series. */
struct chart {
	const struct timeline *tl;
	FILE *f;
	int width, cols;
	char zone[TL_COL_LEN];
	int c_free, c_min, c_low, c_high, c_cma;
	double *usable;		/* per sample: free the request could use */
	double *free;		/* per sample: all free pages */
	double kills[MAX_KILLS];
	int nkills;
	bool kills_traced;	/* from oom:mark_victim, else oom_kill */
};

/* The time window of a panel, and which samples fall in each column. */
struct window {
	double t0, t1;
	long *first, *last;	/* sample range per column; first < 0: none */
};

/* The bytes of @s that fit in @width display columns, whole characters. */
static int fit_width(const char *s, int width)
{
	int n = 0, w = 0;

	while (s[n]) {
		int len = 1;

		while ((s[n + len] & 0xc0) == 0x80)
			len++;
		w += text_width(s + n, len);
		if (w > width)
			break;
		n += len;
	}
	return n;
}

/* Is @s plain ASCII (English, numbers, the kernel's names)? */
static bool is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* Print @s cut to the chart's width, trailing blanks dropped. */
static void put_line(const struct chart *c, const char *s)
{
	int n = fit_width(s, c->width);

	while (n > 0 && s[n - 1] == ' ')
		n--;
	fprintf(c->f, "%.*s\n", n, s);
}

/*
 * Print the line @s: cut to the chart's width if it is plain ASCII (as
 * English always was), else wrapped by display columns.
 */
static void put_text(const struct chart *c, const char *s)
{
	if (is_ascii(s))
		put_line(c, s);
	else
		put_wrapped(c->f, 0, 0, c->width, s);
}

/* printf() a line, cut to the chart's width. */
__attribute__((format(printf, 2, 3)))
static void say(const struct chart *c, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	put_line(c, buf);
}

/* printf() a line: put_text(). */
__attribute__((format(printf, 2, 3)))
static void say_text(const struct chart *c, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	put_text(c, buf);
}

/*
 * Print @text after @prefix (ASCII), wrapped at spaces to the chart's
 * width; lines after the first are indented as deep as @prefix. Text
 * with wide characters is wrapped by display columns (put_wrapped()).
 */
static void say_wrap(const struct chart *c, const char *prefix,
		     const char *text)
{
	int indent = strlen(prefix), room = c->width - indent;
	bool first = true;

	if (!is_ascii(text)) {
		fputs(prefix, c->f);
		put_wrapped(c->f, indent, indent, c->width, text);
		return;
	}
	if (room < 20)
		room = 20;
	while (*text) {
		int n = strlen(text);

		if (n > room) {
			for (n = room; n > 0 && text[n] != ' '; n--)
				;
			if (n == 0)
				n = room;
		}
		if (first)
			say(c, "%s%.*s", prefix, n, text);
		else
			say(c, "%*s%.*s", indent, "", n, text);
		first = false;
		text += n;
		text += strspn(text, " ");
	}
}

/* The time of sample @i. */
static double t_of(const struct chart *c, size_t i)
{
	return tl_get(c->tl, i, 0);
}

/* A column of the chart at @name+suffix of the chosen zone, or -1. */
static int zone_col(const struct chart *c, const char *suffix)
{
	char name[TL_COL_LEN * 2];

	snprintf(name, sizeof(name), "%s.%s", c->zone, suffix);
	return tl_col(c->tl, name);
}

/* Does the CMA area lie in zone @zone? Only when it is the only one. */
static bool zone_has_cma(const struct timeline *tl, const char *zone)
{
	return tl->cma_zones[0] && !strchr(tl->cma_zones, ' ') &&
	       !strcmp(tl->cma_zones, zone);
}

/* Free pages of @zone in sample @i the request could use. */
static double usable_of(const struct timeline *tl, const char *zone,
			size_t i)
{
	char name[TL_COL_LEN * 2];
	double free, cma;

	snprintf(name, sizeof(name), "%s.free", zone);
	free = tl_get(tl, i, tl_col(tl, name));
	cma = tl_get(tl, i, tl_col(tl, "nr_free_cma"));
	if (zone_has_cma(tl, zone) && !isnan(cma))
		free -= cma;
	return free;
}

/* Collect the kill times: oom:mark_victim, else steps of oom_kill. */
static void find_kills(struct chart *c)
{
	const struct timeline *tl = c->tl;
	int col = tl_col(tl, "oom_kill");
	size_t i;

	for (i = 0; i < tl->nevents && c->nkills < MAX_KILLS; i++)
		if (!strcmp(tl->ev[i].name, "oom:mark_victim"))
			c->kills[c->nkills++] = tl->ev[i].t;
	c->kills_traced = c->nkills > 0;
	for (i = 1; !c->nkills && i < tl->nsamples; i++)
		if (tl_get(tl, i, col) > tl_get(tl, i - 1, col))
			c->kills[c->nkills++] = t_of(c, i);
}

/* The sample at which to judge the zones: the last before the kill. */
static size_t judge_sample(const struct chart *c)
{
	size_t i, at = 0;

	for (i = 0; i < c->tl->nsamples; i++)
		if (!c->nkills || t_of(c, i) < c->kills[0])
			at = i;
	return at;
}

/* The zone of a ".free" column @col into @zone; false if it is not one. */
static bool free_col_zone(const struct timeline *tl, int col, char *zone,
			  size_t size)
{
	int n = strlen(tl->cols[col]);

	if (n < 6 || strcmp(tl->cols[col] + n - 5, ".free"))
		return false;
	snprintf(zone, size, "%.*s", n - 5, tl->cols[col]);
	return true;
}

/* Does the zone column prefix @zone ("DMA", "n1.DMA") name @name? */
static bool zone_is(const char *zone, const char *name)
{
	const char *dot = strrchr(zone, '.');

	return !strcmp(zone, name) || (dot && !strcmp(dot + 1, name));
}

/* How @zone fared against its min at the judged sample(s). */
static double zone_ratio(struct chart *c, const char *zone)
{
	const struct timeline *tl = c->tl;
	char name[TL_COL_LEN * 2];
	size_t at = judge_sample(c), i;
	double ratio = INFINITY;
	int min;

	snprintf(name, sizeof(name), "%s.min", zone);
	min = tl_col(tl, name);
	for (i = c->nkills ? at : 0; i < tl->nsamples; i++) {
		double r;

		if (c->nkills && i > at)
			break;
		r = usable_of(tl, zone, i) / tl_get(tl, i, min);

		if (r < ratio)
			ratio = r;
	}
	return ratio;
}

/*
 * Pick the zone: @want; else, of the zones the kernel weighed
 * (oom:reclaim_retry_zone) before the first kill, the biggest (most
 * free pages at the start); else the one whose usable free pages came
 * nearest its min watermark.
 */
static int pick_zone(struct chart *c, const char *want, char *err,
		     size_t errlen)
{
	const struct timeline *tl = c->tl;
	char zones[8][16], zone[TL_COL_LEN];
	double best = -1, v;
	size_t nz, k;
	int col;

	nz = retry_zones(tl, c->nkills ? c->kills[0] : INFINITY, zones, 8);
	c->zone[0] = '\0';
	for (col = 0; col < tl->ncols; col++) {
		if (!free_col_zone(tl, col, zone, sizeof(zone)))
			continue;
		if (want) {
			if (!zone_is(zone, want))
				continue;
			snprintf(c->zone, sizeof(c->zone), "%s", zone);
			return 0;
		}
		if (nz) {
			for (k = 0; k < nz && !zone_is(zone, zones[k]); k++)
				;
			if (k == nz)
				continue;
			v = tl_get(tl, 0, col);
		} else {
			v = -zone_ratio(c, zone);
		}
		if (!c->zone[0] || v > best) {
			best = v;
			snprintf(c->zone, sizeof(c->zone), "%s", zone);
		}
	}
	if (want)
		snprintf(err, errlen, _("no zone '%s' in the file"), want);
	else if (!c->zone[0])
		snprintf(err, errlen, "%s", _("no zone columns in the file"));
	return c->zone[0] ? 0 : -1;
}

/* Work out which samples fall in each of the window's columns. */
static int make_window(const struct chart *c, struct window *w, double t0,
		       double t1)
{
	double span = t1 - t0 > 0 ? t1 - t0 : 1e-3;
	size_t i;
	int col;

	w->t0 = t0;
	w->t1 = t0 + span;
	w->first = malloc(c->cols * sizeof(*w->first));
	w->last = malloc(c->cols * sizeof(*w->last));
	if (!w->first || !w->last)
		return -1;
	for (col = 0; col < c->cols; col++)
		w->first[col] = w->last[col] = -1;
	for (i = 0; i < c->tl->nsamples; i++) {
		double t = t_of(c, i);

		if (t < w->t0 || t > w->t1)
			continue;
		col = (int)((t - w->t0) / span * c->cols);
		if (col >= c->cols)
			col = c->cols - 1;
		if (w->first[col] < 0)
			w->first[col] = i;
		w->last[col] = i;
	}
	return 0;
}

/* Free a window's tables. */
static void free_window(struct window *w)
{
	free(w->first);
	free(w->last);
}

/* The column of time @t in @w, or -1 outside it. */
static int col_of(const struct chart *c, const struct window *w, double t)
{
	int col;

	if (t < w->t0 || t > w->t1)
		return -1;
	col = (int)((t - w->t0) / (w->t1 - w->t0) * c->cols);
	return col >= c->cols ? c->cols - 1 : col;
}

/*
 * Per column, the lowest of @v (one value per sample); columns without
 * a sample repeat the one before. NAN where nothing is known.
 */
static void column_min(const struct chart *c, const struct window *w,
		       const double *v, double *out)
{
	double prev = NAN;
	long i;
	int col;

	for (col = 0; col < c->cols; col++) {
		double m = NAN;

		for (i = w->first[col]; i >= 0 && i <= w->last[col]; i++)
			if (!isnan(v[i]) && (isnan(m) || v[i] < m))
				m = v[i];
		out[col] = isnan(m) ? prev : m;
		prev = out[col];
	}
}

/*
 * Per column, how much the counter in column @col grew since the
 * column before (from the last sample before the window, for the
 * first), divided by @per_second ? the time it took : 1.
 */
static void column_rate(const struct chart *c, const struct window *w,
			int col_counter, bool per_second, double *out)
{
	long prev = -1;
	size_t i;
	int col;

	for (i = 0; i < c->tl->nsamples && t_of(c, i) < w->t0; i++)
		prev = i;
	for (col = 0; col < c->cols; col++) {
		long last = w->last[col];
		double d, dt;

		out[col] = NAN;
		if (last < 0)
			continue;
		if (prev < 0) {
			prev = w->first[col];
			if (prev == last)
				continue;
		}
		d = tl_get(c->tl, last, col_counter) -
		    tl_get(c->tl, prev, col_counter);
		dt = t_of(c, last) - t_of(c, prev);
		if (!isnan(d) && dt > 0)
			out[col] = per_second ? d / dt : d;
		prev = last;
	}
}

/* A blank canvas of @rows rows. */
static char *canvas(const struct chart *c, int rows)
{
	char *cv = malloc((size_t)rows * c->cols);

	if (cv)
		memset(cv, ' ', (size_t)rows * c->cols);
	return cv;
}

/* Mark each kill in the window: ':' down its column where blank. */
static void draw_kills(const struct chart *c, const struct window *w,
		       char *cv, int rows)
{
	int k, r;

	for (k = 0; k < c->nkills; k++) {
		int col = col_of(c, w, c->kills[k]);

		for (r = 0; col >= 0 && r < rows; r++)
			if (cv[r * c->cols + col] == ' ' ||
			    cv[r * c->cols + col] == '-')
				cv[r * c->cols + col] = ':';
	}
}

/*
 * Plot @v (per column) on @cv: '@ch' at its row (0 = bottom, values
 * from 0 to @top), joined to the column before with the same mark;
 * above @top: @over in the top row (if not NUL).
 */
static void plot(const struct chart *c, char *cv, int rows, const double *v,
		 double top, char ch, char over)
{
	int col, r, prev = -1, lo, hi;

	for (col = 0; col < c->cols; col++) {
		if (isnan(v[col])) {
			prev = -1;
			continue;
		}
		if (v[col] >= top) {
			if (over)
				cv[col] = over;
			prev = over ? rows : -1;
			continue;
		}
		r = v[col] <= 0 ? 0 : (int)(v[col] / top * rows);
		if (r >= rows)
			r = rows - 1;
		lo = hi = r;
		if (prev >= 0) {
			lo = prev < r ? prev + 1 : r;
			hi = prev > r ? prev - 1 : r;
			if (hi >= rows)
				hi = rows - 1;
		}
		for (; lo <= hi; lo++)
			cv[(rows - 1 - lo) * c->cols + col] = ch;
		prev = r;
	}
}

/* A step for about five labelled ticks over @span: 1, 2 or 5 x 10^k. */
static double tick_step(double span)
{
	double raw = span / 5, mag = pow(10, floor(log10(raw)));

	if (raw <= mag)
		return mag;
	if (raw <= 2 * mag)
		return 2 * mag;
	if (raw <= 5 * mag)
		return 5 * mag;
	return 10 * mag;
}

/*
 * The time axis of @w: "+----+----K--" (K at each kill, [ ] around
 * @zoom if given) and the tick labels under it, in seconds.
 */
static void draw_axis(const struct chart *c, const struct window *w,
		      const struct window *zoom)
{
	double step = tick_step(w->t1 - w->t0), t;
	int decimals = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
	char axis[2048], labels[2048], num[32];
	int col, k, n, next_free = 0;

	memset(axis, '-', c->cols);
	memset(labels, ' ', sizeof(labels));
	for (t = ceil(w->t0 / step - 1e-9) * step; t <= w->t1 + 1e-9; t += step) {
		col = col_of(c, w, t);
		if (col < 0)
			continue;
		n = snprintf(num, sizeof(num), "%.*f", decimals,
			     fabs(t) < step / 1e6 ? 0.0 : t);
		if (col < next_free || LEFT + col + n > c->width - 2)
			continue;
		axis[col] = '+';
		memcpy(labels + LEFT + col, num, n);
		next_free = col + n + 1;
	}
	if (zoom) {
		col = col_of(c, w, zoom->t0);
		if (col >= 0)
			axis[col] = '[';
		col = col_of(c, w, zoom->t1);
		if (col >= 0)
			axis[col] = ']';
	}
	for (k = 0; k < c->nkills; k++) {
		col = col_of(c, w, c->kills[k]);
		if (col >= 0)
			axis[col] = 'K';
	}
	say(c, "%*s+%.*s+", LEFT - 1, "", c->cols, axis);
	n = LEFT + c->cols;
	memcpy(labels + n, " s", 3);
	put_line(c, labels);
}

/* The spaces that right-align @label in the LEFT - 1 columns before '|'. */
static int label_pad(const char *label)
{
	int pad = LEFT - 1 - text_width(label, strlen(label));

	return pad > 0 ? pad : 0;
}

/* Print the rows of @cv with left labels @lab and right labels @rlab. */
static void put_canvas(const struct chart *c, const char *cv, int rows,
		       char (*lab)[16], char (*rlab)[32])
{
	int r;

	for (r = 0; r < rows; r++)
		say(c, "%*s%s|%.*s| %s", label_pad(lab[r]), "", lab[r], c->cols,
		    cv + r * c->cols, rlab[r]);
}

/* Format @v as a short number: 233k, 12672, 4.5. */
static const char *short_num(char *buf, size_t size, double v)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else if (fabs(v) >= 1e6)
		snprintf(buf, size, "%.1fM", v / 1e6);
	else if (fabs(v) >= 1e5)
		snprintf(buf, size, "%.0fk", v / 1e3);
	else if (fabs(v) >= 100 || v == floor(v))
		snprintf(buf, size, "%.0f", v);
	else
		snprintf(buf, size, "%.1f", v);
	return buf;
}

/* The whole run: the zone's free MiB, the kills, the zoom's bounds. */
static void draw_run(const struct chart *c, const struct window *w,
		     const struct window *zoom)
{
	char lab[ROWS_RUN][16] = { { 0 } }, rlab[ROWS_RUN][32] = { { 0 } };
	double *v = malloc(c->cols * sizeof(*v)), *mib, top = 0;
	double kb = c->tl->page_kb ? c->tl->page_kb : 4;
	char *cv = canvas(c, ROWS_RUN);
	size_t i, n = c->tl->nsamples;
	int col;

	mib = malloc(n * sizeof(*mib));
	if (!v || !cv || !mib)
		goto out;
	for (i = 0; i < n; i++)
		mib[i] = c->free[i] * kb / 1024;
	column_min(c, w, mib, v);
	for (col = 0; col < c->cols; col++)
		if (v[col] > top)
			top = v[col];
	top = top > 0 ? top * 1.0001 : 1;
	plot(c, cv, ROWS_RUN, v, top, '*', 0);
	draw_kills(c, w, cv, ROWS_RUN);
	snprintf(lab[0], sizeof(lab[0]), "%.0f", top);
	snprintf(lab[ROWS_RUN - 1], sizeof(lab[0]), "0");
	/*
	 * TRANSLATORS: the title of the whole run's plot; then, each when
	 * it applies, "; [ ] zoomed below" and "; K: OOM kill". Keep "[ ]"
	 * and "K", the marks on the time axis.
	 */
	say_text(c, _("Zone %s: free memory, MiB, whole run%s%s"), c->zone,
		 zoom ? _("; [ ] zoomed below") : "",
		 c->nkills ? _("; K: OOM kill") : "");
	put_canvas(c, cv, ROWS_RUN, lab, rlab);
	draw_axis(c, w, zoom);
out:
	free(mib);
	free(cv);
	free(v);
}

/* The watermark values of the zone at the judged sample. */
static void watermarks(const struct chart *c, double wm[3])
{
	size_t at = judge_sample(c);

	wm[0] = tl_get(c->tl, at, c->c_min);
	wm[1] = tl_get(c->tl, at, c->c_low);
	wm[2] = tl_get(c->tl, at, c->c_high);
}

/*
 * The zoom's window: from when the usable free pages last went under
 * the zoom's top before the first kill (or the lowest point), with a
 * little before, to when they came back over it after the last kill.
 * False when they never went under it.
 */
static bool zoom_window(const struct chart *c, double top, double *t0,
			double *t1)
{
	const struct timeline *tl = c->tl;
	size_t n = tl->nsamples, i, low = 0;
	double first_kill, last_kill, start, end, lead;

	for (i = 0; i < n; i++)
		if (c->usable[i] < c->usable[low] || isnan(c->usable[low]))
			low = i;
	first_kill = c->nkills ? c->kills[0] : t_of(c, low);
	last_kill = c->nkills ? c->kills[c->nkills - 1] : t_of(c, low);
	/* under the top near the (first) kill? */
	for (i = 0; i + 1 < n && t_of(c, i + 1) <= first_kill; i++)
		;
	if (!(c->usable[i] < top) && !(c->usable[low] < top && !c->nkills))
		return false;
	if (c->nkills && !(c->usable[i] < top)) {
		bool under = false;
		size_t j;

		for (j = 0; j < n; j++)
			under |= c->usable[j] < top &&
				 fabs(t_of(c, j) - first_kill) < 0.5;
		if (!under)
			return false;
	}
	for (start = t_of(c, 0); i > 0; i--)
		if (c->usable[i] >= top) {
			start = t_of(c, i);
			break;
		}
	for (end = t_of(c, n - 1), i = 0; i < n; i++)
		if (t_of(c, i) > last_kill && c->usable[i] >= top) {
			end = t_of(c, i);
			break;
		}
	lead = (first_kill - start) * 0.25;
	if (lead < 3 * tl->interval_ms / 1000.0)
		lead = 3 * tl->interval_ms / 1000.0;
	start -= lead;
	end += lead / 2;
	if (end - start < 20 * tl->interval_ms / 1000.0)
		end = start + 20 * tl->interval_ms / 1000.0;
	*t0 = start < t_of(c, 0) ? t_of(c, 0) : start;
	*t1 = end > t_of(c, n - 1) ? t_of(c, n - 1) : end;
	return *t1 > *t0;
}

/* snprintf() at the end of @buf (@len bytes used so far, @size in all). */
__attribute__((format(printf, 4, 5)))
static void append(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*len >= size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	*len = n < 0 ? *len : *len + n < size ? *len + n : size;
}

/*
 * When the usable free pages first went under each watermark (before
 * the first kill), or how low they went.
 */
static void crossings(const struct chart *c, const double wm[3])
{
	static const char *const names[] = { "min", "low", "high" };
	const struct timeline *tl = c->tl;
	double end = c->nkills ? c->kills[0] : INFINITY;
	char buf[1024], subject[128], lowest[128];
	size_t i, low = 0, len = 0;
	int k, crossed = 0;

	snprintf(subject, sizeof(subject),
		 /* TRANSLATORS: the subject of the sentence below the zoom */
		 c->c_cma >= 0 ? _("%s free without CMA") : _("%s free"),
		 c->zone);
	/*
	 * TRANSLATORS: %s is "ZONE free"; the watermarks it went under
	 * follow, each after a space (the first) or the translation of ", "
	 */
	append(buf, sizeof(buf), &len, _("%s went under"), subject);
	for (k = 2; k >= 0; k--) {
		for (i = 0; i < tl->nsamples && t_of(c, i) <= end; i++)
			if (c->usable[i] < wm[k])
				break;
		if (i == tl->nsamples || t_of(c, i) > end)
			break;
		append(buf, sizeof(buf), &len, "%s",
		       crossed++ ? _(", ") : " ");
		/* TRANSLATORS: a watermark (high, low or min), and when */
		append(buf, sizeof(buf), &len, _("%s at %.3f s"), names[k],
		       t_of(c, i));
	}
	for (i = 0; i < tl->nsamples && t_of(c, i) <= end; i++)
		if (c->usable[i] < c->usable[low])
			low = i;
	snprintf(lowest, sizeof(lowest), _("lowest %.0f pages at %.3f s"),
		 c->usable[low], t_of(c, low));
	if (!crossed) {
		len = 0;
		append(buf, sizeof(buf), &len, _("%s stayed over high (%s)"),
		       subject, lowest);
	} else if (crossed < 3) {
		append(buf, sizeof(buf), &len, _(", never min (%s)"), lowest);
	}
	if (c->nkills && c->kills_traced)
		append(buf, sizeof(buf), &len, _("; the kill at %.3f s."),
		       c->kills[0]);
	else if (c->nkills)
		append(buf, sizeof(buf), &len,
		       _("; oom_kill counted at %.3f s."), c->kills[0]);
	else
		append(buf, sizeof(buf), &len, "%s", _("; no OOM kill."));
	say_wrap(c, "", buf);
	if (c->nkills && !crossed)
		say_wrap(c, "", _("(The zone was never short of memory: this OOM kill came from a limit, most likely a memory cgroup's; the kernel's report says which: dmesg | oom-analyze.)"));
	else if (c->nkills && crossed < 3)
		say_wrap(c, "", _("(Above min, yet out of memory: the kernel's check adds the zone's lowmem_reserve for requests that may use a higher zone, and it gives up after 16 rounds of reclaim without progress: see oom:reclaim_retry_zone.)"));
}

/* The zoom on the watermarks. */
static void draw_zoom(const struct chart *c, const struct window *w,
		      const double wm[3], double top)
{
	static const char *const names[] = { "min", "low", "high" };
	char lab[ROWS_ZOOM][16] = { { 0 } }, rlab[ROWS_ZOOM][32] = { { 0 } };
	double *u = malloc(c->cols * sizeof(*u));
	double *fr = malloc(c->cols * sizeof(*fr));
	char *cv = canvas(c, ROWS_ZOOM);
	int k, r;

	if (!u || !fr || !cv)
		goto out;
	column_min(c, w, c->usable, u);
	column_min(c, w, c->free, fr);
	for (k = 0; k < 3; k++) {
		r = ROWS_ZOOM - 1 - (int)(wm[k] / top * ROWS_ZOOM);
		if (r < 0 || r >= ROWS_ZOOM || isnan(wm[k]))
			continue;
		memset(cv + r * c->cols, '-', c->cols);
		snprintf(lab[r], sizeof(lab[r]), "%s", names[k]);
		snprintf(rlab[r], sizeof(rlab[r]), "%-4s %.0f", names[k], wm[k]);
	}
	if (c->c_cma >= 0)
		plot(c, cv, ROWS_ZOOM, fr, top, '.', 0);
	plot(c, cv, ROWS_ZOOM, u, top, '*', '^');
	draw_kills(c, w, cv, ROWS_ZOOM);
	snprintf(lab[0], sizeof(lab[0]), "%.0f", top);
	/* TRANSLATORS: the title of the zoom on the watermarks */
	say_text(c, _("Zone %s near its watermarks, pages, %.3f-%.3f s:"),
		 c->zone, w->t0, w->t1);
	/*
	 * TRANSLATORS: the legend of the zoom: keep the marks "*", "." and
	 * "^" that start each part (^: above the top of the plot)
	 */
	if (c->c_cma >= 0)
		put_text(c, _("* free without CMA (what unmovable requests may use), . with CMA, ^ above"));
	else
		put_text(c, _("* free pages, ^ above"));
	put_canvas(c, cv, ROWS_ZOOM, lab, rlab);
	draw_axis(c, w, NULL);
	crossings(c, wm);
out:
	free(cv);
	free(fr);
	free(u);
}

/* One line of levels " .:-=+*#%@" for @v, 0 to @top. */
static void spark(const struct chart *c, const char *label, const double *v,
		  double top, const char *right)
{
	char line[2048];
	int col, n = strlen(LEVELS) - 1;

	for (col = 0; col < c->cols; col++) {
		int lv = isnan(v[col]) || top <= 0 ? 0 :
		     (int)ceil(v[col] / top * n);
		if (lv > n)
			lv = n;
		if (lv < 0)
			lv = 0;
		line[col] = LEVELS[lv];
	}
	say(c, "%*s%s|%.*s| %s", label_pad(label), "", label, c->cols, line,
	    right);
}

/* The largest value of @v (0 if none). */
static double peak(const struct chart *c, const double *v)
{
	double m = 0;
	int col;

	for (col = 0; col < c->cols; col++)
		if (v[col] > m)
			m = v[col];
	return m;
}

/* The sum of @v, NANs left out. */
static double total(const struct chart *c, const double *v)
{
	double s = 0;
	int col;

	for (col = 0; col < c->cols; col++)
		if (!isnan(v[col]))
			s += v[col];
	return s;
}

/* The key series, one line each, on the axis of @w. */
static void draw_series(const struct chart *c, const struct window *w)
{
	const struct timeline *tl = c->tl;
	double *v = malloc(c->cols * sizeof(*v)), *s;
	static const char *const psi[] = { "psi.some.total_us",
					   "psi.full.total_us" };
	char right[64];
	int col, k, cs, cd;
	size_t n = tl->nsamples;

	if (!v)
		return;
	/* TRANSLATORS: %s is the levels, " .:-=+*#%@" */
	say_text(c, _("Same time axis; levels \"%s\" from 0 to the peak (PSI: to 100%%):"),
		 LEVELS);
	for (k = 0; k < 2; k++) {
		if (tl_col(tl, psi[k]) < 0 || strcmp(tl->psi, "yes"))
			continue;
		column_rate(c, w, tl_col(tl, psi[k]), true, v);
		for (col = 0; col < c->cols; col++)	/* us per s -> % */
			v[col] = v[col] / 1e4 > 100 ? 100 : v[col] / 1e4;
		/*
		 * TRANSLATORS: right of a line of levels, at most 14
		 * display columns with the number
		 */
		snprintf(right, sizeof(right), _("peak %.0f%%"), peak(c, v));
		spark(c, k ? "PSI full" : "PSI some", v, 100, right);
	}
	if (strcmp(tl->psi, "yes")) {
		char why[512];

		/* TRANSLATORS: %s is the file's reason, in English */
		snprintf(why, sizeof(why), _("PSI: not recorded (%s)"),
			 tl->psi);
		say_text(c, "%*s  %s", LEFT - 1, "", why);
	}
	if (tl_col(tl, "allocstall") >= 0) {
		column_rate(c, w, tl_col(tl, "allocstall"), false, v);
		/*
		 * TRANSLATORS: how many times tasks stalled in direct
		 * reclaim (allocstall); at most 14 display columns
		 */
		snprintf(right, sizeof(right), _("%.0f stalls"), total(c, v));
		/*
		 * TRANSLATORS: the label left of the line of direct reclaims,
		 * at most 8 display columns
		 */
		spark(c, _("reclaim"), v, peak(c, v), right);
	}
	cs = tl_col(tl, "pgscan_kswapd");
	cd = tl_col(tl, "pgscan_direct");
	if (cs >= 0 && cd >= 0) {
		double *d = malloc(c->cols * sizeof(*d));

		if (d) {
			char a[16];

			column_rate(c, w, cs, false, v);
			column_rate(c, w, cd, false, d);
			for (col = 0; col < c->cols; col++)
				v[col] = (isnan(v[col]) ? 0 : v[col]) +
					 (isnan(d[col]) ? 0 : d[col]);
			/*
			 * TRANSLATORS: pages scanned by reclaim ("233k");
			 * at most 14 display columns
			 */
			snprintf(right, sizeof(right), _("%s scanned"),
				 short_num(a, sizeof(a), total(c, v)));
			/*
			 * TRANSLATORS: the label left of the line of pages
			 * scanned, at most 8 display columns
			 */
			spark(c, _("scanned"), v, peak(c, v), right);
			free(d);
		}
	}
	s = malloc(n * sizeof(*s));
	if (s && tl_col(tl, "memavail_kb") >= 0) {
		double low = NAN;
		size_t i;

		for (i = 0; i < n; i++)
			s[i] = tl_get(tl, i, tl_col(tl, "memavail_kb")) / 1024;
		column_min(c, w, s, v);
		for (col = 0; col < c->cols; col++)
			if (!isnan(v[col]) && (isnan(low) || v[col] < low))
				low = v[col];
		/* TRANSLATORS: at most 14 display columns */
		snprintf(right, sizeof(right), _("lowest %.0f MiB"), low);
		spark(c, "MemAvail", v, peak(c, v), right);
	}
	free(s);
	free(v);
}

/* The kernel's events, floods collapsed, at most MAX_LINES lines. */
static void draw_events(const struct chart *c)
{
	static struct summary_line lines[MAX_LINES + 1];
	const struct timeline *tl = c->tl;
	char when[MAX_LINES][40], prefix[64];
	size_t n, i;
	int w = 0, len;

	if (!strncmp(tl->trace, "none", 4)) {
		/* TRANSLATORS: %s is the file's reason, in English */
		say_text(c, _("Kernel events: not recorded (%s)"), tl->trace);
		return;
	}
	if (tl->trace_lost)
		/* TRANSLATORS: how many events; times are in seconds */
		say_text(c, _("Kernel events (%zu, seconds; floods collapsed, earliest lost: ring buffer full):"),
			 tl->nevents);
	else
		/* TRANSLATORS: how many events; times are in seconds */
		say_text(c, _("Kernel events (%zu, seconds; floods collapsed):"),
			 tl->nevents);
	if (!tl->nevents)
		/* TRANSLATORS: there are no kernel events to list */
		say_text(c, "  %s", _("none"));
	n = summarize_events(tl, lines, MAX_LINES + 1);
	for (i = 0; i < n && i < MAX_LINES; i++) {
		if (lines[i].t1 > lines[i].t0)
			len = snprintf(when[i], sizeof(when[i]), "%.3f-%.3f",
				       lines[i].t0, lines[i].t1);
		else
			len = snprintf(when[i], sizeof(when[i]), "%.3f",
				       lines[i].t0);
		if (len > w)
			w = len;
	}
	for (i = 0; i < n && i < MAX_LINES; i++) {
		memset(prefix, ' ', w + 3);
		prefix[0] = lines[i].kill ? 'K' : ' ';
		memcpy(prefix + 2, when[i], strlen(when[i]));
		prefix[w + 3] = '\0';
		say_wrap(c, prefix, lines[i].text);
	}
	if (n > MAX_LINES)
		say_text(c, "  %s", _("... and more (the file has them all)"));
}

/* The largest gap between two samples, in ms. */
static double largest_gap(const struct timeline *tl)
{
	double g = 0;
	size_t i;

	for (i = 1; i < tl->nsamples; i++)
		if (tl_get(tl, i, 0) - tl_get(tl, i - 1, 0) > g)
			g = tl_get(tl, i, 0) - tl_get(tl, i - 1, 0);
	return g * 1e3;
}

/* Is @s all of "WORD N" or "WORD N gone" (@fmt, ending in %n)? N in @v. */
static bool scan_ended(const char *s, const char *fmt, long *v)
{
	int n = -1;

	return sscanf(s, fmt, v, &n) == 1 && n > 0 && !s[n];
}

/*
 * How the command ended, from the file's "exit N", "signal N" or "pid
 * N gone", in the reader's language; anything else as it is.
 */
static void ended_text(const char *ended, char *out, size_t size)
{
	long v;

	if (scan_ended(ended, "exit %ld%n", &v))
		snprintf(out, size, _("exit %ld"), v);
	else if (scan_ended(ended, "signal %ld%n", &v))
		snprintf(out, size, _("signal %ld"), v);
	else if (scan_ended(ended, "pid %ld gone%n", &v))
		/* TRANSLATORS: the process recorded with --pid has ended */
		snprintf(out, size, _("pid %ld gone"), v);
	else
		snprintf(out, size, "%s", ended[0] ? ended : "?");
}

/* The two header lines: what ran and how it was recorded. */
static void draw_header(const struct chart *c)
{
	const struct timeline *tl = c->tl;
	double end = tl_get(tl, tl->nsamples - 1, 0);
	char ended[128], how[256];

	ended_text(tl->ended, ended, sizeof(ended));
	if (tl->interrupted[0])
		/* TRANSLATORS: how it ended, the signal that cut it short */
		snprintf(how, sizeof(how), _("%s, interrupted by %s"), ended,
			 tl->interrupted);
	else
		snprintf(how, sizeof(how), "%s", ended);
	/* TRANSLATORS: the recorded command, and how it ended */
	say(c, _("oom-timeline: %s (%s)"), tl->command[0] ? tl->command : "?",
	    how);
	/*
	 * TRANSLATORS: machine, kernel release: how long the run took,
	 * how many samples, how often, the longest time between two
	 */
	say_text(c, _("%s %s: %.2f s, %zu samples every %u ms, largest gap %.0f ms"),
		 tl->machine, tl->kernel, end, tl->nsamples, tl->interval_ms,
		 largest_gap(tl));
}

/*
 * Draw @tl on @f, @width columns wide; @zone (or NULL) picks the zone.
 * 0, or -1 with @err set (nothing to draw, no such zone).
 */
int chart_draw(FILE *f, const struct timeline *tl, unsigned int width,
	       const char *zone, char *err, size_t errlen)
{
	struct chart c = { .tl = tl, .f = f, .width = width };
	struct window run = { 0 }, zoom = { 0 };
	double wm[3], top = 0, z0, z1;
	bool zoomed = false;
	size_t i;
	int rc = -1;

	if (tl->nsamples < 2) {
		snprintf(err, errlen, "%s",
			 _("fewer than two samples: nothing to draw"));
		return -1;
	}
	c.cols = width - LEFT - 2 - RIGHT;
	find_kills(&c);
	if (pick_zone(&c, zone, err, errlen))
		return -1;
	c.c_free = zone_col(&c, "free");
	c.c_min = zone_col(&c, "min");
	c.c_low = zone_col(&c, "low");
	c.c_high = zone_col(&c, "high");
	c.c_cma = zone_has_cma(tl, c.zone) ? tl_col(tl, "nr_free_cma") : -1;
	c.usable = malloc(tl->nsamples * sizeof(*c.usable));
	c.free = malloc(tl->nsamples * sizeof(*c.free));
	if (!c.usable || !c.free) {
		snprintf(err, errlen, "%s", _("out of memory"));
		goto out;
	}
	for (i = 0; i < tl->nsamples; i++) {
		c.usable[i] = usable_of(tl, c.zone, i);
		c.free[i] = tl_get(tl, i, c.c_free);
	}
	watermarks(&c, wm);
	if (!isnan(wm[2]) && wm[2] > 0) {
		top = ceil(wm[2] * ZOOM_TOP);
		zoomed = zoom_window(&c, top, &z0, &z1);
	}
	if (make_window(&c, &run, t_of(&c, 0), t_of(&c, tl->nsamples - 1)) ||
	    (zoomed && make_window(&c, &zoom, z0, z1))) {
		snprintf(err, errlen, "%s", _("out of memory"));
		goto out;
	}

	draw_header(&c);
	put_line(&c, "");
	draw_run(&c, &run, zoomed ? &zoom : NULL);
	put_line(&c, "");
	if (zoomed) {
		draw_zoom(&c, &zoom, wm, top);
	} else if (!isnan(wm[2])) {
		crossings(&c, wm);
	}
	draw_series(&c, zoomed ? &zoom : &run);
	put_line(&c, "");
	draw_events(&c);
	rc = 0;
out:
	free_window(&run);
	free_window(&zoom);
	free(c.usable);
	free(c.free);
	return rc;
}

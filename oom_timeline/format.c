// SPDX-License-Identifier: GPL-2.0
/*
 * format.c - writes and reads the timeline file.
 *
 * The file is plain text, made for gnuplot and awk as much as for
 * oom-timeline chart. Format version 1:
 *
 *   # oom-timeline 1                      first line: magic and version
 *   # command: ./oom                      header, "# key: value" lines:
 *   # kernel: 6.1.0-27-arm64                command, kernel, machine,
 *   # machine: aarch64                      hostname, started (UTC),
 *   # ...                                   start_mono (CLOCK_MONOTONIC
 *                                           at t = 0, s), interval_ms,
 *                                           page_kb, memtotal_kb,
 *                                           cma_zones (zones with a CMA
 *                                           area: their free pages
 *                                           include nr_free_cma), trace
 *                                           (the trace clock, or "none:
 *                                           why"), trace_lost, psi ("yes"
 *                                           or "none: why"), ended ("exit
 *                                           N", "signal N", "pid gone"),
 *                                           interrupted (if cut short),
 *                                           sample_cost_us (median and
 *                                           largest time one sample
 *                                           took), recorder_cpu_s (the
 *                                           CPU time it spent while CMD
 *                                           ran), run_s (how long CMD
 *                                           ran);
 *                                           unknown keys are skipped
 *   # samples: 153                        data block 0 (gnuplot index 0)
 *   # columns: t memfree_kb ...           its column names, in order
 *   0.000000 812345 ...                   one sample a line, whitespace
 *   ...                                   separated, "-" = not known
 *   (two empty lines)
 *   # events: 1234                        data block 1 (gnuplot index 1)
 *   # columns: t event pid comm detail
 *   0.512345 oom:mark_victim 110 "oom" "pid=110 comm=oom ..."
 *
 * Sample columns: t (seconds since the start), memfree_kb, memavail_kb,
 * anon_kb, cached_kb (/proc/meminfo), then ZONE.free, ZONE.min,
 * ZONE.low, ZONE.high per populated zone in pages (/proc/zoneinfo;
 * "nN.ZONE.*" when there are several nodes), psi.some.avg10,
 * psi.some.total_us, psi.full.avg10, psi.full.total_us
 * (/proc/pressure/memory), then /proc/vmstat counters by their own
 * names (allocstall sums allocstall_*; nr_free_cma, the free pages of
 * the CMA area, which unmovable requests may not use). Counters are
 * cumulative, as the kernel gives them: rates are differences between
 * rows. ZONE.min, .low and .high are read every 10th sample and in
 * the last one; rows in between repeat them.
 *
 * Event times are on the same scale as t. Names are "system:event" as
 * in tracefs; comm and detail are quoted, a '"' in them becomes '\''.
 * Readers find columns by name, never by position. The file is the same
 * in every language; only the reader's error messages are translated.
 */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "i18n.h"
#include "msg.h"

/* Print a number as short as exact: integers without decimals. */
static void put_num(FILE *f, double v)
{
	if (isnan(v))
		fputs("-", f);
	else if (v == floor(v) && fabs(v) < 1e15)
		fprintf(f, "%.0f", v);
	else
		fprintf(f, "%.6g", v);
}

/* Print @s in double quotes, '"' turned into '\'', controls into ' '. */
static void put_quoted(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++)
		fputc(*s == '"' ? '\'' :
		      (unsigned char)*s < ' ' ? ' ' : *s, f);
	fputc('"', f);
}

/* One "# key: value" header line, skipped when @value is empty. */
static void put_header(FILE *f, const char *key, const char *value)
{
	if (!*value)
		return;
	fprintf(f, "# %s: ", key);
	for (; *value; value++)
		fputc((unsigned char)*value < ' ' ? ' ' : *value, f);
	fputc('\n', f);
}

/* Write @tl to @f; 0, or the errno of the failed write. */
int tl_write(FILE *f, const struct timeline *tl)
{
	size_t i;
	int c;

	fprintf(f, "# oom-timeline %d\n", TL_VERSION);
	put_header(f, "command", tl->command);
	put_header(f, "kernel", tl->kernel);
	put_header(f, "machine", tl->machine);
	put_header(f, "hostname", tl->hostname);
	put_header(f, "started", tl->started);
	fprintf(f, "# start_mono: %.6f\n", tl->start_mono);
	fprintf(f, "# interval_ms: %u\n", tl->interval_ms);
	fprintf(f, "# page_kb: %u\n", tl->page_kb);
	fprintf(f, "# memtotal_kb: %lld\n", tl->memtotal_kb);
	put_header(f, "cma_zones", tl->cma_zones);
	put_header(f, "trace", tl->trace);
	fprintf(f, "# trace_lost: %lld\n", tl->trace_lost);
	put_header(f, "psi", tl->psi);
	put_header(f, "ended", tl->ended);
	put_header(f, "interrupted", tl->interrupted);
	fprintf(f, "# sample_cost_us: %.0f %.0f\n", tl->cost_us, tl->cost_max_us);
	fprintf(f, "# recorder_cpu_s: %.4f\n", tl->cpu_s);
	fprintf(f, "# run_s: %.3f\n", tl->run_s);
	fprintf(f, "# samples: %zu\n# columns:", tl->nsamples);
	for (c = 0; c < tl->ncols; c++)
		fprintf(f, " %s", tl->cols[c]);
	fputc('\n', f);
	for (i = 0; i < tl->nsamples; i++) {
		for (c = 0; c < tl->ncols; c++) {
			double v = tl_get(tl, i, c);

			if (c)
				fputc(' ', f);
			if (c == 0 && !isnan(v))
				fprintf(f, "%.6f", v);
			else
				put_num(f, v);
		}
		fputc('\n', f);
	}
	fprintf(f, "\n\n# events: %zu\n# columns: t event pid comm detail\n",
		tl->nevents);
	for (i = 0; i < tl->nevents; i++) {
		const struct event *ev = &tl->ev[i];

		fprintf(f, "%.6f %s %d ", ev->t, ev->name, ev->pid);
		put_quoted(f, ev->comm);
		fputc(' ', f);
		put_quoted(f, ev->detail);
		fputc('\n', f);
	}
	fflush(f);
	return ferror(f) ? (errno ? errno : EIO) : 0;
}

/* Where the reader is. */
enum section { SEC_HEADER, SEC_SAMPLES, SEC_EVENTS };

/* Copy a header value into @dst of @size bytes, cut if need be. */
static void set_str(char *dst, size_t size, const char *value)
{
	snprintf(dst, size, "%s", value);
}

/* Parse a whole-number header value; 0 if it is not one. */
static long long to_ll(const char *s)
{
	return strtoll(s, NULL, 10);
}

/* Take one "# key: value" header line. Unknown keys are skipped. */
static void read_header(struct timeline *tl, const char *key,
			const char *value)
{
	static const struct {
		const char *key;
		size_t off, size;
	} strs[] = {
#define S(k, field) { k, offsetof(struct timeline, field), \
		      sizeof(((struct timeline *)0)->field) }
		S("command", command), S("kernel", kernel),
		S("machine", machine), S("hostname", hostname),
		S("started", started), S("trace", trace), S("psi", psi),
		S("ended", ended), S("interrupted", interrupted),
		S("cma_zones", cma_zones),
#undef S
	};
	size_t i;

	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		if (!strcmp(key, strs[i].key)) {
			set_str((char *)tl + strs[i].off, strs[i].size, value);
			return;
		}
	if (!strcmp(key, "start_mono"))
		tl->start_mono = strtod(value, NULL);
	else if (!strcmp(key, "interval_ms"))
		tl->interval_ms = to_ll(value);
	else if (!strcmp(key, "page_kb"))
		tl->page_kb = to_ll(value);
	else if (!strcmp(key, "memtotal_kb"))
		tl->memtotal_kb = to_ll(value);
	else if (!strcmp(key, "trace_lost"))
		tl->trace_lost = to_ll(value);
	else if (!strcmp(key, "sample_cost_us"))
		sscanf(value, "%lf %lf", &tl->cost_us, &tl->cost_max_us);
	else if (!strcmp(key, "recorder_cpu_s"))
		tl->cpu_s = strtod(value, NULL);
	else if (!strcmp(key, "run_s"))
		tl->run_s = strtod(value, NULL);
}

/* Split "# columns: a b c" into the timeline's columns. */
static int read_columns(struct timeline *tl, char *list, char *err,
			size_t errlen)
{
	char *save, *name;

	for (name = strtok_r(list, " \t", &save); name;
	     name = strtok_r(NULL, " \t", &save))
		if (tl_add_col(tl, name) < 0)
			return err_printf(err, errlen,
					  _("bad or repeated column '%s'"), name);
	if (tl->ncols == 0 || strcmp(tl->cols[0], "t"))
		return err_printf(err, errlen, _("the first column must be t"));
	return 0;
}

/* Parse one sample line into a new row. */
static int read_sample(struct timeline *tl, char *line, char *err,
		       size_t errlen)
{
	char *save, *tok, *end;
	double *row;
	int c = 0;

	if (!tl->ncols)
		return err_printf(err, errlen, _("a sample before '# columns:'"));
	row = tl_new_row(tl);
	if (!row)
		return err_printf(err, errlen, "%s", strerror(ENOMEM));
	for (tok = strtok_r(line, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save), c++) {
		if (c >= tl->ncols)
			return err_printf(err, errlen, _("more than %d values"),
					  tl->ncols);
		if (!strcmp(tok, "-"))
			continue;
		row[c] = strtod(tok, &end);
		if (*end || end == tok)
			return err_printf(err, errlen, _("'%s' is not a number"),
					  tok);
	}
	if (c != tl->ncols)
		return err_printf(err, errlen, _("%d values, %d columns"), c,
				  tl->ncols);
	if (isnan(row[0]))
		return err_printf(err, errlen, _("a sample without its time"));
	return 0;
}

/*
 * Take a "quoted string" at *@p: store it, without its quotes, NUL
 * terminated in place, in *@out and move *@p past it. -1 if unquoted.
 */
static int take_quoted(char **p, char **out)
{
	char *s = *p + strspn(*p, " \t"), *close;

	if (*s != '"')
		return -1;
	close = strchr(s + 1, '"');
	if (!close)
		return -1;
	*close = '\0';
	*out = s + 1;
	*p = close + 1;
	return 0;
}

/* Parse one event line: t name pid "comm" "detail". */
static int read_event(struct timeline *tl, char *line, char *err,
		      size_t errlen)
{
	char name[64], *p = line, *comm, *detail, *end;
	double t;
	long pid;
	int n = 0;

	t = strtod(p, &end);
	if (end == p || (*end != ' ' && *end != '\t'))
		return err_printf(err, errlen, _("an event without its time"));
	p = end;
	if (sscanf(p, " %63s %ld%n", name, &pid, &n) != 2)
		return err_printf(err, errlen, _("an event without name and pid"));
	p += n;
	if (take_quoted(&p, &comm) || take_quoted(&p, &detail))
		return err_printf(err, errlen, _("comm and detail must be quoted"));
	if (tl_add_event(tl, t, name, (int)pid, comm, detail))
		return err_printf(err, errlen, "%s", strerror(ENOMEM));
	return 0;
}

/*
 * Read a timeline file from @f into @tl (initialised by the caller).
 * Returns 0, or -1 with "line N: what" in @err; @tl then holds what
 * was read and must still be freed.
 */
int tl_read(FILE *f, struct timeline *tl, char *err, size_t errlen)
{
	enum section sec = SEC_HEADER;
	char *line = NULL, *colon, msg[256];
	size_t size = 0, lineno = 0;
	ssize_t len;
	int version, rc = 0;

	while ((len = getline(&line, &size, f)) >= 0) {
		lineno++;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (lineno == 1) {
			if (sscanf(line, "# oom-timeline %d", &version) != 1) {
				rc = err_printf(err, errlen,
						_("not an oom-timeline file (no '# oom-timeline N' first line)"));
				break;
			}
			if (version > TL_VERSION) {
				rc = err_printf(err, errlen,
						_("format version %d, newer than this oom-timeline reads (%d)"),
						version, TL_VERSION);
				break;
			}
			continue;
		}
		if (!len)
			continue;
		if (!strncmp(line, "# samples:", 10)) {
			sec = SEC_SAMPLES;
			continue;
		}
		if (!strncmp(line, "# events:", 9)) {
			sec = SEC_EVENTS;
			continue;
		}
		if (!strncmp(line, "# columns:", 10)) {
			if (sec == SEC_SAMPLES &&
			    read_columns(tl, line + 10, msg, sizeof(msg)))
				goto bad_line;
			continue;
		}
		if (line[0] == '#') {
			colon = strstr(line, ": ");
			if (sec == SEC_HEADER && colon) {
				*colon = '\0';
				read_header(tl, line + 1 + strspn(line + 1, " "),
					    colon + 2);
			}
			continue;
		}
		if (sec == SEC_SAMPLES && !read_sample(tl, line, msg, sizeof(msg)))
			continue;
		if (sec == SEC_EVENTS && !read_event(tl, line, msg, sizeof(msg)))
			continue;
		if (sec == SEC_HEADER)
			snprintf(msg, sizeof(msg), "%s",
				 _("data before '# samples:'"));
bad_line:
		rc = err_printf(err, errlen, _("line %zu: %s"), lineno, msg);
		break;
	}
	free(line);
	if (!rc && lineno == 0)
		rc = err_printf(err, errlen, _("empty file"));
	else if (!rc && ferror(f))
		rc = err_printf(err, errlen, "%s", strerror(errno));
	else if (!rc && !tl->ncols)
		rc = err_printf(err, errlen, "%s",
				_("no '# columns:' line for the samples"));
	if (!rc)
		tl_sort_events(tl);
	return rc;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * pressure.c - building what rlk-psi writes to a pressure file and
 * reading what the kernel prints there:
 *
 *   some avg10=0.00 avg60=0.00 avg300=0.00 total=0
 *   full avg10=0.00 avg60=0.00 avg300=0.00 total=0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pressure.h"

/*
 * The memory pressure file of @cgroup (a cgroup v2 directory), or of
 * the whole system when @cgroup is NULL. 0, or -1 if @buf is too short.
 */
int pressure_path(char *buf, size_t len, const char *cgroup)
{
	int n;

	if (cgroup)
		n = snprintf(buf, len, "%s/memory.pressure", cgroup);
	else
		n = snprintf(buf, len, "%s", PRESSURE_SYSTEM);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/*
 * The trigger "some STALL_US WINDOW_US" (or "full ..."), as
 * Documentation/accounting/psi.rst describes it. 0, or -1 if @buf is
 * too short.
 */
int pressure_trigger(char *buf, size_t len, bool full, long stall_ms,
		     long window_ms)
{
	int n = snprintf(buf, len, "%s %lld %lld", full ? "full" : "some",
			 stall_ms * 1000LL, window_ms * 1000LL);

	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/*
 * Read the avg10 figure from the line of @text that starts with @kind
 * and a space. PARSE_EMPTY if there is no such line.
 */
static enum parse_err line_avg10(const char *text, const char *kind,
				 double *out)
{
	size_t klen = strlen(kind);
	const char *line = text;
	char *end;
	double v;

	while (strncmp(line, kind, klen) != 0 || line[klen] != ' ') {
		line = strchr(line, '\n');
		if (!line)
			return PARSE_EMPTY;
		line++;
	}
	line += klen + 1;
	if (strncmp(line, "avg10=", 6) != 0)
		return PARSE_JUNK;
	line += 6;
	if (*line < '0' || *line > '9')
		return PARSE_NOT_NUMBER;
	v = strtod(line, &end);
	if (*end != ' ' && *end != '\n' && *end != '\0')
		return PARSE_JUNK;
	if (v > 100.0)
		return PARSE_TOO_LARGE;
	*out = v;
	return PARSE_OK;
}

/*
 * Read the avg10 of "some" and "full" from a pressure file's @text into
 * @avg. "some" must be there; "full" is -1 when the file has no such
 * line (CPU pressure before 5.13 had none).
 */
enum parse_err pressure_parse(const char *text, struct pressure_avg *avg)
{
	struct pressure_avg a = { .full = -1 };
	enum parse_err err;

	err = line_avg10(text, "some", &a.some);
	if (err)
		return err;
	err = line_avg10(text, "full", &a.full);
	if (err && err != PARSE_EMPTY)
		return err;
	*avg = a;
	return PARSE_OK;
}

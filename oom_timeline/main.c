// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - oom-timeline: a live picture of memory running out.
 *
 *   oom-timeline record [-i MS] -o FILE -- CMD [ARG...]
 *   oom-timeline chart [--width N] FILE
 *
 * record samples /proc and traces the kernel's events while CMD runs
 * (record.c), chart draws the file for a terminal (chart.c). The file
 * format is described in format.c. Messages, help and chart come in the
 * reader's language (gettext, domain "oom-timeline"); the file does not.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "format.h"
#include "i18n.h"
#include "msg.h"
#include "options.h"
#include "record.h"
#include "timeline.h"

/* "oom-timeline chart": read FILE, draw it on stdout. */
static int chart_main(const struct options *o)
{
	struct timeline tl;
	char err[512];
	FILE *f;
	int rc;

	f = strcmp(o->input, "-") ? fopen(o->input, "re") : stdin;
	if (!f)
		fatal(EXIT_BAD_FILE, "%s: %s", o->input, strerror(errno));
	tl_init(&tl);
	rc = tl_read(f, &tl, err, sizeof(err));
	if (f != stdin)
		fclose(f);
	if (rc) {
		tl_free(&tl);
		fatal(EXIT_BAD_FILE, "%s: %s", o->input, err);
	}
	rc = chart_draw(stdout, &tl, o->width, o->zone, err, sizeof(err));
	tl_free(&tl);
	if (rc)
		fatal(EXIT_BAD_FILE, "%s: %s", o->input, err);
	return EXIT_OK;
}

/* Parse the command line, then record or chart. */
int main(int argc, char **argv)
{
	struct options o;
	char err[512];

	msg_init("oom-timeline");
	i18n_init("oom-timeline");
	switch (options_parse(&o, argc, argv, err, sizeof(err))) {
	case OPT_RUN:
		break;
	case OPT_HELP:
		options_usage(stdout);
		return EXIT_OK;
	case OPT_VERSION:
		printf("oom-timeline %s\n", OOM_TIMELINE_VERSION);
		return EXIT_OK;
	case OPT_ERROR:
		fatal(options_usage_status(&o), "%s", err);
	}
	if (o.sub == SUB_RECORD)
		return record_run(&o);
	return chart_main(&o);
}

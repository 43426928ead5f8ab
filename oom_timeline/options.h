/* SPDX-License-Identifier: GPL-2.0 */
/*
 * options.h - the command line of oom-timeline, parsed into a struct.
 *
 * The parser never prints and never exits: it returns what went wrong
 * as data, so a unit test can feed it a table of bad inputs.
 */
#ifndef OOM_TIMELINE_OPTIONS_H
#define OOM_TIMELINE_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define OOM_TIMELINE_VERSION "1.0.0"

/* Exit status of oom-timeline, documented in --help and README.md. */
enum {
	EXIT_OK = 0,		/* chart drawn; help; version */
	EXIT_BAD_FILE = 1,	/* chart: FILE unreadable or not a timeline */
	EXIT_USAGE = 2,		/* chart or no subcommand: bad command line */
	EXIT_FAILED = 125,	/* record: bad command line, or own failure */
	EXIT_CANNOT_RUN = 126,	/* record: CMD found but not runnable */
	EXIT_NOT_FOUND = 127,	/* record: CMD not found */
};

/* Defaults and bounds. */
#define INTERVAL_DEFAULT	20
#define INTERVAL_MAX		1000
#define BUFFER_KB_MIN		16
#define BUFFER_KB_MAX		(1024 * 1024)
#define WIDTH_DEFAULT		80
#define WIDTH_MIN		40
#define WIDTH_MAX		1000

enum subcommand { SUB_NONE, SUB_RECORD, SUB_CHART };

struct options {
	enum subcommand sub;
	/* record */
	unsigned int interval_ms;
	const char *output;
	long pid;		/* --pid; 0: run CMD */
	unsigned int buffer_kb;
	long nice;
	bool nice_set;
	bool no_trace;
	char **cmd;		/* CMD and its arguments, NULL-terminated */
	/* chart */
	unsigned int width;
	const char *zone;
	const char *input;
};

/* What options_parse() found. */
enum opt_result {
	OPT_RUN,	/* go ahead */
	OPT_HELP,	/* --help was given */
	OPT_VERSION,	/* --version was given */
	OPT_ERROR,	/* usage error, explained in the err buffer */
};

/* Why a number was rejected. */
enum parse_err {
	PARSE_OK,
	PARSE_EMPTY,		/* "" */
	PARSE_NOT_NUMBER,	/* "abc", " 5", "+5" */
	PARSE_TOO_SMALL,	/* below the option's minimum */
	PARSE_TOO_LARGE,	/* above the maximum, or overflows */
	PARSE_JUNK,		/* "10X", "5.5" */
};

enum parse_err parse_long(const char *s, long min, long max, long *out);
const char *parse_err_str(enum parse_err err);

enum opt_result options_parse(struct options *o, int argc, char **argv,
			      char *err, size_t errlen);
void options_usage(FILE *f);
int options_usage_status(const struct options *o);

#endif /* OOM_TIMELINE_OPTIONS_H */

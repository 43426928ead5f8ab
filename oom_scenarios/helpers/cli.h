/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cli.h - what the helpers' command lines share: the parse result,
 * one-line usage errors naming the option and the value, and the
 * bounded option arguments. Nothing here prints or exits.
 */
#ifndef RLK_CLI_H
#define RLK_CLI_H

#include <stddef.h>

/* What a command line parser found. */
enum opt_result {
	OPT_RUN,	/* go ahead */
	OPT_HELP,	/* --help was given */
	OPT_ERROR,	/* usage error, explained in the err buffer */
};

/* A caller's buffer for the one-line error. */
struct cli_err {
	char *buf;
	size_t len;
};

__attribute__((format(printf, 2, 3)))
enum opt_result cli_error(struct cli_err *e, const char *fmt, ...);
enum opt_result cli_size(struct cli_err *e, const char *opt, const char *arg,
			 unsigned long long min, unsigned long long max,
			 unsigned long long *out);
enum opt_result cli_long(struct cli_err *e, const char *opt, const char *arg,
			 long min, long max, long *out);
enum opt_result cli_getopt_error(struct cli_err *e, int c, char **argv);
void cli_reset(struct cli_err *e);

#endif /* RLK_CLI_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * cli.c - the command-line pieces every helper shares: getopt_long's
 * reset and its errors, and bounded size and integer arguments, each
 * failing with one line that names the option, the value and the range.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>

#include "cli.h"
#include "parse.h"

/* vsnprintf() into the caller's error buffer; always returns OPT_ERROR. */
enum opt_result cli_error(struct cli_err *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->buf, e->len, fmt, ap);
	va_end(ap);
	return OPT_ERROR;
}

/*
 * Make getopt_long() start afresh and stay silent, so that a parser can
 * be called more than once (the unit tests do) and report by itself.
 */
void cli_reset(struct cli_err *e)
{
	e->buf[0] = '\0';
	optind = 0;	/* full reinitialisation of getopt (glibc) */
	opterr = 0;
}

/* Parse one size option argument, bounded, into @out. */
enum opt_result cli_size(struct cli_err *e, const char *opt, const char *arg,
			 unsigned long long min, unsigned long long max,
			 unsigned long long *out)
{
	enum parse_err err = parse_size(arg, min, max, out);
	char lo[32], hi[32];

	if (err == PARSE_OK)
		return OPT_RUN;
	return cli_error(e, "%s '%s': %s (a size from %s to %s; K, M, G suffixes)",
			 opt, arg, parse_err_str(err),
			 fmt_size(lo, sizeof(lo), min),
			 fmt_size(hi, sizeof(hi), max));
}

/* Parse one integer option argument, bounded, into @out. */
enum opt_result cli_long(struct cli_err *e, const char *opt, const char *arg,
			 long min, long max, long *out)
{
	enum parse_err err = parse_long(arg, min, max, out);

	if (err == PARSE_OK)
		return OPT_RUN;
	return cli_error(e, "%s '%s': %s (an integer from %ld to %ld)",
			 opt, arg, parse_err_str(err), min, max);
}

/*
 * Explain what getopt_long() rejected: @c is ':' for a missing value,
 * '?' for an unknown option (optstring must start with ':').
 */
enum opt_result cli_getopt_error(struct cli_err *e, int c, char **argv)
{
	if (c == ':')
		return cli_error(e, "'%s': missing value", argv[optind - 1]);
	if (optopt)	/* an unknown short option */
		return cli_error(e, "unknown option '-%c'", optopt);
	return cli_error(e, "unknown option '%s'", argv[optind - 1]);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * msg.c - diagnostics to stderr, prefixed with the program name.
 */
#include "msg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

const char *msg_prog = "oom-analyze";

/* vmsg: print "prog: " + the formatted text + newline to stderr. */
static __attribute__((format(printf, 1, 0)))
void vmsg(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", msg_prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/* warn: report a problem and carry on. */
void warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

/* fatal: report a problem and exit with code. */
void fatal(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(code);
}

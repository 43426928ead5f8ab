// SPDX-License-Identifier: GPL-2.0
/*
 * common/msg.c - fatal() and warn(): one line on stderr, prefixed with
 * the program name, so every diagnostic of the kit's C tools looks the
 * same ("prog: what: why"); err_printf(): the "why" of a failure, worded
 * for the caller that prints it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "msg.h"

static const char *msg_prog = "rlk";

/* Name the program every message starts with. */
void msg_init(const char *prog)
{
	msg_prog = prog;
}

/* Print one prefixed line on stderr. */
static __attribute__((format(printf, 1, 0)))
void vmsg(const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", msg_prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/* Report an error that leaves nothing to do but exit with @code. */
void fatal(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(code);
}

/* Report something the user should know about, then continue. */
void warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

/* Word why something failed into @err for the caller; return -1. */
int err_printf(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * common/msg.h - the one place that prints diagnostics: "prog: what: why",
 * and that words a failure's reason for the caller to print.
 */
#ifndef RLK_MSG_H
#define RLK_MSG_H

#include <stddef.h>

/* Name the program every message starts with (default "rlk"). */
void msg_init(const char *prog);

/* Print "prog: <message>" on stderr and exit with @code. */
__attribute__((noreturn, format(printf, 2, 3)))
void fatal(int code, const char *fmt, ...);

/* Print "prog: <message>" on stderr and carry on. */
__attribute__((format(printf, 1, 2)))
void warn(const char *fmt, ...);

/*
 * snprintf() @fmt into @err (@errlen bytes), for a caller that reports
 * why it failed; returns -1, so that "return err_printf(...);" fails.
 */
__attribute__((format(printf, 3, 4)))
int err_printf(char *err, size_t errlen, const char *fmt, ...);

#endif /* RLK_MSG_H */

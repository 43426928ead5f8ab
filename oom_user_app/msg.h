/* SPDX-License-Identifier: GPL-2.0 */
/*
 * msg.h - the one place that prints diagnostics: "oom: what: why".
 */
#ifndef OOM_MSG_H
#define OOM_MSG_H

#define PROG_NAME "oom"

/* Print "oom: <message>" on stderr and exit with @code. */
__attribute__((noreturn, format(printf, 2, 3)))
void fatal(int code, const char *fmt, ...);

/* Print "oom: <message>" on stderr and carry on. */
__attribute__((format(printf, 1, 2)))
void warn(const char *fmt, ...);

#endif /* OOM_MSG_H */

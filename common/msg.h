/* SPDX-License-Identifier: GPL-2.0 */
/*
 * common/msg.h - the one place that prints diagnostics: "prog: what: why".
 */
#ifndef RLK_MSG_H
#define RLK_MSG_H

/* Name the program every message starts with (default "rlk"). */
void msg_init(const char *prog);

/* Print "prog: <message>" on stderr and exit with @code. */
__attribute__((noreturn, format(printf, 2, 3)))
void fatal(int code, const char *fmt, ...);

/* Print "prog: <message>" on stderr and carry on. */
__attribute__((format(printf, 1, 2)))
void warn(const char *fmt, ...);

#endif /* RLK_MSG_H */

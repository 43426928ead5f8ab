/* SPDX-License-Identifier: GPL-2.0 */
/*
 * msg.h - the tiny message layer: every diagnostic is "prog: what: why".
 */
#ifndef OOM_MSG_H
#define OOM_MSG_H

extern const char *msg_prog;

void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fatal(int code, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));

#endif /* OOM_MSG_H */

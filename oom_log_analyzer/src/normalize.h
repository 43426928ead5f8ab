/* SPDX-License-Identifier: GPL-2.0 */
/*
 * normalize.h - turn physical lines of any common capture format into
 * kernel log records: strip mail quoting and the prefixes of dmesg,
 * dmesg -T, dmesg -x, dmesg -r, /dev/kmsg, syslog and journalctl, split
 * rsyslog "#012" escapes, and re-join hard-wrapped continuation lines.
 */
#ifndef OOM_NORMALIZE_H
#define OOM_NORMALIZE_H

#include <stddef.h>

#include "input.h"

enum pfx_style {
	PFX_NONE,	/* no recognised prefix (serial console, wrapped) */
	PFX_DMESG,	/* [  123.456789] */
	PFX_DMESG_T,	/* [Mon Jan  1 12:00:00 2024] */
	PFX_SYSLOG,	/* Jan  1 12:00:00 host prog: */
	PFX_ISO,	/* 2024-01-01T12:00:00+00:00 [host kernel:] */
	PFX_KMSG	/* /dev/kmsg: 4,123,456789,-; */
};

/* What norm_strip found at the start of one line. */
struct prefix {
	enum pfx_style style;	/* the outermost prefix found */
	size_t msg_off;		/* where the message starts */
	int kernel;		/* 0 when syslog names another program */
	size_t time_off, time_len;	/* wall-clock text, len 0 if none */
	double uptime;		/* seconds since boot, or -1 */
};

/* One normalised record, as handed to the event layer. */
struct record {
	const char *msg;	/* NUL-terminated message, no prefix */
	size_t len;
	int kernel;		/* 1 kernel message, 0 another program */
	const char *time;	/* wall clock text or "" */
	double uptime;		/* seconds since boot, or -1 */
	int truncated;		/* some part hit the line cap */
};

typedef void (*record_fn)(void *ctx, const struct record *r);

struct normalizer {
	record_fn fn;
	void *ctx;
	int have;		/* a record is pending */
	int prefixed;		/* the pending record had a prefix */
	int kernel;
	int truncated;
	double uptime;
	size_t len;
	char time[40];
	char buf[LINE_CAP + 1];
};

size_t strip_quote(const char *line, size_t len);
void norm_strip(const char *line, size_t len, struct prefix *pf);
int row_complete(const char *msg, size_t len);
int record_start(const char *s, size_t len);
void norm_init(struct normalizer *n, record_fn fn, void *ctx);
void norm_line(struct normalizer *n, const char *line, size_t len,
	       int truncated);
void norm_flush(struct normalizer *n);

#endif /* OOM_NORMALIZE_H */

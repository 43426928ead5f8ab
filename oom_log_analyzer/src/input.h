/* SPDX-License-Identifier: GPL-2.0 */
/*
 * input.h - split a byte stream into lines of bounded length. A line longer
 * than LINE_CAP keeps its first LINE_CAP bytes and is flagged truncated;
 * the rest of it is dropped, so memory stays fixed whatever the input.
 */
#ifndef OOM_INPUT_H
#define OOM_INPUT_H

#include <stddef.h>

#define LINE_CAP 8192

typedef void (*line_fn)(void *ctx, const char *line, size_t len,
			int truncated);

struct splitter {
	line_fn fn;
	void *ctx;
	size_t len;		/* bytes of a partial line held in buf */
	int overflow;		/* the held line went past LINE_CAP */
	char buf[LINE_CAP];
};

void split_init(struct splitter *s, line_fn fn, void *ctx);
void split_push(struct splitter *s, const char *data, size_t n);
void split_finish(struct splitter *s);
int split_read_fd(struct splitter *s, int fd);

#endif /* OOM_INPUT_H */

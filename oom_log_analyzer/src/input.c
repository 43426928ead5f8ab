// SPDX-License-Identifier: GPL-2.0
/*
 * input.c - read a file descriptor in large chunks and hand out lines
 * without a per-line allocation: complete lines inside a chunk are passed
 * in place, only a line split across chunks is copied.
 */
#include "input.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#define READ_CHUNK (256 * 1024)

/* split_init: start an empty splitter that calls fn for every line. */
void split_init(struct splitter *s, line_fn fn, void *ctx)
{
	s->fn = fn;
	s->ctx = ctx;
	s->len = 0;
	s->overflow = 0;
}

/* hold: append bytes of an unfinished line, up to the cap. */
static void hold(struct splitter *s, const char *p, size_t n)
{
	size_t room = LINE_CAP - s->len;

	if (n > room) {
		n = room;
		s->overflow = 1;
	}
	memcpy(s->buf + s->len, p, n);
	s->len += n;
}

/* split_push: feed n bytes; every completed line goes to the callback. */
void split_push(struct splitter *s, const char *data, size_t n)
{
	while (n > 0) {
		const char *nl = memchr(data, '\n', n);
		size_t llen;

		if (!nl) {
			hold(s, data, n);
			return;
		}
		llen = (size_t)(nl - data);
		if (s->len == 0 && !s->overflow) {
			if (llen > LINE_CAP)
				s->fn(s->ctx, data, LINE_CAP, 1);
			else
				s->fn(s->ctx, data, llen, 0);
		} else {
			hold(s, data, llen);
			s->fn(s->ctx, s->buf, s->len, s->overflow);
			s->len = 0;
			s->overflow = 0;
		}
		data = nl + 1;
		n -= llen + 1;
	}
}

/* split_finish: hand out a last line that had no newline. */
void split_finish(struct splitter *s)
{
	if (s->len > 0 || s->overflow)
		s->fn(s->ctx, s->buf, s->len, s->overflow);
	s->len = 0;
	s->overflow = 0;
}

/*
 * split_read_fd: read fd to its end through the splitter. Returns 0, or
 * the errno of a failed read (the lines read so far were delivered).
 */
int split_read_fd(struct splitter *s, int fd)
{
	static char chunk[READ_CHUNK];

	for (;;) {
		ssize_t got = read(fd, chunk, sizeof(chunk));

		if (got == 0)
			break;
		if (got < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		split_push(s, chunk, (size_t)got);
	}
	split_finish(s);
	return 0;
}

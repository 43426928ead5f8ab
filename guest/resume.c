// SPDX-License-Identifier: GPL-2.0
/*
 * resume.c - bring a guest restored from a snapshot up to date.
 *
 * Every guest restored from one snapshot wakes with the clock and the
 * random state of the moment the snapshot was taken. This sets
 * CLOCK_REALTIME to the host's time, mixes the host's seed into the input
 * pool crediting its bits (RNDADDENTROPY), then forces the CRNG to reseed
 * at once (RNDRESEEDCRNG), so no two restored guests share /dev/urandom
 * output. The guest asks the host for the time ("time" on the control
 * port) only once it is running again, so the host stamps its answer
 * late enough not to put the guest's clock behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <linux/random.h>

#include "rlk.h"

#define MAX_SEED_BYTES 256

/* parse_time - read SECONDS[.FRACTION] into @ts; 0 on success, -1 if bad. */
static int parse_time(const char *s, struct timespec *ts)
{
	long long sec = 0;
	long nsec = 0;
	int digits = 0;

	if (*s < '0' || *s > '9')
		return -1;
	while (*s >= '0' && *s <= '9')
		sec = sec * 10 + (*s++ - '0');
	if (*s == '.') {
		s++;
		for (; *s >= '0' && *s <= '9'; s++) {
			if (digits < 9) {
				nsec = nsec * 10 + (*s - '0');
				digits++;
			}
		}
	}
	if (*s)
		return -1;
	for (; digits < 9; digits++)
		nsec *= 10;
	ts->tv_sec = sec;
	ts->tv_nsec = nsec;
	return 0;
}

/* hex_val - the value of hex digit @c, or -1. */
static int hex_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* parse_seed - decode @hex into @out; the byte count, or -1 if bad. */
static int parse_seed(const char *hex, unsigned char *out)
{
	size_t len = strlen(hex), i;

	if (len == 0 || len % 2 || len / 2 > MAX_SEED_BYTES)
		return -1;
	for (i = 0; i < len / 2; i++) {
		int hi = hex_val(hex[2 * i]);
		int lo = hex_val(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return (int)(len / 2);
}

/* reseed - credit @n bytes of @seed to the input pool, then reseed;
 * 0, or -1.
 */
static int reseed(const unsigned char *seed, int n)
{
	struct {
		struct rand_pool_info info;
		unsigned char buf[MAX_SEED_BYTES];
	} req;
	int fd, rc = -1;

	req.info.entropy_count = n * 8;
	req.info.buf_size = n;
	memcpy(req.buf, seed, n);
	fd = open("/dev/urandom", O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		warn("open /dev/urandom: %s", strerror(errno));
		return -1;
	}
	if (ioctl(fd, RNDADDENTROPY, &req.info) < 0)
		warn("RNDADDENTROPY: %s", strerror(errno));
	else if (ioctl(fd, RNDRESEEDCRNG) < 0)
		warn("RNDRESEEDCRNG: %s", strerror(errno));
	else
		rc = 0;
	close(fd);
	return rc;
}

/* resume_guest - ask the host on @port for its time, set the clock to
 * it, and reseed the CRNG with @seed_hex; 0, or -1.
 */
int resume_guest(int port, const char *seed_hex)
{
	unsigned char seed[MAX_SEED_BYTES];
	struct timespec ts;
	char line[64];
	int n;

	n = parse_seed(seed_hex, seed);
	if (n < 0) {
		warn("bad seed from the host");
		return -1;
	}
	if (write(port, "time\n", 5) != 5 || read_line(port, line, sizeof(line)) < 0) {
		warn("no time from the host");
		return -1;
	}
	if (parse_time(line, &ts) < 0) {
		warn("bad time from the host: '%s'", line);
		return -1;
	}
	if (clock_settime(CLOCK_REALTIME, &ts) < 0) {
		warn("clock_settime: %s", strerror(errno));
		return -1;
	}
	return reseed(seed, n);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * rlk-resume - bring a guest restored from a snapshot up to date.
 *
 * Usage: rlk-resume SECONDS.NANOSECONDS|- HEXSEED
 *
 * Every guest restored from one snapshot wakes with the clock and the
 * random state of the moment the snapshot was taken. This sets
 * CLOCK_REALTIME to the host's time, mixes the host's seed into the input
 * pool crediting its bits (RNDADDENTROPY), then forces the CRNG to reseed
 * at once (RNDRESEEDCRNG), so no two restored guests share /dev/urandom
 * output.
 *
 * With "-" for the time, it writes "time" on stdout and takes the answer
 * from stdin: run as "rlk-resume - SEED <PORT >PORT", the host stamps its
 * answer only once this program is loaded, so the exec time of a freshly
 * restored guest does not put the clock behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <linux/random.h>

#define MAX_SEED_BYTES 256

/* die - print the program's name, MSG and errno's text, then exit 1. */
static void die(const char *msg)
{
	fprintf(stderr, "rlk-resume: %s: %s\n", msg, strerror(errno));
	exit(1);
}

/* usage - print how to call the program, then exit 2. */
static void usage(void)
{
	fputs("usage: rlk-resume SECONDS.NANOSECONDS|- HEXSEED\n", stderr);
	exit(2);
}

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

/* reseed - credit @n bytes of @seed to the input pool, then reseed. */
static void reseed(const unsigned char *seed, int n)
{
	struct {
		struct rand_pool_info info;
		unsigned char buf[MAX_SEED_BYTES];
	} req;
	int fd;

	req.info.entropy_count = n * 8;
	req.info.buf_size = n;
	memcpy(req.buf, seed, n);
	fd = open("/dev/urandom", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		die("open /dev/urandom");
	if (ioctl(fd, RNDADDENTROPY, &req.info) < 0)
		die("RNDADDENTROPY");
	if (ioctl(fd, RNDRESEEDCRNG) < 0)
		die("RNDRESEEDCRNG");
	close(fd);
}

/* ask_time - write "time" on stdout, read the answer line into @buf. */
static void ask_time(char *buf, int size)
{
	int n = 0;

	if (write(STDOUT_FILENO, "time\n", 5) != 5)
		die("write stdout");
	/* byte by byte: leave what follows the line to the next reader */
	while (n < size - 1) {
		if (read(STDIN_FILENO, buf + n, 1) != 1)
			die("read stdin");
		if (buf[n] == '\n')
			break;
		n++;
	}
	buf[n] = '\0';
}

/* main - set the clock, then reseed the CRNG. */
int main(int argc, char **argv)
{
	unsigned char seed[MAX_SEED_BYTES];
	struct timespec ts;
	char line[64];
	const char *when;
	int n;

	if (argc != 3)
		usage();
	n = parse_seed(argv[2], seed);
	if (n < 0)
		usage();
	when = argv[1];
	if (!strcmp(when, "-")) {
		ask_time(line, sizeof(line));
		when = line;
	}
	if (parse_time(when, &ts) < 0)
		usage();
	if (clock_settime(CLOCK_REALTIME, &ts) < 0)
		die("clock_settime");
	reseed(seed, n);
	return 0;
}

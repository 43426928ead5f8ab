// SPDX-License-Identifier: GPL-2.0
/*
 * hog.c - rlk-hog: map SIZE bytes of anonymous memory, write every page
 * with the chosen fill, then hold it until killed or exit.
 *
 * The scenarios use it as the big, idle task the OOM killer picks, as
 * the memory a memory.high cgroup throttles, as the data zram swap
 * compresses (or cannot), and to show ENOMEM from mmap when
 * vm.overcommit_memory=2 refuses the mapping.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fill.h"
#include "hog_options.h"
#include "msg.h"
#include "parse.h"

/* Write @adj to /proc/self/oom_score_adj; 0 or an errno. */
static int set_score_adj(int adj)
{
	char buf[16];
	int fd, len, err = 0;

	fd = open("/proc/self/oom_score_adj", O_WRONLY);
	if (fd < 0)
		return errno;
	len = snprintf(buf, sizeof(buf), "%d\n", adj);
	if (write(fd, buf, len) != len)
		err = errno ? errno : EIO;
	close(fd);
	return err;
}

/*
 * Map @size bytes, private and anonymous, with room to spare: no
 * MAP_NORESERVE, so the overcommit policy judges the whole size now.
 * Huge pages are declined: each first touch then faults in one page.
 */
static unsigned char *map(unsigned long long size)
{
	char human[32];
	void *p;

	fmt_size(human, sizeof(human), size);
	if (size > SIZE_MAX)	/* a 32-bit address space */
		fatal(HOG_EXIT_MMAP, "mmap %s: %s", human, strerror(ENOMEM));
	p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		fatal(HOG_EXIT_MMAP, "mmap %s: %s", human, strerror(errno));
	madvise(p, size, MADV_NOHUGEPAGE);	/* EINVAL without THP: fine */
	return p;
}

/* Print "rlk-hog: DONE of SIZE touched" on stderr. */
static void progress(unsigned long long done, unsigned long long size)
{
	char a[32], b[32];

	fprintf(stderr, "rlk-hog: %s of %s touched\n",
		fmt_size(a, sizeof(a), done), fmt_size(b, sizeof(b), size));
}

/* Write every page of @p with the fill, reporting each 64 MiB. */
static void touch(unsigned char *p, const struct hog_options *o)
{
	size_t page = sysconf(_SC_PAGESIZE);
	unsigned long long off, len, next = HOG_PROGRESS;
	struct fill f;

	fill_init(&f, o->fill, fill_seed());
	for (off = 0; off < o->size; off += len) {
		len = o->size - off < page ? o->size - off : page;
		fill_page(&f, p + off, len, off / page);
		if (!o->quiet && off + len >= next && off + len < o->size) {
			progress(next, o->size);
			next += HOG_PROGRESS;
		}
	}
	if (!o->quiet)
		progress(o->size, o->size);
}

/* Parse the command line; exits on --help and usage errors. */
static void get_options(struct hog_options *o, int argc, char **argv)
{
	char err[256];

	switch (hog_parse(o, argc, argv, err, sizeof(err))) {
	case OPT_RUN:
		return;
	case OPT_HELP:
		hog_usage(stdout);
		exit(HOG_EXIT_OK);
	case OPT_ERROR:
		fatal(HOG_EXIT_USAGE, "%s", err);
	}
}

/* Parse, set oom_score_adj, map, touch, then hold or exit. */
int main(int argc, char **argv)
{
	struct hog_options o;
	char human[32];
	unsigned char *p;

	msg_init("rlk-hog");
	get_options(&o, argc, argv);
	if (o.score_adj_set) {
		int err = set_score_adj(o.oom_score_adj);

		if (err)
			fatal(HOG_EXIT_FAIL, "setting oom_score_adj %d: %s",
			      o.oom_score_adj, strerror(err));
	}
	p = map(o.size);
	touch(p, &o);
	if (!o.hold)
		return HOG_EXIT_OK;
	printf("rlk-hog: %d holds %s\n", (int)getpid(),
	       fmt_size(human, sizeof(human), o.size));
	fflush(stdout);
	for (;;)
		pause();
}

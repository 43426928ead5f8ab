// SPDX-License-Identifier: GPL-2.0
/*
 * alloc.c - the victim. One thread per CPU (or --threads), each taking
 * --chunk bytes at a time and writing one byte to every page, so the
 * kernel must really back them with RAM. The first thread that fails
 * ends the whole victim with its errno as exit status, as in the lab;
 * usually the OOM killer's SIGKILL comes first.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "alloc.h"
#include "i18n.h"
#include "msg.h"

#define THP_ENABLED "/sys/kernel/mm/transparent_hugepage/enabled"
#define THP_PMD_SIZE "/sys/kernel/mm/transparent_hugepage/hpage_pmd_size"

static const struct victim *victim;
static size_t page_size;
static size_t huge_size;

/* Bytes handed out so far under --limit; threads claim chunks from it. */
static unsigned long long claimed;

/* The errno of the first thread that failed; 0 while none has. */
static int first_error;

/* Make the progress page, zeroed by the parent so it is charged there. */
struct progress *progress_create(unsigned int threads)
{
	size_t len = sizeof(struct progress) +
		     threads * sizeof(struct progress_slot);
	struct progress *p;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		 -1, 0);
	if (p == MAP_FAILED)
		fatal(EXIT_OTHER, _("mmap progress page: %s"), strerror(errno));
	memset(p, 0, len);
	p->threads = threads;
	return p;
}

/* Sum of what every thread has touched. */
unsigned long long progress_touched(const struct progress *p)
{
	unsigned long long sum = 0;
	unsigned int i;

	for (i = 0; i < p->threads; i++)
		sum += __atomic_load_n(&p->slot[i].touched, __ATOMIC_RELAXED);
	return sum;
}

/*
 * How many bytes this thread should take next: a whole chunk, or under
 * --limit what is left of the limit (0 when nothing is). The shared
 * counter makes the total exact whatever the number of threads.
 */
static size_t claim_chunk(void)
{
	unsigned long long chunk = victim->opt->chunk;
	unsigned long long limit = victim->opt->limit;
	unsigned long long old;

	if (!limit)
		return chunk;
	old = __atomic_fetch_add(&claimed, chunk, __ATOMIC_RELAXED);
	if (old >= limit)
		return 0;
	return limit - old < chunk ? limit - old : chunk;
}

/* Write one byte to every page of [p, p + len), publishing progress. */
static void touch(char *p, size_t len, struct progress_slot *slot)
{
	unsigned long long done = slot->touched;
	size_t off;

	for (off = 0; off < len; off += page_size) {
		p[off] = '\a';
		done += len - off < page_size ? len - off : page_size;
		__atomic_store_n(&slot->touched, done, __ATOMIC_RELAXED);
	}
}

/* mmap @len anonymous private bytes, with extra @flags. */
static void *map_anon(size_t len, int flags)
{
	return mmap(NULL, len, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
}

/*
 * mmap @len bytes starting on a huge page boundary and ask for
 * transparent huge pages. Without the alignment the kernel can only use
 * huge pages for the aligned middle of the mapping.
 */
static void *map_thp(size_t len)
{
	static int warned;
	char *raw, *p;
	size_t head, tail;

	raw = map_anon(len + huge_size, 0);
	if (raw == MAP_FAILED)
		return raw;
	p = (char *)(((uintptr_t)raw + huge_size - 1) & ~(huge_size - 1));
	head = p - raw;
	tail = huge_size - head;
	if (head)
		munmap(raw, head);
	if (tail)
		munmap(p + len, tail);
	if (madvise(p, len, MADV_HUGEPAGE) && !__atomic_exchange_n(&warned, 1,
							__ATOMIC_RELAXED))
		warn(_("victim: madvise(MADV_HUGEPAGE): %s"), strerror(errno));
	return p;
}

/* Take one chunk of @len bytes the --method way; 0 or an errno. */
static int take_chunk(size_t len, struct progress_slot *slot)
{
	char *p;

	switch (victim->opt->method) {
	case METHOD_MMAP:
		p = map_anon(len, 0);
		break;
	case METHOD_POPULATE:
		p = map_anon(len, MAP_POPULATE);
		break;
	case METHOD_MLOCK:
		p = map_anon(len, 0);
		if (p != MAP_FAILED && mlock(p, len))
			return errno;
		break;
	case METHOD_THP:
		p = map_thp(len);
		break;
	case METHOD_MALLOC:
		p = malloc(len);
		if (!p)
			return ENOMEM;
		break;
	default:
		return EINVAL;
	}
	if (p == MAP_FAILED)
		return errno;
	touch(p, len, slot);	/* populate and mlock did it: cheap */
	return 0;
}

/*
 * A thread failed with @err: end the victim with it, once. Only the
 * first failing thread goes on; exit() from a thread would flush stdio
 * without its locks while siblings print, and two at once race. It takes
 * the output's lock, so no sibling is in the middle of a line, flushes
 * and ends the process (the parent prints strerror(err)). Later ones
 * return, to stop where they are.
 */
static void end_victim(int err)
{
	int none = 0;

	if (!__atomic_compare_exchange_n(&first_error, &none, err, false,
					 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		return;
	flockfile(victim->out);
	fflush(victim->out);
	_exit(err);
}

/* Thread body: take chunks until the limit is reached or one fails. */
static void *alloc_thread(void *arg)
{
	struct progress_slot *slot = arg;
	size_t len;

	while ((len = claim_chunk()) != 0 &&
	       !__atomic_load_n(&first_error, __ATOMIC_RELAXED)) {
		int err;

		if (!victim->opt->quiet) {
			/* TRANSLATORS: the lab's per-chunk line (the book's) */
			fprintf(victim->out, _("thread(%lx), allocating %zu bytes.\n"),
				(unsigned long)pthread_self(), len);
		}
		err = take_chunk(len, slot);
		if (err) {
			end_victim(err);
			break;
		}
	}
	return NULL;
}

/* Read a small sysfs file into @buf; false if it is not there. */
static bool read_small_file(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	bool ok;

	if (!f)
		return false;
	ok = fgets(buf, len, f) != NULL;
	fclose(f);
	return ok;
}

/* Explain up front why a method may not do what its name says. */
static void check_method(void)
{
	struct rlimit rl;

	huge_size = 2UL << 20;
	if (victim->opt->method == METHOD_THP) {
		char buf[128];

		if (read_small_file(THP_PMD_SIZE, buf, sizeof(buf)))
			huge_size = strtoul(buf, NULL, 10);
		if (read_small_file(THP_ENABLED, buf, sizeof(buf)) &&
		    strstr(buf, "[never]"))
			warn(_("victim: %s is 'never': thp gets small pages"),
			     THP_ENABLED);
	}
	if (victim->opt->method == METHOD_MLOCK && geteuid() != 0 &&
	    getrlimit(RLIMIT_MEMLOCK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		warn(_("victim: RLIMIT_MEMLOCK is %llu bytes: mlock fails there, not at OOM"),
		     (unsigned long long)rl.rlim_cur);
}

/*
 * The victim's main thread: start the allocating threads, then wait.
 * Exits 0 when every thread stopped at --limit.
 */
void victim_run(const struct victim *v)
{
	pthread_t *tid;
	unsigned int i, started = 0;

	victim = v;
	page_size = sysconf(_SC_PAGESIZE);
	check_method();
	tid = calloc(v->threads, sizeof(*tid));
	if (!tid)
		fatal(ENOMEM, _("victim: calloc: %s"), strerror(errno));
	for (i = 0; i < v->threads; i++) {
		int err = pthread_create(&tid[started], NULL, alloc_thread,
				     &v->progress->slot[i]);
		if (err == 0) {
			started++;
			continue;
		}
		if (!started)
			fatal(err, _("victim: pthread_create: %s"), strerror(err));
		warn(_("victim: pthread_create: %s (running %u threads)"),
		     strerror(err), started);
		break;
	}
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	exit(0);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * tests/alloc_test.c - how the victim ends when its threads fail, made
 * deterministic. The test is linked with ld --wrap=mmap,--wrap=exit,
 * --wrap=_exit, so it decides which chunk fails and when, and counts how
 * often the victim ends itself; the victim prints into a stream whose
 * writes the test sees (fopencookie). Each case runs victim_run() in a
 * child; shared memory tells the parent what happened there.
 *
 *   "a sibling mid-line": thread F's chunk fails while thread W is in
 *   the middle of writing its line. The victim must let W finish the
 *   line, write nothing twice and nothing concurrently, and exit ENOMEM.
 *
 *   "four at once": every thread's first chunk fails at the same moment,
 *   and an exit handler makes exit() slow. The victim must end once,
 *   with ENOMEM.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../alloc.h"
#include "tap.h"

#define CHUNK	4096
#define THREADS	4

enum scenario { MID_LINE, AT_ONCE };

/* What the child did, in a MAP_SHARED page the parent reads afterwards. */
struct shared {
	enum scenario scenario;
	int writes;		/* calls of the stream's write */
	int in_write;		/* a write is in progress */
	int overlapping;	/* writes begun while another was in progress */
	int ends;		/* exit() and _exit() calls */
	int chunk_maps;		/* mmap() calls for chunks */
	size_t len;
	char out[1 << 16];	/* everything the victim wrote */
};

static struct shared *sh;
/* This thread is in exit(), whose own _exit() is not another end. */
static __thread bool exiting;

void *__real_mmap(void *addr, size_t len, int prot, int flags, int fd,
		  off_t off);
void __real_exit(int code) __attribute__((noreturn));
void __real__exit(int code) __attribute__((noreturn));

/* Sleep @ms milliseconds. */
static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Wait up to 2 s for *@p to reach @value; false on timeout. */
static bool wait_for(int *p, int value)
{
	int i;

	for (i = 0; i < 2000; i++) {
		if (__atomic_load_n(p, __ATOMIC_SEQ_CST) >= value)
			return true;
		sleep_ms(1);
	}
	return false;
}

/*
 * The victim's mmap(). MID_LINE: the first chunk fails once another
 * thread is inside a write (the second one, which lasts 300 ms); the
 * others succeed. AT_ONCE: each thread's first chunk waits until every
 * thread has asked, then they all fail together.
 */
void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd,
		  off_t off)
{
	int n;

	if (!(flags & MAP_PRIVATE) || len != CHUNK)
		return __real_mmap(addr, len, prot, flags, fd, off);
	n = __atomic_add_fetch(&sh->chunk_maps, 1, __ATOMIC_SEQ_CST);
	if (sh->scenario == MID_LINE && n == 1) {
		wait_for(&sh->writes, 2);
		wait_for(&sh->in_write, 1);
	} else if (sh->scenario == AT_ONCE && n <= THREADS) {
		wait_for(&sh->chunk_maps, THREADS);
	} else {
		return __real_mmap(addr, len, prot, flags, fd, off);
	}
	errno = ENOMEM;
	return MAP_FAILED;
}

/* Count the victim's ends, then end. */
void __wrap_exit(int code)
{
	exiting = true;
	__atomic_add_fetch(&sh->ends, 1, __ATOMIC_SEQ_CST);
	__real_exit(code);
}

/* Count the victim's ends (but exit()'s own _exit()), then end. */
void __wrap__exit(int code)
{
	if (!exiting)
		__atomic_add_fetch(&sh->ends, 1, __ATOMIC_SEQ_CST);
	__real__exit(code);
}

/*
 * The victim's output stream. Notes writes that overlap; the second one
 * takes 300 ms, the window in which MID_LINE's chunk fails.
 */
static ssize_t stream_write(void *cookie, const char *buf, size_t len)
{
	int n = __atomic_add_fetch(&sh->writes, 1, __ATOMIC_SEQ_CST);
	size_t at;

	(void)cookie;
	if (__atomic_exchange_n(&sh->in_write, 1, __ATOMIC_SEQ_CST))
		__atomic_add_fetch(&sh->overlapping, 1, __ATOMIC_SEQ_CST);
	if (n == 2)
		sleep_ms(300);
	at = __atomic_fetch_add(&sh->len, len, __ATOMIC_SEQ_CST);
	if (at + len <= sizeof(sh->out))
		memcpy(sh->out + at, buf, len);
	__atomic_store_n(&sh->in_write, 0, __ATOMIC_SEQ_CST);
	return len;
}

/*
 * An exit handler that takes its time, as flushing a slow stream may:
 * exit() runs it, _exit() does not. It widens the window in which a
 * second failing thread could end the victim too.
 */
static void slow_exit_handler(void)
{
	sleep_ms(200);
}

/* The child: run the victim, printing into the test's stream. */
__attribute__((noreturn))
static void run_victim(void)
{
	static const cookie_io_functions_t io = { .write = stream_write };
	static struct options opt = { .chunk = CHUNK, .method = METHOD_MMAP };
	struct victim v = { .opt = &opt, .threads = THREADS };

	alarm(10);
	atexit(slow_exit_handler);
	v.progress = progress_create(THREADS);
	v.out = fopencookie(NULL, "w", io);
	if (!v.out)
		__real__exit(100);
	setvbuf(v.out, NULL, _IOLBF, 0);
	victim_run(&v);
}

/* Does @s hold only whole "thread(X), allocating 4096 bytes." lines? */
static bool whole_lines(const char *s, size_t len)
{
	const char *end = s + len, *nl;
	unsigned long tid;
	int used;

	for (; s < end; s = nl + 1) {
		nl = memchr(s, '\n', end - s);
		if (!nl)
			return false;
		used = -1;
		if (sscanf(s, "thread(%lx), allocating 4096 bytes.%n", &tid,
			   &used) != 1 || s + used != nl)
			return false;
	}
	return true;
}

/* Run one scenario in a child and check how the victim ended. */
static void check(enum scenario scenario, const char *name)
{
	int status = 0;
	pid_t pid;

	memset(sh, 0, sizeof(*sh));
	sh->scenario = scenario;
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		run_victim();
	waitpid(pid, &status, 0);
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == ENOMEM,
	       "%s: the victim exits with ENOMEM (status 0x%x)", name, status);
	tap_is_int(1, sh->ends, "%s: it ends itself once", name);
	tap_is_int(0, sh->overlapping,
		   "%s: no write overlaps another (%d writes)", name,
		   sh->writes);
	tap_ok(sh->len <= sizeof(sh->out) && whole_lines(sh->out, sh->len),
	       "%s: its output is whole lab lines (%zu bytes)",
	       name, sh->len);
	if (scenario == MID_LINE)
		tap_ok(sh->writes >= 2 && sh->len >= 2 * 35,
		       "%s: the sibling's line was written (%d writes)", name,
		       sh->writes);
}

int main(void)
{
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		printf("Bail out! mmap: %s\n", strerror(errno));
		return 255;
	}
	check(MID_LINE, "a sibling mid-line");
	check(AT_ONCE, "four at once");
	return tap_done();
}

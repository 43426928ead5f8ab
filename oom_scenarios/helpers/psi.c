// SPDX-License-Identifier: GPL-2.0
/*
 * psi.c - rlk-psi: wait for memory pressure through a PSI trigger, the
 * way a userspace OOM daemon (systemd-oomd, Android's lmkd) hears of it
 * before the kernel's OOM killer has to act. busybox cannot poll() a
 * trigger; this can.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "msg.h"
#include "pressure.h"
#include "psi_options.h"

/* Parse the command line; exits on --help and usage errors. */
static void get_options(struct psi_options *o, int argc, char **argv)
{
	char err[256];

	switch (psi_parse(o, argc, argv, err, sizeof(err))) {
	case OPT_RUN:
		return;
	case OPT_HELP:
		psi_usage(stdout);
		exit(PSI_EXIT_OK);
	case OPT_ERROR:
		fatal(PSI_EXIT_USAGE, "%s", err);
	}
}

/* Why a pressure file cannot be opened, with the exit status it means. */
static void no_file(const struct psi_options *o, const char *path, int err)
{
	struct stat st;

	if (o->cgroup && stat(o->cgroup, &st))
		fatal(PSI_EXIT_USAGE, "--cgroup %s: %s", o->cgroup,
		      strerror(errno));
	if (o->cgroup && !S_ISDIR(st.st_mode))
		fatal(PSI_EXIT_USAGE, "--cgroup %s: %s", o->cgroup,
		      strerror(ENOTDIR));
	if (err == ENOENT || err == ENODEV)
		fatal(PSI_EXIT_NO_PSI, "%s: %s (%s)", path, strerror(err),
		      o->cgroup ? "not a cgroup v2 group, or PSI is off: CONFIG_PSI, psi=0, cgroup.pressure" :
				  "a kernel without CONFIG_PSI, or booted with psi=0");
	if (err == EACCES || err == EPERM)
		fatal(PSI_EXIT_NO_PSI, "%s: %s (run as root)", path,
		      strerror(err));
	fatal(PSI_EXIT_FAIL, "%s: %s", path, strerror(err));
}

/*
 * Open @path and register the trigger on it. The kernel wants the
 * terminating NUL too (Documentation/accounting/psi.rst).
 */
static int arm(const struct psi_options *o, const char *path)
{
	char trig[64];
	ssize_t len;
	int fd;

	fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		no_file(o, path, errno);
	if (pressure_trigger(trig, sizeof(trig), o->full, o->stall_ms,
			     o->window_ms))
		fatal(PSI_EXIT_FAIL, "trigger: too long");
	len = strlen(trig) + 1;
	if (write(fd, trig, len) != len) {
		int err = errno;

		if (err == EOPNOTSUPP || err == EPERM || err == EACCES)
			fatal(PSI_EXIT_NO_PSI, "%s: trigger '%s': %s", path,
			      trig, strerror(err));
		if (err == EINVAL && o->window_ms % 2000)
			fatal(PSI_EXIT_NO_PSI,
			      "%s: trigger '%s': %s (since 6.5, without CAP_SYS_RESOURCE the window must be a multiple of 2 s: try --window 2000)",
			      path, trig, strerror(err));
		fatal(PSI_EXIT_FAIL, "%s: trigger '%s': %s", path, trig,
		      strerror(err));
	}
	fprintf(stderr, "rlk-psi: trigger '%s' on %s\n", trig, path);
	return fd;
}

/* Read the avg10 figures of @path now; -1 for what cannot be read. */
static struct pressure_avg read_avg(const char *path)
{
	struct pressure_avg avg = { -1, -1 };
	char text[512];
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return avg;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n < 0)
		return avg;
	text[n] = '\0';
	pressure_parse(text, &avg);	/* leaves -1 on error */
	return avg;
}

/* Print one event line on stdout. */
static void report(long nr, double t, const char *path)
{
	struct pressure_avg avg = read_avg(path);

	printf("rlk-psi: event %ld at %.3f s: some avg10=%.2f", nr, t,
	       avg.some);
	if (avg.full >= 0)
		printf(" full avg10=%.2f", avg.full);
	putchar('\n');
	fflush(stdout);
}

/*
 * Wait on @fd for POLLPRI until o->count events, or the timeout, which
 * counts from @start. Returns the exit status.
 */
static int watch(const struct psi_options *o, int fd, const char *path,
		 double start)
{
	struct pollfd pfd = { .fd = fd, .events = POLLPRI };
	double deadline = start + o->timeout_s;
	long seen = 0;

	while (seen < o->count) {
		int n, wait_ms = -1;

		if (o->timeout_s) {
			double left = deadline - mono_seconds();

			wait_ms = left > 0 ? (int)(left * 1000) + 1 : 0;
		}
		n = poll(&pfd, 1, wait_ms);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			fatal(PSI_EXIT_FAIL, "poll: %s", strerror(errno));
		if (n == 0) {
			warn("timeout: %ld of %ld events in %ld s on %s",
			     seen, o->count, o->timeout_s, path);
			return PSI_EXIT_TIMEOUT;
		}
		if (pfd.revents & (POLLERR | POLLNVAL))
			fatal(PSI_EXIT_FAIL,
			      "%s: the trigger went away (cgroup removed?)",
			      path);
		if (pfd.revents & POLLPRI)
			report(++seen, mono_seconds() - start, path);
	}
	return PSI_EXIT_OK;
}

/* Parse, arm the trigger, wait for the events or the timeout. */
int main(int argc, char **argv)
{
	double start = mono_seconds();
	struct psi_options o;
	char path[4096];
	int fd;

	msg_init("rlk-psi");
	get_options(&o, argc, argv);
	if (pressure_path(path, sizeof(path), o.cgroup))
		fatal(PSI_EXIT_USAGE, "--cgroup: path too long");
	fd = arm(&o, path);
	return watch(&o, fd, path, start);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * record.c - "oom-timeline record": the recording of one run.
 *
 * The walk: open the /proc files, create FILE (a failure so far stops
 * everything before anything runs), set up tracing (or say why not and
 * go on without), protect the recorder (oom_score_adj -1000, mlockall:
 * the OOM killer must not pick it and reclaim must not take its
 * pages), take a first sample,
 * fork and exec CMD with the caller's oom_score_adj, signal mask and
 * nice value, then sample on an absolute-time timer until CMD ends
 * (SIGCHLD cuts the wait short), take a last sample, collect the
 * events, remove the tracefs instance, write FILE and exit with CMD's
 * status.
 *
 * SIGINT, SIGTERM and SIGHUP sent to the recorder alone (kill) are
 * passed on to CMD; a terminal's Ctrl-C reaches CMD by itself. A
 * second one sends CMD SIGKILL. Recording goes on until CMD has ended,
 * so the file always gets written and tracefs cleaned.
 *
 * The warnings are in the reader's language; why there are no events
 * (trace.c's reasons) goes into FILE too, so it stays in English.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "format.h"
#include "i18n.h"
#include "msg.h"
#include "record.h"
#include "sample.h"
#include "timeline.h"
#include "trace.h"

#define TRACEFS_DEFAULT "/sys/kernel/tracing"
#define RESERVE_SECONDS 60	/* rows allocated (and locked) up front */

static volatile sig_atomic_t child_ended, stop_signal, signals_seen;
static volatile pid_t child_pid;

/*
 * SIGCHLD: note it (the sleep is cut short). SIGINT, SIGTERM, SIGHUP:
 * pass a kill()ed one on to CMD (a terminal's reached it already), and
 * make a second one SIGKILL.
 */
static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig == SIGCHLD) {
		child_ended = 1;
		return;
	}
	stop_signal = sig;
	signals_seen++;
	if (child_pid <= 0)
		return;
	if (signals_seen > 1)
		kill(child_pid, SIGKILL);
	else if (si->si_code != SI_KERNEL)
		kill(child_pid, sig);
}

/* Install on_signal() for the signals above; they start blocked. */
static void catch_signals(sigset_t *set)
{
	struct sigaction sa = {
		.sa_sigaction = on_signal,
		.sa_flags = SA_SIGINFO | SA_NOCLDSTOP,	/* no SA_RESTART */
	};

	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGCHLD);
	sigprocmask(SIG_BLOCK, set, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
}

/* Read this process's oom_score_adj; 0 if it cannot be read. */
static int score_read(void)
{
	FILE *f = fopen("/proc/self/oom_score_adj", "re");
	int v = 0;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v;
}

/* Write this process's oom_score_adj; 0 or an errno. */
static int score_write(int v)
{
	char buf[16];
	int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
	int err = 0, n = snprintf(buf, sizeof(buf), "%d", v);

	if (fd < 0)
		return errno;
	if (write(fd, buf, n) != n)
		err = errno;
	close(fd);
	return err;
}

/*
 * Keep the recorder out of the OOM killer's choice and its pages out
 * of reclaim. Without the privilege for it (not root), it goes on
 * unprotected: a warning for root only, where it should have worked.
 */
static void protect_recorder(void)
{
	int e = score_write(-1000);

	if (e && geteuid() == 0)
		warn(_("oom_score_adj -1000: %s: the recorder may be OOM-killed"),
		     strerror(e));
	if (mlockall(MCL_CURRENT | MCL_FUTURE) && geteuid() == 0)
		warn(_("mlockall: %s: the recorder's pages may be reclaimed"),
		     strerror(errno));
}

/* Fill the header: command, kernel, machine, host, wall clock. */
static void describe(struct timeline *tl, const struct options *o)
{
	struct utsname u;
	struct tm tm;
	time_t now = time(NULL);

	if (o->cmd) {
		size_t len = 0;
		char **a;

		for (a = o->cmd; *a && len < sizeof(tl->command) - 1; a++) {
			bool quote = !**a || strpbrk(*a, " \t\"'\\$") != NULL;

			len += snprintf(tl->command + len, sizeof(tl->command) - len,
					quote ? "%s'%s'" : "%s%s",
					a == o->cmd ? "" : " ", *a);
		}
	} else {
		snprintf(tl->command, sizeof(tl->command), "--pid %ld", o->pid);
	}
	if (!uname(&u)) {
		tl_strcpy(tl->kernel, sizeof(tl->kernel), u.release);
		tl_strcpy(tl->machine, sizeof(tl->machine), u.machine);
		tl_strcpy(tl->hostname, sizeof(tl->hostname), u.nodename);
	}
	gmtime_r(&now, &tm);
	strftime(tl->started, sizeof(tl->started), "%Y-%m-%dT%H:%M:%SZ", &tm);
	tl->interval_ms = o->interval_ms;
	tl->page_kb = sysconf(_SC_PAGESIZE) / 1024;
}

/* How long each sample took to take, in microseconds. */
static float *costs;
static size_t ncosts, costs_cap;

/* Take one sample (the @last one?), stamped with its time since t = 0. */
static void take_sample(struct sampler *s, struct timeline *tl, bool last)
{
	double *row = tl_new_row(tl), t;

	if (!row)
		return;		/* out of memory: the gap shows in t */
	t = mono_seconds();
	row[0] = t - tl->start_mono;
	sampler_take(s, row, last);
	if (ncosts < costs_cap)
		costs[ncosts++] = (mono_seconds() - t) * 1e6;
}

/* qsort() order of floats. */
static int float_cmp(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;

	return (x > y) - (x < y);
}

/* The median and largest sample cost into the header. */
static void cost_summary(struct timeline *tl)
{
	if (!ncosts)
		return;
	qsort(costs, ncosts, sizeof(*costs), float_cmp);
	tl->cost_us = costs[ncosts / 2];
	tl->cost_max_us = costs[ncosts - 1];
}

/*
 * The child, after fork(): back to the caller's signal set-up,
 * oom_score_adj and nice value, then exec CMD. If exec fails, its
 * errno goes to the parent through @err_fd (close-on-exec).
 */
__attribute__((noreturn))
static void run_cmd(char **cmd, int score, int err_fd)
{
	sigset_t none;
	int e;

	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	score_write(score);
	execvp(cmd[0], cmd);
	e = errno;
	if (write(err_fd, &e, sizeof(e)) < 0)
		_exit(EXIT_CANNOT_RUN);
	_exit(e == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN);
}

/*
 * Fork and exec CMD. Returns its pid once exec has succeeded, or -1
 * with @err set and *@status the exit status that says why (126, 127,
 * 125 when fork itself failed).
 */
static pid_t start_cmd(char **cmd, int score, int *status, char *err,
		       size_t errlen)
{
	int pipefd[2], e;
	ssize_t n;
	pid_t pid;

	*status = EXIT_FAILED;
	if (pipe2(pipefd, O_CLOEXEC)) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		return -1;
	}
	if (pid == 0) {
		close(pipefd[0]);
		run_cmd(cmd, score, pipefd[1]);
	}
	child_pid = pid;
	close(pipefd[1]);
	do
		n = read(pipefd[0], &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	close(pipefd[0]);
	if (n != sizeof(e))
		return pid;
	waitpid(pid, NULL, 0);
	child_pid = 0;
	*status = e == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN;
	snprintf(err, errlen, "%s: %s", cmd[0], strerror(e));
	return -1;
}

/* Is process @pid gone, or a zombie (ended, not yet reaped)? */
static bool pid_ended(long pid)
{
	char path[64], buf[512], *paren;
	ssize_t n;
	int fd;

	if (kill(pid, 0) && errno == ESRCH)
		return true;
	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	paren = strrchr(buf, ')');	/* after the comm, which may hold anything */
	return paren && paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X');
}

/* Has the recording's subject ended? CMD is reaped here (@status). */
static bool subject_ended(const struct options *o, pid_t pid, int *status)
{
	if (o->pid)
		return pid_ended(o->pid);
	if (!child_ended)
		return false;
	child_ended = 0;
	return waitpid(pid, status, WNOHANG) == pid;
}

/* Sleep until @next (absolute, CLOCK_MONOTONIC) or a signal. */
static void sleep_until(double next)
{
	struct timespec ts = {
		.tv_sec = (time_t)next,
		.tv_nsec = (long)((next - (time_t)next) * 1e9),
	};

	clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
}

/*
 * Sample every interval until CMD (or PID) has ended, then once more.
 * Missed ticks are dropped, never made up in a burst. Returns CMD's
 * wait status (0 with --pid).
 */
static int sample_loop(const struct options *o, struct sampler *s,
		       struct timeline *tl, pid_t pid, const sigset_t *set)
{
	double step = o->interval_ms / 1000.0, next = mono_seconds();
	int status = 0;

	sigprocmask(SIG_UNBLOCK, set, NULL);
	for (;;) {
		if (subject_ended(o, pid, &status))
			break;
		if (o->pid && stop_signal)
			break;
		next += step;
		if (next < mono_seconds())
			next = mono_seconds() + step;
		sleep_until(next);
		if (subject_ended(o, pid, &status))
			break;
		if (o->pid && stop_signal)
			break;
		take_sample(s, tl, false);
	}
	take_sample(s, tl, true);
	sigprocmask(SIG_BLOCK, set, NULL);
	return status;
}

/*
 * The CPU time this process has run, in seconds: the scheduler's exact
 * sum (/proc/self/schedstat), else getrusage()'s tick-sampled one.
 */
static double cpu_time(void)
{
	FILE *f = fopen("/proc/self/schedstat", "re");
	unsigned long long ns;
	struct rusage ru;

	if (f) {
		int n = fscanf(f, "%llu", &ns);

		fclose(f);
		if (n == 1)
			return ns / 1e9;
	}
	if (getrusage(RUSAGE_SELF, &ru))
		return 0;
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/*
 * How long the run took since t = 0, and the CPU time the recorder
 * spent meanwhile (@cpu0: its time at t = 0).
 */
static void own_cpu(struct timeline *tl, double cpu0)
{
	tl->run_s = mono_seconds() - tl->start_mono;
	tl->cpu_s = cpu_time() - cpu0;
}

/* How CMD ended, for the header, and the exit status that says so. */
static int ending(const struct options *o, struct timeline *tl, int status)
{
	if (stop_signal)
		snprintf(tl->interrupted, sizeof(tl->interrupted), "SIG%s",
			 sigabbrev_np(stop_signal) ? sigabbrev_np(stop_signal) : "?");
	if (o->pid) {
		snprintf(tl->ended, sizeof(tl->ended), "pid %ld gone", o->pid);
		return stop_signal ? 128 + stop_signal : 0;
	}
	if (WIFSIGNALED(status)) {
		snprintf(tl->ended, sizeof(tl->ended), "signal %d",
			 WTERMSIG(status));
		return 128 + WTERMSIG(status);
	}
	snprintf(tl->ended, sizeof(tl->ended), "exit %d", WEXITSTATUS(status));
	return WEXITSTATUS(status);
}

/* Apply --nice to the recorder (CMD keeps the caller's). */
static void set_nice(const struct options *o)
{
	if (o->nice_set && setpriority(PRIO_PROCESS, 0, o->nice))
		warn("--nice %ld: %s", o->nice, strerror(errno));
}

/* Set up tracing, or say why there will be no kernel events. */
static bool start_tracing(const struct options *o, struct tracer *tr,
			  struct timeline *tl)
{
	char err[PATH_MAX + 256];

	if (o->no_trace) {
		snprintf(tl->trace, sizeof(tl->trace), "none: --no-trace");
		return false;
	}
	if (!trace_start(tr, TRACEFS_DEFAULT, o->buffer_kb, err, sizeof(err)))
		return true;
	/* TRANSLATORS: %s is why, in English (it goes into FILE too) */
	warn(_("%s: recording without kernel events"), err);
	tl_strcpy(tl->trace, sizeof(tl->trace), "none: ");
	tl_strcat(tl->trace, sizeof(tl->trace), err);
	return false;
}

/* Collect the events and take the instance down; warn on trouble. */
static void finish_tracing(struct tracer *tr, struct timeline *tl)
{
	char err[PATH_MAX + 256];

	if (trace_collect(tr, tl, err, sizeof(err))) {
		warn(_("%s: no kernel events"), err);
		tl_strcpy(tl->trace, sizeof(tl->trace), "none: ");
		tl_strcat(tl->trace, sizeof(tl->trace), err);
	}
	if (trace_cleanup(tr, err, sizeof(err)))
		warn(_("cleaning up tracefs: %s"), err);
	if (tl->trace_lost)
		warn(_("the trace buffer overflowed: %lld early events lost (--buffer-kb)"),
		     tl->trace_lost);
}

/* Run the whole recording; returns the exit status. */
int record_run(const struct options *o)
{
	char err[PATH_MAX + 256];
	struct timeline tl;
	struct sampler s;
	struct tracer tr;
	bool tracing;
	sigset_t set;
	int score, status, rc, e;
	double cpu0;
	FILE *out;
	pid_t pid = 0;

	if (o->pid && kill(o->pid, 0) && errno == ESRCH)
		fatal(EXIT_FAILED, "--pid %ld: %s", o->pid, strerror(errno));
	tl_init(&tl);
	describe(&tl, o);
	tl_add_col(&tl, "t");
	if (sampler_open(&s, "/proc", &tl, err, sizeof(err)))
		fatal(EXIT_FAILED, "%s", err);
	costs_cap = RESERVE_SECONDS * 1000 / o->interval_ms + 16;
	costs = calloc(costs_cap, sizeof(*costs));
	if (!costs || tl_reserve(&tl, costs_cap))
		fatal(EXIT_FAILED, "%s", strerror(ENOMEM));
	out = fopen(o->output, "we");	/* the last check before anything runs */
	if (!out)
		fatal(EXIT_FAILED, "%s: %s", o->output, strerror(errno));
	if (strcmp(tl.psi, "yes"))
		warn("%s", tl.psi + strlen("none: "));

	catch_signals(&set);
	tracing = start_tracing(o, &tr, &tl);
	score = score_read();
	protect_recorder();
	cpu0 = cpu_time();
	tl.start_mono = mono_seconds();
	take_sample(&s, &tl, false);
	if (o->cmd) {
		pid = start_cmd(o->cmd, score, &rc, err, sizeof(err));
		if (pid < 0) {
			char err2[PATH_MAX + 256];

			/* nothing ran: take tracing down, leave no file */
			if (tracing && trace_cleanup(&tr, err2, sizeof(err2)))
				warn(_("cleaning up tracefs: %s"), err2);
			fclose(out);
			unlink(o->output);
			fatal(rc, "%s", err);
		}
	}
	set_nice(o);

	status = sample_loop(o, &s, &tl, pid, &set);
	own_cpu(&tl, cpu0);

	munlockall();
	cost_summary(&tl);
	free(costs);
	rc = ending(o, &tl, status);
	if (tracing)
		finish_tracing(&tr, &tl);
	sampler_close(&s);
	e = tl_write(out, &tl);
	if (fclose(out) && !e)
		e = errno;
	tl_free(&tl);
	if (e)
		fatal(EXIT_FAILED, "%s: %s", o->output, strerror(e));
	return rc;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - oom, the user-space OOM stressor of lab 9-8.
 *
 * The parent protects itself (oom_score_adj -1000, no memory of its own),
 * forks the victim, optionally puts it in a fresh memory cgroup, lets it
 * go, waits for it to end and reports how it ended. Ctrl-C or SIGTERM
 * kills the victim, removes the cgroup and exits.
 *
 * Before anything is forked it refuses what cannot end well: an
 * unconfined run outside the lab's guest (without --force), and a victim
 * that the OOM killer may never pick (oom_score_adj -1000).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "clock.h"
#include "i18n.h"
#include "kmsg.h"
#include "labguest.h"
#include "memcg.h"
#include "msg.h"
#include "options.h"
#include "report.h"
#include "score.h"

static volatile sig_atomic_t interrupted;
/*
 * The victim's pid while the handler may kill it: set once it is forked,
 * cleared (one store of a sig_atomic_t) while it is still a zombie, so
 * the pid can never belong to another process by then.
 */
static volatile sig_atomic_t victim_pid;

/* SIGINT, SIGTERM, SIGHUP: kill the victim; main() then cleans up. */
static void on_signal(int sig)
{
	pid_t pid = victim_pid;
	int saved = errno;

	(void)sig;
	interrupted = 1;
	if (pid > 0)
		kill(pid, SIGKILL);
	errno = saved;
}

/*
 * Catch the signals that should end a run, but keep them blocked until
 * the victim's pid is known: then the handler can always kill it.
 * SIGCHLD goes back to its default: ignored (as a caller may leave it),
 * the kernel would reap the victim behind our back and free its pid.
 */
static void catch_signals(sigset_t *set)
{
	struct sigaction sa = { .sa_handler = on_signal };	/* no SA_RESTART */

	signal(SIGCHLD, SIG_DFL);
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
	sigprocmask(SIG_BLOCK, set, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/*
 * Make the parent the OOM killer's last choice. Lowering the score needs
 * CAP_SYS_RESOURCE (root, usually): others carry on as they are. It only
 * matters for an unconfined run, where the whole machine runs out of
 * memory; a memcg OOM only picks tasks inside the cgroup.
 */
static void protect_parent(const struct options *opt)
{
	int err = score_adj_write(-1000);

	if (err && (geteuid() == 0 || (err != EACCES && err != EPERM)) &&
	    !opt->memcg && !opt->limit)
		warn(_("setting oom_score_adj -1000: %s: the parent is not protected"),
		     strerror(err));
}

/*
 * The victim's oom_score_adj: --oom-score-adj (the parser refuses -1000),
 * else the one oom inherited. An inherited -1000 (a protected shell) is
 * refused: the OOM killer never picks such a task, so an unconfined run
 * would kill everything else and panic, and a --memcg run would never
 * end. Called before anything is forked or made.
 */
static int victim_score(const struct options *opt)
{
	int score = 0;

	if (opt->score_adj_set)
		return opt->oom_score_adj;
	if (score_adj_read(&score))
		return 0;
	if (score == OOM_SCORE_ADJ_MIN)
		fatal(EXIT_REFUSED, "%s",
		      _("the victim would inherit oom_score_adj -1000 from this shell, and the OOM killer never picks such a task (an unconfined run panics the machine, a --memcg run never ends): pass --oom-score-adj 0, or reset the shell's value (echo 0 > /proc/$$/oom_score_adj)"));
	return score;
}

/*
 * The child, right after fork(): die with the parent, wait for the
 * parent's go (it first moves us into the cgroup), take the wanted
 * oom_score_adj instead of the parent's -1000, then allocate.
 */
__attribute__((noreturn))
static void start_victim(int go_fd, pid_t parent, int score,
			 const struct victim *v)
{
	sigset_t none;
	char go;
	int err;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(EXIT_OTHER);	/* the parent is already gone */
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (read(go_fd, &go, 1) != 1)
		_exit(EXIT_OTHER);	/* the parent gave up */
	close(go_fd);
	err = score_adj_write(score);
	if (err)
		fatal(EXIT_OTHER, _("victim: setting oom_score_adj %d: %s"),
		      score, strerror(err));
	victim_run(v);
}

/*
 * Wait for the victim to end, going on when a signal interrupts the
 * wait. It is left a zombie (WNOWAIT) until the handler has forgotten
 * its pid, and only then reaped: a signal at any moment kills either the
 * victim or nothing, never a process that took the pid over.
 */
static int wait_victim(pid_t pid)
{
	siginfo_t info;
	int status;

	while (waitid(P_PID, pid, &info, WEXITED | WNOWAIT) < 0)
		if (errno != EINTR)
			fatal(EXIT_OTHER, "waitid: %s", strerror(errno));
	victim_pid = 0;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			fatal(EXIT_OTHER, "waitpid: %s", strerror(errno));
	return status;
}

/*
 * Look for the kernel's kill line. It is printed as the kill happens,
 * so it is normally there already; allow the log a moment otherwise.
 */
static void find_kernel_line(struct outcome *o)
{
	const struct timespec tick = { .tv_nsec = 10 * 1000 * 1000 };
	int tries;

	o->kmsg_err = 1;
	if (!WIFSIGNALED(o->status) || WTERMSIG(o->status) != SIGKILL)
		return;
	for (tries = 0; tries < 20; tries++) {
		o->kmsg_err = kmsg_find_kill(o->pid, o->kernel_line,
					     sizeof(o->kernel_line));
		if (o->kmsg_err != 1)
			break;
		nanosleep(&tick, NULL);
	}
}

/* Did the victim end the way this run was meant to end? */
static bool ended_as_expected(const struct options *opt, int status)
{
	if (opt->limit)
		return WIFEXITED(status) && WEXITSTATUS(status) == 0;
	return (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) ||
	       (WIFEXITED(status) && WEXITSTATUS(status) == ENOMEM);
}

/*
 * Refuse to exhaust any machine but the lab's guest unless told to
 * (--force): a virtual machine may well be a shared server.
 */
static void check_confined(const struct options *opt)
{
	char why[256];

	if (opt->memcg || opt->limit || opt->force)
		return;
	if (lab_guest_detect("/", why, sizeof(why)))
		return;
	fatal(EXIT_REFUSED,
	      _("refusing an unconfined run: this is not the lab's guest (%s), and filling its memory would let the OOM killer kill anything on it; use --memcg SIZE (a memory cgroup), --limit SIZE (a dry run) or --force (a machine of your own to crash)"),
	      why);
}

/* Parse the command line; exits on --help, --version and usage errors. */
static void get_options(struct options *opt, int argc, char **argv,
			unsigned int cpus)
{
	char err[512];

	switch (options_parse(opt, argc, argv, err, sizeof(err))) {
	case OPT_RUN:
		return;
	case OPT_HELP:
		options_usage(stdout, cpus);
		exit(EXIT_EXPECTED);
	case OPT_VERSION:
		printf("oom %s\n", OOM_VERSION);
		exit(EXIT_EXPECTED);
	case OPT_ERROR:
		fatal(EXIT_USAGE, "%s", err);
	}
}

/*
 * Fork the victim, put it in the memory cgroup if there is one, print
 * the lab's first line and let it go. Returns its pid; @start is when
 * it was released.
 */
static pid_t launch_victim(const struct victim *v, struct memcg *cg,
			   int score, double *start)
{
	char err[PATH_MAX + 128], err2[PATH_MAX + 128];
	pid_t pid, parent = getpid();
	int go[2];

	if (pipe(go))
		fatal(EXIT_OTHER, "pipe: %s", strerror(errno));
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		close(go[1]);
		start_victim(go[0], parent, score, v);
	}
	if (pid < 0) {
		memcg_remove(cg, err2, sizeof(err2));
		fatal(EXIT_OTHER, "fork: %s", strerror(errno));
	}
	victim_pid = pid;
	close(go[0]);
	if (cg->dir[0] && memcg_attach(cg, pid, err, sizeof(err))) {
		kill(pid, SIGKILL);
		wait_victim(pid);
		memcg_remove(cg, err2, sizeof(err2));
		fatal(EXIT_ENV, "%s", err);
	}
	/* TRANSLATORS: the lab's first line, as the lab book prints it */
	fprintf(v->out, _("expected victim is %d.\n"), (int)pid);
	*start = mono_seconds();
	if (write(go[1], "g", 1) != 1)
		warn(_("starting the victim: %s"), strerror(errno));
	close(go[1]);
	return pid;
}

int main(int argc, char **argv)
{
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned int cpus = online > 0 ? online : 1;
	struct memcg cg = { .dir = "", .fallback = "" };
	struct outcome res = { 0 };
	char err[PATH_MAX + 128];
	struct options opt;
	struct victim v;
	sigset_t set;
	double start;
	int score;

	msg_init("oom");
	i18n_init("oom");
	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a SIGKILL */
	get_options(&opt, argc, argv, cpus);
	check_confined(&opt);
	score = victim_score(&opt);
	v = (struct victim) {
		.opt = &opt,
		.threads = opt.threads ? opt.threads : cpus,
		.out = opt.json ? stderr : stdout,
	};

	catch_signals(&set);
	protect_parent(&opt);
	v.progress = progress_create(v.threads);
	if (opt.memcg && memcg_create(&cg, opt.memcg, err, sizeof(err)))
		fatal(EXIT_ENV, "%s", err);
	if (cg.fallback[0])
		warn(_("--memcg: made %s at the root of the hierarchy, outside the caller's cgroup: %s"),
		     cg.dir, cg.fallback);
	res.pid = launch_victim(&v, &cg, score, &start);
	sigprocmask(SIG_UNBLOCK, &set, NULL);	/* Ctrl-C now kills it */

	res.status = wait_victim(res.pid);
	res.seconds = mono_seconds() - start;
	res.opt = &opt;
	res.threads = v.threads;
	res.touched = progress_touched(v.progress);
	res.interrupted = interrupted;
	res.expected = !interrupted && ended_as_expected(&opt, res.status);
	res.memcg_dir = cg.dir[0] ? cg.dir : NULL;
	find_kernel_line(&res);

	report_text(v.out, &res);
	if (opt.json)
		report_json(stdout, &res);
	if (memcg_remove(&cg, err, sizeof(err)))
		warn("%s", err);
	if (res.interrupted)
		warn(_("interrupted: victim %d killed"), (int)res.pid);
	return res.expected ? EXIT_EXPECTED : EXIT_OTHER;
}

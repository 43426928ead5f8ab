// SPDX-License-Identifier: GPL-2.0
/*
 * port.c - the guest half of the host's control port (the host half is
 * scripts/lib/qemu.sh). The port is a virtio-serial port named rlk.ctl,
 * on PORT_FD from boot to power-off:
 *   guest -> host  "ready"            booted and idle: the host may save
 *                                     the guest now, and restore it later
 *   host -> guest  "go MODE SEED LEN BOOT DMESG TIMELINE LANG" then LEN
 *                  bytes of command (BOOT: cold, or warm for a restored
 *                  guest; DMESG: 1 when the host wants the kernel log back;
 *                  TIMELINE: 1 to record the command with oom-timeline;
 *                  LANG: the tools' language, as zh_CN, or - for English)
 *   guest -> host  "time" (a restored guest only)
 *   host -> guest  the host's clock, SECONDS.MICROSECONDS
 *   guest -> host  "rlk-dmesg", the kernel log (if asked), "rlk-timeline"
 *                  and the timeline (if asked), "rlk-status N" (exec)
 * So a guest restored from a snapshot is the same guest waiting in the
 * same read, and the host's answer makes it this run's guest.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "rlk.h"

#define PORT_NAME "rlk.ctl"
/* Ports appear a little after virtio_console has loaded. */
#define PORT_WAIT_MS 5000
/* How often "ready" is said again while the host has not answered. */
#define READY_REPEAT_MS 1000
#define CMD_FILE RLK_DIR "/cmd"
#define TIMELINE_FILE RLK_DIR "/timeline"

/* port_device - the /dev path of the virtio port named PORT_NAME into
 * @dev; 0, or -1 while it has not appeared.
 */
static int port_device(char *dev, size_t size)
{
	char path[300], name[64];
	struct dirent *ent;
	struct stat st;
	int found = -1;
	DIR *dir;

	dir = opendir("/sys/class/virtio-ports");
	if (!dir)
		return -1;
	while (found < 0 && (ent = readdir(dir))) {
		ssize_t n;
		int fd;

		if (ent->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/class/virtio-ports/%s/name",
			 ent->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		n = read(fd, name, sizeof(name) - 1);
		close(fd);
		if (n <= 0)
			continue;
		name[n] = '\0';
		name[strcspn(name, "\n")] = '\0';
		snprintf(dev, size, "/dev/%s", ent->d_name);
		if (!strcmp(name, PORT_NAME) && !stat(dev, &st) &&
		    S_ISCHR(st.st_mode))
			found = 0;
	}
	closedir(dir);
	return found;
}

/* open_port - the control port on PORT_FD (kept across exec, for the
 * Debian guest's init), waiting up to PORT_WAIT_MS for it to appear.
 */
int open_port(void)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	char dev[300];
	int waited, fd;

	for (waited = 0; waited < PORT_WAIT_MS; waited += 10) {
		if (port_device(dev, sizeof(dev)) == 0) {
			fd = open(dev, O_RDWR);
			if (fd < 0 || dup2(fd, PORT_FD) < 0)
				return -1;
			if (fd != PORT_FD)
				close(fd);
			return 0;
		}
		nanosleep(&tick, NULL);
	}
	warn("no control port (virtio console %s): the host cannot reach this guest",
	     PORT_NAME);
	return -1;
}

/* read_line - one line from @fd into @buf, without its newline, byte by
 * byte: what follows it is left to the next reader. 0, or -1 at the end.
 */
int read_line(int fd, char *buf, size_t size)
{
	size_t n = 0;

	for (;;) {
		char c;
		ssize_t got = read(fd, &c, 1);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		if (c == '\n')
			break;
		if (n < size - 1)
			buf[n++] = c;
	}
	buf[n] = '\0';
	return 0;
}

/* save_command - the @len bytes of command that follow the go line,
 * into CMD_FILE; 0, or -1.
 */
static int save_command(long len)
{
	char buf[4096];
	int out, rc = 0;

	out = open(CMD_FILE, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0)
		return -1;
	while (len > 0) {
		size_t want = len < (long)sizeof(buf) ? (size_t)len : sizeof(buf);
		ssize_t n = read(PORT_FD, buf, want);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || write_all(out, buf, (size_t)n) < 0) {
			rc = -1;
			break;
		}
		len -= n;
	}
	if (close(out) < 0)
		rc = -1;
	return rc;
}

/* say_ready - "ready" on the port, said again each READY_REPEAT_MS
 * until the host answers. About one cold boot in 40 here, the host never
 * got the first one while the guest's write had succeeded, and both
 * waited for each other until the host gave up; the host reads whole
 * lines and ignores repeats. 0, or -1 when the port fails.
 */
static int say_ready(void)
{
	struct pollfd pfd = { .fd = PORT_FD, .events = POLLIN };
	int n;

	do {
		if (write(PORT_FD, "ready\n", 6) != 6) {
			warn("cannot write to the control port: %s", strerror(errno));
			return -1;
		}
		n = poll(&pfd, 1, READY_REPEAT_MS);
	} while (n == 0 || (n < 0 && errno == EINTR));
	return n < 0 ? -1 : 0;
}

/* wait_for_host - say ready, then take the host's go line into @run: the
 * mode, the command (CMD_FILE), the language; a restored guest then
 * takes the host's clock and fresh randomness (asked for only now: a
 * restored guest reads the go line late). What the command needs of it
 * is exported. 0, or -1 when the host cannot be understood.
 */
int wait_for_host(struct run *run)
{
	char line[1024], word[8] = "";

	if (say_ready() < 0)
		return -1;
	if (read_line(PORT_FD, line, sizeof(line)) < 0) {
		warn("the host closed the control port");
		return -1;
	}
	if (sscanf(line, "%7s %15s %599s %ld %7s %d %d %31s", word, run->mode,
		   run->seed, &run->len, run->boot, &run->want_dmesg,
		   &run->want_timeline, run->lang) != 8 || strcmp(word, "go")) {
		warn("bad go line from the host: '%s'", line);
		return -1;
	}
	setenv("RLK_BOOT", run->boot, 1);
	setenv("WANT_DMESG", run->want_dmesg ? "1" : "0", 1);
	setenv("WANT_TIMELINE", run->want_timeline ? "1" : "0", 1);
	/* The guest has no locale but C: the tools read the language from
	 * LANGUAGE (common/i18n.c), exec's command from here, run's shells
	 * through guest/profile.
	 */
	if (strcmp(run->lang, "-")) {
		char text[64];

		setenv("LANGUAGE", run->lang, 1);
		snprintf(text, sizeof(text), "export LANGUAGE=%s\n", run->lang);
		write_file(RLK_DIR "/lang", text);
	}
	if (save_command(run->len) < 0) {
		warn("cannot take the command from the host: %s", strerror(errno));
		return -1;
	}
	/* A cold boot has the RTC's clock and its own fresh randomness. */
	if (strcmp(run->boot, "cold") && resume_guest(PORT_FD, run->seed) < 0)
		warn("cannot set the clock and reseed");
	return 0;
}

/* send_kernel_log - the kernel log to @fd as dmesg prints it: the
 * "<level>" that starts each line left out.
 */
static void send_kernel_log(int fd)
{
	int size = klogctl(10, NULL, 0), n, i, out = 0;
	char *buf;

	buf = size > 0 ? malloc((size_t)size + 1) : NULL;
	if (!buf)
		return;
	n = klogctl(3, buf, size);
	for (i = 0; i < n; i++) {
		if ((i == 0 || buf[i - 1] == '\n') && buf[i] == '<') {
			while (i < n && buf[i] != '>')
				i++;
			continue;
		}
		buf[out++] = buf[i];
	}
	if (out && buf[out - 1] != '\n')
		buf[out++] = '\n';
	if (write_all(fd, buf, (size_t)out) < 0)
		warn("cannot send the kernel log: %s", strerror(errno));
	free(buf);
}

/* send_file - the file at @path to @fd, when there is one. */
static void send_file(const char *path, int fd)
{
	int in = open(path, O_RDONLY | O_CLOEXEC);

	if (in < 0)
		return;
	copy_fd(in, fd);
	close(in);
}

/* host_wants - whether the go line asked for @what (WANT_DMESG,
 * WANT_TIMELINE: "1"), as wait_for_host exported it.
 */
static int host_wants(const char *what)
{
	const char *value = getenv(what);

	return value && !strcmp(value, "1");
}

/* send_result - the command's @status, and the kernel log and the
 * timeline if the host asked for them, back to the host.
 */
static void send_result(int status)
{
	dprintf(PORT_FD, "rlk-dmesg\n");
	if (host_wants("WANT_DMESG"))
		send_kernel_log(PORT_FD);
	if (host_wants("WANT_TIMELINE")) {
		dprintf(PORT_FD, "rlk-timeline\n");
		send_file(TIMELINE_FILE, PORT_FD);
	}
	dprintf(PORT_FD, "rlk-status %d\n", status);
}

/* run_command - exec mode: the host's command (CMD_FILE) with sh in
 * /mnt, its input empty, under oom-timeline when the host asked for a
 * timeline; its status (128 + the signal that killed it, as sh says)
 * sent back. Then the console falls silent, so the command's output ends
 * exec's output (the kernel's "reboot: Power down" is an emergency-level
 * message). Returns the status.
 */
int run_command(void)
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		int null;

		if (chdir("/mnt") < 0) {
			warn("cannot enter /mnt: %s", strerror(errno));
			_exit(2);
		}
		null = open("/dev/null", O_RDONLY);
		if (null >= 0 && null != STDIN_FILENO) {
			dup2(null, STDIN_FILENO);
			close(null);
		}
		close(PORT_FD);
		if (host_wants("WANT_TIMELINE"))
			execlp("oom-timeline", "oom-timeline", "record", "-o",
			       TIMELINE_FILE, "--", "sh", CMD_FILE, (char *)NULL);
		else
			execlp("sh", "sh", CMD_FILE, (char *)NULL);
		warn("cannot run the command: %s", strerror(errno));
		_exit(127);
	}
	status = 127;
	if (pid < 0) {
		warn("cannot fork for the command: %s", strerror(errno));
	} else {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		status = WIFSIGNALED(status) ? 128 + WTERMSIG(status) :
					       WEXITSTATUS(status);
	}
	send_result(status);
	write_file("/proc/sys/kernel/printk", "0");
	return status;
}

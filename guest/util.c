// SPDX-License-Identifier: GPL-2.0
/*
 * util.c - rlk-init's small helpers: whole-file writes and copies, and
 * the kernel command line (its messages: common/msg.c's warn()).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rlk.h"

/* write_all - write @len bytes of @buf to @fd, however few each write
 * takes (a virtio port takes 32 KiB at most); 0, or -1 on error.
 */
int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* write_file - @text into @path, made or emptied first (a sysfs or
 * proc file is written as it is); 0, or -1 with errno set.
 */
int write_file(const char *path, const char *text)
{
	int fd, rc;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	rc = write_all(fd, text, strlen(text));
	if (close(fd) < 0)
		rc = -1;
	return rc;
}

/* copy_fd - what is left to read on @in, onto @out; 0, or -1. */
int copy_fd(int in, int out)
{
	char buf[65536];
	ssize_t n;

	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write_all(out, buf, (size_t)n) < 0)
			return -1;
	return n < 0 ? -1 : 0;
}

/* copy_file - @from into a new file @to with @mode; 0, or -1. */
int copy_file(const char *from, const char *to, int mode)
{
	int in, out, rc;

	in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (out < 0) {
		close(in);
		return -1;
	}
	rc = copy_fd(in, out);
	if (close(out) < 0)
		rc = -1;
	close(in);
	return rc;
}

/* cmdline_value - the value of @key= on the kernel command line into
 * @buf (empty when absent).
 */
void cmdline_value(const char *key, char *buf, size_t size)
{
	static char cmdline[4096];
	size_t klen = strlen(key);
	const char *p = cmdline;

	if (!cmdline[0]) {
		int fd = open("/proc/cmdline", O_RDONLY | O_CLOEXEC);
		ssize_t n = fd < 0 ? -1 : read(fd, cmdline, sizeof(cmdline) - 1);

		if (fd >= 0)
			close(fd);
		cmdline[n > 0 ? n : 0] = '\0';
	}
	buf[0] = '\0';
	while (*p) {
		size_t n;

		p += strspn(p, " \n");
		n = strcspn(p, " \n");
		if (n > klen && !strncmp(p, key, klen) && p[klen] == '=') {
			size_t vlen = n - klen - 1;

			if (vlen >= size)
				vlen = size - 1;
			memcpy(buf, p + klen + 1, vlen);
			buf[vlen] = '\0';
		}
		p += n;
	}
}

/* mkdir_p - @path and any missing parents (mkdir -p); 0, or -1. */
int mkdir_p(const char *path)
{
	char buf[512];
	char *p;

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return -1;
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(buf, 0755) < 0 && errno != EEXIST ? -1 : 0;
}

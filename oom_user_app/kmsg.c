// SPDX-License-Identifier: GPL-2.0
/*
 * kmsg.c - read /dev/kmsg from its first record and keep the last
 * "Killed process <pid> (" line. Every kernel generation prints one:
 *   6.x:  "Out of memory: Killed process 1740 (oom) total-vm:..."
 *         "Memory cgroup out of memory: Killed process 1740 (oom) ..."
 *   <5.0: "Killed process 782 (oom) total-vm:...", after
 *         "Out of memory: Kill process 782 (oom) score 716 or sacrifice child"
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kmsg.h"

/*
 * A /dev/kmsg record is "prio,seq,usec,flags[,...];text\n" followed by
 * " KEY=value" lines. Return the text and its length, or NULL.
 */
const char *kmsg_record_text(const char *record, size_t *len)
{
	const char *text = strchr(record, ';');
	const char *nl;

	if (!text)
		return NULL;
	text++;
	nl = strchr(text, '\n');
	*len = nl ? (size_t)(nl - text) : strlen(text);
	return text;
}

/* Is @text (@len bytes) the kernel saying it killed @pid? */
bool kmsg_is_kill_line(const char *text, size_t len, pid_t pid)
{
	char needle[48];
	size_t n = snprintf(needle, sizeof(needle), "Killed process %d (",
			    (int)pid);
	size_t i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(text + i, needle, n) == 0)
			return true;
	return false;
}

/*
 * Search the whole kernel log for @pid's kill line and copy the last one
 * into @line. Returns 0 when found, 1 when not, or an errno (EPERM when
 * dmesg_restrict forbids reading it).
 */
int kmsg_find_kill(pid_t pid, char *line, size_t len)
{
	char record[8192];
	const char *text;
	size_t tlen;
	int fd, found = 1;

	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno;
	for (;;) {
		ssize_t n = read(fd, record, sizeof(record) - 1);

		if (n < 0 && errno == EPIPE)
			continue;	/* records overwritten: go on */
		if (n <= 0)
			break;		/* EAGAIN: end of the log */
		record[n] = '\0';
		text = kmsg_record_text(record, &tlen);
		if (text && kmsg_is_kill_line(text, tlen, pid)) {
			if (tlen >= len)
				tlen = len - 1;
			memcpy(line, text, tlen);
			line[tlen] = '\0';
			found = 0;
		}
	}
	close(fd);
	return found;
}

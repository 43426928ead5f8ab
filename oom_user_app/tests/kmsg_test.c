// SPDX-License-Identifier: GPL-2.0
/*
 * tests/kmsg_test.c - the kill-line matcher on real lines from several
 * kernel generations, and the /dev/kmsg record parser.
 */
#include "../kmsg.h"
#include "tap.h"

static const struct {
	const char *text;
	int pid;
	bool match;
} lines[] = {
	/* 6.x, global OOM (the guest's 6.1) */
	{ "Out of memory: Killed process 1740 (oom) total-vm:744308kB, anon-rss:630068kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:1292kB oom_score_adj:0",
	  1740, true },
	/* 6.x, memory cgroup OOM (this host, --memcg) */
	{ "Memory cgroup out of memory: Killed process 25571 (oom) total-vm:165056kB, anon-rss:65408kB, file-rss:572kB",
	  25571, true },
	/* 4.x and older: the kill line has no prefix */
	{ "Killed process 782 (oom) total-vm:106252kB, anon-rss:64612kB, file-rss:0kB",
	  782, true },
	/* same lines, other pids: no prefix or suffix match */
	{ "Killed process 782 (oom) total-vm:106252kB", 78, false },
	{ "Killed process 782 (oom) total-vm:106252kB", 7822, false },
	{ "Killed process 782 (oom) total-vm:106252kB", 2, false },
	/* the lines around it are not the kill line */
	{ "Out of memory: Kill process 782 (oom) score 716 or sacrifice child",
	  782, false },
	{ "oom_reaper: reaped process 1740 (oom), now anon-rss:0kB", 1740,
	  false },
	{ "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=oom,pid=1740,uid=0",
	  1740, false },
};

int main(void)
{
	const char *rec = "3,1234,5678901,-;Memory cgroup out of memory: Killed process 42 (oom) total-vm:1kB\n SUBSYSTEM=memory\n";
	const char *text;
	size_t i, len = 0;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		tap_is_int(lines[i].match,
			   kmsg_is_kill_line(lines[i].text,
					     strlen(lines[i].text),
					     lines[i].pid),
			   "pid %d %s in: %.50s", lines[i].pid,
			   lines[i].match ? "matches" : "does not match",
			   lines[i].text);

	text = kmsg_record_text(rec, &len);
	tap_ok(text && strncmp(text, "Memory cgroup", 13) == 0,
	       "record text starts after the header's ';'");
	tap_is_int(strlen("Memory cgroup out of memory: Killed process 42 (oom) total-vm:1kB"),
		   len, "record text ends before the first newline");
	tap_ok(text && kmsg_is_kill_line(text, len, 42),
	       "the kill line is found in a whole record");
	tap_ok(!kmsg_is_kill_line("Killed process 42 (oom)", 15, 42),
	       "only @len bytes are searched");
	tap_ok(kmsg_record_text("no header here", &len) == NULL,
	       "a record without ';' has no text");
	return tap_done();
}

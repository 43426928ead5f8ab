// SPDX-License-Identifier: GPL-2.0
/*
 * t_normalize.c - unit tests of the prefix stripping and line joining:
 * every capture format the tool accepts, one table row each.
 */
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "tap.h"

struct strip_case {
	const char *name;
	const char *line;
	const char *msg;	/* message after the prefixes */
	enum pfx_style style;
	int kernel;
	const char *time;	/* wall-clock text, "" if none */
	double uptime;		/* -1 if none */
};

static const struct strip_case strip_cases[] = {
	{ "dmesg", "[  455.498827] badsysprogram invoked oom-killer: x",
	  "badsysprogram invoked oom-killer: x", PFX_DMESG, 1, "",
	  455.498827 },
	{ "dmesg, keeps call-trace indent", "[ 2293.650146]  dump_stack+0x0",
	  " dump_stack+0x0", PFX_DMESG, 1, "", 2293.650146 },
	{ "dmesg -T", "[Mon Jan 28 19:58:45 2024] Mem-Info:", "Mem-Info:",
	  PFX_DMESG_T, 1, "Mon Jan 28 19:58:45 2024", -1 },
	{ "dmesg -x", "kern  :warn  : [  455.498827] Mem-Info:", "Mem-Info:",
	  PFX_DMESG, 1, "", 455.498827 },
	{ "dmesg -x without time", "kern  :err   : Out of memory: Killed",
	  "Out of memory: Killed", PFX_DMESG, 1, "", -1 },
	{ "dmesg -x user facility", "user  :notice: [   12.000001] hello",
	  "hello", PFX_DMESG, 0, "", 12.000001 },
	{ "dmesg -r", "<4>[  455.498827] Mem-Info:", "Mem-Info:", PFX_DMESG,
	  1, "", 455.498827 },
	{ "dmesg --time-format=delta", "[  +0.000120] Mem-Info:",
	  "Mem-Info:", PFX_DMESG, 1, "", 0.00012 },
	{ "printk caller id", "[  455.498827] [  T1532] Mem-Info:",
	  "Mem-Info:", PFX_DMESG, 1, "", 455.498827 },
	{ "printk caller id, no space", "[  455.498827][ T1532] Mem-Info:",
	  "Mem-Info:", PFX_DMESG, 1, "", 455.498827 },
	{ "caller [cpu: comm:pid]",
	  "[  455.498827] [1:   kworker/1:2:  345] Mem-Info:", "Mem-Info:",
	  PFX_DMESG, 1, "", 455.498827 },
	{ "cpu-prefixed timestamp", "[2-3219.1870] Mem-Info:", "Mem-Info:",
	  PFX_DMESG, 1, "", 3219.187 },
	{ "indented timestamp", "    [  455.498827] Mem-Info:", "Mem-Info:",
	  PFX_DMESG, 1, "", 455.498827 },
	{ "tab-indented syslog",
	  "\tJan 28 19:58:45 h kernel: Mem-Info:", "Mem-Info:", PFX_SYSLOG,
	  1, "Jan 28 19:58:45", -1 },
	{ "glued to a prompt", "root@vm:~# ./oom[   45.100000] Mem-Info:",
	  "Mem-Info:", PFX_DMESG, 1, "", 45.1 },
	{ "indented frame stays a frame", "  dump_stack+0x6b/0x83",
	  "  dump_stack+0x6b/0x83", PFX_NONE, 1, "", -1 },
	{ "/dev/kmsg", "4,1234,455498827,-;Mem-Info:", "Mem-Info:", PFX_KMSG,
	  1, "", 455.498827 },
	{ "syslog host kernel [ts]",
	  "Jan 28 19:58:45 localhost kernel: [  455.498827] Mem-Info:",
	  "Mem-Info:", PFX_SYSLOG, 1, "Jan 28 19:58:45", 455.498827 },
	{ "syslog without host", "Jan  5 15:19:27 kernel: [ 5864.708440] x",
	  "x", PFX_SYSLOG, 1, "Jan  5 15:19:27", 5864.70844 },
	{ "syslog other program", "Jan  5 15:19:01 CRON[14500]: (root) CMD",
	  "(root) CMD", PFX_SYSLOG, 0, "Jan  5 15:19:01", -1 },
	{ "syslog host + other program",
	  "Jun 20 12:47:05 new-db1 rsyslogd-2177: imuxsock lost",
	  "imuxsock lost", PFX_SYSLOG, 0, "Jun 20 12:47:05", -1 },
	{ "journalctl -k", "Sep 29 08:12:34 hnsin-varnish kernel: Mem-Info:",
	  "Mem-Info:", PFX_SYSLOG, 1, "Sep 29 08:12:34", -1 },
	{ "journalctl -o short-precise",
	  "Sep 29 08:12:34.123456 host kernel: Mem-Info:", "Mem-Info:",
	  PFX_SYSLOG, 1, "Sep 29 08:12:34.123456", -1 },
	{ "journalctl -o short-iso",
	  "2024-09-29T08:12:34+0000 host kernel: Mem-Info:", "Mem-Info:",
	  PFX_ISO, 1, "2024-09-29T08:12:34+0000", -1 },
	{ "journalctl -o short-monotonic",
	  "[  455.498827] host kernel: Mem-Info:", "Mem-Info:", PFX_DMESG, 1,
	  "", 455.498827 },
	{ "dmesg --time-format=iso",
	  "2024-09-29T08:12:34,123456+00:00 Mem-Info:", "Mem-Info:", PFX_ISO,
	  1, "2024-09-29T08:12:34,123456+00:00", -1 },
	{ "serial console, no prefix", "Mem-info:", "Mem-info:", PFX_NONE, 1,
	  "", -1 },
	{ "task row is no timestamp", "[  293]     0   293  12802 x",
	  "[  293]     0   293  12802 x", PFX_NONE, 1, "", -1 },
	{ "systemd status is no timestamp", "[  OK  ] Started x",
	  "[  OK  ] Started x", PFX_NONE, 1, "", -1 },
	{ "syslog then task row",
	  "Jan 28 19:58:45 h kernel: [  455.6] [  273]     0   273 x",
	  "[  273]     0   273 x", PFX_SYSLOG, 1, "Jan 28 19:58:45", 455.6 },
};

/* check_strip: one table row through strip_quote + norm_strip. */
static void check_strip(const struct strip_case *c)
{
	struct prefix pf;
	size_t len = strlen(c->line);
	char time[64];

	norm_strip(c->line, len, &pf);
	is_str(c->msg, c->line + pf.msg_off, "%s: message", c->name);
	is_num(c->style, pf.style, "%s: style", c->name);
	is_num(c->kernel, pf.kernel, "%s: kernel or not", c->name);
	snprintf(time, sizeof(time), "%.*s", (int)pf.time_len,
		 c->line + pf.time_off);
	is_str(c->time, time, "%s: time text", c->name);
	ok(c->uptime - pf.uptime < 1e-6 && pf.uptime - c->uptime < 1e-6,
	   "%s: uptime %f", c->name,
	   pf.uptime);
}

#define MAXREC 8

struct collect {
	int n;
	char rec[MAXREC][LINE_CAP + 1];
	int kernel[MAXREC];
};

/* collect_fn: store the records a normalizer hands out. */
static void collect_fn(void *ctx, const struct record *r)
{
	struct collect *c = ctx;

	if (c->n < MAXREC) {
		snprintf(c->rec[c->n], sizeof(c->rec[0]), "%s", r->msg);
		c->kernel[c->n] = r->kernel;
	}
	c->n++;
}

struct join_case {
	const char *name;
	const char *lines[6];
	const char *want[6];
};

static const struct join_case join_cases[] = {
	{ "wrap after a space",
	  { "[ 1839.132019] oom invoked oom-killer: ",
	    "gfp_mask=0x6080c0(GFP_KERNEL|__GFP_ZERO), order=0", NULL },
	  { "oom invoked oom-killer: gfp_mask=0x6080c0(GFP_KERNEL|__GFP_ZERO)"
	    ", order=0", NULL } },
	{ "wrap inside a word",
	  { "[ 1.0] oom-kill:constraint=CONSTRAINT_NONE,globa",
	    "l_oom,task=oom,pid=1740", NULL },
	  { "oom-kill:constraint=CONSTRAINT_NONE,global_oom,task=oom,pid=1740",
	    NULL } },
	{ "wrapped task row",
	  { "[ 2370.199158] [ 158] 0 158 4473 251 61440 0 -",
	    "1000 systemd-udevd", NULL },
	  { "[ 158] 0 158 4473 251 61440 0 -1000 systemd-udevd", NULL } },
	{ "complete task row is not continued",
	  { "[ 1.0] [ 1740] 0 1740 186077 157517 1323008 0 0 oom",
	    "victim signalled: 9", NULL },
	  { "[ 1740] 0 1740 186077 157517 1323008 0 0 oom",
	    "victim signalled: 9", NULL } },
	{ "serial console lines stay apart",
	  { "oom invoked oom-killer: gfp_mask=0x200da, order=0",
	    "oom cpuset=/ mems_allowed=0", NULL },
	  { "oom invoked oom-killer: gfp_mask=0x200da, order=0",
	    "oom cpuset=/ mems_allowed=0", NULL } },
	{ "rsyslog #012 splits",
	  { "Sep 29 08:12:34 h kernel: active_anon:1#012 active_file:2#012"
	    " free:3", NULL },
	  { "active_anon:1", " active_file:2", " free:3", NULL } },
	{ "rsyslog #011 is a tab",
	  { "Sep 29 08:12:34 h kernel: a#011b", NULL },
	  { "a    b", NULL } },
	{ "blank line ends a record",
	  { "[ 1.0] Mem-Info:", "", "thread(b6f0c300), allocating", NULL },
	  { "Mem-Info:", "thread(b6f0c300), allocating", NULL } },
	{ "mail quoting and wrapping",
	  { "> [ 1.0] Out of memory: Kill process 1740 (oom) score 856 or ",
	    "> sacrifice child", NULL },
	  { "Out of memory: Kill process 1740 (oom) score 856 or sacrifice "
	    "child", NULL } },
	{ "nested mail quoting",
	  { ">> > [ 1.0] Mem-Info:", NULL }, { "Mem-Info:", NULL } },
	{ "CRLF line ends",
	  { "[ 1.0] Mem-Info:\r", "[ 1.1] Free swap  = 0kB\r", NULL },
	  { "Mem-Info:", "Free swap  = 0kB", NULL } },
	{ "syslog hard wrap (fixture 05)",
	  { "Dec 20 03:17:52 localhost kernel: [75669.621683] Node 0 DMA32 "
	    "free:44672kB active_anon:", "278804kB inactive_anon:1620588kB",
	    NULL },
	  { "Node 0 DMA32 free:44672kB active_anon:278804kB "
	    "inactive_anon:1620588kB", NULL } },
	{ "util-linux dmesg continuation indent",
	  { "[81399.968304] active_anon:1 isolated_anon:32",
	    "                active_file:71", NULL },
	  { "active_anon:1 isolated_anon:32                active_file:71",
	    NULL } },
	{ "an unprefixed record start is not glued",
	  { "Sep 29 08:12:34 h kernel: free:3 free_pcp:1",
	    "Out of memory and no killable processes...",
	    "Kernel panic - not syncing: System is deadlocked on memory",
	    NULL },
	  { "free:3 free_pcp:1", "Out of memory and no killable processes...",
	    "Kernel panic - not syncing: System is deadlocked on memory",
	    NULL } },
	{ "non-kernel syslog line is marked",
	  { "Jan  5 15:20:01 CRON[14608]: (root) CMD (touch)", NULL },
	  { "(root) CMD (touch)", NULL } },
};

/* check_join: feed the lines of one case and compare the records. */
static void check_join(const struct join_case *c)
{
	static struct normalizer nz;
	static struct collect got;
	int k, nwant = 0;

	memset(&got, 0, sizeof(got));
	norm_init(&nz, collect_fn, &got);
	for (k = 0; k < 6 && c->lines[k]; k++)
		norm_line(&nz, c->lines[k], strlen(c->lines[k]), 0);
	norm_flush(&nz);
	while (nwant < 6 && c->want[nwant])
		nwant++;
	is_num(nwant, got.n, "%s: record count", c->name);
	for (k = 0; k < nwant && k < got.n && k < 6; k++)
		is_str(c->want[k], got.rec[k], "%s: record %d", c->name, k);
}

/* check_nul_and_cap: NUL bytes and an over-long line stay safe. */
static void check_nul_and_cap(void)
{
	static struct normalizer nz;
	static struct collect got;
	static char big[3 * LINE_CAP];
	const char nul[] = "[ 1.0] Mem\0Info:";

	memset(&got, 0, sizeof(got));
	norm_init(&nz, collect_fn, &got);
	norm_line(&nz, nul, sizeof(nul) - 1, 0);
	norm_flush(&nz);
	is_str("Mem Info:", got.rec[0], "NUL byte becomes a space");

	memset(&got, 0, sizeof(got));
	memset(big, 'a', sizeof(big));
	memcpy(big, "[ 1.0] ", 7);
	norm_line(&nz, big, LINE_CAP, 1);
	norm_line(&nz, "more", 4, 0);
	norm_flush(&nz);
	is_num(1, got.n, "over-long line: one record");
	is_num(LINE_CAP - 7 + 4, (long long)strlen(got.rec[0]),
	       "over-long line: capped message plus its continuation");
	ok(strlen(got.rec[0]) <= LINE_CAP, "record never exceeds the cap");
}

/* check_kernel_flag: the kernel flag survives to the record. */
static void check_kernel_flag(void)
{
	static struct normalizer nz;
	static struct collect got;
	const char *l = "Jan  5 15:20:01 CRON[14608]: (root) CMD";

	memset(&got, 0, sizeof(got));
	norm_init(&nz, collect_fn, &got);
	norm_line(&nz, l, strlen(l), 0);
	norm_flush(&nz);
	is_num(0, got.kernel[0], "other program's record is not kernel");
}

int main(void)
{
	size_t k;

	for (k = 0; k < sizeof(strip_cases) / sizeof(strip_cases[0]); k++)
		check_strip(&strip_cases[k]);
	for (k = 0; k < sizeof(join_cases) / sizeof(join_cases[0]); k++)
		check_join(&join_cases[k]);
	check_nul_and_cap();
	check_kernel_flag();
	is_num(2, (long long)strip_quote("> x", 3), "strip_quote '> '");
	is_num(0, (long long)strip_quote("x > y", 5), "no quote mid-line");
	return done_testing();
}

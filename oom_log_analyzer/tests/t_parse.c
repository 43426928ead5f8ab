// SPDX-License-Identifier: GPL-2.0
/*
 * t_parse.c - unit tests of the per-record parsers, one row per kernel
 * format generation.
 */
#include <string.h>

#include "parse.h"
#include "tap.h"

struct header_case {
	const char *line;
	int alloc_fail;
	const char *comm;
	const char *hex;
	const char *names;
	int order;
	int adj;
};

static const struct header_case headers[] = {
	{ "php-fpm invoked oom-killer: gfp_mask=0x280da, order=0, oom_adj=0, "
	  "oom_score_adj=0", 0, "php-fpm", "0x280da", "", 0, 0 },
	{ "in:imjournal invoked oom-killer: gfp_mask=0x6200ca"
	  "(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0", 0,
	  "in:imjournal", "0x6200ca", "GFP_HIGHUSER_MOVABLE", 0, 0 },
	{ "oom invoked oom-killer: gfp_mask=0x6280ca(GFP_HIGHUSER_MOVABLE|"
	  "__GFP_ZERO), nodemask=(null), order=0, oom_score_adj=0", 0, "oom",
	  "0x6280ca", "GFP_HIGHUSER_MOVABLE|__GFP_ZERO", 0, 0 },
	{ "Web Content invoked oom-killer: gfp_mask=0xCC0(GFP_KERNEL), "
	  "order=-1, oom_score_adj=300", 0, "Web Content", "0xcc0",
	  "GFP_KERNEL", -1, 300 },
	{ "insmod: page allocation failure: order:0, mode:0x6000c0(GFP_KERNEL)"
	  ", nodemask=(null),cpuset=/,mems_allowed=0", 1, "insmod",
	  "0x6000c0", "GFP_KERNEL", 0, ADJ_NONE },
	{ "swapper/0: page allocation failure. order:1, mode:0x20", 1,
	  "swapper/0", "0x20", "", 1, ADJ_NONE },
};

/* check_headers: invoked and allocation-failure lines. */
static void check_headers(void)
{
	size_t k;

	for (k = 0; k < sizeof(headers) / sizeof(headers[0]); k++) {
		const struct header_case *c = &headers[k];
		struct p_header h;
		int rc = c->alloc_fail ? parse_alloc_fail(c->line, &h) :
			 parse_invoked(c->line, &h);

		is_num(0, rc, "header %zu parses", k);
		is_str(c->comm, h.comm, "header %zu comm", k);
		is_str(c->hex, h.gfp_hex, "header %zu gfp hex", k);
		is_str(c->names, h.names, "header %zu gfp names", k);
		is_num(c->order, h.order, "header %zu order", k);
		is_num(c->adj, h.adj, "header %zu adj", k);
	}
	{
		struct p_header h;

		is_num(-1, parse_invoked("Mem-Info:", &h), "no invoked line");
	}
}

/* check_cpu: the CPU/Pid line generations, and s390's two lines. */
static void check_cpu(void)
{
	static const struct {
		const char *line;
		long long pid;
		const char *comm, *kernel;
	} c[] = {
		{ "Pid: 23212, comm: php-fpm Not tainted 2.6.32-642.11.1.el6"
		  ".x86_64 #1", 23212, "php-fpm",
		  "2.6.32-642.11.1.el6.x86_64" },
		{ "CPU: 0 PID: 1532 Comm: badsysprogram Not tainted "
		  "3.13.0-27-generic #50-Ubuntu", 1532, "badsysprogram",
		  "3.13.0-27-generic" },
		{ "CPU: 3 PID: 1743 Comm: oom Kdump: loaded Tainted: G O "
		  "5.0.0+ #4", 1743, "oom", "5.0.0+" },
		{ "CPU: 3 PID: 1493 Comm: kworker/u8:2 Kdump: loaded Tainted: G"
		  "           OE     5.0.0+ #1", 1493, "kworker/u8:2",
		  "5.0.0+" },
		{ "CPU: 1 UID: 0 PID: 77 Comm: oom Not tainted 6.12.9 #1", 77,
		  "oom", "6.12.9" },
		{ "CPU: 0 Not tainted 3.0.101-63-default #1", NONE, "",
		  "3.0.101-63-default" },
		{ "Process stress (pid: 2718, task: 000000003d6d8540, ksp: "
		  "000000003e5f7b58)", 2718, "stress", "" },
	};
	size_t k;

	for (k = 0; k < sizeof(c) / sizeof(c[0]); k++) {
		struct p_cpu p;

		is_num(0, parse_cpu(c[k].line, &p), "cpu %zu parses", k);
		is_num(c[k].pid, p.pid, "cpu %zu pid", k);
		is_str(c[k].comm, p.comm, "cpu %zu comm", k);
		is_str(c[k].kernel, p.kernel, "cpu %zu kernel", k);
	}
}

/* check_zones: zone lines, buddy lists, reserves. */
static void check_zones(void)
{
	struct zone z;
	int node;
	char name[16];
	long long r[MAX_RESERVE];

	is_num(0, parse_zone("Node 0 DMA32 free:44592kB min:44640kB "
			     "low:55800kB high:66960kB managed:1721236kB",
			     &z), "zone with node");
	ok(z.node == 0 && !strcmp(z.name, "DMA32") && z.free_kb == 44592 &&
	   z.min_kb == 44640 && z.low_kb == 55800 && z.high_kb == 66960 &&
	   z.managed_kb == 1721236, "zone fields");
	is_num(0, parse_zone("Normal free:1132kB min:1156kB low:1444kB "
			     "high:1732kB free_cma:0kB", &z),
	       "zone without node (UMA)");
	ok(z.node == -1 && !strcmp(z.name, "Normal") && z.free_cma_kb == 0,
	   "UMA zone fields");
	is_num(0, parse_zone("Node 0 DMA32 free:3012kB boost:0kB min:3448kB "
			     "low:4308kB high:5168kB reserved_highatomic:0KB",
			     &z), "zone with boost (5.x)");
	is_num(3448, z.min_kb, "boost does not hide min");
	is_num(-1, parse_zone("Node 0 active_anon:134528kB inactive_anon:1kB",
			      &z), "per-node stats line is no zone");
	is_num(-1, parse_zone("Node 0 DMA per-cpu:", &z), "per-cpu line");

	memset(&z, 0, sizeof(z));
	is_num(0, parse_buddy("Node 0 DMA32: 74*4kB (UEM) 125*8kB (UEM) "
			      "3*4096kB (UR) = 44592kB", &node, name,
			      sizeof(name), &z), "buddy list");
	ok(z.nbuddy == 3 && z.buddy[0] == 74 && z.buddy[2] == 3 &&
	   z.buddy_page_kb == 4 && !strcmp(name, "DMA32"), "buddy fields");
	is_num(BT_U | BT_E | BT_M, z.buddy_types[0], "buddy types UEM");
	is_num(BT_U | BT_R, z.buddy_types[2], "buddy types UR");
	is_num(0, z.buddy_types[1] & BT_H, "no H in UEM");
	memset(&z, 0, sizeof(z));
	is_num(0, parse_buddy("Node 0 DMA: 1*4kB (U) 3*8kB (UME) 4*5 12kB "
			      "(ME) 2*1024kB = 8092kB", &node, name,
			      sizeof(name), &z), "damaged buddy list");
	is_num(2, z.nbuddy, "damaged entry ends the list");
	memset(&z, 0, sizeof(z));
	is_num(0, parse_buddy("Node 0 DMA32: 10*64kB (U) 0*128kB = 640kB",
			      &node, name, sizeof(name), &z),
	       "64K-page buddy list");
	is_num(64, z.buddy_page_kb, "64K page size from the buddy list");
	is_num(5, parse_reserve("lowmem_reserve[]: 0 2655 5626 5626 5626",
				r, MAX_RESERVE), "lowmem_reserve: 5 entries");
	ok(r[0] == 0 && r[1] == 2655 && r[2] == 5626 && r[4] == 5626,
	   "lowmem_reserve entries by zone index");
	is_num(-1, parse_reserve("lowmem_reserve[]:", r, MAX_RESERVE),
	       "empty lowmem_reserve");
}

/* check_tasks: every task-table header generation and its rows. */
static void check_tasks(void)
{
	static const struct {
		const char *hdr, *row, *comm;
		long long pid, rss, pgt, ptes, swap;
		int adj;
	} c[] = {
		{ "[ pid ]   uid  tgid total_vm      rss cpu oom_adj "
		  "oom_score_adj name",
		  "[  788]     0   788     2671        1   7     -17 "
		  "        -1000 udevd", "udevd", 788, 1, NONE, NONE, NONE,
		  -1000 },
		{ "[ pid ]   uid  tgid total_vm      rss nr_ptes swapents "
		  "oom_score_adj name",
		  "[ 1532]  1020  1532   410347   398810     788        0 "
		  "            0 badsysprogram", "badsysprogram", 1532, 398810,
		  NONE, 788, 0, 0 },
		{ "[ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds "
		  "swapents oom_score_adj name",
		  "[  782]     0   782    26563    16153      40       0 "
		  "       0             0 oom", "oom", 782, 16153, NONE, 40, 0,
		  0 },
		{ "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes "
		  "swapents oom_score_adj name",
		  "[    517]   111   517   590364   422324  4395008   107099 "
		  "            0 clamd", "clamd", 517, 422324, 4395008, NONE,
		  107099, 0 },
		{ "[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file "
		  "rss_shmem pgtables_bytes swapents oom_score_adj name",
		  "[    300]     0   300   232000   157000   156000     1000 "
		  "       0      1323008        0          -900 Web Content",
		  "Web Content", 300, 157000, 1323008, NONE, 0, -900 },
	};
	size_t k;

	for (k = 0; k < sizeof(c) / sizeof(c[0]); k++) {
		struct task_header h;
		struct task t;

		is_num(0, parse_task_header(c[k].hdr, &h), "header %zu", k);
		is_num(0, parse_task_row(c[k].row, &h, &t), "row %zu", k);
		is_num(c[k].pid, t.pid, "row %zu pid", k);
		is_num(c[k].rss, t.rss, "row %zu rss", k);
		is_num(c[k].pgt, t.pgtables_bytes, "row %zu pgtables", k);
		is_num(c[k].ptes, t.nr_ptes, "row %zu nr_ptes", k);
		is_num(c[k].swap, t.swapents, "row %zu swapents", k);
		is_num(c[k].adj, t.adj, "row %zu adj", k);
		is_str(c[k].comm, t.comm, "row %zu comm", k);
	}
	{
		struct task_header h;
		struct task t;

		is_num(0, guess_task_header("[  201] 0 201 3753 234 73728 0 0 "
					    "systemd-logind", &h),
		       "header guessed from a row");
		is_num(0, parse_task_row("[  201] 0 201 3753 234 73728 0 0 "
					 "systemd-logind", &h, &t),
		       "row read with the guess");
		is_num(73728, t.pgtables_bytes, "guess: pgtables_bytes");
		is_num(-1, parse_task_header("[  OK  ] Started", &h),
		       "no header");
	}
}

/* check_kills: Kill process, Killed process, reaper, oom-kill:. */
static void check_kills(void)
{
	struct p_kill k;
	struct victim v;
	struct reaper r;
	struct p_oomkill o;
	int memcg;
	long long u, l, f;

	is_num(0, parse_kill("Out of memory: Kill process 1532 (badsysprogram)"
			     " score 919 or sacrifice child", &k), "kill");
	ok(k.pid == 1532 && !strcmp(k.comm, "badsysprogram") &&
	   k.score == 919 && !k.memcg, "kill fields");
	is_num(0, parse_kill("Memory cgroup out of memory: Kill process 540 "
			     "((sd-pam)) score 3 or sacrifice child", &k),
	       "memcg kill");
	ok(k.memcg && !strcmp(k.comm, "(sd-pam)"), "memcg kill fields");
	is_num(-1, parse_kill("Killed process 1 (x) total-vm:1kB", &k),
	       "Killed is not Kill");

	is_num(0, parse_killed("Killed process 1532 (badsysprogram) "
			       "total-vm:1641388kB, anon-rss:1595164kB, "
			       "file-rss:76kB", &v, &memcg), "killed 3.x");
	ok(v.pid == 1532 && v.anon_kb == 1595164 && v.file_kb == 76 &&
	   v.shmem_kb == NONE && v.adj == ADJ_NONE, "killed 3.x fields");
	is_num(0, parse_killed("Killed process 40738, UID 27, (mysqld) "
			       "total-vm:6424316kB, anon-rss:13128kB, "
			       "file-rss:4kB", &v, &memcg), "killed RHEL 6");
	ok(v.uid == 27 && !strcmp(v.comm, "mysqld") && v.anon_kb == 13128,
	   "killed RHEL 6 fields");
	is_num(0, parse_killed("Memory cgroup out of memory: Killed process "
			       "517 (clamd) total-vm:2361456kB, "
			       "anon-rss:1689296kB, file-rss:0kB, "
			       "shmem-rss:0kB, UID:111 pgtables:4292kB "
			       "oom_score_adj:-17", &v, &memcg),
	       "killed 5.x memcg");
	ok(memcg && v.uid == 111 && v.pgtables_kb == 4292 && v.adj == -17 &&
	   v.shmem_kb == 0, "killed 5.x fields");
	is_num(0, parse_killed("Killed process 1740 (oom) total-vm:744308kB, "
			       "anonrss:630068kB, file-rss:0kB", &v, &memcg),
	       "killed with a lost dash");
	is_num(630068, v.anon_kb, "anonrss read as anon-rss");

	is_num(0, parse_reaper("oom_reaper: reaped process 150 "
			       "(systemd-journal), now anon-rss:0kB, "
			       "file-rss:0kB, shmem-rss:680kB", &r), "reaper");
	ok(r.reaped && r.pid == 150 && r.anon_kb == 0 && r.shmem_kb == 680,
	   "reaper fields");
	is_num(0, parse_reaper("oom_reaper: unable to reap pid:1234 (x)", &r),
	       "unable to reap");
	ok(!r.reaped && r.pid == 1234, "unable to reap fields");

	is_num(0, parse_oomkill("oom-kill:constraint=CONSTRAINT_MEMCG,"
				"nodemask=(null),cpuset=/,mems_allowed=0,"
				"oom_memcg=/oomtest,task_memcg=/oomtest,"
				"task=oom,pid=123,uid=0", &o),
	       "oom-kill memcg");
	ok(!strcmp(o.constraint, "CONSTRAINT_MEMCG") &&
	   !strcmp(o.oom_memcg, "/oomtest") && !strcmp(o.task, "oom") &&
	   o.pid == 123, "oom-kill fields");
	is_num(0, parse_memcg_usage("memory: usage 980kB, limit 980kB, "
				    "failcnt 4152239", &u, &l, &f), "memcg");
	ok(u == 980 && l == 980 && f == 4152239, "memcg fields");
}

/* check_frames: call-trace frames of x86, arm64 and ARM32. */
static void check_frames(void)
{
	char n[64], m[32];

	is_num(0, parse_frame("[<ffffffff817142ff>] dump_header+0x7f/0x1f1",
			      n, sizeof(n), m, sizeof(m)), "x86 3.x frame");
	is_str("dump_header", n, "x86 3.x frame name");
	is_num(1, parse_frame("[<ffffffff81131420>] ? dump_header+0x90/0x1b0",
			      n, sizeof(n), m, sizeof(m)), "'?' frame");
	is_num(0, parse_frame("my_init+0x3c/0x1000 [alloc_oom]", n, sizeof(n),
			      m, sizeof(m)), "module frame");
	is_str("alloc_oom", m, "module name");
	is_num(0, parse_frame("[<c01a81b4>] (dump_header) from [<c01a87a4>] "
			      "(oom_kill_process+0x208/0xa48)", n, sizeof(n),
			      m, sizeof(m)), "ARM32 frame");
	is_str("dump_header", n, "ARM32 frame name");
	is_num(-1, parse_frame("Hardware name: linux,dummy-virt (DT)", n,
			       sizeof(n), m, sizeof(m)), "no frame");
	is_num(1, parse_frame("[2-3219.1870] (dump_backtrace) from "
			      "[<c0015020>] (show_stack+0x20/0x28)", n,
			      sizeof(n), m, sizeof(m)), "timestamp no name");
	is_str("", n, "a timestamp is never a frame name");
	is_num(1, parse_frame("[<c0014200>] (0xc0014200) from [<c0015020>] "
			      "(0xc0015020)", n, sizeof(n), m, sizeof(m)),
	       "frame without symbols");
	is_num(1, parse_frame(" ? 0xffffffffc0a1b2c3+0x10/0x40", n, sizeof(n),
			      m, sizeof(m)), "raw address frame");
	is_str("", n, "an address is never a frame name");
}

/* check_wrapped: lines cut by a wrap give null, never a wrong number. */
static void check_wrapped(void)
{
	struct victim v;
	struct reaper r;
	struct p_kill k;
	struct p_oomkill o;
	int memcg;

	is_num(0, parse_killed("Out of memory: Killed process 4242 (stress) "
			       "total-vm:2000000kB, anon-rss:18", &v, &memcg),
	       "killed cut in anon-rss");
	ok(v.pid == 4242 && v.total_vm_kb == 2000000 && v.anon_kb == NONE &&
	   v.file_kb == NONE, "cut anon-rss is NONE, not 18");
	is_num(-1, parse_killed("Out of memory: Killed process 42", &v,
				&memcg), "killed cut in the pid");
	is_num(0, parse_killed("Killed process 4242 (str", &v, &memcg),
	       "killed cut in the comm");
	ok(v.pid == 4242 && !v.comm[0] && v.anon_kb == NONE,
	   "cut comm left empty");
	is_num(0, parse_reaper("oom_reaper: reaped process 4242 (stress), "
			       "now anon-rss:", &r), "reaper cut");
	ok(r.pid == 4242 && r.anon_kb == NONE && !strcmp(r.comm, "stress"),
	   "reaper cut: anon-rss NONE, never -1 read");
	is_num(0, parse_reaper("oom_reaper: reaped process 42", &r),
	       "reaper cut in the pid");
	is_num(NONE, r.pid, "cut reaper pid is NONE");
	is_num(0, parse_kill("Out of memory: Kill process 2718 (stress) "
			     "score 95", &k), "kill cut in the score");
	is_num(NONE, k.score, "cut score is NONE");
	is_num(0, parse_oomkill("oom-kill:constraint=,nodemask=(null),"
				"cpuset=/,mems_allowed=0,global_oom,"
				"task_memcg=/,task=java,pid=2020,uid=91", &o),
	       "oom-kill with an empty constraint");
	ok(!o.constraint[0] && o.pid == 2020 && !strcmp(o.task, "java"),
	   "empty constraint fields");
}

int main(void)
{
	check_headers();
	check_cpu();
	check_zones();
	check_tasks();
	check_kills();
	check_frames();
	check_wrapped();
	return done_testing();
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * event.h - the data model: one OOM report (an "event") as read from the
 * log. Every number that the log may lack uses NONE (-1 for sizes, or a
 * has_* flag) so that renderers print null instead of guessing.
 */
#ifndef OOM_EVENT_H
#define OOM_EVENT_H

#include <stddef.h>

#define NONE		(-1LL)		/* "not in the log" for sizes */
#define ADJ_NONE	(-32768)	/* "not in the log" for adj values */

#define COMM_MAX	64	/* comm as printed (kernel: 15 chars) */
#define TASK_COMM_MAX	32	/* comm in a task-table row */
#define PATH_MAX_OOM	128	/* cgroup paths, panic reasons */
#define MAX_ZONES	16	/* zones kept per event */
#define MAX_TASKS	8192	/* task-table rows kept per event */
#define MAX_BUDDY	16	/* buddy orders kept per zone */
#define MAX_RESERVE	8	/* lowmem_reserve[] entries kept per zone */
#define MAX_KILLED	16	/* tasks killed for one event (oom.group) */

/* Migratetype letters of a buddy list entry, "(UMEHC)". */
enum buddy_type {
	BT_U = 1u << 0,		/* unmovable */
	BT_M = 1u << 1,		/* movable */
	BT_E = 1u << 2,		/* reclaimable */
	BT_H = 1u << 3,		/* high-order atomic reserve */
	BT_C = 1u << 4,		/* CMA */
	BT_I = 1u << 5,		/* isolated */
	BT_R = 1u << 6		/* MIGRATE_RESERVE (before 4.4) */
};

enum ev_kind { EV_OOM, EV_MEMCG, EV_ALLOC_FAIL };

/* How far a report has got; lines of a section are only taken in order. */
enum ev_phase {
	PH_HEADER,	/* invoked line, CPU line, call trace */
	PH_MEMINFO,	/* Mem-Info, zones, swap, RAM */
	PH_TASKS,	/* task table */
	PH_KILL,	/* victim chosen, kill line expected */
	PH_CLOSED	/* nothing more but an oom_reaper line */
};

/* Columns a task-table header can name, in any order. */
enum task_col {
	COL_UID, COL_TGID, COL_TOTAL_VM, COL_RSS, COL_RSS_ANON, COL_RSS_FILE,
	COL_RSS_SHMEM, COL_NR_PTES, COL_NR_PMDS, COL_PGTABLES_BYTES,
	COL_SWAPENTS, COL_CPU, COL_OOM_ADJ, COL_OOM_SCORE_ADJ, COL_UNKNOWN
};
#define MAX_COLS 16

struct task_header {
	int ncols;			/* numeric columns after [pid] */
	enum task_col col[MAX_COLS];
};

struct task {
	long long pid;
	long long uid;
	long long tgid;			/* NONE when the table has none */
	long long total_vm;		/* pages */
	long long rss;			/* pages */
	long long pgtables_bytes;	/* NONE when the table has none */
	long long nr_ptes;		/* nr_ptes + nr_pmds, pages; or NONE */
	long long swapents;		/* pages, or NONE */
	int adj;			/* oom_score_adj, or ADJ_NONE */
	char comm[TASK_COMM_MAX];
};

struct zone {
	int node;			/* -1 when not printed (old UMA) */
	char name[16];
	long long free_kb, min_kb, low_kb, high_kb;
	long long managed_kb;		/* NONE before 3.x */
	long long free_cma_kb;
	long long highatomic_kb;	/* reserved_highatomic */
	int nreserve;			/* lowmem_reserve[] entries, 0 = none */
	long long reserve[MAX_RESERVE];	/* pages, by zone index */
	int nbuddy;			/* buddy orders seen, 0 = none */
	long long buddy[MAX_BUDDY];	/* free blocks per order */
	unsigned char buddy_types[MAX_BUDDY];	/* BT_* letters, 0 = none */
	long long buddy_page_kb;	/* size of an order-0 block */
};

struct victim {
	int has;
	long long pid;
	char comm[COMM_MAX];
	long long uid;
	long long total_vm_kb, anon_kb, file_kb, shmem_kb, pgtables_kb;
	int adj;			/* ADJ_NONE if not printed */
};

struct reaper {
	int has;
	int reaped;			/* 0: "unable to reap" */
	long long pid;			/* NONE when cut by a wrap */
	char comm[COMM_MAX];		/* "" when not whole */
	long long anon_kb, file_kb, shmem_kb;
};

/* A task killed as part of the event (victim or oom.group member). */
struct killed {
	long long pid;
	char comm[TASK_COMM_MAX];
};

/* Trimmed down facts of the call trace, for "where did it come from". */
struct trace {
	char site[48];			/* first frame past the allocator */
	char module[32];		/* the site frame's [module] */
	int page_fault;			/* trace went through the fault path */
	int memcg_charge;		/* trace went through memcg charge */
	int frames;			/* frame lines seen, named or not */
};

struct oom_event {
	enum ev_kind kind;
	enum ev_phase phase;
	unsigned index;			/* event number within its input */
	char time[40];			/* wall clock as printed, or "" */
	double uptime;			/* seconds since boot, or -1 */
	char kernel[48];		/* version from the CPU line, or "" */
	unsigned zone_cfg;		/* ZK_* bits from "Zone ranges:", or 0 */
	int began_before;		/* the log starts inside this report */
	int manual;			/* sysrq-f: "Manual OOM execution" */
	int allocating_task;		/* oom_kill_allocating_task kill */
	int oom_group;			/* memory.oom.group kills a cgroup */
	int inv_victim;			/* invoker was an earlier OOM victim */
	int sacrifice_child;		/* kill line said "or sacrifice child" */
	int old_heuristic;		/* 2.6.32-35 "score N or a child" */

	char inv_comm[COMM_MAX];
	long long inv_pid;
	int inv_adj;

	int has_gfp;
	unsigned long long gfp;
	char gfp_hex[24];		/* as printed, lowercase */
	char gfp_names[160];		/* names printed by the kernel */
	int has_order;
	int order;

	char constraint[32];		/* CONSTRAINT_*, or "" */
	char cpuset[PATH_MAX_OOM];
	char task_memcg[PATH_MAX_OOM];
	char oom_memcg[PATH_MAX_OOM];
	int has_memcg;
	long long memcg_usage_kb, memcg_limit_kb;
	long long memcg_failcnt;

	struct trace trace;

	int nzones;
	struct zone zones[MAX_ZONES];
	long long swap_total_kb, swap_free_kb;
	long long ram_pages, reserved_pages;
	long long highmem_pages;	/* "N pages HighMem/MovableOnly" */
	long long hugetlb_kb;		/* sum of hugepages_total * size */
	long long hugepage_min_kb;	/* smallest hugepages_size seen */

	struct task_header hdr;
	int has_table;
	int ntasks;
	struct task *tasks;		/* MAX_TASKS slots owned by the ring */

	long long chosen_pid;		/* "Kill process N" / oom-kill pid= */
	char chosen_comm[COMM_MAX];
	long long score;		/* "score S", or NONE */
	struct victim victim;
	int nkilled;			/* entries in killed[] */
	struct killed killed[MAX_KILLED];
	struct reaper reaper;
	int no_killable;		/* "Out of memory and no killable..." */
	int panic;
	char panic_reason[PATH_MAX_OOM];

	unsigned long truncated;	/* TRUNC_* bits */
};

#define TRUNC_LINE	0x1u	/* a line was longer than the line cap */
#define TRUNC_TASKS	0x2u	/* more task rows than MAX_TASKS */
#define TRUNC_ZONES	0x4u	/* more zones than MAX_ZONES */

#endif /* OOM_EVENT_H */

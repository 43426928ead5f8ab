// SPDX-License-Identifier: GPL-2.0
/*
 * events.c - assemble kernel records into OOM events.
 *
 * An event starts at "invoked oom-killer" or "page allocation failure";
 * a kill line, "Memory cgroup out of memory" or an oom-kill: line with no
 * report before it starts an event of its own (a log cut at the front).
 * Sections are taken in the kernel's order (header, Mem-Info, tasks, kill)
 * so that a second CPU's interleaved dump cannot overwrite what was read.
 */
#include "events.h"

#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "parse.h"
#include "scan.h"

#define SETTLE_SECONDS 30.0	/* no reaper line comes later than this */
#define RECENT_VICTIMS 16	/* killed pids remembered for later reports */
#define PANIC "Kernel panic - not syncing:"

struct events {
	event_fn fn;
	void *ctx;
	unsigned next_index;	/* events found in this input so far */
	char last_kernel[48];	/* from "Linux version" or a CPU line */
	unsigned zone_cfg;	/* ZK_* bits from the boot log's Zone ranges */
	int in_ranges;		/* reading the "Zone ranges:" block */
	int sysrq;		/* "Manual OOM execution" awaits its report */
	size_t cpu_len;		/* a CPU line cut before its taint word */
	char cpu_part[256];
	int nvictims;		/* pids killed so far, newest last */
	long long victims[RECENT_VICTIMS];
	int head, count;	/* the ring: oldest slot, slots in use */
	struct oom_event slot[RING_SLOTS];
	struct task *store;	/* RING_SLOTS * MAX_TASKS rows */
};

/* events_new: allocate the ring once; NULL when out of memory. */
struct events *events_new(event_fn fn, void *ctx)
{
	struct events *es = calloc(1, sizeof(*es));
	int k;

	if (!es)
		return NULL;
	es->store = calloc((size_t)RING_SLOTS * MAX_TASKS,
			   sizeof(*es->store));
	if (!es->store) {
		free(es);
		return NULL;
	}
	es->fn = fn;
	es->ctx = ctx;
	for (k = 0; k < RING_SLOTS; k++)
		es->slot[k].tasks = es->store + (size_t)k * MAX_TASKS;
	return es;
}

/* events_free: release the ring. */
void events_free(struct events *es)
{
	if (!es)
		return;
	free(es->store);
	free(es);
}

/* newest: the most recently started event, or NULL. */
static struct oom_event *newest(struct events *es)
{
	if (!es->count)
		return NULL;
	return &es->slot[(es->head + es->count - 1) % RING_SLOTS];
}

/* open_event: the newest event if it still takes lines, or NULL. */
static struct oom_event *open_event(struct events *es)
{
	struct oom_event *ev = newest(es);

	return ev && ev->phase != PH_CLOSED ? ev : NULL;
}

/* emit_oldest: hand the oldest event out and free its slot. */
static void emit_oldest(struct events *es)
{
	struct oom_event *ev = &es->slot[es->head];

	ev->phase = PH_CLOSED;
	es->fn(es->ctx, ev);
	es->head = (es->head + 1) % RING_SLOTS;
	es->count--;
}

/* settled: nothing more can arrive for ev. */
static int settled(const struct oom_event *ev)
{
	return ev->phase == PH_CLOSED && (ev->reaper.has || !ev->victim.has);
}

/*
 * flush_settled: emit from the front of the ring while the oldest event
 * is settled, or closed and older than SETTLE_SECONDS at uptime now. The
 * newest event waits for the next one: a panic line may still follow.
 */
static void flush_settled(struct events *es, double now)
{
	while (es->count) {
		struct oom_event *ev = &es->slot[es->head];
		int stale = ev->phase == PH_CLOSED && now >= 0 &&
			    ev->uptime >= 0 &&
			    now - ev->uptime > SETTLE_SECONDS;

		/* the newest stays for a late panic line, unless stale */
		if (ev == newest(es) ? !stale : !(settled(ev) || stale))
			break;
		emit_oldest(es);
	}
}

/* flush_all: emit every event held (end of input, reboot). */
static void flush_all(struct events *es)
{
	while (es->count)
		emit_oldest(es);
}

/* reset_event: make ev a fresh event of kind started by record r. */
static void reset_event(struct events *es, struct oom_event *ev,
			enum ev_kind kind, const struct record *r)
{
	struct task *tasks = ev->tasks;

	memset(ev, 0, sizeof(*ev));
	ev->tasks = tasks;
	ev->kind = kind;
	ev->phase = PH_HEADER;
	ev->index = es->next_index++;
	copy_str(ev->time, sizeof(ev->time), r->time, strlen(r->time));
	ev->uptime = r->uptime;
	copy_str(ev->kernel, sizeof(ev->kernel), es->last_kernel,
		 sizeof(es->last_kernel));
	ev->inv_pid = NONE;
	ev->inv_adj = ADJ_NONE;
	ev->memcg_usage_kb = ev->memcg_limit_kb = ev->memcg_failcnt = NONE;
	ev->swap_total_kb = ev->swap_free_kb = NONE;
	ev->ram_pages = ev->reserved_pages = NONE;
	ev->highmem_pages = NONE;
	ev->zone_cfg = es->zone_cfg;
	ev->hugetlb_kb = NONE;
	ev->hugepage_min_kb = NONE;
	ev->chosen_pid = NONE;
	ev->score = NONE;
	if (r->truncated)
		ev->truncated |= TRUNC_LINE;
}

/* start_event: close the open event and begin a new one in the ring. */
static struct oom_event *start_event(struct events *es, enum ev_kind kind,
				     const struct record *r)
{
	struct oom_event *ev = newest(es);

	if (ev)
		ev->phase = PH_CLOSED;
	flush_settled(es, r->uptime);
	if (es->count == RING_SLOTS)
		emit_oldest(es);
	ev = &es->slot[(es->head + es->count) % RING_SLOTS];
	es->count++;
	reset_event(es, ev, kind, r);
	return ev;
}

/* kill_target: the event a kill line belongs to; a new one if none. */
static struct oom_event *kill_target(struct events *es,
				     const struct record *r)
{
	struct oom_event *ev = open_event(es);

	if (ev && ev->kind != EV_ALLOC_FAIL && !ev->victim.has)
		return ev;
	ev = start_event(es, EV_OOM, r);
	ev->began_before = 1;
	return ev;
}

/* header_fill: copy the invoked / allocation-failure line into ev. */
static void header_fill(struct oom_event *ev, const struct p_header *h)
{
	copy_str(ev->inv_comm, sizeof(ev->inv_comm), h->comm,
		 sizeof(h->comm));
	ev->inv_adj = h->adj;
	ev->has_gfp = h->has_gfp;
	ev->gfp = h->gfp;
	copy_str(ev->gfp_hex, sizeof(ev->gfp_hex), h->gfp_hex,
		 sizeof(h->gfp_hex));
	copy_str(ev->gfp_names, sizeof(ev->gfp_names), h->names,
		 sizeof(h->names));
	ev->has_order = h->has_order;
	ev->order = h->order;
}

/*
 * glued_comm: the invoker's comm as read ran into other output on the
 * same console line ("root@box:~# ./oomoom invoked ..."): longer than a
 * kernel comm (15 bytes) or holding a space, and ending in the CPU line's
 * comm, which is then the real one.
 */
static int glued_comm(const char *inv, const char *comm)
{
	size_t a = strlen(inv), b = strlen(comm);

	return b > 0 && a > b && (a > 15 || memchr(inv, ' ', a - b)) &&
	       strcmp(inv + a - b, comm) == 0;
}

/*
 * on_cpu: "CPU: n PID: p Comm: c ..." gives the invoker's pid and the
 * kernel version; s390 prints them on two lines ("CPU: 0 Not tainted
 * VERSION #1", "Process c (pid: p, ...)").
 */
static void on_cpu(struct events *es, const char *msg)
{
	struct oom_event *ev = open_event(es);
	struct p_cpu c;

	if (parse_cpu(msg, &c) < 0)
		return;
	if (c.kernel[0])
		copy_str(es->last_kernel, sizeof(es->last_kernel), c.kernel,
			 sizeof(c.kernel));
	if (!ev || ev->phase != PH_HEADER)
		return;
	if (c.kernel[0] && (c.pid == NONE || ev->inv_pid == NONE))
		copy_str(ev->kernel, sizeof(ev->kernel), c.kernel,
			 sizeof(c.kernel));
	if (c.pid == NONE || ev->inv_pid != NONE)
		return;
	if (ev->inv_comm[0] && strcmp(ev->inv_comm, c.comm) != 0) {
		if (!glued_comm(ev->inv_comm, c.comm))
			return;
		copy_str(ev->inv_comm, sizeof(ev->inv_comm), c.comm,
			 sizeof(c.comm));
	}
	ev->inv_pid = c.pid;
	for (int k = 0; k < es->nvictims; k++)
		if (es->victims[k] == c.pid)
			ev->inv_victim = 1;
	if (!ev->inv_comm[0])
		copy_str(ev->inv_comm, sizeof(ev->inv_comm), c.comm,
			 sizeof(c.comm));
}

/*
 * cpu_line: a "CPU:"/"Pid:" line. The kernel always ends it with the
 * taint and the version; one without "ainted" was wrapped, and waits for
 * its remainder (see cpu_continue).
 */
static void cpu_line(struct events *es, const char *msg)
{
	size_t n = strlen(msg);

	if (strstr(msg, "ainted") || n >= sizeof(es->cpu_part) / 2) {
		on_cpu(es, msg);
		return;
	}
	memcpy(es->cpu_part, msg, n + 1);
	es->cpu_len = n;
}

/*
 * cpu_continue: with a wrapped CPU line pending, glue raw (the remainder
 * of a wrap, kept as is) to it unless raw is a record of its own; then
 * read the line. Returns 1 when raw was consumed.
 */
static int cpu_continue(struct events *es, const char *raw, size_t len)
{
	const char *msg = skip_ws(raw);
	size_t n = es->cpu_len;
	int glue = msg[0] && msg[0] != '[' && !STARTS(msg, "Process ") &&
		   !record_start(msg, len - (size_t)(msg - raw));

	es->cpu_len = 0;
	if (glue)
		n += copy_str(es->cpu_part + n, sizeof(es->cpu_part) - n, raw,
			      len);
	es->cpu_part[n] = '\0';
	on_cpu(es, es->cpu_part);
	return glue;
}

/* Frames of the allocator, the OOM killer and the stack dumper. */
static const char *const boring_frames[] = {
	"dump_", "__dump_", "show_stack", "unwind_backtrace", "oom_kill_",
	"out_of_memory", "__out_of_memory", "select_bad_process",
	"__alloc_pages", "alloc_pages", "__get_free_pages", "get_zeroed_page",
	"warn_alloc", "__warn_alloc", "get_page_from_freelist", "alloc_page",
	"__alloc_frozen", "folio_alloc", "__folio_alloc", "vma_alloc_folio",
	"alloc_slab_page", "allocate_slab", "new_slab", "___slab_alloc",
	"__slab_alloc", "slab_alloc", "kmem_cache_alloc", "__kmem_cache",
	"__kmalloc", "kmalloc", "kvmalloc", "__kvmalloc", "__vmalloc",
	"vmalloc", "vzalloc", "pagefault_out_of_memory", "mem_cgroup_",
	"try_charge", "__mem_cgroup", "charge_memcg", "obj_cgroup_",
	"security_", "panic", "__warn", "oom_", "dump_header",
};

/* Frames that show the allocation came from a page fault. */
static const char *const fault_frames[] = {
	"handle_mm_fault", "__handle_mm_fault", "do_page_fault",
	"__do_page_fault", "do_user_addr_fault", "exc_page_fault",
	"page_fault", "asm_exc_page_fault", "do_translation_fault",
	"do_mem_abort", "el0_da", "do_DataAbort", "do_anonymous_page",
	"handle_pte_fault", "filemap_fault", "el0_ia",
};

/* prefixed_by: 1 when name starts with one of the table's words. */
static int prefixed_by(const char *name, const char *const *tab, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (starts_with(name, tab[k]))
			return 1;
	return 0;
}

/* on_frame: note where the allocation came from (call trace lines). */
static int on_frame(struct oom_event *ev, const char *msg)
{
	char name[64], module[32];
	int rc = parse_frame(msg, name, sizeof(name), module, sizeof(module));
	struct trace *t = &ev->trace;

	if (rc < 0)
		return 0;
	t->frames++;
	if (rc == 1)
		return 1;
	if (prefixed_by(name, fault_frames,
			sizeof(fault_frames) / sizeof(fault_frames[0])))
		t->page_fault = 1;
	if (STARTS(name, "mem_cgroup_") || STARTS(name, "try_charge")
	    || STARTS(name, "charge_memcg"))
		t->memcg_charge = 1;
	if (!t->site[0] &&
	    !prefixed_by(name, boring_frames,
			 sizeof(boring_frames) / sizeof(boring_frames[0]))) {
		copy_str(t->site, sizeof(t->site), name, sizeof(name));
		copy_str(t->module, sizeof(t->module), module, sizeof(module));
	}
	return 1;
}

/* find_zone: the zone (node, name) of ev, or NULL. */
static struct zone *find_zone(struct oom_event *ev, int node,
			      const char *name)
{
	int k;

	for (k = 0; k < ev->nzones; k++)
		if (ev->zones[k].node == node &&
		    strcmp(ev->zones[k].name, name) == 0)
			return &ev->zones[k];
	return NULL;
}

/* on_meminfo_line: zones, buddy lists, reserves, hugepages, swap, RAM. */
static int on_meminfo_line(struct oom_event *ev, const char *msg)
{
	struct zone z;
	long long v, size;
	int node;
	char name[16];

	if (parse_zone(msg, &z) == 0) {
		if (find_zone(ev, z.node, z.name))
			return 1;
		if (ev->nzones == MAX_ZONES) {
			ev->truncated |= TRUNC_ZONES;
			return 1;
		}
		ev->zones[ev->nzones++] = z;
		return 1;
	}
	if (STARTS(msg, "lowmem_reserve[]:")) {
		struct zone *last = ev->nzones ? &ev->zones[ev->nzones - 1] :
				    NULL;
		int n = parse_reserve(msg, z.reserve, MAX_RESERVE);

		if (last && !last->nreserve && n > 0) {
			memcpy(last->reserve, z.reserve, sizeof(z.reserve));
			last->nreserve = n;
		}
		return 1;
	}
	memset(&z, 0, sizeof(z));
	if (parse_buddy(msg, &node, name, sizeof(name), &z) == 0) {
		struct zone *zp = find_zone(ev, node, name);

		if (zp && zp->nbuddy == 0) {
			memcpy(zp->buddy, z.buddy, sizeof(z.buddy));
			memcpy(zp->buddy_types, z.buddy_types,
			       sizeof(z.buddy_types));
			zp->nbuddy = z.nbuddy;
			zp->buddy_page_kb = z.buddy_page_kb;
		}
		return 1;
	}
	if (STARTS(msg, "Node ") &&
	    parse_hugepages(msg, &v, &size) == 0) {
		if (ev->hugetlb_kb < 0)
			ev->hugetlb_kb = 0;
		if (v > 0 && size > 0 && v < (1LL << 40) / size)
			ev->hugetlb_kb += v * size;
		if (size > 0 && (ev->hugepage_min_kb < 0 ||
				 size < ev->hugepage_min_kb))
			ev->hugepage_min_kb = size;
		return 1;
	}
	return 0;
}

/* on_number_line: "N pages RAM", "N pages of RAM", "N pages reserved". */
static int on_number_line(struct oom_event *ev, const char *msg)
{
	const char *p = msg;
	long long v;

	if (scan_num(&p, &v) < 0 || v < 0)
		return 0;
	if (strcmp(p, " pages RAM") == 0 || strcmp(p, " pages of RAM") == 0)
		ev->ram_pages = v;
	else if (strcmp(p, " pages HighMem/MovableOnly") == 0 ||
		 strcmp(p, " pages HighMem") == 0)
		ev->highmem_pages = v;
	else if (strcmp(p, " pages reserved") == 0 ||
		 strcmp(p, " reserved pages") == 0)
		ev->reserved_pages = v;
	else
		return 0;
	return 1;
}

/* on_swap: "Free swap  = 0kB", "Total swap = 2097148kB". */
static int on_swap(struct oom_event *ev, const char *msg)
{
	long long *dst;
	const char *p;
	long long v;

	if (STARTS(msg, "Free swap"))
		dst = &ev->swap_free_kb;
	else if (STARTS(msg, "Total swap"))
		dst = &ev->swap_total_kb;
	else
		return 0;
	p = strchr(msg, '=');
	if (!p)
		return 1;
	p = skip_ws(p + 1);
	if (scan_num(&p, &v) == 0)
		*dst = v;
	return 1;
}

/* on_task_line: the task-table header and its rows. */
static int on_task_line(struct oom_event *ev, const char *msg)
{
	struct task_header h;
	struct task t;

	if (parse_task_header(msg, &h) == 0) {
		if (ev->phase <= PH_MEMINFO || !ev->has_table) {
			ev->hdr = h;
			ev->has_table = 1;
			ev->phase = PH_TASKS;
		}
		return 1;
	}
	if (!ev->has_table) {
		if (ev->phase > PH_MEMINFO || guess_task_header(msg, &h) < 0)
			return 0;
		ev->hdr = h;
		ev->has_table = 1;
		ev->phase = PH_TASKS;
	}
	if (ev->phase != PH_TASKS || parse_task_row(msg, &ev->hdr, &t) < 0)
		return 0;
	if (ev->ntasks == MAX_TASKS) {
		ev->truncated |= TRUNC_TASKS;
		return 1;
	}
	ev->tasks[ev->ntasks++] = t;
	return 1;
}

/* add_killed: note one killed task of ev (victim or oom.group member). */
static void add_killed(struct oom_event *ev, long long pid, const char *comm)
{
	struct killed *kd;

	if (ev->nkilled == MAX_KILLED)
		return;
	kd = &ev->killed[ev->nkilled++];
	kd->pid = pid;
	copy_str(kd->comm, sizeof(kd->comm), comm, strlen(comm));
}

/* remember_victim: note a killed pid; it may invoke a later report. */
static void remember_victim(struct events *es, long long pid)
{
	if (es->nvictims == RECENT_VICTIMS) {
		memmove(es->victims, es->victims + 1,
			sizeof(es->victims[0]) * (RECENT_VICTIMS - 1));
		es->nvictims--;
	}
	es->victims[es->nvictims++] = pid;
}

/* victim_adj_from_table: oom_score_adj of pid from the task table. */
static int victim_adj_from_table(const struct oom_event *ev, long long pid)
{
	int k;

	for (k = 0; k < ev->ntasks; k++)
		if (ev->tasks[k].pid == pid)
			return ev->tasks[k].adj;
	return ADJ_NONE;
}

/* on_kill_lines: Kill process / Killed process / oom-kill: / no victim. */
static int on_kill_lines(struct events *es, const char *msg,
			 const struct record *r)
{
	struct oom_event *ev;
	struct p_kill k;
	struct p_oomkill o;
	struct victim v;
	int memcg;

	if (STARTS(msg, "oom-kill:") && parse_oomkill(msg, &o) == 0) {
		ev = kill_target(es, r);
		copy_str(ev->constraint, sizeof(ev->constraint), o.constraint,
			 sizeof(o.constraint));
		copy_str(ev->cpuset, sizeof(ev->cpuset), o.cpuset,
			 sizeof(o.cpuset));
		copy_str(ev->task_memcg, sizeof(ev->task_memcg), o.task_memcg,
			 sizeof(o.task_memcg));
		if (o.oom_memcg[0])
			copy_str(ev->oom_memcg, sizeof(ev->oom_memcg),
				 o.oom_memcg, sizeof(o.oom_memcg));
		if (strcmp(o.constraint, "CONSTRAINT_MEMCG") == 0)
			ev->kind = EV_MEMCG;
		ev->chosen_pid = o.pid;
		copy_str(ev->chosen_comm, sizeof(ev->chosen_comm), o.task,
			 sizeof(o.task));
		ev->phase = PH_KILL;
		return 1;
	}
	if (strstr(msg, "Killed process ")) {
		if (parse_killed(msg, &v, &memcg) < 0)
			return 0;
		ev = newest(es);
		if (ev && ev->oom_group && ev->victim.has) {
			add_killed(ev, v.pid, v.comm);
			remember_victim(es, v.pid);
			return 1;
		}
		ev = kill_target(es, r);
		if (STARTS(msg, "Out of memory (oom_kill_allocating_task)"))
			ev->allocating_task = 1;
		add_killed(ev, v.pid, v.comm);
		if (memcg)
			ev->kind = EV_MEMCG;
		if (v.adj == ADJ_NONE)
			v.adj = victim_adj_from_table(ev, v.pid);
		ev->victim = v;
		ev->phase = PH_CLOSED;
		remember_victim(es, v.pid);
		return 1;
	}
	if (strstr(msg, "ill process ") && parse_kill(msg, &k) == 0) {
		ev = kill_target(es, r);
		if (k.memcg)
			ev->kind = EV_MEMCG;
		if (strstr(msg, "sacrifice child"))
			ev->sacrifice_child = 1;
		else if (strstr(msg, " or a child"))
			ev->old_heuristic = 1;
		if (STARTS(msg, "Out of memory (oom_kill_allocating_task)"))
			ev->allocating_task = 1;
		ev->chosen_pid = k.pid;
		copy_str(ev->chosen_comm, sizeof(ev->chosen_comm), k.comm,
			 sizeof(k.comm));
		ev->score = k.score;
		ev->phase = PH_KILL;
		return 1;
	}
	if (STARTS(msg, "Out of memory and no killable processes")) {
		ev = kill_target(es, r);
		ev->no_killable = 1;
		ev->phase = PH_CLOSED;
		return 1;
	}
	return 0;
}

/*
 * on_reaper: attach an oom_reaper line to the event of its victim (by
 * pid; a pid cut by a wrap goes to the newest kill without a reaper
 * line). When no event came before it in this input, the log began
 * after the kill: the line makes an event of its own, whose victim is
 * known by pid and comm only.
 */
static void on_reaper(struct events *es, const char *msg,
		      const struct record *r)
{
	struct oom_event *ev;
	struct reaper rp;
	int k;

	if (parse_reaper(msg, &rp) < 0)
		return;
	for (k = es->count - 1; k >= 0; k--) {
		ev = &es->slot[(es->head + k) % RING_SLOTS];
		if (ev->victim.has && !ev->reaper.has &&
		    (ev->victim.pid == rp.pid || rp.pid == NONE)) {
			ev->reaper = rp;
			return;
		}
	}
	if (es->next_index || rp.pid == NONE)
		return;
	ev = start_event(es, EV_OOM, r);
	ev->began_before = 1;
	ev->phase = PH_CLOSED;
	ev->reaper = rp;
	ev->victim.has = 1;
	ev->victim.pid = rp.pid;
	copy_str(ev->victim.comm, sizeof(ev->victim.comm), rp.comm,
		 sizeof(rp.comm));
	ev->victim.uid = NONE;
	ev->victim.total_vm_kb = ev->victim.anon_kb = NONE;
	ev->victim.file_kb = ev->victim.shmem_kb = NONE;
	ev->victim.pgtables_kb = NONE;
	ev->victim.adj = ADJ_NONE;
	add_killed(ev, rp.pid, rp.comm);
}

/*
 * on_panic: "Kernel panic - not syncing: REASON", or only its tail when
 * the console lost the head: "---[ end Kernel panic - not syncing:
 * REASON ]---" (reason_len cuts the " ]---"), or "Rebooting in N
 * seconds.." (reason NULL: a panic whose reason is not in the log).
 */
static void on_panic(struct events *es, const char *reason,
		     size_t reason_len, const struct record *r)
{
	struct oom_event *ev = open_event(es);

	if (reason) {
		const char *start = skip_ws(reason);

		reason_len -= (size_t)(start - reason);
		reason = start;
	}
	if (!ev)
		ev = newest(es);
	if (!ev) {
		if (!reason || (!strstr(reason, "ut of memory") &&
				!strstr(reason, "deadlocked on memory")))
			return;
		ev = start_event(es, EV_OOM, r);
		ev->phase = PH_CLOSED;
	}
	ev->panic = 1;
	if (!reason)
		return;
	if (!ev->panic_reason[0])
		copy_str(ev->panic_reason, sizeof(ev->panic_reason), reason,
			 reason_len);
	if (strstr(reason, "no killable processes") ||
	    strstr(reason, "deadlocked on memory"))
		ev->no_killable = ev->no_killable || !ev->victim.has;
}

/* on_memcg: the memory-cgroup lines of a memcg OOM's header. */
static int on_memcg(struct oom_event *ev, const char *msg)
{
	long long u, l, f;

	if (STARTS(msg, "Task in ")) {
		const char *k = strstr(msg, " killed as a result of limit of ");

		if (!k)
			return 0;
		copy_str(ev->task_memcg, sizeof(ev->task_memcg), msg + 8,
			 (size_t)(k - msg - 8));
		k += strlen(" killed as a result of limit of ");
		copy_str(ev->oom_memcg, sizeof(ev->oom_memcg), k, strlen(k));
		ev->kind = EV_MEMCG;
		return 1;
	}
	if (parse_memcg_usage(msg, &u, &l, &f) == 0) {
		if (!ev->has_memcg) {
			ev->has_memcg = 1;
			ev->memcg_usage_kb = u;
			ev->memcg_limit_kb = l;
			ev->memcg_failcnt = f;
		}
		if (ev->kind == EV_OOM)
			ev->kind = EV_MEMCG;
		return 1;
	}
	return 0;
}

/* on_boot: a reboot; nothing after it belongs to earlier events. */
static void on_boot(struct events *es, const char *msg)
{
	const char *v = msg + strlen("Linux version ");
	const char *e = v;

	flush_all(es);
	es->cpu_len = 0;
	es->zone_cfg = 0;
	es->nvictims = 0;
	es->sysrq = 0;
	if (!STARTS(msg, "Linux version "))
		return;
	while (*e && *e != ' ')
		e++;
	copy_str(es->last_kernel, sizeof(es->last_kernel), v,
		 (size_t)(e - v));
}

/*
 * on_zone_ranges: the boot log's "Zone ranges:" (or "Zone PFN ranges:")
 * block names every zone configured below Movable, "empty" ones too.
 * Returns 1 when msg was part of it.
 */
static int on_zone_ranges(struct events *es, const char *msg)
{
	char name[16];
	const char *e = msg;
	int kind;

	if (STARTS(msg, "Zone ranges:") || STARTS(msg, "Zone PFN ranges:")) {
		es->in_ranges = 1;
		es->zone_cfg = 0;
		return 1;
	}
	if (!es->in_ranges)
		return 0;
	while (*e && *e != ' ')
		e++;
	copy_str(name, sizeof(name), msg, (size_t)(e - msg));
	kind = zone_kind_of(name);
	if (kind < 0 || kind >= ZK_MOVABLE) {
		es->in_ranges = 0;
		return 0;
	}
	es->zone_cfg |= ZK_BIT(kind);
	return 1;
}

/* on_open_event: lines that only mean something inside a report. */
static int on_open_event(struct oom_event *ev, const char *msg)
{
	if (ev->phase == PH_HEADER && !ev->cpuset[0] && ev->inv_comm[0] &&
	    starts_with(msg, ev->inv_comm) &&
	    starts_with(msg + strlen(ev->inv_comm), " cpuset=")) {
		const char *c = msg + strlen(ev->inv_comm) + 8;
		const char *e = strchr(c, ' ');

		copy_str(ev->cpuset, sizeof(ev->cpuset), c,
			 e ? (size_t)(e - c) : strlen(c));
		return 1;
	}
	if (msg[0] == '[' && ev->phase <= PH_TASKS && on_task_line(ev, msg))
		return 1;
	if (ev->phase > PH_MEMINFO)
		return 0;
	if (STARTS(msg, "Mem-Info:") || STARTS(msg, "Mem-info:")) {
		ev->phase = PH_MEMINFO;
		return 1;
	}
	if (is_digit((unsigned char)msg[0]))
		return on_number_line(ev, msg);
	if (on_swap(ev, msg) || on_memcg(ev, msg))
		return 1;
	if (on_meminfo_line(ev, msg)) {
		ev->phase = PH_MEMINFO;
		return 1;
	}
	if (ev->phase == PH_HEADER)
		return on_frame(ev, msg);
	return 0;
}

/* on_start: the lines that begin a report; 1 when msg was one. */
static int on_start(struct events *es, const char *msg,
		    const struct record *r)
{
	struct p_header h;
	struct oom_event *ev;

	if (strstr(msg, " invoked oom-killer:") &&
	    parse_invoked(msg, &h) == 0) {
		ev = start_event(es, EV_OOM, r);
		header_fill(ev, &h);
		ev->manual = es->sysrq;
		es->sysrq = 0;
		return 1;
	}
	if (strstr(msg, ": page allocation failure") &&
	    parse_alloc_fail(msg, &h) == 0) {
		ev = start_event(es, EV_ALLOC_FAIL, r);
		header_fill(ev, &h);
		return 1;
	}
	return 0;
}

/* events_record: feed one normalised record to the state machine. */
void events_record(struct events *es, const struct record *r)
{
	const char *msg;
	struct oom_event *ev;

	if (!r->kernel)
		return;
	msg = skip_ws(r->msg);
	if (!msg[0])
		return;
	if (es->cpu_len && cpu_continue(es, r->msg, r->len))
		return;
	if ((es->in_ranges || msg[0] == 'Z') && on_zone_ranges(es, msg))
		return;
	ev = open_event(es);
	if (ev && r->truncated)
		ev->truncated |= TRUNC_LINE;
	if (es->count && r->uptime >= 0)
		flush_settled(es, r->uptime);

	switch (msg[0]) {
	case '[':
		if (ev && ev->phase == PH_TASKS && on_task_line(ev, msg))
			return;
		break;
	case 'C':
		if (STARTS(msg, "CPU: ")) {
			cpu_line(es, msg);
			return;
		}
		break;
	case 'P':
		if (STARTS(msg, "Pid: ")) {
			cpu_line(es, msg);
			return;
		}
		if (STARTS(msg, "Process ") && strstr(msg, " (pid: ")) {
			on_cpu(es, msg);
			return;
		}
		break;
	case 'K':
		if (STARTS(msg, PANIC)) {
			on_panic(es, msg + strlen(PANIC), strlen(msg), r);
			return;
		}
		break;
	case '-':
		if (STARTS(msg, "---[ end " PANIC)) {
			const char *why = msg + strlen("---[ end " PANIC);
			const char *e = strstr(why, " ]---");

			on_panic(es, why, e ? (size_t)(e - why) :
				 strlen(why), r);
			return;
		}
		break;
	case 'R':
		if (STARTS(msg, "Rebooting in ") && strstr(msg, " seconds")) {
			on_panic(es, NULL, 0, r);
			return;
		}
		break;
	case 'o':
		if (STARTS(msg, "oom_reaper: ")) {
			on_reaper(es, msg, r);
			flush_settled(es, r->uptime);
			return;
		}
		break;
	case 'B':
	case 'L':
		if (STARTS(msg, "Booting Linux") ||
		    STARTS(msg, "Linux version ")) {
			on_boot(es, msg);
			return;
		}
		break;
	default:
		break;
	}
	if (on_start(es, msg, r) || on_kill_lines(es, msg, r))
		return;
	if (strstr(msg, "Manual OOM execution")) {
		es->sysrq = 1;
		return;
	}
	if (STARTS(msg, "Tasks in ") &&
	    strstr(msg, "are going to be killed due to memory.oom.group")) {
		ev = newest(es);
		if (ev)
			ev->oom_group = 1;
		return;
	}
	ev = open_event(es);
	if (ev)
		on_open_event(ev, msg);
}

/* events_end_input: the input ended; emit all and start afresh. */
void events_end_input(struct events *es)
{
	if (es->cpu_len) {
		es->cpu_len = 0;
		on_cpu(es, es->cpu_part);
	}
	flush_all(es);
	es->next_index = 0;
	es->last_kernel[0] = '\0';
}

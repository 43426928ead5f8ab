// SPDX-License-Identifier: GPL-2.0
/*
 * Allocate pages from a module's init until memory runs out.
 *
 * Lab 9-8, step 3: watch the OOM killer being invoked from kernel context.
 * Init calls alloc_pages() in a loop in the context of the loading task
 * (insmod) and keeps every block on a list. It stops when
 *   - an allocation fails,
 *   - insmod has a fatal signal pending: the OOM killer killed it, or
 *     another signal is killing it (Ctrl-C; SIGHUP when the shell that
 *     owns its terminal dies, e.g. chosen by the OOM killer; kill), or
 *   - max_mb is reached,
 * prints one summary line saying which, and frees everything unless hold=1.
 *
 * Init returns 0 after a run, as the lab's module does: the module stays
 * loaded, its held_pages parameter reads 0 once the pages are back, and
 * rmmod is needed before the next run. So insmod fails only for an invalid
 * parameter (EINVAL, nothing allocated), and a test can tell the two apart.
 *
 * hold=1 keeps the pages until rmmod. Without a max_mb cap that reproduces
 * the lab's ending: insmod is killed but the memory is never given back, so
 * the OOM killer kills every other process in turn and the kernel panics
 * ("System is deadlocked on memory" on 6.1). Use hold=1 only with max_mb.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/notifier.h>
#include <linux/oom.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>
#include <linux/string.h>

/*
 * The largest order alloc_pages() accepts. Before 6.4, MAX_ORDER counted
 * the orders (valid: 0..MAX_ORDER - 1); 6.4 made it the largest order
 * itself; 6.8 renamed it MAX_PAGE_ORDER and added NR_PAGE_ORDERS. Tell the
 * first two apart by MAX_ORDER_NR_PAGES, the pages in the largest block,
 * rather than by version number, so that backports are handled too.
 */
#if defined(NR_PAGE_ORDERS)
#define ALLOC_OOM_MAX_ORDER	(NR_PAGE_ORDERS - 1)
#elif MAX_ORDER_NR_PAGES == (1 << MAX_ORDER)
#define ALLOC_OOM_MAX_ORDER	MAX_ORDER
#else
#define ALLOC_OOM_MAX_ORDER	(MAX_ORDER - 1)
#endif

#define PAGES_TO_MIB(pages)	((pages) >> (20 - PAGE_SHIFT))

static int order;
module_param(order, int, 0444);
MODULE_PARM_DESC(order,
		 "allocation order, 0 up to the kernel's largest (default 0: one page per call)");

static char *gfp = "kernel";
module_param(gfp, charp, 0444);
MODULE_PARM_DESC(gfp,
		 "allocation flags: kernel (default, GFP_KERNEL), retry_mayfail, noretry or atomic");

static int max_mb;
module_param(max_mb, int, 0444);
MODULE_PARM_DESC(max_mb, "stop after this many MiB (default 0: no cap)");

static bool hold;
module_param(hold, bool, 0444);
MODULE_PARM_DESC(hold,
		 "keep the pages until rmmod (default 0: free them at once); without max_mb this ends in a kernel panic");

static unsigned long held_pages;

/* held_pages is an output: refuse a value on the insmod command line. */
static int held_pages_set(const char *val, const struct kernel_param *kp)
{
	pr_err("held_pages is read-only\n");
	return -EINVAL;
}

static const struct kernel_param_ops held_pages_ops = {
	.set = held_pages_set,
	.get = param_get_ulong,
};

module_param_cb(held_pages, &held_pages_ops, &held_pages, 0444);
__MODULE_PARM_TYPE(held_pages, "ulong");
MODULE_PARM_DESC(held_pages, "pages currently held (read-only)");

/* What each gfp= name asks of the page allocator. */
struct gfp_mode {
	const char *name;
	gfp_t flags;
};

static const struct gfp_mode gfp_modes[] = {
	/* the lab's: up to order 3 it retries and invokes the OOM killer */
	{ "kernel", GFP_KERNEL },
	/* reclaims as hard as it can, then fails: never the OOM killer */
	{ "retry_mayfail", GFP_KERNEL | __GFP_RETRY_MAYFAIL },
	/* one light reclaim attempt, then fails: never the OOM killer */
	{ "noretry", GFP_KERNEL | __GFP_NORETRY },
	/* never sleeps, may use part of the reserves, then fails */
	{ "atomic", GFP_ATOMIC },
};

/*
 * No __GFP_MOVABLE mode: a movable page is one the kernel may migrate, and
 * this module's pages cannot move (it implements no migration). Asked for
 * with GFP_HIGHUSER_MOVABLE they would come from movable and CMA
 * pageblocks and pin them: compaction and CMA allocations could never
 * empty those blocks again while the module holds them.
 */
#define UNMOVABLE_NOTE "the module's pages cannot move, so __GFP_MOVABLE would pin movable and CMA pageblocks"

enum stop_reason {
	STOP_FAILED,
	STOP_CAP,
	STOP_SIGNAL,
};

/*
 * Names for the usual signals whose default action kills without a core
 * dump. Only such a signal, or SIGKILL, sets fatal_signal_pending() while
 * insmod is in the kernel: a core-dumping one (SIGQUIT, SIGSEGV, ...) acts
 * only when insmod returns to user space. Others are printed as numbers.
 */
static const char * const signal_names[] = {
	[SIGHUP] = "SIGHUP",
	[SIGINT] = "SIGINT",
	[SIGKILL] = "SIGKILL",
	[SIGUSR1] = "SIGUSR1",
	[SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE",
	[SIGALRM] = "SIGALRM",
	[SIGTERM] = "SIGTERM",
};

/*
 * The loading task while the loop runs, and whether it was already dying
 * and not yet an OOM victim when an OOM began (see alloc_oom_oom_notify).
 */
static struct task_struct *loader;
static bool dying_at_oom;

/* Every block obtained, linked through page->lru of its first page. */
static LIST_HEAD(page_list);

/* Look up the gfp= name; NULL if it is not one of gfp_modes[]. */
static const struct gfp_mode *find_gfp_mode(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(gfp_modes); i++)
		if (!strcmp(gfp_modes[i].name, name))
			return &gfp_modes[i];
	return NULL;
}

/* Check every parameter before anything is allocated. */
static int check_params(const struct gfp_mode **mode)
{
	if (order < 0 || order > ALLOC_OOM_MAX_ORDER) {
		pr_err("order=%d is out of range 0..%d\n",
		       order, ALLOC_OOM_MAX_ORDER);
		return -EINVAL;
	}
	*mode = find_gfp_mode(gfp);
	if (!*mode && !strcmp(gfp, "highuser_movable")) {
		pr_err("gfp=highuser_movable is not supported: %s\n",
		       UNMOVABLE_NOTE);
		return -EINVAL;
	}
	if (!*mode) {
		pr_err("gfp=%s is not one of kernel, retry_mayfail, noretry, atomic\n",
		       gfp);
		return -EINVAL;
	}
	if (max_mb < 0) {
		pr_err("max_mb=%d is negative\n", max_mb);
		return -EINVAL;
	}
	return 0;
}

/*
 * Called at the start of every global OOM (out_of_memory(), under
 * oom_lock), before the OOM killer looks for a victim. A task that is
 * already dying (SIGNAL_GROUP_EXIT) when an OOM meets it, as the task
 * that invoked the OOM killer or as the one it chose, is marked an OOM
 * victim without being sent anything: it gets the memory reserves to exit
 * sooner (task_will_free_mem()). Note that case, so that the mark is not
 * taken for a kill by the OOM killer.
 */
static int alloc_oom_oom_notify(struct notifier_block *nb,
				unsigned long unused, void *freed)
{
	struct task_struct *tsk = READ_ONCE(loader);

	if (tsk && (READ_ONCE(tsk->signal->flags) & SIGNAL_GROUP_EXIT) &&
	    !tsk_is_oom_victim(tsk))
		WRITE_ONCE(dying_at_oom, true);
	return NOTIFY_OK;
}

static struct notifier_block alloc_oom_oom_nb = {
	.notifier_call = alloc_oom_oom_notify,
};

/*
 * The signal that is killing the loading task, 0 if unknown. The first
 * fatal signal a task gets starts its group exit and is recorded in
 * signal->group_exit_code (complete_signal()); later ones change nothing.
 * The OOM killer's is SIGKILL; Ctrl-C gives SIGINT; when the shell that
 * owns the terminal dies, the terminal is hung up and its foreground job,
 * insmod, gets SIGHUP.
 */
static int fatal_signal(void)
{
	struct signal_struct *sig = current->signal;
	int nr = 0;

	spin_lock_irq(&current->sighand->siglock);
	if (sig->flags & SIGNAL_GROUP_EXIT)
		nr = sig->group_exit_code;
	spin_unlock_irq(&current->sighand->siglock);
	return nr > 0 && nr < _NSIG ? nr : 0;
}

/*
 * Why the loading task has a fatal signal pending, in words that are true.
 * The kernel keeps no sender for SIGKILL, so "killed by the OOM killer"
 * rests on three facts: the signal was SIGKILL; the task is an OOM victim;
 * and it was not already dying when an OOM began. The OOM killer marks the
 * task it kills as it sends SIGKILL (__oom_kill_process()); a task dying of
 * something else (Ctrl-C, SIGHUP, kill -9) is marked only when an OOM meets
 * it, and the notifier has seen it dying by then. Two cases remain that
 * this cannot tell from a kill: a kill -9 landing inside one OOM, between
 * the notifier and the OOM killer's choice (microseconds), and an OOM of a
 * memory cgroup (it calls no notifier) meeting insmod after a kill -9.
 *
 * Otherwise the signal is named, and ", then an OOM victim" added when the
 * OOM killer marked the task after that signal had started its exit: it
 * met the dying task (and let it use the memory reserves to exit sooner),
 * or it chose the task and sent SIGKILL just after another signal had
 * arrived, in which case the kernel's log shows "Killed process" for it.
 */
static void describe_signal(char *buf, size_t size)
{
	int nr = fatal_signal();
	bool victim = tsk_is_oom_victim(current);
	int len;

	if (nr == SIGKILL && victim && !READ_ONCE(dying_at_oom)) {
		strscpy(buf, "killed by the OOM killer", size);
		return;
	}
	if (nr && (size_t)nr < ARRAY_SIZE(signal_names) && signal_names[nr])
		len = scnprintf(buf, size, "fatal signal %s", signal_names[nr]);
	else if (nr)
		len = scnprintf(buf, size, "fatal signal %d", nr);
	else
		len = scnprintf(buf, size, "fatal signal");
	if (victim)
		scnprintf(buf + len, size - len, ", then an OOM victim");
}

/*
 * Allocate 2^order pages at a time onto page_list until one allocation
 * fails, the task is killed or cap_pages (0: none) would be exceeded.
 * This runs in process context whatever the flags, so it may reschedule.
 */
static enum stop_reason fill_memory(gfp_t flags, u64 cap_pages)
{
	unsigned long block = 1UL << order;
	struct page *page;

	for (;;) {
		if (fatal_signal_pending(current))
			return STOP_SIGNAL;
		if (cap_pages && held_pages + block > cap_pages)
			return STOP_CAP;
		page = alloc_pages(flags, order);
		if (!page)
			return fatal_signal_pending(current) ?
			       STOP_SIGNAL : STOP_FAILED;
		list_add(&page->lru, &page_list);
		WRITE_ONCE(held_pages, held_pages + block);
		cond_resched();
	}
}

/*
 * Give every block on page_list back to the page allocator. order is
 * read-only once loaded, so it is still the order the blocks came with.
 */
static void free_memory(void)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, &page_list, lru) {
		list_del(&page->lru);
		__free_pages(page, order);
		cond_resched();
	}
	WRITE_ONCE(held_pages, 0);
}

/*
 * Load: check the parameters, fill memory, report, free unless hold=1.
 * Returns 0 after any run so that the module stays loaded (see the top).
 */
static int __init alloc_oom_init(void)
{
	const struct gfp_mode *mode;
	enum stop_reason why;
	char reason[48];
	ktime_t start;
	int ret;

	ret = check_params(&mode);
	if (ret)
		return ret;

	WRITE_ONCE(loader, current);
	/* Cannot fail for a block that is registered once. */
	ret = register_oom_notifier(&alloc_oom_oom_nb);
	if (ret)
		return ret;
	start = ktime_get();
	why = fill_memory(mode->flags, (u64)max_mb << (20 - PAGE_SHIFT));
	unregister_oom_notifier(&alloc_oom_oom_nb);
	WRITE_ONCE(loader, NULL);

	if (why == STOP_SIGNAL)
		describe_signal(reason, sizeof(reason));
	else
		strscpy(reason, why == STOP_CAP ? "reached max_mb cap" :
			"allocation failed", sizeof(reason));
	pr_info("%s got %lu pages (%lu MiB) in %lld ms with order=%d gfp=%s, stopped: %s; %s\n",
		current->comm, held_pages, PAGES_TO_MIB(held_pages),
		ktime_ms_delta(ktime_get(), start), order, mode->name,
		reason, hold ? "holding them until rmmod" : "freed");
	if (!hold)
		free_memory();
	return 0;
}

/* Unload: give back whatever hold=1 kept. */
static void __exit alloc_oom_exit(void)
{
	unsigned long pages = held_pages;

	free_memory();
	if (pages)
		pr_info("rmmod freed %lu held pages (%lu MiB)\n",
			pages, PAGES_TO_MIB(pages));
}

module_init(alloc_oom_init);
module_exit(alloc_oom_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("RLK OOM lab maintainers");
MODULE_DESCRIPTION("Allocate pages with alloc_pages() until the OOM killer fires");

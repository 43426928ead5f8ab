// SPDX-License-Identifier: GPL-2.0
/*
 * render_text.c - one event explained for a student, about a screen long:
 * who asked for what, why no zone could give it, who was killed and why,
 * what that freed, and whether the machine survived. In the reader's
 * language (gettext), laid out by display columns.
 */
#include "render.h"

#include <stdarg.h>
#include <string.h>

#include "badness.h"
#include "gfp.h"
#include "i18n.h"
#include "sat.h"
#include "layout.h"
#include "watermark.h"

#define INDENT "           "
#define COL 11			/* where text starts, after a label */
#define WRAP 79			/* wrapped lines end before this column */
#define BAR_W 24

struct style {
	const char *bold, *red, *yellow, *green, *dim, *off;
};

static const struct style plain = { "", "", "", "", "", "" };
static const struct style ansi = {
	"\033[1m", "\033[31m", "\033[33m", "\033[32m", "\033[2m", "\033[0m"
};

static const char *const kind_titles[] = {
	[EV_OOM] = N_("global OOM (system out of memory)"),
	[EV_MEMCG] = N_("memory cgroup OOM (a cgroup hit its limit)"),
	[EV_ALLOC_FAIL] = N_("page allocation failure (no OOM kill)"),
};

/* human: kB as "980 kB", "615.3 MiB" or "4.0 GiB"; "?" for NONE. */
static const char *human(char *buf, size_t cap, long long kb)
{
	if (kb == NONE)
		snprintf(buf, cap, "?");
	else if (kb < 10 * 1024)
		snprintf(buf, cap, "%lld kB", kb);
	else if (kb < 1024 * 1024)
		snprintf(buf, cap, "%.1f MiB", (double)kb / 1024);
	else
		snprintf(buf, cap, "%.2f GiB", (double)kb / (1024 * 1024));
	return buf;
}

/* label: a left-column label, padded by display columns to COL. */
static void label(FILE *out, const char *text)
{
	put_padded(out, text, COL);
}

/*
 * translated: 1 when a catalogue translates the messages. English keeps
 * the line breaks this tool always printed, byte for byte; a translation
 * is laid out by display columns (put_wrapped).
 */
static int translated(void)
{
	return i18n_on;
}

/*
 * wrap: print text from column col, breaking at spaces before column 79
 * (English, byte for byte as always) or by display columns (a
 * translation); continuation lines start with INDENT. Ends with a
 * newline.
 */
static void wrap(FILE *out, int col, const char *text)
{
	const char *p = text;

	if (translated()) {
		put_wrapped(out, col, COL, WRAP, text);
		return;
	}
	while (*p) {
		const char *e = p, *brk = NULL;

		while (*e && (col + (e - p) < 79 || !brk)) {
			if (*e == ' ')
				brk = e;
			e++;
		}
		if (!*e) {
			fputs(p, out);
			break;
		}
		fwrite(p, 1, (size_t)(brk - p), out);
		fputs("\n" INDENT, out);
		col = (int)strlen(INDENT);
		p = brk + 1;
	}
	fputc('\n', out);
}

/*
 * lines: print text from column col, then post (a colour's end) and a
 * newline. English keeps its hand-made breaks ('\n' starts a line at
 * INDENT); a translation is wrapped by display columns, post after it.
 */
static void lines(FILE *out, int col, const char *text, const char *post)
{
	const char *p;

	if (translated()) {
		put_wrapped(out, col, COL, WRAP, text);
		fputs(post, out);
		return;
	}
	for (p = text; *p; p++) {
		if (*p == '\n')
			fputs("\n" INDENT, out);
		else
			fputc(*p, out);
	}
	fputs(post, out);
	fputc('\n', out);
}

/* cat: append formatted text to buf, never past its end. */
static __attribute__((format(printf, 3, 4)))
void cat(char *buf, size_t cap, const char *fmt, ...)
{
	size_t n = strlen(buf);
	va_list ap;

	if (n + 1 >= cap)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + n, cap - n, fmt, ap);
	va_end(ap);
}

/* list_sep: what goes between two items of a list, in the language. */
static const char *list_sep(void)
{
	/* TRANSLATORS: between the items of a list of names or values */
	return _(", ");
}

/* bar: a bar of BAR_W cells, filled for value / scale. */
static void bar(FILE *out, long long value, long long scale,
		const char *color, const struct style *st)
{
	long long fill = scale > 0 && value > 0 ?
			 (long long)((double)value * BAR_W / (double)scale) : 0;
	int k;

	if (value > 0 && fill == 0)
		fill = 1;
	if (fill > BAR_W)
		fill = BAR_W;
	fputs("|", out);
	fputs(color, out);
	for (k = 0; k < BAR_W; k++)
		fputc(k < fill ? '#' : ' ', out);
	fputs(st->off, out);
	fputs("|", out);
}

/* order_words: what an allocation order means, in words, into buf. */
static void order_words(char *buf, size_t cap, const struct oom_event *ev,
			long long page_kb)
{
	char b[32];

	if (!ev->has_order)
		snprintf(buf, cap, "%s", _("an allocation of unknown order"));
	else if (ev->manual)
		snprintf(buf, cap, "%s", _("no allocation: a manual OOM "
			 "(sysrq-f, order -1)"));
	else if (ev->order < 0)
		snprintf(buf, cap, "%s", _("no allocation (order -1: the OOM "
			 "came from a page\nfault or a memcg charge, not from "
			 "one request)"));
	else if (ev->order == 0)
		snprintf(buf, cap, _("an order-0 allocation: one %lld KiB "
			 "page"), page_kb);
	else
		snprintf(buf, cap, _("an order-%d allocation: %lld contiguous "
			 "%lld KiB pages = %s,\na high-order block"), ev->order,
			 1LL << ev->order, page_kb,
			 human(b, sizeof(b), page_kb << ev->order));
}

/* section_head: the title line of one event. */
static void section_head(FILE *out, const char *file,
			 const struct oom_event *ev, const struct style *st)
{
	const char *base;

	fputs(st->bold, out);
	fprintf(out, _("== event %u: %s"), ev->index + 1,
		ev->manual ? _("manual OOM (sysrq-f), no allocation failed") :
		_(kind_titles[ev->kind]));
	fputs(st->off, out);
	base = strrchr(file, '/');
	fprintf(out, "  [%s]\n", base ? base + 1 : file);
	/* TRANSLATORS: a label of the left column: 10 columns at most */
	label(out, _("When"));
	if (ev->time[0] && ev->uptime >= 0)
		/* TRANSLATORS: a wall-clock time, then seconds since boot */
		fprintf(out, _("%s, %.6f s after boot"), ev->time, ev->uptime);
	else if (ev->time[0])
		fputs(ev->time, out);
	else if (ev->uptime >= 0)
		fprintf(out, _("%.6f s after boot"), ev->uptime);
	else
		fputs(_("no timestamp in the log"), out);
	fputc('\n', out);
	/* TRANSLATORS: a label, like "When" */
	label(out, _("Kernel"));
	fprintf(out, "%s\n", ev->kernel[0] ? ev->kernel : _("not in the log"));
}

/*
 * ids: "pid 1740, uid 0, oom_score_adj 0" into buf, the parts known;
 * pid is a number or "?".
 */
static void ids(char *buf, size_t cap, const char *pid, long long uid,
		int adj)
{
	snprintf(buf, cap, "pid %s", pid);
	if (uid != NONE)
		cat(buf, cap, "%suid %lld", list_sep(), uid);
	if (adj != ADJ_NONE)
		cat(buf, cap, "%soom_score_adj %d", list_sep(), adj);
}

/* invoker: who asked, for what, with which gfp_mask. */
static void invoker(FILE *out, const struct oom_event *ev,
		    const struct gfp_info *g, long long page_kb,
		    const struct style *st)
{
	/* TRANSLATORS: a label, like "When" */
	label(out, _("Invoker"));
	if (ev->inv_comm[0] || ev->inv_pid != NONE) {
		char who[160], id[96], pid[24], what[320], text[640];

		snprintf(who, sizeof(who), "%s%s%s", st->bold,
			 ev->inv_comm[0] ? ev->inv_comm : "?", st->off);
		if (ev->inv_pid != NONE)
			snprintf(pid, sizeof(pid), "%lld", ev->inv_pid);
		else
			snprintf(pid, sizeof(pid), "?");
		ids(id, sizeof(id), pid, NONE, ev->inv_adj);
		order_words(what, sizeof(what), ev, page_kb);
		/*
		 * TRANSLATORS: a process name, "pid 1743, oom_score_adj 0",
		 * and what it asked for ("an order-0 allocation: ..."); the
		 * line break is English's, a translation wraps by itself
		 */
		snprintf(text, sizeof(text), _("%s (%s) asked for\n%s"), who,
			 id, what);
		lines(out, COL, text, "");
	} else {
		fprintf(out, "%s\n", ev->began_before ? _("not in the log: the "
			"report began before the log starts") :
			_("not in the log"));
	}
	if (!ev->has_gfp)
		return;
	label(out, "GFP");
	fputs(ev->gfp_hex, out);
	if (g->known) {
		char desc[640];

		fprintf(out, " = %s\n", g->names[0] ? g->names : _("no flags"));
		if (g->inferred) {
			char text[320];

			/* TRANSLATORS: %s says how the flags were decoded */
			snprintf(text, sizeof(text), _("inferred: %s"),
				 _(g->why));
			fprintf(out, INDENT "%s", st->dim);
			lines(out, COL, text, st->off);
		}
		gfp_describe(g->sem, desc, sizeof(desc));
		fputs(INDENT, out);
		wrap(out, COL, desc);
	} else {
		/* TRANSLATORS: a remark in brackets after a value */
		fprintf(out, _(" (%s)"), _(g->why));
		fputc('\n', out);
	}
}

/* path: where the allocation came from, from the call trace. */
static void path(FILE *out, const struct oom_event *ev)
{
	const struct trace *t = &ev->trace;
	char text[480];

	/* TRANSLATORS: a label, like "When" */
	label(out, _("Path"));
	if (!t->site[0] && !t->page_fault && !t->module[0]) {
		/* never an address or a timestamp in place of a function */
		fprintf(out, "%s\n", t->frames ?
			_("unknown (the call trace names no caller)") :
			_("unknown (no call trace in the log)"));
		return;
	}
	snprintf(text, sizeof(text), "%s", t->site);
	if (t->module[0])
		/*
		 * TRANSLATORS: clauses after a function's name (or first on
		 * the line), each with its own leading separator
		 */
		cat(text, sizeof(text), _(" in module [%s]"), t->module);
	if (t->page_fault)
		cat(text, sizeof(text), "%s", text[0] ?
		    _(", on a page fault (user memory being touched)") :
		    _("a page fault (user memory being touched)"));
	if (t->memcg_charge)
		cat(text, sizeof(text), "%s", _(", charging a memory cgroup"));
	wrap(out, COL, text);
}

/* old_kernel: 1 when the event's kernel is known to be before maj.min. */
static int old_kernel(const struct oom_event *ev, int maj, int min)
{
	int a, b;

	if (kernel_version_num(ev->kernel, &a, &b) < 0)
		return 0;
	return a < maj || (a == maj && b < min);
}

/* scope_words: what the constraint means, into buf. */
static void scope_words(char *buf, size_t cap, const struct oom_event *ev)
{
	if (strcmp(ev->constraint, "CONSTRAINT_CPUSET") == 0)
		snprintf(buf, cap, _("the cpuset %s ran out: eligible are the "
			 "tasks\nwhose allowed nodes intersect its nodes, "
			 "members or not"), ev->cpuset[0] ? ev->cpuset : "?");
	else if (strcmp(ev->constraint, "CONSTRAINT_MEMORY_POLICY") == 0)
		snprintf(buf, cap, "%s", _("a NUMA mempolicy's nodes ran out"));
	else if (ev->constraint[0])
		snprintf(buf, cap, "%s", _("the whole machine"));
	else if (old_kernel(ev, 5, 0))
		snprintf(buf, cap, "%s", _("not printed (kernel < 5.0): the "
			 "whole machine"));
	else
		snprintf(buf, cap, "%s", _("not in the log"));
}

/* scope: constraint, memcg usage and limit. */
static void scope(FILE *out, const struct oom_event *ev,
		  const struct style *st)
{
	char what[640], text[800];

	if (ev->kind == EV_ALLOC_FAIL)
		return;
	/* TRANSLATORS: a label, like "When" */
	label(out, _("Scope"));
	if (ev->kind == EV_MEMCG)
		snprintf(what, sizeof(what), _("memory cgroup %s"),
			 ev->oom_memcg[0] ? ev->oom_memcg :
			 ev->task_memcg[0] ? ev->task_memcg : "?");
	else
		scope_words(what, sizeof(what), ev);
	if (ev->constraint[0])
		/* TRANSLATORS: a CONSTRAINT_* name and what it means */
		snprintf(text, sizeof(text), _("%s: %s"), ev->constraint, what);
	else
		snprintf(text, sizeof(text), "%s", what);
	if (ev->kind != EV_MEMCG) {
		lines(out, COL, text, "");
		if (ev->task_memcg[0]) {
			fputs(INDENT, out);
			fprintf(out, _("victim's cgroup %s"), ev->task_memcg);
			fputc('\n', out);
		}
		return;
	}
	fprintf(out, "%s\n", text);
	if (ev->has_memcg) {
		int full = ev->memcg_usage_kb >= ev->memcg_limit_kb;
		char a[32], b[32], used[48];

		snprintf(used, sizeof(used), "%s%s%s", full ? st->red : "",
			 human(a, sizeof(a), ev->memcg_usage_kb), st->off);
		human(b, sizeof(b), ev->memcg_limit_kb);
		fputs(INDENT, out);
		if (ev->memcg_failcnt != NONE)
			fprintf(out, _("usage %s of limit %s, limit hit %lld "
				"times"), used, b, ev->memcg_failcnt);
		else
			fprintf(out, _("usage %s of limit %s"), used, b);
		fputc('\n', out);
	}
	fprintf(out, INDENT "%s\n", _("only its tasks are candidates"));
}

/* cell: the bar cell of value on a scale, clamped to 0..max. */
static int cell(long long value, double scale, int max)
{
	double c = (double)value * max / scale;

	if (c < 0)
		return 0;
	return c > max ? max : (int)c;
}

/* zone_bar: free memory against the three watermarks, as a bar. */
static void zone_bar(FILE *out, const struct zone *z, const char *color,
		     const struct style *st)
{
	double scale = (double)z->high_kb * 1.25;
	char cells[BAR_W + 1];
	int k, pos, over = 0;

	if (scale < 1)
		scale = 1;
	pos = cell(z->free_kb, scale, BAR_W);
	over = (double)z->free_kb > scale;
	for (k = 0; k < BAR_W; k++)
		cells[k] = k < pos ? '#' : '.';
	cells[BAR_W] = '\0';
	cells[cell(z->min_kb, scale, BAR_W - 1)] = 'm';
	cells[cell(z->low_kb, scale, BAR_W - 1)] = 'l';
	cells[cell(z->high_kb, scale, BAR_W - 1)] = 'h';
	fprintf(out, "|%s%s%s%c", color, cells, st->off, over ? '>' : '|');
}

/* Zone names sorted by why they could not serve, for the verdict. */
struct why_zones {
	char below_s[64];		/* free below (lowered) min */
	char cma[64];		/* above min only counting CMA */
	char atomic[64];	/* above min only counting the highatomic */
	char reserve[64];	/* above min, held back by lowmem_reserve */
	char order[64];		/* order pages tip it under */
	char unknown[64];	/* floor unknown: reserve not readable */
	char noblock[64];	/* above floor, no free block of the order */
	char noorder[64];	/* above floor, block unknown */
	const char *unknown_why;
	int allowed, below, above, blocks;
	long long margin;	/* smallest usable - floor, if small */
};

/* add_zone: append a zone name to one of the lists. */
static void add_zone(char *list, size_t cap, const char *name)
{
	size_t n = strlen(list);

	if (strstr(list, name))
		return;
	snprintf(list + n, cap - n, "%s%s", n ? list_sep() : "", name);
}
/* sort_zone: file a zone under the reason of its verdict. */
static void sort_zone(struct why_zones *w, const struct zone *z,
		      const struct zone_verdict *v)
{
	if (!v->allowed)
		return;
	w->allowed++;
	if (v->below == 1) {
		long long f = v->floor_kb != NONE ? v->floor_kb : v->min_kb;

		w->below++;
		if (z->free_kb <= v->min_kb)
			add_zone(w->below_s, sizeof(w->below_s), z->name);
		else if (v->cma_kb && z->free_kb - v->cma_kb <= f)
			add_zone(w->cma, sizeof(w->cma), z->name);
		else if (v->atomic_kb &&
			 z->free_kb - v->cma_kb - v->atomic_kb <= f)
			add_zone(w->atomic, sizeof(w->atomic), z->name);
		else if (v->reserve_kb > 0 &&
			 v->usable_kb + v->order_kb > v->min_kb)
			add_zone(w->reserve, sizeof(w->reserve), z->name);
		else
			add_zone(w->order, sizeof(w->order), z->name);
		return;
	}
	if (v->below < 0) {
		add_zone(w->unknown, sizeof(w->unknown), z->name);
		w->unknown_why = v->reserve_why;
		return;
	}
	w->above++;
	if (v->block == 1) {
		long long m = v->usable_kb - v->floor_kb;

		w->blocks++;
		if (m <= v->floor_kb / 10 + 1024 &&
		    (w->margin < 0 || m < w->margin))
			w->margin = m;
	} else if (v->block == 0) {
		add_zone(w->noblock, sizeof(w->noblock), z->name);
	} else {
		add_zone(w->noorder, sizeof(w->noorder), z->name);
	}
}

/* verdict: one wrapped sentence on why no zone could serve. */
static void verdict(FILE *out, const struct oom_event *ev,
		    const struct why_zones *w)
{
	char t[1536];

	t[0] = '\0';
	if (ev->manual) {
		cat(t, sizeof(t), "%s", _("no allocation failed: a manual OOM "
		    "(sysrq-f) kills by badness whatever the zones hold."));
	} else if (ev->has_order && ev->order < 0) {
		cat(t, sizeof(t), "%s", _("order -1: no single request to test "
		    "against the zones (a page fault or memcg charge gave "
		    "up)."));
	} else if (!w->allowed) {
		cat(t, sizeof(t), "%s",
		    _("no zone the request may use was printed."));
	} else if (w->below == w->allowed) {
		/*
		 * TRANSLATORS: a sentence of clauses: this, then one clause
		 * for each reason (%s: zone names), then how it ended
		 */
		cat(t, sizeof(t), "%s", _("no zone could serve the request:"));
		if (w->below_s[0])
			cat(t, sizeof(t), _(" %s below min;"), w->below_s);
		if (w->cma[0])
			cat(t, sizeof(t), _(" %s above min only thanks to CMA, "
			    "which only movable requests may use;"), w->cma);
		if (w->atomic[0])
			cat(t, sizeof(t), _(" %s above min only thanks to the "
			    "high-atomic reserve, not this request's;"),
			    w->atomic);
		if (w->reserve[0])
			cat(t, sizeof(t), _(" %s held back by lowmem_reserve "
			    "for allocations that only lower zones can serve;"),
			    w->reserve);
		if (w->order[0])
			cat(t, sizeof(t), _(" %s under the floor once the "
			    "order's pages are counted;"), w->order);
		cat(t, sizeof(t), "%s", ev->kind == EV_ALLOC_FAIL ?
		    _(" reclaim did not help, so the allocation failed.") :
		    _(" reclaim did not help, so the kernel turned to the OOM "
		      "killer."));
	} else if (w->unknown[0] && !w->above) {
		/* TRANSLATORS: zone names, then why the floor is unknown */
		cat(t, sizeof(t), _("cannot tell: %s above min but its floor "
		    "is unknown (%s)."), w->unknown, w->unknown_why ?
		    _(w->unknown_why) : _("data missing"));
	} else if (w->noblock[0] && !w->blocks && !w->noorder[0]) {
		cat(t, sizeof(t), _("%s above the floor but with no free block "
		    "of order %d of a usable type: the failure was about "
		    "fragmentation."), w->noblock, ev->order);
	} else if (w->noorder[0] && !w->blocks) {
		cat(t, sizeof(t), _("%s above the floor; the log has no buddy "
		    "lists with migratetypes, so there is no basis to say "
		    "whether a free block of order %d existed."), w->noorder,
		    ev->order);
	} else if (w->margin >= 0) {
		cat(t, sizeof(t), _("%d zone(s) only just above their floor "
		    "(by %lld kB): the report is printed after the decision, "
		    "while other CPUs keep allocating and freeing; reclaim "
		    "had stopped making progress."), w->above, w->margin);
	} else {
		cat(t, sizeof(t), _("%d zone(s) still above their floor: the "
		    "failure was about a limit or placement rule (cpuset, "
		    "mempolicy), or memory freed after the decision."),
		    w->above);
	}
	if (w->unknown[0] && w->above)
		cat(t, sizeof(t), _(" (%s: floor unknown)"), w->unknown);
	wrap(out, COL, t);
}

/* zone_lines: the numbers behind one zone's verdict. */
static void zone_lines(FILE *out, const struct zone *z,
		       const struct zone_verdict *v, int order,
		       const char *color, const struct style *st)
{
	char t[512];

	fprintf(out, "%-17s %s", "", color);
	if (v->floor_kb != NONE)
		/* TRANSLATORS: %s is "<=" or ">" */
		fprintf(out, _("usable %lld kB %s floor %lld kB"), v->usable_kb,
			v->below ? "<=" : ">", v->floor_kb);
	else
		fprintf(out, _("usable %lld kB, floor unknown"), v->usable_kb);
	fputs(st->off, out);
	if (v->cma_kb || v->atomic_kb || v->order_kb) {
		t[0] = '\0';
		/* TRANSLATORS: free memory less what the request may not use */
		cat(t, sizeof(t), _("free %lld"), z->free_kb);
		if (v->cma_kb)
			cat(t, sizeof(t), " - CMA %lld", v->cma_kb);
		if (v->atomic_kb)
			cat(t, sizeof(t), " - highatomic %lld", v->atomic_kb);
		if (v->order_kb)
			/* TRANSLATORS: the request's own pages, less one */
			cat(t, sizeof(t), _(" - order %lld"), v->order_kb);
		fprintf(out, _(" (%s)"), t);
	}
	fputc('\n', out);
	t[0] = '\0';
	if (v->min_why)
		/* TRANSLATORS: the last %s is the rule that lowered it */
		cat(t, sizeof(t), _("min %lld lowered to %lld: %s"), z->min_kb,
		    v->min_kb, _(v->min_why));
	if (v->reserve_kb > 0 || (v->reserve_kb == NONE && !v->no_wmark)) {
		if (t[0])
			/* TRANSLATORS: between two clauses of one line */
			cat(t, sizeof(t), "%s", _("; "));
		if (v->reserve_kb > 0)
			cat(t, sizeof(t), _("floor = min %lld + "
			    "lowmem_reserve[%d] %lld"), v->min_kb,
			    v->reserve_index, v->reserve_kb);
		else
			cat(t, sizeof(t), _("lowmem_reserve unknown: %s"),
			    v->reserve_why ? _(v->reserve_why) : "?");
	}
	if (t[0]) {
		fprintf(out, "%-17s ", "");
		wrap(out, 18, t);
	}
	if (v->order_free_kb != NONE) {
		fprintf(out, "%-17s ", "");
		fprintf(out, _("free in blocks >= order %d: %lld kB"), order,
			v->order_free_kb);
		fputc('\n', out);
	}
}

/* zones: each zone's free memory, watermarks and verdict. */
static void zones(FILE *out, const struct oom_event *ev,
		  const struct gfp_info *g, const struct badness *b,
		  const struct style *st)
{
	static const char *const level_words[] = {
		N_("above high"), N_("below high"), N_("below low"),
		N_("BELOW MIN")
	};
	struct why_zones w;
	struct layout_set ls;
	struct wm_request rq;
	const char *head;
	char f[32], name[24];
	int k, pad;

	if (!ev->nzones) {
		if (ev->kind != EV_MEMCG) {
			/* TRANSLATORS: a label, like "When" */
			label(out, _("Zones"));
			fprintf(out, "%s\n", _("not in the log"));
		}
		return;
	}
	memset(&w, 0, sizeof(w));
	w.margin = -1;
	layouts_possible(ev, &ls);
	wm_request_of(ev, g->known ? g->sem : 0, g->known, b->page_kb, &rq);
	label(out, _("Zones"));
	fputs(st->dim, out);
	/* TRANSLATORS: the key of the bars below: '#', 'm', 'l', 'h' */
	fprintf(out, _("# = free, m l h = min low high watermark, page %lld "
		"KiB"), b->page_kb);
	fprintf(out, "%s\n", st->off);
	for (k = 0; k < ev->nzones; k++) {
		const struct zone *z = &ev->zones[k];
		struct zone_verdict v;
		const char *color;

		zone_verdict(z, &ls, &rq, &v);
		color = v.below == 1 ? st->red : v.level >= 2 ? st->yellow :
			st->green;
		if (z->node >= 0)
			/* TRANSLATORS: a NUMA node and a zone: 14 columns */
			snprintf(name, sizeof(name), _("Node %d %s"), z->node,
				 z->name);
		else
			snprintf(name, sizeof(name), "%s", z->name);
		fputs("  ", out);
		put_padded(out, name, 15);
		fprintf(out, "%9s ", human(f, sizeof(f), z->free_kb));
		zone_bar(out, z, color, st);
		fprintf(out, " %s%s%s\n", color, _(level_words[v.level]),
			st->off);
		if (!v.allowed) {
			fprintf(out, "%-17s %s\n", "",
				_("not allowed for this request"));
			continue;
		}
		if (rq.order < 0 || ev->manual)
			continue;
		sort_zone(&w, z, &v);
		zone_lines(out, z, &v, rq.order, color, st);
	}
	/* TRANSLATORS: the verdict's label: 7 columns at most */
	head = _("Verdict");
	pad = COL - 3 - text_width(head, strlen(head));
	fprintf(out, "  %s%s%s%*s", st->bold, head, st->off, pad > 1 ? pad : 1,
		"");
	verdict(out, ev, &w);
}

/* swap: total and free swap. */
static void swap(FILE *out, const struct oom_event *ev,
		 const struct style *st)
{
	char a[32];

	if (ev->swap_total_kb == NONE)
		return;
	/* TRANSLATORS: a label, like "When" */
	label(out, _("Swap"));
	if (ev->swap_total_kb == 0) {
		fprintf(out, "%s\n", _("none configured: anonymous memory "
			"cannot be paged out"));
	} else {
		char b[32];

		/* TRANSLATORS: colour on, free, colour off, total */
		fprintf(out, _("%s%s%s free of %s"),
			ev->swap_free_kb == 0 ? st->red : "",
			human(a, sizeof(a), ev->swap_free_kb), st->off,
			human(b, sizeof(b), ev->swap_total_kb));
		fputc('\n', out);
	}
	if (ev->hugetlb_kb > 0) {
		/* TRANSLATORS: a label, like "When" */
		label(out, _("Hugetlb"));
		fprintf(out, _("%s held in hugetlb pages (not available to "
			"normal allocations)"),
			human(a, sizeof(a), ev->hugetlb_kb));
		fputc('\n', out);
	}
}

/* tasks: table size, unkillable tasks and the largest by rss. */
static void tasks(FILE *out, const struct oom_event *ev,
		  const struct badness *b)
{
	char r[32], s[32];
	int k;

	if (!ev->has_table)
		return;
	/* TRANSLATORS: a label, like "When" */
	label(out, _("Tasks"));
	fprintf(out, _("%d in the table"), ev->ntasks);
	if (ev->truncated & TRUNC_TASKS)
		fprintf(out, _(" (only the first %d kept)"), MAX_TASKS);
	if (b->nunkillable) {
		int shown = 0;

		fprintf(out, _("; %d never chosen (oom_score_adj -1000):"),
			b->nunkillable);
		fputs("\n" INDENT, out);
		for (k = 0; k < ev->ntasks && shown < 4; k++) {
			if (ev->tasks[k].adj != -1000)
				continue;
			fprintf(out, "%s%s %lld", shown ? list_sep() : "",
				ev->tasks[k].comm, ev->tasks[k].pid);
			shown++;
		}
		if (b->nunkillable > shown)
			fputs(" ...", out);
	}
	fputs("\n  ", out);
	/* TRANSLATORS: heads the table of the largest tasks: 8 columns */
	put_padded(out, _("Top rss"), 9);
	fprintf(out, "%7s %10s %10s %5s  %s\n", "pid", "rss", "swap", "adj",
		"comm");
	for (k = 0; k < b->ntop_rss; k++) {
		const struct task *t = &ev->tasks[b->top_rss[k].task];

		fprintf(out, "  %-8s %7lld %10s %10s ", "", t->pid,
			human(r, sizeof(r), t->rss < 0 ? NONE :
			      sat_mul(t->rss, b->page_kb)),
			human(s, sizeof(s), t->swapents < 0 ? NONE :
			      sat_mul(t->swapents, b->page_kb)));
		if (t->adj == ADJ_NONE)
			fprintf(out, "%5s", "?");
		else
			fprintf(out, "%5d", t->adj);
		fprintf(out, "  %s\n", t->comm);
	}
}

/* ranking: the badness ranking with bars. */
static void ranking(FILE *out, const struct oom_event *ev,
		    const struct badness *b, const struct style *st)
{
	int k, in_top = 0;

	if (!ev->has_table || !b->ntop)
		return;
	/* TRANSLATORS: a label, like "When" */
	label(out, _("Badness"));
	wrap(out, COL, _(badness_rule_text(b->rule)));
	if (b->rule_assumed) {
		fprintf(out, INDENT "%s", st->dim);
		lines(out, COL, _("(no kernel version: the newest rule "
		      "assumed)"), st->off);
	}
	if (ev->allocating_task) {
		fputs(INDENT, out);
		lines(out, COL, _("vm.oom_kill_allocating_task=1: the "
		      "allocating task is\nkilled, no ranking."), "");
		return;
	}
	if (b->rule == BR_HEURISTIC) {
		fputs(INDENT, out);
		lines(out, COL, _("this kernel ranked by that heuristic, "
		      "which the table\ncannot redo: no ranking by rss."), "");
		return;
	}
	if (b->totalpages > 0) {
		char text[400];

		/* TRANSLATORS: %s says how totalpages was counted */
		snprintf(text, sizeof(text), _("totalpages %lld = %s (%lld KiB "
			 "pages)"), b->totalpages, _(b->total_src),
			 b->page_kb);
		fprintf(out, INDENT "%s", st->dim);
		wrap(out, COL, text);
		fputs(st->off, out);
	}
	if (!b->have_swap_col || !b->have_pgt_col) {
		fprintf(out, INDENT "%s", st->yellow);
		lines(out, COL, !b->have_swap_col && !b->have_pgt_col ?
		      _("no swap or page-table column in this kernel's table: "
			"ranked without\nit") : !b->have_swap_col ?
		      _("no swap column in this kernel's table: ranked "
			"without\nit") :
		      _("no page-table column in this kernel's table: ranked "
			"without\nit"), st->off);
	}
	for (k = 0; k < b->ntop; k++) {
		const struct task *t = &ev->tasks[b->top[k].task];
		int mark = b->top[k].task == b->chosen;

		in_top |= mark;
		fprintf(out, "  %d. %-16.16s %7lld %9lld ", k + 1, t->comm,
			t->pid, b->top[k].points);
		bar(out, b->top[k].points, b->top[0].points,
		    mark ? st->red : "", st);
		/* TRANSLATORS: marks the task the kernel chose to kill */
		fprintf(out, "%s\n", mark ? _("  <- chosen") : "");
	}
	if (!in_top && b->chosen >= 0 && b->chosen_points != NONE)
		fprintf(out, "  %d. %-16.16s %7lld %9lld%s\n",
			b->chosen_rank, ev->tasks[b->chosen].comm,
			ev->tasks[b->chosen].pid, b->chosen_points,
			_("  <- chosen"));
}

/*
 * is_thread_of: pid is a thread of process tgid rather than a child of
 * its own: the table has no row of its own for it, or its row's tgid is
 * tgid (the kernel reports the thread that still holds the mm).
 */
static int is_thread_of(const struct oom_event *ev, long long pid,
			long long tgid)
{
	int k;

	if (!ev->has_table)
		return 0;
	for (k = 0; k < ev->ntasks; k++)
		if (ev->tasks[k].pid == pid)
			return ev->tasks[k].tgid == tgid;
	return 1;
}

/* chosen_not_killed: the chosen process and the task killed differ. */
static void chosen_not_killed(FILE *out, const struct oom_event *ev)
{
	const struct victim *v = &ev->victim;
	char text[512];

	if (is_thread_of(ev, v->pid, ev->chosen_pid))
		snprintf(text, sizeof(text), _("The kernel chose %s (pid "
			 "%lld); pid %lld is one of its\nthreads, the one "
			 "that still held the memory map."), ev->chosen_comm,
			 ev->chosen_pid, v->pid);
	else
		snprintf(text, sizeof(text), _("The kernel chose %s (pid "
			 "%lld) and killed its child\n%s (pid %lld) instead: "
			 "older kernels sacrifice\na child with its own memory "
			 "first."), ev->chosen_comm, ev->chosen_pid, v->comm,
			 v->pid);
	fputs(INDENT, out);
	lines(out, COL, text, "");
}

/* why_top: the chosen task has the highest badness: by how much. */
static void why_top(FILE *out, const struct oom_event *ev,
		    const struct badness *b)
{
	char amount[160], text[512];

	/* TRANSLATORS: badness points: pages of the page size */
	snprintf(amount, sizeof(amount), _("%lld pages of %lld KiB"),
		 b->chosen_points, b->page_kb);
	if (b->totalpages > 0 && b->chosen_points <= b->totalpages)
		cat(amount, sizeof(amount), _(" = %.1f%% of totalpages"),
		    100.0 * (double)b->chosen_points / (double)b->totalpages);
	if (b->next >= 0)
		/* TRANSLATORS: %s: points; then the runner-up's points */
		snprintf(text, sizeof(text), _("Why: the highest badness, %s; "
			 "next %s (pid %lld) with %lld."), amount,
			 ev->tasks[b->top[b->next].task].comm,
			 ev->tasks[b->top[b->next].task].pid,
			 b->top[b->next].points);
	else
		snprintf(text, sizeof(text), _("Why: the highest badness, %s."),
			 amount);
	fputs(INDENT, out);
	wrap(out, COL, text);
}

/* score_check: the kernel's score against ours. */
static void score_check(FILE *out, const struct oom_event *ev,
			const struct badness *b)
{
	char text[512];

	snprintf(text, sizeof(text), _("Kernel score %lld"), ev->score);
	if (b->chosen_score != NONE && ev->kind != EV_MEMCG) {
		long long d = b->chosen_score - ev->score;

		/* TRANSLATORS: %s says whether the two scores agree */
		cat(text, sizeof(text), _(", recomputed %lld: %s"),
		    b->chosen_score, d >= -1 && d <= 1 ? _("matches") :
		    d >= -10 && d <= 10 ? _("close (the kernel counted a "
		    "moment\nbefore the table was printed)") : _("differs"));
	}
	if (b->totalpages > 0 && b->chosen_rank != 1) {
		cat(text, sizeof(text), "\n");
		cat(text, sizeof(text), _("(= about %lld pages to the kernel)"),
		    sat_mul(ev->score, b->totalpages) / 1000);
	}
	/* TRANSLATORS: ends a sentence made of the parts above */
	cat(text, sizeof(text), "%s", _("."));
	fputs(INDENT, out);
	lines(out, COL, text, "");
}

/* why: why this task, with the score check. */
static void why(FILE *out, const struct oom_event *ev,
		const struct badness *b, const struct style *st)
{
	const struct victim *v = &ev->victim;
	const char *reason = NULL;

	if (ev->chosen_pid != NONE && v->has && ev->chosen_pid != v->pid)
		chosen_not_killed(out, ev);
	if (ev->allocating_task)
		reason = _("Why: it was allocating "
			   "(oom_kill_allocating_task).");
	else if (b->rule == BR_HEURISTIC)
		reason = _("Why: the 2.6.32-35 heuristic (see Badness).");
	else if (!ev->has_table)
		reason = _("Why: no task table in the log to rank.");
	else if (b->chosen < 0)
		reason = _("Why: the chosen task is not in the task table.");
	if (reason) {
		fprintf(out, INDENT "%s\n", reason);
		return;
	}
	if (b->chosen_points == NONE) {
		fprintf(out, INDENT "%s%s%s\n", st->red, _("Why: it has "
			"oom_score_adj -1000 and should never be chosen."),
			st->off);
		return;
	}
	if (b->chosen_rank == 1) {
		why_top(out, ev, b);
	} else {
		char text[320];

		snprintf(text, sizeof(text), _("Why: the table ranks it #%d: "
			 "the kernel saw more than it shows"), b->chosen_rank);
		fprintf(out, INDENT "%s", st->yellow);
		lines(out, COL, text, st->off);
		fputs(INDENT, out);
		lines(out, COL, _("(swap and page tables if not printed, "
		      "memory that changed\nbetween the dump and the "
		      "choice)."), "");
	}
	if (ev->score != NONE)
		score_check(out, ev, b);
}

/* killed_list: the tasks memory.oom.group killed with the victim. */
static void killed_list(FILE *out, const struct oom_event *ev)
{
	char list[512], text[640];
	int k;

	list[0] = '\0';
	for (k = 0; k < ev->nkilled; k++)
		cat(list, sizeof(list), "%s%s %lld", k ? list_sep() : "",
		    ev->killed[k].comm, ev->killed[k].pid);
	/* TRANSLATORS: a count, then "name pid" items */
	snprintf(text, sizeof(text), _("memory.oom.group: %d tasks killed "
		 "for this OOM: %s"), ev->nkilled, list);
	fputs(INDENT, out);
	wrap(out, COL, text);
}

/* victim: the kill line, its ranking and reasons. */
static void victim(FILE *out, const struct oom_event *ev,
		   const struct badness *b, const struct style *st)
{
	const struct victim *v = &ev->victim;
	char a[32], f[32], s[32], t[32], who[96], id[96], pid[24];

	if (ev->kind == EV_ALLOC_FAIL) {
		/* TRANSLATORS: a label, like "When" */
		label(out, _("Victim"));
		fprintf(out, "%s\n", _("none: the allocation failed and the "
			"caller got NULL (no OOM kill)"));
		return;
	}
	ranking(out, ev, b, st);
	label(out, _("Victim"));
	if (!v->has) {
		/* TRANSLATORS: colour on and off around "none", then why */
		fprintf(out, _("%snone%s: %s"), st->red, st->off,
			ev->no_killable ? _("out of memory and no killable "
			"process (all left are unkillable)") : ev->panic ?
			_("the report ends in a panic before any kill") :
			_("no kill line in the log"));
		fputc('\n', out);
		return;
	}
	snprintf(who, sizeof(who), "%s%s%s", st->bold, v->comm[0] ? v->comm :
		 _("? (comm cut)"), st->off);
	snprintf(pid, sizeof(pid), "%lld", v->pid);
	ids(id, sizeof(id), pid, v->uid, v->adj);
	/* TRANSLATORS: a process name and "pid 1740, oom_score_adj 0" */
	fprintf(out, _("%s (%s) killed"), who, id);
	fputs("\n" INDENT, out);
	fprintf(out, _("total-vm %s, anon %s, file %s, shmem %s"),
		human(t, sizeof(t), v->total_vm_kb),
		human(a, sizeof(a), v->anon_kb),
		human(f, sizeof(f), v->file_kb),
		human(s, sizeof(s), v->shmem_kb));
	fputc('\n', out);
	if (ev->nkilled > 1)
		killed_list(out, ev);
	why(out, ev, b, st);
}

/* freed: kB freed between the kill line and the reaper line. */
static long long freed(long long before, long long after)
{
	if (before == NONE || after == NONE || before < after)
		return 0;
	return before - after;
}

/* reaper: whether the oom_reaper reclaimed the victim's memory. */
static void reaper(FILE *out, const struct oom_event *ev,
		   const struct style *st)
{
	const struct reaper *r = &ev->reaper;
	const struct victim *v = &ev->victim;
	char pid[96], now[96], amount[96], text[640];

	if (!v->has)
		return;
	/* TRANSLATORS: a label, like "When" */
	label(out, _("Reaper"));
	if (!r->has) {
		if (old_kernel(ev, 4, 6))
			fprintf(out, "%s\n", _("none: kernels before 4.6 have "
				"no oom_reaper"));
		else
			lines(out, COL, _("no oom_reaper line (the victim "
			      "exited by itself,\nor the log ends first)"), "");
		return;
	}
	if (r->pid != NONE)
		snprintf(pid, sizeof(pid), "pid %lld", r->pid);
	else
		snprintf(pid, sizeof(pid), "%s",
			 _("pid not readable (line cut)"));
	if (!r->reaped) {
		/* TRANSLATORS: colour on, "pid 4242", colour off */
		fprintf(out, _("%sunable to reap %s%s: the victim's memory "
			"stays until it exits"), st->yellow, pid, st->off);
		fputc('\n', out);
		return;
	}
	if (r->anon_kb == NONE || v->anon_kb == NONE) {
		/* TRANSLATORS: colour on and off around the words */
		snprintf(amount, sizeof(amount), _("freed %san unknown "
			 "amount%s"), st->green, st->off);
	} else {
		char a[32];

		human(a, sizeof(a), sat_add(sat_add(freed(v->anon_kb,
			r->anon_kb), freed(v->file_kb, r->file_kb)),
			freed(v->shmem_kb, r->shmem_kb)));
		/* TRANSLATORS: colour on, an amount of memory, colour off */
		snprintf(amount, sizeof(amount), _("freed %s%s%s"), st->green,
			 a, st->off);
	}
	if (r->anon_kb == NONE)
		snprintf(now, sizeof(now), "%s", _("not readable: line cut"));
	else
		snprintf(now, sizeof(now), "%lld kB", r->anon_kb);
	if (r->shmem_kb > 0)
		/* TRANSLATORS: "pid 1740", what it freed, anon-rss, shmem */
		snprintf(text, sizeof(text), _("reaped %s: %s (anon-rss now "
			 "%s, shmem %lld kB stays: shared memory outlives its "
			 "user)"), pid, amount, now, r->shmem_kb);
	else
		snprintf(text, sizeof(text), _("reaped %s: %s (anon-rss now "
			 "%s)"), pid, amount, now);
	wrap(out, COL, text);
}

/* caps_note: what the caps on the input cut, if anything. */
static void caps_note(FILE *out, const struct oom_event *ev)
{
	static const struct {
		unsigned long bit;
		const char *what;
	} cuts[] = {
		{ TRUNC_LINE, N_("over-long lines") },
		{ TRUNC_TASKS, N_("task rows") },
		{ TRUNC_ZONES, N_("zones") },
	};
	char list[160];
	size_t k;

	list[0] = '\0';
	for (k = 0; k < sizeof(cuts) / sizeof(cuts[0]); k++)
		if (ev->truncated & cuts[k].bit)
			/* TRANSLATORS: between the kinds of input cut */
			cat(list, sizeof(list), "%s%s", list[0] ? _(" ") : "",
			    _(cuts[k].what));
	/* TRANSLATORS: a label, like "When" */
	label(out, _("Note"));
	/* TRANSLATORS: %s lists what was cut: "over-long lines zones" */
	fprintf(out, _("caps cut the input: %s"), list);
	fputc('\n', out);
}

/* render_text: explain ev. */
void render_text(FILE *out, const char *file, const struct oom_event *ev,
		 int color)
{
	const struct style *st = color ? &ansi : &plain;
	struct gfp_info g;
	struct badness b;

	gfp_explain(ev->gfp_names, ev->has_gfp, ev->gfp, ev->kernel, &g);
	badness_analyze(ev, &b);
	section_head(out, file, ev, st);
	invoker(out, ev, &g, b.page_kb, st);
	path(out, ev);
	scope(out, ev, st);
	zones(out, ev, &g, &b, st);
	swap(out, ev, st);
	tasks(out, ev, &b);
	victim(out, ev, &b, st);
	reaper(out, ev, st);
	/* TRANSLATORS: a label, like "When" */
	label(out, _("Panic"));
	if (ev->panic) {
		fputs(st->red, out);
		/* TRANSLATORS: %s is the kernel's panic message */
		fprintf(out, _("yes: %s"), ev->panic_reason[0] ?
			ev->panic_reason : "?");
		fprintf(out, "%s\n", st->off);
	} else {
		fprintf(out, "%s\n", _("no"));
	}
	if (ev->truncated)
		caps_note(out, ev);
	fputc('\n', out);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * render_json.c - one event as one line of JSON. The field names are an
 * interface (see README.md); a fact missing from the log is null.
 */
#include "render.h"

#include <string.h>

#include "badness.h"
#include "gfp.h"
#include "layout.h"
#include "sat.h"
#include "watermark.h"

/*
 * A small output buffer: an event is assembled here and written with one
 * fwrite, which is several times faster than many small stdio calls.
 */
struct jbuf {
	FILE *out;
	size_t n;
	char buf[64 * 1024];
};

static struct jbuf jb;

/* jflush: write what the buffer holds. */
static void jflush(void)
{
	if (jb.n)
		fwrite(jb.buf, 1, jb.n, jb.out);
	jb.n = 0;
}

/* jmem: append n bytes. */
static void jmem(const char *s, size_t n)
{
	if (jb.n + n > sizeof(jb.buf)) {
		jflush();
		if (n > sizeof(jb.buf)) {
			fwrite(s, 1, n, jb.out);
			return;
		}
	}
	memcpy(jb.buf + jb.n, s, n);
	jb.n += n;
}

/* jputs: append a string. */
static void jputs(const char *s)
{
	jmem(s, strlen(s));
}

/* jchar: append one character. */
static void jchar(char c)
{
	if (jb.n == sizeof(jb.buf))
		jflush();
	jb.buf[jb.n++] = c;
}

/* jnum: append a decimal number. */
static void jnum(long long v)
{
	char tmp[24];
	int i = sizeof(tmp);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
			       (unsigned long long)v;

	do {
		tmp[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[--i] = '-';
	jmem(tmp + i, sizeof(tmp) - (size_t)i);
}

/* utf8_len: length of a valid UTF-8 sequence at s, or 0. */
static int utf8_len(const unsigned char *s)
{
	int n, k;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (k = 1; k < n; k++)
		if ((s[k] & 0xc0) != 0x80)
			return 0;
	return n;
}

/*
 * jstr: s as a JSON string: quotes, backslashes and control characters
 * escaped, invalid UTF-8 replaced by U+FFFD.
 */
static void jstr(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *run = p;

	jchar('"');
	while (*p) {
		int n;

		if (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\') {
			p++;
			continue;
		}
		jmem((const char *)run, (size_t)(p - run));
		if (*p == '"' || *p == '\\') {
			jchar('\\');
			jchar((char)*p++);
		} else if (*p < 0x20 || *p == 0x7f) {
			char esc[8];

			snprintf(esc, sizeof(esc), "\\u%04x", *p++);
			jputs(esc);
		} else if ((n = utf8_len(p)) == 0) {
			jputs("\\ufffd");
			p++;
		} else {
			jmem((const char *)p, (size_t)n);
			p += n;
		}
		run = p;
	}
	jmem((const char *)run, (size_t)(p - run));
	jchar('"');
}

/* json_string: s as a JSON string on out. */
void json_string(FILE *out, const char *s)
{
	jb.out = out;
	jstr(s);
	jflush();
}

/* str_or_null: a string field, null when empty. */
static void str_or_null(const char *s)
{
	if (s && s[0])
		jstr(s);
	else
		jputs("null");
}

/* num_or_null: a number field, null when NONE. */
static void num_or_null(long long v)
{
	if (v == NONE)
		jputs("null");
	else
		jnum(v);
}

/* adj_or_null: an oom_score_adj field. */
static void adj_or_null(int adj)
{
	if (adj == ADJ_NONE)
		jputs("null");
	else
		jnum(adj);
}

/* key: ,"name": (or without the comma for the first key). */
static void key(const char *name)
{
	jchar(',');
	jchar('"');
	jputs(name);
	jputs("\":");
}

static const char *const kind_names[] = {
	[EV_OOM] = "oom", [EV_MEMCG] = "memcg_oom",
	[EV_ALLOC_FAIL] = "alloc_failure",
};

/* gfp_list: "gfp_flags" as a list of names, or null; "gfp_inferred". */
static void gfp_list(const struct oom_event *ev)
{
	struct gfp_info g;
	const char *p;
	int first = 1;

	gfp_explain(ev->gfp_names, ev->has_gfp, ev->gfp, ev->kernel, &g);
	key("gfp_flags");
	if (!g.known) {
		jputs("null");
		key("gfp_inferred");
		jputs("null");
		return;
	}
	jchar('[');
	for (p = g.names; *p;) {
		const char *e = strchr(p, '|');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char name[64];

		if (len >= sizeof(name))
			len = sizeof(name) - 1;
		memcpy(name, p, len);
		name[len] = '\0';
		if (!first)
			jchar(',');
		jstr(name);
		first = 0;
		if (!e)
			break;
		p = e + 1;
	}
	jchar(']');
	key("gfp_inferred");
	jputs(g.inferred ? "true" : "false");
}

/* victim_obj: the "victim" object, or null. */
static void victim_obj(const struct victim *v)
{
	if (!v->has) {
		jputs("null");
		return;
	}
	jputs("{\"pid\":");
	jnum(v->pid);
	key("comm");
	str_or_null(v->comm);
	key("total_vm_kb");
	num_or_null(v->total_vm_kb);
	key("anon_rss_kb");
	num_or_null(v->anon_kb);
	key("file_rss_kb");
	num_or_null(v->file_kb);
	key("shmem_rss_kb");
	num_or_null(v->shmem_kb);
	key("oom_score_adj");
	adj_or_null(v->adj);
	jchar('}');
}

/* tri: a true / false / null field from 1 / 0 / -1. */
static void tri(int v)
{
	jputs(v < 0 ? "null" : v ? "true" : "false");
}

/*
 * zones_arr: the "zones" list, each with this request's verdict:
 * allowed, usable_kb, reserve_kb and floor_kb (min as lowered for the
 * request + its lowmem_reserve entry; null when unknown), below_floor.
 */
static void zones_arr(const struct oom_event *ev)
{
	struct gfp_info g;
	struct layout_set ls;
	struct wm_request rq;
	const char *src;
	int k, check;

	gfp_explain(ev->gfp_names, ev->has_gfp, ev->gfp, ev->kernel, &g);
	layouts_possible(ev, &ls);
	wm_request_of(ev, g.known ? g.sem : 0, g.known,
		      page_size_kb(ev, &src), &rq);
	check = rq.order >= 0;
	jchar('[');
	for (k = 0; k < ev->nzones; k++) {
		const struct zone *z = &ev->zones[k];

		if (k)
			jchar(',');
		jputs("{\"node\":");
		num_or_null(z->node < 0 ? NONE : z->node);
		key("name");
		jstr(z->name);
		key("free_kb");
		jnum(z->free_kb);
		key("min_kb");
		jnum(z->min_kb);
		key("low_kb");
		jnum(z->low_kb);
		key("high_kb");
		jnum(z->high_kb);
		{
			struct zone_verdict v;

			zone_verdict(z, &ls, &rq, &v);
			key("allowed");
			tri(check ? v.allowed : -1);
			key("usable_kb");
			num_or_null(check ? v.usable_kb : NONE);
			key("reserve_kb");
			num_or_null(check ? v.reserve_kb : NONE);
			key("floor_kb");
			num_or_null(check && v.allowed ? v.floor_kb : NONE);
			key("below_floor");
			tri(check && v.allowed ? v.below : -1);
			key("order_block");
			tri(check && v.allowed && rq.order > 0 ? v.block : -1);
		}
		jchar('}');
	}
	jchar(']');
}

/* pgtables_bytes: the row's page tables in bytes, or NONE. */
static long long pgtables_bytes(const struct task *t, long long page_kb)
{
	if (t->pgtables_bytes != NONE)
		return t->pgtables_bytes;
	if (t->nr_ptes != NONE && page_kb > 0)
		return sat_mul(t->nr_ptes, page_kb * 1024);
	return NONE;
}

/* tasks_arr: the "tasks" list, in table order. */
static void tasks_arr(const struct oom_event *ev, long long page_kb)
{
	int k;

	jchar('[');
	for (k = 0; k < ev->ntasks; k++) {
		const struct task *t = &ev->tasks[k];

		if (k)
			jchar(',');
		jputs("{\"pid\":");
		jnum(t->pid);
		key("comm");
		jstr(t->comm);
		key("rss_pages");
		num_or_null(t->rss);
		key("pgtables_bytes");
		num_or_null(pgtables_bytes(t, page_kb));
		key("swapents");
		num_or_null(t->swapents);
		key("oom_score_adj");
		adj_or_null(t->adj);
		jchar('}');
	}
	jchar(']');
}

/* known_page_kb: the page size if the report shows it, else 0. */
static long long known_page_kb(const struct oom_event *ev)
{
	int k;

	for (k = 0; k < ev->nzones; k++)
		if (ev->zones[k].buddy_page_kb > 0)
			return ev->zones[k].buddy_page_kb;
	return 0;
}

/* truncated_arr: which caps cut something, as a list of words. */
static void truncated_arr(unsigned long t)
{
	static const struct {
		unsigned long bit;
		const char *word;
	} caps[] = {
		{ TRUNC_LINE, "\"line\"" }, { TRUNC_TASKS, "\"tasks\"" },
		{ TRUNC_ZONES, "\"zones\"" },
	};
	size_t k;
	int first = 1;

	jchar('[');
	for (k = 0; k < sizeof(caps) / sizeof(caps[0]); k++) {
		if (!(t & caps[k].bit))
			continue;
		if (!first)
			jchar(',');
		jputs(caps[k].word);
		first = 0;
	}
	jchar(']');
}

/* uptime: seconds since boot with six decimals, or null. */
static void uptime(double up)
{
	char tmp[40];

	if (up < 0) {
		jputs("null");
		return;
	}
	snprintf(tmp, sizeof(tmp), "%.6f", up);
	jputs(tmp);
}

/* render_json: print ev as one JSON object and a newline. */
void render_json(FILE *out, const char *file, const struct oom_event *ev)
{
	jb.out = out;
	jputs("{\"file\":");
	jstr(file);
	key("event");
	jnum(ev->index);
	key("kind");
	jstr(kind_names[ev->kind]);
	key("time");
	str_or_null(ev->time);
	key("uptime_s");
	uptime(ev->uptime);
	key("kernel");
	str_or_null(ev->kernel);
	key("invoker");
	if (ev->inv_comm[0] || ev->inv_pid != NONE) {
		jputs("{\"comm\":");
		str_or_null(ev->inv_comm);
		key("pid");
		num_or_null(ev->inv_pid);
		jchar('}');
	} else {
		jputs("null");
	}
	key("gfp_mask");
	str_or_null(ev->has_gfp ? ev->gfp_hex : NULL);
	gfp_list(ev);
	key("order");
	if (ev->has_order)
		jnum(ev->order);
	else
		jputs("null");
	key("constraint");
	str_or_null(ev->constraint);
	key("task_memcg");
	str_or_null(ev->task_memcg);
	key("memcg");
	if (ev->has_memcg) {
		jputs("{\"usage_kb\":");
		jnum(ev->memcg_usage_kb);
		key("limit_kb");
		jnum(ev->memcg_limit_kb);
		jchar('}');
	} else {
		jputs("null");
	}
	key("victim");
	victim_obj(&ev->victim);
	key("killed");
	jchar('[');
	for (int k = 0; k < ev->nkilled; k++) {
		if (k)
			jchar(',');
		jputs("{\"pid\":");
		jnum(ev->killed[k].pid);
		key("comm");
		str_or_null(ev->killed[k].comm);
		jchar('}');
	}
	jchar(']');
	key("manual");
	jputs(ev->manual ? "true" : "false");
	key("allocating_task");
	jputs(ev->allocating_task ? "true" : "false");
	key("began_before_log");
	jputs(ev->began_before ? "true" : "false");
	{
		struct badness b;

		badness_analyze(ev, &b);
		key("badness_rule");
		if (ev->kind == EV_ALLOC_FAIL || ev->allocating_task)
			jputs("null");
		else
			jstr(badness_rule_text(b.rule));
		key("totalpages");
		num_or_null(ev->kind == EV_ALLOC_FAIL ? NONE : b.totalpages);
	}
	key("score");
	num_or_null(ev->score);
	key("reaper");
	if (ev->reaper.has) {
		jputs("{\"pid\":");
		num_or_null(ev->reaper.pid);
		key("anon_rss_kb");
		num_or_null(ev->reaper.anon_kb);
		key("reaped");
		jputs(ev->reaper.reaped ? "true" : "false");
		jchar('}');
	} else {
		jputs("null");
	}
	key("zones");
	zones_arr(ev);
	key("swap");
	if (ev->swap_total_kb != NONE || ev->swap_free_kb != NONE) {
		jputs("{\"total_kb\":");
		num_or_null(ev->swap_total_kb);
		key("free_kb");
		num_or_null(ev->swap_free_kb);
		jchar('}');
	} else {
		jputs("null");
	}
	key("tasks");
	tasks_arr(ev, known_page_kb(ev));
	key("panic");
	jputs(ev->panic ? "true" : "false");
	key("panic_reason");
	str_or_null(ev->panic_reason);
	key("truncated");
	truncated_arr(ev->truncated);
	jputs("}\n");
	jflush();
}

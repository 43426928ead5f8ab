// SPDX-License-Identifier: GPL-2.0
/*
 * parse.c - one parser per record kind of an OOM report. The formats they
 * accept, oldest first, are noted at each function.
 */
#include "parse.h"

#include <string.h>

#include "sat.h"
#include "scan.h"

/* lower_hex: copy the "0x..." text at p, lowercased, into dst. */
static void lower_hex(char *dst, size_t cap, const char *p, const char *end)
{
	size_t i = 0;

	for (; p < end && i + 1 < cap; p++, i++)
		dst[i] = (*p >= 'A' && *p <= 'F') ? (char)(*p - 'A' + 'a') :
			 (*p == 'X' ? 'x' : *p);
	dst[i] = '\0';
}

/*
 * gfp_field: read "0x..." and an optional "(NAMES)" at p into o.
 * Accepts "0x280da" (<= 4.4) and "0x6200ca(GFP_HIGHUSER_MOVABLE)".
 */
static void gfp_field(const char *p, struct p_header *o)
{
	const char *start = p;

	if (scan_hex(&p, &o->gfp) < 0)
		return;
	o->has_gfp = 1;
	lower_hex(o->gfp_hex, sizeof(o->gfp_hex), start, p);
	if (*p == '(') {
		const char *close = strchr(p + 1, ')');

		if (close)
			copy_str(o->names, sizeof(o->names), p + 1,
				 (size_t)(close - p - 1));
	}
}

/* header_init: an empty header result. */
static void header_init(struct p_header *o)
{
	memset(o, 0, sizeof(*o));
	o->adj = ADJ_NONE;
}

/*
 * parse_invoked: "COMM invoked oom-killer: gfp_mask=0x280da, order=0,
 * oom_adj=0, oom_score_adj=0" (2.6.32), "..., oom_score_adj=0" (3.x),
 * "gfp_mask=0x...(NAMES), nodemask=(null), order=0, ..." (4.x-6.x).
 */
int parse_invoked(const char *s, struct p_header *o)
{
	const char *p = strstr(s, " invoked oom-killer:");
	long long v;

	if (!p)
		return -1;
	header_init(o);
	copy_str(o->comm, sizeof(o->comm), s, (size_t)(p - s));
	p += strlen(" invoked oom-killer:");
	{
		const char *g = strstr(p, "gfp_mask=");

		if (g)
			gfp_field(g + strlen("gfp_mask="), o);
	}
	if (key_num(p, "order=", &v) == 0 && v >= -1 && v < 32) {
		o->has_order = 1;
		o->order = (int)v;
	}
	if ((key_num(p, "oom_score_adj=", &v) == 0 ||
	     key_num(p, "oomkilladj=", &v) == 0) && v >= -1000 && v <= 1000)
		o->adj = (int)v;
	return 0;
}

/*
 * parse_alloc_fail: "COMM: page allocation failure. order:1, mode:0x20"
 * (<= 3.x), "COMM: page allocation failure: order:0,
 * mode:0x6000c0(GFP_KERNEL), nodemask=(null)..." (4.x-6.x).
 */
int parse_alloc_fail(const char *s, struct p_header *o)
{
	const char *p = strstr(s, ": page allocation failure");
	long long v;

	if (!p)
		return -1;
	header_init(o);
	copy_str(o->comm, sizeof(o->comm), s, (size_t)(p - s));
	p += strlen(": page allocation failure");
	if (key_num(p, "order:", &v) == 0 && v >= 0 && v < 32) {
		o->has_order = 1;
		o->order = (int)v;
	}
	{
		const char *m = find_token(p, "mode:");

		if (m)
			gfp_field(m, o);
	}
	return 0;
}

/* comm_end: where a comm printed before a taint/kdump note ends. */
static const char *comm_end(const char *p)
{
	static const char *const stops[] = {
		" Not tainted", " Tainted:", " Kdump:", " tainted"
	};
	const char *best = p + strlen(p);
	size_t k;

	for (k = 0; k < sizeof(stops) / sizeof(stops[0]); k++) {
		const char *q = strstr(p, stops[k]);

		if (q && q < best)
			best = q;
	}
	return best;
}

/* kernel_version: first token after the taint words that looks like one. */
static void kernel_version(const char *p, char *dst, size_t cap)
{
	const char *t = strstr(p, "ainted");

	if (!t)
		return;
	t += strlen("ainted");
	while (*t) {
		const char *e;

		t = skip_ws(t);
		if (*t == ':')
			t++;
		t = skip_ws(t);
		e = t;
		while (*e && *e != ' ')
			e++;
		if (is_digit((unsigned char)*t) &&
		    memchr(t, '.', (size_t)(e - t))) {
			copy_str(dst, cap, t, (size_t)(e - t));
			return;
		}
		if (e == t)
			break;
		t = e;
	}
}

/*
 * s390_process: s390's "Process NAME (pid: N, task: ..., ksp: ...)", the
 * line after its "CPU: 0 Not tainted VERSION #1".
 */
static int s390_process(const char *s, struct p_cpu *o)
{
	const char *c = s + strlen("Process "), *e = strstr(c, " (pid: ");
	const char *p;

	if (!e)
		return -1;
	p = e + strlen(" (pid: ");
	if (scan_num(&p, &o->pid) < 0 || (*p != ',' && *p != ')'))
		return -1;
	copy_str(o->comm, sizeof(o->comm), c, (size_t)(e - c));
	return 0;
}

/*
 * parse_cpu: "Pid: 23212, comm: php-fpm Not tainted 2.6.32-642 #1"
 * (2.6.x), "CPU: 0 PID: 1532 Comm: x Not tainted 3.13.0-27-generic #50"
 * (3.x-6.x), "CPU: 1 UID: 0 PID: 5 Comm: x Tainted: G  OE  6.12.0" (6.11+),
 * s390's "CPU: 0 Not tainted 3.0.101 #1" (version only: pid NONE) and its
 * "Process x (pid: 5, task: ..., ksp: ...)" (pid and comm only).
 */
int parse_cpu(const char *s, struct p_cpu *o)
{
	const char *p, *c, *e;

	memset(o, 0, sizeof(*o));
	o->pid = NONE;
	if (STARTS(s, "Process "))
		return s390_process(s, o);
	if (STARTS(s, "CPU: ")) {
		p = strstr(s, " PID: ");
		c = strstr(s, " Comm: ");
		if (!p || !c) {
			kernel_version(s, o->kernel, sizeof(o->kernel));
			return o->kernel[0] ? 0 : -1;
		}
		p += strlen(" PID: ");
		c += strlen(" Comm: ");
	} else if (STARTS(s, "Pid: ")) {
		p = s + strlen("Pid: ");
		c = strstr(s, ", comm: ");
		if (!c)
			return -1;
		c += strlen(", comm: ");
	} else {
		return -1;
	}
	if (scan_num(&p, &o->pid) < 0 || (*p != ' ' && *p != ','))
		return -1;
	e = comm_end(c);
	copy_str(o->comm, sizeof(o->comm), c, (size_t)(e - c));
	kernel_version(e, o->kernel, sizeof(o->kernel));
	return 0;
}

/*
 * zone_head: skip an optional "Node N " and read the zone name that
 * follows; returns the character after the name, or NULL.
 */
static const char *zone_head(const char *s, int *node, char *name,
			     size_t cap)
{
	const char *p = s, *e;
	long long n;

	*node = -1;
	if (STARTS(p, "Node ")) {
		p += 5;
		if (scan_num(&p, &n) < 0 || *p != ' ' || n < 0 || n > 65535)
			return NULL;
		*node = (int)n;
		p++;
	}
	e = p;
	while ((*e >= 'A' && *e <= 'Z') || (*e >= 'a' && *e <= 'z') ||
	       is_digit((unsigned char)*e))
		e++;
	if (e == p || e - p > 15 || !(*p >= 'A' && *p <= 'Z'))
		return NULL;
	copy_str(name, cap, p, (size_t)(e - p));
	return e;
}

/* kb: non-negative number after key in s (a size), or NONE. */
static long long kb(const char *s, const char *key)
{
	long long v;

	return key_num(s, key, &v) == 0 && v >= 0 ? v : NONE;
}

/*
 * kb_unit: the size after key only when "kB" follows its digits; a line
 * cut by a wrap ("anon-rss:12") gives NONE rather than a wrong number.
 */
static long long kb_unit(const char *s, const char *key)
{
	const char *p = find_token(s, key);
	long long v;

	if (!p || scan_num(&p, &v) < 0 || v < 0 || !STARTS(p, "kB"))
		return NONE;
	return v;
}

/*
 * parse_zone: "Node 0 DMA32 free:44592kB min:44640kB low:55800kB
 * high:66960kB ... managed:...kB ... free_cma:0kB", also without "Node N"
 * (UMA kernels) and with "boost:" (5.x+).
 */
int parse_zone(const char *s, struct zone *z)
{
	const char *p;

	memset(z, 0, sizeof(*z));
	p = zone_head(s, &z->node, z->name, sizeof(z->name));
	if (!p || !STARTS(p, " free:"))
		return -1;
	z->free_kb = kb_unit(p, "free:");
	z->min_kb = kb_unit(p, "min:");
	z->low_kb = kb_unit(p, "low:");
	z->high_kb = kb_unit(p, "high:");
	if (z->free_kb < 0 || z->min_kb < 0 || z->low_kb < 0 ||
	    z->high_kb < 0)
		return -1;
	z->managed_kb = kb_unit(p, "managed:");
	z->free_cma_kb = kb_unit(p, "free_cma:");
	z->highatomic_kb = kb(p, "reserved_highatomic:");
	z->buddy_page_kb = NONE;
	return 0;
}

/* buddy_letters: the migratetype letters between p and end as BT_ bits. */
static unsigned char buddy_letters(const char *p, const char *end)
{
	static const char letters[] = "UMEHCIR";
	unsigned char bits = 0;

	for (; p < end; p++) {
		const char *l = strchr(letters, *p);

		if (l && *p)
			bits |= (unsigned char)(1u << (l - letters));
	}
	return bits;
}

/*
 * parse_buddy: "Node 0 DMA32: 74*4kB (UEM) 125*8kB ... = 44592kB" into
 * z->buddy[] (blocks per order) and z->buddy_page_kb (order-0 size).
 * A damaged entry ends the list; the entries before it are kept.
 */
int parse_buddy(const char *s, int *node, char *name, size_t cap,
		struct zone *z)
{
	const char *p = zone_head(s, node, name, cap);
	int n = 0;

	if (!p || p[0] != ':' || p[1] != ' ')
		return -1;
	p += 2;
	if (!is_digit((unsigned char)*p))
		return -1;
	while (n < MAX_BUDDY) {
		long long count, size;

		p = skip_ws(p);
		if (scan_num(&p, &count) < 0 || *p != '*')
			break;
		p++;
		if (scan_num(&p, &size) < 0 || !STARTS(p, "kB"))
			break;
		p += 2;
		if (n == 0)
			z->buddy_page_kb = size;
		z->buddy[n++] = count;
		p = skip_ws(p);
		if (*p == '(') {
			const char *c = strchr(p, ')');

			if (!c)
				break;
			z->buddy_types[n - 1] = buddy_letters(p + 1, c);
			p = c + 1;
		}
	}
	if (n == 0)
		return -1;
	z->nbuddy = n;
	return 0;
}

/*
 * parse_reserve: "lowmem_reserve[]: 0 1679 1679 1679": the pages kept
 * back in this zone from requests whose highest zone is index i. Fills
 * r[0..cap) and returns the number of entries, or -1.
 */
int parse_reserve(const char *s, long long *r, int cap)
{
	const char *p;
	int n = 0;

	if (!STARTS(s, "lowmem_reserve[]:"))
		return -1;
	p = s + strlen("lowmem_reserve[]:");
	for (;;) {
		long long v;

		p = skip_ws(p);
		if (scan_num(&p, &v) < 0 || v < 0)
			break;
		if (n == cap)
			return -1;
		r[n++] = v;
	}
	return n > 0 ? n : -1;
}

/* parse_hugepages: "Node 0 hugepages_total=2 ... hugepages_size=2048kB" */
int parse_hugepages(const char *s, long long *total, long long *size_kb)
{
	if (key_num(s, "hugepages_total=", total) < 0 ||
	    key_num(s, "hugepages_size=", size_kb) < 0)
		return -1;
	return 0;
}

static const struct {
	const char *name;
	enum task_col col;
} col_names[] = {
	{ "uid", COL_UID }, { "tgid", COL_TGID },
	{ "total_vm", COL_TOTAL_VM }, { "rss", COL_RSS },
	{ "rss_anon", COL_RSS_ANON }, { "rss_file", COL_RSS_FILE },
	{ "rss_shmem", COL_RSS_SHMEM }, { "nr_ptes", COL_NR_PTES },
	{ "nr_pmds", COL_NR_PMDS }, { "pgtables_bytes", COL_PGTABLES_BYTES },
	{ "swapents", COL_SWAPENTS }, { "cpu", COL_CPU },
	{ "oom_adj", COL_OOM_ADJ }, { "oom_score_adj", COL_OOM_SCORE_ADJ },
};

/* col_of: the column a header word names. */
static enum task_col col_of(const char *w, size_t n)
{
	size_t k;

	for (k = 0; k < sizeof(col_names) / sizeof(col_names[0]); k++)
		if (strlen(col_names[k].name) == n &&
		    memcmp(col_names[k].name, w, n) == 0)
			return col_names[k].col;
	return COL_UNKNOWN;
}

/*
 * parse_task_header: "[ pid ]   uid  tgid total_vm      rss nr_ptes
 * swapents oom_score_adj name" and every later or earlier column set;
 * the column order is read from the header itself.
 */
int parse_task_header(const char *s, struct task_header *h)
{
	const char *p = s;

	if (*p != '[')
		return -1;
	p = skip_ws(p + 1);
	if (!STARTS(p, "pid"))
		return -1;
	p = skip_ws(p + 3);
	if (*p != ']')
		return -1;
	p++;
	h->ncols = 0;
	for (;;) {
		const char *e;

		p = skip_ws(p);
		e = p;
		while (*e && *e != ' ' && *e != '\t')
			e++;
		if (e == p)
			return -1;
		if (e - p == 4 && memcmp(p, "name", 4) == 0)
			break;
		if (h->ncols == MAX_COLS)
			return -1;
		h->col[h->ncols++] = col_of(p, (size_t)(e - p));
		p = e;
	}
	return h->ncols >= 3 ? 0 : -1;
}

/* row_pid: read "[ 1234]" at s; returns the character after ']'. */
static const char *row_pid(const char *s, long long *pid)
{
	const char *p = s;

	if (*p != '[')
		return NULL;
	p = skip_ws(p + 1);
	if (scan_num(&p, pid) < 0 || *pid < 0)
		return NULL;
	p = skip_ws(p);
	return *p == ']' ? p + 1 : NULL;
}

/*
 * guess_task_header: for a row whose table header was lost, choose the
 * header its count of numeric columns implies (the newest that fits).
 */
int guess_task_header(const char *s, struct task_header *h)
{
	static const enum task_col c7[] = {
		COL_UID, COL_TGID, COL_TOTAL_VM, COL_RSS, COL_PGTABLES_BYTES,
		COL_SWAPENTS, COL_OOM_SCORE_ADJ };
	static const enum task_col c8[] = {
		COL_UID, COL_TGID, COL_TOTAL_VM, COL_RSS, COL_NR_PTES,
		COL_NR_PMDS, COL_SWAPENTS, COL_OOM_SCORE_ADJ };
	static const enum task_col c10[] = {
		COL_UID, COL_TGID, COL_TOTAL_VM, COL_RSS, COL_RSS_ANON,
		COL_RSS_FILE, COL_RSS_SHMEM, COL_PGTABLES_BYTES, COL_SWAPENTS,
		COL_OOM_SCORE_ADJ };
	const enum task_col *set = NULL;
	long long pid, v;
	const char *p = row_pid(s, &pid);
	int n = 0, k;

	if (!p)
		return -1;
	for (;;) {
		const char *q = skip_ws(p);

		if (scan_num(&q, &v) < 0 || (*q != ' ' && *q != '\t'))
			break;
		n++;
		p = q;
	}
	if (n == 7)
		set = c7;
	else if (n == 8)
		set = c8;
	else if (n == 10)
		set = c10;
	if (!set)
		return -1;
	h->ncols = n;
	for (k = 0; k < n; k++)
		h->col[k] = set[k];
	return 0;
}

/* set_col: store one numeric cell of a row; -1 for a negative size. */
static int set_col(struct task *t, enum task_col c, long long v)
{
	if (v < 0 && c != COL_OOM_ADJ && c != COL_OOM_SCORE_ADJ &&
	    c != COL_UNKNOWN)
		return -1;
	switch (c) {
	case COL_UID:
		t->uid = v;
		break;
	case COL_TGID:
		t->tgid = v;
		break;
	case COL_TOTAL_VM:
		t->total_vm = v;
		break;
	case COL_RSS:
		t->rss = v;
		break;
	case COL_NR_PTES:
	case COL_NR_PMDS:
		t->nr_ptes = sat_add(t->nr_ptes < 0 ? 0 : t->nr_ptes, v);
		break;
	case COL_PGTABLES_BYTES:
		t->pgtables_bytes = v;
		break;
	case COL_SWAPENTS:
		t->swapents = v;
		break;
	case COL_OOM_SCORE_ADJ:
		if (v >= -1000 && v <= 1000)
			t->adj = (int)v;
		break;
	default:
		break;
	}
	return 0;
}

/*
 * parse_task_row: "[ 1532]  1020  1532   410347   398810  788  0  0 x"
 * read with the columns of h; the name is the rest of the line (a comm
 * may hold spaces).
 */
int parse_task_row(const char *s, const struct task_header *h,
		   struct task *t)
{
	const char *p;
	const char *e;
	int k;

	memset(t, 0, sizeof(*t));
	t->uid = NONE;
	t->tgid = NONE;
	t->total_vm = NONE;
	t->rss = NONE;
	t->pgtables_bytes = NONE;
	t->nr_ptes = NONE;
	t->swapents = NONE;
	t->adj = ADJ_NONE;
	p = row_pid(s, &t->pid);
	if (!p)
		return -1;
	for (k = 0; k < h->ncols; k++) {
		long long v;

		p = skip_ws(p);
		if (scan_num(&p, &v) < 0 || set_col(t, h->col[k], v) < 0)
			return -1;
	}
	p = skip_ws(p);
	e = p + strlen(p);
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e == p)
		return -1;
	copy_str(t->comm, sizeof(t->comm), p, (size_t)(e - p));
	return 0;
}

/* pid_end: a pid is whole only when its delimiter follows it. */
static int pid_end(const char *p)
{
	return *p == ' ' || *p == ',' || *p == '(';
}

/* paren_comm: comm inside "(...)" starting at p, ending before stop. */
static int paren_comm(const char *p, const char *stop, char *dst,
		      size_t cap)
{
	const char *e;

	if (*p != '(')
		return -1;
	p++;
	e = stop ? strstr(p, stop) : NULL;
	if (!e) {
		e = strrchr(p, ')');
		if (!e)
			return -1;
	}
	copy_str(dst, cap, p, (size_t)(e - p));
	return 0;
}

/*
 * parse_kill: "Out of memory: Kill process N (x) score S or sacrifice
 * child" (2.6.36-5.0), "Memory cgroup out of memory: Kill process ...",
 * "Out of memory (oom_kill_allocating_task): Kill process ...".
 */
int parse_kill(const char *s, struct p_kill *o)
{
	const char *p = strstr(s, "ill process ");

	if (!p || p == s || (p[-1] != 'K' && p[-1] != 'k'))
		return -1;
	memset(o, 0, sizeof(*o));
	o->score = NONE;
	p += strlen("ill process ");
	if (scan_num(&p, &o->pid) < 0 || !pid_end(p))
		return -1;
	p = skip_ws(p);
	if (paren_comm(p, ") score ", o->comm, sizeof(o->comm)) < 0)
		return -1;
	p = strstr(p, ") score ");
	if (p) {
		p += strlen(") score ");
		/* "score 12" at a wrap may be the start of "score 123" */
		if (scan_num(&p, &o->score) < 0 || *p != ' ')
			o->score = NONE;
	}
	o->memcg = STARTS(s, "Memory cgroup");
	return 0;
}

/* kb_any: size after the first of two spellings of a key, or NONE. */
static long long kb_any(const char *s, const char *k1, const char *k2)
{
	return find_token(s, k1) ? kb_unit(s, k1) : kb_unit(s, k2);
}

/*
 * parse_killed: "Killed process 1532 (x) total-vm:1641388kB,
 * anon-rss:1595164kB, file-rss:76kB" (3.x), "Killed process 40738,
 * UID 27, (mysqld) total-vm:..." (RHEL 6), "..., shmem-rss:0kB" (4.x),
 * "Out of memory: Killed process N (x) total-vm:... UID:0 pgtables:1292kB
 * oom_score_adj:0" (4.19+), "Memory cgroup out of memory: Killed ...".
 * Keys that lost their '-' in a copy ("anonrss:") are accepted. A line
 * cut by a wrap keeps what is whole: a size needs its "kB", a comm its
 * ')' (else it is left empty), and the rest is NONE.
 */
int parse_killed(const char *s, struct victim *v, int *memcg)
{
	const char *p = strstr(s, "Killed process ");
	long long uid;

	if (!p)
		return -1;
	memset(v, 0, sizeof(*v));
	v->uid = NONE;
	v->adj = ADJ_NONE;
	v->total_vm_kb = v->anon_kb = v->file_kb = v->shmem_kb = NONE;
	v->pgtables_kb = NONE;
	p += strlen("Killed process ");
	if (scan_num(&p, &v->pid) < 0 || !pid_end(p))
		return -1;
	if (STARTS(p, ", UID ")) {
		const char *q = p + strlen(", UID ");

		if (scan_num(&q, &uid) == 0)
			v->uid = uid;
		p = strchr(q, '(');
		if (!p)
			return -1;
	}
	p = skip_ws(p);
	if (paren_comm(p, ") total-vm", v->comm, sizeof(v->comm)) < 0 &&
	    paren_comm(p, "),", v->comm, sizeof(v->comm)) < 0) {
		if (*p != '(')
			return -1;
		v->comm[0] = '\0';	/* cut inside the comm */
		v->has = 1;
		*memcg = STARTS(s, "Memory cgroup");
		return 0;
	}
	v->has = 1;
	v->total_vm_kb = kb_any(p, "total-vm:", "totalvm:");
	v->anon_kb = kb_any(p, "anon-rss:", "anonrss:");
	v->file_kb = kb_any(p, "file-rss:", "filerss:");
	v->shmem_kb = kb_any(p, "shmem-rss:", "shmemrss:");
	v->pgtables_kb = kb_unit(p, "pgtables:");
	{
		const char *u = find_token(p, "UID:");

		if (u && scan_num(&u, &uid) == 0 && *u == ' ')
			v->uid = uid;
	}
	{
		long long adj;

		if (key_num(p, "oom_score_adj:", &adj) == 0 &&
		    adj >= -1000 && adj <= 1000)
			v->adj = (int)adj;
	}
	*memcg = STARTS(s, "Memory cgroup");
	return 0;
}

/* reaper_comm: the "(x)" after a reaper line's pid, if it is whole. */
static void reaper_comm(const char *p, struct reaper *r)
{
	const char *c = strstr(p, "),");

	p = skip_ws(p);
	if (*p != '(')
		return;
	if (!c)
		c = strrchr(p, ')');
	if (c)
		copy_str(r->comm, sizeof(r->comm), p + 1,
			 (size_t)(c - p - 1));
}

/*
 * parse_reaper: "oom_reaper: reaped process N (x), now anon-rss:0kB,
 * file-rss:0kB, shmem-rss:0kB" (4.6+) or "oom_reaper: unable to reap
 * pid:N (x)".
 */
int parse_reaper(const char *s, struct reaper *r)
{
	const char *p;

	if (!STARTS(s, "oom_reaper: "))
		return -1;
	memset(r, 0, sizeof(*r));
	r->anon_kb = r->file_kb = r->shmem_kb = NONE;
	r->pid = NONE;
	p = s + strlen("oom_reaper: ");
	if (STARTS(p, "reaped process ")) {
		p += strlen("reaped process ");
		/* a pid cut by a wrap stays NONE */
		if (scan_num(&p, &r->pid) < 0 || *p != ' ')
			r->pid = NONE;
		else
			reaper_comm(p, r);
		r->reaped = 1;
		p = strstr(p, " now ");
		if (p) {
			r->anon_kb = kb_any(p, "anon-rss:", "anonrss:");
			r->file_kb = kb_any(p, "file-rss:", "filerss:");
			r->shmem_kb = kb_any(p, "shmem-rss:", "shmemrss:");
		}
	} else if (STARTS(p, "unable to reap pid:")) {
		p += strlen("unable to reap pid:");
		if (scan_num(&p, &r->pid) < 0 || *p != ' ')
			r->pid = NONE;
		else
			reaper_comm(p, r);
	} else {
		return -1;
	}
	r->has = 1;
	return 0;
}

/* field: value of ",key=" (or "key=" at the start) up to next ','. */
static void field(const char *s, const char *key, const char *until,
		  char *dst, size_t cap)
{
	const char *p = s, *e;
	size_t klen = strlen(key);

	dst[0] = '\0';
	while ((p = strstr(p, key)) != NULL) {
		if (p == s || p[-1] == ',' || p[-1] == ':')
			break;
		p++;
	}
	if (!p)
		return;
	p += klen;
	e = until ? strstr(p, until) : NULL;
	if (!e)
		e = strchr(p, ',');
	if (!e)
		e = p + strlen(p);
	copy_str(dst, cap, p, (size_t)(e - p));
}

/*
 * parse_oomkill: "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),
 * cpuset=/,mems_allowed=0,global_oom,task_memcg=/x,task=y,pid=1,uid=0"
 * (5.0+; "oom_memcg=/x" replaces "global_oom" for memcg OOMs).
 */
int parse_oomkill(const char *s, struct p_oomkill *o)
{
	char pid[24];
	const char *p = pid;

	if (!STARTS(s, "oom-kill:"))
		return -1;
	memset(o, 0, sizeof(*o));
	o->pid = NONE;
	field(s, "constraint=", NULL, o->constraint, sizeof(o->constraint));
	field(s, "cpuset=", NULL, o->cpuset, sizeof(o->cpuset));
	field(s, "oom_memcg=", NULL, o->oom_memcg, sizeof(o->oom_memcg));
	field(s, "task_memcg=", NULL, o->task_memcg, sizeof(o->task_memcg));
	field(s, "task=", ",pid=", o->task, sizeof(o->task));
	field(s, "pid=", NULL, pid, sizeof(pid));
	if (scan_num(&p, &o->pid) < 0)
		o->pid = NONE;
	/* some backports print "constraint=," (empty): pid= still counts */
	return o->constraint[0] || o->pid != NONE ? 0 : -1;
}

/* parse_memcg_usage: "memory: usage 980kB, limit 980kB, failcnt 4152239" */
int parse_memcg_usage(const char *s, long long *usage, long long *limit,
		      long long *failcnt)
{
	if (!STARTS(s, "memory: usage "))
		return -1;
	if (key_num(s, "usage ", usage) < 0 ||
	    key_num(s, "limit ", limit) < 0 || *usage < 0 || *limit < 0)
		return -1;
	if (key_num(s, "failcnt ", failcnt) < 0)
		*failcnt = NONE;
	return 0;
}

/* symbol_name: 1 when the n bytes at p can be a kernel symbol. */
static int symbol_name(const char *p, size_t n)
{
	size_t k;

	if (n == 0 || !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			*p == '_'))
		return 0;
	for (k = 1; k < n; k++)
		if (!((p[k] >= 'a' && p[k] <= 'z') ||
		      (p[k] >= 'A' && p[k] <= 'Z') || p[k] == '_' ||
		      p[k] == '.' || is_digit((unsigned char)p[k])))
			return 0;
	return 1;
}

/*
 * parse_frame: a call-trace frame " [<ffffffff817199c4>] ? dump_header+
 * 0x7f/0x1f1", " my_init+0x3c/0x1000 [alloc_oom]" or ARM32 "[<c01a81b4>]
 * (dump_header) from [<...>] (oom_kill_process+0x208/0xa48)". Returns 0
 * with the function name (and module, if any), 1 for an unreliable '?'
 * frame or one without a symbol name (a raw address, a timestamp the
 * capture left in), -1 when s is no frame.
 */
int parse_frame(const char *s, char *name, size_t cap, char *module,
		size_t mcap)
{
	const char *p = s, *e, *m;
	int unreliable = 0;

	if (!strstr(s, "+0x")) {
		/* "[<c0014200>] (0xc0014200) from ...", " ? 0xffffffffc0a1b2c3":
		 * a frame of a kernel or module without symbols */
		name[0] = '\0';
		module[0] = '\0';
		if (p[0] == '?' && p[1] == ' ')
			p += 2;
		return (p[0] == '[' && p[1] == '<') ||
		       (p[0] == '0' && p[1] == 'x') ? 1 : -1;
	}
	if (p[0] == '[' && p[1] == '<') {
		p = strchr(p, ']');
		if (!p)
			return -1;
		p = skip_ws(p + 1);
	}
	if (p[0] == '?' && p[1] == ' ') {
		unreliable = 1;
		p += 2;
	}
	if (*p == '(')
		p++;
	e = p;
	while (*e && *e != '+' && *e != ')' && *e != ' ')
		e++;
	module[0] = '\0';
	name[0] = '\0';
	if (!symbol_name(p, (size_t)(e - p)))
		return 1;
	copy_str(name, cap, p, (size_t)(e - p));
	m = strchr(e, '[');
	if (m && m[1] != '<') {
		const char *me = strchr(m, ']');

		if (me)
			copy_str(module, mcap, m + 1, (size_t)(me - m - 1));
	}
	return unreliable;
}

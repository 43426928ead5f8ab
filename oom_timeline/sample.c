// SPDX-License-Identifier: GPL-2.0
/*
 * sample.c - reads one sample of memory state from /proc.
 *
 * Every file is opened once and read again with pread() at offset 0:
 * no open, no allocation and no page fault per sample, so the sampler
 * neither stalls in reclaim nor adds to the memory it watches. The
 * kernel prints meminfo and vmstat lines in a fixed order: the first
 * read maps each line to its column, and later reads only check the
 * name of the lines they keep (a mismatch maps the file again).
 *
 * Each zone's free pages come from buddyinfo (one short line a zone);
 * zoneinfo, ten times longer and slow to parse, is read for the
 * watermarks every ZONEINFO_EVERY samples and in the last one: they
 * only move with watermark_boost and sysctls, and rows in between
 * repeat the last values read.
 *
 * Cost in the arm64 guest under TCG (measured; pread of a kept-open
 * file, in a hot loop): meminfo 52 us, buddyinfo 33 us, zoneinfo
 * 106 us, vmstat 87 us, pressure/memory 38 us; opening a file each
 * time adds about 100 us. Taken every 10 ms from sleep, with caches
 * cold, each costs two to three times that.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "sample.h"

/*
 * A line to keep from a "name value" file. With @prefix, every line
 * starting with @name: its own column (@col NULL) or, with @col, the
 * sum of them all in that column.
 */
struct key {
	const char *name;
	const char *col;
	bool prefix;
};

static const struct key meminfo_keys[] = {
	{ "MemFree", "memfree_kb", false },
	{ "MemAvailable", "memavail_kb", false },
	{ "AnonPages", "anon_kb", false },
	{ "Cached", "cached_kb", false },
};

static const struct key vmstat_keys[] = {
	{ "pgscan_", NULL, true },
	{ "pgsteal_", NULL, true },
	{ "allocstall_", "allocstall", true },
	{ "compact_stall", NULL, false },
	{ "compact_fail", NULL, false },
	{ "compact_success", NULL, false },
	{ "pgmajfault", NULL, false },
	{ "workingset_refault_file", NULL, false },
	{ "oom_kill", NULL, false },
	{ "nr_free_cma", NULL, false },
};

#define N_KEYS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Read the whole of @fd into the buffer; its length, or -1. */
static ssize_t read_all(struct sampler *s, int fd)
{
	ssize_t n;

	if (fd < 0)
		return -1;
	n = pread(fd, s->buf, s->size - 1, 0);
	if (n < 0)
		return -1;
	s->buf[n] = '\0';
	return n;
}

/* Open @name under the proc folder; -1 and errno on failure. */
static int open_proc(const struct sampler *s, const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", s->proc, name);
	return open(path, O_RDONLY | O_CLOEXEC);
}

/* The end of the current line: its '\n', or the NUL. */
static const char *eol(const char *p)
{
	const char *nl = strchr(p, '\n');

	return nl ? nl : p + strlen(p);
}

/* The start of the line after the one at @p (or its final NUL). */
static const char *next_line(const char *p)
{
	p = eol(p);
	return *p ? p + 1 : p;
}

/* The length of the first word of @p (up to ':', ' ' or '\n'). */
static size_t name_len(const char *p)
{
	return strcspn(p, ": \t\n");
}

/* The first decimal number after @p on its line, or NAN. */
static double number_after(const char *p)
{
	unsigned long long v = 0;

	while (*p && *p != '\n' && (*p < '0' || *p > '9'))
		p++;
	if (*p < '0' || *p > '9')
		return NAN;
	while (*p >= '0' && *p <= '9')
		v = v * 10 + (*p++ - '0');
	return (double)v;
}

/* The key that takes a line called @name (@len bytes), or -1. */
static int find_key(const struct key *keys, int nkeys, const char *name,
		    size_t len)
{
	int i;

	for (i = 0; i < nkeys; i++) {
		size_t klen = strlen(keys[i].name);

		if (keys[i].prefix ? len > klen && !strncmp(name, keys[i].name, klen)
				   : len == klen && !strncmp(name, keys[i].name, klen))
			return i;
	}
	return -1;
}

/*
 * Map the lines of @buf (a keyed file) to columns: adding them to @tl
 * when it is given (the first read), or finding them by name in @cols
 * (a remap).
 */
static void map_keyed(struct keyed_file *kf, const char *buf,
		      struct timeline *tl, const struct timeline *cols)
{
	const char *p = buf;
	int nkept = 0, last = 0;

	kf->nlines = 0;
	for (; *p && kf->nlines < SAMPLE_MAX_LINES; p = next_line(p)) {
		int *slot = &kf->line_kept[kf->nlines++];
		char name[TL_COL_LEN];
		size_t len;
		int k, col;

		*slot = -1;
		len = name_len(p);
		k = find_key(kf->keys, kf->nkeys, p, len);
		if (k < 0 || len >= TL_COL_LEN || nkept >= SAMPLE_MAX_KEPT)
			continue;
		memcpy(name, p, len);
		name[len] = '\0';
		col = -1;
		if (tl)
			col = tl_add_col(tl, kf->keys[k].col ? kf->keys[k].col : name);
		if (col < 0)
			col = tl_col(cols, kf->keys[k].col ? kf->keys[k].col : name);
		if (col < 0)
			continue;
		strcpy(kf->kept[nkept].name, name);
		kf->kept[nkept].col = col;
		kf->kept[nkept].add = kf->keys[k].col && kf->keys[k].prefix;
		*slot = nkept++;
		last = kf->nlines;
	}
	kf->nlines = last;	/* parse no further than the last kept line */
}

/*
 * Fill @row from a keyed file in @buf. Returns false when a kept line
 * is not where the map says (the caller maps the file again).
 */
static bool parse_keyed(const struct keyed_file *kf, const char *buf,
			double *row)
{
	const char *p = buf;
	int line;

	for (line = 0; *p && line < kf->nlines; line++, p = next_line(p)) {
		const struct kept *kp;
		size_t len;
		double v;

		if (kf->line_kept[line] < 0)
			continue;
		kp = &kf->kept[kf->line_kept[line]];
		len = strlen(kp->name);
		if (strncmp(p, kp->name, len) || (p[len] != ':' && p[len] != ' '))
			return false;
		v = number_after(p + len);
		if (kp->add && !isnan(row[kp->col]))
			row[kp->col] += v;
		else
			row[kp->col] = v;
	}
	return true;
}

/* One zone as zoneinfo shows it. */
struct zone_info {
	int node;
	char name[16];
	double free, min, low, high, managed, cma;
};

/*
 * Parse /proc/zoneinfo into @z (at most @max zones, in file order);
 * returns how many zones it has. Only the zone header and the lines
 * indented by 2 ("pages free") or 8 (the watermarks, managed) matter.
 */
static int parse_zoneinfo(const char *p, struct zone_info *z, int max)
{
	struct zone_info *cur = NULL;
	int n = 0;

	for (; *p; p = next_line(p)) {
		int indent = strspn(p, " ");

		if (indent == 0 && !strncmp(p, "Node ", 5)) {
			cur = n < max ? &z[n++] : NULL;
			if (cur) {
				memset(cur, 0, sizeof(*cur));
				cur->free = cur->min = cur->low = cur->high = NAN;
				if (sscanf(p, "Node %d, zone %15s", &cur->node,
					   cur->name) != 2)
					cur->name[0] = '\0';
			}
			continue;
		}
		if (!cur)
			continue;
		p += indent;
		if (indent == 2 && !strncmp(p, "pages free ", 11))
			cur->free = number_after(p + 10);
		else if (indent == 8 && !strncmp(p, "min ", 4))
			cur->min = number_after(p + 3);
		else if (indent == 8 && !strncmp(p, "low ", 4))
			cur->low = number_after(p + 3);
		else if (indent == 8 && !strncmp(p, "high ", 5))
			cur->high = number_after(p + 4);
		else if (indent == 8 && !strncmp(p, "managed ", 8))
			cur->managed = number_after(p + 7);
		else if (indent == 8 && !strncmp(p, "cma ", 4))
			cur->cma = number_after(p + 3);
	}
	return n;
}

/* Parse /proc/pressure/memory into the four PSI columns. */
static void parse_psi(const struct sampler *s, const char *p, double *row)
{
	const char *a, *t;
	int base;

	for (; *p; p = next_line(p)) {
		if (!strncmp(p, "some ", 5))
			base = 0;
		else if (!strncmp(p, "full ", 5))
			base = 2;
		else
			continue;
		a = strstr(p, "avg10=");
		t = strstr(p, "total=");
		if (a && a < eol(p))
			row[s->col_psi[base]] = strtod(a + 6, NULL);
		if (t && t < eol(p))
			row[s->col_psi[base + 1]] = number_after(t + 6);
	}
}

/* The zone called @name on @node, or -1. */
static int zone_find(const struct sampler *s, int node, const char *name)
{
	int i;

	for (i = 0; i < s->nzones; i++)
		if (s->zones[i].node == node && !strcmp(s->zones[i].name, name))
			return i;
	return -1;
}

/*
 * Keep the populated zones of zoneinfo (in @s->buf) and add their four
 * columns each: ZONE.free, .min, .low, .high ("nN." first with NUMA).
 */
static int add_zone_columns(struct sampler *s, struct timeline *tl,
			    char *err, size_t errlen)
{
	static const char *const what[] = { "free", "min", "low", "high" };
	struct zone_info z[SAMPLE_MAX_ZONES];
	bool numa = false;
	int i, j, n;
	char name[TL_COL_LEN];

	n = parse_zoneinfo(s->buf, z, SAMPLE_MAX_ZONES);
	for (i = 0; i < n; i++)
		numa |= z[i].node != 0;
	for (i = 0; i < n; i++) {
		struct sample_zone *sz = &s->zones[s->nzones];

		if (!(z[i].managed > 0) || !z[i].name[0])
			continue;
		for (j = 0; j < 4; j++) {
			if (numa)
				snprintf(name, sizeof(name), "n%d.%s.%s",
					 z[i].node, z[i].name, what[j]);
			else
				snprintf(name, sizeof(name), "%s.%s",
					 z[i].name, what[j]);
			if (tl_add_col(tl, name) < 0) {
				snprintf(err, errlen,
					 _("%s/zoneinfo: too many zones"),
					 s->proc);
				return -1;
			}
		}
		sz->node = z[i].node;
		tl_strcpy(sz->name, sizeof(sz->name), z[i].name);
		sz->col = tl_col(tl, name) - 3;
		if (z[i].cma > 0) {
			if (tl->cma_zones[0])
				tl_strcat(tl->cma_zones, sizeof(tl->cma_zones), " ");
			*strrchr(name, '.') = '\0';
			tl_strcat(tl->cma_zones, sizeof(tl->cma_zones), name);
		}
		sz->wmark[0] = z[i].min;
		sz->wmark[1] = z[i].low;
		sz->wmark[2] = z[i].high;
		s->nzones++;
	}
	if (!s->nzones)
		snprintf(err, errlen, _("%s/zoneinfo: no populated zone"),
			 s->proc);
	return s->nzones ? 0 : -1;
}

/* Update the zones' watermarks from zoneinfo in @s->buf. */
static void take_watermarks(struct sampler *s)
{
	struct zone_info z[SAMPLE_MAX_ZONES];
	int i, n = parse_zoneinfo(s->buf, z, SAMPLE_MAX_ZONES);

	for (i = 0; i < n; i++) {
		int k = zone_find(s, z[i].node, z[i].name);

		if (k < 0)
			continue;
		s->zones[k].wmark[0] = z[i].min;
		s->zones[k].wmark[1] = z[i].low;
		s->zones[k].wmark[2] = z[i].high;
	}
}

/*
 * The free pages of one buddyinfo line, "Node 0, zone DMA 2 5 ...":
 * free blocks of each order, order 0 first. NAN if it is not one.
 */
static double buddy_free(const char *line)
{
	const char *end = eol(line), *p = strstr(line, "zone");
	double free = 0;
	int order;

	if (!p || p > end)
		return NAN;
	p += 4;
	p += strspn(p, " ");
	p += strcspn(p, " \n");	/* the zone's name */
	for (order = 0; *p == ' '; order++) {
		double blocks = number_after(p);
		int n = strspn(p, " ");

		if (isnan(blocks))
			break;
		free += blocks * (double)(1UL << order);
		p += n + strspn(p + n, "0123456789");
	}
	return free;
}

/*
 * Free pages of each buddyinfo line in @p into @row, through the
 * line's zone; with @map, find each line's zone by name first (set-up).
 */
static void parse_buddyinfo(struct sampler *s, const char *p, double *row,
			    bool map)
{
	int line;

	for (line = 0; *p && line < SAMPLE_MAX_ZONES; line++, p = next_line(p)) {
		int k;

		if (map) {
			char name[16];
			int node;

			s->buddy_zone[line] = -1;
			if (sscanf(p, "Node %d, zone %15s", &node, name) == 2)
				s->buddy_zone[line] = zone_find(s, node, name);
		}
		k = s->buddy_zone[line];
		if (k >= 0 && row)
			row[s->zones[k].col] = buddy_free(p);
	}
}

/* Read @fd fully at set-up, growing the buffer until it fits. */
static ssize_t read_setup(struct sampler *s, int fd)
{
	for (;;) {
		ssize_t n = read_all(s, fd);
		char *b;

		if (n < 0 || (size_t)n < s->size - 1)
			return n;
		b = realloc(s->buf, s->size * 2);
		if (!b) {
			errno = ENOMEM;
			return -1;
		}
		s->buf = b;
		s->size *= 2;
	}
}

/* "PROC/NAME: strerror(errno)" into @err; returns -1. */
static int proc_error(const struct sampler *s, const char *name, char *err,
		      size_t errlen)
{
	snprintf(err, errlen, "%s/%s: %s", s->proc, name, strerror(errno));
	return -1;
}

/*
 * Open the files under @proc (normally "/proc"), add the columns they
 * give to @tl (after its "t" column) and fill @tl's memtotal_kb and
 * psi. A missing pressure file is not an error: its columns stay
 * unknown and tl->psi says why. Returns 0, or -1 with @err set.
 */
int sampler_open(struct sampler *s, const char *proc, struct timeline *tl,
		 char *err, size_t errlen)
{
	static const char *const psi_cols[] = {
		"psi.some.avg10", "psi.some.total_us",
		"psi.full.avg10", "psi.full.total_us",
	};
	const char *mt;
	int i;

	memset(s, 0, sizeof(*s));
	s->proc = proc;
	s->tl = tl;
	s->fd_meminfo = s->fd_buddyinfo = s->fd_zoneinfo = -1;
	s->fd_vmstat = s->fd_psi = -1;
	s->size = 64 * 1024;
	s->buf = malloc(s->size);
	if (!s->buf)
		return proc_error(s, "meminfo", err, errlen);
	s->meminfo.keys = meminfo_keys;
	s->meminfo.nkeys = N_KEYS(meminfo_keys);
	s->vmstat.keys = vmstat_keys;
	s->vmstat.nkeys = N_KEYS(vmstat_keys);

	s->fd_meminfo = open_proc(s, "meminfo");
	if (read_setup(s, s->fd_meminfo) < 0)
		return proc_error(s, "meminfo", err, errlen);
	mt = strstr(s->buf, "MemTotal:");
	tl->memtotal_kb = mt ? (long long)number_after(mt) : 0;
	map_keyed(&s->meminfo, s->buf, tl, tl);

	s->fd_zoneinfo = open_proc(s, "zoneinfo");
	if (read_setup(s, s->fd_zoneinfo) < 0)
		return proc_error(s, "zoneinfo", err, errlen);
	if (add_zone_columns(s, tl, err, errlen))
		return -1;
	s->fd_buddyinfo = open_proc(s, "buddyinfo");
	if (read_setup(s, s->fd_buddyinfo) < 0)
		return proc_error(s, "buddyinfo", err, errlen);
	parse_buddyinfo(s, s->buf, NULL, true);

	for (i = 0; i < 4; i++)
		s->col_psi[i] = tl_add_col(tl, psi_cols[i]);
	s->fd_psi = open_proc(s, "pressure/memory");
	if (read_setup(s, s->fd_psi) < 0) {
		snprintf(tl->psi, sizeof(tl->psi), "none: %s/pressure/memory: %s",
			 s->proc, strerror(errno));
		if (s->fd_psi >= 0)
			close(s->fd_psi);
		s->fd_psi = -1;
	} else {
		snprintf(tl->psi, sizeof(tl->psi), "yes");
	}

	s->fd_vmstat = open_proc(s, "vmstat");
	if (read_setup(s, s->fd_vmstat) < 0)
		return proc_error(s, "vmstat", err, errlen);
	map_keyed(&s->vmstat, s->buf, tl, tl);
	return 0;
}

/*
 * Read a keyed file into @row; when its lines moved, map it again
 * (columns are found by name; new names are dropped) and parse again.
 */
static void take_keyed(struct sampler *s, int fd, struct keyed_file *kf,
		       double *row)
{
	if (read_all(s, fd) <= 0)
		return;
	if (parse_keyed(kf, s->buf, row))
		return;
	map_keyed(kf, s->buf, NULL, s->tl);
	parse_keyed(kf, s->buf, row);
}

/*
 * Take one sample into @row (column 0, the time, is the caller's); the
 * watermarks are read again every ZONEINFO_EVERY samples and when
 * @last. What cannot be read stays NAN.
 */
void sampler_take(struct sampler *s, double *row, bool last)
{
	int i, j;

	take_keyed(s, s->fd_meminfo, &s->meminfo, row);
	if (read_all(s, s->fd_buddyinfo) > 0)
		parse_buddyinfo(s, s->buf, row, false);
	if ((++s->taken % ZONEINFO_EVERY == 0 || last) &&
	    read_all(s, s->fd_zoneinfo) > 0)
		take_watermarks(s);
	for (i = 0; i < s->nzones; i++)
		for (j = 0; j < 3; j++)
			row[s->zones[i].col + 1 + j] = s->zones[i].wmark[j];
	if (read_all(s, s->fd_psi) > 0)
		parse_psi(s, s->buf, row);
	take_keyed(s, s->fd_vmstat, &s->vmstat, row);
}

/* Close *@fd if open, and mark it closed. */
static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Close the files and free the buffer. */
void sampler_close(struct sampler *s)
{
	close_fd(&s->fd_meminfo);
	close_fd(&s->fd_buddyinfo);
	close_fd(&s->fd_zoneinfo);
	close_fd(&s->fd_vmstat);
	close_fd(&s->fd_psi);
	free(s->buf);
	s->buf = NULL;
}

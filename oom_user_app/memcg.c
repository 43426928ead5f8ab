// SPDX-License-Identifier: GPL-2.0
/*
 * memcg.c - make a fresh memory cgroup, limit it, move the victim in,
 * and remove it afterwards.
 *
 * The group goes below the caller's own cgroup, so the limits of a
 * systemd slice or a container still hold around it:
 *   - cgroup v1: a child of the caller's memory cgroup;
 *   - cgroup v2: a child of the caller's cgroup if that has the memory
 *     controller in its cgroup.subtree_control, which only the root can
 *     have while it holds processes ("no internal processes": the caller
 *     itself is in there). Otherwise a sibling: a child of the caller's
 *     parent, where the memory controller is enabled for the caller's
 *     own group and so for its siblings too.
 * Only when that cannot be done (the caller's cgroup is not visible, no
 * memory controller is enabled there, mkdir is refused) is the group
 * made at the root of the hierarchy, and memcg->fallback says why.
 *
 * It is named oom-<parent pid>[-n] so that concurrent runs never share
 * one. Functions return 0, or -1 with one line in @err.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "memcg.h"
#include "msg.h"

/* snprintf() that reports truncation: 0, or -1 with errno ENAMETOOLONG. */
__attribute__((format(printf, 3, 4)))
static int path_printf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* Why the group cannot go below the caller's cgroup, into @p->why. */
__attribute__((format(printf, 2, 3)))
static void set_why(struct memcg_place *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->why, sizeof(p->why), fmt, ap);
	va_end(ap);
}

/* Write @val to @dir/@file; 0 or -1 with errno set. */
static int write_file(const char *dir, const char *file, const char *val)
{
	char path[PATH_MAX + 64];
	int fd, n, saved;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = write(fd, val, strlen(val));
	saved = errno;
	close(fd);
	errno = saved;
	return n == (int)strlen(val) ? 0 : -1;
}

/* Does @dir/@file exist? */
static bool has_file(const char *dir, const char *file)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return access(path, F_OK) == 0;
}

/* Is "memory" one of the words in @dir/@file (a cgroup2 list file)? */
static bool lists_memory(const char *dir, const char *file)
{
	char path[PATH_MAX + 64], word[64];
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "r");
	if (!f)
		return false;
	while (!found && fscanf(f, "%63s", word) == 1)
		found = strcmp(word, "memory") == 0;
	fclose(f);
	return found;
}

/* Is @word one of the comma-separated words of @list? */
static bool in_comma_list(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = list; p; p = strchr(p, ',')) {
		if (*p == ',')
			p++;
		if (strncmp(p, word, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return true;
	}
	return false;
}

/* Undo mountinfo's octal escapes (\040 for a space) in place. */
static void unescape(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*out++ = (s[1] - '0') << 6 | (s[2] - '0') << 3 |
				 (s[3] - '0');
			s += 3;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

/* One cgroup mount from mountinfo. */
struct cg_mount {
	char dir[PATH_MAX];	/* where it is mounted */
	char root[PATH_MAX];	/* which cgroup of the hierarchy is seen there */
};

/*
 * Split a mountinfo line into @m and its type and super options. 0, or
 * -1 for a line of another shape.
 */
static int parse_mountinfo(char *line, struct cg_mount *m, char **type,
			   char **opts)
{
	char *field[6], *save = NULL, *tok;
	int i;

	for (i = 0, tok = strtok_r(line, " \n", &save); tok && i < 6;
	     tok = strtok_r(NULL, " \n", &save))
		field[i++] = tok;
	while (tok && strcmp(tok, "-") != 0)	/* optional fields */
		tok = strtok_r(NULL, " \n", &save);
	*type = strtok_r(NULL, " \n", &save);
	strtok_r(NULL, " \n", &save);		/* the source */
	*opts = strtok_r(NULL, " \n", &save);
	if (i < 6 || !*type || !*opts)
		return -1;
	unescape(field[3]);
	unescape(field[4]);
	snprintf(m->root, sizeof(m->root), "%s", field[3]);
	snprintf(m->dir, sizeof(m->dir), "%s", field[4]);
	return 0;
}

/*
 * Find the hierarchy with the memory controller in @proc/self/mountinfo:
 * cgroup2 if its cgroup.controllers lists "memory", else a v1 "memory"
 * mount. Returns the version, or 0 when there is none.
 */
static int find_hierarchy(const char *proc, struct cg_mount *found)
{
	struct cg_mount m, v1 = { "", "" };
	char path[PATH_MAX], line[3 * PATH_MAX], *type, *opts;
	int version = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/self/mountinfo", proc);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (!version && fgets(line, sizeof(line), f)) {
		if (parse_mountinfo(line, &m, &type, &opts))
			continue;
		if (strcmp(type, "cgroup2") == 0 &&
		    lists_memory(m.dir, "cgroup.controllers")) {
			*found = m;
			version = 2;
		} else if (strcmp(type, "cgroup") == 0 && !v1.dir[0] &&
			   in_comma_list(opts, "memory")) {
			v1 = m;
		}
	}
	fclose(f);
	if (!version && v1.dir[0]) {
		*found = v1;
		version = 1;
	}
	return version;
}

/*
 * The caller's cgroup in that hierarchy, from @proc/self/cgroup: the
 * "0::PATH" line on v2, the line listing "memory" on v1. 0 or -1.
 */
static int own_cgroup(const char *proc, int version, char *out, size_t len)
{
	char path[PATH_MAX], line[2 * PATH_MAX];
	int ret = -1;
	FILE *f;

	snprintf(path, sizeof(path), "%s/self/cgroup", proc);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (ret && fgets(line, sizeof(line), f)) {
		char *list, *cg;

		line[strcspn(line, "\n")] = '\0';
		list = strchr(line, ':');
		cg = list ? strchr(list + 1, ':') : NULL;
		if (!cg)
			continue;
		*list++ = '\0';
		*cg++ = '\0';
		if (version == 2 ? strcmp(line, "0") == 0 && !*list :
		    in_comma_list(list, "memory"))
			ret = path_printf(out, len, "%s", cg);
	}
	fclose(f);
	return ret;
}

/*
 * The directory of cgroup @cg (a path from the hierarchy's root) under
 * mount @m, or -1 when that mount does not show it (a container that
 * sees only a part of the hierarchy).
 */
static int cgroup_dir(const struct cg_mount *m, const char *cg, char *out,
		      size_t len)
{
	size_t n = strlen(m->root);

	if (strcmp(m->root, "/") == 0)
		n = 0;
	else if (strncmp(cg, m->root, n) != 0 ||
		 (cg[n] != '/' && cg[n] != '\0'))
		return -1;
	return path_printf(out, len, "%s%s", m->dir,
			   strcmp(cg + n, "/") == 0 ? "" : cg + n);
}

/*
 * Decide where the group goes, reading @proc (/proc but in the unit
 * test) and the cgroup files: @p->parent below the caller's cgroup, or
 * "" with the reason in @p->why. -1 only when no hierarchy has the
 * memory controller.
 */
int memcg_place(const char *proc, struct memcg_place *p, char *err,
		size_t errlen)
{
	char cg[PATH_MAX], *slash;
	struct cg_mount m;

	memset(p, 0, sizeof(*p));
	p->version = find_hierarchy(proc, &m);
	if (!p->version)
		return err_printf(err, errlen, "%s",
				  _("--memcg: no memory cgroup controller is mounted (neither cgroup2 with memory nor cgroup v1 memory)"));
	snprintf(p->root, sizeof(p->root), "%s", m.dir);
	if (own_cgroup(proc, p->version, cg, sizeof(cg))) {
		set_why(p, _("%s/self/cgroup names no cgroup of this hierarchy"),
			proc);
		return 0;
	}
	if (cgroup_dir(&m, cg, p->own, sizeof(p->own)) ||
	    access(p->own, F_OK)) {
		p->own[0] = '\0';
		/* TRANSLATORS: the caller's cgroup, then the mount point */
		set_why(p, _("the caller's cgroup %s is not visible under %s"),
			cg, m.dir);
		return 0;
	}
	if (p->version == 1 ||
	    lists_memory(p->own, "cgroup.subtree_control")) {
		snprintf(p->parent, sizeof(p->parent), "%s", p->own);
		return 0;
	}
	if (strcmp(p->own, p->root) == 0) {
		set_why(p, _("the memory controller is not enabled in %s/cgroup.subtree_control"),
			p->own);
		return 0;
	}
	/* v2, the caller is in a non-root group: a sibling, if allowed. */
	snprintf(p->parent, sizeof(p->parent), "%s", p->own);
	slash = strrchr(p->parent, '/');
	*slash = '\0';
	if (strlen(p->parent) < strlen(p->root)) {
		p->parent[0] = '\0';
		set_why(p, _("the caller's cgroup %s may have no child with the memory controller (it holds processes), and its parent is not visible"),
			p->own);
	} else if (!lists_memory(p->parent, "cgroup.subtree_control")) {
		/* TRANSLATORS: the caller's cgroup, then its parent */
		set_why(p, _("the caller's cgroup %s may have no child with the memory controller (it holds processes), and %s/cgroup.subtree_control does not enable it for a sibling"),
			p->own, p->parent);
		p->parent[0] = '\0';
	}
	return 0;
}

/* mkdir a group under @parent that no one else uses; 0 or -1, errno. */
static int make_unique_dir(struct memcg *cg, const char *parent)
{
	int n, ret;

	for (n = 0; n < 100; n++) {
		if (n)
			ret = path_printf(cg->dir, sizeof(cg->dir),
					  "%s/oom-%d-%d", parent,
					  (int)getpid(), n);
		else
			ret = path_printf(cg->dir, sizeof(cg->dir),
					  "%s/oom-%d", parent, (int)getpid());
		if (ret == 0 && mkdir(cg->dir, 0755) == 0)
			return 0;
		if (ret || errno != EEXIST)
			break;
	}
	cg->dir[0] = '\0';
	return -1;
}

/*
 * Write the limit into the group: memory.max (v2) or
 * memory.limit_in_bytes (v1), and no swap beyond it where the kernel
 * accounts swap, so the OOM comes at the limit, not after swapping. The
 * error names the file that failed.
 */
int memcg_set_limits(const struct memcg *cg, unsigned long long limit,
		     char *err, size_t errlen)
{
	static const struct {
		int version;
		const char *file;
		bool optional;		/* only with swap accounting */
		bool zero;		/* 0, not the limit */
	} knobs[] = {
		{ 2, "memory.max", false, false },
		{ 2, "memory.swap.max", true, true },
		{ 1, "memory.limit_in_bytes", false, false },
		{ 1, "memory.memsw.limit_in_bytes", true, false },
	};
	char val[32];
	size_t i;

	snprintf(val, sizeof(val), "%llu", limit);
	for (i = 0; i < sizeof(knobs) / sizeof(knobs[0]); i++) {
		if (knobs[i].version != cg->version ||
		    (knobs[i].optional && !has_file(cg->dir, knobs[i].file)))
			continue;
		if (write_file(cg->dir, knobs[i].file,
			       knobs[i].zero ? "0" : val))
			return err_printf(err, errlen, _("--memcg: writing %s/%s: %s"),
					  cg->dir, knobs[i].file, strerror(errno));
	}
	return 0;
}

/* mkdir failed in @dir: one line, with a hint when root would help. */
static int mkdir_failed(char *err, size_t errlen, const char *dir)
{
	if (errno == EACCES || errno == EPERM)
		return err_printf(err, errlen, _("--memcg: mkdir in %s: %s (run as root)"),
				  dir, strerror(errno));
	return err_printf(err, errlen, _("--memcg: mkdir in %s: %s"), dir,
			  strerror(errno));
}

/*
 * Make the group below the caller's cgroup, or at the root of the
 * hierarchy when that fails (@cg->fallback says why), and set its limit.
 */
int memcg_create(struct memcg *cg, unsigned long long limit, char *err,
		 size_t errlen)
{
	struct memcg_place *p;
	int ret = -1;

	cg->dir[0] = '\0';
	cg->fallback[0] = '\0';
	p = malloc(sizeof(*p));
	if (!p)
		return err_printf(err, errlen, "--memcg: %s", strerror(errno));
	if (memcg_place("/proc", p, err, errlen))
		goto out;
	cg->version = p->version;
	if (p->parent[0]) {
		if (make_unique_dir(cg, p->parent) == 0)
			goto made;
		if (strcmp(p->parent, p->root) == 0) {
			mkdir_failed(err, errlen, p->parent);
			goto out;
		}
		set_why(p, _("mkdir in %s: %s"), p->parent, strerror(errno));
	}
	if (p->version == 2 && !lists_memory(p->root, "cgroup.subtree_control")) {
		err_printf(err, errlen,
			   _("--memcg: memory controller not enabled for children of %s (echo +memory > %s/cgroup.subtree_control)"),
			   p->root, p->root);
		goto out;
	}
	if (make_unique_dir(cg, p->root)) {
		mkdir_failed(err, errlen, p->root);
		goto out;
	}
	snprintf(cg->fallback, sizeof(cg->fallback), "%s", p->why);
made:
	ret = memcg_set_limits(cg, limit, err, errlen);
	if (ret) {
		rmdir(cg->dir);
		cg->dir[0] = '\0';
	}
out:
	free(p);
	return ret;
}

/* Move process @pid (single-threaded yet) into the group. */
int memcg_attach(const struct memcg *cg, pid_t pid, char *err, size_t errlen)
{
	char val[32];

	snprintf(val, sizeof(val), "%d", (int)pid);
	if (write_file(cg->dir, "cgroup.procs", val))
		return err_printf(err, errlen, _("--memcg: moving %d into %s: %s"),
				  (int)pid, cg->dir, strerror(errno));
	return 0;
}

/*
 * Remove the group once the victim is reaped. The kernel may need a
 * moment to see it empty, so EBUSY is retried for up to a second.
 */
int memcg_remove(struct memcg *cg, char *err, size_t errlen)
{
	const struct timespec tick = { .tv_nsec = 10 * 1000 * 1000 };
	int tries;

	if (!cg->dir[0])
		return 0;
	for (tries = 0; rmdir(cg->dir) && errno == EBUSY && tries < 100;
	     tries++)
		nanosleep(&tick, NULL);
	if (access(cg->dir, F_OK) == 0)
		return err_printf(err, errlen, _("--memcg: rmdir %s: %s"), cg->dir,
				  strerror(errno));
	cg->dir[0] = '\0';
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * memcg.c - make a fresh memory cgroup, limit it, move the victim in,
 * and remove it afterwards.
 *
 * The group is made directly under the root of the hierarchy that has
 * the memory controller, named oom-<parent pid>[-n] so that concurrent
 * runs never share one. Functions return 0, or -1 with one line in @err.
 */
#include <errno.h>
#include <fcntl.h>
#include <mntent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "memcg.h"

/* snprintf() into @err; always returns -1. */
__attribute__((format(printf, 3, 4)))
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
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

/*
 * Find the mount point of the hierarchy with the memory controller:
 * cgroup2 if its root lists "memory", else a v1 "memory" mount.
 */
static int find_root(char *root, size_t len, int *version)
{
	char v1[PATH_MAX] = "";
	struct mntent *m;
	FILE *f;

	f = setmntent("/proc/self/mounts", "r");
	if (!f)
		return -1;
	*version = 0;
	while ((m = getmntent(f)) != NULL) {
		if (strcmp(m->mnt_type, "cgroup2") == 0 &&
		    lists_memory(m->mnt_dir, "cgroup.controllers")) {
			snprintf(root, len, "%s", m->mnt_dir);
			*version = 2;
			break;
		}
		if (strcmp(m->mnt_type, "cgroup") == 0 && !v1[0] &&
		    hasmntopt(m, "memory"))
			snprintf(v1, sizeof(v1), "%s", m->mnt_dir);
	}
	endmntent(f);
	if (!*version && v1[0]) {
		snprintf(root, len, "%s", v1);
		*version = 1;
	}
	return *version ? 0 : -1;
}

/* mkdir a group under @root that no one else uses. */
static int make_unique_dir(struct memcg *cg, const char *root)
{
	int n;

	for (n = 0; n < 100; n++) {
		if (n)
			snprintf(cg->dir, sizeof(cg->dir), "%s/oom-%d-%d",
				 root, (int)getpid(), n);
		else
			snprintf(cg->dir, sizeof(cg->dir), "%s/oom-%d", root,
				 (int)getpid());
		if (mkdir(cg->dir, 0755) == 0)
			return 0;
		if (errno != EEXIST)
			break;
	}
	cg->dir[0] = '\0';
	return -1;
}

/* Make the group and set its limit, swap included where that exists. */
int memcg_create(struct memcg *cg, unsigned long long limit, char *err,
		 size_t errlen)
{
	char root[PATH_MAX / 2], val[32];	/* room left for the name */
	const char *limit_file;

	cg->dir[0] = '\0';
	if (find_root(root, sizeof(root), &cg->version))
		return fail(err, errlen,
			    "--memcg: no memory cgroup controller is mounted (neither cgroup2 with memory nor cgroup v1 memory)");
	if (cg->version == 2 && !lists_memory(root, "cgroup.subtree_control"))
		return fail(err, errlen,
			    "--memcg: memory controller not enabled for children of %s (echo +memory > %s/cgroup.subtree_control)",
			    root, root);
	if (make_unique_dir(cg, root))
		return fail(err, errlen, "--memcg: mkdir in %s: %s%s", root,
			    strerror(errno),
			    errno == EACCES || errno == EPERM ?
			    " (run as root)" : "");

	snprintf(val, sizeof(val), "%llu", limit);
	limit_file = cg->version == 2 ? "memory.max" : "memory.limit_in_bytes";
	if (write_file(cg->dir, limit_file, val))
		goto fail_limit;
	/* No swap: the OOM should come at the limit, not after swapping. */
	if (cg->version == 2 && has_file(cg->dir, "memory.swap.max") &&
	    write_file(cg->dir, "memory.swap.max", "0"))
		goto fail_limit;
	/* v1: memory+swap limit, only on kernels with swap accounting. */
	limit_file = "memory.memsw.limit_in_bytes";
	if (cg->version == 1 && has_file(cg->dir, limit_file) &&
	    write_file(cg->dir, limit_file, val))
		goto fail_limit;
	return 0;

fail_limit:
	fail(err, errlen, "--memcg: writing %s/%s: %s", cg->dir, limit_file,
	     strerror(errno));
	rmdir(cg->dir);
	cg->dir[0] = '\0';
	return -1;
}

/* Move process @pid (single-threaded yet) into the group. */
int memcg_attach(const struct memcg *cg, pid_t pid, char *err, size_t errlen)
{
	char val[32];

	snprintf(val, sizeof(val), "%d", (int)pid);
	if (write_file(cg->dir, "cgroup.procs", val))
		return fail(err, errlen, "--memcg: moving %d into %s: %s",
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
		return fail(err, errlen, "--memcg: rmdir %s: %s", cg->dir,
			    strerror(errno));
	cg->dir[0] = '\0';
	return 0;
}

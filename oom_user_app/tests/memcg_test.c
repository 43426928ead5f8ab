// SPDX-License-Identifier: GPL-2.0
/*
 * tests/memcg_test.c - where --memcg makes its group, on fake machines:
 * each case writes a /proc/self/mountinfo, a /proc/self/cgroup and the
 * cgroup files that matter (cgroup.controllers, cgroup.subtree_control)
 * below a temporary directory, and memcg_place() must choose the
 * caller's cgroup (v1, or v2 where the memory controller is enabled
 * below it), its parent (v2: a sibling), or nowhere, saying why. Then
 * memcg_set_limits() on fake groups: the values written, and an error
 * naming the file that failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../memcg.h"
#include "tap.h"

#define MAX_FILES 6

/*
 * A file below the fake root, and its contents. "@" in either stands for
 * the fake root's path (mountinfo holds absolute mount points); a path
 * ending in "/" is a directory.
 */
struct fake_file {
	const char *path;
	const char *data;
};

#define V2_MOUNT "30 25 0:26 / @/cg rw,nosuid shared:4 - cgroup2 cgroup2 rw,nsdelegate\n"
#define V1_MOUNT "35 25 0:30 / @/mem rw,nosuid shared:9 - cgroup cgroup rw,memory\n"
#define V2_NO_MEMORY "31 25 0:27 / @/unified rw - cgroup2 cgroup2 rw\n"

static const struct {
	const char *name;
	struct fake_file files[MAX_FILES];
	int version;		/* 0: no hierarchy, memcg_place() fails */
	const char *parent;	/* "@/...", or "" for nowhere */
	const char *why;	/* a word of the reason, for nowhere */
} cases[] = {
	{ "v2, caller at the root: a child of the root",
	  { { "proc/self/mountinfo", V2_MOUNT },
	    { "proc/self/cgroup", "0::/\n" },
	    { "cg/cgroup.controllers", "cpuset cpu io memory pids\n" },
	    { "cg/cgroup.subtree_control", "cpuset memory\n" } },
	  2, "@/cg", NULL },
	{ "v2, caller in /lab/shell: a sibling, in /lab",
	  { { "proc/self/mountinfo", V2_MOUNT },
	    { "proc/self/cgroup", "0::/lab/shell\n" },
	    { "cg/cgroup.controllers", "memory\n" },
	    { "cg/lab/cgroup.subtree_control", "cpu memory\n" },
	    { "cg/lab/shell/cgroup.subtree_control", "" } },
	  2, "@/cg/lab", NULL },
	{ "v2, systemd: a sibling of the session scope in its slice",
	  { { "proc/self/mountinfo", V2_MOUNT },
	    { "proc/self/cgroup", "0::/user.slice/user-1000.slice/session-3.scope\n" },
	    { "cg/cgroup.controllers", "memory\n" },
	    { "cg/user.slice/user-1000.slice/cgroup.subtree_control", "memory pids\n" },
	    { "cg/user.slice/user-1000.slice/session-3.scope/cgroup.subtree_control", "" } },
	  2, "@/cg/user.slice/user-1000.slice", NULL },
	{ "v2, caller in /top: a sibling, at the root",
	  { { "proc/self/mountinfo", V2_MOUNT },
	    { "proc/self/cgroup", "0::/top\n" },
	    { "cg/cgroup.controllers", "memory\n" },
	    { "cg/cgroup.subtree_control", "memory\n" },
	    { "cg/top/cgroup.subtree_control", "" } },
	  2, "@/cg", NULL },
	{ "v2, memory enabled below the caller's own group: a child",
	  { { "proc/self/mountinfo", V2_MOUNT },
	    { "proc/self/cgroup", "0::/dom\n" },
	    { "cg/cgroup.controllers", "memory\n" },
	    { "cg/dom/cgroup.subtree_control", "memory\n" } },
	  2, "@/cg/dom", NULL },
	{ "v2, memory not enabled in the parent: nowhere, names the file",
	  { { "proc/self/mountinfo", V2_MOUNT },
	    { "proc/self/cgroup", "0::/flat/shell\n" },
	    { "cg/cgroup.controllers", "memory\n" },
	    { "cg/cgroup.subtree_control", "memory\n" },
	    { "cg/flat/cgroup.subtree_control", "cpu\n" },
	    { "cg/flat/shell/cgroup.subtree_control", "" } },
	  2, "", "/cg/flat/cgroup.subtree_control" },
	{ "v2, caller at the root, memory not enabled there: nowhere",
	  { { "proc/self/mountinfo", V2_MOUNT },
	    { "proc/self/cgroup", "0::/\n" },
	    { "cg/cgroup.controllers", "memory\n" },
	    { "cg/cgroup.subtree_control", "cpu\n" } },
	  2, "", "not enabled in" },
	{ "v2, the caller's group does not exist (gone): nowhere",
	  { { "proc/self/mountinfo", V2_MOUNT },
	    { "proc/self/cgroup", "0::/gone\n" },
	    { "cg/cgroup.controllers", "memory\n" } },
	  2, "", "not visible" },
	{ "v1 (this kit's development machine): the caller's memory cgroup",
	  { { "proc/self/mountinfo", V2_NO_MEMORY V1_MOUNT },
	    { "proc/self/cgroup", "9:name=systemd:/\n4:memory:/process_api/613599\n0::/\n" },
	    { "unified/cgroup.controllers", "" },
	    { "mem/process_api/613599/", NULL } },
	  1, "@/mem/process_api/613599", NULL },
	{ "v1, memory in a list of controllers, caller at the root",
	  { { "proc/self/mountinfo",
	      "35 25 0:30 / @/mem rw - cgroup cgroup rw,cpuacct,memory,pids\n" },
	    { "proc/self/cgroup", "3:cpuacct,memory,pids:/\n" },
	    { "mem/", NULL } },
	  1, "@/mem", NULL },
	{ "v1, a container's mount shows only its own part",
	  { { "proc/self/mountinfo",
	      "35 25 0:30 /docker/abc @/mem rw - cgroup cgroup rw,memory\n" },
	    { "proc/self/cgroup", "4:memory:/docker/abc/job\n" },
	    { "mem/job/", NULL } },
	  1, "@/mem/job", NULL },
	{ "v1, the caller's cgroup outside the mounted part: nowhere",
	  { { "proc/self/mountinfo",
	      "35 25 0:30 /docker/abc @/mem rw - cgroup cgroup rw,memory\n" },
	    { "proc/self/cgroup", "4:memory:/docker/abcdef\n" },
	    { "mem/", NULL } },
	  1, "", "not visible" },
	{ "v1, a mount point with a space (\\040 in mountinfo)",
	  { { "proc/self/mountinfo",
	      "35 25 0:30 / @/my\\040mem rw - cgroup cgroup rw,memory\n" },
	    { "proc/self/cgroup", "4:memory:/\n" },
	    { "my mem/", NULL } },
	  1, "@/my mem", NULL },
	{ "no memory controller anywhere: an error",
	  { { "proc/self/mountinfo", V2_NO_MEMORY
	      "36 25 0:31 / @/cpu rw - cgroup cgroup rw,cpu\n" },
	    { "proc/self/cgroup", "0::/\n" },
	    { "unified/cgroup.controllers", "cpu io\n" } },
	  0, NULL, NULL },
};

static char base[64];

/* @s with every "@" replaced by @root, into @out. */
static const char *expand(const char *s, const char *root, char *out,
			  size_t len)
{
	size_t n = 0;

	for (; *s && n + strlen(root) + 1 < len; s++) {
		if (*s == '@') {
			strcpy(out + n, root);
			n += strlen(root);
		} else {
			out[n++] = *s;
		}
	}
	out[n] = '\0';
	return out;
}

/* mkdir -p the directories of @path (and @path itself if it ends in /). */
static void make_dirs(char *path)
{
	char *slash;

	for (slash = strchr(path + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
}

/* Create one fake file (or directory) below @root. */
static int write_fake(const char *root, const struct fake_file *f)
{
	char path[4096], data[8192];
	FILE *out;

	snprintf(path, sizeof(path), "%s/%s", root, f->path);
	make_dirs(path);
	if (!f->data)
		return 0;
	out = fopen(path, "w");
	if (!out)
		return -1;
	fputs(expand(f->data, root, data, sizeof(data)), out);
	return fclose(out);
}

/* nftw() callback removing everything below the fake root. */
static int remove_entry(const char *path, const struct stat *st, int type,
			struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

/* Every fake machine: the place memcg_place() picks, or why none. */
static void test_place(void)
{
	static struct memcg_place p;
	char root[128], proc[160], want[512], err[512];
	size_t i, j;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int ret;

		snprintf(root, sizeof(root), "%s/%zu", base, i);
		mkdir(root, 0755);
		for (j = 0; j < MAX_FILES && cases[i].files[j].path; j++)
			if (write_fake(root, &cases[i].files[j]))
				printf("# cannot write %s\n",
				       cases[i].files[j].path);
		snprintf(proc, sizeof(proc), "%s/proc", root);
		err[0] = '\0';
		ret = memcg_place(proc, &p, err, sizeof(err));
		if (!cases[i].version) {
			tap_is_int(-1, ret, "%s: fails", cases[i].name);
			tap_like("no memory cgroup controller", err,
				 "%s: says so", cases[i].name);
			continue;
		}
		tap_is_int(cases[i].version, ret ? -1 : p.version,
			   "%s: cgroup v%d", cases[i].name, cases[i].version);
		expand(cases[i].parent, root, want, sizeof(want));
		tap_ok(strcmp(want, p.parent) == 0, "%s: parent '%s'",
		       cases[i].name, p.parent + (p.parent[0] ?
						  strlen(root) : 0));
		if (strcmp(want, p.parent))
			printf("# expected: %s\n#      got: %s\n", want,
			       p.parent);
		if (cases[i].why)
			tap_like(cases[i].why, p.why, "%s: says why (%s)",
				 cases[i].name, p.why);
	}
}

/* Read @dir/@file into @buf (empty when missing). */
static const char *slurp(const char *dir, const char *file, char *buf,
			 size_t len)
{
	char path[PATH_MAX + 64];
	FILE *f;
	size_t n = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "r");
	if (f) {
		n = fread(buf, 1, len - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

/* Make @dir/@file as an empty file, or as a directory (unwritable). */
static void fake_knob(const char *dir, const char *file, bool as_dir)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if (as_dir)
		mkdir(path, 0755);
	else
		close(open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644));
}

/* memcg_set_limits(): what it writes, and which file an error names. */
static void test_limits(void)
{
	static struct memcg cg;
	char err[PATH_MAX + 128], buf[64];

	cg.version = 2;
	snprintf(cg.dir, sizeof(cg.dir), "%s/v2", base);
	mkdir(cg.dir, 0755);
	fake_knob(cg.dir, "memory.max", false);
	fake_knob(cg.dir, "memory.swap.max", false);
	tap_is_int(0, memcg_set_limits(&cg, 64 << 20, err, sizeof(err)),
		   "v2 limits: written");
	tap_like("67108864", slurp(cg.dir, "memory.max", buf, sizeof(buf)),
		 "v2: memory.max is the limit");
	tap_like("0", slurp(cg.dir, "memory.swap.max", buf, sizeof(buf)),
		 "v2: memory.swap.max is 0");

	snprintf(cg.dir, sizeof(cg.dir), "%s/v2-noswap", base);
	mkdir(cg.dir, 0755);
	fake_knob(cg.dir, "memory.max", false);
	tap_is_int(0, memcg_set_limits(&cg, 64 << 20, err, sizeof(err)),
		   "v2 without swap accounting: memory.max alone");

	snprintf(cg.dir, sizeof(cg.dir), "%s/v2-badswap", base);
	mkdir(cg.dir, 0755);
	fake_knob(cg.dir, "memory.max", false);
	fake_knob(cg.dir, "memory.swap.max", true);
	tap_is_int(-1, memcg_set_limits(&cg, 64 << 20, err, sizeof(err)),
		   "v2, memory.swap.max cannot be written: an error");
	tap_like("/memory.swap.max: ", err, "... naming memory.swap.max: %s",
		 err);

	cg.version = 1;
	snprintf(cg.dir, sizeof(cg.dir), "%s/v1-badmemsw", base);
	mkdir(cg.dir, 0755);
	fake_knob(cg.dir, "memory.limit_in_bytes", false);
	fake_knob(cg.dir, "memory.memsw.limit_in_bytes", true);
	tap_is_int(-1, memcg_set_limits(&cg, 64 << 20, err, sizeof(err)),
		   "v1, memory.memsw.limit_in_bytes cannot be written: an error");
	tap_like("/memory.memsw.limit_in_bytes: ", err,
		 "... naming memory.memsw.limit_in_bytes: %s", err);
	tap_like("67108864", slurp(cg.dir, "memory.limit_in_bytes", buf,
				   sizeof(buf)),
		 "v1: memory.limit_in_bytes is the limit");
}

int main(void)
{
	snprintf(base, sizeof(base), "/tmp/memcg_test.XXXXXX");
	if (!mkdtemp(base)) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 255;
	}
	test_place();
	test_limits();
	nftw(base, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}

// SPDX-License-Identifier: GPL-2.0
/*
 * boot.c - what every boot of the busybox guest does first, with system
 * calls alone: under emulation every fork and exec costs about 10 ms on
 * arm64 and more on arm32, and a shell init forks for each mount and
 * module.
 *   - proc, sysfs, devtmpfs, cgroup v2 (memory and cpuset on for the
 *     groups made under the root), devpts and the tmpfs folders;
 *   - the host name and the loopback link;
 *   - the modules the kernel command line asks for (rlk.bus, rlk.net,
 *     rlk.root), with what they depend on in modules.dep, one thread
 *     each, each waiting for its dependencies: as many load at once as
 *     the guest has CPUs for;
 *   - busybox's links in /bin, made by a child meanwhile;
 *   - the console's newlines, and power-off.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <termios.h>
#include <unistd.h>

#include "rlk.h"

#define MAX_MODULES 64
#define MAX_DEPS 16
#define NAME_LEN 64

/* What every guest loads; the command line adds to it (start_modules). */
static const char *const base_modules[] = {
	"virtio_mmio", "virtio_console", "overlay", "9pnet_virtio", "9p",
};

/* One line of modules.dep: a module and the modules it needs first. */
struct module {
	char path[256];
	char name[NAME_LEN];
	int deps[MAX_DEPS];
	int ndeps;
	int wanted;
	int loaded;	/* tried: loaded, built in or failed */
	pthread_t thread;
};

static struct module modules[MAX_MODULES];
static int nmodules;
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t load_done = PTHREAD_COND_INITIALIZER;

/* mount_fs - mount @type on @dir, saying so when it fails. */
static void mount_fs(const char *type, const char *dir)
{
	if (mount(type, dir, type, 0, NULL) < 0)
		warn("cannot mount %s on %s: %s", type, dir, strerror(errno));
}

/* mount_kernel_fs - the kernel's file systems and the tmpfs folders. */
void mount_kernel_fs(void)
{
	mount_fs("proc", "/proc");
	mount_fs("sysfs", "/sys");
	mount_fs("devtmpfs", "/dev");
	mount_fs("cgroup2", "/sys/fs/cgroup");
	/* As systemd does: groups made under the root get these controllers
	 * (oom --memcg, the scenarios' memory.max and cpuset.mems).
	 */
	if (write_file("/sys/fs/cgroup/cgroup.subtree_control", "+memory +cpuset") < 0)
		warn("cannot enable the memory and cpuset controllers: %s",
		     strerror(errno));
	mkdir("/dev/pts", 0755);
	mkdir("/dev/shm", 01777);
	mount_fs("devpts", "/dev/pts");
	mount_fs("tmpfs", "/run");
	mount_fs("tmpfs", "/tmp");
}

/* install_applets - busybox's links in /bin, made by a child meanwhile
 * (for programs that exec an applet by path; busybox sh needs none).
 */
static void install_applets(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		execl("/bin/busybox", "busybox", "--install", "-s", "/bin",
		      (char *)NULL);
		_exit(127);
	}
	if (pid < 0)
		warn("cannot fork for busybox --install: %s", strerror(errno));
}

/* set_up_host - the host name, and the loopback link up. */
void set_up_host(void)
{
	if (sethostname("rlk", 3) < 0)
		warn("cannot set the host name: %s", strerror(errno));
	link_up("lo");
}

/* module_name - the module name of a modules.dep path: its base name
 * without .ko, '-' read as '_' (as the kernel names modules).
 */
static void module_name(const char *path, char *name)
{
	const char *base = strrchr(path, '/');
	size_t i;

	base = base ? base + 1 : path;
	for (i = 0; i < NAME_LEN - 1 && base[i]; i++)
		name[i] = base[i] == '-' ? '_' : base[i];
	name[i] = '\0';
	if (i > 3 && !strcmp(name + i - 3, ".ko"))
		name[i - 3] = '\0';
}

/* find_path - the index of the module at @path in modules[], or -1. */
static int find_path(const char *path)
{
	int i;

	for (i = 0; i < nmodules; i++)
		if (!strcmp(modules[i].path, path))
			return i;
	return -1;
}

/* find_name - the index of the module named @name in modules[], or -1. */
static int find_name(const char *name)
{
	int i;

	for (i = 0; i < nmodules; i++)
		if (!strcmp(modules[i].name, name))
			return i;
	return -1;
}

/* add_module - modules[]'s entry for @path, added if new; -1 when full. */
static int add_module(const char *path)
{
	int i = find_path(path);

	if (i >= 0)
		return i;
	if (nmodules == MAX_MODULES || strlen(path) >= sizeof(modules[0].path))
		return -1;
	i = nmodules++;
	strcpy(modules[i].path, path);
	module_name(path, modules[i].name);
	return i;
}

/* read_modules_dep - every line of @dir/modules.dep into modules[]: each
 * module with its dependencies; 0, or -1 when there is none (a kernel
 * with everything built in).
 */
static int read_modules_dep(const char *dir)
{
	char path[512], line[4096], *save;
	FILE *f;
	int i, dep;

	snprintf(path, sizeof(path), "%s/modules.dep", dir);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *tok = strtok_r(line, ": \n", &save);

		if (!tok)
			continue;
		i = add_module(tok);
		if (i < 0) {
			warn("modules.dep has more than %d modules", MAX_MODULES);
			break;
		}
		while ((tok = strtok_r(NULL, " \n", &save))) {
			dep = add_module(tok);
			if (dep >= 0 && modules[i].ndeps < MAX_DEPS)
				modules[i].deps[modules[i].ndeps++] = dep;
		}
	}
	fclose(f);
	return 0;
}

/* want_module - mark @name and what it depends on for loading. A module
 * not in modules.dep is built in (or not in this kernel): not an error.
 */
static void want_module(const char *name)
{
	int i = find_name(name), d;

	if (i < 0)
		return;
	modules[i].wanted = 1;
	for (d = 0; d < modules[i].ndeps; d++)
		modules[modules[i].deps[d]].wanted = 1;
}

/* deps_loaded - whether every dependency of @m has been tried; called
 * with load_lock held.
 */
static int deps_loaded(const struct module *m)
{
	int d;

	for (d = 0; d < m->ndeps; d++)
		if (!modules[m->deps[d]].loaded)
			return 0;
	return 1;
}

/* load_one - thread: wait for the module's dependencies, load it with
 * finit_module, then wake the modules waiting for it.
 */
static void *load_one(void *arg)
{
	struct module *m = arg;
	int fd;

	pthread_mutex_lock(&load_lock);
	while (!deps_loaded(m))
		pthread_cond_wait(&load_done, &load_lock);
	pthread_mutex_unlock(&load_lock);

	/* modules.dep's paths are relative to the modules' folder (cwd) */
	fd = open(m->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		warn("cannot open %s: %s", m->path, strerror(errno));
	else if (syscall(SYS_finit_module, fd, "", 0) < 0 && errno != EEXIST)
		warn("cannot load %s: %s", m->name, strerror(errno));
	if (fd >= 0)
		close(fd);

	pthread_mutex_lock(&load_lock);
	m->loaded = 1;
	pthread_cond_broadcast(&load_done);
	pthread_mutex_unlock(&load_lock);
	return NULL;
}

/* start_modules - the base modules and those the kernel command line
 * asks for, each loading in a thread of its own (wait_modules waits).
 */
void start_modules(void)
{
	char dir[320], value[64];
	struct utsname uts;
	size_t i;
	int n;

	uname(&uts);
	snprintf(dir, sizeof(dir), "/lib/modules/%s", uts.release);
	if (read_modules_dep(dir) < 0 || chdir(dir) < 0)
		return;
	for (i = 0; i < ARRAY_SIZE(base_modules); i++)
		want_module(base_modules[i]);
	cmdline_value("rlk.bus", value, sizeof(value));
	if (!strcmp(value, "pci"))
		want_module("virtio_pci");
	cmdline_value("rlk.net", value, sizeof(value));
	if (!strcmp(value, "user"))
		want_module("virtio_net");
	cmdline_value("rlk.root", value, sizeof(value));
	if (value[0]) {
		want_module("virtio_blk");
		want_module("crc32c_generic");
		want_module("ext4");
	}
	for (n = 0; n < nmodules; n++) {
		if (!modules[n].wanted) {
			modules[n].loaded = 1;
			continue;
		}
		if (pthread_create(&modules[n].thread, NULL, load_one,
				   &modules[n])) {
			warn("cannot start a thread for %s", modules[n].name);
			modules[n].wanted = 0;
			modules[n].loaded = 1;
		}
	}
}

/* wait_modules - return once every module start_modules started has
 * been tried; then busybox's links are made, on the CPU the modules no
 * longer need.
 */
void wait_modules(void)
{
	int n;

	for (n = 0; n < nmodules; n++)
		if (modules[n].wanted)
			pthread_join(modules[n].thread, NULL);
	if (chdir("/") < 0)
		warn("cannot go back to /: %s", strerror(errno));
	install_applets();
}

/* console_newlines - exec's output goes through a tty without carriage
 * returns (@crlf 0); run's console has them (@crlf 1).
 */
void console_newlines(int crlf)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &t) < 0)
		return;
	if (crlf)
		t.c_oflag |= ONLCR;
	else
		t.c_oflag &= ~ONLCR;
	tcsetattr(STDIN_FILENO, TCSANOW, &t);
}

/* power_off - end the machine at once (QEMU exits), the file systems
 * flushed first.
 */
void power_off(void)
{
	sync();
	reboot(RB_POWER_OFF);
	_exit(1);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * labview.c - /mnt, the lab's view of the project: an overlay of
 *   top      the book's path, rlk_lab/rlk_basic/chapter_9_mm/lab8_oom ->
 *            /mnt, and, with the builds, a whiteout for each lab binary
 *            that has no build for this guest
 *   build    with the builds: the host's builds for this architecture and
 *            kernel (share rlk_build, lab/): oom_user_app/oom and
 *            oom_kernel_driver/alloc-oom.ko
 *   project  the checkout itself (share kmod_mount, at /host)
 * so a binary at the lab's path is always this guest's own. The Debian
 * image builds the lab itself, so it gets no build layer. Writes go to a
 * tmpfs and stay in the guest; /host is the checkout itself, writable.
 * The build share's bin/ (oom-analyze, oom-timeline, the scenarios'
 * helpers) joins the PATH, run's login shells' too (guest/profile).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "rlk.h"

#define VIEW RLK_DIR "/view"
#define TOP VIEW "/top"
#define BOOK_DIR TOP "/rlk_lab/rlk_basic/chapter_9_mm"
#define BUILD RLK_DIR "/build"
/* virtio 9p, with a large msize for fast reads */
#define OPTS_9P "trans=virtio,version=9p2000.L,msize=262144"

/* The lab's binaries, which only a build for this guest may provide. */
static const char *const lab_binaries[] = {
	"oom_user_app/oom", "oom_kernel_driver/alloc-oom.ko",
};

/* The two 9p shares, in mount_lab_view's shares[]. */
enum { BUILD_SHARE, PROJECT_SHARE };

/* A 9p share to mount, and how it went. */
struct share {
	const char *tag;
	const char *dir;
	unsigned long flags;
	int rc;
	int started;
	pthread_t thread;
};

/* prepare_lab_view - what mount_lab_view needs that the shares do not:
 * done before the guest is saved, so restored guests skip it.
 */
void prepare_lab_view(void)
{
	if (mkdir_p(BOOK_DIR) < 0 || mkdir_p(VIEW "/upper") < 0 ||
	    mkdir_p(VIEW "/work") < 0 || mkdir_p(BUILD) < 0 ||
	    mkdir_p("/host") < 0 ||
	    symlink("/mnt", BOOK_DIR "/lab8_oom") < 0)
		warn("cannot prepare the lab's view: %s", strerror(errno));
}

/* mount_share - thread: mount one 9p share. */
static void *mount_share(void *arg)
{
	struct share *s = arg;

	s->rc = mount(s->tag, s->dir, "9p", s->flags, OPTS_9P);
	if (s->rc < 0)
		warn("cannot mount the %s share on %s: %s", s->tag, s->dir,
		     strerror(errno));
	return NULL;
}

/* build_matches - whether the build share names this machine and kernel
 * (any custom-* kernel matches: RLK_KERNEL's builds are the user's).
 */
static int build_matches(const struct utsname *uts)
{
	char machine[64] = "", kver[128] = "";
	FILE *f;
	int n;

	f = fopen(BUILD "/BUILD-ID", "re");
	if (!f)
		return 0;
	n = fscanf(f, "%63s %127s", machine, kver);
	fclose(f);
	if (n != 2 || strcmp(machine, uts->machine))
		return 0;
	return !strncmp(kver, "custom-", 7) || !strcmp(kver, uts->release);
}

/* hide_lab_binary - a whiteout in the top layer for @file, which has no
 * build for this guest: neither a stale build nor a file left in the
 * checkout shows at the lab's path.
 */
static void hide_lab_binary(const char *file)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", TOP, file);
	*strrchr(path, '/') = '\0';
	mkdir_p(path);
	snprintf(path, sizeof(path), "%s/%s", TOP, file);
	if (mknod(path, S_IFCHR | 0600, makedev(0, 0)) < 0)
		warn("cannot hide %s: %s", file, strerror(errno));
}

/* mount_lab_view - mount /mnt, with the build layer and the whiteouts
 * when @with_builds; both shares at once, on the guest's two CPUs.
 * 0, or -1 when the project share cannot be mounted.
 */
int mount_lab_view(int with_builds)
{
	struct share shares[] = {
		[BUILD_SHARE] = { .tag = "rlk_build", .dir = BUILD, .flags = MS_RDONLY },
		[PROJECT_SHARE] = { .tag = "kmod_mount", .dir = "/host" },
	};
	const char *lower = TOP;
	char text[256];
	struct utsname uts;
	int ours = 0;
	size_t i;

	uname(&uts);
	for (i = 0; i < ARRAY_SIZE(shares); i++) {
		shares[i].started = !pthread_create(&shares[i].thread, NULL,
						    mount_share, &shares[i]);
		if (!shares[i].started)
			mount_share(&shares[i]);
	}
	for (i = 0; i < ARRAY_SIZE(shares); i++)
		if (shares[i].started)
			pthread_join(shares[i].thread, NULL);
	if (shares[PROJECT_SHARE].rc < 0)
		return -1;
	if (shares[BUILD_SHARE].rc == 0 && build_matches(&uts)) {
		ours = 1;
		/* For exec's command, and for run's login shells
		 * (guest/profile): busybox init gives its children a PATH of
		 * its own.
		 */
		snprintf(text, sizeof(text), "export PATH=\"$PATH:%s/bin\"\n", BUILD);
		write_file(RLK_DIR "/path", text);
		snprintf(text, sizeof(text), "%s:%s/bin", getenv("PATH"), BUILD);
		setenv("PATH", text, 1);
	} else {
		warn("no builds for %s %s from the host: lab binaries hidden",
		     uts.machine, uts.release);
	}
	if (with_builds) {
		if (ours)
			lower = TOP ":" BUILD "/lab";
		for (i = 0; i < ARRAY_SIZE(lab_binaries); i++) {
			char path[256];

			snprintf(path, sizeof(path), "%s/lab/%s", BUILD, lab_binaries[i]);
			if (ours && access(path, F_OK) == 0)
				continue;
			hide_lab_binary(lab_binaries[i]);
		}
	}
	snprintf(text, sizeof(text),
		 "lowerdir=%s:/host,upperdir=" VIEW "/upper,workdir=" VIEW "/work",
		 lower);
	if (mount("overlay", "/mnt", "overlay", 0, text) < 0) {
		warn("cannot mount the lab's view on /mnt: %s", strerror(errno));
		return -1;
	}
	return 0;
}

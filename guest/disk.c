// SPDX-License-Identifier: GPL-2.0
/*
 * disk.c - the switch into the full Debian image (RLK_ROOTFS=debian): its
 * ext4 file system becomes the root, with the mounts made so far moved
 * into it, and guest/debian-init runs there as PID 1 (from /run/rlk, so
 * the image needs no rebuild when it changes), the control port still
 * on PORT_FD and this run's environment kept.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "rlk.h"

#define NEWROOT "/newroot"
/* The disk appears a little after virtio_blk has loaded. */
#define DISK_WAIT_MS 5000

/* What the Debian image's init needs from the initramfs, into /run/rlk. */
static const struct {
	const char *from, *to;
	int mode;
} carried[] = {
	{ "/rlk/debian-init", RLK_DIR "/debian-init", 0755 },
	{ "/etc/profile", RLK_DIR "/profile", 0644 },
	{ "/bin/busybox", RLK_DIR "/bin/busybox", 0755 },
	{ "/rlk/bin/poweroff", RLK_DIR "/bin/poweroff", 0755 },
	{ "/init", RLK_DIR "/bin/rlk-init", 0755 },
};

/* wait_for_disk - whether the block device @dev appears in time. */
static int wait_for_disk(const char *dev)
{
	struct timespec tick = { 0, 100 * 1000 * 1000 };
	struct stat st;
	int waited;

	for (waited = 0; waited < DISK_WAIT_MS; waited += 100) {
		if (!stat(dev, &st) && S_ISBLK(st.st_mode))
			return 1;
		nanosleep(&tick, NULL);
	}
	return 0;
}

/* switch_to_disk - make the ext4 file system on @dev the root and run
 * guest/debian-init there in @run's mode. Returns only when @dev cannot
 * be mounted (-1).
 */
int switch_to_disk(const char *dev, const struct run *run)
{
	static const char *const moved[] = {
		"/dev", "/proc", "/sys", "/run", "/mnt", "/host",
	};
	char systemd[8], path[64];
	size_t i;

	cmdline_value("rlk.systemd", systemd, sizeof(systemd));
	if (!systemd[0])
		strcpy(systemd, "0");
	mkdir(NEWROOT, 0755);
	if (!wait_for_disk(dev) || mount(dev, NEWROOT, "ext4", 0, NULL) < 0)
		return -1;
	mkdir_p(RLK_DIR "/bin");
	for (i = 0; i < ARRAY_SIZE(carried); i++)
		if (copy_file(carried[i].from, carried[i].to, carried[i].mode) < 0)
			warn("cannot copy %s: %s", carried[i].from, strerror(errno));
	if (access("/etc/resolv.conf", F_OK) == 0)
		copy_file("/etc/resolv.conf", NEWROOT "/etc/resolv.conf", 0644);
	mount("tmpfs", "/dev/shm", "tmpfs", 0, NULL);
	umount("/tmp");
	for (i = 0; i < ARRAY_SIZE(moved); i++) {
		snprintf(path, sizeof(path), "%s%s", NEWROOT, moved[i]);
		mount(moved[i], path, NULL, MS_MOVE, NULL);
	}
	/* busybox's switch_root empties the initramfs, then runs the init. */
	execl("/bin/busybox", "switch_root", NEWROOT, RLK_DIR "/bin/busybox",
	      "sh", RLK_DIR "/debian-init", run->mode, systemd, (char *)NULL);
	warn("cannot switch to %s: %s", dev, strerror(errno));
	return -1;
}

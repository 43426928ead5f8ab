// SPDX-License-Identifier: GPL-2.0
/*
 * init.c - rlk-init, PID 1 of the lab's busybox guest (the initramfs's
 * /init), in C: under emulation each fork and exec of a shell init costs
 * about 10 ms on arm64 and more on arm32, and a cold boot made dozens.
 *
 * It boots to an idle guest (boot.c), then waits for the host on the
 * control port (port.c): the host may save the guest at that point and
 * restore it for later runs. The host's go line names the mode:
 *   run    a root shell on the console from busybox init, left by
 *          poweroff;
 *   exec   the host's command in /mnt, its status and kernel log sent
 *          back on the port, then power off.
 * Either way /mnt is the lab's view of the project (labview.c). With
 * rlk.root=DEV (RLK_ROOTFS=debian) it then switches into the ext4 on DEV
 * (disk.c), where guest/debian-init follows the same modes and runs
 * exec's command with "rlk-init command".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <unistd.h>

#include "rlk.h"

/* usage - how rlk-init runs: as the guest's PID 1, or as "rlk-init
 * command" from the Debian guest's init.
 */
static int usage(void)
{
	fputs("usage: rlk-init           (PID 1 of the lab's guest only)\n"
	      "       rlk-init command   run the host's command, send its result\n",
	      stderr);
	return 2;
}

/* boot - from the kernel's hand to the host's go line, in @run. */
static void boot(struct run *run)
{
	setenv("PATH", "/usr/bin:/bin:/usr/sbin:/sbin", 1);
	setenv("HOME", "/root", 1);
	mount_kernel_fs();
	start_modules();
	set_up_host();
	console_newlines(0);
	wait_modules();
	prepare_lab_view();
	if (open_port() < 0 || wait_for_host(run) < 0)
		power_off();
}

/* main - PID 1: boot, the lab's view, then this run's mode. */
int main(int argc, char **argv)
{
	struct run run = { .len = 0 };
	char root[128], net[16];

	msg_init("rlk-init");
	if (getpid() != 1) {
		if (argc != 2 || strcmp(argv[1], "command"))
			return usage();
		run_command();
		return 0;
	}
	/* As PID 1, any arguments are the kernel's: its command line's
	 * words that no one claimed.
	 */
	boot(&run);
	if (strcmp(run.mode, "exec"))
		console_newlines(1);
	cmdline_value("rlk.root", root, sizeof(root));
	if (mount_lab_view(!root[0]) < 0)
		warn("the lab's view of the project is not at /mnt");
	cmdline_value("rlk.net", net, sizeof(net));
	if (!strcmp(net, "user"))
		set_up_net();
	if (root[0] && switch_to_disk(root, &run) < 0)
		warn("cannot mount %s: staying in the busybox guest", root);
	if (!strcmp(run.mode, "exec")) {
		run_command();
		power_off();
	}
	close(PORT_FD);
	/* Show kernel warnings (the OOM report) on the console, as in the lab. */
	klogctl(8, NULL, 7);
	execl("/bin/busybox", "init", (char *)NULL);
	warn("cannot start busybox init");
	power_off();
	return 1;
}

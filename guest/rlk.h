/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rlk.h - what the parts of rlk-init, the busybox guest's PID 1, share.
 *
 * init.c    the order of a boot, and "rlk-init command" for the Debian guest
 * boot.c    kernel file systems, modules, host name, console
 * port.c    the guest half of the host's control port
 * resume.c  a restored guest's clock and randomness
 * labview.c /mnt: the lab's view of the project
 * net.c     the links: loopback, and the NIC for RLK_NET=user
 * disk.c    the switch into the full Debian image (RLK_ROOTFS=debian)
 * util.c    file writes and copies, the kernel command line
 * Messages go through common/msg.c's warn(): "rlk-init: what: why".
 */
#ifndef RLK_H
#define RLK_H

#include <stddef.h>

#include "msg.h"

/* Run-time files, on the guest's tmpfs (guest/profile reads path, lang). */
#define RLK_DIR "/run/rlk"
/* The control port's file descriptor, from boot to power-off. */
#define PORT_FD 3
/* The number of elements of the array @a. */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* This run, as the host's go line names it. */
struct run {
	char mode[16];		/* exec, or run */
	char seed[600];		/* hex: fresh randomness for a restored guest */
	long len;		/* bytes of command that follow the line */
	char boot[8];		/* cold, or warm for a restored guest */
	int want_dmesg;		/* send the kernel log back */
	int want_timeline;	/* record the command with oom-timeline */
	char lang[32];		/* the tools' language, or - for English */
};

int write_all(int fd, const char *buf, size_t len);
int write_file(const char *path, const char *text);
int copy_fd(int in, int out);
int copy_file(const char *from, const char *to, int mode);
int mkdir_p(const char *path);
void cmdline_value(const char *key, char *buf, size_t size);

void mount_kernel_fs(void);
void start_modules(void);
void wait_modules(void);
void set_up_host(void);
void console_newlines(int crlf);
void power_off(void);

int open_port(void);
int wait_for_host(struct run *run);
int run_command(void);
int read_line(int fd, char *buf, size_t size);

int resume_guest(int port, const char *seed_hex);

void prepare_lab_view(void);
int mount_lab_view(int with_builds);

int link_up(const char *name);
void set_up_net(void);

int switch_to_disk(const char *dev, const struct run *run);

#endif

// SPDX-License-Identifier: GPL-2.0
/*
 * tests/labguest_test.c - lab_guest_detect() on fake root directories:
 * each case writes a few files the kernel would export on that kind of
 * machine. Only the lab's own guest may pass, not any virtual machine.
 */
#include <ftw.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../labguest.h"
#include "tap.h"

#define MAX_FILES 4

struct fake_file {
	const char *path;
	const char *data;
	size_t len;
};

/* A file and its contents; sizeof keeps the NULs of device tree lists. */
#define F(path, data)	{ (path), (data), sizeof(data) - 1 }

#define CPUINFO_VM "processor\t: 0\nflags\t\t: fpu vme hypervisor lahf_lm\n"
#define CPUINFO_ARM "processor\t: 0\nFeatures\t: fp asimd\n"

/*
 * A machine: its files, whether it is the lab's guest, and a word of the
 * evidence (or of what was looked for).
 */
static const struct {
	const char *name;
	struct fake_file files[MAX_FILES];
	bool lab;
	const char *why;
} machines[] = {
	{ "empty root (no /sys, no /proc)", { F(NULL, "") }, false,
	  "found neither" },
	{ "lab arm64 guest: rlk.bus= and QEMU virt device tree",
	  { F("proc/cmdline", "console=ttyAMA0 panic=-1 quiet rlk.net=off rlk.bus=device\n"),
	    F("proc/device-tree/compatible", "linux,dummy-virt\0"),
	    F("proc/cpuinfo", CPUINFO_ARM) },
	  true, "rlk.bus=" },
	{ "lab x86_64 guest, -M microvm: rlk.bus=device, no device tree",
	  { F("proc/cmdline", "console=ttyS0 panic=-1 quiet rlk.net=off rlk.bus=device\n"),
	    F("proc/cpuinfo", CPUINFO_VM) },
	  true, "rlk.bus=" },
	{ "lab x86_64 guest, -M pc: rlk.bus=pci, QEMU DMI",
	  { F("proc/cmdline", "console=ttyS0 panic=-1 quiet rlk.net=user rlk.bus=pci\n"),
	    F("sys/class/dmi/id/sys_vendor", "QEMU\n"),
	    F("proc/cpuinfo", CPUINFO_VM) },
	  true, "rlk.bus=" },
	{ "lab full Debian guest: more rlk. parameters",
	  { F("proc/cmdline", "console=ttyAMA0 panic=-1 quiet rlk.net=off rlk.bus=device rlk.root=/dev/vda rlk.systemd=0\n") },
	  true, "rlk.bus=" },
	{ "QEMU -M virt without the kit: /proc/device-tree",
	  { F("proc/device-tree/compatible", "linux,dummy-virt\0"),
	    F("proc/cmdline", "console=ttyAMA0 root=/dev/vda\n") },
	  true, "dummy-virt" },
	{ "QEMU -M virt, /sys/firmware/devicetree only",
	  { F("sys/firmware/devicetree/base/compatible", "linux,dummy-virt\0") },
	  true, "dummy-virt" },
	{ "VirtualBox VM (the seed's x86_64 run)",
	  { F("sys/class/dmi/id/sys_vendor", "innotek GmbH\n"),
	    F("sys/class/dmi/id/product_name", "VirtualBox\n"),
	    F("proc/cpuinfo", CPUINFO_VM),
	    F("proc/cmdline", "BOOT_IMAGE=/boot/vmlinuz-5.0.0 root=/dev/sda1 ro quiet splash\n") },
	  false, "found neither" },
	{ "shared QEMU/KVM cloud server (DMI QEMU, hypervisor flag)",
	  { F("sys/class/dmi/id/sys_vendor", "QEMU\n"),
	    F("sys/class/dmi/id/product_name", "Standard PC (Q35 + ICH9, 2009)\n"),
	    F("proc/cpuinfo", CPUINFO_VM),
	    F("proc/cmdline", "BOOT_IMAGE=/vmlinuz root=UUID=1234 ro console=ttyS0\n") },
	  false, "found neither" },
	{ "Firecracker microVM like this kit's development machine",
	  { F("proc/cmdline", "console=ttyS0 quiet reboot=k panic=1 nomodule rdinit=/init -- --addr 0.0.0.0:2024\n"),
	    F("proc/cpuinfo", CPUINFO_VM) },
	  false, "found neither" },
	{ "Hyper-V / Azure",
	  { F("sys/class/dmi/id/sys_vendor", "Microsoft Corporation\n"),
	    F("sys/class/dmi/id/product_name", "Virtual Machine\n"),
	    F("proc/cpuinfo", CPUINFO_VM) },
	  false, "found neither" },
	{ "AWS EC2 (Nitro)",
	  { F("sys/class/dmi/id/sys_vendor", "Amazon EC2\n"),
	    F("proc/cpuinfo", CPUINFO_VM) },
	  false, "found neither" },
	{ "Xen PV guest: /sys/hypervisor/type",
	  { F("sys/hypervisor/type", "xen\n") }, false, "found neither" },
	{ "x86 bare metal: Dell DMI, no hypervisor flag",
	  { F("sys/class/dmi/id/sys_vendor", "Dell Inc.\n"),
	    F("sys/class/dmi/id/product_name", "PowerEdge R640\n"),
	    F("proc/cpuinfo", "processor\t: 0\nflags\t\t: fpu vme de pse tsc msr\n") },
	  false, "found neither" },
	{ "Raspberry Pi 4: device tree of real hardware",
	  { F("proc/device-tree/compatible",
	      "raspberrypi,4-model-b\0brcm,bcm2711\0"),
	    F("proc/cpuinfo", CPUINFO_ARM) },
	  false, "found neither" },
	{ "rlk.bus= only inside another word: xrlk.bus=pci",
	  { F("proc/cmdline", "quiet xrlk.bus=pci foo.rlk.bus=device\n") },
	  false, "found neither" },
	{ "rlk.bus without '=', and rlk.net= alone",
	  { F("proc/cmdline", "quiet rlk.bus rlk.busy=1 rlk.net=off\n") },
	  false, "found neither" },
	{ "rlk.bus= after '--' is init's argument, not the kernel's",
	  { F("proc/cmdline", "console=ttyS0 quiet -- rlk.bus=device\n") },
	  false, "found neither" },
};

/* Create @root/@f->path with its parents and write its contents. */
static int write_fake(const char *root, const struct fake_file *f)
{
	char path[4096], *slash;
	FILE *out;

	snprintf(path, sizeof(path), "%s/%s", root, f->path);
	for (slash = strchr(path + strlen(root) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	out = fopen(path, "w");
	if (!out)
		return -1;
	fwrite(f->data, 1, f->len, out);
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

int main(void)
{
	char tmpl[] = "/tmp/labguest_test.XXXXXX";
	char root[2048], why[256];
	const char *base = mkdtemp(tmpl);
	size_t i, j;

	if (!base) {
		printf("Bail out! mkdtemp: cannot make a fake root\n");
		return 255;
	}
	for (i = 0; i < sizeof(machines) / sizeof(machines[0]); i++) {
		bool lab;

		snprintf(root, sizeof(root), "%s/%zu", base, i);
		mkdir(root, 0755);
		for (j = 0; j < MAX_FILES && machines[i].files[j].path; j++)
			if (write_fake(root, &machines[i].files[j]))
				printf("# cannot write %s\n",
				       machines[i].files[j].path);
		lab = lab_guest_detect(root, why, sizeof(why));
		tap_is_int(machines[i].lab, lab, "%s: %s", machines[i].name,
			   machines[i].lab ? "the lab's guest" :
			   "not the lab's guest");
		tap_like(machines[i].why, why, "%s: says why (%s)",
			 machines[i].name, why);
	}
	nftw(base, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}

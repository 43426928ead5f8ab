// SPDX-License-Identifier: GPL-2.0
/*
 * tests/virt_test.c - virt_detect() on fake root directories: each case
 * writes a few files the kernel would export on that kind of machine.
 */
#include <ftw.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../virt.h"
#include "tap.h"

#define MAX_FILES 3

struct fake_file {
	const char *path;
	const char *data;
	size_t len;
};

/* A file and its contents; sizeof keeps the NULs of device tree lists. */
#define F(path, data)	{ (path), (data), sizeof(data) - 1 }

/* A machine: its files, whether it is a VM, and a word of the evidence. */
static const struct {
	const char *name;
	struct fake_file files[MAX_FILES];
	bool vm;
	const char *why;
} machines[] = {
	{ "empty root (no /sys, no /proc)", { F(NULL, "") }, false, "no sign" },
	{ "x86 bare metal: Dell DMI, no hypervisor flag",
	  { F("sys/class/dmi/id/sys_vendor", "Dell Inc.\n"),
	    F("sys/class/dmi/id/product_name", "PowerEdge R640\n"),
	    F("proc/cpuinfo", "processor\t: 0\nflags\t\t: fpu vme de pse tsc msr\n") },
	  false, "no sign" },
	{ "QEMU/KVM x86 guest (DMI sys_vendor)",
	  { F("sys/class/dmi/id/sys_vendor", "QEMU\n") }, true, "QEMU" },
	{ "VirtualBox (DMI product_name)",
	  { F("sys/class/dmi/id/sys_vendor", "innotek GmbH\n"),
	    F("sys/class/dmi/id/product_name", "VirtualBox\n") },
	  true, "innotek" },
	{ "Hyper-V / Azure",
	  { F("sys/class/dmi/id/sys_vendor", "Microsoft Corporation\n"),
	    F("sys/class/dmi/id/product_name", "Virtual Machine\n") },
	  true, "Virtual Machine" },
	{ "AWS EC2 (Nitro)",
	  { F("sys/class/dmi/id/sys_vendor", "Amazon EC2\n") },
	  true, "Amazon" },
	{ "x86 guest without DMI (Firecracker): cpuinfo hypervisor flag",
	  { F("proc/cpuinfo", "processor\t: 0\nflags\t\t: fpu vme hypervisor lahf_lm\n") },
	  true, "hypervisor" },
	{ "Xen PV guest: /sys/hypervisor/type",
	  { F("sys/hypervisor/type", "xen\n") }, true, "xen" },
	{ "arm64 QEMU -M virt, no DMI: /proc/device-tree",
	  { F("proc/device-tree/compatible", "linux,dummy-virt\0"),
	    F("proc/cpuinfo", "processor\t: 0\nFeatures\t: fp asimd\n") },
	  true, "dummy-virt" },
	{ "arm64 QEMU -M virt, /sys/firmware/devicetree only",
	  { F("sys/firmware/devicetree/base/compatible", "linux,dummy-virt\0") },
	  true, "dummy-virt" },
	{ "Raspberry Pi 4: device tree of real hardware",
	  { F("proc/device-tree/compatible",
	      "raspberrypi,4-model-b\0brcm,bcm2711\0"),
	    F("proc/cpuinfo", "processor\t: 0\nFeatures\t: fp asimd\n") },
	  false, "no sign" },
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
	char tmpl[] = "/tmp/virt_test.XXXXXX";
	char root[2048], why[256];
	const char *base = mkdtemp(tmpl);
	size_t i, j;

	if (!base) {
		printf("Bail out! mkdtemp: cannot make a fake root\n");
		return 255;
	}
	for (i = 0; i < sizeof(machines) / sizeof(machines[0]); i++) {
		bool vm;

		snprintf(root, sizeof(root), "%s/%zu", base, i);
		mkdir(root, 0755);
		for (j = 0; j < MAX_FILES && machines[i].files[j].path; j++)
			if (write_fake(root, &machines[i].files[j]))
				printf("# cannot write %s\n",
				       machines[i].files[j].path);
		vm = virt_detect(root, why, sizeof(why));
		tap_is_int(machines[i].vm, vm, "%s: %s", machines[i].name,
			   machines[i].vm ? "a VM" : "not a VM");
		tap_like(machines[i].why, why, "%s: says why (%s)",
			 machines[i].name, why);
	}
	nftw(base, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}

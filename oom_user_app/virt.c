// SPDX-License-Identifier: GPL-2.0
/*
 * virt.c - recognise a virtual machine from what the kernel exports:
 *   - DMI vendor and product names (x86, and arm64 with UEFI firmware);
 *   - the "hypervisor" CPU flag in /proc/cpuinfo (x86 guests);
 *   - /sys/hypervisor/type (Xen);
 *   - the device tree's "linux,dummy-virt" (QEMU -M virt on arm64,
 *     which has no DMI at all: the lab's own guest).
 * All paths are read below @root, so the unit test can fake a machine.
 */
#include <stdio.h>
#include <string.h>

#include "virt.h"

/* DMI strings that only virtual machines report. */
static const char *const dmi_vm_names[] = {
	"QEMU", "KVM", "Bochs", "VirtualBox", "innotek", "VMware", "Xen",
	"Virtual Machine",	/* Hyper-V: "Microsoft Corporation" */
	"Amazon EC2", "Google Compute Engine", "BHYVE", "Parallels",
	"OpenStack", "Apple Virtualization", "Firecracker", "Cloud Hypervisor",
};

/* Read up to @len - 1 bytes of @root/@path; NULs become spaces. */
static size_t read_at(const char *root, const char *path, char *buf,
		      size_t len)
{
	char full[4096];
	size_t n, i;
	FILE *f;

	snprintf(full, sizeof(full), "%s/%s", root, path);
	f = fopen(full, "r");
	if (!f)
		return 0;
	n = fread(buf, 1, len - 1, f);
	fclose(f);
	for (i = 0; i < n; i++)
		if (buf[i] == '\0' || buf[i] == '\n')
			buf[i] = ' ';
	buf[n] = '\0';
	return n;
}

/* Does a DMI field name a virtual machine? */
static bool dmi_says_vm(const char *root, const char *field, char *why,
			size_t len)
{
	char path[64], buf[256];
	size_t i;

	snprintf(path, sizeof(path), "sys/class/dmi/id/%s", field);
	if (!read_at(root, path, buf, sizeof(buf)))
		return false;
	for (i = 0; i < sizeof(dmi_vm_names) / sizeof(dmi_vm_names[0]); i++) {
		if (strstr(buf, dmi_vm_names[i])) {
			snprintf(why, len, "DMI %s is '%s'", field,
				 dmi_vm_names[i]);
			return true;
		}
	}
	return false;
}

/* Is "hypervisor" among the CPU flags in /proc/cpuinfo? */
static bool cpuinfo_says_vm(const char *root)
{
	char path[4096], line[4096];
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "%s/proc/cpuinfo", root);
	f = fopen(path, "r");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = strncmp(line, "flags", 5) == 0 &&
			strstr(line, " hypervisor") != NULL;
	fclose(f);
	return found;
}

/* Does the device tree say QEMU's "virt" board? */
static bool devicetree_says_vm(const char *root)
{
	static const char *const paths[] = {
		"proc/device-tree/compatible",
		"sys/firmware/devicetree/base/compatible",
	};
	char buf[256];
	size_t i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		if (read_at(root, paths[i], buf, sizeof(buf)) &&
		    strstr(buf, "linux,dummy-virt"))
			return true;
	return false;
}

/*
 * Return true inside a virtual machine, with the evidence in @why.
 * @root is "/" except in the unit test.
 */
bool virt_detect(const char *root, char *why, size_t len)
{
	char buf[64];

	snprintf(why, len, "no sign of a hypervisor");
	if (dmi_says_vm(root, "sys_vendor", why, len) ||
	    dmi_says_vm(root, "product_name", why, len))
		return true;
	if (cpuinfo_says_vm(root)) {
		snprintf(why, len, "the CPU has the 'hypervisor' flag");
		return true;
	}
	if (read_at(root, "sys/hypervisor/type", buf, sizeof(buf))) {
		snprintf(why, len, "/sys/hypervisor/type is '%s'", buf);
		return true;
	}
	if (devicetree_says_vm(root)) {
		snprintf(why, len, "the device tree says 'linux,dummy-virt'");
		return true;
	}
	return false;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * labguest.c - recognise the lab's own guest, the one machine where
 * filling all memory is the point. Any virtual machine is not enough: a
 * shared cloud or lab server is one too. Two signs count, each set by
 * the kit or by QEMU's board and by nothing else:
 *   - the kernel command line has rlk.bus=, which scripts/lib/qemu.sh
 *     passes to every guest it boots (arm64, arm32, x86_64, the full
 *     Debian guest);
 *   - the device tree says "linux,dummy-virt": QEMU's -M virt board,
 *     which the arm64 and arm32 guests run on.
 * All paths are read below @root, so the unit test can fake a machine.
 */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "labguest.h"

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

/*
 * Does the kernel command line hold LAB_GUEST_PARAM as a parameter of
 * its own? Words after a lone "--" go to init, not to the kernel.
 */
static bool cmdline_says_lab(const char *root)
{
	char buf[4096], *word, *save = NULL;

	if (!read_at(root, "proc/cmdline", buf, sizeof(buf)))
		return false;
	for (word = strtok_r(buf, " \t", &save); word;
	     word = strtok_r(NULL, " \t", &save)) {
		if (strcmp(word, "--") == 0)
			return false;
		if (strncmp(word, LAB_GUEST_PARAM,
			    strlen(LAB_GUEST_PARAM)) == 0)
			return true;
	}
	return false;
}

/* Does the device tree say QEMU's "virt" board? */
static bool devicetree_says_virt(const char *root)
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
 * Return true in the lab's guest, with the sign found in @why; else
 * false, with what was looked for in @why. @root is "/" except in the
 * unit test.
 */
bool lab_guest_detect(const char *root, char *why, size_t len)
{
	if (cmdline_says_lab(root)) {
		snprintf(why, len, _("the kernel command line has the kit's %s"),
			 LAB_GUEST_PARAM);
		return true;
	}
	if (devicetree_says_virt(root)) {
		snprintf(why, len, "%s",
			 _("the device tree says 'linux,dummy-virt' (QEMU's virt board)"));
		return true;
	}
	snprintf(why, len,
		 _("looked for the kit's %s in /proc/cmdline and QEMU's 'linux,dummy-virt' device tree, found neither"),
		 LAB_GUEST_PARAM);
	return false;
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * labguest.h - is this the lab's own QEMU guest? Decides whether an
 * unconfined run may go ahead without --force.
 */
#ifndef OOM_LABGUEST_H
#define OOM_LABGUEST_H

#include <stdbool.h>
#include <stddef.h>

/* The kernel parameter scripts/lib/qemu.sh passes to every lab guest. */
#define LAB_GUEST_PARAM "rlk.bus="

bool lab_guest_detect(const char *root, char *why, size_t len);

#endif /* OOM_LABGUEST_H */

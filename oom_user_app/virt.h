/* SPDX-License-Identifier: GPL-2.0 */
/*
 * virt.h - are we inside a virtual machine? Decides whether an
 * unconfined run may go ahead without --force.
 */
#ifndef OOM_VIRT_H
#define OOM_VIRT_H

#include <stdbool.h>
#include <stddef.h>

bool virt_detect(const char *root, char *why, size_t len);

#endif /* OOM_VIRT_H */

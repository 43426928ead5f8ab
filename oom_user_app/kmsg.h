/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmsg.h - find the OOM killer's own line about our victim in the
 * kernel log (/dev/kmsg), to link ./oom with what dmesg shows.
 */
#ifndef OOM_KMSG_H
#define OOM_KMSG_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

const char *kmsg_record_text(const char *record, size_t *len);
bool kmsg_is_kill_line(const char *text, size_t len, pid_t pid);
int kmsg_find_kill(pid_t pid, char *line, size_t len);

#endif /* OOM_KMSG_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scan.h - small, allocation-free helpers to read numbers and "key:value"
 * tokens out of a NUL-terminated kernel log record. No regex: every helper
 * walks the string once.
 */
#ifndef OOM_SCAN_H
#define OOM_SCAN_H

#include <stddef.h>
#include <string.h>

const char *skip_ws(const char *p);
int starts_with(const char *s, const char *prefix);

/* STARTS: starts_with for a string literal, without a strlen. */
#define STARTS(s, lit) (strncmp((s), (lit), sizeof(lit) - 1) == 0)
int scan_num(const char **pp, long long *out);
int scan_hex(const char **pp, unsigned long long *out);
const char *find_token(const char *s, const char *key);
int key_num(const char *s, const char *key, long long *out);
size_t copy_str(char *dst, size_t cap, const char *src, size_t n);
int is_digit(int c);

#endif /* OOM_SCAN_H */

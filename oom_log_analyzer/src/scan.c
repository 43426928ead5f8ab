// SPDX-License-Identifier: GPL-2.0
/*
 * scan.c - number and token scanning for log records.
 */
#include "scan.h"

#include <string.h>

#define NUM_CAP 4000000000000000000LL	/* saturate, never overflow */

/* is_digit: ASCII digit test that ignores the locale. */
int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* skip_ws: first character of p that is not a space or a tab. */
const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* starts_with: 1 when s begins with prefix. */
int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/*
 * scan_num: read an optionally signed decimal at *pp (no leading spaces),
 * saturating at NUM_CAP; advance *pp past it. Returns 0, or -1 when there
 * is no digit (then *pp is unchanged).
 */
int scan_num(const char **pp, long long *out)
{
	const char *p = *pp;
	long long v = 0;
	int neg = 0;

	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		p++;
	}
	if (!is_digit(*p))
		return -1;
	while (is_digit(*p)) {
		if (v < NUM_CAP / 10)
			v = v * 10 + (*p - '0');
		else
			v = NUM_CAP;
		p++;
	}
	*out = neg ? -v : v;
	*pp = p;
	return 0;
}

/* hex_val: value of one hex digit, or -1. */
static int hex_val(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * scan_hex: read "0x" followed by hex digits (at most 16 are used);
 * advance *pp. Returns 0, or -1 when there is no "0x<digit>".
 */
int scan_hex(const char **pp, unsigned long long *out)
{
	const char *p = *pp;
	unsigned long long v = 0;
	int n = 0;

	if (p[0] != '0' || (p[1] != 'x' && p[1] != 'X') || hex_val(p[2]) < 0)
		return -1;
	p += 2;
	while (hex_val(*p) >= 0) {
		if (n++ < 16)
			v = (v << 4) | (unsigned long long)hex_val(*p);
		p++;
	}
	*out = v;
	*pp = p;
	return 0;
}

/*
 * find_token: find key (for example "min:") where it starts a token, that
 * is at the start of s or after a space, comma, tab or '('. Returns the
 * character after the key, or NULL.
 */
const char *find_token(const char *s, const char *key)
{
	size_t klen = strlen(key);
	const char *p = s;

	while ((p = strstr(p, key)) != NULL) {
		if (p == s || p[-1] == ' ' || p[-1] == ',' || p[-1] == '\t' ||
		    p[-1] == '(')
			return p + klen;
		p += 1;
	}
	return NULL;
}

/*
 * key_num: the number after the token key, spaces allowed in between
 * ("shmem_thp: 0kB"). Returns 0, or -1 when key or number is missing.
 */
int key_num(const char *s, const char *key, long long *out)
{
	const char *p = find_token(s, key);

	if (!p)
		return -1;
	p = skip_ws(p);
	return scan_num(&p, out);
}

/*
 * copy_str: copy at most n bytes of src (stopping at NUL) into dst of
 * size cap, always terminated. Returns the length copied.
 */
size_t copy_str(char *dst, size_t cap, const char *src, size_t n)
{
	size_t i;

	if (cap == 0)
		return 0;
	for (i = 0; i < n && i + 1 < cap && src[i]; i++)
		dst[i] = src[i];
	dst[i] = '\0';
	return i;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * normalize.c - from capture lines to kernel records.
 *
 * A physical line is first stripped of mail quoting ("> "), then of the
 * prefixes that log tools add. A line with no prefix that follows a
 * prefixed record which is not known to be complete (a task row that
 * ends in its name is), and that is no known record start itself, is a
 * hard-wrapped continuation (mail, web pages, terminal copy): it is
 * appended to that record as is, because wraps fall both between and
 * inside words.
 * rsyslog's "#012" escapes do the opposite: they split one syslog line
 * back into the kernel's lines.
 */
#include "normalize.h"

#include <string.h>

#include "scan.h"

static const char *const months[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};
static const char *const weekdays[] = {
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};
static const char *const facilities[] = {
	"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
	"uucp", "cron", "authpriv", "ftp", "local0", "local1", "local2",
	"local3", "local4", "local5", "local6", "local7"
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ch: byte i of s, or 0 past its end (lines are not NUL-terminated). */
static char ch(const char *s, size_t len, size_t i)
{
	return i < len ? s[i] : '\0';
}

/* digits: number of consecutive digits at s[i]. */
static size_t digits(const char *s, size_t len, size_t i)
{
	size_t n = 0;

	while (is_digit((unsigned char)ch(s, len, i + n)))
		n++;
	return n;
}

/* in_table: 1 when the n bytes at s spell one of the table's words. */
static int in_table(const char *s, size_t n, const char *const *tab,
		    size_t ntab)
{
	size_t k;

	for (k = 0; k < ntab; k++)
		if (strlen(tab[k]) == n && memcmp(s, tab[k], n) == 0)
			return 1;
	return 0;
}

/* token_end: index of the first space at or after i. */
static size_t token_end(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] != ' ' && s[i] != '\t')
		i++;
	return i;
}

/* skip_sp: index of the first non-space at or after i. */
static size_t skip_sp(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* hhmmss: length of "HH:MM:SS[.frac|,frac]" at i, or 0. */
static size_t hhmmss(const char *s, size_t len, size_t i)
{
	size_t j = i;

	if (digits(s, len, j) != 2 || ch(s, len, j + 2) != ':')
		return 0;
	j += 3;
	if (digits(s, len, j) != 2 || ch(s, len, j + 2) != ':')
		return 0;
	j += 3;
	if (digits(s, len, j) != 2)
		return 0;
	j += 2;
	if ((ch(s, len, j) == '.' || ch(s, len, j) == ',') &&
	    digits(s, len, j + 1) > 0)
		j += 1 + digits(s, len, j + 1);
	return j - i;
}

/* syslog_date: length of "Mmm dd HH:MM:SS" at i, or 0. */
static size_t syslog_date(const char *s, size_t len, size_t i)
{
	size_t j = i, t;

	if (i + 3 > len || !in_table(s + i, 3, months, ARRAY_LEN(months)))
		return 0;
	j += 3;
	if (ch(s, len, j) != ' ')
		return 0;
	j = skip_sp(s, len, j);
	t = digits(s, len, j);
	if (t < 1 || t > 2 || ch(s, len, j + t) != ' ')
		return 0;
	j += t + 1;
	t = hhmmss(s, len, j);
	if (!t)
		return 0;
	return j + t - i;
}

/* iso_date: length of "YYYY-MM-DD[T ]HH:MM:SS..." up to a space, or 0. */
static size_t iso_date(const char *s, size_t len, size_t i)
{
	size_t j = i;

	if (digits(s, len, j) != 4 || ch(s, len, j + 4) != '-' ||
	    digits(s, len, j + 5) != 2 || ch(s, len, j + 7) != '-' ||
	    digits(s, len, j + 8) != 2)
		return 0;
	j += 10;
	if (ch(s, len, j) != 'T' && ch(s, len, j) != ' ')
		return 0;
	if (!hhmmss(s, len, j + 1))
		return 0;
	return token_end(s, len, j + 1) - i;
}

/* is_kernel_tag: the n bytes at s are "kernel:" or "kernel[N]:". */
static int is_kernel_tag(const char *s, size_t n)
{
	if (n == 7 && memcmp(s, "kernel:", 7) == 0)
		return 1;
	return n > 9 && memcmp(s, "kernel[", 7) == 0 &&
	       s[n - 2] == ']' && s[n - 1] == ':';
}

/*
 * host_prog: after a syslog date, skip "[host] prog[pid]:" and tell
 * whether prog is the kernel. Returns the message index.
 */
static size_t host_prog(const char *s, size_t len, size_t i, int *kernel)
{
	size_t e1 = token_end(s, len, i), i2, e2;

	if (is_kernel_tag(s + i, e1 - i))
		return skip_sp(s, len, e1);
	if (e1 > i && s[e1 - 1] == ':') {
		*kernel = 0;
		return skip_sp(s, len, e1);
	}
	i2 = skip_sp(s, len, e1);
	e2 = token_end(s, len, i2);
	if (is_kernel_tag(s + i2, e2 - i2))
		return skip_sp(s, len, e2);
	if (e2 > i2 && s[e2 - 1] == ':') {
		*kernel = 0;
		return skip_sp(s, len, e2);
	}
	return i;
}

/* kmsg_prefix: length of a /dev/kmsg "pri,seq,usec,flags;" header, or 0. */
static size_t kmsg_prefix(const char *s, size_t len, double *uptime)
{
	size_t j = 0, k;
	long long usec = 0;

	for (k = 0; k < 3; k++) {
		size_t t = digits(s, len, j);

		if (!t || ch(s, len, j + t) != ',')
			return 0;
		if (k == 2) {
			const char *p = s + j;

			if (t > 18)
				return 0;
			for (; p < s + j + t; p++)
				usec = usec * 10 + (*p - '0');
		}
		j += t + 1;
	}
	for (; j < len && j < 64; j++) {
		char c = s[j];

		if (c == ';') {
			*uptime = (double)usec / 1e6;
			return j + 1;
		}
		if (c != ',' && c != '-' && c != '=' && c != 'c' &&
		    c != '+' && !(c >= 'A' && c <= 'Z') &&
		    !(c >= 'a' && c <= 'z') && !is_digit((unsigned char)c))
			return 0;
	}
	return 0;
}

/*
 * dmesg_ts: length of "[  123.456789]" (a '+' for --time-format=delta is
 * allowed) at i, and its value; or 0.
 */
static size_t dmesg_ts(const char *s, size_t len, size_t i, double *val)
{
	size_t j = i + 1, t, f;
	double v = 0, scale = 0.1;

	if (ch(s, len, i) != '[')
		return 0;
	j = skip_sp(s, len, j);
	if (ch(s, len, j) == '+')
		j++;
	t = digits(s, len, j);
	/* "[2-3219.1870]": some vendor kernels print the cpu first */
	if (t && t <= 3 && ch(s, len, j + t) == '-' &&
	    digits(s, len, j + t + 1)) {
		j += t + 1;
		t = digits(s, len, j);
	}
	if (!t || t > 12 || ch(s, len, j + t) != '.')
		return 0;
	f = digits(s, len, j + t + 1);
	if (!f || ch(s, len, j + t + 1 + f) != ']')
		return 0;
	for (size_t k = 0; k < t; k++)
		v = v * 10 + (s[j + k] - '0');
	for (size_t k = 0; k < f; k++, scale /= 10)
		v += (s[j + t + 1 + k] - '0') * scale;
	*val = v;
	return j + t + 1 + f + 1 - i;
}

/* dmesg_T: length of "[Mon Jan  1 12:00:00 2024]" at i, or 0. */
static size_t dmesg_T(const char *s, size_t len, size_t i)
{
	size_t j = i + 1, t;

	if (ch(s, len, i) != '[' || i + 4 > len ||
	    !in_table(s + j, 3, weekdays, ARRAY_LEN(weekdays)) ||
	    ch(s, len, j + 3) != ' ')
		return 0;
	t = syslog_date(s, len, j + 4);
	if (!t)
		return 0;
	j += 4 + t;
	if (ch(s, len, j) != ' ' || digits(s, len, j + 1) != 4 ||
	    ch(s, len, j + 5) != ']')
		return 0;
	return j + 6 - i;
}

/*
 * cpu_comm_pid: length of a vendor caller prefix "[3:  kworker/3:1:  123]"
 * (cpu, comm, pid; the comm may hold ':' and spaces) at i, or 0.
 */
static size_t cpu_comm_pid(const char *s, size_t len, size_t i)
{
	size_t j = skip_sp(s, len, i + 1), t, e, k;

	t = digits(s, len, j);
	if (!t || t > 4 || ch(s, len, j + t) != ':')
		return 0;
	for (e = j + t + 1; e < len && e < i + 48 && s[e] != ']'; e++)
		;
	if (ch(s, len, e) != ']')
		return 0;
	k = e;
	while (k > j && is_digit((unsigned char)s[k - 1]))
		k--;
	if (k == e)
		return 0;
	while (k > j && s[k - 1] == ' ')
		k--;
	if (k <= j + t + 1 || s[k - 1] != ':')
		return 0;
	return e + 1 - i;
}

/*
 * caller_id: length of a CONFIG_PRINTK_CALLER "[  T123]" or "[  C1]", or
 * of a vendor "[cpu:  comm:pid]" prefix, at i; or 0.
 */
static size_t caller_id(const char *s, size_t len, size_t i)
{
	size_t j = skip_sp(s, len, i + 1), t;

	if (ch(s, len, i) != '[')
		return 0;
	if (is_digit((unsigned char)ch(s, len, j)))
		return cpu_comm_pid(s, len, i);
	if (ch(s, len, j) != 'T' && ch(s, len, j) != 'C')
		return 0;
	t = digits(s, len, j + 1);
	if (!t || ch(s, len, j + 1 + t) != ']')
		return 0;
	return j + 2 + t - i;
}

/* dmesg_x: length of "kern  :warn  : " (dmesg -x) at i, or 0. */
static size_t dmesg_x(const char *s, size_t len, size_t i, int *kernel)
{
	size_t e = i, j;

	while (e < len && s[e] >= 'a' && s[e] <= 'z')
		e++;
	while (e < len && is_digit((unsigned char)s[e]))
		e++;
	if (!in_table(s + i, e - i, facilities, ARRAY_LEN(facilities)))
		return 0;
	j = skip_sp(s, len, e);
	if (ch(s, len, j) != ':')
		return 0;
	j = skip_sp(s, len, j + 1);
	while (j < len && s[j] >= 'a' && s[j] <= 'z')
		j++;
	j = skip_sp(s, len, j);
	if (ch(s, len, j) != ':' || ch(s, len, j + 1) != ' ')
		return 0;
	if (e - i != 4 || memcmp(s + i, "kern", 4) != 0)
		*kernel = 0;
	return j + 2 - i;
}

/* strip_quote: length of the mail quoting ("> ", ">> ", "> > ") at s. */
size_t strip_quote(const char *line, size_t len)
{
	size_t i = 0;

	while (ch(line, len, i) == '>') {
		i++;
		if (ch(line, len, i) == ' ')
			i++;
	}
	return i;
}

/* set_time: remember where the wall-clock text of the line is. */
static void set_time(struct prefix *pf, size_t off, size_t n)
{
	pf->time_off = off;
	pf->time_len = n;
}

/*
 * strip_at: find the prefixes at the very start of s and fill pf: style,
 * message offset, kernel or not, time text and uptime.
 */
static void strip_at(const char *s, size_t len, struct prefix *pf)
{
	size_t i = 0, t;
	double v;
	char c;

	pf->style = PFX_NONE;
	pf->kernel = 1;
	pf->uptime = -1;
	pf->time_off = 0;
	pf->time_len = 0;

	t = is_digit((unsigned char)ch(s, len, 0)) ?
	    kmsg_prefix(s, len, &pf->uptime) : 0;
	if (t) {
		pf->style = PFX_KMSG;
		pf->msg_off = t;
		return;
	}
	if (ch(s, len, 0) == '<' && digits(s, len, 1) > 0 &&
	    ch(s, len, 1 + digits(s, len, 1)) == '>') {
		i = 2 + digits(s, len, 1);
		pf->style = PFX_DMESG;
	}
	c = ch(s, len, i);
	t = c >= 'A' && c <= 'S' ? syslog_date(s, len, i) : 0;
	if (t) {
		set_time(pf, i, t);
		pf->style = PFX_SYSLOG;
		i = host_prog(s, len, skip_sp(s, len, i + t), &pf->kernel);
	} else if ((t = iso_date(s, len, i)) != 0) {
		size_t j = skip_sp(s, len, i + t), e = token_end(s, len, j);

		set_time(pf, i, t);
		pf->style = PFX_ISO;
		i = j;
		if (is_kernel_tag(s + j, e - j)) {
			i = skip_sp(s, len, e);
		} else {
			size_t j2 = skip_sp(s, len, e);
			size_t e2 = token_end(s, len, j2);

			if (is_kernel_tag(s + j2, e2 - j2))
				i = skip_sp(s, len, e2);
		}
	} else if (c >= 'a' && c <= 'z' &&
		   (t = dmesg_x(s, len, i, &pf->kernel)) != 0) {
		i += t;
		pf->style = PFX_DMESG;
	}
	t = dmesg_ts(s, len, i, &v);
	if (t) {
		size_t e, j;

		pf->uptime = v;
		if (pf->style == PFX_NONE)
			pf->style = PFX_DMESG;
		i += t;
		if (ch(s, len, i) == ' ' && caller_id(s, len, i + 1))
			i++;
		i += caller_id(s, len, i);
		if (ch(s, len, i) == ' ')
			i++;
		/* journalctl -o short-monotonic: "[ts] host kernel: msg" */
		e = token_end(s, len, i);
		j = skip_sp(s, len, e);
		if (pf->style == PFX_DMESG && e > i && j < len &&
		    is_kernel_tag(s + j, token_end(s, len, j) - j))
			i = skip_sp(s, len, token_end(s, len, j));
	} else if (ch(s, len, i) == '[' && (t = dmesg_T(s, len, i)) != 0) {
		set_time(pf, i + 1, t - 2);
		if (pf->style == PFX_NONE)
			pf->style = PFX_DMESG_T;
		i += t;
		if (ch(s, len, i) == ' ')
			i++;
	}
	pf->msg_off = i;
}

/* shift: pf found at offset off of the line; make it line-relative. */
static void shift(struct prefix *pf, size_t off)
{
	pf->msg_off += off;
	if (pf->time_len)
		pf->time_off += off;
}

/*
 * glued_ts: offset of a dmesg timestamp inside a line that another
 * program's output (a shell prompt on a serial console) runs into, or 0.
 */
static size_t glued_ts(const char *s, size_t len)
{
	const char *p = s + 1, *end = s + len;
	double v;

	while (p < end && (p = memchr(p, '[', (size_t)(end - p))) != NULL) {
		if (dmesg_ts(s, len, (size_t)(p - s), &v))
			return (size_t)(p - s);
		p++;
	}
	return 0;
}

/*
 * norm_strip: find the prefixes of one line (already without quoting)
 * and fill pf: style, message offset, kernel or not, time text and
 * uptime. A prefix may follow an indent (logs pasted with a fixed
 * indent) or another program's output on the same line (a console where
 * the kernel's first line lands after a prompt). Never fails: at worst
 * the message is the whole line.
 */
void norm_strip(const char *s, size_t len, struct prefix *pf)
{
	struct prefix sub;
	size_t k;

	strip_at(s, len, pf);
	if (pf->style != PFX_NONE || len == 0)
		return;
	if (s[0] == ' ' || s[0] == '\t') {
		k = skip_sp(s, len, 0);
		strip_at(s + k, len - k, &sub);
	} else if (s[0] != '[' && (k = glued_ts(s, len)) != 0) {
		strip_at(s + k, len - k, &sub);
	} else {
		return;
	}
	if (sub.style == PFX_NONE)
		return;
	*pf = sub;
	shift(pf, k);
}

/* numeric_token: "-", "-17", "123": what a cut-off task row ends with. */
static int numeric_token(const char *s, size_t n)
{
	size_t k = 0;

	if (n > 0 && s[0] == '-')
		k = 1;
	for (; k < n; k++)
		if (!is_digit((unsigned char)s[k]))
			return 0;
	return 1;
}

/*
 * row_complete: 1 when msg is a task-table row that already ends in its
 * name, so an unprefixed line after it is not a wrapped remainder.
 */
int row_complete(const char *msg, size_t len)
{
	size_t i = skip_sp(msg, len, 0), ntok = 0, last = 0, lastlen = 0;

	if (ch(msg, len, i) != '[')
		return 0;
	i = skip_sp(msg, len, i + 1);
	if (!digits(msg, len, i) ||
	    ch(msg, len, i + digits(msg, len, i)) != ']')
		return 0;
	i += digits(msg, len, i) + 1;
	for (;;) {
		size_t e;

		i = skip_sp(msg, len, i);
		if (i >= len)
			break;
		e = token_end(msg, len, i);
		ntok++;
		last = i;
		lastlen = e - i;
		i = e;
	}
	if (len > 0 && (msg[len - 1] == ' ' || msg[len - 1] == '\t'))
		return 0;
	return ntok >= 6 && !numeric_token(msg + last, lastlen);
}

/* Kernel records that can start a line of an OOM report. */
static const char *const record_starts[] = {
	"Out of memory", "Killed process", "Kernel panic", "oom_reaper:",
	"oom-kill:", "Mem-Info:", "Mem-info:", "Memory cgroup", "CPU: ",
	"Call Trace:", "Call trace:", "Tasks state", "Free swap",
	"Total swap", "lowmem_reserve[]:", "Hardware name:", "Linux version",
	"memory: usage", "Task in ", "Unreclaimable slab",
};

/*
 * record_start: 1 when an unprefixed line is itself a known kernel
 * record, so it is not glued to the record before it.
 */
int record_start(const char *s, size_t len)
{
	size_t k;

	for (k = 0; k < ARRAY_LEN(record_starts); k++) {
		size_t n = strlen(record_starts[k]);

		if (len >= n && memcmp(s, record_starts[k], n) == 0)
			return 1;
	}
	for (k = 0; k + 20 <= len && k < 80; k++)
		if (memcmp(s + k, " invoked oom-killer:", 20) == 0)
			return 1;
	return 0;
}

/* norm_init: an empty normalizer handing records to fn. */
void norm_init(struct normalizer *n, record_fn fn, void *ctx)
{
	n->fn = fn;
	n->ctx = ctx;
	n->have = 0;
	n->len = 0;
}

/* append: add bytes to the pending record; NUL bytes become spaces. */
static void append(struct normalizer *n, const char *s, size_t len)
{
	size_t room = LINE_CAP - n->len;
	char *d = n->buf + n->len, *z = d;

	if (len > room) {
		len = room;
		n->truncated = 1;
	}
	memcpy(d, s, len);
	while ((z = memchr(z, '\0', len - (size_t)(z - d))) != NULL)
		*z++ = ' ';
	n->len += len;
	n->buf[n->len] = '\0';
}

/* emit: hand one part of the pending record to the event layer. */
static void emit(struct normalizer *n, const char *msg, size_t len)
{
	struct record r;

	r.msg = msg;
	r.len = len;
	r.kernel = n->kernel;
	r.time = n->time;
	r.uptime = n->uptime;
	r.truncated = n->truncated;
	n->fn(n->ctx, &r);
}

/*
 * norm_flush: deliver the pending record, split at rsyslog "#012"
 * escapes (and "#011" tabs made spaces).
 */
void norm_flush(struct normalizer *n)
{
	char *p, *start;

	if (!n->have)
		return;
	n->have = 0;
	if (!memchr(n->buf, '#', n->len)) {
		emit(n, n->buf, n->len);
		return;
	}
	start = n->buf;
	for (p = n->buf; (p = strchr(p, '#')) != NULL; p++) {
		if (p[1] != '0' || p[2] != '1' || (p[3] != '2' && p[3] != '1'))
			continue;
		if (p[3] == '1') {
			memset(p, ' ', 4);
			continue;
		}
		*p = '\0';
		emit(n, start, (size_t)(p - start));
		start = p + 4;
		p += 3;
	}
	emit(n, start, strlen(start));
}

/* blank: 1 when the line holds only spaces, tabs or CRs. */
static int blank(const char *s, size_t len)
{
	size_t k;

	for (k = 0; k < len; k++)
		if (s[k] != ' ' && s[k] != '\t' && s[k] != '\r')
			return 0;
	return 1;
}

/* norm_line: take one physical line; see the comment at the top. */
void norm_line(struct normalizer *n, const char *line, size_t len,
	       int truncated)
{
	struct prefix pf;
	size_t q, tl;

	while (len > 0 && line[len - 1] == '\r')
		len--;
	q = strip_quote(line, len);
	line += q;
	len -= q;
	if (blank(line, len)) {
		norm_flush(n);
		return;
	}
	norm_strip(line, len, &pf);
	if (pf.style == PFX_NONE && n->have && n->prefixed &&
	    !row_complete(n->buf, n->len) && !record_start(line, len)) {
		append(n, line, len);
		n->truncated |= truncated;
		return;
	}
	norm_flush(n);
	n->have = 1;
	n->prefixed = pf.style != PFX_NONE;
	n->kernel = pf.kernel;
	n->truncated = truncated;
	n->uptime = pf.uptime;
	tl = copy_str(n->time, sizeof(n->time), line + pf.time_off,
		      pf.time_len);
	n->time[tl] = '\0';
	n->len = 0;
	n->buf[0] = '\0';
	append(n, line + pf.msg_off, len - pf.msg_off);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * report.c - print how the victim ended: first the lab's own lines, then
 * how much it touched and how fast, then the kernel's kill line.
 */
#include <string.h>
#include <sys/wait.h>

#include "i18n.h"
#include "report.h"

#define MIB (1024.0 * 1024.0)

/* Touched MiB per second, 0 when no time has passed. */
static double mib_per_s(const struct outcome *o)
{
	return o->seconds > 0 ? o->touched / MIB / o->seconds : 0;
}

/* The lab's lines, the figures, and the kernel's line in plain text. */
void report_text(FILE *f, const struct outcome *o)
{
	int code;

	if (WIFSIGNALED(o->status)) {
		/* TRANSLATORS: the lab's last line (the book's): the signal */
		fprintf(f, _("victim signalled: %d\n"), WTERMSIG(o->status));
	} else if (WIFEXITED(o->status)) {
		code = WEXITSTATUS(o->status);
		/* TRANSLATORS: the lab's last line: exit status, strerror */
		fprintf(f, _("victim retcode: (%d) %s\n"), code, strerror(code));
	} else {
		fputs(_("victim unexpectedly ended\n"), f);
	}
	/* TRANSLATORS: MiB, seconds, MiB/s, --method, threads, chunk bytes */
	fprintf(f, _("victim touched %.1f MiB in %.3f s: %.1f MiB/s (%s, %u threads, %llu-byte chunks)\n"),
		o->touched / MIB, o->seconds, mib_per_s(o),
		method_name(o->opt->method), o->threads, o->opt->chunk);

	if (!WIFSIGNALED(o->status) || WTERMSIG(o->status) != SIGKILL)
		return;
	if (o->kmsg_err == 0) {
		/* TRANSLATORS: the kernel's own line follows, in English */
		fprintf(f, _("kernel: %s\n"), o->kernel_line);
	} else if (o->kmsg_err == 1) {
		fprintf(f, _("kernel: no OOM kill line for %d in /dev/kmsg: SIGKILL came from elsewhere?\n"),
			(int)o->pid);
	} else {
		fprintf(f, _("kernel: cannot read /dev/kmsg: %s\n"),
			strerror(o->kmsg_err));
	}
	fputs(_("for the full story: dmesg | oom-analyze\n"), f);
}

/* Print @s as a JSON string literal. */
static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", *s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

/* Print @v, or null when @present is false. */
static void json_ull(FILE *f, bool present, unsigned long long v)
{
	if (present)
		fprintf(f, "%llu", v);
	else
		fputs("null", f);
}

/* The whole outcome as one JSON object on one line. */
void report_json(FILE *f, const struct outcome *o)
{
	bool sig = WIFSIGNALED(o->status);
	bool ex = WIFEXITED(o->status);

	fprintf(f, "{\"victim_pid\":%d,\"ending\":\"%s\",\"signal\":",
		(int)o->pid, sig ? "signal" : ex ? "exit" : "other");
	json_ull(f, sig, sig ? WTERMSIG(o->status) : 0);
	fputs(",\"exit_code\":", f);
	json_ull(f, ex, ex ? WEXITSTATUS(o->status) : 0);
	fprintf(f, ",\"expected\":%s,\"interrupted\":%s",
		o->expected ? "true" : "false",
		o->interrupted ? "true" : "false");
	fprintf(f, ",\"touched_bytes\":%llu,\"seconds\":%.6f,\"mib_per_s\":%.1f",
		o->touched, o->seconds, mib_per_s(o));
	fprintf(f, ",\"method\":\"%s\",\"threads\":%u,\"chunk\":%llu",
		method_name(o->opt->method), o->threads, o->opt->chunk);
	fputs(",\"limit\":", f);
	json_ull(f, o->opt->limit, o->opt->limit);
	fputs(",\"memcg_limit\":", f);
	json_ull(f, o->opt->memcg, o->opt->memcg);
	fputs(",\"memcg\":", f);
	if (o->memcg_dir)
		json_string(f, o->memcg_dir);
	else
		fputs("null", f);
	fputs(",\"kernel_line\":", f);
	if (o->kmsg_err == 0)
		json_string(f, o->kernel_line);
	else
		fputs("null", f);
	fprintf(f, ",\"version\":\"%s\"}\n", OOM_VERSION);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - oom-analyze: explain kernel OOM reports.
 *
 * Exit status: 0 at least one event found, 1 none found, 2 usage error or
 * an input that could not be read (the message names it).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyzer.h"
#include "i18n.h"
#include "msg.h"

#define VERSION "1.0.0"

enum { EXIT_FOUND = 0, EXIT_NONE = 1, EXIT_USAGE = 2 };

static const struct option options[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "color", no_argument, NULL, 'c' },
	{ "colour", no_argument, NULL, 'c' },
	{ "no-color", no_argument, NULL, 'C' },
	{ "no-colour", no_argument, NULL, 'C' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* usage: the help text, options in a column of their own. */
static void usage(FILE *out)
{
	static const char *const opts[][2] = {
		{ "--json", N_("one JSON object per event (JSON Lines)") },
		{ "--color", N_("colour even when stdout is not a terminal") },
		{ "--no-color",
		  N_("never colour (so does NO_COLOR=anything)") },
		{ "-h, --help", N_("this text") },
		{ "--version", N_("print the version") },
	};
	size_t k;

	fputs(_("Usage: oom-analyze [--json] [--color|--no-color] "
		"[FILE...]\n"), out);
	fputs(_("Explain the Linux kernel's OOM reports and page allocation\n"
		"failures found in FILEs (dmesg, dmesg -T/-x, journalctl -k,\n"
		"syslog, serial console, mail quotes); '-' or none: stdin.\n"),
	      out);
	fputc('\n', out);
	for (k = 0; k < sizeof(opts) / sizeof(opts[0]); k++)
		fprintf(out, "  %-12s %s\n", opts[k][0], _(opts[k][1]));
	fputc('\n', out);
	fputs(_("Exit status: 0 an event was found, 1 none was found,\n"
		"2 usage error or unreadable input.\n"), out);
	fputs(_("Example: dmesg | oom-analyze\n"), out);
}

/* read_input: run one input through the analyzer; 0, or -1 on error. */
static int read_input(struct analyzer *a, const char *path)
{
	int fd = 0, err;
	int is_stdin = strcmp(path, "-") == 0;

	if (!is_stdin) {
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			warn("%s: %s", path, strerror(errno));
			return -1;
		}
	}
	analyzer_begin(a, is_stdin ? "<stdin>" : path);
	err = analyzer_read_fd(a, fd);
	analyzer_end(a);
	if (!is_stdin)
		close(fd);
	if (err) {
		warn("%s: %s", is_stdin ? "<stdin>" : path, strerror(err));
		return -1;
	}
	return 0;
}

/* want_color: colour on a terminal unless NO_COLOR is set. */
static int want_color(int forced)
{
	const char *nc = getenv("NO_COLOR");

	if (forced >= 0)
		return forced;
	if (nc && nc[0])
		return 0;
	return isatty(STDOUT_FILENO);
}

int main(int argc, char **argv)
{
	struct analyzer *a;
	int json = 0, color = -1, opt, bad = 0, k;

	msg_init("oom-analyze");
	i18n_init("oom-analyze");
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json = 1;
			break;
		case 'c':
			color = 1;
			break;
		case 'C':
			color = 0;
			break;
		case 'h':
			usage(stdout);
			return EXIT_FOUND;
		case 'V':
			printf("oom-analyze %s\n", VERSION);
			return EXIT_FOUND;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	a = analyzer_new(stdout, json, want_color(color));
	if (!a)
		fatal(EXIT_USAGE, _("out of memory: %s"), strerror(ENOMEM));
	if (optind == argc)
		bad |= read_input(a, "-") < 0;
	for (k = optind; k < argc; k++)
		bad |= read_input(a, argv[k]) < 0;
	if (fflush(stdout) != 0)
		fatal(EXIT_USAGE, "stdout: %s", strerror(errno));
	k = analyzer_events(a) ? EXIT_FOUND : EXIT_NONE;
	analyzer_free(a);
	return bad ? EXIT_USAGE : k;
}

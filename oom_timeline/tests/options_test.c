// SPDX-License-Identifier: GPL-2.0
/*
 * tests/options_test.c - the command line parser, table-driven: good
 * lines and what they give, bad lines and the one error they give.
 */
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "tap.h"

#define MAX_ARGS 16

/* Split @line at spaces into @argv (in @buf); returns argc. */
static int split(const char *line, char *buf, size_t size, char **argv)
{
	int argc = 0;
	char *p;

	snprintf(buf, size, "oom-timeline %s", line);
	for (p = strtok(buf, " "); p && argc < MAX_ARGS - 1; p = strtok(NULL, " "))
		argv[argc++] = p;
	argv[argc] = NULL;
	return argc;
}

/* Parse @line; the result, with @o and @err filled. */
static enum opt_result parse(const char *line, struct options *o, char *err,
			     size_t errlen)
{
	static char buf[512];
	static char *argv[MAX_ARGS];
	int argc = split(line, buf, sizeof(buf), argv);

	return options_parse(o, argc, argv, err, errlen);
}

static const struct {
	const char *line;	/* the command line after "oom-timeline" */
	const char *err;	/* what the one error line must say */
	int status;		/* its exit status */
} bad[] = {
	{ "", "no subcommand", EXIT_USAGE },
	{ "frob", "unknown subcommand 'frob'", EXIT_USAGE },
	{ "record -- true", "-o FILE is required", EXIT_FAILED },
	{ "record -o", "'-o': missing value", EXIT_FAILED },
	{ "record -o f", "no command", EXIT_FAILED },
	{ "record -i 0 -o f -- true", "--interval '0': too small", EXIT_FAILED },
	{ "record -i 1001 -o f -- true", "--interval '1001': too large", EXIT_FAILED },
	{ "record -i 10ms -o f -- true", "--interval '10ms': junk", EXIT_FAILED },
	{ "record -i -5 -o f -- true", "--interval '-5': too small", EXIT_FAILED },
	{ "record -i x -o f -- true", "--interval 'x': not a number", EXIT_FAILED },
	{ "record --nice 20 -o f -- true", "--nice '20': too large", EXIT_FAILED },
	{ "record --buffer-kb 8 -o f -- true", "--buffer-kb '8': too small", EXIT_FAILED },
	{ "record --pid 1 -o f true", "--pid and a command 'true'", EXIT_FAILED },
	{ "record --frob -o f -- true", "unknown option '--frob'", EXIT_FAILED },
	{ "record -x -o f -- true", "unknown option '-x'", EXIT_FAILED },
	{ "chart", "chart: no FILE", EXIT_USAGE },
	{ "chart a b", "unexpected argument 'b'", EXIT_USAGE },
	{ "chart -w 39 f", "--width '39': too small", EXIT_USAGE },
	{ "chart -w 1001 f", "--width '1001': too large", EXIT_USAGE },
	{ "chart --zone", "'--zone': missing value", EXIT_USAGE },
};

int main(void)
{
	struct options o;
	char err[512];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tap_is_int(OPT_ERROR, parse(bad[i].line, &o, err, sizeof(err)),
			   "'%s' is a usage error", bad[i].line);
		tap_like(bad[i].err, err, "'%s' says: %s", bad[i].line,
			 bad[i].err);
		tap_is_int(bad[i].status, options_usage_status(&o),
			   "'%s' exits %d", bad[i].line, bad[i].status);
	}

	tap_is_int(OPT_RUN, parse("record -o /tmp/f -- ./oom --quiet", &o,
				  err, sizeof(err)), "record -o F -- CMD ARG");
	tap_is_int(INTERVAL_DEFAULT, o.interval_ms, "default interval");
	tap_is_str("./oom", o.cmd[0], "CMD");
	tap_is_str("--quiet", o.cmd[1], "CMD's own option stays CMD's");
	tap_is_int(0, o.buffer_kb, "the kernel's buffer size by default");
	tap_is_int(0, o.nice_set, "nice unchanged by default");

	tap_is_int(OPT_RUN, parse("record -i 20 -n 5 --no-trace -b 64 -o f sleep 1",
				  &o, err, sizeof(err)), "all record options");
	tap_is_int(20, o.interval_ms, "-i 20");
	tap_is_int(5, o.nice, "-n 5");
	tap_is_int(1, o.no_trace, "--no-trace");
	tap_is_int(64, o.buffer_kb, "-b 64");
	tap_is_str("sleep", o.cmd[0], "CMD without --");

	tap_is_int(OPT_RUN, parse("record --pid 42 -o f", &o, err, sizeof(err)),
		   "record --pid");
	tap_is_int(42, o.pid, "--pid 42");
	tap_ok(o.cmd == NULL, "--pid: no CMD");

	tap_is_int(OPT_RUN, parse("chart f.t", &o, err, sizeof(err)), "chart FILE");
	tap_is_int(WIDTH_DEFAULT, o.width, "default width 80");
	tap_is_int(OPT_RUN, parse("chart f.t --width 60 --zone DMA32", &o, err,
				  sizeof(err)), "options after FILE");
	tap_is_int(60, o.width, "--width 60");
	tap_is_str("DMA32", o.zone, "--zone DMA32");
	tap_is_str("f.t", o.input, "FILE");

	tap_is_int(OPT_HELP, parse("--help", &o, err, sizeof(err)), "--help");
	tap_is_int(OPT_HELP, parse("record -h", &o, err, sizeof(err)),
		   "record -h");
	tap_is_int(OPT_VERSION, parse("-V", &o, err, sizeof(err)), "-V");
	return tap_done();
}

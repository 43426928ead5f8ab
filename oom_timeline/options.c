// SPDX-License-Identifier: GPL-2.0
/*
 * options.c - command line parsing for oom-timeline: a subcommand,
 * getopt_long for its options, one bounded number parser shared by
 * every numeric option, and the --help text.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

/* What each parse_err means, for the one-line usage error. */
const char *parse_err_str(enum parse_err err)
{
	switch (err) {
	case PARSE_OK:
		return "ok";
	case PARSE_EMPTY:
		return "empty value";
	case PARSE_NOT_NUMBER:
		return "not a number";
	case PARSE_TOO_SMALL:
		return "too small";
	case PARSE_TOO_LARGE:
		return "too large";
	case PARSE_JUNK:
		return "junk after the number";
	}
	return "?";
}

/*
 * Parse a plain decimal integer in [@min, @max] into @out. A minus sign
 * is only a number's when @min is negative; " 5", "+5", "5.0", "5ms"
 * are refused (strtol() alone would take the first two).
 */
enum parse_err parse_long(const char *s, long min, long max, long *out)
{
	const char *digits = s;
	char *end;
	long v;

	if (*s == '\0')
		return PARSE_EMPTY;
	if (*digits == '-' && min < 0)
		digits++;
	if (*digits < '0' || *digits > '9')
		return *s == '-' ? PARSE_TOO_SMALL : PARSE_NOT_NUMBER;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end != '\0')
		return PARSE_JUNK;
	if (errno == ERANGE)
		return v < 0 ? PARSE_TOO_SMALL : PARSE_TOO_LARGE;
	if (v < min)
		return PARSE_TOO_SMALL;
	if (v > max)
		return PARSE_TOO_LARGE;
	*out = v;
	return PARSE_OK;
}

/* snprintf() into the caller's error buffer; always returns OPT_ERROR. */
__attribute__((format(printf, 3, 4)))
static enum opt_result usage_error(char *err, size_t errlen,
				   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return OPT_ERROR;
}

/* Parse one integer option argument, bounded, into @out. */
static enum opt_result long_arg(const char *opt, const char *arg, long min,
				long max, long *out, char *err, size_t errlen)
{
	enum parse_err e = parse_long(arg, min, max, out);

	if (e == PARSE_OK)
		return OPT_RUN;
	return usage_error(err, errlen, "--%s '%s': %s (an integer from %ld to %ld)",
			   opt, arg, parse_err_str(e), min, max);
}

/* Option ids for getopt_long, beyond the short letters. */
enum {
	OPT_NO_TRACE = 256,
};

static const struct option record_options[] = {
	{ "output",	required_argument,	NULL, 'o' },
	{ "interval",	required_argument,	NULL, 'i' },
	{ "pid",	required_argument,	NULL, 'p' },
	{ "buffer-kb",	required_argument,	NULL, 'b' },
	{ "nice",	required_argument,	NULL, 'n' },
	{ "no-trace",	no_argument,		NULL, OPT_NO_TRACE },
	{ "help",	no_argument,		NULL, 'h' },
	{ "version",	no_argument,		NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static const struct option chart_options[] = {
	{ "width",	required_argument,	NULL, 'w' },
	{ "zone",	required_argument,	NULL, 'z' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "version",	no_argument,		NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* The usage error for what getopt_long() could not take. */
static enum opt_result getopt_error(int c, char **argv, char *err,
				    size_t errlen)
{
	if (c == ':')
		return usage_error(err, errlen, "'%s': missing value",
				   argv[optind - 1]);
	if (optopt)	/* an unknown short option */
		return usage_error(err, errlen, "unknown option '-%c'", optopt);
	return usage_error(err, errlen, "unknown option '%s'",
			   argv[optind - 1]);
}

/* Take one option of "record". */
static enum opt_result record_option(struct options *o, int c, char **argv,
				     char *err, size_t errlen)
{
	enum opt_result r = OPT_RUN;
	long v = 0;

	switch (c) {
	case 'o':
		if (!*optarg)
			return usage_error(err, errlen, "--output '': empty file name");
		o->output = optarg;
		break;
	case 'i':
		r = long_arg("interval", optarg, 1, INTERVAL_MAX, &v, err, errlen);
		o->interval_ms = v;
		break;
	case 'p':
		r = long_arg("pid", optarg, 1, 1L << 30, &o->pid, err, errlen);
		break;
	case 'b':
		r = long_arg("buffer-kb", optarg, BUFFER_KB_MIN, BUFFER_KB_MAX,
			     &v, err, errlen);
		o->buffer_kb = v;
		break;
	case 'n':
		r = long_arg("nice", optarg, -20, 19, &o->nice, err, errlen);
		o->nice_set = true;
		break;
	case OPT_NO_TRACE:
		o->no_trace = true;
		break;
	case 'h':
		return OPT_HELP;
	case 'V':
		return OPT_VERSION;
	default:
		return getopt_error(c, argv, err, errlen);
	}
	return r;
}

/* Take one option of "chart". */
static enum opt_result chart_option(struct options *o, int c, char **argv,
				    char *err, size_t errlen)
{
	enum opt_result r = OPT_RUN;
	long v = 0;

	switch (c) {
	case 'w':
		r = long_arg("width", optarg, WIDTH_MIN, WIDTH_MAX, &v, err,
			     errlen);
		o->width = v;
		break;
	case 'z':
		o->zone = optarg;
		break;
	case 'h':
		return OPT_HELP;
	case 'V':
		return OPT_VERSION;
	default:
		return getopt_error(c, argv, err, errlen);
	}
	return r;
}

/* After the options of "record": CMD, or --pid, never both. */
static enum opt_result record_rest(struct options *o, int argc, char **argv,
				   char *err, size_t errlen)
{
	if (!o->output)
		return usage_error(err, errlen, "record: -o FILE is required");
	if (o->pid && optind < argc)
		return usage_error(err, errlen,
				   "record: --pid and a command '%s': give one",
				   argv[optind]);
	if (!o->pid && optind >= argc)
		return usage_error(err, errlen,
				   "record: no command (record -o FILE -- CMD [ARG...])");
	o->cmd = o->pid ? NULL : argv + optind;
	return OPT_RUN;
}

/* After the options of "chart": exactly one FILE. */
static enum opt_result chart_rest(struct options *o, int argc, char **argv,
				  char *err, size_t errlen)
{
	if (optind >= argc)
		return usage_error(err, errlen, "chart: no FILE");
	if (optind + 1 < argc)
		return usage_error(err, errlen, "chart: unexpected argument '%s'",
				   argv[optind + 1]);
	o->input = argv[optind];
	return OPT_RUN;
}

/*
 * Parse the command line into @o. On OPT_ERROR, @err holds one line
 * naming the option and the bad value. Nothing is printed and nothing
 * is started here. Safe to call more than once (for the unit test).
 */
enum opt_result options_parse(struct options *o, int argc, char **argv,
			      char *err, size_t errlen)
{
	const struct option *longs;
	enum opt_result r = OPT_RUN;
	const char *shorts;
	int c;

	*o = (struct options) {
		.interval_ms = INTERVAL_DEFAULT,
		.width = WIDTH_DEFAULT,
	};
	err[0] = '\0';
	if (argc < 2)
		return usage_error(err, errlen,
				   "no subcommand (record or chart; --help)");
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return OPT_HELP;
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version"))
		return OPT_VERSION;
	if (!strcmp(argv[1], "record")) {
		o->sub = SUB_RECORD;
		shorts = "+:o:i:p:b:n:hV";	/* stop at CMD */
		longs = record_options;
	} else if (!strcmp(argv[1], "chart")) {
		o->sub = SUB_CHART;
		shorts = ":w:z:hV";
		longs = chart_options;
	} else {
		return usage_error(err, errlen,
				   "unknown subcommand '%s' (record or chart; --help)",
				   argv[1]);
	}

	argc--;
	argv++;
	optind = 0;	/* full reinitialisation of getopt (glibc) */
	opterr = 0;	/* we report errors ourselves */
	while (r == OPT_RUN &&
	       (c = getopt_long(argc, argv, shorts, longs, NULL)) != -1)
		r = o->sub == SUB_RECORD ? record_option(o, c, argv, err, errlen)
					 : chart_option(o, c, argv, err, errlen);
	if (r != OPT_RUN)
		return r;
	if (o->sub == SUB_RECORD)
		return record_rest(o, argc, argv, err, errlen);
	return chart_rest(o, argc, argv, err, errlen);
}

/* The exit status of a usage error: record's is not one of CMD's. */
int options_usage_status(const struct options *o)
{
	return o->sub == SUB_RECORD ? EXIT_FAILED : EXIT_USAGE;
}

/* Print the --help text, with defaults and the exit status table. */
void options_usage(FILE *f)
{
	fprintf(f,
		"Usage: oom-timeline record [OPTION]... -o FILE -- CMD [ARG]...\n"
		"       oom-timeline record [OPTION]... -o FILE --pid PID\n"
		"       oom-timeline chart [OPTION]... FILE\n"
		"Record how memory runs out while CMD runs (or until process PID ends):\n"
		"free memory against each zone's watermarks, MemAvailable, PSI, the\n"
		"reclaim counters, and the kernel's events up to the OOM kill. chart\n"
		"draws the recording for a terminal; oom_timeline/plot makes a picture.\n"
		"\n"
		"record:\n"
		"  -o, --output FILE     write the timeline to FILE (required)\n"
		"  -i, --interval MS     sample every MS milliseconds, 1 to %d (default %d)\n"
		"  -p, --pid PID         record until process PID ends, run no command\n"
		"  -b, --buffer-kb KB    trace ring buffer per CPU, %d to %d KiB\n"
		"                        (default: the kernel's, 1408 on 6.1)\n"
		"  -n, --nice N          the recorder's nice value, -20..19 (default:\n"
		"                        unchanged); CMD keeps the caller's\n"
		"      --no-trace        samples only, leave tracefs alone\n"
		"chart:\n"
		"  -w, --width N         columns, %d to %d (default %d)\n"
		"  -z, --zone ZONE       the zone to draw, e.g. DMA32 (default: the biggest\n"
		"                        the kernel weighed in oom:reclaim_retry_zone)\n"
		"  -h, --help            this help\n"
		"  -V, --version         the version\n"
		"\n"
		"record needs root for tracefs; without it, it records the samples only\n"
		"and says why. CMD's stdin, stdout and stderr are left as they are.\n"
		"Ctrl-C or SIGTERM reaches CMD (with --pid, it ends the recording);\n"
		"the timeline is still written.\n"
		"\n"
		"Exit status:\n"
		"  record: CMD's own status, 128+N if signal N ended it (0 with --pid)\n"
		"  0    chart: drawn\n"
		"  1    chart: FILE cannot be read or is not a timeline\n"
		"  2    usage error (chart, or no subcommand)\n"
		"  125  record: usage error, or oom-timeline failed (FILE cannot be\n"
		"       written, /proc unreadable)\n"
		"  126  record: CMD cannot be run\n"
		"  127  record: CMD not found\n",
		INTERVAL_MAX, INTERVAL_DEFAULT, BUFFER_KB_MIN, BUFFER_KB_MAX,
		WIDTH_MIN, WIDTH_MAX, WIDTH_DEFAULT);
}

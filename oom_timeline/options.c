// SPDX-License-Identifier: GPL-2.0
/*
 * options.c - command line parsing for oom-timeline: a subcommand,
 * getopt_long for its options, one bounded number parser shared by
 * every numeric option, and the --help text, laid out by display
 * columns (common/i18n.c) so that a translation lines up as English does.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "options.h"

/*
 * What each parse_err means, for the one-line usage error (in English:
 * the caller translates it).
 */
const char *parse_err_str(enum parse_err err)
{
	switch (err) {
	case PARSE_OK:
		return N_("ok");
	case PARSE_EMPTY:
		return N_("empty value");
	case PARSE_NOT_NUMBER:
		return N_("not a number");
	case PARSE_TOO_SMALL:
		return N_("too small");
	case PARSE_TOO_LARGE:
		return N_("too large");
	case PARSE_JUNK:
		return N_("junk after the number");
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
	/* TRANSLATORS: --OPTION 'VALUE': what is wrong (the bounds) */
	return usage_error(err, errlen,
			   _("--%s '%s': %s (an integer from %ld to %ld)"),
			   opt, arg, _(parse_err_str(e)), min, max);
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
		return usage_error(err, errlen, _("'%s': missing value"),
				   argv[optind - 1]);
	if (optopt)	/* an unknown short option */
		return usage_error(err, errlen, _("unknown option '-%c'"),
				   optopt);
	return usage_error(err, errlen, _("unknown option '%s'"),
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
			return usage_error(err, errlen, "%s",
					   _("--output '': empty file name"));
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
		return usage_error(err, errlen, "%s",
				   _("record: -o FILE is required"));
	if (o->pid && optind < argc)
		return usage_error(err, errlen,
				   _("record: --pid and a command '%s': give one"),
				   argv[optind]);
	if (!o->pid && optind >= argc)
		return usage_error(err, errlen, "%s",
				   _("record: no command (record -o FILE -- CMD [ARG...])"));
	o->cmd = o->pid ? NULL : argv + optind;
	return OPT_RUN;
}

/* After the options of "chart": exactly one FILE. */
static enum opt_result chart_rest(struct options *o, int argc, char **argv,
				  char *err, size_t errlen)
{
	if (optind >= argc)
		return usage_error(err, errlen, "%s", _("chart: no FILE"));
	if (optind + 1 < argc)
		return usage_error(err, errlen,
				   _("chart: unexpected argument '%s'"),
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
		return usage_error(err, errlen, "%s",
				   _("no subcommand (record or chart; --help)"));
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
				   _("unknown subcommand '%s' (record or chart; --help)"),
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

/* One row of a --help table: what the user types, and what it does. */
struct help_row {
	const char *key;	/* never translated */
	const char *what;	/* a '\n' goes on at the same column */
};

#define HELP_OPT_COL	24	/* where an option's description starts */
#define HELP_CODE_COL	7	/* where an exit status is described */
#define HELP_LIMIT	79	/* the widest line, in display columns */

/* Print the rows of @rows, descriptions from column @col. */
static void help_table(FILE *f, const struct help_row *rows, size_t n,
		       int col)
{
	size_t i;

	for (i = 0; i < n; i++) {
		fputs("  ", f);
		put_padded(f, rows[i].key, col - 2);
		put_wrapped(f, col, col, HELP_LIMIT, rows[i].what);
	}
}

/*
 * Print the --help text, with defaults and the exit status table. The
 * descriptions are laid out by display columns, so that translated ones
 * line up as the English do and wrap before HELP_LIMIT.
 */
void options_usage(FILE *f)
{
	char interval[256], buffer[256], width[256];
	const struct help_row record_rows[] = {
		/*
		 * TRANSLATORS: an option's description; a line break goes on
		 * below it, and longer lines are wrapped.
		 */
		{ "-o, --output FILE",
		  _("write the timeline to FILE (required)") },
		{ "-i, --interval MS", interval },
		{ "-p, --pid PID",
		  _("record until process PID ends, run no command") },
		{ "-b, --buffer-kb KB", buffer },
		{ "-n, --nice N",
		  _("the recorder's nice value, -20..19 (default:\n"
		    "unchanged); CMD keeps the caller's") },
		{ "    --no-trace", _("samples only, leave tracefs alone") },
	};
	const struct help_row chart_rows[] = {
		{ "-w, --width N", width },
		{ "-z, --zone ZONE",
		  _("the zone to draw, e.g. DMA32 (default: the biggest\n"
		    "the kernel weighed in oom:reclaim_retry_zone)") },
		{ "-h, --help", _("this help") },
		{ "-V, --version", _("the version") },
	};
	const struct help_row codes[] = {
		{ "0", _("chart: drawn") },
		{ "1", _("chart: FILE cannot be read or is not a timeline") },
		{ "2", _("usage error (chart, or no subcommand)") },
		{ "125",
		  _("record: usage error, or oom-timeline failed (FILE cannot be\n"
		    "written, /proc unreadable)") },
		{ "126", _("record: CMD cannot be run") },
		{ "127", _("record: CMD not found") },
	};

	snprintf(interval, sizeof(interval),
		 _("sample every MS milliseconds, 1 to %d (default %d)"),
		 INTERVAL_MAX, INTERVAL_DEFAULT);
	snprintf(buffer, sizeof(buffer),
		 _("trace ring buffer per CPU, %d to %d KiB\n"
		   "(default: the kernel's, 1408 on 6.1)"),
		 BUFFER_KB_MIN, BUFFER_KB_MAX);
	snprintf(width, sizeof(width), _("columns, %d to %d (default %d)"),
		 WIDTH_MIN, WIDTH_MAX, WIDTH_DEFAULT);
	/*
	 * TRANSLATORS: the command lines stay as they are (FILE, CMD and
	 * PID are named below); line up the second and third under the
	 * first by display columns.
	 */
	fprintf(f, "%s\n",
		_("Usage: oom-timeline record [OPTION]... -o FILE -- CMD [ARG]...\n"
		  "       oom-timeline record [OPTION]... -o FILE --pid PID\n"
		  "       oom-timeline chart [OPTION]... FILE"));
	put_wrapped(f, 0, 0, HELP_LIMIT,
		    _("Record how memory runs out while CMD runs (or until process PID ends):\n"
		      "free memory against each zone's watermarks, MemAvailable, PSI, the\n"
		      "reclaim counters, and the kernel's events up to the OOM kill. chart\n"
		      "draws the recording for a terminal; oom_timeline/plot makes a picture."));
	fputc('\n', f);
	/* TRANSLATORS: the options of the subcommand "record" follow */
	fprintf(f, "%s\n", _("record:"));
	help_table(f, record_rows, sizeof(record_rows) / sizeof(record_rows[0]),
		   HELP_OPT_COL);
	/* TRANSLATORS: the options of the subcommand "chart" follow */
	fprintf(f, "%s\n", _("chart:"));
	help_table(f, chart_rows, sizeof(chart_rows) / sizeof(chart_rows[0]),
		   HELP_OPT_COL);
	fputc('\n', f);
	put_wrapped(f, 0, 0, HELP_LIMIT,
		    _("record needs root for tracefs; without it, it records the samples only\n"
		      "and says why. CMD's stdin, stdout and stderr are left as they are.\n"
		      "Ctrl-C or SIGTERM reaches CMD (with --pid, it ends the recording);\n"
		      "the timeline is still written."));
	fputc('\n', f);
	fprintf(f, "%s\n", _("Exit status:"));
	fputs("  ", f);
	put_wrapped(f, 2, HELP_CODE_COL, HELP_LIMIT,
		    _("record: CMD's own status, 128+N if signal N ended it (0 with --pid)"));
	help_table(f, codes, sizeof(codes) / sizeof(codes[0]), HELP_CODE_COL);
}

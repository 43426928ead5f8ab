// SPDX-License-Identifier: GPL-2.0
/*
 * options.c - command line parsing for oom: getopt_long over the kit's
 * bounded parsers (common/parse.c), and the --help text, laid out by
 * display columns (common/i18n.c).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "options.h"
#include "parse.h"
#include "score.h"

/* Bounds of every option. */
#define CHUNK_DEFAULT	(10 * MiB)
#define CHUNK_MIN	(4 * KiB)
#define CHUNK_MAX	GiB
#define LIMIT_MIN	1ULL
#define LIMIT_MAX	TiB
#define MEMCG_MIN	(4 * MiB)
#define MEMCG_MAX	TiB
#define THREADS_MAX	1024

static const char *const method_names[] = {
	[METHOD_MMAP] = "mmap",
	[METHOD_POPULATE] = "populate",
	[METHOD_MLOCK] = "mlock",
	[METHOD_THP] = "thp",
	[METHOD_MALLOC] = "malloc",
};

#define N_METHODS (sizeof(method_names) / sizeof(method_names[0]))

/* The name of a method, as given to --method. */
const char *method_name(enum method m)
{
	return (unsigned int)m < N_METHODS ? method_names[m] : "?";
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

/* Option ids for getopt_long, beyond the short letters. */
enum {
	OPT_CHUNK = 256,
	OPT_THREADS,
	OPT_METHOD,
	OPT_LIMIT,
	OPT_MEMCG,
	OPT_SCORE_ADJ,
	OPT_JSON,
	OPT_FORCE,
};

static const struct option long_options[] = {
	{ "chunk",		required_argument,	NULL, OPT_CHUNK },
	{ "threads",		required_argument,	NULL, OPT_THREADS },
	{ "method",		required_argument,	NULL, OPT_METHOD },
	{ "limit",		required_argument,	NULL, OPT_LIMIT },
	{ "memcg",		required_argument,	NULL, OPT_MEMCG },
	{ "oom-score-adj",	required_argument,	NULL, OPT_SCORE_ADJ },
	{ "quiet",		no_argument,		NULL, 'q' },
	{ "json",		no_argument,		NULL, OPT_JSON },
	{ "force",		no_argument,		NULL, OPT_FORCE },
	{ "help",		no_argument,		NULL, 'h' },
	{ "version",		no_argument,		NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* Parse one size option argument, bounded, into @out. */
static enum opt_result size_arg(const char *opt, const char *arg,
				unsigned long long min, unsigned long long max,
				unsigned long long *out, char *err,
				size_t errlen)
{
	enum parse_err e = parse_size(arg, min, max, out);
	char lo[32], hi[32];

	if (e == PARSE_OK)
		return OPT_RUN;
	return usage_error(err, errlen,
			   _("--%s '%s': %s (a size from %s to %s; K, M, G suffixes)"),
			   opt, arg, _(parse_err_str(e)),
			   fmt_size(lo, sizeof(lo), min),
			   fmt_size(hi, sizeof(hi), max));
}

/* Parse one integer option argument, bounded, into @out. */
static enum opt_result long_arg(const char *opt, const char *arg, long min,
				long max, long *out, char *err, size_t errlen)
{
	enum parse_err e = parse_long(arg, min, max, out);

	if (e == PARSE_OK)
		return OPT_RUN;
	return usage_error(err, errlen,
			   _("--%s '%s': %s (an integer from %ld to %ld)"),
			   opt, arg, _(parse_err_str(e)), min, max);
}

/*
 * Parse --oom-score-adj. -1000 is in the kernel's range but makes a
 * victim the OOM killer never picks: an unconfined run would kill
 * everything else and panic, a --memcg run would never end.
 */
static enum opt_result score_adj_arg(const char *arg, int *out, char *err,
				     size_t errlen)
{
	enum opt_result r;
	long v = 0;

	r = long_arg("oom-score-adj", arg, OOM_SCORE_ADJ_MIN,
		     OOM_SCORE_ADJ_MAX, &v, err, errlen);
	if (r != OPT_RUN)
		return r;
	if (v == OOM_SCORE_ADJ_MIN)
		return usage_error(err, errlen,
				   _("--oom-score-adj '%s': the OOM killer never picks a victim at -1000 (an unconfined run panics the machine, a --memcg run never ends); use -999 to 1000"),
				   arg);
	*out = v;
	return OPT_RUN;
}

/* Look up a --method name. */
static enum opt_result method_arg(const char *arg, enum method *out,
				  char *err, size_t errlen)
{
	unsigned int i;

	for (i = 0; i < N_METHODS; i++) {
		if (strcmp(arg, method_names[i]) == 0) {
			*out = i;
			return OPT_RUN;
		}
	}
	return usage_error(err, errlen,
			   _("--method '%s': unknown method (mmap, populate, mlock, thp or malloc)"),
			   arg);
}

/*
 * Parse the command line into @o. On OPT_ERROR, @err holds one line
 * naming the option and the bad value. Nothing is printed and nothing
 * is started here. Safe to call more than once (for the unit test).
 */
enum opt_result options_parse(struct options *o, int argc, char **argv,
			      char *err, size_t errlen)
{
	enum opt_result r = OPT_RUN;
	long v = 0;
	int c;

	*o = (struct options) { .chunk = CHUNK_DEFAULT };
	err[0] = '\0';
	optind = 0;	/* full reinitialisation of getopt (glibc) */
	opterr = 0;	/* we report errors ourselves */

	while (r == OPT_RUN &&
	       (c = getopt_long(argc, argv, ":qhV", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_CHUNK:
			r = size_arg("chunk", optarg, CHUNK_MIN, CHUNK_MAX,
				     &o->chunk, err, errlen);
			break;
		case OPT_THREADS:
			r = long_arg("threads", optarg, 1, THREADS_MAX, &v,
				     err, errlen);
			o->threads = v;
			break;
		case OPT_METHOD:
			r = method_arg(optarg, &o->method, err, errlen);
			break;
		case OPT_LIMIT:
			r = size_arg("limit", optarg, LIMIT_MIN, LIMIT_MAX,
				     &o->limit, err, errlen);
			break;
		case OPT_MEMCG:
			r = size_arg("memcg", optarg, MEMCG_MIN, MEMCG_MAX,
				     &o->memcg, err, errlen);
			break;
		case OPT_SCORE_ADJ:
			r = score_adj_arg(optarg, &o->oom_score_adj, err,
					  errlen);
			o->score_adj_set = true;
			break;
		case 'q':
			o->quiet = true;
			break;
		case OPT_JSON:
			o->json = true;
			break;
		case OPT_FORCE:
			o->force = true;
			break;
		case 'h':
			return OPT_HELP;
		case 'V':
			return OPT_VERSION;
		case ':':
			return usage_error(err, errlen, _("'%s': missing value"),
					   argv[optind - 1]);
		default:
			if (optopt)	/* an unknown short option */
				return usage_error(err, errlen,
						   _("unknown option '-%c'"),
						   optopt);
			return usage_error(err, errlen, _("unknown option '%s'"),
					   argv[optind - 1]);
		}
	}
	if (r == OPT_RUN && optind < argc)
		r = usage_error(err, errlen, _("unexpected argument '%s'"),
				argv[optind]);
	return r;
}

/* One row of a --help table: what the user types, and what it does. */
struct help_row {
	const char *key;	/* never translated */
	const char *what;	/* a '\n' goes on at the same column */
};

#define HELP_OPT_COL	24	/* where an option's description starts */
#define HELP_CODE_COL	5	/* where an exit status's description starts */
#define HELP_LIMIT	79	/* the widest line, in display columns */

/*
 * Print the --help text, with defaults and the exit status table. The
 * descriptions are laid out by display columns, so that translated ones
 * line up as the English do and wrap before HELP_LIMIT.
 */
void options_usage(FILE *f, unsigned int online_cpus)
{
	char threads[256];
	const struct help_row opts[] = {
		/*
		 * TRANSLATORS: an option's description; a line break goes on
		 * below it, and longer lines are wrapped.
		 */
		{ "--chunk SIZE", _("bytes per mapping (default 10M)") },
		{ "--threads N", threads },
		{ "--method M",
		  _("mmap (default), populate (MAP_POPULATE),\n"
		    "mlock, thp (MADV_HUGEPAGE) or malloc") },
		{ "--limit SIZE",
		  _("dry run: stop once SIZE is touched (default: none)") },
		{ "--memcg SIZE",
		  _("run the victim in a new memory cgroup limited to\n"
		    "SIZE, so the OOM stays inside it (default: none)") },
		{ "--oom-score-adj N",
		  _("the victim's oom_score_adj, -999..1000\n"
		    "(default: inherited; -1000 is refused)") },
		{ "-q, --quiet", _("no per-chunk lines") },
		{ "--json", _("one JSON summary on stdout, text on stderr") },
		{ "--force",
		  _("allow an unconfined run outside the lab's guest") },
		{ "-h, --help", _("this help") },
		{ "-V, --version", _("the version") },
	};
	const struct help_row codes[] = {
		{ "0",
		  _("the victim ended as the lab expects: killed by SIGKILL or exited\n"
		    "with ENOMEM (with --limit: exited 0 after touching SIZE)") },
		{ "1",
		  _("the victim ended in any other way, or oom was interrupted") },
		{ "2", _("usage error") },
		{ "3",
		  _("environment missing: no memory cgroup controller, or not root") },
		{ "4",
		  _("refused: an unconfined run outside the lab's guest without --force,\n"
		    "or a victim inheriting oom_score_adj -1000") },
	};
	size_t i;

	snprintf(threads, sizeof(threads),
		 _("allocating threads (default: online CPUs, %u here)"),
		 online_cpus);
	fprintf(f, "%s\n", _("Usage: oom [OPTION]..."));
	put_wrapped(f, 0, 0, HELP_LIMIT,
		    _("Fork a victim that allocates memory until the OOM killer ends it\n"
		      "(lab 9-8). The parent protects itself, waits and reports."));
	fputc('\n', f);
	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		fputs("  ", f);
		put_padded(f, opts[i].key, HELP_OPT_COL - 2);
		put_wrapped(f, HELP_OPT_COL, HELP_OPT_COL, HELP_LIMIT,
			    opts[i].what);
	}
	fputc('\n', f);
	put_wrapped(f, 0, 0, HELP_LIMIT,
		    _("SIZE is a number of bytes with an optional K, M or G suffix (x1024).\n"
		      "Without --memcg or --limit, oom exhausts the whole machine: it refuses\n"
		      "to do that outside the lab's QEMU guest (rlk.bus= on the kernel command\n"
		      "line, or QEMU's virt board) unless --force is given. Any virtual\n"
		      "machine is not enough: a shared server may be one."));
	fputc('\n', f);
	fprintf(f, "%s\n", _("Exit status:"));
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		fprintf(f, "  %s  ", codes[i].key);
		put_wrapped(f, HELP_CODE_COL, HELP_CODE_COL, HELP_LIMIT,
			    codes[i].what);
	}
}

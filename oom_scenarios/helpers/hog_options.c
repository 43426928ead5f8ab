// SPDX-License-Identifier: GPL-2.0
/*
 * hog_options.c - rlk-hog's command line: getopt_long, the bounded SIZE
 * and --oom-score-adj, and the --help text with the exit status table.
 */
#include <getopt.h>

#include "hog_options.h"
#include "parse.h"

/* Option ids for getopt_long, beyond the short letters. */
enum {
	OPT_FILL = 256,
	OPT_HOLD,
	OPT_EXIT,
	OPT_SCORE_ADJ,
};

static const struct option long_options[] = {
	{ "fill",		required_argument,	NULL, OPT_FILL },
	{ "hold",		no_argument,		NULL, OPT_HOLD },
	{ "exit",		no_argument,		NULL, OPT_EXIT },
	{ "oom-score-adj",	required_argument,	NULL, OPT_SCORE_ADJ },
	{ "quiet",		no_argument,		NULL, 'q' },
	{ "help",		no_argument,		NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* The one positional argument, SIZE. */
static enum opt_result size_operand(struct hog_options *o, int argc,
				    char **argv, struct cli_err *e)
{
	if (optind >= argc)
		return cli_error(e, "missing SIZE (try --help)");
	if (optind + 1 < argc)
		return cli_error(e, "unexpected argument '%s'",
				 argv[optind + 1]);
	return cli_size(e, "SIZE", argv[optind], HOG_SIZE_MIN, HOG_SIZE_MAX,
			&o->size);
}

/*
 * Parse the command line into @o. On OPT_ERROR, @err holds one line
 * naming the option and the bad value. Nothing is printed or started.
 */
enum opt_result hog_parse(struct hog_options *o, int argc, char **argv,
			  char *err, size_t errlen)
{
	struct cli_err e = { err, errlen };
	enum opt_result r = OPT_RUN;
	long v = 0;
	int c;

	*o = (struct hog_options) { .fill = FILL_ZERO, .hold = true };
	cli_reset(&e);
	while (r == OPT_RUN &&
	       (c = getopt_long(argc, argv, ":qh", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_FILL:
			if (fill_lookup(optarg, &o->fill))
				r = cli_error(&e, "--fill '%s': unknown fill (zero, text or random)",
					      optarg);
			break;
		case OPT_HOLD:
			o->hold = true;
			break;
		case OPT_EXIT:
			o->hold = false;
			break;
		case OPT_SCORE_ADJ:
			r = cli_long(&e, "--oom-score-adj", optarg, -1000, 1000,
				     &v);
			o->oom_score_adj = v;
			o->score_adj_set = true;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'h':
			return OPT_HELP;
		default:
			return cli_getopt_error(&e, c, argv);
		}
	}
	if (r == OPT_RUN)
		r = size_operand(o, argc, argv, &e);
	return r;
}

/* Print the --help text, with defaults and the exit status table. */
void hog_usage(FILE *f)
{
	fprintf(f,
		"Usage: rlk-hog SIZE [OPTION]...\n"
		"Map SIZE bytes of anonymous memory and write every page, then hold it\n"
		"(an idle big task for the OOM killer to choose) or exit.\n"
		"\n"
		"  --fill F              what each page gets, and what zram's lzo-rle\n"
		"                        makes of it (default zero):\n"
		"                          zero    one byte: about 100:1, and not a\n"
		"                                  same-filled page\n"
		"                          text    repetitive English: about 11:1\n"
		"                          random  xorshift64* bytes, seeded per run:\n"
		"                                  incompressible\n"
		"  --hold                after touching, print 'rlk-hog: PID holds SIZE'\n"
		"                        on stdout and wait until killed (default)\n"
		"  --exit                after touching, exit 0\n"
		"  --oom-score-adj N     write N (-1000..1000) to /proc/self/oom_score_adj\n"
		"                        before touching (default: inherited)\n"
		"  -q, --quiet           no progress lines\n"
		"  -h, --help            this help\n"
		"\n"
		"SIZE is a number of bytes from 4K to 1024G with an optional K, M or G\n"
		"suffix (x1024). Progress goes to stderr each 64 MiB\n"
		"('rlk-hog: 128M of 512M touched'). Pages are touched one by one\n"
		"(MADV_NOHUGEPAGE), so each fault asks for one page, order 0.\n"
		"\n"
		"Exit status:\n"
		"  0  --exit: SIZE mapped and touched\n"
		"  1  oom_score_adj could not be set\n"
		"  2  usage error\n"
		"  3  mmap failed (ENOMEM: e.g. refused by vm.overcommit_memory=2)\n"
		"Killed by the OOM killer, it ends by SIGKILL (a shell shows 137).\n");
}

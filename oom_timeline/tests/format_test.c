// SPDX-License-Identifier: GPL-2.0
/*
 * tests/format_test.c - the timeline file: what is written is read
 * back the same; broken files are refused with the line that broke.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "tap.h"

/* Read @text as a timeline file into @tl; the result of tl_read(). */
static int read_text(const char *text, struct timeline *tl, char *err,
		     size_t errlen)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc;

	tl_init(tl);
	rc = tl_read(f, tl, err, errlen);
	fclose(f);
	return rc;
}

/* A small timeline, as record would fill it. */
static void fill(struct timeline *tl)
{
	int i;

	tl_init(tl);
	snprintf(tl->command, sizeof(tl->command), "./oom --quiet");
	snprintf(tl->kernel, sizeof(tl->kernel), "6.1.0-50-arm64");
	snprintf(tl->machine, sizeof(tl->machine), "aarch64");
	snprintf(tl->trace, sizeof(tl->trace), "mono");
	snprintf(tl->psi, sizeof(tl->psi), "yes");
	snprintf(tl->ended, sizeof(tl->ended), "exit 0");
	snprintf(tl->cma_zones, sizeof(tl->cma_zones), "DMA");
	tl->interval_ms = 10;
	tl->page_kb = 4;
	tl->memtotal_kb = 1000836;
	tl->start_mono = 12.5;
	tl->cost_us = 350;
	tl->cost_max_us = 900;
	tl->cpu_s = 0.0421;
	tl->run_s = 1.5;
	tl_add_col(tl, "t");
	tl_add_col(tl, "DMA.free");
	tl_add_col(tl, "psi.some.avg10");
	for (i = 0; i < 3; i++) {
		double *row = tl_new_row(tl);

		row[0] = i * 0.01;
		row[1] = 233000 - i * 1000;
		row[2] = i == 1 ? NAN : 1.25;
	}
	tl_add_event(tl, 0.005, "vmscan:mm_vmscan_kswapd_wake", 43, "kswapd0",
		     "nid=0 order=0");
	tl_add_event(tl, 0.015, "oom:mark_victim", 131, "o\"om",
		     "pid=131 comm=oom anon-rss=893120kB");
}

/* Write @tl to a memory buffer; returns it (free it). */
static char *write_text(const struct timeline *tl)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	tl_write(f, tl);
	fclose(f);
	return buf;
}

static const struct {
	const char *text;
	const char *err;
} bad[] = {
	{ "", "empty file" },
	{ "hello\n", "not an oom-timeline file" },
	{ "# oom-timeline 2\n", "format version 2, newer than this" },
	{ "# oom-timeline 1\n# samples: 1\n", "no '# columns:' line" },
	{ "# oom-timeline 1\n0.1 2\n", "line 2: data before '# samples:'" },
	{ "# oom-timeline 1\n# samples: 1\n# columns: x y\n", "line 3: the first column must be t" },
	{ "# oom-timeline 1\n# samples: 1\n# columns: t a a\n", "line 3: bad or repeated column 'a'" },
	{ "# oom-timeline 1\n# samples: 1\n# columns: t a\n0.1\n", "line 4: 1 values, 2 columns" },
	{ "# oom-timeline 1\n# samples: 1\n# columns: t a\n0.1 2 3\n", "line 4: more than 2 values" },
	{ "# oom-timeline 1\n# samples: 1\n# columns: t a\n0.1 x\n", "line 4: 'x' is not a number" },
	{ "# oom-timeline 1\n# samples: 1\n# columns: t a\n- 1\n", "line 4: a sample without its time" },
	{ "# oom-timeline 1\n# samples: 1\n# columns: t a\n0 1\n# events: 1\n0.1 oom:mark_victim 1 oom x\n",
	  "line 6: comm and detail must be quoted" },
	{ "# oom-timeline 1\n# samples: 1\n# columns: t a\n0 1\n# events: 1\nx oom:mark_victim 1 \"a\" \"b\"\n",
	  "line 6: an event without its time" },
};

int main(void)
{
	struct timeline tl, back;
	char err[512], *text, *again;
	size_t i;

	fill(&tl);
	text = write_text(&tl);
	tap_like("# oom-timeline 1\n", text, "the magic and version come first");
	tap_like("# columns: t DMA.free psi.some.avg10\n", text,
		 "the sample columns are named");
	tap_like("0.010000 232000 -\n", text,
		 "a sample line: t with 6 decimals, integers exact, - unknown");
	tap_like("\n\n\n# events: 2\n", text,
		 "two empty lines before the events (gnuplot index 1)");
	tap_like("0.015000 oom:mark_victim 131 \"o'om\" \"pid=131", text,
		 "an event line, quoted, '\"' turned into '\\''");

	tap_is_int(0, read_text(text, &back, err, sizeof(err)),
		   "what was written reads back");
	tap_is_str("./oom --quiet", back.command, "command");
	tap_is_str("aarch64", back.machine, "machine");
	tap_is_str("DMA", back.cma_zones, "cma_zones");
	tap_is_int(10, back.interval_ms, "interval_ms");
	tap_is_num(12.5, back.start_mono, 1e-9, "start_mono");
	tap_is_num(0.0421, back.cpu_s, 1e-9, "recorder_cpu_s");
	tap_is_int(3, back.nsamples, "3 samples");
	tap_is_num(231000, tl_get(&back, 2, tl_col(&back, "DMA.free")), 0,
		   "a value by column name");
	tap_ok(isnan(tl_get(&back, 1, 2)), "'-' reads as unknown");
	tap_is_int(2, back.nevents, "2 events");
	tap_is_str("vmscan:mm_vmscan_kswapd_wake", back.ev[0].name,
		   "the first event");
	tap_is_str("o'om", back.ev[1].comm, "comm");
	tap_is_str("pid=131 comm=oom anon-rss=893120kB", back.ev[1].detail,
		   "detail");
	again = write_text(&back);
	tap_is_int(0, strcmp(text, again) != 0 ? 1 : 0,
		   "written, read and written again: the same text");
	free(again);
	tl_free(&back);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tap_is_int(-1, read_text(bad[i].text, &back, err, sizeof(err)),
			   "bad file %zu is refused", i);
		tap_like(bad[i].err, err, "bad file %zu: %s", i, bad[i].err);
		tl_free(&back);
	}
	tap_is_int(0, read_text("# oom-timeline 1\n# future_key: x\n# samples: 1\n# columns: t\n0\n",
				&back, err, sizeof(err)), "unknown header keys are skipped");
	tl_free(&back);
	tap_is_int(0, read_text("# oom-timeline 1\n# samples: 1\n# columns: t\n0\n\n\n# events: 3\n"
				"0.3 oom:wake_reaper 1 \"a\" \"pid=1\"\n"
				"0.1 oom:mark_victim 1 \"a\" \"pid=1\"\n"
				"0.1 oom:mark_victim 2 \"b\" \"pid=2\"\n",
				&back, err, sizeof(err)), "events out of order are read");
	tap_ok(back.nevents == 3 && back.ev[0].pid == 1 && back.ev[1].pid == 2 &&
	       back.ev[2].t == 0.3, "... and put in time order, ties kept as they came");
	tl_free(&back);
	free(text);
	tl_free(&tl);
	return tap_done();
}

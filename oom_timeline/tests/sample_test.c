// SPDX-License-Identifier: GPL-2.0
/*
 * tests/sample_test.c - the sampler on /proc files captured in the
 * three guests (tests/fixtures/proc-ARCH): the zones each has, the
 * values of one sample, a missing file, lines that moved.
 *
 * Usage: sample_test FIXTURES_DIR SCRATCH_DIR
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sample.h"
#include "tap.h"

/* What a guest's captured /proc holds (values computed with awk). */
static const struct guest {
	const char *arch;
	const char *zones;	/* the populated zones, in order */
	const char *cma;	/* cma_zones */
	double free[2];		/* each zone's free pages, from buddyinfo */
	double min[2], high[2];
	double memfree_kb, memavail_kb, nr_free_cma;
} guests[] = {
	{ "arm64", "DMA", "DMA", { 236465 }, { 5632 }, { 8448 },
	  945860, 916228, 16288 },
	{ "arm32", "DMA HighMem", "HighMem", { 182659, 63905 }, { 866, 64 },
	  { 1298, 214 }, 986316, 982240, 4032 },
	{ "x86_64", "DMA DMA32", "", { 3808, 226644 }, { 178, 11085 },
	  { 266, 16627 }, 921808, 855124, 0 },
};

/* The zones of @tl's ".free" columns, space-separated, into @out. */
static void zones_of(const struct timeline *tl, char *out, size_t size)
{
	int c;

	out[0] = '\0';
	for (c = 0; c < tl->ncols; c++) {
		int n = strlen(tl->cols[c]);

		if (n > 5 && !strcmp(tl->cols[c] + n - 5, ".free"))
			snprintf(out + strlen(out), size - strlen(out), "%s%.*s",
				 out[0] ? " " : "", n - 5, tl->cols[c]);
	}
}

/* Check one guest's files. */
static void check_guest(const char *dir, const struct guest *g)
{
	char proc[4096], err[4096], zones[256], col[80], first[64];
	struct timeline tl;
	struct sampler s;
	double *row;
	int z;

	snprintf(proc, sizeof(proc), "%s/proc-%s", dir, g->arch);
	tl_init(&tl);
	tl_add_col(&tl, "t");
	tap_is_int(0, sampler_open(&s, proc, &tl, err, sizeof(err)),
		   "%s: the sampler opens its files", g->arch);
	zones_of(&tl, zones, sizeof(zones));
	tap_is_str(g->zones, zones, "%s: the populated zones", g->arch);
	tap_is_str(g->cma, tl.cma_zones, "%s: the zone with the CMA area", g->arch);
	tap_is_str("yes", tl.psi, "%s: PSI is there", g->arch);
	row = tl_new_row(&tl);
	sampler_take(&s, row, false);
	for (z = 0; z < 2 && g->free[z] > 0; z++) {
		if (sscanf(g->zones + (z ? strcspn(g->zones, " ") + 1 : 0),
			   "%63s", first) != 1)
			break;
		snprintf(col, sizeof(col), "%s.free", first);
		tap_is_num(g->free[z], row[tl_col(&tl, col)], 0,
			   "%s: %s = the sum of buddyinfo's blocks", g->arch, col);
		snprintf(col, sizeof(col), "%s.min", first);
		tap_is_num(g->min[z], row[tl_col(&tl, col)], 0, "%s: %s", g->arch, col);
		snprintf(col, sizeof(col), "%s.high", first);
		tap_is_num(g->high[z], row[tl_col(&tl, col)], 0, "%s: %s", g->arch, col);
	}
	tap_is_num(g->memfree_kb, row[tl_col(&tl, "memfree_kb")], 0,
		   "%s: MemFree", g->arch);
	tap_is_num(g->memavail_kb, row[tl_col(&tl, "memavail_kb")], 0,
		   "%s: MemAvailable", g->arch);
	tap_is_num(g->nr_free_cma, row[tl_col(&tl, "nr_free_cma")], 0,
		   "%s: nr_free_cma", g->arch);
	tap_is_num(0, row[tl_col(&tl, "allocstall")], 0,
		   "%s: allocstall (the sum of allocstall_*)", g->arch);
	tap_is_num(0, row[tl_col(&tl, "psi.full.total_us")], 0,
		   "%s: PSI full total", g->arch);
	tap_ok(tl_col(&tl, "pgscan_kswapd") > 0 && tl_col(&tl, "pgsteal_direct") > 0 &&
	       tl_col(&tl, "compact_stall") > 0 && tl_col(&tl, "oom_kill") > 0,
	       "%s: the reclaim counters are columns", g->arch);
	sampler_close(&s);
	tl_free(&tl);
}

/* Write @text to @dir/@name. */
static void put(const char *dir, const char *name, const char *text)
{
	char path[8192];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* A /proc of our own: missing files, and lines that move. */
static void check_scratch(const char *dir, const char *fixtures)
{
	char proc[4096], err[4096], cmd[4 * 4096 + 64];
	struct timeline tl;
	struct sampler s;
	double *row;

	snprintf(proc, sizeof(proc), "%s/proc", dir);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' && cp -r '%s/proc-arm64' '%s' && rm -r '%s/pressure'",
		 proc, fixtures, proc, proc);
	if (system(cmd))
		tap_ok(false, "copy the arm64 fixture");

	tl_init(&tl);
	tl_add_col(&tl, "t");
	tap_is_int(0, sampler_open(&s, proc, &tl, err, sizeof(err)),
		   "no pressure file: the sampler still opens");
	snprintf(cmd, sizeof(cmd), "none: %s/pressure/memory: No such file or directory", proc);
	tap_is_str(cmd, tl.psi, "... and says why PSI is missing");
	put(proc, "meminfo", "Extra:  1 kB\nMemTotal: 1000 kB\nMemFree:  123 kB\nMemAvailable: 456 kB\n");
	row = tl_new_row(&tl);
	sampler_take(&s, row, false);
	tap_is_num(123, row[tl_col(&tl, "memfree_kb")], 0,
		   "meminfo's lines moved: found by name again");
	tap_is_num(456, row[tl_col(&tl, "memavail_kb")], 0, "... MemAvailable too");
	tap_ok(isnan(row[tl_col(&tl, "anon_kb")]), "... a line now missing is unknown");
	tap_ok(isnan(row[tl_col(&tl, "psi.some.total_us")]), "PSI columns unknown");
	sampler_close(&s);
	tl_free(&tl);

	snprintf(cmd, sizeof(cmd), "%s/meminfo", proc);
	remove(cmd);
	tl_init(&tl);
	tl_add_col(&tl, "t");
	tap_is_int(-1, sampler_open(&s, proc, &tl, err, sizeof(err)),
		   "no meminfo: the sampler fails");
	snprintf(cmd, sizeof(cmd), "%s/meminfo: No such file or directory", proc);
	tap_is_str(cmd, err, "... and says which file");
	sampler_close(&s);
	tl_free(&tl);
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc != 3) {
		fprintf(stderr, "usage: sample_test FIXTURES_DIR SCRATCH_DIR\n");
		return 255;
	}
	for (i = 0; i < sizeof(guests) / sizeof(guests[0]); i++)
		check_guest(argv[1], &guests[i]);
	check_scratch(argv[2], argv[1]);
	return tap_done();
}

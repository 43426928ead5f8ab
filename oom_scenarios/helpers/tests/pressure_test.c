// SPDX-License-Identifier: GPL-2.0
/*
 * tests/pressure_test.c - the PSI text: the file to watch, the trigger
 * string, and a table of pressure files, real ones and broken ones.
 */
#include "../pressure.h"
#include "tap.h"

#define GOOD(t, s, f)	\
	{ .text = (t), .err = PARSE_OK, .some = (s), .full = (f) }
#define BAD(t, e)	{ .text = (t), .err = (e) }

static const struct {
	const char *text;
	enum parse_err err;
	double some, full;
} files[] = {
	GOOD("some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"
	     "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n", 0, 0),
	GOOD("some avg10=89.53 avg60=40.12 avg300=9.80 total=12345678\n"
	     "full avg10=85.01 avg60=38.00 avg300=9.01 total=11345678\n",
	     89.53, 85.01),
	GOOD("some avg10=100.00 avg60=1.00 avg300=0.00 total=5\n"
	     "full avg10=7.50 avg60=1.00 avg300=0.00 total=5\n", 100, 7.5),
	/* CPU pressure before 5.13: no "full" line */
	GOOD("some avg10=3.25 avg60=0.00 avg300=0.00 total=5\n", 3.25, -1),
	/* full first, no final newline */
	GOOD("full avg10=1.00 avg60=0.00 avg300=0.00 total=5\n"
	     "some avg10=2.00 avg60=0.00 avg300=0.00 total=5", 2, 1),
	BAD("", PARSE_EMPTY),
	BAD("full avg10=1.00 avg60=0.00 avg300=0.00 total=5\n", PARSE_EMPTY),
	BAD("somewhat avg10=1.00\n", PARSE_EMPTY),
	BAD("some avg60=1.00 avg10=1.00\n", PARSE_JUNK),
	BAD("some avg10=x\n", PARSE_NOT_NUMBER),
	BAD("some avg10=-1.00\n", PARSE_NOT_NUMBER),
	BAD("some avg10=1.0x avg60=0.00\n", PARSE_JUNK),
	BAD("some avg10=100.01 avg60=0.00\n", PARSE_TOO_LARGE),
	BAD("some avg10=1.00\nfull avg10=oops\n", PARSE_NOT_NUMBER),
};

/* Every file gives its error class, or both avg10 figures. */
static void test_parse(void)
{
	struct pressure_avg avg;
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		avg = (struct pressure_avg) { -7, -7 };
		tap_is_int(files[i].err, pressure_parse(files[i].text, &avg),
			   "file %zu -> %s", i, parse_err_str(files[i].err));
		if (files[i].err != PARSE_OK) {
			tap_ok(avg.some == -7 && avg.full == -7,
			       "file %zu: the result is left alone", i);
			continue;
		}
		tap_is_int(files[i].some * 100, avg.some * 100,
			   "file %zu: some avg10 %.2f", i, files[i].some);
		tap_is_int(files[i].full * 100, avg.full * 100,
			   "file %zu: full avg10 %.2f", i, files[i].full);
	}
}

/* The trigger strings Documentation/accounting/psi.rst describes. */
static void test_trigger(void)
{
	char buf[64];

	tap_is_int(0, pressure_trigger(buf, sizeof(buf), false, 100, 1000),
		   "trigger: some 100 ms in 1 s fits");
	tap_like("some 100000 1000000", buf, "trigger: 'some 100000 1000000'");
	tap_is_int(0, strcmp(buf, "some 100000 1000000"), "... and nothing else");
	pressure_trigger(buf, sizeof(buf), true, 10000, 10000);
	tap_is_int(0, strcmp(buf, "full 10000000 10000000"),
		   "trigger: 'full 10000000 10000000'");
	tap_is_int(-1, pressure_trigger(buf, 8, false, 100, 1000),
		   "trigger: a short buffer is an error");
}

/* The system file, or DIR/memory.pressure. */
static void test_path(void)
{
	char buf[64];

	tap_is_int(0, pressure_path(buf, sizeof(buf), NULL), "path: system");
	tap_is_int(0, strcmp(buf, "/proc/pressure/memory"),
		   "path: /proc/pressure/memory");
	pressure_path(buf, sizeof(buf), "/sys/fs/cgroup/t");
	tap_is_int(0, strcmp(buf, "/sys/fs/cgroup/t/memory.pressure"),
		   "path: /sys/fs/cgroup/t/memory.pressure");
	tap_is_int(-1, pressure_path(buf, 20, "/sys/fs/cgroup/t"),
		   "path: too long for the buffer is an error");
}

/* Run every PSI text check; the exit status counts the failures. */
int main(void)
{
	test_parse();
	test_trigger();
	test_path();
	return tap_done();
}

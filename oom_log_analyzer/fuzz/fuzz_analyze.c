// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_analyze.c - libFuzzer target: any bytes through the whole pipeline
 * (lines, normalize, events, both renderers). The first byte picks the
 * chunk size the input is fed in, so line splitting across reads is
 * exercised too.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "analyzer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* feed: one input through one analyzer in chunks of chunk bytes. */
static void feed(struct analyzer *a, const uint8_t *data, size_t size,
		 size_t chunk)
{
	analyzer_begin(a, "fuzz");
	while (size > 0) {
		size_t n = size < chunk ? size : chunk;

		analyzer_push(a, (const char *)data, n);
		data += n;
		size -= n;
	}
	analyzer_end(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct analyzer *json, *text;
	static FILE *sink;
	size_t chunk = 65536;

	if (!sink) {
		sink = fopen("/dev/null", "w");
		if (!sink)
			abort();
		json = analyzer_new(sink, 1, 0);
		text = analyzer_new(sink, 0, 1);
		if (!json || !text)
			abort();
	}
	if (size > 0 && data[0] < 64)
		chunk = (size_t)data[0] * 7 + 1;
	feed(json, data, size, chunk);
	feed(text, data, size, chunk);
	return 0;
}

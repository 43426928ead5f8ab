// SPDX-License-Identifier: GPL-2.0
/*
 * score.c - oom_score_adj (-1000..1000) biases the OOM killer's choice:
 * -1000 means never pick me. The parent uses it to stay alive, the
 * victim to undo what it inherited from the parent.
 */
#include <errno.h>
#include <stdio.h>

#include "score.h"

#define SCORE_ADJ "/proc/self/oom_score_adj"

/* Read our oom_score_adj into @value; 0 or an errno. */
int score_adj_read(int *value)
{
	FILE *f = fopen(SCORE_ADJ, "r");
	int ok;

	if (!f)
		return errno;
	ok = fscanf(f, "%d", value) == 1;
	fclose(f);
	return ok ? 0 : EIO;
}

/* Set our oom_score_adj; 0 or an errno (EACCES: lowering needs root). */
int score_adj_write(int value)
{
	FILE *f = fopen(SCORE_ADJ, "w");
	int err = 0;

	if (!f)
		return errno;
	if (fprintf(f, "%d\n", value) < 0)
		err = errno;
	if (fclose(f) && !err)
		err = errno;
	return err;
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * render.h - the two outputs: a compact explanation for people and one
 * JSON object per event (JSON Lines) for programs.
 */
#ifndef OOM_RENDER_H
#define OOM_RENDER_H

#include <stdio.h>

#include "event.h"

void render_json(FILE *out, const char *file, const struct oom_event *ev);
void render_text(FILE *out, const char *file, const struct oom_event *ev,
		 int color);
void json_string(FILE *out, const char *s);

#endif /* OOM_RENDER_H */

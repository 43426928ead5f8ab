/* SPDX-License-Identifier: GPL-2.0 */
/*
 * record.h - "oom-timeline record": run CMD (or watch PID) while
 * sampling and tracing, then write the timeline file.
 */
#ifndef OOM_TIMELINE_RECORD_H
#define OOM_TIMELINE_RECORD_H

#include "options.h"

int record_run(const struct options *o);

#endif /* OOM_TIMELINE_RECORD_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * trace.c - records the kernel's events in a tracefs instance of its
 * own, instances/oom-timeline.PID: a ring buffer, trace clock and
 * event switches apart from the global ones, so whatever else uses
 * tracing is left alone and removing the folder undoes everything.
 * tracefs is mounted at /sys/kernel/tracing if it is nowhere (and
 * unmounted at the end). Instances left by a recorder that was
 * SIGKILLed are removed by the next one.
 *
 * The ring buffer is read once, at the end. Its clock is "mono", the
 * CLOCK_MONOTONIC of the samples; on a kernel without it, a
 * trace_marker write timed on both clocks measures the offset. The
 * buffer (the kernel's default size for an instance, 1408 KiB per CPU,
 * unless --buffer-kb) overwrites its oldest events when full: how many
 * were lost is in the file.
 *
 * What it costs in the arm64 guest under TCG (6.1 builds an instance's
 * whole events tree at mkdir): about 0.1 s to set up and 0.1 s to
 * read and take down, before CMD starts and after it ends.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "event.h"
#include "msg.h"
#include "trace.h"

#define MARKER "oom-timeline sync"

/* Write @val into @dir/@file; 0 or an errno. */
static int put(const char *dir, const char *file, const char *val)
{
	char path[TRACE_PATH_LEN];
	ssize_t n;
	int fd, err = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return errno;
	n = write(fd, val, strlen(val));
	if (n < 0)
		err = errno;
	close(fd);
	return err;
}

/*
 * Find a mounted tracefs (its mount point into tr->root), else mount
 * one on @fallback. 0, or -1 with @err set.
 */
static int find_tracefs(struct tracer *tr, const char *fallback, char *err,
			size_t errlen)
{
	char dev[256], dir[PATH_MAX], type[64];
	FILE *f = fopen("/proc/mounts", "re");

	while (f && fscanf(f, "%255s %4095s %63s %*[^\n]", dev, dir, type) == 3) {
		if (!strcmp(type, "tracefs")) {
			snprintf(tr->root, sizeof(tr->root), "%s", dir);
			fclose(f);
			return 0;
		}
	}
	if (f)
		fclose(f);
	if (mount("tracefs", fallback, "tracefs",
		  MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL))
		return err_printf(err, errlen, "mount tracefs on %s: %s", fallback,
				  strerror(errno));
	snprintf(tr->root, sizeof(tr->root), "%s", fallback);
	tr->mounted = true;
	return 0;
}

/* Remove instances left by recorders that no longer run. */
static void sweep_stale(const char *instances)
{
	size_t plen = strlen(TRACE_INSTANCE_PREFIX);
	char path[TRACE_PATH_LEN];
	struct dirent *de;
	DIR *d = opendir(instances);
	char *end;
	long pid;

	while (d && (de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, TRACE_INSTANCE_PREFIX, plen))
			continue;
		pid = strtol(de->d_name + plen, &end, 10);
		if (*end || pid <= 0 || kill(pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof(path), "%s/%s", instances, de->d_name);
		rmdir(path);
	}
	if (d)
		closedir(d);
}

/* Enable every event this kernel has; how many it has. */
static int enable_events(struct tracer *tr, char *err, size_t errlen)
{
	char file[256];
	size_t i;
	int n = 0;

	for (i = 0; i < n_event_kinds; i++) {
		int e;

		snprintf(file, sizeof(file), "events/%s/%s/enable",
			 event_kinds[i].system, event_kinds[i].name);
		e = put(tr->dir, file, "1");
		if (e == ENOENT)
			continue;	/* not in this kernel */
		if (e)
			return err_printf(err, errlen, "%s/%s: %s", tr->dir, file,
					  strerror(e));
		tr->enabled[i] = true;
		n++;
	}
	if (!n)
		return err_printf(err, errlen, "%s/events: none of the events is there",
				  tr->dir);
	return n;
}

/*
 * The first marker line in the instance's buffer: its time on the
 * trace clock; -1 if there is none.
 */
static double find_marker(const struct tracer *tr)
{
	char path[TRACE_PATH_LEN], *line = NULL;
	struct trace_line tl;
	double ts = -1;
	size_t size = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/trace", tr->dir);
	f = fopen(path, "re");
	while (f && getline(&line, &size, f) >= 0)
		if (!trace_parse_line(line, &tl) &&
		    !strcmp(tl.name, "tracing_mark_write") &&
		    strstr(tl.fields, MARKER)) {
			ts = tl.ts;
			break;
		}
	free(line);
	if (f)
		fclose(f);
	return ts;
}

/* Measure the trace clock against CLOCK_MONOTONIC with a marker. */
static void align_clocks(struct tracer *tr)
{
	char path[TRACE_PATH_LEN];
	double before, after, ts;
	int fd;

	tr->aligned = !strcmp(tr->clock, "mono");
	tr->offset = 0;
	if (tr->aligned)
		return;		/* the very clock of the samples */
	snprintf(path, sizeof(path), "%s/trace_marker", tr->dir);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	before = mono_seconds();
	if (write(fd, MARKER, strlen(MARKER)) < 0) {
		close(fd);
		return;
	}
	after = mono_seconds();
	close(fd);
	ts = find_marker(tr);
	if (ts < 0)
		return;
	tr->offset = ts - (before + after) / 2;
	tr->aligned = true;
}

/*
 * Set up the instance under tracefs (found, or mounted on @root) with
 * a ring buffer of @buffer_kb per CPU (0: the kernel's default), the
 * mono clock and every event, and start it. Returns 0, or -1 with
 * @err set and nothing left behind.
 */
int trace_start(struct tracer *tr, const char *root, unsigned int buffer_kb,
		char *err, size_t errlen)
{
	char instances[PATH_MAX + 16], num[32], why[512];
	int e;

	memset(tr, 0, sizeof(*tr));
	tr->enabled = calloc(n_event_kinds, sizeof(*tr->enabled));
	if (!tr->enabled)
		return err_printf(err, errlen, "%s", strerror(ENOMEM));
	if (find_tracefs(tr, root, err, errlen))
		goto undo;
	snprintf(instances, sizeof(instances), "%s/instances", tr->root);
	sweep_stale(instances);
	snprintf(tr->dir, sizeof(tr->dir), "%s/%s%d", instances,
		 TRACE_INSTANCE_PREFIX, (int)getpid());
	if (mkdir(tr->dir, 0700)) {
		err_printf(err, errlen, "%s: %s", errno == EEXIST ? tr->dir : instances,
			   strerror(errno));
		goto undo;
	}
	tr->made = true;
	if (buffer_kb) {
		snprintf(num, sizeof(num), "%u", buffer_kb);
		e = put(tr->dir, "buffer_size_kb", num);
		if (e) {
			err_printf(err, errlen, "%s/buffer_size_kb: %s", tr->dir,
				   strerror(e));
			goto undo;
		}
	}
	snprintf(tr->clock, sizeof(tr->clock), "mono");
	if (put(tr->dir, "trace_clock", "mono"))
		snprintf(tr->clock, sizeof(tr->clock), "local");
	if (enable_events(tr, err, errlen) < 0)
		goto undo;
	e = put(tr->dir, "tracing_on", "1");
	if (e) {
		err_printf(err, errlen, "%s/tracing_on: %s", tr->dir, strerror(e));
		goto undo;
	}
	align_clocks(tr);
	return 0;
undo:
	snprintf(why, sizeof(why), "%s", err);
	trace_cleanup(tr, err, errlen);
	snprintf(err, errlen, "%s", why);
	return -1;
}

/* Stop recording: the buffer keeps what it has. */
void trace_stop(struct tracer *tr)
{
	if (tr->made && !tr->stopped)
		put(tr->dir, "tracing_on", "0");
	tr->stopped = true;
}

/* Events the ring buffer lost: overrun + dropped over every CPU. */
static long long count_lost(const struct tracer *tr)
{
	char path[TRACE_PATH_LEN], line[128];
	long long lost = 0, n;
	int cpu;

	for (cpu = 0; cpu < 4096; cpu++) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/per_cpu/cpu%d/stats", tr->dir,
			 cpu);
		f = fopen(path, "re");
		if (!f) {
			if (errno == ENOENT && cpu > 0)
				break;
			continue;
		}
		while (fgets(line, sizeof(line), f))
			if (sscanf(line, "overrun: %lld", &n) == 1 ||
			    sscanf(line, "dropped events: %lld", &n) == 1)
				lost += n;
		fclose(f);
	}
	return lost;
}

/*
 * Stop, then move the buffer's events into @tl, on its time scale
 * (seconds since tl->start_mono). Sets tl->trace and tl->trace_lost.
 * 0, or -1 with @err set.
 */
int trace_collect(struct tracer *tr, struct timeline *tl, char *err,
		  size_t errlen)
{
	char path[TRACE_PATH_LEN], name[160], *line = NULL;
	const struct event_kind *k;
	struct trace_line t;
	size_t size = 0;
	ssize_t len;
	FILE *f;

	trace_stop(tr);
	tl->trace_lost = count_lost(tr);
	snprintf(tl->trace, sizeof(tl->trace), "%s%s", tr->clock,
		 tr->aligned ? "" : " (not aligned with t)");
	snprintf(path, sizeof(path), "%s/trace", tr->dir);
	f = fopen(path, "re");
	if (!f)
		return err_printf(err, errlen, "%s: %s", path, strerror(errno));
	while ((len = getline(&line, &size, f)) >= 0) {
		if (len && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (trace_parse_line(line, &t))
			continue;
		k = event_kind_find(t.name);
		if (!k)
			continue;	/* the marker */
		snprintf(name, sizeof(name), "%s:%s", k->system, k->name);
		if (tl_add_event(tl, t.ts - tr->offset - tl->start_mono, name,
				 t.pid, t.comm, t.fields)) {
			fclose(f);
			free(line);
			return err_printf(err, errlen, "%s", strerror(ENOMEM));
		}
	}
	free(line);
	fclose(f);
	tl_sort_events(tl);
	return 0;
}

/*
 * Undo trace_start(): disable the events, remove the instance, unmount
 * tracefs if we mounted it. 0, or -1 with @err naming what is left.
 */
int trace_cleanup(struct tracer *tr, char *err, size_t errlen)
{
	char file[256];
	size_t i;
	int rc = 0, tries;

	for (i = 0; tr->enabled && tr->made && i < n_event_kinds; i++) {
		if (!tr->enabled[i])
			continue;
		snprintf(file, sizeof(file), "events/%s/%s/enable",
			 event_kinds[i].system, event_kinds[i].name);
		put(tr->dir, file, "0");
		tr->enabled[i] = false;
	}
	/* A reader of the buffer that just closed may hold it a moment. */
	for (tries = 0; tr->made && tries < 50; tries++) {
		if (!rmdir(tr->dir) || errno == ENOENT) {
			tr->made = false;
			break;
		}
		if (errno != EBUSY) {
			rc = err_printf(err, errlen, "%s: %s", tr->dir, strerror(errno));
			break;
		}
		usleep(10000);
	}
	if (tr->made && !rc)
		rc = err_printf(err, errlen, "%s: %s", tr->dir, strerror(EBUSY));
	if (tr->mounted && !umount(tr->root))
		tr->mounted = false;
	else if (tr->mounted && !rc)
		rc = err_printf(err, errlen, "umount %s: %s", tr->root, strerror(errno));
	free(tr->enabled);
	tr->enabled = NULL;
	return rc;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * oomcheck.c - check oom-analyze --json output against a fixture's
 * expected facts, field by field.
 *
 *   oomcheck NAME ACTUAL.jsonl EXPECTED
 *
 * EXPECTED holds JSON lines. {"events": N} asserts the event count. A
 * line with "event": I asserts facts of event I: every other key is
 * compared with the actual event (objects: the keys given; arrays: same
 * length, element by element). Derived keys: "tasks_count",
 * "zones_count", "top_rss" (the task with the largest rss_pages) and
 * "unkillable_pids" (pids with oom_score_adj -1000, in table order).
 * Lines starting with '#' are comments. Every actual line must be valid
 * JSON. Prints "ok - ..." / "not ok - ..." lines (the .t numbers them);
 * exit status 1 when a check failed, 2 on usage or I/O errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum jt { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jv {
	enum jt t;
	char *s;		/* string, number text, "true"/"false" */
	int n;			/* children */
	char **keys;		/* for objects */
	struct jv **kids;
};

static const char *pp;		/* parse position */
static int failed;

static struct jv *parse_value(void);

/* xalloc: calloc or die. */
static void *xalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (!p) {
		fprintf(stderr, "oomcheck: out of memory\n");
		exit(2);
	}
	return p;
}

/* ws: skip JSON white space. */
static void ws(void)
{
	while (*pp == ' ' || *pp == '\t' || *pp == '\n' || *pp == '\r')
		pp++;
}

/* parse_string: a JSON string at pp (escapes kept as \uXXXX text). */
static char *parse_string(void)
{
	const char *start;
	char *out;
	size_t n = 0;

	if (*pp != '"')
		return NULL;
	start = ++pp;
	while (*pp && *pp != '"') {
		if ((unsigned char)*pp < 0x20)
			return NULL;
		if (*pp == '\\') {
			pp++;
			if (!*pp || !strchr("\"\\/bfnrtu", *pp))
				return NULL;
		}
		pp++;
	}
	if (*pp != '"')
		return NULL;
	out = xalloc((size_t)(pp - start) + 1);
	for (const char *p = start; p < pp; p++) {
		if (*p == '\\' && (p[1] == '"' || p[1] == '\\' || p[1] == '/'))
			p++;
		out[n++] = *p;
	}
	out[n] = '\0';
	pp++;
	return out;
}

/* add_kid: append a child (and key) to an array or object. */
static void add_kid(struct jv *v, char *key, struct jv *kid)
{
	v->kids = realloc(v->kids, sizeof(*v->kids) * (size_t)(v->n + 1));
	v->keys = realloc(v->keys, sizeof(*v->keys) * (size_t)(v->n + 1));
	if (!v->kids || !v->keys) {
		fprintf(stderr, "oomcheck: out of memory\n");
		exit(2);
	}
	v->kids[v->n] = kid;
	v->keys[v->n] = key;
	v->n++;
}

/* parse_container: an array or object at pp. */
static struct jv *parse_container(char open, char close)
{
	struct jv *v = xalloc(sizeof(*v));

	v->t = open == '[' ? J_ARR : J_OBJ;
	pp++;
	ws();
	if (*pp == close) {
		pp++;
		return v;
	}
	for (;;) {
		char *key = NULL;
		struct jv *kid;

		ws();
		if (v->t == J_OBJ) {
			key = parse_string();
			ws();
			if (!key || *pp != ':')
				return NULL;
			pp++;
		}
		kid = parse_value();
		if (!kid)
			return NULL;
		add_kid(v, key, kid);
		ws();
		if (*pp == ',') {
			pp++;
			continue;
		}
		if (*pp == close) {
			pp++;
			return v;
		}
		return NULL;
	}
}

/* parse_value: any JSON value at pp, or NULL when invalid. */
static struct jv *parse_value(void)
{
	struct jv *v;
	const char *start;

	ws();
	if (*pp == '{')
		return parse_container('{', '}');
	if (*pp == '[')
		return parse_container('[', ']');
	v = xalloc(sizeof(*v));
	if (*pp == '"') {
		v->t = J_STR;
		v->s = parse_string();
		return v->s ? v : NULL;
	}
	if (!strncmp(pp, "null", 4)) {
		pp += 4;
		v->t = J_NULL;
		return v;
	}
	if (!strncmp(pp, "true", 4) || !strncmp(pp, "false", 5)) {
		v->t = J_BOOL;
		v->s = *pp == 't' ? "true" : "false";
		pp += *pp == 't' ? 4 : 5;
		return v;
	}
	start = pp;
	if (*pp == '-')
		pp++;
	if (*pp < '0' || *pp > '9')
		return NULL;
	while ((*pp >= '0' && *pp <= '9') || *pp == '.' || *pp == 'e' ||
	       *pp == 'E' || *pp == '+' || *pp == '-')
		pp++;
	v->t = J_NUM;
	v->s = xalloc((size_t)(pp - start) + 1);
	memcpy(v->s, start, (size_t)(pp - start));
	return v;
}

/* parse_line: a whole line as one JSON value, or NULL. */
static struct jv *parse_line(const char *line)
{
	struct jv *v;

	pp = line;
	v = parse_value();
	ws();
	return v && !*pp ? v : NULL;
}

/* get: the value of key in object v, or NULL. */
static struct jv *get(const struct jv *v, const char *key)
{
	int k;

	if (!v || v->t != J_OBJ)
		return NULL;
	for (k = 0; k < v->n; k++)
		if (!strcmp(v->keys[k], key))
			return v->kids[k];
	return NULL;
}

/* show: print a value compactly into buf. */
static void show(const struct jv *v, char *buf, size_t cap)
{
	size_t n;
	int k;

	if (!v) {
		snprintf(buf, cap, "(missing)");
		return;
	}
	switch (v->t) {
	case J_NULL:
		snprintf(buf, cap, "null");
		return;
	case J_STR:
		snprintf(buf, cap, "\"%s\"", v->s);
		return;
	case J_NUM:
	case J_BOOL:
		snprintf(buf, cap, "%s", v->s);
		return;
	default:
		break;
	}
	snprintf(buf, cap, "%c", v->t == J_ARR ? '[' : '{');
	for (k = 0; k < v->n; k++) {
		n = strlen(buf);
		if (n + 8 >= cap)
			break;
		if (v->t == J_OBJ)
			snprintf(buf + n, cap - n, "%s%s:", k ? "," : "",
				 v->keys[k]);
		else if (k)
			snprintf(buf + n, cap - n, ",");
		n = strlen(buf);
		show(v->kids[k], buf + n, cap - n);
	}
	n = strlen(buf);
	if (n + 2 < cap)
		snprintf(buf + n, cap - n, "%c", v->t == J_ARR ? ']' : '}');
}

/* match: expected want is a subset of got (see the top comment). */
static int match(const struct jv *want, const struct jv *got)
{
	int k;

	if (!got || want->t != got->t)
		return 0;
	switch (want->t) {
	case J_NULL:
		return 1;
	case J_BOOL:
	case J_STR:
		return !strcmp(want->s, got->s);
	case J_NUM:
		return strtod(want->s, NULL) == strtod(got->s, NULL);
	case J_ARR:
		if (want->n != got->n)
			return 0;
		for (k = 0; k < want->n; k++)
			if (!match(want->kids[k], got->kids[k]))
				return 0;
		return 1;
	case J_OBJ:
		for (k = 0; k < want->n; k++)
			if (!match(want->kids[k], get(got, want->keys[k])))
				return 0;
		return 1;
	}
	return 0;
}

/* num: a made-up number value. */
static struct jv *num(long long n)
{
	struct jv *v = xalloc(sizeof(*v));

	v->t = J_NUM;
	v->s = xalloc(24);
	snprintf(v->s, 24, "%lld", n);
	return v;
}

/* derived: the value of a derived key for event ev, or NULL. */
static struct jv *derived(const struct jv *ev, const char *key)
{
	struct jv *tasks = get(ev, "tasks");
	int k;

	if (!strcmp(key, "tasks_count"))
		return tasks ? num(tasks->n) : NULL;
	if (!strcmp(key, "zones_count"))
		return get(ev, "zones") ? num(get(ev, "zones")->n) : NULL;
	if (!tasks)
		return NULL;
	if (!strcmp(key, "top_rss")) {
		struct jv *best = NULL;
		double top = -1;

		for (k = 0; k < tasks->n; k++) {
			struct jv *r = get(tasks->kids[k], "rss_pages");

			if (r && r->t == J_NUM && strtod(r->s, NULL) > top) {
				top = strtod(r->s, NULL);
				best = tasks->kids[k];
			}
		}
		return best;
	}
	if (!strcmp(key, "unkillable_pids")) {
		struct jv *list = xalloc(sizeof(*list));

		list->t = J_ARR;
		for (k = 0; k < tasks->n; k++) {
			struct jv *a = get(tasks->kids[k], "oom_score_adj");

			if (a && a->t == J_NUM && !strcmp(a->s, "-1000"))
				add_kid(list, NULL,
					get(tasks->kids[k], "pid"));
		}
		return list;
	}
	return NULL;
}

/* result: one check line. */
static void result(int pass, const char *name, const char *what,
		   const struct jv *want, const struct jv *got)
{
	printf("%sok - %s: %s\n", pass ? "" : "not ", name, what);
	if (pass)
		return;
	failed = 1;
	if (want) {
		static char w[2048], g[2048];

		show(want, w, sizeof(w));
		show(got, g, sizeof(g));
		printf("#   expected: %s\n#        got: %s\n", w, g);
	}
}

/* read_lines: the lines of a file, NULL-terminated. */
static char **read_lines(const char *path, int *n)
{
	FILE *f = fopen(path, "r");
	char **lines = NULL;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;

	if (!f) {
		perror(path);
		exit(2);
	}
	*n = 0;
	while ((len = getline(&buf, &cap, f)) >= 0) {
		while (len > 0 &&
		       (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
			buf[--len] = '\0';
		lines = realloc(lines, sizeof(*lines) * (size_t)(*n + 2));
		if (!lines)
			exit(2);
		lines[(*n)++] = strdup(buf);
	}
	free(buf);
	fclose(f);
	if (!lines)
		lines = xalloc(sizeof(*lines));
	lines[*n] = NULL;
	return lines;
}

int main(int argc, char **argv)
{
	struct jv **events;
	char **act, **exp, what[256];
	int nact, nexp, k, j;

	if (argc != 4) {
		fprintf(stderr, "usage: oomcheck NAME ACTUAL EXPECTED\n");
		return 2;
	}
	act = read_lines(argv[2], &nact);
	exp = read_lines(argv[3], &nexp);
	events = xalloc(sizeof(*events) * (size_t)(nact + 1));
	for (k = 0; k < nact; k++) {
		events[k] = parse_line(act[k]);
		if (!events[k]) {
			snprintf(what, sizeof(what), "output line %d is valid "
				 "JSON", k + 1);
			result(0, argv[1], what, NULL, NULL);
		}
	}
	for (k = 0; k < nexp; k++) {
		struct jv *want, *ev = NULL, *idx;

		if (!exp[k][0] || exp[k][0] == '#')
			continue;
		want = parse_line(exp[k]);
		if (!want || want->t != J_OBJ) {
			fprintf(stderr, "oomcheck: %s:%d: bad JSON\n", argv[3],
				k + 1);
			return 2;
		}
		if (get(want, "events")) {
			struct jv *n = num(nact);

			result(match(get(want, "events"), n), argv[1],
			       "number of events", get(want, "events"), n);
			continue;
		}
		idx = get(want, "event");
		for (j = 0; idx && j < nact; j++)
			if (events[j] && match(idx, get(events[j], "event")))
				ev = events[j];
		if (!ev) {
			snprintf(what, sizeof(what), "expected line %d: event "
				 "found", k + 1);
			result(0, argv[1], what, NULL, NULL);
			continue;
		}
		for (j = 0; j < want->n; j++) {
			const char *key = want->keys[j];
			struct jv *got;

			if (!strcmp(key, "event") || !strcmp(key, "file"))
				continue;
			got = get(ev, key);
			if (!got)
				got = derived(ev, key);
			snprintf(what, sizeof(what), "event %s %s", idx->s,
				 key);
			result(match(want->kids[j], got), argv[1], what,
			       want->kids[j], got);
		}
	}
	return failed;
}

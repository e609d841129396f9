/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * slices: how long a key can wait for the work the pager does between
 * keys.  The reader takes a key between any two slices of background work
 * (src/ui/session.c, idle_step); this times every slice of each kind, with
 * the slice sizes the pager uses, over a whole file: the outline (32 KiB a
 * slice, resolving included; the pager runs them for up to 1 ms between
 * two looks for a key, so a key waits for one such turn, timed too), a
 * search to the end (2 MiB) and the line index (256 KiB).  Prints the
 * count, median, 99th percentile and longest slice of each, and the
 * whole.  Not run by make check:
 *   make tests/bench/slices && tests/bench/slices FILE [QUERY]
 */
#include "build.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "fanye/doc.h"
#include "fanye/outline.h"
#include "fanye/search.h"

typedef struct times {
	double *v;
	size_t n, cap;
} times;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void add(times *t, double x)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->v = realloc(t->v, t->cap * sizeof *t->v);
		if (!t->v)
			exit(1);
	}
	t->v[t->n++] = x;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void report(const char *what, times *t)
{
	double sum = 0;
	for (size_t i = 0; i < t->n; i++)
		sum += t->v[i];
	if (!t->n)
		return;
	qsort(t->v, t->n, sizeof *t->v, cmp);
	printf("%-28s %7zu slices  median %7.3f ms  p99 %7.3f ms  longest %7.3f ms  all %8.1f ms\n", what, t->n,
	       t->v[t->n / 2] * 1e3, t->v[t->n * 99 / 100] * 1e3, t->v[t->n - 1] * 1e3, sum * 1e3);
	free(t->v);
	*t = (times){0};
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: slices FILE [QUERY]\n");
		return 2;
	}
	char err[256];
	doc *d = doc_open(argv[1], err, sizeof err);
	if (!d) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	times t = {0}, turns = {0};
	outline *o = outline_new(d, NULL);
	for (bool done = false; !done;) {
		double turn = now();
		do {
			double t0 = now();
			done = outline_step(o, (size_t)32 << 10);
			add(&t, now() - t0);
		} while (!done && now() - turn < 1e-3);
		add(&turns, now() - turn);
	}
	report("outline (32 KiB a slice)", &t);
	report("outline (turns of 1 ms)", &turns);
	outline_free(o);

	search_opts so = {SEARCH_SMART, true, false, false, true};
	search *s = search_new(argc > 2 ? argv[2] : "ZZQUERYMARK", &so, err, sizeof err);
	if (!s) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	size_t pos = 0, ms, me;
	for (enum search_result r = SEARCH_MORE; r == SEARCH_MORE;) {
		double t0 = now();
		r = search_forward(s, d, &pos, d->len, (size_t)2 << 20, &ms, &me);
		add(&t, now() - t0);
	}
	report("search (2 MiB a slice)", &t);
	search_free(s);

	for (bool done = false; !done;) {
		double t0 = now();
		done = doc_index_step(d, (size_t)256 << 10);
		add(&t, now() - t0);
	}
	report("line index (256 KiB a slice)", &t);
	doc_close(d);
	return 0;
}

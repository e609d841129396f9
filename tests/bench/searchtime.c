/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * searchtime: the time of one search through a whole file, with and without
 * the Chinese script fold, three times each in one process (the fold's
 * table is made by the first folded search).  Not run by make check:
 *   make tests/bench/searchtime && tests/bench/searchtime FILE QUERY
 */
#include "build.h"
#include <stdio.h>
#include <time.h>
#include "fanye/search.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: searchtime FILE QUERY\n");
		return 2;
	}
	char err[256];
	doc *d = doc_open(argv[1], err, sizeof err);
	if (!d) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	for (int fold = 0; fold < 2; fold++)
		for (int rep = 0; rep < 3; rep++) {
			search_opts o = {SEARCH_SMART, true, false, false, fold};
			search *s = search_new(argv[2], &o, err, sizeof err);
			if (!s) {
				fprintf(stderr, "%s\n", err);
				return 1;
			}
			size_t pos = 0, ms = 0, me = 0;
			double t0 = now();
			enum search_result r = search_forward(s, d, &pos, d->len, 0, &ms, &me);
			printf("script-fold %s: %s at %zu in %.3f s\n", fold ? "on " : "off",
			       r == SEARCH_FOUND ? "found" : "not found", r == SEARCH_FOUND ? ms : 0, now() - t0);
			search_free(s);
		}
	doc_close(d);
	return 0;
}

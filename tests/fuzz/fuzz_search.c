/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_search: folding and matching: the first input line is the query,
 * the rest the text.  Every match must lie inside the text, every fold
 * offset point into it, and the three ways of finding matches agree:
 * forward one at a time, backward one at a time (reversed), and
 * search_each over the whole text, unless a costly pattern was passed over
 * somewhere (search_stopped), which each way does at its own places.
 * A literal's matches are also those of the whole text folded at once.
 * Half the inputs search forward with a second thread on each scan. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fanye/search.h"

#define MAX_MATCHES 2000

typedef struct list {
	size_t a[MAX_MATCHES], b[MAX_MATCHES];
	size_t n, len;
} list;

static void add(list *l, size_t ms, size_t me)
{
	if (ms > me || me > l->len)
		abort();
	if (l->n < MAX_MATCHES) {
		l->a[l->n] = ms;
		l->b[l->n] = me;
	}
	l->n++;
}

static void each(void *ctx, size_t ms, size_t me)
{
	add(ctx, ms, me);
}

/* The same matches in the same order (at most MAX_MATCHES compared). */
static void same(const list *x, const list *y)
{
	if (x->n != y->n)
		abort();
	for (size_t i = 0; i < x->n && i < MAX_MATCHES; i++)
		if (x->a[i] != y->a[i] || x->b[i] != y->b[i])
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	if (!nl || size < 2)
		return 0;
	size_t ql = (size_t)(nl - data);
	char *q = malloc(ql + 1);
	memcpy(q, data + 1, ql ? ql - 1 : 0);
	q[ql ? ql - 1 : 0] = 0;
	search_opts o = {(enum search_case)(data[0] % 3), data[0] & 4, data[0] & 8, data[0] & 16, data[0] & 32};
	char err[256];
	search *s = search_new(q, &o, err, sizeof err);
	if (!s) {
		free(q);
		return 0;
	}
	search_prefilter_from(s, data[0] & 64 ? 0 : (size_t)1 << 20);
	/* every forward scan's second half on a second thread, or none */
	search_ahead_from(s, data[0] & 128 ? 1 : SIZE_MAX);
	doc *d = doc_from_bytes("f", nl + 1, size - ql - 1);
	static list fw, bw, ea;
	fw.n = bw.n = ea.n = 0;
	fw.len = bw.len = ea.len = d->len;
	size_t pos = 0, ms, me;
	enum search_result r;
	while ((r = search_forward(s, d, &pos, d->len, 4096, &ms, &me)) != SEARCH_NONE && fw.n <= MAX_MATCHES)
		if (r == SEARCH_FOUND)
			add(&fw, ms, me);
	pos = d->len;
	while ((r = search_backward(s, d, 0, &pos, 4096, &ms, &me)) != SEARCH_NONE && bw.n <= MAX_MATCHES)
		if (r == SEARCH_FOUND)
			add(&bw, ms, me);
	search_each(s, d, 0, d->len, each, &ea);
	if (!search_stopped(s, NULL) && fw.n <= MAX_MATCHES && bw.n <= MAX_MATCHES) {
		for (size_t i = 0; i < bw.n / 2; i++) {
			size_t ta = bw.a[i], tb = bw.b[i];
			bw.a[i] = bw.a[bw.n - 1 - i];
			bw.b[i] = bw.b[bw.n - 1 - i];
			bw.a[bw.n - 1 - i] = ta;
			bw.b[bw.n - 1 - i] = tb;
		}
		same(&fw, &bw);
		same(&fw, &ea);
	}
	size_t fl, *map, fql;
	char *f = search_fold(s, (const char *)d->data, d->len, &fl, &map);
	char *fq = search_fold(s, q, strlen(q), &fql, NULL);
	if (f) {
		for (size_t i = 0; i <= fl; i++)
			if (map[i] > d->len)
				abort();
		/* A literal: search_each (which folds only the lines the
		 * prefilter names) starts where the whole text folded at once
		 * holds the folded query. */
		if (!o.regex && fq && fql && ea.n <= MAX_MATCHES) {
			size_t k = 0;
			for (size_t i = 0; i + fql <= fl;) {
				const char *h = memmem(f + i, fl - i, fq, fql);
				if (!h)
					break;
				i = (size_t)(h - f);
				if (!k || ea.a[k - 1] != map[i]) {
					if (k >= ea.n || ea.a[k] != map[i])
						abort();
					k++;
				}
				i++;
			}
			if (k != ea.n)
				abort();
		}
		free(f);
		free(map);
	}
	free(fq);
	free(q);
	search_free(s);
	doc_close(d);
	return 0;
}

/* fuzz_search: folding and matching: the first input line is the query,
 * the rest the text; every match must lie inside the text and every fold
 * offset point into it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fanye/search.h"

static void each(void *ctx, size_t ms, size_t me)
{
	if (ms > me || me > *(size_t *)ctx)
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
	search_opts o = {(enum search_case)(data[0] % 3), data[0] & 4, data[0] & 8, data[0] & 16};
	char err[256];
	search *s = search_new(q, &o, err, sizeof err);
	free(q);
	if (!s)
		return 0;
	doc *d = doc_from_bytes("f", nl + 1, size - ql - 1);
	size_t pos = 0, ms, me, n = 0;
	while (search_forward(s, d, &pos, d->len, 0, &ms, &me) == SEARCH_FOUND && n++ < 1000)
		if (ms > me || me > d->len)
			abort();
	pos = d->len;
	n = 0;
	while (search_backward(s, d, 0, &pos, 0, &ms, &me) == SEARCH_FOUND && n++ < 1000)
		if (ms > me || me > d->len)
			abort();
	search_each(s, d, 0, d->len, each, &d->len);
	size_t fl, *map;
	char *f = search_fold(s, (const char *)d->data, d->len, &fl, &map);
	if (f) {
		for (size_t i = 0; i <= fl; i++)
			if (map[i] > d->len)
				abort();
		free(f);
		free(map);
	}
	search_free(s);
	doc_close(d);
	return 0;
}

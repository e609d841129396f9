/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_outline: the outline of arbitrary text, whole, in small slices and
 * cut in parts for the second thread; all must agree. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fanye/outline.h"

static char *print(const doc *d, size_t step, size_t split)
{
	outline_opts oo = {.split = split};
	outline *o = outline_new(d, &oo);
	if (!o)
		return NULL;
	while (!outline_step(o, step))
		;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	outline_print(o, f);
	fclose(f);
	outline_free(o);
	return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	doc *d = doc_from_bytes("f", data, size);
	char *a = print(d, 0, SIZE_MAX), *b = print(d, 5, SIZE_MAX);
	if (a && b && strcmp(a, b) != 0)
		abort(); /* slicing must not change the result */
	/* nor the second thread, in parts of 1 to 64 bytes by the first */
	char *c = size ? print(d, 0, 1 + data[0] % 64u) : NULL;
	if (a && c && strcmp(a, c) != 0)
		abort();
	free(a);
	free(b);
	free(c);
	doc_close(d);
	return 0;
}

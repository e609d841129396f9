/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_outline: the outline of arbitrary text, whole and in small slices;
 * both must agree. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fanye/outline.h"

static char *print(const doc *d, size_t step)
{
	outline *o = outline_new(d, NULL);
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
	char *a = print(d, 0), *b = print(d, 5);
	if (a && b && strcmp(a, b) != 0)
		abort(); /* slicing must not change the result */
	free(a);
	free(b);
	doc_close(d);
	return 0;
}

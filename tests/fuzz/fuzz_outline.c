/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_outline: the outline of arbitrary text, whole, in small slices and
 * cut in parts for the second thread; all must agree. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fanye/outline.h"
#include "../unit/dump.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	doc *d = doc_from_bytes("f", data, size);
	char *a = outline_text(d, SIZE_MAX, 0, -1, NULL), *b = outline_text(d, SIZE_MAX, 5, -1, NULL);
	if (a && b && strcmp(a, b) != 0)
		abort(); /* slicing must not change the result */
	/* nor the second thread, in parts of 1 to 64 bytes by the first */
	char *c = size ? outline_text(d, 1 + data[0] % 64u, 0, -1, NULL) : NULL;
	if (a && c && strcmp(a, c) != 0)
		abort();
	free(a);
	free(b);
	free(c);
	doc_close(d);
	return 0;
}

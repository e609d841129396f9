/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_layout: layout at a width taken from the input, walking every row
 * forward and back and rendering each. */
#include <stdint.h>
#include <stdlib.h>
#include "fanye/layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	layout_opts o = {1 + data[0] % 120, data[1] & 1, 1 + (data[1] >> 1) % 16, (data[1] >> 5) & 1, (data[1] >> 6) & 1,
	                 (data[1] >> 7) & 1};
	doc *d = doc_from_bytes("f", data + 2, size - 2);
	layout *L = layout_new(d, &o);
	layout_row r = layout_first(L), p;
	int n = 0;
	for (;;) {
		size_t tl;
		free(layout_row_text(L, &r, &tl));
		if (!o.chop && r.width > o.width && r.end - r.start > 64)
			abort(); /* only one oversized cell may overflow a row */
		if (!layout_next(L, &r, &r) || ++n > 100000)
			break;
	}
	while (layout_prev(L, &r, &p) && n-- > 0)
		r = p;
	layout_row_at(L, d->len / 2);
	layout_free(L);
	doc_close(d);
	return 0;
}

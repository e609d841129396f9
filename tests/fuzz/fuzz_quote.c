/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_quote: the passage y copies, from arbitrary text in any format, at
 * offsets and counts from the input: valid UTF-8, no control characters
 * but newlines and tabs, within the cap, and its source in order. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include "fanye/quote.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	pres_opts po = {.format = (enum pres_format)(data[0] % 4), .width = 20 + data[1] % 60, .tab_width = 8};
	long count = 1 + data[2] % 4;
	doc *d = doc_from_bytes("f", data + 3, size - 3);
	pres *P = pres_new(d, &po);
	outline *o = outline_new(d, NULL);
	if (P && o) {
		outline_step(o, 0);
		size_t cap = data[1] & 1 ? 0 : 64;
		for (size_t off = 0; off <= d->len; off += 1 + d->len / 7) {
			quote q;
			if (!quote_take(P, d, o, off, count, cap, &q))
				continue;
			if (u8_check((const uint8_t *)q.text, q.len) || strlen(q.text) != q.len)
				abort();
			for (size_t i = 0; i < q.len; i++) {
				uint8_t c = (uint8_t)q.text[i];
				if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F ||
				    (c == 0xC2 && i + 1 < q.len && (uint8_t)q.text[i + 1] < 0xA0))
					abort();
			}
			if ((cap && q.len > cap) || q.start > q.end || q.end > d->len + 1 ||
			    q.chars != u8_mbsnlen((const uint8_t *)q.text, q.len))
				abort();
			quote_free(&q);
		}
	}
	outline_free(o);
	pres_free(P);
	doc_close(d);
	return 0;
}

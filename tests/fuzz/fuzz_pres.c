/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_pres: each format (the first byte chooses it, and the width) made
 * into paragraphs and rows: the paragraphs must tile the document, runs
 * never go back in the source, copied runs hold their source's bytes,
 * every row walked forward and back, and the text search sees built for
 * the whole document. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fanye/layout.h"
#include "fanye/pres.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	enum pres_format f = (enum pres_format)(data[0] % PRES_NFORMATS);
	int width = 1 + data[1] % 100;
	doc *d = doc_from_bytes("f", data + 2, size - 2);
	pres_opts po = {f, (data[0] >> 4) & 1 ? PRES_RUBY_HIDE : PRES_RUBY_INLINE, width, 8, false,
	                (enum pres_script)((data[0] >> 5) % PRES_NSCRIPTS)};
	pres *P = pres_new(d, &po);
	if (!P) {
		doc_close(d);
		return 0;
	}
	size_t off = 0, prev = 0;
	int n = 0;
	while (off < d->len && n++ < 100000) {
		const pres_para *p = pres_para_at(P, off);
		if (p->start != prev || p->next <= p->start)
			abort();
		size_t last = 0;
		for (size_t k = 0; k < p->nruns; k++) {
			const pres_run *r = &p->runs[k];
			if (r->src < last || r->at + r->len > p->len || p->start + r->src + r->src_len > d->len)
				abort();
			/* copied bytes are the source's, unless the script is
			 * converted (then they stand for them one for one) */
			if ((r->flags & PRES_COPY) && po.script == PRES_SCRIPT_ASIS &&
			    memcmp(p->text + r->at, d->data + p->start + r->src, r->len))
				abort();
			if ((r->flags & PRES_COPY) && r->len != r->src_len)
				abort();
			last = r->src;
		}
		prev = off = p->next;
	}
	uint8_t *t;
	size_t tl, *m, *me, end;
	if (pres_search_text(P, 0, d->len, &t, &tl, &m, &me, &end)) {
		free(t);
		free(m);
		free(me);
	}
	layout_opts lo = {width, false, 8, 0, false, false};
	layout *L = layout_new(d, &lo);
	layout_use_pres(L, P);
	layout_row r = layout_first(L), q;
	for (n = 0; n < 100000; n++) {
		size_t rl;
		free(layout_row_text_sgr(L, &r, &rl, n & 1));
		if (!layout_next(L, &r, &r))
			break;
	}
	while (layout_prev(L, &r, &q) && n-- > 0)
		r = q;
	layout_free(L);
	pres_free(P);
	doc_close(d);
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_html: the text of a book (an EPUB or an HTML file, book.h) as its
 * markup means it.  The book made the text and kept, by offset, what each
 * line is (a heading, a list item, a quote, preformatted text, a note) and
 * the inline spans (emphasis, strong, code, links, images, ruby); this
 * file only styles it.  A ruby reading (base《reading》 in the text) is
 * shown as Aozora's are: dim in parentheses, hidden, or above its base.
 * Chunks are a fixed number of the book's lines, so they do not depend on
 * where they were asked for.
 */
#include "build.h"
#include "pres_priv.h"
#include "fanye/book.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Lines in a chunk. */
#define CHUNK_LINES 32

/* Lines of the book that the document holds already (the book makes a
 * chapter before the document reads it). */
static size_t lines_in(const doc *d, const book_line **L)
{
	size_t n;
	*L = book_lines(doc_book(d), &n);
	if (d->len == 0)
		return 0;
	long k = book_line_at(doc_book(d), d->len - 1);
	return k < 0 ? 0 : (size_t)k + 1 < n ? (size_t)k + 1 : n;
}

void pres_html_bounds(const doc *d, size_t off, size_t *a, size_t *b)
{
	const book_line *L;
	size_t n = lines_in(d, &L);
	long k = book_line_at(doc_book(d), off);
	if (n == 0 || k < 0) {
		*a = 0;
		*b = n && L[0].start > 0 ? L[0].start : d->len;
		return;
	}
	size_t i0 = (size_t)k - (size_t)k % CHUNK_LINES;
	*a = i0 == 0 ? 0 : L[i0].start;
	*b = i0 + CHUNK_LINES < n ? L[i0 + CHUNK_LINES].start : d->len;
}

static const pres_style plain = {0, PRES_C_TEXT, PRES_COLOR_DEFAULT, PRES_COLOR_DEFAULT};

/* The style of the text [p, q) of a line: its block's and the spans'
 * that cover it. */
static pres_style style_of(const book_line *line, const book_span *S, size_t s0, size_t s1, size_t p, size_t q)
{
	pres_style st = plain;
	if (line->heading) {
		st.attrs |= PRES_BOLD;
		st.cls = PRES_C_HEADING;
	}
	if (line->flags & BOOK_NOTE) {
		st.attrs |= PRES_DIM;
		st.cls = PRES_C_DIM;
	}
	if (line->flags & BOOK_PRE)
		st.cls = PRES_C_CODE;
	for (size_t i = s0; i < s1; i++) {
		if (S[i].start > p || S[i].end < q)
			continue;
		switch (S[i].kind) {
		case BOOK_EMPH: st.attrs |= PRES_ITALIC; st.cls = PRES_C_EMPH; break;
		case BOOK_STRONG: st.attrs |= PRES_BOLD; st.cls = PRES_C_STRONG; break;
		case BOOK_CODE: st.cls = PRES_C_CODE; break;
		case BOOK_DEL: st.attrs |= PRES_STRIKE; break;
		case BOOK_LINK: st.attrs |= PRES_UNDERLINE; st.cls = PRES_C_LINK; break;
		case BOOK_IMAGE: st.attrs |= PRES_DIM; st.cls = PRES_C_DIM; break;
		default: break;
		}
	}
	return st;
}

/* A ruby span: the base, and the reading as the options say. */
static void ruby(pres_pb *pb, const pres_opts *o, const book_span *r, pres_style st)
{
	size_t base = r->start, blen = r->aux;
	size_t rd = base + blen + 3, rlen = r->end - 3 - rd;
	if (r->end < base + blen + 6) {
		pres_pb_copy(pb, r->start, r->end - r->start, &st, 0);
		return;
	}
	if (o->ruby == PRES_RUBY_ABOVE)
		pres_pb_ruby(pb, pres_pb_len(pb), blen, rd, rlen);
	pres_pb_copy(pb, base, blen, &st, PRES_KEEP);
	pres_style rs = st;
	rs.attrs |= PRES_DIM;
	rs.cls = PRES_C_RUBY;
	if (o->ruby == PRES_RUBY_INLINE) {
		pres_pb_put(pb, "(", 1, base + blen, 3, &rs, PRES_GLUE | PRES_NOSEARCH);
		pres_pb_copy(pb, rd, rlen, &rs, PRES_GLUE | PRES_NOSEARCH);
		pres_pb_put(pb, ")", 1, rd + rlen, 3, &rs, PRES_GLUE | PRES_NOSEARCH);
	}
	pres_pb_extra(pb, rd, rlen);
}

/* One line of the book as a paragraph. */
static void line_para(pres_pb *pb, const doc *d, const pres_opts *o, const book_line *line, size_t from)
{
	const book *bk = doc_book(d);
	size_t nspans;
	const book_span *S = book_spans(bk, &nspans);
	size_t end = line->end < d->len ? line->end : d->len;
	size_t s0 = book_span_from(bk, line->start), s1 = s0;
	while (s1 < nspans && S[s1].start < end)
		s1++;
	pres_pb_begin(pb, from);
	pres_para *p = &pb->cur;
	p->heading = line->heading;
	p->quote = line->quote;
	p->code = (line->flags & BOOK_PRE) != 0;
	p->indent = (uint16_t)((line->list > 1 ? 2 * (line->list - 1) : 0) + 2 * line->quote);
	if (line->flags & BOOK_CENTER)
		p->indent = (uint16_t)(o->width > 10 ? (o->width - 5) / 2 : 0);
	p->blank_after = line->blank_after;
	size_t at = line->start;
	if (line->flags & BOOK_TIMED) {
		/* a subtitle's time, dim before its paragraph, the rows after
		 * it under its text */
		char t[24];
		unsigned s = line->time / 1000;
		int k = snprintf(t, sizeof t, "%02u:%02u:%02u ", s / 3600, s / 60 % 60, s % 60);
		pres_style st = plain;
		st.attrs = PRES_DIM;
		st.cls = PRES_C_DIM;
		pres_pb_put(pb, t, (size_t)k, at, 0, &st, PRES_NOSEARCH);
		p->hang = (uint16_t)k;
	}
	if (line->hang && at + line->hang <= end) {
		pres_style st = plain;
		st.attrs = PRES_BOLD;
		st.cls = PRES_C_DECOR;
		pres_pb_copy(pb, at, line->hang, &st, 0);
		p->hang = (uint16_t)pres_width(d->data + at, line->hang, o);
		at += line->hang;
	}
	while (at < end) {
		/* the next boundary: a span's start or end after at */
		size_t q = end;
		const book_span *r = NULL;
		for (size_t i = s0; i < s1; i++) {
			if (S[i].kind == BOOK_RUBY && S[i].start == at && S[i].end <= end)
				r = &S[i];
			if (S[i].start > at && S[i].start < q)
				q = S[i].start;
			if (S[i].end > at && S[i].end < q)
				q = S[i].end;
		}
		if (r) {
			ruby(pb, o, r, style_of(line, S, s0, s1, at, r->end));
			at = r->end;
			continue;
		}
		pres_style st = style_of(line, S, s0, s1, at, q);
		pres_pb_copy(pb, at, q - at, &st, 0);
		at = q;
	}
	pres_pb_end(pb);
}

bool pres_html_make(const doc *d, const pres_opts *o, size_t a, size_t b, pres_pb *pb)
{
	const book_line *L;
	size_t n = lines_in(d, &L);
	long k = book_line_at(doc_book(d), a);
	size_t i = k < 0 ? 0 : (size_t)k;
	for (; i < n && L[i].start < b; i++)
		line_para(pb, d, o, &L[i], i == 0 ? 0 : L[i].start);
	return true;
}

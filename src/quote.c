/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * quote: a passage as plain text (see quote.h).  A unit is the speaker
 * turn that holds the offset (to the next turn or heading), else its
 * paragraph: a line of plain text, or the block of hard-wrapped lines it
 * is part of.  Its paragraphs' shown text is gathered run by run, leaving
 * out ruby readings, and joined: lines of a hard-wrapped block with a space
 * (none between two wide characters), others with a newline, a blank line
 * where the text has one.
 */
#include "build.h"
#include "fanye/quote.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>
#include <uniwidth.h>

/* A hard-wrapped block: lines whose longest is this wide or less ... */
#define WRAP_MAX_COLS 100
/* ... and at least this wide, */
#define WRAP_MIN_COLS 40
/* every line but the last at least this share of the longest (in 1/10). */
#define WRAP_SHARE 6
/* Paragraphs looked at either side for a block. */
#define BLOCK_LINES 200

typedef struct buf {
	char *s;
	size_t n, cap;
	bool oom;
} buf;

static void put(buf *b, const void *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t nc = b->cap ? b->cap * 2 : 1024;
		while (nc < b->n + n + 1)
			nc *= 2;
		char *ns = realloc(b->s, nc);
		if (!ns) {
			b->oom = true;
			return;
		}
		b->s = ns;
		b->cap = nc;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = 0;
}

/* Appends s[0..n) without control characters (but tabs): C0, DEL, C1;
 * a byte that is not UTF-8 becomes U+FFFD. */
static void put_clean(buf *b, const uint8_t *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		ucs4_t c = 0;
		int k = 0;
		while (j < n && (k = u8_mbtoucr(&c, s + j, n - j)) > 0 && c != 0x7F && (c >= 0x20 || c == '\t') &&
		       !(c >= 0x80 && c <= 0x9F))
			j += (size_t)k;
		put(b, s + i, j - i);
		if (j >= n)
			break;
		if (k <= 0) {
			put(b, "\xEF\xBF\xBD", 3); /* not UTF-8 */
			k = 1;
		}
		i = j + (size_t)k;
	}
}

/* One line of the passage: its shown text in the line buffer. */
typedef struct item {
	size_t at, len;
	int cols;
	bool blank;       /* nothing but spaces */
	bool label_only;  /* a speaker's label alone on its line */
	bool breaks;      /* a heading, or an empty row after it: ends a block */
} item;

typedef struct items {
	item *v;
	size_t n, cap;
	buf text;
	bool oom;
} items;

static item *new_item(items *it)
{
	if (it->n == it->cap) {
		size_t nc = it->cap ? it->cap * 2 : 32;
		item *nv = realloc(it->v, nc * sizeof *nv);
		if (!nv) {
			it->oom = true;
			return NULL;
		}
		it->v = nv;
		it->cap = nc;
	}
	item *x = &it->v[it->n++];
	memset(x, 0, sizeof *x);
	x->at = it->text.n;
	return x;
}

static bool is_space(uint8_t c)
{
	return c == ' ' || c == '\t';
}

/* True if a heading the outline found starts at off. */
static bool heading_starts(const outline *o, size_t off)
{
	long h = o ? outline_heading_at(o, off) : -1;
	return h >= 0 && o->headings[h].off == off;
}

/* True if a turn starts within [a, b). */
static bool turn_starts(const outline *o, size_t a, size_t b)
{
	long t = o ? outline_turn_before(o, b) : -1;
	return t >= 0 && outline_turn_get(o, t).off >= a;
}

/* The source line that holds off, as far as paragraphs go: a long line cut
 * into segments is one line.  Sets [*a, *b). */
static void line_at(pres *P, const doc *d, size_t off, size_t *a, size_t *b)
{
	const pres_para *p = pres_para_at(P, off);
	*a = p->start;
	*b = p->next;
	while (*b < d->len && *b > *a && !doc_is_eol(d, *b - 1)) {
		p = pres_para_at(P, *b);
		if (p->next <= *b)
			break;
		*b = p->next;
	}
	/* back over earlier segments of the same line */
	while (*a > 0 && !doc_is_eol(d, *a - 1)) {
		p = pres_para_at(P, *a - 1);
		if (p->start >= *a)
			break;
		*a = p->start;
	}
}

/* Gathers the lines of source [a, b) into it; text before skip (a turn's
 * label) is left out, with the colon and spaces after it. */
static void gather(pres *P, const doc *d, const outline *o, size_t a, size_t b, size_t skip, items *it)
{
	size_t off = a;
	item *x = NULL;
	bool trim = skip > a;
	while (off < b && off < d->len && !it->oom) {
		const pres_para *p = pres_para_at(P, off);
		if (!x) {
			if (!(x = new_item(it)))
				return;
			/* a nested list's indent (a quote's is its bar's) */
			for (int k = 0; k < p->indent && !p->quote && k < 64; k++)
				put(&it->text, " ", 1);
		}
		for (size_t k = 0; k < p->nruns; k++) {
			const pres_run *r = &p->runs[k];
			const pres_style *st = &p->styles[r->style];
			if (st->cls == PRES_C_RUBY)
				continue;
			size_t src = p->start + r->src, from = 0;
			if (src + r->src_len <= skip)
				continue;
			if (src < skip && (r->flags & PRES_COPY))
				from = skip - src;
			const uint8_t *s = p->text + r->at + from;
			size_t n = r->len - from;
			if (trim) {
				/* after the label: its colon and the spaces */
				for (;;) {
					if (n && (*s == ':' || is_space(*s))) {
						s++, n--;
					} else if (n >= 3 && (!memcmp(s, "\xEF\xBC\x9A", 3) || !memcmp(s, "\xE3\x80\x80", 3))) {
						s += 3, n -= 3; /* ： and the ideographic space */
					} else {
						break;
					}
				}
				if (n)
					trim = false;
			}
			put_clean(&it->text, s, n);
		}
		if (p->heading || heading_starts(o, p->start) || p->blank_after)
			x->breaks = true;
		size_t next = p->next > off ? p->next : off + 1;
		/* the line goes on in the next segment unless it ended here */
		if (next >= d->len || next >= b || doc_is_eol(d, next - 1) || p->heading) {
			x->len = it->text.n - x->at;
			const uint8_t *t = it->text.s ? (const uint8_t *)it->text.s + x->at : (const uint8_t *)"";
			while (x->len && is_space(t[x->len - 1]))
				x->len--;
			it->text.n = x->at + x->len;
			size_t lead = 0;
			while (lead < x->len && is_space(t[lead]))
				lead++;
			x->blank = lead == x->len;
			x->label_only = x->blank && skip > p->start && skip <= next;
			x->cols = x->len ? u8_width(t, x->len, "UTF-8") : 0;
			x = NULL;
		}
		off = next;
	}
	if (x) {
		x->len = it->text.n - x->at;
		x->blank = x->len == 0;
	}
	if (it->text.oom)
		it->oom = true;
}

/* True if lines [i, j) are one hard-wrapped paragraph. */
static bool hard_wrapped(const items *it, size_t i, size_t j)
{
	if (j - i < 2)
		return false;
	int max = 0;
	for (size_t k = i; k < j; k++)
		if (it->v[k].cols > max)
			max = it->v[k].cols;
	if (max > WRAP_MAX_COLS || max < WRAP_MIN_COLS)
		return false;
	for (size_t k = i; k + 1 < j; k++)
		if (it->v[k].cols * 10 < max * WRAP_SHARE)
			return false;
	return true;
}

/* The end of the block of lines that starts at i: up to a blank line or a
 * break. */
static size_t block_end(const items *it, size_t i)
{
	size_t j = i;
	while (j < it->n && !it->v[j].blank) {
		j++;
		if (it->v[j - 1].breaks)
			break;
	}
	return j;
}

/* Width of the character that ends / starts s[0..n). */
static int last_width(const uint8_t *s, size_t n)
{
	const uint8_t *p = u8_prev(&(ucs4_t){0}, s + n, s);
	ucs4_t c;
	if (!p)
		return 1;
	u8_mbtouc(&c, p, (size_t)(s + n - p));
	return uc_width(c, "UTF-8");
}

static int first_width(const uint8_t *s, size_t n)
{
	ucs4_t c;
	if (!n)
		return 1;
	u8_mbtouc(&c, s, n);
	return uc_width(c, "UTF-8");
}

/* Joins the lines into out: hard-wrapped blocks (when join) into one line,
 * one blank line where the text has blank lines. */
static void join_lines(const items *it, bool join, buf *out)
{
	size_t i = 0;
	bool gap = false, any = false;
	while (i < it->n) {
		if (it->v[i].blank) {
			gap = !it->v[i].label_only || gap;
			i++;
			continue;
		}
		size_t j = block_end(it, i);
		bool one = join && hard_wrapped(it, i, j);
		for (size_t k = i; k < j; k++) {
			const item *x = &it->v[k];
			const uint8_t *s = (const uint8_t *)it->text.s + x->at;
			if (any) {
				if (k > i && one) {
					const item *w = &it->v[k - 1];
					const uint8_t *ps = (const uint8_t *)it->text.s + w->at;
					if (last_width(ps, w->len) < 2 || first_width(s, x->len) < 2)
						put(out, " ", 1);
				} else {
					put(out, gap ? "\n\n" : "\n", gap ? 2 : 1);
				}
			}
			gap = false;
			any = true;
			size_t lead = 0;
			while (one && k > i && lead < x->len && is_space(s[lead]))
				lead++;
			put(out, s + lead, x->len - lead);
		}
		if (j > i && it->v[j - 1].breaks && j < it->n)
			gap = true;
		i = j;
	}
}

/* The unit that holds off: a turn (*spk its speaker) or a paragraph. */
static void unit_at(pres *P, const doc *d, const outline *o, size_t off, size_t *a, size_t *b, long *spk,
                    size_t *skip)
{
	long t = o ? outline_turn_at(o, off) : -1;
	*spk = -1;
	*skip = 0;
	if (t >= 0) {
		outline_turn tt = outline_turn_get(o, t);
		*a = tt.off;
		*skip = *a + tt.label_len;
		*spk = tt.speaker;
		*b = d->len;
		long n = outline_turn_after(o, *a);
		if (n >= 0 && outline_turn_get(o, n).off < *b)
			*b = outline_turn_get(o, n).off;
		long h = outline_heading_at(o, *a);
		if (h + 1 < (long)o->nheadings && o->headings[h + 1].off < *b)
			*b = o->headings[h + 1].off;
		return;
	}
	line_at(P, d, off, a, b);
	enum pres_format f = pres_get_opts(P)->format;
	if (f != PRES_PLAIN && f != PRES_ANSI)
		return;
	/* a line of a hard-wrapped block: the whole block */
	size_t la = *a, lb = *b, ba = *a, bb = *b;
	items it = {0};
	for (int k = 0; k < BLOCK_LINES && ba > 0; k++) {
		size_t pa, pb;
		line_at(P, d, ba - 1, &pa, &pb);
		gather(P, d, o, pa, pb, 0, &it);
		bool stop = it.n && (it.v[it.n - 1].blank || it.v[it.n - 1].breaks) ;
		it.n = 0;
		it.text.n = 0;
		if (stop || turn_starts(o, pa, pb) || pa >= ba)
			break;
		ba = pa;
	}
	for (int k = 0; k < BLOCK_LINES && bb < d->len; k++) {
		size_t na, nb;
		if (heading_starts(o, bb) || turn_starts(o, bb, bb + 1))
			break;
		line_at(P, d, bb, &na, &nb);
		gather(P, d, o, na, nb, 0, &it);
		bool stop = it.n && it.v[it.n - 1].blank;
		it.n = 0;
		it.text.n = 0;
		if (stop || nb <= bb)
			break;
		bb = nb;
	}
	gather(P, d, o, ba, bb, 0, &it);
	size_t j = block_end(&it, 0);
	if (!it.oom && j == it.n && hard_wrapped(&it, 0, it.n)) {
		*a = ba;
		*b = bb;
	} else {
		*a = la;
		*b = lb;
	}
	free(it.v);
	free(it.text.s);
}

/* True if source [a, b) shows nothing but spaces. */
static bool blank_source(const doc *d, size_t a, size_t b)
{
	for (size_t i = a; i < b && i < d->len; i++)
		if (!is_space(d->data[i]) && !doc_is_eol(d, i))
			return false;
	return true;
}

bool quote_take(pres *P, const doc *d, const outline *ol, size_t off, long count, size_t cap, quote *q)
{
	memset(q, 0, sizeof *q);
	q->speaker = -1;
	buf out = {0};
	if (count < 1)
		count = 1;
	if (off > d->len)
		off = d->len;
	bool first = true;
	for (long u = 0; u < count && off < d->len && !out.oom; u++) {
		size_t a, b, skip;
		long spk;
		unit_at(P, d, ol, off, &a, &b, &spk, &skip);
		if (b <= a)
			b = a + 1;
		items it = {0};
		gather(P, d, ol, a, b, skip, &it);
		buf part = {0};
		if (spk >= 0) {
			const char *name = ol->speakers[spk].name;
			put_clean(&part, (const uint8_t *)name, strlen(name));
			put(&part, ": ", 2);
		}
		size_t before = part.n;
		enum pres_format f = pres_get_opts(P)->format;
		join_lines(&it, f == PRES_PLAIN || f == PRES_ANSI, &part);
		if (part.n > before || spk >= 0) {
			if (!first)
				put(&out, "\n", 1);
			if (part.n)
				put(&out, part.s, part.n);
			if (first) {
				q->start = a;
				q->speaker = spk;
			}
			first = false;
			q->end = b;
		} else {
			u--; /* a blank line is no unit */
		}
		out.oom |= it.oom || part.oom;
		free(part.s);
		free(it.v);
		free(it.text.s);
		off = b;
		while (off < d->len && blank_source(d, off, doc_next_line(d, off)) && doc_next_line(d, off) > off)
			off = doc_next_line(d, off);
	}
	if (out.oom) {
		free(out.s);
		return false;
	}
	if (!out.s) {
		out.s = calloc(1, 1);
		if (!out.s)
			return false;
	}
	if (cap && out.n > cap) {
		size_t n = cap;
		while (n && ((uint8_t)out.s[n] & 0xC0) == 0x80)
			n--;
		out.n = n;
		out.s[n] = 0;
		q->cut = true;
	}
	q->text = out.s;
	q->len = out.n;
	q->chars = u8_mbsnlen((const uint8_t *)out.s, out.n);
	return true;
}

void quote_free(quote *q)
{
	free(q->text);
	q->text = NULL;
}

char *quote_base64(const char *s, size_t n)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	if (n > (SIZE_MAX - 1) / 4 * 3 - 3)
		return NULL;
	char *o = malloc((n + 2) / 3 * 4 + 1), *p = o;
	if (!o)
		return NULL;
	const uint8_t *u = (const uint8_t *)s;
	size_t i = 0;
	for (; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)u[i] << 16 | (uint32_t)u[i + 1] << 8 | u[i + 2];
		*p++ = tab[v >> 18];
		*p++ = tab[(v >> 12) & 63];
		*p++ = tab[(v >> 6) & 63];
		*p++ = tab[v & 63];
	}
	if (i < n) {
		uint32_t v = (uint32_t)u[i] << 16 | (i + 1 < n ? (uint32_t)u[i + 1] << 8 : 0);
		*p++ = tab[v >> 18];
		*p++ = tab[(v >> 12) & 63];
		*p++ = i + 1 < n ? tab[(v >> 6) & 63] : '=';
		*p++ = '=';
	}
	*p = 0;
	return o;
}

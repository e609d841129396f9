/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres: the paragraphs a document shows, format by format.  This file has
 * what every format shares: the builder, the cache of chunks, plain text
 * (one paragraph a line), the maps between shown and source offsets, the
 * text search sees, and the choice of a format.
 */
#include "build.h"
#include "pres_priv.h"
#include "fanye/book.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include <unistr.h>

/* ---- formats ------------------------------------------------------------ */

static const char *const format_names[PRES_NFORMATS] = {"plain", "markdown", "aozora", "ansi", "html", "subtitles"};

const char *pres_format_name(enum pres_format f)
{
	return f < PRES_NFORMATS ? format_names[f] : "plain";
}

int pres_format_parse(const char *name)
{
	for (int i = 0; i < PRES_NFORMATS; i++)
		if (strcasecmp(name, format_names[i]) == 0)
			return i;
	if (strcasecmp(name, "md") == 0)
		return PRES_MARKDOWN;
	return -1;
}

/* The extension of a name, lower-cased into buf ("" if none). */
static const char *extension(const char *name, char *buf, size_t n)
{
	buf[0] = 0;
	const char *slash = name ? strrchr(name, '/') : NULL;
	const char *base = slash ? slash + 1 : name;
	const char *dot = base ? strrchr(base, '.') : NULL;
	if (!dot || dot == base)
		return buf;
	size_t i = 0;
	for (const char *p = dot + 1; *p && i + 1 < n; p++)
		buf[i++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	buf[i] = 0;
	return buf;
}

enum pres_format pres_detect(const doc *d, const char *name)
{
	/* The first 16 KiB: enough for the signs of every format (an Aozora
	 * text's notes on symbols, a transcript's first headings and labels),
	 * and cheap before the first screen. */
	size_t n = d->len < ((size_t)16 << 10) ? d->len : (size_t)16 << 10;
	const uint8_t *s = d->data;
	char ext[16];
	extension(name, ext, sizeof ext);
	/* A book's text is made from its markup. */
	if (doc_book(d))
		return book_timed(doc_book(d)) ? PRES_SUBTITLES : PRES_HTML;
	/* Colour and overstrike first: a pager's input, whatever its name. */
	if (pres_ansi_detect(s, n))
		return PRES_ANSI;
	if (pres_aozora_detect(s, n))
		return PRES_AOZORA;
	bool md_name = strcmp(ext, "md") == 0 || strcmp(ext, "markdown") == 0 || strcmp(ext, "mdown") == 0 ||
	               strcmp(ext, "mkd") == 0 || strcmp(ext, "mkdn") == 0;
	if (pres_md_detect(s, n, md_name))
		return PRES_MARKDOWN;
	return PRES_PLAIN;
}

/* ---- helpers ------------------------------------------------------------- */

bool pres_is_cjk(uint32_t c)
{
	return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0xFF00 && c <= 0xFF60) || (c >= 0x20000 && c <= 0x3FFFF) ||
	       (c >= 0xAC00 && c <= 0xD7A3);
}

int pres_width(const uint8_t *s, size_t n, const pres_opts *o)
{
	(void)o;
	int w = 0;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		int l = u8_mbtoucr(&c, s + i, n - i);
		if (l <= 0) {
			w++;
			i++;
			continue;
		}
		int cw = c < 0x80 ? (c >= 0x20 && c < 0x7F) : wcwidth((wchar_t)c);
		if (cw > 0)
			w += cw;
		i += (size_t)l;
	}
	return w;
}

void pres_line(const doc *d, size_t off, size_t *ls, size_t *le, size_t *next)
{
	size_t s = off < d->len ? off : d->len;
	if (s < d->len && d->data[s] == '\n' && s > 0 && d->data[s - 1] == '\r')
		s--;
	*ls = doc_line_start(d, s);
	size_t e = s;
	const uint8_t *p = d->data;
	while (e < d->len && p[e] != '\n' && p[e] != '\r')
		e++;
	*le = e;
	*next = e < d->len ? doc_after_eol(d, e) : e;
}

/* ---- the builder --------------------------------------------------------- */

bool pres_grow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return true;
	size_t nc = *cap ? *cap : 64;
	while (nc < need)
		nc *= 2;
	void *np = realloc(*p, nc * size);
	if (!np)
		return false;
	*p = np;
	*cap = nc;
	return true;
}

void pres_pb_init(pres_pb *b, pres_chunk *c, const uint8_t *base)
{
	memset(b, 0, sizeof *b);
	b->c = c;
	b->base = base;
	c->n = c->tlen = c->nruns = c->nextra = c->nruby = 0;
	c->nstyles = 0;
	c->oom = false;
	if (!pres_grow((void **)&c->styles, &c->scap, 1, sizeof *c->styles)) {
		c->oom = true;
		return;
	}
	c->styles[c->nstyles++] = (pres_style){0, PRES_C_TEXT, PRES_COLOR_DEFAULT, PRES_COLOR_DEFAULT};
}

/* The index of st in the chunk's styles (added if new; the last few are
 * looked at, which is where a repeated style is). */
static uint16_t style_index(pres_chunk *c, const pres_style *st)
{
	if (!st || (st->attrs == 0 && st->fg == PRES_COLOR_DEFAULT && st->bg == PRES_COLOR_DEFAULT &&
	            st->cls == PRES_C_TEXT))
		return 0;
	size_t lo = c->nstyles > 16 ? c->nstyles - 16 : 1;
	for (size_t i = c->nstyles; i-- > lo;)
		if (memcmp(&c->styles[i], st, sizeof *st) == 0)
			return (uint16_t)i;
	if (c->nstyles >= 65535 || !pres_grow((void **)&c->styles, &c->scap, c->nstyles + 1, sizeof *c->styles)) {
		c->oom = c->nstyles < 65535;
		return 0;
	}
	c->styles[c->nstyles] = *st;
	return (uint16_t)c->nstyles++;
}

void pres_pb_begin(pres_pb *b, size_t src)
{
	pres_pb_end(b);
	pres_chunk *c = b->c;
	b->open = true;
	b->t0 = c->tlen;
	b->r0 = c->nruns;
	b->x0 = c->nextra;
	b->y0 = c->nruby;
	if (src < b->last_src)
		src = b->last_src;
	memset(&b->cur, 0, sizeof b->cur);
	b->cur.start = src;
}

/* Appends one run, joining it to the last when it simply continues it. */
static void add_run(pres_pb *b, const uint8_t *s, size_t n, size_t src, size_t src_len, uint16_t st,
                    int flags)
{
	pres_chunk *c = b->c;
	if (!b->open)
		pres_pb_begin(b, src);
	if (src < b->last_src)
		src = b->last_src;
	if (src < b->cur.start)
		src = b->cur.start;
	if (n == 0 && src_len == 0)
		return;
	if (!pres_grow((void **)&c->text, &c->tcap, c->tlen + n, 1) ||
	    !pres_grow((void **)&c->runs, &c->rcap, c->nruns + 1, sizeof *c->runs)) {
		c->oom = true;
		return;
	}
	memcpy(c->text + c->tlen, s, n);
	pres_run *last = c->nruns > b->r0 ? &c->runs[c->nruns - 1] : NULL;
	uint32_t at = (uint32_t)(c->tlen - b->t0);
	if (last && last->style == st && last->flags == flags && (flags & PRES_COPY) &&
	    last->at + last->len == at && last->src + last->src_len == src && !(flags & PRES_GLUE)) {
		last->len += (uint32_t)n;
		last->src_len += (uint32_t)src_len;
	} else {
		c->runs[c->nruns++] = (pres_run){at, (uint32_t)n, (uint32_t)src, (uint32_t)src_len, st, (uint8_t)flags};
	}
	c->tlen += n;
	b->last_src = src + src_len;
}

void pres_pb_copy(pres_pb *b, size_t src, size_t n, const pres_style *st, int flags)
{
	add_run(b, b->base + src, n, src, n, style_index(b->c, st), flags | PRES_COPY);
}

void pres_pb_put(pres_pb *b, const char *s, size_t n, size_t src, size_t src_len, const pres_style *st,
                 int flags)
{
	add_run(b, (const uint8_t *)s, n, src, src_len, style_index(b->c, st), flags & ~PRES_COPY);
}

void pres_pb_extra(pres_pb *b, size_t src, size_t n)
{
	pres_chunk *c = b->c;
	if (!b->open || !pres_grow((void **)&c->extra, &c->xcap, c->nextra + 2, sizeof *c->extra)) {
		if (b->open)
			c->oom = true;
		return;
	}
	c->extra[c->nextra++] = (uint32_t)src;
	c->extra[c->nextra++] = (uint32_t)n;
}

void pres_pb_ruby(pres_pb *b, size_t at, size_t len, size_t src, size_t n)
{
	pres_chunk *c = b->c;
	if (!b->open || !pres_grow((void **)&c->ruby, &c->ycap, c->nruby + 4, sizeof *c->ruby)) {
		if (b->open)
			c->oom = true;
		return;
	}
	c->ruby[c->nruby++] = (uint32_t)at;
	c->ruby[c->nruby++] = (uint32_t)len;
	c->ruby[c->nruby++] = (uint32_t)src;
	c->ruby[c->nruby++] = (uint32_t)n;
}

size_t pres_pb_len(const pres_pb *b)
{
	return b->open ? b->c->tlen - b->t0 : 0;
}

uint32_t pres_pb_last_cp(const pres_pb *b)
{
	size_t n = pres_pb_len(b);
	if (!n)
		return 0;
	const uint8_t *s = b->c->text + b->t0;
	ucs4_t c = 0;
	if (!u8_prev(&c, s + n, s))
		c = 0;
	return c;
}

void pres_pb_end(pres_pb *b)
{
	if (!b->open)
		return;
	pres_chunk *c = b->c;
	b->open = false;
	if (!pres_grow((void **)&c->paras, &c->cap, c->n + 1, sizeof *c->paras)) {
		c->oom = true;
		return;
	}
	pres_para p = b->cur;
	/* Arena positions for now; pointers once the chunk is complete. */
	p.text = (const uint8_t *)(uintptr_t)b->t0;
	p.len = c->tlen - b->t0;
	p.runs = (const pres_run *)(uintptr_t)b->r0;
	p.nruns = c->nruns - b->r0;
	p.extra = (const uint32_t *)(uintptr_t)b->x0;
	p.nextra = (c->nextra - b->x0) / 2;
	p.ruby = (const uint32_t *)(uintptr_t)b->y0;
	p.nruby = (c->nruby - b->y0) / 4;
	for (size_t i = b->r0; i < c->nruns; i++)
		c->runs[i].src -= (uint32_t)p.start;
	for (size_t i = b->x0; i < c->nextra; i += 2)
		c->extra[i] -= (uint32_t)p.start;
	for (size_t i = b->y0; i < c->nruby; i += 4)
		c->ruby[i + 2] -= (uint32_t)p.start;
	c->paras[c->n++] = p;
}

void pres_pb_finish(pres_pb *b, size_t start, size_t end)
{
	pres_pb_end(b);
	pres_chunk *c = b->c;
	if (c->n == 0) {
		pres_pb_begin(b, start);
		pres_pb_end(b);
	}
	c->start = start;
	c->end = end;
	if (c->oom)
		return;
	for (size_t i = 0; i < c->n; i++) {
		pres_para *p = &c->paras[i];
		size_t t0 = (size_t)(uintptr_t)p->text, r0 = (size_t)(uintptr_t)p->runs;
		size_t x0 = (size_t)(uintptr_t)p->extra, y0 = (size_t)(uintptr_t)p->ruby;
		p->text = c->text ? c->text + t0 : (const uint8_t *)"";
		p->runs = c->runs ? c->runs + r0 : NULL;
		p->extra = c->extra ? c->extra + x0 : NULL;
		p->ruby = c->ruby ? c->ruby + y0 : NULL;
		p->styles = c->styles;
		p->nstyles = c->nstyles;
		/* The first paragraph starts with the chunk (hidden source before
		 * it is its own); each ends where the next one starts. */
		if (i == 0 && p->start != start) {
			size_t shift = p->start - start;
			for (size_t k = 0; k < p->nruns; k++)
				c->runs[r0 + k].src += (uint32_t)shift;
			for (size_t k = 0; k < p->nextra; k++)
				c->extra[x0 + 2 * k] += (uint32_t)shift;
			for (size_t k = 0; k < p->nruby; k++)
				c->ruby[y0 + 4 * k + 2] += (uint32_t)shift;
			p->start = start;
		}
		p->next = i + 1 < c->n ? c->paras[i + 1].start : end;
	}
}

/* ---- the object ---------------------------------------------------------- */

#define NCHUNKS 24

struct pres {
	const doc *d;
	pres_opts o;
	pres_sc *sc;               /* the script conversion, or NULL */
	unsigned long epoch, clock;
	pres_chunk chunks[NCHUNKS];
	int last;                  /* the chunk found last */
	struct pres_md *md;
	/* plain text: one paragraph made on the spot */
	pres_para scratch;
	pres_run scratch_run;
	pres_style plain_style;
};

/* The format f, or plain when d cannot be shown in it (a book's formats
 * need a book). */
static enum pres_format usable(enum pres_format f, const doc *d)
{
	if (f >= PRES_NFORMATS || ((f == PRES_HTML || f == PRES_SUBTITLES) && !doc_book(d)))
		return PRES_PLAIN;
	return f;
}

pres *pres_new(const doc *d, const pres_opts *o)
{
	pres *P = calloc(1, sizeof *P);
	if (!P)
		return NULL;
	P->d = d;
	P->o = *o;
	P->o.format = usable(P->o.format, d);
	P->plain_style = (pres_style){0, PRES_C_TEXT, PRES_COLOR_DEFAULT, PRES_COLOR_DEFAULT};
	if (P->o.format == PRES_MARKDOWN && !(P->md = pres_md_new(d))) {
		free(P);
		return NULL;
	}
	P->sc = pres_sc_new(P->o.script);
	return P;
}

static void drop_chunks(pres *P)
{
	for (int i = 0; i < NCHUNKS; i++)
		P->chunks[i].valid = false;
	P->last = 0;
}

void pres_free(pres *P)
{
	if (!P)
		return;
	for (int i = 0; i < NCHUNKS; i++) {
		pres_chunk *c = &P->chunks[i];
		free(c->paras);
		free(c->text);
		free(c->runs);
		free(c->styles);
		free(c->extra);
		free(c->ruby);
	}
	pres_md_free(P->md);
	pres_sc_free(P->sc);
	free(P);
}

void pres_set_opts(pres *P, const pres_opts *o)
{
	pres_opts n = *o;
	n.format = usable(n.format, P->d);
	if (memcmp(&n, &P->o, sizeof n) == 0)
		return;
	if (n.format != P->o.format) {
		pres_md_free(P->md);
		P->md = n.format == PRES_MARKDOWN ? pres_md_new(P->d) : NULL;
		if (n.format == PRES_MARKDOWN && !P->md)
			n.format = PRES_PLAIN;
	}
	bool script = n.script != P->o.script;
	P->o = n;
	drop_chunks(P);
	P->epoch++;
	if (script) {
		pres_sc_free(P->sc);
		P->sc = pres_sc_new(P->o.script);
	}
}

const pres_opts *pres_get_opts(const pres *P)
{
	return &P->o;
}

void pres_reset(pres *P)
{
	drop_chunks(P);
	if (P->md)
		pres_md_reset(P->md);
	P->epoch++;
}

unsigned long pres_epoch(const pres *P)
{
	return P->epoch;
}

/* ---- plain text ---------------------------------------------------------- */

#define SEG_MAX PRES_SEG_MAX

/* Fixed boundary k: k * SEG_MAX moved forward off UTF-8 continuation bytes. */
static size_t seg_bound(const doc *d, size_t k)
{
	size_t b = k * SEG_MAX;
	if (k == 0)
		return 0;
	if (b >= d->len)
		return d->len;
	for (int i = 0; i < 3 && b < d->len && (d->data[b] & 0xC0) == 0x80; i++)
		b++;
	return b;
}

/* Whether the line through fixed boundary B is cut there: only a line
 * longer than SEG_MAX is, so a short line across B stays whole. */
static bool seg_cut(const doc *d, size_t B)
{
	if (B == 0 || B >= d->len || doc_is_eol(d, B - 1))
		return false;
	const uint8_t *p = d->data;
	size_t lo = B > SEG_MAX ? B - SEG_MAX : 0, s = B;
	while (s > lo && !doc_is_eol(d, s - 1))
		s--;
	if (s == lo && lo > 0 && !doc_is_eol(d, s - 1))
		return true;
	size_t hi = B + SEG_MAX < d->len ? B + SEG_MAX : d->len, e = B;
	while (e < hi && p[e] != '\n' && p[e] != '\r')
		e++;
	if (e == hi && hi < d->len)
		return true;
	return e - s > SEG_MAX;
}

/* The plain paragraph (a line, or a segment of a long one) holding off. */
static const pres_para *plain_para(pres *P, size_t off)
{
	const doc *d = P->d;
	size_t s = 0, e = 0, next = 0;
	if (d->len > 0) {
		if (off >= d->len)
			off = d->len - 1;
		const unsigned char *p = d->data;
		if (p[off] == '\n' && off > 0 && p[off - 1] == '\r')
			off--;
		/* Back to the line's start, or to a boundary where it is cut. */
		size_t k = off / SEG_MAX;
		s = off;
		for (;;) {
			size_t lo = seg_bound(d, k);
			if (lo > s)
				lo = seg_bound(d, --k);
			while (s > lo && !doc_is_eol(d, s - 1))
				s--;
			if (s > lo || lo == 0 || doc_is_eol(d, s - 1) || seg_cut(d, lo))
				break;
			k--;
		}
		/* On to its end, or to the next boundary where it is cut. */
		e = off;
		size_t kk = off / SEG_MAX + 1;
		for (;;) {
			size_t hi = seg_bound(d, kk);
			while (e < hi && !doc_is_eol(d, e))
				e++;
			if (e < hi || hi >= d->len || seg_cut(d, hi))
				break;
			kk++;
		}
		next = (e < d->len && doc_is_eol(d, e)) ? doc_after_eol(d, e) : e;
	}
	pres_para *q = &P->scratch;
	memset(q, 0, sizeof *q);
	q->start = s;
	q->next = next;
	q->text = d->data + s;
	q->len = e - s;
	P->scratch_run = (pres_run){0, (uint32_t)(e - s), 0, (uint32_t)(e - s), 0, PRES_COPY};
	q->runs = &P->scratch_run;
	q->nruns = e > s;
	q->styles = &P->plain_style;
	q->nstyles = 1;
	return q;
}

/* ---- chunks ----------------------------------------------------------------- */

static void bounds(pres *P, size_t off, size_t *a, size_t *b)
{
	switch (P->o.format) {
	case PRES_MARKDOWN: pres_md_bounds(P->md, off, a, b); break;
	case PRES_AOZORA: pres_aozora_bounds(P->d, off, a, b); break;
	case PRES_HTML:
	case PRES_SUBTITLES: pres_html_bounds(P->d, off, a, b); break;
	default: pres_ansi_bounds(P->d, off, a, b); break;
	}
}

static bool make(pres *P, size_t a, size_t b, pres_pb *pb)
{
	switch (P->o.format) {
	case PRES_MARKDOWN: return pres_md_make(P->md, &P->o, a, b, pb);
	case PRES_AOZORA: return pres_aozora_make(P->d, &P->o, a, b, pb);
	case PRES_HTML:
	case PRES_SUBTITLES: return pres_html_make(P->d, &P->o, a, b, pb);
	default: return pres_ansi_make(P->d, &P->o, a, b, pb);
	}
}

static bool holds(const pres *P, const pres_chunk *c, size_t off)
{
	return c->valid && off >= c->start && (off < c->end || (off == c->end && c->end >= P->d->len));
}

/* The chunk holding off: a cached one, or one made now. */
static pres_chunk *chunk_at(pres *P, size_t off)
{
	if (holds(P, &P->chunks[P->last], off))
		return &P->chunks[P->last];
	int victim = 0;
	for (int i = 0; i < NCHUNKS; i++) {
		if (holds(P, &P->chunks[i], off)) {
			P->last = i;
			P->chunks[i].used = ++P->clock;
			return &P->chunks[i];
		}
		if (!P->chunks[i].valid || (P->chunks[victim].valid && P->chunks[i].used < P->chunks[victim].used))
			victim = i;
	}
	size_t a, b;
	bounds(P, off, &a, &b);
	pres_chunk *c = &P->chunks[victim];
	c->valid = false;
	pres_pb pb;
	pres_pb_init(&pb, c, P->d->data);
	bool ok = !c->oom && make(P, a, b, &pb);
	pres_pb_finish(&pb, a, b);
	if (!ok || c->oom)
		return NULL;
	c->valid = true;
	c->used = ++P->clock;
	P->last = victim;
	return c;
}

/* The paragraph that holds off, before any script conversion. */
static const pres_para *para_at(pres *P, size_t off)
{
	if (off > P->d->len)
		off = P->d->len;
	if (P->o.format == PRES_PLAIN || P->d->len == 0)
		return plain_para(P, off);
	pres_chunk *c = chunk_at(P, off);
	if (!c)
		return plain_para(P, off); /* out of memory: the source as it is */
	size_t lo = 0, hi = c->n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (c->paras[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	return &c->paras[lo];
}

const pres_para *pres_para_at(pres *P, size_t off)
{
	return pres_sc_convert(P->sc, para_at(P, off), P->epoch);
}

const char *pres_title(pres *P, const char *s)
{
	return pres_sc_string(P->sc, s);
}

/* ---- maps ------------------------------------------------------------------ */

/* The run holding shown byte i (the last one starting at or before it). */
static const pres_run *run_at(const pres_para *p, size_t i)
{
	size_t lo = 0, hi = p->nruns;
	if (!hi)
		return NULL;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (p->runs[mid].at <= i)
			lo = mid;
		else
			hi = mid;
	}
	return &p->runs[lo];
}

size_t pres_src(const pres_para *p, size_t i)
{
	const pres_run *r = run_at(p, i);
	if (!r)
		return p->start;
	if (i >= r->at + r->len)
		return p->start + r->src + r->src_len;
	if (r->flags & PRES_COPY)
		return p->start + r->src + (i - r->at);
	return p->start + r->src;
}

size_t pres_shown(const pres_para *p, size_t off)
{
	size_t rel = off > p->start ? off - p->start : 0;
	for (size_t k = 0; k < p->nruns; k++) {
		const pres_run *r = &p->runs[k];
		/* decoration that stands for nothing (a bullet, a subtitle's
		 * time) is not where a source offset is shown */
		if (rel == r->src && r->src_len == 0 && (r->flags & PRES_NOSEARCH))
			continue;
		if (rel <= r->src)
			return r->at;
		if (rel < r->src + r->src_len)
			return (r->flags & PRES_COPY) ? r->at + (rel - r->src) : r->at;
	}
	return p->len;
}

/* ---- the text search sees -------------------------------------------------- */

typedef struct sbuf {
	uint8_t *t;
	size_t *m, *me;
	size_t n, cap;
	bool oom;
} sbuf;

/* Appends s[0..n), standing for source [src, src + src_len) (byte by byte
 * when copied). */
static void sb_put(sbuf *b, const uint8_t *s, size_t n, size_t src, size_t src_len, bool copy)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t nc = b->cap ? b->cap : 4096;
		while (nc < b->n + n + 1)
			nc *= 2;
		uint8_t *nt = realloc(b->t, nc);
		if (nt)
			b->t = nt;
		size_t *nm = realloc(b->m, (nc + 1) * sizeof *nm);
		if (nm)
			b->m = nm;
		size_t *nme = realloc(b->me, (nc + 1) * sizeof *nme);
		if (nme)
			b->me = nme;
		if (!nt || !nm || !nme) {
			b->oom = true;
			return;
		}
		b->cap = nc;
	}
	memcpy(b->t + b->n, s, n);
	for (size_t i = 0; i < n; i++) {
		b->m[b->n + i] = copy ? src + i : src;
		b->me[b->n + i] = copy ? src + i + 1 : src + src_len;
	}
	b->n += n;
}

bool pres_search_text(pres *P, size_t a, size_t b, uint8_t **text, size_t *len, size_t **map,
                      size_t **mapend, size_t *end)
{
	sbuf sb = {0};
	size_t off = a, last = a;
	bool first = true;
	do {
		const pres_para *p = pres_para_at(P, off);
		if (!first)
			sb_put(&sb, (const uint8_t *)"\n", 1, p->start, 0, false);
		first = false;
		for (size_t k = 0; k < p->nruns; k++) {
			const pres_run *r = &p->runs[k];
			if (r->flags & PRES_NOSEARCH)
				continue;
			sb_put(&sb, p->text + r->at, r->len, p->start + r->src, r->src_len, r->flags & PRES_COPY);
		}
		for (size_t k = 0; k < p->nextra; k++) {
			size_t xs = p->start + p->extra[2 * k], xn = p->extra[2 * k + 1];
			sb_put(&sb, (const uint8_t *)"\n", 1, xs, 0, false);
			sb_put(&sb, P->d->data + xs, xn, xs, xn, true);
		}
		last = p->next;
		if (p->next <= off)
			break;
		off = p->next;
	} while (off < b && off < P->d->len);
	if (!sb.oom && !sb.t) {
		sb.t = malloc(1);
		sb.m = malloc(sizeof *sb.m);
		sb.me = malloc(sizeof *sb.me);
	}
	if (sb.oom || !sb.t || !sb.m || !sb.me) {
		free(sb.t);
		free(sb.m);
		free(sb.me);
		return false;
	}
	sb.m[sb.n] = sb.me[sb.n] = last;
	*text = sb.t;
	*len = sb.n;
	*map = sb.m;
	*mapend = sb.me;
	*end = last;
	return true;
}

bool pres_step(pres *P, size_t budget)
{
	if (P->o.format != PRES_MARKDOWN || !P->md)
		return true;
	bool changed = false;
	bool done = pres_md_step(P->md, budget, &changed);
	if (changed) {
		drop_chunks(P);
		P->epoch++;
	}
	return done;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * draw: puts sanitised text on the screen.  Every byte of a document (and
 * of a file name) goes through the layout cell iterator first, so only
 * printable text reaches the terminal; controls and invalid bytes are shown
 * as tokens in reverse video.
 */
#include "build.h"
#include "ui_priv.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <wchar.h>

int ui_draw_text(WINDOW *w, int y, int x, const char *s, size_t n, int maxw,
                 attr_t attr, const layout_opts *o)
{
	return ui_draw_spans(w, y, x, s, n, maxw, attr, o, NULL, 0);
}

/* A run of cells with one attribute, written to ncurses in one call as
 * wide characters (no multibyte conversion inside ncurses).  The buffer is
 * a fixed size and a cell may carry any number of combining marks, so it is
 * flushed whenever it is full, also inside a cell: ncurses attaches the
 * marks that follow to the cell before them (keeping CCHARW_MAX of them). */
#define RUN_MAX 512
typedef struct run {
	wchar_t buf[RUN_MAX];
	int n;
	attr_t attr;
} run;

static void run_flush(WINDOW *w, run *r)
{
	if (r->n > 0) {
		wattrset(w, r->attr);
		waddnwstr(w, r->buf, r->n);
	}
	r->n = 0;
}

static void run_add(WINDOW *w, run *r, attr_t a, const char *t, size_t len)
{
	if (r->n > 0 && a != r->attr)
		run_flush(w, r);
	r->attr = a;
	const uint8_t *p = (const uint8_t *)t, *end = p + len;
	while (p < end) {
		if (r->n == RUN_MAX)
			run_flush(w, r);
		ucs4_t uc;
		int k = u8_mbtouc(&uc, p, (size_t)(end - p));
		r->buf[r->n++] = (wchar_t)uc;
		p += k > 0 ? k : 1;
	}
}

int ui_draw_spans(WINDOW *w, int y, int x, const char *s, size_t n, int maxw, attr_t attr,
                  const layout_opts *o, const ui_span *spans, size_t nspans)
{
	return ui_draw_spans_from(w, y, x, s, n, 0, maxw, attr, o, spans, nspans);
}

int ui_draw_spans_from(WINDOW *w, int y, int x, const char *s, size_t n, int skip, int maxw, attr_t attr,
                       const layout_opts *o, const ui_span *spans, size_t nspans)
{
	layout_opts lo = *o;
	lo.width = skip + maxw;
	layout_iter it;
	if (maxw <= 0 || !layout_iter_init(&it, s, n, 0, &lo))
		return 0;
	wmove(w, y, x);
	layout_cell c;
	int col = 0;
	run r;
	r.n = 0;
	r.attr = attr;
	/* The columns before skip are not drawn; a wide character across the
	 * edge shows as '<' in what is left of it. */
	int at = 0;
	while (at < skip && layout_iter_next(&it, &c)) {
		at += c.width;
		if (at > skip) {
			for (; col < at - skip && col < maxw; col++)
				run_add(w, &r, attr | A_DIM, "<", 1);
		}
	}
	while (layout_iter_next(&it, &c)) {
		if (c.width == 0 && col == 0)
			continue; /* nothing to attach a zero-width mark to */
		if (col + c.width > maxw) {
			for (; col < maxw; col++)
				run_add(w, &r, attr, ">", 1);
			break;
		}
		attr_t a = attr;
		/* Spans add their attributes in order; a colour replaces one
		 * before it (a speaker's over a style's, a match's over both). */
		for (size_t k = 0; k < nspans; k++)
			if (c.off >= spans[k].a && c.off < spans[k].b)
				a = ((spans[k].attr & A_COLOR) ? (a & ~A_COLOR) : a) | spans[k].attr;
		if (c.kind == LAYOUT_CONTROL || c.kind == LAYOUT_INVALID)
			a ^= A_REVERSE;
		else if (c.kind == LAYOUT_UNKNOWN)
			a |= A_DIM;
		run_add(w, &r, a, c.text, c.text_len);
		col += c.width;
	}
	run_flush(w, &r);
	wattrset(w, A_NORMAL);
	layout_iter_free(&it);
	return col;
}

int ui_draw_width(const char *s, size_t n, const layout_opts *o)
{
	layout_opts lo = *o;
	lo.width = 1 << 20;
	layout_iter it;
	if (!layout_iter_init(&it, s, n, 0, &lo))
		return 0;
	layout_cell c;
	int col = 0;
	while (layout_iter_next(&it, &c))
		col += c.width;
	layout_iter_free(&it);
	return col;
}

size_t ui_draw_fit(const char *s, size_t n, int cols, const layout_opts *o)
{
	layout_opts lo = *o;
	lo.width = cols;
	layout_iter it;
	if (!layout_iter_init(&it, s, n, 0, &lo))
		return n;
	layout_cell c;
	int col = 0;
	size_t end = 0;
	while (layout_iter_next(&it, &c)) {
		if (c.kind != LAYOUT_TEXT || col + c.width > cols)
			break;
		col += c.width;
		end = c.off + c.len;
	}
	layout_iter_free(&it);
	if (end == 0)
		return n ? 1 : 0; /* a line break, or a cell wider than the row */
	/* Full: back to just after the last space, if there is one. */
	if (end < n && s[end] != ' ' && s[end] != '\n') {
		size_t sp = end;
		while (sp > 0 && s[sp - 1] != ' ')
			sp--;
		if (sp > 0)
			end = sp;
	}
	return end;
}

int ui_draw_cut(WINDOW *w, int y, int x, const char *s, int maxw, attr_t attr, const layout_opts *o)
{
	size_t n = strlen(s);
	if (maxw <= 0)
		return 0;
	if (ui_draw_width(s, n, o) <= maxw)
		return ui_draw_text(w, y, x, s, n, maxw, attr, o);
	/* Cut at a cell boundary so that "…" fits. */
	layout_opts lo = *o;
	lo.width = maxw;
	layout_iter it;
	if (!layout_iter_init(&it, s, n, 0, &lo))
		return 0;
	layout_cell c;
	size_t cut = 0;
	int col = 0;
	while (layout_iter_next(&it, &c) && col + c.width <= maxw - 1) {
		col += c.width;
		cut = c.off + c.len;
	}
	layout_iter_free(&it);
	int used = ui_draw_text(w, y, x, s, cut, maxw - 1, attr, o);
	wattrset(w, attr);
	mvwaddstr(w, y, x + used, "\xE2\x80\xA6");
	wattrset(w, A_NORMAL);
	return used + 1;
}

bool ui_draw_span_add(ui_spans *s, ui_span sp)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		ui_span *v = realloc(s->v, cap * sizeof *v);
		if (!v)
			return false;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = sp;
	return true;
}

void ui_draw_spans_free(ui_spans *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

void ui_draw_fill(WINDOW *w, int y, int x0, int x1, attr_t attr)
{
	wattrset(w, attr);
	wmove(w, y, x0);
	if (attr == A_NORMAL && x1 >= getmaxx(w)) {
		wclrtoeol(w);
	} else {
		for (int x = x0; x < x1; x++)
			waddch(w, ' ');
	}
	wattrset(w, A_NORMAL);
}

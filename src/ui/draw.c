/*
 * draw: puts sanitised text on the screen.  Every byte of a document (and
 * of a file name) goes through the layout cell iterator first, so only
 * printable text reaches the terminal; controls and invalid bytes are shown
 * as tokens in reverse video.
 */
#include "config.h"
#include "ui_priv.h"

#include <string.h>

int ui_draw_text(WINDOW *w, int y, int x, const char *s, size_t n, int maxw,
                 attr_t attr, const layout_opts *o)
{
	return ui_draw_spans(w, y, x, s, n, maxw, attr, o, NULL, 0);
}

int ui_draw_spans(WINDOW *w, int y, int x, const char *s, size_t n, int maxw, attr_t attr,
                  const layout_opts *o, const ui_span *spans, int nspans)
{
	layout_opts lo = *o;
	lo.width = maxw;
	layout_iter it;
	if (maxw <= 0 || !layout_iter_init(&it, s, n, 0, &lo))
		return 0;
	wmove(w, y, x);
	layout_cell c;
	int col = 0;
	while (layout_iter_next(&it, &c)) {
		if (c.width == 0 && col == 0)
			continue; /* nothing to attach a zero-width mark to */
		if (col + c.width > maxw) {
			wattrset(w, attr);
			for (; col < maxw; col++)
				waddch(w, '>');
			break;
		}
		attr_t a = attr;
		for (int k = 0; k < nspans; k++)
			if (c.off >= spans[k].a && c.off < spans[k].b)
				a = spans[k].attr;
		if (c.kind == LAYOUT_CONTROL || c.kind == LAYOUT_INVALID)
			a ^= A_REVERSE;
		wattrset(w, a);
		waddnstr(w, c.text, (int)c.text_len);
		col += c.width;
	}
	wattrset(w, A_NORMAL);
	layout_iter_free(&it);
	return col;
}

int ui_text_width(const char *s, size_t n, const layout_opts *o)
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

int ui_draw_tail(WINDOW *w, int y, int x, const char *s, size_t n, int room, const layout_opts *o)
{
	if (room <= 0)
		return 0;
	size_t start = 0;
	while (start < n && ui_text_width(s + start, n - start, o) > room) {
		start++;
		while (start < n && (s[start] & 0xC0) == 0x80)
			start++;
	}
	return ui_draw_text(w, y, x, s + start, n - start, room, A_NORMAL, o);
}

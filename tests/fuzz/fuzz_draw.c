/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_draw: the drawing helpers of src/ui on a real ncurses screen that
 * writes to /dev/null.  The input is laid out at a width it chooses; each
 * row is drawn with spans taken from the input, cut to a room it chooses,
 * and then read back: what was drawn must fit the room, and the screen
 * must hold only printable characters. */
#include <curses.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "ui_priv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void screen_once(void)
{
	static bool up;
	if (up)
		return;
	setlocale(LC_ALL, "C.UTF-8");
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	if (!out || !in || !newterm("xterm-256color", out, in))
		abort();
	resizeterm(60, 200);
	up = true;
}

/* Every cell of row y up to x holds printable characters only. */
static void check_row(int y, int x)
{
	for (int c = 0; c < x && c < COLS; c++) {
		cchar_t cc;
		wchar_t wc[CCHARW_MAX + 1];
		attr_t a;
		short pair;
		if (mvwin_wch(stdscr, y, c, &cc) == ERR || getcchar(&cc, wc, &a, &pair, NULL) == ERR)
			continue;
		for (int k = 0; wc[k]; k++)
			if (wc[k] < 0x20 || (wc[k] >= 0x7F && wc[k] < 0xA0))
				abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 4)
		return 0;
	screen_once();
	layout_opts o = {1 + data[0] % 200, data[1] & 1, 1 + (data[1] >> 1) % 16, 0, false, false};
	int room = 1 + data[2] % 200, x0 = data[3] % 8;
	doc *d = doc_from_bytes("f", data + 4, size - 4);
	layout *L = layout_new(d, &o);
	layout_row r = layout_first(L);
	erase();
	for (int y = 0; y < LINES - 1; y++) {
		/* Spans from the row's own bytes: where, how long, which attribute. */
		ui_span sp[4];
		int ns = 0;
		size_t n = r.end - r.start;
		for (int k = 0; k < 4 && n > 0; k++) {
			unsigned char b = d->data[r.start + (k * 7) % n];
			size_t a = b % n;
			sp[ns++] = (ui_span){a, a + 1 + b % 9, (b & 1) ? A_BOLD : A_REVERSE};
		}
		int used = ui_draw_spans(stdscr, y, x0, (const char *)d->data + r.start, n, room, A_NORMAL,
		                         &o, sp, ns);
		if (used < 0 || used > room)
			abort();
		check_row(y, x0 + used);
		if (!layout_next(L, &r, &r))
			break;
	}
	/* The status-line helpers on the same bytes. */
	size_t n = size - 4 < 600 ? size - 4 : 600;
	char *s = malloc(n + 1);
	memcpy(s, data + 4, n);
	s[n] = 0;
	if (ui_draw_cut(stdscr, LINES - 1, 0, s, room, A_REVERSE, &o) > room)
		abort();
	/* The line editor: the text typed, then edits named by the bytes; the
	 * cursor stays on a character's start and in the room drawn. */
	ui_line l;
	ui_line_set(&l, s);
	for (size_t k = 0; k < n && k < 64; k++) {
		keymap_action a = (keymap_action)(ACT_LINE_BACKSPACE + (unsigned char)s[k] % 9);
		if ((unsigned char)s[k] >= 0xF0)
			ui_line_insert(&l, 0x4E00 + s[k]);
		else
			ui_line_edit(&l, a);
		if (l.cur > l.len || l.len >= sizeof l.buf || l.buf[l.len] ||
		    (l.cur < l.len && (l.buf[l.cur] & 0xC0) == 0x80))
			abort();
		int cx = ui_line_draw(stdscr, LINES - 1, 1, room - 1, &l, &o);
		if (cx < 1 || cx > room)
			abort();
	}
	check_row(LINES - 1, COLS);
	free(s);
	wnoutrefresh(stdscr);
	doupdate();
	layout_free(L);
	doc_close(d);
	return 0;
}

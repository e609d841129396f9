/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * list: the one list widget of the sidebar, the match list, the bookmark
 * list and the help: a selected entry kept in view.  Its keys are the
 * list-* actions of the table; what they move is the list of the mode that
 * has the keys.  A list in scroll mode (the help) has no selection: the
 * keys move its first line.
 */
#include "build.h"
#include "ui_priv.h"

void ui_list_show(ui_list *l)
{
	long rows = l->rows > 0 ? l->rows : 1;
	long last = l->scroll ? l->n - rows : l->n - 1;
	if (last < 0)
		last = 0;
	if (l->sel > last)
		l->sel = last;
	if (l->sel < 0)
		l->sel = 0;
	if (l->scroll) {
		l->top = l->sel;
		return;
	}
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + rows)
		l->top = l->sel - rows + 1;
	if (l->top > l->n - rows)
		l->top = l->n - rows;
	if (l->top < 0)
		l->top = 0;
}

void ui_list_move(ui_list *l, keymap_action a)
{
	long rows = l->rows > 0 ? l->rows : 1;
	switch (a) {
	case ACT_LIST_DOWN: l->sel++; break;
	case ACT_LIST_UP: l->sel--; break;
	case ACT_LIST_PAGE_DOWN: l->sel += rows; break;
	case ACT_LIST_PAGE_UP: l->sel -= rows; break;
	case ACT_LIST_FIRST: l->sel = 0; break;
	case ACT_LIST_LAST: l->sel = l->n; break;
	default: break;
	}
	ui_list_show(l);
}

void ui_list_draw(ui *u, ui_list *l, void (*draw)(ui *u, int y, long i, bool sel))
{
	ui_list_show(l);
	for (int y = 0; y < LINES - 1; y++) {
		long i = l->top + y;
		bool sel = !l->scroll && i == l->sel;
		ui_draw_fill(stdscr, y, 0, COLS, sel ? A_REVERSE : A_NORMAL);
		if (i < l->n)
			draw(u, y, i, sel);
	}
}

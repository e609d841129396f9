/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mouse: what a mouse report does.  The wheel scrolls the text three rows
 * (in a list it moves the selection); a click on a heading of the sidebar
 * or an entry of a list chooses it; on a speaker in the legend, it shows
 * only their turns.  Reports are read in session.c and
 * never reach the keymap.
 */
#include "build.h"
#include "ui_priv.h"

#define WHEEL_ROWS 3

/* A click on row y of the sidebar: that heading, chosen; on a speaker in
 * the legend, only their turns (again: all). */
static void sidebar_click(ui *u, int y)
{
	int spk = ui_sidebar_speaker_at(u, y);
	if (spk >= 0) {
		ui_filter_speaker(u, spk);
		return;
	}
	ui_list *l = ui_sidebar_list(u);
	long i = ui_sidebar_heading_at(u, y); /* a long title may take two rows */
	if (!u->ol || i < 0 || i >= l->n)
		return;
	if (!ui_mode_in(u, MODE_SIDEBAR))
		ui_mode_push(u, MODE_SIDEBAR);
	l->sel = i;
	ui_sidebar_choose(u);
}

void ui_mouse(ui *u, const ui_mouse_ev *ev)
{
	ui_list *l = ui_mode_list(u);
	bool full_list = l && ui_mode_top(u) != MODE_SIDEBAR;
	if (ev->what == UI_WHEEL_UP || ev->what == UI_WHEEL_DOWN) {
		bool down = ev->what == UI_WHEEL_DOWN;
		if (full_list) {
			for (int k = 0; k < WHEEL_ROWS; k++)
				ui_list_move(l, down ? ACT_LIST_DOWN : ACT_LIST_UP);
		} else if (down) {
			ui_act_line_down(u, WHEEL_ROWS);
		} else {
			ui_act_line_up(u, WHEEL_ROWS);
		}
		return;
	}
	if (ev->what != UI_CLICK || ev->y < 0 || ev->y >= LINES - 1)
		return;
	if (full_list) {
		/* the entry under the click, chosen */
		long i = l->top + ev->y;
		if (i < l->n && !l->scroll) {
			l->sel = i;
			ui_list_show(l);
			ui_mode_choose(u);
		}
		return;
	}
	if (u->sb.shown && ev->x < u->sb.w)
		sidebar_click(u, ev->y);
}

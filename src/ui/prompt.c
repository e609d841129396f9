/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * prompt: a one-line text input at the bottom of the screen, for bookmark
 * labels, notes and renames.  Its keys are the line editor's (line.c).
 */
#include "build.h"
#include "ui_priv.h"

#include <stdio.h>
#include <string.h>

void ui_prompt_open(ui *u, const char *title, const char *text, ui_prompt_done done)
{
	ui_prompt *p = &u->prompt;
	snprintf(p->title, sizeof p->title, "%s", title);
	ui_line_set(&p->line, text);
	p->done = done;
	ui_mode_push(u, MODE_PROMPT);
}

ui_line *ui_prompt_line(ui *u)
{
	return &u->prompt.line;
}

void ui_prompt_draw(ui *u)
{
	ui_prompt *p = &u->prompt;
	int y = LINES - 1;
	ui_draw_fill(stdscr, y, 0, COLS, A_NORMAL);
	wattrset(stdscr, A_BOLD);
	mvwaddnstr(stdscr, y, 0, p->title, COLS > 1 ? COLS - 1 : 1);
	wattrset(stdscr, A_NORMAL);
	/* ":" is the command line's: what is typed follows it at once */
	int x = (int)strlen(p->title) + (strcmp(p->title, ":") != 0);
	int cx = ui_line_draw(stdscr, y, x, COLS - x - 1, &p->line, &u->lo);
	wmove(stdscr, y, cx);
}

/* Closes the prompt, then says what was typed (done may open another). */
static void finish(ui *u, bool ok)
{
	ui_prompt *p = &u->prompt;
	ui_mode_pop(u);
	if (p->done)
		p->done(u, p->line.buf, ok);
}

void ui_prompt_accept(ui *u)
{
	finish(u, true);
}

void ui_prompt_cancel(ui *u)
{
	finish(u, false);
}

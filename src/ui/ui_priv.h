/*
 * ui_priv: state shared by the views of src/ui/ (pager, help) and their
 * drawing helpers.  Private to src/ui/.
 */
#ifndef FANYE_UI_PRIV_H
#define FANYE_UI_PRIV_H

#include <curses.h>
#include <stdbool.h>

#include "fanye/doc.h"
#include "fanye/keymap.h"
#include "fanye/layout.h"
#include "fanye/ui.h"

enum ui_view { VIEW_PAGER, VIEW_HELP };

typedef struct ui {
	doc *d;
	const keymap *km;
	layout *L;
	layout_opts lo;
	layout_row top;      /* the row at the top of the text area */
	int text_rows;       /* rows of the text area */
	int cols;
	long count;          /* a count typed before a key, or -1 */
	long half;           /* rows for d/u, 0 = half the screen */
	char msg[256];       /* a one-shot message for the status line */
	enum ui_view view;
	int help_top;        /* first help line shown */
	bool quit;
	bool too_small;
} ui;

/* Draws bytes s[0..n) sanitised at (y, x), at most maxw columns, with attr;
 * returns the columns used. */
int ui_draw_text(WINDOW *w, int y, int x, const char *s, size_t n, int maxw,
                 attr_t attr, const layout_opts *o);
/* Columns the sanitised text would take. */
int ui_text_width(const char *s, size_t n, const layout_opts *o);

void ui_pager_draw(ui *u);
void ui_help_draw(ui *u);
/* Handles a key in the help view. */
void ui_help_key(ui *u, int key);
/* Lines of the help text (generated from the keymap). */
int ui_help_lines(const ui *u);

/* Action handlers named in the action table. */
#define X(id, name, group, keys, help, fn) void fn(ui *u, long count);
FANYE_ACTIONS(X)
#undef X

#endif

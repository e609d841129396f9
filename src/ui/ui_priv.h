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
#include "fanye/outline.h"
#include "fanye/ui.h"

enum ui_view { VIEW_PAGER, VIEW_HELP };

typedef struct ui {
	doc *d;
	const keymap *km;
	outline *ol;         /* built in idle time; may be incomplete */
	layout *L;
	layout_opts lo;
	layout_row top;      /* the row at the top of the text area */
	int text_rows;       /* rows of the text area */
	int cols;            /* columns of the text area */
	int text_x;          /* where the text area starts */
	bool gutter;         /* a speaker-colour bar left of the text */
	bool sidebar_on;     /* the user wants the sidebar */
	bool sidebar_shown;  /* ... and there is room for it */
	int sidebar_w;
	bool sidebar_focus;
	long sb_sel;         /* selected heading when focused */
	long sb_top;         /* first heading shown */
	bool colors;         /* speaker colours in use */
	int ncolors;         /* speaker colours available */
	long count;          /* a count typed before a key, or -1 */
	long half;           /* rows for d/u, 0 = half the screen */
	char msg[256];       /* a one-shot message for the status line */
	enum ui_view view;
	int help_top;        /* first help line shown */
	bool quit;
	bool too_small;
} ui;

/* A range of bytes drawn with other attributes (offsets relative to s). */
typedef struct ui_span {
	size_t a, b;
	attr_t attr;
} ui_span;

/* Draws s[0..n) sanitised at (y, x), at most maxw columns, in attr except
 * where a span says otherwise; returns the columns used. */
int ui_draw_spans(WINDOW *w, int y, int x, const char *s, size_t n, int maxw, attr_t attr,
                  const layout_opts *o, const ui_span *spans, int nspans);
/* Draws bytes s[0..n) sanitised at (y, x), at most maxw columns, with attr;
 * returns the columns used. */
int ui_draw_text(WINDOW *w, int y, int x, const char *s, size_t n, int maxw,
                 attr_t attr, const layout_opts *o);
/* Columns the sanitised text would take. */
int ui_text_width(const char *s, size_t n, const layout_opts *o);

void ui_pager_draw(ui *u);
void ui_sidebar_draw(ui *u);
/* Handles a key while the sidebar has the focus. */
void ui_sidebar_key(ui *u, int key);
/* Recomputes the geometry (sidebar, gutter, text width) and keeps the
 * passage at the top in place. */
void ui_apply_size(ui *u);
/* Puts the row holding off at the top (clamped at the end). */
void ui_go_offset(ui *u, size_t off);
/* Draws s cut to maxw columns, ending in "…" if it had to be cut. */
int ui_draw_cut(WINDOW *w, int y, int x, const char *s, int maxw, attr_t attr, const layout_opts *o);
/* Sets up the speaker palette (none with NO_COLOR or a mono terminal). */
void ui_colors_init(ui *u);
/* Attributes for speaker k: its label, and its gutter bar. */
attr_t ui_speaker_attr(const ui *u, int k);
attr_t ui_gutter_attr(const ui *u, int k);
/* Makes sure the outline has been scanned past off (or to the end). */
void ui_outline_upto(ui *u, size_t off);
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

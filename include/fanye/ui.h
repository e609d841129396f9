/*
 * ui: the interactive pager.  The only module that talks to the terminal
 * (ncursesw); it asks the core for rows and draws them.
 */
#ifndef FANYE_UI_H
#define FANYE_UI_H

#include "fanye/doc.h"
#include "fanye/keymap.h"
#include "fanye/layout.h"
#include "fanye/search.h"

typedef struct ui_opts {
	layout_opts layout; /* width is taken from the terminal */
	bool no_color;
	bool sidebar;       /* show the section sidebar (where there is room) */
	search_opts search; /* how searches match by default */
} ui_opts;

/* Runs the pager on d until the user quits.  Returns the exit status
 * (0, or 2 when the terminal cannot be used; a message is on stderr). */
int ui_run(doc *d, const keymap *km, const ui_opts *o);

#endif

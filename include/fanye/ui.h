/*
 * ui: the interactive pager.  The only module that talks to the terminal
 * (ncursesw); it asks the core for rows and draws them.
 */
#ifndef FANYE_UI_H
#define FANYE_UI_H

#include "fanye/config.h"
#include "fanye/doc.h"
#include "fanye/keymap.h"
#include "fanye/layout.h"
#include "fanye/outline.h"
#include "fanye/pres.h"
#include "fanye/search.h"

/* In the order of the config's choices auto|on|off. */
enum ui_sidebar { UI_SIDEBAR_AUTO, UI_SIDEBAR_ON, UI_SIDEBAR_OFF };

typedef struct ui_opts {
	layout_opts layout; /* width is taken from the terminal */
	bool no_color;
	enum ui_sidebar sidebar;
	int sidebar_width;  /* 0: a quarter of the screen */
	int max_width;      /* 0: no limit */
	search_opts search; /* how searches match by default */
	outline_opts outline;
	const config *cfg;  /* colours: palette, highlight, [speakers] */
	const char *path;   /* the document's path, for its saved state */
	bool resume;        /* reopen at the saved reading position */
	bool force;         /* open a binary-looking file without asking */
	bool follow_name;   /* in follow mode, reopen the path if the file is replaced */
	int format;         /* an enum pres_format, or -1: detect it */
	enum pres_ruby ruby;
} ui_opts;

/* Runs the pager on d until the user quits.  Returns the exit status
 * (0, or 2 when the terminal cannot be used; a message is on stderr). */
int ui_run(doc *d, const keymap *km, const ui_opts *o);

#endif

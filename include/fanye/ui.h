/* SPDX-License-Identifier: GPL-3.0-or-later */
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
	int sidebar_width;  /* 0: fits the longest title (16 to a third) */
	int max_width;      /* 0: no limit */
	search_opts search; /* how searches match by default */
	bool script_auto;   /* search.script_fold only for documents that are not Japanese */
	outline_opts outline;
	const config *cfg;  /* colours: palette, highlight, [speakers] */
	bool resume;        /* reopen at the saved reading position */
	bool force;         /* open a binary-looking file without asking */
	bool follow_name;   /* in follow mode, reopen the path if the file is replaced */
	int format;         /* an enum pres_format, or -1: detect it */
	enum pres_ruby ruby;
	enum pres_script script; /* Chinese shown in another script */
	const char *encoding; /* to open the files with, or NULL: detect */
	const char *initial_keys; /* typed before the first key (+G, +/pattern), or NULL */
	bool no_init;       /* -X: the last screen stays in the terminal */
	bool line_numbers;  /* -N */
	bool chop;          /* -S: long lines cut, scrolled sideways */
	int shift;          /* columns Left and Right scroll (0: half the screen) */
	int jump_target;    /* -j: the row a jump lands on (1 the top, -1 the bottom) */
	enum ui_mouse { UI_MOUSE_WHEEL, UI_MOUSE_ON, UI_MOUSE_OFF } mouse;
	bool history;       /* keep the search history */
	bool secure;        /* no programs run, no files written (!, |, s, v) */
} ui_opts;

/* Runs the pager on the files paths[0..n) in turn (":n", ":p") until the
 * user quits; first, if not NULL, is paths[0] already open (it is closed
 * here).  Returns the exit status (0, 1 when a file could not be read, or 2
 * when the terminal cannot be used; a message is on stderr). */
int ui_run(const char *const *paths, int n, doc *first, const keymap *km, const ui_opts *o);

#endif

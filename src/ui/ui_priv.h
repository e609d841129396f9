/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_priv: state shared by the views of src/ui/ (pager, help) and their
 * drawing helpers.  Private to src/ui/.
 */
#ifndef FANYE_UI_PRIV_H
#define FANYE_UI_PRIV_H

#include <curses.h>
#include <stdbool.h>

#include "fanye/doc.h"
#include "fanye/history.h"
#include "fanye/keymap.h"
#include "fanye/layout.h"
#include "fanye/marks.h"
#include "fanye/outline.h"
#include "fanye/search.h"
#include "fanye/ui.h"

/* The modes of the mode stack (mode.c): the one on top has the keys. */
enum ui_mode {
	MODE_PAGER,       /* the text, at the bottom of the stack */
	MODE_SIDEBAR,     /* the sidebar has the focus */
	MODE_SEARCH,      /* the search prompt, over the text */
	MODE_PROMPT,      /* a label, a note, a rename */
	MODE_LETTER,      /* the letter after m or ' */
	MODE_HELP,
	MODE_HELP_FILTER, /* typing the help's filter */
	MODE_MATCHES,     /* the match list */
	MODE_MARKS,       /* the bookmark list */
	MODE_COUNT
};
#define UI_MODES_MAX 8

struct ui;

/* A line being typed (line.c): UTF-8 text and a cursor, both in bytes. */
typedef struct ui_line {
	char buf[1024];
	size_t len, cur;
} ui_line;
void ui_line_set(ui_line *l, const char *s);
/* Inserts a typed character at the cursor; false if key is none. */
bool ui_line_insert(ui_line *l, int key);
/* Does a line-* action; returns true if the text changed. */
bool ui_line_edit(ui_line *l, keymap_action a);
/* Draws the line in room columns at (y, x) with the cursor in view;
 * returns the cursor's column. */
int ui_line_draw(WINDOW *w, int y, int x, int room, const ui_line *l, const layout_opts *o);

/* A list with a selected entry (list.c): n entries, rows of them shown
 * from top.  In scroll mode there is no selection: sel is the first line
 * shown. */
typedef struct ui_list {
	long sel, top, n;
	int rows;
	bool scroll;
} ui_list;
/* Keeps sel in the list and in view. */
void ui_list_show(ui_list *l);
/* Does a list-* movement. */
void ui_list_move(ui_list *l, keymap_action a);
/* Draws a list that fills the screen above the status line: each row
 * cleared, and entry i drawn by draw on row y, over a reversed row when
 * it is the selected one. */
void ui_list_draw(struct ui *u, ui_list *l, void (*draw)(struct ui *u, int y, long i, bool sel));

/* A range of bytes drawn with other attributes (offsets relative to s). */
typedef struct ui_span {
	size_t a, b;
	attr_t attr;
} ui_span;
/* A list of spans that grows as needed: a screen may hold any number of
 * matches.  ui_draw_span_add returns false when memory runs out (the span is
 * then not drawn). */
typedef struct ui_spans {
	ui_span *v;
	size_t n, cap;
} ui_spans;
bool ui_draw_span_add(ui_spans *s, ui_span sp);
void ui_draw_spans_free(ui_spans *s);

/* What the text rows drawn depend on besides their text: the document's
 * length, the highlights (query, current match, error) and how far the
 * outline had been scanned within them (a turn found there colours its
 * label).  Members of one size (no padding), so that two keys compare
 * with memcmp. */
typedef struct ui_rows_key {
	size_t len;
	size_t find_gen;
	size_t find_ms;      /* 0 without a current match */
	size_t ol_upto;
	size_t ol_speakers;  /* a speaker found later colours labels above */
	size_t find_has, find_err; /* 0 or 1 */
} ui_rows_key;

/* What the pager's last frame showed, so that the next one draws only what
 * changed: the text rows (scrolled when they moved), the sidebar and the
 * status line each when what they show is different. */
typedef struct ui_shown {
	bool valid;          /* false: the next frame draws everything */
	size_t a, b;         /* the text range on the terminal */
	layout_row top;      /* its first row (a's) */
	ui_rows_key rows;    /* what the text rows depended on */
	/* what the status line said: a message, or its three parts */
	bool st_msg;
	char st_msg_text[256];
	char st_pos[64], st_find[96]; /* as big as status.c's status_text */
	const char *st_speaker;
	unsigned long st_version;
	int st_keep, st_cols; /* the parts kept, at this width */
	bool sb_valid;       /* false: the sidebar is drawn again */
	long sb_cur, sb_spk, sb_sel, sb_top; /* what the sidebar showed */
	bool sb_focus;
	unsigned long sb_gen, sb_marks;
} ui_shown;

struct ui;
/* A one-line prompt at the bottom (labels, notes, renames). */
typedef void (*ui_prompt_done)(struct ui *u, const char *text, bool ok);
typedef struct ui_prompt {
	char title[64];
	ui_line line;
	ui_prompt_done done;
} ui_prompt;

/* The search: the prompt, the query, the search in progress (done in
 * slices between keys), the match count, the history and the match list. */
typedef struct ui_find {
	bool history;        /* searches are kept in the history */
	bool backward;       /* opened with ? */
	ui_line q;           /* the query */
	size_t origin;       /* top when the overlay opened */
	search_opts opts;
	search *s;           /* the current query, or NULL */
	char err[200];
	char notice[96];     /* "search wrapped", "not found" */
	unsigned long gen;   /* bumped when what is highlighted changes */
	/* the find in progress */
	bool busy, dir_back, wrapped;
	size_t pos, lim, from;
	/* the current match */
	bool has_match;
	size_t ms, me;
	/* counting, per 1 MiB block */
	uint32_t *counts;
	size_t nblocks, counted;   /* blocks counted so far */
	size_t total;
	/* history */
	history hist;
	bool hist_loaded;
	long hist_idx;
	char *last;          /* the last query accepted: an empty prompt repeats it */
	/* the status line's [k/N]: k kept for the match it was counted for */
	bool k_ok;
	size_t k, k_ms;
	unsigned long k_gen;
} ui_find;
/* The search counts and lists matches a block (1 MiB) at a time. */
#define UI_FIND_BLOCK ((size_t)1 << 20)

/* The match list (matches.c): where each match starts. */
typedef struct ui_matches {
	size_t *at;
	size_t n;
	bool cut;            /* more matches than it holds */
	ui_list list;
} ui_matches;

/* The bottom row of the text area for a top row (text.c), kept while the
 * top, the layout, the rows and the document are the same. */
typedef struct ui_bottom {
	bool valid, full;    /* full: the screen is full from that top */
	size_t top, len;
	unsigned long epoch;
	int rows;
	layout_row row;
} ui_bottom;

/* The sidebar (sidebar.c): wanted, how, and shown at which width; its
 * headings as a list (sel: the one chosen while it has the focus). */
typedef struct ui_side {
	bool on;             /* the user wants the sidebar */
	bool autom;          /* ... only when the document has structure */
	int cfg_w;           /* configured width, 0 = automatic */
	bool shown;          /* ... and there is room for it */
	int w;
	ui_list list;
	WINDOW *win;         /* the panel and its rule */
	unsigned long *rowh; /* what each of its rows shows, hashed */
	long *rowi;          /* the list entry each row shows, -1, or a speaker (sidebar.c) */
	int nrowh;
	size_t *folded;      /* the offsets of the headings whose subsections are folded */
	size_t nfolded, cfolded;
	long *vis;           /* the headings the list shows (the folded ones' children are not) */
	size_t nvis, cvis;
} ui_side;

/* The speakers' colours (palette.c). */
typedef struct ui_palette {
	bool on;             /* speaker colours in use */
	bool c256;           /* a 256-colour terminal with pairs to spare */
	int n;               /* speaker colours available */
	int pairs;           /* speakers whose pairs are set up */
} ui_palette;

/* The bookmark list and a bookmark being made (marks.c). */
typedef struct ui_bookmarks {
	size_t off;          /* a bookmark being made: where, its label */
	char label[512];
	ui_list list;
	marks_entry undo[32];/* deleted while the list is open */
	int nundo;
	bool details;        /* the chosen entry whole, below the list (i) */
	int lw;              /* columns of the line numbers */
	bool sections;       /* some entry is in a section: a column for them */
} ui_bookmarks;

/* The help (help.c): its lines, and the filter. */
typedef struct ui_help {
	ui_list list;
	ui_line filter;      /* only actions containing this (any case) */
} ui_help;

/* The status line's left part (status.c), kept while its section is
 * the same. */
typedef struct ui_status_cache {
	bool valid;
	long heading;        /* for this section of this outline, as it was */
	const outline *ol;
	unsigned long gen;
	unsigned long version; /* bumped when left is written */
	char left[512];      /* the file's part */
	const char *section; /* the section's title, or NULL */
} ui_status_cache;

/* The files of the session (files.c): each keeps, while another is read,
 * where it was and its search. */
typedef struct ui_file {
	char *path;
	bool seen;
	size_t top;
	char *query;
	char *encoding;      /* chosen with E ("auto": detected; NULL: as the
	                      * command line says) */
	size_t top_line;     /* after E: the line to show at the top (0: top) */
} ui_file;

typedef struct ui_files {
	ui_file *v;
	int n, cap;
	int cur;             /* the one being read */
	int go;              /* the one to read next (:n, :p ...), or -1 */
	bool drop;           /* :d: the current one leaves the list */
} ui_files;

/* A mouse report (session.c reads it; mouse.c acts on it). */
typedef struct ui_mouse_ev {
	int x, y;
	enum { UI_WHEEL_UP, UI_WHEEL_DOWN, UI_CLICK, UI_OTHER } what;
} ui_mouse_ev;

typedef struct ui {
	doc *d;
	ui_files *files;     /* the session's files */
	long file_count;     /* a count typed before : */
	const char *init_keys; /* keys still to type from +commands */
	const keymap *km;
	outline *ol;         /* built in idle time; may be incomplete */
	outline_opts oo;
	layout *L;
	pres *P;             /* how the document is presented (the layout's) */
	enum pres_format fmt;/* its format, as detected or asked for */
	bool fmt_auto;       /* detected: again while a stream's start arrives */
	bool source;         /* the source shown instead (toggle-source) */
	enum pres_ruby ruby;
	layout_opts lo;
	layout_row top;      /* the row at the top of the text area */
	ui_bottom bottom;    /* and the row at its bottom */
	int text_rows;       /* rows of the text area */
	int cols;            /* columns of the text area */
	int text_x;          /* where the text area starts */
	int max_width;       /* configured widest text, 0 = none */
	bool line_numbers;   /* -N: each line's number in a gutter */
	int gutter;          /* its columns (0: none) */
	bool chop;           /* -S: rows cut at the edge, not wrapped */
	int hshift;          /* ... and the columns scrolled sideways */
	int shift;           /* columns Left and Right move (0: half the screen) */
	int jump_target;     /* the screen row a jump's target lands on (1: the top) */
	bool secure;         /* no programs run, no files written */
	search *filter;      /* &: the paragraphs shown hold a match of it */
	int filter_spk;      /* &@Name: only this speaker's turns (-1: none) */
	char filter_q[256];  /* what & shows (a pattern or @Name) */
	size_t pipe_from, pipe_to; /* what | pipes */
	size_t pending_top_line; /* E: the line to come back to, or 0 */
	const config *cfg;
	ui_side sb;
	ui_palette pal;
	ui_find find;
	ui_matches ml;
	ui_prompt prompt;
	ui_bookmarks bk;
	ui_help help;
	enum ui_mode mode[UI_MODES_MAX]; /* the mode stack, the pager at the bottom */
	int nmode;
	keymap_action pending; /* set-mark or goto-mark waiting for a letter */
	marks_store marks;
	bool resume;         /* keep the reading position */
	size_t last_jump;    /* where the last jump came from, for '' */
	bool has_last_jump;
	size_t saved_pos;    /* the position last saved */
	long long saved_at;  /* when, in ms */
	long count;          /* a count typed before a key, or -1 */
	long half;           /* rows for d/u, 0 = half the screen */
	char msg[256];       /* a one-shot message for the status line */
	bool hint;           /* "h help · q quit" until the first key */
	bool marks_wait;     /* a compressed file still arriving: its store is
	                      * opened (by its content) once it is whole */
	bool quit;
	bool too_small;
	bool follow;         /* F: stay at the end as the file grows */
	bool follow_name;
	WINDOW *tw;          /* the text area: rows [0, text_rows), columns from tw_x */
	int tw_x;
	ui_shown shown;
	ui_status_cache status_cache;
	ui_spans hl;         /* the matches on screen */
	ui_spans row_spans;  /* the spans of the row being drawn */
} ui;


/* Draws s[0..n) sanitised at (y, x), at most maxw columns, in attr except
 * where a span says otherwise; returns the columns used. */
int ui_draw_spans(WINDOW *w, int y, int x, const char *s, size_t n, int maxw, attr_t attr,
                  const layout_opts *o, const ui_span *spans, size_t nspans);
/* The same, the first skip columns of the text left out (rows cut and
 * scrolled sideways). */
int ui_draw_spans_from(WINDOW *w, int y, int x, const char *s, size_t n, int skip, int maxw, attr_t attr,
                       const layout_opts *o, const ui_span *spans, size_t nspans);
/* Draws bytes s[0..n) sanitised at (y, x), at most maxw columns, with attr;
 * returns the columns used. */
int ui_draw_text(WINDOW *w, int y, int x, const char *s, size_t n, int maxw,
                 attr_t attr, const layout_opts *o);
/* Fills columns [x0, x1) of row y with blanks in attr (A_NORMAL to the
 * edge: a clear to the end of the row). */
void ui_draw_fill(WINDOW *w, int y, int x0, int x1, attr_t attr);
/* Columns the sanitised text would take. */
int ui_draw_width(const char *s, size_t n, const layout_opts *o);

/* The text view (text.c): draws the text rows (scrolling those already
 * there), then the sidebar and the status line where they changed;
 * ui_text_refresh copies the frame to ncurses's screen; ui_text_fit
 * recomputes the geometry (sidebar, text width) keeping the passage at the
 * top in place; ui_text_go puts the row holding off at the top (clamped at
 * the end); ui_text_end is the highest top row; ui_text_clamp moves the top
 * up if the screen would not be full from it. */
void ui_text_draw(ui *u);
void ui_text_refresh(ui *u);
void ui_text_free(ui *u);
void ui_text_fit(ui *u);
/* Presents the document in its format, or as its source (u->source),
 * keeping the passage at the top. */
void ui_text_present(ui *u);
/* The search goes on in the text as it is presented now. */
void ui_find_represent(ui *u);
void ui_text_go(ui *u, size_t off);
layout_row ui_text_end(ui *u);
/* The last row of the text area from the top now; *full (if not NULL)
 * says whether the screen is full from there. */
layout_row ui_text_bottom(ui *u, bool *full);
void ui_text_clamp(ui *u);
/* The status line (status.c): drawn when what it says changed;
 * ui_status_forget makes the next frame draw it (something drew over it). */
void ui_status_draw(ui *u, layout_row bottom);
void ui_status_forget(ui *u);
/* The terminal handed to a program (commands.c) and taken back; with
 * wait_enter, after Enter is pressed (session.c). */
void ui_session_leave(ui *u);
void ui_session_back(ui *u, bool wait_enter);
/* Reads what was appended to the file (G sees a file that grew). */
void ui_session_refresh(ui *u);
/* The key after | (commands.c). */
void ui_pipe_letter(ui *u, int key);

/* The mouse (mouse.c): the wheel scrolls three rows (or moves a list),
 * a click in the sidebar or a list chooses the entry under it. */
void ui_mouse(ui *u, const ui_mouse_ev *ev);

/* The session's files (files.c): ui_files_leave notes where the current
 * one was left and its search, ui_files_enter gives them back when it is
 * read again; ui_files_letter is the key after ':'; ui_files_status the
 * " (2/3)" after the file's name. */
bool ui_files_init(ui_files *fl, const char *const *paths, int n);
bool ui_files_add(ui_files *fl, const char *path);
void ui_files_free(ui_files *fl);
void ui_files_leave(ui *u);
void ui_files_enter(ui *u);
void ui_files_letter(ui *u, int key);
void ui_files_status(const ui *u, char *buf, size_t n);
/* Reads the file again in encoding name ("auto": detected), as E does
 * once the name is typed (commands.c). */
void ui_encoding_read(ui *u, const char *name);
/* Sets the search to query (from another visit of the file), without
 * moving. */
void ui_find_restore(ui *u, const char *query);

/* Filters (filter.c): speaker k's turns only, or all again when they are
 * the ones shown; the speaker shown alone (-1: none); forgetting them. */
void ui_filter_speaker(ui *u, int k);
int ui_filter_current_speaker(const ui *u);
void ui_filter_free(ui *u);

/* Milliseconds on the monotonic clock (clock.c). */
long long ui_clock_ms(void);
/* The same in microseconds. */
long long ui_clock_us(void);
/* The mode stack (mode.c): push and pop a mode, leave one (and what is
 * over it), the mode on top, whether m is in the stack; the list and line
 * of the mode on top (NULL if none); choose, close, changed: what the mode
 * on top does for list-choose/line-accept, list-close/line-cancel and an
 * edited line.  ui_mode_draw draws a frame and returns true if its screen
 * is the text view; ui_mode_key gives a key to the mode on top. */
void ui_mode_push(ui *u, enum ui_mode m);
void ui_mode_pop(ui *u);
void ui_mode_leave(ui *u, enum ui_mode m);
enum ui_mode ui_mode_top(const ui *u);
bool ui_mode_in(const ui *u, enum ui_mode m);
ui_list *ui_mode_list(ui *u);
ui_line *ui_mode_line(ui *u);
void ui_mode_choose(ui *u);
void ui_mode_close(ui *u);
void ui_mode_changed(ui *u);
bool ui_mode_draw(ui *u);
void ui_mode_key(ui *u, int key);
/* The first key bound to a (for the hints of a status line), in buf. */
const char *ui_mode_key_name(const ui *u, keymap_action a, char *buf, size_t n);
/* Draws the sidebar where what it shows changed. */
void ui_sidebar_draw(ui *u);
/* Puts the sidebar's window out for the next doupdate. */
void ui_sidebar_refresh(ui *u);
void ui_sidebar_free(ui *u);
/* How many of the sidebar's rows differ from the row shift below (above,
 * when shift < 0): the rows a scroll of the whole width would disturb. */
int ui_sidebar_moved_rows(const ui *u, int shift);
/* Puts into stdscr, under the sidebar's window, its rows moved by shift as
 * a scroll of the whole width would move them, for one doupdate; the
 * window goes back over them in the next. */
void ui_sidebar_scrolled_copy(ui *u, int shift);
/* The sidebar as a list with the focus: its headings, jumping to one,
 * leaving it. */
ui_list *ui_sidebar_list(ui *u);
/* The sidebar's width when [display] sidebar-width is 0: the longest title
 * or speaker's name the outline has, 16 columns to a third of the screen. */
int ui_sidebar_auto_width(ui *u);
/* The heading drawn on row y of the sidebar, or -1. */
long ui_sidebar_heading_at(const ui *u, int y);
/* The speaker drawn on row y of the legend, or -1. */
int ui_sidebar_speaker_at(const ui *u, int y);
void ui_sidebar_choose(ui *u);
void ui_sidebar_close(ui *u);
/* The bytes of s[0..n) that fill a row of cols columns: whole cells, and
 * when the row is full, up to just after its last space (CJK text breaks
 * anywhere); at least one byte while there are any. */
size_t ui_draw_fit(const char *s, size_t n, int cols, const layout_opts *o);
/* Draws s cut to maxw columns, ending in "…" if it had to be cut. */
int ui_draw_cut(WINDOW *w, int y, int x, const char *s, int maxw, attr_t attr, const layout_opts *o);
/* Sets up the speaker palette (none with NO_COLOR or a mono terminal). */
void ui_palette_init(ui *u);
/* Sets up colour pairs for speakers that appeared since the last call. */
void ui_palette_speakers(ui *u);
/* Attributes for speaker k: its label, and its swatch in the legend. */
attr_t ui_palette_speaker(const ui *u, int k);
/* The terminal attributes of a presented style (its colours where the
 * terminal has them, through alloc_pair; bold, italic, underline ...). */
attr_t ui_palette_style(ui *u, const pres_style *st);
attr_t ui_palette_swatch(const ui *u, int k);
/* The search: its prompt (the query as a line; accept, cancel, the query
 * changed), drawing the prompt and the match list, and the slices of work
 * between keys.  ui_find_work returns true while work remains. */
ui_line *ui_find_line(ui *u);
/* Makes [ms, me) the current match and shows it. */
void ui_find_set_match(ui *u, size_t ms, size_t me);
void ui_find_accept(ui *u);
void ui_find_cancel(ui *u);
void ui_find_changed(ui *u);
void ui_find_draw_prompt(ui *u);
bool ui_find_work(ui *u, size_t budget);
/* "/query [k/N]" for the status line while a search is set (k/>=N while
 * it is counted); false when there is none. */
bool ui_find_status(ui *u, char *buf, size_t n);
void ui_find_free(ui *u);
/* The match list (matches.c): drawing it, its entries as a list, making
 * the chosen one the current match, freeing it. */
void ui_matches_draw(ui *u);
ui_list *ui_matches_list(ui *u);
void ui_matches_choose(ui *u);
void ui_matches_free(ui *u);
/* Adds to out the spans of the matches in [a, b), in offsets from a. */
void ui_find_spans(ui *u, size_t a, size_t b, ui_spans *out);
/* Attributes of a match and of the current match. */
attr_t ui_find_match_attr(const ui *u, bool current);
/* The prompt: open it (text prefilled), draw it, its line, accept and
 * cancel. */
void ui_prompt_open(ui *u, const char *title, const char *text, ui_prompt_done done);
void ui_prompt_draw(ui *u);
ui_line *ui_prompt_line(ui *u);
void ui_prompt_accept(ui *u);
void ui_prompt_cancel(ui *u);
/* Marks: the letter after m or ', the bookmarks view (its list, jumping
 * to the entry, closing it), saving. */
void ui_marks_letter(ui *u, int key);
void ui_marks_draw(ui *u);
ui_list *ui_marks_list(ui *u);
void ui_marks_choose(ui *u);
void ui_marks_close(ui *u);
/* Saves the reading position (and anything pending); a problem goes into
 * u->msg, or into quit_err when it is not NULL (on the way out, to be
 * said after the screen is gone). */
void ui_marks_save(ui *u, char *quit_err, size_t errlen);
/* Makes sure the outline has been scanned past off (or to the end). */
void ui_structure_upto(ui *u, size_t off);
/* The help: drawing it, its lines as a list, closing it (Esc first
 * clears a filter); its filter: drawing the line typed, the line, giving
 * it up, the filter changed. */
void ui_help_draw(ui *u);
ui_list *ui_help_list(ui *u);
void ui_help_close(ui *u);
void ui_help_filter_draw(ui *u);
ui_line *ui_help_line(ui *u);
void ui_help_filter_cancel(ui *u);
void ui_help_filter_changed(ui *u);

/* Action handlers named in the action table. */
#define X(id, name, group, keys, help, fn) void fn(ui *u, long count);
FANYE_ACTIONS(X)
#undef X

#endif

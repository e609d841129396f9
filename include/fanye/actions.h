/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * actions: the one table of every action fanye can do, in every view.
 *
 * A key is looked up in the view that has the keys, then in that view's
 * parent: the bookmark list takes d, u and r, and the keys of every list
 * (j, k, Enter, q ...) from the list view; the search prompt takes its
 * history and toggles, and the line editing keys from the line view.
 *
 * V(ID, name, parent)
 *   ID       enum suffix (VIEW_ID)
 *   name     the view's name
 *   parent   the view whose keys it takes where it binds none (NONE: none)
 *
 * G(ID, title, view, jumps)
 *   ID       enum suffix (GROUP_ID)
 *   title    heading in the help overlay and the man page
 *   view     the view whose keys these are
 *   jumps    1: moving the text with one of these is a jump that '' undoes
 *
 * X(ID, name, group, default keys, help, handler)
 *   ID       enum suffix (ACT_ID)
 *   name     what users write in the [keys] section of the config
 *   group    GROUP_ID above, which gives its view
 *   keys     default key names, separated by spaces (see keymap.h)
 *   help     one line for the help overlay, --keys and the man page
 *   handler  the UI function that does it (src/ui/)
 *
 * The dispatcher, the help overlay, --keys, --print-config and the man
 * page's KEYS section are all generated from these tables.  Actions are
 * listed group by group.
 */
#ifndef FANYE_ACTIONS_H
#define FANYE_ACTIONS_H

/* Texts for translation are marked N_ (gettext's no-op): the help and the
 * group titles are shown through gettext (i18n.h). */
#ifndef N_
#define N_(s) s
#endif

#define FANYE_VIEWS(V) \
	V(PAGER,     "pager",     NONE) \
	V(LIST,      "list",      NONE) \
	V(SIDEBAR,   "sidebar",   LIST) \
	V(BOOKMARKS, "bookmarks", LIST) \
	V(HELP,      "help",      LIST) \
	V(LINE,      "line",      NONE) \
	V(SEARCH,    "search",    LINE)

#define FANYE_GROUPS(G) \
	G(MOVING,    N_("Moving"),    PAGER, 0) \
	G(JUMPING,   N_("Jumping"),   PAGER, 1) \
	G(STRUCTURE, N_("Structure"), PAGER, 1) \
	G(SEARCH,    N_("Search"),    PAGER, 1) \
	G(MARKS,     N_("Marks"),     PAGER, 0) \
	G(DISPLAY,   N_("Display"),   PAGER, 1) \
	G(OTHER,     N_("Other"),     PAGER, 1) \
	G(LIST,      N_("In a list (the sidebar, the match list, the bookmarks, the help)"), LIST, 0) \
	G(SIDEBAR,   N_("In the sidebar"), SIDEBAR, 0) \
	G(BOOKMARKS, N_("In the bookmark list"), BOOKMARKS, 0) \
	G(HELP,      N_("In the help"), HELP, 0) \
	G(LINE,      N_("Typing a line (the search, a label, a note, the help's filter)"), LINE, 0) \
	G(SEARCH_PROMPT, N_("In the search prompt"), SEARCH, 0)

/* E(ID): the actions a newcomer needs first, in the order the help's
 * first screen lists them ("Essentials"); each is also in its group. */
#define FANYE_ESSENTIALS(E) \
	E(QUIT) E(HELP) E(LINE_DOWN) E(PAGE_DOWN) E(PAGE_UP) E(SEARCH_FWD) E(SEARCH_NEXT) \
	E(NEXT_SECTION) E(FOCUS_SIDEBAR) E(BOOKMARK) E(BOOKMARKS)

#define FANYE_ACTIONS(X) \
	X(LINE_DOWN,  "line-down",  MOVING, "j Down Enter e C-n C-e", N_("Forward one row (N rows with a count)"), ui_act_line_down) \
	X(LINE_UP,    "line-up",    MOVING, "k Up C-p C-y",           N_("Back one row (N rows with a count)"), ui_act_line_up) \
	X(PAGE_DOWN,  "page-down",  MOVING, "Space f PageDown C-f C-v", N_("Forward one screen"), ui_act_page_down) \
	X(PAGE_UP,    "page-up",    MOVING, "b PageUp C-b M-v",       N_("Back one screen"), ui_act_page_up) \
	X(HALF_DOWN,  "half-down",  MOVING, "d C-d",                  N_("Forward half a screen (a count sets the amount)"), ui_act_half_down) \
	X(HALF_UP,    "half-up",    MOVING, "u C-u",                  N_("Back half a screen (a count sets the amount)"), ui_act_half_up) \
	X(SCROLL_RIGHT, "scroll-right", MOVING, "Right M-)",         N_("Cut lines (-S): scroll right"), ui_act_scroll_right) \
	X(SCROLL_LEFT, "scroll-left", MOVING, "Left M-(",            N_("Cut lines (-S): scroll left"), ui_act_scroll_left) \
	X(TOP,        "top",        JUMPING, "g Home <",              N_("Go to the start (line N with a count)"), ui_act_top) \
	X(BOTTOM,     "bottom",     JUMPING, "G End >",               N_("Go to the end (line N with a count)"), ui_act_bottom) \
	X(FOLLOW,     "follow",     JUMPING, "F",                     N_("Follow the end as the file grows (any key stops)"), ui_act_follow) \
	X(PERCENT,    "percent",    JUMPING, "p %",                   N_("Go to N percent of the document"), ui_act_percent) \
	X(NEXT_SECTION, "next-section", STRUCTURE, "]",            N_("Next section"), ui_act_next_section) \
	X(PREV_SECTION, "prev-section", STRUCTURE, "[",            N_("Start of this section, or the previous one"), ui_act_prev_section) \
	X(GOTO_SECTION, "goto-section", STRUCTURE, "c",            N_("Go to section N (a count; the first without one)"), ui_act_goto_section) \
	X(FOLLOW_LINK, "follow-link", STRUCTURE, "o",              N_("Follow a book's footnote or link on the screen (Nth with a count)"), ui_act_follow_link) \
	X(NEXT_TURN,  "next-turn",  STRUCTURE, "}",                N_("Next speaker turn"), ui_act_next_turn) \
	X(PREV_TURN,  "prev-turn",  STRUCTURE, "{",                N_("Previous speaker turn"), ui_act_prev_turn) \
	X(NEXT_SAME,  "next-same-speaker", STRUCTURE, "w",         N_("Next turn by the same speaker (who)"), ui_act_next_same) \
	X(PREV_SAME,  "prev-same-speaker", STRUCTURE, "W",         N_("Previous turn by the same speaker"), ui_act_prev_same) \
	X(ONLY_SPEAKER, "only-speaker", STRUCTURE, "@",            N_("Show only this speaker's turns and the headings (again: all)"), ui_act_only_speaker) \
	X(SEARCH_FWD, "search-forward", SEARCH, "/",               N_("Search forward, incrementally (Enter accepts, Esc returns)"), ui_act_search_forward) \
	X(SEARCH_BACK, "search-backward", SEARCH, "?",             N_("Search backward, incrementally"), ui_act_search_backward) \
	X(SEARCH_NEXT, "search-next", SEARCH, "n",                 N_("Next match (wraps around)"), ui_act_search_next) \
	X(SEARCH_PREV, "search-prev", SEARCH, "N",                 N_("Previous match (wraps around)"), ui_act_search_prev) \
	X(SEARCH_CLEAR, "search-clear", SEARCH, "Esc M-u",         N_("Clear the search: no highlights, no [k/N] (n brings it back)"), ui_act_search_clear) \
	X(FILTER,     "filter",     SEARCH, "&",                   N_("Only the paragraphs with a pattern, or &@Name's turns (empty: all)"), ui_act_filter) \
	X(MATCH_LIST, "match-list", SEARCH, "L M-l",               N_("List all matches with their sections; Enter jumps"), ui_act_match_list) \
	X(TOGGLE_REGEX, "toggle-regex", SEARCH, "C-r",             N_("Regular expression on or off"), ui_act_toggle_regex) \
	X(TOGGLE_CASE, "toggle-case", SEARCH, "M-c",               N_("Case: smart, exact or ignored"), ui_act_toggle_case) \
	X(TOGGLE_KANA, "toggle-kana", SEARCH, "M-k",               N_("Katakana matches hiragana, on or off"), ui_act_toggle_kana) \
	X(SET_MARK,   "set-mark",   MARKS, "m",                  N_("Mark the top of the screen with the letter typed next"), ui_act_set_mark) \
	X(GOTO_MARK,  "goto-mark",  MARKS, "'",                  N_("Go to the mark of the letter typed next ('' goes back)"), ui_act_goto_mark) \
	X(BOOKMARK,   "bookmark",   MARKS, "M",                  N_("Bookmark the passage at the top, with a label and a note"), ui_act_bookmark) \
	X(BOOKMARKS,  "bookmarks",  MARKS, "B",                  N_("List bookmarks and marks"), ui_act_bookmarks) \
	X(TOGGLE_SIDEBAR, "toggle-sidebar", DISPLAY, "t F2",       N_("Show or hide the section sidebar"), ui_act_toggle_sidebar) \
	X(FOCUS_SIDEBAR, "focus-sidebar", DISPLAY, "Tab",          N_("Move into the sidebar (its keys are a list's)"), ui_act_focus_sidebar) \
	X(TOGGLE_SOURCE, "toggle-source", DISPLAY, "Backslash",    N_("Show the source, or the text as its format means it"), ui_act_toggle_source) \
	X(SCRIPT,     "script",     DISPLAY, "C",                     N_("Chinese shown in the next script ([display] script), or as written"), ui_act_script) \
	X(HELP,       "help",       OTHER,   "h H F1",                N_("Show this help"), ui_act_help) \
	X(FILE_COMMAND, "file-command", OTHER, ":",                  N_("Files: :n next, :p previous, :x first, :e FILE, :d drop, :encoding NAME"), ui_act_file_command) \
	X(EDIT,       "edit",       OTHER,   "v",                     N_("Edit the file in $VISUAL or $EDITOR, then read it again"), ui_act_edit) \
	X(RELOAD,     "reload",     OTHER,   "R",                     N_("Read the file again"), ui_act_reload) \
	X(ENCODING,   "encoding",   OTHER,   "E",                     N_("Read the file again in another encoding (auto: detect)"), ui_act_encoding) \
	X(SHELL,      "shell",      OTHER,   "!",                     N_("Run a shell command"), ui_act_shell) \
	X(PIPE,       "pipe",       OTHER,   "|",                     N_("Pipe text to a shell command (from a mark, ^, $ or . this screen)"), ui_act_pipe) \
	X(SAVE,       "save",       OTHER,   "s",                     N_("Save the input to a file (piped input above all)"), ui_act_save) \
	X(COPY,       "copy",       OTHER,   "y",                     N_("Copy the paragraph or speaker turn at the top to the clipboard"), ui_act_copy) \
	X(FILE_INFO,  "file-info",  OTHER,   "= C-g",                 N_("Show the file name, line and position"), ui_act_file_info) \
	X(REDRAW,     "redraw",     OTHER,   "C-l r",                 N_("Redraw the screen"), ui_act_redraw) \
	X(QUIT,       "quit",       OTHER,   "q Q",                   N_("Quit"), ui_act_quit) \
	X(LIST_DOWN,  "list-down",  LIST, "j Down e C-n C-e",       N_("Next entry (in the help: the next line)"), ui_act_list_down) \
	X(LIST_UP,    "list-up",    LIST, "k Up y C-p C-y",         N_("Previous entry"), ui_act_list_up) \
	X(LIST_PAGE_DOWN, "list-page-down", LIST, "Space f PageDown C-f C-v d C-d", N_("Forward one screen of entries"), ui_act_list_page_down) \
	X(LIST_PAGE_UP, "list-page-up", LIST, "b PageUp C-b M-v u C-u", N_("Back one screen of entries"), ui_act_list_page_up) \
	X(LIST_FIRST, "list-first", LIST, "g Home <",               N_("The first entry"), ui_act_list_first) \
	X(LIST_LAST,  "list-last",  LIST, "G End >",                N_("The last entry"), ui_act_list_last) \
	X(LIST_CHOOSE, "list-choose", LIST, "Enter Right",          N_("Go to the entry's place in the text"), ui_act_list_choose) \
	X(LIST_CLOSE, "list-close", LIST, "q Esc Q",                N_("Close the list (so does the key that opened it)"), ui_act_list_close) \
	X(FOLD,       "fold",       SIDEBAR, "z",                N_("Fold or unfold the subsections of the entry"), ui_act_fold) \
	X(BOOKMARK_DELETE, "bookmark-delete", BOOKMARKS, "d Delete", N_("Delete the entry (until the list closes, u brings it back)"), ui_act_bookmark_delete) \
	X(BOOKMARK_UNDO, "bookmark-undo", BOOKMARKS, "u",          N_("Bring back the entry deleted last"), ui_act_bookmark_undo) \
	X(BOOKMARK_RENAME, "bookmark-rename", BOOKMARKS, "r",      N_("Rename the bookmark"), ui_act_bookmark_rename) \
	X(BOOKMARK_NOTE, "bookmark-note", BOOKMARKS, "e",          N_("Write or change the entry's note"), ui_act_bookmark_note) \
	X(BOOKMARK_COPY, "bookmark-copy", BOOKMARKS, "y",          N_("Copy the entry's passage, with its label and line"), ui_act_bookmark_copy) \
	X(BOOKMARK_DETAILS, "bookmark-details", BOOKMARKS, "i",    N_("Show the entry whole below the list: its place and all of its note"), ui_act_bookmark_details) \
	X(HELP_FILTER, "help-filter", HELP, "/",                   N_("Show only the keys whose name, keys or help hold what is typed"), ui_act_help_filter) \
	X(LINE_ACCEPT, "line-accept", LINE, "Enter",               N_("Done: use what was typed"), ui_act_line_accept) \
	X(LINE_CANCEL, "line-cancel", LINE, "Esc",                 N_("Give up (the search goes back where it started)"), ui_act_line_cancel) \
	X(LINE_BACKSPACE, "line-backspace", LINE, "Backspace",     N_("Delete the character before the cursor (on an empty search: give up)"), ui_act_line_backspace) \
	X(LINE_DELETE, "line-delete", LINE, "Delete C-d",          N_("Delete the character under the cursor"), ui_act_line_delete) \
	X(LINE_KILL,  "line-kill",  LINE, "C-u",                   N_("Delete the whole line"), ui_act_line_kill) \
	X(LINE_KILL_WORD, "line-kill-word", LINE, "C-w",           N_("Delete the word before the cursor"), ui_act_line_kill_word) \
	X(LINE_KILL_END, "line-kill-end", LINE, "C-k",             N_("Delete from the cursor to the end"), ui_act_line_kill_end) \
	X(LINE_LEFT,  "line-left",  LINE, "Left C-b",              N_("Cursor back one character"), ui_act_line_left) \
	X(LINE_RIGHT, "line-right", LINE, "Right C-f",             N_("Cursor forward one character"), ui_act_line_right) \
	X(LINE_START, "line-start", LINE, "Home C-a",              N_("Cursor to the start"), ui_act_line_start) \
	X(LINE_END,   "line-end",   LINE, "End C-e",               N_("Cursor to the end"), ui_act_line_end) \
	X(SEARCH_OLDER, "search-older", SEARCH_PROMPT, "Up C-p",   N_("The search before in the history"), ui_act_search_older) \
	X(SEARCH_NEWER, "search-newer", SEARCH_PROMPT, "Down C-n", N_("The search after in the history"), ui_act_search_newer) \
	X(SEARCH_REGEX, "search-regex", SEARCH_PROMPT, "C-r",      N_("Regular expression on or off"), ui_act_toggle_regex) \
	X(SEARCH_CASE, "search-case", SEARCH_PROMPT, "M-c",        N_("Case: smart, exact or ignored"), ui_act_toggle_case) \
	X(SEARCH_KANA, "search-kana", SEARCH_PROMPT, "M-k",        N_("Katakana matches hiragana, on or off"), ui_act_toggle_kana) \
	X(SEARCH_LIST, "search-list", SEARCH_PROMPT, "M-l",        N_("Accept the search and list its matches"), ui_act_search_list)

#endif

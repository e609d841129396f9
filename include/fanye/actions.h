/*
 * actions: the one table of every action fanye can do.
 *
 * X(ID, name, group, default keys, help, handler)
 *   ID       enum suffix (ACT_ID)
 *   name     what users write in the [keys] section of the config
 *   group    heading in the help overlay and the man page
 *   keys     default key names, separated by spaces (see keymap.h)
 *   help     one line for the help overlay, --keys and the man page
 *   handler  the UI function that does it (src/ui/)
 *
 * The dispatcher, the help overlay, --keys and the man page's KEYS section
 * are all generated from this table.
 */
#ifndef FANYE_ACTIONS_H
#define FANYE_ACTIONS_H

#define FANYE_ACTIONS(X) \
	X(LINE_DOWN,  "line-down",  "Moving", "j Down Enter e C-n C-e", "Forward one row (N rows with a count)", ui_act_line_down) \
	X(LINE_UP,    "line-up",    "Moving", "k Up y C-p C-y",         "Back one row (N rows with a count)", ui_act_line_up) \
	X(PAGE_DOWN,  "page-down",  "Moving", "Space f PageDown C-f C-v", "Forward one screen", ui_act_page_down) \
	X(PAGE_UP,    "page-up",    "Moving", "b PageUp C-b M-v",       "Back one screen", ui_act_page_up) \
	X(HALF_DOWN,  "half-down",  "Moving", "d C-d",                  "Forward half a screen (a count sets the amount)", ui_act_half_down) \
	X(HALF_UP,    "half-up",    "Moving", "u C-u",                  "Back half a screen (a count sets the amount)", ui_act_half_up) \
	X(TOP,        "top",        "Jumping", "g Home <",              "Go to the start (line N with a count)", ui_act_top) \
	X(BOTTOM,     "bottom",     "Jumping", "G End >",               "Go to the end (line N with a count)", ui_act_bottom) \
	X(FOLLOW,     "follow",     "Jumping", "F",                   "Follow the end as the file grows (any key stops)", ui_act_follow) \
	X(PERCENT,    "percent",    "Jumping", "p %",                   "Go to N percent of the document", ui_act_percent) \
	X(NEXT_SECTION, "next-section", "Structure", "]",            "Next section", ui_act_next_section) \
	X(PREV_SECTION, "prev-section", "Structure", "[",            "Start of this section, or the previous one", ui_act_prev_section) \
	X(GOTO_SECTION, "goto-section", "Structure", "c",            "Go to section N (a count; the first without one)", ui_act_goto_section) \
	X(NEXT_TURN,  "next-turn",  "Structure", "}",                "Next speaker turn", ui_act_next_turn) \
	X(PREV_TURN,  "prev-turn",  "Structure", "{",                "Previous speaker turn", ui_act_prev_turn) \
	X(NEXT_SAME,  "next-same-speaker", "Structure", "s",         "Next turn by the same speaker", ui_act_next_same) \
	X(PREV_SAME,  "prev-same-speaker", "Structure", "S",         "Previous turn by the same speaker", ui_act_prev_same) \
	X(SEARCH_FWD, "search-forward", "Search", "/",               "Search forward, incrementally (Enter accepts, Esc returns)", ui_act_search_forward) \
	X(SEARCH_BACK, "search-backward", "Search", "?",             "Search backward, incrementally", ui_act_search_backward) \
	X(SEARCH_NEXT, "search-next", "Search", "n",                 "Next match (wraps around)", ui_act_search_next) \
	X(SEARCH_PREV, "search-prev", "Search", "N",                 "Previous match (wraps around)", ui_act_search_prev) \
	X(MATCH_LIST, "match-list", "Search", "L M-l",               "List all matches with their sections; Enter jumps", ui_act_match_list) \
	X(TOGGLE_REGEX, "toggle-regex", "Search", "C-r",             "Regular expression on or off (also in the prompt)", ui_act_toggle_regex) \
	X(TOGGLE_CASE, "toggle-case", "Search", "M-c",               "Case: smart, exact or ignored (also in the prompt)", ui_act_toggle_case) \
	X(TOGGLE_KANA, "toggle-kana", "Search", "M-k",               "Katakana matches hiragana, on or off (also in the prompt)", ui_act_toggle_kana) \
	X(SET_MARK,   "set-mark",   "Marks", "m",                  "Mark the top of the screen with the letter typed next", ui_act_set_mark) \
	X(GOTO_MARK,  "goto-mark",  "Marks", "'",                  "Go to the mark of the letter typed next ('' goes back)", ui_act_goto_mark) \
	X(BOOKMARK,   "bookmark",   "Marks", "M",                  "Bookmark the passage at the top, with a label and a note", ui_act_bookmark) \
	X(BOOKMARKS,  "bookmarks",  "Marks", "B",                  "List bookmarks and marks: Enter jumps, d deletes, u undoes, r renames", ui_act_bookmarks) \
	X(TOGGLE_SIDEBAR, "toggle-sidebar", "Display", "t F2",       "Show or hide the section sidebar", ui_act_toggle_sidebar) \
	X(FOCUS_SIDEBAR, "focus-sidebar", "Display", "Tab",          "Move into the sidebar: j/k move, Enter jumps, Esc leaves", ui_act_focus_sidebar) \
	X(HELP,       "help",       "Other",   "h H F1",                "Show this help", ui_act_help) \
	X(FILE_INFO,  "file-info",  "Other",   "= C-g",                 "Show the file name, line and position", ui_act_file_info) \
	X(REDRAW,     "redraw",     "Other",   "C-l r",                 "Redraw the screen", ui_act_redraw) \
	X(QUIT,       "quit",       "Other",   "q Q",                   "Quit", ui_act_quit)

#endif

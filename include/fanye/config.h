/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config: the options table and the INI configuration file.
 *
 * FANYE_OPTIONS is the single source of every option: its section, name,
 * type, range or choices, default and help.  Reading and validating
 * config.ini, `fanye --print-config` and the man page's CONFIGURATION
 * section are all generated from it.  The file is read in one pass, a line
 * at a time (ini); a bad line is reported with its number and keeps the
 * rest of the file from failing.  Headless.
 */
#ifndef FANYE_CONFIG_H
#define FANYE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "fanye/keymap.h"

#ifndef N_
#define N_(s) s /* gettext's mark: the man page shows the help translated */
#endif

enum config_type { CONFIG_BOOL, CONFIG_INT, CONFIG_CHOICE, CONFIG_STRING, CONFIG_COLORS };

/* What a value of type t with range (the table's) must be, in words: for
 * the messages, --print-config and the man page (which src/mangen.c makes
 * from the table at build time). */
static inline const char *config_expect_of(enum config_type t, const char *range)
{
	switch (t) {
	case CONFIG_BOOL: return "yes or no";
	case CONFIG_COLORS: return "colour numbers from 0 to 255";
	default: return range[0] ? range : "text";
	}
}

/* X(ID, section, name, type, default, range, help)
 *   range: "lo..hi" for CONFIG_INT, "a|b|c" for CONFIG_CHOICE, what a
 *          CONFIG_STRING must be in words (or ""), else "". */
#define FANYE_OPTIONS(X) \
	X(SIDEBAR, "display", "sidebar", CONFIG_CHOICE, "auto", "auto|on|off", \
	  N_("Section sidebar: auto shows it when the document has sections or speakers, on always, off never (it needs 60 columns)")) \
	X(SIDEBAR_WIDTH, "display", "sidebar-width", CONFIG_INT, "0", "0..60", \
	  N_("Sidebar width in columns; 0 fits the longest title or speaker's name, 16 columns to a third of the screen")) \
	X(MAX_WIDTH, "display", "max-width", CONFIG_INT, "0", "0..1000", \
	  N_("Widest text in columns, centred on wider screens; 0 uses the whole width")) \
	X(AMBIGUOUS_WIDTH, "display", "ambiguous-width", CONFIG_INT, "1", "1..2", \
	  N_("Columns of East Asian Ambiguous characters such as the curly quotes")) \
	X(HANGING, "display", "hanging-punctuation", CONFIG_BOOL, "no", "", \
	  N_("Hanging punctuation (JLREQ): the text keeps its last column free, and a 。、，． that would start a row ends the row before, in it")) \
	X(PARA_SPACING, "display", "paragraph-spacing", CONFIG_INT, "0", "0..1", \
	  N_("An empty row after each paragraph (1), or none (0)")) \
	X(TAB_WIDTH, "display", "tab-width", CONFIG_INT, "8", "1..16", N_("Tab stops every N columns")) \
	X(LINE_NUMBERS, "display", "line-numbers", CONFIG_BOOL, "no", "", \
	  N_("Each line's number in a gutter before its first row")) \
	X(WRAP, "display", "wrap", CONFIG_BOOL, "yes", "", \
	  N_("Wrap long lines (yes), or cut them at the edge and scroll sideways with Left and Right (no)")) \
	X(SHIFT, "display", "shift", CONFIG_INT, "0", "0..1000", \
	  N_("Columns Left and Right scroll when lines are cut; 0 is half the screen")) \
	X(JUMP_TARGET, "display", "jump-target", CONFIG_INT, "1", "-1000..1000", \
	  N_("The screen row a search match or a jump lands on: 1 is the top, -1 the bottom")) \
	X(MOUSE, "display", "mouse", CONFIG_CHOICE, "wheel", "wheel|on|off", \
	  N_("The mouse: wheel has the terminal turn the wheel into arrow keys and keeps its selection, on reports the mouse to fanye (a click in a list chooses), off leaves it alone")) \
	X(RUBY, "display", "ruby", CONFIG_CHOICE, "inline", "inline|hide|above", \
	  N_("Ruby readings in Aozora Bunko texts: inline shows them dim in parentheses after their base, hide leaves the base alone, above puts them in a row over their bases (search finds them either way)")) \
	X(SCRIPT, "display", "script", CONFIG_CHOICE, "as-is", "as-is|simplified|traditional|taiwan|hongkong|taiwan-phrases|mainland-phrases", \
	  N_("Chinese shown in another script by OpenCC: t2s, s2t, s2tw, s2hk, and with Taiwan's or the mainland's words (s2twp, tw2sp); bookmarks, search and line numbers stay")) \
	X(STATUS, "display", "status", CONFIG_CHOICE, "reverse", "reverse|bold|plain", \
	  N_("The status line: a bar in reverse video, bold text, or plain text (the fewest bytes over a slow link)")) \
	X(CLIPBOARD, "display", "clipboard", CONFIG_CHOICE, "osc52", "osc52|off", \
	  N_("y copies to the clipboard with OSC 52 (through SSH and tmux with set-clipboard on), or is off")) \
	X(COLOR, "display", "color", CONFIG_CHOICE, "auto", "auto|never", \
	  N_("Colours: auto uses them where the terminal has them and NO_COLOR is unset")) \
	X(PALETTE, "display", "palette", CONFIG_COLORS, "32 166 28 163 30 160 98 100 131 27 64 133 29 94 62 161", "", \
	  N_("Speaker colours in order of first appearance (256-colour terminals): colour numbers 0-255; the default 16 read on dark and light backgrounds alike (0-15 would follow the terminal's theme); speakers past the list repeat it in bold, then underlined")) \
	X(HIGHLIGHT, "display", "highlight", CONFIG_COLORS, "226", "", \
	  N_("Background colour of the current search match (a 256-colour number)")) \
	X(ENCODING, "input", "encoding", CONFIG_STRING, "auto", \
	  "auto or an encoding name such as GB18030, BIG5, SHIFT_JIS, UTF-16LE", \
	  N_("The input's encoding: auto detects it (a BOM, UTF-8, then GB18030, Big5, Shift_JIS, EUC-JP), or a name such as GB18030")) \
	X(FORMAT, "input", "format", CONFIG_CHOICE, "auto", "auto|plain|markdown|aozora|ansi|html|subtitles", \
	  N_("How the document is written: auto tells Markdown, Aozora Bunko and coloured or overstruck pager input from the start of the text (and the file's name), and EPUB, HTML and subtitles by their files; plain shows the text as it is")) \
	X(HEADING_RE, "structure", "heading", CONFIG_STRING, "", "a regular expression (PCRE2)", \
	  N_("Extra heading lines: a regular expression (PCRE2: \\d is a digit) that a heading line matches")) \
	X(SPEAKER_RE, "structure", "speaker", CONFIG_STRING, "", "a regular expression (PCRE2)", \
	  N_("Extra speaker labels: a regular expression (PCRE2) whose first group is the name")) \
	X(SEARCH_CASE, "search", "case", CONFIG_CHOICE, "smart", "smart|sensitive|insensitive", \
	  N_("Case in searches: smart ignores it unless the query has a capital letter")) \
	X(SEARCH_WIDTH, "search", "width-fold", CONFIG_BOOL, "yes", "", \
	  N_("Full-width, half-width and compatibility forms match each other (ＡＳＩ finds ASI)")) \
	X(SEARCH_KANA, "search", "kana-fold", CONFIG_BOOL, "no", "", N_("Katakana matches hiragana")) \
	X(SEARCH_SCRIPT, "search", "script-fold", CONFIG_CHOICE, "auto", "auto|on|off", \
	  N_("Traditional and simplified Chinese match each other (OpenCC); auto: not in Japanese text")) \
	X(SEARCH_REGEX, "search", "regex", CONFIG_BOOL, "no", "", \
	  N_("Searches are regular expressions (PCRE2) rather than literal text")) \
	X(RESUME, "state", "resume", CONFIG_BOOL, "yes", "", \
	  N_("Reopen a document where it was left (its position is kept; bookmarks are kept either way)")) \
	X(HISTORY, "state", "history", CONFIG_BOOL, "yes", "", N_("Keep the history of searches"))

typedef enum config_opt {
#define X(id, sec, name, type, def, range, help) CONFIG_##id,
	FANYE_OPTIONS(X)
#undef X
	CONFIG_COUNT
} config_opt;

#define CONFIG_MAX_COLORS 16
#define CONFIG_MAX_SPEAKERS 64

/* A speaker named in [speakers]: a colour, or an alias of another name. */
typedef struct config_speaker {
	char *name;     /* as written (option names are lowercased) */
	int color;      /* 0-255, or -1 */
	char *alias_of; /* or NULL */
} config_speaker;

typedef struct config {
	union {
		long i;
		bool b;
		int choice;
		char *s;
		struct {
			int n;
			short c[CONFIG_MAX_COLORS];
		} colors;
	} v[CONFIG_COUNT];
	config_speaker speakers[CONFIG_MAX_SPEAKERS];
	int nspeakers;
	keymap *km;       /* defaults, then the [keys] section */
	char **errors;    /* "FILE:LINE: message", at most CONFIG_MAX_ERRORS */
	size_t nerrors;
	size_t nmore;     /* problems past those, counted only */
} config;

#define CONFIG_MAX_ERRORS 20

/* The defaults (and the default keymap). */
config *config_new(void);
void config_free(config *c);
/* Reads a config file over the current values.  Problems are collected in
 * c->errors (with the file and line); the options they concern keep their
 * values.  Returns the number of problems; a missing file counts only when
 * `must_exist`. */
size_t config_load(config *c, const char *path, bool must_exist);
/* The default path: $XDG_CONFIG_HOME/fanye/config.ini or
 * ~/.config/fanye/config.ini.  False if neither variable is usable. */
bool config_default_path(char *buf, size_t n);

long config_int(const config *c, config_opt o);
bool config_bool(const config *c, config_opt o);
/* The index of the value among the option's choices. */
int config_choice(const config *c, config_opt o);
const char *config_string(const config *c, config_opt o);

/* Sets option o from text as the file would; false (nothing changed) if
 * the text is not a valid value for it. */
bool config_set(config *c, config_opt o, const char *s);
/* What a valid value of o looks like ("1..16", "auto|on|off", ...), and
 * its default, for messages and help. */
const char *config_expect(config_opt o);
const char *config_default(config_opt o);

/* `fanye --print-config`: a complete, commented config with the defaults. */
void config_print(const config *c, FILE *f);

#endif

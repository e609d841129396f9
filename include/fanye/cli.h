/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli: the command line.  FANYE_CLI is the single source of every
 * command-line option: its long name, its argument, the configuration
 * option it sets (whose range, choices and default then come from the
 * options table in config.h) and its help.  getopt_long's table, `--help`
 * and the man page's OPTIONS section are generated from it.  Headless.
 */
#ifndef FANYE_CLI_H
#define FANYE_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "fanye/config.h"

#ifndef N_
#define N_(s) s /* gettext's mark: the help is shown translated */
#endif

/* The widest --render (a wider one is refused with the range). */
#define CLI_RENDER_MAX 100000

/* No configuration option behind a command-line one. */
#define CLI_NONE (-1)

/* X(ID, name, short, ARG, config option or CLI_NONE, value it gives the
 * config option when it takes no argument, help)
 *   short: the one-letter option less has for the same thing (also read
 *          from the LESS variable), or 0.
 *   ARG: the argument's name for the help ("W", "FILE"), or NULL for none.
 *   A help of NULL keeps the option out of --help and the man page (the
 *   options the build uses to make the man page).
 * Options with a short letter, and --mouse, --no-init and the other long
 * names less has, are those the LESS variable may set. */
#define FANYE_CLI(X) \
	X(RENDER, "render", 0, "W", CLI_NONE, NULL, \
	  N_("print the rows the pager shows at width W, then exit")) \
	X(OUTLINE, "outline", 0, NULL, CLI_NONE, NULL, \
	  N_("print the headings (LINE H<level> TITLE) and speaker turns (LINE S NAME), tab-separated, then exit")) \
	X(KEYS, "keys", 0, NULL, CLI_NONE, NULL, \
	  N_("print the key bindings (action, keys, help, tab-separated), then exit")) \
	X(BOOKMARKS, "bookmarks", 0, NULL, CLI_NONE, NULL, \
	  N_("print the document's bookmarks and marks (LINE, letter or label, section, snippet, note; tab-separated), then exit")) \
	X(NO_RESUME, "no-resume", 0, NULL, CONFIG_RESUME, "no", \
	  N_("start at the top, not where reading stopped last time, and keep no reading position")) \
	X(NO_HISTORY, "no-history", 0, NULL, CONFIG_HISTORY, "no", N_("keep no search history")) \
	X(PRINT_CONFIG, "print-config", 0, NULL, CLI_NONE, NULL, \
	  N_("print a complete default configuration, then exit")) \
	X(CONFIG, "config", 0, "FILE", CLI_NONE, NULL, \
	  N_("read FILE instead of ~/.config/fanye/config.ini")) \
	X(NO_CONFIG, "no-config", 0, NULL, CLI_NONE, NULL, N_("read no configuration file")) \
	X(STRICT, "strict", 0, NULL, CLI_NONE, NULL, \
	  N_("exit with status 2 on any problem in the configuration")) \
	X(ENCODING, "encoding", 0, "NAME", CONFIG_ENCODING, NULL, N_("the input's encoding")) \
	X(FORMAT, "format", 0, "NAME", CONFIG_FORMAT, NULL, \
	  N_("how the input is written (auto, plain, markdown, aozora, ansi, html, subtitles)")) \
	X(RENDER_COLOR, "render-color", 0, NULL, CLI_NONE, NULL, \
	  N_("with --render, write the styles (bold, colours) as SGR sequences")) \
	X(FORCE, "force", 'f', NULL, CLI_NONE, NULL, N_("open a file that looks binary without asking")) \
	X(FOLLOW_NAME, "follow-name", 0, NULL, CLI_NONE, NULL, \
	  N_("in follow mode (F), reopen FILE when it is replaced")) \
	X(NO_SIDEBAR, "no-sidebar", 0, NULL, CONFIG_SIDEBAR, "off", N_("start with the section sidebar hidden")) \
	X(AMBIG, "ambiguous-width", 0, "N", CONFIG_AMBIGUOUS_WIDTH, NULL, \
	  N_("columns of East Asian Ambiguous characters")) \
	X(TAB, "tab-width", 'x', "N", CONFIG_TAB_WIDTH, NULL, N_("tab stops every N columns")) \
	X(LINE_NUMBERS, "LINE-NUMBERS", 'N', NULL, CONFIG_LINE_NUMBERS, "yes", \
	  N_("show each line's number before its first row")) \
	X(CHOP, "chop-long-lines", 'S', NULL, CONFIG_WRAP, "no", \
	  N_("cut long lines at the edge rather than wrap them; Left and Right scroll sideways")) \
	X(SHIFT, "shift", '#', "N", CONFIG_SHIFT, NULL, N_("columns Left and Right scroll when lines are cut")) \
	X(JUMP_TARGET, "jump-target", 'j', "N", CONFIG_JUMP_TARGET, NULL, \
	  N_("the screen row a search match or a jump lands on (negative: from the bottom)")) \
	X(ICASE, "ignore-case", 'i', NULL, CONFIG_SEARCH_CASE, "smart", \
	  N_("searches ignore case unless the query has a capital letter")) \
	X(ICASE_ALL, "IGNORE-CASE", 'I', NULL, CONFIG_SEARCH_CASE, "insensitive", N_("searches always ignore case")) \
	X(QUIT_ONE, "quit-if-one-screen", 'F', NULL, CLI_NONE, NULL, \
	  N_("when the whole input fits on one screen, print it and exit")) \
	X(NO_INIT, "no-init", 'X', NULL, CLI_NONE, NULL, \
	  N_("leave the last screen in the terminal after quitting")) \
	X(RAW_SGR, "RAW-CONTROL-CHARS", 'R', NULL, CLI_NONE, NULL, \
	  N_("accepted for less: colour in the input is shown anyway, other controls stay inert")) \
	X(RAW, "raw-control-chars", 'r', NULL, CLI_NONE, NULL, N_("the same as -R")) \
	X(MOUSE, "mouse", 0, NULL, CONFIG_MOUSE, "on", \
	  N_("report the mouse: the wheel scrolls, a click in a list chooses (the terminal's own selection needs Shift)")) \
	X(SECURE, "secure", 0, NULL, CLI_NONE, NULL, N_("refuse the commands that run programs or write files (as LESSSECURE=1)")) \
	X(HELP, "help", 0, NULL, CLI_NONE, NULL, N_("display this help and exit")) \
	X(VERSION, "version", 'V', NULL, CLI_NONE, NULL, N_("output version information and exit"))

typedef enum cli_opt {
#define X(id, name, sh, arg, cfg, value, help) CLI_##id,
	FANYE_CLI(X)
#undef X
	CLI_COUNT
} cli_opt;

/* The most files and initial commands on one command line. */
#define CLI_MAX_FILES 4096
#define CLI_MAX_CMDS 16

/* What the command line said: each option given (the last value wins), the
 * files (none: standard input), and the initial commands (+G, +42,
 * +/pattern), less's way. */
typedef struct cli_args {
	bool given[CLI_COUNT];
	const char *value[CLI_COUNT];
	const char *paths[CLI_MAX_FILES];
	int npaths;
	const char *cmds[CLI_MAX_CMDS];
	int ncmds;
	bool from_env[CLI_COUNT]; /* set by LESS: a bad value is passed over */
	char *env_buf[2];  /* the copies of LESS and FANYE the values point into */
	char *env_vals[CLI_COUNT]; /* values cut out of LESS */
	int nenv_vals;
} cli_args;

/* Reads the LESS variable (the options it sets that fanye has; the others
 * are passed over in silence), then FANYE (fanye's own options, each a
 * message when wrong), then argv, into a.  Returns 0, or 1 after a
 * one-line message on stderr (an unknown option, a missing argument). */
int cli_parse(int argc, char **argv, cli_args *a);
void cli_free(cli_args *a);
/* The initial commands as keys to type: +G is G, +42 is 42g, +/pat is
 * /pat and Enter.  Written into buf (NUL-terminated); false when they do
 * not fit. */
bool cli_initial_keys(const cli_args *a, char *buf, size_t n);
/* Sets the configuration options that options given on the command line
 * stand for (over the file's values).  Returns 0, or 1 after a one-line
 * message naming the option when a value is not valid for it. */
int cli_apply(const cli_args *a, config *c);
/* `fanye --help`. */
void cli_usage(FILE *f);

#endif

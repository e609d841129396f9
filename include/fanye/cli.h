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

/* The widest --render; its help says it through CLI_STR. */
#define CLI_RENDER_MAX 100000
#define CLI_STR_(x) #x
#define CLI_STR(x) CLI_STR_(x)

/* No configuration option behind a command-line one. */
#define CLI_NONE (-1)

/* X(ID, name, ARG, config option or CLI_NONE, value it gives the config
 * option when it takes no argument, help)
 *   ARG: the argument's name for the help ("W", "FILE"), or NULL for none.
 *   A help of NULL keeps the option out of --help and the man page (the
 *   options the build uses to make the man page). */
#define FANYE_CLI(X) \
	X(RENDER, "render", "W", CLI_NONE, NULL, \
	  "print the rows the pager shows at width W (1 to " CLI_STR(CLI_RENDER_MAX) "), then exit") \
	X(OUTLINE, "outline", NULL, CLI_NONE, NULL, \
	  "print the headings (LINE H<level> TITLE) and speaker turns (LINE S NAME), tab-separated, then exit") \
	X(KEYS, "keys", NULL, CLI_NONE, NULL, \
	  "print the key bindings (action, keys, help, tab-separated), then exit") \
	X(BOOKMARKS, "bookmarks", NULL, CLI_NONE, NULL, \
	  "print the document's bookmarks and marks (LINE, letter or label, section, snippet), then exit") \
	X(NO_RESUME, "no-resume", NULL, CONFIG_RESUME, "no", \
	  "start at the top, not where reading stopped last time") \
	X(PRINT_CONFIG, "print-config", NULL, CLI_NONE, NULL, \
	  "print a complete default configuration, then exit") \
	X(CONFIG, "config", "FILE", CLI_NONE, NULL, \
	  "read FILE instead of ~/.config/fanye/config.ini") \
	X(NO_CONFIG, "no-config", NULL, CLI_NONE, NULL, "read no configuration file") \
	X(STRICT, "strict", NULL, CLI_NONE, NULL, \
	  "exit with status 2 on any problem in the configuration") \
	X(ENCODING, "encoding", "NAME", CONFIG_ENCODING, NULL, "the input's encoding") \
	X(FORMAT, "format", "NAME", CONFIG_FORMAT, NULL, \
	  "how the input is written (auto, plain, markdown, aozora, ansi)") \
	X(RENDER_COLOR, "render-color", NULL, CLI_NONE, NULL, \
	  "with --render, write the styles (bold, colours) as SGR sequences") \
	X(FORCE, "force", NULL, CLI_NONE, NULL, "open a file that looks binary without asking") \
	X(FOLLOW_NAME, "follow-name", NULL, CLI_NONE, NULL, \
	  "in follow mode (F), reopen FILE when it is replaced") \
	X(NO_SIDEBAR, "no-sidebar", NULL, CONFIG_SIDEBAR, "off", "start with the section sidebar hidden") \
	X(AMBIG, "ambiguous-width", "N", CONFIG_AMBIGUOUS_WIDTH, NULL, \
	  "columns of East Asian Ambiguous characters") \
	X(TAB, "tab-width", "N", CONFIG_TAB_WIDTH, NULL, "tab stops every N columns") \
	X(MAN_KEYS, "man-keys", NULL, CLI_NONE, NULL, NULL) \
	X(MAN_CONFIG, "man-config", NULL, CLI_NONE, NULL, NULL) \
	X(MAN_OPTIONS, "man-options", NULL, CLI_NONE, NULL, NULL) \
	X(HELP, "help", NULL, CLI_NONE, NULL, "display this help and exit") \
	X(VERSION, "version", NULL, CLI_NONE, NULL, "output version information and exit")

typedef enum cli_opt {
#define X(id, name, arg, cfg, value, help) CLI_##id,
	FANYE_CLI(X)
#undef X
	CLI_COUNT
} cli_opt;

/* What the command line said: each option given (the last value wins), and
 * the file (NULL: none, standard input). */
typedef struct cli_args {
	bool given[CLI_COUNT];
	const char *value[CLI_COUNT];
	const char *path;
} cli_args;

/* Reads argv into a.  Returns 0, or 1 after a one-line message on stderr
 * (an unknown option, a missing argument, more than one file). */
int cli_parse(int argc, char **argv, cli_args *a);
/* Sets the configuration options that options given on the command line
 * stand for (over the file's values).  Returns 0, or 1 after a one-line
 * message naming the option when a value is not valid for it. */
int cli_apply(const cli_args *a, config *c);
/* `fanye --help`. */
void cli_usage(FILE *f);
/* The man page's OPTIONS section (troff). */
void cli_print_man(FILE *f);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli: the command line, from the one table FANYE_CLI (cli.h): getopt_long's
 * options (long, and the one-letter ones less has), the LESS and FANYE
 * variables, less's +commands and several files, the configuration options
 * they set, --help and the man page's OPTIONS section.
 */
#include "build.h"

#include "fanye/cli.h"
#include "fanye/i18n.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cli_info {
	const char *name;
	char sh;
	const char *arg;
	int cfg;
	const char *value, *help;
} cli_info;

static const cli_info infos[CLI_COUNT] = {
#define X(id, name, sh, arg, cfg, value, help) [CLI_##id] = {name, sh, arg, cfg, value, help},
	FANYE_CLI(X)
#undef X
};

/* Whether LESS may set option i: those with less's letter, and less's
 * long names. */
static bool less_knows(int i)
{
	return infos[i].sh || i == CLI_MOUSE || i == CLI_NO_INIT || i == CLI_QUIT_ONE;
}

static int by_name(const char *name, size_t n)
{
	for (int i = 0; i < CLI_COUNT; i++)
		if (strlen(infos[i].name) == n && strncmp(infos[i].name, name, n) == 0)
			return i;
	return -1;
}

static int by_letter(char c)
{
	for (int i = 0; i < CLI_COUNT; i++)
		if (infos[i].sh == c)
			return i;
	return -1;
}

/* less's one-letter options that take a number (the digits that follow),
 * and those that take a string (to a '$' or the end of the variable):
 * their values are passed over even where fanye has no such option. */
static const char less_number[] = "bhjkxyz#";
static const char less_string[] = "DoOpPtT";

/* Reads one variable's options.  LESS is read as less reads it: letters
 * with or without a dash, a number right after the letters that take one,
 * a string to a '$' after the others, --name[=value] words; what fanye does
 * not have is passed over in silence, and so is a value fanye cannot take
 * (cli_apply).  FANYE holds fanye's own options, words split at blanks,
 * each a message when wrong. */
static int parse_env(cli_args *a, const char *var, int slot, bool strict)
{
	const char *v = getenv(var);
	if (!v || !*v)
		return 0;
	char *buf = strdup(v);
	if (!buf)
		return 0;
	a->env_buf[slot] = buf;
	char *p = buf;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (p[0] == '-' && p[1] == '-') {
			/* a long option: to the next blank */
			char *w = p + 2, *end = w + strcspn(w, " \t");
			char *eq = memchr(w, '=', (size_t)(end - w));
			int i = by_name(w, eq ? (size_t)(eq - w) : (size_t)(end - w));
			bool ok = i >= 0 && (strict || less_knows(i)) && (!infos[i].arg) == (!eq);
			if (*end)
				*end++ = 0;
			if (!ok && strict) {
				fprintf(stderr, "fanye: %s: '%s' is not an option fanye has\n", var, p);
				return 1;
			}
			if (ok) {
				a->given[i] = true;
				a->value[i] = eq ? eq + 1 : NULL;
				a->from_env[i] = !strict;
			}
			p = end;
			continue;
		}
		if (*p == '+') {
			/* a +command: for less's own files */
			p += strcspn(p, " \t");
			continue;
		}
		if (*p == '-')
			p++;
		for (; *p && *p != ' ' && *p != '\t'; ) {
			char c = *p++;
			int i = by_letter(c);
			if (strict && i < 0) {
				fprintf(stderr, "fanye: %s: '-%c' is not an option fanye has\n", var, c);
				return 1;
			}
			bool number = strchr(less_number, c) != NULL, string = strchr(less_string, c) != NULL;
			char *val = p;
			if (strict && i >= 0 && infos[i].arg) {
				p += strcspn(p, " \t");
			} else if (number) {
				if (*p == '-')
					p++;
				p += strspn(p, "0123456789.,");
			} else if (string) {
				p += strcspn(p, "$");
			}
			char *end = p;
			if (string && *p == '$')
				p++;
			if (i < 0)
				continue; /* less's own: passed over */
			if (infos[i].arg && end == val)
				continue; /* no value */
			a->given[i] = true;
			a->from_env[i] = !strict;
			if (infos[i].arg) {
				/* the value ends where the letter's value ends */
				size_t n = (size_t)(end - val);
				char *copy = a->nenv_vals < CLI_COUNT ? malloc(n + 1) : NULL;
				if (copy) {
					memcpy(copy, val, n);
					copy[n] = 0;
					a->env_vals[a->nenv_vals++] = copy;
				}
				a->value[i] = copy;
				if (!copy)
					a->given[i] = false;
			}
			if (string)
				break;
		}
	}
	return 0;
}

int cli_parse(int argc, char **argv, cli_args *a)
{
	memset(a, 0, sizeof *a);
	if (parse_env(a, "LESS", 0, false) || parse_env(a, "FANYE", 1, true))
		return 1;
	struct option longopts[CLI_COUNT + 1];
	char shorts[3 * CLI_COUNT + 2];
	size_t ns = 0;
	shorts[ns++] = ':'; /* a missing argument is told apart */
	for (int i = 0; i < CLI_COUNT; i++) {
		longopts[i] = (struct option){infos[i].name, infos[i].arg ? required_argument : no_argument,
		                              NULL, 256 + i};
		if (infos[i].sh) {
			shorts[ns++] = infos[i].sh;
			if (infos[i].arg)
				shorts[ns++] = ':';
		}
	}
	shorts[ns] = 0;
	longopts[CLI_COUNT] = (struct option){NULL, 0, NULL, 0};
	/* less's +commands are not options: taken out before getopt sees
	 * them (after "--", a word starting with + is a file). */
	char **args = malloc(((size_t)argc + 1) * sizeof *args);
	if (!args)
		return 1;
	int n = 0;
	bool dashdash = false;
	for (int i = 0; i < argc; i++) {
		if (i > 0 && !dashdash && argv[i][0] == '+' && argv[i][1]) {
			if (a->ncmds < CLI_MAX_CMDS)
				a->cmds[a->ncmds++] = argv[i] + 1;
			continue;
		}
		if (strcmp(argv[i], "--") == 0)
			dashdash = true;
		args[n++] = argv[i];
	}
	args[n] = NULL;
	opterr = 0;
	optind = 1;
	int c, rc = 0;
	while ((c = getopt_long(n, args, shorts, longopts, NULL)) != -1) {
		int i = c >= 256 ? c - 256 : by_letter((char)c);
		if (c == '?' || c == ':' || i < 0 || i >= CLI_COUNT) {
			char bad[64];
			if (optopt >= 256 && optopt < 256 + CLI_COUNT)
				snprintf(bad, sizeof bad, "--%s", infos[optopt - 256].name);
			else if (optopt > 0 && optopt < 256)
				snprintf(bad, sizeof bad, "-%c", optopt);
			else
				snprintf(bad, sizeof bad, "%s", args[optind - 1]);
			fprintf(stderr, "fanye: %s '%s'\nTry 'fanye --help' for more information.\n",
			        c == ':' ? "an argument is missing for" : "unknown option", bad);
			rc = 1;
			break;
		}
		a->given[i] = true;
		a->value[i] = optarg;
		a->from_env[i] = false;
	}
	for (int i = optind; rc == 0 && i < n; i++) {
		if (a->npaths == CLI_MAX_FILES) {
			fprintf(stderr, "fanye: more than %d files\n", CLI_MAX_FILES);
			rc = 1;
			break;
		}
		a->paths[a->npaths++] = args[i];
	}
	free(args);
	return rc;
}

void cli_free(cli_args *a)
{
	free(a->env_buf[0]);
	free(a->env_buf[1]);
	a->env_buf[0] = a->env_buf[1] = NULL;
	for (int i = 0; i < a->nenv_vals; i++)
		free(a->env_vals[i]);
	a->nenv_vals = 0;
}

bool cli_initial_keys(const cli_args *a, char *buf, size_t n)
{
	size_t k = 0;
	buf[0] = 0;
	for (int i = 0; i < a->ncmds; i++) {
		const char *c = a->cmds[i];
		char one[512];
		size_t d = strspn(c, "0123456789");
		if (d && !c[d])
			snprintf(one, sizeof one, "%sg", c);      /* +42: line 42 */
		else if (c[0] == '/' || c[0] == '?')
			snprintf(one, sizeof one, "%s\r", c);     /* +/pattern: a search */
		else if (c[0] == ':')
			snprintf(one, sizeof one, "%s\r", c + 1); /* +:cmd, as if typed */
		else
			snprintf(one, sizeof one, "%s", c);       /* +G and the like: keys */
		size_t l = strlen(one);
		if (k + l + 1 > n)
			return false;
		memcpy(buf + k, one, l + 1);
		k += l;
	}
	return true;
}

int cli_apply(const cli_args *a, config *c)
{
	for (int i = 0; i < CLI_COUNT; i++) {
		const cli_info *in = &infos[i];
		if (!a->given[i] || in->cfg == CLI_NONE)
			continue;
		const char *v = in->arg ? a->value[i] : in->value;
		if (!config_set(c, (config_opt)in->cfg, v)) {
			if (a->from_env[i])
				continue; /* a value from LESS that fanye cannot take: passed over */
			fprintf(stderr, "fanye: --%s: '%s' is not %s\n", in->name, v,
			        config_expect((config_opt)in->cfg));
			return 1;
		}
	}
	return 0;
}

/* The note after an option's help that the configuration's table gives:
 * what its argument may be and its default. */
static void range_note(const cli_info *in, char *buf, size_t n)
{
	buf[0] = 0;
	if (in->cfg == CLI_NONE || !in->arg)
		return;
	const char *def = config_default((config_opt)in->cfg);
	snprintf(buf, n, " (%s%s%s)", config_expect((config_opt)in->cfg), *def ? "; default " : "",
	         def);
}

void cli_usage(FILE *f)
{
	fputs(_("Usage: fanye [OPTION]... [+COMMAND]... [FILE]...\n"
	        "Read long documents (Chinese, Japanese, English) in the terminal.\n"
	        "With no FILE, or when FILE is -, read standard input.\n\n"),
	      f);
	for (int i = 0; i < CLI_COUNT; i++) {
		const cli_info *in = &infos[i];
		if (!in->help)
			continue;
		char left[64], note[200], sh[8] = "    ";
		if (in->sh)
			snprintf(sh, sizeof sh, "-%c, ", in->sh);
		snprintf(left, sizeof left, "%s--%s%s%s", sh, in->name, in->arg ? "=" : "", in->arg ? in->arg : "");
		range_note(in, note, sizeof note);
		fprintf(f, "  %-26s %s%s\n", left, _(in->help), note);
	}
	fputs(_("\n  +G, +NUMBER, +/PATTERN  start at the end, at line NUMBER, at PATTERN's first\n"
	        "                          match (less's initial commands; any keys after +)\n"
	        "\nThe LESS variable's options that fanye has are read first (the others are\n"
	        "passed over), then the FANYE variable's, then the command line.\n"
	        "When standard output is not a terminal, the input is copied to it.\n"
	        "Exit status: 0 if OK, 1 for a usage or file error, 2 for a configuration or\n"
	        "terminal error.  Inside the pager, h shows the keys; q quits.\n"),
	      f);
}


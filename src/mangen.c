/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mangen: a program for the build machine that writes, from the tables
 * alone (actions.h, config.h, cli.h), what the build makes of them: the
 * man page's OPTIONS, KEYS and CONFIGURATION sections, and the bash and
 * zsh completions.  It links nothing of fanye, so a cross build runs it
 * where it builds (CC_FOR_BUILD), never the target's binary.
 *
 *   mangen options|keys|config|bash|zsh
 */
#include <stdio.h>
#include <string.h>

#include "fanye/cli.h"
#include "fanye/config.h"

/* ---- the tables ---------------------------------------------------------- */

typedef struct group {
	const char *title;
} group;

static const group groups[] = {
#define G(id, title, view, jumps) {title},
	FANYE_GROUPS(G)
#undef G
};
enum {
#define G(id, title, view, jumps) G_##id,
	FANYE_GROUPS(G)
#undef G
};

typedef struct action {
	const char *name;
	int group;
	const char *keys, *help;
} action;

static const action actions[] = {
#define X(id, name, group, keys, help, handler) {name, G_##group, keys, help},
	FANYE_ACTIONS(X)
#undef X
};

typedef struct option {
	const char *sec, *name;
	enum config_type type;
	const char *def, *range, *help;
} option;

static const option options[] = {
#define X(id, sec, name, type, def, range, help) {sec, name, type, def, range, help},
	FANYE_OPTIONS(X)
#undef X
};

typedef struct cli {
	const char *name;
	char sh;
	const char *arg;
	int cfg;
	const char *help;
} cli;

static const cli clis[] = {
#define X(id, name, sh, arg, cfg, value, help) {name, sh, arg, cfg, help},
	FANYE_CLI(X)
#undef X
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* ---- roff -------------------------------------------------------------- */

/* Writes s as roff text: backslashes and hyphens escaped, a leading dot or
 * quote made harmless. */
static void esc(const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", stdout);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else
			putchar(*s);
	}
}

/* Writes s with its first letter capitalised and a full stop after it. */
static void sentence(const char *s, const char *note)
{
	char text[600];
	snprintf(text, sizeof text, "%s%s.", s, note);
	if (text[0] >= 'a' && text[0] <= 'z')
		text[0] = (char)(text[0] - 'a' + 'A');
	esc(text);
	putchar('\n');
}

/* The range and default of the option a command-line option sets (" (0..60;
 * default 0)"), or "". */
static void range_note(const cli *c, char *buf, size_t n)
{
	buf[0] = 0;
	if (c->cfg == CLI_NONE || !c->arg)
		return;
	const option *o = &options[c->cfg];
	snprintf(buf, n, " (%s%s%s)", config_expect_of(o->type, o->range), *o->def ? "; default " : "", o->def);
}

static void man_options(void)
{
	for (size_t i = 0; i < COUNT(clis); i++) {
		const cli *c = &clis[i];
		if (!c->help)
			continue;
		char sh[2] = {c->sh, 0};
		fputs(".TP\n", stdout);
		if (c->arg) {
			/* .BI alternates bold and italic: -x " N" ", --tab-width=" N */
			fputs(".BI ", stdout);
			if (c->sh) {
				fputs("\\-", stdout);
				esc(sh);
				fputs(" \" ", stdout);
				esc(c->arg);
				fputs("\" \", \\-\\-", stdout);
			} else {
				fputs("\"\\-\\-", stdout);
			}
			esc(c->name);
			fputs("=\" ", stdout);
			esc(c->arg);
		} else {
			fputs(".B \"", stdout);
			if (c->sh) {
				fputs("\\-", stdout);
				esc(sh);
				fputs(", ", stdout);
			}
			fputs("\\-\\-", stdout);
			esc(c->name);
			fputs("\"", stdout);
		}
		putchar('\n');
		char note[300];
		range_note(c, note, sizeof note);
		sentence(c->help, note);
	}
}

static void man_keys(void)
{
	int g = -1;
	for (size_t a = 0; a < COUNT(actions); a++) {
		if (actions[a].group != g) {
			g = actions[a].group;
			fputs(".SS ", stdout);
			esc(groups[g].title);
			putchar('\n');
		}
		fputs(".TP\n.B ", stdout);
		esc(actions[a].keys[0] ? actions[a].keys : "(none)");
		putchar('\n');
		esc(actions[a].help);
		fputs(" (", stdout);
		esc(actions[a].name);
		fputs(")\n", stdout);
	}
}

static void man_config(void)
{
	const char *done[32];
	size_t nd = 0;
	for (size_t i = 0; i < COUNT(options); i++) {
		const char *sec = options[i].sec;
		bool seen = false;
		for (size_t k = 0; k < nd; k++)
			seen |= strcmp(done[k], sec) == 0;
		if (seen || nd == COUNT(done))
			continue;
		done[nd++] = sec;
		printf(".SS [%s]\n", sec);
		for (size_t o = i; o < COUNT(options); o++) {
			const option *p = &options[o];
			if (strcmp(p->sec, sec) != 0)
				continue;
			fputs(".TP\n.B ", stdout);
			esc(p->name);
			fputs(" = ", stdout);
			esc(p->def[0] ? p->def : "(empty)");
			putchar('\n');
			esc(p->help);
			if (p->type == CONFIG_INT || p->type == CONFIG_CHOICE) {
				/* a long list of choices may break after each | */
				char r[512];
				snprintf(r, sizeof r, "%s", config_expect_of(p->type, p->range));
				fputs(" (", stdout);
				for (char *c = r, *bar; c; c = bar ? bar + 1 : NULL) {
					if ((bar = strchr(c, '|')))
						*bar = 0;
					esc(c);
					if (bar)
						fputs("|\\:", stdout);
				}
				fputs(")", stdout);
			}
			fputs(".\n", stdout);
		}
	}
	fputs(".SS [keys]\nEach line is \\fIaction\\fR = \\fIkeys\\fR, with the action names "
	      "and default keys of the KEYS section; \\fBnone\\fR unbinds.\n"
	      ".SS [speakers]\nEach line is \\fIname\\fR = \\fIcolour\\fR (0\\-255), or "
	      "\\fIname\\fR = @\\fIother name\\fR to merge an alias into a speaker.\n",
	      stdout);
}

/* ---- completion ---------------------------------------------------------- */

/* The values an option's argument takes, space-separated, for the
 * completions ("" when it is free: a file, a number). */
static const char *values(const cli *c, char *buf, size_t n)
{
	buf[0] = 0;
	if (c->cfg == CLI_NONE)
		return buf;
	const option *o = &options[c->cfg];
	if (o->type == CONFIG_CHOICE) {
		snprintf(buf, n, "%s", o->range);
		for (char *p = buf; *p; p++)
			if (*p == '|')
				*p = ' ';
	} else if (c->cfg == CONFIG_ENCODING) {
		/* a few of what iconv knows; any other name is taken too */
		snprintf(buf, n, "auto UTF-8 GB18030 GBK BIG5 BIG5-HKSCS SHIFT_JIS EUC-JP ISO-2022-JP EUC-KR "
		                 "UTF-16LE UTF-16BE UTF-32LE UTF-32BE WINDOWS-1252 ISO-8859-1 KOI8-R WINDOWS-1251");
	}
	return buf;
}

static void bash(void)
{
	/* The word is taken from the line itself: bash splits --encoding=GB
	 * at the =, and readline replaces only what follows it. */
	fputs("# bash completion for fanye (made by mangen from fanye's options table)\n"
	      "_fanye()\n{\n"
	      "\tlocal line=${COMP_LINE:0:COMP_POINT}\n"
	      "\tlocal cur=${line##*[[:space:]]}\n"
	      "\tCOMPREPLY=()\n"
	      "\tcase $cur in\n",
	      stdout);
	for (size_t i = 0; i < COUNT(clis); i++) {
		const cli *c = &clis[i];
		char v[512];
		if (!c->help || !c->arg)
			continue;
		values(c, v, sizeof v);
		printf("\t--%s=*)\n", c->name);
		if (v[0])
			printf("\t\tCOMPREPLY=($(compgen -P '--%s=' -W '%s' -- \"${cur#--%s=}\")) ;;\n", c->name, v, c->name);
		else if (strcmp(c->arg, "FILE") == 0)
			printf("\t\tCOMPREPLY=($(compgen -P '--%s=' -f -- \"${cur#--%s=}\")) ;;\n", c->name, c->name);
		else
			fputs("\t\t;;\n", stdout);
	}
	fputs("\t-*)\n\t\tCOMPREPLY=($(compgen -W '", stdout);
	const char *sep = "";
	for (size_t i = 0; i < COUNT(clis); i++) {
		const cli *c = &clis[i];
		if (!c->help)
			continue;
		printf("%s--%s%s", sep, c->name, c->arg ? "=" : "");
		sep = " ";
		if (c->sh)
			printf(" -%c", c->sh);
	}
	fputs("' -- \"$cur\"))\n"
	      "\t\t[[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null ;;\n"
	      "\t*)\n"
	      "\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
	      "\t\tcompopt -o filenames 2>/dev/null ;;\n"
	      "\tesac\n"
	      "\tif [[ $cur == *=* && $COMP_WORDBREAKS == *=* ]]; then\n"
	      "\t\tlocal pre=${cur%\"${cur##*=}\"}\n"
	      "\t\tCOMPREPLY=(\"${COMPREPLY[@]#\"$pre\"}\")\n"
	      "\tfi\n"
	      "}\n"
	      "complete -F _fanye fanye\n",
	      stdout);
}

/* Writes s for a zsh _arguments description in single quotes: no quote,
 * no colon, no bracket. */
static void zsh_text(const char *s)
{
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", stdout);
		else if (*s == ':' || *s == '[' || *s == ']')
			putchar(*s == ':' ? ',' : *s == '[' ? '(' : ')');
		else
			putchar(*s);
	}
}

static void zsh(void)
{
	fputs("#compdef fanye\n# zsh completion for fanye (made by mangen from fanye's options table)\n"
	      "_arguments -s \\\n",
	      stdout);
	for (size_t i = 0; i < COUNT(clis); i++) {
		const cli *c = &clis[i];
		char v[512];
		if (!c->help)
			continue;
		values(c, v, sizeof v);
		const char *act = v[0] ? NULL : c->arg && strcmp(c->arg, "FILE") == 0 ? "_files" : " ";
		for (int form = 0; form < (c->sh ? 2 : 1); form++) {
			if (form)
				printf("\t'-%c", c->sh);
			else
				printf("\t'--%s%s", c->name, c->arg ? "=" : "");
			putchar('[');
			zsh_text(c->help);
			putchar(']');
			if (c->arg) {
				putchar(':');
				zsh_text(c->arg);
				putchar(':');
				if (v[0])
					printf("(%s)", v);
				else
					fputs(act, stdout);
			}
			fputs("' \\\n", stdout);
		}
	}
	fputs("\t'*:file:_files'\n", stdout);
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	if (strcmp(what, "options") == 0)
		man_options();
	else if (strcmp(what, "keys") == 0)
		man_keys();
	else if (strcmp(what, "config") == 0)
		man_config();
	else if (strcmp(what, "bash") == 0)
		bash();
	else if (strcmp(what, "zsh") == 0)
		zsh();
	else {
		fputs("usage: mangen options|keys|config|bash|zsh\n", stderr);
		return 2;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

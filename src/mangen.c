/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mangen: a program for the build machine that writes, from the tables
 * alone (actions.h, config.h, cli.h), what the build makes of them: the
 * man page's OPTIONS, KEYS and CONFIGURATION sections, and the bash and
 * zsh completions.  It links nothing of fanye, so a cross build runs it
 * where it builds (CC_FOR_BUILD), never the target's binary.
 *
 *   mangen options|keys|config|bash|zsh|cjk-breaks
 *
 * With MANGEN_LOCALEDIR set (a directory of LANG/LC_MESSAGES/fanye.mo,
 * made from po/), the texts of the man page's sections are taken from the
 * catalogue of the language LANGUAGE names: the translated man pages.
 */
#include <libintl.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
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

static bool translating;

/* s in the catalogue's language, when one is bound. */
static const char *T(const char *s)
{
	return translating && *s ? dgettext("fanye", s) : s;
}

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

/* Writes s with its first letter capitalised and a full stop after it (none
 * after a translation that ends in a wide character: it has its own). */
static void sentence(const char *s, const char *note)
{
	char text[600];
	const char *end = *note ? note : s;
	size_t n = strlen(end);
	bool stop = !n || (unsigned char)end[n - 1] < 0x80;
	snprintf(text, sizeof text, "%s%s%s", s, note, stop ? "." : "");
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
	snprintf(buf, n, " (%s%s%s)", config_expect_of(o->type, o->range), *o->def ? T("; default ") : "", o->def);
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
		sentence(T(c->help), note);
	}
}

static void man_keys(void)
{
	int g = -1;
	for (size_t a = 0; a < COUNT(actions); a++) {
		if (actions[a].group != g) {
			g = actions[a].group;
			fputs(".SS ", stdout);
			esc(T(groups[g].title));
			putchar('\n');
		}
		fputs(".TP\n.B ", stdout);
		esc(actions[a].keys[0] ? actions[a].keys : "(none)");
		putchar('\n');
		esc(T(actions[a].help));
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
			esc(p->def[0] ? p->def : T("(empty)"));
			putchar('\n');
			esc(T(p->help));
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
	/* TRANSLATORS: roff: \\fI..\\fR italic, \\fB..\\fR bold, \\- a minus */
	fputs(T(".SS [keys]\nEach line is \\fIaction\\fR = \\fIkeys\\fR, with the action names "
	        "and default keys of the KEYS section; \\fBnone\\fR unbinds.\n"),
	      stdout);
	/* TRANSLATORS: roff, as above */
	fputs(T(".SS [speakers]\nEach line is \\fIname\\fR = \\fIcolour\\fR (0\\-255), or "
	        "\\fIname\\fR = @\\fIother name\\fR to merge an alias into a speaker.\n"),
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

/* ---- Chinese and Japanese for groff ---------------------------------------- */

/* True if c closes: a row may end after it, never start with it. */
static bool closing(unsigned long c)
{
	return c == 0x3001 || c == 0x3002 || c == 0xFF0C || c == 0xFF0E || c == 0xFF1A || c == 0xFF1B ||
	       c == 0xFF01 || c == 0xFF1F || c == 0xFF09 || c == 0x300D || c == 0x300F || c == 0x3011 ||
	       c == 0x3009 || c == 0x300B || c == 0x30FC || c == 0x30FB;
}

/* True if c is an ideograph or a kana. */
static bool wide_letter(unsigned long c)
{
	return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x3041 && c <= 0x30FA);
}

/* The code point at p (its length into *len; 1 for a stray byte). */
static unsigned long decode(const unsigned char *p, int *len)
{
	int n = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
	unsigned long c = n == 1 ? *p : *p & (0x3F >> (n - 1));
	int k = 1;
	for (; k < n && (p[k] & 0xC0) == 0x80; k++)
		c = c << 6 | (p[k] & 0x3F);
	*len = k;
	return k == n ? c : 0xFFFD;
}

/* Copies a page from stdin to stdout with \\: (a place groff may break a
 * row) after each ideograph, kana or closing mark that no closing mark
 * follows: groff breaks rows only at spaces, and Chinese and Japanese
 * have none.  The .TH line and comments are left alone. */
static int cjk_breaks(void)
{
	char line[8192];
	while (fgets(line, sizeof line, stdin)) {
		if (strncmp(line, ".TH ", 4) == 0 || strncmp(line, ".\\\"", 3) == 0) {
			fputs(line, stdout);
			continue;
		}
		for (const unsigned char *p = (const unsigned char *)line; *p;) {
			int k, kn;
			unsigned long c = decode(p, &k);
			fwrite(p, 1, (size_t)k, stdout);
			p += k;
			unsigned long next = *p ? decode(p, &kn) : 0;
			if ((wide_letter(c) || closing(c)) && !closing(next) && next != '\n')
				fputs("\\:", stdout);
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	const char *dir = getenv("MANGEN_LOCALEDIR");
	if (dir && *dir) {
		setlocale(LC_ALL, "");
		bindtextdomain("fanye", dir);
		bind_textdomain_codeset("fanye", "UTF-8");
		translating = true;
	}
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
	else if (strcmp(what, "cjk-breaks") == 0)
		cjk_breaks();
	else {
		fputs("usage: mangen options|keys|config|bash|zsh|cjk-breaks\n", stderr);
		return 2;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

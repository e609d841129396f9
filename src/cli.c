/*
 * cli: the command line, from the one table FANYE_CLI (cli.h): getopt_long's
 * options, their reading, the configuration options they set, --help and
 * the man page's OPTIONS section.
 */
#include "build.h"

#include "fanye/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

typedef struct cli_info {
	const char *name, *arg;
	int cfg;
	const char *value, *help;
} cli_info;

static const cli_info infos[CLI_COUNT] = {
#define X(id, name, arg, cfg, value, help) [CLI_##id] = {name, arg, cfg, value, help},
	FANYE_CLI(X)
#undef X
};

int cli_parse(int argc, char **argv, cli_args *a)
{
	struct option longopts[CLI_COUNT + 1];
	for (int i = 0; i < CLI_COUNT; i++)
		longopts[i] = (struct option){infos[i].name, infos[i].arg ? required_argument : no_argument,
		                              NULL, 256 + i};
	longopts[CLI_COUNT] = (struct option){NULL, 0, NULL, 0};
	memset(a, 0, sizeof *a);
	opterr = 1; /* getopt says what is wrong, in its one line */
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c < 256 || c >= 256 + CLI_COUNT) {
			fprintf(stderr, "Try 'fanye --help' for more information.\n");
			return 1;
		}
		a->given[c - 256] = true;
		a->value[c - 256] = optarg;
	}
	if (argc - optind > 1) {
		fprintf(stderr, "fanye: only one file at a time\nTry 'fanye --help' for more information.\n");
		return 1;
	}
	a->path = optind < argc ? argv[optind] : NULL;
	return 0;
}

int cli_apply(const cli_args *a, config *c)
{
	for (int i = 0; i < CLI_COUNT; i++) {
		const cli_info *in = &infos[i];
		if (!a->given[i] || in->cfg == CLI_NONE)
			continue;
		const char *v = in->arg ? a->value[i] : in->value;
		if (!config_set(c, (config_opt)in->cfg, v)) {
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
	fputs("Usage: fanye [OPTION]... [FILE]\n"
	      "Read a long document (Chinese, Japanese, English) in the terminal.\n"
	      "With no FILE, or when FILE is -, read standard input.\n\n",
	      f);
	for (int i = 0; i < CLI_COUNT; i++) {
		const cli_info *in = &infos[i];
		if (!in->help)
			continue;
		char left[64], note[200];
		snprintf(left, sizeof left, "--%s%s%s", in->name, in->arg ? "=" : "", in->arg ? in->arg : "");
		range_note(in, note, sizeof note);
		fprintf(f, "  %-22s %s%s\n", left, in->help, note);
	}
	fputs("\nWhen standard output is not a terminal, the input is copied to it.\n"
	      "Exit status: 0 if OK, 1 for a usage or file error, 2 for a configuration or\n"
	      "terminal error.  Inside the pager, h shows the keys; q quits.\n",
	      f);
}

void cli_print_man(FILE *f)
{
	for (int i = 0; i < CLI_COUNT; i++) {
		const cli_info *in = &infos[i];
		if (!in->help)
			continue;
		fputs(".TP\n", f);
		if (in->arg) {
			fputs(".BI \\-\\-", f);
			keymap_man_escape(f, in->name);
			fputs("= ", f);
			keymap_man_escape(f, in->arg);
		} else {
			fputs(".B \\-\\-", f);
			keymap_man_escape(f, in->name);
		}
		fputc('\n', f);
		char note[200];
		range_note(in, note, sizeof note);
		char text[400];
		snprintf(text, sizeof text, "%s%s.", in->help, note);
		text[0] = (char)(text[0] >= 'a' && text[0] <= 'z' ? text[0] - 'a' + 'A' : text[0]);
		keymap_man_escape(f, text);
		fputc('\n', f);
	}
}

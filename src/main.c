/*
 * main: command-line options, the non-interactive modes (--render, --keys,
 * copying to a pipe) and the start of the pager.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

#include "fanye/doc.h"
#include "fanye/keymap.h"
#include "fanye/layout.h"
#include "fanye/outline.h"
#include "fanye/ui.h"

enum { OPT_RENDER = 256, OPT_OUTLINE, OPT_NO_SIDEBAR, OPT_KEYS, OPT_MAN_KEYS, OPT_AMBIG, OPT_TAB, OPT_HELP, OPT_VERSION };

static const struct option longopts[] = {
	{"render", required_argument, NULL, OPT_RENDER},
	{"outline", no_argument, NULL, OPT_OUTLINE},
	{"no-sidebar", no_argument, NULL, OPT_NO_SIDEBAR},
	{"keys", no_argument, NULL, OPT_KEYS},
	{"man-keys", no_argument, NULL, OPT_MAN_KEYS},
	{"ambiguous-width", required_argument, NULL, OPT_AMBIG},
	{"tab-width", required_argument, NULL, OPT_TAB},
	{"help", no_argument, NULL, OPT_HELP},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

static void usage(FILE *f)
{
	fputs("Usage: fanye [OPTION]... [FILE]\n"
	      "Read a long document (Chinese, Japanese, English) in the terminal.\n"
	      "With no FILE, or when FILE is -, read standard input.\n"
	      "\n"
	      "  --render=W             print the rows the pager shows at width W, then exit\n"
	      "  --outline              print the headings and speaker turns, then exit\n"
	      "  --keys                 print the key bindings (action, keys, help), then exit\n"
	      "  --ambiguous-width=N    East Asian Ambiguous characters take N (1 or 2) columns\n"
	      "  --no-sidebar           start with the section sidebar hidden\n"
	      "  --tab-width=N          tab stops every N columns (default 8)\n"
	      "      --help             display this help and exit\n"
	      "      --version          output version information and exit\n"
	      "\n"
	      "When standard output is not a terminal, the input is copied to it.\n"
	      "Exit status: 0 if OK, 1 for a usage or file error, 2 for a terminal error.\n"
	      "Inside the pager, h shows the keys; q quits.\n", f);
}

/* Parses a whole decimal number in [lo, hi]; returns -1 if it is not one. */
static long parse_num(const char *s, long lo, long hi)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	return v;
}

/* Makes LC_CTYPE a UTF-8 locale (widths come from wcwidth). */
static int setup_locale(void)
{
	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return 0;
	if (setlocale(LC_CTYPE, "C.UTF-8") && strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return 0;
	return -1;
}

/* Copies the input to stdout unchanged, as less does into a pipe. */
static int copy_out(const char *path)
{
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "fanye: %s: %s\n", path, strerror(errno));
		return 1;
	}
	char buf[1 << 16];
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, "fanye: %s: %s\n", path, strerror(errno));
			return 1;
		}
		if (r == 0)
			break;
		for (ssize_t w = 0; w < r;) {
			ssize_t k = write(STDOUT_FILENO, buf + w, (size_t)(r - w));
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0)
				return errno == EPIPE ? 0 : 1;
			w += k;
		}
	}
	if (fd != STDIN_FILENO)
		close(fd);
	return 0;
}

static int render(doc *d, const layout_opts *o)
{
	layout *L = layout_new(d, o);
	if (!L) {
		fprintf(stderr, "fanye: out of memory\n");
		return 1;
	}
	layout_row r = layout_first(L);
	for (;;) {
		size_t n;
		char *t = layout_row_text(L, &r, &n);
		if (!t) {
			fprintf(stderr, "fanye: out of memory\n");
			layout_free(L);
			return 1;
		}
		fwrite(t, 1, n, stdout);
		fputc('\n', stdout);
		free(t);
		if (!layout_next(L, &r, &r))
			break;
	}
	layout_free(L);
	return fflush(stdout) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	long render_width = 0;
	bool keys = false, man_keys = false, want_outline = false, sidebar = true;
	layout_opts lo = {.width = 80, .ambiguous_wide = false, .tab_width = 8};
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_RENDER:
			render_width = parse_num(optarg, 1, 100000);
			if (render_width < 0) {
				fprintf(stderr, "fanye: --render: '%s' is not a width from 1 to 100000\n", optarg);
				return 1;
			}
			break;
		case OPT_OUTLINE: want_outline = true; break;
		case OPT_NO_SIDEBAR: sidebar = false; break;
		case OPT_KEYS: keys = true; break;
		case OPT_MAN_KEYS: man_keys = true; break;
		case OPT_AMBIG: {
			long v = parse_num(optarg, 1, 2);
			if (v < 0) {
				fprintf(stderr, "fanye: --ambiguous-width: '%s' is not 1 or 2\n", optarg);
				return 1;
			}
			lo.ambiguous_wide = v == 2;
			break;
		}
		case OPT_TAB: {
			long v = parse_num(optarg, 1, 16);
			if (v < 0) {
				fprintf(stderr, "fanye: --tab-width: '%s' is not a number from 1 to 16\n", optarg);
				return 1;
			}
			lo.tab_width = (int)v;
			break;
		}
		case OPT_HELP: usage(stdout); return 0;
		case OPT_VERSION:
			printf("fanye %s\n"
			       "This is free software: you are free to change and redistribute it.\n"
			       "There is NO WARRANTY, to the extent permitted by law.\n", PACKAGE_VERSION);
			return 0;
		default:
			fprintf(stderr, "Try 'fanye --help' for more information.\n");
			return 1;
		}
	}
	if (argc - optind > 1) {
		fprintf(stderr, "fanye: only one file at a time\nTry 'fanye --help' for more information.\n");
		return 1;
	}
	const char *path = optind < argc ? argv[optind] : "-";

	if (keys || man_keys) {
		keymap *km = keymap_new();
		if (!km) {
			fprintf(stderr, "fanye: out of memory\n");
			return 1;
		}
		if (keys)
			keymap_print(km, stdout);
		else
			keymap_print_man(km, stdout);
		keymap_free(km);
		return 0;
	}
	if (setup_locale() < 0) {
		fprintf(stderr, "fanye: no UTF-8 locale is available (tried the environment and C.UTF-8)\n");
		return 2;
	}
	bool mode = render_width || want_outline;
	if (!mode && !isatty(STDOUT_FILENO))
		return copy_out(path);
	if (!mode && strcmp(path, "-") == 0 && isatty(STDIN_FILENO)) {
		fprintf(stderr, "fanye: no file given and standard input is a terminal\n"
		                "Try 'fanye --help' for more information.\n");
		return 1;
	}

	char err[512];
	doc *d = doc_open(path, err, sizeof err);
	if (!d) {
		fprintf(stderr, "fanye: %s\n", err);
		return 1;
	}
	int rc;
	if (want_outline) {
		outline *o = outline_new(d);
		if (o) {
			outline_step(o, 0);
			outline_print(o, stdout);
			outline_free(o);
		}
		rc = o && fflush(stdout) == 0 ? 0 : 1;
	} else if (render_width) {
		lo.width = (int)render_width;
		rc = render(d, &lo);
	} else {
		keymap *km = keymap_new();
		ui_opts uo = {.layout = lo, .no_color = getenv("NO_COLOR") && *getenv("NO_COLOR"),
		              .sidebar = sidebar,
		              .search = {SEARCH_SMART, true, false, false}};
		rc = km ? ui_run(d, km, &uo) : 1;
		keymap_free(km);
	}
	doc_close(d);
	return rc;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main: command-line options, the configuration, the non-interactive modes
 * (--render, --outline, --keys, --print-config, copying to a pipe) and the
 * start of the pager.
 */
#include "build.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <iconv.h>
#include <langinfo.h>
#include <locale.h>
#include <malloc.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fanye/cli.h"
#include "fanye/config.h"
#include "fanye/doc.h"
#include "fanye/i18n.h"
#include "fanye/keymap.h"
#include "fanye/layout.h"
#include "fanye/marks.h"
#include "fanye/outline.h"
#include "fanye/pres.h"
#include "fanye/ui.h"

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

/* Makes LC_CTYPE a UTF-8 locale (widths come from wcwidth), or keeps the
 * user's when its codeset is one of the CJK ones (GB18030, GBK, Big5,
 * EUC-JP, Shift_JIS): the terminal is then in that encoding, and ncursesw
 * writes the text in it (characters it cannot hold have no width there,
 * and are shown as placeholders).  Only LC_CTYPE: numbers in the config
 * are read the same everywhere, messages are English, and loading one
 * category is quicker than loading all. */
static int setup_locale(void)
{
	setlocale(LC_CTYPE, "");
	const char *cs = nl_langinfo(CODESET);
	if (strcmp(cs, "UTF-8") == 0)
		return 0;
	static const char *const cjk[] = {"GB18030", "GBK", "BIG5", "BIG5-HKSCS", "EUC-JP", "SHIFT_JIS", "EUC-KR"};
	for (size_t k = 0; k < sizeof cjk / sizeof *cjk; k++)
		if (strcmp(cs, cjk[k]) == 0)
			return 0;
	if (setlocale(LC_CTYPE, "C.UTF-8") && strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return 0;
	return -1;
}

/* Writes UTF-8 text s[0..n) to stdout in the locale's encoding: as it is
 * in a UTF-8 locale; in a CJK one (see setup_locale) converted, with "?"
 * for what the encoding cannot hold, as the pager shows it there. */
static void out_text(const char *s, size_t n)
{
	static iconv_t cd;
	static int state; /* 0: not looked at, 1: UTF-8, 2: converting */
	if (!state) {
		const char *cs = nl_langinfo(CODESET);
		state = strcmp(cs, "UTF-8") == 0 ? 1 : 2;
		if (state == 2 && (cd = iconv_open(cs, "UTF-8")) == (iconv_t)-1)
			state = 1;
	}
	if (state == 1) {
		fwrite(s, 1, n, stdout);
		return;
	}
	char buf[4096];
	char *in = (char *)s;
	while (n) {
		char *out = buf;
		size_t room = sizeof buf;
		size_t r = iconv(cd, &in, &n, &out, &room);
		fwrite(buf, 1, (size_t)(out - buf), stdout);
		if (r == (size_t)-1 && errno != E2BIG) {
			/* a character the encoding has not, or a bad byte */
			fputc('?', stdout);
			size_t k = 1;
			while (k < n && ((unsigned char)in[k] & 0xC0) == 0x80)
				k++;
			in += k;
			n -= k;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
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

/* The format the configuration asks for, or the one detected. */
static enum pres_format format_of(const config *cfg, const doc *d, const char *path)
{
	int f = config_choice(cfg, CONFIG_FORMAT) - 1;
	return f >= 0 ? (enum pres_format)f : pres_detect(d, path);
}

/* `fanye --render`: every row as presented; *shrank when the file shrank
 * under it. */
static int render(doc *d, const layout_opts *o, const pres_opts *po, bool sgr, bool *shrank)
{
	layout *L = layout_new(d, o);
	pres *P = pres_new(d, po);
	if (!L || !P) {
		fprintf(stderr, "fanye: out of memory\n");
		layout_free(L);
		pres_free(P);
		return 1;
	}
	layout_use_pres(L, P);
	layout_row r = layout_first(L);
	for (;;) {
		size_t n;
		char *t = layout_row_text_sgr(L, &r, &n, sgr);
		if (!t) {
			fprintf(stderr, "fanye: out of memory\n");
			layout_free(L);
			return 1;
		}
		out_text(t, n);
		fputc('\n', stdout);
		free(t);
		/* A file that shrank reads as zeros from here on: stop (main
		 * says so). */
		if ((*shrank = doc_bus_fault()) || !layout_next(L, &r, &r))
			break;
	}
	layout_free(L);
	pres_free(P);
	return fflush(stdout) == 0 ? 0 : 1;
}

/* Writes s as printable text through the layout's cell iterator, the one
 * sanitiser: controls, C1 and bidirectional controls become tokens such as
 * ^[ and <U+202E>, bad bytes <E4>, tabs spaces (so the tabs between fields
 * stay the only ones). */
static void put_clean(const char *s, size_t n)
{
	layout_opts lo = {1 << 20, false, 1, 0, false, false};
	layout_iter it;
	if (!layout_iter_init(&it, s, n, 0, &lo))
		return;
	layout_cell c;
	while (layout_iter_next(&it, &c))
		out_text(c.text, c.text_len);
	layout_iter_free(&it);
}

/* A field that may hold anything: backslash, tab, newline and carriage
 * return escaped (\\, \t, \n, \r), the rest printable. */
static void put_escaped(const char *s)
{
	size_t a = 0, i = 0;
	for (;; i++) {
		char c = s[i];
		if (c && c != '\\' && c != '\t' && c != '\n' && c != '\r')
			continue;
		put_clean(s + a, i - a);
		if (!c)
			break;
		fputs(c == '\\' ? "\\\\" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r", stdout);
		a = i + 1;
	}
}

/* `fanye --bookmarks`: LINE<TAB>letter or label<TAB>SECTION<TAB>SNIPPET
 * <TAB>NOTE (escaped; empty when there is none). */
static int print_bookmarks(doc *d, const char *path, const outline_opts *oo)
{
	marks_store m;
	marks_open(&m, d, path);
	if (m.msg[0])
		fprintf(stderr, "fanye: %s\n", m.msg);
	outline *o = outline_new(d, oo);
	if (o)
		outline_step(o, 0);
	marks_sort(&m);
	for (size_t i = 0; i < m.n; i++) {
		const marks_entry *e = &m.e[i];
		printf("%zu\t", doc_line_number(d, e->offset, 0));
		if (e->letter)
			printf("%c", e->letter);
		else if (e->label)
			put_clean(e->label, strlen(e->label));
		putchar('\t');
		long h = o ? outline_heading_at(o, e->offset) : -1;
		const char *sec = h >= 0 ? o->headings[h].title : e->section;
		if (sec)
			put_clean(sec, strlen(sec));
		putchar('\t');
		if (e->lost)
			fputs("(not found) ", stdout);
		size_t a = e->offset, b = a;
		while (b < d->len && b - a < 60 && !doc_is_eol(d, b))
			b++;
		while (b > a && b < d->len && (d->data[b] & 0xC0) == 0x80)
			b--;
		put_clean((const char *)d->data + a, b - a);
		putchar('\t');
		if (e->note)
			put_escaped(e->note);
		putchar('\n');
	}
	outline_free(o);
	marks_close(&m);
	return fflush(stdout) == 0 ? 0 : 1;
}

/* The outline options the configuration asks for. */
static void outline_options(const config *c, outline_opts *oo, const char **from, const char **to)
{
	memset(oo, 0, sizeof *oo);
	oo->heading_re = config_string(c, CONFIG_HEADING_RE);
	oo->speaker_re = config_string(c, CONFIG_SPEAKER_RE);
	for (int i = 0; i < c->nspeakers; i++)
		if (c->speakers[i].alias_of) {
			from[oo->nalias] = c->speakers[i].name;
			to[oo->nalias++] = c->speakers[i].alias_of;
		}
	oo->alias_from = from;
	oo->alias_to = to;
}

/* Page faults are dear in virtual machines: about 11 us each where the
 * benchmarks ran; a page made present by one madvise costs about 1 us
 * there, and about 5 us more when first touched.  The heap the pager needs
 * for its first screen (ncurses's windows, the first rows' layout and
 * outline: about 256 KiB) is made present at once, which brought the first
 * screen about 0.5 ms sooner when it was added.  A no-op where the kernel
 * (before 5.14) or the allocator (a sanitizer's) does not take part. */
static void prefault_heap(void)
{
#if defined(MADV_POPULATE_WRITE) && defined(M_TOP_PAD)
	const size_t pad = (size_t)256 << 10;
	mallopt(M_TOP_PAD, (int)pad);
	char *first = malloc(1);
	if (!first)
		return;
	uintptr_t a = ((uintptr_t)first + 4095) & ~(uintptr_t)4095;
	uintptr_t top = (uintptr_t)sbrk(0);
	if (top > a && top - a <= 2 * pad)
		madvise((void *)a, top - a, MADV_POPULATE_WRITE);
	free(first);
#endif
}

/* Answers the options that need neither the configuration nor a document
 * (--help, --version, the man page's generated sections); returns an exit
 * status, or -1 to go on. */
static int answer_early(const cli_args *a)
{
	if (a->given[CLI_HELP]) {
		setlocale(LC_CTYPE, "");
		i18n_init();
		cli_usage(stdout);
		return 0;
	}
	if (a->given[CLI_VERSION]) {
		printf("fanye %s\n"
		       "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
		       "This is free software: you are free to change and redistribute it.\n"
		       "There is NO WARRANTY, to the extent permitted by law.\n", PACKAGE_VERSION);
		return 0;
	}
	return -1;
}

/* The configuration: the defaults, then the file, then the command line.
 * Problems are told before anything else happens.  NULL with *rc set if
 * fanye must stop. */
static config *load_config(const cli_args *a, int *rc)
{
	config *cfg = config_new();
	if (!cfg) {
		fprintf(stderr, "fanye: out of memory\n");
		*rc = 1;
		return NULL;
	}
	if (!a->given[CLI_NO_CONFIG]) {
		char def[4096];
		if (a->given[CLI_CONFIG])
			config_load(cfg, a->value[CLI_CONFIG], true);
		else if (config_default_path(def, sizeof def))
			config_load(cfg, def, false);
	}
	for (size_t i = 0; i < cfg->nerrors; i++)
		fprintf(stderr, "fanye: %s\n", cfg->errors[i]);
	if (cfg->nmore)
		fprintf(stderr, "fanye: and %zu more configuration problems\n", cfg->nmore);
	*rc = 0;
	if (a->given[CLI_STRICT] && cfg->nerrors)
		*rc = 2;
	/* The command line over the file (not for --print-config, which
	 * prints the defaults and the file). */
	else if (!a->given[CLI_PRINT_CONFIG] && cli_apply(a, cfg) != 0)
		*rc = 1;
	if (*rc) {
		config_free(cfg);
		return NULL;
	}
	return cfg;
}

/* --keys, --print-config: true if one was asked. */
static bool print_tables(const cli_args *a, const config *cfg)
{
	if (a->given[CLI_KEYS])
		keymap_print(cfg->km, stdout);
	else if (a->given[CLI_PRINT_CONFIG])
		config_print(cfg, stdout);
	else
		return false;
	return true;
}

static layout_opts layout_options(const config *cfg)
{
	return (layout_opts){
		.width = 80,
		.ambiguous_wide = config_int(cfg, CONFIG_AMBIGUOUS_WIDTH) == 2,
		.tab_width = (int)config_int(cfg, CONFIG_TAB_WIDTH),
		.para_spacing = (int)config_int(cfg, CONFIG_PARA_SPACING),
		.hanging = config_bool(cfg, CONFIG_HANGING),
	};
}

/* The non-interactive modes on a document read whole: --bookmarks,
 * --outline, --render=W. */
static int run_mode(const cli_args *a, doc *d, const char *path, const config *cfg, layout_opts lo,
                    const outline_opts *oo, long render_width)
{
	int rc = 0;
	bool shrank = false;
	if (!doc_read_all(d, (size_t)256 << 20))
		fprintf(stderr, "fanye: %s: input longer than 256 MiB: only its start is used\n", d->name);
	if (d->warning[0])
		fprintf(stderr, "fanye: %s\n", d->warning);
	if (a->given[CLI_BOOKMARKS]) {
		rc = print_bookmarks(d, path, oo);
	} else if (a->given[CLI_OUTLINE]) {
		outline_opts mo = *oo;
		mo.markdown = format_of(cfg, d, path) == PRES_MARKDOWN;
		outline *o = outline_new(d, &mo);
		if (o) {
			outline_step(o, 0);
			outline_print(o, stdout);
			outline_free(o);
		}
		rc = o && fflush(stdout) == 0 ? 0 : 1;
	} else {
		lo.width = (int)render_width;
		pres_opts po = {
			.format = format_of(cfg, d, path),
			.ruby = (enum pres_ruby)config_choice(cfg, CONFIG_RUBY),
			.script = (enum pres_script)config_choice(cfg, CONFIG_SCRIPT),
			.width = lo.width,
			.tab_width = lo.tab_width,
			.ambiguous_wide = lo.ambiguous_wide,
		};
		rc = render(d, &lo, &po, a->given[CLI_RENDER_COLOR], &shrank);
	}
	if (shrank || doc_bus_fault()) {
		fprintf(stderr, "fanye: %s: the file shrank while it was read; the output is incomplete\n", d->name);
		rc = 1;
	}
	return rc;
}

/* -F: whether the whole of d fits in rows rows of cols columns (the
 * prompt's row aside), waiting for a stream until it ends or is more than
 * a screen.  If it fits, it is printed, in its styles where colours are
 * wanted, and true is returned. */
static bool fits_one_screen(doc *d, const config *cfg, layout_opts lo, int cols, int rows, bool color)
{
	lo.width = cols;
	pres_opts po = {.format = format_of(cfg, d, d->path ? d->path : d->name),
	                .ruby = (enum pres_ruby)config_choice(cfg, CONFIG_RUBY),
	                .script = (enum pres_script)config_choice(cfg, CONFIG_SCRIPT),
	                .width = cols, .tab_width = lo.tab_width, .ambiguous_wide = lo.ambiguous_wide};
	for (;;) {
		layout *L = layout_new(d, &lo);
		pres *P = pres_new(d, &po);
		if (!L || !P) {
			layout_free(L);
			pres_free(P);
			return false;
		}
		layout_use_pres(L, P);
		layout_row r = layout_first(L);
		int n = 1;
		while (n < rows && layout_next(L, &r, &r))
			n++;
		bool more = !r.last && r.next < d->len;
		if (!more && !d->streaming) {
			/* It fits: printed as the pager would show it. */
			r = layout_first(L);
			for (;;) {
				size_t len;
				char *t = layout_row_text_sgr(L, &r, &len, color);
				if (t) {
					out_text(t, len);
					free(t);
				}
				fputc('\n', stdout);
				if (!layout_next(L, &r, &r))
					break;
			}
			fflush(stdout);
		}
		layout_free(L);
		pres_free(P);
		if (more || n >= rows)
			return false;
		if (!d->streaming)
			return true;
		/* A stream that has not ended: wait for more of it. */
		struct pollfd pf = {d->fd, POLLIN, 0};
		poll(&pf, 1, -1);
		doc_poll(d, (size_t)1 << 20);
	}
}

/* The size of the terminal on stdout, or false. */
static bool term_size(int *cols, int *rows)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0 || ws.ws_row == 0)
		return false;
	*cols = ws.ws_col;
	*rows = ws.ws_row;
	return true;
}

/* The reader itself, with its options from the configuration. */
static int run_pager(const cli_args *a, const config *cfg, layout_opts lo, const outline_opts *oo,
                     const char *encoding)
{
	const char *nc = getenv("NO_COLOR");
	bool no_color = (nc && *nc) || config_choice(cfg, CONFIG_COLOR) == 1;
	const char *paths[1] = {"-"};
	const char *const *pp = a->npaths ? a->paths : paths;
	int np = a->npaths ? a->npaths : 1;
	doc *first = NULL;
	if (a->given[CLI_QUIT_ONE] && np == 1) {
		/* -F: short input is printed, the terminal left alone. */
		int cols, rows;
		char err[512];
		if (term_size(&cols, &rows)) {
			first = doc_open_enc(pp[0], encoding, err, sizeof err);
			if (!first) {
				fprintf(stderr, "fanye: %s\n", err);
				return 1;
			}
			if (!first->binary && fits_one_screen(first, cfg, lo, cols, rows - 1, !no_color)) {
				doc_close(first);
				return 0;
			}
		}
	}
	char keys[1024];
	if (!cli_initial_keys(a, keys, sizeof keys)) {
		fprintf(stderr, "fanye: the +commands are too long\n");
		doc_close(first);
		return 1;
	}
	const char *secure = getenv("LESSSECURE");
	ui_opts uo = {
		.layout = lo,
		.no_color = no_color,
		.sidebar = (enum ui_sidebar)config_choice(cfg, CONFIG_SIDEBAR),
		.sidebar_width = (int)config_int(cfg, CONFIG_SIDEBAR_WIDTH),
		.max_width = (int)config_int(cfg, CONFIG_MAX_WIDTH),
		.search = {
			.case_mode = (enum search_case)config_choice(cfg, CONFIG_SEARCH_CASE),
			.width_fold = config_bool(cfg, CONFIG_SEARCH_WIDTH),
			.kana_fold = config_bool(cfg, CONFIG_SEARCH_KANA),
			.regex = config_bool(cfg, CONFIG_SEARCH_REGEX),
			.script_fold = config_choice(cfg, CONFIG_SEARCH_SCRIPT) != 2,
		},
		.script_auto = config_choice(cfg, CONFIG_SEARCH_SCRIPT) == 0,
		.outline = *oo,
		.cfg = cfg,
		.force = a->given[CLI_FORCE],
		.follow_name = a->given[CLI_FOLLOW_NAME],
		.resume = config_bool(cfg, CONFIG_RESUME),
		.format = config_choice(cfg, CONFIG_FORMAT) - 1,
		.ruby = (enum pres_ruby)config_choice(cfg, CONFIG_RUBY),
		.script = (enum pres_script)config_choice(cfg, CONFIG_SCRIPT),
		.encoding = encoding,
		.initial_keys = keys[0] ? keys : NULL,
		.no_init = a->given[CLI_NO_INIT],
		.line_numbers = config_bool(cfg, CONFIG_LINE_NUMBERS),
		.chop = !config_bool(cfg, CONFIG_WRAP),
		.shift = (int)config_int(cfg, CONFIG_SHIFT),
		.jump_target = (int)config_int(cfg, CONFIG_JUMP_TARGET),
		.mouse = (enum ui_mouse)config_choice(cfg, CONFIG_MOUSE),
		.history = config_bool(cfg, CONFIG_HISTORY),
		.secure = a->given[CLI_SECURE] || (secure && strcmp(secure, "1") == 0),
	};
	return ui_run(pp, np, first, cfg->km, &uo);
}

/* Copies every file to stdout, as less does into a pipe. */
static int copy_all(const cli_args *a)
{
	int rc = 0;
	if (!a->npaths)
		return copy_out("-");
	for (int i = 0; i < a->npaths; i++)
		if (copy_out(a->paths[i]) != 0)
			rc = 1;
	return rc;
}

/* Runs a mode or the pager on the files. */
static int run(const cli_args *a, const config *cfg, long render_width)
{
	bool mode = render_width || a->given[CLI_OUTLINE] || a->given[CLI_BOOKMARKS];
	if (!mode && !isatty(STDOUT_FILENO))
		return copy_all(a);
	if (!a->npaths && isatty(STDIN_FILENO)) {
		fprintf(stderr, "fanye: no file given and standard input is a terminal\n"
		                "Try 'fanye --help' for more information.\n");
		return 1;
	}
	const char *encoding = NULL;
	if (strcasecmp(config_string(cfg, CONFIG_ENCODING), "auto") != 0)
		encoding = config_string(cfg, CONFIG_ENCODING);
	const char *from[CONFIG_MAX_SPEAKERS], *to[CONFIG_MAX_SPEAKERS];
	outline_opts oo;
	outline_options(cfg, &oo, from, to);
	/* A file truncated by another process while it is read raises SIGBUS
	 * on its mapping: the guard puts zeros in its place, in every mode. */
	doc_guard_install();
	layout_opts lo = layout_options(cfg);
	if (!mode)
		return run_pager(a, cfg, lo, &oo, encoding);
	int rc = 0;
	for (int i = 0; i < (a->npaths ? a->npaths : 1); i++) {
		const char *path = a->npaths ? a->paths[i] : "-";
		char err[512];
		doc *d = doc_open_enc(path, encoding, err, sizeof err);
		if (!d) {
			fprintf(stderr, "fanye: %s\n", err);
			rc = 1;
			continue;
		}
		if (run_mode(a, d, path, cfg, lo, &oo, render_width) != 0)
			rc = 1;
		doc_close(d);
	}
	return rc;
}

int main(int argc, char **argv)
{
	if (isatty(STDOUT_FILENO))
		prefault_heap();
	cli_args a;
	if (cli_parse(argc, argv, &a) != 0) {
		cli_free(&a);
		return 1;
	}
	int rc = answer_early(&a);
	if (rc >= 0) {
		cli_free(&a);
		return rc;
	}
	long render_width = 0;
	if (a.given[CLI_RENDER] && (render_width = parse_num(a.value[CLI_RENDER], 1, CLI_RENDER_MAX)) < 0) {
		fprintf(stderr, "fanye: --render: '%s' is not a width from 1 to %d\n", a.value[CLI_RENDER],
		        CLI_RENDER_MAX);
		cli_free(&a);
		return 1;
	}
	config *cfg = load_config(&a, &rc);
	if (!cfg) {
		cli_free(&a);
		return rc;
	}
	if (print_tables(&a, cfg)) {
		config_free(cfg);
		cli_free(&a);
		return 0;
	}
	if (setup_locale() < 0) {
		fprintf(stderr, "fanye: no UTF-8 locale is available (tried the environment and C.UTF-8)\n");
		config_free(cfg);
		cli_free(&a);
		return 2;
	}
	i18n_init();
	rc = run(&a, cfg, render_width);
	config_free(cfg);
	cli_free(&a);
	return rc;
}

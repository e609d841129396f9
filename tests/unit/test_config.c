/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_config: the options table, reading values, and every class of bad
 * input reported with its line, never a crash. */
#include "build.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "suites.h"
#include "fanye/config.h"

static char path[64];

static config *load(const char *text)
{
	snprintf(path, sizeof path, "/tmp/fanye-cfg-%d.ini", (int)getpid());
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	config *c = config_new();
	config_load(c, path, true);
	unlink(path);
	return c;
}

/* True if some error message contains all of a and b. */
static bool has_error(const config *c, const char *a, const char *b)
{
	for (size_t i = 0; i < c->nerrors; i++)
		if (strstr(c->errors[i], a) && (!b || strstr(c->errors[i], b)))
			return true;
	return false;
}

START_TEST(defaults_come_from_the_table)
{
	config *c = config_new();
	ck_assert_int_eq(config_choice(c, CONFIG_SIDEBAR), 0);
	ck_assert_int_eq(config_int(c, CONFIG_TAB_WIDTH), 8);
	ck_assert(config_bool(c, CONFIG_SEARCH_WIDTH));
	ck_assert(!config_bool(c, CONFIG_SEARCH_KANA));
	ck_assert_str_eq(config_string(c, CONFIG_HEADING_RE), "");
	ck_assert_int_eq(c->v[CONFIG_PALETTE].colors.n, 16);
	ck_assert_uint_eq(c->nerrors, 0);
	config_free(c);
}
END_TEST

/* WCAG's relative luminance of colour c of xterm's 256 (the 6x6x6 cube
 * and the grey ramp). */
static double luminance(int c)
{
	static const int lv[] = {0, 95, 135, 175, 215, 255};
	int rgb[3];
	if (c >= 232) {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (c - 232);
	} else {
		rgb[0] = lv[(c - 16) / 36];
		rgb[1] = lv[(c - 16) / 6 % 6];
		rgb[2] = lv[(c - 16) % 6];
	}
	double l[3];
	for (int i = 0; i < 3; i++) {
		double v = rgb[i] / 255.0;
		l[i] = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
}

START_TEST(default_palette_reads_on_dark_and_light)
{
	/* 16 speakers, 16 colours: none the same, none from the terminal's
	 * themed 16, each at least 3.5:1 against black and against white. */
	config *c = config_new();
	int n = c->v[CONFIG_PALETTE].colors.n;
	ck_assert_int_eq(n, 16);
	for (int i = 0; i < n; i++) {
		int ci = c->v[CONFIG_PALETTE].colors.c[i];
		ck_assert_int_ge(ci, 16);
		ck_assert_int_lt(ci, 232);
		for (int j = 0; j < i; j++)
			ck_assert_int_ne(ci, c->v[CONFIG_PALETTE].colors.c[j]);
		double L = luminance(ci);
		double on_white = 1.05 / (L + 0.05), on_black = (L + 0.05) / 0.05;
		ck_assert_msg(on_white >= 3.5 && on_black >= 3.5, "colour %d: %.2f on white, %.2f on black", ci,
		              on_white, on_black);
	}
	config_free(c);
}
END_TEST

START_TEST(good_values_are_read)
{
	config *c = load("[display]\nsidebar = off\nmax-width = 72\ntab-width=4\npalette = 1, 2 3\n"
	                 "[search]\ncase = Sensitive\nkana-fold = yes\n"
	                 "[structure]\nheading = \"^== .* ==$\"\n"
	                 "[speakers]\nIlya Sutskever = 33\nIlya = @Ilya Sutskever\n"
	                 "[keys]\nquit = x C-c\nhelp = none\n[state]\nresume = no\n");
	for (size_t i = 0; i < c->nerrors; i++)
		fprintf(stderr, "%s\n", c->errors[i]);
	ck_assert_uint_eq(c->nerrors, 0);
	ck_assert_int_eq(config_choice(c, CONFIG_SIDEBAR), 2);
	ck_assert_int_eq(config_int(c, CONFIG_MAX_WIDTH), 72);
	ck_assert_int_eq(config_int(c, CONFIG_TAB_WIDTH), 4);
	ck_assert_int_eq(c->v[CONFIG_PALETTE].colors.n, 3);
	ck_assert_int_eq(config_choice(c, CONFIG_SEARCH_CASE), 1);
	ck_assert(config_bool(c, CONFIG_SEARCH_KANA));
	ck_assert(!config_bool(c, CONFIG_RESUME));
	ck_assert_str_eq(config_string(c, CONFIG_HEADING_RE), "^== .* ==$");
	ck_assert_int_eq(c->nspeakers, 2);
	ck_assert_int_eq(keymap_lookup(c->km, VIEW_PAGER, 'x'), ACT_QUIT);
	ck_assert_int_eq(keymap_lookup(c->km, VIEW_PAGER, 'q'), ACT_NONE);
	ck_assert_int_eq(keymap_lookup(c->km, VIEW_PAGER, 'h'), ACT_NONE);
	bool alias = false;
	for (int i = 0; i < c->nspeakers; i++)
		if (c->speakers[i].alias_of && strcmp(c->speakers[i].alias_of, "Ilya Sutskever") == 0)
			alias = true;
	ck_assert(alias);
	config_free(c);
}
END_TEST

START_TEST(bad_input_is_reported_with_its_line)
{
	char longline[1200];
	memset(longline, 'y', sizeof longline - 1);
	longline[sizeof longline - 1] = 0;
	char text[4096];
	snprintf(text, sizeof text,
	         "[display]\nsidbar = on\nmax-width = lots\nno equals here\n[dispaly]\nx = 1\n"
	         "[keys]\nquit = x\nline-down = j x\nhelp = Fx\nbogus-action = q\n"
	         "[search]\ncase = upper\n[structure]\nheading = \"(unclosed\"\n[state]\nresume = %s\n"
	         "tab-width = 3\n",
	         longline);
	config *c = load(text);
	ck_assert(has_error(c, ":2: unknown option 'sidbar'", "did you mean 'sidebar'"));
	ck_assert(has_error(c, ":3: bad value 'lots' for max-width", "0..1000"));
	ck_assert(has_error(c, ":4: syntax error", NULL));
	ck_assert(has_error(c, "unknown section [dispaly]", "did you mean [display]"));
	ck_assert(has_error(c, ":9: key 'x' is bound to both quit and line-down", NULL));
	ck_assert(has_error(c, ":10: unknown key name 'Fx'", NULL));
	ck_assert(has_error(c, ":11: unknown action 'bogus-action'", NULL));
	ck_assert(has_error(c, ":13: bad value 'upper'", NULL));
	ck_assert(has_error(c, ":15: bad pattern '(unclosed' for heading in [structure]",
	                    "missing closing parenthesis at character 10 (PCRE2)"));
	ck_assert(has_error(c, ":17: bad value 'yyyy", "for resume"));
	ck_assert(has_error(c, ":18: unknown option 'tab-width' in [state]", NULL));

	/* What was wrong keeps its default; the rest still applies. */
	ck_assert_int_eq(config_int(c, CONFIG_MAX_WIDTH), 0);
	ck_assert_int_eq(keymap_lookup(c->km, VIEW_PAGER, 'x'), ACT_QUIT);
	ck_assert_int_eq(keymap_lookup(c->km, VIEW_PAGER, 'j'), ACT_LINE_DOWN);
	ck_assert_int_eq(keymap_lookup(c->km, VIEW_PAGER, 'h'), ACT_HELP);
	config_free(c);
	/* One key in two views is no conflict: each view has its own. */
	c = load("[keys]\nquit = x\nlist-close = x\nbookmark-undo = x\n");
	ck_assert_uint_eq(c->nerrors, 0);
	ck_assert_int_eq(keymap_lookup(c->km, VIEW_PAGER, 'x'), ACT_QUIT);
	ck_assert_int_eq(keymap_lookup(c->km, VIEW_LIST, 'x'), ACT_LIST_CLOSE);
	ck_assert_int_eq(keymap_lookup(c->km, VIEW_BOOKMARKS, 'x'), ACT_BOOKMARK_UNDO);
	ck_assert_int_eq(keymap_lookup(c->km, VIEW_BOOKMARKS, 'u'), ACT_LIST_PAGE_UP);
	config_free(c);
	c = load("[input]\nencoding = NO-SUCH-CODE\n");
	ck_assert(has_error(c, ":2: bad value 'NO-SUCH-CODE'", "GB18030"));
	config_free(c);
	c = load("[input]\nencoding = big5\n");
	ck_assert_uint_eq(c->nerrors, 0);
	ck_assert_str_eq(config_string(c, CONFIG_ENCODING), "big5");
	config_free(c);
}
END_TEST

START_TEST(crafted_files_never_crash)
{
	/* CVE-2023-33461 shape: an option named like a section; CVE-2025-0633
	 * shape: a very long section name; NULs, stray brackets, empty keys. */
	char text[8192];
	memset(text, 0, sizeof text);
	strcat(text, "[display]\n[display:sidebar]\ndisplay = x\n[");
	memset(text + strlen(text), 'S', 3000);
	strcat(text, "]\n[]\n= value\n[keys\nquit==\n[keys]\nquit =\n\"\"\"\n[speakers]\n = 3\nx = @\n");
	config *c = load(text);
	ck_assert_uint_gt(c->nerrors, 0);
	config_free(c);
	c = config_new();
	ck_assert_uint_eq(config_load(c, "/nonexistent/fanye.ini", true), 1);
	ck_assert(has_error(c, "/nonexistent/fanye.ini", "No such file"));
	ck_assert_uint_eq(config_load(c, "/nonexistent/other.ini", false), 0);
	ck_assert_uint_eq(config_load(c, "/", true), 1);
	config_free(c);
}
END_TEST

START_TEST(printed_config_reads_back_as_the_defaults)
{
	config *c = config_new();
	char *a = NULL, *b = NULL;
	size_t al, bl;
	FILE *f = open_memstream(&a, &al);
	config_print(c, f);
	fclose(f);
	config *d = load(a);
	ck_assert_uint_eq(d->nerrors, 0);
	f = open_memstream(&b, &bl);
	config_print(d, f);
	fclose(f);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	config_free(c);
	config_free(d);
}
END_TEST

/* 100,000 unknown options, and 100,000 [speakers] lines, are read in one
 * pass (with iniparser they took 149 s and 151 s; the case's timeout fails
 * that), and said in CONFIG_MAX_ERRORS messages and a count. */
START_TEST(huge_files_are_read_in_one_pass)
{
	for (int kind = 0; kind < 2; kind++) {
		size_t cap = (size_t)8 << 20, len = 0;
		char *t = malloc(cap);
		len += (size_t)snprintf(t + len, cap - len, kind ? "[speakers]\n" : "[display]\nsidebar = off\n");
		for (int i = 0; i < 100000; i++)
			len += (size_t)snprintf(t + len, cap - len, kind ? "N%d=%d\n" : "u%d=%d\n", i, i % 10);
		len += (size_t)snprintf(t + len, cap - len, "[display]\nmax-width = 77\n");
		config *c = load(t);
		free(t);
		ck_assert_uint_eq(c->nerrors, CONFIG_MAX_ERRORS);
		ck_assert_uint_eq(c->nerrors + c->nmore, kind ? 100000 - CONFIG_MAX_SPEAKERS : 100000);
		ck_assert_int_eq(config_int(c, CONFIG_MAX_WIDTH), 77);
		if (kind) {
			ck_assert_int_eq(c->nspeakers, CONFIG_MAX_SPEAKERS);
			ck_assert_str_eq(c->speakers[3].name, "N3");
			ck_assert_int_eq(c->speakers[3].color, 3);
		}
		config_free(c);
	}
}
END_TEST

/* Values as iniparser read them: quotes taken off, comments after an
 * unquoted value, a lone quote kept; a speaker named twice takes the later
 * colour; a key name keeps its case for speakers only. */
START_TEST(values_as_written)
{
	config *c = load("[keys]\ngoto-mark = '\nquit = \"q\" ; a comment\n"
	                 "[speakers]\nAlice = 3\nALICE = 5 # again\nBob = '@Alice'\n"
	                 "[Display]\nMax-Width = 60 ; wide enough\n");
	ck_assert_uint_eq(c->nerrors, 0);
	ck_assert_int_eq(config_int(c, CONFIG_MAX_WIDTH), 60);
	ck_assert_int_eq(c->nspeakers, 2);
	ck_assert_str_eq(c->speakers[0].name, "ALICE");
	ck_assert_int_eq(c->speakers[0].color, 5);
	ck_assert_str_eq(c->speakers[1].alias_of, "Alice");
	config_free(c);
}
END_TEST

Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");
	tcase_add_test(tc, defaults_come_from_the_table);
	tcase_add_test(tc, default_palette_reads_on_dark_and_light);
	tcase_add_test(tc, good_values_are_read);
	tcase_add_test(tc, bad_input_is_reported_with_its_line);
	tcase_add_test(tc, crafted_files_never_crash);
	tcase_add_test(tc, printed_config_reads_back_as_the_defaults);
	tcase_add_test(tc, huge_files_are_read_in_one_pass);
	tcase_add_test(tc, values_as_written);
	suite_add_tcase(s, tc);
	return s;
}

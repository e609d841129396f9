/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * floor: the least an ncurses pager can do for one `j`, to measure what
 * ncurses itself costs beside less.  Lines are cut at the width (no
 * wrapping, no search, no sidebar); the text rows are one window with a
 * scrolling region, the status line another, colours are started as in
 * fanye.  On `j` the text window is scrolled with wscrl, the one new row is
 * drawn, the status line's line number is rewritten, and both go out in
 * one doupdate.  `q` quits.  Built by `make bench`; not installed.
 *
 *   floor FILE
 */
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static char **tlines;
static size_t ntlines;

/* Reads FILE into tlines (newlines removed). */
static void load(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		exit(1);
	}
	char *buf = NULL;
	size_t cap = 0, alloc = 0;
	ssize_t n;
	while ((n = getline(&buf, &cap, f)) > 0) {
		if (buf[n - 1] == '\n')
			buf[--n] = 0;
		if (ntlines == alloc) {
			alloc = alloc ? alloc * 2 : 1024;
			tlines = realloc(tlines, alloc * sizeof *tlines);
		}
		tlines[ntlines++] = strdup(buf);
	}
	free(buf);
	fclose(f);
}

/* Draws line i (or nothing past the end) on row y of w, cut at its width. */
static void draw_line(WINDOW *w, int y, size_t i)
{
	wmove(w, y, 0);
	if (i < ntlines) {
		wchar_t wc[1024];
		size_t n = mbstowcs(wc, tlines[i], 1023);
		if (n == (size_t)-1)
			n = 0;
		int width = 0, cols = getmaxx(w), k = 0;
		while (k < (int)n && width + wcwidth(wc[k]) <= cols)
			width += wcwidth(wc[k++]);
		waddnwstr(w, wc, k);
	}
	wclrtoeol(w);
}

static void draw_status(WINDOW *s, size_t top)
{
	werase(s);
	mvwprintw(s, 0, 0, "floor  line %zu %zu%%", top + 1, ntlines ? (top + 1) * 100 / ntlines : 100);
	wnoutrefresh(s);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: floor FILE\n");
		return 1;
	}
	setlocale(LC_ALL, "");
	load(argv[1]);
	initscr();
	raw();
	noecho();
	start_color();
	use_default_colors();
	int rows = LINES - 1;
	WINDOW *t = newwin(rows, COLS, 0, 0), *s = newwin(1, COLS, rows, 0);
	idlok(t, TRUE);
	scrollok(t, TRUE);
	leaveok(t, TRUE);
	size_t top = 0;
	for (int y = 0; y < rows; y++)
		draw_line(t, y, top + (size_t)y);
	wnoutrefresh(t);
	draw_status(s, top);
	doupdate();
	for (int c; (c = getch()) != 'q' && c != ERR;) {
		if (c != 'j' || top + (size_t)rows >= ntlines)
			continue;
		top++;
		wscrl(t, 1);
		draw_line(t, rows - 1, top + (size_t)rows - 1);
		wnoutrefresh(t);
		draw_status(s, top);
		doupdate();
	}
	endwin();
	return 0;
}

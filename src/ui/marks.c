/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * marks (UI): letter marks (m, '), named bookmarks (M), the bookmarks view
 * (B) with delete, undo and rename, and saving the reading position.
 * The store itself is the core's marks module; every change is saved at
 * once, so a dropped connection loses nothing.
 */
#include "build.h"
#include "ui_priv.h"
#include "fanye/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void save(ui *u)
{
	char err[512];
	if (marks_save(&u->marks, u->d, err, sizeof err) < 0)
		snprintf(u->msg, sizeof u->msg, _("bookmarks not saved: %.200s"), err);
}

/* Whether the reading position is kept: not with --no-resume, and for
 * piped input (a command's output, stdin) only when the user has marked
 * it (a mark or a bookmark in its store): a pipe leaves no trace. */
static bool keeps_position(const ui *u)
{
	return u->resume && (doc_is_file(u->d) || u->marks.n > 0);
}

void ui_marks_save(ui *u, char *quit_err, size_t errlen)
{
	u->saved_pos = u->top.start;
	u->saved_at = ui_clock_ms();
	if (!keeps_position(u))
		return;
	marks_set_position(&u->marks, u->d, u->top.start);
	char err[512];
	if (marks_save(&u->marks, u->d, err, sizeof err) < 0) {
		if (quit_err)
			snprintf(quit_err, errlen, "%s", err);
		else
			snprintf(u->msg, sizeof u->msg, _("reading position not saved: %.200s"), err);
	}
	u->saved_pos = u->top.start;
	u->saved_at = ui_clock_ms();
}

static bool is_letter(int k)
{
	return (k >= 'a' && k <= 'z') || (k >= 'A' && k <= 'Z');
}

/* True (and says so) while marks cannot be set yet: a compressed file is
 * still arriving, and its store is known by its whole content. */
static bool marks_waiting(ui *u)
{
	if (u->marks_wait)
		snprintf(u->msg, sizeof u->msg, "%s", _("still reading the compressed file: bookmarks once it is whole"));
	return u->marks_wait;
}

void ui_act_set_mark(ui *u, long count)
{
	(void)count;
	if (marks_waiting(u))
		return;
	u->pending = ACT_SET_MARK;
	ui_mode_push(u, MODE_LETTER);
	snprintf(u->msg, sizeof u->msg, _("mark: type a letter"));
}

void ui_act_goto_mark(ui *u, long count)
{
	(void)count;
	u->pending = ACT_GOTO_MARK;
	ui_mode_push(u, MODE_LETTER);
	snprintf(u->msg, sizeof u->msg, _("go to mark: type a letter, or ' to go back"));
}

void ui_marks_letter(ui *u, int key)
{
	keymap_action what = u->pending;
	u->pending = ACT_NONE;
	ui_mode_leave(u, MODE_LETTER);
	u->msg[0] = 0;
	if (what == ACT_GOTO_MARK && key == '\'') {
		if (!u->has_last_jump) {
			snprintf(u->msg, sizeof u->msg, _("no earlier position"));
			return;
		}
		size_t back = u->last_jump;
		u->last_jump = u->top.start;
		ui_text_go(u, back);
		return;
	}
	if (!is_letter(key)) {
		if (key != KEYMAP_ESC)
			snprintf(u->msg, sizeof u->msg, _("marks are letters a-z and A-Z"));
		return;
	}
	if (what == ACT_SET_MARK) {
		if (!marks_set_mark(&u->marks, u->d, key, u->top.start)) {
			snprintf(u->msg, sizeof u->msg, _("out of memory"));
			return;
		}
		save(u);
		if (!u->msg[0])
			snprintf(u->msg, sizeof u->msg, _("mark %c set"), key);
		return;
	}
	marks_entry *e = marks_find_mark(&u->marks, key);
	if (!e) {
		snprintf(u->msg, sizeof u->msg, _("mark %c is not set"), key);
		return;
	}
	u->last_jump = u->top.start;
	u->has_last_jump = true;
	ui_text_go(u, e->offset);
	if (e->lost)
		snprintf(u->msg, sizeof u->msg, _("mark %c: its passage was not found; this is near where it was"), key);
}

/* The title of the section at off, or NULL. */
static const char *section_at(ui *u, size_t off)
{
	ui_structure_upto(u, off);
	long h = outline_heading_at(u->ol, off);
	return h >= 0 ? u->ol->headings[h].title : NULL;
}

/* The first words of the passage at off, as one line of printable text. */
static void first_words(ui *u, size_t off, char *buf, size_t n, int cols)
{
	size_t e = off;
	while (e < u->d->len && e - off < 240 && !doc_is_eol(u->d, e))
		e++;
	layout_opts lo = u->lo;
	lo.width = cols;
	layout_iter it;
	size_t k = 0;
	buf[0] = 0;
	if (!layout_iter_init(&it, u->d->data + off, e - off, 0, &lo))
		return;
	layout_cell c;
	int col = 0;
	while (layout_iter_next(&it, &c) && col + c.width <= cols) {
		if (c.kind != LAYOUT_TEXT || k + c.text_len + 1 >= n)
			break;
		memcpy(buf + k, c.text, c.text_len);
		k += c.text_len;
		col += c.width;
	}
	layout_iter_free(&it);
	buf[k] = 0;
}

static void got_note(ui *u, const char *text, bool ok)
{
	if (!ok)
		return;
	const char *sec = section_at(u, u->bk.off);
	if (!marks_add_bookmark(&u->marks, u->d, u->bk.off, u->bk.label, text, sec)) {
		snprintf(u->msg, sizeof u->msg, _("out of memory"));
		return;
	}
	save(u);
	if (!u->msg[0])
		snprintf(u->msg, sizeof u->msg, _("bookmarked: %.200s"), u->bk.label);
}

static void got_label(ui *u, const char *text, bool ok)
{
	if (!ok)
		return;
	if (*text)
		snprintf(u->bk.label, sizeof u->bk.label, "%s", text);
	ui_prompt_open(u, _("Note (Enter for none):"), "", got_note);
}

void ui_act_bookmark(ui *u, long count)
{
	(void)count;
	if (marks_waiting(u))
		return;
	u->bk.off = u->top.start;
	/* The default label: the section and the first words of the passage. */
	char words[160];
	first_words(u, u->bk.off, words, sizeof words, 24);
	const char *sec = section_at(u, u->bk.off);
	snprintf(u->bk.label, sizeof u->bk.label, "%s%s%s", sec ? sec : "", sec ? ": " : "", words);
	ui_prompt_open(u, _("Bookmark label:"), u->bk.label, got_label);
}

/* ---- the bookmarks view ------------------------------------------------------ */

static void close_view(ui *u)
{
	/* Deletions become final when the view closes. */
	for (int i = 0; i < u->bk.nundo; i++) {
		marks_entry *e = &u->bk.undo[i];
		free(e->label);
		free(e->note);
		free(e->section);
		free(e->before);
		free(e->after);
	}
	u->bk.nundo = 0;
	ui_mode_leave(u, MODE_MARKS);
	save(u);
}

void ui_act_bookmarks(ui *u, long count)
{
	(void)count;
	marks_sort(&u->marks);
	if (!u->marks.n) {
		snprintf(u->msg, sizeof u->msg, _("no bookmarks or marks: M bookmarks, m sets a mark"));
		return;
	}
	u->bk.list.sel = u->bk.list.top = 0;
	u->bk.nundo = 0;
	/* Start at the one nearest above the reading position. */
	for (size_t i = 0; i < u->marks.n; i++)
		if (u->marks.e[i].offset <= u->top.start)
			u->bk.list.sel = (long)i;
	ui_list_show(ui_marks_list(u));
	ui_mode_push(u, MODE_MARKS);
}

static void renamed(ui *u, const char *text, bool ok)
{
	if (!ok || u->bk.list.sel >= (long)u->marks.n)
		return;
	marks_rename(&u->marks, (size_t)u->bk.list.sel, text);
	save(u);
}

/* The columns of the line numbers in the list: the widest entry's. */
static int line_cols(ui *u)
{
	size_t most = 1;
	for (size_t i = 0; i < u->marks.n; i++) {
		size_t l = doc_line_number(u->d, u->marks.e[i].offset, 0);
		if (l > most)
			most = l;
	}
	int c = 1;
	while (most >= 10) {
		most /= 10;
		c++;
	}
	return c;
}

/* The first line of a note. */
static size_t first_line(const char *s)
{
	size_t n = 0;
	while (s[n] && s[n] != '\n' && s[n] != '\r')
		n++;
	return n;
}

/* Draws entry i on row y: its line, name, section, note (its first line)
 * or first words, and date. */
static void draw_entry(ui *u, int y, long i, bool sel)
{
	const marks_entry *e = &u->marks.e[i];
	attr_t base = sel ? A_REVERSE : A_NORMAL;
	char when[32];
	time_t t = (time_t)(e->created / 1000000);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", localtime(&t));
	char num[32];
	snprintf(num, sizeof num, "%*zu ", u->bk.lw, doc_line_number(u->d, e->offset, 0));
	int x = ui_draw_cut(stdscr, y, 0, num, (int)strlen(num), base | A_DIM, &u->lo);
	char name[300];
	if (e->letter)
		snprintf(name, sizeof name, "'%c", e->letter);
	else
		snprintf(name, sizeof name, "%s", e->label ? e->label : "(bookmark)");
	int w1 = (COLS - x) / 3 > 8 ? (COLS - x) / 3 : 8;
	ui_draw_cut(stdscr, y, x, name, w1 - 1, base | A_BOLD, &u->lo);
	x += w1;
	const char *sec = e->section ? e->section : section_at(u, e->offset);
	int w2 = u->bk.sections ? COLS / 5 : 0;
	if (sec && w2 > 4)
		ui_draw_cut(stdscr, y, x, sec, w2 - 1, base | A_DIM, &u->lo);
	x += w2;
	char snip[600];
	char words[200];
	if (e->lost)
		snprintf(words, sizeof words, _("(not found) %s"), e->after ? e->after : "");
	else
		first_words(u, e->offset, words, sizeof words, 60);
	if (e->note)
		snprintf(snip, sizeof snip, "\xE2\x9C\x8E %.*s \xC2\xB7 %s", (int)first_line(e->note), e->note, words);
	else
		snprintf(snip, sizeof snip, "%s", words);
	int w4 = (int)strlen(when) + 1;
	int w3 = COLS - x - w4;
	if (w3 > 4)
		ui_draw_cut(stdscr, y, x, snip, w3 - 1, base, &u->lo);
	if (COLS - w4 > x)
		ui_draw_text(stdscr, y, COLS - w4 + 1, when, strlen(when), w4 - 1, base | A_DIM, &u->lo);
	wattrset(stdscr, A_NORMAL);
}

/* Rows of text wrapped at cols columns, at most max of them, drawn from
 * row y; returns the rows it took.  With draw false it only counts. */
static int wrapped(ui *u, int y, const char *s, int cols, int max, attr_t a, bool draw)
{
	int rows = 0;
	size_t n = strlen(s), at = 0;
	while (at < n && rows < max) {
		size_t end = at + ui_draw_fit(s + at, n - at, cols, &u->lo);
		if (draw)
			ui_draw_text(stdscr, y + rows, 1, s + at, end - at, cols, a, &u->lo);
		rows++;
		at = end;
		while (at < n && (s[at] == '\n' || s[at] == '\r'))
			at++;
	}
	return rows;
}

/* The rows the chosen entry's details take below the list (0: none). */
static int details_rows(ui *u, bool draw)
{
	marks_store *m = &u->marks;
	if (!u->bk.details || !m->n || u->bk.list.sel < 0 || u->bk.list.sel >= (long)m->n)
		return 0;
	const marks_entry *e = &m->e[u->bk.list.sel];
	int max = (LINES - 1) / 2, y = LINES - 1 - max, used = 1;
	char head[700];
	const char *sec = e->section ? e->section : section_at(u, e->offset);
	if (e->letter)
		snprintf(head, sizeof head, "'%c  line %zu%s%s", e->letter, doc_line_number(u->d, e->offset, 0),
		         sec ? "  " : "", sec ? sec : "");
	else
		snprintf(head, sizeof head, "%.400s  line %zu%s%.200s", e->label ? e->label : "(bookmark)",
		         doc_line_number(u->d, e->offset, 0), sec ? "  " : "", sec ? sec : "");
	const char *note = e->note ? e->note : _("(no note: e writes one)");
	int need = 1 + wrapped(u, 0, head, COLS - 2, max, A_BOLD, false) + wrapped(u, 0, note, COLS - 2, max, 0, false);
	if (need > max)
		need = max;
	if (!draw)
		return need;
	y = LINES - 1 - need;
	ui_draw_fill(stdscr, y, 0, COLS, A_NORMAL);
	wattrset(stdscr, A_DIM);
	mvwhline(stdscr, y, 0, ACS_HLINE, COLS);
	wattrset(stdscr, A_NORMAL);
	for (int r = y + 1; r < LINES - 1; r++)
		ui_draw_fill(stdscr, r, 0, COLS, A_NORMAL);
	used += wrapped(u, y + used, head, COLS - 2, need - used, A_BOLD, true);
	if (used < need)
		wrapped(u, y + used, note, COLS - 2, need - used, e->note ? A_NORMAL : A_DIM, true);
	return need;
}

void ui_marks_draw(ui *u)
{
	marks_store *m = &u->marks;
	u->bk.lw = line_cols(u);
	/* a column for the sections only when there are any */
	u->bk.sections = false;
	for (size_t i = 0; i < m->n && !u->bk.sections; i++)
		u->bk.sections = m->e[i].section || section_at(u, m->e[i].offset);
	ui_list_draw(u, ui_marks_list(u), draw_entry);
	details_rows(u, true);
	wmove(stdscr, LINES - 1, 0);
	wattrset(stdscr, A_NORMAL);
	wclrtoeol(stdscr);
	char msg[300];
	char k1[32], k2[32], k3[32], k4[32], k5[32], k6[32], k7[32];
	snprintf(msg, sizeof msg,
	         "%zu bookmarks and marks  %s jumps, %s deletes, %s undoes, %s renames, %s notes, %s details, %s closes",
	         m->n, ui_mode_key_name(u, ACT_LIST_CHOOSE, k1, sizeof k1),
	         ui_mode_key_name(u, ACT_BOOKMARK_DELETE, k2, sizeof k2),
	         ui_mode_key_name(u, ACT_BOOKMARK_UNDO, k3, sizeof k3),
	         ui_mode_key_name(u, ACT_BOOKMARK_RENAME, k4, sizeof k4),
	         ui_mode_key_name(u, ACT_BOOKMARK_NOTE, k6, sizeof k6),
	         ui_mode_key_name(u, ACT_BOOKMARK_DETAILS, k7, sizeof k7),
	         ui_mode_key_name(u, ACT_LIST_CLOSE, k5, sizeof k5));
	ui_draw_cut(stdscr, LINES - 1, 0, u->msg[0] ? u->msg : msg, COLS - 1, A_BOLD, &u->lo);
}

ui_list *ui_marks_list(ui *u)
{
	u->bk.list.n = (long)u->marks.n;
	u->bk.list.rows = LINES - 1 - details_rows(u, false);
	if (u->bk.list.rows < 1)
		u->bk.list.rows = 1;
	return &u->bk.list;
}

void ui_marks_close(ui *u)
{
	close_view(u);
}

void ui_marks_choose(ui *u)
{
	marks_store *m = &u->marks;
	if (!m->n || u->bk.list.sel < 0 || u->bk.list.sel >= (long)m->n)
		return;
	size_t off = m->e[u->bk.list.sel].offset;
	close_view(u);
	u->last_jump = u->top.start;
	u->has_last_jump = true;
	ui_text_go(u, off);
}

void ui_act_bookmark_delete(ui *u, long count)
{
	(void)count;
	marks_store *m = &u->marks;
	if (!m->n)
		return;
	if (u->bk.nundo == (int)(sizeof u->bk.undo / sizeof *u->bk.undo)) {
		snprintf(u->msg, sizeof u->msg, _("close the list to delete more"));
		return;
	}
	u->bk.undo[u->bk.nundo++] = marks_delete(m, (size_t)u->bk.list.sel);
	ui_list_show(ui_marks_list(u));
	snprintf(u->msg, sizeof u->msg, _("deleted; u brings it back until the list closes"));
}

void ui_act_bookmark_undo(ui *u, long count)
{
	(void)count;
	if (!u->bk.nundo)
		return;
	marks_restore(&u->marks, u->bk.undo[--u->bk.nundo]);
	ui_list_show(ui_marks_list(u));
	u->msg[0] = 0;
}

void ui_act_bookmark_rename(ui *u, long count)
{
	(void)count;
	marks_store *m = &u->marks;
	if (!m->n)
		return;
	const marks_entry *e = &m->e[u->bk.list.sel];
	if (e->letter) {
		snprintf(u->msg, sizeof u->msg, _("a letter mark has no label; M makes a named bookmark"));
		return;
	}
	ui_prompt_open(u, _("Rename:"), e->label ? e->label : "", renamed);
}

static void noted(ui *u, const char *text, bool ok)
{
	if (!ok || u->bk.list.sel >= (long)u->marks.n)
		return;
	marks_set_note(&u->marks, (size_t)u->bk.list.sel, text);
	save(u);
}

void ui_act_bookmark_note(ui *u, long count)
{
	(void)count;
	marks_store *m = &u->marks;
	if (!m->n)
		return;
	const marks_entry *e = &m->e[u->bk.list.sel];
	ui_prompt_open(u, _("Note:"), e->note ? e->note : "", noted);
}

void ui_act_bookmark_details(ui *u, long count)
{
	(void)count;
	u->bk.details = !u->bk.details;
	ui_list_show(ui_marks_list(u));
}

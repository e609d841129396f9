/*
 * sidebar: the left panel with the document's sections (indented by level,
 * the current one highlighted) and a legend of speakers with their colours
 * and number of turns.
 */
#include "build.h"
#include "ui_priv.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Rows the headings may use; the legend takes the rest. */
static int heading_rows(const ui *u)
{
	int legend = u->ol ? (int)u->ol->nspeakers : 0;
	if (legend)
		legend += 2; /* a blank line and a heading */
	if (legend > u->text_rows / 2)
		legend = u->text_rows / 2;
	return u->text_rows - legend;
}

/* Blanks the panel and draws its rule. */
static void clear_panel(ui *u)
{
	int w = u->sb.w, rows = u->text_rows;
	for (int y = 0; y < rows; y++) {
		wmove(stdscr, y, 0);
		for (int x = 0; x < w; x++)
			waddch(stdscr, ' ');
	}
	/* U+2502 itself rather than ACS_VLINE: the text is UTF-8 anyway, and
	 * an ACS line goes out through the terminal's alternate character set
	 * (SO/SI) where ncurses does not map it to Unicode (a static build). */
	cchar_t bar;
	setcchar(&bar, L"\u2502", A_NORMAL, 0, NULL);
	mvwvline_set(stdscr, 0, w, &bar, rows);
}

/* Keeps the highlighted heading in view: the one chosen while the
 * sidebar has the focus, else the current one (cur). */
static ui_list *keep_in_view(ui *u, long cur, bool focused)
{
	ui_list *l = ui_sidebar_list(u);
	if (!focused) {
		long keep = l->sel;
		l->sel = cur >= 0 ? cur : l->top;
		ui_list_show(l);
		l->sel = keep;
	} else {
		ui_list_show(l);
	}
	return l;
}

/* Whether a bookmark or a mark lies in heading i's section. */
static bool section_marked(const ui *u, long i)
{
	const outline *o = u->ol;
	size_t a = o->headings[i].off;
	size_t b = i + 1 < (long)o->nheadings ? o->headings[i + 1].off : (size_t)-1;
	for (size_t k = 0; k < u->marks.n; k++)
		if (u->marks.e[k].offset >= a && u->marks.e[k].offset < b)
			return true;
	return false;
}

/* Draws heading i on row y: indented by level, bold if current, reversed
 * if highlighted, a star if its section holds a bookmark. */
static void draw_heading(ui *u, int y, long i, bool current, bool highlighted)
{
	int w = u->sb.w;
	const outline_heading *h = &u->ol->headings[i];
	int indent = (h->level - 1) * 2;
	if (indent > w / 3)
		indent = w / 3;
	attr_t a = (current ? A_BOLD : A_NORMAL) | (highlighted ? A_REVERSE : 0);
	if (highlighted) {
		wattrset(stdscr, a);
		wmove(stdscr, y, 0);
		for (int x = 0; x < w; x++)
			waddch(stdscr, ' ');
	}
	bool marked = section_marked(u, i);
	ui_draw_cut(stdscr, y, 1 + indent, h->title, w - 2 - indent - (marked ? 2 : 0), a, &u->lo);
	if (marked) {
		wattrset(stdscr, a | A_BOLD);
		mvwaddch(stdscr, y, w - 2, '*');
		wattrset(stdscr, A_NORMAL);
	}
}

/* The headings in the rows above the legend, with the scan's progress. */
static void draw_headings(ui *u)
{
	const outline *o = u->ol;
	int w = u->sb.w, hr = heading_rows(u), y = 0;
	long cur = outline_heading_at(o, u->top.start);
	bool focused = ui_mode_in(u, MODE_SIDEBAR);
	ui_list *l = keep_in_view(u, cur, focused);
	if (o->nheadings == 0) {
		const char *m = o->done ? "(no sections)" : "(scanning…)";
		ui_draw_cut(stdscr, y++, 1, m, w - 2, A_DIM, &u->lo);
	}
	for (long i = l->top; i < (long)o->nheadings && y < hr; i++, y++)
		draw_heading(u, y, i, i == cur, focused ? i == l->sel : i == cur);
	if (!o->done && o->nheadings && y < hr) {
		char m[48];
		snprintf(m, sizeof m, "(scanning %d%%)",
		         u->d->len ? (int)((double)o->scanned * 100 / (double)u->d->len) : 100);
		ui_draw_cut(stdscr, y, 1, m, w - 2, A_DIM, &u->lo);
	}
}

/* The legend below the headings: each speaker's colour, name and turns,
 * the current one underlined. */
static void draw_legend(ui *u)
{
	const outline *o = u->ol;
	int w = u->sb.w, rows = u->text_rows, y = heading_rows(u) + 1;
	if (y < rows)
		ui_draw_cut(stdscr, y++, 1, "Speakers", w - 2, A_DIM, &u->lo);
	long turn = outline_turn_at(o, u->top.start);
	int cur_spk = turn >= 0 ? o->turns[turn].speaker : -1;
	for (size_t k = 0; k < o->nspeakers && y < rows; k++, y++) {
		wattrset(stdscr, u->pal.on ? ui_palette_swatch(u, (int)k) : ui_palette_speaker(u, (int)k));
		mvwaddstr(stdscr, y, 1, u->pal.on ? " " : "-");
		wattrset(stdscr, A_NORMAL);
		char num[32];
		snprintf(num, sizeof num, " %zu", o->speakers[k].turns);
		int nw = (int)strlen(num);
		attr_t a = ui_palette_speaker(u, (int)k) | ((int)k == cur_spk ? A_UNDERLINE : 0);
		int used = ui_draw_cut(stdscr, y, 3, o->speakers[k].name, w - 3 - nw, a, &u->lo);
		wattrset(stdscr, A_DIM);
		mvwaddstr(stdscr, y, 3 + used, num);
		wattrset(stdscr, A_NORMAL);
	}
}

/* Draws the whole sidebar into stdscr. */
static void paint(ui *u)
{
	clear_panel(u);
	if (!u->ol)
		return;
	draw_headings(u);
	if (u->ol->nspeakers)
		draw_legend(u);
}

ui_list *ui_sidebar_list(ui *u)
{
	u->sb.list.n = u->ol ? (long)u->ol->nheadings : 0;
	u->sb.list.rows = heading_rows(u);
	return &u->sb.list;
}

void ui_sidebar_choose(ui *u)
{
	ui_list *l = ui_sidebar_list(u);
	ui_mode_leave(u, MODE_SIDEBAR);
	if (l->sel >= 0 && l->sel < l->n) {
		size_t before = u->top.start;
		ui_text_go(u, u->ol->headings[l->sel].off);
		if (u->top.start != before) {
			u->last_jump = before;
			u->has_last_jump = true;
		}
	}
}

void ui_sidebar_close(ui *u)
{
	ui_mode_leave(u, MODE_SIDEBAR);
}

void ui_act_toggle_sidebar(ui *u, long count)
{
	(void)count;
	u->sb.on = !u->sb.on;
	ui_mode_leave(u, MODE_SIDEBAR);
	ui_text_fit(u);
	if (u->sb.on && !u->sb.shown)
		snprintf(u->msg, sizeof u->msg, "the sidebar needs at least 60 columns");
}

void ui_act_focus_sidebar(ui *u, long count)
{
	(void)count;
	if (!u->sb.shown) {
		u->sb.on = true;
		ui_text_fit(u);
		if (!u->sb.shown) {
			snprintf(u->msg, sizeof u->msg, "the sidebar needs at least 60 columns");
			return;
		}
	}
	ui_list *l = ui_sidebar_list(u);
	l->sel = u->ol ? outline_heading_at(u->ol, u->top.start) : 0;
	ui_list_show(l);
	ui_mode_push(u, MODE_SIDEBAR);
}

/* A hash of the bookmarks' places: a star shows where a section holds one. */
static unsigned long marks_hash(const ui *u)
{
	unsigned long h = u->marks.n;
	for (size_t k = 0; k < u->marks.n; k++)
		h = h * 1000003UL ^ (unsigned long)u->marks.e[k].offset;
	return h;
}

void ui_sidebar_draw(ui *u)
{
	const outline *o = u->ol;
	ui_shown *s = &u->shown;
	long cur = o ? outline_heading_at(o, u->top.start) : -1;
	long turn = o ? outline_turn_at(o, u->top.start) : -1;
	long spk = turn >= 0 ? o->turns[turn].speaker : -1;
	/* The outline's results, and its progress while it scans. */
	unsigned long gen = 0, mh = marks_hash(u);
	if (o)
		gen = o->generation * 128 +
		      (o->done ? 101 : u->d->len ? (unsigned long)((double)o->scanned * 100 / (double)u->d->len) : 0);
	bool focused = ui_mode_in(u, MODE_SIDEBAR);
	if (s->valid && s->sb_cur == cur && s->sb_spk == spk && s->sb_sel == u->sb.list.sel &&
	    s->sb_top == u->sb.list.top && s->sb_focus == focused && s->sb_gen == gen &&
	    s->sb_marks == mh)
		return;
	paint(u);
	s->sb_cur = cur;
	s->sb_spk = spk;
	s->sb_sel = u->sb.list.sel;
	s->sb_top = u->sb.list.top;
	s->sb_focus = focused;
	s->sb_gen = gen;
	s->sb_marks = mh;
}

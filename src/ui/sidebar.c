/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sidebar: the left panel with the document's sections (indented by level,
 * the current one highlighted, a level folded under its parent on a key)
 * and a legend of speakers with their colours and number of turns.  The
 * list's entries are the headings not folded away (sb.vis, when any is).
 */
#include "build.h"
#include "ui_priv.h"
#include "fanye/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What rowi holds for a row of the legend that shows speaker k. */
#define LEGEND_ROW(k) (-2 - (long)(k))

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

/* Whether heading i's subsections are folded. */
static bool folded(const ui *u, long i)
{
	size_t off = u->ol->headings[i].off;
	for (size_t k = 0; k < u->sb.nfolded; k++)
		if (u->sb.folded[k] == off)
			return true;
	return false;
}

/* Whether heading i has subsections (the next heading is deeper). */
static bool has_children(const ui *u, long i)
{
	const outline *o = u->ol;
	return i + 1 < (long)o->nheadings && o->headings[i + 1].level > o->headings[i].level;
}

/* Makes sb.vis the headings shown: all but those under a folded one.
 * With nothing folded the entries are the headings themselves and no
 * list is made (the list is asked for at every key). */
static void visible(ui *u)
{
	const outline *o = u->ol;
	size_t n = o ? o->nheadings : 0;
	u->sb.nvis = 0;
	if (u->sb.nfolded == 0) {
		u->sb.nvis = n;
		return;
	}
	if (n > u->sb.cvis) {
		long *nv = realloc(u->sb.vis, n * sizeof *nv);
		if (!nv)
			return;
		u->sb.vis = nv;
		u->sb.cvis = n;
	}
	int hide = 0; /* headings deeper than this are folded away (0: none) */
	for (size_t i = 0; i < n; i++) {
		int lv = o->headings[i].level;
		if (hide && lv > hide)
			continue;
		hide = 0;
		u->sb.vis[u->sb.nvis++] = (long)i;
		if (folded(u, (long)i))
			hide = lv;
	}
}

/* The heading list entry p shows. */
static long heading_of(const ui *u, long p)
{
	return u->sb.nfolded ? u->sb.vis[p] : p;
}

/* The list entry that shows heading i, or the one it is folded under. */
static long entry_of(const ui *u, long i)
{
	if (u->sb.nfolded == 0)
		return i;
	long p = -1;
	for (size_t k = 0; k < u->sb.nvis && u->sb.vis[k] <= i; k++)
		p = (long)k;
	return p;
}

/* Blanks the panel and draws its rule. */
static void clear_panel(ui *u)
{
	WINDOW *W = u->sb.win;
	int w = u->sb.w, rows = u->text_rows;
	for (int y = 0; y < rows; y++) {
		wmove(W, y, 0);
		for (int x = 0; x < w; x++)
			waddch(W, ' ');
	}
	/* U+2502 itself rather than ACS_VLINE: the text is UTF-8 anyway, and
	 * an ACS line goes out through the terminal's alternate character set
	 * (SO/SI) where ncurses does not map it to Unicode (a static build). */
	cchar_t bar;
	setcchar(&bar, L"\u2502", A_NORMAL, 0, NULL);
	mvwvline_set(W, 0, w, &bar, rows);
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

/* Draws heading i from row y: indented by level, bold if current,
 * reversed if highlighted, a star if its section holds a bookmark.  A
 * highlighted title too long for the panel goes on in a second row when
 * there is one (max_rows 2).  Returns the rows it took. */
static int draw_heading(ui *u, int y, long i, bool current, bool highlighted, int max_rows)
{
	WINDOW *W = u->sb.win;
	int w = u->sb.w;
	const outline_heading *h = &u->ol->headings[i];
	const char *title = pres_title(u->P, h->title);
	int indent = (h->level - 1) * 2;
	if (indent > w / 3)
		indent = w / 3;
	attr_t a = (current ? A_BOLD : A_NORMAL) | (highlighted ? A_REVERSE : 0);
	bool marked = section_marked(u, i);
	int room = w - 2 - indent - (marked ? 2 : 0);
	size_t n = strlen(title), first = n;
	if (highlighted && max_rows > 1 && room > 4 && ui_draw_width(title, n, &u->lo) > room)
		first = ui_draw_fit(title, n, room, &u->lo);
	int rows = first < n ? 2 : 1;
	if (highlighted)
		for (int r = 0; r < rows; r++)
			ui_draw_fill(W, y + r, 0, w, a);
	if (first < n) {
		ui_draw_text(W, y, 1 + indent, title, first, room, a, &u->lo);
		ui_draw_cut(W, y + 1, 1 + indent + 2, title + first, room - 2, a, &u->lo);
	} else {
		ui_draw_cut(W, y, 1 + indent, title, room, a, &u->lo);
	}
	if (folded(u, i) && has_children(u, i)) {
		/* folded: its subsections are under the + */
		wattrset(W, a | A_BOLD);
		mvwaddch(W, y, indent, '+');
	}
	if (marked) {
		wattrset(W, a | A_BOLD);
		mvwaddch(W, y, w - 2, '*');
	}
	wattrset(W, A_NORMAL);
	return rows;
}

/* The headings in the rows above the legend, with the scan's progress. */
static void draw_headings(ui *u)
{
	const outline *o = u->ol;
	int w = u->sb.w, hr = heading_rows(u), y = 0;
	bool focused = ui_mode_in(u, MODE_SIDEBAR);
	ui_list *l = ui_sidebar_list(u);
	/* the current heading, or the one it is folded under */
	long cur = entry_of(u, outline_heading_at(o, u->top.start));
	keep_in_view(u, cur, focused);
	if (o->nheadings == 0) {
		const char *m = o->done ? _("(no sections)") : _("(scanning…)");
		ui_draw_cut(u->sb.win, y++, 1, m, w - 2, A_DIM, &u->lo);
	}
	for (long p = l->top; p < (long)u->sb.nvis && y < hr; p++) {
		int r = draw_heading(u, y, heading_of(u, p), p == cur, focused ? p == l->sel : p == cur, hr - y);
		for (int k = 0; k < r && y + k < u->sb.nrowh; k++)
			u->sb.rowi[y + k] = p;
		y += r;
	}
	if (!o->done && o->nheadings && y < hr) {
		char m[48];
		snprintf(m, sizeof m, _("(scanning %d%%)"),
		         u->d->len ? (int)((double)o->scanned * 100 / (double)u->d->len) : 100);
		ui_draw_cut(u->sb.win, y, 1, m, w - 2, A_DIM, &u->lo);
	}
}

/* The first speaker the legend shows: the current one stays in view
 * when they do not all fit in rows (the last row then says how many
 * more there are). */
static size_t legend_first(size_t n, int rows, int cur)
{
	if ((int)n <= rows || cur < 0)
		return 0;
	int names = rows - 1;
	if (names < 1)
		return (size_t)cur;
	return cur < names ? 0 : (size_t)(cur - names + 1);
}

/* The legend below the headings: each speaker's colour, name and turns,
 * the current one underlined, the others dimmed while one speaker is shown
 * alone; "+N more" when they do not all fit. */
static void draw_legend(ui *u)
{
	const outline *o = u->ol;
	WINDOW *W = u->sb.win;
	int w = u->sb.w, rows = u->text_rows, y = heading_rows(u) + 1;
	if (y < rows)
		ui_draw_cut(W, y++, 1, _("Speakers"), w - 2, A_DIM, &u->lo);
	long turn = outline_turn_at(o, u->top.start);
	int cur_spk = turn >= 0 ? outline_turn_get(o, turn).speaker : -1;
	int room = rows - y;
	bool all = (int)o->nspeakers <= room;
	size_t k = legend_first(o->nspeakers, room, cur_spk);
	int names = all ? (int)o->nspeakers : room - 1;
	int only = ui_filter_current_speaker(u);
	for (int shown = 0; shown < names && k < o->nspeakers; k++, y++, shown++) {
		wattrset(W, u->pal.on ? ui_palette_swatch(u, (int)k) : ui_palette_speaker(u, (int)k));
		mvwaddstr(W, y, 1, u->pal.on ? " " : "-");
		wattrset(W, A_NORMAL);
		char num[32];
		snprintf(num, sizeof num, " %zu", o->speakers[k].turns);
		int nw = (int)strlen(num);
		attr_t a = ui_palette_speaker(u, (int)k) | ((int)k == cur_spk ? A_UNDERLINE : 0) |
		           (only >= 0 && (int)k != only ? A_DIM : 0);
		u->sb.rowi[y] = LEGEND_ROW(k);
		int used = ui_draw_cut(W, y, 3, pres_title(u->P, o->speakers[k].name), w - 3 - nw, a, &u->lo);
		wattrset(W, A_DIM);
		mvwaddstr(W, y, 3 + used, num);
		wattrset(W, A_NORMAL);
	}
	if (!all && y < rows) {
		char more[48];
		snprintf(more, sizeof more, "+%d more", (int)o->nspeakers - names);
		ui_draw_cut(W, y, 3, more, w - 4, A_DIM, &u->lo);
	}
}

/* A hash of what row y of the panel shows. */
static unsigned long row_hash(WINDOW *W, int y, int n)
{
	unsigned long h = 5381;
	for (int x = 0; x < n; x++) {
		cchar_t c;
		wchar_t wc[CCHARW_MAX + 1];
		attr_t a;
		short pair;
		if (mvwin_wch(W, y, x, &c) == ERR || getcchar(&c, wc, &a, &pair, NULL) == ERR)
			continue;
		for (int k = 0; wc[k]; k++)
			h = h * 33 ^ (unsigned long)wc[k];
		h = h * 33 ^ (unsigned long)a ^ (unsigned long)pair << 20;
	}
	return h;
}

/* Draws the whole sidebar into its window, and notes what each row shows. */
static void paint(ui *u)
{
	clear_panel(u);
	for (int y = 0; y < u->sb.nrowh; y++)
		u->sb.rowi[y] = -1;
	if (u->ol) {
		draw_headings(u);
		if (u->ol->nspeakers)
			draw_legend(u);
	}
	for (int y = 0; y < u->text_rows && y < u->sb.nrowh; y++)
		u->sb.rowh[y] = row_hash(u->sb.win, y, u->sb.w + 1);
}

/* Makes the sidebar's window match the geometry: the text rows high, the
 * panel and its rule wide, at the left edge. */
static bool side_window(ui *u)
{
	WINDOW *W = u->sb.win;
	if (W && getmaxy(W) == u->text_rows && getmaxx(W) == u->sb.w + 1)
		return true;
	ui_sidebar_free(u);
	u->sb.win = newwin(u->text_rows, u->sb.w + 1, 0, 0);
	u->sb.rowh = calloc((size_t)u->text_rows, sizeof *u->sb.rowh);
	u->sb.rowi = calloc((size_t)u->text_rows, sizeof *u->sb.rowi);
	if (!u->sb.win || !u->sb.rowh || !u->sb.rowi) {
		ui_sidebar_free(u);
		return false;
	}
	u->sb.nrowh = u->text_rows;
	leaveok(u->sb.win, TRUE);
	u->shown.sb_valid = false;
	return true;
}

void ui_sidebar_free(ui *u)
{
	if (u->sb.win)
		delwin(u->sb.win);
	u->sb.win = NULL;
	free(u->sb.rowh);
	u->sb.rowh = NULL;
	free(u->sb.rowi);
	u->sb.rowi = NULL;
	u->sb.nrowh = 0;
	free(u->sb.folded);
	u->sb.folded = NULL;
	u->sb.nfolded = u->sb.cfolded = 0;
	free(u->sb.vis);
	u->sb.vis = NULL;
	u->sb.nvis = u->sb.cvis = 0;
}

int ui_sidebar_moved_rows(const ui *u, int shift)
{
	int n = u->sb.nrowh, d = 0, s = shift > 0 ? shift : -shift;
	if (!u->sb.win || n != u->text_rows || s >= n)
		return n;
	for (int y = 0; y + s < n; y++)
		d += u->sb.rowh[y] != u->sb.rowh[y + s];
	return d;
}

void ui_sidebar_scrolled_copy(ui *u, int shift)
{
	int n = u->text_rows, w = u->sb.w, s = shift > 0 ? shift : -shift;
	if (!u->sb.win || s >= n)
		return;
	if (shift > 0)
		copywin(u->sb.win, stdscr, s, 0, 0, 0, n - 1 - s, w, FALSE);
	else
		copywin(u->sb.win, stdscr, 0, 0, s, 0, n - 1, w, FALSE);
	for (int y = shift > 0 ? n - s : 0, k = 0; k < s; k++, y++)
		ui_draw_fill(stdscr, y, 0, w + 1, A_NORMAL);
	/* copywin touches only what differs from stdscr, which may hold this
	 * very copy from the frame before. */
	touchline(stdscr, 0, n);
	touchwin(u->sb.win); /* put back over it when the frame ends */
}

void ui_sidebar_refresh(ui *u)
{
	if (u->sb.shown && u->sb.win)
		wnoutrefresh(u->sb.win);
}

long ui_sidebar_heading_at(const ui *u, int y)
{
	long i = u->sb.win && y >= 0 && y < u->sb.nrowh ? u->sb.rowi[y] : -1;
	return i >= 0 ? i : -1;
}

int ui_sidebar_speaker_at(const ui *u, int y)
{
	long i = u->sb.win && y >= 0 && y < u->sb.nrowh ? u->sb.rowi[y] : -1;
	return i <= LEGEND_ROW(0) ? (int)(LEGEND_ROW(0) - i) : -1;
}

ui_list *ui_sidebar_list(ui *u)
{
	visible(u);
	u->sb.list.n = (long)u->sb.nvis;
	u->sb.list.rows = heading_rows(u);
	return &u->sb.list;
}

void ui_sidebar_choose(ui *u)
{
	ui_list *l = ui_sidebar_list(u);
	ui_mode_leave(u, MODE_SIDEBAR);
	if (l->sel >= 0 && l->sel < l->n) {
		size_t before = u->top.start;
		ui_text_go(u, u->ol->headings[heading_of(u, l->sel)].off);
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
		snprintf(u->msg, sizeof u->msg, _("the sidebar needs at least 60 columns"));
}

void ui_act_focus_sidebar(ui *u, long count)
{
	(void)count;
	if (!u->sb.shown) {
		u->sb.on = true;
		ui_text_fit(u);
		if (!u->sb.shown) {
			snprintf(u->msg, sizeof u->msg, _("the sidebar needs at least 60 columns"));
			return;
		}
	}
	ui_list *l = ui_sidebar_list(u);
	l->sel = u->ol ? entry_of(u, outline_heading_at(u->ol, u->top.start)) : 0;
	ui_list_show(l);
	ui_mode_push(u, MODE_SIDEBAR);
}

void ui_act_fold(ui *u, long count)
{
	(void)count;
	ui_list *l = ui_sidebar_list(u);
	if (!u->ol || l->sel < 0 || l->sel >= l->n)
		return;
	long i = heading_of(u, l->sel);
	if (!has_children(u, i)) {
		snprintf(u->msg, sizeof u->msg, _("no subsections to fold"));
		return;
	}
	size_t off = u->ol->headings[i].off;
	bool was = false;
	for (size_t k = 0; k < u->sb.nfolded; k++)
		if (u->sb.folded[k] == off) {
			u->sb.folded[k] = u->sb.folded[--u->sb.nfolded];
			was = true;
			break;
		}
	if (!was) {
		if (u->sb.nfolded == u->sb.cfolded) {
			size_t nc = u->sb.cfolded ? u->sb.cfolded * 2 : 8;
			size_t *nf = realloc(u->sb.folded, nc * sizeof *nf);
			if (!nf)
				return;
			u->sb.folded = nf;
			u->sb.cfolded = nc;
		}
		u->sb.folded[u->sb.nfolded++] = off;
	}
	/* the same heading stays selected */
	ui_sidebar_list(u);
	l->sel = entry_of(u, i);
	ui_list_show(l);
	u->shown.sb_valid = false;
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
	long spk = turn >= 0 ? outline_turn_get(o, turn).speaker : -1;
	/* The outline's results, and its progress while it scans. */
	unsigned long gen = 0, mh = marks_hash(u);
	if (o)
		gen = o->generation * 128 +
		      (o->done ? 101 : u->d->len ? (unsigned long)((double)o->scanned * 100 / (double)u->d->len) : 0);
	bool focused = ui_mode_in(u, MODE_SIDEBAR);
	if (!side_window(u))
		return;
	if (!s->valid)
		touchwin(u->sb.win); /* stdscr under it was erased */
	if (s->valid && s->sb_valid && s->sb_cur == cur && s->sb_spk == spk && s->sb_sel == u->sb.list.sel &&
	    s->sb_top == u->sb.list.top && s->sb_focus == focused && s->sb_gen == gen &&
	    s->sb_marks == mh)
		return;
	paint(u);
	s->sb_valid = true;
	s->sb_cur = cur;
	s->sb_spk = spk;
	s->sb_sel = u->sb.list.sel;
	s->sb_top = u->sb.list.top;
	s->sb_focus = focused;
	s->sb_gen = gen;
	s->sb_marks = mh;
}

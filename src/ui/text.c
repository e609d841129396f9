/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * text: the pager's text view.  Where the top row is and the actions that
 * move it; the geometry of the text area; and its drawing, which scrolls
 * the rows already on the terminal and draws only the new ones.
 */
#include "build.h"
#include "ui_priv.h"
#include "fanye/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

/* ---- position ---------------------------------------------------------- */

layout_row ui_text_end(ui *u)
{
	layout_row r = layout_last(u->L);
	layout_move(u->L, &r, -(long)(u->text_rows - 1));
	return r;
}

/* Lays out forward from the top first (the rows the screen needs anyway):
 * the end of the document is laid out only when it is in view. */
void ui_text_clamp(ui *u)
{
	layout_row r = u->top;
	if (layout_move(u->L, &r, u->text_rows - 1) == u->text_rows - 1)
		return;
	layout_row m = ui_text_end(u);
	if (u->top.start > m.start)
		u->top = m;
}

layout_row ui_text_bottom(ui *u, bool *full)
{
	ui_bottom *c = &u->bottom;
	if (!c->valid || c->top != u->top.start || c->epoch != layout_epoch(u->L) ||
	    c->rows != u->text_rows || c->len != u->d->len) {
		c->row = u->top;
		c->full = layout_move(u->L, &c->row, u->text_rows - 1) == u->text_rows - 1;
		c->top = u->top.start;
		c->epoch = layout_epoch(u->L);
		c->rows = u->text_rows;
		c->len = u->d->len;
		c->valid = true;
	}
	if (full)
		*full = c->full;
	return c->row;
}

/* Moves the top n rows (down when n > 0), down only while the screen stays
 * full: the row below the bottom one must exist.  Only the rows near the
 * view are laid out. */
static void scroll_rows(ui *u, long n)
{
	if (n > 0) {
		bool full;
		layout_row bottom = ui_text_bottom(u, &full), t;
		if (!full)
			return;
		while (n-- > 0 && layout_next(u->L, &bottom, &t) && layout_next(u->L, &u->top, &u->top))
			bottom = t;
		/* The bottom row for the new top, known now. */
		u->bottom.top = u->top.start;
		u->bottom.row = bottom;
	} else if (n < 0) {
		layout_move(u->L, &u->top, n);
	}
}

void ui_text_go(ui *u, size_t off)
{
	u->top = layout_row_at(u->L, off);
	/* A row's ruby readings, in the row above it, come with it. */
	layout_row above;
	if (layout_prev(u->L, &u->top, &above) && above.ruby)
		u->top = above;
	/* -j: the target on that screen row (1 the top, -1 the bottom). */
	int jt = u->jump_target;
	int rows_above = jt > 0 ? jt - 1 : jt < 0 ? u->text_rows + jt : 0;
	if (rows_above >= u->text_rows)
		rows_above = u->text_rows - 1;
	if (rows_above > 0 && off > 0)
		layout_move(u->L, &u->top, -rows_above);
	ui_text_clamp(u);
}

/* Columns Left and Right move with cut rows (-S). */
static int shift_cols(const ui *u)
{
	return u->shift > 0 ? u->shift : u->cols / 2 > 0 ? u->cols / 2 : 1;
}

void ui_act_scroll_right(ui *u, long count)
{
	if (!u->chop) {
		snprintf(u->msg, sizeof u->msg, _("long lines are wrapped: there is nothing to the right (-S cuts them)"));
		return;
	}
	u->hshift += (int)(count > 0 ? count : 1) * shift_cols(u);
	u->shown.valid = false;
}

void ui_act_scroll_left(ui *u, long count)
{
	if (!u->chop) {
		snprintf(u->msg, sizeof u->msg, _("long lines are wrapped: there is nothing to the left (-S cuts them)"));
		return;
	}
	u->hshift -= (int)(count > 0 ? count : 1) * shift_cols(u);
	if (u->hshift < 0)
		u->hshift = 0;
	u->shown.valid = false;
}

static long page_rows(const ui *u)
{
	return u->text_rows > 1 ? u->text_rows : 1;
}

/* ---- actions ------------------------------------------------------------ */

void ui_act_line_down(ui *u, long count)
{
	scroll_rows(u, count > 0 ? count : 1);
}

void ui_act_line_up(ui *u, long count)
{
	scroll_rows(u, -(count > 0 ? count : 1));
}

void ui_act_page_down(ui *u, long count)
{
	scroll_rows(u, count > 0 ? count : page_rows(u));
}

void ui_act_page_up(ui *u, long count)
{
	scroll_rows(u, -(count > 0 ? count : page_rows(u)));
}

static long half_rows(ui *u, long count)
{
	if (count > 0)
		u->half = count;
	if (u->half > 0)
		return u->half;
	return u->text_rows / 2 > 0 ? u->text_rows / 2 : 1;
}

void ui_act_half_down(ui *u, long count)
{
	scroll_rows(u, half_rows(u, count));
}

void ui_act_half_up(ui *u, long count)
{
	scroll_rows(u, -half_rows(u, count));
}

void ui_act_top(ui *u, long count)
{
	ui_text_go(u, count > 0 ? doc_line_offset(u->d, (size_t)count) : 0);
}

void ui_act_bottom(ui *u, long count)
{
	ui_session_refresh(u); /* as less: a file that grew is read on */
	if (count > 0)
		ui_text_go(u, doc_line_offset(u->d, (size_t)count));
	else
		u->top = ui_text_end(u);
}

void ui_act_follow(ui *u, long count)
{
	(void)count;
	u->follow = true;
	u->top = ui_text_end(u);
	snprintf(u->msg, sizeof u->msg, _("following the end of the file (any key stops)"));
}

void ui_act_percent(ui *u, long count)
{
	if (count < 0)
		count = 0;
	if (count > 100)
		count = 100;
	ui_text_go(u, (size_t)((double)u->d->len * (double)count / 100.0));
}

/* Groups the digits of v by thousands: 87,757. */
static const char *thousands(size_t v, char *buf, size_t n)
{
	char d[32];
	int len = snprintf(d, sizeof d, "%zu", v), o = 0;
	for (int i = 0; i < len && (size_t)o + 2 < n; i++) {
		if (i && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = d[i];
	}
	buf[o] = 0;
	return buf;
}

void ui_act_file_info(ui *u, long count)
{
	(void)count;
	bool filled;
	layout_row bottom = ui_text_bottom(u, &filled);
	size_t a = doc_line_number(u->d, u->top.start, 0);
	size_t b = doc_line_number(u->d, bottom.start, 0);
	/* the total once the index has got there without a long wait */
	size_t total = doc_line_number(u->d, u->d->len ? u->d->len - 1 : 0, (size_t)4 << 20);
	char of[48] = "", sz[32] = "", bytes[64];
	if (total)
		snprintf(of, sizeof of, " of %zu", total);
	/* the bytes of the file on disk (not of the decoded text) */
	struct stat st;
	if (u->d->path && doc_is_file(u->d) && stat(u->d->path, &st) == 0)
		snprintf(bytes, sizeof bytes, "%s bytes", thousands((size_t)st.st_size, sz, sizeof sz));
	else
		snprintf(bytes, sizeof bytes, "%s bytes read", thousands(u->d->len, sz, sizeof sz));
	int pct = bottom.last || !u->d->len ? 100 : (int)((double)u->top.start * 100.0 / (double)u->d->len);
	/* the whole path, as the status line has only the name */
	char *full = u->d->path && doc_is_file(u->d) ? realpath(u->d->path, NULL) : NULL;
	char rest[300];
	char packed[32] = "";
	if (u->d->packed[0])
		snprintf(packed, sizeof packed, " in %s", u->d->packed);
	snprintf(rest, sizeof rest, "  %s%s  %s, %s  lines %zu-%zu%s  %s  %d%%", pres_format_name(u->fmt), packed,
	         u->d->encoding, u->d->encoding_how ? u->d->encoding_how : "detected", a, b, of, bytes, pct);
	/* the path shortened from the left (…/dir/file) when the line is too
	 * long for the screen, so that the rest is seen whole */
	const char *path = full ? full : u->d->path ? u->d->path : u->d->name;
	int room = COLS - 1 - ui_draw_width(rest, strlen(rest), &u->lo);
	const char *p = path;
	bool cut = false;
	while (*p && room > 1 && ui_draw_width(p, strlen(p), &u->lo) > room) {
		const char *slash = strchr(p + 1, '/');
		if (!slash)
			break;
		p = slash;
		cut = true;
	}
	snprintf(u->msg, sizeof u->msg, "%s%.200s%s", cut ? "\xE2\x80\xA6" : "", p, rest);
	free(full);
}

void ui_text_present(ui *u)
{
	pres_opts po = *pres_get_opts(u->P);
	po.format = u->source ? PRES_PLAIN : u->fmt;
	po.ruby = u->ruby;
	pres_set_opts(u->P, &po);
	ui_find_represent(u);
	u->shown.valid = false;
	ui_status_forget(u);
	/* The passage at the top stays at the top. */
	u->top = layout_row_at(u->L, u->top.start);
	ui_text_clamp(u);
}

void ui_act_script(ui *u, long count)
{
	(void)count;
	pres_opts po = *pres_get_opts(u->P);
	po.script = (enum pres_script)((po.script + 1) % PRES_NSCRIPTS);
	pres_set_opts(u->P, &po);
	ui_text_present(u);
	char keys[32];
	keymap_keys_string(u->km, ACT_SCRIPT, keys, sizeof keys);
	if (po.script == PRES_SCRIPT_ASIS)
		snprintf(u->msg, sizeof u->msg, _("Chinese as it is written (%s: simplified)"), keys);
	else
		snprintf(u->msg, sizeof u->msg, _("Chinese shown %s (OpenCC; %s: the next)"), pres_script_name(po.script), keys);
}

void ui_act_toggle_source(ui *u, long count)
{
	(void)count;
	if (u->fmt == PRES_PLAIN) {
		snprintf(u->msg, sizeof u->msg, _("plain text: the source is what is shown"));
		return;
	}
	u->source = !u->source;
	ui_text_present(u);
	char keys[32];
	keymap_keys_string(u->km, ACT_TOGGLE_SOURCE, keys, sizeof keys);
	char *sp = strchr(keys, ' ');
	if (sp)
		*sp = 0; /* the first key is enough */
	snprintf(u->msg, sizeof u->msg, u->source ? "the source (%s: as %s)" : "as %s (%s: the source)",
	         u->source ? keys : pres_format_name(u->fmt), u->source ? pres_format_name(u->fmt) : keys);
}

void ui_act_redraw(ui *u, long count)
{
	(void)count;
	u->shown.valid = false;
	clearok(curscr, TRUE);
}

void ui_act_quit(ui *u, long count)
{
	(void)count;
	u->quit = true;
}

/* ---- geometry ----------------------------------------------------------- */

/* The line numbers' gutter (-N): as wide as the document's last line
 * number may be (a guess until the lines are counted), and a space; seven
 * columns at least, as less has. */
static int gutter_width(const ui *u)
{
	size_t most = u->d->len / 16 + 1, digits = 1;
	while (most >= 10) {
		most /= 10;
		digits++;
	}
	return digits + 1 > 7 ? (int)digits + 1 : 7;
}

int ui_sidebar_auto_width(ui *u)
{
	int most = 0;
	const outline *o = u->ol;
	for (size_t i = 0; o && i < o->nheadings; i++) {
		const outline_heading *h = &o->headings[i];
		/* indent, margins and room for a bookmark's star */
		int w = ui_draw_width(h->title, strlen(h->title), &u->lo) + (h->level - 1) * 2 + 4;
		if (w > most)
			most = w;
	}
	for (size_t k = 0; o && k < o->nspeakers; k++) {
		/* swatch, name and the number of turns */
		int w = ui_draw_width(o->speakers[k].name, strlen(o->speakers[k].name), &u->lo) + 9;
		if (w > most)
			most = w;
	}
	int hi = COLS / 3 > 16 ? COLS / 3 : 16;
	return most < 16 ? 16 : most > hi ? hi : most;
}

void ui_text_fit(ui *u)
{
	u->text_rows = LINES - 1;
	u->too_small = LINES < 2 || COLS < 4;
	if (u->too_small)
		return;
	bool structure = u->ol && (u->ol->nheadings > 0 || u->ol->nspeakers > 0);
	u->sb.shown = u->sb.on && COLS >= 60 && (!u->sb.autom || structure);
	if (!u->sb.shown)
		ui_mode_leave(u, MODE_SIDEBAR);
	if (u->sb.cfg_w > 0)
		u->sb.w = u->sb.cfg_w < COLS / 2 ? u->sb.cfg_w : COLS / 2;
	else
		u->sb.w = ui_sidebar_auto_width(u);
	u->text_x = u->sb.shown ? u->sb.w + 1 : 0;
	u->cols = COLS - u->text_x;
	u->gutter = u->line_numbers ? gutter_width(u) : 0;
	if (u->gutter >= u->cols / 2)
		u->gutter = 0;
	u->text_x += u->gutter;
	u->cols -= u->gutter;
	/* A comfortable measure: the text no wider than max-width, centred. */
	if (u->max_width > 0 && u->cols > u->max_width) {
		u->text_x += (u->cols - u->max_width) / 2;
		u->cols = u->max_width;
	}
	u->lo.width = u->cols;
	u->lo.chop = u->chop;
	layout_set_opts(u->L, &u->lo);
	u->shown.valid = false;
	/* The passage at the top stays at the top. */
	u->top = layout_row_at(u->L, u->top.start);
	ui_text_clamp(u);
}

/* ---- drawing ------------------------------------------------------------ */

/* Rows from the text at old_top to the top now (negative: the text moved
 * down), or 0 when they do not share a screen. */
static int row_shift(ui *u, size_t old_top)
{
	if (old_top == u->top.start)
		return 0;
	bool down = old_top > u->top.start;
	size_t target = down ? old_top : u->top.start;
	/* The old top row as remembered: no search for it in the layout. */
	layout_row r = down ? u->top : u->shown.top;
	if (r.start != (down ? u->top.start : old_top))
		return 0;
	for (int i = 1; i < u->text_rows; i++) {
		if (!layout_next(u->L, &r, &r) || r.start > target)
			return 0;
		if (r.start == target)
			return down ? -i : i;
	}
	return 0;
}

/* Makes the window of the text area match the geometry: from the sidebar's
 * rule (or the left edge) to the right edge, above the status line. */
static bool text_window(ui *u)
{
	int x = u->sb.shown ? u->sb.w + 1 : 0;
	if (u->tw && u->tw_x == x && getmaxy(u->tw) == u->text_rows && getmaxx(u->tw) == COLS - x)
		return true;
	if (u->tw)
		delwin(u->tw);
	u->tw = newwin(u->text_rows, COLS - x, 0, x);
	u->tw_x = x;
	u->shown.valid = false;
	if (!u->tw)
		return false;
	leaveok(u->tw, TRUE);
	idlok(u->tw, TRUE);
	return true;
}

/* Adds to sp the part of source range [a, b) that row view v shows, in
 * attribute attr. */
static void span_from_source(ui_spans *sp, const layout_view *v, size_t a, size_t b, attr_t attr)
{
	if (!v->para) {
		/* the row's source as it is: v->text is the source from a row's
		 * start, which the caller gives as base */
		return;
	}
	size_t sa = pres_shown(v->para, a), sb = pres_shown(v->para, b);
	if (sb <= v->at || sa >= v->at + v->len || sb <= sa)
		return;
	ui_draw_span_add(sp, (ui_span){sa > v->at ? sa - v->at : 0, sb - v->at, attr});
}

/* The spans of the styles the row's paragraph gives its text. */
static void style_spans(ui *u, ui_spans *sp, const layout_view *v)
{
	const pres_para *p = v->para;
	if (!p || p->nstyles <= 1)
		return;
	size_t e = v->at + v->len;
	for (size_t k = 0; k < p->nruns; k++) {
		const pres_run *r = &p->runs[k];
		if (r->at >= e)
			break;
		if (r->style == 0 || r->at + r->len <= v->at || r->style >= p->nstyles)
			continue;
		size_t a = r->at > v->at ? r->at - v->at : 0, b = r->at + r->len - v->at;
		ui_draw_span_add(sp, (ui_span){a, b, ui_palette_style(u, &p->styles[r->style])});
	}
}

/* The bars of a block quote, in the row's indent. */
static void quote_bars(WINDOW *w, int x0, const layout_view *v)
{
	if (!v->para || !v->para->quote)
		return;
	cchar_t bar;
	setcchar(&bar, L"\u2502", A_DIM, 0, NULL);
	for (int q = 0; q < v->para->quote && 2 * q < v->x; q++)
		mvwadd_wch(w, getcury(w), x0 + 2 * q, &bar);
}

/* Draws text row y of the window: the row r (NULL: past the end, a "~"),
 * in its styles, with its speaker label coloured and the matches in u->hl
 * (offsets from base) from *next on highlighted. */
static void draw_row(ui *u, int y, const layout_row *r, size_t base, size_t *next)
{
	WINDOW *w = u->tw;
	int x = u->text_x - u->tw_x;
	wattrset(w, A_NORMAL);
	wmove(w, y, 0);
	wclrtoeol(w);
	if (!r) {
		wattrset(w, A_DIM);
		mvwaddch(w, y, x, '~');
		wattrset(w, A_NORMAL);
		return;
	}
	layout_view v;
	bool presented = layout_row_view(u->L, r, &v);
	if (v.ruby) { /* the readings over the row below */
		ui_draw_text(w, y, x, (const char *)v.text, v.len, u->cols, A_DIM, &u->lo);
		return;
	}
	ui_spans *sp = &u->row_spans;
	sp->n = 0;
	style_spans(u, sp, &v);
	long t = u->ol ? outline_turn_at(u->ol, r->start) : -1;
	if (t >= 0) {
		/* A turn is marked by its label in the speaker's colour; the text
		 * stays plain, easy to read at length. */
		const outline_turn turn = outline_turn_get(u->ol, t), *tu = &turn;
		size_t lend = tu->off + tu->label_len;
		attr_t a = ui_palette_speaker(u, tu->speaker);
		if (!presented) {
			if (lend > r->start && tu->off < r->end)
				ui_draw_span_add(sp, (ui_span){tu->off > r->start ? tu->off - r->start : 0,
				                               lend - r->start, a});
		} else if (lend > r->start && tu->off < r->end) {
			span_from_source(sp, &v, tu->off, lend, a);
		}
	}
	/* The matches are in order and do not overlap: those ending before this
	 * row are behind for the rows below too. */
	while (*next < u->hl.n && base + u->hl.v[*next].b <= r->start)
		(*next)++;
	for (size_t i = *next; i < u->hl.n && base + u->hl.v[i].a < r->end; i++) {
		size_t ms = base + u->hl.v[i].a, me = base + u->hl.v[i].b;
		if (presented)
			span_from_source(sp, &v, ms, me, u->hl.v[i].attr);
		else
			ui_draw_span_add(sp, (ui_span){ms > r->start ? ms - r->start : 0, me - r->start,
			                               u->hl.v[i].attr});
	}
	wmove(w, y, x);
	quote_bars(w, x, &v);
	/* Cut rows (-S) are drawn from the column scrolled to; their indent
	 * scrolls with them. */
	int at = v.x - u->hshift, skip = 0;
	if (at < 0) {
		skip = -at;
		at = 0;
	}
	ui_draw_spans_from(w, y, x + at, (const char *)v.text, v.len, skip, u->cols - at, A_NORMAL, &u->lo,
	                   sp->v, sp->n);
}

/* The line number of row r in the gutter (-N), on the first row of a line;
 * *line is the number of the line r starts in, kept from row to row. */
static void draw_number(ui *u, int y, const layout_row *r, size_t *line, size_t *at)
{
	if (!u->gutter)
		return;
	if (*line == 0 || r->start < *at)
		*line = doc_line_number(u->d, r->start, (size_t)16 << 20);
	else if (*line)
		*line += doc_count_eols(u->d, *at, r->start);
	*at = r->start;
	bool first = !r->ruby && (r->start == 0 || doc_is_eol(u->d, r->start - 1));
	if (!first || *line == 0)
		return;
	char num[32];
	int n = snprintf(num, sizeof num, "%*zu ", u->gutter - 1, *line);
	wattrset(u->tw, A_DIM);
	mvwaddnstr(u->tw, y, u->text_x - u->tw_x - u->gutter, num, n);
	wattrset(u->tw, A_NORMAL);
}

/* Draws rows [y0, y1) of the window from row r on. */
static void draw_rows(ui *u, int y0, int y1, layout_row r)
{
	size_t base = r.start, next = 0, line = 0, line_at = 0;
	bool more = true;
	u->hl.n = 0;
	if (u->find.s) {
		layout_row last = r;
		layout_move(u->L, &last, y1 - y0 - 1);
		ui_find_spans(u, base, last.next, &u->hl); /* once for all the rows */
	}
	for (int y = y0; y < y1; y++) {
		draw_row(u, y, more ? &r : NULL, base, &next);
		if (more)
			draw_number(u, y, &r, &line, &line_at);
		if (more)
			more = layout_next(u->L, &r, &r);
	}
}

/* The key of rows drawn now over [.., b). */
static ui_rows_key rows_key(const ui *u, size_t b)
{
	return (ui_rows_key){
		.len = u->d->len,
		.find_gen = u->find.gen,
		.find_ms = u->find.has_match ? u->find.ms : 0,
		.ol_upto = u->ol ? (u->ol->scanned < b ? u->ol->scanned : b) : 0,
		.ol_speakers = u->ol ? u->ol->nspeakers : 0,
		.find_has = u->find.has_match,
		.find_err = u->find.err[0] != 0,
	};
}

/* Whether the rows on the terminal still show what they would show now. */
static bool rows_still_valid(const ui *u)
{
	ui_rows_key k = rows_key(u, u->shown.b);
	return u->shown.valid && memcmp(&k, &u->shown.rows, sizeof k) == 0;
}

static void remember_rows(ui *u, layout_row bottom)
{
	u->shown.a = u->top.start;
	u->shown.top = u->top;
	u->shown.b = bottom.next;
	u->shown.rows = rows_key(u, bottom.next);
}

/* Scrolls rows [0, n) of w by shift (up when shift > 0). */
static void scroll_window(WINDOW *w, int shift, int n)
{
	wsetscrreg(w, 0, n - 1);
	scrollok(w, TRUE);
	wscrl(w, shift);
	scrollok(w, FALSE); /* a write in the last column must not scroll */
}

/* Beside the sidebar, the text rows are not the whole width, and ncurses,
 * which finds scrolls by comparing whole rows, finds none where most of the
 * sidebar's rows differ from their neighbours (a heading on every row): it
 * would rewrite every text row, 1,684 bytes a `j`.  Then the rows are
 * first sent scrolled across the whole width, the sidebar's moved with
 * them; the sidebar's window is put back over them by the rest of the
 * frame, and only its cells that differ go out.  Where few of its rows
 * differ (blank rows, a short list), ncurses finds the scroll itself and
 * one update is cheaper. */
static void scroll_beside_sidebar(ui *u, int shift)
{
	int s = shift > 0 ? shift : -shift;
	if (ui_sidebar_moved_rows(u, shift) * 2 <= u->text_rows - s)
		return;
	ui_sidebar_scrolled_copy(u, shift);
	wnoutrefresh(stdscr);
	wnoutrefresh(u->tw);
	doupdate();
}

/* Brings the text rows up to date: nothing when they are the same, a
 * scroll and the new rows when the text moved by less than a screen, all
 * of them otherwise.  Returns the last row shown. */
static layout_row update_rows(ui *u)
{
	int n = u->text_rows;
	bool full_screen;
	layout_row bottom = ui_text_bottom(u, &full_screen);
	bool valid = rows_still_valid(u);
	int shift = valid ? row_shift(u, u->shown.a) : 0;
	if (valid && u->top.start == u->shown.a)
		return bottom;
	if (valid && shift != 0 && full_screen) {
		/* Scroll what is there; ncurses sends it as a terminal scroll
		 * when the rows are the whole width. */
		scroll_window(u->tw, shift, n);
		layout_row r = u->top;
		if (shift > 0) {
			layout_move(u->L, &r, n - shift);
			draw_rows(u, n - shift, n, r);
		} else {
			draw_rows(u, 0, -shift, r);
		}
		if (u->sb.shown)
			scroll_beside_sidebar(u, shift);
		return bottom;
	}
	/* A jump to text that shares nothing with the screen repaints it from
	 * blank: fewer bytes than a cell-by-cell diff of unrelated text, and no
	 * half-overwritten wide characters on the way. */
	if (u->shown.valid && (u->top.start >= u->shown.b || bottom.next <= u->shown.a))
		clearok(curscr, TRUE);
	draw_rows(u, 0, n, u->top);
	return bottom;
}

void ui_text_draw(ui *u)
{
	ui_palette_speakers(u);
	if (!text_window(u))
		return;
	if (!u->shown.valid) {
		werase(stdscr); /* the sidebar and the status line are drawn again */
		touchwin(u->tw);
	}
	layout_row bottom = update_rows(u);
	remember_rows(u, bottom);
	if (u->sb.shown)
		ui_sidebar_draw(u);
	if (!ui_mode_in(u, MODE_SEARCH))
		ui_status_draw(u, bottom); /* the search prompt is drawn there */
	u->shown.valid = true;
}

void ui_text_refresh(ui *u)
{
	int y, x;
	getyx(stdscr, y, x);
	wnoutrefresh(stdscr);
	ui_sidebar_refresh(u);
	if (u->tw)
		wnoutrefresh(u->tw);
	/* The cursor of a prompt, in stdscr, not where the text window left it. */
	if (!is_leaveok(stdscr))
		setsyx(y, x);
}

void ui_text_free(ui *u)
{
	if (u->tw)
		delwin(u->tw);
	u->tw = NULL;
	ui_sidebar_free(u);
	ui_draw_spans_free(&u->hl);
	ui_draw_spans_free(&u->row_spans);
}

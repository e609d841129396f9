/*
 * status: the pager's status line.  It is plain text, as less's prompt is:
 * over a slow link a one-row scroll then costs a few bytes for the line
 * number, not a redraw of a reverse-video bar.  What changes as one reads
 * (the speaker, the line, the percentage) sits together at the right, so
 * that an update is one cursor move and a few characters; the file and the
 * section at the left.  The line is drawn only when what it says changed.
 */
#include "build.h"
#include "ui_priv.h"

#include <stdio.h>
#include <string.h>

/* The title of the section at off and the speaker of the turn there. */
static void where(const ui *u, size_t off, const char **section, const char **speaker)
{
	*section = *speaker = NULL;
	if (!u->ol)
		return;
	long h = outline_heading_at(u->ol, off);
	if (h >= 0)
		*section = u->ol->headings[h].title;
	long t = outline_turn_at(u->ol, off);
	if (t >= 0)
		*speaker = u->ol->speakers[u->ol->turns[t].speaker].name;
}

/* What the status line says, its three parts. */
typedef struct status_text {
	char right[96];       /* line and percentage */
	const char *speaker;  /* or NULL */
	char left[512];       /* file, encoding, section */
} status_text;

static void compose(const ui *u, layout_row bottom, status_text *t)
{
	size_t line = doc_line_number(u->d, u->top.start, (size_t)16 << 20);
	int pct = u->d->len ? (int)((double)bottom.next * 100.0 / (double)u->d->len) : 100;
	char lbuf[32];
	if (line)
		snprintf(lbuf, sizeof lbuf, "%zu", line);
	else
		snprintf(lbuf, sizeof lbuf, "?");
	snprintf(t->right, sizeof t->right, "  line %s  %d%%%s ", lbuf, pct,
	         bottom.last ? " (END)" : "");
	const char *section;
	where(u, u->top.start, &section, &t->speaker);
	bool other = strcmp(u->d->encoding, "UTF-8") != 0;
	snprintf(t->left, sizeof t->left, "%s%s%s%s%s%s", u->d->name, other ? " [" : "",
	         other ? u->d->encoding : "", other ? "]" : "", section ? " | " : "",
	         section ? section : "");
}

/* Draws the three parts: the right one at the right edge, the speaker (at
 * most a third of the row) just left of it, the left one in what is left. */
static void put(ui *u, const status_text *t)
{
	int y = LINES - 1;
	int rw = (int)strlen(t->right);
	if (rw <= COLS)
		mvwaddstr(stdscr, y, COLS - rw, t->right);
	if (t->speaker) {
		int sw = ui_draw_width(t->speaker, strlen(t->speaker), &u->lo);
		int maxw = COLS / 3;
		if (sw > maxw)
			sw = maxw;
		if (sw > 0 && COLS - rw - sw > COLS / 3) {
			rw += sw;
			ui_draw_cut(stdscr, y, COLS - rw, t->speaker, sw, A_NORMAL, &u->lo);
		}
	}
	ui_draw_cut(stdscr, y, 0, t->left, COLS - rw - 1, A_NORMAL, &u->lo);
}

void ui_status_draw(ui *u, layout_row bottom)
{
	status_text t;
	char said[sizeof u->shown.status];
	if (u->msg[0]) {
		snprintf(said, sizeof said, "\1%s", u->msg);
	} else {
		compose(u, bottom, &t);
		snprintf(said, sizeof said, "%s\1%s\1%s", t.left, t.speaker ? t.speaker : "", t.right);
	}
	if (u->shown.valid && strcmp(said, u->shown.status) == 0)
		return;
	memcpy(u->shown.status, said, sizeof said);
	int y = LINES - 1;
	wattrset(stdscr, A_NORMAL);
	wmove(stdscr, y, 0);
	wclrtoeol(stdscr);
	if (u->msg[0])
		ui_draw_cut(stdscr, y, 0, u->msg, COLS - 1, A_BOLD, &u->lo);
	else
		put(u, &t);
	wattrset(stdscr, A_NORMAL);
}

void ui_status_forget(ui *u)
{
	u->shown.status[0] = 0;
}

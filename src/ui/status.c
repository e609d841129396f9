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

/* The section at off (its index and title) and the speaker of the turn
 * there. */
static void where(const ui *u, size_t off, long *h, const char **section, const char **speaker)
{
	*section = *speaker = NULL;
	*h = -1;
	if (!u->ol)
		return;
	*h = outline_heading_at(u->ol, off);
	if (*h >= 0)
		*section = u->ol->headings[*h].title;
	long t = outline_turn_at(u->ol, off);
	if (t >= 0)
		*speaker = u->ol->speakers[u->ol->turns[t].speaker].name;
}

/* What the status line says, its three parts. */
typedef struct status_text {
	char right[96];       /* line and percentage */
	const char *speaker;  /* or NULL */
	const char *left;     /* file, encoding, section */
} status_text;

/* Appends the decimal digits of v at p; returns the end. */
static char *put_number(char *p, size_t v)
{
	char d[24];
	int n = 0;
	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = d[--n];
	return p;
}

/* Writes "  line N  P% (END) " into out (96 bytes are plenty): by hand,
 * as snprintf was a twentieth of the cost of a j. */
static void format_right(char *out, size_t line, int pct, bool end)
{
	char *p = out;
	memcpy(p, "  line ", 7);
	p += 7;
	if (line)
		p = put_number(p, line);
	else
		*p++ = '?';
	*p++ = ' ';
	*p++ = ' ';
	p = put_number(p, (size_t)(pct < 0 ? 0 : pct));
	*p++ = '%';
	if (end) {
		memcpy(p, " (END)", 6);
		p += 6;
	}
	*p++ = ' ';
	*p = 0;
}

/* Composes the status line; the left part is written again only when its
 * section is another (it is the same as the reader moves a row). */
static void compose(ui *u, layout_row bottom, status_text *t)
{
	size_t line = doc_line_number(u->d, u->top.start, (size_t)16 << 20);
	int pct = u->d->len ? (int)((double)bottom.next * 100.0 / (double)u->d->len) : 100;
	format_right(t->right, line, pct, bottom.last);
	const char *section;
	long h;
	where(u, u->top.start, &h, &section, &t->speaker);
	ui_status_cache *c = &u->status_cache;
	unsigned long gen = u->ol ? u->ol->generation : 0;
	if (!c->valid || c->heading != h || c->ol != u->ol || c->gen != gen) {
		bool other = strcmp(u->d->encoding, "UTF-8") != 0;
		char fmt[64] = "";
		if (u->fmt != PRES_PLAIN)
			snprintf(fmt, sizeof fmt, " [%s%s]", pres_format_name(u->fmt), u->source ? ", source" : "");
		if (u->filter)
			snprintf(fmt + strlen(fmt), sizeof fmt - strlen(fmt), " [&%.12s]", u->filter_q);
		char nth[32];
		ui_files_status(u, nth, sizeof nth);
		snprintf(c->left, sizeof c->left, "%s%s%s%s%s%s%s%s", u->d->name, nth, other ? " [" : "",
		         other ? u->d->encoding : "", other ? "]" : "", fmt, section ? " | " : "",
		         section ? section : "");
		c->heading = h;
		c->ol = u->ol;
		c->gen = gen;
		c->valid = true;
		c->version++;
	}
	t->left = c->left;
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
	ui_shown *sh = &u->shown;
	if (u->msg[0]) {
		if (sh->valid && sh->st_msg && strcmp(sh->st_right, u->msg) == 0)
			return;
		snprintf(sh->st_right, sizeof sh->st_right, "%s", u->msg);
		sh->st_msg = true;
	} else {
		compose(u, bottom, &t);
		/* The left part is the cache's: the same text while its version
		 * is the same. */
		bool same_rest = sh->valid && !sh->st_msg &&
		                 sh->st_version == u->status_cache.version && sh->st_speaker == t.speaker;
		size_t rw = strlen(t.right);
		if (same_rest && strcmp(sh->st_right, t.right) == 0)
			return;
		/* Only the line and the percentage moved, and they are as wide as
		 * before: the rest of the row stands. */
		bool right_only = same_rest && strlen(sh->st_right) == rw && (int)rw <= COLS;
		memcpy(sh->st_right, t.right, rw + 1);
		sh->st_version = u->status_cache.version;
		sh->st_speaker = t.speaker;
		sh->st_msg = false;
		if (right_only) {
			wattrset(stdscr, A_NORMAL);
			mvwaddstr(stdscr, LINES - 1, COLS - (int)rw, t.right);
			return;
		}
	}
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
	u->shown.st_msg = false;
	u->shown.st_right[0] = 0;
	u->status_cache.valid = false;
}

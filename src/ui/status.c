/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * status: the pager's status line.  Left to right it shows the file (its
 * base name, its number among several, the encoding and the format when
 * they are not plain UTF-8, a filter), the section being read, then at the
 * right the speaker of the turn, the search ("/ASI [3/14]") and the
 * position ("line 87  35%").  When the row is too narrow the parts go in
 * this order: the file, the search, the position, the speaker; the section
 * stays longest and is cut last.  It is a bar in reverse video unless
 * [display] status says bold or plain (plain costs the fewest bytes over a
 * slow link).  It is drawn only when what it says changed, and when only
 * the position changed (a row scrolled) only the position is written.
 */
#include "build.h"
#include "ui_priv.h"
#include "fanye/book.h"
#include "fanye/i18n.h"

#include <stdio.h>
#include <string.h>

/* The parts a narrow row leaves out, in the order they go. */
enum { PART_NAME = 1, PART_FIND = 2, PART_POS = 4, PART_SPEAKER = 8, PART_HINT = 16 };

/* What the status line says. */
typedef struct status_text {
	char pos[64];         /* "line N  P% (END)", after a subtitle's time */
	char find[96];        /* "/query [k/N]", the first-start hint, or "" */
	bool hint;            /* find holds the hint */
	const char *speaker;  /* or NULL */
	const char *name;     /* the file and its notes (the cache's) */
	const char *section;  /* or NULL (the cache's) */
} status_text;

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
		*section = pres_title(u->P, u->ol->headings[*h].title);
	long t = outline_turn_at(u->ol, off);
	if (t >= 0)
		*speaker = pres_title(u->P, u->ol->speakers[outline_turn_get(u->ol, t).speaker].name);
}

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

/* The words around the line number ("line " and "" in English), and the
 * end's mark, in the reader's language: looked up once. */
static const char *pos_before, *pos_after, *pos_end;
static size_t pos_before_len;

static void pos_words(void)
{
	static char before[32], after[32];
	/* TRANSLATORS: the status line's position; N stands for the line
	 * number and must stay, once (Chinese: "第 N 行"). */
	const char *t = _("line N");
	const char *n = strchr(t, 'N');
	if (!n || strlen(t) >= sizeof before)
		t = "line N", n = t + 5;
	snprintf(before, sizeof before, "%.*s", (int)(n - t), t);
	snprintf(after, sizeof after, "%s", n + 1);
	pos_before = before;
	pos_before_len = strlen(before);
	pos_after = after;
	/* TRANSLATORS: after the percentage when the end of the text shows */
	pos_end = _(" (END)");
	if (strlen(pos_end) > 16)
		pos_end = " (END)";
}

/* Writes "line N  P% (END)" into out (48 bytes are plenty): by hand, as
 * snprintf was a twentieth of the cost of a j. */
static void format_pos(char *out, size_t line, int pct, bool end)
{
	if (!pos_before)
		pos_words();
	char *p = out;
	memcpy(p, pos_before, pos_before_len);
	p += pos_before_len;
	if (line)
		p = put_number(p, line);
	else
		*p++ = '?';
	p = stpcpy(p, pos_after);
	*p++ = ' ';
	*p++ = ' ';
	p = put_number(p, (size_t)(pct < 0 ? 0 : pct));
	*p++ = '%';
	if (end)
		p = stpcpy(p, pos_end);
	*p = 0;
}

/* The base name of a path (the whole path is in =). */
static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s && s[1] ? s + 1 : path;
}

/* Composes the status line; the file's part is written again only when
 * the section is another (it is the same as the reader moves a row). */
static void compose(ui *u, layout_row bottom, status_text *t)
{
	size_t line = doc_line_number(u->d, u->top.start, (size_t)16 << 20);
	/* By the top's offset in the text: the same place shows the same
	 * figure at every width. */
	int pct = bottom.last || !u->d->len ? 100 : (int)((double)u->top.start * 100.0 / (double)u->d->len);
	format_pos(t->pos, line, pct, bottom.last);
	/* subtitles: the time of the passage at the top, before the line */
	long long ms = doc_book(u->d) ? book_time_at(doc_book(u->d), u->top.start) : -1;
	if (ms >= 0) {
		char tb[24];
		unsigned sec = (unsigned)(ms / 1000);
		int k = snprintf(tb, sizeof tb, "%02u:%02u:%02u  ", sec / 3600, sec / 60 % 60, sec % 60);
		size_t n = strlen(t->pos);
		if (k > 0 && n + (size_t)k < sizeof t->pos) {
			memmove(t->pos + k, t->pos, n + 1);
			memcpy(t->pos, tb, (size_t)k);
		}
	}
	t->hint = false;
	if (!ui_find_status(u, t->find, sizeof t->find)) {
		t->find[0] = 0;
		if (u->hint) {
			char kh[32], kq[32];
			snprintf(t->find, sizeof t->find, _("%s help \xC2\xB7 %s quit"),
			         ui_mode_key_name(u, ACT_HELP, kh, sizeof kh), ui_mode_key_name(u, ACT_QUIT, kq, sizeof kq));
			t->hint = true;
		}
	}
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
		enum pres_script sc = pres_get_opts(u->P)->script;
		if (sc != PRES_SCRIPT_ASIS)
			snprintf(fmt + strlen(fmt), sizeof fmt - strlen(fmt), " [%s]", pres_script_name(sc));
		if (u->filter_q[0]) {
			/* cut at a character, not inside one */
			size_t n = strlen(u->filter_q);
			if (n > 16)
				for (n = 16; n && (u->filter_q[n] & 0xC0) == 0x80; n--)
					;
			snprintf(fmt + strlen(fmt), sizeof fmt - strlen(fmt), " [&%.*s]", (int)n, u->filter_q);
		}
		char nth[32];
		ui_files_status(u, nth, sizeof nth);
		snprintf(c->left, sizeof c->left, "%s%s%s%s%s%s", base_name(u->d->name), nth, other ? " [" : "",
		         other ? u->d->encoding : "", other ? "]" : "", fmt);
		c->section = section;
		c->heading = h;
		c->ol = u->ol;
		c->gen = gen;
		c->valid = true;
		c->version++;
	}
	t->name = c->left;
	t->section = c->section;
}

/* Columns of s. */
static int width(ui *u, const char *s)
{
	return s ? ui_draw_width(s, strlen(s), &u->lo) : 0;
}

/* The widths of the right-hand parts kept, and their sum with the spaces
 * between them. */
typedef struct right_widths {
	int speaker, find, pos, sum;
} right_widths;

static right_widths measure_right(ui *u, const status_text *t, int keep)
{
	right_widths r = {0, 0, 0, 0};
	int parts = 0;
	if ((keep & PART_SPEAKER) && t->speaker) {
		r.speaker = width(u, t->speaker);
		if (r.speaker > COLS / 3)
			r.speaker = COLS / 3;
		r.sum += r.speaker;
		parts++;
	}
	if ((keep & (PART_FIND | PART_HINT)) && t->find[0]) {
		r.find = width(u, t->find);
		r.sum += r.find;
		parts++;
	}
	if (keep & PART_POS) {
		r.pos = (int)strlen(t->pos);
		r.sum += r.pos;
		parts++;
	}
	if (parts > 1)
		r.sum += 2 * (parts - 1);
	return r;
}

/* Which parts fit in the row, leaving them out in the order they go. */
static int fit(ui *u, const status_text *t)
{
	static const int order[] = {PART_NAME, PART_HINT, PART_FIND, PART_POS, PART_SPEAKER};
	int keep = PART_NAME | PART_POS | (t->hint ? PART_HINT : PART_FIND) | PART_SPEAKER;
	int wname = width(u, t->name), wsec = width(u, t->section);
	for (size_t i = 0;; i++) {
		int left = ((keep & PART_NAME) ? wname : 0) + ((keep & PART_NAME) && t->section ? 3 : 0) + wsec;
		int need = 1 + left + 2 + measure_right(u, t, keep).sum + 1;
		/* a section keeps at least a few columns before the rest goes */
		if (t->section && !(keep & PART_NAME))
			need = 1 + (wsec < 8 ? wsec : 8) + 2 + measure_right(u, t, keep).sum + 1;
		if (need <= COLS || i >= sizeof order / sizeof *order)
			return keep;
		keep &= ~order[i];
	}
}

/* The attributes of the status line. */
static attr_t bar_attr(const ui *u)
{
	int style = u->cfg ? config_choice(u->cfg, CONFIG_STATUS) : 0;
	return style == 0 ? A_REVERSE : style == 1 ? A_BOLD : A_NORMAL;
}

/* Draws the whole row: the right-hand parts from the right edge, the file
 * and the section in what is left. */
static void put(ui *u, const status_text *t, int keep)
{
	int y = LINES - 1;
	attr_t a = bar_attr(u);
	ui_draw_fill(stdscr, y, 0, COLS, a);
	right_widths r = measure_right(u, t, keep);
	int x = COLS - 1;
	if (r.pos) {
		x -= r.pos;
		ui_draw_cut(stdscr, y, x, t->pos, r.pos, a, &u->lo);
		x -= 2;
	}
	if (r.find) {
		x -= r.find;
		ui_draw_cut(stdscr, y, x, t->find, r.find, t->hint ? a | A_DIM : a, &u->lo);
		x -= 2;
	}
	if (r.speaker) {
		x -= r.speaker;
		ui_draw_cut(stdscr, y, x, t->speaker, r.speaker, a | A_BOLD, &u->lo);
		x -= 2;
	}
	int lx = 1, room = x + 1 - lx;
	if ((keep & PART_NAME) && room > 0) {
		int used = ui_draw_cut(stdscr, y, lx, t->name, room, a, &u->lo);
		lx += used;
		room -= used;
		if (t->section && room > 3) {
			wattrset(stdscr, a);
			mvwaddstr(stdscr, y, lx, " | ");
			lx += 3;
			room -= 3;
		}
	}
	if (t->section && room > 0)
		ui_draw_cut(stdscr, y, lx, t->section, room, a, &u->lo);
}

/* A message in place of the status line, in bold. */
static void put_message(ui *u)
{
	int y = LINES - 1;
	wattrset(stdscr, A_NORMAL);
	wmove(stdscr, y, 0);
	wclrtoeol(stdscr);
	ui_draw_cut(stdscr, y, 0, u->msg, COLS - 1, A_BOLD, &u->lo);
}

void ui_status_draw(ui *u, layout_row bottom)
{
	ui_shown *sh = &u->shown;
	if (u->msg[0]) {
		if (!(sh->valid && sh->st_msg && strcmp(sh->st_msg_text, u->msg) == 0)) {
			snprintf(sh->st_msg_text, sizeof sh->st_msg_text, "%s", u->msg);
			sh->st_msg = true;
			put_message(u);
		}
		wattrset(stdscr, A_NORMAL);
		return;
	}
	status_text t;
	compose(u, bottom, &t);
	int keep = fit(u, &t);
	/* What stands if only the position moved: the file, the section, the
	 * speaker, the search and the parts kept. */
	bool same_rest = sh->valid && !sh->st_msg && sh->st_version == u->status_cache.version &&
	                 sh->st_speaker == t.speaker && sh->st_keep == keep && sh->st_cols == COLS &&
	                 strcmp(sh->st_find, t.find) == 0;
	if (same_rest && strcmp(sh->st_pos, t.pos) == 0)
		return;
	bool pos_only = same_rest && strlen(sh->st_pos) == strlen(t.pos) && (keep & PART_POS);
	snprintf(sh->st_pos, sizeof sh->st_pos, "%s", t.pos);
	snprintf(sh->st_find, sizeof sh->st_find, "%s", t.find);
	sh->st_version = u->status_cache.version;
	sh->st_speaker = t.speaker;
	sh->st_keep = keep;
	sh->st_cols = COLS;
	sh->st_msg = false;
	if (pos_only) {
		int w = (int)strlen(t.pos);
		ui_draw_cut(stdscr, LINES - 1, COLS - 1 - w, t.pos, w, bar_attr(u), &u->lo);
	} else {
		put(u, &t, keep);
	}
	wattrset(stdscr, A_NORMAL);
}

void ui_status_forget(ui *u)
{
	u->shown.st_msg = false;
	u->shown.st_pos[0] = 0;
	u->shown.st_keep = -1;
	u->status_cache.valid = false;
}

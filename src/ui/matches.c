/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * matches: the list of all matches of the search (L), each with its line
 * number, its section and the words around it; Enter makes one the
 * current match.
 */
#include "build.h"
#include "ui_priv.h"
#include "fanye/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_MAX 20000

typedef struct list_ctx {
	ui_matches *m;
	size_t cap;
} list_ctx;

static void list_cb(void *ctx, size_t ms, size_t me)
{
	list_ctx *c = ctx;
	ui_matches *m = c->m;
	(void)me;
	if (m->n >= LIST_MAX) {
		m->cut = true;
		return;
	}
	if (m->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 256;
		size_t *nl = realloc(m->at, nc * sizeof *nl);
		if (!nl) {
			m->cut = true;
			return;
		}
		m->at = nl;
		c->cap = nc;
	}
	m->at[m->n++] = ms;
}

void ui_act_match_list(ui *u, long count)
{
	(void)count;
	ui_find *f = &u->find;
	ui_matches *m = &u->ml;
	if (!f->s) {
		snprintf(u->msg, sizeof u->msg, _("no search to list: search with / first"));
		return;
	}
	ui_matches_free(u);
	m->cut = false;
	list_ctx c = {m, 0};
	for (size_t a = 0; a < u->d->len && !m->cut; a += UI_FIND_BLOCK) {
		size_t b = a + UI_FIND_BLOCK < u->d->len ? a + UI_FIND_BLOCK : u->d->len;
		search_each(f->s, u->d, a, b, list_cb, &c);
	}
	if (!m->n) {
		snprintf(u->msg, sizeof u->msg, _("no matches"));
		return;
	}
	ui_structure_upto(u, u->d->len);
	m->list.sel = m->list.top = 0;
	for (size_t i = 0; i < m->n; i++)
		if (f->has_match && m->at[i] == f->ms)
			m->list.sel = (long)i;
	ui_list_show(ui_matches_list(u));
	ui_mode_push(u, MODE_MATCHES);
}

/* Draws match i on row y: its line number, section and snippet. */
static void draw_entry(ui *u, int y, long i, bool sel)
{
	size_t ms = u->ml.at[i];
	attr_t base = sel ? A_REVERSE : A_NORMAL;
	char head[64];
	size_t line = doc_line_number(u->d, ms, 0);
	snprintf(head, sizeof head, "%6zu ", line);
	wattrset(stdscr, base | A_DIM);
	mvwaddstr(stdscr, y, 0, head);
	int x = (int)strlen(head);
	long h = outline_heading_at(u->ol, ms);
	int secw = COLS / 4;
	if (h >= 0 && secw > 4) {
		ui_draw_cut(stdscr, y, x, u->ol->headings[h].title, secw - 1, base | A_BOLD, &u->lo);
		x += secw;
	}
	/* The snippet: a little before the match, then to the end of its line. */
	size_t ls = doc_line_start(u->d, ms);
	size_t a = ms > ls + 24 ? ms - 24 : ls;
	while (a < ms && (u->d->data[a] & 0xC0) == 0x80)
		a++;
	size_t e = a;
	while (e < u->d->len && e - a < 1024 && !doc_is_eol(u->d, e))
		e++;
	ui_spans *sp = &u->row_spans;
	sp->n = 0;
	ui_find_spans(u, a, e, sp);
	for (size_t k = 0; k < sp->n; k++)
		sp->v[k].attr = sel ? (A_BOLD | A_UNDERLINE) : ui_find_match_attr(u, false);
	if (COLS - x > 0)
		ui_draw_spans(stdscr, y, x, (const char *)u->d->data + a, e - a, COLS - x, base,
		              &u->lo, sp->v, sp->n);
}

void ui_matches_draw(ui *u)
{
	ui_matches *m = &u->ml;
	ui_list_draw(u, ui_matches_list(u), draw_entry);
	ui_draw_fill(stdscr, LINES - 1, 0, COLS, A_REVERSE);
	char s[192], k1[32], k2[32];
	snprintf(s, sizeof s, "%zu%s matches of /%.60s  %s jumps, %s closes", m->n, m->cut ? "+" : "",
	         u->find.q.buf, ui_mode_key_name(u, ACT_LIST_CHOOSE, k1, sizeof k1),
	         ui_mode_key_name(u, ACT_LIST_CLOSE, k2, sizeof k2));
	ui_draw_cut(stdscr, LINES - 1, 1, s, COLS - 1, A_REVERSE, &u->lo);
	wattrset(stdscr, A_NORMAL);
}

ui_list *ui_matches_list(ui *u)
{
	u->ml.list.n = (long)u->ml.n;
	u->ml.list.rows = LINES - 1;
	return &u->ml.list;
}

void ui_matches_choose(ui *u)
{
	ui_matches *m = &u->ml;
	ui_mode_leave(u, MODE_MATCHES);
	if (m->list.sel < 0 || m->list.sel >= (long)m->n)
		return;
	/* Make it the current match: find it again to learn its end. */
	size_t pos = m->at[m->list.sel], s, e;
	if (search_forward(u->find.s, u->d, &pos, u->d->len, 0, &s, &e) == SEARCH_FOUND)
		ui_find_set_match(u, s, e);
}

void ui_matches_free(ui *u)
{
	free(u->ml.at);
	u->ml.at = NULL;
	u->ml.n = 0;
}

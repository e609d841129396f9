/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * find: the incremental search overlay, n/N, match highlighting and the
 * background match count.  (The list of all matches is matches.c.)
 *
 * Nothing here waits for a search: the main loop calls ui_find_work()
 * between keys, which scans a bounded slice and returns; a new key simply
 * restarts the find from the new query.
 */
#include "build.h"
#include "ui_priv.h"
#include "fanye/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#define COUNT_BLOCK UI_FIND_BLOCK
#define PAIR_MATCH 70

attr_t ui_find_match_attr(const ui *u, bool current)
{
	if (current)
		return u->pal.on ? (COLOR_PAIR(PAIR_MATCH) | A_BOLD) : (A_REVERSE | A_BOLD | A_UNDERLINE);
	return A_REVERSE;
}

static void stop_count(ui_find *f)
{
	free(f->counts);
	f->counts = NULL;
	f->nblocks = f->counted = f->total = 0;
}

/* Remembers q as the query an empty prompt repeats. */
static void keep_last(ui_find *f, const char *q)
{
	char *c = strdup(q);
	if (!c)
		return;
	free(f->last);
	f->last = c;
}

/* Sets the current query (s may be NULL) and restarts the count. */
static void set_query(ui *u, search *s)
{
	ui_find *f = &u->find;
	if (f->s && f->s != s)
		search_free(f->s);
	f->s = s;
	f->gen++;
	f->has_match = false;
	f->busy = false;
	stop_count(f);
	if (!s)
		return;
	search_use_pres(s, u->P); /* the text as shown, markup skipped */
	f->nblocks = u->d->len / COUNT_BLOCK + 1;
	f->counts = calloc(f->nblocks, sizeof *f->counts);
	if (!f->counts)
		f->nblocks = 0;
	if (u->pal.on) {
		short hl = COLOR_YELLOW;
		if (u->pal.c256 && u->cfg && u->cfg->v[CONFIG_HIGHLIGHT].colors.n > 0)
			hl = u->cfg->v[CONFIG_HIGHLIGHT].colors.c[0];
		init_pair(PAIR_MATCH, COLOR_BLACK, hl);
	}
}

/* Starts a find from `from` in the given direction (with wrap-around). */
static void start_find(ui *u, size_t from, bool back)
{
	ui_find *f = &u->find;
	f->busy = f->s != NULL;
	f->dir_back = back;
	f->wrapped = false;
	f->from = from;
	f->pos = from;
	f->lim = back ? 0 : u->d->len;
	if (f->s)
		search_stopped_reset(f->s);
}

/* A costly pattern that was passed over somewhere says so, and where:
 * never a plain "not found". */
static bool note_stopped(ui *u, bool found_one)
{
	ui_find *f = &u->find;
	size_t at;
	if (!f->s || !search_stopped(f->s, &at))
		return false;
	size_t line = doc_line_number(u->d, at, 0);
	if (found_one)
		snprintf(f->notice, sizeof f->notice, _("pattern too costly near line %zu: passed over"), line);
	else
		snprintf(f->notice, sizeof f->notice, _("search stopped: pattern too costly near line %zu"), line);
	return true;
}

static void compile(ui *u)
{
	ui_find *f = &u->find;
	f->err[0] = 0;
	f->notice[0] = 0;
	if (f->q.len == 0) {
		set_query(u, NULL);
		ui_text_go(u, f->origin);
		return;
	}
	search *s = search_new(f->q.buf, &f->opts, f->err, sizeof f->err);
	set_query(u, s);
	if (!s) {
		ui_text_go(u, f->origin);
		return;
	}
	start_find(u, f->origin, f->backward);
}

static void open_prompt(ui *u, bool back)
{
	ui_find *f = &u->find;
	if (!f->hist_loaded) {
		history_load(&f->hist);
		f->hist_loaded = true;
	}
	f->backward = back;
	ui_line_set(&f->q, "");
	f->err[0] = 0;
	f->notice[0] = 0;
	f->origin = u->top.start;
	f->hist_idx = (long)f->hist.n;
	ui_mode_push(u, MODE_SEARCH);
}

static void close_prompt(ui *u)
{
	ui_mode_leave(u, MODE_SEARCH);
}

void ui_act_search_forward(ui *u, long count)
{
	(void)count;
	open_prompt(u, false);
}

void ui_act_search_backward(ui *u, long count)
{
	(void)count;
	open_prompt(u, true);
}

/* The offset just past the last visible row. */
static size_t screen_end(ui *u)
{
	layout_row r = u->top;
	layout_move(u->L, &r, u->text_rows - 1);
	return r.next;
}

static void repeat(ui *u, bool back)
{
	ui_find *f = &u->find;
	if (!f->s && f->last) {
		/* cleared (Esc): the last query again */
		ui_line_set(&f->q, f->last);
		set_query(u, search_new(f->last, &f->opts, f->err, sizeof f->err));
	}
	if (!f->s) {
		snprintf(u->msg, sizeof u->msg, _("no previous search"));
		return;
	}
	bool visible = f->has_match && f->ms >= u->top.start && f->ms < screen_end(u);
	size_t from;
	if (back)
		from = visible ? f->ms : u->top.start;
	else
		from = visible ? f->ms + 1 : u->top.start;
	f->notice[0] = 0;
	start_find(u, from, back);
}

void ui_act_search_next(ui *u, long count)
{
	(void)count;
	repeat(u, u->find.backward);
}

void ui_act_search_prev(ui *u, long count)
{
	(void)count;
	repeat(u, !u->find.backward);
}

static void retoggle(ui *u)
{
	if (ui_mode_in(u, MODE_SEARCH))
		compile(u);
	else if (u->find.s && u->find.q.len) {
		/* Applies to the last query at once. */
		search *s = search_new(u->find.q.buf, &u->find.opts, u->find.err, sizeof u->find.err);
		if (s)
			set_query(u, s);
	}
}

void ui_find_restore(ui *u, const char *query)
{
	ui_find *f = &u->find;
	keep_last(f, query);
	ui_line_set(&f->q, query);
	search *s = search_new(f->q.buf, &f->opts, f->err, sizeof f->err);
	if (s)
		set_query(u, s);
}

void ui_find_represent(ui *u)
{
	search *s = u->find.s;
	if (s)
		set_query(u, s); /* counted again, in the text as it is shown now */
}

void ui_act_toggle_regex(ui *u, long count)
{
	(void)count;
	u->find.opts.regex = !u->find.opts.regex;
	snprintf(u->msg, sizeof u->msg, "%s", u->find.opts.regex ? _("regular expressions on") : _("regular expressions off"));
	retoggle(u);
}

void ui_act_toggle_case(ui *u, long count)
{
	(void)count;
	static const char *const names[] = {N_("smart case"), N_("exact case"), N_("case ignored")};
	u->find.opts.case_mode = (enum search_case)((u->find.opts.case_mode + 1) % 3);
	snprintf(u->msg, sizeof u->msg, "%s", _(names[u->find.opts.case_mode]));
	retoggle(u);
}

void ui_act_toggle_kana(ui *u, long count)
{
	(void)count;
	u->find.opts.kana_fold = !u->find.opts.kana_fold;
	snprintf(u->msg, sizeof u->msg, "%s", u->find.opts.kana_fold ? _("kana folding on") : _("kana folding off"));
	retoggle(u);
}

/* ---- the work between keys ------------------------------------------------- */

static void count_cb(void *ctx, size_t ms, size_t me)
{
	(void)ms;
	(void)me;
	(*(size_t *)ctx)++;
}

/* Matches before the current one, if the count has got that far. */
static bool matches_before(ui *u, size_t *k)
{
	ui_find *f = &u->find;
	size_t b = f->ms / COUNT_BLOCK;
	if (!f->has_match || !f->counts || f->counted <= b)
		return false;
	size_t n = 0;
	for (size_t i = 0; i < b; i++)
		n += f->counts[i];
	size_t in = 0;
	if (f->ms > b * COUNT_BLOCK)
		search_each(f->s, u->d, b * COUNT_BLOCK, f->ms, count_cb, &in);
	*k = n + in;
	return true;
}

/* The current match's number, counted once per match. */
static bool match_number(ui *u, size_t *k)
{
	ui_find *f = &u->find;
	if (!f->k_ok || f->k_ms != f->ms || f->k_gen != f->gen) {
		f->k_ok = matches_before(u, &f->k);
		f->k_ms = f->ms;
		f->k_gen = f->gen;
	}
	*k = f->k + 1;
	return f->k_ok;
}

bool ui_find_status(ui *u, char *buf, size_t n)
{
	ui_find *f = &u->find;
	if (!f->s || f->err[0] || !f->q.len)
		return false;
	/* the query, cut at a character to at most 20 bytes */
	const uint8_t *q = (const uint8_t *)f->q.buf;
	size_t qn = 0;
	while (q[qn]) {
		int l = u8_mblen(q + qn, strlen((const char *)q + qn));
		if (l <= 0)
			l = 1;
		if (qn + (size_t)l > 20)
			break;
		qn += (size_t)l;
	}
	const char *more = q[qn] ? "\xE2\x80\xA6" : "";
	size_t k;
	bool done = f->counted >= f->nblocks;
	if (f->busy)
		snprintf(buf, n, "%c%.*s%s [\xE2\x80\xA6]", f->backward ? '?' : '/', (int)qn, f->q.buf, more);
	else if (!f->has_match && !f->total && done)
		snprintf(buf, n, "%c%.*s%s [none]", f->backward ? '?' : '/', (int)qn, f->q.buf, more);
	else if (!f->has_match && !f->total)
		snprintf(buf, n, "%c%.*s%s [\xE2\x80\xA6]", f->backward ? '?' : '/', (int)qn, f->q.buf, more);
	else if (!f->has_match) /* a search brought back (Esc): counted, none current */
		snprintf(buf, n, "%c%.*s%s [?/%s%zu]", f->backward ? '?' : '/', (int)qn, f->q.buf, more,
		         done ? "" : "\xE2\x89\xA5", f->total);
	else if (match_number(u, &k))
		snprintf(buf, n, "%c%.*s%s [%zu/%s%zu]", f->backward ? '?' : '/', (int)qn, f->q.buf, more, k,
		         done ? "" : "\xE2\x89\xA5", f->total);
	else
		snprintf(buf, n, "%c%.*s%s [?/%s%zu]", f->backward ? '?' : '/', (int)qn, f->q.buf, more,
		         done ? "" : "\xE2\x89\xA5", f->total);
	return true;
}

void ui_act_search_clear(ui *u, long count)
{
	(void)count;
	ui_find *f = &u->find;
	if (!f->s)
		return; /* Escape out of habit: nothing to say */
	set_query(u, NULL);
	snprintf(u->msg, sizeof u->msg, _("search cleared (n repeats it)"));
}

void ui_find_set_match(ui *u, size_t ms, size_t me)
{
	ui_find *f = &u->find;
	f->has_match = true;
	f->ms = ms;
	f->me = me;
	f->busy = false;
	ui_text_go(u, ms);
}

bool ui_find_work(ui *u, size_t budget)
{
	ui_find *f = &u->find;
	if (f->busy) {
		size_t ms, me;
		enum search_result r;
		if (f->dir_back)
			r = search_backward(f->s, u->d, f->lim, &f->pos, budget, &ms, &me);
		else
			r = search_forward(f->s, u->d, &f->pos, f->lim, budget, &ms, &me);
		if (r == SEARCH_FOUND) {
			ui_find_set_match(u, ms, me);
			note_stopped(u, true);
		} else if (r == SEARCH_NONE) {
			if (!f->wrapped) {
				/* Round the end to the other side of where it started. */
				f->wrapped = true;
				f->pos = f->dir_back ? u->d->len : 0;
				f->lim = f->from;
				snprintf(f->notice, sizeof f->notice, "%s",
				         f->dir_back ? _("search wrapped to the end") : _("search wrapped to the top"));
			} else {
				f->busy = false;
				f->has_match = false;
				if (!note_stopped(u, false))
					snprintf(f->notice, sizeof f->notice, "%s", _("not found"));
				if (ui_mode_in(u, MODE_SEARCH))
					ui_text_go(u, f->origin);
			}
		}
		return true;
	}
	if (f->s && f->counts && f->counted < f->nblocks) {
		size_t done = 0;
		while (f->counted < f->nblocks && done < budget) {
			size_t a = f->counted * COUNT_BLOCK;
			size_t b = a + COUNT_BLOCK < u->d->len ? a + COUNT_BLOCK : u->d->len;
			size_t n = 0;
			if (a < b)
				search_each(f->s, u->d, a, b, count_cb, &n);
			f->counts[f->counted++] = (uint32_t)n;
			f->total += n;
			done += COUNT_BLOCK;
		}
		return true;
	}
	return false;
}

/* ---- drawing ------------------------------------------------------------------ */

typedef struct span_ctx {
	ui *u;
	size_t a;
	ui_spans *out;
} span_ctx;

static void span_cb(void *ctx, size_t ms, size_t me)
{
	span_ctx *c = ctx;
	if (me <= c->a)
		return; /* ends before the range */
	bool cur = c->u->find.has_match && ms == c->u->find.ms;
	ui_draw_span_add(c->out, (ui_span){ms > c->a ? ms - c->a : 0, me - c->a, ui_find_match_attr(c->u, cur)});
}

void ui_find_spans(ui *u, size_t a, size_t b, ui_spans *out)
{
	if (!u->find.s || u->find.err[0])
		return;
	span_ctx c = {u, a, out};
	/* Matches that start before a but reach into the range count too. */
	size_t back = a > 256 ? a - 256 : 0;
	search_each(u->find.s, u->d, back, b, span_cb, &c);
}

void ui_find_draw_prompt(ui *u)
{
	ui_find *f = &u->find;
	int y = LINES - 1;
	ui_draw_fill(stdscr, y, 0, COLS, A_NORMAL);
	char right[160];
	size_t k;
	if (!f->q.len)
		snprintf(right, sizeof right, f->last ? _(" Enter: %.60s again ") : " ", f->last);
	else if (f->err[0])
		snprintf(right, sizeof right, " %.150s ", f->err);
	else if (!f->s)
		snprintf(right, sizeof right, " ");
	else if (f->has_match) {
		bool done = f->counted >= f->nblocks;
		char kb[32];
		if (matches_before(u, &k))
			snprintf(kb, sizeof kb, "%zu", k + 1);
		else
			snprintf(kb, sizeof kb, "?");
		snprintf(right, sizeof right, " %s%s[%s/%s%zu] ", f->notice[0] ? f->notice : "",
		         f->notice[0] ? " " : "", kb, done ? "" : "\xE2\x89\xA5", f->total);
	} else if (f->busy)
		snprintf(right, sizeof right, " searching… ");
	else
		snprintf(right, sizeof right, " %s ", f->notice[0] ? f->notice : _("not found"));
	char flags[48];
	snprintf(flags, sizeof flags, "%s%s%s", f->opts.regex ? " regex" : "",
	         f->opts.case_mode == SEARCH_SENSITIVE ? " Aa" :
	         f->opts.case_mode == SEARCH_INSENSITIVE ? " aa" : "",
	         f->opts.kana_fold ? " kana" : "");
	int rw = ui_draw_width(right, strlen(right), &u->lo) + (int)strlen(flags);
	if (rw > COLS / 2)
		rw = COLS / 2;
	int room = COLS - rw - 2;
	mvwaddstr(stdscr, y, 0, f->backward ? "?" : "/");
	int cx = ui_line_draw(stdscr, y, 1, room - 1, &f->q, &u->lo);
	ui_draw_cut(stdscr, y, COLS - rw, right, rw - (int)strlen(flags), f->err[0] ? A_BOLD : A_DIM, &u->lo);
	wattrset(stdscr, A_DIM);
	mvwaddstr(stdscr, y, COLS - (int)strlen(flags) > 0 ? COLS - (int)strlen(flags) : 0, flags);
	wattrset(stdscr, A_NORMAL);
	wmove(stdscr, y, cx);
}

/* ---- prompt keys ---------------------------------------------------------------- */

ui_line *ui_find_line(ui *u)
{
	return &u->find.q;
}

void ui_find_changed(ui *u)
{
	u->msg[0] = 0;
	compile(u);
}

void ui_find_accept(ui *u)
{
	ui_find *f = &u->find;
	if (!f->q.len && f->last) {
		/* As less: an empty pattern is the last one again, in the
		 * direction this prompt was opened for. */
		ui_line_set(&f->q, f->last);
		compile(u);
	}
	close_prompt(u);
	if (!f->q.len || !f->s)
		return;
	keep_last(f, f->q.buf);
	/* What the prompt said of a search already done ("not found", a
	 * costly pattern) stays said once the prompt has closed. */
	if (!f->busy && f->notice[0]) {
		snprintf(u->msg, sizeof u->msg, "%s", f->notice);
		f->notice[0] = 0;
	}
	if (u->top.start != f->origin) {
		u->last_jump = f->origin;
		u->has_last_jump = true;
	}
	char err[256];
	if (f->history && history_add(&f->hist, f->q.buf, err, sizeof err) < 0)
		snprintf(u->msg, sizeof u->msg, _("search history not saved: %.200s"), err);
	f->hist_idx = (long)f->hist.n;
}

void ui_find_cancel(ui *u)
{
	/* Back exactly where the search started, with the search there was
	 * before (its highlights, n and N), as in less. */
	ui_find *f = &u->find;
	close_prompt(u);
	ui_line_set(&f->q, f->last ? f->last : "");
	set_query(u, f->last ? search_new(f->last, &f->opts, f->err, sizeof f->err) : NULL);
	f->err[0] = 0;
	ui_text_go(u, f->origin);
}

/* Steps through the history: older (-1) or newer (+1); past the newest
 * the line is empty again. */
static void history_step(ui *u, int dir)
{
	ui_find *f = &u->find;
	if (!f->hist.n)
		return;
	f->hist_idx += dir;
	if (f->hist_idx < 0)
		f->hist_idx = 0;
	if (f->hist_idx >= (long)f->hist.n) {
		f->hist_idx = (long)f->hist.n;
		ui_line_set(&f->q, "");
	} else {
		ui_line_set(&f->q, f->hist.items[f->hist_idx]);
	}
	compile(u);
}

void ui_act_search_older(ui *u, long count)
{
	(void)count;
	history_step(u, -1);
}

void ui_act_search_newer(ui *u, long count)
{
	(void)count;
	history_step(u, 1);
}

void ui_act_search_list(ui *u, long count)
{
	(void)count;
	ui_find_accept(u);
	ui_act_match_list(u, -1);
}

void ui_find_free(ui *u)
{
	ui_find *f = &u->find;
	free(f->last);
	f->last = NULL;
	search_free(f->s);
	f->s = NULL;
	f->gen++;
	stop_count(f);
	history_free(&f->hist);
}

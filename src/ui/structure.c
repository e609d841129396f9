/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * structure: moving by the document's structure: sections and speaker
 * turns, as the outline finds them.
 */
#include "build.h"
#include "ui_priv.h"
#include "fanye/i18n.h"
#include "fanye/book.h"

#include <stdio.h>

/* Enough of the outline to answer questions about offsets up to off. */
void ui_structure_upto(ui *u, size_t off)
{
	while (u->ol && !u->ol->done && u->ol->scanned <= off)
		outline_step(u->ol, (size_t)8 << 20);
	outline_resolve(u->ol);
}

/* Scans some more of the outline, for a search past what is known. */
static void step_more(ui *u)
{
	outline_step(u->ol, (size_t)8 << 20);
	outline_resolve(u->ol);
}

static void whole_outline(ui *u)
{
	ui_structure_upto(u, u->d->len);
}

void ui_act_next_section(ui *u, long count)
{
	long n = count > 0 ? count : 1;
	for (;;) {
		const outline *o = u->ol;
		long h = outline_heading_at(o, u->top.start);
		if (h + n < (long)o->nheadings) {
			ui_text_go(u, o->headings[h + n].off);
			return;
		}
		if (o->done)
			break;
		step_more(u);
	}
	snprintf(u->msg, sizeof u->msg, _("no next section"));
}

void ui_act_follow_link(ui *u, long count)
{
	const book *b = doc_book(u->d);
	if (!b) {
		snprintf(u->msg, sizeof u->msg, _("only a book's links can be followed (EPUB, HTML)"));
		return;
	}
	/* the Nth link starting on the screen */
	layout_row bottom = ui_text_bottom(u, NULL);
	size_t n, k = book_span_from(b, u->top.start), want = count > 0 ? (size_t)count : 1;
	const book_span *S = book_spans(b, &n);
	for (; k < n && S[k].start < bottom.next; k++) {
		if (S[k].kind != BOOK_LINK || --want > 0)
			continue;
		size_t to = book_link_target(b, S[k].aux);
		if (to == SIZE_MAX || to > u->d->len) {
			snprintf(u->msg, sizeof u->msg, _("the link's place is not read yet"));
			return;
		}
		u->last_jump = u->top.start;
		u->has_last_jump = true;
		ui_text_go(u, to);
		return;
	}
	snprintf(u->msg, sizeof u->msg, _("no link on the screen"));
}

void ui_act_prev_section(ui *u, long count)
{
	const outline *o = u->ol;
	long n = count > 0 ? count : 1;
	long h = outline_heading_at(o, u->top.start);
	if (h >= 0 && o->headings[h].off < u->top.start)
		n--; /* first back to the start of this section */
	if (h - n < 0) {
		snprintf(u->msg, sizeof u->msg, _("no previous section"));
		return;
	}
	ui_text_go(u, o->headings[h - n].off);
}

void ui_act_goto_section(ui *u, long count)
{
	long n = count > 0 ? count : 1;
	whole_outline(u);
	if (n > (long)u->ol->nheadings) {
		snprintf(u->msg, sizeof u->msg, _("there are %zu sections"), u->ol->nheadings);
		return;
	}
	ui_text_go(u, u->ol->headings[n - 1].off);
}

/* The index of the first turn after off (scanning more of the outline if
 * need be), or -1. */
static long turn_after(ui *u, size_t off)
{
	for (;;) {
		long t = outline_turn_after(u->ol, off);
		if (t >= 0 || u->ol->done)
			return t;
		step_more(u);
	}
}

void ui_act_next_turn(ui *u, long count)
{
	long n = count > 0 ? count : 1, t = -1;
	size_t off = u->top.start;
	while (n-- > 0 && (t = turn_after(u, off)) >= 0)
		off = outline_turn_get(u->ol, t).off;
	if (off == u->top.start)
		snprintf(u->msg, sizeof u->msg, _("no next turn"));
	else
		ui_text_go(u, off);
}

void ui_act_prev_turn(ui *u, long count)
{
	long n = count > 0 ? count : 1, t;
	size_t off = u->top.start;
	while (n-- > 0 && (t = outline_turn_before(u->ol, off)) >= 0)
		off = outline_turn_get(u->ol, t).off;
	if (off == u->top.start)
		snprintf(u->msg, sizeof u->msg, _("no previous turn"));
	else
		ui_text_go(u, off);
}

/* Moves count turns by the speaker of the turn at the top, forward
 * (dir > 0) or back; from inside a turn, its own start does not count. */
static void same_speaker(ui *u, long count, int dir)
{
	long cur = outline_turn_at(u->ol, u->top.start), t;
	if (cur < 0) {
		snprintf(u->msg, sizeof u->msg, _("not in a speaker's turn"));
		return;
	}
	int sp = outline_turn_get(u->ol, cur).speaker;
	long n = count > 0 ? count : 1;
	size_t off = dir > 0 ? u->top.start : outline_turn_get(u->ol, cur).off;
	while (n > 0 && (t = dir > 0 ? turn_after(u, off) : outline_turn_before(u->ol, off)) >= 0) {
		off = outline_turn_get(u->ol, t).off;
		if (outline_turn_get(u->ol, t).speaker == sp)
			n--;
	}
	if (n > 0)
		snprintf(u->msg, sizeof u->msg, dir > 0 ? _("no later turn by %s") : _("no earlier turn by %s"),
		         u->ol->speakers[sp].name);
	else
		ui_text_go(u, off);
}

void ui_act_next_same(ui *u, long count)
{
	same_speaker(u, count, 1);
}

void ui_act_prev_same(ui *u, long count)
{
	same_speaker(u, count, -1);
}

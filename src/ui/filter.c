/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * filter: showing only some paragraphs, as less's &: those that hold a
 * pattern (&pattern), or one speaker's turns with the section headings
 * (&@Name, or @ on the current speaker, or a click on the legend).  The
 * layout asks keep() of each paragraph; the others have no rows.
 */
#include "build.h"
#include "ui_priv.h"
#include "fanye/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <uninorm.h>

/* &pattern: the paragraph [a, b) holds a match. */
static bool keep_match(void *ctx, size_t a, size_t b)
{
	ui *u = ctx;
	size_t pos = a, ms, me;
	return search_forward(u->filter, u->d, &pos, b, 0, &ms, &me) == SEARCH_FOUND;
}

/* True if [a, b) holds only spaces and line ends. */
static bool blank(const doc *d, size_t a, size_t b)
{
	unsigned char buf[64];
	while (a < b) {
		size_t n = doc_copy(d, a, buf, b - a < sizeof buf ? b - a : sizeof buf);
		if (!n)
			break;
		for (size_t i = 0; i < n; i++)
			if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r' && buf[i] != '\n')
				return false;
		a += n;
	}
	return true;
}

/* &@Name: the paragraph [a, b) is a heading, or part of a turn of the
 * speaker (its label, or text after it); blank lines are left out, as
 * they would part the turns unevenly. */
static bool keep_speaker(void *ctx, size_t a, size_t b)
{
	ui *u = ctx;
	const outline *o = u->ol;
	if (!o->done) /* input still arriving: the outline as far as b */
		ui_structure_upto(u, b);
	if (blank(u->d, a, b))
		return false;
	long h = outline_heading_at(o, b > a ? b - 1 : a);
	if (h >= 0 && o->headings[h].off >= a)
		return true;
	long t = outline_turn_at(o, a);
	if (t >= 0 && outline_turn_get(o, t).speaker == u->filter_spk)
		return true;
	/* a turn that starts inside the paragraph (an inline label) */
	t = outline_turn_before(o, b);
	if (t < 0)
		return false;
	outline_turn tt = outline_turn_get(o, t);
	return tt.off >= a && tt.speaker == u->filter_spk;
}

/* s folded for comparing names (case and compatibility forms), or NULL. */
static uint8_t *fold(const char *s, size_t *len)
{
	return u8_casefold((const uint8_t *)s, strlen(s), NULL, UNINORM_NFKC, NULL, len);
}

/* Where needle is in hay (both folded), or NULL. */
static const uint8_t *find_in(const uint8_t *hay, size_t hn, const uint8_t *needle, size_t nn)
{
	return nn <= hn ? memmem(hay, hn, needle, nn) : NULL;
}

/* The speaker a typed name means: the same name in any case, else the one
 * it is the start of, else the one it is part of; -1 with a message in
 * u->msg when none or more than one. */
static int speaker_named(ui *u, const char *name)
{
	const outline *o = u->ol;
	size_t qn;
	uint8_t *q = fold(name, &qn);
	int best = -1, rank = 0, ties = 0;
	for (size_t k = 0; q && o && k < o->nspeakers; k++) {
		size_t sn;
		uint8_t *s = fold(o->speakers[k].name, &sn);
		if (!s)
			continue;
		const uint8_t *at = find_in(s, sn, q, qn);
		int r = !at ? 0 : sn == qn ? 3 : at == s ? 2 : 1;
		free(s);
		if (r > rank) {
			best = (int)k;
			rank = r;
			ties = 1;
		} else if (r && r == rank) {
			ties++;
		}
	}
	free(q);
	if (best < 0)
		snprintf(u->msg, sizeof u->msg, _("&@%.100s: no such speaker (%zu known)"), name, o ? o->nspeakers : 0);
	else if (ties > 1 && rank < 3)
		snprintf(u->msg, sizeof u->msg, _("&@%.100s: %d speakers have that name; type more of it"), name, ties);
	else
		return best;
	return -1;
}

/* Shows every paragraph again and forgets the filters. */
static void show_all(ui *u)
{
	search_free(u->filter);
	u->filter = NULL;
	u->filter_spk = -1;
	u->filter_q[0] = 0;
	if (u->L)
		layout_set_filter(u->L, NULL, NULL);
}

/* The rows changed: draw again from the same place. */
static void refilter(ui *u)
{
	u->shown.valid = false;
	ui_status_forget(u);
	ui_text_go(u, u->top.start);
}

/* Only speaker k's turns (and the headings). */
static void only_speaker(ui *u, int k)
{
	show_all(u);
	const char *name = u->ol->speakers[k].name;
	u->filter_spk = k;
	snprintf(u->filter_q, sizeof u->filter_q, "@%s", name);
	layout_set_filter(u->L, keep_speaker, u);
	refilter(u);
	char kh[32];
	snprintf(u->msg, sizeof u->msg, _("only %.100s's turns, with the headings (%s again: all)"), name,
	         ui_mode_key_name(u, ACT_ONLY_SPEAKER, kh, sizeof kh));
}

/* The & prompt's line: a pattern, @Name, or nothing for all again. */
static void filter_done(ui *u, const char *q, bool ok)
{
	if (!ok)
		return;
	if (q[0] == '@' && !q[1]) { /* the current speaker */
		if (u->filter_spk < 0)
			ui_act_only_speaker(u, 0);
		return;
	}
	if (q[0] == '@') {
		ui_structure_upto(u, u->d->len); /* every speaker known */
		int k = speaker_named(u, q + 1);
		if (k >= 0)
			only_speaker(u, k);
		return;
	}
	show_all(u);
	if (*q) {
		char err[200];
		u->filter = search_new(q, &u->find.opts, err, sizeof err);
		if (!u->filter) {
			snprintf(u->msg, sizeof u->msg, _("&: %s"), err);
			refilter(u);
			return;
		}
		search_use_pres(u->filter, u->P);
		snprintf(u->filter_q, sizeof u->filter_q, "%s", q);
		layout_set_filter(u->L, keep_match, u);
	}
	refilter(u);
	if (u->filter)
		snprintf(u->msg, sizeof u->msg, _("only what holds %.100s (& and Enter: all again)"), q);
}

void ui_act_filter(ui *u, long count)
{
	(void)count;
	ui_prompt_open(u, "&", u->filter_q, filter_done);
}

void ui_filter_speaker(ui *u, int k)
{
	if (!u->ol || k < 0 || (size_t)k >= u->ol->nspeakers)
		return;
	if (u->filter_spk == k) {
		show_all(u);
		refilter(u);
		snprintf(u->msg, sizeof u->msg, _("every paragraph again"));
		return;
	}
	only_speaker(u, k);
}

void ui_act_only_speaker(ui *u, long count)
{
	if (count > 0) { /* the legend's Nth speaker */
		ui_structure_upto(u, u->d->len);
		if (!u->ol || (size_t)count > u->ol->nspeakers) {
			snprintf(u->msg, sizeof u->msg, _("there are %zu speakers"), u->ol ? u->ol->nspeakers : 0);
			return;
		}
		if (u->filter_spk != (int)count - 1)
			only_speaker(u, (int)count - 1);
		return;
	}
	if (u->filter_spk >= 0) {
		ui_filter_speaker(u, u->filter_spk);
		return;
	}
	long t = u->ol ? outline_turn_at(u->ol, u->top.start) : -1;
	if (t < 0) {
		snprintf(u->msg, sizeof u->msg, _("no speaker here (&@Name chooses one)"));
		return;
	}
	ui_filter_speaker(u, outline_turn_get(u->ol, t).speaker);
}

int ui_filter_current_speaker(const ui *u)
{
	return u->filter_spk;
}

void ui_filter_free(ui *u)
{
	show_all(u);
}

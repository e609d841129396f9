/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * clipboard: y quotes a passage to the terminal's clipboard with OSC 52,
 * which reaches the reader's own machine over SSH and, with tmux's
 * set-clipboard on, tmux's buffers.  The passage is the paragraph or the
 * speaker turn at the top of the screen (quote.c makes it plain text); in
 * the bookmark list, the entry's passage with its label and line.  The
 * sequence is a short mode string written with putp beside ncurses' own
 * output; its text is base64, so nothing of the document reaches the
 * terminal as it is.
 */
#include "build.h"
#include "ui_priv.h"
#include "fanye/i18n.h"
#include "fanye/quote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The most text one copy sends (terminals take about this much). */
#define CLIP_CAP ((size_t)64 << 10)

/* True if [display] clipboard allows it; else says so. */
static bool allowed(ui *u)
{
	if (u->cfg && config_choice(u->cfg, CONFIG_CLIPBOARD) == 1) {
		snprintf(u->msg, sizeof u->msg, _("copying is off ([display] clipboard = off)"));
		return false;
	}
	return true;
}

/* Sends text to the clipboard ("c") as OSC 52; false when out of memory. */
static bool send_osc52(const char *text, size_t n)
{
	char *b = quote_base64(text, n);
	if (!b)
		return false;
	size_t bn = strlen(b);
	char *seq = malloc(bn + 16);
	if (!seq) {
		free(b);
		return false;
	}
	memcpy(seq, "\033]52;c;", 7);
	memcpy(seq + 7, b, bn);
	memcpy(seq + 7 + bn, "\a", 2);
	putp(seq);
	fflush(stdout); /* putp writes to stdio, not ncurses' own buffer */
	free(seq);
	free(b);
	return true;
}

/* The passage at off (count units), the outline known far enough. */
static bool take(ui *u, size_t off, long count, quote *q)
{
	ui_structure_upto(u, off + ((size_t)1 << 20));
	if (quote_take(u->P, u->d, u->ol, off, count, CLIP_CAP, q))
		return true;
	snprintf(u->msg, sizeof u->msg, _("out of memory"));
	return false;
}

/* Copies text and says how much. */
static void copy(ui *u, const char *text, size_t len, size_t chars, bool cut, const char *what)
{
	if (!len) {
		snprintf(u->msg, sizeof u->msg, _("nothing to copy here"));
		return;
	}
	if (!send_osc52(text, len)) {
		snprintf(u->msg, sizeof u->msg, _("out of memory"));
		return;
	}
	snprintf(u->msg, sizeof u->msg, _("copied %zu characters%s%s"), chars, what, cut ? _(" (cut to 64 KiB)") : "");
}

void ui_act_copy(ui *u, long count)
{
	if (!allowed(u))
		return;
	quote q;
	if (!take(u, u->top.start, count > 0 ? count : 1, &q))
		return;
	char what[160] = "";
	if (q.speaker >= 0 && count <= 1)
		snprintf(what, sizeof what, _(" (%.100s's turn)"), u->ol->speakers[q.speaker].name);
	copy(u, q.text, q.len, q.chars, q.cut, what);
	quote_free(&q);
}

void ui_act_bookmark_copy(ui *u, long count)
{
	(void)count;
	marks_store *m = &u->marks;
	if (!allowed(u) || !m->n || u->bk.list.sel < 0 || u->bk.list.sel >= (long)m->n)
		return;
	const marks_entry *e = &m->e[u->bk.list.sel];
	quote q;
	if (!take(u, e->offset, 1, &q))
		return;
	/* "label (file, line N)" and the passage under it */
	char head[600];
	size_t line = doc_line_number(u->d, e->offset, 0);
	const char *name = strrchr(u->d->name, '/') ? strrchr(u->d->name, '/') + 1 : u->d->name;
	if (e->letter)
		snprintf(head, sizeof head, "'%c (%.200s, line %zu)\n", e->letter, name, line);
	else
		snprintf(head, sizeof head, "%.300s (%.200s, line %zu)\n", e->label ? e->label : "bookmark", name, line);
	size_t hn = strlen(head), n = hn + q.len;
	char *all = malloc(n + 1);
	if (!all) {
		quote_free(&q);
		snprintf(u->msg, sizeof u->msg, _("out of memory"));
		return;
	}
	memcpy(all, head, hn);
	memcpy(all + hn, q.text, q.len + 1);
	/* the head's characters: its label may be any text */
	size_t chars = q.chars;
	for (size_t i = 0; i < hn; i++)
		chars += ((unsigned char)head[i] & 0xC0) != 0x80;
	copy(u, all, n, chars, q.cut, "");
	free(all);
	quote_free(&q);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mode: the stack of modes, and where a key and a frame go.
 *
 * The pager is at the bottom of the stack; a list, the help or a prompt is
 * pushed over it and popped when it closes.  The mode on top has the keys:
 * a key is looked up in its view of the action table (and that view's
 * parent), and the action's handler runs.  A key no table binds goes to
 * the mode's own `other` (the letter after m, text typed in a prompt).  A
 * frame is drawn by the highest mode that fills the screen, then by the
 * prompts over it.
 */
#include "build.h"
#include "ui_priv.h"
#include "fanye/i18n.h"

#include <stdio.h>
#include <string.h>

typedef struct mode_info {
	keymap_view view;        /* where its keys are; VIEW_NONE: all go to other */
	keymap_action opener;    /* the pager key that opened it closes it too */
	bool screen;             /* it draws the whole screen, not over the mode below */
	bool text;               /* ... and that screen is the text view */
	void (*draw)(ui *u);
	ui_list *(*list)(ui *u); /* what the list-* actions move */
	ui_line *(*line)(ui *u); /* what the line-* actions edit */
	void (*choose)(ui *u);   /* list-choose and line-accept */
	void (*close)(ui *u);    /* list-close and line-cancel; NULL: pop */
	void (*changed)(ui *u);  /* the line's text changed */
	void (*other)(ui *u, int key);
	bool bs_closes;          /* Backspace on an empty line closes it (as less's search) */
} mode_info;

/* The key after one that waits for it: m and ' (a letter), : (a file
 * command). */
static void letter(ui *u, int key)
{
	if (u->pending == ACT_FILE_COMMAND || u->pending == ACT_PIPE) {
		keymap_action what = u->pending;
		u->pending = ACT_NONE;
		ui_mode_leave(u, MODE_LETTER);
		if (what == ACT_PIPE)
			ui_pipe_letter(u, key);
		else
			ui_files_letter(u, key);
	} else {
		ui_marks_letter(u, key);
	}
}

static const mode_info modes[MODE_COUNT] = {
	[MODE_PAGER] = {VIEW_PAGER, ACT_NONE, true, true, ui_text_draw, NULL, NULL, NULL, NULL, NULL, NULL},
	[MODE_SIDEBAR] = {VIEW_SIDEBAR, ACT_FOCUS_SIDEBAR, true, true, ui_text_draw, ui_sidebar_list, NULL,
	                  ui_sidebar_choose, ui_sidebar_close, NULL, NULL},
	[MODE_SEARCH] = {VIEW_SEARCH, ACT_NONE, false, false, ui_find_draw_prompt, NULL, ui_find_line,
	                 ui_find_accept, ui_find_cancel, ui_find_changed, NULL, true},
	[MODE_PROMPT] = {VIEW_LINE, ACT_NONE, false, false, ui_prompt_draw, NULL, ui_prompt_line,
	                 ui_prompt_accept, ui_prompt_cancel, NULL, NULL},
	[MODE_LETTER] = {VIEW_NONE, ACT_NONE, false, false, NULL, NULL, NULL, NULL, NULL, NULL,
	                 letter},
	[MODE_HELP] = {VIEW_HELP, ACT_HELP, true, false, ui_help_draw, ui_help_list, NULL, NULL,
	               ui_help_close, NULL, NULL},
	[MODE_HELP_FILTER] = {VIEW_LINE, ACT_NONE, false, false, ui_help_filter_draw, NULL, ui_help_line,
	                      NULL, ui_help_filter_cancel, ui_help_filter_changed, NULL},
	[MODE_MATCHES] = {VIEW_LIST, ACT_MATCH_LIST, true, false, ui_matches_draw, ui_matches_list, NULL,
	                  ui_matches_choose, NULL, NULL, NULL},
	[MODE_MARKS] = {VIEW_BOOKMARKS, ACT_BOOKMARKS, true, false, ui_marks_draw, ui_marks_list, NULL,
	                ui_marks_choose, ui_marks_close, NULL, NULL},
};

static const mode_info *top(const ui *u)
{
	return &modes[u->mode[u->nmode - 1]];
}

/* A prompt on top shows the cursor where it draws it; nothing else does. */
static void cursor(ui *u)
{
	bool on = top(u)->line != NULL;
	leaveok(stdscr, !on);
	curs_set(on ? 1 : 0);
}

void ui_mode_push(ui *u, enum ui_mode m)
{
	if (u->nmode == 0)
		u->mode[u->nmode++] = MODE_PAGER;
	if (u->nmode < UI_MODES_MAX)
		u->mode[u->nmode++] = m;
	cursor(u);
}

void ui_mode_pop(ui *u)
{
	if (u->nmode > 1)
		u->nmode--;
	cursor(u);
}

void ui_mode_leave(ui *u, enum ui_mode m)
{
	while (u->nmode > 1 && ui_mode_in(u, m))
		ui_mode_pop(u);
}

enum ui_mode ui_mode_top(const ui *u)
{
	return u->nmode ? u->mode[u->nmode - 1] : MODE_PAGER;
}

bool ui_mode_in(const ui *u, enum ui_mode m)
{
	for (int i = 0; i < u->nmode; i++)
		if (u->mode[i] == m)
			return true;
	return m == MODE_PAGER;
}

ui_list *ui_mode_list(ui *u)
{
	return top(u)->list ? top(u)->list(u) : NULL;
}

ui_line *ui_mode_line(ui *u)
{
	return top(u)->line ? top(u)->line(u) : NULL;
}

void ui_mode_choose(ui *u)
{
	if (top(u)->choose)
		top(u)->choose(u);
	else
		ui_mode_pop(u);
}

void ui_mode_close(ui *u)
{
	if (top(u)->close)
		top(u)->close(u);
	else
		ui_mode_pop(u);
}

void ui_mode_changed(ui *u)
{
	if (top(u)->changed)
		top(u)->changed(u);
}

bool ui_mode_draw(ui *u)
{
	int base = u->nmode - 1;
	while (base > 0 && !modes[u->mode[base]].screen)
		base--;
	modes[u->mode[base]].draw(u);
	for (int i = base + 1; i < u->nmode; i++)
		if (modes[u->mode[i]].draw) {
			modes[u->mode[i]].draw(u);
			ui_status_forget(u); /* drawn over */
		}
	return modes[u->mode[base]].text;
}

/* The pager's own keys: a count typed before a key, and a jump recorded
 * for ''. */
static void pager_key(ui *u, int key, keymap_action a, void (*fn)(ui *, long))
{
	if (key >= '0' && key <= '9' && a == ACT_NONE) {
		long c = u->count < 0 ? 0 : u->count;
		if (c < 100000000)
			u->count = c * 10 + (key - '0');
		snprintf(u->msg, sizeof u->msg, ":%ld", u->count);
		return;
	}
	long count = u->count;
	u->count = -1;
	if (count >= 0 && key == KEYMAP_ESC)
		return; /* Escape takes back a count typed, as in vi */
	if (!fn) {
		/* A key that does nothing says so, and where the keys are. */
		char name[32];
		keymap_key_name(key, name, sizeof name);
		snprintf(u->msg, sizeof u->msg, _("%s: no action (%s for help)"), name,
		         ui_mode_key_name(u, ACT_HELP, (char[32]){0}, 32));
		return;
	}
	size_t before = u->top.start;
	fn(u, count);
	if (keymap_action_jumps(a) && u->top.start != before) {
		u->last_jump = before;
		u->has_last_jump = true;
	}
}

void ui_mode_key(ui *u, int key)
{
	static void (*const handlers[ACT_COUNT])(ui *, long) = {
#define X(id, name, group, keys, help, fn) [ACT_##id] = fn,
		FANYE_ACTIONS(X)
#undef X
	};
	const mode_info *m = top(u);
	keymap_action a = m->view == VIEW_NONE ? ACT_NONE : keymap_lookup(u->km, m->view, key);
	/* The key that opened a view closes it. */
	if (a == ACT_NONE && m->opener != ACT_NONE && keymap_lookup(u->km, VIEW_PAGER, key) == m->opener) {
		ui_mode_close(u);
		return;
	}
	if (m->view == VIEW_PAGER) {
		pager_key(u, key, a, a == ACT_NONE ? NULL : handlers[a]);
		return;
	}
	if (a != ACT_NONE) {
		handlers[a](u, -1);
		return;
	}
	ui_line *l = m->line ? m->line(u) : NULL;
	if (l && ui_line_insert(l, key))
		ui_mode_changed(u);
	else if (m->other)
		m->other(u, key);
}

const char *ui_mode_key_name(const ui *u, keymap_action a, char *buf, size_t n)
{
	keymap_keys_string(u->km, a, buf, n);
	char *sp = strchr(buf, ' ');
	if (sp)
		*sp = 0;
	return buf;
}

/* ---- the handlers of the list and line actions -------------------------- */

static void list_act(ui *u, keymap_action a)
{
	ui_list *l = ui_mode_list(u);
	if (l)
		ui_list_move(l, a);
}

void ui_act_list_down(ui *u, long count) { (void)count; list_act(u, ACT_LIST_DOWN); }
void ui_act_list_up(ui *u, long count) { (void)count; list_act(u, ACT_LIST_UP); }
void ui_act_list_page_down(ui *u, long count) { (void)count; list_act(u, ACT_LIST_PAGE_DOWN); }
void ui_act_list_page_up(ui *u, long count) { (void)count; list_act(u, ACT_LIST_PAGE_UP); }
void ui_act_list_first(ui *u, long count) { (void)count; list_act(u, ACT_LIST_FIRST); }
void ui_act_list_last(ui *u, long count) { (void)count; list_act(u, ACT_LIST_LAST); }
void ui_act_list_choose(ui *u, long count) { (void)count; ui_mode_choose(u); }
void ui_act_list_close(ui *u, long count) { (void)count; ui_mode_close(u); }

static void line_act(ui *u, keymap_action a)
{
	ui_line *l = ui_mode_line(u);
	if (l && ui_line_edit(l, a))
		ui_mode_changed(u);
}

void ui_act_line_accept(ui *u, long count) { (void)count; ui_mode_choose(u); }
void ui_act_line_cancel(ui *u, long count) { (void)count; ui_mode_close(u); }
void ui_act_line_delete(ui *u, long count) { (void)count; line_act(u, ACT_LINE_DELETE); }
void ui_act_line_kill(ui *u, long count) { (void)count; line_act(u, ACT_LINE_KILL); }
void ui_act_line_kill_word(ui *u, long count) { (void)count; line_act(u, ACT_LINE_KILL_WORD); }
void ui_act_line_kill_end(ui *u, long count) { (void)count; line_act(u, ACT_LINE_KILL_END); }
void ui_act_line_left(ui *u, long count) { (void)count; line_act(u, ACT_LINE_LEFT); }
void ui_act_line_right(ui *u, long count) { (void)count; line_act(u, ACT_LINE_RIGHT); }
void ui_act_line_start(ui *u, long count) { (void)count; line_act(u, ACT_LINE_START); }
void ui_act_line_end(ui *u, long count) { (void)count; line_act(u, ACT_LINE_END); }

void ui_act_line_backspace(ui *u, long count)
{
	(void)count;
	ui_line *l = ui_mode_line(u);
	/* As in less, Backspace on an empty search gives it up. */
	if (l && l->len == 0 && top(u)->bs_closes)
		ui_mode_close(u);
	else
		line_act(u, ACT_LINE_BACKSPACE);
}

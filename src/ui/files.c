/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * files: the files of a session, as less has them: the list given on the
 * command line and those added with :e, the one being read, and what each
 * keeps while another is read (where it was, its search).  The colon
 * commands :n :p :x :d :e move between them; the session (session.c)
 * opens the one chosen.
 */
#include "build.h"
#include "ui_priv.h"
#include "fanye/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ui_files_init(ui_files *fl, const char *const *paths, int n)
{
	memset(fl, 0, sizeof *fl);
	fl->go = -1;
	for (int i = 0; i < (n > 0 ? n : 1); i++)
		if (!ui_files_add(fl, n > 0 ? paths[i] : "-"))
			return false;
	return true;
}

bool ui_files_add(ui_files *fl, const char *path)
{
	if (fl->n == fl->cap) {
		int nc = fl->cap ? fl->cap * 2 : 8;
		ui_file *nv = realloc(fl->v, (size_t)nc * sizeof *nv);
		if (!nv)
			return false;
		fl->v = nv;
		fl->cap = nc;
	}
	char *p = strdup(path);
	if (!p)
		return false;
	fl->v[fl->n++] = (ui_file){.path = p};
	return true;
}

void ui_files_free(ui_files *fl)
{
	for (int i = 0; i < fl->n; i++) {
		free(fl->v[i].path);
		free(fl->v[i].query);
		free(fl->v[i].encoding);
	}
	free(fl->v);
	memset(fl, 0, sizeof *fl);
}

void ui_files_leave(ui *u)
{
	ui_files *fl = u->files;
	if (!fl || fl->cur < 0 || fl->cur >= fl->n)
		return;
	ui_file *f = &fl->v[fl->cur];
	f->seen = true;
	f->top = u->top.start;
	f->top_line = u->pending_top_line;
	free(f->query);
	f->query = u->find.s && u->find.q.len ? strdup(u->find.q.buf) : NULL;
}

void ui_files_enter(ui *u)
{
	ui_files *fl = u->files;
	if (!fl || fl->cur < 0 || fl->cur >= fl->n)
		return;
	ui_file *f = &fl->v[fl->cur];
	if (!f->seen)
		return;
	u->top.start = f->top; /* laid out by ui_text_fit */
	if (f->top_line) {
		/* read again in another encoding: the offsets differ, the
		 * lines do not */
		u->top.start = doc_line_offset(u->d, f->top_line);
		f->top_line = 0;
	}
	if (f->query)
		ui_find_restore(u, f->query);
}

/* Goes to file i (the session opens it), or says why not. */
static void go(ui *u, int i)
{
	ui_files *fl = u->files;
	if (!fl || i < 0 || i >= fl->n) {
		snprintf(u->msg, sizeof u->msg, i < 0 ? "this is the first file" : "this is the last file");
		return;
	}
	fl->go = i;
	u->quit = true;
}

void ui_act_file_command(ui *u, long count)
{
	u->pending = ACT_FILE_COMMAND;
	u->file_count = count;
	ui_mode_push(u, MODE_LETTER);
	snprintf(u->msg, sizeof u->msg, ":");
}

/* The command line after :e, once typed: "e FILE" opens FILE (less's :e),
 * "encoding NAME" reads the file again in NAME (lv's; without a name, E's
 * prompt). */
static void examine(ui *u, const char *line, bool ok)
{
	if (!ok)
		return;
	size_t w = strcspn(line, " ");
	const char *arg = line + w;
	while (*arg == ' ')
		arg++;
	if (w >= 3 && strncmp(line, "encoding", w) == 0) {
		if (*arg)
			ui_encoding_read(u, arg);
		else
			ui_act_encoding(u, 0);
		return;
	}
	if (line[0] != 'e') {
		snprintf(u->msg, sizeof u->msg, _(":%.40s: not a command (:e FILE, :encoding NAME)"), line);
		return;
	}
	/* :e FILE, :edit FILE, :examine FILE, and :eFILE as less takes it */
	bool word = strncmp(line, "edit", w) == 0 || strncmp(line, "examine", w) == 0;
	const char *name = word ? arg : line + 1 + strspn(line + 1, " ");
	if (!*name)
		return;
	ui_files *fl = u->files;
	if (!fl || !ui_files_add(fl, name)) {
		snprintf(u->msg, sizeof u->msg, _("out of memory"));
		return;
	}
	go(u, fl->n - 1);
}

void ui_files_letter(ui *u, int key)
{
	ui_files *fl = u->files;
	long count = u->file_count > 0 ? u->file_count : 1;
	u->msg[0] = 0;
	int cur = fl ? fl->cur : 0;
	switch (key) {
	case 'n': go(u, cur + (int)count); break;
	case 'p': go(u, cur - (int)count); break;
	case 'x': go(u, u->file_count > 0 ? (int)u->file_count - 1 : 0); break;
	case 'e': ui_prompt_open(u, ":", "e", examine); break;
	case 'd':
		/* less's :d: the file leaves the list (the last one stays). */
		if (!fl || fl->n < 2) {
			snprintf(u->msg, sizeof u->msg, _("the only file stays"));
			break;
		}
		fl->drop = true;
		go(u, cur + 1 < fl->n ? cur + 1 : cur - 1);
		break;
	case 'q':
	case 'Q':
		u->quit = true;
		break;
	case KEYMAP_ESC:
		break;
	default:
		snprintf(u->msg, sizeof u->msg, _(":n next file, :p previous, :x first, :e FILE open another, :d drop this one, "
		         ":encoding NAME"));
	}
}

void ui_files_status(const ui *u, char *buf, size_t n)
{
	const ui_files *fl = u->files;
	buf[0] = 0;
	if (fl && fl->n > 1)
		snprintf(buf, n, " (%d/%d)", fl->cur + 1, fl->n);
}

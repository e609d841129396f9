/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * commands: what less users reach for beyond reading: v edits the file in
 * $VISUAL or $EDITOR at the line on top and reads it again after, R reads
 * it again, ! runs a shell command, | pipes a part of the text to one, s
 * saves piped input to a file.  A secure mode (--secure, LESSSECURE=1)
 * refuses those that run programs or write files.  The terminal is given
 * to the program and taken back through session.c.
 */
#include "build.h"
#include "ui_priv.h"
#include "fanye/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static bool refused(ui *u, const char *what)
{
	if (!u->secure)
		return false;
	snprintf(u->msg, sizeof u->msg, _("%s: not in secure mode"), what);
	return true;
}

/* Runs argv with the terminal handed over, stdin from in_fd (or the
 * terminal when -1), and waits; returns its exit status or -1. */
static int run(ui *u, char *const argv[], int in_fd)
{
	ui_session_leave(u);
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	if (in_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, in_fd, STDIN_FILENO);
	else if (!isatty(STDIN_FILENO))
		posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/tty", O_RDONLY, 0);
	pid_t pid;
	int st = -1;
	if (posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, environ) == 0) {
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
	}
	posix_spawn_file_actions_destroy(&fa);
	return st;
}

/* After a command the user ran and wants to read: Enter gives the screen
 * back, as less's "!done". */
static void wait_return(ui *u)
{
	fputs("\n(press Enter to go back to fanye)", stdout);
	fflush(stdout);
	ui_session_back(u, true);
}

void ui_act_edit(ui *u, long count)
{
	(void)count;
	if (refused(u, "editing"))
		return;
	const char *path = u->d->path;
	if (!path || strcmp(path, "-") == 0) {
		snprintf(u->msg, sizeof u->msg, _("standard input cannot be edited"));
		return;
	}
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	char line[32];
	snprintf(line, sizeof line, "+%zu", doc_line_number(u->d, u->top.start, 0));
	/* The editor as the shell reads it (it may hold options), the line
	 * and the file as arguments of their own. */
	char script[64] = "exec $FANYE_EDITOR \"$@\"";
	setenv("FANYE_EDITOR", ed, 1);
	char *argv[] = {"sh", "-c", script, "sh", line, (char *)path, NULL};
	int st = run(u, argv, -1);
	unsetenv("FANYE_EDITOR");
	ui_session_back(u, false);
	if (st != 0)
		snprintf(u->msg, sizeof u->msg, _("the editor (%.100s) did not end well"), ed);
	ui_act_reload(u, 0);
}

void ui_act_reload(ui *u, long count)
{
	(void)count;
	if (!u->d->path || strcmp(u->d->path, "-") == 0 || u->d->streaming) {
		snprintf(u->msg, sizeof u->msg, _("standard input cannot be read again"));
		return;
	}
	/* Read again from the start, as the session opens another file: the
	 * reading position and the search are kept. */
	u->files->go = u->files->cur;
	u->quit = true;
}

/* E, once the encoding is typed: the file read again in it ("auto":
 * detected), its top line kept (offsets differ between decodings; the
 * lines do not). */
static void encoding_done(ui *u, const char *name, bool ok)
{
	if (!ok || !*name)
		return;
	bool detect = strcasecmp(name, "auto") == 0;
	if (!detect && doc_check_encoding(name) < 0) {
		snprintf(u->msg, sizeof u->msg, _("%.60s: not an encoding iconv knows (GB18030, BIG5, SHIFT_JIS, "
		         "EUC-KR, WINDOWS-1252, KOI8-R, UTF-16LE ...)"), name);
		return;
	}
	ui_file *f = &u->files->v[u->files->cur];
	char *e = strdup(detect ? "auto" : name);
	if (!e) {
		snprintf(u->msg, sizeof u->msg, _("out of memory"));
		return;
	}
	free(f->encoding);
	f->encoding = e;
	u->pending_top_line = doc_line_number(u->d, u->top.start, 0);
	u->files->go = u->files->cur;
	u->quit = true;
}

/* True if the document is a file that can be read again; else says why. */
static bool rereadable(ui *u)
{
	if (!u->files || !u->d->path || strcmp(u->d->path, "-") == 0 || !doc_is_file(u->d)) {
		snprintf(u->msg, sizeof u->msg, _("standard input cannot be read again in another encoding"));
		return false;
	}
	return true;
}

void ui_act_encoding(ui *u, long count)
{
	(void)count;
	if (rereadable(u))
		ui_prompt_open(u, _("Encoding (auto: detect):"), u->d->encoding, encoding_done);
}

void ui_encoding_read(ui *u, const char *name)
{
	if (rereadable(u))
		encoding_done(u, name, true);
}

static void shell_done(ui *u, const char *cmd, bool ok)
{
	if (!ok || !*cmd)
		return;
	char *argv[] = {"sh", "-c", (char *)cmd, NULL};
	run(u, argv, -1);
	wait_return(u);
}

void ui_act_shell(ui *u, long count)
{
	(void)count;
	if (refused(u, "shell commands"))
		return;
	ui_prompt_open(u, "!", "", shell_done);
}

static void pipe_done(ui *u, const char *cmd, bool ok)
{
	if (!ok || !*cmd)
		return;
	size_t a = u->pipe_from, b = u->pipe_to;
	int fds[2];
	if (pipe(fds) != 0) {
		snprintf(u->msg, sizeof u->msg, _("pipe: %s"), strerror(errno));
		return;
	}
	/* The text is written by a child of ours, so that a large part and
	 * a command that reads slowly (or not at all) cannot block us. */
	pid_t w = fork();
	if (w == 0) {
		close(fds[0]);
		signal(SIGPIPE, SIG_DFL);
		for (size_t off = a; off < b;) {
			ssize_t k = write(fds[1], u->d->data + off, b - off);
			if (k <= 0)
				_exit(0);
			off += (size_t)k;
		}
		_exit(0);
	}
	close(fds[1]);
	char *argv[] = {"sh", "-c", (char *)cmd, NULL};
	run(u, argv, fds[0]);
	close(fds[0]);
	if (w > 0) {
		kill(w, SIGTERM);
		while (waitpid(w, NULL, 0) < 0 && errno == EINTR)
			;
	}
	wait_return(u);
}

void ui_act_pipe(ui *u, long count)
{
	(void)count;
	if (refused(u, "piping"))
		return;
	u->pending = ACT_PIPE;
	ui_mode_push(u, MODE_LETTER);
	snprintf(u->msg, sizeof u->msg, _("|: a mark's letter, ^ the start, $ the end, . or Enter this screen"));
}

void ui_pipe_letter(ui *u, int key)
{
	layout_row bottom = ui_text_bottom(u, NULL);
	size_t a = u->top.start, b = bottom.next;
	u->msg[0] = 0;
	if (key == '^') {
		a = 0;
	} else if (key == '$') {
		b = u->d->len;
	} else if (key != '.' && key != KEYMAP_ENTER) {
		marks_entry *e = (key >= 'a' && key <= 'z') || (key >= 'A' && key <= 'Z') ? marks_find_mark(&u->marks, key) : NULL;
		if (!e) {
			if (key != KEYMAP_ESC)
				snprintf(u->msg, sizeof u->msg, _("no mark %c"), key < 0x80 && key > 0x20 ? key : '?');
			return;
		}
		if (e->offset < a)
			a = e->offset;
		if (e->offset > b)
			b = e->offset;
	}
	u->pipe_from = a;
	u->pipe_to = b;
	ui_prompt_open(u, "|", "", pipe_done);
}

static void save_done(ui *u, const char *name, bool ok)
{
	if (!ok || !*name)
		return;
	int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		snprintf(u->msg, sizeof u->msg, "%.150s: %s", name,
		         errno == EEXIST ? "exists: not written over" : strerror(errno));
		return;
	}
	size_t n = u->d->len, off = 0;
	while (off < n) {
		ssize_t k = write(fd, u->d->data + off, n - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		off += (size_t)k;
	}
	int err = off < n ? errno : 0;
	if (close(fd) != 0 && !err)
		err = errno;
	if (err)
		snprintf(u->msg, sizeof u->msg, "%.150s: %s", name, strerror(err));
	else
		snprintf(u->msg, sizeof u->msg, _("%.150s: %zu bytes written (as UTF-8)"), name, n);
}

void ui_act_save(ui *u, long count)
{
	(void)count;
	if (refused(u, "saving"))
		return;
	ui_prompt_open(u, _("Save to file:"), "", save_done);
}

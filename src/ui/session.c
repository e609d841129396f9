/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * session: the terminal session: set-up, input, signals, the main loop
 * with its idle work, and the teardown.  Keys go to the mode on top of the
 * mode stack (mode.c), which looks them up in its view of the action table
 * (actions.h); the handlers live with their views (text.c, help.c, ...).
 */
#include "build.h"
#include "ui_priv.h"
#include "fanye/i18n.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

static volatile sig_atomic_t got_int;

static volatile sig_atomic_t got_tstp;

static void on_tstp(int sig)
{
	(void)sig;
	got_tstp = 1;
}

static void tstp_set(void (*handler)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTSTP, &sa, NULL);
}

/* Ctrl-Z is fanye's own to handle, when the shell lets it stop at all:
 * with ncurses's handler every update set SIGTSTP aside and back, two
 * system calls a key.  Without SA_RESTART, so the wait for a key ends. */
static void tstp_install(void)
{
	struct sigaction old;
	if (sigaction(SIGTSTP, NULL, &old) == 0 && old.sa_handler == SIG_DFL)
		tstp_set(on_tstp);
}

/* The mouse, as asked: the terminal's alternate scroll (DECSET 1007: the
 * wheel becomes Up and Down in the alternate screen, and the terminal keeps
 * its own selection), or full reports (1006, through ncurses). */
static void mouse_on(enum ui_mouse m)
{
	if (m == UI_MOUSE_WHEEL) {
		putp("\033[?1007h");
		fflush(stdout); /* putp writes to stdio, not ncurses' own buffer */
	} else if (m == UI_MOUSE_ON) {
		mouseinterval(0);
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	}
}

/* endwin does not undo 1007: off before the shell has the terminal. */
static void mouse_off(enum ui_mouse m)
{
	if (m == UI_MOUSE_WHEEL) {
		putp("\033[?1007l");
		fflush(stdout);
	}
}

static enum ui_mouse mouse_mode;

/* Stops as the shell asked, with the terminal as it was before fanye;
 * on fg, the screen is painted again whole. */
static void suspend(void)
{
	got_tstp = 0;
	endwin(); /* the scrolling region and the alternate screen go too */
	mouse_off(mouse_mode);
	tstp_set(SIG_DFL);
	raise(SIGTSTP);
	tstp_set(on_tstp); /* continued */
	clearok(curscr, TRUE);
	mouse_on(mouse_mode);
}

static void on_sigint(int sig)
{
	(void)sig; /* as in less: it interrupts a search; q quits */
	got_int = 1;
}

/* The document changed (grew, or was read again): rows, outline and
 * search counts start over where needed; the reading position stays. */
static void doc_changed(ui *u, bool reloaded)
{
	/* A stream's format is told from its start: again while it arrives. */
	if (u->fmt_auto && (reloaded || u->d->len < ((size_t)64 << 10) + ((size_t)1 << 20))) {
		enum pres_format f = pres_detect(u->d, u->d->name);
		if (f != u->fmt) {
			u->fmt = f;
			ui_text_present(u);
		}
	}
	layout_reset(u->L);
	if (reloaded) {
		outline *o = outline_new(u->d, &u->oo);
		if (o) {
			outline_free(u->ol);
			u->ol = o;
			ui_status_forget(u); /* it named the old outline's titles */
			u->pal.pairs = 0;
		}
		if (u->top.start > u->d->len)
			u->top.start = u->d->len;
	}
	if (u->find.s) {
		search *s = u->find.s;
		u->find.s = NULL;
		u->find.has_match = false;
		free(u->find.counts);
		u->find.counts = NULL;
		u->find.nblocks = u->find.counted = u->find.total = 0;
		u->find.s = s;
		u->find.nblocks = u->d->len / ((size_t)1 << 20) + 1;
		u->find.counts = calloc(u->find.nblocks, sizeof *u->find.counts);
		if (!u->find.counts)
			u->find.nblocks = 0;
	}
	u->top = layout_row_at(u->L, u->top.start);
	if (u->follow)
		u->top = ui_text_end(u);
	else
		ui_text_clamp(u);
}

static void draw(ui *u)
{
	bool text = false;
	if (u->too_small) {
		werase(stdscr);
		mvwaddnstr(stdscr, 0, 0, "terminal too small", COLS);
	} else {
		text = ui_mode_draw(u);
	}
	if (text) {
		ui_text_refresh(u);
	} else {
		u->shown.valid = false; /* the text view starts from blank when back */
		wnoutrefresh(stdscr);
	}
	doupdate();
}

/* Translates one wget_wch result into a keymap key, or -1. */
static int translate(int rc, wint_t ch)
{
	if (rc == KEY_CODE_YES) {
		switch (ch) {
		case KEY_UP: return KEYMAP_UP;
		case KEY_DOWN: return KEYMAP_DOWN;
		case KEY_LEFT: return KEYMAP_LEFT;
		case KEY_RIGHT: return KEYMAP_RIGHT;
		case KEY_PPAGE: return KEYMAP_PAGEUP;
		case KEY_NPAGE: return KEYMAP_PAGEDOWN;
		case KEY_HOME: return KEYMAP_HOME;
		case KEY_END: return KEYMAP_END;
		case KEY_ENTER: return KEYMAP_ENTER;
		case KEY_BACKSPACE: return KEYMAP_BACKSPACE;
		case KEY_BTAB: return KEYMAP_BTAB;
		case KEY_DC: return KEYMAP_DELETE;
		case KEY_IC: return KEYMAP_INSERT;
		case KEY_RESIZE: return KEYMAP_RESIZE;
		default:
			if (ch >= KEY_F(1) && ch <= KEY_F(12))
				return KEYMAP_F1 + (int)(ch - KEY_F(1));
			return -1;
		}
	}
	if (ch == '\n' || ch == '\r')
		return KEYMAP_ENTER;
	if (ch == 0x7F || ch == 0x08)
		return KEYMAP_BACKSPACE;
	return (int)ch;
}

/* The mouse report read last (KEYMAP_MOUSE). */
static ui_mouse_ev mouse_ev;

/* What button code b (press or release: m) of a report is. */
static void mouse_decode(int b, int x, int y, bool release)
{
	mouse_ev.x = x - 1;
	mouse_ev.y = y - 1;
	if ((b & ~(4 | 8 | 16)) == 64)
		mouse_ev.what = UI_WHEEL_UP;
	else if ((b & ~(4 | 8 | 16)) == 65)
		mouse_ev.what = UI_WHEEL_DOWN;
	else if ((b & ~(4 | 8 | 16)) == 0 && !release)
		mouse_ev.what = UI_CLICK;
	else
		mouse_ev.what = UI_OTHER;
}

/* The rest of a mouse report the input holds: "b;x;yM" of an SGR one
 * (after ESC [ <), or the three bytes of an X10 one (after ESC [ M), read
 * without waiting.  What is not a report is eaten all the same up to where
 * it stops looking like one: a report's bytes are never keys. */
static int read_report(bool sgr)
{
	wint_t ch;
	int v[3] = {0, 0, 0}, nv = 0, got = 0;
	nodelay(stdscr, TRUE);
	int key = -1;
	if (!sgr) {
		int b[3];
		for (; got < 3 && wget_wch(stdscr, &ch) != ERR; got++)
			b[got] = (int)ch - 32;
		if (got == 3) {
			mouse_decode(b[0] & 3 ? b[0] : b[0], b[1], b[2], (b[0] & 3) == 3);
			key = KEYMAP_MOUSE;
		}
	} else {
		for (int k = 0; k < 32 && wget_wch(stdscr, &ch) != ERR; k++) {
			if (ch >= '0' && ch <= '9') {
				v[nv] = v[nv] * 10 + (int)(ch - '0');
				if (v[nv] > 100000)
					v[nv] = 100000;
			} else if (ch == ';' && nv < 2) {
				nv++;
			} else {
				if ((ch == 'M' || ch == 'm') && nv == 2) {
					mouse_decode(v[0], v[1], v[2], ch == 'm');
					key = KEYMAP_MOUSE;
				}
				break;
			}
		}
	}
	nodelay(stdscr, FALSE);
	return key;
}

/* A KEY_MOUSE from ncurses: the event it decoded, or the report it left
 * in the input (mouse reporting off, the terminal sent one anyway). */
static int mouse_key(void)
{
	MEVENT me;
	if (getmouse(&me) == OK) {
		mouse_ev.x = me.x;
		mouse_ev.y = me.y;
		if (me.bstate & BUTTON4_PRESSED)
			mouse_ev.what = UI_WHEEL_UP;
		else if (me.bstate & BUTTON5_PRESSED)
			mouse_ev.what = UI_WHEEL_DOWN;
		else if (me.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
			mouse_ev.what = UI_CLICK;
		else
			mouse_ev.what = UI_OTHER;
		return KEYMAP_MOUSE;
	}
	const char *kmous = tigetstr("kmous");
	bool sgr = kmous && kmous != (char *)-1 && *kmous && kmous[strlen(kmous) - 1] == '<';
	int k = read_report(sgr);
	return k >= 0 ? k : KEYMAP_MOUSE; /* what could not be read is no key either */
}

static int read_key(void)
{
	/* Function keys are decoded from the first read on: building ncurses'
	 * key table costs about 0.1M instructions that the first screen need
	 * not wait for (keys typed meanwhile wait in the input and are decoded
	 * all the same). */
	static bool keypad_on;
	if (!keypad_on) {
		keypad(stdscr, TRUE);
		keypad_on = true;
	}
	wint_t ch;
	int rc = wget_wch(stdscr, &ch);
	if (rc == ERR)
		return -1;
	if (rc == KEY_CODE_YES && ch == KEY_MOUSE)
		return mouse_key();
	int k = translate(rc, ch);
	if (k == KEYMAP_ESC) {
		/* Alt-x arrives as ESC x. */
		nodelay(stdscr, TRUE);
		rc = wget_wch(stdscr, &ch);
		/* A mouse report the terminal description does not know:
		 * ESC [ < (SGR) or ESC [ M (X10); never keys. */
		if (rc == OK && ch == '[') {
			wint_t c2;
			int r2 = wget_wch(stdscr, &c2);
			if (r2 == OK && (c2 == '<' || c2 == 'M')) {
				nodelay(stdscr, FALSE);
				int m = read_report(c2 == '<');
				return m >= 0 ? m : KEYMAP_MOUSE;
			}
			if (r2 != ERR)
				unget_wch((wchar_t)c2);
		}
		nodelay(stdscr, FALSE);
		if (rc != ERR) {
			int k2 = translate(rc, ch);
			if (k2 >= 0 && k2 != KEYMAP_ESC && k2 != KEYMAP_RESIZE)
				return k2 | KEYMAP_META;
			/* A resize right after Escape: both count, in turn. */
			if (k2 == KEYMAP_RESIZE)
				ungetch(KEY_RESIZE);
		}
	}
	return k;
}

/* The next key of the +commands, as if typed. */
static int initial_key(ui *u)
{
	int k = (unsigned char)*u->init_keys++;
	return k == '\r' || k == '\n' ? KEYMAP_ENTER : k;
}

/* A search accepted while it still runs ends before the next key is
 * taken, as in less: "/x Enter 50g" goes to line 50, not back to the
 * match found later.  Ctrl-C (SIGINT) still interrupts it. */
static void finish_search(ui *u)
{
	ui_find *f = &u->find;
	if (!f->busy || ui_mode_in(u, MODE_SEARCH))
		return;
	while (f->busy && !got_int && !got_signal)
		ui_find_work(u, (size_t)2 << 20);
	if (f->notice[0]) {
		snprintf(u->msg, sizeof u->msg, "%s", f->notice);
		f->notice[0] = 0;
	}
}

static void handle_key(ui *u, int key)
{
	if (key == KEYMAP_MOUSE) {
		if (!u->too_small && !u->follow)
			ui_mouse(u, &mouse_ev);
		return;
	}
	if (key == KEYMAP_RESIZE) {
		clearok(curscr, TRUE);
		ui_text_fit(u);
		return;
	}
	if (u->too_small) {
		if (key == 'q' || key == 'Q')
			u->quit = true;
		return;
	}
	u->msg[0] = 0;
	u->hint = false;
	finish_search(u);
	if (u->follow) {
		u->follow = false; /* any key stops following, as in less */
		return;
	}
	ui_mode_key(u, key);
}

/* Asked while a large bookmark store is read: a signal, Ctrl-C or q stops
 * it; any other key is put back for the pager. */
static bool open_interrupted(void *ctx)
{
	(void)ctx;
	if (got_signal || got_int)
		return true;
	nodelay(stdscr, TRUE);
	wint_t ch;
	int rc = wget_wch(stdscr, &ch);
	nodelay(stdscr, FALSE);
	if (rc == ERR)
		return false;
	if (rc == OK && (ch == 'q' || ch == 'Q' || ch == 3))
		return true;
	if (rc == KEY_CODE_YES)
		ungetch((int)ch);
	else
		unget_wch((wchar_t)ch);
	return false;
}

/* The terminal: keyboard from /dev/tty when stdin is the document. */
typedef struct ui_term {
	SCREEN *scr;
	FILE *tty;
	const char *fallback; /* the description used for an unknown TERM, or NULL */
	bool no_init;         /* -X: the normal screen, left as it is at the end */
} ui_term;

/* -X, as less: no alternate screen, so the last screen stays in the
 * terminal after quitting.  newterm has sent smcup and the endwin after it
 * rmcup; the two strings are then made empty where ncurses keeps them
 * (tigetstr gives that copy), so that neither is sent again: not on the
 * first refresh, after a suspend or a shell escape, nor at the end. */
static void stay_on_normal_screen(void)
{
	static const char *const caps[] = {"smcup", "rmcup"};
	for (size_t i = 0; i < sizeof caps / sizeof *caps; i++) {
		char *s = tigetstr(caps[i]);
		if (s && s != (char *)-1)
			s[0] = 0;
	}
}

/* Opens the terminal and sets its modes; false (with a message) if it
 * cannot be driven. */
static bool term_open(ui_term *t, bool no_init)
{
	FILE *in = stdin;
	t->no_init = no_init;
	t->tty = NULL;
	if (!isatty(STDIN_FILENO)) {
		t->tty = fopen("/dev/tty", "r");
		if (!t->tty) {
			fprintf(stderr, "fanye: cannot open /dev/tty for keyboard input: %s\n",
			        strerror(errno));
			return false;
		}
		in = t->tty;
	}
	tstp_install(); /* before newterm, which then leaves SIGTSTP alone */
	const char *name = getenv("TERM");
	t->fallback = NULL;
	if (name && strcmp(name, "dumb") == 0) {
		/* No cursor addressing: no screen to draw.  (less draws line by
		 * line there; a reader of rows and sidebars cannot.) */
		fprintf(stderr, "fanye: TERM=dumb cannot show a screen; set TERM to your terminal's type, "
		                "or read through a pipe: fanye FILE | cat\n");
		if (t->tty)
			fclose(t->tty);
		return false;
	}
	t->scr = name && *name ? newterm(NULL, stdout, in) : NULL;
	if (!t->scr && name && *name) {
		/* A terminal this machine has no description of (kitty, foot,
		 * alacritty, wezterm, ghostty on a server): they all understand
		 * xterm's sequences, as less assumes too. */
		static const char *const fallbacks[] = {"xterm-256color", "xterm", "ansi"};
		for (size_t i = 0; i < sizeof fallbacks / sizeof *fallbacks && !t->scr; i++)
			if ((t->scr = newterm(fallbacks[i], stdout, in)) != NULL)
				t->fallback = fallbacks[i];
	}
	if (!t->scr) {
		if (!name || !*name)
			fprintf(stderr, "fanye: TERM is not set; cannot drive the terminal\n");
		else
			fprintf(stderr, "fanye: unknown terminal type '%s'\n", name);
		if (t->tty)
			fclose(t->tty);
		return false;
	}
	if (LINES < 1 || COLS < 1) {
		fprintf(stderr, "fanye: the terminal has no size (%d rows, %d columns)\n", LINES, COLS);
		delscreen(t->scr);
		if (t->tty)
			fclose(t->tty);
		return false;
	}
	set_term(t->scr);
	/* 25 ms suits SSH; ESCDELAY, when set, is ncurses's and stays */
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	/* No look for typeahead in the middle of an update: it costs a poll
	 * per few rows and cuts the frame into several writes. */
	typeahead(-1);
	idlok(stdscr, TRUE);
	leaveok(stdscr, TRUE); /* no cursor moves after each update */
	curs_set(0);
	/* ncurses 6.4 flushes after every cursor move until the screen has
	 * once come back from endwin, so each frame went out in several
	 * writes (4.5 a j).  Leaving at once, before anything is drawn, makes
	 * the first refresh that comeback: from then on a frame is one write,
	 * the first screen included. */
	endwin();
	if (no_init)
		stay_on_normal_screen();
	return true;
}

static void term_close(ui_term *t)
{
	if (t->no_init) {
		/* The text stays; the status line goes, and the shell's prompt
		 * comes on its row, as after less -X. */
		move(LINES - 1, 0);
		clrtoeol();
		refresh();
	}
	endwin();
	mouse_off(mouse_mode);
	delscreen(t->scr);
	if (t->tty)
		fclose(t->tty);
}

/* SIGTERM and SIGHUP (a dropped connection) end fanye: without
 * SA_RESTART, so that the read waiting for a key is cut short and the
 * loop sees the flag at once, as ncurses's SIGWINCH handler cuts it short
 * for a resize.  What else they interrupt copes with EINTR as it does for
 * SIGWINCH (the store's reads, writes and lock: tests/stress/stores.sh).
 * SIGINT only interrupts a search, which never waits for a key: it
 * restarts what it interrupts. */
static void signals_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_sigint;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGINT, &sa, NULL);
}

/* The pager's state from the options; false if memory ran out. */
/* Kana among the first 16 KiB's ideographs: Japanese, whose kanji the
 * Chinese script fold would confuse. */
static bool looks_japanese(const doc *d)
{
	unsigned char buf[4096];
	size_t kana = 0, han = 0;
	for (size_t off = 0; off < d->len && off < ((size_t)16 << 10);) {
		size_t n = doc_copy(d, off, buf, sizeof buf);
		if (!n)
			break;
		for (size_t i = 0; i + 2 < n; i++) {
			if (buf[i] == 0xE3 && (buf[i + 1] == 0x81 || buf[i + 1] == 0x82 || buf[i + 1] == 0x83))
				kana++; /* U+3040-U+30FF */
			else if (buf[i] >= 0xE4 && buf[i] <= 0xE9)
				han++;
		}
		off += n;
	}
	return kana * 10 > han && kana > 20;
}

static bool ui_init(ui *u, doc *d, const keymap *km, const ui_opts *o)
{
	memset(u, 0, sizeof *u);
	u->d = d;
	u->km = km;
	u->lo = o->layout;
	u->lo.width = COLS > 0 ? COLS : 80;
	u->count = -1;
	u->filter_spk = -1;
	u->oo = o->outline;
	u->follow_name = o->follow_name;
	u->sb.on = o->sidebar != UI_SIDEBAR_OFF;
	u->sb.autom = o->sidebar == UI_SIDEBAR_AUTO;
	u->sb.cfg_w = o->sidebar_width;
	u->max_width = o->max_width;
	u->line_numbers = o->line_numbers;
	u->chop = o->chop;
	u->shift = o->shift;
	u->jump_target = o->jump_target;
	u->secure = o->secure;
	u->find.history = o->history;
	u->cfg = o->cfg;
	u->find.opts = o->search;
	if (o->script_auto && looks_japanese(d))
		u->find.opts.script_fold = false; /* 国 is not 國 there */
	u->resume = o->resume;
	u->pending = ACT_NONE;
	u->mode[0] = MODE_PAGER;
	u->nmode = 1;
	u->L = layout_new(d, &u->lo);
	u->fmt_auto = o->format < 0;
	u->fmt = u->fmt_auto ? pres_detect(d, d->path ? d->path : d->name) : (enum pres_format)o->format;
	u->oo.markdown = u->fmt == PRES_MARKDOWN;
	u->ol = outline_new(d, &u->oo);
	u->ruby = o->ruby;
	pres_opts po = {.format = u->fmt, .ruby = u->ruby, .script = o->script, .width = u->lo.width,
	                .tab_width = u->lo.tab_width, .ambiguous_wide = u->lo.ambiguous_wide};
	u->P = pres_new(d, &po);
	if (!u->L || !u->ol || !u->P)
		return false;
	layout_use_pres(u->L, u->P);
	/* The top row is laid out once the geometry is known (ui_text_fit):
	 * a paragraph made now at another width would be made again. */
	u->top = (layout_row){0};
	return true;
}

/* Reads the document's store (q, Ctrl-C and SIGTERM stop a large one) and
 * goes to the reading position; false if it was stopped. */
static bool open_marks(ui *u, const char *path)
{
	bool stopped = !marks_open_cancel(&u->marks, u->d, path, open_interrupted, NULL);
	if (u->marks.msg[0])
		snprintf(u->msg, sizeof u->msg, "%.250s", u->marks.msg);
	/* +commands (less's) start from the top, as less does; piped input
	 * is taken up where it was only if it has marks of its own. */
	if (u->resume && u->marks.has_position && !u->init_keys && (doc_is_file(u->d) || u->marks.n > 0))
		u->top.start = u->marks.position; /* laid out by ui_text_fit */
	u->saved_pos = u->top.start;
	return !stopped;
}

/* A compressed file is whole: its store is opened by its content, and the
 * reading position taken up if the reader has not moved yet. */
static void marks_when_whole(ui *u)
{
	u->marks_wait = false;
	size_t top = u->top.start;
	open_marks(u, u->files->v[u->files->cur].path);
	size_t pos = u->top.start;
	u->top.start = top;
	if (top == 0 && pos != 0)
		ui_text_go(u, pos);
	u->saved_pos = u->top.start;
}

/* A first slice of the outline, small enough not to delay the first
 * screen: with the sidebar it colours the first speakers and decides an
 * automatic sidebar (before the geometry); without, it need only reach
 * the end of the first screen (after). */
static void first_outline(ui *u, bool before_fit)
{
	const size_t slice = (size_t)16 << 10;
	if (before_fit) {
		if (u->sb.on)
			outline_step(u->ol, slice);
		return;
	}
	if (u->sb.on)
		return;
	layout_row end = u->top;
	layout_move(u->L, &end, u->text_rows - 1);
	size_t want = end.next < slice ? end.next : slice;
	if (want > u->ol->scanned)
		outline_step(u->ol, want - u->ol->scanned);
}

/* As less asks: a file that looks binary is shown only if wanted. */
static bool binary_wanted(ui *u)
{
	char q[300];
	snprintf(q, sizeof q, "\"%.200s\" may be a binary file.  See it anyway? (y/n)", u->d->name);
	werase(stdscr);
	ui_draw_cut(stdscr, LINES - 1, 0, q, COLS - 1, A_BOLD, &u->lo);
	refresh();
	int k;
	do {
		timeout(250);
		k = read_key();
	} while (k < 0 && !got_signal);
	return k == 'y' || k == 'Y';
}

/* What the loop keeps between turns. */
typedef struct loop_state {
	bool dirty;          /* draw before the next key */
	bool indexed;        /* the line index is complete */
	bool presented;      /* the presentation's scan ahead is complete */
	bool bg_dirty;       /* background work changed the sidebar */
	long long drawn_at;
} loop_state;

/* A slice of idle work: the search, then the outline, then the line
 * index.  A key always comes first. */
static void idle_step(ui *u, loop_state *ls)
{
	ui_find *f = &u->find;
	if (u->marks.path_pending) {
		/* The store of an edited document, by its path, after the first
		 * screen: its place taken up if the reader has not moved yet. */
		bool moved = u->top.start != u->saved_pos;
		if (marks_open_by_path(&u->marks, u->d, open_interrupted, NULL) && !moved && u->resume &&
		    u->marks.has_position && !u->init_keys) {
			ui_text_go(u, u->marks.position);
			u->saved_pos = u->top.start;
		}
		if (u->marks.msg[0])
			snprintf(u->msg, sizeof u->msg, "%.250s", u->marks.msg);
		ls->dirty = true;
		return;
	}
	if (f->busy || (f->s && f->counted < f->nblocks)) {
		bool was_busy = f->busy, had = f->has_match;
		size_t ms = f->ms, total = f->total;
		ui_find_work(u, (size_t)2 << 20);
		if (!ui_mode_in(u, MODE_SEARCH) && f->notice[0]) {
			snprintf(u->msg, sizeof u->msg, "%s", f->notice);
			f->notice[0] = 0;
		}
		ls->dirty = was_busy != f->busy || had != f->has_match || ms != f->ms ||
		            total != f->total || u->msg[0] || f->counted >= f->nblocks;
	} else if (!u->ol->done) {
		/* The outline first (the sidebar fills in), then the line index. */
		unsigned long gen = u->ol->generation;
		bool had_speakers = u->ol->nspeakers > 0, had_heads = u->ol->nheadings > 0;
		/* Slices of 32 KiB for up to a millisecond: a key waits at most
		 * that and one slice, and the loop's own turn (a read for keys)
		 * is paid once a millisecond, not once a slice. */
		long long until = ui_clock_us() + 1000;
		while (!outline_step(u->ol, (size_t)32 << 10) && ui_clock_us() < until)
			;
		/* The sidebar appears, or (once, when the scan is done) takes the
		 * width of the longest title found. */
		bool rewidth = u->ol->done && u->sb.shown && u->sb.cfg_w == 0 &&
		               ui_sidebar_auto_width(u) != u->sb.w;
		if (rewidth || had_speakers != (u->ol->nspeakers > 0) || had_heads != (u->ol->nheadings > 0)) {
			ui_text_fit(u); /* an automatic sidebar appears */
			ls->dirty = true;
		}
		ui_palette_speakers(u);
		ls->bg_dirty = ls->bg_dirty || gen != u->ol->generation;
	} else if (!ls->presented) {
		/* Markdown: the scan ahead (chunk starts, link definitions). */
		unsigned long ep = pres_epoch(u->P);
		ls->presented = pres_step(u->P, (size_t)1 << 20);
		if (pres_epoch(u->P) != ep) {
			u->shown.valid = false; /* rows on the screen may read otherwise now */
			ls->dirty = true;
		}
	} else if (!ls->indexed) {
		ls->indexed = doc_index_step(u->d, (size_t)256 << 10);
		ls->dirty = ls->indexed; /* the line number may be known now */
	}
}

/* Stops the second threads (the outline's, a search's), which read the
 * document's bytes: before they change. */
static void halt_threads(ui *u)
{
	outline_halt(u->ol);
	search_halt(u->find.s);
}

/* The file changed under us: read again after a shrink (SIGBUS), or more
 * of it while it grows or streams in.  Returns true if it changed. */
static bool watch_file(ui *u, loop_state *ls, bool idle, bool want_more)
{
	char err[300];
	if (doc_bus_fault()) {
		halt_threads(u);
		if (doc_refresh(u->d, u->follow_name, err, sizeof err) == DOC_RELOADED) {
			ls->indexed = ls->presented = false;
			doc_changed(u, true);
		}
		snprintf(u->msg, sizeof u->msg, _("the file shrank while open: read again"));
		ls->dirty = true;
	}
	if (!idle || !(want_more || (u->follow && !u->d->streaming)))
		return false;
	if (!u->d->streaming)
		halt_threads(u);
	enum doc_change c = u->d->streaming ? (doc_poll(u->d, (size_t)1 << 20) ? DOC_GREW : DOC_SAME)
	                                    : doc_refresh(u->d, u->follow_name, err, sizeof err);
	if (u->d->warning[0]) {
		snprintf(u->msg, sizeof u->msg, "%s", u->d->warning);
		u->d->warning[0] = 0;
		ls->dirty = true;
	}
	if (u->marks_wait && !u->d->streaming)
		marks_when_whole(u);
	if (c == DOC_SAME)
		return false;
	ls->indexed = ls->presented = false;
	doc_changed(u, c == DOC_RELOADED);
	ls->dirty = true;
	return true;
}

/* Draws when needed, then waits for a key (not at all while idle work
 * remains) and handles it, or does a slice of idle work. */
static void loop(ui *u)
{
	loop_state ls = {.dirty = true};
	while (!u->quit && !got_signal) {
		/* Background work shows its progress at most every 50 ms, and at
		 * once when it is complete: a redraw per slice would cost more
		 * than the slices. */
		if (ls.bg_dirty && (u->ol->done || ui_clock_ms() - ls.drawn_at >= 50))
			ls.dirty = true;
		if (ls.dirty) {
			draw(u);
			ls.dirty = ls.bg_dirty = false;
			ls.drawn_at = ui_clock_ms();
			/* Every few seconds of reading, the position is saved: after
			 * the screen is drawn, so a key never waits for the disk. */
			if (u->top.start != u->saved_pos && (ui_clock_ms() - u->saved_at) > 5000)
				ui_marks_save(u, NULL, 0);
		}
		ui_find *f = &u->find;
		/* A compressed file is read on as fast as it decompresses (one
		 * on a pipe as its input comes, as any pipe). */
		bool idle_work = !ls.indexed || !ls.presented || !u->ol->done || f->busy ||
		                 (f->s && f->counted < f->nblocks) || u->marks.path_pending ||
		                 (u->d->streaming && u->d->unpack && u->d->fd < 0);
		/* Input still arriving is read near where the reader is (memory
		 * stays bounded on an endless stream), all of it when following. */
		bool want_more = u->d->streaming && (u->follow || u->d->unpack ||
		                                     u->d->len - u->top.start < ((size_t)32 << 20));
		/* With nothing to do, a plain blocking read: no poll per key.
		 * SIGTERM and SIGHUP cut it short (signals_install). */
		timeout(idle_work ? 0 : (want_more || u->follow) ? 100 : -1);
		int key = u->init_keys && *u->init_keys ? initial_key(u) : read_key();
		if (got_tstp) {
			suspend();
			ls.dirty = true;
		}
		if (got_int) {
			got_int = 0;
			if (f->busy) {
				f->busy = false;
				snprintf(u->msg, sizeof u->msg, _("search interrupted"));
				ls.dirty = true;
			}
		}
		if (watch_file(u, &ls, key < 0, want_more))
			continue;
		if (key < 0) {
			idle_step(u, &ls);
			continue;
		}
		handle_key(u, key);
		ls.dirty = true;
	}
}

static void ui_free(ui *u)
{
	ui_filter_free(u);
	ui_find_free(u);
	ui_matches_free(u);
	marks_close(&u->marks);
	layout_free(u->L);
	pres_free(u->P);
	outline_free(u->ol);
}

void ui_session_leave(ui *u)
{
	(void)u;
	endwin();
	mouse_off(mouse_mode);
	tstp_set(SIG_DFL); /* Ctrl-Z in the program stops it, not us */
}

void ui_session_back(ui *u, bool wait_enter)
{
	if (wait_enter) {
		FILE *tty = fopen("/dev/tty", "r");
		if (tty) {
			int c;
			while ((c = getc(tty)) != EOF && c != '\n' && c != '\r')
				;
			fclose(tty);
		}
	}
	tstp_set(on_tstp);
	clearok(curscr, TRUE);
	u->shown.valid = false;
	mouse_on(mouse_mode);
	ui_text_fit(u); /* the size may have changed meanwhile */
}

void ui_session_refresh(ui *u)
{
	if (u->d->streaming || !u->d->path)
		return;
	char err[300];
	halt_threads(u);
	enum doc_change c = doc_refresh(u->d, u->follow_name, err, sizeof err);
	if (c != DOC_SAME)
		doc_changed(u, c == DOC_RELOADED);
}

/* What one file's turn left to say after the screen is given back. */
typedef struct after {
	char msgs[4][600];
	int nmsgs;
	int status;
} after;

static void after_say(after *af, int status, const char *fmt, const char *what)
{
	if (af->nmsgs < 4)
		snprintf(af->msgs[af->nmsgs++], sizeof af->msgs[0], fmt, what);
	if (status > af->status)
		af->status = status;
}

/* One file's turn: the pager on d until the user quits or goes to another
 * file (fl->go).  False when it must stop there (quit, out of memory). */
static bool read_file(ui_files *fl, doc *d, const keymap *km, const ui_opts *o, char *note, after *af)
{
	ui u;
	if (!ui_init(&u, d, km, o)) {
		ui_free(&u);
		after_say(af, 1, "%s", "out of memory");
		return false;
	}
	u.files = fl;
	u.init_keys = fl->cur == 0 && !fl->v[0].seen ? o->initial_keys : NULL;
	if (note[0]) {
		snprintf(u.msg, sizeof u.msg, "%s", note);
		note[0] = 0;
	}
	if (d->warning[0]) { /* a damaged archive read whole at the start */
		snprintf(u.msg, sizeof u.msg, "%s", d->warning);
		d->warning[0] = 0;
	}
	first_outline(&u, true);
	if (!o->no_color)
		ui_palette_init(&u);
	/* A compressed file's store waits until the file is whole (its
	 * content names it); the first screen does not. */
	u.marks_wait = d->unpack && d->streaming;
	bool interrupted = !u.marks_wait && !open_marks(&u, fl->v[fl->cur].path);
	/* A document read for the first time says where the help is. */
	u.hint = !interrupted && !u.marks.has_position && u.marks.n == 0 && !fl->v[fl->cur].seen;
	ui_files_enter(&u);
	ui_text_fit(&u);
	first_outline(&u, false);
	bool declined = !interrupted && d->binary && !o->force && !binary_wanted(&u);
	fl->go = -1;
	if (!interrupted && !declined)
		loop(&u);
	else if (declined && fl->cur + 1 < fl->n)
		fl->go = fl->cur + 1; /* as less: on to the next file */
	char quit_err[600] = "";
	if (!declined && !u.marks.readonly)
		ui_marks_save(&u, quit_err, sizeof quit_err);
	if (quit_err[0])
		after_say(af, 1, "reading position not saved: %s", quit_err);
	if (interrupted)
		after_say(af, 0, "%s", u.marks.msg);
	ui_files_leave(&u);
	ui_text_free(&u);
	ui_free(&u);
	return fl->go >= 0 && !got_signal;
}

/* Takes the current file out of the list (:d) and says which is next. */
static void drop_current(ui_files *fl)
{
	if (!fl->drop)
		return;
	fl->drop = false;
	free(fl->v[fl->cur].path);
	free(fl->v[fl->cur].query);
	memmove(fl->v + fl->cur, fl->v + fl->cur + 1, (size_t)(fl->n - fl->cur - 1) * sizeof *fl->v);
	fl->n--;
	if (fl->go > fl->cur)
		fl->go--;
}

int ui_run(const char *const *paths, int n, doc *first, const keymap *km, const ui_opts *o)
{
	ui_term t;
	if (!term_open(&t, o->no_init)) {
		doc_close(first);
		return 2;
	}
	signals_install();
	doc_guard_install();
	mouse_mode = o->mouse;
	mouse_on(mouse_mode);
	ui_files fl;
	after af = {0};
	char note[300] = "";
	if (!ui_files_init(&fl, paths, n)) {
		term_close(&t);
		doc_close(first);
		fprintf(stderr, "fanye: out of memory\n");
		return 1;
	}
	doc *d = first;
	if (t.fallback)
		snprintf(note, sizeof note, "unknown terminal type '%.60s': used %s", getenv("TERM"), t.fallback);
	for (fl.cur = 0; fl.cur >= 0 && fl.cur < fl.n && !got_signal;) {
		if (!d) {
			char err[512];
			/* E's choice over the command line's ("auto": detected) */
			const char *chosen = fl.v[fl.cur].encoding;
			const char *enc = !chosen ? o->encoding : strcmp(chosen, "auto") == 0 ? NULL : chosen;
			d = doc_open_enc(fl.v[fl.cur].path, enc, err, sizeof err);
			if (d && enc && chosen)
				d->encoding_how = "set in the pager";
			if (!d) {
				/* As less: said, and on to the next file (or back). */
				snprintf(note, sizeof note, "%.290s", err);
				after_say(&af, 1, "%s", err);
				int from = fl.cur;
				fl.drop = true;
				fl.go = fl.go >= 0 && fl.go < from ? fl.go : from + 1;
				drop_current(&fl);
				fl.cur = fl.go < fl.n ? fl.go : fl.n - 1;
				if (fl.n == 0)
					break;
				continue;
			}
		}
		bool more = read_file(&fl, d, km, o, note, &af);
		doc_close(d);
		d = NULL;
		if (!more)
			break;
		drop_current(&fl);
		fl.cur = fl.go;
	}
	doc_close(d);
	term_close(&t);
	for (int i = 0; i < af.nmsgs; i++)
		fprintf(stderr, "fanye: %s\n", af.msgs[i]);
	ui_files_free(&fl);
	return af.status;
}

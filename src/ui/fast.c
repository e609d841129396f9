/*
 * fast: screen updates with fewer bytes than ncurses sends, for slow links.
 *
 * ncurses scrolls part of the screen by setting a scrolling region, moving,
 * scrolling and resetting the region: about 30 bytes for a one-row scroll
 * before the new row is even written.  Here the region over the text rows is
 * set once and left set while the pager only scrolls, so a one-row scroll
 * costs "\r\n" (or ESC M) and the new row.  Rows are compared cell by cell
 * with what is on the terminal (shifted by the scroll), and only the cells
 * that differ are written.
 *
 * ncurses stays exact: after the bytes are written it refreshes with its
 * own output sent to /dev/null, so its picture of the screen (and of the
 * cursor and attributes) is what these bytes made.  The region is reset
 * (ui_fast_release) before ncurses writes anything itself, and on Ctrl-Z.
 * Only terminfo strings are sent (tputs, vid_puts), and SGR 39 where the
 * terminfo flag AX says the terminal takes it, as ncurses itself does, and
 * the margins question below (terminfo has no string for it).
 *
 * ncurses's own updates (ui_fast_doupdate) are caught in a memory file and
 * sent in one write: ncurses 6.4 flushes after each cursor move, a system
 * call and often a network packet per row.
 *
 * Beside the sidebar, a terminal with left/right margins (DECSLRM, terminfo
 * smglr and mgc) scrolls the text columns alone, leaving the sidebar where
 * it is.  Many terminals that call themselves xterm lack them, so they are
 * used only once the terminal has said it has them: the first screen asks
 * (DECRQM for mode 69, sent just before the screen is cleared, so that a
 * terminal that cannot parse the question shows nothing of it) and the
 * answer arrives as a key (ui_fast_reply).
 */
#include "config.h"
#include "ui_priv.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <term.h>
#include <unistd.h>
#include <wchar.h>

/* One cell of a row: the character (with combining marks), attributes and
 * colour pair; a cell covered by the right half of a wide character is
 * `cont`. */
typedef struct fcell {
	wchar_t wc[CCHARW_MAX + 1];
	attr_t a;
	short pair;
	signed char w;
	bool cont;
} fcell;

static bool usable;             /* the terminal has what is needed */
static int term_fd = -1;        /* where ncurses writes (stdout) */
static int tty_fd = -1;         /* the same terminal, for our bytes */
static int null_fd = -1;        /* /dev/null, for ncurses's silent refresh */
static int cap_fd = -1;         /* a memory file that catches ncurses's bytes */
static int region_bot = -1;     /* bottom row of the region we set, or -1 */
static int cur_y = -1, cur_x = -1; /* where the cursor is, -1 unknown */
static bool known;              /* the last update was ours: cur_y/x hold */
/* Left/right margins: not to be used, asked (no answer yet), or there. */
static enum { LR_NO, LR_ASKED, LR_YES } lr;
static bool query_due;          /* the question goes out with the next clear */
static long long asked_at;      /* when it went out (ms) */
/* An answer cut in two is looked for this long after the question; a
 * terminal that has not answered by then will not (its ESC keys then go
 * straight through). */
#define ANSWER_MS 3000
#define LR_QUERY "\033[?69$p"
/* Key codes for the answers "ESC [ ? 69 ; Ps $ y", Ps 0 to 4. */
#define REPLY_KEY (KEY_MAX + 64)
/* What Ctrl-Z must send first: reset the region, put the cursor back. */
static char release_seq[96];
static volatile sig_atomic_t release_len;
static struct sigaction old_tstp;

/* The output being built. */
static char *ob;
static size_t on, ocap;
static bool ob_failed;

static int out_c(int c)
{
	if (on == ocap) {
		size_t n = ocap ? ocap * 2 : 4096;
		char *p = realloc(ob, n);
		if (!p) {
			ob_failed = true;
			return c;
		}
		ob = p;
		ocap = n;
	}
	ob[on++] = (char)c;
	return c;
}

static void out_cap(const char *s)
{
	if (s)
		tputs(s, 1, out_c);
}

static void write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return; /* the terminal is gone; nothing to do */
		p += k;
		n -= (size_t)k;
	}
}

/* Ctrl-Z: the shell must not inherit our region.  Then what ncurses does. */
static void on_tstp(int sig)
{
	int saved = errno;
	if (release_len > 0) {
		write_all(tty_fd, release_seq, (size_t)release_len);
		release_len = 0;
		region_bot = -1;
	}
	errno = saved;
	if (old_tstp.sa_handler != SIG_DFL && old_tstp.sa_handler != SIG_IGN) {
		old_tstp.sa_handler(sig);
	} else {
		signal(SIGTSTP, SIG_DFL);
		raise(SIGTSTP);
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_tstp;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGTSTP, &sa, NULL);
	}
}

void ui_fast_init(bool ask_margins)
{
	/* Every update is written whole: ncurses's silent refresh must not stop
	 * half-way for a key, and without this it polls the keyboard and
	 * flushes after every row, a system call each. */
	typeahead(-1);
	usable = false;
	term_fd = fileno(stdout);
	if (term_fd < 0)
		return;
	tty_fd = fcntl(term_fd, F_DUPFD_CLOEXEC, 10);
	if (tty_fd < 0)
		return;
	cap_fd = memfd_create("fanye-update", MFD_CLOEXEC);
	if (getenv("FANYE_NO_FAST"))
		return;
	/* What the updates need; a terminal that wraps at once at the right
	 * margin (am without xenl) is left to ncurses. */
	if (!change_scroll_region || !cursor_address || !carriage_return || !scroll_forward ||
	    !scroll_reverse || !clr_eol || (auto_right_margin && !eat_newline_glitch))
		return;
	null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null_fd < 0)
		return;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_tstp;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTSTP, &sa, &old_tstp) != 0)
		return;
	usable = true;
	lr = LR_NO;
	if (ask_margins && (set_lr_margin || set_left_margin_parm) && clear_margins && clear_screen &&
	    scroll_forward && strcmp(scroll_forward, "\n") == 0 && scroll_reverse) {
		lr = LR_ASKED;
		query_due = true;
	}
}

void ui_fast_keys(void)
{
	if (lr != LR_ASKED)
		return;
	for (int ps = 0; ps <= 4; ps++) {
		char seq[24];
		snprintf(seq, sizeof seq, "\033[?69;%d$y", ps);
		define_key(seq, REPLY_KEY + ps);
	}
}

/* Takes the terminal's answer: 1 (set) or 2 (reset) means it has the mode. */
static void answer(int ps)
{
	if (lr == LR_ASKED)
		lr = ps == 1 || ps == 2 ? LR_YES : LR_NO;
}

bool ui_fast_reply(int rc, wint_t ch)
{
	if (rc == KEY_CODE_YES && ch >= REPLY_KEY && ch <= REPLY_KEY + 4) {
		answer((int)(ch - REPLY_KEY));
		return true;
	}
	/* An answer cut in two (its ESC alone past ESCDELAY) is read here: after
	 * an ESC, while the question is open, "[?" within 0.2 s starts it. */
	if (lr != LR_ASKED || rc == KEY_CODE_YES || ch != 0x1B || query_due ||
	    ui_now_ms() - asked_at > ANSWER_MS)
		return false;
	wint_t c;
	int delay = wgetdelay(stdscr);
	wtimeout(stdscr, 200);
	int r = wget_wch(stdscr, &c);
	if (r == ERR || c != '[') {
		if (r != ERR)
			unget_wch((wchar_t)c);
		wtimeout(stdscr, delay);
		return false;
	}
	r = wget_wch(stdscr, &c);
	if (r == ERR || c != '?') {
		if (r != ERR)
			unget_wch((wchar_t)c);
		unget_wch(L'[');
		wtimeout(stdscr, delay);
		return false;
	}
	/* "69;Ps$y": the digits after ';' are the answer */
	int ps = -1;
	bool semi = false;
	for (int i = 0; i < 12; i++) {
		if (wget_wch(stdscr, &c) == ERR || c == 'y')
			break;
		if (c == ';')
			semi = true;
		else if (semi && c >= '0' && c <= '9')
			ps = (ps < 0 ? 0 : ps * 10) + (int)(c - '0');
	}
	wtimeout(stdscr, delay);
	answer(ps);
	return true;
}

/* The bytes that give the terminal back to ncurses: the region reset and
 * the cursor where ncurses believes it is. */
static void make_release(void)
{
	release_len = 0;
	if (region_bot < 0)
		return;
	size_t save = on;
	out_cap(tiparm(change_scroll_region, 0, LINES - 1));
	/* just past the margin (cur_x -1) ncurses was told column 0 */
	if (cur_y >= 0)
		out_cap(tiparm(cursor_address, cur_y, cur_x < 0 ? 0 : cur_x));
	size_t n = on - save;
	if (!ob_failed && n < sizeof release_seq) {
		memcpy(release_seq, ob + save, n);
		release_len = (sig_atomic_t)n;
	}
	on = save;
}

void ui_fast_release(void)
{
	known = false;
	if (!usable || region_bot < 0)
		return;
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGTSTP);
	sigprocmask(SIG_BLOCK, &block, &old);
	/* made again: the screen may have changed size since */
	if (cur_y >= LINES || cur_x >= COLS)
		cur_y = cur_x = -1; /* a repaint from blank follows */
	on = 0;
	make_release();
	if (release_len > 0)
		write_all(tty_fd, release_seq, (size_t)release_len);
	release_len = 0;
	region_bot = -1;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

void ui_fast_doupdate(void)
{
	if (cap_fd < 0 || tty_fd < 0) {
		doupdate();
		return;
	}
	sigset_t block, oldmask;
	sigemptyset(&block);
	sigaddset(&block, SIGTSTP);
	sigaddset(&block, SIGWINCH);
	sigprocmask(SIG_BLOCK, &block, &oldmask);
	if (ftruncate(cap_fd, 0) != 0 || lseek(cap_fd, 0, SEEK_SET) != 0 ||
	    dup2(cap_fd, term_fd) < 0) {
		sigprocmask(SIG_SETMASK, &oldmask, NULL);
		doupdate();
		return;
	}
	doupdate();
	dup2(tty_fd, term_fd);
	off_t n = lseek(cap_fd, 0, SEEK_CUR);
	char buf[16384];
	off_t at = 0;
	if (query_due && n > 0) {
		/* The margins question goes just before the screen is cleared. */
		size_t cl = strlen(clear_screen), want = n < (off_t)sizeof buf ? (size_t)n : sizeof buf;
		ssize_t k = pread(cap_fd, buf, want, 0);
		for (ssize_t i = 0; k > 0 && i + (ssize_t)cl <= k; i++)
			if (memcmp(buf + i, clear_screen, cl) == 0) {
				write_all(tty_fd, buf, (size_t)i);
				write_all(tty_fd, LR_QUERY, strlen(LR_QUERY));
				at = i;
				query_due = false;
				asked_at = ui_now_ms();
				break;
			}
	}
	for (; at < n;) {
		size_t want = (size_t)(n - at) < sizeof buf ? (size_t)(n - at) : sizeof buf;
		ssize_t k = pread(cap_fd, buf, want, at);
		if (k <= 0)
			break;
		write_all(tty_fd, buf, (size_t)k);
		at += k;
	}
	sigprocmask(SIG_SETMASK, &oldmask, NULL);
}

static bool acs; /* a row read holds line-drawing characters */

/* Reads row y of w into cells[0..COLS). */
static void read_row(WINDOW *w, int y, fcell *cells, int ncols)
{
	for (int x = 0; x < ncols; x++) {
		fcell *c = &cells[x];
		cchar_t cc;
		attr_t a = 0;
		short pair = 0;
		memset(c, 0, sizeof *c);
		if (mvwin_wch(w, y, x, &cc) == ERR || getcchar(&cc, c->wc, &a, &pair, NULL) == ERR) {
			c->wc[0] = L' ';
			c->w = 1;
			continue;
		}
		c->a = a & ~A_COLOR;
		if (c->a & A_ALTCHARSET)
			acs = true;
		c->pair = pair;
		int wd = wcwidth(c->wc[0]);
		c->w = (signed char)(wd < 1 ? 1 : wd > 2 ? 2 : wd);
		if (c->w == 2 && x + 1 < ncols) {
			cells[x + 1] = *c;
			cells[x + 1].cont = true;
			x++;
		}
	}
}

static void blank_row(fcell *cells, int ncols)
{
	for (int x = 0; x < ncols; x++) {
		memset(&cells[x], 0, sizeof cells[x]);
		cells[x].wc[0] = L' ';
		cells[x].w = 1;
	}
}

static bool same(const fcell *a, const fcell *b)
{
	return a->a == b->a && a->pair == b->pair && a->cont == b->cont &&
	       wcscmp(a->wc, b->wc) == 0;
}

static bool blank(const fcell *c)
{
	return !c->cont && c->a == 0 && c->pair == 0 && c->wc[0] == L' ' && c->wc[1] == 0;
}

/* Appends the cheapest way found to move the cursor to (y, x). */
static void move_to(int y, int x)
{
	if (cur_y == y && cur_x == x)
		return;
	char best[64], cand[64];
	size_t bn = 0;
	const char *s = tiparm(cursor_address, y, x);
	if (s && strlen(s) < sizeof best)
		bn = (size_t)snprintf(best, sizeof best, "%s", s);
	/* Each candidate: a short string that is right in every state the
	 * cursor may be in here (also just past the right margin). */
#define TRY(...)                                                              \
	do {                                                                  \
		int k_ = snprintf(cand, sizeof cand, __VA_ARGS__);            \
		if (k_ > 0 && (size_t)k_ < sizeof cand && (!bn || (size_t)k_ < bn)) { \
			memcpy(best, cand, (size_t)k_ + 1);                     \
			bn = (size_t)k_;                                          \
		}                                                             \
	} while (0)
	if (x == 0 && y == 0 && cursor_home)
		TRY("%s", cursor_home);
	if (x == 0 && cur_y == y)
		TRY("%s", carriage_return);
	/* a line feed at the region's bottom would scroll it */
	if (x == 0 && cur_y >= 0 && y == cur_y + 1 && cur_y != region_bot && cur_y < LINES - 1 &&
	    cursor_down && strcmp(cursor_down, "\n") == 0)
		TRY("%s%s", carriage_return, cursor_down);
	/* up one row: the region's top is row 0, so it never holds the cursor;
	 * there a VT100's reverse index (ESC M) moves up, as cuu1 does */
	if (x == 0 && cur_y > 0 && y == cur_y - 1 && cursor_up)
		TRY("%s%s", carriage_return, cursor_up);
	if (x == 0 && cur_y > 0 && y == cur_y - 1 && scroll_reverse && strcmp(scroll_reverse, "\033M") == 0)
		TRY("%s%s", carriage_return, scroll_reverse);
	if (x == 0 && row_address) {
		const char *v = tiparm(row_address, y);
		if (v)
			TRY("%s%s", carriage_return, v);
	}
	/* down to another row keeping the column, then a few steps left */
	if (cur_y >= 0 && cur_y != y && cur_x >= x && cur_x - x <= 4 && row_address && cursor_left &&
	    strlen(cursor_left) == 1) {
		const char *v = tiparm(row_address, y);
		char lefts[5];
		memset(lefts, cursor_left[0], sizeof lefts);
		if (v)
			TRY("%s%.*s", v, cur_x - x, lefts);
	}
	if (cur_y == y && cur_x > x && cur_x - x <= 4 && cursor_left && strlen(cursor_left) == 1) {
		char lefts[5];
		memset(lefts, cursor_left[0], sizeof lefts);
		TRY("%.*s", cur_x - x, lefts);
	}
	if (cur_y == y && cur_x >= 0 && column_address) {
		const char *h = tiparm(column_address, x);
		if (h)
			TRY("%s", h);
	}
#undef TRY
	if (bn)
		out_cap(best);
	cur_y = y;
	cur_x = x;
}

/* The attributes the terminal has now (ncurses's tracking agrees). */
static attr_t t_a;
static short t_pair;

static int discard_c(int c)
{
	return c;
}

/* Switches the terminal's attributes.  From a colour alone back to normal,
 * orig_pair is shorter than what vid_puts sends (colour off, then sgr0);
 * ncurses's tracking is then brought along with the bytes thrown away. */
static void set_attr(attr_t a, short pair)
{
	if (a == t_a && pair == t_pair)
		return;
	short f = 0, b = 0, of = 0, ob_ = 0;
	if (a == 0 && pair == 0 && t_a == 0 && t_pair != 0 && orig_pair &&
	    pair_content(0, &f, &b) != ERR && f == -1 && b == -1) {
		/* A terminal with AX takes SGR 39 for the default foreground,
		 * as ncurses itself sends it; when only the foreground was set. */
		if (tigetflag("AX") == 1 && pair_content(t_pair, &of, &ob_) != ERR && ob_ == -1)
			out_cap("\033[39m");
		else
			out_cap(orig_pair);
		vid_puts(A_NORMAL, 0, NULL, discard_c);
	} else {
		vid_puts(a | (attr_t)COLOR_PAIR(pair), pair, NULL, out_c);
	}
	t_a = a;
	t_pair = pair;
}

/* The UTF-8 of a cell (with its combining marks) into mb; its length. */
static size_t cell_mb(const fcell *c, char *mb)
{
	size_t k = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	for (int i = 0; i < CCHARW_MAX && c->wc[i]; i++) {
		size_t r = wcrtomb(mb + k, c->wc[i], &st);
		if (r == (size_t)-1) {
			mb[k] = '?';
			r = 1;
		}
		k += r;
	}
	return k;
}

static size_t cell_bytes(const fcell *c)
{
	if (c->cont)
		return 0;
	char mb[MB_LEN_MAX * (CCHARW_MAX + 1)];
	return cell_mb(c, mb);
}

/* Bytes move_to(y, x) would send now. */
static size_t move_cost(int y, int x)
{
	size_t save = on;
	int sy = cur_y, sx = cur_x;
	move_to(y, x);
	size_t n = on - save;
	on = save;
	cur_y = sy;
	cur_x = sx;
	return n;
}

/* Writes what differs between old (on the terminal) and nw on row y.
 * False when that would mean writing the bottom-right corner. */
static bool put_row(int y, const fcell *old, const fcell *nw, int ncols, bool from0)
{
	int f = 0;
	while (!from0 && f < ncols && same(&old[f], &nw[f]))
		f++;
	if (f == ncols)
		return true;
	int l = ncols - 1;
	while (l > f && same(&old[l], &nw[l]))
		l--;
	/* whole characters only */
	while (f > 0 && (nw[f].cont || old[f].cont))
		f--;
	while (l + 1 < ncols && (nw[l + 1].cont || old[l + 1].cont))
		l++;
	int nb = ncols;
	while (nb > 0 && blank(&nw[nb - 1]))
		nb--;
	bool clear = false;
	if (l >= nb) {
		clear = true;
		l = nb - 1;
	}
	if (y == LINES - 1 && l == ncols - 1)
		return false;
	if (f > l && !clear)
		return true;
	int x = f;
	while (x <= l) {
		if (nw[x].cont) {
			x++;
			continue;
		}
		/* Unchanged cells, or cells becoming blank: jumped over or erased
		 * when that is shorter than writing them. */
		int r = x;
		size_t keep = 0;
		while (r <= l && same(&old[r], &nw[r]))
			keep += cell_bytes(&nw[r++]);
		if (r > x && move_cost(y, r) < keep) {
			x = r;
			continue;
		}
		int b = x;
		while (b <= l && blank(&nw[b]) && !old[b].cont)
			b++;
		if (b - x >= 5 && erase_chars && cur_y == y && cur_x == x) {
			set_attr(0, 0);
			out_cap(tiparm(erase_chars, b - x));
			x = b;
			continue;
		}
		move_to(y, x);
		set_attr(nw[x].a, nw[x].pair);
		char mb[MB_LEN_MAX * (CCHARW_MAX + 1)];
		size_t k = cell_mb(&nw[x], mb);
		for (size_t i = 0; i < k; i++)
			out_c((unsigned char)mb[i]);
		cur_x += nw[x].w;
		x += nw[x].w;
	}
	if (clear)
		move_to(y, nb > f ? nb : f);
	if (clear) {
		set_attr(0, 0);
		out_cap(clr_eol);
	}
	if (cur_x >= ncols)
		cur_x = -1; /* at the margin, about to wrap: only \r or a jump is safe */
	return true;
}

/* The frame: what the terminal shows (curscr) and what it must show
 * (stdscr), read once, cell by cell; and a blank row. */
static fcell *on_term, *wanted, *blanks;
static size_t frame_cap;

static fcell *mixed; /* a text row scrolled from column mx on */

/* Writes rows [y0, y1): what differs from the terminal, the text rows
 * [0, text_rows) having been scrolled by shift, from column mx on (the
 * columns before it stay). */
static bool put_rows(int y0, int y1, int shift, int text_rows, int mx, bool from0)
{
	int ncols = COLS;
	for (int y = y0; y < y1; y++) {
		int src = y < text_rows ? y + shift : y;
		const fcell *old = (y < text_rows && (src < 0 || src >= text_rows))
		                       ? blanks
		                       : on_term + (size_t)src * (size_t)ncols;
		if (y < text_rows && mx > 0 && shift != 0) {
			memcpy(mixed, on_term + (size_t)y * (size_t)ncols, (size_t)mx * sizeof *mixed);
			memcpy(mixed + mx, old + mx, (size_t)(ncols - mx) * sizeof *mixed);
			old = mixed;
		}
		const fcell *nw = wanted + (size_t)y * (size_t)ncols;
		if (from0) {
			int k = 0;
			while (k < ncols && blank(&nw[k]))
				k++;
			if (k == ncols)
				return false;
		}
		if (!put_row(y, old, nw, ncols, from0))
			return false;
	}
	return true;
}

/* Builds the update: the text rows [0, text_rows) scrolled by shift (rows
 * up, negative for down), then every cell that still differs; the rows
 * below the text (the status line) first or last, whichever is shorter.
 * False when this update cannot be done here. */
/* Sets the scrolling region over the text rows unless it is set. */
static void set_region(int text_rows)
{
	if (region_bot == text_rows - 1)
		return;
	out_cap(tiparm(change_scroll_region, 0, text_rows - 1));
	region_bot = text_rows - 1;
	cur_y = cur_x = -1; /* the cursor goes home */
}

static bool build(int shift, bool status_first, int text_rows, int mx)
{
	if (status_first && !put_rows(text_rows, LINES, shift, text_rows, mx, false))
		return false;
	int done_to = text_rows;
	if (shift != 0 && mx > 0) {
		/* Columns [mx, COLS) of the region alone, inside left/right
		 * margins that are set here and cleared at once. */
		set_region(text_rows);
		/* the right margin is the screen's edge: the left one alone is
		 * shorter where the terminal describes it */
		if (set_left_margin_parm)
			out_cap(tiparm(set_left_margin_parm, mx));
		else
			out_cap(tiparm(set_lr_margin, mx, COLS - 1));
		cur_y = cur_x = -1; /* DECSLRM homes the cursor */
		int n = shift > 0 ? shift : -shift;
		int edge = shift > 0 ? text_rows - 1 : 0;
		move_to(edge, mx);
		for (int i = 0; i < n; i++)
			out_cap(shift > 0 ? scroll_forward : scroll_reverse);
		/* a scroll at the margin leaves the cursor there; clearing the
		 * margins does not move it */
		out_cap(clear_margins);
		cur_y = edge;
		cur_x = mx;
	} else if (shift == 1 && region_bot == text_rows - 1 && cur_y == region_bot && cur_x < 0 &&
	    auto_right_margin && eat_newline_glitch) {
		/* Just past the right margin of the region's last row: the next
		 * character wraps and scrolls the region by itself, as text from
		 * cat does.  The new row goes first, from its first column. */
		cur_x = 0;
		if (!put_rows(text_rows - 1, text_rows, shift, text_rows, 0, true))
			return false;
		done_to = text_rows - 1;
	} else if (shift != 0) {
		set_region(text_rows);
		int n = shift > 0 ? shift : -shift;
		if (shift > 0) {
			move_to(text_rows - 1, 0);
			if (n > 1 && parm_index)
				out_cap(tiparm(parm_index, n));
			else
				for (int i = 0; i < n; i++)
					out_cap(scroll_forward);
		} else {
			move_to(0, 0);
			if (n > 1 && parm_rindex)
				out_cap(tiparm(parm_rindex, n));
			else
				for (int i = 0; i < n; i++)
					out_cap(scroll_reverse);
		}
	}
	if (!put_rows(0, done_to, shift, text_rows, mx, false))
		return false;
	if (!status_first && !put_rows(text_rows, LINES, shift, text_rows, mx, false))
		return false;
	set_attr(0, 0);
	if (!is_leaveok(stdscr))
		move_to(getcury(stdscr), getcurx(stdscr));
	return !ob_failed && cur_y >= 0;
}

bool ui_fast_update(int shift, int text_rows, int text_left)
{
	if (!usable || is_cleared(curscr) || is_cleared(stdscr) || text_rows < 2 || text_rows > LINES - 1 ||
	    shift >= text_rows || -shift >= text_rows || LINES < 2 || COLS < 2)
		return false;
	if (getmaxy(curscr) != LINES || getmaxx(curscr) != COLS)
		return false;
	size_t ncols = (size_t)COLS, cells = (size_t)LINES * ncols;
	if (cells > frame_cap) {
		fcell *a = realloc(on_term, cells * sizeof *a);
		if (a)
			on_term = a;
		fcell *b = a ? realloc(wanted, cells * sizeof *b) : NULL;
		if (b)
			wanted = b;
		fcell *c = b ? realloc(blanks, ncols * sizeof *c) : NULL;
		if (c)
			blanks = c;
		fcell *m = c ? realloc(mixed, ncols * sizeof *m) : NULL;
		if (m)
			mixed = m;
		if (!m)
			return false;
		frame_cap = cells;
	}
	acs = false;
	for (int y = 0; y < LINES; y++) {
		read_row(curscr, y, on_term + (size_t)y * ncols, (int)ncols);
		read_row(stdscr, y, wanted + (size_t)y * ncols, (int)ncols);
	}
	blank_row(blanks, (int)ncols);
	if (acs)
		return false; /* ncurses may write line drawing as Unicode: leave it to it */

	/* The candidates: the scroll of whole rows, of the text columns alone
	 * (with left/right margins), and a plain rewrite, each with the status
	 * line first or last; the shortest wins. */
	int start_bot = region_bot, start_y = known ? cur_y : -1, start_x = known ? cur_x : -1;
	char *best = NULL;
	size_t best_n = 0;
	int best_bot = -1, best_y = -1, best_x = -1;
	bool ok = false;
	bool margins = lr == LR_YES && shift != 0 && text_left > 0 && text_left < COLS - 1;
	static const bool order[6] = {false, true, false, true, false, true};
	int cands[6] = {shift, shift, 0, 0, shift, shift};
	int mxs[6] = {0, 0, 0, 0, text_left, text_left};
	int ncand = margins ? 6 : shift ? 4 : 2;
	for (int i = 0; i < ncand; i++) {
		on = 0;
		ob_failed = false;
		region_bot = start_bot;
		cur_y = start_y;
		cur_x = start_x;
		t_a = 0;
		t_pair = 0;
		if (!build(cands[i], order[i], text_rows, mxs[i])) {
			vid_puts(A_NORMAL, 0, NULL, out_c);
			continue;
		}
		if (!ok || on < best_n) {
			char *copy = malloc(on ? on : 1);
			if (!copy)
				continue;
			memcpy(copy, ob, on);
			free(best);
			best = copy;
			best_n = on;
			best_bot = region_bot;
			best_y = cur_y;
			best_x = cur_x;
			ok = true;
		}
	}
	if (!ok) {
		region_bot = start_bot;
		return false;
	}
	sigset_t block, oldmask;
	sigemptyset(&block);
	sigaddset(&block, SIGTSTP);
	sigaddset(&block, SIGWINCH);
	sigprocmask(SIG_BLOCK, &block, &oldmask);
	write_all(tty_fd, best, best_n);
	free(best);
	region_bot = best_bot;
	cur_y = best_y;
	cur_x = best_x;
	/* ncurses brings its picture up to date, its bytes going nowhere. */
	bool leave = is_leaveok(stdscr);
	wmove(stdscr, cur_y, cur_x < 0 ? 0 : cur_x);
	leaveok(stdscr, FALSE);
	wnoutrefresh(stdscr);
	if (dup2(null_fd, term_fd) >= 0) {
		doupdate();
		dup2(tty_fd, term_fd);
	} else {
		/* cannot hide ncurses's bytes: it repaints for real, from blank */
		on = 0;
		make_release();
		write_all(tty_fd, release_seq, (size_t)release_len);
		region_bot = -1;
		clearok(curscr, TRUE);
		doupdate();
	}
	leaveok(stdscr, leave);
	on = 0;
	make_release();
	known = true;
	sigprocmask(SIG_SETMASK, &oldmask, NULL);
	return true;
}

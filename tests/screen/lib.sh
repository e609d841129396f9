# SPDX-License-Identifier: GPL-3.0-or-later
# lib.sh: helpers for the screen tests.  Each test runs the real fanye in a
# private tmux server (its own socket), types keys with send-keys and reads
# the screen with capture-pane.  Waits poll the screen; nothing sleeps a
# fixed time and hopes.
set -u
command -v tmux >/dev/null || { echo "SKIP: tmux is not installed"; exit 77; }
SOCK="fanye-$$-${RANDOM}"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# English unless a test asks for another language
unset LANGUAGE
unset NO_COLOR
TMPD=$(mktemp -d)
# Panes stay after fanye exits, so its last screen can be read.  (tmux 3.3a
# dies on window-size in a config file: start() sets it instead.)
printf 'set -g remain-on-exit on\n' > "$TMPD/tmux.conf"
T() { tmux -u -L "$SOCK" -f "$TMPD/tmux.conf" "$@"; }
# The process groups of the panes started (start, pane_started), for
# cleanup to end whatever is left in them.
pane_started() {
	T display-message -p -t "${1:-0}" '#{pane_pid}' >>"$TMPD/panes" 2>/dev/null || true
}
# alive_group PGID: some process of the group is still there.
alive_group() { pgrep -g "$1" >/dev/null 2>&1; }
cleanup() {
	T kill-server >/dev/null 2>&1 || true
	# fanye saves its position when its terminal goes: let it finish.  One
	# still there after that (a failed test; LeakSanitizer has been seen
	# to hang at exit after SIGHUP, spinning on a CPU) must not burn the
	# CPU of later tests: it is found by its command line (a file in TMPD)
	# or by its pane's process group.
	local i=0 g left
	while [ "$i" -lt 40 ]; do
		left=0
		pgrep -f -- "$TMPD" >/dev/null 2>&1 && left=1
		for g in $(cat "$TMPD/panes" 2>/dev/null); do
			alive_group "$g" && left=1
		done
		[ "$left" = 0 ] && break
		sleep 0.05
		i=$((i + 1))
	done
	for g in $(cat "$TMPD/panes" 2>/dev/null); do
		kill -KILL -- "-$g" >/dev/null 2>&1 || true
	done
	pkill -KILL -f -- "$TMPD" >/dev/null 2>&1 || true
	rm -rf "$TMPD" 2>/dev/null || { sleep 0.5; rm -rf "$TMPD"; }
}
trap cleanup EXIT
export XDG_STATE_HOME="$TMPD/state" XDG_CONFIG_HOME="$TMPD/config" HOME="$TMPD"

# start COLS ROWS COMMAND...: a detached session running COMMAND.
start() {
	local cols=$1 rows=$2
	shift 2
	T new-session -d -x "$cols" -y "$rows" "$*"
	pane_started
}
# resize COLS ROWS: the window to that size (tmux needs window-size manual
# for a session without clients).
resize() {
	T set-option -g window-size manual >/dev/null 2>&1 || true
	T resize-window -t 0 -x "$1" -y "$2"
}
# stop: ends the tmux server and waits until it is gone.
stop() {
	T kill-server >/dev/null 2>&1 || true
	local i=0
	while [ "$i" -lt 100 ] && T has-session >/dev/null 2>&1; do
		sleep 0.02
		i=$((i + 1))
	done
	SOCK="fanye-$$-${RANDOM}" # a fresh socket: no race with the old server
}
# PANE: the pane screen, keys and wait_for look at (":1" for a second window).
PANE=0
screen() { T capture-pane -p -t "$PANE" "$@"; }
# alive PID: running, not gone nor a zombie tmux has yet to reap.  The
# status is read once: a zombie reaped between two looks is gone, not alive.
alive() {
	local st
	st=$(grep '^State:' "/proc/$1/status" 2>/dev/null) || return 1
	case $st in *Z*) return 1 ;; esac
}
keys() { T send-keys -t "$PANE" "$@"; }
# quit: q, then until fanye has gone (its pane is dead), so that what it
# saves on the way out is on disk before the next step looks.
quit() {
	local i=0
	keys q
	while [ "$i" -lt 600 ]; do
		[ "$(T display-message -p -t "$PANE" '#{pane_dead}')" = 1 ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "fanye did not exit on q"
}
fail() { echo "FAIL: $*"; echo "--- screen:"; screen; exit 1; }

# until_match SECONDS PATTERN MESSAGE COMMAND...: until the output of
# COMMAND matches a grep -E pattern; else fail with MESSAGE.
until_match() {
	local limit=$1 pat=$2 msg=$3 i=0
	shift 3
	while [ "$i" -lt $((limit * 20)) ]; do
		"$@" | grep -qE -- "$pat" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "$msg"
}
# wait_for PATTERN [SECONDS]: until a grep -E pattern is on the screen.
wait_for() { until_match "${2:-15}" "$1" "timed out waiting for /$1/" screen; }
# wait_e PATTERN MESSAGE: until a grep -E pattern is on the screen with
# its colours and attributes (capture -e); else fail with MESSAGE.
wait_e() { until_match 15 "$1" "$2" screen -e; }
# wait_status PATTERN: until the status line matches a grep -E pattern.
wait_status() { until_match 15 "$1" "the status line is not /$1/" status; }
# wait_gone PATTERN: until a grep -E pattern is no longer on the screen.
wait_gone() {
	local i=0
	while [ "$i" -lt 300 ]; do
		screen | grep -qE -- "$1" || return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "/$1/ is still on the screen"
}
# step KEYS...: sends the keys, then waits until the screen has changed
# and then stayed the same for 0.3 s.
step() {
	local before now last same=0 i=0
	before=$(screen)
	last=$before
	keys "$@"
	while [ "$i" -lt 300 ]; do
		sleep 0.05
		i=$((i + 1))
		now=$(screen)
		if [ "$now" != "$last" ]; then
			last=$now
			same=0
		elif [ "$now" != "$before" ]; then
			same=$((same + 1))
			[ "$same" -ge 6 ] && return 0
		fi
	done
	fail "the screen did not change and settle after: $*"
}
# With --no-sidebar, the text area is the whole width.  (use_file is kept
# for tests that name the document they are about.)
use_file() { :; }
# text_width COLS: the text area's width at COLS columns, sidebar hidden.
text_width() { echo "$1"; }
# text_rows N: the first N rows of the text area (trailing blanks removed).
text_rows() { screen | head -n "$1" | sed 's/ *$//'; }
# wait_top TEXT: until the first row of the text area is exactly TEXT.
wait_top() {
	local want=$1 i=0
	while [ "$i" -lt 300 ]; do
		[ "$(text_rows 1)" = "$want" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "top row is '$(text_rows 1)', expected '$want'"
}
# screen_is LABEL WANT [SED]: until the screen, trailing blanks cut (and
# passed through the sed -E script SED first), is WANT; else the
# difference and a failure named LABEL.
screen_is() {
	local want=$2 got i=0
	while [ "$i" -lt 200 ]; do
		got=$(screen | sed -E "${3:+$3; }s/ *\$//")
		[ "$got" = "$want" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") || true
	fail "$1"
}
# status: the last screen row.
status() { screen | tail -1; }
# interview_copy: the made-up interview (tests/docs/interview.txt) as a
# private copy in TMPD: a fanye left behind (LeakSanitizer has hung at
# exit) is then found by its command line and killed by cleanup.
interview_copy() {
	local copy=$TMPD/interview.txt
	[ -f "$copy" ] || cp "$SRCDIR/tests/docs/interview.txt" "$copy"
	echo "$copy"
}

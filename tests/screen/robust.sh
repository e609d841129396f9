#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Terminals and signals: every common TERM works (vt100 without colours),
# an unknown TERM falls back to xterm's with a warning, TERM unset or dumb
# is a clear error with status 2, tiny sizes and a
# storm of resizes keep the reading position, a C locale still shows CJK,
# SIGTERM saves and exits, Ctrl-Z and fg give the shell and the screen back,
# Ctrl-C does not quit.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
# A private copy: pgrep below must not find another test's fanye.
f="$TMPD/doc.txt"
cp "$(interview_copy)" "$f"
first=$("$FANYE_BIN" --render=78 "$f" | head -1 | cut -c1-4)
for t in xterm-256color xterm screen tmux-256color linux vt100; do
	start 80 24 "TERM=$t $FANYE_BIN --no-sidebar --no-resume '$f'; echo rc=\$?; sleep 30"
	wait_for 'line 1 '
	keys q
	wait_for '^rc=0'
	stop
done
start 80 24 "env -u TERM $FANYE_BIN '$f'; echo rc=\$?; sleep 30"
wait_for 'TERM is not set'
wait_for '^rc=2'
stop
# A terminal with no description here (kitty, foot... on a server): as
# less, fanye says so and uses xterm's.
start 80 24 "TERM=no-such-terminal $FANYE_BIN --no-resume '$f'; echo rc=\$?; sleep 30"
wait_for "unknown terminal type 'no-such-terminal': used xterm-256color"
keys q
wait_for '^rc=0'
stop
# TERM=dumb has no cursor to move: a clear refusal.
start 80 24 "TERM=dumb $FANYE_BIN '$f'; echo rc=\$?; sleep 30"
wait_for 'TERM=dumb cannot show a screen'
wait_for '^rc=2'
stop
# Small sizes and a storm of resizes (the position kept: it is checked
# after SIGTERM below).
start 80 24 "$FANYE_BIN --no-sidebar '$f'"
wait_for 'line 1 '
keys 3 0 g
wait_for 'line 30 '
# After each resize, a sign that fanye took it: a count typed shows ":1"
# (too small: the message, cut to the width).
for s in "10 3" "4 2" "3 1" "10 3" "20 5"; do
	resize $s
	if [ "$s" = "3 1" ]; then
		wait_for '^ter$'
	else
		wait_gone '^ter$' # out of "terminal too small", where keys are not taken
		keys 1
		wait_for '^:1'
		keys Escape
		wait_gone '^:1'
	fi
	T list-panes -F '#{pane_dead}' | grep -q 1 && fail "fanye died at size $s"
done
resize 80 24
wait_for 'line 30 '
for i in $(seq 50); do resize $((40 + i % 40)) $((10 + i % 14)); resize 80 24; done
# A count answered after the storm: fanye is alive and takes keys.
keys 1
wait_for '^:1'
keys Escape
wait_for 'line 30 '
# Ctrl-C is not a quit: the count typed after it is still answered.
keys C-c 1
wait_for '^:1'
keys Escape
wait_for 'line 30 '
# SIGTERM: position saved, fanye gone.
pid=$(pgrep -f -- "^$FANYE_BIN --no-sidebar $f" | head -1)
kill -TERM "$pid"
for i in $(seq 400); do alive "$pid" || break; sleep 0.05; done
alive "$pid" && fail "fanye still runs after SIGTERM"
stop
start 80 24 "$FANYE_BIN --no-sidebar '$f'"
wait_for 'line 30 '
quit
stop
# A C locale still shows the CJK text.
start 80 24 "LANG=C LC_ALL=C $FANYE_BIN --no-sidebar --no-resume '$f'"
wait_for "$first"
quit
stop
# Ctrl-Z and fg.
start 80 24 "env PS1='$ ' bash --norc --noprofile -i"
wait_for '^\$'
keys "$FANYE_BIN --no-sidebar --no-resume '$f'" Enter
wait_for 'line 1 '
# Scrolled first, so fanye has a scrolling region set for its text rows:
# the shell must get the whole screen back and scroll as usual.  (fanye
# resets the region before it stops; tmux also resets it on leaving the
# alternate screen, so here this checks the hand-over as a whole.)
keys j j
wait_for 'line 3 '
keys C-z
wait_for 'Stopped|^\$ *$'
keys "seq 1 60" Enter
wait_for '^60$'
# The prompt after seq's output is the sign the shell is done with it (seq
# prints all 60 lines before bash draws "$ "): then 60 is just above it.
i=0
until [ "$(screen | grep -v '^$' | tail -1 | sed 's/ *$//')" = '$' ]; do
	[ "$i" -lt 300 ] || fail "no prompt after seq"
	sleep 0.05
	i=$((i + 1))
done
[ "$(screen | grep -v '^$' | tail -2 | head -1)" = 60 ] || fail "the shell does not scroll after Ctrl-Z"
keys fg Enter
wait_for 'line 3 '
keys j q
echo PASS

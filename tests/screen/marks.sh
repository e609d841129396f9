#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Marks and the reading position survive a quit; 'a jumps; '' goes back;
# a SIGHUP (a dropped SSH connection) still saves the position; two fanye
# processes adding bookmarks to one document keep both.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f="$TMPD/doc.txt"
cp "$(interview_copy)" "$f"
use_file "$f"
start 100 30 "$FANYE_BIN --no-sidebar '$f'"
wait_for 'line 1 '
keys 2 4 g
wait_for 'line 24 '
line='line 24'
keys m a
wait_for 'mark a set'
marked=$(text_rows 2)
keys g
wait_for 'line 1 '
keys "'" a
wait_for "$line "
[ "$(text_rows 2)" = "$marked" ] || fail "'a did not return to the mark"
keys "'" "'"
wait_for 'line 1 '
keys "'" "'"
wait_for "$line "
quit
stop
# Reopened: the same passage at the top.
start 100 30 "$FANYE_BIN --no-sidebar '$f'"
wait_for "$line "
[ "$(text_rows 2)" = "$marked" ] || fail "not reopened at the saved position"
keys g
wait_for 'line 1 '
keys "'" a
wait_for "$line "
quit
stop
# --no-resume starts at the top, and keeps no position: the one saved
# before is there after it.
start 100 30 "$FANYE_BIN --no-sidebar --no-resume '$f'"
wait_for 'line 1 '
keys 4 0 g
wait_for 'line 40 '
quit
stop
start 100 30 "$FANYE_BIN --no-sidebar '$f'"
wait_for "$line "
keys 3 0 g
wait_for 'line 30 '
hup_line='line 30'
hup_rows=$(text_rows 2)
# SIGHUP as from a dropped connection: the position is saved, fanye exits.
pid=$(pgrep -f -- "^$FANYE_BIN --no-sidebar $f" | head -1)
[ -n "$pid" ] || fail "no fanye process"
kill -HUP "$pid"
# Gone, or a zombie that tmux has yet to reap (LeakSanitizer takes a while).
for i in $(seq 400); do alive "$pid" || break; sleep 0.05; done
alive "$pid" && fail "fanye still runs after SIGHUP: $(grep State /proc/$pid/status 2>/dev/null) $(cat /proc/$pid/wchan 2>/dev/null)"
stop
start 100 30 "$FANYE_BIN --no-sidebar '$f'"
wait_for "$hup_line "
[ "$(text_rows 2)" = "$hup_rows" ] || fail "the position at SIGHUP was not saved"
quit
stop
# Two processes, one document, a bookmark each: both are kept.
start 100 30 "$FANYE_BIN --no-sidebar --no-resume '$f'"
T new-window -d "$FANYE_BIN --no-sidebar --no-resume '$f'"
pane_started :1
wait_for 'line 1 '
PANE=:1 wait_for 'line 1 '
keys 1 0 j M
wait_for 'Bookmark label'
keys C-u 'first window' Enter Enter
wait_for 'bookmarked: first window'
PANE=:1 keys 2 0 j M
PANE=:1 wait_for 'Bookmark label'
PANE=:1 keys C-u 'second window' Enter Enter
PANE=:1 wait_for 'bookmarked: second window'
quit
PANE=:1 quit
out=$("$FANYE_BIN" --bookmarks "$f")
echo "$out" | grep -q $'\tfirst window\t' || fail "first bookmark lost: $out"
echo "$out" | grep -q $'\tsecond window\t' || fail "second bookmark lost: $out"
echo "$out" | grep -q $'\ta\t' || fail "mark a lost: $out"
echo PASS

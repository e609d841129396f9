#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The incremental search overlay: /ＳｌｏｗＲｅａｄ (full width) lands on the
# line with SlowRead, highlighted; /jonas finds "Jonas", Esc goes back
# exactly, n wraps with a notice, Backspace removes a whole CJK character,
# history persists.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f=$TMPD/interview.txt # a private copy
cp "$SRCDIR/tests/docs/interview.txt" "$f"
use_file "$f"
start 100 30 "$FANYE_BIN --no-sidebar '$f'"
wait_for 'line 1 '
keys / ＳｌｏｗＲｅａｄ
wait_for '^/ＳｌｏｗＲｅａｄ'
wait_for '\[1/1\]'
[ "$(text_rows 1)" = "慢读周刊 | 公众号 SlowRead" ] || fail "/ＳｌｏｗＲｅａｄ did not land on its line"
# The match is highlighted (SGR with reverse or a background colour).
screen -e | head -1 | grep -qE $'\e\\[[0-9;]*(7|4[0-7]|48;5;[0-9]+)m[^\e]*SlowRead' || fail "SlowRead is not highlighted"
keys Enter
wait_for 'line 2 '
# Esc returns exactly to where the search started.
keys 2 0 g
wait_for 'line 20 '
before=$(text_rows 3)
keys / j o n a s
wait_for '^/jonas'
wait_for '\[[0-9]+/[0-9]+\]'
text_rows 1 | grep -q Jonas || screen | grep -q Jonas || fail "/jonas did not find Jonas"
screen -e | grep -qE $'\e\\[[0-9;]*(7|4[0-7]|48;5;[0-9]+)m[^\e]*Jonas' || fail "Jonas is not highlighted"
step Escape
[ "$(text_rows 3)" = "$before" ] || fail "Esc did not return to the start"
# n wraps round from the last match, with a notice.
keys g
wait_for 'line 1 '
keys / S l o w R e a d Enter
wait_for 'line 2 '
keys n
wait_for 'search wrapped'
# Backspace in the prompt removes a whole CJK character.
keys / 时 刻 x BSpace BSpace
wait_for '^/时 *\['
keys BSpace BSpace
wait_for 'line 2 '
# the search before comes back, counted, with no match current (not [none])
wait_for '/SlowRead \[\?/1\]  line 2 '
# History: the last accepted query comes back with Up in a new run.
quit
stop
start 100 30 "$FANYE_BIN --no-sidebar --no-resume '$f'"
wait_for 'line 1 '
keys / Up
wait_for '^/SlowRead'
keys Escape q
echo "PASS"

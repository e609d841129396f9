#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The incremental search overlay: /ＡＳＩ lands on the ASI heading with the
# match highlighted, /ilya finds "Ilya", Esc goes back exactly, n wraps with
# a notice, Backspace removes a whole CJK character, history persists.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
[ -f "$SHARED/corpus/interview.txt" ] || { echo "SKIP: the interview is absent"; exit 77; }
f=$(corpus_or_sample) # a private copy
use_file "$f"
start 100 30 "$FANYE_BIN --no-sidebar '$f'"
wait_for 'line 1 '
keys / ＡＳＩ
wait_for '^/ＡＳＩ'
wait_for '\[1/1\]'
[ "$(text_rows 1)" = "ASI" ] || fail "/ＡＳＩ did not land on the ASI heading"
# The match is highlighted (SGR with reverse or a background colour).
screen -e | head -1 | grep -qE $'\e\\[[0-9;]*(7|4[0-7]|48;5;[0-9]+)m[^\e]*ASI' || fail "ASI is not highlighted"
keys Enter
wait_for 'line 180 '
# Esc returns exactly to where the search started.
keys g 1 0 j
wait_for 'line 1[0-9] '
before=$(text_rows 3)
keys / i l y a
wait_for '^/ilya'
wait_for '\[[0-9]+/[0-9]+\]'
text_rows 1 | grep -q Ilya || screen | grep -q Ilya || fail "/ilya did not find Ilya"
screen -e | grep -qE $'\e\\[[0-9;]*(7|4[0-7]|48;5;[0-9]+)m[^\e]*Ilya' || fail "Ilya is not highlighted"
step Escape
[ "$(text_rows 3)" = "$before" ] || fail "Esc did not return to the start"
# n wraps round from the last match, with a notice.
keys / A S I Enter
wait_for 'line 180 '
keys n
wait_for 'search wrapped'
# Backspace in the prompt removes a whole CJK character.
keys / 情 绪 x BSpace BSpace
wait_for '^/情 *\['
keys BSpace BSpace
wait_for 'line 180 '
# History: the last accepted query comes back with Up in a new run.
quit
stop
start 100 30 "$FANYE_BIN --no-sidebar --no-resume '$f'"
wait_for 'line 1 '
keys / Up
wait_for '^/ASI'
keys Escape q
echo "PASS"

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A bookmark set in section ASI still jumps to the same passage after the
# file was edited (a paragraph inserted near the top).
set -eu
. "$SRCDIR/tests/screen/lib.sh"
[ -f "$SHARED/corpus/interview.txt" ] || { echo "SKIP: the interview is absent"; exit 77; }
f="$TMPD/interview.txt"
cp "$SHARED/corpus/interview.txt" "$f"
use_file "$f"
start 100 30 "$FANYE_BIN --no-sidebar '$f'"
wait_for 'line 1 '
keys / A S I Enter
wait_for 'line 180 '
step 3 j
passage=$(text_rows 1)
keys M
wait_for 'Bookmark label:'
keys C-u 'in ASI' Enter Enter
wait_for 'bookmarked: in ASI'
quit
stop
# The edit: a paragraph inserted near the top.
sed -i '3i 这是后来插入的一段新文字，用来检验书签能否跟着原来的段落走。' "$f"
"$FANYE_BIN" --bookmarks "$f" | grep -q $'^18[0-9]\tin ASI\tASI\t' || fail "bookmark line: $("$FANYE_BIN" --bookmarks "$f")"
start 100 30 "$FANYE_BIN --no-sidebar --no-resume '$f'"
wait_for 'line 1 '
keys B
wait_for 'in ASI'
step Enter
[ "$(text_rows 1)" = "$passage" ] || fail "the bookmark does not land on the passage: '$(text_rows 1)' vs '$passage'"
keys q
echo PASS

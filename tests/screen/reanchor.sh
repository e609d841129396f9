#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A bookmark set in section 车窗外 still jumps to the same passage after
# the file was edited (a paragraph inserted near the top).
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f="$TMPD/interview.txt"
cp "$SRCDIR/tests/docs/interview.txt" "$f"
use_file "$f"
start 100 30 "$FANYE_BIN --no-sidebar '$f'"
wait_for 'line 1 '
keys / 车窗外 Enter
wait_for 'line 102 '
step 3 j
passage=$(text_rows 1)
keys M
wait_for 'Bookmark label:'
keys C-u 'in 车窗外' Enter Enter
wait_for 'bookmarked: in 车窗外'
quit
stop
# The edit: a paragraph inserted near the top.
sed -i '3i 这是后来插入的一段新文字，用来检验书签能否跟着原来的段落走。' "$f"
"$FANYE_BIN" --bookmarks "$f" | grep -q $'^10[0-9]\tin 车窗外\t车窗外\t' || fail "bookmark line: $("$FANYE_BIN" --bookmarks "$f")"
start 100 30 "$FANYE_BIN --no-sidebar --no-resume '$f'"
wait_for 'line 1 '
keys B
wait_for 'in 车窗外'
step Enter
[ "$(text_rows 1)" = "$passage" ] || fail "the bookmark does not land on the passage: '$(text_rows 1)' vs '$passage'"
keys q
echo PASS

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A bookmark's note (issue 17): the B list shows each entry's line and the
# first line of its note; i shows the entry whole below the list, the note
# wrapped at spaces; e changes the note; --bookmarks prints it as a fifth
# field, escaped.  Every row is compared (the dates as DATE).
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f="$TMPD/doc.txt"
for i in $(seq 1 60); do echo "Line $i of the notes document."; done > "$f"
note='The note on line ten runs on past the width of the row, so that the details below the list wrap it to a second row; a\b.'

# expect LABEL: the screen (dates as DATE, trailing blanks cut) is stdin.
expect() { screen_is "$1" "$(cat)" 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}/DATE/'; }
footer='2 bookmarks and marks  Enter jumps, d deletes, u undoes, r renames, e notes, i…'

start 80 12 "cd '$TMPD' && $FANYE_BIN --no-sidebar doc.txt"
wait_for ' line 1 '
keys 1 0 g M
wait_for '^Bookmark label:'
keys C-u ten Enter
wait_for '^Note'
keys -l "$note"
keys Enter
wait_for 'bookmarked: ten'
keys 4 0 g m b
wait_for 'mark b set'
keys B
expect "the list: lines, the note's start" <<END
10 ten                      ✎ The note on line ten runs on pa…  DATE
40 'b                       Line 40 of the notes document.      DATE









$footer
END
# i: the chosen entry whole, its note wrapped at a space.
keys k i
expect "the details of the first" <<END
10 ten                      ✎ The note on line ten runs on pa…  DATE
40 'b                       Line 40 of the notes document.      DATE





────────────────────────────────────────────────────────────────────────────────
 ten  line 10
 The note on line ten runs on past the width of the row, so that the details
 below the list wrap it to a second row; a\\b.
$footer
END
# e: the note, changed.
keys e
wait_for '^Note:'
keys C-u 'A shorter note.' Enter
expect "the note changed" <<END
10 ten                      ✎ A shorter note. · Line 10 of th…  DATE
40 'b                       Line 40 of the notes document.      DATE






────────────────────────────────────────────────────────────────────────────────
 ten  line 10
 A shorter note.
$footer
END
keys j
expect "the details follow the choice" <<END
10 ten                      ✎ A shorter note. · Line 10 of th…  DATE
40 'b                       Line 40 of the notes document.      DATE






────────────────────────────────────────────────────────────────────────────────
 'b  line 40
 (no note: e writes one)
$footer
END
keys e
wait_for '^Note:'
keys -l 'back\slash'
keys Enter
keys q
wait_gone 'bookmarks and marks'
quit
# --bookmarks: the note is the fifth field, a backslash escaped.
out=$("$FANYE_BIN" --bookmarks "$f")
want=$'10\tten\t\tLine 10 of the notes document.\tA shorter note.\n40\tb\t\tLine 40 of the notes document.\tback\\\\slash'
[ "$out" = "$want" ] || fail "--bookmarks: $(printf '%s' "$out" | cat -A)"
echo PASS

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The sidebar lists the sections, highlights the one being read as the view
# moves, hides below 60 columns, and Tab / j / Enter jump from it.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f=$TMPD/interview.txt # a private copy
cp "$SRCDIR/tests/docs/interview.txt" "$f"
start 80 24 "$FANYE_BIN '$f'"
wait_for 'Speakers'
for h in 访谈全文 从一张时刻表说起 慢下来的代价 车窗外; do
	screen | grep -qF " $h" || fail "sidebar lacks $h"
done
screen | grep -qE 'Mira Chen +28' || fail "legend lacks Mira Chen's 28 turns"
screen | grep -qE 'Jonas Berg +28' || fail "legend lacks Jonas Berg's 28 turns"
# The section being read is shown in reverse video (SGR 7) in the sidebar.
highlighted() { screen -e | grep -F $'\e[' | grep -E $'\e\\[([0-9;]*;)?7m' | grep -oE '访谈全文|从一张时刻表说起|慢下来的代价|规模化的铁路|车窗外|写给第一次' | head -1; }
keys ']'
wait_for '\| 访谈全文'
[ "$(highlighted)" = 访谈全文 ] || fail "highlight is '$(highlighted)', not 访谈全文"
keys ']'
wait_for '\| 从一张时刻表说起'
[ "$(highlighted)" = 从一张时刻表说起 ] || fail "highlight is '$(highlighted)', not 从一张时刻表说起"
# Scrolling through the section keeps it; the next one takes over.
step 3 0 j
line=$(status | grep -oE 'line [0-9]+' | grep -oE '[0-9]+')
if [ "$line" -ge 51 ]; then exp=慢下来的代价; else exp=从一张时刻表说起; fi
[ "$(highlighted)" = "$exp" ] || fail "at line $line the highlight is '$(highlighted)'"
# Tab into the sidebar, down two, Enter: that section is at the top.
keys g Tab j j Enter
wait_for 'line 51 '
text_rows 1 | grep -qF '慢下来的代价' || fail "Enter in the sidebar did not jump"
# t hides it; below 60 columns it hides itself.
keys t
wait_gone 'Speakers'
keys t
wait_for 'Speakers'
resize 59 24
wait_gone 'Speakers'
resize 120 40
wait_for 'Speakers'
screen | grep -qF '写给第一次坐长途慢车的年轻读者' || fail "long title not whole at 120 columns"
resize 80 24
# The width fits the longest title up to a third of the screen; a title
# still too long is cut, and wraps onto a second row while it is current.
wait_for '写给第一次坐长途慢车的…'
keys 1 2 4 g
wait_for 'line 124 '
side=$(screen | sed 's/│.*//')
printf '%s\n' "$side" | grep -A1 -F '写给第一次坐长途慢车的年' | tail -1 | grep -qF '轻读者' \
	|| fail "the current long title does not wrap: $side"
keys q
echo "PASS"

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The sidebar lists the sections, highlights the one being read as the view
# moves, hides below 60 columns, and Tab / j / Enter jump from it.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
[ -f "$SHARED/corpus/interview.txt" ] || { echo "SKIP: the interview is absent"; exit 77; }
f=$(corpus_or_sample) # a private copy
start 80 24 "$FANYE_BIN '$f'"
wait_for 'Speakers'
for h in 访谈全文 情绪和价值 '我们在扩展什么?' ASI; do
	screen | grep -qF " $h" || fail "sidebar lacks $h"
done
screen | grep -qE 'Ilya Sutskever +30' || fail "legend lacks Ilya's 30 turns"
screen | grep -qE 'Dwarkesh Patel +28' || fail "legend lacks Dwarkesh's 28 turns"
# The section being read is shown in reverse video (SGR 7) in the sidebar.
highlighted() { screen -e | grep -F $'\e[' | grep -E $'\e\\[([0-9;]*;)?7m' | grep -oE '访谈全文|情绪和价值|我们在扩展什么\?|为什么人类|ASI' | head -1; }
keys ']'
wait_for '\| 访谈全文'
[ "$(highlighted)" = 访谈全文 ] || fail "highlight is '$(highlighted)', not 访谈全文"
keys ']'
wait_for '\| 情绪和价值'
[ "$(highlighted)" = 情绪和价值 ] || fail "highlight is '$(highlighted)', not 情绪和价值"
# Scrolling through the section keeps it; the next one takes over.
step 3 0 j
line=$(status | grep -oE 'line [0-9]+' | grep -oE '[0-9]+')
if [ "$line" -ge 121 ]; then exp='我们在扩展什么?'; else exp=情绪和价值; fi
[ "$(highlighted)" = "$exp" ] || fail "at line $line the highlight is '$(highlighted)'"
# Tab into the sidebar, down two, Enter: that section is at the top.
keys g Tab j j Enter
wait_for 'line 121 '
text_rows 1 | grep -qF '我们在扩展什么?' || fail "Enter in the sidebar did not jump"
# t hides it; below 60 columns it hides itself.
keys t
wait_gone 'Speakers'
keys t
wait_for 'Speakers'
resize 59 24
wait_gone 'Speakers'
resize 120 40
wait_for 'Speakers'
screen | grep -qF '为什么人类比模型更擅长概括' || fail "long title not whole at 120 columns"
resize 80 24
# The width fits the longest title up to a third of the screen; a title
# still too long is cut, and wraps onto a second row while it is current.
wait_for '为什么人类比模型更擅长…'
keys 1 4 6 g
wait_for 'line 146 '
side=$(screen | sed 's/│.*//')
printf '%s\n' "$side" | grep -A1 -F '为什么人类比模型更擅长' | tail -1 | grep -qF '概括' \
	|| fail "the current long title does not wrap: $side"
keys q
echo "PASS"

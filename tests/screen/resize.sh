#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A resize from 80x24 to 60x20 keeps the passage at the top of the screen.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f=$(interview_copy)
use_file "$f"
start 80 24 "$FANYE_BIN --no-sidebar '$f'"
wait_for 'line 1 '
# A paragraph start: line 20 at the top, at both widths.
keys 2 0 g
want80=$(sed -n 20p "$f" | "$FANYE_BIN" --render="$(text_width 80)" | head -1)
wait_top "$want80"
resize 60 20
want60=$(sed -n 20p "$f" | "$FANYE_BIN" --render="$(text_width 60)" | head -1)
wait_top "$want60"
status | grep -q 'line 20 ' || fail "line 20 is no longer at the top after the resize"
# Mid-paragraph: scroll into a long paragraph, resize back, same line.
step 3 j
line=$(status | grep -oE 'line [0-9]+')
resize 80 24
wait_for "$line "
resize 40 12 # (narrower, the position gives way to the section and speaker)
wait_for "$line "
keys q
echo "PASS"

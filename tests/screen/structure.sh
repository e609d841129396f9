#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Moving by structure on the interview: } { to turns, s S to the same
# speaker's turns, ] [ to sections, 3c to the third section; the status
# line names the section and the speaker.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f=$TMPD/interview.txt # a private copy
cp "$SRCDIR/tests/docs/interview.txt" "$f"
start 100 30 "$FANYE_BIN --no-sidebar --no-resume '$f'"
wait_for 'line 1 '
keys '}'; wait_for 'line 14 '
status | grep -q '访谈全文 .*Mira Chen  line 14 ' || fail "status lacks section and speaker"
keys '}'; wait_for 'line 16 '
status | grep -q 'Jonas Berg' || fail "status lacks Jonas Berg"
keys '{'; wait_for 'line 14 '
keys w; wait_for 'line 18 '
keys w; wait_for 'line 22 '
keys W; wait_for 'line 18 '
keys ']'; wait_for 'line 28 '
keys '['; wait_for 'line 13 '
keys 3 c; wait_for 'line 51 '
keys 5 '}'
wait_for 'line 61 '
keys q
echo PASS

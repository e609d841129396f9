#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The store as the pager meets it: a save that fails on the way out is
# said once the screen is gone, and the exit status is 1; a large store
# being read stops at q (and nothing is written over it).
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f="$TMPD/doc.txt"
cp "$SRCDIR/assets/sample.txt" "$f"
# A state directory that cannot exist (under a regular file).
start 80 24 "XDG_STATE_HOME='$f/state' $FANYE_BIN --no-sidebar '$f'; echo rc=\$?; sleep 30"
wait_for 'will not be kept'
status | grep -q 'will not be kept' || fail "the message at open is not on the status line"
keys q
wait_for '^rc=1$'
screen | grep -q '^fanye: reading position not saved: .*will not be kept' || fail "the failed save was not said after the screen"
stop
# A store of about 40 MB: q typed at once stops its reading.
"$MARKS_TOOL" add "$f" 1 first > /dev/null
store=$(ls "$XDG_STATE_HOME"/fanye/docs/*.ini)
python3 - "$store" <<'PY'
import sys
with open(sys.argv[1], "a") as o:
    for i in range(400000):
        o.write("\n[entry b%d]\noffset = 3\nletter = 0\nlabel = n%d\nafter = x\n" % (i, i))
PY
size=$(stat -c %s "$store")
start 80 24 "$FANYE_BIN --no-sidebar '$f'; echo rc=\$?; sleep 30"
keys q
wait_for '^rc=0$' 60
screen | grep -q '^fanye: reading the bookmarks was interrupted' || fail "q did not stop the reading of a large store"
[ "$(stat -c %s "$store")" = "$size" ] || fail "the store was written after an interrupted reading"
stop
# Read in full when nothing stops it: the first bookmark is listed.
"$FANYE_BIN" --bookmarks "$f" | grep -q 'first-1' || fail "the large store does not read back"
echo PASS

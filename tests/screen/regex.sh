#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regular expressions that cost: a+z and z* on a 1 MiB line answer at once
# and leave q working; (x+x+)+y reaches PCRE2's limit on its first line,
# which is said ("pattern too costly near line 1"), never "not found", and
# the match on a later line is still found.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
long="$TMPD/long.txt"
python3 -c 'import sys; sys.stdout.write("a" * (1 << 20) + "\nend\n")' > "$long"
start 80 10 "$FANYE_BIN --no-sidebar --no-resume '$long'; echo rc=\$?; sleep 30"
wait_for 'line 1 '
# C-r in the prompt turns regular expressions on.
keys / C-r
wait_for 'regex'
keys 'a+z'
# The answer comes while the prompt is open (the work is bounded).
wait_for '^/a\+z .*not found'
keys Enter
wait_gone '^/a'
keys / 'z*'
wait_for '^/z\* .*not found.*regex|^/z\* .*regex.*not found'
keys Enter
wait_gone '^/z'
keys q
wait_for '^rc=0$'
stop
costly="$TMPD/costly.txt"
{ printf 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx!y\n'; for i in $(seq 2 30); do echo "filler $i"; done; echo 'the xxy line'; for i in $(seq 32 60); do echo "filler $i"; done; } > "$costly"
start 80 10 "$FANYE_BIN --no-sidebar --no-resume '$costly'; echo rc=\$?; sleep 30"
wait_for 'line 1 '
keys / C-r
wait_for 'regex'
keys '(x+x+)+y' Enter
wait_for 'pattern too costly near line 1'
[ "$(text_rows 1)" = "the xxy line" ] || fail "the match on line 31 is not at the top"
status | grep -q 'not found' && fail "a costly pattern was reported as not found"
keys q
wait_for '^rc=0$'
echo PASS

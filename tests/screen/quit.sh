#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# q quits with status 0 and gives the shell its screen back.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f=$(interview_copy)
start 80 24 "env PS1='$ ' bash --norc --noprofile"
wait_for '^\$'
keys "echo BEFORE-FANYE; '$FANYE_BIN' '$f'; echo rc=\$?" Enter
wait_for 'line 1 '
screen | grep -q BEFORE-FANYE && fail "fanye did not take the whole screen"
keys q
wait_for '^rc=0'
screen | grep -q BEFORE-FANYE || fail "the shell's screen was not restored"
screen | grep -q 'line 1 ' && fail "fanye's status line is still there"
echo "PASS"

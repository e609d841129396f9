#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# j, a count, Space, k, G and g move the view by rows of --render.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f=$(interview_copy)
use_file "$f"
mapfile -t R < <("$FANYE_BIN" --render="$(text_width 80)" "$f")
start 80 24 "$FANYE_BIN --no-sidebar '$f'"
wait_top "${R[0]}"
keys j;        wait_top "${R[1]}"
keys 5 j;      wait_top "${R[6]}"
keys Space;    wait_top "${R[29]}"
keys k;        wait_top "${R[28]}"
keys b;        wait_top "${R[5]}"
keys d;        wait_top "${R[16]}"
keys u;        wait_top "${R[5]}"
keys G
n=${#R[@]}
wait_top "${R[$((n - 23))]}"
[ "$(text_rows 23 | tail -1)" = "${R[$((n - 1))]}" ] || fail "G does not show the last row at the bottom"
wait_for '\(END\)'
keys j;        wait_top "${R[$((n - 23))]}" # no scrolling past the end
keys g;        wait_top "${R[0]}"
# 50p puts the line holding the middle byte at the top.
size=$(wc -c < "$f")
mid=$(( $(head -c $((size / 2)) "$f" | wc -l) + 1 ))
keys 5 0 p
wait_for "line $mid "
keys q
echo "PASS"

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A key remapped in the config works, the old one no longer does, and the
# help overlay shows the new binding.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f="$SRCDIR/assets/sample.txt"
mkdir -p "$XDG_CONFIG_HOME/fanye"
printf '[keys]\nline-down = J Down\nquit = x\n' > "$XDG_CONFIG_HOME/fanye/config.ini"
use_file "$f"
mapfile -t R < <("$FANYE_BIN" --render="$(text_width 80)" "$f")
start 80 24 "$FANYE_BIN --no-sidebar '$f'"
wait_top "${R[0]}"
# A count typed after j shows ":1" once j has been handled: then the top
# row says whether j moved.
keys j 1
wait_for '^:1'
[ "$(text_rows 1)" = "${R[0]}" ] || fail "j still moves"
keys J
wait_top "${R[1]}"
keys h
wait_for 'J Down +Forward one row'
keys Escape
wait_top "${R[1]}"
keys x
wait_gone 'line '
echo PASS

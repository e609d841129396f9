#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The first screen at 80x24 (sidebar hidden) is exactly the first 23 rows
# --render gives at the text area's width, with the file name and line 1 in
# the status line.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
for f in "$SRCDIR/assets/sample.txt" "$(interview_copy)"; do
	use_file "$f"
	start 80 24 "$FANYE_BIN --no-sidebar '$f'"
	want=$("$FANYE_BIN" --render="$(text_width 80)" "$f" | head -n 23 | sed 's/ *$//')
	wait_top "$(printf '%s\n' "$want" | head -1)"
	wait_for 'line 1 '
	got=$(text_rows 23)
	[ "$got" = "$want" ] || { diff <(echo "$want") <(echo "$got"); fail "first screen of $f differs from --render"; }
	status | grep -qF "$(basename "$f")" || fail "status line does not name the file"
	keys q
	stop
done
echo "PASS"

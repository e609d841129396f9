#!/bin/bash
# The first screen at 80x24 is exactly the first 23 rows --render=80 gives
# (nothing past column 80), with the file name and line 1 in the status line.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
for f in "$SRCDIR/assets/sample.txt" "$(corpus_or_sample)"; do
	start 80 24 "$FANYE '$f'"
	want=$("$FANYE" --render=80 "$f" | head -n 23 | sed 's/ *$//')
	wait_top "$(printf '%s\n' "$want" | head -1)"
	wait_for 'line 1 '
	got=$(text_rows 23)
	[ "$got" = "$want" ] || { diff <(echo "$want") <(echo "$got"); fail "first screen of $f differs from --render=80"; }
	status | grep -qF "$(basename "$f")" || fail "status line does not name the file"
	keys q
	T kill-server >/dev/null 2>&1 || true
done
echo "PASS"

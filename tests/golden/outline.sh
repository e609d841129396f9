#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# --outline golden files, and the structure of the made-up interview.
set -u
g="$SRCDIR/tests/golden"
fail=0
check() { # name file
	if [ "${FANYE_REGEN:-}" = 1 ]; then
		"$FANYE_BIN" --outline "$2" > "$g/$1.outline"
		return
	fi
	if ! diff -u "$g/$1.outline" <("$FANYE_BIN" --outline "$2"); then
		echo "FAIL: --outline of $2"
		fail=1
	fi
}
check sample "$SRCDIR/assets/sample.txt"
# Two plays (public domain) in two shapes: Coriolanus I.i with "Name:"
# alone and blank lines between speeches (the short last line of a
# speech is no section; a stage direction is none), and Hamlet III.i as
# Project Gutenberg writes it ("KING." alone, "HAMLET. To be" inline).
check coriolanus "$SRCDIR/tests/docs/coriolanus.txt"
check hamlet "$SRCDIR/tests/docs/hamlet.txt"
# The made-up interview (tests/docs/interview.txt): a preamble, then six
# headings (short lines between turns) and 56 turns of two speakers whose
# names stand alone on their lines.
f="$SRCDIR/tests/docs/interview.txt"
check interview "$f"
out=$("$FANYE_BIN" --outline "$f")
[ "$(echo "$out" | awk -F'\t' '$2 ~ /^H/ {print $1}' | tr '\n' ' ')" = "13 28 51 78 102 124 " ] ||
	{ echo "FAIL: interview headings"; fail=1; }
[ "$(echo "$out" | grep -c $'\tS\tMira Chen$')" = 28 ] || { echo "FAIL: Mira Chen's turns"; fail=1; }
[ "$(echo "$out" | grep -c $'\tS\tJonas Berg$')" = 28 ] || { echo "FAIL: Jonas Berg's turns"; fail=1; }
[ "$(echo "$out" | wc -l)" = 62 ] || { echo "FAIL: interview outline has extra lines"; fail=1; }
# A GB18030 copy and a CRLF copy have the same structure, line for line.
tmp=$(mktemp -d)
iconv -f UTF-8 -t GB18030 "$f" > "$tmp/gb.txt"
sed 's/$/\r/' "$f" > "$tmp/crlf.txt"
diff <(echo "$out") <("$FANYE_BIN" --outline "$tmp/gb.txt") >/dev/null || { echo "FAIL: GB18030 copy differs"; fail=1; }
diff <(echo "$out") <("$FANYE_BIN" --outline "$tmp/crlf.txt") >/dev/null || { echo "FAIL: CRLF copy differs"; fail=1; }
rm -rf "$tmp"
exit $fail

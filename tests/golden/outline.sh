#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# --outline golden files, and the interview's structure as the issue states
# it: headings at lines 13, 79, 121, 146, 180 and 58 turns (30 + 28).
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
f="$SHARED/corpus/interview.txt"
if [ -f "$f" ]; then
	check interview "$f"
	out=$("$FANYE_BIN" --outline "$f")
	[ "$(echo "$out" | awk -F'\t' '$2 ~ /^H/ {print $1}' | tr '\n' ' ')" = "13 79 121 146 180 " ] ||
		{ echo "FAIL: interview headings"; fail=1; }
	[ "$(echo "$out" | grep -c $'\tS\tIlya Sutskever$')" = 30 ] || { echo "FAIL: Ilya turns"; fail=1; }
	[ "$(echo "$out" | grep -c $'\tS\tDwarkesh Patel$')" = 28 ] || { echo "FAIL: Dwarkesh turns"; fail=1; }
	[ "$(echo "$out" | wc -l)" = 63 ] || { echo "FAIL: interview outline has extra lines"; fail=1; }
	# The GB18030 copy has the same structure, line for line.
	if [ -f "$SHARED/corpus/interview.gb18030.txt" ]; then
		diff <(echo "$out") <("$FANYE_BIN" --outline "$SHARED/corpus/interview.gb18030.txt") >/dev/null ||
			{ echo "FAIL: GB18030 copy differs"; fail=1; }
	fi
	# The CRLF copy has the same structure.
	if [ -f "$SHARED/corpus/interview.crlf.txt" ]; then
		diff <(echo "$out") <("$FANYE_BIN" --outline "$SHARED/corpus/interview.crlf.txt") >/dev/null ||
			{ echo "FAIL: CRLF copy differs"; fail=1; }
	fi
else
	echo "SKIP (interview part): $f is absent"
fi
exit $fail

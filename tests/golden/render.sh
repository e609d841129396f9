#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Golden files: `fanye --render=W` at widths 20, 40 and 80 on the sample,
# the interview and a document of each format (tests/docs) must equal
# tests/golden/NAME.wW byte for byte, and with --render-color NAME.c80.
# Set FANYE_REGEN=1 to rewrite them (then read the diff before committing).
set -u
g="$SRCDIR/tests/golden"
fail=0
check() { # name file width [suffix option]
	local out suffix=${4:-w}
	out=$("$FANYE_BIN" ${5:+"$5"} --render="$3" "$2"; echo x)
	out=${out%x}
	if [ "${FANYE_REGEN:-}" = 1 ]; then
		printf '%s' "$out" > "$g/$1.$suffix$3"
		return
	fi
	if ! diff -u "$g/$1.$suffix$3" <(printf '%s' "$out") > /tmp/fanye-golden.$$; then
		echo "FAIL: $1 at width $3 ($suffix):"
		head -40 /tmp/fanye-golden.$$ | cat -v
		fail=1
	fi
	rm -f /tmp/fanye-golden.$$
}
for w in 20 40 80; do
	check sample "$SRCDIR/assets/sample.txt" "$w"
	# The formats, as presented (tests/docs: written for these tests).
	check transcript "$SRCDIR/tests/docs/transcript.md" "$w"
	check aozora "$SRCDIR/tests/docs/aozora.txt" "$w"
	check gitlog "$SRCDIR/tests/docs/gitlog.ansi" "$w"
done
# Their styles as SGR.
check transcript "$SRCDIR/tests/docs/transcript.md" 80 c --render-color
check aozora "$SRCDIR/tests/docs/aozora.txt" 80 c --render-color
check gitlog "$SRCDIR/tests/docs/gitlog.ansi" 80 c --render-color
for w in 20 40 80; do
	check interview "$SRCDIR/tests/docs/interview.txt" "$w"
done
exit $fail

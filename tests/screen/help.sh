#!/bin/bash
# h opens the help overlay, generated from the action table; q closes it.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f=$(corpus_or_sample)
start 80 24 "$FANYE '$f'"
top=$("$FANYE" --render=80 "$f" | head -1)
wait_top "$top"
keys h
wait_for 'Forward one row'
screen | grep -qE '^Moving' || fail "no Moving group in the help"
screen | grep -qE 'q Q +Quit' || fail "quit key not listed"
# Every action of --keys is on the help screen (at 80x24 it fits).
while IFS=$'\t' read -r name k help; do
	screen | grep -qF "$help" || fail "help lacks '$help' ($name)"
done < <("$FANYE" --keys)
keys q
wait_top "$top"
keys F1
wait_for 'Forward one row'
keys Escape
wait_top "$top"
echo "PASS"

#!/bin/bash
# h opens the help overlay, generated from the action table: it scrolls,
# lists every action of --keys, and q, Esc or F1 close it.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f=$(corpus_or_sample)
use_file "$f"
start 80 24 "$FANYE --no-sidebar '$f'"
top=$("$FANYE" --render="$(text_width 80)" "$f" | head -1)
wait_top "$top"
keys h
wait_for 'Forward one row'
screen | grep -qE '^Moving' || fail "no Moving group in the help"
keys G
wait_for 'q Q +Quit'
screen | grep -q 'Forward one row' && fail "G did not scroll the help"
keys g
wait_for 'Forward one row'
# / filters the help: only the actions that mention the text.
keys / s i d e b a r Enter
wait_for 'Show or hide the section sidebar'
screen | grep -q 'Forward one row' && fail "the help filter kept other actions"
keys Escape
wait_for 'Forward one row'
# Every action of --keys is in the help (the window made tall enough).
resize 100 60
wait_for 'q Q +Quit'
while IFS=$'\t' read -r name k help; do
	screen | grep -qF "$help" || fail "help lacks '$help' ($name)"
done < <("$FANYE" --keys)
keys q
wait_for 'line 1 '
resize 80 24
wait_top "$top"
keys F1
wait_for 'Forward one row'
keys Escape
wait_top "$top"
echo "PASS"

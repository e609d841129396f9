#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The status line and the search's state (issue 17): [k/N] after Enter and
# after n and N, "not found", an empty pattern repeating the last one, a
# prompt that starts clean, Escape clearing the search, the first start's
# "h help · q quit", a key with no action saying so, = and what the status
# line keeps at 40, 80 and 120 columns.  Every row is compared.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f="$TMPD/st.txt"
for c in 1 2 3 4 5 6; do
	printf 'Chapter %s The long road to the sea\n\n' "$c"
	for t in 1 2 3 4 5; do
		printf 'Alice Wong: Turn %s of chapter %s, where the needle is mentioned once.\n\n' "$t" "$c"
		printf 'Bob Stone: A reply in chapter %s, turn %s, with nothing to find.\n\n' "$c" "$t"
	done
done > "$f"
len=$(stat -c %s "$f")

# cols S: the columns of S.
cols() { python3 -c 'import sys; print(len(sys.argv[1].encode("utf-8", "surrogateescape").decode()))' "$1"; }
# bar WIDTH LEFT RIGHT: the status line: LEFT from column 1, RIGHT ending
# one column before the edge.
bar() {
	local pad=$(($1 - 1 - $(cols "$2") - $(cols "$3") - 1))
	printf ' %s%*s%s\n' "$2" "$pad" '' "$3"
}
# pos N: "line N  P%" for line N at the top.
pos() { echo "line $1  $(($(head -n "$(($1 - 1))" "$f" | wc -c) * 100 / len))%"; }
# expect LABEL STATUS [TOP]: the screen is lines TOP.. of the file (23 of
# them, 1 by default) and then STATUS.
expect() {
	screen_is "$1" "$(sed -n "${3:-1},$((${3:-1} + 22))p" "$f"; echo "$2")"
}
sec='Chapter 1 The long road to the sea'

start 80 24 "cd '$TMPD' && $FANYE_BIN --no-sidebar st.txt"
# A document opened for the first time says where the help is ...
expect "first start" "$(bar 80 "st.txt | $sec" "h help · q quit  $(pos 1)")"
# ... until the first key.  A key with no action says so.
keys x
expect "x" "x: no action (h for help)"
keys j
expect "j" "$(bar 80 "st.txt | $sec" "$(pos 2)")" 2
keys k
expect "k" "$(bar 80 "st.txt | $sec" "$(pos 1)")"

# The search's state stays on the status line after Enter (the file's
# name gives way to it at 80 columns), and follows n and N; a match moves
# to the top even when it was on the screen, as in less.
keys / n e e d l e Enter
expect "/needle" "$(bar 80 "$sec" "Alice Wong  /needle [1/30]  $(pos 3)")" 3
keys n
expect "n" "$(bar 80 "$sec" "Alice Wong  /needle [2/30]  $(pos 7)")" 7
keys n
expect "n n" "$(bar 80 "$sec" "Alice Wong  /needle [3/30]  $(pos 11)")" 11
keys N
expect "N" "$(bar 80 "$sec" "Alice Wong  /needle [2/30]  $(pos 7)")" 7
# Highlighted: "needle" on the top row, the current match (yellow 226, or
# reverse video).
hl() { screen -e | head -1 | grep -qE $'\e\\[([0-9;]*;)?(7|48;5;226)m'; }
hl || fail "the match is not highlighted"

# An empty pattern is the last one again: from the top, the first match.
keys g
expect "g" "$(bar 80 "st.txt | $sec" "/needle [2/30]  $(pos 1)")"
keys /
expect "an empty prompt says what Enter does" "/$(printf '%*s' 59 '')Enter: needle again" 1
keys Enter
expect "/ Enter" "$(bar 80 "$sec" "Alice Wong  /needle [1/30]  $(pos 3)")" 3

# Escape clears the search: no highlight, nothing of it on the status line;
# n brings it back.
keys Escape
expect "Escape" "search cleared (n repeats it)" 3
keys C-l
expect "Escape, then C-l" "$(bar 80 "st.txt | $sec" "Alice Wong  $(pos 3)")" 3
hl && fail "a highlight after Escape"
keys n
expect "n after Escape" "$(bar 80 "$sec" "Alice Wong  /needle [1/30]  $(pos 3)")" 3

# Not found: said after Enter; the view stays.
keys / x y z z y Enter
expect "not found" "not found" 3
# A regular expression that does not compile, given up: the next prompt
# starts clean, with no error and no old count.
keys / C-r '(' 
wait_for '^/\( +bad pattern'
keys Escape
wait_gone '^/'
keys C-r # regular expressions off again
wait_for 'regular expressions off'
keys /
wait_for '^/ '
screen | tail -1 | grep -qE '\[|missing' && fail "the prompt kept an old count or error: $(status)"
screen | tail -1 | grep -q 'Enter: xyzzy again' || fail "the empty prompt does not offer the last search: $(status)"
keys Escape
wait_gone '^/'

# =: the whole path, the format and the encoding, the lines shown of all,
# the bytes of the file and the percentage.
keys g
wait_for ' line 1 '
keys =
lines=$(wc -l < "$f")
# (the directories go first, …/ in front, when the whole is too long)
expect "=" "…/st.txt  plain  UTF-8, detected  lines 1-23 of $lines  $(echo "$len" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta') bytes  0%"

# What the status line keeps: at 120 columns everything; at 40 the
# section, the speaker and the position; at 30 the section and the speaker.
keys Escape
wait_for '^search cleared'
keys 3 g
expect "3g" "$(bar 80 "st.txt | $sec" "Alice Wong  $(pos 3)")" 3
resize 120 24
wait_for "^ st.txt \\| $sec +Alice Wong  $(pos 3)\$"
resize 40 24
wait_for "^ Chapter 1 The … Alice Wong  $(pos 3)\$"
resize 30 24
wait_for "^ Chapter 1 The lo… Alice Wong\$"
keys q
echo PASS

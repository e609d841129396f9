#!/bin/bash
# Each speaker's label has its own colour; with NO_COLOR they differ by
# attributes instead, and no colour codes are sent.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f=$(corpus_or_sample)
a=$("$FANYE_BIN" --outline "$f" | awk -F'\t' '$2 == "S" {print $3}' | sed -n 1p)
b=$("$FANYE_BIN" --outline "$f" | awk -F'\t' '$2 == "S" && $3 != "'"$a"'" {print $3}' | sed -n 1p)
label_sgr() { # the SGR sequence just before the label's text
	screen -e | grep -F "$1" | grep -v 'Speakers' | grep -oE $'(\e\\[[0-9;]*m)+'"$1" | head -1 | sed "s/$1\$//"
}
for term in tmux-256color screen; do
	start 100 30 "TERM=$term $FANYE_BIN --no-sidebar '$f'"
	wait_for "^$a"
	sa=$(label_sgr "$a"); sb=$(label_sgr "$b")
	[ -n "$sa" ] && [ -n "$sb" ] || fail "no attributes on the labels ($term)"
	[ "$sa" != "$sb" ] || fail "$a and $b have the same colour ($term): $(echo "$sa" | cat -v)"
	echo "$sa" | grep -qE '3[0-9;]|38;5' || fail "no colour on $a ($term)"
	stop
done
start 100 30 "NO_COLOR=1 $FANYE_BIN --no-sidebar '$f'"
wait_for "$a"
screen -e | grep -qE $'\e\\[[0-9;]*(3[0-7]|38;5;[0-9]+)m' && fail "colours sent with NO_COLOR"
sa=$(label_sgr "$a"); sb=$(label_sgr "$b")
[ -n "$sa" ] && [ "$sa" != "$sb" ] || fail "NO_COLOR: labels not told apart ($(echo "$sa|$sb" | cat -v))"
echo "PASS"

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Each speaker's label has its own colour; with NO_COLOR they differ by
# attributes instead, and no colour codes are sent.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f=$(interview_copy)
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
stop

# Sixteen speakers: sixteen labels told apart, on 256 colours by the
# palette's colours, on 8 by colour and then bold (issue 17).
names=("Alice Brown" "Bruno Costa" "Chen Wei" "Dara Ennis" "Emil Fox" "Fatima Gul" "Goro Hata" "Hana Ito"
	"Ivan Jok" "Jun Kim" "Kofi Lamb" "Lena Moor" "Mira Nash" "Nico Ortiz" "Olga Pym" "Pavel Quinn")
many="$TMPD/many.txt"
for r in 1 2; do for n in "${names[@]}"; do printf '%s: round %s.\n' "$n" "$r"; done; done > "$many"
for term in tmux-256color screen; do
	start 100 30 "TERM=$term $FANYE_BIN --no-sidebar --no-resume '$many'"
	wait_for '^Pavel Quinn:'
	sgrs=$(for n in "${names[@]}"; do label_sgr "$n:"; echo; done | grep .)
	[ "$(printf '%s\n' "$sgrs" | grep -c .)" = 16 ] || fail "labels without attributes ($term): $(printf '%s\n' "$sgrs" | cat -v)"
	[ "$(printf '%s\n' "$sgrs" | sort -u | grep -c .)" = 16 ] ||
		fail "speakers with the same colour ($term): $(printf '%s\n' "$sgrs" | sort | uniq -d | cat -v)"
	stop
done

# Fourteen speakers at 80x24: the legend shows what fits and "+N more",
# and keeps the current speaker in view.
for r in 1 2; do for n in "${names[@]:0:14}"; do printf '%s: round %s.\n\n' "$n" "$r"; done; done > "$many"
start 80 24 "TERM=tmux-256color $FANYE_BIN --no-resume '$many'"
wait_for '\+6 more'
legend() { screen | sed -n '14,23p' | cut -c1-20 | sed 's/ *$//'; }
want=$' Speakers\n   Alice Brown 2\n   Bruno Costa 2\n   Chen Wei 2\n   Dara Ennis 2\n   Emil Fox 2\n   Fatima Gul 2\n   Goro Hata 2\n   Hana Ito 2\n   +6 more'
[ "$(legend)" = "$want" ] || fail "the legend at the start: $(legend)"
keys / N i c o Enter
wait_for '^ +Nico Ortiz 2'
want=$' Speakers\n   Goro Hata 2\n   Hana Ito 2\n   Ivan Jok 2\n   Jun Kim 2\n   Kofi Lamb 2\n   Lena Moor 2\n   Mira Nash 2\n   Nico Ortiz 2\n   +6 more'
[ "$(legend)" = "$want" ] || fail "the legend with Nico Ortiz current: $(legend)"
screen -e | sed -n '15,23p' | grep -F 'Nico Ortiz' | grep -qE $'\e\\[([0-9;]*;)?4(;[0-9;]*)?m' ||
	fail "Nico Ortiz is not underlined in the legend"
echo "PASS"

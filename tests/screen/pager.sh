#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# fanye as $PAGER, as a less user has it: LESS=FRX prints short output and
# leaves, less's options (-N -S -i -I -j -x -X -R), +G/+N/+/pattern, several
# files with :n and :p (each keeps its place), the mouse wheel and stray
# mouse reports, v with the editor and R, & to filter, !, | and s (and
# their refusal in secure mode), pipes that leave no state, git and man
# with fanye as their pager.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
seq 1 300 > "$TMPD/n300.txt"
printf 'one\ntwo\nthree\n' > "$TMPD/short.txt"

# --- LESS=FRX: one screen of output is printed as it is, nothing else -------
out="$TMPD/out.raw"
start 80 24 "sleep 0.5; LESS=FRX $FANYE_BIN '$TMPD/short.txt'; echo rc=\$?; sleep 30"
T pipe-pane -o -t 0 "cat > '$out'"
wait_for '^rc=0'
T pipe-pane -t 0
[ "$(tr -d '\r' < "$out" | head -3 | tr '\n' ' ')" = "one two three " ] || fail "-F printed $(od -c "$out" | head)"
grep -q $'\e' "$out" && fail "-F wrote escape sequences: $(od -c "$out" | head)"
stop
# Longer than a screen: the pager; -X leaves the last screen behind.
start 80 24 "LESS=FRX $FANYE_BIN --no-sidebar '$TMPD/n300.txt'; echo rc=\$?; sleep 30"
wait_for '^1$'
keys 1 0 0 g
wait_for '^100$'
keys q
wait_for '^rc=0'
# No alternate screen: the rows stay where they were drawn (the shell's
# newline after rc=0 scrolls the first off), the status line is gone.
want="$(seq 101 122; echo rc=0)"
[ "$(screen | head -23)" = "$want" ] || fail "-X: the last screen is not left in the terminal"
stop

# --- less's options and +commands --------------------------------------------
start 80 24 "$FANYE_BIN --no-sidebar -N +150 '$TMPD/n300.txt'"
wait_for '^ +150 150$'
keys G
wait_for '^ +300 300$'
quit
stop
start 80 24 "$FANYE_BIN --no-sidebar -j5 +/250 '$TMPD/n300.txt'"
wait_for 'line 246 '
[ "$(text_rows 5 | tail -1)" = 250 ] || fail "-j5 did not put the match on row 5: $(text_rows 5)"
quit
stop
long=$(printf 'x%.0s' $(seq 1 150))
printf '%sEND\nshort\n' "$long" > "$TMPD/long.txt"
start 40 10 "$FANYE_BIN --no-sidebar -S -#10 '$TMPD/long.txt'"
wait_for '^short$'
[ "$(text_rows 1)" = "$(printf 'x%.0s' $(seq 1 40))" ] || fail "-S: the row is not cut: $(text_rows 1)"
keys Right Right Right Right Right Right Right Right Right Right Right Right
wait_for 'END'
quit
stop
printf 'a\tb\n' > "$TMPD/tab.txt"
start 40 10 "$FANYE_BIN --no-sidebar -x4 -R -r '$TMPD/tab.txt'"
wait_for '^a   b$'
quit
stop
printf 'The Word here\n' > "$TMPD/case.txt"
start 40 10 "$FANYE_BIN --no-sidebar -I '$TMPD/case.txt'"
wait_for '^The Word'
keys / W O R D
wait_for '^/WORD.*\[1/1\]'
keys Enter
quit
stop

# --- several files: :n, :p, each with its own place --------------------------
seq 1001 1300 > "$TMPD/b.txt"
seq 2001 2300 > "$TMPD/c.txt"
start 80 24 "$FANYE_BIN --no-sidebar --no-resume '$TMPD/n300.txt' '$TMPD/b.txt' '$TMPD/c.txt'"
wait_for 'n300.txt \(1/3\)'
keys 5 0 g
wait_for '^50$'
keys : n
wait_for 'b.txt \(2/3\)'
keys 1 0 0 g
wait_for '^1100$'
keys : n
wait_for 'c.txt \(3/3\)'
keys : p
wait_for 'b.txt \(2/3\)'
[ "$(text_rows 1)" = 1100 ] || fail ":p: b.txt is not where it was left: $(text_rows 1)"
keys : p
wait_for 'n300.txt \(1/3\)'
[ "$(text_rows 1)" = 50 ] || fail ":p: n300.txt is not where it was left: $(text_rows 1)"
keys : n
wait_for 'b.txt \(2/3\)'
keys : p : p
wait_for 'this is the first file'
keys : e
wait_for '^:e$'
keys " $TMPD/short.txt" Enter
wait_for 'short.txt \(4/4\)'
quit
stop

# --- the mouse: the wheel scrolls; a report is never keys ----------------------
start 80 24 "$FANYE_BIN --no-sidebar --no-resume '$TMPD/n300.txt'"
wait_for '^1$'
# A wheel report ends in M, which is also the bookmark key: it scrolls.
T send-keys -t 0 -l $'\e[<65;10;10M'
wait_for '^4$'
screen | grep -q 'Bookmark' && fail "a mouse report opened the bookmark prompt"
T send-keys -t 0 -l $'\e[<64;10;10M'
wait_for '^1$'
# A stray press and release, and an X10 report: nothing happens, a count
# typed after them is still answered.
T send-keys -t 0 -l $'\e[<0;3;3M\e[<0;3;3m\e[M !!'
keys 7
wait_for '^:7'
keys Escape
wait_gone '^:7'
screen | grep -q 'Bookmark' && fail "a stray report opened the bookmark prompt"
[ "$(text_rows 1)" = 1 ] || fail "a stray report moved the text"
quit
stop

# --- v with the editor, R, & -------------------------------------------------------
cat > "$TMPD/editor" <<EOF
#!/bin/sh
# the line it was given, then the file: a line appended
echo "\$1" > "$TMPD/editor.args"
echo "added by the editor" >> "\$2"
EOF
chmod +x "$TMPD/editor"
cp "$TMPD/n300.txt" "$TMPD/edit.txt"
start 80 24 "EDITOR='$TMPD/editor' $FANYE_BIN --no-sidebar --no-resume '$TMPD/edit.txt'"
wait_for '^1$'
keys 2 0 g
wait_for '^20$'
keys v
wait_for '^20$'
[ "$(cat "$TMPD/editor.args")" = "+20" ] || fail "v: the editor was not given +20: $(cat "$TMPD/editor.args")"
keys G
wait_for '^added by the editor$'
printf 'appended by R\n' >> "$TMPD/edit.txt"
keys R
keys G
wait_for '^appended by R$'
# G alone sees a file that grew since (less does; no F needed)
keys g
wait_for '^1$'
printf 'grown while read\n' >> "$TMPD/edit.txt"
keys G
wait_for '^grown while read$'
keys g '&' 7 7 Enter
wait_for '^77$'
[ "$(text_rows 3 | tr '\n' ' ')" = "77 177 277 " ] || fail "&77: $(text_rows 3)"
keys C-l # the message goes with the next key; the status line stays
wait_for '\[&77\]' || fail "& is not on the status line: $(status)"
keys '&' C-u Enter
wait_for '^78$' # all again, from where the reader was
[ "$(text_rows 3 | tr '\n' ' ')" = "77 78 79 " ] || fail "& cleared: $(text_rows 3)"
quit
stop

# --- !, | and s; refused in secure mode ------------------------------------------
start 80 24 "$FANYE_BIN --no-sidebar --no-resume '$TMPD/n300.txt'"
wait_for '^1$'
keys '!'
wait_for '^!'
keys "echo shell-ran > '$TMPD/bang'" Enter
wait_for 'press Enter'
keys Enter
wait_for '^1$'
[ "$(cat "$TMPD/bang")" = shell-ran ] || fail "! did not run the command"
keys '|' .
wait_for '^\|'
keys "wc -l > '$TMPD/piped'" Enter
wait_for 'press Enter'
keys Enter
wait_for '^1$'
[ "$(tr -d ' ' < "$TMPD/piped")" = 23 ] || fail "| . did not pipe the screen's 23 lines: $(cat "$TMPD/piped")"
keys s
wait_for '^Save to file:'
keys "$TMPD/saved.txt" Enter
wait_for 'bytes written'
cmp -s "$TMPD/saved.txt" "$TMPD/n300.txt" || fail "s did not save the input"
quit
stop
start 80 24 "LESSSECURE=1 $FANYE_BIN --no-sidebar --no-resume '$TMPD/n300.txt'"
wait_for '^1$'
keys '!'
wait_for 'not in secure mode'
keys s
wait_for 'saving: not in secure mode'
keys v
wait_for 'editing: not in secure mode'
quit
stop

# --- pipes leave no trace ------------------------------------------------------------
state=$TMPD/pipestate # a store of its own: the files above left theirs
for i in 1 2; do
	start 80 24 "seq 1 300 | XDG_STATE_HOME='$state' $FANYE_BIN --no-sidebar"
	wait_for '^1$'
	keys 1 0 0 g
	wait_for '^100$'
	quit
	stop
done
[ -z "$(find "$state" -type f 2>/dev/null)" ] || fail "piped input left state: $(find "$state" -type f)"
# ... and the second time it started at the top (checked by wait_for '^1$').
# A mark made on piped input keeps its store, and the place.
start 80 24 "seq 1 300 | XDG_STATE_HOME='$state' $FANYE_BIN --no-sidebar"
wait_for '^1$'
keys 4 0 g m a
wait_for 'mark a set'
quit
stop
[ -n "$(find "$state" -name '*.ini' 2>/dev/null)" ] || fail "a mark on piped input was not kept"
start 80 24 "seq 1 300 | XDG_STATE_HOME='$state' $FANYE_BIN --no-sidebar"
wait_for '^40$'
quit
stop
# --no-resume and --no-history together write nothing at all.
rm -rf "$state"
start 80 24 "XDG_STATE_HOME='$state' $FANYE_BIN --no-sidebar --no-resume --no-history '$TMPD/n300.txt'"
wait_for '^1$'
keys / 1 5 Enter 5 0 g
wait_for '^50$'
quit
stop
[ -z "$(find "$state" -type f 2>/dev/null)" ] || fail "--no-resume --no-history wrote: $(find "$state" -type f)"

# --- git and man with fanye as their pager ---------------------------------------------
repo="$TMPD/repo"
mkdir "$repo"
git -C "$repo" init -q
git -C "$repo" -c user.name=T -c user.email=t@example.org commit -q --allow-empty -m 'README: the first commit'
start 80 24 "cd '$repo' && PAGER='$FANYE_BIN' git log; echo rc=\$?; sleep 30"
# git's LESS=FRX: one commit fits, it is printed and the shell is back
wait_for '^rc=0'
screen | grep -q 'README: the first commit' || fail "git log through fanye printed nothing"
stop
for i in $(seq 1 40); do
	git -C "$repo" -c user.name=T -c user.email=t@example.org commit -q --allow-empty -m "README: commit $i"
done
start 80 24 "cd '$repo' && PAGER='$FANYE_BIN' git -c color.ui=always log; echo rc=\$?; sleep 30"
wait_for 'README: commit 40'
screen | grep -qF '^[' && fail "git's colours shown as text"
screen -e | grep -E $'\e\\[[0-9;]*33mcommit' >/dev/null || fail "git's commit lines are not yellow"
# no sidebar of invented speakers ("README: ...")
screen | grep -q 'Speakers' && fail "a sidebar of speakers for git log"
keys q
wait_for '^rc=0'
stop
start 80 24 "MANPAGER='$FANYE_BIN' MANWIDTH=80 man -l '$BUILDDIR/fanye.1'; echo rc=\$?; sleep 30"
wait_for '^NAME'
screen | grep -q 'binary' && fail "man: the binary question"
keys q
wait_for '^rc=0'
stop
echo PASS

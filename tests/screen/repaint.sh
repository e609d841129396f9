#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Incremental updates (scrolled text rows, the sidebar and the status line
# drawn only when they change) leave exactly the screen a full repaint
# draws: after each step the screen, every row and every cell's character
# and colours (tests/screen/cells.py), is compared with the one Ctrl-L
# repaints from blank.  Scrolls by one row and by many,
# both ways, paging, jumps, search highlights, the sidebar, several TERMs.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f="$TMPD/doc.txt"
cp "$(interview_copy)" "$f"

# quiet: until the screen stops changing (idle work may still redraw).
quiet() {
	local a b i=0
	a=$(screen -e)
	while [ "$i" -lt 100 ]; do
		sleep 0.05
		b=$(screen -e)
		[ "$a" = "$b" ] && return 0
		a=$b
		i=$((i + 1))
	done
	fail "the screen never settled"
}
# same LABEL: every row now equals what Ctrl-L repaints.  A count typed
# after Ctrl-L shows ":1" once the repaint is done (the text rows are read
# then); Escape clears it, and the status line, drawn afresh, is read once
# the ":1" is gone.
same() {
	quiet
	local before after rows
	rows=$(($(T display -p -t 0 '#{pane_height}') - 1))
	# A one-shot message on the status line goes with the next key: then
	# only the text rows can be compared.
	local whole=1
	status | grep -qE ' line [0-9?]+ ' || whole=0
	# So does the first start's "h help · q quit".
	status | grep -q 'h help' && whole=0
	if [ "$whole" = 1 ]; then
		before=$(screen -e | python3 "$SRCDIR/tests/screen/cells.py")
	else
		before=$(screen -e | python3 "$SRCDIR/tests/screen/cells.py" | head -n "$rows")
	fi
	keys C-l 1
	wait_for '^:1'
	screen -e | python3 "$SRCDIR/tests/screen/cells.py" | head -n "$rows" > "$TMPD/rows"
	keys Escape
	local i=0
	while status | grep -q '^:1' && [ "$i" -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	status | grep -q '^:1' && fail "the count stayed on the status line"
	# Rows and status in one substitution: a blank last row stays a row.
	if [ "$whole" = 1 ]; then
		after=$(cat "$TMPD/rows"; screen -e | python3 "$SRCDIR/tests/screen/cells.py" | sed -n "$((rows + 1))p")
	else
		after=$(cat "$TMPD/rows")
	fi
	if [ "$before" != "$after" ]; then
		printf '%s\n' "$before" > "$TMPD/before"
		printf '%s\n' "$after" > "$TMPD/after"
		diff "$TMPD/before" "$TMPD/after" | cat -v | head -20
		fail "after $1 the screen differs from a repaint"
	fi
}
run() {
	local label=$1
	shift
	for k in "$@"; do
		keys "$k"
	done
	same "$label"
}

for term in xterm-256color screen tmux-256color vt100; do
	for opt in --no-sidebar --; do
		start 100 30 "TERM=$term $FANYE_BIN --no-resume $opt '$f'"
		wait_for 'line 1 '
		same "$term $opt start"
		run "$term $opt j" j
		run "$term $opt jjj" j j j
		run "$term $opt k" k
		run "$term $opt 5j" 5 j
		run "$term $opt 3k" 3 k
		run "$term $opt d u" d u
		run "$term $opt space" Space
		run "$term $opt b" b
		run "$term $opt G k k" G k k
		run "$term $opt g j" g j
		run "$term $opt search" / I l y a Enter
		run "$term $opt n n N" n n N
		run "$term $opt j k with highlights" j j k
		run "$term $opt ] }" ']' '}'
		run "$term $opt { k" '{' k
		# to other views and back, and the text view draws from blank again
		run "$term $opt help and back" h q j
		run "$term $opt bookmarks" B
		run "$term $opt and back" Escape
		run "$term $opt k" k
		keys / a b
		wait_for '^/ab'
		run "$term $opt search prompt closed" Escape
		run "$term $opt j" j
		stop
	done
done
# A heading on every sidebar row: the scroll beside the sidebar is sent in
# two updates (the rows across the whole width, then the sidebar put back).
dense="$TMPD/dense.txt"
for i in $(seq 1 200); do
	printf '## 第%s节 标题\n\n第%s节的正文，一行短的文字。\nA short line of section %s.\n\n' "$i" "$i" "$i"
done > "$dense"
for term in xterm-256color screen; do
	start 100 30 "TERM=$term $FANYE_BIN --no-resume '$dense'"
	wait_for 'line 1 '
	same "dense $term start"
	run "dense $term j" j
	run "dense $term jjj" j j j
	run "dense $term k" k
	run "dense $term 5j" 5 j
	run "dense $term 3k" 3 k
	run "dense $term d u" d u
	run "dense $term ]" ']'
	run "dense $term search" / 1 2 Enter
	run "dense $term j k with highlights" j j k
	stop
done
# A resize after scrolling, a file that grows while followed.
start 100 30 "$FANYE_BIN --no-resume --no-sidebar '$f'"
wait_for 'line 1 '
run "resize" j j j
resize 90 26
same "after a resize to 90x26"
run "j after the resize" j k j
cp "$f" "$TMPD/grow.txt"
stop
start 100 30 "$FANYE_BIN --no-resume --no-sidebar '$TMPD/grow.txt'"
wait_for 'line 1 '
keys F
wait_for 'following'
printf 'appended line %s\n' 1 2 3 >> "$TMPD/grow.txt"
wait_for 'appended line 3'
keys q
run "following stopped" k k
echo PASS

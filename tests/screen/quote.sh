#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A speaker's turns alone, and quoting a passage (issue 17).  &@Name (any
# case, or the start of a name) shows one speaker's turns with the section
# headings; @ shows the current speaker's, again all; N@ the legend's Nth;
# a click on a name in the legend does the same.  y copies the paragraph or
# turn at the top as plain text through OSC 52: tmux with set-clipboard on
# keeps it in a buffer, which show-buffer prints.  Every row is compared.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
cat > "$TMPD/talk.txt" <<'DOC'
It was the best of times, it was the worst of times, it was
the age of wisdom, it was the age of foolishness, it was the
epoch of belief.

# Part one

Alice: Hello there, Bob.
Bob: Hi Alice, how was the trip?
Alice: Long, but the sea was calm.
Carol: I heard the ferry was late.
Bob: It always is in winter.

# Part two

Alice: We should plan the next one.
Carol: Count me in this time.
Bob: Then spring it is.
Alice: Spring it is, and this line is long enough to wrap on a narrow screen.
DOC

# expect LABEL: the screen (trailing blanks cut) is stdin.
expect() { screen_is "$1" "$(cat)"; }
# clip TEXT: until tmux's newest buffer holds TEXT.
clip() {
	local i=0
	while [ "$i" -lt 200 ]; do
		[ "$(T show-buffer 2>/dev/null)" = "$1" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "--- buffer:"; T show-buffer 2>&1 || true
	fail "the clipboard does not hold: $1"
}

start 70 14 "cd '$TMPD' && $FANYE_BIN --mouse talk.txt"
T set-option -s set-clipboard on
wait_for ' line 1 '
keys '&' '@bo' Enter
expect "&@bo: Bob's turns and the headings" <<'END'
 Part one       │# Part one
 Part two       │Bob: Hi Alice, how was the trip?
                │Bob: It always is in winter.
                │# Part two
                │Bob: Then spring it is.
                │~
                │~
                │~
                │~
 Speakers       │~
   Alice 4      │~
   Bob 3        │~
   Carol 2      │~
only Bob's turns, with the headings (@ again: all)
END
# y on a heading: the heading, as the text shows it.
keys y
wait_for "copied 10 characters"
clip "# Part one"
# @ again: every paragraph.
keys @
wait_for 'every paragraph again'
screen | grep -qF 'Alice: Hello there' || fail "@ did not show all again"
# 3@: the legend's third speaker.
keys g 3 @
expect "3@: Carol's turns" <<'END'
 Part one       │# Part one
 Part two       │Carol: I heard the ferry was late.
                │# Part two
                │Carol: Count me in this time.
                │~
                │~
                │~
                │~
                │~
 Speakers       │~
   Alice 4      │~
   Bob 3        │~
   Carol 2      │~
only Carol's turns, with the headings (@ again: all)
END
keys j
wait_for '^ talk.txt \[&@Carol\] \| Part one +line 5  28%$'
# A click on Alice in the legend: hers instead.
printf '\033[<0;5;11M\033[<0;5;11m' > "$TMPD/click"
T load-buffer -b click "$TMPD/click"
T paste-buffer -b click -d -t "$PANE"
wait_for "only Alice's turns"
screen | grep -qF 'Carol: Count' && fail "a click on Alice left Carol's turns"
screen | grep -qF 'Alice: We should plan' || fail "a click on Alice did not show her turns"
# No such speaker, and two that match.
keys '&' C-u '@dave' Enter
wait_for '^&@dave: no such speaker \(3 known\)'
# The prompt starts with what is shown: Enter keeps it.
keys '&' Enter
wait_for '^only Alice'
keys '&' C-u Enter
wait_for '^ talk.txt \| '
screen | grep -qF 'Carol: I heard' || fail "& and Enter did not show all again"
# y on a turn: its speaker's name, then its text.
keys 7 g y
wait_for "copied 24 characters \(Alice's turn\)"
clip "Alice: Hello there, Bob."
# y on a hard-wrapped paragraph: one line, no row breaks; 2y takes two.
# (& brings its middle line to the top: the whole paragraph is copied.)
keys '&' C-u wisdom Enter
wait_for '^only what holds wisdom'
text_rows 1 | grep -qF 'the age of wisdom' || fail "&wisdom: not at the top"
keys y
wait_for 'copied 137 characters'
clip "It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness, it was the epoch of belief."
keys '&' C-u Enter
wait_for '^ talk.txt +line 2 '
keys g 2 y
wait_for 'copied 148 characters'
clip "It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness, it was the epoch of belief.
# Part one"
# From the bookmark list: the passage with its label and line.
keys 7 g M C-u 'hello' Enter Enter
wait_for 'bookmarked: hello'
keys B
wait_for '7 hello'
keys y
wait_for 'copied 49 characters'
clip "hello (talk.txt, line 7)
Alice: Hello there, Bob."
keys q
wait_gone 'Enter jumps'
quit

# [display] clipboard = off: y says so and copies nothing.
stop
mkdir -p "$TMPD/config/fanye"
printf '[display]\nclipboard = off\n' > "$TMPD/config/fanye/config.ini"
start 70 14 "cd '$TMPD' && $FANYE_BIN talk.txt"
T set-option -s set-clipboard on
wait_for ' line '
keys y
wait_for 'copying is off \(\[display\] clipboard = off\)'
T show-buffer >/dev/null 2>&1 && fail "clipboard = off still copied"
quit
echo "PASS"

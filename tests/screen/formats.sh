#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Documents as they are written: a Markdown transcript shows no markup, its
# speakers' labels coloured; v shows the source at the same passage and
# back; a search matches across hidden markup; an Aozora Bunko text finds
# a word split by its ruby; git's coloured log shows its colours (capture
# -e) and no escape as text; man's overstrike through MANPAGER shows bold,
# without the binary question.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
md="$TMPD/transcript.md"
cp "$SRCDIR/tests/docs/transcript.md" "$md"

# --- Markdown ------------------------------------------------------------
start 80 24 "$FANYE_BIN --no-sidebar --no-resume '$md'"
wait_for '^Mei Lin: You can tell a good reader'
# The status line, drawn last: the screen is whole.
wait_status '\[markdown\]'
screen | grep -qE '\*\*(Mei|Tom)|:\*\*' && fail "markup ** on the screen"
screen | grep -qF '\[' && fail "an escape \\[ on the screen"
screen | grep -q '^# ' && fail "a heading's # on the screen"
# The label is in its speaker's colour (and bold from the **).
wait_e $'\e\\[[0-9;]*m[^\e]*Mei Lin:' "Mei Lin's label is not styled"
# \\: the source, the passage at the top kept; \\ again: back.
keys 6 j
top="Mei Lin: You can tell a good reader by where it breaks a line. [laughs]"
wait_top "$top"
keys '\'
wait_for '^the source \(Backslash: as markdown\)'
wait_top '**Mei Lin:** You can tell a good reader by where it breaks a line. \[laughs\]'
keys '\'
wait_for '^as markdown \(Backslash: the source\)'
wait_top "$top"
# A search across the ** that end inside the label.
keys g / M e i Space L i n : Space H e r e Enter
wait_top "Mei Lin: Here is how I open one, for the record:"
quit
stop

# --- Aozora Bunko ----------------------------------------------------------
az="$TMPD/aozora.txt"
cp "$SRCDIR/tests/docs/aozora.txt" "$az"
start 60 20 "$FANYE_BIN --no-sidebar --no-resume '$az'"
wait_for '一、霧の朝'
# Past the notes on symbols (which show the notation itself): none.
keys / そ の 朝 Enter
wait_for '^　その朝、岬\(みさき\)'
if screen | grep -qE '［＃|《|》|｜'; then fail "Aozora markup on the screen"; fi
keys g / 硝 子 を Enter
wait_for '硝子\(ガラス\)を'
keys / ガ ラ ス Enter
wait_for 'ガラス'
quit
stop
# Readings above their bases ([display] ruby = above): the row of
# readings right over the row with 硝子, ガラス over 硝子.
mkdir -p "$XDG_CONFIG_HOME/fanye"
printf '[display]\nruby = above\n' > "$TMPD/above.ini"
start 60 20 "$FANYE_BIN --config '$TMPD/above.ini' --no-sidebar --no-resume '$az'"
wait_for '一、霧の朝'
keys / 硝 子 を Enter
wait_for '硝子を'
above=$(screen | grep -B1 '硝子を' | head -1)
row=$(screen | grep '硝子を')
[ -n "$above" ] && [ "${above%%ガラス*}" != "$above" ] || fail "no ガラス over 硝子: '$above'"
# ガラス starts within a column of where 硝子 does (both are 2 columns a character)
pre_r=${row%%硝子*}
pre_a=${above%%ガラス*}
wa=$(printf '%s' "$pre_a" | wc -L)
wr=$(printf '%s' "$pre_r" | wc -L)
[ $((wa - wr)) -ge -1 ] && [ $((wa - wr)) -le 1 ] || fail "ガラス at column $wa, 硝子 at $wr"
keys k k j j j
wait_for 'line '
quit
stop

# --- git log -p --color=always through a pipe -------------------------------
start 80 24 "cat '$SRCDIR/tests/docs/gitlog.ansi' | $FANYE_BIN --no-sidebar --no-resume"
wait_for '^commit ead87b2'
screen | grep -qF '^[[' && fail "an SGR sequence shown as text"
# commit in yellow (33), the removed line in red (31), the added in green (32)
wait_e $'\e\\[[0-9;]*33m(commit|\e\\[[0-9;]*m)*commit ead87b2' "the commit line is not yellow"
wait_e $'\e\\[[0-9;]*31m-line two' "the removed line is not red"
wait_e $'\e\\[[0-9;]*32m' "no green on the screen"
wait_status '\[ansi\]'
quit
stop

# An SGR sequence cut by the read: inert while it is cut, a colour once
# the rest arrives (the stream's rows are made again as it grows).
fifo="$TMPD/fifo"
mkfifo "$fifo"
start 80 24 "$FANYE_BIN --no-sidebar --no-resume --format=ansi < '$fifo'"
exec 7>"$fifo"
printf 'first \033[3' >&7
wait_for '^first \^\[\[3'
printf '1mRED-PART\033[0m line\n' >&7
wait_for '^first RED-PART line'
wait_e $'\e\\[[0-9;]*31mRED-PART' "the joined SGR is not red"
exec 7>&-
quit
stop

# --- man through MANPAGER ------------------------------------------------------
page="$TMPD/fanye.1"
cp "$BUILDDIR/fanye.1" "$page"
start 80 24 "MANPAGER='$FANYE_BIN --no-sidebar --no-resume' MANWIDTH=80 man -l '$page'"
wait_for '^NAME'
screen | grep -q 'binary' && fail "the binary question for man's output"
screen | grep -qF '^H' && fail "overstrike shown as ^H"
wait_e $'^\e\\[[0-9;]*1m(\e\\[[0-9;]*m)*NAME' "NAME is not bold"
quit
stop
echo PASS

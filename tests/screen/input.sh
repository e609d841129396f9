#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Input as people have it: a pipe into fanye, a GB18030 novel with CRLF
# lines (chapters in the sidebar, GB18030 in the status line), the binary
# question, and follow mode on a file that grows.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
# stdin: the first screen shows while the pipe is still open.
start 100 30 "(printf 'first line from a pipe\\nsecond\\n'; sleep 30) | $FANYE_BIN --no-sidebar"
wait_for 'first line from a pipe'
wait_for '\(stdin\)'
keys q
stop
# A GB18030 novel with CRLF lines.
novel="$TMPD/novel.txt"
{
	for i in 一 二 三; do
		printf '第%s章 风起云涌\r\n\r\n' "$i"
		for j in 1 2 3 4 5 6; do printf '　　他走进了城里，看见许多人在街上说话。天色渐渐暗了下来。\r\n'; done
		printf '\r\n'
	done
} | iconv -f UTF-8 -t GB18030 > "$novel"
start 100 30 "$FANYE_BIN '$novel'"
wait_for 'GB18030'
wait_for '第一章 风起云涌'
screen | grep -q '│.*他走进了城里' || fail "novel text is not shown"
for c in 第一章 第二章 第三章; do screen | grep -q " $c 风起云涌" || fail "sidebar lacks $c"; done
quit
stop
# The binary question: n leaves, y shows it.
printf 'ELF\0\0\0binary\0data\n' > "$TMPD/bin.dat"
start 80 24 "$FANYE_BIN '$TMPD/bin.dat'; echo rc=\$?; sleep 30"
wait_for 'may be a binary file'
keys n
wait_for 'rc=0'
stop
start 80 24 "$FANYE_BIN '$TMPD/bin.dat'"
wait_for 'may be a binary file'
keys y
wait_for 'ELF\^@\^@\^@binary'
quit
stop
start 80 24 "$FANYE_BIN --force '$TMPD/bin.dat'"
wait_for 'ELF\^@'
quit
stop
# Follow mode: appended lines appear; any key stops following.
log="$TMPD/live.txt"
printf 'line one\n' > "$log"
start 80 24 "$FANYE_BIN --no-sidebar '$log'"
wait_for 'line one'
keys F
wait_for 'following'
printf 'line two appended\n' >> "$log"
wait_for 'line two appended'
for i in $(seq 40); do printf 'more %d\n' "$i" >> "$log"; done
wait_for 'more 40'
keys j
wait_gone 'following'
printf 'after stopping\n' >> "$log"
# A search runs in idle slices, and a fanye still following reads the
# file on every idle turn: it would find the line.  "not found" is the
# answer of one that stopped.
keys / a f t e r Space s t o p p i n g
wait_for 'not found' || fail "still following after a key"
keys Escape
wait_gone '^/after'
wait_for 'line '
screen | grep -q 'after stopping' && fail "still following after a key"
quit
stop
# --follow-name: a log rotated by rename is followed to the new file.
printf 'old log line\n' > "$log"
start 80 24 "$FANYE_BIN --no-sidebar --no-resume --follow-name '$log'"
wait_for 'old log line'
keys F
wait_for 'following'
printf 'rotated: new file\n' > "$log.new"
mv "$log.new" "$log"
wait_for 'rotated: new file'
keys q
echo PASS

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Files as they come: missing, a directory, empty, a FIFO, /dev/zero (memory
# stays bounded), every byte value, a file truncated while open, a very long
# single line.  Each gets a clear message or a correct display, never a
# crash or a hang.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
out=$("$FANYE_BIN" --render=40 "$TMPD/missing" 2>&1) && fail "missing file accepted"
echo "$out" | grep -q "$TMPD/missing: No such file" || fail "missing: $out"
out=$("$FANYE_BIN" --render=40 "$TMPD" 2>&1) && fail "directory accepted"
echo "$out" | grep -q 'is a directory' || fail "directory: $out"
: > "$TMPD/empty"
[ -z "$("$FANYE_BIN" --render=40 "$TMPD/empty")" ] || fail "empty file rows"
start 80 24 "$FANYE_BIN '$TMPD/empty'"
wait_for '^~'
keys G j k q
stop
# Every byte value: printable rows only.
/usr/bin/python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)) * 4)' > "$TMPD/bytes"
"$FANYE_BIN" --render=40 "$TMPD/bytes" > "$TMPD/bytes.out"
LC_ALL=C grep -qP '[\x00-\x09\x0b-\x1f\x7f]' "$TMPD/bytes.out" && fail "a control byte in the rows"
start 80 24 "$FANYE_BIN --force '$TMPD/bytes'"
wait_for '\^@\^A\^B'
keys G q
stop
# A FIFO.
mkfifo "$TMPD/fifo"
start 80 24 "$FANYE_BIN --no-sidebar '$TMPD/fifo'"
printf 'through a fifo\n' > "$TMPD/fifo"
wait_for 'through a fifo'
quit
stop
# /dev/zero: shown after the binary question, read only so far ahead.
start 80 24 "$FANYE_BIN --force --no-sidebar /dev/zero"
wait_for '\^@\^@\^@'
pid=$(pgrep -f -- "^$FANYE_BIN --force --no-sidebar /dev/zero" | head -1)
# settled_rss: the resident size once it has held for a second (reading
# stops so far ahead of the reader), in kB; fails if it never settles.
settled_rss() {
	local last=-1 now same=0 i=0
	while [ "$i" -lt 300 ]; do
		now=$(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
		if [ "$now" = "$last" ]; then
			same=$((same + 1))
			[ "$same" -ge 10 ] && { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; return 0; }
		else
			same=0
			last=$now
		fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "reading /dev/zero never settled (${now} MB)"
}
rss=$(settled_rss)
[ "$rss" -lt 400000 ] || fail "reading /dev/zero used ${rss} kB"
keys G
rss=$(settled_rss)
[ "$rss" -lt 400000 ] || fail "G on /dev/zero used ${rss} kB"
quit
stop
# Truncated while open: no crash; what is left is shown.
/usr/bin/python3 -c '
import sys
for i in range(40000): print("line %d of a file that will shrink while it is open" % i)' > "$TMPD/shrink"
start 80 24 "$FANYE_BIN --no-sidebar '$TMPD/shrink'"
wait_for 'line 0 of'
keys G
wait_for 'line 39999 of'
truncate -s 2000 "$TMPD/shrink"
keys k k g G 1
wait_for '^:1' # alive, and every key before the count handled
keys g
wait_for 'line 0 of'
quit
stop
# A single line of 64 MiB: opens, G and search answer.
head -c $((64 << 20)) /dev/zero | tr '\0' 'x' > "$TMPD/oneline"
printf 'NEEDLE-AT-END\n' >> "$TMPD/oneline"
start 80 24 "$FANYE_BIN --no-sidebar '$TMPD/oneline'"
wait_for 'xxxxxxxx'
keys G
wait_for 'NEEDLE-AT-END'
keys g / N E E D L E Enter
wait_for 'NEEDLE-AT-END'
keys q
echo PASS

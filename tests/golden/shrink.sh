#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A file truncated by another process while a non-interactive mode reads
# it: --render, --outline and --bookmarks exit 1 with a one-line message,
# never "Bus error" (status 135).
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make_big() { # make_big FILE MIB: lines of text, MIB mebibytes
	python3 - "$1" "$2" <<'PY'
import sys
line = ("Speaker: a line of text to lay out and scan, 第一章 之后的文字。\n").encode()
block = line * (65536 // len(line) + 1)
with open(sys.argv[1], "wb") as f:
    for _ in range(int(sys.argv[2]) * 16):
        f.write(block[:65536])
PY
}
# --render: its rows go to a pipe that is read only after the truncation,
# so fanye is part-way through the file when it shrinks.
f="$tmp/render.txt"
make_big "$f" 64
set +e
"$FANYE_BIN" --render=80 "$f" 2>"$tmp/err" | { head -c 4096 >/dev/null; truncate -s 0 "$f"; cat >/dev/null; }
rc=${PIPESTATUS[0]}
set -e
[ "$rc" = 1 ] || { echo "FAIL: --render exit status $rc after the truncation"; cat "$tmp/err"; exit 1; }
[ "$(wc -l < "$tmp/err")" = 1 ] && grep -q 'shrank while it was read' "$tmp/err" ||
	{ echo "FAIL: --render message:"; cat "$tmp/err"; exit 1; }
# --outline and --bookmarks: truncated once they have read a few MiB of it
# (the outline reads the file's mapping, whose resident pages, in
# /proc/PID/smaps, grow as it goes).
for m in --outline --bookmarks; do
	f="$tmp/outline.txt"
	make_big "$f" 256
	"$FANYE_BIN" "$m" "$f" >/dev/null 2>"$tmp/err" &
	pid=$!
	i=0
	while [ "$i" -lt 2000 ]; do
		r=$(awk -v f="$f" '$NF == f {m = 1; next} m && /^Rss:/ {print $2; exit}' "/proc/$pid/smaps" 2>/dev/null || echo 0)
		[ "${r:-0}" -gt $((4 << 10)) ] && break # kB
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.005
		i=$((i + 1))
	done
	kill -0 "$pid" 2>/dev/null || { echo "FAIL: $m ended before the file could be truncated"; exit 1; }
	truncate -s 0 "$f"
	set +e
	wait "$pid"
	rc=$?
	set -e
	[ "$rc" = 1 ] || { echo "FAIL: $m exit status $rc after the truncation"; cat "$tmp/err"; exit 1; }
	grep -q 'shrank while it was read' "$tmp/err" || { echo "FAIL: $m message:"; cat "$tmp/err"; exit 1; }
done
echo PASS

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One grapheme cluster of 512 and of 5,000 combining marks (a 1 KiB and a
# 10 KiB document cell) drawn by the pager: under ASan a write past the
# drawing buffer stops fanye with status 99.  The rows around the cluster
# must show as they are, the status line included, after scrolling over it.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f="$TMPD/marks.txt"
python3 - "$f" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as o:
    o.write("before\n")
    o.write("a" + "\u0301" * 512 + "\n")
    o.write("middle\n")
    o.write("b" + "\u0301" * 5000 + "x\n")
    o.write("after\n")
PY
start 40 8 "$FANYE_BIN --no-sidebar --no-resume '$f'; echo rc=\$?; sleep 30"
wait_for 'line 1 '
rows=$(screen | sed 's/ *$//')
want_text=$'before\n\nmiddle\n\nafter\n~\n~'
got_text=$(printf '%s\n' "$rows" | head -7 | sed 's/^[a-z]\xcc\x81*x\?$//')
# Rows 2 and 4 hold the clusters: a letter with its marks (tmux keeps a few).
printf '%s\n' "$rows" | sed -n 2p | grep -q '^a' || fail "row 2 does not start with the a cluster"
printf '%s\n' "$rows" | sed -n 4p | grep -q '^b.*x$' || fail "row 4 is not the b cluster and x"
[ "$got_text" = "$want_text" ] || fail "rows are not before/cluster/middle/cluster/after"
printf '%s\n' "$rows" | tail -1 | grep -q 'line 1 ' || fail "status line"
# Scroll over the clusters in a smaller window: each move draws them again.
resize 40 4
# The redraw at the new size, before any key: tmux may pass on a key before
# the resize, and a j read while the whole document fits moves nothing.  The
# status is a percentage now, no longer (END), and it is on row 4.
i=0
until screen | sed -n 4p | grep -qE '^ .*line 1 +[0-9]+%$'; do
	i=$((i + 1))
	[ "$i" -lt 300 ] || fail "no redraw at 40x4"
	sleep 0.05
done
n=1
for k in j j k k G g; do
	keys "$k"
	case $k in j) n=$((n + 1)) ;; k) n=$((n - 1)) ;; G) n=3 ;; g) n=1 ;; esac
	wait_for "line $n "
done
keys q
wait_for '^rc=0$'
echo PASS

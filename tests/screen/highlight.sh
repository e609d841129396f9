#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every match on the screen is highlighted, however many there are: at
# 200x60, /的 over rows of "的x" (3,540 matches on the screen) highlights
# each 的 and no x, on every row, after the search and after scrolling.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f="$TMPD/de.txt"
python3 -c 'import sys
for i in range(200): print("的x" * 60)' > "$f"
start 200 60 "$FANYE_BIN --no-sidebar --no-resume '$f'"
wait_for 'line 1 '
# check: every 的 cell highlighted (reverse or a background), no x cell.
check() {
	screen -e | head -n 59 | python3 -c '
import re, sys
sgr = re.compile(r"\x1b\[([0-9;:]*)m")
bad, seen = [], 0
for y, line in enumerate(sys.stdin.read().split("\n")[:59]):
    hl = rev = bg = False
    i = 0
    while i < len(line):
        m = sgr.match(line, i)
        if m:
            ps = [int(x or 0) for x in (m.group(1) or "0").replace(":", ";").split(";")]
            j = 0
            while j < len(ps):
                p = ps[j]
                if p == 0: rev = bg = False
                elif p == 7: rev = True
                elif p == 27: rev = False
                elif p == 49: bg = False
                elif 40 <= p <= 47 or 100 <= p <= 107: bg = True
                elif p in (38, 48):
                    if p == 48: bg = True
                    j += 2 if j + 1 < len(ps) and ps[j + 1] == 5 else 4
                j += 1
            hl = rev or bg
            i = m.end()
            continue
        c = line[i]
        if c == "的":
            seen += 1
            if not hl: bad.append("row %d: a 的 not highlighted" % (y + 1))
        elif c == "x" and hl:
            bad.append("row %d: an x highlighted" % (y + 1))
        i += 1
if seen < 59 * 60: bad.append("only %d 的 on the screen" % seen)
print("\n".join(bad[:5]) if bad else "ok")
'
}
keys / 的
wait_for '\[1/12000\]' # every match counted
keys Enter
wait_for 'de\.txt .*/的 \[1/12000\]  line 1 ' # the prompt closed: the status line, with the search
r=$(check)
[ "$r" = ok ] || fail "after /的: $r"
keys 30 j
wait_for 'line 31 '
r=$(check)
[ "$r" = ok ] || fail "after 30j: $r"
keys j
wait_for 'line 32 '
r=$(check)
[ "$r" = ok ] || fail "after j: $r"
echo PASS

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# --render at every width from 10 to 120 on the sample and on the interview,
# and from 1 (2 for wide text) to 120 on lines across each multiple of 64
# KiB and on spaces with combining marks: no row too wide, no kinsoku
# violation, no cluster cut, no short line broken, the text preserved
# (render_props).
set -u
files=("$SRCDIR/assets/sample.txt" "$SRCDIR/tests/docs/interview.txt")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# lines of 100 characters across 64, 128 and 192 KiB, Latin and CJK
for kind in latin cjk; do
	python3 - "$kind" > "$tmp/seam-$kind.txt" <<'PY'
import sys
cjk = sys.argv[1] == "cjk"
t = bytearray()
for k in (1, 2, 3):
    seam = k * 65536
    while len(t) + 81 < seam - 30:
        t += b"x" * 79 + b"\n"
    t += b"\n" * (seam - 30 - len(t))
    t += ("中文字" * 13 if cjk else "Internationalization " * 4 + "cafe\u0301 done").encode() + b"\n"
sys.stdout.buffer.write(bytes(t))
PY
done
printf 'aaaa \xcc\x81bbb eeee \xe2\x83\x9d ffff cafe\xcc\x81 na\xc3\xafve e\xcc\x81\xcc\x82 x\n' > "$tmp/marks.txt"
fail=0
check() { # FILE FROM: every width from FROM to 120
	for w in $(seq "$2" 120); do
		if ! "$FANYE_BIN" --render="$w" "$1" | "$RENDER_PROPS" "$w" "$1"; then
			echo "FAIL: $1 at width $w"
			fail=1
		fi
	done
}
for f in "${files[@]}"; do check "$f" 10; done
check "$tmp/seam-latin.txt" 1
check "$tmp/seam-cjk.txt" 2
check "$tmp/marks.txt" 1
exit $fail

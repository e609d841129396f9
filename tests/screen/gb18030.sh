#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A GB18030 terminal (issue 22): in a zh_CN.GB18030 locale (made here with
# localedef) fanye writes GB18030, not UTF-8.  The bytes it writes to a pty
# are decoded as GB18030 into a terminal emulator (pyte), and every text
# row must be the row --render gives (in UTF-8) at that width; --render
# itself writes GB18030 there.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
iv="$SRCDIR/tests/docs/interview.txt"
command -v localedef >/dev/null || fail "localedef is missing (Debian: locales)"
mkdir -p "$TMPD/loc"
localedef -i zh_CN -f GB18030 "$TMPD/loc/zh_CN.GB18030" 2>/dev/null || true
[ -d "$TMPD/loc/zh_CN.GB18030" ] || fail "localedef made no zh_CN.GB18030"
cp "$iv" "$TMPD/iv.txt"
"$FANYE_BIN" --render=60 "$TMPD/iv.txt" | head -9 > "$TMPD/want"
LOCPATH="$TMPD/loc" /usr/bin/python3 - "$FANYE_BIN" "$TMPD/iv.txt" "$TMPD/want" <<'PY'
import os, pty, sys, time, select, fcntl, termios, struct
import pyte
fanye, doc, want = sys.argv[1], sys.argv[2], open(sys.argv[3], encoding="utf-8").read().split("\n")[:9]
env = dict(os.environ, TERM="xterm-256color", LC_ALL="zh_CN.GB18030", LANG="zh_CN.GB18030")
pid, fd = pty.fork()
if pid == 0:
    os.execvpe(fanye, [fanye, "--no-sidebar", "--no-resume", doc], env)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 10, 60, 0, 0))
out = b""
screen = pyte.Screen(60, 10)
stream = pyte.Stream(screen)
deadline = time.time() + 30
rows = []
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.1)
    if r:
        try:
            out += os.read(fd, 65536)
        except OSError:
            break
        screen.reset()
        stream.feed(out.decode("gb18030", errors="replace"))
        rows = [l.rstrip() for l in screen.display]
        if rows[:9] == want and "line 1" in rows[9]:
            break
os.write(fd, b"q")
time.sleep(0.2)
try:
    os.kill(pid, 9)
except OSError:
    pass
bad = []
if rows[:9] != want:
    bad.append("rows differ:\n" + "\n".join(rows) + "\n--- want:\n" + "\n".join(want))
if "慢读周刊".encode("gb18030") not in out:
    bad.append("no GB18030 bytes of 慢读周刊 in the output")
if "慢读周刊".encode("utf-8") in out:
    bad.append("UTF-8 bytes of 慢读周刊 in the output")
if bad:
    print("FAIL: " + "\n".join(bad))
    sys.exit(1)
PY
# --render writes the locale's encoding too: the same rows, in GB18030
LOCPATH="$TMPD/loc" LC_ALL=zh_CN.GB18030 "$FANYE_BIN" --render=60 "$TMPD/iv.txt" | head -9 |
	iconv -f GB18030 -t UTF-8 > "$TMPD/got" || fail "--render did not write GB18030"
cmp -s "$TMPD/want" "$TMPD/got" || fail "--render in GB18030: $(diff "$TMPD/want" "$TMPD/got" | head -5)"
echo PASS

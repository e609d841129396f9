#!/usr/bin/python3
"""vtmargins.py: a terminal with left/right margins, for driving fanye.

tmux and pyte have no left/right margins (DECSLRM), so this adds them to
pyte: a pyte screen behind a pty that also takes

  CSI ? 69 $ p       DECRQM for DECLRMM, answered per `answer` (None: no
                     answer, as a terminal without DECRQM)
  CSI ? 69 h / l     DECLRMM on / off (off clears the margins)
  CSI Pl ; Pr s      DECSLRM while DECLRMM is on: the margins, cursor home
  LF, IND, RI        at the bottom (top) margin with the cursor inside the
                     left/right margins: only those columns scroll

While DECLRMM is on anything else but cursor addressing raises: this
emulator claims no more than it implements.  Used by margins.sh (a screen
test) and tests/bench/sidebar.py (bytes per scroll with the sidebar).
"""
import codecs
import fcntl
import os
import pty
import re
import select
import struct
import tempfile
import termios
import time

import pyte

# What is taken here rather than by pyte, and what may be incomplete.
OURS = re.compile(r"\x1b\[\?69\$p|\x1b\[\?69[hl]|\x1b\[(\d*)(?:;(\d*))?s")
PARTIAL = re.compile(r"\x1b(\[[0-9;?$]*)?$")
# While DECLRMM is on: what may come (cursor addressing, the scrolls).
ALLOWED = re.compile(r"\x1b\[\d*(;\d*)?[Hf]|\x1b\[\d*[dG]|\r|\n|\x1bD|\x1bM")


class MarginScreen(pyte.Screen):
    def __init__(self, cols, rows):
        super().__init__(cols, rows)
        self.lrmm = False
        self.lr = None  # (left, right), 0-based, inclusive

    def _rect(self, top, bottom, up):
        left, right = self.lr
        blank = self.default_char
        rows = range(top, bottom) if up else range(bottom, top, -1)
        for y in rows:
            src = self.buffer[y + 1] if up else self.buffer[y - 1]
            for x in range(left, right + 1):
                self.buffer[y][x] = src[x]
        edge = bottom if up else top
        for x in range(left, right + 1):
            self.buffer[edge][x] = blank
        self.dirty.update(range(self.lines))

    def index(self):
        top, bottom = self.margins or (0, self.lines - 1)
        if self.lr and self.cursor.y == bottom:
            if self.lr[0] <= self.cursor.x <= self.lr[1]:
                self._rect(top, bottom, True)
            return
        super().index()

    def reverse_index(self):
        top, bottom = self.margins or (0, self.lines - 1)
        if self.lr and self.cursor.y == top:
            if self.lr[0] <= self.cursor.x <= self.lr[1]:
                self._rect(top, bottom, False)
            return
        super().reverse_index()


class Term:
    """A pty of cols x rows running argv, its output fed to a MarginScreen.
    answer: the Ps of the DECRQM answer (2: the mode exists, reset), or None."""

    def __init__(self, argv, cols=100, rows=30, answer=2, env=None, split=False):
        self.screen = MarginScreen(cols, rows)
        self.stream = pyte.Stream(self.screen)
        self.dec = codecs.getincrementaldecoder("utf-8")("replace")
        self.pending = ""
        self.answer = answer
        self.split = split  # the answer's ESC alone, the rest 0.1 s later
        self.asked = 0
        self.raw = bytearray()
        self.home = tempfile.mkdtemp()
        e = dict(os.environ)
        e.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", HOME=self.home,
                 XDG_STATE_HOME=self.home + "/state", XDG_CONFIG_HOME=self.home + "/config")
        e.pop("NO_COLOR", None)
        e.update(env or {})
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execvpe(argv[0], argv, e)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.pid, self.fd = pid, fd

    def _text(self, s):
        if self.screen.lrmm:
            pos = 0
            for m in ALLOWED.finditer(s):
                if m.start() != pos:
                    raise AssertionError("with DECLRMM on, unexpected %r" % s[pos:m.start()])
                self.stream.feed(m.group(0))
                pos = m.end()
            if pos != len(s):
                raise AssertionError("with DECLRMM on, unexpected %r" % s[pos:])
        else:
            self.stream.feed(s)

    def feed(self, data):
        self.raw += data
        s = self.pending + self.dec.decode(data)
        m = PARTIAL.search(s)
        cut = m.start() if m else len(s)
        s, self.pending = s[:cut], s[cut:]
        pos = 0
        for m in OURS.finditer(s):
            self._text(s[pos:m.start()])
            pos = m.end()
            seq = m.group(0)
            sc = self.screen
            if seq.endswith("$p"):
                self.asked += 1
                if self.answer is not None:
                    reply = ("\x1b[?69;%d$y" % self.answer).encode()
                    if self.split:
                        os.write(self.fd, reply[:1])
                        time.sleep(0.1)
                        reply = reply[1:]
                    os.write(self.fd, reply)
            elif seq == "\x1b[?69h":
                sc.lrmm = True
            elif seq == "\x1b[?69l":
                sc.lrmm = False
                sc.lr = None
            elif sc.lrmm:
                left = int(m.group(1) or 1) - 1
                right = int(m.group(2) or sc.columns) - 1
                if 0 <= left < right < sc.columns:
                    sc.lr = (left, right)
                sc.cursor_position()
            else:
                raise AssertionError("CSI s (save cursor) is not expected: %r" % seq)
        self._text(s[pos:])

    def pump(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            return False
        if not data:
            return False
        self.feed(data)
        return True

    def settle(self, quiet=0.25, limit=20.0):
        end = time.time() + limit
        last = time.time()
        while time.time() < end:
            if self.pump(0.02):
                last = time.time()
            elif time.time() - last >= quiet:
                return
        raise AssertionError("the screen never settled")

    def wait_for(self, text, limit=20.0):
        end = time.time() + limit
        while time.time() < end:
            if any(text in line for line in self.screen.display):
                return
            self.pump(0.05)
        raise AssertionError("%r never appeared" % text)

    def send(self, keys):
        os.write(self.fd, keys.encode())

    def cells(self, rows=None):
        """Every cell: character and attributes, rows [0, rows)."""
        out = []
        for y in range(rows if rows is not None else self.screen.lines):
            line = self.screen.buffer[y]
            out.append(tuple((c.data, c.fg, c.bg, c.bold, c.reverse, c.underscore)
                             for c in (line[x] for x in range(self.screen.columns))))
        return out

    def close(self):
        try:
            os.kill(self.pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def selftest():
    """The emulator itself, on a known case (as libvterm's tests put it)."""
    sc = MarginScreen(10, 4)
    t = Term.__new__(Term)
    t.screen, t.stream = sc, pyte.Stream(sc)
    t.dec = codecs.getincrementaldecoder("utf-8")("replace")
    t.pending, t.raw, t.answer, t.asked, t.fd, t.split = "", bytearray(), None, 0, -1, False
    t.feed(b"AAAAAAAAAA\r\nBBBBBBBBBB\r\nCCCCCCCCCC\r\nDDDDDDDDDD")
    t.feed(b"\x1b[1;3r\x1b[?69h\x1b[4;10s\x1b[3;4H\n\x1b[?69l")
    got = [sc.display[y] for y in range(4)]
    want = ["AAABBBBBBB", "BBBCCCCCCC", "CCC       ", "DDDDDDDDDD"]
    assert got == want, got


if __name__ == "__main__":
    selftest()
    print("vtmargins: self-test passed")

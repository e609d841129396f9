#!/usr/bin/python3
"""sidebar.py MARK KEYS "fanye FILE" "less FILE": bytes written per 'j'
(a one-row scroll) in a terminal with left/right margins (DECSLRM) that
says so when asked (tests/screen/vtmargins.py: pyte with margins added),
80x24, each pager in turn.  fanye shows its sidebar; less has none.  Byte
counts do not vary between runs, so one run each is enough.  The screen
after the scrolls is checked against a repaint (Ctrl-L in both pagers)."""
import os
import shlex
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "screen"))
from vtmargins import Term  # noqa: E402


def once(argv, mark, keys):
    t = Term(argv, 80, 24, 2, env={"LESSHISTFILE": "-", "LESS": ""})
    try:
        t.wait_for(mark)
        t.settle()
        start = len(t.raw)
        for _ in range(keys):
            t.send("j")
            t.settle(quiet=0.04)
        per = (len(t.raw) - start) / keys
        before = t.cells(23)
        t.send("\x0c")
        t.settle()
        if t.cells(23) != before:
            raise SystemExit("sidebar.py: %s: the screen differs from a repaint" % argv[0])
        return per
    finally:
        t.close()


def main():
    mark, keys = sys.argv[1], int(sys.argv[2])
    res = [(shlex.split(c)[0], once(shlex.split(c), mark, keys)) for c in sys.argv[3:]]
    base = res[0][1]
    for name, per in res:
        print("scroll  %-10s %10.4f B/key  first/this %7.3f" % (os.path.basename(name), per,
                                                               base / per if per else float("nan")))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""margins.py FANYE DOC: scrolling beside the sidebar with left/right
margins (DECSLRM), in a terminal that has them (vtmargins.py).

- A terminal that says it has the mode: fanye asks once, scrolls the text
  columns alone, and after every step the screen (each cell's character
  and colours) is what Ctrl-L repaints; one-row scrolls cost few bytes.
- An answer cut in two (ESC alone) is still the answer, not keys.
- A terminal that does not answer, or answers that it lacks the mode: no
  margins are ever set.
- side-margins = off: the terminal is not even asked."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vtmargins import Term, selftest  # noqa: E402

FANYE, DOC = sys.argv[1], sys.argv[2]
COLS, ROWS = 100, 30
SMGLR = b"\x1b[?69h"


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def start(answer):
    t = Term([FANYE, "--no-resume", DOC], COLS, ROWS, answer)
    t.wait_for("line 1 ")
    t.settle()
    return t


def same_as_repaint(t, label):
    t.settle()
    before = t.cells(ROWS - 1)
    t.send("\x0c")
    t.settle()
    after = t.cells(ROWS - 1)
    if before != after:
        for y, (a, b) in enumerate(zip(before, after)):
            if a != b:
                print("row %d on screen: %r" % (y, "".join(c[0] for c in a)))
                print("row %d repainted: %r" % (y, "".join(c[0] for c in b)))
                break
        fail("after %s the screen differs from a repaint" % label)


selftest()

# A terminal with the margins.
t = start(2)
try:
    if t.asked != 1:
        fail("the terminal was asked %d times about margins, not once" % t.asked)
    sidebar = t.screen.display[0][:20]
    if not sidebar.strip():
        fail("no sidebar at %dx%d" % (COLS, ROWS))
    steps = [("j", "j"), ("jjj", "jjj"), ("k", "k"), ("kk", "kk"), ("Space", " "),
             ("b", "b"), ("10j", "jjjjjjjjjj"), ("G", "G"), ("k at the end", "k"), ("g", "g")]
    for label, keys in steps:
        start_raw = len(t.raw)
        for k in keys:
            t.send(k)
            t.settle(quiet=0.05)
        if label == "j" and SMGLR not in bytes(t.raw[start_raw:]):
            fail("a one-row scroll beside the sidebar did not use the margins")
        same_as_repaint(t, label)
    # bytes per one-row scroll, sidebar shown
    n = 30
    start_raw = len(t.raw)
    for _ in range(n):
        t.send("j")
        t.settle(quiet=0.05)
    per = (len(t.raw) - start_raw) / n
    print("bytes per j beside the sidebar, with margins: %.1f" % per)
    if per > 250:
        fail("%.1f bytes per one-row scroll beside the sidebar (the sidebar repainted?)" % per)
    same_as_repaint(t, "30 j")
finally:
    t.close()

# The answer cut in two (its ESC alone, past ESCDELAY): still the answer,
# none of its characters taken for keys.
t = Term([FANYE, "--no-resume", DOC], COLS, ROWS, 2, split=True)
try:
    t.wait_for("line 1 ")
    t.settle()
    start_raw = len(t.raw)
    t.send("j")
    t.settle(quiet=0.05)
    if SMGLR not in bytes(t.raw[start_raw:]):
        fail("an answer cut in two was not taken")
    if "line " not in t.screen.display[ROWS - 1]:
        fail("an answer cut in two was taken for keys: %r" % t.screen.display[ROWS - 1])
    same_as_repaint(t, "j after an answer cut in two")
finally:
    t.close()

# Terminals without them: never set.
for answer, what in ((None, "no answer"), (0, "mode unknown"), (4, "permanently off")):
    t = start(answer)
    try:
        for k in "jjjkkG":
            t.send(k)
            t.settle(quiet=0.05)
        if SMGLR in bytes(t.raw):
            fail("margins set on a terminal that gave %s" % what)
        same_as_repaint(t, "scrolls with " + what)
    finally:
        t.close()

# Configured off: not asked.
cfg = tempfile.mkdtemp()
os.makedirs(cfg + "/fanye")
with open(cfg + "/fanye/config.ini", "w") as f:
    f.write("[display]\nside-margins = off\n")
t = Term([FANYE, "--no-resume", DOC], COLS, ROWS, 2, env={"XDG_CONFIG_HOME": cfg})
try:
    t.wait_for("line 1 ")
    t.settle()
    for k in "jjj":
        t.send(k)
        t.settle(quiet=0.05)
    if t.asked or SMGLR in bytes(t.raw):
        fail("side-margins = off, yet the terminal was asked or margins set")
finally:
    t.close()
print("PASS")

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time from spawning fanye on FILE until its sidebar shows the complete
outline: the speaker legend with the final number of turns of SPEAKER
(COUNT, as `fanye --outline` counts them).  fanye runs in a pseudo-terminal
of 120x40 whose output feeds a terminal emulator (pyte); the screen is
looked at only when output arrives, so the measurement takes no CPU from
the reader while it works.  Prints the median and range over RUNS.

Then, in RUNS more runs, keys are pressed again and again while the
outline is made, each once the last has shown: 2g, 3g, 4g ... (go to that
line); the wait of a key is from its press until the status line shows
the line it went to (the emulator's time included).
Prints the median and the longest wait of all presses.

  outline.py FANYE FILE SPEAKER COUNT [RUNS]
"""
import os
import pty
import select
import statistics
import struct
import sys
import tempfile
import time
import fcntl
import re
import termios

import pyte


def once(fanye, path, want):
    home = tempfile.mkdtemp()
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
               HOME=home, XDG_STATE_HOME=home + "/state", XDG_CONFIG_HOME=home + "/config")
    screen = pyte.Screen(120, 40)
    stream = pyte.ByteStream(screen)
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execvpe(fanye, [fanye, "--no-resume", path], env)
    try:
        while time.perf_counter() - t0 < 30:
            r, _, _ = select.select([fd], [], [], 1.0)
            if not r:
                continue
            stream.feed(os.read(fd, 1 << 16))
            if any(want in line for line in screen.display):
                return time.perf_counter() - t0
        return float("nan")
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)


def shown(screen, text):
    """Whether text is on a row (read from the buffer: pyte's display
    fails on a wide character's emptied second cell)."""
    return any(text in "".join(screen.buffer[y][x].data for x in range(screen.columns))
               for y in range(screen.lines))


def spawn(fanye, path):
    home = tempfile.mkdtemp()
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
               HOME=home, XDG_STATE_HOME=home + "/state", XDG_CONFIG_HOME=home + "/config")
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execvpe(fanye, [fanye, "--no-resume", path], env)
    return pid, fd


def key_waits(fanye, path, want):
    """Waits of Ng presses made while the outline is being made."""
    screen = pyte.Screen(120, 40)
    stream = pyte.ByteStream(screen)
    pid, fd = spawn(fanye, path)
    waits = []
    line = re.compile(r"line (\d+)")

    def status_line():
        row = screen.buffer[screen.lines - 1]
        m = line.search("".join(row[x].data for x in range(screen.columns)))
        return int(m.group(1)) if m else None

    def pump(until, limit):
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            if until():
                return True
            r, _, _ = select.select([fd], [], [], 0.5)
            if r:
                stream.feed(os.read(fd, 1 << 16))
        return until()

    try:
        if not pump(lambda: status_line() is not None, 30):
            return waits
        n = status_line()
        while not shown(screen, want) and len(waits) < 2000:
            t = time.perf_counter()
            os.write(fd, f"{n + 1}g".encode())
            if not pump(lambda: status_line() == n + 1, 10):
                break
            waits.append(time.perf_counter() - t)
            n += 1
        return waits
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)


def main():
    fanye, path, speaker, count = sys.argv[1:5]
    runs = int(sys.argv[5]) if len(sys.argv) > 5 else 5
    want = f"{speaker} {count}"
    t = [once(fanye, path, want) for _ in range(runs)]
    print(f"outline complete in the pager (legend '{want}'): median "
          f"{statistics.median(t) * 1000:.0f} ms  min {min(t) * 1000:.0f}  max {max(t) * 1000:.0f}")
    w = []
    for _ in range(runs):
        w += key_waits(fanye, path, want)
    if w:
        print(f"keys while the outline is made: {len(w)} presses, wait median "
              f"{statistics.median(w) * 1000:.2f} ms  longest {max(w) * 1000:.2f} ms")


if __name__ == "__main__":
    main()

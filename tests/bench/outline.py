#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time from spawning fanye on FILE until its sidebar shows the complete
outline: the speaker legend with the final number of turns of SPEAKER
(COUNT, as `fanye --outline` counts them).  fanye runs in a pseudo-terminal
of 120x40 whose output feeds a terminal emulator (pyte); the screen is
looked at only when output arrives, so the measurement takes no CPU from
the reader while it works.  Prints the median and range over RUNS.

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


def main():
    fanye, path, speaker, count = sys.argv[1:5]
    runs = int(sys.argv[5]) if len(sys.argv) > 5 else 5
    want = f"{speaker} {count}"
    t = [once(fanye, path, want) for _ in range(runs)]
    print(f"outline complete in the pager (legend '{want}'): median "
          f"{statistics.median(t) * 1000:.0f} ms  min {min(t) * 1000:.0f}  max {max(t) * 1000:.0f}")


if __name__ == "__main__":
    main()

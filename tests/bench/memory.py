#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private (anonymous) memory of fanye once all its background work is
done: fanye opens FILE in a pseudo-terminal of 80x24 and is left alone;
its CPU time is read from /proc every half second, and when it has not
moved for three seconds its RssAnon (/proc/PID/status) is printed, with
the peak seen and how long it took.  The outline, the line index and the
rest are then all made.

  memory.py FANYE FILE [LIMIT_SECONDS]
"""
import fcntl
import os
import pty
import select
import struct
import sys
import tempfile
import termios
import time


def status(pid):
    """RssAnon in MiB, from /proc/PID/status."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu(pid):
    """User and system time in clock ticks."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def main():
    fanye, path = sys.argv[1], sys.argv[2]
    limit = float(sys.argv[3]) if len(sys.argv) > 3 else 300
    home = tempfile.mkdtemp()
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", HOME=home,
               XDG_STATE_HOME=home + "/state", XDG_CONFIG_HOME=home + "/config")
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execvpe(fanye, [fanye, "--no-resume", path], env)
    t0 = time.time()
    last, still, peak, now = None, 0, 0.0, float("nan")
    while time.time() - t0 < limit and still < 6:
        time.sleep(0.5)
        while select.select([fd], [], [], 0)[0]:
            try:
                if not os.read(fd, 1 << 16):
                    break
            except OSError:
                break
        ticks = cpu(pid)
        now = status(pid)
        peak = max(peak, now)
        still = still + 1 if ticks == last else 0
        last = ticks
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    state = "idle" if still >= 6 else "still working"
    print(f"anon memory with the background work done: {now:.1f} MiB "
          f"(peak {peak:.1f}; {state} after {time.time() - t0:.1f} s)")


main()

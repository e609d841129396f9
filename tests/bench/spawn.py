#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time to the first screen without the benchmark's Python fork: each
command is started with posix_spawn on a fresh 80x24 pty and timed until
MARK appears in its output (no terminal emulator), in turn, RUNS times.
Prints the median and minimum per command.

  spawn.py MARK RUNS "fanye --no-sidebar FILE" "less FILE" ...
"""
import fcntl
import os
import pty
import select
import shlex
import statistics
import struct
import sys
import tempfile
import termios
import time


def once(argv, mark):
    home = tempfile.mkdtemp()
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
               HOME=home, XDG_STATE_HOME=home + "/state", XDG_CONFIG_HOME=home + "/config",
               LESSHISTFILE="-")
    for k in ("LESS", "LESSOPEN", "LESSCLOSE"):
        env.pop(k, None)
    m, s = pty.openpty()
    fcntl.ioctl(s, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    t0 = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, env, setsid=True,
                          file_actions=[(os.POSIX_SPAWN_DUP2, s, 0),
                                        (os.POSIX_SPAWN_DUP2, s, 1),
                                        (os.POSIX_SPAWN_DUP2, s, 2)])
    buf = b""
    t = float("nan")
    while time.perf_counter() - t0 < 10:
        r, _, _ = select.select([m], [], [], 1.0)
        if r:
            buf += os.read(m, 1 << 16)
            if mark in buf:
                t = time.perf_counter() - t0
                break
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    os.close(m)
    os.close(s)
    return t


def main():
    mark = sys.argv[1].encode()
    runs = int(sys.argv[2])
    cmds = [shlex.split(c) for c in sys.argv[3:]]
    times = {c[0]: [] for c in cmds}
    for _ in range(runs):
        for c in cmds:
            times[c[0]].append(once(c, mark))
    for name, t in times.items():
        print(f"spawn {name:<24} median {statistics.median(t) * 1000:6.2f} ms  "
              f"min {min(t) * 1000:6.2f}")


if __name__ == "__main__":
    main()

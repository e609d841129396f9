#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Search through a big file: fanye in a pty against ripgrep and less, in
one run, turn about.  For fanye and less: from typing /QUERY Enter until
the line with the match (hit-5e6b) is on the emulated screen
(../shared/bench/ptybench.py's Pager, 80x24).  For ripgrep: the whole
process, `rg -c` (or `-ic`) QUERY FILE, spawned from Python.  Prints each
median and fanye's ratio to ripgrep's.  Not a test: nothing fails.

  search.py SHARED_BENCH FANYE FILE RUNS [LESS=yes]
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, sys.argv[1])
import ptybench  # noqa: E402

HIT = "hit-5e6b"

# (row, fanye's query, less's flags or None, ripgrep's arguments)
ROWS = [
    ("exact", "ZZQUERYMARK", [], ["-c", "ZZQUERYMARK"]),
    ("folded", "zzquerymark", ["-i"], ["-ic", "zzquerymark"]),
    # ripgrep has no width folding: its nearest search is -i
    ("full-width", "ＺＺＱＵＥＲＹ", None, ["-ic", "zzquery"]),
]


def pager_search(argv, query, limit):
    home = tempfile.mkdtemp()
    try:
        p = ptybench.Pager(argv, 24, 80, home)
        try:
            p.wait_for(ptybench.BEGIN_MARK, limit)
            p.settle()
            t = time.perf_counter()
            p.send("/" + query + "\r")
            return p.wait_for(HIT, limit) - t
        finally:
            p.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)


def rg(args, path):
    t = time.perf_counter()
    subprocess.run(["rg"] + args + [path], stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t


def main():
    fanye, path, runs = sys.argv[2], sys.argv[3], int(sys.argv[4])
    with_less = len(sys.argv) <= 5 or sys.argv[5] == "yes"
    if not shutil.which("rg"):
        sys.exit("search.py: needs ripgrep (apt-get install ripgrep)")
    mib = os.path.getsize(path) / 2**20
    print(f"# search, {mib:.0f} MiB, {runs} runs, medians; fanye/rg is the ratio")
    for name, query, less_flags, rg_args in ROWS:
        f, r, l_ = [], [], []
        for _ in range(runs):
            f.append(pager_search([fanye, "--no-sidebar", "--no-resume", path], query, 300))
            r.append(rg(rg_args, path))
            if with_less and less_flags is not None:
                l_.append(pager_search(["less"] + less_flags + [path], query, 300))
        fm, rm = statistics.median(f), statistics.median(r)
        less = f"less {statistics.median(l_):8.4f} s" if l_ else "less      -     "
        print(f"search {name:10s} /{query:12s} fanye {fm:8.4f} s  rg {' '.join(rg_args):18s} "
              f"{rm:8.4f} s  {less}  fanye/rg {fm / rm:5.2f}")


if __name__ == "__main__":
    main()

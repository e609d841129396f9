#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""cells.py: capture-pane -e output in a canonical form, for comparing two
screens cell by cell.

tmux serialises colours lazily (a reset may be written at the end of one
line or at the start of the next, depending on how the cells were
cleared); this reads the SGR sequences, keeps the state of every cell and
prints each line as its characters with a marker wherever the state
changes, trailing default blanks removed.  Two screens that look the same
print the same."""
import re
import sys

SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def apply(state, params):
    """The state after one SGR sequence (a dict of attribute -> value)."""
    ps = [p for p in params.split(";")] if params else ["0"]
    i = 0
    while i < len(ps):
        p = int(ps[i] or 0)
        if p == 0:
            state.clear()
        elif p in (38, 48) and i + 1 < len(ps):
            key = "fg" if p == 38 else "bg"
            if ps[i + 1] == "5" and i + 2 < len(ps):
                state[key] = "5;" + ps[i + 2]
                i += 2
            elif ps[i + 1] == "2" and i + 4 < len(ps):
                state[key] = "2;" + ";".join(ps[i + 2:i + 5])
                i += 4
        elif p == 39:
            state.pop("fg", None)
        elif p == 49:
            state.pop("bg", None)
        elif 30 <= p <= 37 or 90 <= p <= 97:
            state["fg"] = str(p)
        elif 40 <= p <= 47 or 100 <= p <= 107:
            state["bg"] = str(p)
        elif p in (22,):
            state.pop("1", None)
            state.pop("2", None)
        elif 21 <= p <= 29:
            state.pop(str(p - 20), None)
        else:
            state[str(p)] = True
        i += 1


def main():
    state = {}
    for line in sys.stdin.read().split("\n"):
        cells = []
        pos = 0
        for m in SGR.finditer(line):
            for ch in line[pos:m.start()]:
                cells.append((ch, tuple(sorted(state.items()))))
            apply(state, m.group(1))
            pos = m.end()
        for ch in line[pos:]:
            cells.append((ch, tuple(sorted(state.items()))))
        while cells and cells[-1][0] == " " and not cells[-1][1]:
            cells.pop()
        out, last = [], ()
        for ch, st in cells:
            if st != last:
                out.append("{%s}" % ",".join("%s=%s" % kv for kv in st))
                last = st
            out.append(ch)
        print("".join(out))


main()

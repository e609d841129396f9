#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""untrusted: runs fanye on a crafted file through a real pty and checks
that none of the file's escape sequences reached the terminal: a title-
setting OSC, an OSC 52 clipboard write, cursor movement, clear-screen,
colour codes, a C1 CSI, BS and DEL, a bidi override, and an SGR sequence
holding an OSC.  As plain text (--format=plain) their inert forms (^[ and
<U+XXXX>) must be on the screen instead; told as coloured input (the
default, since the file holds SGR colour) the colour is ncurses's own
attribute, and everything else stays inert just the same.
Usage: untrusted.py FANYE"""
import fcntl, os, pty, re, select, struct, sys, tempfile, termios, time

fanye = sys.argv[1]
payload = (b"safe start\n"
           b"\x1b]0;PWNED-TITLE\x07 title\n"
           b"\x1b]52;c;UFdORUQtQ0xJUA==\x07 clipboard\n"
           b"\x1b[10;10HMOVED-CURSOR\n"
           b"\x1b[2JCLEARED-SCREEN\n"
           b"\x1b[31mRED-TEXT\x1b[0m\n"
           b"\xc2\x9b" b"31mC1-CSI\n"
           b"overwrite\x08\x08\x08BS-TRICK\x7fDEL\n"
           b"\xe2\x80\xae" b"BIDI-OVERRIDE\n"
           b"\x1bPDCS-STRING\x1b\\\n"
           b"\x1b[31;\x1b]0;EVIL-OSC\x07mSGR-OSC\n"
           b"safe end\n")
# Bytes of the document that must never reach the terminal.
bad = [b"\x1b]0;PWNED", b"\x1b]52;", b"\x1b[10;10HMOVED", b"\x1b[2JCLEARED",
       b"\xc2\x9b", b"\x9b31m", b"\x08\x08\x08BS", b"\x7fDEL", b"\xe2\x80\xae", b"\x1bPDCS",
       b"\x1b]0;EVIL"]
inert = [b"^[]0;PWNED-TITLE^G", b"<U+009B>31mC1-CSI", b"<U+202E>BIDI-OVERRIDE",
         b"^H^H^HBS-TRICK^?DEL", b"^[]0;EVIL-OSC^G"]

with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as f:
    f.write(payload)
    path = f.name


def run(extra):
    """fanye on the file in a 100x24 pty; everything it wrote."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(fanye, [fanye, "--no-sidebar", "--no-resume"] + extra + [path])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    out = b""
    def pump(t, until=None):
        nonlocal out
        end = time.time() + t
        while time.time() < end:
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    out += os.read(fd, 65536)
                except OSError:
                    return
            if until and until in out:
                return
    pump(10.0, b"safe end")
    os.write(fd, b"q")
    pump(2.0)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    return out


failed = []
def check(cond, what):
    if not cond:
        print("FAIL: " + what)
        failed.append(what)

# As plain text: every sequence shown inert, the colour one too.
out = run(["--format=plain"])
check(b"safe end" in out, "plain: the document's end is not on the screen")
for b in bad + [b"\x1b[31mRED-TEXT"]:
    check(b not in out, "plain: the document's %r reached the terminal" % b)
shown = re.sub(rb"\x1b\[[0-9;]*m|\x1b\(B", b"", out)  # fanye's own attributes
for b in inert + [b"^[[31mRED-TEXT"]:
    check(b in shown, "plain: %r is not shown inert" % b)

# Told as coloured input: RED-TEXT is red by ncurses's own attribute (its
# SGR is not on the screen), and the rest is inert as before.
out = run([])
check(b"safe end" in out, "coloured: the document's end is not on the screen")
for b in bad:
    check(b not in out, "coloured: the document's %r reached the terminal" % b)
shown = re.sub(rb"\x1b\[[0-9;]*m|\x1b\(B", b"", out)
for b in inert:
    check(b in shown, "coloured: %r is not shown inert" % b)
check(b"^[[31m" not in shown and b"RED-TEXT" in shown, "coloured: the SGR is shown as text")
m = re.search(rb"((?:\x1b\[[0-9;]*m)+)RED-TEXT", out)
check(m is not None and re.search(rb"\x1b\[(?:[0-9;]*;)?(31|38;5;1)m", m.group(1)) is not None,
      "coloured: RED-TEXT is not drawn red (%r)" % (m.group(1) if m else None))
os.unlink(path)
print("PASS" if not failed else "")
sys.exit(1 if failed else 0)

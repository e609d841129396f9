#!/usr/bin/python3
"""untrusted: runs fanye on a crafted file through a real pty and checks
that none of the file's escape sequences reached the terminal: a title-
setting OSC, an OSC 52 clipboard write, cursor movement, clear-screen,
colour codes, a C1 CSI, BS and DEL and a bidi override.  Their inert
forms (^[ and <U+XXXX>) must be on the screen instead.
Usage: untrusted.py FANYE"""
import os, pty, select, sys, tempfile, time

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
           b"safe end\n")
bad = [b"\x1b]0;PWNED", b"\x1b]52;", b"\x1b[10;10HMOVED", b"\x1b[2JCLEARED", b"\x1b[31mRED-TEXT",
       b"\xc2\x9b", b"\x9b31m", b"\x08\x08\x08BS", b"\x7fDEL", b"\xe2\x80\xae", b"\x1bPDCS"]
with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as f:
    f.write(payload)
    path = f.name
pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm-256color"
    os.execv(fanye, [fanye, "--no-sidebar", "--no-resume", path])
import fcntl, struct, termios
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
out = b""
def pump(t):
    global out
    end = time.time() + t
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                out += os.read(fd, 65536)
            except OSError:
                return
pump(2.0)
os.write(fd, b"q")
pump(1.0)
os.unlink(path)
failed = [b for b in bad if b in out]
for b in failed:
    print("FAIL: the document's %r reached the terminal" % b)
import re
plain = re.sub(rb"\x1b\[[0-9;]*m|\x1b\(B", b"", out)  # fanye's own attributes
for inert in [b"^[]0;PWNED-TITLE^G", b"^[[31mRED-TEXT", b"<U+009B>31mC1-CSI", b"<U+202E>BIDI-OVERRIDE", b"^H^H^HBS-TRICK^?DEL"]:
    if inert not in plain:
        print("FAIL: %r is not shown inert" % inert)
        failed.append(inert)
print("PASS" if not failed else "")
sys.exit(1 if failed else 0)

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The real xterm (under Xvfb), beside the sidebar: after every step the
# screen, read back with xterm's print-immediate action, is what Ctrl-L
# repaints; and what fanye writes (seen through strace) is ncurses's own,
# with no question to the terminal about left/right margins.
set -eu
for t in Xvfb xterm xdotool strace; do
	command -v "$t" >/dev/null || { echo "SKIP: $t is not installed (tests/deps.sh installs it)"; exit 77; }
done
TMPD=$(mktemp -d)
XPID=
# cleanup: xterm, strace and fanye gone before their directory is.  (A
# print file or strace log still being written made rm fail, and under
# set -e that failure became the test's exit status after its PASS.)
cleanup() {
	set +e
	pkill -KILL -f -- "$TMPD" >/dev/null 2>&1
	local i=0
	while [ "$i" -lt 100 ] && pgrep -f -- "$TMPD" >/dev/null 2>&1; do
		sleep 0.05
		i=$((i + 1))
	done
	[ -n "$XPID" ] && kill "$XPID" >/dev/null 2>&1
	rm -rf "$TMPD" 2>/dev/null || { sleep 0.5; rm -rf "$TMPD"; }
	return 0
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# A free display, as Xvfb reports it.
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$TMPD/display" >/dev/null 2>&1 &
XPID=$!
disown
for _ in $(seq 100); do [ -s "$TMPD/display" ] && break; sleep 0.05; done
[ -s "$TMPD/display" ] || fail "Xvfb did not start"
export DISPLAY=":$(cat "$TMPD/display")"

doc=$SRCDIR/tests/docs/interview.txt
mkdir -p "$TMPD/home" "$TMPD/shots"
cat > "$TMPD/run.sh" <<EOF
#!/bin/sh
export HOME=$TMPD/home XDG_STATE_HOME=$TMPD/home/state XDG_CONFIG_HOME=$TMPD/home/config
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset NO_COLOR
exec strace -o $TMPD/writes -e trace=write -s 256 $FANYE_BIN --no-resume '$doc'
EOF
chmod +x "$TMPD/run.sh"
xterm -geometry 100x30 -u8 -xrm 'XTerm*allowSendEvents: true' \
	-xrm "XTerm*printFileImmediate: $TMPD/shots/s" -xrm 'XTerm*printAttributes: 1' \
	-xrm 'XTerm*VT100.translations: #override <Key>F12: print-immediate()' \
	-e "$TMPD/run.sh" >/dev/null 2>&1 &
disown
W=
# Up to 30 s: on a loaded machine (make -j2 check beside a sanitizer
# build) xterm once took more than the 5 s this waited before.
for _ in $(seq 600); do
	W=$(xdotool search --class xterm 2>/dev/null | head -n 1 || true)
	[ -n "$W" ] && break
	sleep 0.05
done
[ -n "$W" ] || fail "xterm did not start"
key() { xdotool key --window "$W" "$@" 2>/dev/null; }

# shot: xterm's screen, with attributes, on stdout.
shot() {
	rm -f "$TMPD"/shots/*
	key F12
	local f i=0
	while [ "$i" -lt 100 ]; do
		f=$(ls "$TMPD"/shots/ 2>/dev/null | head -n 1)
		if [ -n "$f" ] && [ -s "$TMPD/shots/$f" ]; then
			sleep 0.05 # let xterm finish writing the file
			cat "$TMPD/shots/$f"
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	fail "xterm printed no screen"
}
# settled: the screen once two shots in a row agree.
settled() {
	local a b i=0
	a=$(shot)
	while [ "$i" -lt 60 ]; do
		sleep 0.1
		b=$(shot)
		[ "$a" = "$b" ] && { printf '%s\n' "$a"; return 0; }
		a=$b
		i=$((i + 1))
	done
	fail "the screen never settled"
}

i=0
until settled | grep -q 'line 1 '; do
	i=$((i + 1))
	[ "$i" -lt 50 ] || fail "no first screen"
done
settled | head -n 1 | grep -q '│' || fail "no sidebar at 100x30"

step() {
	local label=$1
	shift
	for k in "$@"; do key "$k"; done
	local before after
	before=$(settled | head -n 29)
	key ctrl+l
	after=$(settled | head -n 29)
	if [ "$before" != "$after" ]; then
		diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | head -n 8
		fail "in xterm, after $label the screen differs from a repaint"
	fi
}
step "j" j
step "jjj" j j j
step "k" k
step "10 j" j j j j j j j j j j
step "Space" space
step "b" b
step "G" G
step "k at the end" k
step "g" g
grep -q 'write(1, ' "$TMPD/writes" || fail "strace saw no writes"
if grep -q '69\$p\|?69h' "$TMPD/writes"; then fail "fanye asked about or set left/right margins"; fi
echo "PASS: every screen as repainted in xterm"

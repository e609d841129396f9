#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A real SSH session: sshd on 127.0.0.1 at a spare port with keys made
# here, fanye run through `ssh -tt`, a bookmark set, then the ssh client
# killed (a dropped connection).  The position and the bookmark must be
# saved and no fanye process left behind.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
[ -x /usr/sbin/sshd ] && command -v ssh >/dev/null && command -v ssh-keygen >/dev/null ||
	{ echo "SKIP: openssh-server or openssh-client is not installed"; exit 77; }
[ "$(id -u)" = 0 ] || { echo "SKIP: the SSH test logs in as root (CI runs as root)"; exit 77; }
f="$TMPD/doc.txt"
cp "$(interview_copy)" "$f"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ssh-keygen -q -t ed25519 -N '' -f "$TMPD/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$TMPD/user_key"
cp "$TMPD/user_key.pub" "$TMPD/authorized_keys"
cat > "$TMPD/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $TMPD/host_key
AuthorizedKeysFile $TMPD/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PidFile $TMPD/sshd.pid
CONF
mkdir -p /run/sshd
/usr/sbin/sshd -f "$TMPD/sshd_config" -E "$TMPD/sshd.log"
stop_sshd() { [ -f "$TMPD/sshd.pid" ] && kill "$(cat "$TMPD/sshd.pid")" 2>/dev/null || true; }
trap 'stop_sshd; cleanup' EXIT
for i in $(seq 50); do [ -f "$TMPD/sshd.pid" ] && break; sleep 0.1; done
state="$TMPD/remote-state"
start 100 30 "ssh -tt -i '$TMPD/user_key' -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
-o LogLevel=ERROR -p $port root@127.0.0.1 \
\"XDG_STATE_HOME='$state' XDG_CONFIG_HOME=/nonexistent LANG=C.UTF-8 TERM=xterm-256color \
LSAN_OPTIONS='${LSAN_OPTIONS:-}' ASAN_OPTIONS='${ASAN_OPTIONS:-}' $FANYE_BIN --no-sidebar '$f'\""
wait_for 'line 1 ' 30
keys 3 0 g
wait_for 'line 30 '
keys M
wait_for 'Bookmark label'
keys C-u 'over ssh' Enter Enter
wait_for 'bookmarked: over ssh'
step 1 0 j
line=$(status | grep -oE 'line [0-9]+')
# The connection drops: kill the ssh client.
pkill -f -- "ssh -tt -i $TMPD/user_key" || fail "no ssh client to kill"
alive_fanye() {
	for p in $(pgrep -f -- "$FANYE_BIN --no-sidebar $f" || true); do
		alive "$p" && return 0
	done
	return 1
}
for i in $(seq 400); do alive_fanye || break; sleep 0.05; done
alive_fanye && fail "a fanye process is left behind after the connection dropped"
out=$(XDG_STATE_HOME="$state" "$FANYE_BIN" --bookmarks "$f")
echo "$out" | grep -q $'\tover ssh\t' || fail "the bookmark was lost: $out"
stop
start 100 30 "XDG_STATE_HOME='$state' $FANYE_BIN --no-sidebar '$f'"
wait_for "$line " || true
status | grep -q "$line " || fail "the position ($line) was not saved"
keys q
echo PASS

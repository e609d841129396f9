#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Untrusted text: no escape sequence of a crafted document reaches the
# terminal (checked on the bytes fanye writes to a pty).
set -eu
[ -x /usr/bin/python3 ] || { echo "SKIP: no /usr/bin/python3"; exit 77; }
export XDG_STATE_HOME=$(mktemp -d) XDG_CONFIG_HOME=/nonexistent
trap 'rm -rf "$XDG_STATE_HOME"' EXIT
/usr/bin/python3 "$SRCDIR/tests/screen/untrusted.py" "$FANYE_BIN"

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# --print-config: the golden file, read back it gives the defaults, and bad
# configuration lines get one-line messages with the file and line; --strict
# turns them into exit status 2.
set -u
g="$SRCDIR/tests/golden"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if [ "${FANYE_REGEN:-}" = 1 ]; then "$FANYE_BIN" --no-config --print-config > "$g/print-config.golden"; fi
diff -u "$g/print-config.golden" <("$FANYE_BIN" --no-config --print-config) || fail "--print-config differs"
"$FANYE_BIN" --no-config --print-config > "$tmp/c.ini"
diff <("$FANYE_BIN" --config "$tmp/c.ini" --print-config 2>&1) "$tmp/c.ini" || fail "round trip"
diff <("$FANYE_BIN" --config "$tmp/c.ini" --keys 2>&1) <("$FANYE_BIN" --no-config --keys) || fail "round trip keys"
printf '[display]\nsidbar = on\n[keys]\nquit = x\n' > "$tmp/bad.ini"
out=$("$FANYE_BIN" --config "$tmp/bad.ini" --keys 2>&1 >/dev/null)
[ "$out" = "fanye: $tmp/bad.ini:2: unknown option 'sidbar' in [display] (did you mean 'sidebar'?)" ] ||
	fail "message: $out"
"$FANYE_BIN" --config "$tmp/bad.ini" --keys | grep -qP '^quit\tx\t' || fail "the good line was not applied"
"$FANYE_BIN" --strict --config "$tmp/bad.ini" --keys >/dev/null 2>&1; [ $? = 2 ] || fail "--strict did not exit 2"
"$FANYE_BIN" --strict --config "$tmp/nonexistent.ini" --keys >/dev/null 2>&1; [ $? = 2 ] || fail "missing --config"
# The default file is read from XDG_CONFIG_HOME; --no-config ignores it.
mkdir -p "$tmp/x/fanye"; printf '[keys]\nquit = Z\n' > "$tmp/x/fanye/config.ini"
XDG_CONFIG_HOME="$tmp/x" "$FANYE_BIN" --keys | grep -qP '^quit\tZ\t' || fail "default config not read"
XDG_CONFIG_HOME="$tmp/x" "$FANYE_BIN" --no-config --keys | grep -qP '^quit\tq Q\t' || fail "--no-config"
echo PASS

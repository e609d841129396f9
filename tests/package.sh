#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian package (issue 21), as CI builds it after the tests: from the
# release tarball `make distcheck` left (fanye-VERSION.tar.gz, which holds
# debian/), dpkg-buildpackage -us -uc -b, then lintian (no error and no
# warning), then apt-get install of the .deb and the sample opened from
# /usr/share/doc/fanye in a tmux pane.  Run as root from the top of the
# build tree; the package is removed again at the end.
set -eu
fail() { echo "FAIL: $*"; exit 1; }
top=$(pwd)
tarball=$(ls "$top"/fanye-*.tar.gz 2>/dev/null | head -1)
[ -n "$tarball" ] || fail "no fanye-*.tar.gz here (make distcheck makes it)"
export DEBIAN_FRONTEND=noninteractive
for p in debhelper dpkg-dev lintian tmux; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		{ apt-get update -qq && apt-get install -y -qq --no-install-recommends debhelper dpkg-dev lintian tmux; break; }
done
work=$(mktemp -d)
trap 'tmux -L fanye-pkg kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work"
cd "$work"/fanye-*/
dpkg-buildpackage -us -uc -b > "$work/build.log" 2>&1 || { tail -30 "$work/build.log"; fail "dpkg-buildpackage failed"; }
cd "$work"
deb=$(ls fanye_*_*.deb | head -1)
echo "package: $deb"
lintian --fail-on error,warning "$deb" || fail "lintian: errors or warnings"
apt-get install -y -qq "./$deb" > "$work/install.log" 2>&1 || { cat "$work/install.log"; fail "apt-get install failed"; }
for f in /usr/bin/fanye /usr/share/man/man1/fanye.1.gz /usr/share/doc/fanye/README.md.gz \
	/usr/share/doc/fanye/sample.txt /usr/share/doc/fanye/config.ini /usr/share/doc/fanye/copyright \
	/usr/share/bash-completion/completions/fanye /usr/share/zsh/vendor-completions/_fanye; do
	[ -f "$f" ] || fail "$f is not installed"
done
# the installed reader opens the installed sample
first=$(head -1 /usr/share/doc/fanye/sample.txt)
home=$work/home
mkdir -p "$home"
tmux -L fanye-pkg -f /dev/null new-session -d -x 100 -y 20 \
	"HOME=$home XDG_STATE_HOME=$home/state TERM=xterm-256color fanye /usr/share/doc/fanye/sample.txt; sleep 30"
i=0
until tmux -L fanye-pkg capture-pane -p | grep -qF "$first" && tmux -L fanye-pkg capture-pane -p | tail -1 | grep -q 'sample.txt'; do
	i=$((i + 1))
	[ "$i" -lt 200 ] || { tmux -L fanye-pkg capture-pane -p; fail "the installed fanye did not show the sample"; }
	sleep 0.05
done
tmux -L fanye-pkg send-keys q
man -w fanye >/dev/null || fail "man does not find fanye(1)"
apt-get remove -y -qq fanye > /dev/null
echo PASS

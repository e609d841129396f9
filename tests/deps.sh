#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages fanye needs to build and test, if any are
# missing (run as root; apt-get is called only when something is missing).
set -e
PKGS="gcc make autoconf automake pkg-config libncurses-dev libunistring-dev
libpcre2-dev libmd4c-dev libmd4c-html0-dev libuchardet-dev libopencc-dev libopencc-data libarchive-dev libxml2-dev check tmux less python3 python3-pyte procps ripgrep
clang libclang-rt-14-dev openssh-server openssh-client xvfb xterm xdotool strace man-db git unicode-data locales zsh gettext autopoint gzip xz-utils zstd bzip2 lz4"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "deps.sh: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $missing
fi

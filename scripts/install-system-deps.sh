#!/bin/sh
# Installs the system libraries Qt needs offscreen, a CJK font and poppler-utils, where we may.
# On Debian/Ubuntu as root this installs what is missing; elsewhere it only says what to install.
PKGS="libdbus-1-3 libegl1 libgl1 libxkbcommon0 libfontconfig1 fonts-wqy-microhei poppler-utils"
command -v dpkg-query >/dev/null 2>&1 || { echo "install-system-deps: not Debian; make sure these exist: $PKGS"; exit 0; }
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: installing$missing"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null \
    || echo "install-system-deps: could not install$missing; tests needing them will skip"
else
  echo "install-system-deps: please install$missing (sudo apt-get install$missing)"
fi
exit 0

#!/bin/sh
# Installs the system libraries Qt needs (offscreen for tests, X11/xcb for a real window on Linux), a CJK font
# for the screens, poppler-utils for checking PDFs and binutils for PyInstaller (objcopy, objdump: make dist),
# where we may.
# On Debian/Ubuntu as root this installs what is missing; elsewhere it only says what to install.
PKGS="libdbus-1-3 libegl1 libgl1 libxkbcommon0 libfontconfig1 fonts-wqy-microhei poppler-utils binutils
      libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 libxcb-image0"
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

#!/bin/sh
# Packs dist/ChurnGuard.app (built by `make dist` or pyinstaller on macOS) into a disk image with the usual
# "drag to Applications" link: dist/ChurnGuard-<version>-macos-<arch>.dmg. Run from the repository root, on macOS.
set -eu
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' churnguard_gui/__init__.py)
app=dist/ChurnGuard.app
[ -d "$app" ] || { echo "make-dmg: $app is missing; build it first (make dist)"; exit 1; }
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
out="dist/ChurnGuard-$version-macos-$(uname -m).dmg"
rm -f "$out"
hdiutil create -volname "ChurnGuard $version" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$out"
hdiutil verify "$out"
echo "make-dmg: $out"

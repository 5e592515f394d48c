#!/bin/sh
# Smoke test of an installed or built ChurnGuard, run as a user would, in an empty folder away from the checkout:
#   sh scripts/smoke-test.sh PROGRAM [--cli-only | --gui-only]
# PROGRAM: dist/ChurnGuard/ChurnGuard (make dist), a venv's bin/churnguard (a wheel), or a command on PATH.
# Runs `--version`, `demo`, `--lang zh check`, `handover-report` in Chinese (the shipped font must be embedded) and
# a damaged database (exit 1, no traceback); unless --cli-only, opens the app offscreen and expects it still open
# after a few seconds. --gui-only only opens the app (Windows' windowed ChurnGuard.exe has no console to print to).
# The PDF is checked with pdffonts and pdftotext (poppler-utils: make sysdeps) or, where they are missing (Windows
# and macOS CI), with scripts/pdf_check.py run by $SMOKE_PYTHON (default python3; needs pypdf).
set -u
here="$(cd "$(dirname "$0")" && pwd)"
case "$1" in
  */*) prog="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")" ;;
  *) prog="$(command -v "$1")" ;;
esac
mode=${2:-}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
# A clean user: its own data, settings and log folders, an English locale unless --lang says otherwise.
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" \
  XDG_CACHE_HOME="$work/cache" LANG=C.UTF-8 LC_ALL=C.UTF-8
mkdir -p "$HOME"
failed=0
fail() { echo "smoke-test FAILED: $*"; failed=1; }
run() {  # run ARGS...: the program's output in out.txt, its exit status in $rc
  "$prog" "$@" >out.txt 2>&1; rc=$?
  if grep -q Traceback out.txt; then fail "$* printed a traceback"; cat out.txt; fi
}

echo "smoke-test: $prog $mode"
if [ "$mode" != --gui-only ]; then
  run --version
  [ $rc = 0 ] || fail "--version exit $rc"
  cat out.txt
  run --db firm.db demo
  { [ $rc = 0 ] && grep -q "Demo firm added: 300 clients, 12 staff" out.txt; } || { fail "demo (exit $rc)"; cat out.txt; }
  run --lang zh --db firm.db check
  { [ $rc = 0 ] && grep -q "数据库" out.txt; } || { fail "--lang zh check (exit $rc), expected Chinese"; cat out.txt; }
  cat out.txt
  run --lang zh --db firm.db handover-report 孙丽 --out 交接.pdf --lang zh
  { [ $rc = 0 ] && [ -s 交接.pdf ]; } || { fail "handover-report (exit $rc)"; cat out.txt; }
  cat out.txt
  if [ -s 交接.pdf ] && command -v pdffonts >/dev/null && command -v pdftotext >/dev/null; then
    pdffonts 交接.pdf | grep -Eq "WenQuanYi.* yes +yes" || { fail "the Chinese font is not embedded"; pdffonts 交接.pdf; }
    pdftotext 交接.pdf - | grep -q "孙丽" || fail "the report does not contain the staff member's name in Chinese"
  elif [ -s 交接.pdf ]; then
    "${SMOKE_PYTHON:-python3}" "$here/pdf_check.py" 交接.pdf WenQuanYi 孙丽 || fail "font or text missing in the report"
  fi
  printf 'not a database, only some text\n' > damaged.db
  run --db damaged.db check
  [ $rc = 1 ] || { fail "a damaged database gave exit $rc, expected 1"; cat out.txt; }
fi
if [ "$mode" != --cli-only ]; then
  # The app itself: still open after 6 s (timeout ends it: 124) is good; anything else is a failure.
  QT_QPA_PLATFORM=offscreen timeout 6 "$prog" --db firm.db --lang zh >out.txt 2>&1; rc=$?
  [ $rc = 124 ] || { fail "the app did not stay open (exit $rc)"; cat out.txt; }
  ! grep -q Traceback out.txt || { fail "the app printed a traceback"; cat out.txt; }
fi
[ $failed = 0 ] && echo "smoke-test passed: $prog"
exit $failed

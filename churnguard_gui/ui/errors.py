"""Showing errors: expected ones as a clear message, anything else as a logged crash dialog."""
from __future__ import annotations

import logging
import sys
import time
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from churnguard_gui.core.errors import ChurnError
from churnguard_gui.store.crypto import Error as DB_ERRORS  # sqlite3's and sqlcipher3's

log = logging.getLogger("churnguard")


def show_error(parent: QWidget | None, error: ChurnError, title: str | None = None) -> None:
    QMessageBox.warning(parent, title or QCoreApplication.translate("errors", "Cannot do that"), str(error))


_last_shown: dict[str, float] = {}
_showing: list[str] = []
_crash_open: list[QMessageBox] = []  # the crash box being shown, if any


def _show_once(error: ChurnError, quiet_seconds: float = 10.0) -> None:
    """One box at a time, and the same message not again within quiet_seconds after it was closed (every view
    hitting one damaged page at once would otherwise open a box each)."""
    text = str(error)
    if _showing or time.monotonic() - _last_shown.get(text, -quiet_seconds) < quiet_seconds:
        log.warning("not shown again: %s", text)
        return
    _showing.append(text)
    try:
        show_error(None, error)
    finally:
        _showing.pop()
        _last_shown[text] = time.monotonic()


def install_crash_handler() -> None:
    """An unexpected exception is a bug: log it in full and tell the user plainly."""

    def handle(kind, value, tb) -> None:
        if isinstance(value, (*DB_ERRORS, OSError)):  # a database or disk failure (damage found mid-session,
            from churnguard_gui.store.db import translate  # a full disk, a lock): worded, not a bug

            value = translate(value)
        if isinstance(value, ChurnError):
            _show_once(value)
            return
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error\n%s", text)
        if _crash_open:  # a bug repeating on every event (a paint, say) must not stack boxes until Qt runs out of
            return  # stack: one box at a time; the rest are in the log
        box = QMessageBox(QMessageBox.Icon.Critical,
                          QCoreApplication.translate("errors", "ChurnGuard hit a bug"),
                          QCoreApplication.translate(
                              "errors", "Something went wrong that should not have. Your data is safe: the change "
                              "in progress was not saved. Please send the details below to support."))
        box.setDetailedText(text)
        _crash_open.append(box)
        try:
            box.exec()
        finally:
            _crash_open.clear()

    sys.excepthook = handle

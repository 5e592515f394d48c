"""Showing errors: expected ones as a clear message, anything else as a logged crash dialog."""
from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from churnguard_gui.core.errors import ChurnError

log = logging.getLogger("churnguard")


def show_error(parent: QWidget | None, error: ChurnError, title: str | None = None) -> None:
    QMessageBox.warning(parent, title or QCoreApplication.translate("errors", "Cannot do that"), str(error))


def install_crash_handler() -> None:
    """An unexpected exception is a bug: log it in full and tell the user plainly."""

    def handle(kind, value, tb) -> None:
        if isinstance(value, ChurnError):
            show_error(None, value)
            return
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error\n%s", text)
        box = QMessageBox(QMessageBox.Icon.Critical,
                          QCoreApplication.translate("errors", "ChurnGuard hit a bug"),
                          QCoreApplication.translate(
                              "errors", "Something went wrong that should not have. Your data is safe: the change "
                              "in progress was not saved. Please send the details below to support."))
        box.setDetailedText(text)
        box.exec()

    sys.excepthook = handle

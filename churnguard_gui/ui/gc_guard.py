"""Python's garbage collector runs only on the GUI thread.

If the collector starts while a worker thread runs, it may free Qt objects there and crash the app
(seen here as a segfault in an import worker). So automatic collection is turned off and the GUI
thread collects on a timer and whenever a worker finishes, as Anki does for the same reason.
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 5000


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    @staticmethod
    def collect() -> None:
        gc.collect()


_collector: MainThreadCollector | None = None


def install(parent: QObject) -> MainThreadCollector:
    """Turn automatic collection off and collect on the GUI thread from now on (idempotent)."""
    global _collector
    if _collector is None:
        _collector = MainThreadCollector(parent)
    return _collector

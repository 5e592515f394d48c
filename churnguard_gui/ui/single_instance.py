"""One ChurnGuard window per database: a second start raises the first window instead of opening another.

A QLockFile (stale when its process is gone) says who is first; a later start writes to a small "raise" file
that the first instance watches (QFileSystemWatcher: no network module needed, which the built app leaves out).
"""
from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDir, QFileSystemWatcher, QLockFile, QObject


def _name(db_path: str | Path) -> str:
    digest = hashlib.sha1(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"churnguard-{digest}"


class SingleInstance(QObject):
    """acquire() is True for the first start on a database; later starts call notify_first() and quit."""

    def __init__(self, db_path: str | Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        name = _name(db_path)
        self._lock = QLockFile(QDir.temp().filePath(f"{name}.lock"))
        self._lock.setStaleLockTime(0)  # only a lock whose process is gone is stale: a crash does not block
        self._requests = Path(QDir.temp().filePath(f"{name}.raise"))
        self._watcher: QFileSystemWatcher | None = None

    def acquire(self) -> bool:
        if not self._lock.tryLock(200):
            return False
        try:
            self._requests.write_text("", encoding="utf-8")
        except OSError:
            return True  # the app still runs; a second start just cannot raise this window
        self._watcher = QFileSystemWatcher([str(self._requests)], self)
        return True

    def on_second_start(self, raise_window: Callable[[], None]) -> None:
        if self._watcher is not None:
            self._watcher.fileChanged.connect(lambda _path: raise_window())

    def notify_first(self) -> bool:
        """Ask the first instance to raise its window; False when that cannot be asked."""
        try:
            with self._requests.open("a", encoding="utf-8") as handle:
                handle.write(f"{time.time()}\n")
        except OSError:
            return False
        return True

    def release(self) -> None:
        if self._watcher is not None:
            self._watcher.removePaths(self._watcher.files())
        self._lock.unlock()

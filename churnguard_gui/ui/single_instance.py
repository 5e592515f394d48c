"""One ChurnGuard window per database: a second start raises the first window instead of opening another."""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket


def _name(db_path: str | Path) -> str:
    digest = hashlib.sha1(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"churnguard-{digest}"


class SingleInstance(QObject):
    """acquire() is True for the first start on a database; later starts call notify_first() and quit."""

    def __init__(self, db_path: str | Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = _name(db_path)
        self._lock = QLockFile(QDir.temp().filePath(f"{self._name}.lock"))
        self._lock.setStaleLockTime(0)  # a crashed first instance (its process gone) does not block a new start
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        if not self._lock.tryLock(200):
            return False
        QLocalServer.removeServer(self._name)  # a socket left by a crash
        self._server = QLocalServer(self)
        self._server.listen(self._name)
        return True

    def on_second_start(self, raise_window: Callable[[], None]) -> None:
        if self._server is not None:
            self._server.newConnection.connect(lambda: self._answer(raise_window))

    def _answer(self, raise_window: Callable[[], None]) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.disconnectFromServer()
            socket.deleteLater()
        raise_window()

    def notify_first(self, timeout_ms: int = 2000) -> bool:
        """Ask the first instance to raise its window; True when it answered."""
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(b"raise\n")
        socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
        self._lock.unlock()

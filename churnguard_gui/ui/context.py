"""The one application context: the open database, its file, settings and language, swapped safely on restore.

Windows and tabs read `context.db` when they need it instead of keeping their own connection, and rebuild what
shows records when `database_changed` is emitted (after a restore), so nothing holds a stale connection. Jobs on
worker threads open their own connection with `context.open_connection()`.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from sqlite_utils import Database

from churnguard_gui.core.errors import StoreError
from churnguard_gui.i18n import language
from churnguard_gui.store import backup as backups
from churnguard_gui.store import crypto
from churnguard_gui.store.db import close_db, open_db
from churnguard_gui.ui.operations import Operations, operations


class AppContext(QObject):
    database_changed = Signal()  # the database was swapped (a restore): rebuild views on context.db
    backups_changed = Signal()  # a backup was made or restored: the status bar shows the newest

    def __init__(self, path: str | Path, settings: QSettings, db: Database | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = str(path)
        self.settings = settings
        self._db = db

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = open_db(self.path)
        return self._db

    @property
    def language(self) -> str:
        return language()

    @property
    def operations(self) -> Operations:
        return operations()

    def open_connection(self) -> Database:
        """A connection of its own for a job on a worker thread (close it when done)."""
        return open_db(self.path)

    def close(self) -> None:
        if self._db is not None:
            close_db(self._db)
            self._db = None

    # -- backups
    def backup_folder(self) -> Path:
        return backups.backup_folder(self.path, self._db)

    def last_backup(self) -> dt.datetime | None:
        return backups.last_backup(self.path, self.backup_folder())

    def backup_now(self, reason: str = "manual") -> Path:
        """A verified backup from a connection of its own (callable from a worker thread)."""
        db = self.open_connection()
        try:
            return backups.make_backup(db, self.path, reason=reason)
        finally:
            close_db(db)

    def daily_backup(self) -> Path | None:
        return backups.daily_backup(self.db, self.path)

    def restore(self, backup: str | Path) -> Path | None:
        """Swap the restored backup in under every window: jobs stopped, the connection closed, the file replaced
        (the current one backed up first), a new connection opened, database_changed emitted."""
        if not self.operations.shutdown():
            raise StoreError("db_locked", file=self.path)
        self.close()
        try:
            kept = backups.restore(self.path, backup)
        finally:
            self._db = open_db(self.path)  # the restored file, or the untouched old one if the restore failed
            self.database_changed.emit()
        self.backups_changed.emit()
        return kept

    # -- password (encryption at rest)
    @staticmethod
    def needs_password(path: str | Path) -> bool:
        """The file is encrypted and this process does not hold its password yet."""
        return crypto.is_encrypted(path) and crypto.password_for(path) is None

    @staticmethod
    def unlock(path: str | Path, password: str) -> None:
        """Check the password on the file (StoreError password_wrong) and hold it for every connection."""
        crypto.connect(str(path), password, file=str(path)).close()
        crypto.remember(path, password)

    @property
    def encrypted(self) -> bool:
        return crypto.is_encrypted(self.path)

    def password_matches(self, typed: str) -> bool:
        """For the lock screen: the password this session was opened with."""
        return crypto.matches(self.path, typed)

    def change_password(self, new: str | None, old: str | None, progress=None):
        """Set, change or remove the password (from a worker: the context's connection is closed first by
        begin_password_change and reopened by end_password_change on the GUI thread)."""
        from churnguard_gui.store.password import change_password

        return change_password(self.path, new, old)

    def begin_password_change(self) -> None:
        if not self.operations.shutdown():
            raise StoreError("db_locked", file=self.path)
        self.close()

    def end_password_change(self) -> None:
        self._db = open_db(self.path)
        self.database_changed.emit()
        self.backups_changed.emit()

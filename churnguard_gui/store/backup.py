"""Verified backups (SQLite's backup API, then integrity and application id checked on the copy), rotation, restore."""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.private import create_private, private_file, private_folder
from churnguard_gui.store import crypto

FOLDER_SETTING = "backup_folder"
DAILY, WEEKLY, MONTHLY, NEWEST = 7, 4, 12, 3  # rotation: newest per day / ISO week / month, and the newest three
STALE_AFTER = dt.timedelta(days=7)
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z-]+)\.db$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made: dt.datetime
    reason: str
    size: int
    clients: int | None = None  # None: the copy cannot be read
    staff: int | None = None

    @property
    def readable(self) -> bool:
        return self.clients is not None


def default_folder(db_path: str | Path) -> Path:
    """Beside the database: firm.db keeps its backups in 'firm.db backups'."""
    db_path = Path(db_path)
    return db_path.parent / f"{db_path.name} backups"


def backup_folder(db_path: str | Path, db: Database | None = None) -> Path:
    """The folder chosen in settings (a USB stick, a synced folder), else the one beside the database."""
    chosen = ""
    try:
        if db is not None:
            row = db.execute("SELECT value FROM settings WHERE key = ?", [FOLDER_SETTING]).fetchone()
        else:
            row = _read_only(db_path, "SELECT value FROM settings WHERE key = ?", [FOLDER_SETTING])
        chosen = row[0] if row else ""
    except (*crypto.Error, StoreError, OSError):
        pass  # a damaged (or still locked) database still has its backups beside it
    return Path(chosen) if chosen else default_folder(db_path)


def _read_only(db_path: str | Path, sql: str, params: list) -> tuple | None:
    from churnguard_gui.store.db import read_only

    if not Path(db_path).exists():
        return None
    with read_only(db_path) as conn:
        return conn.execute(sql, params).fetchone()


def make_backup(db: Database, db_path: str | Path, reason: str = "manual", folder: Path | None = None,
                audited: bool = True) -> Path:
    """Copy the open database into the backup folder, verify the copy, and only then rotate older ones out.

    audited=False when the caller's own audit row names the backup (an import, a handover). The copy of an
    encrypted database is made through its keyed connection into a file keyed with the same password: a backup
    is never plain when the database is not."""
    from churnguard_gui.store.db import translate

    password = crypto.password_for(db_path) if crypto.is_keyed(db.conn) else None

    folder = folder or backup_folder(db_path, db)
    stamp = dt.datetime.now()
    final = folder / f"{Path(db_path).stem}-{stamp:%Y%m%d-%H%M%S}-{reason}.db"
    while final.exists():
        stamp += dt.timedelta(seconds=1)
        final = folder / f"{Path(db_path).stem}-{stamp:%Y%m%d-%H%M%S}-{reason}.db"
    tmp = folder / f".{final.name}.tmp"
    try:
        if not folder.exists() or folder == default_folder(db_path):
            private_folder(folder)  # one we create, or the one beside the database: 0700
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        create_private(tmp)  # the copy is 0600 from its first byte
        copy = crypto.connect(str(tmp), password) if password else sqlite3.connect(str(tmp), isolation_level=None)
        try:
            db.conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # a self-contained file: no -wal beside a backup
        finally:
            copy.close()
        _fsync(tmp)
        verify(tmp, password) if password else verify(tmp)
        os.replace(tmp, final)
        _fsync_dir(folder)
    except (OSError, *crypto.Error) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        error = translate(exc, str(final))
        raise StoreError("backup_failed", file=str(folder), details={"reason": str(error)}) from None
    except StoreError as error:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StoreError("backup_failed", file=str(folder), details={"reason": str(error)}) from None
    rotate(folder, Path(db_path).stem)
    if audited:
        _audit(db, "backup", file=str(final), reason=reason)
    return final


def backup_before(db: Database, reason: str) -> Path | None:
    """A verified backup before a big change (an import, a finished handover); none for a database in memory."""
    path = db_file(db)
    if path is None or db.conn.in_transaction:
        return None
    return make_backup(db, path, reason=reason, audited=False)


def db_file(db: Database) -> Path | None:
    """The file behind an open database (None for one in memory)."""
    for _, name, file in db.execute("PRAGMA database_list"):
        if name == "main":
            return Path(file) if file else None
    return None


def _audit(db: Database, action: str, **detail: object) -> None:
    from churnguard_gui.store.db import audit, writing

    if db.conn.in_transaction:
        return
    with contextlib.suppress(StoreError, *crypto.Error), writing(db):
        audit(db, action, **detail)


def verify(path: str | Path, password: str | None = None) -> tuple[int, int]:
    """Full integrity check, our application id and every table on a copy; (clients, staff) when all is well.
    An encrypted copy needs its password (password_needed / password_wrong otherwise)."""
    from churnguard_gui.store.db import APPLICATION_ID, REQUIRED_TABLES

    try:
        conn = crypto.open_file(path, password, read_only=True)
    except crypto.Error as exc:
        raise StoreError("backup_damaged", file=str(path), details={"detail": str(exc)}) from None
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
        if result != ["ok"]:
            raise StoreError("backup_damaged", file=str(path), details={"detail": "; ".join(result)})
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise StoreError("backup_damaged", file=str(path), details={"detail": "not a ChurnGuard database"})
        tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            raise StoreError("backup_damaged", file=str(path), details={"detail": ", ".join(missing)})
        return (conn.execute("SELECT count(*) FROM clients").fetchone()[0],
                conn.execute("SELECT count(*) FROM staff").fetchone()[0])
    except crypto.Error as exc:
        raise StoreError("backup_damaged", file=str(path), details={"detail": str(exc)}) from None
    finally:
        conn.close()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name != "nt":
        with contextlib.suppress(OSError):
            _fsync(folder)


def _parse(path: Path, stem: str | None = None) -> tuple[dt.datetime, str] | None:
    match = _NAME.match(path.name)
    if not match or (stem is not None and match["stem"] != stem):
        return None
    return dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S"), match["reason"]


def rotate(folder: Path, stem: str) -> list[Path]:
    """Delete backups beyond the rotation (7 daily, 4 weekly, 12 monthly, the 3 newest); returns the deleted."""
    found = sorted(((made, path) for path in folder.glob(f"{stem}-*.db")
                    if (parsed := _parse(path, stem)) for made in [parsed[0]]), reverse=True)
    keep = {path for _, path in found[:NEWEST]}
    for bucket, limit in ((lambda d: d.date(), DAILY), (lambda d: d.isocalendar()[:2], WEEKLY),
                          (lambda d: (d.year, d.month), MONTHLY)):
        seen: list[object] = []
        for made, path in found:
            period = bucket(made)
            if period not in seen and len(seen) < limit:
                seen.append(period)
                keep.add(path)
    removed = []
    for _, path in found:
        if path not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def list_backups(db_path: str | Path, folder: Path | None = None, counts: bool = True) -> list[BackupInfo]:
    """The backups of this database, newest first, with size and (when readable) client and staff counts."""
    folder = folder or backup_folder(db_path)
    stem = Path(db_path).stem
    password = crypto.password_for(db_path)
    infos = []
    for path in folder.glob(f"{stem}-*.db") if folder.is_dir() else ():
        parsed = _parse(path, stem)
        if parsed is None:
            continue
        clients = staff = None
        if counts:
            with contextlib.suppress(*crypto.Error, StoreError, OSError):
                clients, staff = _counts(path, password)
        infos.append(BackupInfo(path, parsed[0], parsed[1], path.stat().st_size, clients, staff))
    return sorted(infos, key=lambda info: info.made, reverse=True)


def _counts(path: Path, password: str | None) -> tuple[int, int]:
    conn = crypto.open_file(path, password, read_only=True)
    try:
        return (conn.execute("SELECT count(*) FROM clients").fetchone()[0],
                conn.execute("SELECT count(*) FROM staff").fetchone()[0])
    finally:
        conn.close()


def last_backup(db_path: str | Path, folder: Path | None = None) -> dt.datetime | None:
    """When the newest backup was made (from the names of verified copies: only verified ones are named)."""
    backups = list_backups(db_path, folder, counts=False)
    return backups[0].made if backups else None


def is_stale(made: dt.datetime | None, now: dt.datetime | None = None) -> bool:
    return made is None or (now or dt.datetime.now()) - made > STALE_AFTER


def newest_verified(db_path: str | Path, folder: Path | None = None) -> BackupInfo | None:
    """The newest backup that passes the full check now (offered when the database is damaged)."""
    for info in list_backups(db_path, folder, counts=False):
        try:
            clients, staff = verify(info.path, crypto.password_for(db_path))
        except StoreError:
            continue
        return BackupInfo(info.path, info.made, info.reason, info.size, clients, staff)
    return None


def daily_backup(db: Database, db_path: str | Path, today: dt.date | None = None) -> Path | None:
    """A backup on open, at most once a day."""
    made = last_backup(db_path, backup_folder(db_path, db))
    if made is not None and made.date() == (today or dt.date.today()):
        return None
    return make_backup(db, db_path, reason="daily")


def restore(db_path: str | Path, backup: str | Path, password: str | None = None) -> Path | None:
    """Put a verified backup in place of the database (which must not be open). The current file is backed up
    first, or, if damaged, kept byte for byte in a folder beside it; returns that copy. An encrypted backup opens
    only with its password (given, else the database's own): the restored database then has that password."""
    from churnguard_gui.store import walguard
    from churnguard_gui.store.db import DamagedDatabase, close_db, inspect, is_open_here, open_db, translate

    db_path, backup = Path(db_path), Path(backup)
    if not backup.exists():
        raise StoreError("file_missing", file=str(backup))
    password = password or crypto.password_for(db_path)
    backup_encrypted = crypto.is_encrypted(backup)
    verify(backup, password)
    if is_open_here(db_path) or walguard.in_use_elsewhere(db_path):
        raise StoreError("db_locked", file=str(db_path))
    folder = backup_folder(db_path)
    kept: Path | None = None
    try:
        if db_path.exists():
            try:
                inspect(db_path)
                current = open_db(db_path, backup_before_migrating=False)
                try:
                    kept = make_backup(current, db_path, reason="before-restore", folder=folder)
                finally:
                    close_db(current)
            except DamagedDatabase:
                kept = _keep_damaged(db_path)
        tmp = db_path.parent / f".{db_path.name}.restoring.tmp"
        shutil.copyfile(backup, tmp)
        private_file(tmp)
        _fsync(tmp)
        _set_aside_wal(db_path)
        os.replace(tmp, db_path)
        _fsync_dir(db_path.parent)
    except OSError as exc:
        raise translate(exc, str(db_path)) from None
    if backup_encrypted and password:
        crypto.remember(db_path, password)
    restored = open_db(db_path, backup_before_migrating=False)
    try:
        _audit(restored, "restore", file=str(backup), previous=str(kept or ""))
    finally:
        close_db(restored)
    return kept


def _keep_damaged(db_path: Path) -> Path:
    """A damaged database (and its WAL) copied byte for byte into a folder beside it before a restore."""
    folder = private_folder(db_path.parent / f"{db_path.name}.damaged-{dt.datetime.now():%Y%m%d-%H%M%S}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{db_path}{suffix}")
        if source.exists():
            shutil.copy2(source, folder / source.name)
            private_file(folder / source.name)
    return folder / db_path.name


def _set_aside_wal(db_path: Path) -> None:
    """The old file's -wal/-shm must never be applied to the restored copy (their content is in the backup made
    just before, or in the byte-for-byte copy of a damaged file)."""
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{db_path}{suffix}").unlink()

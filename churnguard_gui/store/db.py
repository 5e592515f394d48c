"""Opening the one SQLite file safely: our application id, pragmas, migrations, clear refusals."""
from __future__ import annotations

import contextlib
import errno
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from churnguard_gui.core.errors import StoreError
from churnguard_gui.store.migrations import migrations

APPLICATION_ID = 0x43475244  # "CGRD"
SCHEMA_VERSION = len(migrations._migrations)


def default_db_path() -> Path:
    """The per-user data folder, the same for the app and the headless commands."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("ChurnGuard", appauthor=False)) / "churnguard.db"


def open_db(path: str | Path | None = None, *, create: bool = True) -> Database:
    """Open (and create or upgrade) the database at path; ':memory:' gives a private one for tests."""
    target = default_db_path() if path is None else path
    if str(target) != ":memory:":
        target = Path(target)
        if not target.exists() and not create:
            raise StoreError("file_missing", file=str(target))
        target.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Autocommit outside explicit transactions: every write path opens its own with writing().
        conn = sqlite3.connect(str(target), timeout=5, isolation_level=None)
        db = Database(conn, execute_plugins=False)
        _check_ours(db, str(target))
        db.execute("PRAGMA foreign_keys = ON")
        if str(target) != ":memory:":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        # 32 MB of page cache (the default is 8 MB): a 100,000-client firm's overview joins stay in memory.
        db.execute("PRAGMA cache_size = -32768")
        _upgrade(db)
    except sqlite3.DatabaseError as exc:
        raise translate(exc, str(target)) from None
    return db


def _check_ours(db: Database, name: str) -> None:
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    has_tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    if app_id != APPLICATION_ID and (app_id != 0 or has_tables):
        raise StoreError("not_churnguard", file=name)
    if version > SCHEMA_VERSION:
        raise StoreError("db_too_new", file=name, details={"found": version, "known": SCHEMA_VERSION})


def _upgrade(db: Database) -> None:
    known = {m.name for m in migrations._migrations}
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        raise StoreError("db_too_new", details={"found": ", ".join(unknown), "known": SCHEMA_VERSION})
    if migrations.pending(db):
        migrations.apply(db)
        with db.atomic():
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def translate(exc: BaseException, name: str | None = None) -> StoreError:
    """An expected SQLite or OS failure as a StoreError with a code the UI can word."""
    text = str(exc).lower()
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "full" in text:
        return StoreError("disk_full", file=name)
    if "locked" in text or "busy" in text:
        return StoreError("db_locked", file=name)
    if "readonly" in text or "read-only" in text:
        return StoreError("db_readonly", file=name)
    if "not a database" in text or "malformed" in text:
        return StoreError("not_sqlite", file=name)
    return StoreError("write_failed", file=name, details={"reason": str(exc)})


@contextlib.contextmanager
def writing(db: Database) -> Iterator[Database]:
    """One transaction; expected SQLite failures come out as StoreError, and nothing is half-written."""
    try:
        with db.atomic():
            yield db
    except sqlite3.OperationalError as exc:
        raise translate(exc) from None


def audit(db: Database, action: str, **detail: object) -> None:
    """Append one row to the audit log (imports, exports, prints, backups, restores, deletions)."""
    import json

    db.execute("INSERT INTO audit_log (action, detail) VALUES (?, ?)",
               [action, json.dumps(detail, ensure_ascii=False, default=str)])

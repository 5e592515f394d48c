"""Opening the one SQLite file safely: checked before any write, stray WAL kept aside, writes that wait."""
from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.private import create_private, private_folder, private_sidecars
from churnguard_gui.store import crypto, walguard
from churnguard_gui.store.migrations import migrations

APPLICATION_ID = 0x43475244  # "CGRD"


def _migration_names() -> tuple[str, ...]:
    """Every registered migration's name, in order: what an empty database has pending (public sqlite-utils API).
    Without sqlite-utils plugins, as every connection here: loading them scans every installed package's entry
    points (importlib.metadata), which cost each command ~30 ms at import and could run code no one chose."""
    empty = Database(memory=True, execute_plugins=False)
    try:
        return tuple(m.name for m in migrations.pending(empty))
    finally:
        empty.close()


MIGRATION_NAMES = _migration_names()
SCHEMA_VERSION = len(MIGRATION_NAMES)
REQUIRED_TABLES = ("staff", "clients", "client_contacts", "client_team", "ownership_history", "contact_log",
                   "audit_log", "settings")
BUSY_TIMEOUT = float(os.environ.get("CHURNGUARD_BUSY_TIMEOUT", "5"))  # seconds a write waits for the lock
_open_here: Counter[str] = Counter()  # databases this process has open (their WAL is live, never "stray")


class DamagedDatabase(StoreError):
    """The file is not a healthy ChurnGuard database; it was left exactly as it was."""


class ChurnDatabase(Database):
    """A sqlite-utils Database that remembers it is open in this process until closed."""

    opened_key: str | None = None

    def close(self) -> None:
        close_db(self)


def default_db_path() -> Path:
    """The per-user data folder, the same for the app and the headless commands."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("ChurnGuard", appauthor=False)) / "churnguard.db"


def open_db(path: str | Path | None = None, *, create: bool = True, backup_before_migrating: bool = True,
            password: str | None = None) -> Database:
    """Open (and create or upgrade) the database at path; ':memory:' gives a private one for tests.

    An existing file is checked read-only first (a leftover WAL kept aside and tried on a copy); a damaged or
    foreign file raises DamagedDatabase and is not written to. An encrypted file needs its password (given, or
    remembered by crypto.remember): none raises password_needed, a wrong one password_wrong."""
    target = default_db_path() if path is None else path
    if str(target) == ":memory:":
        db = _connect(":memory:", ":memory:")
        _upgrade(db, None)
        return db
    target = Path(target)
    if not target.exists() and not create:
        raise StoreError("file_missing", file=str(target))
    if crypto.is_encrypted(target):
        return _open_encrypted(target, password or crypto.password_for(target), backup_before_migrating)
    try:
        if not target.parent.exists() or path is None:
            private_folder(target.parent)  # a folder we create (or the per-user data folder) is 0700
        existed = target.exists()
        if existed:
            private_sidecars(target)  # 0600, before SQLite opens it (it gives a new -wal/-shm the file's mode)
        else:
            create_private(target)
        if existed and not is_open_here(target):  # already open here: checked then, its WAL is live
            with walguard.opening(target):
                walguard.keep_stray_wal(target, inspect)
                inspect(target)
                db = _connect(str(target), key(target))  # once connected, the WAL is live for the next opener
        else:
            db = _connect(str(target), key(target))
    except OSError as exc:
        raise translate(exc, str(target)) from None
    try:
        _upgrade(db, target if backup_before_migrating else None)
    except BaseException:
        close_db(db)
        raise
    return db


def _open_encrypted(target: Path, password: str | None, backup_before_migrating: bool) -> Database:
    """An encrypted database: keyed through sqlcipher3, then the same checks as a plain one on that connection."""
    if not password:
        raise StoreError("password_needed", file=str(target))
    private_sidecars(target)
    db = _connect(str(target), key(target), password)
    crypto.remember(target, password)  # for this process's other connections (workers, backups)
    try:
        _inspect_open(db.conn, str(target))
    except crypto.OperationalError as exc:
        close_db(db)
        raise translate(exc, str(target)) from None
    except crypto.DatabaseError as exc:
        close_db(db)
        raise DamagedDatabase("db_damaged", file=str(target), details={"detail": plain(str(exc))}) from None
    except BaseException:
        close_db(db)
        raise
    try:
        _upgrade(db, target if backup_before_migrating else None)
    except BaseException:
        close_db(db)
        raise
    return db


def key(path: str | Path) -> str:
    return str(Path(path).resolve())


def is_open_here(path: str | Path) -> bool:
    return _open_here[key(path)] > 0


def _connect(name: str, opened_key: str, password: str | None = None) -> Database:
    try:
        # Autocommit outside explicit transactions: every write path opens its own with writing().
        if password:
            conn = crypto.connect(name, password, timeout=BUSY_TIMEOUT)
        else:
            conn = sqlite3.connect(name, timeout=BUSY_TIMEOUT, isolation_level=None)
    except crypto.Error as exc:
        raise translate(exc, name) from None
    db = ChurnDatabase(conn, execute_plugins=False)
    _open_here[opened_key] += 1
    db.opened_key = opened_key
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA secure_delete = ON")  # a deleted record's bytes are overwritten, not left in free pages
        if name != ":memory:":
            _retry_busy(lambda: db.execute("PRAGMA journal_mode = WAL"))
        db.execute("PRAGMA synchronous = FULL")
        # 32 MB of page cache (the default is 8 MB): a 100,000-client firm's overview joins stay in memory.
        db.execute("PRAGMA cache_size = -32768")
    except crypto.Error as exc:
        close_db(db)
        raise translate(exc, name) from None
    return db


def close_db(db: Database) -> None:
    """Close a connection opened by open_db (its WAL is then no longer live for this process)."""
    with contextlib.suppress(*crypto.Error):
        db.conn.close()
    if isinstance(db, ChurnDatabase) and db.opened_key and _open_here[db.opened_key] > 0:
        _open_here[db.opened_key] -= 1
        db.opened_key = None


def inspect(path: str | Path) -> None:
    """Check a database file read-only (header, quick_check, application id, tables); DamagedDatabase if unhealthy."""
    path = Path(path)
    name = str(path)
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise translate(exc, name) from None
    if not header:
        return  # an empty file: a new database
    encrypted = crypto.is_encrypted(path)
    if not header.startswith(b"SQLite format 3\x00") and not encrypted:
        raise DamagedDatabase("not_sqlite", file=name)
    before = {suffix: Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm")}
    try:
        if encrypted:
            conn = crypto.open_file(path, crypto.password_for(path), read_only=True)
        else:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
    except crypto.Error as exc:
        raise DamagedDatabase("db_damaged", file=name, details={"detail": plain(str(exc))}) from None
    try:
        _inspect_open(conn, name)
    except crypto.OperationalError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise StoreError("db_locked", file=name) from None
        raise DamagedDatabase("db_damaged", file=name, details={"detail": plain(str(exc))}) from None
    except crypto.DatabaseError as exc:
        raise DamagedDatabase("db_damaged", file=name, details={"detail": plain(str(exc))}) from None
    finally:
        conn.close()
        _remove_own_sidecars(path, before)


@contextlib.contextmanager
def read_only(path: str | Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection that leaves no -wal/-shm behind beside a file that had none."""
    path = Path(path)
    before = {suffix: Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm")}
    if crypto.is_encrypted(path):
        conn = crypto.open_file(path, crypto.password_for(path), read_only=True)
    else:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
    try:
        yield conn
    finally:
        conn.close()
        _remove_own_sidecars(path, before)


def _remove_own_sidecars(path: Path, before: dict[str, bool]) -> None:
    """The empty -wal/-shm a read-only look created beside a file that had none go again (nobody else has it open:
    a connection keeps its -shm)."""
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if before["-wal"] or before["-shm"] or (wal.exists() and wal.stat().st_size) or walguard.in_use_elsewhere(path):
        return
    for sidecar in (wal, shm):
        with contextlib.suppress(OSError):
            sidecar.unlink()


def plain(detail: str) -> str:
    """SQLite's report shortened to its first finding, on one line."""
    lines = [line.strip() for line in detail.splitlines() if line.strip() and not line.startswith("***")]
    first = lines[0] if lines else detail
    more = len(lines) - 1
    return f"{first} (+{more})" if more > 0 else first

def _inspect_open(conn: sqlite3.Connection, name: str) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if app_id != APPLICATION_ID and (app_id != 0 or tables):
        raise DamagedDatabase("not_churnguard", file=name)
    if version > SCHEMA_VERSION:
        raise StoreError("db_too_new", file=name, details={"found": version, "known": SCHEMA_VERSION})
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if app_id == APPLICATION_ID and missing:
        raise DamagedDatabase("tables_missing", file=name, details={"tables": ", ".join(missing)})
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        raise DamagedDatabase("db_damaged", file=name, details={"detail": plain("\n".join(problems))})


def _upgrade(db: Database, path: Path | None) -> None:
    known = set(MIGRATION_NAMES)
    try:
        applied = migrations.applied(db)
    except crypto.Error as exc:
        raise translate(exc, None if path is None else str(path)) from None
    unknown = [m.name for m in applied if m.name not in known]
    if unknown:
        raise StoreError("db_too_new", details={"found": ", ".join(unknown), "known": SCHEMA_VERSION})
    if not migrations.pending(db):
        return
    if path is not None and applied:
        from churnguard_gui.store.backup import make_backup

        make_backup(db, path, reason="before-upgrade")
    try:
        _retry_busy(lambda: migrations.apply(db))
        with writing(db):
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except crypto.Error as exc:
        raise translate(exc, None if path is None else str(path)) from None


def translate(exc: BaseException, name: str | None = None) -> StoreError:
    """An expected SQLite or OS failure as a StoreError with a code the UI can word."""
    if isinstance(exc, StoreError):
        return exc
    text = str(exc).lower()
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "full" in text:
        return StoreError("disk_full", file=name)
    if "locked" in text or "busy" in text:
        return StoreError("db_locked", file=name)
    if "readonly" in text or "read-only" in text:
        return StoreError("db_readonly", file=name)
    if "malformed" in text or "corrupt" in text:
        return DamagedDatabase("db_damaged", file=name, details={"detail": plain(str(exc))})
    if "not a database" in text:
        return DamagedDatabase("not_sqlite", file=name)
    if "no such table" in text or "no such column" in text:
        return DamagedDatabase("tables_missing", file=name, details={"tables": str(exc).split(":")[-1].strip()})
    if isinstance(exc, OSError):
        return StoreError("write_failed", file=name or exc.filename, details={"reason": exc.strerror or str(exc)})
    return StoreError("write_failed", file=name, details={"reason": str(exc)})


def _retry_busy(step, timeout: float | None = None):
    """Run step, retrying while SQLite answers busy/locked where its busy handler is not consulted."""
    deadline = time.monotonic() + (BUSY_TIMEOUT if timeout is None else timeout)
    delay = 0.01
    while True:
        try:
            return step()
        except crypto.OperationalError as exc:
            text = str(exc).lower()
            if ("locked" not in text and "busy" not in text) or time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


@contextlib.contextmanager
def writing(db: Database) -> Iterator[Database]:
    """One transaction (BEGIN IMMEDIATE, waiting up to BUSY_TIMEOUT for another writer); SQLite failures come out
    as StoreError and nothing is half-written. Nested use becomes a savepoint of the outer transaction."""
    conn = db.conn
    if conn.in_transaction:
        name = f"w{id(object())}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield db
        except BaseException:
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    try:
        _retry_busy(lambda: conn.execute("BEGIN IMMEDIATE"))
    except crypto.Error as exc:
        raise translate(exc) from None
    try:
        yield db
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            with contextlib.suppress(*crypto.Error):
                conn.execute("ROLLBACK")
        if isinstance(exc, crypto.Error):
            raise translate(exc) from None
        raise


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just made (sqlite3 types lastrowid as optional)."""
    if cursor.lastrowid is None:
        raise RuntimeError("no row was inserted")
    return cursor.lastrowid


def audit(db: Database, action: str, **detail: object) -> None:
    """Append one row to the audit log (imports, exports, prints, backups, restores, deletions): who (the computer
    account), what and when; callers pass ids and counts, never the content of a deleted record."""
    import json

    detail = {"by": current_user(), **detail}
    db.execute("INSERT INTO audit_log (action, detail) VALUES (?, ?)",
               [action, json.dumps(detail, ensure_ascii=False, default=str)])


def current_user() -> str:
    """The computer account running the app or command (the 'who' of the audit log)."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


@contextlib.contextmanager
def audited_file(db: Database, target: str | Path, action: str, **detail: object) -> Iterator[dict[str, object]]:
    """The audit row and the file both, or neither: inside one transaction (the write lock already held) the caller
    writes the file atomically and may add to the yielded detail; then the audit row; if that or the commit
    fails, the new file is removed again."""
    written = False
    try:
        with writing(db):
            yield detail
            written = True
            audit(db, action, file=str(target), **detail)
    except BaseException:
        if written:
            with contextlib.suppress(OSError):
                os.unlink(target)
        raise

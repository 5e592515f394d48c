"""Encryption at rest with SQLCipher: keyed connections, the password held in memory, re-keying through a verified
copy (database and backups), secure removal of the plain file.

A database without a password stays a plain sqlite3 file. An encrypted one is opened through sqlcipher3 with the
password the user gave (CHURNGUARD_PASSWORD, a prompt, or the dialog at start); the password is kept in this
process's memory only, never written anywhere.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.private import create_private, private_file

# Errors from either driver: an encrypted database raises sqlcipher3's own classes (not subclasses of sqlite3's).
Error = (sqlite3.Error, sqlcipher.Error)
OperationalError = (sqlite3.OperationalError, sqlcipher.OperationalError)
DatabaseError = (sqlite3.DatabaseError, sqlcipher.DatabaseError)
IntegrityError = (sqlite3.IntegrityError, sqlcipher.IntegrityError)

MIN_LENGTH = 8
HEADER = b"SQLite format 3\x00"
_passwords: dict[str, str] = {}


def _key(path: str | Path) -> str:
    return str(Path(path).resolve())


def remember(path: str | Path, password: str) -> None:
    """Hold the password of this file for the connections this process opens (workers, backups, restore)."""
    _passwords[_key(path)] = password


def forget(path: str | Path) -> None:
    _passwords.pop(_key(path), None)


def password_for(path: str | Path) -> str | None:
    return _passwords.get(_key(path))


def matches(path: str | Path, typed: str) -> bool:
    """The typed text is the password held for path (compared in constant time)."""
    import hmac

    held = password_for(path)
    return held is not None and hmac.compare_digest(held.encode(), typed.encode())


def is_encrypted(path: str | Path) -> bool:
    """Looks like a SQLCipher file: whole pages, and no plain SQLite header but 16 random bytes (its salt) in its
    place. Anything else that is not SQLite (a zip, a text file) is reported as not a database, as before."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            header = handle.read(16)
    except OSError:
        return False
    return size >= 512 and size % 512 == 0 and header != HEADER and len(set(header)) >= 12


def is_keyed(conn: object) -> bool:
    """The connection is sqlcipher3's (an encrypted database)."""
    return isinstance(conn, sqlcipher.Connection)


def check_new_password(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise StoreError("password_short", details={"count": MIN_LENGTH})


def connect(name: str, password: str, timeout: float = 5.0, *, uri: bool = False,
            file: str | None = None) -> sqlcipher.Connection:
    """A sqlcipher3 connection keyed with password and checked (a wrong password raises password_wrong)."""
    conn = sqlcipher.connect(name, timeout=timeout, isolation_level=None, uri=uri, check_same_thread=True)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong password is our message, not SQLCipher's log
        conn.execute(f"PRAGMA key = {quote(password)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError:
        conn.close()
        raise StoreError("password_wrong", file=file or name) from None
    return conn


def quote(text: str) -> str:
    """A string literal for a PRAGMA (PRAGMA takes no bound parameters)."""
    return "'" + text.replace("'", "''") + "'"


def open_file(path: str | Path, password: str | None, *, read_only: bool = False):
    """A connection to path: sqlcipher3 keyed with password when the file is encrypted, else plain sqlite3."""
    path = Path(path)
    if is_encrypted(path):
        if not password:
            raise StoreError("password_needed", file=str(path))
        name = f"{path.resolve().as_uri()}?mode=ro" if read_only else str(path)
        return connect(name, password, uri=read_only, file=str(path))
    if read_only:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    return sqlite3.connect(str(path), isolation_level=None)


def export_copy(source: Path, old: str | None, target: Path, new: str | None) -> None:
    """Write a complete copy of source (opened with old, None for plain) into target keyed with new (None: plain),
    with our application id and schema version, then verify the copy opens with new and holds the same rows."""
    from churnguard_gui.store.db import APPLICATION_ID

    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    create_private(target)
    conn = connect(str(source), old, file=str(source)) if old else sqlcipher.connect(str(source),
                                                                                      isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a plain file that is not a database fails
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        before = _counts(conn)
        conn.execute(f"ATTACH DATABASE {quote(str(target))} AS copy KEY {quote(new or '')}")
        try:
            conn.execute("SELECT sqlcipher_export('copy')").fetchone()
            conn.execute(f"PRAGMA copy.application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA copy.user_version = {int(version)}")
        finally:
            conn.execute("DETACH DATABASE copy")
    except sqlcipher.DatabaseError as exc:
        raise StoreError("password_failed", file=str(source), details={"reason": str(exc)}) from None
    finally:
        conn.close()
    private_file(target)
    verify_copy(target, new, before)


def _counts(conn) -> tuple[int, int]:
    return (conn.execute("SELECT count(*) FROM clients").fetchone()[0],
            conn.execute("SELECT count(*) FROM staff").fetchone()[0])


def verify_copy(target: Path, password: str | None, expected: tuple[int, int] | None = None) -> tuple[int, int]:
    """Full integrity check, application id and the same clients and staff on the new copy."""
    from churnguard_gui.store.db import APPLICATION_ID

    conn = connect(str(target), password) if password else sqlite3.connect(str(target))
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
        if problems != ["ok"]:
            raise StoreError("backup_damaged", file=str(target), details={"detail": "; ".join(problems)})
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise StoreError("backup_damaged", file=str(target), details={"detail": "not a ChurnGuard database"})
        counts = _counts(conn)
        if expected is not None and counts != expected:
            raise StoreError("backup_damaged", file=str(target), details={"detail": f"{counts} != {expected}"})
        return counts
    except Error as exc:
        raise StoreError("backup_damaged", file=str(target), details={"detail": str(exc)}) from None
    finally:
        conn.close()


def wipe(path: Path) -> None:
    """Overwrite a file's bytes with zeros in place, sync, then remove it (on an SSD or a copy-on-write disk the
    old blocks may survive: the recovery sheet says so)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_WRONLY)
        try:
            chunk = b"\0" * 65536
            left = size
            while left > 0:
                left -= os.write(fd, chunk[:min(left, len(chunk))])
            os.fsync(fd)
        finally:
            os.close(fd)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def swap_in(target: Path, copy: Path) -> None:
    """Put the verified copy in place of target and wipe the old file and its -wal/-shm (all checkpointed)."""
    old = target.parent / f".{target.name}.old"
    with contextlib.suppress(FileNotFoundError):
        old.unlink()
    to_wipe: Path | None = old
    try:
        os.link(target, old)  # the old bytes stay reachable to be wiped after the atomic replace
    except OSError:
        to_wipe = None  # a file system without hard links: the replace frees the old blocks unwiped
    for suffix in ("-wal", "-shm"):
        wipe(Path(f"{target}{suffix}"))
    os.replace(copy, target)
    if os.name != "nt":
        with contextlib.suppress(OSError):
            fd = os.open(target.parent, os.O_RDONLY)
            os.fsync(fd)
            os.close(fd)
    if to_wipe is not None:
        wipe(to_wipe)


def rekey_file(path: Path, old: str | None, new: str | None) -> None:
    """Re-encrypt (or decrypt, or encrypt) one closed file through a verified copy beside it."""
    copy = path.parent / f".{path.name}.rekey.tmp"
    try:
        export_copy(path, old, copy, new)
        swap_in(path, copy)
    except BaseException:
        wipe(copy)
        raise

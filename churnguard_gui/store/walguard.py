"""A leftover -wal beside a database never destroys it: the pair is kept aside and tried on a copy first."""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

log = logging.getLogger("churnguard")
KEEP_FOLDERS = 5  # kept copies of databases that had a leftover WAL, newest first
DMS_BYTE = 128  # SQLite's "dead man switch" byte in -shm: every open connection holds a shared lock on it


def in_use_elsewhere(db_path: Path) -> bool | None:
    """True when another process has the database open (its WAL is live), False when none has, None if unknown."""
    shm = Path(f"{db_path}-shm")
    if not shm.exists():
        return False  # every connection to a WAL database keeps the -shm file
    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        return None
    try:
        return not _try_exclusive(fd)
    finally:
        os.close(fd)


def _try_exclusive(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows (a check mypy understands: it skips this on Linux)
        import msvcrt

        os.lseek(fd, DMS_BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        os.lseek(fd, DMS_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return True
    import fcntl

    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, DMS_BYTE, os.SEEK_SET)
    except OSError:
        return False
    fcntl.lockf(fd, fcntl.LOCK_UN, 1, DMS_BYTE, os.SEEK_SET)
    return True


@contextlib.contextmanager
def opening(db_path: Path, timeout: float = 30.0) -> Iterator[None]:
    """Only one process at a time looks at a leftover WAL of this database (many starting at once wait here)."""
    digest = hashlib.sha1(str(db_path.resolve()).encode("utf-8")).hexdigest()[:16]
    lock_path = Path(tempfile.gettempdir()) / f"churnguard-open-{digest}.lock"
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield  # no temp folder to lock in: go on unguarded
        return
    deadline = time.monotonic() + timeout
    try:
        while not _lock(fd) and time.monotonic() < deadline:
            time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # releases the lock


def _lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows (a check mypy understands: it skips this on Linux)
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def keep_stray_wal(db_path: Path, inspect: Callable[[Path], None]) -> Path | None:
    """Before a database with a leftover WAL is opened, copy both aside, then try the pair on the copy.

    A WAL that leaves the copy healthy is ours (a crash): the real open will apply it. One that damages the copy
    while the file alone is healthy belongs elsewhere (another database's, or left beside a restored copy): it is
    moved into the kept folder and the database opens without it. If even the file alone is damaged, the
    caller's inspect() raises and nothing beside the database is touched. Returns the kept folder, if any."""
    wal = Path(f"{db_path}-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        return None
    state = in_use_elsewhere(db_path)
    if state:
        return None  # a live WAL of a running ChurnGuard: never touched
    kept = _kept_folder(db_path)
    copy = kept / db_path.name
    shutil.copy2(db_path, copy)
    shutil.copy2(wal, Path(f"{copy}-wal"))
    log.warning("leftover WAL beside %s: a copy of both is kept in %s", db_path, kept)
    alone = kept / "without-wal" / db_path.name
    alone.parent.mkdir(mode=0o700)
    shutil.copy2(db_path, alone)
    try:
        try:
            inspect(copy)
            with_wal = facts(copy)
        except Exception:  # noqa: BLE001 - the pair is unhealthy; the file alone decides below
            with_wal = None
        inspect(alone)  # raises if the database itself is damaged: then nothing beside it is touched
        without = facts(alone)
    finally:
        for leftover in (Path(f"{copy}-shm"), alone.parent):
            with contextlib.suppress(OSError):
                shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    if with_wal is not None and belongs(with_wal, without):
        return kept  # our own WAL after a crash: the real open applies it (and the copy before it is kept)
    if state is None:
        return kept  # cannot tell whether the WAL is live: never move it
    os.replace(wal, kept / f"{db_path.name}-wal.set-aside")
    with contextlib.suppress(OSError):
        os.replace(f"{db_path}-shm", kept / f"{db_path.name}-shm.set-aside")
    log.warning("the WAL beside %s did not belong to it; moved into %s", db_path, kept)
    (kept / "README.txt").write_text(
        "ChurnGuard found a -wal file beside the database that did not belong to it (applying it would have\n"
        "damaged the database or lost its records). The database was opened without it; the file is kept here\n"
        "as *-wal.set-aside, and the database with it as it was found.\n", encoding="utf-8")
    return kept


Facts = tuple[str | None, int, int]  # identity, clients, staff


def facts(path: Path) -> Facts:
    """The identity and record counts of a database file, read-only."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        identity = conn.execute("SELECT uuid FROM db_identity").fetchone()[0] if "db_identity" in tables else None
        counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] if t in tables else 0
                  for t in ("clients", "staff")]
        return identity, counts[0], counts[1]
    finally:
        conn.close()


def belongs(with_wal: Facts, without: Facts) -> bool:
    """Does applying the WAL look like this database's own later state? Another database's identity, or most of
    the clients or staff gone at once, says it does not (the pair stays kept either way)."""
    if with_wal[0] != without[0] and without[0] is not None:
        return False
    pairs = zip(with_wal[1:], without[1:], strict=True)
    return all(not (before >= 10 and after < before / 2) for after, before in pairs)


def _kept_folder(db_path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = db_path.parent / f"{db_path.name}.kept-{stamp}"
    folder.mkdir(mode=0o700)  # private to the user, as the database
    old = sorted(db_path.parent.glob(f"{db_path.name}.kept-*"), reverse=True)[KEEP_FOLDERS:]
    for stale in old:
        if not any(stale.glob("*.set-aside")):  # set-aside WAL files are never pruned
            shutil.rmtree(stale, ignore_errors=True)
    return folder

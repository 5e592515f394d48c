"""A leftover -wal beside a database never destroys it: the pair is kept aside and tried on a copy first."""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
from collections.abc import Callable
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
    if os.name == "nt":  # pragma: no cover - Windows
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
    try:
        inspect(copy)
        return kept
    except Exception:  # noqa: BLE001 - the pair is unhealthy; find out whether the file alone is
        pass
    finally:
        with contextlib.suppress(OSError):
            os.unlink(f"{copy}-shm")
    alone = kept / "without-wal" / db_path.name
    alone.parent.mkdir()
    shutil.copy2(db_path, alone)
    try:
        inspect(alone)  # raises if the database itself is damaged: then nothing is moved
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(alone.parent)
    if state is None:
        return kept  # cannot tell whether the WAL is live: never move it
    os.replace(wal, kept / f"{db_path.name}-wal.set-aside")
    with contextlib.suppress(OSError):
        os.replace(f"{db_path}-shm", kept / f"{db_path.name}-shm.set-aside")
    log.warning("the WAL beside %s did not belong to it; moved into %s", db_path, kept)
    (kept / "README.txt").write_text(
        "ChurnGuard found a -wal file beside the database that did not belong to it (applying it would have\n"
        "damaged the database). The database was opened without it; the file is kept here as *-wal.set-aside.\n",
        encoding="utf-8")
    return kept


def _kept_folder(db_path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = db_path.parent / f"{db_path.name}.kept-{stamp}"
    folder.mkdir()
    old = sorted(db_path.parent.glob(f"{db_path.name}.kept-*"), reverse=True)[KEEP_FOLDERS:]
    for stale in old:
        if not any(stale.glob("*.set-aside")):  # set-aside WAL files are never pruned
            shutil.rmtree(stale, ignore_errors=True)
    return folder

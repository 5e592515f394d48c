"""Files and folders the app creates are private to the user on POSIX: files 0600, folders 0700."""
from __future__ import annotations

import contextlib
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
POSIX = os.name == "posix"


def private_file(path: str | Path) -> None:
    """Make an existing file readable and writable by its owner only (no-op on Windows, where the per-user folders
    already carry the user's ACL)."""
    if POSIX:
        with contextlib.suppress(FileNotFoundError, PermissionError):
            os.chmod(path, FILE_MODE)


def private_folder(path: str | Path) -> Path:
    """Create the folder (and missing parents) 0700, and make it 0700 if it exists; returns it.

    Only for folders the app owns (its data, log and state folders, a backup folder): never for a folder the user
    picked to save an export in."""
    path = Path(path)
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if POSIX:
        with contextlib.suppress(PermissionError):
            os.chmod(path, FOLDER_MODE)
    return path


def create_private(path: str | Path) -> None:
    """Create an empty file 0600 if it does not exist yet (so SQLite opens our file, not one it creates 0644, and
    gives the -wal/-shm it creates the same mode), and make an existing one 0600."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE)
    except FileExistsError:
        pass
    else:
        os.close(fd)
    private_file(path)


def private_sidecars(path: str | Path) -> None:
    """The database file and its -wal/-shm/-journal made 0600 (SQLite gives them the database's mode when it
    creates them; an older file made before this rule is fixed here)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        private_file(f"{path}{suffix}")


class PrivateRotatingFileHandler(RotatingFileHandler):
    """The log file (and each rotated one) is created 0600."""

    def _open(self):  # noqa: ANN202 - logging's own signature
        create_private(self.baseFilename)
        return super()._open()

"""Everything the app creates is private to the user on POSIX: files 0600, its folders 0700."""
from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from churnguard_gui.core.files import atomic_write
from churnguard_gui.core.private import PrivateRotatingFileHandler
from churnguard_gui.store.backup import make_backup, restore
from churnguard_gui.store.db import open_db
from churnguard_gui.store.demo import load_demo

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask():
    old = os.umask(0o022)  # a usual desktop umask: without our rule files would be 0644, folders 0755
    yield
    os.umask(old)


def test_database_wal_shm_and_new_folder_are_private(tmp_path, loose_umask):
    path = tmp_path / "new folder" / "firm.db"
    db = open_db(path)
    try:
        load_demo(db)
        for suffix in ("", "-wal", "-shm"):
            assert mode(Path(f"{path}{suffix}")) == 0o600, suffix
        assert mode(path.parent) == 0o700
    finally:
        db.close()


def test_an_old_0644_database_is_made_private_when_opened(tmp_path, loose_umask):
    path = tmp_path / "firm.db"
    open_db(path).close()
    os.chmod(path, 0o644)
    db = open_db(path)
    try:
        assert mode(path) == 0o600
        assert mode(Path(f"{path}-wal")) == 0o600
    finally:
        db.close()


def test_backups_their_folder_and_restored_file_are_private(tmp_path, loose_umask):
    path = tmp_path / "firm.db"
    db = open_db(path)
    load_demo(db)
    made = make_backup(db, path)
    db.close()
    assert mode(made) == 0o600
    assert mode(made.parent) == 0o700
    os.chmod(path, 0o644)
    kept = restore(path, made)
    assert mode(path) == 0o600
    assert kept is not None and mode(kept) == 0o600


def test_exports_and_reports_written_through_atomic_write_are_private(tmp_path, loose_umask):
    target = tmp_path / "clients.csv"
    with atomic_write(target, "w", encoding="utf-8") as handle:
        handle.write("name\n")
    assert mode(target) == 0o600


def test_export_command_writes_a_private_file(tmp_path, loose_umask):
    db_file, out = tmp_path / "firm.db", tmp_path / "clients.xlsx"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for args in (["demo"], ["export", "clients", str(out)]):
        subprocess.run([sys.executable, "-m", "churnguard_gui", "--db", str(db_file), *args], check=True, env=env,
                       capture_output=True)
    assert mode(out) == 0o600
    assert mode(db_file) == 0o600


def test_the_log_file_and_its_rotations_are_private(tmp_path, loose_umask):
    handler = PrivateRotatingFileHandler(tmp_path / "churnguard.log", maxBytes=200, backupCount=2, encoding="utf-8")
    logger = logging.getLogger("churnguard-private-test")
    logger.addHandler(handler)
    try:
        for i in range(20):
            logger.warning("line %d with some words to fill the file", i)
    finally:
        logger.removeHandler(handler)
        handler.close()
    logs = sorted(tmp_path.glob("churnguard.log*"))
    assert len(logs) == 3
    assert all(mode(log) == 0o600 for log in logs)

"""Never losing the firm's data: stray WAL files, damaged files, backups, restore, row versions, waiting writes."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.models import Client, Staff
from churnguard_gui.store import backup as backups
from churnguard_gui.store import db as store_db
from churnguard_gui.store.check import check_db
from churnguard_gui.store.clients import get_client, save_client
from churnguard_gui.store.db import DamagedDatabase, open_db, writing
from churnguard_gui.store.demo import load_demo
from churnguard_gui.store.staff import get_staff, save_staff


def count(path: Path, table: str = "clients") -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def crashed_copy(db, source: Path, target: Path) -> None:
    """target (+ -wal) as a crash leaves it: the file and the WAL taken while a connection is still open."""
    shutil.copyfile(source, target)
    shutil.copyfile(f"{source}-wal", f"{target}-wal")


def damage_page(path: Path, table: str = "clients") -> None:
    conn = sqlite3.connect(path)
    root, size = conn.execute(f"SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master "
                              f"WHERE name = '{table}'").fetchone()
    conn.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * size)
        handle.write(b"\xff" * 200)


@pytest.fixture
def demo_file(tmp_path) -> Path:
    path = tmp_path / "firm.db"
    db = open_db(path)
    load_demo(db)
    db.close()
    return path


def test_committed_rows_in_a_leftover_wal_survive(tmp_path, demo_file):
    db = open_db(demo_file)
    with writing(db):
        db.execute("INSERT INTO clients (name) VALUES ('只在WAL里')")
    crashed_copy(db, demo_file, tmp_path / "copy.db")
    db.close()
    reopened = open_db(tmp_path / "copy.db")
    assert reopened.execute("SELECT count(*) FROM clients WHERE name = '只在WAL里'").fetchone()[0] == 1
    reopened.close()
    kept = list(tmp_path.glob("copy.db.kept-*"))
    assert len(kept) == 1 and (kept[0] / "copy.db-wal").exists()  # the pair was kept before opening


def test_another_databases_wal_never_destroys_the_clients(tmp_path, demo_file):
    other = open_db(tmp_path / "other.db")
    with writing(other):
        other.execute("INSERT INTO staff (name) VALUES ('x')")
    shutil.copyfile(f"{tmp_path / 'other.db'}-wal", f"{demo_file}-wal")  # a stray WAL beside our file
    other.close()
    before = demo_file.read_bytes()
    db = open_db(demo_file)
    assert db.execute("SELECT count(*) FROM clients").fetchone()[0] == 300
    assert check_db(db) == []
    db.close()
    set_aside = list(tmp_path.glob("firm.db.kept-*/firm.db-wal.set-aside"))
    assert len(set_aside) == 1
    assert before  # the database file was opened without the foreign WAL


@pytest.mark.parametrize("damage, code", [
    ("page", "db_damaged"), ("garbage", "not_sqlite"), ("foreign", "not_churnguard"), ("table", "tables_missing"),
])
def test_damaged_files_are_named_and_left_byte_identical(tmp_path, demo_file, damage, code):
    if damage == "page":
        damage_page(demo_file)
    elif damage == "garbage":
        demo_file.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 100)
    elif damage == "foreign":
        demo_file.unlink()
        conn = sqlite3.connect(demo_file)
        conn.execute("PRAGMA application_id = 12345")
        conn.execute("CREATE TABLE notes (x)")
        conn.close()
    else:
        conn = sqlite3.connect(demo_file, isolation_level=None)
        conn.execute("DROP TABLE contact_log")
        conn.close()
    before = demo_file.read_bytes()
    with pytest.raises(DamagedDatabase) as info:
        open_db(demo_file)
    assert info.value.code == code and "left" in str(info.value)
    assert demo_file.read_bytes() == before
    assert not Path(f"{demo_file}-wal").exists()


def test_backup_damage_restore_brings_every_row_back(tmp_path, demo_file):
    db = open_db(demo_file)
    made = backups.make_backup(db, demo_file)
    rows = db.execute("SELECT * FROM clients ORDER BY id").fetchall()
    db.close()
    assert made.parent == backups.default_folder(demo_file) and backups.verify(made) == (300, 12)
    damage_page(demo_file)
    damaged = demo_file.read_bytes()
    found = backups.newest_verified(demo_file)
    assert found is not None and found.path == made
    kept = backups.restore(demo_file, made)
    assert kept is not None and kept.read_bytes() == damaged  # the damaged file kept byte for byte
    db = open_db(demo_file)
    assert db.execute("SELECT * FROM clients ORDER BY id").fetchall() == rows
    assert check_db(db) == []
    assert db.execute("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0] == "restore"
    db.close()


def test_restore_backs_up_a_healthy_database_first(tmp_path, demo_file):
    db = open_db(demo_file)
    first = backups.make_backup(db, demo_file)
    with writing(db):
        db.execute("INSERT INTO clients (name) VALUES ('后来加的')")
    db.close()
    kept = backups.restore(demo_file, first)
    assert kept is not None and count(kept) == 301 and count(demo_file) == 300


def test_rotation_keeps_7_daily_4_weekly_12_monthly(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    start = dt.datetime(2026, 11, 27, 9)
    for day in range(400):
        made = start - dt.timedelta(days=day)
        (folder / f"firm-{made:%Y%m%d-%H%M%S}-daily.db").write_bytes(b"")
    backups.rotate(folder, "firm")
    kept = sorted(p.name for p in folder.iterdir())
    assert len(kept) <= 7 + 4 + 12
    assert f"firm-{start:%Y%m%d-%H%M%S}-daily.db" in kept
    assert any(name.startswith("firm-2025") for name in kept)  # about a year back


def test_nothing_rotates_out_unless_the_new_backup_verified(tmp_path, demo_file, monkeypatch):
    db = open_db(demo_file)
    folder = backups.default_folder(demo_file)
    folder.mkdir()
    for day in range(40):
        (folder / f"firm-{dt.datetime(2025, 1, 1) + dt.timedelta(days=day):%Y%m%d-%H%M%S}-daily.db").write_bytes(b"")
    before = sorted(folder.iterdir())

    def broken(path):
        raise StoreError("backup_damaged", file=str(path), details={"detail": "integrity"})

    monkeypatch.setattr(backups, "verify", broken)
    with pytest.raises(StoreError, match="could not be made"):
        backups.make_backup(db, demo_file)
    assert sorted(folder.iterdir()) == before  # no new name, nothing deleted, no temp left
    db.close()


def test_daily_backup_at_most_once_a_day(demo_file):
    db = open_db(demo_file)
    assert backups.daily_backup(db, demo_file) is not None
    assert backups.daily_backup(db, demo_file) is None
    db.close()


def test_second_save_of_a_client_is_refused_and_the_first_kept(fresh_db):
    load_demo(fresh_db)
    mine, theirs = get_client(fresh_db, 1), get_client(fresh_db, 1)
    theirs.notes = "their change"
    save_client(fresh_db, theirs)
    mine.notes = "my change"
    with pytest.raises(StoreError, match="changed by someone else since you opened it"):
        save_client(fresh_db, mine)
    assert get_client(fresh_db, 1).notes == "their change"
    assert mine.notes == "my change"


def test_second_save_of_a_staff_record_is_refused(fresh_db):
    staff_id = save_staff(fresh_db, Staff(name="王五", role="Sales"))
    mine, theirs = get_staff(fresh_db, staff_id), get_staff(fresh_db, staff_id)
    theirs.phone = "13800000000"
    save_staff(fresh_db, theirs)
    mine.department = "华东"
    with pytest.raises(StoreError) as info:
        save_staff(fresh_db, mine)
    assert info.value.code == "changed_elsewhere"
    assert get_staff(fresh_db, staff_id).phone == "13800000000"


def test_a_changed_team_counts_as_a_change(fresh_db):
    load_demo(fresh_db)
    mine = get_client(fresh_db, 1)
    fresh_db.execute("DELETE FROM client_team WHERE client_id = 1 AND role = 'backup'")
    fresh_db.execute("INSERT INTO client_contacts (client_id, name) VALUES (1, '新联系人')")
    with pytest.raises(StoreError, match="changed by someone else"):
        save_client(fresh_db, mine)
    fresh = get_client(fresh_db, 1)
    save_client(fresh_db, fresh)  # reading again and saving works


def test_import_plans_again_inside_its_transaction(fresh_db, tmp_path):
    from churnguard_gui.core.tabular import read_table
    from churnguard_gui.store.importer import plan_table, run_import

    source = tmp_path / "c.csv"
    source.write_text("客户名称,负责人\n甲公司,张三\n乙公司,张三\n", encoding="utf-8")
    table = read_table(source)
    plan = plan_table(fresh_db, table, "clients")
    assert not plan.problems
    save_client(fresh_db, Client(name="甲公司", status="prospect"))  # someone else, between check and import
    before = fresh_db.execute("SELECT count(*) FROM staff").fetchone()[0]
    with pytest.raises(StoreError) as info:
        run_import(fresh_db, plan, table=table)
    assert info.value.code == "import_changed"
    assert fresh_db.execute("SELECT count(*) FROM clients").fetchone()[0] == 1
    assert fresh_db.execute("SELECT count(*) FROM staff").fetchone()[0] == before


def test_a_write_waits_for_the_other_writer(db_path, fresh_db):
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    threading.Timer(0.6, lambda: other.execute("COMMIT")).start()
    started = time.monotonic()
    with writing(fresh_db):
        fresh_db.execute("INSERT INTO settings VALUES ('k', 'v')")
    assert 0.4 < time.monotonic() - started < 4
    other.close()


def test_a_write_gives_up_with_a_message(db_path, fresh_db, monkeypatch):
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT", 0.3)
    fresh_db.conn.execute("PRAGMA busy_timeout = 300")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match="in use by another program"), writing(fresh_db):
            pass
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_export_and_its_audit_row_both_or_neither(fresh_db, tmp_path, monkeypatch):
    from churnguard_gui.store import db as dbmod
    from churnguard_gui.store.exporter import export_file

    load_demo(fresh_db)
    out = tmp_path / "clients.csv"

    def failing_audit(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(dbmod, "audit", failing_audit)
    with pytest.raises(StoreError):
        export_file(fresh_db, "clients", out)
    assert not out.exists()
    assert fresh_db.execute("SELECT count(*) FROM audit_log WHERE action = 'export'").fetchone()[0] == 0


def test_temp_files_left_by_a_killed_writer_are_swept(tmp_path):
    from churnguard_gui.core import tempfiles

    tmp = tmp_path / ".clients.csv.abc123.tmp"
    tmp.write_text("partial client data", encoding="utf-8")
    marker = tempfiles.pending_folder() / "999999999-x.txt"  # a process id no process has
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(str(tmp), encoding="utf-8")
    assert tmp in tempfiles.sweep()
    assert not tmp.exists() and not marker.exists()


def test_the_backup_folder_can_be_chosen_in_settings(tmp_path, demo_file):
    from churnguard_gui.store.settings import set_setting

    db = open_db(demo_file)
    stick = tmp_path / "usb stick"
    set_setting(db, backups.FOLDER_SETTING, str(stick))
    made = backups.make_backup(db, demo_file)
    db.close()
    assert made.parent == stick and backups.list_backups(demo_file)[0].path == made


def test_a_verified_backup_is_made_before_an_import_and_before_a_handover_is_finished(fresh_db, db_path, samples):
    from churnguard_gui.store.handovers import finish_handover
    from churnguard_gui.store.importer import plan_file, run_import
    from tests.store.test_handovers import full_plan

    load_demo(fresh_db)
    run_import(fresh_db, plan_file(fresh_db, samples / "clients.xlsx", "clients"))
    finish_handover(fresh_db, full_plan(fresh_db), today="2026-11-20")
    reasons = sorted(info.reason for info in backups.list_backups(db_path))
    assert reasons == ["before-handover", "before-import"]
    assert all(backups.verify(info.path) for info in backups.list_backups(db_path))

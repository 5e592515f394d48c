"""Encryption at rest: with a password set, no client name is readable in the database, its WAL or its backups."""
from __future__ import annotations

from pathlib import Path

import pytest

from churnguard_gui.core.errors import StoreError
from churnguard_gui.store import crypto
from churnguard_gui.store.backup import list_backups, make_backup, restore, verify
from churnguard_gui.store.db import open_db, writing
from churnguard_gui.store.demo import load_demo
from churnguard_gui.store.password import change_password

PASSWORD = "correct horse 7"
NAME = "秘密客户华东精工有限公司"


@pytest.fixture(autouse=True)
def no_remembered_passwords():
    crypto._passwords.clear()
    yield
    crypto._passwords.clear()


@pytest.fixture
def plain_firm(tmp_path: Path) -> Path:
    path = tmp_path / "firm.db"
    db = open_db(path)
    load_demo(db)
    make_backup(db, path)  # a plain backup made before encryption
    db.close()
    return path


def all_files(folder: Path) -> list[Path]:
    return [f for f in folder.rglob("*") if f.is_file()]


def test_a_known_client_name_is_in_zero_bytes_of_database_wal_and_backups(plain_firm: Path):
    db = open_db(plain_firm)
    demo_name = db.execute("SELECT name FROM clients LIMIT 1").fetchone()[0]
    db.close()
    assert any(demo_name.encode() in f.read_bytes() for f in all_files(plain_firm.parent))  # the test can fail
    result = change_password(plain_firm, PASSWORD)
    assert result.action == "password_set" and len(result.backups) == 1
    crypto.forget(plain_firm)
    db = open_db(plain_firm, password=PASSWORD)
    try:
        with writing(db):
            db.execute("INSERT INTO clients (name, tier, status) VALUES (?, 'A', 'active')", [NAME])
        make_backup(db, plain_firm)
        wal = Path(f"{plain_firm}-wal")
        assert wal.exists() and wal.stat().st_size > 0  # the new row is in the WAL right now
        assert db.execute("SELECT count(*) FROM clients WHERE name = ?", [NAME]).fetchone()[0] == 1
        files = all_files(plain_firm.parent)
        assert len([f for f in files if f.name.endswith("-manual.db")]) == 2
        for file in files:
            data = file.read_bytes()
            for needle in (NAME, demo_name):
                assert needle.encode() not in data, file
                assert needle.encode("utf-16-le") not in data, file
    finally:
        db.close()


def test_no_or_a_wrong_password_is_refused(plain_firm: Path):
    change_password(plain_firm, PASSWORD)
    crypto.forget(plain_firm)
    with pytest.raises(StoreError) as no:
        open_db(plain_firm)
    assert no.value.code == "password_needed"
    with pytest.raises(StoreError) as wrong:
        open_db(plain_firm, password="not the one")
    assert wrong.value.code == "password_wrong"


def test_full_text_search_works_on_the_encrypted_database(plain_firm: Path):
    from churnguard_gui.store.search import client_condition

    def search_clients(db, text: str) -> list[int]:
        condition, params = client_condition(text)
        return [i for (i,) in db.execute(f"SELECT c.id FROM clients c WHERE {condition} ORDER BY c.id", params)]

    db = open_db(plain_firm)
    name = db.execute("SELECT name FROM clients LIMIT 1").fetchone()[0]
    before = search_clients(db, name[:4])
    db.close()
    change_password(plain_firm, PASSWORD)
    db = open_db(plain_firm, password=PASSWORD)
    try:
        assert crypto.is_keyed(db.conn)
        assert search_clients(db, name[:4]) == before and before
    finally:
        db.close()


def test_a_backup_restores_only_with_its_password(plain_firm: Path, tmp_path: Path):
    change_password(plain_firm, PASSWORD)
    backup = list_backups(plain_firm)[0].path
    crypto.forget(plain_firm)
    other = tmp_path / "elsewhere" / "other.db"
    other.parent.mkdir()
    with pytest.raises(StoreError) as no:
        restore(other, backup)
    assert no.value.code == "password_needed"
    with pytest.raises(StoreError) as wrong:
        restore(other, backup, password="not the one")
    assert wrong.value.code == "password_wrong"
    assert not other.exists()
    restore(other, backup, password=PASSWORD)
    assert crypto.is_encrypted(other)
    assert verify(other, PASSWORD)[0] > 0


def test_change_and_remove_the_password(plain_firm: Path):
    change_password(plain_firm, PASSWORD)
    changed = change_password(plain_firm, "another one 8", PASSWORD)
    assert changed.action == "password_changed" and len(changed.backups) == 1
    crypto.forget(plain_firm)
    with pytest.raises(StoreError):
        open_db(plain_firm, password=PASSWORD)
    assert verify(list_backups(plain_firm)[0].path, "another one 8")
    removed = change_password(plain_firm, None, "another one 8")
    assert removed.action == "password_removed"
    assert not crypto.is_encrypted(plain_firm)
    assert not crypto.is_encrypted(list_backups(plain_firm)[0].path)
    db = open_db(plain_firm)
    try:
        actions = [a for (a,) in db.execute("SELECT action FROM audit_log WHERE action LIKE 'password%' ORDER BY id")]
        assert actions == ["password_set", "password_changed", "password_removed"]
        assert not any(PASSWORD in str(row) for row in db.execute("SELECT * FROM audit_log"))
    finally:
        db.close()


def test_a_short_password_is_refused_and_nothing_changes(plain_firm: Path):
    before = plain_firm.read_bytes()[:100]
    with pytest.raises(StoreError) as short:
        change_password(plain_firm, "short")
    assert short.value.code == "password_short"
    assert plain_firm.read_bytes()[:100] == before

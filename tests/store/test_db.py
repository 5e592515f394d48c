"""Opening the database: pragmas, migrations, refusing files that are not ours or too new."""
from __future__ import annotations

import sqlite3

import pytest

from churnguard_gui.core.errors import StoreError
from churnguard_gui.store.db import APPLICATION_ID, SCHEMA_VERSION, open_db, writing


def test_fresh_database_is_set_up_safely(fresh_db):
    pragma = lambda name: fresh_db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("foreign_keys") == 1
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("application_id") == APPLICATION_ID
    assert pragma("user_version") == SCHEMA_VERSION
    assert {"staff", "clients", "client_contacts", "client_team", "ownership_history", "contact_log",
            "audit_log"} <= set(fresh_db.table_names())


def test_reopening_applies_nothing_twice(db_path, fresh_db):
    fresh_db.close()
    db = open_db(db_path)
    assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == SCHEMA_VERSION


def test_newer_database_is_refused(db_path, fresh_db):
    fresh_db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    fresh_db.close()
    with pytest.raises(StoreError) as info:
        open_db(db_path)
    assert info.value.code == "db_too_new" and "newer ChurnGuard" in str(info.value)


def test_foreign_sqlite_file_is_refused(tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a ChurnGuard database"):
        open_db(other)


def test_non_database_file_is_refused(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"hello, I am a spreadsheet" * 100)
    with pytest.raises(StoreError, match="not a database"):
        open_db(junk)


def test_audit_log_is_append_only(fresh_db):
    from churnguard_gui.store.db import audit

    with writing(fresh_db):
        audit(fresh_db, "export", file="x.csv")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        fresh_db.execute("UPDATE audit_log SET action = 'nothing'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        fresh_db.execute("DELETE FROM audit_log")
    assert fresh_db.execute("SELECT action FROM audit_log").fetchall() == [("export",)]


def test_schema_version_counts_the_registered_migrations_in_order(fresh_db):
    from churnguard_gui.store.db import MIGRATION_NAMES
    from churnguard_gui.store.migrations import migrations

    assert MIGRATION_NAMES[0] == "m001_initial" and len(set(MIGRATION_NAMES)) == SCHEMA_VERSION
    assert [m.name for m in migrations.applied(fresh_db)] == list(MIGRATION_NAMES)

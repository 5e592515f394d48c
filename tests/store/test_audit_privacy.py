"""The audit log says who did what and when, never the content of a deleted record (PIPL art. 47)."""
from __future__ import annotations

import json
import sqlite3

import pytest

from churnguard_gui.store.clients import delete_client
from churnguard_gui.store.db import MIGRATION_NAMES, open_db, writing
from churnguard_gui.store.demo import load_demo
from churnguard_gui.store.staff import delete_staff


def test_deleting_a_client_leaves_no_name_in_the_audit_log_or_the_file(tmp_path):
    path = tmp_path / "firm.db"
    db = open_db(path)
    load_demo(db)
    client_id, name, code = db.execute("SELECT id, name, code FROM clients WHERE code IS NOT NULL LIMIT 1").fetchone()
    delete_client(db, client_id)
    row = db.execute("SELECT at, detail FROM audit_log WHERE action = 'delete_client'").fetchone()
    detail = json.loads(row[1])
    assert detail["id"] == client_id and "by" in detail and row[0]
    assert name not in row[1] and code not in row[1]
    assert db.execute("SELECT count(*) FROM client_search WHERE rowid = ?", [client_id]).fetchone()[0] == 0
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    assert name.encode() not in path.read_bytes()  # secure_delete: not left in a free page either


def test_the_log_stays_append_only_except_for_the_redaction_of_a_deletion(fresh_db):
    load_demo(fresh_db)
    delete_staff(fresh_db, _new_staff(fresh_db))
    assert json.loads(fresh_db.execute("SELECT detail FROM audit_log WHERE action = 'delete_staff'").fetchone()[0]
                      ).keys() == {"by", "id"}
    for sql in ("UPDATE audit_log SET detail = '{}'", "DELETE FROM audit_log",
                "UPDATE audit_log SET action = 'x' WHERE action = 'delete_staff'",
                "UPDATE audit_log SET detail = json_set(detail, '$.id', 0) WHERE action = 'delete_staff'"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            fresh_db.execute(sql)


def _new_staff(db) -> int:
    with writing(db):
        return db.execute("INSERT INTO staff (name, status) VALUES ('临时', 'candidate')").lastrowid


def test_m012_privacy_redacts_names_in_older_deletion_rows(tmp_path):
    path = tmp_path / "old.db"
    db = open_db(path)
    db.close()
    conn = sqlite3.connect(path)  # a database written before m012: a deletion row still carrying the name
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm012_privacy'")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("DROP TABLE protection_measures")
    conn.execute("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                 "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END")
    conn.execute("INSERT INTO audit_log (action, detail) VALUES ('delete_client', ?)",
                 [json.dumps({"id": 7, "name": "华东秘密客户", "code": "KH9"}, ensure_ascii=False)])
    conn.execute("INSERT INTO audit_log (action, detail) VALUES ('export', '{\"kind\": \"clients\"}')")
    conn.commit()
    conn.close()
    assert "m012_privacy" in MIGRATION_NAMES
    db = open_db(path)
    try:
        rows = dict(db.execute("SELECT action, detail FROM audit_log").fetchall())
        assert json.loads(rows["delete_client"]) == {"id": 7}
        assert json.loads(rows["audit_redacted"])["rows"] == 1
        assert json.loads(rows["export"]) == {"kind": "clients"}
        triggers = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert {"audit_log_no_update", "audit_log_no_delete"} <= triggers
    finally:
        db.close()

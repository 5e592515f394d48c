"""A big import drops the row-version and client-thread triggers and writes their work set-wise: the same rows."""
from __future__ import annotations

import pytest

from churnguard_gui.core.tabular import read_table
from churnguard_gui.store import bulk
from churnguard_gui.store.db import open_db
from churnguard_gui.store.importer import import_table
from tests.benchmarks.bigfiles import write_csv

_TABLES = {
    "clients": "SELECT id, code, name, industry, tier, annual_value, status, address, contract_start, contract_end, "
               "notes, needs_owner FROM clients ORDER BY id",
    "contacts": "SELECT * FROM client_contacts ORDER BY id",
    "team": "SELECT * FROM client_team ORDER BY id",
    "history": "SELECT * FROM ownership_history ORDER BY id",
    "staff": "SELECT id, name, status FROM staff ORDER BY id",
    "row_versions": "SELECT * FROM row_versions ORDER BY tbl, id",
    "threads": "SELECT * FROM client_threads ORDER BY client_id",
    "search": "SELECT rowid, name, code, contacts, phones FROM client_search ORDER BY rowid",
    "schema": "SELECT type, name, sql FROM sqlite_master ORDER BY type, name",
}


def _imported(path, csv_path, demo_into, bulk_rows: int, monkeypatch) -> dict[str, list]:
    monkeypatch.setattr(bulk, "BULK_ROWS", bulk_rows)
    db = open_db(path)
    demo_into(db)  # clients, staff, versions and threads already there
    db.execute("UPDATE clients SET name = name || '' WHERE id = 1")  # a row version that the import adds to
    import_table(db, read_table(csv_path), "clients")
    found = {name: db.execute(sql).fetchall() for name, sql in _TABLES.items()}
    db.close()
    return found


@pytest.mark.parametrize("rows", [300])
def test_set_wise_writes_equal_the_triggers(tmp_path, demo_into, monkeypatch, rows):
    csv_path = write_csv(tmp_path / "clients.csv", rows, staff=40)
    row_by_row = _imported(tmp_path / "a.db", csv_path, demo_into, 10**9, monkeypatch)
    set_wise = _imported(tmp_path / "b.db", csv_path, demo_into, 1, monkeypatch)
    assert len(row_by_row["clients"]) > rows and len(row_by_row["team"]) > rows
    assert any(version > 1 for _, _, version in row_by_row["row_versions"])
    for name in _TABLES:
        assert set_wise[name] == row_by_row[name], name
    names = {n for _, n, _ in set_wise["schema"]}
    assert {*bulk.SET_WISE_TRIGGERS, *bulk.SUSPENDED_SEARCH_TRIGGERS} <= names  # back after the load


def test_a_cancelled_big_import_leaves_triggers_indexes_and_rows_as_they_were(tmp_path, demo_into, monkeypatch):
    from churnguard_gui.store.importer import Cancelled, plan_table, run_import

    monkeypatch.setattr(bulk, "BULK_ROWS", 1)
    db = open_db(tmp_path / "c.db")
    demo_into(db)
    before = {name: db.execute(sql).fetchall() for name, sql in _TABLES.items()}
    table = read_table(write_csv(tmp_path / "clients.csv", 300, staff=40))
    with pytest.raises(Cancelled):
        run_import(db, plan_table(db, table, "clients"), table=table, progress=lambda done, total: done < 200)
    assert {name: db.execute(sql).fetchall() for name, sql in _TABLES.items()} == before
    db.close()

"""How the lists behave with 100,000 clients and 1,000 staff. Run with `make bench`; prints timings."""
from __future__ import annotations

import random
import time

import pytest

from churnguard_gui.store import listing
from churnguard_gui.store.db import open_db, writing

CLIENTS, STAFF = 100_000, 1_000


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    db = open_db(tmp_path_factory.mktemp("big") / "big.db")
    rng = random.Random(1)
    with writing(db):
        db.conn.executemany("INSERT INTO staff (id, name, role, department) VALUES (?, ?, '销售代表', '销售部')",
                            [(i, f"员工{i:04d}") for i in range(1, STAFF + 1)])
        db.conn.executemany("INSERT INTO clients (id, code, name, annual_value, tier) VALUES (?, ?, ?, ?, ?)",
                            [(i, f"K{i:06d}", f"客户{rng.randint(0, 10**9)}有限公司", rng.randint(0, 10**7),
                              rng.choice("ABC")) for i in range(1, CLIENTS + 1)])
        db.conn.executemany("INSERT INTO client_contacts (client_id, name, phone, phone_digits, is_primary) "
                            "VALUES (?, ?, ?, ?, 1)",
                            [(i, f"联系人{i}", f"0755-{i:07d}", f"0755{i:07d}") for i in range(1, CLIENTS + 1)])
        db.conn.executemany("INSERT INTO client_team (client_id, staff_id, role) VALUES (?, ?, 'owner')",
                            [(i, rng.randint(1, STAFF)) for i in range(1, CLIENTS + 1)])
    yield db
    db.close()


def timed(label: str, fn, repeat: int = 3):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<48} {best * 1000:8.1f} ms")
    return result


def test_list_operations(big_db):
    print()
    ids = timed("clients: all ids, default order", lambda: listing.list_ids(big_db, listing.CLIENTS))
    assert len(ids) == CLIENTS
    timed("clients: sorted by annual value", lambda: listing.list_ids(big_db, listing.CLIENTS, "", "annual_value", True))
    timed("clients: sorted by owner name", lambda: listing.list_ids(big_db, listing.CLIENTS, "", "owner"))
    timed("clients: search '客户12' (name/code/contact/owner)", lambda: listing.list_ids(big_db, listing.CLIENTS, "客户12"))
    timed("clients: search phone digits '0755 00012'", lambda: listing.list_ids(big_db, listing.CLIENTS, "0755 00012"))
    timed("clients: fetch one page of 256 rows", lambda: listing.fetch_rows(big_db, listing.CLIENTS, ids[:256]))
    staff = timed("staff: all ids sorted by value owned",
                  lambda: listing.list_ids(big_db, listing.STAFF, "", "value_owned", True))
    assert len(staff) == STAFF
    timed("staff: fetch 256 rows with owned totals", lambda: listing.fetch_rows(big_db, listing.STAFF, staff[:256]))


def test_model_in_a_window(big_db, qapp):
    from PySide6.QtWidgets import QTableView

    from churnguard_gui.ui.table_models import client_model

    print()
    model = timed("model: build over 100,000 clients", lambda: client_model(big_db), repeat=1)
    view = QTableView()
    view.setModel(model)
    view.resize(1200, 700)
    view.show()
    timed("view: first paint", lambda: view.grab(), repeat=1)
    timed("model: sort by value (click on header)", lambda: model.sort(3), repeat=1)
    timed("model: type a search", lambda: model.set_search("客户99"), repeat=1)

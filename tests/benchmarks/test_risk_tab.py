"""The Risk tab on 100,000 clients and 1,000 staff: figures in SQL and the tab's build, against a bare query, and
the 300 ms a person may wait for it (issue 12 point 7).

Run with `make bench`. The figures and the tab are compared to a bare reference query timed in the same run (one join
of the team to the clients, grouped by salesperson: what an overview computed from scratch must do at least), and the
whole wait — from the tab being shown to its tiles, the top 20 and the chart painted, matplotlib's drawing included —
is held to 300 ms (best of seven: other work on the machine only ever makes a run slower).
"""
from __future__ import annotations

import datetime as dt
import random
import time

import pytest

from churnguard_gui.store.db import open_db, writing
from tests.benchmarks.conftest import within

CLIENTS, STAFF = 100_000, 1_000
REFERENCE = ("SELECT t.staff_id, count(*), sum(c.annual_value) FROM client_team t JOIN clients c ON c.id = t.client_id "
             "WHERE t.role = 'owner' GROUP BY t.staff_id")


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    db = open_db(tmp_path_factory.mktemp("risk") / "big.db")
    rng = random.Random(12)
    today = dt.date.today()
    with writing(db):
        db.conn.executemany(
            "INSERT INTO staff (id, name, role, department, status, secret_access, last_day) "
            "VALUES (?, ?, '销售代表', '销售部', ?, ?, ?)",
            [(i, f"员工{i:04d}", "notice" if i % 97 == 0 else "left" if i % 89 == 0 else "active", int(i % 7 == 0),
              (today + dt.timedelta(days=20)).isoformat() if i % 97 == 0 else None) for i in range(1, STAFF + 1)])
        db.conn.executemany(
            "INSERT INTO clients (id, code, name, annual_value, tier, status, last_manager_visit) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(i, f"K{i:06d}", f"客户{i}有限公司", rng.randint(0, 10**7), rng.choice("ABC"),
              rng.choices(("active", "prospect", "dormant", "lost"), (85, 7, 5, 3))[0],
              (today - dt.timedelta(days=rng.randint(0, 400))).isoformat() if rng.random() < 0.6 else None)
             for i in range(1, CLIENTS + 1)])
        team = []
        for i in range(1, CLIENTS + 1):
            owner = rng.randint(1, STAFF)
            team.append((i, owner, "owner"))
            if rng.random() < 0.5:
                team.append((i, (owner % STAFF) + 1, "backup"))
            if rng.random() < 0.2:
                team.append((i, ((owner + 500) % STAFF) + 1, "manager"))
        db.conn.executemany("INSERT INTO client_team (client_id, staff_id, role) VALUES (?, ?, ?)", team)
        db.conn.executemany(
            "INSERT INTO agreements (staff_id, document_no, kind, status, category, signed_on) "
            "VALUES (?, ?, ?, 'signed', 'confidential_duty', '2025-01-01')",
            [(i, f"AG-2025-{i:05d}", rng.choice(("confidentiality", "both", "noncompete")))
             for i in range(1, STAFF + 1) if i % 3])
        db.conn.executemany("INSERT INTO warning_signs (staff_id, kind, noted_on) VALUES (?, 'other', ?)",
                            [(i, today.isoformat()) for i in range(1, STAFF + 1, 10)])
    db.execute("ANALYZE")
    yield db
    db.close()


def timed(label: str, fn, repeat: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<52} {best * 1000:8.1f} ms")
    return best, result


def test_figures_and_tab_against_a_bare_query(big_db, qapp):
    from churnguard_gui.store.risk import risk_figures
    from churnguard_gui.ui.risk_tab import RiskTab

    print()
    bare, _ = timed("reference: owners joined to clients, grouped", lambda: big_db.execute(REFERENCE).fetchall())
    figures_time, figures = timed("risk figures (every tile, top 20)", lambda: risk_figures(big_db))
    assert figures.clients > 80_000 and figures.single_threaded_count > 0

    def open_tab() -> RiskTab:
        tab = RiskTab(big_db)
        tab.resize(1366, 700)
        tab.show()  # computes the figures and shows the tiles and the top 20
        while not tab.chart_ready():  # the chart is drawn in the next pass of the event loop
            qapp.processEvents()
        tab.grab()  # lays out and paints every tile, the chart and the top 20
        tab.close()
        tab.deleteLater()
        return tab

    timed("Risk tab, first time (matplotlib imported)", open_tab, repeat=1)
    print(f"{'ratio: figures / reference':<52} {figures_time / bare:8.1f}")
    assert figures_time < 1.5 * bare  # one pass over a covering index: about the reference's cost, or less
    tab_time = within("Risk tab on 100,000 clients: shown to figures and chart painted", open_tab, 0.300, runs=7)
    print(f"{'Risk tab: build, compute, chart, first paint':<52} {tab_time * 1000:8.1f} ms")

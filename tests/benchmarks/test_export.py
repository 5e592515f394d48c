"""Export of 10,000 and 100,000 clients (CSV and XLSX) by the app's `export` command, each run as a child process:
memory must stay flat as the rows grow (streamed), and the CSV's CPU time is compared with a bare script
streaming the same join through csv.writer."""
from __future__ import annotations

import pytest

from churnguard_gui.store.db import open_db
from tests.benchmarks.bigfiles import ROOT, Run, run_child
from tests.benchmarks.conftest import RESULTS, Row
from tests.benchmarks.test_speed import fill

MAX_RATIO = 3.0  # the app neutralises every cell against formula injection and looks up the primary contact
# Peak memory at 100,000 rows may exceed the peak at 10,000 by this much at most: SQLite's page cache (32 MB,
# set in store/db.py) fills as more of the database is read, and the XLSX is zipped in memory (about 8 MB at
# 100,000 rows) before it is written; the rows themselves are streamed (holding them took 60 MB more).
MAX_GROWTH_MB = 40.0

BARE = r"""
import csv, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute(
    "SELECT c.code, c.name, c.industry, c.tier, c.annual_value, c.status, s.name, cc.name, cc.phone, cc.email, "
    "c.address, c.trading_habits, c.price_terms, c.needs, c.contract_start, c.contract_end, c.last_contact, "
    "c.last_manager_visit, c.source, c.notes FROM clients c "
    "LEFT JOIN client_team t ON t.client_id = c.id AND t.role = 'owner' LEFT JOIN staff s ON s.id = t.staff_id "
    "LEFT JOIN client_contacts cc ON cc.client_id = c.id AND cc.is_primary = 1 ORDER BY c.id")
with open(sys.argv[2], "w", encoding="utf-8-sig", newline="") as handle:
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(["code", "name", "industry", "tier", "value", "status", "owner", "contact", "phone", "email",
                     "address", "habits", "prices", "needs", "start", "end", "contact", "visit", "source", "notes"])
    writer.writerows(rows)
"""


@pytest.fixture(scope="module")
def firms(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    paths = {}
    for clients in (10_000, 100_000):
        paths[clients] = folder / f"firm{clients}.db"
        db = open_db(paths[clients])
        fill(db, clients, 1_000)
        db.close()
    (folder / "bare_export.py").write_text(BARE, encoding="utf-8")
    return folder, paths


def app_export(db, out) -> Run:
    run = run_child(ROOT / "main.py", "--db", db, "--lang", "en", "export", "clients", out)
    out.unlink()
    return run


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_streams(firms, tmp_path, suffix):
    folder, paths = firms
    peaks = {}
    for clients, db in paths.items():
        peaks[clients] = min(app_export(db, tmp_path / f"out{suffix}").peak_mb for _ in range(2))
    growth = peaks[100_000] - peaks[10_000]
    print(f"\nexport {suffix}: peak {peaks[10_000]:.0f} MB at 10,000 clients, {peaks[100_000]:.0f} MB at 100,000 "
          f"(+{growth:.0f} MB)")
    RESULTS.append(Row(f"Export 100,000 clients ({suffix[1:].upper()}), peak memory (10,000: "
                       f"{peaks[10_000]:.0f} MB)", peaks[100_000], None, f"≤ 10k + {MAX_GROWTH_MB:g} MB", unit="MB"))
    assert growth <= MAX_GROWTH_MB, f"export {suffix}: memory grows {growth:.0f} MB from 10k to 100k rows"


def test_export_csv_against_a_bare_streaming_writer(firms, tmp_path):
    folder, paths = firms
    db = paths[100_000]
    ours, bare = [], []
    for _ in range(2):
        bare.append(run_child(folder / "bare_export.py", db, tmp_path / "bare.csv"))
        ours.append(app_export(db, tmp_path / "out.csv"))
    best_ours, best_bare = min(r.cpu for r in ours), min(r.cpu for r in bare)
    print(f"\nexport 100,000 clients CSV: ours {best_ours:.2f} s CPU, bare {best_bare:.2f} s, "
          f"ratio {best_ours / best_bare:.2f}×; peak ours {min(r.peak_mb for r in ours):.0f} MB, bare "
          f"{min(r.peak_mb for r in bare):.0f} MB")
    RESULTS.append(Row("Export 100,000 clients (CSV), CPU", best_ours, best_bare, f"≤ {MAX_RATIO:g}×"))
    assert best_ours <= MAX_RATIO * best_bare, f"export: {best_ours / best_bare:.2f}× the bare streaming writer"

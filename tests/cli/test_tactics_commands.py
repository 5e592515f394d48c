"""`risks --json` and `risks` carry the tactics' figures, on the hand-computed firm and on the demo firm."""
from __future__ import annotations

import json

from tests.cli.test_commands import run
from tests.risk_firm import AS_OF, build


def test_risks_json_has_the_tactics_figures(fresh_db, db_path, tmp_path):
    build(fresh_db, tmp_path)
    out = run("--db", db_path, "risks", "--json", "--as-of", AS_OF.isoformat())
    assert out.returncode == 0, out.stderr
    tactics = json.loads(out.stdout)["tactics"]
    # no firm-level contact yet with the active A/B clients C01 C02 C03 C04 C10 (¥3,300,000); no contract dates;
    # no contact persons imported (all 7 active clients); 赵磊 owned no client
    assert tactics["no_firm_contact_12_months"] == {"count": 5, "value": 3_300_000}
    assert tactics["renewals_due"] == {"count": 0, "value": 0}
    assert tactics["single_contact"]["one_contact_count"] == 7
    assert tactics["former_clients_at_risk"]["count"] == 0
    # tier A every 91 days: C01 visited 2026-01-10 (95 days), C02 never, C10 2025-06-01; tier B every 182: C03 and
    # C04 never visited
    assert tactics["overdue_visits"] == {"count": 5, "value": 3_300_000}


def test_risks_on_the_demo_firm_name_the_tactics(tmp_path):
    db = tmp_path / "demo.db"
    assert run("--db", db, "demo").returncode == 0
    out = run("--db", db, "risks")
    assert out.returncode == 0, out.stderr
    for label in ("Key clients overdue for a manager visit (days between visits by tier: A 91, B 182)",
                  "Key clients without firm-level contact for 12 months", "Contracts ending within 60 days", "Clients that went with a former employee: 1 client"):
        assert label in out.stdout
    figures = json.loads(run("--db", db, "risks", "--json").stdout)["tactics"]
    assert all(figures[name]["count"] > 0 for name in figures)

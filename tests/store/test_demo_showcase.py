"""The demo firm the app and the demo command load shows every feature."""
from __future__ import annotations

from churnguard_gui.store.agreements import obligations
from churnguard_gui.store.demo import load_demo
from churnguard_gui.store.settings import get_setting


def test_the_demo_has_signed_agreements_an_overdue_former_employee_and_the_minimum_wage(fresh_db):
    load_demo(fresh_db)
    signed = fresh_db.execute("SELECT count(*) FROM agreements WHERE status = 'signed'").fetchone()[0]
    assert signed >= 3
    assert get_setting(fresh_db, "minimum_wage") == "2,520"
    overdue = [ob for ob in obligations(fresh_db) if ob.alert.level != "none"]
    assert len(overdue) == 1 and overdue[0].alert.unpaid >= 1
    name = overdue[0].staff_name
    assert fresh_db.execute("SELECT status FROM staff WHERE name = ?", [name]).fetchone()[0] == "left"
    assert fresh_db.execute("SELECT count(*) FROM staff").fetchone()[0] == 12

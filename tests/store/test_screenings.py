"""Screenings in the database: the candidate and the decision in one transaction."""
from __future__ import annotations

import pytest

from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.models import Staff
from churnguard_gui.core.screening import Job, PriorObligation, Reference, Rules
from churnguard_gui.store.screenings import (
    Screening,
    load_screening,
    rules,
    save_rules,
    save_screening,
    screening_list,
    screenings_of,
)
from churnguard_gui.store.staff import get_staff


def screening(decision="hire", name="张伟", **changes) -> Screening:
    values = dict(candidate=Staff(name=name, phone="139 1234 5678", status="candidate"), position="销售代表",
                  jobs=(Job("甲五金", "五金", "销售", "2018-01", "", "", False),), answers={"client_follows": 0},
                  references=(Reference("王经理", called_on="2026-11-20", confirmed=True, rehire="yes"),),
                  prior=PriorObligation(), decision=decision, decision_reason="稳定", reviewer="钱建国",
                  screened_on="2026-11-26")
    values.update(changes)
    return Screening(**values)


def test_hire_makes_an_active_staff_member_with_a_hire_date(fresh_db):
    staff_id, screening_id = save_screening(fresh_db, screening("hire"))
    staff = get_staff(fresh_db, staff_id)
    assert (staff.status, staff.hire_date, staff.role) == ("active", "2026-11-26", "销售代表")
    stored = load_screening(fresh_db, screening_id)
    assert stored.screening.jobs[0].employer == "甲五金" and stored.screening.reviewer == "钱建国"
    assert stored.level == "low" and [r.code for r in stored.reasons] == ["references_missing"]
    assert screenings_of(fresh_db, staff_id) == [(screening_id, "2026-11-26", "low", "hire")]
    assert fresh_db.execute("SELECT action FROM audit_log").fetchall() == [("screening",)]


@pytest.mark.parametrize("decision, status", [("reject", "rejected"), ("hold", "candidate")])
def test_reject_and_hold(fresh_db, decision, status):
    staff_id, _ = save_screening(fresh_db, screening(decision))
    staff = get_staff(fresh_db, staff_id)
    assert staff.status == status and staff.hire_date is None


def test_a_bad_candidate_writes_nothing(fresh_db):
    with pytest.raises(StoreError):
        save_screening(fresh_db, screening(name=""))
    with pytest.raises(StoreError):
        save_screening(fresh_db, screening(decision="maybe"))
    assert fresh_db.execute("SELECT count(*) FROM staff").fetchone()[0] == 0
    assert screening_list(fresh_db) == []


def test_thresholds_are_kept_in_settings_and_used(fresh_db):
    save_rules(fresh_db, Rules(high_points=1, medium_points=1))
    assert rules(fresh_db).high_points == 1
    _, screening_id = save_screening(fresh_db, screening())
    assert load_screening(fresh_db, screening_id).level == "high"

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
                  screened_on="2026-11-26", consent_on="2026-11-26", consent_references=True)
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


def test_no_screening_without_the_candidates_signed_consent(fresh_db):
    with pytest.raises(StoreError) as info:
        save_screening(fresh_db, screening(consent_on=""))
    assert info.value.code == "consent_missing"
    with pytest.raises(StoreError) as info:  # a reference was called without consent to reference checks
        save_screening(fresh_db, screening(consent_references=False))
    assert info.value.code == "consent_references_missing"
    save_screening(fresh_db, screening(consent_references=False, references=(Reference("王经理"),)))
    assert fresh_db.execute("SELECT consent_on, consent_references FROM screenings").fetchall() == [
        ("2026-11-26", 0)]


@pytest.mark.parametrize("today, purged", [("2027-05-25", 0), ("2027-05-26", 1), ("2027-05-27", 1)])
def test_candidates_not_hired_are_anonymised_after_the_retention_period(fresh_db, today, purged):
    import datetime as dt

    from churnguard_gui.store.screenings import purge_expired

    hired, _ = save_screening(fresh_db, screening("hire", name="留用者"))
    rejected, rejected_screening = save_screening(fresh_db, screening("reject", name="李四"))
    assert purge_expired(fresh_db, dt.date.fromisoformat(today), dry_run=True) == purged
    assert purge_expired(fresh_db, dt.date.fromisoformat(today)) == purged
    person = get_staff(fresh_db, rejected)
    stored = load_screening(fresh_db, rejected_screening)
    audits = fresh_db.execute("SELECT detail FROM audit_log WHERE action = 'screening_purged'").fetchall()
    if purged:
        assert person.name != "李四" and person.phone == "" and stored.screening.jobs == ()
        assert stored.screening.references == () and stored.level in ("low", "medium", "high")
        assert len(audits) == 1 and "李四" not in audits[0][0]
        assert purge_expired(fresh_db, dt.date.fromisoformat(today)) == 0  # once only
    else:
        assert person.name == "李四" and stored.screening.jobs and audits == []
    assert get_staff(fresh_db, hired).name == "留用者"  # hired people are never purged


def test_retention_period_comes_from_settings(fresh_db):
    from churnguard_gui.core.firm import Firm
    from churnguard_gui.store.screenings import retention_months
    from churnguard_gui.store.settings import firm_settings, save_firm_settings

    assert retention_months(fresh_db) == 6 and firm_settings(fresh_db).retention_months == 6
    save_firm_settings(fresh_db, Firm(name="示范", retention_months=3))
    assert retention_months(fresh_db) == 3
    with pytest.raises(StoreError) as info:
        save_firm_settings(fresh_db, Firm(name="示范", retention_months=0))
    assert info.value.code == "retention_out_of_range"

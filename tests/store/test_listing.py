"""The lists in SQL: an agreement's shown status comes from core's rule, and filters name a column, not SQL."""
from __future__ import annotations

import datetime as dt

import pytest

from churnguard_gui.core.agreements import AgreementDraft, effective_status
from churnguard_gui.store import listing
from churnguard_gui.store.agreements import save_agreement
from churnguard_gui.store.staff import find_staff


def _agreement(db, name: str, kind: str, status: str, end: str | None) -> int:
    draft = AgreementDraft(find_staff(db, name), kind, "senior_manager", True, secrets=("plans",), months=12,
                           business="五金销售", region="广东省",
                           average_wage=10000, minimum_wage=2520, monthly_compensation=3000)
    agreement_id = save_agreement(db, draft, lambda number: ("fingerprint", "v1"))
    db.execute("UPDATE agreements SET status = ?, noncompete_end = ? WHERE id = ?", [status, end, agreement_id])
    return agreement_id


@pytest.fixture
def agreements(fresh_db, demo_into):
    demo_into(fresh_db)
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    ids = {
        "over": _agreement(fresh_db, "吴芳", "noncompete", "signed", yesterday),
        "running": _agreement(fresh_db, "吴芳", "noncompete", "signed", tomorrow),
        "both": _agreement(fresh_db, "吴芳", "both", "signed", yesterday),
        "draft": _agreement(fresh_db, "吴芳", "noncompete", "draft", yesterday),
    }
    return fresh_db, ids


def test_shown_status_is_cores_effective_status(agreements):
    db, ids = agreements
    status = listing.AGREEMENTS.columns.index(listing.AGREEMENTS.column("status"))
    rows = listing.fetch_rows(db, listing.AGREEMENTS, list(ids.values()))
    for agreement_id in ids.values():
        stored, kind, end = db.execute("SELECT status, kind, noncompete_end FROM agreements WHERE id = ?",
                                       [agreement_id]).fetchone()
        assert rows[agreement_id][status] == effective_status(stored, end, kind, dt.date.today())
    assert rows[ids["over"]][status] == "expired" and rows[ids["running"]][status] == "signed"


def test_filter_by_shown_status_and_by_named_filter(agreements):
    db, ids = agreements
    assert listing.list_ids(db, listing.AGREEMENTS, only=("status", "expired")) == [ids["over"]]
    assert set(listing.list_ids(db, listing.AGREEMENTS, only=("status", "signed"))) == {ids["running"], ids["both"]}
    staff = find_staff(db, "吴芳")
    assert len(listing.list_ids(db, listing.AGREEMENTS, only=("staff_id", staff))) == 4
    with pytest.raises(KeyError):
        listing.list_ids(db, listing.AGREEMENTS, only=("a.staff_id = 1 OR 1", 1))

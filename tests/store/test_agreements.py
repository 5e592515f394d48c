"""Agreements in the database: refused drafts, printing, signing with a scan, the clock, release, payments."""
from __future__ import annotations

import datetime as dt

import pytest

from churnguard_gui.core.agreements import AgreementDraft, render
from churnguard_gui.core.errors import StoreError
from churnguard_gui.store.agreements import (
    agreement_lines,
    get_agreement,
    mark_printed,
    obligations,
    parties,
    record_payment,
    record_signing,
    release_early,
    save_agreement,
    scan_data,
    scans,
    staff_without_confidentiality,
)
from churnguard_gui.store.settings import set_setting
from churnguard_gui.store.staff import find_staff, get_staff, save_staff


@pytest.fixture
def demo(fresh_db, demo_into):
    demo_into(fresh_db)
    return fresh_db


def draft(db, name="吴芳", **changes) -> AgreementDraft:
    values = dict(staff_id=find_staff(db, name), kind="both", category="senior_manager", secret_access=True,
                  secrets=("client_list", "price_terms"), competitors="竞争科技", region="广东省", months=12,
                  business="办公家具的销售",
                  average_wage=15000, minimum_wage=2360, monthly_compensation=4500, penalty=90000, language="zh")
    values.update(changes)
    return AgreementDraft(**values)


def store(db, d: AgreementDraft) -> int:
    def fingerprint(number):
        text = render(d, parties(db, d.staff_id), number)
        return text.fingerprint, text.template_version
    return save_agreement(db, d, fingerprint, today=dt.date(2026, 11, 26))


def test_refused_terms_are_not_stored(demo):
    with pytest.raises(StoreError) as info:
        store(demo, draft(demo, months=25))
    assert info.value.code == "months_too_long" and "劳动合同法 第24条" in str(info.value)
    with pytest.raises(StoreError, match="below the firm's policy floor of ¥4,500"):
        store(demo, draft(demo, monthly_compensation=4499))
    with pytest.raises(StoreError, match="违约金"):
        store(demo, draft(demo, kind="confidentiality", penalty=1))
    assert demo.execute("SELECT count(*) FROM agreements").fetchone()[0] == 0


def test_other_jurisdiction_refused_for_work_in_the_mainland(demo):
    set_setting(demo, "governing_law", "香港特别行政区法律")
    for place in ("", "mainland"):  # not set, or set to the mainland: PRC labour law applies whatever is chosen
        set_setting(demo, "place_of_work", place)
        with pytest.raises(StoreError) as info:
            store(demo, draft(demo, jurisdiction="other", months=6))
        assert info.value.code == "other_law_mainland" and "outside mainland China" in str(info.value)
    assert demo.execute("SELECT count(*) FROM agreements").fetchone()[0] == 0


def test_other_jurisdiction_stores_with_warnings(demo):
    set_setting(demo, "place_of_work", "outside")
    with pytest.raises(StoreError) as info:  # the text must name the governing law chosen in Firm settings
        store(demo, draft(demo, jurisdiction="other", months=36))
    assert info.value.code == "governing_law_missing"
    set_setting(demo, "governing_law", "the laws of Singapore")
    agreement_id = store(demo, draft(demo, jurisdiction="other", months=36))
    assert demo.execute("SELECT warnings FROM agreements WHERE id = ?", [agreement_id]).fetchone()[0] == \
        '["months_too_long"]'


def test_draft_printed_signed_with_scan(demo):
    agreement_id = store(demo, draft(demo))
    stored = get_agreement(demo, agreement_id)
    assert (stored.status, stored.document_no) == ("draft", "AG-2026-00001") and len(stored.fingerprint) == 10
    mark_printed(demo, agreement_id, "printer")
    mark_printed(demo, agreement_id, "copy.pdf")  # every print is audited
    assert get_agreement(demo, agreement_id).status == "printed"
    record_signing(demo, agreement_id, "2026年11月27日", "钱建国", ("signed.pdf", "application/pdf", b"%PDF-1.4 scan"))
    signed = get_agreement(demo, agreement_id)
    assert (signed.status, signed.signed_on, signed.witness) == ("signed", "2026-11-27", "钱建国")
    assert signed.noncompete_start is None  # still employed: the clock has not started
    (file_id, name, mime), = scans(demo, agreement_id)
    assert (name, mime, scan_data(demo, file_id)) == ("signed.pdf", "application/pdf", b"%PDF-1.4 scan")
    actions = [a for (a,) in demo.execute("SELECT action FROM audit_log WHERE action LIKE 'agreement%' ORDER BY id")]
    assert actions == ["agreement_drafted", "agreement_printed", "agreement_printed", "agreement_signed"]
    with pytest.raises(StoreError):
        record_signing(demo, agreement_id, "2026-11-28", "")


def signed_and_left(db) -> int:
    """吴芳 signs a non-compete in January and leaves on 2026-12-31."""
    agreement_id = store(db, draft(db))
    mark_printed(db, agreement_id)
    record_signing(db, agreement_id, "2026-01-05", "钱建国")
    staff = get_staff(db, find_staff(db, "吴芳"))
    staff.status, staff.last_day = "left", "2026-12-31"
    save_staff(db, staff)
    return agreement_id


def test_clock_starts_from_the_last_day_when_someone_leaves(demo):
    agreement_id = signed_and_left(demo)
    stored = get_agreement(demo, agreement_id)
    assert (stored.noncompete_start, stored.noncompete_end) == ("2027-01-01", "2027-12-31")
    lines = agreement_lines(demo, find_staff(demo, "吴芳"), dt.date(2027, 1, 10))
    assert [(ln.kind, ln.status, ln.ends_on, ln.monthly_compensation) for ln in lines] == [
        ("confidentiality", "signed", None, None), ("noncompete", "signed", "2027-12-31", 4500)]


def test_late_compensation_is_flagged_and_payments_clear_it(demo):
    agreement_id = signed_and_left(demo)
    (ob,) = obligations(demo, dt.date(2027, 3, 5))
    assert (ob.staff_name, ob.alert.level, ob.alert.unpaid, ob.alert.amount) == ("吴芳", "urgent", 2, 9000)
    record_payment(demo, agreement_id, 1, 4500, "2027-01-30")
    record_payment(demo, agreement_id, 2, 4500, "2027-02-27")
    assert obligations(demo, dt.date(2027, 3, 5))[0].alert.level == "none"
    assert obligations(demo, dt.date(2027, 6, 5))[0].alert.level == "critical"


def test_release_early_costs_three_months_and_ends_the_schedule(demo):
    agreement_id = signed_and_left(demo)
    assert release_early(demo, agreement_id, "2027-03-10") == 13500
    assert get_agreement(demo, agreement_id).status == "released"
    plan = obligations(demo, dt.date(2027, 3, 11))[0].installments
    assert len(plan) == 4  # three months begun, then the release payment of three more months (解释(一) 第39条)
    assert (plan[-1].amount, plan[-1].due_on, plan[-1].months) == (13500, "2027-03-10", 3)


def test_staff_without_signed_confidentiality_are_listed(demo):
    before = {n for _, n in staff_without_confidentiality(demo)}
    assert "吴芳" in before
    agreement_id = store(demo, draft(demo, kind="confidentiality", months=0, monthly_compensation=0, penalty=0))
    assert "吴芳" in {n for _, n in staff_without_confidentiality(demo)}  # printed is not signed
    mark_printed(demo, agreement_id)
    record_signing(demo, agreement_id, "2026-11-27", "")
    assert "吴芳" not in {n for _, n in staff_without_confidentiality(demo)}

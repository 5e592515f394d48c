"""The lawyer's review in the database: the amount owed after departure everywhere, the waiver's delivery date, the
Chinese text always printed for signing, the 补充协议 for agreements on template 2026.1."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from churnguard_gui.core.errors import StoreError
from churnguard_gui.store.agreements import (
    agreement_lines,
    get_agreement,
    needing_supplement,
    notice_for,
    obligations,
    printable,
    record_departure,
    record_notice_delivery,
    release_cost_preview,
    release_early,
    save_agreement,
    supplement,
)
from churnguard_gui.store.db import writing
from churnguard_gui.store.staff import find_staff
from tests.store.test_agreements import draft, signed_and_left, store


@pytest.fixture
def demo(fresh_db, demo_into):
    demo_into(fresh_db)
    return fresh_db


def left_with_pay(db, pay: int) -> int:
    """吴芳's non-compete (agreed ¥4,500, national 30%) enforced, with this 12-month average pay at departure."""
    agreement_id = signed_and_left(db)
    with writing(db):
        record_departure(db, find_staff(db, "吴芳"), pay, {agreement_id: "enforce"}, "2026-12-31")
    return agreement_id


@pytest.mark.parametrize("pay, owed", [(15000, 4500), (15001, 4501), (20000, 6000)])
def test_schedule_acknowledgement_and_release_use_the_amount_owed(demo, pay, owed):
    agreement_id = left_with_pay(demo, pay)
    (ob,) = obligations(demo, dt.date(2027, 1, 10))
    assert {i.amount for i in ob.installments} == {owed}
    line = [ln for ln in agreement_lines(demo, find_staff(demo, "吴芳")) if ln.kind == "noncompete"][0]
    assert line.monthly_compensation == owed and bool(line.topped_up_by) is (owed > 4500)
    assert release_cost_preview(demo, agreement_id, "2027-03-10")[0] == 3 * owed
    assert release_early(demo, agreement_id, "2027-03-10") == 3 * owed
    notice = notice_for(demo, agreement_id, "zh")
    assert f"每月人民币{owed:,}元" in notice.body and f"（¥{3 * owed:,}）" in notice.body
    assert ("百分之三十" in notice.body) is (owed > 4500)


def waived(db) -> int:
    agreement_id = signed_and_left(db)
    with writing(db):
        record_departure(db, find_staff(db, "吴芳"), 15000, {agreement_id: "waive"}, "2026-12-31")
    return agreement_id


@pytest.mark.parametrize("delivered, late", [("2026-12-30", False), ("2026-12-31", False), ("2027-01-01", True)])
def test_a_waiver_delivered_after_the_last_working_day_is_a_release(demo, delivered, late):
    agreement_id = waived(demo)
    result = record_notice_delivery(demo, agreement_id, delivered)
    stored = get_agreement(demo, agreement_id)
    assert result.became_release is late and stored.release_kind == ("release" if late else "waiver")
    assert result.cost == (13500 if late else 0)
    notice = notice_for(demo, agreement_id, "zh")
    day = dt.date.fromisoformat(delivered)
    assert f"本通知于{day.year}年{day.month}月{day.day}日送达你本人" in notice.delivery
    if late:
        assert stored.released_on == delivered and stored.noncompete_start == "2027-01-01"
        assert obligations(demo, dt.date(2027, 1, 2))[0].installments[-1].amount == 13500
        assert "第三十九条" in notice.basis
    else:
        assert "第三十七条" in notice.basis and "第十条" in notice.basis
        assert obligations(demo, dt.date(2027, 1, 2)) == []
    rows = demo.execute("SELECT detail FROM audit_log WHERE action = 'notice_delivered'").fetchall()
    assert json.loads(rows[-1][0])["delivered_on"] == delivered


def test_an_undelivered_waiver_prints_a_line_to_fill_in_and_bad_dates_are_refused(demo):
    agreement_id = waived(demo)
    assert "本通知于＿＿＿＿年＿＿月＿＿日送达你本人" in notice_for(demo, agreement_id, "zh").delivery
    with pytest.raises(StoreError):
        record_notice_delivery(demo, agreement_id, "yesterday")


def test_the_chinese_text_is_printed_and_fingerprinted_whatever_the_language(demo):
    agreement_id = save_agreement(demo, draft(demo, language="en"))  # as the wizard stores it
    stored = get_agreement(demo, agreement_id)
    chinese, english = printable(demo, agreement_id, "en")
    assert chinese.title == "保密与竞业限制协议" and english is not None and english.title.startswith("Confidentiality")
    assert stored.fingerprint == chinese.fingerprint
    assert english.footer_line(chinese.fingerprint).endswith(
        f"translation of the Chinese text, fingerprint {chinese.fingerprint} · template 2026.3")
    zh_only = store(demo, draft(demo))
    assert printable(demo, zh_only, "zh")[1] is None and printable(demo, zh_only, "en")[1] is not None


def test_agreements_on_template_2026_1_are_flagged_and_get_a_supplement(demo):
    old = signed_and_left(demo)
    current = store(demo, draft(demo, name="吴芳"))
    with writing(demo):
        demo.execute("UPDATE agreements SET template_version = '2026.1' WHERE id = ?", [old])
    assert [row[0] for row in needing_supplement(demo)] == [old]
    with writing(demo):  # a version not recorded (rows written by the demo) is not taken for 2026.1
        demo.execute("UPDATE agreements SET template_version = '' WHERE id = ?", [current])
    assert [row[0] for row in needing_supplement(demo)] == [old]
    chinese, english = supplement(demo, old, "en")
    plain = chinese.plain()
    assert chinese.title == "补充协议" and "因甲方原因导致三个月未支付" in plain and "返还" in plain
    assert "劳动合同履行地或者甲方所在地" in plain and "2026年1月5日" in plain and english is not None
    with pytest.raises(StoreError):
        supplement(demo, current, "zh")

"""Agreement text from the template, the non-compete clock and compensation alerts."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from churnguard_gui.core.agreements import (
    AgreementDraft,
    Parties,
    effective_status,
    noncompete_period,
    payment_alert,
    render,
    schedule,
)

DRAFT = AgreementDraft(1, "both", "senior_manager", True, "cn", ("client_list", "price_terms", "报价系统源代码"),
                       "竞争科技", "广东省", 12, 12000, 2360, 3600, 100000, "zh")
PARTIES = Parties("示范贸易", "孙丽", "销售代表", "销售部")


def test_text_has_parties_secrets_terms_in_its_language():
    text = render(DRAFT, PARTIES, "AG-2026-00001")
    plain = text.plain()
    assert text.title == "保密与竞业限制协议"
    assert "乙方（劳动者）：孙丽" in plain and "客户名单及联系人" in plain and "报价系统源代码" in plain
    assert "12个月内" in plain and "3,600" in plain and "100,000" in plain and "第一条" in plain
    english = render(replace(DRAFT, language="en"), PARTIES, "AG-2026-00001")
    assert english.title == "Confidentiality and Non-Compete Agreement"
    assert "the client list with contact persons" in english.plain() and "12 months" in english.plain()


def test_confidentiality_only_has_no_noncompete_or_penalty_clause():
    text = render(replace(DRAFT, kind="confidentiality", penalty=0), PARTIES)
    titles = [t for _, t, _ in text.clauses]
    assert "竞业限制" not in titles and "违约金" not in titles and "保密义务" in titles and not text.terms
    assert [n for n, _, _ in text.clauses] == list(range(1, len(titles) + 1))


def test_fingerprint_changes_with_any_word_or_number():
    base = render(DRAFT, PARTIES, "AG-2026-00001").fingerprint
    assert render(DRAFT, PARTIES, "AG-2026-00001").fingerprint == base
    assert render(replace(DRAFT, monthly_compensation=3601), PARTIES, "AG-2026-00001").fingerprint != base
    assert render(DRAFT, PARTIES, "AG-2026-00002").fingerprint != base


def test_clock_starts_the_day_after_the_last_day():
    assert noncompete_period("2026-12-31", 24) == ("2027-01-01", "2028-12-31")
    assert noncompete_period("2027-01-30", 1) == ("2027-01-31", "2027-02-27")


def test_schedule_and_alerts_at_one_two_and_three_months():
    plan = schedule("2027-01-01", 12, 3600)
    assert len(plan) == 12 and plan[0].due_on == "2027-01-31" and plan[11].period_end == "2027-12-31"
    assert payment_alert(plan, dt.date(2027, 1, 31)).level == "none"
    assert payment_alert(plan, dt.date(2027, 2, 1)).level == "overdue"
    two = payment_alert(plan, dt.date(2027, 3, 1))
    assert (two.level, two.unpaid, two.amount) == ("urgent", 2, 7200)
    assert payment_alert(plan, dt.date(2027, 4, 1)).level == "critical"
    paid = schedule("2027-01-01", 12, 3600, {1: "2027-01-25", 2: "2027-02-26"})
    assert payment_alert(paid, dt.date(2027, 4, 1)).level == "overdue"


def test_a_finished_noncompete_shows_expired():
    today = dt.date(2029, 1, 1)
    assert effective_status("signed", "2028-12-31", "noncompete", today) == "expired"
    assert effective_status("signed", "2028-12-31", "both", today) == "signed"  # confidentiality goes on
    assert effective_status("signed", None, "noncompete", today) == "signed"

"""Issue 11's rules at, just under and just over each limit: scope, no access, regional floors, liquidated damages,
waiver and release, three unpaid months, retention of screening data, the credit code."""
from __future__ import annotations

import datetime as dt

import pytest

from churnguard_gui.core.agreements import Installment, payment_alert, schedule, schedule_after_release
from churnguard_gui.core.legal import (
    CHINA,
    OTHER,
    REGIONS,
    SOURCES,
    Terms,
    below_floor_at_departure,
    check_terms,
    compensation_floor,
    credit_code_problem,
    penalty_limit,
    refusals,
    release_cost_on,
    retention_expired,
    retention_problem,
)


def nc(**changes) -> Terms:
    values = dict(kind="noncompete", category="senior_manager", secret_access=True, months=12, average_wage=10000,
                  minimum_wage=2360, monthly_compensation=5000, penalty=0, business="工业阀门的销售",
                  territory="广东省")
    values.update(changes)
    return Terms(**values)


def codes(terms: Terms, law=CHINA) -> dict[str, str]:
    return {f.code: f.severity for f in check_terms(terms, law)}


# -- rule 1: no access to trade secrets; the scope matches what the person knew
def test_no_access_refused_under_china_warned_elsewhere():
    assert codes(nc(secret_access=False))["no_secret_access"] == "refuse"
    assert codes(nc(secret_access=False), OTHER)["no_secret_access"] == "warn"
    assert "no_secret_access" not in codes(nc(secret_access=True))


def test_no_access_does_not_stop_a_confidentiality_agreement():
    assert check_terms(Terms("confidentiality", "other", False)) == []


@pytest.mark.parametrize("named, warned", [(0, True), (1, False), (2, False)])
def test_a_noncompete_naming_no_secret_has_nothing_to_be_proportionate_to(named, warned):
    found = codes(nc(secrets_named=named))
    assert ("scope_no_secrets" in found) is warned
    if warned:
        assert found["scope_no_secrets"] == "warn"


@pytest.mark.parametrize("territory, wide", [("全国", True), ("全国范围", True), ("中国境内", True),
                                             ("Nationwide", True), ("广东省", False), ("深圳市南山区", False),
                                             ("Guangdong province", False)])
def test_a_nationwide_region_is_warned_with_article_13_2(territory, wide):
    found = check_terms(nc(territory=territory))
    wide_found = [f for f in found if f.code == "scope_region_wide"]
    assert bool(wide_found) is wide
    if wide:
        assert wide_found[0].article.endswith("第13条第2款") and wide_found[0].severity == "warn"


# -- rule 2: a scope is required; competitors are optional
@pytest.mark.parametrize("business, region, refused", [
    ("", "广东省", {"scope_business_missing"}), ("   ", "广东省", {"scope_business_missing"}),
    ("阀门销售", "", {"scope_region_missing"}), ("", "", {"scope_business_missing", "scope_region_missing"}),
    ("阀门销售", "广东省", set()),
])
def test_empty_scope_is_refused(business, region, refused):
    found = check_terms(nc(business=business, territory=region))
    assert {f.code for f in refusals(found)} == refused
    assert all(f.article == "劳动合同法 第24条第1款" for f in found if f.code.startswith("scope_") and
               f.code != "scope_region_wide")


def test_named_competitors_are_optional():
    assert check_terms(nc(competitors="")) == [] and check_terms(nc(competitors="竞争科技")) == []


def test_empty_scope_only_warns_in_another_jurisdiction():
    found = check_terms(nc(business="", territory=""), OTHER)
    assert found and not refusals(found)


# -- rule 3: the default of 30%, regional floors keyed by the firm's region, pay at departure
def test_regions_carry_their_source():
    assert REGIONS["shenzhen"].source == "深圳经济特区企业技术秘密保护条例 第24条"
    assert (REGIONS["shenzhen"].numerator, REGIONS["shenzhen"].denominator) == (1, 2)
    assert REGIONS["jiangsu"].source.startswith("江苏省劳动合同条例")
    assert (REGIONS["jiangsu"].numerator, REGIONS["jiangsu"].denominator) == (1, 3)
    assert "劳动争议解释(一) 法释〔2020〕26号 第36条" in REGIONS["national"].source
    assert REGIONS["national"].source.startswith("本公司标准")  # firm policy, the courts' reference
    for region in REGIONS.values():
        assert region.source in SOURCES or region.code == "national" or "第28条" in region.source


@pytest.mark.parametrize("region, wage, floor", [
    ("national", 10000, 3000), ("shenzhen", 10000, 5000), ("jiangsu", 10000, 3334),  # 3333.33 rounded up
    ("shenzhen", 10001, 5001), ("jiangsu", 9999, 3333), ("shenzhen", 4000, 2360),  # minimum wage wins
    ("unknown", 10000, 3000),
])
def test_floor_by_region(region, wage, floor):
    assert compensation_floor(wage, 2360, CHINA, region) == floor


def test_regional_floor_does_not_apply_under_another_law():
    assert compensation_floor(10000, 2360, OTHER, "shenzhen") == 3000


@pytest.mark.parametrize("amount, refused", [(4999, True), (5000, False), (5001, False)])
def test_shenzhen_refuses_below_one_half(amount, refused):
    found = check_terms(nc(floor_region="shenzhen", monthly_compensation=amount, technical_secrets=True))
    assert ("compensation_below_region_floor" in {f.code for f in refusals(found)}) is refused
    if refused:
        finding = found[0]
        assert finding.article == "深圳经济特区企业技术秘密保护条例 第24条"
        assert finding.detail() == {"amount": "4,999", "floor": "5,000", "share": "1/2"}


@pytest.mark.parametrize("amount, refused", [(3333, True), (3334, False), (3335, False)])
def test_jiangsu_refuses_below_one_third(amount, refused):
    assert ("compensation_below_region_floor" in codes(nc(floor_region="jiangsu", monthly_compensation=amount))
            ) is refused


def test_national_default_is_cited_as_the_firms_policy_with_the_courts_reference():
    finding = check_terms(nc(monthly_compensation=2999))[0]
    assert finding.code == "compensation_below_floor" and "第36条" in finding.article
    assert finding.article.startswith("本公司标准")


# Shenzhen's one half is a rule on technical secrets: without one named, the owner may choose the national level
@pytest.mark.parametrize("amount, code, severity", [
    (2999, "compensation_below_region_floor", "refuse"),  # under the national reference: still refused
    (3000, "compensation_below_region_floor_choice", "warn"),
    (4999, "compensation_below_region_floor_choice", "warn"),
    (5000, None, None),
])
def test_shenzhen_without_a_technical_secret_lets_the_owner_choose(amount, code, severity):
    found = {f.code: f.severity for f in check_terms(nc(floor_region="shenzhen", monthly_compensation=amount))}
    compensation = {k: v for k, v in found.items() if k.startswith("compensation")}
    assert compensation == ({code: severity} if code else {})


@pytest.mark.parametrize("region, pay, owed", [
    ("national", 16666, 0), ("national", 16667, 5001),  # 30%: 4,999.8 → 5,000 is met; 5,000.1 → 5,001 is not
    ("shenzhen", 9999, 0), ("shenzhen", 10000, 0), ("shenzhen", 10001, 5001),  # one half
    ("jiangsu", 15000, 0), ("jiangsu", 15001, 5001),  # one third
])
def test_floor_recomputed_from_pay_at_departure(region, pay, owed):
    """Agreed 5,000 a month; the 12-month average with commission and bonuses at departure sets the floor again."""
    assert below_floor_at_departure(5000, pay, 2360, CHINA, region) == owed


def test_pay_at_departure_at_the_boundary():
    assert below_floor_at_departure(3000, 10000, 2360) == 0  # exactly 30%
    assert below_floor_at_departure(3000, 10001, 2360) == 3001  # just over: now below
    assert below_floor_at_departure(3000, 9999, 2360) == 0


# -- rule 4: waiver at departure costs nothing; release during the period three more months
@pytest.mark.parametrize("on, cost", [("2027-01-31", 0), ("2027-02-01", 9000), ("2027-02-02", 9000)])
def test_waiver_before_the_period_is_free_release_during_it_costs_three_months(on, cost):
    assert release_cost_on(3000, on, "2027-02-01") == cost


def test_waiver_when_no_period_started_is_free():
    assert release_cost_on(3000, "2027-05-01", None) == 0


def test_release_payment_is_added_to_the_schedule():
    plan = schedule_after_release("2027-02-01", 12, 3000, "2027-04-10", 3)
    assert [i.amount for i in plan] == [3000, 3000, 3000, 9000]
    assert plan[-1].due_on == "2027-04-10" and plan[-1].months == 3
    assert schedule_after_release("2027-02-01", 12, 3000, "2027-01-31", 0) == []


# -- rule 5: 三个月未支付 counts months unpaid in total, not in a row
def _plan(paid: dict[int, str]) -> list[Installment]:
    return schedule("2027-01-01", 12, 3000, paid)


@pytest.mark.parametrize("paid, level", [
    ({2: "2027-03-01", 4: "2027-05-01"}, "urgent"),  # months 1 and 3 unpaid by 2027-05-01: two months
    ({2: "2027-03-01"}, "critical"),  # 1, 3 and 4 unpaid, not in a row: three months
    ({1: "x", 2: "x", 3: "x"}, "overdue"),
])
def test_three_unpaid_months_need_not_be_in_a_row(paid, level):
    assert payment_alert(_plan(paid), dt.date(2027, 5, 1)).level == level


def test_an_unpaid_release_payment_counts_as_three_months():
    plan = schedule_after_release("2027-02-01", 12, 3000, "2027-02-10", 3, {1: "2027-02-28"})
    assert payment_alert(plan, dt.date(2027, 2, 10)).level == "none"
    alert = payment_alert(plan, dt.date(2027, 2, 11))
    assert alert.level == "critical" and alert.unpaid == 3


# -- rule 6: liquidated damages out of proportion
@pytest.mark.parametrize("months, monthly, wage, limit", [
    (12, 3000, 10000, 36000),  # the whole period's compensation
    (24, 6000, 10000, 120000),  # a year's pay is lower
    (24, 6000, 0, 144000),  # pay unknown: the period's compensation
])
def test_penalty_limit(months, monthly, wage, limit):
    assert penalty_limit(months, monthly, wage) == limit


@pytest.mark.parametrize("penalty, warned", [(35999, False), (36000, False), (36001, True)])
def test_penalty_above_the_limit_is_warned_with_a_suggestion(penalty, warned):
    found = {f.code: f for f in check_terms(nc(monthly_compensation=3000, penalty=penalty))}
    assert ("penalty_disproportionate" in found) is warned
    if warned:
        finding = found["penalty_disproportionate"]
        assert finding.severity == "warn" and finding.article == "民法典 第585条"
        assert finding.detail()["suggested"] == "36,000"


# -- screening data
@pytest.mark.parametrize("months, ok", [(0, False), (1, True), (6, True), (36, True), (37, False)])
def test_retention_period_bounds(months, ok):
    assert (retention_problem(months) is None) is ok


@pytest.mark.parametrize("today, expired", [("2027-01-14", False), ("2027-01-15", True), ("2027-01-16", True)])
def test_retention_expires_after_the_period(today, expired):
    assert retention_expired("2026-07-15", 6, dt.date.fromisoformat(today)) is expired


# -- the firm's 统一社会信用代码
@pytest.mark.parametrize("code, ok", [("91350100M000100Y43", True), ("91110000600037341L", True),
                                      ("91350100m000100y43", True), ("", True),
                                      ("91350100M000100Y44", False), ("91350100M000100Y4", False),
                                      ("91350100M000100Y433", False), ("91350100M000100I43", False)])
def test_credit_code_check_character(code, ok):
    assert (credit_code_problem(code) is None) is ok

"""The legal rules at and around every limit."""
from __future__ import annotations

import pytest

from churnguard_gui.core.legal import (
    CHINA,
    OTHER,
    Terms,
    check_terms,
    compensation_floor,
    noncompete_eligible,
    refusals,
    release_cost,
)


def nc(**changes) -> Terms:
    values = dict(kind="noncompete", category="senior_manager", secret_access=True, months=12, average_wage=10000,
                  minimum_wage=2360, monthly_compensation=3000, penalty=36000, business="工业阀门的销售",
                  territory="广东省")
    values.update(changes)
    return Terms(**values)


def codes(terms: Terms, law=CHINA) -> set[str]:
    return {f.code for f in check_terms(terms, law)}


def test_good_terms_pass():
    assert check_terms(nc()) == []


@pytest.mark.parametrize("months, ok", [(1, True), (23, True), (24, True), (25, False), (36, False)])
def test_at_most_24_months(months, ok):
    found = check_terms(nc(months=months, penalty=0))  # the penalty rule has its own tests
    assert (found == []) is ok
    if not ok:
        assert found[0].code == "months_too_long" and found[0].article == "劳动合同法 第24条"
        assert found[0].detail() == {"months": months, "limit": 24}


def test_zero_months_refused():
    assert "months_missing" in codes(nc(months=0))


@pytest.mark.parametrize("wage, minimum, floor", [
    (10000, 2360, 3000),  # 30% of wage
    (10001, 2360, 3001),  # rounded up: never a fen below 30%
    (7866, 2360, 2360),   # 30% = 2359.8 → 2360, equal to the minimum wage
    (5000, 2360, 2360),   # minimum wage wins
    (0, 2360, 2360),
])
def test_floor_is_the_higher_of_30_percent_and_minimum_wage(wage, minimum, floor):
    assert compensation_floor(wage, minimum) == floor


@pytest.mark.parametrize("amount, ok", [(2999, False), (3000, True), (3001, True)])
def test_compensation_at_the_floor(amount, ok):
    found = codes(nc(monthly_compensation=amount))
    assert ("compensation_below_floor" not in found) is ok


def test_compensation_below_minimum_wage_refused_even_if_above_30_percent():
    terms = nc(average_wage=5000, monthly_compensation=2000)  # 30% = 1500 but minimum wage 2360
    finding = check_terms(terms)[0]
    assert finding.code == "compensation_below_floor" and finding.detail()["floor"] == "2,360"
    # 解释(一) 第36条 is the courts' default when nothing was agreed, not a legal minimum: the refusal says so
    assert finding.article.startswith("本公司标准") and "劳动争议解释(一) 法释〔2020〕26号 第36条" in finding.article


def test_no_compensation_refused():
    assert "compensation_missing" in codes(nc(monthly_compensation=0))


def test_minimum_wage_must_be_entered():
    assert "minimum_wage_missing" in codes(nc(minimum_wage=0))


def test_penalty_never_in_a_confidentiality_only_agreement():
    found = check_terms(Terms("confidentiality", "other", False, penalty=1))
    assert [(f.code, f.severity, f.article) for f in found] == [
        ("penalty_without_noncompete", "refuse", "劳动合同法 第25条")]
    assert check_terms(Terms("confidentiality", "other", False, penalty=0)) == []
    assert "penalty_without_noncompete" not in codes(nc(penalty=100000))
    assert "penalty_without_noncompete" not in codes(nc(kind="both", penalty=100000))


@pytest.mark.parametrize("category, ok", [("senior_manager", True), ("senior_technical", True),
                                          ("confidential_duty", True), ("other", False)])
def test_only_eligible_roles_are_bound(category, ok):
    assert noncompete_eligible(category) is ok
    assert ("not_eligible" not in codes(nc(category=category))) is ok


def test_no_access_to_secrets_is_refused_under_china_law_citing_interpretation_ii():
    found = check_terms(nc(secret_access=False))
    assert [(f.code, f.severity) for f in found] == [("no_secret_access", "refuse")]
    assert found[0].article == "劳动争议解释(二) 法释〔2025〕12号 第13条第1款"
    assert [(f.code, f.severity) for f in check_terms(nc(secret_access=False), OTHER)] == [
        ("no_secret_access", "warn")]


def test_other_jurisdiction_turns_refusals_into_warnings():
    terms = nc(months=36, monthly_compensation=100, category="other")
    assert refusals(check_terms(terms, CHINA))
    found = check_terms(terms, OTHER)
    assert found and not refusals(found)
    assert {f.code for f in found} == {"months_too_long", "compensation_below_floor", "not_eligible",
                                       "penalty_disproportionate"}


def test_releasing_early_costs_three_more_months():
    assert release_cost(3000) == 9000

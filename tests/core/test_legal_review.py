"""The lawyer's review of issue 11's papers, at each boundary: the amount owed after departure, the place of work
that allows another law, Chinese contract conventions, new sources kept beside the rules."""
from __future__ import annotations

import pytest

from churnguard_gui.core.agreements import AgreementDraft, Parties, render
from churnguard_gui.core.chinese import cn_date, cn_number, rmb, rmb_capital
from churnguard_gui.core.firm import Firm, firm_problems
from churnguard_gui.core.legal import (
    CHINA,
    OTHER,
    SOURCES,
    jurisdiction_problem,
    monthly_owed,
    release_cost,
)


# -- point 3: what is owed after departure is max(agreed, floor at departure); the floor follows the region
@pytest.mark.parametrize("pay, owed", [(14999, 7500), (15000, 7500), (15001, 7501), (16000, 8000)])
def test_shenzhen_owed_is_the_agreed_amount_until_half_the_pay_at_departure_exceeds_it(pay, owed):
    assert monthly_owed(7500, pay, 2360, CHINA, "shenzhen") == owed


@pytest.mark.parametrize("pay, owed", [(10000, 3000), (10001, 3001), (9999, 3000)])
def test_national_owed_tops_up_at_thirty_percent(pay, owed):
    assert monthly_owed(3000, pay, 2360, CHINA, "national") == owed


@pytest.mark.parametrize("minimum, owed", [(2999, 3000), (3000, 3000), (3001, 3001)])
def test_owed_never_below_the_minimum_wage(minimum, owed):
    assert monthly_owed(3000, 5000, minimum, CHINA, "national") == owed


def test_owed_without_a_pay_at_departure_is_the_agreed_amount():
    assert monthly_owed(7500, None, 2360, CHINA, "shenzhen") == 7500
    assert monthly_owed(7500, 0, 2360, CHINA, "shenzhen") == 7500


def test_release_costs_three_months_of_what_is_owed():
    assert release_cost(monthly_owed(7500, 16000, 2360, CHINA, "shenzhen")) == 24000


# -- point 2: another law only for work outside the mainland (涉外民事关系法律适用法 第43条)
@pytest.mark.parametrize("law, place, problem", [("cn", "mainland", None), ("cn", "outside", None),
                                                 ("other", "mainland", "other_law_mainland"),
                                                 ("other", "outside", None), ("other", "", "other_law_mainland")])
def test_other_law_needs_work_outside_the_mainland(law, place, problem):
    assert jurisdiction_problem(law, place) == problem


def test_firm_settings_refuse_other_law_for_mainland_work():
    firm = Firm("深圳市示范贸易有限公司", jurisdiction="other", governing_law="香港特别行政区法律")
    assert firm_problems(firm)["jurisdiction"].code == "other_law_mainland"
    assert "jurisdiction" not in firm_problems(Firm(jurisdiction="other", governing_law="香港特别行政区法律",
                                                    place_of_work="outside"))
    assert firm_problems(Firm(place_of_work="moon"))["place_of_work"].code == "bad_choice"


def test_new_articles_carry_their_source():
    for key in ("waiver", "penalty_and_perform", "references", "automated", "place_of_work"):
        assert key in CHINA.articles and key in OTHER.articles
    for article in ("第37条", "第40条", "第23条", "第24条", "第43条"):
        assert any(article in source for source in SOURCES), article


# -- point 21: Chinese conventions
@pytest.mark.parametrize("amount, words", [(0, "零元整"), (7, "柒元整"), (10, "壹拾元整"), (1005, "壹仟零伍元整"),
                                           (7500, "柒仟伍佰元整"), (10010, "壹万零壹拾元整"), (90000, "玖万元整"),
                                           (100001, "壹拾万零壹元整"), (120000, "壹拾贰万元整"),
                                           (100000000, "壹亿元整")])
def test_amounts_in_capitals(amount, words):
    assert rmb_capital(amount) == words


def test_amount_with_figures_and_dates_and_clause_numbers():
    assert rmb(90000) == "人民币玖万元整（¥90,000）"
    assert cn_date("2026-03-05") == "2026年3月5日" and cn_date(None) == "＿＿＿＿年＿＿月＿＿日"
    assert [cn_number(n) for n in (1, 9, 10, 11, 19, 20, 21)] == ["一", "九", "十", "十一", "十九", "二十", "二十一"]


# -- points 6, 9: the 2026.3 text
DRAFT = AgreementDraft(1, "noncompete", "senior_manager", True, "cn", ("client_list",), "", "广东省", 12, 15000,
                       2360, 7500, 90000, "zh", "办公家具的销售", "shenzhen")


def test_noncompete_only_carries_confidentiality_and_damages_tied_to_the_noncompete_clauses():
    text = render(DRAFT, Parties("示范贸易", "吴芳", "销售经理", "销售部"), "AG-2026-00001")
    titles = [title for _, title, _ in text.clauses]
    assert "保密义务" in titles and "保密期限" in titles
    scope, nosolicit = titles.index("竞业限制的范围、地域和期限") + 1, titles.index("不招揽与不间接竞业") + 1
    penalty = next(body for _, title, body in text.clauses if title == "违约金")
    assert penalty.startswith(f"乙方违反本协议第{cn_number(scope)}条约定，或者违反第{cn_number(nosolicit)}条约定为竞争单位"
                              "招揽甲方客户的") and "人民币玖万元整（¥90,000）" in penalty
    assert text.clause_label(scope) == f"第{cn_number(scope)}条"


def test_fingerprint_of_a_printed_2026_2_text_does_not_change():
    old = render(DRAFT, Parties("示范贸易", "吴芳", "销售经理", "销售部"), "AG-2026-00001", "2026.2")
    assert old.template_version == "2026.2" and "保密义务" not in [t for _, t, _ in old.clauses]
    assert "第1条" in old.plain() and "人民币 7,500 元" in old.plain()

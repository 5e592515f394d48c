"""The hiring screen's scoring on typical profiles, pinned."""
from __future__ import annotations

import datetime as dt

from churnguard_gui.core.screening import (
    Job,
    PriorObligation,
    Reference,
    Rules,
    assess,
    job_problems,
    questionnaire,
    stability,
)

TODAY = dt.date(2026, 11, 26)
GOOD_ANSWERS = {q["id"]: 0 for q in questionnaire()["questions"]}
REFS = [Reference("王经理", "former manager", "139", "2026-11-20", True, "yes"),
        Reference("李总", "client", "138", "2026-11-21", True, "yes")]


def codes(assessment) -> list[str]:
    return [r.code for r in assessment.reasons]


def test_steady_eight_year_employee_is_low_risk():
    jobs = [Job("深圳华兴电子", "电子制造", "销售经理", "2018-09", "", "looking for growth")]
    result = assess(jobs, GOOD_ANSWERS, REFS, PriorObligation(), TODAY)
    assert (result.level, result.points, codes(result)) == ("low", 0, [])
    assert result.stability.jobs_in_window == 1 and result.stability.median_tenure_months == 99


def test_four_jobs_in_three_years_same_industry_bringing_clients_is_high_risk():
    jobs = [Job("甲五金", "五金", "销售", "2023-10", "2024-06", "better pay", True),
            Job("乙五金", "五金", "销售", "2024-07", "2025-03", "better pay", True),
            Job("丙五金", "五金", "销售", "2025-04", "2025-12", "commission"),
            Job("丁五金", "五金", "销售主管", "2026-01", "", "")]
    answers = dict(GOOD_ANSWERS, previous_clients=2)
    result = assess(jobs, answers, REFS[:1], PriorObligation(), TODAY)
    assert result.level == "high"
    assert codes(result)[:1] == ["brought_clients"]
    assert {"many_jobs", "short_stints", "short_median", "industry_hopping", "integrity_answers",
            "references_missing"} <= set(codes(result))
    facts = result.stability
    assert (facts.jobs_in_window, facts.short_stints, facts.same_industry_moves, facts.brought_clients) == (4, 3, 3, 2)


def test_career_changer_with_one_gap_is_low_and_the_gap_is_not_a_reason_at_all():
    jobs = [Job("某中学", "教育", "教师", "2015-09", "2021-07", "career change"),
            Job("示范软件", "软件", "销售代表", "2022-03", "", "")]
    result = assess(jobs, GOOD_ANSWERS, REFS, PriorObligation(), TODAY)
    assert result.level == "low" and result.points == 0
    assert list(result.reasons) == []  # not listed, so never printed on the record
    assert result.stability.gaps == (("2021-08", "2022-02", 7),)  # known to the wizard, which only reminds


def test_active_prior_noncompete_raises_the_risk():
    jobs = [Job("深圳华兴电子", "电子制造", "销售经理", "2018-09", "2026-10")]
    prior = PriorObligation(under_noncompete=True, until="2027-10-31", covering="电子元器件销售, 广东")
    result = assess(jobs, GOOD_ANSWERS, REFS, prior, TODAY)
    assert "prior_noncompete" in codes(result) and result.level == "medium"
    ended = PriorObligation(under_noncompete=True, until="2026-01-31")
    assert "prior_noncompete" not in codes(assess(jobs, GOOD_ANSWERS, REFS, ended, TODAY))


def test_references_not_reached_or_unwilling_are_reasons():
    refs = [Reference("王经理", called_on="2026-11-20", confirmed=False, rehire="no"), Reference("李总")]
    result = assess([Job("甲", start="2018-01")], GOOD_ANSWERS, refs, PriorObligation(), TODAY)
    assert {"references_missing", "not_rehire", "not_confirmed"} <= set(codes(result))


def test_thresholds_come_from_rules():
    jobs = [Job("甲", "五金", start="2023-01", end="2023-08"), Job("乙", "五金", start="2023-09", end="")]
    strict = Rules(max_short_stints=0)
    assert "short_stints" in codes(assess(jobs, GOOD_ANSWERS, REFS, PriorObligation(), TODAY, strict))
    assert "short_stints" not in codes(assess(jobs, GOOD_ANSWERS, REFS, PriorObligation(), TODAY))
    assert Rules.from_json(strict.to_json()) == strict


def test_unreadable_rows_are_named_and_left_out():
    bad = Job("", start="2025-13", end="")
    assert job_problems(bad, TODAY) == ["employer", "start"]
    assert job_problems(Job("甲", start="2025-05", end="2024-01"), TODAY) == ["end"]
    assert stability([bad, Job("甲", start="2020年3月")], TODAY).jobs_in_window == 1

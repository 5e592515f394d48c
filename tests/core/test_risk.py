"""Early-warning rules: thresholds, holdings, compensation due, handover progress, and splitting team names."""
from __future__ import annotations

import datetime as dt

from churnguard_gui.core.agreements import schedule
from churnguard_gui.core.risk import Leaver, Thresholds, holdings, is_key_person, payments_due
from churnguard_gui.core.team_names import split_names, team_names


def test_split_names_on_every_separator_people_use():
    assert split_names("周杰、吴芳，郑浩,孙丽;马超/刘洋；David Chen／Emily  Wang") == (
        "周杰", "吴芳", "郑浩", "孙丽", "马超", "刘洋", "David Chen", "Emily Wang")
    assert split_names(" 周杰 、、 周杰 ") == ("周杰",)
    assert split_names(None) == () and split_names("") == ()


def test_team_names_drop_the_owner_and_keep_one_manager():
    key = str.lower
    assert team_names("周杰", ("周杰", "吴芳"), ("周杰",), key) == (("吴芳",), "")
    assert team_names("周杰", (), ("钱总",), key) == ((), "钱总")


def test_thresholds_round_trip_and_ignore_bad_values():
    t = Thresholds(concentration_percent=30, key_person_percent=12, sign_days=60)
    assert Thresholds.from_json(t.to_json()) == t
    assert Thresholds.from_json('{"concentration_percent": "x", "visit_days": -1, "other": 3}') == Thresholds()
    assert Thresholds.from_json("not json") == Thresholds()


def test_holdings_are_sorted_and_flagged_strictly_above_the_threshold():
    rows = [(1, "A", 1, 250), (2, "B", 2, 500), (3, "C", 1, 250)]
    held = holdings(rows, 1000, Thresholds(concentration_percent=25))
    assert [(h.staff, h.share, h.flagged) for h in held] == [("B", 0.5, True), ("A", 0.25, False),
                                                              ("C", 0.25, False)]
    assert holdings([(1, "A", 0, 0)], 0, Thresholds())[0].share == 0.0


def test_key_person_by_secret_access_or_share():
    t = Thresholds(key_person_percent=10)
    assert is_key_person(True, 0, 1000, t)
    assert is_key_person(False, 100, 1000, t) and not is_key_person(False, 99, 1000, t)
    assert not is_key_person(False, 0, 0, t)


def test_payments_overdue_and_due_within_three_months():
    plan = schedule("2026-02-01", 12, 5000, {1: "2026-02-28"})
    due = payments_due("AG-1", "赵磊", 7, tuple(plan), dt.date(2026, 4, 15))
    assert [(p.number, p.due_on, p.overdue) for p in due] == [
        (2, "2026-03-31", True), (3, "2026-04-30", False), (4, "2026-05-31", False), (5, "2026-06-30", False)]


def test_handover_progress():
    leaver = Leaver(1, "王强", "2026-05-15", "draft", 2, 5, 2, 700_000)
    assert leaver.progress == 0.2
    assert Leaver(1, "x", "", "handed_over", 5, 5, 0, 0).progress == 1.0
    assert Leaver(1, "x", "", "complete", 0, 0, 0, 0).progress == 1.0
    assert Leaver(1, "x", "", "none", 0, 0, 3, 10).progress == 0.0

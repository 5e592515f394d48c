"""The tactics' rules at their boundaries: visit schedules, firm contact, renewals, rotation, backups,
incentives, the 12-month follow-up and reminders."""
from __future__ import annotations

import datetime as dt

from churnguard_gui.core.after_exit import FormerClient, follow_until, in_window, risk_reasons
from churnguard_gui.core.assignment import (
    Colleague,
    HeldClient,
    Move,
    SingleThreaded,
    loads_after,
    propose_backups,
    propose_rotation,
)
from churnguard_gui.core.contracts import ends_near_last_day, renewal_stage
from churnguard_gui.core.incentives import Incentive, forfeited, forfeited_total, vesting_soon
from churnguard_gui.core.reminders import Reminder, sort_reminders, tray_summary
from churnguard_gui.core.visits import (
    DEFAULT_VISIT_DAYS,
    firm_contact_cutoff,
    is_overdue,
    needs_firm_contact,
    next_visit_due,
    visit_days_from_json,
)

TODAY = dt.date(2026, 3, 31)


def days_ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def test_a_visit_is_overdue_the_day_after_its_tiers_interval():
    assert not is_overdue("A", days_ago(91), TODAY, DEFAULT_VISIT_DAYS)
    assert is_overdue("A", days_ago(92), TODAY, DEFAULT_VISIT_DAYS)
    assert not is_overdue("B", days_ago(182), TODAY, DEFAULT_VISIT_DAYS)
    assert is_overdue("B", days_ago(183), TODAY, DEFAULT_VISIT_DAYS)
    assert next_visit_due("A", days_ago(91), DEFAULT_VISIT_DAYS) == TODAY.isoformat()


def test_never_visited_is_overdue_and_unscheduled_tiers_never_are():
    assert is_overdue("A", None, TODAY, DEFAULT_VISIT_DAYS)
    assert not is_overdue("C", None, TODAY, DEFAULT_VISIT_DAYS)
    assert not is_overdue(None, None, TODAY, DEFAULT_VISIT_DAYS)


def test_stored_visit_intervals_fall_back_to_defaults_when_unreadable():
    assert visit_days_from_json('{"A": 30, "B": "x", "C": -1}') == {"A": 30, "B": 182, "C": 0}
    assert visit_days_from_json("not json") == DEFAULT_VISIT_DAYS
    assert visit_days_from_json('{"A": true}')["A"] == 91


def test_firm_contact_flag_starts_the_day_after_twelve_months():
    assert firm_contact_cutoff(TODAY) == "2025-03-31"
    assert not needs_firm_contact("2025-03-31", TODAY)
    assert needs_firm_contact("2025-03-30", TODAY)
    assert needs_firm_contact(None, TODAY)
    assert firm_contact_cutoff(dt.date(2024, 2, 29)) == "2023-02-28"  # a leap day has no match a year back


def test_renewal_reminders_at_60_and_30_days():
    def stage(days: int) -> int | None:
        return renewal_stage((TODAY + dt.timedelta(days=days)).isoformat(), TODAY)

    assert stage(61) is None
    assert stage(60) == 60
    assert stage(31) == 60
    assert stage(30) == 30
    assert stage(0) == 30
    assert stage(-1) is None
    assert renewal_stage(None, TODAY) is None


def test_contract_ending_within_90_days_of_the_last_day_either_side():
    assert ends_near_last_day("2026-06-29", "2026-03-31")  # 90 days after
    assert not ends_near_last_day("2026-06-30", "2026-03-31")  # 91 days after
    assert ends_near_last_day("2025-12-31", "2026-03-31")  # 90 days before
    assert not ends_near_last_day("2025-12-30", "2026-03-31")
    assert not ends_near_last_day(None, "2026-03-31")
    assert not ends_near_last_day("2026-04-01", None)


def people() -> list[Colleague]:
    return [Colleague(1, "Ann", "sales", 4, 1000), Colleague(2, "Bob", "sales", 2, 300),
            Colleague(3, "Cy", "sales", 3, 100), Colleague(4, "Dee", "tech", 0, 0),
            Colleague(5, "Director", "sales", 0, 0)]


def test_rotation_moves_the_largest_clients_until_the_share_is_kept():
    held = [HeldClient(10, "K10", "Big", "A", 500), HeldClient(11, "K11", "Mid", "B", 300, backups=(2,)),
            HeldClient(12, "K12", "Small", "C", 200)]
    moves = propose_rotation(held, people(), "sales", 1, keep_share=50)
    # 500 goes to the least-loaded seller of the department (Cy, 100), then 1000-500 = 50% is kept: stop.
    assert moves == [Move(10, 3)]
    moves = propose_rotation(held, people(), "sales", 1, keep_share=20)
    # the client backed up by Bob goes to Bob; never to the tech department or the director without clients
    assert moves == [Move(10, 3), Move(11, 2)]
    assert propose_rotation(held, people(), "sales", 1, keep_share=100) == []
    assert propose_rotation([], people(), "sales", 1) == []


def test_rotation_load_preview_counts_what_moves():
    held = [HeldClient(10, "K10", "Big", "A", 500), HeldClient(11, "K11", "Mid", "B", 300)]
    after = {p.staff_id: (n, v) for p, n, v in loads_after(people(), held, [Move(10, 3)], 1)}
    assert after[1] == (3, 500)
    assert after[3] == (4, 600)
    assert after[2] == (2, 300)


def test_backups_by_department_and_load_spread_over_colleagues():
    clients = [SingleThreaded(20, "K20", "A", 1, "Ann", "sales", 900), SingleThreaded(21, "K21", "B", 1, "Ann",
                                                                                       "sales", 800),
               SingleThreaded(22, "K22", "C", 4, "Dee", "tech", 100)]
    team = [Colleague(1, "Ann", "sales", 4, 0), Colleague(2, "Bob", "sales", 2, 0), Colleague(3, "Cy", "sales", 2, 0),
            Colleague(4, "Dee", "tech", 1, 0)]
    proposal = propose_backups(clients, team)
    assert proposal[20] == 2  # Bob and Cy have 2 each: by name
    assert proposal[21] == 3  # Bob now has 3
    assert proposal[22] in (2, 3)  # nobody else in tech: the least loaded of any department
    assert propose_backups([SingleThreaded(30, "K", "X", 1, "Ann", "sales", 5)], team[:1]) == {30: None}


def test_forfeited_incentives_are_those_vesting_after_the_last_day():
    items = [Incentive(1, 7, "deferred_bonus", "", 100, "2026-03-31"),
             Incentive(2, 7, "deferred_bonus", "", 200, "2026-04-01"),
             Incentive(3, 7, "long_target", "", 400, "2026-05-01", paid_on="2026-03-01")]
    assert [i.id for i in forfeited(items, "2026-03-31")] == [2]
    assert forfeited_total(items, "2026-03-31") == 200
    assert [i.id for i in vesting_soon(items, TODAY)] == [1, 2]
    assert vesting_soon(items, dt.date(2026, 4, 2)) == []


def test_follow_up_window_is_twelve_months_from_the_last_day_inclusive():
    assert follow_until("2025-03-31") == "2026-03-31"
    assert in_window("2025-03-31", TODAY)
    assert not in_window("2025-03-30", TODAY)
    assert in_window(TODAY.isoformat(), TODAY)
    assert not in_window("2026-04-01", TODAY)
    assert not in_window(None, TODAY)


def former(**changes) -> FormerClient:
    values = dict(client_id=1, code="K1", name="C", former_staff_id=9, former="Gone", last_day="2026-01-01",
                  status="active", value=100, owner="Ann", last_contact="2026-03-20", others_linked=1)
    values.update(changes)
    return FormerClient(**values)


def test_former_client_risk_reasons():
    assert risk_reasons(former(), TODAY) == []
    assert risk_reasons(former(last_contact="2025-12-31"), TODAY) == ["no_contact"]
    assert risk_reasons(former(last_contact=""), TODAY) == ["no_contact"]
    assert risk_reasons(former(last_contact="2026-01-29"), TODAY) == ["quiet"]  # 61 days
    assert risk_reasons(former(last_contact="2026-01-30"), TODAY) == []  # 60 days
    assert risk_reasons(former(others_linked=0), TODAY) == ["single"]
    assert risk_reasons(former(status="lost", went_with_former=True), TODAY) == ["went_with_former"]
    assert risk_reasons(former(status="dormant"), TODAY) == ["not_active"]


def test_reminders_sorted_oldest_first_with_overdue_counted():
    items = [Reminder("renewal", "2026-04-20", "B", ""), Reminder("visit", "2026-03-01", "A", ""),
             Reminder("payment", "2026-04-20", "A", "")]
    assert [r.kind for r in sort_reminders(items)] == ["visit", "renewal", "payment"]
    summary = tray_summary(items, TODAY)
    assert summary["overdue"] == 1
    assert summary["renewal"] == 1

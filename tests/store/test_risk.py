"""The risk figures of a firm whose facts are known, computed in SQL; warning signs and thresholds stored."""
from __future__ import annotations

import pytest

from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.risk import Thresholds
from churnguard_gui.store.risk import (
    add_warning_sign,
    delete_warning_sign,
    risk_figures,
    single_threaded_clients,
    unvisited_clients,
    warning_signs,
)
from churnguard_gui.store.settings import risk_thresholds, save_risk_thresholds
from churnguard_gui.store.staff import find_staff
from tests.risk_firm import AS_OF, EXPECTED, build


@pytest.fixture
def firm(fresh_db, tmp_path):
    build(fresh_db, tmp_path)
    return fresh_db


def test_the_known_firm_gives_the_hand_computed_figures(firm):
    figures = risk_figures(firm, AS_OF)
    data = figures.as_json()
    assert {k: v for k, v in data["firm"].items() if k != "name"} == EXPECTED["firm"]
    assert [{k: h[k] for k in ("staff", "clients", "value", "share")} for h in data["concentration"]] \
        == EXPECTED["concentration"]
    assert [h["flagged"] for h in data["concentration"]] == [True, False, False, False]
    assert {k: data["single_threaded"][k] for k in ("count", "value")} == EXPECTED["single_threaded"]
    assert [c["code"] for c in data["single_threaded"]["top"]] == ["C02", "C10", "C03", "C09"]
    assert data["staff_without_confidentiality"] == EXPECTED["staff_without_confidentiality"]
    assert data["on_notice"] == EXPECTED["on_notice"]
    assert data["key_without_noncompete"] == [{"staff": "李娜", "why": "share"}, {"staff": "王强", "why": "share"}]
    assert data["handovers"] == [{"staff": "王强", "last_day": "2026-05-15", "handover": "draft", "tasks_done": 2,
                                  "tasks_total": 5, "clients_still_owned": 2, "value_still_owned": 700_000}]
    assert data["compensation"]["overdue"] == {"count": 1, "amount": 5000}
    assert data["compensation"]["due"] == {"count": 3, "amount": 15000}
    assert [(s["staff"], s["kind"]) for s in data["warning_signs"]] == [
        ("李娜", "asked_about_leaving"), ("李娜", "competitor_contact")]
    assert data["key_clients_unvisited"] == {"count": 5, "value": 3_300_000, "interval_days": {"A": 91, "B": 182}}


def test_one_measure_of_overdue_manager_visits(firm):
    """The tile, the list behind it, the report's row and `risks --json` (both of its places) count the same
    clients: those overdue by the tier schedule of core/visits.py, checked here client by client."""
    import datetime as dt

    from churnguard_gui.core.visits import is_overdue
    from churnguard_gui.reports.risk_pdf import summary_rows
    from churnguard_gui.store.visits import set_visit_days, visit_days

    def by_hand() -> tuple[set[str], int]:
        rows = firm.execute("SELECT code, tier, last_manager_visit, annual_value FROM clients "
                            "WHERE status = 'active'").fetchall()
        due = [(code, value) for code, tier, last, value in rows if is_overdue(tier, last, AS_OF, visit_days(firm))]
        return {code for code, _ in due}, sum(value for _, value in due)

    for schedule, codes in (({"A": 91, "B": 182, "C": 0}, {"C01", "C02", "C10", "C03", "C04"}),
                            ({"A": 100, "B": 0, "C": 0}, {"C02", "C10"}),
                            ({"A": 400, "B": 0, "C": 30}, {"C02", "C05", "C09"})):
        set_visit_days(firm, schedule)
        figures = risk_figures(firm, AS_OF, dt.datetime(2026, 4, 15, 9))
        data = figures.as_json()
        expected_codes, expected_value = by_hand()
        assert expected_codes == codes
        assert {c.code for c, _ in unvisited_clients(firm, AS_OF)} == codes
        assert (figures.unvisited_count, figures.unvisited_value) == (len(codes), expected_value)
        assert data["key_clients_unvisited"]["count"] == data["tactics"]["overdue_visits"]["count"] == len(codes)
        assert data["key_clients_unvisited"]["value"] == data["tactics"]["overdue_visits"]["value"]
        rows = [(label, value) for label, value in summary_rows(figures) if "manager visit" in label.lower()]
        assert len(rows) == 1 and rows[0][1].startswith(f"{len(codes)} client")


def test_the_lists_behind_the_tiles(firm):
    assert [c.code for c in single_threaded_clients(firm)] == ["C02", "C10", "C03", "C09"]
    assert [(c.code, last) for c, last in unvisited_clients(firm, AS_OF)] == [
        ("C01", "2026-01-10"), ("C02", ""), ("C10", "2025-06-01"), ("C03", ""), ("C04", "")]


def test_a_backup_who_is_employed_makes_a_client_not_single_threaded(firm):
    # 赵磊 (left) backs up C03; once 刘洋 (employed) is added as backup too, C03 is no longer single-threaded.
    from churnguard_gui.core.models import TeamMember
    from churnguard_gui.store.clients import get_client, save_client

    c03 = firm.execute("SELECT id FROM clients WHERE code = 'C03'").fetchone()[0]
    client = get_client(firm, c03)
    client.team.append(TeamMember(find_staff(firm, "刘洋"), "backup"))
    save_client(firm, client)
    figures = risk_figures(firm, AS_OF)
    assert (figures.single_threaded_count, figures.single_threaded_value) == (3, 1_550_000)


def test_thresholds_change_the_figures(firm):
    assert risk_thresholds(firm) == Thresholds()
    from churnguard_gui.store.visits import set_visit_days

    save_risk_thresholds(firm, Thresholds(concentration_percent=15, key_person_percent=15, sign_days=30))
    set_visit_days(firm, {"A": 400, "B": 0, "C": 0})  # the manager-visit schedule (tactic 4), not a threshold
    figures = risk_figures(firm, AS_OF)
    assert [h.staff for h in figures.flagged] == ["张伟", "王强"]
    assert [p.name for p in figures.key_without_noncompete] == ["王强"]
    assert (figures.unvisited_count, len(figures.signs)) == (1, 1)


def test_warning_signs_are_checked_stored_and_deleted(firm):
    li = find_staff(firm, "李娜")
    with pytest.raises(StoreError) as info:
        add_warning_sign(firm, li, "asked_about_leaving", "2026-02-30")
    assert info.value.field == "noted_on"
    with pytest.raises(StoreError):
        add_warning_sign(firm, li, "gossip", "2026-02-01")
    sign = add_warning_sign(firm, li, "other", "2026年4月2日", "  note ")
    newest = warning_signs(firm, li)[0]
    assert (newest.kind, newest.noted_on, newest.note) == ("other", "2026-04-02", "note")
    delete_warning_sign(firm, sign)
    assert len(warning_signs(firm, li)) == 3
    actions = [a for (a,) in firm.execute("SELECT action FROM audit_log WHERE action LIKE 'warning_sign%'")]
    assert actions[-2:] == ["warning_sign_added", "warning_sign_deleted"]

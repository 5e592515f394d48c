"""The tactics in the database, on the demo firm: visits, firm contact, renewals, rotation, backups, incentives,
former clients, the evidence pack, reminders and the figures for the Risk tab."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pypdfium2 as pdfium
import pytest

from churnguard_gui.core.assignment import Move
from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.handover import schedule_key_clients
from churnguard_gui.core.incentives import Incentive
from churnguard_gui.reports.evidence_pdf import build_evidence_pdf
from churnguard_gui.store import after_exit, assignment, contracts, incentives, reminders, visits
from churnguard_gui.store.handovers import finish_handover, open_handover
from churnguard_gui.store.staff import find_staff
from churnguard_gui.store.tactics import tactic_figures
from tests.store.test_handovers import full_plan

TODAY = dt.date.today()


@pytest.fixture
def demo(fresh_db, demo_into):
    demo_into(fresh_db, early_warning=True)
    return fresh_db


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


def a_client(db, tier: str = "A") -> int:
    return db.execute("SELECT id FROM clients WHERE tier = ? AND status = 'active' ORDER BY id", [tier]).fetchone()[0]


def test_migration_adds_tables_and_no_second_contract_column(fresh_db):
    tables = {n for (n,) in fresh_db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"manager_visits", "firm_contacts", "incentives", "client_losses", "handover_acknowledgements"} <= tables
    columns = [c[1] for c in fresh_db.execute("PRAGMA table_info(clients)")]
    assert columns.count("contract_end") == 1 and columns.count("last_manager_visit") == 1


def test_logging_a_visit_closes_the_plan_and_moves_the_last_visit_forward_only(demo):
    client = a_client(demo)
    demo.execute("UPDATE clients SET last_manager_visit = ? WHERE id = ?", [day(-200), client])
    assert client in {v.client_id for v in visits.visit_schedule(demo, TODAY, overdue_only=True)}
    planned = visits.plan_visit(demo, client, day(3), None, "bring samples")
    assert [v.id for v in visits.visits(demo, client, planned_only=True)] == [planned]
    count_before = visits.overdue_visit_count(demo, TODAY)[0]
    visits.log_visit(demo, client, day(-1), find_staff(demo, "李静"), "", planned)
    assert visits.visits(demo, client, planned_only=True) == []
    assert demo.execute("SELECT last_manager_visit FROM clients WHERE id = ?", [client]).fetchone()[0] == day(-1)
    assert visits.overdue_visit_count(demo, TODAY)[0] == count_before - 1
    visits.log_visit(demo, client, day(-300), None)  # an old visit entered late does not move it back
    assert demo.execute("SELECT last_manager_visit FROM clients WHERE id = ?", [client]).fetchone()[0] == day(-1)
    with pytest.raises(StoreError) as error:
        visits.log_visit(demo, client, day(1), None)
    assert error.value.code == "visit_in_future"
    with pytest.raises(StoreError):
        visits.plan_visit(demo, client, "next tuesday", None)


def test_visit_schedule_follows_the_tier_intervals_the_owner_sets(demo):
    client = a_client(demo, "B")
    demo.execute("UPDATE clients SET last_manager_visit = ? WHERE id = ?", [day(-100), client])
    assert client not in {v.client_id for v in visits.visit_schedule(demo, TODAY, overdue_only=True)}
    visits.set_visit_days(demo, {"A": 91, "B": 90, "C": 0})
    assert client in {v.client_id for v in visits.visit_schedule(demo, TODAY, overdue_only=True)}
    visits.set_visit_days(demo, {"A": 91, "B": 0, "C": 0})
    assert all(v.tier == "A" for v in visits.visit_schedule(demo, TODAY))


def test_key_client_visits_planned_in_a_handover_become_visit_entries(demo):
    plan = full_plan(demo)
    draft = open_handover(demo, plan.staff_id)  # the demo's handover begun for the person on notice
    plan = replace(plan, lines=tuple(schedule_key_clients(list(plan.lines), plan.departure.resignation_date)),
                   handover_id=draft.handover_id if draft else None)
    planned = {ln.client_id: ln.visit_on for ln in plan.lines if ln.visit_on}
    assert planned
    handover_id = finish_handover(demo, plan, today="2026-11-20")
    rows = demo.execute("SELECT client_id, planned_on FROM manager_visits WHERE handover_id = ?",
                        [handover_id]).fetchall()
    assert dict(rows) == planned
    visits.sync_handover_visits(demo)  # idempotent
    assert demo.execute("SELECT count(*) FROM manager_visits WHERE handover_id = ?",
                        [handover_id]).fetchone()[0] == len(planned)


def test_firm_contact_clears_the_twelve_month_flag(demo):
    flagged = visits.without_firm_contact(demo, TODAY)
    assert flagged
    client = flagged[0][0]
    visits.add_firm_contact(demo, client, "gift", day(-2), "钱建国", "王总", "月饼")
    assert client not in {r[0] for r in visits.without_firm_contact(demo, TODAY)}
    assert visits.firm_contacts(demo, client)[0].kind == "gift"
    with pytest.raises(StoreError):
        visits.add_firm_contact(demo, client, "bribe", day(0))
    demo.execute("UPDATE firm_contacts SET happened_on = ? WHERE client_id = ?",
                 [(TODAY.replace(year=TODAY.year - 1) - dt.timedelta(days=1)).isoformat(), client])
    assert client in {r[0] for r in visits.without_firm_contact(demo, TODAY)}


def test_renewals_due_within_sixty_days_and_recorded(demo):
    client = a_client(demo)
    demo.execute("UPDATE clients SET contract_end = ? WHERE id = ?", [day(60), client])
    assert client in {r.client_id for r in contracts.renewals_due(demo, TODAY)}
    demo.execute("UPDATE clients SET contract_end = ? WHERE id = ?", [day(61), client])
    assert client not in {r.client_id for r in contracts.renewals_due(demo, TODAY)}
    demo.execute("UPDATE clients SET contract_end = ? WHERE id = ?", [day(10), client])
    contracts.set_contract(demo, client, day(11), day(376))
    assert client not in {r.client_id for r in contracts.renewals_due(demo, TODAY)}
    with pytest.raises(StoreError) as error:
        contracts.set_contract(demo, client, day(11), day(5))
    assert error.value.code == "contract_end_before_start"


def test_contracts_ending_near_the_leavers_last_day(demo):
    leaver = find_staff(demo, "孙丽")
    last_day = demo.execute("SELECT last_day FROM staff WHERE id = ?", [leaver]).fetchone()[0]
    owned = [c for (c,) in demo.execute("SELECT client_id FROM client_team WHERE staff_id = ? AND role = 'owner' "
                                        "ORDER BY client_id", [leaver])]
    demo.execute("UPDATE clients SET contract_end = ? WHERE id IN (SELECT client_id FROM client_team "
                 "WHERE staff_id = ?)", ["2099-01-01", leaver])
    end = (dt.date.fromisoformat(last_day) + dt.timedelta(days=90)).isoformat()
    demo.execute("UPDATE clients SET contract_end = ? WHERE id = ?", [end, owned[0]])
    assert [r[0] for r in contracts.contracts_near_last_day(demo, leaver, last_day)] == [owned[0]]


def test_rotation_applies_all_moves_with_history_or_none(demo):
    person = find_staff(demo, "周杰")
    held = assignment.held_clients(demo, person)
    team = assignment.colleagues(demo)
    from churnguard_gui.core.assignment import propose_rotation

    moves = propose_rotation(held, team, "销售部", person, 50)
    assert moves
    before = demo.execute("SELECT * FROM client_team ORDER BY id").fetchall()
    stale = [*moves, Move(a_client(demo, "C"), moves[0].to_id)]  # a client he does not own
    with pytest.raises(StoreError):
        assignment.apply_rotation(demo, person, stale)
    assert demo.execute("SELECT * FROM client_team ORDER BY id").fetchall() == before
    assert assignment.apply_rotation(demo, person, moves, today="2026-11-27") == len(moves)
    for move in moves:
        team_rows = set(demo.execute("SELECT staff_id, role FROM client_team WHERE client_id = ?", [move.client_id]))
        assert (move.to_id, "owner") in team_rows and (person, "backup") in team_rows
        assert demo.execute("SELECT from_staff_id, to_staff_id, reason, changed_on FROM ownership_history "
                            "WHERE client_id = ? ORDER BY id DESC LIMIT 1", [move.client_id]).fetchone() == \
            (person, move.to_id, "rotation", "2026-11-27")


def test_backups_added_together_and_single_threaded_count_drops(demo):
    single = assignment.single_threaded(demo)
    count, _ = assignment.single_threaded_count(demo)
    assert count == len(single) > 0
    from churnguard_gui.core.assignment import propose_backups

    proposal = propose_backups(single, assignment.colleagues(demo, linked=True))
    chosen = {c.client_id: proposal[c.client_id] for c in single[:5]}
    with pytest.raises(StoreError):  # the owner as their own backup: nothing is written
        assignment.apply_backups(demo, {**chosen, single[6].client_id: single[6].owner_id})
    assert assignment.single_threaded_count(demo)[0] == count
    assert assignment.apply_backups(demo, chosen) == 5
    assert assignment.single_threaded_count(demo)[0] == count - 5
    row = demo.execute("SELECT to_staff_id, reason FROM ownership_history WHERE client_id = ? ORDER BY id DESC "
                       "LIMIT 1", [single[0].client_id]).fetchone()
    assert row == (chosen[single[0].client_id], "backup added")
    assert assignment.single_contact_count(demo)[0] == len(assignment.single_contact_clients(demo)) > 0


def test_incentives_and_what_leaving_forfeits(demo):
    leaver = find_staff(demo, "孙丽")
    last_day = demo.execute("SELECT last_day FROM staff WHERE id = ?", [leaver]).fetchone()[0]
    lost = incentives.forfeited_by(demo, leaver, last_day)
    assert [i.amount for i in lost] == [30000]  # the demo's deferred bonus vests after her last day
    new = incentives.save_incentive(demo, Incentive(None, leaver, "retention", "stay bonus", 5000, last_day))
    assert new not in {i.id for i in incentives.forfeited_by(demo, leaver, last_day)}  # vests on the last day
    with pytest.raises(StoreError):
        incentives.save_incentive(demo, Incentive(None, leaver, "retention", "", 1, "someday"))
    assert any(name == "周杰" for name, _ in incentives.vesting_reminders(demo, TODAY))


def test_former_clients_followed_and_a_loss_recorded(demo):
    former = find_staff(demo, "王磊")
    clients = after_exit.former_clients(demo, TODAY)
    assert {c.former_staff_id for c in clients} == {former} and len(clients) == 8
    assert sum(c.went_with_former for c in clients) == 1
    active = next(c for c in clients if c.status == "active")
    after_exit.record_loss(demo, active.client_id, day(0), "went_with_former", former, "told by the buyer")
    again = {c.client_id: c for c in after_exit.former_clients(demo, TODAY)}
    assert again[active.client_id].status == "lost" and again[active.client_id].went_with_former
    figures = tactic_figures(demo, TODAY)["former_clients_at_risk"]
    assert figures["went_with_former"] == 2
    assert after_exit.former_clients(demo, TODAY + dt.timedelta(days=400)) == []  # the window has closed


def test_evidence_pack_has_dates_agreements_acknowledgement_and_history(demo, tmp_path):
    former = find_staff(demo, "王磊")
    scan = tmp_path / "signed.png"
    scan.write_bytes(demo.execute("SELECT data FROM handover_acknowledgements").fetchone()[0])
    after_exit.attach_acknowledgement(demo, after_exit.last_handover(demo, former), scan, day(0))
    pack = after_exit.evidence_pack(demo, former)
    last_day = demo.execute("SELECT last_day FROM staff WHERE id = ?", [former]).fetchone()[0]
    assert pack.last_day == last_day and pack.handover_no.startswith("HO-")
    assert pack.agreements[0][1:3] == ("both", "signed")
    assert len(pack.acknowledgements) == 2 and len(pack.ack_images) == 2
    assert [(h[2], h[3], h[4]) for h in pack.history] == [("", "王磊", "demo")] * 8 + [("王磊", "吴芳", "exit handover")] * 8
    assert ("handover" in {m[1] for m in pack.measures})
    document = pdfium.PdfDocument(build_evidence_pdf(pack))
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "王磊" in text and pack.agreements[0][0] in text and "Ownership history" in text
    with pytest.raises(StoreError):
        after_exit.attach_acknowledgement(demo, 1, tmp_path / "notes.txt", day(0))


def test_reminders_gather_every_kind_due_on_the_demo_firm(demo):
    kinds = {r.kind for r in reminders.reminders(demo, TODAY)}
    assert {"visit", "renewal", "vesting", "follow_up"} <= kinds


def test_tactic_figures_for_the_risk_tab(demo):
    figures = tactic_figures(demo, TODAY)
    assert set(figures) == {"overdue_visits", "no_firm_contact_12_months", "renewals_due", "single_contact",
                            "former_clients_at_risk"}
    assert all(f["count"] > 0 for f in figures.values())
    before = figures["renewals_due"]["count"]
    client = contracts.renewals_due(demo, TODAY)[0].client_id
    contracts.set_contract(demo, client, day(0), day(365))
    assert tactic_figures(demo, TODAY)["renewals_due"]["count"] == before - 1


def test_candidates_past_their_retention_period_are_a_purge_reminder(demo):
    assert "purge" not in {r.kind for r in reminders.reminders(demo, TODAY)}
    staff = demo.execute("INSERT INTO staff (name, status) VALUES ('落选者', 'rejected')").lastrowid
    demo.execute("INSERT INTO screenings (staff_id, screened_on, level, decision, retention_months) "
                 "VALUES (?, ?, 'high', 'reject', 6)", [staff, day(-400)])
    purge = [r for r in reminders.reminders(demo, TODAY) if r.kind == "purge"]
    assert len(purge) == 1 and purge[0].detail.startswith("1 candidate")


def test_recent_warning_signs_put_a_rotation_in_the_reminders(demo):
    person = find_staff(demo, "郑浩")

    def rotations() -> list:
        return [r for r in reminders.reminders(demo, TODAY) if r.kind == "rotation" and r.ref_id == person]

    assert rotations() == []
    demo.execute("INSERT INTO warning_signs (staff_id, kind, noted_on) VALUES (?, 'asked_about_leaving', ?)",
                 [person, day(-31)])
    assert rotations() == []  # older than 30 days
    demo.execute("INSERT INTO warning_signs (staff_id, kind, noted_on) VALUES (?, 'competitor_contact', ?)",
                 [person, day(-3)])
    rotation = rotations()
    assert [r.subject for r in rotation] == ["郑浩"]
    assert rotation[0].detail.startswith("1 warning sign recently; owns ")

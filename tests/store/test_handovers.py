"""The handover in the database: all or nothing, history says who/when/why, drafts, completion."""
from __future__ import annotations

from dataclasses import replace

import pytest

from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.handover import (
    ChecklistItem,
    Departure,
    HandoverPlan,
    propose_successors,
)
from churnguard_gui.store.handovers import (
    candidates,
    complete_handover,
    current_lines,
    discard_draft,
    finish_handover,
    open_handover,
    report_data,
    save_draft,
    set_item_done,
)
from churnguard_gui.store.staff import find_staff, get_staff


@pytest.fixture
def demo(fresh_db, demo_into):
    demo_into(fresh_db)
    return fresh_db


def full_plan(db, name="孙丽") -> HandoverPlan:
    staff_id = find_staff(db, name)
    staff = get_staff(db, staff_id)
    lines = current_lines(db, staff_id)
    proposal = propose_successors(lines, candidates(db), staff.department, staff_id)
    lines = [replace(ln, successor_id=proposal.get(ln.client_id)) for ln in lines]
    return HandoverPlan(staff_id, Departure("2026-11-20", "2026-12-20", "competitor", "", "竞争对手A", True, True),
                        tuple(lines), (ChecklistItem("归还电脑", "行政", "2026-12-20"),
                                       ChecklistItem("移交企业微信", "IT", "2026-12-18")))


def everything(db):
    return {t: db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in ("staff", "clients", "client_contacts", "client_team", "ownership_history", "handovers",
                      "handover_clients", "handover_items")}


def test_finish_moves_every_owned_client_and_nothing_else(demo):
    plan = full_plan(demo)
    before = everything(demo)
    owned = {ln.client_id: ln.successor_id for ln in plan.lines if ln.role == "owner"}
    handover_id = finish_handover(demo, plan, today="2026-11-20")
    after = everything(demo)
    owners = dict(demo.execute("SELECT client_id, staff_id FROM client_team WHERE role = 'owner'").fetchall())
    assert {c: owners[c] for c in owned} == owned
    history = demo.execute("SELECT client_id, from_staff_id, to_staff_id, changed_on, reason, handover_id "
                           "FROM ownership_history WHERE handover_id = ?", [handover_id]).fetchall()
    assert {(c, f, t) for c, f, t, *_ in history} == {(c, plan.staff_id, s) for c, s in owned.items()}
    assert {(on, why) for *_, on, why, _ in history} == {("2026-11-20", "exit handover")}
    # every other client keeps its team exactly; client records themselves are untouched
    untouched = [r for r in before["client_team"] if r[1] not in owned]
    assert set(untouched) <= set(after["client_team"])
    assert before["clients"] == after["clients"]
    staff = get_staff(demo, plan.staff_id)
    assert (staff.status, staff.notice_date, staff.last_day) == ("notice", "2026-11-20", "2026-12-20")
    assert demo.execute("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone() == ("handover",)


def test_a_failure_in_the_middle_leaves_everything_as_before(demo, monkeypatch):
    plan = full_plan(demo)
    before = everything(demo)
    import churnguard_gui.store.handovers as handovers

    calls = []

    def crash(*args, **kwargs):
        calls.append(1)
        if len(calls) == 5:
            raise RuntimeError("power cut")
        return original(*args, **kwargs)

    original = handovers.record_owner_change
    monkeypatch.setattr(handovers, "record_owner_change", crash)
    with pytest.raises(RuntimeError):
        finish_handover(demo, plan)
    assert everything(demo) == before


def test_cannot_finish_with_an_owned_client_lacking_a_successor(demo):
    plan = full_plan(demo)
    first = next(i for i, ln in enumerate(plan.lines) if ln.role == "owner")
    lines = list(plan.lines)
    lines[first] = replace(lines[first], successor_id=None)
    before = everything(demo)
    with pytest.raises(StoreError, match="no successor yet"):
        finish_handover(demo, replace(plan, lines=tuple(lines)))
    assert everything(demo) == before


def test_draft_is_kept_resumed_and_discarded(demo):
    plan = full_plan(demo, "马超")
    owners_before = demo.execute("SELECT * FROM client_team ORDER BY id").fetchall()
    handover_id = save_draft(demo, plan)
    assert get_staff(demo, plan.staff_id).status == "notice"
    assert demo.execute("SELECT * FROM client_team ORDER BY id").fetchall() == owners_before
    resumed = open_handover(demo, plan.staff_id)
    assert resumed.handover_id == handover_id
    assert resumed.departure == plan.departure and resumed.checklist == plan.checklist
    assert {ln.client_id: ln.successor_id for ln in resumed.lines} == {ln.client_id: ln.successor_id
                                                                      for ln in plan.lines}
    discard_draft(demo, handover_id)
    assert get_staff(demo, plan.staff_id).status == "active" and open_handover(demo, plan.staff_id) is None


def test_finishing_a_resumed_draft(demo):
    plan = full_plan(demo, "马超")
    handover_id = save_draft(demo, plan)
    assert finish_handover(demo, open_handover(demo, plan.staff_id)) == handover_id
    assert demo.execute("SELECT count(*) FROM client_team WHERE staff_id = ? AND role = 'owner'",
                        [plan.staff_id]).fetchone()[0] == 0


def test_complete_needs_every_item_ticked_then_the_person_has_left(demo):
    plan = full_plan(demo)
    handover_id = finish_handover(demo, plan)
    with pytest.raises(StoreError, match="not ticked yet"):
        complete_handover(demo, handover_id)
    set_item_done(demo, handover_id, 0, True)
    set_item_done(demo, handover_id, 1, True)
    complete_handover(demo, handover_id)
    assert get_staff(demo, plan.staff_id).status == "left"
    assert open_handover(demo, plan.staff_id) is None


def test_report_data_before_and_after_the_handover(demo):
    staff_id = find_staff(demo, "孙丽")
    before = report_data(demo, staff_id)
    assert before.status == "none" and before.document_no.startswith("CL-")
    owned = [ln for ln in before.lines if ln.role == "owner" and ln.status == "active"]
    assert len(owned) < len(before.owned)  # she owns a client that is not active: it is handed over, not counted
    assert before.total_value == sum(ln.annual_value for ln in owned)
    total = demo.execute("SELECT sum(annual_value) FROM clients WHERE status = 'active'").fetchone()[0]
    assert before.share == pytest.approx(before.total_value / total)
    assert before.single_threaded == sum(1 for ln in owned if ln.others_linked == 0)
    # the same figures as the Risk tab's for her (issue 12 point 3: one definition, active clients)
    from churnguard_gui.store.risk import risk_figures, single_threaded_clients

    (held,) = [h for h in risk_figures(demo).concentration if h.staff_id == staff_id]
    assert (held.clients, held.value, held.share) == (len(owned), before.total_value, before.share)
    assert before.single_threaded == sum(1 for c in single_threaded_clients(demo) if c.owner == "孙丽")
    finish_handover(demo, full_plan(demo))
    after = report_data(demo, staff_id)
    assert after.status == "handed_over" and after.document_no.startswith("HO-")
    assert {ln.client_id for ln in after.lines} == {ln.client_id for ln in before.lines}
    assert all(after.successor_names[ln.successor_id] for ln in after.owned)


def test_a_firms_own_template_gets_the_legally_required_items_it_lacks(fresh_db):
    from churnguard_gui.store.handovers import checklist_template, default_template, save_template

    save_template(fresh_db, [("Return the laptop", "IT", 0),
                             ("出具解除或者终止劳动合同的证明（离职证明）", "人事", 0)])
    rows = checklist_template(fresh_db, "en")
    texts = [r[0] for r in rows]
    assert texts[:2] == ["Return the laptop", "出具解除或者终止劳动合同的证明（离职证明）"]  # kept as the firm wrote them
    assert not any(t.startswith("Issue the certificate") for t in texts)  # already there in Chinese
    assert any("within 15 days" in t and "art. 50" in t for t in texts)
    assert any("no longer represents the firm" in t for t in texts)
    assert any("enforce or waive the non-compete" in t for t in texts)
    fifteen = next(r for r in rows if "within 15 days" in r[0])
    assert fifteen[2] == 15  # due 15 days after the last working day
    assert len(checklist_template(fresh_db, "en")) == len(rows)  # nothing doubles
    assert {r[0] for r in default_template("zh")} >= {"出具解除或者终止劳动合同的证明（离职证明）"}


def test_a_handover_proposed_by_the_rules_leaves_no_client_single_threaded(fresh_db):
    """Issue 12 point 4: the leaver's client has its manager on the team; the proposal gives it to a colleague
    (the manager stays beside them), and where only the manager can take it, the backup offered is added."""
    from churnguard_gui.core.handover import propose_backups
    from churnguard_gui.store.risk import risk_figures

    db = fresh_db
    db.execute("INSERT INTO staff (id, name, department, role, status, secret_access) VALUES "
               "(1, '王强', '销售部', '销售代表', 'active', 1), (2, '陈经理', '销售部', '销售经理', 'active', 1), "
               "(3, '刘洋', '销售部', '销售代表', 'active', 1), (4, '李总', '销售部', '销售总监', 'active', 1)")
    db.execute("INSERT INTO clients (id, name, annual_value, tier) VALUES (1, '甲', 500, 'C'), (2, '乙', 10, 'C'), "
               "(3, '丙', 9000, 'B'), (4, '丁', 8000, 'B'), (5, '戊', 7000, 'B'), (6, '己', 6000, 'B')")
    db.execute("INSERT INTO client_team (client_id, staff_id, role) VALUES (1, 1, 'owner'), (1, 2, 'manager'), "
               "(2, 3, 'owner'), (3, 3, 'owner'), (3, 4, 'backup'), (4, 3, 'owner'), (4, 4, 'backup'), "
               "(5, 1, 'owner'), (5, 3, 'backup'), (6, 1, 'owner'), (6, 3, 'backup')")
    db.conn.commit()
    assert risk_figures(db).single_threaded_count == 1  # 乙 (刘洋 alone)

    def plan(leaver: int, people) -> HandoverPlan:
        lines = current_lines(db, leaver)
        proposal = propose_successors(lines, people, "销售部", leaver)
        lines = [replace(ln, successor_id=proposal.get(ln.client_id)) for ln in lines]
        offers = propose_backups(lines, people, "销售部", leaver)
        lines = [replace(ln, new_backup_id=offers.get(ln.client_id)) for ln in lines]
        return HandoverPlan(leaver, Departure("2026-11-20", "2026-12-20"), tuple(lines))

    first = plan(1, candidates(db))
    assert {ln.client_id: ln.successor_id for ln in first.lines} == {1: 3, 5: 3, 6: 3}  # 甲 to 刘洋, not 陈经理
    finish_handover(db, first, "2026-11-21")
    assert risk_figures(db).single_threaded_count == 1  # still only 乙
    # now 刘洋 leaves, and nobody but 陈经理 (and the director) can take 甲 over
    second = plan(3, [c for c in candidates(db) if c.staff_id != 3])
    by_client = {ln.client_id: ln for ln in second.lines if ln.role == "owner"}
    assert by_client[1].successor_id == 2 and by_client[1].new_backup_id == 4  # the manager, with a backup
    finish_handover(db, second, "2026-11-22")
    db.execute("UPDATE staff SET status = 'left' WHERE id IN (1, 3)")
    db.conn.commit()
    figures = risk_figures(db)
    # 乙 (small, nobody else on its team) went to 陈经理 alone, as it was with 刘洋; 甲 has 陈经理 and 李总
    assert [c.name for c in figures.single_threaded_top] == ["乙"]

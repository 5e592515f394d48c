"""Storing exit handovers: drafts, the finishing transaction, the checklist and the report's data."""
from __future__ import annotations

import datetime as dt
import json

from sqlite_utils import Database

from churnguard_gui import resources
from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.handover import (
    Candidate,
    ChecklistItem,
    ClientLine,
    Departure,
    HandoverPlan,
    HandoverReport,
    plan_problems,
)
from churnguard_gui.store.agreements import agreement_lines, record_departure, start_noncompete_clocks
from churnguard_gui.store.clients import record_owner_change
from churnguard_gui.store.db import audit, inserted_id, writing
from churnguard_gui.store.settings import get_setting
from churnguard_gui.store.visits import visits_from_handover

_PRIMARY = ("(SELECT {f} FROM client_contacts cc WHERE cc.client_id = c.id "
            "ORDER BY cc.is_primary DESC, cc.id LIMIT 1)")
_CLIENT_SQL = f"""
    SELECT c.id, coalesce(c.code, ''), c.name, coalesce(c.tier, ''), c.annual_value,
           coalesce({_PRIMARY.format(f="name")}, ''), coalesce({_PRIMARY.format(f="phone")}, ''),
           coalesce(c.last_contact, ''), coalesce(c.last_manager_visit, ''), c.status"""
# The team as it is now: the other backups, and the other staff still employed linked in any role (how many, who):
# the Risk tab's rule of a second thread (store/risk.py).
_LIVE_TEAM_SQL = """,
           (SELECT group_concat(b.staff_id) FROM client_team b
             WHERE b.client_id = c.id AND b.role = 'backup' AND b.staff_id != :staff),
           (SELECT count(DISTINCT o.staff_id) FROM client_team o JOIN staff os ON os.id = o.staff_id
             WHERE o.client_id = c.id AND o.staff_id != :staff AND os.status IN ('active', 'notice')),
           coalesce((SELECT group_concat(DISTINCT o.staff_id) FROM client_team o JOIN staff os ON os.id = o.staff_id
             WHERE o.client_id = c.id AND o.staff_id != :staff AND os.status IN ('active', 'notice')), '')"""

_LINE_COLUMNS = ("client_id", "code", "name", "tier", "annual_value", "contact", "contact_phone", "last_contact",
                 "last_manager_visit", "status")  # the first ten columns of _CLIENT_SQL
_TEAM = len(_LINE_COLUMNS) + 3  # then backups, others linked, who they are


def _ids(text: str | None) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(",")) if text else ()


def _line(row: tuple, role: str, successor: int | None = None, notify: str | None = None,
          visit: str | None = None, visited_by: int | None = None, new_backup: int | None = None) -> ClientLine:
    n = len(_LINE_COLUMNS)
    linked = row[n + 2]
    return ClientLine(**dict(zip(_LINE_COLUMNS, row[:n], strict=True)), role=role, backups=_ids(row[n]),
                      others_linked=row[n + 1], linked=None if linked is None else _ids(linked),
                      successor_id=successor, notify_on=notify, visit_on=visit, visited_by=visited_by,
                      new_backup_id=new_backup)


def current_lines(db: Database, staff_id: int) -> list[ClientLine]:
    """Every client the person owns or backs up, by annual value, largest first."""
    sql = (_CLIENT_SQL + _LIVE_TEAM_SQL + ", t.role FROM client_team t JOIN clients c ON c.id = t.client_id "
           "WHERE t.staff_id = :staff AND t.role IN ('owner', 'backup') ORDER BY c.annual_value DESC, c.id")
    return [_line(row[:_TEAM], row[_TEAM]) for row in db.execute(sql, {"staff": staff_id})]


def candidates(db: Database) -> list[Candidate]:
    """Active staff who can take clients over, with the clients and value they already own, their role and
    whether they have access to trade secrets (people on notice or gone are not candidates)."""
    return [Candidate(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7]) for r in db.execute(
        "SELECT s.id, s.name, s.department, coalesce(own.v, 0), s.role, s.secret_access, s.status, "
        "coalesce(own.n, 0) FROM staff s LEFT JOIN (SELECT t.staff_id, count(*) AS n, sum(c.annual_value) AS v "
        "FROM client_team t JOIN clients c ON c.id = t.client_id WHERE t.role = 'owner' GROUP BY t.staff_id) own "
        "ON own.staff_id = s.id WHERE s.status = 'active' ORDER BY s.name")]


# -- the checklist template
def checklist_template(db: Database, language: str = "en") -> list[tuple[str, str, int]]:
    """The firm's checklist template; seeded from resources/checklists/exit.json on first use."""
    rows = db.execute("SELECT text, responsible, due_offset FROM checklist_template ORDER BY position").fetchall()
    if rows:
        return with_required_items([tuple(r) for r in rows], language)
    return default_template(language)


def with_required_items(rows: list[tuple[str, str, int]], language: str) -> list[tuple[str, str, int]]:
    """The firm's own template, plus each legally required item it lacks (matched by its text in either language);
    the firm's items stay as they are."""
    data = json.loads(resources.path("checklists/exit.json").read_text(encoding="utf-8"))
    have = {text.strip() for text, _, _ in rows}
    zh = language == "zh"
    extra = [(i["zh" if zh else "en"], i["who_zh" if zh else "who_en"], int(i["due"])) for i in data["items"]
             if i.get("required") and i["zh"] not in have and i["en"] not in have]
    return [*rows, *extra]


def default_template(language: str) -> list[tuple[str, str, int]]:
    data = json.loads(resources.path("checklists/exit.json").read_text(encoding="utf-8"))
    zh = language == "zh"
    return [(i["zh" if zh else "en"], i["who_zh" if zh else "who_en"], int(i["due"])) for i in data["items"]]


def save_template(db: Database, rows: list[tuple[str, str, int]]) -> None:
    with writing(db):
        db.execute("DELETE FROM checklist_template")
        for position, (text, responsible, offset) in enumerate(rows):
            db.execute("INSERT INTO checklist_template (position, text, responsible, due_offset) VALUES (?, ?, ?, ?)",
                       [position, text, responsible, offset])


# -- drafts and finishing
def open_handover(db: Database, staff_id: int) -> HandoverPlan | None:
    """The person's handover that is not complete (a draft, or handed over and on notice), if any."""
    row = db.execute("SELECT id, resignation_date, last_day, reason, reason_text, destination, to_competitor, "
                     "secret_access FROM handovers WHERE staff_id = ? AND status != 'complete'", [staff_id]).fetchone()
    if row is None:
        return None
    return load_handover(db, row[0])


def load_handover(db: Database, handover_id: int) -> HandoverPlan:
    row = db.execute("SELECT staff_id, resignation_date, last_day, reason, reason_text, destination, to_competitor, "
                     "secret_access FROM handovers WHERE id = ?", [handover_id]).fetchone()
    if row is None:
        raise StoreError("not_found", value=str(handover_id))
    staff_id = row[0]
    departure = Departure(row[1], row[2], row[3], row[4], row[5], to_competitor=bool(row[6]),
                          secret_access=bool(row[7]))
    # The team as it was when the handover was written, not as the handover left it.
    sql = (_CLIENT_SQL + ", h.backups, h.others_linked, h.linked, h.role, h.successor_id, h.notify_on, "
           "h.visit_on, h.visited_by, h.new_backup_id "
           "FROM handover_clients h JOIN clients c ON c.id = h.client_id WHERE h.handover_id = :handover "
           "ORDER BY c.annual_value DESC, c.id")
    lines = tuple(_line(r[:_TEAM], *r[_TEAM:]) for r in db.execute(sql, {"handover": handover_id}))
    items = tuple(ChecklistItem(t, r, d, bool(done)) for t, r, d, done in db.execute(
        "SELECT text, responsible, due, done FROM handover_items WHERE handover_id = ? ORDER BY position",
        [handover_id]))
    decided = db.execute("SELECT id, departure_decision, departure_pay FROM agreements WHERE staff_id = ? "
                         "AND departure_decision IS NOT NULL ORDER BY id", [staff_id]).fetchall()
    return HandoverPlan(staff_id, departure, lines, items, handover_id, decided[-1][2] if decided else None,
                        tuple((r[0], r[1]) for r in decided))


def handover_status(db: Database, handover_id: int) -> str:
    return db.execute("SELECT status FROM handovers WHERE id = ?", [handover_id]).fetchone()[0]


def _write(db: Database, plan: HandoverPlan, status: str) -> int:
    dep = plan.departure
    values = [dep.resignation_date, dep.last_day, dep.reason, dep.reason_text, dep.destination,
              int(dep.to_competitor), int(dep.secret_access)]
    if plan.handover_id is None:
        previous = db.execute("SELECT status FROM staff WHERE id = ?", [plan.staff_id]).fetchone()
        if previous is None:
            raise StoreError("not_found", value=str(plan.staff_id))
        handover_id = inserted_id(db.execute(
            "INSERT INTO handovers (staff_id, status, resignation_date, last_day, reason, reason_text, destination, "
            "to_competitor, secret_access, previous_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [plan.staff_id, status, *values, previous[0]]))
    else:
        handover_id = plan.handover_id
        if handover_status(db, handover_id) != "draft":
            raise StoreError("handover_not_draft")
        db.execute("UPDATE handovers SET status = ?, resignation_date = ?, last_day = ?, reason = ?, reason_text = ?, "
                   "destination = ?, to_competitor = ?, secret_access = ? WHERE id = ?",
                   [status, *values, handover_id])
        db.execute("DELETE FROM handover_clients WHERE handover_id = ?", [handover_id])
        db.execute("DELETE FROM handover_items WHERE handover_id = ?", [handover_id])
    for line in plan.lines:
        db.execute("INSERT INTO handover_clients (handover_id, client_id, role, successor_id, notify_on, visit_on, "
                   "backups, others_linked, linked, visited_by, new_backup_id) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [handover_id, line.client_id, line.role, line.successor_id, line.notify_on, line.visit_on,
                    ",".join(map(str, line.backups)), line.others_linked,
                    None if line.linked is None else ",".join(map(str, line.linked)), line.visited_by,
                    line.new_backup_id])
    for position, item in enumerate(plan.checklist):
        db.execute("INSERT INTO handover_items (handover_id, position, text, responsible, due, done) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   [handover_id, position, item.text, item.responsible, item.due, int(item.done)])
    db.execute("UPDATE staff SET status = 'notice', notice_date = ?, last_day = ?, secret_access = ?, "
               "updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') WHERE id = ?",
               [dep.resignation_date, dep.last_day, int(dep.secret_access), plan.staff_id])
    start_noncompete_clocks(db, plan.staff_id, dep.last_day)
    if plan.noncompete_decisions:
        record_departure(db, plan.staff_id, plan.average_pay, dict(plan.noncompete_decisions), dep.last_day)
    return handover_id


def save_draft(db: Database, plan: HandoverPlan) -> int:
    """Keep the plan to resume later; no client changes owner yet. The person is now on notice."""
    with writing(db):
        handover_id = _write(db, plan, "draft")
        audit(db, "handover_draft", handover=handover_id, staff=plan.staff_id)
    return handover_id


def finish_handover(db: Database, plan: HandoverPlan, today: str | None = None) -> int:
    """All or nothing: owners change (with history), the handover and checklist are stored, an audit row."""
    problems = plan_problems(plan)
    if problems:
        field, problem = next(iter(problems.items()))
        raise problem.at(field, StoreError)
    today = today or dt.date.today().isoformat()
    from churnguard_gui.store.backup import backup_before

    backup_before(db, "before-handover")  # a verified copy before owners change
    with writing(db):
        handover_id = _write(db, plan, "handed_over")
        db.execute("UPDATE handovers SET handed_over_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') "
                   "WHERE id = ?", [handover_id])
        moved = 0
        for line in plan.lines:
            if line.role != "owner":
                continue
            owner = db.execute("SELECT staff_id FROM client_team WHERE client_id = ? AND role = 'owner'",
                               [line.client_id]).fetchone()
            if owner is None or owner[0] != plan.staff_id:
                raise StoreError("handover_stale", value=line.name)
            db.execute("DELETE FROM client_team WHERE client_id = ? AND role = 'owner'", [line.client_id])
            db.execute("DELETE FROM client_team WHERE client_id = ? AND staff_id = ? AND role = 'backup'",
                       [line.client_id, line.successor_id])
            db.execute("INSERT INTO client_team (client_id, staff_id, role, since) VALUES (?, ?, 'owner', ?)",
                       [line.client_id, line.successor_id, today])
            record_owner_change(db, line.client_id, plan.staff_id, line.successor_id, today, "exit handover",
                                handover_id)
            if line.new_backup_id is not None and line.new_backup_id != line.successor_id:
                db.execute("INSERT OR IGNORE INTO client_team (client_id, staff_id, role, since) "
                           "VALUES (?, ?, 'backup', ?)", [line.client_id, line.new_backup_id, today])
            moved += 1
        visits_from_handover(db, handover_id)  # the key-client visits planned here become visit entries
        audit(db, "handover", handover=handover_id, staff=plan.staff_id, clients_moved=moved)
    return handover_id


def discard_draft(db: Database, handover_id: int) -> None:
    """Throw a draft away and put the person back to the status they had."""
    row = db.execute("SELECT staff_id, status, previous_status FROM handovers WHERE id = ?", [handover_id]).fetchone()
    if row is None or row[1] != "draft":
        raise StoreError("handover_not_draft")
    with writing(db):
        db.execute("UPDATE staff SET status = ?, notice_date = NULL, last_day = NULL WHERE id = ?",
                   [row[2] or "active", row[0]])
        db.execute("DELETE FROM handovers WHERE id = ?", [handover_id])
        audit(db, "handover_discarded", handover=handover_id, staff=row[0])


def set_item_done(db: Database, handover_id: int, position: int, done: bool) -> None:
    with writing(db):
        db.execute("UPDATE handover_items SET done = ? WHERE handover_id = ? AND position = ?",
                   [int(done), handover_id, position])


def complete_handover(db: Database, handover_id: int) -> None:
    """On the last day: every checklist item ticked, the person has left."""
    row = db.execute("SELECT staff_id, status FROM handovers WHERE id = ?", [handover_id]).fetchone()
    if row is None or row[1] != "handed_over":
        raise StoreError("handover_not_handed_over")
    open_items = db.execute("SELECT text FROM handover_items WHERE handover_id = ? AND done = 0 ORDER BY position",
                            [handover_id]).fetchall()
    if open_items:
        raise StoreError("checklist_open", details={"count": len(open_items), "names": open_items[0][0]})
    with writing(db):
        db.execute("UPDATE handovers SET status = 'complete', completed_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', "
                   "'localtime') WHERE id = ?", [handover_id])
        db.execute("UPDATE staff SET status = 'left' WHERE id = ?", [row[0]])
        audit(db, "handover_complete", handover=handover_id, staff=row[0])


# -- the report
def report_data(db: Database, staff_id: int, now: dt.datetime | None = None) -> HandoverReport:
    """The report for the person's open (or last) handover, or for their current clients if none."""
    now = now or dt.datetime.now()
    staff = db.execute("SELECT s.name, s.role, s.department, s.notice_date, s.last_day, m.name FROM staff s "
                       "LEFT JOIN staff m ON m.id = s.manager_id WHERE s.id = ?", [staff_id]).fetchone()
    if staff is None:
        raise StoreError("not_found", value=str(staff_id))
    row = db.execute("SELECT id, status FROM handovers WHERE staff_id = ? ORDER BY status = 'complete', id DESC "
                     "LIMIT 1", [staff_id]).fetchone()
    if row is not None:
        plan = load_handover(db, row[0])
        lines, checklist, status = plan.lines, plan.checklist, row[1]
        dep = plan.departure
        number = f"HO-{row[0]:05d}"
        resignation, last_day, reason, destination = dep.resignation_date, dep.last_day, dep.reason, dep.destination
        reason_text = dep.reason_text
    else:
        lines = tuple(current_lines(db, staff_id))
        checklist, status = (), "none"
        number = f"CL-{staff_id:05d}-{now:%Y%m%d}"
        resignation, last_day, reason, destination = staff[3] or "", staff[4] or "", "", ""
        reason_text = ""
    ids = {ln.successor_id for ln in lines if ln.successor_id} | {ln.visited_by for ln in lines if ln.visited_by}
    names = dict(db.execute(f"SELECT id, name FROM staff WHERE id IN ({','.join('?' * len(ids))})", list(ids))
                 .fetchall()) if ids else {}
    firm_total = db.execute("SELECT coalesce(sum(annual_value), 0) FROM clients WHERE status = 'active'").fetchone()[0]
    return HandoverReport(
        firm=get_setting(db, "firm_name"), document_no=number, generated_at=now.strftime("%Y-%m-%d %H:%M"),
        staff_name=staff[0], role=staff[1], department=staff[2], resignation_date=resignation, last_day=last_day,
        reason=reason, reason_text=reason_text, destination=destination, lines=tuple(lines), successor_names=names,
        firm_total_value=firm_total, checklist=tuple(checklist), agreements=agreement_lines(db, staff_id, now.date()),
        manager_name=staff[5] or "", status=status, produced_by=get_setting(db, "firm_name"))


def log_report_event(db: Database, action: str, staff_id: int, document: str, target: str) -> None:
    """An audit row for every save and print of a report."""
    with writing(db):
        audit(db, action, report="handover", staff=staff_id, document=document, target=target)

"""Manager visits (planned and done) and firm-level contact, with the schedule and the flags in SQL."""
from __future__ import annotations

import datetime as dt
import json
from typing import Literal, overload

from sqlite_utils import Database

from churnguard_gui.core.errors import FieldProblem, StoreError
from churnguard_gui.core.values import parse_date
from churnguard_gui.core.visits import (
    FIRM_CONTACT_KINDS,
    FirmContact,
    Visit,
    VisitDue,
    firm_contact_cutoff,
    next_visit_due,
    overdue_cutoffs,
    visit_days_from_json,
)
from churnguard_gui.store.db import audit, inserted_id, writing
from churnguard_gui.store.settings import get_setting

KEY_TIERS = "('A', 'B')"  # firm-level contact is watched for these tiers


def visit_days(db: Database) -> dict[str, int]:
    return visit_days_from_json(get_setting(db, "visit_days"))


def set_visit_days(db: Database, days: dict[str, int]) -> None:
    clean = visit_days_from_json(json.dumps(days))
    with writing(db):
        db.execute("INSERT INTO settings (key, value) VALUES ('visit_days', ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [json.dumps(clean)])
        audit(db, "visit_days", **clean)


@overload
def _date(value: str | None, field: str, required: Literal[True] = True) -> str: ...
@overload
def _date(value: str | None, field: str, required: bool) -> str | None: ...
def _date(value: str | None, field: str, required: bool = True) -> str | None:
    try:
        date = parse_date(value)
    except FieldProblem as problem:
        raise problem.at(field, StoreError) from None
    if required and not date:
        raise StoreError("required", field=field)
    return date


def _overdue_where(today: dt.date, intervals: dict[str, int]) -> tuple[str, list]:
    parts, params = [], []
    for tier, cutoff in overdue_cutoffs(today, intervals).items():
        parts.append("(c.tier = ? AND (c.last_manager_visit IS NULL OR c.last_manager_visit < ?))")
        params += [tier, cutoff]
    return ("(" + " OR ".join(parts) + ")" if parts else "0"), params


_SCHEDULE_SQL = """
    SELECT c.id, coalesce(c.code, ''), c.name, c.tier, coalesce(o.name, ''), coalesce(m.name, ''),
           coalesce(c.last_manager_visit, ''),
           coalesce((SELECT min(v.planned_on) FROM manager_visits v
                     WHERE v.client_id = c.id AND v.visited_on IS NULL), ''),
           c.annual_value
    FROM clients c
    LEFT JOIN client_team ot ON ot.client_id = c.id AND ot.role = 'owner'
    LEFT JOIN staff o ON o.id = ot.staff_id
    LEFT JOIN client_team mt ON mt.id = (SELECT min(id) FROM client_team
                                         WHERE client_id = c.id AND role = 'manager')
    LEFT JOIN staff m ON m.id = mt.staff_id
    WHERE c.status = 'active' AND {where}
    ORDER BY {order}"""


def visit_schedule(db: Database, today: dt.date | None = None, overdue_only: bool = False,
                   limit: int | None = None) -> list[VisitDue]:
    """Active clients of the tiers with scheduled visits: when each is due, most overdue first."""
    today = today or dt.date.today()
    intervals = visit_days(db)
    if overdue_only:
        where, params = _overdue_where(today, intervals)
    else:
        tiers = [t for t, d in intervals.items() if d]
        where, params = (f"c.tier IN ({','.join('?' * len(tiers))})", tiers) if tiers else ("0", [])
    sql = _SCHEDULE_SQL.format(where=where, order="c.last_manager_visit IS NOT NULL, c.last_manager_visit, "
                                                  "c.annual_value DESC, c.id")
    if limit:
        sql += f" LIMIT {int(limit)}"
    out = []
    for row in db.execute(sql, params):
        due = next_visit_due(row[3], row[6] or None, intervals) or ""
        out.append(VisitDue(row[0], row[1], row[2], row[3], row[4], row[5], row[6], due_on=due, planned_on=row[7],
                            value=row[8]))
    return out


def overdue_visit_count(db: Database, today: dt.date | None = None,
                        intervals: dict[str, int] | None = None) -> tuple[int, int]:
    """How many active clients are overdue by their tier's schedule, and their value: per tier, the never visited
    and those visited before the cutoff, each a range of the covering index clients_key_visits (an OR of the two
    would read every matching row from the table)."""
    parts, params = [], []
    for tier, cutoff in overdue_cutoffs(today or dt.date.today(), intervals or visit_days(db)).items():
        for test, extra in (("IS NULL", []), ("< ?", [cutoff])):
            parts.append("SELECT count(*) AS n, coalesce(sum(annual_value), 0) AS v FROM clients "
                         f"WHERE tier = ? AND status = 'active' AND last_manager_visit {test}")
            params += [tier, *extra]
    if not parts:
        return 0, 0
    return tuple(db.execute(f"SELECT sum(n), sum(v) FROM ({' UNION ALL '.join(parts)})", params).fetchone())


def visits(db: Database, client_id: int | None = None, planned_only: bool = False) -> list[Visit]:
    where, params = [], []
    if client_id is not None:
        where.append("v.client_id = ?")
        params.append(client_id)
    if planned_only:
        where.append("v.visited_on IS NULL")
    sql = ("SELECT v.id, v.client_id, c.name, coalesce(v.planned_on, ''), coalesce(v.visited_on, ''), v.manager_id, "
           "coalesce(s.name, ''), v.notes, v.handover_id IS NOT NULL FROM manager_visits v "
           "JOIN clients c ON c.id = v.client_id LEFT JOIN staff s ON s.id = v.manager_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY coalesce(v.visited_on, v.planned_on) DESC, v.id DESC")
    return [Visit(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], bool(row[8]))
            for row in db.execute(sql, params)]


def _client_exists(db: Database, client_id: int) -> None:
    if db.execute("SELECT 1 FROM clients WHERE id = ?", [client_id]).fetchone() is None:
        raise StoreError("not_found", value=str(client_id))


def plan_visit(db: Database, client_id: int, planned_on: str, manager_id: int | None, notes: str = "") -> int:
    date = _date(planned_on, "planned_on")
    _client_exists(db, client_id)
    with writing(db):
        visit_id = inserted_id(db.execute("INSERT INTO manager_visits (client_id, planned_on, manager_id, notes) "
                              "VALUES (?, ?, ?, ?)", [client_id, date, manager_id, notes.strip()]))
        audit(db, "visit_planned", client=client_id, on=date)
    return visit_id


def log_visit(db: Database, client_id: int, visited_on: str, manager_id: int | None, notes: str = "",
              visit_id: int | None = None) -> int:
    """Record a visit that happened (closing the planned one when given); the client's last manager visit
    moves forward, never back."""
    date = _date(visited_on, "visited_on")
    if date > dt.date.today().isoformat():
        raise StoreError("visit_in_future", field="visited_on", value=date)
    _client_exists(db, client_id)
    with writing(db):
        if visit_id is not None:
            db.execute("UPDATE manager_visits SET visited_on = ?, manager_id = coalesce(?, manager_id), "
                       "notes = CASE WHEN ? = '' THEN notes ELSE ? END WHERE id = ? AND client_id = ?",
                       [date, manager_id, notes.strip(), notes.strip(), visit_id, client_id])
        else:
            visit_id = inserted_id(db.execute("INSERT INTO manager_visits (client_id, visited_on, manager_id, notes) "
                                  "VALUES (?, ?, ?, ?)", [client_id, date, manager_id, notes.strip()]))
        db.execute("UPDATE clients SET last_manager_visit = ? WHERE id = ? "
                   "AND (last_manager_visit IS NULL OR last_manager_visit < ?)", [date, client_id, date])
        db.execute("INSERT INTO contact_log (client_id, staff_id, kind, happened_on, summary) "
                   "VALUES (?, ?, 'manager_visit', ?, ?)", [client_id, manager_id, date, notes.strip()])
        audit(db, "visit_logged", client=client_id, on=date)
    return visit_id


def visits_from_handover(db: Database, handover_id: int) -> int:
    """The key-client visits planned in a handover become planned manager visits (once; by the visitor the
    handover names, else the client's manager). Inside the caller's transaction or on its own."""
    has_visitor = any(c[1] == "visited_by" for c in db.execute("PRAGMA table_info(handover_clients)"))
    visitor = "h.visited_by" if has_visitor else "NULL"
    rows = db.execute(
        f"SELECT h.client_id, h.visit_on, coalesce({visitor}, (SELECT min(staff_id) FROM client_team "
        "WHERE client_id = h.client_id AND role = 'manager')) FROM handover_clients h "
        "WHERE h.handover_id = ? AND h.visit_on IS NOT NULL AND NOT EXISTS (SELECT 1 FROM manager_visits v "
        "WHERE v.handover_id = h.handover_id AND v.client_id = h.client_id)", [handover_id]).fetchall()
    for client_id, visit_on, manager in rows:
        db.execute("INSERT INTO manager_visits (client_id, planned_on, manager_id, notes, handover_id) "
                   "VALUES (?, ?, ?, ?, ?)", [client_id, visit_on, manager, f"HO-{handover_id:05d}", handover_id])
    return len(rows)


def sync_handover_visits(db: Database) -> int:
    """Turn every finished handover's planned key-client visits into visit entries (idempotent)."""
    with writing(db):
        return sum(visits_from_handover(db, hid) for (hid,) in db.execute(
            "SELECT id FROM handovers WHERE status != 'draft'").fetchall())


# -- firm-level contact
def add_firm_contact(db: Database, client_id: int, kind: str, happened_on: str, from_whom: str = "",
                     to_person: str = "", notes: str = "") -> int:
    if kind not in FIRM_CONTACT_KINDS:
        raise StoreError("bad_choice", field="kind", value=kind, details={"choices": ", ".join(FIRM_CONTACT_KINDS)})
    date = _date(happened_on, "happened_on")
    _client_exists(db, client_id)
    with writing(db):
        contact_id = inserted_id(db.execute(
            "INSERT INTO firm_contacts (client_id, kind, happened_on, from_whom, to_person, notes) "
            "VALUES (?, ?, ?, ?, ?, ?)", [client_id, kind, date, from_whom.strip(), to_person.strip(),
                                          notes.strip()]))
        audit(db, "firm_contact", client=client_id, kind=kind, on=date)
    return contact_id


def firm_contacts(db: Database, client_id: int | None = None, limit: int = 500) -> list[FirmContact]:
    where, params = ("WHERE f.client_id = ?", [client_id]) if client_id is not None else ("", [])
    return [FirmContact(*row) for row in db.execute(
        "SELECT f.id, f.client_id, c.name, f.kind, f.happened_on, f.from_whom, f.to_person, f.notes "
        f"FROM firm_contacts f JOIN clients c ON c.id = f.client_id {where} "
        f"ORDER BY f.happened_on DESC, f.id DESC LIMIT {int(limit)}", params)]


_NO_FIRM_CONTACT_SQL = f"""
    FROM clients c
    LEFT JOIN client_team ot ON ot.client_id = c.id AND ot.role = 'owner'
    LEFT JOIN staff o ON o.id = ot.staff_id
    WHERE c.status = 'active' AND c.tier IN {KEY_TIERS}
      AND NOT EXISTS (SELECT 1 FROM firm_contacts f WHERE f.client_id = c.id AND f.happened_on >= ?)"""


def without_firm_contact(db: Database, today: dt.date | None = None, limit: int | None = None) -> list[tuple]:
    """Key clients (tier A and B) with no firm-level contact for 12 months, largest first: id, code, name, tier,
    owner, last firm contact, value."""
    return db.execute(
        "SELECT c.id, coalesce(c.code, ''), c.name, c.tier, coalesce(o.name, ''), "
        "coalesce((SELECT max(happened_on) FROM firm_contacts f WHERE f.client_id = c.id), ''), c.annual_value "
        f"{_NO_FIRM_CONTACT_SQL} ORDER BY c.annual_value DESC, c.id" + (f" LIMIT {int(limit)}" if limit else ""),
        [firm_contact_cutoff(today or dt.date.today())]).fetchall()


def without_firm_contact_count(db: Database, today: dt.date | None = None) -> tuple[int, int]:
    """The key clients, less those with a firm-level contact since the cutoff (read from the contacts by day, not
    one look-up per client)."""
    key = f"c.status = 'active' AND c.tier IN {KEY_TIERS}"
    return tuple(db.execute(
        f"SELECT a.n - b.n, a.v - b.v FROM (SELECT count(*) AS n, coalesce(sum(c.annual_value), 0) AS v "
        f"FROM clients c WHERE {key}) a, (SELECT count(*) AS n, coalesce(sum(c.annual_value), 0) AS v FROM clients c "
        f"WHERE {key} AND c.id IN (SELECT client_id FROM firm_contacts WHERE happened_on >= ?)) b",
        [firm_contact_cutoff(today or dt.date.today())]).fetchone())

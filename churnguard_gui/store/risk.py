"""The firm's risk figures computed in SQL: one function for the Risk tab, the risk report and `risks`."""
from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from churnguard_gui.core.errors import FieldProblem, StoreError
from churnguard_gui.core.risk import (
    TOP_SINGLE_THREADED,
    WARNING_KINDS,
    ClientRisk,
    Leaver,
    PersonNote,
    RiskFigures,
    Thresholds,
    WarningSign,
    holdings,
    is_key_person,
    payments_due,
    sign_cutoff,
)
from churnguard_gui.core.values import parse_date
from churnguard_gui.store.agreements import CONFIDENTIALITY_HELD
from churnguard_gui.store.db import audit, inserted_id, writing
from churnguard_gui.store.settings import get_setting, risk_thresholds
from churnguard_gui.store.tactics import tactic_figures, visits_figure
from churnguard_gui.store.visits import visit_days, visit_schedule

EMPLOYED = "('active', 'notice')"
# The rule (kept per client in client_threads by the triggers of migration m014_risk2): an active client is
# single-threaded when it has an owner and nobody else of the firm linked to it (backup or manager) who is still
# employed (active or on notice). The owner counts once, whatever other roles they also hold.
SINGLE_THREADED_SQL = """
    FROM client_threads x
    JOIN clients c ON c.id = x.client_id
    JOIN staff o ON o.id = x.owner_id
    WHERE x.active = 1 AND x.alone = 1 AND x.owner_id IS NOT NULL"""
# One pass over a covering index, in owner order: each owner's active clients and value, and how many of them (and
# how much value) are single-threaded.
HOLDINGS_SQL = """
    SELECT x.owner_id, o.name, count(*), sum(x.value), sum(x.alone), sum(x.alone * x.value)
    FROM client_threads x INDEXED BY client_threads_holdings
    JOIN staff o ON o.id = x.owner_id
    WHERE x.active = 1 AND x.owner_id IS NOT NULL
    GROUP BY x.owner_id"""
CONFIDENTIALITY_SQL = f"SELECT DISTINCT a.staff_id FROM agreements a WHERE {CONFIDENTIALITY_HELD}"
NONCOMPETE_SQL = "SELECT DISTINCT staff_id FROM agreements WHERE kind IN ('noncompete', 'both') AND status = 'signed'"


def risk_figures(db: Database, today: dt.date | None = None, now: dt.datetime | None = None) -> RiskFigures:
    """Every figure of the early warning, as of today."""
    today = today or dt.date.today()
    now = now or dt.datetime.now()
    thresholds = risk_thresholds(db)
    clients, value = db.execute(
        "SELECT count(*), coalesce(sum(annual_value), 0) FROM clients WHERE status = 'active'").fetchone()
    rows = db.execute(HOLDINGS_SQL).fetchall()
    held = holdings([row[:4] for row in rows], value, thresholds)
    single_count, single_value = sum(row[4] for row in rows), sum(row[5] for row in rows)
    top = tuple(ClientRisk(*row) for row in db.execute(
        f"SELECT c.id, coalesce(c.code, ''), c.name, o.name, c.annual_value {SINGLE_THREADED_SQL} "
        f"ORDER BY x.value DESC, x.client_id LIMIT {TOP_SINGLE_THREADED}"))
    intervals = visit_days(db)
    overdue = visits_figure(db, today, intervals)  # the one definition of an overdue manager visit (tactic 4)
    return RiskFigures(
        as_of=today.isoformat(), firm=get_setting(db, "firm_name"), thresholds=thresholds, clients=clients,
        value=value, concentration=held, single_threaded_count=single_count, single_threaded_value=single_value,
        single_threaded_top=top, without_confidentiality=_without_confidentiality(db, held),
        key_without_noncompete=_key_without_noncompete(db, held, value, thresholds),
        on_notice=_on_notice(db), payments=_payments(db, today),
        signs=warning_signs(db, since=sign_cutoff(today, thresholds)), unvisited_count=overdue["count"],
        unvisited_value=overdue["value"], visit_intervals=intervals, generated_at=now.strftime("%Y-%m-%d %H:%M"),
        tactics=tactic_figures(db, today, (single_count, single_value), overdue))


def _without_confidentiality(db: Database, held) -> tuple[PersonNote, ...]:
    signed = {row[0] for row in db.execute(CONFIDENTIALITY_SQL)}
    people = [PersonNote(h.staff_id, h.staff, str(h.clients), h.value) for h in held if h.staff_id not in signed]
    return tuple(sorted(people, key=lambda p: (p.name, p.staff_id)))


def _key_without_noncompete(db: Database, held, total: int, thresholds: Thresholds) -> tuple[PersonNote, ...]:
    value_of = {h.staff_id: h.value for h in held}
    out = []
    for staff_id, name, secret in db.execute(
            f"SELECT id, name, secret_access FROM staff WHERE status IN {EMPLOYED} "
            f"AND id NOT IN ({NONCOMPETE_SQL}) ORDER BY name, id"):
        value = value_of.get(staff_id, 0)
        if is_key_person(bool(secret), value, total, thresholds):
            why = [w for w, on in (("secret_access", secret), ("share", is_key_person(False, value, total, thresholds)))
                   if on]
            out.append(PersonNote(staff_id, name, ",".join(why), value))
    return tuple(out)


def _on_notice(db: Database) -> tuple[Leaver, ...]:
    rows = db.execute("""
        SELECT s.id, s.name, coalesce(s.last_day, ''), coalesce(h.status, 'none'),
               (SELECT count(*) FROM handover_items i WHERE i.handover_id = h.id AND i.done = 1),
               (SELECT count(*) FROM handover_items i WHERE i.handover_id = h.id),
               (SELECT count(*) FROM client_team t JOIN clients c ON c.id = t.client_id
                 WHERE t.staff_id = s.id AND t.role = 'owner' AND c.status = 'active'),
               (SELECT coalesce(sum(c.annual_value), 0) FROM client_team t JOIN clients c ON c.id = t.client_id
                 WHERE t.staff_id = s.id AND t.role = 'owner' AND c.status = 'active')
        FROM staff s LEFT JOIN handovers h ON h.id = (SELECT max(id) FROM handovers WHERE staff_id = s.id)
        WHERE s.status = 'notice' ORDER BY s.last_day IS NULL, s.last_day, s.name""").fetchall()
    return tuple(Leaver(*row) for row in rows)


def _payments(db: Database, today: dt.date):
    from churnguard_gui.store.agreements import obligations

    out = []
    for ob in obligations(db, today):
        out += payments_due(ob.document_no, ob.staff_name, ob.agreement_id, ob.installments, today)
    return tuple(sorted(out, key=lambda p: (p.due_on, p.staff, p.number)))


def active_holdings(db: Database) -> tuple[int, dict[int, int]]:
    """The firm's active client value, and the active value each owner holds (the Risk tab's concentration)."""
    (total,) = db.execute("SELECT coalesce(sum(annual_value), 0) FROM clients WHERE status = 'active'").fetchone()
    return total, {owner: value for owner, _, _, value, _, _ in db.execute(HOLDINGS_SQL)}


def client_count(db: Database) -> int:
    """How many clients the firm has (all statuses): how long the figures will take."""
    return db.execute("SELECT count(*) FROM clients").fetchone()[0]


# -- the lists behind the tiles
def single_threaded_clients(db: Database) -> list[ClientRisk]:
    return [ClientRisk(*row) for row in db.execute(
        f"SELECT c.id, coalesce(c.code, ''), c.name, o.name, c.annual_value {SINGLE_THREADED_SQL} "
        "ORDER BY x.value DESC, x.client_id")]


def unvisited_clients(db: Database, today: dt.date | None = None) -> list[tuple[ClientRisk, str]]:
    """Key clients overdue for a manager visit by the tier schedule (the tile's figure), largest first, with their
    last visit."""
    rows = visit_schedule(db, today, overdue_only=True)
    rows.sort(key=lambda v: (-v.value, v.client_id))
    return [(ClientRisk(v.client_id, v.code, v.name, v.owner, v.value), v.last_visit) for v in rows]


# -- warning signs on the staff record
def warning_signs(db: Database, staff_id: int | None = None, since: str | None = None) -> tuple[WarningSign, ...]:
    """Recorded signs, newest first: one person's (all of them), or every employed person's since a date."""
    where: list[str] = ["w.staff_id = ?"] if staff_id is not None else [f"s.status IN {EMPLOYED}"]
    params: list[object] = [staff_id] if staff_id is not None else []
    if since:
        where.append("w.noted_on >= ?")
        params.append(since)
    return tuple(WarningSign(*row) for row in db.execute(
        "SELECT w.id, w.staff_id, s.name, w.kind, w.noted_on, w.note FROM warning_signs w "
        f"JOIN staff s ON s.id = w.staff_id WHERE {' AND '.join(where)} ORDER BY w.noted_on DESC, w.id DESC",
        params))


def add_warning_sign(db: Database, staff_id: int, kind: str, noted_on: str, note: str = "") -> int:
    if kind not in WARNING_KINDS:
        raise StoreError("bad_choice", field="kind", value=kind, details={"choices": ", ".join(WARNING_KINDS)})
    try:
        date = parse_date(noted_on)
    except FieldProblem as problem:
        raise problem.at("noted_on", StoreError) from None
    if not date:
        raise StoreError("required", field="noted_on")
    if db.execute("SELECT 1 FROM staff WHERE id = ?", [staff_id]).fetchone() is None:
        raise StoreError("not_found", value=str(staff_id))
    with writing(db):
        sign_id = inserted_id(db.execute("INSERT INTO warning_signs (staff_id, kind, noted_on, note) "
                                         "VALUES (?, ?, ?, ?)", [staff_id, kind, date, note.strip()]))
        audit(db, "warning_sign_added", staff=staff_id, kind=kind, noted_on=date)
    return sign_id


def delete_warning_sign(db: Database, sign_id: int) -> None:
    with writing(db):
        row = db.execute("SELECT staff_id, kind FROM warning_signs WHERE id = ?", [sign_id]).fetchone()
        if row is None:
            raise StoreError("not_found", value=str(sign_id))
        db.execute("DELETE FROM warning_signs WHERE id = ?", [sign_id])
        audit(db, "warning_sign_deleted", staff=row[0], kind=row[1])


def log_risk_report(db: Database, action: str, as_of: str, target: str) -> None:
    """An audit row for every save and print of the risk report."""
    with writing(db):
        audit(db, action, report="risk", as_of=as_of, target=target)
